//! `ccr cvm`: confidential-VM mode.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::engine::Context;
use crate::engine::cvm::{Binding, Status};
use crate::error::Error;

#[derive(Subcommand, Debug)]
pub enum CvmCommand {
    /// Provision a KBS for signed images (tenant side): cosign key, image policy, credentials, resource policy; write the initdata the guest boots with
    Provision(Box<ProvisionArgs>),
    /// Say whether confidential-VM mode is on and why, the TEE, the KBS, the initdata and where policy and keys come from
    Status {
        /// Format the output: table (default) or json
        #[arg(long)]
        format: Option<String>,
        /// Where configfs-tsm reports are made
        #[arg(long, value_name = "DIR", default_value = crate::engine::types::TSM_REPORT_DIR)]
        tsm_report_dir: PathBuf,
    },
}

pub fn run(ctx: &Context, c: CvmCommand) -> Result<i32, Error> {
    match c {
        CvmCommand::Provision(a) => provision(ctx, *a),
        CvmCommand::Status {
            format,
            tsm_report_dir,
        } => {
            let status = crate::engine::cvm::status(ctx, &tsm_report_dir)?;
            match format.as_deref() {
                None | Some("table") => print!("{}", text(&status, true)),
                Some("json") => println!(
                    "{}",
                    serde_json::to_string_pretty(&status).expect("serialises")
                ),
                Some(other) => {
                    return Err(Error::Usage(format!(
                        "--format {other:?}: use table or json"
                    )));
                }
            }
            Ok(0)
        }
    }
}

/// The status as `info` and `cvm status` print it.
pub fn text(s: &Status, with_tee: bool) -> String {
    let mut out = format!(
        "Confidential-VM mode: {}\n Why: {}\n",
        if s.active { "on" } else { "off" },
        s.why,
    );
    if with_tee {
        out.push_str(&format!(" TEE: {}\n", s.tee));
    }
    if s.active {
        out.push_str(&format!(
            " KBS: {}\n",
            s.kbs.as_deref().unwrap_or("none named")
        ));
        match &s.initdata {
            Some(i) => {
                out.push_str(&format!(
                    " Initdata: {} ({} {})\n",
                    i.path.display(),
                    i.algorithm,
                    i.digest
                ));
                out.push_str(&format!(
                    " Initdata binding: {}\n",
                    match &i.binding {
                        Binding::Matches(d) => format!("matches ({d})"),
                        Binding::NotChecked(why) => format!("not checked: {why}"),
                        Binding::NoInitdata => "no initdata".into(),
                    }
                ));
            }
            None => out.push_str(" Initdata: none\n"),
        }
    }
    out.push_str(&format!(
        " Image policy: {}\n Registry credentials: {}\n Plaintext storage: {}\n",
        s.policy, s.credentials, s.storage
    ));
    out
}

#[derive(Args, Debug)]
pub struct DestroyArgs {
    /// Destroy every container, wipe every layer snapshot and, in confidential-VM mode, unmount its memory-backed storage
    #[arg(short, long, conflicts_with = "containers")]
    pub all: bool,
    /// Containers (names or ids)
    #[arg(required_unless_present = "all")]
    #[arg(add = super::complete::container())]
    pub containers: Vec<String>,
}

/// `ccr destroy`: stop, remove and wipe.
pub fn destroy(ctx: &Context, a: DestroyArgs) -> Result<i32, Error> {
    let d = crate::engine::destroy::destroy(ctx, &a.containers, a.all)?;
    for (id, name) in &d.containers {
        println!("Destroyed: {name} ({})", &id[..12]);
    }
    println!(
        "Wiped: {} files, {} overwritten ({} layer snapshots)",
        d.wiped.files,
        crate::format::human_size(d.wiped.bytes),
        d.snapshots
    );
    if let Some(dir) = &d.unmounted {
        println!("Unmounted: {}", dir.display());
    }
    for r in &d.remains {
        println!("Remains: {r}");
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct UpgradeArgs {
    /// Without a HEALTHCHECK in the new image: how long the new container must keep running before the old one is replaced
    #[arg(long, value_name = "SECONDS", default_value_t = 3.0)]
    pub ready_after: f64,
    #[command(flatten)]
    pub platform: super::flags::PlatformArg,
    /// When to pull the new image
    #[arg(long, value_enum, default_value_t = super::run::PullFlag::Missing)]
    pub pull: super::run::PullFlag,
    /// Suppress the pull output
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub verify: super::trust::VerifyArgs,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    /// The running container to replace
    #[arg(add = super::complete::container())]
    pub container: String,
    /// The image to replace it with
    #[arg(add = super::complete::image())]
    pub image: String,
    /// A new command and arguments (default: the old container's, else the new image's)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// `ccr upgrade`: replace a running container by one of a new image.
pub fn upgrade(ctx: &Context, a: UpgradeArgs) -> Result<i32, Error> {
    if !(a.ready_after.is_finite() && a.ready_after >= 0.0) {
        return Err(Error::Usage(
            "--ready-after takes a number of seconds".into(),
        ));
    }
    let req = crate::engine::upgrade::UpgradeRequest {
        container: a.container,
        image: a.image,
        command: a.command,
        ready_after: std::time::Duration::from_secs_f64(a.ready_after),
        pull: a.pull.policy(),
        platform: a.platform.platform.clone(),
        trust: a.verify.policy(ctx)?,
        keys: a.decrypt.request(),
    };
    let done =
        crate::engine::upgrade::upgrade(ctx, &req, &crate::progress::Progress::new(a.quiet))?;
    println!(
        "Upgraded {}: {} replaced by {}",
        done.name,
        &done.old[..12],
        &done.new[..12]
    );
    println!(
        "Wiped: {} files, {} overwritten ({} layer snapshots)",
        done.wiped.wiped.files,
        crate::format::human_size(done.wiped.wiped.bytes),
        done.wiped.snapshots
    );
    Ok(0)
}

#[derive(Args, Debug)]
pub struct ProvisionArgs {
    #[command(flatten)]
    pub kbs: super::kbs::KbsArgs,
    #[command(flatten)]
    pub admin: super::kbs::AdminArgs,
    /// An image the guest may run (repeatable): its repository, signed with the cosign key, is admitted; everything else is rejected
    #[arg(
        long = "image",
        value_name = "IMAGE",
        required_unless_present = "compose"
    )]
    #[arg(add = super::complete::image())]
    pub images: Vec<String>,
    /// The cosign public key the images are signed with (with --compose: for services without x-nerdctl-cosign-public-key)
    #[arg(long, value_name = "cosign.pub", required_unless_present = "compose")]
    pub cosign_key: Option<PathBuf>,
    /// Provision for the confidential services of a compose project (-f, -p): each one's image admitted at the digest it resolves to, with its own key
    #[arg(long, conflicts_with = "images")]
    pub compose: bool,
    #[command(flatten)]
    pub project: super::compose::ProjectFlags,
    /// With --compose: the runtime class pods get where a service names none (as compose convert --runtime-class)
    #[arg(long, value_name = "NAME")]
    pub runtime_class: Option<String>,
    /// A key-encryption key to store: KID=FILE, as image encrypt --kek-out wrote it (repeatable)
    #[arg(long = "kek", value_name = "KID=FILE")]
    pub keks: Vec<String>,
    /// Also upload the credentials recorded (ccr login) for the images' registries
    #[arg(long)]
    pub registry_auth: bool,
    /// Let the resource policy release to sample evidence (development only)
    #[arg(long)]
    pub allow_sample: bool,
    /// The tag of the resources written (default/TYPE/TAG)
    #[arg(long, default_value = "ccr")]
    pub tag: String,
    /// Write the initdata here (0600) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn provision(ctx: &Context, a: ProvisionArgs) -> Result<i32, Error> {
    let admin = a
        .admin
        .credentials()
        .ok_or_else(|| Error::Usage("give --admin-key or --admin-token".into()))?;
    use crate::engine::provision::{ProvisionImage, ProvisionRequest, compose_request};
    let keks = a
        .keks
        .iter()
        .map(|spec| {
            let (kid, file) = spec
                .split_once('=')
                .ok_or_else(|| Error::Usage(format!("--kek {spec:?}: give KID=FILE")))?;
            let uri: crate::engine::types::ResourceUri =
                kid.strip_prefix("kbs:///").unwrap_or(kid).parse()?;
            Ok((uri, PathBuf::from(file)))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let base = ProvisionRequest {
        kbs: a.kbs.settings(),
        admin,
        images: Vec::new(),
        keks,
        registry_auth: a.registry_auth,
        allow_sample: a.allow_sample,
        tag: a.tag,
    };
    let req = if a.compose {
        let model = super::compose::model(&a.project, &[])?;
        let p = compose_request(
            ctx,
            &model,
            a.runtime_class.as_deref(),
            a.cosign_key.as_deref(),
            base,
        )?;
        for (svc, image) in &p.services {
            eprintln!("Service {svc}: {image}");
        }
        for kid in &p.keks_not_given {
            eprintln!(
                "Not stored: {kid} (no --kek for it: it must be in the KBS already, as image encrypt registers it)"
            );
        }
        p.request
    } else {
        let key = a.cosign_key.clone().unwrap_or_default();
        ProvisionRequest {
            images: a
                .images
                .iter()
                .map(|i| ProvisionImage {
                    reference: i.clone(),
                    cosign_key: key.clone(),
                })
                .collect(),
            ..base
        }
    };
    let done = crate::engine::provision::provision(&ctx.opts.config, &req)?;
    for r in &done.resources {
        eprintln!("Stored {r}");
    }
    if a.allow_sample {
        eprintln!(
            "Resource policy set: releases to affirming TDX or SNP evidence, and to sample evidence (--allow-sample: development only, sample evidence proves nothing)"
        );
    } else {
        eprintln!("Resource policy set: releases to affirming TDX or SNP evidence only");
    }
    match &a.output {
        Some(p) => {
            crate::private_file::write(
                p,
                done.initdata.as_bytes(),
                0o600,
                crate::private_file::Existing::Replace,
            )
            .map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            eprintln!("Initdata written to {}", p.display());
        }
        None => print!("{}", done.initdata),
    }
    eprintln!("Initdata digest (sha384): {}", done.digest);
    eprintln!(
        "Pod annotation: io.katacontainers.config.hypervisor.cc_init_data: {}",
        done.annotation
    );
    Ok(0)
}
