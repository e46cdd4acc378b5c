//! `ccr compose` running real projects: the examples in compose-examples/,
//! real containers, a real local registry, cosign as the peer that checks
//! signatures.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::*;

const BASE: &str = "localhost/busybox:latest";
const PW: &str = "compose-test-password";

/// A copy of `compose-examples/<name>` in `env`'s directory.
fn example(env: &Env, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("compose-examples")
        .join(name);
    let to = env.path(name);
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(&from).unwrap().flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
    to
}

/// `ccr compose ARGS` in `dir` with `vars` set.
fn compose(env: &Env, dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c: Command = env.cmd(&[&["compose"][..], args].concat());
    c.current_dir(dir).env("COSIGN_PASSWORD", PW);
    for (k, v) in vars {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed ({:?}):\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field(env: &Env, name: &str, template: &str) -> String {
    env.ok(&["inspect", "--format", template, name])
        .trim()
        .to_string()
}

fn http(port: u16) -> String {
    let out = Command::new("curl")
        .args([
            "-s",
            "--max-time",
            "5",
            &format!("http://127.0.0.1:{port}/"),
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What `http(port)` answers once it answers what `done` accepts: `up -d`
/// returns once the containers started (as docker compose's does), and a
/// server in one may take a moment more to listen. At most 15 s.
fn http_once(port: u16, done: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let got = http(port);
        if done(&got) || std::time::Instant::now() > deadline {
            return got;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// What the host holds for `env`'s containers and networks: container
/// states, network namespaces named after them, bridges of its networks.
fn leftovers(env: &Env, bridges: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let states = std::fs::read_dir(env.data_root().join("containers"))
        .map(|d| d.count())
        .unwrap_or(0);
    if states > 0 {
        out.push(format!("{states} container states"));
    }
    for b in bridges {
        if Path::new("/sys/class/net").join(b).exists() {
            out.push(format!("bridge {b}"));
        }
    }
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
    if mounts.contains(env.data_root().to_str().unwrap()) {
        out.push("a mount".into());
    }
    out
}

/// A cosign key pair in `dir`, and the base image pushed to `reg` signed
/// with it (a build verifying its base under the same key finds it so).
fn keys_and_signed_base(env: &Env, reg: &Registry, dir: &Path) -> String {
    let keys = env
        .cmd(&["key", "generate", "--output-key-prefix", "cosign"])
        .current_dir(dir)
        .env("COSIGN_PASSWORD", PW)
        .output()
        .unwrap();
    assert!(
        keys.status.success(),
        "{}",
        String::from_utf8_lossy(&keys.stderr)
    );
    let base = format!("{}/base/busybox:1", reg.host());
    env.ok(&["tag", BASE, &base]);
    let key = dir.join("cosign.key");
    let signed = env
        .cmd(&[
            "push",
            "-q",
            "--sign=cosign",
            "--cosign-key",
            key.to_str().unwrap(),
            &base,
        ])
        .env("COSIGN_PASSWORD", PW)
        .output()
        .unwrap();
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    base
}

fn cosign_verify(key: &Path, image: &str) -> Output {
    cosign("trixie")
        .args([
            "verify",
            "--key",
            key.to_str().unwrap(),
            "--insecure-ignore-tlog=true",
            "--allow-http-registry",
            image,
        ])
        .output()
        .unwrap()
}

/// The seeds' two-service project: built, pushed with svc0 signed, cosign
/// accepts svc0 (and finds no signature on svc1), a fresh machine pulls
/// and runs both with svc0 verified; a tampered svc0 starts nothing.
#[test]
fn the_seeds_signed_two_service_project() {
    let reg = Registry::start();
    let a = Env::new();
    a.busybox(BASE);
    let dir = example(&a, "signed-services");
    let base = keys_and_signed_base(&a, &reg, &dir);
    let (p0, p1) = (free_port().to_string(), free_port().to_string());
    let host = reg.host();
    let vars = [
        ("REGISTRY", host.as_str()),
        ("BASE_IMAGE", base.as_str()),
        ("SVC0_PORT", p0.as_str()),
        ("SVC1_PORT", p1.as_str()),
    ];
    let built = compose(&a, &dir, &vars, &["build"]);
    let log = String::from_utf8_lossy(&built.stderr).into_owned();
    assert!(built.status.success(), "{log}");
    assert!(
        log.contains("svc0_image  Built") && log.contains("svc1_image  Built"),
        "{log}"
    );
    let pushed = compose(&a, &dir, &vars, &["push"]);
    let log = String::from_utf8_lossy(&pushed.stderr).into_owned();
    assert!(pushed.status.success(), "{log}");
    assert_eq!(
        log.matches("Signed").count(),
        1,
        "only svc0 is signed: {log}"
    );
    let svc0 = format!("{host}/svc0_image");
    let svc1 = format!("{host}/svc1_image");
    let v0 = cosign_verify(&dir.join("cosign.pub"), &svc0);
    assert!(
        v0.status.success(),
        "cosign refuses svc0: {}",
        String::from_utf8_lossy(&v0.stderr)
    );
    let v1 = cosign_verify(&dir.join("cosign.pub"), &svc1);
    assert!(!v1.status.success(), "svc1 was never signed");

    // A fresh machine: pull (svc0 verified), up, both answer.
    let b = Env::new();
    let out = compose(&b, &dir, &vars, &["pull"]);
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("Verified signature (cosign)"), "{log}");
    ok(compose(&b, &dir, &vars, &["up", "-d"]));
    // `up -d` returns once the containers started; the servers may take a
    // moment more to listen.
    let arch = |got: &str| got.trim() == std::env::consts::ARCH;
    assert_eq!(
        http_once(p0.parse().unwrap(), arch).trim(),
        std::env::consts::ARCH
    );
    assert_eq!(
        http_once(p1.parse().unwrap(), arch).trim(),
        std::env::consts::ARCH
    );
    ok(compose(&b, &dir, &vars, &["down"]));

    // svc0's tag now names an image nobody signed: up refuses before it
    // creates anything, although svc0's old image is still local.
    let evil = a.path("evil");
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(evil.join("x"), "tampered").unwrap();
    let tar = a.path("evil.tar");
    assert!(
        Command::new("tar")
            .arg("-C")
            .arg(&evil)
            .arg("-cf")
            .arg(&tar)
            .arg("x")
            .status()
            .unwrap()
            .success()
    );
    a.ok(&["import", tar.to_str().unwrap(), &format!("{svc0}:latest")]);
    a.ok(&["push", "-q", &format!("{svc0}:latest")]);
    let refused = compose(&b, &dir, &vars, &["up", "-d"]);
    assert_eq!(refused.status.code(), Some(1));
    let why = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(why.contains("no signature found"), "{why}");
    assert!(
        b.ok(&["ps", "-a", "-q"]).trim().is_empty(),
        "a container was made"
    );
    assert_eq!(
        b.ok(&["network", "ls", "--format", "{{.Name}}"]).trim(),
        "bridge\nhost\nnone",
        "a network was made"
    );
    // An unsigned base image fails svc0's build (svc1's is not verified).
    let unsigned = format!("{host}/base/unsigned:1");
    a.ok(&["tag", BASE, &unsigned]);
    a.ok(&["push", "-q", &unsigned]);
    let c = Env::new();
    c.busybox(BASE);
    let vars2 = [
        ("REGISTRY", host.as_str()),
        ("BASE_IMAGE", unsigned.as_str()),
        ("SVC0_PORT", p0.as_str()),
        ("SVC1_PORT", p1.as_str()),
    ];
    let out = compose(&c, &dir, &vars2, &["build", "svc0"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no signature found"));
    ok(compose(&c, &dir, &vars2, &["build", "svc1"]));
}

/// finch's hello-finch walkthrough: build, push signed, run verified.
#[test]
fn the_hello_build_project_runs_verified() {
    let reg = Registry::start();
    let a = Env::new();
    a.busybox(BASE);
    let dir = example(&a, "hello-build");
    let base = keys_and_signed_base(&a, &reg, &dir);
    let host = reg.host();
    let vars = [("REGISTRY", host.as_str()), ("BASE_IMAGE", base.as_str())];
    ok(compose(&a, &dir, &vars, &["build"]));
    ok(compose(&a, &dir, &vars, &["push"]));
    assert!(
        cosign_verify(&dir.join("cosign.pub"), &format!("{host}/hello-build"))
            .status
            .success()
    );
    let b = Env::new();
    let pulled = compose(&b, &dir, &vars, &["pull"]);
    assert!(String::from_utf8_lossy(&pulled.stderr).contains("Verified signature (cosign)"));
    let out = ok(compose(&b, &dir, &vars, &["run", "--rm", "hello"]));
    assert_eq!(
        out.trim(),
        format!(
            "Hello from ccr compose, running on {}",
            std::env::consts::ARCH
        )
    );
    assert!(
        b.ok(&["ps", "-a", "-q"]).trim().is_empty(),
        "run --rm left a container"
    );
}

/// The healthchecked app: the web front starts only once the database is
/// healthy and the migration finished; it reaches the database by name;
/// the worker is restarted on failure; a second `up` recreates nothing;
/// an edited service is recreated alone; `down -v` leaves nothing.
#[test]
fn dependencies_health_names_restarts_recreation_and_down() {
    let env = Env::new();
    env.busybox(BASE);
    let dir = example(&env, "healthchecked-app");
    let port = free_port().to_string();
    let vars = [("WEB_PORT", port.as_str()), ("DB_WARMUP", "2")];
    let up = compose(&env, &dir, &vars, &["--profile", "jobs", "up", "-d"]);
    let log = String::from_utf8_lossy(&up.stderr).into_owned();
    assert!(up.status.success(), "{log}");
    // What the front serves came from the database, by name, after the migration.
    assert_eq!(
        http_once(port.parse().unwrap(), |s| !s.is_empty()),
        "hello\ndb-ready\nmigrated\ndb-ready\n"
    );
    let first_healthy = {
        let v = json(&env.ok(&["inspect", "healthchecked-app-db-1"]));
        let log = v[0]["State"]["Health"]["Log"].as_array().unwrap().clone();
        log.iter()
            .find(|p| p["ExitCode"] == 0)
            .map(|p| p["End"].as_str().unwrap().to_string())
            .expect("a passing probe is logged")
    };
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    let web_started = field(&env, "healthchecked-app-web-1", "{{.State.StartedAt}}");
    let migrate_started = field(&env, "healthchecked-app-migrate-1", "{{.State.StartedAt}}");
    let migrate_finished = field(&env, "healthchecked-app-migrate-1", "{{.State.FinishedAt}}");
    assert!(
        at(&migrate_started) >= at(&first_healthy),
        "migrate started before db was healthy"
    );
    assert!(
        at(&web_started) >= at(&migrate_finished),
        "web started before the migration ended"
    );
    assert_eq!(
        field(&env, "healthchecked-app-migrate-1", "{{.State.ExitCode}}"),
        "0"
    );
    // Labels as docker compose writes them.
    let labels =
        json(&env.ok(&["inspect", "healthchecked-app-web-1"]))[0]["Config"]["Labels"].clone();
    assert_eq!(labels["com.docker.compose.service"], "web");
    assert_eq!(labels["com.docker.compose.project"], "healthchecked-app");
    assert_eq!(labels["com.docker.compose.container-number"], "1");
    assert_eq!(labels["com.docker.compose.oneoff"], "False");
    assert_eq!(
        labels["com.docker.compose.config-hash"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    // The worker fails and is restarted twice.
    let end = std::time::Instant::now() + Duration::from_secs(20);
    while field(&env, "healthchecked-app-worker-1", "{{.State.Status}}") != "exited"
        && std::time::Instant::now() < end
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        field(&env, "healthchecked-app-worker-1", "{{.RestartCount}}"),
        "2"
    );
    assert_eq!(
        env.ok(&["logs", "healthchecked-app-worker-1"])
            .matches("working")
            .count(),
        3
    );

    let ids = |env: &Env| -> Vec<(String, String)> {
        env.ok(&["ps", "-a", "--format", "{{.Names}} {{.ID}}"])
            .lines()
            .map(|l| {
                let (n, id) = l.split_once(' ').unwrap();
                (n.to_string(), id.to_string())
            })
            .collect()
    };
    let before = ids(&env);
    let again = compose(&env, &dir, &vars, &["--profile", "jobs", "up", "-d"]);
    let log = String::from_utf8_lossy(&again.stderr).into_owned();
    assert!(again.status.success(), "{log}");
    assert!(
        !log.contains("Recreate") && !log.contains("Creating"),
        "{log}"
    );
    let mut same = ids(&env);
    same.sort();
    let mut b = before.clone();
    b.sort();
    assert_eq!(same, b, "a second up recreated something");
    // An edited service (its environment) is recreated, and nothing else.
    let edited = [
        ("WEB_PORT", port.as_str()),
        ("DB_WARMUP", "2"),
        ("GREETING", "bonjour"),
    ];
    let log =
        String::from_utf8_lossy(&compose(&env, &dir, &edited, &["up", "-d"]).stderr).into_owned();
    assert!(log.contains("healthchecked-app-web-1  Recreate"), "{log}");
    assert_eq!(log.matches("Recreate").count(), 1, "{log}");
    let served = http_once(port.parse().unwrap(), |s| !s.is_empty());
    assert!(served.starts_with("bonjour\n"), "{served}");
    let after = ids(&env);
    for (name, id) in &before {
        let now = after.iter().find(|(n, _)| n == name).map(|(_, i)| i);
        if name == "healthchecked-app-web-1" {
            assert_ne!(now, Some(id), "web was not recreated");
        } else {
            assert_eq!(now, Some(id), "{name} was recreated");
        }
    }
    // down -v: no container, network, namespace, address or volume.
    let bridge = json(&env.ok(&["network", "inspect", "healthchecked-app_default"]))[0]["Options"]
        ["com.docker.network.bridge.name"]
        .as_str()
        .unwrap()
        .to_string();
    let netns: Vec<String> = after
        .iter()
        .map(|(_, id)| format!("/run/netns/ccr-{}", &id[..12]))
        .collect();
    ok(compose(
        &env,
        &dir,
        &edited,
        &["--profile", "jobs", "down", "-v"],
    ));
    assert!(
        leftovers(&env, &[bridge]).is_empty(),
        "{:?}",
        leftovers(&env, &[])
    );
    for n in netns {
        assert!(!Path::new(&n).exists(), "{n} is left");
    }
    assert_eq!(
        env.ok(&["network", "ls", "--format", "{{.Name}}"]).trim(),
        "bridge\nhost\nnone"
    );
    assert!(
        env.ok(&["volume", "ls", "-q"]).trim().is_empty(),
        "a volume is left"
    );
    let ipam = env.data_root().join("cni/ipam/healthchecked-app_default");
    assert!(
        !ipam.exists(),
        "the network's addresses are still allocated"
    );
}

/// Attached `up --abort-on-container-exit`: the first container to exit
/// stops the rest, and its code is `up`'s; ps, logs with prefixes, ls.
#[test]
fn attached_up_aborts_on_the_first_exit() {
    let env = Env::new();
    env.busybox(BASE);
    let dir = env.path("attached");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("compose.yaml"),
        format!(
            "services:\n  quick:\n    image: {BASE}\n    command: [\"sh\", \"-c\", \"echo bye; sleep 0.5; exit 7\"]\n  long:\n    image: {BASE}\n    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo waiting; while :; do sleep 0.1; done\"]\n"
        ),
    )
    .unwrap();
    let out = compose(&env, &dir, &[], &["up", "--abort-on-container-exit"]);
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(stdout.contains("attached-quick-1  | bye"), "{stdout}");
    assert!(stdout.contains("attached-long-1   | waiting"), "{stdout}");
    assert_eq!(
        field(&env, "attached-long-1", "{{.State.Status}}"),
        "exited"
    );
    let ps = ok(compose(
        &env,
        &dir,
        &[],
        &[
            "ps",
            "-a",
            "--format",
            "{{.Service}} {{.State}} {{.ExitCode}}",
        ],
    ));
    let mut rows: Vec<&str> = ps.lines().collect();
    rows.sort();
    assert_eq!(rows, ["long exited 0", "quick exited 7"]);
    let ls = env.ok(&["compose", "ls", "-a", "--format", "json"]);
    assert!(json(&ls)[0]["Name"] == "attached", "{ls}");
    ok(compose(&env, &dir, &[], &["down"]));
    assert!(env.ok(&["ps", "-a", "-q"]).trim().is_empty());
}

/// The service keys that map to run features take effect in the
/// containers: secrets and configs, tmpfs, a read-only root, env files,
/// extra hosts, limits, capabilities, a shared network namespace, an
/// external network with aliases, scale; an unsupported key is warned of.
#[test]
fn service_fields_take_effect() {
    let env = Env::new();
    env.busybox(BASE);
    let dir = env.path("fields");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("token.txt"), "s3cret\n").unwrap();
    std::fs::write(dir.join("app.env"), "FROM_FILE=yes\nSHARED=file\n").unwrap();
    env.ok(&["network", "create", "outside"]);
    std::fs::write(
        dir.join("compose.yaml"),
        format!(
            r#"services:
  app:
    image: {BASE}
    command: ["sleep", "60"]
    read_only: true
    tmpfs: [/scratch]
    env_file: app.env
    environment:
      SHARED: environment
    secrets: [token]
    configs:
      - source: settings
        target: /etc/app.conf
    extra_hosts: ["db.example:10.9.8.7"]
    mem_limit: 48m
    pids_limit: 40
    cap_drop: [ALL]
    userns_mode: host
    networks:
      default: {{}}
      outside:
        aliases: [the-app]
  sidecar:
    image: {BASE}
    command: ["sleep", "60"]
    network_mode: "service:app"
  many:
    image: {BASE}
    command: ["sleep", "60"]
    stop_grace_period: 1s
    deploy:
      replicas: 3
secrets:
  token:
    file: ./token.txt
configs:
  settings:
    content: "level=debug\n"
networks:
  outside:
    external: true
"#
        ),
    )
    .unwrap();
    let up = compose(&env, &dir, &[], &["up", "-d"]);
    let log = String::from_utf8_lossy(&up.stderr).into_owned();
    assert!(up.status.success(), "{log}");
    assert!(
        log.contains("`userns_mode` is not supported by ccr and is ignored"),
        "{log}"
    );
    assert_eq!(log.matches("not supported").count(), 1, "{log}");
    let exec = |c: &str, cmd: &str| env.ok(&["exec", c, "sh", "-c", cmd]);
    let app = "fields-app-1";
    assert_eq!(exec(app, "cat /run/secrets/token"), "s3cret\n");
    assert_eq!(exec(app, "cat /etc/app.conf"), "level=debug\n");
    assert!(
        env.run(&["exec", app, "sh", "-c", "echo x > /run/secrets/token"])
            .status
            .code()
            != Some(0),
        "a secret is writable"
    );
    assert!(
        env.run(&["exec", app, "touch", "/root-is-ro"])
            .status
            .code()
            != Some(0),
        "the root is writable"
    );
    exec(app, "touch /scratch/ok");
    assert_eq!(exec(app, "echo $FROM_FILE $SHARED"), "yes environment\n");
    assert!(exec(app, "cat /etc/hosts").contains("10.9.8.7\tdb.example"));
    assert_eq!(
        field(&env, app, "{{.HostConfig.Memory}}"),
        (48 << 20).to_string()
    );
    assert_eq!(field(&env, app, "{{.HostConfig.PidsLimit}}"), "40");
    assert!(
        exec(app, "grep CapEff /proc/self/status")
            .trim()
            .ends_with("0000000000000000")
    );
    // The sidecar shares app's network namespace: the same interfaces and addresses.
    let addrs = |c: &str| exec(c, "ip -4 -o addr | awk '{print $2, $4}' | sort");
    assert_eq!(addrs("fields-sidecar-1"), addrs(app));
    assert_eq!(
        addrs(app).lines().count(),
        3,
        "lo, default and outside: {}",
        addrs(app)
    );
    // On the external network, a container there finds app by its alias.
    let out = env.ok(&[
        "run",
        "--rm",
        "--network",
        "outside",
        BASE,
        "sh",
        "-c",
        "grep the-app /etc/hosts | wc -l",
    ]);
    assert_eq!(out.trim(), "1");
    // Three replicas, numbered.
    let ps = ok(compose(
        &env,
        &dir,
        &[],
        &["ps", "--format", "{{.Name}}", "many"],
    ));
    let mut names: Vec<&str> = ps.lines().collect();
    names.sort();
    assert_eq!(names, ["fields-many-1", "fields-many-2", "fields-many-3"]);
    // Scaled down by --scale: the highest numbers go.
    ok(compose(&env, &dir, &[], &["up", "-d", "--scale", "many=1"]));
    let ps = ok(compose(
        &env,
        &dir,
        &[],
        &["ps", "--format", "{{.Name}}", "many"],
    ));
    assert_eq!(ps.trim(), "fields-many-1");
    ok(compose(&env, &dir, &[], &["down", "-t", "1"]));
    // The external network is not the project's to remove.
    assert!(
        env.ok(&["network", "ls", "--format", "{{.Name}}"])
            .contains("outside")
    );
    assert!(env.ok(&["ps", "-a", "-q"]).trim().is_empty());
    // A non-string x-nerdctl key is refused before anything is made.
    std::fs::write(
        dir.join("compose.yaml"),
        format!("services:\n  s:\n    image: {BASE}\n    x-nerdctl-verify: true\n"),
    )
    .unwrap();
    let out = compose(&env, &dir, &[], &["up", "-d"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x-nerdctl-verify: must be a string"));
    assert!(env.ok(&["ps", "-a", "-q"]).trim().is_empty());
    // A service that cannot start keeps its own error: the one a lone
    // container of it gets (its message, exit code and hint); the service
    // waiting on it does not start.
    std::fs::write(
        dir.join("compose.yaml"),
        format!(
            "services:\n  broken:\n    image: {BASE}\n    command: [\"/no/such/cmd\"]\n  after:\n    image: {BASE}\n    command: [\"sleep\", \"60\"]\n    depends_on: [broken]\n"
        ),
    )
    .unwrap();
    let out = compose(&env, &dir, &[], &["up", "-d"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let lone = env
        .cmd(&["run", "-d", BASE, "/no/such/cmd"])
        .output()
        .unwrap();
    let lone_err = String::from_utf8_lossy(&lone.stderr);
    assert_ne!(lone.status.code(), Some(0));
    assert_eq!(out.status.code(), lone.status.code(), "{err}\n{lone_err}");
    assert!(err.contains("ccr: error: service \"broken\": "), "{err}");
    assert!(err.contains("'/no/such/cmd' not found"), "{err}");
    assert!(lone_err.contains("'/no/such/cmd' not found"), "{lone_err}");
    assert_eq!(
        err.contains("hint: "),
        lone_err.contains("hint: "),
        "{err}\n{lone_err}"
    );
    assert!(
        !env.ok(&["ps", "--format", "{{.Names}}"]).contains("after"),
        "a service whose dependency failed started"
    );
    ok(compose(&env, &dir, &[], &["down", "-t", "1"]));
}

/// `up --wait` returns once every service is healthy; a dependency that is
/// not required and fails does not hold its dependent back; Ctrl-C on an
/// attached `up` stops the project.
#[test]
fn wait_optional_dependencies_and_ctrl_c() {
    let env = Env::new();
    env.busybox(BASE);
    let dir = env.path("waiting");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("compose.yaml"),
        format!(
            r#"services:
  slow:
    image: {BASE}
    command: ["sh", "-c", "sleep 1; touch /tmp/ok; trap 'exit 0' TERM; while :; do sleep 0.1; done"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ok"]
      interval: 100ms
      start_period: 10s
      start_interval: 100ms
  broken:
    image: {BASE}
    command: ["sh", "-c", "exit 3"]
  app:
    image: {BASE}
    command: ["sh", "-c", "trap 'exit 0' TERM; echo app-up; while :; do sleep 0.1; done"]
    depends_on:
      broken:
        condition: service_completed_successfully
        required: false
      slow:
        condition: service_healthy
"#
        ),
    )
    .unwrap();
    let t = std::time::Instant::now();
    let up = compose(&env, &dir, &[], &["up", "-d", "--wait", "slow"]);
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    assert!(
        t.elapsed() >= Duration::from_secs(1),
        "returned before slow was healthy"
    );
    assert_eq!(
        field(&env, "waiting-slow-1", "{{.State.Health.Status}}"),
        "healthy"
    );
    // app's optional dependency fails; app starts all the same.
    ok(compose(&env, &dir, &[], &["up", "-d"]));
    assert_eq!(field(&env, "waiting-app-1", "{{.State.Status}}"), "running");
    assert_eq!(field(&env, "waiting-broken-1", "{{.State.ExitCode}}"), "3");
    ok(compose(&env, &dir, &[], &["down"]));
    // Attached, then Ctrl-C: every container is stopped, none removed.
    let child = env
        .cmd(&["compose", "up", "app"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let end = std::time::Instant::now() + Duration::from_secs(20);
    while std::time::Instant::now() < end
        && env
            .run(&["inspect", "--format", "{{.State.Status}}", "waiting-app-1"])
            .stdout
            != b"running\n"
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
    rustix::process::kill_process(pid, rustix::process::Signal::INT).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("waiting-app-1 ") && l.ends_with("| app-up")),
        "{stdout}"
    );
    for c in ["waiting-app-1", "waiting-slow-1"] {
        assert_eq!(field(&env, c, "{{.State.Status}}"), "exited", "{c}");
    }
    ok(compose(&env, &dir, &[], &["down"]));
}

/// A project whose second service fails verification starts nothing and
/// keeps nothing this command pulled for the first: one rollback covers
/// every image `up` acquires.
#[test]
fn a_refused_service_leaves_nothing_the_project_pulled() {
    let reg = Registry::start();
    let publisher = Env::new();
    publisher.busybox(BASE);
    let plain = format!("{}/rb/plain:1", reg.host());
    let unsigned = format!("{}/rb/unsigned:1", reg.host());
    for name in [&plain, &unsigned] {
        publisher.ok(&["tag", BASE, name]);
        publisher.ok(&["push", "-q", name]);
    }
    let env = Env::new();
    let dir = env.path("refused");
    std::fs::create_dir_all(&dir).unwrap();
    let keys = env
        .cmd(&["key", "generate", "--output-key-prefix", "cosign"])
        .current_dir(&dir)
        .env("COSIGN_PASSWORD", PW)
        .output()
        .unwrap();
    assert!(keys.status.success());
    std::fs::write(
        dir.join("compose.yaml"),
        format!(
            "services:\n  first:\n    image: {plain}\n    command: [\"sleep\", \"60\"]\n  second:\n    image: {unsigned}\n    command: [\"sleep\", \"60\"]\n    depends_on: [first]\n    x-nerdctl-verify: cosign\n    x-nerdctl-cosign-public-key: ./cosign.pub\n"
        ),
    )
    .unwrap();
    let out = compose(&env, &dir, &[], &["up", "-d"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("no signature found"), "{err}");
    assert!(
        env.image_names().is_empty(),
        "the refused project kept {:?}",
        env.image_names()
    );
    assert!(env.ok(&["ps", "-a", "-q"]).trim().is_empty());
    // Without the refused service the same project comes up.
    let out = compose(&env, &dir, &[], &["up", "-d", "--no-deps", "first"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(env.image_names(), vec![plain.clone()]);
    ok(compose(&env, &dir, &[], &["down", "-t", "1"]));
}
