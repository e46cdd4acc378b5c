//! Sigstore bundles (v0.3) attached to an image as OCI 1.1 referrers, the
//! format cosign 3 writes by default: a manifest whose `artifactType` and
//! one layer are the bundle's media type, whose config is the empty
//! descriptor and whose `subject` is the image. A registry with the
//! referrers API indexes it by itself; on one without (Debian's
//! docker-registry 2.8), the referrers tag schema carries it: an image
//! index tagged `sha256-<hex>` listing the referrers, kept up to date by
//! whoever attaches one.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Serialize;
use serde_json::{Value, json};
use sha2::Digest as _;
use sigstore::crypto::signing_key::SigStoreSigner;
use sigstore::crypto::{CosignVerificationKey, Signature};

use super::TrustError;
use crate::digest::Digest;
use crate::oci::{self, Descriptor, Index, Manifest};
use crate::reference::ImageRef;
use crate::registry::Remote;

pub const BUNDLE_TYPE: &str = "application/vnd.dev.sigstore.bundle.v0.3+json";
pub const INTOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";
/// Signatures (and bundles) considered per image, as cosign ≥ 2.2.1 caps
/// attachments (GHSA-vfp6-jrw2-99g9): a carrier with thousands of layers
/// must not make a pull fetch payload after payload.
pub const MAX_SIGNATURES: usize = 128;
/// The largest attestation read (an SBOM can be large).
pub const MAX_ATTACHMENT: u64 = 64 << 20;
pub const SIGN_PREDICATE: &str = "https://sigstore.dev/cosign/sign/v1";
const CONTENT_ANNOTATION: &str = "dev.sigstore.bundle.content";
pub const PREDICATE_ANNOTATION: &str = "dev.sigstore.bundle.predicateType";
const CREATED_ANNOTATION: &str = "org.opencontainers.image.created";
/// A referrer manifest is small; so is a signature's bundle.
const MAX_BUNDLE: u64 = 1 << 20;
pub const MAX_SIGNATURE_BUNDLE: u64 = MAX_BUNDLE;

/// How a referrer was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Discovery {
    /// The registry's referrers API.
    ReferrersApi,
    /// The referrers tag schema (`sha256-<hex>`), on registries without the API.
    ReferrersTag,
    /// cosign 2's `.sig` / `.att` tag.
    LegacyTag,
}

/// Which formats a signature or attestation is written in
/// (`--signature-format`, `signature_format` in ccr.toml).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WriteFormat {
    /// cosign 2's tags only (what image-rs reads).
    Legacy,
    /// A bundle referrer only (cosign 3's default).
    Bundle,
    /// Both, so that either kind of reader finds it.
    #[default]
    Both,
}

impl WriteFormat {
    pub fn parse(s: &str) -> Option<WriteFormat> {
        match s {
            "legacy" => Some(WriteFormat::Legacy),
            "bundle" => Some(WriteFormat::Bundle),
            "both" => Some(WriteFormat::Both),
            _ => None,
        }
    }
    pub fn legacy(self) -> bool {
        self != WriteFormat::Bundle
    }
    pub fn bundle(self) -> bool {
        self != WriteFormat::Legacy
    }
}

/// cosign 3's statement for an image signature, byte for byte.
pub fn signature_statement(digest: &Digest) -> Vec<u8> {
    format!(
        r#"{{"_type":"https://in-toto.io/Statement/v1","subject":[{{"digest":{{"sha256":"{}"}},"annotations":{{}}}}],"predicateType":"{SIGN_PREDICATE}","predicate":{{}}}}"#,
        digest.hex()
    )
    .into_bytes()
}

/// The DSSE envelope of `statement`, signed.
pub fn envelope(statement: &[u8], signer: &SigStoreSigner) -> Result<Value, TrustError> {
    let sig = signer
        .sign(&pae(INTOTO_PAYLOAD_TYPE, statement))
        .map_err(|e| TrustError::Invalid(format!("signing failed: {e}")))?;
    Ok(json!({
        "payload": B64.encode(statement),
        "payloadType": INTOTO_PAYLOAD_TYPE,
        "signatures": [{"sig": B64.encode(sig)}],
    }))
}

/// A key's hint as cosign writes it: base64 of the sha256 of its
/// SubjectPublicKeyInfo (DER).
pub fn key_hint(signer: &SigStoreSigner) -> Result<String, TrustError> {
    let pem = signer
        .to_sigstore_keypair()
        .and_then(|k| k.public_key_to_der())
        .map_err(|e| TrustError::Invalid(format!("signing key: {e}")))?;
    Ok(B64.encode(sha2::Sha256::digest(&pem)))
}

/// A bundle holding `envelope`, its key named by `hint`.
pub fn bundle(envelope: Value, hint: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "mediaType": BUNDLE_TYPE,
        "verificationMaterial": {"publicKey": {"hint": hint}},
        "dsseEnvelope": envelope,
    }))
    .expect("a bundle serialises")
}

/// What attaching did.
#[derive(Clone, Debug, Serialize)]
pub struct Attached {
    /// The referrer manifest.
    pub referrer: Digest,
    /// False when the same bundle was already attached.
    pub added: bool,
    /// How the registry lists it.
    pub via: Discovery,
    /// Referrers of the same predicate type taken out of the tag-schema index (`--replace`).
    pub replaced: usize,
}

/// The referrers of `subject` and how they were found: the API where the
/// registry has it, else the tag schema.
pub async fn referrers(
    remote: &Remote,
    repo: &ImageRef,
    subject: &Digest,
) -> Result<(Vec<Descriptor>, Discovery, Option<Index>), TrustError> {
    // Both asked at once: a registry without the API answers the first
    // with 404, and then the tag is what counts.
    let at = repo.at_digest(subject);
    let tag = repo.at_tag(&format!("sha256-{}", subject.hex()));
    let (api, tagged) = tokio::join!(remote.referrers_api(&at), remote.fetch_manifest_opt(&tag));
    if let Some(list) = api? {
        return Ok((list, Discovery::ReferrersApi, None));
    }
    match tagged? {
        None => Ok((Vec::new(), Discovery::ReferrersTag, None)),
        Some((_, data)) => {
            let index: Index = serde_json::from_slice(&data).map_err(|e| {
                TrustError::Invalid(format!("the referrers index {tag} is malformed: {e}"))
            })?;
            Ok((
                index.manifests.clone(),
                Discovery::ReferrersTag,
                Some(index),
            ))
        }
    }
}

/// Whether `d` may be a bundle referrer (cosign 3's own tag-schema entries
/// name the empty config's type instead of the bundle's).
pub fn may_be_bundle(d: &Descriptor) -> bool {
    oci::is_manifest(&d.media_type)
        && matches!(
            d.artifact_type.as_deref(),
            Some(BUNDLE_TYPE) | Some(oci::OCI_EMPTY)
        )
}

/// DSSE pre-authentication encoding.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out
}

pub fn verify_any(keys: &[CosignVerificationKey], sig: &[u8], msg: &[u8]) -> Option<usize> {
    keys.iter()
        .position(|k| k.verify_signature(Signature::Raw(sig), msg).is_ok())
}

/// Whether `bundle` holds `statement`, signed by `key` (signatures are not
/// deterministic: the same statement signed again is the same signature).
fn same_statement(bundle: &[u8], statement: &[u8], key: &CosignVerificationKey) -> bool {
    let Ok(v) = serde_json::from_slice::<Value>(bundle) else {
        return false;
    };
    let env = &v["dsseEnvelope"];
    let Ok(payload) = B64.decode(env["payload"].as_str().unwrap_or_default()) else {
        return false;
    };
    payload == statement
        && env["signatures"].as_array().into_iter().flatten().any(|s| {
            B64.decode(s["sig"].as_str().unwrap_or_default())
                .is_ok_and(|sig| {
                    verify_any(
                        std::slice::from_ref(key),
                        &sig,
                        &pae(INTOTO_PAYLOAD_TYPE, &payload),
                    )
                    .is_some()
                })
        })
}

/// What is attached: the bundle, the statement it signs, and the key that
/// signed it (a referrer holding that statement signed by that key makes
/// this one a duplicate).
pub struct ToAttach<'a> {
    pub bundle: Vec<u8>,
    pub statement: &'a [u8],
    pub key: &'a CosignVerificationKey,
    pub predicate_type: &'a str,
}

/// Attaches a bundle to the image `subject` describes; nothing is written
/// when a referrer already carries its statement signed by the same key.
/// With `replace`, referrers of the same predicate type leave the
/// tag-schema index.
pub async fn attach(
    remote: &Remote,
    repo: &ImageRef,
    subject: &Descriptor,
    what: ToAttach<'_>,
    replace: bool,
) -> Result<Attached, TrustError> {
    let ToAttach {
        bundle,
        statement,
        key,
        predicate_type,
    } = what;
    let (existing, via, index) = referrers(remote, repo, &subject.digest).await?;
    let bundle_digest = Digest::of(&bundle);
    let mut same_type = Vec::new();
    for d in existing
        .iter()
        .filter(|d| may_be_bundle(d))
        .take(MAX_SIGNATURES)
    {
        if d.size > MAX_BUNDLE {
            continue;
        }
        let (_, data) = remote.fetch_manifest(&repo.at_digest(&d.digest)).await?;
        let Ok(m) = serde_json::from_slice::<Manifest>(&data) else {
            continue;
        };
        if m.annotations.get(PREDICATE_ANNOTATION).map(String::as_str) != Some(predicate_type) {
            continue;
        }
        same_type.push(d.digest.clone());
        for l in m
            .layers
            .iter()
            .filter(|l| l.media_type == BUNDLE_TYPE)
            .take(4)
        {
            let Ok(existing) = remote
                .fetch_small_blob(&repo.at_digest(&subject.digest), l, MAX_ATTACHMENT)
                .await
            else {
                continue;
            };
            if same_statement(&existing, statement, key) {
                return Ok(Attached {
                    referrer: d.digest.clone(),
                    added: false,
                    via,
                    replaced: 0,
                });
            }
        }
    }
    let empty = Descriptor::of_bytes(oci::OCI_EMPTY, b"{}");
    let mut config = empty.clone();
    // As cosign 3 writes it.
    config.artifact_type = Some(BUNDLE_TYPE.into());
    let layer = Descriptor::new(BUNDLE_TYPE, bundle_digest, bundle.len() as u64);
    tokio::try_join!(
        remote.push_bytes(repo, b"{}".to_vec()),
        remote.push_bytes(repo, bundle)
    )?;
    let mut m = Manifest::new(config, vec![layer]);
    m.artifact_type = Some(BUNDLE_TYPE.into());
    m.subject = Some(Descriptor::new(
        &subject.media_type,
        subject.digest.clone(),
        subject.size,
    ));
    m.annotations
        .insert(CONTENT_ANNOTATION.into(), "dsse-envelope".into());
    m.annotations
        .insert(PREDICATE_ANNOTATION.into(), predicate_type.into());
    m.annotations.insert(
        CREATED_ANNOTATION.into(),
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    );
    let bytes = serde_json::to_vec(&m).expect("a manifest serialises");
    let referrer = Descriptor::of_bytes(oci::OCI_MANIFEST, &bytes);
    remote
        .push_manifest(&repo.at_digest(&referrer.digest), oci::OCI_MANIFEST, bytes)
        .await?;
    let mut replaced = 0;
    if via == Discovery::ReferrersTag {
        let mut index = index.unwrap_or_else(|| Index::new(oci::OCI_INDEX, Vec::new()));
        if replace {
            let before = index.manifests.len();
            index.manifests.retain(|d| !same_type.contains(&d.digest));
            replaced = before - index.manifests.len();
        }
        let mut entry = referrer.clone();
        entry.artifact_type = Some(BUNDLE_TYPE.into());
        entry.annotations = m.annotations.clone();
        index.manifests.push(entry);
        let bytes = serde_json::to_vec(&index).expect("an index serialises");
        remote
            .push_manifest(
                &repo.at_tag(&format!("sha256-{}", subject.digest.hex())),
                oci::OCI_INDEX,
                bytes,
            )
            .await?;
    }
    Ok(Attached {
        referrer: referrer.digest,
        added: true,
        via,
        replaced,
    })
}

/// The bundles attached to `digest`, each with its referrer and how it was
/// found; and why referrers that looked like bundles were not read.
pub async fn find(
    remote: &Remote,
    repo: &ImageRef,
    digest: &Digest,
    max: u64,
) -> Result<(Vec<(Digest, Discovery, Vec<u8>)>, Vec<String>), TrustError> {
    let (list, via, _) = referrers(remote, repo, digest).await?;
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let candidates: Vec<&Descriptor> = list.iter().filter(|d| may_be_bundle(d)).collect();
    if candidates.len() > MAX_SIGNATURES {
        problems.push(format!(
            "{} referrers of {digest} may be bundles; only the first {MAX_SIGNATURES} were read",
            candidates.len()
        ));
    }
    for d in candidates.into_iter().take(MAX_SIGNATURES) {
        if d.size > MAX_BUNDLE {
            problems.push(format!(
                "referrer {} is larger than a bundle referrer may be",
                d.digest
            ));
            continue;
        }
        let (_, data) = remote.fetch_manifest(&repo.at_digest(&d.digest)).await?;
        let Ok(m) = serde_json::from_slice::<Manifest>(&data) else {
            problems.push(format!("referrer {} is not an image manifest", d.digest));
            continue;
        };
        if m.artifact_type.as_deref() != Some(BUNDLE_TYPE) {
            // Another artifact (an SBOM, a notation signature): not ours to read.
            continue;
        }
        if m.subject.as_ref().map(|s| &s.digest) != Some(digest) {
            problems.push(format!("referrer {} is about another image", d.digest));
            continue;
        }
        for layer in m
            .layers
            .iter()
            .filter(|l| l.media_type == BUNDLE_TYPE)
            .take(4)
        {
            match remote
                .fetch_small_blob(&repo.at_digest(digest), layer, max)
                .await
            {
                Ok(b) => found.push((d.digest.clone(), via, b)),
                Err(e) => problems.push(format!("referrer {}: {e}", d.digest)),
            }
        }
    }
    Ok((found, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_is_byte_identical_to_cosign_3s() {
        let d: Digest = "sha256:ea26ca54c8d89672166966794effa7091055a61a912442daef51c8776154cd0c"
            .parse()
            .unwrap();
        // As cosign 3.1 wrote it for this image (the bundle's DSSE payload).
        let cosign = r#"{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"ea26ca54c8d89672166966794effa7091055a61a912442daef51c8776154cd0c"},"annotations":{}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}"#;
        assert_eq!(String::from_utf8(signature_statement(&d)).unwrap(), cosign);
    }

    #[test]
    fn formats_parse() {
        assert_eq!(WriteFormat::parse("both"), Some(WriteFormat::Both));
        assert!(WriteFormat::Both.legacy() && WriteFormat::Both.bundle());
        assert!(!WriteFormat::Legacy.bundle() && !WriteFormat::Bundle.legacy());
        assert_eq!(WriteFormat::parse("v3"), None);
    }
}
