//! A confidential guest on this host: how qemu is started for it (the TEE
//! object binding the initdata, KVM or TCG, the read-only initdata disk,
//! the control ports, forwarded ports), and what the host keeps about it.
//! The host keeps no guest data: its directory holds the launch record,
//! the initdata disk, qemu's pid, the sockets and the guest's console.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::guest;

/// The first bytes of the initdata disk (as Kata's agent looks for them),
/// then the gzip'd document's length, little-endian.
pub const INITDATA_MAGIC: &[u8; 8] = b"initdata";
/// The largest initdata document either side accepts.
pub const MAX_INITDATA: u64 = 1 << 20;

/// Which protection the guest runs under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TeeKind {
    Tdx,
    Snp,
    /// No TEE: the host can read the guest's memory.
    None,
}

/// How qemu runs the guest's CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Accel {
    Kvm,
    /// Emulation: slow, and isolates nothing from the host.
    Tcg,
}

/// Whether this host's KVM can run a stock kernel: a hardware module
/// (`kvm_intel`, `kvm_amd`) must be loaded; `/dev/kvm` alone may be a
/// paravirtual backend that cannot.
pub fn kvm_usable(sys_module: &Path, dev_kvm: &Path) -> bool {
    dev_kvm.exists()
        && (sys_module.join("kvm_intel").exists() || sys_module.join("kvm_amd").exists())
}

/// Whether this host offers `tee` to guests (KVM's module parameters).
pub fn tee_offered(sys_module: &Path, tee: TeeKind) -> bool {
    let yes = |p: &str| {
        std::fs::read_to_string(sys_module.join(p))
            .map(|v| matches!(v.trim(), "Y" | "y" | "1"))
            .unwrap_or(false)
    };
    match tee {
        TeeKind::Tdx => yes("kvm_intel/parameters/tdx"),
        TeeKind::Snp => yes("kvm_amd/parameters/sev_snp"),
        TeeKind::None => true,
    }
}

/// A published port: `[IP:]HOST:GUEST`, TCP.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Port {
    pub ip: String,
    pub host: u16,
    pub guest: u16,
}

impl Port {
    pub fn parse(s: &str) -> Result<Port, String> {
        let s = s.strip_suffix("/tcp").unwrap_or(s);
        if s.ends_with("/udp") {
            return Err(format!("{s:?}: only TCP ports are forwarded to a guest"));
        }
        let parts: Vec<&str> = s.rsplitn(3, ':').collect();
        let port = |p: &str| {
            p.parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| format!("{s:?}: {p:?} is not a port"))
        };
        match parts[..] {
            [guest, host] => Ok(Port {
                ip: "0.0.0.0".into(),
                host: port(host)?,
                guest: port(guest)?,
            }),
            [guest, host, ip] => {
                let ip = ip.trim_start_matches('[').trim_end_matches(']');
                ip.parse::<std::net::IpAddr>()
                    .map_err(|_| format!("{s:?}: {ip:?} is not an IP address"))?;
                Ok(Port {
                    ip: ip.into(),
                    host: port(host)?,
                    guest: port(guest)?,
                })
            }
            _ => Err(format!("{s:?}: use HOST:GUEST or IP:HOST:GUEST")),
        }
    }
}

/// What the host records about a guest (`vm.json`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub name: String,
    pub created: String,
    pub tee: TeeKind,
    pub accel: Accel,
    pub cpus: u32,
    pub memory_mib: u64,
    pub ports: Vec<Port>,
    /// What was started in it.
    pub workload: String,
    pub initdata_digest: String,
}

/// Everything qemu's command line is made of.
pub struct Launch<'a> {
    pub dir: &'a Path,
    pub image: &'a Path,
    pub tee: TeeKind,
    pub accel: Accel,
    pub cpus: u32,
    pub memory_mib: u64,
    pub ports: &'a [Port],
    /// The initdata digest as the TEE field holds it.
    pub binding: Vec<u8>,
    /// Firmware for TDX/SNP guests.
    pub firmware: Option<&'a Path>,
}

pub const PIDFILE: &str = "qemu.pid";
pub const CONSOLE: &str = "console.log";
pub const CONTROL_SOCKET: &str = "control.sock";
pub const OUTPUT_SOCKET: &str = "output.sock";
pub const INITDATA_DISK: &str = "initdata.img";
pub const RECORD: &str = "vm.json";

/// qemu's arguments (after the program name).
pub fn qemu_args(l: &Launch) -> Vec<String> {
    let dir = |f: &str| l.dir.join(f).to_string_lossy().into_owned();
    let kernel = match l.accel {
        // Under emulation the kernel's own decompression costs seconds.
        Accel::Tcg => guest::KERNEL_ELF,
        Accel::Kvm => guest::KERNEL,
    };
    let mut a: Vec<String> = Vec::new();
    let mut push = |items: &[&str]| a.extend(items.iter().map(|s| s.to_string()));
    let mut machine = "q35".to_string();
    push(&[
        "-name",
        &format!(
            "ccr-{}",
            l.dir.file_name().unwrap_or_default().to_string_lossy()
        ),
    ]);
    match l.tee {
        TeeKind::Tdx => {
            machine.push_str(",kernel-irqchip=split,confidential-guest-support=tdx0");
            let obj = serde_json::json!({
                "qom-type": "tdx-guest", "id": "tdx0",
                "mrconfigid": STANDARD.encode(&l.binding),
            });
            push(&["-object", &obj.to_string()]);
        }
        TeeKind::Snp => {
            machine.push_str(",confidential-guest-support=sev0,memory-backend=ram0");
            push(&[
                "-object",
                &format!(
                    "memory-backend-memfd,id=ram0,size={}M,share=true",
                    l.memory_mib
                ),
                "-object",
                &format!(
                    "sev-snp-guest,id=sev0,cbitpos=51,reduced-phys-bits=1,kernel-hashes=on,host-data={}",
                    STANDARD.encode(&l.binding)
                ),
            ]);
        }
        TeeKind::None => {}
    }
    push(&["-machine", &machine]);
    match l.accel {
        Accel::Kvm => push(&["-accel", "kvm", "-cpu", "host"]),
        Accel::Tcg => push(&["-accel", "tcg", "-cpu", "max"]),
    }
    if let Some(fw) = l.firmware {
        push(&["-bios", &fw.to_string_lossy()]);
    }
    push(&[
        "-smp",
        &l.cpus.to_string(),
        "-m",
        &format!("{}M", l.memory_mib),
        "-nodefaults",
        "-no-user-config",
        "-display",
        "none",
        "-no-reboot",
        "-kernel",
        &l.image.join(kernel).to_string_lossy(),
        "-initrd",
        &l.image.join(guest::INITRAMFS).to_string_lossy(),
        "-append",
        guest::CMDLINE,
        "-serial",
        &format!("file:{}", dir(CONSOLE)),
        "-drive",
        &format!(
            "file={},if=none,id=initdata,format=raw,readonly=on",
            dir(INITDATA_DISK)
        ),
        "-device",
        "virtio-blk-pci,drive=initdata",
        "-device",
        "virtio-serial-pci",
        "-chardev",
        &format!(
            "socket,id=control,path={},server=on,wait=off",
            dir(CONTROL_SOCKET)
        ),
        "-device",
        &format!(
            "virtserialport,chardev=control,name={}",
            guest::CONTROL_PORT
        ),
        "-chardev",
        &format!(
            "socket,id=output,path={},server=on,wait=off",
            dir(OUTPUT_SOCKET)
        ),
        "-device",
        &format!("virtserialport,chardev=output,name={}", guest::OUTPUT_PORT),
        "-device",
        "virtio-rng-pci",
    ]);
    let mut netdev = "user,id=net0,restrict=off".to_string();
    for p in l.ports {
        netdev.push_str(&format!(",hostfwd=tcp:{}:{}-:{}", p.ip, p.host, p.guest));
    }
    push(&[
        "-netdev",
        &netdev,
        "-device",
        "virtio-net-pci,netdev=net0,romfile=",
        "-daemonize",
        "-pidfile",
        &dir(PIDFILE),
    ]);
    a
}

/// The initdata disk: magic, length, gzip'd document, padded to sectors.
pub fn initdata_disk(raw: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(raw).expect("writes to memory");
    let payload = gz.finish().expect("writes to memory");
    let mut disk = INITDATA_MAGIC.to_vec();
    disk.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    disk.extend_from_slice(&payload);
    disk.resize(disk.len().div_ceil(512) * 512, 0);
    disk
}

/// The document on an initdata disk, or why there is none.
pub fn read_initdata_disk(mut disk: impl Read) -> Result<Vec<u8>, String> {
    let mut head = [0u8; 16];
    disk.read_exact(&mut head)
        .map_err(|e| format!("cannot read its header: {e}"))?;
    if &head[..8] != INITDATA_MAGIC {
        return Err("it does not start with the initdata magic".into());
    }
    let len = u64::from_le_bytes(head[8..].try_into().expect("8 bytes"));
    if len > MAX_INITDATA {
        return Err(format!(
            "it announces {len} bytes, more than {MAX_INITDATA}"
        ));
    }
    let mut payload = vec![0u8; len as usize];
    disk.read_exact(&mut payload)
        .map_err(|e| format!("it is shorter than it says: {e}"))?;
    let mut doc = Vec::new();
    flate2::read::GzDecoder::new(&payload[..])
        .take(MAX_INITDATA + 1)
        .read_to_end(&mut doc)
        .map_err(|e| format!("its payload is not gzip: {e}"))?;
    if doc.len() as u64 > MAX_INITDATA {
        return Err(format!("its document is larger than {MAX_INITDATA} bytes"));
    }
    Ok(doc)
}

/// The pid in `dir`'s pidfile, when that process is this guest's qemu.
pub fn running_pid(dir: &Path) -> Option<i32> {
    let pid: i32 = std::fs::read_to_string(dir.join(PIDFILE))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let needle = dir.join(PIDFILE);
    let needle = needle.to_string_lossy();
    cmdline
        .split(|b| *b == 0)
        .any(|arg| arg == needle.as_bytes())
        .then_some(pid)
}

/// Where the host keeps its guests.
pub fn vms_dir(data_root: &Path) -> PathBuf {
    data_root.join("cvm/vms")
}

pub fn read_record(dir: &Path) -> Option<Record> {
    let raw = crate::bounded::read(&dir.join(RECORD), 1 << 20).ok()?;
    serde_json::from_slice(&raw).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_parse_as_docker_publishes_them() {
        assert_eq!(
            Port::parse("8080:80").unwrap(),
            Port {
                ip: "0.0.0.0".into(),
                host: 8080,
                guest: 80
            }
        );
        assert_eq!(
            Port::parse("127.0.0.1:8080:80/tcp").unwrap(),
            Port {
                ip: "127.0.0.1".into(),
                host: 8080,
                guest: 80
            }
        );
        for bad in ["80", "0:80", "x:80", "a.b:1:2", "1:2/udp", "70000:1"] {
            assert!(Port::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_initdata_disk_round_trips_and_hostile_disks_are_refused() {
        let doc = b"version = \"0.1.0\"\nalgorithm = \"sha384\"\n[data]\n";
        let disk = initdata_disk(doc);
        assert_eq!(disk.len() % 512, 0);
        assert_eq!(read_initdata_disk(&disk[..]).unwrap(), doc);
        let mut wrong = disk.clone();
        wrong[0] = b'X';
        assert!(
            read_initdata_disk(&wrong[..])
                .unwrap_err()
                .contains("magic")
        );
        let mut huge = disk.clone();
        huge[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(
            read_initdata_disk(&huge[..])
                .unwrap_err()
                .contains("more than")
        );
        // A gzip bomb stops at the bound.
        let bomb = initdata_disk(&vec![b'a'; (MAX_INITDATA + 10) as usize]);
        assert!(
            read_initdata_disk(&bomb[..])
                .unwrap_err()
                .contains("larger")
        );
    }

    #[test]
    fn qemu_binds_the_initdata_into_the_tee_it_is_asked_for() {
        let ports = [Port {
            ip: "127.0.0.1".into(),
            host: 8080,
            guest: 80,
        }];
        let mut l = Launch {
            dir: Path::new("/d/vms/web"),
            image: Path::new("/g"),
            tee: TeeKind::Tdx,
            accel: Accel::Kvm,
            cpus: 2,
            memory_mib: 512,
            ports: &ports,
            binding: vec![0xab; 48],
            firmware: None,
        };
        let a = qemu_args(&l).join(" ");
        assert!(a.contains("confidential-guest-support=tdx0"), "{a}");
        assert!(
            a.contains(&format!(
                "\"mrconfigid\":\"{}\"",
                STANDARD.encode([0xab; 48])
            )),
            "{a}"
        );
        assert!(a.contains("-kernel /g/vmlinuz"), "{a}");
        assert!(a.contains("hostfwd=tcp:127.0.0.1:8080-:80"), "{a}");
        assert!(a.contains("readonly=on"), "{a}");
        l.tee = TeeKind::Snp;
        l.binding = vec![0xcd; 32];
        let a = qemu_args(&l).join(" ");
        assert!(
            a.contains(&format!("host-data={}", STANDARD.encode([0xcd; 32]))),
            "{a}"
        );
        l.tee = TeeKind::None;
        l.accel = Accel::Tcg;
        let a = qemu_args(&l).join(" ");
        assert!(!a.contains("confidential-guest-support"), "{a}");
        assert!(
            a.contains("-accel tcg") && a.contains("-kernel /g/vmlinux"),
            "{a}"
        );
    }

    #[test]
    fn a_paravirtual_kvm_is_not_taken_for_one_that_boots_a_stock_kernel() {
        let d = tempfile::tempdir().unwrap();
        let kvm = d.path().join("kvm");
        std::fs::write(&kvm, b"").unwrap();
        let modules = d.path().join("module");
        std::fs::create_dir_all(modules.join("kvm_pvm")).unwrap();
        assert!(!kvm_usable(&modules, &kvm));
        std::fs::create_dir_all(modules.join("kvm_intel/parameters")).unwrap();
        assert!(kvm_usable(&modules, &kvm));
        assert!(!tee_offered(&modules, TeeKind::Tdx));
        std::fs::write(modules.join("kvm_intel/parameters/tdx"), "Y\n").unwrap();
        assert!(tee_offered(&modules, TeeKind::Tdx));
    }
}
