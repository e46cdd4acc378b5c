//! Freeing space across modules: containers (runtime), images and their
//! layer snapshots (image service, unpack), volumes, the build cache. What
//! a container uses is kept.

use std::collections::HashSet;

use super::Context;
use crate::error::Error;
use crate::image::{PruneReport, RemoveReport};
use crate::runtime::Runtime;
use crate::unpack::snapshot::Snapshots;

/// Removes layer snapshots that no local image and no container uses any
/// more; returns how many went.
pub fn snapshots(ctx: &Context) -> Result<usize, Error> {
    let mut keep: HashSet<_> = Runtime::new(&ctx.layout).layers_in_use()?;
    for rec in ctx.images.store.images()? {
        for img in ctx.images.platform_images(&rec.target).unwrap_or_default() {
            keep.extend(img.config.rootfs.diff_ids.iter().cloned());
        }
    }
    Ok(Snapshots::open(&ctx.layout)?.remove_unused(&keep)?)
}

/// `image prune [-a]`: unused images (`all`: every image no container
/// uses), then the layer snapshots nothing needs any more.
pub fn images(
    ctx: &Context,
    all: bool,
    filter: &crate::filters::PruneFilter,
) -> Result<PruneReport, Error> {
    let in_use = Runtime::new(&ctx.layout).images_in_use()?;
    let report = ctx.images.prune(all, &in_use, filter)?;
    snapshots(ctx)?;
    Ok(report)
}

/// `rmi`: each name's outcome (an image a container uses needs `force`),
/// then the content and snapshots nothing references.
pub fn remove_images(
    ctx: &Context,
    names: &[String],
    force: bool,
) -> Result<Vec<Result<RemoveReport, Error>>, Error> {
    let in_use = Runtime::new(&ctx.layout).images_in_use()?;
    let out = names
        .iter()
        .map(|n| ctx.images.remove(n, force, &in_use).map_err(Error::from))
        .collect();
    ctx.images.collect_garbage()?;
    snapshots(ctx)?;
    Ok(out)
}

/// Removed items with the bytes each freed.
pub type Removed = Vec<(String, u64)>;

/// `container prune`: every container that is not running.
pub fn containers(
    ctx: &Context,
    filter: &crate::runtime::filter::Filter,
) -> Result<Removed, Error> {
    Ok(Runtime::new(&ctx.layout).prune(filter)?)
}

/// What `system prune` removed.
#[derive(Debug, Default)]
pub struct SystemReport {
    pub containers: Removed,
    pub volumes: Removed,
    pub images: PruneReport,
    pub cache_entries: usize,
    pub cache_bytes: u64,
}

impl SystemReport {
    pub fn reclaimed(&self) -> u64 {
        self.containers.iter().map(|(_, b)| *b).sum::<u64>()
            + self.volumes.iter().map(|(_, b)| *b).sum::<u64>()
            + self.images.reclaimed_bytes
            + self.cache_bytes
    }
}

/// `system prune`: stopped containers, unused volumes (`volumes`),
/// dangling images (every unused one with `all`) and the build cache.
pub fn system(ctx: &Context, all: bool, volumes: bool) -> Result<SystemReport, Error> {
    let rt = Runtime::new(&ctx.layout);
    let containers = rt.prune(&Default::default())?;
    let volumes = if volumes {
        rt.volume_prune()?
    } else {
        Vec::new()
    };
    let images = images(ctx, all, &Default::default())?;
    let (cache_entries, cache_bytes) = build_cache(ctx)?;
    Ok(SystemReport {
        containers,
        volumes,
        images,
        cache_entries,
        cache_bytes,
    })
}

/// `builder prune`: the build cache and its mounts; entries and bytes freed.
pub fn build_cache(ctx: &Context) -> Result<(usize, u64), Error> {
    Ok(crate::builder::prune_cache(&ctx.images.store, &ctx.layout)?)
}

/// Removes an image this command stored, with its content and snapshots.
pub fn forget(ctx: &Context, name: &str) -> Result<(), Error> {
    ctx.images.store.remove_images(&[name.to_string()])?;
    ctx.images.collect_garbage()?;
    snapshots(ctx)?;
    Ok(())
}
