//! `ccr run` and the hidden monitor entry point.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::trust::VerifyArgs;
use crate::context::Context;
use crate::error::Error;
use crate::image::{PullOptions, PullPolicy};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::runtime::{Network, RunOptions, Runtime, Volume};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PullFlag {
    Missing,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum NetworkFlag {
    Bridge,
    None,
    Host,
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
    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set an environment variable (KEY=VALUE, or KEY to take it from this environment)
    #[arg(short, long = "env")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long)]
    pub env_file: Vec<PathBuf>,
    /// Bind mount a host path: SRC:DST[:ro]
    #[arg(short, long = "volume")]
    pub volume: Vec<String>,
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
    /// Network: bridge (CNI, the default), none (loopback only) or host
    #[arg(long, alias = "net", value_enum, default_value_t = NetworkFlag::Bridge)]
    pub network: NetworkFlag,
    /// Publish a container port on the host: [IP:]HOST_PORT:CONTAINER_PORT[/PROTO]
    #[arg(short, long = "publish")]
    pub publish: Vec<String>,
    /// Platform of the image to run
    #[arg(long)]
    pub platform: Option<String>,
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
    pub image: String,
    /// Command and arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

fn env_list(a: &RunArgs) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for f in &a.env_file {
        let text = std::fs::read_to_string(f).map_err(|e| Error::Io {
            path: f.clone(),
            why: e.to_string(),
        })?;
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
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

pub fn run(
    ctx: &Context,
    a: RunArgs,
    snapshotter: crate::runtime::Snapshotter,
) -> Result<i32, Error> {
    let detach = a.detach;
    let (runtime, st) = new_container(ctx, a, snapshotter)?;
    match runtime.launch(&st.id, detach)? {
        Some(code) => Ok(code),
        None => {
            println!("{}", st.id);
            Ok(0)
        }
    }
}

/// `ccr create`: the container of `ccr run`, made but not started.
pub fn create(
    ctx: &Context,
    a: RunArgs,
    snapshotter: crate::runtime::Snapshotter,
) -> Result<i32, Error> {
    if a.detach {
        return Err(Error::Usage(
            "create makes a container without starting it: -d does not apply".into(),
        ));
    }
    let (_, st) = new_container(ctx, a, snapshotter)?;
    println!("{}", st.id);
    Ok(0)
}

/// Pulls (and verifies) the image when needed and makes the container.
fn new_container(
    ctx: &Context,
    a: RunArgs,
    snapshotter: crate::runtime::Snapshotter,
) -> Result<(Runtime, crate::runtime::ContainerState), Error> {
    let r = ImageRef::parse(&a.image)?;
    let platform: Option<Platform> = a.platform.as_deref().map(str::parse).transpose()?;
    let opts = RunOptions {
        name: a.name.clone(),
        env: env_list(&a)?,
        volumes: a
            .volume
            .iter()
            .map(|v| Volume::parse(v))
            .collect::<Result<_, _>>()
            .map_err(|e| Error::Usage(e.to_string()))?,
        workdir: a.workdir.clone(),
        user: a.user.clone(),
        entrypoint: a.entrypoint.clone(),
        hostname: a.hostname.clone(),
        read_only: a.read_only,
        network: match a.network {
            NetworkFlag::Bridge => Network::Bridge,
            NetworkFlag::None => Network::None,
            NetworkFlag::Host => Network::Host,
        },
        command: a.command.clone(),
        remove: a.rm,
        stop_signal: a.stop_signal.clone(),
        interactive: a.interactive,
        tty: a.tty,
        tmpfs: a
            .tmpfs
            .iter()
            .map(|t| crate::runtime::Tmpfs::parse(t))
            .collect::<Result<_, _>>()?,
        ports: a
            .publish
            .iter()
            .map(|p| crate::runtime::network::PortMapping::parse(p))
            .collect::<Result<_, _>>()?,
        snapshotter,
    };
    let pull = PullOptions {
        platforms: platform.iter().cloned().collect(),
        all_platforms: false,
        concurrency: 2,
        trust: a.verify.policy(ctx)?,
    };
    let policy = match a.pull {
        PullFlag::Missing => PullPolicy::Missing,
        PullFlag::Always => PullPolicy::Always,
        PullFlag::Never => PullPolicy::Never,
    };
    // Pulling (and verifying) is async; running is not: the runtime is gone
    // before any container process is made.
    // An image id names local content; verification needs a registry name.
    let by_id = pull
        .trust
        .is_none()
        .then(|| ctx.images.lookup_id(&a.image))
        .flatten();
    let rec = match by_id {
        Some(rec) => rec,
        None => {
            let rt = ctx.runtime()?;
            let progress = Progress::new(a.quiet);
            rt.block_on(ctx.images.ensure(&r, policy, &pull, &progress))?
        }
    };
    let img = ctx.images.resolve_platform(&rec, platform.as_ref())?;
    let runtime = Runtime::new(&ctx.data_root).with_keys(a.decrypt.keyring(&ctx.opts)?);
    let st = runtime.create(&ctx.images, &rec, &img, &opts)?;
    Ok((runtime, st))
}

/// The monitor process (`ccr __monitor ID`): runs the container and exits
/// with its code.
pub fn monitor(ctx: &Context, id: &str) -> Result<i32, Error> {
    match crate::runtime::run_monitor(&ctx.data_root, id) {
        Ok(code) => Ok(code),
        // docker's codes when the command itself cannot be run.
        Err(e) => {
            let msg = e.to_string();
            let code = if msg.contains("not found in $PATH") || msg.contains("not found in PATH") {
                127
            } else if msg.contains("ermission denied") {
                126
            } else {
                return Err(e.into());
            };
            eprintln!("ccr: error: {msg}");
            Ok(code)
        }
    }
}

#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all containers (default shows just running)
    #[arg(short, long)]
    pub all: bool,
    /// Only display container IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Format the output: table, json, or a template
    #[arg(long)]
    pub format: Option<String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct PsRow {
    #[serde(rename = "ID")]
    id: String,
    image: String,
    command: String,
    created_at: String,
    status: String,
    state: String,
    names: String,
    ports: String,
}

pub fn ps(ctx: &Context, a: PsArgs) -> Result<i32, Error> {
    let format = crate::format::Format::parse(a.format.as_deref())?;
    let runtime = Runtime::new(&ctx.data_root);
    let rows: Vec<PsRow> = runtime
        .list()?
        .into_iter()
        .map(|c| runtime.refresh(c))
        .filter(|c| a.all || c.status == "running")
        .map(|c| PsRow {
            id: if a.no_trunc {
                c.id.clone()
            } else {
                c.id[..12].to_string()
            },
            image: crate::image::split_name(&c.image).0
                + ":"
                + &crate::image::split_name(&c.image).1,
            command: {
                let cmd = format!("\"{}\"", c.command.join(" "));
                if a.no_trunc || cmd.chars().count() <= 22 {
                    cmd
                } else {
                    format!("{}…\"", cmd.chars().take(20).collect::<String>())
                }
            },
            created_at: c.created.clone(),
            status: c.status_text(),
            state: c.status.clone(),
            names: c.name.clone(),
            ports: c
                .options
                .ports
                .iter()
                .map(|p| format!("{}->{}/{}", p.host_address(), p.container_port, p.protocol))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    if a.quiet {
        for r in &rows {
            println!("{}", r.id);
        }
        return Ok(0);
    }
    if format != crate::format::Format::Table {
        for r in &rows {
            println!("{}", format.render(r)?);
        }
        return Ok(0);
    }
    let mut table = vec![
        [
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "CREATED",
            "STATUS",
            "PORTS",
            "NAMES",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for r in &rows {
        table.push(vec![
            r.id.clone(),
            r.image.clone(),
            r.command.clone(),
            crate::image::human_since(Some(&r.created_at)),
            r.status.clone(),
            r.ports.clone(),
            r.names.clone(),
        ]);
    }
    super::image::print_table(&mut std::io::stdout().lock(), &table);
    Ok(0)
}

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Number of lines to show from the end of the logs
    #[arg(short = 'n', long)]
    pub tail: Option<String>,
    /// Show timestamps
    #[arg(short, long)]
    pub timestamps: bool,
    /// Show logs since a time (RFC 3339, Unix seconds) or for a duration back (e.g. 10m)
    #[arg(long)]
    pub since: Option<String>,
    /// Show logs before a time (RFC 3339, Unix seconds) or a duration back (e.g. 10m)
    #[arg(long)]
    pub until: Option<String>,
    pub container: String,
}

pub fn logs(ctx: &Context, a: LogsArgs) -> Result<i32, Error> {
    let tail = match a.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => Some(
            n.parse::<usize>()
                .map_err(|_| Error::Usage(format!("--tail {n:?}: expected a number or all")))?,
        ),
    };
    let now = chrono::Utc::now();
    let when = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|s| {
                crate::time::point_in_time(s, now).ok_or_else(|| {
                    Error::Usage(format!(
                        "{flag} {s:?}: use a time (2026-11-23T04:00:00Z, Unix seconds) or a duration such as 10m"
                    ))
                })
            })
            .transpose()
    };
    let opts = crate::runtime::LogOptions {
        tail,
        follow: a.follow,
        timestamps: a.timestamps,
        since: when("--since", &a.since)?,
        until: when("--until", &a.until)?,
    };
    Runtime::new(&ctx.data_root).logs(
        &a.container,
        &opts,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )?;
    Ok(0)
}

#[derive(Args, Debug)]
pub struct StopArgs {
    /// Seconds to wait before killing the container
    #[arg(short = 't', long, default_value_t = 10)]
    pub time: u64,
    /// Signal to send first (default: the container's stop signal, else SIGTERM)
    #[arg(short, long)]
    pub signal: Option<String>,
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal to send
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Force the removal of a running container
    #[arg(short, long)]
    pub force: bool,
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    #[arg(required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format the output using a template
    #[arg(short, long)]
    pub format: Option<String>,
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// Runs `f` for each container, printing what it returns as docker does
/// (the name given) and failing at the end if any failed.
fn each(
    names: &[String],
    mut f: impl FnMut(&str) -> Result<(), crate::runtime::RuntimeError>,
) -> Result<i32, Error> {
    let mut failed = false;
    for n in names {
        match f(n) {
            Ok(()) => println!("{n}"),
            Err(e) => {
                eprintln!("ccr: error: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed { crate::EXIT_CCR_FAILURE } else { 0 })
}

pub fn stop(ctx: &Context, a: StopArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    let signal = a
        .signal
        .as_deref()
        .map(crate::runtime::parse_signal)
        .transpose()?;
    each(&a.containers, |c| {
        rt.stop(c, std::time::Duration::from_secs(a.time), signal)
            .map(|_| ())
    })
}

#[derive(Args, Debug)]
pub struct CpArgs {
    /// Archive mode: keep owners (uid and gid)
    #[arg(short, long)]
    pub archive: bool,
    /// CONTAINER:PATH or a host path
    pub src: String,
    /// CONTAINER:PATH or a host path
    pub dest: String,
}

pub fn cp(ctx: &Context, a: CpArgs) -> Result<i32, Error> {
    let (src, dest) = (
        crate::runtime::CopyPath::parse(&a.src),
        crate::runtime::CopyPath::parse(&a.dest),
    );
    Runtime::new(&ctx.data_root).copy(&src, &dest, a.archive)?;
    Ok(0)
}

#[derive(Args, Debug)]
pub struct PortArgs {
    pub container: String,
    /// Only this container port: PORT[/PROTO]
    pub port: Option<String>,
}

/// `ccr port`: the container's published ports, as docker lists them.
pub fn port(ctx: &Context, a: PortArgs) -> Result<i32, Error> {
    let st = Runtime::new(&ctx.data_root).find(&a.container)?;
    let wanted = match a.port.as_deref() {
        None => None,
        Some(p) => {
            let (n, proto) = p.split_once('/').unwrap_or((p, "tcp"));
            let n: u16 = n
                .parse()
                .map_err(|_| Error::Usage(format!("invalid port {p:?}: use PORT[/tcp|udp]")))?;
            Some((n, proto.to_string()))
        }
    };
    let mut found = false;
    for m in &st.options.ports {
        match &wanted {
            Some((n, proto)) if (m.container_port, &m.protocol) != (*n, proto) => {}
            Some(_) => {
                println!("{}", m.host_address());
                found = true;
            }
            None => {
                println!(
                    "{}/{} -> {}",
                    m.container_port,
                    m.protocol,
                    m.host_address()
                );
                found = true;
            }
        }
    }
    if let (Some(p), false) = (&a.port, found) {
        return Err(Error::Usage(format!(
            "no public port {p} published for {}",
            st.name
        )));
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct RenameArgs {
    pub container: String,
    pub new_name: String,
}

pub fn rename(ctx: &Context, a: RenameArgs) -> Result<i32, Error> {
    Runtime::new(&ctx.data_root).rename(&a.container, &a.new_name)?;
    Ok(0)
}

pub fn restart(ctx: &Context, a: StopArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    let signal = a
        .signal
        .as_deref()
        .map(crate::runtime::parse_signal)
        .transpose()?;
    each(&a.containers, |c| {
        rt.stop(c, std::time::Duration::from_secs(a.time), signal)?;
        rt.start(c).map(|_| ())
    })
}

/// Prints each container's exit code once it has stopped (docker's `wait`).
pub fn wait(ctx: &Context, a: StartArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    let mut failed = false;
    for c in &a.containers {
        match rt.wait(c) {
            Ok(code) => println!("{code}"),
            Err(e) => {
                eprintln!("ccr: error: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed { crate::EXIT_CCR_FAILURE } else { 0 })
}

#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    /// List containers
    #[command(alias = "list", alias = "ps")]
    Ls(PsArgs),
    /// Remove all stopped containers
    Prune {
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum SystemCommand {
    /// Remove stopped containers, dangling images (all unused ones with -a) and the build cache
    Prune {
        /// Remove all unused images, not only dangling ones
        #[arg(short, long)]
        all: bool,
        /// Also remove volumes no container uses
        #[arg(long)]
        volumes: bool,
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
    },
    /// Display system-wide information
    Info,
}

pub fn system(ctx: &Context, c: SystemCommand) -> Result<i32, Error> {
    match c {
        SystemCommand::Info => {
            print!("{}", crate::system::info(&ctx.images, &ctx.data_root)?);
            Ok(0)
        }
        SystemCommand::Prune {
            all,
            volumes,
            force,
        } => {
            let images = if all {
                "all images without at least one container associated to them"
            } else {
                "all dangling images"
            };
            let mut what = vec!["all stopped containers"];
            if volumes {
                what.push("all volumes not used by at least one container");
            }
            what.extend([images, "all build cache"]);
            if !force && !super::confirm(&what) {
                return Ok(0);
            }
            let rt = Runtime::new(&ctx.data_root);
            let containers = rt.prune()?;
            super::print_deleted("Containers", containers.iter().map(|(id, _)| id));
            let removed_volumes = if volumes {
                rt.volume_prune()?
            } else {
                Vec::new()
            };
            super::print_deleted("Volumes", removed_volumes.iter().map(|(n, _)| n));
            let report = super::image::prune_images(ctx, all)?;
            super::print_deleted(
                "Images",
                report.untagged.iter().map(|u| format!("untagged: {u}")),
            );
            let (entries, cache_bytes) =
                crate::builder::prune_cache(&ctx.images.store, &ctx.data_root)?;
            if entries > 0 {
                println!("Deleted build cache objects: {entries}\n");
            }
            let total = containers.iter().map(|(_, b)| *b).sum::<u64>()
                + removed_volumes.iter().map(|(_, b)| *b).sum::<u64>()
                + report.reclaimed_bytes
                + cache_bytes;
            println!("Total reclaimed space: {}", crate::image::human_size(total));
            Ok(0)
        }
    }
}

pub fn container(ctx: &Context, c: ContainerCommand) -> Result<i32, Error> {
    match c {
        ContainerCommand::Ls(a) => ps(ctx, a),
        ContainerCommand::Prune { force } => {
            if !force && !super::confirm(&["all stopped containers"]) {
                return Ok(0);
            }
            let rt = Runtime::new(&ctx.data_root);
            let removed = rt.prune()?;
            super::print_deleted("Containers", removed.iter().map(|(id, _)| id));
            println!(
                "Total reclaimed space: {}",
                crate::image::human_size(removed.iter().map(|(_, b)| *b).sum())
            );
            Ok(0)
        }
    }
}

pub fn kill(ctx: &Context, a: KillArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    let sig = crate::runtime::parse_signal(&a.signal)?;
    each(&a.containers, |c| rt.kill(c, sig).map(|_| ()))
}

pub fn rm(ctx: &Context, a: RmArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    each(&a.containers, |c| rt.remove(c, a.force).map(|_| ()))
}

pub fn start(ctx: &Context, a: StartArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    each(&a.containers, |c| rt.start(c).map(|_| ()))
}

/// `ccr inspect`: containers first, then images, as docker does.
pub fn inspect(ctx: &Context, a: InspectArgs) -> Result<i32, Error> {
    let rt = Runtime::new(&ctx.data_root);
    let format = crate::format::Format::parse(a.format.as_deref())?;
    let mut all = Vec::new();
    for n in &a.names {
        let v = match rt.find(n) {
            Ok(c) => serde_json::json!({
                "Id": c.id,
                "Name": format!("/{}", c.name),
                "Created": c.created,
                "Path": c.command.first().cloned().unwrap_or_default(),
                "Args": c.command.iter().skip(1).collect::<Vec<_>>(),
                "State": {
                    "Status": c.status,
                    "Running": c.status == "running",
                    "Pid": c.pid.unwrap_or(0),
                    "ExitCode": c.exit_code.unwrap_or(0),
                    "StartedAt": c.started.clone().unwrap_or_default(),
                    "FinishedAt": c.finished.clone().unwrap_or_default(),
                },
                "Image": c.image_digest,
                "Config": {"Image": c.image, "Env": c.options.env, "WorkingDir": c.options.workdir, "User": c.options.user, "StopSignal": c.options.stop_signal},
                "HostConfig": {"NetworkMode": c.options.network, "ReadonlyRootfs": c.options.read_only, "AutoRemove": c.options.remove, "Tmpfs": c.options.tmpfs.iter().map(|t| (t.target.clone(), t.options.join(","))).collect::<std::collections::BTreeMap<_, _>>()},
                "Mounts": c.options.volumes.iter().map(|v| match &v.name {
                    Some(n) => serde_json::json!({"Type": "volume", "Name": n, "Source": v.source, "Destination": v.target, "Driver": "local", "RW": !v.read_only}),
                    None => serde_json::json!({"Type": "bind", "Source": v.source, "Destination": v.target, "RW": !v.read_only}),
                }).collect::<Vec<_>>(),
                "LogPath": rt.log_path(&c.id),
            }),
            Err(crate::runtime::RuntimeError::NoSuchContainer(_)) => {
                ctx.images.inspect(n, None).map_err(|e| match e {
                    crate::image::ImageError::NoSuchImage(_) => {
                        Error::Usage(format!("no such object: {n}"))
                    }
                    other => other.into(),
                })?
            }
            Err(e) => return Err(e.into()),
        };
        all.push(v);
    }
    match format {
        crate::format::Format::Table => println!(
            "{}",
            serde_json::to_string_pretty(&all).expect("serialises")
        ),
        f => {
            for v in &all {
                println!("{}", f.render(v)?);
            }
        }
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Set an environment variable
    #[arg(short, long = "env")]
    pub env: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long)]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short, long)]
    pub user: Option<String>,
    /// Keep standard input open: the process reads it
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short, long)]
    pub tty: bool,
    pub container: String,
    /// Command and arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub command: Vec<String>,
}

pub fn exec(ctx: &Context, a: ExecArgs) -> Result<i32, Error> {
    let opts = crate::runtime::ExecOptions {
        args: a.command,
        env: a.env,
        workdir: a.workdir,
        user: a.user,
        interactive: a.interactive,
        tty: a.tty,
    };
    Ok(Runtime::new(&ctx.data_root).exec(&a.container, &opts)?)
}
