//! Writing blobs into the store: hashed as they are written, committed by an
//! atomic rename only when digest and size match, resumable after an
//! interruption, and exclusive between processes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{Store, StoreError, io_err};
use crate::digest::{Digest, Hasher};

pub enum IngestStart {
    /// The blob is already in the store.
    Present,
    /// Write the blob here (starting at `offset()`, when resuming).
    Writer(Ingest),
}

pub struct Ingest {
    out: BufWriter<File>,
    path: PathBuf,
    blob_dir: PathBuf,
    hasher: Hasher,
    expected: Option<Digest>,
    size: Option<u64>,
    committed: bool,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

const BUF: usize = 1 << 20;

impl Ingest {
    pub(super) fn start(
        store: &Store,
        expected: Option<&Digest>,
        size: Option<u64>,
    ) -> Result<IngestStart, StoreError> {
        let ingest_dir = store.root.join("ingest");
        let blob_dir = store.root.join("blobs/sha256");
        let Some(expected) = expected else {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let path = ingest_dir.join(format!("tmp-{}-{nanos}-{n}", std::process::id()));
            let file = OpenOptions::new()
                .create_new(true)
                .read(true)
                .write(true)
                .open(&path)
                .map_err(io_err(&path, "create"))?;
            file.lock().map_err(io_err(&path, "lock"))?;
            return Ok(IngestStart::Writer(Ingest {
                out: BufWriter::with_capacity(BUF, file),
                path,
                blob_dir,
                hasher: Hasher::new(),
                expected: None,
                size,
                committed: false,
            }));
        };
        if store.has_blob(expected, size) {
            return Ok(IngestStart::Present);
        }
        let path = ingest_dir.join(expected.hex());
        let file = loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)
                .map_err(io_err(&path, "open"))?;
            // Another process may be writing this blob: wait for it.
            file.lock().map_err(io_err(&path, "lock"))?;
            if store.has_blob(expected, size) {
                return Ok(IngestStart::Present);
            }
            // The file we locked may have been committed (renamed away) while
            // we waited; only the file still at `path` is ours to continue.
            let ours = file.metadata().map_err(io_err(&path, "stat"))?;
            match fs::metadata(&path) {
                Ok(m) if m.ino() == ours.ino() && m.dev() == ours.dev() => break file,
                _ => continue,
            }
        };
        // Resume: re-hash what an earlier attempt already wrote.
        let (hasher, len) = rehash(&file).map_err(io_err(&path, "read partial"))?;
        let mut ingest = Ingest {
            out: BufWriter::with_capacity(BUF, file),
            path,
            blob_dir,
            hasher,
            expected: Some(expected.clone()),
            size,
            committed: false,
        };
        if size.is_some_and(|s| len > s) {
            ingest.restart()?;
        } else {
            ingest
                .out
                .get_mut()
                .seek(SeekFrom::End(0))
                .map_err(io_err(&ingest.path, "seek"))?;
        }
        Ok(IngestStart::Writer(ingest))
    }

    /// How many bytes are already written (non-zero when resuming).
    pub fn offset(&self) -> u64 {
        self.hasher.len()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Throws away what was written (a resumable partial too): for
    /// content that must not stay on disk when it failed a check.
    pub fn discard(mut self) {
        self.committed = true;
        let _ = fs::remove_file(&self.path);
    }

    /// Discards what was written so far.
    pub fn restart(&mut self) -> Result<(), StoreError> {
        self.out.flush().map_err(io_err(&self.path, "flush"))?;
        let f = self.out.get_mut();
        f.set_len(0).map_err(io_err(&self.path, "truncate"))?;
        f.seek(SeekFrom::Start(0))
            .map_err(io_err(&self.path, "seek"))?;
        self.hasher = Hasher::new();
        Ok(())
    }

    /// Checks digest and size and makes the blob visible. On a mismatch the
    /// written data is discarded and nothing becomes visible.
    pub fn commit(mut self) -> Result<(Digest, u64), StoreError> {
        self.out.flush().map_err(io_err(&self.path, "flush"))?;
        let hasher = std::mem::take(&mut self.hasher);
        let len = hasher.len();
        let actual = hasher.finish();
        if let Some(expected) = &self.expected {
            let size_ok = self.size.is_none_or(|s| s == len);
            if &actual != expected || !size_ok {
                let _ = fs::remove_file(&self.path);
                self.committed = true;
                return Err(StoreError::DigestMismatch {
                    expected: expected.clone(),
                    actual,
                    size: len,
                    expected_size: self
                        .size
                        .map(|s| format!(" (expected {s} bytes)"))
                        .unwrap_or_default(),
                });
            }
        }
        let target = self.blob_dir.join(actual.hex());
        fs::rename(&self.path, &target).map_err(io_err(&target, "commit blob"))?;
        self.committed = true;
        Ok((actual, len))
    }
}

/// A source that delivers more than the size its descriptor names: the
/// write that would pass the size is refused, so nothing past it reaches
/// the disk (a hostile registry cannot fill it).
#[derive(Debug, thiserror::Error)]
#[error("the content is longer than the {size} bytes its descriptor names")]
pub struct TooLong {
    pub size: u64,
}

impl TooLong {
    /// The `TooLong` an I/O error from [`Ingest`]'s `write` carries, if any.
    pub fn of(e: &io::Error) -> Option<&TooLong> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<TooLong>())
    }
}

/// A write into the store that failed (a full disk, most often), kept
/// apart from errors of the source being read, which the same I/O call can
/// return: the error must name the data root, not the input.
#[derive(Debug, thiserror::Error)]
#[error("{}: write failed: {source}", path.display())]
pub struct StoreWrite {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl StoreWrite {
    /// The store's own error for `e`, when `e` came from writing into it.
    pub fn take(e: io::Error) -> Result<super::StoreError, io::Error> {
        if !e.get_ref().is_some_and(|i| i.is::<StoreWrite>()) {
            return Err(e);
        }
        let w = e
            .into_inner()
            .and_then(|i| i.downcast::<StoreWrite>().ok())
            .expect("checked above");
        Ok(super::StoreError::Io {
            path: w.path,
            op: "write",
            source: w.source,
        })
    }
}

impl Write for Ingest {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(size) = self.size
            && self.hasher.len() + buf.len() as u64 > size
        {
            return Err(io::Error::new(io::ErrorKind::InvalidData, TooLong { size }));
        }
        self.out.write_all(buf).map_err(|source| {
            io::Error::new(
                source.kind(),
                StoreWrite {
                    path: self.path.clone(),
                    source,
                },
            )
        })?;
        self.hasher.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Why [`Ingest::fill_from`] failed.
#[derive(Debug)]
pub enum FillError {
    /// Reading the source failed (for a decrypting source: a failed check).
    Read(io::Error),
    Store(StoreError),
}

const CHUNK: usize = 1 << 20;

impl Ingest {
    /// Copies `src` into the blob and commits it, with the source read (and
    /// whatever work it does, e.g. decryption) on this thread and the
    /// hashing and writing on another: two cores each doing half. A read
    /// error discards everything written.
    pub fn fill_from(self, mut src: impl Read) -> Result<(Digest, u64), FillError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || {
                let mut ingest = self;
                for chunk in rx {
                    if let Err(e) = ingest.write_all(&chunk) {
                        let path = ingest.path().to_path_buf();
                        return Err((ingest, io_err(&path, "write")(e)));
                    }
                    let _ = back_tx.send(chunk);
                }
                Ok(ingest)
            });
            let read_result = (|| -> io::Result<()> {
                loop {
                    let mut buf = back_rx.try_recv().unwrap_or_else(|_| vec![0u8; CHUNK]);
                    buf.resize(CHUNK, 0);
                    let mut filled = 0;
                    while filled < CHUNK {
                        let n = src.read(&mut buf[filled..])?;
                        if n == 0 {
                            break;
                        }
                        filled += n;
                    }
                    buf.truncate(filled);
                    if filled == 0 {
                        return Ok(());
                    }
                    // A short chunk means the source ended (and ran its
                    // end-of-stream checks).
                    let last = filled < CHUNK;
                    if tx.send(buf).is_err() || last {
                        return Ok(()); // (a failed writer reports why)
                    }
                }
            })();
            drop(tx);
            let written = writer.join().expect("the writer thread does not panic");
            match (read_result, written) {
                (Err(e), Ok(ingest)) | (Err(e), Err((ingest, _))) => {
                    ingest.discard();
                    Err(FillError::Read(e))
                }
                (Ok(()), Err((ingest, e))) => {
                    ingest.discard();
                    Err(FillError::Store(e))
                }
                (Ok(()), Ok(ingest)) => ingest.commit().map_err(FillError::Store),
            }
        })
    }
}

impl Drop for Ingest {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        // A partial download of a known blob stays for the next attempt to
        // resume; anonymous temporaries are useless and go.
        if self.expected.is_some() {
            let _ = self.out.flush();
        } else {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn rehash(mut file: &File) -> io::Result<(Hasher, u64)> {
    file.seek(SeekFrom::Start(0))?;
    let h = super::hash_reader(file)?;
    let len = h.len();
    Ok((h, len))
}

/// Removes ingest files no process holds; returns the bytes freed.
pub(super) fn remove_abandoned(dir: &Path) -> u64 {
    let mut freed = 0;
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    for entry in entries.flatten() {
        let Ok(f) = OpenOptions::new().write(true).open(entry.path()) else {
            continue;
        };
        if f.try_lock().is_ok() {
            let len = f.metadata().map(|m| m.len()).unwrap_or(0);
            if fs::remove_file(entry.path()).is_ok() {
                freed += len;
            }
        }
    }
    freed
}
