//! `build` through the engine: the builder gets its base images from the
//! one acquisition pipeline (pulled as `--pull` says, verified under the
//! build's trust policy, in CVM mode the KBS's, with the layers' keys).

use std::sync::Arc;

use super::Context;
use super::acquire::{Acquire, Rollback, acquire};
use super::keys::KeyRequest;
use crate::builder::{BaseImageError, BaseImages, BuildOptions, BuildResult};
use crate::error::Error;
use crate::image::{PlatformImage, PullPolicy};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::store::ImageRecord;
use crate::trust::TrustPolicy;

/// What the builder is handed for its base images.
struct Bases<'a> {
    ctx: &'a Context,
    trust: Option<Arc<TrustPolicy>>,
    keys: &'a KeyRequest,
}

impl BaseImages for Bases<'_> {
    fn base(
        &self,
        name: &str,
        platform: &Platform,
        always: bool,
    ) -> Result<(ImageRecord, PlatformImage), BaseImageError> {
        let req = Acquire {
            image: name.to_string(),
            pull: Some(if always {
                PullPolicy::Always
            } else {
                PullPolicy::Missing
            }),
            platforms: vec![platform.clone()],
            trust: self.trust.clone(),
            keys: self.keys.clone(),
            container: true,
            ..Default::default()
        };
        let mut rollback = Rollback::new(self.ctx);
        let got = acquire(self.ctx, &req, &mut rollback, &Progress::new(true))?;
        rollback.keep();
        let img = got.image().clone();
        Ok((got.rec, img))
    }
}

/// Builds `opts` with base images held to `trust` and opened with `keys`.
pub fn build(
    ctx: &Context,
    opts: &BuildOptions,
    trust: Option<Arc<TrustPolicy>>,
    keys: &KeyRequest,
) -> Result<BuildResult, Error> {
    let bases = Bases { ctx, trust, keys };
    Ok(crate::builder::build(
        &ctx.images,
        &bases,
        &ctx.layout,
        opts,
    )?)
}

/// `build --sbom`: each platform's SBOM of the built image `name`, made
/// from its layers (opened with `keys`) and recorded for `push --attest-sbom`.
pub fn record_sboms(
    ctx: &Context,
    name: &str,
    target: &crate::oci::Descriptor,
    keys: &KeyRequest,
) -> Result<(), Error> {
    let keys = super::keys::keyring(ctx, keys)?;
    for img in ctx.images.platform_images(target)? {
        let sbom = super::sbom::of_image(ctx, name, &img, keys.clone())?;
        super::sbom::record(ctx, &img.manifest_desc.digest, &sbom)?;
    }
    Ok(())
}

/// `build -`: the context from standard input, kept outside the build
/// scratch (which a build clears of leftovers), bounded as any input.
pub fn stdin_context(
    ctx: &Context,
    input: impl std::io::Read + Send + 'static,
) -> Result<crate::builder::stdin::StdinContext, Error> {
    Ok(crate::builder::stdin::context(
        input,
        &ctx.layout.root().join("tmp"),
        ctx.opts.config.expansion()?,
        crate::bounded::DOCKERFILE,
    )?)
}
