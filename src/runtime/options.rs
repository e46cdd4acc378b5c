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
}
