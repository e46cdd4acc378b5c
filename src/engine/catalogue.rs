//! `ccr sbom`: the SBOM of what the user names: a directory, an OCI image
//! layout, or an image, acquired as any other (made present as the pull
//! policy says, its platform chosen, its keys gathered: in CVM mode the
//! KBS's) and catalogued.

use std::path::{Path, PathBuf};

use super::Context;
use super::acquire::{Acquire, Rollback, acquire};
use super::keys::KeyRequest;
use super::sbom::{of_directory, of_image, of_layout};
use crate::error::Error;
use crate::image::PullPolicy;
use crate::platform::Platform;
use crate::progress::Progress;
use crate::sbom::document::Sbom;

/// What `ccr sbom` is asked for.
#[derive(Clone, Default)]
pub struct SbomRequest {
    /// An image reference or id, `dir:PATH`, `oci-dir:PATH`, or a path.
    pub target: String,
    pub platform: Option<Platform>,
    pub pull: PullPolicy,
    pub keys: KeyRequest,
}

enum Target {
    Image(String),
    Dir(PathBuf),
    OciLayout(PathBuf),
}

fn target(s: &str) -> Target {
    if let Some(p) = s.strip_prefix("dir:") {
        return Target::Dir(p.into());
    }
    if let Some(p) = s.strip_prefix("oci-dir:") {
        return Target::OciLayout(p.into());
    }
    let p = Path::new(s);
    if (s.starts_with('/') || s.starts_with('.')) && p.is_dir() {
        if p.join("oci-layout").is_file() {
            return Target::OciLayout(p.into());
        }
        return Target::Dir(p.into());
    }
    Target::Image(s.to_string())
}

/// The SBOM of whatever `req.target` names.
pub fn generate(ctx: &Context, req: &SbomRequest, progress: &Progress) -> Result<Sbom, Error> {
    match target(&req.target) {
        Target::Dir(p) => of_directory(&p),
        Target::OciLayout(p) => of_layout(ctx, &p, req.platform.as_ref()),
        Target::Image(name) => {
            let mut rollback = Rollback::new(ctx);
            let got = acquire(
                ctx,
                &Acquire {
                    image: name,
                    by_id: true,
                    pull: Some(req.pull),
                    platforms: req.platform.iter().cloned().collect(),
                    keys: req.keys.clone(),
                    container: true,
                    ..Default::default()
                },
                &mut rollback,
                progress,
            )?;
            rollback.keep();
            of_image(ctx, &got.rec.name, got.image(), got.keys.clone())
        }
    }
}
