//! The compose loader on the reference loader's own test data: compose-go
//! 2.9.1's `loader/testdata`, `cli/testdata`, `loader/full-example.yml`,
//! `dotenv/fixtures`, and the YAML its loader tests inline, as Debian
//! trixie's golang-github-compose-spec-compose-go-dev ships them (fetched
//! by tests/fetch-docker-compose.sh; nothing of it is in this repository).
//! Each file goes through `docker-compose config --format json` (2.26.1)
//! and `ccr compose config --format json` in the same directory and
//! environment, and the two are compared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn peers() -> PathBuf {
    PathBuf::from(std::env::var("CCR_PEERS").unwrap_or_else(|_| "/opt/ccr-peers".into()))
}

fn docker_compose() -> PathBuf {
    let p = peers().join("docker-compose-trixie/usr/bin/docker-compose");
    assert!(p.exists(), "{} is missing: run tests/setup.sh", p.display());
    p
}

fn compose_go() -> PathBuf {
    let p =
        peers().join("compose-go-trixie/usr/share/gocode/src/github.com/compose-spec/compose-go");
    assert!(p.exists(), "{} is missing: run tests/setup.sh", p.display());
    p
}

fn ccr() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ccr"))
}

/// Files where docker-compose 2.26.1 is older than the specification (and
/// than compose-go 2.9.1, whose own tests load them): ccr follows the
/// specification, so it must load them; the reason each is excused.
const OLDER_THAN_THE_SPEC: &[(&str, &str)] = &[
    (
        "loader/loader_test.go #69",
        "build.ssh `key1: value1`: 2.26.1 cannot marshal SSH keys to JSON (\"error calling MarshalJSON for type types.SSHKey\"); compose-go 2.9.1 loads it (TestLoadSSHWithKeyValueInBuildConfig)",
    ),
    (
        "loader/loader_test.go #70",
        "build.ssh as `key=value` list: the same 2.26.1 marshalling failure (TestLoadSSHWithKeysValuesInBuildConfig)",
    ),
    (
        "loader/loader_test.go #79",
        "a service, network, volume, secret and config named `x-...`: 2.26.1 takes them for extensions; the specification's x- rule is for keys of the top level and of objects, and compose-go 2.9.1 loads them (TestLoadWithXService)",
    ),
];

/// Files whose model docker-compose 2.26.1 writes as YAML wrongly, or
/// cannot read back, so that it cannot be the judge of ccr's YAML for
/// them (PyYAML still is).
const NOT_READ_BACK_BY_2_26_1: &[(&str, &str)] = &[
    (
        "loader/loader_test.go #93",
        "memswap_limit -1: 2.26.1 writes it as the string \"-1\" and refuses that string when it reads it",
    ),
    (
        "dotenv/fixtures/quoted.env",
        "OPTION_H=\"\\n\": 2.26.1 writes a line break alone as an empty block scalar (`|2+`), which every reader (PyYAML too) reads as \"\"",
    ),
];

/// One file of the corpus: where it is run, and its name there.
struct Case {
    name: String,
    dir: PathBuf,
    file: String,
}

/// The YAML documents a Go test file inlines: its raw strings (between
/// backquotes) that hold a `services:` key at the top.
fn inlined(go: &str) -> Vec<String> {
    go.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.lines().any(|l| l.starts_with("services:")))
        .map(str::to_string)
        .collect()
}

fn corpus(work: &Path) -> Vec<Case> {
    let root = compose_go();
    let mut cases = Vec::new();
    let mut files = Vec::new();
    for dir in ["loader/testdata", "cli/testdata"] {
        collect(&root.join(dir), &mut files);
    }
    files.push(root.join("loader/full-example.yml"));
    files.sort();
    for f in files {
        let name = f.strip_prefix(&root).unwrap().display().to_string();
        cases.push(Case {
            name,
            dir: f.parent().unwrap().to_path_buf(),
            file: f.file_name().unwrap().to_string_lossy().into_owned(),
        });
    }
    // The inlined documents, each in a directory of its own.
    let mut tests: Vec<PathBuf> = std::fs::read_dir(root.join("loader"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("_test.go"))
        .collect();
    tests.sort();
    for t in tests {
        let go = std::fs::read_to_string(&t).unwrap();
        let stem = t.file_stem().unwrap().to_string_lossy().into_owned();
        for (i, doc) in inlined(&go).into_iter().enumerate() {
            let dir = work.join(format!("{stem}-{i}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("compose.yaml"), doc).unwrap();
            cases.push(Case {
                name: format!("loader/{stem}.go #{i}"),
                dir,
                file: "compose.yaml".into(),
            });
        }
    }
    // Each dotenv fixture as a service's env_file.
    let fixtures = root.join("dotenv/fixtures");
    let mut envs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    envs.sort();
    for e in envs {
        let fname = e.file_name().unwrap().to_string_lossy().into_owned();
        let dir = work.join(format!("dotenv-{fname}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&e, dir.join("vars.env")).unwrap();
        std::fs::write(
            dir.join("compose.yaml"),
            "services:\n  s:\n    image: busybox\n    env_file: vars.env\n",
        )
        .unwrap();
        cases.push(Case {
            name: format!("dotenv/fixtures/{fname}"),
            dir,
            file: "compose.yaml".into(),
        });
    }
    cases
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
}

/// `program` in the case's directory with nothing of this machine's
/// environment but PATH (and a HOME of the test's), every name not on
/// loopback failing fast.
fn isolated(program: &Path, case: &Case, home: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(&case.dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "127.0.0.1,localhost,::1");
    c
}

/// `program [compose] -f FILE config --format json` in the case's
/// directory, with nothing of this machine's environment but PATH, and
/// every name not on loopback failing fast.
fn config(program: &Path, compose: &[&str], case: &Case, home: &Path) -> Output {
    isolated(program, case, home)
        .args(compose)
        .args(["-f", &case.file, "config", "--format", "json"])
        .output()
        .unwrap()
}

#[derive(Debug, Default)]
struct Tally {
    same: Vec<String>,
    differ: Vec<String>,
    both_refuse: Vec<String>,
    /// docker compose refuses, ccr loads: never allowed.
    accepted: Vec<String>,
    /// docker compose loads, ccr refuses.
    refused: Vec<String>,
    /// ccr died (a signal, a panic) or refused without naming the file.
    crashed: Vec<String>,
    /// ccr's YAML read otherwise by PyYAML or docker compose.
    round_trip: Vec<String>,
    /// Loaded as the specification says, where 2.26.1 is older.
    by_the_spec: Vec<String>,
    /// `compose convert --kubernetes` refused.
    unconverted: Vec<String>,
    /// Manifests kubernetes-validate --strict refuses.
    invalid_manifests: Vec<String>,
}

/// ccr's `config` YAML as other readers take it: PyYAML (YAML 1.1) reads
/// what ccr itself reads, and docker compose loads it to the model it
/// made of the original (`model`).
fn round_trip(
    case: &Case,
    home: &Path,
    model: &serde_json::Value,
    docker_compose_judges: bool,
) -> Result<(), String> {
    use std::io::Write;
    let out = isolated(&ccr(), case, home)
        .args(["compose", "-f", &case.file, "config"])
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(format!("config: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let ours: yaml_serde::Value =
        yaml_serde::from_slice(&out.stdout).map_err(|e| format!("ccr's own YAML: {e}"))?;
    let ours = serde_json::to_value(&ours).unwrap();
    let mut py = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    py.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    let py = py.wait_with_output().unwrap();
    let theirs: serde_json::Value = serde_json::from_slice(&py.stdout)
        .map_err(|_| format!("PyYAML: {}", String::from_utf8_lossy(&py.stderr)))?;
    if theirs != ours {
        return Err(format!(
            "PyYAML reads {}",
            first_difference(&ours, &theirs, "")
        ));
    }
    if !docker_compose_judges {
        return Ok(());
    }
    // The YAML docker compose writes, as a value, is ccr's.
    let theirs = isolated(&docker_compose(), case, home)
        .args(["-f", &case.file, "config"])
        .output()
        .unwrap();
    let theirs: yaml_serde::Value = yaml_serde::from_slice(&theirs.stdout)
        .map_err(|e| format!("docker compose's YAML: {e}"))?;
    let theirs = serde_json::to_value(&theirs).unwrap();
    if theirs != ours {
        return Err(format!(
            "the YAML differs: {}",
            first_difference(&theirs, &ours, "")
        ));
    }
    let mut dc = isolated(&docker_compose(), case, home)
        .args(["-f", "-", "--project-directory"])
        .arg(&case.dir)
        .args(["config", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    dc.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    let dc = dc.wait_with_output().unwrap();
    if !dc.status.success() {
        return Err(format!(
            "docker compose refuses ccr's YAML: {}",
            String::from_utf8_lossy(&dc.stderr)
        ));
    }
    let again: serde_json::Value = serde_json::from_slice(&dc.stdout).unwrap();
    if &again != model {
        return Err(format!(
            "docker compose reads ccr's YAML as {}",
            first_difference(model, &again, "")
        ));
    }
    Ok(())
}

#[test]
fn compose_go_test_data_loads_as_docker_compose_loads_it() {
    let work = tempfile::tempdir().unwrap();
    let home = work.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let cases = corpus(work.path());
    assert!(cases.len() > 150, "the corpus has {} files", cases.len());
    let mut t = Tally::default();
    let mut manifests: Vec<(String, PathBuf)> = Vec::new();
    for case in &cases {
        let theirs = config(&docker_compose(), &[], case, &home);
        let ours = config(&ccr(), &["compose"], case, &home);
        let err = String::from_utf8_lossy(&ours.stderr).into_owned();
        if !matches!(ours.status.code(), Some(0 | 1 | 14 | 15)) {
            t.crashed
                .push(format!("{}: {:?} {err}", case.name, ours.status.code()));
            continue;
        }
        match (theirs.status.success(), ours.status.success()) {
            (false, false) if OLDER_THAN_THE_SPEC.iter().any(|(n, _)| *n == case.name) => {
                t.refused.push(format!(
                    "{}: the specification loads it: {}",
                    case.name,
                    err.trim()
                ));
            }
            (false, false) => {
                // It names the file refused (the compose file, or one it
                // reads, such as an env file).
                if !err.contains(&case.file) && !err.contains('/') {
                    t.crashed
                        .push(format!("{}: the refusal names no file: {err}", case.name));
                }
                t.both_refuse.push(case.name.clone());
            }
            (false, true) if OLDER_THAN_THE_SPEC.iter().any(|(n, _)| *n == case.name) => {
                t.by_the_spec.push(case.name.clone());
            }
            (false, true) => t.accepted.push(format!(
                "{}: docker compose: {}",
                case.name,
                String::from_utf8_lossy(&theirs.stderr).trim()
            )),
            (true, false) => t.refused.push(format!("{}: {}", case.name, err.trim())),
            (true, true) => {
                let a: serde_json::Value = serde_json::from_slice(&theirs.stdout).unwrap();
                let b: serde_json::Value = match serde_json::from_slice(&ours.stdout) {
                    Ok(v) => v,
                    Err(e) => {
                        t.differ.push(format!("{}: not JSON: {e}", case.name));
                        continue;
                    }
                };
                if a == b {
                    t.same.push(case.name.clone());
                    let manifest = work.path().join(format!("k8s-{}.yaml", manifests.len()));
                    let conv = isolated(&ccr(), case, &home)
                        .args(["compose", "-f", &case.file, "convert", "--kubernetes"])
                        .args(["--resolve-image-digests=false", "-o"])
                        .arg(&manifest)
                        .output()
                        .unwrap();
                    if conv.status.success() {
                        manifests.push((case.name.clone(), manifest));
                    } else {
                        t.unconverted.push(format!(
                            "{}: {}",
                            case.name,
                            String::from_utf8_lossy(&conv.stderr).trim()
                        ));
                    }
                    let judge = !NOT_READ_BACK_BY_2_26_1.iter().any(|(n, _)| *n == case.name);
                    if let Err(why) = round_trip(case, &home, &a, judge) {
                        t.round_trip.push(format!("{}: {why}", case.name));
                    }
                } else {
                    t.differ
                        .push(format!("{}: {}", case.name, first_difference(&a, &b, "")));
                }
            }
        }
    }
    // Every converted project's manifests, checked at once.
    for chunk in manifests.chunks(64) {
        let out = Command::new("kubernetes-validate")
            .args(["--strict", "-k", "1.37.0"])
            .args(chunk.iter().map(|(_, f)| f))
            .output()
            .expect("kubernetes-validate: run tests/setup.sh");
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        for (name, f) in chunk {
            let file = f.display().to_string();
            let bad: Vec<&str> = said
                .lines()
                .filter(|l| l.contains(&file) && !l.starts_with("INFO"))
                .collect();
            if !bad.is_empty() {
                t.invalid_manifests
                    .push(format!("{name}: {}", bad.join("; ")));
            }
        }
        if !out.status.success() && t.invalid_manifests.is_empty() {
            t.invalid_manifests
                .push(format!("kubernetes-validate failed: {said}"));
        }
    }
    let loaded = t.same.len() + t.differ.len();
    let report = format!(
        "{} files: {} the same, {} differ, {} refused by both, {} accepted that docker compose refuses, {} refused that docker compose loads, {} crashed, {} read otherwise from ccr's YAML, {} loaded by the specification where 2.26.1 is older; {} converted to Kubernetes objects, {} not converted, {} refused by kubernetes-validate\n\nDIFFER\n{}\n\nACCEPTED\n{}\n\nREFUSED\n{}\n\nCRASHED\n{}\n\nROUND TRIP\n{}\n\nNOT CONVERTED\n{}\n\nINVALID MANIFESTS\n{}",
        cases.len(),
        t.same.len(),
        t.differ.len(),
        t.both_refuse.len(),
        t.accepted.len(),
        t.refused.len(),
        t.crashed.len(),
        t.round_trip.len(),
        t.by_the_spec.len(),
        manifests.len(),
        t.unconverted.len(),
        t.invalid_manifests.len(),
        t.differ.join("\n"),
        t.accepted.join("\n"),
        t.refused.join("\n"),
        t.crashed.join("\n"),
        t.round_trip.join("\n"),
        t.unconverted.join("\n"),
        t.invalid_manifests.join("\n"),
    );
    println!("{report}");
    let share = |n: usize| n * 100 / loaded.max(1);
    assert!(t.crashed.is_empty(), "{report}");
    assert!(t.round_trip.is_empty(), "{report}");
    assert_eq!(t.by_the_spec.len(), OLDER_THAN_THE_SPEC.len(), "{report}");
    assert!(t.unconverted.is_empty(), "{report}");
    assert!(t.invalid_manifests.is_empty(), "{report}");
    assert!(t.accepted.is_empty(), "{report}");
    assert!(share(t.same.len()) >= 98, "{report}");
}

/// Where two models first differ, as a key path and the two values.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> String {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeMap<&String, ()> = x.keys().chain(y.keys()).map(|k| (k, ())).collect();
            for k in keys.keys() {
                let path = format!("{at}.{k}");
                match (x.get(*k), y.get(*k)) {
                    (Some(p), Some(q)) if p != q => return first_difference(p, q, &path),
                    (Some(p), None) => return format!("{path}: ccr lacks {p}"),
                    (None, Some(q)) => return format!("{path}: ccr adds {q}"),
                    _ => {}
                }
            }
            format!("{at}: ?")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                if p != q {
                    return first_difference(p, q, &format!("{at}[{i}]"));
                }
            }
            format!("{at}: ?")
        }
        _ => format!("{at}: docker compose {a}, ccr {b}"),
    }
}
