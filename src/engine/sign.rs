//! `image sign` and `image verify`: the image service's signing and
//! verification of what a reference names, in the command's network
//! context.

use sigstore::crypto::signing_key::SigStoreSigner;

use super::Context;
use crate::error::Error;
use crate::image::{SignedDigest, VerifiedDigest};
use crate::reference::ImageRef;
use crate::trust::{TrustError, TrustPolicy};

/// `image key generate`: a cosign key pair, `PREFIX.key` (encrypted
/// with `password`, mode 0600) and `PREFIX.pub`; neither may exist.
pub fn generate_key_pair(
    prefix: &str,
    password: &[u8],
) -> Result<(std::path::PathBuf, std::path::PathBuf), Error> {
    Ok(crate::trust::keys::generate(prefix, password)?)
}

/// A cosign private key from `path`, unlocked with `password`.
pub fn load_signer(path: &std::path::Path, password: &[u8]) -> Result<SigStoreSigner, TrustError> {
    crate::trust::keys::load_signer(path, password)
}

/// Signs the digest `image` resolves to (with `recursive`, each platform
/// manifest too); `unlock` gives the key once the registry has answered.
pub fn sign(
    ctx: &Context,
    image: &str,
    unlock: impl FnOnce() -> Result<SigStoreSigner, TrustError> + Send + 'static,
    recursive: bool,
    format: crate::trust::bundle::WriteFormat,
) -> Result<Vec<SignedDigest>, Error> {
    let r = ImageRef::parse(image)?;
    Ok(ctx.block_on(ctx.images.sign(&r, unlock, recursive, format))??)
}

/// Verifies the signatures on the digest `image` resolves to.
pub fn verify(
    ctx: &Context,
    image: &str,
    trust: &TrustPolicy,
    recursive: bool,
) -> Result<Vec<VerifiedDigest>, Error> {
    let r = ImageRef::parse(image)?;
    Ok(ctx.block_on(ctx.images.verify(&r, trust, recursive))??)
}
