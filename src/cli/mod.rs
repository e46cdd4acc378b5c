//! Command-line definitions (clap) and thin glue to the library.

mod builder;
mod crypt;
mod image;
mod kbs;
mod login;
mod run;
mod trust;
mod volume;

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::context::{Config, Context, GlobalOptions};

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
    Ps(run::PsArgs),
    /// Fetch the logs of a container
    Logs(run::LogsArgs),
    /// Run a command in a running container
    Exec(run::ExecArgs),
    /// Stop one or more running containers
    Stop(run::StopArgs),
    /// Kill one or more running containers
    Kill(run::KillArgs),
    /// Remove one or more containers
    Rm(run::RmArgs),
    /// Start one or more stopped containers
    Start(run::StartArgs),
    /// Copy files between a container and the host: CONTAINER:SRC DEST or SRC CONTAINER:DEST
    Cp(run::CpArgs),
    /// List port mappings of a container, or the host address of one port
    Port(run::PortArgs),
    /// Rename a container
    Rename(run::RenameArgs),
    /// Show ccr's version and what it was built with
    Version,
    /// Display system-wide information
    Info,
    /// Manage named volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Manage ccr as a whole
    #[command(subcommand)]
    System(run::SystemCommand),
    /// Restart one or more containers
    Restart(run::StopArgs),
    /// Block until one or more containers stop, then print their exit codes
    Wait(run::StartArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(run::ContainerCommand),
    /// Display detailed information on containers or images
    Inspect(run::InspectArgs),
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
    Manifest(image::ManifestCommand),
    /// Talk to a Key Broker Service: attest, fetch and provision resources
    #[command(subcommand)]
    Kbs(kbs::KbsCommand),
    /// Manage signing keys
    #[command(subcommand)]
    Key(trust::KeyCommand),
    /// Log in to a registry
    Login(login::LoginArgs),
    /// Log out from a registry
    Logout(login::LogoutArgs),
    #[command(name = "__monitor", hide = true)]
    Monitor { id: String },
    /// Print a shell completion script
    Completion {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Writes the completion script for `shell`.
pub fn completion(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Cli::command(), "ccr", out);
}

fn snapshotter(flag: &SnapshotterFlag) -> crate::runtime::Snapshotter {
    match flag {
        SnapshotterFlag::Overlayfs => crate::runtime::Snapshotter::Overlayfs,
        SnapshotterFlag::Native => crate::runtime::Snapshotter::Native,
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

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ccr: error: {e}");
            return crate::EXIT_CCR_FAILURE;
        }
    };
    let opts = GlobalOptions {
        data_root: cli.data_root,
        insecure_registries: cli.insecure_registry,
        debug: cli.debug || config.debug,
        config,
    };
    let result =
        match cli.command {
            Command::Completion { shell } => {
                completion(shell, &mut std::io::stdout());
                Ok(0)
            }
            Command::Login(a) => login::login(&opts, a),
            Command::Kbs(c) => kbs::run(&opts, c),
            Command::Key(k) => trust::key(k),
            Command::Logout(a) => login::logout(&opts, a),
            Command::Run(a) => Context::new(&opts)
                .and_then(|ctx| run::run(&ctx, *a, snapshotter(&cli.snapshotter))),
            Command::Create(a) => Context::new(&opts)
                .and_then(|ctx| run::create(&ctx, *a, snapshotter(&cli.snapshotter))),
            Command::Restart(a) => Context::new(&opts).and_then(|ctx| run::restart(&ctx, a)),
            Command::Cp(a) => Context::new(&opts).and_then(|ctx| run::cp(&ctx, a)),
            Command::Port(a) => Context::new(&opts).and_then(|ctx| run::port(&ctx, a)),
            Command::Rename(a) => Context::new(&opts).and_then(|ctx| run::rename(&ctx, a)),
            Command::Version => {
                print!("{}", crate::system::version());
                Ok(0)
            }
            Command::Volume(c) => Context::new(&opts).and_then(|ctx| volume::run(&ctx, c)),
            Command::System(c) => Context::new(&opts).and_then(|ctx| run::system(&ctx, c)),
            Command::Info => {
                Context::new(&opts).and_then(|ctx| run::system(&ctx, run::SystemCommand::Info))
            }
            Command::Wait(a) => Context::new(&opts).and_then(|ctx| run::wait(&ctx, a)),
            Command::Container(c) => Context::new(&opts).and_then(|ctx| run::container(&ctx, c)),
            Command::Monitor { id } => Context::new(&opts).and_then(|ctx| run::monitor(&ctx, &id)),
            Command::Ps(a) => Context::new(&opts).and_then(|ctx| run::ps(&ctx, a)),
            Command::Exec(a) => Context::new(&opts).and_then(|ctx| run::exec(&ctx, a)),
            Command::Logs(a) => Context::new(&opts).and_then(|ctx| run::logs(&ctx, a)),
            Command::Stop(a) => Context::new(&opts).and_then(|ctx| run::stop(&ctx, a)),
            Command::Kill(a) => Context::new(&opts).and_then(|ctx| run::kill(&ctx, a)),
            Command::Rm(a) => Context::new(&opts).and_then(|ctx| run::rm(&ctx, a)),
            Command::Start(a) => Context::new(&opts).and_then(|ctx| run::start(&ctx, a)),
            Command::Inspect(a) => Context::new(&opts).and_then(|ctx| run::inspect(&ctx, a)),
            Command::Build(a) => Context::new(&opts).and_then(|ctx| builder::build_image(&ctx, *a)),
            Command::Builder(c) => Context::new(&opts).and_then(|ctx| builder::builder(&ctx, c)),
            other => match Context::new(&opts) {
                Ok(ctx) => image::run(&ctx, other),
                Err(e) => Err(e),
            },
        };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ccr: error: {e}");
            if opts.debug {
                let mut src = std::error::Error::source(&e);
                while let Some(s) = src {
                    eprintln!("  caused by: {s}");
                    src = s.source();
                }
            }
            crate::EXIT_CCR_FAILURE
        }
    }
}
