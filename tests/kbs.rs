//! The KBS client against the test KBS (tests/test-kbs/server.rs, which
//! speaks trustee's wire protocol): handshakes with EC and RSA session
//! keys, provisioning round trips, every refusal mapped to a clear error,
//! and the configfs-tsm attesters against a fake configfs the test plays
//! the kernel's part in.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::*;

/// The test KBS, killed when dropped.
struct Kbs {
    child: Child,
    url: String,
}

impl Drop for Kbs {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The test KBS binary. `cargo test --all-targets` compiles examples as test
/// harnesses, not as programs, so the program is built here once, with the
/// same cargo and profile as the test run.
fn test_kbs_bin() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let profile_dir = Path::new(ccr_bin()).parent().unwrap();
            let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
            cargo.current_dir(env!("CARGO_MANIFEST_DIR")).args([
                "build",
                "--quiet",
                "--example",
                "test-kbs",
            ]);
            if profile_dir.file_name().is_some_and(|n| n == "release") {
                cargo.arg("--release");
            }
            let status = cargo.status().expect("cargo runs");
            assert!(status.success(), "building the test KBS failed: {status}");
            profile_dir.join("examples/test-kbs")
        })
        .clone()
}

/// An ed25519 admin key pair (as `openssl genpkey -algorithm ed25519` makes it).
fn admin_keys(env: &Env, name: &str) -> (String, String) {
    let key = env.path(&format!("{name}.pem"));
    let public = env.path(&format!("{name}.pub.pem"));
    sh(Command::new("openssl").args([
        "genpkey",
        "-algorithm",
        "ed25519",
        "-out",
        key.to_str().unwrap(),
    ]));
    sh(Command::new("openssl").args([
        "pkey",
        "-in",
        key.to_str().unwrap(),
        "-pubout",
        "-out",
        public.to_str().unwrap(),
    ]));
    (
        key.to_str().unwrap().into(),
        public.to_str().unwrap().into(),
    )
}

fn start_kbs(admin_pub: &str, extra: &[&str]) -> Kbs {
    let bin = test_kbs_bin();
    assert!(bin.exists(), "{} is missing", bin.display());
    let mut child = Command::new(bin)
        .args([
            "--admin-pubkey",
            admin_pub,
            "--admin-role",
            "admin",
            "--admin-audience",
            "KBS",
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .expect("the test KBS says where it listens")
        .to_string();
    Kbs {
        child,
        url: format!("http://{addr}"),
    }
}

fn kbs(env: &Env, k: &Kbs, args: &[&str]) -> std::process::Output {
    let mut all = vec!["kbs"];
    all.extend_from_slice(args);
    env.cmd(&all).env("CCR_KBS_URL", &k.url).output().unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A command other than `run` refused: exit 1, as docker's CLI fails.
fn refused(out: &std::process::Output, needle: &str) -> String {
    refused_with(out, 1, needle)
}

/// `run` refused by ccr itself: 125, as docker's run.
fn refused_run(out: &std::process::Output, needle: &str) -> String {
    refused_with(out, 125, needle)
}

fn refused_with(out: &std::process::Output, code: i32, needle: &str) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected a failure with {code}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    err
}

/// Rego v1 as trustee reads it: released to sample evidence (development).
const ALLOW_SAMPLE: &str = "package policy\n\ndefault allow := false\n\nallow if {\n\tdata.plugin == \"resource\"\n\tinput[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"sample\"]\n}\n";

/// trustee's default: released to any evidence but sample.
const DENY_SAMPLE: &str = "package policy\n\ndefault allow := false\n\nallow if {\n\tdata.plugin == \"resource\"\n\tnot input[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"sample\"]\n}\n";

fn provisioned() -> (Env, Kbs, String) {
    let env = Env::new();
    let (admin, admin_pub) = admin_keys(&env, "admin");
    let k = start_kbs(&admin_pub, &[]);
    std::fs::write(env.path("secret"), b"\x00\x01 the layer key \xff").unwrap();
    std::fs::write(env.path("allow.rego"), ALLOW_SAMPLE).unwrap();
    let secret = env.path("secret");
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/one",
            secret.to_str().unwrap(),
        ],
    ));
    (env, k, admin)
}

#[test]
fn handshake_and_resources_with_ec_and_rsa_keys_and_provisioning_round_trips() {
    let (env, k, admin) = provisioned();
    // trustee's default policy refuses sample evidence: PolicyDeny.
    let out = kbs(
        &env,
        &k,
        &["get-resource", "--tee", "sample", "kbs:///default/key/one"],
    );
    refused(&out, "PolicyDeny");
    let policy = env.path("allow.rego");
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            policy.to_str().unwrap(),
        ],
    ));
    for key in ["ec", "rsa"] {
        let out = kbs(
            &env,
            &k,
            &[
                "get-resource",
                "--tee",
                "sample",
                "--tee-key",
                key,
                "kbs:///default/key/one",
            ],
        );
        assert_eq!(
            out.stdout,
            std::fs::read(env.path("secret")).unwrap(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // -o writes 0600; several resources share one session.
    let other = env.path("other");
    std::fs::write(&other, b"second").unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "kbs:///default/cosign-key/1",
            other.to_str().unwrap(),
        ],
    ));
    let dest = env.path("fetched");
    ok(&kbs(
        &env,
        &k,
        &[
            "get-resource",
            "--tee",
            "sample",
            "-o",
            dest.to_str().unwrap(),
            "default/cosign-key/1",
        ],
    ));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read(&dest).unwrap(), b"second");
    let both = kbs(
        &env,
        &k,
        &[
            "get-resource",
            "--tee",
            "sample",
            "kbs:///default/cosign-key/1",
            "kbs:///default/cosign-key/1",
        ],
    );
    assert_eq!(both.stdout, b"secondsecond");
    // attest prints the token's claims.
    let out = ok(&kbs(
        &env,
        &k,
        &["attest", "--tee", "sample", "--format", "json"],
    ));
    let claims = json(&out);
    assert_eq!(claims["tee"], "sample");
    // trustee appraises sample evidence with no reference values as contraindicated.
    assert_eq!(claims["status"], "contraindicated");
    assert!(claims["expires"].as_u64().unwrap() > 0);
    // A missing resource: trustee's plugin error, explained.
    let missing = refused(
        &kbs(
            &env,
            &k,
            &["get-resource", "--tee", "sample", "kbs:///default/key/none"],
        ),
        "PluginInternalError",
    );
    assert!(
        missing.contains("usually means the resource does not exist"),
        "{missing}"
    );
    // doctor explains.
    let out = kbs(
        &env,
        &k,
        &[
            "doctor",
            "--tee",
            "sample",
            "--resource",
            "kbs:///default/key/one",
        ],
    );
    let text = ok(&out);
    assert!(
        text.contains("reachable and speaks protocol 0.4.0") && text.contains("is released"),
        "{text}"
    );
}

#[test]
fn refusals_are_typed_and_explained() {
    let env = Env::new();
    let (admin, admin_pub) = admin_keys(&env, "admin");
    let (intruder, _) = admin_keys(&env, "intruder");
    let policy = env.path("p.rego");
    std::fs::write(&policy, ALLOW_SAMPLE).unwrap();
    let p = policy.to_str().unwrap();
    // A bad admin token: another key, a wrong role.
    let k = start_kbs(&admin_pub, &[]);
    let err = refused(
        &kbs(
            &env,
            &k,
            &["set-resource-policy", "--admin-key", &intruder, p],
        ),
        "Unauthorized",
    );
    assert!(err.contains("admin key"), "{err}");
    // Resource writes are refused under trustee's other name.
    std::fs::write(env.path("r"), b"x").unwrap();
    let err = refused(
        &kbs(
            &env,
            &k,
            &[
                "set-resource",
                "--admin-key",
                &intruder,
                "default/key/r",
                env.path("r").to_str().unwrap(),
            ],
        ),
        "Unauthorized",
    );
    assert!(err.contains("admin key"), "{err}");
    refused(
        &kbs(
            &env,
            &k,
            &[
                "set-resource-policy",
                "--admin-key",
                &admin,
                "--admin-role",
                "viewer",
                p,
            ],
        ),
        "Unauthorized",
    );
    // A ready-made token (here signed by openssl, not by ccr) works like the key.
    let token = openssl_admin_token(&env, &admin);
    let deny = env.path("deny.rego");
    std::fs::write(&deny, DENY_SAMPLE).unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource-policy",
            "--admin-token",
            &token,
            deny.to_str().unwrap(),
        ],
    ));
    // Denied by policy, with the advice about sample evidence.
    std::fs::write(env.path("s"), b"x").unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/x",
            env.path("s").to_str().unwrap(),
        ],
    ));
    let err = refused(
        &kbs(
            &env,
            &k,
            &["get-resource", "--tee", "sample", "default/key/x"],
        ),
        "PolicyDeny",
    );
    assert!(err.contains("denies sample evidence"), "{err}");
    let text = String::from_utf8_lossy(
        &kbs(
            &env,
            &k,
            &["doctor", "--tee", "sample", "--resource", "default/key/x"],
        )
        .stdout,
    )
    .into_owned();
    assert!(
        text.contains("[FAIL]") && text.contains("denied by the KBS resource policy"),
        "{text}"
    );
    // Another protocol version.
    let old = start_kbs(&admin_pub, &["--protocol-version", "0.3.0"]);
    let err = refused(
        &kbs(&env, &old, &["attest", "--tee", "sample"]),
        "ProtocolVersionMismatch",
    );
    assert!(err.contains("another protocol version"), "{err}");
    let text = String::from_utf8_lossy(&kbs(&env, &old, &["doctor", "--tee", "sample"]).stdout)
        .into_owned();
    assert!(text.contains("does not speak protocol 0.4.0"), "{text}");
    assert!(
        !text.contains("speaks protocol") && !text.contains("evidence:"),
        "doctor contradicts itself: {text}"
    );
    // Transient failures are retried (twice), then reported.
    let flaky = start_kbs(&admin_pub, &["--fail-first", "2"]);
    ok(&kbs(&env, &flaky, &["attest", "--tee", "sample"]));
    let down = start_kbs(&admin_pub, &["--fail-first", "3"]);
    refused(&kbs(&env, &down, &["attest", "--tee", "sample"]), "503");
    // An expired session.
    let brief = start_kbs(&admin_pub, &["--session-ttl", "0"]);
    refused(
        &kbs(&env, &brief, &["attest", "--tee", "sample"]),
        "TokenNotFound",
    );
    // Unreachable.
    let gone = Kbs {
        child: Command::new("true").spawn().unwrap(),
        url: format!("http://127.0.0.1:{}", free_port()),
    };
    let err = refused(
        &kbs(&env, &gone, &["attest", "--tee", "sample"]),
        "cannot connect",
    );
    assert!(err.contains("--kbs-url"), "{err}");
    // No address at all.
    let out = env
        .cmd(&["kbs", "attest", "--tee", "sample"])
        .env_remove("CCR_KBS_URL")
        .output()
        .unwrap();
    refused(&out, "no KBS address");
}

/// The test KBS itself refuses a foreign nonce and unbound report data
/// (what ccr never sends, so raw requests show it).
/// Resource policies as trustee's engine (regorus, Rego v1) reads them, on
/// both sides: ccr compiles a policy before it uploads anything and names
/// the file and line of what the engine refuses; the test KBS refuses the
/// same text at upload, evaluates `data["resource-path"]` as an array, and
/// a stored policy that no longer loads is what `doctor` reports.
#[test]
fn resource_policies_are_compiled_as_trustee_does_before_any_upload() {
    let (env, k, admin) = provisioned();
    let file = |name: &str, text: &str| {
        let p = env.path(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let set = |policy: &str, extra: &[&str]| {
        let mut args = vec!["set-resource-policy", "--admin-key", &admin];
        args.extend_from_slice(extra);
        args.push(policy);
        kbs(&env, &k, &args)
    };
    let sample_gets =
        |resource: &str| kbs(&env, &k, &["get-resource", "--tee", "sample", resource]);
    let allow = file("allow.rego", ALLOW_SAMPLE);
    ok(&set(&allow, &[]));
    assert_eq!(
        sample_gets("default/key/one").stdout,
        std::fs::read(env.path("secret")).unwrap()
    );

    // A v0 rule: refused here with the engine's message, the file and the
    // line; the KBS keeps the policy it had (sample evidence still served).
    let v0 = file(
        "v0.rego",
        "package policy\ndefault allow = false\nallow { input[\"submods\"][\"cpu0\"][\"ear.status\"] == \"affirming\" }\n",
    );
    let err = refused(&set(&v0, &[]), "`if` keyword is required before rule body");
    assert!(err.contains(&format!("{v0}:3:7")), "{err}");
    assert!(
        err.contains("Rego v1") && err.contains("nothing was uploaded"),
        "{err}"
    );
    assert_eq!(
        sample_gets("default/key/one").stdout,
        std::fs::read(env.path("secret")).unwrap()
    );
    // The test KBS, like trustee, refuses the same text at upload.
    use base64::Engine;
    let token = std::fs::read_to_string(openssl_admin_token(&env, &admin)).unwrap();
    let body = serde_json::json!({"policy": base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(std::fs::read(&v0).unwrap())});
    let direct = Command::new("curl")
        .args([
            "-s",
            "-X",
            "POST",
            "-H",
            &format!("Authorization: Bearer {token}"),
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            &body.to_string(),
            &format!("{}/kbs/v0/resource-policy", k.url),
        ])
        .output()
        .unwrap();
    let reply = String::from_utf8_lossy(&direct.stdout);
    assert!(
        reply.contains("PolicyEngineError") && reply.contains("if` keyword"),
        "{reply}"
    );
    assert_eq!(
        sample_gets("default/key/one").stdout,
        std::fs::read(env.path("secret")).unwrap()
    );

    // Not Rego, another package, no rule that grants: refused, nothing sent.
    let prose = file("prose.rego", "allow everything please\n");
    let err = refused(&set(&prose, &[]), "expecting `package`");
    assert!(err.contains(&format!("{prose}:1:1")), "{err}");
    let pkg = file(
        "pkg.rego",
        "package kbs\ndefault allow := false\nallow if { true }\n",
    );
    refused(
        &set(&pkg, &[]),
        "package kbs: trustee evaluates data.policy.allow",
    );
    let lock = file("lock.rego", "package policy\n\ndefault allow := false\n");
    let err = refused(
        &set(&lock, &[]),
        &format!("{lock}:3: no rule grants `allow`"),
    );
    assert!(err.contains("--deny-all"), "{err}");
    assert_eq!(
        sample_gets("default/key/one").stdout,
        std::fs::read(env.path("secret")).unwrap()
    );
    // A lock-down on purpose.
    ok(&set(&lock, &["--deny-all"]));
    refused(&sample_gets("default/key/one"), "PolicyDeny");

    // trustee passes the resource path as an array: a rule on it works.
    std::fs::write(env.path("two"), b"two").unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/two",
            env.path("two").to_str().unwrap(),
        ],
    ));
    let by_path = file(
        "path.rego",
        "package policy\ndefault allow := false\nallow if {\n\tdata[\"resource-path\"] == [\"default\", \"key\", \"two\"]\n\tinput[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"sample\"]\n}\n",
    );
    ok(&set(&by_path, &[]));
    assert_eq!(ok(&sample_gets("default/key/two")), "two");
    refused(&sample_gets("default/key/one"), "PolicyDeny");

    // doctor --policy: compiled here, and what it releases to, by TEE.
    let text = ok(&kbs(
        &env,
        &k,
        &["doctor", "--tee", "sample", "--policy", &allow],
    ));
    assert!(
        text.contains(&format!("[ok]   {allow}: compiles")),
        "{text}"
    );
    assert!(
        text.contains("sample evidence: released whatever its appraisal"),
        "{text}"
    );
    assert!(
        text.contains("TDX evidence: denied") && text.contains("SNP evidence: denied"),
        "{text}"
    );
    let strict = file("strict.rego", DENY_SAMPLE);
    let text = ok(&kbs(
        &env,
        &k,
        &["doctor", "--tee", "sample", "--policy", &strict],
    ));
    assert!(
        text.contains("TDX evidence: released whatever its appraisal"),
        "{text}"
    );
    assert!(text.contains("sample evidence: denied"), "{text}");
    let out = kbs(&env, &k, &["doctor", "--tee", "sample", "--policy", &v0]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("[FAIL] {v0}:3:7")), "{text}");

    // A KBS whose storage holds a policy its engine no longer loads (as an
    // older trustee left it): every request is refused, and doctor says why.
    let (_, admin_pub) = admin_keys(&env, "admin2");
    let stale = start_kbs(&admin_pub, &["--policy", &v0]);
    let err = refused(
        &kbs(
            &env,
            &stale,
            &["get-resource", "--tee", "sample", "default/key/one"],
        ),
        "PolicyEngineError",
    );
    assert!(err.contains("Rego v1"), "{err}");
    let out = kbs(&env, &stale, &["doctor", "--tee", "sample"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[FAIL] the KBS's stored resource policy fails in its policy engine")
            && text.contains("`if` keyword is required"),
        "{text}"
    );
}

#[test]
fn the_test_kbs_refuses_foreign_nonces_and_unbound_evidence() {
    let env = Env::new();
    let (_, admin_pub) = admin_keys(&env, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let auth = |jar: &str| -> String {
        let out = sh(Command::new("curl").args([
            "-fsS",
            "-c",
            jar,
            "-H",
            "Content-Type: application/json",
            "-d",
            r#"{"version":"0.4.0","tee":"sample","extra-params":{}}"#,
            &format!("{}/kbs/v0/auth", k.url),
        ]));
        json(&out)["nonce"].as_str().unwrap().to_string()
    };
    let jar_a = env.path("a.jar");
    let jar_b = env.path("b.jar");
    let _nonce_a = auth(jar_a.to_str().unwrap());
    let nonce_b = auth(jar_b.to_str().unwrap());
    let key = serde_json::json!({"kty":"EC","crv":"P-256","alg":"ECDH-ES+A256KW",
        "x":"FrqEr_TXkDEA7DWT431aMooEzFLNsldeAXCC_xP8yOs","y":"oLvM4Pj6R9tjJb6K5Z35lPgWJlFBVSyFjkcc1FBJtbg"});
    let attest = |jar: &str, nonce: &str, report_data: &[u8]| -> String {
        use base64::Engine;
        let body = serde_json::json!({
            "init-data": null,
            "runtime-data": {"nonce": nonce, "tee-pubkey": key},
            "tee-evidence": {"primary_evidence": {"svn": "1", "report_data": base64::engine::general_purpose::STANDARD.encode(report_data)}, "additional_evidence": ""},
        });
        let out = Command::new("curl")
            .args([
                "-sS",
                "-b",
                jar,
                "-H",
                "Content-Type: application/json",
                "-d",
                &body.to_string(),
                &format!("{}/kbs/v0/attest", k.url),
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let bound = |nonce: &str| -> Vec<u8> {
        use sha2::Digest;
        let canon = format!(
            r#"{{"additional-evidence":"","nonce":"{nonce}","tee-pubkey":{{"alg":"ECDH-ES+A256KW","crv":"P-256","kty":"EC","x":"FrqEr_TXkDEA7DWT431aMooEzFLNsldeAXCC_xP8yOs","y":"oLvM4Pj6R9tjJb6K5Z35lPgWJlFBVSyFjkcc1FBJtbg"}}}}"#
        );
        sha2::Sha384::digest(canon.as_bytes()).to_vec()
    };
    // Session A presenting session B's nonce (correctly bound to it).
    let reply = attest(jar_a.to_str().unwrap(), &nonce_b, &bound(&nonce_b));
    assert!(
        reply.contains("AttestationFailed") && reply.contains("nonce"),
        "{reply}"
    );
    // B's own nonce, but report data that does not bind it.
    let reply = attest(jar_b.to_str().unwrap(), &nonce_b, &bound("something else"));
    assert!(
        reply.contains("AttestationFailed") && reply.contains("report data"),
        "{reply}"
    );
    // B done right gets a token.
    let reply = attest(jar_b.to_str().unwrap(), &nonce_b, &bound(&nonce_b));
    assert!(reply.contains("token"), "{reply}");
    // No session at all.
    let out =
        sh(Command::new("curl")
            .args(["-sS", &format!("{}/kbs/v0/resource/default/key/one", k.url)]));
    assert!(out.contains("TokenNotFound"), "{out}");
}

/// A fake configfs-tsm report directory; this thread plays the kernel:
/// it names the provider of each new entry and answers `inblob` with an
/// `outblob` (a TDX quote or an SNP report carrying the report data, or
/// with `tamper`, other data).
struct FakeTsm {
    dir: PathBuf,
    stop: Arc<AtomicBool>,
}

impl FakeTsm {
    fn start(dir: PathBuf, provider: &'static str, tamper: bool) -> FakeTsm {
        FakeTsm::launched_with(dir, provider, tamper, Vec::new())
    }

    /// As a TEE launched with `field` in MRCONFIGID (TDX) or HOST_DATA (SNP).
    fn launched_with(
        dir: PathBuf,
        provider: &'static str,
        tamper: bool,
        field: Vec<u8>,
    ) -> FakeTsm {
        FakeTsm::with_rtmr(
            dir,
            provider,
            tamper,
            field,
            Arc::new(std::sync::Mutex::new(vec![0; 48])),
        )
    }

    /// A TDX guest whose kernel exposes RTMR3 at `measurements/rtmr3:sha384`
    /// (a FIFO this thread reads as the kernel takes writes: each 48-byte
    /// digest extends the register its quotes report).
    fn with_measurements(dir: PathBuf, field: Vec<u8>) -> (FakeTsm, PathBuf) {
        use sha2::Digest;
        let rtmr = Arc::new(std::sync::Mutex::new(vec![0u8; 48]));
        let measurements = dir.with_extension("measurements");
        std::fs::create_dir_all(&measurements).unwrap();
        let fifo = measurements.join("rtmr3:sha384");
        sh(Command::new("mkfifo").arg(&fifo));
        let r = rtmr.clone();
        // Held open for reading and writing, as the kernel's attribute
        // never goes away: no write is lost between two writers.
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&fifo)
            .unwrap();
        std::thread::spawn(move || {
            let mut d = [0u8; 48];
            while std::io::Read::read_exact(&mut f, &mut d).is_ok() {
                let mut v = r.lock().unwrap();
                let mut h = sha2::Sha384::new();
                h.update(&v[..]);
                h.update(d);
                *v = h.finalize().to_vec();
            }
        });
        (
            FakeTsm::with_rtmr(dir, "tdx_guest", false, field, rtmr),
            measurements,
        )
    }

    fn with_rtmr(
        dir: PathBuf,
        provider: &'static str,
        tamper: bool,
        field: Vec<u8>,
        rtmr: Arc<std::sync::Mutex<Vec<u8>>>,
    ) -> FakeTsm {
        std::fs::create_dir_all(&dir).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let (d, s) = (dir.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let p = e.path();
                    if !p.join("provider").exists() {
                        let _ = std::fs::write(p.join("provider"), provider);
                    }
                    let inblob = std::fs::read(p.join("inblob")).unwrap_or_default();
                    if inblob.len() == 64 && !p.join("outblob").exists() {
                        let mut data = inblob.clone();
                        if tamper {
                            data[0] ^= 0xff;
                        }
                        let out = if provider == "tdx_guest" {
                            let mut q = vec![0u8; 1024];
                            q[0] = 4; // quote version 4
                            let n = field.len().min(48);
                            q[232..232 + n].copy_from_slice(&field[..n]);
                            q[520..568].copy_from_slice(&rtmr.lock().unwrap());
                            q[568..632].copy_from_slice(&data);
                            q
                        } else {
                            let mut r = vec![0u8; 1184];
                            r[0] = 2; // report version 2
                            r[0x50..0x90].copy_from_slice(&data);
                            let n = field.len().min(32);
                            r[0xC0..0xC0 + n].copy_from_slice(&field[..n]);
                            r[0x1a0..0x1e0].fill(0x11); // a chip id (Genoa-like)
                            r
                        };
                        let tmp = p.join(".outblob");
                        let _ = std::fs::write(&tmp, out);
                        let _ = std::fs::rename(&tmp, p.join("outblob"));
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        });
        FakeTsm { dir, stop }
    }
}

impl Drop for FakeTsm {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

#[test]
fn configfs_tsm_attesters_and_no_silent_sample_fallback() {
    let env = Env::new();
    let (admin, admin_pub) = admin_keys(&env, "admin");
    let k = start_kbs(&admin_pub, &[]);
    std::fs::write(env.path("s"), b"released to hardware").unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/hw",
            env.path("s").to_str().unwrap(),
        ],
    ));
    // The resource policy `cvm provision` writes, on this KBS and on one
    // whose attestation service appraises hardware evidence as `warning`
    // (reference values that do not match).
    let prefix = env.path("cosign").to_str().unwrap().to_string();
    cosign_keys(&env, &prefix);
    let warned = start_kbs(&admin_pub, &["--tee-status", "warning"]);
    for (kbs_url, out) in [(&k.url, "i1.toml"), (&warned.url, "i2.toml")] {
        ok(&env
            .cmd(&[
                "cvm",
                "provision",
                "--kbs-url",
                kbs_url,
                "--admin-key",
                &admin,
                "--image",
                "localhost/app:1",
                "--cosign-key",
                &format!("{prefix}.pub"),
                "-o",
                env.path(out).to_str().unwrap(),
            ])
            .output()
            .unwrap());
    }
    ok(&kbs(
        &env,
        &warned,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/hw",
            env.path("s").to_str().unwrap(),
        ],
    ));
    for provider in ["tdx_guest", "sev_guest"] {
        let fake = FakeTsm::start(env.path(&format!("tsm-{provider}")), provider, false);
        let dir = fake.dir.to_str().unwrap().to_string();
        // auto finds the TEE; its evidence is accepted and (the provisioned
        // policy releases to affirming hardware evidence) the resource is
        // released; appraised `warning`, it is not.
        let out = ok(&kbs(
            &env,
            &k,
            &["attest", "--tsm-report-dir", &dir, "--format", "json"],
        ));
        let tee = if provider == "tdx_guest" {
            "tdx"
        } else {
            "snp"
        };
        assert_eq!(json(&out)["tee"], tee);
        let out = kbs(
            &env,
            &k,
            &[
                "get-resource",
                "--tee",
                tee,
                "--tsm-report-dir",
                &dir,
                "default/key/hw",
            ],
        );
        assert_eq!(ok(&out), "released to hardware");
        refused(
            &kbs(
                &env,
                &warned,
                &["get-resource", "--tsm-report-dir", &dir, "default/key/hw"],
            ),
            "PolicyDeny",
        );
        // Asking for the other TEE fails clearly.
        let other = if tee == "tdx" { "snp" } else { "tdx" };
        refused(
            &kbs(
                &env,
                &k,
                &["attest", "--tee", other, "--tsm-report-dir", &dir],
            ),
            "was asked for",
        );
    }
    // A report whose data does not bind the session: AttestationError.
    let fake = FakeTsm::start(env.path("tsm-tampered"), "tdx_guest", true);
    let err = refused(
        &kbs(
            &env,
            &k,
            &["attest", "--tsm-report-dir", fake.dir.to_str().unwrap()],
        ),
        "AttestationError",
    );
    assert!(err.contains("report data"), "{err}");
    // No TEE: auto fails and never falls back to sample.
    let err = refused(
        &kbs(
            &env,
            &k,
            &[
                "attest",
                "--tsm-report-dir",
                env.path("none").to_str().unwrap(),
            ],
        ),
        "no TEE found",
    );
    assert!(err.contains("never falls back"), "{err}");
}

/// Initdata naming the KBS at `url`.
fn initdata_for(url: &str, algorithm: &str) -> String {
    let q = "'''";
    format!(
        "version = \"0.1.0\"\nalgorithm = \"{algorithm}\"\n[data]\n\"cdh.toml\" = {q}\n[kbc]\nname = \"cc_kbc\"\nurl = \"{url}\"\n[image]\nimage_security_policy_uri = \"kbs:///default/security-policy/test\"\n{q}\n"
    )
}

#[test]
fn initdata_is_checked_against_the_tee_and_sent_with_the_evidence() {
    use sha2::Digest;
    // `cvm status` mounts the mode's tmpfs for this data root; it goes with it.
    let guest = Guest(Env::new());
    let env = &guest.0;
    let (_, admin_pub) = admin_keys(&env, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let evidence_claims = |c: &serde_json::Value| {
        c["claims"]["submods"]["cpu0"]["ear.veraison.annotated-evidence"].clone()
    };
    for (provider, algorithm, tee, field_len) in [
        ("tdx_guest", "sha384", "tdx", 48),
        ("sev_guest", "sha256", "snp", 32),
        ("sev_guest", "sha512", "snp", 32),
    ] {
        let text = initdata_for(&k.url, algorithm);
        let file = env.path(&format!("initdata-{provider}-{algorithm}.toml"));
        std::fs::write(&file, &text).unwrap();
        let digest = match algorithm {
            "sha256" => sha2::Sha256::digest(text.as_bytes()).to_vec(),
            "sha384" => sha2::Sha384::digest(text.as_bytes()).to_vec(),
            _ => sha2::Sha512::digest(text.as_bytes()).to_vec(),
        };
        let mut field = digest.clone();
        field.resize(field_len, 0);
        let fake = FakeTsm::launched_with(
            env.path(&format!("tsm-{provider}-{algorithm}")),
            provider,
            false,
            field,
        );
        let dir = fake.dir.to_str().unwrap().to_string();
        // Bound: attested, and the KBS (which recomputes the digest and
        // compares it with the TEE's field, as trustee) records it.
        let out = ok(&env
            .cmd(&[
                "--initdata",
                file.to_str().unwrap(),
                "kbs",
                "attest",
                "--tsm-report-dir",
                &dir,
                "--format",
                "json",
            ])
            .output()
            .unwrap());
        let claims: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(claims["tee"], tee);
        // As trustee's verifiers put it: the TEE's field, hex, and the
        // document's `[data]` (its cdh.toml parsed).
        let mut field = digest.clone();
        field.resize(field_len, 0);
        let annotated = evidence_claims(&claims);
        assert_eq!(annotated["init_data"], hex::encode(&field), "{out}");
        assert_eq!(
            annotated["init_data_claims"]["cdh.toml"]["kbc"]["url"],
            k.url.as_str(),
            "{out}"
        );
        let status = ok(&env
            .cmd(&[
                "--initdata",
                file.to_str().unwrap(),
                "cvm",
                "status",
                "--tsm-report-dir",
                &dir,
            ])
            .output()
            .unwrap());
        assert!(
            status.contains("Confidential-VM mode: on")
                && status.contains(&hex::encode(&digest))
                && status.contains("Initdata binding: matches")
                && status.contains(&format!("KBS: {}", k.url)),
            "{status}"
        );
        // One byte changed: the TEE was not launched with it; nothing is sent.
        let edited = env.path("edited.toml");
        std::fs::write(&edited, text.replace("0.1.0", "0.1.1")).unwrap();
        let out = env
            .cmd(&[
                "--initdata",
                edited.to_str().unwrap(),
                "kbs",
                "attest",
                "--tsm-report-dir",
                &dir,
            ])
            .output()
            .unwrap();
        let err = refused(&out, "does not match the TEE");
        // A pull in the mode stops there too, before any registry is asked.
        let pull = env
            .cmd(&[
                "--initdata",
                edited.to_str().unwrap(),
                "pull",
                "--tsm-report-dir",
                &dir,
                &format!("127.0.0.1:{}/never/asked:1", free_port()),
            ])
            .output()
            .unwrap();
        refused(&pull, "does not match the TEE");
        let field_name = if tee == "tdx" {
            "MRCONFIGID"
        } else {
            "HOSTDATA"
        };
        assert!(err.contains(field_name), "{err}");
        assert!(
            err.contains("hint: the guest was launched with other initdata"),
            "{err}"
        );
    }
    // Only the initdata's KBS is used in the mode.
    let text = initdata_for(&k.url, "sha384");
    let file = env.path("initdata.toml");
    std::fs::write(&file, &text).unwrap();
    let out = env
        .cmd(&[
            "--initdata",
            file.to_str().unwrap(),
            "kbs",
            "attest",
            "--tee",
            "sample",
            "--kbs-url",
            "http://127.0.0.1:1",
        ])
        .output()
        .unwrap();
    refused(&out, "only the initdata's KBS is used");
    // Sample evidence has no launch-time field: the KBS still gets the
    // initdata and records its digest.
    let out = ok(&env
        .cmd(&[
            "--initdata",
            file.to_str().unwrap(),
            "kbs",
            "attest",
            "--tee",
            "sample",
            "--format",
            "json",
        ])
        .output()
        .unwrap());
    let claims: serde_json::Value = serde_json::from_str(&out).unwrap();
    // trustee's sample verifier records it base64.
    use base64::Engine;
    assert_eq!(
        evidence_claims(&claims)["init_data"],
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(text.as_bytes()))
    );
    // Malformed initdata stops the command.
    std::fs::write(&file, "version = \"0.1.0\"\nalgorithm = \"md5\"\n").unwrap();
    let out = env
        .cmd(&["--initdata", file.to_str().unwrap(), "cvm", "status"])
        .output()
        .unwrap();
    refused(&out, "md5");
}

/// An EdDSA admin JWT made with openssl alone.
fn openssl_admin_token(env: &Env, key: &str) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let header = b64.encode(br#"{"alg":"EdDSA","typ":"JWT"}"#);
    let claims = serde_json::json!({"iss": "tenant", "aud": ["KBS"], "role": "admin", "iat": now, "exp": now + 60});
    let input = format!("{header}.{}", b64.encode(claims.to_string()));
    let input_file = env.path("jwt.input");
    std::fs::write(&input_file, &input).unwrap();
    let sig = Command::new("openssl")
        .args([
            "pkeyutl",
            "-sign",
            "-inkey",
            key,
            "-rawin",
            "-in",
            input_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(sig.status.success());
    let token = env.path("admin.jwt");
    std::fs::write(&token, format!("{input}.{}", b64.encode(&sig.stdout))).unwrap();
    token.to_str().unwrap().to_string()
}

#[test]
fn image_keys_registered_in_the_kbs_and_fetched_after_attestation() {
    let env = Env::new();
    env.busybox("localhost/busybox:kbs");
    let (admin, admin_pub) = admin_keys(&env, "admin");
    let (intruder, _) = admin_keys(&env, "intruder");
    let log = env.path("kbs.log");
    let k = start_kbs(&admin_pub, &["--log", log.to_str().unwrap()]);
    let policy = env.path("allow.rego");
    std::fs::write(&policy, ALLOW_SAMPLE).unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            policy.to_str().unwrap(),
        ],
    ));
    let kid = "kbs:///default/image-kek/app-1";
    let run_encrypt = |key: &str, target: &str| {
        env.cmd(&[
            "image",
            "encrypt",
            "--recipient",
            &format!("provider:attestation-agent:keyid={kid}"),
            "--kbs-url",
            &k.url,
            "--admin-key",
            key,
            "--tee",
            "sample",
            "localhost/busybox:kbs",
            target,
        ])
        .output()
        .unwrap()
    };
    // A registration the KBS refuses fails the command; nothing is named.
    let out = run_encrypt(&intruder, "localhost/app:refused");
    refused(&out, "Unauthorized");
    assert!(!env.image_names().iter().any(|n| n.contains("refused")));
    // Registered, read back, encrypted.
    let out = run_encrypt(&admin, "localhost/app:kbs");
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("read it back"));
    // With --kek-out as well, both: registered and written (never one
    // silently skipped).
    let kek_file = env.path("app-2.kek");
    let out = env
        .cmd(&[
            "image",
            "encrypt",
            "--recipient",
            "provider:attestation-agent:keyid=kbs:///default/image-kek/app-2",
            "--kbs-url",
            &k.url,
            "--admin-key",
            &admin,
            "--tee",
            "sample",
            "--kek-out",
            kek_file.to_str().unwrap(),
            "localhost/busybox:kbs",
            "localhost/app:both",
        ])
        .output()
        .unwrap();
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("read it back"));
    let written = std::fs::read(&kek_file).unwrap();
    assert_eq!(written.len(), 32);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&kek_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    ok(&kbs(
        &env,
        &k,
        &[
            "get-resource",
            "--tee",
            "sample",
            "--output",
            env.path("fetched.kek").to_str().unwrap(),
            "default/image-kek/app-2",
        ],
    ));
    assert_eq!(std::fs::read(env.path("fetched.kek")).unwrap(), written);
    // A second image for the same key id keeps the key the KBS has (a new
    // one would make the first image unreadable).
    let out = run_encrypt(&admin, "localhost/app:second");
    ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already: its key is used"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without attestation there is no key.
    let err = env.fails(&["run", "--rm", "localhost/app:kbs", "true"]);
    assert!(err.contains("no decryption key was given"), "{err}");
    // The guest side: attest, fetch the KEK, decrypt while unpacking, run.
    let out = env
        .cmd(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--decryption-key",
            kid,
            "--tee",
            "sample",
            "localhost/app:kbs",
            "echo",
            "via-kbs",
        ])
        .env("CCR_KBS_URL", &k.url)
        .output()
        .unwrap();
    assert_eq!(ok(&out), "via-kbs\n");
    let second = env
        .cmd(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--decryption-key",
            kid,
            "--tee",
            "sample",
            "localhost/app:second",
            "echo",
            "second",
        ])
        .env("CCR_KBS_URL", &k.url)
        .output()
        .unwrap();
    assert_eq!(ok(&second), "second\n");
    // A build whose two base images are opened by the same key id
    // fetches the key once: one KBS session, one keyring per command.
    let fetches = || {
        std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .filter(|l| *l == "GET /kbs/v0/resource/default/image-kek/app-1")
            .count()
    };
    let before = fetches();
    let ctx_dir = env.path("two-bases");
    std::fs::create_dir_all(&ctx_dir).unwrap();
    std::fs::write(
        ctx_dir.join("Dockerfile"),
        "FROM localhost/app:kbs AS one\nFROM localhost/app:second\nCOPY --from=one /bin/busybox /copied\n",
    )
    .unwrap();
    let built = env
        .cmd(&[
            "build",
            "--decryption-key",
            kid,
            "--tee",
            "sample",
            "-t",
            "localhost/app:built",
            ctx_dir.to_str().unwrap(),
        ])
        .env("CCR_KBS_URL", &k.url)
        .output()
        .unwrap();
    ok(&built);
    assert_eq!(
        fetches() - before,
        1,
        "{}",
        std::fs::read_to_string(&log).unwrap()
    );
    // A private key of the jwe scheme can be a KBS resource too.
    let jwe = env.path("jwe.pem");
    sh(Command::new("openssl").args([
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        jwe.to_str().unwrap(),
    ]));
    let jwe_pub = env.path("jwe.pub.pem");
    sh(Command::new("openssl").args([
        "pkey",
        "-in",
        jwe.to_str().unwrap(),
        "-pubout",
        "-out",
        jwe_pub.to_str().unwrap(),
    ]));
    env.ok(&[
        "image",
        "encrypt",
        "--recipient",
        &format!("jwe:{}", jwe_pub.display()),
        "localhost/busybox:kbs",
        "localhost/app:jwe",
    ]);
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/jwe-private",
            jwe.to_str().unwrap(),
        ],
    ));
    let via_jwe = env
        .cmd(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--decryption-key",
            "kbs:///default/key/jwe-private",
            "--tee",
            "sample",
            "localhost/app:jwe",
            "echo",
            "jwe-from-kbs",
        ])
        .env("CCR_KBS_URL", &k.url)
        .output()
        .unwrap();
    assert_eq!(ok(&via_jwe), "jwe-from-kbs\n");
    // With evidence the policy refuses, nothing is decrypted.
    let deny = env.path("deny.rego");
    std::fs::write(&deny, DENY_SAMPLE).unwrap();
    ok(&kbs(
        &env,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            deny.to_str().unwrap(),
        ],
    ));
    let out = env
        .cmd(&[
            "image",
            "decrypt",
            "--key",
            kid,
            "--tee",
            "sample",
            "localhost/app:kbs",
            "localhost/app:plain",
        ])
        .env("CCR_KBS_URL", &k.url)
        .output()
        .unwrap();
    refused(&out, "PolicyDeny");
    assert!(!env.image_names().iter().any(|n| n.contains("plain")));
}

#[test]
fn https_with_a_private_ca() {
    let env = Env::new();
    let (_, admin_pub) = admin_keys(&env, "admin");
    let d = env.path("");
    let run = |cmd: &str| sh(Command::new("bash").args(["-c", cmd]).current_dir(&d));
    run(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem -subj /CN=ccr-test-ca -days 1 2>/dev/null",
    );
    run(
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1 2>/dev/null",
    );
    run(
        "openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out srv.pem -days 1 -extfile <(printf 'subjectAltName=IP:127.0.0.1') 2>/dev/null",
    );
    let k = start_kbs(
        &admin_pub,
        &[
            "--tls-cert",
            env.path("srv.pem").to_str().unwrap(),
            "--tls-key",
            env.path("srv.key").to_str().unwrap(),
        ],
    );
    let https = Kbs {
        child: Command::new("true").spawn().unwrap(),
        url: k.url.replace("http://", "https://"),
    };
    let ca = env.path("ca.pem");
    let out = ok(&kbs(
        &env,
        &https,
        &[
            "attest",
            "--tee",
            "sample",
            "--kbs-cert",
            ca.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(json(&out)["tee"], "sample");
    // Without the CA the server is not trusted.
    let err = refused(
        &kbs(&env, &https, &["attest", "--tee", "sample"]),
        "cannot connect",
    );
    assert!(err.to_lowercase().contains("certificate"), "{err}");
}

/// The tenant's cosign key pair, PREFIX.key and PREFIX.pub (password `pw`).
fn cosign_keys(t: &Env, prefix: &str) {
    ok(&t
        .cmd(&["key", "generate", "--output-key-prefix", prefix])
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap());
}

/// `src` encrypted as `dst` for the KBS key id `kid` (which registers its key).
fn encrypt_for(t: &Env, k: &Kbs, admin: &str, kid: &str, src: &str, dst: &str) {
    let recipient = format!("provider:attestation-agent:keyid={kid}");
    ok(&t
        .cmd(&[
            "image",
            "encrypt",
            "--recipient",
            &recipient,
            "--kbs-url",
            &k.url,
            "--admin-key",
            admin,
            "--tee",
            "sample",
            src,
            dst,
        ])
        .output()
        .unwrap());
}

/// Pushes `image` signed with PREFIX.key.
fn push_signed(t: &Env, prefix: &str, image: &str) {
    let key = format!("{prefix}.key");
    ok(&t
        .cmd(&["push", "-q", "--sign=cosign", "--cosign-key", &key, image])
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap());
}

/// `ccr --initdata INITDATA run --rm --network none --tee sample IMAGE
/// ARGS...` in a guest's data root: a run in CVM mode.
fn run_in_mode(env: &Env, initdata: &Path, image: &str, args: &[&str]) -> std::process::Output {
    let initdata = initdata.to_str().unwrap();
    let mut all = vec![
        "--initdata",
        initdata,
        "run",
        "--rm",
        "--network",
        "none",
        "--tee",
        "sample",
        image,
    ];
    all.extend_from_slice(args);
    env.cmd(&all).output().unwrap()
}

/// The plaintext root CVM mode mounts for a data root.
fn plaintext_dir(data_root: &Path) -> PathBuf {
    let hex = sha256_hex(data_root.as_os_str().as_encoded_bytes());
    PathBuf::from(format!("/run/ccr/plaintext-{}", &hex[..16]))
}

fn mounted(dir: &Path) -> bool {
    std::fs::read_to_string("/proc/self/mounts")
        .unwrap()
        .lines()
        .any(|l| l.split_whitespace().nth(1) == Some(dir.to_str().unwrap()))
}

/// Unmounts a guest's plaintext tmpfs when the test ends.
struct Guest(Env);

impl Drop for Guest {
    fn drop(&mut self) {
        let dir = plaintext_dir(&self.0.data_root());
        let _ = Command::new("umount")
            .arg("-l")
            .arg(&dir)
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir(&dir);
    }
}

#[test]
fn cvm_mode_runs_a_signed_encrypted_image_with_nothing_but_initdata() {
    let reg = Registry::start();
    let t = Env::new();
    t.busybox("localhost/busybox:cvm");
    let (admin, admin_pub) = admin_keys(&t, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let allow = t.path("allow.rego");
    std::fs::write(&allow, ALLOW_SAMPLE).unwrap();
    ok(&kbs(
        &t,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            allow.to_str().unwrap(),
        ],
    ));
    let set = |path: &str, file: &Path| {
        ok(&kbs(
            &t,
            &k,
            &[
                "set-resource",
                "--admin-key",
                &admin,
                path,
                file.to_str().unwrap(),
            ],
        ))
    };
    // The tenant: a cosign key, the image encrypted for a KBS key id (which
    // registers its KEK), pushed signed; an unsigned copy beside it.
    let prefix = t.path("cosign").to_str().unwrap().to_string();
    cosign_keys(&t, &prefix);
    let image = format!("{}/cvm/app:1", reg.host());
    encrypt_for(
        &t,
        &k,
        &admin,
        "kbs:///default/image-kek/cvm-app",
        "localhost/busybox:cvm",
        &image,
    );
    push_signed(&t, &prefix, &image);
    let unsigned = format!("{}/cvm/unsigned:1", reg.host());
    t.ok(&["tag", &image, &unsigned]);
    t.ok(&["push", "-q", &unsigned]);
    // The KBS: the cosign key and a policy that admits only the signed
    // repository's images signed with it.
    set("default/cosign-key/1", Path::new(&format!("{prefix}.pub")));
    let policy = t.path("policy.json");
    std::fs::write(
        &policy,
        serde_json::json!({
            "default": [{"type": "reject"}],
            "transports": {"docker": {
                format!("{}/cvm/app", reg.host()): [{"type": "sigstoreSigned", "keyPath": "kbs:///default/cosign-key/1"}],
                format!("{}/cvm/unsigned", reg.host()): [{"type": "sigstoreSigned", "keyPath": "kbs:///default/cosign-key/1"}],
            }},
        })
        .to_string(),
    )
    .unwrap();
    set("default/security-policy/test", &policy);
    let initdata = t.path("initdata.toml");
    std::fs::write(&initdata, initdata_for(&k.url, "sha384")).unwrap();
    let initdata = initdata.to_str().unwrap().to_string();

    // The guest: a fresh data root, no key, policy or KBS flag.
    let g = Guest(Env::new());
    let guest = |env: &Env, args: &[&str]| {
        let mut all = vec!["--initdata", initdata.as_str()];
        all.extend_from_slice(args);
        env.cmd(&all).output().unwrap()
    };
    let run =
        |env: &Env, img: &str| run_in_mode(env, Path::new(&initdata), img, &["echo", "in-cvm"]);
    let first = run(&g.0, &image);
    // The pull's progress is on standard error, as docker's run prints it:
    // standard output is the container's alone.
    assert_eq!(ok(&first), "in-cvm\n");
    let said = String::from_utf8_lossy(&first.stderr);
    assert!(
        said.contains("Unable to find image") && said.contains("Verified signature (cosign)"),
        "{said}"
    );
    // --verify-sbom in the mode: the SBOM attestation is checked with the
    // key the KBS's policy names, against the content decrypted in memory.
    let sbom_file = t.path("app.spdx.json");
    t.ok(&[
        "sbom",
        "-q",
        "-o",
        "spdx-json",
        "--file",
        sbom_file.to_str().unwrap(),
        "localhost/busybox:cvm",
    ]);
    ok(&t
        .cmd(&[
            "image",
            "attest",
            "--key",
            &format!("{prefix}.key"),
            "--predicate",
            sbom_file.to_str().unwrap(),
            "--type",
            "spdxjson",
            &image,
        ])
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap());
    let g2 = Guest(Env::new());
    let checked = guest(
        &g2.0,
        &[
            "run",
            "--rm",
            "--network",
            "none",
            "--tee",
            "sample",
            "--verify-sbom",
            &image,
            "echo",
            "sbom-ok",
        ],
    );
    // The container's output alone on stdout; the pull's report on stderr.
    assert_eq!(ok(&checked), "sbom-ok\n");
    let said = String::from_utf8_lossy(&checked.stderr);
    assert!(said.contains("Verified SBOM attestation"), "{said}");
    // Decrypted layers went to the mode's tmpfs, not the data root.
    let plain = plaintext_dir(&g.0.data_root());
    assert!(mounted(&plain), "{} is not mounted", plain.display());
    assert!(
        std::fs::read_dir(plain.join("snapshots/layers"))
            .unwrap()
            .count()
            > 0,
        "no snapshot in the plaintext root"
    );
    let on_disk = g.0.data_root().join("snapshots/layers");
    assert!(
        !on_disk.exists() || std::fs::read_dir(&on_disk).unwrap().count() == 0,
        "decrypted layers on the persistent data root"
    );
    let status = ok(&guest(&g.0, &["cvm", "status"]));
    assert!(
        status.contains(&format!("tmpfs at {}", plain.display())),
        "{status}"
    );
    // A layer whose content does not hash to its diff id (a config naming
    // another one, signed again, so that only the unpack can tell): the
    // run fails and nothing of that layer stays decrypted.
    let host = reg.host();
    let manifest = sh(Command::new("curl").args([
        "-sS",
        "-H",
        "Accept: application/vnd.oci.image.manifest.v1+json",
        &format!("http://{host}/v2/cvm/app/manifests/1"),
    ]));
    let mut m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let config = sh(Command::new("curl").args([
        "-sS",
        &format!(
            "http://{host}/v2/cvm/app/blobs/{}",
            m["config"]["digest"].as_str().unwrap()
        ),
    ]));
    let mut c: serde_json::Value = serde_json::from_str(&config).unwrap();
    let ids = c["rootfs"]["diff_ids"].as_array_mut().unwrap();
    let forged = format!("sha256:{}", sha256_hex(b"another layer"));
    let wrong_layer = ids.len() - 1;
    ids[wrong_layer] = serde_json::json!(forged);
    let c = serde_json::to_vec(&c).unwrap();
    m["config"]["digest"] = serde_json::json!(upload_blob(&host, "cvm/app", &c));
    m["config"]["size"] = serde_json::json!(c.len());
    let mfile = t.path("tampered.json");
    std::fs::write(&mfile, serde_json::to_vec(&m).unwrap()).unwrap();
    sh(Command::new("curl").args([
        "-sS",
        "-f",
        "-X",
        "PUT",
        "-H",
        "Content-Type: application/vnd.oci.image.manifest.v1+json",
        "--data-binary",
        &format!("@{}", mfile.display()),
        &format!("http://{host}/v2/cvm/app/manifests/tampered"),
    ]));
    let tampered = format!("{host}/cvm/app:tampered");
    ok(&t
        .cmd(&[
            "image",
            "sign",
            "--key",
            &format!("{prefix}.key"),
            &tampered,
        ])
        .env("COSIGN_PASSWORD", "pw")
        .output()
        .unwrap());
    let g7 = Guest(Env::new());
    refused_run(&run(&g7.0, &tampered), "the image config says");
    let snaps = plaintext_dir(&g7.0.data_root()).join("snapshots");
    let has = |dir: &str, name: &str| {
        std::fs::read_dir(snaps.join(dir))
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().contains(name))
            })
            .unwrap_or(false)
    };
    let forged_hex = forged.trim_start_matches("sha256:");
    assert!(!has("layers", forged_hex), "the mismatching layer was kept");
    assert!(
        std::fs::read_dir(snaps.join("tmp"))
            .map(|d| d.count())
            .unwrap_or(0)
            == 0,
        "a half-unpacked layer is left"
    );
    // An unsigned image is refused; nothing of it is run or named.
    let err = refused_run(&run(&g.0, &unsigned), "signature");
    assert!(!err.contains("in-cvm"), "{err}");
    assert!(!g.0.image_names().iter().any(|n| n.contains("unsigned")));
    // A repository the policy does not name: rejected.
    let other = format!("{}/cvm/other:1", reg.host());
    t.ok(&["tag", &image, &other]);
    t.ok(&["push", "-q", &other]);
    refused_run(&run(&g.0, &other), "reject");
    // A policy whose key is a path on the guest's disk: refused, keys come
    // from the KBS only.
    let local = t.path("local-key-policy.json");
    std::fs::write(
        &local,
        serde_json::json!({"default": [{"type": "sigstoreSigned", "keyPath": "/etc/ccr/cosign.pub"}]})
            .to_string(),
    )
    .unwrap();
    set("default/security-policy/test", &local);
    let g8 = Guest(Env::new());
    let err = refused_run(&run(&g8.0, &image), "keys come from the KBS");
    assert!(err.contains("/etc/ccr/cosign.pub"), "{err}");
    assert!(g8.0.image_names().is_empty() && g8.0.blobs().is_empty());
    set("default/security-policy/test", &policy);
    // A writable bind mount of persistent storage would put plaintext on disk.
    let host_dir = t.path("host-dir");
    std::fs::create_dir_all(&host_dir).unwrap();
    let bind = format!("{}:/data", host_dir.display());
    let out = guest(
        &g.0,
        &[
            "run",
            "--rm",
            "--network",
            "none",
            "--tee",
            "sample",
            "-v",
            &bind,
            &image,
            "true",
        ],
    );
    refused_run(&out, "writable bind mount");
    let out = guest(
        &g.0,
        &[
            "run",
            "--rm",
            "--network",
            "none",
            "--tee",
            "sample",
            "-v",
            &format!("{bind}:ro"),
            &image,
            "echo",
            "read-only",
        ],
    );
    assert!(ok(&out).ends_with("read-only\n"));
    // compose up in the mode takes its policy from the KBS as run does: a
    // project with an unsigned service starts nothing; the signed one runs.
    let project = t.path("cvm-project");
    std::fs::create_dir_all(&project).unwrap();
    let write = |extra: &str| {
        std::fs::write(
            project.join("compose.yaml"),
            format!("services:\n  app:\n    image: {image}\n    command: [\"echo\", \"compose-in-cvm\"]\n    network_mode: none\n{extra}"),
        )
        .unwrap()
    };
    write(&format!(
        "  bad:\n    image: {unsigned}\n    network_mode: none\n"
    ));
    let up = |env: &Env| {
        env.cmd(&[
            "--initdata",
            initdata.as_str(),
            "compose",
            "up",
            "-d",
            "--tee",
            "sample",
        ])
        .current_dir(&project)
        .output()
        .unwrap()
    };
    let g9 = Guest(Env::new());
    refused(&up(&g9.0), "signature");
    assert!(
        g9.0.ok(&["ps", "-a", "-q"]).trim().is_empty(),
        "a container was made"
    );
    write("");
    ok(&up(&g9.0));
    let logs =
        g9.0.cmd(&[
            "--initdata",
            initdata.as_str(),
            "compose",
            "logs",
            "--no-log-prefix",
        ])
        .current_dir(&project)
        .output()
        .unwrap();
    assert_eq!(ok(&logs).trim(), "compose-in-cvm");
    ok(&g9
        .0
        .cmd(&["--initdata", initdata.as_str(), "compose", "down"])
        .current_dir(&project)
        .output()
        .unwrap());

    // No policy named: nothing is accepted, nothing is stored.
    let bare = t.path("bare.toml");
    std::fs::write(
        &bare,
        initdata_for(&k.url, "sha384").replace(
            "image_security_policy_uri = \"kbs:///default/security-policy/test\"\n",
            "",
        ),
    )
    .unwrap();
    let g2 = Guest(Env::new());
    let out = run_in_mode(&g2.0, &bare, &image, &["true"]);
    refused_run(&out, "no image security policy");
    assert!(g2.0.image_names().is_empty());
    assert!(g2.0.blobs().is_empty(), "a refused image left blobs");

    // A build's base image is held to the mode's policy too: pulling it
    // means attesting (there is no TEE here and no sample unasked).
    let ctx_dir = t.path("build-ctx");
    std::fs::create_dir_all(&ctx_dir).unwrap();
    std::fs::write(ctx_dir.join("Dockerfile"), format!("FROM {other}\n")).unwrap();
    let g6 = Guest(Env::new());
    let out = guest(
        &g6.0,
        &[
            "build",
            "-q",
            "-t",
            "localhost/x:1",
            ctx_dir.to_str().unwrap(),
        ],
    );
    refused(&out, "no TEE found");
    assert!(g6.0.image_names().is_empty() && g6.0.blobs().is_empty());
    // The build's KBS flags are the session's (they were once ignored: the
    // base image's policy opened the session with default settings first):
    // with --tee sample the guest attests, and the KBS's policy, fetched,
    // is what refuses this base (not one of the provisioned images).
    let out = guest(
        &g6.0,
        &[
            "build",
            "-q",
            "--tee",
            "sample",
            "-t",
            "localhost/x:1",
            ctx_dir.to_str().unwrap(),
        ],
    );
    let err = refused(&out, "rejected by the signature policy");
    assert!(!err.contains("no TEE found"), "{err}");
    assert!(g6.0.image_names().is_empty() && g6.0.blobs().is_empty());
    // The KBS denies this guest the image's key (PolicyDeny) after policy
    // and signature passed, or cannot be reached: nothing is stored,
    // nothing decrypted.
    let deny = t.path("deny.rego");
    std::fs::write(
        &deny,
        // trustee's `data["resource-path"]` is an array.
        "package policy\ndefault allow := false\nallow if { data[\"resource-path\"] != [\"default\", \"image-kek\", \"cvm-app\"] }\n",
    )
    .unwrap();
    ok(&kbs(
        &t,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            deny.to_str().unwrap(),
        ],
    ));
    let g4 = Guest(Env::new());
    let err = refused_run(&run(&g4.0, &image), "PolicyDeny");
    assert!(err.contains("image-kek/cvm-app"), "{err}");
    assert!(g4.0.image_names().is_empty() && g4.0.blobs().is_empty());
    let snaps = plaintext_dir(&g4.0.data_root()).join("snapshots/layers");
    assert!(!snaps.exists() || std::fs::read_dir(&snaps).unwrap().count() == 0);
    ok(&kbs(
        &t,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            allow.to_str().unwrap(),
        ],
    ));
    let unreachable = t.path("unreachable.toml");
    std::fs::write(
        &unreachable,
        initdata_for(&format!("http://127.0.0.1:{}", free_port()), "sha384"),
    )
    .unwrap();
    let g5 = Guest(Env::new());
    let out = run_in_mode(&g5.0, &unreachable, &image, &["true"]);
    refused_run(&out, "cannot connect");
    assert!(g5.0.image_names().is_empty() && g5.0.blobs().is_empty());
    let snapshots = plaintext_dir(&g5.0.data_root()).join("snapshots/layers");
    assert!(!snapshots.exists() || std::fs::read_dir(&snapshots).unwrap().count() == 0);

    // Another cosign key in the KBS: the signature no longer verifies, also
    // where the image is present already (verified every time, no shortcut).
    cosign_keys(&t, t.path("other").to_str().unwrap());
    set("default/cosign-key/1", &t.path("other.pub"));
    assert!(g.0.image_names().iter().any(|n| n.contains("cvm/app")));
    refused_run(&run(&g.0, &image), "signature");
    let g3 = Guest(Env::new());
    refused_run(&run(&g3.0, &image), "signature");
    assert!(g3.0.image_names().is_empty());
}

#[test]
fn cvm_mode_takes_registry_credentials_from_the_kbs_never_the_guests_disk() {
    use base64::Engine;
    let reg = Registry::start_with_auth("cvm", "s3cret");
    let t = Env::new();
    t.busybox("localhost/busybox:creds");
    let (admin, admin_pub) = admin_keys(&t, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let file = |name: &str, data: &str| {
        let p = t.path(name);
        std::fs::write(&p, data).unwrap();
        p.to_str().unwrap().to_string()
    };
    let policy_file = file("allow.rego", ALLOW_SAMPLE);
    ok(&kbs(
        &t,
        &k,
        &["set-resource-policy", "--admin-key", &admin, &policy_file],
    ));
    t.ok(&["login", "-u", "cvm", "-p", "s3cret", &reg.host()]);
    let image = format!("{}/cvm/private:1", reg.host());
    t.ok(&["tag", "localhost/busybox:creds", &image]);
    t.ok(&["push", "-q", &image]);
    // An explicit accept-anything policy: this test is about credentials.
    let set = |path: &str, f: &str| {
        ok(&kbs(
            &t,
            &k,
            &["set-resource", "--admin-key", &admin, path, f],
        ))
    };
    set(
        "default/security-policy/test",
        &file(
            "policy.json",
            r#"{"default":[{"type":"insecureAcceptAnything"}]}"#,
        ),
    );
    let auth = base64::engine::general_purpose::STANDARD.encode("cvm:s3cret");
    set(
        "default/credential/test",
        &file(
            "creds.json",
            &serde_json::json!({"auths": {format!("{}/cvm", reg.host()): {"auth": auth}}})
                .to_string(),
        ),
    );
    let with_creds = initdata_for(&k.url, "sha384").replace(
        "image_security_policy_uri",
        "authenticated_registry_credentials_uri = \"kbs:///default/credential/test\"\nimage_security_policy_uri",
    );
    let run = |initdata: &str| {
        let g = Guest(Env::new());
        // The guest's disk has the right credentials: they must not be used.
        std::fs::create_dir_all(g.0.path("docker")).unwrap();
        std::fs::copy(t.path("docker/config.json"), g.0.path("docker/config.json")).unwrap();
        let f = g.0.path("initdata.toml");
        std::fs::write(&f, initdata).unwrap();
        let out = run_in_mode(&g.0, &f, &image, &["echo", "pulled-with-kbs-credentials"]);
        (g, out)
    };
    let (_g, out) = run(&with_creds);
    assert!(ok(&out).ends_with("pulled-with-kbs-credentials\n"));
    let (g, out) = run(&initdata_for(&k.url, "sha384"));
    refused_run(&out, "denied access");
    assert!(g.0.image_names().is_empty());
}

/// Files under `root` (not following links) whose bytes contain `needle`,
/// among those written since `since` (a random needle made after that
/// cannot be in older files).
fn files_holding(root: &Path, needle: &[u8], since: std::time::SystemTime) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let Ok(m) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if m.is_dir() {
                todo.push(p);
            } else if m.is_file()
                && m.len() < 512 << 20
                && m.modified().is_ok_and(|t| t >= since)
                && std::fs::read(&p)
                    .is_ok_and(|data| data.windows(needle.len()).any(|w| w == needle))
            {
                found.push(p);
            }
        }
    }
    found
}

#[test]
fn destroy_wipes_every_decrypted_byte_and_finishes_after_being_killed() {
    let began = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    let reg = Registry::start();
    let t = Env::new();
    t.busybox("localhost/busybox:wipe");
    let (admin, admin_pub) = admin_keys(&t, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let write = |name: &str, data: &str| {
        let p = t.path(name);
        std::fs::write(&p, data).unwrap();
        p.to_str().unwrap().to_string()
    };
    ok(&kbs(
        &t,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            &write("allow.rego", ALLOW_SAMPLE),
        ],
    ));
    ok(&kbs(
        &t,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/security-policy/test",
            &write(
                "policy.json",
                r#"{"default":[{"type":"insecureAcceptAnything"}]}"#,
            ),
        ],
    ));
    // An image whose layer holds a random marker made inside the build (so
    // that no Dockerfile, config or history carries it), encrypted for a
    // KBS key id and pushed; the tenant's own copies go with its directory.
    let ctx = t.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        "FROM localhost/busybox:wipe\nRUN head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \\n' > /marker\n",
    )
    .unwrap();
    t.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/marked:1",
        ctx.to_str().unwrap(),
    ]);
    let marker = t
        .ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "localhost/marked:1",
            "cat",
            "/marker",
        ])
        .trim()
        .to_string();
    assert_eq!(marker.len(), 48, "{marker}");
    let image = format!("{}/cvm/marked:1", reg.host());
    encrypt_for(
        &t,
        &k,
        &admin,
        "kbs:///default/image-kek/marked",
        "localhost/marked:1",
        &image,
    );
    t.ok(&["push", "-q", &image]);
    let initdata = std::env::temp_dir().join(format!("initdata-{}.toml", std::process::id()));
    std::fs::write(&initdata, initdata_for(&k.url, "sha384")).unwrap();
    drop(t);

    let g = Guest(Env::new());
    let ccr = |args: &[&str]| {
        let mut all = vec!["--initdata", initdata.to_str().unwrap()];
        all.extend_from_slice(args);
        g.0.cmd(&all).output().unwrap()
    };
    // On the bridge network: a network namespace to leave behind, or not.
    let start = || {
        ok(&ccr(&[
            "run",
            "-d",
            "--tee",
            "sample",
            &image,
            "sh",
            "-c",
            "cat /marker > /copy; cat /marker; head -c 300000000 /dev/zero > /big; sleep 600",
        ]))
        .lines()
        .last()
        .unwrap()
        .to_string()
    };
    let plain = plaintext_dir(&g.0.data_root());
    let everywhere = |needle: &str| -> Vec<PathBuf> {
        [
            g.0.data_root(),
            PathBuf::from("/run"),
            std::env::temp_dir(),
            plain.clone(),
        ]
        .iter()
        .flat_map(|r| files_holding(r, needle.as_bytes(), began))
        .collect()
    };
    let id = start();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !ok(&ccr(&["logs", &id])).contains(&marker) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        PathBuf::from(format!("/run/netns/ccr-{}", &id[..12])).exists(),
        "the container has no network namespace to leave behind"
    );
    // The scan finds the plaintext where it is: the layer, the copy, the log.
    let before = everywhere(&marker);
    assert!(
        before.len() >= 3 && before.iter().all(|p| p.starts_with(&plain)),
        "{before:?}"
    );

    let out = ok(&ccr(&["destroy", &id]));
    assert!(
        out.contains(&format!("Destroyed: ")) && out.contains("Wiped: "),
        "{out}"
    );
    let left = everywhere(&marker);
    assert!(left.is_empty(), "the marker survived destroy in {left:?}");
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap();
    assert!(
        !mounts.contains(&id[..12]),
        "a mount of the container is left"
    );
    let netns = PathBuf::from(format!("/run/netns/ccr-{}", &id[..12]));
    assert!(!netns.exists(), "its network namespace is left");
    let cgroups = Command::new("find")
        .args(["/sys/fs/cgroup", "-name", &format!("*{}*", &id[..12])])
        .output()
        .unwrap();
    assert!(
        cgroups.stdout.is_empty(),
        "cgroups left: {}",
        String::from_utf8_lossy(&cgroups.stdout)
    );
    assert!(ok(&ccr(&["ps", "-a", "-q"])).trim().is_empty());

    // Upgrade in the mode: verified and decrypted again through the KBS; a
    // failing new one leaves the old running.
    let first = start();
    let out = ok(&ccr(&[
        "upgrade",
        "--tee",
        "sample",
        "--ready-after",
        "0.5",
        &first,
        &image,
        "sh",
        "-c",
        "echo upgraded; sleep 600",
    ]));
    assert!(out.contains("Upgraded "), "{out}");
    let current = ok(&ccr(&["ps", "-q"])).trim().to_string();
    assert_ne!(current, first[..12]);
    let err = refused(
        &ccr(&[
            "upgrade",
            "--tee",
            "sample",
            "--ready-after",
            "2",
            &current,
            &image,
            "false",
        ]),
        "exited with code 1",
    );
    assert!(err.contains("keeps running"), "{err}");
    assert_eq!(ok(&ccr(&["ps", "-q"])).trim(), current);
    // Killed half-way through (its directory already moved to be wiped):
    // the next destroy finishes the job.
    let id = start();
    while !ok(&ccr(&["logs", &id])).contains(&marker)
        && std::time::Instant::now() < deadline + std::time::Duration::from_secs(20)
    {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let mut args = vec![
        "--initdata".to_string(),
        initdata.to_str().unwrap().to_string(),
    ];
    args.extend(["destroy".to_string(), "--all".to_string()]);
    let mut child =
        g.0.cmd(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .spawn()
            .unwrap();
    let moved = plain.join("wipe").join(&id);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !moved.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        plain
            .join("wipe")
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some()),
        "the kill came too late to interrupt anything"
    );
    let out = ok(&ccr(&["destroy", "--all"]));
    assert!(
        out.contains(&format!("Unmounted: {}", plain.display())),
        "{out}"
    );
    assert!(!plain.exists(), "the mode's storage is left");
    let left = everywhere(&marker);
    assert!(left.is_empty(), "the marker survived in {left:?}");
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap();
    assert!(!mounts.contains(plain.to_str().unwrap()), "still mounted");
    let _ = std::fs::remove_file(&initdata);
}

#[test]
fn cvm_provision_sets_up_the_kbs_and_the_initdata_for_a_guest() {
    use base64::Engine;
    use std::io::Read;
    let reg = Registry::start_with_auth("tenant", "pw1");
    let t = Env::new();
    t.busybox("localhost/busybox:prov");
    let (admin, admin_pub) = admin_keys(&t, "admin");
    let k = start_kbs(&admin_pub, &[]);
    t.ok(&["login", "-u", "tenant", "-p", "pw1", &reg.host()]);
    let prefix = t.path("cosign").to_str().unwrap().to_string();
    cosign_keys(&t, &prefix);
    let image = format!("{}/team/app:1", reg.host());
    // --registry-auth with no credentials recorded for the registry: refused
    // before anything is stored in the KBS (read back with a policy that
    // releases to sample evidence).
    let allow = t.path("allow.rego");
    std::fs::write(&allow, ALLOW_SAMPLE).unwrap();
    ok(&kbs(
        &t,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            allow.to_str().unwrap(),
        ],
    ));
    // `cvm provision` of the image by `env`, with `extra` flags.
    let cosign_pub = format!("{prefix}.pub");
    let provision = |env: &Env, extra: &[&str]| {
        let mut args = vec![
            "cvm",
            "provision",
            "--kbs-url",
            &k.url,
            "--admin-key",
            &admin,
            "--image",
            &image,
            "--cosign-key",
            &cosign_pub,
        ];
        args.extend_from_slice(extra);
        env.cmd(&args).output().unwrap()
    };
    let stranger = Env::new();
    let out = provision(&stranger, &["--registry-auth", "--allow-sample"]);
    refused(&out, "no credentials are recorded");
    let read_back = t
        .cmd(&[
            "kbs",
            "get-resource",
            "--tee",
            "sample",
            "default/cosign-key/ccr",
        ])
        .env("CCR_KBS_URL", &k.url)
        .output()
        .unwrap();
    refused(&read_back, "PluginInternalError");
    // Without --allow-sample the resource policy releases nothing to sample
    // evidence: a guest that can only attest with it gets nothing.
    let strict = t.path("strict.toml");
    ok(&provision(&t, &["-o", strict.to_str().unwrap()]));
    let g0 = Guest(Env::new());
    refused_run(
        &run_in_mode(&g0.0, &strict, &image, &["true"]),
        "PolicyDeny",
    );
    assert!(g0.0.image_names().is_empty() && g0.0.blobs().is_empty());
    // One command provisions the KBS and writes the initdata.
    let initdata = t.path("initdata.toml");
    let out = provision(
        &t,
        &[
            "--registry-auth",
            "--allow-sample",
            "-o",
            initdata.to_str().unwrap(),
        ],
    );
    ok(&out);
    encrypt_for(
        &t,
        &k,
        &admin,
        "kbs:///default/image-kek/prov",
        "localhost/busybox:prov",
        &image,
    );
    push_signed(&t, &prefix, &image);
    let other = format!("{}/team/other:1", reg.host());
    t.ok(&["tag", &image, &other]);
    push_signed(&t, &prefix, &other);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let text = std::fs::read(&initdata).unwrap();
    use sha2::Digest;
    assert!(
        said.contains(&hex::encode(sha2::Sha384::digest(&text))),
        "{said}"
    );
    for r in ["cosign-key/ccr", "security-policy/ccr", "credential/ccr"] {
        assert!(
            said.contains(&format!("Stored kbs:///default/{r}")),
            "{said}"
        );
    }
    let annotation = said
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pod annotation: io.katacontainers.config.hypervisor.cc_init_data: ")
        })
        .unwrap();
    let gz = base64::engine::general_purpose::STANDARD
        .decode(annotation)
        .unwrap();
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, text, "the annotation carries the initdata itself");

    // The guest needs nothing else: no key, policy, credentials or KBS flag.
    let g = Guest(Env::new());
    let run = |img: &str| run_in_mode(&g.0, &initdata, img, &["echo", "provisioned"]);
    assert!(ok(&run(&image)).ends_with("provisioned\n"));
    // Signed with the same key, but not one of the provisioned images.
    refused_run(&run(&other), "reject");
}

/// `cvm provision --compose`: the project's confidential service (by its
/// runtime class) provisioned with its own cosign key, its image admitted
/// at the digest it resolved to and nothing else, its KEK stored from the
/// file `image encrypt --kek-out` wrote; `compose convert --kubernetes
/// --cc-init-data` embeds exactly the initdata whose digest provision
/// printed; a guest booted with it runs the pinned image and refuses the
/// same image by tag.
#[test]
fn cvm_provision_compose_provisions_the_project_and_convert_embeds_its_initdata() {
    use base64::Engine;
    use std::io::Read;
    let reg = Registry::start();
    let t = Env::new();
    t.busybox("localhost/busybox:cmp");
    let (admin, admin_pub) = admin_keys(&t, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let prefix = t.path("cosign").to_str().unwrap().to_string();
    cosign_keys(&t, &prefix);
    let image = format!("{}/team/secret:1", reg.host());
    let kek = t.path("kek.bin");
    ok(&t
        .cmd(&[
            "image",
            "encrypt",
            "--recipient",
            "provider:attestation-agent:keyid=kbs:///default/image-kek/cmp",
            "--kek-out",
            kek.to_str().unwrap(),
            "localhost/busybox:cmp",
            &image,
        ])
        .output()
        .unwrap());
    push_signed(&t, &prefix, &image);
    let plain = format!("{}/team/plain:1", reg.host());
    t.ok(&["tag", "localhost/busybox:cmp", &plain]);
    t.ok(&["push", "-q", &plain]);
    let dir = t.path("project");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(format!("{prefix}.pub"), dir.join("cosign.pub")).unwrap();
    let compose = dir.join("compose.yaml");
    std::fs::write(
        &compose,
        format!(
            "services:\n  secret:\n    image: {image}\n    restart: \"no\"\n    x-ccr-runtime-class: kata-qemu-snp\n    x-nerdctl-verify: cosign\n    x-nerdctl-cosign-public-key: ./cosign.pub\n  plain:\n    image: {plain}\n"
        ),
    )
    .unwrap();
    let provision = |extra: &[&str]| {
        let mut args = vec![
            "cvm",
            "provision",
            "--compose",
            "-f",
            compose.to_str().unwrap(),
            "--kbs-url",
            &k.url,
            "--admin-key",
            &admin,
            "--allow-sample",
        ];
        args.extend_from_slice(extra);
        t.cmd(&args).output().unwrap()
    };
    // A KEK file that is no key is refused before anything is stored.
    let short = t.path("short.bin");
    std::fs::write(&short, b"too short").unwrap();
    let bad_kek = format!("kbs:///default/image-kek/cmp={}", short.display());
    refused(&provision(&["--kek", &bad_kek]), "32 bytes");
    let initdata = t.path("initdata.toml");
    let kek_spec = format!("kbs:///default/image-kek/cmp={}", kek.display());
    let out = provision(&["--kek", &kek_spec, "-o", initdata.to_str().unwrap()]);
    ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let pinned = said
        .lines()
        .find_map(|l| l.strip_prefix("Service secret: "))
        .unwrap_or_else(|| panic!("{said}"))
        .to_string();
    assert!(pinned.starts_with(&format!("{image}@sha256:")), "{pinned}");
    assert!(!said.contains("Service plain"), "not confidential: {said}");
    assert!(
        said.contains("Stored kbs:///default/image-kek/cmp"),
        "{said}"
    );
    let text = std::fs::read(&initdata).unwrap();
    use sha2::Digest;
    let digest = hex::encode(sha2::Sha384::digest(&text));
    assert!(
        said.contains(&format!("Initdata digest (sha384): {digest}")),
        "{said}"
    );
    // The converted pod carries exactly that initdata; the plain service none.
    let out = t
        .cmd(&[
            "compose",
            "-f",
            compose.to_str().unwrap(),
            "convert",
            "--kubernetes",
            "--cc-init-data",
            initdata.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let yaml = ok(&out);
    let docs: Vec<yaml_serde::Value> = yaml_serde::Deserializer::from_str(&yaml)
        .map(|d| serde::Deserialize::deserialize(d).unwrap())
        .collect();
    let pod = docs
        .iter()
        .find(|d| d["kind"] == "Pod" && d["metadata"]["name"] == "secret")
        .expect("a bare Pod for restart: no");
    assert_eq!(pod["spec"]["runtimeClassName"], "kata-qemu-snp");
    assert_eq!(pod["spec"]["containers"][0]["image"], pinned.as_str());
    let annotation =
        pod["metadata"]["annotations"]["io.katacontainers.config.hypervisor.cc_init_data"]
            .as_str()
            .unwrap();
    let gz = base64::engine::general_purpose::STANDARD
        .decode(annotation)
        .unwrap();
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, text, "the annotation is the provisioned initdata");
    let plain_pod = docs
        .iter()
        .find(|d| d["kind"] == "Deployment" && d["metadata"]["name"] == "plain")
        .unwrap();
    assert!(plain_pod["spec"]["template"]["metadata"]["annotations"].is_null());
    // A guest booted with it: the pinned image runs (policy, key and KEK
    // all from the KBS); the same image by its tag is not admitted.
    let g = Guest(Env::new());
    assert!(
        ok(&run_in_mode(
            &g.0,
            &initdata,
            &pinned,
            &["echo", "admitted"]
        ))
        .ends_with("admitted\n")
    );
    refused_run(&run_in_mode(&g.0, &initdata, &image, &["true"]), "reject");
}

// ------------------------------------------------------------------------
// Guests under qemu: `cvm image build`, `cvm up`, and what they leave.

/// The guest image, built once per test run by `cvm image build` from
/// Debian's packages (apt downloads them), holding the ccr under test.
fn guest_image() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            require("qemu-system-x86_64");
            let dir = Path::new(ccr_bin())
                .parent()
                .unwrap()
                .join("cvm-guest-test");
            // Downloaded afresh once per run; the builds of the run share them.
            let _ = std::fs::remove_dir_all(dir.with_file_name("cvm-guest-debs"));
            build_guest_image(&dir);
            dir
        })
        .clone()
}

/// `cvm image build -o DIR` from the packages downloaded once per run.
fn build_guest_image(dir: &Path) -> serde_json::Value {
    let profile = Path::new(ccr_bin()).parent().unwrap();
    let debs = profile.join("cvm-guest-debs");
    let scratch = tempfile::tempdir().unwrap();
    let out = Command::new(ccr_bin())
        .args(["--data-root", scratch.path().to_str().unwrap()])
        .args(["cvm", "image", "build", "--format", "json", "--debs"])
        .args([debs.as_os_str(), "-o".as_ref(), dir.as_os_str()])
        .output()
        .unwrap();
    json(&ok(&out))
}

/// Same packages, same ccr: same bytes, so the digests are reference values.
#[test]
fn the_guest_image_is_reproducible_and_small() {
    let first = guest_image();
    let again = tempfile::tempdir().unwrap();
    let m1: serde_json::Value = json(&std::fs::read_to_string(first.join("guest.json")).unwrap());
    let m2 = build_guest_image(again.path());
    assert_eq!(m1["digests"], m2["digests"]);
    for f in ["vmlinuz", "initramfs.img", "cmdline"] {
        assert_eq!(
            std::fs::read(first.join(f)).unwrap(),
            std::fs::read(again.path().join(f)).unwrap(),
            "{f}"
        );
        assert_eq!(
            m1["digests"][f][0],
            sha256_hex(&std::fs::read(first.join(f)).unwrap()),
            "{f}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(first.join("cmdline")).unwrap(),
        m1["cmdline"]
    );
    let size: u64 = ["vmlinuz", "initramfs.img"]
        .iter()
        .map(|f| std::fs::metadata(first.join(f)).unwrap().len())
        .sum();
    assert!(size <= 48 << 20, "the guest image is {size} bytes");
    // What it is made of is named, versions and all.
    for p in ["busybox-static", "libc6", "tini", "ca-certificates"] {
        assert!(m1["packages"][p][0].is_string(), "{p}: {m1}");
    }
    assert!(
        m1["modules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "virtio_console")
    );
}

/// The port of a `http://127.0.0.1:PORT` URL.
fn port_of(url: &str) -> String {
    url.rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .to_string()
}

/// `ccr cvm up` in `env` for a guest under TCG that reaches the host's KBS
/// and registry at its own loopback.
fn cvm_up(
    env: &Env,
    k: &Kbs,
    reg: &Registry,
    initdata: &Path,
    args: &[&str],
) -> std::process::Output {
    let image = guest_image();
    let (kp, rp) = (port_of(&k.url), port_of(&reg.host()));
    let mut all = vec![
        "--initdata",
        initdata.to_str().unwrap(),
        "cvm",
        "up",
        "--tee",
        "none",
        "--memory",
        "768m",
        "--guest-image",
        image.to_str().unwrap(),
        "--host-port",
        &kp,
        "--host-port",
        &rp,
    ];
    all.extend_from_slice(args);
    env.cmd(&all).output().unwrap()
}

/// The qemu processes whose command line names `dir`.
fn qemu_under(dir: &Path) -> Vec<String> {
    let needle = dir.to_str().unwrap().as_bytes().to_vec();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .filter_map(|e| {
            let cmd = std::fs::read(e.path().join("cmdline")).ok()?;
            (cmd.starts_with(b"qemu-system") && cmd.windows(needle.len()).any(|w| w == needle))
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect()
}

#[test]
fn cvm_up_runs_a_signed_encrypted_image_in_a_guest_and_leaves_nothing_on_the_host() {
    use base64::Engine;
    use sha2::Digest;
    let began = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    let image_dir = guest_image();
    let reg = Registry::start();
    let keys = Env::new();
    let (admin, admin_pub) = admin_keys(&keys, "admin");
    let k = start_kbs(&admin_pub, &[]);
    let prefix = keys.path("cosign").to_str().unwrap().to_string();
    cosign_keys(&keys, &prefix);
    let marker =
        sha256_hex(format!("{:?} {}", std::time::SystemTime::now(), std::process::id()).as_bytes());
    let app = |v: u32| format!("{}/vm/app:{v}", reg.host());
    let unsigned = format!("{}/vm/unsigned:1", reg.host());
    let allow = keys.path("allow.rego");
    std::fs::write(&allow, ALLOW_SAMPLE).unwrap();
    ok(&kbs(
        &keys,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            allow.to_str().unwrap(),
        ],
    ));
    {
        // The tenant builds, encrypts and pushes on a machine of its own:
        // its data root (the only plaintext) is gone before any guest runs.
        let tenant = Env::new();
        tenant.busybox("localhost/busybox:vm");
        for v in [1, 2] {
            let ctx = tenant.path(&format!("ctx{v}"));
            std::fs::create_dir_all(&ctx).unwrap();
            std::fs::write(ctx.join("secret"), format!("{marker}\n")).unwrap();
            std::fs::write(
                ctx.join("Dockerfile"),
                format!(
                    "FROM localhost/busybox:vm\nCOPY secret /secret\nCMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo version-{v}; sha256sum /secret; sleep 600 & wait\"]\n"
                ),
            )
            .unwrap();
            let local = format!("localhost/app:{v}");
            tenant.ok(&["build", "-q", "-t", &local, ctx.to_str().unwrap()]);
            encrypt_for(
                &tenant,
                &k,
                &admin,
                &format!("kbs:///default/image-kek/vm-app-{v}"),
                &local,
                &app(v),
            );
            push_signed(&tenant, &prefix, &app(v));
        }
        tenant.ok(&["tag", &app(1), &unsigned]);
        tenant.ok(&["push", "-q", &unsigned]);
    }
    // The KBS provisioned for the guest; its resource policy then pinned to
    // this initdata's digest (as trustee's sample verifier reports it).
    let initdata = keys.path("initdata.toml");
    let cosign_pub = format!("{prefix}.pub");
    ok(&keys
        .cmd(&[
            "cvm",
            "provision",
            "--kbs-url",
            &k.url,
            "--admin-key",
            &admin,
            "--image",
            &app(1),
            "--image",
            &unsigned,
            "--cosign-key",
            &cosign_pub,
            "--allow-sample",
            "-o",
            initdata.to_str().unwrap(),
        ])
        .output()
        .unwrap());
    let text = std::fs::read(&initdata).unwrap();
    let pinned = base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(&text));
    let pin = keys.path("pinned.rego");
    std::fs::write(
        &pin,
        format!(
            "package policy\n\ndefault allow := false\n\nallow if {{\n\tdata.plugin == \"resource\"\n\tinput[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"sample\"]\n\tinput[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"init_data\"] == \"{pinned}\"\n}}\n"
        ),
    )
    .unwrap();
    ok(&kbs(
        &keys,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            pin.to_str().unwrap(),
        ],
    ));

    let host = Env::new();
    let vms = host.data_root().join("cvm/vms");
    // Up, detached: the guest attests, pulls, verifies, decrypts and runs.
    let up = cvm_up(&host, &k, &reg, &initdata, &["-d", "--name", "g1", &app(1)]);
    let said = String::from_utf8_lossy(&up.stderr).into_owned();
    assert_eq!(ok(&up).trim(), "g1", "{said}");
    assert!(
        said.contains("TCG emulation, which isolates nothing"),
        "{said}"
    );
    assert!(said.contains("Verified signature (cosign)"), "{said}");
    let expected = |v: u32| {
        format!(
            "version-{v}\n{}  /secret\n",
            sha256_hex(format!("{marker}\n").as_bytes())
        )
    };
    let logs_until = |want: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let out = host.ok(&["cvm", "logs", "g1"]);
            if out.contains(want) || std::time::Instant::now() > deadline {
                return out;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    };
    assert_eq!(logs_until(&expected(1)), expected(1));
    let ls: serde_json::Value = json(&host.ok(&["cvm", "ls", "--format", "json"]));
    assert_eq!(ls[0]["name"], "g1", "{ls}");
    assert_eq!(ls[0]["status"], "running", "{ls}");
    assert_eq!(ls[0]["tee"], "none", "{ls}");
    assert_eq!(ls[0]["containers"][0]["name"], "main", "{ls}");
    assert_eq!(qemu_under(&vms.join("g1")).len(), 1);
    // Upgrade in the guest: the second version, pulled and decrypted there.
    let out = host
        .cmd(&["cvm", "upgrade", "g1", &app(2)])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(logs_until("version-2"), expected(2));
    // Destroy: wiped in the guest, qemu gone, nothing of the guest kept.
    let out = ok(&host.cmd(&["cvm", "destroy", "g1"]).output().unwrap());
    assert!(
        out.contains("g1: Wiped:") && out.contains("Destroyed: g1"),
        "{out}"
    );
    assert!(qemu_under(&vms.join("g1")).is_empty());
    assert!(!vms.join("g1").exists());
    assert_eq!(host.ok(&["cvm", "ls", "-q"]), "");

    // A compose project in a guest: every service's image under the same
    // policy, each service name resolving to the guest's network.
    let compose = keys.path("compose.yaml");
    let web = free_port().to_string();
    std::fs::write(
        &compose,
        format!(
            "services:\n  a:\n    image: {}\n  b:\n    image: {}\n    depends_on: [a]\n    command: [\"sh\", \"-c\", \"grep -qw a /etc/hosts && echo b-sees-a; httpd -p 8080 -h /etc; sleep 600 & wait\"]\n",
            app(1),
            app(2)
        ),
    )
    .unwrap();
    let up = cvm_up(
        &host,
        &k,
        &reg,
        &initdata,
        &[
            "-d",
            "--name",
            "c1",
            "-p",
            &format!("127.0.0.1:{web}:8080"),
            "-f",
            compose.to_str().unwrap(),
        ],
    );
    assert_eq!(ok(&up).trim(), "c1");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let logs = loop {
        let out = host.ok(&["cvm", "logs", "c1"]);
        if (out.contains("version-1") && out.contains("b-sees-a"))
            || std::time::Instant::now() > deadline
        {
            break out;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    };
    assert!(
        logs.contains("version-1") && logs.contains("b-sees-a"),
        "{logs}"
    );
    // The published port reaches the service's listener in the guest.
    let url = format!("http://127.0.0.1:{web}/hostname");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let served = loop {
        let got = Command::new("curl")
            .args(["-fsS", "--max-time", "5", &url])
            .output()
            .unwrap();
        if got.status.success() || std::time::Instant::now() > deadline {
            break got;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    };
    assert!(
        served.status.success(),
        "{}",
        String::from_utf8_lossy(&served.stderr)
    );
    assert!(!served.stdout.is_empty());
    let ls: serde_json::Value = json(&host.ok(&["cvm", "ls", "--format", "json"]));
    assert_eq!(ls[0]["containers"].as_array().unwrap().len(), 2, "{ls}");
    ok(&host.cmd(&["cvm", "destroy", "c1"]).output().unwrap());
    assert!(qemu_under(&vms).is_empty() && !vms.join("c1").exists());

    // Refusals, each leaving no guest, file or process behind.
    let refused_up = |initdata: &Path, image: &str, needle: &str| {
        let out = cvm_up(&host, &k, &reg, initdata, &["-d", "--name", "bad", image]);
        refused_with(&out, 125, needle);
        assert!(qemu_under(&vms).is_empty(), "a qemu outlived the refusal");
        assert!(!vms.join("bad").exists());
    };
    refused_up(&initdata, &unsigned, "signature");
    // Another initdata: the KBS's policy, pinned to the approved one, refuses it.
    let other = keys.path("other.toml");
    std::fs::write(&other, [&text[..], b"# changed\n"].concat()).unwrap();
    refused_up(&other, &app(1), "PolicyDeny");
    let dead_kbs = keys.path("dead.toml");
    std::fs::write(
        &dead_kbs,
        String::from_utf8(text.clone())
            .unwrap()
            .replace(&k.url, "http://127.0.0.1:9"),
    )
    .unwrap();
    refused_up(&dead_kbs, &app(1), "cannot connect");
    // An initdata whose agent policy keeps output from the host: an
    // attached `cvm up` is refused before anything runs.
    let private = keys.path("private.toml");
    let q = "'''";
    std::fs::write(
        &private,
        format!(
            "{}\"policy.rego\" = {q}\npackage agent_policy\n\ndefault ReadStreamRequest := false\n{q}\n",
            String::from_utf8(text.clone()).unwrap()
        ),
    )
    .unwrap();
    let out = cvm_up(&host, &k, &reg, &private, &["--name", "bad", &app(1)]);
    refused_with(&out, 125, "does not let the host read container output");
    assert!(qemu_under(&vms).is_empty() && !vms.join("bad").exists());
    // A guest killed half-way: listed as dead; the next `cvm up` under its
    // name works, attached, printing the container's output and exit code.
    let up = cvm_up(&host, &k, &reg, &initdata, &["-d", "--name", "g2", &app(1)]);
    ok(&up);
    for pid in qemu_under(&vms.join("g2")) {
        sh(Command::new("kill").args(["-9", &pid]));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !qemu_under(&vms.join("g2")).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let ls: serde_json::Value = json(&host.ok(&["cvm", "ls", "--format", "json"]));
    assert_eq!(ls[0]["status"], "dead", "{ls}");
    let up = cvm_up(
        &host,
        &k,
        &reg,
        &initdata,
        &[
            "--rm",
            "--name",
            "g2",
            &app(1),
            "sh",
            "-c",
            "wc -c </secret; exit 3",
        ],
    );
    assert_eq!(
        up.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&up.stdout), "65\n");
    assert!(qemu_under(&vms).is_empty());
    assert!(!vms.join("g2").exists(), "--rm leaves nothing");
    // Nowhere on the host: data roots, /tmp, /run, /var, qemu's files.
    let found: Vec<PathBuf> = [
        Path::new("/tmp"),
        Path::new("/run"),
        Path::new("/var"),
        &image_dir,
    ]
    .iter()
    .flat_map(|root| files_holding(root, marker.as_bytes(), began))
    .collect();
    assert!(
        found.is_empty(),
        "the plaintext marker is on the host: {found:?}"
    );
}

/// The event log: each pull in the mode is a CoCo `PullImage` line (and each
/// container a `CreateContainer`), extended into RTMR3; TDX evidence carries
/// the log; the KBS replays it against the quote and gives its events to
/// resource policies, so a key can be released only to a guest that pulled
/// exactly the pinned images. A log edited after the fact fails the replay.
#[test]
fn the_event_log_records_each_pull_and_binds_key_release_to_what_ran() {
    use sha2::Digest;
    let reg = Registry::start();
    let guest = Guest(Env::new());
    let env = &guest.0;
    let (admin, admin_pub) = admin_keys(env, "admin");
    let k = start_kbs(&admin_pub, &[]);
    env.busybox("localhost/busybox:ev");
    let prefix = env.path("cosign").to_str().unwrap().to_string();
    cosign_keys(env, &prefix);
    let (a, b) = (
        format!("{}/ev/a:1", reg.host()),
        format!("{}/ev/b:1", reg.host()),
    );
    for image in [&a, &b] {
        env.ok(&["tag", "localhost/busybox:ev", image]);
        push_signed(env, &prefix, image);
    }
    let initdata = env.path("initdata.toml");
    let cosign_pub = format!("{prefix}.pub");
    ok(&env
        .cmd(&[
            "cvm",
            "provision",
            "--kbs-url",
            &k.url,
            "--admin-key",
            &admin,
            "--image",
            &a,
            "--image",
            &b,
            "--cosign-key",
            &cosign_pub,
            "-o",
            initdata.to_str().unwrap(),
        ])
        .output()
        .unwrap());
    // The guest pulls from a data root of its own (the tenant's holds the images).
    let g = Guest(Env::new());
    std::fs::write(g.0.path("after"), b"released after the pinned pull").unwrap();
    ok(&kbs(
        env,
        &k,
        &[
            "set-resource",
            "--admin-key",
            &admin,
            "default/key/after",
            g.0.path("after").to_str().unwrap(),
        ],
    ));
    let digest_a = remote_digest(&reg.host(), "ev/a", "1");
    let pull_a = format!(r#"{{"image":"{a}","digest":"{digest_a}"}}"#);
    // Released to TDX evidence whose log has no pull yet, or exactly `a`'s.
    let policy = env.path("aael.rego");
    let ae = r#"input["submods"]["cpu0"]["ear.veraison.annotated-evidence"]"#;
    let pulls = format!(r#"{ae}["tdx"]["aael"]["github.com/confidential-containers/PullImage"]"#);
    std::fs::write(
        &policy,
        format!(
            "package policy\n\ndefault allow := false\n\nallow if {{\n\tdata.plugin == \"resource\"\n\t{ae}[\"tdx\"]\n\tnot {pulls}\n}}\n\nallow if {{\n\tdata.plugin == \"resource\"\n\t{pulls} == [`{pull_a}`]\n}}\n"
        ),
    )
    .unwrap();
    ok(&kbs(
        env,
        &k,
        &[
            "set-resource-policy",
            "--admin-key",
            &admin,
            policy.to_str().unwrap(),
        ],
    ));
    let text = std::fs::read(&initdata).unwrap();
    let (fake, measurements) =
        FakeTsm::with_measurements(g.0.path("tsm"), sha2::Sha384::digest(&text).to_vec());
    let tsm = fake.dir.to_str().unwrap().to_string();
    let m = measurements.to_str().unwrap().to_string();
    let in_mode = |args: &[&str]| {
        let mut all = vec!["--initdata", initdata.to_str().unwrap()];
        all.extend_from_slice(args);
        g.0.cmd(&all).output().unwrap()
    };
    let flags = [
        "--tsm-report-dir",
        tsm.as_str(),
        "--tdx-measurements-dir",
        m.as_str(),
    ];
    let pull = |image: &str| {
        let mut args = vec!["pull", "-q"];
        args.extend_from_slice(&flags);
        args.push(image);
        in_mode(&args)
    };
    let after = || {
        let mut args = vec!["kbs", "get-resource"];
        args.extend_from_slice(&flags);
        args.push("default/key/after");
        in_mode(&args)
    };
    ok(&pull(&a));
    // The log lists exactly that pull, after the register's value at start.
    let log_path = plaintext_dir(&g.0.data_root()).join("aa-eventlog");
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(
        log,
        format!(
            "INIT sha384/{}\ngithub.com/confidential-containers PullImage {pull_a}\n",
            hex::encode([0u8; 48])
        )
    );
    // Evidence carries it; the KBS's replay against RTMR3 passes.
    let mut args = vec!["kbs", "attest", "--format", "json"];
    args.extend_from_slice(&flags);
    let claims = json(&ok(&in_mode(&args)));
    assert_eq!(
        claims["claims"]["submods"]["cpu0"]["ear.veraison.annotated-evidence"]["tdx"]["aael"]["github.com/confidential-containers/PullImage"],
        serde_json::json!([pull_a]),
        "{claims}"
    );
    assert_eq!(ok(&after()), "released after the pinned pull");
    // A second image pulled: the pinned key is no longer released.
    ok(&pull(&b));
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(log.lines().count(), 3, "{log}");
    refused(&after(), "PolicyDeny");
    // The log rewritten to hide the second pull: the replay fails.
    let first_two: String = log.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&log_path, first_two).unwrap();
    refused(&after(), "AA eventlog does not pass check");
    // A register that cannot be extended: the pull is refused and nothing
    // of it is kept (a log the register does not match would be worthless).
    let g2 = Guest(Env::new());
    let broken = g2.0.path("measurements");
    std::fs::create_dir_all(broken.join("rtmr3:sha384")).unwrap();
    let broken = broken.to_str().unwrap().to_string();
    let out =
        g2.0.cmd(&[
            "--initdata",
            initdata.to_str().unwrap(),
            "pull",
            "-q",
            "--tsm-report-dir",
            &tsm,
            "--tdx-measurements-dir",
            &broken,
            &a,
        ])
        .output()
        .unwrap();
    refused(&out, "cannot record in the event log");
    assert!(g2.0.image_names().is_empty());
}

/// `cvm up`, `destroy`, `logs` and `image build` refuse what cannot work
/// before anything starts: no qemu, no guest directory.
#[test]
fn cvm_commands_refuse_before_starting_anything() {
    let env = Env::new();
    let init = env.path("initdata.toml");
    std::fs::write(&init, initdata_for("http://127.0.0.1:9", "sha384")).unwrap();
    let init = init.to_str().unwrap().to_string();
    let image = guest_image();
    let image = image.to_str().unwrap().to_string();
    let up = |args: &[&str]| {
        let mut all = vec!["--initdata", init.as_str(), "cvm", "up"];
        all.extend_from_slice(args);
        env.cmd(&all).output().unwrap()
    };
    let missing = env.path("no-such-image");
    refused_with(
        &up(&["--guest-image", missing.to_str().unwrap(), "busybox"]),
        125,
        "no guest image",
    );
    refused_with(
        &up(&["--tee", "tdx", "--guest-image", &image, "busybox"]),
        125,
        "does not offer TDX",
    );
    refused_with(
        &up(&["--name", "../x", "--guest-image", &image, "busybox"]),
        125,
        "invalid guest name",
    );
    refused_with(
        &up(&["-p", "1:2/udp", "--guest-image", &image, "busybox"]),
        125,
        "only TCP",
    );
    refused_with(
        &up(&["--memory", "64m", "--guest-image", &image, "busybox"]),
        125,
        "at least 128m",
    );
    let no_initdata = env
        .cmd(&["cvm", "up", "--guest-image", &image, "busybox"])
        .output()
        .unwrap();
    refused_with(&no_initdata, 125, "needs --initdata");
    refused(
        &env.cmd(&["cvm", "destroy", "nope"]).output().unwrap(),
        "no guest named",
    );
    refused(
        &env.cmd(&["cvm", "logs", "nope"]).output().unwrap(),
        "no guest named",
    );
    assert!(
        !env.data_root().join("cvm/vms").exists()
            || std::fs::read_dir(env.data_root().join("cvm/vms"))
                .unwrap()
                .count()
                == 0
    );
    // A .deb that is not one.
    let debs = env.path("debs");
    std::fs::create_dir_all(&debs).unwrap();
    std::fs::write(debs.join("x.deb"), b"not an ar archive").unwrap();
    let out = env
        .cmd(&[
            "cvm",
            "image",
            "build",
            "--debs",
            debs.to_str().unwrap(),
            "-o",
            env.path("img").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    refused(&out, "not a Debian package");
    assert!(!env.path("img").join("guest.json").exists());
}
