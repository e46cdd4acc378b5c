//! Flags several commands share, each defined once.

use clap::Args;

use crate::engine::types::Platform;

fn parse_platform(s: &str) -> Result<Platform, String> {
    s.trim().parse::<Platform>().map_err(|e| e.to_string())
}

/// `--platform` for one image.
#[derive(Args, Debug, Clone, Default)]
pub struct PlatformArg {
    /// Platform (OS/ARCH[/VARIANT]; default: this host's)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", value_parser = parse_platform)]
    pub platform: Option<Platform>,
}

/// `--platform` (repeatable, or comma-separated) and `--all-platforms`.
#[derive(Args, Debug, Clone, Default)]
pub struct PlatformsArgs {
    /// Only content for this platform (repeatable, or comma-separated; default: this host's)
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", value_parser = parse_platform, value_delimiter = ',')]
    pub platform: Vec<Platform>,
    /// Content for all platforms
    #[arg(long)]
    pub all_platforms: bool,
}

/// `--format` for a command that prints one object (`info`, `version`).
#[derive(Args, Debug, Clone, Default)]
pub struct FormatArg {
    /// Format the output: a Go template such as '{{.Client.Version}}', or json
    #[arg(short, long)]
    pub format: Option<String>,
}

/// `--detach-keys`: docker's form, ctrl-p,ctrl-q when not given.
pub fn detach_keys(keys: Option<&str>) -> Result<Vec<u8>, crate::error::Error> {
    use crate::engine::types::{DEFAULT_DETACH_KEYS, parse_detach_keys};
    parse_detach_keys(keys.unwrap_or(DEFAULT_DETACH_KEYS))
        .map_err(|e| crate::error::Error::Usage(format!("--detach-keys: {e}")))
}
