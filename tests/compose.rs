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

/// `docker-compose [args] config --format json` in `dir` under exactly
/// `env`: the model, or its refusal.
fn config_json(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<serde_json::Value, String> {
    let out = Command::new(docker_compose())
        .args(args)
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
    Ok(serde_json::from_slice(&out.stdout).unwrap())
}

/// Service `s`'s environment in `dir`'s model. `config` writes a literal
/// `$` as `$$` (so that its output loads back the same); the values here
/// are unescaped.
fn reference(dir: &Path, env: &[(&str, &str)]) -> Result<BTreeMap<String, String>, String> {
    let v = config_json(dir, &[], env)?;
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

/// `docker-compose config`'s project name in `dir` (or its refusal).
fn reference_name(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<String, String> {
    Ok(config_json(dir, args, env)?["name"]
        .as_str()
        .unwrap()
        .to_string())
}

#[test]
fn project_files_directory_and_name_agree_with_docker_compose() {
    use ccr::compose::project;
    let t = tempfile::tempdir().unwrap();
    let top = t.path().join("Web.Site");
    let sub = top.join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        top.join("compose.yaml"),
        "services:\n  s:\n    image: busybox\n",
    )
    .unwrap();
    std::fs::write(
        top.join("compose.override.yaml"),
        "services:\n  s:\n    environment:\n      FROM_OVERRIDE: \"1\"\n",
    )
    .unwrap();
    // Found from a subdirectory, with the override; named after the directory.
    let found = project::files(&sub, &[], None, None).unwrap();
    assert_eq!(found.files.len(), 2);
    let dir = project::directory(None, &found.files, &sub);
    assert_eq!(dir, top);
    let ours = project::name(None, None, None, &dir).unwrap();
    assert_eq!(Ok(ours), reference_name(&sub, &[], &[]));
    assert_eq!(
        reference(&sub, &[])
            .unwrap()
            .get("FROM_OVERRIDE")
            .map(String::as_str),
        Some("1")
    );
    // -p and COMPOSE_PROJECT_NAME must be normalised already; both refuse otherwise.
    for (flag, env) in [
        (Some("ok-1"), None),
        (None, Some("from-env")),
        (Some("Bad"), None),
        (None, Some("Bad.Env")),
    ] {
        let args: Vec<&str> = flag.map(|f| vec!["-p", f]).unwrap_or_default();
        let envs: Vec<(&str, &str)> = env
            .map(|e| vec![("COMPOSE_PROJECT_NAME", e)])
            .unwrap_or_default();
        let theirs = reference_name(&top, &args, &envs);
        let ours = project::name(flag, env, None, &top);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert!(b.contains("invalid project name"), "{a} / {b}"),
            (a, b) => panic!("{flag:?} {env:?}: ours {a:?}, docker-compose {b:?}"),
        }
    }
    // A `name:` in the file is normalised; so is a directory's odd name.
    std::fs::write(
        top.join("compose.yaml"),
        "name: My.File\nservices:\n  s:\n    image: busybox\n",
    )
    .unwrap();
    assert_eq!(
        Ok(project::name(None, None, Some("My.File"), &top).unwrap()),
        reference_name(&top, &[], &[])
    );
    let odd = t.path().join("__Up_Dir");
    std::fs::create_dir_all(&odd).unwrap();
    std::fs::write(
        odd.join("compose.yaml"),
        "services:\n  s:\n    image: busybox\n",
    )
    .unwrap();
    assert_eq!(
        Ok(project::name(None, None, None, &odd).unwrap()),
        reference_name(&odd, &[], &[])
    );
}

/// One case of `tests/compose-corpus`: its directory, and what
/// `case.args`, `case.env`, `case.cwd`, `case.stdin` and
/// `case.services` say about how compose is run there.
struct Case {
    dir: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    cwd: PathBuf,
    stdin: Option<Vec<u8>>,
    services: Vec<String>,
    /// What ccr's refusal must say (`case.fails`): both must refuse.
    fails: Option<String>,
}

impl Case {
    fn read(dir: &Path) -> Case {
        let text = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
        let lines = |f: &str| -> Vec<String> {
            text(f)
                .map(|t| t.lines().map(String::from).collect())
                .unwrap_or_default()
        };
        Case {
            dir: dir.to_path_buf(),
            args: lines("case.args"),
            env: lines("case.env")
                .iter()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            cwd: dir.join(text("case.cwd").unwrap_or_default().trim()),
            stdin: text("case.stdin").map(|f| std::fs::read(dir.join(f.trim())).unwrap()),
            services: text("case.services")
                .map(|t| {
                    t.trim()
                        .trim_start_matches("SERVICES=")
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default(),
            fails: text("case.fails").map(|t| t.trim().to_string()),
        }
    }

    /// `program [args] <compose> config [extra] [services]` in the case's
    /// directory and environment only.
    fn run(&self, program: &Path, compose: &[&str], extra: &[&str]) -> std::process::Output {
        use std::io::Write;
        let mut cmd = Command::new(program);
        cmd.args(compose)
            .args(&self.args)
            .arg("config")
            .args(extra)
            .args(&self.services)
            .current_dir(&self.cwd)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut input = child.stdin.take().unwrap();
        input
            .write_all(self.stdin.as_deref().unwrap_or_default())
            .unwrap();
        drop(input);
        child.wait_with_output().unwrap()
    }
}

fn corpus() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compose-corpus");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.iter().map(|d| Case::read(d)).collect()
}

fn ccr() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ccr"))
}

/// Every file of the corpus: `ccr compose config` prints the model
/// `docker-compose config` prints (compared as YAML values), or both
/// refuse it and ccr says why.
#[test]
fn the_loader_corpus_agrees_with_docker_compose() {
    let cases = corpus();
    assert!(cases.len() >= 30, "the corpus has {} files", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.dir.file_name().unwrap().to_string_lossy().into_owned();
        let theirs = case.run(&docker_compose(), &[], &[]);
        let ours = case.run(&ccr(), &["compose"], &[]);
        let err = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();
        match &case.fails {
            Some(why) => {
                if theirs.status.success() {
                    failures.push(format!("{name}: docker-compose accepts it"));
                }
                // The same exit code as docker compose (15 for a project
                // it cannot load), and ccr's own words.
                if ours.status.code() != theirs.status.code() || !err(&ours).contains(why.as_str())
                {
                    failures.push(format!(
                        "{name}: ccr must refuse with {why:?} and exit {:?} as docker-compose: {:?} {}",
                        theirs.status.code(),
                        ours.status.code(),
                        err(&ours)
                    ));
                }
            }
            None => {
                assert!(theirs.status.success(), "{name}: {}", err(&theirs));
                if !ours.status.success() {
                    failures.push(format!("{name}: ccr refuses: {}", err(&ours)));
                    continue;
                }
                let a: yaml_serde::Value = yaml_serde::from_slice(&theirs.stdout).unwrap();
                let b: yaml_serde::Value = yaml_serde::from_slice(&ours.stdout).unwrap();
                if a != b {
                    failures.push(format!(
                        "{name}: models differ\n--- docker-compose\n{}\n--- ccr\n{}",
                        String::from_utf8_lossy(&theirs.stdout),
                        String::from_utf8_lossy(&ours.stdout)
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `config --services`, `--volumes` and `-q` print what docker-compose
/// prints. (Where services are named, docker-compose 2.26 ignores them
/// for `--services` and lists the project's; ccr lists those named.)
#[test]
fn config_listings_agree_with_docker_compose() {
    for case in corpus()
        .iter()
        .filter(|c| c.fails.is_none() && c.services.is_empty())
    {
        for flags in [&["--services"][..], &["--volumes"], &["-q"]] {
            let out = |o: std::process::Output| {
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                let mut lines: Vec<String> = String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .map(String::from)
                    .collect();
                lines.sort();
                lines
            };
            let theirs = out(case.run(&docker_compose(), &[], flags));
            let ours = out(case.run(&ccr(), &["compose"], flags));
            assert_eq!(ours, theirs, "{} {flags:?}", case.dir.display());
        }
    }
}
