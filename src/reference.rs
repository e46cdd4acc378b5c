//! Image references, normalised exactly as docker does
//! (`busybox` → `docker.io/library/busybox:latest`).

use std::fmt;
use std::str::FromStr;

use oci_spec::distribution::Reference;

use crate::digest::Digest;

/// A parsed, normalised image reference: registry, repository, and a tag, a
/// digest, or both.
///
/// Parsed by hand after docker's grammar (distribution/reference) rather
/// than with oci-spec's regular expression, whose compilation alone costs
/// tens of milliseconds on every command.
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

const NAME_TOTAL_LENGTH_MAX: usize = 255;

/// `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*`
fn valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        // A separator: ".", "_", "__", or any run of "-".
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// Host name, IPv4 or `[IPv6]`, with an optional port.
fn valid_domain(d: &str) -> bool {
    let (host, port) = if let Some(rest) = d.strip_prefix('[') {
        let Some((v6, after)) = rest.split_once(']') else {
            return false;
        };
        if v6.parse::<std::net::Ipv6Addr>().is_err() {
            return false;
        }
        match after {
            "" => return true,
            p => match p.strip_prefix(':') {
                Some(p) => ("", p),
                None => return false,
            },
        }
    } else {
        match d.rsplit_once(':') {
            Some((h, p)) => (h, p),
            None => (d, ""),
        }
    };
    let port_ok = port.is_empty() && !d.ends_with(':')
        || (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = host.is_empty()
        || host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        });
    port_ok && host_ok && (!host.is_empty() || d.starts_with('['))
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let b = t.as_bytes();
    let word = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|x| word(*x) || *x == b'.' || *x == b'-')
}

impl ImageRef {
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let err = |why: &str| ReferenceError {
            input: input.to_string(),
            why: why.to_string(),
        };
        if input.is_empty() {
            return Err(err("repository name must have at least one component"));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((r, d)) => {
                let d: Digest = d
                    .parse()
                    .map_err(|e: crate::digest::DigestError| err(e.why))?;
                (r, Some(d))
            }
            None => (input, None),
        };
        // A tag is the part after the last ':' that follows the last '/'.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
            None => (rest, None),
        };
        if let Some(t) = tag
            && !valid_tag(t)
        {
            return Err(err("invalid tag"));
        }
        let (domain, remainder) = match name.split_once('/') {
            Some((first, rest))
                if first.contains('.')
                    || first.contains(':')
                    || first == "localhost"
                    || first.chars().any(|c| c.is_ascii_uppercase()) =>
            {
                (first, rest)
            }
            _ => ("docker.io", name),
        };
        if !valid_domain(domain) {
            return Err(err("invalid registry host"));
        }
        if remainder.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(err("repository name must be lowercase"));
        }
        if !remainder.split('/').all(valid_path_component) {
            return Err(err("invalid repository name"));
        }
        let domain = if domain == "index.docker.io" {
            "docker.io"
        } else {
            domain
        };
        let repository = if domain == "docker.io" && !remainder.contains('/') {
            format!("library/{remainder}")
        } else {
            remainder.to_string()
        };
        if repository.len() > NAME_TOTAL_LENGTH_MAX {
            return Err(err("repository name is longer than 255 characters"));
        }
        let (registry, tag) = (domain.to_string(), tag.map(str::to_string));
        let inner = match (tag, digest) {
            (Some(t), Some(d)) => {
                Reference::with_tag_and_digest(registry, repository, t, d.to_string())
            }
            (None, Some(d)) => Reference::with_digest(registry, repository, d.to_string()),
            (Some(t), None) => Reference::with_tag(registry, repository, t),
            (None, None) => Reference::with_tag(registry, repository, "latest".into()),
        };
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
        assert_eq!(norm("test.com:tag"), "docker.io/library/test.com:tag");
        assert_eq!(
            norm("test.com:5000/a_b/c-d__e.f:1.0-x"),
            "test.com:5000/a_b/c-d__e.f:1.0-x"
        );
        assert_eq!(
            norm("index.docker.io/library/x"),
            "docker.io/library/x:latest"
        );
        assert_eq!(norm("[::1]:5000/x"), "[::1]:5000/x:latest");
        assert_eq!(norm("127.0.0.1:5000/x"), "127.0.0.1:5000/x:latest");
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
            "x:",
            "x:-tag",
            "host:port/x",
            "a/b_.c",
            "x-/y",
            "reg.example:/x",
        ] {
            let e = ImageRef::parse(bad).unwrap_err();
            assert!(e.to_string().contains("invalid reference format"), "{bad}");
        }
    }
}
