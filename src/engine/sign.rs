//! `image sign` and `image verify`: the image service's signing and
//! verification of what a reference names, in the command's network
//! context.

use sigstore::crypto::signing_key::SigStoreSigner;

use super::Context;
use crate::error::Error;
use crate::image::{SignedDigest, VerifiedDigest};
use crate::reference::ImageRef;
use crate::trust::{TrustError, TrustPolicy};

/// Signs the digest `image` resolves to (with `recursive`, each platform
/// manifest too); `unlock` gives the key once the registry has answered.
pub fn sign(
    ctx: &Context,
    image: &str,
    unlock: impl FnOnce() -> Result<SigStoreSigner, TrustError> + Send + 'static,
    recursive: bool,
) -> Result<Vec<SignedDigest>, Error> {
    let r = ImageRef::parse(image)?;
    Ok(ctx.block_on(ctx.images.sign(&r, unlock, recursive))??)
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
