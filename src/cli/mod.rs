//! Command-line definitions (clap) and printing. Each handler turns its
//! flags into the engine's options, calls the engine (or one domain
//! module for single-module commands), and prints what comes back.

mod builder;
mod complete;
mod compose;
mod container;
mod crypt;
mod cvm;
mod flags;
mod image;
mod kbs;
mod kube;
mod login;
mod manifest;
mod network;
mod run;
mod sbom;
mod system;
mod trust;
mod volume;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::engine::{Config, Context, GlobalOptions};
use crate::error::Error;

#[derive(Parser, Debug)]
#[command(
    name = "ccr",
    version,
    about = "A container frontend for signed and encrypted images and confidential VMs",
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Root directory of persistent ccr state (default /var/lib/ccr as root, else $XDG_DATA_HOME/ccr)
    #[arg(long, global = true, env = "CCR_DATA_ROOT", value_name = "DIR")]
    pub data_root: Option<PathBuf>,

    /// Allow plain HTTP and unverified TLS for the named registry (repeatable); bare, for every registry
    #[arg(
        long = "insecure-registry",
        global = true,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "*",
        value_name = "HOST[:PORT]"
    )]
    pub insecure_registry: Vec<String>,

    /// Print debug output
    #[arg(long, global = true)]
    pub debug: bool,

    /// Confidential-VM mode (see `ccr cvm status`; also mode = "cvm" in ccr.toml; on by itself in a Confidential Containers guest)
    #[arg(long, global = true)]
    pub cvm: bool,

    /// The initdata TOML the guest booted with (default /run/confidential-containers/initdata/initdata.toml when present)
    #[arg(long, global = true, value_name = "FILE")]
    pub initdata: Option<PathBuf>,

    /// How container root file systems are made: overlayfs (over shared layer snapshots) or native (a copy)
    #[arg(long, global = true, value_enum, default_value_t = SnapshotterFlag::Overlayfs)]
    pub snapshotter: SnapshotterFlag,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SnapshotterFlag {
    Overlayfs,
    Native,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a command in a new container
    Run(Box<run::RunArgs>),
    /// Create a new container without starting it (the flags of run)
    Create(Box<run::RunArgs>),
    /// List containers
    Ps(container::PsArgs),
    /// Fetch the logs of a container
    Logs(container::LogsArgs),
    /// Run a command in a running container
    Exec(container::ExecArgs),
    /// Stop one or more running containers
    Stop(container::StopArgs),
    /// Kill one or more running containers
    Kill(container::KillArgs),
    /// Remove one or more containers
    Rm(container::RmArgs),
    /// Stop and remove containers, and wipe what only they used (writable layers, logs, decrypted layers)
    Destroy(cvm::DestroyArgs),
    /// Replace a running container by one of a new image (same configuration), then wipe the old one
    Upgrade(Box<cvm::UpgradeArgs>),
    /// Start one or more stopped containers
    Start(container::StartCmdArgs),
    /// Copy files between a container and the host: CONTAINER:SRC DEST or SRC CONTAINER:DEST
    Cp(container::CpArgs),
    /// List port mappings of a container, or the host address of one port
    Port(container::PortArgs),
    /// Rename a container
    Rename(container::RenameArgs),
    /// Pause all processes within one or more containers
    Pause(container::StartArgs),
    /// Unpause all processes within one or more containers
    Unpause(container::StartArgs),
    /// Display the running processes of a container
    Top(container::TopArgs),
    /// Display a live stream of container resource usage
    Stats(container::StatsArgs),
    /// Attach to a running container's output
    Attach(container::AttachArgs),
    /// Update the resource limits and restart policy of containers
    Update(container::UpdateArgs),
    /// Create a new image from a container's changes
    Commit(container::CommitArgs),
    /// Get real time events from ccr
    Events(container::EventsArgs),
    /// Inspect changes to files on a container's filesystem
    Diff(container::StartArgs),
    /// Export a container's filesystem as a tar archive
    Export(container::ExportArgs),
    /// Show ccr's version and what it was built with
    Version(flags::FormatArg),
    /// Display system-wide information
    Info(flags::FormatArg),
    /// Manage named volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Define and run multi-container projects (compose files)
    Compose(compose::ComposeArgs),
    /// Run Kubernetes manifests here, and generate them from containers
    #[command(subcommand)]
    Kube(kube::KubeCommand),
    /// Manage ccr as a whole
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Restart one or more containers
    Restart(container::StopArgs),
    /// Block until one or more containers stop, then print their exit codes
    Wait(container::StartArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(container::ContainerCommand),
    /// Display detailed information on containers or images
    Inspect(container::InspectArgs),
    /// Build an image from a Dockerfile
    Build(Box<builder::BuildArgs>),
    /// Manage the build cache
    #[command(subcommand)]
    Builder(builder::BuilderCommand),
    /// Pull an image from a registry
    Pull(image::PullArgs),
    /// Push an image to a registry
    Push(image::PushArgs),
    /// List images
    #[command(alias = "image-ls")]
    Images(image::ImagesArgs),
    /// Show the history of an image
    History(image::HistoryArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(image::TagArgs),
    /// Remove one or more images
    Rmi(image::RmiArgs),
    /// Save one or more images to a tar archive (OCI layout, docker-compatible)
    Save(image::SaveArgs),
    /// Load images from a tar archive (OCI layout or docker save)
    Load(image::LoadArgs),
    /// Import a root filesystem tarball as a one-layer image
    Import(image::ImportArgs),
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Manage local manifest lists (multi-platform images)
    #[command(subcommand)]
    Manifest(manifest::ManifestCommand),
    /// Talk to a Key Broker Service: attest, fetch and provision resources
    #[command(subcommand)]
    Kbs(kbs::KbsCommand),
    /// Confidential-VM mode
    #[command(subcommand)]
    Cvm(cvm::CvmCommand),
    /// Manage signing keys
    #[command(subcommand)]
    Key(trust::KeyCommand),
    /// Generate a software bill of materials (SPDX, CycloneDX) of an image or directory
    Sbom(Box<sbom::SbomArgs>),
    /// Log in to a registry
    Login(login::LoginArgs),
    /// Log out from a registry
    Logout(login::LogoutArgs),
    /// Print a shell completion script
    Completion {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// The command line's definition (for completion).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Writes the completion script for `shell`: a registration that asks
/// ccr itself (`COMPLETE=<shell> ccr -- <words>`), so that container,
/// image, network and volume names complete too.
pub fn completion(
    shell: clap_complete::Shell,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use clap_complete::env::EnvCompleter;
    let r = match shell {
        clap_complete::Shell::Bash => {
            clap_complete::env::Bash.write_registration("COMPLETE", "ccr", "ccr", "ccr", out)
        }
        clap_complete::Shell::Zsh => {
            clap_complete::env::Zsh.write_registration("COMPLETE", "ccr", "ccr", "ccr", out)
        }
        clap_complete::Shell::Fish => {
            clap_complete::env::Fish.write_registration("COMPLETE", "ccr", "ccr", "ccr", out)
        }
        clap_complete::Shell::Elvish => {
            clap_complete::env::Elvish.write_registration("COMPLETE", "ccr", "ccr", "ccr", out)
        }
        _ => {
            clap_complete::env::Powershell.write_registration("COMPLETE", "ccr", "ccr", "ccr", out)
        }
    };
    r.and_then(|()| out.flush())
}

fn snapshotter(flag: &SnapshotterFlag) -> crate::engine::types::Snapshotter {
    match flag {
        SnapshotterFlag::Overlayfs => crate::engine::types::Snapshotter::Overlayfs,
        SnapshotterFlag::Native => crate::engine::types::Snapshotter::Native,
    }
}

/// docker's question before a prune: `WARNING! This will remove:` and the
/// list, answered on standard input; anything but yes declines.
pub fn confirm(what: &[&str]) -> bool {
    if let [one] = what {
        eprintln!("WARNING! This will remove {one}.");
    } else {
        eprintln!("WARNING! This will remove:");
        for w in what {
            eprintln!("  - {w}");
        }
        eprintln!();
    }
    eprint!("Are you sure you want to continue? [y/N] ");
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    matches!(answer.trim(), "y" | "Y" | "yes")
}

/// A prune's report section: `Deleted Containers:` and one line per item,
/// then a blank line; nothing when nothing was removed.
pub fn print_deleted<T: std::fmt::Display>(title: &str, items: impl IntoIterator<Item = T>) {
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        return;
    }
    println!("Deleted {title}:");
    for i in items {
        println!("{i}");
    }
    println!();
}

/// Columns padded to their widest cell plus three spaces, as docker does.
pub fn print_table(out: &mut impl std::io::Write, rows: &[Vec<String>]) {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            if i + 1 == r.len() {
                line.push_str(cell);
            } else {
                // As Go's tabwriter in docker: 3 spaces after the widest
                // cell, 10 columns at least.
                let w = (widths[i] + 3).max(10);
                line.push_str(&format!("{cell:<w$}"));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// `inspect`'s output: the JSON array, or each value through `--format`.
pub fn print_json(format: &crate::format::Format, all: &[serde_json::Value]) -> Result<i32, Error> {
    match format {
        crate::format::Format::Table => {
            println!("{}", serde_json::to_string_pretty(all).expect("serialises"))
        }
        f => {
            for l in f.lines(all)? {
                println!("{l}");
            }
        }
    }
    Ok(0)
}

/// What to do next, in this command line's words: the library's hints
/// name no flags; its remedies are worded here (as flags, or for a compose
/// service as its `x-nerdctl-*` keys).
pub fn hint(e: &Error) -> Option<String> {
    use crate::error::Remedy as R;
    let compose = e.is_service();
    let key = |field: &str, regexp: bool| {
        let prefix = if compose { "x-nerdctl-" } else { "--" };
        let tail = if regexp { "-regexp" } else { "" };
        format!("{prefix}cosign-certificate-{field}{tail}")
    };
    let worded = e.remedy().map(|r| match r {
        R::PlainHttp { registry } => format!(
            "check the address and that the registry is running; for a plain-HTTP registry pass --insecure-registry={registry}"
        ),
        R::Login { registry } => {
            format!("run `ccr login {registry}` with a valid username and password")
        }
        R::KbsUnreachable => "check --kbs-url and that the KBS is running".into(),
        R::ChooseTee => "pass --tee sample explicitly for development".into(),
        R::KbsAddress => "give --kbs-url, set CCR_KBS_URL or kbs_url in ccr.toml, or boot with agent.aa_kbc_params=cc_kbc::<URL>".into(),
        R::MatchingKey => "pass the matching private key (--decryption-key / --key)".into(),
        R::DecryptionKey => "pass one with --decryption-key (nerdctl/imgcrypt style)".into(),
        R::ChoosePlatform => "choose one with --platform".into(),
        R::AllPlatforms => "pull it with --all-platforms (or the platform) first".into(),
        R::NeverPulled => {
            "--pull=never does not pull it: pull it first, or use --pull=missing".into()
        }
        R::NeverVerified => "--pull=never cannot be combined with signature verification, which consults the registry".into(),
        R::KeylessBoth { field } => format!(
            "give {} or {}, not both",
            key(field, false),
            key(field, true)
        ),
        R::KeylessMissing { field } => format!(
            "give {} or {} (or verify with a public key instead)",
            key(field, false),
            key(field, true)
        ),
        R::KeylessRegexp { field } => {
            format!("fix the regular expression of {}", key(field, true))
        }
        R::VerifyNotAsked => {
            "add --verify=cosign, or drop --cosign-key and --cosign-certificate-*".into()
        }
        R::NotSigned => {
            "sign it with `ccr image sign --key KEY` (or cosign), or pull without --verify".into()
        }
        R::KeylessUnavailable if compose => {
            "use a key pair (x-nerdctl-cosign-public-key) instead".into()
        }
        R::KeylessUnavailable => "use a key pair (--cosign-key) instead".into(),
        R::DiskFull => "the data root's file system is full: free space with `ccr image prune` or `ccr system prune` and retry (a partial download resumes), or use another --data-root".into(),
        R::DataRootWritable => "check that the data root is writable (see --data-root)".into(),
        R::DenyAllOnPurpose => "add an `allow if { ... }` rule, or give --deny-all to lock the KBS on purpose; nothing was uploaded".into(),
        R::HelperImage(h) => format!(
            "pass {} IMAGE with an image a registry you can reach has (a local registry's copy, or one pinned by digest there)",
            match h {
                crate::error::HelperImage::Wait => "--wait-image",
                crate::error::HelperImage::Kubectl => "--kubectl-image",
            }
        ),
        R::KeepKek => "register it with --kbs-url and --admin-key (or --admin-token), or write it with --kek-out FILE".into(),
    });
    worded.or_else(|| e.hint())
}

/// Prints a failure as `ccr: error: ...`, its causes with `--debug`, and
/// its hint; returns the exit code.
pub fn report(e: &Error, debug: bool) -> i32 {
    if is_closed_stdout(e) {
        die_of_sigpipe();
    }
    let exit = e.exit();
    let mut shown = e.to_string();
    eprintln!("ccr: error: {shown}");
    if debug {
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            // A message that already quotes its cause does not repeat it.
            let text = s.to_string();
            if !shown.contains(&text) {
                eprintln!("  caused by: {text}");
                shown.push_str(&text);
            }
            src = s.source();
        }
    }
    if let Some(h) = hint(e) {
        eprintln!("hint: {h}");
    }
    exit.code()
}

/// Whether standard output is a pipe or socket whose reader has gone.
fn stdout_gone() -> bool {
    let mut fds = [libc::pollfd {
        fd: libc::STDOUT_FILENO,
        events: libc::POLLOUT,
        revents: 0,
    }];
    // SAFETY: one valid pollfd, a zero timeout.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
    n == 1 && fds[0].revents & (libc::POLLERR | libc::POLLHUP) != 0
}

/// Ends the process as a write to a closed pipe ends a Unix tool.
fn die_of_sigpipe() -> ! {
    // SAFETY: restoring SIGPIPE's default and raising it has no
    // preconditions; no handler runs, the process ends.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
    }
    std::process::exit(128 + libc::SIGPIPE)
}

/// A print to a standard output whose reader has gone ends ccr by SIGPIPE
/// instead of a panic message.
fn quiet_when_stdout_goes_away() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && stdout_gone()
            // Standard error gone as well: nothing can be said.
            || msg.starts_with("failed printing to stderr") && msg.contains("Broken pipe")
        {
            die_of_sigpipe();
        }
        default(info);
    }));
}

/// An error whose cause is a broken pipe, when standard output is the
/// pipe that broke (a stream written with `write_all`, not `print!`).
fn is_closed_stdout(e: &Error) -> bool {
    let epipe = std::io::Error::from_raw_os_error(libc::EPIPE).to_string();
    let mut src: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut broken = false;
    while let Some(s) = src {
        broken |= s
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            // A cause some layer kept only as text.
            || s.to_string().contains(&epipe);
        src = s.source();
    }
    broken && stdout_gone()
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    // A reader of standard output that goes away (`ccr images | head`) ends
    // ccr quietly, by SIGPIPE, as it ends docker (Go does this for fds 1
    // and 2 only) and other Unix tools. Every other closed pipe or socket
    // (a registry that dies mid-push, a credential helper that exits) is
    // an error with a message: SIGPIPE stays ignored, as Rust starts.
    quiet_when_stdout_goes_away();
    // An exec'd process (this process is its parent) inherits nothing
    // ignored or blocked.
    crate::engine::system::reset_inherited_signals();
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => return report(&e, cli.debug),
    };
    let mut opts = GlobalOptions {
        data_root: cli.data_root,
        insecure_registries: cli.insecure_registry,
        debug: cli.debug || config.debug,
        config,
        cvm: cli.cvm,
        initdata: cli.initdata,
    };
    let snapshotter = snapshotter(&cli.snapshotter);
    // Commands that work on the data root get a context made for them.
    macro_rules! in_ctx {
        ($f:expr) => {
            Context::new(&opts).and_then(|ctx| {
                for n in &ctx.notices {
                    eprintln!("ccr: {n}");
                }
                ($f)(&ctx)
            })
        };
    }
    let command = match cli.command {
        Command::Container(c) => c.into_command(),
        other => other,
    };
    // As docker's CLI: `run` fails with 125 (126 and 127 are the
    // container command's); every other command with 1, `create` and
    // `exec` included (exec's 126 is the process's that could not start).
    let own_failure = match &command {
        Command::Run(_) | Command::Cvm(cvm::CvmCommand::Up(_)) => crate::EXIT_CCR_FAILURE,
        _ => EXIT_FAILURE,
    };
    let compose = matches!(command, Command::Compose(_));
    let result = match command {
        Command::Completion { shell } => completion(shell, &mut std::io::stdout())
            .map(|()| 0)
            .map_err(|source| Error::Io {
                path: "standard output".into(),
                source,
            }),
        Command::Login(a) => login::login(&opts, a),
        Command::Kbs(c) => kbs::run(&opts, c),
        Command::Cvm(cvm::CvmCommand::Up(mut a)) => {
            // --initdata names the guest's document: this host does not
            // enter confidential-VM mode for it.
            a.initdata = opts.initdata.take();
            in_ctx!(|ctx| cvm::run(ctx, cvm::CvmCommand::Up(a)))
        }
        Command::Cvm(c) => in_ctx!(|ctx| cvm::run(ctx, c)),
        Command::Key(k) => trust::key(k),
        Command::Logout(a) => login::logout(&opts, a),
        Command::Version(f) => system::version(&f),
        Command::Run(a) => in_ctx!(|ctx| run::run(ctx, *a, snapshotter)),
        Command::Create(a) => {
            in_ctx!(|ctx| run::create(ctx, *a, snapshotter))
        }
        Command::Restart(a) => in_ctx!(|ctx| container::restart(ctx, a)),
        Command::Cp(a) => in_ctx!(|ctx| container::cp(ctx, a)),
        Command::Port(a) => in_ctx!(|ctx| container::port(ctx, a)),
        Command::Rename(a) => in_ctx!(|ctx| container::rename(ctx, a)),
        Command::Pause(a) => in_ctx!(|ctx| container::pause(ctx, a, true)),
        Command::Unpause(a) => in_ctx!(|ctx| container::pause(ctx, a, false)),
        Command::Top(a) => in_ctx!(|ctx| container::top(ctx, a)),
        Command::Stats(a) => in_ctx!(|ctx| container::stats(ctx, a)),
        Command::Attach(a) => in_ctx!(|ctx| container::attach(ctx, a)),
        Command::Update(a) => in_ctx!(|ctx| container::update(ctx, a)),
        Command::Commit(a) => in_ctx!(|ctx| container::commit(ctx, a)),
        Command::Events(a) => in_ctx!(|ctx| container::events(ctx, a)),
        Command::Diff(a) => in_ctx!(|ctx| container::diff(ctx, a)),
        Command::Export(a) => in_ctx!(|ctx| container::export(ctx, a)),
        Command::Volume(c) => in_ctx!(|ctx| volume::run(ctx, c)),
        Command::Compose(a) => compose::run(&opts, a),
        Command::Kube(c) => in_ctx!(|ctx| kube::run(ctx, c)),
        Command::Network(c) => in_ctx!(|ctx| network::run(ctx, c)),
        Command::System(c) => in_ctx!(|ctx| system::system(ctx, c)),
        Command::Info(f) => in_ctx!(|ctx| system::system(ctx, system::SystemCommand::Info(f))),
        Command::Wait(a) => in_ctx!(|ctx| container::wait(ctx, a)),
        Command::Container(c) => in_ctx!(|ctx| container::container(ctx, c)),
        Command::Ps(a) => in_ctx!(|ctx| container::ps(ctx, a)),
        Command::Exec(a) => in_ctx!(|ctx| container::exec(ctx, a)),
        Command::Logs(a) => in_ctx!(|ctx| container::logs(ctx, a)),
        Command::Stop(a) => in_ctx!(|ctx| container::stop(ctx, a)),
        Command::Kill(a) => in_ctx!(|ctx| container::kill(ctx, a)),
        Command::Rm(a) => in_ctx!(|ctx| container::rm(ctx, a)),
        Command::Destroy(a) => in_ctx!(|ctx| cvm::destroy(ctx, a)),
        Command::Upgrade(a) => in_ctx!(|ctx| cvm::upgrade(ctx, *a)),
        Command::Start(a) => in_ctx!(|ctx| container::start(ctx, a)),
        Command::Inspect(a) => in_ctx!(|ctx| container::inspect(ctx, a)),
        Command::Build(a) => in_ctx!(|ctx| builder::build_image(ctx, *a)),
        Command::Builder(c) => in_ctx!(|ctx| builder::builder(ctx, c)),
        Command::Pull(a) => in_ctx!(|ctx| image::pull(ctx, a)),
        Command::Push(a) => in_ctx!(|ctx| image::push(ctx, a)),
        Command::Images(a) => in_ctx!(|ctx| image::images(ctx, a)),
        Command::History(a) => in_ctx!(|ctx| image::history(ctx, a)),
        Command::Tag(a) => in_ctx!(|ctx| image::tag(ctx, a)),
        Command::Rmi(a) => in_ctx!(|ctx| image::rmi(ctx, a)),
        Command::Save(a) => in_ctx!(|ctx| image::save(ctx, a)),
        Command::Load(a) => in_ctx!(|ctx| image::load(ctx, a)),
        Command::Import(a) => in_ctx!(|ctx| image::import(ctx, a)),
        Command::Image(c) => in_ctx!(|ctx| image::image(ctx, c)),
        Command::Manifest(c) => in_ctx!(|ctx| manifest::run(ctx, c)),
        Command::Sbom(a) => in_ctx!(|ctx| sbom::run(ctx, *a)),
    };
    match result {
        Ok(code) => code,
        Err(e) => match report(&e, opts.debug) {
            // docker compose's own codes for a project it cannot load.
            crate::EXIT_CCR_FAILURE if compose && e.compose_exit().is_some() => {
                e.compose_exit().unwrap_or(EXIT_FAILURE)
            }
            crate::EXIT_CCR_FAILURE => own_failure,
            code => code,
        },
    }
}

/// How a command other than `run`, `create` and `exec` fails, as docker's
/// CLI does.
pub const EXIT_FAILURE: i32 = 1;

#[cfg(test)]
mod tests {
    #[test]
    fn hints_are_worded_in_the_flags_of_this_command_line() {
        let e = crate::error::tests::missing_key();
        let h = super::hint(&e).unwrap();
        assert!(h.contains("--decryption-key"), "{h}");
        let lib = e.hint().unwrap();
        assert!(!lib.contains("--"), "a library hint names no flag: {lib}");
    }
}
