//! `ccr build` and `ccr builder prune`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::trust::VerifyArgs;
use crate::engine::Context;
use crate::engine::types::BuildOptions;
use crate::engine::types::ImageRef;
use crate::engine::types::Network;
use crate::error::Error;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BuildNetwork {
    Default,
    Host,
    None,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Name and optionally a tag (name:tag) for the image (repeatable)
    #[arg(short, long = "tag")]
    pub tag: Vec<String>,
    /// Name of the Dockerfile (default: CONTEXT/Dockerfile)
    #[arg(short, long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Set a build-time variable: KEY=VALUE, or KEY to take it from this environment
    #[arg(long = "build-arg", value_name = "KEY[=VALUE]")]
    pub build_arg: Vec<String>,
    /// The stage to build (default: the last)
    #[arg(long)]
    pub target: Option<String>,
    /// Target platform (os/arch[/variant]); RUN steps need a matching CPU
    #[arg(long)]
    pub platform: Option<String>,
    /// Do not use the build cache
    #[arg(long)]
    pub no_cache: bool,
    /// Always pull base images, even when present
    #[arg(long)]
    pub pull: bool,
    /// Set metadata for the image: KEY=VALUE (repeatable)
    #[arg(long)]
    pub label: Vec<String>,
    /// Network for RUN steps: default (the host's), host or none
    #[arg(long, value_enum, default_value_t = BuildNetwork::Default)]
    pub network: BuildNetwork,
    /// Suppress the build output and print the image ID on success
    #[arg(short, long)]
    pub quiet: bool,
    /// Type of progress output: auto, plain, tty (all BuildKit's plain lines here), or quiet
    #[arg(long, default_value = "auto", value_parser = ["auto", "plain", "tty", "quiet", "rawjson"])]
    pub progress: String,
    /// A secret RUN --mount=type=secret can read: id=ID[,src=FILE] or id=ID,env=VARIABLE
    #[arg(long)]
    pub secret: Vec<String>,
    /// Write the image ID to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// Record the image's SBOM for a later push --sign=cosign --attest-sbom (nothing is attached now)
    #[arg(long)]
    pub sbom: bool,
    /// Also write the image out: its file system (DIR, - for a tar on standard output, type=local,dest=DIR, type=tar,dest=FILE) or itself (type=oci|docker,dest=FILE|-)
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<String>,
    #[command(flatten)]
    pub verify: VerifyArgs,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    /// The build context directory, or - (a tar archive of it, or a Dockerfile, on standard input)
    pub context: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum BuilderCommand {
    /// Remove the build cache
    Prune {
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
        /// Remove all build cache (the only mode ccr has)
        #[arg(short, long)]
        all: bool,
    },
}

pub fn build_image(ctx: &Context, a: BuildArgs) -> Result<i32, Error> {
    let tags = a
        .tag
        .iter()
        .map(|t| ImageRef::parse(t))
        .collect::<Result<Vec<_>, _>>()?;
    let labels = labels(&a.label)?;
    let (stdin_context, stdin_file) = stdin_inputs(ctx, &a)?;
    let opts = BuildOptions {
        context: match &stdin_context {
            Some(c) => c.context.clone(),
            None => a.context.clone(),
        },
        dockerfile: match (&stdin_file, &stdin_context) {
            (Some(f), _) => Some(f.path().to_path_buf()),
            (None, Some(c)) if c.dockerfile.is_some() => c.dockerfile.clone(),
            // -f names a file inside the archive's context.
            (None, Some(c)) => a.file.as_ref().map(|f| c.context.join(f)),
            (None, None) => a.file.clone(),
        },
        tags,
        build_args: a.build_arg.clone(),
        target: a.target.clone(),
        platform: match a.platform.as_deref() {
            Some(list) if list.contains(',') => {
                return Err(Error::Usage(format!(
                    "--platform {list}: one build makes one platform's image; build each platform with its own --platform and join them with `ccr manifest create`"
                )));
            }
            p => p.map(str::parse).transpose()?,
        },
        no_cache: a.no_cache,
        pull: a.pull,
        labels,
        quiet: a.quiet || a.progress == "quiet",
        network: match a.network {
            BuildNetwork::Default | BuildNetwork::Host => Network::Host,
            BuildNetwork::None => Network::None,
        },
        keys: crate::engine::keys::keyring(ctx, &a.decrypt.request())?,
        secrets: a
            .secret
            .iter()
            .map(|s| crate::engine::types::Secret::parse(s).map_err(Error::Usage))
            .collect::<Result<_, _>>()?,
    };
    let output = a
        .output
        .as_deref()
        .map(crate::engine::output::Output::parse)
        .transpose()?;
    // Base images are held to the trust policy (in CVM mode the KBS's,
    // through the session the build's KBS flags set up).
    let res = crate::engine::build::build(ctx, &opts, a.verify.policy(ctx)?, &a.decrypt.request())?;
    if let Some(out) = &output {
        // By its first tag; an untagged build by its digest.
        let name = opts
            .tags
            .first()
            .map(|t| t.to_string())
            .unwrap_or_else(|| res.target.digest.to_string());
        crate::engine::output::write(ctx, &name, &res.target, out)?;
    }
    if a.sbom {
        // By its first tag; an untagged build by its digest.
        let name = opts
            .tags
            .first()
            .map(|t| t.to_string())
            .unwrap_or_else(|| res.target.digest.to_string());
        crate::engine::build::record_sboms(ctx, &name, &res.target, &a.decrypt.request())?;
    }
    if let Some(f) = &a.iidfile {
        crate::outfile::write(f, res.target.digest.to_string().as_bytes()).map_err(|source| {
            Error::Io {
                path: f.clone(),
                source,
            }
        })?;
    }
    // A tar on standard output is all standard output carries.
    let to_stdout = matches!(
        output,
        Some(crate::engine::output::Output::TarStdout | crate::engine::output::Output::Image(None))
    );
    if (a.quiet || a.progress == "quiet") && !to_stdout {
        println!("{}", res.target.digest);
    }
    Ok(0)
}

/// `--label KEY=VALUE` entries.
fn labels(given: &[String]) -> Result<Vec<(String, String)>, Error> {
    given
        .iter()
        .map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| Error::Usage(format!("invalid label {l:?}: use KEY=VALUE")))
        })
        .collect()
}

/// What standard input carries: the context (`build -`, kept outside the
/// build scratch, which a build clears of leftovers), or the Dockerfile
/// (`-f -`, bounded as any Dockerfile), never both.
fn stdin_inputs(
    ctx: &Context,
    a: &BuildArgs,
) -> Result<
    (
        Option<crate::engine::types::StdinContext>,
        Option<tempfile::NamedTempFile>,
    ),
    Error,
> {
    // `build -`: the context (or a lone Dockerfile) on standard input.
    let from_stdin = a.context == std::path::Path::new("-");
    if from_stdin && a.file.as_deref() == Some(std::path::Path::new("-")) {
        return Err(Error::Usage(
            "standard input can be the context (build -) or the Dockerfile (-f -), not both".into(),
        ));
    }
    let stdin_context = if from_stdin {
        // Not in the build scratch, which a build clears of leftovers.
        Some(crate::engine::build::stdin_context(ctx, std::io::stdin())?)
    } else {
        None
    };
    // `-f -`: the Dockerfile from standard input (bounded as any Dockerfile).
    let stdin_file = match a.file.as_deref() {
        Some(p) if p == std::path::Path::new("-") => {
            let text = crate::bounded::read_all(
                std::io::stdin(),
                crate::bounded::DOCKERFILE,
                "the Dockerfile on standard input",
            )
            .map_err(|source| Error::Io {
                path: "-".into(),
                source,
            })?;
            let mut f = tempfile::NamedTempFile::new().map_err(|source| Error::Io {
                path: "-".into(),
                source,
            })?;
            std::io::Write::write_all(&mut f, &text).map_err(|source| Error::Io {
                path: "-".into(),
                source,
            })?;
            Some(f)
        }
        _ => None,
    };
    Ok((stdin_context, stdin_file))
}

pub fn builder(ctx: &Context, c: BuilderCommand) -> Result<i32, Error> {
    match c {
        BuilderCommand::Prune { force, .. } => {
            if !force && !super::confirm(&["all build cache"]) {
                return Ok(0);
            }
            let (entries, bytes) = crate::engine::images::prune_build_cache(ctx)?;
            println!(
                "Deleted build cache objects: {entries}\nTotal reclaimed space: {}",
                crate::format::human_size(bytes)
            );
            Ok(0)
        }
    }
}
