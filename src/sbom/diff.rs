//! Two SBOMs compared by what they say is installed: packages added,
//! removed, and changed (same type and name, another version, PURL or
//! license set). Document ids, SPDX ids and bom-refs, namespaces, serial
//! numbers, timestamps, tool versions, CPEs and file lists are not
//! compared: two SBOMs of the same content by different runs (or tools)
//! are equal.
//!
//! Reads SPDX 2.x JSON, CycloneDX JSON (any 1.x) and syft's own JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::SbomError;
use super::document::spdx_id;

/// A package as an SBOM lists it, reduced to what is compared.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Entry {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub version: String,
    pub purl: String,
    pub licenses: BTreeSet<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Change {
    pub before: Entry,
    pub after: Entry,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub changed: Vec<Change>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A package type from a PURL's type, for documents that carry no type.
fn type_of_purl(purl: &str) -> Option<&'static str> {
    let t = purl.strip_prefix("pkg:")?.split('/').next()?;
    Some(match t {
        "deb" => "deb",
        "apk" => "apk",
        "rpm" => "rpm",
        "pypi" => "python",
        "npm" => "npm",
        "golang" => "go-module",
        "cargo" => "rust-crate",
        "generic" => "binary",
        "maven" => "java-archive",
        "gem" => "gem",
        _ => return None,
    })
}

fn normalise_licenses<'a>(names: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    names
        .filter(|l| !l.is_empty() && *l != "NOASSERTION" && *l != "NONE")
        .map(|l| spdx_id(l).unwrap_or_else(|| l.to_string()))
        .collect()
}

/// The packages a JSON SBOM lists (its subject, the image or directory
/// itself, and an operating-system entry are not packages).
pub fn entries(doc: &Value, what: &str) -> Result<Vec<Entry>, SbomError> {
    let unreadable = |why: &str| SbomError::Unreadable {
        what: what.to_string(),
        why: why.to_string(),
    };
    if doc.get("spdxVersion").is_some() {
        return spdx_entries(doc).ok_or_else(|| unreadable("an SPDX document without packages"));
    }
    if doc["bomFormat"] == "CycloneDX" {
        return Ok(cyclonedx_entries(doc));
    }
    if let Some(artifacts) = doc["artifacts"].as_array() {
        return Ok(syft_entries(artifacts));
    }
    Err(unreadable(
        "neither SPDX (spdxVersion), CycloneDX (bomFormat) nor syft JSON (artifacts)",
    ))
}

/// An SPDX document's packages, but what it DESCRIBES (the image itself).
fn spdx_entries(doc: &Value) -> Option<Vec<Entry>> {
    let described: BTreeSet<&str> = doc["relationships"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| {
            r["relationshipType"] == "DESCRIBES" && r["spdxElementId"] == "SPDXRef-DOCUMENT"
        })
        .filter_map(|r| r["relatedSpdxElement"].as_str())
        .collect();
    let packages = doc["packages"].as_array()?;
    let mut out = Vec::new();
    for p in packages {
        let id = p["SPDXID"].as_str().unwrap_or("");
        if described.contains(id) || id.starts_with("SPDXRef-DocumentRoot") {
            continue;
        }
        let purl = p["externalRefs"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|r| r["referenceType"] == "purl")
            .and_then(|r| r["referenceLocator"].as_str())
            .unwrap_or("")
            .to_string();
        let kind = spdx_type(id)
            .or_else(|| type_of_purl(&purl).map(String::from))
            .unwrap_or_default();
        let declared = p["licenseDeclared"].as_str().unwrap_or("");
        out.push(Entry {
            kind,
            name: p["name"].as_str().unwrap_or("").to_string(),
            version: p["versionInfo"].as_str().unwrap_or("").to_string(),
            licenses: normalise_licenses(
                declared
                    .split(" AND ")
                    .map(|s| s.trim().trim_start_matches('(').trim_end_matches(')')),
            ),
            purl: super::purl::without_ids(&purl),
        });
    }
    Some(out)
}

/// A CycloneDX document's components, nested ones too, but the OS.
fn cyclonedx_entries(doc: &Value) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = doc["components"].as_array().into_iter().flatten().collect();
    while let Some(c) = stack.pop() {
        stack.extend(c["components"].as_array().into_iter().flatten());
        let t = c["type"].as_str().unwrap_or("");
        if t == "operating-system" {
            continue;
        }
        let purl = c["purl"].as_str().unwrap_or("").to_string();
        let kind = c["properties"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == "syft:package:type")
            .and_then(|p| p["value"].as_str())
            .map(String::from)
            .or_else(|| type_of_purl(&purl).map(String::from))
            .unwrap_or_default();
        let licenses = c["licenses"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|l| {
                if let Some(e) = l["expression"].as_str() {
                    e.split(" AND ").map(str::to_string).collect::<Vec<_>>()
                } else {
                    let lic = &l["license"];
                    vec![
                        lic["id"]
                            .as_str()
                            .or(lic["name"].as_str())
                            .unwrap_or("")
                            .to_string(),
                    ]
                }
            })
            .collect::<Vec<_>>();
        out.push(Entry {
            kind,
            name: c["name"].as_str().unwrap_or("").to_string(),
            version: c["version"].as_str().unwrap_or("").to_string(),
            licenses: normalise_licenses(licenses.iter().map(String::as_str)),
            purl: super::purl::without_ids(&purl),
        });
    }
    out.sort();
    out
}

/// syft JSON's artifacts.
fn syft_entries(artifacts: &[Value]) -> Vec<Entry> {
    artifacts
        .iter()
        .map(|a| Entry {
            kind: a["type"].as_str().unwrap_or("").to_string(),
            name: a["name"].as_str().unwrap_or("").to_string(),
            version: a["version"].as_str().unwrap_or("").to_string(),
            purl: super::purl::without_ids(a["purl"].as_str().unwrap_or("")),
            licenses: normalise_licenses(a["licenses"].as_array().into_iter().flatten().map(|l| {
                l["spdxExpression"]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .or(l["value"].as_str())
                    .unwrap_or("")
            })),
        })
        .collect()
}

/// syft's SPDX ids say the type: `SPDXRef-Package-<type>-<name>-<id>`.
fn spdx_type(id: &str) -> Option<String> {
    let rest = id.strip_prefix("SPDXRef-Package-")?;
    const TYPES: [&str; 12] = [
        "go-module",
        "rust-crate",
        "java-archive",
        "binary",
        "python",
        "npm",
        "deb",
        "apk",
        "rpm",
        "gem",
        "php-composer",
        "dotnet",
    ];
    TYPES
        .iter()
        .find(|t| rest.starts_with(&format!("{t}-")))
        .map(|t| t.to_string())
}

/// What changed from `a` to `b`. With `licenses` false, license sets are
/// not compared.
pub fn compare(a: &[Entry], b: &[Entry], licenses: bool) -> Report {
    let strip = |e: &Entry| {
        let mut e = e.clone();
        if !licenses {
            e.licenses.clear();
        }
        e
    };
    let mut left: BTreeMap<(String, String), Vec<Entry>> = BTreeMap::new();
    let mut right: BTreeMap<(String, String), Vec<Entry>> = BTreeMap::new();
    for e in a {
        left.entry((e.kind.clone(), e.name.clone()))
            .or_default()
            .push(strip(e));
    }
    for e in b {
        right
            .entry((e.kind.clone(), e.name.clone()))
            .or_default()
            .push(strip(e));
    }
    let keys: BTreeSet<(String, String)> = left.keys().chain(right.keys()).cloned().collect();
    let mut report = Report::default();
    for k in keys {
        let mut l = left.remove(&k).unwrap_or_default();
        let mut r = right.remove(&k).unwrap_or_default();
        l.sort();
        r.sort();
        // What both sides list is unchanged.
        let mut only_l = Vec::new();
        for e in l {
            if let Some(i) = r.iter().position(|x| *x == e) {
                r.remove(i);
            } else {
                only_l.push(e);
            }
        }
        let mut only_r = r.into_iter();
        for before in only_l {
            match only_r.next() {
                Some(after) => report.changed.push(Change { before, after }),
                None => report.removed.push(before),
            }
        }
        report.added.extend(only_r);
    }
    report
}

/// One line per difference, as a reader scans them.
impl Report {
    /// The report as `sbom diff` prints it.
    pub fn text(&self) -> String {
        render(self)
    }
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let show = |e: &Entry| {
        let mut s = format!("{} {} {}", e.kind, e.name, e.version);
        if !e.purl.is_empty() {
            s.push_str(&format!(" ({})", e.purl));
        }
        s
    };
    for e in &report.removed {
        out.push_str(&format!("- {}\n", show(e)));
    }
    for e in &report.added {
        out.push_str(&format!("+ {}\n", show(e)));
    }
    for c in &report.changed {
        let (b, a) = (&c.before, &c.after);
        let mut what = Vec::new();
        if b.version != a.version {
            what.push(format!("version {} -> {}", b.version, a.version));
        }
        if b.purl != a.purl {
            what.push(format!("purl {} -> {}", b.purl, a.purl));
        }
        if b.licenses != a.licenses {
            let j = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(" AND ");
            what.push(format!("licenses {} -> {}", j(&b.licenses), j(&a.licenses)));
        }
        out.push_str(&format!("~ {} {}: {}\n", b.kind, b.name, what.join("; ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(kind: &str, name: &str, version: &str) -> Entry {
        Entry {
            kind: kind.into(),
            name: name.into(),
            version: version.into(),
            purl: format!("pkg:deb/debian/{name}@{version}"),
            licenses: BTreeSet::new(),
        }
    }

    #[test]
    fn added_removed_changed() {
        let a = [
            e("deb", "bash", "5.2"),
            e("deb", "gone", "1"),
            e("deb", "same", "1"),
        ];
        let b = [
            e("deb", "bash", "5.3"),
            e("deb", "new", "1"),
            e("deb", "same", "1"),
        ];
        let r = compare(&a, &b, true);
        assert_eq!(r.removed, [e("deb", "gone", "1")]);
        assert_eq!(r.added, [e("deb", "new", "1")]);
        assert_eq!(r.changed.len(), 1);
        assert!(render(&r).contains("~ deb bash: version 5.2 -> 5.3"));
        assert!(compare(&a, &a, true).is_empty());
    }

    #[test]
    fn ids_and_roots_are_not_packages() {
        let doc: Value = serde_json::from_str(
            r#"{"spdxVersion":"SPDX-2.3","packages":[
              {"SPDXID":"SPDXRef-DocumentRoot-Image-x","name":"x","versionInfo":"sha256:1"},
              {"SPDXID":"SPDXRef-Package-go-module-a-1234","name":"a","versionInfo":"v1",
               "licenseDeclared":"MIT AND GPL-2.0-only",
               "externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:golang/a@v1"}]}],
             "relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relatedSpdxElement":"SPDXRef-DocumentRoot-Image-x","relationshipType":"DESCRIBES"}]}"#,
        )
        .unwrap();
        let es = entries(&doc, "t").unwrap();
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].kind, "go-module");
        assert_eq!(es[0].licenses.len(), 2);
        assert!(entries(&serde_json::json!({"x": 1}), "t").is_err());
    }
}
