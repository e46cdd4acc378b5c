//! Operations on containers by name or id: find, refresh (a dead
//! monitor noticed), kill, stop, restart's start, rename, wait, remove, prune.

use std::fs::{self};
use std::time::{Duration, Instant};

use libcontainer::container::Container;
use libcontainer::signal::Signal;

use super::{ContainerState, ContainerStatus, Runtime, RuntimeError};

/// Whether `pid` is a live (not zombie) process.
pub(super) fn alive(pid: i32) -> bool {
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
pub(super) fn monitor_alive(pid: i32, id: &str) -> bool {
    alive(pid)
        && fs::read(format!("/proc/{pid}/cmdline"))
            .map(|c| {
                let args: Vec<&[u8]> = c.split(|b| *b == 0).collect();
                args.get(1) == Some(&super::monitor::ARG.as_bytes())
                    && args.contains(&id.as_bytes())
            })
            .unwrap_or(false)
}

/// In a container's directory once its user stopped it.
const STOPPED: &str = "stopped-by-user";

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
    /// The state, corrected when its monitor died without recording an
    /// exit (a crash or a reboot): then the container is marked dead and
    /// what it held is released.
    pub fn refresh(&self, mut st: ContainerState) -> ContainerState {
        let unfinished = |st: &ContainerState| {
            st.status.is_running()
                || st.status == ContainerStatus::Created && st.monitor_pid.is_some()
        };
        let monitor_gone = st.monitor_pid.is_none_or(|p| !monitor_alive(p, &st.id));
        if unfinished(&st) && monitor_gone {
            // `st` may have been read just before its monitor recorded the
            // exit and ended (or a new run's monitor took over): what is on
            // disk now says so, and is not overwritten.
            if let Ok(now) = self.load(&st.id)
                && (!unfinished(&now) || now.monitor_pid != st.monitor_pid)
            {
                return now;
            }
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

    /// Marks the container as stopped by its user: its restart policy
    /// does not start it again (until `start`).
    fn mark_stopped(&self, id: &str) {
        let _ = fs::write(self.container_dir(id).join(STOPPED), b"");
    }

    /// Whether the container's user stopped (or killed) it.
    pub fn stopped_by_user(&self, id: &str) -> bool {
        self.container_dir(id).join(STOPPED).exists()
    }

    /// Sends a signal to the container's process.
    pub fn kill(&self, key: &str, signal: i32) -> Result<ContainerState, RuntimeError> {
        let st = self.find(key)?;
        if st.status == ContainerStatus::Restarting {
            self.mark_stopped(&st.id);
            return Ok(st);
        }
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
        // A frozen process takes no signal: thawed first, as docker does.
        if st.paused {
            let _ = c.resume();
            let mut now = self.load(&st.id)?;
            now.paused = false;
            self.save(&now)?;
        }
        let sig = Signal::try_from(signal)
            .map_err(|e| RuntimeError::Config(format!("signal {signal}: {e}")))?;
        if matches!(signal, 9 | 15)
            || st
                .options
                .stop_signal
                .as_deref()
                .and_then(|s| parse_signal(s).ok())
                == Some(signal)
        {
            self.mark_stopped(&st.id);
        }
        self.event(&st, "kill", &[("signal", &signal.to_string())]);
        // As docker: the signal goes to the container's first process only
        // (a PID 1 that traps it decides what its children get).
        match c.kill(sig, false) {
            Ok(()) => Ok(st),
            // The signal ended the container, and its monitor removed the
            // runtime state before libcontainer saved it again: delivered.
            Err(_) if !self.state_root().join(&st.id).exists() => Ok(st),
            Err(e) => Err(RuntimeError::Container {
                id: st.id.clone(),
                why: format!("kill: {e}"),
            }),
        }
    }

    fn wait_exit(&self, id: &str, timeout: Duration) -> Result<bool, RuntimeError> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            match self.load(id) {
                Ok(st)
                    if (st.status.is_running() || st.status == ContainerStatus::Restarting)
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
        if st.status == ContainerStatus::Restarting {
            // Between two runs: the monitor sees the mark and ends.
            self.mark_stopped(&st.id);
            self.wait_exit(&st.id, timeout)?;
            return Ok(self.refresh(self.load(&st.id).unwrap_or(st)));
        }
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
        self.event(&st, "stop", &[]);
        Ok(self.refresh(self.load(&st.id).unwrap_or(st)))
    }

    /// Gives the container another name (unused, and docker's shape:
    /// `[a-zA-Z0-9][a-zA-Z0-9_.-]*`).
    pub fn rename(&self, key: &str, name: &str) -> Result<ContainerState, RuntimeError> {
        super::check_container_name(name)?;
        let mut st = self.find(key)?;
        if let Some(other) = self.find_by_name(name)? {
            if other.id == st.id {
                return Err(RuntimeError::Config(
                    "renaming a container with the same name as its current name".into(),
                ));
            }
            return Err(RuntimeError::Config(format!(
                "the container name {name:?} is already in use by container {}",
                &other.id[..12]
            )));
        }
        let old = std::mem::replace(&mut st.name, name.to_string());
        self.save(&st)?;
        self.event(&st, "rename", &[("oldName", &old)]);
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
                        "container {key} removed itself on exit (auto-remove) before its exit code could be read"
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

    /// Removes every container that is not running (and that `filter`
    /// admits); their ids and the bytes their own files took.
    pub fn prune(
        &self,
        filter: &super::filter::Filter,
    ) -> Result<Vec<(String, u64)>, RuntimeError> {
        self.remove_orphans();
        let mut removed = Vec::new();
        for st in self.list()? {
            let st = self.refresh(st);
            if !filter.matches(&st) {
                continue;
            }
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
        if !force && (st.status.is_running() || self.is_starting(&st)) {
            return Err(RuntimeError::Config(format!(
                "cannot remove running container {}: stop it first, or use -f",
                st.name
            )));
        }
        let st = self.stop_for_removal(key)?;
        self.destroy_bundle(&st.id)?;
        Ok(st)
    }

    /// Created, with a live monitor: it is being started right now.
    fn is_starting(&self, st: &ContainerState) -> bool {
        st.status == ContainerStatus::Created
            && st.monitor_pid.is_some_and(|p| monitor_alive(p, &st.id))
    }

    /// Ends whatever runs of a container that is to go (killing it).
    pub(super) fn stop_for_removal(&self, key: &str) -> Result<ContainerState, RuntimeError> {
        let st = self.find(key)?;
        // Created, with a live monitor: it is being started right now.
        if self.is_starting(&st) {
            self.stop_monitor(&st);
        } else if st.status.is_running() {
            let _ = self.kill(&st.id, 9);
            self.wait_exit(&st.id, Duration::from_secs(10))?;
        }
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
        let st = self.find(key)?;
        if st.status.is_running() {
            return Ok(st);
        }
        self.start_with(key, &super::Launch::Detached)?;
        self.load(&st.id)
    }

    /// Starts the stopped container `key` as `how` says (`start -a` of a
    /// `-t` container shows its terminal from the first byte).
    pub fn start_with(
        &self,
        key: &str,
        how: &super::Launch,
    ) -> Result<super::Launched, RuntimeError> {
        let mut st = self.find(key)?;
        let _ = fs::remove_file(self.container_dir(&st.id).join(STOPPED));
        // Back to "created", so that waiting for the start sees this run's outcome.
        st.status = ContainerStatus::Created;
        st.exit_code = None;
        st.monitor_pid = None;
        self.save(&st)?;
        self.launch(&st.id, how)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_signal;
    use crate::runtime::{ContainerConfig, ContainerState, ContainerStatus, Runtime};

    /// A container state as read while its run was under way, its monitor
    /// (a process that has ended) recorded.
    fn running(id: &str, monitor: i32) -> ContainerState {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": "c", "image": "i", "image_digest": "sha256:00",
            "created": "2026-01-01T00:00:00Z", "status": "running", "exit_code": null,
            "overlay": false, "options": ContainerConfig::default(), "monitor_pid": monitor,
        }))
        .unwrap()
    }

    #[test]
    fn a_state_read_just_before_its_monitor_recorded_the_exit_is_not_made_dead() {
        let dir = tempfile::tempdir().unwrap();
        let layout = crate::layout::Layout::new(dir.path());
        let rt = Runtime::new(&layout);
        let id = "a".repeat(64);
        std::fs::create_dir_all(rt.container_dir(&id)).unwrap();
        // A pid that has ended: a child run and reaped.
        let gone = std::process::Command::new("true").spawn().unwrap();
        let pid = gone.id() as i32;
        let mut gone = gone;
        gone.wait().unwrap();
        let stale = running(&id, pid);
        // Meanwhile the monitor recorded the exit and ended.
        let mut exited = stale.clone();
        exited.status = ContainerStatus::Exited;
        exited.exit_code = Some(3);
        exited.monitor_pid = None;
        rt.save(&exited).unwrap();
        let now = rt.refresh(stale.clone());
        assert_eq!(now.status, ContainerStatus::Exited);
        assert_eq!(now.exit_code, Some(3));
        assert_eq!(
            rt.load(&id).unwrap().exit_code,
            Some(3),
            "nothing overwritten"
        );
        // A monitor that died without recording anything: dead, as before.
        rt.save(&stale).unwrap();
        assert_eq!(rt.refresh(stale).status, ContainerStatus::Dead);
        assert_eq!(rt.load(&id).unwrap().status, ContainerStatus::Dead);
    }

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

impl Runtime {
    /// Freezes every process of the container (the cgroup freezer).
    pub fn pause(&self, key: &str) -> Result<ContainerState, RuntimeError> {
        self.freeze(key, true)
    }

    /// Thaws a paused container.
    pub fn unpause(&self, key: &str) -> Result<ContainerState, RuntimeError> {
        self.freeze(key, false)
    }

    fn freeze(&self, key: &str, on: bool) -> Result<ContainerState, RuntimeError> {
        let mut st = self.find(key)?;
        if !st.status.is_running() {
            return Err(RuntimeError::Config(format!(
                "container {} is not running",
                st.name
            )));
        }
        if st.paused == on {
            return Err(RuntimeError::Config(format!(
                "container {} is {}",
                st.name,
                if on { "already paused" } else { "not paused" }
            )));
        }
        let failed = |what: &str, e: &dyn std::fmt::Display| RuntimeError::Container {
            id: st.id.clone(),
            why: format!("{what}: {e}"),
        };
        let mut c = Container::load(self.state_root().join(&st.id))
            .map_err(|e| failed("runtime state", &e))?;
        if on {
            c.pause().map_err(|e| failed("pause", &e))?;
        } else {
            c.resume().map_err(|e| failed("unpause", &e))?;
        }
        st.paused = on;
        self.save(&st)?;
        self.event(&st, if on { "pause" } else { "unpause" }, &[]);
        Ok(st)
    }
}

/// One process of a container, as `top` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Process {
    pub pid: i32,
    pub ppid: i32,
    pub uid: u32,
    pub command: String,
}

impl Runtime {
    /// The processes in the container's cgroup, by pid.
    pub fn processes(&self, key: &str) -> Result<Vec<Process>, RuntimeError> {
        let st = self.find(key)?;
        let mut pids: Vec<i32> = Vec::new();
        for h in ["pids", "memory", "cpu", "unified", ""] {
            let f = std::path::Path::new("/sys/fs/cgroup")
                .join(h)
                .join("ccr")
                .join(&st.id)
                .join("cgroup.procs");
            if let Ok(text) = fs::read_to_string(&f) {
                pids = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
                break;
            }
        }
        pids.sort();
        Ok(pids
            .into_iter()
            .filter_map(|pid| {
                let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
                let field = |k: &str| -> Option<i64> {
                    status
                        .lines()
                        .find_map(|l| l.strip_prefix(k))
                        .and_then(|v| v.split_whitespace().next())
                        .and_then(|v| v.parse().ok())
                };
                let cmdline = fs::read(format!("/proc/{pid}/cmdline")).ok()?;
                let command = cmdline
                    .split(|b| *b == 0)
                    .filter(|a| !a.is_empty())
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect::<Vec<_>>()
                    .join(" ");
                Some(Process {
                    pid,
                    ppid: field("PPid:")? as i32,
                    uid: field("Uid:")? as u32,
                    command,
                })
            })
            .collect())
    }
}

impl Runtime {
    /// `ccr update`: new cgroup limits (and restart policy) for a
    /// container; a running one's cgroups are changed at once, and the
    /// next start keeps them.
    pub fn update(
        &self,
        key: &str,
        resources: &super::Resources,
        restart: Option<super::RestartPolicy>,
    ) -> Result<ContainerState, RuntimeError> {
        super::check_resources(resources)?;
        let mut st = self.find(key)?;
        let r = &mut st.options.resources;
        if resources.memory != 0 {
            r.memory = resources.memory;
        }
        if resources.cpus != 0.0 {
            r.cpus = resources.cpus;
        }
        if resources.pids_limit != 0 {
            r.pids_limit = resources.pids_limit;
        }
        if let Some(p) = restart {
            if st.options.remove && !p.is_none() {
                return Err(RuntimeError::Config(
                    "restart policy cannot be updated because auto-remove is enabled for the container".into(),
                ));
            }
            st.options.restart = p;
        }
        if st.status.is_running() {
            let write = |controller: &str, file: &str, value: String| -> Result<(), RuntimeError> {
                let base = std::path::Path::new("/sys/fs/cgroup");
                let dir = [
                    base.join(controller).join("ccr").join(&st.id),
                    base.join("ccr").join(&st.id),
                ]
                .into_iter()
                .find(|d| d.is_dir())
                .ok_or_else(|| {
                    RuntimeError::Config(format!("container {}: no {controller} cgroup", st.name))
                })?;
                let (file, value) = if dir.join(file).exists() {
                    (file.to_string(), value)
                } else {
                    // cgroup v2's names for the same limits.
                    match file {
                        "memory.limit_in_bytes" => ("memory.max".into(), value),
                        "cpu.cfs_quota_us" => ("cpu.max".into(), format!("{value} 100000")),
                        _ => (file.to_string(), value),
                    }
                };
                fs::write(dir.join(&file), value).map_err(|e| RuntimeError::Container {
                    id: st.id.clone(),
                    why: format!("update {file}: {e}"),
                })
            };
            if resources.memory != 0 {
                write(
                    "memory",
                    "memory.limit_in_bytes",
                    resources.memory.to_string(),
                )?;
            }
            if resources.cpus != 0.0 {
                write("cpu", "cpu.cfs_period_us", "100000".into()).ok();
                write(
                    "cpu",
                    "cpu.cfs_quota_us",
                    ((resources.cpus * 100_000.0).round() as i64).to_string(),
                )?;
            }
            if resources.pids_limit != 0 {
                let v = if resources.pids_limit < 0 {
                    "max".to_string()
                } else {
                    resources.pids_limit.to_string()
                };
                write("pids", "pids.max", v)?;
            }
        }
        // The spec the next start uses.
        let path = self.container_dir(&st.id).join("config.json");
        if let Ok(data) = fs::read(&path)
            && let Ok(mut spec) = serde_json::from_slice::<serde_json::Value>(&data)
        {
            spec["linux"]["resources"] = super::spec::resources_of(&st.options);
            let _ = fs::write(&path, serde_json::to_vec_pretty(&spec).unwrap_or_default());
        }
        self.save(&st)?;
        Ok(st)
    }
}
