//! Pull and push against a real docker-registry, and interop with skopeo.

mod common;

use std::process::Command;

use common::*;

#[test]
fn push_then_pull_by_tag_and_by_digest_is_byte_identical() {
    let reg = Registry::start();
    let a = Env::new();
    let name = format!("{}/app/roundtrip:v1", reg.host());
    let manifest = a.import_random(&name, 1, 300_000, None);
    let digests = |env: &Env| {
        env.ok(&[
            "images",
            "--digests",
            "--format",
            "{{.Repository}}:{{.Tag}} {{.Digest}}",
        ])
    };
    // As docker: no repository digest before the repository holds it.
    assert_eq!(digests(&a).trim(), format!("{name} <none>"));
    let out = a.ok(&["push", &name]);
    assert!(out.contains(&format!("v1: digest: {manifest}")), "{out}");
    // Pushed: the repository's digest shows, on its other tags too, not
    // on a tag in another repository.
    let same_repo = format!("{}/app/roundtrip:v2", reg.host());
    a.ok(&["tag", &name, &same_repo]);
    a.ok(&["tag", &name, "elsewhere:v1"]);
    let listed = digests(&a);
    let mut lines: Vec<&str> = listed.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("{name} {manifest}"),
            format!("{same_repo} {manifest}"),
            "elsewhere:v1 <none>".to_string()
        ],
        "{listed}"
    );
    let inspect = a.ok(&[
        "image",
        "inspect",
        "--format",
        "{{json .RepoDigests}}",
        "elsewhere:v1",
    ]);
    assert_eq!(
        inspect.trim(),
        format!("[\"{}/app/roundtrip@{manifest}\"]", reg.host())
    );

    let b = Env::new();
    let out = b.ok(&["pull", &name]);
    assert!(out.contains(&format!("Digest: {manifest}")), "{out}");
    assert!(out.trim_end().ends_with(&name), "{out}");
    assert_eq!(a.blobs(), b.blobs(), "same content in both stores");
    for hex in a.blobs() {
        assert_eq!(a.blob(&hex), b.blob(&hex));
    }
    let listed = b.ok(&[
        "images",
        "--digests",
        "--format",
        "{{.Repository}}:{{.Tag}} {{.Digest}}",
    ]);
    assert_eq!(
        listed.trim(),
        format!("{}/app/roundtrip:v1 {manifest}", reg.host())
    );

    // By digest, into a third store.
    let c = Env::new();
    let by_digest = format!("{}/app/roundtrip@{manifest}", reg.host());
    c.ok(&["pull", "-q", &by_digest]);
    assert_eq!(c.blobs(), a.blobs());
    let listed = c.ok(&["images", "--format", "{{.Tag}} {{.Digest}}"]);
    assert_eq!(listed.trim(), format!("<none> {manifest}"));

    // Pulling again changes nothing and says so.
    let again = b.ok(&["pull", &name]);
    assert!(again.contains("Image is up to date"), "{again}");
    assert!(again.contains("Already exists"), "{again}");
}

#[test]
fn multi_platform_index_push_and_pull_per_platform() {
    let reg = Registry::start();
    let a = Env::new();
    let amd = a.import_random("local/multi:amd64", 10, 50_000, Some("linux/amd64"));
    let arm = a.import_random("local/multi:arm64", 11, 60_000, Some("linux/arm64"));
    let list = format!("{}/multi:latest", reg.host());
    let out = a.ok(&[
        "manifest",
        "create",
        &list,
        "local/multi:amd64",
        "local/multi:arm64",
    ]);
    let index_digest = out.lines().last().unwrap().trim().to_string();
    a.ok(&["push", &list]);

    // skopeo sees an index with both platforms.
    require("skopeo");
    let raw = sh(Command::new("skopeo").args([
        "inspect",
        "--raw",
        "--tls-verify=false",
        &format!("docker://{list}"),
    ]));
    let idx = json(&raw);
    let platforms: Vec<String> = idx["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}:{}",
                m["platform"]["architecture"].as_str().unwrap(),
                m["digest"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        platforms,
        vec![format!("amd64:{amd}"), format!("arm64:{arm}")]
    );

    // One platform: its manifest and layers only, under the index digest.
    let b = Env::new();
    b.ok(&["pull", "--platform", "linux/arm64", &list]);
    let inspect = json(&b.ok(&["image", "inspect", "--platform", "linux/arm64", &list]));
    assert_eq!(inspect[0]["Architecture"], "arm64");
    assert_eq!(inspect[0]["Id"], index_digest.as_str());
    assert_eq!(inspect[0]["Manifest"]["digest"], arm.as_str());
    let err = b.fails(&["image", "inspect", "--platform", "linux/amd64", &list]);
    assert!(
        err.contains("no manifest for platform linux/amd64"),
        "{err}"
    );
    assert!(!b.blobs().contains(&amd[7..].to_string()));

    // The partial index cannot be pushed whole; one platform of it can.
    let err = b.fails(&["push", "--all-platforms", &list]);
    assert!(
        err.contains("not in the local store") && err.contains("linux/amd64"),
        "{err}"
    );
    let arm_only = format!("{}/multi:arm-only", reg.host());
    b.ok(&["tag", &list, &arm_only]);
    let out = b.ok(&["push", "--platform", "linux/arm64", &arm_only]);
    assert!(out.contains(&format!("arm-only: digest: {arm}")), "{out}");

    // All platforms.
    let c = Env::new();
    c.ok(&["pull", "--all-platforms", &list]);
    let plats = c.ok(&["images", "--format", "{{.Platform}}"]);
    assert_eq!(plats.trim(), "linux/amd64, linux/arm64");
    assert!(c.blobs().contains(&amd[7..].to_string()) && c.blobs().contains(&arm[7..].to_string()));

    // A platform the index does not have.
    let d = Env::new();
    let err = d.fails(&["pull", "--platform", "linux/s390x", &list]);
    assert!(
        err.contains("linux/s390x") && err.contains("linux/arm64"),
        "{err}"
    );
    assert!(d.image_names().is_empty());
}

#[test]
fn skopeo_reads_what_ccr_pushes_and_ccr_pulls_what_skopeo_pushes() {
    require("skopeo");
    let reg = Registry::start();
    let a = Env::new();
    let name = format!("{}/interop/by-ccr:1", reg.host());
    let manifest = a.import_random(&name, 20, 100_000, None);
    a.ok(&["push", &name]);
    let info = json(&sh(Command::new("skopeo").args([
        "inspect",
        "--tls-verify=false",
        &format!("docker://{name}"),
    ])));
    assert_eq!(info["Digest"], manifest.as_str());
    let oci_dir = a.path("skopeo-oci");
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        &format!("docker://{name}"),
        &format!("oci:{}:copied", oci_dir.display()),
    ]));
    // skopeo kept every blob byte for byte.
    for hex in a.blobs() {
        let copied = std::fs::read(oci_dir.join("blobs/sha256").join(&hex)).unwrap();
        assert_eq!(copied, a.blob(&hex));
    }

    // skopeo pushes (from an archive ccr saved), ccr pulls.
    let archive = a.path("saved.tar");
    a.ok(&["save", "-o", archive.to_str().unwrap(), &name]);
    let pushed_by_skopeo = format!("{}/interop/by-skopeo:2", reg.host());
    sh(Command::new("skopeo").args([
        "copy",
        "--dest-tls-verify=false",
        &format!("oci-archive:{}:1", archive.display()),
        &format!("docker://{pushed_by_skopeo}"),
    ]));
    let b = Env::new();
    b.ok(&["pull", &pushed_by_skopeo]);
    assert_eq!(
        b.image_names(),
        vec![format!("{}/interop/by-skopeo:2", reg.host())]
    );
    let digest = b.ok(&["images", "--format", "{{.Digest}}"]);
    let expected = json(&sh(Command::new("skopeo").args([
        "inspect",
        "--tls-verify=false",
        &format!("docker://{pushed_by_skopeo}"),
    ])));
    assert_eq!(digest.trim(), expected["Digest"].as_str().unwrap());

    // A docker-save archive written by skopeo loads into ccr.
    let docker_tar = a.path("docker.tar");
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        &format!("docker://{name}"),
        &format!("docker-archive:{}:example/legacy:3", docker_tar.display()),
    ]));
    let c = Env::new();
    let out = c.ok(&["load", "-i", docker_tar.to_str().unwrap()]);
    assert_eq!(out.trim(), "Loaded image: example/legacy:3");
    let inspect = json(&c.ok(&["image", "inspect", "example/legacy:3"]));
    let orig = json(&a.ok(&["image", "inspect", &name]));
    assert_eq!(
        inspect[0]["RootFS"], orig[0]["RootFS"],
        "same layers (diff ids)"
    );
}

#[test]
fn login_logout_against_an_htpasswd_registry() {
    let reg = Registry::start_with_auth("alice", "s3cret");
    let a = Env::new();
    let name = format!("{}/private/app:1", reg.host());
    a.import_random(&name, 30, 10_000, None);

    let err = a.fails(&["push", &name]);
    assert!(
        err.contains("denied access") && err.contains("ccr login"),
        "{err}"
    );

    let err = a.fails(&["login", "-u", "alice", "-p", "wrong", &reg.host()]);
    assert!(err.contains("incorrect username or password"), "{err}");
    assert!(
        !a.path("docker/config.json").exists(),
        "a failed login stores nothing"
    );

    let mut login = a.cmd(&["login", "-u", "alice", "--password-stdin", &reg.host()]);
    login
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = login.spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"s3cret\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Login Succeeded"
    );
    let cfg = json(&std::fs::read_to_string(a.path("docker/config.json")).unwrap());
    assert!(cfg["auths"][reg.host()]["auth"].is_string());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(a.path("docker/config.json"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    a.ok(&["push", &name]);
    a.ok(&["rmi", &name]);
    a.ok(&["pull", &name]);

    let out = a.ok(&["logout", &reg.host()]);
    assert!(out.contains("Removing login credentials"), "{out}");
    let b_err = a.fails(&["pull", &name]);
    assert!(b_err.contains("denied access"), "{b_err}");
}

#[test]
fn refusals_leave_the_store_unchanged() {
    let reg = Registry::start();
    let a = Env::new();

    let err = a.fails(&["pull", "Not/Valid:ref"]);
    assert!(err.contains("invalid reference format"), "{err}");
    let err = a.fails(&["pull", "a//b"]);
    assert!(err.contains("invalid reference format"), "{err}");

    let err = a.fails(&["pull", &format!("{}/nothing/here:v9", reg.host())]);
    assert!(err.contains("not found"), "{err}");

    let closed = free_port();
    let err = a.fails(&["pull", &format!("127.0.0.1:{closed}/x:1")]);
    assert!(err.contains("cannot reach registry"), "{err}");
    assert!(a.image_names().is_empty());
    assert!(a.blobs().is_empty());

    // A layer altered in the registry's storage after the push.
    let name = format!("{}/tamper/me:1", reg.host());
    a.import_random(&name, 40, 200_000, None);
    a.ok(&["push", &name]);
    let inspect = json(&a.ok(&["image", "inspect", &name]));
    let manifest_digest = inspect[0]["Manifest"]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    let manifest = json(&String::from_utf8(a.blob(&manifest_digest[7..])).unwrap());
    let layer = manifest["layers"][0]["digest"]
        .as_str()
        .unwrap()
        .to_string();
    let file = reg.blob_file(&layer[7..]);
    let mut data = std::fs::read(&file).unwrap();
    let mid = data.len() / 2;
    data[mid] ^= 0xff;
    std::fs::write(&file, &data).unwrap();

    let b = Env::new();
    let err = b.fails(&["pull", &name]);
    assert!(err.contains(&layer), "the error names the digest: {err}");
    assert!(err.contains("verification failed"), "{err}");
    assert!(b.image_names().is_empty(), "no half image is visible");
    assert!(!b.blobs().contains(&layer[7..].to_string()));
    let partial = b.data_root().join("content/ingest").join(&layer[7..]);
    assert!(!partial.exists(), "corrupt data is not kept for resuming");
}

#[test]
fn interrupted_pull_leaves_a_consistent_store_and_a_retry_resumes() {
    let reg = Registry::start();
    let a = Env::new();
    let name = format!("{}/big/image:1", reg.host());
    a.import_random(&name, 50, 12 << 20, None);
    a.ok(&["push", &name]);
    let total: u64 = a.blobs().iter().map(|h| a.blob(h).len() as u64).sum();

    // The connection drops after 5 MiB of responses.
    let proxy = CuttingProxy::start(reg.port, 5 << 20);
    let via_proxy = format!("{}/big/image:1", proxy.host());
    let b = Env::new();
    let err = b.fails(&["pull", &via_proxy]);
    assert!(!err.is_empty());
    assert!(b.image_names().is_empty(), "no half image is visible");
    let ingest: u64 = std::fs::read_dir(b.data_root().join("content/ingest"))
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(
        ingest > 1 << 20,
        "the partial download is kept ({ingest} bytes)"
    );

    // The registry comes back; the retry continues where it stopped.
    proxy
        .forwarded
        .store(0, std::sync::atomic::Ordering::Relaxed);
    proxy
        .cut_after
        .store(u64::MAX, std::sync::atomic::Ordering::Relaxed);
    b.ok(&["pull", &via_proxy]);
    let second = proxy.forwarded.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        second < total - (1 << 20),
        "the retry fetched {second} of {total} bytes: it did not resume"
    );
    assert_eq!(b.blobs().len(), a.blobs().len());
    for hex in a.blobs() {
        assert_eq!(a.blob(&hex), b.blob(&hex));
    }
    assert_eq!(b.image_names().len(), 1);
}

#[test]
fn registry_stopped_mid_pull_then_restarted() {
    let mut reg = Registry::start();
    let a = Env::new();
    let name = format!("{}/stop/mid:1", reg.host());
    a.import_random(&name, 60, 1 << 20, None);
    a.ok(&["push", &name]);
    reg.stop();
    let b = Env::new();
    let err = b.fails(&["pull", &name]);
    assert!(err.contains("cannot reach registry"), "{err}");
    assert!(b.image_names().is_empty());
    reg.restart();
    b.ok(&["pull", &name]);
    assert_eq!(b.image_names(), vec![name]);
}

#[test]
fn concurrent_pulls_into_one_store_do_not_corrupt_it() {
    let reg = Registry::start();
    let a = Env::new();
    let name = format!("{}/concurrent/pull:1", reg.host());
    a.import_random(&name, 70, 6 << 20, None);
    a.ok(&["push", &name]);
    let b = Env::new();
    let children: Vec<_> = (0..3)
        .map(|_| {
            b.cmd(&["pull", "-q", &name])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), name);
    }
    assert_eq!(b.image_names(), vec![name]);
    assert_eq!(a.blobs(), b.blobs());
    for hex in a.blobs() {
        assert_eq!(a.blob(&hex), b.blob(&hex));
    }
    let index = json(&std::fs::read_to_string(b.data_root().join("content/index.json")).unwrap());
    assert_eq!(index["manifests"].as_array().unwrap().len(), 1);
}

#[test]
fn zstd_layers_written_by_skopeo_pull_and_run() {
    require("skopeo");
    let env = Env::new();
    let a = Registry::start();
    let b = Registry::start();
    let src = format!("{}/zstd/base:1", a.host());
    env.busybox(&src);
    env.ok(&["push", "-q", &src]);
    // skopeo recompresses the layer with zstd (through an uncompressed
    // copy, into a registry that has never seen the gzip blob).
    let dir = env.path("uncompressed");
    sh(Command::new("skopeo").args([
        "copy",
        "-q",
        "--src-tls-verify=false",
        "--dest-decompress",
        &format!("docker://{src}"),
        &format!("dir:{}", dir.display()),
    ]));
    let dst = format!("{}/zstd/base:1", b.host());
    sh(Command::new("skopeo").args([
        "copy",
        "-q",
        "--dest-tls-verify=false",
        "--dest-compress-format",
        "zstd",
        &format!("dir:{}", dir.display()),
        &format!("docker://{dst}"),
    ]));
    let fresh = Env::new();
    fresh.ok(&["pull", "-q", &dst]);
    let m = json(&fresh.ok(&["manifest", "inspect", &dst]));
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+zstd"
    );
    let out = fresh.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        &dst,
        "/bin/busybox",
        "echo",
        "from-zstd",
    ]);
    assert_eq!(out, "from-zstd\n");
    // The same diff id as the gzip original: the same files.
    let diff = |e: &Env, r: &str| json(&e.ok(&["image", "inspect", r]))[0]["RootFS"].clone();
    assert_eq!(diff(&fresh, &dst), diff(&env, &src));
    // A zstd blob altered in the registry is refused, and nothing runs.
    let digest = m["layers"][0]["digest"].as_str().unwrap();
    let blob = b.blob_file(digest.trim_start_matches("sha256:"));
    let mut bytes = std::fs::read(&blob).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    std::fs::write(&blob, bytes).unwrap();
    let other = Env::new();
    other.fails(&["pull", "-q", &dst]);
    assert!(other.image_names().is_empty());
}

/// A platform the image does not have is refused before any layer is
/// looked at: no "Already exists" or "Pull complete" line first.
#[test]
fn a_missing_platform_is_refused_before_any_layer() {
    let reg = Registry::start();
    let env = Env::new();
    let name = format!("{}/plat/one:1", reg.host());
    env.import_random(&name, 5, 10_000, None);
    env.ok(&["push", "-q", &name]);
    let other = if std::env::consts::ARCH == "aarch64" {
        "linux/amd64"
    } else {
        "linux/arm64"
    };
    let out = env.run(&["pull", "--platform", other, &name]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("Already exists") && !stdout.contains("Pull complete"),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("no manifest for platform {other}"))
    );
}

#[test]
fn image_convert_recompresses_and_the_peers_read_it() {
    let reg = Registry::start();
    let a = Env::new();
    a.busybox("localhost/conv:gzip");
    let config_of =
        |image: &str| json(&a.ok(&["manifest", "inspect", image]))["config"]["digest"].clone();
    a.ok(&[
        "image",
        "convert",
        "--zstd",
        "localhost/conv:gzip",
        "localhost/conv:zstd",
    ]);
    a.ok(&[
        "image",
        "convert",
        "--uncompressed",
        "localhost/conv:zstd",
        "localhost/conv:raw",
    ]);
    // The content is the same: one config (and so the same diff ids) for all.
    assert_eq!(
        config_of("localhost/conv:zstd"),
        config_of("localhost/conv:gzip")
    );
    assert_eq!(
        config_of("localhost/conv:raw"),
        config_of("localhost/conv:gzip")
    );
    let raw = json(&a.ok(&["manifest", "inspect", "localhost/conv:raw"]));
    assert_eq!(
        raw["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar"
    );
    assert_eq!(
        a.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "localhost/conv:zstd",
            "echo",
            "from-zstd"
        ]),
        "from-zstd\n"
    );
    // Pushed, skopeo and umoci read the zstd layers.
    let name = format!("{}/conv/bb:zstd", reg.host());
    a.ok(&["tag", "localhost/conv:zstd", &name]);
    a.ok(&["push", "-q", &name]);
    require("skopeo");
    let m = json(&sh(Command::new("skopeo").args([
        "inspect",
        "--raw",
        "--tls-verify=false",
        &format!("docker://{name}"),
    ])));
    assert_eq!(
        m["layers"][0]["mediaType"],
        "application/vnd.oci.image.layer.v1.tar+zstd"
    );
    let layout = a.path("layout");
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        &format!("docker://{name}"),
        &format!("oci:{}:x", layout.display()),
    ]));
    // The zstd CLI reads the layer skopeo copied.
    let index = json(&std::fs::read_to_string(layout.join("index.json")).unwrap());
    let mdigest = index["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string();
    let m = json(&std::fs::read_to_string(layout.join("blobs/sha256").join(&mdigest)).unwrap());
    let blob = layout.join("blobs/sha256").join(
        m["layers"][0]["digest"]
            .as_str()
            .unwrap()
            .trim_start_matches("sha256:"),
    );
    let listing =
        sh(Command::new("sh").args(["-c", &format!("zstd -dc {} | tar -t", blob.display())]));
    assert!(
        listing.lines().any(|l| l.ends_with("bin/busybox")),
        "{listing}"
    );
    // umoci unpacks the uncompressed form.
    let plain = format!("{}/conv/bb:raw", reg.host());
    a.ok(&["tag", "localhost/conv:raw", &plain]);
    a.ok(&["push", "-q", &plain]);
    let layout2 = a.path("layout2");
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        &format!("docker://{plain}"),
        &format!("oci:{}:raw", layout2.display()),
    ]));
    require("umoci");
    let bundle = a.path("bundle");
    sh(Command::new("umoci")
        .args([
            "unpack",
            "--rootless",
            "--image",
            &format!("{}:raw", layout2.display()),
        ])
        .arg(&bundle));
    assert!(bundle.join("rootfs/bin/busybox").is_file());
    // Encrypted layers are not converted in place.
    sh(Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-out"])
        .arg(a.path("k.pem")));
    sh(Command::new("openssl")
        .args(["pkey", "-pubout", "-in"])
        .arg(a.path("k.pem"))
        .arg("-out")
        .arg(a.path("k.pub")));
    a.ok(&[
        "image",
        "encrypt",
        "--recipient",
        &format!("jwe:{}", a.path("k.pub").display()),
        "localhost/conv:gzip",
        "localhost/conv:enc",
    ]);
    let err = a.fails(&[
        "image",
        "convert",
        "--zstd",
        "localhost/conv:enc",
        "localhost/conv:x",
    ]);
    assert!(err.contains("decrypt the image first"), "{err}");
    assert!(!a.image_names().contains(&"localhost/conv:x".to_string()));
}
