//! The monitor: a process of its own (a fresh `ccr`, single-threaded, no
//! async runtime) that creates the container through libcontainer, starts
//! it, waits for it, records its exit code, and cleans up.

use std::fs;
use std::time::{Duration, Instant};

use crate::layout::Layout;

use libcontainer::container::builder::ContainerBuilder;
use libcontainer::syscall::syscall::SyscallType;

use std::io::Write;
use std::os::fd::OwnedFd;

use super::logfile::{LogWriter, Stream, drain, pump};
use super::{ContainerState, ContainerStatus, Runtime, RuntimeError};

/// The argument that makes `ccr` a monitor: `ccr __monitor DATA_ROOT ID`.
/// Only [`command`] writes this argv and only [`invoked`] reads it; the
/// monitor never goes through the command line interface.
pub const ARG: &str = "__monitor";

/// The monitor process for container `id` (this executable, again).
pub fn command(layout: &Layout, id: &str) -> std::process::Command {
    super::helper::helper_command(ARG, layout, id)
}

/// The layout and container id when this process is a monitor.
pub fn invoked(args: impl Iterator<Item = std::ffi::OsString>) -> Option<(Layout, String)> {
    super::helper::helper_invoked(ARG, args)
}

/// The monitor's whole life: runs the container, reports a failure on
/// standard error, and returns the exit code (the container's, or
/// docker's 125/126/127 for one that could not start).
pub fn main(layout: &Layout, id: &str) -> i32 {
    // The container's process inherits nothing ignored or blocked.
    super::reset_inherited_signals();
    // In the foreground the terminal's Ctrl-C (and Ctrl-\\, a hang-up, a
    // signal to the whole process group) reaches this process too; the
    // `ccr` that started it passes them to the container, and this one
    // must live on to record the exit. A
    // handler, not SIG_IGN: an ignored signal would stay ignored in the
    // container's process, whose own trap could then not catch it.
    if std::env::var_os(DETACHED).is_none() {
        for sig in [libc::SIGINT, libc::SIGQUIT, libc::SIGHUP, libc::SIGTERM] {
            let _ = signal_hook::flag::register(
                sig,
                std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            );
        }
    }
    match run_monitor(layout, id) {
        Ok(code) => code,
        Err(e) => {
            // Not eprintln: a foreground run's reader may be gone.
            let _ = writeln!(std::io::stderr(), "ccr: error: {e}");
            e.exit().code()
        }
    }
}

/// Set in a detached monitor's environment: its standard input is nobody's.
pub(super) const DETACHED: &str = "CCR_MONITOR_DETACHED";

/// Set, with [`DETACHED`], when a foreground run shows a `-t` container's
/// terminal: the container starts once that `ccr` has attached to it, and
/// this monitor's standard error is that `ccr`'s until then (what stops a
/// start is said there), its log after.
pub(super) const ATTACHING: &str = "CCR_MONITOR_ATTACHING";

fn failed(id: &str, what: &str, e: impl std::fmt::Display) -> RuntimeError {
    RuntimeError::Container {
        id: id.to_string(),
        why: format!("{what}: {e}"),
    }
}

/// libcontainer says only in words why a process could not be made; the
/// two that docker gives their own exit codes become typed here, once.
fn start_failed(id: &str, what: &str, e: impl std::fmt::Display) -> RuntimeError {
    let why = format!("{what}: {e}");
    if why.contains("not found in $PATH") || why.contains("not found in PATH") {
        RuntimeError::CommandNotFound {
            id: id.to_string(),
            why,
        }
    } else if why.contains("does not have correct permissions") || why.contains("ermission denied")
    {
        RuntimeError::CannotExecute {
            id: id.to_string(),
            why,
        }
    } else {
        RuntimeError::Container {
            id: id.to_string(),
            why,
        }
    }
}

/// Runs container `id` to completion; returns its exit code (128 + signal
/// when a signal ended it, as docker reports).
pub fn run_monitor(layout: &Layout, id: &str) -> Result<i32, RuntimeError> {
    let rt = Runtime::new(layout);
    let mut st = rt.load(id)?;
    // A restart policy: how soon the next run starts (docker's back-off:
    // 100 ms, doubled after each run shorter than 10 s, at most a minute).
    let mut backoff = Duration::from_millis(100);
    // Only the first run has a client waiting to attach.
    let mut attaching = std::env::var_os(ATTACHING).is_some();
    loop {
        take_over(&rt, &mut st)?;
        let checker = st
            .options
            .healthcheck
            .clone()
            .filter(|h| h.argv().is_some())
            .map(|h| {
                let (owned, cid) = (layout.clone(), id.to_string());
                super::health::Checker::start(layout, id, h, move |health| {
                    let rt = Runtime::new(&owned);
                    update(&rt, &cid, |s| {
                        if s.status.is_running() {
                            s.health = Some(health.clone());
                        }
                    });
                })
            });
        if checker.is_some() {
            st.health = Some(super::health::Health::starting());
        }
        let began = Instant::now();
        let result = run_container(&rt, &mut st, std::mem::take(&mut attaching));
        if let Some(c) = checker {
            c.stop();
        }
        match result {
            Ok(code) => {
                rt.event(&st, "die", &[("exitCode", &code.to_string())]);
                let user_stopped = rt.stopped_by_user(id);
                if !st.options.remove
                    && st
                        .options
                        .restart
                        .restarts(code, st.restart_count, user_stopped)
                {
                    if began.elapsed() >= Duration::from_secs(10) {
                        backoff = Duration::from_millis(100);
                    }
                    restarting(&rt, &mut st, code)?;
                    if !wait_to_restart(&rt, id, backoff) {
                        finish(&rt, &mut st, code)?;
                        return Ok(code);
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(60));
                    st.restart_count += 1;
                    continue;
                }
                finish(&rt, &mut st, code)?;
                return Ok(code);
            }
            Err(e) => {
                fail(&rt, &mut st, &e);
                return Err(e);
            }
        }
    }
}

/// Between two runs: recorded as restarting, what the run held released
/// (the root is mounted again by the next run).
fn restarting(rt: &Runtime, st: &mut ContainerState, code: i32) -> Result<(), RuntimeError> {
    let _ = rustix::mount::unmount(
        rt.container_dir(&st.id).join("rootfs"),
        rustix::mount::UnmountFlags::DETACH,
    );
    super::remove_cgroup(&st.id);
    st.status = ContainerStatus::Restarting;
    st.exit_code = Some(code);
    st.pid = None;
    st.health = None;
    st.finished = Some(chrono::Utc::now().to_rfc3339());
    save(rt, st)
}

/// Waits `d` before a restart; false when the container was stopped or
/// removed meanwhile (then it is not restarted).
fn wait_to_restart(rt: &Runtime, id: &str, d: Duration) -> bool {
    let end = Instant::now() + d;
    loop {
        if rt.stopped_by_user(id) || !rt.container_dir(id).join("state.json").exists() {
            return false;
        }
        let now = Instant::now();
        if now >= end {
            return true;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(20)));
    }
}

/// One writer at a time of this monitor's record of its container: the
/// run (its status) and the health checker (its health).
static STATE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Changes the recorded state of `id` with `f` (name and all as on disk).
fn update(rt: &Runtime, id: &str, f: impl FnOnce(&mut ContainerState)) {
    let _one = STATE.lock();
    let _names = rt.names_lock(false);
    if let Ok(mut st) = rt.load(id) {
        f(&mut st);
        let _ = rt.save(&st);
    }
}

/// Records this monitor as the container's, mounts the root again when a
/// restart needs it, and clears a previous run's runtime state.
fn take_over(rt: &Runtime, st: &mut ContainerState) -> Result<(), RuntimeError> {
    let id = st.id.clone();
    let id = id.as_str();
    let dir = rt.container_dir(id);
    let state_root = rt.state_root();
    fs::create_dir_all(&state_root).map_err(|e| failed(id, "create state directory", e))?;
    st.monitor_pid = Some(rustix::process::getpid().as_raw_nonzero().get());
    st.exit_code = None;
    st.finished = None;
    // Recorded before the root is touched: `rm -f` sees a container being
    // started and stops this monitor before it removes the bundle.
    rt.save(st)?;
    let rootfs = dir.join("rootfs");
    if st.overlay && !super::mounts::is_mountpoint(&rootfs) {
        super::mount_overlay(&st.layers, &dir, &rootfs)
            .map_err(|e| failed(id, "mount root file system", e))?;
        // Removed meanwhile: nothing may stay mounted for it.
        if !dir.join("state.json").exists() {
            let _ = rustix::mount::unmount(&rootfs, rustix::mount::UnmountFlags::DETACH);
            return Err(failed(id, "start", "the container was removed"));
        }
    }
    // A previous run's runtime state (its delete can fail while the cgroup
    // drains) must not block this one: this monitor owns the id now.
    let stale = state_root.join(id);
    if stale.exists() {
        if let Ok(mut c) = libcontainer::container::Container::load(stale.clone()) {
            let _ = c.delete(true);
        }
        let _ = fs::remove_dir_all(&stale);
    }
    Ok(())
}

/// Creates and starts the container, waits for it; its exit code. With
/// `attaching`, a `-t` container starts once a client has attached to its
/// terminal.
fn run_container(
    rt: &Runtime,
    st: &mut ContainerState,
    attaching: bool,
) -> Result<i32, RuntimeError> {
    let id = st.id.clone();
    let id = id.as_str();
    let state_root = rt.state_root();
    // -t: a terminal, whose master end comes back over this socket.
    let console = match st.options.tty {
        true => Some(
            super::console::ConsoleSocket::bind(state_root.join(format!("{}.tty", &id[..12])))
                .map_err(|e| failed(id, "console socket", e))?,
        ),
        false => None,
    };
    // Output goes to the log (docker's json-file records) and, in the
    // foreground, on to this process's own streams as it comes.
    let log =
        LogWriter::open(&rt.log_path(id), st.options.log).map_err(|e| failed(id, "open log", e))?;
    let foreground = std::env::var_os(DETACHED).is_none();
    let mut builder = ContainerBuilder::new(id.to_string(), SyscallType::default())
        .with_root_path(&state_root)
        .map_err(|e| failed(id, "runtime state", e))?
        .with_console_socket(console.as_ref().map(|c| c.path()));
    let mut readers = None;
    if console.is_none() {
        let (b, r) = streams(rt, st, builder, foreground)?;
        builder = b;
        readers = Some(r);
    }
    let mut container = builder
        .as_init(rt.container_dir(id))
        .with_systemd(false)
        // libcontainer only takes a console socket when "detached";
        // the flag changes nothing else: this process waits either way.
        .with_detach(console.is_some())
        .build()
        .map_err(|e| start_failed(id, "create", e))?;
    let pumps = match readers {
        Some((out_r, err_r)) => pumps(out_r, err_r, &log, foreground),
        None => Vec::new(),
    };
    let relay = match &console {
        Some(c) => Some(serve_terminal(rt, id, c, &log, attaching)?),
        None => None,
    };
    container
        .start()
        .map_err(|e| start_failed(id, "start", e))?;
    let pid = container
        .pid()
        .ok_or_else(|| failed(id, "start", "no process id"))?;
    st.status = ContainerStatus::Running;
    st.pid = Some(pid.as_raw());
    st.started = Some(chrono::Utc::now().to_rfc3339());
    save(rt, st)?;
    rt.event(st, "start", &[]);
    if attaching {
        // Started: what this monitor says from now on is for its log (the
        // client may detach and go).
        rt.redirect_to_monitor_log(id);
    }
    let code = wait_exit(id, pid.as_raw())?;
    if let Some(r) = relay {
        r.finish();
    }
    drain(pumps);
    let _ = container.delete(true);
    let _ = fs::remove_dir_all(state_root.join(id));
    Ok(code)
}

/// A container without a terminal: its input (a FIFO that attach writes
/// into when detached with -i, this process's in the foreground with -i,
/// else nothing) and output pipes. The pipes are made now; their pumps
/// (threads) start only once libcontainer has forked its processes: a
/// fork while other threads run can leave the child waiting on a lock no
/// one will release.
fn streams(
    rt: &Runtime,
    st: &ContainerState,
    mut builder: ContainerBuilder,
    foreground: bool,
) -> Result<(ContainerBuilder, (std::io::PipeReader, std::io::PipeReader)), RuntimeError> {
    let id = st.id.as_str();
    if !(st.options.interactive && foreground) {
        let stdin = if st.options.interactive {
            super::stdin_fifo(&rt.container_dir(id))
        } else {
            super::no_input()
        };
        builder = builder.with_stdin(stdin.map_err(|e| failed(id, "stdin", e))?);
    }
    let pipe = || std::io::pipe().map_err(|e| failed(id, "output pipe", e));
    let (out_r, out_w) = pipe()?;
    let (err_r, err_w) = pipe()?;
    let builder = builder
        .with_stdout(OwnedFd::from(out_w))
        .with_stderr(OwnedFd::from(err_w));
    Ok((builder, (out_r, err_r)))
}

/// The output pumps: into the log (docker's json-file records) and, in
/// the foreground, on to this process's own streams as it comes.
fn pumps(
    out_r: std::io::PipeReader,
    err_r: std::io::PipeReader,
    log: &std::sync::Arc<LogWriter>,
    foreground: bool,
) -> Vec<std::thread::JoinHandle<()>> {
    let echo = |w: Box<dyn Write + Send>| foreground.then_some(w);
    vec![
        pump(
            out_r,
            echo(Box::new(std::io::stdout())),
            Some(log.clone()),
            Stream::Stdout,
        ),
        pump(
            err_r,
            echo(Box::new(std::io::stderr())),
            Some(log.clone()),
            Stream::Stderr,
        ),
    ]
}

/// -t: the terminal, served to whoever attaches for the whole run. With
/// `attaching` the foreground run that asked for it is waited for, so it
/// sees every byte; a client that never comes does not keep the container
/// waiting.
fn serve_terminal(
    rt: &Runtime,
    id: &str,
    console: &super::console::ConsoleSocket,
    log: &std::sync::Arc<LogWriter>,
    attaching: bool,
) -> Result<super::relay::Relay, RuntimeError> {
    let master = console.receive().map_err(|e| failed(id, "terminal", e))?;
    let relay = super::relay::Relay::serve(master, rt.attach_socket(id), log.clone())
        .map_err(|e| failed(id, "terminal", e))?;
    if attaching && !relay.wait_for_client(Duration::from_secs(30)) {
        return Err(failed(id, "start", "the terminal's client did not attach"));
    }
    Ok(relay)
}

/// Waits for the container's process: its exit code, or 128 + the signal
/// that ended it.
fn wait_exit(id: &str, raw: i32) -> Result<i32, RuntimeError> {
    let pid = rustix::process::Pid::from_raw(raw).ok_or_else(|| failed(id, "wait", "bad pid"))?;
    loop {
        match rustix::process::waitpid(Some(pid), rustix::process::WaitOptions::empty()) {
            Ok(Some((_, status))) => {
                if let Some(c) = status.exit_status() {
                    return Ok(c);
                }
                if let Some(sig) = status.terminating_signal() {
                    return Ok(128 + sig);
                }
            }
            Ok(None) | Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(failed(id, "wait", e)),
        }
    }
}

/// After a start that failed: recorded as such, and what it held released
/// (the whole bundle with `--rm`).
fn fail(rt: &Runtime, st: &mut ContainerState, e: &RuntimeError) {
    st.status = ContainerStatus::Failed;
    st.monitor_pid = None;
    // docker's code for a command that could not be run (126, 127) is the
    // container's exit code, for `wait`, `inspect` and a detached start.
    st.exit_code = match e.exit() {
        crate::Exit::Failure => None,
        other => Some(other.code()),
    };
    let _ = save(rt, st);
    let id = st.id.as_str();
    if st.options.remove {
        let _ = rt.destroy_bundle(id);
        rt.remove_anonymous_volumes(st);
    } else {
        let _ = fs::remove_dir_all(rt.state_root().join(id));
        let _ = rustix::mount::unmount(
            rt.container_dir(id).join("rootfs"),
            rustix::mount::UnmountFlags::DETACH,
        );
        super::remove_cgroup(id);
    }
}

/// After the container exited: removed with `--rm`, else released and
/// recorded as exited.
fn finish(rt: &Runtime, st: &mut ContainerState, code: i32) -> Result<(), RuntimeError> {
    let id = st.id.clone();
    if st.options.remove {
        let removed = rt.destroy_bundle(&id);
        rt.remove_anonymous_volumes(st);
        return removed;
    }
    // Release everything before saying "exited": a `start` may follow at once.
    let _ = rustix::mount::unmount(
        rt.container_dir(&id).join("rootfs"),
        rustix::mount::UnmountFlags::DETACH,
    );
    super::remove_cgroup(&id);
    st.status = ContainerStatus::Exited;
    st.paused = false;
    st.exit_code = Some(code);
    st.pid = None;
    st.monitor_pid = None;
    st.finished = Some(chrono::Utc::now().to_rfc3339());
    save(rt, st)
}

/// Saves what this monitor knows of its container's run. Its name is the
/// one on disk: `rename` and `upgrade` may have changed it meanwhile.
fn save(rt: &Runtime, st: &mut ContainerState) -> Result<(), RuntimeError> {
    let _one = STATE.lock();
    let _names = rt.names_lock(false);
    if let Ok(now) = rt.load(&st.id) {
        st.name = now.name;
        if st.status.is_running() && now.health.is_some() {
            st.health = now.health;
        }
        if st.status.is_running() {
            st.paused = now.paused;
        }
    }
    rt.save(st)
}
