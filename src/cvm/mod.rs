//! Confidential-VM mode: the parts of it that are no other module's
//! concern. Whether the mode is on and why, and the initdata the guest was
//! booted with. The workflows of the mode (attest once, policy and keys from
//! the KBS, pull, verify, decrypt, run, upgrade, destroy) are the engine's.

pub mod control;
pub mod eventlog;
pub mod guest;
pub mod initdata;
pub mod storage;
pub mod vm;
pub mod wipe;

use std::path::{Path, PathBuf};

pub use initdata::{BindingField, GuestSettings, Initdata};

#[derive(Debug, thiserror::Error)]
pub enum CvmError {
    #[error("initdata {}: {source}", path.display())]
    InitdataRead {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("initdata {}: {why}", path.display())]
    Initdata { path: PathBuf, why: String },
    #[error(
        "initdata {} does not match the TEE: its {field} holds {reported}, the initdata's digest gives {expected}; refusing to use it",
        path.display()
    )]
    InitdataMismatch {
        path: PathBuf,
        field: &'static str,
        expected: String,
        reported: String,
    },
    #[error("memory-backed storage at {}: {why}", path.display())]
    Storage { path: PathBuf, why: String },
    #[error("mode {0:?} in ccr.toml: use \"cvm\" or \"auto\"")]
    BadMode(String),
    /// image-rs accepts every image without a policy; this mode does not.
    #[error("confidential-VM mode: no image security policy is named, so no image is accepted")]
    NoPolicy,
    #[error("guest image: {0}")]
    Guest(#[from] guest::GuestError),
    #[error("no guest image at {}", .0.display())]
    NoGuestImage(PathBuf),
    #[error("cannot download the guest's packages: {0}")]
    Download(String),
    #[error("a guest named {0:?} is running")]
    VmExists(String),
    #[error("no guest named {0:?}")]
    NoVm(String),
    #[error("{0}")]
    VmUsage(String),
    #[error("this host does not offer {0} guests")]
    TeeNotOffered(&'static str),
    #[error("qemu did not start the guest: {0}")]
    Qemu(String),
    #[error("guest {name:?}: {why}")]
    Channel { name: String, why: String },
    /// What the guest said went wrong, as its ccr worded it.
    #[error("in the guest: {message}")]
    InGuest {
        message: String,
        hint: Option<String>,
    },
    #[error("confidential-VM mode: {what} is not used; {instead}")]
    NotInMode { what: String, instead: String },
    #[error(
        "confidential-VM mode: the image security policy {source_name} names keyPath {path:?}; keys come from the KBS (kbs:///REPOSITORY/TYPE/TAG)"
    )]
    LocalKey { source_name: String, path: String },
}

impl CvmError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            CvmError::NoPolicy => Some(
                "name one in the initdata (cdh.toml [image] image_security_policy_uri = \"kbs:///default/security-policy/TAG\") and provide it in the KBS; an explicit insecureAcceptAnything policy accepts everything"
                    .into(),
            ),
            CvmError::InitdataMismatch { .. } => Some(
                "the guest was launched with other initdata than this file (or the file was changed): use the document it was booted with"
                    .into(),
            ),
            CvmError::Guest(g) => g.hint(),
            CvmError::InGuest { hint, .. } => hint.clone(),
            CvmError::NoGuestImage(_) => Some("build one with `ccr cvm image build` (or name one with --guest-image)".into()),
            CvmError::VmExists(n) => Some(format!("choose another --name, or `ccr cvm destroy {n}` first")),
            CvmError::NoVm(_) => Some("`ccr cvm ls` lists the guests".into()),
            CvmError::TeeNotOffered(_) => Some("KVM's module must offer it (kvm_intel tdx=Y, kvm_amd sev_snp=Y); --tee none runs without one".into()),
            _ => None,
        }
    }
}

/// Why the mode is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `--cvm`.
    Flag,
    /// `mode = "cvm"` in ccr.toml.
    Config,
    /// `agent.aa_kbc_params=cc_kbc::URL` on the kernel command line.
    KernelCmdline(String),
    /// An initdata document (given, or at the guest's standard place).
    Initdata(PathBuf),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Flag => f.write_str("--cvm was given"),
            Reason::Config => f.write_str("mode = \"cvm\" in ccr.toml"),
            Reason::KernelCmdline(arg) => write!(f, "the kernel command line carries {arg}"),
            Reason::Initdata(p) => write!(f, "initdata is present at {}", p.display()),
        }
    }
}

/// What decides the mode.
#[derive(Clone, Debug, Default)]
pub struct Signals<'a> {
    pub flag: bool,
    /// `mode` in ccr.toml: `cvm` or `auto` (the default).
    pub config_mode: Option<&'a str>,
    pub kernel_cmdline: Option<&'a str>,
    /// `--initdata`, else the standard guest location when it exists.
    pub initdata: Option<&'a Path>,
}

/// Whether the mode is on, and the first reason it is. Nothing turns it
/// off where a guest shows it is confidential: ccr.toml may ask for the
/// mode, never opt out of it.
pub fn detect(s: &Signals) -> Result<Option<Reason>, CvmError> {
    match s.config_mode {
        None | Some("auto") | Some("cvm") => {}
        Some(other) => return Err(CvmError::BadMode(other.to_string())),
    }
    if s.flag {
        return Ok(Some(Reason::Flag));
    }
    if s.config_mode == Some("cvm") {
        return Ok(Some(Reason::Config));
    }
    if let Some(arg) = s.kernel_cmdline.and_then(|c| {
        c.split_whitespace()
            .find(|a| a.starts_with("agent.aa_kbc_params=cc_kbc::"))
    }) {
        return Ok(Some(Reason::KernelCmdline(arg.to_string())));
    }
    if let Some(p) = s.initdata {
        return Ok(Some(Reason::Initdata(p.to_path_buf())));
    }
    Ok(None)
}

/// The initdata to use: the one given, else the guest's, when present.
pub fn initdata_path(given: Option<&Path>) -> Option<PathBuf> {
    given.map(Path::to_path_buf).or_else(|| {
        let standard = Path::new(initdata::GUEST_INITDATA);
        standard.is_file().then(|| standard.to_path_buf())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_is_on_for_the_first_reason_and_cannot_be_opted_out_of() {
        let off = Signals::default();
        assert_eq!(detect(&off).unwrap(), None);
        let cmdline = "console=ttyS0 agent.aa_kbc_params=cc_kbc::http://10.0.0.1:8080 quiet";
        let s = Signals {
            kernel_cmdline: Some(cmdline),
            ..Default::default()
        };
        assert_eq!(
            detect(&s).unwrap(),
            Some(Reason::KernelCmdline(
                "agent.aa_kbc_params=cc_kbc::http://10.0.0.1:8080".into()
            ))
        );
        let with_flag = Signals {
            flag: true,
            ..s.clone()
        };
        assert_eq!(detect(&with_flag).unwrap(), Some(Reason::Flag));
        let init = Signals {
            initdata: Some(Path::new("/x/initdata.toml")),
            ..Default::default()
        };
        assert!(matches!(detect(&init).unwrap(), Some(Reason::Initdata(_))));
        let config = Signals {
            config_mode: Some("cvm"),
            ..Default::default()
        };
        assert_eq!(detect(&config).unwrap(), Some(Reason::Config));
        let opt_out = Signals {
            config_mode: Some("normal"),
            ..s
        };
        assert!(detect(&opt_out).is_err());
        // Another KBC is not Confidential Containers' cc_kbc.
        let other = Signals {
            kernel_cmdline: Some("agent.aa_kbc_params=offline_fs_kbc::null"),
            ..Default::default()
        };
        assert_eq!(detect(&other).unwrap(), None);
    }
}
