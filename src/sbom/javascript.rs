//! Installed npm packages: every `package.json` (lock files describe what
//! would be installed, not what is, and are not read for images). Scoped
//! names (`@scope/name`) put the scope in the PURL's namespace.

use serde::Deserialize;
use serde_json::{Value, json};

use super::purl::Purl;
use super::tree::Tree;
use super::{Finder, Location, Package, PkgType};

pub const CATALOGER: &str = "javascript-package-cataloger";
pub const GLOBS: [&str; 1] = ["**/package.json"];
const MANIFEST_LIMIT: u64 = 16 << 20;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Manifest {
    name: String,
    version: String,
    license: Value,
    licenses: Value,
    description: String,
    homepage: String,
    private: bool,
}

pub fn catalog(tree: &Tree, found: &Finder) -> Vec<Package> {
    let mut out = Vec::new();
    for loc in found.files(&GLOBS) {
        let Ok(bytes) = tree.read(&loc.path, MANIFEST_LIMIT) else {
            continue;
        };
        // Like Go's json.Decoder, several values one after another are
        // several packages; a malformed file is none.
        let stream = serde_json::Deserializer::from_slice(&bytes).into_iter::<Value>();
        let values: Result<Vec<Value>, _> = stream.collect();
        let Ok(values) = values else { continue };
        for v in values {
            let Ok(m) = Manifest::deserialize(&v) else {
                continue;
            };
            out.push(package(m, loc.clone()));
        }
    }
    out
}

/// `"license": "MIT"`, `{"type": "MIT"}`, or `"licenses": [..]` of either.
fn licenses(m: &Manifest) -> Vec<String> {
    fn one(v: &Value) -> Option<String> {
        match v {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Object(o) => o.get("type").and_then(Value::as_str).map(String::from),
            _ => None,
        }
    }
    if let Some(l) = one(&m.license) {
        return vec![l];
    }
    match &m.licenses {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        v => one(v).into_iter().collect(),
    }
}

fn package(m: Manifest, loc: Location) -> Package {
    let (namespace, short) = match m.name.split_once('/') {
        Some((ns, n)) => (ns.to_string(), n.to_string()),
        None => (String::new(), m.name.clone()),
    };
    let purl = Purl::new("npm", &namespace, &short, &m.version).to_string();
    Package {
        licenses: licenses(&m),
        metadata: json!({
            "name": m.name,
            "version": m.version,
            "description": m.description,
            "homepage": m.homepage,
            "private": m.private,
        }),
        name: m.name,
        version: m.version,
        kind: PkgType::Npm,
        found_by: CATALOGER,
        locations: vec![loc],
        language: "javascript",
        cpes: Vec::new(),
        purl,
        owned: Vec::new(),
        metadata_type: "javascript-npm-package",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn license_shapes() {
        let m: Manifest = serde_json::from_str(
            r#"{"name":"@a/b","version":"1.0.0","licenses":[{"type":"MIT"},"ISC"]}"#,
        )
        .unwrap();
        assert_eq!(licenses(&m), ["MIT", "ISC"]);
        let loc = Location {
            path: "/n/package.json".into(),
            access: None,
            layer: None,
        };
        assert_eq!(package(m, loc).purl, "pkg:npm/%40a/b@1.0.0");
    }
}
