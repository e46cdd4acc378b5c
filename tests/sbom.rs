//! SBOMs checked against the peers: syft 1.18.1 must find the same
//! packages (type, name, version, PURL) in the same images; the SPDX and
//! CycloneDX documents must pass pyspdxtools and cyclonedx-python-lib's
//! schema validation and be readable by `syft convert`; `sbom diff` must
//! see no difference between two SBOMs of the same content (even one by
//! syft) and name what changed between two images.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{Env, json, require, sh};

const PEERS: &str = "/opt/ccr-peers";

fn peers() -> PathBuf {
    PathBuf::from(std::env::var("CCR_PEERS").unwrap_or_else(|_| PEERS.into()))
}

fn syft() -> Command {
    require("syft");
    let mut c = Command::new("syft");
    c.env("SYFT_CHECK_FOR_APP_UPDATE", "false").arg("-q");
    c
}

type Set = BTreeMap<(String, String, String, String), usize>;

/// The (type, name, version, purl) multiset of a syft or ccr JSON document.
fn package_set(doc: &serde_json::Value) -> Set {
    let mut m = Set::new();
    for a in doc["artifacts"].as_array().expect("artifacts") {
        let k = (
            a["type"].as_str().unwrap().to_string(),
            a["name"].as_str().unwrap().to_string(),
            a["version"].as_str().unwrap().to_string(),
            a["purl"].as_str().unwrap_or("").to_string(),
        );
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

/// syft's package set of a local image, read from `ccr save`'s archive.
fn syft_set(env: &Env, image: &str) -> Set {
    let archive = env.path(&format!("{}.tar", image.replace(['/', ':'], "_")));
    env.ok(&["save", "-o", archive.to_str().unwrap(), image]);
    let out = sh(syft()
        .arg(format!("oci-archive:{}", archive.display()))
        .args(["-o", "json"]));
    package_set(&json(&out))
}

fn ccr_set(env: &Env, target: &str) -> Set {
    package_set(&json(&env.ok(&["sbom", "-q", "-o", "json", target])))
}

fn assert_same(ours: &Set, theirs: &Set, what: &str) {
    let only = |a: &Set, b: &Set| -> Vec<String> {
        a.iter()
            .filter(|(k, n)| b.get(*k) != Some(n))
            .map(|(k, n)| format!("{k:?} x{n}"))
            .collect()
    };
    assert!(
        ours == theirs,
        "{what}: package sets differ\nonly ccr: {:#?}\nonly syft: {:#?}",
        only(ours, theirs),
        only(theirs, ours)
    );
}

/// Imports the tree at `dir` as a one-layer image.
fn import_dir(env: &Env, dir: &Path, name: &str) {
    let mut tar = Command::new("tar")
        .args(["--numeric-owner", "-C"])
        .arg(dir)
        .args(["-cf", "-", "."])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = env
        .cmd(&["import", "-", name])
        .stdin(tar.stdout.take().unwrap())
        .output()
        .unwrap();
    assert!(
        tar.wait().unwrap().success(),
        "tar of {} failed",
        dir.display()
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A Debian-based tree with what each language cataloger looks for: two
/// wheels installed by pip, npm packages, Debian's registry (a Go binary),
/// a cargo-auditable binary, and an rpm database.
fn mixed_tree(env: &Env) -> PathBuf {
    let fx = peers().join("sbom");
    assert!(
        fx.join("auditable-hello").is_file(),
        "SBOM fixtures missing; run tests/setup.sh first"
    );
    let root = env.path("mixed");
    for d in [
        "etc",
        "usr/bin",
        "usr/local/bin",
        "app/node_modules",
        "usr/lib/python3/site-packages",
    ] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(
        root.join("etc/os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n",
    )
    .unwrap();
    let wheels: Vec<PathBuf> = std::fs::read_dir(fx.join("wheels"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sh(Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
        ])
        .arg(root.join("usr/lib/python3/site-packages"))
        .args(&wheels)
        .env("PIP_BREAK_SYSTEM_PACKAGES", "1")
        .env("PIP_DISABLE_PIP_VERSION_CHECK", "1"));
    sh(Command::new("cp")
        .arg("-r")
        .arg(fx.join("node/."))
        .arg(root.join("app/node_modules")));
    sh(Command::new("cp")
        .arg("/usr/bin/docker-registry")
        .arg(root.join("usr/bin/")));
    sh(Command::new("cp")
        .arg(fx.join("auditable-hello"))
        .arg(root.join("usr/local/bin/")));
    sh(Command::new("cp")
        .arg("-a")
        .arg(fx.join("rpmroot/var"))
        .arg(&root));
    root
}

#[test]
fn the_package_sets_equal_syfts() {
    let env = Env::new();
    env.busybox("localhost/busybox:latest");
    assert_same(
        &ccr_set(&env, "localhost/busybox:latest"),
        &syft_set(&env, "localhost/busybox:latest"),
        "busybox",
    );

    let root = mixed_tree(&env);
    import_dir(&env, &root, "localhost/mixed:1");
    let ours = ccr_set(&env, "localhost/mixed:1");
    assert_same(&ours, &syft_set(&env, "localhost/mixed:1"), "mixed");
    let types: std::collections::BTreeSet<&str> = ours.keys().map(|k| k.0.as_str()).collect();
    for t in ["python", "npm", "go-module", "rust-crate", "rpm"] {
        assert!(types.contains(t), "no {t} package found: {types:?}");
    }
    // The build dependency of the Rust binary is not in it.
    assert!(!ours.keys().any(|k| k.1 == "cc"), "{ours:?}");
    assert!(
        ours.keys()
            .any(|k| k.0 == "rust-crate" && k.1 == "itoa" && k.3 == "pkg:cargo/itoa@1.0.11")
    );

    // Several layers: what a later layer deletes (a whiteout) is gone,
    // what it replaces counts once, as in syft's squashed view.
    let ctx = env.path("layered");
    std::fs::create_dir_all(&ctx).unwrap();
    sh(Command::new("cp")
        .arg("-a")
        .arg(&root)
        .arg(ctx.join("mixed")));
    std::fs::write(
        ctx.join("Dockerfile"),
        "FROM localhost/busybox:latest\nCOPY mixed/ /\nRUN rm -rf /usr/lib/python3/site-packages/six-1.16.0.dist-info /app/node_modules/@types\nRUN sed -i 's/\"version\": \"2.1.3\"/\"version\": \"2.1.4\"/' /app/node_modules/ms/package.json\n",
    )
    .unwrap();
    env.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/layered:1",
        ctx.to_str().unwrap(),
    ]);
    let layered = ccr_set(&env, "localhost/layered:1");
    assert_same(&layered, &syft_set(&env, "localhost/layered:1"), "layered");
    // The build extracted the layers; read straight from the blobs instead
    // (nothing extracted), the packages are the same.
    let snapshots = env.data_root().join("snapshots/layers");
    assert!(std::fs::read_dir(&snapshots).unwrap().count() > 0);
    std::fs::remove_dir_all(&snapshots).unwrap();
    std::fs::create_dir_all(&snapshots).unwrap();
    assert_same(
        &ccr_set(&env, "localhost/layered:1"),
        &layered,
        "layered, from the blobs",
    );
    assert_eq!(
        std::fs::read_dir(&snapshots).unwrap().count(),
        0,
        "an SBOM extracts nothing"
    );
    assert!(
        !layered
            .keys()
            .any(|k| k.1 == "six" || k.1.starts_with("@types")),
        "{layered:?}"
    );
    assert!(
        layered.keys().any(|k| k.1 == "ms" && k.2 == "2.1.4"),
        "{layered:?}"
    );

    // An Alpine-like tree: the apk database, and a busybox binary its
    // package owns (so no separate binary package, as syft decides).
    let alpine = env.path("alpine");
    std::fs::create_dir_all(alpine.join("lib/apk/db")).unwrap();
    std::fs::create_dir_all(alpine.join("etc")).unwrap();
    std::fs::create_dir_all(alpine.join("bin")).unwrap();
    std::fs::copy("/bin/busybox", alpine.join("bin/busybox")).unwrap();
    std::fs::write(
        alpine.join("etc/os-release"),
        "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n",
    )
    .unwrap();
    std::fs::write(
        alpine.join("lib/apk/db/installed"),
        "C:Q1abc=\nP:busybox\nV:1.36.1-r15\nA:x86_64\nS:500000\nI:900000\nT:Size optimized toolbox\nL:GPL-2.0-only\no:busybox\nm:Sören Tempel <soeren+alpine@soeren-tempel.net>\nF:bin\nR:busybox\n\nC:Q1def=\nP:musl-utils\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT AND BSD-2-Clause AND GPL-2.0-or-later\no:musl\nF:usr/bin\nR:ldd\n\n",
    )
    .unwrap();
    import_dir(&env, &alpine, "localhost/alpine-like:1");
    let ours = ccr_set(&env, "localhost/alpine-like:1");
    assert_same(
        &ours,
        &syft_set(&env, "localhost/alpine-like:1"),
        "alpine-like",
    );
    assert!(!ours.keys().any(|k| k.0 == "binary"), "{ours:?}");

    // The same tree as a directory (catalogued as a root filesystem, as an
    // image is: syft reads directories as source trees instead), and as an
    // OCI layout on disk.
    let dir_set = ccr_set(&env, root.to_str().unwrap());
    assert_same(
        &dir_set,
        &ccr_set(&env, "localhost/mixed:1"),
        "mixed as a directory",
    );
    let layout = env.path("layout");
    std::fs::create_dir_all(&layout).unwrap();
    env.ok(&[
        "save",
        "-o",
        env.path("m.tar").to_str().unwrap(),
        "localhost/mixed:1",
    ]);
    sh(Command::new("tar")
        .arg("-xf")
        .arg(env.path("m.tar"))
        .arg("-C")
        .arg(&layout));
    let from_layout = ccr_set(&env, &format!("oci-dir:{}", layout.display()));
    assert_same(
        &from_layout,
        &ccr_set(&env, "localhost/mixed:1"),
        "the layout of mixed",
    );
}

#[test]
fn debian_minbase_equals_syft() {
    let env = Env::new();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("rootfs-tools/debian-image.sh");
    sh(Command::new(script)
        .arg("localhost/debian:minbase")
        .env("CCR", common::ccr_bin())
        .env("CCR_DATA_ROOT", env.data_root()));
    let ours = ccr_set(&env, "localhost/debian:minbase");
    assert!(ours.len() > 50, "{ours:?}");
    assert!(
        ours.keys()
            .any(|k| k.1 == "libc6" && k.3.contains("upstream=glibc"))
    );
    assert_same(
        &ours,
        &syft_set(&env, "localhost/debian:minbase"),
        "debian minbase",
    );
}

#[test]
fn documents_validate_and_syft_reads_them() {
    require("pyspdxtools");
    let env = Env::new();
    let root = mixed_tree(&env);
    import_dir(&env, &root, "localhost/mixed:1");
    let spdx = env.path("m.spdx.json");
    env.ok(&[
        "sbom",
        "-q",
        "-o",
        "spdx-json",
        "--file",
        spdx.to_str().unwrap(),
        "localhost/mixed:1",
    ]);
    let out = Command::new("pyspdxtools")
        .arg("-i")
        .arg(&spdx)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success() && said.trim().is_empty(),
        "pyspdxtools: {said}"
    );
    let doc = json(&std::fs::read_to_string(&spdx).unwrap());
    assert_eq!(doc["spdxVersion"], "SPDX-2.3");
    assert!(
        doc["packages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["filesAnalyzed"] == false)
    );

    for (format, schema) in [("cyclonedx-json@1.5", "V1_5"), ("cyclonedx-json", "V1_6")] {
        let cdx = env.path(&format!("m-{schema}.cdx.json"));
        env.ok(&[
            "sbom",
            "-q",
            "-o",
            format,
            "--file",
            cdx.to_str().unwrap(),
            "localhost/mixed:1",
        ]);
        let check = format!(
            "import sys\nfrom cyclonedx.validation.json import JsonStrictValidator\nfrom cyclonedx.schema import SchemaVersion\ne = JsonStrictValidator(SchemaVersion.{schema}).validate_str(open(sys.argv[1]).read())\nsys.exit(0 if e is None else str(e))"
        );
        sh(Command::new("python3").args(["-c", &check]).arg(&cdx));
        // syft reads what ccr wrote, package for package.
        let converted = json(&sh(syft().arg("convert").arg(&cdx).args(["-o", "json"])));
        let ours = ccr_set(&env, "localhost/mixed:1");
        let names = |s: &Set| {
            s.keys()
                .map(|k| (k.1.clone(), k.2.clone()))
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert_eq!(names(&package_set(&converted)), names(&ours), "{format}");
    }
    let converted = json(&sh(syft().arg("convert").arg(&spdx).args(["-o", "json"])));
    assert_eq!(
        converted["artifacts"].as_array().unwrap().len(),
        ccr_set(&env, "localhost/mixed:1").values().sum::<usize>()
    );
    // Unknown formats are refused with the list of known ones.
    let err = env.fails(&["sbom", "-o", "spdx-tag-value", "localhost/mixed:1"]);
    assert!(
        err.contains("spdx-tag-value") && err.contains("cyclonedx-json"),
        "{err}"
    );
    let err = env.fails(&["sbom", "-o", "cyclonedx-json@1.2", "localhost/mixed:1"]);
    assert!(err.contains("cyclonedx-json@1.2"), "{err}");
}

#[test]
fn diff_sees_only_what_changed() {
    let env = Env::new();
    let root = mixed_tree(&env);
    import_dir(&env, &root, "localhost/mixed:1");
    let a = env.path("a.spdx.json");
    env.ok(&[
        "sbom",
        "-q",
        "-o",
        "spdx-json",
        "--file",
        a.to_str().unwrap(),
        "localhost/mixed:1",
    ]);
    // Another run (new namespace, timestamp) in another format: no difference.
    let b = env.path("b.cdx.json");
    env.ok(&[
        "sbom",
        "-q",
        "-o",
        "cyclonedx-json",
        "--file",
        b.to_str().unwrap(),
        "localhost/mixed:1",
    ]);
    assert_ne!(
        json(&std::fs::read_to_string(&a).unwrap())["documentNamespace"],
        json(&env.ok(&["sbom", "-q", "-o", "spdx-json", "localhost/mixed:1"]))["documentNamespace"]
    );
    let out = env.run(&["sbom", "diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    // syft's SBOM of the same image: the same packages (licenses are each tool's reading).
    env.ok(&[
        "save",
        "-o",
        env.path("m.tar").to_str().unwrap(),
        "localhost/mixed:1",
    ]);
    let theirs = env.path("syft.spdx.json");
    std::fs::write(
        &theirs,
        sh(syft()
            .arg(format!("oci-archive:{}", env.path("m.tar").display()))
            .args(["-o", "spdx-json"])),
    )
    .unwrap();
    let out = env.run(&[
        "sbom",
        "diff",
        "--ignore-licenses",
        theirs.to_str().unwrap(),
        a.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A second layer removes one wheel and upgrades an npm package.
    std::fs::remove_dir_all(
        std::fs::read_dir(root.join("usr/lib/python3/site-packages"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains("six-1.16.0.dist-info"))
            .unwrap(),
    )
    .unwrap();
    let pj = root.join("app/node_modules/ms/package.json");
    let mut v = json(&std::fs::read_to_string(&pj).unwrap());
    v["version"] = "9.9.9".into();
    std::fs::write(&pj, v.to_string()).unwrap();
    import_dir(&env, &root, "localhost/mixed:2");
    let out = env.run(&["sbom", "diff", a.to_str().unwrap(), "localhost/mixed:2"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("- python six 1.16.0"), "{text}");
    assert!(text.contains("~ npm ms: version 2.1.3 -> 9.9.9"), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
    let report = json(
        &env.run(&[
            "sbom",
            "diff",
            "--format",
            "json",
            "localhost/mixed:1",
            "localhost/mixed:2",
        ])
        .stdout
        .iter()
        .map(|&b| b as char)
        .collect::<String>(),
    );
    assert_eq!(report["removed"].as_array().unwrap().len(), 1);
    assert_eq!(report["changed"][0]["after"]["version"], "9.9.9");

    // What is not an SBOM is refused plainly.
    let notsbom = env.path("x.json");
    std::fs::write(&notsbom, "{\"hello\": 1}").unwrap();
    let err = env.fails(&[
        "sbom",
        "diff",
        notsbom.to_str().unwrap(),
        a.to_str().unwrap(),
    ]);
    assert!(err.contains("not an SBOM"), "{err}");
}

#[test]
fn an_encrypted_image_is_catalogued_with_its_key_only() {
    let env = Env::new();
    env.busybox("localhost/busybox:latest");
    let key = env.path("priv.pem");
    let public = env.path("pub.pem");
    sh(Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&key));
    sh(Command::new("openssl")
        .args(["pkey", "-pubout", "-in"])
        .arg(&key)
        .arg("-out")
        .arg(&public));
    env.ok(&[
        "image",
        "encrypt",
        "--recipient",
        &format!("jwe:{}", public.display()),
        "localhost/busybox:latest",
        "localhost/busybox:enc",
    ]);
    let err = env.fails(&["sbom", "-q", "localhost/busybox:enc"]);
    assert!(err.to_lowercase().contains("key"), "{err}");
    let out = env.ok(&[
        "sbom",
        "-q",
        "-o",
        "json",
        "--decryption-key",
        key.to_str().unwrap(),
        "localhost/busybox:enc",
    ]);
    assert_same(
        &package_set(&json(&out)),
        &ccr_set(&env, "localhost/busybox:latest"),
        "encrypted busybox",
    );
    // Read from the blobs, decrypted in memory: nothing was extracted.
    let snapshots = env.data_root().join("snapshots/layers");
    assert_eq!(
        std::fs::read_dir(&snapshots)
            .map(|d| d.count())
            .unwrap_or(0),
        0
    );
}
