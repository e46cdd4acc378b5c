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

#[test]
fn a_registry_that_sends_more_than_the_descriptor_says_fills_nothing() {
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
        (format!("sha256:{}", sha256_hex(&config)), config.clone()),
        (format!("sha256:{}", sha256_hex(&layer)), layer.clone()),
    ];
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
