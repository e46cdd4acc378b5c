//! Platforms (`os/arch[/variant]`), normalised and matched as containerd does.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "invalid platform {input:?}: {why}; use os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8"
)]
pub struct PlatformError {
    pub input: String,
    pub why: &'static str,
}

fn normalize_arch(arch: &str, variant: Option<&str>) -> (String, Option<String>) {
    let arch = arch.to_ascii_lowercase();
    let variant = variant.map(|v| v.to_ascii_lowercase());
    match arch.as_str() {
        "x86_64" | "x86-64" | "amd64" => {
            let v = variant.filter(|v| v != "v1");
            ("amd64".into(), v)
        }
        "i386" | "386" => ("386".into(), None),
        "aarch64" | "arm64" => {
            let v = variant.filter(|v| v != "v8" && v != "8");
            ("arm64".into(), v)
        }
        "armhf" => ("arm".into(), Some("v7".into())),
        "armel" => ("arm".into(), Some("v6".into())),
        "arm" => {
            let v = match variant.as_deref() {
                None | Some("7") | Some("v7") => "v7",
                Some("5") | Some("v5") => "v5",
                Some("6") | Some("v6") => "v6",
                Some("8") | Some("v8") => "v8",
                Some(_) => return ("arm".into(), variant),
            };
            ("arm".into(), Some(v.into()))
        }
        _ => (arch, variant),
    }
}

impl Platform {
    pub fn new(os: &str, arch: &str, variant: Option<&str>) -> Self {
        let (architecture, variant) = normalize_arch(arch, variant);
        Platform {
            os: os.to_ascii_lowercase(),
            architecture,
            variant,
        }
    }

    /// The platform this binary runs on.
    pub fn host() -> Self {
        Platform::new("linux", std::env::consts::ARCH, None)
    }

    /// Whether an image built for `other` satisfies a request for `self`.
    pub fn matches(&self, other: &Platform) -> bool {
        let o = Platform::new(&other.os, &other.architecture, other.variant.as_deref());
        self.os == o.os && self.architecture == o.architecture && self.variant == o.variant
    }

    pub fn from_oci(p: &oci_spec::image::Platform) -> Self {
        Platform::new(
            &p.os().to_string(),
            &p.architecture().to_string(),
            p.variant().as_deref(),
        )
    }
}

impl FromStr for Platform {
    type Err = PlatformError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |why| PlatformError {
            input: s.to_string(),
            why,
        };
        let parts: Vec<&str> = s.split('/').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(err("empty component"));
        }
        match parts.as_slice() {
            // A bare architecture means linux, as with containerd.
            [arch] => Ok(Platform::new("linux", arch, None)),
            [os, arch] => Ok(Platform::new(os, arch, None)),
            [os, arch, variant] => Ok(Platform::new(os, arch, Some(variant))),
            _ => Err(err("too many components")),
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.architecture)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_match() {
        let p: Platform = "linux/aarch64".parse().unwrap();
        assert_eq!(p.to_string(), "linux/arm64");
        assert!(p.matches(&"linux/arm64/v8".parse().unwrap()));
        assert!(!p.matches(&"linux/amd64".parse().unwrap()));
        assert_eq!(
            "arm".parse::<Platform>().unwrap().to_string(),
            "linux/arm/v7"
        );
        assert!("linux//x".parse::<Platform>().is_err());
        assert!("a/b/c/d".parse::<Platform>().is_err());
    }
}
