//! Container lifecycle after `create`: starting the monitor (in the
//! foreground or detached), and `ps`, `logs`, `stop`, `kill`, `rm`, `start`.

use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use libcontainer::container::Container;
use libcontainer::signal::Signal;

use super::{ContainerState, ContainerStatus, Runtime, RuntimeError};

/// Whether `pid` is a live (not zombie) process.
fn alive(pid: i32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // The state follows the command name, which is in parentheses.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    !matches!(state, Some("Z") | Some("X") | None)
}

/// Whether `pid` is the monitor of container `id` (and not a reused pid).
fn monitor_alive(pid: i32, id: &str) -> bool {
    alive(pid)
        && fs::read(format!("/proc/{pid}/cmdline"))
            .map(|c| {
                let args: Vec<&[u8]> = c.split(|b| *b == 0).collect();
                args.get(1) == Some(&super::monitor::ARG.as_bytes())
                    && args.contains(&id.as_bytes())
            })
            .unwrap_or(false)
}

/// Linux's signal names, by number (1–31; 32 and 33 belong to the C library).
const SIGNALS: [&str; 31] = [
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
    "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
];
const SIGRTMIN: i32 = 34;
const SIGRTMAX: i32 = 64;

/// Parses a signal as docker does: `SIGTERM`, `TERM`, `15`, `SIGRTMIN+3`,
/// `RTMAX-1` (any case).
pub fn parse_signal(s: &str) -> Result<i32, RuntimeError> {
    let invalid = || {
        RuntimeError::Config(format!(
            "invalid signal {s:?}: use a name like SIGTERM or a number from 1 to 64"
        ))
    };
    if let Ok(n) = s.parse::<i32>() {
        return if (1..=SIGRTMAX).contains(&n) {
            Ok(n)
        } else {
            Err(invalid())
        };
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    let alias = match name {
        "IOT" => "ABRT",
        "POLL" => "IO",
        "CLD" => "CHLD",
        other => other,
    };
    if let Some(i) = SIGNALS.iter().position(|n| *n == alias) {
        return Ok(i as i32 + 1);
    }
    let realtime = |base: i32, rest: &str| -> Option<i32> {
        let n = match rest {
            "" => base,
            _ => {
                let (sign, digits) = rest.split_at(1);
                let k: i32 = digits.parse().ok()?;
                match sign {
                    "+" => base + k,
                    "-" => base - k,
                    _ => return None,
                }
            }
        };
        (SIGRTMIN..=SIGRTMAX).contains(&n).then_some(n)
    };
    let n = if let Some(rest) = name.strip_prefix("RTMIN") {
        realtime(SIGRTMIN, rest)
    } else if let Some(rest) = name.strip_prefix("RTMAX") {
        realtime(SIGRTMAX, rest)
    } else {
        None
    };
    n.ok_or_else(invalid)
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

    /// Starts the monitor for `id`. In the foreground it shares this
    /// terminal and is waited for (its exit code is the container's);
    /// detached it gets its own session and writes to the container log,
    /// and this returns once the container is running (or failed to).
    pub fn launch(&self, id: &str, detach: bool) -> Result<Option<i32>, RuntimeError> {
        let mut cmd = super::monitor::command(&self.data_root, id);
        let spawn_err = |e: std::io::Error| RuntimeError::Container {
            id: id.to_string(),
            why: format!("cannot start the monitor: {e}"),
        };
        if !detach {
            if !self.load(id)?.options.interactive {
                cmd.stdin(Stdio::null());
            }
            let status = cmd.status().map_err(spawn_err)?;
            return Ok(Some(status.code().unwrap_or(crate::EXIT_CCR_FAILURE)));
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
            let st = self.load(id)?;
            match st.status {
                ContainerStatus::Running | ContainerStatus::Exited => return Ok(None),
                ContainerStatus::Failed => {
                    let _ = child.wait();
                    return Err(RuntimeError::Container {
                        id: id.to_string(),
                        why: format!("failed to start: {}", self.log_tail(id, 5).trim()),
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
                return Ok(None);
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
            let mut cmd = super::monitor::command(&self.data_root, id);
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

    fn log_tail(&self, id: &str, lines: usize) -> String {
        let text = fs::read_to_string(self.monitor_log_path(id)).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// The state, corrected when its monitor died without recording an
    /// exit (a crash or a reboot): then the container is marked dead and
    /// what it held is released.
    pub fn refresh(&self, mut st: ContainerState) -> ContainerState {
        let monitor_gone = st.monitor_pid.is_none_or(|p| !monitor_alive(p, &st.id));
        if (st.status.is_running()
            || st.status == ContainerStatus::Created && st.monitor_pid.is_some())
            && monitor_gone
        {
            if let Some(pid) = st.pid.filter(|p| alive(*p))
                && let Some(p) = rustix::process::Pid::from_raw(pid)
            {
                let _ = rustix::process::kill_process(p, rustix::process::Signal::KILL);
            }
            let _ = fs::remove_dir_all(self.state_root().join(&st.id));
            let _ = rustix::mount::unmount(
                self.container_dir(&st.id).join("rootfs"),
                rustix::mount::UnmountFlags::DETACH,
            );
            super::remove_cgroup(&st.id);
            st.status = ContainerStatus::Dead;
            st.pid = None;
            st.monitor_pid = None;
            let _ = self.save(&st);
        }
        st
    }

    /// A container by full id, unique id prefix, or name.
    pub fn find(&self, key: &str) -> Result<ContainerState, RuntimeError> {
        let all = self.list()?;
        if let Some(c) = all.iter().find(|c| c.id == key || c.name == key) {
            return Ok(self.refresh(c.clone()));
        }
        let matches: Vec<&ContainerState> = all.iter().filter(|c| c.id.starts_with(key)).collect();
        match matches.as_slice() {
            [one] => Ok(self.refresh((*one).clone())),
            [] => Err(RuntimeError::NoSuchContainer(key.to_string())),
            _ => Err(RuntimeError::Config(format!(
                "{key} is ambiguous: it matches {} containers",
                matches.len()
            ))),
        }
    }

    /// Sends a signal to the container's process.
    pub fn kill(&self, key: &str, signal: i32) -> Result<ContainerState, RuntimeError> {
        let st = self.find(key)?;
        if !st.status.is_running() {
            return Err(RuntimeError::Config(format!(
                "container {} is not running",
                st.name
            )));
        }
        let mut c = Container::load(self.state_root().join(&st.id)).map_err(|e| {
            RuntimeError::Container {
                id: st.id.clone(),
                why: format!("runtime state: {e}"),
            }
        })?;
        let sig = Signal::try_from(signal)
            .map_err(|e| RuntimeError::Config(format!("signal {signal}: {e}")))?;
        c.kill(sig, true).map_err(|e| RuntimeError::Container {
            id: st.id.clone(),
            why: format!("kill: {e}"),
        })?;
        Ok(st)
    }

    fn wait_exit(&self, id: &str, timeout: Duration) -> Result<bool, RuntimeError> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            match self.load(id) {
                Ok(st)
                    if st.status.is_running()
                        && st.monitor_pid.is_some_and(|p| monitor_alive(p, id)) => {}
                Ok(_) | Err(RuntimeError::NoSuchContainer(_)) => return Ok(true),
                Err(e) => return Err(e),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(false)
    }

    /// `signal`, else the container's stop signal (`--stop-signal` or the
    /// image's STOPSIGNAL), else SIGTERM; then SIGKILL after `timeout`.
    pub fn stop(
        &self,
        key: &str,
        timeout: Duration,
        signal: Option<i32>,
    ) -> Result<ContainerState, RuntimeError> {
        let st = self.find(key)?;
        if !st.status.is_running() {
            return Ok(st);
        }
        let signal = match (signal, &st.options.stop_signal) {
            (Some(n), _) => n,
            (None, Some(s)) => parse_signal(s)?,
            (None, None) => 15,
        };
        self.kill(&st.id, signal)?;
        if !self.wait_exit(&st.id, timeout)? {
            let _ = self.kill(&st.id, 9);
            self.wait_exit(&st.id, Duration::from_secs(10))?;
        }
        Ok(self.refresh(self.load(&st.id).unwrap_or(st)))
    }

    /// Gives the container another name (unused, and docker's shape:
    /// `[a-zA-Z0-9][a-zA-Z0-9_.-]*`).
    pub fn rename(&self, key: &str, name: &str) -> Result<ContainerState, RuntimeError> {
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if !valid {
            return Err(RuntimeError::Config(format!(
                "invalid container name {name:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )));
        }
        let mut st = self.find(key)?;
        if let Some(other) = self.find_by_name(name)? {
            if other.id == st.id {
                return Ok(st);
            }
            return Err(RuntimeError::Config(format!(
                "the container name {name:?} is already in use by container {}",
                &other.id[..12]
            )));
        }
        st.name = name.to_string();
        self.save(&st)?;
        Ok(st)
    }

    /// Waits until the container has stopped; its exit code (137 when its
    /// monitor died and it was killed).
    pub fn wait(&self, key: &str) -> Result<i32, RuntimeError> {
        let id = self.find(key)?.id;
        loop {
            let st = match self.load(&id) {
                Ok(st) => self.refresh(st),
                Err(RuntimeError::NoSuchContainer(_)) => {
                    return Err(RuntimeError::Config(format!(
                        "container {key} was removed (--rm) before its exit code could be read"
                    )));
                }
                Err(e) => return Err(e),
            };
            match st.status {
                ContainerStatus::Exited => return Ok(st.exit_code.unwrap_or(0)),
                ContainerStatus::Dead | ContainerStatus::Failed => {
                    return Ok(st.exit_code.unwrap_or(137));
                }
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Removes every container that is not running; their ids and the
    /// bytes their own files took.
    pub fn prune(&self) -> Result<Vec<(String, u64)>, RuntimeError> {
        self.remove_orphans();
        let mut removed = Vec::new();
        for st in self.list()? {
            let st = self.refresh(st);
            if st.status.is_running()
                || st.status == ContainerStatus::Created && st.monitor_pid.is_some()
            {
                continue;
            }
            let bytes = crate::unpack::tree_bytes(&self.container_dir(&st.id).join("upper"));
            self.remove(&st.id, false)?;
            removed.push((st.id, bytes));
        }
        Ok(removed)
    }

    /// Removes a container (`force` kills it first when running).
    pub fn remove(&self, key: &str, force: bool) -> Result<ContainerState, RuntimeError> {
        let st = self.find(key)?;
        // Created, with a live monitor: it is being started right now.
        let starting = st.status == ContainerStatus::Created
            && st.monitor_pid.is_some_and(|p| monitor_alive(p, &st.id));
        if st.status.is_running() || starting {
            if !force {
                return Err(RuntimeError::Config(format!(
                    "cannot remove running container {}: stop it first, or use -f",
                    st.name
                )));
            }
            if starting {
                self.stop_monitor(&st);
            } else {
                let _ = self.kill(&st.id, 9);
                self.wait_exit(&st.id, Duration::from_secs(10))?;
            }
        }
        self.destroy_bundle(&st.id)?;
        let _ = fs::remove_dir_all(self.state_root().join(&st.id));
        Ok(st)
    }

    /// Ends a monitor that is still starting its container, and whatever it
    /// started. Left alone, it would mount the root file system and start
    /// the container again in a bundle that is being removed.
    fn stop_monitor(&self, st: &ContainerState) {
        let kill = |pid: i32| {
            if let Some(p) = rustix::process::Pid::from_raw(pid) {
                let _ = rustix::process::kill_process(p, rustix::process::Signal::KILL);
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while alive(pid) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
        };
        if let Some(m) = st.monitor_pid {
            kill(m);
        }
        if let Some(pid) = self.load(&st.id).ok().and_then(|s| s.pid) {
            kill(pid);
        }
    }

    /// Starts a stopped container again, detached.
    pub fn start(&self, key: &str) -> Result<ContainerState, RuntimeError> {
        let mut st = self.find(key)?;
        if st.status.is_running() {
            return Ok(st);
        }
        // Back to "created", so that waiting for the start sees this run's outcome.
        st.status = ContainerStatus::Created;
        st.exit_code = None;
        st.monitor_pid = None;
        self.save(&st)?;
        self.launch(&st.id, true)?;
        self.load(&st.id)
    }

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

/// What `ccr exec` runs.
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    pub args: Vec<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    /// `user[:group]`, names or numbers, resolved in the container.
    pub user: Option<String>,
    /// `-i`: the process reads this one's standard input.
    pub interactive: bool,
    /// `-t`: its standard streams are a terminal.
    pub tty: bool,
}

impl Runtime {
    /// The container's process description (from its runtime spec) for an
    /// `exec -t`: `opts`' command, working directory and user, the
    /// container's environment with `env` over it, and a terminal.
    fn tenant_terminal_process(
        &self,
        id: &str,
        opts: &ExecOptions,
        user: Option<&super::spec::User>,
        env: &std::collections::HashMap<String, String>,
    ) -> std::io::Result<tempfile::NamedTempFile> {
        let spec: serde_json::Value =
            serde_json::from_slice(&fs::read(self.container_dir(id).join("config.json"))?)?;
        let mut p = spec["process"].clone();
        p["terminal"] = serde_json::json!(true);
        p["args"] = serde_json::json!(opts.args);
        if let Some(w) = &opts.workdir {
            p["cwd"] = serde_json::json!(w);
        }
        if let Some(u) = user {
            p["user"] = serde_json::json!({"uid": u.uid, "gid": u.gid});
        }
        let mut vars: Vec<String> = p["env"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .filter(|kv| !env.contains_key(kv.split_once('=').map_or(*kv, |(k, _)| k)))
            .map(str::to_string)
            .collect();
        vars.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        p["env"] = serde_json::json!(vars);
        let mut f = tempfile::Builder::new()
            .prefix(&format!("{}.exec-", &id[..12]))
            .suffix(".json")
            .tempfile_in(self.state_root())?;
        serde_json::to_writer(&mut f, &p)?;
        Ok(f)
    }

    /// Runs a process in a running container; returns its exit code.
    pub fn exec(&self, key: &str, opts: &ExecOptions) -> Result<i32, RuntimeError> {
        use libcontainer::container::builder::ContainerBuilder;
        use libcontainer::syscall::syscall::SyscallType;
        let st = self.find(key)?;
        if !st.status.is_running() {
            return Err(RuntimeError::Config(format!(
                "container {} is not running",
                st.name
            )));
        }
        let failed = |what: &str, e: &dyn std::fmt::Display| RuntimeError::Container {
            id: st.id.clone(),
            why: format!("{what}: {e}"),
        };
        let user = opts
            .user
            .as_deref()
            .map(|u| super::spec::resolve_user(&self.container_dir(&st.id).join("rootfs"), u))
            .transpose()?;
        let env: std::collections::HashMap<String, String> = opts
            .env
            .iter()
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv.clone(), std::env::var(kv).unwrap_or_default()),
            })
            .collect();
        // libcontainer sets a terminal only from a whole process description:
        // the container's own, with this command, and `terminal` on.
        let process_file = match opts.tty {
            true => Some(
                self.tenant_terminal_process(&st.id, opts, user.as_ref(), &env)
                    .map_err(|e| failed("exec", &e))?,
            ),
            false => None,
        };
        let console = match opts.tty {
            true => Some(
                super::console::ConsoleSocket::bind(self.state_root().join(format!(
                    "{}.exec-{}.tty",
                    &st.id[..12],
                    std::process::id()
                )))
                .map_err(|e| failed("console socket", &e))?,
            ),
            false => None,
        };
        if !opts.interactive && !opts.tty {
            // As docker: without -i the process reads nothing.
            let null = fs::File::open("/dev/null").map_err(|e| failed("stdin", &e))?;
            rustix::stdio::dup2_stdin(&null).map_err(|e| failed("stdin", &e))?;
        }
        let pid = ContainerBuilder::new(st.id.clone(), SyscallType::default())
            .with_root_path(self.state_root())
            .map_err(|e| failed("runtime state", &e))?
            .with_console_socket(console.as_ref().map(|c| c.path()))
            .as_tenant()
            .with_process(process_file.as_ref().map(|f| f.path()))
            .with_container_args(opts.args.clone())
            .with_env(env)
            .with_cwd(opts.workdir.clone())
            .with_user(user.as_ref().map(|u| u.uid))
            .with_group(user.as_ref().map(|u| u.gid))
            // See the monitor: "detached" is what admits a console socket.
            .with_detach(console.is_some())
            .build()
            .map_err(|e| failed("exec", &e))?;
        let attached = match &console {
            Some(c) => {
                let master = c.receive().map_err(|e| failed("terminal", &e))?;
                Some(
                    super::console::Attached::start(master, opts.interactive, true, None)
                        .map_err(|e| failed("terminal", &e))?,
                )
            }
            None => None,
        };
        let pid = rustix::process::Pid::from_raw(pid.as_raw())
            .ok_or_else(|| failed("exec", &"bad pid"))?;
        let code = loop {
            match rustix::process::waitpid(Some(pid), rustix::process::WaitOptions::empty()) {
                Ok(Some((_, status))) => {
                    if let Some(c) = status.exit_status() {
                        break c;
                    }
                    if let Some(sig) = status.terminating_signal() {
                        break 128 + sig;
                    }
                }
                Ok(None) | Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(failed("wait", &e)),
            }
        };
        if let Some(a) = attached {
            a.finish();
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_signal;

    #[test]
    fn signals_parse_as_docker_names_them() {
        for (s, n) in [
            ("SIGTERM", 15),
            ("term", 15),
            ("15", 15),
            ("SIGQUIT", 3),
            ("sigwinch", 28),
            ("SIGIOT", 6),
            ("SIGSYS", 31),
            ("SIGRTMIN", 34),
            ("RTMIN+3", 37),
            ("SIGRTMAX-2", 62),
            ("64", 64),
        ] {
            assert_eq!(parse_signal(s).unwrap(), n, "{s}");
        }
        for bad in [
            "", "0", "65", "-1", "SIGFOO", "RTMIN+31", "RTMAX+1", "RTMIN3",
        ] {
            assert!(parse_signal(bad).is_err(), "{bad} was accepted");
        }
    }
}
