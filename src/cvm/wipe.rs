//! Wiping: every regular file of a tree is overwritten with zeros in place
//! (and synced), then unlinked, then the tree is removed. On the mode's
//! tmpfs that clears the very pages that held plaintext; on a disk it is
//! what can be done from user space (a journaling file system or an SSD
//! may keep older copies of the blocks).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// What a wipe overwrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Wiped {
    pub files: u64,
    pub bytes: u64,
}

impl std::ops::AddAssign for Wiped {
    fn add_assign(&mut self, o: Wiped) {
        self.files += o.files;
        self.bytes += o.bytes;
    }
}

/// Overwrites and removes `path` (a file or a whole tree; symbolic links
/// are removed, never followed). A missing path is nothing to do. It never
/// crosses into another file system: a mount left below it (a bind mount
/// of a host directory, say) stops the wipe with an error instead.
pub fn wipe(path: &Path) -> io::Result<Wiped> {
    match fs::symlink_metadata(path) {
        Ok(m) => wipe_on(path, m.dev()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Wiped::default()),
        Err(e) => Err(e),
    }
}

fn wipe_on(path: &Path, dev: u64) -> io::Result<Wiped> {
    let meta = fs::symlink_metadata(path)?;
    if meta.dev() != dev {
        return Err(io::Error::other(format!(
            "{} is on another file system (a mount left behind); it is not wiped",
            path.display()
        )));
    }
    let mut done = Wiped::default();
    if meta.is_dir() {
        // Its entries may be read-only (layers keep their modes).
        fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
        for entry in fs::read_dir(path)? {
            done += wipe_on(&entry?.path(), dev)?;
        }
        fs::remove_dir(path)?;
    } else {
        if meta.is_file() {
            done.bytes += overwrite(path, meta.len())?;
            done.files += 1;
        }
        fs::remove_file(path)?;
    }
    Ok(done)
}

/// Writes `len` zero bytes over the file at `path`, from its start.
fn overwrite(path: &Path, len: u64) -> io::Result<u64> {
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    let mut f = OpenOptions::new().write(true).open(path)?;
    let zeros = [0u8; 64 << 10];
    let mut left = len;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    f.sync_data()?;
    Ok(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_zeroed_in_place_before_they_go_and_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("t");
        fs::create_dir_all(tree.join("ro/deep")).unwrap();
        fs::write(tree.join("secret"), b"plaintext secret").unwrap();
        fs::write(tree.join("ro/deep/f"), vec![7u8; 200_000]).unwrap();
        fs::set_permissions(tree.join("ro/deep/f"), fs::Permissions::from_mode(0o400)).unwrap();
        fs::set_permissions(tree.join("ro"), fs::Permissions::from_mode(0o500)).unwrap();
        let outside = dir.path().join("outside");
        fs::write(&outside, b"keep me").unwrap();
        std::os::unix::fs::symlink(&outside, tree.join("link")).unwrap();
        // A second name for the secret's inode shows that its bytes were
        // overwritten where they were, not just unlinked.
        fs::hard_link(tree.join("secret"), dir.path().join("witness")).unwrap();
        let done = wipe(&tree).unwrap();
        assert_eq!(
            done,
            Wiped {
                files: 2,
                bytes: 16 + 200_000
            }
        );
        assert!(!tree.exists());
        assert_eq!(fs::read(&outside).unwrap(), b"keep me");
        let witness = fs::read(dir.path().join("witness")).unwrap();
        assert_eq!(witness, vec![0u8; 16]);
        assert_eq!(fs::metadata(dir.path().join("witness")).unwrap().nlink(), 1);
        assert_eq!(wipe(&tree).unwrap(), Wiped::default());
    }

    #[test]
    fn a_mount_left_below_is_never_wiped() {
        let dir = tempfile::tempdir().unwrap();
        let host = dir.path().join("host");
        fs::create_dir(&host).unwrap();
        fs::write(host.join("data"), b"the host's").unwrap();
        let tree = dir.path().join("t");
        let mnt = tree.join("rootfs/mnt");
        fs::create_dir_all(&mnt).unwrap();
        // A tmpfs, so that the bind below it is on another device.
        rustix::mount::mount(
            "tmpfs",
            &tree,
            "tmpfs",
            rustix::mount::MountFlags::empty(),
            None,
        )
        .unwrap();
        fs::create_dir_all(&mnt).unwrap();
        rustix::mount::mount_bind(&host, &mnt).unwrap();
        let err = wipe(&tree.join("rootfs")).unwrap_err();
        assert!(err.to_string().contains("another file system"), "{err}");
        assert_eq!(fs::read(host.join("data")).unwrap(), b"the host's");
        rustix::mount::unmount(&mnt, rustix::mount::UnmountFlags::DETACH).unwrap();
        rustix::mount::unmount(&tree, rustix::mount::UnmountFlags::DETACH).unwrap();
    }
}
