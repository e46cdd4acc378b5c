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

pub fn system(ctx: &Context, c: SystemCommand) -> Result<i32, Error> {
    match c {
        SystemCommand::Df { format } => {
            let format = crate::format::Format::parse(format.as_deref())?;
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
