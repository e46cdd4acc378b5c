//! `compose down`: the project's containers stopped (what depends on
//! others first; services of the same depth in parallel) and removed,
//! then its networks, and with `-v` its named and anonymous volumes.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use super::{Report, containers, is_oneoff, service_of};
use crate::compose::ProjectModel;
use crate::engine::Context;
use crate::engine::containers::Containers;
use crate::error::Error;
use crate::runtime::ContainerState;

#[derive(Clone, Debug, Default)]
pub struct DownOptions {
    /// `-v`: the project's volumes too.
    pub volumes: bool,
    pub remove_orphans: bool,
    /// `-t`: instead of each service's stop_grace_period.
    pub timeout: Option<Duration>,
}

/// How deep in the dependency graph each service is (1: depends on none).
pub fn depths(model: &ProjectModel) -> BTreeMap<String, usize> {
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    for s in model.start_order() {
        let d = s
            .depends_on
            .keys()
            .filter_map(|d| depth.get(d))
            .max()
            .copied()
            .unwrap_or(0);
        depth.insert(s.name.clone(), d + 1);
    }
    depth
}

/// Stops and removes `list`, the deepest services first, each depth's
/// containers in parallel.
pub fn stop_and_remove(
    ctrs: &Containers,
    model: &ProjectModel,
    list: Vec<ContainerState>,
    timeout: Option<Duration>,
    remove: bool,
    report: &dyn Report,
) -> Result<(), Error> {
    let rt = ctrs.runtime();
    let depth = depths(model);
    let mut levels: BTreeMap<usize, Vec<ContainerState>> = BTreeMap::new();
    for c in list {
        // One-off and orphan containers go first (depth beyond any service).
        let d = if is_oneoff(&c) {
            usize::MAX
        } else {
            depth.get(service_of(&c)).copied().unwrap_or(usize::MAX - 1)
        };
        levels.entry(d).or_default().push(c);
    }
    for (_, level) in levels.into_iter().rev() {
        super::parallel(&level, |c| -> Result<(), Error> {
            let grace = timeout.unwrap_or_else(|| super::grace(model.service(service_of(c))));
            if c.status.is_running() || c.status == crate::runtime::ContainerStatus::Restarting {
                report.event("Container", &c.name, "Stopping");
                rt.stop(&c.id, grace, None)?;
                report.event("Container", &c.name, "Stopped");
            }
            if remove {
                report.event("Container", &c.name, "Removing");
                rt.remove(&c.id, true)?;
                report.event("Container", &c.name, "Removed");
            }
            Ok(())
        })?;
    }
    Ok(())
}

pub fn down(
    ctx: &Context,
    model: &ProjectModel,
    opts: &DownOptions,
    report: &dyn Report,
) -> Result<(), Error> {
    let ctrs = Containers::new(ctx);
    let rt = ctrs.runtime();
    let all = containers(rt, &model.name)?;
    let (ours, orphans): (Vec<ContainerState>, Vec<ContainerState>) = all
        .into_iter()
        .partition(|c| is_oneoff(c) || model.service(service_of(c)).is_some());
    if !orphans.is_empty() && !opts.remove_orphans {
        let names: Vec<&str> = orphans.iter().map(|c| c.name.as_str()).collect();
        eprintln!(
            "WARN[0000] Found orphan containers ([{}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.",
            names.join(" ")
        );
    }
    let mut going = ours;
    if opts.remove_orphans {
        going.extend(orphans);
    }
    // Anonymous volumes of these containers (named volumes of the project
    // are the model's).
    let named: BTreeSet<&str> = model.volumes.values().map(|v| v.name.as_str()).collect();
    let anonymous: Vec<String> = going
        .iter()
        .flat_map(|c| c.options.volumes.iter())
        .filter_map(|v| v.name.clone())
        .filter(|n| !named.contains(n.as_str()) && n.len() == 64)
        .collect();
    stop_and_remove(&ctrs, model, going, opts.timeout, true, report)?;
    for n in model.networks.values() {
        if n.external {
            continue;
        }
        let Ok(rec) = rt.networks().get(&n.name) else {
            continue;
        };
        if rec.labels.get(super::label::PROJECT) != Some(&model.name) {
            continue;
        }
        report.event("Network", &n.name, "Removing");
        rt.network_remove(&n.name)?;
        report.event("Network", &n.name, "Removed");
    }
    if opts.volumes {
        for v in model.volumes.values().filter(|v| !v.external) {
            if rt.volume(&v.name).is_ok() {
                rt.volume_remove(&v.name)?;
                report.event("Volume", &v.name, "Removed");
            }
        }
        for v in anonymous {
            if rt.volume(&v).is_ok() {
                rt.volume_remove(&v)?;
                report.event("Volume", &v, "Removed");
            }
        }
    }
    let scratch = ctx.layout.plaintext().join("compose").join(&model.name);
    let _ = std::fs::remove_dir_all(scratch);
    Ok(())
}
