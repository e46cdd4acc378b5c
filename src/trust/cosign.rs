//! cosign signatures in a registry.
//!
//! Written: the tag-based format that cosign 2.x, skopeo and Confidential
//! Containers' image-rs read: a manifest tagged `sha256-<hex>.sig` whose
//! layers are simple-signing payloads, each with its signature in the
//! `dev.cosignproject.cosign/signature` annotation.
//!
//! Read: that, and cosign v3's default, a Sigstore bundle (DSSE envelope
//! around an in-toto statement) attached as an OCI 1.1 referrer, found
//! through the referrers API or its `sha256-<hex>` tag fallback.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Serialize;
use serde_json::{Value, json};
use sigstore::crypto::CosignVerificationKey;
use sigstore::crypto::signing_key::SigStoreSigner;

use super::TrustError;
pub use super::bundle::{BUNDLE_TYPE, MAX_SIGNATURES};
use super::bundle::{pae, verify_any};
use crate::digest::Digest;
use crate::oci::{self, Descriptor, Manifest};
use crate::reference::ImageRef;
use crate::registry::Remote;

pub const SIMPLE_SIGNING_TYPE: &str = "application/vnd.dev.cosign.simplesigning.v1+json";
pub const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
const IMAGE_SIGNATURE_TYPE: &str = "cosign container image signature";
const COSIGN_SIGN_PREDICATE: &str = "https://sigstore.dev/cosign/sign/v1";
const INTOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";
/// Signature payloads and bundles are small; anything larger is refused.
const MAX_SIGNATURE_BLOB: u64 = 1 << 20;

/// The repository name cosign writes as the signed identity (go-containerregistry's
/// `Context().Name()`: Docker Hub is `index.docker.io`).
pub fn cosign_repository(r: &ImageRef) -> String {
    let registry = match r.registry() {
        "docker.io" => "index.docker.io",
        other => other,
    };
    format!("{registry}/{}", r.repository())
}

/// cosign's simple-signing payload, byte for byte (keys in cosign's order).
pub fn simple_signing_payload(r: &ImageRef, digest: &Digest) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "critical": {
            "identity": {"docker-reference": cosign_repository(r)},
            "image": {"docker-manifest-digest": digest.to_string()},
            "type": IMAGE_SIGNATURE_TYPE,
        },
        "optional": null,
    }))
    .expect("payload serialises")
}

/// The tag cosign stores signatures of `digest` under.
pub fn signature_tag(r: &ImageRef, digest: &Digest) -> ImageRef {
    r.at_tag(&format!("sha256-{}.sig", digest.hex()))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SignatureFormat {
    /// cosign's tag-based simple signing.
    SimpleSigning,
    /// A Sigstore bundle attached as a referrer (cosign v3).
    Bundle,
}

/// A signature that verified with one of the keys, over the expected digest.
#[derive(Clone, Debug, Serialize)]
pub struct VerifiedSignature {
    pub format: SignatureFormat,
    /// The repository the signer named (`docker-reference`); bundles name none.
    pub identity: Option<String>,
    /// Index into the keys passed to `verify`.
    #[serde(skip)]
    pub key_index: usize,
    /// The manifest that carried the signature.
    pub carrier: Digest,
    /// How it was found: the referrers API, the referrers tag, or the
    /// legacy `.sig` tag.
    pub found: super::bundle::Discovery,
}

/// Everything found next to an image, whether it verified or not.
#[derive(Debug, Default)]
pub struct Findings {
    pub verified: Vec<VerifiedSignature>,
    /// Why each signature that was found did not count.
    pub rejected: Vec<String>,
}

#[derive(Debug)]
pub struct SignOutcome {
    pub tag: ImageRef,
    /// False when an identical, valid signature by this key was already there.
    pub added: bool,
}

/// A signature about to be made: everything that does not depend on the
/// key (existing signatures, the payload, the new config) is fetched and
/// uploaded while the key is still being unlocked.
pub struct Prepared {
    tag: ImageRef,
    payload: Vec<u8>,
    existing: Vec<Descriptor>,
    config: Descriptor,
}

/// cosign's config for the images that carry signatures and attestations:
/// no platform, one diff id a layer.
pub(super) fn attachment_config<'a>(layers: impl Iterator<Item = &'a Digest>) -> Vec<u8> {
    let diff_ids: Vec<String> = layers.map(|d| d.to_string()).collect();
    serde_json::to_vec(&json!({
        "architecture": "",
        "created": "0001-01-01T00:00:00Z",
        "history": [{"created": "0001-01-01T00:00:00Z"}],
        "os": "",
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "config": {},
    }))
    .expect("config serialises")
}

/// The layers of `media_type` the manifest tagged `tag` carries (the
/// first [`MAX_SIGNATURES`]; a note when there were more), with the
/// manifest's descriptor; `None` when there is no such tag.
pub(super) async fn tagged_layers(
    remote: &Remote,
    tag: &ImageRef,
    media_type: &str,
    what: &str,
) -> Result<Option<(Descriptor, Vec<Descriptor>, Option<String>)>, TrustError> {
    let Some((carrier, data)) = remote.fetch_manifest_opt(tag).await? else {
        return Ok(None);
    };
    let m: Manifest = serde_json::from_slice(&data)
        .map_err(|e| TrustError::Invalid(format!("the {what} manifest {tag} is malformed: {e}")))?;
    let mut layers: Vec<Descriptor> = m
        .layers
        .into_iter()
        .filter(|l| l.media_type == media_type)
        .collect();
    let note = (layers.len() > MAX_SIGNATURES).then(|| {
        format!(
            "{tag} carries {} {what}s; only the first {MAX_SIGNATURES} were considered",
            layers.len()
        )
    });
    layers.truncate(MAX_SIGNATURES);
    Ok(Some((carrier, layers, note)))
}

/// Reads the signatures already stored for `digest` and uploads the
/// payload and the config the new signature manifest will name.
pub async fn prepare(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
) -> Result<Prepared, TrustError> {
    let tag = signature_tag(repo, digest);
    let existing = match remote.fetch_manifest_opt(&tag).await? {
        None => Vec::new(),
        Some((_, data)) => {
            let m: Manifest = serde_json::from_slice(&data).map_err(|e| {
                TrustError::Invalid(format!("the signature manifest {tag} is malformed: {e}"))
            })?;
            m.layers
        }
    };
    let payload = simple_signing_payload(repo, digest);
    let payload_digest = Digest::of(&payload);
    let config = attachment_config(
        existing
            .iter()
            .map(|l| &l.digest)
            .chain(std::iter::once(&payload_digest)),
    );
    let config_desc = Descriptor::of_bytes(oci::OCI_CONFIG, &config);
    tokio::try_join!(
        remote.push_bytes(&tag, payload.clone()),
        remote.push_bytes(&tag, config)
    )?;
    Ok(Prepared {
        tag,
        payload,
        existing,
        config: config_desc,
    })
}

/// Signs the prepared payload with `signer` and stores the signature
/// manifest, adding to the signatures already there; adds nothing when
/// this key already signed this payload.
pub async fn sign(
    remote: &Remote,
    prepared: Prepared,
    signer: &SigStoreSigner,
) -> Result<SignOutcome, TrustError> {
    let Prepared {
        tag,
        payload,
        existing,
        config,
    } = prepared;
    let payload_digest = Digest::of(&payload);
    let own_key = signer
        .to_verification_key()
        .map_err(|e| TrustError::Invalid(format!("signing key: {e}")))?;
    let already = existing.iter().any(|layer| {
        layer.digest == payload_digest
            && layer
                .annotations
                .get(SIGNATURE_ANNOTATION)
                .and_then(|s| B64.decode(s).ok())
                .is_some_and(|sig| {
                    verify_any(std::slice::from_ref(&own_key), &sig, &payload).is_some()
                })
    });
    if already {
        return Ok(SignOutcome { tag, added: false });
    }
    let sig = signer
        .sign(&payload)
        .map_err(|e| TrustError::Invalid(format!("signing failed: {e}")))?;
    let mut layer = Descriptor::new(SIMPLE_SIGNING_TYPE, payload_digest, payload.len() as u64);
    layer
        .annotations
        .insert(SIGNATURE_ANNOTATION.into(), B64.encode(sig));
    let mut layers = existing;
    layers.push(layer);
    let manifest = Manifest::new(config, layers);
    let bytes = serde_json::to_vec(&manifest).expect("manifest serialises");
    remote.push_manifest(&tag, oci::OCI_MANIFEST, bytes).await?;
    Ok(SignOutcome { tag, added: true })
}

/// Finds the signatures of `digest` in `repo` and checks each against
/// `keys`. Only signatures over exactly `digest` count.
pub async fn verify(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
    keys: &[CosignVerificationKey],
) -> Result<Findings, TrustError> {
    let mut findings = Findings::default();
    // Sigstore bundles attached as referrers (the referrers API, else the
    // tag schema), then cosign 2's tag: looked up at once, reported in
    // that order.
    let legacy = async {
        let tag = signature_tag(repo, digest);
        let mut verified = Vec::new();
        let mut rejected = Vec::new();
        if let Some((carrier, signatures, note)) =
            tagged_layers(remote, &tag, SIMPLE_SIGNING_TYPE, "signature").await?
        {
            rejected.extend(note);
            for layer in &signatures {
                match check_simple_signing(remote, repo, digest, keys, layer).await? {
                    Ok((key_index, identity)) => verified.push(VerifiedSignature {
                        format: SignatureFormat::SimpleSigning,
                        identity: Some(identity),
                        key_index,
                        carrier: carrier.digest.clone(),
                        found: super::bundle::Discovery::LegacyTag,
                    }),
                    Err(why) => rejected.push(why),
                }
            }
        }
        Ok::<_, TrustError>((verified, rejected))
    };
    let (found_bundles, legacy) = tokio::join!(
        super::bundle::find(remote, repo, digest, super::bundle::MAX_SIGNATURE_BUNDLE),
        legacy
    );
    let (bundles, mut problems) = found_bundles?;
    findings.rejected.append(&mut problems);
    for (carrier, found, bundle) in bundles {
        match check_bundle(&bundle, digest, keys) {
            Ok(Some(key_index)) => findings.verified.push(VerifiedSignature {
                format: SignatureFormat::Bundle,
                identity: None,
                key_index,
                carrier,
                found,
            }),
            Ok(None) => {} // an attestation, not a signature
            Err(why) => findings
                .rejected
                .push(format!("bundle in {carrier}: {why}")),
        }
    }
    let (mut verified, mut rejected) = legacy?;
    findings.verified.append(&mut verified);
    findings.rejected.append(&mut rejected);
    Ok(findings)
}

async fn check_simple_signing(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
    keys: &[CosignVerificationKey],
    layer: &Descriptor,
) -> Result<Result<(usize, String), String>, TrustError> {
    let Some(sig_b64) = layer.annotations.get(SIGNATURE_ANNOTATION) else {
        return Ok(Err(format!("layer {} carries no signature", layer.digest)));
    };
    let Ok(sig) = B64.decode(sig_b64.trim()) else {
        return Ok(Err(format!(
            "layer {}: the signature is not base64",
            layer.digest
        )));
    };
    let payload = remote
        .fetch_small_blob(repo, layer, MAX_SIGNATURE_BLOB)
        .await?;
    let Some(key_index) = verify_any(keys, &sig, &payload) else {
        return Ok(Err(format!(
            "signature in layer {} does not verify with the given key(s)",
            layer.digest
        )));
    };
    let v: Value = match serde_json::from_slice(&payload) {
        Ok(v) => v,
        Err(e) => return Ok(Err(format!("payload {} is not JSON: {e}", layer.digest))),
    };
    let critical = &v["critical"];
    if critical["type"] != IMAGE_SIGNATURE_TYPE {
        return Ok(Err(format!(
            "payload {} is not an image signature",
            layer.digest
        )));
    }
    let signed = critical["image"]["docker-manifest-digest"]
        .as_str()
        .unwrap_or_default();
    if signed != digest.to_string() {
        return Ok(Err(format!(
            "a valid signature, but over {signed}, not {digest}: it was made for another image"
        )));
    }
    let identity = critical["identity"]["docker-reference"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok(Ok((key_index, identity)))
}

/// Checks a cosign v3 bundle: `Ok(Some(key))` for a valid image signature
/// over `digest`, `Ok(None)` for other statements (attestations).
fn check_bundle(
    bundle: &[u8],
    digest: &Digest,
    keys: &[CosignVerificationKey],
) -> Result<Option<usize>, String> {
    let v: Value = serde_json::from_slice(bundle).map_err(|e| format!("not JSON: {e}"))?;
    let env = v
        .get("dsseEnvelope")
        .ok_or("no DSSE envelope (only DSSE bundles are supported)")?;
    let payload_type = env["payloadType"].as_str().unwrap_or_default();
    if payload_type != INTOTO_PAYLOAD_TYPE {
        return Err(format!("unexpected payload type {payload_type:?}"));
    }
    let payload = B64
        .decode(env["payload"].as_str().unwrap_or_default())
        .map_err(|_| "the payload is not base64")?;
    let statement: Value =
        serde_json::from_slice(&payload).map_err(|e| format!("the statement is not JSON: {e}"))?;
    if statement["predicateType"] != COSIGN_SIGN_PREDICATE {
        return Ok(None);
    }
    let msg = pae(payload_type, &payload);
    let mut key_index = None;
    for s in env["signatures"].as_array().into_iter().flatten() {
        let Ok(sig) = B64.decode(s["sig"].as_str().unwrap_or_default()) else {
            continue;
        };
        if let Some(i) = verify_any(keys, &sig, &msg) {
            key_index = Some(i);
            break;
        }
    }
    let key_index = key_index.ok_or("the signature does not verify with the given key(s)")?;
    let covers = statement["subject"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|s| s["digest"]["sha256"] == digest.hex());
    if !covers {
        return Err(format!("a valid signature, but not over {digest}"));
    }
    Ok(Some(key_index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_is_byte_identical_to_cosigns() {
        let r = ImageRef::parse("127.0.0.1:5055/bb:v1").unwrap();
        let d: Digest = "sha256:39b0474a4f1d6cc1e32d68ad7865c0f4c7fc282552462a5429aca1fc0f999d28"
            .parse()
            .unwrap();
        // As cosign 2.5 wrote it for this image.
        let cosign = r#"{"critical":{"identity":{"docker-reference":"127.0.0.1:5055/bb"},"image":{"docker-manifest-digest":"sha256:39b0474a4f1d6cc1e32d68ad7865c0f4c7fc282552462a5429aca1fc0f999d28"},"type":"cosign container image signature"},"optional":null}"#;
        assert_eq!(
            String::from_utf8(simple_signing_payload(&r, &d)).unwrap(),
            cosign
        );
        assert_eq!(
            signature_tag(&r, &d).to_string(),
            "127.0.0.1:5055/bb:sha256-39b0474a4f1d6cc1e32d68ad7865c0f4c7fc282552462a5429aca1fc0f999d28.sig"
        );
        let hub = ImageRef::parse("busybox").unwrap();
        assert_eq!(cosign_repository(&hub), "index.docker.io/library/busybox");
    }

    #[test]
    fn dsse_pae() {
        assert_eq!(pae("t", b"ab"), b"DSSEv1 1 t 2 ab".to_vec());
    }
}
