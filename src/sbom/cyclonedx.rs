//! CycloneDX JSON (1.5 or 1.6), shaped as syft writes it: the image as
//! `metadata.component`, one component per package with its PURL (the
//! `bom-ref` is the PURL with a `package-id` qualifier), licenses, CPE and
//! `syft:`-style properties, and the distribution as an
//! `operating-system` component.

use serde_json::{Value, json};

use super::Package;
use super::document::{Sbom, SourceKind, TOOL, TOOL_VERSION, spdx_id};

pub const VERSIONS: [&str; 2] = ["1.5", "1.6"];
pub const DEFAULT_VERSION: &str = "1.6";

/// The PURL with `package-id=<id>` among its qualifiers, sorted in.
pub fn bom_ref(p: &Package) -> String {
    if p.purl.is_empty() {
        return p.id();
    }
    let (base, frag) = match p.purl.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (p.purl.as_str(), None),
    };
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let mut q: Vec<String> = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    q.push(format!("package-id={}", p.id()));
    q.sort_by(|a, b| {
        let ka = a.split('=').next().unwrap_or("");
        let kb = b.split('=').next().unwrap_or("");
        ka.cmp(kb)
    });
    let mut out = format!("{path}?{}", q.join("&"));
    if let Some(f) = frag {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn licenses(p: &Package) -> Value {
    let items: Vec<Value> = p
        .licenses
        .iter()
        .map(|l| match spdx_id(l) {
            Some(id) if id.contains(' ') => json!({"expression": id}),
            Some(id) => json!({"license": {"id": id}}),
            None => json!({"license": {"name": l}}),
        })
        .collect();
    // An expression may not sit beside other licenses.
    if items.len() > 1 && items.iter().any(|i| i.get("expression").is_some()) {
        let names: Vec<Value> = p
            .licenses
            .iter()
            .map(|l| json!({"license": {"name": l}}))
            .collect();
        return Value::Array(names);
    }
    Value::Array(items)
}

fn component(p: &Package) -> Value {
    let mut props = vec![
        json!({"name": "syft:package:foundBy", "value": p.found_by}),
        json!({"name": "syft:package:type", "value": p.kind.as_str()}),
    ];
    if !p.language.is_empty() {
        props.push(json!({"name": "syft:package:language", "value": p.language}));
    }
    if !p.metadata_type.is_empty() {
        props.push(json!({"name": "syft:package:metadataType", "value": p.metadata_type}));
    }
    for (i, l) in p.locations.iter().enumerate() {
        if let Some(layer) = &l.layer {
            props.push(json!({"name": format!("syft:location:{i}:layerID"), "value": layer}));
        }
        props.push(json!({"name": format!("syft:location:{i}:path"), "value": l.path}));
    }
    let mut c = json!({
        "bom-ref": bom_ref(p),
        "type": "library",
        "name": p.name,
        "version": p.version,
    });
    let lic = licenses(p);
    if lic.as_array().is_some_and(|a| !a.is_empty()) {
        c["licenses"] = lic;
    }
    if let Some(cpe) = p.cpes.first() {
        c["cpe"] = json!(cpe);
    }
    if !p.purl.is_empty() {
        c["purl"] = json!(p.purl);
    }
    c["properties"] = Value::Array(props);
    c
}

pub fn write(sbom: &Sbom, spec: &str) -> Value {
    let src = &sbom.source;
    let mut seen = std::collections::HashSet::new();
    let mut components: Vec<Value> = sbom
        .packages()
        .iter()
        .filter(|p| seen.insert(bom_ref(p)))
        .map(component)
        .collect();
    if let Some(d) = &sbom.catalog.distro {
        let mut os = json!({
            "bom-ref": format!("os:{}@{}", d.id, d.version_id),
            "type": "operating-system",
            "name": d.id,
            "version": d.version_id,
            "description": d.pretty_name,
            "swid": {"tagId": d.id, "name": d.id, "version": d.version_id},
            "properties": [
                {"name": "syft:distro:id", "value": d.id},
                {"name": "syft:distro:prettyName", "value": d.pretty_name},
                {"name": "syft:distro:versionID", "value": d.version_id},
            ],
        });
        let mut refs = Vec::new();
        if !d.bug_report_url.is_empty() {
            refs.push(json!({"url": d.bug_report_url, "type": "issue-tracker"}));
        }
        if !d.home_url.is_empty() {
            refs.push(json!({"url": d.home_url, "type": "website"}));
        }
        if !refs.is_empty() {
            os["externalReferences"] = Value::Array(refs);
        }
        components.push(os);
    }
    let mut root = json!({
        "bom-ref": format!("root-{}", &super::Package::id_of(&[&src.name, &src.digest])),
        "type": match src.kind { SourceKind::Image => "container", SourceKind::Directory => "file" },
        "name": src.name,
    });
    if !src.digest.is_empty() {
        root["version"] = json!(src.digest);
    }
    json!({
        "$schema": format!("http://cyclonedx.org/schema/bom-{spec}.schema.json"),
        "bomFormat": "CycloneDX",
        "specVersion": spec,
        "serialNumber": format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        "version": 1,
        "metadata": {
            "timestamp": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "tools": {"components": [{"type": "application", "author": TOOL, "name": TOOL, "version": TOOL_VERSION}]},
            "component": root,
        },
        "components": components,
    })
}
