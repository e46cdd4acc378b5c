//! The one way a command acquires an image: a request (reference,
//! platforms, trust policy, keys, SBOM check) in, a verified, stored (and,
//! where keys open it or a container needs it, extracted) image out.
//!
//! The order is the product's promise: in confidential-VM mode the policy
//! is the KBS's; the SBOM's keys are known before anything is fetched; the
//! tag is resolved to a digest once and verified before content is
//! fetched (the image service's pull); the layers' keys are gathered (from
//! the KBS in CVM mode) and the layers extracted with them; the content is
//! checked against its signed SBOM; only then are docker's closing lines
//! printed. What a command newly stored is removed again by its
//! [`Rollback`] unless the command keeps it.

use std::sync::Arc;

use super::Context;
use super::keys::{KeyRequest, keyring};
use super::options::KbsSettings;
use super::sbom::SbomCheck;
use crate::crypt::Keyring;
use crate::error::Error;
use crate::image::{PlatformImage, PullOptions, PullPolicy, PullResult};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::store::ImageRecord;
use crate::trust::TrustPolicy;

/// What a command asks for.
#[derive(Clone, Default)]
pub struct Acquire {
    /// A reference, or (with `by_id`) the id (prefix) of a local image.
    pub image: String,
    /// A local image id may name the image (not when verifying: that
    /// needs a registry name).
    pub by_id: bool,
    /// When to contact the registry; `None` fetches always (`pull`).
    pub pull: Option<PullPolicy>,
    /// Platforms to fetch (empty: the host's).
    pub platforms: Vec<Platform>,
    pub all_platforms: bool,
    /// Signature requirements; with any, the registry is always consulted.
    pub trust: Option<Arc<TrustPolicy>>,
    /// Keys for encrypted layers.
    pub keys: KeyRequest,
    /// `--verify-sbom`: the content must be what its signed SBOM lists.
    pub sbom: SbomCheck,
    /// For a container: one platform image, chosen now.
    pub container: bool,
    /// Whether the layers are extracted (decrypting) now.
    pub extract: Extract,
}

/// When [`acquire`] extracts the layers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Extract {
    /// Not now (a container's runtime extracts what it needs).
    #[default]
    No,
    /// Where keys are given: they are proven by opening the layers, and a
    /// pull keeps no image its keys do not open.
    Keyed,
    /// Always (a check reads the extracted layers next).
    Always,
}

/// What a command got.
pub struct Acquired {
    pub rec: ImageRecord,
    /// The platform images acquired; for a container, the one it runs.
    pub images: Vec<PlatformImage>,
    /// The keys that open its encrypted layers (in CVM mode with the
    /// layers' own keys from the KBS).
    pub keys: Arc<Keyring>,
    /// Set when this command fetched.
    pub pulled: Option<PullResult>,
    /// The KBS settings it was acquired with (in CVM mode, where the
    /// event log's register is).
    pub kbs: KbsSettings,
}

impl Acquired {
    /// The platform image a container runs.
    pub fn image(&self) -> &PlatformImage {
        &self.images[0]
    }
}

/// Removes what a command newly stored unless the command [keeps](Rollback::keep) it.
pub struct Rollback<'a> {
    ctx: &'a Context,
    new: Vec<String>,
}

impl<'a> Rollback<'a> {
    pub fn new(ctx: &'a Context) -> Self {
        Rollback {
            ctx,
            new: Vec::new(),
        }
    }

    /// The command succeeded: what it stored stays.
    pub fn keep(mut self) {
        self.new.clear();
    }
}

impl Drop for Rollback<'_> {
    fn drop(&mut self) {
        for name in self.new.drain(..) {
            // Best effort: the command's own error is what the user hears.
            let _ = super::prune::forget(self.ctx, &name);
        }
    }
}

/// Acquires the image `req` asks for; what it newly stores is left to
/// `rollback`.
pub fn acquire(
    ctx: &Context,
    req: &Acquire,
    rollback: &mut Rollback<'_>,
    progress: &Progress,
) -> Result<Acquired, Error> {
    let r = ImageRef::parse(&req.image)?;
    // In confidential-VM mode the policy is the KBS's, every time.
    let trust = super::cvm::pull_policy(ctx, req.trust.clone(), &req.keys.kbs)?;
    let verify = trust.as_ref().is_some_and(|t| !t.is_empty());
    // The SBOM's keys are known (or missing) before anything is fetched.
    let sbom_keys = if req.sbom.enabled {
        Some(super::sbom::sbom_keys(
            ctx,
            &r,
            &req.sbom.keys,
            trust.as_deref(),
        )?)
    } else {
        None
    };
    let local = if req.by_id && !verify {
        ctx.images.lookup_id(&req.image)
    } else {
        None
    };
    let (rec, pulled) = match local {
        Some(rec) => (rec, None),
        None => {
            let present = ctx.images.store.image(&r.store_name())?;
            let fetch = match req.pull {
                None => true,
                Some(policy) => policy.must_pull(&r, verify, present.is_some())?,
            };
            if fetch {
                if present.is_none() && req.container {
                    // As docker's run and create say it, before pulling.
                    progress.notice(format!(
                        "Unable to find image '{}' locally",
                        as_given(&req.image)
                    ));
                }
                let opts = PullOptions {
                    trust: trust.clone(),
                    platforms: req.platforms.clone(),
                    all_platforms: req.all_platforms,
                    concurrency: 2,
                };
                let res = ctx.block_on(ctx.images.pull(&r, &opts, progress))??;
                if present.is_none() {
                    rollback.new.push(res.name.clone());
                }
                let rec = ImageRecord {
                    name: res.name.clone(),
                    target: res.target.clone(),
                    in_repository: true,
                };
                (rec, Some(res))
            } else {
                (present.expect("not fetched: present"), None)
            }
        }
    };
    let images = if req.container {
        vec![ctx.images.resolve_platform(&rec, req.platforms.first())?]
    } else {
        ctx.images.platform_images(&rec.target)?
    };
    let keys = keys_for(ctx, &images, &req.keys)?;
    let now = match req.extract {
        Extract::No => false,
        Extract::Keyed => !keys.is_empty(),
        Extract::Always => true,
    };
    if now {
        extract(ctx, &images, keys.clone())?;
    }
    if let Some(sbom_keys) = sbom_keys {
        let n = super::sbom::verify_pulled(
            ctx,
            &r,
            &rec,
            req.platforms.first(),
            &sbom_keys,
            keys.clone(),
        )?;
        progress.line(format!(
            "Verified SBOM attestation on {}: its {n} packages are the content's",
            rec.target.digest
        ));
    }
    // Said only now: every check has passed.
    if let Some(res) = &pulled {
        if ctx.cvm.is_some() {
            super::cvm::record(
                ctx,
                &req.keys.kbs,
                &crate::cvm::eventlog::Event::pull_image(
                    &r.to_string(),
                    &rec.target.digest.to_string(),
                ),
            )?;
        }
        res.announce(progress);
    }
    Ok(Acquired {
        rec,
        images,
        keys,
        pulled,
        kbs: req.keys.kbs.clone(),
    })
}

/// An image this command made itself (a build), as acquired: nothing to
/// verify or fetch; its platform chosen and its layers' keys gathered (in
/// CVM mode an encrypted base's own keys, from the KBS).
pub fn made(
    ctx: &Context,
    rec: ImageRecord,
    platform: Option<&Platform>,
    keys: &KeyRequest,
) -> Result<Acquired, Error> {
    let images = vec![ctx.images.resolve_platform(&rec, platform)?];
    let keyring = keys_for(ctx, &images, keys)?;
    Ok(Acquired {
        rec,
        images,
        kbs: keys.kbs.clone(),
        keys: keyring,
        pulled: None,
    })
}

/// The keys that open the encrypted layers of `images`: those `req`
/// names and, in confidential-VM mode, the layers' own key ids from the
/// KBS after attestation.
pub fn keys_for(
    ctx: &Context,
    images: &[PlatformImage],
    req: &KeyRequest,
) -> Result<Arc<Keyring>, Error> {
    let keys = keyring(ctx, req)?;
    let encrypted = images
        .iter()
        .any(|i| i.manifest.layers.iter().any(crate::crypt::is_encrypted));
    if ctx.cvm.is_some() && encrypted {
        return super::cvm::layer_keys(ctx, images, &keys, &req.kbs);
    }
    Ok(keys)
}

/// Extracts, decrypting where needed, every layer of `images` into the
/// shared snapshots.
pub fn extract(ctx: &Context, images: &[PlatformImage], keys: Arc<Keyring>) -> Result<(), Error> {
    let snapshots = crate::unpack::snapshot::Snapshots::open(&ctx.layout)?
        .with_keys(keys)
        .with_expansion(ctx.opts.config.expansion()?);
    for img in images {
        snapshots.prepare(&ctx.images.store, img)?;
    }
    Ok(())
}

/// A reference as docker names it in messages: as given, with `:latest`
/// when it names neither a tag nor a digest.
fn as_given(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    if last.contains(':') || image.contains('@') {
        image.to_string()
    } else {
        format!("{image}:latest")
    }
}
