//! Health checks, run by the container's monitor as docker's daemon runs
//! them: the first probe one interval after the start (the start
//! interval during the start period), each probe a process in the
//! container (`exec`) that must end within the timeout; `retries`
//! failures in a row make the container unhealthy, one success healthy,
//! and failures during the start period do not count. The state (status,
//! failing streak, the last five probes with their output) is recorded
//! in the container's state for `ps` and `inspect`.
//!
//! A probe is a fresh process (`ccr __probe DATA_ROOT PLAINTEXT ID`): the
//! monitor has threads, and libcontainer forks, so it never execs into a
//! container itself.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{ExecOptions, HealthConfig, Runtime};
use crate::layout::Layout;

/// The argument that makes `ccr` a health probe.
pub const PROBE_ARG: &str = "__probe";

/// At most this much of a probe's output is kept (docker keeps 4 KiB).
const MAX_OUTPUT: u64 = 4096;
/// Probes kept in the log (docker keeps 5).
const LOG_LEN: usize = 5;

/// docker's `State.Health`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `starting`, `healthy` or `unhealthy`.
    pub status: String,
    pub failing_streak: u32,
    pub log: Vec<Probe>,
}

/// One probe's outcome, as docker logs it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    pub start: String,
    pub end: String,
    pub exit_code: i32,
    pub output: String,
}

impl Health {
    pub fn starting() -> Health {
        Health {
            status: "starting".into(),
            ..Default::default()
        }
    }

    /// Records a probe that ended with `code`; `counted` is false during
    /// the start period, where a failure does not count.
    pub fn record(&mut self, probe: Probe, counted: bool, retries: u32) {
        if probe.exit_code == 0 {
            self.status = "healthy".into();
            self.failing_streak = 0;
        } else if counted {
            self.failing_streak += 1;
            if self.failing_streak >= retries {
                self.status = "unhealthy".into();
            }
        }
        self.log.push(probe);
        if self.log.len() > LOG_LEN {
            self.log.remove(0);
        }
    }
}

/// The probe process for container `id`.
fn probe_command(layout: &Layout, id: &str) -> Command {
    super::helper::helper_command(PROBE_ARG, layout, id)
}

/// The layout and container id when this process is a health probe.
pub fn invoked(args: impl Iterator<Item = std::ffi::OsString>) -> Option<(Layout, String)> {
    super::helper::helper_invoked(PROBE_ARG, args)
}

/// A probe's whole life: the container's check, run in it; its exit code.
pub fn probe_main(layout: &Layout, id: &str) -> i32 {
    // The probe's process inherits nothing ignored or blocked.
    super::reset_inherited_signals();
    let rt = Runtime::new(layout);
    let argv = rt
        .load(id)
        .ok()
        .and_then(|st| st.options.healthcheck)
        .and_then(|h| h.argv());
    let Some(args) = argv else {
        eprintln!("no health check");
        return 1;
    };
    match rt.exec(
        id,
        &ExecOptions {
            args,
            ..Default::default()
        },
    ) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            e.exit().code()
        }
    }
}

/// Runs one probe: its exit code (-1 when it timed out) and output.
fn run_probe(layout: &Layout, id: &str, timeout: Duration) -> Probe {
    let start = chrono::Utc::now().to_rfc3339();
    let child = probe_command(layout, id)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            return Probe {
                start,
                end: chrono::Utc::now().to_rfc3339(),
                exit_code: -1,
                output: format!("cannot run the probe: {e}"),
            };
        }
    };
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|r| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut r = r.take(MAX_OUTPUT);
            let _ = r.read_to_end(&mut buf);
            // What is beyond the kept part is read and dropped: a probe
            // never blocks on a full pipe.
            let _ = std::io::copy(&mut r.into_inner(), &mut std::io::sink());
            buf
        })
    })
    .collect();
    let deadline = Instant::now() + timeout;
    let code = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code().unwrap_or(-1),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break -1;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(_) => break -1,
        }
    };
    let mut output = Vec::new();
    if code == -1 && Instant::now() >= deadline {
        output.extend(format!("Health check exceeded timeout ({timeout:?})").as_bytes());
    } else {
        for r in readers {
            output.extend(r.join().unwrap_or_default());
        }
    }
    output.truncate(MAX_OUTPUT as usize);
    Probe {
        start,
        end: chrono::Utc::now().to_rfc3339(),
        exit_code: code,
        output: String::from_utf8_lossy(&output).into_owned(),
    }
}

/// A running health checker: a thread of the monitor.
pub struct Checker {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checker {
    /// Starts checking container `id` with `cfg`; `record` is given each
    /// new health state.
    pub fn start(
        layout: &Layout,
        id: &str,
        cfg: HealthConfig,
        record: impl Fn(&Health) + Send + 'static,
    ) -> Checker {
        let stop = Arc::new(AtomicBool::new(false));
        let (layout, id, flag) = (layout.clone(), id.to_string(), stop.clone());
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut health = Health::starting();
            record(&health);
            loop {
                let starting = started.elapsed() < cfg.start_period();
                let wait = if starting {
                    cfg.start_interval()
                } else {
                    cfg.interval()
                };
                if !pause(wait, &flag) {
                    return;
                }
                let probe = run_probe(&layout, &id, cfg.timeout());
                if flag.load(Ordering::SeqCst) {
                    return;
                }
                let counted = started.elapsed() >= cfg.start_period();
                health.record(probe, counted, cfg.retries());
                record(&health);
            }
        });
        Checker {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops checking (a probe under way is waited for).
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Sleeps `d` unless stopped first; false when stopped.
fn pause(d: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + d;
    while Instant::now() < end {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep((end - Instant::now()).min(Duration::from_millis(20)));
    }
    !stop.load(Ordering::SeqCst)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(code: i32) -> Probe {
        Probe {
            exit_code: code,
            ..Default::default()
        }
    }

    #[test]
    fn health_follows_dockers_rules() {
        let mut h = Health::starting();
        h.record(probe(1), false, 2);
        assert_eq!((h.status.as_str(), h.failing_streak), ("starting", 0));
        h.record(probe(1), true, 2);
        assert_eq!((h.status.as_str(), h.failing_streak), ("starting", 1));
        h.record(probe(1), true, 2);
        assert_eq!(h.status, "unhealthy");
        h.record(probe(0), true, 2);
        assert_eq!((h.status.as_str(), h.failing_streak), ("healthy", 0));
        for _ in 0..10 {
            h.record(probe(0), true, 2);
        }
        assert_eq!(h.log.len(), LOG_LEN);
    }

    #[test]
    fn a_pause_ends_early_when_stopped() {
        let stop = AtomicBool::new(true);
        let t = Instant::now();
        assert!(!pause(Duration::from_secs(5), &stop));
        assert!(t.elapsed() < Duration::from_secs(1));
    }
}
