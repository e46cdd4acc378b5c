//! The CLI's user-facing text, held in golden files under tests/snapshots/:
//! `--help` of the program and of each command group, and the main error
//! messages with their hints and exit codes. A change of output is then a
//! deliberate one: `CCR_UPDATE_SNAPSHOTS=1 cargo test --test snapshots`
//! rewrites the files, and the diff shows what changed.

mod common;

use common::*;

/// Runs ccr and renders what a user sees: the exit code, stdout, stderr,
/// with this run's temporary paths replaced by `[TMP]`.
fn transcript(env: &Env, args: &[&str]) -> String {
    let out = env.cmd(args).env_remove("CCR_KBS_URL").output().unwrap();
    let tmp = env.dir.path().to_string_lossy().to_string();
    let text = format!(
        "$ ccr {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    text.replace(&tmp, "[TMP]")
}

fn check(name: &str, actual: &str) -> Result<(), String> {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("CCR_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&file, actual).unwrap();
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    if committed == actual {
        Ok(())
    } else {
        Err(format!(
            "{} differs (CCR_UPDATE_SNAPSHOTS=1 cargo test --test snapshots rewrites it):\n--- committed\n{committed}\n--- now\n{actual}",
            file.display()
        ))
    }
}

fn check_all(cases: &[(&str, &[&str])]) {
    let env = Env::new();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, args)| check(name, &transcript(&env, args)).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn help_of_each_command_group() {
    check_all(&[
        ("help", &["--help"]),
        ("help-run", &["run", "--help"]),
        ("help-pull", &["pull", "--help"]),
        ("help-push", &["push", "--help"]),
        ("help-build", &["build", "--help"]),
        ("help-image", &["image", "--help"]),
        ("help-image-encrypt", &["image", "encrypt", "--help"]),
        ("help-container", &["container", "--help"]),
        ("help-system", &["system", "--help"]),
        ("help-volume", &["volume", "--help"]),
        ("help-kbs", &["kbs", "--help"]),
        ("help-manifest", &["manifest", "--help"]),
        ("help-key", &["key", "--help"]),
    ]);
}

#[test]
fn main_error_messages_with_hints_and_exit_codes() {
    check_all(&[
        ("error-invalid-reference", &["pull", "Not//Valid"]),
        (
            "error-invalid-platform",
            &["pull", "--platform", "linux/", "busybox"],
        ),
        ("error-no-such-object", &["inspect", "no-such-thing"]),
        ("error-no-such-container", &["stop", "no-such-container"]),
        (
            "error-pull-never",
            &["run", "--pull", "never", "localhost/absent:1", "true"],
        ),
        (
            "error-unreachable-registry",
            &[
                "pull",
                "--insecure-registry=127.0.0.1:9",
                "127.0.0.1:9/x/y:1",
            ],
        ),
        (
            "error-no-kbs-address",
            &["kbs", "attest", "--tee", "sample"],
        ),
        (
            "error-unreachable-kbs",
            &[
                "kbs",
                "attest",
                "--tee",
                "sample",
                "--kbs-url",
                "http://127.0.0.1:9",
            ],
        ),
        (
            "error-kek-not-kept",
            &[
                "image",
                "encrypt",
                "--recipient",
                "kbs:///default/key/1",
                "a:1",
                "b:1",
            ],
        ),
        ("error-create-detach", &["create", "-d", "busybox"]),
    ]);
}
