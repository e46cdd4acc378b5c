//! `ccr build`: images from a Dockerfile, built natively. `RUN` steps run
//! in containers through the same runtime as `ccr run`; `COPY`/`ADD` write
//! into an overlay over the parent's layers. Each step that changes files
//! becomes a layer (the overlay's upper directory as an OCI diff). A cache
//! keyed by the parent state and the step (and, for `COPY`/`ADD`, the
//! content copied) lets a rebuild skip what has not changed. Base images come
//! from the [`BaseImages`] the caller hands in (the engine's: the same
//! acquisition, signature verification and keys as `ccr pull`), so the
//! builder knows nothing of registries or trust.

mod cache;
pub mod commit;
mod context;
pub mod dockerfile;
mod error;
mod layer;
mod mounts;
mod shell;
pub mod stdin;
mod steps;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};

use crate::digest::{Digest, Hasher};
use crate::image::{Images, PlatformImage};
use crate::layout::Layout;
use crate::oci::{Descriptor, ImageConfig};
use crate::platform::Platform;
use crate::reference::ImageRef;
use crate::runtime::Network;
use crate::store::ImageRecord;

pub use cache::prune as prune_cache;
pub use cache::{CacheRecord, records as cache_records};
use dockerfile::Instruction;
pub use error::{BaseImageError, BuildError};
use layer::Layer;
pub use mounts::Secret;
use shell::Vars;

/// RUN step containers are named `ccr-build-<pid>-<n>`.
const STEP_CONTAINER_PREFIX: &str = "ccr-build-";

fn pid_alive(pid: &str) -> bool {
    Path::new("/proc").join(pid).exists()
}

/// Removes what an interrupted build left (its step containers, overlays
/// and scratch directories), recognised by the build's process id being gone.
fn remove_leftovers(layout: &Layout) {
    let runtime = crate::runtime::Runtime::new(layout);
    for c in runtime.list().unwrap_or_default() {
        if let Some(rest) = c.name.strip_prefix(STEP_CONTAINER_PREFIX)
            && let Some((pid, _)) = rest.split_once('-')
            && !pid_alive(pid)
        {
            // Killed and removed; should that fail, at least unmounted and gone.
            if runtime.remove(&c.id, true).is_err() {
                let _ = runtime.destroy_bundle(&c.id);
            }
        }
    }
    runtime.remove_orphans();
    let dir = layout.build_scratch();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some((pid, _)) = name.split_once('-')
            && !pid_alive(pid)
        {
            // Overlays, and memory file systems holding secrets.
            crate::runtime::unmount_below(&e.path());
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Distinct names for the overlays one build mounts.
fn next_mount_id() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

type Result<T> = std::result::Result<T, BuildError>;

/// Where a build's base images come from.
pub trait BaseImages {
    /// The base image `name` for `platform`, present in the store (fetched
    /// when missing, or always with `always`) and verified as the caller's
    /// policy asks; its layers' keys are in the build's keyring.
    fn base(
        &self,
        name: &str,
        platform: &Platform,
        always: bool,
    ) -> std::result::Result<(ImageRecord, PlatformImage), BaseImageError>;
}

/// What `ccr build` was asked for.
#[derive(Clone, Default)]
pub struct BuildOptions {
    pub context: PathBuf,
    /// The Dockerfile (default `CONTEXT/Dockerfile`).
    pub dockerfile: Option<PathBuf>,
    pub tags: Vec<ImageRef>,
    /// `--build-arg K=V`, or `K` to take the value from this environment.
    pub build_args: Vec<String>,
    pub target: Option<String>,
    pub platform: Option<Platform>,
    pub no_cache: bool,
    /// Pull base images even when present (`--pull`).
    pub pull: bool,
    pub labels: Vec<(String, String)>,
    pub quiet: bool,
    /// The network of RUN steps: host (default) or none.
    pub network: Network,
    /// Keys for encrypted base images.
    pub keys: Arc<crate::crypt::Keyring>,
    /// `--secret`: values `RUN --mount=type=secret` steps can read.
    pub secrets: Vec<Secret>,
}

#[derive(Debug)]
pub struct BuildResult {
    pub target: Descriptor,
    pub names: Vec<String>,
    /// RUN steps executed (not taken from the cache).
    pub runs_executed: usize,
    pub cached_steps: usize,
}

/// BuildKit-style plain progress on stderr: `#N [stage k/n] INSTRUCTION`.
struct Printer {
    quiet: bool,
    next: usize,
}

impl Printer {
    fn step(&mut self, title: &str) -> Step {
        self.next += 1;
        let s = Step {
            n: self.next,
            start: Instant::now(),
            quiet: self.quiet,
        };
        s.line(title);
        s
    }
}

struct Step {
    n: usize,
    start: Instant,
    quiet: bool,
}

impl Step {
    fn line(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "#{} {msg}", self.n);
        }
    }
    fn output(&self, msg: &str) {
        self.line(&format!("{:.3} {msg}", self.start.elapsed().as_secs_f64()));
    }
    fn done(&self) {
        self.line(&format!("DONE {:.1}s", self.start.elapsed().as_secs_f64()));
    }
    fn cached(&self) {
        self.line("CACHED");
    }
}

/// One stage's instructions.
struct StageDef {
    name: Option<String>,
    from: Instruction,
    body: Vec<Instruction>,
}

/// The state of a stage while it is built.
#[derive(Clone)]
struct State {
    image: ImageConfig,
    layers: Vec<Layer>,
    /// The cache chain: a digest of everything that made this state.
    key: Digest,
    /// ARGs declared in this stage, with their values.
    args: Vec<(String, Option<String>)>,
    shell: Vec<String>,
    cmd_set: bool,
    /// [`State::vars`], made once until the environment or the ARGs change
    /// (made at every step, a long run of ENV lines was quadratic).
    vars: std::cell::RefCell<Option<std::rc::Rc<Vars>>>,
    /// Where each variable is in the configuration's `Env`, made once
    /// until something else changes the configuration.
    env_index: Option<HashMap<String, usize>>,
}

impl State {
    fn config(&mut self) -> &mut Map<String, Value> {
        *self.vars.get_mut() = None;
        self.env_index = None;
        let c = self.image.config.get_or_insert_with(|| json!({}));
        if !c.is_object() {
            *c = json!({});
        }
        c.as_object_mut().expect("an object")
    }

    fn config_value(&self, key: &str) -> Value {
        self.image
            .config
            .as_ref()
            .and_then(|c| c.get(key))
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// Variables for expansion: ARGs, then ENV (which wins).
    fn vars(&self) -> std::rc::Rc<Vars> {
        if let Some(v) = self.vars.borrow().as_ref() {
            return v.clone();
        }
        let mut v: Vars = HashMap::new();
        for (k, val) in &self.args {
            if let Some(val) = val {
                v.insert(k.clone(), val.clone());
            }
        }
        let env = self.image.config.as_ref().and_then(|c| c.get("Env"));
        for e in env.and_then(Value::as_array).into_iter().flatten() {
            if let Some((k, val)) = e.as_str().and_then(|s| s.split_once('=')) {
                v.insert(k.into(), val.into());
            }
        }
        let v = std::rc::Rc::new(v);
        *self.vars.borrow_mut() = Some(v.clone());
        v
    }

    /// Sets an ARG's value (declared again: the later one counts).
    fn set_arg(&mut self, name: String, value: Option<String>) {
        *self.vars.get_mut() = None;
        self.args.retain(|(n, _)| *n != name);
        self.args.push((name, value));
    }

    fn advance(&mut self, parts: &[&str]) {
        let mut h = Hasher::new();
        h.update(self.key.to_string().as_bytes());
        for p in parts {
            h.update(&(p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        self.key = h.finish();
    }

    fn workdir(&self) -> String {
        self.config_value("WorkingDir")
            .as_str()
            .filter(|s| !s.is_empty())
            .unwrap_or("/")
            .to_string()
    }

    fn history(&mut self, created_by: String, layer: Option<Layer>) {
        // Dated when the image is exported (see `Cache::created`).
        let mut h = json!({
            "created": PENDING,
            "created_by": created_by,
            "comment": "buildkit.dockerfile.v0",
        });
        match layer {
            Some(l) => {
                self.image.rootfs.diff_ids.push(l.diff_id.clone());
                self.layers.push(l);
            }
            None => h["empty_layer"] = json!(true),
        }
        self.image.history.push(h);
    }
}

fn created() -> String {
    crate::image::creation_time()
}

/// The `created` of a history entry this build made, until export dates it.
const PENDING: &str = "pending";

/// The automatic platform ARGs BuildKit defines.
fn platform_args(target: &Platform) -> Vec<(String, String)> {
    let host = Platform::host();
    let mut v = vec![
        ("TARGETPLATFORM".into(), target.to_string()),
        ("TARGETOS".into(), target.os.clone()),
        ("TARGETARCH".into(), target.architecture.clone()),
        (
            "TARGETVARIANT".into(),
            target.variant.clone().unwrap_or_default(),
        ),
        ("BUILDPLATFORM".into(), host.to_string()),
        ("BUILDOS".into(), host.os.clone()),
        ("BUILDARCH".into(), host.architecture.clone()),
        (
            "BUILDVARIANT".into(),
            host.variant.clone().unwrap_or_default(),
        ),
    ];
    v.sort();
    v
}

/// Exec form (`["a","b"]`) or shell form (the stage's shell + the text).
fn command(args: &str, shell: &[String]) -> (Vec<String>, bool) {
    if args.trim_start().starts_with('[')
        && let Ok(v) = serde_json::from_str::<Vec<String>>(args.trim())
    {
        return (v, true);
    }
    let mut c = shell.to_vec();
    c.push(args.to_string());
    (c, false)
}

pub struct Builder<'a> {
    images: &'a Images,
    bases: &'a dyn BaseImages,
    layout: Layout,
    opts: &'a BuildOptions,
    escape: char,
    file_name: String,
    platform: Platform,
    printer: Printer,
    build_args: HashMap<String, String>,
    used_args: BTreeSet<String>,
    global_args: Vec<(String, Option<String>)>,
    done: Vec<Option<State>>,
    stage_names: Vec<Option<String>>,
    runs_executed: usize,
    cached_steps: usize,
}

/// Builds the image the options describe and tags it.
pub fn build(
    images: &Images,
    bases: &dyn BaseImages,
    layout: &Layout,
    opts: &BuildOptions,
) -> Result<BuildResult> {
    let ctx_dir = &opts.context;
    if !ctx_dir.is_dir() {
        return Err(BuildError::Usage(format!(
            "the build context {} is not a directory",
            ctx_dir.display()
        )));
    }
    let df_path = opts
        .dockerfile
        .clone()
        .unwrap_or_else(|| ctx_dir.join("Dockerfile"));
    let text =
        crate::bounded::read_to_string(&df_path, crate::bounded::DOCKERFILE).map_err(|e| {
            BuildError::Io {
                what: format!("{}: read the Dockerfile", df_path.display()),
                source: e,
            }
        })?;
    let file_name = df_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Dockerfile".into());
    let located = |e: BuildError| match e {
        BuildError::Parse { line, why } => {
            if !opts.quiet {
                print_snippet(&file_name, &text, line);
            }
            BuildError::Dockerfile {
                file: file_name.clone(),
                line,
                why,
            }
        }
        other => other,
    };
    let df = dockerfile::parse(&text).map_err(located)?;
    let mut build_args = HashMap::new();
    for a in &opts.build_args {
        match a.split_once('=') {
            Some((k, v)) => {
                build_args.insert(k.to_string(), v.to_string());
            }
            None => {
                if let Ok(v) = std::env::var(a) {
                    build_args.insert(a.clone(), v);
                }
            }
        }
    }
    let mut b = Builder {
        images,
        bases,
        layout: layout.clone(),
        opts,
        escape: df.escape,
        file_name: file_name.clone(),
        platform: opts.platform.clone().unwrap_or_else(Platform::host),
        printer: Printer {
            quiet: opts.quiet,
            next: 0,
        },
        build_args,
        used_args: BTreeSet::new(),
        global_args: Vec::new(),
        done: Vec::new(),
        stage_names: Vec::new(),
        runs_executed: 0,
        cached_steps: 0,
    };
    if let Some(s) = &df.syntax
        && !opts.quiet
    {
        eprintln!(
            "#0 note: the `# syntax={s}` directive is ignored; ccr parses the Dockerfile itself"
        );
    }
    remove_leftovers(layout);
    let _lease = images.store.lease()?;
    let result = b.run(df.instructions).map_err(located)?;
    Ok(result)
}

fn print_snippet(file: &str, text: &str, line: usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut err = std::io::stderr();
    let _ = writeln!(err, "{file}:{line}\n--------------------");
    let from = line.saturating_sub(3).max(1);
    for n in from..=line.min(lines.len()) {
        let mark = if n == line { ">>> " } else { "" };
        let _ = writeln!(err, " {n:>3} | {mark}{}", lines[n - 1]);
    }
    let _ = writeln!(err, "--------------------");
}

impl Builder<'_> {
    fn run(&mut self, instructions: Vec<Instruction>) -> Result<BuildResult> {
        // Global ARGs, then the stages.
        let mut stages: Vec<StageDef> = Vec::new();
        for ins in instructions {
            if ins.keyword == "FROM" {
                let words = shell::raw_words(&ins.args, self.escape);
                let name = match words.as_slice() {
                    [_] => None,
                    [_, kw, name] if kw.eq_ignore_ascii_case("as") => {
                        Some(name.to_ascii_lowercase())
                    }
                    _ => {
                        return Err(BuildError::at(
                            &ins,
                            "expected FROM [--platform=P] IMAGE [AS NAME]",
                        ));
                    }
                };
                stages.push(StageDef {
                    name,
                    from: ins,
                    body: Vec::new(),
                });
            } else if let Some(s) = stages.last_mut() {
                s.body.push(ins);
            } else if ins.keyword == "ARG" {
                let vars = self.global_vars();
                let declared = self.parse_arg(&ins, &vars)?;
                for (k, default) in declared {
                    let v = self.arg_value(&k, default);
                    self.global_args.retain(|(n, _)| *n != k);
                    self.global_args.push((k, v));
                }
            } else {
                return Err(BuildError::at(
                    &ins,
                    "only ARG may come before the first FROM",
                ));
            }
        }
        if stages.is_empty() {
            return Err(BuildError::Usage(format!(
                "{}: no build stage: the file has no FROM instruction",
                self.file_name
            )));
        }
        self.stage_names = stages.iter().map(|s| s.name.clone()).collect();
        let target = match &self.opts.target {
            None => stages.len() - 1,
            Some(t) => stages
                .iter()
                .position(|s| s.name.as_deref() == Some(&t.to_ascii_lowercase()))
                .ok_or_else(|| {
                    BuildError::Usage(format!(
                        "target stage {t:?} could not be found in {}",
                        self.file_name
                    ))
                })?,
        };
        let needed = self.needed_stages(&stages, target);
        self.done = vec![None; stages.len()];
        let multi = stages.len() > 1;
        for (i, stage) in stages.iter().enumerate().take(target + 1) {
            if !needed.contains(&i) {
                continue;
            }
            let label = if multi {
                Some(stage.name.clone().unwrap_or_else(|| format!("stage-{i}")))
            } else {
                None
            };
            let state = self.build_stage(i, stage, label)?;
            self.done[i] = Some(state);
        }
        let unused: Vec<&String> = self
            .build_args
            .keys()
            .filter(|k| !self.used_args.contains(*k))
            .collect();
        if !unused.is_empty() && !self.opts.quiet {
            let mut u: Vec<&str> = unused.iter().map(|s| s.as_str()).collect();
            u.sort();
            eprintln!(
                "[Warning] One or more build-args [{}] were not consumed",
                u.join(" ")
            );
        }
        let state = self.done[target].take().expect("target built");
        self.export(state)
    }

    fn global_vars(&self) -> Vars {
        self.global_args
            .iter()
            .filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v)))
            .collect()
    }

    /// The value an ARG gets: the build argument, else its default, else
    /// (for the automatic platform ARGs) the platform.
    fn arg_value(&mut self, name: &str, default: Option<String>) -> Option<String> {
        if let Some(v) = self.build_args.get(name) {
            self.used_args.insert(name.to_string());
            return Some(v.clone());
        }
        default.or_else(|| {
            platform_args(&self.platform)
                .into_iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
        })
    }

    fn parse_arg(&self, ins: &Instruction, vars: &Vars) -> Result<Vec<(String, Option<String>)>> {
        ins.allow_flags(&[])?;
        let raw = shell::raw_words(&ins.args, self.escape);
        if raw.is_empty() {
            return Err(BuildError::at(ins, "ARG requires at least one argument"));
        }
        raw.iter()
            .map(|w| {
                let (k, v) = match w.split_once('=') {
                    Some((k, v)) => (
                        k.to_string(),
                        Some(
                            shell::word(v, vars, self.escape)
                                .map_err(|e| BuildError::at(ins, e))?,
                        ),
                    ),
                    None => (w.clone(), None),
                };
                if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    return Err(BuildError::at(ins, format!("invalid ARG name {k:?}")));
                }
                Ok((k, v))
            })
            .collect()
    }

    /// The stages the target depends on (FROM a stage, COPY --from).
    fn needed_stages(&self, stages: &[StageDef], target: usize) -> BTreeSet<usize> {
        let index_of = |r: &str, before: usize| -> Option<usize> {
            let r = r.to_ascii_lowercase();
            if let Ok(n) = r.parse::<usize>() {
                return (n < before).then_some(n);
            }
            stages[..before]
                .iter()
                .position(|s| s.name.as_deref() == Some(&r))
        };
        let vars = self.global_vars();
        let mut needed = BTreeSet::new();
        let mut stack = vec![target];
        while let Some(i) = stack.pop() {
            if !needed.insert(i) {
                continue;
            }
            let base = shell::raw_words(&stages[i].from.args, self.escape)
                .first()
                .and_then(|w| shell::word(w, &vars, self.escape).ok())
                .unwrap_or_default();
            if let Some(j) = index_of(&base, i) {
                stack.push(j);
            }
            for ins in &stages[i].body {
                if let Some(f) = ins.flag("from")
                    && matches!(ins.keyword.as_str(), "COPY" | "ADD")
                {
                    let f = shell::word(f, &vars, self.escape).unwrap_or_default();
                    if let Some(j) = index_of(&f, i) {
                        stack.push(j);
                    }
                }
                // RUN --mount=…,from=STAGE
                for (_, spec) in ins.flags.iter().filter(|(k, _)| k == "mount") {
                    let spec = shell::word(spec.as_deref().unwrap_or(""), &vars, self.escape)
                        .unwrap_or_default();
                    for part in spec.split(',') {
                        if let Some(f) = part.strip_prefix("from=")
                            && let Some(j) = index_of(f, i)
                        {
                            stack.push(j);
                        }
                    }
                }
            }
        }
        needed
    }

    fn stage_index(&self, r: &str, before: usize) -> Option<usize> {
        let r = r.to_ascii_lowercase();
        if let Ok(n) = r.parse::<usize>() {
            return (n < before).then_some(n);
        }
        self.stage_names[..before]
            .iter()
            .position(|s| s.as_deref() == Some(&r))
    }

    /// A base image from the caller's [`BaseImages`], pulled when missing
    /// (or with --pull), and verified when a trust policy applies.
    fn base_image(
        &mut self,
        name: &str,
        platform: &Platform,
    ) -> Result<(ImageRecord, PlatformImage)> {
        self.bases
            .base(name, platform, self.opts.pull)
            .map_err(|source| BuildError::Base {
                image: name.to_string(),
                source,
            })
    }

    fn build_stage(&mut self, me: usize, stage: &StageDef, label: Option<String>) -> Result<State> {
        let from = &stage.from;
        from.allow_flags(&["platform"])?;
        let gvars = self.global_vars();
        let platform = match from.flag("platform") {
            Some(p) => shell::word(p, &gvars, self.escape)
                .map_err(|e| BuildError::at(from, e))?
                .parse::<Platform>()
                .map_err(|e| BuildError::at(from, e))?,
            None => self.platform.clone(),
        };
        let base_word = shell::raw_words(&from.args, self.escape)
            .into_iter()
            .next()
            .unwrap_or_default();
        let base =
            shell::word(&base_word, &gvars, self.escape).map_err(|e| BuildError::at(from, e))?;
        if base.is_empty() {
            return Err(BuildError::at(from, "the base image name is empty"));
        }
        let steps = 1 + stage
            .body
            .iter()
            .filter(|i| matches!(i.keyword.as_str(), "RUN" | "COPY" | "ADD" | "WORKDIR"))
            .count();
        let prefix = |k: usize| match &label {
            Some(l) => format!("[{l} {k}/{steps}]"),
            None => format!("[{k}/{steps}]"),
        };
        let mut k = 1;
        let shown = if base.eq_ignore_ascii_case("scratch") {
            "scratch"
        } else {
            base.as_str()
        };
        let from_title = format!("{} FROM {shown}", prefix(k));
        let mut state = self.base_state(from, &base, &platform, me, &from_title)?;
        let mut body = onbuild_triggers(&mut state, from)?;
        body.extend(stage.body.iter().cloned());
        for ins in &body {
            let title = |k: usize| format!("{} {}", prefix(k), ins.text());
            match ins.keyword.as_str() {
                "RUN" => {
                    k += 1;
                    self.run_step(&mut state, ins, &title(k), me)?;
                }
                "COPY" | "ADD" => {
                    k += 1;
                    self.copy_step(&mut state, ins, &title(k), me)?;
                }
                "WORKDIR" => {
                    k += 1;
                    self.workdir_step(&mut state, ins, &title(k))?;
                }
                _ => self.config_step(&mut state, ins)?,
            }
        }
        Ok(state)
    }

    /// The state a stage starts from: `scratch`, an earlier stage, or an
    /// image (pulled and verified as the build's options say).
    fn base_state(
        &mut self,
        from: &Instruction,
        base: &str,
        platform: &Platform,
        me: usize,
        title: &str,
    ) -> Result<State> {
        let step = self.printer.step(title);
        if base.eq_ignore_ascii_case("scratch") {
            step.done();
            let mut image = ImageConfig {
                architecture: platform.architecture.clone(),
                os: platform.os.clone(),
                variant: platform.variant.clone(),
                config: Some(json!({})),
                ..Default::default()
            };
            image.rootfs.diff_ids.clear();
            let mut s = State {
                image,
                layers: Vec::new(),
                key: Digest::of(b"scratch"),
                args: Vec::new(),
                shell: vec!["/bin/sh".into(), "-c".into()],
                cmd_set: false,
                vars: Default::default(),
                env_index: None,
            };
            s.advance(&["FROM scratch", &platform.to_string()]);
            return Ok(s);
        }
        if let Some(j) = self.stage_index(base, me) {
            let mut s = self.done[j]
                .clone()
                .ok_or_else(|| BuildError::at(from, format!("stage {base} was not built")))?;
            s.args.clear();
            *s.vars.get_mut() = None;
            s.cmd_set = false;
            step.done();
            return Ok(s);
        }
        let (rec, img) = self
            .base_image(base, platform)
            .map_err(|e| BuildError::at(from, e))?;
        step.line(&format!(
            "resolve {} to {}",
            rec.name, img.manifest_desc.digest
        ));
        step.done();
        let mut image = img.config.clone();
        let layers = Layer::of_image(&img);
        if layers.len() != img.manifest.layers.len() {
            return Err(BuildError::at(
                from,
                "the base image's layers and diff ids differ in number",
            ));
        }
        let shell = image
            .config
            .as_ref()
            .and_then(|c| c.get("Shell"))
            .and_then(|s| serde_json::from_value::<Vec<String>>(s.clone()).ok())
            .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()]);
        image.created = None;
        let mut s = State {
            image,
            layers,
            key: Digest::of(b"image"),
            args: Vec::new(),
            shell,
            cmd_set: false,
            vars: Default::default(),
            env_index: None,
        };
        s.advance(&["FROM", &img.manifest_desc.digest.to_string()]);
        Ok(s)
    }
}

/// The base image's ONBUILD triggers, taken out of its configuration, as
/// instructions that run first (reported at the FROM line).
fn onbuild_triggers(state: &mut State, from: &Instruction) -> Result<Vec<Instruction>> {
    let triggers: Vec<String> = state
        .config_value("OnBuild")
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    state.config().remove("OnBuild");
    let mut body = Vec::new();
    for t in triggers {
        let parsed = dockerfile::parse(&t)
            .map_err(|e| BuildError::at(from, format!("ONBUILD trigger {t:?}: {e}")))?;
        for mut ins in parsed.instructions {
            ins.line = from.line;
            ins.end_line = from.line;
            body.push(ins);
        }
    }
    Ok(body)
}
