//! `import`: a root filesystem tarball becomes a one-layer image, as with
//! `docker import`. The layer is stored gzip-compressed; the diff id is
//! computed over the uncompressed stream in the same pass.

use std::io::{self, BufRead, BufReader, Read, Write};

use crate::unpack::compression::Compression;
use crate::unpack::{Counted, Expansion};
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use serde_json::{Map, Value, json};

use super::{ConfigChange, ImageError, Images, Result};
use crate::digest::Hasher;
use crate::oci::{self, Descriptor};
use crate::platform::Platform;
use crate::reference::ImageRef;
use crate::store::{ImageRecord, Ingest, IngestStart};

#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    pub platform: Option<Platform>,
    pub changes: Vec<ConfigChange>,
    pub message: Option<String>,
    /// How far a compressed input may expand.
    pub limits: crate::unpack::ExpansionLimits,
    /// The input's size, when it is a file (the ratio guard's base; else
    /// what was read of it so far).
    pub input_size: Option<u64>,
}

/// Reads through to `sink` everything it reads.
struct Tee<'a, R> {
    inner: R,
    sink: &'a mut Ingest,
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sink.write_all(&buf[..n])?;
        Ok(n)
    }
}

/// Hashes the uncompressed stream and checks that it starts like a tar archive.
struct DiffHasher {
    hasher: Hasher,
    head: Vec<u8>,
}

impl Write for DiffHasher {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.head.len() < 512 {
            let take = (512 - self.head.len()).min(buf.len());
            self.head.extend_from_slice(&buf[..take]);
        }
        self.hasher.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
pub(crate) fn creation_time() -> String {
    let t = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

/// An I/O error of the import: the store's (the data root is full, say)
/// or the input's.
fn io_fail(what: &str) -> impl FnOnce(io::Error) -> ImageError + '_ {
    move |e| match crate::store::StoreWrite::take(e).map(ImageError::Store) {
        Ok(store) => store,
        Err(e) => match crate::unpack::UnpackError::of(e) {
            Ok(refused) => ImageError::Unpack {
                what: what.into(),
                source: refused,
            },
            Err(source) => ImageError::Io {
                what: what.into(),
                source,
            },
        },
    }
}

impl Images {
    /// Imports a tar (plain or gzip) read from `input` as image `r`.
    pub fn import(
        &self,
        input: impl Read + Send,
        source: &str,
        r: &ImageRef,
        opts: &ImportOptions,
    ) -> Result<Descriptor> {
        let _lease = self.store.lease()?;
        let consumed = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let input = Counted {
            inner: input,
            count: consumed.clone(),
        };
        let mut input = BufReader::with_capacity(1 << 20, input);
        let head = input.fill_buf().map_err(io_fail(source))?;
        let compression = Compression::sniff(head);
        let IngestStart::Writer(mut blob) = self.store.ingest(None, None)? else {
            unreachable!("anonymous ingest is always a writer")
        };
        let mut diff = DiffHasher {
            hasher: Hasher::new(),
            head: Vec::new(),
        };
        match compression {
            Compression::Gzip => {
                let mut tee = Tee {
                    inner: input,
                    sink: &mut blob,
                };
                {
                    let mut dec = Expansion::new(
                        MultiGzDecoder::new(&mut tee),
                        opts.limits,
                        opts.input_size,
                        consumed.clone(),
                    );
                    io::copy(&mut dec, &mut diff).map_err(io_fail(source))?;
                }
                // Anything after the gzip stream belongs to the blob too.
                io::copy(&mut tee, &mut io::sink()).map_err(io_fail(source))?;
            }
            // Anything else is stored gzip-compressed, as layers mostly are.
            other => {
                let mut input = Expansion::new(
                    other.decoder(input).map_err(io_fail(source))?,
                    opts.limits,
                    opts.input_size,
                    consumed.clone(),
                );
                let mut enc = GzEncoder::new(&mut blob, flate2::Compression::default());
                let mut buf = vec![0u8; 1 << 20];
                loop {
                    // Whole buffers: the compressed bytes (and so the digest)
                    // must not depend on how a pipe happened to deliver them.
                    let n = crate::unpack::compression::read_full(&mut input, &mut buf)
                        .map_err(io_fail(source))?;
                    if n == 0 {
                        break;
                    }
                    diff.write_all(&buf[..n]).expect("hashing cannot fail");
                    enc.write_all(&buf[..n]).map_err(io_fail(source))?;
                }
                enc.finish().map_err(io_fail(source))?;
            }
        }
        if diff.head.len() < 512 || &diff.head[257..262] != b"ustar" {
            return Err(ImageError::Invalid {
                what: source.into(),
                why: "not a tar archive".into(),
            });
        }
        let diff_id = diff.hasher.finish();
        let (layer_digest, layer_size) = blob.commit()?;

        let platform = opts.platform.clone().unwrap_or_else(Platform::host);
        let created = creation_time();
        let mut cfg_obj = Map::new();
        for c in &opts.changes {
            c.apply(&mut cfg_obj);
        }
        let mut history = json!({"created": created, "created_by": "ccr import"});
        if let Some(m) = &opts.message {
            history["comment"] = json!(m);
        }
        let mut config = json!({
            "created": created,
            "architecture": platform.architecture,
            "os": platform.os,
            "config": Value::Object(cfg_obj),
            "rootfs": {"type": "layers", "diff_ids": [diff_id.to_string()]},
            "history": [history],
        });
        if let Some(v) = &platform.variant {
            config["variant"] = json!(v);
        }
        let config_desc = self.store.put_json(oci::OCI_CONFIG, &config)?;
        let layer = Descriptor::new(oci::OCI_LAYER_GZIP, layer_digest, layer_size);
        let manifest = oci::Manifest::new(config_desc, vec![layer]);
        let target = self.store.put_json(oci::OCI_MANIFEST, &manifest)?;
        self.store.set_images(&[ImageRecord {
            name: r.store_name(),
            target: target.clone(),
            in_repository: false,
        }])?;
        Ok(target)
    }
}
