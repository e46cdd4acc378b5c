//! `logs`: the container's json-file records, selected (tail, since,
//! until), optionally followed, each stream to its own writer.

use std::fs::{self};
use std::io::{Read, Seek, SeekFrom, Write};
use std::time::Duration;

use super::{Runtime, RuntimeError};

impl Runtime {
    /// Copies the container's log: standard output records to `out`,
    /// standard error ones to `err`; the last `tail` records (all when
    /// `None`), with `timestamps` each prefixed by its time, and with
    /// `follow` what comes after, until the container stops.
    pub fn logs(
        &self,
        key: &str,
        opts: &LogOptions,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<(), RuntimeError> {
        let st = self.find(key)?;
        let path = self.log_path(&st.id);
        let mut f = match fs::File::open(&path) {
            Ok(f) => f,
            Err(_) if !opts.follow => return Ok(()),
            Err(e) => {
                return Err(RuntimeError::Io {
                    path,
                    op: "open log",
                    source: e,
                });
            }
        };
        let read_err = |e| RuntimeError::Io {
            path: path.clone(),
            op: "read log",
            source: e,
        };
        let mut pending = Vec::new();
        f.read_to_end(&mut pending).map_err(read_err)?;
        let mut offset = pending.len() as u64;
        let mut emit = |line: &[u8]| -> bool {
            match super::logfile::Entry::parse(line) {
                Some(e) => {
                    let to: &mut dyn Write = match e.stream {
                        super::logfile::Stream::Stdout => &mut *out,
                        super::logfile::Stream::Stderr => &mut *err,
                    };
                    write_record(
                        to,
                        e.log.as_bytes(),
                        opts.timestamps.then_some(e.time.as_str()),
                    )
                }
                // A plain-text line of an older log.
                None => write_record(&mut *out, &[line, b"\n"].concat(), None),
            }
        };
        let complete = pending
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let lines: Vec<&[u8]> = pending[..complete]
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty() && opts.in_window(l))
            .collect();
        let skip = opts.tail.map_or(0, |n| lines.len().saturating_sub(n));
        for line in &lines[skip..] {
            if !emit(line) {
                return Ok(());
            }
        }
        pending.drain(..complete);
        if !opts.follow {
            return Ok(());
        }
        loop {
            let running = self
                .load(&st.id)
                .map(|s| s.status.is_running())
                .unwrap_or(false);
            if f.seek(SeekFrom::Start(offset)).is_ok() {
                let before = pending.len();
                if f.read_to_end(&mut pending).is_ok() {
                    offset += (pending.len() - before) as u64;
                }
            }
            while let Some(i) = pending.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = pending.drain(..=i).collect();
                let line = &line[..line.len() - 1];
                if !line.is_empty() && opts.in_window(line) && !emit(line) {
                    return Ok(());
                }
            }
            if !running {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Writes one record's text, after its time when given; false once the
/// reader has gone.
fn write_record(to: &mut dyn Write, text: &[u8], time: Option<&str>) -> bool {
    let ok = match time {
        Some(t) => to
            .write_all(t.as_bytes())
            .and_then(|_| to.write_all(b" "))
            .and_then(|_| to.write_all(text)),
        None => to.write_all(text),
    };
    ok.and_then(|_| to.flush()).is_ok()
}

/// What `ccr logs` shows.
#[derive(Clone, Debug, Default)]
pub struct LogOptions {
    /// The last this many records; all when `None`.
    pub tail: Option<usize>,
    pub follow: bool,
    /// Each record after its time (RFC 3339, nanoseconds).
    pub timestamps: bool,
    /// Only records from this time on (`--since`).
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Only records before this time (`--until`).
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

impl LogOptions {
    /// Whether the record on `line` is in the `--since`/`--until` window
    /// (a line without a time always is).
    fn in_window(&self, line: &[u8]) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(t) = super::logfile::Entry::parse(line)
            .and_then(|e| chrono::DateTime::parse_from_rfc3339(&e.time).ok())
        else {
            return true;
        };
        self.since.is_none_or(|s| t >= s) && self.until.is_none_or(|u| t < u)
    }
}
