//! The build cache: for each step key (a digest of the parent state and
//! the step), the layer the step produced, or that it produced none. The
//! layer blobs are pinned in the store so image garbage collection keeps
//! them; `ccr builder prune` drops the cache.

use std::fs;
use std::path::PathBuf;

use super::layer::Layer;
use super::{BuildError, Result};
use crate::digest::Digest;
use crate::layout::Layout;
use crate::store::Store;

const PIN_PREFIX: &str = "build-cache-";

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    layer: Option<Layer>,
    /// Builds that took the step from the cache.
    #[serde(default)]
    uses: u64,
    /// When one last did (RFC 3339).
    #[serde(default)]
    last_used: Option<String>,
}

/// One build cache record, as `system df -v` lists it.
#[derive(Clone, Debug)]
pub struct CacheRecord {
    /// The step key (or the cache mount's id).
    pub id: String,
    /// docker's kinds: `regular` for a step's result, `exec.cachemount`
    /// for a `RUN --mount=type=cache` directory.
    pub kind: &'static str,
    pub size: u64,
    pub created: Option<chrono::DateTime<chrono::Utc>>,
    pub last_used: Option<chrono::DateTime<chrono::Utc>>,
    pub uses: u64,
    /// The step's layer, which an image may share.
    pub layer: Option<Digest>,
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn open(layout: &Layout) -> Result<Cache> {
        let dir = layout.build_cache();
        fs::create_dir_all(&dir).map_err(|e| BuildError::Io {
            what: format!("{}: create directory", dir.display()),
            source: e,
        })?;
        Ok(Cache { dir })
    }

    /// The recorded result of step `key`, if it is still usable (`Some(None)`:
    /// the step changed no files).
    pub fn get(&self, store: &Store, key: &Digest) -> Option<Option<Layer>> {
        let path = self.dir.join(key.hex());
        let data = fs::read(&path).ok()?;
        let mut e: Entry = serde_json::from_slice(&data).ok()?;
        if let Some(l) = &e.layer
            && !store.has_blob(&l.desc.digest, Some(l.desc.size))
        {
            return None;
        }
        // Counted for `system df -v`; a count that cannot be written
        // costs the build nothing.
        e.uses += 1;
        e.last_used = Some(chrono::Utc::now().to_rfc3339());
        if let Ok(data) = serde_json::to_vec(&e) {
            let _ = crate::store::write_replace(&path, &data, false);
        }
        Some(e.layer)
    }

    pub fn put(&self, store: &Store, key: &Digest, layer: Option<&Layer>) -> Result<()> {
        if let Some(l) = layer {
            store.pin(&format!("{PIN_PREFIX}{}", key.hex()), &l.desc)?;
        }
        let data = serde_json::to_vec(&Entry {
            layer: layer.cloned(),
            uses: 0,
            last_used: None,
        })
        .expect("cache entries serialise");
        crate::store::write_replace(&self.dir.join(key.hex()), &data, false)?;
        Ok(())
    }
}

impl Cache {
    /// The time a build whose final state is `key` was first exported: a
    /// rebuild of the same steps and inputs dates its image the same, so
    /// it is the same image (docker gives a fully cached build the same id).
    pub fn created(&self, key: &Digest) -> String {
        let path = self.dir.join(format!("created-{}", key.hex()));
        if let Ok(t) = fs::read_to_string(&path)
            && chrono::DateTime::parse_from_rfc3339(t.trim()).is_ok()
        {
            return t.trim().to_string();
        }
        let t = crate::image::creation_time();
        let _ = crate::store::write_replace(&path, t.as_bytes(), false);
        t
    }
}

/// The build cache's records: each step's result and each cache mount,
/// oldest first.
pub fn records(layout: &Layout) -> Vec<CacheRecord> {
    let created = |m: &fs::Metadata| m.modified().ok().map(chrono::DateTime::<chrono::Utc>::from);
    let mut out = Vec::new();
    for e in fs::read_dir(layout.build_cache())
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("created-") || name.starts_with('.') {
            continue;
        }
        let Ok(data) = crate::bounded::read(&e.path(), crate::bounded::CONFIG_FILE) else {
            continue;
        };
        let Ok(entry) = serde_json::from_slice::<Entry>(&data) else {
            continue;
        };
        let meta = e.metadata().ok();
        let made = meta.as_ref().and_then(created);
        out.push(CacheRecord {
            id: name,
            kind: "regular",
            size: entry.layer.as_ref().map_or(0, |l| l.desc.size),
            created: made,
            last_used: entry
                .last_used
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&chrono::Utc))
                .or(made),
            uses: entry.uses,
            layer: entry.layer.map(|l| l.desc.digest),
        });
    }
    for e in fs::read_dir(layout.build_cache_mounts())
        .into_iter()
        .flatten()
        .flatten()
    {
        let p = e.path();
        if !p.is_dir() {
            continue;
        }
        let made = e.metadata().ok().as_ref().and_then(created);
        out.push(CacheRecord {
            id: e.file_name().to_string_lossy().into_owned(),
            kind: "exec.cachemount",
            size: crate::unpack::tree_bytes(&p),
            created: made,
            last_used: made,
            uses: 0,
            layer: None,
        });
    }
    out.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    out
}

/// Empties the build cache and the `RUN --mount=type=cache` directories;
/// returns the entries dropped and the bytes reclaimed.
pub fn prune(store: &Store, layout: &Layout) -> Result<(usize, u64)> {
    let dir = layout.build_cache();
    let mut entries = 0;
    let mut reclaimed = 0;
    if let Ok(list) = fs::read_dir(&dir) {
        for e in list.flatten() {
            if fs::remove_file(e.path()).is_ok() {
                entries += 1;
            }
        }
    }
    if let Ok(list) = fs::read_dir(layout.build_cache_mounts()) {
        for e in list.flatten() {
            let p = e.path();
            if p.is_dir() {
                let bytes = crate::unpack::tree_bytes(&p);
                if fs::remove_dir_all(&p).is_ok() {
                    entries += 1;
                    reclaimed += bytes;
                }
            } else {
                let _ = fs::remove_file(&p);
            }
        }
    }
    for (name, _) in store.pins()? {
        if name.starts_with(PIN_PREFIX) {
            store.unpin(&name)?;
        }
    }
    reclaimed += store.gc(true, &[])?.map(|r| r.reclaimed_bytes).unwrap_or(0);
    Ok((entries, reclaimed))
}
