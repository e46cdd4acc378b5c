//! `ccr sbom`: an image's (or directory's) software bill of materials, in
//! syft's output names, and `ccr sbom diff` of two SBOMs.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::flags::PlatformArg;
use super::run::PullFlag;
use crate::engine::Context;
use crate::engine::catalogue::{self, SbomFormat, SbomRequest};
use crate::error::Error;
use crate::progress::Progress;

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SbomArgs {
    #[command(subcommand)]
    pub command: Option<SbomCommand>,
    #[command(flatten)]
    pub generate: GenerateArgs,
}

#[derive(Subcommand, Debug)]
pub enum SbomCommand {
    /// Compare two SBOMs (files, or images to catalog) by their packages; exit 1 when they differ
    Diff(DiffArgs),
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Output format: spdx-json, cyclonedx-json[@1.5|@1.6], json, table
    #[arg(short, long, default_value = "table", value_name = "FORMAT")]
    pub output: String,
    /// Write the SBOM to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub platform: PlatformArg,
    /// When to pull the image
    #[arg(long, value_enum, default_value_t = PullFlag::Missing)]
    pub pull: PullFlag,
    /// Suppress the pull output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    /// The image (name or id), a directory (dir:PATH or a path), or an OCI layout (oci-dir:PATH)
    #[arg(required = true)]
    pub target: Option<String>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Output format: text or json
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Do not compare licenses
    #[arg(long)]
    pub ignore_licenses: bool,
    #[command(flatten)]
    pub platform: PlatformArg,
    /// The SBOM before (a JSON file, or an image)
    pub before: String,
    /// The SBOM after (a JSON file, or an image)
    pub after: String,
}

pub fn run(ctx: &Context, a: SbomArgs) -> Result<i32, Error> {
    if let Some(SbomCommand::Diff(d)) = a.command {
        return run_diff(ctx, d);
    }
    let g = a.generate;
    let format: SbomFormat = g.output.parse()?;
    let req = SbomRequest {
        target: g.target.unwrap_or_default(),
        platform: g.platform.platform,
        pull: g.pull.policy(),
        keys: g.decrypt.request(),
    };
    let sbom = crate::engine::catalogue::generate(ctx, &req, &Progress::new(g.quiet))?;
    let text = catalogue::render(&sbom, &format);
    match g.file {
        Some(path) => crate::private_file::write(
            &path,
            text.as_bytes(),
            0o644,
            crate::private_file::Existing::Replace,
        )
        .map_err(|source| Error::Io { path, source })?,
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    Ok(0)
}

fn run_diff(ctx: &Context, d: DiffArgs) -> Result<i32, Error> {
    let platform = d.platform.platform.as_ref();
    let report = catalogue::diff(ctx, &d.before, &d.after, platform, !d.ignore_licenses)?;
    match d.format.as_str() {
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("serialises")
        ),
        "text" => print!("{}", report.text()),
        other => return Err(Error::Usage(format!("--format {other}: use text or json"))),
    }
    Ok(if report.is_empty() { 0 } else { 1 })
}
