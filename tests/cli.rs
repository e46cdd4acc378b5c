//! Local image commands (import, tag, rmi, save/load, prune), completions,
//! and the busybox base image from rootfs-tools.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[test]
fn completions_are_up_to_date() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(ccr_bin())
            .args(["completion", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(match shell {
                "bash" => "ccr.bash",
                "zsh" => "_ccr",
                _ => "ccr.fish",
            });
        if std::env::var_os("CCR_UPDATE_COMPLETIONS").is_some() {
            std::fs::write(&file, &out.stdout).unwrap();
        }
        let committed = std::fs::read(&file).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "{} is out of date: run `CCR_UPDATE_COMPLETIONS=1 cargo test --test cli completions`",
            file.display()
        );
    }
}

/// What a shell completes, asked through the committed scripts as bash
/// (and fish) ask: commands, and the names on this machine.
#[test]
fn completions_know_commands_and_this_machines_names() {
    let env = Env::new();
    env.import_random("example/complete:1", 3, 1_000, None);
    let bin_dir = std::path::Path::new(ccr_bin())
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let scripts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bash = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let script = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; COMP_TYPE=9; _clap_complete_ccr ccr '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            scripts.join("ccr.bash").display(),
            words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            words.len() - 1,
            line.len(),
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = Command::new("bash")
            .args(["-c", &script])
            .env("PATH", &path)
            .env("CCR_DATA_ROOT", env.data_root())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        bash("ccr sb").lines().any(|l| l == "sbom"),
        "{}",
        bash("ccr sb")
    );
    let images = bash("ccr rmi exa");
    assert_eq!(images.trim(), "example/complete:1", "{images}");
    assert!(bash("ccr image sign --ke").contains("--key"));
    // Containers, by name.
    env.busybox("localhost/busybox:complete");
    env.ok(&[
        "create",
        "--name",
        "complete-me",
        "--network",
        "none",
        "localhost/busybox:complete",
        "true",
    ]);
    assert_eq!(bash("ccr start compl").trim(), "complete-me");
    assert!(bash("ccr inspect loc").contains("localhost/busybox:complete"));
    env.ok(&["rm", "complete-me"]);
    // fish, through its own script.
    if Command::new("fish").arg("--version").output().is_ok() {
        let out = Command::new("fish")
            .args([
                "-c",
                &format!(
                    "source {}; complete -C 'ccr rmi exa'",
                    scripts.join("ccr.fish").display()
                ),
            ])
            .env("PATH", &path)
            .env("CCR_DATA_ROOT", env.data_root())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("example/complete:1"), "fish: {said}");
    } else {
        panic!("fish is not installed; run tests/setup.sh first");
    }
}

#[test]
fn tag_rmi_and_garbage_collection() {
    let a = Env::new();
    let id = a.import_random("example/one:1", 1, 10_000, None);
    a.ok(&["tag", "example/one:1", "example/one:2"]);
    a.ok(&["tag", &id[7..19], "registry.example:5000/x/y"]);
    let mut names = a.image_names();
    names.sort();
    assert_eq!(
        names,
        vec![
            "example/one:1",
            "example/one:2",
            "registry.example:5000/x/y:latest"
        ]
    );
    let blobs = a.blobs().len();
    assert_eq!(blobs, 3, "manifest, config, layer");

    // An id shared by several names needs -f.
    let err = a.fails(&["rmi", &id[7..19]]);
    assert!(err.contains("must be forced"), "{err}");
    let out = a.ok(&["rmi", "example/one:1"]);
    assert_eq!(out.trim(), "Untagged: example/one:1");
    assert_eq!(a.blobs().len(), 3, "still referenced");
    let out = a.ok(&["rmi", "-f", &id[7..19]]);
    assert!(out.contains(&format!("Deleted: {id}")), "{out}");
    assert!(a.image_names().is_empty());
    assert!(a.blobs().is_empty(), "unreferenced blobs are collected");

    let err = a.fails(&["rmi", "nope:1"]);
    assert!(err.contains("no such image: nope:1"), "{err}");
}

#[test]
fn images_output_shapes() {
    let a = Env::new();
    let id = a.import_random("example/list:7", 2, 1000, None);
    let table = a.ok(&["images"]);
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    // docker's columns.
    assert_eq!(
        header
            .split("   ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>(),
        ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"],
        "{header}"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("example/list") && row.contains(&id[7..19]),
        "{row}"
    );
    assert_eq!(a.ok(&["images", "-q"]).trim(), &id[7..19]);
    let j = json(a.ok(&["images", "--format", "json"]).trim());
    assert_eq!(j["Repository"], "example/list");
    assert_eq!(j["Tag"], "7");
    // As docker: no repository digest for an image no registry holds.
    assert_eq!(j["Digest"], "<none>");
    let digests = a.ok(&["images", "--digests"]);
    assert!(
        digests.lines().next().unwrap().contains("DIGEST") && digests.contains("<none>"),
        "{digests}"
    );
    assert!(a.ok(&["images", "--no-trunc"]).contains(&id));
    assert!(
        a.ok(&["images", "other"]).lines().count() == 1,
        "filter leaves the header only"
    );
    let err = a.fails(&["images", "--format", "{{.Nope}}"]);
    assert!(err.contains("Nope"), "{err}");
}

#[test]
fn save_and_load_round_trip_through_an_oci_archive() {
    require("umoci");
    let a = Env::new();
    let one = a.import_random("example/save:1", 3, 50_000, None);
    let two = a.import_random("example/save:2", 4, 50_000, Some("linux/arm64"));
    let archive = a.path("images.tar");
    a.ok(&[
        "save",
        "-o",
        archive.to_str().unwrap(),
        "example/save:1",
        "example/save:2",
    ]);

    // umoci reads the archive as an OCI image layout.
    let layout = a.path("layout");
    std::fs::create_dir(&layout).unwrap();
    sh(Command::new("tar").args([
        "-xf",
        archive.to_str().unwrap(),
        "-C",
        layout.to_str().unwrap(),
    ]));
    let stat =
        sh(Command::new("umoci").args(["stat", "--image", &format!("{}:1", layout.display())]));
    assert!(stat.contains("ccr import"), "{stat}");

    let b = Env::new();
    let out = b.ok(&["load", "-i", archive.to_str().unwrap()]);
    assert_eq!(
        out,
        "Loaded image: example/save:1\nLoaded image: example/save:2\n"
    );
    let digests = b.ok(&["images", "--no-trunc", "--format", "{{.Tag}} {{.ID}}"]);
    assert!(
        digests.contains(&format!("1 {one}")) && digests.contains(&format!("2 {two}")),
        "{digests}"
    );
    assert_eq!(a.blobs(), b.blobs());

    // A truncated archive loads nothing.
    let data = std::fs::read(&archive).unwrap();
    let cut = a.path("cut.tar");
    std::fs::write(&cut, &data[..data.len() / 2]).unwrap();
    let c = Env::new();
    c.fails(&["load", "-i", cut.to_str().unwrap()]);
    assert!(c.image_names().is_empty());
}

#[test]
fn import_refuses_what_is_not_a_tarball() {
    let a = Env::new();
    let junk = a.path("junk.bin");
    std::fs::write(&junk, random_bytes(9, 4096)).unwrap();
    let err = a.fails(&["import", junk.to_str().unwrap(), "example/junk"]);
    assert!(err.contains("not a tar archive"), "{err}");
    assert!(a.image_names().is_empty());
    assert!(a.blobs().is_empty());
    let err = a.fails(&[
        "import",
        "--change",
        "RUN make",
        junk.to_str().unwrap(),
        "example/junk",
    ]);
    assert!(err.contains("RUN cannot be applied"), "{err}");
}

#[test]
fn import_reads_tarballs_in_every_compression() {
    let a = Env::new();
    let plain = one_file_tar("etc/hello", b"hello\n");
    let mut diff_ids = Vec::new();
    for kind in ["gzip", "zstd", "bzip2", "xz"] {
        let file = a.path(&format!("rootfs.tar.{kind}"));
        std::fs::write(&file, compress(kind, &plain)).unwrap();
        let name = format!("example/{kind}:1");
        a.ok(&["import", file.to_str().unwrap(), &name]);
        let inspect = json(&a.ok(&["image", "inspect", &name]));
        diff_ids.push(
            inspect[0]["RootFS"]["Layers"][0]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    // The same tar stream inside, whatever wrapped it.
    let expected = format!("sha256:{}", sha256_hex(&plain));
    assert!(
        diff_ids.iter().all(|d| *d == expected),
        "{diff_ids:?} != {expected}"
    );
    // A corrupt stream is refused and leaves no image.
    let mut bad = compress("xz", &plain);
    let n = bad.len();
    bad[n / 2] ^= 0x55;
    let file = a.path("bad.tar.xz");
    std::fs::write(&file, bad).unwrap();
    a.fails(&["import", file.to_str().unwrap(), "example/bad:1"]);
    assert!(!a.image_names().contains(&"example/bad:1".to_string()));
}

#[test]
fn prune_frees_abandoned_content() {
    let a = Env::new();
    a.import_random("example/prune:1", 5, 20_000, None);
    a.import_random("example/prune:2", 6, 20_000, None);
    let out = a.ok(&["image", "prune", "-f"]);
    assert_eq!(out.trim(), "Total reclaimed space: 0B");
    assert_eq!(a.image_names().len(), 2);
    // --filter narrows what goes: images created in the last hour stay
    // with until=1h; a label no image has selects none; label! all.
    let out = a.ok(&["image", "prune", "-a", "-f", "--filter", "until=1h"]);
    assert!(!out.contains("untagged"), "{out}");
    let out = a.ok(&["image", "prune", "-a", "-f", "--filter", "label=team"]);
    assert!(!out.contains("untagged"), "{out}");
    assert_eq!(a.image_names().len(), 2);
    let err = a.fails(&["image", "prune", "-a", "-f", "--filter", "dangling=false"]);
    assert!(err.contains("use until, label or label!"), "{err}");
    let out = a.ok(&["image", "prune", "-a", "-f", "--filter", "label!=team"]);
    assert!(out.contains("untagged: example/prune:1"), "{out}");
    assert!(a.image_names().is_empty() && a.blobs().is_empty());
}

#[test]
fn busybox_base_image_from_rootfs_tools() {
    let reg = Registry::start();
    let a = Env::new();
    a.busybox("localhost/busybox:test");
    let inspect = json(&a.ok(&["image", "inspect", "localhost/busybox:test"]));
    assert_eq!(inspect[0]["Config"]["Cmd"], serde_json::json!(["sh"]));
    // The layer holds a working static busybox with its applet links.
    let manifest = inspect[0]["Manifest"]["digest"].as_str().unwrap();
    let m = json(&String::from_utf8(a.blob(&manifest[7..])).unwrap());
    let layer = m["layers"][0]["digest"].as_str().unwrap();
    let listing = sh(Command::new("tar").args([
        "-tzvf",
        a.data_root()
            .join("content/blobs/sha256")
            .join(&layer[7..])
            .to_str()
            .unwrap(),
    ]));
    assert!(listing.contains("./bin/busybox"), "{listing}");
    assert!(listing.contains("./bin/sh -> /bin/busybox"), "{listing}");
    // Reproducible: a second run gives the same image.
    a.busybox("localhost/busybox:again");
    let ids = a.ok(&["images", "-q"]);
    assert_eq!(ids.lines().count(), 1, "same content, same id: {ids}");

    let name = format!("{}/base/busybox:1", reg.host());
    a.ok(&["tag", "localhost/busybox:test", &name]);
    a.ok(&["push", &name]);
    let b = Env::new();
    b.ok(&["pull", &name]);
    assert_eq!(b.image_names(), vec![name]);
}

#[test]
fn a_reader_that_goes_away_ends_ccr_quietly() {
    // The reader has gone before ccr writes its first byte, whatever the
    // size of the output (a pipe's buffer would hide a small one).
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = Command::new(ccr_bin())
        .args(["completion", "bash"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&done.stderr);
    assert!(!err.contains("panicked"), "{err}");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        done.status.signal(),
        Some(13),
        "ended by SIGPIPE: {:?}",
        done.status
    );
}

#[test]
fn an_import_from_a_slow_pipe_has_the_digest_of_the_same_file() {
    // The same tar gives the same image whether it comes from a file in one
    // read or from a pipe that delivers it a few bytes at a time.
    let a = Env::new();
    let tarball = a.path("rootfs.tar");
    // Compressible, so that the compressor's output depends on its input.
    let mut b = tar::Builder::new(std::fs::File::create(&tarball).unwrap());
    for i in 0..40 {
        let text = format!("line {i}\n").repeat(2000);
        let mut h = tar::Header::new_gnu();
        h.set_size(text.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_cksum();
        b.append_data(&mut h, format!("f{i}"), text.as_bytes())
            .unwrap();
    }
    b.finish().unwrap();
    drop(b);
    let from_file = String::from_utf8_lossy(
        &a.cmd(&["import", tarball.to_str().unwrap(), "example/file:1"])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    assert!(from_file.starts_with("sha256:"), "{from_file}");
    let data = std::fs::read(&tarball).unwrap();
    let mut child = a
        .cmd(&["import", "-", "example/pipe:1"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for chunk in data.chunks(7919) {
            std::io::Write::write_all(&mut stdin, chunk).unwrap();
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), from_file);
}

/// The README's table of docker commands stays true: every command it
/// marks Y or partial answers `--help`, and every one marked N does not
/// exist.
#[test]
fn the_docker_command_table_is_true() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## docker commands in ccr")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has the table");
    let mut rows = 0;
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let command = cells[1].trim_matches('`');
        let status = cells[2];
        rows += 1;
        let env = Env::new();
        let out = env.run(&[command, "--help"]);
        if status.starts_with('N') {
            assert!(!out.status.success(), "{command} is marked N but exists");
        } else {
            assert!(
                status.starts_with('Y') || status.starts_with("partial"),
                "{command}: unknown status {status}"
            );
            assert!(
                out.status.success(),
                "{command} is marked {status} but has no --help"
            );
        }
    }
    assert!(rows >= 45, "the table lists {rows} commands");
}
