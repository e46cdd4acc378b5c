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
    "group_add",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "ipc",
    "isolation",
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

#[cfg(test)]
mod tests {
    use super::*;

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
