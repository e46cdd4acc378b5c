//! The record of what ran: Confidential Containers' Attestation Agent
//! event log (AAEL). An `INIT sha384/<register value>` line when the log
//! starts, then one `<domain> <operation> <content>` line per event; each
//! line's sha384 is extended into the TEE's runtime register (TDX RTMR3, as
//! trustee's verifier replays it), so the log a guest sends with its
//! evidence can be checked against the quote. Image pulls are CoCo's
//! `github.com/confidential-containers PullImage {"image":…,"digest":…}`.
//! The log lives in the mode's memory-backed storage, like everything else
//! the guest must not lose to the host.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::Digest as _;

/// CoCo's event domain.
pub const COCO_DOMAIN: &str = "github.com/confidential-containers";
/// ccr's own events (containers made).
pub const CCR_DOMAIN: &str = "github.com/ccr";
/// The register application events go to (PCR 17 maps to RTMR3).
pub const RTMR: usize = 3;
/// A log larger than this is not read into evidence.
pub const MAX_LOG: u64 = 4 << 20;
/// The log's file name in the mode's memory-backed storage.
pub const FILE: &str = "aa-eventlog";

/// One event line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub domain: String,
    pub operation: String,
    pub content: String,
}

impl Event {
    /// CoCo's image pull event.
    pub fn pull_image(image: &str, digest: &str) -> Event {
        Event {
            domain: COCO_DOMAIN.into(),
            operation: "PullImage".into(),
            content: format!(
                "{{\"image\":{},\"digest\":{}}}",
                compact(image),
                compact(digest)
            ),
        }
    }

    /// A container made from an image.
    pub fn create_container(name: &str, image: &str, digest: &str) -> Event {
        Event {
            domain: CCR_DOMAIN.into(),
            operation: "CreateContainer".into(),
            content: format!(
                "{{\"name\":{},\"image\":{},\"digest\":{}}}",
                compact(name),
                compact(image),
                compact(digest)
            ),
        }
    }

    fn line(&self) -> String {
        format!("{} {} {}", self.domain, self.operation, self.content)
    }
}

/// A JSON string with no space or control character left bare (the
/// format forbids spaces inside a field).
fn compact(s: &str) -> String {
    serde_json::to_string(s)
        .expect("a string serialises")
        .replace(' ', "\\u0020")
}

fn sha384(data: &[u8]) -> Vec<u8> {
    sha2::Sha384::digest(data).to_vec()
}

/// The register value after extending `state` with `digest`.
pub fn extend(state: &[u8], digest: &[u8]) -> Vec<u8> {
    let mut h = sha2::Sha384::new();
    h.update(state);
    h.update(digest);
    h.finalize().to_vec()
}

/// The register value a log leads to, as trustee's verifier computes it.
pub fn replay(log: &str) -> Result<Vec<u8>, String> {
    let mut lines = log.lines();
    let init = lines.next().ok_or("an empty event log")?;
    let value = init
        .strip_prefix("INIT sha384/")
        .ok_or_else(|| format!("its first line {init:?} is not INIT sha384/<value>"))?;
    let mut state = hex::decode(value).map_err(|e| format!("INIT value: {e}"))?;
    if state.len() != 48 {
        return Err("INIT value is not 48 bytes".into());
    }
    state = extend(&state, &sha384(init.as_bytes()));
    for l in lines {
        state = extend(&state, &sha384(l.trim_end().as_bytes()));
    }
    Ok(state)
}

/// A guest's event log and the register it is bound to.
pub struct Log {
    pub path: PathBuf,
    /// The register attribute (`rtmr3:sha384`); `None` where the kernel
    /// exposes none (the log is then kept, but bound to nothing).
    pub register: Option<PathBuf>,
}

impl Log {
    pub fn new(dir: &Path, measurements: &Path) -> Log {
        let reg = measurements.join(format!("rtmr{RTMR}:sha384"));
        Log {
            path: dir.join(FILE),
            register: reg.exists().then_some(reg),
        }
    }

    /// Appends `event`, extending the register first; `init` gives the
    /// register's value when the log starts (the quote's RTMR3).
    pub fn record(
        &self,
        event: &Event,
        init: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&self.path)
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        use std::os::unix::fs::PermissionsExt;
        let _ = f.set_permissions(std::fs::Permissions::from_mode(0o600));
        rustix::fs::flock(&f, rustix::fs::FlockOperation::LockExclusive)
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        let mut existing = String::new();
        (&f).take(MAX_LOG)
            .read_to_string(&mut existing)
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        let mut lines = Vec::new();
        if existing.is_empty() {
            let value = if self.register.is_some() {
                init()?
            } else {
                vec![0u8; 48]
            };
            lines.push(format!("INIT sha384/{}", hex::encode(value)));
        }
        lines.push(event.line());
        for l in &lines {
            if let Some(reg) = &self.register {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(reg)
                    .and_then(|mut r| r.write_all(&sha384(l.as_bytes())))
                    .map_err(|e| format!("extending {}: {e}", reg.display()))?;
            }
            f.seek(std::io::SeekFrom::End(0))
                .and_then(|_| f.write_all(format!("{l}\n").as_bytes()))
                .map_err(|e| format!("{}: {e}", self.path.display()))?;
        }
        Ok(())
    }

    /// The log's text, for evidence.
    pub fn text(&self) -> Option<String> {
        let data = crate::bounded::read(&self.path, MAX_LOG).ok()?;
        String::from_utf8(data).ok().filter(|t| !t.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_replays_to_the_register_it_extended() {
        let d = tempfile::tempdir().unwrap();
        // A register as a plain file: this test extends it by hand below.
        let log = Log::new(d.path(), Path::new("/nonexistent"));
        assert!(log.register.is_none());
        log.record(
            &Event::pull_image("r/app:1", "sha256:ab"),
            || unreachable!(),
        )
        .unwrap();
        log.record(
            &Event::pull_image("r/app 2", "sha256:cd"),
            || unreachable!(),
        )
        .unwrap();
        let text = log.text().unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("INIT sha384/{}", hex::encode([0u8; 48])));
        assert_eq!(
            lines[1],
            r#"github.com/confidential-containers PullImage {"image":"r/app:1","digest":"sha256:ab"}"#
        );
        // No space inside a field.
        assert_eq!(lines[2].split(' ').count(), 3, "{}", lines[2]);
        let mut state = vec![0u8; 48];
        for l in &lines {
            state = extend(&state, &sha384(l.as_bytes()));
        }
        assert_eq!(replay(&text).unwrap(), state);
        assert!(replay("PullImage x y").is_err());
    }
}
