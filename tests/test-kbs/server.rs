//! A Key Broker Service FOR TESTING ONLY. It speaks the wire protocol of
//! Confidential Containers' trustee KBS (version 0.4.0, see the protocol
//! notes) and refuses what trustee refuses: another protocol version, a
//! nonce that is not the session's, evidence whose report data does not
//! match HASH(JCS({additional-evidence, nonce, tee-pubkey})), an expired or
//! missing session, a resource the policy denies, a bad admin token, a
//! resource policy its engine does not load. Never use it for anything real.
//!
//! Resource policies are trustee's: evaluated by `regorus` (the crate and
//! version trustee uses, Rego v1) as `data.policy.allow`, with `input` the
//! attestation token's claims and `data` `{"plugin": "resource",
//! "resource-path": [REPO, TYPE, TAG], "query": {...}}`. The default policy
//! is trustee's: the resource plugin, to any evidence but sample. A policy
//! upload is checked as trustee checks it (the engine must load it, else
//! 401 `PolicyEngineError`), and a stored policy that fails to load or to
//! evaluate answers every resource request with `PolicyEngineError`.
//! The token's claims have trustee's EAR shape: `submods.cpu0` with
//! `ear.status`, `ear.trustworthiness-vector`, `ear.appraisal-policy-id`
//! and `ear.veraison.annotated-evidence`, which holds `report_data`,
//! `runtime_data_claims` (`nonce`, `tee-pubkey`), with initdata `init_data`
//! and `init_data_claims` (its `[data]`, `aa.toml`/`cdh.toml` parsed), and
//! the TEE's parsed claims under its name (`sample`: svn, launch_digest,
//! platform_version, debug; `tdx`: quote header and body fields, hex, and
//! td_attributes; `snp`: policy_*, reported_tcb_*, platform_*, measurement,
//! chip_id).
//!
//! Where it still departs from trustee, and why:
//! - No hardware signature is verified: a TDX quote or SNP report is taken
//!   at its word once its report data binds the session (tests have no
//!   TEE; the evidence comes from a fake configfs-tsm tree). There are no
//!   DCAP collateral, VCEK or event-log checks, so no `uefi_event_logs`,
//!   `platform_instance_id` or certificate-derived claims.
//! - The attestation service's policy is not evaluated. The appraisal is
//!   what trustee's default attestation policy gives with no reference
//!   values registered for sample evidence (executables 33, hardware 97,
//!   configuration 2: `contraindicated`), and, for TDX and SNP, what it
//!   gives when every reference value matches (3, 2, 2: `affirming`), or
//!   the status `--tee-status` names (to test policies on other statuses).
//! - The token is ES256 with a key made at start; trustee's also carries
//!   the key in its JWT header and can be configured otherwise.
//! - `GET /kbs/v0/resource-policy` lists the policy ids, as trustee does;
//!   there is no attestation-policy, reference-value or plugin API.
//! - `--policy FILE` stores a starting policy without checking it, as a
//!   storage backend written by an older trustee would hold one (a v0
//!   policy, say); trustee itself starts from its default policy.
//! - One request per connection; no HTTP keep-alive.
//!
//!   test-kbs --admin-pubkey ADMIN.pub.pem [--port N] [--session-ttl SECS]
//!            [--admin-issuer I] [--admin-audience A] [--admin-role R]
//!            [--protocol-version V] [--fail-first N] [--policy FILE]
//!            [--tee-status affirming|warning|contraindicated]
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

/// trustee's default resource policy (its rules, without its comments).
const DEFAULT_POLICY: &str = r#"package policy

default allow = false

plugin = data.plugin

allow if {
	plugin == "resource"
	not input["submods"]["cpu0"]["ear.veraison.annotated-evidence"]["sample"]
}
"#;

/// The rule trustee evaluates.
const POLICY_RULE: &str = "data.policy.allow";

struct Session {
    nonce: String,
    tee: String,
    created: Instant,
    /// The token's claims, once the session attested.
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
    /// The appraisal of TDX and SNP evidence (affirming unless asked).
    tee_status: String,
    /// `--log FILE`: each request's method and path, a line each, so a
    /// test can count round trips.
    log: Option<std::fs::File>,
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

/// What a checked initdata gives trustee: its digest, and its claims (the
/// `[data]` table, with `aa.toml` and `cdh.toml` parsed as trustee does).
struct InitData {
    digest: Vec<u8>,
    claims: Value,
}

/// As trustee: the digest (by the document's own `algorithm`) of the
/// init-data body, compared with the TEE's field (zero-padded or truncated
/// to its length).
fn check_init_data(tee: &str, evidence: &Value, init: &Value) -> Result<InitData, String> {
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
    let mut claims = serde_json::to_value(
        doc.get("data")
            .cloned()
            .unwrap_or(toml::Value::Table(Default::default())),
    )
    .map_err(|e| e.to_string())?;
    if let Value::Object(m) = &mut claims {
        for key in ["cdh.toml", "aa.toml"] {
            let parsed = m
                .get(key)
                .and_then(Value::as_str)
                .and_then(|t| toml::from_str::<toml::Value>(t).ok())
                .and_then(|v| serde_json::to_value(v).ok());
            if let Some(v) = parsed {
                m.insert(key.into(), v);
            }
        }
    }
    Ok(InitData { digest, claims })
}

/// The TEE's parsed claims, named as trustee's verifiers name them, with
/// `report_data` and `init_data` among them as the verifiers leave them.
fn tee_claims(tee: &str, evidence: &Value, init: Option<&InitData>) -> Result<Value, String> {
    match tee {
        "sample" => {
            let mut c = json!({
                "svn": evidence["svn"].as_str().unwrap_or_default(),
                "report_data": evidence["report_data"].as_str().unwrap_or_default(),
                "launch_digest": "abcde",
                "platform_version": {"major": 1, "minor": 4},
                "debug": false,
            });
            if let Some(i) = init {
                c["init_data"] = json!(STANDARD.encode(&i.digest));
            }
            Ok(c)
        }
        "tdx" => {
            let q = STANDARD
                .decode(
                    evidence["quote"]
                        .as_str()
                        .ok_or("TDX evidence without a quote")?,
                )
                .map_err(|e| e.to_string())?;
            if q.len() < 632 {
                return Err("TDX quote too short".into());
            }
            let h = |a: usize, b: usize| json!(hex::encode(&q[a..b]));
            let td = u64::from_le_bytes(q[168..176].try_into().unwrap());
            // The AA event log, as trustee's TDX verifier of protocol 0.4.0
            // reads it: replayed against RTMR3, its events as claims.
            let aael = match evidence["aa_eventlog"].as_str() {
                Some(log) if !log.is_empty() => Some(aa_eventlog(log, &q[520..568])?),
                _ => None,
            };
            let mut claims = json!({
                "quote": {
                    "header": {"version": h(0, 2), "att_key_type": h(2, 4), "tee_type": h(4, 8),
                               "reserved": h(8, 12), "vendor_id": h(12, 28), "user_data": h(28, 48)},
                    "body": {"tcb_svn": h(48, 64), "mr_seam": h(64, 112), "mrsigner_seam": h(112, 160),
                             "seam_attributes": h(160, 168), "td_attributes": h(168, 176),
                             "xfam": h(176, 184), "mr_td": h(184, 232), "mr_config_id": h(232, 280),
                             "mr_owner": h(280, 328), "mr_owner_config": h(328, 376),
                             "rtmr_0": h(376, 424), "rtmr_1": h(424, 472), "rtmr_2": h(472, 520),
                             "rtmr_3": h(520, 568), "report_data": h(568, 632)},
                },
                "td_attributes": {"debug": td & 1 != 0, "septve_disable": td & (1 << 28) != 0,
                                  "protection_keys": td & (1 << 30) != 0,
                                  "key_locker": td & (1 << 31) != 0, "perfmon": td & (1 << 63) != 0},
                "report_data": h(568, 632),
                "init_data": h(232, 280),
            });
            if let Some(aael) = aael {
                claims["aael"] = aael;
            }
            Ok(claims)
        }
        "snp" => {
            let r: sev::firmware::guest::AttestationReport =
                serde_json::from_value(evidence["attestation_report"].clone())
                    .map_err(|e| e.to_string())?;
            Ok(json!({
                "policy_abi_major": r.policy.abi_major(),
                "policy_abi_minor": r.policy.abi_minor(),
                "policy_smt_allowed": r.policy.smt_allowed(),
                "policy_migrate_ma": r.policy.migrate_ma_allowed(),
                "policy_debug_allowed": r.policy.debug_allowed(),
                "policy_single_socket": r.policy.single_socket_required(),
                "reported_tcb_bootloader": r.reported_tcb.bootloader,
                "reported_tcb_tee": r.reported_tcb.tee,
                "reported_tcb_snp": r.reported_tcb.snp,
                "reported_tcb_microcode": r.reported_tcb.microcode,
                "platform_tsme_enabled": r.plat_info.tsme_enabled(),
                "platform_smt_enabled": r.plat_info.smt_enabled(),
                "measurement": hex::encode(r.measurement),
                "report_data": hex::encode(r.report_data),
                "init_data": hex::encode(r.host_data),
                "chip_id": hex::encode(r.chip_id),
            }))
        }
        other => Err(format!("the test KBS has no verifier for {other}")),
    }
}

/// trustee's annotated evidence: `init_data` (with `init_data_claims`) and
/// `report_data` (with `runtime_data_claims`, less `additional-evidence`
/// as in a token that is not verbose) beside the TEE's claims.
fn annotated_evidence(
    tee: &str,
    mut claims: Value,
    init: Option<&InitData>,
    runtime: &Value,
) -> Value {
    let mut out = serde_json::Map::new();
    let m = claims.as_object_mut().expect("claims are an object");
    if let Some(i) = m.remove("init_data") {
        out.insert("init_data".into(), i);
        out.insert(
            "init_data_claims".into(),
            init.map_or(Value::Null, |i| i.claims.clone()),
        );
    }
    if let Some(r) = m.remove("report_data") {
        out.insert("report_data".into(), r);
        let mut rt = runtime.clone();
        if let Some(o) = rt.as_object_mut() {
            o.remove("additional-evidence");
        }
        out.insert("runtime_data_claims".into(), rt);
    }
    out.insert(tee.into(), claims);
    Value::Object(out)
}

/// The appraisal: trustee's default attestation policy gives sample
/// evidence, with no reference values registered, executables 33,
/// hardware 97 and configuration 2 (so `contraindicated`); hardware
/// evidence is appraised as if every reference value matched (or as
/// `--tee-status` says).
fn appraisal(tee: &str, tee_status: &str) -> (&'static str, Value) {
    let vector = |e: i64, h: i64, c: i64| {
        json!({"instance-identity": 0, "configuration": c, "executables": e, "file-system": 0,
               "hardware": h, "runtime-opaque": 0, "storage-opaque": 0, "sourced-data": 0})
    };
    match (tee, tee_status) {
        ("sample", _) => ("contraindicated", vector(33, 97, 2)),
        (_, "warning") => ("warning", vector(33, 2, 2)),
        (_, "contraindicated") => ("contraindicated", vector(3, 97, 2)),
        _ => ("affirming", vector(3, 2, 2)),
    }
}

/// The token's claims, in trustee's EAR shape.
fn token_claims(st: &State, tee: &str, annotated: Value) -> Value {
    let (status, vector) = appraisal(tee, &st.tee_status);
    let iat = now();
    json!({
        "eat_profile": "tag:github.com,2023:veraison/ear",
        "iat": iat,
        "exp": iat + st.ttl.as_secs(),
        "iss": "ccr-test-kbs",
        "ear.verifier-id": {"developer": "ccr test KBS (testing only)", "build": "0"},
        "submods": {"cpu0": {
            "ear.status": status,
            "ear.trustworthiness-vector": vector,
            "ear.appraisal-policy-id": "default",
            "ear.veraison.annotated-evidence": annotated,
        }},
    })
}

fn sign_token(st: &State, claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"ES256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap());
    let input = format!("{header}.{payload}");
    let sig: p256::ecdsa::Signature = st.token_key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
}

/// The claims of a valid, unexpired bearer token issued by this KBS.
fn check_token(st: &State, token: &str) -> Option<Value> {
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
    Some(claims)
}

/// Where trustee reads the key a resource is encrypted to.
const TEE_PUBKEY: &str =
    "/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/tee-pubkey";

/// As trustee's KBS: `data.policy.allow` of the stored policy, evaluated by
/// regorus on the token's claims and the request. An engine failure is
/// the KBS's `PolicyEngineError`; a rule that is missing or not a boolean
/// denies.
fn evaluate_policy(policy: &str, claims: &Value, data: &Value) -> Result<bool, String> {
    let mut engine = regorus::Engine::new();
    engine
        .add_policy(String::new(), policy.to_string())
        .map_err(|e| format!("Policy engine error: Failed to load policy: {e}"))?;
    let data = regorus::Value::from_json_str(&data.to_string())
        .map_err(|e| format!("Policy engine error: json serialization failed: {e}"))?;
    engine
        .add_data(data)
        .map_err(|e| format!("Policy engine error: Failed to load reference data: {e}"))?;
    engine
        .set_input_json(&claims.to_string())
        .map_err(|e| format!("Policy engine error: Failed to set input data: {e}"))?;
    match engine.eval_rule(POLICY_RULE.to_string()) {
        Ok(regorus::Value::Bool(b)) => Ok(b),
        Ok(_) => Ok(false),
        Err(e) if e.to_string().contains("not a valid rule path") => Ok(false),
        Err(e) => Err(format!("Policy engine error: Failed to eval policy: {e}")),
    }
}

/// The policy's `data` for a request path under /kbs/v0/ and its query.
fn policy_data(path: &str, query: &str) -> Value {
    let mut parts = path.split('/');
    let plugin = parts.next().unwrap_or_default();
    let query: serde_json::Map<String, Value> = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), json!(v))
        })
        .collect();
    json!({"plugin": plugin, "resource-path": parts.collect::<Vec<_>>(), "query": query})
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
    if let Some(log) = &mut st.log {
        let _ = writeln!(log, "{} {}", req.method, req.path);
    }
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
            let evidence = &a["tee-evidence"]["primary_evidence"];
            let init_data = match &a["init-data"] {
                Value::Null => None,
                init => match check_init_data(&tee, evidence, init) {
                    Ok(d) => Some(d),
                    Err(e) => return error(401, "AttestationError", &e),
                },
            };
            let parsed = match tee_claims(&tee, evidence, init_data.as_ref()) {
                Ok(c) => c,
                Err(e) => return error(401, "AttestationFailed", &e),
            };
            let annotated = annotated_evidence(&tee, parsed, init_data.as_ref(), &binding);
            let claims = token_claims(&st, &tee, annotated);
            let token = sign_token(&st, &claims);
            st.sessions.get_mut(&id).unwrap().attested = Some(claims);
            ok_json(json!({"token": token}))
        }
        ("GET", p) if p.starts_with("/kbs/v0/resource/") => {
            let name = p.trim_start_matches("/kbs/v0/resource/").to_string();
            let from_cookie = cookie(&req).and_then(|id| {
                let s = st.sessions.get(&id)?;
                (s.created.elapsed() <= st.ttl).then(|| s.attested.clone())?
            });
            let from_token = || {
                req.headers
                    .get("authorization")
                    .and_then(|a| a.strip_prefix("Bearer "))
                    .and_then(|t| check_token(&st, t))
            };
            let Some(claims) = from_cookie.or_else(from_token) else {
                return error(401, "TokenNotFound", "no attested session or valid token");
            };
            let query = req.path.split_once('?').map_or("", |(_, q)| q);
            let data = policy_data(p.trim_start_matches("/kbs/v0/"), query);
            match evaluate_policy(&st.policy, &claims, &data) {
                Ok(true) => {}
                Ok(false) => return error(401, "PolicyDeny", "Access denied by policy"),
                Err(e) => return error(401, "PolicyEngineError", &e),
            }
            let Some(data) = st.resources.get(&name) else {
                // trustee's resource plugin fails on a resource it lacks.
                return error(
                    401,
                    "PluginInternalError",
                    &format!("Plugin internal error: failed to read resource {name}: not found"),
                );
            };
            let Ok(pk) = PublicKey::from_jwk(
                &claims.pointer(TEE_PUBKEY).cloned().unwrap_or_default(),
                "tee-pubkey",
            ) else {
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
            let Ok(text) = String::from_utf8(text) else {
                return error(
                    400,
                    "ParsePolicyError",
                    "Failed to decode policy: not UTF-8",
                );
            };
            // trustee's check before it stores a policy: the engine loads it.
            if let Err(e) = regorus::Engine::new().add_policy(String::new(), text.clone()) {
                return error(
                    401,
                    "PolicyEngineError",
                    &format!("Policy engine error: Failed to load policy: {e}"),
                );
            }
            st.policy = text;
            Reply {
                status: 200,
                body: Vec::new(),
                content_type: "text/plain",
                cookie: None,
            }
        }
        ("GET", "/kbs/v0/resource-policy") => {
            if let Err(e) = admin_ok(&st, &req) {
                return error(401, "AdminAuthAccess", &e);
            }
            // trustee lists the ids of the policies it stores.
            ok_json(json!(["resource-policy"]))
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
        // A starting policy is stored unchecked (see the module doc).
        policy: arg("--policy")
            .map(|f| std::fs::read_to_string(f).expect("--policy FILE is readable text"))
            .unwrap_or_else(|| DEFAULT_POLICY.into()),
        ttl,
        admin_key,
        admin_issuer: arg("--admin-issuer"),
        admin_audience: arg("--admin-audience"),
        admin_role: arg("--admin-role"),
        token_key,
        version: arg("--protocol-version").unwrap_or_else(|| "0.4.0".into()),
        fail_first: arg("--fail-first").map(|n| n.parse().unwrap()).unwrap_or(0),
        tee_status: arg("--tee-status").unwrap_or_else(|| "affirming".into()),
        log: arg("--log").map(|f| std::fs::File::create(f).expect("--log FILE can be made")),
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

/// trustee's AAEL check: `INIT <alg>/<hex>` then `<domain> <operation>
/// <content>` lines; the register starts at the INIT value, is extended
/// with the INIT line's digest, then each event's; it must end at `rtmr`.
/// The claims: `"<domain>/<operation>"` to the contents, in order.
fn aa_eventlog(log: &str, rtmr: &[u8]) -> Result<Value, String> {
    use sha2::Digest;
    let mut lines = log.lines();
    let init = lines.next().ok_or("AA eventlog: empty")?;
    let items: Vec<&str> = init.split_ascii_whitespace().collect();
    if items.len() != 2 || items[0] != "INIT" {
        return Err("AA eventlog: Illegal INIT event record.".into());
    }
    let (alg, value) = items[1]
        .split_once('/')
        .ok_or("AA eventlog: INIT without <alg>/<value>")?;
    if alg != "sha384" {
        return Err(format!("AA eventlog: {alg} does not fit RTMR3"));
    }
    let mut state = hex::decode(value).map_err(|e| format!("AA eventlog: {e}"))?;
    let ext = |state: &[u8], text: &str| {
        let d = sha2::Sha384::digest(text.as_bytes());
        let mut h = sha2::Sha384::new();
        h.update(state);
        h.update(d);
        h.finalize().to_vec()
    };
    state = ext(&state, &format!("INIT {alg}/{value}"));
    let mut claims = serde_json::Map::new();
    for line in lines {
        let line = line.trim_end();
        let parts: Vec<&str> = line.splitn(3, ' ').collect();
        if parts.len() != 3 {
            return Err(format!(
                "AA eventlog: event {line:?} is not <domain> <operation> <content>"
            ));
        }
        state = ext(&state, line);
        claims
            .entry(format!("{}/{}", parts[0], parts[1]))
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .expect("an array")
            .push(json!(parts[2]));
    }
    if state != rtmr {
        return Err(format!(
            "AA eventlog does not pass check. AAEL value : {}, Quote value {}",
            hex::encode(&state),
            hex::encode(rtmr)
        ));
    }
    Ok(Value::Object(claims))
}
