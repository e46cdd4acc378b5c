//! KBS resource policies as trustee evaluates them, checked here before one
//! is uploaded and evaluated here to say what a policy would release.
//!
//! trustee (KBS protocol 0.4.0) evaluates its resource policy with the
//! `regorus` crate, and so does this module, at trustee's version and
//! features: Rego v1 (`package policy`, rules written `allow if { ... }`),
//! the rule `data.policy.allow` (a policy without it denies everything);
//! `input` is the attestation token's claims (EAR: `submods.cpu0` holds
//! `ear.status` and, under `ear.veraison.annotated-evidence`, the TEE's
//! parsed claims keyed by its name); `data` is the request:
//! `{"plugin": "resource", "resource-path": [REPO, TYPE, TAG], "query": {}}`.

use std::time::Duration;

use serde_json::{Value, json};

/// The rule trustee evaluates.
pub const RULE: &str = "data.policy.allow";

/// The package it lives in.
const PACKAGE: &str = "data.policy";

/// How long one evaluation may take (a policy is the tenant's text, or a
/// KBS's; a loop in it must not hang the command).
const EVAL_LIMIT: Duration = Duration::from_secs(2);

/// The largest policy read or compiled (trustee has no limit of its own;
/// real policies are a few KiB).
pub const MAX_POLICY_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error("{origin}: not UTF-8 text")]
    NotText { origin: String },
    #[error("{origin}: {len} bytes: a resource policy is at most {MAX_POLICY_BYTES} bytes")]
    TooLarge { origin: String, len: usize },
    /// The engine refused the text: what it said, and where.
    #[error("{origin}{at}: {message}{}", snippet(.source))]
    Compile {
        origin: String,
        /// `:LINE:COLUMN` when the engine names a place.
        at: String,
        message: String,
        #[source]
        source: anyhow::Error,
    },
    #[error(
        "{origin}:{line}: package {package}: trustee evaluates {RULE}, so this policy denies everything"
    )]
    Package {
        origin: String,
        line: u32,
        package: String,
    },
    #[error(
        "{origin}:{line}: no rule grants `allow`, only its default: this policy denies everything"
    )]
    DeniesAll { origin: String, line: u32 },
    #[error(
        "{origin}: evaluating it on {evidence} fails ({message}); the KBS would refuse every request with PolicyEngineError"
    )]
    Evaluate {
        origin: String,
        evidence: String,
        message: String,
        #[source]
        source: anyhow::Error,
    },
    #[error("{origin}: `allow` is {value}, not true or false: the KBS would deny everything")]
    NotBoolean { origin: String, value: String },
}

/// The engine's own picture of the place (the lines before its `error:`).
fn snippet(e: &anyhow::Error) -> String {
    let text = e.to_string();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("error:") && !l.starts_with("-->"))
        .collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("\n{}", lines.join("\n"))
    }
}

impl PolicyError {
    pub fn hint(&self) -> Option<String> {
        match self {
            PolicyError::Compile { message, .. } if message.contains("`if` keyword") => Some(
                "trustee reads Rego v1: write each rule `allow if { ... }` (and `default allow := false`); nothing was uploaded".into(),
            ),
            PolicyError::Compile { .. }
            | PolicyError::NotText { .. }
            | PolicyError::TooLarge { .. }
            | PolicyError::Evaluate { .. }
            | PolicyError::NotBoolean { .. } => Some(
                "a resource policy is Rego v1 in `package policy`, whose rule `allow` trustee evaluates on the token's claims (input) and the request (data); nothing was uploaded".into(),
            ),
            PolicyError::Package { .. } => {
                Some("begin the policy with `package policy`; nothing was uploaded".into())
            }
            PolicyError::DeniesAll { .. } => Some(
                "add an `allow if { ... }` rule, or ask for a policy that denies everything to lock the KBS on purpose; nothing was uploaded".into(),
            ),
        }
    }
}

/// The evidence a policy is judged on: trustee's claims for each TEE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    Tdx,
    Snp,
    Sample,
}

impl Evidence {
    pub const ALL: [Evidence; 3] = [Evidence::Tdx, Evidence::Snp, Evidence::Sample];

    /// The TEE's name: its key under `ear.veraison.annotated-evidence`.
    pub fn name(self) -> &'static str {
        match self {
            Evidence::Tdx => "tdx",
            Evidence::Snp => "snp",
            Evidence::Sample => "sample",
        }
    }

    /// How people write it.
    pub fn label(self) -> &'static str {
        match self {
            Evidence::Tdx => "TDX",
            Evidence::Snp => "SNP",
            Evidence::Sample => "sample",
        }
    }

    /// The TEE's parsed claims as trustee's verifiers name them (values
    /// are placeholders of the right shape).
    fn tee_claims(self) -> Value {
        let zeros = |n: usize| "0".repeat(2 * n);
        match self {
            Evidence::Tdx => json!({
                "quote": {
                    "header": {"version": "0400", "att_key_type": "0200", "tee_type": "81000000",
                               "vendor_id": "939a7233f79c4ca9940a0db3957f0607"},
                    "body": {"mr_td": zeros(48), "mr_config_id": zeros(48), "mr_owner": zeros(48),
                             "rtmr_0": zeros(48), "rtmr_1": zeros(48), "rtmr_2": zeros(48),
                             "rtmr_3": zeros(48), "tcb_svn": zeros(16), "td_attributes": zeros(8),
                             "xfam": zeros(8), "report_data": zeros(64)},
                },
                "td_attributes": {"debug": false, "septve_disable": true,
                                  "protection_keys": false, "key_locker": false, "perfmon": false},
            }),
            Evidence::Snp => json!({
                "policy_abi_major": 0, "policy_abi_minor": 0, "policy_smt_allowed": true,
                "policy_migrate_ma": false, "policy_debug_allowed": false,
                "policy_single_socket": false, "reported_tcb_bootloader": 0,
                "reported_tcb_tee": 0, "reported_tcb_snp": 0, "reported_tcb_microcode": 0,
                "platform_tsme_enabled": false, "platform_smt_enabled": true,
                "measurement": zeros(48), "chip_id": zeros(64),
            }),
            Evidence::Sample => json!({
                "svn": "1", "launch_digest": "abcde",
                "platform_version": {"major": 1, "minor": 4}, "debug": false,
            }),
        }
    }

    /// The token's claims for this evidence appraised with `status`
    /// (`affirming`, `warning`, `contraindicated`), in trustee's EAR shape.
    pub fn claims(self, status: &str) -> Value {
        let mut annotated = serde_json::Map::new();
        annotated.insert("report_data".into(), json!(""));
        annotated.insert(
            "runtime_data_claims".into(),
            json!({"nonce": "", "tee-pubkey": {"kty": "EC", "crv": "P-256", "alg": "ECDH-ES+A256KW", "x": "", "y": ""}}),
        );
        annotated.insert(self.name().into(), self.tee_claims());
        json!({
            "eat_profile": "tag:github.com,2023:veraison/ear",
            "iat": 0,
            "exp": 0,
            "iss": "CoCo-Attestation-Service",
            "ear.verifier-id": {"developer": "", "build": ""},
            "submods": {"cpu0": {
                "ear.status": status,
                "ear.trustworthiness-vector": {},
                "ear.appraisal-policy-id": "default",
                "ear.veraison.annotated-evidence": annotated,
            }},
        })
    }
}

/// The request as a policy sees it, for a resource `REPO/TYPE/TAG`.
pub fn request_data(resource_path: &str) -> Value {
    json!({
        "plugin": "resource",
        "resource-path": resource_path.split('/').collect::<Vec<_>>(),
        "query": {},
    })
}

/// A policy the engine accepted, with where it came from.
pub struct ResourcePolicy {
    origin: String,
    engine: regorus::Engine,
}

impl std::fmt::Debug for ResourcePolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResourcePolicy")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

/// `:LINE:COLUMN` and the message of an engine error.
fn place_and_message(e: &anyhow::Error) -> (String, String) {
    let text = e.to_string();
    let at = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("-->"))
        .and_then(|l| {
            let mut parts = l.trim().rsplitn(3, ':');
            let col: u32 = parts.next()?.parse().ok()?;
            let line: u32 = parts.next()?.parse().ok()?;
            Some(format!(":{line}:{col}"))
        })
        .unwrap_or_default();
    let message = text
        .lines()
        .find_map(|l| l.strip_prefix("error:"))
        .map(|m| m.trim().to_string())
        .unwrap_or_else(|| text.trim().to_string());
    (at, message)
}

impl ResourcePolicy {
    /// Compiles `text` as trustee does when it is uploaded, and checks what
    /// trustee would only find out later: the package is `policy`, some
    /// rule can grant `allow`, and evaluation on each TEE's claims works
    /// and gives a boolean.
    pub fn compile(text: &[u8], origin: &str) -> Result<ResourcePolicy, PolicyError> {
        let origin = origin.to_string();
        if text.len() > MAX_POLICY_BYTES {
            return Err(PolicyError::TooLarge {
                origin,
                len: text.len(),
            });
        }
        let text = std::str::from_utf8(text)
            .map_err(|_| PolicyError::NotText {
                origin: origin.clone(),
            })?
            .to_string();
        let mut engine = regorus::Engine::new();
        engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
            limit: EVAL_LIMIT,
            check_interval: std::num::NonZeroU32::new(64).expect("non-zero"),
        });
        let package = engine.add_policy(origin.clone(), text).map_err(|source| {
            let (at, message) = place_and_message(&source);
            PolicyError::Compile {
                origin: origin.clone(),
                at,
                message,
                source,
            }
        })?;
        if package != PACKAGE {
            return Err(PolicyError::Package {
                origin,
                line: package_line(&engine).unwrap_or(1),
                package: package.trim_start_matches("data.").to_string(),
            });
        }
        if let Some(line) = only_default_allow(&engine) {
            return Err(PolicyError::DeniesAll { origin, line });
        }
        let mut policy = ResourcePolicy { origin, engine };
        for e in Evidence::ALL {
            policy.releases(e, "affirming", "default/key/1")?;
        }
        Ok(policy)
    }

    /// Whether the policy releases `resource_path` (REPO/TYPE/TAG) to
    /// `evidence` appraised with `status`, as trustee decides it.
    pub fn releases(
        &mut self,
        evidence: Evidence,
        status: &str,
        resource_path: &str,
    ) -> Result<bool, PolicyError> {
        let fail = |source: anyhow::Error| {
            let (_, message) = place_and_message(&source);
            PolicyError::Evaluate {
                origin: self.origin.clone(),
                evidence: format!("{} evidence", evidence.label()),
                message,
                source,
            }
        };
        let input = evidence.claims(status).to_string();
        let data = request_data(resource_path).to_string();
        self.engine.clear_data();
        let value = (|| {
            self.engine
                .add_data(regorus::Value::from_json_str(&data)?)?;
            self.engine.set_input_json(&input)?;
            self.engine.eval_rule(RULE.to_string())
        })()
        .map_err(fail)?;
        match value {
            regorus::Value::Bool(b) => Ok(b),
            // No rule applied and no default: trustee takes it as false.
            regorus::Value::Undefined => Ok(false),
            other => Err(PolicyError::NotBoolean {
                origin: self.origin.clone(),
                value: other.to_string(),
            }),
        }
    }

    /// What the policy releases `resource_path` to: for each TEE, whether
    /// it does when the evidence is appraised affirming, and when it is
    /// not (trustee's appraisal of sample evidence, and of hardware whose
    /// reference values do not match).
    pub fn verdicts(&mut self, resource_path: &str) -> Result<Vec<Verdict>, PolicyError> {
        let mut out = Vec::new();
        for e in Evidence::ALL {
            out.push(Verdict {
                evidence: e,
                affirming: self.releases(e, "affirming", resource_path)?,
                otherwise: self.releases(e, "warning", resource_path)?
                    || self.releases(e, "contraindicated", resource_path)?,
            });
        }
        Ok(out)
    }
}

/// What a policy does for one kind of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub evidence: Evidence,
    /// Released when the evidence is appraised affirming.
    pub affirming: bool,
    /// Released when it is not (warning or contraindicated).
    pub otherwise: bool,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match (self.affirming, self.otherwise) {
            (true, true) => "released whatever its appraisal",
            (true, false) => "released when appraised affirming",
            (false, true) => "released only when not appraised affirming",
            (false, false) => "denied",
        };
        write!(f, "{} evidence: {what}", self.evidence.label())
    }
}

/// The line of the policy's `package` declaration.
fn package_line(engine: &regorus::Engine) -> Option<u32> {
    let ast: Value = serde_json::from_str(&engine.get_ast_as_json().ok()?).ok()?;
    let line = ast.get(0)?["ast"]["package"]["span"]["line"].as_u64()?;
    u32::try_from(line).ok()
}

/// The line of `default allow` when no other rule defines `allow` (the
/// policy then denies everything); `None` when one does.
fn only_default_allow(engine: &regorus::Engine) -> Option<u32> {
    let ast: Value = serde_json::from_str(&engine.get_ast_as_json().ok()?).ok()?;
    let mut default_line = None;
    for module in ast.as_array()? {
        for rule in module["ast"]["rules"].as_array()? {
            if let Some(d) = rule.get("Default") {
                if d["refr"]["Var"]["value"] == "allow" {
                    default_line = d["span"]["line"].as_u64();
                }
                continue;
            }
            let Some(head) = rule["Spec"]["head"].as_object() else {
                continue;
            };
            let named_allow = head.values().any(|h| {
                let r = &h["refr"];
                r["Var"]["value"] == "allow"
                    || r["RefDot"]["refr"]["Var"]["value"] == "allow"
                    || r["RefBrack"]["refr"]["Var"]["value"] == "allow"
            });
            if named_allow {
                return None;
            }
        }
    }
    Some(default_line.unwrap_or(1) as u32)
}

/// The resource policy `cvm provision` writes: the resource plugin only,
/// to TDX or SNP evidence that trustee's attestation service appraised as
/// affirming (its reference values matched). With `allow_sample`, sample
/// evidence too, for development, and the policy says so.
pub fn provisioned(allow_sample: bool) -> String {
    let mut p = String::from(
        "# KBS resource policy written by ccr cvm provision (Rego v1, evaluated by trustee's regorus).\n\
         # Resources are released to TDX or SNP evidence that the attestation service\n\
         # appraised as affirming; everything else is denied.\n\
         package policy\n\
         \n\
         default allow := false\n\
         \n\
         allow if {\n\
         \tdata.plugin == \"resource\"\n\
         \tinput[\"submods\"][\"cpu0\"][\"ear.status\"] == \"affirming\"\n\
         \thardware_evidence\n\
         }\n\
         \n\
         hardware_evidence if input[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"tdx\"]\n\
         \n\
         hardware_evidence if input[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"snp\"]\n",
    );
    if allow_sample {
        p.push_str(
            "\n# DEVELOPMENT ONLY (ccr cvm provision --allow-sample): sample evidence proves\n\
             # nothing about the guest, yet this rule releases every resource to it.\n\
             # Never use this policy for real secrets.\n\
             allow if {\n\
             \tdata.plugin == \"resource\"\n\
             \tinput[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"sample\"]\n\
             }\n",
        );
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(text: &str) -> Result<ResourcePolicy, PolicyError> {
        ResourcePolicy::compile(text.as_bytes(), "policy.rego")
    }

    #[test]
    fn the_provisioned_policy_compiles_and_releases_only_to_affirming_hardware() {
        let mut p = compile(&provisioned(false)).unwrap();
        let v = p.verdicts("default/cosign-key/ccr").unwrap();
        assert_eq!(
            v,
            [
                Verdict {
                    evidence: Evidence::Tdx,
                    affirming: true,
                    otherwise: false
                },
                Verdict {
                    evidence: Evidence::Snp,
                    affirming: true,
                    otherwise: false
                },
                Verdict {
                    evidence: Evidence::Sample,
                    affirming: false,
                    otherwise: false
                },
            ]
        );
        assert!(!provisioned(false).contains("sample evidence proves"));
    }

    #[test]
    fn sample_evidence_needs_the_development_flag_and_the_policy_says_so() {
        let text = provisioned(true);
        assert!(text.contains("DEVELOPMENT ONLY"), "{text}");
        let mut p = compile(&text).unwrap();
        for status in ["affirming", "warning", "contraindicated"] {
            assert!(
                p.releases(Evidence::Sample, status, "default/key/1")
                    .unwrap()
            );
        }
        // Hardware evidence still needs an affirming appraisal.
        assert!(
            !p.releases(Evidence::Tdx, "warning", "default/key/1")
                .unwrap()
        );
    }

    #[test]
    fn a_v0_rule_is_refused_with_the_engines_message_and_line() {
        let e = compile(
            "package policy\ndefault allow = false\nallow { input[\"submods\"][\"cpu0\"][\"ear.status\"] == \"affirming\" }\n",
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("policy.rego:3:7: "), "{text}");
        assert!(
            text.contains("`if` keyword is required before rule body"),
            "{text}"
        );
        assert!(e.hint().unwrap().contains("Rego v1"));
    }

    #[test]
    fn what_is_not_rego_or_denies_everything_is_refused() {
        let e = compile("this is not rego\n").unwrap_err();
        assert!(e.to_string().starts_with("policy.rego:1:1: "), "{e}");
        let e = compile("package kbs\ndefault allow := false\nallow if { true }\n").unwrap_err();
        assert!(matches!(e, PolicyError::Package { .. }), "{e}");
        assert!(
            e.to_string().starts_with("policy.rego:1: package kbs: "),
            "{e}"
        );
        let e = compile("# a comment\n\npackage other.kbs\nallow if { true }\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("policy.rego:3: package other.kbs: "),
            "{e}"
        );
        let e = compile("# lock\npackage policy\n\ndefault allow := false\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "policy.rego:4: no rule grants `allow`, only its default: this policy denies everything"
        );
        let e = compile("package policy\nallow if { foo.bar(1) }\n").unwrap_err();
        assert!(
            e.to_string().contains("could not find function foo.bar"),
            "{e}"
        );
        let e = ResourcePolicy::compile(b"package policy\n\xff", "p.rego").unwrap_err();
        assert!(matches!(e, PolicyError::NotText { .. }));
        let big = vec![b'#'; MAX_POLICY_BYTES + 1];
        assert!(matches!(
            ResourcePolicy::compile(&big, "p.rego").unwrap_err(),
            PolicyError::TooLarge { .. }
        ));
        let e = compile("package policy\nallow := \"yes\"\n").unwrap_err();
        assert!(matches!(e, PolicyError::NotBoolean { .. }), "{e}");
    }

    #[test]
    fn the_resource_path_is_an_array() {
        let mut p = compile(
            "package policy\ndefault allow := false\nallow if {\n  data[\"resource-path\"] == [\"default\", \"image-kek\", \"app\"]\n}\n",
        )
        .unwrap();
        assert!(
            p.releases(Evidence::Tdx, "affirming", "default/image-kek/app")
                .unwrap()
        );
        assert!(
            !p.releases(Evidence::Tdx, "affirming", "default/image-kek/other")
                .unwrap()
        );
        // Compared as a joined string, as the old test KBS did, it matches nothing.
        let mut joined = compile(
            "package policy\ndefault allow := false\nallow if { data[\"resource-path\"] == \"default/image-kek/app\" }\n",
        )
        .unwrap();
        assert!(
            !joined
                .releases(Evidence::Tdx, "affirming", "default/image-kek/app")
                .unwrap()
        );
    }

    #[test]
    fn trustees_default_policy_denies_sample_only() {
        let mut p = compile(
            "package policy\ndefault allow = false\nplugin = data.plugin\nallow if {\n\tplugin == \"resource\"\n\tnot input[\"submods\"][\"cpu0\"][\"ear.veraison.annotated-evidence\"][\"sample\"]\n}\n",
        )
        .unwrap();
        let v = p.verdicts("default/key/1").unwrap();
        assert!(v[0].affirming && v[0].otherwise && v[1].affirming);
        assert!(!v[2].affirming && !v[2].otherwise);
    }

    #[test]
    fn a_policy_that_never_ends_is_stopped() {
        // 25 million iterations: stopped by the time limit, not a hang.
        let started = std::time::Instant::now();
        let r = compile(
            "package policy\ndefault allow := false\nn := {1 | some a in numbers.range(1, 5000); some b in numbers.range(1, 5000)}\nallow if { count(n) > 0 }\n",
        );
        assert!(started.elapsed() < Duration::from_secs(30));
        assert!(r.is_err());
    }
}
