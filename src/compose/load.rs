//! Loading a project: the files, directory, name and environment
//! (`project`), then for each file and document: interpolation, `extends`,
//! `!reset`/`!override`, `include`, the merge over the files before it and
//! the check of its keys; then the canonical shape, profiles and the
//! services asked for, the consistency of references, and each service's
//! `env_file` read into its environment. The same pipeline loads the
//! files `extends` and `include` name, each against its own directory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use yaml_serde::{Mapping, Value};

use super::canonical::{self, ShapeError};
use super::dotenv;
use super::interpolate::interpolate;
use super::merge::{self, MergeError};
use super::project::{self, ProjectError};
use super::schema;
use super::yaml::{self, YamlError, scalar_text};
use crate::bounded;

/// Why a project did not load. Each names the file or key path at fault.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error("cannot read {}: {source}", .file.display())]
    Read {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", .file.display())]
    Yaml {
        file: PathBuf,
        #[source]
        source: YamlError,
    },
    #[error("error while interpolating {path}: {source}")]
    Interpolation {
        path: String,
        #[source]
        source: super::InterpolationError,
    },
    #[error("{}: {source}", .file.display())]
    Dotenv {
        file: PathBuf,
        #[source]
        source: super::DotenvError,
    },
    #[error("{}: {source}", .file.display())]
    Merge {
        file: PathBuf,
        #[source]
        source: MergeError,
    },
    #[error(transparent)]
    Shape(#[from] ShapeError),
    #[error("validating {}: {at} Additional property {key} is not allowed", .file.display())]
    UnknownKey {
        file: PathBuf,
        at: String,
        key: String,
    },
    #[error("validating {}: {at} {rule}", .file.display())]
    Invalid {
        file: PathBuf,
        at: String,
        rule: String,
    },
    #[error("{0}")]
    Extends(String),
    #[error("{0}")]
    Include(String),
    #[error("{0}: invalid compose project")]
    Inconsistent(String),
    #[error("no such service: {0}")]
    NoSuchService(String),
    #[error("env file {} not found", .0.display())]
    EnvFileMissing(PathBuf),
    #[error("empty compose file")]
    Empty,
    /// What the project's files say is refused, named by its first file.
    #[error("{}: {source}", .file.display())]
    In {
        file: PathBuf,
        #[source]
        source: Box<LoadError>,
    },
}

impl LoadError {
    /// What to do about it.
    pub fn hint(&self) -> &'static str {
        match self {
            LoadError::In { source, .. } => source.hint(),
            LoadError::Project(ProjectError::NotFound(_)) => {
                "run ccr compose in the project's directory, or name its file with -f"
            }
            LoadError::Project(ProjectError::InvalidName(_)) => {
                "use a lowercase name of letters, digits, '-' and '_' (-p or COMPOSE_PROJECT_NAME)"
            }
            LoadError::Interpolation { .. } => {
                "set the variable in the environment or in the project's .env file"
            }
            LoadError::UnknownKey { .. } => {
                "check the key's spelling against the compose specification, or prefix it with x- to keep it as an extension"
            }
            LoadError::EnvFileMissing(_) => "create the file, or mark the entry `required: false`",
            _ => "fix the compose file and run `ccr compose config` to check it",
        }
    }
}

/// What to load: what `ccr compose` was given.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The working directory (`-f` files and `--project-directory` are
    /// relative to it).
    pub cwd: PathBuf,
    /// `-f`, in order; `-` is `stdin`.
    pub files: Vec<PathBuf>,
    pub project_directory: Option<PathBuf>,
    /// `-p`.
    pub project_name: Option<String>,
    /// `--env-file` (replaces `<project dir>/.env`).
    pub env_files: Vec<PathBuf>,
    /// `--profile` (`*` is every profile); COMPOSE_PROFILES when empty.
    pub profiles: Vec<String>,
    /// Services named on the command line: only they (and what they
    /// depend on) are kept, and their profiles are enabled.
    pub services: Vec<String>,
    /// The process environment.
    pub environment: BTreeMap<String, String>,
    /// The text of `-` when it is one of the files.
    pub stdin: Option<String>,
}

/// A loaded project.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    pub directory: PathBuf,
    pub files: Vec<PathBuf>,
    /// The canonical model (what `ccr compose config` prints).
    pub model: Mapping,
    /// The interpolation environment (process environment over `.env`).
    pub environment: BTreeMap<String, String>,
    /// compose's warnings (unset variables, obsolete `version`).
    pub warnings: Vec<String>,
}

/// Loads the project `opts` describes.
pub fn load(opts: &LoadOptions) -> Result<Project, LoadError> {
    let env_var = |k: &str| opts.environment.get(k).map(String::as_str);
    let found = project::files(
        &opts.cwd,
        &opts.files,
        env_var("COMPOSE_FILE"),
        env_var("COMPOSE_PATH_SEPARATOR"),
    )?;
    let mut warnings = Vec::new();
    if let Some(first) = found.files.first() {
        for other in &found.ignored {
            warnings.push(format!(
                "Found multiple config files with supported names: {}, {}\nUsing {}",
                first.display(),
                other.display(),
                first.display()
            ));
        }
    }
    let directory = project::directory(opts.project_directory.as_deref(), &found.files, &opts.cwd);
    let mut environment = opts.environment.clone();
    let dotenv_files: Vec<PathBuf> = if !opts.env_files.is_empty() {
        opts.env_files
            .iter()
            .map(|f| {
                if f.is_absolute() {
                    f.clone()
                } else {
                    opts.cwd.join(f)
                }
            })
            .collect()
    } else if env_var("COMPOSE_DISABLE_ENV_FILE").is_some_and(|v| !v.is_empty() && v != "0") {
        Vec::new()
    } else {
        let d = directory.join(".env");
        if d.is_file() { vec![d] } else { Vec::new() }
    };
    for f in &dotenv_files {
        for (k, v) in read_env_file(f, &environment, false)? {
            environment.entry(k).or_insert(v);
        }
    }
    let texts: Vec<(PathBuf, String)> = found
        .files
        .iter()
        .map(|f| read_compose_file(f, opts))
        .collect::<Result<_, _>>()?;
    let named = if opts.project_name.is_some() || environment.contains_key("COMPOSE_PROJECT_NAME") {
        None
    } else {
        name_from_files(&texts, &environment)?
    };
    let name = project::name(
        opts.project_name.as_deref(),
        environment.get("COMPOSE_PROJECT_NAME").map(String::as_str),
        named.as_deref(),
        &directory,
    )?;
    environment
        .entry("COMPOSE_PROJECT_NAME".into())
        .or_insert_with(|| name.clone());

    let mut loader = Loader {
        warnings: &mut warnings,
        included: Vec::new(),
        extended_files: Default::default(),
        extends_depth: 0,
    };
    let mut model = (|| {
        let mut model = loader.model(&texts, &directory, &environment, Stage::Project)?;
        if model.is_empty() {
            return Err(LoadError::Empty);
        }
        model.remove("name");
        let lookup = |k: &str| environment.get(k).cloned();
        canonical::normalize(&mut model, &name, &lookup);
        select(&mut model, opts, &environment)?;
        consistency(&model)?;
        resolve_env_files(&mut model, &environment)?;
        canonical::typed(&mut model)?;
        drop_unused(&mut model);
        Ok(model)
    })()
    .map_err(|e| match e {
        // These name their file already.
        LoadError::Read { .. }
        | LoadError::Yaml { .. }
        | LoadError::Dotenv { .. }
        | LoadError::Merge { .. }
        | LoadError::UnknownKey { .. }
        | LoadError::Invalid { .. }
        | LoadError::EnvFileMissing(_)
        | LoadError::In { .. }
        | LoadError::Project(_) => e,
        other => LoadError::In {
            file: found.files.first().cloned().unwrap_or_default(),
            source: Box::new(other),
        },
    })?;
    let mut ordered = Mapping::new();
    ordered.insert("name".into(), Value::String(name.clone()));
    for k in ["services", "networks", "volumes", "secrets", "configs"] {
        if let Some(v) = model.remove(k) {
            ordered.insert(k.into(), v);
        }
    }
    ordered.extend(model);
    Ok(Project {
        name,
        directory,
        files: found.files,
        model: ordered,
        environment,
        warnings,
    })
}

fn read_compose_file(f: &Path, opts: &LoadOptions) -> Result<(PathBuf, String), LoadError> {
    if f == Path::new("-") {
        let text = opts.stdin.clone().unwrap_or_default();
        return Ok((opts.cwd.join("-"), text));
    }
    let text =
        bounded::read_to_string(f, bounded::CONFIG_FILE).map_err(|source| LoadError::Read {
            file: f.to_path_buf(),
            source,
        })?;
    Ok((f.to_path_buf(), text))
}

/// The variables of an env file, interpolated against `env`. One a
/// compose file names must be a regular file (a FIFO would be waited on
/// for ever); one given on the command line may be a pipe (`<(...)`).
pub fn read_env_file(
    f: &Path,
    env: &BTreeMap<String, String>,
    named_by_a_file: bool,
) -> Result<Vec<(String, String)>, LoadError> {
    let read = if named_by_a_file {
        bounded::read_regular_to_string
    } else {
        bounded::read_to_string
    };
    let text = read(f, bounded::CONFIG_FILE).map_err(|source| LoadError::Read {
        file: f.to_path_buf(),
        source,
    })?;
    dotenv::parse(&text, &|k| env.get(k).cloned()).map_err(|source| LoadError::Dotenv {
        file: f.to_path_buf(),
        source,
    })
}

/// The last `name:` of the files, interpolated.
fn name_from_files(
    texts: &[(PathBuf, String)],
    env: &BTreeMap<String, String>,
) -> Result<Option<String>, LoadError> {
    let mut name = None;
    for (file, text) in texts {
        for doc in yaml::documents(text).map_err(|source| LoadError::Yaml {
            file: file.clone(),
            source,
        })? {
            if let Some(n) = doc.model.get("name").and_then(scalar_text) {
                let v = interpolate(&n, &|k| env.get(k).cloned()).map_err(|source| {
                    LoadError::Interpolation {
                        path: "name".into(),
                        source,
                    }
                })?;
                name = Some(v.value);
            }
        }
    }
    Ok(name)
}

/// What a model is loaded for: the project itself, or a file that
/// `extends` or `include` names (loaded whole, without normalisation).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Project,
    Extended,
    Included,
}

struct Loader<'w> {
    warnings: &'w mut Vec<String>,
    /// The chain of included files (a cycle is an error).
    included: Vec<PathBuf>,
    /// Files an `extends: {file: ...}` names, each read and loaded once.
    extended_files: std::collections::HashMap<PathBuf, Mapping>,
    /// How many such files are being loaded, one inside the other.
    extends_depth: usize,
}

/// The longest `extends` chain (service to base to base ...): a file
/// controls it, and each link is a level of recursion.
pub const MAX_EXTENDS_DEPTH: usize = 128;

/// Services whose `extends` is resolved, by file and name: each one is
/// resolved once, however many services extend it.
type Resolved = std::collections::HashMap<(PathBuf, String), Value>;

/// The base a service extends in the same file, if it does.
fn same_file_base(service: &Value) -> Option<String> {
    match service.get("extends")? {
        Value::String(s) => Some(s.clone()),
        Value::Mapping(m) if m.get("file").is_none() => m.get("service").and_then(scalar_text),
        _ => None,
    }
}

/// The services' names, each after the service it extends in the same
/// file: resolved in this order, with each base already resolved, a chain
/// of any length takes one level of recursion (found without recursion;
/// a cycle is left for resolution to name).
fn bases_first(services: &Mapping) -> Vec<String> {
    let mut order = Vec::new();
    let mut placed = std::collections::HashSet::new();
    for name in services.keys().filter_map(scalar_text) {
        let mut path = Vec::new();
        let mut on_path = std::collections::HashSet::new();
        let mut cur = Some(name);
        while let Some(n) = cur {
            if !services.contains_key(n.as_str())
                || placed.contains(&n)
                || !on_path.insert(n.clone())
            {
                break;
            }
            cur = services.get(n.as_str()).and_then(same_file_base);
            path.push(n);
        }
        for n in path.into_iter().rev() {
            if placed.insert(n.clone()) {
                order.push(n);
            }
        }
    }
    order
}

impl Loader<'_> {
    /// The merged, canonical model of `texts`, its relative paths made
    /// absolute against `dir`.
    fn model(
        &mut self,
        texts: &[(PathBuf, String)],
        dir: &Path,
        env: &BTreeMap<String, String>,
        stage: Stage,
    ) -> Result<Mapping, LoadError> {
        let mut dict = Value::Mapping(Mapping::new());
        for (file, text) in texts {
            let docs = yaml::documents(text).map_err(|source| LoadError::Yaml {
                file: file.clone(),
                source,
            })?;
            for doc in docs {
                let mut cfg = Value::Mapping(doc.model);
                self.interpolate(&mut cfg, &mut Vec::new(), env)?;
                let Value::Mapping(mut cfg) = cfg else {
                    unreachable!()
                };
                if stage != Stage::Extended {
                    self.extends(&mut cfg, file, dir, env, &doc.resets)?;
                }
                merge::apply_resets(&mut dict, &doc.resets);
                if stage != Stage::Extended {
                    self.include(&mut cfg, file, dir, env)?;
                }
                let merged =
                    merge::merge(dict, Value::Mapping(cfg), &mut Vec::new()).map_err(|source| {
                        LoadError::Merge {
                            file: file.clone(),
                            source,
                        }
                    })?;
                dict = merged;
                merge::enforce_unicity(&mut dict, &mut Vec::new()).map_err(|source| {
                    LoadError::Merge {
                        file: file.clone(),
                        source,
                    }
                })?;
                if let Value::Mapping(m) = &mut dict {
                    if stage != Stage::Extended
                        && let Some(u) = schema::unknown_keys(m).into_iter().next()
                    {
                        return Err(LoadError::UnknownKey {
                            file: file.clone(),
                            at: u.at,
                            key: u.key,
                        });
                    }
                    if stage != Stage::Extended
                        && let Some(v) = schema::violations(m)
                    {
                        return Err(LoadError::Invalid {
                            file: file.clone(),
                            at: v.at,
                            rule: v.rule,
                        });
                    }
                    if m.remove("version").is_some() {
                        self.warnings.push(format!(
                            "{}: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion",
                            file.display()
                        ));
                    }
                }
            }
        }
        let Value::Mapping(mut model) = dict else {
            unreachable!()
        };
        canonical::long_forms(&mut model)?;
        let mut v = Value::Mapping(model);
        merge::enforce_unicity(&mut v, &mut Vec::new()).map_err(|source| LoadError::Merge {
            file: texts.first().map(|t| t.0.clone()).unwrap_or_default(),
            source,
        })?;
        let Value::Mapping(mut model) = v else {
            unreachable!()
        };
        canonical::resolve_paths(&mut model, dir, env.get("HOME").map(String::as_str));
        Ok(model)
    }

    /// Interpolates every string value (never keys) in place.
    fn interpolate(
        &mut self,
        v: &mut Value,
        path: &mut Vec<String>,
        env: &BTreeMap<String, String>,
    ) -> Result<(), LoadError> {
        match v {
            Value::String(s) => {
                let out = interpolate(s, &|k| env.get(k).cloned()).map_err(|source| {
                    LoadError::Interpolation {
                        path: path.join("."),
                        source,
                    }
                })?;
                for u in out.unset {
                    let w = format!("The {u:?} variable is not set. Defaulting to a blank string.");
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
                *s = out.value;
            }
            Value::Mapping(m) => {
                for (k, child) in m.iter_mut() {
                    path.push(scalar_text(k).unwrap_or_default());
                    let r = self.interpolate(child, path, env);
                    path.pop();
                    r?;
                }
            }
            Value::Sequence(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    path.push(format!("[{i}]"));
                    let r = self.interpolate(child, path, env);
                    path.pop();
                    r?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Resolves `extends` for every service of one document.
    fn extends(
        &mut self,
        cfg: &mut Mapping,
        file: &Path,
        dir: &Path,
        env: &BTreeMap<String, String>,
        resets: &[yaml::Path],
    ) -> Result<(), LoadError> {
        let Some(Value::Mapping(services)) = cfg.get("services").cloned() else {
            return Ok(());
        };
        let mut services = services;
        let names = bases_first(&services);
        let mut resolved = Resolved::new();
        for name in names {
            let done = self.extend_service(
                &name,
                &services,
                file,
                dir,
                env,
                resets,
                &mut Vec::new(),
                &mut resolved,
            )?;
            services.insert(Value::String(name), done);
        }
        cfg.insert("services".into(), Value::Mapping(services));
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn extend_service(
        &mut self,
        name: &str,
        services: &Mapping,
        file: &Path,
        dir: &Path,
        env: &BTreeMap<String, String>,
        resets: &[yaml::Path],
        chain: &mut Vec<(PathBuf, String)>,
        resolved: &mut Resolved,
    ) -> Result<Value, LoadError> {
        let key = (file.to_path_buf(), name.to_string());
        if let Some(done) = resolved.get(&key) {
            return Ok(done.clone());
        }
        let service = services.get(name).cloned().unwrap_or(Value::Null);
        let Some(ext) = service.get("extends").cloned() else {
            return Ok(service);
        };
        if self.extends_depth + chain.len() >= MAX_EXTENDS_DEPTH {
            return Err(LoadError::Extends(format!(
                "services.{name}: the extends chain is longer than {MAX_EXTENDS_DEPTH} services"
            )));
        }
        let (base_name, base_file) = match &ext {
            Value::String(s) => (s.clone(), None),
            Value::Mapping(m) => (
                m.get("service").and_then(scalar_text).ok_or_else(|| {
                    LoadError::Extends(format!("services.{name}.extends: service is required"))
                })?,
                m.get("file").and_then(scalar_text),
            ),
            _ => {
                return Err(LoadError::Extends(format!(
                    "services.{name}.extends must be a string or a mapping"
                )));
            }
        };
        let link = (file.to_path_buf(), name.to_string());
        if chain.contains(&link) {
            return Err(LoadError::Extends(format!(
                "circular reference with extends in {}: service {name}",
                file.display()
            )));
        }
        chain.push(link);
        let base = match base_file {
            Some(f) => {
                let path = if Path::new(&f).is_absolute() {
                    PathBuf::from(&f)
                } else {
                    dir.join(&f)
                };
                let base_dir = path.parent().unwrap_or(dir).to_path_buf();
                let model = match self.extended_files.get(&path) {
                    Some(m) => m.clone(),
                    None => {
                        let text = bounded::read_regular_to_string(&path, bounded::CONFIG_FILE)
                            .map_err(|source| LoadError::Read {
                                file: path.clone(),
                                source,
                            })?;
                        if self.extends_depth + chain.len() >= MAX_EXTENDS_DEPTH {
                            return Err(LoadError::Extends(format!(
                                "services.{name}: the extends chain is longer than {MAX_EXTENDS_DEPTH} services"
                            )));
                        }
                        self.extends_depth += chain.len();
                        let m =
                            self.model(&[(path.clone(), text)], &base_dir, env, Stage::Extended);
                        self.extends_depth -= chain.len();
                        let m = m?;
                        self.extended_files.insert(path.clone(), m.clone());
                        m
                    }
                };
                let Some(Value::Mapping(others)) = model.get("services").cloned() else {
                    return Err(not_found(name, &path, &base_name));
                };
                if !others.contains_key(base_name.as_str()) {
                    return Err(not_found(name, &path, &base_name));
                }
                self.extend_service(
                    &base_name,
                    &others,
                    &path,
                    &base_dir,
                    env,
                    &[],
                    chain,
                    resolved,
                )?
            }
            None => {
                if !services.contains_key(base_name.as_str()) {
                    return Err(not_found(name, file, &base_name));
                }
                self.extend_service(
                    &base_name, services, file, dir, env, resets, chain, resolved,
                )?
            }
        };
        chain.pop();
        let mut source = Value::Mapping(Mapping::new());
        if let Value::Mapping(m) = &mut source {
            let mut inner = Mapping::new();
            inner.insert(Value::String(name.to_string()), base);
            m.insert("services".into(), Value::Mapping(inner));
        }
        merge::apply_resets(&mut source, resets);
        let base = source["services"][name].clone();
        let mut path = vec!["services".to_string(), "x".to_string()];
        let merged = merge::merge(base, service, &mut path).map_err(|source| LoadError::Merge {
            file: file.to_path_buf(),
            source,
        })?;
        let mut merged = merged;
        if let Value::Mapping(m) = &mut merged {
            m.remove("extends");
        }
        resolved.insert(key, merged.clone());
        Ok(merged)
    }

    /// Loads the files of a document's `include:` and adds their
    /// resources; a resource defined differently on both sides is an
    /// error.
    fn include(
        &mut self,
        cfg: &mut Mapping,
        file: &Path,
        dir: &Path,
        env: &BTreeMap<String, String>,
    ) -> Result<(), LoadError> {
        let Some(list) = cfg.remove("include") else {
            return Ok(());
        };
        let Value::Sequence(list) = list else {
            return Err(LoadError::Include("include must be a list".into()));
        };
        if self.included.len() >= MAX_EXTENDS_DEPTH {
            return Err(LoadError::Include(format!(
                "{}: includes nest deeper than {MAX_EXTENDS_DEPTH} files",
                file.display()
            )));
        }
        self.included.push(file.to_path_buf());
        for entry in list {
            let (paths, env_files, project_dir) = match entry {
                Value::String(p) => (vec![p], Vec::new(), None),
                Value::Mapping(m) => {
                    let strings = |k: &str| match m.get(k) {
                        Some(Value::Sequence(l)) => l.iter().filter_map(scalar_text).collect(),
                        Some(v) => scalar_text(v).into_iter().collect(),
                        None => Vec::new(),
                    };
                    (
                        strings("path"),
                        strings("env_file"),
                        m.get("project_directory").and_then(scalar_text),
                    )
                }
                _ => {
                    return Err(LoadError::Include(
                        "include entries are paths or mappings".into(),
                    ));
                }
            };
            let abs = |p: &str| {
                if Path::new(p).is_absolute() {
                    PathBuf::from(p)
                } else {
                    PathBuf::from(canonical::join(dir, p))
                }
            };
            let files: Vec<PathBuf> = paths.iter().map(|p| abs(p)).collect();
            let Some(main) = files.first() else {
                return Err(LoadError::Include("include: path is required".into()));
            };
            if self.included.contains(main) {
                let mut chain: Vec<String> = self
                    .included
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                chain.push(main.display().to_string());
                return Err(LoadError::Include(format!(
                    "include cycle detected:\n{}",
                    chain.join("\n include ")
                )));
            }
            let inc_dir = match &project_dir {
                Some(d) => abs(d),
                None => main.parent().unwrap_or(dir).to_path_buf(),
            };
            let env_files: Vec<PathBuf> = if env_files.is_empty() {
                let d = inc_dir.join(".env");
                if d.is_file() { vec![d] } else { Vec::new() }
            } else {
                env_files.iter().map(|f| abs(f)).collect()
            };
            let mut inc_env = env.clone();
            for f in &env_files {
                for (k, v) in read_env_file(f, env, true)? {
                    inc_env.insert(k, v);
                }
            }
            let texts: Vec<(PathBuf, String)> = files
                .iter()
                .map(|f| {
                    bounded::read_regular_to_string(f, bounded::CONFIG_FILE)
                        .map(|t| (f.clone(), t))
                        .map_err(|source| LoadError::Read {
                            file: f.clone(),
                            source,
                        })
                })
                .collect::<Result<_, _>>()?;
            let imported = self.model(&texts, &inc_dir, &inc_env, Stage::Included)?;
            for kind in ["services", "volumes", "networks", "secrets", "configs"] {
                let Some(Value::Mapping(from)) = imported.get(kind) else {
                    continue;
                };
                let to = cfg
                    .entry(kind.into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                if to.is_null() {
                    *to = Value::Mapping(Mapping::new());
                }
                let Value::Mapping(to) = to else { continue };
                for (k, v) in from {
                    match to.get(k) {
                        Some(existing) if existing == v => {}
                        Some(_) => {
                            return Err(LoadError::Include(format!(
                                "{kind}.{} conflicts with imported resource",
                                scalar_text(k).unwrap_or_default()
                            )));
                        }
                        None => {
                            to.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
        }
        self.included.pop();
        Ok(())
    }
}

fn not_found(name: &str, file: &Path, base: &str) -> LoadError {
    LoadError::Extends(format!(
        "cannot extend service {name:?} in {}: service {base:?} not found",
        file.display()
    ))
}

fn services(model: &Mapping) -> impl Iterator<Item = (String, &Mapping)> {
    model
        .get("services")
        .and_then(Value::as_mapping)
        .into_iter()
        .flat_map(|m| m.iter())
        .filter_map(|(k, v)| Some((scalar_text(k)?, v.as_mapping()?)))
}

fn dependencies(svc: &Mapping) -> Vec<(String, bool)> {
    svc.get("depends_on")
        .and_then(Value::as_mapping)
        .into_iter()
        .flat_map(|m| m.iter())
        .filter_map(|(k, v)| {
            let required = v.get("required").and_then(Value::as_bool).unwrap_or(true);
            Some((scalar_text(k)?, required))
        })
        .collect()
}

/// Keeps the services that profiles enable (and, when services are
/// named, only those and what they depend on).
fn select(
    model: &mut Mapping,
    opts: &LoadOptions,
    env: &BTreeMap<String, String>,
) -> Result<(), LoadError> {
    let mut profiles: BTreeSet<String> = opts.profiles.iter().cloned().collect();
    if profiles.is_empty()
        && let Some(p) = env.get("COMPOSE_PROFILES")
    {
        profiles.extend(
            p.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from),
        );
    }
    let all: Vec<(String, Vec<String>)> = services(model)
        .map(|(n, s)| {
            let p = s
                .get("profiles")
                .and_then(Value::as_sequence)
                .map(|l| l.iter().filter_map(scalar_text).collect())
                .unwrap_or_default();
            (n, p)
        })
        .collect();
    for asked in &opts.services {
        match all.iter().find(|(n, _)| n == asked) {
            Some((_, p)) => profiles.extend(p.iter().cloned()),
            None => return Err(LoadError::NoSuchService(asked.clone())),
        }
    }
    let enabled = |p: &[String]| {
        p.is_empty() || profiles.contains("*") || p.iter().any(|x| profiles.contains(x))
    };
    let mut keep: BTreeSet<String> = all
        .iter()
        .filter(|(_, p)| enabled(p))
        .map(|(n, _)| n.clone())
        .collect();
    if !opts.services.is_empty() {
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        let mut todo: Vec<String> = opts.services.clone();
        while let Some(n) = todo.pop() {
            if !wanted.insert(n.clone()) {
                continue;
            }
            if let Some((_, svc)) = services(model).find(|(x, _)| *x == n) {
                todo.extend(dependencies(svc).into_iter().map(|d| d.0));
            }
        }
        keep.retain(|n| wanted.contains(n));
    }
    if let Some(Value::Mapping(svcs)) = model.get_mut("services") {
        svcs.retain(|k, _| scalar_text(k).is_some_and(|k| keep.contains(&k)));
    }
    Ok(())
}

/// The named volumes a service mounts.
fn named_volumes(svc: &Mapping) -> impl Iterator<Item = String> + '_ {
    svc.get("volumes")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .filter(|v| v.get("type").and_then(Value::as_str) == Some("volume"))
        .filter_map(|v| v.get("source").and_then(scalar_text))
}

/// Every reference inside the project names something it defines.
fn consistency(model: &Mapping) -> Result<(), LoadError> {
    let defined = |kind: &str| -> BTreeSet<String> {
        model
            .get(kind)
            .and_then(Value::as_mapping)
            .map(|m| m.keys().filter_map(scalar_text).collect())
            .unwrap_or_default()
    };
    let names = defined("services");
    let (networks, volumes, secrets, configs) = (
        defined("networks"),
        defined("volumes"),
        defined("secrets"),
        defined("configs"),
    );
    let all: BTreeMap<String, &Mapping> = services(model).collect();
    let inconsistent = |why: String| Err(LoadError::Inconsistent(why));
    for (name, svc) in services(model) {
        let build = svc.get("build").and_then(Value::as_mapping);
        if build.is_none()
            && svc
                .get("image")
                .and_then(scalar_text)
                .is_none_or(|i| i.is_empty())
        {
            return inconsistent(format!(
                "service {name:?} has neither an image nor a build context specified"
            ));
        }
        if let Some(b) = build {
            if b.contains_key("dockerfile") && b.contains_key("dockerfile_inline") {
                return inconsistent(format!(
                    "service {name:?} declares mutualy exclusive dockerfile and dockerfile_inline"
                ));
            }
            for (add, c) in b
                .get("additional_contexts")
                .and_then(Value::as_mapping)
                .into_iter()
                .flatten()
            {
                let (add, c) = (
                    scalar_text(add).unwrap_or_default(),
                    scalar_text(c).unwrap_or_default(),
                );
                if let Some(target) = c.strip_prefix("service:") {
                    match all.get(target) {
                        None => {
                            return inconsistent(format!(
                                "service {name:?} declares unknown service {target:?} as additional contexts {add}"
                            ));
                        }
                        Some(t) if !t.contains_key("build") => {
                            return inconsistent(format!(
                                "service {name:?} declares non-buildable service {target:?} as additional contexts {add}"
                            ));
                        }
                        _ => {}
                    }
                }
            }
            let platforms: Vec<String> = b
                .get("platforms")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(scalar_text)
                .collect();
            if let Some(p) = svc.get("platform").and_then(scalar_text)
                && !platforms.is_empty()
                && !platforms.contains(&p)
            {
                return inconsistent(format!(
                    "service.build.platforms MUST include service.platform {p:?}"
                ));
            }
            for secret in b
                .get("secrets")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                if let Some(src) = secret.get("source").and_then(scalar_text)
                    && !secrets.contains(&src)
                {
                    return inconsistent(format!(
                        "service {name:?} refers to undefined build secret {src}"
                    ));
                }
            }
        }
        if let Some(first) = svc
            .get("healthcheck")
            .and_then(|h| h.get("test"))
            .and_then(Value::as_sequence)
            .and_then(|t| t.first())
            .and_then(scalar_text)
            && !["CMD", "CMD-SHELL", "NONE"].contains(&first.as_str())
        {
            return inconsistent(format!(
                "services.{name}.healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\""
            ));
        }
        if let Some(target) = svc
            .get("network_mode")
            .and_then(scalar_text)
            .and_then(|m| m.strip_prefix("service:").map(str::to_string))
            && !all.contains_key(&target)
        {
            return inconsistent(format!(
                "service {target:?} not found for network_mode 'service:{target}'"
            ));
        }
        let int =
            |v: Option<&Value>| v.and_then(|v| v.as_i64().or_else(|| scalar_text(v)?.parse().ok()));
        if let (Some(scale), Some(replicas)) = (
            int(svc.get("scale")),
            int(svc.get("deploy").and_then(|d| d.get("replicas"))),
        ) && scale != replicas
        {
            return inconsistent(format!(
                "services.{name}: can't set distinct values on 'scale' and 'deploy.replicas'"
            ));
        }
        let scale = int(svc.get("scale"))
            .or_else(|| int(svc.get("deploy").and_then(|d| d.get("replicas"))))
            .unwrap_or(1);
        if scale > 1 && svc.contains_key("container_name") {
            let attr = if svc.contains_key("scale") {
                "scale"
            } else {
                "deploy.replicas"
            };
            return inconsistent(format!(
                "services.{name}: can't set container_name and {attr} as container name must be unique"
            ));
        }
        for w in svc
            .get("develop")
            .and_then(|d| d.get("watch"))
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let action = w.get("action").and_then(scalar_text).unwrap_or_default();
            if w.get("target")
                .and_then(scalar_text)
                .is_none_or(|t| t.is_empty())
                && action != "rebuild"
                && action != "restart"
            {
                return inconsistent(format!(
                    "services.{name}.develop.watch: target is required for non-rebuild actions"
                ));
            }
        }
        for (dep, required) in dependencies(svc) {
            if required && !names.contains(&dep) {
                return Err(LoadError::Inconsistent(format!(
                    "service {name:?} depends on undefined service {dep:?}"
                )));
            }
        }
        if let Some(n) = svc.get("networks").and_then(Value::as_mapping) {
            if svc.contains_key("network_mode") {
                return Err(LoadError::Inconsistent(format!(
                    "service {name} declares mutually exclusive `network_mode` and `networks`"
                )));
            }
            for k in n.keys().filter_map(scalar_text) {
                if !networks.contains(&k) {
                    return Err(LoadError::Inconsistent(format!(
                        "service {name:?} refers to undefined network {k}"
                    )));
                }
            }
        }
        for src in named_volumes(svc) {
            if !volumes.contains(&src) {
                return Err(LoadError::Inconsistent(format!(
                    "service {name:?} refers to undefined volume {src}"
                )));
            }
        }
        for (kind, set) in [("secrets", &secrets), ("configs", &configs)] {
            for e in svc
                .get(kind)
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                if let Some(src) = e.get("source").and_then(Value::as_str)
                    && !set.contains(src)
                {
                    let one = kind.trim_end_matches('s');
                    return Err(LoadError::Inconsistent(format!(
                        "service {name:?} refers to undefined {one} {src}"
                    )));
                }
            }
        }
    }
    for (name, secret) in model
        .get("secrets")
        .and_then(Value::as_mapping)
        .into_iter()
        .flatten()
    {
        let external = secret
            .get("external")
            .is_some_and(|e| e.as_bool() != Some(false));
        if !external && !secret.get("file").is_some() && !secret.get("environment").is_some() {
            return inconsistent(format!(
                "secret {:?} must declare either `file` or `environment`",
                scalar_text(name).unwrap_or_default()
            ));
        }
    }
    dependency_cycle(&all)
}

/// Refuses a `depends_on` cycle, printed as compose-go prints it
/// (`a -> b -> a`). Iterative: a file controls the depth.
fn dependency_cycle(all: &BTreeMap<String, &Mapping>) -> Result<(), LoadError> {
    let children = |s: &str| -> Vec<String> {
        all.get(s)
            .map(|svc| {
                dependencies(svc)
                    .into_iter()
                    .map(|(d, _)| d)
                    .filter(|d| all.contains_key(d))
                    .collect()
            })
            .unwrap_or_default()
    };
    // 0: not seen, 1: on the current path, 2: done.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    for start in all.keys() {
        if state.get(start.as_str()).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut path: Vec<String> = vec![start.clone()];
        let mut stack: Vec<std::vec::IntoIter<String>> = vec![children(start).into_iter()];
        state.insert(start, 1);
        while let Some(next) = stack.last_mut().map(Iterator::next) {
            match next {
                Some(child) => {
                    let key = all.get_key_value(&child).expect("filtered").0.as_str();
                    match state.get(key).copied().unwrap_or(0) {
                        1 => {
                            let at = path.iter().position(|p| *p == child).expect("on the path");
                            return Err(LoadError::Inconsistent(format!(
                                "dependency cycle detected: {} -> {child}",
                                path[at..].join(" -> ")
                            )));
                        }
                        0 => {
                            state.insert(key, 1);
                            stack.push(children(&child).into_iter());
                            path.push(child);
                        }
                        _ => {}
                    }
                }
                None => {
                    stack.pop();
                    if let Some(done) = path.pop() {
                        let key = all.get_key_value(&done).expect("a service").0.as_str();
                        state.insert(key, 2);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Reads each service's `env_file` entries into its environment (later
/// files win, `environment:` wins over all) and drops them.
fn resolve_env_files(model: &mut Mapping, env: &BTreeMap<String, String>) -> Result<(), LoadError> {
    let Some(Value::Mapping(svcs)) = model.get_mut("services") else {
        return Ok(());
    };
    for (_, svc) in svcs.iter_mut() {
        let Value::Mapping(svc) = svc else { continue };
        let Some(Value::Sequence(files)) = svc.remove("env_file") else {
            continue;
        };
        let mut from_files: BTreeMap<String, String> = BTreeMap::new();
        for f in files {
            let path = PathBuf::from(f.get("path").and_then(scalar_text).unwrap_or_default());
            let required = f.get("required").and_then(Value::as_bool).unwrap_or(true);
            if !path.exists() {
                if required {
                    return Err(LoadError::EnvFileMissing(path));
                }
                continue;
            }
            let text =
                bounded::read_regular_to_string(&path, bounded::CONFIG_FILE).map_err(|source| {
                    LoadError::Read {
                        file: path.clone(),
                        source,
                    }
                })?;
            let lookup = |k: &str| from_files.get(k).cloned().or_else(|| env.get(k).cloned());
            let vars = dotenv::parse(&text, &lookup).map_err(|source| LoadError::Dotenv {
                file: path.clone(),
                source,
            })?;
            from_files.extend(vars);
        }
        let mut environment: Mapping = from_files
            .into_iter()
            .map(|(k, v)| (Value::String(k), Value::String(v)))
            .collect();
        if let Some(Value::Mapping(own)) = svc.get("environment") {
            for (k, v) in own {
                environment.insert(k.clone(), v.clone());
            }
        }
        svc.insert("environment".into(), Value::Mapping(environment));
    }
    Ok(())
}

/// Leaves out the networks, volumes, secrets and configs no service uses.
fn drop_unused(model: &mut Mapping) {
    let mut used: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (_, svc) in services(model) {
        if let Some(n) = svc.get("networks").and_then(Value::as_mapping) {
            used.entry("networks")
                .or_default()
                .extend(n.keys().filter_map(scalar_text));
        }
        used.entry("volumes")
            .or_default()
            .extend(named_volumes(svc));
        for kind in ["secrets", "configs"] {
            for e in svc
                .get(kind)
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
            {
                if let Some(s) = e.get("source").and_then(scalar_text) {
                    used.entry(kind).or_default().insert(s);
                }
            }
        }
        if let Some(b) = svc
            .get("build")
            .and_then(|b| b.get("secrets"))
            .and_then(Value::as_sequence)
        {
            for e in b {
                let s = e
                    .get("source")
                    .and_then(scalar_text)
                    .or_else(|| scalar_text(e));
                if let Some(s) = s {
                    used.entry("secrets").or_default().insert(s);
                }
            }
        }
    }
    for kind in ["networks", "volumes", "secrets", "configs"] {
        let keep = used.remove(kind).unwrap_or_default();
        if let Some(Value::Mapping(rs)) = model.get_mut(kind) {
            rs.retain(|k, _| scalar_text(k).is_some_and(|k| keep.contains(&k)));
            if rs.is_empty() {
                model.remove(kind);
            }
        }
    }
}

/// The model as `docker compose config` prints it: YAML, a literal `$`
/// written `$$` so that the output loads back to the same model.
pub fn to_yaml(model: &Mapping) -> String {
    super::yaml::to_string(&escape_dollars(&Value::Mapping(model.clone()))).unwrap_or_default()
}

/// A literal `$` written as `$$`, so that the output loads back the same.
fn escape_dollars(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.replace('$', "$$")),
        Value::Mapping(m) => Value::Mapping(
            m.iter()
                .map(|(k, v)| (k.clone(), escape_dollars(v)))
                .collect(),
        ),
        Value::Sequence(l) => Value::Sequence(l.iter().map(escape_dollars).collect()),
        other => other.clone(),
    }
}

/// `config --format json`: the model as docker compose's Go types marshal
/// it to JSON, which differs from their YAML where a field is kept empty:
/// a service's `command` and `entrypoint` are `null` when not set, and a
/// network's `ipam` (a struct, never omitted by Go's JSON) is `{}`.
pub fn to_json(model: &Mapping) -> serde_json::Value {
    // Extensions (`x-*`) are left out of the typed objects' JSON.
    fn no_extensions(m: &mut Mapping) {
        m.retain(|k, _| !k.as_str().is_some_and(|k| k.starts_with("x-")));
    }
    let mut m = escape_dollars(&Value::Mapping(model.clone()));
    if let Some(top) = m.as_mapping_mut() {
        for kind in ["networks", "volumes", "secrets", "configs"] {
            if let Some(rs) = top.get_mut(kind).and_then(Value::as_mapping_mut) {
                for (_, r) in rs.iter_mut() {
                    if let Some(r) = r.as_mapping_mut() {
                        no_extensions(r);
                    }
                }
            }
        }
    }
    if let Some(services) = m.get_mut("services").and_then(Value::as_mapping_mut) {
        for (_, svc) in services.iter_mut() {
            if let Some(svc) = svc.as_mapping_mut() {
                no_extensions(svc);
                for k in ["command", "entrypoint"] {
                    if !svc.contains_key(k) {
                        svc.insert(Value::String(k.into()), Value::Null);
                    }
                }
                for k in ["build", "deploy", "healthcheck", "logging", "develop"] {
                    if let Some(inner) = svc.get_mut(k).and_then(Value::as_mapping_mut) {
                        no_extensions(inner);
                    }
                }
                if let Some(deps) = svc.get_mut("depends_on").and_then(Value::as_mapping_mut) {
                    for (_, d) in deps.iter_mut() {
                        if let Some(d) = d.as_mapping_mut() {
                            no_extensions(d);
                        }
                    }
                }
                // Structs Go's JSON never leaves out.
                if let Some(deploy) = svc.get_mut("deploy").and_then(Value::as_mapping_mut) {
                    for k in ["resources", "placement"] {
                        if !deploy.contains_key(k) {
                            deploy.insert(Value::String(k.into()), Value::Mapping(Mapping::new()));
                        }
                    }
                }
                if let Some(watch) = svc
                    .get_mut("develop")
                    .and_then(|d| d.get_mut("watch"))
                    .and_then(Value::as_sequence_mut)
                {
                    for w in watch.iter_mut().filter_map(Value::as_mapping_mut) {
                        no_extensions(w);
                        let exec = w
                            .entry(Value::String("exec".into()))
                            .or_insert_with(|| Value::Mapping(Mapping::new()));
                        if let Some(exec) = exec.as_mapping_mut()
                            && !exec.contains_key("command")
                        {
                            exec.insert(Value::String("command".into()), Value::Null);
                        }
                    }
                }
            }
        }
    }
    if let Some(networks) = m.get_mut("networks").and_then(Value::as_mapping_mut) {
        for (_, net) in networks.iter_mut() {
            if let Some(net) = net.as_mapping_mut()
                && !net.contains_key("ipam")
            {
                net.insert(Value::String("ipam".into()), Value::Mapping(Mapping::new()));
            }
        }
    }
    serde_json::to_value(&m).unwrap_or_default()
}
