//! The `provider.attestation-agent` key scheme of Confidential Containers:
//! the private options wrapped with A256GCM under a key-encryption key
//! (KEK) that a Key Broker Service holds under a `kbs:///…` key id.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::{CryptError, Result, random};

/// The annotation packet, as the reference key provider writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnnotationPacket {
    pub kid: String,
    pub wrapped_data: String,
    pub iv: String,
    pub wrap_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// A `kbs:///repo/type/tag` or `kbs://host:port/repo/type/tag` key id:
/// `(host, "repo/type/tag")`.
pub fn parse_kid(kid: &str) -> Result<(Option<String>, String)> {
    let bad = |why: &str| {
        CryptError::Other(format!(
            "key id {kid:?}: {why}; use kbs:///REPOSITORY/TYPE/TAG"
        ))
    };
    let rest = kid
        .strip_prefix("kbs://")
        .ok_or_else(|| bad("not a kbs:// URI"))?;
    let (host, path) = rest
        .split_once('/')
        .ok_or_else(|| bad("no resource path"))?;
    let parts: Vec<&str> = path.split('/').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return Err(bad("the path must have three parts"));
    }
    Ok((
        (!host.is_empty()).then(|| host.to_string()),
        path.to_string(),
    ))
}

/// Wraps `plain` (the private options) under `kek` for key id `kid`;
/// returns the annotation value.
pub fn wrap(kid: &str, kek: &[u8], plain: &[u8]) -> Result<String> {
    parse_kid(kid)?;
    let mut iv = [0u8; 12];
    random(&mut iv)?;
    let gcm = Aes256Gcm::new_from_slice(kek)
        .map_err(|_| CryptError::Other("the KEK must be 32 bytes".into()))?;
    let wrapped = gcm
        .encrypt(&Nonce::from(iv), plain)
        .map_err(|_| CryptError::Other("A256GCM wrap failed".into()))?;
    let packet = AnnotationPacket {
        kid: kid.to_string(),
        wrapped_data: STANDARD.encode(wrapped),
        iv: STANDARD.encode(iv),
        wrap_type: "A256GCM".into(),
        version: None,
        provider: None,
    };
    Ok(STANDARD.encode(serde_json::to_vec(&packet).expect("packets serialise")))
}

/// Reads an annotation value.
pub fn packet(annotation: &str) -> Result<AnnotationPacket> {
    let json = STANDARD
        .decode(annotation)
        .map_err(|e| CryptError::Other(format!("attestation-agent annotation: {e}")))?;
    serde_json::from_slice(&json)
        .map_err(|e| CryptError::Other(format!("attestation-agent annotation: {e}")))
}

/// Unwraps an annotation with the KEK registered for its key id.
pub fn unwrap(annotation: &str, keks: &[(String, zeroize::Zeroizing<Vec<u8>>)]) -> Result<Vec<u8>> {
    let p = packet(annotation)?;
    let (_, path) = parse_kid(&p.kid)?;
    let kek = keks
        .iter()
        .find(|(k, _)| parse_kid(k).map(|(_, kp)| kp == path).unwrap_or(false))
        .map(|(_, v)| v)
        .ok_or_else(|| CryptError::Other(format!("no key-encryption key for {} was given (it is released by the KBS after attestation)", p.kid)))?;
    if p.wrap_type != "A256GCM" {
        return Err(CryptError::Other(format!(
            "unsupported wrap type {:?}",
            p.wrap_type
        )));
    }
    let iv = STANDARD
        .decode(&p.iv)
        .map_err(|e| CryptError::Other(format!("annotation iv: {e}")))?;
    let iv: [u8; 12] = iv
        .try_into()
        .map_err(|_| CryptError::Other("annotation iv is not 12 bytes".into()))?;
    let data = STANDARD
        .decode(&p.wrapped_data)
        .map_err(|e| CryptError::Other(format!("annotation wrapped_data: {e}")))?;
    let gcm = Aes256Gcm::new_from_slice(kek)
        .map_err(|_| CryptError::Other("the KEK must be 32 bytes".into()))?;
    gcm.decrypt(&Nonce::from(iv), data.as_slice()).map_err(|_| {
        CryptError::Other(format!(
            "the key-encryption key for {} does not open this layer",
            p.kid
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_unwraps() {
        let kek = vec![7u8; 32];
        let kid = "kbs:///default/image-kek/abc";
        let a = wrap(kid, &kek, b"secret options").unwrap();
        let keks = vec![(
            "kbs://kbs.example:8080/default/image-kek/abc".to_string(),
            zeroize::Zeroizing::new(kek),
        )];
        assert_eq!(unwrap(&a, &keks).unwrap(), b"secret options");
        let wrong = vec![(kid.to_string(), zeroize::Zeroizing::new(vec![8u8; 32]))];
        assert!(unwrap(&a, &wrong).is_err());
        assert!(parse_kid("kbs:///a/b").is_err());
        assert!(parse_kid("kbs:///a/../c").is_err());
        assert_eq!(
            parse_kid("kbs://h:1/a/b/c").unwrap(),
            (Some("h:1".into()), "a/b/c".into())
        );
    }
}
