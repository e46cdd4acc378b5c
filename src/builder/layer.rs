//! A build step's file-system changes: an overlay over the parent's layer
//! snapshots collects them in its upper directory, which becomes an OCI
//! layer (added and changed entries, deletions as `.wh.` whiteouts, opaque
//! directories as `.wh..wh..opq`), written gzip-compressed to the store
//! with its diff id computed in the same pass. Entries are sorted and,
//! with `SOURCE_DATE_EPOCH`, times are clamped to it, so the same changes
//! give the same layer digest.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::error::BuildError;
use crate::digest::{Digest, HashingWriter};
use crate::oci::{self, Descriptor};
use crate::store::{IngestStart, Store};

/// One layer of a build state.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Layer {
    pub desc: Descriptor,
    pub diff_id: Digest,
}

impl Layer {
    /// An image's layers with their diff ids.
    pub fn of_image(img: &crate::image::PlatformImage) -> Vec<Layer> {
        img.manifest
            .layers
            .iter()
            .zip(&img.config.rootfs.diff_ids)
            .map(|(d, id)| Layer {
                desc: d.clone(),
                diff_id: id.clone(),
            })
            .collect()
    }
}

fn io_err(path: &Path, op: &str) -> impl FnOnce(io::Error) -> BuildError {
    let what = format!("{}: {op}", path.display());
    move |e| BuildError::Io { what, source: e }
}

/// A mounted overlay under `dir`: `rootfs` (read-write with an upper
/// directory, or a read-only view). Unmounted and removed when dropped.
pub struct Mount {
    dir: PathBuf,
    mounted: bool,
}

impl Mount {
    /// `layers` bottom first; an empty directory is always the lowest, so
    /// even `scratch` has something to mount.
    pub fn new(dir: PathBuf, layers: &[PathBuf], writable: bool) -> Result<Mount, BuildError> {
        let _ = fs::remove_dir_all(&dir);
        for d in ["upper", "work", "rootfs", "empty"] {
            let p = dir.join(d);
            fs::create_dir_all(&p).map_err(io_err(&p, "create directory"))?;
        }
        let mut m = Mount {
            dir,
            mounted: false,
        };
        let mut lower = vec![m.dir.join("empty")];
        lower.extend(layers.iter().cloned());
        let rootfs = m.rootfs();
        let r = if writable {
            crate::runtime::mount_overlay(&lower, &m.dir, &rootfs)
        } else {
            crate::runtime::mount_overlay_readonly(&lower, &rootfs)
        };
        r.map_err(|source| BuildError::Io {
            what: format!(
                "{}: mount overlay (building needs overlayfs)",
                rootfs.display()
            ),
            source,
        })?;
        m.mounted = true;
        Ok(m)
    }

    pub fn rootfs(&self) -> PathBuf {
        self.dir.join("rootfs")
    }

    pub fn upper(&self) -> PathBuf {
        self.dir.join("upper")
    }

    pub fn unmount(&mut self) {
        if self.mounted {
            let _ = rustix::mount::unmount(self.rootfs(), rustix::mount::UnmountFlags::DETACH);
            self.mounted = false;
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        self.unmount();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// One entry of an upper directory, in tar order.
struct Entry {
    rel: String,
    path: PathBuf,
    meta: fs::Metadata,
    opaque: bool,
}

fn collect(dir: &Path, prefix: &str, out: &mut Vec<Entry>) -> Result<(), BuildError> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .map_err(io_err(dir, "list"))?
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let rel = if prefix.is_empty() {
            name.to_string_lossy().into_owned()
        } else {
            format!("{prefix}/{}", name.to_string_lossy())
        };
        let meta = fs::symlink_metadata(&path).map_err(io_err(&path, "stat"))?;
        let is_dir = meta.is_dir();
        let opaque = is_dir && is_opaque(&path);
        out.push(Entry {
            rel: rel.clone(),
            path: path.clone(),
            meta,
            opaque,
        });
        if is_dir {
            collect(&path, &rel, out)?;
        }
    }
    Ok(())
}

fn is_opaque(path: &Path) -> bool {
    let mut buf = [0u8; 4];
    matches!(
        rustix::fs::lgetxattr(path, "trusted.overlay.opaque", &mut buf),
        Ok(1) if buf[0] == b'y'
    )
}

/// `SOURCE_DATE_EPOCH`, when set.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
}

/// Turns the changes in `upper` into a layer in the store; `None` when
/// nothing changed.
pub fn commit(
    store: &Store,
    upper: &Path,
    epoch: Option<i64>,
) -> Result<Option<Layer>, BuildError> {
    let mut entries = Vec::new();
    collect(upper, "", &mut entries)?;
    if entries.is_empty() {
        return Ok(None);
    }
    let IngestStart::Writer(mut blob) = store.ingest(None, None)? else {
        unreachable!("anonymous ingest is always a writer")
    };
    let diff_id = {
        let gz = GzEncoder::new(&mut blob, Compression::default());
        let mut tar = tar::Builder::new(HashingWriter::new(gz));
        tar.follow_symlinks(false);
        let mut links: HashMap<(u64, u64), String> = HashMap::new();
        for e in &entries {
            append(&mut tar, e, epoch, &mut links)?;
        }
        let hw = tar.into_inner().map_err(io_err(upper, "write layer"))?;
        let (gz, diff_id, _) = hw.finish();
        gz.finish().map_err(io_err(upper, "compress layer"))?;
        diff_id
    };
    let (digest, size) = blob.commit()?;
    Ok(Some(Layer {
        desc: Descriptor::new(oci::OCI_LAYER_GZIP, digest, size),
        diff_id,
    }))
}

fn header(meta: &fs::Metadata, epoch: Option<i64>) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_mode(meta.mode() & 0o7777);
    h.set_uid(meta.uid() as u64);
    h.set_gid(meta.gid() as u64);
    let mtime = match epoch {
        Some(e) => meta.mtime().min(e),
        None => meta.mtime(),
    };
    h.set_mtime(mtime.max(0) as u64);
    h.set_size(0);
    h
}

fn append<W: Write>(
    tar: &mut tar::Builder<W>,
    e: &Entry,
    epoch: Option<i64>,
    links: &mut HashMap<(u64, u64), String>,
) -> Result<(), BuildError> {
    let fail = |err: io::Error| BuildError::Io {
        what: format!("layer entry {}", e.rel),
        source: err,
    };
    let ft = e.meta.file_type();
    let mut h = header(&e.meta, epoch);
    if ft.is_char_device() && e.meta.rdev() == 0 {
        // An overlay whiteout: the entry was deleted.
        let (parent, name) = match e.rel.rsplit_once('/') {
            Some((p, n)) => (format!("{p}/"), n),
            None => (String::new(), e.rel.as_str()),
        };
        h.set_entry_type(tar::EntryType::Regular);
        h.set_mode(0);
        h.set_uid(0);
        h.set_gid(0);
        return tar
            .append_data(&mut h, format!("{parent}.wh.{name}"), io::empty())
            .map_err(fail);
    }
    if ft.is_dir() {
        h.set_entry_type(tar::EntryType::Directory);
        tar.append_data(&mut h, format!("{}/", e.rel), io::empty())
            .map_err(fail)?;
        if e.opaque {
            let mut o = header(&e.meta, epoch);
            o.set_entry_type(tar::EntryType::Regular);
            o.set_mode(0);
            o.set_uid(0);
            o.set_gid(0);
            tar.append_data(&mut o, format!("{}/.wh..wh..opq", e.rel), io::empty())
                .map_err(fail)?;
        }
        return Ok(());
    }
    if ft.is_symlink() {
        let target = fs::read_link(&e.path).map_err(fail)?;
        h.set_entry_type(tar::EntryType::Symlink);
        return tar.append_link(&mut h, &e.rel, &target).map_err(fail);
    }
    if ft.is_file() {
        if e.meta.nlink() > 1 {
            let key = (e.meta.dev(), e.meta.ino());
            if let Some(first) = links.get(&key) {
                h.set_entry_type(tar::EntryType::Link);
                return tar
                    .append_link(&mut h, &e.rel, OsStr::from_bytes(first.as_bytes()))
                    .map_err(fail);
            }
            links.insert(key, e.rel.clone());
        }
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(e.meta.len());
        let f = fs::File::open(&e.path).map_err(fail)?;
        return tar.append_data(&mut h, &e.rel, f).map_err(fail);
    }
    if ft.is_fifo() {
        h.set_entry_type(tar::EntryType::Fifo);
        return tar.append_data(&mut h, &e.rel, io::empty()).map_err(fail);
    }
    // Sockets and device nodes are not part of an image.
    Ok(())
}
