//! `destroy`: stop and remove containers, and wipe what only they used
//! (their writable layers, logs and state, and the layer snapshots no other
//! container uses), overwriting each file before it is unlinked. With
//! `all`, every container and snapshot goes, and in confidential-VM mode
//! the mode's memory-backed storage is unmounted.
//!
//! It survives being killed: each container's directory is first moved,
//! whole, into a wipe area beside a journal of the layers it used, and every
//! destroy first finishes what an earlier one left there.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::Context;
use crate::cvm::wipe::{Wiped, wipe};
use crate::digest::Digest;
use crate::error::Error;
use crate::runtime::{Runtime, RuntimeError};
use crate::unpack::snapshot::Snapshots;

/// What a destroy did, and what stays.
#[derive(Debug, Default, serde::Serialize)]
pub struct Destroyed {
    /// `(id, name)` of each container destroyed.
    pub containers: Vec<(String, String)>,
    /// Layer snapshots wiped.
    pub snapshots: usize,
    pub wiped: Wiped,
    /// The memory-backed storage unmounted (`all`, in the mode).
    pub unmounted: Option<PathBuf>,
    /// What is still on the persistent data root, said plainly.
    pub remains: Vec<String>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Destroys the containers `keys` (names or ids), or every one with `all`.
pub fn destroy(ctx: &Context, keys: &[String], all: bool) -> Result<Destroyed, Error> {
    let area = area(ctx)?;
    let runtime = Runtime::new(&ctx.layout);
    let mut out = Destroyed::default();
    let targets: Vec<String> = if all {
        runtime.list()?.into_iter().map(|c| c.id).collect()
    } else {
        let mut ids = Vec::new();
        for k in keys {
            match runtime.find(k) {
                Ok(st) => ids.push(st.id),
                // An earlier destroy got this far: what it left is finished below.
                Err(RuntimeError::NoSuchContainer(_)) if pending(&area, k)? => {}
                Err(e) => return Err(e.into()),
            }
        }
        ids
    };
    for id in targets {
        let st = stage(&runtime, &area, &id)?;
        out.containers.push((st.id, st.name));
    }
    finish(ctx, &runtime, &area, all, &mut out)?;
    Ok(out)
}

/// The wipe area of `ctx` (beside the plaintext it receives).
pub(super) fn area(ctx: &Context) -> Result<PathBuf, Error> {
    let area = ctx.layout.plaintext().join("wipe");
    fs::create_dir_all(&area).map_err(io(&area))?;
    Ok(area)
}

/// Removes container `id` into the wipe area, after a journal of the
/// layers it used: from here a destroy can finish it.
pub(super) fn stage(
    runtime: &Runtime,
    area: &Path,
    id: &str,
) -> Result<crate::runtime::ContainerState, Error> {
    let st = runtime.find(id)?;
    let layers: Vec<String> = st
        .layers
        .iter()
        .filter_map(|l| l.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let journal = area.join(format!("{}.layers", st.id));
    crate::private_file::write(
        &journal,
        layers.join("\n").as_bytes(),
        0o600,
        crate::private_file::Existing::Replace,
    )
    .map_err(io(&journal))?;
    runtime.remove_into(&st.id, &area.join(&st.id))?;
    Ok(st)
}

/// Wipes what the wipe area holds, and the layers its journals name that
/// no container uses any more (with `all`, every snapshot).
pub(super) fn finish(
    ctx: &Context,
    runtime: &Runtime,
    area: &Path,
    all: bool,
    out: &mut Destroyed,
) -> Result<(), Error> {
    // Layers whose last user is gone; with `all`, every snapshot.
    let snapshots = Snapshots::open(&ctx.layout)?;
    let in_use: HashSet<Digest> = runtime.layers_in_use()?;
    let mut candidates: Vec<String> = Vec::new();
    for entry in fs::read_dir(area).map_err(io(area))?.flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "layers") {
            let text = fs::read_to_string(&p).map_err(io(&p))?;
            candidates.extend(text.lines().map(str::to_string));
        }
    }
    if all {
        let dir = ctx.layout.snapshots().join("layers");
        if let Ok(entries) = fs::read_dir(&dir) {
            candidates.extend(
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned()),
            );
        }
    }
    candidates.sort();
    candidates.dedup();
    for hex in candidates {
        let Ok(d) = format!("sha256:{hex}").parse::<Digest>() else {
            continue;
        };
        if in_use.contains(&d) {
            continue;
        }
        let from = snapshots.layer_dir(&d);
        let to = area.join(format!("layer-{hex}"));
        match fs::rename(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&from)(e)),
        }
    }
    // Containers' directories and layers, then the journals: a journal goes
    // only once what it names is gone.
    let mut entries: Vec<PathBuf> = fs::read_dir(area)
        .map_err(io(area))?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort_by_key(|p| p.extension().is_some_and(|e| e == "layers"));
    for p in entries {
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("layer-"))
        {
            out.snapshots += 1;
        }
        out.wiped += wipe(&p).map_err(io(&p))?;
    }
    if all {
        let _ = fs::remove_dir(area);
        if ctx.cvm.is_some() {
            let dir = ctx.layout.plaintext().to_path_buf();
            if crate::cvm::storage::mounted_at(&dir) {
                wipe_rest(&dir, out)?;
                unmount_when_free(&dir).map_err(|e| Error::Io {
                    path: dir.clone(),
                    source: e.into(),
                })?;
                let _ = fs::remove_dir(&dir);
                out.unmounted = Some(dir);
            }
        }
    }
    out.remains = remains(ctx)?;
    Ok(())
}

/// Unmounts the mode's storage once nothing holds it: the processes of a
/// container just killed may still pin its (lazily unmounted) root for a
/// moment, and the storage is busy until they are gone (waited for at
/// most ten seconds).
fn unmount_when_free(dir: &Path) -> rustix::io::Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match rustix::mount::unmount(dir, rustix::mount::UnmountFlags::empty()) {
            Err(rustix::io::Errno::BUSY) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

/// Whether an earlier destroy left the container `key` (id or prefix) in
/// the wipe area.
fn pending(area: &Path, key: &str) -> Result<bool, Error> {
    Ok(fs::read_dir(area).map_err(io(area))?.flatten().any(|e| {
        let n = e.file_name().to_string_lossy().into_owned();
        !n.starts_with("layer-") && n.trim_end_matches(".layers").starts_with(key)
    }))
}

/// Everything else on the mode's storage before it is unmounted (what no
/// container used any more: stray scratch, run state).
fn wipe_rest(dir: &Path, out: &mut Destroyed) -> Result<(), Error> {
    for entry in fs::read_dir(dir).map_err(io(dir))?.flatten() {
        let p = entry.path();
        out.wiped += wipe(&p).map_err(io(&p))?;
    }
    Ok(())
}

/// What persists on the data root after a destroy.
fn remains(ctx: &Context) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let images = ctx.images.store.images()?.len();
    if images > 0 {
        out.push(format!(
            "{images} image(s) in the content store as pulled (encrypted layers stay encrypted); ccr rmi removes them"
        ));
    }
    if ctx.cvm.is_none() {
        let left = ctx.layout.snapshots().join("layers");
        let n = fs::read_dir(&left).map(|d| d.count()).unwrap_or(0);
        if n > 0 {
            out.push(format!(
                "{n} layer snapshot(s) that other containers use, in {}",
                left.display()
            ));
        }
        out.push(
            "outside confidential-VM mode the wiped files were on disk: they were overwritten in place, but a journaling file system or an SSD may keep older copies of their blocks"
                .into(),
        );
    }
    Ok(out)
}
