//! `ccr run` and the hidden monitor entry point.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

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
    None,
    Host,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
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
    /// Network: none (loopback only) or host
    #[arg(long, value_enum, default_value_t = NetworkFlag::None)]
    pub network: NetworkFlag,
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

pub fn run(ctx: &Context, a: RunArgs) -> Result<i32, Error> {
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
            NetworkFlag::None => Network::None,
            NetworkFlag::Host => Network::Host,
        },
        command: a.command.clone(),
        remove: a.rm,
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
    let rec = {
        let rt = ctx.runtime()?;
        let progress = Progress::new(a.quiet);
        rt.block_on(ctx.images.ensure(&r, policy, &pull, &progress))?
    };
    let img = ctx.images.resolve_platform(&rec, platform.as_ref())?;
    let runtime = Runtime::new(&ctx.data_root);
    let st = runtime.create(&ctx.images, &rec, &img, &opts)?;
    let status = std::process::Command::new("/proc/self/exe")
        .arg("--data-root")
        .arg(&ctx.data_root)
        .arg("__monitor")
        .arg(&st.id)
        .status()
        .map_err(|e| Error::Io {
            path: "/proc/self/exe".into(),
            why: format!("cannot start the container monitor: {e}"),
        })?;
    Ok(status.code().unwrap_or(crate::EXIT_CCR_FAILURE))
}

/// The monitor process (`ccr __monitor ID`): runs the container and exits
/// with its code.
pub fn monitor(ctx: &Context, id: &str) -> Result<i32, Error> {
    Ok(crate::runtime::run_monitor(&ctx.data_root, id)?)
}
