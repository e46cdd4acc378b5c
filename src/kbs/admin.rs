//! The tenant's side: an EdDSA admin token (or a ready-made one) and the
//! calls that provision a KBS: set a resource, set the resource policy.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::Signer;
use ed25519_dalek::pkcs8::DecodePrivateKey;
use serde_json::json;

use super::client::check;
use super::{KbsError, Result};

/// The claims the admin token carries (current trustee checks them
/// against its configuration; older versions only check the signature).
#[derive(Clone, Debug)]
pub struct AdminClaims {
    pub issuer: String,
    pub audience: Vec<String>,
    pub role: String,
    pub lifetime: Duration,
}

impl Default for AdminClaims {
    fn default() -> Self {
        AdminClaims {
            issuer: "ccr".into(),
            audience: vec!["KBS".into()],
            role: "admin".into(),
            lifetime: Duration::from_secs(300),
        }
    }
}

/// Signs an admin JWT with the ed25519 key in `pem` (PKCS#8, as
/// `openssl genpkey -algorithm ed25519` writes it).
pub fn admin_token(pem: &str, claims: &AdminClaims) -> Result<String> {
    let key = ed25519_dalek::SigningKey::from_pkcs8_pem(pem).map_err(|e| {
        KbsError::Config(format!(
            "admin key: not an ed25519 PKCS#8 PEM private key ({e})"
        ))
    })?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"EdDSA","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&json!({
            "iss": claims.issuer,
            "aud": claims.audience,
            "role": claims.role,
            "iat": now,
            "exp": now + claims.lifetime.as_secs(),
        }))
        .expect("claims serialise"),
    );
    let signing_input = format!("{header}.{payload}");
    let sig = key.sign(signing_input.as_bytes());
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(sig.to_bytes())
    ))
}

pub struct Admin {
    url: String,
    http: reqwest::Client,
    token: String,
}

impl Admin {
    pub fn new(url: &str, token: String, ca_cert: Option<&std::path::Path>) -> Result<Admin> {
        let mut b = reqwest::Client::builder().timeout(Duration::from_secs(30));
        if let Some(ca) = ca_cert {
            let pem = crate::bounded::read(ca, crate::bounded::KEY_FILE).map_err(|e| {
                KbsError::Config(format!("KBS CA certificate {}: {e}", ca.display()))
            })?;
            b = b.add_root_certificate(
                reqwest::Certificate::from_pem(&pem)
                    .map_err(|e| KbsError::Config(format!("KBS CA certificate: {e}")))?,
            );
        }
        Ok(Admin {
            url: url.to_string(),
            http: b
                .build()
                .map_err(|e| KbsError::Config(format!("HTTP client: {e}")))?,
            token,
        })
    }

    async fn post(&self, op: &str, path: &str, body: Vec<u8>, content_type: &str) -> Result<()> {
        let resp = self
            .http
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .map_err(|e| KbsError::Unreachable {
                url: self.url.clone(),
                why: e.to_string(),
            })?;
        check(op, resp).await.map(|_| ())
    }

    /// Stores `data` as resource `path` (`repo/type/tag`).
    pub async fn set_resource(&self, path: &str, data: &[u8]) -> Result<()> {
        self.post(
            &format!("set-resource {path}"),
            &format!("/kbs/v0/resource/{path}"),
            data.to_vec(),
            "application/octet-stream",
        )
        .await
    }

    /// Replaces the resource policy with the Rego text `policy`.
    pub async fn set_resource_policy(&self, policy: &str) -> Result<()> {
        let body = json!({"policy": URL_SAFE_NO_PAD.encode(policy)});
        self.post(
            "set-resource-policy",
            "/kbs/v0/resource-policy",
            serde_json::to_vec(&body).expect("serialises"),
            "application/json",
        )
        .await
    }
}
