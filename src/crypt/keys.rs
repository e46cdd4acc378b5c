//! Recipient public keys and decryption private keys: RSA and EC (P-256,
//! P-384), in PEM (SPKI, PKCS#1, PKCS#8 — also password-encrypted — and
//! SEC1) or as JWK.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};

use super::{CryptError, Result};

#[derive(Clone, Debug)]
pub enum PublicKey {
    Rsa(rsa::RsaPublicKey),
    P256(p256::PublicKey),
    P384(p384::PublicKey),
}

#[derive(Clone)]
pub enum PrivateKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::SecretKey),
    P384(p384::SecretKey),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PrivateKey::Rsa(_) => "PrivateKey::Rsa(..)",
            PrivateKey::P256(_) => "PrivateKey::P256(..)",
            PrivateKey::P384(_) => "PrivateKey::P384(..)",
        })
    }
}

fn key_err(what: &str, why: impl std::fmt::Display) -> CryptError {
    CryptError::Key {
        what: what.to_string(),
        why: why.to_string(),
    }
}

fn b64u(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

fn unb64u(what: &str, v: &Value, field: &str) -> Result<Vec<u8>> {
    let s = v[field]
        .as_str()
        .ok_or_else(|| key_err(what, format!("JWK without {field:?}")))?;
    URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|e| key_err(what, format!("JWK {field:?}: {e}")))
}

/// `0x04 || x || y` from a JWK's coordinates.
fn ec_point(what: &str, v: &Value, size: usize) -> Result<Vec<u8>> {
    let x = unb64u(what, v, "x")?;
    let y = unb64u(what, v, "y")?;
    if x.len() != size || y.len() != size {
        return Err(key_err(what, "JWK coordinates of the wrong size"));
    }
    let mut p = vec![4u8];
    p.extend_from_slice(&x);
    p.extend_from_slice(&y);
    Ok(p)
}

impl PublicKey {
    /// Reads a public key (a private key is accepted too: its public half).
    pub fn parse(data: &[u8], what: &str) -> Result<PublicKey> {
        let text = std::str::from_utf8(data).unwrap_or("");
        if text.trim_start().starts_with('{') {
            let v: Value = serde_json::from_str(text).map_err(|e| key_err(what, e))?;
            if v.get("d").is_some() {
                return Ok(PrivateKey::from_jwk(&v, what)?.public());
            }
            return Self::from_jwk(&v, what);
        }
        if text.contains("-----BEGIN") {
            use p256::pkcs8::DecodePublicKey as _;
            use rsa::pkcs1::DecodeRsaPublicKey as _;
            use rsa::pkcs8::DecodePublicKey as _;
            if let Ok(k) = rsa::RsaPublicKey::from_public_key_pem(text) {
                return Ok(PublicKey::Rsa(k));
            }
            if let Ok(k) = rsa::RsaPublicKey::from_pkcs1_pem(text) {
                return Ok(PublicKey::Rsa(k));
            }
            if let Ok(k) = p256::PublicKey::from_public_key_pem(text) {
                return Ok(PublicKey::P256(k));
            }
            if let Ok(k) = p384::PublicKey::from_public_key_pem(text) {
                return Ok(PublicKey::P384(k));
            }
            if text.contains("PRIVATE KEY-----") {
                return Ok(PrivateKey::parse(data, None, what)?.public());
            }
        }
        Err(key_err(
            what,
            "not an RSA or EC (P-256, P-384) public key in PEM or JWK form",
        ))
    }

    pub fn from_jwk(v: &Value, what: &str) -> Result<PublicKey> {
        match (v["kty"].as_str(), v["crv"].as_str()) {
            (Some("RSA"), _) => {
                let n = rsa::BigUint::from_bytes_be(&unb64u(what, v, "n")?);
                let e = rsa::BigUint::from_bytes_be(&unb64u(what, v, "e")?);
                rsa::RsaPublicKey::new(n, e)
                    .map(PublicKey::Rsa)
                    .map_err(|e| key_err(what, e))
            }
            (Some("EC"), Some("P-256")) => {
                p256::PublicKey::from_sec1_bytes(&ec_point(what, v, 32)?)
                    .map(PublicKey::P256)
                    .map_err(|_| key_err(what, "JWK point is not on P-256"))
            }
            (Some("EC"), Some("P-384")) => {
                p384::PublicKey::from_sec1_bytes(&ec_point(what, v, 48)?)
                    .map(PublicKey::P384)
                    .map_err(|_| key_err(what, "JWK point is not on P-384"))
            }
            (kty, crv) => Err(key_err(
                what,
                format!(
                    "unsupported JWK (kty {kty:?}, crv {crv:?}): use RSA, or EC P-256 or P-384"
                ),
            )),
        }
    }

    /// The key as a JWK (without `alg`).
    pub fn to_jwk(&self) -> Value {
        match self {
            PublicKey::Rsa(k) => json!({
                "kty": "RSA",
                "n": b64u(&k.n().to_bytes_be()),
                "e": b64u(&k.e().to_bytes_be()),
            }),
            PublicKey::P256(k) => {
                let p = k.to_sec1_bytes();
                json!({"kty": "EC", "crv": "P-256", "x": b64u(&p[1..33]), "y": b64u(&p[33..65])})
            }
            PublicKey::P384(k) => {
                let p = k.to_sec1_bytes();
                json!({"kty": "EC", "crv": "P-384", "x": b64u(&p[1..49]), "y": b64u(&p[49..97])})
            }
        }
    }
}

impl PrivateKey {
    /// Reads a private key; `password` opens an encrypted PKCS#8 key.
    pub fn parse(data: &[u8], password: Option<&[u8]>, what: &str) -> Result<PrivateKey> {
        let text = std::str::from_utf8(data).unwrap_or("");
        if text.trim_start().starts_with('{') {
            let v: Value = serde_json::from_str(text).map_err(|e| key_err(what, e))?;
            return Self::from_jwk(&v, what);
        }
        if text.contains("Proc-Type: 4,ENCRYPTED") {
            return Err(key_err(
                what,
                "legacy OpenSSL-encrypted PEM is not supported; convert it with `openssl pkcs8 -topk8`",
            ));
        }
        let (label, der) = pkcs8::der::pem::decode_vec(data)
            .map_err(|e| key_err(what, format!("not a PEM private key: {e}")))?;
        let der = zeroize::Zeroizing::new(der);
        match label {
            "ENCRYPTED PRIVATE KEY" => {
                let password = password.ok_or_else(|| {
                    key_err(
                        what,
                        "the key is encrypted: give its password as FILE:PASSWORD",
                    )
                })?;
                let info = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice())
                    .map_err(|e| key_err(what, e))?;
                let doc = info.decrypt(password).map_err(|_| {
                    key_err(what, "wrong password (or an unsupported key encryption)")
                })?;
                Self::from_pkcs8_der(doc.as_bytes(), what)
            }
            "PRIVATE KEY" => Self::from_pkcs8_der(&der, what),
            "RSA PRIVATE KEY" => {
                use rsa::pkcs1::DecodeRsaPrivateKey as _;
                rsa::RsaPrivateKey::from_pkcs1_der(&der)
                    .map(|k| PrivateKey::Rsa(Box::new(k)))
                    .map_err(|e| key_err(what, e))
            }
            "EC PRIVATE KEY" => p256::SecretKey::from_sec1_der(&der)
                .map(PrivateKey::P256)
                .or_else(|_| p384::SecretKey::from_sec1_der(&der).map(PrivateKey::P384))
                .map_err(|_| key_err(what, "an EC key on a curve other than P-256 or P-384")),
            other => Err(key_err(
                what,
                format!("a PEM {other:?} is not a private key"),
            )),
        }
    }

    fn from_pkcs8_der(der: &[u8], what: &str) -> Result<PrivateKey> {
        use p256::pkcs8::DecodePrivateKey as _;
        use rsa::pkcs8::DecodePrivateKey as _;
        if let Ok(k) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(PrivateKey::Rsa(Box::new(k)));
        }
        if let Ok(k) = p256::SecretKey::from_pkcs8_der(der) {
            return Ok(PrivateKey::P256(k));
        }
        if let Ok(k) = p384::SecretKey::from_pkcs8_der(der) {
            return Ok(PrivateKey::P384(k));
        }
        Err(key_err(what, "not an RSA or EC (P-256, P-384) private key"))
    }

    pub fn from_jwk(v: &Value, what: &str) -> Result<PrivateKey> {
        let d = zeroize::Zeroizing::new(unb64u(what, v, "d")?);
        match (v["kty"].as_str(), v["crv"].as_str()) {
            (Some("RSA"), _) => {
                let n = rsa::BigUint::from_bytes_be(&unb64u(what, v, "n")?);
                let e = rsa::BigUint::from_bytes_be(&unb64u(what, v, "e")?);
                let d = rsa::BigUint::from_bytes_be(&d);
                let primes = match (v.get("p"), v.get("q")) {
                    (Some(_), Some(_)) => vec![
                        rsa::BigUint::from_bytes_be(&unb64u(what, v, "p")?),
                        rsa::BigUint::from_bytes_be(&unb64u(what, v, "q")?),
                    ],
                    _ => Vec::new(),
                };
                rsa::RsaPrivateKey::from_components(n, e, d, primes)
                    .map(|k| PrivateKey::Rsa(Box::new(k)))
                    .map_err(|e| key_err(what, e))
            }
            (Some("EC"), Some("P-256")) => p256::SecretKey::from_slice(&d)
                .map(PrivateKey::P256)
                .map_err(|_| key_err(what, "bad P-256 private scalar")),
            (Some("EC"), Some("P-384")) => p384::SecretKey::from_slice(&d)
                .map(PrivateKey::P384)
                .map_err(|_| key_err(what, "bad P-384 private scalar")),
            (kty, crv) => Err(key_err(
                what,
                format!("unsupported JWK (kty {kty:?}, crv {crv:?})"),
            )),
        }
    }

    pub fn public(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.to_public_key()),
            PrivateKey::P256(k) => PublicKey::P256(k.public_key()),
            PrivateKey::P384(k) => PublicKey::P384(k.public_key()),
        }
    }

    /// A fresh EC P-256 key (the default ephemeral key of a KBS session).
    pub fn generate_p256() -> Result<PrivateKey> {
        loop {
            let mut b = zeroize::Zeroizing::new([0u8; 32]);
            super::random(&mut b[..])?;
            if let Ok(k) = p256::SecretKey::from_slice(&b[..]) {
                return Ok(PrivateKey::P256(k));
            }
        }
    }

    /// A fresh RSA key of `bits`.
    pub fn generate_rsa(bits: usize) -> Result<PrivateKey> {
        rsa::RsaPrivateKey::new(&mut rand_core::OsRng, bits)
            .map(|k| PrivateKey::Rsa(Box::new(k)))
            .map_err(|e| CryptError::Other(format!("RSA key generation: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwk_round_trips_and_refusals() {
        let keys = [
            PrivateKey::generate_p256().unwrap(),
            PrivateKey::P384(p384::SecretKey::from_slice(&[5u8; 48]).unwrap()),
            PrivateKey::generate_rsa(1024).unwrap(),
        ];
        for k in &keys {
            let jwk = k.public().to_jwk();
            let back = PublicKey::parse(jwk.to_string().as_bytes(), "jwk").unwrap();
            assert_eq!(back.to_jwk(), jwk);
        }
        // A private EC JWK, and its public half as a recipient.
        let PrivateKey::P256(sk) = &keys[0] else {
            unreachable!()
        };
        let mut jwk = keys[0].public().to_jwk();
        jwk["d"] = json!(b64u(&sk.to_bytes()));
        let private = PrivateKey::from_jwk(&jwk, "jwk").unwrap();
        assert_eq!(private.public().to_jwk(), keys[0].public().to_jwk());
        assert_eq!(
            PublicKey::parse(jwk.to_string().as_bytes(), "jwk")
                .unwrap()
                .to_jwk(),
            keys[0].public().to_jwk()
        );
        // Off-curve points and unknown curves are refused.
        let mut bad = keys[0].public().to_jwk();
        bad["y"] = bad["x"].clone();
        assert!(PublicKey::from_jwk(&bad, "bad").is_err());
        assert!(
            PublicKey::from_jwk(&json!({"kty": "EC", "crv": "P-521", "x": "", "y": ""}), "x")
                .is_err()
        );
        assert!(PublicKey::parse(b"not a key", "junk").is_err());
    }
}
