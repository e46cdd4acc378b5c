//! Installed Python packages: wheels' `*.dist-info/METADATA`, eggs'
//! `*.egg-info/PKG-INFO` and `.egg-info` files, read as RFC 5322 headers.
//! Names are normalised as PyPI normalises them (lower case, runs of
//! `-_.` one `-`); a `direct_url.json` from a VCS adds `vcs_url`.

use serde_json::json;

use super::purl::Purl;
use super::tree::Tree;
use super::{Finder, Location, Package, PkgType};

pub const CATALOGER: &str = "python-installed-package-cataloger";
pub const GLOBS: [&str; 5] = [
    "**/*.egg-info",
    "**/*dist-info/METADATA",
    "**/*egg-info/PKG-INFO",
    "**/*DIST-INFO/METADATA",
    "**/*EGG-INFO/PKG-INFO",
];
const METADATA_LIMIT: u64 = 16 << 20;

pub fn catalog(tree: &Tree, found: &Finder) -> Vec<Package> {
    found
        .files(&GLOBS)
        .into_iter()
        .filter_map(|loc| package(tree, loc))
        .collect()
}

/// The header fields before the first blank line; continuation lines
/// (leading space) joined to the field before.
pub(super) fn headers(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            if !out.is_empty() {
                break;
            }
            continue;
        }
        if line.starts_with(' ') {
            if let Some((_, v)) = out.last_mut() {
                v.push('\n');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':')
            && !k.is_empty()
        {
            out.push((k.trim().replace('-', ""), v.trim().to_string()));
        }
    }
    out
}

fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.extend(c.to_lowercase());
            in_run = false;
        }
    }
    out
}

fn package(tree: &Tree, loc: Location) -> Option<Package> {
    let bytes = tree.read(&loc.path, METADATA_LIMIT).ok()?;
    let fields = headers(&String::from_utf8_lossy(&bytes));
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let raw_name = get("Name");
    if raw_name.is_empty() || raw_name == "Python" {
        return None;
    }
    let name = normalize(&raw_name);
    let version = get("Version");
    let dir = loc.path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let mut locations = vec![loc.clone()];
    for side in ["RECORD", "installed-files.txt", "top_level.txt"] {
        if let Some(l) = Location::at(tree, &format!("{dir}/{side}")) {
            locations.push(l);
        }
    }
    let mut vcs_url = String::new();
    if let Some((real, text)) = tree.read_text(&format!("{dir}/direct_url.json"), 1 << 20) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            let vcs = v["vcs_info"]["vcs"].as_str().unwrap_or("");
            if !vcs.is_empty() {
                vcs_url = format!(
                    "{vcs}+{}@{}",
                    v["url"].as_str().unwrap_or(""),
                    v["vcs_info"]["commit_id"].as_str().unwrap_or("")
                );
            }
        }
        if let Some(l) = Location::at(tree, &real) {
            locations.push(l);
        }
    }
    let expression = get("LicenseExpression");
    let license = get("License");
    let licenses = if !expression.is_empty() {
        vec![expression]
    } else if !license.is_empty() && !license.eq_ignore_ascii_case("UNKNOWN") {
        vec![license]
    } else {
        Vec::new()
    };
    let purl = Purl::new("pypi", "", &name, &version)
        .qualifier("vcs_url", vcs_url)
        .to_string();
    Some(Package {
        metadata: json!({
            "name": raw_name,
            "version": version,
            "author": get("Author"),
            "authorEmail": get("AuthorEmail"),
            "platform": get("Platform"),
            "sitePackagesRootPath": site_packages_root(&loc.path),
        }),
        name,
        version,
        kind: PkgType::Python,
        found_by: CATALOGER,
        locations,
        licenses,
        language: "python",
        cpes: Vec::new(),
        purl,
        owned: Vec::new(),
        metadata_type: "python-package",
    })
}

fn site_packages_root(path: &str) -> String {
    let parent = |p: &str| {
        p.rsplit_once('/')
            .map(|(d, _)| d.to_string())
            .unwrap_or_default()
    };
    if path.ends_with(".egg-info") {
        parent(path)
    } else {
        parent(&parent(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised_as_pypi_does() {
        assert_eq!(normalize("Foo__Bar.baz-Qux"), "foo-bar-baz-qux");
        assert_eq!(normalize("PyYAML"), "pyyaml");
    }

    #[test]
    fn only_the_header_block_counts() {
        let h = headers(
            "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n\nName: not-this\n",
        );
        assert_eq!(h.iter().filter(|(k, _)| k == "Name").count(), 1);
        assert_eq!(h[0].0, "MetadataVersion");
    }
}
