//! Memory-backed storage for plaintext in confidential-VM mode: a tmpfs
//! that ccr mounts (owner-only, sized) for decrypted layer snapshots,
//! containers' writable layers and state, and build scratch. The
//! persistent data root then holds what was pulled (ciphertext of
//! encrypted layers) and nothing decrypted.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use sha2::Digest as _;

use super::CvmError;

/// Where ccr mounts the mode's memory-backed storage: one per data root.
pub const RUN_DIR: &str = "/run/ccr";

const TMPFS_MAGIC: u64 = 0x0102_1994;
const RAMFS_MAGIC: u64 = 0x8584_58f6;

/// The plaintext root for the data root `data_root`.
pub fn plaintext_dir(data_root: &Path) -> PathBuf {
    let tag = hex::encode(&sha2::Sha256::digest(data_root.as_os_str().as_encoded_bytes())[..8]);
    Path::new(RUN_DIR).join(format!("plaintext-{tag}"))
}

/// Whether `dir` is on memory-backed storage (tmpfs or ramfs).
pub fn is_memory_backed(dir: &Path) -> bool {
    rustix::fs::statfs(dir).is_ok_and(|s| {
        let t = s.f_type as u64;
        t == TMPFS_MAGIC || t == RAMFS_MAGIC
    })
}

/// How much of the storage at `dir` is used, and its size.
pub fn usage(dir: &Path) -> Option<(u64, u64)> {
    let s = rustix::fs::statvfs(dir).ok()?;
    let total = s.f_blocks * s.f_frsize;
    Some((total - s.f_bfree * s.f_frsize, total))
}

/// Makes `dir` a tmpfs of `size` bytes (the kernel's default, half the
/// memory, when `None`), mode 0700, unless one is already mounted there.
/// Returns whether it mounted it now.
pub fn mount(dir: &Path, size: Option<u64>) -> Result<bool, CvmError> {
    let fail = |why: String| CvmError::Storage {
        path: dir.to_path_buf(),
        why,
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    if let Some(parent) = dir.parent() {
        let _ = std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700));
    }
    // Its own tmpfs, even where /run is one: sized, and unmounted whole.
    if mounted_at(dir) && is_memory_backed(dir) {
        return Ok(false);
    }
    let mut data = String::from("mode=0700");
    if let Some(s) = size {
        data.push_str(&format!(",size={s}"));
    }
    rustix::mount::mount(
        "ccr-plaintext",
        dir,
        "tmpfs",
        rustix::mount::MountFlags::empty(),
        Some(std::ffi::CString::new(data).expect("no NUL").as_c_str()),
    )
    .map_err(|e| fail(format!("cannot mount a tmpfs: {e}")))?;
    Ok(true)
}

/// Whether a file system is mounted exactly at `dir`.
pub fn mounted_at(dir: &Path) -> bool {
    let Ok(text) = crate::bounded::read_to_string(Path::new("/proc/self/mounts"), 16 << 20) else {
        return false;
    };
    let want = dir.to_string_lossy();
    text.lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .any(|m| unescape(m) == want)
}

/// /proc/self/mounts writes space, tab, newline and backslash as octal.
fn unescape(s: &str) -> String {
    s.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_plaintext_dir_per_data_root_under_run() {
        let a = plaintext_dir(Path::new("/var/lib/ccr"));
        let b = plaintext_dir(Path::new("/tmp/other"));
        assert_ne!(a, b);
        assert!(a.starts_with(RUN_DIR));
        assert_eq!(a, plaintext_dir(Path::new("/var/lib/ccr")));
    }

    #[test]
    fn a_mounted_tmpfs_is_owner_only_memory_backed_and_sized() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("p");
        assert!(mount(&at, Some(8 << 20)).unwrap());
        assert!(is_memory_backed(&at) && mounted_at(&at));
        let (_, total) = usage(&at).unwrap();
        assert_eq!(total, 8 << 20);
        assert_eq!(
            std::fs::metadata(&at).unwrap().permissions().mode() & 0o777,
            0o700
        );
        // Mounting again is a no-op.
        assert!(!mount(&at, Some(8 << 20)).unwrap());
        rustix::mount::unmount(&at, rustix::mount::UnmountFlags::DETACH).unwrap();
    }
}
