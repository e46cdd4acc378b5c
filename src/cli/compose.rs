//! `ccr compose`: the flags docker compose has, and printing.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use clap::{Args, Subcommand};

use crate::engine::compose::{
    self as engine, Plain, Report, down::DownOptions, ops, up::UpOptions,
};
use crate::engine::containers::Containers;
use crate::engine::types::{LoadOptions, Project, ProjectModel};
use crate::engine::{Context, GlobalOptions};
use crate::error::Error;
use crate::progress::Progress;

/// The flags every `ccr compose` command takes.
#[derive(Args, Debug, Clone, Default)]
pub struct ProjectFlags {
    /// Compose configuration files (repeatable; `-` reads standard input)
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Vec<PathBuf>,
    /// Project name
    #[arg(short = 'p', long = "project-name")]
    pub project_name: Option<String>,
    /// Alternate working directory (default: the directory of the first file)
    #[arg(long, value_name = "DIR")]
    pub project_directory: Option<PathBuf>,
    /// Alternate environment files (instead of the project's .env)
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Enable a profile (repeatable; `*` enables all)
    #[arg(long)]
    pub profile: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ComposeArgs {
    #[command(flatten)]
    pub project: ProjectFlags,
    #[command(subcommand)]
    pub command: ComposeCommand,
}

#[derive(Subcommand, Debug)]
pub enum ComposeCommand {
    /// Parse, resolve and render the compose file in canonical format
    Config(ConfigArgs),
    /// As config; with --kubernetes, the project as Kubernetes objects (images pinned by digest)
    Convert(ConvertArgs),
    /// Create and start containers
    Up(UpArgs),
    /// Stop and remove containers, networks (and with -v, volumes)
    Down(DownArgs),
    /// List containers
    Ps(PsArgs),
    /// View output from containers
    Logs(LogsArgs),
    /// Build or rebuild services
    Build(ServicesArgs),
    /// Pull service images
    Pull(PullArgs),
    /// Push service images (signed with x-nerdctl-sign)
    Push(ServicesArgs),
    /// Run a one-off command on a service
    Run(RunArgs),
    /// Execute a command in a running service container
    Exec(ExecArgs),
    /// Create containers for services without starting them
    Create(CreateArgs),
    /// Start services
    Start(ServicesArgs),
    /// Stop services
    Stop(StopArgs),
    /// Restart services
    Restart(StopArgs),
    /// Force stop service containers
    Kill(KillArgs),
    /// Remove stopped service containers
    Rm(RmArgs),
    /// List images used by the created containers
    Images(ServicesArgs),
    /// Print the public port for a port binding
    Port(PortArgs),
    /// Display the running processes
    Top(ServicesArgs),
    /// List running compose projects
    Ls(LsArgs),
    /// Show the compose version information
    Version,
}

#[derive(Args, Debug)]
pub struct ServicesArgs {
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct UpArgs {
    /// Detached mode: run containers in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Build images before starting containers
    #[arg(long, conflicts_with = "no_build")]
    pub build: bool,
    /// Don't build an image, even if it's missing
    #[arg(long)]
    pub no_build: bool,
    /// Pull image before running: always, missing, never
    #[arg(long, value_parser = ["always", "missing", "never"])]
    pub pull: Option<String>,
    /// Recreate containers even if their configuration and image haven't changed
    #[arg(long, conflicts_with = "no_recreate")]
    pub force_recreate: bool,
    /// If containers already exist, don't recreate them
    #[arg(long)]
    pub no_recreate: bool,
    /// Remove containers for services not defined in the compose file
    #[arg(long)]
    pub remove_orphans: bool,
    /// Stops all containers if any container was stopped
    #[arg(long, conflicts_with = "detach")]
    pub abort_on_container_exit: bool,
    /// Scale SERVICE to NUM instances: SERVICE=NUM (repeatable)
    #[arg(long)]
    pub scale: Vec<String>,
    /// Wait for services to be running|healthy (implies detached mode)
    #[arg(long)]
    pub wait: bool,
    /// Maximum duration to wait for the project to be running|healthy (seconds)
    #[arg(long)]
    pub wait_timeout: Option<u64>,
    /// Don't start linked services
    #[arg(long)]
    pub no_deps: bool,
    /// Pull without printing progress information
    #[arg(long)]
    pub quiet_pull: bool,
    /// Don't prefix the log lines with the container name
    #[arg(long)]
    pub no_log_prefix: bool,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Build images before creating containers
    #[arg(long)]
    pub build: bool,
    /// Don't build an image, even if it's missing
    #[arg(long)]
    pub no_build: bool,
    /// Pull image before creating: always, missing, never
    #[arg(long, value_parser = ["always", "missing", "never"])]
    pub pull: Option<String>,
    #[arg(long)]
    pub force_recreate: bool,
    #[arg(long)]
    pub no_recreate: bool,
    #[arg(long)]
    pub remove_orphans: bool,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PullArgs {
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct DownArgs {
    /// Remove named volumes declared in the volumes section and anonymous volumes attached to containers
    #[arg(short, long)]
    pub volumes: bool,
    /// Remove containers for services not defined in the compose file
    #[arg(long)]
    pub remove_orphans: bool,
    /// Shutdown timeout in seconds
    #[arg(short, long)]
    pub timeout: Option<u64>,
}

#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all stopped containers too
    #[arg(short, long)]
    pub all: bool,
    /// Only display IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Display services
    #[arg(long)]
    pub services: bool,
    /// Format the output: table, json, or a template such as '{{.Name}}'
    #[arg(long)]
    pub format: Option<String>,
    pub service: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Show timestamps
    #[arg(short, long)]
    pub timestamps: bool,
    /// Number of lines to show from the end of the logs for each container
    #[arg(short = 'n', long)]
    pub tail: Option<String>,
    /// Don't print the prefix in logs
    #[arg(long)]
    pub no_log_prefix: bool,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Run container in background and print container ID
    #[arg(short, long)]
    pub detach: bool,
    /// Automatically remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Assign a name to the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables (repeatable)
    #[arg(short, long = "env")]
    pub env: Vec<String>,
    /// Bind mount a volume: SRC:DST[:ro] (repeatable)
    #[arg(short, long = "volume")]
    pub volume: Vec<String>,
    /// Publish a container's port(s) to the host (repeatable)
    #[arg(short, long = "publish")]
    pub publish: Vec<String>,
    /// Run command with the service's ports enabled and mapped to the host
    #[arg(long)]
    pub service_ports: bool,
    /// Override the entrypoint of the image
    #[arg(long)]
    pub entrypoint: Option<String>,
    /// Run as this user
    #[arg(short, long)]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short, long)]
    pub workdir: Option<String>,
    /// Don't start linked services
    #[arg(long)]
    pub no_deps: bool,
    /// Disable pseudo-TTY allocation
    #[arg(short = 'T', long = "no-TTY")]
    pub no_tty: bool,
    /// Keep STDIN open
    #[arg(short, long)]
    pub interactive: bool,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    pub service: String,
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Detached mode: run the command in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Set environment variables (repeatable)
    #[arg(short, long = "env")]
    pub env: Vec<String>,
    /// Path to workdir directory for this command
    #[arg(short, long)]
    pub workdir: Option<String>,
    /// Run the command as this user
    #[arg(short, long)]
    pub user: Option<String>,
    /// Index of the container if the service has several replicas
    #[arg(long, default_value_t = 1)]
    pub index: u32,
    /// Disable pseudo-TTY allocation
    #[arg(short = 'T', long = "no-TTY")]
    pub no_tty: bool,
    pub service: String,
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub command: Vec<String>,
}

#[derive(Args, Debug)]
pub struct StopArgs {
    /// Specify a shutdown timeout in seconds
    #[arg(short, long)]
    pub timeout: Option<u64>,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct KillArgs {
    /// SIGNAL to send to the container
    #[arg(short, long, default_value = "SIGKILL")]
    pub signal: String,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Don't ask to confirm removal
    #[arg(short, long)]
    pub force: bool,
    /// Stop the containers, if required, before removing
    #[arg(short, long)]
    pub stop: bool,
    /// Remove any anonymous volumes attached to containers
    #[arg(short, long)]
    pub volumes: bool,
    pub services: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PortArgs {
    /// Index of the container if the service has several replicas
    #[arg(long, default_value_t = 1)]
    pub index: u32,
    /// tcp or udp
    #[arg(long, default_value = "tcp")]
    pub protocol: String,
    pub service: String,
    pub private_port: u16,
}

#[derive(Args, Debug)]
pub struct LsArgs {
    /// Show all stopped Compose projects
    #[arg(short, long)]
    pub all: bool,
    /// Only display project names
    #[arg(short, long)]
    pub quiet: bool,
    /// Format the output: table or json
    #[arg(long, default_value = "table")]
    pub format: String,
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Only validate the configuration, print nothing
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the service names, one per line
    #[arg(long)]
    pub services: bool,
    /// Print the volume names, one per line
    #[arg(long)]
    pub volumes: bool,
    /// Format the output: yaml or json
    #[arg(long, default_value = "yaml", value_parser = ["yaml", "json"])]
    pub format: String,
    /// Services to render (and what they depend on)
    pub service: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The project as Kubernetes objects instead
    #[arg(long)]
    pub kubernetes: bool,
    #[command(flatten)]
    pub kube: super::kube::KubeOutputArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Loads the project the flags describe, printing compose's warnings.
pub fn project(flags: &ProjectFlags, services: &[String]) -> Result<Project, Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        path: PathBuf::from("."),
        source,
    })?;
    let stdin = if flags.file.iter().any(|f| f.as_os_str() == "-") {
        let mut text = String::new();
        std::io::stdin()
            .take(crate::bounded::CONFIG_FILE)
            .read_to_string(&mut text)
            .map_err(|source| Error::Io {
                path: PathBuf::from("-"),
                source,
            })?;
        Some(text)
    } else {
        None
    };
    let opts = LoadOptions {
        cwd,
        files: flags.file.clone(),
        project_directory: flags.project_directory.clone(),
        project_name: flags.project_name.clone(),
        env_files: flags.env_file.clone(),
        profiles: flags.profile.clone(),
        services: services.to_vec(),
        environment: std::env::vars().collect(),
        stdin,
    };
    let p = engine::load(&opts)?;
    for w in &p.warnings {
        eprintln!("WARN[0000] {w}");
    }
    Ok(p)
}

/// The project the flags describe, typed for running; its warnings
/// (keys ccr ignores) printed once.
pub fn model(flags: &ProjectFlags, services: &[String]) -> Result<ProjectModel, Error> {
    let p = project(flags, services)?;
    let m = engine::typed(&p)?;
    for w in m.warnings() {
        eprintln!("WARN[0000] {w}");
    }
    Ok(m)
}

fn pull_policy(p: &Option<String>) -> Option<crate::engine::types::PullPolicy> {
    p.as_deref().map(|p| match p {
        "always" => crate::engine::types::PullPolicy::Always,
        "never" => crate::engine::types::PullPolicy::Never,
        _ => crate::engine::types::PullPolicy::Missing,
    })
}

fn build_when(build: bool, no_build: bool) -> engine::up::BuildWhen {
    match (build, no_build) {
        (true, _) => engine::up::BuildWhen::Always,
        (_, true) => engine::up::BuildWhen::Never,
        _ => engine::up::BuildWhen::Missing,
    }
}

pub fn run(opts: &GlobalOptions, a: ComposeArgs) -> Result<i32, Error> {
    let flags = &a.project;
    let ctx = || -> Result<Context, Error> {
        let ctx = Context::new(opts)?;
        for n in &ctx.notices {
            eprintln!("ccr: {n}");
        }
        Ok(ctx)
    };
    match a.command {
        ComposeCommand::Config(c) => config(flags, c),
        // docker compose's convert: config, to a file with -o.
        ComposeCommand::Convert(c) if !c.kubernetes => {
            let text = config_text(flags, &c.config)?;
            if c.kube.output.as_os_str() == "-" {
                print!("{text}");
            } else {
                crate::outfile::write(&c.kube.output, text.as_bytes()).map_err(|source| {
                    Error::Io {
                        path: c.kube.output.clone(),
                        source,
                    }
                })?;
            }
            Ok(0)
        }
        ComposeCommand::Convert(c) => {
            let ctx = ctx()?;
            let m = model(flags, &c.config.service)?;
            let done = crate::engine::kube::convert(&ctx, &m, &c.kube.options()?)?;
            super::kube::emit(&done, &c.kube)
        }
        ComposeCommand::Version => {
            println!("ccr compose version v{}", engine::VERSION);
            Ok(0)
        }
        ComposeCommand::Ls(l) => ls(&ctx()?, l),
        ComposeCommand::Up(u) => up(&ctx()?, flags, u),
        ComposeCommand::Create(c) => create_cmd(&ctx()?, flags, c),
        ComposeCommand::Down(d) => down_cmd(&ctx()?, flags, d),
        ComposeCommand::Ps(p) => ps(&ctx()?, flags, p),
        ComposeCommand::Logs(l) => logs_cmd(&ctx()?, flags, l),
        ComposeCommand::Build(b) => build_cmd(&ctx()?, flags, b),
        ComposeCommand::Pull(b) => pull_cmd(&ctx()?, flags, b),
        ComposeCommand::Push(b) => push_cmd(&ctx()?, flags, b),
        ComposeCommand::Run(r) => compose_run(&ctx()?, flags, r),
        ComposeCommand::Exec(e) => exec_cmd(&ctx()?, flags, e),
        ComposeCommand::Start(s) => each(&ctx()?, flags, &s.services, |rt, c| {
            rt.start(&c.id)?;
            Plain.event("Container", &c.name, "Started");
            Ok(())
        }),
        ComposeCommand::Stop(s) => stop(&ctx()?, flags, &s.services, s.timeout, false),
        ComposeCommand::Restart(s) => stop(&ctx()?, flags, &s.services, s.timeout, true),
        ComposeCommand::Kill(k) => {
            let sig = crate::engine::types::parse_signal(&k.signal)?;
            each(&ctx()?, flags, &k.services, move |rt, c| {
                if c.status.is_running() {
                    rt.kill(&c.id, sig)?;
                    Plain.event("Container", &c.name, "Killed");
                }
                Ok(())
            })
        }
        ComposeCommand::Rm(r) => rm_cmd(&ctx()?, flags, r),
        ComposeCommand::Images(s) => images_cmd(&ctx()?, flags, s),
        ComposeCommand::Port(p) => port_cmd(&ctx()?, flags, p),
        ComposeCommand::Top(s) => top_cmd(&ctx()?, flags, s),
    }
}

/// `compose create`: the containers made, none started.
fn create_cmd(ctx: &Context, flags: &ProjectFlags, c: CreateArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let up = UpOptions {
        services: c.services,
        build: build_when(c.build, c.no_build),
        pull: pull_policy(&c.pull),
        force_recreate: c.force_recreate,
        no_recreate: c.no_recreate,
        remove_orphans: c.remove_orphans,
        no_start: true,
        keys: c.decrypt.request(),
        ..Default::default()
    };
    engine::up::up(ctx, &m, &up, &Progress::on_stderr(false), &Plain)?;
    Ok(0)
}

/// `compose down`.
fn down_cmd(ctx: &Context, flags: &ProjectFlags, d: DownArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let opts = DownOptions {
        volumes: d.volumes,
        remove_orphans: d.remove_orphans,
        timeout: d.timeout.map(Duration::from_secs),
    };
    engine::down::down(ctx, &m, &opts, &Plain)?;
    Ok(0)
}

/// `compose logs`.
fn logs_cmd(ctx: &Context, flags: &ProjectFlags, l: LogsArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    let list = ops::service_containers(&rt, &m, &l.services, true)?;
    let tail = match l.tail.as_deref() {
        None | Some("all") => None,
        Some(n) => Some(
            n.parse::<usize>()
                .map_err(|_| Error::Usage(format!("--tail {n:?}: expected a number or all")))?,
        ),
    };
    let lo = crate::engine::types::LogOptions {
        tail,
        follow: l.follow,
        timestamps: l.timestamps,
        since: None,
        until: None,
        details: false,
    };
    ops::logs(
        &rt,
        &list,
        &lo,
        l.no_log_prefix,
        Box::new(std::io::stdout()),
    )?;
    Ok(0)
}

/// `compose build`.
fn build_cmd(ctx: &Context, flags: &ProjectFlags, b: ServicesArgs) -> Result<i32, Error> {
    ops::build(
        ctx,
        &model(flags, &[])?,
        &b.services,
        &Progress::on_stderr(false),
        &Plain,
    )?;
    Ok(0)
}

/// `compose pull`.
fn pull_cmd(ctx: &Context, flags: &ProjectFlags, b: PullArgs) -> Result<i32, Error> {
    ops::pull(
        ctx,
        &model(flags, &[])?,
        &b.services,
        &b.decrypt.request(),
        &Progress::on_stderr(false),
        &Plain,
    )?;
    Ok(0)
}

/// `compose push`, signing where the service asks.
fn push_cmd(ctx: &Context, flags: &ProjectFlags, b: ServicesArgs) -> Result<i32, Error> {
    let password = || super::trust::password(false);
    ops::push(
        ctx,
        &model(flags, &[])?,
        &b.services,
        &password,
        &Progress::on_stderr(false),
        &Plain,
    )?;
    Ok(0)
}

/// `compose exec`: a command in a service's container.
fn exec_cmd(ctx: &Context, flags: &ProjectFlags, e: ExecArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    let c = ops::container_of(&rt, &m, &e.service, e.index)?;
    let tty = !e.no_tty && !e.detach && std::io::IsTerminal::is_terminal(&std::io::stdin());
    let opts = crate::engine::types::ExecOptions {
        args: e.command,
        env: e.env,
        workdir: e.workdir,
        user: e.user,
        interactive: tty,
        tty,
        quiet: e.detach,
        detach: e.detach,
    };
    rt.exec(&c.id, &opts)
}

/// `compose rm`: stopped service containers (and with `-s` running ones).
fn rm_cmd(ctx: &Context, flags: &ProjectFlags, r: RmArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    let list: Vec<_> = ops::service_containers(&rt, &m, &r.services, true)?
        .into_iter()
        .filter(|c| r.stop || !c.status.is_running())
        .collect();
    if list.is_empty() {
        eprintln!("No stopped containers");
        return Ok(0);
    }
    let names: Vec<String> = list.iter().map(|c| c.name.clone()).collect();
    if !r.force && !super::confirm(&[&format!("Going to remove {}", names.join(", "))]) {
        return Ok(0);
    }
    engine::down::stop_and_remove(&rt, &m, list.clone(), None, true, &Plain)?;
    if r.volumes {
        for v in list
            .iter()
            .flat_map(|c| c.options.volumes.iter())
            .filter_map(|v| v.name.clone())
        {
            if v.len() == 64 && rt.volume(&v).is_ok() {
                rt.volume_remove(&v)?;
            }
        }
    }
    Ok(0)
}

/// `compose images`.
fn images_cmd(ctx: &Context, flags: &ProjectFlags, s: ServicesArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    let mut table = vec![vec![
        "CONTAINER".to_string(),
        "REPOSITORY".into(),
        "TAG".into(),
        "IMAGE ID".into(),
    ]];
    for c in ops::service_containers(&rt, &m, &s.services, false)? {
        let (repo, tag) = crate::engine::types::split_name(&c.image);
        let id = c.image_digest.trim_start_matches("sha256:");
        table.push(vec![
            c.name.clone(),
            repo.to_string(),
            tag.to_string(),
            id[..12.min(id.len())].to_string(),
        ]);
    }
    super::print_table(&mut std::io::stdout().lock(), &table);
    Ok(0)
}

/// `compose port`: the host side of a published port.
fn port_cmd(ctx: &Context, flags: &ProjectFlags, p: PortArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    let c = ops::container_of(&rt, &m, &p.service, p.index)?;
    match c
        .options
        .ports
        .iter()
        .find(|m| m.container_port == p.private_port && m.protocol == p.protocol)
    {
        Some(m) => {
            println!("{}", m.host_address());
            Ok(0)
        }
        None => Err(Error::Usage(format!(
            "no port {}/{} is published for service {}",
            p.private_port, p.protocol, p.service
        ))),
    }
}

/// `compose top`.
fn top_cmd(ctx: &Context, flags: &ProjectFlags, s: ServicesArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    for c in ops::service_containers(&rt, &m, &s.services, false)? {
        if !c.status.is_running() {
            continue;
        }
        println!("{}", c.name);
        super::container::print_processes(&rt.processes(&c.id)?);
        println!();
    }
    Ok(0)
}

/// Runs `f` on each container of `services` (all when empty).
fn each(
    ctx: &Context,
    flags: &ProjectFlags,
    services: &[String],
    f: impl Fn(&Containers, &crate::engine::types::ContainerState) -> Result<(), Error>,
) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    for c in ops::service_containers(&rt, &m, services, false)? {
        f(&rt, &c)?;
    }
    Ok(0)
}

fn stop(
    ctx: &Context,
    flags: &ProjectFlags,
    services: &[String],
    timeout: Option<u64>,
    and_start: bool,
) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let rt = Containers::new(ctx);
    let list = ops::service_containers(&rt, &m, services, false)?;
    engine::down::stop_and_remove(
        &rt,
        &m,
        list.clone(),
        timeout.map(Duration::from_secs),
        false,
        &Plain,
    )?;
    if and_start {
        for s in m.start_order() {
            for c in list.iter().filter(|c| engine::service_of(c) == s.name) {
                rt.start(&c.id)?;
                Plain.event("Container", &c.name, "Started");
            }
        }
    }
    Ok(0)
}

fn up(ctx: &Context, flags: &ProjectFlags, u: UpArgs) -> Result<i32, Error> {
    let m = model(flags, &u.services)?;
    let scale = u
        .scale
        .iter()
        .map(|s| {
            s.split_once('=')
                .and_then(|(k, v)| Some((k.to_string(), v.parse::<u32>().ok()?)))
                .ok_or_else(|| Error::Usage(format!("invalid --scale {s:?}: use SERVICE=NUM")))
        })
        .collect::<Result<BTreeMap<_, _>, _>>()?;
    let opts = UpOptions {
        services: u.services.clone(),
        build: build_when(u.build, u.no_build),
        pull: pull_policy(&u.pull),
        force_recreate: u.force_recreate,
        no_recreate: u.no_recreate,
        remove_orphans: u.remove_orphans,
        scale,
        no_start: false,
        no_deps: u.no_deps,
        quiet_pull: u.quiet_pull,
        keys: u.decrypt.request(),
    };
    let progress = Progress::on_stderr(u.quiet_pull);
    // Attached, Ctrl-C stops the project, also while it is coming up.
    let interrupted = Arc::new(AtomicBool::new(false));
    if !u.detach && !u.wait {
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register(sig, interrupted.clone()).map_err(|source| Error::Io {
                path: PathBuf::from("signal handler"),
                source,
            })?;
        }
    }
    let started = engine::up::up(ctx, &m, &opts, &progress, &Plain)?;
    let rt = Containers::new(ctx);
    if u.wait {
        engine::up::wait_ready(&rt, &started, u.wait_timeout.map(Duration::from_secs))?;
        return Ok(0);
    }
    if u.detach {
        return Ok(0);
    }
    engine::ops::attach(
        &rt,
        &m,
        started,
        &engine::ops::Attach {
            abort_on_exit: u.abort_on_container_exit,
            no_log_prefix: u.no_log_prefix,
        },
        &interrupted,
        Box::new(std::io::stdout()),
        &Plain,
    )
}

fn ps(ctx: &Context, flags: &ProjectFlags, p: PsArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    if p.services {
        for s in &m.services {
            if p.service.is_empty() || p.service.contains(&s.name) {
                println!("{}", s.name);
            }
        }
        return Ok(0);
    }
    let rt = Containers::new(ctx);
    let list: Vec<_> = ops::service_containers(&rt, &m, &p.service, true)?
        .into_iter()
        .filter(|c| {
            p.all
                || c.status.is_running()
                || c.status == crate::engine::types::ContainerStatus::Restarting
        })
        .collect();
    if p.quiet {
        for c in &list {
            println!("{}", c.id);
        }
        return Ok(0);
    }
    let rows: Vec<serde_json::Value> = list
        .iter()
        .map(|c| {
            let ports: Vec<String> = c
                .options
                .ports
                .iter()
                .map(|p| format!("{}->{}/{}", p.host_address(), p.container_port, p.protocol))
                .collect();
            serde_json::json!({
                "ID": c.id,
                "Name": c.name,
                "Image": c.image,
                "Command": format!("\"{}\"", c.command.join(" ")),
                "Project": m.name,
                "Service": engine::service_of(c),
                "Created": c.created,
                "State": c.status.to_string(),
                "Status": c.status_text(),
                "Health": c.health.as_ref().map(|h| h.status.clone()).unwrap_or_default(),
                "ExitCode": c.exit_code.unwrap_or(0),
                "Ports": ports.join(", "),
                "Labels": c.options.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
            })
        })
        .collect();
    let format = crate::format::Format::parse(p.format.as_deref())?;
    if format != crate::format::Format::Table {
        for l in format.lines(&rows)? {
            println!("{l}");
        }
        return Ok(0);
    }
    let mut table = vec![vec![
        "NAME".to_string(),
        "IMAGE".into(),
        "COMMAND".into(),
        "SERVICE".into(),
        "CREATED".into(),
        "STATUS".into(),
        "PORTS".into(),
    ]];
    for (c, r) in list.iter().zip(&rows) {
        table.push(vec![
            c.name.clone(),
            c.image.clone(),
            r["Command"].as_str().unwrap_or_default().to_string(),
            r["Service"].as_str().unwrap_or_default().to_string(),
            crate::format::human_since(Some(&c.created)),
            c.status_text(),
            r["Ports"].as_str().unwrap_or_default().to_string(),
        ]);
    }
    super::print_table(&mut std::io::stdout().lock(), &table);
    Ok(0)
}

fn ls(ctx: &Context, l: LsArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let projects = ops::projects(&rt, l.all)?;
    if l.quiet {
        for p in &projects {
            println!("{}", p.name);
        }
    } else if l.format == "json" {
        println!("{}", serde_json::to_string(&projects).expect("serialises"));
    } else {
        let mut table = vec![vec![
            "NAME".to_string(),
            "STATUS".into(),
            "CONFIG FILES".into(),
        ]];
        table.extend(
            projects
                .iter()
                .map(|p| vec![p.name.clone(), p.status.clone(), p.config_files.clone()]),
        );
        super::print_table(&mut std::io::stdout().lock(), &table);
    }
    Ok(0)
}

fn compose_run(ctx: &Context, flags: &ProjectFlags, r: RunArgs) -> Result<i32, Error> {
    let m = model(flags, &[])?;
    let tty = !r.no_tty && std::io::IsTerminal::is_terminal(&std::io::stdin()) && !r.detach;
    let req = ops::RunRequest {
        service: r.service,
        command: r.command,
        name: r.name,
        detach: r.detach,
        remove: r.rm,
        env: r.env,
        volumes: r
            .volume
            .iter()
            .map(|v| crate::engine::types::Volume::parse(v))
            .collect::<Result<_, _>>()?,
        publish: r
            .publish
            .iter()
            .map(|p| crate::engine::types::PortMapping::parse(p))
            .collect::<Result<_, _>>()?,
        service_ports: r.service_ports,
        entrypoint: r.entrypoint,
        user: r.user,
        workdir: r.workdir,
        no_deps: r.no_deps,
        tty,
        interactive: r.interactive || tty,
        keys: r.decrypt.request(),
    };
    // The container's output is this command's; pulls are quiet.
    match ops::run(ctx, &m, &req, &Progress::new(true), &Plain)? {
        crate::engine::container::Started::Exited(code) => Ok(code),
        crate::engine::container::Started::Detached(id) => {
            println!("{id}");
            Ok(0)
        }
        crate::engine::container::Started::DetachedByKeys(_) => {
            eprintln!("read escape sequence");
            Ok(0)
        }
    }
}

fn config(flags: &ProjectFlags, a: ConfigArgs) -> Result<i32, Error> {
    print!("{}", config_text(flags, &a)?);
    Ok(0)
}

/// What `config` prints (nothing with `-q`).
fn config_text(flags: &ProjectFlags, a: &ConfigArgs) -> Result<String, Error> {
    let p = project(flags, &a.service)?;
    if a.quiet {
        return Ok(String::new());
    }
    let keys = |kind: &str| -> Vec<String> {
        p.model
            .get(kind)
            .and_then(|v| v.as_mapping())
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    if a.services || a.volumes {
        let mut names = Vec::new();
        if a.services {
            names.extend(keys("services"));
        }
        if a.volumes {
            names.extend(keys("volumes"));
        }
        return Ok(names.iter().map(|n| format!("{n}\n")).collect());
    }
    Ok(if a.format == "json" {
        format!(
            "{}\n",
            serde_json::to_string_pretty(&engine::to_json(&p)).unwrap_or_default()
        )
    } else {
        engine::to_yaml(&p)
    })
}
