//! in-toto attestations in cosign's layouts.
//!
//! Written: cosign 2's tag-based layout, which cosign 2 and 3 and
//! Confidential Containers' verifiers read: a manifest tagged
//! `sha256-<hex>.att` whose layers are DSSE envelopes
//! (`application/vnd.dsse.envelope.v1+json`, annotated with their
//! `predicateType`), each around an in-toto Statement v0.1 whose subject
//! is the image's repository and digest.
//!
//! Read: that, and cosign v3's Sigstore bundles attached as OCI 1.1
//! referrers. An attestation counts only when a given key signed its
//! envelope (DSSE's pre-authentication encoding), its statement names
//! exactly the digest asked about, and its predicate type is the one asked
//! for.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Serialize;
use serde_json::{Value, json};
use sigstore::crypto::CosignVerificationKey;
use sigstore::crypto::signing_key::SigStoreSigner;

use super::TrustError;
use super::bundle::{pae, verify_any};
use super::cosign::{SIGNATURE_ANNOTATION, cosign_repository};
use crate::digest::Digest;
use crate::oci::{self, Descriptor, Manifest};
use crate::reference::ImageRef;
use crate::registry::Remote;

pub const DSSE_TYPE: &str = "application/vnd.dsse.envelope.v1+json";
pub const INTOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";
pub const STATEMENT_V01: &str = "https://in-toto.io/Statement/v0.1";
const PREDICATE_ANNOTATION: &str = "predicateType";
const COSIGN_SIGN_PREDICATE: &str = "https://sigstore.dev/cosign/sign/v1";
/// SBOMs of large images are large; an attestation beyond this is refused.
pub const MAX_ATTESTATION: u64 = super::bundle::MAX_ATTACHMENT;
/// The deprecated, unsigned SBOM attachment.
pub const MAX_SBOM_ATTACHMENT: u64 = 256 << 20;

/// cosign's `--type` names and the predicate type each stands for; any
/// other absolute URI is a predicate type of its own.
pub fn predicate_type(kind: &str) -> Result<String, TrustError> {
    Ok(match kind {
        "custom" => "https://cosign.sigstore.dev/attestation/v1",
        "slsaprovenance" | "slsaprovenance02" => "https://slsa.dev/provenance/v0.2",
        "slsaprovenance1" => "https://slsa.dev/provenance/v1",
        "spdx" | "spdxjson" => "https://spdx.dev/Document",
        "cyclonedx" => "https://cyclonedx.org/bom",
        "link" => "https://in-toto.io/Link/v1",
        "vuln" => "https://cosign.sigstore.dev/attestation/vuln/v1",
        "openvex" => "https://openvex.dev/ns",
        uri if uri.contains("://") => return Ok(uri.to_string()),
        other => {
            return Err(TrustError::Invalid(format!(
                "--type {other:?}: use spdx, spdxjson, cyclonedx, slsaprovenance, slsaprovenance1, link, vuln, openvex, custom, or a predicate type URI"
            )));
        }
    }
    .to_string())
}

/// The predicate as cosign puts `--predicate`'s bytes in a statement: a
/// string for SPDX tag-value, `{Data, Timestamp}` for `custom`, the parsed
/// JSON otherwise.
pub fn predicate(kind: &str, bytes: &[u8], now: &str) -> Result<Value, TrustError> {
    let parse = || {
        serde_json::from_slice::<Value>(bytes).map_err(|e| {
            TrustError::Invalid(format!("the predicate for --type {kind} is not JSON: {e}"))
        })
    };
    match kind {
        "spdx" => Ok(Value::String(String::from_utf8_lossy(bytes).into_owned())),
        "custom" => Ok(json!({"Data": String::from_utf8_lossy(bytes), "Timestamp": now})),
        _ => parse(),
    }
}

/// An in-toto Statement v0.1 about `digest` in `repo`.
pub fn statement(
    repo: &ImageRef,
    digest: &Digest,
    predicate_type: &str,
    predicate: Value,
) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "_type": STATEMENT_V01,
        "predicateType": predicate_type,
        "subject": [{"name": cosign_repository(repo), "digest": {"sha256": digest.hex()}}],
        "predicate": predicate,
    }))
    .expect("statement serialises")
}

/// A DSSE envelope of `statement`, signed by `signer`.
pub fn envelope(statement: &[u8], signer: &SigStoreSigner) -> Result<Vec<u8>, TrustError> {
    let sig = signer
        .sign(&pae(INTOTO_PAYLOAD_TYPE, statement))
        .map_err(|e| TrustError::Invalid(format!("signing failed: {e}")))?;
    Ok(serde_json::to_vec(&json!({
        "payloadType": INTOTO_PAYLOAD_TYPE,
        "payload": B64.encode(statement),
        "signatures": [{"keyid": "", "sig": B64.encode(sig)}],
    }))
    .expect("envelope serialises"))
}

/// The tag cosign stores attestations of `digest` under.
pub fn attestation_tag(r: &ImageRef, digest: &Digest) -> ImageRef {
    r.at_tag(&format!("sha256-{}.att", digest.hex()))
}

/// The tag of the deprecated SBOM attachment (`cosign attach sbom`).
pub fn sbom_tag(r: &ImageRef, digest: &Digest) -> ImageRef {
    r.at_tag(&format!("sha256-{}.sbom", digest.hex()))
}

#[derive(Debug, Serialize)]
pub struct Attached {
    pub tag: String,
    /// False when this very envelope was already there.
    pub added: bool,
    /// Attestations of the same predicate type taken out (`--replace`).
    pub replaced: usize,
}

/// Adds `envelope` (of `predicate_type`) to the attestations of `digest`;
/// with `replace`, those of the same predicate type go.
pub async fn attach(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
    envelope: Vec<u8>,
    predicate_type: &str,
    replace: bool,
) -> Result<Attached, TrustError> {
    let tag = attestation_tag(repo, digest);
    let mut layers = match remote.fetch_manifest_opt(&tag).await? {
        None => Vec::new(),
        Some((_, data)) => {
            let m: Manifest = serde_json::from_slice(&data).map_err(|e| {
                TrustError::Invalid(format!("the attestation manifest {tag} is malformed: {e}"))
            })?;
            m.layers
        }
    };
    let env_digest = Digest::of(&envelope);
    if layers.iter().any(|l| l.digest == env_digest) {
        return Ok(Attached {
            tag: tag.to_string(),
            added: false,
            replaced: 0,
        });
    }
    let before = layers.len();
    if replace {
        layers.retain(|l| {
            l.annotations.get(PREDICATE_ANNOTATION).map(String::as_str) != Some(predicate_type)
        });
    }
    let replaced = before - layers.len();
    let mut layer = Descriptor::new(DSSE_TYPE, env_digest, envelope.len() as u64);
    layer
        .annotations
        .insert(SIGNATURE_ANNOTATION.into(), String::new());
    layer
        .annotations
        .insert(PREDICATE_ANNOTATION.into(), predicate_type.to_string());
    layers.push(layer);
    let config = super::cosign::attachment_config(layers.iter().map(|l| &l.digest));
    let config_desc = Descriptor::of_bytes(oci::OCI_CONFIG, &config);
    tokio::try_join!(
        remote.push_bytes(&tag, envelope),
        remote.push_bytes(&tag, config)
    )?;
    let manifest = Manifest::new(config_desc, layers);
    let bytes = serde_json::to_vec(&manifest).expect("manifest serialises");
    remote.push_manifest(&tag, oci::OCI_MANIFEST, bytes).await?;
    Ok(Attached {
        tag: tag.to_string(),
        added: true,
        replaced,
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// cosign 2's `.att` tag.
    Legacy,
    /// A Sigstore bundle attached as a referrer (cosign 3).
    Bundle,
}

/// One attestation found next to an image, verified or not.
#[derive(Clone, Debug, Serialize)]
pub struct Attestation {
    pub layout: Layout,
    pub predicate_type: String,
    /// The DSSE envelope (legacy) or bundle, as stored.
    #[serde(skip)]
    pub raw: Vec<u8>,
    /// The decoded in-toto statement.
    pub statement: Value,
    /// Index of the key that verified it (when verified).
    #[serde(skip)]
    pub key_index: Option<usize>,
    /// How it was found.
    pub found: super::bundle::Discovery,
}

impl Attestation {
    pub fn predicate(&self) -> &Value {
        &self.statement["predicate"]
    }

    /// The envelope as cosign prints it: one line of JSON.
    pub fn envelope_line(&self) -> String {
        let v: Value = serde_json::from_slice(&self.raw).unwrap_or(Value::Null);
        let env = match self.layout {
            Layout::Legacy => v,
            Layout::Bundle => v.get("dsseEnvelope").cloned().unwrap_or(v),
        };
        serde_json::to_string(&env).expect("serialises")
    }
}

#[derive(Debug, Default)]
pub struct Findings {
    pub verified: Vec<Attestation>,
    /// Why each attestation found did not count.
    pub rejected: Vec<String>,
}

/// Every attestation of `digest` in `repo`, unverified: bundles attached
/// as referrers (the referrers API, else the tag schema), then the `.att`
/// layers.
pub async fn download(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
) -> Result<(Vec<Attestation>, Vec<String>), TrustError> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let (bundles, mut more) = super::bundle::find(remote, repo, digest, MAX_ATTESTATION).await?;
    problems.append(&mut more);
    for (carrier, found_by, raw) in bundles {
        let bundle: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        let Some(env) = bundle.get("dsseEnvelope") else {
            continue;
        };
        match open_envelope(env) {
            Ok((statement, _)) => {
                let pt = statement["predicateType"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                if pt == COSIGN_SIGN_PREDICATE {
                    continue; // a signature, not an attestation
                }
                found.push(Attestation {
                    layout: Layout::Bundle,
                    predicate_type: pt,
                    raw: raw.to_vec(),
                    statement,
                    key_index: None,
                    found: found_by,
                });
            }
            Err(why) => problems.push(format!("bundle in {carrier}: {why}")),
        }
    }
    let tag = attestation_tag(repo, digest);
    if let Some((_, layers, note)) =
        super::cosign::tagged_layers(remote, &tag, DSSE_TYPE, "attestation").await?
    {
        problems.extend(note);
        for layer in &layers {
            let raw = remote
                .fetch_small_blob(repo, layer, MAX_ATTESTATION)
                .await?;
            match open_envelope(&serde_json::from_slice(&raw).unwrap_or(Value::Null)) {
                Ok((statement, _)) => found.push(Attestation {
                    layout: Layout::Legacy,
                    predicate_type: statement["predicateType"]
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                    raw: raw.to_vec(),
                    statement,
                    key_index: None,
                    found: super::bundle::Discovery::LegacyTag,
                }),
                Err(why) => problems.push(format!("layer {}: {why}", layer.digest)),
            }
        }
    }
    Ok((found, problems))
}

/// The statement inside a DSSE envelope and the payload it was decoded
/// from (what the signatures cover).
fn open_envelope(env: &Value) -> Result<(Value, Vec<u8>), String> {
    let payload_type = env["payloadType"].as_str().unwrap_or_default();
    if payload_type != INTOTO_PAYLOAD_TYPE {
        return Err(format!("unexpected payload type {payload_type:?}"));
    }
    let payload = B64
        .decode(env["payload"].as_str().unwrap_or_default())
        .map_err(|_| "the payload is not base64".to_string())?;
    let statement: Value =
        serde_json::from_slice(&payload).map_err(|e| format!("the statement is not JSON: {e}"))?;
    Ok((statement, payload))
}

/// Checks one attestation: a signature by one of `keys` over the
/// envelope, a statement about exactly `digest`.
fn check(
    a: &Attestation,
    digest: &Digest,
    keys: &[CosignVerificationKey],
) -> Result<usize, String> {
    let v: Value = serde_json::from_slice(&a.raw).map_err(|e| format!("not JSON: {e}"))?;
    let env = match a.layout {
        Layout::Legacy => &v,
        Layout::Bundle => v.get("dsseEnvelope").ok_or("no DSSE envelope")?,
    };
    let (statement, payload) = open_envelope(env)?;
    let msg = pae(INTOTO_PAYLOAD_TYPE, &payload);
    let key = env["signatures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| B64.decode(s["sig"].as_str().unwrap_or_default()).ok())
        .find_map(|sig| verify_any(keys, &sig, &msg))
        .ok_or("the envelope's signature does not verify with the given key(s)")?;
    let subjects: Vec<&str> = statement["subject"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["digest"]["sha256"].as_str())
        .collect();
    if !subjects.contains(&digest.hex()) {
        return Err(format!(
            "a valid signature, but the statement is about {}, not {digest}: it was made for another image",
            subjects
                .iter()
                .map(|s| format!("sha256:{s}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(key)
}

/// The attestations of `digest` that `keys` verify, of `predicate_type`
/// when given.
pub async fn verify(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
    keys: &[CosignVerificationKey],
    predicate_type: Option<&str>,
) -> Result<Findings, TrustError> {
    let (found, mut rejected) = download(remote, repo, digest).await?;
    let mut out = Findings::default();
    out.rejected.append(&mut rejected);
    for mut a in found {
        match check(&a, digest, keys) {
            Ok(k) => {
                if let Some(want) = predicate_type
                    && a.predicate_type != want
                {
                    out.rejected.push(format!(
                        "an attestation of type {}, not {want}",
                        a.predicate_type
                    ));
                    continue;
                }
                a.key_index = Some(k);
                // The same statement in both formats (a bundle referrer and
                // the `.att` tag, as ccr writes by default) is one attestation.
                if !out.verified.iter().any(|v| v.statement == a.statement) {
                    out.verified.push(a);
                }
            }
            Err(why) => out.rejected.push(why),
        }
    }
    Ok(out)
}

/// The deprecated SBOM attachment of `digest`: its media type and bytes.
pub async fn sbom_attachment(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
) -> Result<Option<(String, Vec<u8>)>, TrustError> {
    let tag = sbom_tag(repo, digest);
    let Some((_, data)) = remote.fetch_manifest_opt(&tag).await? else {
        return Ok(None);
    };
    let m: Manifest = serde_json::from_slice(&data)
        .map_err(|e| TrustError::Invalid(format!("the SBOM manifest {tag} is malformed: {e}")))?;
    let Some(layer) = m.layers.first() else {
        return Ok(None);
    };
    let bytes = remote
        .fetch_small_blob(repo, layer, MAX_SBOM_ATTACHMENT)
        .await?;
    Ok(Some((layer.media_type.clone(), bytes.to_vec())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_as_cosign_names_them() {
        assert_eq!(
            predicate_type("spdxjson").unwrap(),
            "https://spdx.dev/Document"
        );
        assert_eq!(
            predicate_type("slsaprovenance1").unwrap(),
            "https://slsa.dev/provenance/v1"
        );
        assert_eq!(
            predicate_type("https://example.com/p/v1").unwrap(),
            "https://example.com/p/v1"
        );
        assert!(predicate_type("sbom").is_err());
        assert_eq!(
            predicate("spdx", b"SPDXVersion: SPDX-2.3", "t").unwrap(),
            "SPDXVersion: SPDX-2.3"
        );
        assert!(predicate("cyclonedx", b"not json", "t").is_err());
        assert_eq!(predicate("custom", b"x", "now").unwrap()["Data"], "x");
    }

    #[test]
    fn an_envelope_verifies_and_names_its_digest() {
        let signer = sigstore::crypto::SigningScheme::ECDSA_P256_SHA256_ASN1
            .create_signer()
            .unwrap();
        let key = signer.to_verification_key().unwrap();
        let r = ImageRef::parse("127.0.0.1:5000/a:1").unwrap();
        let d = Digest::of(b"image");
        let st = statement(&r, &d, "https://spdx.dev/Document", json!({"x": 1}));
        let raw = envelope(&st, &signer).unwrap();
        let a = Attestation {
            layout: Layout::Legacy,
            predicate_type: "https://spdx.dev/Document".into(),
            raw: raw.clone(),
            statement: Value::Null,
            key_index: None,
            found: crate::trust::bundle::Discovery::LegacyTag,
        };
        assert_eq!(check(&a, &d, std::slice::from_ref(&key)), Ok(0));
        // Copied to another image: the statement names the first.
        let other = Digest::of(b"other");
        assert!(
            check(&a, &other, std::slice::from_ref(&key))
                .unwrap_err()
                .contains("another image")
        );
        // A tampered payload no longer verifies.
        let mut v: Value = serde_json::from_slice(&raw).unwrap();
        let st2 = statement(&r, &d, "https://spdx.dev/Document", json!({"x": 2}));
        v["payload"] = B64.encode(st2).into();
        let tampered = Attestation {
            raw: serde_json::to_vec(&v).unwrap(),
            ..a.clone()
        };
        assert!(
            check(&tampered, &d, &[key])
                .unwrap_err()
                .contains("does not verify")
        );
    }
}
