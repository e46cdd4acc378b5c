//! `image encrypt` / `image decrypt`: new images whose layers are
//! encrypted (ocicrypt) or decrypted, written to the store under a new
//! name. The config is never encrypted; manifests are rewritten, signatures
//! of the source do not carry over (sign the result).

use std::collections::BTreeSet;
use std::io::{self, BufReader};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use zeroize::Zeroizing;

use super::{ImageError, Images, PlatformImage, Result};
use crate::crypt::cipher::{DecryptingReader, EncryptingReader, crypt_error, new_options};
use crate::crypt::{self, CryptError, Keyring, PublicKey, Recipient};
use crate::digest::Digest;
use crate::oci::{self, Descriptor, Document, Index, Manifest};
use crate::platform::Platform;
use crate::reference::ImageRef;
use crate::store::{FillError, ImageRecord, IngestStart, StoreError};

#[derive(Default)]
pub struct CryptOptions {
    pub platforms: Vec<Platform>,
    pub all_platforms: bool,
    /// Layer indexes to encrypt (negative counts from the last); all when empty.
    pub layers: Vec<i64>,
}

fn crypt_err(e: CryptError) -> ImageError {
    ImageError::Crypt(e)
}

fn io_fail(what: &Digest) -> impl FnOnce(io::Error) -> ImageError + '_ {
    move |e| match crypt_error(&e) {
        Some(c) => ImageError::Crypt(CryptError::Other(c.to_string())),
        None => ImageError::Io {
            what: format!("layer {what}"),
            source: e,
        },
    }
}

fn fill_fail(what: &Digest) -> impl FnOnce(FillError) -> ImageError + '_ {
    move |e| match e {
        FillError::Read(e) => io_fail(what)(e),
        FillError::Store(StoreError::DigestMismatch { actual, .. }) => {
            ImageError::Crypt(CryptError::Other(format!(
                "layer {what}: the decrypted content hashes to {actual}, not the digest its encryption options promise; nothing from it was kept"
            )))
        }
        FillError::Store(e) => e.into(),
    }
}

impl Images {
    /// The platform images of `rec` that `opts` selects.
    pub(super) fn crypt_selection(
        &self,
        rec: &ImageRecord,
        opts: &CryptOptions,
    ) -> Result<Vec<PlatformImage>> {
        let present = self.platform_images(&rec.target)?;
        if opts.all_platforms {
            return Ok(present);
        }
        let wanted = if opts.platforms.is_empty() {
            return Ok(vec![self.resolve_platform(rec, None)?]);
        } else {
            &opts.platforms
        };
        wanted
            .iter()
            .map(|p| self.resolve_platform(rec, Some(p)))
            .collect()
    }

    /// Writes the new manifests (and an index when the source is one) and
    /// names the result `dst` (when given).
    pub(super) fn write_converted(
        &self,
        rec: &ImageRecord,
        dst: Option<&ImageRef>,
        manifests: Vec<(PlatformImage, Manifest)>,
    ) -> Result<Descriptor> {
        let mut descs = Vec::new();
        let mut oci_manifests = false;
        for (img, m) in manifests {
            // A conversion may have made a docker manifest an OCI one.
            let media_type = m
                .media_type
                .clone()
                .unwrap_or_else(|| img.manifest_desc.media_type.clone());
            oci_manifests |= media_type == oci::OCI_MANIFEST;
            let mut d = self.store.put_json(&media_type, &m)?;
            d.platform = img
                .manifest_desc
                .platform
                .clone()
                .or_else(|| Some((&img.platform()).into()));
            descs.push(d);
        }
        let target = if oci::is_manifest(&rec.target.media_type) {
            let mut d = descs.remove(0);
            d.platform = None;
            d
        } else {
            let (_, doc) = self.store.read_document(&rec.target)?;
            let media_type = match doc {
                // OCI manifests belong in an OCI index.
                Document::Index(i) if !oci_manifests => {
                    i.media_type.unwrap_or_else(|| oci::OCI_INDEX.into())
                }
                _ => oci::OCI_INDEX.into(),
            };
            self.store
                .put_json(&media_type, &Index::new(&media_type, descs))?
        };
        if let Some(dst) = dst {
            self.store.set_images(&[ImageRecord {
                name: dst.store_name(),
                target: target.clone(),
                in_repository: false,
            }])?;
        }
        Ok(target)
    }

    /// Encrypts the selected layers of `src` for `recipients`; the result
    /// is named `dst` (and returned, not named, when `dst` is `None`).
    pub fn encrypt_image(
        &self,
        src: &str,
        dst: Option<&ImageRef>,
        recipients: &[Recipient],
        opts: &CryptOptions,
    ) -> Result<Descriptor> {
        let _lease = self.store.lease()?;
        let jwe_keys: Vec<PublicKey> = recipients
            .iter()
            .filter_map(|r| match r {
                Recipient::Jwe(k) => Some(k.clone()),
                Recipient::Kbs { .. } => None,
            })
            .collect();
        let kbs: Vec<(&String, &Zeroizing<Vec<u8>>)> = recipients
            .iter()
            .filter_map(|r| match r {
                Recipient::Kbs { kid, kek } => Some((kid, kek)),
                Recipient::Jwe(_) => None,
            })
            .collect();
        if jwe_keys.is_empty() && kbs.is_empty() {
            return Err(ImageError::Invalid {
                what: "encrypt".into(),
                why: "no recipient: give a jwe: public key or a kbs:/// key id".into(),
            });
        }
        if kbs.len() > 1 {
            return Err(ImageError::Invalid {
                what: "encrypt".into(),
                why: "only one KBS key id can be given per image".into(),
            });
        }
        let rec = self.lookup_one(src)?;
        let selected = self.crypt_selection(&rec, opts)?;
        let mut out = Vec::new();
        let mut encrypted: BTreeSet<Digest> = BTreeSet::new();
        for img in selected {
            let chosen = layer_choice(img.manifest.layers.len(), &opts.layers)?;
            let mut manifest = img.manifest.clone();
            for (i, layer) in manifest.layers.iter_mut().enumerate() {
                if !chosen.contains(&i) || crypt::is_encrypted(layer) {
                    continue;
                }
                *layer = self.encrypt_layer(layer, &jwe_keys, &kbs)?;
                encrypted.insert(layer.digest.clone());
            }
            out.push((img, manifest));
        }
        self.check_encrypted(&out, &encrypted, kbs.first().copied())?;
        // Unnamed (push --encrypt): the caller holds a lease while it pushes.
        self.write_converted(&rec, dst, out)
    }

    /// Checks the result before saying so: every chosen layer is
    /// ciphertext with its annotations, and every KBS-wrapped layer opens
    /// with the KEK.
    fn check_encrypted(
        &self,
        out: &[(PlatformImage, oci::Manifest)],
        encrypted: &BTreeSet<Digest>,
        kbs: Option<(&String, &Zeroizing<Vec<u8>>)>,
    ) -> Result<()> {
        for (img, m) in out {
            for (plain, l) in img.manifest.layers.iter().zip(&m.layers) {
                if !encrypted.contains(&l.digest) {
                    continue;
                }
                let sane = crypt::is_encrypted(l)
                    && l.digest != plain.digest
                    && crypt::public_options(l).is_ok()
                    && self.store.has_blob(&l.digest, Some(l.size));
                if !sane {
                    return Err(ImageError::Invalid {
                        what: format!("layer {}", plain.digest),
                        why: "encryption produced an inconsistent layer; nothing was named".into(),
                    });
                }
                if let Some((kid, kek)) = kbs {
                    let ring = Keyring {
                        private: Vec::new(),
                        keks: vec![(kid.clone(), kek.clone())],
                    };
                    let p = ring.open(l).map_err(crypt_err)?;
                    if p.digest != plain.digest {
                        return Err(ImageError::Invalid {
                            what: format!("layer {}", plain.digest),
                            why: "the wrapped options do not describe this layer".into(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    fn encrypt_layer(
        &self,
        layer: &Descriptor,
        jwe_keys: &[PublicKey],
        kbs: &[(&String, &Zeroizing<Vec<u8>>)],
    ) -> Result<Descriptor> {
        let private = new_options(layer.digest.clone()).map_err(crypt_err)?;
        let file = self.store.open_blob(&layer.digest)?;
        let mut reader = EncryptingReader::new(BufReader::with_capacity(1 << 20, file), &private);
        let IngestStart::Writer(blob) = self.store.ingest(None, Some(layer.size))? else {
            unreachable!("anonymous ingest is always a writer")
        };
        let (digest, size) = blob
            .fill_from(&mut reader)
            .map_err(fill_fail(&layer.digest))?;
        let public = reader.finish();
        let mut d = Descriptor::new(
            &format!("{}{}", layer.media_type, crypt::ENCRYPTED_SUFFIX),
            digest,
            size,
        );
        d.annotations = layer.annotations.clone();
        let json = private.to_json();
        if !jwe_keys.is_empty() {
            let jwe = crypt::jwe::encrypt(&json, jwe_keys).map_err(crypt_err)?;
            d.annotations
                .insert(crypt::ANNOTATION_JWE.into(), STANDARD.encode(jwe));
        }
        for (kid, kek) in kbs {
            let a = crypt::provider::wrap(kid, kek, &json).map_err(crypt_err)?;
            d.annotations
                .insert(crypt::ANNOTATION_PROVIDER_AA.into(), a);
        }
        d.annotations.insert(
            crypt::ANNOTATION_PUBOPTS.into(),
            STANDARD.encode(serde_json::to_vec(&public).expect("options serialise")),
        );
        Ok(d)
    }

    /// Decrypts every encrypted layer of the selected platforms of `src`
    /// with `keys`; the result is named `dst`.
    pub fn decrypt_image(
        &self,
        src: &str,
        dst: &ImageRef,
        keys: &Keyring,
        opts: &CryptOptions,
    ) -> Result<Descriptor> {
        let _lease = self.store.lease()?;
        let rec = self.lookup_one(src)?;
        let selected = self.crypt_selection(&rec, opts)?;
        let mut out = Vec::new();
        for img in selected {
            let mut manifest = img.manifest.clone();
            for layer in manifest.layers.iter_mut() {
                if crypt::is_encrypted(layer) {
                    *layer = self.decrypt_layer(layer, keys)?;
                }
            }
            out.push((img, manifest));
        }
        self.write_converted(&rec, Some(dst), out)
    }

    /// One layer decrypted into the store: nothing of it is kept unless the
    /// HMAC and the plaintext digest check out.
    fn decrypt_layer(&self, layer: &Descriptor, keys: &Keyring) -> Result<Descriptor> {
        let private = keys.open(layer).map_err(crypt_err)?;
        let public = crypt::public_options(layer).map_err(crypt_err)?;
        let plain_type = crypt::plain_media_type(&layer.media_type).to_string();
        let mut d = Descriptor::new(&plain_type, private.digest.clone(), layer.size);
        d.annotations = layer.annotations.clone();
        d.annotations.retain(|k, _| {
            !k.starts_with(crypt::ANNOTATION_KEYS_PREFIX) && k != crypt::ANNOTATION_PUBOPTS
        });
        let file = self.store.open_blob(&layer.digest)?;
        let mut reader = DecryptingReader::new(
            BufReader::with_capacity(1 << 20, file),
            &layer.digest,
            &public,
            &private,
        )
        .map_err(crypt_err)?;
        let verified = reader.verified();
        let mut blob = match self.store.ingest(Some(&private.digest), Some(layer.size))? {
            IngestStart::Present => {
                // Still prove the key and the ciphertext before using it.
                io::copy(&mut reader, &mut io::sink()).map_err(io_fail(&layer.digest))?;
                return Ok(d);
            }
            IngestStart::Writer(w) => w,
        };
        if blob.offset() != 0 {
            blob.restart()?;
        }
        // The store checks the plaintext digest as it writes; the HMAC is
        // checked at the end of the ciphertext, before the blob is committed.
        blob.fill_from(reader.digest_checked_by_consumer())
            .map_err(fill_fail(&layer.digest))?;
        if !verified.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(crypt_err(CryptError::Hmac {
                layer: layer.digest.clone(),
            }));
        }
        Ok(d)
    }

    /// Whether `keys` open every encrypted layer of `img` (what a
    /// container of it needs); names the first layer that fails.
    pub fn check_keys(&self, img: &PlatformImage, keys: &Keyring) -> Result<()> {
        for l in &img.manifest.layers {
            if crypt::is_encrypted(l) {
                keys.open(l).map_err(crypt_err)?;
            }
        }
        Ok(())
    }
}

/// The layer indexes to encrypt out of `n` (negative counts from the
/// last); all when none are asked for.
fn layer_choice(n: usize, asked: &[i64]) -> Result<BTreeSet<usize>> {
    let n = n as i64;
    if asked.is_empty() {
        return Ok((0..n as usize).collect());
    }
    asked
        .iter()
        .map(|&i| {
            let idx = if i < 0 { n + i } else { i };
            if idx < 0 || idx >= n {
                Err(ImageError::Invalid {
                    what: format!("layer {i}"),
                    why: format!("the image has {n} layers"),
                })
            } else {
                Ok(idx as usize)
            }
        })
        .collect()
}
