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
use crate::sbom::document::{self, Sbom};
use crate::sbom::{SbomError, cyclonedx, diff, spdx};

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

/// An output format by syft's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SbomFormat {
    Spdx,
    CycloneDx(&'static str),
    Json,
    Table,
}

impl std::str::FromStr for SbomFormat {
    type Err = SbomError;
    fn from_str(s: &str) -> Result<SbomFormat, SbomError> {
        let (name, version) = match s.split_once('@') {
            Some((n, v)) => (n, Some(v)),
            None => (s, None),
        };
        match (name, version) {
            ("spdx-json", None | Some("2.3")) => Ok(SbomFormat::Spdx),
            ("cyclonedx-json", None) => Ok(SbomFormat::CycloneDx(cyclonedx::DEFAULT_VERSION)),
            ("cyclonedx-json", Some(v)) => cyclonedx::VERSIONS
                .iter()
                .find(|known| **known == v)
                .map(|v| SbomFormat::CycloneDx(v))
                .ok_or_else(|| SbomError::Format(s.to_string())),
            ("json" | "syft-json", None) => Ok(SbomFormat::Json),
            ("table", None) => Ok(SbomFormat::Table),
            _ => Err(SbomError::Format(s.to_string())),
        }
    }
}

/// The SBOM written in `format`.
pub fn render(sbom: &Sbom, format: &SbomFormat) -> String {
    let pretty =
        |v: serde_json::Value| serde_json::to_string_pretty(&v).expect("serialises") + "\n";
    match format {
        SbomFormat::Spdx => pretty(spdx::write(sbom)),
        SbomFormat::CycloneDx(v) => pretty(cyclonedx::write(sbom, v)),
        SbomFormat::Json => pretty(document::json(sbom)),
        SbomFormat::Table => document::table(sbom),
    }
}

/// `sbom diff`: what changed between two SBOMs, each a JSON file (SPDX,
/// CycloneDX or syft's) or an image to catalogue; with `licenses`, their
/// licenses too.
pub fn diff(
    ctx: &Context,
    before: &str,
    after: &str,
    platform: Option<&Platform>,
    licenses: bool,
) -> Result<diff::Report, Error> {
    let a = entries(ctx, before, platform)?;
    let b = entries(ctx, after, platform)?;
    Ok(diff::compare(&a, &b, licenses))
}

fn entries(
    ctx: &Context,
    what: &str,
    platform: Option<&Platform>,
) -> Result<Vec<diff::Entry>, Error> {
    let path = std::path::Path::new(what);
    if path.is_file() {
        let bytes = crate::bounded::read(path, 1 << 30).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let doc: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| SbomError::Unreadable {
                what: what.to_string(),
                why: e.to_string(),
            })?;
        return Ok(diff::entries(&doc, what)?);
    }
    let req = SbomRequest {
        target: what.to_string(),
        platform: platform.cloned(),
        ..SbomRequest::default()
    };
    let sbom = crate::engine::catalogue::generate(ctx, &req, &Progress::new(true))?;
    let doc = spdx::write(&sbom);
    Ok(diff::entries(&doc, what)?)
}
