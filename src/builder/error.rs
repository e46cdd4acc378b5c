//! Why a build failed.

use crate::image::ImageError;
use crate::runtime::RuntimeError;
use crate::store::StoreError;
use crate::unpack::snapshot::SnapshotError;

/// Why a base image could not be had: the caller's own error.
pub type BaseImageError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("line {line}: {why}")]
    Parse { line: usize, why: String },
    #[error("{file}:{line}: {why}")]
    Dockerfile {
        file: String,
        line: usize,
        why: String,
    },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Image(#[from] ImageError),
    /// The base image could not be had (its error as its source says).
    #[error("{source}")]
    Base {
        image: String,
        #[source]
        source: BaseImageError,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Runtime(#[from] RuntimeError),
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
}
