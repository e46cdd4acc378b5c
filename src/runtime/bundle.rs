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
        super::require_root()?;
        let ports = self.host_ports(&opts.config, img)?;
        self.check_ports(&ports)?;
        let id = random_id()?;
        let name = opts
            .name
            .clone()
            .unwrap_or_else(|| format!("ccr-{}", &id[..12]));
        super::check_container_name(&name)?;
        super::check_etc_entries(&opts.config)?;
        super::check_resources(&opts.config.resources)?;
        if self.find_by_name(&name)?.is_some() {
            return Err(RuntimeError::Config(format!(
                "the container name {name:?} is already in use; remove that container or choose another name"
            )));
        }
        let mut opts = opts.config.clone();
        opts.ports = ports;
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
        // The health check: the image's HEALTHCHECK with --health-* over it.
        let image_check = img
            .config
            .config
            .as_ref()
            .and_then(|c| c.get("Healthcheck"))
            .and_then(super::HealthConfig::from_image);
        opts.healthcheck = match (image_check, opts.healthcheck.take()) {
            (_, Some(flags)) if flags.test.first().is_some_and(|t| t == "NONE") => Some(flags),
            (Some(image), Some(flags)) => Some(image.overlaid(&flags)),
            (None, Some(flags)) if flags.test.is_empty() => None,
            (image, flags) => flags.or(image),
        };
        // The image's VOLUMEs not mounted otherwise: anonymous volumes.
        let declared: Vec<String> = img
            .config
            .config
            .as_ref()
            .and_then(|c| c.get("Volumes"))
            .and_then(|v| v.as_object())
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for target in declared {
            let covered = opts
                .volumes
                .iter()
                .any(|v| v.target.trim_end_matches('/') == target.trim_end_matches('/'))
                || opts.tmpfs.iter().any(|t| t.target == target);
            if !covered {
                opts.volumes.push(super::Volume::anonymous(&target)?);
            }
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
        let mut attachments = Vec::new();
        let created = self.create_bundle(store, img, opts, &id, &dir, &mut attachments);
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
                    attachment: attachments.first().cloned(),
                    more_attachments: attachments.iter().skip(1).cloned().collect(),
                    health: None,
                    restart_count: 0,
                    paused: false,
                };
                self.save(&st)?;
                let _ = fs::remove_file(&marker);
                self.refresh_hosts(&networks_of(&st));
                self.event(&st, "create", &[]);
                Ok(st)
            }
            Err(e) => {
                network::detach(&self.layout, &id, &attachments, &opts.ports);
                let _ = self.destroy_bundle(&id);
                Err(e)
            }
        }
    }

    /// The ports to publish: `-p` as given, `-P`'s for every port the
    /// image exposes (and `--expose` adds), and a free host port for each
    /// that names none (docker's ephemeral ports).
    fn host_ports(
        &self,
        cfg: &super::ContainerConfig,
        img: &PlatformImage,
    ) -> Result<Vec<network::PortMapping>, RuntimeError> {
        let mut ports = cfg.ports.clone();
        if cfg.publish_all {
            let image_exposed = img
                .config
                .config
                .as_ref()
                .and_then(|c| c["ExposedPorts"].as_object())
                .map(|m| m.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            for e in image_exposed.iter().chain(&cfg.expose) {
                let p = network::PortMapping::parse(e)?;
                if !ports
                    .iter()
                    .any(|q| (q.container_port, &q.protocol) == (p.container_port, &p.protocol))
                {
                    ports.push(p);
                }
            }
        }
        let others: Vec<u16> = self
            .list()?
            .iter()
            .flat_map(|c| c.options.ports.iter().map(|p| p.host_port))
            .collect();
        for p in ports.iter_mut().filter(|p| p.host_port == 0) {
            let ip = p.host_ip.clone().unwrap_or_else(|| "0.0.0.0".into());
            p.host_port = loop {
                let port = match p.protocol.as_str() {
                    "udp" => {
                        std::net::UdpSocket::bind((ip.as_str(), 0)).and_then(|s| s.local_addr())
                    }
                    _ => std::net::TcpListener::bind((ip.as_str(), 0)).and_then(|s| s.local_addr()),
                }
                .map_err(io_err(Path::new(&ip), "find a free host port"))?
                .port();
                if !others.contains(&port) {
                    break port;
                }
            };
        }
        Ok(ports)
    }

    /// Refuses host ports another container publishes, or a host process
    /// already listens on, before anything is made (docker: "port is
    /// already allocated").
    fn check_ports(&self, ports: &[network::PortMapping]) -> Result<(), RuntimeError> {
        if ports.is_empty() {
            return Ok(());
        }
        let taken = |p: &network::PortMapping| {
            RuntimeError::Config(format!(
                "Bind for {} failed: port is already allocated",
                p.host_address()
            ))
        };
        let overlap = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(x), Some(y)) => x == y || x == "0.0.0.0" || y == "0.0.0.0",
            _ => true,
        };
        for (i, p) in ports.iter().enumerate() {
            if ports[..i].iter().any(|q| {
                q.host_port == p.host_port
                    && q.protocol == p.protocol
                    && overlap(&q.host_ip, &p.host_ip)
            }) {
                return Err(taken(p));
            }
        }
        for c in self.list()? {
            for q in &c.options.ports {
                if let Some(p) = ports.iter().find(|p| {
                    q.host_port == p.host_port
                        && q.protocol == p.protocol
                        && overlap(&q.host_ip, &p.host_ip)
                }) {
                    return Err(taken(p));
                }
            }
        }
        for p in ports {
            let ip = p.host_ip.clone().unwrap_or_else(|| "0.0.0.0".into());
            let busy = |e: std::io::Error| e.kind() == io::ErrorKind::AddrInUse;
            let in_use = match p.protocol.as_str() {
                "udp" => std::net::UdpSocket::bind((ip.as_str(), p.host_port))
                    .err()
                    .is_some_and(busy),
                _ => std::net::TcpListener::bind((ip.as_str(), p.host_port))
                    .err()
                    .is_some_and(busy),
            };
            if in_use {
                return Err(taken(p));
            }
        }
        Ok(())
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
        attachments: &mut Vec<network::Attachment>,
    ) -> Result<(bool, Vec<PathBuf>, Vec<String>), RuntimeError> {
        let rootfs = dir.join("rootfs");
        // The networks first: a missing one fails before any layer is made.
        let networks = match opts.network {
            Network::Bridge => {
                let nets = network::Networks::new(&self.layout);
                let asked: Vec<network::NetworkAttach> = if opts.networks.is_empty() {
                    vec![network::NetworkAttach {
                        name: network::DEFAULT.into(),
                        aliases: Vec::new(),
                    }]
                } else {
                    opts.networks.clone()
                };
                asked
                    .iter()
                    .map(|a| Ok((nets.get(&a.name)?, a.aliases.clone())))
                    .collect::<Result<Vec<_>, RuntimeError>>()?
            }
            _ if !opts.ports.is_empty() => {
                return Err(RuntimeError::Config("-p needs the bridge network".into()));
            }
            _ => Vec::new(),
        };
        let shared = match (opts.network, &opts.network_container) {
            (Network::Container, Some(other)) => Some(self.shared_network(other)?),
            (Network::Container, None) => {
                return Err(RuntimeError::Config(
                    "container network mode without a container".into(),
                ));
            }
            _ => None,
        };
        let (overlay, layers) = self.make_root(store, img, opts.snapshotter, dir)?;
        let image_cfg = img.config.config.clone().unwrap_or_default();
        let hostname = opts
            .hostname
            .clone()
            .unwrap_or_else(|| id[..12].to_string());
        if !networks.is_empty() {
            *attachments = network::attach(&self.layout, id, &networks, &opts.ports)?;
        }
        let address = attachments.first().and_then(|a| a.address.clone());
        let etc = dir.join("etc");
        write_etc(&etc, &hostname, opts, address.as_deref())?;
        if let Some((_, other_etc)) = &shared {
            for f in ["hosts", "resolv.conf"] {
                let _ = fs::copy(other_etc.join(f), etc.join(f));
            }
        }
        let args = spec::with_init(opts, spec::process_args(&image_cfg, opts)?)?;
        let mut env = spec::environment(&image_cfg, opts, &hostname);
        let user_spec = opts
            .user
            .clone()
            .or_else(|| image_cfg["User"].as_str().map(str::to_string))
            .unwrap_or_default();
        let mut user = spec::resolve_user(&rootfs, &user_spec)?;
        for g in &opts.group_add {
            let gid = spec::resolve_group(&rootfs, g)?;
            if !user.additional_gids.contains(&gid) {
                user.additional_gids.push(gid);
            }
        }
        // As docker: HOME is the user's (or /), unless the image or -e set it.
        if !env.iter().any(|kv| kv.starts_with("HOME=")) {
            env.push(format!("HOME={}", user.home));
        }
        let cwd = working_dir(&rootfs, &image_cfg, opts)?;
        for v in &opts.volumes {
            if v.name.is_some() {
                volume::fill_from_image(&v.source, &rootfs, &v.target)?;
            } else if !v.source.exists() {
                fs::create_dir_all(&v.source)
                    .map_err(io_err(&v.source, "create volume directory"))?;
            }
        }
        let netns = attachments
            .first()
            .map(|a| a.netns.clone())
            .or_else(|| shared.map(|(netns, _)| netns));
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
        let before = self.load(id).ok();
        if let Some(st) = &before {
            self.event(st, "destroy", &[]);
        }
        let networks = before.as_ref().map(networks_of).unwrap_or_default();
        let dir = self.release_bundle(id);
        let removed = match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_err(&dir, "remove")(e)),
        };
        self.refresh_hosts(&networks);
        removed
    }

    /// The namespace of the container `key` (by name or id), for
    /// `--network container:KEY`, and its /etc files' directory.
    fn shared_network(&self, key: &str) -> Result<(PathBuf, PathBuf), RuntimeError> {
        let other = self.find(key)?;
        let netns = other
            .attachment
            .as_ref()
            .map(|a| a.netns.clone())
            .ok_or_else(|| {
                RuntimeError::Config(format!(
                    "container {} has no network namespace of its own to share",
                    other.name
                ))
            })?;
        Ok((netns, self.container_dir(&other.id).join("etc")))
    }

    /// Rewrites /etc/hosts of every container on one of `networks` (the
    /// default `bridge` has no name resolution, as in docker): each lists
    /// every member of each of its networks by name, host name and
    /// aliases. The files are rewritten in place: the containers see
    /// them through bind mounts.
    pub fn refresh_hosts(&self, networks: &std::collections::BTreeSet<String>) {
        if networks.iter().all(|n| n == network::DEFAULT) {
            return;
        }
        let lock_path = self.layout.root().join("networks/.hosts.lock");
        let _lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .ok()
            .inspect(|f| {
                let _ = rustix::fs::flock(f, rustix::fs::FlockOperation::LockExclusive);
            });
        let all = self.list().unwrap_or_default();
        for c in &all {
            let mine = networks_of(c);
            if mine.is_disjoint(networks) {
                continue;
            }
            let hostname = c
                .options
                .hostname
                .clone()
                .unwrap_or_else(|| c.id[..12].to_string());
            let own = c.attachment.as_ref().and_then(|a| a.address.clone());
            let mut text = hosts_header(&hostname, own.as_deref(), &c.options.extra_hosts);
            let mut seen = std::collections::BTreeSet::new();
            for peer in &all {
                for att in peer.attachments() {
                    let net = att.network_name();
                    if net == network::DEFAULT || !mine.contains(net) {
                        continue;
                    }
                    let Some(ip) = &att.address else { continue };
                    let peer_host = peer
                        .options
                        .hostname
                        .clone()
                        .unwrap_or_else(|| peer.id[..12].to_string());
                    let mut names = vec![peer.name.clone(), peer_host];
                    names.extend(att.aliases.iter().cloned());
                    let mut uniq = Vec::new();
                    for n in names {
                        if super::is_host_name(&n) && !uniq.contains(&n) {
                            uniq.push(n);
                        }
                    }
                    let line = format!("{ip}\t{}\n", uniq.join(" "));
                    if seen.insert(line.clone()) {
                        text.push_str(&line);
                    }
                }
            }
            let path = self.container_dir(&c.id).join("etc/hosts");
            if let Ok(mut f) = fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&path)
            {
                use std::io::Write;
                let _ = f.write_all(text.as_bytes());
            }
        }
    }
}

impl Runtime {
    /// Undoes what a container holds outside its directory (network,
    /// mounts, cgroups, runtime state); returns the directory.
    fn release_bundle(&self, id: &str) -> PathBuf {
        let dir = self.container_dir(id);
        if let Ok(st) = self.load(id) {
            network::detach(&self.layout, id, &st.attachments(), &st.options.ports);
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
        self.refresh_hosts(&networks_of(&st));
        Ok(st)
    }
}

/// In a container's directory while it is being made: the maker's pid.
const CREATING: &str = "creating.pid";

impl Runtime {
    /// The containers attached to the network `name`, with their
    /// attachment there.
    pub fn network_members(
        &self,
        name: &str,
    ) -> Result<Vec<(ContainerState, network::Attachment)>, RuntimeError> {
        let mut out = Vec::new();
        for c in self.list()? {
            if let Some(a) = c
                .attachments()
                .into_iter()
                .find(|a| a.network_name() == name)
            {
                out.push((c, a));
            }
        }
        Ok(out)
    }

    /// Removes the user network `key` when no container is attached.
    pub fn network_remove(&self, key: &str) -> Result<network::NetworkRecord, RuntimeError> {
        let nets = network::Networks::new(&self.layout);
        let rec = nets.get(key)?;
        let users: Vec<String> = self
            .network_members(&rec.name)?
            .into_iter()
            .map(|(c, _)| c.name)
            .collect();
        nets.remove(&rec.name, &users)
    }

    /// Removes the anonymous volumes of `st` that no other container
    /// uses (`rm -v`, `run --rm`).
    pub fn remove_anonymous_volumes(&self, st: &ContainerState) {
        for v in st.options.volumes.iter().filter(|v| v.anonymous) {
            if let Some(n) = &v.name {
                let _ = self.volume_remove(n);
            }
        }
    }

    /// The bytes of the container's writable layer (`ps -s`).
    pub fn writable_size(&self, id: &str) -> u64 {
        crate::unpack::tree_bytes(&self.container_dir(id).join("upper"))
    }

    /// `network connect`: the container on one more network, with aliases.
    pub fn network_connect(
        &self,
        net: &str,
        key: &str,
        aliases: &[String],
    ) -> Result<ContainerState, RuntimeError> {
        let mut st = self.find(key)?;
        let rec = self.networks().get(net)?;
        let atts = st.attachments();
        let Some(first) = atts.first() else {
            return Err(RuntimeError::Config(format!(
                "container {} has no network namespace of its own (network mode {:?})",
                st.name, st.options.network
            )));
        };
        if atts.iter().any(|a| a.network_name() == rec.name) {
            return Err(RuntimeError::Config(format!(
                "container {} is already attached to network {}",
                st.name, rec.name
            )));
        }
        let used: Vec<String> = atts.iter().map(|a| a.interface().to_string()).collect();
        let ifname = (1..)
            .map(|i| format!("eth{i}"))
            .find(|n| !used.contains(n))
            .expect("a free name");
        let att = network::attach_more(
            &self.layout,
            &st.id,
            &first.netns,
            &rec,
            aliases.to_vec(),
            &ifname,
        )?;
        st.more_attachments.push(att);
        st.options.networks.push(network::NetworkAttach {
            name: rec.name.clone(),
            aliases: aliases.to_vec(),
        });
        self.save(&st)?;
        self.refresh_hosts(&networks_of(&st));
        Ok(st)
    }

    /// `network disconnect`: off one network (not the first, which holds
    /// the default route and the published ports).
    pub fn network_disconnect(&self, net: &str, key: &str) -> Result<ContainerState, RuntimeError> {
        let mut st = self.find(key)?;
        let rec = self.networks().get(net)?;
        if st
            .attachment
            .as_ref()
            .is_some_and(|a| a.network_name() == rec.name)
        {
            return Err(RuntimeError::Config(format!(
                "container {}: {} is its first network (its default route and published ports); remove the container instead",
                st.name, rec.name
            )));
        }
        let Some(i) = st
            .more_attachments
            .iter()
            .position(|a| a.network_name() == rec.name)
        else {
            return Err(RuntimeError::Config(format!(
                "container {} is not connected to network {}",
                st.name, rec.name
            )));
        };
        let att = st.more_attachments.remove(i);
        network::detach_one(&self.layout, &st.id, &att);
        st.options.networks.retain(|n| n.name != rec.name);
        self.save(&st)?;
        let mut touched = networks_of(&st);
        touched.insert(rec.name.clone());
        self.refresh_hosts(&touched);
        Ok(st)
    }

    /// The user networks.
    pub fn networks(&self) -> network::Networks<'_> {
        network::Networks::new(&self.layout)
    }
}

/// The networks a container is attached to, by name.
pub fn networks_of(st: &ContainerState) -> std::collections::BTreeSet<String> {
    st.attachments()
        .iter()
        .map(|a| a.network_name().to_string())
        .collect()
}

/// The start of a container's /etc/hosts. Every name is checked where it
/// is written: one that could start another line (a state written before
/// names were checked) is left out.
fn hosts_header(hostname: &str, address: Option<&str>, extra: &[(String, String)]) -> String {
    let mut text =
        String::from("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    if super::is_host_name(hostname) {
        text.push_str(&format!("{}\t{hostname}\n", address.unwrap_or("127.0.1.1")));
    }
    for (name, ip) in extra {
        if super::is_host_name(name) && ip.parse::<std::net::IpAddr>().is_ok() {
            text.push_str(&format!("{ip}\t{name}\n"));
        }
    }
    text
}

/// /etc/hosts, /etc/hostname and /etc/resolv.conf for the container.
fn write_etc(
    etc: &Path,
    hostname: &str,
    opts: &ContainerConfig,
    address: Option<&str>,
) -> Result<(), RuntimeError> {
    let network = opts.network;
    let write = |name: &str, data: String| {
        let p = etc.join(name);
        fs::write(&p, data).map_err(io_err(&p, "write"))
    };
    write("hostname", format!("{hostname}\n"))?;
    write("hosts", hosts_header(hostname, address, &opts.extra_hosts))?;
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
        Network::None | Network::Container => String::new(),
    };
    let resolv = if opts.dns.is_empty() && opts.dns_search.is_empty() {
        resolv
    } else {
        let mut r: String = resolv
            .lines()
            .filter(|l| !(!opts.dns.is_empty() && l.starts_with("nameserver")))
            .filter(|l| !(!opts.dns_search.is_empty() && l.starts_with("search")))
            .map(|l| format!("{l}\n"))
            .collect();
        if !opts.dns_search.is_empty() {
            r.push_str(&format!("search {}\n", opts.dns_search.join(" ")));
        }
        for d in &opts.dns {
            r.push_str(&format!("nameserver {d}\n"));
        }
        r
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
