//! `ccr compose`: the flags docker compose has, and printing.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::compose::{self, LoadOptions, Project};
use crate::error::Error;

/// The flags every `ccr compose` command takes.
#[derive(Args, Debug, Clone, Default)]
pub struct ProjectFlags {
    /// Compose configuration files (repeatable; `-` reads standard input)
    #[arg(short = 'f', long = "file", global = true, value_name = "FILE")]
    pub file: Vec<PathBuf>,
    /// Project name
    #[arg(short = 'p', long = "project-name", global = true)]
    pub project_name: Option<String>,
    /// Alternate working directory (default: the directory of the first file)
    #[arg(long, global = true, value_name = "DIR")]
    pub project_directory: Option<PathBuf>,
    /// Alternate environment files (instead of the project's .env)
    #[arg(long, global = true, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Enable a profile (repeatable; `*` enables all)
    #[arg(long, global = true)]
    pub profile: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ComposeArgs {
    #[command(flatten)]
    pub project: ProjectFlags,
    #[command(subcommand)]
    pub command: ComposeCommand,
}

#[derive(Subcommand, Debug)]
pub enum ComposeCommand {
    /// Parse, resolve and render the compose file in canonical format
    #[command(alias = "convert")]
    Config(ConfigArgs),
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Only validate the configuration, print nothing
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the service names, one per line
    #[arg(long)]
    pub services: bool,
    /// Print the volume names, one per line
    #[arg(long)]
    pub volumes: bool,
    /// Format the output: yaml or json
    #[arg(long, default_value = "yaml", value_parser = ["yaml", "json"])]
    pub format: String,
    /// Services to render (and what they depend on)
    pub service: Vec<String>,
}

/// Loads the project the flags describe, printing compose's warnings.
pub fn project(flags: &ProjectFlags, services: &[String]) -> Result<Project, Error> {
    let cwd = std::env::current_dir().map_err(|source| Error::Io {
        path: PathBuf::from("."),
        source,
    })?;
    let stdin = if flags.file.iter().any(|f| f.as_os_str() == "-") {
        let mut text = String::new();
        std::io::stdin()
            .take(crate::bounded::CONFIG_FILE)
            .read_to_string(&mut text)
            .map_err(|source| Error::Io {
                path: PathBuf::from("-"),
                source,
            })?;
        Some(text)
    } else {
        None
    };
    let opts = LoadOptions {
        cwd,
        files: flags.file.clone(),
        project_directory: flags.project_directory.clone(),
        project_name: flags.project_name.clone(),
        env_files: flags.env_file.clone(),
        profiles: flags.profile.clone(),
        services: services.to_vec(),
        environment: std::env::vars().collect(),
        stdin,
    };
    let p = compose::load(&opts)?;
    for w in &p.warnings {
        eprintln!("WARN[0000] {w}");
    }
    Ok(p)
}

pub fn run(a: ComposeArgs) -> Result<i32, Error> {
    match a.command {
        ComposeCommand::Config(c) => config(&a.project, c),
    }
}

fn config(flags: &ProjectFlags, a: ConfigArgs) -> Result<i32, Error> {
    let p = project(flags, &a.service)?;
    if a.quiet {
        return Ok(0);
    }
    let keys = |kind: &str| -> Vec<String> {
        p.model
            .get(kind)
            .and_then(|v| v.as_mapping())
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    if a.services || a.volumes {
        let mut names = Vec::new();
        if a.services {
            names.extend(keys("services"));
        }
        if a.volumes {
            names.extend(keys("volumes"));
        }
        for n in names {
            println!("{n}");
        }
        return Ok(0);
    }
    if a.format == "json" {
        let json = serde_json::to_string_pretty(&p.model).unwrap_or_default();
        println!("{json}");
    } else {
        print!("{}", compose::to_yaml(&p.model));
    }
    Ok(0)
}
