//! Image operations on top of the registry client and the content store:
//! pull, push, list, inspect, tag, remove, save/load, import, manifest lists.

mod archive;
mod change;
pub mod convert;
mod crypt;
mod import;
mod index;
mod list;
mod pull;
mod push;
mod sign;

use std::sync::Arc;

pub use archive::LoadedImage;
pub use change::{ConfigChange, env_key};
pub use crypt::CryptOptions;
pub use import::ImportOptions;
pub(crate) use import::creation_time;
pub use list::{
    DANGLING_PREFIX, HistoryRow, ImageFilter, ImageSummary, PruneReport, RemoveReport, split_name,
};
pub use pull::{PullOptions, PullPolicy, PullResult};
pub use push::{PushOptions, PushResult};
pub use sign::{SignedDigest, VerifiedDigest};

pub use crate::oci::PlatformImage;
use crate::oci::{self, Descriptor, Document, ImageConfig};
use crate::platform::{Platform, PlatformError};
use crate::progress::{Mode, Progress};
use crate::reference::{ImageRef, ReferenceError};
use crate::registry::{RegistryConfig, RegistryError, Remote};
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
    #[error("{what}: {source}")]
    Unpack {
        what: String,
        #[source]
        source: crate::unpack::UnpackError,
    },
    #[error("no such image: {0}")]
    NoSuchImage(String),
    /// Not present, and the pull policy forbids pulling it.
    #[error("no such image: {0}, and the pull policy is never")]
    NeverPulled(String),
    /// Verification consults the registry, which the pull policy forbids.
    #[error(
        "{0}: signature verification consults the registry, which the pull policy never forbids"
    )]
    NeverVerified(String),
    #[error("{reference}: no manifest for platform {wanted} (the image has: {available})")]
    NoMatchingPlatform {
        reference: String,
        wanted: String,
        available: String,
    },
    #[error("{reference}: the image's content for {what} is not in the local store")]
    Incomplete { reference: String, what: String },
    #[error("{what}: {why}")]
    Invalid { what: String, why: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{what}: {source}")]
    Json {
        what: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("{what}: {source}")]
    Document {
        what: String,
        #[source]
        source: crate::oci::FormatError,
    },
    #[error("a download task failed: {0}")]
    Task(#[source] tokio::task::JoinError),
    #[error("{0} is ambiguous: it matches {1}; use a longer prefix or a name")]
    Ambiguous(String, String),
}

pub type Result<T> = std::result::Result<T, ImageError>;

impl ImageError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            ImageError::NoMatchingPlatform { .. } => {
                Some("choose one of the image's platforms".into())
            }
            ImageError::Incomplete { .. } => {
                Some("pull that platform (or all of them) first".into())
            }
            ImageError::NeverPulled(_) => {
                Some("pull it first, or let the pull policy pull what is missing".into())
            }
            ImageError::NeverVerified(_) => {
                Some("verify with a pull policy that consults the registry".into())
            }
            _ => None,
        }
    }
}

/// The image service: a store plus how to reach registries, with the
/// registry connections a command has made so far (one per repository,
/// reused by every later step of the command: verification, pull, SBOM
/// checks, signing).
pub struct Images {
    pub store: Arc<Store>,
    pub registry: RegistryConfig,
    remotes: std::sync::Mutex<std::collections::HashMap<String, Arc<Remote>>>,
}

impl Images {
    pub fn new(store: Store, registry: RegistryConfig) -> Self {
        Images {
            store: Arc::new(store),
            registry,
            remotes: Default::default(),
        }
    }

    /// The connection to `r`'s repository: the one this command made
    /// before, else a new one, kept for the next step.
    pub async fn remote(&self, r: &ImageRef) -> std::result::Result<Arc<Remote>, RegistryError> {
        let key = format!("{}/{}", r.resolved_registry(), r.repository());
        let known = self
            .remotes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            .cloned();
        if let Some(remote) = known {
            return Ok(remote);
        }
        let remote = Arc::new(Remote::connect(&self.registry, r).await?);
        self.remotes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, remote.clone());
        Ok(remote)
    }

    /// Forgets every kept connection: the async runtime they live on is
    /// about to be dropped.
    pub fn drop_connections(&self) {
        self.remotes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
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
            serde_json::from_slice(&data).map_err(|source| ImageError::Json {
                what: format!("image config {}", manifest.config.digest),
                source,
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
pub fn is_attestation(d: &Descriptor) -> bool {
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
