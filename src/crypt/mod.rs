//! Layer encryption in the ocicrypt format (containers/ocicrypt, the
//! format skopeo, nerdctl/imgcrypt and Confidential Containers use):
//! AES-256-CTR over the layer blob with an HMAC-SHA256 of the ciphertext,
//! the per-layer key and nonce ("private options") wrapped for each
//! recipient as a JWE, or with a key-encryption key held by a Key Broker
//! Service (the `provider.attestation-agent` scheme).

pub mod cipher;
pub mod jwe;
pub mod keys;
pub mod provider;

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::digest::Digest;
use crate::oci::Descriptor;

pub use keys::{PrivateKey, PublicKey};

/// The annotation holding the wrapped private options for a scheme.
pub const ANNOTATION_KEYS_PREFIX: &str = "org.opencontainers.image.enc.keys.";
pub const ANNOTATION_JWE: &str = "org.opencontainers.image.enc.keys.jwe";
pub const ANNOTATION_PROVIDER_AA: &str =
    "org.opencontainers.image.enc.keys.provider.attestation-agent";
pub const ANNOTATION_PUBOPTS: &str = "org.opencontainers.image.enc.pubopts";
pub const CIPHER: &str = "AES_256_CTR_HMAC_SHA256";
pub const ENCRYPTED_SUFFIX: &str = "+encrypted";

#[derive(Debug, thiserror::Error)]
pub enum CryptError {
    #[error("{what}: {why}")]
    Key { what: String, why: String },
    #[error("{path}: {source}")]
    KeyFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("layer {layer}: none of the given keys can decrypt it ({why})")]
    NoKey { layer: Digest, why: String },
    #[error("layer {layer} is encrypted and no decryption key was given")]
    KeyMissing { layer: Digest },
    #[error("layer {layer}: {why}")]
    Malformed { layer: Digest, why: String },
    #[error(
        "layer {layer}: the ciphertext failed its integrity check (HMAC mismatch): the layer was altered or its annotations tampered with; nothing from it was kept"
    )]
    Hmac { layer: Digest },
    #[error(
        "layer {layer}: the decrypted content hashes to {actual}, not {expected} as its encryption options promise; nothing from it was kept"
    )]
    PlaintextDigest {
        layer: Digest,
        expected: Digest,
        actual: Digest,
    },
    #[error("JWE: {0}")]
    Jwe(String),
    #[error("{0}")]
    Other(String),
}

impl CryptError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            CryptError::NoKey { .. } => Some(
                "give the private key (or key-encryption key) of one of the layer's recipients"
                    .into(),
            ),
            CryptError::KeyMissing { .. } => Some("give a key that opens the layer".into()),
            _ => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, CryptError>;

/// Serde for Go's `[]byte` (standard base64).
mod b64 {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(v))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        STANDARD.decode(s).map_err(serde::de::Error::custom)
    }
}

mod b64map {
    use std::collections::BTreeMap;

    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        v: &BTreeMap<String, Vec<u8>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let m: BTreeMap<&String, String> = v.iter().map(|(k, b)| (k, STANDARD.encode(b))).collect();
        m.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Vec<u8>>, D::Error> {
        let m = Option::<BTreeMap<String, String>>::deserialize(d)?.unwrap_or_default();
        m.into_iter()
            .map(|(k, v)| {
                STANDARD
                    .decode(v)
                    .map(|b| (k, b))
                    .map_err(serde::de::Error::custom)
            })
            .collect()
    }
}

/// What every recipient may see: the cipher and the ciphertext's HMAC.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PublicOptions {
    pub cipher: String,
    #[serde(with = "b64")]
    pub hmac: Vec<u8>,
    #[serde(with = "b64map", default)]
    pub cipheroptions: BTreeMap<String, Vec<u8>>,
}

/// What is wrapped for the recipients: the layer key, the plaintext
/// digest, and the nonce.
#[derive(Clone, Serialize, Deserialize, PartialEq)]
pub struct PrivateOptions {
    #[serde(with = "b64")]
    pub symkey: Vec<u8>,
    pub digest: Digest,
    #[serde(with = "b64map", default)]
    pub cipheroptions: BTreeMap<String, Vec<u8>>,
}

impl std::fmt::Debug for PrivateOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateOptions")
            .field("digest", &self.digest)
            .finish_non_exhaustive()
    }
}

impl Drop for PrivateOptions {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.symkey);
    }
}

impl PrivateOptions {
    pub fn nonce(&self) -> Option<&[u8]> {
        self.cipheroptions.get("nonce").map(|v| v.as_slice())
    }

    pub fn to_json(&self) -> zeroize::Zeroizing<Vec<u8>> {
        zeroize::Zeroizing::new(serde_json::to_vec(self).expect("options serialise"))
    }
}

/// Whether a layer descriptor is encrypted.
pub fn is_encrypted(desc: &Descriptor) -> bool {
    desc.media_type.ends_with(ENCRYPTED_SUFFIX)
}

/// The media type of the plaintext of an encrypted layer.
pub fn plain_media_type(media_type: &str) -> &str {
    media_type
        .strip_suffix(ENCRYPTED_SUFFIX)
        .unwrap_or(media_type)
}

/// The public options of an encrypted layer descriptor.
pub fn public_options(desc: &Descriptor) -> Result<PublicOptions> {
    let raw = desc
        .annotations
        .get(ANNOTATION_PUBOPTS)
        .ok_or_else(|| CryptError::Malformed {
            layer: desc.digest.clone(),
            why: format!("the {ANNOTATION_PUBOPTS} annotation is missing"),
        })?;
    let bad = |why: String| CryptError::Malformed {
        layer: desc.digest.clone(),
        why: format!("{ANNOTATION_PUBOPTS}: {why}"),
    };
    let json = STANDARD.decode(raw).map_err(|e| bad(e.to_string()))?;
    let p: PublicOptions = serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))?;
    if p.cipher != CIPHER {
        return Err(bad(format!(
            "unsupported cipher {:?} (ccr supports {CIPHER})",
            p.cipher
        )));
    }
    if p.hmac.len() != 32 {
        return Err(bad("the HMAC is not 32 bytes".into()));
    }
    Ok(p)
}

/// Fills `buf` from the system's random source.
pub fn random(buf: &mut [u8]) -> Result<()> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = rustix::rand::getrandom(&mut buf[filled..], rustix::rand::GetRandomFlags::empty())
            .map_err(|e| CryptError::Other(format!("no randomness: {e}")))?;
        filled += n;
    }
    Ok(())
}

/// The keys that can open encrypted layers: private keys for the `jwe`
/// scheme, key-encryption keys (by key id) for the KBS provider scheme.
#[derive(Default)]
pub struct Keyring {
    pub private: Vec<PrivateKey>,
    pub keks: Vec<(String, zeroize::Zeroizing<Vec<u8>>)>,
}

impl Keyring {
    pub fn is_empty(&self) -> bool {
        self.private.is_empty() && self.keks.is_empty()
    }

    /// Unwraps an encrypted layer's private options with one of the keys.
    pub fn open(&self, desc: &Descriptor) -> Result<PrivateOptions> {
        if self.is_empty() {
            return Err(CryptError::KeyMissing {
                layer: desc.digest.clone(),
            });
        }
        let mut why = Vec::new();
        if let Some(v) = desc.annotations.get(ANNOTATION_JWE) {
            if self.private.is_empty() {
                why.push(
                    "it is wrapped for public keys (jwe) and no private key was given".to_string(),
                );
            } else {
                match STANDARD
                    .decode(v)
                    .map_err(|e| CryptError::Jwe(e.to_string()))
                    .and_then(|j| jwe::decrypt(&j, &self.private))
                {
                    Ok(plain) => return parse_private(desc, &plain),
                    Err(e) => why.push(e.to_string()),
                }
            }
        }
        if let Some(v) = desc.annotations.get(ANNOTATION_PROVIDER_AA) {
            match provider::unwrap(v, &self.keks) {
                Ok(plain) => return parse_private(desc, &plain),
                Err(e) => why.push(e.to_string()),
            }
        }
        if why.is_empty() {
            let schemes: Vec<&str> = desc
                .annotations
                .keys()
                .filter_map(|k| k.strip_prefix(ANNOTATION_KEYS_PREFIX))
                .collect();
            why.push(format!(
                "its keys are wrapped with scheme(s) {} which ccr does not support (it supports jwe and provider.attestation-agent)",
                if schemes.is_empty() { "none".to_string() } else { schemes.join(", ") }
            ));
        }
        Err(CryptError::NoKey {
            layer: desc.digest.clone(),
            why: why.join("; "),
        })
    }
}

fn parse_private(desc: &Descriptor, plain: &[u8]) -> Result<PrivateOptions> {
    let p: PrivateOptions = serde_json::from_slice(plain).map_err(|e| CryptError::Malformed {
        layer: desc.digest.clone(),
        why: format!("unreadable private options: {e}"),
    })?;
    if p.symkey.len() != 32 || p.nonce().map(|n| n.len()) != Some(16) {
        return Err(CryptError::Malformed {
            layer: desc.digest.clone(),
            why: "the private options need a 32-byte key and a 16-byte nonce".into(),
        });
    }
    Ok(p)
}

/// Who can decrypt what `image encrypt` writes.
pub enum Recipient {
    /// A public key (the `jwe` scheme).
    Jwe(PublicKey),
    /// A fresh key-encryption key to be held by a KBS under `kid`
    /// (the `provider.attestation-agent` scheme).
    Kbs {
        kid: String,
        kek: zeroize::Zeroizing<Vec<u8>>,
    },
}

impl Recipient {
    /// `jwe:PUB.pem` (PEM or JWK), `provider:attestation-agent:keyid=kbs:///R/T/TAG`,
    /// or the short `kbs:///R/T/TAG` (which gets a fresh KEK).
    pub fn parse(spec: &str) -> Result<Recipient> {
        let kid = spec
            .strip_prefix("provider:attestation-agent:keyid=")
            .or_else(|| spec.strip_prefix("provider:attestation-agent:"))
            .or_else(|| spec.starts_with("kbs://").then_some(spec));
        if let Some(kid) = kid {
            provider::parse_kid(kid)?;
            let mut kek = zeroize::Zeroizing::new(vec![0u8; 32]);
            random(&mut kek)?;
            return Ok(Recipient::Kbs {
                kid: kid.to_string(),
                kek,
            });
        }
        if let Some(path) = spec.strip_prefix("jwe:") {
            let data = crate::bounded::read(std::path::Path::new(path), crate::bounded::KEY_FILE)
                .map_err(|source| CryptError::KeyFile {
                path: path.to_string(),
                source,
            })?;
            return Ok(Recipient::Jwe(PublicKey::parse(&data, path)?));
        }
        let scheme = spec.split(':').next().unwrap_or(spec);
        Err(CryptError::Other(format!(
            "recipient {spec:?}: the {scheme} scheme is not supported; use jwe:PUB.pem or kbs:///REPOSITORY/TYPE/TAG (pkcs7 and pgp are not supported)"
        )))
    }
}

impl Keyring {
    /// Adds a key given as `FILE[:PASSWORD]` (a private key, PEM or JWK;
    /// the password opens an encrypted PKCS#8 key), or as
    /// `kbs:///R/T/TAG=FILE` (a 32-byte key-encryption key for that key id).
    pub fn add_spec(&mut self, spec: &str) -> Result<()> {
        if spec.starts_with("kbs://")
            && let Some((kid, file)) = spec.rsplit_once('=')
        {
            provider::parse_kid(kid)?;
            let kek = zeroize::Zeroizing::new(
                crate::bounded::read(std::path::Path::new(file), crate::bounded::KEY_FILE)
                    .map_err(|source| CryptError::KeyFile {
                        path: file.to_string(),
                        source,
                    })?,
            );
            if kek.len() != 32 {
                return Err(CryptError::Key {
                    what: file.to_string(),
                    why: format!(
                        "a key-encryption key is 32 bytes, this file has {}",
                        kek.len()
                    ),
                });
            }
            self.keks.push((kid.to_string(), kek));
            return Ok(());
        }
        let (path, password) = if std::path::Path::new(spec).exists() {
            (spec, None)
        } else {
            match spec.split_once(':') {
                Some((p, pw)) => (p, Some(pw)),
                None => (spec, None),
            }
        };
        let data = zeroize::Zeroizing::new(
            crate::bounded::read(std::path::Path::new(path), crate::bounded::KEY_FILE).map_err(
                |source| CryptError::KeyFile {
                    path: path.to_string(),
                    source,
                },
            )?,
        );
        self.private
            .push(PrivateKey::parse(&data, password.map(str::as_bytes), path)?);
        Ok(())
    }
}
