//! Where `COPY` and `ADD` read from: the build context (with
//! `.dockerignore` applied) or another stage's or image's root file system.
//! Sources are resolved inside their root (symlinks re-rooted, `..` that
//! climbs out refused), hashed for the build cache, and copied into the
//! destination root without following anything planted there.

use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use glob::{MatchOptions, Pattern};

use crate::digest::Hasher;

const MATCH: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

/// `.dockerignore` rules: the last matching pattern wins; `!` re-includes;
/// a pattern matching a directory excludes what is under it.
#[derive(Default, Debug)]
pub struct Ignore {
    rules: Vec<(Pattern, bool)>,
    has_exceptions: bool,
}

impl Ignore {
    /// No rules: nothing is excluded.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn parse(text: &str) -> Result<Ignore, String> {
        let mut ig = Ignore::default();
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (exclude, pat) = match l.strip_prefix('!') {
                Some(p) => (false, p.trim()),
                None => (true, l),
            };
            let cleaned = clean_pattern(pat);
            if cleaned.is_empty() {
                continue;
            }
            let p = Pattern::new(&cleaned)
                .map_err(|e| format!(".dockerignore pattern {pat:?}: {e}"))?;
            ig.has_exceptions |= !exclude;
            ig.rules.push((p, exclude));
        }
        Ok(ig)
    }

    /// Whether the context-relative path `rel` (`a/b/c`) is excluded.
    pub fn excluded(&self, rel: &str) -> bool {
        let mut excluded = false;
        for (p, exclude) in &self.rules {
            let hit = p.matches_with(rel, MATCH)
                || rel
                    .match_indices('/')
                    .any(|(i, _)| p.matches_with(&rel[..i], MATCH));
            if hit {
                excluded = *exclude;
            }
        }
        excluded
    }
}

fn clean_pattern(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// A tree to copy from.
pub struct SourceRoot {
    pub root: PathBuf,
    pub ignore: Ignore,
    /// Keep owners as they are (another stage); else files become root's.
    pub keep_owner: bool,
    /// What the refusal messages call this root.
    pub what: String,
}

/// One resolved source.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the source root, `/`-separated, as named.
    pub rel: String,
    /// Where it is on the host, symlinks followed inside the root.
    pub path: PathBuf,
    /// That place relative to the root: what `.dockerignore` is checked
    /// against, so a link never reaches an ignored file.
    real: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("forbidden path outside the {0}: {1}")]
    Outside(String, String),
    #[error("{1:?}: not found in the {0}")]
    NotFound(String, String),
    #[error("no source files were specified: {1:?} matches nothing in the {0}")]
    NoMatch(String, String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{pattern:?}: {source}")]
    Pattern {
        pattern: String,
        #[source]
        source: glob::PatternError,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> SourceError + '_ {
    move |source| SourceError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Cleans `src` into components; `..` may not climb out of the root.
fn components(src: &str) -> Option<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = Vec::new();
    for c in Path::new(src).components() {
        match c {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => {
                out.pop()?;
            }
            Component::Normal(n) => out.push(PathBuf::from(n)),
        }
    }
    Some(out)
}

fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

impl SourceRoot {
    /// The sources `src` names: one path, or every match of a pattern.
    pub fn resolve(&self, src: &str) -> Result<Vec<Source>, SourceError> {
        let comps =
            components(src).ok_or_else(|| SourceError::Outside(self.what.clone(), src.into()))?;
        let rel = comps
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if has_glob(&rel) {
            let pat = Pattern::new(&rel).map_err(|source| SourceError::Pattern {
                pattern: src.into(),
                source,
            })?;
            let depth = comps.len();
            let mut matched = Vec::new();
            self.walk(&self.root, "", depth, &mut |r, _, _| {
                if r.matches('/').count() + 1 == depth && pat.matches_with(r, MATCH) {
                    matched.push(r.to_string());
                }
                Ok(())
            })?;
            // A match that is a link to an ignored file is not there.
            let out: Vec<Source> = matched
                .into_iter()
                .filter_map(|r| {
                    let comps = r.split('/').map(PathBuf::from).collect::<Vec<_>>();
                    self.source(r, &comps).transpose()
                })
                .collect::<Result<_, _>>()?;
            if out.is_empty() {
                return Err(SourceError::NoMatch(self.what.clone(), src.into()));
            }
            return Ok(out);
        }
        self.source(rel.clone(), &comps)?
            .map(|s| vec![s])
            .ok_or_else(|| SourceError::NotFound(self.what.clone(), format!("/{rel}")))
    }

    /// The source `rel` (as `comps`), resolved inside the root; `None`
    /// when it, or what its links lead to, is not there or is ignored.
    fn source(&self, rel: String, comps: &[PathBuf]) -> Result<Option<Source>, SourceError> {
        if !rel.is_empty() && self.ignore.excluded(&rel) {
            return Ok(None);
        }
        let path = crate::unpack::resolve_in_root(&self.root, comps).map_err(io_err(&self.root))?;
        if fs::symlink_metadata(&path).is_err() {
            return Ok(None);
        }
        let real = path
            .strip_prefix(&self.root)
            .map_err(|_| SourceError::Outside(self.what.clone(), rel.clone()))?
            .to_string_lossy()
            .into_owned();
        if !real.is_empty() && self.ignore.excluded(&real) {
            return Ok(None);
        }
        Ok(Some(Source { rel, path, real }))
    }

    /// Visits `dir`'s entries (sorted, not following symlinks, ignored ones
    /// skipped) down to `depth` levels (0: unlimited).
    fn walk(
        &self,
        dir: &Path,
        prefix: &str,
        depth: usize,
        f: &mut dyn FnMut(&str, &Path, &fs::Metadata) -> Result<(), SourceError>,
    ) -> Result<(), SourceError> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .map_err(io_err(dir))?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names.sort();
        for name in names {
            let rel = if prefix.is_empty() {
                name.to_string_lossy().into_owned()
            } else {
                format!("{prefix}/{}", name.to_string_lossy())
            };
            let path = dir.join(&name);
            let meta = fs::symlink_metadata(&path).map_err(io_err(&path))?;
            let excluded = self.ignore.excluded(&rel);
            if !excluded {
                f(&rel, &path, &meta)?;
            }
            let level = rel.matches('/').count() + 1;
            if meta.is_dir()
                && (depth == 0 || level < depth)
                && (!excluded || self.ignore.has_exceptions)
            {
                self.walk(&path, &rel, depth, f)?;
            }
        }
        Ok(())
    }

    /// Feeds everything under the sources (names, kinds, modes, owners
    /// where kept, link targets, contents) to `h`, for the build cache.
    pub fn hash(&self, sources: &[Source], h: &mut Hasher) -> Result<(), SourceError> {
        for s in sources {
            h.update(format!("\0src {}\0", s.rel).as_bytes());
            let meta = fs::metadata(&s.path).map_err(io_err(&s.path))?;
            self.hash_entry("", &s.path, &meta, h)?;
            if meta.is_dir() {
                self.walk(&s.path, &s.real, 0, &mut |rel, p, m| {
                    let inner = rel.strip_prefix(&s.real).unwrap_or(rel);
                    self.hash_entry(inner, p, m, h)
                })?;
            }
        }
        Ok(())
    }

    fn hash_entry(
        &self,
        rel: &str,
        path: &Path,
        m: &fs::Metadata,
        h: &mut Hasher,
    ) -> Result<(), SourceError> {
        let owner = if self.keep_owner {
            format!("{}:{}", m.uid(), m.gid())
        } else {
            String::new()
        };
        h.update(format!("{rel}\0{:o}\0{owner}\0", m.mode()).as_bytes());
        if m.file_type().is_symlink() {
            let t = fs::read_link(path).map_err(io_err(path))?;
            h.update(t.as_os_str().as_encoded_bytes());
        } else if m.is_file() {
            let f = fs::File::open(path).map_err(io_err(path))?;
            let fh = crate::store::hash_reader(f).map_err(io_err(path))?;
            h.update(fh.finish().hex().as_bytes());
        }
        Ok(())
    }

    /// Copies `src` to `dest` (a host path inside the destination root,
    /// already resolved there). A directory's contents are merged into
    /// `dest`.
    pub fn copy(&self, src: &Source, dest: &Path, opts: &CopyOptions) -> Result<(), SourceError> {
        let meta = fs::metadata(&src.path).map_err(io_err(&src.path))?;
        if meta.is_dir() {
            self.copy_entry(&src.path, &meta, dest, opts, true)?;
            let mut dirs: Vec<(PathBuf, fs::Metadata)> = Vec::new();
            self.walk(&src.path, &src.real, 0, &mut |rel, p, m| {
                let inner = rel
                    .strip_prefix(&src.real)
                    .unwrap_or(rel)
                    .trim_start_matches('/');
                let target = dest.join(inner);
                self.copy_entry(p, m, &target, opts, false)?;
                if m.is_dir() {
                    dirs.push((target, m.clone()));
                }
                Ok(())
            })?;
            // Directory times last, once nothing more is written in them.
            for (d, m) in dirs.iter().rev() {
                set_mtime(d, m);
            }
            set_mtime(dest, &meta);
            Ok(())
        } else {
            self.copy_entry(&src.path, &meta, dest, opts, false)
        }
    }

    fn copy_entry(
        &self,
        from: &Path,
        m: &fs::Metadata,
        to: &Path,
        opts: &CopyOptions,
        top_dir: bool,
    ) -> Result<(), SourceError> {
        let existing = fs::symlink_metadata(to).ok();
        // Whatever is in the way goes, unless a directory meets a directory.
        if let Some(e) = &existing
            && !(m.is_dir() && e.is_dir())
        {
            if e.is_dir() {
                fs::remove_dir_all(to).map_err(io_err(to))?;
            } else {
                fs::remove_file(to).map_err(io_err(to))?;
            }
        }
        let ft = m.file_type();
        if ft.is_dir() {
            if existing.as_ref().is_none_or(|e| !e.is_dir()) {
                fs::create_dir(to).map_err(io_err(to))?;
            } else if top_dir {
                // Merging into an existing directory keeps its metadata.
                return Ok(());
            }
        } else if ft.is_symlink() {
            let t = fs::read_link(from).map_err(io_err(from))?;
            std::os::unix::fs::symlink(&t, to).map_err(io_err(to))?;
        } else if ft.is_file() {
            let mut r = fs::File::open(from).map_err(io_err(from))?;
            let mut w = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(to)
                .map_err(io_err(to))?;
            io::copy(&mut r, &mut w).map_err(io_err(to))?;
        } else {
            // Sockets, devices and FIFOs are not copied, as with docker.
            return Ok(());
        }
        let (uid, gid) = match opts.owner {
            Some(o) => o,
            None if self.keep_owner => (m.uid(), m.gid()),
            None => (0, 0),
        };
        std::os::unix::fs::lchown(to, Some(uid), Some(gid)).map_err(io_err(to))?;
        if !ft.is_symlink() {
            let mode = opts.chmod.unwrap_or(m.mode() & 0o7777);
            fs::set_permissions(to, fs::Permissions::from_mode(mode)).map_err(io_err(to))?;
            if ft.is_file() {
                set_mtime(to, m);
            }
        }
        Ok(())
    }
}

fn set_mtime(path: &Path, m: &fs::Metadata) {
    if let Ok(t) = m.modified()
        && let Ok(f) = fs::File::open(path)
    {
        let _ = f.set_modified(t);
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct CopyOptions {
    pub owner: Option<(u32, u32)>,
    pub chmod: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerignore_rules() {
        let ig = Ignore::parse("# c\n*.log\nbuild\n!build/keep\n**/*.tmp\n/secret/\n").unwrap();
        assert!(ig.excluded("a.log"));
        assert!(!ig.excluded("dir/a.log"));
        assert!(ig.excluded("build"));
        assert!(ig.excluded("build/x"));
        assert!(!ig.excluded("build/keep"));
        assert!(ig.excluded("x/y/z.tmp"));
        assert!(ig.excluded("z.tmp"));
        assert!(ig.excluded("secret/key"));
        assert!(!ig.excluded("src/main.rs"));
    }

    #[test]
    fn sources_stay_in_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub/a.txt"), "a").unwrap();
        fs::write(root.join("sub/b.txt"), "b").unwrap();
        fs::write(root.join("c.log"), "c").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", root.join("link")).unwrap();
        let sr = SourceRoot {
            root: root.to_path_buf(),
            ignore: Ignore::parse("*.log").unwrap(),
            keep_owner: false,
            what: "build context".into(),
        };
        assert!(matches!(sr.resolve("../x"), Err(SourceError::Outside(..))));
        assert!(matches!(
            sr.resolve("c.log"),
            Err(SourceError::NotFound(..))
        ));
        let g = sr.resolve("sub/*.txt").unwrap();
        assert_eq!(
            g.iter().map(|s| s.rel.as_str()).collect::<Vec<_>>(),
            ["sub/a.txt", "sub/b.txt"]
        );
        // A symlink is followed inside the root only.
        assert!(matches!(sr.resolve("link"), Err(SourceError::NotFound(..))));
        assert!(matches!(sr.resolve("*.log"), Err(SourceError::NoMatch(..))));
    }

    #[test]
    fn a_link_never_reaches_an_ignored_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("secret.txt"), "secret").unwrap();
        fs::create_dir(root.join("private")).unwrap();
        fs::write(root.join("private/key"), "key").unwrap();
        fs::create_dir(root.join("pub")).unwrap();
        fs::write(root.join("pub/ok"), "ok").unwrap();
        std::os::unix::fs::symlink("secret.txt", root.join("to-secret")).unwrap();
        std::os::unix::fs::symlink("/private", root.join("to-private")).unwrap();
        std::os::unix::fs::symlink("../secret.txt", root.join("pub/up")).unwrap();
        let sr = SourceRoot {
            root: root.to_path_buf(),
            ignore: Ignore::parse("secret.txt\nprivate\n").unwrap(),
            keep_owner: false,
            what: "build context".into(),
        };
        for src in ["to-secret", "to-private", "to-private/key", "pub/up"] {
            assert!(
                matches!(sr.resolve(src), Err(SourceError::NotFound(..))),
                "{src}"
            );
        }
        assert!(matches!(sr.resolve("to-*"), Err(SourceError::NoMatch(..))));
        // A directory copied whole leaves out the link to the ignored file.
        let dest = tempfile::tempdir().unwrap();
        let srcs = sr.resolve("pub").unwrap();
        sr.copy(&srcs[0], &dest.path().join("pub"), &CopyOptions::default())
            .unwrap();
        assert_eq!(
            fs::read_to_string(dest.path().join("pub/ok")).unwrap(),
            "ok"
        );
        // The link itself is copied as a link (as docker does), not what it names.
        assert!(
            fs::symlink_metadata(dest.path().join("pub/up"))
                .map(|m| m.file_type().is_symlink())
                .unwrap_or(true)
        );
    }
}
