//! Whether confidential-VM mode is on for a command and why, the initdata
//! the guest booted with and what it names, and the check that the TEE
//! was launched with that initdata.

use super::options::GlobalOptions;
use crate::cvm::{BindingField, GuestSettings, Initdata, Reason, Signals};
use crate::error::Error;
use crate::kbs::{KbsError, TeeChoice};

/// The mode, as this command found it.
#[derive(Clone, Debug)]
pub struct Mode {
    pub reason: Reason,
    pub initdata: Option<Initdata>,
    /// What the initdata names (empty without initdata).
    pub settings: GuestSettings,
}

/// The most of /proc/cmdline read (the kernel's limit is a few KiB).
const MAX_CMDLINE: u64 = 64 << 10;

impl Mode {
    /// The mode, if it is on: from `--cvm`, ccr.toml, the kernel command
    /// line or initdata. Initdata, when present, is read and parsed now:
    /// a malformed one stops the command.
    pub fn detect(opts: &GlobalOptions) -> Result<Option<Mode>, Error> {
        let cmdline = crate::bounded::read_to_string("/proc/cmdline".as_ref(), MAX_CMDLINE).ok();
        let path = crate::cvm::initdata_path(opts.initdata.as_deref());
        let Some(reason) = crate::cvm::detect(&Signals {
            flag: opts.cvm,
            config_mode: opts.config.mode.as_deref(),
            kernel_cmdline: cmdline.as_deref(),
            initdata: path.as_deref(),
        })?
        else {
            return Ok(None);
        };
        let initdata = path.as_deref().map(Initdata::load).transpose()?;
        let settings = match &initdata {
            Some(i) => i.settings()?,
            None => GuestSettings::default(),
        };
        Ok(Some(Mode {
            reason,
            initdata,
            settings,
        }))
    }
}

/// Which TEE field binds initdata for `tee`.
pub fn binding_field(tee: kbs_types::Tee) -> Option<BindingField> {
    match tee {
        kbs_types::Tee::Tdx => Some(BindingField::MrConfigId),
        kbs_types::Tee::Snp => Some(BindingField::HostData),
        _ => None,
    }
}

/// How the initdata's binding to the TEE stands.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "detail")]
pub enum Binding {
    /// The TEE's field holds the initdata's digest.
    Matches(String),
    /// No TEE field to compare with (sample evidence, no TEE).
    NotChecked(String),
    /// No initdata.
    NoInitdata,
}

/// Checks that the TEE `choice` names was launched with `mode`'s initdata:
/// a mismatch is an error, before anything is asked of the KBS.
pub fn check_binding(
    mode: &Mode,
    choice: TeeChoice,
    tsm_root: &std::path::Path,
) -> Result<Binding, Error> {
    let Some(initdata) = &mode.initdata else {
        return Ok(Binding::NoInitdata);
    };
    let attester = match crate::kbs::attester::attester(choice, tsm_root) {
        Ok(a) => a,
        Err(KbsError::NoTee(_) | KbsError::Tee(_)) => {
            return Ok(Binding::NotChecked(
                "this guest has no TEE to compare with".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let Some(field) = binding_field(attester.tee()) else {
        return Ok(Binding::NotChecked(
            format!("{:?} evidence carries no launch-time field", attester.tee()).to_lowercase(),
        ));
    };
    let Some(reported) = attester.init_data_field()? else {
        return Ok(Binding::NotChecked(
            "the TEE reports no launch-time field".into(),
        ));
    };
    initdata.check_binding(field, &reported)?;
    Ok(Binding::Matches(format!(
        "{} holds the {} digest",
        field.name(),
        initdata.algorithm.name()
    )))
}
