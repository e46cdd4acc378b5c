//! The squashed view of an image read straight from its layers' tar
//! streams, with nothing written to disk: for an SBOM of an image whose
//! layers are not extracted yet, reading once beats extracting first.
//!
//! One pass over every layer, bottom first, applies each layer's whiteouts
//! and opaque directories to what the layers below made, then its entries.
//! On the way, every ELF executable is read whole, once, for its build
//! information (Go, cargo-auditable) and dropped; files a cataloger reads
//! (databases, metadata, the classifier's candidates) are kept in memory.
//! When a kept path turns out to be a link to a file that was not kept, a
//! second pass over that file's layer fetches it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, Read};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::tree::{Kind, Layer, Node, Tree};
use super::{Location, Package};

/// A layer's tar stream that can say, once read, whether it was the
/// content it claimed to be (its diff id).
pub trait LayerReader: Read {
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// Opens layer `i` (bottom first) for reading.
pub type Open<'a> = dyn Fn(usize) -> io::Result<Box<dyn LayerReader + 'a>> + 'a;

/// An ELF file is read whole to be looked at; one larger is skipped.
const MAX_ELF: u64 = 1 << 30;
/// Kept files are small, apart from binaries for the classifier.
const MAX_KEPT: u64 = 1 << 30;

/// What the catalogers read, beyond their globs.
const EXTRA: [&str; 11] = [
    "**/lib/dpkg/info/*",
    "**/lib/dpkg/status.d/*",
    "/usr/share/doc/*/copyright",
    "**/*dist-info/*",
    "**/*egg-info/*",
    "**/*DIST-INFO/*",
    "/etc/os-release",
    "/usr/lib/os-release",
    "/etc/{system-release-cpe,redhat-release}",
    "**/etc/apk/repositories",
    "**/libruby.so*",
];

fn glob_set(globs: &[&str]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(
            GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .expect("valid glob"),
        );
    }
    b.build().expect("valid globs")
}

/// A tar path as an absolute path inside the tree; `None` for the root or
/// a path that climbs out.
fn clean(raw: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in raw.split('/') {
        match c {
            "" | "." => {}
            ".." => return None,
            c => parts.push(c),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("/{}", parts.join("/")))
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

fn remove_below(
    nodes: &mut BTreeMap<String, Node>,
    memory: &mut HashMap<String, Arc<Vec<u8>>>,
    path: &str,
) {
    for p in super::tree::remove_below(nodes, path) {
        memory.remove(&p);
    }
}

enum Entry {
    Node(Kind),
    /// A hard link to this (cleaned) path.
    Link(String),
}

/// Reads the layers `open` yields (`ids` names them, bottom first) into a
/// tree; `globs` are the catalogers' (the files they look for are kept).
pub fn read(ids: &[Option<String>], open: &Open<'_>, globs: &[&str]) -> io::Result<Tree> {
    let mut keep_globs: Vec<&str> = globs.to_vec();
    keep_globs.extend(EXTRA);
    let keep = glob_set(&keep_globs);
    let mut squash = Squash::default();
    for (layer, id) in ids.iter().enumerate() {
        let mut reader = open(layer)?;
        let scan = scan_layer(&mut reader, id, &keep)?;
        reader.finish()?;
        squash.apply(layer, scan);
    }
    let mut tree = squash.into_tree(ids);
    // A kept path may lead (through links) to a file that was not kept.
    let missing: BTreeSet<String> = tree
        .paths()
        .filter(|(p, n)| matches!(n.kind, Kind::File | Kind::Symlink(_)) && keep.is_match(p))
        .filter_map(|(p, _)| tree.resolve_file(p))
        .filter(|real| tree.read(real, u64::MAX).is_err())
        .collect();
    if !missing.is_empty() {
        fetch(&mut tree, &missing, open)?;
    }
    Ok(tree)
}

/// What one layer's stream holds: what it hides, its entries in order,
/// the files kept in memory and the packages found in its ELF files.
#[derive(Default)]
struct LayerScan {
    whiteouts: Vec<String>,
    opaque: Vec<String>,
    entries: Vec<(String, Entry)>,
    kept: HashMap<String, Arc<Vec<u8>>>,
    found: HashMap<String, Vec<Package>>,
}

/// One pass over a layer's tar stream. ELF files are scanned as they
/// pass; the files `keep` names are kept (up to their bounds).
fn scan_layer(reader: &mut dyn Read, id: &Option<String>, keep: &GlobSet) -> io::Result<LayerScan> {
    let mut scan = LayerScan::default();
    let mut archive = tar::Archive::new(reader);
    for e in archive.entries()? {
        let mut e = e?;
        let raw = e.path()?.to_string_lossy().into_owned();
        let Some(path) = clean(&raw) else { continue };
        let name = path.rsplit('/').next().unwrap_or("");
        if name == ".wh..wh..opq" {
            scan.opaque.push(parent(&path).to_string());
            continue;
        }
        if let Some(hidden) = name.strip_prefix(".wh.") {
            scan.whiteouts
                .push(format!("{}/{hidden}", parent(&path).trim_end_matches('/')));
            continue;
        }
        let t = e.header().entry_type();
        let entry = if t.is_dir() {
            Entry::Node(Kind::Dir)
        } else if t.is_symlink() {
            let target = e
                .link_name()?
                .map(|l| l.to_string_lossy().into_owned())
                .unwrap_or_default();
            Entry::Node(Kind::Symlink(target))
        } else if t.is_hard_link() {
            match e.link_name()?.and_then(|l| clean(&l.to_string_lossy())) {
                Some(target) => Entry::Link(target),
                None => continue,
            }
        } else if t.is_file() {
            scan_file(&mut e, &path, id, keep, &mut scan)?;
            Entry::Node(Kind::File)
        } else {
            Entry::Node(Kind::Other)
        };
        scan.entries.push((path, entry));
    }
    Ok(scan)
}

/// A regular file as it passes: scanned when it is an executable ELF,
/// kept when `keep` names it.
fn scan_file<R: Read>(
    e: &mut tar::Entry<'_, R>,
    path: &str,
    id: &Option<String>,
    keep: &GlobSet,
    scan: &mut LayerScan,
) -> io::Result<()> {
    let size = e.size();
    let wanted = keep.is_match(path);
    let mut data = Vec::new();
    if size >= 18 {
        let mut head = [0u8; 18];
        e.read_exact(&mut head)?;
        data.extend_from_slice(&head);
        if super::elf::is_executable_elf(&head) && size <= MAX_ELF {
            e.read_to_end(&mut data)?;
            let loc = Location {
                path: path.to_string(),
                access: None,
                layer: id.clone(),
            };
            let pkgs = super::elf::packages_in(&data, &loc);
            if !pkgs.is_empty() {
                scan.found.insert(path.to_string(), pkgs);
            }
        } else if wanted && size <= MAX_KEPT {
            e.read_to_end(&mut data)?;
        }
    } else if wanted {
        e.read_to_end(&mut data)?;
    }
    if wanted && data.len() as u64 == size {
        scan.kept.insert(path.to_string(), Arc::new(data));
    }
    Ok(())
}

/// The squashed file system so far, layer upon layer.
#[derive(Default)]
struct Squash {
    nodes: BTreeMap<String, Node>,
    memory: HashMap<String, Arc<Vec<u8>>>,
    /// ELF findings by path, with the layer they were in.
    elf: HashMap<String, (usize, Vec<Package>)>,
}

impl Squash {
    /// Layer `layer` over what is there: what it hides goes first; then
    /// what it adds.
    fn apply(&mut self, layer: usize, mut scan: LayerScan) {
        for w in scan.whiteouts {
            self.nodes.remove(&w);
            self.memory.remove(&w);
            remove_below(&mut self.nodes, &mut self.memory, &w);
        }
        for d in scan.opaque {
            remove_below(&mut self.nodes, &mut self.memory, &d);
        }
        for (path, entry) in std::mem::take(&mut scan.entries) {
            self.parents(layer, &path);
            match entry {
                Entry::Node(kind) => {
                    if kind != Kind::Dir {
                        remove_below(&mut self.nodes, &mut self.memory, &path);
                    }
                    self.memory.remove(&path);
                    if let Some(data) = scan.kept.remove(&path) {
                        self.memory.insert(path.clone(), data);
                    }
                    if let Some(pkgs) = scan.found.remove(&path) {
                        self.elf.insert(path.clone(), (layer, pkgs));
                    }
                    self.nodes.insert(path, Node { layer, kind });
                }
                Entry::Link(target) => self.hard_link(path, &target),
            }
        }
    }

    /// Archives may leave out directory entries: the parents of `path`
    /// exist (and hide what a lower layer had there that is not a directory).
    fn parents(&mut self, layer: usize, path: &str) {
        let mut p = parent(path);
        while p != "/" {
            if self.nodes.get(p).is_none_or(|n| n.kind != Kind::Dir) {
                self.memory.remove(p);
                self.nodes.insert(
                    p.to_string(),
                    Node {
                        layer,
                        kind: Kind::Dir,
                    },
                );
            }
            p = parent(p);
        }
    }

    /// A hard link is the file it names, found again at `path`.
    fn hard_link(&mut self, path: String, target: &str) {
        let Some(t) = self.nodes.get(target).cloned() else {
            return;
        };
        if t.kind != Kind::File {
            return;
        }
        remove_below(&mut self.nodes, &mut self.memory, &path);
        match self.memory.get(target).cloned() {
            Some(data) => {
                self.memory.insert(path.clone(), data);
            }
            None => {
                self.memory.remove(&path);
            }
        }
        if let Some((l, pkgs)) = self.elf.get(target).cloned() {
            let pkgs = pkgs
                .into_iter()
                .map(|mut p| {
                    for loc in &mut p.locations {
                        loc.path = path.clone();
                    }
                    p
                })
                .collect();
            self.elf.insert(path.clone(), (l, pkgs));
        }
        self.nodes.insert(
            path,
            Node {
                layer: t.layer,
                kind: Kind::File,
            },
        );
    }

    /// The tree, with the ELF findings of files no upper layer replaced
    /// or removed.
    fn into_tree(self, ids: &[Option<String>]) -> Tree {
        let layers: Vec<Layer> = ids
            .iter()
            .map(|id| Layer {
                dir: std::path::PathBuf::new(),
                id: id.clone(),
            })
            .collect();
        let nodes = self.nodes;
        let mut prescanned: Vec<Package> = self
            .elf
            .into_iter()
            .filter(|(path, (layer, _))| {
                nodes
                    .get(path)
                    .is_some_and(|n| n.layer == *layer && n.kind == Kind::File)
            })
            .flat_map(|(_, (_, pkgs))| pkgs)
            .collect();
        prescanned.sort_by(|a, b| a.locations.cmp(&b.locations));
        Tree::from_parts(layers, nodes, self.memory, prescanned)
    }
}

/// Reads the layers holding `paths` again, keeping those files.
fn fetch(tree: &mut Tree, paths: &BTreeSet<String>, open: &Open<'_>) -> io::Result<()> {
    let mut by_layer: BTreeMap<usize, HashSet<&str>> = BTreeMap::new();
    for p in paths {
        if let Some(n) = tree.node(p) {
            by_layer.entry(n.layer).or_default().insert(p.as_str());
        }
    }
    let mut got: Vec<(String, Vec<u8>)> = Vec::new();
    for (layer, wanted) in by_layer {
        let mut reader = open(layer)?;
        let mut archive = tar::Archive::new(&mut reader);
        for e in archive.entries()? {
            let mut e = e?;
            let raw = e.path()?.to_string_lossy().into_owned();
            let Some(path) = clean(&raw) else { continue };
            if !wanted.contains(path.as_str())
                || !e.header().entry_type().is_file()
                || e.size() > MAX_KEPT
            {
                continue;
            }
            let mut data = Vec::new();
            e.read_to_end(&mut data)?;
            got.push((path, data));
        }
    }
    for (path, data) in got {
        tree.keep(path, data);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Plain(io::Cursor<Vec<u8>>);
    impl Read for Plain {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.0.read(buf)
        }
    }
    impl LayerReader for Plain {
        fn finish(self: Box<Self>) -> io::Result<()> {
            Ok(())
        }
    }

    fn tar(entries: &[(&str, &[u8])], links: &[(&str, &str, bool)]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (p, data) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o755);
            h.set_cksum();
            b.append_data(&mut h, p, *data).unwrap();
        }
        for (p, target, hard) in links {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(if *hard {
                tar::EntryType::Link
            } else {
                tar::EntryType::Symlink
            });
            h.set_size(0);
            b.append_link(&mut h, p, target).unwrap();
        }
        b.into_inner().unwrap()
    }

    #[test]
    fn squashes_as_the_snapshots_do() {
        let lower = tar(
            &[
                ("etc/os-release", b"ID=debian\n"),
                ("var/lib/dpkg/status", b"Package: a\nVersion: 1\n"),
                ("gone/package.json", b"{}"),
                ("opq/sub/package.json", b"{}"),
                ("bin/busybox-real", b"BusyBox v1.36.1 (x)\0"),
            ],
            &[
                ("bin/busybox", "busybox-real", false),
                ("bin/hard", "bin/busybox-real", true),
            ],
        );
        let upper = tar(
            &[
                ("gone/.wh.package.json", b""),
                ("opq/.wh..wh..opq", b""),
                ("opq/new.txt", b"x"),
                ("var/lib/dpkg/status", b"Package: b\nVersion: 2\n"),
            ],
            &[],
        );
        let layers = [lower, upper];
        let open = |i: usize| -> io::Result<Box<dyn LayerReader>> {
            Ok(Box::new(Plain(io::Cursor::new(layers[i].clone()))))
        };
        let tree = read(
            &[None, None],
            &open,
            &["**/lib/dpkg/status", "**/package.json", "**/busybox"],
        )
        .unwrap();
        assert!(tree.node("/gone/package.json").is_none());
        assert!(tree.node("/opq/sub/package.json").is_none());
        assert!(tree.node("/opq/new.txt").is_some());
        assert_eq!(
            &*tree.read("/var/lib/dpkg/status", 100).unwrap(),
            b"Package: b\nVersion: 2\n"
        );
        // The glob matched the symlink; its target was fetched in a second pass.
        let real = tree.resolve_file("/bin/busybox").unwrap();
        assert_eq!(real, "/bin/busybox-real");
        assert!(tree.read(&real, 100).unwrap().starts_with(b"BusyBox"));
        assert!(tree.node("/bin/hard").is_some());
        assert_eq!(clean("./a/../b"), None);
        assert_eq!(clean("./a//b/"), Some("/a/b".into()));
    }
}
