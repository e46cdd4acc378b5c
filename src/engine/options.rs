//! A command's global options and the configuration file (`ccr.toml`),
//! and the settings a command reaches a KBS with.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use crate::error::Error;
use crate::kbs::ClientOptions;
use crate::registry::auth::CredentialStore;
use crate::registry::{Insecure, RegistryConfig};

#[derive(Clone, Debug, Default)]
pub struct GlobalOptions {
    pub data_root: Option<PathBuf>,
    pub insecure_registries: Vec<String>,
    pub debug: bool,
    pub config: Config,
    /// `--cvm`: confidential-VM mode asked for.
    pub cvm: bool,
    /// `--initdata`: the initdata document the guest booted with.
    pub initdata: Option<PathBuf>,
}

/// The configuration file, `ccr.toml` (like nerdctl's `nerdctl.toml`):
/// `$CCR_CONFIG`, else `/etc/ccr/ccr.toml` as root, else
/// `$XDG_CONFIG_HOME/ccr/ccr.toml`. Command-line flags win over it.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub data_root: Option<PathBuf>,
    #[serde(default)]
    pub insecure_registry: Vec<String>,
    /// containers-policy.json used by pull (and run) unless --signature-policy is given.
    pub signature_policy: Option<PathBuf>,
    #[serde(default)]
    pub debug: bool,
    /// The Key Broker Service (`http[s]://host:port`) unless --kbs-url or CCR_KBS_URL says otherwise.
    pub kbs_url: Option<String>,
    /// The most one layer may unpack to (`64GiB` by default; `512MiB`, `2G`, bytes).
    pub max_layer_size: Option<String>,
    /// How many times its compressed size a layer may expand to (256 by default).
    pub max_layer_ratio: Option<u64>,
    /// `cvm` turns confidential-VM mode on; `auto` (the default) turns it
    /// on where the guest shows it is one (kernel command line, initdata).
    pub mode: Option<String>,
    /// The size of the mode's memory-backed storage (`4GiB`; by default
    /// half the memory, the kernel's tmpfs default).
    pub cvm_storage_size: Option<String>,
    /// How signatures and attestations are written: `legacy` (cosign 2's
    /// tags), `bundle` (cosign 3's referrers) or `both` (the default).
    pub signature_format: Option<String>,
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(0)
        == 0
}

impl Config {
    pub fn path() -> PathBuf {
        if let Some(p) = std::env::var_os("CCR_CONFIG") {
            return PathBuf::from(p);
        }
        if is_root() {
            return PathBuf::from("/etc/ccr/ccr.toml");
        }
        std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into()))
                    .join(".config")
            })
            .join("ccr/ccr.toml")
    }

    /// Reads the configuration file; a missing file is an empty configuration.
    pub fn load() -> Result<Config, Error> {
        let path = Self::path();
        match crate::bounded::read_to_string(&path, crate::bounded::CONFIG_FILE) {
            Ok(text) => toml::from_str(&text).map_err(|source| Error::Config { path, source }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(Error::Io { path, source }),
        }
    }
}

impl GlobalOptions {
    /// `--data-root`, else `/var/lib/ccr` as root, else `$XDG_DATA_HOME/ccr`
    /// (`~/.local/share/ccr`).
    pub fn data_root(&self) -> PathBuf {
        if let Some(d) = &self.data_root {
            return d.clone();
        }
        let euid = std::fs::metadata("/proc/self")
            .map(|m| m.uid())
            .unwrap_or(0);
        if euid == 0 {
            return PathBuf::from("/var/lib/ccr");
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into()))
                    .join(".local/share")
            });
        base.join("ccr")
    }

    pub fn insecure(&self) -> Insecure {
        let all: Vec<&String> = self
            .insecure_registries
            .iter()
            .chain(self.config.insecure_registry.iter())
            .collect();
        Insecure {
            all: all.iter().any(|h| *h == "*"),
            hosts: all
                .into_iter()
                .filter(|h| *h != "*")
                .map(|h| {
                    h.trim_start_matches("http://")
                        .trim_start_matches("https://")
                        .trim_end_matches('/')
                        .to_string()
                })
                .collect(),
        }
    }

    pub fn registry_config(&self) -> RegistryConfig {
        RegistryConfig {
            insecure: self.insecure(),
            credentials: CredentialStore::default_location(),
        }
    }
}

impl Config {
    /// The size of the mode's memory-backed storage, if set.
    /// The signature format asked for: `flag`, else ccr.toml's, else both.
    pub fn signature_format(
        &self,
        flag: Option<&str>,
    ) -> Result<crate::trust::bundle::WriteFormat, Error> {
        match flag.or(self.signature_format.as_deref()) {
            None => Ok(Default::default()),
            Some(s) => crate::trust::bundle::WriteFormat::parse(s).ok_or_else(|| {
                Error::Usage(format!(
                    "signature format {s:?}: use legacy, bundle or both"
                ))
            }),
        }
    }

    pub fn cvm_storage(&self) -> Result<Option<u64>, Error> {
        self.cvm_storage_size
            .as_deref()
            .map(|s| {
                parse_size(s).ok_or_else(|| {
                    Error::Usage(format!(
                        "cvm_storage_size {s:?} in {}: use bytes or a size such as 4GiB",
                        Config::path().display()
                    ))
                })
            })
            .transpose()
    }

    /// The unpacking bounds the configuration sets.
    pub fn expansion(&self) -> Result<crate::unpack::ExpansionLimits, Error> {
        let mut e = crate::unpack::ExpansionLimits::default();
        if let Some(s) = &self.max_layer_size {
            e.max_bytes = parse_size(s).ok_or_else(|| {
                Error::Usage(format!(
                    "max_layer_size {s:?} in {}: use bytes or a size such as 512MiB or 64GiB",
                    Config::path().display()
                ))
            })?;
        }
        if let Some(r) = self.max_layer_ratio {
            e.max_ratio = r.max(1);
        }
        Ok(e)
    }
}

/// `1234`, `512k`, `64MiB`, `2G`, `1.5GiB`: binary multiples, as docker reads sizes.
fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return None,
    };
    (n >= 0.0).then_some((n * mult as f64) as u64)
}

/// How to reach a KBS: the address asked for (else `CCR_KBS_URL`, the
/// configuration, the kernel command line) and the client's settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KbsSettings {
    pub url: Option<String>,
    pub client: ClientOptions,
}
