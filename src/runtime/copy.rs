//! `ccr cp`: files between a container's root file system and the host,
//! with docker's rules for where a copy lands. Paths in the container are
//! resolved as the container would (symlinks re-rooted, `..` stopping at
//! its root), so that no path given or found there reaches the host; what
//! is copied keeps its symlinks as symlinks. A stopped container's root is
//! mounted for the copy and unmounted after.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use super::{Runtime, RuntimeError, io_err};

/// One end of a copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyPath {
    Host(PathBuf),
    /// A container (name or id) and a path in it.
    Container(String, String),
}

impl CopyPath {
    /// docker's reading: `CONTAINER:PATH`, unless the argument starts like
    /// a local path (`/`, `.`) or has no colon.
    pub fn parse(arg: &str) -> CopyPath {
        if !arg.starts_with(['/', '.'])
            && let Some((c, p)) = arg.split_once(':')
            && !c.is_empty()
        {
            return CopyPath::Container(c.to_string(), p.to_string());
        }
        CopyPath::Host(PathBuf::from(arg))
    }
}

/// The normal components of `path` (`.` and the root dropped, `..` kept
/// for the resolver).
fn parts(path: &str) -> Vec<PathBuf> {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(PathBuf::from(n)),
            Component::ParentDir => Some(PathBuf::from("..")),
            _ => None,
        })
        .collect()
}

/// Where `path` is under `root`: its parent resolved inside the root, its
/// last component as it is (a symlink there is the thing itself).
fn locate(root: &Path, path: &str) -> Result<PathBuf, RuntimeError> {
    let mut comps = parts(path);
    if comps.last().is_some_and(|c| c.as_os_str() == "..") {
        // `a/..` names a directory: resolve all of it.
        return crate::unpack::resolve_in_root(root, &comps).map_err(io_err(root, "resolve"));
    }
    let Some(last) = comps.pop() else {
        return Ok(root.to_path_buf());
    };
    let parent = crate::unpack::resolve_in_root(root, &comps).map_err(io_err(root, "resolve"))?;
    Ok(parent.join(last))
}

/// Copies the tree at `from` to `to` (a directory may already exist
/// there, and is then filled): modes, times and symlinks kept, owners only
/// with `archive`; devices and sockets skipped.
fn copy_tree(from: &Path, to: &Path, archive: bool) -> Result<(), RuntimeError> {
    let meta = fs::symlink_metadata(from).map_err(io_err(from, "read"))?;
    let ft = meta.file_type();
    if ft.is_symlink() {
        let target = fs::read_link(from).map_err(io_err(from, "read link"))?;
        std::os::unix::fs::symlink(&target, to).map_err(io_err(to, "create symlink"))?;
    } else if ft.is_dir() {
        // What is at `to` is looked at, never followed: a symlink planted
        // there would lead the copy out of the root.
        match fs::symlink_metadata(to) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                fs::remove_file(to).map_err(io_err(to, "replace"))?;
                fs::create_dir(to).map_err(io_err(to, "create directory"))?;
            }
            Err(_) => fs::create_dir(to).map_err(io_err(to, "create directory"))?,
        }
        let mut names: Vec<_> = fs::read_dir(from)
            .map_err(io_err(from, "list"))?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names.sort();
        for n in names {
            copy_tree(&from.join(&n), &to.join(&n), archive)?;
        }
        fs::set_permissions(to, fs::Permissions::from_mode(meta.mode() & 0o7777))
            .map_err(io_err(to, "set mode"))?;
    } else if ft.is_file() {
        let _ = fs::remove_file(to);
        fs::copy(from, to).map_err(io_err(from, "copy"))?;
    } else {
        return Ok(());
    }
    if archive {
        std::os::unix::fs::lchown(to, Some(meta.uid()), Some(meta.gid()))
            .map_err(io_err(to, "set owner"))?;
    }
    if !ft.is_symlink() {
        let mtime =
            fs::FileTimes::new().set_modified(meta.modified().map_err(io_err(from, "read"))?);
        if let Ok(f) = fs::File::open(to) {
            let _ = f.set_times(mtime);
        }
    }
    Ok(())
}

/// Copies what directory `from` holds into the existing directory `to`,
/// owners kept, and gives `to` the mode, owner and time of `from`.
pub(super) fn copy_contents(from: &Path, to: &Path) -> Result<(), RuntimeError> {
    copy_tree(from, to, true)
}

/// Where a copy of `src` lands given the destination `dest`, by docker's
/// rules: into `dest` when it is a directory (under the source's name,
/// unless the source ends in `/.`), else as `dest`.
fn landing(src: &Path, src_arg: &str, dest: &Path, dest_arg: &str) -> Result<PathBuf, String> {
    let src_is_dir = fs::symlink_metadata(src).is_ok_and(|m| m.is_dir());
    let contents_only = src_arg.ends_with("/.") || src_arg == ".";
    match fs::metadata(dest) {
        Ok(m) if m.is_dir() => {
            if src_is_dir && contents_only {
                Ok(dest.to_path_buf())
            } else {
                let name = src.file_name().ok_or("the source has no name")?;
                Ok(dest.join(name))
            }
        }
        Ok(_) if src_is_dir => Err(format!("cannot copy a directory to a file: {dest_arg}")),
        Ok(_) => Ok(dest.to_path_buf()),
        Err(_) if dest_arg.ends_with('/') && !src_is_dir => {
            Err(format!("{dest_arg}: no such directory"))
        }
        Err(_) => match dest.parent() {
            // A bare name (`out.txt`) is in the working directory.
            Some(p) if p.as_os_str().is_empty() || p.is_dir() => Ok(dest.to_path_buf()),
            _ => Err(format!("{dest_arg}: its parent directory does not exist")),
        },
    }
}

impl Runtime {
    /// Runs `f` with the container's root file system mounted: as it is
    /// while the container runs, else mounted for the call.
    fn with_rootfs<T>(
        &self,
        key: &str,
        f: impl FnOnce(&Path) -> Result<T, RuntimeError>,
    ) -> Result<T, RuntimeError> {
        let st = self.find(key)?;
        let dir = self.container_dir(&st.id);
        let rootfs = dir.join("rootfs");
        let mounted_here = st.overlay && !super::mounts::is_mountpoint(&rootfs);
        if mounted_here {
            super::mount_overlay(&st.layers, &dir, &rootfs)
                .map_err(io_err(&rootfs, "mount root file system"))?;
        }
        let out = f(&rootfs);
        if mounted_here {
            let _ = rustix::mount::unmount(&rootfs, rustix::mount::UnmountFlags::DETACH);
        }
        out
    }

    /// `ccr cp CONTAINER:PATH -`: PATH as a tar stream on `out`, under its
    /// own name (a directory with all it holds; symlinks as symlinks).
    pub fn copy_to_tar(
        &self,
        key: &str,
        path: &str,
        out: &mut dyn std::io::Write,
    ) -> Result<(), RuntimeError> {
        self.with_rootfs(key, |root| {
            let from = locate(root, path)?;
            fs::symlink_metadata(&from).map_err(|_| {
                RuntimeError::Config(format!("could not find the file {path} in container {key}"))
            })?;
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| ".".into());
            let mut tar = tar::Builder::new(out);
            tar.follow_symlinks(false);
            append_live(&mut tar, &from, Path::new(&name))
                .and_then(|()| tar.finish())
                .map_err(io_err(&from, "write tar stream"))
        })
    }

    /// `ccr export`: the container's whole file system as a tar stream.
    pub fn export(&self, key: &str, out: &mut dyn std::io::Write) -> Result<(), RuntimeError> {
        self.with_rootfs(key, |root| {
            let mut tar = tar::Builder::new(out);
            tar.follow_symlinks(false);
            let mut entries: Vec<_> = fs::read_dir(root)
                .map_err(io_err(root, "read"))?
                .flatten()
                .collect();
            entries.sort_by_key(|e| e.file_name());
            for e in entries {
                let path = e.path();
                append_live(&mut tar, &path, Path::new(&e.file_name()))
                    .map_err(io_err(&path, "write tar stream"))?;
            }
            tar.finish().map_err(io_err(root, "write tar stream"))
        })
    }

    /// `ccr diff`: what the container changed in its image's file system,
    /// from its writable layer: `A` added, `C` changed, `D` deleted, by
    /// path. Needs the overlay snapshotter.
    pub fn diff(&self, key: &str) -> Result<Vec<(char, String)>, RuntimeError> {
        let st = self.find(key)?;
        if !st.overlay {
            return Err(RuntimeError::Config(format!(
                "container {}: diff needs the overlayfs snapshotter (its root is a private copy)",
                st.name
            )));
        }
        let upper = self.container_dir(&st.id).join("upper");
        let in_image = |rel: &Path| {
            st.layers
                .iter()
                .any(|l| fs::symlink_metadata(l.join(rel)).is_ok())
        };
        let mut out = Vec::new();
        let mut stack = vec![std::path::PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let dir = upper.join(&rel);
            for e in fs::read_dir(&dir).map_err(io_err(&dir, "read"))?.flatten() {
                let rel = rel.join(e.file_name());
                let shown = format!("/{}", rel.display());
                // The mount points of /etc/hosts, hostname and resolv.conf
                // are ccr's, not the container's changes.
                if ["/etc/hosts", "/etc/hostname", "/etc/resolv.conf"].contains(&shown.as_str()) {
                    continue;
                }
                let meta = e.metadata().map_err(io_err(&e.path(), "stat"))?;
                use std::os::unix::fs::{FileTypeExt, MetadataExt};
                // overlayfs marks a deletion with a 0:0 character device.
                if meta.file_type().is_char_device() && meta.rdev() == 0 {
                    out.push(('D', shown));
                    continue;
                }
                out.push((if in_image(&rel) { 'C' } else { 'A' }, shown));
                if meta.is_dir() {
                    stack.push(rel);
                }
            }
        }
        out.sort_by(|a, b| a.1.cmp(&b.1));
        // A directory copied up only for those mount points is no change.
        let kept: Vec<(char, String)> = out
            .iter()
            .filter(|(kind, path)| {
                *kind != 'C'
                    || !upper.join(path.trim_start_matches('/')).is_dir()
                    || out.iter().any(|(_, p)| p.starts_with(&format!("{path}/")))
            })
            .cloned()
            .collect();
        Ok(kept)
    }

    /// `ccr cp SRC DEST`, one end in a container; `archive` keeps owners.
    pub fn copy(&self, src: &CopyPath, dest: &CopyPath, archive: bool) -> Result<(), RuntimeError> {
        let usage = |why: &str| RuntimeError::Config(why.to_string());
        match (src, dest) {
            (CopyPath::Container(c, path), CopyPath::Host(host)) => self.with_rootfs(c, |root| {
                let from = locate(root, path)?;
                if fs::symlink_metadata(&from).is_err() {
                    return Err(usage(&format!(
                        "could not find the file {path} in container {c}"
                    )));
                }
                let to =
                    landing(&from, path, host, &host.to_string_lossy()).map_err(|e| usage(&e))?;
                // A device or FIFO on the host (cp C:/f /dev/stdout) gets the
                // file's bytes, as docker gives them; it is never replaced.
                if crate::outfile::is_special(&to)
                    && fs::symlink_metadata(&from).is_ok_and(|m| m.is_file())
                {
                    let mut src = fs::File::open(&from).map_err(io_err(&from, "open"))?;
                    let mut dst = fs::OpenOptions::new()
                        .write(true)
                        .open(&to)
                        .map_err(io_err(&to, "open"))?;
                    std::io::copy(&mut src, &mut dst).map_err(io_err(&to, "write"))?;
                    return Ok(());
                }
                copy_tree(&from, &to, archive)
            }),
            (CopyPath::Host(host), CopyPath::Container(c, path)) => self.with_rootfs(c, |root| {
                if fs::symlink_metadata(host).is_err() {
                    return Err(usage(&format!(
                        "could not find the file {}",
                        host.display()
                    )));
                }
                // Fully resolved in the root: a symlink at the destination
                // is followed as the container would follow it.
                let dest = crate::unpack::resolve_in_root(root, &parts(path))
                    .map_err(io_err(root, "resolve"))?;
                let to =
                    landing(host, &host.to_string_lossy(), &dest, path).map_err(|e| usage(&e))?;
                if !to.starts_with(root) {
                    return Err(usage("the destination is outside the container"));
                }
                copy_tree(host, &to, archive)
            }),
            _ => Err(usage(
                "copying between two containers or two host paths is not supported: one end must be CONTAINER:PATH",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_name_a_container_or_the_host() {
        assert_eq!(
            CopyPath::parse("web:/etc/hosts"),
            CopyPath::Container("web".into(), "/etc/hosts".into())
        );
        assert_eq!(CopyPath::parse("./a:b"), CopyPath::Host("./a:b".into()));
        assert_eq!(CopyPath::parse("/tmp/x"), CopyPath::Host("/tmp/x".into()));
        assert_eq!(CopyPath::parse("file"), CopyPath::Host("file".into()));
    }

    #[test]
    fn symlinks_in_the_container_stay_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        fs::create_dir_all(root.join("etc")).unwrap();
        std::os::unix::fs::symlink("/", root.join("escape")).unwrap();
        std::os::unix::fs::symlink("../../..", root.join("etc/up")).unwrap();
        assert_eq!(locate(&root, "/escape/etc/x").unwrap(), root.join("etc/x"));
        assert_eq!(locate(&root, "etc/up/etc").unwrap(), root.join("etc"));
        // The last component is the symlink itself.
        assert_eq!(locate(&root, "/escape").unwrap(), root.join("escape"));
        assert_eq!(locate(&root, "/").unwrap(), root);
    }
}

/// Appends `src` (in a possibly running container's file system) under
/// `name`, a directory with everything below it. Each regular file goes in
/// with the size it had when its header was written: a file that changes
/// meanwhile is cut or padded with zeros, never a corrupt archive; one that
/// disappears is left out.
fn append_live<W: std::io::Write>(
    tar: &mut tar::Builder<W>,
    src: &Path,
    name: &Path,
) -> std::io::Result<()> {
    use std::io::Read;
    let gone = |e: &std::io::Error| e.kind() == std::io::ErrorKind::NotFound;
    let meta = match fs::symlink_metadata(src) {
        Ok(m) => m,
        Err(e) if gone(&e) => return Ok(()),
        Err(e) => return Err(e),
    };
    let ft = meta.file_type();
    if ft.is_file() {
        let f = match fs::File::open(src) {
            Ok(f) => f,
            Err(e) if gone(&e) => return Ok(()),
            Err(e) => return Err(e),
        };
        let mut h = tar::Header::new_gnu();
        h.set_metadata_in_mode(&meta, tar::HeaderMode::Complete);
        let len = meta.len();
        h.set_size(len);
        let data = f.take(len).chain(std::io::repeat(0)).take(len);
        return tar.append_data(&mut h, name, data);
    }
    // Directories (their entry only), symlinks as symlinks, devices, fifos.
    tar.append_path_with_name(src, name)?;
    if ft.is_dir() {
        let mut kids: Vec<fs::DirEntry> = match fs::read_dir(src) {
            Ok(rd) => rd.flatten().collect(),
            Err(e) if gone(&e) => return Ok(()),
            Err(e) => return Err(e),
        };
        kids.sort_by_key(|e| e.file_name());
        for k in kids {
            append_live(tar, &k.path(), &name.join(k.file_name()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod live_tests {
    use super::*;

    #[test]
    fn a_file_that_changes_size_still_makes_a_valid_archive() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("r");
        fs::create_dir_all(root.join("d")).unwrap();
        fs::write(root.join("d/f"), b"0123456789").unwrap();
        std::os::unix::fs::symlink("d/f", root.join("link")).unwrap();
        let mut out = Vec::new();
        {
            let mut tar = tar::Builder::new(&mut out);
            tar.follow_symlinks(false);
            append_live(&mut tar, &root, Path::new("r")).unwrap();
            tar.finish().unwrap();
        }
        let mut names = Vec::new();
        for e in tar::Archive::new(&out[..]).entries().unwrap() {
            let mut e = e.unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut data).unwrap();
            names.push((e.path().unwrap().to_string_lossy().into_owned(), data.len()));
        }
        assert!(names.contains(&("r/d/f".to_string(), 10)), "{names:?}");
        assert!(names.iter().any(|(n, _)| n == "r/link"));
        // A file that no longer exists is left out, not an error.
        let mut out = Vec::new();
        let mut tar = tar::Builder::new(&mut out);
        append_live(&mut tar, &root.join("nothing"), Path::new("x")).unwrap();
    }
}
