//! Signing and verification, proven against cosign 2.5 and 3.1 and a real
//! registry. Every refusal leaves the local store unchanged.

mod common;

use std::process::Command;

use common::*;

const PW: &str = "test-password";

/// An image pushed to `reg` as `repo:tag`; returns (reference, digest).
fn pushed(env: &Env, reg: &Registry, repo: &str, tag: &str, seed: u64) -> (String, String) {
    let name = format!("{}/{repo}:{tag}", reg.host());
    let digest = env.import_random(&name, seed, 20_000, None);
    env.ok(&["push", "-q", &name]);
    (name, digest)
}

fn keys(env: &Env, prefix: &str) -> (String, String) {
    common::cosign_keys(env, prefix, PW)
}

fn ccr_pw(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd(args).env("COSIGN_PASSWORD", PW).output().unwrap()
}

fn assert_ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn assert_refused(env: &Env, args: &[&str], needle: &str) {
    let err = env.fails(args);
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    assert!(
        env.image_names().is_empty(),
        "nothing is stored after a refusal"
    );
    assert!(env.blobs().is_empty(), "no blob is stored after a refusal");
}

#[test]
fn ccr_signs_cosign_verifies_and_the_reverse() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "ccr");
    let name = format!("{}/signed/by-ccr:1", reg.host());
    a.import_random(&name, 1, 20_000, None);
    let out = assert_ok(&ccr_pw(
        &a,
        &["push", "--sign=cosign", "--cosign-key", &key, &name],
    ));
    assert!(out.contains("Signed"), "{out}");

    // cosign 2.5 verifies what ccr signed.
    sh(cosign("trixie").args([
        "verify",
        "--key",
        &public,
        "--insecure-ignore-tlog=true",
        "--allow-http-registry",
        &name,
    ]));

    // cosign signs with a ccr-generated key; ccr verifies with the public half.
    let (other, _) = pushed(&a, &reg, "signed/by-cosign", "1", 2);
    sh(cosign("trixie").args([
        "sign",
        "--key",
        &key,
        "--tlog-upload=false",
        "--allow-http-registry",
        "-y",
        &other,
    ]));
    let b = Env::new();
    let out = b.ok(&["pull", "--verify=cosign", "--cosign-key", &public, &other]);
    assert!(out.contains("Verified signature (cosign)"), "{out}");
    assert_eq!(b.image_names(), vec![other.clone()]);

    // A cosign-generated key pair signs and verifies in ccr.
    let dir = a.path("cosign-keys");
    std::fs::create_dir(&dir).unwrap();
    let out = cosign("trixie")
        .current_dir(&dir)
        .args(["generate-key-pair"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ckey = dir.join("cosign.key");
    let cpub = dir.join("cosign.pub");
    let (third, digest) = pushed(&a, &reg, "signed/cosign-key", "1", 3);
    assert_ok(&ccr_pw(
        &a,
        &["image", "sign", "--key", ckey.to_str().unwrap(), &third],
    ));
    let out = a.ok(&["image", "verify", "--key", cpub.to_str().unwrap(), &third]);
    assert!(
        out.contains(&format!(
            "Verified {}/signed/cosign-key@{digest}",
            reg.host()
        )),
        "{out}"
    );
    sh(cosign("trixie").args([
        "verify",
        "--key",
        cpub.to_str().unwrap(),
        "--insecure-ignore-tlog=true",
        "--allow-http-registry",
        &third,
    ]));

    // Signing again with the same key adds no duplicate.
    let out = assert_ok(&ccr_pw(
        &a,
        &["image", "sign", "--key", ckey.to_str().unwrap(), &third],
    ));
    assert!(out.contains("already signed"), "{out}");
    let sig_tag = format!("sha256-{}.sig", &digest[7..]);
    let raw = sh(Command::new("skopeo").args([
        "inspect",
        "--raw",
        "--tls-verify=false",
        &format!("docker://{}/signed/cosign-key:{sig_tag}", reg.host()),
    ]));
    assert_eq!(json(&raw)["layers"].as_array().unwrap().len(), 1);
}

#[test]
fn cosign_v3_bundles_are_verified() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let (name, digest) = pushed(&a, &reg, "v3/image", "1", 10);
    // cosign 3 signs offline only with a signing config that names no services.
    let sc = a.path("signing-config.json");
    let out = cosign("sid")
        .args([
            "signing-config",
            "create",
            "--no-default-fulcio",
            "--no-default-oidc",
            "--no-default-rekor",
            "--no-default-tsa",
            "--out",
        ])
        .arg(&sc)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    sh(cosign("sid").args([
        "sign",
        "--key",
        &key,
        "--signing-config",
        sc.to_str().unwrap(),
        "--allow-http-registry",
        "-y",
        &name,
    ]));
    // Only a bundle is there: no .sig tag.
    let tags = sh(Command::new("curl").args([
        "-fs",
        &format!("http://{}/v2/v3/image/tags/list", reg.host()),
    ]));
    assert!(!tags.contains(".sig"), "{tags}");

    let out = a.ok(&[
        "image", "verify", "--key", &public, "--format", "json", &name,
    ]);
    let v = json(&out);
    assert_eq!(v[0]["digest"], digest.as_str());
    assert_eq!(v[0]["signatures"][0]["format"], "bundle");
    let b = Env::new();
    b.ok(&["pull", "--verify=cosign", "--cosign-key", &public, &name]);
    assert_eq!(b.image_names(), vec![name.clone()]);

    // Another key does not verify the bundle.
    let (_, wrong) = keys(&a, "wrong");
    let c = Env::new();
    assert_refused(
        &c,
        &["pull", "--verify=cosign", "--cosign-key", &wrong, &name],
        "does not verify",
    );
}

#[test]
fn refusals_store_nothing() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "good");
    let (_, other_pub) = keys(&a, "other");

    // Unsigned.
    let (unsigned, _) = pushed(&a, &reg, "refuse/unsigned", "1", 20);
    let b = Env::new();
    assert_refused(
        &b,
        &[
            "pull",
            "--verify=cosign",
            "--cosign-key",
            &public,
            &unsigned,
        ],
        "no signature found",
    );

    // run verifies through the same path: nothing is stored, nothing starts.
    assert_refused(
        &b,
        &[
            "run",
            "--rm",
            "--verify=cosign",
            "--cosign-key",
            &public,
            &unsigned,
            "true",
        ],
        "no signature found",
    );
    assert!(
        !b.data_root().join("containers").exists()
            || std::fs::read_dir(b.data_root().join("containers"))
                .unwrap()
                .count()
                == 0
    );

    // Signed with another key.
    let (signed, signed_digest) = pushed(&a, &reg, "refuse/signed", "1", 21);
    assert_ok(&ccr_pw(&a, &["image", "sign", "--key", &key, &signed]));
    assert_refused(
        &b,
        &[
            "pull",
            "--verify=cosign",
            "--cosign-key",
            &other_pub,
            &signed,
        ],
        "does not verify",
    );

    // Wrong key password: nothing is pushed.
    let fresh = format!("{}/refuse/password:1", reg.host());
    a.import_random(&fresh, 22, 1000, None);
    let out = a
        .cmd(&["push", "--sign=cosign", "--cosign-key", &key, &fresh])
        .env("COSIGN_PASSWORD", "nope")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong password"));
    let tags = Command::new("curl")
        .args([
            "-fs",
            &format!("http://{}/v2/refuse/password/tags/list", reg.host()),
        ])
        .output()
        .unwrap();
    assert!(!tags.status.success() || !String::from_utf8_lossy(&tags.stdout).contains("\"1\""));

    // The tag moved to another (unsigned) digest after signing.
    let moved = format!("{}/refuse/signed:1", reg.host());
    a.import_random(&moved, 23, 20_000, None);
    a.ok(&["push", "-q", &moved]);
    assert_ne!(
        remote_digest(&reg.host(), "refuse/signed", "1"),
        signed_digest
    );
    assert_refused(
        &b,
        &["pull", "--verify=cosign", "--cosign-key", &public, &moved],
        "no signature found",
    );

    // A valid signature copied onto another image's .sig tag.
    let (victim, victim_digest) = pushed(&a, &reg, "refuse/signed", "2", 24);
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        &format!(
            "docker://{}/refuse/signed:sha256-{}.sig",
            reg.host(),
            &signed_digest[7..]
        ),
        &format!(
            "docker://{}/refuse/signed:sha256-{}.sig",
            reg.host(),
            &victim_digest[7..]
        ),
    ]));
    assert_refused(
        &b,
        &["pull", "--verify=cosign", "--cosign-key", &public, &victim],
        "made for another image",
    );

    // The signed image copied (with its signature) to another repository,
    // under a policy that wants the signature to name the repository.
    let copy = format!("{}/refuse/copy:1", reg.host());
    for (from, to) in [
        (
            format!("{}/refuse/signed@{signed_digest}", reg.host()),
            copy.clone(),
        ),
        (
            format!(
                "{}/refuse/signed:sha256-{}.sig",
                reg.host(),
                &signed_digest[7..]
            ),
            format!(
                "{}/refuse/copy:sha256-{}.sig",
                reg.host(),
                &signed_digest[7..]
            ),
        ),
    ] {
        sh(Command::new("skopeo").args([
            "copy",
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            &format!("docker://{from}"),
            &format!("docker://{to}"),
        ]));
    }
    let policy = a.path("policy.json");
    std::fs::write(
        &policy,
        serde_json::json!({
            "default": [{"type": "reject"}],
            "transports": {"docker": {
                reg.host(): [{"type": "sigstoreSigned", "keyPath": public, "signedIdentity": {"type": "matchRepository"}}]
            }}
        })
        .to_string(),
    )
    .unwrap();
    let p = policy.to_str().unwrap();
    assert_refused(
        &b,
        &["pull", "--signature-policy", p, &copy],
        "does not accept",
    );
    // The same policy lets the original through, by tag moved? no: by digest.
    let original = format!("{}/refuse/signed@{signed_digest}", reg.host());
    let c = Env::new();
    c.ok(&["pull", "--signature-policy", p, &original]);
    assert_eq!(c.image_names().len(), 1);

    // A policy whose default is reject (no scope matches this registry).
    let reject = a.path("reject.json");
    std::fs::write(&reject, r#"{"default":[{"type":"reject"}],"transports":{"docker":{"other.example":[{"type":"insecureAcceptAnything"}]}}}"#).unwrap();
    assert_refused(
        &b,
        &[
            "pull",
            "--signature-policy",
            reject.to_str().unwrap(),
            &original,
        ],
        "rejected by the signature policy",
    );

    // The policy also comes from ccr.toml.
    let cfg = a.path("ccr.toml");
    std::fs::write(
        &cfg,
        format!("signature_policy = {:?}\n", reject.to_str().unwrap()),
    )
    .unwrap();
    let out = b
        .cmd(&["pull", &original])
        .env("CCR_CONFIG", &cfg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rejected by the signature policy"));
    assert!(b.image_names().is_empty());
}

#[test]
fn recursive_signing_of_a_two_platform_index() {
    let reg = Registry::start();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let amd = a.import_random("local/m:amd64", 30, 5000, Some("linux/amd64"));
    let arm = a.import_random("local/m:arm64", 31, 5000, Some("linux/arm64"));
    let list = format!("{}/multi/signed:1", reg.host());
    a.ok(&[
        "manifest",
        "create",
        &list,
        "local/m:amd64",
        "local/m:arm64",
    ]);
    a.ok(&["push", "-q", &list]);
    let out = assert_ok(&ccr_pw(
        &a,
        &["image", "sign", "--recursive", "-q", "--key", &key, &list],
    ));
    let signed: Vec<&str> = out.lines().collect();
    assert_eq!(signed.len(), 3, "{out}");
    assert!(signed.contains(&amd.as_str()) && signed.contains(&arm.as_str()));

    let v = json(&a.ok(&[
        "image",
        "verify",
        "--recursive",
        "--key",
        &public,
        "--format",
        "json",
        &list,
    ]));
    assert_eq!(v.as_array().unwrap().len(), 3);
    // Each platform manifest verifies on its own, with cosign too.
    let by_digest = format!("{}/multi/signed@{arm}", reg.host());
    a.ok(&["image", "verify", "--key", &public, &by_digest]);
    sh(cosign("trixie").args([
        "verify",
        "--key",
        &public,
        "--insecure-ignore-tlog=true",
        "--allow-http-registry",
        &by_digest,
    ]));

    // One platform manifest left unsigned: the index and amd64 are signed,
    // the new arm64 image is not.
    let list2 = format!("{}/multi/partial:1", reg.host());
    let unsigned = a.import_random("local/m:arm64-2", 32, 5000, Some("linux/arm64"));
    a.ok(&[
        "manifest",
        "create",
        &list2,
        "local/m:amd64",
        "local/m:arm64-2",
    ]);
    a.ok(&["push", "-q", &list2]);
    assert_ok(&ccr_pw(&a, &["image", "sign", "--key", &key, &list2]));
    let amd_ref = format!("{}/multi/partial@{amd}", reg.host());
    assert_ok(&ccr_pw(&a, &["image", "sign", "--key", &key, &amd_ref]));
    a.ok(&["image", "verify", "--key", &public, &list2]);
    let err = a.fails(&["image", "verify", "--recursive", "--key", &public, &list2]);
    assert!(
        err.contains(&format!("multi/partial@{unsigned}: no signature found")),
        "{err}"
    );
}

#[test]
fn keyless_flags_are_validated_and_refused_clearly() {
    let a = Env::new();
    let img = "127.0.0.1:1/never/contacted:1";
    let err = a.fails(&["pull", "--verify=cosign", img]);
    assert!(err.contains("--cosign-certificate-identity"), "{err}");
    let err = a.fails(&[
        "pull",
        "--verify=cosign",
        "--cosign-certificate-identity",
        "me@example.com",
        img,
    ]);
    assert!(err.contains("--cosign-certificate-oidc-issuer"), "{err}");
    let err = a.fails(&[
        "pull",
        "--verify=cosign",
        "--cosign-certificate-identity-regexp",
        "(",
        "--cosign-certificate-oidc-issuer",
        "https://x",
        img,
    ]);
    assert!(err.contains("regexp"), "{err}");
    let err = a.fails(&[
        "pull",
        "--verify=cosign",
        "--cosign-certificate-identity",
        "me@example.com",
        "--cosign-certificate-oidc-issuer",
        "https://accounts.example.com",
        img,
    ]);
    assert!(
        err.contains("Fulcio, Rekor") && err.contains("--cosign-key"),
        "{err}"
    );
    let err = a.fails(&["push", "--sign=cosign", img]);
    assert!(err.contains("Fulcio, Rekor"), "{err}");
    let err = a.fails(&["pull", "--cosign-key", "x.pub", img]);
    assert!(err.contains("--verify=cosign"), "{err}");

    // In a compose file the same refusal names the service and its keys,
    // never a flag its user did not type; nothing is contacted or made.
    let dir = a.path("keyless-project");
    std::fs::create_dir_all(&dir).unwrap();
    let compose = |keys: &str| {
        std::fs::write(
            dir.join("compose.yaml"),
            format!("services:\n  s:\n    image: {img}\n    x-nerdctl-verify: cosign\n{keys}"),
        )
        .unwrap();
        let out = a
            .cmd(&["compose", "up", "-d"])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = compose("    x-nerdctl-cosign-certificate-identity: me@example.com\n");
    assert!(err.contains("service \"s\""), "{err}");
    assert!(
        err.contains("x-nerdctl-cosign-certificate-oidc-issuer"),
        "{err}"
    );
    assert!(!err.contains("--cosign"), "{err}");
    let err = compose(
        "    x-nerdctl-cosign-certificate-identity: me@example.com\n    x-nerdctl-cosign-certificate-identity-regexp: me\n",
    );
    assert!(
        err.contains("x-nerdctl-cosign-certificate-identity-regexp"),
        "{err}"
    );
    assert!(!err.contains("--cosign"), "{err}");
    assert!(a.ok(&["ps", "-a", "-q"]).trim().is_empty());

    // A key file that is not there, or not a key.
    let err = a.fails(&[
        "pull",
        "--verify=cosign",
        "--cosign-key",
        "/nonexistent/cosign.pub",
        img,
    ]);
    assert!(err.contains("/nonexistent/cosign.pub"), "{err}");
    let not_a_key = a.path("not-a-key.pub");
    std::fs::write(&not_a_key, "hello").unwrap();
    let err = a.fails(&[
        "pull",
        "--verify=cosign",
        "--cosign-key",
        not_a_key.to_str().unwrap(),
        img,
    ]);
    assert!(err.contains("not a public key"), "{err}");
    assert!(a.image_names().is_empty());

    // Key generation never overwrites, and needs a password.
    let prefix = a.path("k");
    let p = prefix.to_str().unwrap();
    let err = a.fails(&["key", "generate", "--output-key-prefix", p]);
    assert!(err.contains("COSIGN_PASSWORD"), "{err}");
    assert_ok(&ccr_pw(&a, &["key", "generate", "--output-key-prefix", p]));
    let before = std::fs::read(a.path("k.key")).unwrap();
    let out = ccr_pw(&a, &["key", "generate", "--output-key-prefix", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read(a.path("k.key")).unwrap(), before);
}
