//! What the catalogers find: packages, their types and where they were found.

use serde::Serialize;

/// Package types, named as syft names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum PkgType {
    #[serde(rename = "deb")]
    Deb,
    #[serde(rename = "apk")]
    Apk,
    #[serde(rename = "rpm")]
    Rpm,
    #[serde(rename = "python")]
    Python,
    #[serde(rename = "npm")]
    Npm,
    #[serde(rename = "go-module")]
    GoModule,
    #[serde(rename = "rust-crate")]
    RustCrate,
    #[serde(rename = "binary")]
    Binary,
}

impl PkgType {
    pub fn as_str(self) -> &'static str {
        match self {
            PkgType::Deb => "deb",
            PkgType::Apk => "apk",
            PkgType::Rpm => "rpm",
            PkgType::Python => "python",
            PkgType::Npm => "npm",
            PkgType::GoModule => "go-module",
            PkgType::RustCrate => "rust-crate",
            PkgType::Binary => "binary",
        }
    }

    /// Packages a package manager installed, whose file lists are trusted.
    pub fn is_os(self) -> bool {
        matches!(self, PkgType::Deb | PkgType::Apk | PkgType::Rpm)
    }
}

/// Where a package was found: the file (symlinks resolved), the path it
/// was reached by when that differs, and the layer holding it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub path: String,
    #[serde(rename = "accessPath", skip_serializing_if = "Option::is_none")]
    pub access: Option<String>,
    #[serde(rename = "layerID", skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

impl Location {
    /// The path the file was reached by.
    pub fn access_path(&self) -> &str {
        self.access.as_deref().unwrap_or(&self.path)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Package {
    pub name: String,
    pub version: String,
    #[serde(rename = "type")]
    pub kind: PkgType,
    #[serde(rename = "foundBy")]
    pub found_by: &'static str,
    pub locations: Vec<Location>,
    pub licenses: Vec<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub language: &'static str,
    pub cpes: Vec<String>,
    pub purl: String,
    /// Files the package's manager says it installed (OS packages).
    #[serde(skip)]
    pub owned: Vec<String>,
    #[serde(rename = "metadataType", skip_serializing_if = "str::is_empty")]
    pub metadata_type: &'static str,
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub metadata: serde_json::Value,
}

impl Package {
    /// A short, stable id: the same package found the same way gets the
    /// same id in every SBOM of it.
    pub fn id(&self) -> String {
        let mut parts: Vec<&str> = vec![self.kind.as_str(), &self.name, &self.version, &self.purl];
        parts.extend(self.locations.iter().map(|l| l.path.as_str()));
        Package::id_of(&parts)
    }

    /// 16 hex digits of the SHA-256 of `parts`, each NUL-terminated.
    pub fn id_of(parts: &[&str]) -> String {
        let mut h = crate::digest::Hasher::new();
        for part in parts {
            h.update(part.as_bytes());
            h.update(b"\0");
        }
        h.finish().hex()[..16].to_string()
    }
}
