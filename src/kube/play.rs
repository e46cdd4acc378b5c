//! The supported subset of a Kubernetes manifest as a compose project, so
//! that `kube play` runs it with ccr's own containers exactly as `compose
//! up` runs a project:
//!
//! - a Pod, a Deployment (its replicas) or a Job is a service named after
//!   it (a pod's further containers `<name>-<container>`, in its network
//!   namespace); its restart policy the service's;
//! - a Service is name resolution: its name an alias of the pods it
//!   selects, on the project's network (it reaches them on their
//!   container ports);
//! - ConfigMaps and Secrets give environment variables (`env`,
//!   `envFrom`) and files (volumes, with `items` and `subPath`);
//! - a PersistentVolumeClaim a named volume; an emptyDir a volume of the
//!   pod (`medium: Memory` a tmpfs); a hostPath a bind mount;
//! - an exec readiness (else liveness) probe the healthcheck;
//! - init containers one-shot services the pod's containers wait for, in
//!   order; those `convert` made to wait for a dependency (named in the
//!   `ccr.io/depends-on` annotation) become that `depends_on` instead.
//!
//! What it cannot run is named in one warning per field.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{
    ConfigMap, Container, PodSpec, Probe, Secret, Service, Volume as PodVolume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use yaml_serde::{Mapping, Value};

use super::convert::{DEPENDS_ON, WAIT_PREFIX};
use super::{KubeError, Object};

/// The compose model of a manifest, with what it leaves out.
#[derive(Debug)]
pub struct Played {
    /// A canonical compose model (what `compose config` prints).
    pub model: Mapping,
    pub warnings: Vec<String>,
}

fn v(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

fn map(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Mapping(pairs.into_iter().map(|(k, x)| (v(k), x)).collect())
}

/// One workload's pod: its name, labels, annotations, spec and how it
/// restarts (compose's words).
struct Workload<'a> {
    name: String,
    labels: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
    spec: &'a PodSpec,
    restart: String,
    replicas: i32,
}

fn workloads(objects: &[Object]) -> Result<Vec<Workload<'_>>, KubeError> {
    let mut out = Vec::new();
    let missing = |kind: &str, name: &str| KubeError::Manifest {
        what: format!("{kind} {name}"),
        why: "has no pod spec".into(),
    };
    let template = |m: &Option<ObjectMeta>| {
        let m = m.clone().unwrap_or_default();
        (
            m.labels.unwrap_or_default(),
            m.annotations.unwrap_or_default(),
        )
    };
    for o in objects {
        let name = o.name().to_string();
        match o {
            Object::Pod(p) => {
                let spec = p.spec.as_ref().ok_or_else(|| missing("Pod", &name))?;
                let restart = match spec.restart_policy.as_deref() {
                    Some("Never") => "no",
                    Some("OnFailure") => "on-failure",
                    _ => "always",
                };
                out.push(Workload {
                    name,
                    labels: p.metadata.labels.clone().unwrap_or_default(),
                    annotations: p.metadata.annotations.clone().unwrap_or_default(),
                    spec,
                    restart: restart.into(),
                    replicas: 1,
                });
            }
            Object::Deployment(d) => {
                let s = &d.spec;
                let spec = s
                    .template
                    .spec
                    .as_ref()
                    .ok_or_else(|| missing("Deployment", &name))?;
                let (labels, annotations) = template(&s.template.metadata);
                out.push(Workload {
                    name,
                    labels,
                    annotations,
                    spec,
                    restart: "always".into(),
                    replicas: s.replicas.unwrap_or(1),
                });
            }
            Object::Job(j) => {
                let s = j.spec.as_ref().ok_or_else(|| missing("Job", &name))?;
                let spec = s
                    .template
                    .spec
                    .as_ref()
                    .ok_or_else(|| missing("Job", &name))?;
                let (labels, annotations) = template(&s.template.metadata);
                let restart = match (spec.restart_policy.as_deref(), s.backoff_limit) {
                    (Some("OnFailure"), Some(n)) if n > 0 => format!("on-failure:{n}"),
                    (Some("OnFailure"), _) => "on-failure".into(),
                    _ => "no".into(),
                };
                out.push(Workload {
                    name,
                    labels,
                    annotations,
                    spec,
                    restart,
                    replicas: 1,
                });
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A Kubernetes quantity (`500m`, `2`, `128Mi`, `1G`) as a number.
pub fn quantity(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(q.len());
    let (n, suffix) = q.split_at(split);
    let n: f64 = n.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "Ki" => 1024.0,
        "Mi" => 1024.0 * 1024.0,
        "Gi" => 1024.0 * 1024.0 * 1024.0,
        "Ti" => 1024.0f64.powi(4),
        _ => return None,
    };
    Some(n * factor)
}

/// A container's volumes, configs and secrets (compose's three lists).
type Mounts = (Vec<Value>, Vec<Value>, Vec<Value>);

struct Notes(BTreeMap<String, (String, BTreeSet<String>)>);

impl Notes {
    fn add(&mut self, field: &str, who: &str, why: &str) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| (why.to_string(), BTreeSet::new()))
            .1
            .insert(who.to_string());
    }
}

struct Play<'a> {
    project: String,
    config_maps: BTreeMap<&'a str, &'a ConfigMap>,
    secrets: BTreeMap<&'a str, &'a Secret>,
    services: Vec<&'a Service>,
    notes: Notes,
    volumes: Mapping,
    configs: Mapping,
    secret_files: Mapping,
}

fn secret_data(s: &Secret) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = s
        .data
        .iter()
        .flatten()
        .map(|(k, b)| (k.clone(), String::from_utf8_lossy(&b.0).into_owned()))
        .collect();
    for (k, t) in s.string_data.iter().flatten() {
        out.insert(k.clone(), t.clone());
    }
    out
}

fn config_data(c: &ConfigMap) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = c.data.clone().unwrap_or_default();
    for (k, b) in c.binary_data.iter().flatten() {
        out.insert(k.clone(), String::from_utf8_lossy(&b.0).into_owned());
    }
    out
}

impl<'a> Play<'a> {
    fn environment(&mut self, who: &str, c: &Container) -> Result<Mapping, KubeError> {
        let mut env = Mapping::new();
        for from in c.env_from.iter().flatten() {
            let prefix = from.prefix.clone().unwrap_or_default();
            let data = match (&from.config_map_ref, &from.secret_ref) {
                (Some(r), _) => match self.config_maps.get(r.name.as_str()) {
                    Some(cm) => config_data(cm),
                    None if r.optional == Some(true) => BTreeMap::new(),
                    None => return Err(missing_ref("ConfigMap", &r.name, who)),
                },
                (None, Some(r)) => match self.secrets.get(r.name.as_str()) {
                    Some(s) => secret_data(s),
                    None if r.optional == Some(true) => BTreeMap::new(),
                    None => return Err(missing_ref("Secret", &r.name, who)),
                },
                _ => BTreeMap::new(),
            };
            for (k, x) in data {
                env.insert(v(format!("{prefix}{k}")), v(x));
            }
        }
        for e in c.env.iter().flatten() {
            let value = match (&e.value, &e.value_from) {
                (Some(x), _) => x.clone(),
                (None, Some(from)) => {
                    let found = match (&from.config_map_key_ref, &from.secret_key_ref) {
                        (Some(r), _) => Some((
                            "ConfigMap key",
                            &r.name,
                            &r.key,
                            r.optional,
                            self.config_maps
                                .get(r.name.as_str())
                                .map(|c| config_data(c)),
                        )),
                        (None, Some(r)) => Some((
                            "Secret key",
                            &r.name,
                            &r.key,
                            r.optional,
                            self.secrets.get(r.name.as_str()).map(|s| secret_data(s)),
                        )),
                        _ => None,
                    };
                    let Some((kind, name, key, optional, data)) = found else {
                        self.notes.add(
                            "env.valueFrom",
                            who,
                            "fieldRef and resourceFieldRef name the pod's API fields: left unset",
                        );
                        continue;
                    };
                    match data.and_then(|d| d.get(key).cloned()) {
                        Some(x) => x,
                        None if optional == Some(true) => continue,
                        None => return Err(missing_ref(kind, &format!("{name}/{key}"), who)),
                    }
                }
                (None, None) => String::new(),
            };
            env.insert(v(e.name.clone()), v(value));
        }
        Ok(env)
    }

    fn healthcheck(&mut self, who: &str, c: &Container) -> Option<Value> {
        let p: &Probe = c.readiness_probe.as_ref().or(c.liveness_probe.as_ref())?;
        let Some(cmd) = p.exec.as_ref().and_then(|e| e.command.clone()) else {
            self.notes.add(
                "probes",
                who,
                "only exec probes become health checks here (httpGet, tcpSocket and grpc are not run)",
            );
            return None;
        };
        let mut test = vec![v("CMD")];
        test.extend(cmd.into_iter().map(v));
        Some(map([
            ("test", Value::Sequence(test)),
            (
                "interval",
                v(format!("{}s", p.period_seconds.unwrap_or(10))),
            ),
            ("timeout", v(format!("{}s", p.timeout_seconds.unwrap_or(1)))),
            ("retries", Value::from(p.failure_threshold.unwrap_or(3))),
            (
                "start_period",
                v(format!("{}s", p.initial_delay_seconds.unwrap_or(0))),
            ),
        ]))
    }

    /// The mounts of container `c` (volumes, configs, secrets).
    fn mounts(
        &mut self,
        workload: &str,
        who: &str,
        pod_volumes: &[PodVolume],
        c: &Container,
    ) -> Result<Mounts, KubeError> {
        let (mut volumes, mut configs, mut secrets) = (Vec::new(), Vec::new(), Vec::new());
        for m in c.volume_mounts.iter().flatten() {
            let Some(pv) = pod_volumes.iter().find(|x| x.name == m.name) else {
                return Err(KubeError::Manifest {
                    what: format!("{who}: volumeMount {}", m.name),
                    why: "names no volume of the pod".into(),
                });
            };
            let read_only = Value::Bool(m.read_only.unwrap_or(false));
            // A named volume of the project at the mount.
            let mut named = |key: String, volumes: &mut Vec<Value>| {
                self.volumes.insert(
                    v(key.clone()),
                    map([("name", v(format!("{}_{key}", self.project)))]),
                );
                volumes.push(map([
                    ("type", v("volume")),
                    ("source", v(key)),
                    ("target", v(m.mount_path.clone())),
                    ("read_only", read_only.clone()),
                ]));
            };
            if let Some(claim) = &pv.persistent_volume_claim {
                named(claim.claim_name.clone(), &mut volumes);
            } else if let Some(e) = &pv.empty_dir {
                if e.medium.as_deref() == Some("Memory") {
                    let mut t = vec![("type", v("tmpfs")), ("target", v(m.mount_path.clone()))];
                    if let Some(size) = e.size_limit.as_ref().and_then(|q| quantity(&q.0)) {
                        t.push(("tmpfs", map([("size", Value::from(size as i64))])));
                    }
                    volumes.push(map(t));
                } else {
                    // The pod's own volume, shared by its containers.
                    named(format!("{workload}-{}", pv.name), &mut volumes);
                }
            } else if let Some(h) = &pv.host_path {
                volumes.push(map([
                    ("type", v("bind")),
                    ("source", v(h.path.clone())),
                    ("target", v(m.mount_path.clone())),
                    ("read_only", read_only),
                ]));
            } else if pv.config_map.is_some() || pv.secret.is_some() {
                let (c, sec) = self.file_mounts(pv, m, who)?;
                configs.extend(c);
                secrets.extend(sec);
            } else {
                self.notes.add(
                    "volumes",
                    who,
                    "only persistentVolumeClaim, emptyDir, hostPath, configMap and secret volumes are mounted",
                );
            }
        }
        Ok((volumes, configs, secrets))
    }

    /// A ConfigMap or Secret volume mounted at `m`: compose configs and
    /// secrets, one per file (the items, else every key; with `subPath`
    /// the one file).
    fn file_mounts(
        &mut self,
        pv: &PodVolume,
        m: &k8s_openapi::api::core::v1::VolumeMount,
        who: &str,
    ) -> Result<(Vec<Value>, Vec<Value>), KubeError> {
        let (mut configs, mut secrets) = (Vec::new(), Vec::new());
        let (data, items, mode, obj, is_secret) = match (&pv.config_map, &pv.secret) {
            (Some(cm), _) => {
                let data = match self.config_maps.get(cm.name.as_str()) {
                    Some(x) => config_data(x),
                    None if cm.optional == Some(true) => return Ok(Default::default()),
                    None => return Err(missing_ref("ConfigMap", &cm.name, who)),
                };
                (
                    data,
                    cm.items.clone(),
                    cm.default_mode,
                    cm.name.clone(),
                    false,
                )
            }
            (None, Some(s)) => {
                let name = s.secret_name.clone().unwrap_or_default();
                let data = match self.secrets.get(name.as_str()) {
                    Some(x) => secret_data(x),
                    None if s.optional == Some(true) => return Ok(Default::default()),
                    None => return Err(missing_ref("Secret", &name, who)),
                };
                (data, s.items.clone(), s.default_mode, name, true)
            }
            _ => unreachable!("one of the two"),
        };
        // key → path under the mount: the items, else every key.
        let files: Vec<(String, String, Option<i32>)> = match items {
            Some(items) => items.into_iter().map(|i| (i.key, i.path, i.mode)).collect(),
            None => data.keys().map(|k| (k.clone(), k.clone(), None)).collect(),
        };
        for (key, path, item_mode) in files {
            let target = match m.sub_path.as_deref() {
                Some(sub) if sub == path => m.mount_path.clone(),
                Some(_) => continue,
                None => format!("{}/{path}", m.mount_path.trim_end_matches('/')),
            };
            let Some(content) = data.get(&key) else {
                return Err(missing_ref(
                    if is_secret {
                        "Secret key"
                    } else {
                        "ConfigMap key"
                    },
                    &format!("{obj}/{key}"),
                    who,
                ));
            };
            let res = format!("{obj}-{}", key.replace('.', "-"));
            let entry = map([
                ("name", v(format!("{}_{res}", self.project))),
                ("content", v(content.clone())),
            ]);
            let mut file = vec![("source", v(res.clone())), ("target", v(target))];
            if let Some(mode) = item_mode.or(mode) {
                file.push(("mode", Value::from(mode)));
            }
            if is_secret {
                self.secret_files.insert(v(res), entry);
                secrets.push(map(file));
            } else {
                self.configs.insert(v(res), entry);
                configs.push(map(file));
            }
        }
        Ok((configs, secrets))
    }

    /// The container's (else the pod's) securityContext as compose keys.
    fn security(&mut self, w: &Workload<'_>, c: &Container, who: &str, s: &mut Mapping) {
        let pod_sc = w.spec.security_context.as_ref();
        let sc = c.security_context.as_ref();
        let user = sc
            .and_then(|x| x.run_as_user)
            .or(pod_sc.and_then(|x| x.run_as_user));
        let group = sc
            .and_then(|x| x.run_as_group)
            .or(pod_sc.and_then(|x| x.run_as_group));
        match (user, group) {
            (Some(u), Some(g)) => {
                s.insert(v("user"), v(format!("{u}:{g}")));
            }
            (Some(u), None) => {
                s.insert(v("user"), v(u.to_string()));
            }
            (None, Some(_)) => self.notes.add(
                "securityContext.runAsGroup",
                who,
                "a group without a user: the image's user runs",
            ),
            (None, None) => {}
        }
        if let Some(sc) = sc {
            if sc.read_only_root_filesystem == Some(true) {
                s.insert(v("read_only"), Value::Bool(true));
            }
            if sc.privileged == Some(true) {
                s.insert(v("privileged"), Value::Bool(true));
            }
            if let Some(caps) = &sc.capabilities {
                for (key, list) in [("cap_add", &caps.add), ("cap_drop", &caps.drop)] {
                    if let Some(l) = list {
                        s.insert(v(key), Value::Sequence(l.iter().cloned().map(v).collect()));
                    }
                }
            }
        }
    }

    /// Container `c` of workload `w` as a compose service.
    fn service(
        &mut self,
        w: &Workload<'_>,
        c: &Container,
        who: &str,
        aliases: &[String],
    ) -> Result<Mapping, KubeError> {
        let mut s = Mapping::new();
        let image = c.image.clone().ok_or_else(|| KubeError::Manifest {
            what: format!("{who}: container {}", c.name),
            why: "has no image".into(),
        })?;
        s.insert(v("image"), v(image));
        if let Some(cmd) = &c.command {
            s.insert(
                v("entrypoint"),
                Value::Sequence(cmd.iter().cloned().map(v).collect()),
            );
        }
        if let Some(args) = &c.args {
            s.insert(
                v("command"),
                Value::Sequence(args.iter().cloned().map(v).collect()),
            );
        }
        if let Some(wd) = &c.working_dir {
            s.insert(v("working_dir"), v(wd.clone()));
        }
        let env = self.environment(who, c)?;
        if !env.is_empty() {
            s.insert(v("environment"), Value::Mapping(env));
        }
        let ports: Vec<Value> = c
            .ports
            .iter()
            .flatten()
            .filter_map(|p| {
                let host = p.host_port?;
                Some(map([
                    ("target", Value::from(p.container_port)),
                    ("published", v(host.to_string())),
                    (
                        "protocol",
                        v(p.protocol.as_deref().unwrap_or("TCP").to_ascii_lowercase()),
                    ),
                ]))
            })
            .collect();
        if !ports.is_empty() {
            s.insert(v("ports"), Value::Sequence(ports));
        }
        if c.tty == Some(true) {
            s.insert(v("tty"), Value::Bool(true));
        }
        if c.stdin == Some(true) {
            s.insert(v("stdin_open"), Value::Bool(true));
        }
        self.security(w, c, who, &mut s);
        if let Some(h) = self.healthcheck(who, c) {
            s.insert(v("healthcheck"), h);
        }
        if let Some(d) = deploy(w, c) {
            s.insert(v("deploy"), d);
        }
        let (volumes, configs, secrets) =
            self.mounts(&w.name, who, w.spec.volumes.as_deref().unwrap_or(&[]), c)?;
        for (key, list) in [
            ("volumes", volumes),
            ("configs", configs),
            ("secrets", secrets),
        ] {
            if !list.is_empty() {
                s.insert(v(key), Value::Sequence(list));
            }
        }
        if let Some(g) = w.spec.termination_grace_period_seconds {
            s.insert(v("stop_grace_period"), v(format!("{g}s")));
        }
        if let Some(h) = &w.spec.hostname {
            s.insert(v("hostname"), v(h.clone()));
        }
        if !w.labels.is_empty() {
            s.insert(
                v("labels"),
                Value::Mapping(
                    w.labels
                        .iter()
                        .map(|(k, x)| (v(k.clone()), v(x.clone())))
                        .collect(),
                ),
            );
        }
        let net = match aliases.is_empty() {
            true => Value::Null,
            false => map([(
                "aliases",
                Value::Sequence(aliases.iter().cloned().map(v).collect()),
            )]),
        };
        s.insert(v("networks"), map([("default", net)]));
        Ok(s)
    }
}

/// Replicas and limits as compose's `deploy`.
fn deploy(w: &Workload<'_>, c: &Container) -> Option<Value> {
    let limits = c.resources.as_ref().and_then(|r| r.limits.as_ref());
    let mut lim = Mapping::new();
    if let Some(cpu) = limits
        .and_then(|l| l.get("cpu"))
        .and_then(|q| quantity(&q.0))
    {
        lim.insert(v("cpus"), Value::from(cpu));
    }
    if let Some(mem) = limits
        .and_then(|l| l.get("memory"))
        .and_then(|q| quantity(&q.0))
    {
        lim.insert(v("memory"), v((mem as i64).to_string()));
    }
    let mut deploy = Mapping::new();
    if w.replicas != 1 {
        deploy.insert(v("replicas"), Value::from(w.replicas.max(0)));
    }
    if !lim.is_empty() {
        deploy.insert(v("resources"), map([("limits", Value::Mapping(lim))]));
    }
    (!deploy.is_empty()).then_some(Value::Mapping(deploy))
}

fn missing_ref(kind: &str, name: &str, who: &str) -> KubeError {
    KubeError::Manifest {
        what: who.to_string(),
        why: format!("refers to {kind} {name}, which the manifest does not define"),
    }
}

fn selects(service: &Service, labels: &BTreeMap<String, String>) -> bool {
    match service.spec.as_ref().and_then(|s| s.selector.as_ref()) {
        Some(sel) if !sel.is_empty() => sel.iter().all(|(k, x)| labels.get(k) == Some(x)),
        _ => false,
    }
}

/// `depends_on`'s entry for a condition.
fn condition(c: &str) -> Value {
    map([("condition", v(c)), ("required", Value::Bool(true))])
}

impl<'a> Play<'a> {
    /// The manifest's objects indexed: ConfigMaps, Secrets and Services by
    /// name, claims as the project's named volumes.
    fn new(objects: &'a [Object], project: &str) -> Play<'a> {
        let mut play = Play {
            project: project.to_string(),
            config_maps: BTreeMap::new(),
            secrets: BTreeMap::new(),
            services: Vec::new(),
            notes: Notes(BTreeMap::new()),
            volumes: Mapping::new(),
            configs: Mapping::new(),
            secret_files: Mapping::new(),
        };
        for o in objects {
            match o {
                Object::ConfigMap(c) => {
                    play.config_maps.insert(o.name(), c);
                }
                Object::Secret(s) => {
                    play.secrets.insert(o.name(), s);
                }
                Object::Service(s) => play.services.push(s),
                Object::PersistentVolumeClaim(_) => {
                    play.volumes.insert(
                        v(o.name()),
                        map([("name", v(format!("{project}_{}", o.name())))]),
                    );
                }
                _ => {}
            }
        }
        play
    }

    /// What of the Services does not hold here, where they are names.
    fn service_notes(&mut self) {
        for s in self.services.clone() {
            let name = s.metadata.name.clone().unwrap_or_default();
            let t = s
                .spec
                .as_ref()
                .and_then(|x| x.type_.as_deref())
                .unwrap_or("ClusterIP");
            if t != "ClusterIP" {
                self.notes.add(
                    "Service.spec.type",
                    &name,
                    "Services are name resolution here: publish with the container's hostPort",
                );
            }
            for p in s.spec.iter().flat_map(|x| x.ports.iter().flatten()) {
                let same = match &p.target_port {
                    None => true,
                    Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(t)) => {
                        *t == p.port
                    }
                    Some(_) => false,
                };
                if !same {
                    self.notes.add(
                        "Service.spec.ports",
                        &name,
                        "a port other than its targetPort: here the name reaches the pods on their container ports",
                    );
                }
            }
        }
    }

    /// The dependencies `convert` recorded on `w` (`depends_on`), and the
    /// init containers that stood for them.
    fn recorded_dependencies(
        &self,
        w: &Workload<'_>,
        workloads: &[Workload<'_>],
    ) -> Result<(Mapping, BTreeSet<String>), KubeError> {
        let mut depends = Mapping::new();
        let mut waiters = BTreeSet::new();
        let Some(list) = w.annotations.get(DEPENDS_ON) else {
            return Ok((depends, waiters));
        };
        for entry in list.split(',').filter(|e| !e.is_empty()) {
            let (dep, cond) = entry.split_once('=').unwrap_or((entry, "service_started"));
            // A workload of that name, else the one a Service of that name selects.
            let target = match workloads.iter().find(|x| x.name == dep) {
                Some(x) => Some(x.name.clone()),
                None => self
                    .services
                    .iter()
                    .find(|s| s.metadata.name.as_deref() == Some(dep))
                    .and_then(|svc| workloads.iter().find(|x| selects(svc, &x.labels)))
                    .map(|x| x.name.clone()),
            };
            let Some(target) = target else {
                return Err(KubeError::Manifest {
                    what: format!("{}: annotation {DEPENDS_ON}", w.name),
                    why: format!("{dep} is no workload or Service of the manifest"),
                });
            };
            waiters.insert(format!("{WAIT_PREFIX}{dep}"));
            depends.insert(v(target), condition(cond));
        }
        Ok((depends, waiters))
    }

    /// The compose services of workload `w`: its init containers (one-shots,
    /// in order), its first container under its name, further containers
    /// in its network namespace.
    fn pod_services(
        &mut self,
        w: &Workload<'_>,
        workloads: &[Workload<'_>],
        out: &mut Mapping,
    ) -> Result<(), KubeError> {
        if w.spec.runtime_class_name.is_some()
            || w.annotations.contains_key(super::convert::INITDATA)
        {
            self.notes.add(
                "runtimeClassName",
                &w.name,
                "runs with ccr's own runtime here (the runtime class and initdata are the cluster's)",
            );
        }
        let aliases: Vec<String> = self
            .services
            .iter()
            .filter(|s| selects(s, &w.labels))
            .filter_map(|s| s.metadata.name.clone())
            .filter(|n| n != &w.name)
            .collect();
        let (mut depends, waiters) = self.recorded_dependencies(w, workloads)?;
        let mut previous: Option<String> = None;
        for c in w.spec.init_containers.iter().flatten() {
            if waiters.contains(&c.name) {
                continue;
            }
            let name = format!("{}-init-{}", w.name, c.name);
            let who = format!("{} init container {}", w.name, c.name);
            let mut s = self.service(w, c, &who, &[])?;
            s.insert(v("restart"), v("no"));
            s.remove(v("deploy"));
            let mut d = depends.clone();
            if let Some(p) = &previous {
                d.insert(v(p.clone()), condition("service_completed_successfully"));
            }
            if !d.is_empty() {
                s.insert(v("depends_on"), Value::Mapping(d));
            }
            out.insert(v(name.clone()), Value::Mapping(s));
            previous = Some(name);
        }
        if let Some(p) = &previous {
            depends.insert(v(p.clone()), condition("service_completed_successfully"));
        }
        for (i, c) in w.spec.containers.iter().enumerate() {
            let who = format!("{} container {}", w.name, c.name);
            let (name, mut s) = if i == 0 {
                (w.name.clone(), self.service(w, c, &who, &aliases)?)
            } else {
                let mut s = self.service(w, c, &who, &[])?;
                // The pod's network namespace is its first container's.
                s.remove(v("networks"));
                s.insert(v("network_mode"), v(format!("service:{}", w.name)));
                (format!("{}-{}", w.name, c.name), s)
            };
            s.insert(v("restart"), v(w.restart.clone()));
            let mut d = depends.clone();
            if i > 0 {
                d.insert(v(w.name.clone()), condition("service_started"));
            }
            if !d.is_empty() {
                s.insert(v("depends_on"), Value::Mapping(d));
            }
            out.insert(v(name), Value::Mapping(s));
        }
        Ok(())
    }

    /// The whole model, with the notes as warnings.
    fn finish(self, services: Mapping) -> Played {
        let project = &self.project;
        let mut model = Mapping::new();
        model.insert(v("name"), v(project.clone()));
        model.insert(v("services"), Value::Mapping(services));
        model.insert(
            v("networks"),
            map([("default", map([("name", v(format!("{project}_default")))]))]),
        );
        for (key, m) in [
            ("volumes", self.volumes),
            ("configs", self.configs),
            ("secrets", self.secret_files),
        ] {
            if !m.is_empty() {
                model.insert(v(key), Value::Mapping(m));
            }
        }
        let warnings = self
            .notes
            .0
            .into_iter()
            .map(|(field, (why, who))| {
                format!(
                    "{field} ({}): {why}",
                    who.into_iter().collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        Played { model, warnings }
    }
}

/// The manifest's objects as the compose project `project`.
pub fn to_compose(objects: &[Object], project: &str) -> Result<Played, KubeError> {
    let mut play = Play::new(objects, project);
    let workloads = workloads(objects)?;
    if workloads.is_empty() {
        return Err(KubeError::Manifest {
            what: "the manifest".into(),
            why: "has no Pod, Deployment or Job to run".into(),
        });
    }
    play.service_notes();
    let mut services = Mapping::new();
    for w in &workloads {
        play.pod_services(w, &workloads, &mut services)?;
    }
    Ok(play.finish(services))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_as_kubernetes_writes_them() {
        assert_eq!(quantity("500m"), Some(0.5));
        assert_eq!(quantity("2"), Some(2.0));
        assert_eq!(quantity("128Mi"), Some(134217728.0));
        assert_eq!(quantity("1G"), Some(1e9));
        assert_eq!(quantity("1Q"), None);
    }

    #[test]
    fn a_pod_with_a_service_config_and_init_container_becomes_services() {
        let text = r#"
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data: {GREETING: hi, app.conf: "x=1\n"}
---
apiVersion: v1
kind: Service
metadata: {name: front}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations: {ccr.io/depends-on: "db=service_healthy"}
spec:
  restartPolicy: Never
  initContainers:
  - {name: wait-for-db, image: busybox, command: [sh, -c, "until nc -z db 5432; do sleep 1; done"]}
  - {name: prep, image: busybox, command: ["true"]}
  containers:
  - name: web
    image: busybox
    envFrom: [{configMapRef: {name: cfg}}]
    env: [{name: G2, valueFrom: {configMapKeyRef: {name: cfg, key: GREETING}}}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
    volumeMounts: [{name: c, mountPath: /etc/app.conf, subPath: app.conf}]
    readinessProbe: {exec: {command: [test, -f, /ok]}, periodSeconds: 2}
  volumes: [{name: c, configMap: {name: cfg}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: busybox}]
"#;
        let parsed = super::super::parse(text, "m.yaml").unwrap();
        let p = to_compose(&parsed.objects, "p").unwrap();
        let services = p.model["services"].as_mapping().unwrap();
        let web = &services[&v("web")];
        assert_eq!(web["restart"], v("no"));
        assert_eq!(web["environment"]["GREETING"], v("hi"));
        assert_eq!(web["environment"]["G2"], v("hi"));
        assert!(
            web["environment"].get("POD").is_none(),
            "a fieldRef is left unset"
        );
        assert!(
            p.warnings
                .iter()
                .any(|w| w.starts_with("env.valueFrom (web container web)")),
            "{:?}",
            p.warnings
        );
        assert_eq!(web["configs"][0]["target"], v("/etc/app.conf"));
        assert_eq!(web["healthcheck"]["interval"], v("2s"));
        assert_eq!(web["networks"]["default"]["aliases"][0], v("front"));
        assert_eq!(web["depends_on"]["db"]["condition"], v("service_healthy"));
        assert_eq!(
            web["depends_on"]["web-init-prep"]["condition"],
            v("service_completed_successfully")
        );
        assert!(
            !services.contains_key(v("web-init-wait-for-db")),
            "the waiter is the dependency"
        );
        assert_eq!(services[&v("db")]["deploy"]["replicas"], Value::from(2));
        assert_eq!(services[&v("db")]["restart"], v("always"));
        assert!(
            p.model["configs"]
                .as_mapping()
                .unwrap()
                .contains_key(v("cfg-app-conf"))
        );
        // A reference to something the manifest lacks is refused.
        let bad = text.replace("configMapRef: {name: cfg}", "configMapRef: {name: nope}");
        let parsed = super::super::parse(&bad, "m.yaml").unwrap();
        let e = to_compose(&parsed.objects, "p").unwrap_err();
        assert!(e.to_string().contains("ConfigMap nope"), "{e}");
    }
}
