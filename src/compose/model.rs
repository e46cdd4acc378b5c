//! The typed model of a loaded project: what running it needs. Each
//! service's plain keys are typed by `docker-compose-types` (the crate the
//! design names); the keys it lacks or types differently from compose's
//! canonical form (long-form ports, mounts with sizes, secrets with modes,
//! `deploy`, `build` with platforms, `platform`, `cpus`, `pids_limit`, ...)
//! are typed here. Keys ccr does not act on are named, one warning each;
//! none fails the load. The `x-nerdctl-*` keys must be strings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use yaml_serde::{Mapping, Value};

use super::load::Project;
use super::yaml::scalar_text;

/// Why a project cannot be typed for running.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("services.{service}.{key}: {why}")]
    Invalid {
        service: String,
        key: String,
        why: String,
    },
}

/// The keys ccr acts on (the rest are warned about).
const SUPPORTED: &[&str] = &[
    "build",
    "cap_add",
    "group_add",
    "cap_drop",
    "command",
    "configs",
    "container_name",
    "cpus",
    "depends_on",
    "deploy",
    "dns",
    "dns_search",
    "domainname",
    "entrypoint",
    "environment",
    "expose",
    "extra_hosts",
    "healthcheck",
    "hostname",
    "image",
    "labels",
    "links",
    "mem_limit",
    "network_mode",
    "networks",
    "pids_limit",
    "platform",
    "ports",
    "privileged",
    "profiles",
    "pull_policy",
    "read_only",
    "restart",
    "scale",
    "secrets",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "tmpfs",
    "tty",
    "user",
    "volumes",
    "working_dir",
];

/// Keys typed here rather than by the crate.
const OURS: &[&str] = &[
    "build",
    "ports",
    "volumes",
    "secrets",
    "configs",
    "deploy",
    "healthcheck",
    "depends_on",
    "networks",
    "platform",
    "cpus",
    "pids_limit",
    "dns_search",
    "stop_grace_period",
];

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Build {
    pub context: String,
    pub dockerfile: Option<String>,
    pub dockerfile_inline: Option<String>,
    #[serde(default)]
    pub args: BTreeMap<String, Option<String>>,
    pub target: Option<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Port {
    pub target: u16,
    pub published: Option<String>,
    pub host_ip: Option<String>,
    #[serde(default = "tcp")]
    pub protocol: String,
}

fn tcp() -> String {
    "tcp".into()
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Mount {
    #[serde(rename = "type")]
    pub kind: String,
    pub source: Option<String>,
    pub target: String,
    #[serde(default)]
    pub read_only: bool,
    pub tmpfs: Option<TmpfsOptions>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct TmpfsOptions {
    pub size: Option<String>,
    pub mode: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct FileMount {
    pub source: String,
    pub target: Option<String>,
    pub mode: Option<u32>,
}

impl FileMount {
    /// Where the file is mounted, as compose places it: its target (a
    /// relative one under /run/secrets), else a secret at
    /// /run/secrets/<source> and a config at /<source>.
    pub fn target_path(&self, secret: bool) -> String {
        let target = self.target.clone().unwrap_or_else(|| match secret {
            true => format!("/run/secrets/{}", self.source),
            false => format!("/{}", self.source),
        });
        if target.starts_with('/') {
            target
        } else {
            format!("/run/secrets/{target}")
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Deploy {
    pub replicas: Option<u32>,
    pub resources: Option<DeployResources>,
    pub restart_policy: Option<DeployRestart>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct DeployResources {
    pub limits: Option<Limits>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Limits {
    pub cpus: Option<f64>,
    pub memory: Option<String>,
    pub pids: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct DeployRestart {
    pub condition: Option<String>,
    pub max_attempts: Option<u32>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Healthcheck {
    #[serde(default)]
    pub test: Vec<String>,
    pub interval: Option<String>,
    pub timeout: Option<String>,
    pub retries: Option<u32>,
    pub start_period: Option<String>,
    pub start_interval: Option<String>,
    #[serde(default)]
    pub disable: bool,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Dependency {
    pub condition: String,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub restart: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct ServiceNetwork {
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `x-nerdctl-verify` and its keys, as nerdctl reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verify {
    pub public_key: Option<PathBuf>,
    pub certificate_identity: Option<String>,
    pub certificate_identity_regexp: Option<String>,
    pub oidc_issuer: Option<String>,
    pub oidc_issuer_regexp: Option<String>,
}

/// One service, typed.
#[derive(Clone, Debug)]
pub struct ServiceModel {
    pub name: String,
    /// The keys `docker-compose-types` models.
    pub service: docker_compose_types::Service,
    pub build: Option<Build>,
    pub ports: Vec<Port>,
    pub volumes: Vec<Mount>,
    pub secrets: Vec<FileMount>,
    pub configs: Vec<FileMount>,
    pub deploy: Deploy,
    pub healthcheck: Option<Healthcheck>,
    pub depends_on: BTreeMap<String, Dependency>,
    /// The networks and the service's aliases on each (none: network_mode).
    pub networks: BTreeMap<String, ServiceNetwork>,
    pub platform: Option<String>,
    pub cpus: Option<f64>,
    pub pids_limit: Option<i64>,
    pub dns_search: Vec<String>,
    pub stop_grace_period: Option<Duration>,
    /// `x-nerdctl-verify: cosign`.
    pub verify: Option<Verify>,
    /// `x-nerdctl-sign: cosign` with its private key.
    pub sign: Option<PathBuf>,
    /// `x-ccr-runtime-class`: the Kubernetes runtime class its pods get.
    pub runtime_class: Option<String>,
    /// `x-ccr-confidential`: whether its pods run in a TEE (default: what
    /// its runtime class says).
    pub confidential: Option<bool>,
    /// Keys ccr does not act on.
    pub unsupported: Vec<String>,
    /// sha256 of the service's canonical configuration (docker compose's
    /// `com.docker.compose.config-hash`).
    pub config_hash: String,
}

impl ServiceModel {
    /// How many containers: `scale`, else `deploy.replicas`, else 1.
    pub fn replicas(&self) -> u32 {
        if self.service.scale > 0 {
            return u32::try_from(self.service.scale).unwrap_or(u32::MAX);
        }
        self.deploy.replicas.unwrap_or(1)
    }

    /// The image to run (a built service without `image:` is
    /// `<project>-<service>`).
    pub fn image(&self, project: &str) -> String {
        self.service
            .image
            .clone()
            .unwrap_or_else(|| format!("{project}-{}", self.name))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resource {
    /// The name it has outside the project (`<project>_<key>`, or as given).
    pub name: String,
    pub external: bool,
    pub labels: BTreeMap<String, String>,
    pub internal: bool,
    pub subnet: Option<String>,
    /// Configs and secrets: the file, or the inline content.
    pub file: Option<PathBuf>,
    pub content: Option<String>,
    pub environment: Option<String>,
}

impl Resource {
    /// A config's or secret's text when it is not a file: its inline
    /// content, else the value of its environment variable (empty when
    /// unset, as compose takes it); None when it names neither.
    pub fn inline_text(&self) -> Option<String> {
        match (&self.content, &self.environment) {
            (Some(c), _) => Some(c.clone()),
            (None, Some(var)) => Some(std::env::var(var).unwrap_or_default()),
            (None, None) => None,
        }
    }
}

/// A project typed for running.
#[derive(Clone, Debug)]
pub struct ProjectModel {
    pub name: String,
    pub directory: PathBuf,
    pub files: Vec<PathBuf>,
    pub services: Vec<ServiceModel>,
    pub networks: BTreeMap<String, Resource>,
    pub volumes: BTreeMap<String, Resource>,
    pub secrets: BTreeMap<String, Resource>,
    pub configs: BTreeMap<String, Resource>,
}

impl ProjectModel {
    pub fn service(&self, name: &str) -> Option<&ServiceModel> {
        self.services.iter().find(|s| s.name == name)
    }

    /// Each warning once: the keys ccr does not act on.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.services {
            for k in &s.unsupported {
                out.push(format!(
                    "services.{}: `{k}` is not supported by ccr and is ignored",
                    s.name
                ));
            }
        }
        out
    }

    /// The services in an order that starts every dependency before what
    /// depends on it (ties by name).
    pub fn start_order(&self) -> Vec<&ServiceModel> {
        let mut done: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        while out.len() < self.services.len() {
            let before = out.len();
            for s in &self.services {
                if done.contains(&s.name.as_str()) {
                    continue;
                }
                let ready = s
                    .depends_on
                    .keys()
                    .all(|d| done.contains(&d.as_str()) || self.service(d).is_none());
                if ready {
                    done.push(&s.name);
                    out.push(s);
                }
            }
            if out.len() == before {
                // A cycle: the rest in name order (the loader refuses none).
                for s in &self.services {
                    if !done.contains(&s.name.as_str()) {
                        done.push(&s.name);
                        out.push(s);
                    }
                }
            }
        }
        out
    }
}

fn typed<T: for<'de> Deserialize<'de> + Default>(
    service: &str,
    key: &str,
    v: Option<&Value>,
) -> Result<T, ModelError> {
    match v {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => yaml_serde::from_value(v.clone()).map_err(|e| ModelError::Invalid {
            service: service.to_string(),
            key: key.to_string(),
            why: e.to_string(),
        }),
    }
}

fn duration(service: &str, key: &str, v: Option<&Value>) -> Result<Option<Duration>, ModelError> {
    match v.and_then(scalar_text) {
        None => Ok(None),
        Some(t) => crate::units::parse_duration(&t)
            .map(Some)
            .ok_or_else(|| ModelError::Invalid {
                service: service.into(),
                key: key.into(),
                why: format!("invalid duration {t:?}"),
            }),
    }
}

/// The `x-nerdctl-*` (or `x-ccr-*`) key `key` of `svc`: a string, or absent.
fn extension(name: &str, svc: &Mapping, key: &str) -> Result<Option<String>, ModelError> {
    match svc.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(ModelError::Invalid {
            service: name.into(),
            key: key.into(),
            why: format!(
                "must be a string, not {}",
                yaml_serde::to_string(other).unwrap_or_default().trim()
            ),
        }),
    }
}

fn nerdctl(
    name: &str,
    svc: &Mapping,
    dir: &Path,
) -> Result<(Option<Verify>, Option<PathBuf>), ModelError> {
    let get = |k: &str| extension(name, svc, k);
    let path = |p: String| {
        let p = PathBuf::from(p);
        if p.is_absolute() { p } else { dir.join(p) }
    };
    let bad = |key: &str, why: String| ModelError::Invalid {
        service: name.into(),
        key: key.into(),
        why,
    };
    let verify = match get("x-nerdctl-verify")?.as_deref() {
        None | Some("none") => None,
        Some("cosign") => {
            let v = Verify {
                public_key: get("x-nerdctl-cosign-public-key")?.map(path),
                certificate_identity: get("x-nerdctl-cosign-certificate-identity")?,
                certificate_identity_regexp: get("x-nerdctl-cosign-certificate-identity-regexp")?,
                oidc_issuer: get("x-nerdctl-cosign-certificate-oidc-issuer")?,
                oidc_issuer_regexp: get("x-nerdctl-cosign-certificate-oidc-issuer-regexp")?,
            };
            let keyless =
                v.certificate_identity.is_some() || v.certificate_identity_regexp.is_some();
            if v.public_key.is_none() && !keyless {
                return Err(bad(
                    "x-nerdctl-verify",
                    "cosign verification needs x-nerdctl-cosign-public-key (or a keyless certificate identity)".into(),
                ));
            }
            Some(v)
        }
        Some(other) => {
            return Err(bad(
                "x-nerdctl-verify",
                format!("unknown verifier {other:?}: use none or cosign"),
            ));
        }
    };
    let sign = match get("x-nerdctl-sign")?.as_deref() {
        None | Some("none") => None,
        Some("cosign") => Some(path(get("x-nerdctl-cosign-private-key")?.ok_or_else(
            || {
                bad(
                    "x-nerdctl-sign",
                    "cosign signing needs x-nerdctl-cosign-private-key".into(),
                )
            },
        )?)),
        Some(other) => {
            return Err(bad(
                "x-nerdctl-sign",
                format!("unknown signer {other:?}: use none or cosign"),
            ));
        }
    };
    Ok((verify, sign))
}

fn service_model(project: &Project, name: &str, svc: &Mapping) -> Result<ServiceModel, ModelError> {
    // The crate types the keys it models, one at a time: a key it cannot
    // type is left to this module or named as unsupported.
    let mut plain = Mapping::new();
    let mut unsupported = Vec::new();
    for (k, v) in svc {
        let key = scalar_text(k).unwrap_or_default();
        if OURS.contains(&key.as_str()) {
            continue;
        }
        let mut one = Mapping::new();
        one.insert(k.clone(), v.clone());
        let fits =
            yaml_serde::from_value::<docker_compose_types::Service>(Value::Mapping(one)).is_ok();
        if fits {
            plain.insert(k.clone(), v.clone());
        }
        if !key.starts_with("x-") && !SUPPORTED.contains(&key.as_str()) {
            unsupported.push(key);
        }
    }
    let service: docker_compose_types::Service = yaml_serde::from_value(Value::Mapping(plain))
        .map_err(|e| ModelError::Invalid {
            service: name.into(),
            key: "(service)".into(),
            why: e.to_string(),
        })?;
    let networks: BTreeMap<String, Option<ServiceNetwork>> =
        typed(name, "networks", svc.get("networks"))?;
    let (verify, sign) = nerdctl(name, svc, &project.directory)?;
    let confidential = match svc.get("x-ccr-confidential") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            return Err(ModelError::Invalid {
                service: name.into(),
                key: "x-ccr-confidential".into(),
                why: "must be true or false".into(),
            });
        }
    };
    let canonical = serde_json::to_vec(&Value::Mapping(svc.clone())).unwrap_or_default();
    Ok(ServiceModel {
        name: name.to_string(),
        service,
        build: match svc.get("build") {
            None => None,
            v => Some(typed(name, "build", v)?),
        },
        ports: typed(name, "ports", svc.get("ports"))?,
        volumes: typed(name, "volumes", svc.get("volumes"))?,
        secrets: typed(name, "secrets", svc.get("secrets"))?,
        configs: typed(name, "configs", svc.get("configs"))?,
        deploy: typed(name, "deploy", svc.get("deploy"))?,
        healthcheck: match svc.get("healthcheck") {
            None => None,
            v => Some(typed(name, "healthcheck", v)?),
        },
        depends_on: typed(name, "depends_on", svc.get("depends_on"))?,
        networks: networks
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect(),
        platform: svc.get("platform").and_then(scalar_text),
        cpus: typed::<Option<f64>>(name, "cpus", svc.get("cpus"))?,
        pids_limit: typed::<Option<i64>>(name, "pids_limit", svc.get("pids_limit"))?,
        dns_search: typed(name, "dns_search", svc.get("dns_search"))?,
        stop_grace_period: duration(name, "stop_grace_period", svc.get("stop_grace_period"))?,
        verify,
        sign,
        runtime_class: extension(name, svc, "x-ccr-runtime-class")?,
        confidential,
        unsupported,
        config_hash: crate::digest::Digest::of(&canonical).hex().to_string(),
    })
}

fn resources(model: &Mapping, kind: &str) -> BTreeMap<String, Resource> {
    let Some(Value::Mapping(rs)) = model.get(kind) else {
        return BTreeMap::new();
    };
    rs.iter()
        .filter_map(|(k, r)| {
            let key = scalar_text(k)?;
            let get = |f: &str| r.get(f).and_then(scalar_text);
            let labels = r
                .get("labels")
                .and_then(Value::as_mapping)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| {
                            Some((scalar_text(k)?, scalar_text(v).unwrap_or_default()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let subnet = r
                .get("ipam")
                .and_then(|i| i.get("config"))
                .and_then(Value::as_sequence)
                .and_then(|c| c.first())
                .and_then(|c| c.get("subnet"))
                .and_then(scalar_text);
            Some((
                key.clone(),
                Resource {
                    name: get("name").unwrap_or(key),
                    external: r.get("external").and_then(Value::as_bool).unwrap_or(false),
                    labels,
                    internal: r.get("internal").and_then(Value::as_bool).unwrap_or(false),
                    subnet,
                    file: get("file").map(PathBuf::from),
                    content: get("content"),
                    environment: get("environment"),
                },
            ))
        })
        .collect()
}

/// Types a loaded project for running.
pub fn typed_project(project: &Project) -> Result<ProjectModel, ModelError> {
    let mut services = Vec::new();
    if let Some(Value::Mapping(svcs)) = project.model.get("services") {
        for (k, v) in svcs {
            let name = scalar_text(k).unwrap_or_default();
            let empty = Mapping::new();
            services.push(service_model(
                project,
                &name,
                v.as_mapping().unwrap_or(&empty),
            )?);
        }
    }
    services.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(ProjectModel {
        name: project.name.clone(),
        directory: project.directory.clone(),
        files: project.files.clone(),
        services,
        networks: resources(&project.model, "networks"),
        volumes: resources(&project.model, "volumes"),
        secrets: resources(&project.model, "secrets"),
        configs: resources(&project.model, "configs"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(yaml: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("compose.yaml"), yaml).unwrap();
        let opts = super::super::LoadOptions {
            cwd: dir.path().to_path_buf(),
            project_name: Some("p".into()),
            ..Default::default()
        };
        super::super::load(&opts).unwrap()
    }

    #[test]
    fn services_are_typed_and_unsupported_keys_named() {
        let p = project(
            "services:\n  web:\n    image: nginx\n    command: nginx -g 'daemon off;'\n    ports: ['8080:80']\n    cpus: 0.5\n    userns_mode: host\n    deploy: {replicas: 2}\n    depends_on:\n      db: {condition: service_healthy}\n    x-nerdctl-verify: cosign\n    x-nerdctl-cosign-public-key: ./k.pub\n  db:\n    image: postgres\n    healthcheck: {test: pg_isready, interval: 1s}\n",
        );
        let m = typed_project(&p).unwrap();
        let web = m.service("web").unwrap();
        assert_eq!(web.service.image.as_deref(), Some("nginx"));
        assert_eq!(web.ports[0].target, 80);
        assert_eq!(web.ports[0].published.as_deref(), Some("8080"));
        assert_eq!(web.cpus, Some(0.5));
        assert_eq!(web.replicas(), 2);
        assert_eq!(web.depends_on["db"].condition, "service_healthy");
        assert!(
            web.verify
                .as_ref()
                .unwrap()
                .public_key
                .as_ref()
                .unwrap()
                .ends_with("k.pub")
        );
        assert_eq!(web.unsupported, ["userns_mode"]);
        assert_eq!(m.warnings().len(), 1);
        let order: Vec<&str> = m.start_order().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(order, ["db", "web"]);
        assert_eq!(
            m.service("db").unwrap().healthcheck.as_ref().unwrap().test,
            ["CMD-SHELL", "pg_isready"]
        );
        assert_eq!(m.networks["default"].name, "p_default");
    }

    #[test]
    fn nerdctl_keys_must_be_strings() {
        let p = project("services:\n  s:\n    image: x\n    x-nerdctl-verify: true\n");
        let e = typed_project(&p).unwrap_err();
        assert!(
            e.to_string().contains("x-nerdctl-verify: must be a string"),
            "{e}"
        );
        let p = project("services:\n  s:\n    image: x\n    x-nerdctl-verify: cosign\n");
        assert!(
            typed_project(&p)
                .unwrap_err()
                .to_string()
                .contains("needs x-nerdctl-cosign-public-key")
        );
    }
}
