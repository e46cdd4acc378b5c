//! One SBOM before it is written: what was catalogued (an image or a
//! directory), what was found, and by which tool. The writers
//! (`spdx`, `cyclonedx`, [`json`], [`table`]) read this.

use serde_json::{Value, json};

use super::{Catalog, Package};

pub const TOOL: &str = "ccr";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Image,
    Directory,
}

/// What the SBOM is of.
#[derive(Clone, Debug)]
pub struct Source {
    pub kind: SourceKind,
    /// The image reference or directory as the user named it.
    pub name: String,
    /// The image's manifest digest (`sha256:…`); empty for a directory.
    pub digest: String,
    /// The image config digest (its id).
    pub image_id: String,
    pub arch: String,
    pub os: String,
    pub tags: Vec<String>,
    /// Layer diff ids, bottom first.
    pub layers: Vec<String>,
}

impl Source {
    pub fn directory(path: &str) -> Source {
        Source {
            kind: SourceKind::Directory,
            name: path.to_string(),
            digest: String::new(),
            image_id: String::new(),
            arch: String::new(),
            os: String::new(),
            tags: Vec::new(),
            layers: Vec::new(),
        }
    }

    /// `pkg:oci/<name>@sha256%3A<hex>?arch=..&tag=..`, as syft names an
    /// image.
    pub fn purl(&self) -> Option<String> {
        if self.kind != SourceKind::Image {
            return None;
        }
        let (repo, tag) = split_reference(&self.name);
        let name = repo.rsplit('/').next().unwrap_or(repo);
        let mut q = vec![format!("arch={}", self.arch)];
        if !repo.contains('/') || repo.contains('.') || repo.contains(':') {
            let url = repo.rsplit_once('/').map(|(r, _)| r).unwrap_or("");
            if !url.is_empty() {
                q.push(format!("repository_url={}", super::purl::escape(repo)));
            }
        }
        if let Some(t) = tag {
            q.push(format!("tag={}", super::purl::escape(t)));
        }
        q.sort();
        Some(format!(
            "pkg:oci/{}@{}?{}",
            super::purl::escape(&name.to_lowercase()),
            self.digest.replace(':', "%3A"),
            q.join("&")
        ))
    }
}

/// `registry/repo:tag` → (`registry/repo`, `tag`); a digest is not a tag.
fn split_reference(r: &str) -> (&str, Option<&str>) {
    let r = r.split('@').next().unwrap_or(r);
    match r.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo, Some(tag)),
        _ => (r, None),
    }
}

pub struct Sbom {
    pub source: Source,
    pub catalog: Catalog,
}

impl Sbom {
    /// The packages in a stable order.
    pub fn packages(&self) -> &[Package] {
        &self.catalog.packages
    }
}

/// A license as SPDX names it: a known identifier (case as the list has
/// it; `X+` as `X-or-later`; Debian's `GPL-2` as `GPL-2.0-only`), a valid
/// expression as is, or `None` for a free-text name (written as a
/// `LicenseRef-`).
pub fn spdx_id(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let find = |c: &str| {
        spdx::identifiers::LICENSES
            .iter()
            .find(|l| l.name.eq_ignore_ascii_case(c))
            .map(|l| l.name.to_string())
    };
    let (base, later) = match name.strip_suffix('+') {
        Some(b) => (b, true),
        None => (name, false),
    };
    // Debian's short names: GPL-2, Apache-2 (a bare major version).
    let versioned = match base.rsplit_once('-') {
        Some((_, v)) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => {
            format!("{base}.0")
        }
        _ => base.to_string(),
    };
    let found = if later {
        find(&format!("{versioned}-or-later"))
            .or_else(|| find(&format!("{base}-or-later")))
            .or_else(|| find(base).map(|id| format!("{id}+")))
    } else {
        find(&format!("{versioned}-only"))
            .or_else(|| find(&format!("{base}-only")))
            .or_else(|| find(base))
            .or_else(|| find(&versioned))
    };
    found.or_else(|| {
        (name.contains(' ') && spdx::Expression::parse(name).is_ok()).then(|| name.to_string())
    })
}

/// `LicenseRef-<name>` with what SPDX ids may not hold replaced by `-`.
pub fn license_ref(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("LicenseRef-{clean}")
}

/// syft's JSON shape, reduced to what ccr knows: artifacts, source,
/// distro, descriptor.
pub fn json(sbom: &Sbom) -> Value {
    let artifacts: Vec<Value> = sbom
        .packages()
        .iter()
        .map(|p| {
            let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
            v["id"] = json!(p.id());
            v["licenses"] = p
                .licenses
                .iter()
                .map(|l| {
                    json!({"value": l, "spdxExpression": spdx_id(l).unwrap_or_default(), "type": "declared"})
                })
                .collect();
            v
        })
        .collect();
    json!({
        "artifacts": artifacts,
        "source": {
            "type": match sbom.source.kind { SourceKind::Image => "image", SourceKind::Directory => "directory" },
            "name": sbom.source.name,
            "version": sbom.source.digest,
            "metadata": {
                "imageID": sbom.source.image_id,
                "manifestDigest": sbom.source.digest,
                "tags": sbom.source.tags,
                "architecture": sbom.source.arch,
                "os": sbom.source.os,
                "layers": sbom.source.layers,
            },
        },
        "distro": sbom.catalog.distro,
        "descriptor": {"name": TOOL, "version": TOOL_VERSION},
    })
}

/// `NAME VERSION TYPE`, aligned, sorted, as syft's table.
pub fn table(sbom: &Sbom) -> String {
    let mut rows: Vec<[String; 3]> = sbom
        .packages()
        .iter()
        .map(|p| {
            [
                p.name.clone(),
                p.version.clone(),
                p.kind.as_str().to_string(),
            ]
        })
        .collect();
    rows.sort();
    rows.dedup();
    if rows.is_empty() {
        return "No packages discovered\n".into();
    }
    let mut w = [4usize, 7, 4];
    for r in &rows {
        for i in 0..3 {
            w[i] = w[i].max(r[i].chars().count());
        }
    }
    let mut out = format!(
        "{:<a$}  {:<b$}  TYPE\n",
        "NAME",
        "INSTALLED",
        a = w[0],
        b = w[1].max(9)
    );
    for r in rows {
        out.push_str(&format!(
            "{:<a$}  {:<b$}  {}\n",
            r[0],
            r[1],
            r[2],
            a = w[0],
            b = w[1].max(9)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian_license_names_become_spdx_ids() {
        assert_eq!(spdx_id("GPL-2").as_deref(), Some("GPL-2.0-only"));
        assert_eq!(spdx_id("GPL-2+").as_deref(), Some("GPL-2.0-or-later"));
        assert_eq!(spdx_id("LGPL-2.1+").as_deref(), Some("LGPL-2.1-or-later"));
        assert_eq!(spdx_id("mit").as_deref(), Some("MIT"));
        assert_eq!(spdx_id("Apache-2.0").as_deref(), Some("Apache-2.0"));
        assert_eq!(spdx_id("public-domain"), None);
        assert_eq!(license_ref("MIT-like stuff"), "LicenseRef-MIT-like-stuff");
    }

    #[test]
    fn image_purl() {
        let s = Source {
            kind: SourceKind::Image,
            name: "127.0.0.1:5000/bb:v1".into(),
            digest: "sha256:ab".into(),
            image_id: String::new(),
            arch: "amd64".into(),
            os: "linux".into(),
            tags: vec![],
            layers: vec![],
        };
        assert_eq!(
            s.purl().unwrap(),
            "pkg:oci/bb@sha256%3Aab?arch=amd64&repository_url=127.0.0.1:5000/bb&tag=v1"
        );
    }
}
