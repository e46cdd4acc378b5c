//! ccr: a container frontend for signed and encrypted images and
//! confidential VMs.
//!
//! Three layers, imports pointing down only (README's Development section
//! has the table `tests/layering.rs` checks): `cli` (flags and printing) →
//! `engine` (workflows that span modules) → the domain modules. A pull's
//! data passes `reference` → `registry` → `trust` (verified before any
//! content is fetched) → `store` → `crypt` → `unpack` → `runtime`; `image`
//! is the image service, `builder` the Dockerfile builder, `kbs` the KBS
//! client, `sbom` the software bill of materials (catalogers, formats,
//! comparison).

pub mod asyncrt;
pub mod bounded;
pub mod builder;
pub mod cli;
pub mod compose;
pub mod crypt;
pub mod cvm;
pub mod digest;
pub mod engine;
pub mod error;
pub mod filters;
pub mod format;
pub mod image;
pub mod kbs;
pub mod kube;
pub mod layout;
pub mod oci;
pub mod outfile;
pub mod platform;
pub mod private_file;
pub mod progress;
pub mod reference;
pub mod registry;
pub mod runtime;
pub mod sbom;
pub mod store;
pub mod time;
pub mod trust;
pub mod units;
pub mod unpack;

pub use error::Error;

/// Exit code for ccr's own failures, as docker uses for daemon errors.
pub const EXIT_CCR_FAILURE: i32 = 125;

/// How a failure ends the process, as docker's exit codes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// ccr's own failure: 125.
    Failure,
    /// The container's command exists but cannot be run: 126.
    CannotExecute,
    /// The container's command was not found: 127.
    NotFound,
}

impl Exit {
    pub fn code(self) -> i32 {
        match self {
            Exit::Failure => EXIT_CCR_FAILURE,
            Exit::CannotExecute => 126,
            Exit::NotFound => 127,
        }
    }
}
