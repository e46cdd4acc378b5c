//! Confidential guests on one machine, without Kubernetes: build the guest
//! image (`cvm image build`), launch a guest with qemu and run a workload in
//! it (`cvm up`), and list, read, upgrade and destroy it over the control
//! channel. In the guest, `cvm agent` answers that channel by running
//! today's confidential-VM mode (attest, policy and keys from the KBS, pull,
//! verify, decrypt into guest memory, run) with the guest's own ccr.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::Context;
use crate::cvm::control::{self, Container, Reply, Request, Stream, Tee};
use crate::cvm::guest::{self, Package};
use crate::cvm::vm::{self, Accel, Launch, Port, Record, TeeKind};
use crate::cvm::{CvmError, Initdata};
use crate::error::Error;

// ---------------------------------------------------------------- image build

/// What `cvm image build` is given.
pub struct ImageBuild {
    pub out: PathBuf,
    /// Where the `.deb` files are (downloaded into it when it has none).
    pub debs: Option<PathBuf>,
    /// The ccr the guest runs (default: this one).
    pub ccr: Option<PathBuf>,
    /// The kernel package (default: what linux-image-amd64 depends on).
    pub kernel_package: Option<String>,
}

/// The default place of the guest image.
pub fn default_image_dir(ctx: &Context) -> PathBuf {
    ctx.layout.root().join("cvm/guest")
}

/// Builds the guest image; `say` hears what is being done.
pub fn image_build(b: &ImageBuild, say: &mut dyn FnMut(&str)) -> Result<guest::Manifest, Error> {
    let scratch = tempfile::Builder::new()
        .prefix(".ccr-guest-")
        .tempdir_in(
            b.out
                .parent()
                .unwrap_or(Path::new("."))
                .canonicalize()
                .unwrap_or_else(|_| std::env::temp_dir()),
        )
        .or_else(|_| tempfile::tempdir())
        .map_err(|source| Error::Io {
            path: std::env::temp_dir(),
            source,
        })?;
    let debs_dir = b
        .debs
        .clone()
        .unwrap_or_else(|| scratch.path().join("debs"));
    std::fs::create_dir_all(&debs_dir).map_err(|source| Error::Io {
        path: debs_dir.clone(),
        source,
    })?;
    let has_debs = std::fs::read_dir(&debs_dir)
        .map(|rd| {
            rd.flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "deb"))
        })
        .unwrap_or(false);
    // An empty directory is filled (a cache the next build reads).
    match has_debs {
        true => {}
        false => {
            let d = debs_dir.clone();
            let kernel = match &b.kernel_package {
                Some(k) => k.clone(),
                None => kernel_package()?,
            };
            let mut names = vec![kernel];
            names.extend(guest::PACKAGES.iter().map(|s| s.to_string()));
            say(&format!("Downloading {}", names.join(" ")));
            let out = Command::new("apt-get")
                .current_dir(&d)
                .args(["-q", "-o", "APT::Sandbox::User=root", "download"])
                .args(&names)
                .output()
                .map_err(|e| CvmError::Download(format!("apt-get: {e}")))?;
            if !out.status.success() {
                return Err(CvmError::Download(
                    String::from_utf8_lossy(&out.stderr).trim().to_string(),
                )
                .into());
            }
        }
    }
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&debs_dir)
        .map_err(|source| Error::Io {
            path: debs_dir.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    debs.sort();
    let mut kernel: Option<Package> = None;
    let mut packages = Vec::new();
    for (i, deb) in debs.iter().enumerate() {
        say(&format!(
            "Unpacking {}",
            deb.file_name().unwrap_or_default().to_string_lossy()
        ));
        let p = guest::unpack_deb(deb, &scratch.path().join(format!("p{i}")))
            .map_err(CvmError::from)?;
        if p.name.starts_with("linux-image-") {
            if kernel.is_some() {
                return Err(CvmError::VmUsage(format!(
                    "{} holds more than one kernel package",
                    debs_dir.display()
                ))
                .into());
            }
            kernel = Some(p);
        } else if guest::PACKAGES.contains(&p.name.as_str()) {
            packages.push(p);
        }
    }
    let kernel = kernel.ok_or_else(|| {
        CvmError::from(guest::GuestError::Missing {
            what: "a kernel package (linux-image-*-amd64)".into(),
        })
    })?;
    let ccr = match &b.ccr {
        Some(p) => p.clone(),
        None => std::env::current_exe().map_err(|source| Error::Io {
            path: "/proc/self/exe".into(),
            source,
        })?,
    };
    say("Assembling the initramfs");
    let manifest = guest::build(
        &guest::Inputs {
            kernel: &kernel,
            packages: &packages,
            ccr: &ccr,
        },
        &b.out,
    )
    .map_err(CvmError::from)?;
    Ok(manifest)
}

/// The kernel package `linux-image-amd64` depends on (Debian's current one).
fn kernel_package() -> Result<String, Error> {
    let out = Command::new("apt-cache")
        .args(["depends", "--important", "linux-image-amd64"])
        .output()
        .map_err(|e| CvmError::Download(format!("apt-cache: {e}")))?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| {
            let d = l.trim().strip_prefix("Depends: ")?;
            d.starts_with("linux-image-").then(|| d.trim().to_string())
        })
        .ok_or_else(|| {
            CvmError::Download(
                "apt knows no linux-image-amd64 (is this Debian with its main archive?); give --kernel-package or --debs".into(),
            )
            .into()
        })
}

// ---------------------------------------------------------------- host side

/// `--tee` of `cvm up`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeeRequest {
    /// TDX or SNP where the host offers it, else none (with a warning).
    Auto,
    Tdx,
    Snp,
    None,
}

/// What `cvm up` is given.
pub struct Up {
    pub name: Option<String>,
    pub detach: bool,
    pub rm: bool,
    pub ports: Vec<Port>,
    pub host_ports: Vec<u16>,
    pub cpus: u32,
    pub memory_mib: u64,
    pub tee: TeeRequest,
    pub initdata: PathBuf,
    pub guest_image: Option<PathBuf>,
    pub firmware: Option<PathBuf>,
    pub workload: Workload,
    /// How long the guest may take to boot and answer.
    pub boot_timeout: Duration,
}

/// What a guest runs.
pub enum Workload {
    Image {
        image: String,
        command: Vec<String>,
    },
    /// A compose file's text (self-contained: the guest has nothing else of
    /// the host's).
    Compose {
        file: PathBuf,
        text: String,
    },
}

impl Workload {
    fn describe(&self) -> String {
        match self {
            Workload::Image { image, command } => std::iter::once(image.clone())
                .chain(command.iter().cloned())
                .collect::<Vec<_>>()
                .join(" "),
            Workload::Compose { file, .. } => format!("compose {}", file.display()),
        }
    }
}

/// Where a guest's output goes, and warnings.
pub trait Sink {
    fn warn(&mut self, line: &str);
    fn progress(&mut self, line: &str);
    fn output(&mut self, stream: Stream, data: &[u8]);
}

const SYS_MODULE: &str = "/sys/module";

fn vm_dir(ctx: &Context, name: &str) -> PathBuf {
    vm::vms_dir(ctx.layout.root()).join(name)
}

/// Launches a guest and runs `up.image` in it. Returns the container's
/// exit code when attached, 0 when detached.
pub fn up(ctx: &Context, up: &Up, sink: &mut dyn Sink) -> Result<(String, i32), Error> {
    let initdata = Initdata::load(&up.initdata)?;
    let image_dir = up
        .guest_image
        .clone()
        .unwrap_or_else(|| default_image_dir(ctx));
    if guest::manifest(&image_dir).is_err() {
        return Err(CvmError::NoGuestImage(image_dir).into());
    }
    let sys = Path::new(SYS_MODULE);
    let kvm = vm::kvm_usable(sys, Path::new("/dev/kvm"));
    let tee = match up.tee {
        TeeRequest::Tdx | TeeRequest::Snp => {
            let (t, name) = if up.tee == TeeRequest::Tdx {
                (TeeKind::Tdx, "TDX")
            } else {
                (TeeKind::Snp, "SNP")
            };
            if !kvm || !vm::tee_offered(sys, t) {
                return Err(CvmError::TeeNotOffered(name).into());
            }
            t
        }
        TeeRequest::Auto if kvm && vm::tee_offered(sys, TeeKind::Tdx) => TeeKind::Tdx,
        TeeRequest::Auto if kvm && vm::tee_offered(sys, TeeKind::Snp) => TeeKind::Snp,
        TeeRequest::Auto | TeeRequest::None => TeeKind::None,
    };
    let accel = if kvm { Accel::Kvm } else { Accel::Tcg };
    if tee == TeeKind::None {
        sink.warn("no TEE: the host can read and change this guest's memory; the KBS sees sample evidence");
    }
    if accel == Accel::Tcg {
        sink.warn("no usable KVM: the guest runs under qemu's TCG emulation, which isolates nothing and is slow");
    }
    let binding = match tee {
        TeeKind::Tdx => initdata.binding(crate::cvm::BindingField::MrConfigId),
        TeeKind::Snp => initdata.binding(crate::cvm::BindingField::HostData),
        TeeKind::None => Vec::new(),
    };
    let name = match &up.name {
        Some(n) if control::valid_name(n) => n.clone(),
        Some(n) => {
            return Err(CvmError::VmUsage(format!(
                "invalid guest name {n:?}: use letters, digits and _ . - (first a letter or digit)"
            ))
            .into());
        }
        None => {
            let mut r = [0u8; 4];
            crate::crypt::random(&mut r).map_err(|e| CvmError::VmUsage(e.to_string()))?;
            format!("cvm-{}", hex::encode(r))
        }
    };
    let dir = claim_dir(ctx, &name)?;
    let started = launch(
        up, &name, &dir, &image_dir, &initdata, tee, accel, binding, sink,
    );
    match started {
        Ok(code) => Ok((name, code)),
        Err(e) => {
            // A guest that did not start its workload leaves nothing behind.
            teardown(&dir, Duration::from_secs(5));
            Err(e)
        }
    }
}

/// Makes the guest's directory; a dead guest's leftovers under that name
/// are cleared first.
fn claim_dir(ctx: &Context, name: &str) -> Result<PathBuf, Error> {
    let base = vm::vms_dir(ctx.layout.root());
    std::fs::create_dir_all(&base).map_err(|source| Error::Io {
        path: base.clone(),
        source,
    })?;
    let dir = base.join(name);
    if dir.exists() {
        if vm::running_pid(&dir).is_some() {
            return Err(CvmError::VmExists(name.into()).into());
        }
        teardown(&dir, Duration::ZERO);
    }
    std::fs::create_dir(&dir).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => CvmError::VmExists(name.into()).into(),
        _ => Error::Io {
            path: dir.clone(),
            source,
        },
    })?;
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    Ok(dir)
}

#[allow(clippy::too_many_arguments)]
fn launch(
    up: &Up,
    name: &str,
    dir: &Path,
    image_dir: &Path,
    initdata: &Initdata,
    tee: TeeKind,
    accel: Accel,
    binding: Vec<u8>,
    sink: &mut dyn Sink,
) -> Result<i32, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let disk = dir.join(vm::INITDATA_DISK);
    std::fs::write(&disk, vm::initdata_disk(initdata.text().as_bytes())).map_err(io(&disk))?;
    let record = Record {
        name: name.into(),
        created: chrono::Utc::now().to_rfc3339(),
        tee,
        accel,
        cpus: up.cpus,
        memory_mib: up.memory_mib,
        ports: up.ports.clone(),
        workload: up.workload.describe(),
        initdata_digest: format!(
            "{}:{}",
            initdata.algorithm.name(),
            hex::encode(initdata.digest())
        ),
    };
    let rec = dir.join(vm::RECORD);
    std::fs::write(
        &rec,
        serde_json::to_vec_pretty(&record).expect("serialises"),
    )
    .map_err(io(&rec))?;
    let args = vm::qemu_args(&Launch {
        dir,
        image: image_dir,
        tee,
        accel,
        cpus: up.cpus,
        memory_mib: up.memory_mib,
        ports: &up.ports,
        binding,
        firmware: up.firmware.as_deref(),
    });
    let booting = Instant::now();
    let out = Command::new(qemu())
        .args(&args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| CvmError::Qemu(format!("{}: {e}", qemu())))?;
    if !out.status.success() {
        return Err(CvmError::Qemu(String::from_utf8_lossy(&out.stderr).trim().to_string()).into());
    }
    let mut ch = Channel::open(name, dir, vm::CONTROL_SOCKET, up.boot_timeout)?;
    let ready = ch.request(
        &Request::Start {
            tee: if tee == TeeKind::None {
                Tee::None
            } else {
                Tee::Auto
            },
            host_ports: up.host_ports.clone(),
        },
        up.boot_timeout,
        sink,
    )?;
    match ready {
        Reply::Failed { message, hint } => {
            return Err(CvmError::InGuest { message, hint }.into());
        }
        Reply::Ready {
            output_readable: false,
            ..
        } if !up.detach => {
            return Err(CvmError::VmUsage(
                "this guest's initdata does not let the host read container output (its policy.rego denies ReadStreamRequest): run it with -d".into(),
            )
            .into());
        }
        _ => {}
    }
    sink.progress(&format!(
        "Guest {name} ready in {:.1} s ({})",
        booting.elapsed().as_secs_f64(),
        match accel {
            Accel::Kvm => "KVM",
            Accel::Tcg => "TCG",
        }
    ));
    let request = match &up.workload {
        Workload::Image { image, command } => Request::Run {
            name: "main".into(),
            image: image.clone(),
            command: command.clone(),
        },
        Workload::Compose { text, .. } => Request::Compose {
            project: name.replace('.', "_").to_lowercase(),
            file: text.clone(),
        },
    };
    let done = ch.request(&request, Duration::from_secs(3600), sink)?;
    drop(ch);
    if let Reply::Failed { message, hint } = done {
        return Err(CvmError::InGuest { message, hint }.into());
    }
    if up.detach {
        return Ok(0);
    }
    let code = follow(name, dir, "main", sink)?;
    if up.rm {
        destroy_dir(name, dir, sink)?;
    }
    Ok(code)
}

fn qemu() -> String {
    std::env::var("CCR_QEMU").unwrap_or_else(|_| "qemu-system-x86_64".into())
}

/// Streams a container's output until it exits; its exit code.
fn follow(name: &str, dir: &Path, container: &str, sink: &mut dyn Sink) -> Result<i32, Error> {
    let mut ch = Channel::open(name, dir, vm::OUTPUT_SOCKET, Duration::from_secs(10))?;
    let last = ch.request(
        &Request::Logs {
            name: container.into(),
            follow: true,
        },
        Duration::from_secs(u32::MAX as u64),
        sink,
    )?;
    match last {
        Reply::Done { code, .. } => Ok(code),
        Reply::Failed { message, hint } => Err(CvmError::InGuest { message, hint }.into()),
        other => Err(CvmError::Channel {
            name: name.into(),
            why: format!("unexpected answer {other:?}"),
        }
        .into()),
    }
}

/// One connection to a guest's port, held under the port's lock.
struct Channel {
    name: String,
    reader: BufReader<UnixStream>,
    writer: UnixStream,
    _lock: std::fs::File,
    next_id: u64,
}

impl Channel {
    fn open(name: &str, dir: &Path, socket: &str, wait: Duration) -> Result<Channel, Error> {
        let err = |why: String| -> Error {
            CvmError::Channel {
                name: name.into(),
                why,
            }
            .into()
        };
        let lock_path = dir.join(format!("{socket}.lock"));
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| err(format!("{}: {e}", lock_path.display())))?;
        rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive)
            .map_err(|e| err(format!("{}: {e}", lock_path.display())))?;
        let path = dir.join(socket);
        let deadline = Instant::now() + wait;
        let stream = loop {
            match UnixStream::connect(&path) {
                Ok(s) => break s,
                Err(e) if Instant::now() >= deadline => {
                    return Err(err(format!(
                        "cannot reach its control channel {}: {e} (its console: {})",
                        path.display(),
                        dir.join(vm::CONSOLE).display()
                    )));
                }
                Err(_) => {
                    if vm::running_pid(dir).is_none() && dir.join(vm::PIDFILE).exists() {
                        return Err(err(format!(
                            "its qemu is gone (its console: {})",
                            dir.join(vm::CONSOLE).display()
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(20))
                }
            }
        };
        let mut r = [0u8; 8];
        let _ = crate::crypt::random(&mut r);
        Ok(Channel {
            name: name.into(),
            reader: BufReader::new(stream.try_clone().map_err(|e| err(e.to_string()))?),
            writer: stream,
            _lock: lock,
            next_id: u64::from_le_bytes(r) >> 1,
        })
    }

    /// Sends `req`, passes progress and output to `sink`, returns the last
    /// reply (`Done`, `Failed`, `Ready` or `Containers`).
    fn request(
        &mut self,
        req: &Request,
        timeout: Duration,
        sink: &mut dyn Sink,
    ) -> Result<Reply, Error> {
        let name = self.name.clone();
        let err = |why: String| -> Error {
            CvmError::Channel {
                name: name.clone(),
                why,
            }
            .into()
        };
        self.next_id += 1;
        let id = self.next_id;
        control::send(&mut self.writer, id, req).map_err(|e| err(e.to_string()))?;
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(err(format!("no answer within {} s", timeout.as_secs())));
            }
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.min(Duration::from_secs(3600))))
                .map_err(|e| err(e.to_string()))?;
            let line = match control::read_line(&mut self.reader) {
                Ok(Some(l)) => l,
                Ok(None) => return Err(err("the guest closed the channel".into())),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => return Err(err(e.to_string())),
            };
            let Ok(env) = control::parse::<Reply>(&line) else {
                // Not a message (a guest still booting writes nothing here;
                // anything else is skipped, never interpreted).
                continue;
            };
            if env.id != id {
                continue;
            }
            match env.body {
                Reply::Progress { line } => sink.progress(&line),
                Reply::Output { stream, data } => {
                    use base64::Engine;
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(data.as_bytes())
                        .map_err(|e| err(format!("output that is not base64: {e}")))?;
                    sink.output(stream, &bytes)
                }
                last => return Ok(last),
            }
        }
    }
}

/// A guest as `cvm ls` shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Listed {
    pub name: String,
    pub status: String,
    pub tee: String,
    pub accel: String,
    pub ports: Vec<String>,
    pub workload: String,
    pub created: String,
    pub containers: Vec<Container>,
    pub console: PathBuf,
}

/// Every guest this data root launched.
pub fn ls(ctx: &Context) -> Result<Vec<Listed>, Error> {
    let base = vm::vms_dir(ctx.layout.root());
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&base) else {
        return Ok(out);
    };
    let mut dirs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for dir in dirs {
        let Some(rec) = vm::read_record(&dir) else {
            continue;
        };
        let running = vm::running_pid(&dir).is_some();
        let containers = if running {
            list_containers(&rec.name, &dir).unwrap_or_default()
        } else {
            Vec::new()
        };
        out.push(Listed {
            status: if running {
                "running".into()
            } else {
                "dead".into()
            },
            tee: format!("{:?}", rec.tee).to_lowercase(),
            accel: format!("{:?}", rec.accel).to_lowercase(),
            ports: rec
                .ports
                .iter()
                .map(|p| format!("{}:{}->{}/tcp", p.ip, p.host, p.guest))
                .collect(),
            workload: rec.workload,
            created: rec.created,
            containers,
            console: dir.join(vm::CONSOLE),
            name: rec.name,
        });
    }
    Ok(out)
}

struct Quiet;
impl Sink for Quiet {
    fn warn(&mut self, _: &str) {}
    fn progress(&mut self, _: &str) {}
    fn output(&mut self, _: Stream, _: &[u8]) {}
}

fn list_containers(name: &str, dir: &Path) -> Result<Vec<Container>, Error> {
    let mut ch = Channel::open(name, dir, vm::CONTROL_SOCKET, Duration::from_secs(5))?;
    match ch.request(&Request::List, Duration::from_secs(30), &mut Quiet)? {
        Reply::Containers { containers } => Ok(containers),
        Reply::Failed { message, hint } => Err(CvmError::InGuest { message, hint }.into()),
        other => Err(CvmError::Channel {
            name: name.into(),
            why: format!("unexpected answer {other:?}"),
        }
        .into()),
    }
}

fn running_dir(ctx: &Context, name: &str) -> Result<PathBuf, Error> {
    let dir = vm_dir(ctx, name);
    if !control::valid_name(name) || vm::read_record(&dir).is_none() {
        return Err(CvmError::NoVm(name.into()).into());
    }
    if vm::running_pid(&dir).is_none() {
        return Err(CvmError::Channel {
            name: name.into(),
            why: format!(
                "it is not running (its console: {}); `ccr cvm destroy {name}` clears it",
                dir.join(vm::CONSOLE).display()
            ),
        }
        .into());
    }
    Ok(dir)
}

/// `cvm logs NAME`: the output of the guest's container, if the guest lets
/// the host read it.
pub fn logs(ctx: &Context, name: &str, follow_it: bool, sink: &mut dyn Sink) -> Result<i32, Error> {
    let dir = running_dir(ctx, name)?;
    let mut ch = Channel::open(name, &dir, vm::OUTPUT_SOCKET, Duration::from_secs(10))?;
    match ch.request(
        &Request::Logs {
            name: "main".into(),
            follow: follow_it,
        },
        Duration::from_secs(u32::MAX as u64),
        sink,
    )? {
        Reply::Done { .. } => Ok(0),
        Reply::Failed { message, hint } => Err(CvmError::InGuest { message, hint }.into()),
        other => Err(CvmError::Channel {
            name: name.into(),
            why: format!("unexpected answer {other:?}"),
        }
        .into()),
    }
}

/// `cvm upgrade NAME IMAGE`.
pub fn upgrade(ctx: &Context, name: &str, image: &str, sink: &mut dyn Sink) -> Result<(), Error> {
    let dir = running_dir(ctx, name)?;
    let mut ch = Channel::open(name, &dir, vm::CONTROL_SOCKET, Duration::from_secs(10))?;
    match ch.request(
        &Request::Upgrade {
            name: "main".into(),
            image: image.into(),
        },
        Duration::from_secs(3600),
        sink,
    )? {
        Reply::Done { .. } => {
            if let Some(mut rec) = vm::read_record(&dir) {
                rec.workload = image.into();
                let _ = std::fs::write(
                    dir.join(vm::RECORD),
                    serde_json::to_vec_pretty(&rec).expect("serialises"),
                );
            }
            Ok(())
        }
        Reply::Failed { message, hint } => Err(CvmError::InGuest { message, hint }.into()),
        other => Err(CvmError::Channel {
            name: name.into(),
            why: format!("unexpected answer {other:?}"),
        }
        .into()),
    }
}

/// `cvm destroy NAME`: the guest wipes what it decrypted and powers off;
/// then qemu is gone and the guest's directory removed. A guest that
/// cannot answer is killed (its memory goes with it).
pub fn destroy(ctx: &Context, name: &str, sink: &mut dyn Sink) -> Result<String, Error> {
    let dir = vm_dir(ctx, name);
    if !control::valid_name(name) || !dir.is_dir() {
        return Err(CvmError::NoVm(name.into()).into());
    }
    destroy_dir(name, &dir, sink)
}

fn destroy_dir(name: &str, dir: &Path, sink: &mut dyn Sink) -> Result<String, Error> {
    let mut said = String::new();
    if vm::running_pid(dir).is_some() {
        let answer = Channel::open(name, dir, vm::CONTROL_SOCKET, Duration::from_secs(5))
            .and_then(|mut ch| ch.request(&Request::Destroy, Duration::from_secs(120), sink));
        match answer {
            Ok(Reply::Done { message, .. }) => said = message,
            Ok(Reply::Failed { message, .. }) => {
                sink.warn(&format!("the guest could not wipe: {message}; killing it"))
            }
            Ok(_) => {}
            Err(e) => sink.warn(&format!("{e}; killing the guest")),
        }
    }
    teardown(dir, Duration::from_secs(30));
    Ok(said)
}

/// Waits up to `grace` for qemu to exit, kills it, removes the directory.
fn teardown(dir: &Path, grace: Duration) {
    let deadline = Instant::now() + grace;
    while vm::running_pid(dir).is_some() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    if let Some(pid) = vm::running_pid(dir).and_then(rustix::process::Pid::from_raw) {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
        // qemu is not our child (it daemonised): wait for /proc to let go.
        let until = Instant::now() + Duration::from_secs(5);
        while vm::running_pid(dir).is_some() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------- guest side

/// The agent in the guest: puts the initdata where the mode finds it and
/// answers the control ports until told to destroy.
pub fn agent(dev: &Path, sys: &Path) -> Result<i32, Error> {
    let initdata = install_initdata(dev, sys);
    if let Err(e) = &initdata {
        eprintln!("ccr agent: {e}");
    }
    let control = find_port(sys, dev, guest::CONTROL_PORT)?;
    let output = find_port(sys, dev, guest::OUTPUT_PORT)?;
    let state = std::sync::Arc::new(AgentState {
        initdata_digest: initdata.ok(),
        tee: std::sync::Mutex::new(None),
        compose: std::sync::Mutex::new(None),
        real_tee: crate::kbs::attester::Tsm::open(Path::new(crate::kbs::attester::TSM_REPORT_DIR))
            .is_ok(),
    });
    eprintln!("ccr agent: ready");
    let s2 = state.clone();
    std::thread::spawn(move || serve(&output, &s2));
    serve(&control, &state);
    Ok(0)
}

struct AgentState {
    initdata_digest: Option<String>,
    tee: std::sync::Mutex<Option<Tee>>,
    /// The compose project this guest runs, and its file.
    compose: std::sync::Mutex<Option<(String, PathBuf)>>,
    /// Whether this guest has configfs-tsm (a TDX or SNP guest).
    real_tee: bool,
}

/// Reads the initdata disk (the first virtio disk that carries the magic)
/// into the standard place; its digest.
fn install_initdata(dev: &Path, sys: &Path) -> Result<String, String> {
    let mut disks: Vec<String> = std::fs::read_dir(sys.join("block"))
        .map_err(|e| format!("{}: {e}", sys.join("block").display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("vd"))
        .collect();
    disks.sort();
    for d in disks {
        let Ok(f) = std::fs::File::open(dev.join(&d)) else {
            continue;
        };
        let Ok(doc) = vm::read_initdata_disk(f) else {
            continue;
        };
        let parsed = Initdata::parse(doc.clone(), &dev.join(&d)).map_err(|e| e.to_string())?;
        let path = Path::new(crate::cvm::initdata::GUEST_INITDATA);
        let parent = path.parent().expect("a directory");
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        crate::private_file::write(path, &doc, 0o600, crate::private_file::Existing::Replace)
            .map_err(|e| e.to_string())?;
        return Ok(format!(
            "{}:{}",
            parsed.algorithm.name(),
            hex::encode(parsed.digest())
        ));
    }
    Err("no initdata disk: confidential-VM mode has nothing to attest with".into())
}

/// `/dev/vportNpM` of the virtio-serial port named `name`.
fn find_port(sys: &Path, dev: &Path, name: &str) -> Result<PathBuf, Error> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(entries) = std::fs::read_dir(sys.join("class/virtio-ports")) {
            for e in entries.flatten() {
                let n = std::fs::read_to_string(e.path().join("name")).unwrap_or_default();
                if n.trim() == name {
                    return Ok(dev.join(e.file_name()));
                }
            }
        }
        if Instant::now() >= deadline {
            return Err(CvmError::Channel {
                name: "this guest".into(),
                why: format!("no virtio-serial port named {name}"),
            }
            .into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Answers one port, request after request. A host that disconnects makes
/// reads end; the port is read again once it reconnects.
fn serve(port: &Path, state: &AgentState) {
    loop {
        let Ok(f) = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(port)
        else {
            std::thread::sleep(Duration::from_millis(200));
            continue;
        };
        let Ok(w) = f.try_clone() else { continue };
        let mut w = w;
        let mut r = BufReader::new(f);
        loop {
            let line = match control::read_line(&mut r) {
                Ok(Some(l)) => l,
                // No host connected: wait for one.
                Ok(None) => {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                Err(_) => break,
            };
            let env = match control::parse::<Request>(&line) {
                Ok(e) => e,
                Err(e) => {
                    let _ = control::send(
                        &mut w,
                        0,
                        &Reply::Failed {
                            message: e.to_string(),
                            hint: None,
                        },
                    );
                    continue;
                }
            };
            let id = env.id;
            let destroying = matches!(env.body, Request::Destroy);
            let mut out = |reply: &Reply| {
                let _ = control::send(&mut w, id, reply);
            };
            let last = handle(env.body, state, &mut out);
            let wiped = matches!(last, Reply::Done { .. });
            out(&last);
            if destroying && wiped {
                power_off();
            }
        }
    }
}

fn handle(req: Request, state: &AgentState, out: &mut dyn FnMut(&Reply)) -> Reply {
    match req {
        Request::Start { tee, host_ports } => {
            let mut t = state.tee.lock().expect("not poisoned");
            if t.is_none() {
                *t = Some(tee);
                for p in host_ports {
                    forward_host_port(p);
                }
            }
            Reply::Ready {
                version: env!("CARGO_PKG_VERSION").into(),
                initdata_digest: state.initdata_digest.clone(),
                output_readable: output_readable(state),
            }
        }
        Request::Run {
            name,
            image,
            command,
        } => {
            if !control::valid_name(&name) {
                return Reply::Failed {
                    message: format!("invalid container name {name:?}"),
                    hint: None,
                };
            }
            let mut args: Vec<String> = vec!["run".into(), "-d".into(), "--name".into(), name];
            args.extend(["--network".into(), "host".into()]);
            args.extend(tee_flag(state));
            args.push("--".into());
            args.push(image);
            args.extend(command);
            ccr(&args, out)
        }
        Request::Upgrade { .. } if state.compose.lock().expect("not poisoned").is_some() => {
            Reply::Failed {
                message:
                    "this guest runs a compose project: upgrade is for a guest that runs one image"
                        .into(),
                hint: None,
            }
        }
        Request::Upgrade { name, image } => {
            let mut args: Vec<String> = vec!["upgrade".into()];
            args.extend(tee_flag(state));
            args.extend(["--".into(), name, image]);
            ccr(&args, out)
        }
        Request::Compose { project, file } => compose_up(state, &project, &file, out),
        Request::List => list(),
        Request::Logs { name, follow } => {
            if !output_readable(state) {
                return Reply::Failed {
                    message: "this guest's initdata does not let the host read container output (policy.rego ReadStreamRequest)".into(),
                    hint: None,
                };
            }
            let compose = state.compose.lock().expect("not poisoned").clone();
            match compose {
                Some((project, file)) => {
                    let mut args = vec![
                        "compose".to_string(),
                        "-p".into(),
                        project,
                        "-f".into(),
                        file.to_string_lossy().into_owned(),
                        "logs".into(),
                    ];
                    if follow {
                        args.push("-f".into());
                    }
                    stream_ccr(&args, None, out)
                }
                None => logs_in_guest(&name, follow, out),
            }
        }
        Request::Destroy => ccr(&["destroy".into(), "--all".into()], out),
    }
}

fn tee_flag(state: &AgentState) -> Vec<String> {
    match *state.tee.lock().expect("not poisoned") {
        Some(Tee::None) => vec!["--tee".into(), "sample".into()],
        _ => Vec::new(),
    }
}

/// Whether the host may read container output: the initdata's agent
/// policy decides (Kata's `ReadStreamRequest`); without one, only a guest
/// without a TEE lets it.
fn output_readable(state: &AgentState) -> bool {
    let path = Path::new(crate::cvm::initdata::GUEST_INITDATA);
    if let Ok(init) = Initdata::load(path)
        && let Some(policy) = init.data.get("policy.rego")
    {
        return agent_policy_allows(policy, "ReadStreamRequest");
    }
    !state.real_tee
}

/// Evaluates `data.agent_policy.RULE` of a Kata agent policy.
pub fn agent_policy_allows(policy: &str, rule: &str) -> bool {
    let mut engine = regorus::Engine::new();
    if engine
        .add_policy("policy.rego".into(), policy.into())
        .is_err()
    {
        return false;
    }
    engine.set_input(regorus::Value::new_object());
    matches!(
        engine.eval_rule(format!("data.agent_policy.{rule}")),
        Ok(v) if v == regorus::Value::from(true)
    )
}

/// This ccr (the guest's).
fn guest_ccr() -> PathBuf {
    std::env::current_exe().unwrap_or_else(|_| "/usr/bin/ccr".into())
}

/// The guest's ccr with `args`, its output piped; a `Failed` reply when it
/// cannot start. Always in confidential-VM mode: without the initdata it
/// refuses to pull anything rather than run unverified.
fn spawn_ccr(args: &[String]) -> Result<std::process::Child, Reply> {
    Command::new(guest_ccr())
        .arg("--cvm")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Reply::Failed {
            message: e.to_string(),
            hint: None,
        })
}

/// Runs the guest's own ccr; standard error lines become progress.
fn ccr(args: &[String], out: &mut dyn FnMut(&Reply)) -> Reply {
    let mut child = match spawn_ccr(args) {
        Ok(c) => c,
        Err(failed) => return failed,
    };
    let stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.take(1 << 20).read_to_string(&mut s);
        s
    });
    let mut errors: Vec<String> = Vec::new();
    let mut hints: Vec<String> = Vec::new();
    for line in BufReader::new(child.stderr.take().expect("piped"))
        .lines()
        .map_while(Result::ok)
    {
        let line: String = line.chars().take(4096).collect();
        if let Some(error) = line.strip_prefix("ccr: error: ") {
            errors.push(error.to_string());
        } else if let Some(hint) = line.strip_prefix("hint: ") {
            hints.push(hint.to_string());
        } else {
            out(&Reply::Progress { line });
        }
    }
    let stdout = reader.join().unwrap_or_default();
    match child.wait() {
        Ok(s) if s.success() => Reply::Done {
            code: 0,
            message: stdout.trim().to_string(),
        },
        Ok(s) => Reply::Failed {
            message: if errors.is_empty() {
                format!(
                    "ccr {} failed ({s})",
                    args.first().map_or("", |a| a.as_str())
                )
            } else {
                errors.join("; ")
            },
            hint: (!hints.is_empty()).then(|| hints.join("; ")),
        },
        Err(e) => Reply::Failed {
            message: e.to_string(),
            hint: None,
        },
    }
}

fn list() -> Reply {
    let exe = guest_ccr();
    let out = Command::new(&exe)
        .arg("--cvm")
        .args([
            "ps",
            "-a",
            "--no-trunc",
            "--format",
            "{{.Names}}\t{{.Image}}\t{{.Status}}",
        ])
        .output();
    let Ok(out) = out else {
        return Reply::Failed {
            message: "cannot list containers".into(),
            hint: None,
        };
    };
    let mut containers = Vec::new();
    for l in String::from_utf8_lossy(&out.stdout).lines() {
        let mut f = l.split('\t');
        let (Some(name), Some(image), Some(status)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let digest = Command::new(&exe)
            .arg("--cvm")
            .args(["inspect", "--format", "{{.Image}}", name])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        containers.push(Container {
            name: name.into(),
            image: image.into(),
            digest,
            status: status.into(),
        });
    }
    Reply::Containers { containers }
}

fn logs_in_guest(name: &str, follow_it: bool, out: &mut dyn FnMut(&Reply)) -> Reply {
    if !control::valid_name(name) {
        return Reply::Failed {
            message: format!("invalid container name {name:?}"),
            hint: None,
        };
    }
    let mut args = vec!["logs".to_string()];
    if follow_it {
        args.push("-f".into());
    }
    args.push(name.into());
    // Only a followed container has ended: its exit code is the answer.
    stream_ccr(&args, follow_it.then_some(name), out)
}

/// Runs the guest's ccr with `args`, its output passed on as `Output`;
/// done with the exit code of `container` when one is named.
fn stream_ccr(args: &[String], container: Option<&str>, out: &mut dyn FnMut(&Reply)) -> Reply {
    let exe = guest_ccr();
    let mut child = match spawn_ccr(args) {
        Ok(c) => c,
        Err(failed) => return failed,
    };
    let (tx, rx) = std::sync::mpsc::channel::<(Stream, Vec<u8>)>();
    let pump =
        |mut r: Box<dyn Read + Send>, s: Stream, tx: std::sync::mpsc::Sender<(Stream, Vec<u8>)>| {
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 16 << 10];
                while let Ok(n) = r.read(&mut buf) {
                    if n == 0 || tx.send((s, buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
            })
        };
    let a = pump(
        Box::new(child.stdout.take().expect("piped")),
        Stream::Stdout,
        tx.clone(),
    );
    let b = pump(
        Box::new(child.stderr.take().expect("piped")),
        Stream::Stderr,
        tx,
    );
    for (stream, data) in rx {
        use base64::Engine;
        out(&Reply::Output {
            stream,
            data: base64::engine::general_purpose::STANDARD.encode(&data),
        });
    }
    let _ = (a.join(), b.join());
    let _ = child.wait();
    let code = container
        .and_then(|name| {
            Command::new(&exe)
                .arg("--cvm")
                // `wait`, not `inspect`: the output can end a moment before
                // the container's state says it exited.
                .args(["wait", name])
                .output()
                .ok()
        })
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(0);
    Reply::Done {
        code,
        message: String::new(),
    }
}

/// A compose file as the guest runs it: each service on the guest's
/// network (`network_mode: host`, its `networks` and `ports` dropped), with
/// every service name resolving to the guest (`extra_hosts`).
fn guest_compose(file: &str) -> Result<String, String> {
    let mut doc: yaml_serde::Value = match yaml_serde::from_str(file) {
        Ok(d) => d,
        Err(e) => return Err(format!("the compose file: {e}")),
    };
    let Some(services) = doc.get_mut("services").and_then(|s| s.as_mapping_mut()) else {
        return Err("the compose file has no services".into());
    };
    let names: Vec<String> = services
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    for (_, svc) in services.iter_mut() {
        let Some(svc) = svc.as_mapping_mut() else {
            continue;
        };
        for key in ["networks", "ports", "network_mode"] {
            svc.remove(key);
        }
        svc.insert("network_mode".into(), "host".into());
        let hosts: Vec<yaml_serde::Value> = names
            .iter()
            .map(|n| yaml_serde::Value::from(format!("{n}:127.0.0.1")))
            .collect();
        match svc.get_mut("extra_hosts") {
            Some(yaml_serde::Value::Sequence(list)) => list.extend(hosts),
            Some(yaml_serde::Value::Mapping(map)) => {
                for n in &names {
                    map.insert(n.clone().into(), "127.0.0.1".into());
                }
            }
            _ => {
                svc.insert("extra_hosts".into(), yaml_serde::Value::Sequence(hosts));
            }
        }
    }
    if let Some(top) = doc.as_mapping_mut() {
        top.remove("networks");
    }
    yaml_serde::to_string(&doc).map_err(|e| e.to_string())
}

/// A compose project in the guest: the file as the host sent it, each
/// service on the guest's network (there is no bridge in the guest) with
/// every service name resolving to it, brought up detached under the
/// mode's policy.
fn compose_up(state: &AgentState, project: &str, file: &str, out: &mut dyn FnMut(&Reply)) -> Reply {
    let failed = |message: String| Reply::Failed {
        message,
        hint: None,
    };
    if !control::valid_name(project) || file.len() > control::MAX_COMPOSE {
        return failed("invalid compose project".into());
    }
    let text = match guest_compose(file) {
        Ok(t) => t,
        Err(e) => return failed(e),
    };
    let dir = Path::new("/run/ccr-compose").join(project);
    let path = dir.join("compose.yaml");
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| {
        crate::private_file::write(
            &path,
            text.as_bytes(),
            0o600,
            crate::private_file::Existing::Replace,
        )
    }) {
        return failed(format!("{}: {e}", path.display()));
    }
    let mut args: Vec<String> = vec![
        "compose".into(),
        "-p".into(),
        project.into(),
        "-f".into(),
        path.to_string_lossy().into_owned(),
        "up".into(),
        "-d".into(),
    ];
    args.extend(tee_flag(state));
    let r = ccr(&args, out);
    if matches!(r, Reply::Done { .. }) {
        *state.compose.lock().expect("not poisoned") = Some((project.into(), path));
    }
    r
}

/// The host's loopback `port` at the guest's loopback, through user-mode
/// networking's gateway.
fn forward_host_port(port: u16) {
    let Ok(listener) = std::net::TcpListener::bind(("127.0.0.1", port)) else {
        eprintln!("ccr agent: cannot listen on 127.0.0.1:{port}");
        return;
    };
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let Ok(upstream) = std::net::TcpStream::connect(("10.0.2.2", port)) else {
                    return;
                };
                let (Ok(mut ur), Ok(mut cw)) = (upstream.try_clone(), conn.try_clone()) else {
                    return;
                };
                let (mut cr, mut uw) = (conn, upstream);
                let t = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut cr, &mut uw);
                    let _ = uw.shutdown(std::net::Shutdown::Write);
                });
                let _ = std::io::copy(&mut ur, &mut cw);
                let _ = cw.shutdown(std::net::Shutdown::Write);
                let _ = t.join();
            });
        }
    });
}

fn power_off() -> ! {
    rustix::fs::sync();
    let _ = rustix::system::reboot(rustix::system::RebootCommand::PowerOff);
    std::process::exit(0)
}

/// Writes `data` of `stream` to the terminal.
pub fn write_output(stream: Stream, data: &[u8]) {
    let _ = match stream {
        Stream::Stdout => {
            let mut o = std::io::stdout().lock();
            o.write_all(data).and_then(|_| o.flush())
        }
        Stream::Stderr => {
            let mut o = std::io::stderr().lock();
            o.write_all(data).and_then(|_| o.flush())
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agent_policy_decides_whether_the_host_reads_output() {
        let deny = "package agent_policy\n\ndefault ReadStreamRequest := false\n";
        let allow = "package agent_policy\n\ndefault ReadStreamRequest := true\n";
        assert!(!agent_policy_allows(deny, "ReadStreamRequest"));
        assert!(agent_policy_allows(allow, "ReadStreamRequest"));
        // A rule the policy does not define, or a policy that does not
        // compile, allows nothing.
        assert!(!agent_policy_allows(
            "package agent_policy\n",
            "ReadStreamRequest"
        ));
        assert!(!agent_policy_allows("not rego", "ReadStreamRequest"));
    }

    #[test]
    fn a_compose_project_runs_on_the_guests_network() {
        let text = guest_compose(
            "services:\n  web:\n    image: w\n    ports: ['80:80']\n    networks: [front]\n  db:\n    image: d\n    extra_hosts: ['x:10.0.0.1']\nnetworks:\n  front: {}\n",
        )
        .unwrap();
        let doc: yaml_serde::Value = yaml_serde::from_str(&text).unwrap();
        let web = &doc["services"]["web"];
        assert_eq!(web["network_mode"], "host");
        assert!(web.get("ports").is_none() && web.get("networks").is_none());
        assert!(doc.get("networks").is_none());
        let hosts: Vec<&str> = doc["services"]["db"]["extra_hosts"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(hosts, ["x:10.0.0.1", "web:127.0.0.1", "db:127.0.0.1"]);
        assert!(guest_compose("version: '3'\n").is_err());
    }
}
