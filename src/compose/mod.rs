//! Compose projects. The loader follows compose-go's semantics (the one
//! docker compose and nerdctl share): a project's files, directory and name
//! (`project`), `.env` and `env_file` (`dotenv`), interpolation
//! (`interpolate`), each file's YAML with its tags and merge keys (`yaml`),
//! the merge rules (`merge`), the keys the specification allows (`schema`),
//! the canonical long form (`canonical`), and the pipeline with
//! `extends`, `include` and profiles (`load`).

pub mod canonical;
pub mod dotenv;
pub mod interpolate;
pub mod load;
pub mod merge;
pub mod project;
pub mod schema;
pub mod yaml;

pub use dotenv::DotenvError;
pub use interpolate::{Interpolated, InterpolationError, interpolate};
pub use load::{LoadError, LoadOptions, Project, load, to_yaml};
