//! JWE (RFC 7516) as ocicrypt and the KBS use it: A256GCM content
//! encryption; keys wrapped with RSA-OAEP (SHA-1, what ocicrypt writes),
//! RSA-OAEP-256, or ECDH-ES+A256KW (P-256, P-384); flattened JSON
//! serialization for one recipient, general for several.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use aes_kw::KwAes256;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use super::keys::{PrivateKey, PublicKey};
use super::{CryptError, Result, random};

fn err(why: impl std::fmt::Display) -> CryptError {
    CryptError::Jwe(why.to_string())
}

fn b64(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

fn unb64(v: &Value, field: &str) -> Result<Vec<u8>> {
    let s = v[field]
        .as_str()
        .ok_or_else(|| err(format!("no {field:?}")))?;
    URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|e| err(format!("{field:?}: {e}")))
}

/// Concat KDF (NIST SP 800-56A) as JWA's ECDH-ES defines it, for a 256-bit key.
fn concat_kdf(z: &[u8], alg: &str, apu: &[u8], apv: &[u8]) -> Zeroizing<[u8; 32]> {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(1u32.to_be_bytes());
    h.update(z);
    for part in [alg.as_bytes(), apu, apv] {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part);
    }
    h.update(256u32.to_be_bytes());
    Zeroizing::new(h.finalize().into())
}

const ECDH_KW: &str = "ECDH-ES+A256KW";

fn kw_wrap(kek: &[u8; 32], cek: &[u8]) -> Result<Vec<u8>> {
    let kw = KwAes256::new_from_slice(kek).map_err(|_| err("bad KEK"))?;
    let mut out = vec![0u8; cek.len() + 8];
    kw.wrap_key(cek, &mut out)
        .map_err(|e| err(format!("key wrap: {e:?}")))?;
    Ok(out)
}

fn kw_unwrap(kek: &[u8; 32], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let kw = KwAes256::new_from_slice(kek).map_err(|_| err("bad KEK"))?;
    let mut out = Zeroizing::new(vec![0u8; wrapped.len().saturating_sub(8)]);
    kw.unwrap_key(wrapped, &mut out)
        .map_err(|_| err("the key does not unwrap the content key"))?;
    Ok(out)
}

/// How RSA keys wrap the content key: ocicrypt writes RSA-OAEP (SHA-1),
/// a KBS RSA-OAEP-256.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RsaAlg {
    Oaep,
    Oaep256,
}

/// The per-recipient header and encrypted key for `key`.
fn wrap_for(key: &PublicKey, cek: &[u8], rsa_alg: RsaAlg) -> Result<(Map<String, Value>, Vec<u8>)> {
    let mut header = Map::new();
    let ek = match key {
        PublicKey::Rsa(k) if rsa_alg == RsaAlg::Oaep256 => {
            header.insert("alg".into(), json!("RSA-OAEP-256"));
            k.encrypt(&mut rand_core::OsRng, rsa::Oaep::new::<sha2::Sha256>(), cek)
                .map_err(|e| err(format!("RSA-OAEP-256: {e}")))?
        }
        PublicKey::Rsa(k) => {
            header.insert("alg".into(), json!("RSA-OAEP"));
            k.encrypt(&mut rand_core::OsRng, rsa::Oaep::new::<sha1::Sha1>(), cek)
                .map_err(|e| err(format!("RSA-OAEP: {e}")))?
        }
        PublicKey::P256(k) => {
            let PrivateKey::P256(eph) = PrivateKey::generate_p256()? else {
                unreachable!()
            };
            let z = eph.diffie_hellman(k);
            let kek = concat_kdf(z.raw_secret_bytes(), ECDH_KW, b"", b"");
            header.insert("alg".into(), json!(ECDH_KW));
            header.insert("epk".into(), PublicKey::P256(eph.public_key()).to_jwk());
            kw_wrap(&kek, cek)?
        }
        PublicKey::P384(k) => {
            let eph = loop {
                let mut b = Zeroizing::new([0u8; 48]);
                random(&mut b[..])?;
                if let Ok(s) = p384::SecretKey::from_slice(&b[..]) {
                    break s;
                }
            };
            let z = eph.diffie_hellman(k);
            let kek = concat_kdf(z.raw_secret_bytes(), ECDH_KW, b"", b"");
            header.insert("alg".into(), json!(ECDH_KW));
            header.insert("epk".into(), PublicKey::P384(eph.public_key()).to_jwk());
            kw_wrap(&kek, cek)?
        }
    };
    Ok((header, ek))
}

/// Encrypts `plain` for every recipient (any one of whose private keys
/// decrypts it); returns the JWE JSON serialization. RSA keys use
/// RSA-OAEP, as ocicrypt does.
pub fn encrypt(plain: &[u8], recipients: &[PublicKey]) -> Result<Vec<u8>> {
    encrypt_with(plain, recipients, RsaAlg::Oaep)
}

pub fn encrypt_with(plain: &[u8], recipients: &[PublicKey], rsa_alg: RsaAlg) -> Result<Vec<u8>> {
    if recipients.is_empty() {
        return Err(err("no recipients"));
    }
    let mut cek = Zeroizing::new([0u8; 32]);
    random(&mut cek[..])?;
    let mut iv = [0u8; 12];
    random(&mut iv)?;
    let wrapped: Vec<(Map<String, Value>, Vec<u8>)> = recipients
        .iter()
        .map(|k| wrap_for(k, &cek[..], rsa_alg))
        .collect::<Result<_>>()?;
    let mut protected = Map::new();
    if wrapped.len() == 1 {
        // One recipient: its header fields join the protected header.
        protected.extend(wrapped[0].0.clone());
    }
    protected.insert("enc".into(), json!("A256GCM"));
    let protected_b64 =
        b64(&serde_json::to_vec(&Value::Object(protected)).expect("headers serialise"));
    let gcm = Aes256Gcm::new_from_slice(&cek[..]).expect("32-byte key");
    let sealed = gcm
        .encrypt(
            &Nonce::from(iv),
            Payload {
                msg: plain,
                aad: protected_b64.as_bytes(),
            },
        )
        .map_err(|_| err("A256GCM encryption failed"))?;
    let (ct, tag) = sealed.split_at(sealed.len() - 16);
    let mut out = json!({
        "protected": protected_b64,
        "iv": b64(&iv),
        "ciphertext": b64(ct),
        "tag": b64(tag),
    });
    if wrapped.len() == 1 {
        out["encrypted_key"] = json!(b64(&wrapped[0].1));
    } else {
        out["recipients"] = Value::Array(
            wrapped
                .iter()
                .map(|(h, ek)| json!({"header": h, "encrypted_key": b64(ek)}))
                .collect(),
        );
        // As the Go implementation writes it.
        out["encrypted_key"] = json!(b64(&wrapped[0].1));
    }
    Ok(serde_json::to_vec(&out).expect("JWE serialises"))
}

/// Derives the content key for one recipient with one private key.
fn unwrap_cek(
    alg: &str,
    header: &Map<String, Value>,
    ek: &[u8],
    key: &PrivateKey,
) -> Result<Zeroizing<Vec<u8>>> {
    let apu_apv = || -> Result<(Vec<u8>, Vec<u8>)> {
        let get = |f: &str| match header.get(f).and_then(|v| v.as_str()) {
            Some(s) => URL_SAFE_NO_PAD
                .decode(s)
                .map_err(|e| err(format!("{f}: {e}"))),
            None => Ok(Vec::new()),
        };
        Ok((get("apu")?, get("apv")?))
    };
    match (alg, key) {
        ("RSA-OAEP", PrivateKey::Rsa(k)) => k
            .decrypt(rsa::Oaep::new::<sha1::Sha1>(), ek)
            .map(Zeroizing::new)
            .map_err(|_| err("RSA-OAEP: the key does not decrypt the content key")),
        ("RSA-OAEP-256", PrivateKey::Rsa(k)) => k
            .decrypt(rsa::Oaep::new::<sha2::Sha256>(), ek)
            .map(Zeroizing::new)
            .map_err(|_| err("RSA-OAEP-256: the key does not decrypt the content key")),
        (ECDH_KW, PrivateKey::P256(k)) => {
            let epk = header
                .get("epk")
                .ok_or_else(|| err("ECDH-ES without epk"))?;
            let PublicKey::P256(epk) = PublicKey::from_jwk(epk, "epk")? else {
                return Err(err("the epk is not on the key's curve (P-256)"));
            };
            let (apu, apv) = apu_apv()?;
            let z = k.diffie_hellman(&epk);
            kw_unwrap(&concat_kdf(z.raw_secret_bytes(), ECDH_KW, &apu, &apv), ek)
        }
        (ECDH_KW, PrivateKey::P384(k)) => {
            let epk = header
                .get("epk")
                .ok_or_else(|| err("ECDH-ES without epk"))?;
            let PublicKey::P384(epk) = PublicKey::from_jwk(epk, "epk")? else {
                return Err(err("the epk is not on the key's curve (P-384)"));
            };
            let (apu, apv) = apu_apv()?;
            let z = k.diffie_hellman(&epk);
            kw_unwrap(&concat_kdf(z.raw_secret_bytes(), ECDH_KW, &apu, &apv), ek)
        }
        ("RSA-OAEP" | "RSA-OAEP-256" | ECDH_KW, _) => {
            Err(err(format!("{alg} needs another kind of key")))
        }
        (other, _) => Err(err(format!(
            "unsupported key algorithm {other:?} (supported: RSA-OAEP, RSA-OAEP-256, {ECDH_KW})"
        ))),
    }
}

/// Decrypts a JWE (flattened or general JSON serialization) with any of
/// `keys`.
pub fn decrypt(jwe: &[u8], keys: &[PrivateKey]) -> Result<Zeroizing<Vec<u8>>> {
    let v: Value = serde_json::from_slice(jwe).map_err(|e| err(format!("not JSON: {e}")))?;
    let protected_b64 = v["protected"]
        .as_str()
        .ok_or_else(|| err("no protected header"))?;
    let protected: Map<String, Value> = serde_json::from_slice(&unb64(&v, "protected")?)
        .map_err(|e| err(format!("protected header: {e}")))?;
    let unprotected = v["unprotected"].as_object().cloned().unwrap_or_default();
    let enc = protected
        .get("enc")
        .or_else(|| unprotected.get("enc"))
        .and_then(|e| e.as_str())
        .unwrap_or("");
    if enc != "A256GCM" {
        return Err(err(format!(
            "unsupported content encryption {enc:?} (supported: A256GCM)"
        )));
    }
    let iv: [u8; 12] = unb64(&v, "iv")?
        .try_into()
        .map_err(|_| err("the iv is not 12 bytes"))?;
    let mut sealed = unb64(&v, "ciphertext")?;
    sealed.extend_from_slice(&unb64(&v, "tag")?);
    let aad = match v["aad"].as_str() {
        Some(a) => format!("{protected_b64}.{a}"),
        None => protected_b64.to_string(),
    };
    // Recipients: the general form's list, or the flattened form's one.
    let recipients: Vec<(Map<String, Value>, Vec<u8>)> = match v["recipients"].as_array() {
        Some(list) => list
            .iter()
            .map(|r| {
                Ok((
                    r["header"].as_object().cloned().unwrap_or_default(),
                    unb64(r, "encrypted_key")?,
                ))
            })
            .collect::<Result<_>>()?,
        None => vec![(
            v["header"].as_object().cloned().unwrap_or_default(),
            unb64(&v, "encrypted_key")?,
        )],
    };
    let mut last = err("no recipient and no key");
    for (rheader, ek) in &recipients {
        // Header parameters: protected, then shared unprotected, then per recipient.
        let mut header = protected.clone();
        header.extend(unprotected.clone());
        header.extend(rheader.clone());
        let alg = header
            .get("alg")
            .and_then(|a| a.as_str())
            .unwrap_or("")
            .to_string();
        for key in keys {
            match unwrap_cek(&alg, &header, ek, key) {
                Ok(cek) => {
                    let Ok(gcm) = Aes256Gcm::new_from_slice(&cek) else {
                        last = err("the content key is not 32 bytes");
                        continue;
                    };
                    match gcm.decrypt(
                        &Nonce::from(iv),
                        Payload {
                            msg: &sealed,
                            aad: aad.as_bytes(),
                        },
                    ) {
                        Ok(p) => return Ok(Zeroizing::new(p)),
                        Err(_) => {
                            last = err(
                                "the authentication tag does not match: wrong key or altered JWE",
                            )
                        }
                    }
                }
                Err(e) => last = e,
            }
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_for_every_key_kind_and_several_recipients() {
        let rsa = PrivateKey::generate_rsa(2048).unwrap();
        let ec = PrivateKey::generate_p256().unwrap();
        let ec384 = {
            let k = p384::SecretKey::from_slice(&[9u8; 48]).unwrap();
            PrivateKey::P384(k)
        };
        for keys in [
            vec![rsa.clone()],
            vec![ec.clone()],
            vec![ec384.clone()],
            vec![rsa.clone(), ec.clone(), ec384.clone()],
        ] {
            let pubs: Vec<PublicKey> = keys.iter().map(|k| k.public()).collect();
            let jwe = encrypt(b"private options", &pubs).unwrap();
            for k in &keys {
                assert_eq!(
                    &decrypt(&jwe, std::slice::from_ref(k)).unwrap()[..],
                    b"private options"
                );
            }
            let v: Value = serde_json::from_slice(&jwe).unwrap();
            assert_eq!(v.get("recipients").is_some(), keys.len() > 1);
        }
        let jwe = encrypt(b"x", &[ec.public()]).unwrap();
        let other = PrivateKey::generate_p256().unwrap();
        assert!(decrypt(&jwe, &[other, rsa]).is_err());
        let protected: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(
                    serde_json::from_slice::<Value>(&jwe).unwrap()["protected"]
                        .as_str()
                        .unwrap(),
                )
                .unwrap(),
        )
        .unwrap();
        assert_eq!(protected["alg"], ECDH_KW);
        assert_eq!(protected["enc"], "A256GCM");
        assert_eq!(protected["epk"]["crv"], "P-256");
    }
}
