//! `ccr run` and `ccr create`: flags into a [`CreateRequest`], and the
//! container's id or exit code out.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::flags::{PlatformArg, detach_keys};
use super::trust::VerifyArgs;
use crate::engine::Context;
use crate::engine::container::{self, CreateRequest, Started};
use crate::engine::types::PortMapping;
use crate::engine::types::PullPolicy;
use crate::engine::types::{
    ContainerConfig, Launch, Network, RunOptions, Snapshotter, Tmpfs, Volume,
};
use crate::error::Error;
use crate::progress::Progress;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PullFlag {
    Missing,
    Always,
    Never,
}

impl PullFlag {
    pub fn policy(self) -> PullPolicy {
        match self {
            PullFlag::Missing => PullPolicy::Missing,
            PullFlag::Always => PullPolicy::Always,
            PullFlag::Never => PullPolicy::Never,
        }
    }
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Keep standard input open: the container reads it (foreground runs)
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short, long)]
    pub tty: bool,
    /// Run in the background and print the container ID
    #[arg(short, long)]
    pub detach: bool,
    /// The keys that detach from a -it container, leaving it running (default ctrl-p,ctrl-q)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set an environment variable (KEY=VALUE, or KEY to take it from this environment)
    #[arg(short, long = "env")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long)]
    pub env_file: Vec<PathBuf>,
    /// Bind mount a host path or a named volume: SRC:DST[:OPTS], or /PATH for an anonymous volume
    #[arg(short, long = "volume")]
    pub volume: Vec<String>,
    /// Attach a filesystem mount: type=bind|volume|tmpfs,source=SRC,target=DST[,readonly]
    #[arg(long)]
    pub mount: Vec<String>,
    /// Mount the volumes of another container: CONTAINER[:ro|rw]
    #[arg(long)]
    pub volumes_from: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long)]
    pub workdir: Option<String>,
    /// User (name|uid[:group|gid])
    #[arg(short, long)]
    pub user: Option<String>,
    /// Overwrite the image's entrypoint
    #[arg(long)]
    pub entrypoint: Option<String>,
    /// Container host name
    #[arg(long)]
    pub hostname: Option<String>,
    /// Mount the container's root file system read-only
    #[arg(long)]
    pub read_only: bool,
    /// Mount a tmpfs: PATH[:OPTIONS] (e.g. /run:size=64m,mode=1777)
    #[arg(long)]
    pub tmpfs: Vec<String>,
    /// Signal to stop the container with (default: the image's STOPSIGNAL, else SIGTERM)
    #[arg(long)]
    pub stop_signal: Option<String>,
    /// Logging driver: json-file (the one ccr writes)
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Log driver options: max-size=SIZE (-1: no limit; default 20m), max-file=N (default 5) (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub log_opt: Vec<String>,
    /// Connect to a network: bridge (the default), none (loopback only), host, container:NAME, or a network's name (repeatable)
    #[arg(long, alias = "net")]
    pub network: Vec<String>,
    /// Add a network-scoped alias for the container (repeatable)
    #[arg(long)]
    pub network_alias: Vec<String>,
    /// Set metadata on the container: KEY=VALUE (repeatable)
    #[arg(short, long)]
    pub label: Vec<String>,
    /// Restart policy: no, always, unless-stopped, on-failure[:max-retries]
    #[arg(long, default_value = "no")]
    pub restart: String,
    /// Command to run to check health (run with /bin/sh -c)
    #[arg(long)]
    pub health_cmd: Option<String>,
    /// Time between running the check (e.g. 30s, 1m30s)
    #[arg(long)]
    pub health_interval: Option<String>,
    /// Maximum time to allow one check to run
    #[arg(long)]
    pub health_timeout: Option<String>,
    /// Consecutive failures needed to report unhealthy
    #[arg(long)]
    pub health_retries: Option<u32>,
    /// Start period for the container to initialize before failures count
    #[arg(long)]
    pub health_start_period: Option<String>,
    /// Time between running the check during the start period
    #[arg(long)]
    pub health_start_interval: Option<String>,
    /// Disable any container-specified HEALTHCHECK
    #[arg(long)]
    pub no_healthcheck: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Size of /dev/shm (e.g. 64m)
    #[arg(long)]
    pub shm_size: Option<String>,
    /// Add a custom host-to-IP mapping: HOST:IP (repeatable)
    #[arg(long)]
    pub add_host: Vec<String>,
    /// Set custom DNS servers (repeatable)
    #[arg(long)]
    pub dns: Vec<String>,
    /// Set custom DNS search domains (repeatable)
    #[arg(long)]
    pub dns_search: Vec<String>,
    /// Add Linux capabilities (repeatable)
    #[arg(long)]
    pub cap_add: Vec<String>,
    /// Add additional groups to join (repeatable)
    #[arg(long)]
    pub group_add: Vec<String>,
    /// Drop Linux capabilities (repeatable; ALL drops every one)
    #[arg(long)]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to this container
    #[arg(long)]
    pub privileged: bool,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// GPU devices to add (not supported: ccr passes no GPUs through)
    #[arg(long, hide = true)]
    pub gpus: Option<String>,
    /// Host devices to add (not supported: ccr passes no devices through)
    #[arg(long, hide = true)]
    pub device: Vec<String>,
    /// Proxy received signals to the container's process (foreground runs)
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    /// Publish a container port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO] (no host port: a free one)
    #[arg(short, long = "publish")]
    pub publish: Vec<String>,
    /// Publish every exposed port on a free host port
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Expose a port (or a range) the container listens on
    #[arg(long)]
    pub expose: Vec<String>,
    #[command(flatten)]
    pub platform: PlatformArg,
    /// When to pull the image
    #[arg(long, value_enum, default_value_t = PullFlag::Missing)]
    pub pull: PullFlag,
    /// Suppress the pull output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub verify: VerifyArgs,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    #[arg(add = super::complete::image())]
    pub image: String,
    /// Command and arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// The `KEY=VALUE` lines of `--env-file` files (comments and blank lines
/// skipped), in order.
pub(super) fn env_file_lines(files: &[PathBuf]) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for f in files {
        let text =
            crate::bounded::read_to_string(f, crate::bounded::CONFIG_FILE).map_err(|source| {
                Error::Io {
                    path: f.clone(),
                    source,
                }
            })?;
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    Ok(out)
}

fn env_list(a: &RunArgs) -> Result<Vec<String>, Error> {
    let mut out = env_file_lines(&a.env_file)?;
    out.extend(a.env.iter().cloned());
    // KEY alone takes the value from this environment (and is dropped when unset), as docker does.
    Ok(out
        .into_iter()
        .filter_map(|e| {
            if e.contains('=') {
                Some(e)
            } else {
                std::env::var(&e).ok().map(|v| format!("{e}={v}"))
            }
        })
        .collect())
}

/// What `--network` (and `--network-alias`) asked for.
pub struct NetworkChoice {
    pub mode: Network,
    pub attach: Vec<crate::engine::types::NetworkAttach>,
    pub container: Option<String>,
}

impl NetworkChoice {
    /// docker's `--network` values: `bridge` (the default), `none`,
    /// `host`, `container:NAME`, or networks by name (several may be given;
    /// the aliases apply on each).
    pub fn parse(given: &[String], aliases: &[String]) -> Result<NetworkChoice, Error> {
        let single = |mode| {
            if given.len() > 1 {
                return Err(Error::Usage(format!(
                    "--network {} cannot be combined with other networks",
                    given[0]
                )));
            }
            if !aliases.is_empty() {
                return Err(Error::Usage(
                    "--network-alias needs a user-defined network".into(),
                ));
            }
            Ok(mode)
        };
        let first = given.first().map(String::as_str).unwrap_or("bridge");
        let mut choice = NetworkChoice {
            mode: Network::Bridge,
            attach: Vec::new(),
            container: None,
        };
        match first {
            "none" => choice.mode = single(Network::None)?,
            "host" => choice.mode = single(Network::Host)?,
            c if c.starts_with("container:") => {
                choice.mode = single(Network::Container)?;
                choice.container = Some(c["container:".len()..].to_string());
            }
            _ => {
                for n in given {
                    if ["none", "host"].contains(&n.as_str()) || n.starts_with("container:") {
                        return Err(Error::Usage(format!(
                            "--network {n} cannot be combined with other networks"
                        )));
                    }
                    choice.attach.push(crate::engine::types::NetworkAttach {
                        name: n.clone(),
                        aliases: if n == "bridge" {
                            Vec::new()
                        } else {
                            aliases.to_vec()
                        },
                    });
                }
            }
        }
        Ok(choice)
    }
}

/// `--memory`, `--cpus`, `--pids-limit`: of `run`, `create` and `update`.
#[derive(Args, Debug)]
pub struct LimitArgs {
    /// Memory limit (e.g. 64m, 1g)
    #[arg(short, long)]
    pub memory: Option<String>,
    /// Number of CPUs (e.g. 0.5)
    #[arg(long)]
    pub cpus: Option<f64>,
    /// Tune the container's pids limit (-1 for unlimited)
    #[arg(long)]
    pub pids_limit: Option<i64>,
}

impl LimitArgs {
    /// The limits asked for; zero where none is.
    pub fn resources(&self) -> Result<crate::engine::types::Resources, Error> {
        Ok(crate::engine::types::Resources {
            memory: match &self.memory {
                Some(m) => size(m, "--memory")?,
                None => 0,
            },
            cpus: self.cpus.unwrap_or(0.0),
            pids_limit: self.pids_limit.unwrap_or(0),
            shm_size: 0,
        })
    }
}

/// A byte size flag (`64m`, `1g`).
fn size(s: &str, flag: &str) -> Result<i64, Error> {
    crate::units::parse_bytes(s)
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            Error::Usage(format!(
                "invalid {flag} {s:?}: use a size such as 64m or 1g"
            ))
        })
}

/// A duration flag (`30s`, `1m30s`).
fn duration(s: &Option<String>, flag: &str) -> Result<u64, Error> {
    match s {
        None => Ok(0),
        Some(s) => crate::units::parse_duration(s)
            .map(|d| d.as_nanos() as u64)
            .ok_or_else(|| {
                Error::Usage(format!(
                    "invalid {flag} {s:?}: use a duration such as 30s or 1m30s"
                ))
            }),
    }
}

impl RunArgs {
    /// `--health-*` as a check to lay over the image's (or `NONE`).
    fn healthcheck(&self) -> Result<Option<crate::engine::types::HealthConfig>, Error> {
        if self.no_healthcheck {
            return Ok(Some(crate::engine::types::HealthConfig {
                test: vec!["NONE".into()],
                ..Default::default()
            }));
        }
        let h = crate::engine::types::HealthConfig {
            test: self
                .health_cmd
                .iter()
                .flat_map(|c| ["CMD-SHELL".to_string(), c.clone()])
                .collect(),
            interval_ns: duration(&self.health_interval, "--health-interval")?,
            timeout_ns: duration(&self.health_timeout, "--health-timeout")?,
            start_period_ns: duration(&self.health_start_period, "--health-start-period")?,
            start_interval_ns: duration(&self.health_start_interval, "--health-start-interval")?,
            retries: self.health_retries.unwrap_or(0),
        };
        Ok((h != crate::engine::types::HealthConfig::default()).then_some(h))
    }

    /// `--log-driver` and `--log-opt`.
    fn log_config(&self) -> Result<crate::engine::types::LogConfig, Error> {
        let opts = self
            .log_opt
            .iter()
            .map(|o| {
                o.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .ok_or_else(|| Error::Usage(format!("--log-opt {o:?}: use KEY=VALUE")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        crate::engine::container::log_config(self.log_driver.as_deref(), &opts)
            .map_err(|e| Error::Usage(format!("--log-opt: {e}")))
    }

    /// The one place `run`/`create` flags become the engine's request.
    fn request(&self, ctx: &Context, snapshotter: Snapshotter) -> Result<CreateRequest, Error> {
        let networks = NetworkChoice::parse(&self.network, &self.network_alias)?;
        let (volumes, tmpfs) = self.mounts(ctx)?;
        self.refuse_unsupported()?;
        let config = ContainerConfig {
            env: env_list(self)?,
            volumes,
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            entrypoint: self.entrypoint.clone(),
            hostname: self.hostname.clone(),
            read_only: self.read_only,
            network: networks.mode,
            networks: networks.attach,
            network_container: networks.container,
            healthcheck: self.healthcheck()?,
            restart: crate::engine::types::RestartPolicy::parse(&self.restart)?,
            resources: crate::engine::types::Resources {
                shm_size: match &self.shm_size {
                    Some(m) => size(m, "--shm-size")?,
                    None => 0,
                },
                ..self.limits.resources()?
            },
            extra_hosts: self.extra_hosts()?,
            dns: self.dns.clone(),
            dns_search: self.dns_search.clone(),
            cap_add: self.cap_add.clone(),
            group_add: self.group_add.clone(),
            cap_drop: self.cap_drop.clone(),
            privileged: self.privileged,
            init: self.init,
            no_sig_proxy: !self.sig_proxy,
            entrypoint_args: None,
            labels: self.labels(),
            command: self.command.clone(),
            remove: self.rm,
            stop_signal: self.stop_signal.clone(),
            log: self.log_config()?,
            interactive: self.interactive,
            tty: self.tty,
            tmpfs,
            ports: self
                .publish
                .iter()
                .map(|p| PortMapping::parse(p))
                .collect::<Result<_, _>>()?,
            publish_all: self.publish_all,
            expose: self.expose.clone(),
            snapshotter,
        };
        let run = RunOptions {
            name: self.name.clone(),
            config,
        };
        Ok(CreateRequest {
            image: self.image.clone(),
            platform: self.platform.platform.clone(),
            pull: self.pull.policy(),
            trust: self.verify.policy(ctx)?,
            keys: self.decrypt.request(),
            sbom: self.verify.sbom(),
            run,
        })
    }

    /// `-v`, `--tmpfs`, `--mount` and `--volumes-from`: the volumes and
    /// tmpfs mounts.
    fn mounts(&self, ctx: &Context) -> Result<(Vec<Volume>, Vec<Tmpfs>), Error> {
        let mut volumes: Vec<Volume> = self
            .volume
            .iter()
            .map(|v| Volume::parse(v))
            .collect::<Result<_, _>>()
            .map_err(|e| Error::Usage(e.to_string()))?;
        let mut tmpfs: Vec<Tmpfs> = self
            .tmpfs
            .iter()
            .map(|t| Tmpfs::parse(t))
            .collect::<Result<_, _>>()?;
        for m in &self.mount {
            match Volume::parse_mount(m)? {
                Ok(v) => volumes.push(v),
                Err(t) => tmpfs.push(t),
            }
        }
        // --volumes-from: the other container's mounts (its anonymous
        // volumes shared, not owned), with the mode asked for.
        let rt = crate::engine::containers::Containers::new(ctx);
        for from in &self.volumes_from {
            let (name, mode) = match from.rsplit_once(':') {
                Some((n, m @ ("ro" | "rw"))) => (n, Some(m)),
                _ => (from.as_str(), None),
            };
            for v in rt.find(name)?.options.volumes {
                if volumes.iter().any(|own| own.target == v.target) {
                    continue;
                }
                volumes.push(Volume {
                    read_only: mode.map_or(v.read_only, |m| m == "ro"),
                    anonymous: false,
                    ..v
                });
            }
        }
        Ok((volumes, tmpfs))
    }

    /// What ccr cannot do, said in one line before anything is made.
    fn refuse_unsupported(&self) -> Result<(), Error> {
        if self
            .cap_add
            .iter()
            .any(|c| c.to_ascii_uppercase().trim_start_matches("CAP_") == "SYS_RESOURCE")
        {
            return Err(Error::Usage(
                "--cap-add SYS_RESOURCE is not supported: the container runtime cannot set it"
                    .into(),
            ));
        }
        if self.gpus.is_some() || !self.device.is_empty() {
            return Err(Error::Usage(
                "--gpus and --device are not supported: ccr passes no host devices into containers"
                    .into(),
            ));
        }
        if self.rm && self.restart != "no" {
            return Err(Error::Usage(
                "conflicting options: --restart and --rm".into(),
            ));
        }
        Ok(())
    }

    /// `--add-host HOST:IP` entries.
    fn extra_hosts(&self) -> Result<Vec<(String, String)>, Error> {
        self.add_host
            .iter()
            .map(|h| {
                h.split_once(':')
                    .or_else(|| h.split_once('='))
                    .map(|(n, ip)| (n.to_string(), ip.to_string()))
                    .ok_or_else(|| Error::Usage(format!("invalid --add-host {h:?}: use HOST:IP")))
            })
            .collect()
    }

    /// `--label KEY=VALUE` entries.
    fn labels(&self) -> std::collections::BTreeMap<String, String> {
        self.label
            .iter()
            .map(|l| {
                let (k, v) = l.split_once('=').unwrap_or((l, ""));
                (k.to_string(), v.to_string())
            })
            .collect()
    }
}

pub fn run(ctx: &Context, a: RunArgs, snapshotter: Snapshotter) -> Result<i32, Error> {
    let req = a.request(ctx, snapshotter)?;
    let how = match a.detach {
        true => Launch::Detached,
        false => Launch::Foreground {
            input: true,
            detach_keys: detach_keys(a.detach_keys.as_deref())?,
        },
    };
    match container::run(ctx, &req, &how, &Progress::on_stderr(a.quiet))? {
        Started::Exited(code) => Ok(code),
        Started::Detached(id) => {
            println!("{id}");
            Ok(0)
        }
        Started::DetachedByKeys(_) => {
            eprintln!("read escape sequence");
            Ok(0)
        }
    }
}

/// `ccr create`: the container of `ccr run`, made but not started.
pub fn create(ctx: &Context, a: RunArgs, snapshotter: Snapshotter) -> Result<i32, Error> {
    if a.detach {
        return Err(Error::Usage(
            "create makes a container without starting it: -d does not apply".into(),
        ));
    }
    let req = a.request(ctx, snapshotter)?;
    let (_, st) = container::create(ctx, &req, &Progress::on_stderr(a.quiet))?;
    println!("{}", st.id);
    Ok(0)
}
