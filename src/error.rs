//! The error every command returns: one variant per module, each saying what
//! failed, why, and what to do next.

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
    Build(#[from] crate::builder::BuildError),
    #[error(transparent)]
    Crypt(#[from] crate::crypt::CryptError),
    #[error(transparent)]
    Kbs(#[from] crate::kbs::KbsError),
    #[error("{0}")]
    Usage(String),
    #[error("{path}: {why}")]
    Io { path: PathBuf, why: String },
}
