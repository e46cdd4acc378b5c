//! Talking to a Key Broker Service for a command: where it is, one attested
//! session per command, the tenant's admin credentials, and `doctor`'s
//! step-by-step probe.

use std::path::PathBuf;
use std::time::Duration;

use zeroize::Zeroizing;

use super::Context;
use super::mode::Mode;
use super::options::Config;
pub use super::options::KbsSettings;
use crate::error::Error;
use crate::kbs::admin::{Admin, AdminClaims, admin_token};
use crate::kbs::policy::{PolicyError, ResourcePolicy};
use crate::kbs::{KbsClient, KbsError, Refusal, ResourceUri, TokenClaims};

/// The tenant's credentials for the KBS admin API.
#[derive(Clone, Debug)]
pub enum AdminCredentials {
    /// A file holding a ready-made token (a JWT).
    Token(PathBuf),
    /// An ed25519 private key (PEM) to sign a token with these claims.
    Key {
        key: PathBuf,
        issuer: String,
        audience: Vec<String>,
        role: String,
    },
}

/// The KBS address, in the order a user expects.
pub fn url(config: &Config, s: &KbsSettings) -> Result<String, KbsError> {
    let cmdline = std::fs::read_to_string("/proc/cmdline").ok();
    crate::kbs::resolve_url(
        s.url.as_deref(),
        config.kbs_url.as_deref(),
        cmdline.as_deref(),
    )
}

/// An attested-on-demand client for `s`.
pub fn client(config: &Config, s: &KbsSettings) -> Result<KbsClient, KbsError> {
    KbsClient::new(&url(config, s)?, &s.client)
}

/// The command's one KBS session, made on first use. Fails when no
/// client can be made (no address, no TEE; nothing is sent yet), and when
/// a step of the command asks with other settings than the session was
/// opened with: a session silently keeping the first caller's settings
/// once made a build's `--tee` ignored.
pub(super) fn session<'a>(ctx: &'a Context, s: &KbsSettings) -> Result<Session<'a>, Error> {
    let mut guard = ctx.kbs.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_ref() {
        Some((opened, _)) if opened != s => {
            return Err(KbsError::Config(format!(
                "this command's KBS session was opened with other settings ({opened:?}) than a later step asks for ({s:?})"
            ))
            .into());
        }
        Some(_) => {}
        None => {
            let made = match &ctx.cvm {
                Some(mode) => cvm_client(ctx, mode, s)?,
                None => client(&ctx.opts.config, s)?,
            };
            *guard = Some((s.clone(), made));
        }
    }
    Ok(Session(guard))
}

/// The mode's client: see [`in_mode`].
fn cvm_client(ctx: &Context, mode: &Mode, s: &KbsSettings) -> Result<KbsClient, Error> {
    Ok(client(&ctx.opts.config, &in_mode(&ctx.opts, mode, s)?)?)
}

/// The settings for a KBS session in confidential-VM mode: the KBS the
/// initdata names (another one asked for is refused: a KBS the TEE was not
/// launched for could release any policy), and the initdata sent beside
/// the evidence, once the TEE is shown to have been launched with it.
pub fn in_mode(
    opts: &super::options::GlobalOptions,
    mode: &Mode,
    s: &KbsSettings,
) -> Result<KbsSettings, Error> {
    let mut s = s.clone();
    if let Some(bound) = &mode.settings.kbs_url {
        let asked = s
            .url
            .clone()
            .or_else(|| std::env::var("CCR_KBS_URL").ok().filter(|u| !u.is_empty()))
            .or_else(|| opts.config.kbs_url.clone());
        if let Some(asked) = asked
            && asked.trim_end_matches('/') != bound.trim_end_matches('/')
        {
            return Err(Error::Usage(format!(
                "the initdata names the KBS {bound}, but {asked} was asked for; in confidential-VM mode only the initdata's KBS is used"
            )));
        }
        s.url = Some(bound.clone());
    }
    if let Some(initdata) = &mode.initdata {
        super::mode::check_binding(mode, s.client.tee, &s.client.tsm_root)?;
        s.client.init_data = Some(initdata.text().to_string());
    }
    s.client.eventlog = Some(
        crate::cvm::storage::plaintext_dir(&opts.data_root()).join(crate::cvm::eventlog::FILE),
    );
    Ok(s)
}

/// `s` as the command's mode wants it (unchanged outside the mode).
pub fn for_command(
    opts: &super::options::GlobalOptions,
    s: KbsSettings,
) -> Result<KbsSettings, Error> {
    match Mode::detect(opts)? {
        Some(mode) => in_mode(opts, &mode, &s),
        None => Ok(s),
    }
}

/// The command's KBS client, held while it is used.
pub(super) struct Session<'a>(std::sync::MutexGuard<'a, Option<(KbsSettings, KbsClient)>>);

impl std::ops::Deref for Session<'_> {
    type Target = KbsClient;
    fn deref(&self) -> &KbsClient {
        &self.0.as_ref().expect("a session holds a client").1
    }
}

impl std::ops::DerefMut for Session<'_> {
    fn deref_mut(&mut self) -> &mut KbsClient {
        &mut self.0.as_mut().expect("a session holds a client").1
    }
}

/// Runs `f` with the command's one KBS session.
pub(super) fn with_session<T>(
    ctx: &Context,
    s: &KbsSettings,
    f: impl AsyncFnOnce(&mut KbsClient) -> Result<T, KbsError>,
) -> Result<T, Error> {
    let mut client = session(ctx, s)?;
    Ok(ctx.block_on(f(&mut client))??)
}

fn read(path: &PathBuf) -> Result<Vec<u8>, Error> {
    crate::bounded::read(path, crate::bounded::CONFIG_FILE).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })
}

/// The admin client for the KBS at `url`.
pub fn admin(url: &str, s: &KbsSettings, creds: &AdminCredentials) -> Result<Admin, Error> {
    let token = match creds {
        AdminCredentials::Token(t) => String::from_utf8_lossy(&read(t)?).trim().to_string(),
        AdminCredentials::Key {
            key,
            issuer,
            audience,
            role,
        } => {
            let pem = Zeroizing::new(String::from_utf8_lossy(&read(key)?).into_owned());
            admin_token(
                &pem,
                &AdminClaims {
                    issuer: issuer.clone(),
                    audience: audience.clone(),
                    role: role.clone(),
                    lifetime: Duration::from_secs(300),
                },
            )?
        }
    };
    Ok(Admin::new(url, token, s.client.ca_cert.as_deref())?)
}

/// `kbs attest`: the handshake; the token's claims.
pub fn attest(config: &Config, s: &KbsSettings) -> Result<TokenClaims, Error> {
    let mut c = client(config, s)?;
    Ok(super::Net::new().block_on(c.attest())??)
}

/// `kbs get-resource`: each resource, fetched in one session.
pub fn get_resources(
    config: &Config,
    s: &KbsSettings,
    uris: &[ResourceUri],
) -> Result<Vec<Zeroizing<Vec<u8>>>, Error> {
    let mut c = client(config, s)?;
    Ok(super::Net::new().block_on(async {
        let mut out = Vec::new();
        for u in uris {
            out.push(c.get_resource(u).await?);
        }
        Ok::<_, KbsError>(out)
    })??)
}

/// `kbs set-resource`: stores `data` as `uri` (tenant side).
pub fn set_resource(
    config: &Config,
    s: &KbsSettings,
    creds: &AdminCredentials,
    uri: &ResourceUri,
    data: &[u8],
) -> Result<(), Error> {
    let a = admin(&url(config, s)?, s, creds)?;
    Ok(super::Net::new().block_on(a.set_resource(&uri.path, data))??)
}

/// A resource policy to upload, and where it came from (its file, for
/// messages that name the line).
#[derive(Clone, Debug)]
pub struct PolicySource {
    pub text: Vec<u8>,
    pub origin: String,
}

/// Compiles `policy` as trustee will. A policy that denies everything is
/// refused unless `deny_all` says that is meant (a lock-down).
pub fn check_policy(policy: &PolicySource, deny_all: bool) -> Result<(), Error> {
    match ResourcePolicy::compile(&policy.text, &policy.origin) {
        Ok(_) => Ok(()),
        Err(PolicyError::DeniesAll { .. }) if deny_all => Ok(()),
        Err(e) => Err(KbsError::from(e).into()),
    }
}

/// `kbs set-resource-policy`: replaces the resource policy (Rego v1),
/// once it compiles here as it will in the KBS; nothing is sent otherwise.
pub fn set_resource_policy(
    config: &Config,
    s: &KbsSettings,
    creds: &AdminCredentials,
    policy: &PolicySource,
    deny_all: bool,
) -> Result<(), Error> {
    check_policy(policy, deny_all)?;
    let text = std::str::from_utf8(&policy.text).expect("compiled policies are UTF-8");
    let a = admin(&url(config, s)?, s, creds)?;
    Ok(super::Net::new().block_on(a.set_resource_policy(text))??)
}

/// One finding of `doctor`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    Ok(String),
    Fail(String),
    Note(String),
}

/// A token's expiry in RFC 3339, or `unknown`.
pub fn expiry(secs: Option<u64>) -> String {
    secs.and_then(|s| chrono::DateTime::from_timestamp(s as i64, 0))
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| "unknown".into())
}

/// The resource `doctor` asks for when none is named: it does not exist,
/// so the KBS's answer shows only what its policy engine decided.
const PROBE: &str = "default/ccr-doctor/probe";

/// What a local policy file says: it compiles as trustee's engine reads it,
/// and what it releases `path` to, by TEE.
fn policy_findings(policy: &PolicySource, path: &str) -> Vec<Finding> {
    let mut p = match ResourcePolicy::compile(&policy.text, &policy.origin) {
        Ok(p) => p,
        Err(e) => {
            let hint = e
                .hint()
                .map(|h| format!("\n       hint: {h}"))
                .unwrap_or_default();
            return vec![Finding::Fail(format!("{e}{hint}"))];
        }
    };
    let mut out = vec![Finding::Ok(format!(
        "{}: compiles as trustee's policy engine reads it (Rego v1, {})",
        policy.origin,
        crate::kbs::policy::RULE
    ))];
    match p.verdicts(path) {
        Ok(verdicts) => out.extend(
            verdicts
                .into_iter()
                .map(|v| Finding::Note(format!("{}: kbs:///{path}: {v}", policy.origin))),
        ),
        Err(e) => out.push(Finding::Fail(e.to_string())),
    }
    out
}

/// Explains, step by step, what a KBS makes of this guest: reachable,
/// the protocol, the evidence, and what its resource policy decides (for
/// `resource`, else for a resource that does not exist). With `policy`, a
/// local policy file is first compiled and evaluated on each TEE's claims.
/// Stops at the first failure, which is the last finding.
pub fn doctor(
    config: &Config,
    s: &KbsSettings,
    resource: Option<&ResourceUri>,
    policy: Option<&PolicySource>,
) -> Result<Vec<Finding>, Error> {
    let mut out = Vec::new();
    if let Some(policy) = policy {
        out.extend(policy_findings(
            policy,
            resource.map_or("default/key/1", |r| r.path.as_str()),
        ));
        if matches!(out.last(), Some(Finding::Fail(_))) {
            return Ok(out);
        }
    }
    let u = match url(config, s) {
        Ok(u) => u,
        Err(e) => {
            out.push(Finding::Fail(e.to_string()));
            return Ok(out);
        }
    };
    out.push(Finding::Ok(format!("KBS address: {u}")));
    let mut client = match KbsClient::new(&u, &s.client) {
        Ok(c) => c,
        Err(e) => {
            out.push(Finding::Fail(e.to_string()));
            return Ok(out);
        }
    };
    let sample = client.tee() == kbs_types::Tee::Sample;
    out.push(Finding::Ok(
        format!("evidence from the {:?} attester", client.tee()).to_lowercase(),
    ));
    if sample {
        out.push(Finding::Note(
            "sample evidence proves nothing; trustee's default resource policy refuses it".into(),
        ));
    }
    let speaks = format!(
        "the KBS is reachable and speaks protocol {}",
        crate::kbs::PROTOCOL_VERSION
    );
    let rt = super::Net::new();
    let claims = match rt.block_on(client.attest())? {
        Ok(c) => c,
        Err(e) => {
            match e {
                KbsError::Unreachable { why, .. } => {
                    out.push(Finding::Fail(format!("the KBS is not reachable: {why}")))
                }
                KbsError::Refused {
                    kind: Refusal::ProtocolVersion,
                    detail,
                    ..
                } => {
                    out.push(Finding::Ok("the KBS is reachable".into()));
                    out.push(Finding::Fail(format!(
                        "it does not speak protocol {} (it said: {detail})",
                        crate::kbs::PROTOCOL_VERSION
                    )));
                }
                KbsError::Refused {
                    kind: Refusal::AttestationError,
                    detail,
                    ..
                } => {
                    out.push(Finding::Ok(speaks));
                    out.push(Finding::Fail(format!(
                        "it does not accept this guest's evidence: {detail}"
                    )));
                }
                e => out.push(Finding::Fail(e.to_string())),
            }
            return Ok(out);
        }
    };
    out.push(Finding::Ok(speaks));
    out.push(Finding::Ok(format!(
        "evidence accepted: token status {}, TEE {}, expires {}",
        claims.status,
        claims.tee,
        expiry(claims.expires)
    )));
    let probe: ResourceUri = PROBE.parse()?;
    let (uri, named) = match resource {
        Some(r) => (r, true),
        None => (&probe, false),
    };
    let denied_sample = if sample {
        " (trustee's default policy denies sample evidence; a development KBS needs a policy that allows it)"
    } else {
        ""
    };
    out.push(match rt.block_on(client.get_resource(uri))? {
        Ok(data) => Finding::Ok(format!(
            "kbs:///{} is released to this guest ({} bytes)",
            uri.path,
            data.len()
        )),
        Err(KbsError::Refused {
            kind: Refusal::PolicyEngine,
            detail,
            ..
        }) => Finding::Fail(format!(
            "the KBS's stored resource policy fails in its policy engine, so every resource request is refused: {detail} (set a Rego v1 policy: ccr kbs set-resource-policy)"
        )),
        Err(KbsError::Refused {
            kind: Refusal::PolicyDeny,
            ..
        }) if named => Finding::Fail(format!(
            "kbs:///{} is denied by the KBS resource policy{denied_sample}",
            uri.path
        )),
        Err(KbsError::Refused {
            kind: Refusal::PolicyDeny,
            ..
        }) => Finding::Note(format!(
            "the KBS resource policy denies resources to this guest's evidence{denied_sample}"
        )),
        Err(KbsError::Refused {
            kind: Refusal::ResourceMissing,
            ..
        }) if !named => Finding::Ok(
            "the KBS resource policy loads, and releases resources to this guest's evidence".into(),
        ),
        Err(
            e @ KbsError::Refused {
                kind: Refusal::ResourceMissing,
                ..
            },
        ) => Finding::Fail(format!(
            "kbs:///{}: {e} (this usually means the resource does not exist)",
            uri.path
        )),
        Err(e) => Finding::Fail(format!("kbs:///{}: {e}", uri.path)),
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(tee: crate::kbs::TeeChoice) -> KbsSettings {
        KbsSettings {
            url: Some("http://127.0.0.1:9".into()),
            client: crate::kbs::ClientOptions {
                tee,
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_step_asking_with_other_settings_is_refused_not_given_the_first_session() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = Context::new(&super::super::GlobalOptions {
            data_root: Some(dir.path().join("data")),
            ..Default::default()
        })
        .unwrap();
        if ctx.cvm.is_some() {
            return; // a CVM guest's mode rewrites the settings
        }
        let sample = settings(crate::kbs::TeeChoice::Sample);
        // Nothing is sent: making the session only makes the client.
        drop(session(&ctx, &sample).unwrap());
        drop(session(&ctx, &sample).expect("the same settings share the session"));
        let other = KbsSettings {
            url: Some("http://127.0.0.1:10".into()),
            ..sample.clone()
        };
        let err = session(&ctx, &other).err().expect("other settings refused");
        assert!(
            err.to_string().contains("opened with other settings"),
            "{err}"
        );
        let err = session(&ctx, &settings(crate::kbs::TeeChoice::Tdx))
            .err()
            .expect("another TEE refused");
        assert!(matches!(err.find::<KbsError>(), Some(KbsError::Config(_))));
    }
}
