use super::*;

/// A tar entry written byte for byte (so hostile paths survive the builder).
struct E<'a> {
    path: &'a str,
    kind: tar::EntryType,
    link: &'a str,
    data: &'a [u8],
    mode: u32,
}

fn file<'a>(path: &'a str, data: &'a [u8]) -> E<'a> {
    E {
        path,
        kind: tar::EntryType::Regular,
        link: "",
        data,
        mode: 0o644,
    }
}
fn dir(path: &str) -> E<'_> {
    E {
        path,
        kind: tar::EntryType::Directory,
        link: "",
        data: b"",
        mode: 0o755,
    }
}
fn symlink<'a>(path: &'a str, to: &'a str) -> E<'a> {
    E {
        path,
        kind: tar::EntryType::Symlink,
        link: to,
        data: b"",
        mode: 0o777,
    }
}
fn hardlink<'a>(path: &'a str, to: &'a str) -> E<'a> {
    E {
        path,
        kind: tar::EntryType::Link,
        link: to,
        data: b"",
        mode: 0o644,
    }
}

fn tar_of(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        let mut h = tar::Header::new_gnu();
        {
            let g = h.as_gnu_mut().unwrap();
            g.name[..e.path.len()].copy_from_slice(e.path.as_bytes());
            g.linkname[..e.link.len()].copy_from_slice(e.link.as_bytes());
        }
        h.set_entry_type(e.kind);
        h.set_size(e.data.len() as u64);
        h.set_mode(e.mode);
        h.set_mtime(1_000_000);
        h.set_uid(rustix::process::geteuid().as_raw() as u64);
        h.set_gid(rustix::process::getegid().as_raw() as u64);
        h.set_cksum();
        b.append(&h, e.data).unwrap();
    }
    b.into_inner().unwrap()
}

fn apply(root: &Path, entries: &[E], w: Whiteouts) -> Result<Stats, UnpackError> {
    apply_layer(&tar_of(entries)[..], root, w, Limits::default())
}

struct Sandbox {
    _dir: tempfile::TempDir,
    root: PathBuf,
    host: PathBuf,
}

/// A root to extract into, and a "host" directory beside it that must stay untouched.
fn sandbox() -> Sandbox {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    let host = dir.path().join("host");
    fs::create_dir_all(&root).unwrap();
    fs::create_dir_all(&host).unwrap();
    fs::write(host.join("secret"), b"host data").unwrap();
    Sandbox {
        _dir: dir,
        root,
        host,
    }
}

#[test]
fn regular_content() {
    let s = sandbox();
    let stats = apply(
        &s.root,
        &[
            dir("etc/"),
            file("etc/hosts", b"127.0.0.1 x\n"),
            symlink("bin", "usr/bin"),
            hardlink("etc/hosts2", "etc/hosts"),
        ],
        Whiteouts::Apply,
    )
    .unwrap();
    assert_eq!(stats.entries, 4);
    assert_eq!(
        fs::read(s.root.join("etc/hosts2")).unwrap(),
        b"127.0.0.1 x\n"
    );
    assert_eq!(
        fs::read_link(s.root.join("bin")).unwrap(),
        Path::new("usr/bin")
    );
    let mode = fs::metadata(s.root.join("etc/hosts"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn dotdot_out_of_the_root_is_refused() {
    let s = sandbox();
    let err = apply(
        &s.root,
        &[file("../host/secret", b"pwned")],
        Whiteouts::Apply,
    )
    .unwrap_err();
    assert!(err.to_string().contains("../host/secret"), "{err}");
    assert_eq!(fs::read(s.host.join("secret")).unwrap(), b"host data");
    // Going down and back up stays inside and is fine.
    apply(&s.root, &[file("a/../b", b"ok")], Whiteouts::Apply).unwrap();
    assert_eq!(fs::read(s.root.join("b")).unwrap(), b"ok");
}

#[test]
fn writes_through_symlinks_stay_in_the_root() {
    let s = sandbox();
    let host = s.host.to_str().unwrap().to_string();
    // An absolute symlink to the host directory, then a write through it.
    apply(
        &s.root,
        &[
            symlink("evil", &host),
            file("evil/secret", b"pwned"),
            symlink("up", "../../../../.."),
            file("up/escaped", b"x"),
        ],
        Whiteouts::Apply,
    )
    .unwrap();
    assert_eq!(fs::read(s.host.join("secret")).unwrap(), b"host data");
    let rerooted =
        resolve_in_root(&s.root, &[PathBuf::from("evil"), PathBuf::from("secret")]).unwrap();
    assert!(rerooted.starts_with(&s.root));
    assert_eq!(fs::read(&rerooted).unwrap(), b"pwned");
    assert_eq!(fs::read(s.root.join("escaped")).unwrap(), b"x");
}

#[test]
fn a_symlink_in_the_way_is_replaced_not_followed() {
    let s = sandbox();
    let target = s.host.join("secret");
    apply(
        &s.root,
        &[symlink("f", target.to_str().unwrap())],
        Whiteouts::Apply,
    )
    .unwrap();
    apply(&s.root, &[file("f", b"new")], Whiteouts::Apply).unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"host data");
    assert!(
        !fs::symlink_metadata(s.root.join("f"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn hard_links_to_host_files_are_refused() {
    let s = sandbox();
    let abs = s.host.join("secret");
    let err = apply(
        &s.root,
        &[hardlink("passwd", abs.to_str().unwrap())],
        Whiteouts::Apply,
    )
    .unwrap_err();
    assert!(err.to_string().contains("not in the layers"), "{err}");
    let err = apply(
        &s.root,
        &[hardlink("passwd", "../host/secret")],
        Whiteouts::Apply,
    )
    .unwrap_err();
    assert!(err.to_string().contains("climbs out"), "{err}");
    // Through a symlink to the host: re-rooted, so not found inside.
    let err = apply(
        &s.root,
        &[
            symlink("h", s.host.to_str().unwrap()),
            hardlink("x", "h/secret"),
        ],
        Whiteouts::Apply,
    )
    .unwrap_err();
    assert!(err.to_string().contains("not in the layers"), "{err}");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(fs::metadata(&abs).unwrap().nlink(), 1);
}

#[test]
fn device_nodes_are_refused() {
    let s = sandbox();
    let e = E {
        path: "dev/sda",
        kind: tar::EntryType::Block,
        link: "",
        data: b"",
        mode: 0o600,
    };
    let err = apply(&s.root, &[e], Whiteouts::Apply).unwrap_err();
    assert!(
        err.to_string().contains("dev/sda") && err.to_string().contains("device"),
        "{err}"
    );
}

#[test]
fn whiteouts_applied_and_as_overlay() {
    let s = sandbox();
    apply(
        &s.root,
        &[
            dir("d/"),
            file("d/old", b"1"),
            file("d/keep", b"1"),
            dir("o/"),
            file("o/lower", b"1"),
            file("gone", b"1"),
        ],
        Whiteouts::Apply,
    )
    .unwrap();
    apply(
        &s.root,
        &[
            file(".wh.gone", b""),
            file("d/.wh.old", b""),
            file("o/new", b"2"),
            file("o/.wh..wh..opq", b""),
        ],
        Whiteouts::Apply,
    )
    .unwrap();
    assert!(!s.root.join("gone").exists());
    assert!(!s.root.join("d/old").exists() && s.root.join("d/keep").exists());
    assert!(
        !s.root.join("o/lower").exists(),
        "opaque hides what was below"
    );
    assert!(
        s.root.join("o/new").exists(),
        "but not what the same layer added"
    );

    let o = sandbox();
    apply(
        &o.root,
        &[file("d/.wh.old", b""), file("o/.wh..wh..opq", b"")],
        Whiteouts::Overlay,
    )
    .unwrap();
    let m = fs::symlink_metadata(o.root.join("d/old")).unwrap();
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    assert!(
        m.file_type().is_char_device() && m.rdev() == 0,
        "overlay whiteout"
    );
    if rustix::process::geteuid().is_root() {
        let v = rustix::fs::lgetxattr(
            o.root.join("o").as_path(),
            "trusted.overlay.opaque",
            &mut [0u8; 4],
        )
        .unwrap();
        assert_eq!(v, 1);
    }
}

#[test]
fn limits_are_enforced() {
    let s = sandbox();
    let entries: Vec<E> = (0..5).map(|_| file("f", b"x")).collect();
    let err = apply_layer(
        &tar_of(&entries)[..],
        &s.root,
        Whiteouts::Apply,
        Limits {
            max_entries: 3,
            max_bytes: 100,
        },
    )
    .unwrap_err();
    assert!(matches!(err, UnpackError::TooLarge(_)));
    let big = vec![0u8; 200];
    let err = apply_layer(
        &tar_of(&[file("big", &big)])[..],
        &s.root,
        Whiteouts::Apply,
        Limits {
            max_entries: 3,
            max_bytes: 100,
        },
    )
    .unwrap_err();
    assert!(matches!(err, UnpackError::TooLarge(_)));
}

#[test]
fn expansion_is_bounded_by_ratio_above_a_floor_and_by_an_absolute_cap() {
    let e = ExpansionLimits::default();
    // 8 MiB of gzip may not become 8 GiB: 256 times is 2 GiB.
    assert_eq!(e.for_layer(8 << 20).max_bytes, 2 << 30);
    // A small layer may always expand to the floor.
    assert_eq!(e.for_layer(1000).max_bytes, 1 << 30);
    // A huge one stops at the absolute cap.
    assert_eq!(e.for_layer(1 << 40).max_bytes, 64 << 30);
    let tight = ExpansionLimits {
        max_bytes: 1 << 20,
        max_ratio: 256,
    };
    assert_eq!(tight.for_layer(8 << 20).max_bytes, 1 << 20);
}

#[test]
fn an_expanding_stream_stops_at_the_cap_or_the_ratio_of_what_was_read() {
    use std::sync::Arc;
    use std::sync::atomic::AtomicU64;
    let drain = |mut r: Expansion<std::io::Take<std::io::Repeat>>| {
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            match r.read(&mut buf) {
                Ok(0) => return Ok(total),
                Ok(n) => total += n as u64,
                Err(e) => return Err((total, UnpackError::of(e).expect("a refusal"))),
            }
        }
    };
    let limits = ExpansionLimits {
        max_bytes: 8 << 20,
        max_ratio: 256,
    };
    // The absolute cap.
    let consumed = Arc::new(AtomicU64::new(0));
    let r = Expansion::new(
        std::io::repeat(0).take(64 << 20),
        limits,
        Some(1 << 20),
        consumed,
    );
    let (at, e) = drain(r).unwrap_err();
    assert!(at <= 8 << 20, "{at}");
    assert!(e.to_string().contains("max_layer_size"), "{e}");
    // The ratio, over what was read of an input of unknown size (a pipe).
    let limits = ExpansionLimits {
        max_bytes: 64 << 30,
        max_ratio: 256,
    };
    let consumed = Arc::new(AtomicU64::new(1 << 20));
    let r = Expansion::new(
        std::io::repeat(0).take(3 << 30),
        limits,
        None,
        consumed.clone(),
    );
    let (at, e) = drain(r).unwrap_err();
    assert!(at <= (1 << 30) + (1 << 20), "{at}");
    assert!(e.to_string().contains("max_layer_ratio"), "{e}");
    // Within both: read to the end.
    let r = Expansion::new(std::io::repeat(0).take(4 << 20), limits, None, consumed);
    assert_eq!(drain(r).unwrap(), 4 << 20);
}
