//! Where a command's output goes, as docker writes it: into whatever the
//! path names. A regular file (or one not there yet) is written beside its
//! target and renamed over it once whole, so a failure leaves the old file
//! as it was and no half file; through a symbolic link, the file the link
//! points to is the one replaced, and the link stays. Anything else (a
//! character device such as `/dev/null`, a FIFO, a socket, `/dev/stdout`)
//! is written into: it is never replaced by a regular file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Whether `path` names something that is neither a regular file nor a
/// directory (following links): a device, a FIFO, a socket.
pub fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| {
        let t = m.file_type();
        t.is_char_device() || t.is_block_device() || t.is_fifo() || t.is_socket()
    })
}

/// An output being written; see the module doc. Dropped without
/// [`AtomicOutput::commit`], it leaves the target untouched (a regular
/// file) and removes what it wrote beside it.
pub struct AtomicOutput {
    file: File,
    /// The file renamed over the target on commit; `None` for a special
    /// file, written in place.
    partial: Option<(PathBuf, PathBuf)>,
}

impl AtomicOutput {
    /// Starts writing `path`. A new file gets `mode` (narrowed by the
    /// umask, as open(2) does).
    pub fn create(path: &Path, mode: u32) -> io::Result<AtomicOutput> {
        if is_special(path) {
            let file = OpenOptions::new().write(true).open(path)?;
            return Ok(AtomicOutput {
                file,
                partial: None,
            });
        }
        // Through a link, the file it names is the one to replace.
        let target = match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
                Ok(t) => t,
                // A dangling link: docker creates the file it names.
                Err(_) => link_target(path)?,
            },
            _ => path.to_path_buf(),
        };
        if target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("{} is a directory", path.display()),
            ));
        }
        // Unique to this call: threads of one process may write the same
        // target at once.
        static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let partial =
            target.with_file_name(format!(".{name}.ccr-partial-{}-{n}", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&partial)?;
        Ok(AtomicOutput {
            file,
            partial: Some((partial, target)),
        })
    }

    /// The file being written (to set its mode exactly, say).
    pub fn file(&self) -> &File {
        &self.file
    }

    /// Whether the output is a regular file (replaced on commit).
    pub fn is_regular(&self) -> bool {
        self.partial.is_some()
    }

    /// Finishes: a regular file is synced and renamed over its target.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.flush()?;
        if let Some((partial, target)) = self.partial.take() {
            let res = self
                .file
                .sync_all()
                .and_then(|()| fs::rename(&partial, &target));
            if res.is_err() {
                let _ = fs::remove_file(&partial);
            }
            res?;
        }
        Ok(())
    }
}

/// Where a dangling link points, relative to the link's directory.
fn link_target(link: &Path) -> io::Result<PathBuf> {
    let to = fs::read_link(link)?;
    Ok(match link.parent() {
        Some(dir) if to.is_relative() => dir.join(to),
        _ => to,
    })
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for AtomicOutput {
    fn drop(&mut self) {
        if let Some((partial, _)) = &self.partial {
            let _ = fs::remove_file(partial);
        }
    }
}

/// Writes `data` to `path` whole (see [`AtomicOutput`]), a new file with
/// mode 0666 less the umask, as docker's CLI writes its outputs.
pub fn write(path: &Path, data: &[u8]) -> io::Result<()> {
    let mut out = AtomicOutput::create(path, 0o666)?;
    out.write_all(data)?;
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_device_is_written_into_never_replaced() {
        // A private node with /dev/null's numbers: a regression cannot
        // break the machine's.
        let dir = tempfile::tempdir().unwrap();
        let null = dir.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&null)
            .args(["c", "1", "3"])
            .status()
            .unwrap();
        assert!(made.success());
        let before = fs::metadata(&null).unwrap();
        write(&null, b"nothing").unwrap();
        let after = fs::symlink_metadata(&null).unwrap();
        assert!(after.file_type().is_char_device());
        assert_eq!((after.rdev(), after.ino()), (before.rdev(), before.ino()));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_fifo_gets_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from(0o600)).unwrap();
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_regular_file_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tar");
        fs::write(&path, b"old").unwrap();
        let mut out = AtomicOutput::create(&path, 0o644).unwrap();
        out.write_all(b"half").unwrap();
        drop(out);
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        write(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn through_a_link_the_linked_file_is_replaced_and_the_link_stays() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("real", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink("made", &dangling).unwrap();
        write(&dangling, b"made").unwrap();
        assert_eq!(fs::read(dir.path().join("made")).unwrap(), b"made");
        assert!(write(dir.path(), b"x").is_err());
    }
}
