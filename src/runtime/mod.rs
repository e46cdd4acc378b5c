//! Containers: a bundle per container under `containers/<id>` (OCI runtime
//! spec, overlayfs root over the shared layer snapshots, private /etc
//! files), run through youki's `libcontainer` by a monitor process that
//! waits for it, records its exit code and cleans up.

mod console;
mod copy;
mod lifecycle;
pub mod logfile;
pub mod monitor;
pub mod network;
pub mod spec;
mod volume;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use copy::CopyPath;
pub use lifecycle::{ExecOptions, LogOptions, parse_signal};
pub use monitor::run_monitor;
pub use volume::VolumeInfo;

use crate::oci::PlatformImage;
use crate::store::{ImageRecord, Store};
use crate::unpack::snapshot::{SnapshotError, Snapshots};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Network {
    /// A namespace on the `ccr0` bridge (CNI), with published ports.
    #[default]
    Bridge,
    /// A network namespace with only loopback.
    None,
    /// The host's network namespace.
    Host,
}

/// How a container's root file system is made (nerdctl's `--snapshotter`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Snapshotter {
    /// An overlay over the shared layer snapshots.
    #[default]
    Overlayfs,
    /// The layers applied into a private directory.
    Native,
}

/// `-v SRC:DST[:ro]`: a host directory, or a named volume.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volume {
    /// The host path (for a named volume, its directory once created).
    pub source: PathBuf,
    pub target: String,
    pub read_only: bool,
    /// A named volume (`-v NAME:/path`).
    #[serde(default)]
    pub name: Option<String>,
}

impl Volume {
    /// A host directory or file mounted at `target`.
    pub fn bind(source: PathBuf, target: &str, read_only: bool) -> Volume {
        Volume {
            source,
            target: target.to_string(),
            read_only,
            name: None,
        }
    }

    pub fn parse(s: &str) -> Result<Volume, RuntimeError> {
        let parts: Vec<&str> = s.split(':').collect();
        let (src, dst, mode) = match parts.as_slice() {
            [src, dst] => (*src, *dst, ""),
            [src, dst, mode] => (*src, *dst, *mode),
            _ => {
                return Err(RuntimeError::Config(format!(
                    "invalid volume {s:?}: use SRC:DST[:ro|rw]"
                )));
            }
        };
        let name = (!src.starts_with('/')).then(|| src.to_string());
        if let Some(n) = &name
            && !volume::valid_name(n)
        {
            return Err(RuntimeError::Config(format!(
                "invalid volume {s:?}: the source must be an absolute host path or a volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+)"
            )));
        }
        if !dst.starts_with('/') {
            return Err(RuntimeError::Config(format!(
                "invalid volume {s:?}: the destination must be an absolute path"
            )));
        }
        let read_only = match mode {
            "" | "rw" => false,
            "ro" => true,
            m => {
                return Err(RuntimeError::Config(format!(
                    "invalid volume mode {m:?}: use ro or rw"
                )));
            }
        };
        Ok(Volume {
            source: if name.is_some() {
                PathBuf::new()
            } else {
                PathBuf::from(src)
            },
            target: dst.to_string(),
            read_only,
            name,
        })
    }
}

/// `--tmpfs PATH[:OPTIONS]`: a memory-backed file system at PATH.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tmpfs {
    pub target: String,
    /// Mount options (`size=64m`, `mode=1777`, `noexec`, …).
    pub options: Vec<String>,
}

impl Tmpfs {
    /// docker's `--tmpfs PATH[:OPTS]`; docker's defaults (`noexec`,
    /// `nosuid`, `nodev`) unless the options say otherwise.
    pub fn parse(s: &str) -> Result<Tmpfs, RuntimeError> {
        let (target, opts) = s.split_once(':').unwrap_or((s, ""));
        if !target.starts_with('/') || target == "/" {
            return Err(RuntimeError::Config(format!(
                "invalid tmpfs {s:?}: the path must be absolute and not /"
            )));
        }
        let given: Vec<String> = opts
            .split(',')
            .filter(|o| !o.is_empty())
            .map(str::to_string)
            .collect();
        for o in &given {
            let known = matches!(
                o.as_str(),
                "rw" | "ro" | "exec" | "noexec" | "suid" | "nosuid" | "dev" | "nodev"
            ) || ["size=", "mode=", "uid=", "gid=", "nr_inodes="]
                .iter()
                .any(|p| o.starts_with(p));
            if !known {
                return Err(RuntimeError::Config(format!(
                    "invalid tmpfs option {o:?}: use rw, ro, [no]exec, [no]suid, [no]dev, size=, mode=, uid=, gid="
                )));
            }
        }
        let mut options = Vec::new();
        for (off, on) in [("noexec", "exec"), ("nosuid", "suid"), ("nodev", "dev")] {
            if !given.iter().any(|o| o == on) {
                options.push(off.to_string());
            }
        }
        options.extend(
            given
                .into_iter()
                .filter(|o| !matches!(o.as_str(), "exec" | "suid" | "dev")),
        );
        Ok(Tmpfs {
            target: target.to_string(),
            options,
        })
    }
}

/// What `ccr run` was asked for.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub name: Option<String>,
    pub env: Vec<String>,
    pub volumes: Vec<Volume>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub entrypoint: Option<String>,
    pub hostname: Option<String>,
    pub read_only: bool,
    pub network: Network,
    pub command: Vec<String>,
    pub remove: bool,
    pub ports: Vec<network::PortMapping>,
    pub snapshotter: Snapshotter,
    /// The signal `stop` sends first (`--stop-signal`; else the image's
    /// STOPSIGNAL, filled in at create; else SIGTERM).
    pub stop_signal: Option<String>,
    pub tmpfs: Vec<Tmpfs>,
    /// `-i`: a foreground container reads this process's standard input
    /// (otherwise it reads nothing, as in docker).
    pub interactive: bool,
    /// `-t`: the container's standard streams are a terminal.
    pub tty: bool,
}

/// What a container was made with, as recorded in its state: the run
/// options resolved against the image (its stop signal, the directories
/// of named volumes). Older states lack the later fields, hence the defaults.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainerConfig {
    pub env: Vec<String>,
    pub volumes: Vec<Volume>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub entrypoint: Option<String>,
    pub hostname: Option<String>,
    pub read_only: bool,
    pub network: Network,
    pub command: Vec<String>,
    pub remove: bool,
    #[serde(default)]
    pub ports: Vec<network::PortMapping>,
    #[serde(default)]
    pub snapshotter: Snapshotter,
    /// The signal `stop` sends first (`--stop-signal`, else the image's
    /// STOPSIGNAL; none: SIGTERM).
    #[serde(default)]
    pub stop_signal: Option<String>,
    #[serde(default)]
    pub tmpfs: Vec<Tmpfs>,
    /// `-i`: a foreground container reads this process's standard input
    /// (otherwise it reads nothing, as in docker).
    #[serde(default)]
    pub interactive: bool,
    /// `-t`: the container's standard streams are a terminal.
    #[serde(default)]
    pub tty: bool,
}

impl ContainerConfig {
    /// The request as it will be recorded, before it is resolved against the image.
    fn from_request(o: &RunOptions) -> ContainerConfig {
        ContainerConfig {
            env: o.env.clone(),
            volumes: o.volumes.clone(),
            workdir: o.workdir.clone(),
            user: o.user.clone(),
            entrypoint: o.entrypoint.clone(),
            hostname: o.hostname.clone(),
            read_only: o.read_only,
            network: o.network,
            command: o.command.clone(),
            remove: o.remove,
            ports: o.ports.clone(),
            snapshotter: o.snapshotter,
            stop_signal: o.stop_signal.clone(),
            tmpfs: o.tmpfs.clone(),
            interactive: o.interactive,
            tty: o.tty,
        }
    }
}

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
    #[error("no such container: {0}")]
    NoSuchContainer(String),
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

/// Where a container is in its life, as docker names it (`state.json`
/// and `ps`'s STATE column spell it in lower case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerStatus {
    /// Made, not started (or back to this while a start is under way).
    Created,
    Running,
    Exited,
    /// The monitor could not start the process.
    Failed,
    /// Its monitor died without recording an exit.
    Dead,
}

impl ContainerStatus {
    pub fn is_running(self) -> bool {
        self == ContainerStatus::Running
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ContainerStatus::Created => "created",
            ContainerStatus::Running => "running",
            ContainerStatus::Exited => "exited",
            ContainerStatus::Failed => "failed",
            ContainerStatus::Dead => "dead",
        }
    }
}

impl std::fmt::Display for ContainerStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What ccr records about a container (`containers/<id>/state.json`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ContainerState {
    pub id: String,
    pub name: String,
    pub image: String,
    pub image_digest: String,
    pub created: String,
    pub status: ContainerStatus,
    pub exit_code: Option<i32>,
    pub overlay: bool,
    pub options: ContainerConfig,
    /// The layer directories under the overlay (bottom first), to remount on start.
    #[serde(default)]
    pub layers: Vec<PathBuf>,
    /// The process arguments (for `ps`).
    #[serde(default)]
    pub command: Vec<String>,
    #[serde(default)]
    pub monitor_pid: Option<i32>,
    #[serde(default)]
    pub pid: Option<i32>,
    #[serde(default)]
    pub started: Option<String>,
    #[serde(default)]
    pub finished: Option<String>,
    /// The bridge attachment, while the container exists.
    #[serde(default)]
    pub attachment: Option<network::Attachment>,
}

impl ContainerState {
    /// docker's STATUS column: `Up 5 seconds`, `Exited (3) 2 minutes ago`, `Created`.
    pub fn status_text(&self) -> String {
        let since = |t: &Option<String>| {
            crate::format::human_since(t.as_deref())
                .trim_end_matches(" ago")
                .to_string()
        };
        match self.status {
            ContainerStatus::Running => format!("Up {}", since(&self.started)),
            ContainerStatus::Exited => format!(
                "Exited ({}) {} ago",
                self.exit_code.unwrap_or(0),
                since(&self.finished)
            ),
            ContainerStatus::Created => "Created".into(),
            ContainerStatus::Failed => "Failed to start".into(),
            ContainerStatus::Dead => "Dead".into(),
        }
    }
}

pub struct Runtime {
    data_root: PathBuf,
    /// Keys for images with encrypted layers.
    keys: std::sync::Arc<crate::crypt::Keyring>,
}

fn random_id() -> Result<String, RuntimeError> {
    let mut buf = [0u8; 32];
    rustix::rand::getrandom(&mut buf, rustix::rand::GetRandomFlags::empty())
        .map_err(|e| RuntimeError::Config(format!("no randomness for a container id: {e}")))?;
    Ok(hex::encode(buf))
}

impl Runtime {
    pub fn new(data_root: &Path) -> Runtime {
        Runtime {
            data_root: data_root.to_path_buf(),
            keys: Default::default(),
        }
    }

    /// Containers of encrypted images need a key for every encrypted layer.
    pub fn with_keys(mut self, keys: std::sync::Arc<crate::crypt::Keyring>) -> Runtime {
        self.keys = keys;
        self
    }

    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.data_root.join("containers").join(id)
    }

    /// libcontainer's state directory.
    pub fn state_root(&self) -> PathBuf {
        self.data_root.join("run")
    }

    pub fn load(&self, id: &str) -> Result<ContainerState, RuntimeError> {
        let path = self.container_dir(id).join("state.json");
        let data = fs::read(&path).map_err(|_| RuntimeError::NoSuchContainer(id.to_string()))?;
        serde_json::from_slice(&data).map_err(|e| RuntimeError::Container {
            id: id.to_string(),
            why: format!("unreadable state: {e}"),
        })
    }

    pub fn save(&self, st: &ContainerState) -> Result<(), RuntimeError> {
        let path = self.container_dir(&st.id).join("state.json");
        let data = serde_json::to_vec_pretty(st).expect("state serialises");
        // Container state describes processes, which do not survive a reboot.
        crate::store::write_replace(&path, &data, false).map_err(|e| RuntimeError::Container {
            id: st.id.clone(),
            why: e.to_string(),
        })
    }

    /// Creates the bundle for a container of `img`: root file system,
    /// /etc files, runtime spec and state. Nothing runs yet.
    pub fn create(
        &self,
        store: &Store,
        rec: &ImageRecord,
        img: &PlatformImage,
        opts: &RunOptions,
    ) -> Result<ContainerState, RuntimeError> {
        let id = random_id()?;
        let name = opts
            .name
            .clone()
            .unwrap_or_else(|| format!("ccr-{}", &id[..12]));
        if self.find_by_name(&name)?.is_some() {
            return Err(RuntimeError::Config(format!(
                "the container name {name:?} is already in use; remove that container or choose another name"
            )));
        }
        let mut opts = ContainerConfig::from_request(opts);
        if opts.stop_signal.is_none() {
            opts.stop_signal = img
                .config
                .config
                .as_ref()
                .and_then(|c| c["StopSignal"].as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_string);
        }
        if let Some(s) = &opts.stop_signal {
            parse_signal(s)?;
        }
        for v in &mut opts.volumes {
            if let Some(n) = &v.name {
                v.source = self.volume_create(Some(n), Default::default())?.mountpoint;
            }
        }
        let opts = &opts;
        let dir = self.container_dir(&id);
        // Until the state is saved, the bundle names the process making it:
        // one killed half-way leaves a bundle `remove_orphans` recognises.
        fs::create_dir_all(&dir).map_err(io_err(&dir, "create directory"))?;
        let marker = dir.join(CREATING);
        fs::write(&marker, std::process::id().to_string()).map_err(io_err(&marker, "write"))?;
        let mut attachment = None;
        let created = self.create_bundle(store, img, opts, &id, &dir, &mut attachment);
        match created {
            Ok((overlay, layers, command)) => {
                let st = ContainerState {
                    id: id.clone(),
                    name,
                    image: rec.name.clone(),
                    image_digest: rec.target.digest.to_string(),
                    created: chrono::Utc::now().to_rfc3339(),
                    status: ContainerStatus::Created,
                    exit_code: None,
                    overlay,
                    options: opts.clone(),
                    layers,
                    command,
                    monitor_pid: None,
                    pid: None,
                    started: None,
                    finished: None,
                    attachment,
                };
                self.save(&st)?;
                let _ = fs::remove_file(&marker);
                Ok(st)
            }
            Err(e) => {
                if let Some(att) = &attachment {
                    network::detach(&self.data_root, &id, att, &opts.ports);
                }
                let _ = self.destroy_bundle(&id);
                Err(e)
            }
        }
    }

    /// Returns whether the root is an overlay (else a flattened copy), its
    /// layer directories, and the process arguments.
    fn create_bundle(
        &self,
        store: &Store,
        img: &PlatformImage,
        opts: &ContainerConfig,
        id: &str,
        dir: &Path,
        attachment: &mut Option<network::Attachment>,
    ) -> Result<(bool, Vec<PathBuf>, Vec<String>), RuntimeError> {
        let rootfs = dir.join("rootfs");
        for d in [
            dir.join("upper"),
            dir.join("work"),
            rootfs.clone(),
            dir.join("etc"),
        ] {
            fs::create_dir_all(&d).map_err(io_err(&d, "create directory"))?;
        }
        let snapshots = Snapshots::open(&self.data_root)?.with_keys(self.keys.clone());
        // overlayfs over the shared layer snapshots; where that is not
        // available (or `--snapshotter native` asks), a private copy.
        let (overlay, layers) = match opts.snapshotter {
            Snapshotter::Overlayfs => {
                let layers = snapshots.prepare(store, img)?;
                (mount_overlay(&layers, dir, &rootfs).is_ok(), layers)
            }
            Snapshotter::Native => (false, Vec::new()),
        };
        if !overlay {
            snapshots.flatten_into(store, img, &rootfs)?;
        }
        let image_cfg = img.config.config.clone().unwrap_or_default();
        let hostname = opts
            .hostname
            .clone()
            .unwrap_or_else(|| id[..12].to_string());
        if opts.network == Network::Bridge {
            *attachment = Some(network::attach(&self.data_root, id, &opts.ports)?);
        } else if !opts.ports.is_empty() {
            return Err(RuntimeError::Config("-p needs the bridge network".into()));
        }
        let address = attachment.as_ref().and_then(|a| a.address.clone());
        let etc = dir.join("etc");
        write_etc(&etc, &hostname, opts.network, address.as_deref())?;
        let args = spec::process_args(&image_cfg, opts)?;
        let env = spec::environment(&image_cfg, opts, &hostname);
        let user_spec = opts
            .user
            .clone()
            .or_else(|| image_cfg["User"].as_str().map(str::to_string))
            .unwrap_or_default();
        let user = spec::resolve_user(&rootfs, &user_spec)?;
        let cwd = opts
            .workdir
            .clone()
            .or_else(|| {
                image_cfg["WorkingDir"]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "/".into());
        if !cwd.starts_with('/') {
            return Err(RuntimeError::Config(format!(
                "the working directory {cwd:?} is not an absolute path"
            )));
        }
        // docker creates a missing working directory, inside the root.
        let parts: Vec<PathBuf> = Path::new(&cwd)
            .components()
            .skip(1)
            .map(|c| PathBuf::from(c.as_os_str()))
            .collect();
        let wd = crate::unpack::resolve_in_root(&rootfs, &parts)
            .map_err(io_err(&rootfs, "resolve working directory"))?;
        fs::create_dir_all(&wd).map_err(io_err(&wd, "create working directory"))?;
        for v in &opts.volumes {
            if v.name.is_some() {
                volume::fill_from_image(&v.source, &rootfs, &v.target)?;
            } else if !v.source.exists() {
                fs::create_dir_all(&v.source)
                    .map_err(io_err(&v.source, "create volume directory"))?;
            }
        }
        let netns = attachment.as_ref().map(|a| a.netns.clone());
        let spec = spec::build(
            id,
            args.clone(),
            env,
            &cwd,
            &user,
            &hostname,
            opts,
            &etc,
            netns.as_deref(),
        );
        let path = dir.join("config.json");
        fs::write(
            &path,
            serde_json::to_vec_pretty(&spec).expect("spec serialises"),
        )
        .map_err(io_err(&path, "write"))?;
        Ok((overlay, if overlay { layers } else { Vec::new() }, args))
    }

    pub fn find_by_name(&self, name: &str) -> Result<Option<ContainerState>, RuntimeError> {
        Ok(self.list()?.into_iter().find(|c| c.name == name))
    }

    /// All containers ccr knows about.
    pub fn list(&self) -> Result<Vec<ContainerState>, RuntimeError> {
        let dir = self.data_root.join("containers");
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<ContainerState> = entries
            .flatten()
            .filter_map(|e| self.load(&e.file_name().to_string_lossy()).ok())
            .collect();
        out.sort_by(|a, b| b.created.cmp(&a.created));
        Ok(out)
    }

    /// Unmounts and removes a container's bundle and its cgroup.
    /// Removes the bundles whose making was cut short: no state, and the
    /// process that was making them is gone. Their root file systems are
    /// unmounted first.
    pub fn remove_orphans(&self) {
        for e in fs::read_dir(self.data_root.join("containers"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let dir = e.path();
            if dir.join("state.json").exists() {
                continue;
            }
            let maker = fs::read_to_string(dir.join(CREATING)).ok();
            if maker.is_some_and(|p| Path::new("/proc").join(p.trim()).exists()) {
                continue;
            }
            unmount_below(&dir);
            if let Some(id) = dir.file_name().and_then(|n| n.to_str()) {
                remove_cgroup(id);
            }
            let _ = fs::remove_dir_all(&dir);
        }
    }

    pub fn destroy_bundle(&self, id: &str) -> Result<(), RuntimeError> {
        let dir = self.container_dir(id);
        if let Ok(st) = self.load(id)
            && let Some(att) = &st.attachment
        {
            network::detach(&self.data_root, id, att, &st.options.ports);
        }
        unmount_below(&dir);
        remove_cgroup(id);
        let _ = fs::remove_dir_all(self.state_root().join(id));
        match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&dir, "remove")(e)),
        }
    }
}

/// In a container's directory while it is being made: the maker's pid.
const CREATING: &str = "creating.pid";

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

/// /etc/hosts, /etc/hostname and /etc/resolv.conf for the container.
fn write_etc(
    etc: &Path,
    hostname: &str,
    network: Network,
    address: Option<&str>,
) -> Result<(), RuntimeError> {
    let write = |name: &str, data: String| {
        let p = etc.join(name);
        fs::write(&p, data).map_err(io_err(&p, "write"))
    };
    write("hostname", format!("{hostname}\n"))?;
    write(
        "hosts",
        format!(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n{}\t{hostname}\n",
            address.unwrap_or("127.0.1.1")
        ),
    )?;
    let host_resolv = fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let resolv = match network {
        Network::Host => host_resolv,
        // The host's resolvers, less those on its loopback, which the
        // container cannot reach.
        Network::Bridge => host_resolv
            .lines()
            .filter(|l| !(l.starts_with("nameserver 127.") || l.starts_with("nameserver ::1")))
            .map(|l| format!("{l}\n"))
            .collect(),
        Network::None => String::new(),
    };
    write("resolv.conf", resolv)
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

impl Runtime {
    /// The layer snapshots containers use (their diff ids).
    pub fn layers_in_use(
        &self,
    ) -> Result<std::collections::HashSet<crate::digest::Digest>, RuntimeError> {
        let mut keep = std::collections::HashSet::new();
        for c in self.list()? {
            for layer in &c.layers {
                if let Some(Ok(d)) = layer.file_name().map(|n| {
                    format!("sha256:{}", n.to_string_lossy()).parse::<crate::digest::Digest>()
                }) {
                    keep.insert(d);
                }
            }
        }
        Ok(keep)
    }

    /// The names of the images containers were created from.
    pub fn images_in_use(&self) -> Result<std::collections::BTreeSet<String>, RuntimeError> {
        Ok(self.list()?.into_iter().map(|c| c.image).collect())
    }
}
