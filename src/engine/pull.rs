//! `pull` as a command means it: the image service's pull (resolve once,
//! verify before fetching, name the image last), then, when keys are
//! given, decryption while unpacking, and an image the keys do not open is
//! not kept. The closing status lines come after all of that.

use std::sync::Arc;

use super::Context;
use super::block_on;
use super::keys::{KeyRequest, keyring};
use crate::crypt::Keyring;
use crate::error::Error;
use crate::image::{PullOptions, PullResult};
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::store::ImageRecord;
use crate::unpack::snapshot::Snapshots;

/// Pulls `r`; with keys, also unpacks (decrypting) every platform image,
/// and on failure removes the name a new pull made.
pub fn pull(
    ctx: &Context,
    r: &ImageRef,
    opts: &PullOptions,
    keys: &KeyRequest,
    sbom: &super::sbom::SbomCheck,
    progress: &Progress,
) -> Result<PullResult, Error> {
    let kbs = &keys.kbs;
    let mut keys = keyring(ctx, keys)?;
    // In confidential-VM mode the policy is the KBS's, every time.
    let opts = &PullOptions {
        trust: super::cvm::pull_policy(ctx, opts.trust.clone(), kbs)?,
        ..opts.clone()
    };
    // The SBOM's keys are known (or missing) before anything is fetched.
    let sbom_keys = if sbom.enabled {
        Some(super::sbom::sbom_keys(
            ctx,
            r,
            &sbom.keys,
            opts.trust.as_deref(),
        )?)
    } else {
        None
    };
    let existed = ctx.images.store.image(&r.store_name())?.is_some();
    let res = block_on(ctx.images.pull(r, opts, progress))??;
    let mut unpack_now = !keys.is_empty();
    if ctx.cvm.is_some() {
        // The layers' own key ids, from the KBS after attestation; the
        // image is decrypted now, into memory-backed storage.
        let rec = ctx.images.lookup_one(&res.name)?;
        let images = ctx.images.platform_images(&rec.target)?;
        let encrypted = images
            .iter()
            .any(|i| i.manifest.layers.iter().any(crate::crypt::is_encrypted));
        if encrypted {
            match super::cvm::layer_keys(ctx, &images, &keys, kbs) {
                Ok(k) => keys = k,
                Err(e) => {
                    if !existed {
                        ctx.images
                            .store
                            .remove_images(std::slice::from_ref(&res.name))?;
                    }
                    return Err(e);
                }
            }
            unpack_now = true;
        }
    }
    if unpack_now {
        let rec = ctx.images.lookup_one(&res.name)?;
        if let Err(e) = unpack(ctx, &rec, keys.clone()) {
            if !existed {
                ctx.images
                    .store
                    .remove_images(std::slice::from_ref(&res.name))?;
            }
            return Err(e);
        }
    }
    if let Some(sbom_keys) = sbom_keys {
        let rec = ctx.images.lookup_one(&res.name)?;
        let platform = opts.platforms.first();
        match super::sbom::verify_pulled(ctx, r, &rec, platform, &sbom_keys, keys) {
            Ok(n) => progress.line(format!(
                "Verified SBOM attestation on {}: its {n} packages are the content's",
                res.target.digest
            )),
            Err(e) => {
                if !existed {
                    forget(ctx, &res.name)?;
                }
                return Err(e);
            }
        }
    }
    // Said only now: every check has passed.
    res.announce(progress);
    Ok(res)
}

/// Removes an image this command stored, with its content and snapshots.
pub fn forget(ctx: &Context, name: &str) -> Result<(), Error> {
    ctx.images.store.remove_images(&[name.to_string()])?;
    ctx.images.collect_garbage()?;
    super::prune::snapshots(ctx)?;
    Ok(())
}

/// Extracts, decrypting where needed, every layer of the platform images
/// of `rec` into the shared snapshots.
pub fn unpack(ctx: &Context, rec: &ImageRecord, keys: Arc<Keyring>) -> Result<(), Error> {
    let snapshots = Snapshots::open(&ctx.layout)?
        .with_keys(keys)
        .with_expansion(ctx.opts.config.expansion()?);
    for img in ctx.images.platform_images(&rec.target)? {
        snapshots.prepare(&ctx.images.store, &img)?;
    }
    Ok(())
}
