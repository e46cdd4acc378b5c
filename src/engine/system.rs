//! `ccr version` and `ccr info`: what ccr is and what it finds on this
//! machine, in docker's layout, for users and for bug reports.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use crate::error::Error;
use crate::kbs::attester::{Attester, TSM_REPORT_DIR, Tsm};
use crate::runtime::Runtime;

/// `ccr version`.
/// `ccr version`, in docker's shape (`{{.Client.Version}}`).
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Version {
    pub client: ClientVersion,
}

#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientVersion {
    pub version: String,
    pub os: String,
    pub arch: String,
    pub runtime: String,
}

pub fn version() -> Version {
    let p = crate::platform::Platform::host();
    Version {
        client: ClientVersion {
            version: env!("CARGO_PKG_VERSION").to_string(),
            os: p.os,
            arch: p.architecture,
            runtime: "libcontainer (youki)".into(),
        },
    }
}

impl Version {
    /// docker's text form.
    pub fn text(&self) -> String {
        let c = &self.client;
        format!(
            "Client:\n Version:     {}\n OS/Arch:     {}/{}\n Runtime:     {}\n",
            c.version, c.os, c.arch, c.runtime
        )
    }
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

fn mem_total() -> Option<u64> {
    fs::read_to_string("/proc/meminfo").ok().and_then(|t| {
        t.lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
            .map(|kib| kib * 1024)
    })
}

/// The confidential guest this is, as the KBS client would attest it.
fn confidential_guest() -> String {
    match Tsm::open(Path::new(TSM_REPORT_DIR)) {
        Ok(t) => format!("{:?} (configfs-tsm)", t.tee()),
        Err(_) => "none (no configfs-tsm report interface)".into(),
    }
}

/// `ccr info`, with docker's field names (`{{.Containers}}`,
/// `{{.KernelVersion}}`, `{{json .}}`).
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Info {
    pub containers: usize,
    pub containers_running: usize,
    pub containers_paused: usize,
    pub containers_stopped: usize,
    pub images: usize,
    pub driver: String,
    pub cgroup_version: String,
    pub kernel_version: String,
    pub operating_system: String,
    #[serde(rename = "OSType")]
    pub os_type: String,
    pub architecture: String,
    #[serde(rename = "NCPU")]
    pub ncpu: usize,
    pub mem_total: u64,
    pub docker_root_dir: String,
    pub server_version: String,
    pub confidential_guest: String,
}

pub fn info(ctx: &super::Context) -> Result<Info, Error> {
    let (images, layout) = (&ctx.images, &ctx.layout);
    let rt = Runtime::new(layout);
    let containers: Vec<_> = rt.list()?.into_iter().map(|c| rt.refresh(c)).collect();
    let running = containers.iter().filter(|c| c.status.is_running()).count();
    let paused = containers.iter().filter(|c| c.paused).count();
    let uname = rustix::system::uname();
    Ok(Info {
        containers: containers.len(),
        containers_running: running,
        containers_paused: paused,
        containers_stopped: containers.len() - running,
        images: images.store.images().map(|i| i.len()).unwrap_or(0),
        driver: "overlayfs".into(),
        cgroup_version: cgroup_version().into(),
        kernel_version: uname.release().to_string_lossy().into_owned(),
        operating_system: os_name(),
        os_type: "linux".into(),
        architecture: uname.machine().to_string_lossy().into_owned(),
        ncpu: std::thread::available_parallelism().map_or(1, |n| n.get()),
        mem_total: mem_total().unwrap_or(0),
        docker_root_dir: layout.root().display().to_string(),
        server_version: env!("CARGO_PKG_VERSION").into(),
        confidential_guest: confidential_guest(),
    })
}

impl Info {
    /// docker's text form.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Client:\n Version:    {}", self.server_version);
        let _ = writeln!(s, "\nServer:");
        let _ = writeln!(s, " Containers: {}", self.containers);
        let _ = writeln!(s, "  Running: {}", self.containers_running);
        let _ = writeln!(s, "  Paused: {}", self.containers_paused);
        let _ = writeln!(s, "  Stopped: {}", self.containers_stopped);
        let _ = writeln!(s, " Images: {}", self.images);
        let _ = writeln!(s, " Storage Driver: {}", self.driver);
        let _ = writeln!(s, " Cgroup Version: {}", self.cgroup_version);
        let _ = writeln!(s, " Kernel Version: {}", self.kernel_version);
        let _ = writeln!(s, " Operating System: {}", self.operating_system);
        let _ = writeln!(s, " OSType: {}", self.os_type);
        let _ = writeln!(s, " Architecture: {}", self.architecture);
        let _ = writeln!(s, " CPUs: {}", self.ncpu);
        let total = if self.mem_total == 0 {
            "unknown".to_string()
        } else {
            crate::format::human_size(self.mem_total)
        };
        let _ = writeln!(s, " Total Memory: {total}");
        let _ = writeln!(s, " Data Root: {}", self.docker_root_dir);
        let _ = writeln!(s, " Confidential Guest: {}", self.confidential_guest);
        s
    }
}

/// `login`: the registry accepts `creds`, then they are kept (in the
/// credential helper or file docker's configuration names) for `server`.
pub fn login(
    opts: &super::GlobalOptions,
    server: &str,
    creds: &crate::registry::auth::Credentials,
) -> Result<(), crate::error::Error> {
    super::Net::new().block_on(crate::registry::check_login(
        &opts.insecure(),
        server,
        creds,
    ))??;
    crate::registry::auth::CredentialStore::default_location().store(server, creds)?;
    Ok(())
}

/// `logout`: whether credentials for `server` were kept (they are gone).
pub fn logout(server: &str) -> Result<bool, crate::error::Error> {
    Ok(crate::registry::auth::CredentialStore::default_location().erase(server)?)
}

/// What every command does first: a process it execs inherits no signal
/// ignored or blocked.
pub fn reset_inherited_signals() {
    crate::runtime::reset_inherited_signals();
}
