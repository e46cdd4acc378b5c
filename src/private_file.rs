//! Files only their owner can read (keys, tokens, credentials, resources
//! from a KBS): made with their final mode, so no other user can open them
//! even for a moment, and written whole or not at all.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// What to do when the file already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse (`AlreadyExists`): a key is never written over another.
    Keep,
    /// Replace it atomically (a temporary file renamed over it).
    Replace,
}

/// Writes `data` to `path` with `mode` (0600 for secrets), synced to disk.
/// A failure leaves no partial file behind. With [`Existing::Replace`], a
/// special file (`/dev/stdout`, a FIFO) is written into, not replaced.
pub fn write(path: &Path, data: &[u8], mode: u32, existing: Existing) -> io::Result<()> {
    if existing == Existing::Replace {
        let mut out = crate::outfile::AtomicOutput::create(path, mode)?;
        if out.is_regular() {
            // The umask may have narrowed the mode; never widened.
            out.file()
                .set_permissions(fs::Permissions::from_mode(mode))?;
        }
        out.write_all(data)?;
        return out.commit();
    }
    let res = (|| -> io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(path)?;
        f.set_permissions(fs::Permissions::from_mode(mode))?;
        f.write_all(data)?;
        f.sync_all()
    })();
    if let Err(e) = res {
        // Only what this call made: create_new failing means nothing was.
        if e.kind() != io::ErrorKind::AlreadyExists {
            let _ = fs::remove_file(path);
        }
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn threads_replacing_one_file_at_once_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::thread::scope(|s| {
            for i in 0..8u8 {
                let path = &path;
                s.spawn(move || {
                    for _ in 0..50 {
                        write(path, &[i; 16], 0o400, Existing::Replace).unwrap();
                    }
                });
            }
        });
        let data = fs::read(&path).unwrap();
        assert!(
            data.iter().all(|b| *b == data[0]),
            "one writer's whole content"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn secrets_are_owner_only_and_kept_or_replaced_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        write(&p, b"one", 0o600, Existing::Keep).unwrap();
        assert_eq!(fs::metadata(&p).unwrap().mode() & 0o777, 0o600);
        let e = write(&p, b"two", 0o600, Existing::Keep).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(
            fs::read(&p).unwrap(),
            b"one",
            "a refused write keeps the old file"
        );
        write(&p, b"three", 0o600, Existing::Replace).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        assert_eq!(fs::metadata(&p).unwrap().mode() & 0o777, 0o600);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
}
