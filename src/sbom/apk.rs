//! Alpine packages: `**/lib/apk/db/installed`, one `X:value` record per
//! package, blank-line separated; `F:` names a directory and the `R:`
//! lines after it its files.

use std::collections::BTreeSet;

use serde_json::json;

use super::distro::Release;
use super::purl::{Purl, distro_qualifier};
use super::tree::Tree;
use super::{Finder, Location, Package, PkgType};

pub const CATALOGER: &str = "apk-db-cataloger";
pub const GLOBS: [&str; 1] = ["**/lib/apk/db/installed"];
const DB_LIMIT: u64 = 256 << 20;

#[derive(Default)]
struct Record {
    name: String,
    version: String,
    arch: String,
    license: String,
    origin: String,
    maintainer: String,
    files: BTreeSet<String>,
    dir: String,
}

pub fn catalog(tree: &Tree, found: &Finder, release: Option<&Release>) -> Vec<Package> {
    let mut out = Vec::new();
    for db in found.files(&GLOBS) {
        let Ok(bytes) = tree.read(&db.path, DB_LIMIT) else {
            continue;
        };
        // Without an os-release, /etc/apk/repositories names the release.
        let from_repos = if release.is_none() {
            repositories_release(tree, &db.path)
        } else {
            None
        };
        let release = release.or(from_repos.as_ref());
        for r in records(&String::from_utf8_lossy(&bytes)) {
            out.push(package(&db, r, release));
        }
    }
    out
}

fn records(text: &str) -> Vec<Record> {
    let mut all = Vec::new();
    let mut cur = Record::default();
    let mut started = false;
    for line in text.lines() {
        if line.is_empty() {
            if started {
                all.push(std::mem::take(&mut cur));
            }
            started = false;
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        if k.is_empty() || v.is_empty() {
            continue;
        }
        started = true;
        match k {
            "P" => cur.name = v.to_string(),
            "V" => cur.version = v.to_string(),
            "A" => cur.arch = v.to_string(),
            "L" => cur.license = v.to_string(),
            "o" => cur.origin = v.to_string(),
            "m" => cur.maintainer = v.to_string(),
            "F" => cur.dir = v.to_string(),
            "R" => {
                let path = if cur.dir.is_empty() {
                    format!("/{v}")
                } else {
                    format!("/{}/{v}", cur.dir)
                };
                cur.files.insert(path);
            }
            _ => {}
        }
    }
    if started {
        all.push(cur);
    }
    all
}

fn package(db: &Location, r: Record, release: Option<&Release>) -> Package {
    let purl = release.map(|rel| {
        let upstream = if r.origin != r.name {
            r.origin.clone()
        } else {
            String::new()
        };
        Purl::new("apk", &rel.id.to_lowercase(), &r.name, &r.version)
            .qualifier("arch", r.arch.clone())
            .qualifier("upstream", upstream)
            .qualifier("distro", distro_qualifier(rel))
            .to_string()
    });
    // A valid SPDX expression is one license; otherwise space-separated names.
    let licenses: Vec<String> = if r.license.is_empty() {
        Vec::new()
    } else if spdx::Expression::parse(&r.license).is_ok() {
        vec![r.license.clone()]
    } else {
        r.license
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    Package {
        metadata: json!({
            "package": r.name,
            "originPackage": r.origin,
            "maintainer": r.maintainer,
            "version": r.version,
            "architecture": r.arch,
        }),
        name: r.name,
        version: r.version,
        kind: PkgType::Apk,
        found_by: CATALOGER,
        locations: vec![db.clone()],
        licenses,
        language: "",
        cpes: Vec::new(),
        purl: purl.unwrap_or_default(),
        owned: r.files.into_iter().collect(),
        metadata_type: "apk-db-entry",
    }
}

fn repositories_release(tree: &Tree, db: &str) -> Option<Release> {
    // <root>/lib/apk/db/installed → <root>/etc/apk/repositories
    let root = db.strip_suffix("/lib/apk/db/installed")?;
    let (_, text) = tree.read_text(&format!("{root}/etc/apk/repositories"), 1 << 20)?;
    let re = regex::Regex::new(r"(?m)^https?://.*/alpine/v([^/]+)/").expect("valid");
    let v = re.captures(&text)?.get(1)?.as_str().to_string();
    Some(Release {
        id: "alpine".into(),
        version_id: v.clone(),
        version: v,
        name: "Alpine Linux".into(),
        ..Release::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_their_files() {
        let r = records(
            "C:Q1x=\nP:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\nR:libc.musl-x86_64.so.1\n\nP:busybox-binsh\nV:1.36.1-r15\nA:x86_64\nL:GPL-2.0-only\no:busybox\nF:bin\nR:sh\n",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].files.iter().next().unwrap(),
            "/lib/ld-musl-x86_64.so.1"
        );
        let rel = Release {
            id: "alpine".into(),
            version_id: "3.19.1".into(),
            ..Release::default()
        };
        let db = Location {
            path: "/lib/apk/db/installed".into(),
            access: None,
            layer: None,
        };
        let p = package(&db, r.into_iter().nth(1).unwrap(), Some(&rel));
        assert_eq!(
            p.purl,
            "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1&upstream=busybox"
        );
    }
}
