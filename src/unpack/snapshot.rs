//! Layer snapshots: each layer extracted once, by diff id, into
//! `snapshots/layers/<hex>`, ready to be an overlayfs lower directory.
//! Shared by every image and container with that layer. Extraction goes to
//! a temporary directory and is renamed into place only after the
//! uncompressed content hashed to the diff id the image config promises.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use super::{HashingReader, UnpackError, Whiteouts, apply_layer, decompressed};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::crypt::{self, CryptError, Keyring};
use crate::digest::{Digest, Hasher};
use crate::oci::Descriptor;
use crate::oci::PlatformImage;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("layer {layer}: {source}")]
    Unpack {
        layer: Digest,
        #[source]
        source: UnpackError,
    },
    #[error(
        "layer {layer}: its content hashes to {actual}, but the image config says {expected}; the image is corrupt, nothing was kept"
    )]
    DiffIdMismatch {
        layer: Digest,
        expected: Digest,
        actual: Digest,
    },
    #[error("the image has {layers} layers but its config lists {diff_ids} diff ids")]
    LayerCount { layers: usize, diff_ids: usize },
    #[error("snapshots at {path}: {op} failed: {source}")]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Crypt(#[from] CryptError),
}

/// See [`Snapshots::stream`]. Decompression (and decryption) run on their
/// own thread, a few chunks ahead of the reader, which hashes them: the
/// two halves of the work use two cores.
pub struct LayerStream {
    chunks: std::sync::mpsc::Receiver<io::Result<(Vec<u8>, usize)>>,
    /// Buffers handed back for the next chunks (no allocation, no zeroing).
    spent: std::sync::mpsc::Sender<Vec<u8>>,
    current: Vec<u8>,
    len: usize,
    pos: usize,
    done: bool,
    hasher: Hasher,
    worker: Option<std::thread::JoinHandle<()>>,
    verified: Option<Arc<std::sync::atomic::AtomicBool>>,
    layer: Digest,
    diff_id: Digest,
}

/// Bytes handed over at a time, and how many may wait.
const CHUNK: usize = 1 << 20;
const AHEAD: usize = 8;

impl io::Read for LayerStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.len {
            if self.done {
                return Ok(0);
            }
            match self.chunks.recv() {
                Ok(Ok((chunk, len))) => {
                    self.hasher.update(&chunk[..len]);
                    let old = std::mem::replace(&mut self.current, chunk);
                    let _ = self.spent.send(old);
                    self.len = len;
                    self.pos = 0;
                }
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(_) => self.done = true,
            }
        }
        let n = buf.len().min(self.len - self.pos);
        buf[..n].copy_from_slice(&self.current[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl LayerStream {
    fn start(
        mut inner: Box<dyn io::Read + Send>,
        verified: Option<Arc<std::sync::atomic::AtomicBool>>,
        layer: Digest,
        diff_id: Digest,
    ) -> LayerStream {
        let (tx, rx) = std::sync::mpsc::sync_channel(AHEAD);
        let (spent, recycled) = std::sync::mpsc::channel::<Vec<u8>>();
        let worker = std::thread::spawn(move || {
            loop {
                let mut chunk = match recycled.try_recv() {
                    Ok(b) if b.len() == CHUNK => b,
                    _ => vec![0u8; CHUNK],
                };
                let mut filled = 0;
                let res = loop {
                    match inner.read(&mut chunk[filled..]) {
                        Ok(0) => break Ok(()),
                        Ok(n) => {
                            filled += n;
                            if filled == CHUNK {
                                break Ok(());
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => break Err(e),
                    }
                };
                let end = filled < CHUNK;
                let sent = match res {
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        break;
                    }
                    Ok(()) if filled == 0 => break,
                    Ok(()) => tx.send(Ok((chunk, filled))),
                };
                // The reader went away, or the stream ended.
                if sent.is_err() || end {
                    break;
                }
            }
        });
        LayerStream {
            chunks: rx,
            spent,
            current: Vec::new(),
            len: 0,
            pos: 0,
            done: false,
            hasher: Hasher::new(),
            worker: Some(worker),
            verified,
            layer,
            diff_id,
        }
    }

    /// Reads what is left and checks that the content was what the image
    /// config promises (and, encrypted, what was encrypted).
    pub fn finish(mut self) -> Result<(), SnapshotError> {
        let layer = self.layer.clone();
        io::copy(&mut self, &mut io::sink()).map_err(|e| SnapshotError::Unpack {
            layer: layer.clone(),
            source: UnpackError::of(e).unwrap_or_else(UnpackError::Tar),
        })?;
        self.worker
            .take()
            .expect("finished once")
            .join()
            .map_err(|_| SnapshotError::Unpack {
                layer: layer.clone(),
                source: UnpackError::Tar(io::Error::other("the reading thread failed")),
            })?;
        let actual = std::mem::take(&mut self.hasher).finish();
        if let Some(flag) = &self.verified
            && !flag.load(Ordering::SeqCst)
        {
            return Err(SnapshotError::Crypt(CryptError::Hmac { layer }));
        }
        if actual != self.diff_id {
            return Err(SnapshotError::DiffIdMismatch {
                layer,
                expected: self.diff_id.clone(),
                actual,
            });
        }
        Ok(())
    }
}

impl SnapshotError {
    /// The error of unpacking `layer`.
    pub fn from_unpack(layer: &Digest) -> impl FnOnce(UnpackError) -> SnapshotError + '_ {
        move |source| SnapshotError::Unpack {
            layer: layer.clone(),
            source,
        }
    }
}

fn io_err<'a>(path: &'a Path, op: &'static str) -> impl FnOnce(io::Error) -> SnapshotError + 'a {
    move |source| SnapshotError::Io {
        path: path.to_path_buf(),
        op,
        source,
    }
}

pub struct Snapshots {
    root: PathBuf,
    keys: Arc<Keyring>,
    expansion: super::ExpansionLimits,
}

impl Snapshots {
    pub fn open(layout: &crate::layout::Layout) -> Result<Snapshots, SnapshotError> {
        let root = layout.snapshots();
        for d in ["layers", "tmp", "locks"] {
            let p = root.join(d);
            fs::create_dir_all(&p).map_err(io_err(&p, "create directory"))?;
        }
        Ok(Snapshots {
            root,
            keys: Arc::new(Keyring::default()),
            expansion: Default::default(),
        })
    }

    /// How far a layer may expand when it is unpacked.
    pub fn with_expansion(mut self, expansion: super::ExpansionLimits) -> Snapshots {
        self.expansion = expansion;
        self
    }

    /// The keys that open encrypted layers. Every encrypted layer needs
    /// one, even when it was extracted before.
    pub fn with_keys(mut self, keys: Arc<Keyring>) -> Snapshots {
        self.keys = keys;
        self
    }

    /// The keys this instance opens encrypted layers with.
    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// The directory holding the layer with this diff id.
    pub fn layer_dir(&self, diff_id: &Digest) -> PathBuf {
        self.root.join("layers").join(diff_id.hex())
    }

    /// Extracts every layer of `img` not yet extracted; returns the layer
    /// directories from the bottom layer up.
    pub fn prepare(
        &self,
        store: &Store,
        img: &PlatformImage,
    ) -> Result<Vec<PathBuf>, SnapshotError> {
        let layers = &img.manifest.layers;
        let diff_ids = &img.config.rootfs.diff_ids;
        if layers.len() != diff_ids.len() {
            return Err(SnapshotError::LayerCount {
                layers: layers.len(),
                diff_ids: diff_ids.len(),
            });
        }
        self.prepare_layers(store, layers.iter().zip(diff_ids))
    }

    /// Extracts the given layers (descriptor and diff id) not yet extracted;
    /// returns their directories in the same order.
    pub fn prepare_layers<'a>(
        &self,
        store: &Store,
        layers: impl IntoIterator<Item = (&'a Descriptor, &'a Digest)>,
    ) -> Result<Vec<PathBuf>, SnapshotError> {
        let dirs: Vec<PathBuf> = layers
            .into_iter()
            .map(|(desc, diff_id)| self.extract(store, desc, diff_id))
            .collect::<Result<_, _>>()?;
        // An opaque whiteout at a layer's root hides every layer below it
        // (the OCI meaning, which applying the layers gives). overlayfs does
        // not honour an opaque root of a lower directory, so the stack
        // starts at the last such layer instead.
        let start = dirs.iter().rposition(|d| opaque_root(d)).unwrap_or(0);
        Ok(dirs[start..].to_vec())
    }

    fn extract(
        &self,
        store: &Store,
        desc: &Descriptor,
        diff_id: &Digest,
    ) -> Result<PathBuf, SnapshotError> {
        if crypt::is_encrypted(desc) {
            // Only a key holder may use an encrypted layer, extracted or not.
            self.keys.open(desc)?;
        }
        let dir = self.layer_dir(diff_id);
        if dir.is_dir() {
            return Ok(dir);
        }
        // One extraction per layer at a time, across processes.
        let lock_path = self.root.join("locks").join(diff_id.hex());
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path, "open lock"))?;
        lock.lock().map_err(io_err(&lock_path, "lock"))?;
        if dir.is_dir() {
            return Ok(dir);
        }
        let tmp = self
            .root
            .join("tmp")
            .join(format!("{}-{}", diff_id.hex(), std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir(&tmp).map_err(io_err(&tmp, "create directory"))?;
        let result = self.extract_into(store, desc, diff_id, &tmp, Whiteouts::Overlay);
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
        fs::rename(&tmp, &dir).map_err(io_err(&dir, "commit snapshot"))?;
        Ok(dir)
    }

    /// Applies one layer into `dest`, checking its diff id.
    pub fn extract_into(
        &self,
        store: &Store,
        desc: &Descriptor,
        diff_id: &Digest,
        dest: &Path,
        whiteouts: Whiteouts,
    ) -> Result<(), SnapshotError> {
        let unpack = |source| SnapshotError::Unpack {
            layer: desc.digest.clone(),
            source,
        };
        let (stream, verified, options) = self.plain(store, desc)?;
        let mut reader = HashingReader {
            inner: stream,
            hasher: Hasher::new(),
        };
        let limits = self.expansion.for_layer(desc.size);
        let applied = apply_layer(&mut reader, dest, whiteouts, limits)
            .map(|_| ())
            // Whatever follows the end-of-archive marker counts for the diff id too.
            .and_then(|()| {
                let trailing = io::copy(
                    &mut io::Read::take(&mut reader, limits.max_bytes),
                    &mut io::sink(),
                )
                .map_err(UnpackError::Tar)?;
                if trailing == limits.max_bytes {
                    return Err(UnpackError::TooLarge(format!(
                        "{} bytes after the end of the archive",
                        limits.max_bytes
                    )));
                }
                Ok(())
            });
        if let Err(e) = applied {
            // An altered ciphertext decrypts to garbage that the decompressor
            // or the tar reader may reject first: the HMAC says what happened.
            if let Some((public, private)) = &options {
                crypt::cipher::check_hmac(
                    io::BufReader::new(store.open_blob(&desc.digest)?),
                    &desc.digest,
                    public,
                    private,
                )?;
            }
            // A decryption failure says more than the tar error around it.
            if let UnpackError::Tar(io) | UnpackError::Io { source: io, .. } = &e
                && let Some(c) = crypt::cipher::crypt_error(io)
            {
                return Err(SnapshotError::Crypt(CryptError::Other(c.to_string())));
            }
            return Err(unpack(e));
        }
        if let Some(flag) = verified
            && !flag.load(Ordering::SeqCst)
        {
            return Err(SnapshotError::Crypt(CryptError::Hmac {
                layer: desc.digest.clone(),
            }));
        }
        let actual = std::mem::take(&mut reader.hasher).finish();
        if &actual != diff_id {
            return Err(SnapshotError::DiffIdMismatch {
                layer: desc.digest.clone(),
                expected: diff_id.clone(),
                actual,
            });
        }
        Ok(())
    }

    /// The layer blob as an uncompressed stream, decrypted where it is
    /// encrypted; for an encrypted layer also the flag its HMAC check sets
    /// at the end, and the options to check the HMAC again.
    #[allow(clippy::type_complexity)]
    fn plain(
        &self,
        store: &Store,
        desc: &Descriptor,
    ) -> Result<
        (
            Box<dyn io::Read + Send>,
            Option<Arc<std::sync::atomic::AtomicBool>>,
            Option<(crypt::PublicOptions, crypt::PrivateOptions)>,
        ),
        SnapshotError,
    > {
        let unpack = |source| SnapshotError::Unpack {
            layer: desc.digest.clone(),
            source,
        };
        let file: File = store.open_blob(&desc.digest)?;
        if !crypt::is_encrypted(desc) {
            return Ok((
                decompressed(file, &desc.media_type).map_err(unpack)?,
                None,
                None,
            ));
        }
        let private = self.keys.open(desc)?;
        let public = crypt::public_options(desc)?;
        let r = crypt::cipher::DecryptingReader::new(
            io::BufReader::with_capacity(1 << 20, file),
            &desc.digest,
            &public,
            &private,
        )?;
        let flag = r.verified();
        Ok((
            decompressed(r, crypt::plain_media_type(&desc.media_type)).map_err(unpack)?,
            Some(flag),
            Some((public, private)),
        ))
    }

    /// A layer's uncompressed tar stream, decrypted where it is encrypted,
    /// for reading it without extracting it (an SBOM of content not yet
    /// unpacked). Held to the expansion limits; [`LayerStream::finish`]
    /// then checks the diff id (and the HMAC of an encrypted layer).
    pub fn stream(
        &self,
        store: &Store,
        desc: &Descriptor,
        diff_id: &Digest,
    ) -> Result<LayerStream, SnapshotError> {
        let (stream, verified, _) = self.plain(store, desc)?;
        let limited =
            super::Expansion::new(stream, self.expansion, Some(desc.size), Default::default());
        Ok(LayerStream::start(
            Box::new(limited),
            verified,
            desc.digest.clone(),
            diff_id.clone(),
        ))
    }

    /// The copying fallback where overlayfs is unavailable: every layer
    /// applied, in order, into `dest`.
    pub fn flatten_into(
        &self,
        store: &Store,
        img: &PlatformImage,
        dest: &Path,
    ) -> Result<(), SnapshotError> {
        for (desc, diff_id) in img.manifest.layers.iter().zip(&img.config.rootfs.diff_ids) {
            self.extract_into(store, desc, diff_id, dest, Whiteouts::Apply)?;
        }
        Ok(())
    }

    /// Removes the snapshots of layers no longer in `keep`; returns how many.
    pub fn remove_unused(
        &self,
        keep: &std::collections::HashSet<Digest>,
    ) -> Result<usize, SnapshotError> {
        let dir = self.root.join("layers");
        let mut removed = 0;
        for entry in fs::read_dir(&dir).map_err(io_err(&dir, "list"))?.flatten() {
            let name = entry.file_name();
            let Ok(d) = format!("sha256:{}", name.to_string_lossy()).parse::<Digest>() else {
                continue;
            };
            if !keep.contains(&d) && fs::remove_dir_all(entry.path()).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Whether a snapshot's root is marked opaque (`.wh..wh..opq` at the
/// layer's root, kept as overlayfs's xattr).
fn opaque_root(dir: &Path) -> bool {
    let mut value = [0u8; 1];
    matches!(
        rustix::fs::getxattr(dir, "trusted.overlay.opaque", &mut value[..]),
        Ok(1) if value[0] == b'y'
    )
}

#[cfg(test)]
mod stream_tests {
    use super::*;
    use std::io::{Read, Write};

    fn layer(store: &Store, plain: &[u8]) -> Descriptor {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(plain).unwrap();
        let blob = gz.finish().unwrap();
        let digest = store.put_blob(&blob).unwrap();
        Descriptor::new(crate::oci::OCI_LAYER_GZIP, digest, blob.len() as u64)
    }

    #[test]
    fn a_stream_is_the_content_and_checks_its_diff_id() {
        let dir = tempfile::tempdir().unwrap();
        let layout = crate::layout::Layout::new(dir.path());
        let store = Store::open(&layout).unwrap();
        let snapshots = Snapshots::open(&layout).unwrap();
        // Several chunks' worth, not a multiple of the chunk size.
        let plain: Vec<u8> = (0..(3 * CHUNK + 12345))
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let desc = layer(&store, &plain);
        let good = Digest::of(&plain);
        let mut s = snapshots.stream(&store, &desc, &good).unwrap();
        let mut head = vec![0u8; 100];
        s.read_exact(&mut head).unwrap();
        assert_eq!(head, plain[..100]);
        // What is not read is read by finish, and still counts.
        s.finish().unwrap();
        let mut all = Vec::new();
        let mut s = snapshots.stream(&store, &desc, &good).unwrap();
        s.read_to_end(&mut all).unwrap();
        assert_eq!(all, plain);
        s.finish().unwrap();
        // A config naming other content: refused at the end.
        let wrong = Digest::of(b"another layer");
        let s = snapshots.stream(&store, &desc, &wrong).unwrap();
        assert!(matches!(
            s.finish(),
            Err(SnapshotError::DiffIdMismatch { .. })
        ));
        // A reader that stops early leaves no thread behind blocked.
        let mut s = snapshots.stream(&store, &desc, &good).unwrap();
        s.read_exact(&mut head).unwrap();
        drop(s);
    }
}
