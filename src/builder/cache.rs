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
        let data = fs::read(self.dir.join(key.hex())).ok()?;
        let e: Entry = serde_json::from_slice(&data).ok()?;
        match e.layer {
            Some(l) if !store.has_blob(&l.desc.digest, Some(l.desc.size)) => None,
            other => Some(other),
        }
    }

    pub fn put(&self, store: &Store, key: &Digest, layer: Option<&Layer>) -> Result<()> {
        if let Some(l) = layer {
            store.pin(&format!("{PIN_PREFIX}{}", key.hex()), &l.desc)?;
        }
        let data = serde_json::to_vec(&Entry {
            layer: layer.cloned(),
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
