//! The guest image `ccr cvm up` boots: Debian's kernel, and an initramfs
//! made from Debian packages (busybox, the C library ccr links against,
//! tini) holding ccr itself as the guest's agent. Everything is read out of
//! `.deb` files; nothing is installed on the host. The same packages and the
//! same ccr give the same bytes (entries sorted, times and owners fixed), so
//! the digests printed are reference values a verifier can pin.
//!
//! The guest never mounts a host file system. Its init moves the initramfs
//! onto a tmpfs (libcontainer's pivot_root refuses the initramfs itself),
//! loads the virtio drivers, brings up user-mode networking's fixed
//! addresses and runs `ccr cvm agent` under tini.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::Digest as _;

/// The kernel command line the image is booted with (a reference value too).
pub const CMDLINE: &str = "console=ttyS0 panic=-1 quiet";

/// The name of the virtio-serial port requests arrive on.
pub const CONTROL_PORT: &str = "dev.ccr.control";
/// The port a container's output is streamed on (one stream at a time).
pub const OUTPUT_PORT: &str = "dev.ccr.output";

/// The Debian packages an image is made from, besides the kernel.
pub const PACKAGES: &[&str] = &[
    "busybox-static",
    "ca-certificates",
    "libc6",
    "libgcc-s1",
    "libseccomp2",
    "tini",
];

/// The kernel modules the guest loads (with what they depend on): virtio
/// PCI, console (the control channel), block (the initdata disk), network,
/// entropy, and overlayfs for the containers' root file systems.
const MODULES: &[&str] = &[
    "virtio_pci",
    "virtio_console",
    "virtio_blk",
    "virtio_net",
    "virtio_rng",
    "overlay",
    "sev_guest",
];

/// The busybox applets the init scripts use.
const APPLETS: &[&str] = &[
    "cat",
    "cp",
    "echo",
    "hostname",
    "insmod",
    "ip",
    "ln",
    "ls",
    "mkdir",
    "mount",
    "poweroff",
    "rm",
    "sh",
    "sleep",
    "switch_root",
    "umount",
];

/// A `.deb` too large to be a package we use is refused before it is read.
const MAX_DEB: u64 = 512 << 20;
/// A file taken out of a package: larger ones are refused.
const MAX_FILE: u64 = 128 << 20;

#[derive(Debug, thiserror::Error)]
pub enum GuestError {
    #[error("{}: {why}", path.display())]
    Package { path: PathBuf, why: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the guest image needs {what}, which none of the packages holds")]
    Missing { what: String },
    #[error("{}: {why}", path.display())]
    Binary { path: PathBuf, why: String },
}

impl GuestError {
    pub fn hint(&self) -> Option<String> {
        match self {
            GuestError::Missing { .. } => Some(format!(
                "give the kernel package (linux-image-*-amd64) and {} with --debs, or let ccr download them with apt",
                PACKAGES.join(", ")
            )),
            _ => None,
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> GuestError + '_ {
    move |source| GuestError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One `.deb`: its name, version and digest, and where it was unpacked.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub sha256: String,
    #[serde(skip)]
    pub root: PathBuf,
}

/// Unpacks `deb` (its `data.tar.*`) under `into`, and reads its control
/// fields. Debian packages come through apt's signed indexes; paths are
/// still kept inside `into` (the tar crate refuses `..` and absolute paths).
pub fn unpack_deb(deb: &Path, into: &Path) -> Result<Package, GuestError> {
    let bad = |why: String| GuestError::Package {
        path: deb.to_path_buf(),
        why,
    };
    let meta = std::fs::metadata(deb).map_err(io(deb))?;
    if meta.len() > MAX_DEB {
        return Err(bad(format!(
            "{} bytes is more than a package ccr uses",
            meta.len()
        )));
    }
    let mut hasher = sha2::Sha256::new();
    std::io::copy(&mut std::fs::File::open(deb).map_err(io(deb))?, &mut hasher).map_err(io(deb))?;
    let sha256 = hex::encode(hasher.finalize());
    let mut archive = ar::Archive::new(std::fs::File::open(deb).map_err(io(deb))?);
    let mut control = None;
    let mut data = false;
    while let Some(entry) = archive.next_entry() {
        let entry = entry.map_err(|e| bad(format!("not a Debian package: {e}")))?;
        let name = String::from_utf8_lossy(entry.header().identifier()).into_owned();
        let tar: Box<dyn Read> = match decompressor(&name, entry) {
            Some(r) => r,
            None => continue,
        };
        let mut tar = tar::Archive::new(tar);
        if name.starts_with("control.tar") {
            for e in tar.entries().map_err(io(deb))? {
                let mut e = e.map_err(io(deb))?;
                let p = e.path().map_err(io(deb))?.into_owned();
                if p.file_name().is_some_and(|n| n == "control") {
                    control = Some(
                        crate::bounded::read_all(&mut e, 1 << 20, "a package's control file")
                            .map_err(io(deb))?,
                    );
                }
            }
        } else if name.starts_with("data.tar") {
            std::fs::create_dir_all(into).map_err(io(into))?;
            tar.set_preserve_permissions(true);
            tar.set_overwrite(true);
            tar.unpack(into).map_err(io(deb))?;
            data = true;
        }
    }
    let control = control.ok_or_else(|| bad("it has no control file".into()))?;
    if !data {
        return Err(bad("it has no data.tar".into()));
    }
    let control = String::from_utf8_lossy(&control);
    let field = |key: &str| {
        control
            .lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
            .map(|v| v.trim().to_string())
            .ok_or_else(|| bad(format!("its control file has no {key}")))
    };
    Ok(Package {
        name: field("Package")?,
        version: field("Version")?,
        sha256,
        root: into.to_path_buf(),
    })
}

fn decompressor<'a, R: Read + 'a>(name: &str, r: R) -> Option<Box<dyn Read + 'a>> {
    Some(match name.rsplit('.').next()? {
        "xz" => Box::new(liblzma::read::XzDecoder::new(r)),
        "zst" => Box::new(zstd::stream::read::Decoder::new(r).ok()?),
        "gz" => Box::new(flate2::read::GzDecoder::new(r)),
        "tar" => Box::new(r),
        _ => return None,
    })
}

/// A file of the initramfs.
#[derive(Clone, Debug)]
enum Node {
    Dir,
    File { data: Vec<u8>, mode: u32 },
    Link(String),
}

/// The initramfs being assembled: absolute guest paths to nodes.
#[derive(Default)]
struct Tree(BTreeMap<String, Node>);

impl Tree {
    fn dir(&mut self, path: &str) {
        let mut at = String::new();
        for part in path.trim_matches('/').split('/').filter(|p| !p.is_empty()) {
            at.push('/');
            at.push_str(part);
            self.0.entry(at.clone()).or_insert(Node::Dir);
        }
    }
    fn parent(&mut self, path: &str) {
        if let Some((parent, _)) = path.rsplit_once('/') {
            self.dir(parent);
        }
    }
    fn file(&mut self, path: &str, data: Vec<u8>, mode: u32) {
        self.parent(path);
        self.0.insert(path.into(), Node::File { data, mode });
    }
    fn link(&mut self, path: &str, target: &str) {
        self.parent(path);
        self.0.insert(path.into(), Node::Link(target.into()));
    }

    /// A gzip'd newc cpio archive: entries in path order, owned by root,
    /// time 0, inode numbers in order, so the bytes depend on content only.
    fn cpio_gz(&self) -> std::io::Result<Vec<u8>> {
        let gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(Vec::new(), flate2::Compression::new(6));
        let mut out = gz;
        for (ino, (path, node)) in self.0.iter().enumerate() {
            let name = path.trim_start_matches('/');
            let b = cpio::NewcBuilder::new(name).ino(ino as u32 + 1).mtime(0);
            out = match node {
                Node::Dir => b.mode(0o040755).nlink(2).write(out, 0).finish()?,
                Node::File { data, mode } => {
                    let mut w = b.mode(0o100000 | mode).write(out, data.len() as u32);
                    w.write_all(data)?;
                    w.finish()?
                }
                Node::Link(target) => {
                    let mut w = b.mode(0o120777).write(out, target.len() as u32);
                    w.write_all(target.as_bytes())?;
                    w.finish()?
                }
            };
        }
        cpio::newc::trailer(out)?.finish()
    }
}

/// What `build` was given.
pub struct Inputs<'a> {
    /// The kernel package, unpacked.
    pub kernel: &'a Package,
    /// busybox-static, libc6, libgcc-s1, libseccomp2, tini, unpacked.
    pub packages: &'a [Package],
    /// The ccr binary the guest runs.
    pub ccr: &'a Path,
}

/// A built image: its files and their reference values.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub kernel_version: String,
    pub cmdline: String,
    /// name → version, sha256 of the .deb.
    pub packages: BTreeMap<String, (String, String)>,
    /// sha256 of the ccr binary as given (before its debug sections went).
    pub ccr_sha256: String,
    /// file name → (sha256, sha384) for vmlinuz, initramfs.img, cmdline.
    pub digests: BTreeMap<String, (String, String)>,
    pub modules: Vec<String>,
}

pub const KERNEL: &str = "vmlinuz";
/// The kernel uncompressed, booted under TCG (where decompression itself
/// is emulated); derived from vmlinuz, so not a reference value of its own.
pub const KERNEL_ELF: &str = "vmlinux";
pub const INITRAMFS: &str = "initramfs.img";
pub const CMDLINE_FILE: &str = "cmdline";
pub const MANIFEST: &str = "guest.json";

fn digests(data: &[u8]) -> (String, String) {
    (
        hex::encode(sha2::Sha256::digest(data)),
        hex::encode(sha2::Sha384::digest(data)),
    )
}

/// Builds the image into `out`.
pub fn build(inputs: &Inputs, out: &Path) -> Result<Manifest, GuestError> {
    let (kernel_version, vmlinuz) = find_kernel(&inputs.kernel.root)?;
    let mut tree = Tree::default();
    for d in [
        "/proc",
        "/sys",
        "/dev",
        "/run",
        "/tmp",
        "/var/lib",
        "/etc",
        "/root",
        "/new",
        "/usr/sbin",
        "/sbin",
    ] {
        tree.dir(d);
    }
    // busybox and the applets the scripts use.
    let busybox = take(inputs.packages, "bin/busybox")?;
    tree.file("/bin/busybox", busybox, 0o755);
    for a in APPLETS {
        tree.link(&format!("/bin/{a}"), "busybox");
    }
    let tini = take(inputs.packages, "usr/bin/tini-static")?;
    tree.file("/usr/bin/tini", tini.clone(), 0o755);
    // `run --init` mounts this one into containers.
    tree.file("/usr/bin/tini-static", tini, 0o755);
    // ccr, without debug sections, and the libraries it loads.
    let ccr_raw = std::fs::read(inputs.ccr).map_err(io(inputs.ccr))?;
    let ccr_sha256 = hex::encode(sha2::Sha256::digest(&ccr_raw));
    let ccr = strip_debug(&ccr_raw).map_err(|why| GuestError::Binary {
        path: inputs.ccr.to_path_buf(),
        why,
    })?;
    drop(ccr_raw);
    add_libraries(&mut tree, inputs.packages, &ccr, inputs.ccr)?;
    tree.file("/usr/bin/ccr", ccr, 0o755);
    // Modules, in load order.
    let modules = module_closure(&inputs.kernel.root, &kernel_version)?;
    let mut order = String::new();
    let names: Vec<String> = modules.iter().map(|(n, _)| n.clone()).collect();
    for (name, data) in modules {
        tree.file(&format!("/lib/modules/{name}.ko"), data, 0o644);
        order.push_str(&name);
        order.push('\n');
    }
    tree.file("/lib/modules/load", order.into_bytes(), 0o644);
    for (path, text, mode) in [
        ("/init", STAGE1, 0o755),
        ("/sbin/ccr-init", STAGE2, 0o755),
        (
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
            0o644,
        ),
        ("/etc/group", "root:x:0:\nnogroup:x:65534:\n", 0o644),
        (
            "/etc/hosts",
            "127.0.0.1\tlocalhost\n::1\tlocalhost\n",
            0o644,
        ),
        ("/etc/hostname", "ccr-guest\n", 0o644),
        (
            "/etc/nsswitch.conf",
            "passwd: files\ngroup: files\nhosts: files dns\n",
            0o644,
        ),
    ] {
        tree.file(path, text.as_bytes().to_vec(), mode);
    }
    tree.file(
        "/etc/ssl/certs/ca-certificates.crt",
        ca_bundle(inputs.packages)?,
        0o644,
    );
    let initramfs = tree.cpio_gz().map_err(io(out))?;

    std::fs::create_dir_all(out).map_err(io(out))?;
    let kernel_bytes = std::fs::read(&vmlinuz).map_err(io(&vmlinuz))?;
    let elf = extract_vmlinux(&kernel_bytes).map_err(|why| GuestError::Binary {
        path: vmlinuz.clone(),
        why,
    })?;
    let mut manifest = Manifest {
        kernel_version,
        cmdline: CMDLINE.into(),
        packages: std::iter::once(inputs.kernel)
            .chain(inputs.packages)
            .map(|p| (p.name.clone(), (p.version.clone(), p.sha256.clone())))
            .collect(),
        ccr_sha256,
        digests: BTreeMap::new(),
        modules: names,
    };
    for (name, data) in [
        (KERNEL, &kernel_bytes[..]),
        (INITRAMFS, &initramfs[..]),
        (CMDLINE_FILE, CMDLINE.as_bytes()),
    ] {
        manifest.digests.insert(name.into(), digests(data));
        write_atomic(&out.join(name), data)?;
    }
    write_atomic(&out.join(KERNEL_ELF), &elf)?;
    write_atomic(
        &out.join(MANIFEST),
        &serde_json::to_vec_pretty(&manifest).expect("serialises"),
    )?;
    Ok(manifest)
}

fn write_atomic(path: &Path, data: &[u8]) -> Result<(), GuestError> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, data).map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}

/// Reads an image's manifest.
pub fn manifest(dir: &Path) -> Result<Manifest, GuestError> {
    let path = dir.join(MANIFEST);
    let text = crate::bounded::read(&path, 1 << 20).map_err(io(&path))?;
    serde_json::from_slice(&text).map_err(|e| GuestError::Package {
        path,
        why: format!("not a guest image manifest: {e}"),
    })
}

/// The certificate bundle update-ca-certificates would make from the
/// ca-certificates package: its Mozilla certificates, in name order.
fn ca_bundle(packages: &[Package]) -> Result<Vec<u8>, GuestError> {
    let p = packages
        .iter()
        .find(|p| p.name == "ca-certificates")
        .ok_or_else(|| GuestError::Missing {
            what: "ca-certificates".into(),
        })?;
    let dir = p.root.join("usr/share/ca-certificates/mozilla");
    let mut certs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(io(&dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "crt"))
        .collect();
    certs.sort();
    let mut bundle = Vec::new();
    for c in certs {
        let mut pem = std::fs::read(&c).map_err(io(&c))?;
        if !pem.ends_with(b"\n") {
            pem.push(b'\n');
        }
        bundle.extend_from_slice(&pem);
    }
    Ok(bundle)
}

/// `boot/vmlinuz-VERSION` of the kernel package.
fn find_kernel(root: &Path) -> Result<(String, PathBuf), GuestError> {
    let boot = root.join("boot");
    let mut found = Vec::new();
    for e in std::fs::read_dir(&boot).map_err(io(&boot))? {
        let e = e.map_err(io(&boot))?;
        if let Some(v) = e
            .file_name()
            .to_str()
            .and_then(|n| n.strip_prefix("vmlinuz-"))
        {
            found.push((v.to_string(), e.path()));
        }
    }
    found.sort();
    found.pop().ok_or_else(|| GuestError::Missing {
        what: "a kernel (boot/vmlinuz-*)".into(),
    })
}

/// A file out of the unpacked packages, symlinks followed inside them.
fn take(packages: &[Package], rel: &str) -> Result<Vec<u8>, GuestError> {
    for p in packages {
        if let Some(path) = resolve(&p.root, rel, 0) {
            let meta = std::fs::metadata(&path).map_err(io(&path))?;
            if meta.len() > MAX_FILE {
                return Err(GuestError::Binary {
                    path,
                    why: "too large for the guest image".into(),
                });
            }
            return std::fs::read(&path).map_err(io(&path));
        }
    }
    Err(GuestError::Missing { what: rel.into() })
}

/// `rel` inside `root`, following symbolic links as the guest would, but
/// never out of `root`; `None` when there is no such file.
fn resolve(root: &Path, rel: &str, depth: usize) -> Option<PathBuf> {
    if depth > 16 {
        return None;
    }
    let mut at = PathBuf::new();
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    for (i, part) in parts.iter().enumerate() {
        match *part {
            "." => continue,
            ".." => {
                at.pop();
                continue;
            }
            _ => at.push(part),
        }
        let full = root.join(&at);
        let meta = std::fs::symlink_metadata(&full).ok()?;
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&full).ok()?;
            let target = target.to_str()?;
            let base = if target.starts_with('/') {
                String::new()
            } else {
                at.parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            let rest = parts[i + 1..].join("/");
            return resolve(root, &format!("{base}/{target}/{rest}"), depth + 1);
        }
    }
    let full = root.join(&at);
    full.is_file().then_some(full)
}

/// The ELF interpreter and `DT_NEEDED` libraries of `elf`.
fn dependencies(elf: &[u8]) -> Result<(Option<String>, Vec<String>), String> {
    use object::read::elf::{Dyn as _, FileHeader, ProgramHeader, SectionHeader as _};
    let header = object::elf::FileHeader64::<object::Endianness>::parse(elf)
        .map_err(|e| format!("not a 64-bit ELF file: {e}"))?;
    let endian = header.endian().map_err(|e| e.to_string())?;
    let mut interp = None;
    for ph in header
        .program_headers(endian, elf)
        .map_err(|e| e.to_string())?
    {
        if let Some(i) = ph.interpreter(endian, elf).map_err(|e| e.to_string())? {
            interp = Some(String::from_utf8_lossy(i).into_owned());
        }
    }
    let sections = header.sections(endian, elf).map_err(|e| e.to_string())?;
    let mut needed = Vec::new();
    for s in sections.iter() {
        if let Some((entries, link)) = s.dynamic(endian, elf).map_err(|e| e.to_string())? {
            let strings = sections
                .strings(endian, elf, link)
                .map_err(|e| e.to_string())?;
            for d in entries {
                if d.tag(endian) == object::elf::DT_NEEDED {
                    let name = d.string(endian, strings).map_err(|e| e.to_string())?;
                    needed.push(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
    }
    Ok((interp, needed))
}

const LIBDIRS: &[&str] = &[
    "lib/x86_64-linux-gnu",
    "usr/lib/x86_64-linux-gnu",
    "lib",
    "usr/lib",
];

/// The interpreter and every shared library `elf` loads, transitively,
/// taken from the packages.
fn add_libraries(
    tree: &mut Tree,
    packages: &[Package],
    elf: &[u8],
    what: &Path,
) -> Result<(), GuestError> {
    let (interp, needed) = dependencies(elf).map_err(|why| GuestError::Binary {
        path: what.to_path_buf(),
        why,
    })?;
    if let Some(interp) = interp {
        let data = take(packages, &interp)?;
        tree.file(&interp, data, 0o755);
    }
    let mut queue = needed;
    let mut seen = BTreeSet::new();
    while let Some(lib) = queue.pop() {
        if !seen.insert(lib.clone()) || lib.contains('/') {
            continue;
        }
        let data = LIBDIRS
            .iter()
            .find_map(|d| take(packages, &format!("{d}/{lib}")).ok())
            .ok_or_else(|| GuestError::Missing {
                what: format!("the shared library {lib} that {} loads", what.display()),
            })?;
        let (_, more) = dependencies(&data).map_err(|why| GuestError::Binary {
            path: PathBuf::from(&lib),
            why,
        })?;
        queue.extend(more);
        tree.file(&format!("/lib/x86_64-linux-gnu/{lib}"), data, 0o755);
    }
    Ok(())
}

/// `elf` without its `.debug*` sections: the guest has no debugger, and a
/// debug build's ccr is mostly debug information.
fn strip_debug(elf: &[u8]) -> Result<Vec<u8>, String> {
    let mut b = object::build::elf::Builder::read(elf).map_err(|e| e.to_string())?;
    let mut any = false;
    for s in b.sections.iter_mut() {
        if s.name.starts_with(b".debug") {
            s.delete = true;
            any = true;
        }
    }
    if !any {
        return Ok(elf.to_vec());
    }
    b.delete_orphans();
    let mut out = Vec::with_capacity(elf.len() / 4);
    b.write(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The kernel inside a bzImage: Debian compresses it with xz.
fn extract_vmlinux(bz: &[u8]) -> Result<Vec<u8>, String> {
    const XZ: &[u8] = b"\xfd7zXZ\x00";
    let at = bz
        .windows(XZ.len())
        .position(|w| w == XZ)
        .ok_or("no xz-compressed kernel in it")?;
    let mut out = Vec::new();
    liblzma::read::XzDecoder::new(&bz[at..])
        .take(512 << 20)
        .read_to_end(&mut out)
        .map_err(|e| format!("its kernel does not decompress: {e}"))?;
    if !out.starts_with(b"\x7fELF") {
        return Err("its compressed payload is not an ELF kernel".into());
    }
    Ok(out)
}

/// The modules in `MODULES` and what they depend on (their `.modinfo`
/// `depends=`), dependencies first, each with its bytes (read once);
/// modules the kernel has built in are left out.
fn module_closure(root: &Path, version: &str) -> Result<Vec<(String, Vec<u8>)>, GuestError> {
    let dir = root.join("lib/modules").join(version);
    let mut by_name = BTreeMap::new();
    let mut stack = vec![dir.join("kernel")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(io(&d))? {
            let e = e.map_err(io(&d))?;
            let p = e.path();
            if e.file_type().map_err(io(&p))?.is_dir() {
                stack.push(p);
            } else if let Some(n) = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".ko"))
            {
                by_name.insert(n.replace('-', "_"), p);
            }
        }
    }
    let builtin = std::fs::read_to_string(dir.join("modules.builtin")).unwrap_or_default();
    let builtin: BTreeSet<String> = builtin
        .lines()
        .filter_map(|l| l.rsplit('/').next()?.strip_suffix(".ko"))
        .map(|n| n.replace('-', "_"))
        .collect();
    let mut order = Vec::new();
    let mut done = BTreeSet::new();
    fn visit(
        name: &str,
        by_name: &BTreeMap<String, PathBuf>,
        builtin: &BTreeSet<String>,
        done: &mut BTreeSet<String>,
        order: &mut Vec<(String, Vec<u8>)>,
        depth: usize,
    ) -> Result<(), GuestError> {
        if done.contains(name) || builtin.contains(name) {
            return Ok(());
        }
        let Some(path) = by_name.get(name) else {
            return Err(GuestError::Missing {
                what: format!("the kernel module {name}"),
            });
        };
        if depth > 32 {
            return Err(GuestError::Binary {
                path: path.clone(),
                why: "module dependencies nest too deeply".into(),
            });
        }
        done.insert(name.to_string());
        let data = std::fs::read(path).map_err(io(path))?;
        for dep in modinfo_depends(&data) {
            visit(&dep, by_name, builtin, done, order, depth + 1)?;
        }
        order.push((name.to_string(), data));
        Ok(())
    }
    for m in MODULES {
        visit(m, &by_name, &builtin, &mut done, &mut order, 0)?;
    }
    Ok(order)
}

/// `depends=` of a module's `.modinfo` section.
fn modinfo_depends(ko: &[u8]) -> Vec<String> {
    use object::{Object, ObjectSection};
    let Ok(file) = object::File::parse(ko) else {
        return Vec::new();
    };
    let Some(data) = file.section_by_name(".modinfo").and_then(|s| s.data().ok()) else {
        return Vec::new();
    };
    data.split(|b| *b == 0)
        .filter_map(|f| f.strip_prefix(b"depends="))
        .flat_map(|d| {
            String::from_utf8_lossy(d)
                .split(',')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|d| !d.is_empty())
        .map(|d| d.replace('-', "_"))
        .collect()
}

/// Stage 1, the initramfs's /init: libcontainer's pivot_root refuses the
/// initramfs root, so its files move onto a tmpfs first.
const STAGE1: &str = r#"#!/bin/sh
/bin/busybox mount -t tmpfs -o mode=0755 ccr-root /new
for d in bin etc lib lib64 root sbin usr var; do
    [ -e /$d ] && /bin/busybox cp -a /$d /new/
done
for d in proc sys dev run tmp; do /bin/busybox mkdir -p /new/$d; done
exec /bin/busybox switch_root /new /sbin/ccr-init
"#;

/// Stage 2: file systems, drivers, user-mode networking's fixed addresses
/// (qemu's slirp: 10.0.2.15, gateway 10.0.2.2, DNS 10.0.2.3), the agent.
const STAGE2: &str = r#"#!/bin/sh
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm
mount -t tmpfs -o mode=0755 run /run
mount -t tmpfs -o mode=1777 tmp /tmp
mount -t cgroup2 cgroup2 /sys/fs/cgroup
while read -r m; do
    insmod /lib/modules/$m.ko 2>/dev/null || echo "ccr-init: module $m did not load" >/dev/console
done </lib/modules/load
hostname ccr-guest
ip link set lo up
ip link set eth0 up 2>/dev/null && ip addr add 10.0.2.15/24 dev eth0 && ip route add default via 10.0.2.2
echo "nameserver 10.0.2.3" >/etc/resolv.conf
exec /usr/bin/tini -s -- /usr/bin/ccr cvm agent
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_depends_on_content_only() {
        let mut a = Tree::default();
        a.file("/etc/b", b"two".to_vec(), 0o644);
        a.file("/bin/a", b"one".to_vec(), 0o755);
        a.link("/bin/sh", "busybox");
        let mut b = Tree::default();
        b.link("/bin/sh", "busybox");
        b.file("/bin/a", b"one".to_vec(), 0o755);
        b.file("/etc/b", b"two".to_vec(), 0o644);
        assert_eq!(a.cpio_gz().unwrap(), b.cpio_gz().unwrap());
        // Read back: parents first, every entry, then the trailer.
        let raw = {
            let mut v = Vec::new();
            flate2::read::GzDecoder::new(&a.cpio_gz().unwrap()[..])
                .read_to_end(&mut v)
                .unwrap();
            v
        };
        let mut names = Vec::new();
        let mut r = &raw[..];
        loop {
            let e = cpio::NewcReader::new(r).unwrap();
            if e.entry().is_trailer() {
                break;
            }
            names.push(e.entry().name().to_string());
            r = e.finish().unwrap();
        }
        assert_eq!(names, ["bin", "bin/a", "bin/sh", "etc", "etc/b"]);
    }

    #[test]
    fn links_resolve_inside_the_package_root() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("usr/lib")).unwrap();
        std::fs::write(root.join("usr/lib/libx.so.1.2"), b"x").unwrap();
        std::os::unix::fs::symlink("libx.so.1.2", root.join("usr/lib/libx.so.1")).unwrap();
        std::os::unix::fs::symlink("usr/lib", root.join("lib")).unwrap();
        std::os::unix::fs::symlink("/../../../etc/passwd", root.join("usr/lib/escape")).unwrap();
        assert_eq!(
            resolve(root, "lib/libx.so.1", 0),
            Some(root.join("usr/lib/libx.so.1.2"))
        );
        assert_eq!(resolve(root, "usr/lib/escape", 0), None);
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        assert_eq!(resolve(root, "loop", 0), None);
    }

    #[test]
    fn the_running_binary_names_its_interpreter_and_libraries() {
        let me = std::fs::read(std::env::current_exe().unwrap()).unwrap();
        let (interp, needed) = dependencies(&me).unwrap();
        assert!(interp.unwrap().contains("ld-linux"));
        assert!(
            needed.iter().any(|n| n.starts_with("libc.so")),
            "{needed:?}"
        );
        assert!(dependencies(b"#!/bin/sh\n").is_err());
    }
}
