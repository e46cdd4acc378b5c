//! `image sign` / `image verify` and the signing half of `push --sign`:
//! resolve the remote reference to a digest once, then sign or verify that
//! digest (and, with `recursive`, every platform manifest of an index).

use serde::Serialize;
use sigstore::crypto::signing_key::SigStoreSigner;

use super::{ImageError, Images, Result};
use crate::digest::Digest;
use crate::oci::{self, Document};
use crate::reference::ImageRef;
use crate::registry::Remote;
use crate::trust::{TrustError, TrustPolicy, VerifiedSignature, cosign};

#[derive(Debug, Serialize)]
pub struct SignedDigest {
    pub reference: String,
    pub digest: Digest,
    /// The tag the signature is stored under.
    pub signature: String,
    /// False when this key had already signed it.
    pub added: bool,
}

#[derive(Debug, Serialize)]
pub struct VerifiedDigest {
    pub reference: String,
    pub digest: Digest,
    pub signatures: Vec<VerifiedSignature>,
}

impl Images {
    /// The digest `r` resolves to, and with `recursive` the digests of the
    /// platform manifests of an index after it.
    async fn targets(&self, remote: &Remote, r: &ImageRef, recursive: bool) -> Result<Vec<Digest>> {
        let (top, bytes) = remote.fetch_manifest(r).await?;
        let mut out = vec![top.digest.clone()];
        if recursive && oci::is_index(&top.media_type) {
            let (_, doc) = Document::parse(Some(&top.media_type), &bytes).map_err(|source| {
                ImageError::Document {
                    what: r.to_string(),
                    source,
                }
            })?;
            out.extend(
                doc.children()
                    .into_iter()
                    .filter(|c| oci::is_manifest(&c.media_type) && !super::is_attestation(c))
                    .map(|c| c.digest.clone()),
            );
        }
        Ok(out)
    }

    /// Signs the image `r` names in its registry. `unlock` yields the
    /// signing key; it runs (scrypt, deliberately slow) on a blocking thread
    /// while the registry is asked what to sign.
    pub async fn sign(
        &self,
        r: &ImageRef,
        unlock: impl FnOnce() -> std::result::Result<SigStoreSigner, TrustError> + Send + 'static,
        recursive: bool,
    ) -> Result<Vec<SignedDigest>> {
        let key = tokio::task::spawn_blocking(unlock);
        let remote = self.remote(r).await?;
        let mut targets = Vec::new();
        for digest in self.targets(&remote, r, recursive).await? {
            let prepared = cosign::prepare(&remote, r, &digest).await?;
            targets.push((digest, prepared));
        }
        let signer = key.await.map_err(|e| ImageError::Invalid {
            what: "key unlocking".into(),
            why: e.to_string(),
        })??;
        let mut out = Vec::new();
        for (digest, prepared) in targets {
            let outcome = cosign::sign(&remote, prepared, &signer).await?;
            out.push(SignedDigest {
                reference: r.name(),
                digest,
                signature: outcome.tag.to_string(),
                added: outcome.added,
            });
        }
        Ok(out)
    }

    /// Verifies the image `r` names in its registry against `trust`.
    pub async fn verify(
        &self,
        r: &ImageRef,
        trust: &TrustPolicy,
        recursive: bool,
    ) -> Result<Vec<VerifiedDigest>> {
        let remote = self.remote(r).await?;
        let mut out = Vec::new();
        for (i, digest) in self
            .targets(&remote, r, recursive)
            .await?
            .into_iter()
            .enumerate()
        {
            // Platform manifests are checked as the image at their digest.
            let subject = if i == 0 {
                r.clone()
            } else {
                r.at_digest(&digest)
            };
            let verdict = trust.check(&remote, &subject, &digest).await?;
            out.push(VerifiedDigest {
                reference: r.name(),
                digest,
                signatures: verdict.signatures,
            });
        }
        Ok(out)
    }
}
