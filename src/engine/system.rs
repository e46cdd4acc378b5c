//! `ccr version` and `ccr info`: what ccr is and what it finds on this
//! machine, in docker's layout, for users and for bug reports.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use crate::image::Images;
use crate::kbs::attester::{Attester, TSM_REPORT_DIR, Tsm};
use crate::layout::Layout;
use crate::runtime::{Runtime, RuntimeError};

/// `ccr version`.
pub fn version() -> String {
    let p = crate::platform::Platform::host();
    format!(
        "Client:\n Version:     {}\n OS/Arch:     {}/{}\n Runtime:     libcontainer (youki)\n",
        env!("CARGO_PKG_VERSION"),
        p.os,
        p.architecture
    )
}

/// cgroup v2 (unified), v1, or v1 with a v2 hierarchy beside it (hybrid).
fn cgroup_version() -> &'static str {
    if Path::new("/sys/fs/cgroup/cgroup.controllers").exists() {
        "2"
    } else if Path::new("/sys/fs/cgroup/unified").is_dir() {
        "1 (hybrid)"
    } else {
        "1"
    }
}

fn os_name() -> String {
    fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn memory() -> String {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        })
        .map(|kib| crate::format::human_size(kib * 1024))
        .unwrap_or_else(|| "unknown".into())
}

/// The confidential guest this is, as the KBS client would attest it.
fn confidential_guest() -> String {
    match Tsm::open(Path::new(TSM_REPORT_DIR)) {
        Ok(t) => format!("{:?} (configfs-tsm)", t.tee()),
        Err(_) => "none (no configfs-tsm report interface)".into(),
    }
}

/// `ccr info`.
pub fn info(images: &Images, layout: &Layout) -> Result<String, RuntimeError> {
    let rt = Runtime::new(layout);
    let containers: Vec<_> = rt.list()?.into_iter().map(|c| rt.refresh(c)).collect();
    let running = containers.iter().filter(|c| c.status.is_running()).count();
    let image_count = images.store.images().map(|i| i.len()).unwrap_or(0);
    let uname = rustix::system::uname();
    let mut s = String::new();
    let _ = writeln!(s, "Client:\n Version:    {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(s, "\nServer:");
    let _ = writeln!(s, " Containers: {}", containers.len());
    let _ = writeln!(s, "  Running: {running}");
    let _ = writeln!(s, "  Stopped: {}", containers.len() - running);
    let _ = writeln!(s, " Images: {image_count}");
    let _ = writeln!(s, " Storage Driver: overlayfs");
    let _ = writeln!(s, " Cgroup Version: {}", cgroup_version());
    let _ = writeln!(s, " Kernel Version: {}", uname.release().to_string_lossy());
    let _ = writeln!(s, " Operating System: {}", os_name());
    let _ = writeln!(s, " OSType: linux");
    let _ = writeln!(s, " Architecture: {}", uname.machine().to_string_lossy());
    let _ = writeln!(
        s,
        " CPUs: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let _ = writeln!(s, " Total Memory: {}", memory());
    let _ = writeln!(s, " Data Root: {}", layout.root().display());
    let _ = writeln!(s, " Confidential Guest: {}", confidential_guest());
    Ok(s)
}
