//! The OCI runtime spec for a container, made from the image config and the
//! run options as docker composes them: entrypoint + cmd, env, working
//! directory, user; docker's default capabilities, masked and read-only
//! paths, a default seccomp profile, no new privileges, and an explicit
//! cgroups path.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{ContainerConfig, Network, RuntimeError};

/// docker's default capability set.
pub const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
];

/// System calls a container never needs: kernel modules and images, clock
/// and swap changes, keyrings, tracing other processes' kernels, and the
/// like. Denied with EPERM (docker's profile refuses these too).
const DENIED_SYSCALLS: &[&str] = &[
    "acct",
    "add_key",
    "bpf",
    "clock_adjtime",
    "clock_settime",
    "create_module",
    "delete_module",
    "finit_module",
    "get_kernel_syms",
    "get_mempolicy",
    "init_module",
    "ioperm",
    "iopl",
    "kcmp",
    "kexec_file_load",
    "kexec_load",
    "keyctl",
    "lookup_dcookie",
    "mbind",
    "move_pages",
    "nfsservctl",
    "open_by_handle_at",
    "perf_event_open",
    "pivot_root",
    "process_vm_readv",
    "process_vm_writev",
    "query_module",
    "quotactl",
    "reboot",
    "request_key",
    "set_mempolicy",
    "settimeofday",
    "stime",
    "swapoff",
    "swapon",
    "sysfs",
    "_sysctl",
    "umount",
    "umount2",
    "unshare",
    "uselib",
    "userfaultfd",
    "ustat",
    "vm86",
    "vm86old",
];

/// User and groups the process runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    /// Its home directory from the passwd file, else `/` (docker's HOME).
    pub home: String,
}

fn lookup(file: &Path, name: &str, field: usize) -> Option<u32> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.first() == Some(&name))
            .then(|| f.get(field)?.parse().ok())
            .flatten()
    })
}

/// Resolves docker's `-u user[:group]` against the container's /etc/passwd
/// and /etc/group (numeric ids need no entry).
pub fn resolve_user(rootfs: &Path, spec: &str) -> Result<User, RuntimeError> {
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    // Symlinks are followed inside the root, never out to the host's files.
    let in_root = |name: &str| {
        crate::unpack::resolve_in_root(rootfs, &[PathBuf::from("etc"), PathBuf::from(name)])
            .unwrap_or_else(|_| rootfs.join("etc").join(name))
    };
    let passwd = in_root("passwd");
    let group = in_root("group");
    let (uid, primary) = if u.is_empty() {
        (0, 0)
    } else if let Ok(n) = u.parse::<u32>() {
        (n, lookup_gid_of_uid(&passwd, n).unwrap_or(0))
    } else {
        let uid = lookup(&passwd, u, 2).ok_or_else(|| {
            RuntimeError::Config(format!(
                "unable to find user {u}: no matching entries in passwd file"
            ))
        })?;
        (uid, lookup(&passwd, u, 3).unwrap_or(0))
    };
    let gid = match g {
        None => primary,
        Some(g) => match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => lookup(&group, g, 2).ok_or_else(|| {
                RuntimeError::Config(format!(
                    "unable to find group {g}: no matching entries in group file"
                ))
            })?,
        },
    };
    // As docker (runc's user lookup): the primary group, then the groups
    // the passwd file's name for the uid is a member of.
    let entry = passwd_entry(&passwd, uid);
    let mut additional_gids = vec![gid];
    if let Some(e) = &entry {
        additional_gids.extend(member_of(&group, &e.name, gid));
    }
    Ok(User {
        uid,
        gid,
        additional_gids,
        home: entry
            .map(|e| e.home)
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "/".into()),
    })
}

/// `--group-add`'s group: a number, or a name in the image's group file
/// (followed inside the root, as the user's).
pub fn resolve_group(rootfs: &Path, name: &str) -> Result<u32, RuntimeError> {
    if let Ok(n) = name.parse::<u32>() {
        return Ok(n);
    }
    let group =
        crate::unpack::resolve_in_root(rootfs, &[PathBuf::from("etc"), PathBuf::from("group")])
            .unwrap_or_else(|_| rootfs.join("etc/group"));
    lookup(&group, name, 2).ok_or_else(|| {
        RuntimeError::Config(format!(
            "Unable to find group {name}: no matching entries in group file"
        ))
    })
}

/// A passwd file's entry: its name and home directory.
struct PasswdEntry {
    name: String,
    home: String,
}

fn passwd_entry(passwd: &Path, uid: u32) -> Option<PasswdEntry> {
    let text = std::fs::read_to_string(passwd).ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.get(2)?.parse::<u32>().ok()? == uid).then(|| PasswdEntry {
            name: f[0].to_string(),
            home: f.get(5).unwrap_or(&"").to_string(),
        })
    })
}

/// The gids of the groups that list `name` as a member, but `primary`.
fn member_of(group: &Path, name: &str, primary: u32) -> Vec<u32> {
    let Ok(text) = std::fs::read_to_string(group) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for l in text.lines() {
        let f: Vec<&str> = l.split(':').collect();
        let (Some(gid), Some(members)) = (f.get(2).and_then(|g| g.parse::<u32>().ok()), f.get(3))
        else {
            continue;
        };
        if gid != primary && !out.contains(&gid) && members.split(',').any(|m| m.trim() == name) {
            out.push(gid);
        }
    }
    out
}

fn lookup_gid_of_uid(passwd: &Path, uid: u32) -> Option<u32> {
    let text = std::fs::read_to_string(passwd).ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.get(2)?.parse::<u32>().ok()? == uid)
            .then(|| f.get(3)?.parse().ok())
            .flatten()
    })
}

/// The process arguments as docker composes them: `--entrypoint` replaces
/// the image's entrypoint (and drops its cmd); command-line args replace
/// the image's cmd.
pub fn process_args(
    image_cfg: &Value,
    opts: &ContainerConfig,
) -> Result<Vec<String>, RuntimeError> {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (entrypoint, default_cmd) = match (&opts.entrypoint_args, &opts.entrypoint) {
        (Some(list), _) => (list.clone(), Vec::new()),
        (None, Some(e)) if e.is_empty() => (Vec::new(), Vec::new()),
        (None, Some(e)) => (vec![e.clone()], Vec::new()),
        (None, None) => (
            strings(&image_cfg["Entrypoint"]),
            strings(&image_cfg["Cmd"]),
        ),
    };
    let cmd = if opts.command.is_empty() {
        default_cmd
    } else {
        opts.command.clone()
    };
    let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
    if args.is_empty() {
        return Err(RuntimeError::Config("no command specified: the image has no CMD or ENTRYPOINT; give one after the image name".into()));
    }
    Ok(args)
}

/// The environment: image env, then `-e`/`--env-file` (later wins), with
/// PATH and HOSTNAME as docker sets them.
pub fn environment(image_cfg: &Value, opts: &ContainerConfig, hostname: &str) -> Vec<String> {
    let mut env: Vec<(String, String)> = Vec::new();
    let mut set = |kv: &str| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        env.retain(|(ek, _)| ek != k);
        env.push((k.to_string(), v.to_string()));
    };
    set("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    set(&format!("HOSTNAME={hostname}"));
    if opts.tty {
        set("TERM=xterm");
    }
    for e in image_cfg["Env"].as_array().into_iter().flatten() {
        if let Some(s) = e.as_str() {
            set(s);
        }
    }
    for e in &opts.env {
        set(e);
    }
    env.into_iter().map(|(k, v)| format!("{k}={v}")).collect()
}

/// Where `--init`'s binary is mounted in the container (docker's path).
pub const INIT_PATH: &str = "/sbin/docker-init";

/// The host's static init for `--init`: tini (Debian's `tini` package
/// ships `tini-static`), or docker's own docker-init.
pub fn init_binary() -> Option<PathBuf> {
    [
        "/usr/bin/tini-static",
        "/usr/libexec/docker/docker-init",
        "/usr/bin/docker-init",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// The process arguments behind the init when `--init` asks for one.
pub fn with_init(opts: &ContainerConfig, args: Vec<String>) -> Result<Vec<String>, RuntimeError> {
    if !opts.init {
        return Ok(args);
    }
    if init_binary().is_none() {
        return Err(RuntimeError::Config(
            "an init process for the container needs a static init on the host: install Debian's tini package (/usr/bin/tini-static)".into(),
        ));
    }
    Ok([INIT_PATH.to_string(), "--".into()]
        .into_iter()
        .chain(args)
        .collect())
}

/// docker's default capabilities with `--cap-add` / `--cap-drop` (names
/// with or without `CAP_`, any case; `ALL`), or every capability with
/// `--privileged`.
pub fn capabilities(opts: &ContainerConfig) -> Vec<String> {
    let norm = |c: &str| {
        let u = c.to_ascii_uppercase();
        if u.starts_with("CAP_") || u == "ALL" {
            u
        } else {
            format!("CAP_{u}")
        }
    };
    if opts.privileged {
        return ALL_CAPS
            .iter()
            .filter(|c| **c != UNSETTABLE)
            .map(|c| c.to_string())
            .collect();
    }
    let drop: Vec<String> = opts.cap_drop.iter().map(|c| norm(c)).collect();
    let add: Vec<String> = opts.cap_add.iter().map(|c| norm(c)).collect();
    let mut caps: Vec<String> = if drop.iter().any(|c| c == "ALL") {
        Vec::new()
    } else {
        DEFAULT_CAPS
            .iter()
            .map(|c| c.to_string())
            .filter(|c| !drop.contains(c))
            .collect()
    };
    for c in add {
        if c == "ALL" {
            return ALL_CAPS
                .iter()
                .map(|c| c.to_string())
                .filter(|c| !drop.contains(c))
                .collect();
        }
        if !caps.contains(&c) {
            caps.push(c);
        }
    }
    caps
}

/// The one capability libcontainer 0.7 cannot give a process here: its
/// init fails in a system call when CAP_SYS_RESOURCE is in the set.
/// `--privileged` and `--cap-add ALL` leave it out; asking for it by name
/// is refused before anything is made.
pub const UNSETTABLE: &str = "CAP_SYS_RESOURCE";

/// Every capability Linux defines (what `--privileged` grants).
const ALL_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
];

/// The cgroup limits asked for (`linux.resources`).
pub fn resources_of(opts: &ContainerConfig) -> Value {
    resources(opts)
}

fn resources(opts: &ContainerConfig) -> Value {
    let r = &opts.resources;
    let mut out = json!({});
    if r.memory > 0 {
        out["memory"] = json!({"limit": r.memory});
    }
    if r.cpus > 0.0 {
        let period: u64 = 100_000;
        out["cpu"] = json!({"quota": (r.cpus * period as f64).round() as i64, "period": period});
    }
    if r.pids_limit != 0 {
        out["pids"] = json!({"limit": r.pids_limit});
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub fn build(
    id: &str,
    args: Vec<String>,
    env: Vec<String>,
    cwd: &str,
    user: &User,
    hostname: &str,
    opts: &ContainerConfig,
    etc_files: &Path,
    netns: Option<&Path>,
) -> Value {
    let shm_size = match opts.resources.shm_size {
        0 => "size=65536k".to_string(),
        n => format!("size={}k", (n as u64).div_ceil(1024)),
    };
    let mut mounts = vec![
        json!({"destination": "/proc", "type": "proc", "source": "proc", "options": ["nosuid", "noexec", "nodev"]}),
        json!({"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}),
        json!({"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]}),
        json!({"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", shm_size]}),
        json!({"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]}),
        json!({"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}),
        // The container's own cgroups, read-only, as docker mounts them.
        json!({"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup", "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}),
    ];
    for f in ["hosts", "hostname", "resolv.conf"] {
        mounts.push(json!({
            "destination": format!("/etc/{f}"),
            "type": "bind",
            "source": etc_files.join(f),
            "options": ["rbind", "rprivate"],
        }));
    }
    if let Some(init) = init_binary().filter(|_| opts.init) {
        mounts.push(json!({
            "destination": INIT_PATH,
            "type": "bind",
            "source": init,
            "options": ["rbind", "rprivate", "ro"],
        }));
    }
    for v in &opts.volumes {
        let mut o = vec!["rbind", "rprivate"];
        if v.read_only {
            o.push("ro");
        }
        mounts.push(
            json!({"destination": v.target, "type": "bind", "source": v.source, "options": o}),
        );
    }
    for t in &opts.tmpfs {
        mounts.push(
            json!({"destination": t.target, "type": "tmpfs", "source": "tmpfs", "options": t.options}),
        );
    }
    let mut namespaces = vec![
        json!({"type": "pid"}),
        json!({"type": "ipc"}),
        json!({"type": "uts"}),
        json!({"type": "mount"}),
    ];
    match (opts.network, netns) {
        (Network::Host, _) => {}
        (_, Some(path)) => namespaces.push(json!({"type": "network", "path": path})),
        (_, None) => namespaces.push(json!({"type": "network"})),
    }
    let caps = capabilities(opts);
    // docker raises the open-file limit to 1048576; the host may cap lower.
    let nofile = rustix::process::getrlimit(rustix::process::Resource::Nofile)
        .maximum
        .unwrap_or(1_048_576)
        .min(1_048_576);
    let syscalls: Vec<Value> =
        vec![json!({"names": DENIED_SYSCALLS, "action": "SCMP_ACT_ERRNO", "errnoRet": 1})];
    let mut spec = json!({
        "ociVersion": "1.0.2",
        "process": {
            "terminal": opts.tty,
            "user": {"uid": user.uid, "gid": user.gid, "additionalGids": user.additional_gids},
            "args": args,
            "env": env,
            "cwd": cwd,
            "capabilities": {"bounding": caps, "effective": caps, "permitted": caps},
            "rlimits": [{"type": "RLIMIT_NOFILE", "hard": nofile, "soft": nofile}],
            "noNewPrivileges": !opts.privileged,
        },
        "root": {"path": "rootfs", "readonly": opts.read_only},
        "hostname": hostname,
        "mounts": mounts,
        "linux": {
            "cgroupsPath": format!("/ccr/{id}"),
            "resources": resources(opts),
            "namespaces": namespaces,
            "maskedPaths": [
                "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
                "/sys/firmware", "/sys/devices/virtual/powercap",
            ],
            "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            "seccomp": {
                "defaultAction": "SCMP_ACT_ALLOW",
                "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
                "syscalls": syscalls,
            },
        },
    });
    if opts.privileged {
        // docker's --privileged: no seccomp filter, nothing masked or read-only.
        let linux = &mut spec["linux"];
        for k in ["seccomp", "maskedPaths", "readonlyPaths"] {
            linux.as_object_mut().expect("an object").remove(k);
        }
    }
    spec
}
