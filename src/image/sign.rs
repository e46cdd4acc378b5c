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
use crate::trust::bundle::{self, WriteFormat};
use crate::trust::{TrustError, TrustPolicy, VerifiedSignature, cosign};

#[derive(Debug, Serialize)]
pub struct SignedDigest {
    pub reference: String,
    pub digest: Digest,
    /// The legacy tag the signature is stored under, when written.
    pub signature: Option<String>,
    /// The bundle referrer, when written.
    pub bundle: Option<bundle::Attached>,
    /// False when this key had already signed it (in every format asked for).
    pub added: bool,
}

impl SignedDigest {
    /// Where the signature is, as `image sign` and `push --sign` say it.
    pub fn whereabouts(&self) -> String {
        let mut parts = Vec::new();
        if let Some(tag) = &self.signature {
            parts.push(format!("signature in {tag}"));
        }
        if let Some(b) = &self.bundle {
            parts.push(format!(
                "bundle in referrer {} ({})",
                b.referrer,
                match b.via {
                    bundle::Discovery::ReferrersApi => "referrers API",
                    _ => "referrers tag",
                }
            ));
        }
        parts.join("; ")
    }
}

#[derive(Debug, Serialize)]
pub struct VerifiedDigest {
    pub reference: String,
    pub digest: Digest,
    pub signatures: Vec<VerifiedSignature>,
}

impl Images {
    /// The manifest `r` resolves to, and with `recursive` the platform
    /// manifests of an index after it.
    async fn targets(
        &self,
        remote: &Remote,
        r: &ImageRef,
        recursive: bool,
    ) -> Result<Vec<oci::Descriptor>> {
        let (top, bytes) = remote.fetch_manifest(r).await?;
        let mut out = vec![top.clone()];
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
                    .cloned(),
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
        format: WriteFormat,
    ) -> Result<Vec<SignedDigest>> {
        let key = tokio::task::spawn_blocking(unlock);
        let remote = self.remote(r).await?;
        let mut targets = Vec::new();
        for desc in self.targets(&remote, r, recursive).await? {
            let prepared = if format.legacy() {
                Some(cosign::prepare(&remote, r, &desc.digest).await?)
            } else {
                None
            };
            targets.push((desc, prepared));
        }
        let signer = key.await.map_err(|e| ImageError::Invalid {
            what: "key unlocking".into(),
            why: e.to_string(),
        })??;
        let hint = if format.bundle() {
            bundle::key_hint(&signer)?
        } else {
            String::new()
        };
        let own_key = signer
            .to_verification_key()
            .map_err(|e| TrustError::Invalid(format!("signing key: {e}")))?;
        let mut out = Vec::new();
        for (desc, prepared) in targets {
            let legacy = match prepared {
                Some(p) => Some(cosign::sign(&remote, p, &signer).await?),
                None => None,
            };
            let referrer = if format.bundle() {
                let statement = bundle::signature_statement(&desc.digest);
                let b = bundle::bundle(bundle::envelope(&statement, &signer)?, &hint);
                let what = bundle::ToAttach {
                    bundle: b,
                    statement: &statement,
                    key: &own_key,
                    predicate_type: bundle::SIGN_PREDICATE,
                };
                Some(bundle::attach(&remote, r, &desc, what, false).await?)
            } else {
                None
            };
            out.push(SignedDigest {
                reference: r.name(),
                digest: desc.digest.clone(),
                added: legacy.as_ref().is_some_and(|l| l.added)
                    || referrer.as_ref().is_some_and(|b| b.added),
                signature: legacy.map(|l| l.tag.to_string()),
                bundle: referrer,
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
        for (i, desc) in self
            .targets(&remote, r, recursive)
            .await?
            .into_iter()
            .enumerate()
        {
            let digest = desc.digest;
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
