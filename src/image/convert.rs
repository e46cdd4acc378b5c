//! `image convert`: an image with its layers compressed another way (gzip,
//! zstd, or not at all), as nerdctl's `image convert --zstd|--uncompressed`
//! makes one. The uncompressed content, and so the config and its diff
//! ids, stay the same; each layer is checked against its diff id on the
//! way. zstd and uncompressed layers need OCI manifests (`--oci` asks for
//! them in any case).

use std::io::{self, BufReader, Read};

use super::{CryptOptions, ImageError, Images, Result};
use crate::digest::{Digest, Hasher};
use crate::oci::{self, Descriptor};
use crate::reference::ImageRef;
use crate::store::IngestStart;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerFormat {
    Gzip,
    Zstd,
    Uncompressed,
}

impl LayerFormat {
    fn media_type(self, oci_manifest: bool) -> &'static str {
        match (self, oci_manifest) {
            (LayerFormat::Gzip, false) => oci::DOCKER_LAYER_GZIP,
            (LayerFormat::Gzip, true) => oci::OCI_LAYER_GZIP,
            (LayerFormat::Zstd, _) => oci::OCI_LAYER_ZSTD,
            (LayerFormat::Uncompressed, _) => oci::OCI_LAYER_TAR,
        }
    }
}

/// Hashes what passes through (the uncompressed layer, for its diff id).
struct Hashing<R> {
    inner: R,
    hasher: std::sync::Arc<std::sync::Mutex<Hasher>>,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .update(&buf[..n]);
        Ok(n)
    }
}

impl Images {
    /// Converts the selected platforms of `src` into `dst`.
    pub fn convert_image(
        &self,
        src: &str,
        dst: &ImageRef,
        to: LayerFormat,
        oci_manifests: bool,
        opts: &CryptOptions,
    ) -> Result<Descriptor> {
        let _lease = self.store.lease()?;
        let rec = self.lookup_one(src)?;
        let oci_out = oci_manifests || to != LayerFormat::Gzip;
        let mut out = Vec::new();
        for img in self.crypt_selection(&rec, opts)? {
            let mut manifest = img.manifest.clone();
            let docker = img.manifest_desc.media_type == oci::DOCKER_MANIFEST;
            let oci_here = oci_out || !docker;
            for (layer, diff_id) in manifest.layers.iter_mut().zip(&img.config.rootfs.diff_ids) {
                if crate::crypt::is_encrypted(layer) {
                    return Err(ImageError::Invalid {
                        what: format!("layer {}", layer.digest),
                        why: "is encrypted: decrypt the image first (image decrypt), convert, then encrypt again".into(),
                    });
                }
                *layer = self.convert_layer(layer, diff_id, to, oci_here)?;
            }
            if oci_here && docker {
                manifest.media_type = Some(oci::OCI_MANIFEST.into());
                if manifest.config.media_type == oci::DOCKER_CONFIG {
                    manifest.config.media_type = oci::OCI_CONFIG.into();
                }
            }
            out.push((img, manifest));
        }
        self.write_converted(&rec, Some(dst), out)
    }

    fn convert_layer(
        &self,
        layer: &Descriptor,
        diff_id: &Digest,
        to: LayerFormat,
        oci_manifest: bool,
    ) -> Result<Descriptor> {
        let io_fail = |e: io::Error| ImageError::Io {
            what: format!("layer {}", layer.digest),
            source: e,
        };
        let file = self.store.open_blob(&layer.digest)?;
        let plain = crate::unpack::decompressed(file, &layer.media_type).map_err(|e| {
            ImageError::Invalid {
                what: format!("layer {}", layer.digest),
                why: e.to_string(),
            }
        })?;
        let hasher = std::sync::Arc::new(std::sync::Mutex::new(Hasher::new()));
        let hashed = Hashing {
            inner: plain,
            hasher: hasher.clone(),
        };
        let encoded: Box<dyn Read + Send> = match to {
            LayerFormat::Gzip => Box::new(flate2::read::GzEncoder::new(
                BufReader::with_capacity(1 << 20, hashed),
                flate2::Compression::default(),
            )),
            LayerFormat::Zstd => Box::new(
                zstd::stream::read::Encoder::new(BufReader::with_capacity(1 << 20, hashed), 3)
                    .map_err(io_fail)?,
            ),
            LayerFormat::Uncompressed => Box::new(hashed),
        };
        let IngestStart::Writer(blob) = self.store.ingest(None, None)? else {
            unreachable!("anonymous ingest is always a writer")
        };
        let (digest, size) = blob.fill_from(encoded).map_err(|e| match e {
            crate::store::FillError::Read(e) => io_fail(e),
            crate::store::FillError::Store(s) => ImageError::Store(s),
        })?;
        let actual =
            std::mem::take(&mut *hasher.lock().unwrap_or_else(|e| e.into_inner())).finish();
        if &actual != diff_id {
            return Err(ImageError::Invalid {
                what: format!("layer {}", layer.digest),
                why: format!(
                    "its content hashes to {actual}, but the image config says {diff_id}; nothing was named"
                ),
            });
        }
        let mut d = Descriptor::new(to.media_type(oci_manifest), digest, size);
        d.annotations = layer.annotations.clone();
        Ok(d)
    }
}
