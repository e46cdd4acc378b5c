//! Containers: a bundle per container under `containers/<id>` (OCI runtime
//! spec, overlayfs root over the shared layer snapshots, private /etc
//! files), run through youki's `libcontainer` by a monitor process that
//! waits for it, records its exit code and cleans up.

pub mod attach;
mod bundle;
mod console;
mod control;
mod copy;
pub mod events;
mod exec;
pub mod filter;
pub mod health;
mod helper;
mod launch;
pub mod logfile;
mod logs;
pub mod monitor;
mod mounts;
pub mod network;
mod options;
mod relay;
pub mod spec;
mod state;
pub mod stats;
mod volume;

/// A standard input that reads nothing: the read end of a pipe whose write
/// end is already closed. Not the host's `/dev/null`: a process cannot tell
/// that from a file, and on a broken host it is one (holding whatever was
/// sent to it); a process given no input must read none.
pub(crate) fn no_input() -> std::io::Result<std::os::fd::OwnedFd> {
    let (reader, writer) = std::io::pipe()?;
    drop(writer);
    Ok(reader.into())
}

use std::io;
use std::path::{Path, PathBuf};

/// The input of a detached `-i` container: a FIFO in its directory that
/// `attach` writes into. The container holds it open (read and write), so
/// it sees no end of input between attaches.
pub(crate) fn stdin_fifo(dir: &Path) -> std::io::Result<std::os::fd::OwnedFd> {
    let path = dir.join("stdin");
    let _ = std::fs::remove_file(&path);
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )?;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)?;
    Ok(f.into())
}

pub use control::{Process, parse_signal};
pub use copy::CopyPath;
pub use exec::ExecOptions;
pub use launch::{Launch, Launched};
pub use logs::LogOptions;
pub use monitor::run_monitor;
pub use mounts::remove_cgroup;
pub(crate) use mounts::{mount_overlay, mount_overlay_readonly, mount_tmpfs, unmount_below};
pub use options::{
    ContainerConfig, HealthConfig, LogConfig, Network, Resources, RestartPolicy, RunOptions,
    Snapshotter, Tmpfs, Volume,
};
pub use state::{ContainerState, ContainerStatus};
pub use volume::VolumeInfo;

use crate::layout::Layout;
use crate::unpack::snapshot::SnapshotError;

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("{0}")]
    Config(String),
    #[error("{path}: {op} failed: {source}")]
    Io {
        path: PathBuf,
        op: &'static str,
        #[source]
        source: io::Error,
    },
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
    #[error("container {id}: {why}")]
    Container { id: String, why: String },
    /// The container's command does not exist (docker exits 127).
    #[error("container {id}: {why}")]
    CommandNotFound { id: String, why: String },
    /// The container's command exists but cannot be executed (docker exits 126).
    #[error("container {id}: {why}")]
    CannotExecute { id: String, why: String },
    #[error("container {id}: saving its state: {source}")]
    State {
        id: String,
        #[source]
        source: crate::store::StoreError,
    },
    #[error("no such container: {0}")]
    NoSuchContainer(String),
    #[error("network {0} not found")]
    NoSuchNetwork(String),
}

impl RuntimeError {
    /// docker's exit code for a container that could not start.
    pub fn exit(&self) -> crate::Exit {
        match self {
            RuntimeError::CommandNotFound { .. } => crate::Exit::NotFound,
            RuntimeError::CannotExecute { .. } => crate::Exit::CannotExecute,
            _ => crate::Exit::Failure,
        }
    }
}

fn io_err<'a>(path: &'a Path, op: &'static str) -> impl FnOnce(io::Error) -> RuntimeError + 'a {
    move |source| RuntimeError::Io {
        path: path.to_path_buf(),
        op,
        source,
    }
}

pub struct Runtime {
    layout: Layout,
    /// Keys for images with encrypted layers.
    keys: std::sync::Arc<crate::crypt::Keyring>,
    /// How far a layer may expand when a container's layers are unpacked.
    expansion: crate::unpack::ExpansionLimits,
}

impl Runtime {
    pub fn new(layout: &Layout) -> Runtime {
        Runtime {
            layout: layout.clone(),
            keys: Default::default(),
            expansion: Default::default(),
        }
    }

    /// Containers of encrypted images need a key for every encrypted layer.
    pub fn with_keys(mut self, keys: std::sync::Arc<crate::crypt::Keyring>) -> Runtime {
        self.keys = keys;
        self
    }

    /// Bounds on unpacking (from the configuration).
    pub fn with_expansion(mut self, expansion: crate::unpack::ExpansionLimits) -> Runtime {
        self.expansion = expansion;
        self
    }

    /// The input FIFO of a detached `-i` container, while it has one.
    pub fn stdin_path(&self, id: &str) -> Option<PathBuf> {
        let p = self.container_dir(id).join("stdin");
        std::fs::symlink_metadata(&p)
            .is_ok_and(|m| std::os::unix::fs::FileTypeExt::is_fifo(&m.file_type()))
            .then_some(p)
    }

    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.layout.container(id)
    }

    /// libcontainer's state directory.
    pub fn state_root(&self) -> PathBuf {
        self.layout.runtime_state()
    }
}

impl Runtime {
    /// Records a container event (with its name and image, as docker's carry).
    pub(crate) fn event(&self, st: &ContainerState, action: &str, extra: &[(&str, &str)]) {
        let mut attrs: Vec<(&str, &str)> = vec![("name", &st.name), ("image", &st.image)];
        attrs.extend_from_slice(extra);
        events::record(&self.layout, "container", action, &st.id, &attrs);
    }
}

/// Containers need root: ccr has no rootless mode (libcontainer would
/// ask for a user namespace definition; this says what to do instead).
/// docker's shape for the names of containers, volumes and networks:
/// `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, from `min` to `max` characters. Such a
/// name is also one token on a line of /etc/hosts (no blank, newline or
/// `#` to start another entry or a comment).
pub fn is_docker_name(name: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&name.len())
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// docker's rule for container names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`. The
/// name is written into other containers' /etc/hosts: nothing else passes.
pub fn check_container_name(name: &str) -> Result<(), RuntimeError> {
    if is_docker_name(name, 2, 255) {
        Ok(())
    } else {
        Err(RuntimeError::Config(format!(
            "invalid container name {name:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
        )))
    }
}

/// Whether `name` may stand as one name on a line of /etc/hosts.
pub fn is_host_name(name: &str) -> bool {
    is_docker_name(name, 1, 255)
}

/// The smallest memory limit (docker's: a cgroup with less cannot start
/// a process).
pub const MIN_MEMORY: i64 = 6 << 20;

/// Limits checked before anything is made, as docker checks them: memory
/// at least 6 MiB, CPUs between 0.01 and the machine's count.
pub fn check_resources(r: &Resources) -> Result<(), RuntimeError> {
    if r.memory != 0 && r.memory < MIN_MEMORY {
        return Err(RuntimeError::Config(
            "minimum memory limit allowed is 6MB".into(),
        ));
    }
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    if r.cpus != 0.0 && !(0.01..=cpus).contains(&r.cpus) {
        return Err(RuntimeError::Config(format!(
            "range of CPUs is from 0.01 to {cpus:.2}, as there are only {cpus} CPUs available"
        )));
    }
    if r.shm_size < 0 {
        return Err(RuntimeError::Config(
            "the shared memory size (/dev/shm) must be positive".into(),
        ));
    }
    Ok(())
}

/// The names and addresses a container's /etc files will hold, checked
/// before anything is made: host name, network aliases, `--add-host`
/// entries, DNS servers and search domains.
fn check_etc_entries(opts: &ContainerConfig) -> Result<(), RuntimeError> {
    let bad = |what: &str, v: &str| {
        Err(RuntimeError::Config(format!(
            "invalid {what} {v:?}: use letters, digits, '.', '-' and '_'"
        )))
    };
    if let Some(h) = &opts.hostname
        && !is_host_name(h)
    {
        return bad("host name", h);
    }
    for n in &opts.networks {
        if let Some(a) = n.aliases.iter().find(|a| !is_host_name(a)) {
            return bad("network alias", a);
        }
    }
    for (name, ip) in &opts.extra_hosts {
        if !is_host_name(name) {
            return bad("extra host name", name);
        }
        if ip.parse::<std::net::IpAddr>().is_err() {
            return Err(RuntimeError::Config(format!(
                "invalid IP address in the extra host entry {name}:{ip}"
            )));
        }
    }
    if let Some(d) = opts
        .dns
        .iter()
        .find(|d| d.parse::<std::net::IpAddr>().is_err())
    {
        return Err(RuntimeError::Config(format!(
            "invalid DNS server address {d:?}"
        )));
    }
    if let Some(s) = opts
        .dns_search
        .iter()
        .find(|s| *s != "." && !is_host_name(s))
    {
        return bad("DNS search domain", s);
    }
    Ok(())
}

/// Makes what this process ignores (SIGPIPE, as Rust starts; whatever
/// its parent ignored, as `nohup` does SIGHUP) a handler that does
/// nothing, and unblocks every signal. The process still ignores them in
/// effect (a write to a closed pipe still fails with EPIPE), but a handler
/// is reset by execve where SIG_IGN is inherited: a container's process
/// (run, or exec'd) starts with every signal at its default and none
/// blocked, as under docker and runc.
pub fn reset_inherited_signals() {
    for sig in 1..libc::SIGRTMIN() {
        if signal_hook::consts::FORBIDDEN.contains(&sig) {
            continue;
        }
        // SAFETY: a null new action only reads the current one.
        let ignored = unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(sig, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
        };
        if ignored {
            let _ = signal_hook::flag::register(
                sig,
                std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            );
        }
    }
    // The C library keeps the first real-time signals for itself and will
    // not change them; one left ignored is set back to its default here.
    for sig in 32..libc::SIGRTMIN() {
        // SAFETY: rt_sigaction with the kernel's sigaction layout (handler,
        // flags, restorer, mask) and the kernel's 8-byte mask size; a null
        // new action only reads.
        unsafe {
            let mut old = [0usize; 4];
            let read = libc::syscall(
                libc::SYS_rt_sigaction,
                sig,
                std::ptr::null::<usize>(),
                old.as_mut_ptr(),
                8usize,
            );
            if read == 0 && old[0] == libc::SIG_IGN {
                let default = [libc::SIG_DFL, 0, 0, 0];
                libc::syscall(
                    libc::SYS_rt_sigaction,
                    sig,
                    default.as_ptr(),
                    std::ptr::null_mut::<usize>(),
                    8usize,
                );
            }
        }
    }
    // SAFETY: an empty, initialised set; the old mask is not wanted.
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::pthread_sigmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
}

pub fn require_root() -> Result<(), RuntimeError> {
    if rustix::process::geteuid().is_root() {
        Ok(())
    } else {
        Err(RuntimeError::Config(
            "running containers needs root: ccr has no rootless mode (run it as root, e.g. with sudo)".into(),
        ))
    }
}

/// A fresh 64-hex-digit id (containers, anonymous volumes).
fn random_id() -> Result<String, RuntimeError> {
    let mut buf = [0u8; 32];
    rustix::rand::getrandom(&mut buf, rustix::rand::GetRandomFlags::empty())
        .map_err(|e| RuntimeError::Config(format!("no randomness for a container id: {e}")))?;
    Ok(hex::encode(buf))
}
