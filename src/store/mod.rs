//! The local content store: an OCI image layout under the data root.
//!
//! * `blobs/sha256/<hex>`: content, named by digest. A blob only appears there
//!   (by atomic rename) after its digest and size were checked while it was
//!   written, so every visible blob is whole and correct.
//! * `ingest/`: blobs being written. A download interrupted half way leaves its
//!   partial file here and the next attempt resumes it; each file is locked by
//!   the process writing it.
//! * `index.json`: the named images, as an OCI index whose entries carry the
//!   `io.containerd.image.name` annotation. Changed under an exclusive lock and
//!   replaced atomically.
//! * Long operations hold a shared "lease" lock; garbage collection takes it
//!   exclusively, so it never removes blobs a running pull has just written.

mod ingest;

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

pub use ingest::{FillError, Ingest, IngestStart, StoreWrite, TooLong};

use crate::digest::{Digest, Hasher};
use crate::oci::{self, Descriptor, Document, Index};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("content store at {path}: {op} failed: {source}")]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error(
        "content verification failed for {expected}: the data has digest {actual} and {size} bytes{expected_size}; the source is corrupt or was altered, nothing was stored"
    )]
    DigestMismatch {
        expected: Digest,
        actual: Digest,
        size: u64,
        expected_size: String,
    },
    #[error("blob {0} is not in the local store; pull the image again")]
    MissingBlob(Digest),
    #[error(
        "the local store's blob {digest} is corrupt (its content hashes to {actual}); run `ccr image prune` and pull the image again"
    )]
    CorruptBlob { digest: Digest, actual: Digest },
    #[error("the local store's {what} is unreadable: {why}")]
    Malformed { what: String, why: String },
    #[error("no such image: {0}")]
    NoSuchImage(String),
}

/// Whether an I/O error says the file system is full (or over quota).
pub fn is_full(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(28) | Some(122))
        || matches!(
            e.kind(),
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
        )
}

impl StoreError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            StoreError::Io { source, .. } if is_full(source) => Some(
                "the data root's file system is full: free space (prune unused images, containers and the build cache) and retry; a partial download resumes"
                    .into(),
            ),
            StoreError::Io { .. } => Some("check that the data root is writable".into()),
            _ => None,
        }
    }
}

fn io_err<'a>(path: &'a Path, op: &'static str) -> impl FnOnce(io::Error) -> StoreError + 'a {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        op,
        source,
    }
}

/// A named image in the store.
#[derive(Clone, Debug)]
pub struct ImageRecord {
    /// Full normalised name, e.g. `docker.io/library/busybox:latest`.
    pub name: String,
    /// The manifest or index the name points at.
    pub target: Descriptor,
    /// The name's repository holds `target` by its digest: it was pulled
    /// from there or pushed there (docker's `RepoDigests`). Kept in the
    /// index as [`ANNOTATION_IN_REPOSITORY`], never in `target`.
    pub in_repository: bool,
}

/// Marks an index entry whose repository holds its target.
const ANNOTATION_IN_REPOSITORY: &str = "dev.ccr.image.in-repository";

pub struct Store {
    root: PathBuf,
}

/// Held while a long operation writes blobs that no name references yet.
pub struct Lease {
    _file: File,
}

#[derive(Debug, Default)]
pub struct GcReport {
    pub removed_blobs: Vec<Digest>,
    pub reclaimed_bytes: u64,
}

impl Store {
    /// Opens (creating when needed) the store in the layout's content directory.
    pub fn open(layout: &crate::layout::Layout) -> Result<Store, StoreError> {
        let root = layout.content();
        for dir in [
            root.join("blobs/sha256"),
            root.join("ingest"),
            root.join("locks"),
        ] {
            fs::create_dir_all(&dir).map_err(io_err(&dir, "create directory"))?;
        }
        let layout = root.join("oci-layout");
        if !layout.exists() {
            write_atomic(&layout, br#"{"imageLayoutVersion":"1.0.0"}"#)?;
        }
        let index = root.join("index.json");
        if !index.exists() {
            let empty = serde_json::to_vec(&Index::new(oci::OCI_INDEX, vec![])).unwrap();
            write_atomic(&index, &empty)?;
        }
        Ok(Store { root })
    }

    /// The OCI image layout directory (readable by umoci, skopeo `oci:`).
    pub fn layout_dir(&self) -> &Path {
        &self.root
    }

    pub fn blob_path(&self, d: &Digest) -> PathBuf {
        self.root.join("blobs/sha256").join(d.hex())
    }

    /// Whether the blob is present (and, when `size` is given, has that size).
    pub fn has_blob(&self, d: &Digest, size: Option<u64>) -> bool {
        match fs::metadata(self.blob_path(d)) {
            Ok(m) => size.is_none_or(|s| s == m.len()),
            Err(_) => false,
        }
    }

    pub fn blob_size(&self, d: &Digest) -> Option<u64> {
        fs::metadata(self.blob_path(d)).ok().map(|m| m.len())
    }

    pub fn open_blob(&self, d: &Digest) -> Result<File, StoreError> {
        File::open(self.blob_path(d)).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                StoreError::MissingBlob(d.clone())
            } else {
                StoreError::Io {
                    path: self.blob_path(d),
                    op: "open blob",
                    source: e,
                }
            }
        })
    }

    /// Reads a (small) blob whole and checks its digest.
    pub fn read_blob(&self, d: &Digest) -> Result<Vec<u8>, StoreError> {
        let mut data = Vec::new();
        self.open_blob(d)?
            .read_to_end(&mut data)
            .map_err(io_err(&self.blob_path(d), "read blob"))?;
        let actual = Digest::of(&data);
        if &actual != d {
            return Err(StoreError::CorruptBlob {
                digest: d.clone(),
                actual,
            });
        }
        Ok(data)
    }

    /// Reads and parses a manifest or index blob.
    pub fn read_document(&self, desc: &Descriptor) -> Result<(String, Document), StoreError> {
        let data = self.read_blob(&desc.digest)?;
        Document::parse(Some(&desc.media_type), &data).map_err(|e| StoreError::Malformed {
            what: format!("manifest {}", desc.digest),
            why: e.to_string(),
        })
    }

    /// Stores a small blob held in memory; returns its digest.
    pub fn put_blob(&self, data: &[u8]) -> Result<Digest, StoreError> {
        let digest = Digest::of(data);
        if self.has_blob(&digest, Some(data.len() as u64)) {
            return Ok(digest);
        }
        match self.ingest(Some(&digest), Some(data.len() as u64))? {
            IngestStart::Present => {}
            IngestStart::Writer(mut w) => {
                if w.offset() != 0 {
                    w.restart()?;
                }
                w.write_all(data).map_err(io_err(w.path(), "write"))?;
                w.commit()?;
            }
        }
        Ok(digest)
    }

    /// Stores a JSON document (manifest, index, config); returns its descriptor.
    pub fn put_json(
        &self,
        media_type: &str,
        doc: &impl serde::Serialize,
    ) -> Result<Descriptor, StoreError> {
        let bytes = serde_json::to_vec(doc).expect("documents serialise");
        self.put_blob(&bytes)?;
        Ok(Descriptor::of_bytes(media_type, &bytes))
    }

    /// Starts writing a blob. With an expected digest the write is resumable
    /// and exclusive between processes; without one it goes to a fresh
    /// temporary file and the digest is learnt at commit.
    pub fn ingest(
        &self,
        expected: Option<&Digest>,
        size: Option<u64>,
    ) -> Result<IngestStart, StoreError> {
        Ingest::start(self, expected, size)
    }

    /// Takes a shared lease that keeps garbage collection away.
    pub fn lease(&self) -> Result<Lease, StoreError> {
        let path = self.root.join("locks/gc.lock");
        let file = open_lock(&path)?;
        file.lock_shared().map_err(io_err(&path, "lock"))?;
        Ok(Lease { _file: file })
    }

    fn index_lock(&self) -> Result<File, StoreError> {
        let path = self.root.join("locks/index.lock");
        let file = open_lock(&path)?;
        file.lock().map_err(io_err(&path, "lock"))?;
        Ok(file)
    }

    fn read_index(&self) -> Result<Index, StoreError> {
        let path = self.root.join("index.json");
        let data = fs::read(&path).map_err(io_err(&path, "read"))?;
        serde_json::from_slice(&data).map_err(|e| StoreError::Malformed {
            what: path.display().to_string(),
            why: e.to_string(),
        })
    }

    fn write_index(&self, index: &Index) -> Result<(), StoreError> {
        let data = serde_json::to_vec_pretty(index).unwrap();
        write_atomic(&self.root.join("index.json"), &data)
    }

    /// All named images, in index order.
    pub fn images(&self) -> Result<Vec<ImageRecord>, StoreError> {
        Ok(self
            .read_index()?
            .manifests
            .into_iter()
            .filter_map(|mut d| {
                let name = d.annotations.get(oci::ANNOTATION_IMAGE_NAME)?.clone();
                let in_repository = d.annotations.remove(ANNOTATION_IN_REPOSITORY).is_some();
                Some(ImageRecord {
                    name,
                    target: d,
                    in_repository,
                })
            })
            .collect())
    }

    pub fn image(&self, name: &str) -> Result<Option<ImageRecord>, StoreError> {
        Ok(self.images()?.into_iter().find(|r| r.name == name))
    }

    /// Points names at targets, replacing what they pointed at before. All
    /// names change in one atomic index update.
    pub fn set_images(&self, records: &[ImageRecord]) -> Result<(), StoreError> {
        let _lock = self.index_lock()?;
        let mut index = self.read_index()?;
        for rec in records {
            index
                .manifests
                .retain(|d| d.annotations.get(oci::ANNOTATION_IMAGE_NAME) != Some(&rec.name));
            let mut desc = rec.target.clone();
            desc.annotations
                .insert(oci::ANNOTATION_IMAGE_NAME.into(), rec.name.clone());
            desc.annotations.remove(ANNOTATION_IN_REPOSITORY);
            if rec.in_repository {
                desc.annotations
                    .insert(ANNOTATION_IN_REPOSITORY.into(), "true".into());
            }
            if let Some(tag) = tag_of(&rec.name) {
                desc.annotations
                    .insert(oci::ANNOTATION_REF_NAME.into(), tag.to_string());
            }
            index.manifests.push(desc);
        }
        self.write_index(&index)
    }

    /// Removes names; returns the records removed.
    pub fn remove_images(&self, names: &[String]) -> Result<Vec<ImageRecord>, StoreError> {
        let _lock = self.index_lock()?;
        let mut index = self.read_index()?;
        let mut removed = Vec::new();
        index
            .manifests
            .retain(|d| match d.annotations.get(oci::ANNOTATION_IMAGE_NAME) {
                Some(n) if names.contains(n) => {
                    let mut target = d.clone();
                    let in_repository = target
                        .annotations
                        .remove(ANNOTATION_IN_REPOSITORY)
                        .is_some();
                    removed.push(ImageRecord {
                        name: n.clone(),
                        target,
                        in_repository,
                    });
                    false
                }
                _ => true,
            });
        self.write_index(&index)?;
        Ok(removed)
    }

    /// Keeps `desc` (and what it reaches) from garbage collection under
    /// `name`, without making it an image (the build cache uses this).
    pub fn pin(&self, name: &str, desc: &Descriptor) -> Result<(), StoreError> {
        let dir = self.root.join("pins");
        fs::create_dir_all(&dir).map_err(io_err(&dir, "create directory"))?;
        let data = serde_json::to_vec(desc).expect("descriptors serialise");
        write_replace(&dir.join(name), &data, false)
    }

    /// Drops a pin; the blobs go at the next garbage collection.
    pub fn unpin(&self, name: &str) -> Result<(), StoreError> {
        let path = self.root.join("pins").join(name);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_err(&path, "remove")(e)),
            _ => Ok(()),
        }
    }

    /// All pins, by name.
    pub fn pins(&self) -> Result<Vec<(String, Descriptor)>, StoreError> {
        let dir = self.root.join("pins");
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if let Ok(data) = fs::read(e.path())
                && let Ok(d) = serde_json::from_slice::<Descriptor>(&data)
            {
                out.push((name, d));
            }
        }
        Ok(out)
    }

    /// Every blob reachable from `roots` that is present in the store.
    pub fn reachable(&self, roots: &[Descriptor]) -> HashSet<Digest> {
        let mut seen = HashSet::new();
        let mut stack: Vec<Descriptor> = roots.to_vec();
        while let Some(desc) = stack.pop() {
            if !self.has_blob(&desc.digest, None) || !seen.insert(desc.digest.clone()) {
                continue;
            }
            if (oci::is_index(&desc.media_type) || oci::is_manifest(&desc.media_type))
                && let Ok((_, doc)) = self.read_document(&desc)
            {
                stack.extend(doc.children().into_iter().cloned());
            }
        }
        seen
    }

    /// Removes every blob no named image reaches, and abandoned ingests.
    /// With `wait` false it gives up (returning `None`) when another ccr
    /// holds a lease, rather than blocking.
    pub fn gc(
        &self,
        wait: bool,
        extra_roots: &[Descriptor],
    ) -> Result<Option<GcReport>, StoreError> {
        let path = self.root.join("locks/gc.lock");
        let lock = open_lock(&path)?;
        if wait {
            lock.lock().map_err(io_err(&path, "lock"))?;
        } else if lock.try_lock().is_err() {
            return Ok(None);
        }
        let mut roots: Vec<Descriptor> = self.images()?.into_iter().map(|r| r.target).collect();
        roots.extend_from_slice(extra_roots);
        roots.extend(self.pins()?.into_iter().map(|(_, d)| d));
        let keep = self.reachable(&roots);
        let mut report = GcReport::default();
        let dir = self.root.join("blobs/sha256");
        for entry in fs::read_dir(&dir).map_err(io_err(&dir, "list"))? {
            let entry = entry.map_err(io_err(&dir, "list"))?;
            let name = entry.file_name();
            let Ok(digest) = format!("sha256:{}", name.to_string_lossy()).parse::<Digest>() else {
                continue;
            };
            if keep.contains(&digest) {
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if fs::remove_file(entry.path()).is_ok() {
                report.reclaimed_bytes += size;
                report.removed_blobs.push(digest);
            }
        }
        report.reclaimed_bytes += ingest::remove_abandoned(&self.root.join("ingest"));
        Ok(Some(report))
    }
}

fn tag_of(name: &str) -> Option<&str> {
    if name.contains('@') {
        return None;
    }
    let (_, last) = name.rsplit_once('/')?;
    last.rsplit_once(':').map(|(_, t)| t)
}

fn open_lock(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io_err(path, "open lock"))
}

/// Writes a file by writing a temporary sibling, syncing it and renaming it
/// over the target: after a crash the file is whole, old or new.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<(), StoreError> {
    write_replace(path, data, true)
}

/// Replaces a file atomically (readers see old or new, never half) without
/// waiting for the disk: for state that does not outlive a reboot.
pub fn write_replace(path: &Path, data: &[u8], durable: bool) -> Result<(), StoreError> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let res = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(data)?;
        if durable {
            f.sync_all()?;
        }
        fs::rename(&tmp, path)
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res.map_err(io_err(path, "write"))
}

/// Hashes a reader to the end.
pub fn hash_reader(mut r: impl Read) -> io::Result<Hasher> {
    let mut h = Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            return Ok(h);
        }
        h.update(&buf[..n]);
    }
}

#[cfg(test)]
mod tests;
