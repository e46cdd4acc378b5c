//! Compose projects run through ccr's own containers, networks and
//! volumes: names and labels as docker compose writes them (so tools that
//! read `com.docker.compose.*` work), images made present (built, or
//! verified then pulled) before anything starts, services started in
//! dependency order with their conditions waited for for real, and torn
//! down in reverse.
//!
//! - [`up`]: images, networks, volumes, then containers (recreated only
//!   when their configuration changed), attached or detached.
//! - [`down`]: containers, networks, and with `-v` volumes.
//! - [`ops`]: ps, logs, start, stop, restart, kill, rm, run, exec, port,
//!   top, images, pull, push, build, ls.

pub mod down;
pub mod ops;
mod options;
pub mod up;

use std::collections::BTreeMap;

use crate::compose::{ComposeError, ProjectModel, ServiceModel};
use crate::error::Error;
use crate::runtime::{ContainerState, Runtime};

pub use options::run_options;

use crate::compose::{LoadOptions, Project};

/// The compose project `opts` describes, read from its files (and
/// standard input's text), interpolated, merged and checked.
pub fn load(opts: &LoadOptions) -> Result<Project, Error> {
    Ok(crate::compose::load(opts)?)
}

/// A loaded project, typed for running.
pub fn typed(project: &Project) -> Result<ProjectModel, Error> {
    Ok(crate::compose::typed_project(project).map_err(ComposeError::from)?)
}

/// A project as `compose config` writes it.
pub fn to_yaml(project: &Project) -> String {
    crate::compose::to_yaml(&project.model)
}

/// `config --format json`: the project as docker compose writes it.
pub fn to_json(project: &Project) -> serde_json::Value {
    crate::compose::to_json(&project.model)
}

/// docker compose's labels.
pub mod label {
    pub const PROJECT: &str = "com.docker.compose.project";
    pub const SERVICE: &str = "com.docker.compose.service";
    pub const NUMBER: &str = "com.docker.compose.container-number";
    pub const ONEOFF: &str = "com.docker.compose.oneoff";
    pub const CONFIG_HASH: &str = "com.docker.compose.config-hash";
    pub const IMAGE: &str = "com.docker.compose.image";
    pub const WORKING_DIR: &str = "com.docker.compose.project.working_dir";
    pub const CONFIG_FILES: &str = "com.docker.compose.project.config_files";
    pub const VERSION: &str = "com.docker.compose.version";
    pub const DEPENDS_ON: &str = "com.docker.compose.depends_on";
    pub const NETWORK: &str = "com.docker.compose.network";
    pub const VOLUME: &str = "com.docker.compose.volume";
}

/// The version written in `com.docker.compose.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Each step's outcome, for the caller to print (docker compose's
/// ` Container proj-web-1  Started`).
pub trait Report: Sync {
    fn event(&self, kind: &str, name: &str, what: &str);
    /// A line of its own (`web-1 exited with code 0`).
    fn line(&self, text: &str) {
        eprintln!("{text}");
    }
}

/// Prints events as docker compose does without a terminal, on stderr.
pub struct Plain;

impl Report for Plain {
    fn event(&self, kind: &str, name: &str, what: &str) {
        eprintln!(" {kind} {name}  {what}");
    }
}

/// `f` over each of `items` at once, one thread each; the results in
/// order (a thread that panicked is an error).
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, crate::error::Error> + Sync,
) -> Result<Vec<R>, crate::error::Error> {
    std::thread::scope(|s| {
        let handles: Vec<_> = items.iter().map(|i| s.spawn(|| f(i))).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(ComposeError::Invalid("a worker thread panicked".into()).into())
                })
            })
            .collect()
    })
}

/// The containers of project `project` (one-off `run` containers too).
pub fn containers(rt: &Runtime, project: &str) -> Result<Vec<ContainerState>, ComposeError> {
    let all = rt
        .list()
        .map_err(|e| ComposeError::Invalid(e.to_string()))?;
    let mut out: Vec<ContainerState> = all
        .into_iter()
        .filter(|c| c.options.labels.get(label::PROJECT).map(String::as_str) == Some(project))
        .map(|c| rt.refresh(c))
        .collect();
    out.sort_by(|a, b| {
        (service_of(a), number_of(a), &a.name).cmp(&(service_of(b), number_of(b), &b.name))
    });
    Ok(out)
}

pub fn service_of(c: &ContainerState) -> &str {
    c.options
        .labels
        .get(label::SERVICE)
        .map(String::as_str)
        .unwrap_or_default()
}

pub fn number_of(c: &ContainerState) -> u32 {
    c.options
        .labels
        .get(label::NUMBER)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub fn is_oneoff(c: &ContainerState) -> bool {
    c.options.labels.get(label::ONEOFF).map(String::as_str) == Some("True")
}

/// The name of replica `n` of `svc`: `container_name`, else
/// `<project>-<service>-<n>`.
pub fn container_name(project: &str, svc: &ServiceModel, n: u32) -> String {
    match &svc.service.container_name {
        Some(c) => c.clone(),
        None => format!("{project}-{}-{n}", svc.name),
    }
}

/// The services asked for (all when none), each known.
pub fn selected<'a>(
    model: &'a ProjectModel,
    names: &[String],
) -> Result<Vec<&'a ServiceModel>, ComposeError> {
    if names.is_empty() {
        return Ok(model.services.iter().collect());
    }
    names
        .iter()
        .map(|n| {
            model
                .service(n)
                .ok_or_else(|| ComposeError::NoSuchService(n.clone()))
        })
        .collect()
}

/// The labels every container of `svc` carries.
pub fn service_labels(
    model: &ProjectModel,
    svc: &ServiceModel,
    n: u32,
    image_digest: &str,
    oneoff: bool,
) -> BTreeMap<String, String> {
    let mut l: BTreeMap<String, String> = match &svc.service.labels {
        docker_compose_types::Labels::Map(m) => {
            m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        }
        docker_compose_types::Labels::List(list) => list
            .iter()
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.to_string())
            })
            .collect(),
    };
    let depends: Vec<String> = svc
        .depends_on
        .iter()
        .map(|(d, c)| format!("{d}:{}:{}", c.condition, c.restart))
        .collect();
    for (k, v) in [
        (label::PROJECT, model.name.clone()),
        (label::SERVICE, svc.name.clone()),
        (label::NUMBER, n.to_string()),
        (label::ONEOFF, if oneoff { "True" } else { "False" }.into()),
        (label::CONFIG_HASH, svc.config_hash.clone()),
        (label::IMAGE, image_digest.to_string()),
        (label::WORKING_DIR, model.directory.display().to_string()),
        (
            label::CONFIG_FILES,
            model
                .files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
        (label::VERSION, VERSION.to_string()),
        (label::DEPENDS_ON, depends.join(",")),
    ] {
        l.insert(k.to_string(), v);
    }
    l
}

/// The grace period before a container of `svc` is killed on stop.
pub fn grace(svc: Option<&crate::compose::ServiceModel>) -> std::time::Duration {
    svc.and_then(|s| s.stop_grace_period)
        .unwrap_or(std::time::Duration::from_secs(10))
}
