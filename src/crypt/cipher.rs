//! AES_256_CTR_HMAC_SHA256 as streams: an encrypting reader (plaintext in,
//! ciphertext out, HMAC of the ciphertext at the end) and a decrypting one
//! that checks the HMAC and the plaintext digest when the ciphertext ends
//! and fails the read there if either is wrong.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aes::Aes256;
use ctr::cipher::{KeyIvInit, StreamCipher};
use hmac::{KeyInit, Mac};

use super::{CIPHER, CryptError, PrivateOptions, PublicOptions, Result, random};
use crate::digest::{Digest, Hasher};

type Ctr = ctr::Ctr128BE<Aes256>;
type HmacSha256 = hmac::Hmac<sha2_11::Sha256>;

fn ctr(key: &[u8], nonce: &[u8]) -> Ctr {
    Ctr::new_from_slices(key, nonce).expect("32-byte key and 16-byte nonce")
}

fn hmac(key: &[u8]) -> HmacSha256 {
    <HmacSha256 as KeyInit>::new_from_slice(key).expect("HMAC takes any key length")
}

/// Fresh options for one layer whose plaintext has digest `digest`.
pub fn new_options(digest: Digest) -> Result<PrivateOptions> {
    let mut key = vec![0u8; 32];
    let mut nonce = vec![0u8; 16];
    random(&mut key)?;
    random(&mut nonce)?;
    Ok(PrivateOptions {
        symkey: key,
        digest,
        cipheroptions: BTreeMap::from([("nonce".to_string(), nonce)]),
    })
}

/// Reads plaintext from `inner`, yields ciphertext.
pub struct EncryptingReader<R> {
    inner: R,
    ctr: Ctr,
    mac: HmacSha256,
}

impl<R: Read> EncryptingReader<R> {
    pub fn new(inner: R, opts: &PrivateOptions) -> Self {
        EncryptingReader {
            inner,
            ctr: ctr(
                &opts.symkey,
                opts.nonce().expect("fresh options have a nonce"),
            ),
            mac: hmac(&opts.symkey),
        }
    }

    /// The public options, once everything was read.
    pub fn finish(self) -> PublicOptions {
        PublicOptions {
            cipher: CIPHER.into(),
            hmac: self.mac.finalize().into_bytes().to_vec(),
            cipheroptions: BTreeMap::new(),
        }
    }
}

impl<R: Read> Read for EncryptingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.ctr.apply_keystream(&mut buf[..n]);
        self.mac.update(&buf[..n]);
        Ok(n)
    }
}

/// Reads ciphertext from `inner`, yields plaintext. At the end of the
/// ciphertext the HMAC and the plaintext digest are checked; a mismatch is
/// an error from that last read, so a consumer never sees a clean end of a
/// stream that was altered. `verified()` tells afterwards.
pub struct DecryptingReader<R> {
    inner: R,
    ctr: Ctr,
    mac: Option<HmacSha256>,
    expected_mac: Vec<u8>,
    plain: Option<Hasher>,
    expected_digest: Digest,
    layer: Digest,
    ok: Arc<AtomicBool>,
}

impl<R: Read> DecryptingReader<R> {
    pub fn new(
        inner: R,
        layer: &Digest,
        public: &PublicOptions,
        private: &PrivateOptions,
    ) -> Result<Self> {
        let nonce = private.nonce().ok_or_else(|| CryptError::Malformed {
            layer: layer.clone(),
            why: "the private options have no nonce".into(),
        })?;
        Ok(DecryptingReader {
            inner,
            ctr: ctr(&private.symkey, nonce),
            mac: Some(hmac(&private.symkey)),
            expected_mac: public.hmac.clone(),
            plain: Some(Hasher::new()),
            expected_digest: private.digest.clone(),
            layer: layer.clone(),
            ok: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Leaves the plaintext digest to whoever consumes the stream (a store
    /// ingest that expects that digest): one hash pass fewer.
    pub fn digest_checked_by_consumer(mut self) -> Self {
        self.plain = None;
        self
    }

    /// A flag that turns true once the stream ended and passed its checks.
    pub fn verified(&self) -> Arc<AtomicBool> {
        self.ok.clone()
    }

    fn check(&mut self) -> io::Result<()> {
        let Some(mac) = self.mac.take() else {
            return Ok(()); // checked already
        };
        if mac.verify_slice(&self.expected_mac).is_err() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                CryptError::Hmac {
                    layer: self.layer.clone(),
                },
            ));
        }
        let Some(plain) = self.plain.take() else {
            self.ok.store(true, Ordering::SeqCst);
            return Ok(());
        };
        let actual = plain.finish();
        if actual != self.expected_digest {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                CryptError::PlaintextDigest {
                    layer: self.layer.clone(),
                    expected: self.expected_digest.clone(),
                    actual,
                },
            ));
        }
        self.ok.store(true, Ordering::SeqCst);
        Ok(())
    }
}

impl<R: Read> Read for DecryptingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.check()?;
            return Ok(0);
        }
        if let Some(mac) = self.mac.as_mut() {
            mac.update(&buf[..n]);
        }
        self.ctr.apply_keystream(&mut buf[..n]);
        if let Some(h) = self.plain.as_mut() {
            h.update(&buf[..n]);
        }
        Ok(n)
    }
}

/// Checks the HMAC of a whole ciphertext: on a failure path, to tell an
/// altered layer from one that is merely malformed.
pub fn check_hmac(
    mut ciphertext: impl Read,
    layer: &Digest,
    public: &PublicOptions,
    private: &PrivateOptions,
) -> Result<()> {
    let mut mac = hmac(&private.symkey);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = ciphertext
            .read(&mut buf)
            .map_err(|e| CryptError::Other(format!("layer {layer}: {e}")))?;
        if n == 0 {
            break;
        }
        mac.update(&buf[..n]);
    }
    mac.verify_slice(&public.hmac)
        .map_err(|_| CryptError::Hmac {
            layer: layer.clone(),
        })
}

/// The `CryptError` inside an I/O error from a decrypting reader, if any.
pub fn crypt_error(e: &io::Error) -> Option<&CryptError> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<CryptError>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(data: &[u8]) -> (Vec<u8>, PublicOptions, PrivateOptions) {
        let opts = new_options(Digest::of(data)).unwrap();
        let mut r = EncryptingReader::new(data, &opts);
        let mut ct = Vec::new();
        r.read_to_end(&mut ct).unwrap();
        (ct, r.finish(), opts)
    }

    #[test]
    fn decrypts_and_refuses_alterations() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let (ct, public, private) = roundtrip(&data);
        assert_ne!(ct, data);
        assert_eq!(ct.len(), data.len());
        let layer = Digest::of(&ct);
        let mut d = DecryptingReader::new(&ct[..], &layer, &public, &private).unwrap();
        let flag = d.verified();
        let mut out = Vec::new();
        d.read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
        assert!(flag.load(Ordering::SeqCst));

        let mut bad = ct.clone();
        bad[5000] ^= 1;
        let mut d = DecryptingReader::new(&bad[..], &layer, &public, &private).unwrap();
        let err = d.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(
            matches!(crypt_error(&err), Some(CryptError::Hmac { .. })),
            "{err}"
        );
        assert!(!d.verified().load(Ordering::SeqCst));

        // A consistent HMAC but another promised digest.
        let mut other = private.clone();
        other.digest = Digest::of(b"something else");
        let mut d = DecryptingReader::new(&ct[..], &layer, &public, &other).unwrap();
        let err = d.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(
            matches!(crypt_error(&err), Some(CryptError::PlaintextDigest { .. })),
            "{err}"
        );
    }
}
