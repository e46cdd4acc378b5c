//! RUN: the step's process (shell, exec form or heredoc script), its
//! mounts (bind, cache, tmpfs, secret) and its network, run in a container
//! over the parent state; its changes become the layer.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::components;
use crate::builder::context::{CopyOptions, Source, SourceRoot};
use crate::builder::dockerfile::{Heredoc, Instruction};
use crate::builder::layer;
use crate::builder::mounts::{Kind, RunMount, Sharing};
use crate::builder::{BuildError, Builder, Result, State, command, shell};
use crate::digest::Hasher;
use crate::image::PlatformImage;
use crate::layout::Layout;
use crate::oci::{self, Manifest};
use crate::runtime::{ContainerConfig, Network, RunOptions, Runtime, Tmpfs, Volume};
use crate::store::ImageRecord;

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
                source: e,
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
        source: e,
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

impl Builder<'_> {
    pub(in crate::builder) fn run_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
        title: &str,
        me: usize,
    ) -> Result<()> {
        ins.allow_flags(&["network", "mount", "security"])?;
        let (mounts, mount_keys) = self.step_mounts(state, ins, me)?;
        let network = self.step_network(ins)?;
        let (args, script) = run_command(ins, &state.shell, self.escape)?;
        let run_env = run_env(state);
        state.advance(&[
            "RUN",
            &serde_json::to_string(&args).expect("strings serialise"),
            &serde_json::to_string(&run_env).expect("strings serialise"),
            &format!("{network:?}"),
            script.map(|h| h.data.as_str()).unwrap_or(""),
            &mount_keys.join("\0"),
        ]);
        let created_by = run_created_by(&args, &run_env);
        let Some(step) = self.begin(state, title, &created_by)? else {
            return Ok(());
        };
        let (rec, img) = self.parent_image(state)?;
        let mut held = self
            .prepare_mounts(&mounts, me)
            .map_err(|e| BuildError::at(ins, e))?;
        let mut volumes = std::mem::take(&mut held.volumes);
        let _script_dir = self.script_volume(ins, script, &mut volumes)?;
        let opts = RunOptions {
            name: Some(format!(
                "{}{}-{}",
                crate::builder::STEP_CONTAINER_PREFIX,
                std::process::id(),
                crate::builder::next_mount_id()
            )),
            config: ContainerConfig {
                env: run_env,
                volumes,
                tmpfs: std::mem::take(&mut held.tmpfs),
                network,
                entrypoint: Some(String::new()),
                command: args.clone(),
                hostname: Some("buildkitsandbox".into()),
                ..Default::default()
            },
        };
        let store = &self.images.store;
        let runtime = Runtime::new(&self.layout).with_keys(self.opts.keys.clone());
        let st = runtime
            .create(store, &rec, &img, &opts)
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
        let stubs = mount_stubs(&dir.join("rootfs"), &mounts);
        let code = runtime
            .launch_with_output(&st.id, &mut |l| step.output(l))
            .map_err(|e| BuildError::at(ins, e))?;
        drop(held);
        if code != 0 {
            let why = format!(
                "process \"{}\" did not complete successfully: exit code: {code}",
                args.join(" ")
            );
            step.line(&format!("ERROR: {why}"));
            return Err(BuildError::at(ins, why));
        }
        let upper = dir.join("upper");
        remove_stubs(&upper, stubs);
        let layer = layer::commit(store, &upper, layer::source_date_epoch())?;
        drop(guard);
        self.cache()?.put(store, &state.key, layer.as_ref())?;
        self.runs_executed += 1;
        state.history(created_by, layer);
        step.done();
        Ok(())
    }

    /// The step's `--mount`s, and each one's part of the cache key.
    fn step_mounts(
        &mut self,
        state: &State,
        ins: &Instruction,
        me: usize,
    ) -> Result<(Vec<RunMount>, Vec<String>)> {
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
        let mut keys = Vec::new();
        for m in &mounts {
            keys.push(self.mount_key(m, me).map_err(|e| BuildError::at(ins, e))?);
        }
        Ok((mounts, keys))
    }

    /// `--network` (and the refusal of `--security=insecure`).
    fn step_network(&self, ins: &Instruction) -> Result<Network> {
        if let Some(s) = ins.flag("security")
            && s != "sandbox"
        {
            return Err(BuildError::at(
                ins,
                "RUN --security=insecure is not allowed",
            ));
        }
        match ins.flag("network") {
            None | Some("default") => Ok(self.opts.network),
            Some("host") => Ok(Network::Host),
            Some("none") => Ok(Network::None),
            Some(o) => Err(BuildError::at(
                ins,
                format!("unknown network {o:?}: use default, host or none"),
            )),
        }
    }

    /// The parent state as an image the runtime can create a container of.
    fn parent_image(&self, state: &State) -> Result<(ImageRecord, PlatformImage)> {
        let store = &self.images.store;
        let mut image = state.image.clone();
        image.created = Some(crate::builder::created());
        let config_desc = store.put_json(oci::OCI_CONFIG, &image)?;
        let manifest = Manifest::new(
            config_desc,
            state.layers.iter().map(|l| l.desc.clone()).collect(),
        );
        let manifest_desc = store.put_json(oci::OCI_MANIFEST, &manifest)?;
        let rec = ImageRecord {
            name: "ccr-build".into(),
            target: manifest_desc.clone(),
            in_repository: false,
        };
        let img = PlatformImage {
            manifest_desc,
            manifest,
            config: image,
        };
        Ok((rec, img))
    }

    /// A heredoc script with a `#!` line runs as a file, mounted read-only
    /// under /dev/pipes (on the container's /dev tmpfs, so never part of
    /// the layer), as BuildKit does. The directory lives as long as the
    /// returned value.
    fn script_volume(
        &self,
        ins: &Instruction,
        script: Option<&Heredoc>,
        volumes: &mut Vec<Volume>,
    ) -> Result<Option<tempfile::TempDir>> {
        let Some(h) = script else {
            return Ok(None);
        };
        let dir = self.scratch_dir()?;
        let file = dir.path().join(&h.name);
        fs::write(&file, &h.data).map_err(|e| BuildError::at(ins, e))?;
        fs::set_permissions(&file, fs::Permissions::from_mode(0o755))
            .map_err(|e| BuildError::at(ins, e))?;
        volumes.push(Volume::bind(dir.path().to_path_buf(), HEREDOC_DIR, true));
        Ok(Some(dir))
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
    /// What a bind mount of the build context shows: the source itself
    /// (read-only), or a private copy when the mount is writable (writes
    /// are thrown away) or `.dockerignore` hides part of it.
    fn context_bind(
        &mut self,
        source: &str,
        rw: bool,
    ) -> Result<(PathBuf, Option<Box<dyn std::any::Any>>)> {
        let root = self.context_root()?;
        let src = bind_source(&root, source)?;
        if !rw && root.ignore.is_empty() {
            return Ok((src.path, None));
        }
        let dir = self.scratch_dir()?;
        let copy = dir.path().join("m");
        let opts = CopyOptions {
            owner: None,
            chmod: None,
        };
        root.copy(&src, &copy, &opts)
            .map_err(|e| BuildError::Usage(e.to_string()))?;
        Ok((copy, Some(Box::new(dir))))
    }

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
                    let (path, held) = self.context_bind(source, *rw)?;
                    out.volumes.push(volume(path, !rw));
                    out.held.extend(held);
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
                                "secret {id} is required but was not given to the build (as id={id},src=FILE or id={id},env=VARIABLE)"
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
                            source: e,
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
}

/// ARGs reach the step's environment unless an ENV of the same name wins.
fn run_env(state: &State) -> Vec<String> {
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
    state
        .args
        .iter()
        .filter(|(k, _)| !env_names.contains(k))
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect()
}

/// The history line, as BuildKit writes it (`RUN |N K=V... CMD` with ARGs).
fn run_created_by(args: &[String], run_env: &[String]) -> String {
    if run_env.is_empty() {
        format!("RUN {} # buildkit", args.join(" "))
    } else {
        format!(
            "RUN |{} {} {} # buildkit",
            run_env.len(),
            run_env.join(" "),
            args.join(" ")
        )
    }
}

/// Mount points the runtime is about to create in `rootfs` (missing now):
/// not the step's changes. Deepest first.
fn mount_stubs(rootfs: &Path, mounts: &[RunMount]) -> Vec<String> {
    let mut stubs: Vec<String> = MOUNT_STUBS.iter().map(|s| s.to_string()).collect();
    for m in mounts {
        let mut p = PathBuf::new();
        for c in components(&m.target) {
            p.push(c);
            stubs.push(p.to_string_lossy().into_owned());
        }
    }
    stubs.retain(|p| fs::symlink_metadata(rootfs.join(p)).is_err());
    stubs.sort_by_key(|p| std::cmp::Reverse(p.matches('/').count()));
    stubs.dedup();
    stubs
}

/// Drops from the upper directory the empty stubs the runtime left.
fn remove_stubs(upper: &Path, stubs: Vec<String>) {
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
}
