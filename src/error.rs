//! The error every command returns: one variant per module, each saying what
//! failed and why. Causes are kept as sources (`--debug` prints the chain);
//! what to do next is a separate [`Error::hint`], which the CLI prints and
//! words in its own flags.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Image(#[from] crate::image::ImageError),
    #[error(transparent)]
    Registry(#[from] crate::registry::RegistryError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Reference(#[from] crate::reference::ReferenceError),
    #[error(transparent)]
    Platform(#[from] crate::platform::PlatformError),
    #[error(transparent)]
    Format(#[from] crate::format::FormatError),
    #[error(transparent)]
    Auth(#[from] crate::registry::auth::AuthError),
    #[error(transparent)]
    Trust(#[from] crate::trust::TrustError),
    #[error(transparent)]
    Runtime(#[from] crate::runtime::RuntimeError),
    #[error(transparent)]
    Snapshot(#[from] crate::unpack::snapshot::SnapshotError),
    #[error(transparent)]
    Build(#[from] crate::builder::BuildError),
    #[error(transparent)]
    Crypt(#[from] crate::crypt::CryptError),
    #[error(transparent)]
    Kbs(#[from] crate::kbs::KbsError),
    /// A fresh key-encryption key with nowhere to go: encrypting under it
    /// would make an image nobody can open.
    #[error("{kid}: the generated key-encryption key must be kept somewhere")]
    KekNotKept { kid: String },
    #[error("{}: invalid configuration: {source}", path.display())]
    Config {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("cannot start the async runtime: {0}")]
    AsyncRuntime(#[source] std::io::Error),
    #[error("no such object: {0}")]
    NoSuchObject(String),
    #[error("{0}")]
    Usage(String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The exit status this error ends the process with.
    pub fn exit(&self) -> crate::Exit {
        use crate::Exit;
        match self {
            Error::Runtime(e) => e.exit(),
            _ => Exit::Failure,
        }
    }

    /// What to do next, where the error knows.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Kbs(e) => e.hint(),
            Error::Registry(e) => e.hint(),
            Error::Image(crate::image::ImageError::Registry(e)) => e.hint(),
            Error::KekNotKept { .. } => Some(
                "register it in the KBS with its admin credentials, or write it to a file for provisioning"
                    .into(),
            ),
            Error::NoSuchObject(_) => Some("no container and no image has this name or id".into()),
            _ => None,
        }
    }
}
