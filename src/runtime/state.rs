//! What ccr records about each container (`containers/<id>/state.json`):
//! its status, its configuration, its layers and processes.

use std::fs;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{ContainerConfig, Runtime, RuntimeError, network};

/// Where a container is in its life, as docker names it (`state.json`
/// and `ps`'s STATE column spell it in lower case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerStatus {
    /// Made, not started (or back to this while a start is under way).
    Created,
    Running,
    Exited,
    /// The monitor could not start the process.
    Failed,
    /// Its monitor died without recording an exit.
    Dead,
    /// Exited, and its restart policy starts it again after a pause.
    Restarting,
}

impl ContainerStatus {
    pub fn is_running(self) -> bool {
        self == ContainerStatus::Running
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ContainerStatus::Created => "created",
            ContainerStatus::Running => "running",
            ContainerStatus::Exited => "exited",
            ContainerStatus::Failed => "failed",
            ContainerStatus::Dead => "dead",
            ContainerStatus::Restarting => "restarting",
        }
    }
}

impl std::fmt::Display for ContainerStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What ccr records about a container (`containers/<id>/state.json`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ContainerState {
    pub id: String,
    pub name: String,
    pub image: String,
    pub image_digest: String,
    pub created: String,
    pub status: ContainerStatus,
    pub exit_code: Option<i32>,
    pub overlay: bool,
    pub options: ContainerConfig,
    /// The layer directories under the overlay (bottom first), to remount on start.
    #[serde(default)]
    pub layers: Vec<PathBuf>,
    /// The process arguments (for `ps`).
    #[serde(default)]
    pub command: Vec<String>,
    #[serde(default)]
    pub monitor_pid: Option<i32>,
    #[serde(default)]
    pub pid: Option<i32>,
    #[serde(default)]
    pub started: Option<String>,
    #[serde(default)]
    pub finished: Option<String>,
    /// The first network's attachment, while the container exists.
    #[serde(default)]
    pub attachment: Option<network::Attachment>,
    /// The attachments to the other networks (eth1, ...).
    #[serde(default)]
    pub more_attachments: Vec<network::Attachment>,
    /// The health check's findings, while it has one.
    #[serde(default)]
    pub health: Option<super::health::Health>,
    /// How often its restart policy restarted it.
    #[serde(default)]
    pub restart_count: u32,
    /// Frozen by `pause` (still running, as docker counts it).
    #[serde(default)]
    pub paused: bool,
}

impl ContainerState {
    /// docker's `State.Status`: `paused` while frozen.
    pub fn state_name(&self) -> &'static str {
        if self.paused && self.status.is_running() {
            "paused"
        } else {
            self.status.as_str()
        }
    }

    /// Every network attachment, the first one first.
    pub fn attachments(&self) -> Vec<network::Attachment> {
        self.attachment
            .iter()
            .chain(self.more_attachments.iter())
            .cloned()
            .collect()
    }
}

impl ContainerState {
    /// docker's STATUS column: `Up 5 seconds`, `Exited (3) 2 minutes ago`, `Created`.
    pub fn status_text(&self) -> String {
        let since = |t: &Option<String>| {
            crate::format::human_since(t.as_deref())
                .trim_end_matches(" ago")
                .to_string()
        };
        let health = match self.health.as_ref().map(|h| h.status.as_str()) {
            Some("starting") => " (health: starting)".to_string(),
            Some(s) => format!(" ({s})"),
            None => String::new(),
        };
        match self.status {
            ContainerStatus::Running if self.paused => {
                format!("Up {} (Paused)", since(&self.started))
            }
            ContainerStatus::Running => format!("Up {}{health}", since(&self.started)),
            ContainerStatus::Restarting => format!(
                "Restarting ({}) {} ago",
                self.exit_code.unwrap_or(0),
                since(&self.finished)
            ),
            ContainerStatus::Exited => format!(
                "Exited ({}) {} ago",
                self.exit_code.unwrap_or(0),
                since(&self.finished)
            ),
            ContainerStatus::Created => "Created".into(),
            ContainerStatus::Failed => "Failed to start".into(),
            ContainerStatus::Dead => "Dead".into(),
        }
    }
}

impl Runtime {
    pub fn load(&self, id: &str) -> Result<ContainerState, RuntimeError> {
        let path = self.container_dir(id).join("state.json");
        let data = fs::read(&path).map_err(|_| RuntimeError::NoSuchContainer(id.to_string()))?;
        serde_json::from_slice(&data).map_err(|e| RuntimeError::Container {
            id: id.to_string(),
            why: format!("unreadable state: {e}"),
        })
    }

    pub fn save(&self, st: &ContainerState) -> Result<(), RuntimeError> {
        let path = self.container_dir(&st.id).join("state.json");
        let data = serde_json::to_vec_pretty(st).expect("state serialises");
        // Container state describes processes, which do not survive a reboot.
        crate::store::write_replace(&path, &data, false).map_err(|source| RuntimeError::State {
            id: st.id.clone(),
            source,
        })
    }

    pub fn find_by_name(&self, name: &str) -> Result<Option<ContainerState>, RuntimeError> {
        Ok(self.list()?.into_iter().find(|c| c.name == name))
    }

    /// All containers ccr knows about. A name moving from one container to
    /// another ([`Runtime::names_locked`]) is seen before or after, whole.
    pub fn list(&self) -> Result<Vec<ContainerState>, RuntimeError> {
        let dir = self.layout.containers();
        let _shared = (!NAMES_HELD.load(std::sync::atomic::Ordering::SeqCst))
            .then(|| self.names_lock(false))
            .flatten();
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<ContainerState> = entries
            .flatten()
            .filter_map(|e| self.load(&e.file_name().to_string_lossy()).ok())
            .collect();
        out.sort_by(|a, b| b.created.cmp(&a.created));
        Ok(out)
    }
}

/// Whether this process holds the names lock exclusively.
static NAMES_HELD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Runtime {
    pub(super) fn names_lock(&self, exclusive: bool) -> Option<fs::File> {
        let f = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.layout.names_lock())
            .ok()?;
        let mode = if exclusive {
            rustix::fs::FlockOperation::LockExclusive
        } else {
            rustix::fs::FlockOperation::LockShared
        };
        rustix::fs::flock(&f, mode).ok()?;
        Some(f)
    }

    /// Runs `f` while no listing can see containers' names half-changed.
    pub fn names_locked<T>(&self, f: impl FnOnce() -> T) -> T {
        let lock = self.names_lock(true);
        NAMES_HELD.store(true, std::sync::atomic::Ordering::SeqCst);
        let out = f();
        NAMES_HELD.store(false, std::sync::atomic::Ordering::SeqCst);
        drop(lock);
        out
    }

    /// Gives container `id` the name `name` (another container's, which
    /// its caller is removing in the same [`Runtime::names_locked`]).
    pub fn take_name(&self, id: &str, name: &str) -> Result<ContainerState, RuntimeError> {
        let mut st = self.load(id)?;
        st.name = name.to_string();
        self.save(&st)?;
        Ok(st)
    }

    /// The layer snapshots containers use (their diff ids).
    pub fn layers_in_use(
        &self,
    ) -> Result<std::collections::HashSet<crate::digest::Digest>, RuntimeError> {
        let mut keep = std::collections::HashSet::new();
        for c in self.list()? {
            for layer in &c.layers {
                if let Some(Ok(d)) = layer.file_name().map(|n| {
                    format!("sha256:{}", n.to_string_lossy()).parse::<crate::digest::Digest>()
                }) {
                    keep.insert(d);
                }
            }
        }
        Ok(keep)
    }

    /// The names of the images containers were created from.
    pub fn images_in_use(&self) -> Result<std::collections::BTreeSet<String>, RuntimeError> {
        Ok(self.list()?.into_iter().map(|c| c.image).collect())
    }
}
