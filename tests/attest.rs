//! Attestations against the real peers, both ways: cosign 2.5 and 3.1
//! verify what `ccr image attest` writes; ccr verifies what `cosign attest`
//! writes (2.5's `.att` layout, 3.1's bundles); refusals for a wrong key, an
//! attestation copied from another image, a tampered envelope and a
//! predicate type mismatch; the seed's SBOM flow end to end; an index
//! attested recursively with one SBOM per platform; `pull --verify-sbom`.

mod common;

use std::process::Command;

use common::{CuttingProxy, Env, Registry, cosign, json, sh};

const PW: &str = "test-password";

fn keys(env: &Env, prefix: &str) -> (String, String) {
    common::cosign_keys(env, prefix, PW)
}

fn ccr_pw(env: &Env, args: &[&str]) -> String {
    let out = env.cmd(args).env("COSIGN_PASSWORD", PW).output().unwrap();
    assert!(
        out.status.success(),
        "ccr {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `ccr image verify-attestation --key PUB --type T IMAGE`, which must pass.
fn verify_att(env: &Env, public: &str, kind: &str, image: &str) -> String {
    env.ok(&[
        "image",
        "verify-attestation",
        "--key",
        public,
        "--type",
        kind,
        image,
    ])
}

/// `ccr image attest --key KEY --sbom --type spdxjson IMAGE`.
fn attest_sbom(env: &Env, key: &str, image: &str) -> String {
    ccr_pw(
        env,
        &[
            "image", "attest", "--key", key, "--sbom", "--type", "spdxjson", image,
        ],
    )
}

/// cosign's `verify-attestation` of `image` (a registry on loopback, no log).
fn cosign_verify_attestation(suite: &str, public: &str, kind: &str, image: &str) -> Command {
    let mut c = cosign(suite);
    c.args([
        "verify-attestation",
        "--key",
        public,
        "--type",
        kind,
        "--insecure-ignore-tlog=true",
        "--allow-http-registry",
        image,
    ]);
    c
}

/// The busybox image, pushed to `reg` as `repo:1`.
fn busybox_pushed(env: &Env, reg: &Registry, repo: &str) -> String {
    env.busybox("localhost/busybox:latest");
    let name = format!("{}/{repo}:1", reg.host());
    env.ok(&["tag", "localhost/busybox:latest", &name]);
    env.ok(&["push", "-q", &name]);
    name
}

/// The statements in `cosign verify-attestation`'s (or ccr's) output.
fn statements(out: &str) -> Vec<serde_json::Value> {
    use base64::Engine;
    out.lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let env = json(l);
            let payload = base64::engine::general_purpose::STANDARD
                .decode(env["payload"].as_str().unwrap())
                .unwrap();
            serde_json::from_slice(&payload).unwrap()
        })
        .collect()
}

fn package_names(spdx: &serde_json::Value) -> Vec<String> {
    spdx["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ccr_attests_cosign_verifies_and_the_reverse() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let name = busybox_pushed(&a, &reg, "att/bb");
    let digest = common::remote_digest(&reg.host(), "att/bb", "1");

    let out = attest_sbom(&a, &key, &name);
    assert!(
        out.contains(&format!("Attested {}/att/bb@{digest}", reg.host())),
        "{out}"
    );
    // cosign 2.5 and 3.1 verify it.
    for suite in ["trixie", "sid"] {
        let out = sh(&mut cosign_verify_attestation(
            suite, &public, "spdxjson", &name,
        ));
        let st = statements(&out);
        assert_eq!(st.len(), 1, "{suite}: {out}");
        assert_eq!(st[0]["predicateType"], "https://spdx.dev/Document");
        assert_eq!(st[0]["subject"][0]["digest"]["sha256"], &digest[7..]);
        assert!(
            package_names(&st[0]["predicate"]).contains(&"busybox".to_string()),
            "{suite}"
        );
    }
    // ccr verifies its own, and prints cosign's shape.
    let out = verify_att(&a, &public, "spdxjson", &name);
    assert_eq!(statements(&out).len(), 1);
    // Attesting the same predicate again adds nothing... the SBOM differs
    // in namespace and time, so it is added; --replace keeps one.
    ccr_pw(
        &a,
        &[
            "image",
            "attest",
            "--key",
            &key,
            "--sbom",
            "--type",
            "spdxjson",
            "--replace",
            &name,
        ],
    );
    let out = verify_att(&a, &public, "spdxjson", &name);
    assert_eq!(statements(&out).len(), 1, "{out}");

    // cosign 2.5 attests (the .att layout); ccr verifies.
    let pred = a.path("cdx.json");
    std::fs::write(&pred, a.ok(&["sbom", "-q", "-o", "cyclonedx-json", &name])).unwrap();
    sh(cosign("trixie").args([
        "attest",
        "--key",
        &key,
        "--predicate",
        pred.to_str().unwrap(),
        "--type",
        "cyclonedx",
        "--tlog-upload=false",
        "--allow-http-registry",
        "-y",
        &name,
    ]));
    let out = verify_att(&a, &public, "cyclonedx", &name);
    let st = statements(&out);
    assert_eq!(st.len(), 1, "{out}");
    assert_eq!(st[0]["predicate"]["bomFormat"], "CycloneDX");
    // Both kinds are there; each --type selects its own.
    let all = a.ok(&["image", "download", "attestation", &name]);
    assert_eq!(all.lines().count(), 2, "{all}");
    let only = a.ok(&[
        "image",
        "download",
        "attestation",
        "--predicate-type",
        "cyclonedx",
        &name,
    ]);
    assert_eq!(only.lines().count(), 1, "{only}");

    // cosign 3.1 attests as a bundle referrer; ccr verifies that too.
    let (other, _) = {
        let n = format!("{}/att/v3:1", reg.host());
        a.ok(&["tag", "localhost/busybox:latest", &n]);
        a.ok(&["push", "-q", &n]);
        (n, ())
    };
    let sc = a.path("signing-config.json");
    sh(cosign("sid")
        .args([
            "signing-config",
            "create",
            "--no-default-fulcio",
            "--no-default-oidc",
            "--no-default-rekor",
            "--no-default-tsa",
            "--out",
        ])
        .arg(&sc));
    let custom = a.path("custom.json");
    std::fs::write(&custom, r#"{"builder": "ci", "ok": true}"#).unwrap();
    sh(cosign("sid").args([
        "attest",
        "--key",
        &key,
        "--signing-config",
        sc.to_str().unwrap(),
        "--predicate",
        custom.to_str().unwrap(),
        "--type",
        "https://example.com/ci/v1",
        "--allow-http-registry",
        "-y",
        &other,
    ]));
    let out = verify_att(&a, &public, "https://example.com/ci/v1", &other);
    let st = statements(&out);
    assert_eq!(st.len(), 1, "{out}");
    assert_eq!(st[0]["predicate"]["builder"], "ci");

    // Refusals: another key, another predicate type.
    let (_, wrong) = keys(&a, "wrong");
    let err = a.fails(&[
        "image",
        "verify-attestation",
        "--key",
        &wrong,
        "--type",
        "spdxjson",
        &name,
    ]);
    assert!(err.contains("does not verify"), "{err}");
    let err = a.fails(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "vuln",
        &name,
    ]);
    assert!(
        err.contains(
            "no verified attestation of type https://cosign.sigstore.dev/attestation/vuln/v1"
        ),
        "{err}"
    );
    assert!(
        err.contains("not https://cosign.sigstore.dev/attestation/vuln/v1"),
        "{err}"
    );
    // No key: keyless needs services this machine cannot reach; said plainly.
    let err = a.fails(&["image", "verify-attestation", "--type", "spdxjson", &name]);
    assert!(err.contains("keyless"), "{err}");
    // A key file that is not there, a registry that does not answer.
    let missing = a.path("nope.key");
    let out = a
        .cmd(&[
            "image",
            "attest",
            "--key",
            missing.to_str().unwrap(),
            "--sbom",
            "--type",
            "spdxjson",
            &name,
        ])
        .env("COSIGN_PASSWORD", PW)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.key"));
    let port = common::free_port();
    let err = a.fails(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "spdxjson",
        &format!("127.0.0.1:{port}/gone/app:1"),
    ]);
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
}

#[test]
fn copied_and_tampered_attestations_are_refused() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let name = busybox_pushed(&a, &reg, "copy/a");
    let digest = common::remote_digest(&reg.host(), "copy/a", "1");
    // cosign 2's `.att` tag alone: its copies and edits are what is refused
    // here (bundles: signing.rs).
    ccr_pw(
        &a,
        &[
            "image",
            "attest",
            "--signature-format",
            "legacy",
            "--key",
            &key,
            "--sbom",
            "--type",
            "spdxjson",
            &name,
        ],
    );

    // Another image in the same repository, given A's attestations.
    let b = format!("{}/copy/a:2", reg.host());
    let seed_digest = a.import_random(&b, 7, 10_000, None);
    a.ok(&["push", "-q", &b]);
    let b_digest = common::remote_digest(&reg.host(), "copy/a", "2");
    assert_ne!(seed_digest, "");
    sh(Command::new("skopeo").args([
        "copy",
        "--all",
        "--preserve-digests",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        &format!("docker://{}/copy/a:sha256-{}.att", reg.host(), &digest[7..]),
        &format!(
            "docker://{}/copy/a:sha256-{}.att",
            reg.host(),
            &b_digest[7..]
        ),
    ]));
    let err = a.fails(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "spdxjson",
        &b,
    ]);
    assert!(err.contains("another image"), "{err}");
    // cosign agrees.
    let out = cosign("trixie")
        .args([
            "verify-attestation",
            "--key",
            &public,
            "--type",
            "spdxjson",
            "--insecure-ignore-tlog=true",
            "--allow-http-registry",
            &b,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());

    // A's envelope with its statement altered (the predicate says nothing).
    let att = format!("{}/copy/a:sha256-{}.att", reg.host(), &digest[7..]);
    let manifest = json(&sh(Command::new("skopeo").args([
        "inspect",
        "--raw",
        "--tls-verify=false",
        &format!("docker://{att}"),
    ])));
    let layer = manifest["layers"][0]["digest"].as_str().unwrap();
    let env_bytes = sh(Command::new("curl").args([
        "-fsS",
        &format!("http://{}/v2/copy/a/blobs/{layer}", reg.host()),
    ]));
    let mut envelope = json(&env_bytes);
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut st: serde_json::Value =
        serde_json::from_slice(&b64.decode(envelope["payload"].as_str().unwrap()).unwrap())
            .unwrap();
    st["predicate"]["packages"] = serde_json::json!([]);
    envelope["payload"] = b64.encode(serde_json::to_vec(&st).unwrap()).into();
    let tampered = serde_json::to_vec(&envelope).unwrap();
    let new_digest = common::upload_blob(&reg.host(), "copy/a", &tampered);
    let mut m = manifest.clone();
    m["layers"][0]["digest"] = new_digest.into();
    m["layers"][0]["size"] = tampered.len().into();
    let mf = a.path("m.json");
    std::fs::write(&mf, serde_json::to_vec(&m).unwrap()).unwrap();
    sh(Command::new("curl").args([
        "-fsS",
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/vnd.oci.image.manifest.v1+json",
        "--data-binary",
        &format!("@{}", mf.display()),
        &format!(
            "http://{}/v2/copy/a/manifests/sha256-{}.att",
            reg.host(),
            &digest[7..]
        ),
    ]));
    let err = a.fails(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "spdxjson",
        &name,
    ]);
    assert!(err.contains("does not verify"), "{err}");
}

#[test]
fn the_seed_flow_generate_attest_verify_download_regenerate_diff() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let name = busybox_pushed(&a, &reg, "seed/app");
    // Generate, attest the file.
    let sbom = a.path("app.spdx.json");
    a.ok(&[
        "sbom",
        "-q",
        "-o",
        "spdx-json",
        "--file",
        sbom.to_str().unwrap(),
        &name,
    ]);
    ccr_pw(
        &a,
        &[
            "image",
            "attest",
            "--key",
            &key,
            "--predicate",
            sbom.to_str().unwrap(),
            "--type",
            "spdxjson",
            &name,
        ],
    );
    // The verifying side: a fresh machine.
    let b = Env::new();
    verify_att(&b, &public, "spdxjson", &name);
    let out = b
        .cmd(&["image", "download", "sbom", "--key", &public, &name])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("signed with the given key"));
    let downloaded = b.path("downloaded.spdx.json");
    std::fs::write(&downloaded, &out.stdout).unwrap();
    assert_eq!(
        json(&String::from_utf8_lossy(&out.stdout))["spdxVersion"],
        "SPDX-2.3"
    );
    // Regenerated from the pulled image: only namespace and time differ.
    b.ok(&["pull", "-q", &name]);
    let fresh = b.path("fresh.spdx.json");
    b.ok(&[
        "sbom",
        "-q",
        "-o",
        "spdx-json",
        "--file",
        fresh.to_str().unwrap(),
        &name,
    ]);
    let d = b.run(&[
        "sbom",
        "diff",
        downloaded.to_str().unwrap(),
        fresh.to_str().unwrap(),
    ]);
    assert_eq!(
        d.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&d.stdout)
    );
    let (x, y) = (
        json(&std::fs::read_to_string(&downloaded).unwrap()),
        json(&std::fs::read_to_string(&fresh).unwrap()),
    );
    assert_ne!(x["documentNamespace"], y["documentNamespace"]);
    assert_eq!(x["packages"], y["packages"]);

    // Without a key, only the unsigned attachment counts: none yet.
    let err = b.fails(&["image", "download", "sbom", &name]);
    assert!(err.contains("no SBOM attachment"), "{err}");
    sh(cosign("trixie").args([
        "attach",
        "sbom",
        "--sbom",
        sbom.to_str().unwrap(),
        "--type",
        "spdx",
        "--allow-http-registry",
        &name,
    ]));
    let out = b
        .cmd(&["image", "download", "sbom", &name])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsigned"));
    assert_eq!(
        json(&String::from_utf8_lossy(&out.stdout))["spdxVersion"],
        "SPDX-2.3"
    );
}

#[test]
fn an_index_is_attested_per_platform_and_verified_recursively() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    a.busybox("local/multi:amd64");
    let arm = a.import_random("local/multi:arm64", 11, 60_000, Some("linux/arm64"));
    let list = format!("{}/multi/app:latest", reg.host());
    a.ok(&[
        "manifest",
        "create",
        &list,
        "local/multi:amd64",
        "local/multi:arm64",
    ]);
    a.ok(&["push", &list]);
    let index = common::remote_digest(&reg.host(), "multi/app", "latest");

    // Without --recursive an SBOM of an index is refused: which platform?
    let out = a
        .cmd(&[
            "image", "attest", "--key", &key, "--sbom", "--type", "spdxjson", &list,
        ])
        .env("COSIGN_PASSWORD", PW)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--recursive"));

    let out = ccr_pw(
        &a,
        &[
            "image",
            "attest",
            "--key",
            &key,
            "--sbom",
            "--type",
            "spdxjson",
            "--recursive",
            "-q",
            &list,
        ],
    );
    let digests: Vec<&str> = out.lines().collect();
    assert_eq!(
        digests.len(),
        4,
        "two platforms, and the index twice: {out}"
    );
    assert_eq!(digests.iter().filter(|d| **d == index).count(), 2);
    assert!(digests.contains(&arm.as_str()));

    // Each platform has its own SBOM: busybox on amd64, nothing on arm64.
    let b = Env::new();
    let amd_out = b.ok(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "spdxjson",
        "--platform",
        "linux/amd64",
        &list,
    ]);
    let arm_out = b.ok(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "spdxjson",
        "--platform",
        "linux/arm64",
        &list,
    ]);
    let amd_names = package_names(&statements(&amd_out)[0]["predicate"]);
    let arm_names = package_names(&statements(&arm_out)[0]["predicate"]);
    assert!(amd_names.contains(&"busybox".to_string()), "{amd_names:?}");
    assert!(!arm_names.contains(&"busybox".to_string()), "{arm_names:?}");
    // Recursive: the index (two statements) and each platform (one each).
    let all = b.ok(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--type",
        "spdxjson",
        "--recursive",
        &list,
    ]);
    assert_eq!(statements(&all).len(), 4, "{all}");
    // cosign verifies a platform manifest's attestation by digest.
    sh(&mut cosign_verify_attestation(
        "trixie",
        &public,
        "spdxjson",
        &format!("{}/multi/app@{arm}", reg.host()),
    ));
    // Nothing was pulled on the verifying side.
    assert!(b.image_names().is_empty());
}

#[test]
fn verify_sbom_refuses_content_its_sbom_does_not_list() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let good = busybox_pushed(&a, &reg, "vs/app");
    attest_sbom(&a, &key, &good);
    let stale = a.path("v1.spdx.json");
    a.ok(&[
        "sbom",
        "-q",
        "-o",
        "spdx-json",
        "--file",
        stale.to_str().unwrap(),
        &good,
    ]);

    // The attested content passes, and stays for run.
    let b = Env::new();
    let out = b.ok(&["pull", "--verify-sbom", "--cosign-key", &public, &good]);
    assert!(out.contains("Status:"), "{out}");
    assert_eq!(b.image_names(), vec![good.clone()]);

    // One connection to the repository serves every step of the command
    // (the SBOM's keys, resolution, the pull, the SBOM attestation's
    // check): the client sets it up, asking `GET /v2/`, once.
    let proxy = CuttingProxy::start(reg.port, u64::MAX);
    let via_proxy = good.replacen(&reg.host(), &proxy.host(), 1);
    let p = Env::new();
    p.ok(&["pull", "--verify-sbom", "--cosign-key", &public, &via_proxy]);
    assert_eq!(p.image_names(), vec![via_proxy.clone()]);
    let probes = proxy.v2_probes.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        probes, 1,
        "the registry was set up {probes} times for one pull"
    );

    // A later build adds a package, but is attested with the old SBOM.
    let ctx = a.path("v2");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("package.json"),
        r#"{"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}"#,
    )
    .unwrap();
    std::fs::write(ctx.join("Dockerfile"), "FROM localhost/busybox:latest\nCOPY package.json /app/node_modules/left-pad/package.json\n").unwrap();
    let bad = format!("{}/vs/app:2", reg.host());
    a.ok(&["build", "-q", "-t", &bad, ctx.to_str().unwrap()]);
    a.ok(&["push", "-q", &bad]);
    ccr_pw(
        &a,
        &[
            "image",
            "attest",
            "--key",
            &key,
            "--predicate",
            stale.to_str().unwrap(),
            "--type",
            "spdxjson",
            &bad,
        ],
    );

    let c = Env::new();
    let err = c.fails(&["pull", "--verify-sbom", "--cosign-key", &public, &bad]);
    assert!(err.contains("+ npm left-pad 1.3.0"), "{err}");
    assert!(err.contains("was not kept"), "{err}");
    assert!(c.image_names().is_empty(), "nothing stored on refusal");
    assert!(c.blobs().is_empty(), "no blob stored on refusal");
    let snaps = std::fs::read_dir(c.data_root().join("snapshots/layers"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(snaps, 0, "no snapshot kept on refusal");
    // run checks the same way and starts nothing.
    let err = c.fails(&[
        "run",
        "--rm",
        "--verify-sbom",
        "--cosign-key",
        &public,
        "--network",
        "none",
        &bad,
        "true",
    ]);
    assert!(err.contains("left-pad"), "{err}");
    assert!(c.ok(&["ps", "-a", "-q"]).trim().is_empty());
    assert!(c.image_names().is_empty());
    // Another key: the attestation does not count.
    let (_, wrong) = keys(&a, "wrong");
    let err = c.fails(&["pull", "--verify-sbom", "--cosign-key", &wrong, &good]);
    assert!(err.contains("no verified attestation"), "{err}");
    assert!(c.image_names().is_empty());
    // Without a key, nothing is fetched at all.
    let err = c.fails(&["pull", "--verify-sbom", &good]);
    assert!(err.contains("--cosign-key"), "{err}");
}

#[test]
fn build_records_the_sbom_and_one_push_signs_and_attests() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    a.busybox("localhost/busybox:latest");
    let ctx = a.path("app");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("package.json"),
        r#"{"name": "app", "version": "0.1.0"}"#,
    )
    .unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        "FROM localhost/busybox:latest\nCOPY package.json /app/package.json\n",
    )
    .unwrap();
    let name = format!("{}/built/app:1", reg.host());
    a.ok(&["build", "-q", "--sbom", "-t", &name, ctx.to_str().unwrap()]);
    // Recorded, not attached: the registry has nothing yet.
    assert_eq!(
        std::fs::read_dir(a.data_root().join("sboms"))
            .unwrap()
            .count(),
        1
    );
    // --attest-sbom without signing is refused before anything is pushed.
    let err = a.fails(&["push", "--attest-sbom", &name]);
    assert!(err.contains("--sign=cosign"), "{err}");
    let out = a
        .cmd(&[
            "push",
            "--sign=cosign",
            "--cosign-key",
            &key,
            "--attest-sbom",
            &name,
        ])
        .env("COSIGN_PASSWORD", PW)
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("Signed") && said.contains("Attested"),
        "{said}"
    );
    // cosign sees the signature and the SBOM attestation.
    sh(cosign("trixie").args([
        "verify",
        "--key",
        &public,
        "--insecure-ignore-tlog=true",
        "--allow-http-registry",
        &name,
    ]));
    let out = sh(&mut cosign_verify_attestation(
        "trixie", &public, "spdxjson", &name,
    ));
    let st = statements(&out);
    assert_eq!(st.len(), 1);
    let names = package_names(&st[0]["predicate"]);
    assert!(
        names.contains(&"app".to_string()) && names.contains(&"busybox".to_string()),
        "{names:?}"
    );
    // And the SBOM is the content's: --verify-sbom passes.
    let b = Env::new();
    b.ok(&[
        "pull",
        "--verify=cosign",
        "--cosign-key",
        &public,
        "--verify-sbom",
        &name,
    ]);
}
