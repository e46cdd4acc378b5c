//! Safe extraction of image layers (tar streams) into a directory.
//!
//! Nothing in a layer can write outside the directory it is applied to:
//! * entry paths are cleaned; `..` that would climb out is refused;
//! * every existing path component is resolved *inside* the root (symlinks
//!   are re-rooted, as in a chroot), so a symlink planted by this or an
//!   earlier layer cannot redirect a later write to the host;
//! * an existing file, link or directory in the way is removed first, never
//!   written through;
//! * hard links may only point at files inside the root;
//! * device nodes are refused (the runtime provides `/dev`); FIFOs are kept;
//! * the number of entries and the bytes written are bounded.
//!
//! OCI whiteouts (`.wh.NAME`, `.wh..wh..opq`) are either turned into
//! overlayfs whiteouts (a layer kept as its own lower directory) or applied
//! (layers merged into one directory, the copying fallback).

pub mod compression;
pub mod snapshot;

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, CWD, FileType, Mode, Timespec, Timestamps};

/// How whiteouts in a layer are represented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whiteouts {
    /// As overlayfs expects in a lower directory: a 0/0 character device
    /// for a deleted entry, `trusted.overlay.opaque=y` on an opaque directory.
    Overlay,
    /// Applied to what earlier layers left in the same directory.
    Apply,
}

/// Bounds on what one layer may create.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_entries: u64,
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 2_000_000,
            max_bytes: 256 << 30,
        }
    }
}

/// How much a layer may expand to: at most `max_bytes`, and at most
/// `max_ratio` times its compressed size (never less than 1 GiB). An 8 MiB
/// gzip of zeros that would fill 8 GiB stops at 2 GiB, with the default ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpansionLimits {
    pub max_bytes: u64,
    pub max_ratio: u64,
}

impl Default for ExpansionLimits {
    fn default() -> Self {
        ExpansionLimits {
            max_bytes: 64 << 30,
            max_ratio: 256,
        }
    }
}

impl UnpackError {
    /// The refusal an [`Expansion`] reader put inside an `io::Error`.
    pub fn of(e: io::Error) -> Result<UnpackError, io::Error> {
        if e.get_ref().is_some_and(|i| i.is::<UnpackError>()) {
            let inner = e.into_inner().expect("checked");
            return Ok(*inner.downcast::<UnpackError>().expect("checked"));
        }
        Err(e)
    }

    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            UnpackError::TooLarge(_) => Some(
                "if the image is trusted, raise max_layer_size or max_layer_ratio in ccr.toml"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// The floor of the ratio guard: small layers may expand to this much.
const RATIO_FLOOR: u64 = 1 << 30;

impl ExpansionLimits {
    /// The limits for one layer of `compressed` bytes.
    pub fn for_layer(&self, compressed: u64) -> Limits {
        let by_ratio = compressed.saturating_mul(self.max_ratio).max(RATIO_FLOOR);
        Limits {
            max_bytes: self.max_bytes.min(by_ratio),
            ..Limits::default()
        }
    }
}

/// A decompressed stream held to the expansion limits as it is read: a
/// read that would pass `max_bytes`, or `max_ratio` times the compressed
/// size above the floor, fails with [`UnpackError::TooLarge`] inside an
/// `io::Error` (see [`UnpackError::of`]). The compressed size is the
/// input's, when known, else how much of it was read so far.
pub struct Expansion<R> {
    inner: R,
    out: u64,
    limits: ExpansionLimits,
    known: Option<u64>,
    consumed: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Expansion<R> {
    pub fn new(
        inner: R,
        limits: ExpansionLimits,
        known: Option<u64>,
        consumed: std::sync::Arc<std::sync::atomic::AtomicU64>,
    ) -> Self {
        Expansion {
            inner,
            out: 0,
            limits,
            known,
            consumed,
        }
    }
}

impl<R: Read> Read for Expansion<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        let compressed = self
            .known
            .unwrap_or_else(|| self.consumed.load(std::sync::atomic::Ordering::Relaxed));
        let max = self.limits.for_layer(compressed).max_bytes;
        if self.out > max {
            let why = if max == self.limits.max_bytes {
                format!("{max} bytes unpacked (max_layer_size)")
            } else {
                format!(
                    "{max} bytes unpacked from {compressed} compressed bytes ({} times that, and at least {RATIO_FLOOR}: max_layer_ratio)",
                    self.limits.max_ratio
                )
            };
            return Err(io::Error::other(UnpackError::TooLarge(why)));
        }
        Ok(n)
    }
}

/// Counts the bytes read through it into a shared counter.
pub struct Counted<R> {
    pub inner: R,
    pub count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("layer entry {entry:?} refused: {why}")]
    Refused { entry: String, why: String },
    #[error("layer entry {entry:?}: {op} failed: {source}")]
    Io {
        entry: String,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("the layer is not a valid tar stream: {0}")]
    Tar(io::Error),
    #[error("the layer exceeds the limit of {0}")]
    TooLarge(String),
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub entries: u64,
    pub bytes: u64,
}

const WHITEOUT_PREFIX: &str = ".wh.";
const OPAQUE: &str = ".wh..wh..opq";
const MAX_SYMLINKS: usize = 255;

/// Cleans an entry path to components relative to the root. `..` may only
/// go back down what the path itself went up; a leading `/` is dropped.
fn clean(raw: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = Vec::new();
    for c in raw.components() {
        match c {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => {
                if out.pop().is_none() {
                    return Err("the path climbs out of the root with ..".into());
                }
            }
            Component::Normal(n) => out.push(PathBuf::from(n)),
        }
    }
    Ok(out)
}

/// Resolves `components` under `root` the way a chroot would: symlinks met
/// on the way are followed with their targets re-rooted at `root`, and `..`
/// stops at `root`. Components that do not exist yet are appended as they
/// are. The result is always inside `root`.
pub fn resolve_in_root(root: &Path, components: &[PathBuf]) -> io::Result<PathBuf> {
    let mut pending: Vec<PathBuf> = components.iter().rev().cloned().collect();
    let mut cur: Vec<PathBuf> = Vec::new();
    let mut links = 0;
    while let Some(c) = pending.pop() {
        if c.as_os_str() == ".." {
            cur.pop(); // never above the root
            continue;
        }
        let candidate = root.join(cur.iter().collect::<PathBuf>()).join(&c);
        match fs::symlink_metadata(&candidate) {
            Ok(m) if m.file_type().is_symlink() => {
                links += 1;
                if links > MAX_SYMLINKS {
                    return Err(io::Error::other("too many levels of symbolic links"));
                }
                let target = fs::read_link(&candidate)?;
                if target.is_absolute() {
                    cur.clear();
                }
                // Push the target's components (in order) in front of the rest.
                let mut parts: Vec<PathBuf> = Vec::new();
                for tc in target.components() {
                    match tc {
                        Component::Normal(n) => parts.push(PathBuf::from(n)),
                        Component::ParentDir => parts.push(PathBuf::from("..")),
                        _ => {}
                    }
                }
                for p in parts.into_iter().rev() {
                    pending.push(p);
                }
            }
            _ => cur.push(c),
        }
    }
    Ok(root.join(cur.iter().collect::<PathBuf>()))
}

fn refuse(entry: &str, why: impl Into<String>) -> UnpackError {
    UnpackError::Refused {
        entry: entry.to_string(),
        why: why.into(),
    }
}

fn io_at<'a>(entry: &'a str, op: &'static str) -> impl FnOnce(io::Error) -> UnpackError + 'a {
    move |source| UnpackError::Io {
        entry: entry.to_string(),
        op,
        source,
    }
}

fn is_root_user() -> bool {
    rustix::process::geteuid().is_root()
}

/// Removes whatever is at `path` (never following a symlink).
fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Applies one layer (an uncompressed tar stream) to `root`.
pub fn apply_layer(
    reader: impl Read,
    root: &Path,
    whiteouts: Whiteouts,
    limits: Limits,
) -> Result<Stats, UnpackError> {
    let root_user = is_root_user();
    let mut archive = tar::Archive::new(reader);
    let mut stats = Stats::default();
    // Paths this layer created (an opaque marker hides only what is below).
    let mut created: HashSet<PathBuf> = HashSet::new();
    let mut dir_times: Vec<(PathBuf, i64)> = Vec::new();
    for entry in archive.entries().map_err(UnpackError::Tar)? {
        let mut entry = entry.map_err(UnpackError::Tar)?;
        stats.entries += 1;
        if stats.entries > limits.max_entries {
            return Err(UnpackError::TooLarge(format!(
                "{} entries",
                limits.max_entries
            )));
        }
        let raw = entry.path().map_err(UnpackError::Tar)?.into_owned();
        let name = raw.display().to_string();
        let parts = clean(&raw).map_err(|why| refuse(&name, why))?;
        let Some((last, parent)) = parts.split_last() else {
            continue; // the root itself
        };
        let last_str = last.as_os_str().as_bytes();
        let parent_path = resolve_in_root(root, parent).map_err(io_at(&name, "resolve"))?;
        if !parent_path.starts_with(root) {
            return Err(refuse(&name, "resolves outside the root"));
        }
        if apply_whiteout(last_str, &parent_path, &name, whiteouts, &created)? {
            continue;
        }
        fs::create_dir_all(&parent_path).map_err(io_at(&name, "create directory"))?;
        let target = parent_path.join(last);
        let header = entry.header().clone();
        let kind = header.entry_type();
        // Empty numeric fields read as 0, as Go's archive/tar (docker's) reads them.
        let mode = header.mode().unwrap_or(0) & 0o7777;
        let existing = fs::symlink_metadata(&target).ok();
        // Whatever is in the way goes, unless a directory meets a directory.
        if let Some(m) = &existing
            && !(kind.is_dir() && m.is_dir())
        {
            remove_any(&target).map_err(io_at(&name, "replace"))?;
        }
        match kind {
            tar::EntryType::Directory => {
                if existing.as_ref().is_none_or(|m| !m.is_dir()) {
                    fs::create_dir(&target).map_err(io_at(&name, "create directory"))?;
                }
            }
            tar::EntryType::Regular | tar::EntryType::Continuous => {
                let size = entry.size();
                stats.bytes += size;
                if stats.bytes > limits.max_bytes {
                    return Err(UnpackError::TooLarge(format!(
                        "{} unpacked bytes (the layer expands past what its size allows)",
                        limits.max_bytes
                    )));
                }
                write_file(&mut entry, size, &target, &name)?;
            }
            tar::EntryType::Symlink => {
                let link = entry
                    .link_name()
                    .map_err(UnpackError::Tar)?
                    .ok_or_else(|| refuse(&name, "symlink without a target"))?;
                std::os::unix::fs::symlink(&link, &target)
                    .map_err(io_at(&name, "create symlink"))?;
            }
            tar::EntryType::Link => {
                hard_link(&entry, root, &target, &name)?;
                created.insert(target);
                continue; // a hard link shares the target's metadata
            }
            tar::EntryType::Fifo => {
                rustix::fs::mknodat(CWD, &target, FileType::Fifo, Mode::from_raw_mode(mode), 0)
                    .map_err(|e| io_at(&name, "create fifo")(e.into()))?;
            }
            tar::EntryType::Char | tar::EntryType::Block => {
                return Err(refuse(
                    &name,
                    "device nodes are not allowed in layers (the runtime provides /dev)",
                ));
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => continue,
            other => {
                return Err(refuse(&name, format!("unsupported entry type {other:?}")));
            }
        }
        set_metadata(&mut entry, &header, &target, mode, root_user, &name)?;
        let mtime = header.mtime().unwrap_or(0) as i64;
        if kind.is_dir() {
            dir_times.push((target.clone(), mtime));
        } else {
            set_mtime(&target, mtime).map_err(io_at(&name, "set times"))?;
        }
        created.insert(target);
    }
    // Directory times last: creating their children changed them.
    for (dir, mtime) in dir_times.into_iter().rev() {
        let _ = set_mtime(&dir, mtime);
    }
    Ok(stats)
}

/// A regular file's `size` bytes into a new file at `target`, made
/// owner-only and never through a symlink planted there.
fn write_file(
    entry: &mut impl Read,
    size: u64,
    target: &Path,
    name: &str,
) -> Result<(), UnpackError> {
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .mode(0o600)
        .open(target)
        .map_err(io_at(name, "create file"))?;
    io::copy(&mut entry.take(size), &mut f).map_err(io_at(name, "write"))?;
    Ok(())
}

/// A whiteout entry (`.wh..wh..opq`, `.wh.NAME`), applied to the tree or
/// turned into overlayfs's form; whether `last` was one.
fn apply_whiteout(
    last: &[u8],
    parent: &Path,
    name: &str,
    whiteouts: Whiteouts,
    created: &HashSet<PathBuf>,
) -> Result<bool, UnpackError> {
    if last == OPAQUE.as_bytes() {
        fs::create_dir_all(parent).map_err(io_at(name, "create directory"))?;
        match whiteouts {
            Whiteouts::Overlay => {
                rustix::fs::lsetxattr(
                    parent,
                    "trusted.overlay.opaque",
                    b"y",
                    rustix::fs::XattrFlags::empty(),
                )
                .map_err(|e| io_at(name, "mark opaque")(e.into()))?;
            }
            // Only what lower layers made goes; this layer's own entries stay.
            Whiteouts::Apply => {
                for child in fs::read_dir(parent).map_err(io_at(name, "list"))? {
                    let child = child.map_err(io_at(name, "list"))?.path();
                    if !created.contains(&child) {
                        remove_any(&child).map_err(io_at(name, "remove"))?;
                    }
                }
            }
        }
        return Ok(true);
    }
    let Some(hidden) = last.strip_prefix(WHITEOUT_PREFIX.as_bytes()) else {
        return Ok(false);
    };
    if hidden.is_empty() || hidden == b"." || hidden == b".." || hidden.contains(&b'/') {
        return Err(refuse(name, "malformed whiteout"));
    }
    let target = parent.join(OsStr::from_bytes(hidden));
    match whiteouts {
        Whiteouts::Overlay => {
            fs::create_dir_all(parent).map_err(io_at(name, "create directory"))?;
            remove_any(&target).map_err(io_at(name, "remove"))?;
            rustix::fs::mknodat(CWD, &target, FileType::CharacterDevice, Mode::empty(), 0)
                .map_err(|e| io_at(name, "create whiteout")(e.into()))?;
        }
        Whiteouts::Apply => remove_any(&target).map_err(io_at(name, "remove"))?,
    }
    Ok(true)
}

/// A hard link: its target must already be in the layers, inside the
/// root, and not a directory.
fn hard_link<R: Read>(
    entry: &tar::Entry<'_, R>,
    root: &Path,
    target: &Path,
    name: &str,
) -> Result<(), UnpackError> {
    let link = entry
        .link_name()
        .map_err(UnpackError::Tar)?
        .ok_or_else(|| refuse(name, "hard link without a target"))?;
    let lparts = clean(&link).map_err(|why| refuse(name, format!("hard link target: {why}")))?;
    let Some((llast, lparent)) = lparts.split_last() else {
        return Err(refuse(name, "hard link to the root"));
    };
    let source = resolve_in_root(root, lparent)
        .map_err(io_at(name, "resolve link target"))?
        .join(llast);
    if !source.starts_with(root) {
        return Err(refuse(name, "hard link target outside the root"));
    }
    match fs::symlink_metadata(&source) {
        Ok(m) if m.is_dir() => return Err(refuse(name, "hard link to a directory")),
        Ok(_) => {}
        Err(_) => {
            return Err(refuse(
                name,
                format!("hard link target {} is not in the layers", link.display()),
            ));
        }
    }
    fs::hard_link(&source, target).map_err(io_at(name, "create hard link"))
}

/// Ownership (as root), extended attributes and permissions; never
/// through a symlink.
fn set_metadata<R: Read>(
    entry: &mut tar::Entry<'_, R>,
    header: &tar::Header,
    target: &Path,
    mode: u32,
    root_user: bool,
    name: &str,
) -> Result<(), UnpackError> {
    if root_user {
        let uid = header.uid().unwrap_or(0) as u32;
        let gid = header.gid().unwrap_or(0) as u32;
        rustix::fs::chownat(
            CWD,
            target,
            Some(rustix::fs::Uid::from_raw(uid)),
            Some(rustix::fs::Gid::from_raw(gid)),
            AtFlags::SYMLINK_NOFOLLOW,
        )
        .map_err(|e| io_at(name, "chown")(e.into()))?;
    }
    if let Ok(Some(pax)) = entry.pax_extensions() {
        for ext in pax.flatten() {
            let Ok(key) = ext.key() else { continue };
            if let Some(attr) = key.strip_prefix("SCHILY.xattr.") {
                // Best effort, as with tar: a file system without that
                // namespace does not fail the layer.
                let _ = rustix::fs::lsetxattr(
                    target,
                    attr,
                    ext.value_bytes(),
                    rustix::fs::XattrFlags::empty(),
                );
            }
        }
    }
    if header.entry_type() != tar::EntryType::Symlink {
        fs::set_permissions(target, fs::Permissions::from_mode(mode))
            .map_err(io_at(name, "chmod"))?;
    }
    Ok(())
}

fn set_mtime(path: &Path, secs: i64) -> io::Result<()> {
    let t = Timespec {
        tv_sec: secs,
        tv_nsec: 0,
    };
    rustix::fs::utimensat(
        CWD,
        path,
        &Timestamps {
            last_access: t,
            last_modification: t,
        },
        AtFlags::SYMLINK_NOFOLLOW,
    )
    .map_err(io::Error::from)
}

/// Bytes of the regular files under `dir` (symlinks not followed).
pub fn tree_bytes(dir: &Path) -> u64 {
    let Ok(list) = fs::read_dir(dir) else {
        return 0;
    };
    list.flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => tree_bytes(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

/// A reader that hashes what is read through it (for diff ids).
pub struct HashingReader<R> {
    pub inner: R,
    pub hasher: crate::digest::Hasher,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// A layer blob (or its decrypted stream) as an uncompressed tar stream,
/// by its media type.
pub fn decompressed(
    blob: impl Read + Send + 'static,
    media_type: &str,
) -> Result<Box<dyn Read + Send>, UnpackError> {
    let buffered = io::BufReader::with_capacity(1 << 20, blob);
    let kind = compression::Compression::of_layer(media_type).ok_or_else(|| {
        refuse(
            media_type,
            "unsupported layer media type (supported: tar, tar+gzip, tar+zstd, and those +encrypted)",
        )
    })?;
    kind.decoder(buffered)
        .map_err(|e| refuse(media_type, format!("cannot start decompressing: {e}")))
}

#[cfg(test)]
mod tests;
