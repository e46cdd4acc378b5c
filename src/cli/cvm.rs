//! `ccr cvm`: confidential-VM mode.

use std::path::{Path, PathBuf};

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
    /// Guest images: a kernel and an initramfs holding ccr, from Debian packages
    #[command(subcommand)]
    Image(GuestImageCommand),
    /// Launch a confidential guest with qemu and run an image in it (attest, pull, verify, decrypt in the guest)
    Up(Box<UpArgs>),
    /// List the guests this data root launched
    Ls {
        /// Format the output: table (default) or json
        #[arg(long)]
        format: Option<String>,
        /// Only print guest names
        #[arg(short, long)]
        quiet: bool,
    },
    /// Print the output of a guest's container (when the guest's initdata lets the host read it)
    Logs {
        /// Follow the output until the container exits
        #[arg(short, long)]
        follow: bool,
        /// The guest
        name: String,
    },
    /// Replace the image a guest runs (pulled, verified and decrypted in the guest)
    Upgrade {
        /// The guest
        name: String,
        /// The new image
        image: String,
    },
    /// Wipe what a guest decrypted, power it off and remove everything the host kept of it
    Destroy {
        /// The guests
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// The guest's agent (run by the guest image's init)
    #[command(hide = true)]
    Agent,
}

#[derive(Subcommand, Debug)]
pub enum GuestImageCommand {
    /// Build the guest image (kernel, initramfs, kernel command line) and print its reference digests
    Build {
        /// Where to write it (default: DATA_ROOT/cvm/guest)
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Take the .deb files from DIR (an empty DIR is filled by apt first: the next build reads the same packages)
        #[arg(long, value_name = "DIR")]
        debs: Option<PathBuf>,
        /// The ccr binary the guest runs (default: this one)
        #[arg(long, value_name = "PATH")]
        ccr: Option<PathBuf>,
        /// The kernel package (default: the one linux-image-amd64 depends on)
        #[arg(long, value_name = "PACKAGE")]
        kernel_package: Option<String>,
        /// Format the output: table (default) or json
        #[arg(long)]
        format: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct UpArgs {
    /// Return once the container runs, leaving the guest up
    #[arg(short, long)]
    pub detach: bool,
    /// Destroy the guest when the container exits
    #[arg(long, conflicts_with = "detach")]
    pub rm: bool,
    /// The guest's name
    #[arg(long)]
    pub name: Option<String>,
    /// Publish a guest port on the host: [IP:]HOST:GUEST (TCP)
    #[arg(short, long = "publish", value_name = "PORT")]
    pub publish: Vec<String>,
    /// A port of the host's loopback the guest reaches at its own 127.0.0.1 (a registry or KBS on this host)
    #[arg(long = "host-port", value_name = "PORT")]
    pub host_ports: Vec<u16>,
    /// Virtual CPUs
    #[arg(long, default_value_t = 2)]
    pub cpus: u32,
    /// Guest memory (e.g. 1g, 512m)
    #[arg(short, long, default_value = "1g")]
    pub memory: String,
    /// The TEE: tdx, snp, none, or auto (what the host offers, else none)
    #[arg(long, default_value = "auto")]
    pub tee: String,
    /// The initdata document the guest is launched with: the global --initdata, which for
    /// `cvm up` names the guest's (the host does not enter confidential-VM mode)
    #[arg(skip)]
    pub initdata: Option<PathBuf>,
    /// The guest image (default: DATA_ROOT/cvm/guest, as `cvm image build` writes it)
    #[arg(long, value_name = "DIR")]
    pub guest_image: Option<PathBuf>,
    /// Firmware for TDX or SNP guests (TDVF / OVMF built for SEV)
    #[arg(long, value_name = "FILE")]
    pub firmware: Option<PathBuf>,
    /// How long the guest may take to boot and answer, in seconds
    #[arg(long, default_value_t = 120)]
    pub boot_timeout: u64,
    /// Run a compose project instead of one image: a self-contained file (its services use the guest's network; each service name resolves to it)
    #[arg(short = 'f', long = "file", value_name = "COMPOSE_FILE", conflicts_with_all = ["image", "command"])]
    pub compose_file: Option<PathBuf>,
    /// The image to run
    #[arg(add = super::complete::image(), required_unless_present = "compose_file")]
    pub image: Option<String>,
    /// The command and its arguments
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub command: Vec<String>,
}

/// What a guest says, on the terminal.
struct Terminal;

impl crate::engine::vm::Sink for Terminal {
    fn warn(&mut self, line: &str) {
        eprintln!("WARNING: {line}");
    }
    fn progress(&mut self, line: &str) {
        eprintln!("{line}");
    }
    fn output(&mut self, stream: crate::engine::types::Stream, data: &[u8]) {
        crate::engine::vm::write_output(stream, data)
    }
}

fn format_arg(format: Option<&str>) -> Result<bool, Error> {
    match format {
        None | Some("table") => Ok(false),
        Some("json") => Ok(true),
        Some(other) => Err(Error::Usage(format!(
            "--format {other:?}: use table or json"
        ))),
    }
}

fn image_build(
    ctx: &Context,
    output: Option<PathBuf>,
    debs: Option<PathBuf>,
    ccr: Option<PathBuf>,
    kernel_package: Option<String>,
    format: Option<String>,
) -> Result<i32, Error> {
    let json = format_arg(format.as_deref())?;
    let out = output.unwrap_or_else(|| crate::engine::vm::default_image_dir(ctx));
    let b = crate::engine::vm::ImageBuild {
        out: out.clone(),
        debs,
        ccr,
        kernel_package,
    };
    let quiet = json || !std::io::IsTerminal::is_terminal(&std::io::stderr());
    let m = crate::engine::vm::image_build(&b, &mut |line| {
        if !quiet {
            eprintln!("{line}");
        }
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&m).expect("serialises"));
        return Ok(0);
    }
    let size: u64 = [
        crate::engine::types::KERNEL,
        crate::engine::types::INITRAMFS,
    ]
    .iter()
    .filter_map(|f| std::fs::metadata(out.join(f)).ok())
    .map(|m| m.len())
    .sum();
    println!(
        "Guest image: {} ({}; kernel {})",
        out.display(),
        crate::format::human_size(size),
        m.kernel_version
    );
    for (file, (s256, s384)) in &m.digests {
        println!("{file:<14} sha256:{s256}");
        println!("{:<14} sha384:{s384}", "");
    }
    println!("Kernel command line: {}", m.cmdline);
    Ok(0)
}

fn up(ctx: &Context, a: UpArgs) -> Result<i32, Error> {
    use crate::engine::vm::TeeRequest;
    let tee = match a.tee.as_str() {
        "auto" => TeeRequest::Auto,
        "tdx" => TeeRequest::Tdx,
        "snp" => TeeRequest::Snp,
        "none" => TeeRequest::None,
        other => {
            return Err(Error::Usage(format!(
                "--tee {other:?}: use tdx, snp, none or auto"
            )));
        }
    };
    let memory = crate::units::parse_bytes(&a.memory)
        .filter(|b| *b >= 128 << 20)
        .ok_or_else(|| Error::Usage(format!("--memory {:?}: give at least 128m", a.memory)))?;
    if a.cpus == 0 || a.cpus > 64 {
        return Err(Error::Usage("--cpus takes 1 to 64".into()));
    }
    let ports = a
        .publish
        .iter()
        .map(|p| crate::engine::types::Port::parse(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Error::Usage)?;
    let up = crate::engine::vm::Up {
        name: a.name,
        detach: a.detach,
        rm: a.rm,
        ports,
        host_ports: a.host_ports,
        cpus: a.cpus,
        memory_mib: (memory as u64) >> 20,
        tee,
        initdata: a.initdata.ok_or_else(|| {
            Error::Usage(
                "cvm up needs --initdata FILE: the document the guest is launched with".into(),
            )
        })?,
        guest_image: a.guest_image,
        firmware: a.firmware,
        workload: match (a.compose_file, a.image) {
            (Some(file), _) => {
                let text = crate::bounded::read_regular_to_string(
                    &file,
                    crate::engine::types::MAX_COMPOSE as u64,
                )
                .map_err(|source| Error::Io {
                    path: file.clone(),
                    source,
                })?;
                crate::engine::vm::Workload::Compose { file, text }
            }
            (None, image) => crate::engine::vm::Workload::Image {
                image: image.expect("clap requires IMAGE without -f"),
                command: a.command,
            },
        },
        boot_timeout: std::time::Duration::from_secs(a.boot_timeout),
    };
    let (name, code) = crate::engine::vm::up(ctx, &up, &mut Terminal)?;
    if up.detach {
        println!("{name}");
    }
    Ok(code)
}

fn ls(ctx: &Context, format: Option<String>, quiet: bool) -> Result<i32, Error> {
    let json = format_arg(format.as_deref())?;
    let all = crate::engine::vm::ls(ctx)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&all).expect("serialises")
        );
        return Ok(0);
    }
    if quiet {
        for g in &all {
            println!("{}", g.name);
        }
        return Ok(0);
    }
    let mut rows = vec![vec![
        "NAME".to_string(),
        "STATUS".into(),
        "TEE".into(),
        "ACCEL".into(),
        "PORTS".into(),
        "CONTAINERS".into(),
        "WORKLOAD".into(),
    ]];
    for g in &all {
        rows.push(vec![
            g.name.clone(),
            g.status.clone(),
            g.tee.clone(),
            g.accel.clone(),
            g.ports.join(", "),
            g.containers
                .iter()
                .map(|c| format!("{} ({})", c.name, c.status))
                .collect::<Vec<_>>()
                .join(", "),
            g.workload.clone(),
        ]);
    }
    super::print_table(&mut std::io::stdout().lock(), &rows);
    Ok(0)
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
        CvmCommand::Image(GuestImageCommand::Build {
            output,
            debs,
            ccr,
            kernel_package,
            format,
        }) => image_build(ctx, output, debs, ccr, kernel_package, format),
        CvmCommand::Up(a) => up(ctx, *a),
        CvmCommand::Ls { format, quiet } => ls(ctx, format, quiet),
        CvmCommand::Logs { follow, name } => {
            crate::engine::vm::logs(ctx, &name, follow, &mut Terminal)
        }
        CvmCommand::Upgrade { name, image } => {
            crate::engine::vm::upgrade(ctx, &name, &image, &mut Terminal)?;
            println!("Upgraded {name}: now {image}");
            Ok(0)
        }
        CvmCommand::Destroy { names } => {
            let mut failed = None;
            for n in names {
                match crate::engine::vm::destroy(ctx, &n, &mut Terminal) {
                    Ok(said) => {
                        for l in said.lines() {
                            println!("{n}: {l}");
                        }
                        println!("Destroyed: {n}");
                    }
                    Err(e) => failed = Some(e),
                }
            }
            failed.map_or(Ok(0), Err)
        }
        CvmCommand::Agent => crate::engine::vm::agent(Path::new("/dev"), Path::new("/sys")),
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
