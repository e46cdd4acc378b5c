//! `ccr system prune` and `ccr system info`.

use clap::Subcommand;

use crate::engine::Context;
use crate::error::Error;

#[derive(Subcommand, Debug)]
pub enum SystemCommand {
    /// Remove stopped containers, dangling images (all unused ones with -a) and the build cache
    Prune {
        /// Remove all unused images, not only dangling ones
        #[arg(short, long)]
        all: bool,
        /// Also remove volumes no container uses
        #[arg(long)]
        volumes: bool,
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
    },
    /// Display system-wide information
    Info(super::flags::FormatArg),
    /// Show what the data root holds and what a prune would free
    Df {
        /// Format the output: table, json, or a template
        #[arg(long)]
        format: Option<String>,
        /// Show each image, container, volume and build cache record
        #[arg(short, long)]
        verbose: bool,
    },
}

/// `ccr version [--format T]`.
pub fn version(f: &super::flags::FormatArg) -> Result<i32, Error> {
    let v = crate::engine::system::version();
    let format = crate::format::Format::parse(f.format.as_deref())?;
    if format == crate::format::Format::Table {
        print!("{}", v.text());
    } else {
        println!("{}", format.render(&v)?);
    }
    Ok(0)
}

/// `system df -v`: docker's four sections, or with `--format` one object
/// holding them.
fn df_verbose(ctx: &Context, format: &crate::format::Format) -> Result<i32, Error> {
    use crate::format::{human_since, human_size};
    let d = crate::engine::df::detail(ctx)?;
    let since = |t: &Option<chrono::DateTime<chrono::Utc>>| {
        human_since(t.map(|t| t.to_rfc3339()).as_deref())
    };
    let images: Vec<serde_json::Value> = d
        .images
        .iter()
        .map(|i| {
            serde_json::json!({
                "Repository": i.summary.repository, "Tag": i.summary.tag,
                "ID": i.summary.full_id, "Digest": i.summary.digest,
                "CreatedAt": i.summary.created_at, "CreatedSince": i.summary.created_since,
                "Size": human_size(i.size), "SharedSize": human_size(i.shared),
                "UniqueSize": human_size(i.size - i.shared.min(i.size)),
                "Containers": i.containers.to_string(),
            })
        })
        .collect();
    let containers: Vec<serde_json::Value> = d
        .containers
        .iter()
        .map(|c| {
            let s = &c.state;
            let (repo, tag) = crate::engine::types::split_name(&s.image);
            serde_json::json!({
                "ID": s.id, "Image": format!("{repo}:{tag}"),
                "Command": super::container::quoted_command(&s.command, false),
                "LocalVolumes": c.volumes.len().to_string(), "Mounts": c.volumes.join(","),
                "Size": human_size(c.size), "CreatedAt": s.created,
                "RunningFor": human_since(Some(&s.created)),
                "State": s.state_name(), "Status": s.status_text(), "Names": s.name,
            })
        })
        .collect();
    let volumes: Vec<serde_json::Value> = d
        .volumes
        .iter()
        .map(|v| {
            serde_json::json!({
                "Name": v.volume.name, "Driver": v.volume.driver, "Scope": v.volume.scope,
                "Mountpoint": v.volume.mountpoint, "Links": v.links.to_string(),
                "Size": human_size(v.size),
            })
        })
        .collect();
    let cache: Vec<serde_json::Value> = d
        .cache
        .iter()
        .map(|c| {
            let r = &c.record;
            serde_json::json!({
                "ID": r.id, "CacheType": r.kind, "Size": human_size(r.size),
                "CreatedSince": since(&r.created), "LastUsedSince": since(&r.last_used),
                "UsageCount": r.uses.to_string(), "Shared": c.shared.to_string(),
            })
        })
        .collect();
    if *format != crate::format::Format::Table {
        let all = serde_json::json!({
            "Images": images, "Containers": containers, "Volumes": volumes, "BuildCache": cache,
        });
        println!("{}", format.render(&all)?);
        return Ok(0);
    }
    let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let section = |out: &mut dyn std::io::Write,
                   header: &[&str],
                   rows: &[serde_json::Value],
                   keys: &[&str],
                   cut: &dyn Fn(&str, String) -> String| {
        let mut table = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
        for r in rows {
            table.push(keys.iter().map(|k| cut(k, text(r, k))).collect());
        }
        super::print_table(&mut &mut *out, &table);
    };
    let short = |k: &str, v: String| match k {
        "ID" => v
            .strip_prefix("sha256:")
            .unwrap_or(&v)
            .chars()
            .take(12)
            .collect(),
        _ => v,
    };
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    let _ = writeln!(out, "Images space usage:\n");
    section(
        &mut out,
        &[
            "REPOSITORY",
            "TAG",
            "IMAGE ID",
            "CREATED",
            "SIZE",
            "SHARED SIZE",
            "UNIQUE SIZE",
            "CONTAINERS",
        ],
        &images,
        &[
            "Repository",
            "Tag",
            "ID",
            "CreatedSince",
            "Size",
            "SharedSize",
            "UniqueSize",
            "Containers",
        ],
        &short,
    );
    let _ = writeln!(out, "\nContainers space usage:\n");
    section(
        &mut out,
        &[
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "LOCAL VOLUMES",
            "SIZE",
            "CREATED",
            "STATUS",
            "NAMES",
        ],
        &containers,
        &[
            "ID",
            "Image",
            "Command",
            "LocalVolumes",
            "Size",
            "RunningFor",
            "Status",
            "Names",
        ],
        &short,
    );
    let _ = writeln!(out, "\nLocal Volumes space usage:\n");
    section(
        &mut out,
        &["VOLUME NAME", "LINKS", "SIZE"],
        &volumes,
        &["Name", "Links", "Size"],
        &short,
    );
    let total: u64 = d.cache.iter().map(|c| c.record.size).sum();
    let _ = writeln!(out, "\nBuild cache usage: {}\n", human_size(total));
    section(
        &mut out,
        &[
            "CACHE ID",
            "CACHE TYPE",
            "SIZE",
            "CREATED",
            "LAST USED",
            "USAGE",
            "SHARED",
        ],
        &cache,
        &[
            "ID",
            "CacheType",
            "Size",
            "CreatedSince",
            "LastUsedSince",
            "UsageCount",
            "Shared",
        ],
        &short,
    );
    Ok(0)
}

pub fn system(ctx: &Context, c: SystemCommand) -> Result<i32, Error> {
    match c {
        SystemCommand::Df { format, verbose } => {
            let format = crate::format::Format::parse(format.as_deref())?;
            if verbose {
                return df_verbose(ctx, &format);
            }
            let rows = crate::engine::df::df(ctx)?;
            let size = crate::format::human_size;
            if format != crate::format::Format::Table {
                for r in &rows {
                    let v = serde_json::json!({
                        "Type": r.kind, "TotalCount": r.total, "Active": r.active,
                        "Size": size(r.size), "Reclaimable": size(r.reclaimable),
                    });
                    println!("{}", format.render(&v)?);
                }
                return Ok(0);
            }
            let mut table = vec![
                ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"]
                    .map(String::from)
                    .to_vec(),
            ];
            for r in &rows {
                let pct = (r.reclaimable * 100).checked_div(r.size).unwrap_or(0);
                table.push(vec![
                    r.kind.to_string(),
                    r.total.to_string(),
                    r.active.to_string(),
                    size(r.size),
                    format!("{} ({pct}%)", size(r.reclaimable)),
                ]);
            }
            super::print_table(&mut std::io::stdout().lock(), &table);
            Ok(0)
        }
        SystemCommand::Info(f) => {
            let info = crate::engine::system::info(ctx)?;
            let format = crate::format::Format::parse(f.format.as_deref())?;
            if format != crate::format::Format::Table {
                println!("{}", format.render(&info)?);
                return Ok(0);
            }
            print!("{}", info.text());
            let tsm = std::path::Path::new(crate::engine::types::TSM_REPORT_DIR);
            print!(
                "{}",
                super::cvm::text(&crate::engine::cvm::status(ctx, tsm)?, false)
            );
            Ok(0)
        }
        SystemCommand::Prune {
            all,
            volumes,
            force,
        } => {
            let images = if all {
                "all images without at least one container associated to them"
            } else {
                "all dangling images"
            };
            let mut what = vec!["all stopped containers"];
            if volumes {
                what.push("all volumes not used by at least one container");
            }
            what.extend([images, "all build cache"]);
            if !force && !super::confirm(&what) {
                return Ok(0);
            }
            let report = crate::engine::prune::system(ctx, all, volumes)?;
            super::print_deleted("Containers", report.containers.iter().map(|(id, _)| id));
            super::print_deleted("Volumes", report.volumes.iter().map(|(n, _)| n));
            super::print_deleted(
                "Images",
                report
                    .images
                    .untagged
                    .iter()
                    .map(|u| format!("untagged: {u}")),
            );
            if report.cache_entries > 0 {
                println!("Deleted build cache objects: {}\n", report.cache_entries);
            }
            println!(
                "Total reclaimed space: {}",
                crate::format::human_size(report.reclaimed())
            );
            Ok(0)
        }
    }
}
