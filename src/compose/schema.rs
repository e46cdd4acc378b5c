//! The keys the compose specification allows where ccr checks them: the
//! top level, a service, and the objects inside a service and at the top
//! level that have a fixed set of keys. `x-` keys are allowed everywhere.
//! A key outside these sets makes the file invalid, as `docker compose`
//! says: `services.web Additional property imagee is not allowed`.

use yaml_serde::{Mapping, Value};

use super::yaml::scalar_text;

pub const TOP: &[&str] = &[
    "configs", "include", "name", "networks", "secrets", "services", "version", "volumes",
];

pub const SERVICE: &[&str] = &[
    "annotations",
    "attach",
    "blkio_config",
    "build",
    "cap_add",
    "cap_drop",
    "cgroup",
    "cgroup_parent",
    "command",
    "configs",
    "container_name",
    "cpu_count",
    "cpu_percent",
    "cpu_period",
    "cpu_quota",
    "cpu_rt_period",
    "cpu_rt_runtime",
    "cpu_shares",
    "cpus",
    "cpuset",
    "credential_spec",
    "depends_on",
    "deploy",
    "develop",
    "device_cgroup_rules",
    "devices",
    "dns",
    "dns_opt",
    "dns_search",
    "domainname",
    "entrypoint",
    "env_file",
    "environment",
    "expose",
    "extends",
    "external_links",
    "extra_hosts",
    "gpus",
    "group_add",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "ipc",
    "isolation",
    "label_file",
    "labels",
    "links",
    "logging",
    "mac_address",
    "mem_limit",
    "mem_reservation",
    "mem_swappiness",
    "memswap_limit",
    "network_mode",
    "networks",
    "oom_kill_disable",
    "oom_score_adj",
    "pid",
    "pids_limit",
    "platform",
    "ports",
    "post_start",
    "pre_stop",
    "privileged",
    "profiles",
    "pull_policy",
    "read_only",
    "restart",
    "runtime",
    "scale",
    "secrets",
    "security_opt",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "storage_opt",
    "sysctls",
    "tmpfs",
    "tty",
    "ulimits",
    "user",
    "userns_mode",
    "uts",
    "volumes",
    "volumes_from",
    "working_dir",
];

const BUILD: &[&str] = &[
    "additional_contexts",
    "args",
    "cache_from",
    "cache_to",
    "context",
    "dockerfile",
    "dockerfile_inline",
    "entitlements",
    "extra_hosts",
    "isolation",
    "labels",
    "network",
    "no_cache",
    "platforms",
    "privileged",
    "pull",
    "secrets",
    "shm_size",
    "ssh",
    "tags",
    "target",
    "ulimits",
];
const HEALTHCHECK: &[&str] = &[
    "disable",
    "interval",
    "retries",
    "start_interval",
    "start_period",
    "test",
    "timeout",
];
const DEPLOY: &[&str] = &[
    "endpoint_mode",
    "labels",
    "mode",
    "placement",
    "replicas",
    "resources",
    "restart_policy",
    "rollback_config",
    "update_config",
];
const PORT: &[&str] = &[
    "app_protocol",
    "host_ip",
    "mode",
    "name",
    "protocol",
    "published",
    "target",
];
const MOUNT: &[&str] = &[
    "bind",
    "consistency",
    "read_only",
    "source",
    "target",
    "tmpfs",
    "type",
    "volume",
];
const DEPENDENCY: &[&str] = &["condition", "required", "restart"];
const NETWORK: &[&str] = &[
    "attachable",
    "driver",
    "driver_opts",
    "enable_ipv4",
    "enable_ipv6",
    "external",
    "internal",
    "ipam",
    "labels",
    "name",
];
const VOLUME: &[&str] = &["driver", "driver_opts", "external", "labels", "name"];
const SECRET: &[&str] = &[
    "driver",
    "driver_opts",
    "environment",
    "external",
    "file",
    "labels",
    "name",
    "template_driver",
];
const CONFIG: &[&str] = &[
    "content",
    "environment",
    "external",
    "file",
    "labels",
    "name",
    "template_driver",
];

/// A key that is not allowed: where, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub at: String,
    pub key: String,
}

fn check(m: &Mapping, allowed: &[&str], at: &str, out: &mut Vec<Unknown>) {
    for k in m.keys().filter_map(scalar_text) {
        if !k.starts_with("x-") && !allowed.contains(&k.as_str()) {
            out.push(Unknown {
                at: at.to_string(),
                key: k,
            });
        }
    }
}

/// Every key of `model` that the specification does not allow.
pub fn unknown_keys(model: &Mapping) -> Vec<Unknown> {
    let mut out = Vec::new();
    check(model, TOP, "(root)", &mut out);
    if let Some(Value::Mapping(services)) = model.get("services") {
        for (name, svc) in services {
            let name = scalar_text(name).unwrap_or_default();
            let Value::Mapping(svc) = svc else { continue };
            let at = format!("services.{name}");
            check(svc, SERVICE, &at, &mut out);
            let sub = |key: &str, allowed: &[&str], out: &mut Vec<Unknown>| {
                if let Some(Value::Mapping(m)) = svc.get(key) {
                    check(m, allowed, &format!("{at}.{key}"), out);
                }
            };
            sub("build", BUILD, &mut out);
            sub("healthcheck", HEALTHCHECK, &mut out);
            sub("deploy", DEPLOY, &mut out);
            for (key, allowed) in [("ports", PORT), ("volumes", MOUNT)] {
                if let Some(Value::Sequence(list)) = svc.get(key) {
                    for (i, e) in list.iter().enumerate() {
                        if let Value::Mapping(m) = e {
                            check(m, allowed, &format!("{at}.{key}.{i}"), &mut out);
                        }
                    }
                }
            }
            if let Some(Value::Mapping(deps)) = svc.get("depends_on") {
                for (d, e) in deps {
                    if let Value::Mapping(m) = e {
                        let d = scalar_text(d).unwrap_or_default();
                        check(m, DEPENDENCY, &format!("{at}.depends_on.{d}"), &mut out);
                    }
                }
            }
        }
    }
    for (kind, allowed) in [
        ("networks", NETWORK),
        ("volumes", VOLUME),
        ("secrets", SECRET),
        ("configs", CONFIG),
    ] {
        if let Some(Value::Mapping(rs)) = model.get(kind) {
            for (k, r) in rs {
                if let Value::Mapping(m) = r {
                    let k = scalar_text(k).unwrap_or_default();
                    check(m, allowed, &format!("{kind}.{k}"), &mut out);
                }
            }
        }
    }
    out
}

/// A value of the wrong shape: where, and the rule it breaks, worded as
/// docker compose words the specification's schema rules
/// (`services.web.image must be a string`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub at: String,
    pub rule: String,
}

fn violation(at: impl Into<String>, rule: impl Into<String>) -> Option<Violation> {
    Some(Violation {
        at: at.into(),
        rule: rule.into(),
    })
}

fn is_scalar(v: &Value) -> bool {
    matches!(
        v,
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)
    )
}

/// The schema's `list_or_dict`: a list of strings, or a mapping of
/// scalars.
fn list_or_dict(v: &Value, at: &str) -> Option<Violation> {
    match v {
        Value::Mapping(m) => m.iter().find_map(|(k, v)| {
            (!is_scalar(v)).then(|| Violation {
                at: format!("{at}.{}", scalar_text(k).unwrap_or_default()),
                rule: "must be a string, number, boolean or null".into(),
            })
        }),
        Value::Sequence(l) => l.iter().enumerate().find_map(|(i, e)| {
            (!matches!(e, Value::String(_) | Value::Number(_) | Value::Bool(_))).then(|| {
                Violation {
                    at: format!("{at}.{i}"),
                    rule: "must be a string".into(),
                }
            })
        }),
        _ => violation(at, "must be a mapping"),
    }
}

fn string(v: Option<&Value>, at: &str) -> Option<Violation> {
    match v {
        Some(Value::String(_)) | None => None,
        Some(_) => violation(at, "must be a string"),
    }
}

/// The first value of `model` whose shape the specification refuses:
/// the sections and services are mappings, the lists and mappings it
/// types are what it says, and what it requires is there.
pub fn violations(model: &Mapping) -> Option<Violation> {
    for kind in ["services", "networks", "volumes", "secrets", "configs"] {
        match model.get(kind) {
            None | Some(Value::Mapping(_)) | Some(Value::Null) => {}
            Some(_) => return violation(kind, "must be a mapping"),
        }
    }
    if let Some(v) = string(model.get("name"), "name") {
        return Some(v);
    }
    if let Some(Value::Mapping(services)) = model.get("services") {
        for (name, svc) in services {
            let name = scalar_text(name).unwrap_or_default();
            if name.starts_with("x-") && !svc.is_mapping() {
                continue;
            }
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            {
                return violation(
                    "services",
                    format!("Additional property {name} is not allowed"),
                );
            }
            let at = format!("services.{name}");
            let svc = match svc {
                Value::Mapping(m) => m,
                Value::Null => continue,
                _ => return violation(at, "must be a mapping"),
            };
            if let Some(v) = service(svc, &at) {
                return Some(v);
            }
        }
    }
    for kind in ["networks", "volumes", "secrets", "configs"] {
        if let Some(Value::Mapping(rs)) = model.get(kind) {
            for (k, r) in rs {
                let at = format!("{kind}.{}", scalar_text(k).unwrap_or_default());
                match r {
                    Value::Mapping(m) => {
                        for k in ["name", "driver"] {
                            if let Some(v) = string(m.get(k), &format!("{at}.{k}")) {
                                return Some(v);
                            }
                        }
                        if let Some(l) = m.get("labels") {
                            if let Some(v) = list_or_dict(l, &format!("{at}.labels")) {
                                return Some(v);
                            }
                        }
                    }
                    Value::Null => {}
                    _ => return violation(at, "must be a mapping"),
                }
            }
        }
    }
    None
}

/// The JSON types the specification allows for a service key.
#[derive(Clone, Copy)]
enum Shape {
    Str,
    List,
    /// A string or a list of strings.
    StrOrList,
    /// null, a string or a list (`command`, `entrypoint`).
    Command,
    Object,
    /// A list of strings or a mapping (`depends_on`, `networks`).
    ListOrObject,
    /// A string or a mapping (`build`, `extends`).
    StrOrObject,
    /// A boolean or a string.
    Flag,
    /// A number or a string.
    Amount,
}

const SHAPES: &[(&str, Shape)] = &[
    ("cgroup", Shape::Str),
    ("cgroup_parent", Shape::Str),
    ("container_name", Shape::Str),
    ("cpuset", Shape::Str),
    ("domainname", Shape::Str),
    ("hostname", Shape::Str),
    ("image", Shape::Str),
    ("ipc", Shape::Str),
    ("isolation", Shape::Str),
    ("mac_address", Shape::Str),
    ("network_mode", Shape::Str),
    ("platform", Shape::Str),
    ("pull_policy", Shape::Str),
    ("restart", Shape::Str),
    ("runtime", Shape::Str),
    ("stop_grace_period", Shape::Str),
    ("stop_signal", Shape::Str),
    ("user", Shape::Str),
    ("uts", Shape::Str),
    ("userns_mode", Shape::Str),
    ("working_dir", Shape::Str),
    ("cap_add", Shape::List),
    ("cap_drop", Shape::List),
    ("devices", Shape::List),
    ("dns_opt", Shape::List),
    ("expose", Shape::List),
    ("external_links", Shape::List),
    ("group_add", Shape::List),
    ("links", Shape::List),
    ("ports", Shape::List),
    ("post_start", Shape::List),
    ("pre_stop", Shape::List),
    ("security_opt", Shape::List),
    ("volumes", Shape::List),
    ("volumes_from", Shape::List),
    ("configs", Shape::List),
    ("secrets", Shape::List),
    ("device_cgroup_rules", Shape::List),
    ("profiles", Shape::List),
    ("dns", Shape::StrOrList),
    ("dns_search", Shape::StrOrList),
    ("tmpfs", Shape::StrOrList),
    ("command", Shape::Command),
    ("entrypoint", Shape::Command),
    ("blkio_config", Shape::Object),
    ("credential_spec", Shape::Object),
    ("logging", Shape::Object),
    ("storage_opt", Shape::Object),
    ("healthcheck", Shape::Object),
    ("deploy", Shape::Object),
    ("develop", Shape::Object),
    ("ulimits", Shape::Object),
    ("depends_on", Shape::ListOrObject),
    ("networks", Shape::ListOrObject),
    ("extra_hosts", Shape::ListOrObject),
    ("build", Shape::StrOrObject),
    ("extends", Shape::StrOrObject),
    ("attach", Shape::Flag),
    ("init", Shape::Flag),
    ("oom_kill_disable", Shape::Flag),
    ("privileged", Shape::Flag),
    ("read_only", Shape::Flag),
    ("stdin_open", Shape::Flag),
    ("tty", Shape::Flag),
    ("cpu_shares", Shape::Amount),
    ("cpu_quota", Shape::Amount),
    ("cpu_period", Shape::Amount),
    ("cpu_rt_period", Shape::Amount),
    ("cpu_rt_runtime", Shape::Amount),
    ("cpus", Shape::Amount),
    ("mem_limit", Shape::Amount),
    ("memswap_limit", Shape::Amount),
    ("mem_reservation", Shape::Amount),
    ("pids_limit", Shape::Amount),
    ("shm_size", Shape::Amount),
    ("scale", Shape::Amount),
    ("mem_swappiness", Shape::Amount),
    ("cpu_count", Shape::Amount),
    ("cpu_percent", Shape::Amount),
    ("oom_score_adj", Shape::Amount),
];

/// Whether `v` has `shape`, and docker compose's words when not.
fn shaped(v: &Value, shape: Shape) -> Result<(), &'static str> {
    use Value::*;
    let ok = match shape {
        Shape::Str => matches!(v, String(_)),
        Shape::List => matches!(v, Sequence(_)),
        Shape::StrOrList => matches!(v, String(_) | Sequence(_)),
        Shape::Command => matches!(v, Null | String(_) | Sequence(_)),
        Shape::Object => matches!(v, Mapping(_)),
        Shape::ListOrObject => matches!(v, Sequence(_) | Mapping(_)),
        Shape::StrOrObject => matches!(v, String(_) | Mapping(_)),
        Shape::Flag => matches!(v, Bool(_) | String(_)),
        Shape::Amount => matches!(v, Number(_) | String(_)),
    };
    if ok {
        return Ok(());
    }
    Err(match shape {
        Shape::Str => "must be a string",
        Shape::List => "must be a list",
        Shape::StrOrList => "must be a string or a list",
        Shape::Command => "must be a null, a string or a list",
        Shape::Object | Shape::ListOrObject => "must be a mapping",
        Shape::StrOrObject => "must be a string or a mapping",
        Shape::Flag => "must be a boolean or string",
        Shape::Amount => "must be a number or a string",
    })
}

fn service(svc: &Mapping, at: &str) -> Option<Violation> {
    for (k, shape) in SHAPES {
        if let Some(v) = svc.get(*k)
            && let Err(rule) = shaped(v, *shape)
        {
            return violation(format!("{at}.{k}"), rule);
        }
    }
    if let Some(Value::Mapping(u)) = svc.get("ulimits") {
        for (k, v) in u {
            let ok = match v {
                Value::Number(n) => n.is_i64() || n.is_u64(),
                Value::String(t) => t.trim().parse::<i64>().is_ok(),
                Value::Mapping(m) => m.get("soft").is_some() && m.get("hard").is_some(),
                _ => false,
            };
            if !ok {
                return violation(
                    format!("{at}.ulimits.{}", scalar_text(k).unwrap_or_default()),
                    "must be an integer or a mapping of soft and hard",
                );
            }
        }
    }
    for k in ["environment", "labels", "annotations", "sysctls"] {
        if let Some(v) = svc.get(k) {
            if let Some(v) = list_or_dict(v, &format!("{at}.{k}")) {
                return Some(v);
            }
        }
    }
    if let Some(Value::Mapping(b)) = svc.get("build") {
        for k in ["args", "labels"] {
            if let Some(v) = b.get(k) {
                if let Some(v) = list_or_dict(v, &format!("{at}.build.{k}")) {
                    return Some(v);
                }
            }
        }
        if let Some(ssh) = b.get("ssh") {
            if let Some(v) = list_or_dict(ssh, &format!("{at}.build.ssh")) {
                return Some(v);
            }
        }
    }
    if let Some(Value::Sequence(vols)) = svc.get("volumes") {
        for (i, v) in vols.iter().enumerate() {
            let empty_bind = match v {
                Value::String(short) => short.starts_with(':'),
                Value::Mapping(m) => {
                    m.get("type").and_then(Value::as_str) == Some("bind")
                        && m.get("source")
                            .and_then(scalar_text)
                            .is_none_or(|src| src.is_empty())
                }
                _ => false,
            };
            if empty_bind {
                return violation(
                    format!("{at}.volumes.{i}"),
                    "invalid mount config for type \"bind\": field Source must not be empty",
                );
            }
            let size = v.get("tmpfs").and_then(|t| t.get("size"));
            if let Some(n) = size.and_then(Value::as_i64)
                && n < 0
            {
                return violation(
                    format!("{at}.volumes.{i}.tmpfs.size"),
                    "Must be greater than or equal to 0",
                );
            }
        }
    }
    if let Some(Value::Mapping(deps)) = svc.get("depends_on") {
        for (d, e) in deps {
            if let Value::Mapping(m) = e
                && !m.contains_key("condition")
            {
                let d = scalar_text(d).unwrap_or_default();
                return violation(format!("{at}.depends_on.{d}"), "condition is required");
            }
        }
    }
    if let Some(Value::Sequence(watch)) = svc.get("develop").and_then(|d| d.get("watch")) {
        for (i, w) in watch.iter().enumerate() {
            for k in ["path", "action"] {
                if w.get(k).is_none() {
                    return violation(
                        format!("{at}.develop.watch.{i}"),
                        format!("{k} is required"),
                    );
                }
            }
        }
    }
    let devices = svc
        .get("deploy")
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.get("reservations"))
        .and_then(|r| r.get("devices"))
        .and_then(Value::as_sequence);
    for (i, d) in devices.into_iter().flatten().enumerate() {
        let here = format!("{at}.deploy.resources.reservations.devices.{i}");
        if d.get("capabilities").is_none() {
            return violation(here, "capabilities is required");
        }
        match d.get("count") {
            None | Some(Value::Number(_)) => {}
            Some(Value::String(s)) if s == "all" || s.parse::<i64>().is_ok() => {}
            Some(other) => {
                return violation(
                    format!("{here}.count"),
                    format!(
                        "invalid value {:?}, the only value allowed is 'all' or a number",
                        scalar_text(other).unwrap_or_default()
                    ),
                );
            }
        }
        if d.get("count").is_some() && d.get("device_ids").is_some() {
            return violation(
                here,
                "\"count\" and \"device_ids\" attributes are exclusive",
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_checked_with_the_key_path_and_the_rule() {
        let first = |text: &str| {
            let m: Mapping = yaml_serde::from_str(text).unwrap();
            violations(&m).map(|v| format!("{} {}", v.at, v.rule))
        };
        for (text, want) in [
            ("services: [a]\n", "services must be a mapping"),
            (
                "services:\n  'web 1': {image: x}\n",
                "services Additional property web 1 is not allowed",
            ),
            (
                "services:\n  w: {image: x, user: 1000}\n",
                "services.w.user must be a string",
            ),
            (
                "services:\n  w: {image: x, volumes: /x}\n",
                "services.w.volumes must be a list",
            ),
            (
                "services:\n  w: {image: x, command: {a: b}}\n",
                "services.w.command must be a null, a string or a list",
            ),
            (
                "services:\n  w: {image: x, environment: {A: [1]}}\n",
                "services.w.environment.A must be a string, number, boolean or null",
            ),
            (
                "services:\n  w: {image: x, ulimits: {nofile: x}}\n",
                "services.w.ulimits.nofile must be an integer or a mapping of soft and hard",
            ),
            (
                "services:\n  w: {image: x, depends_on: {d: {required: false}}}\n",
                "services.w.depends_on.d condition is required",
            ),
            (
                "services:\n  w: {image: x, volumes: [':/x']}\n",
                "services.w.volumes.0 invalid mount config for type \"bind\": field Source must not be empty",
            ),
            (
                "networks:\n  n: {driver: 3}\n",
                "networks.n.driver must be a string",
            ),
        ] {
            assert_eq!(first(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            first(
                "services:\n  w: {image: x, user: '1000', cap_add: [A], ports: [80], dns: 1.1.1.1, privileged: 'true'}\n"
            ),
            None
        );
    }

    #[test]
    fn unknown_keys_are_named_with_their_place() {
        let m: Mapping = yaml_serde::from_str(
            "services:\n  s:\n    imagee: x\n    x-ok: 1\n    ports: [{target: 1, bogus: 2}]\nvolumes:\n  v: {drivr: local}\nx-top: 1\n",
        )
        .unwrap();
        let u = unknown_keys(&m);
        let named: Vec<String> = u.iter().map(|u| format!("{} {}", u.at, u.key)).collect();
        assert_eq!(
            named,
            [
                "services.s imagee",
                "services.s.ports.0 bogus",
                "volumes.v drivr"
            ]
        );
    }
}
