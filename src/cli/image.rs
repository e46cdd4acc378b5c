//! Image commands: argument definitions and output, nothing more.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::flags::{PlatformArg, PlatformsArgs};
use super::trust::{ImageSignArgs, ImageVerifyArgs, SignArgs, VerifyArgs, signer_for_push};
use crate::engine::Context;
use crate::engine::types::ImageRef;
use crate::engine::types::{ConfigChange, ImportOptions, PullOptions};
use crate::error::Error;
use crate::format::Format;
use crate::format::human_size;
use crate::progress::Progress;

/// Platform selection and quiet output, shared by pull and push.
#[derive(Args, Debug)]
pub struct TransferArgs {
    #[command(flatten)]
    pub platforms: PlatformsArgs,
    /// Suppress progress output
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct PullArgs {
    #[command(flatten)]
    pub transfer: TransferArgs,
    #[command(flatten)]
    pub verify: VerifyArgs,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    #[arg(add = super::complete::image())]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct PushArgs {
    #[command(flatten)]
    pub transfer: TransferArgs,
    #[command(flatten)]
    pub sign: SignArgs,
    /// Encrypt the layers for this recipient on the way (jwe:PUB.pem; repeatable); the local image stays as it is
    #[arg(long = "encrypt", value_name = "RECIPIENT")]
    pub encrypt: Vec<String>,
    #[arg(add = super::complete::image())]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct ImagesArgs {
    /// Show only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Show all images (ccr keeps no intermediate images: the same list)
    #[arg(short, long)]
    pub all: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Format the output: table, json, or a template such as '{{.Repository}}:{{.Tag}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Filter output: dangling=true|false, reference=PATTERN, label=KEY[=VALUE], before=IMAGE, since=IMAGE
    #[arg(short, long)]
    pub filter: Vec<String>,
    /// Only images of this repository (and tag)
    pub repository: Option<String>,
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Show only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Don't truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Format the output: table, json, or a template such as '{{.CreatedBy}}'
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub platform: PlatformArg,
    #[arg(add = super::complete::image())]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    #[arg(add = super::complete::image())]
    pub source_image: String,
    pub target_image: String,
}

#[derive(Args, Debug)]
pub struct RmiArgs {
    /// Remove an image id referenced by several names
    #[arg(short, long)]
    pub force: bool,
    #[arg(required = true)]
    #[arg(add = super::complete::image())]
    pub images: Vec<String>,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    #[command(flatten)]
    pub platform: PlatformArg,
    /// Format the output using a template
    #[arg(short, long)]
    pub format: Option<String>,
    #[arg(required = true)]
    #[arg(add = super::complete::image())]
    pub images: Vec<String>,
}

#[derive(Args, Debug)]
pub struct SaveArgs {
    /// Write to a file, instead of standard output
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(required = true)]
    #[arg(add = super::complete::image())]
    pub images: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LoadArgs {
    /// Read from a tar archive file, instead of standard input
    #[arg(short, long)]
    pub input: Option<PathBuf>,
    /// Suppress the load output
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Apply a Dockerfile instruction to the image config (CMD, ENTRYPOINT, ENV, ...)
    #[arg(short, long)]
    pub change: Vec<String>,
    /// Commit message recorded in the image history
    #[arg(short, long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub platform: PlatformArg,
    /// Tarball path, or - for standard input
    pub file: String,
    pub reference: String,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all images, not only unreferenced content
    #[arg(short, long)]
    pub all: bool,
    /// Only images that match: until=TIME|DURATION, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long)]
    pub filter: Vec<String>,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    /// List images
    #[command(alias = "list")]
    Ls(ImagesArgs),
    /// Remove one or more images
    Rm(RmiArgs),
    /// Show the history of an image
    History(HistoryArgs),
    /// Display detailed information on one or more images
    Inspect(InspectArgs),
    /// Remove unused images and content
    Prune(PruneArgs),
    /// Pull an image from a registry
    Pull(PullArgs),
    /// Push an image to a registry
    Push(PushArgs),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(TagArgs),
    /// Save images to a tar archive
    Save(SaveArgs),
    /// Load images from a tar archive
    Load(LoadArgs),
    /// Import a root filesystem tarball as an image
    Import(ImportArgs),
    /// Sign an image in its registry (cosign format)
    Sign(ImageSignArgs),
    /// Verify an image's signatures in its registry
    Verify(ImageVerifyArgs),
    /// Attest an image in its registry: a signed in-toto statement (cosign's layout)
    Attest(Box<super::trust::AttestArgs>),
    /// Verify an image's attestations and print them, one JSON per line
    VerifyAttestation(super::trust::VerifyAttestationArgs),
    /// Download an image's attestations or SBOM
    #[command(subcommand)]
    Download(super::trust::DownloadCommand),
    /// Convert an image's layers to another compression (gzip, zstd, uncompressed)
    Convert(ConvertArgs),
    /// Encrypt image layers (ocicrypt) for recipients: public keys or KBS key ids
    Encrypt(super::crypt::EncryptArgs),
    /// Decrypt image layers
    Decrypt(super::crypt::DecryptArgs),
}

/// `ccr image ...`.
pub fn image(ctx: &Context, cmd: ImageCommand) -> Result<i32, Error> {
    match cmd {
        ImageCommand::Pull(a) => pull(ctx, a),
        ImageCommand::Push(a) => push(ctx, a),
        ImageCommand::Ls(a) => images(ctx, a),
        ImageCommand::History(a) => history(ctx, a),
        ImageCommand::Tag(a) => tag(ctx, a),
        ImageCommand::Rm(a) => rmi(ctx, a),
        ImageCommand::Save(a) => save(ctx, a),
        ImageCommand::Load(a) => load(ctx, a),
        ImageCommand::Import(a) => import(ctx, a),
        ImageCommand::Inspect(a) => inspect(ctx, a),
        ImageCommand::Prune(a) => prune(ctx, a),
        ImageCommand::Sign(a) => super::trust::image_sign(ctx, a),
        ImageCommand::Verify(a) => super::trust::image_verify(ctx, a),
        ImageCommand::Attest(a) => super::trust::image_attest(ctx, *a),
        ImageCommand::VerifyAttestation(a) => super::trust::image_verify_attestation(ctx, a),
        ImageCommand::Download(c) => super::trust::image_download(ctx, c),
        ImageCommand::Convert(a) => convert(ctx, a),
        ImageCommand::Encrypt(a) => super::crypt::encrypt(ctx, a),
        ImageCommand::Decrypt(a) => super::crypt::decrypt(ctx, a),
    }
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("to").required(true).args(["gzip", "zstd", "uncompressed", "estargz", "zstdchunked"])))]
pub struct ConvertArgs {
    /// Compress the layers with gzip
    #[arg(long)]
    pub gzip: bool,
    /// Compress the layers with zstd (OCI manifests)
    #[arg(long)]
    pub zstd: bool,
    /// Store the layers uncompressed (OCI manifests)
    #[arg(long)]
    pub uncompressed: bool,
    /// eStargz (lazy pulling): not made by ccr
    #[arg(long, hide = true)]
    pub estargz: bool,
    /// zstd:chunked (lazy pulling): not made by ccr
    #[arg(long, hide = true)]
    pub zstdchunked: bool,
    /// Write OCI manifests (docker ones are converted)
    #[arg(long)]
    pub oci: bool,
    #[command(flatten)]
    pub platforms: super::flags::PlatformsArgs,
    pub source: String,
    pub target: String,
}

/// `ccr image convert`.
pub fn convert(ctx: &Context, a: ConvertArgs) -> Result<i32, Error> {
    use crate::engine::types::LayerFormat;
    if a.estargz || a.zstdchunked {
        return Err(Error::Usage(
            "eStargz and zstd:chunked are lazy-pulling formats ccr neither makes nor pulls lazily; convert with --gzip, --zstd or --uncompressed".into(),
        ));
    }
    let to = if a.zstd {
        LayerFormat::Zstd
    } else if a.uncompressed {
        LayerFormat::Uncompressed
    } else {
        LayerFormat::Gzip
    };
    let dst = ImageRef::parse(&a.target)?;
    let opts = crate::engine::types::CryptOptions {
        platforms: a.platforms.platform.clone(),
        all_platforms: a.platforms.all_platforms,
        layers: Vec::new(),
    };
    let d = crate::engine::images::convert(ctx, &a.source, &dst, to, a.oci, &opts)?;
    println!("{}", d.digest);
    Ok(0)
}

pub fn tag(ctx: &Context, a: TagArgs) -> Result<i32, Error> {
    crate::engine::images::tag(ctx, &a.source_image, &a.target_image)?;
    Ok(0)
}

pub fn pull(ctx: &Context, a: PullArgs) -> Result<i32, Error> {
    let r = ImageRef::parse(&a.image)?;
    let opts = PullOptions {
        platforms: a.transfer.platforms.platform.clone(),
        all_platforms: a.transfer.platforms.all_platforms,
        concurrency: 2,
        trust: a.verify.policy(ctx)?,
    };
    let progress = Progress::new(a.transfer.quiet);
    let res = crate::engine::pull::pull(
        ctx,
        &r,
        &opts,
        &a.decrypt.request(),
        &a.verify.sbom(),
        &progress,
    )?;
    println!("{}", res.reference);
    Ok(0)
}

pub fn push(ctx: &Context, a: PushArgs) -> Result<i32, Error> {
    // The key is unlocked before anything is pushed: a wrong password
    // leaves the registry untouched.
    let (signer, attester) = match signer_for_push(&a.sign)? {
        Some((s, at)) => (Some(s), at),
        None => (None, None),
    };
    let progress = Progress::new(a.transfer.quiet);
    let pushed = crate::engine::push::push(
        ctx,
        crate::engine::push::PushRequest {
            image: a.image.clone(),
            platforms: a.transfer.platforms.platform.clone(),
            all_platforms: a.transfer.platforms.all_platforms,
            encrypt: a.encrypt.clone(),
            signer,
            attester,
            signature_format: a.sign.format.resolve(ctx)?,
        },
        &progress,
    )?;
    for s in &pushed.signed {
        progress.line(format!(
            "Signed {}@{}: {}",
            s.reference,
            s.digest,
            s.whereabouts()
        ));
    }
    for d in &pushed.attested {
        progress.line(format!(
            "Attested {}@{}: SBOM in {}",
            pushed.result.reference.name(),
            d.digest,
            d.whereabouts()
        ));
    }
    Ok(0)
}

pub fn images(ctx: &Context, a: ImagesArgs) -> Result<i32, Error> {
    let format = Format::parse(a.format.as_deref())?;
    let filter = crate::engine::types::ImageFilter::parse(&a.filter)?;
    let mut rows = crate::engine::images::list(ctx, a.repository.as_deref(), &filter)?;
    if a.no_trunc {
        // `.ID` whole, as docker gives it with --no-trunc.
        for r in &mut rows {
            r.id = r.full_id.clone();
        }
    }
    let mut out = std::io::stdout().lock();
    if a.quiet {
        let mut seen = std::collections::BTreeSet::new();
        for r in &rows {
            let id = if a.no_trunc {
                r.full_id.clone()
            } else {
                r.id.clone()
            };
            if seen.insert(id.clone()) {
                let _ = writeln!(out, "{id}");
            }
        }
        return Ok(0);
    }
    if format != Format::Table {
        for l in format.lines_named(&rows, &[("ID", "IMAGE ID")])? {
            let _ = writeln!(out, "{l}");
        }
        return Ok(0);
    }
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut header = vec!["REPOSITORY", "TAG"];
    if a.digests {
        header.push("DIGEST");
    }
    header.extend(["IMAGE ID", "CREATED", "SIZE"]);
    table.push(header.iter().map(|s| s.to_string()).collect());
    for r in &rows {
        let mut row = vec![r.repository.clone(), r.tag.clone()];
        if a.digests {
            row.push(r.digest.clone());
        }
        let id = if a.no_trunc {
            r.full_id.clone()
        } else {
            r.id.clone()
        };
        row.extend([id, r.created_since.clone(), r.size.clone()]);
        table.push(row);
    }
    super::print_table(&mut out, &table);
    Ok(0)
}

pub fn history(ctx: &Context, a: HistoryArgs) -> Result<i32, Error> {
    let format = Format::parse(a.format.as_deref())?;
    let rows = crate::engine::images::history(ctx, &a.image, a.platform.platform.as_ref())?;
    let mut out = std::io::stdout().lock();
    if a.quiet {
        for r in &rows {
            let _ = writeln!(out, "{}", r.id);
        }
        return Ok(0);
    }
    if format != Format::Table {
        for l in format.lines_named(&rows, &[("ID", "IMAGE ID")])? {
            let _ = writeln!(out, "{l}");
        }
        return Ok(0);
    }
    let mut table = vec![
        ["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"]
            .map(str::to_string)
            .to_vec(),
    ];
    for r in &rows {
        // docker: the shell prefix shortened, cut at 45 characters.
        let by = r
            .created_by
            .replace("/bin/sh -c #(nop) ", "")
            .replace('\t', " ");
        let by = if a.no_trunc || by.chars().count() <= 45 {
            by
        } else {
            format!("{}…", by.chars().take(44).collect::<String>())
        };
        table.push(vec![
            r.id.clone(),
            r.created_since.clone(),
            by,
            r.size.clone(),
            r.comment.clone(),
        ]);
    }
    super::print_table(&mut out, &table);
    Ok(0)
}

pub fn rmi(ctx: &Context, a: RmiArgs) -> Result<i32, Error> {
    let mut failed = false;
    for outcome in crate::engine::prune::remove_images(ctx, &a.images, a.force)? {
        match outcome {
            Ok(report) => {
                for u in report.untagged {
                    println!("Untagged: {u}");
                }
                for d in report.deleted {
                    println!("Deleted: {d}");
                }
            }
            Err(e) => {
                super::report(&e, ctx.opts.debug);
                failed = true;
            }
        }
    }
    Ok(if failed { super::EXIT_FAILURE } else { 0 })
}

fn inspect(ctx: &Context, a: InspectArgs) -> Result<i32, Error> {
    let format = Format::parse(a.format.as_deref())?;
    let all = crate::engine::images::inspect(ctx, &a.images, a.platform.platform.as_ref())?;
    super::print_json(&format, &all)
}

pub fn save(ctx: &Context, a: SaveArgs) -> Result<i32, Error> {
    match &a.output {
        Some(path) => {
            // A regular file is written beside and renamed over whole; a
            // device or FIFO (-o /dev/null) is written into.
            let io = |source: std::io::Error| Error::Io {
                path: path.clone(),
                source,
            };
            let mut out = crate::outfile::AtomicOutput::create(path, 0o666).map_err(io)?;
            crate::engine::images::save(
                ctx,
                &a.images,
                std::io::BufWriter::with_capacity(1 << 20, &mut out),
            )?;
            out.commit().map_err(io)?;
        }
        None => {
            if std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "cowardly refusing to write an archive to a terminal; use -o FILE or redirect the output".into(),
                ));
            }
            crate::engine::images::save(
                ctx,
                &a.images,
                std::io::BufWriter::new(std::io::stdout().lock()),
            )?;
        }
    }
    Ok(0)
}

pub fn load(ctx: &Context, a: LoadArgs) -> Result<i32, Error> {
    let input: Box<dyn Read> = match &a.input {
        Some(p) => Box::new(std::fs::File::open(p).map_err(|source| Error::Io {
            path: p.clone(),
            source,
        })?),
        None => {
            if std::io::stdin().is_terminal() {
                return Err(Error::Usage("requested load from stdin, but stdin is a terminal; use -i FILE or redirect the input".into()));
            }
            Box::new(std::io::stdin().lock())
        }
    };
    let loaded =
        crate::engine::images::load(ctx, std::io::BufReader::with_capacity(1 << 20, input))?;
    if !a.quiet {
        for l in loaded {
            if l.name.is_empty() {
                println!("Loaded image ID: {}", l.target.digest);
            } else {
                let (repo, tag) = crate::engine::types::split_name(&l.name);
                println!("Loaded image: {repo}:{tag}");
            }
        }
    }
    Ok(0)
}

pub fn import(ctx: &Context, a: ImportArgs) -> Result<i32, Error> {
    let r = ImageRef::parse(&a.reference)?;
    let opts = ImportOptions {
        platform: a.platform.platform.clone(),
        changes: a
            .change
            .iter()
            .map(|c| ConfigChange::parse(c))
            .collect::<Result<_, _>>()?,
        message: a.message,
        limits: ctx.opts.config.expansion()?,
        input_size: None,
    };
    let target = if a.file == "-" {
        crate::engine::images::import(ctx, std::io::stdin(), "standard input", &r, &opts)?
    } else {
        let f = std::fs::File::open(&a.file).map_err(|source| Error::Io {
            path: a.file.clone().into(),
            source,
        })?;
        let opts = ImportOptions {
            input_size: f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len()),
            ..opts
        };
        crate::engine::images::import(ctx, f, &a.file, &r, &opts)?
    };
    println!("{}", target.digest);
    Ok(0)
}

fn prune(ctx: &Context, a: PruneArgs) -> Result<i32, Error> {
    let filter = crate::filters::PruneFilter::parse(&a.filter)?;
    let what = if a.all {
        "all images without at least one container associated to them"
    } else {
        "all dangling images and unreferenced content"
    };
    if !a.force && !super::confirm(&[what]) {
        return Ok(0);
    }
    let report = crate::engine::prune::images(ctx, a.all, &filter)?;
    super::print_deleted(
        "Images",
        report.untagged.iter().map(|u| format!("untagged: {u}")),
    );
    println!(
        "Total reclaimed space: {}",
        human_size(report.reclaimed_bytes)
    );
    Ok(0)
}
