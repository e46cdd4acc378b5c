//! Debian packages: `**/lib/dpkg/status` and distroless's
//! `**/lib/dpkg/status.d/*`, each stanza one package (whatever its
//! `Status`, as syft counts them), with the files dpkg says it installed
//! (`info/<pkg>.md5sums`, `.conffiles`) and the licenses its
//! `/usr/share/doc/<pkg>/copyright` names.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::distro::Release;
use super::purl::{Purl, distro_qualifier};
use super::tree::Tree;
use super::{Finder, Location, Package, PkgType};

pub const CATALOGER: &str = "dpkg-db-cataloger";
pub const GLOBS: [&str; 2] = ["**/lib/dpkg/status", "**/lib/dpkg/status.d/*"];
const DB_LIMIT: u64 = 256 << 20;
const INFO_LIMIT: u64 = 64 << 20;

pub fn catalog(tree: &Tree, found: &Finder, release: Option<&Release>) -> Vec<Package> {
    let mut out = Vec::new();
    for db in found.files(&GLOBS) {
        let Ok(bytes) = tree.read(&db.path, DB_LIMIT) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for stanza in stanzas(&text) {
            if let Some(p) = package(tree, &db, &stanza, release) {
                out.push(p);
            }
        }
    }
    out
}

/// The fields of each stanza, in order; continuation lines joined with
/// "\n " as syft joins them.
pub(super) fn stanzas(text: &str) -> Vec<Vec<(String, String)>> {
    let mut all = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for line in text.split('\n') {
        if line.is_empty() {
            if !cur.is_empty() {
                all.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            if let Some((_, v)) = cur.last_mut() {
                v.push_str("\n ");
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':')
            && !k.is_empty()
        {
            cur.push((k.trim().replace('-', ""), v.trim().to_string()));
        }
    }
    if !cur.is_empty() {
        all.push(cur);
    }
    all
}

fn field<'a>(stanza: &'a [(String, String)], key: &str) -> &'a str {
    stanza
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn package(
    tree: &Tree,
    db: &Location,
    stanza: &[(String, String)],
    release: Option<&Release>,
) -> Option<Package> {
    let name = field(stanza, "Package");
    if name.is_empty() {
        return None;
    }
    let version = field(stanza, "Version");
    let arch = field(stanza, "Architecture");
    // `Source: name (version)` when the source version differs.
    static SOURCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\S+)( \((.*)\))?").expect("valid"));
    let (source, source_version) = match SOURCE.captures(field(stanza, "Source")) {
        Some(c) => (
            c.get(1).map_or("", |m| m.as_str()).to_string(),
            c.get(3).map_or("", |m| m.as_str()).to_string(),
        ),
        None => (String::new(), String::new()),
    };

    let dir = parent(&db.path);
    let info = if dir.ends_with("status.d") {
        dir.to_string()
    } else {
        format!("{dir}/info")
    };
    let mut locations = vec![db.clone()];
    // dpkg's own record of each package: info/<pkg>.* (or status.d/<pkg>.*).
    let prefix = format!("{info}/{name}.");
    for (p, _) in tree.children(&info) {
        if p.starts_with(&prefix)
            && let Some(l) = Location::at(tree, p)
        {
            locations.push(l);
        }
    }

    let owned = owned_files(tree, stanza, name, arch, dir, &info);
    let mut licenses = BTreeSet::new();
    let copyright = format!("/usr/share/doc/{name}/copyright");
    if let Some((real, text)) = tree.read_text(&copyright, INFO_LIMIT) {
        licenses = copyright_licenses(&text);
        if let Some(l) = Location::at(tree, &real) {
            locations.push(l);
        }
    }

    let purl = release.filter(|r| r.is_like("debian")).map(|r| {
        let upstream = match (source.is_empty(), source_version.is_empty()) {
            (true, _) => String::new(),
            (false, true) => source.clone(),
            (false, false) => format!("{source}@{source_version}"),
        };
        Purl::new("deb", &r.id, name, version)
            .qualifier("arch", arch)
            .qualifier("upstream", upstream)
            .qualifier("distro", distro_qualifier(r))
            .to_string()
    });

    let installed_size: u64 = field(stanza, "InstalledSize").parse().unwrap_or(0);
    Some(Package {
        name: name.to_string(),
        version: version.to_string(),
        kind: PkgType::Deb,
        found_by: CATALOGER,
        locations,
        licenses: licenses.into_iter().collect(),
        language: "",
        cpes: Vec::new(),
        purl: purl.unwrap_or_default(),
        owned: owned.into_iter().collect(),
        metadata_type: "dpkg-db-entry",
        metadata: json!({
            "package": name,
            "source": source,
            "version": version,
            "sourceVersion": source_version,
            "architecture": arch,
            "maintainer": field(stanza, "Maintainer"),
            "installedSize": installed_size,
        }),
    })
}

/// The files a package owns, as dpkg records them: its conffiles and the
/// paths of its md5sums (under `<name>:<arch>` or `<name>`).
fn owned_files(
    tree: &Tree,
    stanza: &[(String, String)],
    name: &str,
    arch: &str,
    dir: &str,
    info: &str,
) -> BTreeSet<String> {
    let mut owned: BTreeSet<String> = BTreeSet::new();
    for line in field(stanza, "Conffiles").lines() {
        if let Some(p) = line.split_whitespace().next() {
            owned.insert(p.to_string());
        }
    }
    let keys = if arch.is_empty() || arch == "all" {
        vec![name.to_string()]
    } else {
        vec![format!("{name}:{arch}"), name.to_string()]
    };
    for (ext, conffiles_dir) in [
        ("md5sums", info.to_string()),
        ("conffiles", format!("{dir}/info")),
    ] {
        let found = keys
            .iter()
            .find_map(|k| tree.resolve_file(&format!("{conffiles_dir}/{k}.{ext}")));
        let Some(real) = found else { continue };
        let Ok(bytes) = tree.read(&real, INFO_LIMIT) else {
            continue;
        };
        for line in String::from_utf8_lossy(&bytes).lines() {
            let path = if ext == "md5sums" {
                // "<md5>  <path without leading slash>"
                line.split_once(char::is_whitespace)
                    .map(|(_, p)| p.trim_start())
                    .unwrap_or("")
            } else {
                line.split_whitespace().next().unwrap_or("")
            };
            if path.is_empty() {
                continue;
            }
            let path = if path.starts_with('/') {
                path.to_string()
            } else {
                format!("/{path}")
            };
            owned.insert(path);
        }
    }

    owned
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// `License: X` lines and `/usr/share/common-licenses/X` mentions; none
/// that is a compound ("a or b"), "none", or empty.
pub(super) fn copyright_licenses(text: &str) -> BTreeSet<String> {
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^License: (\S*)").expect("valid"));
    static COMMON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/usr/share/common-licenses/([0-9A-Za-z_.\-]+)").expect("valid")
    });
    let mut out = BTreeSet::new();
    for line in text.lines() {
        for re in [&*FIELD, &*COMMON] {
            if let Some(c) = re.captures(line) {
                let cand = c[1].trim();
                if cand.contains(" or ") || cand.contains(" and ") {
                    continue;
                }
                if !cand.is_empty() && !cand.eq_ignore_ascii_case("none") {
                    out.insert(cand.strip_suffix('.').unwrap_or(cand).to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stanzas_and_continuations() {
        let s = stanzas(
            "Package: a\nStatus: install ok installed\nDescription: x\n more\n\nPackage: b\nSource: bsrc (1.0-1)\nPre-Depends: c\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(field(&s[0], "Description"), "x\n more");
        assert_eq!(field(&s[1], "PreDepends"), "c");
    }

    #[test]
    fn licenses_from_copyright() {
        let l = copyright_licenses(
            "Files: *\nLicense: GPL-2+\nLicense: BSD-3-clause or MIT\nLicense: none\n see /usr/share/common-licenses/GPL-2.\n",
        );
        assert_eq!(
            l.into_iter().collect::<Vec<_>>(),
            ["BSD-3-clause", "GPL-2", "GPL-2+"]
        );
    }
}
