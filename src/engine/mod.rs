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
//! - [`prune`]: images with their snapshots, containers, volumes, the build cache.
//! - [`inspect`]: docker's JSON views; [`system`]: `version` and `info`.

pub mod container;
mod context;
pub mod inspect;
pub mod kbs;
pub mod keys;
pub mod prune;
pub mod pull;
pub mod system;

pub use context::{Config, Context, GlobalOptions};
