//! `ccr build`: Dockerfiles built natively, RUN steps in real containers,
//! the results checked in the running image, in the layer blobs, and by the
//! peers (umoci unpacks them, the registry takes them).

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::*;

const BASE: &str = "localhost/busybox:test";

fn with_busybox() -> Env {
    let env = Env::new();
    env.busybox(BASE);
    env
}

/// Writes the files of a build context (`name`, `content`) under `dir`.
fn context(env: &Env, dir: &str, files: &[(&str, &str)]) -> String {
    let root = env.path(dir);
    for (name, content) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
    root.to_str().unwrap().to_string()
}

/// Runs `ccr build`, asserting success; returns stderr (the progress).
fn build(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

fn build_fails(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    env.fails(&all)
}

/// The image's manifest (from the local store).
fn manifest(env: &Env, image: &str) -> serde_json::Value {
    json(&env.ok(&["manifest", "inspect", image]))
}

fn config(env: &Env, image: &str) -> serde_json::Value {
    let m = manifest(env, image);
    let hex = m["config"]["digest"]
        .as_str()
        .unwrap()
        .trim_start_matches("sha256:");
    serde_json::from_slice(&env.blob(hex)).unwrap()
}

fn layer_digests(env: &Env, image: &str) -> Vec<String> {
    manifest(env, image)["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["digest"].as_str().unwrap().to_string())
        .collect()
}

/// Entry names of a gzip layer blob.
fn layer_entries(env: &Env, digest: &str) -> Vec<String> {
    let data = env.blob(digest.trim_start_matches("sha256:"));
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(&data[..]));
    tar.entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().display().to_string())
        .collect()
}

fn run_in(env: &Env, image: &str, script: &str) -> String {
    env.ok(&[
        "run",
        "--rm",
        "--network",
        "none",
        image,
        "sh",
        "-c",
        script,
    ])
}

#[test]
fn hello_world_builds_and_runs() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[(
            "Dockerfile",
            &format!("FROM {BASE}\nCMD [\"echo\",\"Hello World\"]\n"),
        )],
    );
    let progress = build(&env, &["-t", "hello:1", &ctx]);
    assert!(progress.contains("[1/1] FROM"), "{progress}");
    assert!(
        progress.contains("naming to docker.io/library/hello:1"),
        "{progress}"
    );
    assert_eq!(env.ok(&["run", "--rm", "hello:1"]), "Hello World\n");
    let cfg = config(&env, "hello:1");
    assert_eq!(
        cfg["config"]["Cmd"],
        serde_json::json!(["echo", "Hello World"])
    );
    // The base layers are reused as they are.
    assert_eq!(layer_digests(&env, "hello:1"), layer_digests(&env, BASE));
    // history: newest first, the image id on top, sizes where layers are.
    let rows: Vec<serde_json::Value> = env
        .ok(&["history", "--format", "json", "hello:1"])
        .lines()
        .map(json)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let image_id = env.ok(&["images", "-q", "hello:1"]);
    assert_eq!(rows[0]["ID"], image_id.trim());
    assert!(
        rows[0]["CreatedBy"]
            .as_str()
            .unwrap()
            .contains("CMD [\"echo\" \"Hello World\"]"),
        "{rows:?}"
    );
    assert_eq!(rows[0]["Size"], "0B");
    assert_eq!(
        (rows[1]["ID"].as_str(), rows[1]["CreatedBy"].as_str()),
        (Some("<missing>"), Some("ccr import"))
    );
    assert_ne!(rows[1]["Size"], "0B");
    let table = env.ok(&["history", "hello:1"]);
    assert!(table.starts_with("IMAGE "), "{table}");
    assert_eq!(table.lines().count(), 3, "{table}");
    assert_eq!(
        env.ok(&["image", "history", "-q", "hello:1"])
            .lines()
            .count(),
        2
    );
    let err = env.fails(&["history", "no-such-image:1"]);
    assert!(err.contains("no-such-image"), "{err}");
    // Untagged, the image is kept as <none> under its id (which -q
    // prints), runs by that id, and goes with `image prune`.
    let id = env.ok(&["build", "-q", &ctx]);
    let id = id.trim();
    assert!(id.starts_with("sha256:") && !id.contains('\n'), "{id}");
    assert!(
        env.image_names().contains(&"<none>:<none>".to_string()),
        "{:?}",
        env.image_names()
    );
    assert_eq!(env.ok(&["run", "--rm", &id[7..19]]), "Hello World\n");
    env.ok(&["image", "prune", "-f"]);
    assert!(!env.image_names().contains(&"<none>:<none>".to_string()));
    assert!(env.image_names().contains(&"hello:1".to_string()));
    // ONBUILD triggers of a base image run in the image built on it.
    std::fs::write(
        Path::new(&ctx).join("Dockerfile"),
        format!("FROM {BASE}\nONBUILD RUN echo triggered > /onbuild\n"),
    )
    .unwrap();
    build(&env, &["-t", "onbuild-base", &ctx]);
    std::fs::write(Path::new(&ctx).join("Dockerfile"), "FROM onbuild-base\n").unwrap();
    build(&env, &["-t", "onbuild-child", &ctx]);
    assert_eq!(run_in(&env, "onbuild-child", "cat /onbuild"), "triggered\n");
    assert!(config(&env, "onbuild-child")["config"]["OnBuild"].is_null());
}

#[test]
fn run_steps_create_change_and_delete_files() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[(
            "Dockerfile",
            &format!(
                "FROM {BASE}\n\
                 RUN mkdir -p /d/sub && echo one > /d/keep && echo gone > /d/gone && echo x > /d/sub/f\n\
                 RUN echo two >> /d/keep && rm /d/gone && rm -rf /d/sub && mkdir /d/sub && echo y > /d/sub/g && rm /bin/vi\n"
            ),
        )],
    );
    let progress = build(&env, &["-t", "changes", &ctx]);
    assert!(progress.contains("[3/3] RUN echo two"), "{progress}");
    let out = run_in(
        &env,
        "changes",
        "cat /d/keep; ls /d; ls /d/sub; test -e /d/gone || echo no-gone; test -e /bin/vi || echo no-vi",
    );
    assert_eq!(out, "one\ntwo\nkeep\nsub\ng\nno-gone\nno-vi\n");
    // The last layer records the deletions as whiteouts and the replaced
    // directory as opaque.
    let layers = layer_digests(&env, "changes");
    let last = layer_entries(&env, layers.last().unwrap());
    for want in ["d/.wh.gone", "bin/.wh.vi", "d/sub/.wh..wh..opq", "d/sub/g"] {
        assert!(last.iter().any(|e| e == want), "{want} missing in {last:?}");
    }
    // Mount points the runtime made are not part of the layer.
    assert!(
        !last
            .iter()
            .any(|e| e.starts_with("proc") || e.starts_with("etc/hosts")),
        "{last:?}"
    );
    // umoci, the OCI reference tool, unpacks the same result from the store.
    require("umoci");
    let bundle = env.path("bundle");
    sh(Command::new("umoci")
        .args([
            "unpack",
            "--image",
            &format!("{}:latest", env.data_root().join("content").display()),
            bundle.to_str().unwrap(),
        ])
        .env("TMPDIR", env.path("")));
    let rootfs = bundle.join("rootfs");
    assert_eq!(
        std::fs::read_to_string(rootfs.join("d/keep")).unwrap(),
        "one\ntwo\n"
    );
    assert!(!rootfs.join("d/gone").exists());
    assert!(!rootfs.join("d/sub/f").exists());
    assert!(rootfs.join("d/sub/g").exists());
    assert!(std::fs::symlink_metadata(rootfs.join("bin/vi")).is_err());

    // -o: the same file system written out, as a directory and as tars.
    let dir = env.path("out-dir");
    build(&env, &["-q", "-o", dir.to_str().unwrap(), &ctx]);
    assert_eq!(
        std::fs::read_to_string(dir.join("d/keep")).unwrap(),
        "one\ntwo\n"
    );
    assert!(!dir.join("d/gone").exists() && !dir.join("d/sub/f").exists());
    let tarfile = env.path("out.tar");
    build(
        &env,
        &[
            "-q",
            "-o",
            &format!("type=tar,dest={}", tarfile.display()),
            &ctx,
        ],
    );
    let listing = sh(Command::new("tar").arg("-tf").arg(&tarfile));
    assert!(listing.lines().any(|l| l == "d/keep"), "{listing}");
    assert!(
        !listing
            .lines()
            .any(|l| l.contains("gone") || l.contains(".wh.")),
        "{listing}"
    );
    let out = env.run(&["build", "-q", "-o", "-", &ctx]);
    assert!(out.status.success());
    let piped = env.path("piped.tar");
    std::fs::write(&piped, &out.stdout).unwrap();
    assert_eq!(
        sh(Command::new("tar").arg("-tf").arg(&piped)),
        listing,
        "stdout holds the tar only"
    );
    // type=oci: the image itself, as save writes it; skopeo reads it.
    let oci = env.path("img.tar");
    build(
        &env,
        &[
            "-q",
            "-t",
            "oci-out",
            "-o",
            &format!("type=oci,dest={}", oci.display()),
            &ctx,
        ],
    );
    require("skopeo");
    let cfg = json(&sh(Command::new("skopeo").args([
        "inspect",
        "--config",
        &format!("oci-archive:{}", oci.display()),
    ])));
    assert_eq!(
        cfg["rootfs"]["diff_ids"].as_array().unwrap().len(),
        3,
        "{cfg}"
    );
    let err = build_fails(&env, &["-o", "type=registry,dest=x", &ctx]);
    assert!(err.contains("type=registry"), "{err}");
}

#[test]
fn multi_stage_copies_between_stages_and_builds_only_what_the_target_needs() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[(
            "Dockerfile",
            &format!(
                "FROM {BASE} AS build\n\
                 RUN mkdir -p /out/bin && echo artifact > /out/bin/tool && chmod 755 /out/bin/tool && chown 7:8 /out/bin/tool\n\
                 FROM {BASE} AS broken\n\
                 RUN exit 3\n\
                 FROM build AS more\n\
                 RUN echo more > /out/more\n\
                 FROM {BASE}\n\
                 COPY --from=build /out/ /app/\n\
                 COPY --from=2 /out/more /app/more.txt\n\
                 COPY --from={BASE} /etc/passwd /copied-passwd\n"
            ),
        )],
    );
    let progress = build(&env, &["-t", "multi", &ctx]);
    assert!(
        !progress.contains("exit 3"),
        "the unused stage ran:\n{progress}"
    );
    assert!(progress.contains("[build 2/2] RUN"), "{progress}");
    let out = run_in(
        &env,
        "multi",
        "cat /app/bin/tool /app/more.txt; stat -c '%u:%g %a' /app/bin/tool; test -e /out || echo no-out; head -c 5 /copied-passwd",
    );
    assert_eq!(out, "artifact\nmore\n7:8 755\nno-out\nroot:");
    // --target stops at that stage.
    build(&env, &["-t", "only-build", "--target", "build", &ctx]);
    assert_eq!(
        run_in(&env, "only-build", "cat /out/bin/tool"),
        "artifact\n"
    );
    // The broken stage fails when it is the target.
    let err = build_fails(&env, &["--target", "broken", &ctx]);
    assert!(
        err.contains("Dockerfile:4") && err.contains("exit code: 3"),
        "{err}"
    );
}

#[test]
fn args_env_user_and_workdir() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[(
            "Dockerfile",
            &format!(
                "ARG BASE_IMAGE={BASE}\n\
                 FROM $BASE_IMAGE\n\
                 ARG VERSION=1.0\n\
                 ARG FLAVOUR\n\
                 ENV APP_HOME=/srv/app \\\n    \
                     GREETING=\"hello ${{VERSION}}\"\n\
                 LABEL org.example.version=$VERSION\n\
                 RUN echo \"$VERSION-$FLAVOUR\" > /arg.txt && echo 'app:x:1000:1000::/home/app:/bin/sh' >> /etc/passwd\n\
                 WORKDIR $APP_HOME\n\
                 WORKDIR data\n\
                 RUN echo \"$GREETING\" > greeting && chown 1000 .\n\
                 USER app\n\
                 RUN id -u > /tmp/uid && pwd > /tmp/pwd && touch mine\n\
                 EXPOSE 8080 53/udp\n\
                 STOPSIGNAL SIGINT\n\
                 HEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost:8080\n\
                 ENTRYPOINT [\"sh\",\"-c\"]\n\
                 CMD [\"cat greeting\"]\n"
            ),
        )],
    );
    build(
        &env,
        &[
            "-t",
            "args",
            "--build-arg",
            "FLAVOUR=blue",
            "--build-arg",
            "UNUSED=1",
            &ctx,
        ],
    );
    assert_eq!(env.ok(&["run", "--rm", "args"]), "hello 1.0\n");
    let out = env.ok(&[
        "run",
        "--rm",
        "args",
        "cat /arg.txt /tmp/uid /tmp/pwd; stat -c %U mine; echo $APP_HOME; echo ${VERSION:-unset}",
    ]);
    assert_eq!(out, "1.0-blue\n1000\n/srv/app/data\napp\n/srv/app\nunset\n");
    // History as BuildKit writes it: an ARG row, words expanded, a RUN's
    // build arguments before its command.
    let history = env.ok(&[
        "history",
        "--no-trunc",
        "--format",
        "{{.CreatedBy}}",
        "args",
    ]);
    let rows: Vec<&str> = history.lines().rev().skip(1).collect();
    assert_eq!(
        rows[..5],
        [
            "ARG VERSION=1.0",
            "ARG FLAVOUR",
            "ENV APP_HOME=/srv/app GREETING=hello 1.0",
            "LABEL org.example.version=1.0",
            "RUN |2 VERSION=1.0 FLAVOUR=blue /bin/sh -c echo \"$VERSION-$FLAVOUR\" > /arg.txt && echo 'app:x:1000:1000::/home/app:/bin/sh' >> /etc/passwd # buildkit",
        ],
        "{history}"
    );
    for row in [
        "EXPOSE map[53/udp:{} 8080/tcp:{}]",
        "STOPSIGNAL SIGINT",
        "ENTRYPOINT [\"sh\" \"-c\"]",
        "CMD [\"cat greeting\"]",
        "WORKDIR /srv/app/data",
    ] {
        assert!(rows.contains(&row), "{row} not in {history}");
    }
    let cfg = config(&env, "args");
    let c = &cfg["config"];
    assert_eq!(c["User"], "app");
    assert_eq!(c["WorkingDir"], "/srv/app/data");
    assert_eq!(c["Labels"]["org.example.version"], "1.0");
    assert_eq!(
        c["ExposedPorts"],
        serde_json::json!({"8080/tcp": {}, "53/udp": {}})
    );
    assert_eq!(c["StopSignal"], "SIGINT");
    assert_eq!(
        c["Healthcheck"]["Test"],
        serde_json::json!(["CMD-SHELL", "wget -q localhost:8080"])
    );
    assert_eq!(c["Healthcheck"]["Interval"], 5_000_000_000i64);
    assert_eq!(c["Healthcheck"]["Retries"], 2);
    let envs: Vec<&str> = c["Env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(envs.contains(&"GREETING=hello 1.0"), "{envs:?}");
    assert!(
        !envs.iter().any(|e| e.starts_with("VERSION=")),
        "ARGs are not kept: {envs:?}"
    );
    // History like docker's: one entry per instruction, config-only ones empty.
    let history = cfg["history"].as_array().unwrap();
    assert!(history.iter().any(|h| {
        h["created_by"]
            .as_str()
            .unwrap()
            .starts_with("RUN |2 VERSION=1.0 FLAVOUR=blue /bin/sh -c echo")
    }));
    assert!(
        history
            .iter()
            .any(|h| h["created_by"] == "ENTRYPOINT [\"sh\" \"-c\"]" && h["empty_layer"] == true)
    );
    let non_empty = history.iter().filter(|h| h["empty_layer"] != true).count();
    assert_eq!(
        non_empty,
        cfg["rootfs"]["diff_ids"].as_array().unwrap().len()
    );
}

#[test]
fn dockerignore_copy_add_chown_and_the_context_boundary() {
    let env = with_busybox();
    let tar_bytes = one_file_tar("inner/file.txt", b"inner\n");
    let ctx = context(
        &env,
        "ctx",
        &[
            (
                "Dockerfile",
                &format!(
                    "FROM {BASE}\n\
                     COPY --chown=1:2 src/ /app/\n\
                     COPY *.md notes/ /docs/\n\
                     ADD bundle.tar /unpacked/\n\
                     COPY --chmod=600 plain.txt /plain\n"
                ),
            ),
            ("src/main.sh", "echo main\n"),
            ("src/debug.log", "noise\n"),
            ("src/keep.log", "kept\n"),
            ("README.md", "readme\n"),
            ("notes/a.txt", "a\n"),
            ("secret.key", "s3cr3t\n"),
            ("plain.txt", "plain\n"),
            (
                ".dockerignore",
                "# ignore\n**/*.log\n!src/keep.log\nsecret.key\n",
            ),
        ],
    );
    std::fs::write(Path::new(&ctx).join("bundle.tar"), &tar_bytes).unwrap();
    build(&env, &["-t", "files", &ctx]);
    let out = run_in(
        &env,
        "files",
        "ls /app; stat -c '%u:%g' /app/main.sh; ls /docs; cat /unpacked/inner/file.txt; stat -c %a /plain; ls / | grep -c secret || true",
    );
    assert_eq!(
        out,
        "keep.log\nmain.sh\n1:2\nREADME.md\na.txt\ninner\n600\n0\n"
    );
    // An ignored file is not in the context, even when named.
    let df = Path::new(&ctx).join("Dockerfile.ignored");
    std::fs::write(&df, format!("FROM {BASE}\nCOPY secret.key /\n")).unwrap();
    let err = build_fails(&env, &["-f", df.to_str().unwrap(), &ctx]);
    assert!(
        err.contains("Dockerfile.ignored:2") && err.contains("not found"),
        "{err}"
    );
    // Nor through a link to it (BuildKit: the link dangles, "not found"),
    // by name, by pattern, or inside a directory copied whole.
    std::os::unix::fs::symlink("secret.key", Path::new(&ctx).join("to-secret")).unwrap();
    std::os::unix::fs::symlink("../secret.key", Path::new(&ctx).join("notes/up")).unwrap();
    std::fs::write(&df, format!("FROM {BASE}\nCOPY to-secret /h\n")).unwrap();
    let err = build_fails(&env, &["-f", df.to_str().unwrap(), &ctx]);
    assert!(err.contains("not found"), "{err}");
    std::fs::write(&df, format!("FROM {BASE}\nCOPY to-* /d/\n")).unwrap();
    let err = build_fails(&env, &["-f", df.to_str().unwrap(), &ctx]);
    assert!(err.contains("matches nothing"), "{err}");
    std::fs::write(&df, format!("FROM {BASE}\nCOPY notes /notes\n")).unwrap();
    build(&env, &["-t", "linked", "-f", df.to_str().unwrap(), &ctx]);
    let out = run_in(
        &env,
        "linked",
        "cat /notes/up 2>/dev/null; grep -rl s3cr3t /notes /bin 2>/dev/null; echo end",
    );
    assert_eq!(out, "end\n");
    std::fs::remove_file(Path::new(&ctx).join("notes/up")).unwrap();
    // Nothing outside the context can be copied.
    std::fs::write(env.path("outside"), "x").unwrap();
    std::fs::write(&df, format!("FROM {BASE}\n\nCOPY ../outside /x\n")).unwrap();
    let err = build_fails(&env, &["-f", df.to_str().unwrap(), &ctx]);
    assert!(
        err.contains("Dockerfile.ignored:3") && err.contains("outside the build context"),
        "{err}"
    );
    // A symlink in the context stays inside it too.
    std::os::unix::fs::symlink("/etc/shadow", Path::new(&ctx).join("link")).unwrap();
    std::fs::write(&df, format!("FROM {BASE}\nCOPY link /x\n")).unwrap();
    let err = build_fails(&env, &["-f", df.to_str().unwrap(), &ctx]);
    assert!(err.contains("not found"), "{err}");
}

/// The random id a RUN step wrote: equal ids mean the step did not run again.
fn stamp(env: &Env, image: &str) -> String {
    run_in(env, image, "cat /stamp /after")
}

#[test]
fn the_cache_skips_unchanged_steps_and_reruns_what_follows_a_change() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[
            (
                "Dockerfile",
                &format!(
                    "FROM {BASE}\n\
                     RUN cat /proc/sys/kernel/random/uuid > /stamp\n\
                     COPY input.txt /input.txt\n\
                     RUN cat /proc/sys/kernel/random/uuid > /after\n"
                ),
            ),
            ("input.txt", "v1\n"),
        ],
    );
    build(&env, &["-t", "cached:1", &ctx]);
    let first = stamp(&env, "cached:1");
    let progress = build(&env, &["-t", "cached:2", &ctx]);
    assert_eq!(progress.matches("CACHED").count(), 3, "{progress}");
    assert_eq!(
        stamp(&env, "cached:2"),
        first,
        "a cached RUN step ran again"
    );
    assert_eq!(
        layer_digests(&env, "cached:1"),
        layer_digests(&env, "cached:2")
    );
    // system df -v lists the cached steps, used once each by the second
    // build; the layers the RUN steps made are shared with the images.
    let listed = env.ok(&[
        "system",
        "df",
        "-v",
        "--format",
        "{{range .BuildCache}}{{.CacheType}} {{.UsageCount}} {{.Shared}}\n{{end}}",
    ]);
    let rows: Vec<&str> = listed.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 3, "{listed}");
    assert!(rows.iter().all(|r| r.starts_with("regular 1 ")), "{listed}");
    assert!(rows.iter().any(|r| r.ends_with("true")), "{listed}");
    let table = env.ok(&["system", "df", "-v"]);
    assert!(
        table.contains("Build cache usage: ")
            && !table.contains("Build cache usage: 0B")
            && table.contains("CACHE TYPE"),
        "{table}"
    );
    // Image garbage collection keeps the cache.
    env.ok(&["rmi", "cached:1", "cached:2"]);
    build(&env, &["-t", "cached:3", &ctx]);
    assert_eq!(stamp(&env, "cached:3"), first);
    // A changed input re-runs only what follows it.
    std::fs::write(Path::new(&ctx).join("input.txt"), "v2\n").unwrap();
    build(&env, &["-t", "cached:4", &ctx]);
    let changed = stamp(&env, "cached:4");
    assert_eq!(changed.lines().next(), first.lines().next());
    assert_ne!(changed.lines().nth(1), first.lines().nth(1));
    // --no-cache runs everything.
    build(&env, &["-t", "cached:5", "--no-cache", &ctx]);
    let fresh = stamp(&env, "cached:5");
    assert_ne!(fresh.lines().next(), first.lines().next());
    // builder prune empties the cache.
    let out = env.ok(&["builder", "prune", "-f"]);
    assert!(out.contains("Deleted build cache objects"), "{out}");
    let progress = build(&env, &["-t", "cached:6", &ctx]);
    assert!(!progress.contains("CACHED"), "{progress}");
}

#[test]
fn same_inputs_give_the_same_image_with_source_date_epoch() {
    let mut digests = Vec::new();
    for _ in 0..2 {
        let env = with_busybox();
        let ctx = context(
            &env,
            "ctx",
            &[
                (
                    "Dockerfile",
                    &format!(
                        "FROM {BASE}\nCOPY f /f\nRUN echo built > /built && mkdir -p /var/x\nCMD [\"cat\",\"/f\"]\n"
                    ),
                ),
                ("f", "content\n"),
            ],
        );
        let out = env
            .cmd(&["build", "-q", "-t", "repro", &ctx])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        digests.push(String::from_utf8(out.stdout).unwrap());
        // Different mtimes for the next round's context: clamped away.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert_eq!(digests[0], digests[1]);
}

#[test]
fn refusals_point_at_the_dockerfile_line_and_tag_nothing() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[("Dockerfile", &format!("FROM {BASE}\n# c\nFOO bar\n"))],
    );
    let err = build_fails(&env, &["-t", "bad", &ctx]);
    assert!(
        err.contains("Dockerfile:3") && err.contains("unknown instruction: FOO"),
        "{err}"
    );
    assert!(err.contains(">>> FOO bar"), "{err}");

    std::fs::write(
        Path::new(&ctx).join("Dockerfile"),
        "FROM localhost/no-such-image:1\n",
    )
    .unwrap();
    let err = build_fails(&env, &["-t", "bad", &ctx]);
    assert!(
        err.contains("Dockerfile:1") && err.contains("localhost/no-such-image"),
        "{err}"
    );

    std::fs::write(
        Path::new(&ctx).join("Dockerfile"),
        format!("FROM {BASE}\nRUN echo partial > /p\nRUN echo about to fail && exit 7\n"),
    )
    .unwrap();
    let err = build_fails(&env, &["-t", "bad", &ctx]);
    assert!(
        err.contains("Dockerfile:3") && err.contains("exit code: 7"),
        "{err}"
    );
    assert!(
        err.contains("about to fail"),
        "the step's output is shown: {err}"
    );
    assert_eq!(env.image_names(), vec![BASE.to_string()]);
    // No container, mount or build directory is left behind.
    let containers = std::fs::read_dir(env.data_root().join("containers"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(containers, 0);
    let build_dirs = std::fs::read_dir(env.data_root().join("build"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(build_dirs, 0);
    assert!(
        !std::fs::read_to_string("/proc/mounts")
            .unwrap()
            .contains(env.data_root().to_str().unwrap())
    );
}

#[test]
fn built_images_push_pull_and_run_and_bases_are_verified() {
    let reg = Registry::start();
    let env = with_busybox();
    let pw = "build-test";
    let prefix = env.path("cosign");
    let out = env
        .cmd(&[
            "key",
            "generate",
            "--output-key-prefix",
            prefix.to_str().unwrap(),
        ])
        .env("COSIGN_PASSWORD", pw)
        .output()
        .unwrap();
    assert!(out.status.success());
    let (key, public) = (
        format!("{}.key", prefix.display()),
        format!("{}.pub", prefix.display()),
    );
    // A signed base and an unsigned one in the registry.
    let signed = format!("{}/base/signed:1", reg.host());
    let unsigned = format!("{}/base/unsigned:1", reg.host());
    env.ok(&["tag", BASE, &signed]);
    env.ok(&["tag", BASE, &unsigned]);
    let out = env
        .cmd(&["push", "-q", "--sign=cosign", "--cosign-key", &key, &signed])
        .env("COSIGN_PASSWORD", pw)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.ok(&["push", "-q", &unsigned]);

    let ctx = context(
        &env,
        "ctx",
        &[(
            "Dockerfile",
            &format!("FROM {signed}\nRUN echo built > /built\nCMD [\"cat\",\"/built\"]\n"),
        )],
    );
    let app = format!("{}/app/built:1", reg.host());
    build(
        &env,
        &["-t", &app, "--verify=cosign", "--cosign-key", &public, &ctx],
    );

    // Every base is verified: a later FROM, and an image COPY --from names.
    for df in [
        format!("FROM {signed} AS a\nFROM {unsigned}\nCOPY --from=a /bin/busybox /bb\n"),
        format!("FROM {signed}\nCOPY --from={unsigned} /bin/busybox /bb\n"),
    ] {
        std::fs::write(Path::new(&ctx).join("Dockerfile"), df).unwrap();
        let err = build_fails(
            &env,
            &[
                "-t",
                "refused",
                "--verify=cosign",
                "--cosign-key",
                &public,
                &ctx,
            ],
        );
        assert!(
            err.contains("Dockerfile:2") && err.contains("signature"),
            "{err}"
        );
        assert!(!env.image_names().iter().any(|n| n.contains("refused")));
    }

    // The built image goes through the registry and runs elsewhere.
    env.ok(&["push", "-q", &app]);
    let other = Env::new();
    other.ok(&["pull", "-q", &app]);
    assert_eq!(other.ok(&["run", "--rm", &app]), "built\n");
    let mut got = Vec::new();
    std::fs::File::open(
        reg.blob_file(
            manifest(&env, &app)["layers"]
                .as_array()
                .unwrap()
                .last()
                .unwrap()["digest"]
                .as_str()
                .unwrap()
                .trim_start_matches("sha256:"),
        ),
    )
    .unwrap()
    .read_to_end(&mut got)
    .unwrap();
    assert!(!got.is_empty());
}

#[test]
fn an_interrupted_build_leaves_nothing_behind_the_next_one() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "ctx",
        &[(
            "Dockerfile",
            &format!("FROM {BASE}\nRUN echo started && sleep 60\n"),
        )],
    );
    let log = std::fs::File::create(env.path("progress")).unwrap();
    let mut child = env
        .cmd(&["build", "-t", "slow", &ctx])
        .stderr(log)
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !std::fs::read_to_string(env.path("progress"))
        .unwrap()
        .contains("started")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the RUN step never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::write(
        Path::new(&ctx).join("Dockerfile"),
        format!("FROM {BASE}\nRUN true\n"),
    )
    .unwrap();
    build(&env, &["-t", "next", &ctx]);
    assert_eq!(env.ok(&["ps", "-a", "-q"]), "", "a step container was left");
    let build_dirs = std::fs::read_dir(env.data_root().join("build"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(build_dirs, 0);
    let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
    let root = env.data_root().to_str().unwrap().to_string();
    let left: Vec<&str> = mounts.lines().filter(|l| l.contains(&root)).collect();
    assert!(left.is_empty(), "mounts left: {left:?}");
    assert!(!env.image_names().iter().any(|n| n.contains("slow")));
}

#[test]
fn heredocs_in_run_copy_and_add() {
    let env = with_busybox();
    let dockerfile = format!(
        "FROM {BASE}\n\
         ARG WHO=world\n\
         RUN <<EOF\n\
         set -e\n\
         echo \"one $WHO\" > /one\n\
         mkdir -p /d\n\
         EOF\n\
         RUN <<EOF\n\
         #!/bin/sh\n\
         echo \"script $0 $WHO\" > /two\n\
         EOF\n\
         RUN cat <<A > /three && cat <<-B >> /three\n\
         alpha $WHO\n\
         A\n\
         \t\tbeta\n\
         \tB\n\
         COPY <<EOF /etc/greeting\n\
         hello ${{WHO}}, don't \"quote\" \\$WHO\n\
         EOF\n\
         COPY --chmod=0600 <<'RAW' <<robots.txt /d/\n\
         $WHO stays\n\
         RAW\n\
         User-agent: *\n\
         robots.txt\n\
         ADD <<EOF /added\n\
         not an archive\n\
         EOF\n"
    );
    let ctx = context(&env, "ctx", &[("Dockerfile", &dockerfile)]);
    build(
        &env,
        &["-t", "localhost/heredoc:1", "--build-arg", "WHO=you", &ctx],
    );
    let out = run_in(
        &env,
        "localhost/heredoc:1",
        "cat /one /two /three /etc/greeting /d/RAW /d/robots.txt /added; \
         stat -c '%a %Y %n' /etc/greeting /d/RAW",
    );
    assert_eq!(
        out,
        "one you\n\
         script /dev/pipes/EOF you\n\
         alpha you\n\
         beta\n\
         hello you, don't \"quote\" $WHO\n\
         $WHO stays\n\
         User-agent: *\n\
         not an archive\n\
         644 0 /etc/greeting\n\
         600 0 /d/RAW\n"
    );
    // The script was mounted for its step, never written into a layer.
    for digest in layer_digests(&env, "localhost/heredoc:1") {
        let entries = layer_entries(&env, &digest);
        assert!(!entries.iter().any(|e| e.contains("pipes")), "{entries:?}");
    }
    // The same heredocs hit the cache; a changed one re-runs its step.
    let progress = build(
        &env,
        &["-t", "localhost/heredoc:2", "--build-arg", "WHO=you", &ctx],
    );
    assert_eq!(progress.matches(" CACHED").count(), 6, "{progress}");
    assert_eq!(
        layer_digests(&env, "localhost/heredoc:1"),
        layer_digests(&env, "localhost/heredoc:2")
    );
    std::fs::write(
        Path::new(&ctx).join("Dockerfile"),
        dockerfile.replace("not an archive", "changed"),
    )
    .unwrap();
    build(
        &env,
        &["-t", "localhost/heredoc:3", "--build-arg", "WHO=you", &ctx],
    );
    let (a, b) = (
        layer_digests(&env, "localhost/heredoc:1"),
        layer_digests(&env, "localhost/heredoc:3"),
    );
    assert_eq!(a[..a.len() - 1], b[..b.len() - 1]);
    assert_ne!(a.last(), b.last());

    // Refusals: an unterminated heredoc (at its instruction's line), a
    // heredoc as COPY's destination, a script that fails.
    for (text, line, why) in [
        ("RUN <<EOF\necho never ends\n", 2, "unterminated heredoc"),
        ("COPY /x <<EOF\nEOF\n", 2, "destination cannot be a heredoc"),
        ("RUN <<EOF\n#!/bin/sh\nexit 9\nEOF\n", 2, "exit code: 9"),
    ] {
        std::fs::write(
            Path::new(&ctx).join("Dockerfile"),
            format!("FROM {BASE}\n{text}"),
        )
        .unwrap();
        let err = build_fails(&env, &["-t", "localhost/heredoc:bad", &ctx]);
        assert!(
            err.contains(&format!("Dockerfile:{line}")) && err.contains(why),
            "{err}"
        );
    }
    assert!(
        !env.image_names()
            .contains(&"localhost/heredoc:bad".to_string())
    );
}

#[test]
fn run_mounts_bind_cache_tmpfs_and_secrets() {
    let env = with_busybox();
    let dockerfile = format!(
        "FROM {BASE} AS tools\n\
         RUN mkdir -p /opt/tool && echo 'tool v1' > /opt/tool/version\n\
         FROM {BASE}\n\
         RUN --mount=type=bind,target=/ctx cat /ctx/data/input.txt > /from-context \
             && (touch /ctx/x 2>/dev/null && echo writable || echo read-only) > /ctx-ro \
             && ls /ctx/data > /ctx-list\n\
         RUN --mount=type=bind,source=data,target=/d,rw echo scribble > /d/input.txt && cat /d/input.txt > /rw-saw\n\
         RUN --mount=type=bind,from=tools,source=/opt/tool,target=/t cat /t/version > /tool-version\n\
         RUN --mount=type=cache,target=/var/cache/app,id=appcache echo run >> /var/cache/app/runs \
             && wc -l < /var/cache/app/runs > /cache-count\n\
         RUN --mount=type=tmpfs,target=/scratch,size=1m df -k /scratch | tail -1 | awk '{{print $2}}' > /tmpfs-size\n\
         RUN --mount=type=secret,id=token,mode=0440,uid=7 stat -c '%a %u' /run/secrets/token > /secret-stat \
             && wc -c < /run/secrets/token > /secret-len\n\
         RUN --mount=type=secret,id=absent test ! -e /run/secrets/absent\n"
    );
    let ctx = context(
        &env,
        "ctx",
        &[
            ("Dockerfile", &dockerfile),
            (".dockerignore", "data/ignored.txt\n"),
            ("data/input.txt", "input\n"),
            ("data/ignored.txt", "ignored\n"),
        ],
    );
    let secret_value = "s3cr3t-7f1d2c9e-never-stored";
    let secret_file = env.path("token");
    std::fs::write(&secret_file, secret_value).unwrap();
    let secret = format!("id=token,src={}", secret_file.display());
    build(
        &env,
        &["-t", "localhost/mounts:1", "--secret", &secret, &ctx],
    );
    let out = run_in(
        &env,
        "localhost/mounts:1",
        "cat /from-context /ctx-ro /ctx-list /rw-saw /tool-version /cache-count /tmpfs-size \
         /secret-stat /secret-len",
    );
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "input",
            "read-only",
            "input.txt",
            "scribble",
            "tool v1",
            "1",
            "1024",
            "440 7",
            &secret_value.len().to_string()
        ]
    );
    // The context itself was never written to.
    assert_eq!(
        std::fs::read_to_string(Path::new(&ctx).join("data/input.txt")).unwrap(),
        "input\n"
    );
    // Mount points and mounted content stay out of the layers.
    for digest in layer_digests(&env, "localhost/mounts:1").iter().skip(1) {
        for e in layer_entries(&env, digest) {
            let e = e.trim_start_matches("./");
            let e = e.trim_end_matches('/');
            for mp in ["ctx", "d", "t", "var/cache", "scratch", "run/secrets"] {
                assert!(
                    e != mp && !e.starts_with(&format!("{mp}/")),
                    "{e} in a layer"
                );
            }
        }
    }
    // The secret's value is nowhere under the data root (layers, configs,
    // cache keys, container state).
    let found = Command::new("grep")
        .args(["-rl", secret_value])
        .arg(env.data_root())
        .output()
        .unwrap();
    assert!(
        found.stdout.is_empty(),
        "secret found in {}",
        String::from_utf8_lossy(&found.stdout)
    );

    // Unchanged: all cached. The cache mount outlives the build: --no-cache
    // re-runs the step, which sees the first run's file.
    let progress = build(
        &env,
        &["-t", "localhost/mounts:2", "--secret", &secret, &ctx],
    );
    assert_eq!(progress.matches(" CACHED").count(), 8, "{progress}");
    build(
        &env,
        &[
            "-t",
            "localhost/mounts:3",
            "--no-cache",
            "--secret",
            &secret,
            &ctx,
        ],
    );
    assert_eq!(
        run_in(&env, "localhost/mounts:3", "cat /cache-count").trim(),
        "2"
    );
    // What a bind mount of the context shows is part of the step's key; an
    // ignored file is not.
    std::fs::write(Path::new(&ctx).join("data/ignored.txt"), "changed\n").unwrap();
    let progress = build(
        &env,
        &["-t", "localhost/mounts:4", "--secret", &secret, &ctx],
    );
    assert_eq!(progress.matches(" CACHED").count(), 8, "{progress}");
    std::fs::write(Path::new(&ctx).join("data/input.txt"), "input 2\n").unwrap();
    build(
        &env,
        &["-t", "localhost/mounts:5", "--secret", &secret, &ctx],
    );
    assert_eq!(
        run_in(&env, "localhost/mounts:5", "cat /from-context").trim(),
        "input 2"
    );
    // builder prune also drops the cache mounts.
    let pruned = env.ok(&["builder", "prune", "-f"]);
    assert!(pruned.contains("Deleted build cache objects"), "{pruned}");
    assert_eq!(
        std::fs::read_dir(env.data_root().join("build-cache-mounts"))
            .map(|d| d.filter(|e| e.as_ref().unwrap().path().is_dir()).count())
            .unwrap_or(0),
        0
    );

    // Without a .dockerignore the context is mounted as it is: read-only.
    let plain = context(
        &env,
        "plain",
        &[(
            "Dockerfile",
            &format!(
                "FROM {BASE}\nRUN --mount=target=/ctx (touch /ctx/x 2>/dev/null && echo writable || echo read-only) > /r\n"
            ),
        )],
    );
    build(&env, &["-t", "localhost/mounts:plain", &plain]);
    assert_eq!(
        run_in(&env, "localhost/mounts:plain", "cat /r"),
        "read-only\n"
    );
    assert!(!Path::new(&plain).join("x").exists());

    // Refusals, at the line: a required secret not given, ssh, a bad option.
    for (text, why) in [
        (
            "RUN --mount=type=secret,id=missing,required true",
            "secret missing is required",
        ),
        ("RUN --mount=type=ssh true", "type=ssh is not supported"),
        (
            "RUN --mount=type=cache,target=/c,colour=red true",
            "unknown option",
        ),
        (
            "RUN --mount=type=bind,target=/x,source=../.. true",
            "outside",
        ),
    ] {
        std::fs::write(
            Path::new(&ctx).join("Dockerfile"),
            format!("FROM {BASE}\n{text}\n"),
        )
        .unwrap();
        let err = build_fails(&env, &["-t", "localhost/mounts:bad", &ctx]);
        assert!(err.contains("Dockerfile:2") && err.contains(why), "{err}");
    }
    assert!(
        !env.image_names()
            .contains(&"localhost/mounts:bad".to_string())
    );
}

#[test]
fn add_extracts_tar_archives_in_every_compression() {
    let env = with_busybox();
    let plain = one_file_tar("inner/file.txt", b"inner\n");
    let kinds = ["gzip", "zstd", "bzip2", "xz"];
    let mut dockerfile = format!("FROM {BASE}\n");
    for k in kinds {
        dockerfile.push_str(&format!("ADD bundle.tar.{k} /{k}/\n"));
    }
    // Compressed, but no tar inside: copied as it is.
    dockerfile.push_str("ADD notes.zst /notes.zst\n");
    let ctx = context(&env, "ctx", &[("Dockerfile", &dockerfile)]);
    for k in kinds {
        std::fs::write(
            Path::new(&ctx).join(format!("bundle.tar.{k}")),
            compress(k, &plain),
        )
        .unwrap();
    }
    let notes = compress("zstd", b"just notes, no archive\n");
    std::fs::write(Path::new(&ctx).join("notes.zst"), &notes).unwrap();
    build(&env, &["-t", "localhost/add:1", &ctx]);
    let out = run_in(
        &env,
        "localhost/add:1",
        "for k in gzip zstd bzip2 xz; do cat /$k/inner/file.txt; done; stat -c %s /notes.zst",
    );
    assert_eq!(
        out,
        format!("inner\ninner\ninner\ninner\n{}\n", notes.len())
    );
}

/// A rebuild with nothing changed is the same image; a changed step is a
/// new one. `-f -` reads the Dockerfile from standard input; several
/// platforms in one `--platform` are refused plainly.
#[test]
fn a_cached_rebuild_is_the_same_image_and_stdin_dockerfiles_work() {
    let env = with_busybox();
    let ctx = context(
        &env,
        "same",
        &[(
            "Dockerfile",
            &format!("FROM {BASE}\nRUN echo a > /a\nENV X=1\nCMD [\"cat\", \"/a\"]\n"),
        )],
    );
    let id = |env: &Env| {
        env.ok(&["build", "-q", "-t", "same:1", &ctx])
            .trim()
            .to_string()
    };
    let first = id(&env);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(id(&env), first, "a fully cached build made another image");
    std::fs::write(
        Path::new(&ctx).join("Dockerfile"),
        format!("FROM {BASE}\nRUN echo b > /a\nENV X=1\nCMD [\"cat\", \"/a\"]\n"),
    )
    .unwrap();
    assert_ne!(id(&env), first);
    let (code, out) = env.with_input(
        &["build", "-q", "-t", "stdin:1", "-f", "-", &ctx],
        format!("FROM {BASE}\nCMD [\"echo\", \"from-stdin\"]\n").as_bytes(),
    );
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(env.ok(&["run", "--rm", "stdin:1"]).trim(), "from-stdin");
    // `build -`: a Dockerfile alone (an empty context) ...
    let (code, out) = env.with_input(
        &["build", "-q", "-t", "stdin:2", "-"],
        format!("FROM {BASE}\nCOPY . /ctx/\nCMD [\"ls\", \"-A\", \"/ctx\"]\n").as_bytes(),
    );
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        env.ok(&["run", "--rm", "stdin:2"]),
        "",
        "the context is empty"
    );
    // ... or a compressed tar of the context, -f inside it.
    let tar = sh(Command::new("sh").args([
        "-c",
        &format!("cd {ctx} && printf 'FROM {BASE}\\nCOPY msg /\\nCMD [\"cat\", \"/msg\"]\\n' > Other.df && echo from-tar > msg && tar -czf - Other.df msg | base64 -w0"),
    ]));
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(tar.trim())
        .unwrap();
    let (code, out) = env.with_input(
        &["build", "-q", "-t", "stdin:3", "-f", "Other.df", "-"],
        &bytes,
    );
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(env.ok(&["run", "--rm", "stdin:3"]).trim(), "from-tar");
    let (code, _) = env.with_input(&["build", "-f", "-", "-"], b"FROM scratch\n");
    assert_eq!(code, Some(1), "standard input cannot be both");
    let err = env.fails(&[
        "build",
        "--platform",
        "linux/amd64,linux/arm64",
        "-t",
        "x",
        &ctx,
    ]);
    assert!(
        err.contains("one build makes one platform's image"),
        "{err}"
    );
}

/// Long Dockerfiles build in linear time: 16 000 LABEL lines took 31 s
/// and 8 000 ENV lines 24 s (each step hashed the whole configuration and
/// remade every variable). A variable set again keeps its place in `Env`,
/// as docker keeps it.
#[test]
fn long_dockerfiles_build_in_linear_time() {
    let env = with_busybox();
    let n = 40_000;
    let mut labels = format!("FROM {BASE}\n");
    let mut envs = format!("FROM {BASE}\n");
    for i in 0..n {
        labels.push_str(&format!("LABEL k{i}=v{i}\n"));
        envs.push_str(&format!("ENV k{i}=v{i}\n"));
    }
    envs.push_str("ENV k0=again K=$k39999\n");
    let ctx = context(
        &env,
        "long",
        &[("Dockerfile.labels", &labels), ("Dockerfile.env", &envs)],
    );
    for (file, tag) in [
        ("Dockerfile.labels", "long:labels"),
        ("Dockerfile.env", "long:env"),
    ] {
        let started = std::time::Instant::now();
        let df = Path::new(&ctx).join(file);
        build(&env, &["-q", "-t", tag, "-f", df.to_str().unwrap(), &ctx]);
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(30),
            "{file}: {took:?}"
        );
        eprintln!("{file}: {n} lines built in {took:?}");
    }
    let labels = config(&env, "long:labels");
    assert_eq!(labels["config"]["Labels"]["k39999"], "v39999");
    let cfg = config(&env, "long:env");
    let list: Vec<&str> = cfg["config"]["Env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let k0 = list.iter().position(|e| e.starts_with("k0=")).unwrap();
    assert_eq!(list[k0], "k0=again");
    assert_eq!(list[k0 + 1], "k1=v1", "k0 kept its place");
    assert_eq!(*list.last().unwrap(), "K=v39999");
}
