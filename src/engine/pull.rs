//! `pull` as a command means it: the image service's pull (resolve once,
//! verify before fetching, name the image last), then, when keys are
//! given, decryption while unpacking, and an image the keys do not open is
//! not kept. The closing status lines come after all of that.

use super::Context;
use super::acquire::{Acquire, Rollback, acquire};
use super::keys::KeyRequest;
use crate::error::Error;
use crate::image::{PullOptions, PullResult};
use crate::progress::Progress;
use crate::reference::ImageRef;

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
    let mut rollback = Rollback::new(ctx);
    let got = acquire(
        ctx,
        &Acquire {
            image: r.to_string(),
            by_id: false,
            pull: None,
            platforms: opts.platforms.clone(),
            all_platforms: opts.all_platforms,
            trust: opts.trust.clone(),
            keys: keys.clone(),
            sbom: sbom.clone(),
            container: false,
            extract: super::acquire::Extract::Keyed,
        },
        &mut rollback,
        progress,
    )?;
    rollback.keep();
    Ok(got.pulled.expect("pull always fetches"))
}
