//! The attestation client: `auth` → challenge → `attest` (evidence bound to
//! the nonce and an ephemeral key) → token; then resources, each released
//! as a JWE to the ephemeral key. The session (cookie and token) is reused
//! until it expires, then renewed once.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use kbs_types::{
    Attestation, Challenge, CompositeEvidence, InitData, Request, RuntimeData, TeePubKey,
};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::attester::{Attester, attester};
use super::{ClientOptions, KbsError, PROTOCOL_VERSION, Refusal, ResourceUri, Result, jcs};
use crate::crypt::PrivateKey;

/// What the attestation token says.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TokenClaims {
    /// `affirming`, `warning`, `contraindicated` or `none` (EAR status).
    pub status: String,
    pub tee: String,
    /// Seconds since the epoch.
    pub expires: Option<u64>,
    pub claims: Value,
}

struct Session {
    cookie: String,
    token: String,
    claims: TokenClaims,
    /// The cookie's lifetime (the KBS's sessions last 5 minutes).
    until: SystemTime,
}

pub struct KbsClient {
    url: String,
    http: reqwest::Client,
    attester: Box<dyn Attester>,
    /// The session's ephemeral key; zeroized when dropped.
    key: PrivateKey,
    key_jwk: Value,
    session: Option<Session>,
    attempts: u32,
    init_data: Option<String>,
    eventlog: Option<std::path::PathBuf>,
}

fn now() -> SystemTime {
    SystemTime::now()
}

impl KbsClient {
    pub fn new(url: &str, opts: &ClientOptions) -> Result<KbsClient> {
        let attester = attester(opts.tee, &opts.tsm_root)?;
        let mut b = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(5));
        if let Some(ca) = &opts.ca_cert {
            let pem = crate::bounded::read(ca, crate::bounded::KEY_FILE).map_err(|e| {
                KbsError::Config(format!("KBS CA certificate {}: {e}", ca.display()))
            })?;
            let cert = reqwest::Certificate::from_pem(&pem).map_err(|e| {
                KbsError::Config(format!("KBS CA certificate {}: {e}", ca.display()))
            })?;
            b = b.add_root_certificate(cert);
        }
        let http = b
            .build()
            .map_err(|e| KbsError::Config(format!("HTTP client: {e}")))?;
        let key = if opts.rsa_key {
            PrivateKey::generate_rsa(2048)?
        } else {
            PrivateKey::generate_p256()?
        };
        let mut key_jwk = key.public().to_jwk();
        key_jwk["alg"] = json!(if opts.rsa_key {
            "RSA-OAEP-256"
        } else {
            "ECDH-ES+A256KW"
        });
        Ok(KbsClient {
            url: url.to_string(),
            http,
            attester,
            key,
            key_jwk,
            session: None,
            attempts: opts.attempts.max(1),
            init_data: opts.init_data.clone(),
            eventlog: opts.eventlog.clone(),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn tee(&self) -> kbs_types::Tee {
        self.attester.tee()
    }

    /// Sends a request, retrying transient failures with backoff.
    async fn send(
        &self,
        op: &str,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response> {
        let mut delay = Duration::from_millis(100);
        let mut last = None;
        for attempt in 1..=self.attempts {
            match build().send().await {
                Ok(r) if r.status().is_server_error() && attempt < self.attempts => {
                    last = Some(KbsError::Http {
                        op: op.into(),
                        status: r.status().as_u16(),
                        body: String::from_utf8_lossy(
                            &body(op, r, MAX_REPLY).await.unwrap_or_default(),
                        )
                        .into_owned(),
                    });
                }
                Ok(r) => return Ok(r),
                Err(e) if e.is_connect() || e.is_timeout() => {
                    last = Some(KbsError::Unreachable {
                        url: self.url.clone(),
                        why: error_chain(&e),
                    });
                }
                Err(e) => {
                    return Err(KbsError::Unreachable {
                        url: self.url.clone(),
                        why: error_chain(&e),
                    });
                }
            }
            if attempt < self.attempts {
                tokio::time::sleep(delay).await;
                delay *= 2;
            }
        }
        Err(last.expect("at least one attempt"))
    }

    /// The RCAR handshake; returns the token's claims.
    pub async fn attest(&mut self) -> Result<TokenClaims> {
        let req = Request {
            version: PROTOCOL_VERSION.into(),
            tee: self.attester.tee(),
            extra_params: json!({"supported-hash-algorithms": ["sha256", "sha384", "sha512"]}),
        };
        let url = format!("{}/kbs/v0/auth", self.url);
        let resp = self
            .send("auth", || self.http.post(&url).json(&req))
            .await?;
        let cookie = resp
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| {
                c.split(';')
                    .next()
                    .filter(|kv| kv.starts_with("kbs-session-id="))
            })
            .map(str::to_string);
        let resp = check("auth", resp).await?;
        let challenge: Challenge = parse("auth", resp).await?;
        let cookie = cookie.ok_or_else(|| KbsError::Protocol {
            op: "auth".into(),
            why: "no kbs-session-id cookie in the reply".into(),
        })?;
        let hash = challenge
            .extra_params
            .get("selected-hash-algorithm")
            .and_then(|h| h.as_str())
            .filter(|h| !h.is_empty())
            .unwrap_or("sha384")
            .to_ascii_lowercase();
        // The evidence commits to the nonce and the key.
        let binding = json!({
            "additional-evidence": "",
            "nonce": challenge.nonce,
            "tee-pubkey": self.key_jwk,
        });
        let report_data = digest(&hash, jcs(&binding).as_bytes())?;
        let mut evidence = self.attester.evidence(&report_data)?;
        // The event log goes with TDX evidence (trustee replays it against
        // the quote's RTMR3), as guest-components' TDX attester sends it.
        if self.attester.tee() == kbs_types::Tee::Tdx
            && let Some(log) = &self.eventlog
        {
            // At most the log's bound; an unreadable or empty log is none.
            let text = crate::bounded::read(log, 4 << 20)
                .ok()
                .and_then(|d| String::from_utf8(d).ok())
                .filter(|t| !t.is_empty());
            evidence["aa_eventlog"] = json!(text);
        }
        let tee_pubkey: TeePubKey =
            serde_json::from_value(self.key_jwk.clone()).map_err(|e| KbsError::Protocol {
                op: "attest".into(),
                why: format!("TEE key: {e}"),
            })?;
        let attestation = Attestation {
            init_data: self.init_data.as_ref().map(|body| InitData {
                format: "toml".into(),
                body: body.clone(),
            }),
            runtime_data: RuntimeData {
                nonce: challenge.nonce.clone(),
                tee_pubkey,
            },
            tee_evidence: CompositeEvidence {
                primary_evidence: evidence,
                additional_evidence: String::new(),
            },
        };
        let url = format!("{}/kbs/v0/attest", self.url);
        let resp = self
            .send("attest", || {
                self.http
                    .post(&url)
                    .header(reqwest::header::COOKIE, &cookie)
                    .json(&attestation)
            })
            .await?;
        let resp = check("attest", resp).await?;
        let body: Value = parse("attest", resp).await?;
        let token = attest_token(&body)?;
        let claims = token_claims(&token)?;
        self.session = Some(Session {
            cookie,
            token,
            claims: claims.clone(),
            until: now() + Duration::from_secs(290),
        });
        Ok(claims)
    }

    /// Attests unless the session is still good.
    async fn ensure_session(&mut self) -> Result<()> {
        let fresh = self.session.as_ref().is_some_and(|s| {
            now() < s.until
                && s.claims.expires.is_none_or(|e| {
                    UNIX_EPOCH + Duration::from_secs(e) > now() + Duration::from_secs(5)
                })
        });
        if !fresh {
            self.attest().await?;
        }
        Ok(())
    }

    /// Fetches and decrypts a resource.
    pub async fn get_resource(&mut self, uri: &ResourceUri) -> Result<Zeroizing<Vec<u8>>> {
        self.ensure_session().await?;
        match self.fetch(uri).await {
            // The KBS forgot the session (it restarted, or it expired early): once more.
            Err(KbsError::Refused {
                kind: Refusal::TokenNotFound,
                ..
            }) => {
                self.attest().await?;
                self.fetch(uri).await
            }
            other => other,
        }
    }

    async fn fetch(&self, uri: &ResourceUri) -> Result<Zeroizing<Vec<u8>>> {
        let s = self.session.as_ref().expect("a session");
        let url = format!("{}/kbs/v0/resource/{}", self.url, uri.path);
        let op = format!("resource {}", uri.path);
        let resp = self
            .send(&op, || {
                self.http
                    .get(&url)
                    .header(reqwest::header::COOKIE, &s.cookie)
                    .bearer_auth(&s.token)
            })
            .await?;
        let resp = check(&op, resp).await?;
        let body = Zeroizing::new(body(&op, resp, MAX_RESOURCE).await?);
        Ok(crate::crypt::jwe::decrypt(
            &body,
            std::slice::from_ref(&self.key),
        )?)
    }
}

/// The most ccr reads of a KBS reply: JSON (challenge, token, errors).
pub const MAX_REPLY: u64 = 1 << 20;
/// The most ccr reads of a resource (a JWE around a key, policy or
/// credentials file).
pub const MAX_RESOURCE: u64 = 16 << 20;

/// Reads a reply's body, refusing one longer than `limit` as soon as it
/// passes it.
async fn body(op: &str, resp: reqwest::Response, limit: u64) -> Result<Vec<u8>> {
    crate::bounded::body(resp, limit)
        .await
        .map_err(|e| KbsError::Protocol {
            op: op.into(),
            why: error_chain(&e),
        })
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(x) = src {
        s.push_str(": ");
        s.push_str(&x.to_string());
        src = x.source();
    }
    s
}

fn digest(alg: &str, data: &[u8]) -> Result<Vec<u8>> {
    use sha2::Digest as _;
    Ok(match alg {
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        other => {
            return Err(KbsError::Protocol {
                op: "auth".into(),
                why: format!("the KBS selected hash algorithm {other:?}, which ccr did not offer"),
            });
        }
    })
}

/// Maps a KBS error reply to a typed refusal.
pub(crate) async fn check(op: &str, resp: reqwest::Response) -> Result<reqwest::Response> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let body = body(op, resp, MAX_REPLY).await.unwrap_or_default();
    Err(refusal(op, status.as_u16(), &body))
}

/// The typed refusal for an error reply (`status`, `body`) of the KBS.
pub fn refusal(op: &str, status: u16, body: &[u8]) -> KbsError {
    let status =
        reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR);
    let body = String::from_utf8_lossy(body).into_owned();
    let parsed: Option<Value> = serde_json::from_str(&body).ok();
    let kind_name = parsed
        .as_ref()
        .and_then(|v| v["type"].as_str())
        .and_then(|t| t.rsplit('/').next())
        .map(str::to_string);
    let detail = parsed
        .as_ref()
        .and_then(|v| v["detail"].as_str())
        .map(str::to_string)
        .unwrap_or_else(|| body.clone());
    if status.is_server_error() {
        return KbsError::Http {
            op: op.into(),
            status: status.as_u16(),
            body: format!("{detail} (after retries)"),
        };
    }
    // trustee reports another protocol version inside other error types
    // (an AttestationError of the auth step): the detail says which.
    if detail.contains("Protocol Version") {
        return KbsError::Refused {
            op: op.into(),
            kind: Refusal::ProtocolVersion,
            detail,
        };
    }
    let kind = match kind_name.as_deref() {
        Some("PolicyDeny") => Refusal::PolicyDeny,
        Some("PolicyEngineError") => Refusal::PolicyEngine,
        Some("PluginInternalError") | Some("ResourceNotFound") | Some("PluginNotFound") => {
            Refusal::ResourceMissing
        }
        Some("AttestationFailed") | Some("AttestationError") => Refusal::AttestationError,
        Some("TokenNotFound")
        | Some("CookieNotFound")
        | Some("ExpiredCookie")
        | Some("InvalidCookie") => Refusal::TokenNotFound,
        Some("ProtocolVersion") | Some("ProtocolVersionMismatch") => Refusal::ProtocolVersion,
        Some("JwtVerificationFailed")
        | Some("AdminAuth")
        | Some("AdminAuthInitialization")
        | Some("AdminAuthAccess")
        | Some("Unauthorized") => Refusal::Unauthorized,
        Some(other) => Refusal::Other(other.to_string()),
        None if status.as_u16() == 401 || status.as_u16() == 403 => {
            Refusal::Other(format!("HTTP {status}"))
        }
        None => {
            return KbsError::Http {
                op: op.into(),
                status: status.as_u16(),
                body,
            };
        }
    };
    KbsError::Refused {
        op: op.into(),
        kind,
        detail,
    }
}

async fn parse<T: serde::de::DeserializeOwned>(op: &str, resp: reqwest::Response) -> Result<T> {
    reply(op, &body(op, resp, MAX_REPLY).await?)
}

/// Parses a successful JSON reply; a malformed one is shown (its start).
pub fn reply<T: serde::de::DeserializeOwned>(op: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        let shown = String::from_utf8_lossy(&body[..body.len().min(512)]).into_owned();
        KbsError::Protocol {
            op: op.into(),
            why: format!("{e}: {shown}"),
        }
    })
}

/// The token of an `attest` reply.
pub fn attest_token(body: &Value) -> Result<String> {
    body["token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| KbsError::Protocol {
            op: "attest".into(),
            why: "no token in the reply".into(),
        })
}

/// The claims of an EAR token (the signature is the KBS's business: the
/// token goes back to it).
pub fn token_claims(token: &str) -> Result<TokenClaims> {
    let bad = |why: String| KbsError::Protocol {
        op: "attest".into(),
        why: format!("unreadable token: {why}"),
    };
    let payload = token
        .split('.')
        .nth(1)
        .ok_or_else(|| bad("not a JWT".into()))?;
    let claims: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .map_err(|e| bad(e.to_string()))?,
    )
    .map_err(|e| bad(e.to_string()))?;
    let sub = claims["submods"]
        .as_object()
        .and_then(|m| m.values().next())
        .cloned()
        .unwrap_or(Value::Null);
    let status = sub["ear.status"]
        .as_str()
        .or_else(|| claims["ear.status"].as_str())
        .unwrap_or("unknown")
        .to_string();
    // trustee puts `report_data`, `runtime_data_claims` (and `init_data`)
    // beside the TEE's own claims: the TEE is the key that names one.
    let tee = sub["ear.veraison.annotated-evidence"]
        .as_object()
        .and_then(|m| {
            m.keys()
                .find(|k| {
                    serde_json::from_value::<kbs_types::Tee>(Value::String((*k).clone())).is_ok()
                })
                .cloned()
        })
        .or_else(|| claims["tee"].as_str().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    Ok(TokenClaims {
        status,
        tee,
        expires: claims["exp"].as_u64(),
        claims,
    })
}

/// For `doctor`: what the evidence binding looks like (hex of report data).
pub fn describe_binding(nonce: &str, key_jwk: &Value) -> String {
    let b = json!({"additional-evidence": "", "nonce": nonce, "tee-pubkey": key_jwk});
    STANDARD.encode(digest("sha384", jcs(&b).as_bytes()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_replies_map_to_refusals_whatever_their_body() {
        let deny = br#"{"type":"https://github.com/confidential-containers/kbs/errors/PolicyDeny","detail":"no"}"#;
        assert!(matches!(
            refusal("resource a/b/c", 401, deny),
            KbsError::Refused {
                kind: Refusal::PolicyDeny,
                ..
            }
        ));
        assert!(matches!(
            refusal("auth", 500, b"\xff\xfe"),
            KbsError::Http { status: 500, .. }
        ));
        assert!(matches!(
            refusal("auth", 404, b"not json"),
            KbsError::Http { status: 404, .. }
        ));
        assert!(matches!(
            refusal("auth", 1, b""),
            KbsError::Http { status: 500, .. }
        ));
    }
}
