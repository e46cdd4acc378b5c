//! The containers, volumes and networks that exist, as the commands that
//! manage them see them: `ps`, `stop`, `logs`, `cp`, `commit`, `volume`,
//! `network` and the rest go through [`Containers`], never to the runtime
//! or the store themselves. Making a container from an image is
//! [`container`](super::container)'s.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

use super::Context;
use crate::error::Error;
use crate::runtime::{
    ContainerState, CopyPath, ExecOptions, Launch, Launched, LogOptions, Process, Resources,
    RestartPolicy, Runtime, VolumeInfo,
    attach::{Ended, copy_input},
    events::{self, Event},
    network,
    stats::Sample,
};

/// How an attachment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attached {
    /// The container exited with this code.
    Exited(i32),
    /// The detach keys left it running.
    Detached,
}

/// The containers (and their volumes and networks) of one data root.
pub struct Containers<'a> {
    ctx: &'a Context,
    rt: Runtime,
}

impl<'a> Containers<'a> {
    pub fn new(ctx: &'a Context) -> Containers<'a> {
        Containers {
            ctx,
            rt: Runtime::new(&ctx.layout),
        }
    }

    /// The runtime, for the engine's own workflows.
    pub(super) fn runtime(&self) -> &Runtime {
        &self.rt
    }

    /// Every container, newest first, its state as it is now.
    pub fn list(&self) -> Result<Vec<ContainerState>, Error> {
        Ok(self
            .rt
            .list()?
            .into_iter()
            .map(|c| self.rt.refresh(c))
            .collect())
    }

    /// The container `key` (a name, an id or its prefix).
    pub fn find(&self, key: &str) -> Result<ContainerState, Error> {
        Ok(self.rt.find(key)?)
    }

    /// The bytes of the container's writable layer (`ps -s`).
    pub fn writable_size(&self, id: &str) -> u64 {
        self.rt.writable_size(id)
    }

    pub fn logs(
        &self,
        key: &str,
        opts: &LogOptions,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<(), Error> {
        Ok(self.rt.logs(key, opts, out, err)?)
    }

    /// `signal` (else the container's stop signal), then SIGKILL after `timeout`.
    pub fn stop(&self, key: &str, timeout: Duration, signal: Option<i32>) -> Result<(), Error> {
        self.rt.stop(key, timeout, signal)?;
        Ok(())
    }

    pub fn restart(&self, key: &str, timeout: Duration, signal: Option<i32>) -> Result<(), Error> {
        self.rt.stop(key, timeout, signal)?;
        self.rt.start(key)?;
        Ok(())
    }

    pub fn kill(&self, key: &str, signal: i32) -> Result<(), Error> {
        self.rt.kill(key, signal)?;
        Ok(())
    }

    /// Removes the container (`force`: a running one too) and, with
    /// `volumes`, its anonymous volumes no other container uses.
    pub fn remove(&self, key: &str, force: bool, volumes: bool) -> Result<(), Error> {
        let st = self.rt.remove(key, force)?;
        if volumes {
            self.rt.remove_anonymous_volumes(&st);
        }
        Ok(())
    }

    /// Starts a stopped container in the background.
    pub fn start(&self, key: &str) -> Result<ContainerState, Error> {
        Ok(self.rt.start(key)?)
    }

    /// `start -a`/`-i`: starts the container `key` when it is stopped and
    /// attaches here, its output from its start on (with `input`, this
    /// input into it); a `-t` one's terminal from the first byte.
    pub fn start_attached(&self, key: &str, input: bool, keys: &[u8]) -> Result<Attached, Error> {
        let before = self.rt.find(key)?;
        if before.options.tty {
            if before.status.is_running() {
                return self.attach_terminal(&before, input, keys);
            }
            let how = Launch::Foreground {
                input,
                detach_keys: keys.to_vec(),
            };
            return Ok(match self.rt.start_with(key, &how)? {
                Launched::Exited(code) => Attached::Exited(code),
                Launched::Running => Attached::Exited(0),
                Launched::DetachedByKeys => Attached::Detached,
            });
        }
        // Everything from the start on: nothing it prints first is missed.
        let since = (!before.status.is_running()).then(chrono::Utc::now);
        if since.is_some() {
            self.rt.start(key)?;
        }
        if input {
            self.attach_input(&self.rt.find(key)?, keys)?;
        }
        self.attach_output(key, since)
    }

    /// `attach`: the running container's output from now on, until it
    /// exits; and, for a container made with `-i` (with `input`), this
    /// input into its own until the detach keys.
    pub fn attach(&self, key: &str, input: bool, keys: &[u8]) -> Result<Attached, Error> {
        let st = self.rt.find(key)?;
        if !st.status.is_running() {
            return Err(Error::Usage(format!(
                "you cannot attach to a stopped container, start it first ({})",
                st.name
            )));
        }
        if st.options.tty {
            return self.attach_terminal(&st, input, keys);
        }
        if input {
            self.attach_input(&st, keys)?;
        }
        self.attach_output(&st.id, None)
    }

    /// A running `-t` container's terminal here (with `input`, this input
    /// into it, when it was made with `-i`) until it exits or the detach
    /// keys leave it running.
    fn attach_terminal(
        &self,
        st: &ContainerState,
        input: bool,
        keys: &[u8],
    ) -> Result<Attached, Error> {
        match self
            .rt
            .attach_terminal(&st.id, input && st.options.interactive, keys)?
        {
            Ended::Detached => Ok(Attached::Detached),
            Ended::Eof => Ok(Attached::Exited(self.rt.wait(&st.id)?)),
        }
    }

    /// Copies this input into a detached `-i` container's, on a thread;
    /// the detach keys end this process (the container runs on), as
    /// docker's do.
    fn attach_input(&self, st: &ContainerState, keys: &[u8]) -> Result<(), Error> {
        if !st.options.interactive {
            return Ok(()); // made without -i: it reads no input, as with docker
        }
        let Some(fifo) = self.rt.stdin_path(&st.id) else {
            return Ok(()); // started in the foreground: its input was that terminal's
        };
        let out = std::fs::OpenOptions::new()
            .write(true)
            .open(&fifo)
            .map_err(|source| Error::Io { path: fifo, source })?;
        let keys = keys.to_vec();
        std::thread::spawn(move || {
            if let Ok(Ended::Detached) = copy_input(std::io::stdin().lock(), out, &keys) {
                // The output follower holds the locks of standard output
                // and error: say it on the descriptor, and leave without
                // the exit handlers that would wait for them.
                let msg = b"read escape sequence\n";
                let _ = rustix::io::write(rustix::stdio::stderr(), msg);
                // SAFETY: _exit ends the process at once; nothing is left half-done.
                unsafe { libc::_exit(0) };
            }
        });
        Ok(())
    }

    /// The container's output until it exits: from now on, or the records
    /// since `since`; then its exit code.
    fn attach_output(
        &self,
        key: &str,
        since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Attached, Error> {
        let opts = LogOptions {
            tail: if since.is_some() { None } else { Some(0) },
            follow: true,
            since,
            ..Default::default()
        };
        self.rt.logs(
            key,
            &opts,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )?;
        Ok(Attached::Exited(self.rt.wait(key)?))
    }

    /// The exit code, once the container has stopped.
    pub fn wait(&self, key: &str) -> Result<i32, Error> {
        Ok(self.rt.wait(key)?)
    }

    pub fn pause(&self, key: &str, on: bool) -> Result<(), Error> {
        if on {
            self.rt.pause(key)?;
        } else {
            self.rt.unpause(key)?;
        }
        Ok(())
    }

    pub fn rename(&self, key: &str, name: &str) -> Result<(), Error> {
        self.rt.rename(key, name)?;
        Ok(())
    }

    /// The running container's processes.
    pub fn processes(&self, key: &str) -> Result<Vec<Process>, Error> {
        let st = self.rt.find(key)?;
        if !st.status.is_running() {
            return Err(Error::Usage(format!(
                "container {} is not running",
                st.name
            )));
        }
        Ok(self.rt.processes(&st.id)?)
    }

    /// New limits (and restart policy) for a container.
    pub fn update(
        &self,
        key: &str,
        resources: &Resources,
        restart: Option<RestartPolicy>,
    ) -> Result<(), Error> {
        self.rt.update(key, resources, restart)?;
        Ok(())
    }

    /// One sample of the container's resource use.
    pub fn sample(&self, key: &str) -> Result<(ContainerState, Sample), Error> {
        Ok(self.rt.sample(key)?)
    }

    /// What changed in the container's file system: (A|C|D, path).
    pub fn diff(&self, key: &str) -> Result<Vec<(char, String)>, Error> {
        Ok(self.rt.diff(key)?)
    }

    /// The container's file system as a tar stream.
    pub fn export(&self, key: &str, out: &mut dyn Write) -> Result<(), Error> {
        Ok(self.rt.export(key, out)?)
    }

    /// `cp`: between the host and a container, or a container path as a
    /// tar stream on `out` when the destination is `-`.
    pub fn copy(
        &self,
        src: &CopyPath,
        dest: &CopyPath,
        archive: bool,
        out: &mut dyn Write,
    ) -> Result<(), Error> {
        match (src, dest) {
            (CopyPath::Container(c, path), CopyPath::Host(h)) if h.as_os_str() == "-" => {
                Ok(self.rt.copy_to_tar(c, path, out)?)
            }
            (CopyPath::Host(h), _) if h.as_os_str() == "-" => Err(Error::Usage(
                "reading a tar stream from standard input (cp - CONTAINER:PATH) is not supported: unpack it on the host and copy the directory".into(),
            )),
            _ => Ok(self.rt.copy(src, dest, archive)?),
        }
    }

    /// Runs a process in the running container; its exit code.
    pub fn exec(&self, key: &str, opts: &ExecOptions) -> Result<i32, Error> {
        Ok(self.rt.exec(key, opts)?)
    }

    /// `commit`: the container's changes as a new image; its id.
    pub fn commit(
        &self,
        opts: &crate::builder::commit::CommitOptions,
    ) -> Result<crate::digest::Digest, Error> {
        Ok(crate::builder::commit::commit(
            &self.ctx.images,
            &self.rt,
            opts,
        )?)
    }

    /// Every event on record, and where the record ends.
    pub fn events(&self) -> (Vec<Event>, u64) {
        events::read_all(&self.ctx.layout)
    }

    /// The events recorded after `offset`, and where the record ends now.
    pub fn events_after(&self, offset: u64) -> (Vec<Event>, u64) {
        events::read_from(&self.ctx.layout, offset)
    }

    // Volumes.

    pub fn volume_create(
        &self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
    ) -> Result<VolumeInfo, Error> {
        Ok(self.rt.volume_create(name, labels)?)
    }

    pub fn volume(&self, name: &str) -> Result<VolumeInfo, Error> {
        Ok(self.rt.volume(name)?)
    }

    /// The volumes `filter` lets through.
    pub fn volumes(&self, filter: &VolumeFilter) -> Result<Vec<VolumeInfo>, Error> {
        let mut out = Vec::new();
        for v in self.rt.volume_list()? {
            if filter.matches(&self.rt, &v) {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// Removes the volumes no container uses that `filter` lets through;
    /// each one's name and bytes.
    pub fn volume_prune(&self, filter: &VolumeFilter) -> Result<Vec<(String, u64)>, Error> {
        Ok(self
            .rt
            .volume_prune_where(|v| filter.matches(&self.rt, v))?)
    }

    /// The containers that use volume `name`.
    pub fn volume_users(&self, name: &str) -> Result<Vec<String>, Error> {
        Ok(self.rt.volume_users(name)?)
    }

    pub fn volume_remove(&self, name: &str) -> Result<(), Error> {
        Ok(self.rt.volume_remove(name)?)
    }

    // Networks.

    /// The networks there are, the default bridge, `host` and `none`
    /// included, as docker lists them.
    pub fn networks(&self) -> Vec<network::NetworkRecord> {
        let mut all = self.rt.networks().list();
        all.extend(network::NetworkRecord::builtin());
        all
    }

    /// The network `key` (a name, an id or its prefix).
    pub fn network(&self, key: &str) -> Result<network::NetworkRecord, Error> {
        Ok(self.rt.networks().get(key)?)
    }

    pub fn network_create(
        &self,
        spec: &network::NetworkSpec,
    ) -> Result<network::NetworkRecord, Error> {
        Ok(self.rt.networks().create(spec)?)
    }

    /// The containers on network `name`, with their attachment there.
    pub fn network_members(
        &self,
        name: &str,
    ) -> Result<Vec<(ContainerState, network::Attachment)>, Error> {
        Ok(self.rt.network_members(name)?)
    }

    /// Removes a user network no container is attached to.
    pub fn network_remove(&self, key: &str) -> Result<network::NetworkRecord, Error> {
        Ok(self.rt.network_remove(key)?)
    }

    pub fn network_connect(&self, net: &str, key: &str, aliases: &[String]) -> Result<(), Error> {
        self.rt.network_connect(net, key, aliases)?;
        Ok(())
    }

    /// Removes the user networks no container is attached to that
    /// `filter` lets through; their names.
    pub fn network_prune(
        &self,
        filter: &crate::filters::PruneFilter,
    ) -> Result<Vec<String>, Error> {
        let mut removed = Vec::new();
        // The first is the default bridge, never removed.
        for n in self.rt.networks().list().into_iter().skip(1) {
            let allowed = filter.allows(Some(&n.created), |k| n.labels.get(k).map(String::as_str));
            if allowed && self.rt.network_members(&n.name)?.is_empty() {
                self.rt.network_remove(&n.name)?;
                removed.push(n.name);
            }
        }
        Ok(removed)
    }

    pub fn network_disconnect(&self, net: &str, key: &str) -> Result<(), Error> {
        self.rt.network_disconnect(net, key)?;
        Ok(())
    }
}

/// `volume ls`/`prune`'s `--filter`s: each key's values are alternatives.
#[derive(Debug, Default)]
pub struct VolumeFilter {
    by: BTreeMap<String, Vec<String>>,
}

impl VolumeFilter {
    pub fn parse(filters: &[String]) -> Result<VolumeFilter, Error> {
        let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in filters {
            let (k, val) = f
                .split_once('=')
                .ok_or_else(|| Error::Usage(format!("invalid filter {f:?}: use KEY=VALUE")))?;
            if !["dangling", "name", "label", "driver"].contains(&k) {
                return Err(Error::Usage(format!(
                    "invalid filter {k:?}: use dangling, name, label or driver"
                )));
            }
            by.entry(k.to_string()).or_default().push(val.to_string());
        }
        Ok(VolumeFilter { by })
    }

    fn matches(&self, rt: &Runtime, v: &VolumeInfo) -> bool {
        let unused = || {
            rt.volume_users(&v.name)
                .map(|u| u.is_empty())
                .unwrap_or(false)
        };
        self.by.iter().all(|(k, values)| {
            values.iter().any(|val| match k.as_str() {
                "dangling" => unused() == (val == "true"),
                "name" => v.name.contains(val.as_str()),
                "driver" => v.driver == *val,
                _ => crate::filters::label_matches(|k| v.labels.get(k).map(String::as_str), val),
            })
        })
    }
}
