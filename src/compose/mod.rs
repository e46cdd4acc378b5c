//! Compose projects. The loader follows compose-go's semantics (the one
//! docker compose and nerdctl share); it is built in parts: interpolation,
//! `.env` / `env_file` reading, and a project's files, directory and name
//! so far. The typed model, merging,
//! `extends`, `include`, profiles and the commands come next.

pub mod dotenv;
pub mod interpolate;
pub mod project;

pub use dotenv::DotenvError;
pub use interpolate::{Interpolated, InterpolationError, interpolate};
