//! Named volumes (`-v NAME:/path`, `ccr volume …`): directories under the
//! data root (`volumes/NAME/_data`, docker's layout) that outlive the
//! containers using them. A new, empty volume mounted over a path the image
//! has files at is filled with them first, as docker does.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Runtime, RuntimeError, io_err};

/// What `volume inspect` shows (docker's field names).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VolumeInfo {
    pub name: String,
    pub driver: String,
    pub mountpoint: PathBuf,
    pub created_at: String,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    pub scope: String,
}

/// docker's volume names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
pub fn valid_name(name: &str) -> bool {
    super::is_docker_name(name, 2, usize::MAX)
}

impl Runtime {
    fn volumes_dir(&self) -> PathBuf {
        self.layout.volumes()
    }

    /// Creates volume `name` (a random one when `None`); an existing one
    /// is returned as it is.
    pub fn volume_create(
        &self,
        name: Option<&str>,
        labels: BTreeMap<String, String>,
    ) -> Result<VolumeInfo, RuntimeError> {
        let name = match name {
            Some(n) if !valid_name(n) => {
                return Err(RuntimeError::Config(format!(
                    "invalid volume name {n:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
                )));
            }
            Some(n) => n.to_string(),
            None => super::random_id()?,
        };
        if let Ok(v) = self.volume(&name) {
            return Ok(v);
        }
        let dir = self.volumes_dir().join(&name);
        let data = dir.join("_data");
        fs::create_dir_all(&data).map_err(io_err(&data, "create volume"))?;
        let info = VolumeInfo {
            name,
            driver: "local".into(),
            mountpoint: data,
            created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            labels,
            scope: "local".into(),
        };
        let meta = dir.join("volume.json");
        fs::write(&meta, serde_json::to_vec_pretty(&info).expect("serialises"))
            .map_err(io_err(&meta, "write"))?;
        super::events::record(
            &self.layout,
            "volume",
            "create",
            &info.name,
            &[("driver", "local")],
        );
        Ok(info)
    }

    pub fn volume(&self, name: &str) -> Result<VolumeInfo, RuntimeError> {
        let meta = self.volumes_dir().join(name).join("volume.json");
        if !valid_name(name) || !meta.exists() {
            return Err(RuntimeError::Config(format!("no such volume: {name}")));
        }
        let data = fs::read(&meta).map_err(io_err(&meta, "read"))?;
        serde_json::from_slice(&data)
            .map_err(|e| RuntimeError::Config(format!("{}: {e}", meta.display())))
    }

    pub fn volume_list(&self) -> Result<Vec<VolumeInfo>, RuntimeError> {
        let mut out: Vec<VolumeInfo> = fs::read_dir(self.volumes_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| self.volume(&e.file_name().to_string_lossy()).ok())
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The containers (any state) that mount volume `name`.
    pub fn volume_users(&self, name: &str) -> Result<Vec<String>, RuntimeError> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|c| {
                c.options
                    .volumes
                    .iter()
                    .any(|v| v.name.as_deref() == Some(name))
            })
            .map(|c| c.id[..12].to_string())
            .collect())
    }

    /// Removes volume `name` and its data, unless a container uses it.
    pub fn volume_remove(&self, name: &str) -> Result<(), RuntimeError> {
        self.volume(name)?;
        let users = self.volume_users(name)?;
        if !users.is_empty() {
            return Err(RuntimeError::Config(format!(
                "remove {name}: volume is in use - [{}]",
                users.join(", ")
            )));
        }
        let dir = self.volumes_dir().join(name);
        fs::remove_dir_all(&dir).map_err(io_err(&dir, "remove volume"))?;
        super::events::record(
            &self.layout,
            "volume",
            "destroy",
            name,
            &[("driver", "local")],
        );
        Ok(())
    }

    /// Removes every volume no container uses; their names and sizes.
    pub fn volume_prune(&self) -> Result<Vec<(String, u64)>, RuntimeError> {
        self.volume_prune_where(|_| true)
    }

    /// [`Runtime::volume_prune`] of the volumes `admit` lets through.
    pub fn volume_prune_where(
        &self,
        admit: impl Fn(&VolumeInfo) -> bool,
    ) -> Result<Vec<(String, u64)>, RuntimeError> {
        let mut removed = Vec::new();
        for v in self.volume_list()? {
            if admit(&v) && self.volume_users(&v.name)?.is_empty() {
                let bytes = crate::unpack::tree_bytes(&v.mountpoint);
                self.volume_remove(&v.name)?;
                removed.push((v.name, bytes));
            }
        }
        Ok(removed)
    }
}

/// Fills an empty volume directory with what the image has at `target`
/// (under `rootfs`), owners and modes kept, as docker does on first use.
pub(super) fn fill_from_image(
    data: &Path,
    rootfs: &Path,
    target: &str,
) -> Result<(), RuntimeError> {
    let empty = fs::read_dir(data)
        .map_err(io_err(data, "read"))?
        .next()
        .is_none();
    let parts: Vec<PathBuf> = Path::new(target)
        .components()
        .skip(1)
        .map(|c| PathBuf::from(c.as_os_str()))
        .collect();
    let at = crate::unpack::resolve_in_root(rootfs, &parts).map_err(io_err(rootfs, "resolve"))?;
    if empty && at.is_dir() {
        super::copy::copy_contents(&at, data)?;
    }
    Ok(())
}
