//! `push` as a command means it: the image (encrypted first for the
//! recipients given, under keys that are kept before anything is
//! encrypted), then its signature on the pushed digest, then (asked for)
//! a signed SBOM attestation per platform. The keys are unlocked by the
//! caller before this starts, so a wrong password leaves the registry
//! untouched.

use sigstore::crypto::signing_key::SigStoreSigner;

use super::Context;
use super::keys::KekDestination;
use crate::error::Error;
use crate::image::{PushOptions, PushResult};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;

#[derive(Default)]
pub struct PushRequest {
    pub image: String,
    pub platforms: Vec<Platform>,
    pub all_platforms: bool,
    /// Recipients to encrypt every layer for (none: pushed as stored).
    pub encrypt: Vec<String>,
    /// Signs the pushed digest.
    pub signer: Option<SigStoreSigner>,
    /// How the signature (and attestations) are written.
    pub signature_format: crate::trust::bundle::WriteFormat,
    /// Attests each platform's SBOM (needs `signer`'s key too).
    pub attester: Option<SigStoreSigner>,
}

/// What was pushed and signed, in the order it happened.
pub struct Pushed {
    pub result: PushResult,
    pub signed: Vec<crate::image::SignedDigest>,
    pub attested: Vec<super::attest::Attested>,
}

pub fn push(ctx: &Context, req: PushRequest, progress: &Progress) -> Result<Pushed, Error> {
    let r = ImageRef::parse(&req.image)?;
    let mut opts = PushOptions {
        platforms: req.platforms.clone(),
        all_platforms: req.all_platforms,
        target: None,
    };
    let _lease = ctx.images.store.lease()?;
    if !req.encrypt.is_empty() {
        let recipients =
            super::keys::recipients(ctx, &req.encrypt, &KekDestination::default())?.list;
        let crypt = crate::image::CryptOptions {
            platforms: opts.platforms.clone(),
            all_platforms: opts.all_platforms,
            layers: Vec::new(),
        };
        opts.target = Some(
            ctx.images
                .encrypt_image(&req.image, None, &recipients, &crypt)?,
        );
    }
    let result = ctx.block_on(ctx.images.push(&r, &opts, progress))??;
    let mut pushed = Pushed {
        result,
        signed: Vec::new(),
        attested: Vec::new(),
    };
    let Some(signer) = req.signer else {
        return Ok(pushed);
    };
    let at = pushed
        .result
        .reference
        .at_digest(&pushed.result.target.digest);
    pushed.signed =
        ctx.block_on(
            ctx.images
                .sign(&at, move || Ok(signer), false, req.signature_format),
        )??;
    if let Some(attester) = req.attester {
        let local = ctx.images.lookup_one(&req.image)?;
        pushed.attested = super::attest::attest_pushed_sboms(
            ctx,
            &at,
            &local,
            &attester,
            &Default::default(),
            req.signature_format,
        )?;
    }
    Ok(pushed)
}
