//! `ccr volume`: named volumes.

use std::collections::BTreeMap;

use clap::{Args, Subcommand};

use crate::engine::Context;
use crate::engine::containers::{Containers, VolumeFilter};
use crate::error::Error;
use crate::format::Format;

#[derive(Subcommand, Debug)]
pub enum VolumeCommand {
    /// Create a volume (a random name when none is given)
    Create {
        /// Set metadata: KEY=VALUE (repeatable)
        #[arg(long)]
        label: Vec<String>,
        name: Option<String>,
    },
    /// List volumes
    #[command(alias = "list")]
    Ls(VolumeLsArgs),
    /// Display detailed information on one or more volumes
    Inspect {
        /// Format the output using a template
        #[arg(short, long)]
        format: Option<String>,
        #[arg(required = true)]
        #[arg(add = super::complete::volume())]
        names: Vec<String>,
    },
    /// Remove one or more volumes (not while a container uses them)
    #[command(alias = "remove")]
    Rm {
        /// A volume that is not there is no error
        #[arg(short, long)]
        force: bool,
        #[arg(required = true)]
        #[arg(add = super::complete::volume())]
        names: Vec<String>,
    },
    /// Remove all volumes no container uses
    Prune {
        /// Do not prompt for confirmation
        #[arg(short, long)]
        force: bool,
        /// Only those that match: label=KEY[=VALUE], name=...
        #[arg(long)]
        filter: Vec<String>,
    },
}

#[derive(Args, Debug)]
pub struct VolumeLsArgs {
    /// Only display volume names
    #[arg(short, long)]
    pub quiet: bool,
    /// Format the output: table, json, or a template such as '{{.Name}}'
    #[arg(long)]
    pub format: Option<String>,
    /// Filter output: dangling=true|false, name=NAME, label=KEY[=VALUE], driver=local
    #[arg(short, long)]
    pub filter: Vec<String>,
}

pub fn run(ctx: &Context, c: VolumeCommand) -> Result<i32, Error> {
    let rt = Containers::new(ctx);
    match c {
        VolumeCommand::Create { label, name } => {
            let labels = label
                .iter()
                .map(|l| {
                    l.split_once('=')
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .ok_or_else(|| Error::Usage(format!("invalid label {l:?}: use KEY=VALUE")))
                })
                .collect::<Result<BTreeMap<_, _>, _>>()?;
            println!("{}", rt.volume_create(name.as_deref(), labels)?.name);
            Ok(0)
        }
        VolumeCommand::Ls(a) => {
            let format = Format::parse(a.format.as_deref())?;
            let vols = rt.volumes(&VolumeFilter::parse(&a.filter)?)?;
            if a.quiet {
                for v in &vols {
                    println!("{}", v.name);
                }
            } else if format != Format::Table {
                for l in format.lines_named(&vols, &[("Name", "VOLUME NAME")])? {
                    println!("{l}");
                }
            } else {
                let mut table = vec![vec!["DRIVER".to_string(), "VOLUME NAME".to_string()]];
                table.extend(vols.iter().map(|v| vec![v.driver.clone(), v.name.clone()]));
                super::print_table(&mut std::io::stdout().lock(), &table);
            }
            Ok(0)
        }
        VolumeCommand::Inspect { format, names } => {
            let format = Format::parse(format.as_deref())?;
            let all = names
                .iter()
                .map(|n| {
                    rt.volume(n)
                        .map(|v| serde_json::to_value(v).expect("serialises"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            super::print_json(&format, &all)
        }
        VolumeCommand::Rm { force, names } => super::container::each(&names, |n| {
            match rt.volume_remove(n) {
                // As docker: with -f a volume that is not there is removed.
                Err(_) if force && rt.volume(n).is_err() => Ok(()),
                other => other,
            }
        }),
        VolumeCommand::Prune { force, filter } => {
            // Checked before asking: a bad filter prunes nothing.
            let filter = VolumeFilter::parse(&filter)?;
            if !force && !super::confirm(&["all volumes not used by at least one container"]) {
                return Ok(0);
            }
            let removed = rt.volume_prune(&filter)?;
            super::print_deleted("Volumes", removed.iter().map(|(n, _)| n));
            println!(
                "Total reclaimed space: {}",
                crate::format::human_size(removed.iter().map(|(_, b)| *b).sum())
            );
            Ok(0)
        }
    }
}
