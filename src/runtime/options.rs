//! What a container is asked for ([`RunOptions`]) and what is recorded of
//! it once made ([`ContainerConfig`]), with the flag values they carry
//! (networks, volumes, tmpfs mounts).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{RuntimeError, network, volume};

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
    /// Another container's network namespace (`container:NAME`).
    Container,
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
    /// An anonymous volume (`-v /path`, an image's VOLUME): named by a
    /// random id, removed with the container by `rm -v` and `run --rm`.
    #[serde(default)]
    pub anonymous: bool,
}

impl Volume {
    /// An anonymous volume at `target`.
    pub fn anonymous(target: &str) -> Result<Volume, RuntimeError> {
        Ok(Volume {
            source: PathBuf::new(),
            target: target.to_string(),
            read_only: false,
            name: Some(super::random_id()?),
            anonymous: true,
        })
    }

    /// docker's `--mount type=bind|volume|tmpfs,source=...,target=...[,readonly]`
    /// (tmpfs mounts come back as `Err(Ok(tmpfs))`).
    pub fn parse_mount(s: &str) -> Result<Result<Volume, Tmpfs>, RuntimeError> {
        let bad = |why: &str| {
            RuntimeError::Config(format!(
                "invalid mount {s:?}: {why}; use type=bind|volume|tmpfs,source=SRC,target=DST[,readonly]"
            ))
        };
        let mut kind = "volume";
        let (mut source, mut target, mut read_only) = (None, None, false);
        let mut tmpfs_opts = Vec::new();
        for part in s.split(',') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            match k {
                "type" => kind = v,
                "source" | "src" => source = Some(v.to_string()),
                "target" | "destination" | "dst" => target = Some(v.to_string()),
                "readonly" | "ro" => read_only = v.is_empty() || v == "true" || v == "1",
                "tmpfs-size" => tmpfs_opts.push(format!("size={v}")),
                "tmpfs-mode" => tmpfs_opts.push(format!("mode={v}")),
                "bind-propagation" | "volume-nocopy" | "consistency" => {}
                other => return Err(bad(&format!("unknown option {other:?}"))),
            }
        }
        let target = target.ok_or_else(|| bad("a target is required"))?;
        if !target.starts_with('/') {
            return Err(bad("the target must be an absolute path"));
        }
        match (kind, source) {
            ("bind", Some(src)) if src.starts_with('/') => {
                Ok(Ok(Volume::bind(PathBuf::from(src), &target, read_only)))
            }
            ("bind", _) => Err(bad("a bind mount needs an absolute source")),
            ("volume", None) => Ok(Ok(Volume {
                read_only,
                ..Volume::anonymous(&target)?
            })),
            ("volume", Some(name)) => {
                if !volume::valid_name(&name) {
                    return Err(bad("the source must be a volume name"));
                }
                Ok(Ok(Volume {
                    source: PathBuf::new(),
                    target,
                    read_only,
                    name: Some(name),
                    anonymous: false,
                }))
            }
            ("tmpfs", _) => {
                let spec = if tmpfs_opts.is_empty() {
                    target
                } else {
                    format!("{target}:{}", tmpfs_opts.join(","))
                };
                Ok(Err(Tmpfs::parse(&spec)?))
            }
            (other, _) => Err(bad(&format!("type {other} is not supported"))),
        }
    }
    /// A host directory or file mounted at `target`.
    pub fn bind(source: PathBuf, target: &str, read_only: bool) -> Volume {
        Volume {
            source,
            target: target.to_string(),
            read_only,
            name: None,
            anonymous: false,
        }
    }

    pub fn parse(s: &str) -> Result<Volume, RuntimeError> {
        let parts: Vec<&str> = s.split(':').collect();
        if let [path] = parts.as_slice() {
            if !path.starts_with('/') {
                return Err(RuntimeError::Config(format!(
                    "invalid volume {s:?}: an anonymous volume's path must be absolute"
                )));
            }
            return Volume::anonymous(path);
        }
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
        // docker's options, comma-separated: ro/rw, the SELinux labels z/Z
        // (no SELinux here: accepted, nothing to relabel), propagation,
        // nocopy.
        let mut read_only = false;
        for m in mode.split(',').filter(|m| !m.is_empty()) {
            match m {
                "rw" => read_only = false,
                "ro" => read_only = true,
                "z" | "Z" | "nocopy" | "shared" | "rshared" | "slave" | "rslave" | "private"
                | "rprivate" | "consistent" | "cached" | "delegated" => {}
                m => {
                    return Err(RuntimeError::Config(format!(
                        "invalid volume option {m:?}: use ro, rw, z, Z, nocopy or a propagation (rprivate, ...)"
                    )));
                }
            }
        }
        Ok(Volume {
            source: if name.is_some() {
                PathBuf::new()
            } else {
                PathBuf::from(src)
            },
            target: dst.to_string(),
            read_only,
            name,
            anonymous: false,
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

/// What `ccr run` (or a build step) asks for: a name, and the
/// configuration as given, before it is resolved against the image.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub name: Option<String>,
    pub config: ContainerConfig,
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
    /// `-P`: every port the image exposes (and `--expose` adds) published
    /// on a free host port.
    #[serde(default)]
    pub publish_all: bool,
    /// `--expose`: ports the container says it listens on (`80`, `80/udp`).
    #[serde(default)]
    pub expose: Vec<String>,
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
    /// On the bridge: the networks, in order (none given: the default
    /// `bridge`), each with the container's aliases there.
    #[serde(default)]
    pub networks: Vec<network::NetworkAttach>,
    /// With [`Network::Container`]: the container whose namespace it joins.
    #[serde(default)]
    pub network_container: Option<String>,
    /// `--label KEY=VALUE`.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    /// The health check (`--health-*` over the image's HEALTHCHECK).
    #[serde(default)]
    pub healthcheck: Option<HealthConfig>,
    /// `--restart`.
    #[serde(default)]
    pub restart: RestartPolicy,
    /// `--memory`, `--cpus`, `--pids-limit`.
    #[serde(default)]
    pub resources: Resources,
    /// `--add-host NAME:IP` lines for /etc/hosts.
    #[serde(default)]
    pub extra_hosts: Vec<(String, String)>,
    /// `--dns`: the container's resolvers instead of the host's.
    #[serde(default)]
    pub dns: Vec<String>,
    #[serde(default)]
    pub dns_search: Vec<String>,
    #[serde(default)]
    pub cap_add: Vec<String>,
    /// Supplementary groups beside the user's own (`--group-add`): names
    /// in the image's group file, or numbers.
    #[serde(default)]
    pub group_add: Vec<String>,
    #[serde(default)]
    pub cap_drop: Vec<String>,
    #[serde(default)]
    pub privileged: bool,
    /// `--sig-proxy=false`: a foreground run keeps the signals it gets.
    #[serde(default)]
    pub no_sig_proxy: bool,
    /// `--init`: tini as PID 1, forwarding signals and reaping zombies.
    #[serde(default)]
    pub init: bool,
    /// The whole entrypoint as an argument list (compose's list form);
    /// `entrypoint` is docker's single-word `--entrypoint`.
    #[serde(default)]
    pub entrypoint_args: Option<Vec<String>>,
    /// The json-file log's rotation (`--log-opt max-size=,max-file=`).
    #[serde(default)]
    pub log: LogConfig,
}

/// How a container's json-file log rotates: past `max_size` bytes the
/// file becomes `container.log.1` (and so on), and at most `max_file`
/// files are kept. docker's options; ccr's defaults are docker's `local`
/// driver's (20 MiB, 5 files), so no log grows without bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogConfig {
    /// Bytes per file; 0: no limit (`max-size=-1`).
    pub max_size: u64,
    pub max_file: u32,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            max_size: 20 << 20,
            max_file: 5,
        }
    }
}

impl LogConfig {
    /// The most files a log may be read from (`max-file` is bounded here).
    pub const MAX_FILES: u32 = 100;

    /// From docker's `--log-opt` pairs (json-file's `max-size`, with its
    /// size already in bytes, -1 for none, and `max-file`); anything else
    /// is refused.
    pub fn from_opts(opts: &[(String, i64)]) -> Result<LogConfig, String> {
        let mut c = LogConfig::default();
        if opts.iter().any(|(k, v)| k == "max-size" && *v == -1)
            && !opts.iter().any(|(k, _)| k == "max-file")
        {
            c.max_file = 1;
        }
        for (k, v) in opts {
            match k.as_str() {
                "max-size" if *v == -1 => c.max_size = 0,
                "max-size" if *v > 0 => c.max_size = *v as u64,
                "max-size" => return Err(format!("max-size {v}: must be positive or -1")),
                "max-file" if (1..=Self::MAX_FILES as i64).contains(v) => c.max_file = *v as u32,
                "max-file" => {
                    return Err(format!(
                        "max-file {v}: must be between 1 and {}",
                        Self::MAX_FILES
                    ));
                }
                other => return Err(format!("unknown log opt {other:?} for json-file")),
            }
        }
        if c.max_size == 0 && c.max_file > 1 {
            return Err("max-file is only used with max-size".into());
        }
        Ok(c)
    }
}

/// A health check as docker records it (`Config.Healthcheck`): the test
/// (`["CMD", args...]`, `["CMD-SHELL", line]` or `["NONE"]`) and its
/// timing; a zero duration or count means docker's default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthConfig {
    pub test: Vec<String>,
    #[serde(default)]
    pub interval_ns: u64,
    #[serde(default)]
    pub timeout_ns: u64,
    #[serde(default)]
    pub start_period_ns: u64,
    #[serde(default)]
    pub start_interval_ns: u64,
    #[serde(default)]
    pub retries: u32,
}

impl HealthConfig {
    /// The probe's argv; None for NONE (or an empty test).
    pub fn argv(&self) -> Option<Vec<String>> {
        match self.test.split_first()? {
            (kind, rest) if kind == "CMD" && !rest.is_empty() => Some(rest.to_vec()),
            (kind, [line]) if kind == "CMD-SHELL" => {
                Some(vec!["/bin/sh".into(), "-c".into(), line.clone()])
            }
            _ => None,
        }
    }

    fn or(ns: u64, default: std::time::Duration) -> std::time::Duration {
        if ns == 0 {
            default
        } else {
            std::time::Duration::from_nanos(ns)
        }
    }

    /// docker's defaults: every 30 s, 30 s each, 3 retries, probes every
    /// 5 s during the start period.
    pub fn interval(&self) -> std::time::Duration {
        Self::or(self.interval_ns, std::time::Duration::from_secs(30))
    }
    pub fn timeout(&self) -> std::time::Duration {
        Self::or(self.timeout_ns, std::time::Duration::from_secs(30))
    }
    pub fn start_period(&self) -> std::time::Duration {
        Self::or(self.start_period_ns, std::time::Duration::ZERO)
    }
    pub fn start_interval(&self) -> std::time::Duration {
        Self::or(self.start_interval_ns, std::time::Duration::from_secs(5))
    }
    pub fn retries(&self) -> u32 {
        if self.retries == 0 { 3 } else { self.retries }
    }

    /// This check with `over`'s fields where they are set (docker merges
    /// `--health-*` over the image's HEALTHCHECK field by field).
    pub fn overlaid(&self, over: &HealthConfig) -> HealthConfig {
        let pick = |a: u64, b: u64| if b != 0 { b } else { a };
        HealthConfig {
            test: if over.test.is_empty() {
                self.test.clone()
            } else {
                over.test.clone()
            },
            interval_ns: pick(self.interval_ns, over.interval_ns),
            timeout_ns: pick(self.timeout_ns, over.timeout_ns),
            start_period_ns: pick(self.start_period_ns, over.start_period_ns),
            start_interval_ns: pick(self.start_interval_ns, over.start_interval_ns),
            retries: if over.retries != 0 {
                over.retries
            } else {
                self.retries
            },
        }
    }

    /// The image's HEALTHCHECK (docker's `Healthcheck` object of an image
    /// config).
    pub fn from_image(v: &serde_json::Value) -> Option<HealthConfig> {
        let ns = |k: &str| v[k].as_u64().unwrap_or(0);
        Some(HealthConfig {
            test: v["Test"]
                .as_array()?
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            interval_ns: ns("Interval"),
            timeout_ns: ns("Timeout"),
            start_period_ns: ns("StartPeriod"),
            start_interval_ns: ns("StartInterval"),
            retries: v["Retries"].as_u64().unwrap_or(0) as u32,
        })
    }
}

/// `--restart`: docker's policies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartPolicy {
    /// `no`, `always`, `on-failure`, `unless-stopped`.
    pub name: String,
    /// For `on-failure`: at most this many restarts (0: no limit).
    #[serde(default)]
    pub max_retries: u32,
}

impl RestartPolicy {
    /// `no`, `always`, `unless-stopped`, `on-failure[:N]`.
    pub fn parse(s: &str) -> Result<RestartPolicy, RuntimeError> {
        let (name, n) = s.split_once(':').unwrap_or((s, ""));
        let bad = || {
            RuntimeError::Config(format!(
                "invalid restart policy {s:?}: use no, always, unless-stopped or on-failure[:max-retries]"
            ))
        };
        let max_retries = match (name, n) {
            (_, "") => 0,
            ("on-failure", n) => n.parse().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        if !["no", "always", "on-failure", "unless-stopped"].contains(&name) {
            return Err(bad());
        }
        Ok(RestartPolicy {
            name: if name == "no" {
                String::new()
            } else {
                name.to_string()
            },
            max_retries,
        })
    }

    pub fn is_none(&self) -> bool {
        self.name.is_empty() || self.name == "no"
    }

    /// docker's `HostConfig.RestartPolicy.Name`.
    pub fn docker_name(&self) -> &str {
        if self.is_none() { "no" } else { &self.name }
    }

    /// Whether a run that ended with `code` is restarted, after
    /// `restarts` restarts already, unless its user stopped it.
    pub fn restarts(&self, code: i32, restarts: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self.name.as_str() {
            "always" | "unless-stopped" => true,
            "on-failure" => code != 0 && (self.max_retries == 0 || restarts < self.max_retries),
            _ => false,
        }
    }
}

/// Cgroup limits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Resources {
    /// Bytes (0: none).
    #[serde(default)]
    pub memory: i64,
    /// CPUs, fractions allowed (0: none).
    #[serde(default)]
    pub cpus: f64,
    /// Processes (0: none).
    #[serde(default)]
    pub pids_limit: i64,
    /// Bytes of /dev/shm (0: docker's 64 MiB).
    #[serde(default)]
    pub shm_size: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restart_policies_parse_and_decide_as_docker() {
        let on = RestartPolicy::parse("on-failure:2").unwrap();
        assert!(on.restarts(1, 0, false) && on.restarts(1, 1, false));
        assert!(!on.restarts(1, 2, false) && !on.restarts(0, 0, false));
        assert!(!on.restarts(1, 0, true));
        let always = RestartPolicy::parse("always").unwrap();
        assert!(always.restarts(0, 100, false) && !always.restarts(0, 0, true));
        assert!(RestartPolicy::parse("no").unwrap().is_none());
        for bad in ["sometimes", "always:3", "on-failure:x"] {
            assert!(RestartPolicy::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn health_flags_overlay_the_image_check() {
        let image = HealthConfig {
            test: vec!["CMD".into(), "true".into()],
            interval_ns: 5,
            retries: 7,
            ..Default::default()
        };
        let flags = HealthConfig {
            interval_ns: 9,
            ..Default::default()
        };
        let h = image.overlaid(&flags);
        assert_eq!((h.interval_ns, h.retries), (9, 7));
        assert_eq!(h.argv().unwrap(), ["true"]);
        let shell = HealthConfig {
            test: vec!["CMD-SHELL".into(), "exit 1".into()],
            ..Default::default()
        };
        assert_eq!(shell.argv().unwrap(), ["/bin/sh", "-c", "exit 1"]);
        assert!(
            HealthConfig {
                test: vec!["NONE".into()],
                ..Default::default()
            }
            .argv()
            .is_none()
        );
        assert_eq!(shell.retries(), 3);
    }
}
