//! A Key Broker Service FOR TESTING ONLY. It speaks the wire protocol of
//! Confidential Containers' trustee KBS (version 0.4.0, see the protocol
//! notes) and refuses what trustee refuses: another protocol version, a
//! nonce that is not the session's, evidence whose report data does not
//! match HASH(JCS({additional-evidence, nonce, tee-pubkey})), an expired or
//! missing session, a resource the policy denies, a bad admin token. It
//! verifies no hardware signature: sample evidence is taken at its word and
//! TDX quotes / SNP reports are only checked for their report data. Never
//! use it for anything real.
//!
//! The resource policy is a small subset of trustee's Rego: `default allow
//! = true|false` plus `allow { <cond> }` / `allow if { <cond> }` rules with
//! one condition `input.tee <op> "<v>"`,
//! `input["submods"]["cpu0"]["ear.status"] <op> "<v>"` or
//! `data["resource-path"] <op> "REPO/TYPE/TAG"` (op `==` or `!=`).
//! The default policy, like trustee's, allows only `affirming` evidence, so
//! sample evidence (`warning`) is denied.
//!
//!   test-kbs --admin-pubkey ADMIN.pub.pem [--port N] [--session-ttl SECS]
//!            [--admin-issuer I] [--admin-audience A] [--admin-role R]
//!            [--protocol-version V] [--fail-first N]
//!            [--tls-cert CHAIN.pem --tls-key KEY.pem]   (HTTPS)
//!
//! Prints `listening on 127.0.0.1:PORT` and serves until killed.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ccr::crypt::PublicKey;
use ccr::crypt::jwe::{RsaAlg, encrypt_with};
use ed25519_dalek::Verifier;
use ed25519_dalek::pkcs8::DecodePublicKey;
use p256::ecdsa::signature::Signer;
use serde_json::{Value, json};

const DEFAULT_POLICY: &str = r#"package policy
default allow = false
allow { input["submods"]["cpu0"]["ear.status"] == "affirming" }
"#;

struct Session {
    nonce: String,
    tee: String,
    created: Instant,
    attested: Option<Value>,
}

struct State {
    sessions: HashMap<String, Session>,
    resources: HashMap<String, Vec<u8>>,
    policy: String,
    ttl: Duration,
    admin_key: ed25519_dalek::VerifyingKey,
    admin_issuer: Option<String>,
    admin_audience: Option<String>,
    admin_role: Option<String>,
    token_key: p256::ecdsa::SigningKey,
    /// The protocol version accepted (0.4.0; another one to test refusals).
    version: String,
    /// Requests answered with 503 before serving (to test client retries).
    fail_first: u32,
}

struct Reply {
    status: u16,
    body: Vec<u8>,
    content_type: &'static str,
    cookie: Option<String>,
}

fn error(status: u16, kind: &str, detail: &str) -> Reply {
    Reply {
        status,
        body: serde_json::to_vec(&json!({
            "type": format!("https://github.com/confidential-containers/kbs/errors/{kind}"),
            "detail": detail,
        }))
        .unwrap(),
        content_type: "application/json",
        cookie: None,
    }
}

fn ok_json(v: Value) -> Reply {
    Reply {
        status: 200,
        body: serde_json::to_vec(&v).unwrap(),
        content_type: "application/json",
        cookie: None,
    }
}

fn random(n: usize) -> Vec<u8> {
    let mut b = vec![0u8; n];
    ccr::crypt::random(&mut b).unwrap();
    b
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

struct Request {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

fn read_request(stream: &mut impl Read) -> Option<Request> {
    let mut r = BufReader::new(stream);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

fn cookie(req: &Request) -> Option<String> {
    req.headers.get("cookie").and_then(|c| {
        c.split(';')
            .map(str::trim)
            .find_map(|kv| kv.strip_prefix("kbs-session-id=").map(str::to_string))
    })
}

fn jcs(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            format!(
                "{{{}}}",
                keys.iter()
                    .map(|k| format!("{}:{}", Value::String((*k).clone()), jcs(&m[*k])))
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
        Value::Array(a) => format!("[{}]", a.iter().map(jcs).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

/// The report data the evidence carries, by TEE.
fn report_data(tee: &str, evidence: &Value) -> Result<Vec<u8>, String> {
    match tee {
        "sample" => STANDARD
            .decode(
                evidence["report_data"]
                    .as_str()
                    .ok_or("sample evidence without report_data")?,
            )
            .map_err(|e| e.to_string()),
        "tdx" => {
            let q = STANDARD
                .decode(
                    evidence["quote"]
                        .as_str()
                        .ok_or("TDX evidence without a quote")?,
                )
                .map_err(|e| e.to_string())?;
            // Quote v4: 48-byte header, then the TD report body whose
            // REPORTDATA is at offset 520.
            q.get(568..632)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "TDX quote too short".into())
        }
        "snp" => {
            let report: sev::firmware::guest::AttestationReport =
                serde_json::from_value(evidence["attestation_report"].clone())
                    .map_err(|e| e.to_string())?;
            Ok(report.report_data.to_vec())
        }
        other => Err(format!("the test KBS has no verifier for {other}")),
    }
}

/// The launch-time field that binds initdata, by TEE: TDX MRCONFIGID (quote
/// offset 232, 48 bytes), SNP HOST_DATA (32 bytes); none for sample.
fn init_data_field(tee: &str, evidence: &Value) -> Option<Vec<u8>> {
    match tee {
        "tdx" => {
            let q = STANDARD.decode(evidence["quote"].as_str()?).ok()?;
            q.get(232..280).map(<[u8]>::to_vec)
        }
        "snp" => {
            let report: sev::firmware::guest::AttestationReport =
                serde_json::from_value(evidence["attestation_report"].clone()).ok()?;
            Some(report.host_data.to_vec())
        }
        _ => None,
    }
}

/// As trustee: the digest (by the document's own `algorithm`) of the
/// init-data body, compared with the TEE's field (zero-padded or truncated
/// to its length). Returns the digest, hex.
fn check_init_data(tee: &str, evidence: &Value, init: &Value) -> Result<String, String> {
    use sha2::Digest;
    if init["format"] != "toml" {
        return Err(format!("init-data format {} is not toml", init["format"]));
    }
    let body = init["body"].as_str().ok_or("init-data without a body")?;
    let doc: toml::Table = toml::from_str(body).map_err(|e| format!("init-data: {e}"))?;
    let digest = match doc.get("algorithm").and_then(|a| a.as_str()) {
        Some("sha256") => sha2::Sha256::digest(body.as_bytes()).to_vec(),
        Some("sha384") => sha2::Sha384::digest(body.as_bytes()).to_vec(),
        Some("sha512") => sha2::Sha512::digest(body.as_bytes()).to_vec(),
        other => return Err(format!("init-data algorithm {other:?} is not supported")),
    };
    if let Some(field) = init_data_field(tee, evidence) {
        let mut expected = digest.clone();
        expected.resize(field.len(), 0);
        if field != expected {
            return Err(format!(
                "the init-data digest does not match the TEE's field ({} != {})",
                hex::encode(&expected),
                hex::encode(&field)
            ));
        }
    }
    Ok(hex::encode(digest))
}

fn ear_status(tee: &str) -> &'static str {
    if tee == "sample" {
        "warning"
    } else {
        "affirming"
    }
}

fn sign_token(
    st: &State,
    tee: &str,
    key: &Value,
    report_data: &[u8],
    init_data: Option<String>,
) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"ES256","typ":"JWT"}"#);
    let iat = now();
    let claims = json!({
        "eat_profile": "tag:github.com,2023:veraison/ear",
        "iat": iat,
        "exp": iat + st.ttl.as_secs(),
        "ear.verifier-id": {"developer": "ccr test KBS (testing only)", "build": "0"},
        "submods": {"cpu0": {
            "ear.status": ear_status(tee),
            // trustee's shape: the TEE's claims beside report_data and
            // runtime_data_claims (sorted first).
            "ear.veraison.annotated-evidence": {
                "init_data": init_data,
                "report_data": hex::encode(report_data),
                "runtime_data_claims": {"tee-pubkey": key},
                tee: {},
            },
            "ear.veraison.key-attestation": {"akpub": key},
        }},
    });
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    let input = format!("{header}.{payload}");
    let sig: p256::ecdsa::Signature = st.token_key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
}

/// The tee and key of a valid bearer token issued by this KBS.
fn check_token(st: &State, token: &str) -> Option<(String, Value)> {
    use p256::ecdsa::signature::Verifier as _;
    let (input, sig) = token.rsplit_once('.')?;
    let sig = p256::ecdsa::Signature::from_slice(&URL_SAFE_NO_PAD.decode(sig).ok()?).ok()?;
    st.token_key
        .verifying_key()
        .verify(input.as_bytes(), &sig)
        .ok()?;
    let claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(input.split('.').nth(1)?).ok()?).ok()?;
    if claims["exp"].as_u64()? < now() {
        return None;
    }
    let sub = &claims["submods"]["cpu0"];
    let tee = sub["ear.veraison.annotated-evidence"]
        .as_object()?
        .keys()
        .find(|k| {
            !matches!(
                k.as_str(),
                "report_data" | "runtime_data_claims" | "init_data"
            )
        })?
        .clone();
    Some((tee, sub["ear.veraison.key-attestation"]["akpub"].clone()))
}

fn policy_allows(policy: &str, tee: &str, resource: &str) -> bool {
    let status = ear_status(tee);
    let mut default = false;
    let mut rules_allow = false;
    for line in policy.lines() {
        let l = line.trim();
        if let Some(v) = l
            .strip_prefix("default allow")
            .map(|r| r.trim_start_matches([' ', ':', '=']).trim())
        {
            default = v == "true";
            continue;
        }
        let Some(body) = l
            .strip_prefix("allow")
            .map(str::trim)
            .map(|b| b.trim_start_matches("if").trim())
        else {
            continue;
        };
        let cond = body.trim_start_matches('{').trim_end_matches('}').trim();
        let (lhs, op, rhs) = if let Some((a, b)) = cond.split_once("!=") {
            (a.trim(), "!=", b.trim())
        } else if let Some((a, b)) = cond.split_once("==") {
            (a.trim(), "==", b.trim())
        } else {
            continue;
        };
        let actual = match lhs {
            "input.tee" | "input[\"tee\"]" => tee,
            "input[\"submods\"][\"cpu0\"][\"ear.status\"]" => status,
            // trustee passes the path as an array; here it is compared joined.
            "data[\"resource-path\"]" => resource,
            _ => continue,
        };
        let want = rhs.trim_matches('"');
        if (op == "==") == (actual == want) {
            rules_allow = true;
        }
    }
    default || rules_allow
}

fn admin_ok(st: &State, req: &Request) -> Result<(), String> {
    let token = req
        .headers
        .get("authorization")
        .and_then(|a| a.strip_prefix("Bearer "))
        .ok_or("no bearer token")?;
    let mut parts = token.split('.');
    let (h, p, s) = (
        parts.next().ok_or("bad JWT")?,
        parts.next().ok_or("bad JWT")?,
        parts.next().ok_or("bad JWT")?,
    );
    let header: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(h).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    if header["alg"] != "EdDSA" {
        return Err("the admin token must be EdDSA".into());
    }
    let sig = ed25519_dalek::Signature::from_slice(
        &URL_SAFE_NO_PAD.decode(s).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    st.admin_key
        .verify(format!("{h}.{p}").as_bytes(), &sig)
        .map_err(|_| "signature does not verify with the admin key".to_string())?;
    let claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    if claims["exp"].as_u64().is_none_or(|e| e < now()) {
        return Err("the admin token expired".into());
    }
    if let Some(i) = &st.admin_issuer
        && claims["iss"].as_str() != Some(i)
    {
        return Err(format!("issuer {} is not {i}", claims["iss"]));
    }
    if let Some(a) = &st.admin_audience {
        let aud_ok = match &claims["aud"] {
            Value::String(s) => s == a,
            Value::Array(v) => v.iter().any(|x| x.as_str() == Some(a)),
            _ => false,
        };
        if !aud_ok {
            return Err(format!("audience {} does not include {a}", claims["aud"]));
        }
    }
    if let Some(r) = &st.admin_role
        && claims["role"].as_str() != Some(r)
    {
        return Err(format!("role {} is not {r}", claims["role"]));
    }
    Ok(())
}

fn handle(state: &Mutex<State>, req: Request) -> Reply {
    let mut st = state.lock().unwrap();
    if st.fail_first > 0 {
        st.fail_first -= 1;
        return error(
            503,
            "ServiceUnavailable",
            "failing on purpose (--fail-first)",
        );
    }
    let path = req.path.split('?').next().unwrap_or("").to_string();
    match (req.method.as_str(), path.as_str()) {
        ("POST", "/kbs/v0/auth") => {
            let Ok(r) = serde_json::from_slice::<Value>(&req.body) else {
                return error(400, "ParseRequest", "the request is not JSON");
            };
            if r["version"].as_str() != Some(st.version.as_str()) {
                // As trustee says it: an attestation error of the auth step.
                return error(
                    401,
                    "AttestationError",
                    &format!(
                        "RCAR handshake Auth failed: KBS Client Protocol Version Mismatch: expect ={} while the request is {}",
                        st.version,
                        r["version"].as_str().unwrap_or("")
                    ),
                );
            }
            let tee = r["tee"].as_str().unwrap_or("").to_string();
            let id = hex::encode(random(16));
            let nonce = STANDARD.encode(random(32));
            st.sessions.insert(
                id.clone(),
                Session {
                    nonce: nonce.clone(),
                    tee,
                    created: Instant::now(),
                    attested: None,
                },
            );
            let mut reply = ok_json(json!({"nonce": nonce, "extra-params": ""}));
            reply.cookie = Some(format!(
                "kbs-session-id={id}; Max-Age={}; Path=/kbs/v0",
                st.ttl.as_secs()
            ));
            reply
        }
        ("POST", "/kbs/v0/attest") => {
            let Some(id) = cookie(&req) else {
                return error(401, "CookieNotFound", "no kbs-session-id cookie");
            };
            let ttl = st.ttl;
            let Some(session) = st.sessions.get(&id) else {
                return error(401, "InvalidCookie", "no such session");
            };
            if session.created.elapsed() > ttl {
                return error(401, "ExpiredCookie", "the session expired");
            }
            let Ok(a) = serde_json::from_slice::<Value>(&req.body) else {
                return error(400, "ParseRequest", "the attestation is not JSON");
            };
            let rd = &a["runtime-data"];
            if rd["nonce"].as_str() != Some(session.nonce.as_str()) {
                return error(401, "AttestationFailed", "the nonce is not this session's");
            }
            let add = a["tee-evidence"]["additional_evidence"]
                .as_str()
                .unwrap_or("")
                .to_string();
            let binding = json!({"additional-evidence": add, "nonce": session.nonce, "tee-pubkey": rd["tee-pubkey"]});
            use sha2::Digest;
            let expected = sha2::Sha384::digest(jcs(&binding).as_bytes()).to_vec();
            let tee = session.tee.clone();
            let got = match report_data(&tee, &a["tee-evidence"]["primary_evidence"]) {
                Ok(g) => g,
                Err(e) => return error(401, "AttestationFailed", &e),
            };
            let mut padded = expected.clone();
            padded.resize(got.len().max(expected.len()), 0);
            if got != expected && got != padded {
                return error(
                    401,
                    "AttestationFailed",
                    "the report data does not bind this session's nonce and key",
                );
            }
            let key = rd["tee-pubkey"].clone();
            if PublicKey::from_jwk(&key, "tee-pubkey").is_err() {
                return error(401, "AttestationFailed", "unusable tee-pubkey");
            }
            let init_data = match &a["init-data"] {
                Value::Null => None,
                init => match check_init_data(&tee, &a["tee-evidence"]["primary_evidence"], init) {
                    Ok(d) => Some(d),
                    Err(e) => return error(401, "AttestationError", &e),
                },
            };
            let token = sign_token(&st, &tee, &key, &got, init_data);
            st.sessions.get_mut(&id).unwrap().attested = Some(key);
            ok_json(json!({"token": token}))
        }
        ("GET", p) if p.starts_with("/kbs/v0/resource/") => {
            let name = p.trim_start_matches("/kbs/v0/resource/").to_string();
            let from_cookie = cookie(&req).and_then(|id| {
                let s = st.sessions.get(&id)?;
                (s.created.elapsed() <= st.ttl)
                    .then(|| s.attested.clone().map(|k| (s.tee.clone(), k)))?
            });
            let from_token = || {
                req.headers
                    .get("authorization")
                    .and_then(|a| a.strip_prefix("Bearer "))
                    .and_then(|t| check_token(&st, t))
            };
            let Some((tee, key)) = from_cookie.or_else(from_token) else {
                return error(401, "TokenNotFound", "no attested session or valid token");
            };
            if !policy_allows(&st.policy, &tee, &name) {
                return error(
                    401,
                    "PolicyDeny",
                    &format!("the resource policy denies {name} to {tee} evidence"),
                );
            }
            let Some(data) = st.resources.get(&name) else {
                // trustee's resource plugin fails on a resource it lacks.
                return error(
                    401,
                    "PluginInternalError",
                    &format!("Plugin internal error: failed to read resource {name}: not found"),
                );
            };
            let Ok(pk) = PublicKey::from_jwk(&key, "tee-pubkey") else {
                return error(401, "TokenNotFound", "unusable key");
            };
            let jwe = encrypt_with(data, &[pk], RsaAlg::Oaep256).unwrap();
            Reply {
                status: 200,
                body: jwe,
                content_type: "application/json",
                cookie: None,
            }
        }
        ("POST", p) if p.starts_with("/kbs/v0/resource/") => {
            // trustee's names for refused admin credentials.
            if let Err(e) = admin_ok(&st, &req) {
                return error(401, "AdminAuthInitialization", &e);
            }
            let name = p.trim_start_matches("/kbs/v0/resource/").to_string();
            if name.split('/').count() != 3 {
                return error(400, "InvalidRequest", "resource paths are REPO/TYPE/TAG");
            }
            st.resources.insert(name, req.body.clone());
            Reply {
                status: 200,
                body: Vec::new(),
                content_type: "text/plain",
                cookie: None,
            }
        }
        ("POST", "/kbs/v0/resource-policy") => {
            if let Err(e) = admin_ok(&st, &req) {
                return error(401, "AdminAuthAccess", &e);
            }
            let Ok(v) = serde_json::from_slice::<Value>(&req.body) else {
                return error(400, "ParseRequest", "not JSON");
            };
            let Some(text) = v["policy"]
                .as_str()
                .and_then(|p| URL_SAFE_NO_PAD.decode(p).ok())
            else {
                return error(400, "ParseRequest", "policy must be base64url");
            };
            st.policy = String::from_utf8_lossy(&text).into_owned();
            Reply {
                status: 200,
                body: Vec::new(),
                content_type: "text/plain",
                cookie: None,
            }
        }
        _ => error(404, "NotFound", &format!("{} {}", req.method, req.path)),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pem =
        std::fs::read_to_string(arg("--admin-pubkey").expect("--admin-pubkey FILE is required"))
            .unwrap();
    let admin_key =
        ed25519_dalek::VerifyingKey::from_public_key_pem(&pem).expect("an ed25519 public key PEM");
    let port: u16 = arg("--port").map(|p| p.parse().unwrap()).unwrap_or(0);
    let ttl = Duration::from_secs(
        arg("--session-ttl")
            .map(|p| p.parse().unwrap())
            .unwrap_or(300),
    );
    let token_key = loop {
        if let Ok(k) = p256::ecdsa::SigningKey::from_slice(&random(32)) {
            break k;
        }
    };
    let state = Arc::new(Mutex::new(State {
        sessions: HashMap::new(),
        resources: HashMap::new(),
        policy: DEFAULT_POLICY.into(),
        ttl,
        admin_key,
        admin_issuer: arg("--admin-issuer"),
        admin_audience: arg("--admin-audience"),
        admin_role: arg("--admin-role"),
        token_key,
        version: arg("--protocol-version").unwrap_or_else(|| "0.4.0".into()),
        fail_first: arg("--fail-first").map(|n| n.parse().unwrap()).unwrap_or(0),
    }));
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    println!("listening on {}", listener.local_addr().unwrap());
    std::io::stdout().flush().unwrap();
    let tls = tls_config(arg("--tls-cert"), arg("--tls-key"));
    for stream in listener.incoming() {
        let Ok(tcp) = stream else { continue };
        let state = state.clone();
        let tls = tls.clone();
        std::thread::spawn(move || match tls {
            Some(cfg) => {
                let Ok(conn) = rustls::ServerConnection::new(cfg) else {
                    return;
                };
                serve(&state, rustls::StreamOwned::new(conn, tcp));
            }
            None => serve(&state, tcp),
        });
    }
}

/// HTTPS when given a certificate chain and its key (PEM).
fn tls_config(cert: Option<String>, key: Option<String>) -> Option<Arc<rustls::ServerConfig>> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let (cert, key) = (cert?, key.expect("--tls-key goes with --tls-cert"));
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let key = PrivateKeyDer::from_pem_file(&key).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    Some(Arc::new(cfg))
}

fn serve(state: &Mutex<State>, mut stream: impl Read + Write) {
    let Some(req) = read_request(&mut stream) else {
        return;
    };
    let reply = handle(state, req);
    let reason = match reply.status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    if let Some(c) = reply.cookie {
        head.push_str(&format!("Set-Cookie: {c}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
    let _ = stream.flush();
}
