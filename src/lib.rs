//! ccr: a container frontend for signed and encrypted images and
//! confidential VMs.
//!
//! Data flows one way: `reference` → `registry` → `store` → `trust` →
//! (`crypt` →) `unpack` → `runtime`. `image` orchestrates the image
//! commands and `build` makes images from Dockerfiles; `cli` holds only the command-line definitions and glue.

pub mod builder;
pub mod cli;
pub mod context;
pub mod crypt;
pub mod digest;
pub mod error;
pub mod format;
pub mod image;
pub mod kbs;
pub mod oci;
pub mod platform;
pub mod progress;
pub mod reference;
pub mod registry;
pub mod runtime;
pub mod store;
pub mod system;
pub mod time;
pub mod trust;
pub mod unpack;

pub use error::Error;

/// Exit code for ccr's own failures, as docker uses for daemon errors.
pub const EXIT_CCR_FAILURE: i32 = 125;
