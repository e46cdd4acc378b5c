//! `exec`: a process in a running container (libcontainer's tenant),
//! with a terminal when asked.

use std::fs::{self};

use super::{Runtime, RuntimeError};

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
    /// Its output is thrown away (a health check's probe, `exec -d`).
    pub quiet: bool,
    /// `exec -d`: started and left running; nothing waits for it.
    pub detach: bool,
}

impl Runtime {
    /// The container's process description (from its runtime spec) for an
    /// exec: `opts`' command, working directory and user (with the user's
    /// groups), the container's environment with `env` over it, its
    /// capabilities and limits, and a terminal with `-t`.
    fn tenant_process(
        &self,
        id: &str,
        opts: &ExecOptions,
        user: Option<&super::spec::User>,
        env: &std::collections::HashMap<String, String>,
    ) -> std::io::Result<tempfile::NamedTempFile> {
        let spec: serde_json::Value =
            serde_json::from_slice(&fs::read(self.container_dir(id).join("config.json"))?)?;
        let mut p = spec["process"].clone();
        p["terminal"] = serde_json::json!(opts.tty);
        p["args"] = serde_json::json!(opts.args);
        if let Some(w) = &opts.workdir {
            p["cwd"] = serde_json::json!(w);
        }
        if let Some(u) = user {
            p["user"] = serde_json::json!({
                "uid": u.uid, "gid": u.gid, "additionalGids": u.additional_gids,
            });
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
            // With the container's own files: gone with it, whatever
            // interrupts this exec.
            .tempfile_in(self.container_dir(id))?;
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
        if st.paused {
            return Err(RuntimeError::Config(format!(
                "container {} is paused: unpause it before exec",
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
        // As docker: the container's working directory unless -w says,
        // which must be absolute.
        if let Some(w) = opts.workdir.as_deref().filter(|w| !w.starts_with('/')) {
            return Err(RuntimeError::CannotExecute {
                id: st.id.clone(),
                why: format!(
                    "the working directory '{w}' is invalid, it needs to be an absolute path"
                ),
            });
        }
        let mut env: std::collections::HashMap<String, String> = opts
            .env
            .iter()
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv.clone(), std::env::var(kv).unwrap_or_default()),
            })
            .collect();
        // As docker: another user's exec gets that user's HOME (or /).
        if let Some(u) = &user
            && !env.contains_key("HOME")
        {
            env.insert("HOME".into(), u.home.clone());
        }
        // A whole process description, the container's own with this
        // command: its user and groups (unless -u), capabilities and
        // limits, as docker's exec; libcontainer sets a terminal only so.
        let process_file = self
            .tenant_process(&st.id, opts, user.as_ref(), &env)
            .map_err(|e| failed("exec", &e))?;
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
        let mut builder = ContainerBuilder::new(st.id.clone(), SyscallType::default())
            .with_root_path(self.state_root())
            .map_err(|e| failed("runtime state", &e))?
            .with_console_socket(console.as_ref().map(|c| c.path()));
        if !opts.interactive && !opts.tty {
            // As docker: without -i the process reads nothing.
            builder = builder.with_stdin(super::no_input().map_err(|e| failed("stdin", &e))?);
        }
        if opts.quiet && !opts.tty {
            let sink = |what| {
                fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/null")
                    .map_err(|e| failed(what, &e))
            };
            builder = builder
                .with_stdout(std::os::fd::OwnedFd::from(sink("stdout")?))
                .with_stderr(std::os::fd::OwnedFd::from(sink("stderr")?));
        }
        let pid = builder
            .as_tenant()
            // Command, environment, working directory and user are all in
            // the description (libcontainer reads nothing else then).
            .with_process(Some(process_file.path()))
            // See the monitor: "detached" is what admits a console socket.
            .with_detach(console.is_some() || opts.detach)
            .build();
        // libcontainer has read the description.
        drop(process_file);
        // The process could not be started in the container (not found,
        // not executable): docker's exec says 126 for both.
        let pid = pid.map_err(|e| RuntimeError::CannotExecute {
            id: st.id.clone(),
            why: format!("exec: {e}"),
        })?;
        let attached = match &console {
            Some(c) => {
                let master = c.receive().map_err(|e| failed("terminal", &e))?;
                Some(
                    super::console::Attached::start(master, opts.interactive)
                        .map_err(|e| failed("terminal", &e))?,
                )
            }
            None => None,
        };
        if opts.detach {
            return Ok(0);
        }
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
