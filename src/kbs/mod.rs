//! A client for a Key Broker Service speaking the Confidential Containers
//! (trustee) KBS protocol: the RCAR handshake with TEE evidence bound to
//! the session nonce and an ephemeral key, resources released as JWE to
//! that key, and the tenant's admin calls (resources, resource policy).

pub mod admin;
pub mod attester;
pub mod client;
pub mod policy;

use std::path::PathBuf;

pub use attester::{Attester, TeeChoice};
pub use client::{KbsClient, TokenClaims};

/// The protocol version this client speaks.
pub const PROTOCOL_VERSION: &str = "0.4.0";

/// What a KBS refused, by the error type it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    PolicyDeny,
    AttestationError,
    TokenNotFound,
    ProtocolVersion,
    Unauthorized,
    /// trustee's `PluginInternalError`: mostly a resource that is not there.
    ResourceMissing,
    /// trustee's `PolicyEngineError`: a policy it refuses to store, or a
    /// stored one that fails to load or evaluate.
    PolicyEngine,
    Other(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::PolicyDeny => f.write_str("PolicyDeny"),
            Refusal::AttestationError => f.write_str("AttestationError"),
            Refusal::TokenNotFound => f.write_str("TokenNotFound"),
            Refusal::ProtocolVersion => f.write_str("ProtocolVersionMismatch"),
            Refusal::Unauthorized => f.write_str("Unauthorized"),
            Refusal::ResourceMissing => f.write_str("PluginInternalError"),
            Refusal::PolicyEngine => f.write_str("PolicyEngineError"),
            Refusal::Other(s) => f.write_str(s),
        }
    }
}

impl Refusal {
    fn advice(&self) -> &'static str {
        match self {
            Refusal::PolicyDeny => {
                "the KBS resource policy does not release this resource to this guest's evidence (trustee's default policy denies sample evidence); check the policy with the KBS operator"
            }
            Refusal::AttestationError => {
                "the KBS did not accept this guest's evidence: check that the TEE is the one the KBS expects and its reference values"
            }
            Refusal::TokenNotFound => "the session is missing or expired; attest again",
            Refusal::ProtocolVersion => {
                "the KBS speaks another protocol version than ccr (0.4.0); use a matching KBS"
            }
            Refusal::Unauthorized => {
                "the admin token was refused: check the admin key, and the issuer, audience and role the KBS expects"
            }
            Refusal::ResourceMissing => {
                "the KBS's resource plugin failed; this usually means the resource does not exist: check its path (kbs:///REPOSITORY/TYPE/TAG) with the KBS operator"
            }
            Refusal::PolicyEngine => {
                "the KBS's policy engine (regorus, Rego v1) refused the resource policy: rules are written `allow if { ... }` in `package policy`; check a policy with `ccr kbs doctor --policy FILE`"
            }
            Refusal::Other(_) => "see the KBS's logs",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KbsError {
    #[error("KBS at {url}: cannot connect: {why}")]
    Unreachable { url: String, why: String },
    #[error("KBS {op}: refused ({kind}): {detail}")]
    Refused {
        op: String,
        kind: Refusal,
        detail: String,
    },
    #[error("KBS {op}: HTTP {status}: {body}")]
    Http {
        op: String,
        status: u16,
        body: String,
    },
    #[error("KBS {op}: unexpected reply: {why}")]
    Protocol { op: String, why: String },
    #[error("TEE: {0}")]
    Tee(String),
    /// No TEE, and none was named: sample evidence is never used unasked.
    #[error("TEE: {0}")]
    NoTee(String),
    #[error("no KBS address")]
    NoAddress,
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Crypt(#[from] crate::crypt::CryptError),
    #[error(transparent)]
    Policy(#[from] policy::PolicyError),
}

pub type Result<T> = std::result::Result<T, KbsError>;

impl KbsError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            KbsError::Unreachable { .. } => {
                Some("check the KBS address and that the KBS is running".into())
            }
            KbsError::Refused { kind, .. } => Some(kind.advice().into()),
            KbsError::Policy(e) => e.hint(),
            KbsError::NoTee(_) => Some(
                "sample evidence, for development only, must be asked for by name".into(),
            ),
            KbsError::NoAddress => Some(
                "set CCR_KBS_URL or kbs_url in ccr.toml, or boot with agent.aa_kbc_params=cc_kbc::<URL>"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// A resource name: `kbs:///repo/type/tag`, `kbs://host:port/repo/type/tag`
/// or just `repo/type/tag`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceUri {
    pub host: Option<String>,
    pub path: String,
}

impl std::str::FromStr for ResourceUri {
    type Err = KbsError;
    fn from_str(s: &str) -> Result<ResourceUri> {
        if s.starts_with("kbs://") {
            let (host, path) = crate::crypt::provider::parse_kid(s)?;
            return Ok(ResourceUri { host, path });
        }
        let parts: Vec<&str> = s.trim_matches('/').split('/').collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || *p == "." || *p == "..")
        {
            return Err(KbsError::Config(format!(
                "resource {s:?}: use kbs:///REPOSITORY/TYPE/TAG (or REPOSITORY/TYPE/TAG)"
            )));
        }
        Ok(ResourceUri {
            host: None,
            path: parts.join("/"),
        })
    }
}

/// Where the KBS is, in the order a user expects: the flag, the
/// environment, the configuration, and (as in a Confidential Containers
/// guest) `agent.aa_kbc_params=cc_kbc::<URL>` on the kernel command line.
pub fn resolve_url(
    flag: Option<&str>,
    config: Option<&str>,
    kernel_cmdline: Option<&str>,
) -> Result<String> {
    let from_env = std::env::var("CCR_KBS_URL").ok().filter(|s| !s.is_empty());
    let from_cmdline = kernel_cmdline.and_then(|c| {
        c.split_whitespace().find_map(|arg| {
            let v = arg.strip_prefix("agent.aa_kbc_params=")?;
            let (kbc, url) = v.split_once("::")?;
            (kbc == "cc_kbc" && !url.is_empty()).then(|| url.to_string())
        })
    });
    let url = flag
        .map(str::to_string)
        .or(from_env)
        .or(config.map(str::to_string))
        .or(from_cmdline)
        .ok_or(KbsError::NoAddress)?;
    let url = url.trim_end_matches('/').to_string();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(KbsError::Config(format!(
            "KBS address {url:?}: use http://HOST:PORT or https://HOST:PORT"
        )));
    }
    Ok(url)
}

/// Client settings beyond the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientOptions {
    pub tee: TeeChoice,
    /// The ephemeral TEE key kind: EC P-256 (default) or RSA.
    pub rsa_key: bool,
    /// A PEM CA certificate for an HTTPS KBS.
    pub ca_cert: Option<PathBuf>,
    pub tsm_root: PathBuf,
    /// Attempts for transient failures (connection errors, 5xx).
    pub attempts: u32,
    /// The initdata TOML the guest booted with, sent as `init-data` with the
    /// evidence (the KBS compares its digest with the TEE's field).
    pub init_data: Option<String>,
    /// The guest's event log (AAEL), carried in TDX evidence.
    pub eventlog: Option<PathBuf>,
    /// Where the TDX guest driver exposes its runtime registers.
    pub measurements: PathBuf,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            tee: TeeChoice::Auto,
            rsa_key: false,
            ca_cert: None,
            tsm_root: PathBuf::from(attester::TSM_REPORT_DIR),
            attempts: 3,
            init_data: None,
            eventlog: None,
            measurements: PathBuf::from(attester::TDX_MEASUREMENTS_DIR),
        }
    }
}

/// Fetches the key-encryption key (32 bytes) of an image key id.
pub async fn fetch_kek(
    client: &mut KbsClient,
    kid: &ResourceUri,
) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let kek = client.get_resource(kid).await?;
    if kek.len() != 32 {
        return Err(KbsError::Config(format!(
            "kbs:///{}: the KBS released {} bytes, not a 32-byte key-encryption key",
            kid.path,
            kek.len()
        )));
    }
    Ok(kek)
}

/// Reads a registered key-encryption key back and checks it is `kek`.
pub async fn check_kek(client: &mut KbsClient, kid: &ResourceUri, kek: &[u8]) -> Result<()> {
    let back = client.get_resource(kid).await?;
    if back.as_slice() != kek {
        return Err(KbsError::Config(format!(
            "kbs:///{}: the KBS returns another key than the one registered",
            kid.path
        )));
    }
    Ok(())
}

/// RFC 8785 canonical JSON of the values the KBS protocol binds (objects,
/// arrays, strings, booleans, null; integers as they are).
pub fn jcs(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), jcs(&m[k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(jcs).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_captured_binding_vector_reproduces() {
        // From a real exchange (see the protocol notes).
        let input = json!({
            "tee-pubkey": {"y": "oLvM4Pj6R9tjJb6K5Z35lPgWJlFBVSyFjkcc1FBJtbg", "x": "FrqEr_TXkDEA7DWT431aMooEzFLNsldeAXCC_xP8yOs",
                           "kty": "EC", "crv": "P-256", "alg": "ECDH-ES+A256KW"},
            "nonce": "rsOGwlXn/qjV9ankBBNfFZCtfjgnYee6kc7mRYHibec=",
            "additional-evidence": "",
        });
        let canon = jcs(&input);
        assert_eq!(
            canon,
            r#"{"additional-evidence":"","nonce":"rsOGwlXn/qjV9ankBBNfFZCtfjgnYee6kc7mRYHibec=","tee-pubkey":{"alg":"ECDH-ES+A256KW","crv":"P-256","kty":"EC","x":"FrqEr_TXkDEA7DWT431aMooEzFLNsldeAXCC_xP8yOs","y":"oLvM4Pj6R9tjJb6K5Z35lPgWJlFBVSyFjkcc1FBJtbg"}}"#
        );
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha384::digest(canon.as_bytes());
        assert_eq!(
            base64::engine::general_purpose::STANDARD.encode(digest),
            "W7pfRwsUY6j+cLtLRYGfAeDOlV2LGUCT6caF+WBJafm2V1efwtz4HJuQ4hUM6HpO"
        );
    }

    #[test]
    fn addresses_and_uris() {
        assert_eq!(
            resolve_url(
                None,
                None,
                Some("quiet agent.aa_kbc_params=cc_kbc::http://10.0.0.1:8080 x")
            )
            .unwrap(),
            "http://10.0.0.1:8080"
        );
        assert_eq!(
            resolve_url(Some("http://a:1/"), Some("http://b:2"), None).unwrap(),
            "http://a:1"
        );
        assert!(resolve_url(Some("ftp://x"), None, None).is_err());
        let u: ResourceUri = "kbs:///default/key/1".parse().unwrap();
        assert_eq!((u.host, u.path.as_str()), (None, "default/key/1"));
        assert!("kbs:///default/../x".parse::<ResourceUri>().is_err());
        assert!("a/b".parse::<ResourceUri>().is_err());
    }
}
