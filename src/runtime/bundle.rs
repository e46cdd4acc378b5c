//! A container's bundle under `containers/<id>`: the root file system
//! (an overlay over the shared layer snapshots, or a private copy), the
//! /etc files, the runtime spec and the state; and its removal.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::mounts::{mount_overlay, remove_cgroup, unmount_below};
use super::{
    ContainerConfig, ContainerState, ContainerStatus, Network, RunOptions, Runtime, RuntimeError,
    Snapshotter, io_err, network, parse_signal, random_id, spec, volume,
};
use crate::oci::PlatformImage;
use crate::store::{ImageRecord, Store};
use crate::unpack::snapshot::Snapshots;

impl Runtime {
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
        let mut opts = opts.config.clone();
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
                    network::detach(&self.layout, &id, att, &opts.ports);
                }
                let _ = self.destroy_bundle(&id);
                Err(e)
            }
        }
    }

    /// The root file system: overlayfs over the shared layer snapshots;
    /// where that is not available (or `--snapshotter native` asks), a
    /// private copy. Whether it is an overlay, and its layers.
    fn make_root(
        &self,
        store: &Store,
        img: &PlatformImage,
        snapshotter: Snapshotter,
        dir: &Path,
    ) -> Result<(bool, Vec<PathBuf>), RuntimeError> {
        let rootfs = dir.join("rootfs");
        for d in [
            dir.join("upper"),
            dir.join("work"),
            rootfs.clone(),
            dir.join("etc"),
        ] {
            fs::create_dir_all(&d).map_err(io_err(&d, "create directory"))?;
        }
        let snapshots = Snapshots::open(&self.layout)?
            .with_keys(self.keys.clone())
            .with_expansion(self.expansion);
        let (overlay, layers) = match snapshotter {
            Snapshotter::Overlayfs => {
                let layers = snapshots.prepare(store, img)?;
                (mount_overlay(&layers, dir, &rootfs).is_ok(), layers)
            }
            Snapshotter::Native => (false, Vec::new()),
        };
        if !overlay {
            snapshots.flatten_into(store, img, &rootfs)?;
        }
        Ok((overlay, layers))
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
        let (overlay, layers) = self.make_root(store, img, opts.snapshotter, dir)?;
        let image_cfg = img.config.config.clone().unwrap_or_default();
        let hostname = opts
            .hostname
            .clone()
            .unwrap_or_else(|| id[..12].to_string());
        if opts.network == Network::Bridge {
            *attachment = Some(network::attach(&self.layout, id, &opts.ports)?);
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
        let cwd = working_dir(&rootfs, &image_cfg, opts)?;
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

    /// Unmounts and removes a container's bundle and its cgroup.
    /// Removes the bundles whose making was cut short: no state, and the
    /// process that was making them is gone. Their root file systems are
    /// unmounted first.
    pub fn remove_orphans(&self) {
        for e in fs::read_dir(self.layout.containers())
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
        let dir = self.release_bundle(id);
        match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&dir, "remove")(e)),
        }
    }
}

impl Runtime {
    /// Undoes what a container holds outside its directory (network,
    /// mounts, cgroups, runtime state); returns the directory.
    fn release_bundle(&self, id: &str) -> PathBuf {
        let dir = self.container_dir(id);
        if let Ok(st) = self.load(id)
            && let Some(att) = &st.attachment
        {
            network::detach(&self.layout, id, att, &st.options.ports);
        }
        unmount_below(&dir);
        remove_cgroup(id);
        let _ = fs::remove_dir_all(self.state_root().join(id));
        dir
    }

    /// Removes a container as [`Runtime::remove`] does, except that its
    /// directory (writable layer, logs, state) is moved, whole, to `to`
    /// (on the same file system) for its caller to wipe: from then on the
    /// container is gone, and what it left is in one place.
    pub fn remove_into(&self, key: &str, to: &Path) -> Result<ContainerState, RuntimeError> {
        let st = self.stop_for_removal(key)?;
        let dir = self.release_bundle(&st.id);
        fs::rename(&dir, to).map_err(io_err(&dir, "move for wiping"))?;
        Ok(st)
    }
}

/// In a container's directory while it is being made: the maker's pid.
const CREATING: &str = "creating.pid";

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

/// The process's working directory (`-w`, else the image's, else `/`),
/// made inside the root when missing, as docker does.
fn working_dir(
    rootfs: &Path,
    image_cfg: &serde_json::Value,
    opts: &ContainerConfig,
) -> Result<String, RuntimeError> {
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
    let parts: Vec<PathBuf> = Path::new(&cwd)
        .components()
        .skip(1)
        .map(|c| PathBuf::from(c.as_os_str()))
        .collect();
    let wd = crate::unpack::resolve_in_root(rootfs, &parts)
        .map_err(io_err(rootfs, "resolve working directory"))?;
    fs::create_dir_all(&wd).map_err(io_err(&wd, "create working directory"))?;
    Ok(cwd)
}
