//! Image operations on top of the registry client and the content store:
//! pull, push, list, inspect, tag, remove, save/load, import, manifest lists.

mod archive;
mod change;
mod crypt;
mod import;
mod index;
mod list;
mod pull;
mod push;
mod sign;

use std::path::PathBuf;
use std::sync::Arc;

pub use archive::LoadedImage;
pub use change::ConfigChange;
pub use crypt::CryptOptions;
pub use import::ImportOptions;
pub(crate) use import::creation_time;
pub use list::{DANGLING_PREFIX, ImageSummary, PruneReport, RemoveReport, split_name};
pub use pull::{PullOptions, PullPolicy, PullResult};
pub use push::{PushOptions, PushResult};
pub use sign::{SignedDigest, VerifiedDigest};

use crate::oci::{self, Descriptor, Document, ImageConfig, Manifest};
use crate::platform::{Platform, PlatformError};
use crate::progress::{Mode, Progress};
use crate::reference::{ImageRef, ReferenceError};
use crate::registry::{RegistryConfig, RegistryError};
use crate::store::{ImageRecord, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    #[error(transparent)]
    Platform(#[from] PlatformError),
    #[error(transparent)]
    Registry(#[from] RegistryError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Trust(#[from] crate::trust::TrustError),
    #[error(transparent)]
    Crypt(#[from] crate::crypt::CryptError),
    #[error("no such image: {0}")]
    NoSuchImage(String),
    #[error(
        "{reference}: no manifest for platform {wanted} (the image has: {available}); choose one with --platform"
    )]
    NoMatchingPlatform {
        reference: String,
        wanted: String,
        available: String,
    },
    #[error(
        "{reference}: the image's content for {what} is not in the local store; pull it with --all-platforms (or the platform) first"
    )]
    Incomplete { reference: String, what: String },
    #[error("{what}: {why}")]
    Invalid { what: String, why: String },
    #[error("{path}: {why}")]
    Io { path: PathBuf, why: String },
    #[error("{0} is ambiguous: it matches {1}; use a longer prefix or a name")]
    Ambiguous(String, String),
}

pub type Result<T> = std::result::Result<T, ImageError>;

/// The image service: a store plus how to reach registries.
pub struct Images {
    pub store: Arc<Store>,
    pub registry: RegistryConfig,
}

/// One platform image: its manifest and parsed config.
#[derive(Clone, Debug)]
pub struct PlatformImage {
    pub manifest_desc: Descriptor,
    pub manifest: Manifest,
    pub config: ImageConfig,
}

impl PlatformImage {
    pub fn platform(&self) -> Platform {
        self.config.platform()
    }
}

impl Images {
    pub fn new(store: Store, registry: RegistryConfig) -> Self {
        Images {
            store: Arc::new(store),
            registry,
        }
    }

    /// Finds local images by name (normalised), or by a prefix of their id.
    pub fn lookup(&self, input: &str) -> Result<Vec<ImageRecord>> {
        let all = self.store.images()?;
        if let Ok(r) = ImageRef::parse(input) {
            let name = r.store_name();
            let found: Vec<_> = all.iter().filter(|rec| rec.name == name).cloned().collect();
            if !found.is_empty() {
                return Ok(found);
            }
        }
        let hex = input.strip_prefix("sha256:").unwrap_or(input);
        if hex.len() >= 3 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let found: Vec<_> = all
                .into_iter()
                .filter(|rec| rec.target.digest.hex().starts_with(hex))
                .collect();
            let targets: std::collections::BTreeSet<_> =
                found.iter().map(|r| r.target.digest.clone()).collect();
            if targets.len() > 1 {
                return Err(ImageError::Ambiguous(
                    input.to_string(),
                    targets
                        .iter()
                        .map(|d| d.short().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ));
            }
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Err(ImageError::NoSuchImage(input.to_string()))
    }

    /// The local image an id (or id prefix, `sha256:` optional) names,
    /// when `input` is one and no image has it as a name.
    pub fn lookup_id(&self, input: &str) -> Option<ImageRecord> {
        let hex = input.strip_prefix("sha256:").unwrap_or(input);
        if hex.len() < 3 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        if let Ok(r) = ImageRef::parse(input)
            && self.store.image(&r.store_name()).ok().flatten().is_some()
        {
            return None;
        }
        self.lookup(input).ok().map(|mut v| v.remove(0))
    }

    /// The single record a name or id refers to.
    pub fn lookup_one(&self, input: &str) -> Result<ImageRecord> {
        Ok(self.lookup(input)?.remove(0))
    }

    /// Reads a platform manifest and its config from the store.
    pub fn platform_image(&self, desc: &Descriptor) -> Result<PlatformImage> {
        let (_, doc) = self.store.read_document(desc)?;
        let Document::Manifest(manifest) = doc else {
            return Err(ImageError::Invalid {
                what: desc.digest.to_string(),
                why: "expected an image manifest, found an index".into(),
            });
        };
        let data = self.store.read_blob(&manifest.config.digest)?;
        let config: ImageConfig =
            serde_json::from_slice(&data).map_err(|e| ImageError::Invalid {
                what: format!("image config {}", manifest.config.digest),
                why: e.to_string(),
            })?;
        Ok(PlatformImage {
            manifest_desc: desc.clone(),
            manifest,
            config,
        })
    }

    /// Every platform image under a target whose manifest is present
    /// locally (an index may have been pulled for one platform only).
    pub fn platform_images(&self, target: &Descriptor) -> Result<Vec<PlatformImage>> {
        if oci::is_manifest(&target.media_type) {
            return Ok(vec![self.platform_image(target)?]);
        }
        let (_, doc) = self.store.read_document(target)?;
        let mut out = Vec::new();
        for child in doc.children() {
            if !self.store.has_blob(&child.digest, None) {
                continue;
            }
            if oci::is_index(&child.media_type) {
                out.extend(self.platform_images(child)?);
            } else if oci::is_manifest(&child.media_type) {
                let img = self.platform_image(child)?;
                let complete = img
                    .manifest
                    .layers
                    .iter()
                    .all(|l| self.store.has_blob(&l.digest, None));
                if complete && !is_attestation(child) {
                    out.push(img);
                }
            }
        }
        Ok(out)
    }

    /// The platform image to use for `platform` (the host's by default).
    pub fn resolve_platform(
        &self,
        rec: &ImageRecord,
        platform: Option<&Platform>,
    ) -> Result<PlatformImage> {
        let imgs = self.platform_images(&rec.target)?;
        let want = platform.cloned().unwrap_or_else(Platform::host);
        if let Some(img) = imgs.iter().find(|i| want.matches(&i.platform())) {
            return Ok(img.clone());
        }
        // A single-platform image is used as is unless a platform was asked for.
        if platform.is_none() && oci::is_manifest(&rec.target.media_type) && imgs.len() == 1 {
            return Ok(imgs[0].clone());
        }
        Err(ImageError::NoMatchingPlatform {
            reference: rec.name.clone(),
            wanted: want.to_string(),
            available: platforms_text(imgs.iter().map(|i| i.platform())),
        })
    }
}

/// Progress for one blob: docker shows layers, not the config.
fn blob_progress(progress: &Progress, desc: &Descriptor) -> Progress {
    if oci::is_config(&desc.media_type) {
        Progress::with_mode(Mode::Quiet)
    } else {
        progress.clone()
    }
}

/// buildx attaches attestation manifests with platform unknown/unknown.
fn is_attestation(d: &Descriptor) -> bool {
    d.annotations
        .get("vnd.docker.reference.type")
        .is_some_and(|t| t == "attestation-manifest")
        || d.platform
            .as_ref()
            .is_some_and(|p| p.os == "unknown" && p.architecture == "unknown")
}

pub(crate) fn platforms_text(ps: impl Iterator<Item = Platform>) -> String {
    let v: Vec<String> = ps.map(|p| p.to_string()).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

/// Human size as docker prints it (`1.23MB`, base 1000, 3 significant digits).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1000.0 && i < UNITS.len() - 1 {
        size /= 1000.0;
        i += 1;
    }
    let digits = if size >= 100.0 {
        0
    } else if size >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{size:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{}", UNITS[i])
}

/// Time since, as docker prints it (`About a minute ago`, `3 hours ago`).
pub fn human_since(created: Option<&str>) -> String {
    let Some(t) = created.and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok()) else {
        return "N/A".into();
    };
    let secs = (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_seconds();
    let d = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match secs {
        s if s < 1 => "Less than a second ago".into(),
        s if s < 60 => d(s, "second"),
        s if s < 120 => "About a minute ago".into(),
        s if s < 3600 => d(s / 60, "minute"),
        s if s < 7200 => "About an hour ago".into(),
        s if s < 2 * 86400 => d(s / 3600, "hour"),
        s if s < 7 * 86400 * 2 => d(s / 86400, "day"),
        s if s < 30 * 86400 * 3 => d(s / (7 * 86400), "week"),
        s if s < 365 * 86400 * 2 => d(s / (30 * 86400), "month"),
        s => d(s / (365 * 86400), "year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_like_docker() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(1_234_567), "1.23MB");
        assert_eq!(human_size(12_345_678), "12.3MB");
        assert_eq!(human_size(1_073_741_824), "1.07GB");
    }
}
