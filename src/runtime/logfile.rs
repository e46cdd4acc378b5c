//! Container logs in docker's json-file format: one JSON object per line,
//! `{"log":"text\n","stream":"stdout","time":"2026-11-23T03:40:00.123456789Z"}`,
//! so that `logs` can give each stream back on its own and with times.
//! Output is passed on as it comes; the log takes it line by line (a last
//! line without a newline is logged when its stream ends).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde::{Deserialize, Serialize};

use super::LogConfig;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One log record.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub log: String,
    pub stream: Stream,
    pub time: String,
}

impl Entry {
    /// A line of the log file; `None` for a line that is no record (an
    /// older, plain-text log).
    pub fn parse(line: &[u8]) -> Option<Entry> {
        serde_json::from_slice(line).ok()
    }
}

/// Appends records to a container's log, rotating it as its
/// [`LogConfig`] says; shared by the streams' pumps.
pub struct LogWriter {
    path: PathBuf,
    config: LogConfig,
    file: Mutex<(File, u64)>,
}

/// The files of the log at `path`, oldest first: `path.N` ... `path.1`,
/// then `path` itself (those that exist).
pub fn files(path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = (1..=LogConfig::MAX_FILES)
        .map(|i| rotated(path, i))
        .take_while(|p| p.exists())
        .collect();
    out.reverse();
    out.push(path.to_path_buf());
    out
}

fn rotated(path: &Path, i: u32) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".{i}"));
    PathBuf::from(s)
}

impl LogWriter {
    pub fn open(path: &Path, config: LogConfig) -> io::Result<Arc<LogWriter>> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let size = file.metadata()?.len();
        Ok(Arc::new(LogWriter {
            path: path.to_path_buf(),
            config,
            file: Mutex::new((file, size)),
        }))
    }

    /// Moves the full file aside (`.1`, `.2`, ...; the oldest beyond
    /// `max_file` goes) and starts an empty one.
    fn rotate(&self, held: &mut (File, u64)) {
        if self.config.max_file <= 1 {
            if held.0.set_len(0).is_ok() {
                held.1 = 0;
            }
            return;
        }
        let keep = self.config.max_file - 1;
        let _ = std::fs::remove_file(rotated(&self.path, keep));
        for i in (1..keep).rev() {
            let _ = std::fs::rename(rotated(&self.path, i), rotated(&self.path, i + 1));
        }
        let _ = std::fs::rename(&self.path, rotated(&self.path, 1));
        if let Ok(f) = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
        {
            *held = (f, 0);
        }
    }

    fn record(&self, stream: Stream, bytes: &[u8]) {
        let entry = Entry {
            log: String::from_utf8_lossy(bytes).into_owned(),
            stream,
            time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        };
        let mut line = serde_json::to_vec(&entry).expect("a record serialises");
        line.push(b'\n');
        if let Ok(mut held) = self.file.lock() {
            let max = self.config.max_size;
            if max > 0 && held.1 > 0 && held.1 + line.len() as u64 > max {
                self.rotate(&mut held);
            }
            if held.0.write_all(&line).is_ok() {
                held.1 += line.len() as u64;
            }
        }
    }
}

/// Copies `from` until it ends: to `echo` as it comes (when given), and
/// into the log (when given) one line per record.
pub fn pump(
    mut from: impl Read + Send + 'static,
    mut echo: Option<Box<dyn Write + Send>>,
    log: Option<Arc<LogWriter>>,
    stream: Stream,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        let mut line: Vec<u8> = Vec::new();
        // EOF, or EIO from a terminal once its last holder has exited.
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            let chunk = &buf[..n];
            if let Some(w) = echo.as_mut()
                && (w.write_all(chunk).is_err() || w.flush().is_err())
            {
                echo = None;
            }
            let Some(log) = &log else {
                continue;
            };
            let mut rest = chunk;
            while let Some(i) = rest.iter().position(|b| *b == b'\n') {
                line.extend_from_slice(&rest[..=i]);
                log.record(stream, &line);
                line.clear();
                rest = &rest[i + 1..];
            }
            line.extend_from_slice(rest);
            // A line longer than docker's 16 KiB is logged in parts.
            if line.len() >= buf.len() {
                log.record(stream, &line);
                line.clear();
            }
        }
        if let Some(log) = &log
            && !line.is_empty()
        {
            log.record(stream, &line);
        }
    })
}

/// Waits for pumps to finish, at most about two seconds: a process that
/// escaped the container could keep a stream open.
pub fn drain(pumps: Vec<JoinHandle<()>>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    for p in pumps {
        while !p.is_finished() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        if p.is_finished() {
            let _ = p.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_records_and_output_passes_as_it_comes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        let log = LogWriter::open(&path, LogConfig::default()).unwrap();
        let echoed = Arc::new(Mutex::new(Vec::new()));
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let input: &'static [u8] = b"one\ntwo\nthree-no-newline";
        pump(
            input,
            Some(Box::new(Shared(echoed.clone()))),
            Some(log.clone()),
            Stream::Stdout,
        )
        .join()
        .unwrap();
        pump(&b"err\n"[..], None, Some(log), Stream::Stderr)
            .join()
            .unwrap();
        assert_eq!(&echoed.lock().unwrap()[..], input);
        let text = std::fs::read(&path).unwrap();
        let entries: Vec<Entry> = text
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| Entry::parse(l).unwrap())
            .collect();
        let got: Vec<(&str, Stream)> = entries.iter().map(|e| (e.log.as_str(), e.stream)).collect();
        assert_eq!(
            got,
            [
                ("one\n", Stream::Stdout),
                ("two\n", Stream::Stdout),
                ("three-no-newline", Stream::Stdout),
                ("err\n", Stream::Stderr)
            ]
        );
        assert!(entries[0].time.ends_with('Z') && entries[0].time.contains('T'));
        assert_eq!(Entry::parse(b"plain text from an old log"), None);
    }
}
