//! The engine: every workflow that spans domain modules. `cli` turns flags
//! into the options these functions take and prints what they return;
//! compose and CVM mode call them the same way. Nothing here knows about
//! argv or clap; progress goes to the [`Progress`](crate::progress::Progress)
//! a caller passes in.
//!
//! - [`pull`]: the image service's pull, then decryption while unpacking,
//!   and the rollback of a new image the keys do not open.
//! - [`container`]: a container from an image (pull policy, verification,
//!   platform, keys), created or run.
//! - [`keys`] and [`kbs`]: keyrings and recipients, one attested KBS
//!   session per command, the admin API, `doctor`'s probe.
//! - [`sbom`]: an image's SBOM (from its extracted layers, or streamed
//!   from its blobs), and `--verify-sbom`'s check of pulled content
//!   against its signed SBOM; [`attest`]: attestations in the registry.
//! - [`prune`]: images with their snapshots, containers, volumes, the build cache.
//! - [`inspect`]: docker's JSON views; [`system`]: `version` and `info`;
//!   [`df`]: what the data root holds; [`names`]: what completes.
//! - [`output`]: `build -o`.

pub mod acquire;
pub mod attest;
pub mod build;
pub mod catalogue;
pub mod compose;
pub mod container;
pub mod containers;
mod context;
pub mod cvm;
pub mod destroy;
pub mod df;
pub mod images;
pub mod inspect;
pub mod kbs;
pub mod keys;
pub mod kube;
pub mod mode;
pub mod names;
pub mod net;
pub mod options;
pub mod output;
pub mod provision;
pub mod prune;
pub mod pull;
pub mod push;
pub mod sbom;
pub mod sign;
pub mod system;
pub mod types;
pub mod upgrade;
pub mod vm;

pub use context::Context;
pub use net::Net;
pub use options::{Config, GlobalOptions};
