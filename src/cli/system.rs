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
    Info,
}

pub fn system(ctx: &Context, c: SystemCommand) -> Result<i32, Error> {
    match c {
        SystemCommand::Info => {
            print!("{}", crate::engine::system::info(&ctx.images, &ctx.layout)?);
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
