//! The instructions: configuration changes, RUN, COPY/ADD, WORKDIR, and
//! the export of the final image.

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::cache::Cache;
use super::context::{CopyOptions, Ignore, Source, SourceRoot};
use super::dockerfile::{Heredoc, Instruction, heredoc_marker};
use super::layer::{self, Layer, Mount};
use super::mounts::{Kind, RunMount, Sharing};
use super::{BuildError, BuildResult, Builder, Result, State, command, shell};
use crate::digest::Hasher;
use crate::image::{ConfigChange, PlatformImage};
use crate::layout::Layout;
use crate::oci::{self, Descriptor, Manifest};
use crate::runtime::{Network, RunOptions, Runtime, Tmpfs, Volume};
use crate::store::ImageRecord;
use crate::time::duration_ns;
use crate::unpack::compression::Compression;
use crate::unpack::compression::read_full;
use crate::unpack::snapshot::Snapshots;

/// Removes a RUN container's bundle however the step ends.
struct ContainerGuard<'a> {
    runtime: &'a Runtime,
    id: String,
}

impl Drop for ContainerGuard<'_> {
    fn drop(&mut self) {
        let _ = self.runtime.destroy_bundle(&self.id);
    }
}

/// Mount points the runtime creates in a root file system when they are
/// missing; they are not the step's changes.
const MOUNT_STUBS: &[&str] = &[
    "etc/hosts",
    "etc/hostname",
    "etc/resolv.conf",
    "etc",
    "proc",
    "sys",
    "dev",
];

/// What a RUN step's mounts need while it runs.
#[derive(Default)]
struct StepMounts {
    volumes: Vec<Volume>,
    tmpfs: Vec<Tmpfs>,
    /// Views, copies, memory file systems and locks, released after the step.
    held: Vec<Box<dyn std::any::Any>>,
}

/// A directory on a memory file system of its own, unmounted and removed
/// when dropped.
struct MemDir {
    dir: tempfile::TempDir,
}

impl MemDir {
    fn new(dir: tempfile::TempDir) -> Result<MemDir> {
        crate::runtime::mount_tmpfs(dir.path(), "mode=0700,size=16m").map_err(|e| {
            BuildError::Io {
                what: format!("{}: mount tmpfs", dir.path().display()),
                why: e.to_string(),
            }
        })?;
        Ok(MemDir { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for MemDir {
    fn drop(&mut self) {
        let _ = rustix::mount::unmount(self.dir.path(), rustix::mount::UnmountFlags::DETACH);
    }
}

/// The one source a bind mount of the build context shows (no patterns).
fn bind_source(root: &SourceRoot, source: &str) -> Result<Source> {
    if source.contains(['*', '?', '[']) {
        return Err(BuildError::Usage(format!(
            "source={source}: a bind mount takes one path, not a pattern"
        )));
    }
    let mut found = root
        .resolve(source)
        .map_err(|e| BuildError::Usage(e.to_string()))?;
    Ok(found.remove(0))
}

/// The directory of cache mount `id` (made with `mode`, `uid` and `gid` the
/// first time), and for `sharing=locked` an exclusive lock held while the
/// step runs.
fn cache_mount_dir(
    layout: &Layout,
    id: &str,
    mode: u32,
    uid: u32,
    gid: u32,
    sharing: Sharing,
) -> Result<(PathBuf, Option<fs::File>)> {
    let parent = layout.build_cache_mounts();
    let dir = parent.join(crate::digest::Digest::of(id.as_bytes()).hex());
    let err = |e: std::io::Error| BuildError::Io {
        what: format!("cache mount {id} ({})", dir.display()),
        why: e.to_string(),
    };
    fs::create_dir_all(&parent).map_err(err)?;
    if !dir.exists() {
        let tmp = tempfile::Builder::new()
            .prefix(".new-")
            .tempdir_in(&parent)
            .map_err(err)?;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(err)?;
        std::os::unix::fs::chown(tmp.path(), Some(uid), Some(gid)).map_err(err)?;
        let tmp = tmp.keep();
        if fs::rename(&tmp, &dir).is_err() {
            // Another build made it first.
            let _ = fs::remove_dir(&tmp);
        }
    }
    let lock = match sharing {
        Sharing::Shared => None,
        Sharing::Locked => {
            let f = fs::File::create(parent.join(format!(
                "{}.lock",
                crate::digest::Digest::of(id.as_bytes()).hex()
            )))
            .map_err(err)?;
            rustix::fs::flock(&f, rustix::fs::FlockOperation::LockExclusive)
                .map_err(|e| err(e.into()))?;
            Some(f)
        }
    };
    Ok((dir, lock))
}

/// Writes `data` to a new file with `mode` and owner.
fn write_private(path: &Path, data: &[u8], mode: u32, uid: u32, gid: u32) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(data)?;
    std::os::unix::fs::fchown(&f, Some(uid), Some(gid))?;
    f.set_permissions(fs::Permissions::from_mode(mode))?;
    Ok(())
}

/// Where a `RUN <<EOF` script with a `#!` line is mounted.
const HEREDOC_DIR: &str = "/dev/pipes";

/// The process of a RUN step and, when it is a heredoc script with a `#!`
/// line, that heredoc. As BuildKit: `RUN <<EOF` alone runs the content with
/// the shell (or as a file when it starts with `#!`); heredocs inside a
/// longer command line are handed to the shell with the line.
fn run_command<'a>(
    ins: &'a Instruction,
    shell: &[String],
    escape: char,
) -> Result<(Vec<String>, Option<&'a Heredoc>)> {
    let (args, json) = command(&ins.args, shell);
    let Some(first) = ins.heredocs.first() else {
        return Ok((args, None));
    };
    if json {
        return Err(BuildError::at(
            ins,
            "heredocs need the shell form of RUN, not the JSON form",
        ));
    }
    let words = shell::raw_words(&ins.args, escape);
    let alone = ins.heredocs.len() == 1 && words.len() == 1;
    let with_shell = |script: String| {
        let mut c = shell.to_vec();
        c.push(script);
        c
    };
    if alone && first.data.starts_with("#!") {
        return Ok((vec![format!("{HEREDOC_DIR}/{}", first.name)], Some(first)));
    }
    if alone {
        return Ok((with_shell(first.data.clone()), None));
    }
    let mut full = ins.args.clone();
    for h in &ins.heredocs {
        full.push('\n');
        full.push_str(&h.data);
        full.push_str(&h.name);
    }
    Ok((with_shell(full), None))
}

/// A `COPY <<NAME` source: the file NAME (mode 0644, modified at the Unix
/// epoch so that the same content always gives the same layer).
fn write_heredoc_file(dir: &Path, name: &str, data: &str) -> std::io::Result<()> {
    let path = dir.join(name);
    if path.exists() {
        return Err(std::io::Error::other(format!(
            "two heredocs are named {name:?}"
        )));
    }
    let file = fs::File::create(&path)?;
    (&file).write_all(data.as_bytes())?;
    file.set_permissions(fs::Permissions::from_mode(0o644))?;
    file.set_modified(std::time::SystemTime::UNIX_EPOCH)?;
    Ok(())
}

fn components(path: &str) -> Vec<PathBuf> {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(PathBuf::from(n)),
            _ => None,
        })
        .collect()
}

/// `/a/b/../c` → `/a/c`, relative paths joined to `base`.
fn absolute(path: &str, base: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{path}", base.trim_end_matches('/'))
    };
    let mut out: Vec<&str> = Vec::new();
    for c in joined.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    format!("/{}", out.join("/"))
}

impl Builder<'_> {
    fn layer_dirs(&self, layers: &[Layer]) -> Result<Vec<PathBuf>> {
        let snaps = Snapshots::open(&self.layout)?.with_keys(self.opts.keys.clone());
        Ok(snaps.prepare_layers(
            &self.images.store,
            layers.iter().map(|l| (&l.desc, &l.diff_id)),
        )?)
    }

    fn mount(&self, layers: &[Layer], writable: bool) -> Result<Mount> {
        let dirs = self.layer_dirs(layers)?;
        let n = super::next_mount_id();
        let dir = self
            .layout
            .build_scratch()
            .join(format!("{}-{n}", std::process::id()));
        Mount::new(dir, &dirs, writable)
    }

    /// A private directory under the build area, removed when dropped.
    fn scratch_dir(&self) -> Result<tempfile::TempDir> {
        let parent = self.layout.build_scratch();
        let err = |e: std::io::Error| BuildError::Io {
            what: parent.display().to_string(),
            why: e.to_string(),
        };
        fs::create_dir_all(&parent).map_err(err)?;
        tempfile::Builder::new()
            .prefix(&format!("{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(err)
    }

    fn cache(&self) -> Result<Cache> {
        Cache::open(&self.layout)
    }

    /// Starts the step at `state.key`. When the cache holds its result
    /// (and not `--no-cache`), records it in the history and returns `None`:
    /// the step is done.
    fn begin(
        &mut self,
        state: &mut State,
        title: &str,
        created_by: &str,
    ) -> Result<Option<super::Step>> {
        let step = self.printer.step(title);
        if self.opts.no_cache {
            return Ok(Some(step));
        }
        match self.cache()?.get(&self.images.store, &state.key) {
            None => Ok(Some(step)),
            Some(hit) => {
                step.cached();
                self.cached_steps += 1;
                state.history(created_by.to_string(), hit);
                Ok(None)
            }
        }
    }

    /// Turns what a step changed in its overlay into a layer, caches it
    /// under the step's key and records the step in the history.
    fn commit_work(
        &mut self,
        mut work: Mount,
        state: &mut State,
        created_by: String,
        step: &super::Step,
    ) -> Result<()> {
        work.unmount();
        let layer = layer::commit(
            &self.images.store,
            &work.upper(),
            layer::source_date_epoch(),
        )?;
        drop(work);
        self.cache()?
            .put(&self.images.store, &state.key, layer.as_ref())?;
        state.history(created_by, layer);
        step.done();
        Ok(())
    }

    pub(super) fn config_step(&mut self, state: &mut State, ins: &Instruction) -> Result<()> {
        let vars = state.vars();
        let esc = self.escape;
        let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
        let word = |s: &str| shell::word(s, &vars, esc).map_err(|e| at(&e));
        let change = match ins.keyword.as_str() {
            "ARG" => {
                let declared = self.parse_arg(ins, &vars)?;
                for (k, default) in declared {
                    let global = self
                        .global_args
                        .iter()
                        .find(|(n, _)| *n == k)
                        .and_then(|(_, v)| v.clone());
                    let v = self.arg_value(&k, default.or(global));
                    state.args.retain(|(n, _)| *n != k);
                    state.args.push((k, v));
                }
                let args = serde_json::to_string(&state.args).expect("strings serialise");
                state.advance(&["ARG", &args]);
                return Ok(());
            }
            "ENV" => {
                ins.allow_flags(&[])?;
                ConfigChange::Env(shell::pairs(&ins.args, &vars, esc).map_err(|e| at(&e))?)
            }
            "LABEL" => {
                ins.allow_flags(&[])?;
                ConfigChange::Labels(shell::pairs(&ins.args, &vars, esc).map_err(|e| at(&e))?)
            }
            "EXPOSE" => {
                ins.allow_flags(&[])?;
                let ports = shell::words(&ins.args, &vars, esc).map_err(|e| at(&e))?;
                if ports.is_empty() {
                    return Err(at(&"EXPOSE requires at least one port"));
                }
                ConfigChange::Expose(
                    ports
                        .into_iter()
                        .map(|p| {
                            if p.contains('/') {
                                p
                            } else {
                                format!("{p}/tcp")
                            }
                        })
                        .collect(),
                )
            }
            "VOLUME" => {
                ins.allow_flags(&[])?;
                let vols = match serde_json::from_str::<Vec<String>>(ins.args.trim()) {
                    Ok(v) => v.iter().map(|s| word(s)).collect::<Result<Vec<_>>>()?,
                    Err(_) => shell::words(&ins.args, &vars, esc).map_err(|e| at(&e))?,
                };
                if vols.iter().any(|v| v.is_empty()) || vols.is_empty() {
                    return Err(at(&"VOLUME specified can not be an empty string"));
                }
                ConfigChange::Volumes(vols)
            }
            "USER" => {
                ins.allow_flags(&[])?;
                let u = word(&ins.args)?;
                if u.is_empty() {
                    return Err(at(&"USER requires a user name or id"));
                }
                ConfigChange::User(u)
            }
            "STOPSIGNAL" => {
                ins.allow_flags(&[])?;
                let s = word(&ins.args)?;
                crate::runtime::parse_signal(&s).map_err(|e| at(&e))?;
                ConfigChange::StopSignal(s)
            }
            "CMD" => {
                ins.allow_flags(&[])?;
                state.cmd_set = true;
                ConfigChange::Cmd(command(&ins.args, &state.shell).0)
            }
            "ENTRYPOINT" => {
                ins.allow_flags(&[])?;
                if !state.cmd_set {
                    // A new entrypoint drops the base image's CMD, as docker does.
                    state.config().remove("Cmd");
                }
                ConfigChange::Entrypoint(command(&ins.args, &state.shell).0)
            }
            "SHELL" => {
                ins.allow_flags(&[])?;
                let sh: Vec<String> = serde_json::from_str(ins.args.trim())
                    .map_err(|_| at(&"SHELL requires the arguments to be in JSON form"))?;
                if sh.is_empty() {
                    return Err(at(&"SHELL requires at least one argument"));
                }
                state.shell = sh.clone();
                state.config().insert("Shell".into(), json!(sh));
                return self.config_done(state, ins);
            }
            "MAINTAINER" => {
                ins.allow_flags(&[])?;
                state.image.author = Some(word(&ins.args)?);
                return self.config_done(state, ins);
            }
            "ONBUILD" => {
                ins.allow_flags(&[])?;
                let kw = ins
                    .args
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase();
                if matches!(kw.as_str(), "ONBUILD" | "FROM" | "MAINTAINER" | "") {
                    return Err(at(&format!("{kw} isn't allowed as an ONBUILD trigger")));
                }
                let cfg = state.config();
                let list = cfg.entry("OnBuild").or_insert_with(|| json!([]));
                if !list.is_array() {
                    *list = json!([]);
                }
                list.as_array_mut()
                    .expect("a list")
                    .push(json!(ins.args.clone()));
                return self.config_done(state, ins);
            }
            "HEALTHCHECK" => {
                ins.allow_flags(&[
                    "interval",
                    "timeout",
                    "start-period",
                    "start-interval",
                    "retries",
                ])?;
                let args = ins.args.trim();
                let hc = if args.eq_ignore_ascii_case("NONE") {
                    json!({"Test": ["NONE"]})
                } else {
                    let (kw, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
                    if !kw.eq_ignore_ascii_case("CMD") || rest.trim().is_empty() {
                        return Err(at(&"HEALTHCHECK takes NONE or CMD followed by a command"));
                    }
                    let (cmd, exec) = command(rest.trim(), &[]);
                    let test: Vec<String> = if exec {
                        std::iter::once("CMD".to_string()).chain(cmd).collect()
                    } else {
                        vec!["CMD-SHELL".into(), rest.trim().to_string()]
                    };
                    let mut hc = json!({"Test": test});
                    for (flag, key) in [
                        ("interval", "Interval"),
                        ("timeout", "Timeout"),
                        ("start-period", "StartPeriod"),
                        ("start-interval", "StartInterval"),
                    ] {
                        if let Some(v) = ins.flag(flag) {
                            let ns = duration_ns(v)
                                .ok_or_else(|| at(&format!("--{flag}: invalid duration {v:?}")))?;
                            hc[key] = json!(ns);
                        }
                    }
                    if let Some(r) = ins.flag("retries") {
                        let n: u32 = r
                            .parse()
                            .map_err(|_| at(&format!("--retries: invalid number {r:?}")))?;
                        hc["Retries"] = json!(n);
                    }
                    hc
                };
                state.config().insert("Healthcheck".into(), hc);
                return self.config_done(state, ins);
            }
            other => return Err(at(&format!("{other} is not handled here"))),
        };
        change.apply(state.config());
        self.config_done(state, ins)
    }

    fn config_done(&mut self, state: &mut State, ins: &Instruction) -> Result<()> {
        let cfg = serde_json::to_string(&state.image.config).expect("config serialises");
        state.advance(&[&ins.keyword, &ins.args, &cfg]);
        state.history(ins.text(), None);
        Ok(())
    }

    pub(super) fn run_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
        title: &str,
        me: usize,
    ) -> Result<()> {
        ins.allow_flags(&["network", "mount", "security"])?;
        let vars = state.vars();
        let workdir = state.workdir();
        let mounts: Vec<RunMount> = ins
            .flags
            .iter()
            .filter(|(k, _)| k == "mount")
            .map(|(_, v)| {
                let v = shell::word(v.as_deref().unwrap_or(""), &vars, self.escape)
                    .map_err(|e| BuildError::at(ins, e))?;
                RunMount::parse(&v, &workdir)
                    .map_err(|e| BuildError::at(ins, format!("--mount={v}: {e}")))
            })
            .collect::<Result<_>>()?;
        let mut mount_keys = Vec::new();
        for m in &mounts {
            mount_keys.push(self.mount_key(m, me).map_err(|e| BuildError::at(ins, e))?);
        }
        if let Some(s) = ins.flag("security")
            && s != "sandbox"
        {
            return Err(BuildError::at(
                ins,
                "RUN --security=insecure is not allowed",
            ));
        }
        let network = match ins.flag("network") {
            None | Some("default") => self.opts.network,
            Some("host") => Network::Host,
            Some("none") => Network::None,
            Some(o) => {
                return Err(BuildError::at(
                    ins,
                    format!("unknown network {o:?}: use default, host or none"),
                ));
            }
        };
        let (args, script) = run_command(ins, &state.shell, self.escape)?;
        // ARGs reach the step's environment unless an ENV of the same name wins.
        let env_names: Vec<String> = state
            .config_value("Env")
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                e.as_str()
                    .and_then(|s| s.split_once('='))
                    .map(|(k, _)| k.to_string())
            })
            .collect();
        let run_env: Vec<String> = state
            .args
            .iter()
            .filter(|(k, _)| !env_names.contains(k))
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
            .collect();
        let net = format!("{network:?}");
        state.advance(&[
            "RUN",
            &serde_json::to_string(&args).expect("strings serialise"),
            &serde_json::to_string(&run_env).expect("strings serialise"),
            &net,
            script.map(|h| h.data.as_str()).unwrap_or(""),
            &mount_keys.join("\0"),
        ]);
        let created_by = if run_env.is_empty() {
            format!("RUN {} # buildkit", args.join(" "))
        } else {
            format!(
                "RUN |{} {} {} # buildkit",
                run_env.len(),
                run_env.join(" "),
                args.join(" ")
            )
        };
        let Some(step) = self.begin(state, title, &created_by)? else {
            return Ok(());
        };
        // The parent state as an image the runtime can create a container of.
        let store = &self.images.store;
        let mut image = state.image.clone();
        image.created = Some(super::created());
        let config_desc = store.put_json(oci::OCI_CONFIG, &image)?;
        let manifest = Manifest::new(
            config_desc,
            state.layers.iter().map(|l| l.desc.clone()).collect(),
        );
        let manifest_desc = store.put_json(oci::OCI_MANIFEST, &manifest)?;
        let img = PlatformImage {
            manifest_desc: manifest_desc.clone(),
            manifest,
            config: image,
        };
        let rec = ImageRecord {
            name: "ccr-build".into(),
            target: manifest_desc,
        };
        // A heredoc script with a `#!` line runs as a file, mounted
        // read-only under /dev/pipes (on the container's /dev tmpfs, so
        // never part of the layer), as BuildKit does.
        let mut held = self
            .prepare_mounts(&mounts, me)
            .map_err(|e| BuildError::at(ins, e))?;
        let mut volumes = std::mem::take(&mut held.volumes);
        let _script_dir = match script {
            Some(h) => {
                let dir = self.scratch_dir()?;
                let file = dir.path().join(&h.name);
                fs::write(&file, &h.data).map_err(|e| BuildError::at(ins, e))?;
                fs::set_permissions(&file, fs::Permissions::from_mode(0o755))
                    .map_err(|e| BuildError::at(ins, e))?;
                volumes.push(Volume::bind(dir.path().to_path_buf(), HEREDOC_DIR, true));
                Some(dir)
            }
            None => None,
        };
        let opts = RunOptions {
            name: Some(format!(
                "{}{}-{}",
                super::STEP_CONTAINER_PREFIX,
                std::process::id(),
                super::next_mount_id()
            )),
            env: run_env,
            volumes,
            tmpfs: std::mem::take(&mut held.tmpfs),
            network,
            entrypoint: Some(String::new()),
            command: args.clone(),
            hostname: Some("buildkitsandbox".into()),
            ..Default::default()
        };
        let runtime = Runtime::new(&self.layout).with_keys(self.opts.keys.clone());
        let st = runtime
            .create(&self.images.store, &rec, &img, &opts)
            .map_err(|e| BuildError::at(ins, e))?;
        let guard = ContainerGuard {
            runtime: &runtime,
            id: st.id.clone(),
        };
        if !st.overlay {
            return Err(BuildError::at(
                ins,
                "the step's root file system could not be mounted with overlayfs, which building needs",
            ));
        }
        let dir = runtime.container_dir(&st.id);
        let rootfs = dir.join("rootfs");
        // Mount points the runtime is about to create: not the step's changes.
        let mut stubs: Vec<String> = MOUNT_STUBS.iter().map(|s| s.to_string()).collect();
        for m in &mounts {
            let mut p = PathBuf::new();
            for c in components(&m.target) {
                p.push(c);
                stubs.push(p.to_string_lossy().into_owned());
            }
        }
        stubs.retain(|p| fs::symlink_metadata(rootfs.join(p)).is_err());
        stubs.sort_by_key(|p| std::cmp::Reverse(p.matches('/').count()));
        stubs.dedup();
        let code = runtime
            .launch_with_output(&st.id, &mut |l| step.output(l))
            .map_err(|e| BuildError::at(ins, e))?;
        drop(held);
        if code != 0 {
            step.line(&format!(
                "ERROR: process \"{}\" did not complete successfully: exit code: {code}",
                args.join(" ")
            ));
            return Err(BuildError::at(
                ins,
                format!(
                    "process \"{}\" did not complete successfully: exit code: {code}",
                    args.join(" ")
                ),
            ));
        }
        let upper = dir.join("upper");
        for s in stubs {
            let p = upper.join(s);
            match fs::symlink_metadata(&p) {
                Ok(m) if m.is_dir() => {
                    let _ = fs::remove_dir(&p);
                }
                Ok(m) if m.is_file() && m.len() == 0 => {
                    let _ = fs::remove_file(&p);
                }
                _ => {}
            }
        }
        let layer = layer::commit(store, &upper, layer::source_date_epoch())?;
        drop(guard);
        self.cache()?.put(store, &state.key, layer.as_ref())?;
        self.runs_executed += 1;
        state.history(created_by, layer);
        step.done();
        Ok(())
    }

    pub(super) fn workdir_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
        title: &str,
    ) -> Result<()> {
        ins.allow_flags(&[])?;
        let w = shell::word(&ins.args, &state.vars(), self.escape)
            .map_err(|e| BuildError::at(ins, e))?;
        if w.is_empty() {
            return Err(BuildError::at(ins, "WORKDIR requires a path"));
        }
        let path = absolute(&w, &state.workdir());
        ConfigChange::WorkingDir(path.clone()).apply(state.config());
        state.advance(&["WORKDIR", &path]);
        let created_by = format!("WORKDIR {path}");
        let Some(step) = self.begin(state, title, &created_by)? else {
            return Ok(());
        };
        let work = self.mount(&state.layers, true)?;
        let rootfs = work.rootfs();
        let target = crate::unpack::resolve_in_root(&rootfs, &components(&path))
            .map_err(|e| BuildError::at(ins, e))?;
        fs::create_dir_all(&target)
            .map_err(|e| BuildError::at(ins, format!("create {path}: {e}")))?;
        self.commit_work(work, state, created_by, &step)
    }

    pub(super) fn copy_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
        title: &str,
        me: usize,
    ) -> Result<()> {
        let add = ins.keyword == "ADD";
        if add {
            ins.allow_flags(&["chown", "chmod", "link"])?;
        } else {
            ins.allow_flags(&["from", "chown", "chmod", "link"])?;
        }
        let vars = state.vars();
        let esc = self.escape;
        let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
        // Each word, or `None` for a heredoc marker.
        let mut words: Vec<Option<String>> =
            match serde_json::from_str::<Vec<String>>(ins.args.trim()) {
                Ok(v) if ins.args.trim_start().starts_with('[') => v
                    .iter()
                    .map(|s| shell::word(s, &vars, esc).map(Some).map_err(|e| at(&e)))
                    .collect::<Result<Vec<_>>>()?,
                _ if ins.heredocs.is_empty() => shell::words(&ins.args, &vars, esc)
                    .map_err(|e| at(&e))?
                    .into_iter()
                    .map(Some)
                    .collect(),
                _ => shell::raw_words(&ins.args, esc)
                    .iter()
                    .map(|w| match heredoc_marker(w) {
                        Some(_) => Ok(None),
                        None => shell::word(w, &vars, esc).map(Some).map_err(|e| at(&e)),
                    })
                    .collect::<Result<Vec<_>>>()?,
            };
        if words.len() < 2 {
            return Err(at(&format!(
                "{} requires at least two arguments: SOURCE... DEST",
                ins.keyword
            )));
        }
        let dest_word = words
            .pop()
            .flatten()
            .ok_or_else(|| at(&"the destination cannot be a heredoc"))?;
        let srcs: Vec<&String> = words.iter().flatten().collect();
        if add
            && let Some(u) = srcs
                .iter()
                .find(|s| s.contains("://") || s.starts_with("git@"))
        {
            return Err(at(&format!(
                "ADD of a URL ({u}) is not supported: download it into the build context and ADD or COPY the file"
            )));
        }
        let chown = ins
            .flag("chown")
            .map(|c| shell::word(c, &vars, esc).map_err(|e| at(&e)))
            .transpose()?;
        let chmod = match ins.flag("chmod") {
            Some(m) => Some(
                u32::from_str_radix(m, 8)
                    .ok()
                    .filter(|m| *m <= 0o7777)
                    .ok_or_else(|| {
                        at(&format!("--chmod: invalid mode {m:?} (octal, e.g. 0755)"))
                    })?,
            ),
            None => None,
        };
        // Where the sources come from.
        let mut _view: Option<Mount> = None;
        let (root, from_key) = match ins.flag("from") {
            None => (self.context_root()?, None),
            Some(f) => {
                let f = shell::word(f, &vars, esc).map_err(|e| at(&e))?;
                let (layers, key, what) = self.stage_or_image(&f, me).map_err(|e| at(&e))?;
                let view = self.mount(&layers, false)?;
                let root = SourceRoot {
                    root: view.rootfs(),
                    ignore: Ignore::default(),
                    keep_owner: true,
                    what,
                };
                _view = Some(view);
                (root, Some(key))
            }
        };
        let mut sources: Vec<Source> = Vec::new();
        for s in &srcs {
            sources.extend(root.resolve(s).map_err(|e| at(&e))?);
        }
        let mut h = Hasher::new();
        match &from_key {
            Some(k) => {
                h.update(k.as_bytes());
                for s in &sources {
                    h.update(format!("\0{}", s.rel).as_bytes());
                }
            }
            None => root.hash(&sources, &mut h).map_err(|e| at(&e))?,
        }
        // Heredoc sources: files written to a scratch directory of their own.
        let (_here_dir, here_root, here_sources) = if ins.heredocs.is_empty() {
            (None, None, Vec::new())
        } else {
            let dir = self.scratch_dir()?;
            let here_root = SourceRoot {
                root: dir.path().to_path_buf(),
                ignore: Ignore::default(),
                keep_owner: false,
                what: "heredocs".into(),
            };
            let mut here_sources = Vec::new();
            for doc in &ins.heredocs {
                let data = if doc.expand {
                    shell::heredoc_text(&doc.data, &vars, esc).map_err(|e| at(&e))?
                } else {
                    doc.data.clone()
                };
                write_heredoc_file(dir.path(), &doc.name, &data).map_err(|e| at(&e))?;
                here_sources.extend(here_root.resolve(&doc.name).map_err(|e| at(&e))?);
            }
            here_root.hash(&here_sources, &mut h).map_err(|e| at(&e))?;
            (Some(dir), Some(here_root), here_sources)
        };
        let content = h.finish().to_string();
        let dest = absolute(&dest_word, &state.workdir());
        let dest_slash = dest_word.ends_with('/') || dest_word.ends_with("/.");
        state.advance(&[
            &ins.keyword,
            &dest,
            &dest_slash.to_string(),
            chown.as_deref().unwrap_or(""),
            &format!("{chmod:?}"),
            &content,
        ]);
        let created_by = format!("{} {} # buildkit", ins.keyword, ins.args);
        let Some(step) = self.begin(state, title, &created_by)? else {
            return Ok(());
        };
        let work = self.mount(&state.layers, true)?;
        let rootfs = work.rootfs();
        let owner = match &chown {
            None => None,
            Some(spec) => {
                let u = crate::runtime::spec::resolve_user(&rootfs, spec).map_err(|e| at(&e))?;
                // docker: a user without a group uses the uid as the gid.
                Some((u.uid, if spec.contains(':') { u.gid } else { u.uid }))
            }
        };
        let opts = CopyOptions { owner, chmod };
        let dest_comps = components(&dest);
        let dest_resolved =
            crate::unpack::resolve_in_root(&rootfs, &dest_comps).map_err(|e| at(&e))?;
        let dest_is_dir = dest_slash || fs::metadata(&dest_resolved).is_ok_and(|m| m.is_dir());
        // Each source with its root, and whether it is a heredoc (which ADD
        // never extracts).
        let sources: Vec<(&Source, &SourceRoot, bool)> = sources
            .iter()
            .map(|s| (s, &root, false))
            .chain(
                here_sources
                    .iter()
                    .filter_map(|s| Some((s, here_root.as_ref()?, true))),
            )
            .collect();
        if sources.len() > 1 && !dest_is_dir {
            return Err(at(&format!(
                "when using {} with more than one source file, the destination must be a directory and end with a /",
                ins.keyword
            )));
        }
        for &(src, root, heredoc) in &sources {
            let meta = fs::metadata(&src.path).map_err(|e| at(&format!("{}: {e}", src.rel)))?;
            if add
                && !heredoc
                && meta.is_file()
                && let Some(reader) = archive(&src.path).map_err(|e| at(&e))?
            {
                fs::create_dir_all(&dest_resolved).map_err(|e| at(&e))?;
                crate::unpack::apply_layer(
                    reader,
                    &dest_resolved,
                    crate::unpack::Whiteouts::Apply,
                    crate::unpack::Limits::default(),
                )
                .map_err(|e| at(&format!("extract {}: {e}", src.rel)))?;
                continue;
            }
            let target = if meta.is_dir() {
                dest_resolved.clone()
            } else if dest_is_dir {
                let name = src.rel.rsplit('/').next().unwrap_or(&src.rel);
                dest_resolved.join(name)
            } else {
                // The last component is replaced, never followed.
                let (last, parent) = dest_comps
                    .split_last()
                    .ok_or_else(|| at(&"cannot copy a file over the root directory"))?;
                crate::unpack::resolve_in_root(&rootfs, parent)
                    .map_err(|e| at(&e))?
                    .join(last)
            };
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| at(&format!("{}: {e}", parent.display())))?;
            }
            root.copy(src, &target, &opts).map_err(|e| at(&e))?;
        }
        drop(_view);
        self.commit_work(work, state, created_by, &step)
    }

    /// A RUN mount's part of the step's cache key: for a bind mount of the
    /// context, the content it shows; of a stage or image, that one's key.
    fn mount_key(&mut self, m: &RunMount, me: usize) -> Result<String> {
        let extra = match &m.kind {
            Kind::Bind {
                from: None, source, ..
            } => {
                let root = self.context_root()?;
                let src = bind_source(&root, source)?;
                let mut h = Hasher::new();
                root.hash(std::slice::from_ref(&src), &mut h)
                    .map_err(|e| BuildError::Usage(e.to_string()))?;
                h.finish().to_string()
            }
            Kind::Bind { from: Some(f), .. } => self.stage_or_image(f, me)?.1,
            _ => String::new(),
        };
        Ok(format!("{} {extra}", m.key()))
    }

    /// Makes what a RUN step's mounts show: bind sources (a copy where
    /// writes must be thrown away or `.dockerignore` hides files), cache
    /// directories (locked for `sharing=locked`), tmpfs mounts, and secret
    /// files on a memory file system of their own.
    fn prepare_mounts(&mut self, mounts: &[RunMount], me: usize) -> Result<StepMounts> {
        let mut out = StepMounts::default();
        let mut secrets: Option<MemDir> = None;
        for (n, m) in mounts.iter().enumerate() {
            let volume =
                |source: PathBuf, read_only: bool| Volume::bind(source, &m.target, read_only);
            match &m.kind {
                Kind::Bind {
                    from: None,
                    source,
                    rw,
                } => {
                    let root = self.context_root()?;
                    let src = bind_source(&root, source)?;
                    if *rw || !root.ignore.is_empty() {
                        let dir = self.scratch_dir()?;
                        let copy = dir.path().join("m");
                        let opts = CopyOptions {
                            owner: None,
                            chmod: None,
                        };
                        root.copy(&src, &copy, &opts)
                            .map_err(|e| BuildError::Usage(e.to_string()))?;
                        out.volumes.push(volume(copy, !rw));
                        out.held.push(Box::new(dir));
                    } else {
                        out.volumes.push(volume(src.path, true));
                    }
                }
                Kind::Bind {
                    from: Some(f),
                    source,
                    rw,
                } => {
                    let (layers, _, what) = self.stage_or_image(f, me)?;
                    let view = self.mount(&layers, *rw)?;
                    let path = crate::unpack::resolve_in_root(&view.rootfs(), &components(source))
                        .ok()
                        .filter(|p| fs::symlink_metadata(p).is_ok())
                        .ok_or_else(|| {
                            BuildError::Usage(format!("{source:?}: not found in the {what}"))
                        })?;
                    out.volumes.push(volume(path, !rw));
                    out.held.push(Box::new(view));
                }
                Kind::Cache {
                    id,
                    sharing,
                    mode,
                    uid,
                    gid,
                    ro,
                } => {
                    let (dir, lock) =
                        cache_mount_dir(&self.layout, id, *mode, *uid, *gid, *sharing)?;
                    out.volumes.push(volume(dir, *ro));
                    if let Some(lock) = lock {
                        out.held.push(Box::new(lock));
                    }
                }
                Kind::Tmpfs { size } => {
                    let mut options = vec!["nosuid".to_string(), "nodev".to_string()];
                    options.extend(size.iter().map(|s| format!("size={s}")));
                    out.tmpfs.push(Tmpfs {
                        target: m.target.clone(),
                        options,
                    });
                }
                Kind::Secret {
                    id,
                    required,
                    mode,
                    uid,
                    gid,
                } => {
                    let Some(secret) = self.opts.secrets.iter().find(|s| &s.id == id) else {
                        if *required {
                            return Err(BuildError::Usage(format!(
                                "secret {id} is required but was not given: add --secret id={id},src=FILE"
                            )));
                        }
                        continue;
                    };
                    if secrets.is_none() {
                        secrets = Some(MemDir::new(self.scratch_dir()?)?);
                    }
                    let dir = secrets.as_ref().expect("just made").path();
                    let file = dir.join(format!("{n}"));
                    write_private(&file, &secret.value, *mode, *uid, *gid).map_err(|e| {
                        BuildError::Io {
                            what: format!("secret {id}"),
                            why: e.to_string(),
                        }
                    })?;
                    out.volumes.push(volume(file, true));
                }
            }
        }
        if let Some(s) = secrets {
            out.held.push(Box::new(s));
        }
        out.volumes.sort_by_key(|v| v.target.matches('/').count());
        Ok(out)
    }

    /// What `--from=NAME` names: an earlier stage, else an image (pulled
    /// and verified like a base). Its layers, cache key and description.
    fn stage_or_image(&mut self, name: &str, me: usize) -> Result<(Vec<Layer>, String, String)> {
        match self.stage_index(name, me) {
            Some(j) => {
                let s = self.done[j]
                    .as_ref()
                    .ok_or_else(|| BuildError::Usage(format!("stage {name} was not built")))?;
                Ok((s.layers.clone(), s.key.to_string(), format!("stage {name}")))
            }
            None => {
                let platform = self.platform.clone();
                let (_, img) = self.base_image(name, &platform)?;
                Ok((
                    Layer::of_image(&img),
                    img.manifest_desc.digest.to_string(),
                    format!("image {name}"),
                ))
            }
        }
    }

    fn context_root(&mut self) -> Result<SourceRoot> {
        let dir = &self.opts.context;
        let ignore = match fs::read_to_string(dir.join(".dockerignore")) {
            Ok(t) => Ignore::parse(&t).map_err(BuildError::Usage)?,
            Err(_) => Ignore::default(),
        };
        Ok(SourceRoot {
            root: dir.canonicalize().map_err(|e| BuildError::Io {
                what: format!("build context {}", dir.display()),
                why: e.to_string(),
            })?,
            ignore,
            keep_owner: false,
            what: "build context".into(),
        })
    }

    /// Writes the final image and names it.
    pub(super) fn export(&mut self, mut state: State) -> Result<BuildResult> {
        if !self.opts.labels.is_empty() {
            ConfigChange::Labels(self.opts.labels.clone()).apply(state.config());
        }
        let step = self.printer.step("exporting to image");
        let store = &self.images.store;
        let mut image = state.image.clone();
        image.created = Some(super::created());
        let layers: Vec<Descriptor> = state
            .layers
            .iter()
            .map(|l| {
                let mut d = l.desc.clone();
                // The same bytes under the OCI name, as BuildKit exports them.
                if d.media_type == oci::DOCKER_LAYER_GZIP {
                    d.media_type = oci::OCI_LAYER_GZIP.into();
                }
                d
            })
            .collect();
        let config_desc = store.put_json(oci::OCI_CONFIG, &image)?;
        let manifest = Manifest::new(config_desc, layers);
        let target = store.put_json(oci::OCI_MANIFEST, &manifest)?;
        step.line(&format!("writing image {} done", target.digest));
        let names: Vec<String> = if self.opts.tags.is_empty() {
            vec![format!(
                "{}{}",
                crate::image::DANGLING_PREFIX,
                target.digest
            )]
        } else {
            self.opts.tags.iter().map(|t| t.store_name()).collect()
        };
        let records: Vec<ImageRecord> = names
            .iter()
            .map(|n| ImageRecord {
                name: n.clone(),
                target: target.clone(),
            })
            .collect();
        store.set_images(&records)?;
        for t in &self.opts.tags {
            step.line(&format!("naming to {} done", t.store_name()));
        }
        step.done();
        Ok(BuildResult {
            target,
            names,
            runs_executed: self.runs_executed,
            cached_steps: self.cached_steps,
        })
    }
}

/// The decompressed tar stream when `path` is a tar archive (plain, or
/// compressed with gzip, bzip2, xz or zstd), which ADD extracts; `None` for
/// any other file.
fn archive(path: &Path) -> std::result::Result<Option<Box<dyn Read + Send>>, String> {
    let open = || {
        fs::File::open(path)
            .map(|f| std::io::BufReader::with_capacity(1 << 16, f))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut head = [0u8; 8];
    let n = read_full(&mut open()?, &mut head).unwrap_or(0);
    let kind = Compression::sniff(&head[..n]);
    let decoder = |r| {
        kind.decoder(r)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut tar_head = [0u8; 512];
    let m = read_full(&mut decoder(open()?)?, &mut tar_head).unwrap_or(0);
    if m < 262 || &tar_head[257..262] != b"ustar" {
        return Ok(None);
    }
    Ok(Some(decoder(open()?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_against_the_workdir() {
        assert_eq!(absolute("app", "/"), "/app");
        assert_eq!(absolute("b/../c", "/a"), "/a/c");
        assert_eq!(absolute("/x/./y/", "/a"), "/x/y");
        assert_eq!(absolute("../../..", "/a"), "/");
    }
}
