//! Containers run for real through libcontainer, from the busybox base image.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const BUSYBOX: &str = "localhost/busybox:test";

fn with_busybox() -> Env {
    let env = Env::new();
    env.busybox(BUSYBOX);
    env
}

/// No container state, mount or cgroup left behind.
fn assert_clean(env: &Env) {
    let containers = env.data_root().join("containers");
    let left = std::fs::read_dir(&containers)
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(left, 0, "container state left behind");
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
    assert!(
        !mounts.contains(env.data_root().to_str().unwrap()),
        "a mount was left behind"
    );
    if let Some(id) = std::fs::read_dir(env.data_root().join("run"))
        .into_iter()
        .flatten()
        .flatten()
        .next()
    {
        panic!("runtime state left behind: {:?}", id.path());
    }
}

/// The cgroup directories of container `id`, in every hierarchy.
fn cgroup_dirs(id: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for h in std::fs::read_dir("/sys/fs/cgroup")
        .into_iter()
        .flatten()
        .flatten()
    {
        for p in [h.path().join("ccr").join(id), h.path().join(id)] {
            if p.is_dir() {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn run_prints_exits_and_leaves_nothing() {
    let env = with_busybox();
    let out = env.ok(&["run", "--rm", BUSYBOX, "echo", "hi"]);
    assert_eq!(out, "hi\n");
    let status = env.run(&["run", "--rm", BUSYBOX, "sh", "-c", "exit 3"]);
    assert_eq!(status.status.code(), Some(3));
    // A killed child's status passes through the shell and ccr.
    let status = env.run(&[
        "run",
        "--rm",
        BUSYBOX,
        "sh",
        "-c",
        "sleep 100 & kill -9 $!; wait $!",
    ]);
    assert_eq!(status.status.code(), Some(137));
    // A command that is not there: docker's 127.
    let status = env.run(&["run", "--rm", BUSYBOX, "no-such-command"]);
    assert_eq!(status.status.code(), Some(127));
    assert!(String::from_utf8_lossy(&status.stderr).contains("no-such-command"));
    // A command that is there but cannot be executed: docker's 126.
    let status = env.run(&["run", "--rm", BUSYBOX, "/etc/passwd"]);
    assert_eq!(
        status.status.code(),
        Some(126),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    // Standard input reaches the container with -i, and only then.
    let piped = |args: &[&str]| env.with_input(args, b"line one\nline two\n").1;
    assert_eq!(
        piped(&["run", "--rm", "-i", BUSYBOX, "wc", "-l"]).trim(),
        "2"
    );
    assert_eq!(piped(&["run", "--rm", BUSYBOX, "wc", "-l"]).trim(), "0");
    assert_clean(&env);
    // Detached with --rm: once it is gone, so are its state and cgroups.
    let id = env
        .ok(&["run", "-d", "--rm", BUSYBOX, "sleep", "0.2"])
        .trim()
        .to_string();
    let dir = env.data_root().join("containers").join(&id);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while dir.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!dir.exists(), "a --rm container leaves no state");
    assert!(
        cgroup_dirs(&id).is_empty(),
        "no cgroup left behind: {:?}",
        cgroup_dirs(&id)
    );
    assert_clean(&env);
}

#[test]
fn env_workdir_user_hostname() {
    let env = with_busybox();
    let envfile = env.path("env.list");
    std::fs::write(&envfile, "# comment\nFROM_FILE=1\n").unwrap();
    let out = env
        .cmd(&[
            "run",
            "--rm",
            "-e",
            "A=1",
            "-e",
            "FROM_HOST",
            "--env-file",
            envfile.to_str().unwrap(),
            "-w",
            "/made/for/me",
            "-u",
            "nobody",
            "--hostname",
            "box",
            BUSYBOX,
            "sh",
            "-c",
            "echo $A $FROM_HOST $FROM_FILE; pwd; id -u; id -g; hostname; echo $PATH",
        ])
        .env("FROM_HOST", "host-value")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "1 host-value 1");
    assert_eq!(lines[1], "/made/for/me");
    assert_eq!(lines[2], "65534");
    assert_eq!(lines[3], "65534");
    assert_eq!(lines[4], "box");
    assert_eq!(
        lines[5], "/usr/sbin:/usr/bin:/sbin:/bin",
        "the image's PATH"
    );
    // The entrypoint flag replaces the image's, and the command follows it.
    let out = env.ok(&[
        "run",
        "--rm",
        "--entrypoint",
        "/bin/echo",
        BUSYBOX,
        "from",
        "entrypoint",
    ]);
    assert_eq!(out, "from entrypoint\n");
    let err = env.fails(&["run", "--rm", "-u", "nosuchuser", BUSYBOX, "true"]);
    assert!(err.contains("unable to find user nosuchuser"), "{err}");
    assert_clean(&env);
}

#[test]
fn volumes_and_read_only_root() {
    let env = with_busybox();
    let host = env.path("shared");
    std::fs::create_dir(&host).unwrap();
    let spec = format!("{}:/data", host.display());
    env.ok(&[
        "run",
        "--rm",
        "-v",
        &spec,
        BUSYBOX,
        "sh",
        "-c",
        "echo written > /data/out",
    ]);
    assert_eq!(
        std::fs::read_to_string(host.join("out")).unwrap(),
        "written\n"
    );
    let ro = format!("{}:/data:ro", host.display());
    let out = env.run(&[
        "run",
        "--rm",
        "-v",
        &ro,
        BUSYBOX,
        "sh",
        "-c",
        "echo x > /data/other",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Read-only file system"));
    assert!(!host.join("other").exists());
    let out = env.run(&["run", "--rm", "--read-only", BUSYBOX, "touch", "/x"]);
    assert_ne!(out.status.code(), Some(0));
    // Changes stay in the container: the next one starts from the image.
    env.ok(&["run", "--rm", BUSYBOX, "sh", "-c", "rm /bin/ls"]);
    env.ok(&["run", "--rm", BUSYBOX, "ls", "/"]);
    let err = env.fails(&["run", "--rm", "-v", "./relative:/data", BUSYBOX, "true"]);
    assert!(err.contains("absolute host path"), "{err}");

    // --tmpfs: memory-backed, sized, writable even on a read-only root,
    // with docker's noexec/nosuid/nodev unless told otherwise.
    let out = env.ok(&[
        "run",
        "--rm",
        "--read-only",
        "--tmpfs",
        "/scratch:size=2m,mode=1770",
        "--tmpfs",
        "/run:exec",
        BUSYBOX,
        "sh",
        "-c",
        "echo x > /scratch/f && df -k /scratch | tail -1 | awk '{print $2}'; stat -c %a /scratch; \
         grep -E ' /(scratch|run) ' /proc/mounts | awk '{print $2, $3, $4}'",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[..2], ["2048", "1770"], "{out}");
    let scratch = lines.iter().find(|l| l.starts_with("/scratch ")).unwrap();
    let run = lines.iter().find(|l| l.starts_with("/run ")).unwrap();
    assert!(scratch.starts_with("/scratch tmpfs rw,"), "{scratch}");
    for o in ["nosuid", "nodev", "noexec"] {
        assert!(scratch.contains(o), "{scratch}");
    }
    assert!(run.contains("nosuid") && !run.contains("noexec"), "{run}");
    let err = env.fails(&["run", "--rm", "--tmpfs", "/x:colour=red", BUSYBOX, "true"]);
    assert!(err.contains("invalid tmpfs option \"colour=red\""), "{err}");
    let err = env.fails(&["run", "--rm", "--tmpfs", "relative", BUSYBOX, "true"]);
    assert!(err.contains("must be absolute"), "{err}");
    assert_clean(&env);
}

/// Addresses the default bridge's address manager holds for `env`'s
/// containers, and (`also`) for the address given: the bridge is every
/// data root's, so its address book is the host's.
fn leased(env: &Env, also: &str) -> Vec<String> {
    let ids = env.ok(&["ps", "-aq", "--no-trunc"]);
    std::fs::read_dir("/run/ccr-net/ipam/ccr")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let holder = std::fs::read_to_string(e.path()).unwrap_or_default();
            name.parse::<std::net::IpAddr>().is_ok()
                && (name == also || ids.lines().any(|id| holder.starts_with(id)))
        })
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect()
}

#[test]
fn networking_none_host_and_bridge_with_published_ports() {
    let env = with_busybox();
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        BUSYBOX,
        "cat",
        "/proc/net/dev",
    ]);
    let ifaces: Vec<&str> = out
        .lines()
        .skip(2)
        .map(|l| l.split(':').next().unwrap().trim())
        .collect();
    assert_eq!(ifaces, vec!["lo"], "only loopback without a network");
    // The host's own interfaces (not the veths other containers come and go with).
    let host_dev = std::fs::read_to_string("/proc/net/dev").unwrap();
    let host_ifaces: Vec<String> = host_dev
        .lines()
        .skip(2)
        .map(|l| l.split(':').next().unwrap().trim().to_string())
        .filter(|i| !i.starts_with("veth") && i != "lo")
        .collect();
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "host",
        BUSYBOX,
        "cat",
        "/proc/net/dev",
    ]);
    for i in &host_ifaces {
        assert!(out.contains(&format!("{i}:")), "{i} missing in {out}");
    }

    // The default: the bridge, an address, a default route, the address in /etc/hosts.
    let out = env.ok(&[
        "run",
        "--rm",
        BUSYBOX,
        "sh",
        "-c",
        "ip -4 -o addr show eth0; ip route; tail -1 /etc/hosts",
    ]);
    let addr = out
        .split_whitespace()
        .nth(3)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    assert!(out.contains("default via"), "{out}");
    assert!(
        out.trim_end().lines().last().unwrap().starts_with(&addr),
        "{out}"
    );
    assert!(
        leased(&env, &addr).is_empty(),
        "a --rm container releases its address: {:?}",
        leased(&env, &addr)
    );

    // -p publishes a port on the host.
    let port = free_port();
    let script = "mkdir /www && echo hello-from-httpd > /www/index.html && httpd -f -p 80 -h /www";
    let id = env
        .ok(&[
            "run",
            "-d",
            "-p",
            &format!("{port}:80"),
            BUSYBOX,
            "sh",
            "-c",
            script,
        ])
        .trim()
        .to_string();
    let held = leased(&env, "");
    assert_eq!(held.len(), 1, "{held:?}");
    let ps = env.ok(&["ps"]);
    assert!(ps.contains(&format!("0.0.0.0:{port}->80/tcp")), "{ps}");
    let mut body = String::new();
    for _ in 0..50 {
        let out = Command::new("curl")
            .args([
                "-s",
                "--max-time",
                "2",
                &format!("http://127.0.0.1:{port}/"),
            ])
            .output()
            .unwrap();
        body = String::from_utf8_lossy(&out.stdout).to_string();
        if out.status.success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(body, "hello-from-httpd\n");
    env.ok(&["rm", "-f", &id]);
    assert!(
        leased(&env, &held[0]).is_empty(),
        "the address is released with the container"
    );
    let netns = std::fs::read_dir("/run/netns")
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy() == format!("ccr-{}", &id[..12]))
        })
        .unwrap_or(false);
    assert!(!netns, "the network namespace is gone");
    let err = env.fails(&["run", "--rm", "-p", "99999:80", BUSYBOX, "true"]);
    assert!(err.contains("invalid port mapping"), "{err}");
    assert_clean(&env);
}

/// A one-layer image made from a hand-written (hostile) tar.
fn import_tar(env: &Env, name: &str, entries: &[(&str, tar::EntryType, &str, &[u8])]) {
    let mut b = tar::Builder::new(Vec::new());
    // A shell to run: the busybox binary, copied into the hostile layer.
    let busybox = std::fs::read("/bin/busybox").unwrap();
    for (path, kind, link, data) in [("bin/busybox", tar::EntryType::Regular, "", &busybox[..])]
        .into_iter()
        .chain(entries.iter().copied())
    {
        let mut h = tar::Header::new_gnu();
        {
            let g = h.as_gnu_mut().unwrap();
            g.name[..path.len()].copy_from_slice(path.as_bytes());
            g.linkname[..link.len()].copy_from_slice(link.as_bytes());
        }
        h.set_entry_type(kind);
        h.set_size(data.len() as u64);
        h.set_mode(0o755);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_cksum();
        b.append(&h, data).unwrap();
    }
    let file = env.path(&format!("{}.tar", name.replace(['/', ':'], "_")));
    std::fs::write(&file, b.into_inner().unwrap()).unwrap();
    env.ok(&[
        "import",
        "--change",
        r#"CMD ["/bin/busybox", "true"]"#,
        file.to_str().unwrap(),
        name,
    ]);
}

#[test]
fn hostile_layers_cannot_touch_the_host() {
    let env = Env::new();
    let victim_dir = env.path("victim");
    std::fs::create_dir(&victim_dir).unwrap();
    let victim = victim_dir.join("file");
    std::fs::write(&victim, "host data").unwrap();
    let v = victim_dir.to_str().unwrap().to_string();
    let vf = victim.to_str().unwrap().to_string();

    // An absolute symlink to a host directory, then a write through it.
    import_tar(
        &env,
        "hostile/symlink",
        &[
            ("evil", tar::EntryType::Symlink, &v, b""),
            ("evil/file", tar::EntryType::Regular, "", b"pwned"),
        ],
    );
    env.ok(&["run", "--rm", "hostile/symlink"]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "host data");

    // A file over a symlink that points at a host file.
    import_tar(
        &env,
        "hostile/replace",
        &[
            ("f", tar::EntryType::Symlink, &vf, b""),
            ("f", tar::EntryType::Regular, "", b"pwned"),
        ],
    );
    env.ok(&["run", "--rm", "hostile/replace"]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "host data");

    // Path traversal.
    import_tar(
        &env,
        "hostile/traversal",
        &[(
            "../../../../../../tmp/ccr-escaped",
            tar::EntryType::Regular,
            "",
            b"pwned",
        )],
    );
    let err = env.fails(&["run", "--rm", "hostile/traversal"]);
    assert!(
        err.contains("../../../../../../tmp/ccr-escaped") && err.contains("climbs out"),
        "{err}"
    );
    assert!(!Path::new("/tmp/ccr-escaped").exists());

    // A hard link to a host file.
    import_tar(
        &env,
        "hostile/hardlink",
        &[("passwd", tar::EntryType::Link, &vf, b"")],
    );
    let err = env.fails(&["run", "--rm", "hostile/hardlink"]);
    assert!(
        err.contains("passwd") && err.contains("not in the layers"),
        "{err}"
    );
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&victim).unwrap().nlink(), 1);

    // A device node.
    import_tar(
        &env,
        "hostile/device",
        &[("dev/sda", tar::EntryType::Block, "", b"")],
    );
    let err = env.fails(&["run", "--rm", "hostile/device"]);
    assert!(
        err.contains("dev/sda") && err.contains("device nodes"),
        "{err}"
    );

    assert_clean(&env);
    // A refused layer leaves no snapshot to reuse.
    let snaps = std::fs::read_dir(env.data_root().join("snapshots/tmp"))
        .unwrap()
        .count();
    assert_eq!(snaps, 0);
}

#[test]
fn snapshots_are_shared_between_images() {
    let env = with_busybox();
    env.ok(&["tag", BUSYBOX, "other/name:1"]);
    env.ok(&["run", "--rm", BUSYBOX, "true"]);
    env.ok(&["run", "--rm", "other/name:1", "true"]);
    let layers = || {
        std::fs::read_dir(env.data_root().join("snapshots/layers"))
            .unwrap()
            .count()
    };
    assert_eq!(layers(), 1, "one layer, extracted once");
    // Removed with the last image and container that have it, not before.
    env.ok(&["rmi", BUSYBOX]);
    assert_eq!(layers(), 1);
    let id = env
        .ok(&["run", "-d", "other/name:1", "sleep", "100"])
        .trim()
        .to_string();
    let err = env.fails(&["rmi", "other/name:1"]);
    assert!(err.contains("must force"), "{err}");
    env.ok(&["image", "prune", "-a", "-f"]);
    assert_eq!(
        env.image_names(),
        vec!["other/name:1"],
        "prune -a keeps images in use"
    );
    env.ok(&["rmi", "-f", "other/name:1"]);
    assert_eq!(layers(), 1, "a container still uses it");
    env.ok(&["rm", "-f", &id]);
    env.ok(&["image", "prune", "-f"]);
    assert_eq!(layers(), 0);
}

fn state(env: &Env, id: &str) -> serde_json::Value {
    json(
        &std::fs::read_to_string(
            env.data_root()
                .join("containers")
                .join(id)
                .join("state.json"),
        )
        .unwrap(),
    )
}

fn pid_alive(pid: i64) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

#[test]
fn detached_lifecycle() {
    let env = with_busybox();
    let script = "echo started; trap 'echo stopping; exit 7' TERM; while true; do sleep 0.1; done";
    let id = env
        .ok(&["run", "-d", "--name", "web", BUSYBOX, "sh", "-c", script])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "{id}");
    // It keeps running after the ccr that started it has exited.
    let ps = env.ok(&["ps"]);
    assert!(
        ps.contains(&id[..12]) && ps.contains("web") && ps.contains("Up"),
        "{ps}"
    );
    let q = env.ok(&["ps", "-q"]);
    assert_eq!(q.trim(), &id[..12]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(env.ok(&["logs", "web"]), "started\n");
    let err = env.fails(&["rm", "web"]);
    assert!(err.contains("stop it first"), "{err}");
    // exec runs in the same container: it sees the running shell.
    let out = env.run(&[
        "exec",
        "-e",
        "X=1",
        "-w",
        "/tmp",
        "web",
        "sh",
        "-c",
        "echo $X $(pwd); ps | grep -c 'while true'; exit 4",
    ]);
    assert_eq!(out.status.code(), Some(4));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.starts_with("1 /tmp\n"), "{text}");
    // exec -u takes names and numbers, resolved in the container's files.
    for (spec, ids) in [
        ("nobody", "65534 65534"),
        ("daemon:nogroup", "1 65534"),
        ("1:0", "1 0"),
    ] {
        let out = env.ok(&[
            "exec",
            "-u",
            spec,
            "web",
            "sh",
            "-c",
            "echo $(id -u) $(id -g)",
        ]);
        assert_eq!(out.trim(), ids, "{spec}");
    }
    let err = env.fails(&["exec", "-u", "nosuchuser", "web", "true"]);
    assert!(err.contains("unable to find user nosuchuser"), "{err}");
    let out = env.run(&["exec", "-w", "relative", "web", "pwd"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(126), "{err}");
    assert!(
        err.contains("'relative' is invalid, it needs to be an absolute path"),
        "{err}"
    );

    assert_eq!(env.ok(&["stop", "-t", "5", "web"]).trim(), "web");
    // Standard output only: a "Terminated" the shell may print for its
    // child goes to standard error, in either order with "stopping".
    assert!(
        env.ok(&["logs", "--tail", "2", "web"])
            .ends_with("stopping\n")
    );
    assert_eq!(env.ok(&["logs", "web"]), "started\nstopping\n");
    assert_eq!(
        env.ok(&["inspect", "-f", "{{.State.ExitCode}}", "web"])
            .trim(),
        "7"
    );
    assert!(env.ok(&["ps"]).lines().count() == 1, "not running any more");
    assert!(env.ok(&["ps", "-a"]).contains("Exited (7)"));

    // Started again, then killed and removed by force.
    env.ok(&["start", "web"]);
    assert!(env.ok(&["ps"]).contains("web"));
    env.ok(&["kill", "-s", "KILL", &id[..12]]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while state(&env, &id)["status"] == "running" && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(state(&env, &id)["exit_code"], 137);
    env.ok(&["start", "web"]);
    env.ok(&["rm", "-f", "web"]);
    let err = env.fails(&["logs", "web"]);
    assert!(err.contains("no such container"), "{err}");
    assert_clean(&env);
}

#[test]
fn stale_state_from_a_crashed_monitor_is_cleaned() {
    let env = with_busybox();
    let id = env
        .ok(&["run", "-d", BUSYBOX, "sleep", "1000"])
        .trim()
        .to_string();
    let st = state(&env, &id);
    let monitor = st["monitor_pid"].as_i64().unwrap();
    let pid = st["pid"].as_i64().unwrap();
    assert!(pid_alive(pid));
    sh(Command::new("kill").args(["-9", &monitor.to_string()]));
    std::thread::sleep(std::time::Duration::from_millis(200));
    let ps = env.ok(&["ps", "-a"]);
    assert!(ps.contains("Dead"), "{ps}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while pid_alive(pid) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!pid_alive(pid), "the orphaned container process is stopped");
    env.ok(&["rm", &id]);
    assert_clean(&env);
}

#[test]
fn native_snapshotter_and_pull_policy() {
    let env = with_busybox();
    // A private copy of the layers instead of an overlay: no layer snapshot.
    let out = env.ok(&[
        "--snapshotter",
        "native",
        "run",
        "--rm",
        BUSYBOX,
        "sh",
        "-c",
        "rm /bin/ls; echo copied",
    ]);
    assert_eq!(out, "copied\n");
    let snaps = std::fs::read_dir(env.data_root().join("snapshots/layers"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(snaps, 0);
    env.ok(&["--snapshotter", "native", "run", "--rm", BUSYBOX, "ls", "/"]);
    assert_clean(&env);
    // --pull=never refuses an image that is not here, and contacts nothing.
    let err = env.fails(&[
        "run",
        "--rm",
        "--pull",
        "never",
        "127.0.0.1:1/not/here:1",
        "true",
    ]);
    assert!(
        err.contains("no such image") && err.contains("--pull=never"),
        "{err}"
    );
    // --platform picks the platform of a local multi-platform image.
    env.import_random("local/multi:arm64", 3, 100, Some("linux/arm64"));
    let err = env.fails(&[
        "run",
        "--rm",
        "--platform",
        "linux/arm64",
        "local/multi:arm64",
    ]);
    assert!(
        err.contains("no command specified"),
        "the arm64 image was chosen: {err}"
    );
    let err = env.fails(&[
        "run",
        "--rm",
        "--platform",
        "linux/s390x",
        "local/multi:arm64",
        "true",
    ]);
    assert!(err.contains("linux/s390x"), "{err}");
}

#[test]
fn stop_sends_the_image_stop_signal_unless_told_otherwise() {
    let env = with_busybox();
    // A shell that reports which signal stopped it; PID 1 only sees
    // signals it handles, so an unexpected one would leave it to SIGKILL.
    let script = "for s in TERM USR1 USR2 QUIT; do trap \"echo got-$s; exit 3\" $s; done; \
                  echo started; while true; do sleep 0.1; done";
    let ctx = env.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {BUSYBOX}\nSTOPSIGNAL SIGUSR1\nCMD [\"sh\", \"-c\", {script:?}]\n"),
    )
    .unwrap();
    env.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/stopsig:1",
        ctx.to_str().unwrap(),
    ]);
    let started = |name: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !env.ok(&["logs", name]).contains("started") {
            assert!(std::time::Instant::now() < deadline, "{name} never started");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let stopped_by = |name: &str, stop: &[&str]| {
        started(name);
        let t0 = std::time::Instant::now();
        let mut args = vec!["stop", "-t", "20"];
        args.extend_from_slice(stop);
        args.push(name);
        assert_eq!(env.ok(&args).trim(), name);
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(15),
            "it took SIGKILL"
        );
        let code = env.ok(&["inspect", "-f", "{{.State.ExitCode}}", name]);
        assert_eq!(code.trim(), "3", "{name}");
        let logs = env.ok(&["logs", name]);
        env.ok(&["rm", name]);
        logs.lines().last().unwrap_or_default().to_string()
    };

    // The image's STOPSIGNAL.
    env.ok(&["run", "-d", "--name", "sa", "localhost/stopsig:1"]);
    assert_eq!(
        env.ok(&["inspect", "-f", "{{.Config.StopSignal}}", "sa"])
            .trim(),
        "SIGUSR1"
    );
    assert_eq!(stopped_by("sa", &[]), "got-USR1");
    // run --stop-signal overrides the image.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "sb",
        "--stop-signal",
        "USR2",
        "localhost/stopsig:1",
    ]);
    assert_eq!(stopped_by("sb", &[]), "got-USR2");
    // stop --signal overrides both; numbers work too.
    env.ok(&["run", "-d", "--name", "sc", "localhost/stopsig:1"]);
    assert_eq!(stopped_by("sc", &["--signal", "3"]), "got-QUIT");
    // Without a stop signal anywhere: SIGTERM.
    env.ok(&["run", "-d", "--name", "sd", BUSYBOX, "sh", "-c", script]);
    assert_eq!(stopped_by("sd", &[]), "got-TERM");

    // A bad signal is refused before anything is created or signalled.
    let err = env.fails(&[
        "run",
        "-d",
        "--stop-signal",
        "SIGNOPE",
        "localhost/stopsig:1",
    ]);
    assert!(err.contains("invalid signal \"SIGNOPE\""), "{err}");
    assert_eq!(env.ok(&["ps", "-aq"]).trim(), "");
    env.ok(&["run", "-d", "--name", "se", "localhost/stopsig:1"]);
    started("se");
    let err = env.fails(&["stop", "-s", "NOPE", "se"]);
    assert!(err.contains("invalid signal"), "{err}");
    assert!(env.ok(&["ps"]).contains(" se"), "still running");
    env.ok(&["rm", "-f", "se"]);
    assert_clean(&env);
}

#[test]
fn terminals_for_run_and_exec() {
    let env = with_busybox();
    let piped = |args: &[&str], input: &[u8]| env.with_input(args, input);
    // -t alone: the container's streams are a terminal (hence \r\n).
    let out = env.ok(&[
        "run",
        "--rm",
        "-t",
        "--network",
        "none",
        BUSYBOX,
        "sh",
        "-c",
        "tty; echo TERM=$TERM",
    ]);
    assert_eq!(out, "/dev/pts/0\r\nTERM=xterm\r\n");
    // -it: what is typed reaches the shell; its exit code comes back.
    let (code, out) = piped(
        &[
            "run",
            "--rm",
            "-i",
            "-t",
            "--network",
            "none",
            BUSYBOX,
            "sh",
        ],
        b"echo hi-$((1+1))\nexit 3\n",
    );
    assert_eq!(code, Some(3));
    assert!(out.contains("\r\nhi-2\r\n"), "{out:?}");
    // From a real terminal: the window size is passed on, and the terminal
    // is as it was afterwards; a resize while it runs is followed.
    let script = format!(
        "stty rows 33 cols 101; a=$(stty -g); (sleep 0.6; stty rows 40 cols 120 </dev/tty) & \
         {} run --rm -it --network none {BUSYBOX} sh -c 'stty size; sleep 1.5; stty size'; \
         [ \"$a\" = \"$(stty -g)\" ] && echo restored",
        ccr_bin()
    );
    // script's standard input stays open and silent: at its end, script
    // types into the terminal (its end-of-file character), which the
    // container's terminal echoed between the sizes once, under load
    // (`^@`).
    let mut child = Command::new("script")
        .args(["-qec", &script, "/dev/null"])
        .env("CCR_DATA_ROOT", env.data_root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let silent = child.stdin.take();
    let mut printed = Vec::new();
    std::io::Read::read_to_end(&mut child.stdout.take().unwrap(), &mut printed).unwrap();
    child.wait().unwrap();
    drop(silent);
    let text = String::from_utf8_lossy(&printed);
    assert!(
        text.contains("33 101\r\n40 120\r\n") && text.contains("restored"),
        "{text:?}"
    );
    // Ctrl-P Ctrl-Q typed on a real terminal: the run ends with 0, the
    // terminal as it was, the container running.
    let script = format!(
        "a=$(stty -g); {} run -it --name typed --network none {BUSYBOX} sh; echo code=$?; \
         [ \"$a\" = \"$(stty -g)\" ] && echo restored",
        ccr_bin()
    );
    let mut typist = Command::new("script")
        .args(["-qec", &script, "/dev/null"])
        .env("CCR_DATA_ROOT", env.data_root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut keys = typist.stdin.take().unwrap();
    let mut seen = Vec::new();
    let mut stdout = typist.stdout.take().unwrap();
    // Typed once the shell's prompt is there.
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("# ") {
        let n = std::io::Read::read(&mut stdout, &mut buf).unwrap();
        assert!(n > 0, "{:?}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    std::io::Write::write_all(&mut keys, b"\x10\x11").unwrap();
    std::io::Read::read_to_end(&mut stdout, &mut seen).unwrap();
    drop(keys);
    typist.wait().unwrap();
    let text = String::from_utf8_lossy(&seen);
    assert!(
        text.contains("read escape sequence") && text.contains("code=0\r\nrestored"),
        "{text:?}"
    );
    assert_eq!(inspect_field(&env, "typed", "{{.State.Status}}"), "running");
    env.ok(&["rm", "-f", "typed"]);

    // Detached: the terminal's output goes to the log; -dit keeps a shell
    // waiting for input instead of ending it.
    let id = env
        .ok(&[
            "run",
            "-d",
            "-i",
            "-t",
            "--network",
            "none",
            "-e",
            "A=1",
            BUSYBOX,
            "sh",
        ])
        .trim()
        .to_string();
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(
        env.ok(&["ps", "-q"]).contains(&id[..12]),
        "the shell is still up"
    );
    // exec -it: a terminal, user, environment and exit code.
    let (code, out) = piped(
        &["exec", "-i", "-t", "-u", "nobody", "-e", "B=2", &id, "sh"],
        b"id -u; echo A=$A B=$B; tty\nexit 5\n",
    );
    assert_eq!(code, Some(5));
    assert!(out.contains("\r\n65534\r\nA=1 B=2\r\n/dev/pts/"), "{out:?}");
    // exec reads standard input only with -i.
    assert_eq!(piped(&["exec", &id, "wc", "-l"], b"x\ny\n").1.trim(), "0");
    assert_eq!(
        piped(&["exec", "-i", &id, "wc", "-l"], b"x\ny\n").1.trim(),
        "2"
    );
    env.ok(&["rm", "-f", &id]);
    let id = env
        .ok(&[
            "run",
            "-d",
            "-t",
            "--network",
            "none",
            BUSYBOX,
            "sh",
            "-c",
            "tty; sleep 0.2",
        ])
        .trim()
        .to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while env.ok(&["ps", "-q"]).contains(&id[..12]) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(env.ok(&["logs", &id]), "/dev/pts/0\r\n");
    env.ok(&["rm", &id]);
    assert_clean(&env);
}

/// A process given no input reads none, even where the host's /dev/null
/// is a file holding an earlier session (as it was on a machine where the
/// suite's `script` runs wrote their typescripts into it): here a file of
/// 27 lines is bound over /dev/null in a private mount namespace.
#[test]
fn a_process_without_input_reads_nothing_whatever_dev_null_is() {
    let env = with_busybox();
    let id = env
        .ok(&["run", "-d", "-i", "-t", "--network", "none", BUSYBOX, "sh"])
        .trim()
        .to_string();
    let fake = env.path("not-a-device");
    std::fs::write(&fake, "a line\n".repeat(27)).unwrap();
    let script = format!(
        "mount --bind {fake} /dev/null || exit 99; \
         printf 'x\\ny\\n' | {ccr} exec {id} wc -l; \
         {ccr} exec {id} wc -l; \
         {ccr} run --rm --network none {BUSYBOX} wc -l",
        fake = fake.display(),
        ccr = ccr_bin(),
    );
    let out = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", &script])
        .env("CCR_DATA_ROOT", env.data_root())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(counts, ["0", "0", "0"], "{text:?}");
    env.ok(&["rm", "-f", &id]);
}

#[test]
fn create_start_wait_restart_and_prune() {
    let env = with_busybox();
    let id = env
        .ok(&[
            "create",
            "--name",
            "c1",
            "--network",
            "none",
            BUSYBOX,
            "sh",
            "-c",
            "echo run; exit 4",
        ])
        .trim()
        .to_string();
    assert_eq!(id.len(), 64, "{id}");
    assert!(env.ok(&["ps", "-a"]).contains("Created"));
    assert_eq!(env.ok(&["logs", "c1"]), "", "created, not run");
    env.ok(&["start", "c1"]);
    assert_eq!(env.ok(&["wait", "c1"]), "4\n");
    assert_eq!(env.ok(&["logs", "c1"]), "run\n");
    assert_eq!(env.ok(&["restart", "c1"]).trim(), "c1");
    assert_eq!(env.ok(&["wait", &id[..12]]), "4\n");
    assert_eq!(env.ok(&["logs", "c1"]), "run\nrun\n");

    // wait blocks until the container stops, and reports its code.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "slow",
        "--network",
        "none",
        BUSYBOX,
        "sh",
        "-c",
        "sleep 0.5; exit 9",
    ]);
    let t0 = std::time::Instant::now();
    assert_eq!(env.ok(&["wait", "slow"]), "9\n");
    assert!(t0.elapsed() > std::time::Duration::from_millis(200));

    // prune removes what is not running, and only that.
    let up = env
        .ok(&[
            "run",
            "-d",
            "--name",
            "up",
            "--network",
            "none",
            BUSYBOX,
            "sleep",
            "100",
        ])
        .trim()
        .to_string();
    let out = env.ok(&["container", "prune", "-f"]);
    assert!(out.starts_with("Deleted Containers:\n"), "{out}");
    assert!(out.contains(&id) && !out.contains(&up), "{out}");
    assert!(out.contains("Total reclaimed space:"), "{out}");
    let left = env.ok(&["container", "ls", "-a", "-q"]);
    assert_eq!(left.trim(), &up[..12]);

    let err = env.fails(&["wait", "no-such-container"]);
    assert!(err.contains("no such container"), "{err}");
    let err = env.fails(&["create", "-d", BUSYBOX, "true"]);
    assert!(err.contains("-d does not apply"), "{err}");
    env.ok(&["rm", "-f", "up"]);
    assert_clean(&env);
}

#[test]
fn logs_keep_the_streams_apart_with_their_times() {
    let env = with_busybox();
    // A foreground run passes its output on as it comes, and logs it too.
    let script = "echo out1; echo err1 >&2; printf partial";
    let out = env.run(&[
        "run",
        "--name",
        "fg",
        "--network",
        "none",
        BUSYBOX,
        "sh",
        "-c",
        script,
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "out1\npartial");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err1\n");
    let logs = env.run(&["logs", "fg"]);
    assert_eq!(String::from_utf8_lossy(&logs.stdout), "out1\npartial");
    assert_eq!(String::from_utf8_lossy(&logs.stderr), "err1\n");
    // -t: each record after its time.
    let timed = env.ok(&["logs", "-t", "fg"]);
    let first = timed.lines().next().unwrap();
    let (time, text) = first.split_once(' ').unwrap();
    assert_eq!(text, "out1");
    assert!(
        time.len() == 30 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
        "{time}"
    );
    // The file is docker's json-file format.
    let id = env.ok(&["inspect", "-f", "{{.Id}}", "fg"]);
    let file = env
        .data_root()
        .join("containers")
        .join(id.trim())
        .join("container.log");
    for line in std::fs::read_to_string(file).unwrap().lines() {
        let v = json(line);
        assert!(v["log"].is_string() && v["time"].is_string(), "{line}");
        assert!(v["stream"] == "stdout" || v["stream"] == "stderr", "{line}");
    }
    env.ok(&["rm", "fg"]);
    // -f follows a running container until it stops.
    let id = env
        .ok(&[
            "run",
            "-d",
            "--network",
            "none",
            BUSYBOX,
            "sh",
            "-c",
            "for i in 1 2 3; do echo line$i; sleep 0.2; done",
        ])
        .trim()
        .to_string();
    assert_eq!(env.ok(&["logs", "-f", &id]), "line1\nline2\nline3\n");
    // The last records (of one stream here: across streams their order is
    // the order the two pipes were read in).
    assert_eq!(env.ok(&["logs", "--tail", "2", &id]), "line2\nline3\n");
    // --since (inclusive) and --until (exclusive) pick records by time.
    let timed = env.ok(&["logs", "-t", &id]);
    let t2 = timed
        .lines()
        .nth(1)
        .unwrap()
        .split_once(' ')
        .unwrap()
        .0
        .to_string();
    assert_eq!(env.ok(&["logs", "--since", &t2, &id]), "line2\nline3\n");
    assert_eq!(env.ok(&["logs", "--until", &t2, &id]), "line1\n");
    assert_eq!(
        env.ok(&["logs", "--since", "1h", &id]),
        "line1\nline2\nline3\n"
    );
    assert_eq!(env.ok(&["logs", "--until", "1h", &id]), "");
    let err = env.fails(&["logs", "--since", "last tuesday", &id]);
    assert!(err.contains("--since \"last tuesday\""), "{err}");
    env.ok(&["rm", &id]);
    assert_clean(&env);
}

#[test]
fn cp_between_containers_and_the_host() {
    let env = with_busybox();
    let id = env
        .ok(&[
            "run",
            "-d",
            "--name",
            "box",
            "--network",
            "none",
            BUSYBOX,
            "sleep",
            "100",
        ])
        .trim()
        .to_string();
    // Host to container: a file, into a directory, and a tree.
    let host = env.path("host");
    std::fs::create_dir_all(host.join("tree/sub")).unwrap();
    std::fs::write(host.join("note.txt"), "note\n").unwrap();
    std::fs::write(host.join("tree/sub/deep.txt"), "deep\n").unwrap();
    std::os::unix::fs::symlink("sub/deep.txt", host.join("tree/link")).unwrap();
    let h = |p: &str| host.join(p).to_str().unwrap().to_string();
    env.ok(&["cp", &h("note.txt"), "box:/tmp/renamed.txt"]);
    env.ok(&["cp", &h("note.txt"), "box:/tmp"]);
    env.ok(&["cp", &h("tree"), "box:/data"]);
    env.ok(&["cp", &h("tree"), "box:/tmp"]);
    let out = env.ok(&[
        "exec",
        "box",
        "sh",
        "-c",
        "cat /tmp/renamed.txt /tmp/note.txt /data/sub/deep.txt /tmp/tree/link; readlink /data/link",
    ]);
    assert_eq!(out, "note\nnote\ndeep\ndeep\nsub/deep.txt\n");
    // Container to host, symlinks kept as they are.
    env.ok(&[
        "exec",
        "box",
        "sh",
        "-c",
        "mkdir -p /out/d && echo made > /out/d/f && ln -s /etc/passwd /out/abs",
    ]);
    let back = env.path("back");
    std::fs::create_dir(&back).unwrap();
    env.ok(&["cp", "box:/out", back.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(back.join("out/d/f")).unwrap(),
        "made\n"
    );
    assert_eq!(
        std::fs::read_link(back.join("out/abs")).unwrap(),
        Path::new("/etc/passwd")
    );
    env.ok(&[
        "cp",
        "box:/out/d/.",
        back.join("contents").to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(back.join("contents/f")).unwrap(),
        "made\n"
    );

    // A symlink planted in the container cannot carry a copy out to the host.
    env.ok(&["exec", "box", "ln", "-s", "/", "/escape"]);
    let marker = format!("ccr-cp-escape-{}", std::process::id());
    env.ok(&["cp", &h("note.txt"), &format!("box:/escape/{marker}")]);
    assert!(
        !Path::new("/").join(&marker).exists(),
        "written on the host"
    );
    // Nor can a symlink to a host directory where the copied tree has one.
    let host_dir = env.path("host-side");
    std::fs::create_dir(&host_dir).unwrap();
    let plant = format!("mkdir -p /d && ln -s {} /d/sub", host_dir.display());
    env.ok(&["exec", "box", "sh", "-c", &plant]);
    env.ok(&["cp", &h("tree/."), "box:/d"]);
    assert_eq!(
        std::fs::read_dir(&host_dir).unwrap().count(),
        0,
        "written through the symlink"
    );
    assert_eq!(env.ok(&["exec", "box", "cat", "/d/sub/deep.txt"]), "deep\n");
    assert_eq!(
        env.ok(&["exec", "box", "cat", &format!("/{marker}")]),
        "note\n"
    );

    // A stopped container: its root is mounted for the copy, and only then.
    env.ok(&["stop", "-t", "1", "box"]);
    env.ok(&["cp", &h("note.txt"), "box:/after-stop.txt"]);
    env.ok(&[
        "cp",
        "box:/after-stop.txt",
        back.join("after.txt").to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(back.join("after.txt")).unwrap(),
        "note\n"
    );
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
    assert!(!mounts.contains(&id), "the root was left mounted");
    env.ok(&["start", "box"]);
    assert_eq!(env.ok(&["exec", "box", "cat", "/after-stop.txt"]), "note\n");

    // Refusals.
    let err = env.fails(&["cp", "box:/no/such/file", back.to_str().unwrap()]);
    assert!(
        err.contains("could not find the file /no/such/file"),
        "{err}"
    );
    let err = env.fails(&["cp", &h("note.txt"), back.to_str().unwrap()]);
    assert!(err.contains("one end must be CONTAINER:PATH"), "{err}");
    let err = env.fails(&["cp", &h("tree"), "box:/tmp/renamed.txt"]);
    assert!(err.contains("cannot copy a directory to a file"), "{err}");
    let err = env.fails(&["cp", &h("note.txt"), "nobox:/tmp"]);
    assert!(err.contains("no such container"), "{err}");
    env.ok(&["rm", "-f", "box"]);
    assert_clean(&env);
}

#[test]
fn port_rename_info_and_version() {
    let env = with_busybox();
    let (p1, p2) = (free_port(), free_port());
    let id = env
        .ok(&[
            "create",
            "--name",
            "svc",
            "-p",
            &format!("127.0.0.1:{p1}:80"),
            "-p",
            &format!("{p2}:53/udp"),
            BUSYBOX,
            "true",
        ])
        .trim()
        .to_string();
    assert_eq!(
        env.ok(&["port", "svc"]),
        format!("80/tcp -> 127.0.0.1:{p1}\n53/udp -> 0.0.0.0:{p2}\n")
    );
    assert_eq!(
        env.ok(&["port", "svc", "53/udp"]),
        format!("0.0.0.0:{p2}\n")
    );
    let err = env.fails(&["port", "svc", "443"]);
    assert!(
        err.contains("no public port 443 published for svc"),
        "{err}"
    );

    env.ok(&["rename", "svc", "renamed"]);
    assert_eq!(
        env.ok(&["inspect", "-f", "{{.Name}}", &id]).trim(),
        "/renamed"
    );
    env.ok(&[
        "create",
        "--name",
        "other",
        "--network",
        "none",
        BUSYBOX,
        "true",
    ]);
    let err = env.fails(&["rename", "renamed", "other"]);
    assert!(err.contains("already in use"), "{err}");
    let err = env.fails(&["rename", "renamed", "bad/name"]);
    assert!(err.contains("invalid container name"), "{err}");

    let info = env.ok(&["info"]);
    for want in [
        " Containers: 2\n",
        "  Running: 0\n",
        " Images: 1\n",
        " Storage Driver: overlayfs\n",
        " Confidential Guest: ",
    ] {
        assert!(info.contains(want), "{want:?} not in\n{info}");
    }
    assert!(info.contains(&format!(" Data Root: {}\n", env.data_root().display())));
    let version = env.ok(&["version"]);
    assert!(version.contains(&format!(" Version:     {}\n", env!("CARGO_PKG_VERSION"))));
    // docker's --format on both: templates over docker's field names, json.
    assert_eq!(
        env.ok(&[
            "info",
            "--format",
            "{{.Containers}} {{.ContainersRunning}} {{.Images}}"
        ]),
        "2 0 1\n"
    );
    let v = json(&env.ok(&["info", "--format", "json"]));
    assert_eq!(v["DockerRootDir"], env.data_root().to_str().unwrap());
    assert!(v["NCPU"].as_u64().unwrap() >= 1);
    assert_eq!(
        env.ok(&["version", "--format", "{{.Client.Version}}"]),
        format!("{}\n", env!("CARGO_PKG_VERSION"))
    );
    env.fails(&["version", "--format", "{{.Client.Version"]);
    env.ok(&["rm", "renamed", "other"]);
    assert_clean(&env);
}

#[test]
fn system_prune_asks_then_removes_what_nothing_uses() {
    let env = with_busybox();
    let stopped = env
        .ok(&["run", "-d", "--network", "none", BUSYBOX, "true"])
        .trim()
        .to_string();
    env.ok(&["wait", &stopped]);
    let up = env
        .ok(&["run", "-d", "--network", "none", BUSYBOX, "sleep", "100"])
        .trim()
        .to_string();
    // A dangling image and a build cache entry.
    let ctx = env.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {BUSYBOX}\nRUN echo x > /x\n"),
    )
    .unwrap();
    env.ok(&["build", "-q", ctx.to_str().unwrap()]);
    assert!(env.image_names().contains(&"<none>:<none>".to_string()));

    // Without -f it asks; no answer is no.
    let out = env.run(&["system", "prune"]);
    assert!(out.status.success());
    let asked = String::from_utf8_lossy(&out.stderr);
    assert!(
        asked.contains("WARNING! This will remove:\n  - all stopped containers"),
        "{asked}"
    );
    assert_eq!(env.ok(&["ps", "-aq"]).lines().count(), 2);
    let out = env.run(&["container", "prune"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Are you sure"));
    assert_eq!(env.ok(&["ps", "-aq"]).lines().count(), 2);

    let out = env.ok(&["system", "prune", "-f"]);
    assert!(
        out.contains(&format!("Deleted Containers:\n{stopped}\n")),
        "{out}"
    );
    assert!(!out.contains(&up), "{out}");
    assert!(out.contains("Deleted Images:\nuntagged: <none>"), "{out}");
    assert!(out.contains("Deleted build cache objects:"), "{out}");
    assert!(out.contains("Total reclaimed space:"), "{out}");
    assert_eq!(env.ok(&["ps", "-aq"]).trim(), &up[..12]);
    assert_eq!(env.image_names(), vec![BUSYBOX.to_string()]);
    // The image a container uses stays even with -a; volumes go only
    // with --volumes.
    env.ok(&["volume", "create", "spare"]);
    env.ok(&["system", "prune", "-a", "-f"]);
    assert_eq!(env.image_names(), vec![BUSYBOX.to_string()]);
    assert_eq!(env.ok(&["volume", "ls", "-q"]), "spare\n");
    let out = env.ok(&["system", "prune", "--volumes", "-f"]);
    assert!(out.contains("Deleted Volumes:\nspare\n"), "{out}");
    assert_eq!(env.ok(&["volume", "ls", "-q"]), "");
    env.ok(&["rm", "-f", &up]);
    assert_clean(&env);
}

#[test]
fn named_volumes_outlive_containers() {
    let env = with_busybox();
    assert_eq!(
        env.ok(&["volume", "create", "--label", "team=a", "data1"]),
        "data1\n"
    );
    let run = |args: &[&str]| {
        let mut all = vec!["run", "--rm", "--network", "none"];
        all.extend_from_slice(args);
        env.ok(&all)
    };
    run(&[
        "-v",
        "data1:/data",
        BUSYBOX,
        "sh",
        "-c",
        "echo kept > /data/f",
    ]);
    assert_eq!(
        run(&["-v", "data1:/data:ro", BUSYBOX, "cat", "/data/f"]),
        "kept\n"
    );
    let out = env.run(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "data1:/data:ro",
        BUSYBOX,
        "touch",
        "/data/g",
    ]);
    assert_ne!(out.status.code(), Some(0));
    // A new volume is made on first use and filled with what the image has
    // there (a binary and its symlinks here), once.
    assert_eq!(
        run(&[
            "-v",
            "binvol:/bin",
            BUSYBOX,
            "/bin/sh",
            "-c",
            "echo from-volume"
        ]),
        "from-volume\n"
    );
    let inspect = json(&env.ok(&["volume", "inspect", "binvol", "data1"]));
    let mountpoint = Path::new(inspect[0]["Mountpoint"].as_str().unwrap());
    assert!(mountpoint.join("busybox").is_file());
    assert!(mountpoint.join("sh").is_symlink());
    assert_eq!(inspect[1]["Labels"]["team"], "a");
    assert_eq!(inspect[1]["Driver"], "local");
    // Over a non-empty volume nothing is copied: no busybox under /bin.
    let out = env.run(&[
        "run",
        "--rm",
        "--network",
        "none",
        "-v",
        "data1:/bin",
        BUSYBOX,
        "/bin/busybox",
        "true",
    ]);
    assert_eq!(out.status.code(), Some(127));
    assert!(
        !Path::new(inspect[1]["Mountpoint"].as_str().unwrap())
            .join("busybox")
            .exists()
    );

    // In use, a volume stays; unused ones go with prune.
    let id = env
        .ok(&[
            "create",
            "--network",
            "none",
            "-v",
            "data1:/data",
            BUSYBOX,
            "true",
        ])
        .trim()
        .to_string();
    let mounts = json(&env.ok(&["inspect", &id]))[0]["Mounts"].clone();
    assert_eq!(mounts[0]["Type"], "volume");
    assert_eq!(mounts[0]["Name"], "data1");
    let err = env.fails(&["volume", "rm", "data1"]);
    assert!(err.contains("volume is in use"), "{err}");
    assert_eq!(env.ok(&["volume", "ls", "-q"]), "binvol\ndata1\n");
    let out = env.ok(&["volume", "prune", "-f"]);
    assert!(out.contains("Deleted Volumes:\nbinvol\n"), "{out}");
    assert_eq!(env.ok(&["volume", "ls", "-q"]), "data1\n");
    env.ok(&["rm", &id]);
    assert_eq!(env.ok(&["volume", "rm", "data1"]), "data1\n");
    assert_eq!(env.ok(&["volume", "ls", "-q"]), "");

    let err = env.fails(&["volume", "create", "bad name"]);
    assert!(err.contains("invalid volume name"), "{err}");
    let err = env.fails(&["run", "--rm", "-v", "bad/name:/x", BUSYBOX, "true"]);
    assert!(err.contains("invalid volume"), "{err}");
    let err = env.fails(&["volume", "inspect", "nope"]);
    assert!(err.contains("no such volume: nope"), "{err}");
    assert_clean(&env);
}

#[test]
fn upgrade_replaces_a_running_container_keeping_its_configuration_or_keeps_the_old_one() {
    let env = with_busybox();
    let ctx = env.path("ctx");
    for (tag, body) in [("1", "echo 1 > /version"), ("2", "echo 2 > /version")] {
        std::fs::create_dir_all(ctx.join(tag)).unwrap();
        std::fs::write(
            ctx.join(tag).join("Dockerfile"),
            format!("FROM {BUSYBOX}\nRUN {body}\n"),
        )
        .unwrap();
        env.ok(&[
            "build",
            "-q",
            "-t",
            &format!("localhost/app:{tag}"),
            ctx.join(tag).to_str().unwrap(),
        ]);
    }
    let old = env
        .ok(&[
            "run",
            "-d",
            "--name",
            "web",
            "--network",
            "none",
            "-e",
            "A=kept",
            "localhost/app:1",
            "sh",
            "-c",
            "trap 'exit 0' TERM; echo version=$(cat /version) A=$A; sleep 600 & wait",
        ])
        .trim()
        .to_string();
    // Listings taken while it runs see one container named web, always.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (stop, root) = (stop.clone(), env.data_root());
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let out = Command::new(ccr_bin())
                    .args(["ps", "-a", "--format", "{{.Names}}"])
                    .env("CCR_DATA_ROOT", &root)
                    .output()
                    .unwrap();
                seen.push(String::from_utf8_lossy(&out.stdout).into_owned());
            }
            seen
        })
    };
    let out = env.ok(&["upgrade", "--ready-after", "0.5", "web", "localhost/app:2"]);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = watcher.join().unwrap();
    assert!(
        out.contains("Upgraded web:") && out.contains("Wiped: "),
        "{out}"
    );
    for listing in &seen {
        assert_eq!(
            listing.lines().filter(|l| *l == "web").count(),
            1,
            "a listing with two or no web: {listing:?}"
        );
    }
    assert!(seen.len() > 3, "the watcher saw too little: {}", seen.len());
    let ps = env.ok(&["ps", "-a", "--format", "{{.Names}} {{.Image}} {{.State}}"]);
    assert_eq!(ps.trim(), "web localhost/app:2 running", "{ps}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !env.ok(&["logs", "web"]).contains("version=2") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(env.ok(&["logs", "web"]), "version=2 A=kept\n");
    assert!(
        !env.data_root().join("containers").join(&old).exists(),
        "the old container is left"
    );

    // A new container that does not stay up: it goes, the old one stays.
    let err = env.fails(&[
        "upgrade",
        "--ready-after",
        "2",
        "web",
        "localhost/app:1",
        "sh",
        "-c",
        "echo broken; exit 3",
    ]);
    assert!(
        err.contains("exited with code 3")
            && err.contains("web keeps running")
            && err.contains("broken"),
        "{err}"
    );
    let ps = env.ok(&["ps", "-a", "--format", "{{.Names}} {{.Image}} {{.State}}"]);
    assert_eq!(ps.trim(), "web localhost/app:2 running", "{ps}");
    // With a HEALTHCHECK in the image, up means healthy.
    for (tag, check) in [
        ("healthy", "--retries=20 CMD test -f /ready"),
        ("sick", "--retries=3 CMD false"),
    ] {
        let dir = ctx.join(tag);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("Dockerfile"),
            format!("FROM {BUSYBOX}\nHEALTHCHECK --interval=300ms {check}\n"),
        )
        .unwrap();
        env.ok(&[
            "build",
            "-q",
            "-t",
            &format!("localhost/app:{tag}"),
            dir.to_str().unwrap(),
        ]);
    }
    let started = std::time::Instant::now();
    let out = env.ok(&[
        "upgrade",
        "--ready-after",
        "0",
        "web",
        "localhost/app:healthy",
        "sh",
        "-c",
        "trap 'exit 0' TERM; sleep 1; touch /ready; sleep 600 & wait",
    ]);
    assert!(out.contains("Upgraded web:"), "{out}");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "replaced before it was healthy"
    );
    let err = env.fails(&["upgrade", "web", "localhost/app:sick", "sleep", "600"]);
    assert!(
        err.contains("failed its health check (/bin/sh -c false) 3 times")
            && err.contains("web keeps running"),
        "{err}"
    );
    let ps = env.ok(&["ps", "-a", "--format", "{{.Names}} {{.Image}} {{.State}}"]);
    assert_eq!(ps.trim(), "web localhost/app:healthy running", "{ps}");
    // Only a running container is upgraded.
    env.ok(&["stop", "-t", "1", "web"]);
    let err = env.fails(&["upgrade", "web", "localhost/app:1"]);
    assert!(err.contains("not running"), "{err}");
    env.ok(&["rm", "web"]);
    assert_clean(&env);
}

#[test]
fn destroy_outside_the_mode_wipes_and_says_what_stays_on_disk() {
    let env = with_busybox();
    let keep = env
        .ok(&[
            "run",
            "-d",
            "--name",
            "keep",
            "--network",
            "none",
            BUSYBOX,
            "sleep",
            "600",
        ])
        .trim()
        .to_string();
    let gone = env
        .ok(&[
            "run",
            "-d",
            "--name",
            "gone",
            "--network",
            "none",
            BUSYBOX,
            "sh",
            "-c",
            "echo written > /f; sleep 600",
        ])
        .trim()
        .to_string();
    let out = env.ok(&["destroy", "gone"]);
    assert!(
        out.contains(&format!("Destroyed: gone ({})", &gone[..12])),
        "{out}"
    );
    assert!(
        out.contains("Wiped: ") && out.contains("0 layer snapshots"),
        "the layers keep is using stay: {out}"
    );
    assert!(
        out.contains("Remains: 1 image(s)") && out.contains("journaling file system"),
        "{out}"
    );
    assert!(!env.data_root().join("containers").join(&gone).exists());
    assert_eq!(env.ok(&["ps", "-q"]).trim(), &keep[..12]);
    let err = env.fails(&["destroy", "gone"]);
    assert!(err.contains("no such container"), "{err}");
    let out = env.ok(&["destroy", "--all"]);
    assert!(
        out.contains("Destroyed: keep") && !out.contains("0 layer snapshots"),
        "{out}"
    );
    assert_clean(&env);
    let layers = env.data_root().join("snapshots/layers");
    assert_eq!(
        std::fs::read_dir(&layers).map(|d| d.count()).unwrap_or(0),
        0
    );
}

/// The host's bridge interfaces named like ccr's user networks.
fn network_bridges() -> Vec<String> {
    std::fs::read_dir("/sys/class/net")
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("ccr-"))
        .collect()
}

/// Bridges and routes are the host's: two data roots making networks at
/// the same time get different subnets (the first one's bridge exists as
/// soon as its network does), and containers of two data roots on the
/// shared default bridge get different addresses.
#[test]
fn data_roots_share_the_hosts_subnets_and_default_bridge() {
    let (a, b) = (with_busybox(), with_busybox());
    let made: Vec<String> = std::thread::scope(|s| {
        let one = s.spawn(|| a.ok(&["network", "create", "shared"]));
        let two = s.spawn(|| b.ok(&["network", "create", "shared"]));
        [one.join().unwrap(), two.join().unwrap()]
            .iter()
            .map(|id| id.trim().to_string())
            .collect()
    });
    let subnet = |env: &Env| {
        let inspect = json(&env.ok(&["network", "inspect", "shared"]));
        let bridge = inspect[0]["Options"]["com.docker.network.bridge.name"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            network_bridges().contains(&bridge),
            "the bridge {bridge} exists before any container joins"
        );
        inspect[0]["IPAM"]["Config"][0]["Subnet"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_ne!(made[0], made[1]);
    // The host's network state (addresses by container) is root's alone.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata("/run/ccr-net")
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "/run/ccr-net is {mode:o}");
    assert_ne!(subnet(&a), subnet(&b), "two data roots took one subnet");
    let address = |env: &Env| {
        env.ok(&["run", "-d", "--name", "on-default", BUSYBOX, "sleep", "60"]);
        env.ok(&[
            "inspect",
            "--format",
            "{{.NetworkSettings.IPAddress}}",
            "on-default",
        ])
    };
    let (x, y) = (address(&a), address(&b));
    assert!(!x.trim().is_empty());
    assert_ne!(x, y, "two data roots' containers share an address");
    // One masquerading rule per network (as docker's), none per container.
    let inspect = json(&a.ok(&["network", "inspect", "shared"]));
    let rule = format!(
        "-A POSTROUTING -s {} ! -o {} -j MASQUERADE",
        inspect[0]["IPAM"]["Config"][0]["Subnet"].as_str().unwrap(),
        inspect[0]["Options"]["com.docker.network.bridge.name"]
            .as_str()
            .unwrap()
    );
    let nat = || {
        let out = Command::new("iptables")
            .args(["-t", "nat", "-S", "POSTROUTING"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for name in ["s1", "s2"] {
        a.ok(&[
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "shared",
            BUSYBOX,
            "sleep",
            "60",
        ]);
    }
    let rules = nat();
    assert_eq!(rules.matches(&rule).count(), 1, "{rules}");
    assert!(
        !rules
            .lines()
            .any(|l| l.contains("-j CNI-") && l.contains("shared")),
        "{rules}"
    );
    a.ok(&["rm", "-f", "s1", "s2"]);
    for env in [&a, &b] {
        env.ok(&["rm", "-f", "on-default"]);
        env.ok(&["network", "rm", "shared"]);
    }
    assert!(!nat().contains(&rule), "the network's rule outlives it");
}

#[test]
fn user_networks_resolve_names_and_aliases_and_leave_nothing() {
    let env = with_busybox();
    let id = env.ok(&["network", "create", "--label", "k=v", "appnet"]);
    let inspect = json(&env.ok(&["network", "inspect", "appnet"]));
    assert_eq!(inspect[0]["Id"].as_str().unwrap(), id.trim());
    assert_eq!(inspect[0]["Labels"]["k"], "v");
    let bridge = inspect[0]["Options"]["com.docker.network.bridge.name"]
        .as_str()
        .unwrap()
        .to_string();
    let subnet = inspect[0]["IPAM"]["Config"][0]["Subnet"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        env.fails(&["network", "create", "appnet"])
            .contains("already exists")
    );
    assert!(
        env.fails(&["run", "--rm", "--network", "nowhere", BUSYBOX, "true"])
            .contains("network nowhere not found")
    );
    // A server known by its name and an alias; a client reaches it by both.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "appnet",
        "--network-alias",
        "www",
        BUSYBOX,
        "httpd",
        "-f",
        "-p",
        "80",
        "-h",
        "/etc",
    ]);
    let out = env.ok(&[
        "run", "--rm", "--name", "client", "--network", "appnet", BUSYBOX, "sh", "-c",
        "for n in web www; do wget -qO- http://$n/hostname || echo failed $n; done; ip -4 addr show eth0",
    ]);
    let web_id = env.ok(&["inspect", "--format", "{{.Id}}", "web"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], &web_id.trim()[..12], "{out}");
    assert_eq!(lines[1], &web_id.trim()[..12], "{out}");
    let prefix = subnet.trim_end_matches(".0/24");
    assert!(
        out.contains(&format!("inet {prefix}.")),
        "the client's address is in {subnet}: {out}"
    );
    // The server's /etc/hosts followed the client in and out.
    let hosts = env.ok(&["exec", "web", "cat", "/etc/hosts"]);
    assert!(
        hosts.contains("\tweb ") && hosts.contains(" www"),
        "{hosts}"
    );
    assert!(
        !hosts.contains("client"),
        "the removed client is still listed: {hosts}"
    );
    // Two networks: an interface on each.
    env.ok(&["network", "create", "second"]);
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "appnet",
        "--network",
        "second",
        BUSYBOX,
        "sh",
        "-c",
        "ls /sys/class/net | sort | tr '\\n' ' '",
    ]);
    assert_eq!(out.trim(), "eth0 eth1 lo");
    // network connect / disconnect of a running container: a new
    // interface, found by name there; gone again after disconnect.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "late",
        "--network",
        "second",
        BUSYBOX,
        "sleep",
        "60",
    ]);
    env.ok(&[
        "network",
        "connect",
        "--alias",
        "latecomer",
        "appnet",
        "late",
    ]);
    assert_eq!(
        env.ok(&[
            "exec",
            "late",
            "sh",
            "-c",
            "ls /sys/class/net | sort | tr '\\n' ' '"
        ])
        .trim(),
        "eth0 eth1 lo"
    );
    let hosts = env.ok(&["exec", "web", "cat", "/etc/hosts"]);
    assert!(
        hosts.contains("late") && hosts.contains("latecomer"),
        "{hosts}"
    );
    assert!(
        env.fails(&["network", "connect", "appnet", "late"])
            .contains("already attached")
    );
    assert!(
        env.fails(&["network", "disconnect", "second", "late"])
            .contains("first network")
    );
    env.ok(&["network", "disconnect", "appnet", "late"]);
    assert_eq!(
        env.ok(&[
            "exec",
            "late",
            "sh",
            "-c",
            "ls /sys/class/net | sort | tr '\\n' ' '"
        ])
        .trim(),
        "eth0 lo"
    );
    assert!(
        !env.ok(&["exec", "web", "cat", "/etc/hosts"])
            .contains("latecomer")
    );
    env.ok(&["rm", "-f", "late"]);
    // In use: not removed. Unused: pruned, bridges gone from the host.
    assert!(
        env.fails(&["network", "rm", "appnet"])
            .contains("active endpoints")
    );
    env.ok(&["rm", "-f", "web"]);
    // --filter: a label neither has keeps both; until=1h keeps the new ones.
    for f in ["label=keep", "until=1h"] {
        let pruned = env.ok(&["network", "prune", "-f", "--filter", f]);
        assert!(!pruned.contains("appnet"), "{f}: {pruned}");
    }
    let pruned = env.ok(&["network", "prune", "-f"]);
    assert!(
        pruned.contains("appnet") && pruned.contains("second"),
        "{pruned}"
    );
    let names = env.ok(&["network", "ls", "--format", "{{.Name}}"]);
    assert_eq!(names.trim(), "bridge\nhost\nnone");
    assert!(
        !network_bridges().contains(&bridge),
        "bridge {bridge} left on the host"
    );
    assert_clean(&env);
}

fn inspect_field(env: &Env, name: &str, template: &str) -> String {
    env.ok(&["inspect", "--format", template, name])
        .trim()
        .to_string()
}

/// Waits up to `secs` for `f` to hold; whether it did.
fn eventually(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    f()
}

#[test]
fn health_checks_run_by_ccr_turn_healthy_and_unhealthy() {
    let env = with_busybox();
    // Healthy only once the file exists (after about a second).
    env.ok(&[
        "run",
        "-d",
        "--name",
        "slow",
        "--health-cmd",
        "test -f /tmp/ready && echo ok",
        "--health-interval",
        "200ms",
        "--health-retries",
        "50",
        BUSYBOX,
        "sh",
        "-c",
        "sleep 1; touch /tmp/ready; sleep 60",
    ]);
    assert_eq!(
        inspect_field(&env, "slow", "{{.State.Health.Status}}"),
        "starting"
    );
    assert!(eventually(10, || inspect_field(
        &env,
        "slow",
        "{{.State.Health.Status}}"
    ) == "healthy"));
    let ps = env.ok(&["ps", "--format", "{{.Names}} {{.Status}}"]);
    assert!(ps.contains("slow Up") && ps.contains("(healthy)"), "{ps}");
    let log = json(&env.ok(&["inspect", "slow"]))[0]["State"]["Health"]["Log"].clone();
    let last = log.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["ExitCode"], 0);
    assert_eq!(last["Output"].as_str().unwrap().trim(), "ok");
    // A check that always fails: unhealthy after its retries, in exec form.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "sick",
        "--health-cmd",
        "exit 3",
        "--health-interval",
        "100ms",
        "--health-retries",
        "2",
        BUSYBOX,
        "sleep",
        "60",
    ]);
    assert!(eventually(10, || inspect_field(
        &env,
        "sick",
        "{{.State.Health.Status}}"
    ) == "unhealthy"));
    assert!(
        inspect_field(&env, "sick", "{{.State.Health.FailingStreak}}")
            .parse::<u32>()
            .unwrap()
            >= 2
    );
    // A timeout counts as a failure.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "stuck",
        "--health-cmd",
        "sleep 5",
        "--health-interval",
        "100ms",
        "--health-timeout",
        "200ms",
        "--health-retries",
        "1",
        BUSYBOX,
        "sleep",
        "60",
    ]);
    assert!(eventually(10, || inspect_field(
        &env,
        "stuck",
        "{{.State.Health.Status}}"
    ) == "unhealthy"));
    let out =
        json(&env.ok(&["inspect", "stuck"]))[0]["State"]["Health"]["Log"][0]["Output"].clone();
    assert!(out.as_str().unwrap().contains("exceeded timeout"), "{out}");
    // --no-healthcheck: no health at all.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "none",
        "--no-healthcheck",
        BUSYBOX,
        "sleep",
        "60",
    ]);
    assert_eq!(
        json(&env.ok(&["inspect", "none"]))[0]["State"]["Health"],
        serde_json::Value::Null
    );
    for c in ["slow", "sick", "stuck", "none"] {
        env.ok(&["rm", "-f", c]);
    }
    assert_clean(&env);
}

#[test]
fn restart_policies_are_enforced_by_the_monitor() {
    let env = with_busybox();
    assert!(
        env.fails(&["run", "--rm", "--restart", "always", BUSYBOX, "true"])
            .contains("--restart and --rm")
    );
    assert!(
        env.fails(&["run", "--restart", "sometimes", BUSYBOX, "true"])
            .contains("invalid restart policy")
    );
    env.ok(&[
        "run",
        "-d",
        "--name",
        "flaky",
        "--restart",
        "on-failure:3",
        BUSYBOX,
        "sh",
        "-c",
        "echo run; exit 3",
    ]);
    assert!(eventually(20, || inspect_field(
        &env,
        "flaky",
        "{{.State.Status}}"
    ) == "exited"));
    assert_eq!(inspect_field(&env, "flaky", "{{.RestartCount}}"), "3");
    assert_eq!(inspect_field(&env, "flaky", "{{.State.ExitCode}}"), "3");
    assert_eq!(
        env.ok(&["logs", "flaky"])
            .lines()
            .filter(|l| *l == "run")
            .count(),
        4
    );
    assert_eq!(
        inspect_field(&env, "flaky", "{{.HostConfig.RestartPolicy.Name}}"),
        "on-failure"
    );
    // on-failure does not restart a success; always does until stopped.
    env.ok(&[
        "run",
        "-d",
        "--name",
        "fine",
        "--restart",
        "on-failure",
        BUSYBOX,
        "true",
    ]);
    env.ok(&[
        "run",
        "-d",
        "--name",
        "loop",
        "--restart",
        "always",
        BUSYBOX,
        "sh",
        "-c",
        "sleep 0.2",
    ]);
    assert!(eventually(10, || inspect_field(
        &env,
        "loop",
        "{{.RestartCount}}"
    )
    .parse::<u32>()
    .unwrap()
        >= 2));
    assert_eq!(env.ok(&["wait", "fine"]).trim(), "0");
    assert_eq!(inspect_field(&env, "fine", "{{.RestartCount}}"), "0");
    env.ok(&["stop", "loop"]);
    let count = inspect_field(&env, "loop", "{{.RestartCount}}");
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert_eq!(
        inspect_field(&env, "loop", "{{.RestartCount}}"),
        count,
        "restarted after stop"
    );
    assert_ne!(inspect_field(&env, "loop", "{{.State.Status}}"), "running");
    for c in ["flaky", "fine", "loop"] {
        env.ok(&["rm", "-f", c]);
    }
    assert_clean(&env);
}

#[test]
fn resource_limits_capabilities_and_etc_options_take_effect() {
    let env = with_busybox();
    let id = env.ok(&[
        "run",
        "-d",
        "--memory",
        "32m",
        "--cpus",
        "0.5",
        "--pids-limit",
        "50",
        "--cap-drop",
        "ALL",
        "--cap-add",
        "net_bind_service",
        "--add-host",
        "db.local:10.1.2.3",
        "--dns",
        "9.9.9.9",
        "--dns-search",
        "example.org",
        BUSYBOX,
        "sleep",
        "60",
    ]);
    let id = id.trim();
    let read = |sub: &str, file: &str| {
        cgroup_dirs(id)
            .iter()
            .find(|d| d.to_string_lossy().contains(&format!("/{sub}/")))
            .map(|d| {
                std::fs::read_to_string(d.join(file))
                    .unwrap()
                    .trim()
                    .to_string()
            })
    };
    if let Some(m) = read("memory", "memory.limit_in_bytes") {
        assert_eq!(m, "33554432");
        assert_eq!(read("pids", "pids.max").unwrap(), "50");
        assert_eq!(read("cpu", "cpu.cfs_quota_us").unwrap(), "50000");
    } else {
        let unified = cgroup_dirs(id).into_iter().next().unwrap();
        assert_eq!(
            std::fs::read_to_string(unified.join("memory.max"))
                .unwrap()
                .trim(),
            "33554432"
        );
    }
    let status = env.ok(&["exec", id, "grep", "CapEff", "/proc/self/status"]);
    assert!(
        status.trim().ends_with("0000000000000400"),
        "only NET_BIND_SERVICE: {status}"
    );
    let hosts = env.ok(&["exec", id, "cat", "/etc/hosts"]);
    assert!(hosts.contains("10.1.2.3\tdb.local"), "{hosts}");
    let resolv = env.ok(&["exec", id, "cat", "/etc/resolv.conf"]);
    assert!(
        resolv.contains("nameserver 9.9.9.9") && resolv.contains("search example.org"),
        "{resolv}"
    );
    assert_eq!(resolv.matches("nameserver").count(), 1, "{resolv}");
    assert_eq!(
        inspect_field(&env, id, "{{.HostConfig.Memory}}"),
        "33554432"
    );
    env.ok(&["rm", "-f", id]);
    let privileged = env.ok(&[
        "run",
        "--rm",
        "--privileged",
        BUSYBOX,
        "grep",
        "CapEff",
        "/proc/self/status",
    ]);
    assert!(
        !privileged.contains("00000000a80425fb"),
        "privileged has more than the default: {privileged}"
    );
    assert_clean(&env);
}

/// A foreground run passes the signals it gets on to the container's
/// process (docker's --sig-proxy): its trap runs, its code is run's, and
/// --rm still removes it. A signal to the whole process group (a terminal's
/// Ctrl-C, timeout) does not end the monitor either.
#[test]
fn signals_reach_a_foreground_container() {
    let env = with_busybox();
    for (sig, name, code, tty) in [
        ("INT", "int", 99, false),
        ("TERM", "term", 98, false),
        ("TERM", "tterm", 97, true),
    ] {
        let script = format!(
            "trap 'echo got-{name}; exit {code}' {sig}; echo ready; while :; do sleep 0.1; done"
        );
        let mut args = vec!["run", "--rm", "--name", name, "--network", "none"];
        if tty {
            args.push("-t");
        }
        args.extend([BUSYBOX, "sh", "-c", &script]);
        let mut c = env.cmd(&args);
        c.stdout(std::process::Stdio::piped());
        // Its own process group, as a shell job is: the signal goes to all of it.
        std::os::unix::process::CommandExt::process_group(&mut c, 0);
        let mut child = c.spawn().unwrap();
        let mut out = child.stdout.take().unwrap();
        // A terminal ends its lines with \r\n.
        let nl = if tty { "\r\n" } else { "\n" };
        let mut first = vec![0u8; 5 + nl.len()];
        std::io::Read::read_exact(&mut out, &mut first).unwrap();
        assert_eq!(String::from_utf8_lossy(&first), format!("ready{nl}"));
        let signal = if sig == "INT" {
            rustix::process::Signal::INT
        } else {
            rustix::process::Signal::TERM
        };
        let group = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
        rustix::process::kill_process_group(group, signal).unwrap();
        let status = child.wait().unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
        assert_eq!(rest, format!("got-{name}{nl}"));
        assert_eq!(status.code(), Some(code), "{sig}");
    }
    assert!(
        env.ok(&["ps", "-a", "-q"]).trim().is_empty(),
        "--rm left a container"
    );
    assert_clean(&env);
}

#[test]
fn a_taken_host_port_is_refused_before_anything_is_made() {
    let env = with_busybox();
    let port = free_port();
    let listener = std::net::TcpListener::bind(("0.0.0.0", port)).unwrap();
    let p = format!("{port}:80");
    let err = env.fails(&["run", "--rm", "-p", &p, BUSYBOX, "true"]);
    assert!(
        err.contains(&format!(
            "Bind for 0.0.0.0:{port} failed: port is already allocated"
        )),
        "{err}"
    );
    drop(listener);
    env.ok(&[
        "run", "-d", "--name", "holder", "-p", &p, BUSYBOX, "sleep", "60",
    ]);
    let err = env.fails(&[
        "run", "-d", "--name", "second", "-p", &p, BUSYBOX, "sleep", "60",
    ]);
    assert!(err.contains("port is already allocated"), "{err}");
    let names = env.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(names.trim(), "holder", "the refused container was made");
    env.ok(&["rm", "-f", "holder"]);
    assert_clean(&env);
}

#[test]
fn running_without_root_says_so() {
    let env = with_busybox();
    let home = env.path("nobody");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::set_permissions(&home, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let out = Command::new("setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            ccr_bin(),
            "--data-root",
        ])
        .arg(home.join("root"))
        .args(["run", "--rm", BUSYBOX, "true"])
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("running containers needs root"), "{err}");
    assert!(!err.contains("user namespace"), "{err}");
}

/// `-v SRC:DST:ro,z` (docker's option list) and `cp CONTAINER:PATH -`
/// (a tar stream on standard output, as docker writes it).
#[test]
fn volume_option_lists_and_cp_to_a_tar_stream() {
    let env = with_busybox();
    let dir = env.path("shared");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("f"), "host file\n").unwrap();
    let v = format!("{}:/data:ro,z", dir.display());
    let out = env.run(&[
        "run",
        "--rm",
        "-v",
        &v,
        BUSYBOX,
        "sh",
        "-c",
        "cat /data/f; touch /data/g 2>/dev/null && echo writable || echo read-only",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "host file\nread-only\n"
    );
    assert!(
        env.fails(&[
            "run",
            "--rm",
            "-v",
            &format!("{}:/data:bogus", dir.display()),
            BUSYBOX,
            "true"
        ])
        .contains("invalid volume option")
    );
    env.ok(&[
        "run",
        "-d",
        "--name",
        "tarred",
        BUSYBOX,
        "sh",
        "-c",
        "mkdir -p /out/sub && echo one > /out/sub/1 && ln -s sub/1 /out/link && sleep 60",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = env.cmd(&["cp", "tarred:/out", "-"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<(String, bool)> = tar::Archive::new(&out.stdout[..])
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.path()
                    .unwrap()
                    .to_string_lossy()
                    .trim_end_matches('/')
                    .to_string(),
                e.header().entry_type().is_symlink(),
            )
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("out".to_string(), false),
            ("out/link".into(), true),
            ("out/sub".into(), false),
            ("out/sub/1".into(), false)
        ]
    );
    assert!(
        env.fails(&["cp", "-", "tarred:/x"])
            .contains("not supported")
    );
    env.ok(&["rm", "-f", "tarred"]);
}

/// ps --filter, -l, -n and the template fields; pause and unpause (the
/// cgroup freezer); top; diff; export; exec -d and --env-file.
#[test]
fn everyday_container_commands() {
    let env = with_busybox();
    env.ok(&[
        "run",
        "-d",
        "--name",
        "alpha",
        "-l",
        "team=a",
        BUSYBOX,
        "sh",
        "-c",
        "echo x > /tmp/new; rm /bin/vi; i=0; while :; do i=$((i+1)); echo $i > /tmp/t; sleep 0.05; done",
    ]);
    let beta = env.run(&[
        "run", "--name", "beta", "-l", "team=b", BUSYBOX, "sh", "-c", "exit 4",
    ]);
    assert_eq!(beta.status.code(), Some(4));
    env.ok(&["run", "-d", "--name", "gamma", BUSYBOX, "sleep", "60"]);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["ps", "--format", "{{.Names}}"];
        all.extend_from_slice(args);
        let mut v: Vec<String> = env.ok(&all).lines().map(String::from).collect();
        v.sort();
        v
    };
    assert_eq!(names(&[]), ["alpha", "gamma"]);
    assert_eq!(names(&["-f", "status=exited"]), ["beta"]);
    assert_eq!(names(&["-a", "-f", "label=team"]), ["alpha", "beta"]);
    assert_eq!(names(&["-a", "-f", "label=team=b"]), ["beta"]);
    assert_eq!(names(&["-f", "exited=4"]), ["beta"]);
    assert_eq!(names(&["-f", "name=amm"]), ["gamma"]);
    assert_eq!(
        names(&["-a", "-f", "ancestor=localhost/busybox"]),
        ["alpha", "beta", "gamma"]
    );
    assert_eq!(
        names(&["-f", "status=running", "-f", "label=team=a"]),
        ["alpha"]
    );
    assert_eq!(names(&["-l"]), ["gamma"]);
    assert_eq!(names(&["-n", "2"]), ["beta", "gamma"]);
    assert!(
        env.fails(&["ps", "-f", "color=red"])
            .contains("invalid filter")
    );
    let row = env.ok(&[
        "ps",
        "-f",
        "name=alpha",
        "--format",
        "{{.Labels}}|{{.Networks}}|{{.RunningFor}}",
    ]);
    assert!(row.starts_with("team=a|bridge|"), "{row}");
    let created = env.ok(&["ps", "-f", "name=alpha", "--format", "{{.CreatedAt}}"]);
    assert!(
        chrono::NaiveDateTime::parse_from_str(
            created.trim().trim_end_matches(" +0000 UTC"),
            "%Y-%m-%d %H:%M:%S"
        )
        .is_ok(),
        "{created}"
    );
    // pause: nothing runs until unpause; exec is refused meanwhile.
    env.ok(&["pause", "alpha"]);
    assert_eq!(
        inspect_field(&env, "alpha", "{{.State.Status}} {{.State.Paused}}"),
        "paused true"
    );
    assert!(
        env.ok(&["ps", "-f", "name=alpha", "--format", "{{.Status}}"])
            .contains("(Paused)")
    );
    let stamp = || env.ok(&["cp", "alpha:/tmp/t", "-"]);
    let (a, _) = (
        stamp(),
        std::thread::sleep(std::time::Duration::from_millis(400)),
    );
    assert_eq!(stamp(), a, "a paused container ran");
    assert!(env.fails(&["exec", "alpha", "true"]).contains("paused"));
    env.ok(&["unpause", "alpha"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_ne!(stamp(), a, "an unpaused container is still frozen");
    // top lists its processes; diff its changes; export its files.
    let top = env.ok(&["top", "alpha"]);
    assert!(
        top.starts_with("UID") && top.contains("sh -c echo x"),
        "{top}"
    );
    let diff = env.ok(&["diff", "alpha"]);
    for line in ["C /bin", "D /bin/vi", "C /tmp", "A /tmp/new", "A /tmp/t"] {
        assert!(diff.lines().any(|l| l == line), "{line} missing in {diff}");
    }
    assert!(!diff.contains("/etc/hosts"), "{diff}");
    let out = env
        .cmd(&["export", "alpha"])
        .stdout(std::process::Stdio::piped())
        .output()
        .unwrap();
    let entries: Vec<String> = tar::Archive::new(&out.stdout[..])
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(entries.iter().any(|e| e == "tmp/new") && entries.iter().any(|e| e == "bin/busybox"));
    assert!(
        !entries.iter().any(|e| e == "bin/vi"),
        "a deleted file was exported"
    );
    // exec -d returns at once; --env-file sets the environment.
    let envs = env.path("exec.env");
    std::fs::write(&envs, "# comment\nFROM_FILE=yes\n").unwrap();
    let t = std::time::Instant::now();
    env.ok(&[
        "exec",
        "-d",
        "gamma",
        "sh",
        "-c",
        "sleep 1; echo done > /tmp/detached",
    ]);
    assert!(
        t.elapsed() < std::time::Duration::from_millis(900),
        "exec -d waited"
    );
    assert_eq!(
        env.ok(&[
            "exec",
            "--env-file",
            envs.to_str().unwrap(),
            "gamma",
            "sh",
            "-c",
            "echo $FROM_FILE"
        ]),
        "yes\n"
    );
    std::thread::sleep(std::time::Duration::from_millis(1300));
    assert_eq!(env.ok(&["exec", "gamma", "cat", "/tmp/detached"]), "done\n");
    // A paused container is thawed to be removed.
    env.ok(&["pause", "gamma"]);
    for c in ["alpha", "beta", "gamma"] {
        env.ok(&["rm", "-f", c]);
    }
    assert_clean(&env);
}

/// inspect's docker shape (Config from the image and the run, HostConfig
/// binds and port bindings, empty strings where docker has them) and
/// --type; every verb under `container`; a closed pipe ends ccr quietly.
#[test]
fn inspect_shape_container_verbs_and_closed_pipes() {
    let env = with_busybox();
    let dir = env.path("bind");
    std::fs::create_dir_all(&dir).unwrap();
    let port = free_port().to_string();
    let v = format!("{}:/h:ro", dir.display());
    let p = format!("{port}:80");
    env.ok(&[
        "container",
        "run",
        "-d",
        "--name",
        "shape",
        "-e",
        "A=1",
        "-v",
        &v,
        "-p",
        &p,
        BUSYBOX,
        "sleep",
        "60",
    ]);
    let j = json(&env.ok(&["inspect", "--type", "container", "shape"]))[0].clone();
    assert_eq!(j["Config"]["Cmd"], serde_json::json!(["sleep", "60"]));
    assert_eq!(j["Config"]["WorkingDir"], "");
    assert_eq!(j["Config"]["User"], "");
    assert!(
        j["Config"]["Env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "A=1")
    );
    assert!(
        j["Config"]["Env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().starts_with("PATH=")),
        "the image's env is merged"
    );
    assert_eq!(j["Config"]["Hostname"], j["Id"].as_str().unwrap()[..12]);
    assert_eq!(j["HostConfig"]["Binds"], serde_json::json!([v]));
    assert_eq!(
        j["HostConfig"]["PortBindings"]["80/tcp"][0]["HostPort"],
        port
    );
    assert_eq!(j["State"]["Paused"], false);
    assert!(
        env.fails(&["inspect", "--type", "image", "shape"])
            .contains("no such object")
    );
    assert!(
        env.fails(&["inspect", "--type", "container", BUSYBOX])
            .contains("no such object")
    );
    assert!(json(&env.ok(&["inspect", "--type", "image", BUSYBOX]))[0]["Id"].is_string());
    // The container verbs.
    assert_eq!(
        env.ok(&["container", "ls", "--format", "{{.Names}}"])
            .trim(),
        "shape"
    );
    env.ok(&["container", "exec", "shape", "true"]);
    env.ok(&["container", "stop", "-t", "1", "shape"]);
    env.ok(&["container", "start", "shape"]);
    assert!(env.ok(&["container", "top", "shape"]).contains("sleep 60"));
    assert!(env.ok(&["container", "port", "shape"]).contains(&port));
    // A reader that goes away: no panic, no error message.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "for i in 1 2 3 4 5 6 7 8; do {} inspect shape | head -c 1 >/dev/null; done",
            ccr_bin()
        ))
        .env("CCR_DATA_ROOT", env.data_root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    env.ok(&["container", "rm", "-f", "shape"]);
    assert_clean(&env);
}

#[test]
fn image_and_volume_filters() {
    let env = with_busybox();
    let ctx = env.path("labelled");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {BUSYBOX}\nLABEL team=core\nRUN true\n"),
    )
    .unwrap();
    env.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/labelled:1",
        ctx.to_str().unwrap(),
    ]);
    env.ok(&["tag", BUSYBOX, "localhost/other:2"]);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["images", "--format", "{{.Repository}}:{{.Tag}}"];
        all.extend_from_slice(args);
        env.ok(&all).lines().map(String::from).collect()
    };
    assert_eq!(names(&["-f", "label=team=core"]), ["localhost/labelled:1"]);
    assert_eq!(
        names(&["-f", "reference=localhost/other*"]),
        ["localhost/other:2"]
    );
    assert_eq!(
        names(&["-f", "reference=*:2", "-f", "reference=*:1"]).len(),
        2
    );
    assert!(
        names(&["-f", "since=localhost/other:2"]).contains(&"localhost/labelled:1".to_string())
    );
    assert!(names(&["-f", "dangling=true"]).is_empty());
    assert!(
        names(&[])
            .first()
            .is_some_and(|n| n == "localhost/labelled:1"),
        "newest first: {:?}",
        names(&[])
    );
    assert!(env.fails(&["images", "-f", "color=red"]).contains("filter"));
    env.ok(&["volume", "create", "--label", "k=v", "used"]);
    env.ok(&["volume", "create", "spare"]);
    env.ok(&[
        "create",
        "--name",
        "holder",
        "-v",
        "used:/data",
        BUSYBOX,
        "true",
    ]);
    let vols = |f: &str| {
        env.ok(&["volume", "ls", "-q", "-f", f])
            .lines()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(vols("dangling=true"), ["spare"]);
    assert_eq!(vols("label=k"), ["used"]);
    assert_eq!(vols("name=spa"), ["spare"]);
    // Prunes take filters too.
    env.ok(&["rm", "holder"]);
    env.ok(&["volume", "create", "--label", "keep=yes", "guarded"]);
    let pruned = env.ok(&["volume", "prune", "-f", "--filter", "label=k"]);
    assert!(
        pruned.contains("used") && !pruned.contains("spare") && !pruned.contains("guarded"),
        "{pruned}"
    );
    env.ok(&["create", "--name", "old-a", "-l", "tier=a", BUSYBOX, "true"]);
    env.ok(&["create", "--name", "old-b", BUSYBOX, "true"]);
    let pruned = env.ok(&["container", "prune", "-f", "--filter", "label=tier=a"]);
    assert_eq!(
        env.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(),
        "old-b",
        "{pruned}"
    );
    let none = env.ok(&["container", "prune", "-f", "--filter", "until=1h"]);
    assert_eq!(
        env.ok(&["ps", "-a", "--format", "{{.Names}}"]).trim(),
        "old-b",
        "until=1h pruned a new container: {none}"
    );
    env.ok(&["container", "prune", "-f", "--filter", "until=0s"]);
    assert!(env.ok(&["ps", "-a", "-q"]).trim().is_empty());
}

/// stats reads the cgroups: a busy loop shows CPU, a limit is the memory
/// limit, the processes are counted.
#[test]
fn stats_read_the_cgroups() {
    let env = with_busybox();
    env.ok(&[
        "run",
        "-d",
        "--name",
        "busy",
        "--memory",
        "64m",
        BUSYBOX,
        "sh",
        "-c",
        "sleep 60 & while :; do :; done",
    ]);
    env.ok(&["run", "-d", "--name", "idle", BUSYBOX, "sleep", "60"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = env.ok(&[
        "stats",
        "--no-stream",
        "--format",
        "{{json .}}",
        "busy",
        "idle",
    ]);
    let rows: Vec<serde_json::Value> = out.lines().map(json).collect();
    assert_eq!(rows.len(), 2, "{out}");
    let cpu = |r: &serde_json::Value| {
        r["CPUPerc"]
            .as_str()
            .unwrap()
            .trim_end_matches('%')
            .parse::<f64>()
            .unwrap()
    };
    assert!(
        cpu(&rows[0]) > 30.0,
        "a busy loop at {}",
        rows[0]["CPUPerc"]
    );
    assert!(cpu(&rows[1]) < 10.0, "sleep at {}", rows[1]["CPUPerc"]);
    assert!(
        rows[0]["MemUsage"].as_str().unwrap().ends_with("/ 64MiB"),
        "{}",
        rows[0]["MemUsage"]
    );
    assert_eq!(rows[0]["PIDs"], "2");
    // Refusals: devices are not passed through; a --rm container gets no
    // restart policy; a bad size is named.
    assert!(
        env.fails(&["run", "--rm", "--gpus", "all", BUSYBOX, "true"])
            .contains("not supported")
    );
    env.ok(&[
        "run", "-d", "--rm", "--name", "gone", BUSYBOX, "sleep", "60",
    ]);
    assert!(
        env.fails(&["update", "--restart", "always", "gone"])
            .contains("auto-remove is enabled")
    );
    assert!(
        env.fails(&["update", "--memory", "lots", "busy"])
            .contains("invalid --memory")
    );
    env.ok(&["rm", "-f", "gone"]);
    // update changes a running container's cgroups at once.
    env.ok(&["update", "--memory", "48m", "--pids-limit", "20", "busy"]);
    let out = env.ok(&["stats", "--no-stream", "--format", "{{.MemUsage}}", "busy"]);
    assert!(out.trim().ends_with("/ 48MiB"), "{out}");
    assert_eq!(
        inspect_field(&env, "busy", "{{.HostConfig.PidsLimit}}"),
        "20"
    );
    let table = env.ok(&["stats", "--no-stream"]);
    assert!(
        table.starts_with("CONTAINER ID") && table.contains("busy") && table.contains("idle"),
        "{table}"
    );
    for c in ["busy", "idle"] {
        env.ok(&["rm", "-f", c]);
    }
    assert_clean(&env);
}

/// Anonymous volumes (`-v /path`, an image's VOLUME), `--mount`,
/// `--volumes-from`, and `rm -v` / `run --rm` removing the anonymous ones.
#[test]
fn anonymous_volumes_mounts_and_volumes_from() {
    let env = with_busybox();
    let ctx = env.path("withvol");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {BUSYBOX}\nRUN mkdir /data && echo seeded > /data/f\nVOLUME /data\n"),
    )
    .unwrap();
    env.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/withvol:1",
        ctx.to_str().unwrap(),
    ]);
    let vols = || -> Vec<String> {
        env.ok(&["volume", "ls", "-q"])
            .lines()
            .map(String::from)
            .collect()
    };
    // The image's VOLUME: an anonymous volume, filled from the image.
    assert_eq!(
        env.ok(&["run", "--rm", "localhost/withvol:1", "cat", "/data/f"]),
        "seeded\n"
    );
    assert!(
        vols().is_empty(),
        "run --rm left its anonymous volume: {:?}",
        vols()
    );
    let host = env.path("bound");
    std::fs::create_dir_all(&host).unwrap();
    let bind = format!("type=bind,source={},target=/bound,readonly", host.display());
    env.ok(&[
        "run", "-d", "--name", "owner", "-v", "/anon", "--mount", "type=volume,source=kept,target=/kept",
        "--mount", "type=tmpfs,target=/scratch,tmpfs-size=1m", "--mount", &bind, "localhost/withvol:1",
        "sh", "-c", "echo a > /anon/f; echo k > /kept/f; grep -q ' /scratch tmpfs' /proc/mounts && echo t > /anon/tmpfs; sleep 60",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(vols().len(), 3, "/anon, /data and kept: {:?}", vols());
    let out = env.ok(&[
        "run",
        "--rm",
        "--volumes-from",
        "owner:ro",
        BUSYBOX,
        "sh",
        "-c",
        "cat /anon/f /kept/f /data/f /anon/tmpfs; touch /anon/x 2>/dev/null || echo read-only",
    ]);
    assert_eq!(out, "a\nk\nseeded\nt\nread-only\n");
    assert!(
        env.run(&["exec", "owner", "touch", "/bound/x"])
            .status
            .code()
            != Some(0),
        "a readonly bind is writable"
    );
    assert!(
        env.fails(&[
            "run",
            "--rm",
            "--mount",
            "type=bind,target=/x",
            BUSYBOX,
            "true"
        ])
        .contains("absolute source")
    );
    assert_eq!(
        vols().len(),
        3,
        "the --volumes-from run removed another's volumes"
    );
    env.ok(&["rm", "-f", "-v", "owner"]);
    assert_eq!(vols(), ["kept"], "rm -v keeps named volumes only");
    env.ok(&["volume", "rm", "kept"]);
    assert_clean(&env);
}

/// commit: the container's changes (a new file, a deletion) as a new
/// image that runs with them; its history says so.
#[test]
fn commit_makes_an_image_of_a_containers_changes() {
    let env = with_busybox();
    env.ok(&[
        "run",
        "-d",
        "--name",
        "changed",
        "-e",
        "MARK=set",
        BUSYBOX,
        "sh",
        "-c",
        "echo committed > /root/f; rm /bin/vi; sleep 60",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    let digest = env.ok(&[
        "commit",
        "-m",
        "my change",
        "-a",
        "Jane",
        "changed",
        "localhost/committed:1",
    ]);
    assert!(digest.trim().starts_with("sha256:"), "{digest}");
    let out = env.ok(&[
        "run",
        "--rm",
        "localhost/committed:1",
        "sh",
        "-c",
        "cat /root/f; test -e /bin/vi || echo gone; echo $MARK",
    ]);
    assert_eq!(out, "committed\ngone\nset\n");
    let history = env.ok(&[
        "history",
        "--format",
        "{{.CreatedBy}}|{{.Comment}}",
        "localhost/committed:1",
    ]);
    assert!(
        history.lines().next().unwrap() == "ccr commit changed|my change",
        "{history}"
    );
    assert_eq!(
        inspect_field(&env, "changed", "{{.State.Status}}"),
        "running",
        "commit left it paused"
    );
    // --change: Dockerfile instructions on the new image's config.
    env.ok(&[
        "commit",
        "--change",
        "CMD [\"cat\", \"/root/f\"]",
        "-c",
        "ENV MODE=prod",
        "-c",
        "LABEL team=core",
        "changed",
        "localhost/committed:2",
    ]);
    let out = env.ok(&["run", "--rm", "localhost/committed:2"]);
    assert_eq!(out, "committed\n");
    let img = json(&env.ok(&["image", "inspect", "localhost/committed:2"]));
    assert_eq!(img[0]["Config"]["Labels"]["team"], "core");
    assert!(
        img[0]["Config"]["Env"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "MODE=prod")
    );
    let err = env.fails(&[
        "commit",
        "--change",
        "RUN true",
        "changed",
        "localhost/committed:3",
    ]);
    assert!(err.contains("RUN cannot be applied here"), "{err}");
    env.ok(&["rm", "-f", "changed"]);
    assert_clean(&env);
}

/// events: what ccr did, past ones with --since/--until, new ones as they
/// come, filtered.
#[test]
fn events_record_what_happened() {
    let env = with_busybox();
    env.ok(&["network", "create", "evnet"]);
    assert_eq!(
        env.run(&[
            "run", "--rm", "--name", "ev1", BUSYBOX, "sh", "-c", "exit 3"
        ])
        .status
        .code(),
        Some(3)
    );
    let past = env.ok(&[
        "events",
        "--since",
        "1m",
        "--until",
        "0s",
        "--filter",
        "container=ev1",
        "--format",
        "{{.Action}}",
    ]);
    assert_eq!(
        past.lines().collect::<Vec<_>>(),
        ["create", "start", "die", "destroy"],
        "{past}"
    );
    let die = env.ok(&[
        "events",
        "--since",
        "1m",
        "--until",
        "0s",
        "-f",
        "event=die",
        "--format",
        "{{json .}}",
    ]);
    assert_eq!(
        json(die.lines().next().unwrap())["Actor"]["Attributes"]["exitCode"],
        "3"
    );
    let nets = env.ok(&[
        "events",
        "--since",
        "1m",
        "--until",
        "0s",
        "-f",
        "type=network",
        "--format",
        "{{.Action}} {{.Actor.Attributes.name}}",
    ]);
    assert_eq!(nets.trim(), "create evnet");
    // Following: a container started after `events` began shows up.
    struct Killed(std::process::Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut follow = Killed(
        env.cmd(&[
            "events",
            "-f",
            "event=start",
            "--format",
            "{{.Actor.Attributes.name}}",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap(),
    );
    std::thread::sleep(std::time::Duration::from_millis(300));
    env.ok(&["run", "--rm", "--name", "ev2", BUSYBOX, "true"]);
    let mut line = String::new();
    let mut out = std::io::BufReader::new(follow.0.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut out, &mut line).unwrap();
    assert_eq!(line.trim(), "ev2");
    drop(follow);
    env.ok(&["network", "rm", "evnet"]);
}

/// start -a and attach: the container's output until it exits, and its
/// exit code; start -i is refused plainly.
#[test]
fn start_attached_and_attach() {
    let env = with_busybox();
    env.ok(&[
        "create",
        "--name",
        "att",
        BUSYBOX,
        "sh",
        "-c",
        "echo one; sleep 0.3; echo two; exit 5",
    ]);
    let out = env.run(&["start", "-a", "att"]);
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "one\ntwo\n");
    env.ok(&[
        "run",
        "-d",
        "--name",
        "later",
        BUSYBOX,
        "sh",
        "-c",
        // Long enough for attach to be there first on a loaded machine
        // (output written before it attaches is not replayed, as docker).
        "sleep 2; echo late; exit 6",
    ]);
    let out = env.run(&["attach", "later"]);
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "late\n");
    assert!(
        env.fails(&["attach", "later"])
            .contains("stopped container")
    );
    env.ok(&["rm", "att", "later"]);

    // Input: a detached -i container reads what attach sends, until the
    // detach keys, which leave it running.
    env.ok(&[
        "run",
        "-d",
        "-i",
        "--name",
        "reader",
        "--network",
        "none",
        BUSYBOX,
        "sh",
        "-c",
        "while read l; do echo \"got $l\"; done; echo eof",
    ]);
    let attach = |args: &[&str], input: &[u8]| {
        use std::io::Write;
        let mut c = env.cmd(args);
        c.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = c.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = attach(&["attach", "reader"], b"one\ntwo\n\x10\x11");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read escape sequence"));
    let out = attach(
        &["attach", "--detach-keys", "ctrl-x,a", "reader"],
        b"three\n\x18a",
    );
    assert_eq!(out.status.code(), Some(0));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        inspect_field(&env, "reader", "{{.State.Status}}"),
        "running"
    );
    assert_eq!(env.ok(&["logs", "reader"]), "got one\ngot two\ngot three\n");
    assert!(
        env.fails(&["attach", "--detach-keys", "alt-q", "reader"])
            .contains("--detach-keys")
    );
    env.ok(&["rm", "-f", "reader"]);
    // start -a -i: input from the start, the container's exit code.
    env.ok(&[
        "create",
        "-i",
        "--name",
        "once",
        "--network",
        "none",
        BUSYBOX,
        "sh",
        "-c",
        "read l; echo \"first: $l\"; exit 3",
    ]);
    let out = attach(&["start", "-a", "-i", "once"], b"hello\n");
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "first: hello\n");
    // run -it: the detach keys leave the shell running (what it was told
    // before stays told); attach brings its terminal back, input and all,
    // until it exits with its own code.
    let out = attach(
        &[
            "run",
            "-it",
            "--name",
            "term",
            "--network",
            "none",
            BUSYBOX,
            "sh",
        ],
        b"X=41\n\x10\x11",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read escape sequence"));
    assert_eq!(inspect_field(&env, "term", "{{.State.Status}}"), "running");
    // Two clients at once see the same terminal; one detaches with its own keys.
    let out = attach(
        &["attach", "--detach-keys", "ctrl-x,a", "term"],
        b"echo first-$((X+1))\n\x18a",
    );
    assert_eq!(out.status.code(), Some(0));
    let out = attach(&["attach", "term"], b"echo got-$((X+2))\nexit 4\n");
    assert_eq!(out.status.code(), Some(4));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\r\ngot-43\r\n"), "{text:?}");
    let logs = env.ok(&["logs", "term"]);
    assert!(
        logs.contains("first-42") && logs.contains("got-43"),
        "{logs:?}"
    );
    assert!(env.fails(&["attach", "term"]).contains("stopped container"));
    // start -a -i of a -t container: its terminal from the first byte.
    env.ok(&[
        "create",
        "-it",
        "--name",
        "tstart",
        "--network",
        "none",
        BUSYBOX,
        "sh",
        "-c",
        "echo early; read l; echo \"line: $l\"; exit 5",
    ]);
    let out = attach(&["start", "-a", "-i", "tstart"], b"typed\n");
    assert_eq!(out.status.code(), Some(5));
    let text = String::from_utf8_lossy(&out.stdout);
    // (The terminal echoes what was typed, also before the shell ran.)
    assert!(text.contains("early\r\n"), "{text:?}");
    assert!(text.contains("line: typed\r\n"), "{text:?}");
    env.ok(&["rm", "-f", "once", "term", "tstart"]);
    assert_clean(&env);
}

/// A name, alias or host name is one token on a line of other containers'
/// /etc/hosts: a newline in one (`--name $'evil\n6.6.6.6 victim.example'`)
/// once wrote lines into every container on the network. docker's name
/// rule holds for run, create and compose; nothing is left behind.
#[test]
fn names_that_would_write_lines_into_hosts_files_are_refused() {
    let env = with_busybox();
    env.ok(&["network", "create", "namenet"]);
    env.ok(&[
        "run",
        "-d",
        "--network",
        "namenet",
        "--name",
        "peer",
        BUSYBOX,
        "sleep",
        "60",
    ]);
    let hosts = || env.ok(&["exec", "peer", "cat", "/etc/hosts"]);
    let before = hosts();
    let evil = "evil\n6.6.6.6 victim.example";
    for args in [
        vec![
            "run",
            "-d",
            "--network",
            "namenet",
            "--name",
            evil,
            BUSYBOX,
            "sleep",
            "60",
        ],
        vec!["create", "--network", "namenet", "--name", evil, BUSYBOX],
        vec!["run", "-d", "--network", "namenet", "--name", "a", BUSYBOX],
        vec![
            "run",
            "-d",
            "--network",
            "namenet",
            "--hostname",
            evil,
            BUSYBOX,
            "sleep",
            "60",
        ],
        vec![
            "run",
            "-d",
            "--network",
            "namenet",
            "--network-alias",
            evil,
            BUSYBOX,
            "sleep",
            "60",
        ],
        vec![
            "run",
            "-d",
            "--network",
            "namenet",
            "--add-host",
            "victim.example 6.6.6.6:1.2.3.4",
            BUSYBOX,
            "sleep",
            "60",
        ],
        vec![
            "run",
            "-d",
            "--network",
            "namenet",
            "--add-host",
            "x:6.6.6.6\nvictim",
            BUSYBOX,
            "sleep",
            "60",
        ],
        vec![
            "run",
            "-d",
            "--network",
            "namenet",
            "--dns-search",
            "a\nnameserver 6.6.6.6",
            BUSYBOX,
            "sleep",
            "60",
        ],
    ] {
        let err = env.fails(&args);
        assert!(err.contains("invalid"), "{args:?}: {err}");
    }
    let ps = env.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(ps.trim(), "peer", "a refused container was left: {ps}");
    // A compose service key on an external network.
    let dir = env.path("evilproj");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("compose.yaml"),
        "services:\n  \"evil\\n6.6.6.6 victim.example\":\n    image: localhost/busybox:test\n    command: sleep 60\n    networks: [namenet]\nnetworks:\n  namenet:\n    external: true\n",
    )
    .unwrap();
    let out = env
        .cmd(&[
            "compose",
            "-f",
            dir.join("compose.yaml").to_str().unwrap(),
            "up",
            "-d",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let ps = env.ok(&["ps", "-a", "--format", "{{.Names}}"]);
    assert_eq!(ps.trim(), "peer", "{ps}");
    let after = hosts();
    assert_eq!(before, after);
    assert!(!after.contains("victim"), "{after}");
    env.ok(&["rm", "-f", "peer"]);
    env.ok(&["network", "rm", "namenet"]);
}

/// A container's process starts with no signal ignored or blocked, as
/// under docker and runc, whatever ccr ignores (SIGPIPE, as Rust starts)
/// or was started with (`nohup` ignores SIGHUP): `yes | head` ends.
#[test]
fn container_processes_start_with_default_signals() {
    use std::os::unix::process::CommandExt;
    let env = with_busybox();
    // grep itself, not under a shell (busybox sh ignores SIGQUIT for its children).
    let status = ["grep", "-E", "^Sig(Ign|Blk)", "/proc/self/status"];
    let zero = "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n";
    assert_eq!(
        env.ok(&[&["run", "--rm", BUSYBOX][..], &status].concat()),
        zero
    );
    env.ok(&["run", "-d", "--name", "sigs", BUSYBOX, "sleep", "60"]);
    assert_eq!(env.ok(&[&["exec", "sigs"][..], &status].concat()), zero);
    assert_eq!(
        env.ok(&[
            "exec",
            "sigs",
            "grep",
            "-E",
            "^Sig(Ign|Blk)",
            "/proc/1/status"
        ]),
        zero
    );
    env.ok(&["rm", "-f", "sigs"]);
    // Started the way nohup starts a program: SIGHUP ignored.
    let mut cmd = env.cmd(&[&["run", "--rm", BUSYBOX][..], &status].concat());
    // SAFETY: signal() is async-signal-safe; nothing else runs before exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGHUP, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), zero);
    // A pipe whose reader leaves ends its writer.
    let started = std::time::Instant::now();
    assert_eq!(
        env.ok(&[
            "run",
            "--rm",
            BUSYBOX,
            "sh",
            "-c",
            "yes | head -c 1000000 | wc -c"
        ])
        .trim(),
        "1000000"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

/// Runs ccr and returns its output and its peak resident memory in KiB
/// (from wait4, for this one process).
fn with_peak_memory(env: &Env, args: &[&str]) -> (std::process::Output, i64) {
    use std::io::Read;
    let mut child = env
        .cmd(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = Vec::new();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        stdout.read_to_end(&mut b).unwrap();
        b
    });
    let mut err = Vec::new();
    child.stderr.take().unwrap().read_to_end(&mut err).unwrap();
    out.extend(reader.join().unwrap());
    let mut status = 0;
    // SAFETY: a zeroed rusage, the child's own pid.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid);
    use std::os::unix::process::ExitStatusExt;
    (
        std::process::Output {
            status: std::process::ExitStatus::from_raw(status),
            stdout: out,
            stderr: err,
        },
        usage.ru_maxrss,
    )
}

/// docker's json-file rotation (`--log-opt max-size`, `max-file`), and
/// `logs` in bounded memory whatever the log's size: `--tail` reads from
/// the end, the rest streams.
#[test]
fn logs_rotate_and_are_read_in_bounded_memory() {
    let env = with_busybox();
    env.ok(&[
        "run",
        "--name",
        "rot",
        "--log-opt",
        "max-size=10k",
        "--log-opt",
        "max-file=3",
        BUSYBOX,
        "sh",
        "-c",
        "i=0; while [ $i -lt 3000 ]; do echo line-$i; i=$((i+1)); done; sleep 0.3; echo err-end >&2",
    ]);
    let log = std::path::PathBuf::from(env.ok(&["inspect", "-f", "{{.LogPath}}", "rot"]).trim());
    let rotated = |i: u32| std::path::PathBuf::from(format!("{}.{i}", log.display()));
    assert!(log.exists() && rotated(1).exists() && rotated(2).exists());
    assert!(!rotated(3).exists(), "more files than max-file");
    for p in [log.clone(), rotated(1), rotated(2)] {
        assert!(
            std::fs::metadata(&p).unwrap().len() <= 10 * 1024,
            "{}",
            p.display()
        );
    }
    // What is kept is the newest records, in order, across the files.
    let out = env.run(&["logs", "rot"]);
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.last().unwrap(), "line-2999");
    let first: usize = lines[0].trim_start_matches("line-").parse().unwrap();
    assert!(first > 0, "nothing was rotated away");
    let expected: Vec<String> = (first..3000).map(|i| format!("line-{i}")).collect();
    assert_eq!(lines, expected);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err-end\n");
    // --tail counts both streams' records, as docker does.
    let out = env.run(&["logs", "--tail", "3", "rot"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "line-2998\nline-2999\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "err-end\n");
    assert!(
        env.fails(&["run", "--log-opt", "max-size=big", BUSYBOX, "true"])
            .contains("max-size")
    );
    assert!(
        env.fails(&["run", "--log-driver", "syslog", BUSYBOX, "true"])
            .contains("json-file")
    );
    assert!(
        env.fails(&["run", "--log-opt", "nope=1", BUSYBOX, "true"])
            .contains("nope")
    );

    // Followed while the log is truncated in place (max-file=1).
    env.ok(&[
        "run",
        "-d",
        "--name",
        "trunc",
        "--log-opt",
        "max-size=2k",
        "--log-opt",
        "max-file=1",
        BUSYBOX,
        "sh",
        "-c",
        "i=0; while [ $i -lt 300 ]; do echo tick-$i; i=$((i+1)); sleep 0.005; done",
    ]);
    let followed = env.run(&["logs", "-f", "trunc"]);
    let text = String::from_utf8_lossy(&followed.stdout);
    assert!(text.ends_with("tick-299\n"), "{text}");
    env.ok(&["rm", "-f", "trunc"]);
    // A 320 MiB log (written here, as a container writing it would).
    env.ok(&[
        "create",
        "--name",
        "big",
        "--log-opt",
        "max-size=-1",
        BUSYBOX,
        "true",
    ]);
    let big = std::path::PathBuf::from(env.ok(&["inspect", "-f", "{{.LogPath}}", "big"]).trim());
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let filler = "x".repeat(1000);
        for i in 0..320_000 {
            writeln!(
                f,
                r#"{{"log":"{i} {filler}\n","stream":"stdout","time":"2026-12-01T00:00:00.000000000Z"}}"#
            )
            .unwrap();
        }
        writeln!(
            f,
            r#"{{"log":"the end\n","stream":"stderr","time":"2026-12-01T00:00:01.000000000Z"}}"#
        )
        .unwrap();
    }
    let (out, peak) = with_peak_memory(&env, &["logs", "--tail", "1", "big"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "the end\n");
    assert!(out.stdout.is_empty());
    assert!(peak < 64 * 1024, "logs --tail 1 peaked at {peak} KiB");
    let (out, peak) = with_peak_memory(&env, &["logs", "--tail", "2", "big"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("319999 x"));
    assert!(peak < 64 * 1024, "logs --tail 2 peaked at {peak} KiB");
    let mut child = env
        .cmd(&["logs", "big"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0i64;
    while child.try_wait().unwrap().is_none() {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/status"))
            && let Some(kb) = s.lines().find_map(|l| l.strip_prefix("VmHWM:"))
        {
            peak = peak.max(
                kb.trim()
                    .trim_end_matches(" kB")
                    .trim()
                    .parse()
                    .unwrap_or(0),
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(peak < 64 * 1024, "logs peaked at {peak} KiB");
    env.ok(&["rm", "-f", "rot", "big"]);
}

/// `-p CONTAINER_PORT` and `-P` publish on free host ports, chosen when the
/// container is made and shown by `port`; a malformed mapping is refused
/// before anything is made.
#[test]
fn unpublished_host_ports_are_chosen_free() {
    let env = with_busybox();
    env.ok(&[
        "create",
        "--name",
        "rand",
        "-p",
        "80",
        "-p",
        "127.0.0.1::81/udp",
        "--expose",
        "90",
        "-P",
        BUSYBOX,
        "true",
    ]);
    let shown = env.ok(&["port", "rand"]);
    let mut seen = Vec::new();
    for l in shown.lines() {
        let (ctr, host) = l.split_once(" -> ").unwrap_or_else(|| panic!("{shown}"));
        let port: u16 = host.rsplit(':').next().unwrap().parse().unwrap();
        assert_ne!(port, 0, "{shown}");
        seen.push((
            ctr.to_string(),
            host.rsplit_once(':').unwrap().0.to_string(),
        ));
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            ("80/tcp".to_string(), "0.0.0.0".to_string()),
            ("81/udp".to_string(), "127.0.0.1".to_string()),
            ("90/tcp".to_string(), "0.0.0.0".to_string()),
        ],
        "{shown}"
    );
    let err = env.fails(&["create", "-p", "1:2:3:4", BUSYBOX, "true"]);
    assert!(err.contains("invalid port mapping"), "{err}");
    let err = env.fails(&["create", "-p", "0", BUSYBOX, "true"]);
    assert!(err.contains("ports are numbers from 1 to 65535"), "{err}");
    assert_eq!(
        env.ok(&["ps", "-aq"]).lines().count(),
        1,
        "nothing else was made"
    );
}
