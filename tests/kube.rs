//! Compose projects as Kubernetes objects and back: `compose convert
//! --kubernetes` checked against the Kubernetes 1.37 schemas (PyPI's
//! `kubernetes-validate`, strict) with images pinned at the digests the
//! registry serves; the seeds' Confidential Containers pods; `kube play`
//! of the converted healthchecked example on real containers, and
//! `--down` leaving nothing; `kube generate` of running containers.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use yaml_serde::Value;

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

/// busybox pushed to `reg` as `repo:tag`; the digest the registry serves.
fn pushed_busybox(env: &Env, reg: &Registry, repo: &str, tag: &str) -> (String, String) {
    env.busybox("localhost/busybox:kube");
    let name = format!("{}/{repo}:{tag}", reg.host());
    env.ok(&["tag", "localhost/busybox:kube", &name]);
    env.ok(&["push", "-q", &name]);
    let digest = remote_digest(&reg.host(), repo, tag);
    (name, digest)
}

/// The waiting init containers' images, pushed to `reg` (busybox under
/// both names: the kubectl one is never run here), as convert's flags.
fn helper_flags(env: &Env, reg: &Registry) -> Vec<String> {
    let (wait, _) = pushed_busybox(env, reg, "tools/busybox", "1");
    let (kubectl, _) = pushed_busybox(env, reg, "tools/kubectl", "1");
    vec![
        "--wait-image".into(),
        wait,
        "--kubectl-image".into(),
        kubectl,
    ]
}

/// `ccr ARGS` in `dir` with `vars` set: (exit code, stdout, stderr).
fn in_dir<S: AsRef<str>>(
    env: &Env,
    dir: &Path,
    vars: &[(&str, &str)],
    args: &[S],
) -> (i32, String, String) {
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    let mut c = env.cmd(&args);
    c.current_dir(dir);
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The documents of a multi-document YAML stream.
fn documents(text: &str) -> Vec<Value> {
    yaml_serde::Deserializer::from_str(text)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .filter(|v: &Value| !v.is_null())
        .collect()
}

fn object<'a>(docs: &'a [Value], kind: &str, name: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["kind"] == kind && d["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name} in {docs:#?}"))
}

/// The pod spec of a workload (a Pod's own, a Deployment's or Job's template).
fn pod_spec(o: &Value) -> &Value {
    match o["kind"].as_str() {
        Some("Pod") => &o["spec"],
        _ => &o["spec"]["template"]["spec"],
    }
}

fn pod_annotations(o: &Value) -> &Value {
    match o["kind"].as_str() {
        Some("Pod") => &o["metadata"]["annotations"],
        _ => &o["spec"]["template"]["metadata"]["annotations"],
    }
}

/// kubernetes-validate (strict, Kubernetes 1.37) accepts every file.
fn validates(files: &[PathBuf]) {
    require("kubernetes-validate");
    let out = Command::new("kubernetes-validate")
        .args(["--strict", "-k", "1.37.0"])
        .args(files)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "kubernetes-validate refused:\n{said}");
    assert!(!said.contains("ERROR"), "{said}");
}

/// The healthchecked example converted: Kubernetes accepts every object;
/// images are the registry's digests; the migration is a Job the front's
/// init container waits for, the database a Service its dependants wait
/// for; what has no Kubernetes form is named once.
#[test]
fn the_healthchecked_example_converts_to_valid_objects_with_pinned_images() {
    let reg = Registry::start();
    let env = Env::new();
    let (base, digest) = pushed_busybox(&env, &reg, "base/busybox", "1");
    let dir = example(&env, "healthchecked-app");
    let vars = [("BASE_IMAGE", base.as_str())];
    let out_dir = env.path("k8s");
    let helpers = helper_flags(&env, &reg);
    let with = |args: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        all.extend(helpers.iter().cloned());
        all
    };
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &vars,
        &with(&[
            "compose",
            "convert",
            "--kubernetes",
            "--namespace",
            "shop",
            "-o",
            out_dir.to_str().unwrap(),
        ]),
    );
    assert_eq!(code, 0, "{err}");
    let files: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 9, "{files:?}");
    validates(&files);
    let (code, text, err) = in_dir(
        &env,
        &dir,
        &vars,
        &with(&["compose", "convert", "--kubernetes", "--namespace", "shop"]),
    );
    assert_eq!(code, 0, "{err}");
    let docs = documents(&text);
    let pinned = format!("{base}@{digest}");
    for (kind, name) in [
        ("Deployment", "db"),
        ("Job", "migrate"),
        ("Deployment", "web"),
    ] {
        let o = object(&docs, kind, name);
        assert_eq!(o["metadata"]["namespace"], "shop");
        assert_eq!(pod_spec(o)["containers"][0]["image"], pinned.as_str());
    }
    // The database: a headless Service (it has no ports) that resolves to
    // ready pods only, its healthcheck the probes.
    let db = object(&docs, "Service", "db");
    assert_eq!(db["spec"]["clusterIP"], "None");
    let probe = &pod_spec(object(&docs, "Deployment", "db"))["containers"][0]["readinessProbe"];
    assert_eq!(probe["exec"]["command"][0], "test");
    assert_eq!(probe["failureThreshold"], 60);
    // The web front: its port, the migration's Job and the database waited for.
    let web = object(&docs, "Deployment", "web");
    let spec = pod_spec(web);
    assert_eq!(spec["containers"][0]["ports"][0]["hostPort"], 8090);
    let inits: Vec<&str> = spec["initContainers"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(inits, ["wait-for-db", "wait-for-migrate"]);
    // The waiting containers' images are pinned too.
    for (i, flag) in [(0, 1), (1, 3)] {
        let image = spec["initContainers"][i]["image"].as_str().unwrap();
        assert!(
            image.starts_with(&format!("{}@sha256:", helpers[flag])),
            "{image}"
        );
    }
    assert!(
        spec["initContainers"][1]["command"]
            .as_sequence()
            .unwrap()
            .contains(&Value::from("job/migrate"))
    );
    assert_eq!(spec["serviceAccountName"], "healthchecked-app-waiter");
    assert_eq!(
        pod_annotations(web)["ccr.io/depends-on"],
        "db=service_healthy,migrate=service_completed_successfully"
    );
    let role = object(&docs, "Role", "healthchecked-app-waiter");
    assert_eq!(role["rules"][0]["resources"][0], "jobs");
    assert_eq!(
        object(&docs, "ConfigMap", "web-env")["data"]["GREETING"],
        "hello"
    );
    assert_eq!(
        object(&docs, "PersistentVolumeClaim", "appdata")["spec"]["accessModes"][0],
        "ReadWriteMany"
    );
    assert_eq!(
        err.matches("a named volume shared by several services")
            .count(),
        1,
        "one warning per key: {err}"
    );
    // An image the registry does not have cannot be pinned: nothing is written.
    let missing = format!("{}/base/none:1", reg.host());
    let out = env.path("none.yaml");
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &[("BASE_IMAGE", missing.as_str())],
        &with(&[
            "compose",
            "convert",
            "--kubernetes",
            "-o",
            out.to_str().unwrap(),
        ]),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("base/none"), "{err}");
    assert!(!out.exists());
}

/// Every key the conversion maps, on one project: configs, secrets,
/// environment files, tmpfs, limits, replicas, a securityContext, bare
/// Pods for restart no and on-failure, a bind mount; Kubernetes accepts it
/// all; an image whose signature does not verify is refused.
#[test]
fn every_mapped_key_validates_and_a_bad_signature_is_refused() {
    let reg = Registry::start();
    let env = Env::new();
    let (base, digest) = pushed_busybox(&env, &reg, "lib/busybox", "2");
    let dir = env.path("all");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("app.env"), "A=1\nB=two\n").unwrap();
    std::fs::write(dir.join("app.conf"), "listen 80\n").unwrap();
    std::fs::write(dir.join("token.txt"), "s3cret\n").unwrap();
    let compose = format!(
        r#"
services:
  api:
    image: {base}
    command: ["httpd", "-f", "-p", "8080"]
    env_file: app.env
    environment: {{C: "3"}}
    ports: ["18080:8080", "9000/udp"]
    configs: [{{source: conf, target: /etc/app.conf, mode: 0444}}]
    secrets: [token]
    tmpfs: [/run/cache]
    volumes:
      - type: tmpfs
        target: /scratch
        tmpfs: {{size: 16m}}
      - data:/data
      - /srv/host:/host:ro
    healthcheck:
      test: ["CMD-SHELL", "wget -qO- localhost:8080"]
      interval: 500ms
      timeout: 3s
      retries: 4
      start_period: 2s
    deploy:
      replicas: 3
      resources: {{limits: {{cpus: "0.5", memory: 64M}}}}
    user: "1000:1000"
    read_only: true
    cap_drop: [ALL]
    cap_add: [NET_BIND_SERVICE]
    stop_grace_period: 20s
    labels: {{team: payments}}
  once:
    image: {base}
    restart: "no"
    command: ["true"]
    privileged: true
  retry:
    image: {base}
    restart: on-failure:3
    command: ["false"]
    expose: ["7000"]
    extra_hosts: ["a.example:10.0.0.1"]
configs:
  conf: {{file: ./app.conf}}
secrets:
  token: {{file: ./token.txt}}
volumes:
  data: {{}}
"#
    );
    std::fs::write(dir.join("compose.yaml"), &compose).unwrap();
    let out = env.path("all.yaml");
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &[],
        &[
            "compose",
            "convert",
            "--kubernetes",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    validates(std::slice::from_ref(&out));
    let docs = documents(&std::fs::read_to_string(&out).unwrap());
    let api = object(&docs, "Deployment", "api");
    assert_eq!(api["spec"]["replicas"], 3);
    let spec = pod_spec(api);
    let c = &spec["containers"][0];
    assert_eq!(c["image"], format!("{base}@{digest}").as_str());
    assert_eq!(c["resources"]["limits"]["cpu"], "500m");
    // docker's units: 64M is 64 MiB.
    assert_eq!(c["resources"]["limits"]["memory"], "67108864");
    assert_eq!(c["securityContext"]["runAsUser"], 1000);
    assert_eq!(c["securityContext"]["readOnlyRootFilesystem"], true);
    assert_eq!(c["securityContext"]["capabilities"]["drop"][0], "ALL");
    assert_eq!(c["readinessProbe"]["periodSeconds"], 1);
    assert_eq!(c["readinessProbe"]["initialDelaySeconds"], 2);
    assert_eq!(
        c["readinessProbe"]["exec"]["command"][2],
        "wget -qO- localhost:8080"
    );
    assert_eq!(spec["terminationGracePeriodSeconds"], 20);
    assert_eq!(pod_annotations(api)["team"], "payments");
    let env_cm = object(&docs, "ConfigMap", "api-env");
    assert_eq!(env_cm["data"]["A"], "1");
    assert_eq!(env_cm["data"]["C"], "3");
    assert_eq!(
        object(&docs, "ConfigMap", "conf")["data"]["conf"],
        "listen 80\n"
    );
    assert_eq!(
        object(&docs, "Secret", "token")["data"]["token"],
        "czNjcmV0Cg=="
    );
    let mounts = c["volumeMounts"].as_sequence().unwrap();
    let at = |path: &str| {
        mounts
            .iter()
            .find(|m| m["mountPath"] == path)
            .unwrap_or_else(|| panic!("no mount at {path}: {mounts:?}"))
    };
    assert_eq!(at("/etc/app.conf")["subPath"], "conf");
    assert_eq!(at("/run/secrets/token")["subPath"], "token");
    let volumes = spec["volumes"].as_sequence().unwrap();
    let vol = |name: &Value| volumes.iter().find(|v| &v["name"] == name).unwrap();
    assert_eq!(vol(&at("/scratch")["name"])["emptyDir"]["medium"], "Memory");
    assert_eq!(
        vol(&at("/run/cache")["name"])["emptyDir"]["medium"],
        "Memory"
    );
    assert_eq!(
        vol(&at("/data")["name"])["persistentVolumeClaim"]["claimName"],
        "data"
    );
    assert_eq!(vol(&at("/host")["name"])["hostPath"]["path"], "/srv/host");
    let svc = object(&docs, "Service", "api");
    let ports: Vec<(i64, &str)> = svc["spec"]["ports"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|p| (p["port"].as_i64().unwrap(), p["protocol"].as_str().unwrap()))
        .collect();
    assert_eq!(ports, [(8080, "TCP"), (9000, "UDP")]);
    let once = object(&docs, "Pod", "once");
    assert_eq!(once["spec"]["restartPolicy"], "Never");
    assert_eq!(
        once["spec"]["containers"][0]["securityContext"]["privileged"],
        true
    );
    assert_eq!(
        object(&docs, "Pod", "retry")["spec"]["restartPolicy"],
        "OnFailure"
    );
    assert_eq!(
        object(&docs, "Service", "retry")["spec"]["ports"][0]["port"],
        7000
    );
    for key in [
        "extra_hosts (services retry)",
        "volumes (services api): a bind mount",
    ] {
        assert_eq!(err.matches(key).count(), 1, "{key}: {err}");
    }

    // x-nerdctl-verify with a key that did not sign the image: refused.
    let (_, public) = cosign_keys(&env, &env.path("k").to_string_lossy(), "pw");
    let verified = compose.replace(
        "  once:\n    image:",
        &format!(
            "  once:\n    x-nerdctl-verify: cosign\n    x-nerdctl-cosign-public-key: {public}\n    image:"
        ),
    );
    std::fs::write(dir.join("compose.yaml"), verified).unwrap();
    let (code, text, err) = in_dir(&env, &dir, &[], &["compose", "convert", "--kubernetes"]);
    assert_eq!(code, 1, "{err}");
    assert!(text.is_empty(), "nothing is printed: {text}");
    assert!(err.to_lowercase().contains("signature"), "{err}");
}

/// The seeds' two Confidential Containers pods, from one-service compose
/// files: the runtime class (the service's own, or --runtime-class), the
/// runtime-handler annotation and the container as the seed writes them,
/// the image pinned.
#[test]
fn the_seed_coco_pods_come_out_as_the_seed_shows_them() {
    let reg = Registry::start();
    let env = Env::new();
    let (nginx, nginx_digest) = pushed_busybox(&env, &reg, "bitnami/nginx", "1.22.0");
    let (encrypted, enc_digest) = pushed_busybox(&env, &reg, "coco/busybox", "encrypted");
    let cases = [
        (
            "nginx",
            format!(
                "services:\n  nginx:\n    image: {nginx}\n    restart: \"no\"\n    x-ccr-runtime-class: kata-qemu-coco-dev\n"
            ),
            vec![],
            "kata-qemu-coco-dev",
            format!("{nginx}@{nginx_digest}"),
            "nginx",
        ),
        (
            "encrypted-image-test-busybox",
            format!(
                "services:\n  encrypted-image-test-busybox:\n    image: {encrypted}\n    restart: \"no\"\n"
            ),
            vec!["--runtime-class", "kata-qemu-tdx"],
            "kata-qemu-tdx",
            format!("{encrypted}@{enc_digest}"),
            "busybox",
        ),
    ];
    for (name, file, flags, class, image, _seed_container) in cases {
        let dir = env.path(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("compose.yaml"), file).unwrap();
        let mut args = vec!["compose", "convert", "--kubernetes"];
        args.extend(flags);
        let (code, text, err) = in_dir(&env, &dir, &[], &args);
        assert_eq!(code, 0, "{err}");
        let docs = documents(&text);
        let pod = object(&docs, "Pod", name);
        // The seed's pod, field by field.
        assert_eq!(pod["apiVersion"], "v1");
        assert_eq!(pod["spec"]["runtimeClassName"], class);
        assert_eq!(
            pod["metadata"]["annotations"]["io.containerd.cri.runtime-handler"],
            class
        );
        let containers = pod["spec"]["containers"].as_sequence().unwrap();
        assert_eq!(containers.len(), 1);
        assert_eq!(containers[0]["image"], image.as_str());
        assert_eq!(containers[0]["name"], name);
        assert!(
            err.contains("x-ccr-confidential"),
            "no initdata is said: {err}"
        );
        let file = env.path(&format!("{name}.yaml"));
        std::fs::write(&file, &text).unwrap();
        validates(&[file]);
    }
}

/// The healthchecked example converted, then played here: the front
/// reaches the database by name only after it is healthy and after the
/// migration; `kube play --down` leaves no container, network, volume or
/// mount.
#[test]
fn kube_play_of_the_converted_example_runs_it_and_down_leaves_nothing() {
    let reg = Registry::start();
    let env = Env::new();
    let (base, _) = pushed_busybox(&env, &reg, "base/busybox", "play");
    let dir = example(&env, "healthchecked-app");
    let port = free_port();
    let manifest = env.path("shop.yaml");
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &[
            ("BASE_IMAGE", base.as_str()),
            ("WEB_PORT", port.to_string().as_str()),
            ("DB_WARMUP", "2"),
        ],
        &[
            &[
                "compose",
                "convert",
                "--kubernetes",
                "-o",
                manifest.to_str().unwrap(),
            ][..],
            &helper_flags(&env, &reg)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = in_dir(
        &env,
        &dir,
        &[],
        &["kube", "play", manifest.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "three containers: {out}");
    let page = Command::new("curl")
        .args([
            "-s",
            "--max-time",
            "5",
            &format!("http://127.0.0.1:{port}/"),
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&page.stdout),
        "hello\ndb-ready\nmigrated\ndb-ready\n"
    );
    let field = |name: &str, t: &str| env.ok(&["inspect", "--format", t, name]).trim().to_string();
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    let health = json(&env.ok(&["inspect", "shop-db-1"]));
    let healthy = health[0]["State"]["Health"]["Log"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["ExitCode"] == 0)
        .map(|p| p["End"].as_str().unwrap().to_string())
        .expect("a passing probe");
    assert!(at(&field("shop-migrate-1", "{{.State.StartedAt}}")) >= at(&healthy));
    assert!(
        at(&field("shop-web-1", "{{.State.StartedAt}}"))
            >= at(&field("shop-migrate-1", "{{.State.FinishedAt}}"))
    );
    assert_eq!(field("shop-migrate-1", "{{.State.ExitCode}}"), "0");
    // --down: nothing left.
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &[],
        &["kube", "play", "--down", manifest.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.ok(&["ps", "-aq"]).trim(), "");
    assert!(!env.ok(&["network", "ls"]).contains("shop_default"));
    assert!(!env.ok(&["volume", "ls"]).contains("shop_appdata"));
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap();
    let root = env.data_root();
    assert!(
        !mounts.contains(root.to_str().unwrap()),
        "mounts left under the data root"
    );
    // A manifest ccr cannot run says so.
    let bad = env.path("bad.yaml");
    std::fs::write(
        &bad,
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\n",
    )
    .unwrap();
    let (code, _, err) = in_dir(&env, &dir, &[], &["kube", "play", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("no Pod, Deployment or Job"), "{err}");
}

/// Running containers as Kubernetes objects: what they were run with, the
/// image at the digest they run, accepted by the schemas.
#[test]
fn kube_generate_describes_running_containers() {
    let env = Env::new();
    env.busybox("localhost/busybox:gen");
    env.ok(&[
        "run",
        "-d",
        "--name",
        "gen_web",
        "-e",
        "MODE=prod",
        "-p",
        "18123:80",
        "--memory",
        "32m",
        "--restart",
        "always",
        "localhost/busybox:gen",
        "httpd",
        "-f",
        "-p",
        "80",
    ]);
    let out = env.ok(&["kube", "generate", "gen_web"]);
    let docs = documents(&out);
    let d = object(&docs, "Deployment", "gen-web");
    let c = &pod_spec(d)["containers"][0];
    let digest = env.ok(&["inspect", "--format", "{{.Image}}", "gen_web"]);
    assert!(
        c["image"].as_str().unwrap().ends_with(digest.trim()),
        "{c:?}"
    );
    assert_eq!(c["args"][0], "httpd");
    assert_eq!(c["ports"][0]["hostPort"], 18123);
    assert_eq!(c["resources"]["limits"]["memory"], "33554432");
    assert_eq!(
        object(&docs, "ConfigMap", "gen-web-env")["data"]["MODE"],
        "prod"
    );
    assert_eq!(
        object(&docs, "Service", "gen-web")["spec"]["ports"][0]["port"],
        80
    );
    let file = env.path("gen.yaml");
    std::fs::write(&file, &out).unwrap();
    validates(&[file]);
    env.ok(&["rm", "-f", "gen_web"]);
}

/// A hand-written manifest, as podman's kube play takes one: a Deployment
/// of two replicas with an init container filling an emptyDir, a
/// ConfigMap as environment and as a file, a Secret as a variable and as
/// files; each replica sees all of it; `--down` leaves nothing.
#[test]
fn kube_play_runs_a_hand_written_manifest_with_configmaps_secrets_and_init_containers() {
    let env = Env::new();
    env.busybox("localhost/busybox:kube");
    let manifest = env.path("cfgplay.yaml");
    std::fs::write(
        &manifest,
        r#"apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {MODE: test, greeting.txt: "hi from a configmap\n"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {password: hunter2}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 2
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      restartPolicy: Always
      terminationGracePeriodSeconds: 1
      initContainers:
      - name: seed
        image: localhost/busybox:kube
        command: [sh, -c, "echo seeded > /work/seed"]
        volumeMounts: [{name: work, mountPath: /work}]
      containers:
      - name: app
        image: localhost/busybox:kube
        command: [sh, -c, "echo MODE=$MODE PW=$PW; cat /etc/greeting.txt /work/seed /run/creds/password; echo; exec sleep 3600"]
        env:
        - name: PW
          valueFrom: {secretKeyRef: {name: creds, key: password}}
        envFrom: [{configMapRef: {name: settings}}]
        volumeMounts:
        - {name: work, mountPath: /work}
        - {name: cfg, mountPath: /etc/greeting.txt, subPath: greeting.txt}
        - {name: sec, mountPath: /run/creds}
      volumes:
      - {name: work, emptyDir: {}}
      - {name: cfg, configMap: {name: settings}}
      - {name: sec, secret: {secretName: creds}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: left-out}
"#,
    )
    .unwrap();
    let m = manifest.to_str().unwrap();
    let out = env.run(&["kube", "play", m]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("apps/v1 StatefulSet: not run by kube play"),
        "{err}"
    );
    for n in ["cfgplay-app-1", "cfgplay-app-2"] {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut logs = String::new();
        while std::time::Instant::now() < deadline {
            logs = env.ok(&["logs", n]);
            if logs.ends_with("seeded\nhunter2\n") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert_eq!(
            logs, "MODE=test PW=hunter2\nhi from a configmap\nseeded\nhunter2\n",
            "{n}"
        );
    }
    assert_eq!(
        env.ok(&[
            "inspect",
            "--format",
            "{{.State.ExitCode}}",
            "cfgplay-app-init-seed-1"
        ])
        .trim(),
        "0"
    );
    // The same manifest with a reference it lacks is refused, nothing made.
    let broken = env.path("broken.yaml");
    std::fs::write(
        &broken,
        std::fs::read_to_string(&manifest)
            .unwrap()
            .replace("secretName: creds", "secretName: nope"),
    )
    .unwrap();
    let err = env.fails(&["kube", "play", broken.to_str().unwrap()]);
    assert!(err.contains("Secret nope"), "{err}");
    assert!(!env.ok(&["ps", "-a"]).contains("broken-"));
    env.ok(&["kube", "down", m]);
    assert_eq!(env.ok(&["ps", "-aq"]).trim(), "");
    assert!(!env.ok(&["volume", "ls"]).contains("cfgplay"));
    assert!(!env.ok(&["network", "ls"]).contains("cfgplay"));
}

/// Offline, an init container image ccr must pin and cannot is named with
/// the flag that replaces it; `--resolve-image-digests=false` keeps the
/// references as written, and is refused where a service verifies.
#[test]
fn unpinnable_helper_images_are_named_and_unpinned_conversion_is_explicit() {
    let reg = Registry::start();
    let env = Env::new();
    let (image, _) = pushed_busybox(&env, &reg, "app/busybox", "1");
    let dir = env.path("waits");
    std::fs::create_dir_all(&dir).unwrap();
    let file = |verify: bool| {
        format!(
            "services:\n  front:\n    image: {image}\n    depends_on:\n      db: {{condition: service_healthy}}\n  db:\n    image: {image}\n    healthcheck: {{test: [CMD, 'true']}}\n{}",
            if verify {
                "    x-nerdctl-verify: cosign\n    x-nerdctl-cosign-public-key: ./none.pub\n"
            } else {
                ""
            }
        )
    };
    std::fs::write(dir.join("compose.yaml"), file(false)).unwrap();
    let offline = [
        ("HTTPS_PROXY", "http://127.0.0.1:9"),
        ("NO_PROXY", "127.0.0.1,localhost,::1"),
    ];
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &offline,
        &["compose", "convert", "--kubernetes"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("cannot pin docker.io/library/busybox:1.37")
            && err.contains("hint: pass --wait-image IMAGE"),
        "{err}"
    );
    let (code, out, err) = in_dir(
        &env,
        &dir,
        &offline,
        &[
            "compose",
            "convert",
            "--kubernetes",
            "--resolve-image-digests=false",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let docs = documents(&out);
    let front = object(&docs, "Deployment", "front");
    let spec = pod_spec(front);
    assert_eq!(
        spec["containers"][0]["image"].as_str(),
        Some(image.as_str())
    );
    assert_eq!(
        spec["initContainers"][0]["image"].as_str(),
        Some("docker.io/library/busybox:1.37")
    );
    let keys = env
        .cmd(&["key", "generate", "--output-key-prefix", "none"])
        .current_dir(&dir)
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap();
    assert!(keys.status.success());
    std::fs::write(dir.join("compose.yaml"), file(true)).unwrap();
    let (code, _, err) = in_dir(
        &env,
        &dir,
        &offline,
        &[
            "compose",
            "convert",
            "--kubernetes",
            "--resolve-image-digests=false",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("leave --resolve-image-digests on"), "{err}");
}
