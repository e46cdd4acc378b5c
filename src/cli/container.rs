//! Container commands (`ps`, `logs`, `stop`, `kill`, `rm`, `start`,
//! `restart`, `wait`, `cp`, `port`, `rename`, `exec`, `container ...`)
//! and `inspect`: flags in, the runtime's answers printed.

use clap::{Args, Subcommand};

use crate::engine::Context;
use crate::engine::containers::{Attached, Containers};
use crate::error::Error;

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
    /// Filter output: status=, name=, id=, label=, ancestor=, exited=, network=, volume=, health=
    #[arg(short, long)]
    pub filter: Vec<String>,
    /// Show the latest created container (includes all states)
    #[arg(short, long)]
    pub latest: bool,
    /// Show the n last created containers (includes all states)
    #[arg(short = 'n', long = "last")]
    pub last: Option<usize>,
    /// Display total file sizes (of each container's writable layer)
    #[arg(short, long)]
    pub size: bool,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct PsRow {
    #[serde(rename = "ID")]
    id: String,
    image: String,
    command: String,
    created_at: String,
    running_for: String,
    status: String,
    state: String,
    names: String,
    ports: String,
    labels: String,
    mounts: String,
    networks: String,
    size: String,
}

/// docker's time format for `CreatedAt`: `2006-01-02 15:04:05 -0700 MST`.
fn docker_time(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|d| {
            d.with_timezone(&chrono::Utc)
                .format("%Y-%m-%d %H:%M:%S %z UTC")
                .to_string()
        })
        .unwrap_or_default()
}

pub fn ps(ctx: &Context, a: PsArgs) -> Result<i32, Error> {
    let format = crate::format::Format::parse(a.format.as_deref())?;
    let runtime = Containers::new(ctx);
    let filter = crate::engine::types::Filter::parse(&a.filter)?;
    let all = a.all || a.latest || a.last.is_some() || filter.names_status();
    let mut list: Vec<_> = runtime
        .list()?
        .into_iter()
        .filter(|c| all || c.status.is_running())
        .filter(|c| filter.matches(c))
        .collect();
    // Newest first (the listing's order); -l and -n keep the newest.
    if let Some(n) = if a.latest { Some(1) } else { a.last } {
        list.truncate(n);
    }
    let rows: Vec<PsRow> = list.into_iter().map(|c| ps_row(&runtime, &a, c)).collect();
    if a.quiet {
        for r in &rows {
            println!("{}", r.id);
        }
        return Ok(0);
    }
    if format != crate::format::Format::Table {
        for l in format.lines_named(&rows, &[("ID", "CONTAINER ID")])? {
            println!("{l}");
        }
        return Ok(0);
    }
    ps_table(&rows, a.size);
    Ok(0)
}

/// A container's command as docker lists it: quoted, an argument with a
/// space in quotes, cut at 20 characters unless `whole`.
pub(super) fn quoted_command(command: &[String], whole: bool) -> String {
    let cmd = format!("\"{}\"", shell_words::join(command));
    if whole || cmd.chars().count() <= 22 {
        cmd
    } else {
        format!("{}…\"", cmd.chars().take(20).collect::<String>())
    }
}

/// One container as `ps` shows it.
fn ps_row(runtime: &Containers, a: &PsArgs, c: crate::engine::types::ContainerState) -> PsRow {
    PsRow {
        id: if a.no_trunc {
            c.id.clone()
        } else {
            c.id[..12].to_string()
        },
        image: {
            let (repo, tag) = crate::engine::types::split_name(&c.image);
            format!("{repo}:{tag}")
        },
        command: quoted_command(&c.command, a.no_trunc),
        created_at: docker_time(&c.created),
        running_for: crate::format::human_since(Some(&c.created)),
        status: c.status_text(),
        state: c.state_name().to_string(),
        names: c.name.clone(),
        ports: c
            .options
            .ports
            .iter()
            .map(|p| format!("{}->{}/{}", p.host_address(), p.container_port, p.protocol))
            .collect::<Vec<_>>()
            .join(", "),
        labels: c
            .options
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        mounts: c
            .options
            .volumes
            .iter()
            .map(|v| {
                v.name
                    .clone()
                    .unwrap_or_else(|| v.source.display().to_string())
            })
            .collect::<Vec<_>>()
            .join(","),
        networks: c
            .attachments()
            .iter()
            .map(|n| n.network_name().to_string())
            .collect::<Vec<_>>()
            .join(","),
        size: if a.size {
            crate::format::human_size(runtime.writable_size(&c.id))
        } else {
            String::new()
        },
    }
}

/// `ps`'s table: docker's columns (with `-s` the size).
fn ps_table(rows: &[PsRow], size: bool) {
    let mut header = [
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ]
    .map(String::from)
    .to_vec();
    if size {
        header.push("SIZE".into());
    }
    let mut table = vec![header];
    for r in rows {
        let mut row = vec![
            r.id.clone(),
            r.image.clone(),
            r.command.clone(),
            r.running_for.clone(),
            r.status.clone(),
            r.ports.clone(),
            r.names.clone(),
        ];
        if size {
            row.push(r.size.clone());
        }
        table.push(row);
    }
    super::print_table(&mut std::io::stdout().lock(), &table);
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
    /// Show the extra attributes of each record (ccr records none)
    #[arg(long)]
    pub details: bool,
    #[arg(add = super::complete::container())]
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
    let opts = crate::engine::types::LogOptions {
        tail,
        follow: a.follow,
        timestamps: a.timestamps,
        since: when("--since", &a.since)?,
        until: when("--until", &a.until)?,
        details: a.details,
    };
    Containers::new(ctx).logs(
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
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

impl StopArgs {
    /// `--signal` as a number (none: the container's stop signal).
    fn signal(&self) -> Result<Option<i32>, Error> {
        Ok(self
            .signal
            .as_deref()
            .map(crate::engine::types::parse_signal)
            .transpose()?)
    }
}

#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal to send
    #[arg(short, long, default_value = "KILL")]
    pub signal: String,
    #[arg(required = true)]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Force the removal of a running container
    #[arg(short, long)]
    pub force: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short, long)]
    pub volumes: bool,
    #[arg(required = true)]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    #[arg(required = true)]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format the output using a template
    #[arg(short, long)]
    pub format: Option<String>,
    /// Only this kind of object: container or image
    #[arg(long = "type", value_parser = ["container", "image"])]
    pub kind: Option<String>,
    /// A container's sizes too (SizeRw, SizeRootFs)
    #[arg(short, long)]
    pub size: bool,
    #[arg(required = true)]
    #[arg(add = super::complete::object())]
    pub names: Vec<String>,
}

/// Runs `f` for each container, printing what it returns as docker does
/// (the name given) and failing at the end if any failed.
pub(super) fn each(
    names: &[String],
    mut f: impl FnMut(&str) -> Result<(), Error>,
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
    Ok(if failed { super::EXIT_FAILURE } else { 0 })
}

pub fn stop(ctx: &Context, a: StopArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let signal = a.signal()?;
    each(&a.containers, |c| {
        rt.stop(c, std::time::Duration::from_secs(a.time), signal)
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
        crate::engine::types::CopyPath::parse(&a.src),
        crate::engine::types::CopyPath::parse(&a.dest),
    );
    Containers::new(ctx).copy(&src, &dest, a.archive, &mut std::io::stdout().lock())?;
    Ok(0)
}

#[derive(Args, Debug)]
pub struct PortArgs {
    #[arg(add = super::complete::container())]
    pub container: String,
    /// Only this container port: PORT[/PROTO]
    pub port: Option<String>,
}

/// `ccr port`: the container's published ports, as docker lists them.
pub fn port(ctx: &Context, a: PortArgs) -> Result<i32, Error> {
    let st = Containers::new(ctx).find(&a.container)?;
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
    #[arg(add = super::complete::container())]
    pub container: String,
    pub new_name: String,
}

pub fn rename(ctx: &Context, a: RenameArgs) -> Result<i32, Error> {
    Containers::new(ctx).rename(&a.container, &a.new_name)?;
    Ok(0)
}

pub fn restart(ctx: &Context, a: StopArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let signal = a.signal()?;
    each(&a.containers, |c| {
        rt.restart(c, std::time::Duration::from_secs(a.time), signal)
    })
}

/// Prints each container's exit code once it has stopped (docker's `wait`).
pub fn wait(ctx: &Context, a: StartArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
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
    Ok(if failed { super::EXIT_FAILURE } else { 0 })
}

#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    /// List containers
    #[command(alias = "list", alias = "ps")]
    Ls(PsArgs),
    /// Run a command in a new container
    Run(Box<super::run::RunArgs>),
    /// Create a new container
    Create(Box<super::run::RunArgs>),
    /// Start one or more stopped containers
    Start(StartCmdArgs),
    /// Stop one or more running containers
    Stop(StopArgs),
    /// Restart one or more containers
    Restart(StopArgs),
    /// Kill one or more running containers
    Kill(KillArgs),
    /// Remove one or more containers
    #[command(alias = "remove")]
    Rm(RmArgs),
    /// Fetch the logs of a container
    Logs(LogsArgs),
    /// Run a command in a running container
    Exec(ExecArgs),
    /// Display detailed information on one or more containers
    Inspect(InspectArgs),
    /// Copy files between a container and the host
    Cp(CpArgs),
    /// List port mappings of a container
    Port(PortArgs),
    /// Rename a container
    Rename(RenameArgs),
    /// Block until one or more containers stop
    Wait(StartArgs),
    /// Pause all processes within one or more containers
    Pause(StartArgs),
    /// Unpause all processes within one or more containers
    Unpause(StartArgs),
    /// Display the running processes of a container
    Top(TopArgs),
    /// Display a live stream of container resource usage
    Stats(StatsArgs),
    /// Attach to a running container's output
    Attach(AttachArgs),
    /// Update the resource limits and restart policy of containers
    Update(UpdateArgs),
    /// Create a new image from a container's changes
    Commit(CommitArgs),
    /// Inspect changes to files on a container's filesystem
    Diff(StartArgs),
    /// Export a container's filesystem as a tar archive
    Export(ExportArgs),
    /// Remove all stopped containers
    Prune {
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
        /// Only those that match: until=TIME|DURATION, label=KEY[=VALUE], ...
        #[arg(long)]
        filter: Vec<String>,
    },
}

impl ContainerCommand {
    /// `ccr container VERB` as the top-level `ccr VERB` it stands for
    /// (`prune` has no top-level twin).
    pub fn into_command(self) -> super::Command {
        use super::Command as C;
        match self {
            ContainerCommand::Ls(a) => C::Ps(a),
            ContainerCommand::Run(a) => C::Run(a),
            ContainerCommand::Create(a) => C::Create(a),
            ContainerCommand::Start(a) => C::Start(a),
            ContainerCommand::Stop(a) => C::Stop(a),
            ContainerCommand::Restart(a) => C::Restart(a),
            ContainerCommand::Kill(a) => C::Kill(a),
            ContainerCommand::Rm(a) => C::Rm(a),
            ContainerCommand::Logs(a) => C::Logs(a),
            ContainerCommand::Exec(a) => C::Exec(a),
            ContainerCommand::Inspect(a) => C::Inspect(a),
            ContainerCommand::Cp(a) => C::Cp(a),
            ContainerCommand::Port(a) => C::Port(a),
            ContainerCommand::Rename(a) => C::Rename(a),
            ContainerCommand::Wait(a) => C::Wait(a),
            ContainerCommand::Pause(a) => C::Pause(a),
            ContainerCommand::Unpause(a) => C::Unpause(a),
            ContainerCommand::Top(a) => C::Top(a),
            ContainerCommand::Stats(a) => C::Stats(a),
            ContainerCommand::Attach(a) => C::Attach(a),
            ContainerCommand::Update(a) => C::Update(a),
            ContainerCommand::Commit(a) => C::Commit(a),
            ContainerCommand::Diff(a) => C::Diff(a),
            ContainerCommand::Export(a) => C::Export(a),
            prune @ ContainerCommand::Prune { .. } => C::Container(prune),
        }
    }
}

pub fn container(ctx: &Context, c: ContainerCommand) -> Result<i32, Error> {
    match c {
        ContainerCommand::Ls(a) => ps(ctx, a),
        ContainerCommand::Prune { force, filter } => {
            let filter = crate::engine::types::Filter::parse(&filter)?;
            if !force && !super::confirm(&["all stopped containers"]) {
                return Ok(0);
            }
            let removed = crate::engine::prune::containers(ctx, &filter)?;
            super::print_deleted("Containers", removed.iter().map(|(id, _)| id));
            println!(
                "Total reclaimed space: {}",
                crate::format::human_size(removed.iter().map(|(_, b)| *b).sum())
            );
            Ok(0)
        }
        // The verbs were turned into their top-level commands before.
        other => Err(Error::Usage(format!(
            "unexpected container command {other:?}"
        ))),
    }
}

/// `ccr pause`, `ccr unpause`.
pub fn pause(ctx: &Context, a: StartArgs, on: bool) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    each(&a.containers, |c| rt.pause(c, on))
}

#[derive(Args, Debug)]
pub struct TopArgs {
    #[arg(add = super::complete::container())]
    pub container: String,
    /// ps options (ccr prints UID, PID, PPID and CMD whatever they say)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub ps_options: Vec<String>,
}

/// `ccr top`: the container's processes.
pub fn top(ctx: &Context, a: TopArgs) -> Result<i32, Error> {
    print_processes(&Containers::new(ctx).processes(&a.container)?);
    Ok(0)
}

/// `top`'s table of a container's processes.
pub fn print_processes(processes: &[crate::engine::types::Process]) {
    let mut table = vec![vec![
        "UID".to_string(),
        "PID".into(),
        "PPID".into(),
        "CMD".into(),
    ]];
    for p in processes {
        table.push(vec![
            p.uid.to_string(),
            p.pid.to_string(),
            p.ppid.to_string(),
            p.command.clone(),
        ]);
    }
    super::print_table(&mut std::io::stdout().lock(), &table);
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// Show events since a time (RFC 3339, Unix seconds) or a duration back (e.g. 10m)
    #[arg(long)]
    pub since: Option<String>,
    /// Stream events until this time
    #[arg(long)]
    pub until: Option<String>,
    /// Filter: type=, event=, container=, network=, volume=, image=, label=
    #[arg(short, long)]
    pub filter: Vec<String>,
    /// Format the output: json, or a template such as '{{.Action}} {{.ID}}'
    #[arg(long)]
    pub format: Option<String>,
}

/// `ccr events`: what happened, from ccr's own record; the past ones
/// since `--since`, then new ones as they come until `--until` or Ctrl-C.
pub fn events(ctx: &Context, a: EventsArgs) -> Result<i32, Error> {
    use crate::engine::types::Event;
    let now = chrono::Utc::now();
    let when = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|s| {
                crate::time::point_in_time(s, now).ok_or_else(|| {
                    Error::Usage(format!("{flag} {s:?}: use a time (RFC 3339, Unix seconds) or a duration such as 10m"))
                })
            })
            .transpose()
    };
    let since = when("--since", &a.since)?;
    let until = when("--until", &a.until)?;
    let mut by: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for f in &a.filter {
        let (k, v) = f
            .split_once('=')
            .ok_or_else(|| Error::Usage(format!("invalid filter {f:?}: use KEY=VALUE")))?;
        if ![
            "type",
            "event",
            "container",
            "network",
            "volume",
            "image",
            "label",
        ]
        .contains(&k)
        {
            return Err(Error::Usage(format!(
                "invalid filter {k:?}: use type, event, container, network, volume, image or label"
            )));
        }
        by.entry(k).or_default().push(v);
    }
    let matches = |e: &Event| {
        let t = chrono::DateTime::parse_from_rfc3339(&e.time)
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok();
        if since.is_some_and(|s| t.is_some_and(|t| t < s))
            || until.is_some_and(|u| t.is_some_and(|t| t > u))
        {
            return false;
        }
        by.iter().all(|(k, values)| {
            values.iter().any(|v| match *k {
                "type" => e.kind == *v,
                "event" => e.action == *v,
                "container" | "network" | "volume" => {
                    e.kind == *k
                        && (e.id.starts_with(v) || e.attributes.get("name").is_some_and(|n| n == v))
                }
                "image" => e.attributes.get("image").is_some_and(|i| i == v),
                _ => match v.split_once('=') {
                    Some((lk, lv)) => e.attributes.get(lk).is_some_and(|x| x == lv),
                    None => e.attributes.contains_key(*v),
                },
            })
        })
    };
    let format = crate::format::Format::parse(a.format.as_deref())?;
    let print = |e: &Event| -> Result<(), Error> {
        if format == crate::format::Format::Table {
            println!("{}", e.line());
        } else if format == crate::format::Format::Json {
            println!("{}", format.render(&e.docker_json())?);
        } else {
            println!("{}", format.render(&e.docker_fields())?);
        }
        Ok(())
    };
    // As docker: past events only when --since asks for them.
    let record = Containers::new(ctx);
    let (past, mut offset) = record.events();
    if since.is_some() {
        for e in past.iter().filter(|e| matches(e)) {
            print(e)?;
        }
    }
    // Past events only when the window is already over.
    if until.is_some_and(|u| u <= chrono::Utc::now()) {
        return Ok(0);
    }
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let (new, next) = record.events_after(offset);
        offset = next;
        for e in new.iter().filter(|e| matches(e)) {
            print(e)?;
        }
        if until.is_some_and(|u| u <= chrono::Utc::now()) {
            return Ok(0);
        }
    }
}

#[derive(Args, Debug)]
pub struct CommitArgs {
    /// Commit message
    #[arg(short, long)]
    pub message: Option<String>,
    /// Author (e.g. "Jane Doe <jane@example.com>")
    #[arg(short, long)]
    pub author: Option<String>,
    /// Pause the container during commit
    #[arg(short, long, default_value_t = true, action = clap::ArgAction::Set)]
    pub pause: bool,
    /// Apply a Dockerfile instruction to the image: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR (repeatable)
    #[arg(short, long)]
    pub change: Vec<String>,
    #[arg(add = super::complete::container())]
    pub container: String,
    /// The new image's name
    pub repository: Option<String>,
}

/// `ccr commit`: a new image from a container's changes.
pub fn commit(ctx: &Context, a: CommitArgs) -> Result<i32, Error> {
    let opts = crate::engine::types::CommitOptions {
        container: a.container,
        tag: a
            .repository
            .as_deref()
            .map(crate::engine::types::ImageRef::parse)
            .transpose()?,
        message: a.message,
        author: a.author,
        pause: a.pause,
        changes: a
            .change
            .iter()
            .map(|c| crate::engine::types::ConfigChange::parse(c))
            .collect::<Result<_, _>>()?,
    };
    let digest = Containers::new(ctx).commit(&opts)?;
    println!("{digest}");
    Ok(0)
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: super::run::LimitArgs,
    /// Restart policy to apply when a container exits
    #[arg(long)]
    pub restart: Option<String>,
    #[arg(required = true)]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

/// `ccr update`: limits and restart policy of existing containers.
pub fn update(ctx: &Context, a: UpdateArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let resources = a.limits.resources()?;
    let restart = a
        .restart
        .as_deref()
        .map(crate::engine::types::RestartPolicy::parse)
        .transpose()?;
    each(&a.containers, |c| rt.update(c, &resources, restart.clone()))
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Show all containers (default shows just running)
    #[arg(short, long)]
    pub all: bool,
    /// Disable streaming stats and only pull the first result
    #[arg(long)]
    pub no_stream: bool,
    /// Format the output: table, json, or a template such as '{{.Name}} {{.CPUPerc}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Containers (default: all running)
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

/// docker's `stats` row.
#[derive(serde::Serialize)]
struct StatsRow {
    #[serde(rename = "ID")]
    id: String,
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "CPUPerc")]
    cpu: String,
    #[serde(rename = "MemUsage")]
    mem_usage: String,
    #[serde(rename = "MemPerc")]
    mem: String,
    #[serde(rename = "NetIO")]
    net: String,
    #[serde(rename = "BlockIO")]
    block: String,
    #[serde(rename = "PIDs")]
    pids: String,
}

/// Binary sizes as docker's stats print them (`1.5MiB`).
fn binary_size(n: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i < units.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n}B")
    } else {
        format!("{v:.3}{}", units[i]).replace(".000", "")
    }
}

/// `ccr stats`: CPU, memory, network and block I/O, processes, from two
/// readings half a second apart; streamed until interrupted unless
/// `--no-stream`.
pub fn stats(ctx: &Context, a: StatsArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let format = crate::format::Format::parse(a.format.as_deref())?;
    let wanted: Vec<String> = if a.containers.is_empty() {
        rt.list()?
            .into_iter()
            .filter(|c| a.all || c.status.is_running())
            .map(|c| c.id)
            .collect()
    } else {
        a.containers.clone()
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1) as f64;
    let mut before: std::collections::HashMap<String, (std::time::Instant, u64)> =
        Default::default();
    for w in &wanted {
        if let Ok((st, s)) = rt.sample(w) {
            before.insert(st.id, (std::time::Instant::now(), s.cpu_ns));
        }
    }
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    loop {
        std::thread::sleep(std::time::Duration::from_millis(500));
        let mut rows = Vec::new();
        for w in &wanted {
            let (st, s) = match rt.sample(w) {
                Ok(x) => x,
                Err(e) if a.containers.is_empty() => {
                    let _ = e;
                    continue;
                }
                Err(e) => return Err(e),
            };
            let (t0, c0) = before
                .get(&st.id)
                .copied()
                .unwrap_or((std::time::Instant::now(), s.cpu_ns));
            let wall = t0.elapsed().as_nanos().max(1) as f64;
            let cpu = (s.cpu_ns.saturating_sub(c0)) as f64 / wall * 100.0;
            before.insert(st.id.clone(), (std::time::Instant::now(), s.cpu_ns));
            let limit = s.memory_limit.unwrap_or_else(|| {
                // No limit: the host's memory, as docker shows it.
                rustix::system::sysinfo().totalram * rustix::system::sysinfo().mem_unit as u64
            });
            rows.push(StatsRow {
                id: st.id[..12].to_string(),
                name: st.name.clone(),
                cpu: format!("{:.2}%", cpu.min(100.0 * cores)),
                mem_usage: format!("{} / {}", binary_size(s.memory), binary_size(limit)),
                mem: format!("{:.2}%", s.memory as f64 / limit.max(1) as f64 * 100.0),
                net: format!(
                    "{} / {}",
                    crate::format::human_size(s.net_rx),
                    crate::format::human_size(s.net_tx)
                ),
                block: format!(
                    "{} / {}",
                    crate::format::human_size(s.block_read),
                    crate::format::human_size(s.block_write)
                ),
                pids: s.pids.to_string(),
            });
        }
        if terminal && !a.no_stream {
            print!("\x1b[2J\x1b[H");
        }
        print_stats(&format, &rows)?;
        if a.no_stream {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

/// One round of `stats`: as a template, or docker's table.
fn print_stats(format: &crate::format::Format, rows: &[StatsRow]) -> Result<(), Error> {
    if *format != crate::format::Format::Table {
        for l in format.lines_named(
            rows,
            &[
                ("ID", "CONTAINER ID"),
                ("CPUPerc", "CPU %"),
                ("MemUsage", "MEM USAGE / LIMIT"),
                ("MemPerc", "MEM %"),
                ("NetIO", "NET I/O"),
                ("BlockIO", "BLOCK I/O"),
            ],
        )? {
            println!("{l}");
        }
    } else {
        let mut table = vec![
            [
                "CONTAINER ID",
                "NAME",
                "CPU %",
                "MEM USAGE / LIMIT",
                "MEM %",
                "NET I/O",
                "BLOCK I/O",
                "PIDS",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for r in rows {
            table.push(vec![
                r.id.clone(),
                r.name.clone(),
                r.cpu.clone(),
                r.mem_usage.clone(),
                r.mem.clone(),
                r.net.clone(),
                r.block.clone(),
                r.pids.clone(),
            ]);
        }
        super::print_table(&mut std::io::stdout().lock(), &table);
    }
    Ok(())
}

/// `ccr diff`: what the container changed.
pub fn diff(ctx: &Context, a: StartArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    for c in &a.containers {
        for (kind, path) in rt.diff(c)? {
            println!("{kind} {path}");
        }
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Write to a file, instead of standard output
    #[arg(short, long)]
    pub output: Option<std::path::PathBuf>,
    #[arg(add = super::complete::container())]
    pub container: String,
}

/// `ccr export`: the container's file system as a tar archive.
pub fn export(ctx: &Context, a: ExportArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    match &a.output {
        Some(f) => {
            let io = |source| Error::Io {
                path: f.clone(),
                source,
            };
            let mut file = crate::outfile::AtomicOutput::create(f, 0o666).map_err(io)?;
            rt.export(&a.container, &mut file)?;
            file.commit().map_err(io)?;
        }
        None => {
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                return Err(Error::Usage(
                    "cowardly refusing to write a tar archive to a terminal: use -o FILE or redirect the output".into(),
                ));
            }
            rt.export(&a.container, &mut std::io::stdout().lock())?;
        }
    }
    Ok(0)
}

pub fn kill(ctx: &Context, a: KillArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let sig = crate::engine::types::parse_signal(&a.signal)?;
    each(&a.containers, |c| rt.kill(c, sig))
}

pub fn rm(ctx: &Context, a: RmArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    let mut failed = false;
    for c in &a.containers {
        match rt.remove(c, a.force, a.volumes) {
            Ok(()) => println!("{c}"),
            // As docker: with -f a container that is not there is said
            // to be missing, and is no failure.
            Err(e) if a.force && e.is_no_such_container() => eprintln!("ccr: error: {e}"),
            Err(e) => {
                eprintln!("ccr: error: {e}");
                failed = true;
            }
        }
    }
    Ok(if failed { super::EXIT_FAILURE } else { 0 })
}

#[derive(Args, Debug)]
pub struct StartCmdArgs {
    /// Attach the container's output and wait for it to exit (one container)
    #[arg(short, long)]
    pub attach: bool,
    /// Attach the container's input (a container made with -i), and its output
    #[arg(short, long)]
    pub interactive: bool,
    /// The keys that detach, leaving the container running (default ctrl-p,ctrl-q)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    #[arg(required = true)]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

pub fn start(ctx: &Context, a: StartCmdArgs) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    if a.attach || a.interactive {
        let [one] = a.containers.as_slice() else {
            return Err(Error::Usage("start -a and -i take one container".into()));
        };
        let keys = super::flags::detach_keys(a.detach_keys.as_deref())?;
        return attached(rt.start_attached(one, a.interactive, &keys)?);
    }
    each(&a.containers, |c| rt.start(c).map(|_| ()))
}

/// An attachment's end: the container's exit code, or 0 when the detach
/// keys left it running.
fn attached(a: Attached) -> Result<i32, Error> {
    Ok(match a {
        Attached::Exited(code) => code,
        Attached::Detached => {
            eprintln!("read escape sequence");
            0
        }
    })
}

#[derive(Args, Debug)]
pub struct AttachArgs {
    /// Do not attach standard input
    #[arg(long)]
    pub no_stdin: bool,
    /// The keys that detach, leaving the container running (default ctrl-p,ctrl-q)
    #[arg(long, value_name = "KEYS")]
    pub detach_keys: Option<String>,
    #[arg(add = super::complete::container())]
    pub container: String,
}

/// `ccr attach`: the running container's output from now on, until it
/// exits (its exit code); and, for a container made with `-i`, this
/// input into its own until the detach keys.
pub fn attach(ctx: &Context, a: AttachArgs) -> Result<i32, Error> {
    let keys = super::flags::detach_keys(a.detach_keys.as_deref())?;
    attached(Containers::new(ctx).attach(&a.container, !a.no_stdin, &keys)?)
}

/// `ccr inspect`: containers first, then images, as docker does.
pub fn inspect(ctx: &Context, a: InspectArgs) -> Result<i32, Error> {
    let format = crate::format::Format::parse(a.format.as_deref())?;
    use crate::engine::inspect::Kind;
    let kind = match a.kind.as_deref() {
        Some("container") => Kind::Container,
        Some("image") => Kind::Image,
        _ => Kind::Any,
    };
    // As docker: what was found is shown (`[]` when nothing was), each
    // name not found is an error, and the command then fails.
    let mut found = Vec::new();
    let mut missing = None;
    for r in crate::engine::inspect::inspect(ctx, &a.names, kind, a.size) {
        match r {
            Ok(v) => found.push(v),
            Err(e) => {
                if let Some(earlier) = missing.replace(e) {
                    eprintln!("ccr: error: {earlier}");
                }
            }
        }
    }
    if format == crate::format::Format::Table || !found.is_empty() {
        super::print_json(&format, &found)?;
    }
    match missing {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Detached mode: run the command in the background
    #[arg(short, long)]
    pub detach: bool,
    /// Set an environment variable
    #[arg(short, long = "env")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long)]
    pub env_file: Vec<std::path::PathBuf>,
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
    #[arg(add = super::complete::container())]
    pub container: String,
    /// Command and arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    pub command: Vec<String>,
}

pub fn exec(ctx: &Context, a: ExecArgs) -> Result<i32, Error> {
    let mut env = super::run::env_file_lines(&a.env_file)?;
    env.extend(a.env);
    let opts = crate::engine::types::ExecOptions {
        args: a.command,
        env,
        workdir: a.workdir,
        user: a.user,
        interactive: a.interactive && !a.detach,
        tty: a.tty && !a.detach,
        quiet: a.detach,
        detach: a.detach,
    };
    Containers::new(ctx).exec(&a.container, &opts)
}
