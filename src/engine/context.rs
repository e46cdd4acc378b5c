//! What every command needs: global options resolved into a data root, a
//! content store and registry settings, confidential-VM mode when it is
//! on, the command's network context and its one KBS session.

use super::mode::Mode;
use super::options::{GlobalOptions, KbsSettings};
use crate::error::Error;
use crate::image::Images;
use crate::layout::Layout;
use crate::registry::auth::CredentialStore;
use crate::store::Store;

/// What one command works with: its options, the data root, the image
/// service, and (made on first use) its one attested KBS session.
pub struct Context {
    pub opts: GlobalOptions,
    /// Where each kind of data lives.
    pub(crate) layout: Layout,
    pub(super) images: Images,
    /// Every key a command fetches from a KBS comes through one session,
    /// opened with the settings it is kept with.
    pub(super) kbs: std::sync::Mutex<Option<(KbsSettings, crate::kbs::KbsClient)>>,
    /// The keyrings this command has made, by the key specs and KBS
    /// settings asked for: a second acquisition with the same keys (a
    /// build's next base image, a compose project's next service) fetches
    /// nothing from the KBS again.
    pub(super) keyrings: std::sync::Mutex<Vec<KeyringEntry>>,
    /// What making the context changed that the user should hear of
    /// (a data root tightened to owner-only).
    pub notices: Vec<String>,
    /// Confidential-VM mode, when it is on.
    pub cvm: Option<Mode>,
    /// The command's network context (its one async runtime).
    pub net: super::Net,
}

/// One made keyring: the specs and KBS settings it was made for.
pub(super) type KeyringEntry = (
    (Vec<String>, KbsSettings),
    std::sync::Arc<crate::crypt::Keyring>,
);

impl Context {
    pub fn new(opts: &GlobalOptions) -> Result<Context, Error> {
        let cvm = Mode::detect(opts)?;
        let mut layout = Layout::new(&opts.data_root());
        if cvm.is_some() {
            // Plaintext (decrypted snapshots, containers, build scratch)
            // only in memory-backed storage that ccr mounted.
            let dir = crate::cvm::storage::plaintext_dir(layout.root());
            crate::cvm::storage::mount(&dir, opts.config.cvm_storage()?)?;
            layout = layout.with_plaintext(&dir);
        }
        let notices = layout.make_private().map_err(|source| Error::Io {
            path: layout.root().to_path_buf(),
            source,
        })?;
        let store = Store::open(&layout)?;
        let mut registry = opts.registry_config();
        if cvm.is_some() {
            // Registry credentials come from the KBS, never the guest's disk.
            registry.credentials = CredentialStore::from_kbs();
        }
        Ok(Context {
            opts: opts.clone(),
            layout,
            images: Images::new(store, registry),
            kbs: Default::default(),
            keyrings: Default::default(),
            notices,
            cvm,
            net: super::Net::new(),
        })
    }

    /// Runs network work on the command's network context.
    pub fn block_on<F: std::future::Future>(&self, f: F) -> Result<F::Output, Error> {
        self.net.block_on(f)
    }

    /// Ends the command's network work before a container process is made:
    /// the kept registry connections and the async runtime are dropped.
    pub fn close_net(&self) {
        self.images.drop_connections();
        self.net.close();
    }
}
