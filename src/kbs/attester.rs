//! TEE evidence: a `sample` attester (development only, used only when
//! asked for by name) and TDX / SNP through the Linux configfs-tsm report
//! interface (`/sys/kernel/config/tsm/report`): write the 64-byte report
//! data to `inblob`, read the quote or report from `outblob`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kbs_types::Tee;
use serde_json::{Value, json};

use super::{KbsError, Result};

/// Where a TDX guest's kernel (6.16+) exposes its runtime measurement
/// registers (`rtmr<N>:sha384`: read the value, write a digest to extend).
pub const TDX_MEASUREMENTS_DIR: &str = "/sys/devices/virtual/misc/tdx_guest/measurements";

/// The configfs-tsm report directory of a Linux guest.
pub const TSM_REPORT_DIR: &str = "/sys/kernel/config/tsm/report";

/// Which attester to use (`--tee`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeeChoice {
    /// The TEE this guest has (TDX or SNP); an error when there is none.
    Auto,
    Sample,
    Tdx,
    Snp,
}

pub trait Attester: Send + Sync {
    fn tee(&self) -> Tee;
    /// Evidence whose report data is `report_data` (zero-padded to 64 bytes).
    fn evidence(&self, report_data: &[u8]) -> Result<Value>;
    /// The launch-time field that binds initdata (TDX `MRCONFIGID`, SNP
    /// `HOSTDATA`) as the TEE reports it; `None` where there is none.
    fn init_data_field(&self) -> Result<Option<Vec<u8>>> {
        Ok(None)
    }
}

/// Where a TDX quote (v4: a 48-byte header, then the TD report body)
/// carries `MRCONFIGID`: body offset 184, 48 bytes.
const TDX_MRCONFIGID: std::ops::Range<usize> = 232..280;
/// Where an SNP attestation report carries `HOST_DATA`: 0xC0, 32 bytes.
const SNP_HOST_DATA: std::ops::Range<usize> = 0xC0..0xE0;

/// For development and CI: evidence that proves nothing about hardware.
pub struct Sample;

impl Attester for Sample {
    fn tee(&self) -> Tee {
        Tee::Sample
    }
    fn evidence(&self, report_data: &[u8]) -> Result<Value> {
        Ok(json!({"svn": "1", "report_data": STANDARD.encode(report_data)}))
    }
}

/// TDX or SNP evidence from configfs-tsm.
pub struct Tsm {
    root: PathBuf,
    tee: Tee,
}

fn tsm_err(what: &Path, why: impl std::fmt::Display) -> KbsError {
    KbsError::Tee(format!("{}: {why}", what.display()))
}

/// Reads a configfs attribute, waiting briefly while it is still empty.
fn read_attr(path: &Path) -> Result<Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match fs::read(path) {
            Ok(d) if !d.is_empty() => return Ok(d),
            Ok(_) | Err(_) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Ok(_) => return Err(tsm_err(path, "empty")),
            Err(e) => return Err(tsm_err(path, e)),
        }
    }
}

/// One report entry, removed when dropped.
struct Entry(PathBuf);

impl Entry {
    fn new(root: &Path) -> Result<Entry> {
        let mut nonce = [0u8; 8];
        crate::crypt::random(&mut nonce).map_err(|e| KbsError::Tee(e.to_string()))?;
        let dir = root.join(format!("ccr-{}", hex::encode(nonce)));
        fs::create_dir(&dir)
            .map_err(|e| tsm_err(&dir, format!("cannot create a report entry: {e}")))?;
        Ok(Entry(dir))
    }
    fn provider(&self) -> Result<String> {
        Ok(
            String::from_utf8_lossy(&read_attr(&self.0.join("provider"))?)
                .trim()
                .to_string(),
        )
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        let _ = fs::remove_dir(&self.0);
    }
}

impl Tsm {
    /// Opens the interface under `root` and learns which TEE provides it.
    pub fn open(root: &Path) -> Result<Tsm> {
        if !root.is_dir() {
            return Err(KbsError::Tee(format!(
                "{} does not exist: this is not a TDX or SNP guest with configfs-tsm (Linux 6.7+, configfs mounted)",
                root.display()
            )));
        }
        let provider = Entry::new(root)?.provider()?;
        let tee = match provider.as_str() {
            p if p.starts_with("tdx") => Tee::Tdx,
            p if p.starts_with("sev") => Tee::Snp,
            other => {
                return Err(KbsError::Tee(format!(
                    "configfs-tsm provider {other:?} is neither TDX (tdx_guest) nor SNP (sev_guest)"
                )));
            }
        };
        Ok(Tsm {
            root: root.to_path_buf(),
            tee,
        })
    }

    /// The raw quote (TDX) or report (SNP) and, for SNP, the certificates.
    fn report(&self, report_data: &[u8]) -> Result<(Vec<u8>, Option<Vec<u8>>)> {
        let entry = Entry::new(&self.root)?;
        let mut inblob = [0u8; 64];
        let n = report_data.len().min(64);
        inblob[..n].copy_from_slice(&report_data[..n]);
        let p = entry.0.join("inblob");
        fs::write(&p, inblob).map_err(|e| tsm_err(&p, e))?;
        let gen_before = fs::read_to_string(entry.0.join("generation")).ok();
        let out = read_attr(&entry.0.join("outblob"))?;
        let gen_after = fs::read_to_string(entry.0.join("generation")).ok();
        if gen_before.is_some() && gen_before != gen_after {
            return Err(KbsError::Tee(
                "the report changed while it was read (another writer); try again".into(),
            ));
        }
        let aux = fs::read(entry.0.join("auxblob"))
            .ok()
            .filter(|a| !a.is_empty());
        Ok((out, aux))
    }
}

/// Where a TDX quote (v4) carries RTMR3: body offset 472, 48 bytes.
const TDX_RTMR3: std::ops::Range<usize> = 520..568;

impl Tsm {
    /// RTMR3 as a fresh quote reports it (a TDX guest only).
    pub fn tdx_rtmr3(&self) -> Result<Vec<u8>> {
        if self.tee != Tee::Tdx {
            return Err(KbsError::Tee("runtime registers are TDX's".into()));
        }
        let (out, _) = self.report(&[0u8; 64])?;
        out.get(TDX_RTMR3)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| KbsError::Tee("the TDX quote is too short".into()))
    }
}

impl Attester for Tsm {
    fn tee(&self) -> Tee {
        self.tee
    }
    fn init_data_field(&self) -> Result<Option<Vec<u8>>> {
        let (out, _) = self.report(&[0u8; 64])?;
        let range = match self.tee {
            Tee::Tdx => TDX_MRCONFIGID,
            _ => SNP_HOST_DATA,
        };
        out.get(range)
            .map(|f| Some(f.to_vec()))
            .ok_or_else(|| KbsError::Tee(format!("the {:?} report is too short", self.tee)))
    }
    fn evidence(&self, report_data: &[u8]) -> Result<Value> {
        let (out, aux) = self.report(report_data)?;
        match self.tee {
            // trustee's TDX verifier: the quote, standard base64.
            Tee::Tdx => Ok(
                json!({"cc_eventlog": null, "quote": STANDARD.encode(&out), "aa_eventlog": null}),
            ),
            _ => {
                use sev::parser::ByteParser as _;
                let report = sev::firmware::guest::AttestationReport::from_bytes_with(&out, ())
                    .map_err(|e| KbsError::Tee(format!("unreadable SNP report: {e}")))?;
                let _ = aux; // certificates come from the host's cache (VCEK) on the verifier side
                Ok(json!({"attestation_report": report, "cert_chain": null}))
            }
        }
    }
}

/// The attester for `choice`. `Auto` never falls back to `sample`.
pub fn attester(choice: TeeChoice, tsm_root: &Path) -> Result<Box<dyn Attester>> {
    match choice {
        TeeChoice::Sample => Ok(Box::new(Sample)),
        TeeChoice::Auto => Tsm::open(tsm_root)
            .map(|t| Box::new(t) as Box<dyn Attester>)
            .map_err(|e| {
                KbsError::NoTee(format!(
                    "no TEE found ({e}); ccr never falls back to the sample attester"
                ))
            }),
        TeeChoice::Tdx | TeeChoice::Snp => {
            let t = Tsm::open(tsm_root)?;
            let want = if choice == TeeChoice::Tdx {
                Tee::Tdx
            } else {
                Tee::Snp
            };
            if t.tee != want {
                return Err(KbsError::Tee(format!(
                    "a {} guest was asked for but this guest provides {:?}",
                    if want == Tee::Tdx { "tdx" } else { "snp" },
                    t.tee
                )));
            }
            Ok(Box::new(t))
        }
    }
}
