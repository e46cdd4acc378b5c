//! Compose projects. The loader follows compose-go's semantics (the one
//! docker compose and nerdctl share): a project's files, directory and name
//! (`project`), `.env` and `env_file` (`dotenv`), interpolation
//! (`interpolate`), each file's YAML with its tags and merge keys (`yaml`),
//! the merge rules (`merge`), the keys the specification allows (`schema`),
//! the canonical long form (`canonical`), the pipeline with
//! `extends`, `include` and profiles (`load`), and the typed model for
//! running a project (`model`).

pub mod canonical;
pub mod dotenv;
pub mod interpolate;
pub mod load;
pub mod merge;
pub mod model;
pub mod project;
pub mod schema;
pub mod yaml;

pub use dotenv::DotenvError;
pub use interpolate::{Interpolated, InterpolationError, interpolate};
pub use load::{LoadError, LoadOptions, Project, load, to_json, to_yaml};
pub use model::{ModelError, ProjectModel, ServiceModel, typed_project};

/// Why a compose command failed.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A dependency did not reach the condition a service waits for.
    #[error("dependency failed to start: {0}")]
    Dependency(String),
    #[error("{kind} {name} declared as external, but could not be found")]
    External { kind: &'static str, name: String },
    #[error("no such service: {0}")]
    NoSuchService(String),
    #[error("service {service} has neither an image nor a build section")]
    NoImage { service: String },
    #[error("{0}")]
    Invalid(String),
    /// A service's setting that what runs it refuses, with why.
    #[error("service {service}: {what}{source}")]
    Setting {
        service: String,
        /// Which setting, with its separator (`logging: `), or empty.
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// What the host could not give a service (a port, a file, randomness).
    #[error("{what}: {source}")]
    Host {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

impl ComposeError {
    /// What to do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            ComposeError::Setting { .. } | ComposeError::Host { .. } => None,
            ComposeError::Load(e) => Some(e.hint().into()),
            ComposeError::Model(_) => {
                Some("fix the service's key in the compose file (ccr compose config shows the model)".into())
            }
            ComposeError::Dependency(_) => Some(
                "see the dependency's logs (ccr compose logs SERVICE) and its health (ccr compose ps)".into(),
            ),
            ComposeError::External { kind, .. } => Some(format!(
                "create the {kind} first (ccr {kind} create NAME), or drop `external: true`"
            )),
            ComposeError::NoSuchService(_) => {
                Some("ccr compose config --services lists the project's services".into())
            }
            ComposeError::NoImage { .. } => Some("give the service an image: or a build: section".into()),
            ComposeError::Invalid(_) => None,
        }
    }
}
