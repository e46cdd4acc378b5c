//! Mounts and cgroups: overlays over layer snapshots, memory file
//! systems, detaching everything below a directory, and removing a
//! container's cgroup directories.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Detaches every mount at or below `dir`, deepest first (the root file
/// system, and anything that propagated under it).
pub(crate) fn unmount_below(dir: &Path) {
    let Ok(mounts) = fs::read_to_string("/proc/self/mounts") else {
        return;
    };
    let prefix = dir.to_string_lossy().to_string();
    let mut points: Vec<String> = mounts
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        // /proc/mounts escapes spaces and the like as octal; ccr's paths have none.
        .filter(|p| *p == prefix || p.starts_with(&format!("{prefix}/")))
        .map(str::to_string)
        .collect();
    points.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in points {
        let _ = rustix::mount::unmount(p.as_str(), rustix::mount::UnmountFlags::DETACH);
    }
}

/// Mounts `layers` (bottom first) read-only under a private upper directory.
/// Renamed directories are copied up whole (`redirect_dir=off`), so the
/// upper directory is always a complete diff.
pub(crate) fn mount_overlay(layers: &[PathBuf], dir: &Path, target: &Path) -> io::Result<()> {
    let data = format!(
        "lowerdir={},upperdir={},workdir={},redirect_dir=off,metacopy=off",
        lowerdir(layers)?,
        dir.join("upper").display(),
        dir.join("work").display()
    );
    mount_data(&data, target, rustix::mount::MountFlags::empty())
}

/// Mounts the union of `layers` (bottom first, at least two) read-only.
pub(crate) fn mount_overlay_readonly(layers: &[PathBuf], target: &Path) -> io::Result<()> {
    let data = format!("lowerdir={}", lowerdir(layers)?);
    mount_data(&data, target, rustix::mount::MountFlags::RDONLY)
}

/// A memory-backed file system at `target` (`nosuid`, `nodev`, `noexec`),
/// for what must never reach a disk.
pub(crate) fn mount_tmpfs(target: &Path, options: &str) -> io::Result<()> {
    use rustix::mount::MountFlags;
    let data = std::ffi::CString::new(options).map_err(io::Error::other)?;
    rustix::mount::mount(
        "tmpfs",
        target,
        "tmpfs",
        MountFlags::NOSUID | MountFlags::NODEV | MountFlags::NOEXEC,
        Some(data.as_c_str()),
    )
    .map_err(io::Error::from)
}

fn lowerdir(layers: &[PathBuf]) -> io::Result<String> {
    if layers.is_empty() {
        return Err(io::Error::other("no layers"));
    }
    let lower: Vec<String> = layers
        .iter()
        .rev()
        .map(|p| p.display().to_string())
        .collect();
    Ok(lower.join(":"))
}

fn mount_data(data: &str, target: &Path, flags: rustix::mount::MountFlags) -> io::Result<()> {
    let data = std::ffi::CString::new(data).map_err(io::Error::other)?;
    rustix::mount::mount("overlay", target, "overlay", flags, Some(data.as_c_str()))
        .map_err(io::Error::from)
}

/// Removes the container's cgroup directories (cgroup v1 hierarchies and
/// the v2 unified one), which the runtime leaves when the container is gone.
/// The kernel refuses while the last processes are still being torn down,
/// so each removal is retried for up to a second.
pub fn remove_cgroup(id: &str) {
    let rel = format!("ccr/{id}");
    let Ok(entries) = fs::read_dir("/sys/fs/cgroup") else {
        return;
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path().join(&rel))
        .chain(std::iter::once(Path::new("/sys/fs/cgroup").join(&rel)))
        .filter(|p| p.is_dir())
        .collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    while !dirs.is_empty() {
        dirs.retain(|d| fs::remove_dir(d).is_err() && d.is_dir());
        if dirs.is_empty() || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Whether `path` is a mount point of this process's mount namespace.
pub(super) fn is_mountpoint(path: &std::path::Path) -> bool {
    let Ok(mounts) = fs::read_to_string("/proc/self/mounts") else {
        return false;
    };
    let p = path.to_string_lossy();
    mounts
        .lines()
        .any(|l| l.split_whitespace().nth(1) == Some(&p))
}
