//! A compose project as Kubernetes objects, kompose's mapping and more:
//!
//! - each service a Deployment; a bare Pod for `restart: "no"` or
//!   `on-failure`; a Job for a one-shot that others wait for with
//!   `service_completed_successfully`;
//! - `ports` and `expose` a Service of the service's name on the container
//!   ports, so that names resolve as in compose (`http://db/`); published
//!   ports are the container's `hostPort`;
//! - named volumes PersistentVolumeClaims; anonymous ones, and `tmpfs`
//!   (`medium: Memory`), emptyDirs; binds hostPaths (with a warning);
//! - the environment (with what `env_file` gave it) a ConfigMap
//!   `<service>-env`; `configs` ConfigMaps and `secrets` Secrets, each
//!   mounted at its target file;
//! - `healthcheck` liveness and readiness probes; `deploy.replicas`,
//!   limits and reservations; `user`, `read_only`, `cap_*` and
//!   `privileged` a securityContext;
//! - `depends_on` kept: `service_healthy` an init container waiting for
//!   the dependency's Service to answer (a Service routes only to ready
//!   pods), `service_completed_successfully` one waiting for its Job
//!   (through the API, with a ServiceAccount allowed to read Jobs); the
//!   pod's `ccr.io/depends-on` annotation records both, for `play`;
//! - a runtime class (`--runtime-class`, or `x-ccr-runtime-class`) as
//!   `runtimeClassName` and the `io.containerd.cri.runtime-handler`
//!   annotation; confidential pods carry the initdata annotation.
//!
//! Images are the pinned references the caller resolved. What has no
//! Kubernetes form is named in one warning per key.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use base64::Engine;
use k8s_openapi::ByteString;
use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec};
use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{
    Capabilities, ConfigMap, ConfigMapEnvSource, ConfigMapVolumeSource, Container, ContainerPort,
    EmptyDirVolumeSource, EnvFromSource, ExecAction, HostPathVolumeSource, PersistentVolumeClaim,
    PersistentVolumeClaimSpec, PersistentVolumeClaimVolumeSource, Pod, PodSpec, PodTemplateSpec,
    Probe, ResourceRequirements, Secret, SecretVolumeSource, SecurityContext, Service,
    ServiceAccount, ServicePort, ServiceSpec, Volume, VolumeMount, VolumeResourceRequirements,
};
use k8s_openapi::api::rbac::v1::{PolicyRule, Role, RoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::{KubeError, Object, object_name};
use crate::compose::{ProjectModel, ServiceModel};

/// The label naming a pod's service, and the one naming its project.
pub const SERVICE_LABEL: &str = "app.kubernetes.io/name";
pub const PROJECT_LABEL: &str = "app.kubernetes.io/part-of";
/// The pod annotation recording its dependencies (`NAME=CONDITION,...`).
pub const DEPENDS_ON: &str = "ccr.io/depends-on";
pub const RUNTIME_HANDLER: &str = "io.containerd.cri.runtime-handler";
pub const INITDATA: &str = "io.katacontainers.config.hypervisor.cc_init_data";
/// The prefix of the init containers that wait for a dependency.
pub const WAIT_PREFIX: &str = "wait-for-";
/// What a PersistentVolumeClaim asks for (kompose's default).
const CLAIM_SIZE: &str = "100Mi";

/// What the conversion is asked for.
#[derive(Clone, Debug, Default)]
pub struct ConvertOptions {
    pub namespace: Option<String>,
    /// `--runtime-class`: every service's, unless its own
    /// `x-ccr-runtime-class` says otherwise.
    pub runtime_class: Option<String>,
    /// The initdata TOML for confidential pods, byte for byte.
    pub initdata: Option<Vec<u8>>,
    /// The image of the init containers that wait for a Service.
    pub wait_image: String,
    /// The image of the init containers that wait for a Job (kubectl).
    pub kubectl_image: String,
    /// Images pinned by digest (else as written).
    pub pin: bool,
}

/// The objects, and one warning per key that has no Kubernetes form.
#[derive(Debug, Default)]
pub struct Converted {
    pub objects: Vec<Object>,
    pub warnings: Vec<String>,
}

/// Runtime classes of Confidential Containers: pods run in a TEE guest.
pub fn is_confidential_class(class: &str) -> bool {
    class.starts_with("kata-")
        && ["coco", "tdx", "snp", "sev", "-se", "remote", "cca"]
            .iter()
            .any(|m| class.contains(m))
}

/// base64 of the gzip of `initdata` (the pod annotation's value).
pub fn initdata_annotation(initdata: &[u8]) -> String {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(initdata).expect("in memory");
    base64::engine::general_purpose::STANDARD.encode(gz.finish().expect("in memory"))
}

/// Warnings gathered by key: `key` → (why, services).
#[derive(Default)]
struct Unmapped(BTreeMap<String, (String, BTreeSet<String>)>);

impl Unmapped {
    fn add(&mut self, key: &str, service: &str, why: &str) {
        self.0
            .entry(key.to_string())
            .or_insert_with(|| (why.to_string(), BTreeSet::new()))
            .1
            .insert(service.to_string());
    }

    fn lines(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(key, (why, services))| {
                let names: Vec<String> = services.into_iter().collect();
                format!("{key} (services {}): {why}", names.join(", "))
            })
            .collect()
    }
}

fn meta(name: &str, namespace: &Option<String>, labels: BTreeMap<String, String>) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: namespace.clone(),
        labels: (!labels.is_empty()).then_some(labels),
        ..Default::default()
    }
}

/// How a service runs on the cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Workload {
    Deployment,
    /// A bare Pod with this restart policy.
    Pod(&'static str),
    /// A Job: a one-shot others wait for.
    Job {
        retries: i32,
        on_failure: bool,
    },
}

fn workload(svc: &ServiceModel, awaited: bool) -> Result<Workload, KubeError> {
    let restart = svc.service.restart.as_deref().unwrap_or("");
    let (name, retries) = match restart.split_once(':') {
        Some((n, r)) => (n, r.parse::<i32>().unwrap_or(0)),
        None => (restart, 0),
    };
    Ok(match (name, awaited) {
        ("no" | "", true) => Workload::Job {
            retries: 0,
            on_failure: false,
        },
        ("on-failure", true) => Workload::Job {
            retries: retries.max(1),
            on_failure: true,
        },
        ("no", false) => Workload::Pod("Never"),
        ("on-failure", false) => Workload::Pod("OnFailure"),
        ("" | "always" | "unless-stopped", _) => Workload::Deployment,
        (other, _) => {
            return Err(KubeError::Service {
                service: svc.name.clone(),
                why: format!("restart: unknown policy {other:?}"),
            });
        }
    })
}

/// The whole argv of a compose command or entrypoint.
fn argv(
    svc: &ServiceModel,
    key: &str,
    simple: Option<&String>,
    list: Option<&Vec<String>>,
) -> Result<Option<Vec<String>>, KubeError> {
    match (simple, list) {
        (_, Some(l)) => Ok(Some(l.clone())),
        (Some(s), None) => shell_words::split(s)
            .map(Some)
            .map_err(|e| KubeError::Service {
                service: svc.name.clone(),
                why: format!("{key}: {e}"),
            }),
        (None, None) => Ok(None),
    }
}

fn environment(svc: &ServiceModel) -> BTreeMap<String, String> {
    match &svc.service.environment {
        docker_compose_types::Environment::KvPair(m) => m
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.clone(), v.to_string())))
            .collect(),
        docker_compose_types::Environment::List(l) => l
            .iter()
            .filter_map(|e| e.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn seconds(svc: &ServiceModel, key: &str, v: &Option<String>) -> Result<Option<i32>, KubeError> {
    match v {
        None => Ok(None),
        Some(t) => crate::units::parse_duration(t)
            // Kubernetes counts whole seconds, at least one.
            .map(|d| Some((d.as_secs_f64().ceil() as i32).max(1)))
            .ok_or_else(|| KubeError::Service {
                service: svc.name.clone(),
                why: format!("{key}: invalid duration {t:?}"),
            }),
    }
}

/// The healthcheck as a probe (none when disabled).
fn probe(svc: &ServiceModel) -> Result<Option<Probe>, KubeError> {
    let Some(h) = &svc.healthcheck else {
        return Ok(None);
    };
    let command = match h.test.first().map(String::as_str) {
        _ if h.disable => return Ok(None),
        Some("NONE") | None => return Ok(None),
        Some("CMD") => h.test[1..].to_vec(),
        Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), h.test[1..].join(" ")],
        Some(_) => h.test.clone(),
    };
    let start = seconds(svc, "healthcheck.start_period", &h.start_period)?;
    Ok(Some(Probe {
        exec: Some(ExecAction {
            command: Some(command),
        }),
        period_seconds: Some(seconds(svc, "healthcheck.interval", &h.interval)?.unwrap_or(30)),
        timeout_seconds: Some(seconds(svc, "healthcheck.timeout", &h.timeout)?.unwrap_or(30)),
        failure_threshold: Some(h.retries.map(|r| r.max(1) as i32).unwrap_or(3)),
        initial_delay_seconds: start,
        ..Default::default()
    }))
}

/// compose's memory sizes (`512m`, `1g`, bytes) as a quantity in bytes.
fn memory(svc: &ServiceModel, key: &str, v: &str) -> Result<Quantity, KubeError> {
    crate::units::parse_bytes(v)
        .map(|b| Quantity(b.to_string()))
        .ok_or_else(|| KubeError::Service {
            service: svc.name.clone(),
            why: format!("{key}: invalid size {v:?}"),
        })
}

fn cpus(c: f64) -> Quantity {
    Quantity(format!("{}m", (c * 1000.0).round() as i64))
}

fn resources(svc: &ServiceModel) -> Result<Option<ResourceRequirements>, KubeError> {
    let limits = svc
        .deploy
        .resources
        .as_ref()
        .and_then(|r| r.limits.clone())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    if let Some(c) = svc.cpus.or(limits.cpus).filter(|c| *c > 0.0) {
        out.insert("cpu".to_string(), cpus(c));
    }
    match (svc.service.mem_limit.as_deref(), limits.memory.as_deref()) {
        (Some(m), _) => {
            out.insert("memory".into(), memory(svc, "mem_limit", m)?);
        }
        (None, Some(m)) => {
            out.insert("memory".into(), memory(svc, "deploy.resources.limits", m)?);
        }
        _ => {}
    }
    Ok((!out.is_empty()).then(|| ResourceRequirements {
        limits: Some(out),
        ..Default::default()
    }))
}

/// `user`, `read_only`, `cap_*`, `privileged`.
fn security(svc: &ServiceModel, unmapped: &mut Unmapped) -> Option<SecurityContext> {
    let s = &svc.service;
    let mut sc = SecurityContext::default();
    if let Some(u) = &s.user {
        let (user, group) = match u.split_once(':') {
            Some((u, g)) => (u, Some(g)),
            None => (u.as_str(), None),
        };
        match (user.parse::<i64>(), group.map(str::parse::<i64>)) {
            (Ok(u), None) => sc.run_as_user = Some(u),
            (Ok(u), Some(Ok(g))) => {
                sc.run_as_user = Some(u);
                sc.run_as_group = Some(g);
            }
            _ => unmapped.add(
                "user",
                &svc.name,
                "a user or group name: Kubernetes takes numeric ids (runAsUser, runAsGroup) only",
            ),
        }
    }
    if s.read_only {
        sc.read_only_root_filesystem = Some(true);
    }
    if s.privileged {
        sc.privileged = Some(true);
    }
    let caps = |l: &[String]| -> Option<Vec<String>> {
        (!l.is_empty()).then(|| {
            l.iter()
                .map(|c| c.trim_start_matches("CAP_").to_ascii_uppercase())
                .collect()
        })
    };
    if !s.cap_add.is_empty() || !s.cap_drop.is_empty() {
        sc.capabilities = Some(Capabilities {
            add: caps(&s.cap_add),
            drop: caps(&s.cap_drop),
        });
    }
    (sc != SecurityContext::default()).then_some(sc)
}

/// The ports a service's Service and container have: (port, protocol).
fn service_ports(svc: &ServiceModel) -> Vec<(i32, String)> {
    let mut out: Vec<(i32, String)> = Vec::new();
    let mut add = |port: i32, proto: &str| {
        let p = (port, proto.to_ascii_uppercase());
        if !out.contains(&p) {
            out.push(p);
        }
    };
    for p in &svc.ports {
        add(p.target as i32, &p.protocol);
    }
    for e in &svc.service.expose {
        let (port, proto) = e.split_once('/').unwrap_or((e.as_str(), "tcp"));
        if let Ok(port) = port.parse::<i32>() {
            add(port, proto);
        }
    }
    out
}

/// Keys without a Kubernetes form (or that need no mapping: the loader
/// already acted on `profiles`, `build` is the image's past).
fn warn_unmapped(svc: &ServiceModel, unmapped: &mut Unmapped) {
    let s = &svc.service;
    for k in &svc.unsupported {
        unmapped.add(k, &svc.name, "not supported by ccr");
    }
    let custom_networks = svc.networks.keys().any(|k| k != "default");
    let published_range = svc
        .ports
        .iter()
        .any(|p| p.published.as_deref().is_some_and(|r| r.contains('-')));
    let rules: [(bool, &str, &str); 12] = [
        (
            s.network_mode.is_some(),
            "network_mode",
            "every pod has its own network namespace on the cluster network",
        ),
        (
            custom_networks,
            "networks",
            "pods share the cluster network (use NetworkPolicies to separate them); aliases are not kept",
        ),
        (
            !s.extra_hosts.is_empty(),
            "extra_hosts",
            "use the pod's hostAliases by hand",
        ),
        (
            !s.dns.is_empty() || !svc.dns_search.is_empty(),
            "dns",
            "the cluster's DNS serves pods (dnsConfig by hand)",
        ),
        (
            svc.pids_limit.is_some(),
            "pids_limit",
            "a pod's process limit is the kubelet's",
        ),
        (
            s.shm_size.is_some(),
            "shm_size",
            "mount an emptyDir with medium Memory at /dev/shm by hand",
        ),
        (
            s.stop_signal.is_some(),
            "stop_signal",
            "Kubernetes stops containers with SIGTERM (the image's STOPSIGNAL, with containerd)",
        ),
        (
            svc.build.is_some(),
            "build",
            "the cluster runs the pushed image (pinned by digest); build and push it first",
        ),
        (
            s.container_name.is_some(),
            "container_name",
            "pods are named after their workload",
        ),
        (
            s.init,
            "init",
            "use shareProcessNamespace or an init in the image",
        ),
        (
            svc.platform.is_some(),
            "platform",
            "the pinned digest selects the image; use a nodeSelector on kubernetes.io/arch",
        ),
        (
            published_range,
            "ports",
            "a published range: the container gets no hostPort",
        ),
    ];
    for (present, key, why) in rules {
        if present {
            unmapped.add(key, &svc.name, why);
        }
    }
}

/// Reads a config's or secret's content.
fn file_content(
    r: &crate::compose::model::Resource,
    kind: &str,
    key: &str,
) -> Result<Vec<u8>, KubeError> {
    if let Some(f) = &r.file {
        return crate::bounded::read(f, crate::bounded::CONFIG_FILE).map_err(|source| {
            KubeError::Io {
                path: f.clone(),
                source,
            }
        });
    }
    r.inline_text()
        .map(String::into_bytes)
        .ok_or_else(|| KubeError::Manifest {
            what: format!("{kind}s.{key}"),
            why: "has no file, content or environment".into(),
        })
}

struct Pods<'a> {
    model: &'a ProjectModel,
    opts: &'a ConvertOptions,
    project: String,
    /// Services others wait for with service_completed_successfully.
    awaited: BTreeSet<String>,
    /// Named volumes used by more than one service.
    shared: BTreeSet<String>,
}

/// A pod's volumes, and its container's mounts of them.
#[derive(Default)]
struct Mounts {
    volumes: Vec<Volume>,
    mounts: Vec<VolumeMount>,
}

impl Mounts {
    /// `volume` (once, however many mounts it has) at `path`.
    fn add(
        &mut self,
        volume: Volume,
        path: String,
        read_only: Option<bool>,
        sub_path: Option<String>,
    ) {
        let name = volume.name.clone();
        if !self.volumes.iter().any(|v| v.name == name) {
            self.volumes.push(volume);
        }
        self.mounts.push(VolumeMount {
            name,
            mount_path: path,
            read_only,
            sub_path,
            ..Default::default()
        });
    }
}

fn empty_dir(name: String, memory: bool, size_limit: Option<Quantity>) -> Volume {
    Volume {
        name,
        empty_dir: Some(EmptyDirVolumeSource {
            medium: memory.then(|| "Memory".to_string()),
            size_limit,
            ..Default::default()
        }),
        ..Default::default()
    }
}

impl<'a> Pods<'a> {
    fn new(model: &'a ProjectModel, opts: &'a ConvertOptions) -> Pods<'a> {
        let awaited = model
            .services
            .iter()
            .flat_map(|s| s.depends_on.iter())
            .filter(|(_, d)| d.condition == "service_completed_successfully")
            .map(|(n, _)| n.clone())
            .collect();
        let mut users: BTreeMap<&str, usize> = BTreeMap::new();
        for s in &model.services {
            let mine: BTreeSet<&str> = s
                .volumes
                .iter()
                .filter(|m| m.kind == "volume")
                .filter_map(|m| m.source.as_deref())
                .collect();
            for v in mine {
                *users.entry(v).or_default() += 1;
            }
        }
        Pods {
            model,
            opts,
            project: object_name(&model.name),
            awaited,
            shared: users
                .into_iter()
                .filter(|(_, n)| *n > 1)
                .map(|(v, _)| v.to_string())
                .collect(),
        }
    }
}

impl Pods<'_> {
    fn labels(&self, svc: &ServiceModel) -> BTreeMap<String, String> {
        BTreeMap::from([
            (SERVICE_LABEL.to_string(), object_name(&svc.name)),
            (PROJECT_LABEL.to_string(), self.project.clone()),
        ])
    }

    /// The pod of `svc` with `image`, and the objects it needs of its own
    /// (ConfigMaps); volumes and configs used are recorded in `used`.
    fn pod(
        &self,
        svc: &ServiceModel,
        image: &str,
        restart: &str,
        unmapped: &mut Unmapped,
        used: &mut Used,
    ) -> Result<(PodTemplateSpec, Vec<Object>), KubeError> {
        let (mut container, own) = self.container(svc, image, unmapped)?;
        let mounts = self.mounts(svc, unmapped, used)?;
        container.volume_mounts = (!mounts.mounts.is_empty()).then_some(mounts.mounts);
        let (init, recorded) = self.waits(svc, unmapped);
        // Waiting for a Job reads the API: the pod's account may.
        let needs_reader = svc.depends_on.iter().any(|(d, c)| {
            c.condition == "service_completed_successfully" && self.model.service(d).is_some()
        });
        let (class, mut annotations) = self.runtime(svc, unmapped);
        if !recorded.is_empty() {
            annotations.insert(DEPENDS_ON.to_string(), recorded.join(","));
        }
        // Compose labels are container labels: kept as annotations (label
        // values have a syntax of their own).
        annotations.extend(compose_labels(&svc.service.labels));
        let spec = PodSpec {
            containers: vec![container],
            init_containers: (!init.is_empty()).then_some(init),
            volumes: (!mounts.volumes.is_empty()).then_some(mounts.volumes),
            restart_policy: Some(restart.to_string()),
            runtime_class_name: class,
            hostname: svc.service.hostname.as_deref().map(object_name),
            service_account_name: needs_reader.then(|| format!("{}-waiter", self.project)),
            termination_grace_period_seconds: svc.stop_grace_period.map(|d| d.as_secs() as i64),
            ..Default::default()
        };
        Ok((
            PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(self.labels(svc)),
                    annotations: (!annotations.is_empty()).then_some(annotations),
                    ..Default::default()
                }),
                spec: Some(spec),
            },
            own,
        ))
    }

    /// The service's container (argv, environment, ports, probes, limits,
    /// securityContext) and its environment's ConfigMap.
    fn container(
        &self,
        svc: &ServiceModel,
        image: &str,
        unmapped: &mut Unmapped,
    ) -> Result<(Container, Vec<Object>), KubeError> {
        let s = &svc.service;
        let name = object_name(&svc.name);
        let mut own = Vec::new();
        let mut container = Container {
            name: name.clone(),
            image: Some(image.to_string()),
            command: match &s.entrypoint {
                Some(docker_compose_types::Entrypoint::List(l)) => {
                    argv(svc, "entrypoint", None, Some(l))?
                }
                Some(docker_compose_types::Entrypoint::Simple(c)) => {
                    argv(svc, "entrypoint", Some(c), None)?
                }
                None => None,
            },
            args: match &s.command {
                Some(docker_compose_types::Command::Args(l)) => {
                    argv(svc, "command", None, Some(l))?
                }
                Some(docker_compose_types::Command::Simple(c)) => {
                    argv(svc, "command", Some(c), None)?
                }
                None => None,
            },
            working_dir: s.working_dir.clone(),
            tty: s.tty.then_some(true),
            stdin: s.stdin_open.then_some(true),
            security_context: security(svc, unmapped),
            resources: resources(svc)?,
            ..Default::default()
        };
        let env = environment(svc);
        if !env.is_empty() {
            let cm = format!("{name}-env");
            own.push(Object::ConfigMap(ConfigMap {
                metadata: meta(&cm, &self.opts.namespace, self.labels(svc)),
                data: Some(env),
                ..Default::default()
            }));
            container.env_from = Some(vec![EnvFromSource {
                config_map_ref: Some(ConfigMapEnvSource {
                    name: cm,
                    optional: None,
                }),
                ..Default::default()
            }]);
        }
        let ports: Vec<ContainerPort> = service_ports(svc)
            .into_iter()
            .map(|(port, proto)| {
                let host = svc
                    .ports
                    .iter()
                    .find(|p| p.target as i32 == port && p.protocol.eq_ignore_ascii_case(&proto))
                    .and_then(|p| p.published.as_deref())
                    .and_then(|p| p.parse::<i32>().ok());
                ContainerPort {
                    container_port: port,
                    host_port: host,
                    protocol: Some(proto),
                    ..Default::default()
                }
            })
            .collect();
        container.ports = (!ports.is_empty()).then_some(ports);
        if let Some(p) = probe(svc)? {
            container.liveness_probe = Some(p.clone());
            container.readiness_probe = Some(p);
        }
        Ok((container, own))
    }

    /// Volumes, `tmpfs`, configs and secrets as the pod's volumes.
    fn mounts(
        &self,
        svc: &ServiceModel,
        unmapped: &mut Unmapped,
        used: &mut Used,
    ) -> Result<Mounts, KubeError> {
        let mut out = Mounts::default();
        for (i, m) in svc.volumes.iter().enumerate() {
            let read_only = m.read_only.then_some(true);
            let path = m.target.clone();
            match (m.kind.as_str(), &m.source) {
                ("volume", Some(key)) => {
                    let claim = object_name(key);
                    used.volumes.insert(key.clone());
                    if self.shared.contains(key) {
                        unmapped.add(
                            "volumes",
                            &svc.name,
                            "a named volume shared by several services: its claim asks for ReadWriteMany",
                        );
                    }
                    let volume = Volume {
                        name: claim.clone(),
                        persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                            claim_name: claim,
                            read_only,
                        }),
                        ..Default::default()
                    };
                    out.add(volume, path, read_only, None);
                }
                ("volume", None) => out.add(
                    empty_dir(format!("anon-{i}"), false, None),
                    path,
                    read_only,
                    None,
                ),
                ("tmpfs", _) => {
                    let size = match m.tmpfs.as_ref().and_then(|t| t.size.as_deref()) {
                        Some(s) => Some(memory(svc, "tmpfs.size", s)?),
                        None => None,
                    };
                    out.add(
                        empty_dir(format!("tmpfs-{i}"), true, size),
                        path,
                        read_only,
                        None,
                    );
                }
                ("bind", source) => {
                    unmapped.add(
                        "volumes",
                        &svc.name,
                        "a bind mount of a host path: a hostPath on whatever node runs the pod",
                    );
                    let volume = Volume {
                        name: format!("host-{i}"),
                        host_path: Some(HostPathVolumeSource {
                            path: source.clone().unwrap_or_default(),
                            type_: None,
                        }),
                        ..Default::default()
                    };
                    out.add(volume, path, read_only, None);
                }
                (other, _) => unmapped.add(
                    "volumes",
                    &svc.name,
                    &format!("volume type {other} has no Kubernetes form"),
                ),
            }
        }
        let tmpfs = match &svc.service.tmpfs {
            Some(docker_compose_types::Tmpfs::Simple(t)) => vec![t.clone()],
            Some(docker_compose_types::Tmpfs::List(l)) => l.clone(),
            None => Vec::new(),
        };
        for (i, t) in tmpfs.iter().enumerate() {
            let target = t.split(':').next().unwrap_or(t).to_string();
            out.add(
                empty_dir(format!("tmpfs-key-{i}"), true, None),
                target,
                None,
                None,
            );
        }
        file_mounts(svc, used, &mut out);
        Ok(out)
    }

    /// The init containers that wait for the service's dependencies, and
    /// the `NAME=CONDITION` entries of its `ccr.io/depends-on` annotation.
    fn waits(&self, svc: &ServiceModel, unmapped: &mut Unmapped) -> (Vec<Container>, Vec<String>) {
        let mut init = Vec::new();
        let mut recorded = Vec::new();
        for (dep, d) in &svc.depends_on {
            let Some(other) = self.model.service(dep) else {
                continue;
            };
            let dep_name = object_name(dep);
            let (image, command) = match d.condition.as_str() {
                "service_healthy" => {
                    if other.healthcheck.is_none() {
                        unmapped.add(
                            "depends_on",
                            &svc.name,
                            "service_healthy on a service without a healthcheck: waits for it to be up only",
                        );
                    }
                    // A Service routes to ready pods only, and a headless
                    // one's name resolves only to them.
                    let wait = match service_ports(other).into_iter().next() {
                        Some((port, _)) => format!("nc -z -w 2 {dep_name} {port}"),
                        None => format!(
                            "nslookup {dep_name}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local >/dev/null 2>&1"
                        ),
                    };
                    let line =
                        format!("until {wait}; do echo waiting for {dep_name}; sleep 1; done");
                    (&self.opts.wait_image, vec!["sh".into(), "-c".into(), line])
                }
                "service_completed_successfully" => (
                    &self.opts.kubectl_image,
                    vec![
                        "kubectl".into(),
                        "wait".into(),
                        "--for=condition=complete".into(),
                        "--timeout=-1s".into(),
                        format!("job/{dep_name}"),
                    ],
                ),
                _ => {
                    unmapped.add(
                        "depends_on",
                        &svc.name,
                        "service_started: pods start in any order on a cluster",
                    );
                    continue;
                }
            };
            init.push(Container {
                name: format!("{WAIT_PREFIX}{dep_name}"),
                image: Some(image.clone()),
                command: Some(command),
                ..Default::default()
            });
            recorded.push(format!("{dep_name}={}", d.condition));
        }
        (init, recorded)
    }

    /// The service's runtime class, and the pod annotations it brings
    /// (the runtime handler; for a confidential pod its initdata).
    fn runtime(
        &self,
        svc: &ServiceModel,
        unmapped: &mut Unmapped,
    ) -> (Option<String>, BTreeMap<String, String>) {
        let class = svc
            .runtime_class
            .clone()
            .or_else(|| self.opts.runtime_class.clone());
        let confidential = svc
            .confidential
            .unwrap_or_else(|| class.as_deref().is_some_and(is_confidential_class));
        let mut annotations = BTreeMap::new();
        if let Some(c) = &class {
            annotations.insert(RUNTIME_HANDLER.to_string(), c.clone());
        }
        if confidential {
            match &self.opts.initdata {
                Some(i) => {
                    annotations.insert(INITDATA.to_string(), initdata_annotation(i));
                }
                None => unmapped.add(
                    "x-ccr-confidential",
                    &svc.name,
                    "a confidential pod without initdata: provision the KBS (ccr cvm provision --compose -o FILE) and convert with --cc-init-data FILE",
                ),
            }
        }
        (class, annotations)
    }
}

/// The configs and secrets `svc` mounts, each at its target file.
fn file_mounts(svc: &ServiceModel, used: &mut Used, out: &mut Mounts) {
    for (kind, list) in [("config", &svc.configs), ("secret", &svc.secrets)] {
        for f in list {
            let obj = object_name(&f.source);
            let target = f.target_path(kind == "secret");
            let mode = f.mode.map(|m| m as i32);
            let mut volume = Volume {
                name: format!("{kind}-{obj}"),
                ..Default::default()
            };
            if kind == "config" {
                used.configs.insert(f.source.clone());
                volume.config_map = Some(ConfigMapVolumeSource {
                    name: obj,
                    default_mode: mode,
                    ..Default::default()
                });
            } else {
                used.secrets.insert(f.source.clone());
                volume.secret = Some(SecretVolumeSource {
                    secret_name: Some(obj),
                    default_mode: mode,
                    ..Default::default()
                });
            }
            out.add(volume, target, Some(true), Some(file_key(&f.source)));
        }
    }
}

/// Compose's labels (a map or `KEY=VALUE` list) as a map.
fn compose_labels(labels: &docker_compose_types::Labels) -> BTreeMap<String, String> {
    match labels {
        docker_compose_types::Labels::Map(m) => {
            m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
        }
        docker_compose_types::Labels::List(l) => l
            .iter()
            .map(|e| match e.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (e.clone(), String::new()),
            })
            .collect(),
    }
}

/// The key a config's or secret's file has in its ConfigMap or Secret.
fn file_key(source: &str) -> String {
    source
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[derive(Default)]
struct Used {
    volumes: BTreeSet<String>,
    configs: BTreeSet<String>,
    secrets: BTreeSet<String>,
}

/// The project as Kubernetes objects, each service's image `pins[name]`.
pub fn convert(
    model: &ProjectModel,
    pins: &BTreeMap<String, String>,
    opts: &ConvertOptions,
) -> Result<Converted, KubeError> {
    let pods = Pods::new(model, opts);
    let project = pods.project.clone();
    let mut unmapped = Unmapped::default();
    let mut used = Used::default();
    let mut workloads = Vec::new();
    let mut services = Vec::new();
    let mut own = Vec::new();
    let mut needs_reader = false;
    for svc in &model.services {
        let name = object_name(&svc.name);
        if name != svc.name {
            unmapped.add(
                "(service name)",
                &svc.name,
                "not a Kubernetes name: its objects (and the name other services reach it by) use `-` for `_` and `.`, in lower case",
            );
        }
        warn_unmapped(svc, &mut unmapped);
        let image = pins
            .get(&svc.name)
            .cloned()
            .ok_or_else(|| KubeError::Service {
                service: svc.name.clone(),
                why: "its image was not resolved".into(),
            })?;
        let kind = workload(svc, pods.awaited.contains(&svc.name))?;
        let restart = match kind {
            Workload::Deployment => "Always",
            Workload::Pod(r) => r,
            Workload::Job { on_failure, .. } => {
                if on_failure {
                    "OnFailure"
                } else {
                    "Never"
                }
            }
        };
        let (template, mut extra) = pods.pod(svc, &image, restart, &mut unmapped, &mut used)?;
        own.append(&mut extra);
        needs_reader |= template
            .spec
            .as_ref()
            .is_some_and(|s| s.service_account_name.is_some());
        let labels = pods.labels(svc);
        let metadata = meta(&name, &opts.namespace, labels.clone());
        workloads.push(workload_object(
            svc,
            kind,
            template,
            metadata,
            &labels,
            &mut unmapped,
        ));
        services.push(service_object(svc, &name, labels, &opts.namespace));
    }
    let project_labels = BTreeMap::from([(PROJECT_LABEL.to_string(), project.clone())]);
    let mut objects = Vec::new();
    if needs_reader {
        objects.extend(waiter_objects(&project, &opts.namespace, &project_labels));
    }
    objects.extend(own);
    objects.extend(file_objects(
        model,
        &used,
        &opts.namespace,
        &project_labels,
    )?);
    objects.extend(claims(
        model,
        &used,
        &pods.shared,
        &opts.namespace,
        &project_labels,
    ));
    objects.extend(services);
    objects.extend(workloads);
    Ok(Converted {
        objects,
        warnings: unmapped.lines(),
    })
}

/// The Deployment, bare Pod or Job of `svc`.
fn workload_object(
    svc: &ServiceModel,
    kind: Workload,
    template: PodTemplateSpec,
    metadata: ObjectMeta,
    labels: &BTreeMap<String, String>,
    unmapped: &mut Unmapped,
) -> Object {
    match kind {
        Workload::Deployment => Object::Deployment(Deployment {
            metadata,
            spec: DeploymentSpec {
                replicas: Some(svc.replicas() as i32),
                selector: LabelSelector {
                    match_labels: Some(labels.clone()),
                    ..Default::default()
                },
                template,
                ..Default::default()
            },
            ..Default::default()
        }),
        Workload::Pod(_) => {
            if svc.replicas() > 1 {
                unmapped.add(
                    "deploy.replicas",
                    &svc.name,
                    "a bare Pod (its restart policy) runs once",
                );
            }
            let mut m = template.metadata.unwrap_or_default();
            m.name = metadata.name;
            m.namespace = metadata.namespace;
            Object::Pod(Pod {
                metadata: m,
                spec: template.spec,
                ..Default::default()
            })
        }
        Workload::Job { retries, .. } => Object::Job(Job {
            metadata,
            spec: Some(JobSpec {
                backoff_limit: Some(retries),
                template,
                ..Default::default()
            }),
            ..Default::default()
        }),
    }
}

/// The Service of `svc`'s name: every service is reached by its name, as
/// on a compose network, on its ports, or (without ports) through a
/// headless Service whose name resolves to its ready pods.
fn service_object(
    svc: &ServiceModel,
    name: &str,
    labels: BTreeMap<String, String>,
    namespace: &Option<String>,
) -> Object {
    let ports = service_ports(svc);
    let headless = ports.is_empty();
    Object::Service(Service {
        metadata: meta(name, namespace, labels.clone()),
        spec: Some(ServiceSpec {
            selector: Some(labels),
            cluster_ip: headless.then(|| "None".to_string()),
            ports: (!headless).then(|| {
                ports
                    .into_iter()
                    .map(|(port, proto)| ServicePort {
                        name: Some(format!("{port}-{}", proto.to_ascii_lowercase())),
                        port,
                        target_port: Some(IntOrString::Int(port)),
                        protocol: Some(proto),
                        ..Default::default()
                    })
                    .collect()
            }),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The account that waiting init containers read Jobs with.
fn waiter_objects(
    project: &str,
    namespace: &Option<String>,
    labels: &BTreeMap<String, String>,
) -> [Object; 3] {
    let sa = format!("{project}-waiter");
    [
        Object::ServiceAccount(ServiceAccount {
            metadata: meta(&sa, namespace, labels.clone()),
            ..Default::default()
        }),
        Object::Role(Role {
            metadata: meta(&sa, namespace, labels.clone()),
            rules: Some(vec![PolicyRule {
                api_groups: Some(vec!["batch".into()]),
                resources: Some(vec!["jobs".into()]),
                verbs: vec!["get".into(), "list".into(), "watch".into()],
                ..Default::default()
            }]),
        }),
        Object::RoleBinding(RoleBinding {
            metadata: meta(&sa, namespace, labels.clone()),
            role_ref: RoleRef {
                api_group: Some("rbac.authorization.k8s.io".into()),
                kind: "Role".into(),
                name: sa.clone(),
            },
            subjects: Some(vec![Subject {
                kind: "ServiceAccount".into(),
                name: sa,
                // A ServiceAccount subject names its namespace.
                namespace: Some(namespace.clone().unwrap_or_else(|| "default".into())),
                ..Default::default()
            }]),
        }),
    ]
}

/// The ConfigMaps and Secrets of the configs and secrets the pods mount.
fn file_objects(
    model: &ProjectModel,
    used: &Used,
    namespace: &Option<String>,
    labels: &BTreeMap<String, String>,
) -> Result<Vec<Object>, KubeError> {
    let mut out = Vec::new();
    for (kind, keys, defined) in [
        ("config", &used.configs, &model.configs),
        ("secret", &used.secrets, &model.secrets),
    ] {
        for key in keys {
            let r = defined.get(key).ok_or_else(|| KubeError::Manifest {
                what: format!("{kind}s.{key}"),
                why: "used but not defined".into(),
            })?;
            if r.external {
                continue;
            }
            let content = file_content(r, kind, key)?;
            let metadata = meta(&object_name(key), namespace, labels.clone());
            out.push(if kind == "secret" {
                Object::Secret(Secret {
                    metadata,
                    data: Some(BTreeMap::from([(file_key(key), ByteString(content))])),
                    type_: Some("Opaque".into()),
                    ..Default::default()
                })
            } else {
                let (data, binary_data) = match String::from_utf8(content) {
                    Ok(t) => (Some(BTreeMap::from([(file_key(key), t)])), None),
                    Err(e) => (
                        None,
                        Some(BTreeMap::from([(
                            file_key(key),
                            ByteString(e.into_bytes()),
                        )])),
                    ),
                };
                Object::ConfigMap(ConfigMap {
                    metadata,
                    data,
                    binary_data,
                    ..Default::default()
                })
            });
        }
    }
    Ok(out)
}

/// A PersistentVolumeClaim for each named volume the pods mount.
fn claims(
    model: &ProjectModel,
    used: &Used,
    shared: &BTreeSet<String>,
    namespace: &Option<String>,
    labels: &BTreeMap<String, String>,
) -> Vec<Object> {
    used.volumes
        .iter()
        .filter(|key| !model.volumes.get(*key).is_some_and(|v| v.external))
        .map(|key| {
            let mode = match shared.contains(key) {
                true => "ReadWriteMany",
                false => "ReadWriteOnce",
            };
            Object::PersistentVolumeClaim(PersistentVolumeClaim {
                metadata: meta(&object_name(key), namespace, labels.clone()),
                spec: Some(PersistentVolumeClaimSpec {
                    access_modes: Some(vec![mode.into()]),
                    resources: Some(VolumeResourceRequirements {
                        requests: Some(BTreeMap::from([(
                            "storage".to_string(),
                            Quantity(CLAIM_SIZE.into()),
                        )])),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coco_runtime_classes_are_confidential() {
        for c in [
            "kata-qemu-coco-dev",
            "kata-qemu-tdx",
            "kata-qemu-snp",
            "kata-remote",
        ] {
            assert!(is_confidential_class(c), "{c}");
        }
        for c in ["kata-qemu", "runc", "gvisor", "kata-clh"] {
            assert!(!is_confidential_class(c), "{c}");
        }
    }

    #[test]
    fn cpus_and_file_keys() {
        assert_eq!(cpus(0.5).0, "500m");
        assert_eq!(cpus(2.0).0, "2000m");
        assert_eq!(file_key("my cfg/x"), "my-cfg-x");
    }
}
