//! cosign key pairs: `PREFIX.key` in cosign's encrypted format (scrypt +
//! nacl/secretbox around a PKCS#8 key, PEM type `ENCRYPTED SIGSTORE PRIVATE
//! KEY`) and `PREFIX.pub` (SPKI PEM), read and written through `sigstore`.

use std::path::{Path, PathBuf};

use sigstore::crypto::signing_key::{SigStoreKeyPair, SigStoreSigner};
use sigstore::crypto::{CosignVerificationKey, SigningScheme};

use super::TrustError;

fn file_err(path: &Path, why: impl ToString) -> TrustError {
    TrustError::Key {
        path: path.to_path_buf(),
        why: why.to_string(),
    }
}

/// Writes a new ECDSA P-256 key pair; refuses to overwrite either file.
/// Returns the paths written.
pub fn generate(prefix: &str, password: &[u8]) -> Result<(PathBuf, PathBuf), TrustError> {
    let key_path = PathBuf::from(format!("{prefix}.key"));
    let pub_path = PathBuf::from(format!("{prefix}.pub"));
    for p in [&key_path, &pub_path] {
        if p.exists() {
            return Err(file_err(
                p,
                "already exists; remove it or choose another name",
            ));
        }
    }
    let signer = SigningScheme::ECDSA_P256_SHA256_ASN1
        .create_signer()
        .map_err(|e| file_err(&key_path, e))?;
    let pair = signer
        .to_sigstore_keypair()
        .map_err(|e| file_err(&key_path, e))?;
    let private = pair
        .private_key_to_encrypted_pem(password)
        .map_err(|e| file_err(&key_path, e))?;
    let public = pair
        .public_key_to_pem()
        .map_err(|e| file_err(&pub_path, e))?;
    write_new(&key_path, private.as_bytes(), 0o600)?;
    if let Err(e) = write_new(&pub_path, public.as_bytes(), 0o644) {
        let _ = std::fs::remove_file(&key_path);
        return Err(e);
    }
    Ok((key_path, pub_path))
}

fn write_new(path: &Path, data: &[u8], mode: u32) -> Result<(), TrustError> {
    use crate::private_file::{Existing, write};
    write(path, data, mode, Existing::Keep).map_err(|e| file_err(path, e))
}

/// Loads a cosign private key (encrypted, or plain PKCS#8 PEM) as a signer.
pub fn load_signer(path: &Path, password: &[u8]) -> Result<SigStoreSigner, TrustError> {
    let pem =
        crate::bounded::read(path, crate::bounded::KEY_FILE).map_err(|e| file_err(path, e))?;
    let encrypted = String::from_utf8_lossy(&pem).contains("ENCRYPTED");
    let pair = if encrypted {
        SigStoreKeyPair::from_encrypted_pem(&pem, password).map_err(|_| TrustError::Key {
            path: path.to_path_buf(),
            why: "cannot decrypt the private key: wrong password (COSIGN_PASSWORD), or not a cosign key".into(),
        })?
    } else {
        SigStoreKeyPair::from_pem(&pem).map_err(|e| file_err(path, e))?
    };
    for scheme in [
        SigningScheme::ECDSA_P256_SHA256_ASN1,
        SigningScheme::ECDSA_P384_SHA384_ASN1,
        SigningScheme::ED25519,
        SigningScheme::RSA_PKCS1_SHA256(0),
    ] {
        if let Ok(s) = pair.to_sigstore_signer(&scheme) {
            return Ok(s);
        }
    }
    Err(file_err(path, "unsupported key type"))
}

/// Loads a public key (SPKI PEM) for verification.
pub fn load_public(path: &Path) -> Result<CosignVerificationKey, TrustError> {
    let pem =
        crate::bounded::read(path, crate::bounded::KEY_FILE).map_err(|e| file_err(path, e))?;
    public_from_pem(&pem).map_err(|why| file_err(path, why))
}

pub fn public_from_pem(pem: &[u8]) -> Result<CosignVerificationKey, String> {
    CosignVerificationKey::try_from_pem(pem)
        .map_err(|e| format!("not a public key in PEM form ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sigstore::crypto::Signature;

    #[test]
    fn generate_load_sign_verify() {
        let dir = tempfile::tempdir().unwrap();
        let prefix = dir.path().join("cosign");
        let prefix = prefix.to_str().unwrap();
        let (k, p) = generate(prefix, b"pw").unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&k).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(
            std::fs::read_to_string(&k)
                .unwrap()
                .contains("ENCRYPTED SIGSTORE PRIVATE KEY")
        );
        let signer = load_signer(&k, b"pw").unwrap();
        let sig = signer.sign(b"payload").unwrap();
        let key = load_public(&p).unwrap();
        key.verify_signature(Signature::Raw(&sig), b"payload")
            .unwrap();
        assert!(
            key.verify_signature(Signature::Raw(&sig), b"other")
                .is_err()
        );
        let err = load_signer(&k, b"wrong").err().unwrap();
        assert!(err.to_string().contains("wrong password"));
        assert!(generate(prefix, b"pw").is_err(), "never overwrites");
    }
}
