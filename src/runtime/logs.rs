//! `logs`: the container's json-file records, selected (tail, since,
//! until), optionally followed, each stream to its own writer.

use std::fs::{self};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::{Runtime, RuntimeError};

/// Bytes read at a time: memory stays bounded whatever the log's size.
const BLOCK: usize = 64 << 10;

/// The longest record read; a longer line (ccr writes none) is skipped.
const MAX_LINE: usize = 1 << 20;

/// Complete lines from a stream of blocks, one partial line kept between
/// blocks (at most [`MAX_LINE`]).
#[derive(Default)]
struct Lines {
    partial: Vec<u8>,
    /// Skipping to the end of a line over the limit.
    skipping: bool,
}

impl Lines {
    /// Calls `f` for each complete line in `data`; false once `f` is.
    fn feed(&mut self, mut data: &[u8], f: &mut dyn FnMut(&[u8]) -> bool) -> bool {
        while let Some(i) = data.iter().position(|b| *b == b'\n') {
            let ok = if self.skipping {
                true
            } else if self.partial.is_empty() {
                f(&data[..i])
            } else {
                self.partial.extend_from_slice(&data[..i]);
                let line = std::mem::take(&mut self.partial);
                f(&line)
            };
            self.skipping = false;
            self.partial.clear();
            if !ok {
                return false;
            }
            data = &data[i + 1..];
        }
        if !self.skipping {
            if self.partial.len() + data.len() > MAX_LINE {
                self.partial.clear();
                self.skipping = true;
            } else {
                self.partial.extend_from_slice(data);
            }
        }
        true
    }
}

/// Reads `f` from `offset` to its end in blocks, feeding `lines`; the new
/// offset, or `None` once the writer has gone.
fn read_on(
    f: &mut fs::File,
    mut offset: u64,
    lines: &mut Lines,
    emit: &mut dyn FnMut(&[u8]) -> bool,
) -> std::io::Result<Option<u64>> {
    f.seek(SeekFrom::Start(offset))?;
    let mut buf = vec![0u8; BLOCK];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(Some(offset));
        }
        offset += n as u64;
        if !lines.feed(&buf[..n], emit) {
            return Ok(None);
        }
    }
}

/// Where the last `n` records that `keep` takes begin: the index of the
/// file (oldest first) and the offset in it. Read from the end in blocks,
/// one line held at a time; fewer than `n`: the very start.
fn tail_start(
    files: &[PathBuf],
    n: usize,
    keep: &dyn Fn(&[u8]) -> bool,
) -> std::io::Result<(usize, u64)> {
    if n == 0 {
        let last = files.len().saturating_sub(1);
        let len = fs::metadata(&files[last]).map(|m| m.len()).unwrap_or(0);
        return Ok((last, len));
    }
    let mut count = 0;
    for (i, p) in files.iter().enumerate().rev() {
        let Ok(f) = fs::File::open(p) else { continue };
        let mut pos = f.metadata()?.len();
        // The line being put together from the back: its bytes from the
        // current block's start on, once the newline that ends it is seen.
        let mut line: Vec<u8> = Vec::new();
        let mut ended = false;
        let mut oversized = false;
        let mut block = vec![0u8; BLOCK];
        let mut counted = |line: &[u8], oversized: bool| {
            if !oversized && !line.is_empty() && keep(line) {
                count += 1;
            }
            count == n
        };
        while pos > 0 {
            let start = pos.saturating_sub(BLOCK as u64);
            let len = (pos - start) as usize;
            std::os::unix::fs::FileExt::read_exact_at(&f, &mut block[..len], start)?;
            let mut j = len;
            while let Some(k) = block[..j].iter().rposition(|b| *b == b'\n') {
                if ended {
                    let mut whole = block[k + 1..j].to_vec();
                    whole.extend_from_slice(&line);
                    if counted(&whole, oversized) {
                        return Ok((i, start + k as u64 + 1));
                    }
                }
                // A last line with no newline yet is not a record yet.
                ended = true;
                line.clear();
                oversized = false;
                j = k;
            }
            if ended && !oversized {
                if line.len() + j > MAX_LINE {
                    oversized = true;
                    line.clear();
                } else {
                    line.splice(0..0, block[..j].iter().copied());
                }
            }
            pos = start;
        }
        if ended && counted(&line, oversized) {
            return Ok((i, 0));
        }
    }
    Ok((0, 0))
}

/// The file's identity, to see it replaced by a rotation.
fn identity(m: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

impl Runtime {
    /// Copies the container's log: standard output records to `out`,
    /// standard error ones to `err`; the last `tail` records (all when
    /// `None`), with `timestamps` each prefixed by its time, and with
    /// `follow` what comes after, until the container stops. The log's
    /// rotated files are read too, oldest first; memory stays bounded
    /// whatever their size (`--tail` reads from the end).
    pub fn logs(
        &self,
        key: &str,
        opts: &LogOptions,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<(), RuntimeError> {
        let st = self.find(key)?;
        let path = self.log_path(&st.id);
        let read_err = |e| RuntimeError::Io {
            path: path.clone(),
            op: "read log",
            source: e,
        };
        if !path.exists() && !opts.follow {
            return Ok(());
        }
        let mut emit = |line: &[u8]| -> bool {
            if line.is_empty() || !opts.in_window(line) {
                return true;
            }
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
                        opts.details,
                    )
                }
                // A plain-text line of an older log.
                None => write_record(&mut *out, &[line, b"\n"].concat(), None, opts.details),
            }
        };
        let files = super::logfile::files(&path);
        let (first, mut offset) = match opts.tail {
            Some(n) => tail_start(&files, n, &|l| opts.in_window(l)).map_err(read_err)?,
            None => (0, 0),
        };
        let mut lines = Lines::default();
        // Rotated files whole (each ends with a whole record); the current
        // one up to its last complete line, which follow goes on from.
        for p in &files[first..files.len() - 1] {
            if let Ok(mut f) = fs::File::open(p) {
                if read_on(&mut f, offset, &mut lines, &mut emit)
                    .map_err(read_err)?
                    .is_none()
                {
                    return Ok(());
                }
                lines = Lines::default();
            }
            offset = 0;
        }
        let mut current = match fs::File::open(&path) {
            Ok(f) => Some(f),
            Err(_) if !opts.follow => return Ok(()),
            Err(e) => return Err(read_err(e)),
        };
        loop {
            let running = self
                .load(&st.id)
                .map(|s| s.status.is_running())
                .unwrap_or(false);
            if let Some(f) = current.as_mut() {
                // Truncated in place (max-file=1): read it from its start.
                if f.metadata().is_ok_and(|m| m.len() < offset) {
                    offset = 0;
                    lines = Lines::default();
                }
                match read_on(f, offset, &mut lines, &mut emit).map_err(read_err)? {
                    Some(o) => offset = o,
                    None => return Ok(()),
                }
            }
            if !opts.follow {
                return Ok(());
            }
            // Rotated while read: what was written to the old file before
            // it moved has been read; the new one is read from its start.
            let replaced = match (
                current.as_ref().map(fs::File::metadata),
                fs::metadata(&path),
            ) {
                (Some(Ok(a)), Ok(b)) => identity(&a) != identity(&b),
                (None, Ok(_)) => true,
                _ => false,
            };
            if replaced {
                if let Some(f) = current.as_mut()
                    && read_on(f, offset, &mut lines, &mut emit)
                        .map_err(read_err)?
                        .is_none()
                {
                    return Ok(());
                }
                current = fs::File::open(&path).ok();
                offset = 0;
                lines = Lines::default();
                continue;
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
/// One record: after its time with `--timestamps`, after its attributes
/// with `--details` (ccr's log has none: docker then writes the space
/// that follows them alone).
fn write_record(to: &mut dyn Write, text: &[u8], time: Option<&str>, details: bool) -> bool {
    let mut prefix = Vec::new();
    if let Some(t) = time {
        prefix.extend_from_slice(t.as_bytes());
        prefix.push(b' ');
    }
    if details {
        prefix.push(b' ');
    }
    to.write_all(&prefix)
        .and_then(|_| to.write_all(text))
        .and_then(|_| to.flush())
        .is_ok()
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
    /// `--details`: each record after its attributes.
    pub details: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(lines: &mut Lines, data: &[u8]) -> Vec<String> {
        let mut got = Vec::new();
        lines.feed(data, &mut |l| {
            got.push(String::from_utf8_lossy(l).into_owned());
            true
        });
        got
    }

    #[test]
    fn lines_across_blocks_and_over_the_limit() {
        let mut l = Lines::default();
        assert_eq!(collect(&mut l, b"one\ntw"), ["one"]);
        assert_eq!(collect(&mut l, b"o\nthr"), ["two"]);
        let huge = vec![b'x'; MAX_LINE + 1];
        assert!(collect(&mut l, &huge).is_empty());
        assert!(l.partial.is_empty(), "an overlong line is not kept");
        assert_eq!(collect(&mut l, b"still x\nfour\n"), ["four"]);
    }

    #[test]
    fn the_tail_starts_where_the_last_records_do_across_files() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("log.1");
        let cur = dir.path().join("log");
        std::fs::write(&old, "a\nb\nc\n").unwrap();
        // Bigger than a block, and a last line still being written.
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("line {i}\n"));
        }
        text.push_str("partial");
        std::fs::write(&cur, &text).unwrap();
        let files = vec![old.clone(), cur.clone()];
        let all = |_: &[u8]| true;
        let at = |n| tail_start(&files, n, &all).unwrap();
        let (i, off) = at(1);
        assert_eq!(i, 1);
        assert_eq!(&text.as_bytes()[off as usize..], b"line 19999\npartial");
        assert_eq!(at(20_000), (1, 0));
        assert_eq!(at(20_001), (0, 4));
        assert_eq!(at(20_003), (0, 0));
        assert_eq!(at(1_000_000), (0, 0));
        // Only the records a window keeps count.
        let odd = |l: &[u8]| l.last().is_some_and(|c| (c - b'0') % 2 == 1);
        let (i, off) = tail_start(&files, 2, &odd).unwrap();
        assert_eq!(
            (i, &text.as_bytes()[off as usize..off as usize + 10]),
            (1, &b"line 19997"[..])
        );
    }
}
