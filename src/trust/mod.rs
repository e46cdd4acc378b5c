//! Trust: cosign keys and signatures, and the policy that decides whether an
//! image may be used. Verification happens on the resolved digest, before
//! any content is fetched or stored.

pub mod attest;
pub mod bundle;
pub mod cosign;
pub mod keys;
pub mod policy;

use std::path::PathBuf;

use sigstore::crypto::CosignVerificationKey;

use crate::digest::Digest;
use crate::reference::ImageRef;
use crate::registry::{RegistryError, Remote};
pub use cosign::{SignatureFormat, VerifiedSignature};
pub use policy::{Policy, Requirement, SignedIdentity};

#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    #[error("key {path}: {why}")]
    Key { path: PathBuf, why: String },
    #[error("signature policy {path}: {why}")]
    PolicyFile { path: PathBuf, why: String },
    /// A key the policy names could not be read.
    #[error("signature policy {path}: scope {scope:?}: key {key}: {source}")]
    PolicyKey {
        path: PathBuf,
        scope: String,
        key: String,
        #[source]
        source: policy::KeySourceError,
    },
    #[error(
        "{reference}: rejected by the signature policy (scope {scope:?} says reject); nothing was pulled"
    )]
    Rejected { reference: String, scope: String },
    #[error("{reference}@{digest}: no signature found")]
    NotSigned { reference: String, digest: Digest },
    #[error("{reference}@{digest}: no valid signature: {why}; nothing was pulled")]
    NoValidSignature {
        reference: String,
        digest: Digest,
        why: String,
    },
    #[error(
        "keyless {what} needs the Sigstore public-good services (Fulcio, Rekor), which this machine cannot reach"
    )]
    KeylessUnavailable { what: &'static str },
    #[error("{reference}@{digest}: no verified attestation{}: {why}", predicate_type.as_deref().map(|t| format!(" of type {t}")).unwrap_or_default())]
    NoValidAttestation {
        reference: String,
        digest: Digest,
        predicate_type: Option<String>,
        why: String,
    },
    /// A certificate field pinned both exactly and by a regular expression.
    #[error("the signer's {field} is given both exactly and as a regular expression")]
    KeylessBoth { field: CertField },
    /// Keyless verification without a certificate field pinned.
    #[error("keyless verification needs the signer's {field}, exactly or as a regular expression")]
    KeylessMissing { field: CertField },
    #[error("the regular expression for the signer's {field}: {source}")]
    KeylessRegexp {
        field: CertField,
        #[source]
        source: regex::Error,
    },
    /// Keys or certificate fields given, but no verification asked for.
    #[error(
        "signature keys or certificate fields are given, but cosign verification is not asked for"
    )]
    VerifyNotAsked,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Registry(#[from] RegistryError),
}

/// A field of a keyless signature's certificate that verification pins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertField {
    Identity,
    OidcIssuer,
}

impl CertField {
    /// The name nerdctl's flags and compose keys end in
    /// (`cosign-certificate-NAME`, `-NAME-regexp`).
    pub fn name(self) -> &'static str {
        match self {
            CertField::Identity => "identity",
            CertField::OidcIssuer => "oidc-issuer",
        }
    }
}

impl std::fmt::Display for CertField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CertField::Identity => "certificate identity",
            CertField::OidcIssuer => "OIDC issuer",
        })
    }
}

impl TrustError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            TrustError::NotSigned { .. } => Some(
                "sign it (ccr image sign, or cosign), or use it without requiring a signature"
                    .into(),
            ),
            TrustError::KeylessUnavailable { .. } => Some("use a key pair instead".into()),
            TrustError::NoValidAttestation { .. } => Some(
                "attest it (ccr image attest, or cosign attest) with the key whose public half you gave, for this digest".into(),
            ),
            _ => None,
        }
    }
}

/// What decides whether an image may be used: a policy file, and the
/// requirements given on the command line (`--verify=cosign --cosign-key`).
/// Both must be satisfied.
#[derive(Default)]
pub struct TrustPolicy {
    pub policy: Option<Policy>,
    pub required: Vec<Requirement>,
}

/// nerdctl's `--verify` modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VerifyMode {
    #[default]
    None,
    Cosign,
}

/// nerdctl's keyless flags (`--cosign-certificate-identity[-regexp]`,
/// `--cosign-certificate-oidc-issuer[-regexp]`).
#[derive(Clone, Debug, Default)]
pub struct Keyless {
    pub identity: Option<String>,
    pub identity_regexp: Option<String>,
    pub oidc_issuer: Option<String>,
    pub oidc_issuer_regexp: Option<String>,
}

impl Keyless {
    fn is_set(&self) -> bool {
        self.identity.is_some()
            || self.identity_regexp.is_some()
            || self.oidc_issuer.is_some()
            || self.oidc_issuer_regexp.is_some()
    }

    /// Validates the flags as nerdctl does: an identity and an issuer, each
    /// exactly or as a regular expression, not both.
    pub fn validate(&self) -> Result<(), TrustError> {
        let pair = |exact: &Option<String>,
                    re: &Option<String>,
                    field: CertField|
         -> Result<(), TrustError> {
            match (exact, re) {
                (Some(_), Some(_)) => Err(TrustError::KeylessBoth { field }),
                (None, None) => Err(TrustError::KeylessMissing { field }),
                (None, Some(r)) => regex::Regex::new(r)
                    .map(|_| ())
                    .map_err(|source| TrustError::KeylessRegexp { field, source }),
                (Some(_), None) => Ok(()),
            }
        };
        pair(&self.identity, &self.identity_regexp, CertField::Identity)?;
        pair(
            &self.oidc_issuer,
            &self.oidc_issuer_regexp,
            CertField::OidcIssuer,
        )
    }
}

/// Verification settings as the user gave them.
#[derive(Clone, Debug, Default)]
pub struct TrustOptions {
    pub verify: VerifyMode,
    pub cosign_keys: Vec<PathBuf>,
    pub keyless: Keyless,
    pub policy: Option<PathBuf>,
}

impl TryFrom<&TrustOptions> for TrustPolicy {
    type Error = TrustError;

    fn try_from(o: &TrustOptions) -> Result<TrustPolicy, TrustError> {
        let mut t = TrustPolicy {
            policy: o.policy.as_deref().map(Policy::load).transpose()?,
            required: Vec::new(),
        };
        match o.verify {
            VerifyMode::None => {
                if !o.cosign_keys.is_empty() || o.keyless.is_set() {
                    return Err(TrustError::VerifyNotAsked);
                }
            }
            VerifyMode::Cosign if o.cosign_keys.is_empty() => {
                o.keyless.validate()?;
                return Err(TrustError::KeylessUnavailable {
                    what: "verification",
                });
            }
            VerifyMode::Cosign => {
                let keys = o
                    .cosign_keys
                    .iter()
                    .map(|p| keys::load_public(p))
                    .collect::<Result<Vec<_>, _>>()?;
                t.required.push(Self::cosign_keys(keys));
            }
        }
        Ok(t)
    }
}

/// The signatures that satisfied the policy.
#[derive(Debug, Default)]
pub struct Verdict {
    pub signatures: Vec<VerifiedSignature>,
}

impl TrustPolicy {
    /// Requiring a cosign signature by one of `keys` (nerdctl's `--verify=cosign`).
    pub fn cosign_keys(keys: Vec<CosignVerificationKey>) -> Requirement {
        Requirement::SigstoreSigned {
            keys,
            identity: SignedIdentity::MatchRepoDigestOrExact,
            bundle_only: false,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.policy.is_none() && self.required.is_empty()
    }

    /// Every cosign key a signature of `r` may be made with, by the
    /// policy's scope for `r` and the command line's requirements.
    pub fn cosign_keys_for(&self, r: &ImageRef) -> Vec<CosignVerificationKey> {
        let from_policy = self
            .policy
            .as_ref()
            .map(|p| p.requirements_for(r).1)
            .unwrap_or(&[]);
        from_policy
            .iter()
            .chain(self.required.iter())
            .filter_map(|q| match q {
                Requirement::SigstoreSigned { keys, .. } => Some(keys.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Checks `digest`, which `r` resolved to, against every requirement.
    pub async fn check(
        &self,
        remote: &Remote,
        r: &ImageRef,
        digest: &Digest,
    ) -> Result<Verdict, TrustError> {
        let (scope, from_policy) = match &self.policy {
            Some(p) => p.requirements_for(r),
            None => ("", &[][..]),
        };
        let reqs: Vec<&Requirement> = from_policy.iter().chain(self.required.iter()).collect();
        // Errors name the image as given, then the digest it resolved to.
        let shown = match r.tag() {
            Some(t) => format!("{}:{t}", r.name()),
            None => r.name(),
        };
        if reqs.iter().any(|q| matches!(q, Requirement::Reject)) {
            return Err(TrustError::Rejected {
                reference: shown,
                scope: scope.to_string(),
            });
        }
        // All keys of all requirements, checked in one pass over the registry.
        let mut keys: Vec<CosignVerificationKey> = Vec::new();
        let mut ranges = Vec::new();
        for q in &reqs {
            if let Requirement::SigstoreSigned {
                keys: k,
                identity,
                bundle_only,
            } = q
            {
                ranges.push((keys.len()..keys.len() + k.len(), identity, *bundle_only));
                keys.extend(k.iter().cloned());
            }
        }
        if ranges.is_empty() {
            return Ok(Verdict::default());
        }
        let findings = cosign::verify(remote, r, digest, &keys).await?;
        let mut verdict = Verdict::default();
        for (range, identity, bundle_only) in ranges {
            let good: Vec<&VerifiedSignature> = findings
                .verified
                .iter()
                .filter(|s| range.contains(&s.key_index))
                .collect();
            let accepted: Vec<&&VerifiedSignature> = good
                .iter()
                .filter(|s| identity.accepts(r, s.identity.as_deref()))
                .filter(|s| !bundle_only || s.format == cosign::SignatureFormat::Bundle)
                .collect();
            if accepted.is_empty() {
                if findings.verified.is_empty() && findings.rejected.is_empty() {
                    return Err(TrustError::NotSigned {
                        reference: shown,
                        digest: digest.clone(),
                    });
                }
                let mut why: Vec<String> = good
                    .iter()
                    .map(|s| match &s.identity {
                        _ if bundle_only && s.format != cosign::SignatureFormat::Bundle => {
                            "a signature in cosign 2's .sig tag verified, but the policy requires the Sigstore bundle form (signatureFormat: bundle)".to_string()
                        }
                        Some(id) => format!("a signature by the key names {id}, which {identity:?} does not accept for {}", r.name()),
                        None => format!("a signature by the key names no repository, which {identity:?} requires"),
                    })
                    .collect();
                why.extend(findings.rejected.iter().cloned());
                if why.is_empty() {
                    why.push("no signature verifies with the given key(s)".into());
                }
                const SHOWN: usize = 5;
                if why.len() > SHOWN + 1 {
                    let more = why.len() - SHOWN;
                    why.truncate(SHOWN);
                    why.push(format!("and {more} more"));
                }
                return Err(TrustError::NoValidSignature {
                    reference: shown,
                    digest: digest.clone(),
                    why: why.join("; "),
                });
            }
            verdict
                .signatures
                .extend(accepted.into_iter().map(|s| (*s).clone()));
        }
        Ok(verdict)
    }
}
