//! Trust policy in the containers-policy.json format (as skopeo and podman
//! read it): a default requirement list, and per-scope lists for the
//! `docker` transport, scoped by registry, namespace, repository or
//! reference. Every requirement of the most specific matching scope must
//! hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::Deserialize;
use sigstore::crypto::CosignVerificationKey;

use super::TrustError;
use super::keys::public_from_pem;
use crate::reference::ImageRef;

/// What a signature's claimed identity must be, relative to the image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignedIdentity {
    MatchExact,
    MatchRepoDigestOrExact,
    MatchRepository,
    ExactReference(String),
    ExactRepository(String),
}

#[derive(Clone)]
pub enum Requirement {
    InsecureAcceptAnything,
    Reject,
    SigstoreSigned {
        keys: Vec<CosignVerificationKey>,
        identity: SignedIdentity,
        /// `"signatureFormat": "bundle"` (ccr's extension): only a Sigstore
        /// bundle referrer counts, not cosign 2's `.sig` tag.
        bundle_only: bool,
    },
}

impl std::fmt::Debug for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Requirement::InsecureAcceptAnything => write!(f, "insecureAcceptAnything"),
            Requirement::Reject => write!(f, "reject"),
            Requirement::SigstoreSigned { keys, identity, .. } => {
                write!(f, "sigstoreSigned({} keys, {identity:?})", keys.len())
            }
        }
    }
}

#[derive(Debug)]
pub struct Policy {
    pub default: Vec<Requirement>,
    pub docker: BTreeMap<String, Vec<Requirement>>,
    pub source: PathBuf,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPolicy {
    default: Option<Vec<RawRequirement>>,
    #[serde(default)]
    transports: BTreeMap<String, BTreeMap<String, Vec<RawRequirement>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRequirement {
    #[serde(rename = "type")]
    kind: String,
    key_path: Option<String>,
    key_paths: Option<Vec<String>>,
    key_data: Option<String>,
    key_datas: Option<Vec<String>>,
    fulcio: Option<serde_json::Value>,
    signed_identity: Option<RawIdentity>,
    /// ccr's extension: `bundle` requires the Sigstore bundle form.
    signature_format: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawIdentity {
    #[serde(rename = "type")]
    kind: String,
    docker_reference: Option<String>,
    docker_repository: Option<String>,
}

/// Why a key a policy names could not be read (a file, a KBS resource).
pub type KeySourceError = Box<dyn std::error::Error + Send + Sync>;

/// Why one requirement of a policy is refused.
enum RequirementError {
    Invalid(String),
    Key { key: String, source: KeySourceError },
}

impl From<String> for RequirementError {
    fn from(s: String) -> Self {
        RequirementError::Invalid(s)
    }
}

impl From<&str> for RequirementError {
    fn from(s: &str) -> Self {
        RequirementError::Invalid(s.to_string())
    }
}

impl Policy {
    pub fn load(path: &Path) -> Result<Policy, TrustError> {
        let data = crate::bounded::read(path, crate::bounded::CONFIG_FILE).map_err(|e| {
            TrustError::PolicyFile {
                path: path.to_path_buf(),
                why: e.to_string(),
            }
        })?;
        Policy::parse(&data, path)
    }

    /// Parses a containers-policy.json document; `source` names it in
    /// errors, and relative `keyPath`s are read beside it.
    pub fn parse(data: &[u8], source: &Path) -> Result<Policy, TrustError> {
        let base = source.parent().unwrap_or(Path::new(".")).to_path_buf();
        Policy::parse_with(data, source, &mut |p: &str| {
            let full = base.join(p);
            crate::bounded::read(&full, crate::bounded::KEY_FILE)
                .map(|data| (full.display().to_string(), data))
                .map_err(|e| e.into())
        })
    }

    /// [`Policy::parse`] with `read_key` reading each `keyPath` (to the
    /// name it is known by and its bytes): CVM mode fetches `kbs:///` ones
    /// from the KBS.
    pub fn parse_with(
        data: &[u8],
        source: &Path,
        read_key: &mut dyn FnMut(&str) -> Result<(String, Vec<u8>), KeySourceError>,
    ) -> Result<Policy, TrustError> {
        let path = source;
        let err = |why: String| TrustError::PolicyFile {
            path: path.to_path_buf(),
            why,
        };
        let raw: RawPolicy = serde_json::from_slice(data).map_err(|e| err(e.to_string()))?;
        let mut convert = |list: Vec<RawRequirement>,
                           scope: &str|
         -> Result<Vec<Requirement>, TrustError> {
            if list.is_empty() {
                return Err(err(format!(
                    "scope {scope:?} has no requirements; use [{{\"type\":\"reject\"}}] or insecureAcceptAnything"
                )));
            }
            list.into_iter()
                .map(|r| {
                    requirement(r, read_key).map_err(|e| match e {
                        RequirementError::Invalid(why) => err(format!("scope {scope:?}: {why}")),
                        RequirementError::Key { key, source } => TrustError::PolicyKey {
                            path: path.to_path_buf(),
                            scope: scope.to_string(),
                            key,
                            source,
                        },
                    })
                })
                .collect()
        };
        let default = convert(
            raw.default
                .ok_or_else(|| err("no \"default\" requirement list".into()))?,
            "default",
        )?;
        let mut docker = BTreeMap::new();
        for (transport, scopes) in raw.transports {
            if transport != "docker" {
                continue; // other transports do not apply to registry pulls
            }
            for (scope, list) in scopes {
                let reqs = convert(list, &scope)?;
                docker.insert(scope, reqs);
            }
        }
        Ok(Policy {
            default,
            docker,
            source: path.to_path_buf(),
        })
    }

    /// The requirements for `r`: its most specific `docker` scope, else the default.
    pub fn requirements_for(&self, r: &ImageRef) -> (&str, &[Requirement]) {
        for scope in scopes(r) {
            if let Some((k, reqs)) = self.docker.get_key_value(&scope) {
                return (k.as_str(), reqs);
            }
        }
        ("default", &self.default)
    }
}

/// Scopes from most to least specific, as containers/image orders them.
fn scopes(r: &ImageRef) -> Vec<String> {
    let mut out = Vec::new();
    let name = r.name();
    if let Some(d) = r.digest() {
        out.push(format!("{name}@{d}"));
    }
    if let Some(t) = r.tag() {
        out.push(format!("{name}:{t}"));
    }
    let mut path = name.as_str();
    loop {
        out.push(path.to_string());
        match path.rsplit_once('/') {
            Some((parent, _)) => path = parent,
            None => break,
        }
    }
    // Wildcard domains: *.example.com, *.com for a.example.com.
    let host = r.registry();
    let host_no_port = host.split(':').next().unwrap_or(host);
    let mut rest = host_no_port;
    while let Some((_, parent)) = rest.split_once('.') {
        out.push(format!("*.{parent}"));
        rest = parent;
    }
    out.push(String::new());
    out
}

fn requirement(
    r: RawRequirement,
    read_key: &mut dyn FnMut(&str) -> Result<(String, Vec<u8>), KeySourceError>,
) -> Result<Requirement, RequirementError> {
    match r.kind.as_str() {
        "insecureAcceptAnything" => Ok(Requirement::InsecureAcceptAnything),
        "reject" => Ok(Requirement::Reject),
        "sigstoreSigned" => {
            if r.fulcio.is_some() {
                return Err("keyless (fulcio) requirements need the Sigstore public-good services, which this machine cannot reach; use keyPath or keyData".into());
            }
            let mut pems: Vec<(String, Vec<u8>)> = Vec::new();
            for p in r
                .key_path
                .into_iter()
                .chain(r.key_paths.into_iter().flatten())
            {
                pems.push(read_key(&p).map_err(|source| RequirementError::Key {
                    key: p.clone(),
                    source,
                })?);
            }
            for d in r
                .key_data
                .into_iter()
                .chain(r.key_datas.into_iter().flatten())
            {
                let data = B64
                    .decode(d.trim())
                    .map_err(|_| "keyData is not base64".to_string())?;
                pems.push(("keyData".into(), data));
            }
            if pems.is_empty() {
                return Err("sigstoreSigned needs keyPath, keyPaths, keyData or keyDatas".into());
            }
            let keys = pems
                .into_iter()
                .map(|(what, pem)| public_from_pem(&pem).map_err(|e| format!("{what}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            let identity = match r.signed_identity {
                None => SignedIdentity::MatchRepoDigestOrExact,
                Some(i) => match i.kind.as_str() {
                    "matchExact" => SignedIdentity::MatchExact,
                    "matchRepoDigestOrExact" => SignedIdentity::MatchRepoDigestOrExact,
                    "matchRepository" => SignedIdentity::MatchRepository,
                    "exactReference" => SignedIdentity::ExactReference(i.docker_reference.ok_or(
                        RequirementError::from("exactReference needs dockerReference"),
                    )?),
                    "exactRepository" => {
                        SignedIdentity::ExactRepository(i.docker_repository.ok_or(
                            RequirementError::from("exactRepository needs dockerRepository"),
                        )?)
                    }
                    other => {
                        return Err(
                            format!("signedIdentity type {other:?} is not supported").into()
                        );
                    }
                },
            };
            let bundle_only = match r.signature_format.as_deref() {
                None | Some("any") => false,
                Some("bundle") => true,
                Some(other) => {
                    return Err(format!(
                        "signatureFormat {other:?}: use bundle (only a Sigstore bundle counts) or any"
                    )
                    .into());
                }
            };
            Ok(Requirement::SigstoreSigned {
                keys,
                identity,
                bundle_only,
            })
        }
        "signedBy" => {
            Err("GPG (signedBy) requirements are not supported; use sigstoreSigned".into())
        }
        other => Err(format!("unknown requirement type {other:?}").into()),
    }
}

/// A signature identity (`docker-reference`) normalised: name and tag.
fn parse_identity(s: &str) -> Option<(String, Option<String>)> {
    let s = s
        .strip_prefix("index.docker.io/")
        .map(|r| format!("docker.io/{r}"))
        .unwrap_or_else(|| s.to_string());
    let explicit_tag = s.rsplit('/').next().is_some_and(|last| last.contains(':'));
    let r = ImageRef::parse(&s).ok()?;
    Some((
        r.name(),
        if explicit_tag {
            r.tag().map(str::to_string)
        } else {
            None
        },
    ))
}

impl SignedIdentity {
    /// Whether a signature claiming `claimed` (or nothing, for bundles)
    /// satisfies this rule for image `r`.
    pub fn accepts(&self, r: &ImageRef, claimed: Option<&str>) -> bool {
        let Some(claimed) = claimed else {
            // cosign v3 bundles bind the digest only; only the default rule,
            // which is about the digest for digest references, accepts them.
            return *self == SignedIdentity::MatchRepoDigestOrExact;
        };
        let Some((repo, tag)) = parse_identity(claimed) else {
            return false;
        };
        match self {
            SignedIdentity::MatchRepository => repo == r.name(),
            SignedIdentity::MatchRepoDigestOrExact => {
                // cosign's identities carry no tag: the repository must match.
                repo == r.name()
                    && (tag.is_none() || r.digest().is_some() || tag.as_deref() == r.tag())
            }
            SignedIdentity::MatchExact => {
                repo == r.name() && tag.is_some() && tag.as_deref() == r.tag()
            }
            SignedIdentity::ExactRepository(want) => {
                parse_identity(want).is_some_and(|(w, _)| w == repo)
            }
            SignedIdentity::ExactReference(want) => {
                parse_identity(want).is_some_and(|(w, wt)| w == repo && wt == tag)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> ImageRef {
        ImageRef::parse(s).unwrap()
    }

    #[test]
    fn a_key_that_cannot_be_read_is_named_with_its_cause() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("policy.json");
        let doc = br#"{"default":[{"type":"sigstoreSigned","keyPath":"missing.pub"}]}"#;
        let e = Policy::parse(doc, &file).unwrap_err();
        let TrustError::PolicyKey { scope, key, .. } = &e else {
            panic!("{e:?}");
        };
        assert_eq!((scope.as_str(), key.as_str()), ("default", "missing.pub"));
        let cause = std::error::Error::source(&e).expect("a cause");
        let io = cause
            .downcast_ref::<std::io::Error>()
            .expect("the read's own error");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn scope_order() {
        let s = scopes(&r("reg.example.com:5000/ns/app:v1"));
        assert_eq!(
            s,
            vec![
                "reg.example.com:5000/ns/app:v1",
                "reg.example.com:5000/ns/app",
                "reg.example.com:5000/ns",
                "reg.example.com:5000",
                "*.example.com",
                "*.com",
                "",
            ]
        );
    }

    #[test]
    fn identities() {
        let img = r("127.0.0.1:5000/app:v1");
        assert!(SignedIdentity::MatchRepository.accepts(&img, Some("127.0.0.1:5000/app")));
        assert!(!SignedIdentity::MatchRepository.accepts(&img, Some("127.0.0.1:5000/other")));
        assert!(SignedIdentity::MatchRepoDigestOrExact.accepts(&img, Some("127.0.0.1:5000/app")));
        assert!(
            !SignedIdentity::MatchRepoDigestOrExact.accepts(&img, Some("127.0.0.1:5000/app:v2"))
        );
        assert!(!SignedIdentity::MatchExact.accepts(&img, Some("127.0.0.1:5000/app")));
        assert!(SignedIdentity::MatchExact.accepts(&img, Some("127.0.0.1:5000/app:v1")));
        assert!(
            SignedIdentity::ExactRepository("127.0.0.1:5000/app".into())
                .accepts(&r("127.0.0.1:5000/copy:v1"), Some("127.0.0.1:5000/app"))
        );
        assert!(
            SignedIdentity::MatchRepository
                .accepts(&r("busybox"), Some("index.docker.io/library/busybox"))
        );
        assert!(SignedIdentity::MatchRepoDigestOrExact.accepts(&img, None));
        assert!(!SignedIdentity::MatchRepository.accepts(&img, None));
    }
}
