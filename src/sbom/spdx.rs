//! SPDX 2.3 JSON, shaped as syft writes it: a root package for the image
//! (or directory) that the document describes and that contains every
//! package; each package with its PURL and CPEs as external references and
//! its licenses as an expression (free-text names as `LicenseRef-`s,
//! declared in `hasExtractedLicensingInfos`). Packages are listed with
//! `filesAnalyzed: false`: the document names packages, not every file.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::document::{Sbom, SourceKind, TOOL, TOOL_VERSION, license_ref, spdx_id};
use super::{Package, PkgType};

/// SPDX ids hold letters, digits, `.` and `-`.
fn id_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

pub fn package_id(p: &Package) -> String {
    format!(
        "SPDXRef-Package-{}-{}-{}",
        p.kind.as_str(),
        id_part(&p.name),
        p.id()
    )
}

fn source_info(p: &Package) -> String {
    let what = match p.kind {
        PkgType::Deb => "acquired package info from DPKG DB",
        PkgType::Apk => "acquired package info from APK DB",
        PkgType::Rpm => "acquired package info from RPM DB",
        PkgType::Python => "acquired package info from installed python package manifest file",
        PkgType::Npm => "acquired package info from installed node module manifest file",
        PkgType::GoModule => "acquired package info from go module information",
        PkgType::RustCrate => "acquired package info from Rust binary built with cargo-auditable",
        PkgType::Binary => "acquired package info from the following paths",
    };
    let paths: Vec<&str> = p.locations.iter().map(|l| l.path.as_str()).collect();
    format!("{what}: {}", paths.join(", "))
}

/// The declared license expression and the free-text names it refers to.
fn license_expression(p: &Package, extracted: &mut BTreeMap<String, String>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for l in &p.licenses {
        let part = match spdx_id(l) {
            Some(id) if id.contains(' ') => format!("({id})"),
            Some(id) => id,
            None => {
                let r = license_ref(l);
                extracted.insert(r.clone(), l.clone());
                r
            }
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    if parts.is_empty() {
        "NOASSERTION".into()
    } else {
        parts.join(" AND ")
    }
}

/// A CPE 2.3 string with what its grammar reserves escaped.
fn cpe_escape(cpe: &str) -> String {
    let mut fields: Vec<String> = cpe.splitn(13, ':').map(String::from).collect();
    for f in fields.iter_mut().skip(2) {
        if f == "*" || f == "-" {
            continue;
        }
        let mut out = String::new();
        for c in f.chars() {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '\\') {
                out.push(c);
            } else {
                out.push('\\');
                out.push(c);
            }
        }
        *f = out;
    }
    fields.join(":")
}

pub fn write(sbom: &Sbom) -> Value {
    let src = &sbom.source;
    let (root_id, purpose) = match src.kind {
        SourceKind::Image => (
            format!("SPDXRef-DocumentRoot-Image-{}", id_part(&src.name)),
            "CONTAINER",
        ),
        SourceKind::Directory => (
            format!("SPDXRef-DocumentRoot-Directory-{}", id_part(&src.name)),
            "FILE",
        ),
    };
    let mut root = json!({
        "name": src.name,
        "SPDXID": root_id,
        "supplier": "NOASSERTION",
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": "NOASSERTION",
        "copyrightText": "NOASSERTION",
        "primaryPackagePurpose": purpose,
    });
    if !src.digest.is_empty() {
        root["versionInfo"] = json!(src.digest);
        if let Some(hex) = src.digest.strip_prefix("sha256:") {
            root["checksums"] = json!([{"algorithm": "SHA256", "checksumValue": hex}]);
        }
    }
    if let Some(purl) = src.purl() {
        root["externalRefs"] = json!([{
            "referenceCategory": "PACKAGE-MANAGER",
            "referenceType": "purl",
            "referenceLocator": purl,
        }]);
    }
    let mut extracted = BTreeMap::new();
    let mut packages = Vec::new();
    let mut relationships = vec![json!({
        "spdxElementId": "SPDXRef-DOCUMENT",
        "relatedSpdxElement": root_id,
        "relationshipType": "DESCRIBES",
    })];
    let mut seen = std::collections::HashSet::new();
    for p in sbom.packages() {
        let id = package_id(p);
        if !seen.insert(id.clone()) {
            continue;
        }
        let mut refs: Vec<Value> = p
            .cpes
            .iter()
            .map(|c| {
                json!({"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": cpe_escape(c)})
            })
            .collect();
        if !p.purl.is_empty() {
            refs.push(json!({"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": p.purl}));
        }
        let mut pkg = json!({
            "name": p.name,
            "SPDXID": id,
            "versionInfo": p.version,
            "supplier": "NOASSERTION",
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "sourceInfo": source_info(p),
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": license_expression(p, &mut extracted),
            "copyrightText": "NOASSERTION",
        });
        if !refs.is_empty() {
            pkg["externalRefs"] = Value::Array(refs);
        }
        packages.push(pkg);
        relationships.push(json!({
            "spdxElementId": root_id,
            "relatedSpdxElement": id,
            "relationshipType": "CONTAINS",
        }));
    }
    packages.push(root);
    let kind = match src.kind {
        SourceKind::Image => "image",
        SourceKind::Directory => "dir",
    };
    let mut doc = json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": src.name,
        "documentNamespace": format!(
            "https://spdx.org/spdxdocs/{TOOL}-{kind}-{}-{}",
            id_part(src.name.trim_start_matches('/')),
            uuid::Uuid::new_v4()
        ),
        "creationInfo": {
            "licenseListVersion": spdx::identifiers::VERSION.rsplit_once('.').map(|(v, _)| v).unwrap_or(spdx::identifiers::VERSION),
            "creators": [format!("Tool: {TOOL}-{TOOL_VERSION}")],
            "created": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        },
        "packages": packages,
        "relationships": relationships,
    });
    if !extracted.is_empty() {
        doc["hasExtractedLicensingInfos"] = extracted
            .into_iter()
            .map(|(id, text)| json!({"licenseId": id, "extractedText": text}))
            .collect();
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpes_are_escaped() {
        assert_eq!(
            cpe_escape("cpe:2.3:a:gnu:bash:5.2+b1:*:*:*:*:*:*:*"),
            "cpe:2.3:a:gnu:bash:5.2\\+b1:*:*:*:*:*:*:*"
        );
    }
}
