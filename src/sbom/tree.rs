//! The filesystem an SBOM describes: an image's squashed view (its layer
//! directories as `unpack::Snapshots` extracts them, overlayfs whiteouts
//! and opaque directories included, each layer over the ones below), or one
//! plain directory.
//!
//! Only what is visible in the final filesystem counts, as syft's default
//! "squashed" scope says. Paths are absolute, `/`-separated, inside the
//! tree; symlinks resolve inside the tree, never on the host. Reads are
//! bounded and never follow a link out of a layer.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The most symlinks followed resolving one path (as Linux's ELOOP).
const MAX_LINKS: usize = 40;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink(String),
    /// Devices, fifos, sockets.
    Other,
}

#[derive(Clone, Debug)]
pub struct Node {
    /// Index into the tree's layers, bottom first.
    pub layer: usize,
    pub kind: Kind,
}

/// One layer: its directory and the id SBOMs name it by (a diff id).
#[derive(Clone, Debug)]
pub struct Layer {
    pub dir: PathBuf,
    pub id: Option<String>,
}

pub struct Tree {
    layers: Vec<Layer>,
    nodes: BTreeMap<String, Node>,
    /// For a tree read from layer streams (nothing on disk): the content
    /// of the files kept, by path.
    memory: Option<HashMap<String, Arc<Vec<u8>>>>,
    /// Packages found in files while they streamed past (ELF build
    /// information), for a tree read from streams.
    pub prescanned: Option<Vec<super::package::Package>>,
}

enum Entry {
    Node(Kind),
    Whiteout,
    OpaqueDir,
}

impl Tree {
    /// The squashed view of `layers`, bottom first, each holding overlayfs
    /// whiteouts (character devices 0/0) and opaque markers.
    pub fn from_layers(layers: Vec<Layer>) -> io::Result<Tree> {
        // Walking is independent per layer: one thread each, a few at a time.
        let walks: Vec<io::Result<Vec<(String, Entry)>>> = std::thread::scope(|s| {
            let handles: Vec<_> = layers
                .iter()
                .map(|l| s.spawn(|| walk(&l.dir, true)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(io::Error::other("walk panicked")))
                })
                .collect()
        });
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        for (layer, walked) in walks.into_iter().enumerate() {
            for (path, entry) in walked? {
                match entry {
                    Entry::Whiteout => {
                        nodes.remove(&path);
                        remove_below(&mut nodes, &path);
                    }
                    Entry::OpaqueDir => {
                        remove_below(&mut nodes, &path);
                        nodes.insert(
                            path,
                            Node {
                                layer,
                                kind: Kind::Dir,
                            },
                        );
                    }
                    Entry::Node(kind) => {
                        if kind != Kind::Dir {
                            remove_below(&mut nodes, &path);
                        }
                        nodes.insert(path, Node { layer, kind });
                    }
                }
            }
        }
        Ok(Tree {
            layers,
            nodes,
            memory: None,
            prescanned: None,
        })
    }

    /// A tree assembled elsewhere (from layer streams): its nodes, the
    /// content kept, the packages found on the way.
    pub fn from_parts(
        layers: Vec<Layer>,
        nodes: BTreeMap<String, Node>,
        memory: HashMap<String, Arc<Vec<u8>>>,
        prescanned: Vec<super::package::Package>,
    ) -> Tree {
        Tree {
            layers,
            nodes,
            memory: Some(memory),
            prescanned: Some(prescanned),
        }
    }

    /// One plain directory (a root filesystem): nothing is a whiteout.
    pub fn from_dir(dir: &Path) -> io::Result<Tree> {
        let mut nodes = BTreeMap::new();
        for (path, entry) in walk(dir, false)? {
            if let Entry::Node(kind) = entry {
                nodes.insert(path, Node { layer: 0, kind });
            }
        }
        Ok(Tree {
            layers: vec![Layer {
                dir: dir.to_path_buf(),
                id: None,
            }],
            nodes,
            memory: None,
            prescanned: None,
        })
    }

    /// Keeps `data` as the content of `path` (a tree read from streams).
    pub fn keep(&mut self, path: String, data: Vec<u8>) {
        if let Some(m) = &mut self.memory {
            m.insert(path, Arc::new(data));
        }
    }

    pub fn layer_id(&self, layer: usize) -> Option<&str> {
        self.layers.get(layer).and_then(|l| l.id.as_deref())
    }

    /// Every visible path, sorted.
    pub fn paths(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.nodes.iter().map(|(p, n)| (p.as_str(), n))
    }

    pub fn node(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// The children of directory `dir` (its direct entries), sorted.
    pub fn children<'a>(&'a self, dir: &str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        let len = prefix.len();
        let bound = prefix.clone();
        self.nodes
            .range(prefix..)
            .take_while(move |(p, _)| p.starts_with(&bound))
            .filter(move |(p, _)| !p[len..].contains('/'))
            .map(|(p, n)| (p.as_str(), n))
    }

    /// `path` with every symlink in it followed, inside the tree; `None`
    /// when it leads nowhere or loops.
    pub fn resolve(&self, path: &str) -> Option<String> {
        let mut pending: Vec<String> = components(path).rev().map(str::to_string).collect();
        let mut current: Vec<String> = Vec::new();
        let mut links = 0;
        while let Some(c) = pending.pop() {
            match c.as_str() {
                "" | "." => continue,
                ".." => {
                    current.pop();
                    continue;
                }
                _ => {}
            }
            current.push(c);
            let here = join(&current);
            match &self.nodes.get(&here)?.kind {
                Kind::Symlink(target) => {
                    links += 1;
                    if links > MAX_LINKS {
                        return None;
                    }
                    current.pop();
                    if target.starts_with('/') {
                        current.clear();
                    }
                    for t in components(target).rev() {
                        pending.push(t.to_string());
                    }
                }
                Kind::Dir | Kind::File | Kind::Other => {}
            }
        }
        Some(join(&current))
    }

    /// The regular file `path` leads to (symlinks followed), if any.
    pub fn resolve_file(&self, path: &str) -> Option<String> {
        let real = self.resolve(path)?;
        matches!(self.nodes.get(&real)?.kind, Kind::File).then_some(real)
    }

    /// Where a visible regular file's bytes are on disk (not for a tree
    /// read from streams).
    pub fn disk_path(&self, real: &str) -> Option<PathBuf> {
        if self.memory.is_some() {
            return None;
        }
        let node = self.nodes.get(real)?;
        if node.kind != Kind::File {
            return None;
        }
        Some(
            self.layers[node.layer]
                .dir
                .join(real.trim_start_matches('/')),
        )
    }

    /// Opens the regular file at `real` (a resolved path), never following
    /// a link on disk.
    pub fn open(&self, real: &str) -> io::Result<File> {
        if self.memory.is_some() {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "a tree read from streams",
            ));
        }
        let p = self
            .disk_path(real)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, real.to_string()))?;
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(p)
    }

    /// The whole file at `real`, refusing one larger than `limit`.
    pub fn read(&self, real: &str, limit: u64) -> io::Result<Cow<'_, [u8]>> {
        if let Some(memory) = &self.memory {
            let data = memory.get(real).ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, format!("{real}: content not kept"))
            })?;
            if data.len() as u64 > limit {
                return Err(crate::bounded::too_large(real, limit));
            }
            return Ok(Cow::Borrowed(data.as_slice()));
        }
        Ok(Cow::Owned(crate::bounded::read_all(
            self.open(real)?,
            limit,
            real,
        )?))
    }

    /// The file at `real` on disk, for a reader that needs a path (sqlite):
    /// the layer's own file, or a private copy of kept content (removed
    /// when the guard goes).
    pub fn local_file(&self, real: &str) -> io::Result<(PathBuf, Option<tempfile::TempPath>)> {
        if let Some(p) = self.disk_path(real) {
            return Ok((p, None));
        }
        let data = self.read(real, u64::MAX)?;
        let mut f = tempfile::NamedTempFile::new()?;
        io::Write::write_all(&mut f, &data)?;
        let path = f.into_temp_path();
        Ok((path.to_path_buf(), Some(path)))
    }

    /// The file at `path` (symlinks followed) as text, if it exists.
    pub fn read_text(&self, path: &str, limit: u64) -> Option<(String, String)> {
        let real = self.resolve_file(path)?;
        let bytes = self.read(&real, limit).ok()?;
        Some((real, String::from_utf8_lossy(&bytes).into_owned()))
    }
}

fn components(path: &str) -> std::str::Split<'_, char> {
    path.split('/')
}

fn join(parts: &[String]) -> String {
    if parts.is_empty() {
        return "/".to_string();
    }
    let mut s = String::new();
    for p in parts {
        s.push('/');
        s.push_str(p);
    }
    s
}

/// Removes everything below `path`; returns what went.
pub(super) fn remove_below(nodes: &mut BTreeMap<String, Node>, path: &str) -> Vec<String> {
    let prefix = if path == "/" {
        "/".to_string()
    } else {
        format!("{path}/")
    };
    let doomed: Vec<String> = nodes
        .range(prefix.clone()..)
        .take_while(|(p, _)| p.starts_with(&prefix))
        .map(|(p, _)| p.clone())
        .collect();
    for p in &doomed {
        nodes.remove(p);
    }
    doomed
}

/// Every entry under `root`, parents before children. With `overlay`,
/// character devices 0/0 are whiteouts and `trusted.overlay.opaque`
/// directories hide what lower layers put in them. Names that are not
/// UTF-8 are skipped (no cataloger looks for them).
fn walk(root: &Path, overlay: bool) -> io::Result<Vec<(String, Entry)>> {
    let mut out = Vec::new();
    let mut stack: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        let mut entries: Vec<fs::DirEntry> = match fs::read_dir(&dir) {
            Ok(rd) => rd.collect::<Result<_, _>>()?,
            Err(e) if e.kind() == io::ErrorKind::NotFound && !rel.is_empty() => continue,
            Err(e) => return Err(e),
        };
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for e in entries {
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            let path = format!("{rel}/{name}");
            let ft = e.file_type()?;
            let entry = if ft.is_dir() {
                let opaque = overlay && is_opaque(&e.path());
                subdirs.push((e.path(), path.clone()));
                if opaque {
                    Entry::OpaqueDir
                } else {
                    Entry::Node(Kind::Dir)
                }
            } else if ft.is_file() {
                Entry::Node(Kind::File)
            } else if ft.is_symlink() {
                let target = fs::read_link(e.path())?;
                Entry::Node(Kind::Symlink(target.to_string_lossy().into_owned()))
            } else if overlay && ft.is_char_device() && e.metadata()?.rdev() == 0 {
                Entry::Whiteout
            } else {
                Entry::Node(Kind::Other)
            };
            out.push((path, entry));
        }
        // Depth first, in name order: push in reverse.
        stack.extend(subdirs.into_iter().rev());
    }
    Ok(out)
}

fn is_opaque(dir: &Path) -> bool {
    let mut buf = [0u8; 4];
    matches!(
        rustix::fs::lgetxattr(dir, "trusted.overlay.opaque", &mut buf),
        Ok(1) if buf[0] == b'y'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn layer(dir: &Path) -> Layer {
        Layer {
            dir: dir.to_path_buf(),
            id: None,
        }
    }

    #[test]
    fn upper_layers_win_and_whiteouts_hide() {
        let t = tempfile::tempdir().unwrap();
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        fs::create_dir_all(a.join("etc/keep")).unwrap();
        fs::write(a.join("etc/keep/f"), "lower").unwrap();
        fs::write(a.join("etc/gone"), "x").unwrap();
        fs::create_dir_all(a.join("opq/sub")).unwrap();
        fs::write(a.join("opq/sub/old"), "x").unwrap();
        fs::create_dir_all(b.join("etc/keep")).unwrap();
        fs::write(b.join("etc/keep/f"), "upper").unwrap();
        rustix::fs::mknodat(
            rustix::fs::CWD,
            b.join("etc/gone"),
            rustix::fs::FileType::CharacterDevice,
            rustix::fs::Mode::empty(),
            0,
        )
        .unwrap();
        fs::create_dir_all(b.join("opq")).unwrap();
        fs::write(b.join("opq/new"), "x").unwrap();
        rustix::fs::lsetxattr(
            b.join("opq"),
            "trusted.overlay.opaque",
            b"y",
            rustix::fs::XattrFlags::empty(),
        )
        .unwrap();
        symlink("../etc/keep/f", b.join("link")).unwrap();
        let tree = Tree::from_layers(vec![layer(&a), layer(&b)]).unwrap();
        assert_eq!(tree.node("/etc/keep/f").unwrap().layer, 1);
        assert!(tree.node("/etc/gone").is_none(), "whiteout hides the file");
        assert!(
            tree.node("/opq/sub/old").is_none(),
            "opaque dir hides lower entries"
        );
        assert!(tree.node("/opq/new").is_some());
        assert_eq!(tree.resolve_file("/link").as_deref(), Some("/etc/keep/f"));
        assert_eq!(&*tree.read("/etc/keep/f", 100).unwrap(), b"upper");
    }

    #[test]
    fn links_resolve_inside_the_tree_and_loops_end() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        fs::create_dir_all(r.join("usr/bin")).unwrap();
        fs::write(r.join("usr/bin/busybox"), "bb").unwrap();
        symlink("usr/bin", r.join("bin")).unwrap();
        symlink("/bin/busybox", r.join("usr/bin/gzip")).unwrap();
        symlink("/../../../../etc/passwd", r.join("escape")).unwrap();
        symlink("loop2", r.join("loop1")).unwrap();
        symlink("loop1", r.join("loop2")).unwrap();
        let tree = Tree::from_dir(r).unwrap();
        assert_eq!(
            tree.resolve_file("/bin/gzip").as_deref(),
            Some("/usr/bin/busybox")
        );
        assert_eq!(tree.resolve("/escape"), None, "no /etc/passwd in the tree");
        assert_eq!(tree.resolve("/loop1"), None);
        let kids: Vec<&str> = tree.children("/usr/bin").map(|(p, _)| p).collect();
        assert_eq!(kids, ["/usr/bin/busybox", "/usr/bin/gzip"]);
    }
}
