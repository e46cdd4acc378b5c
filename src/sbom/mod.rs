//! Software bills of materials: what packages a filesystem holds, found as
//! syft finds them (same catalogers, names, versions, types and PURLs, so
//! the package set of an image equals syft 1.18.1's), written as SPDX 2.3
//! or CycloneDX JSON, and two SBOMs compared by their packages.
//!
//! The catalogers read a [`tree::Tree`]: an image's squashed layers or a
//! directory. OS package databases (dpkg, apk, rpm), installed Python and
//! npm packages, Go and cargo-auditable binaries, and a byte-pattern
//! classifier for well-known binaries. A binary the classifier found is
//! dropped when an OS package says it installed that file (syft's rule:
//! the package manager knows better).

pub mod apk;
pub mod binary;
pub mod cyclonedx;
pub mod diff;
pub mod distro;
pub mod document;
pub mod dpkg;
pub mod elf;
pub mod javascript;
pub mod package;
pub mod purl;
pub mod python;
pub mod rpm;
pub mod spdx;
pub mod stream;
pub mod tree;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use distro::Release;
pub use package::{Location, Package, PkgType};
use tree::{Kind, Tree};

#[derive(Debug, thiserror::Error)]
pub enum SbomError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{what} is not an SBOM ccr reads: {why}")]
    Unreadable { what: String, why: String },
    #[error("unknown SBOM format {0:?}")]
    Format(String),
    #[error(
        "{image}@{digest}: the content differs from its signed SBOM ({differences}); the image was not kept"
    )]
    Mismatch {
        image: String,
        digest: String,
        differences: String,
    },
}

impl SbomError {
    pub fn hint(&self) -> Option<String> {
        match self {
            SbomError::Format(_) => Some(
                "formats: spdx-json, cyclonedx-json (cyclonedx-json@1.5, @1.6), json, table".into(),
            ),
            SbomError::Unreadable { .. } => {
                Some("give an SPDX 2.x or CycloneDX JSON document, or an image".into())
            }
            SbomError::Read { .. } => None,
            SbomError::Mismatch { .. } => Some(
                "the image is not what its SBOM attestation describes: do not use it; if the change is intended, attest the new content".into(),
            ),
        }
    }
}

impl Location {
    /// The regular file at `path` (followed through symlinks).
    pub fn at(tree: &Tree, path: &str) -> Option<Location> {
        let real = tree.resolve_file(path)?;
        let layer = tree
            .node(&real)
            .and_then(|n| tree.layer_id(n.layer))
            .map(String::from);
        Some(Location {
            access: (real != path).then(|| path.to_string()),
            path: real,
            layer,
        })
    }
}

/// What a tree holds.
#[derive(Debug, Default)]
pub struct Catalog {
    pub distro: Option<Release>,
    pub packages: Vec<Package>,
}

/// Files matched by the catalogers' globs, found in one pass over the tree.
pub struct Finder {
    by_glob: HashMap<&'static str, Vec<Location>>,
    /// Every visible regular file (for catalogers that look at content).
    pub files: Vec<String>,
}

impl Finder {
    pub fn new(tree: &Tree, globs: &[&'static str]) -> Finder {
        let mut set = GlobSetBuilder::new();
        for g in globs {
            set.add(
                GlobBuilder::new(g)
                    .literal_separator(true)
                    .build()
                    .expect("cataloger globs are valid"),
            );
        }
        let set: GlobSet = set.build().expect("cataloger globs are valid");
        let mut by_glob: HashMap<&'static str, Vec<Location>> = HashMap::new();
        let mut files = Vec::new();
        for (path, node) in tree.paths() {
            match node.kind {
                Kind::File => files.push(path.to_string()),
                Kind::Symlink(_) => {}
                Kind::Dir | Kind::Other => continue,
            }
            let hits = set.matches(path);
            if hits.is_empty() {
                continue;
            }
            let Some(loc) = Location::at(tree, path) else {
                continue;
            };
            for i in hits {
                by_glob.entry(globs[i]).or_default().push(loc.clone());
            }
        }
        Finder { by_glob, files }
    }

    /// The files any of `globs` matched, each real file once, in path order.
    pub fn files(&self, globs: &[&str]) -> Vec<Location> {
        let mut seen = HashSet::new();
        let mut out: Vec<Location> = globs
            .iter()
            .filter_map(|g| self.by_glob.get(g))
            .flatten()
            .filter(|l| seen.insert(l.path.clone()))
            .cloned()
            .collect();
        out.sort();
        out
    }

    /// Every match of one glob, symlinks included (each path that reached
    /// a file), in path order.
    pub fn matches(&self, glob: &str) -> &[Location] {
        self.by_glob.get(glob).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Every glob a cataloger looks for files by.
pub fn all_globs() -> Vec<&'static str> {
    let mut g: Vec<&'static str> = Vec::new();
    g.extend(dpkg::GLOBS);
    g.extend(apk::GLOBS);
    g.extend(rpm::GLOBS);
    g.extend(python::GLOBS);
    g.extend(javascript::GLOBS);
    g.extend(binary::globs());
    g.sort();
    g.dedup();
    g
}

/// Everything the catalogers find in `tree`.
pub fn catalog(tree: &Tree) -> Catalog {
    let release = distro::identify(tree);
    let finder = Finder::new(tree, &all_globs());
    let r = release.as_ref();
    let (f, t) = (&finder, tree);
    let found: Vec<Vec<Package>> = std::thread::scope(|s| {
        let jobs: Vec<std::thread::ScopedJoinHandle<'_, Vec<Package>>> = vec![
            s.spawn(move || dpkg::catalog(t, f, r)),
            s.spawn(move || apk::catalog(t, f, r)),
            s.spawn(move || rpm::catalog(t, f, r)),
            s.spawn(move || python::catalog(t, f)),
            s.spawn(move || javascript::catalog(t, f)),
            s.spawn(move || binary::catalog(t, f)),
            s.spawn(move || elf::catalog(t, f)),
        ];
        jobs.into_iter()
            .map(|j| j.join().unwrap_or_default())
            .collect()
    });
    let mut packages: Vec<Package> = found.into_iter().flatten().collect();
    exclude_owned_binaries(tree, &mut packages);
    comply(&mut packages);
    packages.sort_by(|a, b| {
        (&a.name, &a.version, a.kind, &a.purl, &a.locations).cmp(&(
            &b.name,
            &b.version,
            b.kind,
            &b.purl,
            &b.locations,
        ))
    });
    Catalog {
        distro: release,
        packages,
    }
}

/// The package manager's database files are no one's to own (the rpm
/// package would own every other package), nor are shared copyright files.
fn never_owned(path: &str) -> bool {
    path.contains("/lib/dpkg/status")
        || path.ends_with("/lib/apk/db/installed")
        || (path.contains("/rpm/")
            && (path.ends_with("/Packages")
                || path.ends_with("/Packages.db")
                || path.ends_with("/rpmdb.sqlite")))
        || (path.starts_with("/usr/share/doc/") && path.ends_with("/copyright"))
}

/// A classifier's finding in a file an OS package installed is that
/// package, already listed: drop it. The package manager's paths are
/// followed through symlinks (`/bin/bash` is `/usr/bin/bash` on a merged
/// /usr), as well as matched as written.
fn exclude_owned_binaries(tree: &Tree, packages: &mut Vec<Package>) {
    let mut owned: BTreeSet<String> = BTreeSet::new();
    for p in packages.iter().filter(|p| p.kind.is_os()) {
        for f in &p.owned {
            if let Some(real) = tree.resolve_file(f) {
                owned.insert(real);
            }
            if !never_owned(f) {
                owned.insert(f.clone());
            }
        }
    }
    packages.retain(|p| {
        p.kind != PkgType::Binary
            || !p
                .locations
                .iter()
                .any(|l| owned.contains(&l.path) || owned.contains(l.access_path()))
    });
}

/// syft's defaults for incomplete packages: no name, dropped; no version,
/// "UNKNOWN".
fn comply(packages: &mut Vec<Package>) {
    packages.retain(|p| !p.name.trim().is_empty());
    for p in packages.iter_mut() {
        if p.version.trim().is_empty() {
            p.version = "UNKNOWN".into();
        }
    }
}

/// The comparable identity of a package: type, name, version and PURL
/// (without id qualifiers).
pub type Key = (String, String, String, String);

pub fn key(kind: &str, name: &str, version: &str, purl: &str) -> Key {
    (
        kind.to_string(),
        name.to_string(),
        version.to_string(),
        purl::without_ids(purl),
    )
}

/// The multiset of package keys of a catalog.
pub fn package_set(packages: &[Package]) -> BTreeMap<Key, usize> {
    let mut m = BTreeMap::new();
    for p in packages {
        *m.entry(key(p.kind.as_str(), &p.name, &p.version, &p.purl))
            .or_insert(0) += 1;
    }
    m
}
