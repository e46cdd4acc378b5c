//! The engine's vocabulary: the values its requests are made of and its
//! results are given in, as the domain modules define them. `cli` builds
//! and reads these; it reaches no domain module itself. Only values are
//! named here (options, records, their parsers): the services that touch
//! the store, the runtime or the network stay behind the engine's
//! functions (README lists them; `tests/layering.rs` checks it).

pub use crate::builder::commit::CommitOptions;
pub use crate::builder::stdin::StdinContext;
pub use crate::builder::{BuildOptions, Secret};
pub use crate::compose::{LoadOptions, Project, ProjectModel};
pub use crate::crypt::Recipient;
pub use crate::cvm::control::{MAX_COMPOSE, Stream};
pub use crate::cvm::guest::{INITRAMFS, KERNEL};
pub use crate::cvm::vm::Port;
pub use crate::image::convert::LayerFormat;
pub use crate::image::{
    ConfigChange, CryptOptions, ImageFilter, ImportOptions, PullOptions, PullPolicy, split_name,
};
pub use crate::kbs::attester::{TDX_MEASUREMENTS_DIR, TSM_REPORT_DIR};
pub use crate::kbs::{ClientOptions, ResourceUri, TeeChoice};
pub use crate::kube::{ConvertOptions, Converted};
pub use crate::platform::Platform;
pub use crate::reference::ImageRef;
pub use crate::registry::auth::Credentials;
pub use crate::runtime::attach::{DEFAULT_DETACH_KEYS, parse_detach_keys};
pub use crate::runtime::events::Event;
pub use crate::runtime::filter::Filter;
pub use crate::runtime::network::{NetworkAttach, NetworkRecord, NetworkSpec, PortMapping};
pub use crate::runtime::{
    ContainerConfig, ContainerState, ContainerStatus, CopyPath, ExecOptions, HealthConfig, Launch,
    LogConfig, LogOptions, Network, Process, Resources, RestartPolicy, RunOptions, Snapshotter,
    Tmpfs, Volume, parse_signal,
};
pub use crate::trust::bundle::WriteFormat;
pub use crate::trust::{
    Keyless, SignatureFormat, TrustError, TrustOptions, TrustPolicy, VerifyMode,
};
