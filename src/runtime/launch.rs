//! Starting a container's monitor: in the foreground (its exit code is
//! the container's), detached (returning once the container runs), or
//! with its output handed back line by line (build steps).

use std::fs::{self, OpenOptions};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::attach::Ended;
use super::{ContainerStatus, Runtime, RuntimeError};

/// How a container's monitor is started.
#[derive(Clone, Debug)]
pub enum Launch {
    /// In the background: [`Runtime::launch`] returns once it runs.
    Detached,
    /// In the foreground: the container's output here, and its input from
    /// here when it was made with `-i` and `input` says so. A `-t`
    /// container's terminal is left running with `detach_keys`.
    Foreground { input: bool, detach_keys: Vec<u8> },
}

impl Launch {
    /// In the foreground with docker's detach keys.
    pub fn foreground() -> Launch {
        Launch::Foreground {
            input: true,
            detach_keys: super::attach::parse_detach_keys(super::attach::DEFAULT_DETACH_KEYS)
                .unwrap_or_default(),
        }
    }
}

/// How a launch ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Launched {
    /// The container exited with this code (a foreground launch).
    Exited(i32),
    /// It runs in the background.
    Running,
    /// The detach keys left it running (a foreground `-t` launch).
    DetachedByKeys,
}

impl Runtime {
    /// The container's output, as docker's json-file records.
    pub fn log_path(&self, id: &str) -> PathBuf {
        self.container_dir(id).join("container.log")
    }

    /// What a detached monitor itself reports (start failures).
    fn monitor_log_path(&self, id: &str) -> PathBuf {
        self.container_dir(id).join("monitor.log")
    }

    /// Where a `-t` container's monitor serves its terminal (short: a
    /// socket's path has a small limit).
    pub(super) fn attach_socket(&self, id: &str) -> PathBuf {
        self.state_root()
            .join(format!("{}.attach", &id[..12.min(id.len())]))
    }

    /// This process's standard output and error from now on go to the
    /// monitor log of `id` (a monitor whose foreground client may leave).
    pub(super) fn redirect_to_monitor_log(&self, id: &str) {
        if let Ok(log) = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.monitor_log_path(id))
        {
            let _ = rustix::stdio::dup2_stdout(&log);
            let _ = rustix::stdio::dup2_stderr(&log);
        }
    }

    /// Shows the terminal of the running `-t` container `id` here until it
    /// exits or `detach_keys` are typed (with `input`).
    pub fn attach_terminal(
        &self,
        id: &str,
        input: bool,
        detach_keys: &[u8],
    ) -> Result<Ended, RuntimeError> {
        super::relay::attach(&self.attach_socket(id), input, detach_keys).map_err(|e| {
            RuntimeError::Container {
                id: id.to_string(),
                why: format!("cannot attach to its terminal: {e}"),
            }
        })
    }

    /// Starts the monitor for `id`. In the foreground it shares this
    /// terminal (a `-t` container's is served by the monitor, and shown
    /// here) and is waited for (its exit code is the container's);
    /// detached it gets its own session and writes to the container log,
    /// and this returns once the container is running (or failed to).
    pub fn launch(&self, id: &str, how: &Launch) -> Result<Launched, RuntimeError> {
        let mut cmd = super::monitor::command(&self.layout, id);
        let spawn_err = |e: std::io::Error| RuntimeError::Container {
            id: id.to_string(),
            why: format!("cannot start the monitor: {e}"),
        };
        if let Launch::Foreground { input, detach_keys } = how {
            let st = self.load(id)?;
            if st.options.tty {
                return self.launch_terminal(id, *input && st.options.interactive, detach_keys);
            }
            if !(st.options.interactive && *input) {
                cmd.stdin(Stdio::null());
            }
            // docker's --sig-proxy: the signals this process gets go to the
            // container's process, and this waits for its exit as before.
            let proxy = (!st.options.no_sig_proxy)
                .then(|| SignalProxy::start(self.layout.clone(), id))
                .transpose()
                .map_err(spawn_err)?;
            let status = cmd.status().map_err(spawn_err);
            if let Some(p) = proxy {
                p.stop();
            }
            return Ok(Launched::Exited(
                status?.code().unwrap_or(crate::EXIT_CCR_FAILURE),
            ));
        }
        // The monitor's own messages; the container's output is in its log.
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.monitor_log_path(id))
            .map_err(spawn_err)?;
        cmd.stdin(Stdio::null())
            .stdout(log.try_clone().map_err(spawn_err)?)
            .stderr(log)
            .env(super::monitor::DETACHED, "1");
        // SAFETY: setsid is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()
                    .map(|_| ())
                    .map_err(std::io::Error::from)
            });
        }
        let mut child = cmd.spawn().map_err(spawn_err)?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let st = match self.load(id) {
                Ok(st) => st,
                // Gone already: `--rm` removed it, after its run or after a
                // failed start; the monitor's exit code says which.
                Err(RuntimeError::NoSuchContainer(_)) => {
                    let code = child.wait().map_err(spawn_err)?.code();
                    let id = id.to_string();
                    let why = "could not be started (and was removed: it removes itself on exit)"
                        .to_string();
                    return match code {
                        Some(127) => Err(RuntimeError::CommandNotFound { id, why }),
                        Some(126) => Err(RuntimeError::CannotExecute { id, why }),
                        Some(125) | None => Err(RuntimeError::Container { id, why }),
                        Some(_) => Ok(Launched::Running),
                    };
                }
                Err(e) => return Err(e),
            };
            match st.status {
                ContainerStatus::Running | ContainerStatus::Exited => {
                    return Ok(Launched::Running);
                }
                ContainerStatus::Failed => {
                    let _ = child.wait();
                    let id = id.to_string();
                    let why = format!("failed to start: {}", self.start_failure(&id));
                    return Err(match st.exit_code {
                        Some(127) => RuntimeError::CommandNotFound { id, why },
                        Some(126) => RuntimeError::CannotExecute { id, why },
                        _ => RuntimeError::Container { id, why },
                    });
                }
                _ => {}
            }
            if let Ok(Some(status)) = child.try_wait() {
                let st = self.load(id)?;
                if st.status == ContainerStatus::Created {
                    return Err(RuntimeError::Container {
                        id: id.to_string(),
                        why: format!(
                            "the monitor exited ({status}): {}",
                            self.log_tail(id, 5).trim()
                        ),
                    });
                }
                return Ok(Launched::Running);
            }
            if Instant::now() > deadline {
                return Err(RuntimeError::Container {
                    id: id.to_string(),
                    why: "did not start within 30 seconds".into(),
                });
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// A foreground `-t` container: its monitor in a session of its own
    /// (it outlives this process when the detach keys are typed), its
    /// terminal shown here from before the container starts, its exit
    /// code this launch's. Until the start, the monitor's standard error
    /// is this one's (so a start that fails says why here).
    fn launch_terminal(
        &self,
        id: &str,
        input: bool,
        detach_keys: &[u8],
    ) -> Result<Launched, RuntimeError> {
        let spawn_err = |e: std::io::Error| RuntimeError::Container {
            id: id.to_string(),
            why: format!("cannot start the monitor: {e}"),
        };
        let st = self.load(id)?;
        let mut cmd = super::monitor::command(&self.layout, id);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .env(super::monitor::DETACHED, "1")
            .env(super::monitor::ATTACHING, "1");
        // SAFETY: setsid is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()
                    .map(|_| ())
                    .map_err(std::io::Error::from)
            });
        }
        let proxy = (!st.options.no_sig_proxy)
            .then(|| SignalProxy::start(self.layout.clone(), id))
            .transpose()
            .map_err(spawn_err)?;
        let mut child = cmd.spawn().map_err(spawn_err)?;
        let socket = self.attach_socket(id);
        let ended = super::relay::attach_when_ready(&socket, input, detach_keys, || {
            matches!(child.try_wait(), Ok(None))
        });
        let outcome = match ended {
            Ok(Some(Ended::Detached)) => Ok(Launched::DetachedByKeys),
            // The container exited (or never started: the monitor said why).
            Ok(Some(Ended::Eof)) | Ok(None) => child
                .wait()
                .map(|s| Launched::Exited(s.code().unwrap_or(crate::EXIT_CCR_FAILURE)))
                .map_err(spawn_err),
            Err(e) => Err(RuntimeError::Container {
                id: id.to_string(),
                why: format!("cannot attach to its terminal: {e}"),
            }),
        };
        if let Some(p) = proxy {
            p.stop();
        }
        outcome
    }

    /// Runs the monitor for `id` in the foreground with the container's
    /// stdout and stderr (merged) handed line by line to `out`; returns the
    /// container's exit code.
    pub fn launch_with_output(
        &self,
        id: &str,
        out: &mut dyn FnMut(&str),
    ) -> Result<i32, RuntimeError> {
        let spawn_err = |e: std::io::Error| RuntimeError::Container {
            id: id.to_string(),
            why: format!("cannot start the monitor: {e}"),
        };
        let (reader, writer) = std::io::pipe().map_err(spawn_err)?;
        let mut child = {
            let mut cmd = super::monitor::command(&self.layout, id);
            cmd.stdin(Stdio::null())
                .stdout(writer.try_clone().map_err(spawn_err)?)
                .stderr(writer);
            cmd.spawn().map_err(spawn_err)?
            // `cmd`, holding the write ends, is dropped here: the read
            // below ends when the monitor and the container are done.
        };
        let mut reader = std::io::BufReader::new(reader);
        let mut line = Vec::new();
        loop {
            line.clear();
            match std::io::BufRead::read_until(&mut reader, b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let text = String::from_utf8_lossy(&line);
                    out(text.trim_end_matches(['\n', '\r']));
                }
            }
        }
        let status = child.wait().map_err(spawn_err)?;
        Ok(status.code().unwrap_or(crate::EXIT_CCR_FAILURE))
    }

    /// Why a detached monitor could not start the container: the end of
    /// its log, without the prefixes the monitor itself wrote.
    fn start_failure(&self, id: &str) -> String {
        let prefix = format!("container {id}: ");
        self.log_tail(id, 5)
            .lines()
            .map(|l| {
                let l = l.strip_prefix("ccr: error: ").unwrap_or(l);
                l.strip_prefix(&prefix).unwrap_or(l)
            })
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    fn log_tail(&self, id: &str, lines: usize) -> String {
        let text = fs::read_to_string(self.monitor_log_path(id)).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

/// The signals a foreground `run` passes on to its container.
pub const PROXIED: &[i32] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGTERM,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGWINCH,
];

/// Passes the signals this process receives to the container's process
/// (its pid as the monitor records it), until stopped.
struct SignalProxy {
    handle: signal_hook::iterator::Handle,
    thread: std::thread::JoinHandle<()>,
}

impl SignalProxy {
    fn start(layout: crate::layout::Layout, id: &str) -> std::io::Result<SignalProxy> {
        let mut signals = signal_hook::iterator::Signals::new(PROXIED)?;
        let handle = signals.handle();
        let id = id.to_string();
        let thread = std::thread::spawn(move || {
            let rt = Runtime::new(&layout);
            for sig in signals.forever() {
                // A terminal's own size changes reach the container through
                // the monitor; everything else goes to its process.
                if sig == libc::SIGWINCH {
                    continue;
                }
                // The container may be running before its pid is recorded:
                // the signal waits for it (a few seconds at most).
                let mut pid = None;
                for _ in 0..250 {
                    pid = rt.load(&id).ok().and_then(|st| st.pid);
                    if pid.is_some() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                if let (Some(pid), Some(sig)) = (
                    pid.and_then(rustix::process::Pid::from_raw),
                    rustix::process::Signal::from_named_raw(sig),
                ) {
                    let _ = rustix::process::kill_process(pid, sig);
                }
            }
        });
        Ok(SignalProxy { handle, thread })
    }

    fn stop(self) {
        self.handle.close();
        let _ = self.thread.join();
    }
}
