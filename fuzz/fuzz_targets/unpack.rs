//! The layer unpacker, on stacks of hostile layers built from entries the
//! fuzzer chooses (traversal, absolute and looping links, hard links to
//! anything, whiteouts, opaque markers, devices): never a panic, and
//! nothing is created outside the root. The root sits five directories
//! below a private temporary directory; after each stack, that directory
//! must hold the chain down to the root and nothing else.
#![no_main]
use arbitrary::Arbitrary;
use ccr::unpack::{Limits, Whiteouts, apply_layer};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

#[derive(Arbitrary, Debug)]
enum Part {
    A,
    B,
    Dot,
    DotDot,
    Wh,
    Opaque,
    Etc,
    Long,
}

impl Part {
    fn text(&self) -> &'static str {
        match self {
            Part::A => "a",
            Part::B => "b",
            Part::Dot => ".",
            Part::DotDot => "..",
            Part::Wh => ".wh.a",
            Part::Opaque => ".wh..wh..opq",
            Part::Etc => "etc",
            Part::Long => {
                "x-very-long-component-name-to-push-past-the-ustar-name-field-of-one-hundred-bytes-xxxxxxxxxxxxxxxxxx"
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Name {
    absolute: bool,
    parts: Vec<Part>,
    trailing_slash: bool,
}

impl Name {
    fn text(&self) -> String {
        let mut s = self
            .parts
            .iter()
            .take(6)
            .map(Part::text)
            .collect::<Vec<_>>()
            .join("/");
        if self.absolute {
            s.insert(0, '/');
        }
        if self.trailing_slash {
            s.push('/');
        }
        s
    }
}

#[derive(Arbitrary, Debug)]
enum Kind {
    File(Vec<u8>),
    Dir,
    Symlink(Name),
    Hardlink(Name),
    CharDevice,
    Fifo,
}

#[derive(Arbitrary, Debug)]
struct Entry {
    name: Name,
    kind: Kind,
    mode: u16,
    pax_path: bool,
}

fn tar_of(entries: &[Entry]) -> Vec<u8> {
    let mut out = tar::Builder::new(Vec::new());
    for e in entries.iter().take(24) {
        let name = e.name.text();
        let mut h = tar::Header::new_gnu();
        let (ty, data, link): (_, &[u8], Option<String>) = match &e.kind {
            Kind::File(d) => (tar::EntryType::Regular, &d[..d.len().min(4096)], None),
            Kind::Dir => (tar::EntryType::Directory, &[], None),
            Kind::Symlink(t) => (tar::EntryType::Symlink, &[], Some(t.text())),
            Kind::Hardlink(t) => (tar::EntryType::Link, &[], Some(t.text())),
            Kind::CharDevice => (tar::EntryType::Char, &[], None),
            Kind::Fifo => (tar::EntryType::Fifo, &[], None),
        };
        h.set_entry_type(ty);
        h.set_mode(u32::from(e.mode) & 0o7777);
        h.set_size(data.len() as u64);
        h.set_mtime(1);
        // Raw names: tar's own setters refuse `..`, a hostile layer does not.
        if e.pax_path || name.len() > 99 {
            out.append_pax_extensions([("path", name.as_bytes())])
                .unwrap();
        }
        let field = &mut h.as_old_mut().name;
        let n = name.len().min(99);
        field[..n].copy_from_slice(&name.as_bytes()[..n]);
        if let Some(l) = link {
            let field = &mut h.as_old_mut().linkname;
            let n = l.len().min(99);
            field[..n].copy_from_slice(&l.as_bytes()[..n]);
        }
        h.set_cksum();
        out.append(&h, data).unwrap();
    }
    out.into_inner().unwrap()
}

fn only_the_chain(top: &Path, root: &Path) {
    for e in walk(top) {
        if e.starts_with(root) {
            continue;
        }

        assert!(
            root.starts_with(&e) && std::fs::symlink_metadata(&e).unwrap().is_dir(),
            "{} was created outside the root",
            e.display()
        );
    }
}

/// Every hard link to a file in the root is in the root: a layer's hard
/// link never reaches a host file.
fn links_stay_inside(root: &Path) {
    use std::os::unix::fs::MetadataExt;
    let mut seen = std::collections::HashMap::<u64, (u64, u64)>::new();
    for p in walk(root) {
        let m = std::fs::symlink_metadata(&p).unwrap();
        if !m.is_dir() {
            seen.entry(m.ino()).or_insert((m.nlink(), 0)).1 += 1;
        }
    }
    for (ino, (nlink, found)) in seen {
        assert_eq!(nlink, found, "inode {ino} has links outside the root");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                todo.push(p.clone());
            }
            out.push(p);
        }
    }
    out
}

fuzz_target!(|input: (bool, Vec<Vec<Entry>>)| {
    let (overlay, layers) = input;
    let top = tempfile::tempdir().unwrap();
    let root = top.path().join("a/b/c/d/root");
    std::fs::create_dir_all(&root).unwrap();
    let whiteouts = if overlay {
        Whiteouts::Overlay
    } else {
        Whiteouts::Apply
    };
    let limits = Limits {
        max_entries: 64,
        max_bytes: 1 << 20,
    };
    for layer in layers.iter().take(3) {
        let tar = tar_of(layer);
        let _ = apply_layer(&tar[..], &root, whiteouts, limits);
        only_the_chain(top.path(), &root);
        links_stay_inside(&root);
    }
});
