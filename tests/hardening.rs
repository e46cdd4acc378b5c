//! What an attacker on the same host, or a hostile image, must not get:
//! each test drives the refusal path and checks the real outcome.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::*;

/// A one-layer image whose `/bin/suid` is busybox, setuid root.
fn setuid_image(env: &Env, name: &str) {
    let busybox = std::fs::read("/bin/busybox").unwrap();
    let tarball = env.path("suid.tar");
    let mut b = tar::Builder::new(std::fs::File::create(&tarball).unwrap());
    for (path, mode) in [("bin/busybox", 0o755), ("bin/suid", 0o4755)] {
        let mut h = tar::Header::new_gnu();
        h.set_size(busybox.len() as u64);
        h.set_mode(mode);
        h.set_uid(0);
        h.set_gid(0);
        h.set_cksum();
        b.append_data(&mut h, path, busybox.as_slice()).unwrap();
    }
    b.finish().unwrap();
    drop(b);
    env.ok(&["import", tarball.to_str().unwrap(), name]);
}

/// Runs `script` as the unprivileged user nobody; whether it succeeded.
fn as_nobody(script: &str) -> bool {
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .args(["/bin/sh", "-c", script])
        .status()
        .unwrap()
        .success()
}

#[test]
fn another_user_cannot_reach_an_image_setuid_file_in_the_data_root() {
    require("setpriv");
    let env = Env::new();
    // Only the data root's own mode may stand in the way: its parent is open.
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // A data root that already exists with a loose mode is tightened, and ccr says so.
    std::fs::create_dir(env.data_root()).unwrap();
    std::fs::set_permissions(env.data_root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.run(&["images"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0755") && err.contains("0700"), "{err}");
    let again = env.run(&["images"]);
    assert!(
        again.stderr.is_empty(),
        "said once: {}",
        String::from_utf8_lossy(&again.stderr)
    );

    setuid_image(&env, "localhost/suid:1");
    env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "localhost/suid:1",
        "/bin/busybox",
        "true",
    ]);
    // The snapshot holds the setuid file, as root sees it.
    let snapshots = env.data_root().join("snapshots/layers");
    let suid = std::fs::read_dir(&snapshots)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("bin/suid"))
        .find(|p| p.exists())
        .expect("the layer snapshot has bin/suid");
    let mode = std::fs::metadata(&suid).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o4000,
        0o4000,
        "the setuid bit is kept in the snapshot"
    );
    assert_eq!(
        std::fs::metadata(env.data_root())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    // nobody can neither run it nor see that it is there.
    let path = suid.display();
    assert!(!as_nobody(&format!("{path} id -u")), "nobody ran {path}");
    assert!(!as_nobody(&format!("test -e {path}")), "nobody sees {path}");
    assert!(!as_nobody(&format!("ls {}", env.data_root().display())));
    // The check can fail: the same user reaches a file outside the data root.
    let open = env.path("open");
    std::fs::write(&open, b"x").unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(as_nobody(&format!("test -e {}", open.display())));
}

#[test]
fn a_command_that_cannot_run_exits_as_docker_says_in_the_foreground_and_detached() {
    let env = Env::new();
    env.busybox("localhost/busybox:x");
    let code = |args: &[&str]| {
        let mut all = vec!["run", "--rm", "--network", "none"];
        all.extend_from_slice(args);
        let out = env.run(&all);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // A directory and a file without the execute bit: 126; not there: 127.
    for (args, want) in [
        (&["localhost/busybox:x", "/etc"][..], 126),
        (&["localhost/busybox:x", "/etc/passwd"][..], 126),
        (&["localhost/busybox:x", "no-such-command"][..], 127),
        (&["-d", "localhost/busybox:x", "/etc/passwd"][..], 126),
        (&["-d", "localhost/busybox:x", "no-such-command"][..], 127),
    ] {
        let (got, err) = code(args);
        assert_eq!(got, Some(want), "{args:?}: {err}");
        assert!(
            !err.contains("ccr: error: container") || err.matches("ccr: error:").count() == 1,
            "{err}"
        );
    }
    // A container that could not start records docker's code as its exit code.
    let out = env.run(&[
        "run",
        "-d",
        "--name",
        "noexec",
        "--network",
        "none",
        "localhost/busybox:x",
        "/etc",
    ]);
    assert_eq!(out.status.code(), Some(126));
    assert_eq!(env.ok(&["wait", "noexec"]).trim(), "126");
    env.ok(&["rm", "noexec"]);
}

/// An OCI manifest for one config and one layer (gzip), with the layer's
/// descriptor size as given.
fn manifest_for(config: &[u8], layer: &[u8], layer_size: u64) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": format!("sha256:{}", sha256_hex(config)), "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": format!("sha256:{}", sha256_hex(layer)), "size": layer_size}],
    }))
    .unwrap()
}

/// A one-layer image of this machine's platform (a `hello` file): its
/// manifest, its blobs by digest, and its layer.
fn hello_image() -> (Vec<u8>, Vec<(String, Vec<u8>)>, Vec<u8>) {
    let tar = one_file_tar("hello", b"hello\n");
    let layer = compress("gzip", &tar);
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": std::env::consts::ARCH.replace("x86_64", "amd64").replace("aarch64", "arm64"),
        "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": [format!("sha256:{}", sha256_hex(&tar))]},
        "config": {},
    }))
    .unwrap();
    let manifest = manifest_for(&config, &layer, layer.len() as u64);
    let blobs = vec![
        (format!("sha256:{}", sha256_hex(&config)), config),
        (format!("sha256:{}", sha256_hex(&layer)), layer.clone()),
    ];
    (manifest, blobs, layer)
}

#[test]
fn a_registry_that_sends_more_than_the_descriptor_says_fills_nothing() {
    let (manifest, blobs, layer) = hello_image();
    // 256 MiB more than the layer's descriptor names.
    let reg = HostileRegistry::start(manifest, blobs, 256 << 20);
    let env = Env::new();
    let started = std::time::Instant::now();
    let err = env.fails(&["pull", &format!("{}/hostile/app:1", reg.host())]);
    let took = started.elapsed();
    assert!(
        err.contains("sent more than") && err.contains(&layer.len().to_string()),
        "{err}"
    );
    // Nothing past the descriptor's size reached the disk, nothing is named,
    // and the refusal came at once, not after the stream.
    let ingest = env.data_root().join("content/ingest");
    let stored: u64 = std::fs::read_dir(&ingest)
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(
        stored <= layer.len() as u64,
        "{stored} bytes left in the ingest area"
    );
    assert!(env.image_names().is_empty());
    let sent = reg.sent.load(std::sync::atomic::Ordering::Relaxed);
    assert!(sent < 64 << 20, "the stream was read to {sent} bytes");
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    eprintln!(
        "refused after {sent} bytes sent, {} bytes kept, in {took:?}",
        stored
    );
}

#[test]
fn a_manifest_over_the_limit_is_refused_without_reading_it() {
    // 64 MiB: a valid start, then whitespace JSON allows.
    let mut manifest =
        br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","#.to_vec();
    manifest.resize(64 << 20, b' ');
    let reg = HostileRegistry::start(manifest, Vec::new(), 0);
    let env = Env::new();
    let started = std::time::Instant::now();
    for args in [
        vec!["pull".to_string(), format!("{}/hostile/big:1", reg.host())],
        vec![
            "run".into(),
            "--rm".into(),
            format!("{}/hostile/big:1", reg.host()),
            "true".into(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = env.fails(&args);
        assert!(
            err.contains("more than the 4194304 bytes a manifest may have"),
            "{err}"
        );
    }
    let took = started.elapsed();
    let sent = reg.sent.load(std::sync::atomic::Ordering::Relaxed);
    // What the kernel's socket buffers took before ccr hung up, not 64 MiB.
    assert!(sent < 16 << 20, "the manifest was read to {sent} bytes");
    assert!(env.image_names().is_empty());
    eprintln!("refused after {sent} bytes sent, in {took:?}");
}

/// A layer entry for hand-made layers.
enum E<'a> {
    Dir(&'a str),
    File(&'a str, &'a str),
    Link(&'a str, &'a str),
}

fn layer_tar(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_gnu();
        h.set_mtime(0);
        match e {
            E::Dir(p) => {
                h.set_entry_type(tar::EntryType::Directory);
                h.set_mode(0o755);
                h.set_size(0);
                h.set_cksum();
                b.append_data(&mut h, p, std::io::empty()).unwrap();
            }
            E::File(p, text) => {
                h.set_mode(0o644);
                h.set_size(text.len() as u64);
                h.set_cksum();
                b.append_data(&mut h, p, text.as_bytes()).unwrap();
            }
            E::Link(p, target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_mode(0o777);
                h.set_size(0);
                b.append_link(&mut h, p, target).unwrap();
            }
        }
    }
    b.into_inner().unwrap()
}

/// An OCI layout archive of one image `name` made of `layers` (plain tar).
fn oci_archive(name: &str, layers: &[Vec<u8>]) -> Vec<u8> {
    let digest = |d: &[u8]| format!("sha256:{}", sha256_hex(d));
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": std::env::consts::ARCH.replace("x86_64", "amd64").replace("aarch64", "arm64"),
        "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": layers.iter().map(|l| digest(l)).collect::<Vec<_>>()},
        "config": {"Cmd": ["/x"]},
    }))
    .unwrap();
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(&config), "size": config.len()},
        "layers": layers.iter().map(|l| serde_json::json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest(l), "size": l.len()})).collect::<Vec<_>>(),
    }))
    .unwrap();
    let index = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest(&manifest),
                       "size": manifest.len(), "annotations": {"io.containerd.image.name": name}}],
    }))
    .unwrap();
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |path: String, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_mode(0o644);
        h.set_size(data.len() as u64);
        h.set_cksum();
        b.append_data(&mut h, path, data).unwrap();
    };
    add("oci-layout".into(), br#"{"imageLayoutVersion":"1.0.0"}"#);
    add("index.json".into(), &index);
    for blob in layers.iter().chain([&config, &manifest]) {
        add(format!("blobs/sha256/{}", sha256_hex(blob)), blob);
    }
    b.into_inner().unwrap()
}

/// What a root file system holds: each path with its kind and content.
fn tree(root: &std::path::Path) -> Vec<String> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().display().to_string();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.file_type().is_symlink() {
                out.push(format!(
                    "{rel} -> {}",
                    std::fs::read_link(&p).unwrap().display()
                ));
            } else if m.is_dir() {
                out.push(format!("{rel}/"));
                walk(root, &p, out);
            } else {
                out.push(format!(
                    "{rel}: {}",
                    String::from_utf8_lossy(&std::fs::read(&p).unwrap())
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

#[test]
fn both_snapshotters_give_the_same_tree_for_tricky_layer_stacks() {
    let base = layer_tar(&[
        E::Dir("a"),
        E::File("a/f1", "one"),
        E::Dir("a/sub"),
        E::File("a/sub/f2", "two"),
        E::File("b", "bee"),
        E::Dir("c"),
        E::File("c/x", "ex"),
        E::File("d", "dee"),
        E::Link("e", "b"),
        E::Dir("w"),
        E::File("w/keep", "k"),
        E::File("w/gone", "g"),
    ]);
    let changes = layer_tar(&[
        E::Dir("a"),
        E::File("a/.wh..wh..opq", ""),
        E::File("a/new", "fresh"),
        E::File(".wh.b", ""),
        E::File("c", "now a file"),
        E::Dir("d"),
        E::File("d/inner", "in"),
        E::File("w/.wh.gone", ""),
        E::File("b2", "bee again"),
    ]);
    let opaque_root = layer_tar(&[E::File(".wh..wh..opq", ""), E::File("z", "only this")]);
    let after = layer_tar(&[E::File("y", "on top")]);
    let stacks: [(&str, Vec<Vec<u8>>); 3] = [
        (
            "localhost/tricky:changes",
            vec![base.clone(), changes.clone()],
        ),
        (
            "localhost/tricky:opaque-root",
            vec![base.clone(), changes.clone(), opaque_root.clone()],
        ),
        (
            "localhost/tricky:opaque-root-then-more",
            vec![base, changes, opaque_root, after],
        ),
    ];
    let env = Env::new();
    for (name, layers) in &stacks {
        let archive = env.path("image.tar");
        std::fs::write(&archive, oci_archive(name, layers)).unwrap();
        env.ok(&["load", "-q", "-i", archive.to_str().unwrap()]);
        let mut trees = Vec::new();
        for snapshotter in ["overlayfs", "native"] {
            let id = env
                .ok(&[
                    "--snapshotter",
                    snapshotter,
                    "create",
                    "--network",
                    "none",
                    name,
                ])
                .trim()
                .to_string();
            let dir = env.data_root().join("containers").join(&id);
            let state = json(&std::fs::read_to_string(dir.join("state.json")).unwrap());
            assert_eq!(
                state["overlay"],
                serde_json::json!(snapshotter == "overlayfs"),
                "{name}"
            );
            let rootfs = dir.join("rootfs");
            // The runtime's own mount points are not the image's.
            let t: Vec<String> = tree(&rootfs)
                .into_iter()
                .filter(|p| {
                    !["dev", "proc", "sys", "etc"]
                        .iter()
                        .any(|m| p.starts_with(m))
                })
                .collect();
            env.ok(&["rm", &id]);
            trees.push(t);
        }
        assert_eq!(trees[0], trees[1], "{name}: overlayfs and native differ");
        // And the tree is the OCI meaning, not just the same mistake twice.
        let t = &trees[0];
        match *name {
            "localhost/tricky:changes" => {
                for want in [
                    "a/new: fresh",
                    "b2: bee again",
                    "c: now a file",
                    "d/inner: in",
                    "w/keep: k",
                    "e -> b",
                ] {
                    assert!(t.contains(&want.to_string()), "{name}: no {want} in {t:?}");
                }
                for gone in ["a/f1: one", "a/sub/", "b: bee", "c/x: ex", "w/gone: g"] {
                    assert!(!t.contains(&gone.to_string()), "{name}: {gone} in {t:?}");
                }
            }
            "localhost/tricky:opaque-root" => {
                assert_eq!(t, &vec!["z: only this".to_string()], "{name}");
            }
            _ => assert_eq!(
                t,
                &vec!["y: on top".to_string(), "z: only this".to_string()],
                "{name}"
            ),
        }
    }
}

#[test]
fn a_signature_carrier_with_thousands_of_layers_is_cut_short() {
    require("curl");
    let reg = Registry::start();
    let env = Env::new();
    let name = format!("{}/many/sigs:1", reg.host());
    let image = env.import_random(&name, 7, 10_000, None);
    env.ok(&["push", "-q", &name]);
    let out = env
        .cmd(&[
            "key",
            "generate",
            "--output-key-prefix",
            env.path("k").to_str().unwrap(),
        ])
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap();
    assert!(out.status.success());
    // A `.sig` carrier of 3000 simple-signing layers, none of them valid.
    let payload = upload_blob(&reg.host(), "many/sigs", br#"{"critical":{}}"#);
    let config = upload_blob(&reg.host(), "many/sigs", b"{}");
    let layer = serde_json::json!({
        "mediaType": "application/vnd.dev.cosign.simplesigning.v1+json",
        "digest": payload, "size": 15,
        "annotations": {"dev.cosignproject.cosign/signature": "AAAA"},
    });
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": 2},
        "layers": vec![layer; 3000],
    }))
    .unwrap();
    let file = env.path("sig.json");
    std::fs::write(&file, &manifest).unwrap();
    let hex = image.trim_start_matches("sha256:");
    sh(Command::new("curl").args([
        "-sS",
        "-o",
        "/dev/null",
        "--fail",
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/vnd.oci.image.manifest.v1+json",
        "--data-binary",
        &format!("@{}", file.display()),
        &format!(
            "http://{}/v2/many/sigs/manifests/sha256-{hex}.sig",
            reg.host()
        ),
    ]));
    let other = Env::new();
    let started = std::time::Instant::now();
    let err = other.fails(&[
        "pull",
        "--verify=cosign",
        "--cosign-key",
        env.path("k.pub").to_str().unwrap(),
        &name,
    ]);
    let took = started.elapsed();
    eprintln!("refused in {took:?}");
    assert!(
        err.contains("3000 signatures") && err.contains("first 128"),
        "{err}"
    );
    assert!(
        err.contains("more"),
        "a long list of reasons is shortened: {err}"
    );
    assert!(other.image_names().is_empty());
    assert!(took < std::time::Duration::from_secs(30), "{took:?}");
}

#[test]
fn a_decompression_bomb_stops_at_the_limit_names_the_layer_and_keeps_nothing() {
    let env = Env::new();
    let config = env.path("ccr.toml");
    std::fs::write(&config, "max_layer_size = \"16MiB\"\n").unwrap();
    // 64 MiB of zeros in one file, about 64 KiB as gzip.
    let zeros = vec![0u8; 64 << 20];
    let mut b = tar::Builder::new(Vec::new());
    for (i, chunk) in zeros.chunks(8 << 20).enumerate() {
        let mut h = tar::Header::new_gnu();
        h.set_size(chunk.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, format!("zero{i}"), chunk).unwrap();
    }
    let tar = b.into_inner().unwrap();
    let gz = compress("gzip", &tar);
    let tarball = env.path("bomb.tar.gz");
    std::fs::write(&tarball, &gz).unwrap();
    let ccr = |args: &[&str]| env.cmd(args).env("CCR_CONFIG", &config).output().unwrap();
    // Under the default limits the import takes it; under 16 MiB it does not.
    let out = ccr(&["import", tarball.to_str().unwrap(), "localhost/bomb:0"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bomb.tar.gz") && err.contains(&(16u64 << 20).to_string()),
        "{err}"
    );
    assert!(err.contains("max_layer_size"), "{err}");
    assert!(env.image_names().is_empty());
    let ingest = env.data_root().join("content/ingest");
    let partial: u64 = std::fs::read_dir(&ingest)
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert_eq!(
        partial, 0,
        "a refused import left {partial} bytes in the ingest area"
    );
    env.ok(&["import", tarball.to_str().unwrap(), "localhost/bomb:1"]);
    let out = ccr(&["run", "--rm", "--network", "none", "localhost/bomb:1", "/x"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{err}");
    let layer = format!("sha256:{}", sha256_hex(&gz));
    assert!(
        err.contains(&layer) && err.contains(&(16u64 << 20).to_string()),
        "{err}"
    );
    assert!(
        err.contains("max_layer_size"),
        "the hint says what to raise: {err}"
    );
    // Nothing of it stays: no snapshot, no scratch, no container.
    let snapshots = env.data_root().join("snapshots");
    let kept: u64 = ["layers", "tmp"]
        .iter()
        .flat_map(|d| std::fs::read_dir(snapshots.join(d)).unwrap().flatten())
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert_eq!(kept, 0, "snapshots left behind");
    assert_eq!(
        std::fs::read_dir(env.data_root().join("containers"))
            .unwrap()
            .count(),
        0
    );
    eprintln!(
        "bomb of {} compressed bytes refused at {} bytes",
        gz.len(),
        16u64 << 20
    );
}

/// A data root on a tmpfs of `size`, unmounted when dropped.
struct SmallRoot(std::path::PathBuf);

impl SmallRoot {
    fn mount(at: std::path::PathBuf, size: &str) -> SmallRoot {
        std::fs::create_dir_all(&at).unwrap();
        sh(Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&at));
        SmallRoot(at)
    }
}

impl Drop for SmallRoot {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_data_root_is_named_with_what_to_do() {
    let env = Env::new();
    let _root = SmallRoot::mount(env.data_root(), "4m");
    // 16 MiB of incompressible data: the import cannot fit.
    let tarball = env.path("big.tar");
    write_random_tar(&tarball, 11, 16 << 20);
    let err = env.fails(&["import", tarball.to_str().unwrap(), "localhost/big:1"]);
    let root = env.data_root().display().to_string();
    assert!(err.contains(&root), "the error names the data root: {err}");
    assert!(!err.contains("big.tar"), "not the input: {err}");
    assert!(
        err.contains("No space left") && err.contains("prune"),
        "{err}"
    );
    // Nothing is named, and the store still works.
    assert!(env.image_names().is_empty());
    assert!(env.run(&["images"]).status.success());
}

#[test]
fn an_interrupted_pull_says_what_it_kept_and_system_df_shows_it_until_a_prune() {
    let reg = Registry::start();
    let a = Env::new();
    let name = format!("{}/cut/image:1", reg.host());
    a.import_random(&name, 51, 8 << 20, None);
    a.ok(&["push", &name]);
    let proxy = CuttingProxy::start(reg.port, 3 << 20);
    let b = Env::new();
    let err = b.fails(&["pull", &format!("{}/cut/image:1", proxy.host())]);
    assert!(
        err.contains("resumes"),
        "the error says the partial is kept: {err}"
    );
    let df = b.ok(&["system", "df"]);
    let row = df
        .lines()
        .find(|l| l.starts_with("Partial Downloads"))
        .unwrap_or_else(|| panic!("{df}"));
    let fields: Vec<&str> = row.split_whitespace().collect();
    // Where the connection was cut decides how many blobs had begun.
    let partial = std::fs::read_dir(b.data_root().join("content/ingest"))
        .unwrap()
        .flatten()
        .filter(|e| e.metadata().unwrap().len() > 0)
        .count();
    assert_eq!(fields[2], partial.to_string(), "the partial blobs: {df}");
    assert!(df.lines().next().unwrap().contains("RECLAIMABLE"), "{df}");
    b.ok(&["image", "prune", "-f"]);
    // Pruned: the row goes, as docker's listing has none.
    let df = b.ok(&["system", "df", "--format", "json"]);
    assert!(
        !df.lines()
            .map(json)
            .any(|v| v["Type"] == "Partial Downloads"),
        "{df}"
    );
}

/// Every output path writes into a device or FIFO as docker does, and
/// never replaces it by a regular file (`save -o /dev/null` once turned the
/// host's /dev/null into a file). The device here is a private node with
/// /dev/null's numbers, so a regression cannot break the machine.
#[test]
fn outputs_write_into_devices_and_fifos_and_never_replace_them() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let env = Env::new();
    env.busybox("localhost/busybox:out");
    let null = env.path("null");
    sh(Command::new("mknod").arg(&null).args(["c", "1", "3"]));
    let null_s = null.to_str().unwrap().to_string();
    let still_a_device = |what: &str| {
        let m = std::fs::symlink_metadata(&null).unwrap();
        assert!(
            m.file_type().is_char_device() && m.rdev() == libc::makedev(1, 3),
            "{what} replaced the device"
        );
        let left: Vec<_> = std::fs::read_dir(env.path(""))
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("ccr-partial") || n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "{what} left {left:?}");
    };
    env.ok(&["save", "-o", &null_s, "localhost/busybox:out"]);
    still_a_device("save -o");
    env.ok(&["sbom", "--file", &null_s, "localhost/busybox:out"]);
    still_a_device("sbom --file");
    env.ok(&["create", "--name", "outc", "localhost/busybox:out", "true"]);
    env.ok(&["export", "-o", &null_s, "outc"]);
    still_a_device("export -o");
    env.ok(&["cp", "outc:/bin/busybox", &null_s]);
    still_a_device("cp");
    let ctx = env.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        "FROM localhost/busybox:out\nLABEL a=b\n",
    )
    .unwrap();
    env.ok(&[
        "build",
        "-q",
        "--iidfile",
        &null_s,
        "-t",
        "localhost/out:2",
        ctx.to_str().unwrap(),
    ]);
    still_a_device("build --iidfile");
    let compose = env.path("compose.yaml");
    std::fs::write(
        &compose,
        "services:\n  a:\n    image: localhost/busybox:out\n",
    )
    .unwrap();
    env.ok(&[
        "compose",
        "-f",
        compose.to_str().unwrap(),
        "convert",
        "-o",
        &null_s,
    ]);
    still_a_device("compose convert -o");
    // A FIFO gets the whole archive, and stays a FIFO.
    let fifo = env.path("pipe");
    sh(Command::new("mkfifo").arg(&fifo));
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    env.ok(&[
        "save",
        "-o",
        fifo.to_str().unwrap(),
        "localhost/busybox:out",
    ]);
    let archive = reader.join().unwrap();
    assert!(archive.len() > 1024 && archive.windows(13).any(|w| w == b"manifest.json"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    // A regular file through a link: the linked file is replaced, the link stays.
    let real = env.path("real.tar");
    std::fs::write(&real, b"old").unwrap();
    let link = env.path("link.tar");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    env.ok(&[
        "save",
        "-o",
        link.to_str().unwrap(),
        "localhost/busybox:out",
    ]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::metadata(&real).unwrap().len() > 1024);
    env.ok(&["rm", "-f", "outc"]);
}

/// A manifest fetched by tag whose body is not what the registry's
/// `Docker-Content-Digest` names is refused, as by digest (docker and
/// containerd refuse both); nothing is stored.
#[test]
fn a_manifest_whose_body_differs_from_the_announced_digest_is_refused() {
    let (manifest, blobs, _) = hello_image();
    let honest = format!("sha256:{}", sha256_hex(&manifest));
    let other = format!("sha256:{}", sha256_hex(b"another manifest"));
    let reg = HostileRegistry::announcing(manifest.clone(), blobs.clone(), &other);
    let env = Env::new();
    for args in [
        vec!["pull".to_string(), format!("{}/hostile/app:1", reg.host())],
        vec![
            "run".into(),
            "--rm".into(),
            format!("{}/hostile/app:1", reg.host()),
            "true".into(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = env.fails(&args);
        assert!(
            err.contains("Docker-Content-Digest") && err.contains(&other[7..19]),
            "{err}"
        );
    }
    assert!(env.image_names().is_empty());
    // The same registry telling the truth is fine.
    let fair = HostileRegistry::announcing(manifest, blobs, &honest);
    env.ok(&["pull", "-q", &format!("{}/hostile/app:1", fair.host())]);
}

/// A registry that takes a blob upload's headers, then hangs up without
/// reading the body: writing the rest is a broken pipe.
fn dying_registry() -> (u16, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let st = stop.clone();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        while !st.load(std::sync::atomic::Ordering::Relaxed) {
            let Ok((mut conn, _)) = listener.accept() else {
                std::thread::sleep(std::time::Duration::from_millis(5));
                continue;
            };
            std::thread::spawn(move || {
                let _ = conn.set_nonblocking(false);
                let mut head = Vec::new();
                let mut b = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if conn.read(&mut b).unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(b[0]);
                }
                let text = String::from_utf8_lossy(&head).to_string();
                let mut first = text.lines().next().unwrap_or("").split_whitespace();
                let (method, path) = (first.next().unwrap_or(""), first.next().unwrap_or(""));
                let reply = |conn: &mut std::net::TcpStream, status: &str, extra: &str| {
                    let _ = write!(
                        conn,
                        "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                };
                match method {
                    "GET" if path == "/v2/" => reply(&mut conn, "200 OK", ""),
                    "HEAD" => reply(&mut conn, "404 Not Found", ""),
                    "POST" => {
                        let repo = path
                            .trim_start_matches("/v2/")
                            .split("/blobs/")
                            .next()
                            .unwrap_or("");
                        reply(
                            &mut conn,
                            "202 Accepted",
                            &format!("Location: /v2/{repo}/blobs/uploads/u1\r\nRange: 0-0\r\n"),
                        );
                    }
                    // PATCH or PUT with a body: hang up without reading it,
                    // and reset the connection (SO_LINGER 0).
                    _ => {
                        let fd = std::os::fd::AsRawFd::as_raw_fd(&conn);
                        let linger = libc::linger {
                            l_onoff: 1,
                            l_linger: 0,
                        };
                        // SAFETY: a valid socket and a linger struct of the right size.
                        unsafe {
                            libc::setsockopt(
                                fd,
                                libc::SOL_SOCKET,
                                libc::SO_LINGER,
                                (&linger as *const libc::linger).cast(),
                                std::mem::size_of::<libc::linger>() as u32,
                            );
                        }
                    }
                }
            });
        }
    });
    (port, stop)
}

/// A registry that dies in the middle of a push is an error with a
/// message: only standard output's reader going away ends ccr by SIGPIPE.
#[test]
fn a_registry_that_hangs_up_mid_push_is_an_error_not_a_sigpipe() {
    use std::os::unix::process::ExitStatusExt;
    let env = Env::new();
    let (port, stop) = dying_registry();
    let image = format!("127.0.0.1:{port}/dying/app:1");
    // 48 MiB that do not compress: the upload outlives the hang-up.
    env.import_random(&image, 7, 48 << 20, None);
    for _ in 0..3 {
        let out = env.run(&["push", "-q", &image]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), None, "killed by a signal: {err}");
        assert!(!out.status.success());
        assert!(err.contains("ccr: error:"), "{err}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Compose files and manifests that would take time or stack without end:
/// nesting is refused before parsing, an `extends` chain of any length in
/// one file is resolved in linear time without deep recursion, chains
/// across files are bounded and each file is read once, and an env_file
/// that is a FIFO is refused, never waited on.
#[test]
fn hostile_compose_files_and_manifests_are_refused_or_loaded_at_once() {
    use std::time::{Duration, Instant};
    let env = Env::new();
    let dir = env.path("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let timed = |args: &[&str]| {
        let started = Instant::now();
        let out = env.run(args);
        (out, started.elapsed())
    };
    let n = 200_000;
    let brackets = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let deep = write(
        "deep.yaml",
        &format!("services:\n  a:\n    image: x\n    command: {brackets}\n"),
    );
    let (out, took) = timed(&["compose", "-f", &deep, "config"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nesting deeper than 128 levels"));
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Block nesting (indentation) deeper than the parser's limit, an
    // alias bomb, a file past the size bound, a depends_on chain thousands
    // long and a cycle at its end: each refused or loaded at once, with
    // the file and the rule named.
    let mut block = String::from("services:\n  a:\n    image: x\n    x-deep:\n");
    for i in 0..2000 {
        block.push_str(&format!("{}a:\n", " ".repeat(i + 6)));
    }
    let block = write("block.yaml", &block);
    let (out, took) = timed(&["compose", "-f", &block, "config"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(15), "{err}");
    assert!(
        err.contains("block.yaml") && err.contains("recursion limit"),
        "{err}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    let mut bomb = String::from("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        bomb.push_str(&format!(
            "x-{c}: &{c} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
        prev = c;
    }
    bomb.push_str("services:\n  a:\n    image: x\n    x-l: *j\n");
    let bomb = write("bomb.yaml", &bomb);
    let (out, took) = timed(&["compose", "-f", &bomb, "config"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(15), "{err}");
    assert!(
        err.contains("bomb.yaml") && err.contains("repetition limit"),
        "{err}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    let big = format!(
        "services:\n  a:\n    image: x\n    environment:\n{}",
        "      K: v\n".repeat(2 * 1024 * 1024)
    );
    let big = write("big.yaml", &big);
    let (out, _) = timed(&["compose", "-f", &big, "config"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success() && err.contains("larger than 16 MiB"),
        "{err}"
    );
    let mut chain = String::from("services:\n");
    for i in 0..5000 {
        chain.push_str(&format!(
            "  s{i}:\n    image: x\n    depends_on: [s{}]\n",
            i + 1
        ));
    }
    chain.push_str("  s5000:\n    image: x\n");
    let chain_file = write("chain.yaml", &chain);
    let (out, took) = timed(&["compose", "-f", &chain_file, "config", "-q", "s0"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    let cycle = write(
        "cycle.yaml",
        &chain.replace(
            "  s5000:\n    image: x\n",
            "  s5000:\n    image: x\n    depends_on: [s4998]\n",
        ),
    );
    let (out, _) = timed(&["compose", "-f", &cycle, "config", "-q"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(15), "{err}");
    assert!(
        err.contains("dependency cycle detected: s4998 -> s4999 -> s5000 -> s4998"),
        "{err}"
    );
    let pod = write(
        "deep-pod.yaml",
        &format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: a}}\nspec:\n  containers:\n  - name: a\n    image: x\n    command: {brackets}\n"
        ),
    );
    let (out, took) = timed(&["kube", "play", &pod]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nesting deeper than 128 levels"));
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Brackets in a quoted string are text, not nesting.
    let regex = write(
        "regex.yaml",
        &format!(
            "services:\n  a:\n    image: x\n    command: ['grep', '{}']\n",
            "[".repeat(300)
        ),
    );
    env.ok(&["compose", "-f", &regex, "config"]);

    // 20 000 services, each extending the next one down: linear, no deep recursion.
    let mut chain = String::from("services:\n");
    for i in (1..20_000).rev() {
        chain.push_str(&format!("  s{i}:\n    extends: s{}\n", i - 1));
    }
    chain.push_str("  s0:\n    image: x\n    environment: [FROM_THE_BOTTOM=1]\n");
    let chain = write("chain.yaml", &chain);
    let (out, took) = timed(&["compose", "-f", &chain, "config", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        model["services"]["s19999"]["environment"]["FROM_THE_BOTTOM"],
        "1"
    );
    assert!(took < Duration::from_secs(60), "{took:?}");
    let cycle = write(
        "cycle.yaml",
        "services:\n  a:\n    extends: b\n  b:\n    extends: a\n    image: x\n",
    );
    let (out, _) = timed(&["compose", "-f", &cycle, "config"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("circular reference"));
    // Across files: 100 links load, each file once; 400 are refused at the bound.
    for i in 0..400 {
        let text = if i == 399 || i == 99 {
            "services:\n  s:\n    image: x\n".to_string()
        } else {
            format!(
                "services:\n  s:\n    extends: {{file: f{}.yaml, service: s}}\n",
                i + 1
            )
        };
        let name = if i == 99 {
            "f99.yaml".to_string()
        } else {
            format!("f{i}.yaml")
        };
        write(&name, &text);
    }
    let (out, took) = timed(&[
        "compose",
        "-f",
        dir.join("f0.yaml").to_str().unwrap(),
        "config",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    write(
        "f99.yaml",
        "services:\n  s:\n    extends: {file: f100.yaml, service: s}\n",
    );
    let (out, took) = timed(&[
        "compose",
        "-f",
        dir.join("f0.yaml").to_str().unwrap(),
        "config",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("extends chain is longer than 128"));
    assert!(took < Duration::from_secs(20), "{took:?}");
    write(
        "x.yaml",
        "services:\n  s:\n    extends: {file: y.yaml, service: s}\n",
    );
    write(
        "y.yaml",
        "services:\n  s:\n    extends: {file: x.yaml, service: s}\n",
    );
    let (out, _) = timed(&[
        "compose",
        "-f",
        dir.join("x.yaml").to_str().unwrap(),
        "config",
    ]);
    assert!(!out.status.success() && out.status.code().is_some());
    // Includes nested without end, and aliases that expand without end.
    for i in 0..200 {
        write(
            &format!("inc{i}.yaml"),
            &format!(
                "include: [inc{}.yaml]\nservices:\n  s{i}:\n    image: x\n",
                i + 1
            ),
        );
    }
    write("inc200.yaml", "services:\n  last:\n    image: x\n");
    let (out, took) = timed(&[
        "compose",
        "-f",
        dir.join("inc0.yaml").to_str().unwrap(),
        "config",
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("includes nest deeper than 128"));
    assert!(took < Duration::from_secs(20), "{took:?}");
    let mut laughs =
        String::from("x-laughs:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        laughs.push_str(&format!(
            "  a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    laughs.push_str("services:\n  a:\n    image: x\n    command: *a9\n");
    let laughs = write("laughs.yaml", &laughs);
    let (out, took) = timed(&["compose", "-f", &laughs, "config"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("repetition limit"));
    assert!(took < Duration::from_secs(5), "{took:?}");
    // An env_file that is a FIFO.
    let fifo = dir.join("fifo.env");
    sh(Command::new("mkfifo").arg(&fifo));
    let f = write(
        "fifo.yaml",
        "services:\n  a:\n    image: x\n    env_file: fifo.env\n",
    );
    let (out, took) = timed(&["compose", "-f", &f, "config"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    assert!(took < Duration::from_secs(5), "{took:?}");
}

/// A count no machine runs (`deploy.replicas: 2147483647`, `--scale`, a
/// Deployment's replicas) is refused before anything is made: once it
/// aborted ccr allocating memory for it.
#[test]
fn huge_replica_counts_are_refused_before_anything_is_made() {
    let env = Env::new();
    env.busybox("localhost/busybox:many");
    let dir = env.path("many");
    std::fs::create_dir_all(&dir).unwrap();
    let compose = dir.join("compose.yaml");
    let nothing_made = |what: &str| {
        assert_eq!(env.ok(&["ps", "-aq"]), "", "{what} made containers");
        let nets = env.ok(&["network", "ls", "--format", "{{.Name}}"]);
        assert!(!nets.contains("many"), "{what} made a network: {nets}");
    };
    std::fs::write(
        &compose,
        "services:\n  s:\n    image: localhost/busybox:many\n    command: sleep 5\n    deploy:\n      replicas: 2147483647\n",
    )
    .unwrap();
    let c = compose.to_str().unwrap();
    let out = env.run(&["compose", "-f", c, "up", "-d"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2147483647 replicas"));
    nothing_made("deploy.replicas");
    std::fs::write(
        &compose,
        "services:\n  s:\n    image: localhost/busybox:many\n    command: sleep 5\n",
    )
    .unwrap();
    let out = env.run(&["compose", "-f", c, "up", "-d", "--scale", "s=2147483647"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 1000 containers"));
    nothing_made("--scale");
    let dep = dir.join("many-dep.yaml");
    std::fs::write(
        &dep,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: many}\nspec:\n  replicas: 2147483647\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n      - name: c\n        image: localhost/busybox:many\n        command: [sleep, \"5\"]\n",
    )
    .unwrap();
    let out = env.run(&["kube", "play", dep.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2147483647 replicas"));
    nothing_made("a Deployment");
    // Sizes and counts of run, as docker checks them: an overflowing size
    // is refused, not saturated; memory at least 6 MB; CPUs up to the machine's.
    for (flag, value, says) in [
        ("--memory", "99999999999999g", "invalid --memory"),
        ("--shm-size", "99999999999999999999", "invalid --shm-size"),
        ("--memory", "1m", "minimum memory limit allowed is 6MB"),
        ("--cpus", "1e300", "range of CPUs is from 0.01"),
        ("--cpus", "0.001", "range of CPUs is from 0.01"),
    ] {
        let err = env.fails(&["run", "--rm", flag, value, "localhost/busybox:many", "true"]);
        assert!(err.contains(says), "{flag} {value}: {err}");
    }
    nothing_made("run with limits out of range");
}
