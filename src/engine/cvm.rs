//! Confidential-VM mode for one command: whether it is on and why, the
//! initdata the guest booted with and what it names, the check that the
//! TEE was launched with that initdata, and `cvm status`.

use std::path::PathBuf;

use std::sync::Arc;

use super::Context;
use super::kbs::{KbsSettings, with_session};
pub use super::mode::{Binding, Mode, binding_field, check_binding};
use crate::crypt::Keyring;
use crate::cvm::CvmError;
use crate::error::Error;
use crate::kbs::{ResourceUri, TeeChoice};
use crate::oci::PlatformImage;
use crate::trust::policy::KeySourceError;
use crate::trust::{Policy, TrustPolicy};

/// What `ccr cvm status` reports.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Status {
    pub active: bool,
    /// Why the mode is on (or that nothing turned it on).
    pub why: String,
    /// The TEE this guest has, as configfs-tsm says (or why none).
    pub tee: String,
    pub kbs: Option<String>,
    pub initdata: Option<InitdataStatus>,
    /// Where the image security policy comes from.
    pub policy: String,
    /// Where registry credentials come from.
    pub credentials: String,
    /// Memory-backed storage ccr uses for plaintext, and how much is in use.
    pub storage: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct InitdataStatus {
    pub path: PathBuf,
    pub algorithm: String,
    pub digest: String,
    pub binding: Binding,
}

/// The mode as this command sees it, for `cvm status` and `info`.
pub fn status(ctx: &Context, tsm_root: &std::path::Path) -> Result<Status, Error> {
    let tee = match crate::kbs::attester::Tsm::open(tsm_root) {
        Ok(t) => format!("{:?}", crate::kbs::Attester::tee(&t)).to_lowercase(),
        Err(e) => format!("none ({e})"),
    };
    let Some(mode) = &ctx.cvm else {
        return Ok(Status {
            active: false,
            why: "no --cvm, no mode = \"cvm\" in ccr.toml, no agent.aa_kbc_params=cc_kbc::URL on the kernel command line, no initdata".into(),
            tee,
            kbs: None,
            initdata: None,
            policy: "--signature-policy, signature_policy in ccr.toml, or none".into(),
            credentials: "ccr login (the guest's disk)".into(),
            storage: "the data root (no memory-backed storage)".into(),
        });
    };
    let initdata = match &mode.initdata {
        Some(i) => Some(InitdataStatus {
            path: i.source.clone(),
            algorithm: i.algorithm.name().into(),
            digest: hex::encode(i.digest()),
            binding: check_binding(mode, TeeChoice::Auto, tsm_root)?,
        }),
        None => None,
    };
    let kbs =
        mode.settings.kbs_url.clone().or_else(|| {
            super::kbs::url(&ctx.opts.config, &super::kbs::KbsSettings::default()).ok()
        });
    let policy = match (
        &mode.settings.image_security_policy_uri,
        &mode.settings.image_security_policy,
    ) {
        (Some(uri), _) => format!("{uri} (from the KBS, after attestation)"),
        (None, Some(_)) => "inline in the initdata".into(),
        (None, None) => "none: every pull is refused until a policy is named".into(),
    };
    Ok(Status {
        active: true,
        why: mode.reason.to_string(),
        tee,
        kbs,
        initdata,
        policy,
        credentials: mode
            .settings
            .registry_credentials_uri
            .clone()
            .map(|u| format!("{u} (from the KBS, after attestation)"))
            .unwrap_or_else(|| "none named: anonymous pulls only".into()),
        storage: {
            let dir = ctx.layout.plaintext();
            match crate::cvm::storage::usage(dir) {
                Some((used, total)) if crate::cvm::storage::is_memory_backed(dir) => format!(
                    "tmpfs at {}, {} of {} in use",
                    dir.display(),
                    crate::format::human_size(used),
                    crate::format::human_size(total)
                ),
                _ => format!("{} is not memory-backed", dir.display()),
            }
        },
    })
}

/// The trust policy a command pulls under: outside the mode what was
/// `asked`; in the mode the KBS's (with `asked`'s keys on top), and the
/// registry credentials released first. Every path that pulls goes
/// through here.
pub fn pull_policy(
    ctx: &Context,
    asked: Option<Arc<TrustPolicy>>,
    kbs: &KbsSettings,
) -> Result<Option<Arc<TrustPolicy>>, Error> {
    match &ctx.cvm {
        Some(mode) => {
            registry_credentials(ctx, mode, kbs)?;
            Ok(Some(trust_policy(ctx, mode, asked.as_deref(), kbs)?))
        }
        None => Ok(asked),
    }
}

/// The image security policy of the mode: the one the initdata names,
/// fetched from the KBS through the command's session (or inline in the
/// initdata), its `keyPath`s fetched the same way. Without one, nothing is
/// accepted. What the user asked for besides (`--verify=cosign` keys) must
/// hold too; a local policy file is not used.
pub fn trust_policy(
    ctx: &Context,
    mode: &Mode,
    asked: Option<&TrustPolicy>,
    kbs: &KbsSettings,
) -> Result<Arc<TrustPolicy>, Error> {
    if asked.is_some_and(|t| t.policy.is_some()) {
        return Err(CvmError::NotInMode {
            what: "a local signature policy".into(),
            instead: "the image security policy comes from the KBS, as the initdata names it"
                .into(),
        }
        .into());
    }
    let (name, data) = match (
        &mode.settings.image_security_policy_uri,
        &mode.settings.image_security_policy,
    ) {
        (Some(uri), _) => {
            let r: ResourceUri = uri.parse()?;
            let data = with_session(ctx, kbs, async |c| c.get_resource(&r).await)?;
            (format!("kbs:///{}", r.path), data.to_vec())
        }
        (None, Some(inline)) => (
            "the initdata's image_security_policy".to_string(),
            inline.clone().into_bytes(),
        ),
        (None, None) => return Err(CvmError::NoPolicy.into()),
    };
    let mut read_key = |path: &str| -> Result<(String, Vec<u8>), KeySourceError> {
        if !path.starts_with("kbs://") {
            return Err(Box::new(CvmError::LocalKey {
                source_name: name.clone(),
                path: path.to_string(),
            }));
        }
        let r: ResourceUri = path.parse::<ResourceUri>().map_err(Box::new)?;
        with_session(ctx, kbs, async |c| c.get_resource(&r).await)
            .map(|k| (path.to_string(), k.to_vec()))
            .map_err(|e| Box::new(e) as KeySourceError)
    };
    let policy = Policy::parse_with(&data, std::path::Path::new(&name), &mut read_key)?;
    Ok(Arc::new(TrustPolicy {
        policy: Some(policy),
        required: asked.map(|t| t.required.clone()).unwrap_or_default(),
    }))
}

/// The key-encryption keys the encrypted layers of `images` name (their
/// `provider.attestation-agent` key ids), fetched from the KBS in the
/// command's session and added to `ring`: no key needs to be given.
pub fn layer_keys(
    ctx: &Context,
    images: &[PlatformImage],
    ring: &Keyring,
    kbs: &KbsSettings,
) -> Result<Arc<Keyring>, Error> {
    let mut kids: Vec<ResourceUri> = Vec::new();
    for img in images {
        for layer in &img.manifest.layers {
            let Some(a) = layer.annotations.get(crate::crypt::ANNOTATION_PROVIDER_AA) else {
                continue;
            };
            let kid: ResourceUri = crate::crypt::provider::packet(a)?.kid.parse()?;
            if !kids.contains(&kid) {
                kids.push(kid);
            }
        }
    }
    let mut out = Keyring {
        private: ring.private.clone(),
        keks: ring.keks.clone(),
    };
    if !kids.is_empty() {
        let keks = with_session(ctx, kbs, async |client| {
            let mut got = Vec::new();
            for kid in &kids {
                got.push((
                    format!("kbs:///{}", kid.path),
                    crate::kbs::fetch_kek(client, kid).await?,
                ));
            }
            Ok(got)
        })?;
        out.keks.extend(keks);
    }
    Ok(Arc::new(out))
}

/// Takes the registry credentials the initdata names from the KBS (once
/// per command, in its session). Without one named, pulls are anonymous.
pub fn registry_credentials(ctx: &Context, mode: &Mode, kbs: &KbsSettings) -> Result<(), Error> {
    let Some(uri) = &mode.settings.registry_credentials_uri else {
        return Ok(());
    };
    let creds = &ctx.images.registry.credentials;
    if !creds.awaits_release() {
        return Ok(());
    }
    let r: ResourceUri = uri.parse()?;
    let doc = with_session(ctx, kbs, async |c| c.get_resource(&r).await)?;
    creds.release(&doc)?;
    Ok(())
}

/// Appends `event` to the guest's event log, extending TDX's RTMR3 where
/// the kernel exposes it (the log's first line takes RTMR3's value from a
/// quote). A guest that cannot record what it runs stops.
pub fn record(
    ctx: &Context,
    kbs: &KbsSettings,
    event: &crate::cvm::eventlog::Event,
) -> Result<(), Error> {
    let log = crate::cvm::eventlog::Log::new(ctx.layout.plaintext(), &kbs.client.measurements);
    let tsm_root = kbs.client.tsm_root.clone();
    log.record(event, move || {
        crate::kbs::attester::Tsm::open(&tsm_root)
            .and_then(|t| t.tdx_rtmr3())
            .map_err(|e| e.to_string())
    })
    .map_err(|why| {
        CvmError::Storage {
            path: log.path.clone(),
            why: format!("cannot record in the event log: {why}"),
        }
        .into()
    })
}
