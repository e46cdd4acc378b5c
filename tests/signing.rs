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
    // Each platform manifest verifies on its own, with cosign too (3.1: its
    // own bundle referrer; 2.5: its .sig tag).
    let by_digest = format!("{}/multi/signed@{arm}", reg.host());
    a.ok(&["image", "verify", "--key", &public, &by_digest]);
    assert_ok(&cosign3_verify(&public, &by_digest));
    for d in [&amd, &arm] {
        let index = referrers_index(&reg.host(), "multi/signed", d);
        assert_eq!(
            index["manifests"].as_array().unwrap().len(),
            1,
            "{d}: {index}"
        );
    }
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

/// PUTs `body` as a manifest of `media_type` under `reference`; its digest.
fn put_manifest(host: &str, repo: &str, reference: &str, media_type: &str, body: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), body).unwrap();
    sh(Command::new("curl").args([
        "-sS",
        "-f",
        "-X",
        "PUT",
        "-H",
        &format!("Content-Type: {media_type}"),
        "--data-binary",
        &format!("@{}", file.path().display()),
        &format!("http://{host}/v2/{repo}/manifests/{reference}"),
    ]));
    format!("sha256:{}", sha256_hex(body))
}

fn tags(host: &str, repo: &str) -> Vec<String> {
    let out = sh(Command::new("curl").args(["-fs", &format!("http://{host}/v2/{repo}/tags/list")]));
    json(&out)["tags"]
        .as_array()
        .map(|t| t.iter().map(|t| t.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// The referrers tag-schema index of `digest` in `repo`.
fn referrers_index(host: &str, repo: &str, digest: &str) -> serde_json::Value {
    json(&sh(Command::new("curl").args([
        "-fs",
        "-H",
        "Accept: application/vnd.oci.image.index.v1+json",
        &format!("http://{host}/v2/{repo}/manifests/sha256-{}", &digest[7..]),
    ])))
}

fn cosign3_verify(public: &str, image: &str) -> std::process::Output {
    cosign("sid")
        .args([
            "verify",
            "--key",
            public,
            "--insecure-ignore-tlog=true",
            "--allow-http-registry",
            image,
        ])
        .output()
        .unwrap()
}

fn oras() -> Command {
    let base = std::env::var("CCR_PEERS").unwrap_or_else(|_| "/opt/ccr-peers".into());
    let bin = std::path::Path::new(&base).join("oras-sid/usr/bin/oras");
    assert!(
        bin.exists(),
        "{} is missing; run tests/setup.sh first",
        bin.display()
    );
    Command::new(bin)
}

/// ccr writes cosign 3's bundle referrer beside cosign 2's tag by default:
/// cosign 3.1 verifies the bundle, cosign 2.5 the tag, oras lists the
/// referrer; signing again adds nothing in either place; each format alone
/// when asked (flag or ccr.toml); attestations as bundles too.
#[test]
fn ccr_writes_bundle_referrers_that_cosign_3_and_oras_read() {
    let reg = Registry::start();
    let host = reg.host();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let (name, digest) = pushed(&a, &reg, "bundle/both", "1", 40);
    let out = assert_ok(&ccr_pw(
        &a,
        &["push", "--sign=cosign", "--cosign-key", &key, &name],
    ));
    assert!(
        out.contains("bundle in referrer") && out.contains(".sig"),
        "{out}"
    );
    let t = tags(&host, "bundle/both");
    let hex = &digest[7..];
    assert!(
        t.contains(&format!("sha256-{hex}.sig")) && t.contains(&format!("sha256-{hex}")),
        "{t:?}"
    );
    let index = referrers_index(&host, "bundle/both", &digest);
    assert_eq!(index["manifests"].as_array().unwrap().len(), 1, "{index}");
    assert_eq!(
        index["manifests"][0]["artifactType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    // cosign 3.1 reads the bundle, cosign 2.5 the tag.
    assert_ok(&cosign3_verify(&public, &name));
    sh(cosign("trixie").args([
        "verify",
        "--key",
        &public,
        "--insecure-ignore-tlog=true",
        "--allow-http-registry",
        &name,
    ]));
    // oras 1.3 lists the referrer.
    let d = json(&sh(oras().args([
        "discover",
        "--plain-http",
        "--format",
        "json",
        &name,
    ])));
    let refs = d["referrers"].as_array().unwrap();
    assert_eq!(refs.len(), 1, "{d}");
    assert_eq!(
        refs[0]["artifactType"],
        "application/vnd.dev.sigstore.bundle.v0.3+json"
    );
    assert_eq!(
        refs[0]["annotations"]["dev.sigstore.bundle.predicateType"],
        "https://sigstore.dev/cosign/sign/v1"
    );
    // ccr says where each signature was found.
    let v = json(&a.ok(&[
        "image", "verify", "--key", &public, "--format", "json", &name,
    ]));
    let found: Vec<&str> = v[0]["signatures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["found"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["referrers-tag", "legacy-tag"], "{v}");
    // Again: nothing new in either place.
    let out = assert_ok(&ccr_pw(&a, &["image", "sign", "--key", &key, &name]));
    assert!(out.contains("already signed"), "{out}");
    assert_eq!(
        referrers_index(&host, "bundle/both", &digest)["manifests"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let sig = json(&sh(Command::new("curl").args([
        "-fs",
        "-H",
        "Accept: application/vnd.oci.image.manifest.v1+json",
        &format!("http://{host}/v2/bundle/both/manifests/sha256-{hex}.sig"),
    ])));
    assert_eq!(sig["layers"].as_array().unwrap().len(), 1);

    // --signature-format bundle: no .sig tag; cosign 3.1 verifies.
    let (only, only_digest) = pushed(&a, &reg, "bundle/only", "1", 41);
    assert_ok(&ccr_pw(
        &a,
        &[
            "image",
            "sign",
            "--signature-format",
            "bundle",
            "--key",
            &key,
            &only,
        ],
    ));
    let t = tags(&host, "bundle/only");
    assert!(
        !t.iter().any(|t| t.ends_with(".sig"))
            && t.contains(&format!("sha256-{}", &only_digest[7..])),
        "{t:?}"
    );
    assert_ok(&cosign3_verify(&public, &only));
    // signature_format = "legacy" in ccr.toml: the tag alone, as before.
    let cfg = a.path("ccr.toml");
    std::fs::write(&cfg, "signature_format = \"legacy\"\n").unwrap();
    let (legacy, legacy_digest) = pushed(&a, &reg, "bundle/legacy", "1", 42);
    assert_ok(
        &a.cmd(&["image", "sign", "--key", &key, &legacy])
            .env("COSIGN_PASSWORD", PW)
            .env("CCR_CONFIG", &cfg)
            .output()
            .unwrap(),
    );
    let t = tags(&host, "bundle/legacy");
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(
        t.contains(&format!("sha256-{}.sig", &legacy_digest[7..])),
        "{t:?}"
    );
    // A policy that requires the bundle form: the tag-only image is refused,
    // the one signed both ways pulled.
    let policy = a.path("policy.json");
    std::fs::write(
        &policy,
        serde_json::json!({
            "default": [{"type": "reject"}],
            "transports": {"docker": {format!("{host}/bundle"): [
                {"type": "sigstoreSigned", "keyPath": public, "signatureFormat": "bundle"}
            ]}},
        })
        .to_string(),
    )
    .unwrap();
    let p = policy.to_str().unwrap();
    let b = Env::new();
    assert_refused(
        &b,
        &["pull", "--signature-policy", p, &legacy],
        "requires the Sigstore bundle form",
    );
    let out = b.ok(&["pull", "--signature-policy", p, &name]);
    assert!(out.contains(&name), "{out}");
    // An attestation as a bundle: cosign 3.1's verify-attestation reads it.
    let pred = a.path("pred.json");
    std::fs::write(&pred, br#"{"built":"here"}"#).unwrap();
    assert_ok(&ccr_pw(
        &a,
        &[
            "image",
            "attest",
            "--signature-format",
            "bundle",
            "--key",
            &key,
            "--predicate",
            pred.to_str().unwrap(),
            &only,
        ],
    ));
    let out = cosign("sid")
        .args([
            "verify-attestation",
            "--key",
            &public,
            "--insecure-ignore-tlog=true",
            "--allow-http-registry",
            "--type",
            "custom",
            &only,
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    // ccr finds it there (there is no .att tag), and says so.
    let v = json(&a.ok(&[
        "image",
        "verify-attestation",
        "--key",
        &public,
        "--format",
        "json",
        &only,
    ]));
    assert_eq!(v[0]["found"], "referrers-tag", "{v}");
    assert_eq!(v[0]["layout"], "bundle", "{v}");
    assert_eq!(
        v[0]["statement"]["predicate"]["Data"], r#"{"built":"here"}"#,
        "{v}"
    );
}

/// What ccr verifies that cosign 3.1 wrote by default is in
/// `cosign_v3_bundles_are_verified`; here, bundles that must not count.
#[test]
fn bundle_referrers_that_must_not_count() {
    let reg = Registry::start();
    let host = reg.host();
    let a = Env::new();
    let (key, public) = keys(&a, "k");
    let (signed, signed_digest) = pushed(&a, &reg, "hostile/signed", "1", 50);
    assert_ok(&ccr_pw(
        &a,
        &[
            "image",
            "sign",
            "--signature-format",
            "bundle",
            "--key",
            &key,
            &signed,
        ],
    ));
    let (other, other_digest) = pushed(&a, &reg, "hostile/signed", "2", 51);
    // The signed image's referrer listed for the other image: a bundle over
    // another digest (and a referrer about another subject) is refused.
    let index = referrers_index(&host, "hostile/signed", &signed_digest);
    put_manifest(
        &host,
        "hostile/signed",
        &format!("sha256-{}", &other_digest[7..]),
        "application/vnd.oci.image.index.v1+json",
        index.to_string().as_bytes(),
    );
    let err = a.fails(&["image", "verify", "--key", &public, &other]);
    assert!(
        err.contains("about another image") || err.contains("not over"),
        "{err}"
    );
    // The right image with the wrong key.
    let (_, wrong) = keys(&a, "wrong");
    let err = a.fails(&["image", "verify", "--key", &wrong, &signed]);
    assert!(err.contains("does not verify"), "{err}");
    // An index pointing at a huge referrer, and a referrer whose bundle
    // layer claims 100 MiB: neither is read past its bound, nothing hangs.
    let (third, third_digest) = pushed(&a, &reg, "hostile/signed", "3", 52);
    let big_layer = serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactType": "application/vnd.dev.sigstore.bundle.v0.3+json",
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "size": 2, "digest": upload_blob(&host, "hostile/signed", b"{}")},
        "layers": [{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json", "size": 100 << 20,
                    "digest": upload_blob(&host, "hostile/signed", b"a bundle said to be 100 MiB")}],
        "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 1, "digest": third_digest},
    });
    let big_ref = put_manifest(
        &host,
        "hostile/signed",
        &format!("sha256:{}", sha256_hex(big_layer.to_string().as_bytes())),
        "application/vnd.oci.image.manifest.v1+json",
        big_layer.to_string().as_bytes(),
    );
    // A referrer of another artifact type (an SBOM), which is not read.
    let sbom = serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "artifactType": "application/spdx+json",
        "config": {"mediaType": "application/vnd.oci.empty.v1+json", "size": 2, "digest": upload_blob(&host, "hostile/signed", b"{}")},
        "layers": [{"mediaType": "application/spdx+json", "size": 2, "digest": upload_blob(&host, "hostile/signed", b"{}")}],
        "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 1, "digest": third_digest},
    });
    let sbom_ref = put_manifest(
        &host,
        "hostile/signed",
        &format!("sha256:{}", sha256_hex(sbom.to_string().as_bytes())),
        "application/vnd.oci.image.manifest.v1+json",
        sbom.to_string().as_bytes(),
    );
    let index = serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 3u64 << 30,
             "digest": sbom_ref.clone(), "artifactType": "application/vnd.dev.sigstore.bundle.v0.3+json"},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": big_layer.to_string().len(),
             "digest": big_ref, "artifactType": "application/vnd.dev.sigstore.bundle.v0.3+json"},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": sbom.to_string().len(),
             "digest": sbom_ref, "artifactType": "application/spdx+json"},
        ],
    });
    put_manifest(
        &host,
        "hostile/signed",
        &format!("sha256-{}", &third_digest[7..]),
        "application/vnd.oci.image.index.v1+json",
        index.to_string().as_bytes(),
    );
    let started = std::time::Instant::now();
    let err = a.fails(&["image", "verify", "--key", &public, &third]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(
        err.contains("larger than a bundle referrer") && err.contains("more than"),
        "{err}"
    );
    assert!(
        !err.contains("spdx"),
        "another artifact type is not read: {err}"
    );
    // Signed properly, the same image verifies despite the hostile referrers.
    assert_ok(&ccr_pw(
        &a,
        &[
            "image",
            "sign",
            "--signature-format",
            "legacy",
            "--key",
            &key,
            &third,
        ],
    ));
    a.ok(&["image", "verify", "--key", &public, &third]);
}
