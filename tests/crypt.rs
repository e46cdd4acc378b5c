//! Encrypted images: ccr against skopeo (Debian's, with containers/ocicrypt)
//! both ways, with RSA and EC keys and several recipients, and the refusals.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const BASE: &str = "localhost/busybox:crypt";

/// RSA and EC key pairs made by openssl, as users make them (PKCS#8, which
/// skopeo's ocicrypt reads; `ec.sec1.pem` in SEC1 form for ccr).
fn keys(env: &Env) {
    let d = env.path("");
    let run = |args: &str| sh(Command::new("sh").args(["-c", args]).current_dir(&d));
    run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem 2>/dev/null");
    run("openssl pkey -in rsa.pem -pubout -out rsa.pub.pem");
    run("openssl ecparam -genkey -name prime256v1 -noout -out ec.sec1.pem");
    run("openssl pkcs8 -topk8 -nocrypt -in ec.sec1.pem -out ec.pem");
    run("openssl pkey -in ec.pem -pubout -out ec.pub.pem");
    run("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other.pem 2>/dev/null");
    run("openssl pkcs8 -topk8 -in rsa.pem -passout pass:s3cret -out rsa.enc.pem");
}

fn p(env: &Env, name: &str) -> String {
    env.path(name).to_str().unwrap().to_string()
}

fn layers(env: &Env, image: &str) -> Vec<serde_json::Value> {
    let m = json(&env.ok(&["manifest", "inspect", image]));
    m["layers"].as_array().unwrap().clone()
}

fn layer_digests(env: &Env, image: &str) -> Vec<String> {
    layers(env, image)
        .iter()
        .map(|l| l["digest"].as_str().unwrap().to_string())
        .collect()
}

/// `skopeo copy --decryption-key KEY docker://IMAGE oci:DIR`; the layer
/// digests of the result.
fn skopeo_decrypt(env: &Env, image: &str, key: &str, dir: &str) -> Vec<String> {
    require("skopeo");
    let out = env.path(dir);
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        "--decryption-key",
        key,
        &format!("docker://{image}"),
        &format!("oci:{}:x", out.display()),
    ]));
    let index = json(&std::fs::read_to_string(out.join("index.json")).unwrap());
    let m = index["manifests"][0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string();
    let manifest = json(&std::fs::read_to_string(out.join("blobs/sha256").join(m)).unwrap());
    manifest["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert!(!l["mediaType"].as_str().unwrap().ends_with("+encrypted"));
            l["digest"].as_str().unwrap().to_string()
        })
        .collect()
}

fn setup() -> (Registry, Env) {
    let reg = Registry::start();
    let env = Env::new();
    env.busybox(BASE);
    keys(&env);
    (reg, env)
}

#[test]
fn skopeo_decrypts_what_ccr_encrypts_for_one_or_several_recipients() {
    let (reg, env) = setup();
    let plain = layer_digests(&env, BASE);
    let cases: [(&str, Vec<&str>, Vec<&str>); 3] = [
        ("rsa", vec!["rsa.pub.pem"], vec!["rsa.pem"]),
        ("ec", vec!["ec.pub.pem"], vec!["ec.pem"]),
        (
            "both",
            vec!["rsa.pub.pem", "ec.pub.pem"],
            vec!["rsa.pem", "ec.pem"],
        ),
    ];
    for (tag, pubs, privs) in cases {
        let image = format!("{}/enc/bb:{tag}", reg.host());
        let mut args = vec!["image".to_string(), "encrypt".to_string()];
        for k in &pubs {
            args.push("--recipient".into());
            args.push(format!("jwe:{}", p(&env, k)));
        }
        args.push(BASE.into());
        args.push(image.clone());
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.ok(&a);
        assert!(out.trim().starts_with("sha256:"), "{out}");
        for l in layers(&env, &image) {
            assert!(
                l["mediaType"]
                    .as_str()
                    .unwrap()
                    .ends_with("+gzip+encrypted")
            );
            assert!(l["annotations"]["org.opencontainers.image.enc.keys.jwe"].is_string());
            assert!(l["annotations"]["org.opencontainers.image.enc.pubopts"].is_string());
            assert!(!plain.contains(&l["digest"].as_str().unwrap().to_string()));
        }
        env.ok(&["push", "-q", &image]);
        // Any one recipient's key opens it, in skopeo.
        for (i, k) in privs.iter().enumerate() {
            let got = skopeo_decrypt(&env, &image, &p(&env, k), &format!("out-{tag}-{i}"));
            assert_eq!(got, plain, "skopeo with {k}");
        }
        // And in ccr, with the encrypted key's password too.
        let key = if tag == "ec" {
            p(&env, "ec.sec1.pem")
        } else {
            format!("{}:s3cret", p(&env, "rsa.enc.pem"))
        };
        assert_eq!(
            env.ok(&[
                "run",
                "--rm",
                "--network",
                "none",
                "--decryption-key",
                &key,
                &image,
                "echo",
                "opened"
            ]),
            "opened\n"
        );
    }
    // The config is never encrypted.
    let m = json(&env.ok(&["manifest", "inspect", &format!("{}/enc/bb:rsa", reg.host())]));
    let base = json(&env.ok(&["manifest", "inspect", BASE]));
    assert_eq!(m["config"], base["config"]);
}

#[test]
fn ccr_decrypts_and_runs_what_skopeo_encrypts() {
    let (reg, env) = setup();
    let plain_image = format!("{}/plain/bb:1", reg.host());
    env.ok(&["tag", BASE, &plain_image]);
    env.ok(&["push", "-q", &plain_image]);
    let enc = format!("{}/skopeo/bb:enc", reg.host());
    sh(Command::new("skopeo").args([
        "copy",
        "--src-tls-verify=false",
        "--dest-tls-verify=false",
        "--encryption-key",
        &format!("jwe:{}", p(&env, "rsa.pub.pem")),
        "--encryption-key",
        &format!("jwe:{}", p(&env, "ec.pub.pem")),
        &format!("docker://{plain_image}"),
        &format!("docker://{enc}"),
    ]));
    let other = Env::new();
    // Without a key, pull keeps the encrypted blobs and run says what is missing.
    other.ok(&["pull", "-q", &enc]);
    let err = other.fails(&["run", "--rm", &enc, "true"]);
    assert!(
        err.contains("is encrypted and no decryption key was given")
            && err.contains("--decryption-key"),
        "{err}"
    );
    assert!(
        layers(&other, &enc)[0]["mediaType"]
            .as_str()
            .unwrap()
            .ends_with("+encrypted")
    );
    // With a key it runs; image decrypt gives the original layers back.
    let out = other.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--decryption-key",
        &p(&env, "ec.pem"),
        &enc,
        "cat",
        "/etc/passwd",
    ]);
    assert!(out.starts_with("root:"), "{out}");
    other.ok(&[
        "image",
        "decrypt",
        "--key",
        &p(&env, "rsa.pem"),
        &enc,
        "localhost/decrypted:1",
    ]);
    assert_eq!(
        layer_digests(&other, "localhost/decrypted:1"),
        layer_digests(&env, BASE)
    );
    assert_eq!(
        other.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "localhost/decrypted:1",
            "echo",
            "plain"
        ]),
        "plain\n"
    );
    // An encrypted base builds with its key; without, the error names what is missing.
    let ctx = other.path("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {enc}\nRUN echo layered > /layered\nCMD [\"cat\", \"/layered\"]\n"),
    )
    .unwrap();
    let err = other.fails(&["build", "-t", "localhost/on-enc:1", ctx.to_str().unwrap()]);
    assert!(err.contains("no decryption key was given"), "{err}");
    other.ok(&[
        "build",
        "-q",
        "-t",
        "localhost/on-enc:1",
        "--decryption-key",
        &p(&env, "rsa.pem"),
        ctx.to_str().unwrap(),
    ]);
    let out = other.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        "--decryption-key",
        &p(&env, "rsa.pem"),
        "localhost/on-enc:1",
    ]);
    assert_eq!(out, "layered\n");
    // pull --decryption-key decrypts while unpacking; a wrong key keeps nothing.
    let third = Env::new();
    let err = third.fails(&[
        "pull",
        "-q",
        "--decryption-key",
        &p(&env, "other.pem"),
        &enc,
    ]);
    assert!(
        err.contains("none of the given keys can decrypt it"),
        "{err}"
    );
    assert!(third.image_names().is_empty(), "{:?}", third.image_names());
    // Without -q: no success line before the keys opened every layer.
    let out = third.run(&["pull", "--decryption-key", &p(&env, "other.pem"), &enc]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        !said.contains("Downloaded newer image") && !said.contains("Status:"),
        "{said}"
    );
    let said = third.ok(&["pull", "--decryption-key", &p(&env, "rsa.pem"), &enc]);
    assert!(said.contains("Status: Downloaded newer image"), "{said}");
    third.ok(&["rmi", &enc]);
    third.ok(&["pull", "-q", "--decryption-key", &p(&env, "rsa.pem"), &enc]);
    let snapshots = std::fs::read_dir(third.data_root().join("snapshots/layers"))
        .unwrap()
        .count();
    assert_eq!(snapshots, 1);
}

#[test]
fn wrong_keys_and_tampering_are_refused_and_leave_nothing() {
    let (_reg, env) = setup();
    env.ok(&[
        "image",
        "encrypt",
        "--recipient",
        &format!("jwe:{}", p(&env, "rsa.pub.pem")),
        BASE,
        "localhost/enc:1",
    ]);
    let layer = layers(&env, "localhost/enc:1")[0].clone();
    let digest = layer["digest"].as_str().unwrap().to_string();
    // A wrong key: the error names the layer.
    let err = env.fails(&[
        "image",
        "decrypt",
        "--key",
        &p(&env, "other.pem"),
        "localhost/enc:1",
        "localhost/x:1",
    ]);
    assert!(
        err.contains(&digest) && err.contains("none of the given keys"),
        "{err}"
    );
    let err = env.fails(&[
        "run",
        "--rm",
        "--decryption-key",
        &p(&env, "ec.pem"),
        "localhost/enc:1",
        "true",
    ]);
    assert!(err.contains(&digest), "{err}");

    // Tampered copies go into a fresh store through an OCI archive, edited.
    env.ok(&["save", "-o", &p(&env, "enc.tar"), "localhost/enc:1"]);
    let tamper = |name: &str, edit: &dyn Fn(&Path, &mut serde_json::Value)| -> Env {
        let dir = env.path(name);
        std::fs::create_dir_all(&dir).unwrap();
        sh(Command::new("tar").args(["-xf", &p(&env, "enc.tar"), "-C", dir.to_str().unwrap()]));
        let blobs = dir.join("blobs/sha256");
        let index_path = dir.join("index.json");
        let mut index = json(&std::fs::read_to_string(&index_path).unwrap());
        let mhex = index["manifests"][0]["digest"]
            .as_str()
            .unwrap()
            .trim_start_matches("sha256:")
            .to_string();
        let mut manifest = json(&std::fs::read_to_string(blobs.join(&mhex)).unwrap());
        edit(&blobs, &mut manifest);
        let bytes = serde_json::to_vec(&manifest).unwrap();
        let new = sha256_hex(&bytes);
        std::fs::write(blobs.join(&new), &bytes).unwrap();
        index["manifests"][0]["digest"] = format!("sha256:{new}").into();
        index["manifests"][0]["size"] = bytes.len().into();
        std::fs::write(&index_path, serde_json::to_vec(&index).unwrap()).unwrap();
        let _ = std::fs::remove_file(dir.join("manifest.json"));
        let tar = env.path(&format!("{name}.tar"));
        sh(Command::new("tar").args([
            "-cf",
            tar.to_str().unwrap(),
            "-C",
            dir.to_str().unwrap(),
            ".",
        ]));
        let e = Env::new();
        e.ok(&["load", "-q", "-i", tar.to_str().unwrap()]);
        e
    };
    let check_refused = |e: &Env, what: &str| {
        let image = e.image_names()[0].clone();
        let err = e.fails(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--decryption-key",
            &p(&env, "rsa.pem"),
            &image,
            "true",
        ]);
        assert!(err.contains(what), "{err}");
        let err = e.fails(&[
            "image",
            "decrypt",
            "--key",
            &p(&env, "rsa.pem"),
            &image,
            "localhost/out:1",
        ]);
        assert!(err.contains(what), "{err}");
        // Nothing decrypted was kept: no snapshot, no temporary, no plaintext blob.
        for d in ["snapshots/layers", "snapshots/tmp", "content/ingest"] {
            let n = std::fs::read_dir(e.data_root().join(d))
                .map(|r| r.count())
                .unwrap_or(0);
            assert_eq!(n, 0, "{d} is not empty");
        }
        assert!(
            !e.blobs().contains(
                &layer_digests(&env, BASE)[0]
                    .trim_start_matches("sha256:")
                    .to_string()
            )
        );
        assert!(!e.image_names().iter().any(|n| n.contains("out")));
    };
    // The ciphertext altered and its descriptor digest updated to match:
    // only the HMAC catches it.
    let e = tamper("flipped", &|blobs, m| {
        let old = m["layers"][0]["digest"]
            .as_str()
            .unwrap()
            .trim_start_matches("sha256:")
            .to_string();
        let mut data = std::fs::read(blobs.join(&old)).unwrap();
        data[1000] ^= 0x40;
        std::fs::remove_file(blobs.join(&old)).unwrap();
        let new = sha256_hex(&data);
        std::fs::write(blobs.join(&new), &data).unwrap();
        m["layers"][0]["digest"] = format!("sha256:{new}").into();
    });
    check_refused(&e, "integrity check (HMAC mismatch)");
    // A tampered public options annotation (another HMAC).
    let e = tamper("pubopts", &|_, m| {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        let a = m["layers"][0]["annotations"]["org.opencontainers.image.enc.pubopts"]
            .as_str()
            .unwrap()
            .to_string();
        let mut pubopts = json(&String::from_utf8(b64.decode(a).unwrap()).unwrap());
        pubopts["hmac"] = b64.encode([7u8; 32]).into();
        m["layers"][0]["annotations"]["org.opencontainers.image.enc.pubopts"] =
            b64.encode(serde_json::to_vec(&pubopts).unwrap()).into();
    });
    check_refused(&e, "HMAC mismatch");
    // A tampered key annotation.
    let e = tamper("jwe", &|_, m| {
        let a = m["layers"][0]["annotations"]["org.opencontainers.image.enc.keys.jwe"]
            .as_str()
            .unwrap()
            .to_string();
        let mut chars: Vec<char> = a.chars().collect();
        chars[40] = if chars[40] == 'A' { 'B' } else { 'A' };
        m["layers"][0]["annotations"]["org.opencontainers.image.enc.keys.jwe"] =
            chars.into_iter().collect::<String>().into();
    });
    let image = e.image_names()[0].clone();
    let err = e.fails(&[
        "run",
        "--rm",
        "--decryption-key",
        &p(&env, "rsa.pem"),
        &image,
        "true",
    ]);
    assert!(
        err.contains("none of the given keys can decrypt it") || err.contains("JWE"),
        "{err}"
    );
}

#[test]
fn a_byte_flipped_in_the_registry_fails_the_pull() {
    let (reg, env) = setup();
    let image = format!("{}/enc/bb:flip", reg.host());
    env.ok(&[
        "image",
        "encrypt",
        "--recipient",
        &format!("jwe:{}", p(&env, "rsa.pub.pem")),
        BASE,
        &image,
    ]);
    env.ok(&["push", "-q", &image]);
    let hex = layers(&env, &image)[0]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:")
        .to_string();
    let file = reg.blob_file(&hex);
    let mut data = std::fs::read(&file).unwrap();
    data[500] ^= 1;
    std::fs::write(&file, data).unwrap();
    let other = Env::new();
    let err = other.fails(&[
        "pull",
        "-q",
        "--decryption-key",
        &p(&env, "rsa.pem"),
        &image,
    ]);
    assert!(err.contains("content verification failed"), "{err}");
    assert!(other.image_names().is_empty());
}

#[test]
fn kbs_key_ids_offline_and_push_encrypt_keeps_signing() {
    let (reg, env) = setup();
    // A KBS key id with the KEK written out for offline provisioning.
    let kid = "kbs:///default/image-kek/test-1";
    let kek = p(&env, "kek.bin");
    env.ok(&[
        "image",
        "encrypt",
        "--recipient",
        &format!("provider:attestation-agent:keyid={kid}"),
        "--kek-out",
        &kek,
        BASE,
        "localhost/kbs:1",
    ]);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&kek).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(std::fs::read(&kek).unwrap().len(), 32);
    let l = &layers(&env, "localhost/kbs:1")[0];
    use base64::Engine;
    let packet = json(&String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(l["annotations"]["org.opencontainers.image.enc.keys.provider.attestation-agent"].as_str().unwrap())
            .unwrap(),
    ).unwrap());
    assert_eq!(packet["kid"], kid);
    assert_eq!(packet["wrap_type"], "A256GCM");
    let key = format!("{kid}={kek}");
    assert_eq!(
        env.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--decryption-key",
            &key,
            "localhost/kbs:1",
            "echo",
            "kek"
        ]),
        "kek\n"
    );
    // An existing KEK file is never overwritten.
    let err = env.fails(&[
        "image",
        "encrypt",
        "--recipient",
        kid,
        "--kek-out",
        &kek,
        BASE,
        "localhost/kbs:2",
    ]);
    assert!(
        err.contains("File exists") || err.contains("exists"),
        "{err}"
    );

    // push --encrypt: the registry gets ciphertext, the signature covers it,
    // the local image stays plaintext.
    let pw = "pw";
    let prefix = p(&env, "cosign");
    let out = env
        .cmd(&["key", "generate", "--output-key-prefix", &prefix])
        .env("COSIGN_PASSWORD", pw)
        .output()
        .unwrap();
    assert!(out.status.success());
    let image = format!("{}/app/enc:1", reg.host());
    env.ok(&["tag", BASE, &image]);
    let out = env
        .cmd(&[
            "push",
            "-q",
            "--encrypt",
            &format!("jwe:{}", p(&env, "ec.pub.pem")),
            "--sign=cosign",
            "--cosign-key",
            &format!("{prefix}.key"),
            &image,
        ])
        .env("COSIGN_PASSWORD", pw)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(layer_digests(&env, &image), layer_digests(&env, BASE));
    let other = Env::new();
    other.ok(&[
        "pull",
        "-q",
        "--verify=cosign",
        "--cosign-key",
        &format!("{prefix}.pub"),
        &image,
    ]);
    assert!(
        layers(&other, &image)[0]["mediaType"]
            .as_str()
            .unwrap()
            .ends_with("+encrypted")
    );
    assert_eq!(
        other.ok(&[
            "run",
            "--rm",
            "--network",
            "none",
            "--decryption-key",
            &p(&env, "ec.pem"),
            &image,
            "echo",
            "signed+encrypted"
        ]),
        "signed+encrypted\n"
    );
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(data))
}
