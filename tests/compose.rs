//! The compose loader against the reference: `docker-compose config`
//! (docker-compose 2.26.1 from Debian trixie, fetched by
//! tests/fetch-docker-compose.sh) on the same files and environment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ccr::compose::{dotenv, interpolate};

fn docker_compose() -> PathBuf {
    let p = Path::new(&std::env::var("CCR_PEERS").unwrap_or_else(|_| "/opt/ccr-peers".into()))
        .join("docker-compose-trixie/usr/bin/docker-compose");
    assert!(p.exists(), "{} is missing: run tests/setup.sh", p.display());
    p
}

/// `docker-compose config` of `dir`'s compose.yaml under exactly `env`:
/// service `s`'s environment. `config` writes a literal `$` as `$$` (so
/// that its output loads back the same); the values here are unescaped.
fn reference(dir: &Path, env: &[(&str, &str)]) -> Result<BTreeMap<String, String>, String> {
    let out = Command::new(docker_compose())
        .args(["config", "--format", "json"])
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Ok(v["services"]["s"]["environment"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().replace("$$", "$")))
        .collect())
}

fn compose_file(dir: &Path, values: &[(&str, &str)]) {
    let mut y = String::from("services:\n  s:\n    image: busybox\n    environment:\n");
    for (k, v) in values {
        // Single-quoted YAML: only ' needs doubling.
        y.push_str(&format!("      {k}: '{}'\n", v.replace('\'', "''")));
    }
    std::fs::write(dir.join("compose.yaml"), y).unwrap();
}

#[test]
fn interpolation_agrees_with_docker_compose() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        "$SET",
        "${SET}",
        "x${SET}y",
        "$SET-x",
        "${UNSET:-d}",
        "${EMPTY:-d}",
        "${EMPTY-d}",
        "${UNSET-d}",
        "${SET:-d}",
        "${SET:+alt}",
        "${EMPTY:+alt}",
        "${EMPTY+alt}",
        "${UNSET+alt}",
        "${UNSET:-${B:-x}}",
        "${UNSET:-${ALSO:-x}}",
        "${UNSET:-a b}",
        "$$SET",
        "$${SET}",
        "cost: 5$",
        "${UNSET:-}",
        "${EMPTY?no}",
        "$UNSET and ${UNSET}",
        "a$SET$B",
    ];
    let values: Vec<(String, &str)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("V{i}"), *c))
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    compose_file(dir.path(), &pairs);
    let env = [("SET", "v"), ("EMPTY", ""), ("B", "b")];
    let want = reference(dir.path(), &env).unwrap();
    let lookup = |k: &str| {
        env.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    for (k, input) in &values {
        let ours = interpolate(input, &lookup).unwrap().value;
        assert_eq!(Some(&ours), want.get(k), "{input:?}");
    }
    // A required variable: both refuse.
    compose_file(dir.path(), &[("R", "${NEED:?set NEED}")]);
    let err = reference(dir.path(), &[]).unwrap_err();
    assert!(err.contains("set NEED"), "{err}");
    assert!(interpolate("${NEED:?set NEED}", &|_: &str| None).is_err());
}

#[test]
fn dot_env_files_agree_with_docker_compose() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# a comment\nA=1\nexport B = two words  # trailing comment\nC='literal $A'\nD=\"quoted $A\\tand \\\"escaped\\\"\"\nE=${A}-$HOME\nF=\"multi\nline\"\nG=\nH=x#not a comment\n";
    std::fs::write(dir.path().join(".env"), text).unwrap();
    let ours = dotenv::parse(text, &|k: &str| (k == "HOME").then(|| "/root".to_string())).unwrap();
    let values: Vec<(String, String)> = ours
        .iter()
        .map(|(k, _)| (format!("E_{k}"), format!("${{{k}}}")))
        .collect();
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    compose_file(dir.path(), &pairs);
    let want = reference(dir.path(), &[("HOME", "/root")]).unwrap();
    for (k, v) in &ours {
        assert_eq!(want.get(&format!("E_{k}")), Some(v), "{k}");
    }
}
