//! `system df`: what the data root holds, by kind, and what a prune would
//! free (docker's rows, and the partial downloads a pull left).

use std::collections::HashSet;

use super::Context;
use crate::error::Error;
use crate::runtime::Runtime;
use crate::unpack::tree_bytes;

/// One row of `system df`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Usage {
    pub kind: &'static str,
    pub total: usize,
    pub active: usize,
    pub size: u64,
    pub reclaimable: u64,
}

/// Images (their blobs; shared ones counted once), containers (their
/// writable layers), volumes, the build cache and partial downloads.
pub fn df(ctx: &Context) -> Result<Vec<Usage>, Error> {
    let rt = Runtime::new(&ctx.layout);
    let store = &ctx.images.store;
    let containers: Vec<_> = rt.list()?.into_iter().map(|c| rt.refresh(c)).collect();
    let in_use: HashSet<String> = containers.iter().map(|c| c.image.clone()).collect();
    let records = store.images()?;
    let blobs = |recs: &mut dyn Iterator<Item = &crate::store::ImageRecord>| -> HashSet<_> {
        let targets: Vec<_> = recs.map(|r| r.target.clone()).collect();
        store.reachable(&targets)
    };
    let all = blobs(&mut records.iter());
    let used = blobs(&mut records.iter().filter(|r| in_use.contains(&r.name)));
    let bytes = |set: &HashSet<crate::digest::Digest>| -> u64 {
        set.iter().filter_map(|d| store.blob_size(d)).sum()
    };
    let image_size = bytes(&all);
    let images = Usage {
        kind: "Images",
        total: records.len(),
        active: records.iter().filter(|r| in_use.contains(&r.name)).count(),
        size: image_size,
        reclaimable: image_size - bytes(&used).min(image_size),
    };
    let upper = |id: &str| tree_bytes(&rt.container_dir(id).join("upper"));
    let size: u64 = containers.iter().map(|c| upper(&c.id)).sum();
    let running: Vec<_> = containers
        .iter()
        .filter(|c| c.status.is_running())
        .collect();
    let containers_row = Usage {
        kind: "Containers",
        total: containers.len(),
        active: running.len(),
        size,
        reclaimable: size - running.iter().map(|c| upper(&c.id)).sum::<u64>().min(size),
    };
    let mut volumes = Usage {
        kind: "Local Volumes",
        total: 0,
        active: 0,
        size: 0,
        reclaimable: 0,
    };
    for v in rt.volume_list()? {
        let b = tree_bytes(&v.mountpoint);
        volumes.total += 1;
        volumes.size += b;
        if rt.volume_users(&v.name)?.is_empty() {
            volumes.reclaimable += b;
        } else {
            volumes.active += 1;
        }
    }
    let cache = crate::builder::cache_records(&ctx.layout);
    let cache_size: u64 = cache.iter().map(|c| c.size).sum();
    let build_cache = Usage {
        kind: "Build Cache",
        total: cache.len(),
        active: 0,
        size: cache_size,
        reclaimable: cache_size,
    };
    let ingest = ctx.layout.content().join("ingest");
    let partial: Vec<u64> = std::fs::read_dir(&ingest)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file() && m.len() > 0)
        .map(|m| m.len())
        .collect();
    let downloads = Usage {
        kind: "Partial Downloads",
        total: partial.len(),
        active: 0,
        size: partial.iter().sum(),
        reclaimable: partial.iter().sum(),
    };
    let mut rows = vec![images, containers_row, volumes, build_cache];
    // ccr's own row (a pull cut short resumes from them): shown when there
    // are any, so that the usual listing is docker's.
    if downloads.total > 0 {
        rows.push(downloads);
    }
    Ok(rows)
}

/// One image in `system df -v`: its blobs' bytes, those it shares with
/// other images, and the containers made from it.
#[derive(Clone, Debug)]
pub struct ImageUse {
    pub summary: crate::image::ImageSummary,
    pub size: u64,
    pub shared: u64,
    pub containers: usize,
}

/// One container in `system df -v`.
#[derive(Clone, Debug)]
pub struct ContainerUse {
    pub state: crate::runtime::ContainerState,
    /// Named volumes it mounts.
    pub volumes: Vec<String>,
    /// Its writable layer's bytes.
    pub size: u64,
}

/// One volume in `system df -v`.
#[derive(Clone, Debug)]
pub struct VolumeUse {
    pub volume: crate::runtime::VolumeInfo,
    /// Containers that mount it.
    pub links: usize,
    pub size: u64,
}

/// One build cache record in `system df -v`, and whether an image holds
/// its layer too.
#[derive(Clone, Debug)]
pub struct CacheUse {
    pub record: crate::builder::CacheRecord,
    pub shared: bool,
}

/// `system df -v`: each image, container, volume and build cache record.
#[derive(Clone, Debug)]
pub struct Detail {
    pub images: Vec<ImageUse>,
    pub containers: Vec<ContainerUse>,
    pub volumes: Vec<VolumeUse>,
    pub cache: Vec<CacheUse>,
}

pub fn detail(ctx: &Context) -> Result<Detail, Error> {
    let rt = Runtime::new(&ctx.layout);
    let store = &ctx.images.store;
    let containers: Vec<_> = rt.list()?.into_iter().map(|c| rt.refresh(c)).collect();
    let records = store.images()?;
    let summaries = ctx.images.list(None)?;
    let reach: Vec<HashSet<crate::digest::Digest>> = records
        .iter()
        .map(|r| store.reachable(std::slice::from_ref(&r.target)))
        .collect();
    let bytes = |set: &mut dyn Iterator<Item = &crate::digest::Digest>| -> u64 {
        set.filter_map(|d| store.blob_size(d)).sum()
    };
    // Which image ids hold each blob, counted once for all images.
    let mut holders: std::collections::HashMap<
        &crate::digest::Digest,
        HashSet<&crate::digest::Digest>,
    > = std::collections::HashMap::new();
    for (rec, set) in records.iter().zip(&reach) {
        for d in set {
            holders.entry(d).or_default().insert(&rec.target.digest);
        }
    }
    let mut images = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let Some(summary) = summaries.iter().find(|s| s.name == rec.name).cloned() else {
            continue;
        };
        images.push(ImageUse {
            summary,
            size: bytes(&mut reach[i].iter()),
            // Shared: held by an image of another id too.
            shared: bytes(&mut reach[i].iter().filter(|d| holders[*d].len() > 1)),
            containers: containers.iter().filter(|c| c.image == rec.name).count(),
        });
    }
    let container_rows = containers
        .iter()
        .map(|c| ContainerUse {
            volumes: c
                .options
                .volumes
                .iter()
                .filter_map(|v| v.name.clone())
                .collect(),
            size: tree_bytes(&rt.container_dir(&c.id).join("upper")),
            state: c.clone(),
        })
        .collect();
    let mut volumes = Vec::new();
    for v in rt.volume_list()? {
        volumes.push(VolumeUse {
            links: rt.volume_users(&v.name)?.len(),
            size: tree_bytes(&v.mountpoint),
            volume: v,
        });
    }
    let held: HashSet<&crate::digest::Digest> = reach.iter().flatten().collect();
    let cache = crate::builder::cache_records(&ctx.layout)
        .into_iter()
        .map(|record| CacheUse {
            shared: record.layer.as_ref().is_some_and(|d| held.contains(d)),
            record,
        })
        .collect();
    Ok(Detail {
        images,
        containers: container_rows,
        volumes,
        cache,
    })
}
