//! Image references, normalised exactly as docker does
//! (`busybox` → `docker.io/library/busybox:latest`).

use std::fmt;
use std::str::FromStr;

use oci_spec::distribution::Reference;

use crate::digest::Digest;

/// A parsed, normalised image reference: registry, repository, and a tag, a
/// digest, or both.
#[derive(Clone, PartialEq, Eq)]
pub struct ImageRef {
    inner: Reference,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "invalid reference format {input:?}: {why}; expected [REGISTRY[:PORT]/]NAME[:TAG][@sha256:DIGEST] with a lowercase name"
)]
pub struct ReferenceError {
    pub input: String,
    pub why: String,
}

impl ImageRef {
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let err = |why: String| ReferenceError {
            input: input.to_string(),
            why,
        };
        let inner = Reference::try_from(input).map_err(|e| {
            if input.chars().any(|c| c.is_ascii_uppercase()) {
                err("repository name must be lowercase".into())
            } else {
                err(e.to_string())
            }
        })?;
        if let Some(d) = inner.digest() {
            d.parse::<Digest>().map_err(|e| err(e.why.to_string()))?;
        }
        Ok(ImageRef { inner })
    }

    /// Registry host as docker names it (`docker.io` for Docker Hub).
    pub fn registry(&self) -> &str {
        self.inner.registry()
    }

    /// The host that is actually contacted (`index.docker.io` for Docker Hub).
    pub fn resolved_registry(&self) -> &str {
        self.inner.resolve_registry()
    }

    pub fn repository(&self) -> &str {
        self.inner.repository()
    }

    pub fn tag(&self) -> Option<&str> {
        self.inner.tag()
    }

    pub fn digest(&self) -> Option<Digest> {
        self.inner.digest().and_then(|d| d.parse().ok())
    }

    /// `registry/repository`, without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.registry(), self.repository())
    }

    /// The same repository at a digest (the tag is dropped).
    pub fn at_digest(&self, digest: &Digest) -> ImageRef {
        ImageRef {
            inner: Reference::with_digest(
                self.registry().to_string(),
                self.repository().to_string(),
                digest.to_string(),
            ),
        }
    }

    /// The same repository at another tag.
    pub fn at_tag(&self, tag: &str) -> ImageRef {
        ImageRef {
            inner: Reference::with_tag(
                self.registry().to_string(),
                self.repository().to_string(),
                tag.to_string(),
            ),
        }
    }

    /// The name under which the local store records this reference: the tag
    /// form when there is a tag, else the digest form.
    pub fn store_name(&self) -> String {
        match (self.tag(), self.digest()) {
            (Some(t), _) => format!("{}:{}", self.name(), t),
            (None, Some(d)) => format!("{}@{}", self.name(), d),
            (None, None) => format!("{}:latest", self.name()),
        }
    }

    /// docker's short form: `busybox` for `docker.io/library/busybox`.
    pub fn familiar_name(&self) -> String {
        familiar(&self.name())
    }

    pub fn as_oci(&self) -> &Reference {
        &self.inner
    }
}

/// Shortens a `registry/repository` name the way docker displays it.
pub fn familiar(name: &str) -> String {
    match name.strip_prefix("docker.io/") {
        Some(rest) => rest.strip_prefix("library/").unwrap_or(rest).to_string(),
        None => name.to_string(),
    }
}

impl FromStr for ImageRef {
    type Err = ReferenceError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.inner.whole())
    }
}

impl fmt::Debug for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        ImageRef::parse(s).unwrap().to_string()
    }

    #[test]
    fn normalises_like_docker() {
        assert_eq!(norm("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(norm("library/busybox:1"), "docker.io/library/busybox:1");
        assert_eq!(norm("user/app"), "docker.io/user/app:latest");
        assert_eq!(norm("localhost/app"), "localhost/app:latest");
        assert_eq!(norm("localhost:5000/a/b:v1"), "localhost:5000/a/b:v1");
        assert_eq!(norm("quay.io/x/y"), "quay.io/x/y:latest");
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let r = ImageRef::parse(&format!("127.0.0.1:5000/app:v1@{d}")).unwrap();
        assert_eq!(r.tag(), Some("v1"));
        assert_eq!(r.digest().unwrap().to_string(), d);
        assert_eq!(r.store_name(), "127.0.0.1:5000/app:v1");
        let r = ImageRef::parse(&format!("app@{d}")).unwrap();
        assert_eq!(r.tag(), None);
        assert_eq!(r.store_name(), format!("docker.io/library/app@{d}"));
        assert_eq!(r.familiar_name(), "app");
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "Busybox",
            "local host/x",
            "x:tag:tag",
            "x@sha256:abc",
            "x@md5:0123",
            "/x",
            "x//y",
        ] {
            let e = ImageRef::parse(bad).unwrap_err();
            assert!(e.to_string().contains("invalid reference format"), "{bad}");
        }
    }
}
