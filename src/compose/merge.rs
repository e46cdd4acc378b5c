//! Merging one compose file over the ones before it, with compose-go's
//! rules: mappings merge per key, sequences append, `command`,
//! `entrypoint` and `healthcheck.test` are replaced, key=value lists
//! (environment, labels, ...) merge by key, `build`, `depends_on` and
//! `networks` merge in their long form; then entries that must be unique
//! (ports, volumes by target, secrets, configs, key=value lists) keep the
//! last of each key in the first one's place. `!reset` and `!override`
//! paths are cleared from the base before the merge.

use yaml_serde::{Mapping, Value};

use super::yaml::{Path, matches, scalar_text, to_sequence};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("cannot override {0}")]
    Type(String),
    #[error("{0}")]
    Invalid(String),
}

/// Removes from `base` every path recorded as `!reset` or `!override`.
pub fn apply_resets(base: &mut Value, resets: &[Path]) {
    fn walk(v: &mut Value, path: &mut Path, resets: &[Path]) {
        if let Value::Mapping(m) = v {
            let keys: Vec<String> = m.keys().filter_map(scalar_text).collect();
            for k in keys {
                path.push(k.clone());
                if resets.contains(path) {
                    m.remove(k.as_str());
                } else if let Some(child) = m.get_mut(k.as_str()) {
                    walk(child, path, resets);
                }
                path.pop();
            }
        }
    }
    walk(base, &mut Vec::new(), resets);
}

enum Special {
    Override,
    Sequence,
    Build,
    DependsOn,
    Networks,
    Logging,
    Ulimit,
}

fn special(path: &[String]) -> Option<Special> {
    const SEQUENCE: [&str; 17] = [
        "networks.*.labels",
        "volumes.*.labels",
        "services.*.annotations",
        "services.*.build.args",
        "services.*.build.additional_contexts",
        "services.*.build.extra_hosts",
        "services.*.build.labels",
        "services.*.deploy.labels",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.env_file",
        "services.*.environment",
        "services.*.extra_hosts",
        "services.*.labels",
        "services.*.sysctls",
        "services.*.tmpfs",
    ];
    const OVERRIDE: [&str; 3] = [
        "services.*.command",
        "services.*.entrypoint",
        "services.*.healthcheck.test",
    ];
    if OVERRIDE.iter().any(|p| matches(path, p)) {
        Some(Special::Override)
    } else if SEQUENCE.iter().any(|p| matches(path, p)) {
        Some(Special::Sequence)
    } else if matches(path, "services.*.build") {
        Some(Special::Build)
    } else if matches(path, "services.*.depends_on") {
        Some(Special::DependsOn)
    } else if matches(path, "services.*.networks") {
        Some(Special::Networks)
    } else if matches(path, "services.*.logging") {
        Some(Special::Logging)
    } else if matches(path, "services.*.ulimits.*") {
        Some(Special::Ulimit)
    } else {
        None
    }
}

/// `over` merged into `base` at `path`.
pub fn merge(base: Value, over: Value, path: &mut Path) -> Result<Value, MergeError> {
    if let Some(s) = special(path) {
        return Ok(match s {
            Special::Override => over,
            Special::Sequence => {
                let mut seq = to_sequence(base);
                seq.extend(to_sequence(over));
                Value::Sequence(seq)
            }
            Special::Build => {
                let long = |v: Value| match v {
                    Value::String(s) => {
                        let mut m = Mapping::new();
                        m.insert("context".into(), Value::String(s));
                        m
                    }
                    Value::Mapping(m) => m,
                    _ => Mapping::new(),
                };
                Value::Mapping(merge_mappings(long(base), long(over), path)?)
            }
            Special::DependsOn => {
                let started = || {
                    let mut m = Mapping::new();
                    m.insert("condition".into(), "service_started".into());
                    m.insert("required".into(), true.into());
                    Value::Mapping(m)
                };
                Value::Mapping(merge_mappings(
                    to_mapping(base, started),
                    to_mapping(over, started),
                    path,
                )?)
            }
            Special::Networks => Value::Mapping(merge_mappings(
                to_mapping(base, || Value::Null),
                to_mapping(over, || Value::Null),
                path,
            )?),
            Special::Logging => match (base, over) {
                (Value::Mapping(b), Value::Mapping(o)) => {
                    let same = match (b.get("driver"), o.get("driver")) {
                        (Some(x), Some(y)) => x == y,
                        _ => true,
                    };
                    if same {
                        Value::Mapping(merge_mappings(b, o, path)?)
                    } else {
                        Value::Mapping(o)
                    }
                }
                (_, o) => o,
            },
            Special::Ulimit => match (base, over) {
                (Value::Mapping(b), Value::Mapping(o)) => {
                    Value::Mapping(merge_mappings(b, o, path)?)
                }
                (_, o) => o,
            },
        });
    }
    if over.is_null() {
        return Ok(base);
    }
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => Ok(Value::Mapping(merge_mappings(b, o, path)?)),
        (Value::Sequence(mut b), Value::Sequence(o)) => {
            b.extend(o);
            Ok(Value::Sequence(b))
        }
        (Value::Mapping(_), _) | (Value::Sequence(_), _) if !path.is_empty() => {
            Err(MergeError::Type(path.join(".")))
        }
        (_, o) => Ok(o),
    }
}

pub fn merge_mappings(
    mut base: Mapping,
    over: Mapping,
    path: &mut Path,
) -> Result<Mapping, MergeError> {
    for (k, v) in over {
        let key = scalar_text(&k).unwrap_or_default();
        match base.remove(&k) {
            Some(existing) if !key.starts_with("x-") => {
                path.push(key);
                let merged = merge(existing, v, path);
                path.pop();
                base.insert(k, merged?);
            }
            _ => {
                base.insert(k, v);
            }
        }
    }
    Ok(base)
}

fn to_mapping(v: Value, default: impl Fn() -> Value) -> Mapping {
    match v {
        Value::Mapping(m) => m,
        Value::Sequence(s) => s
            .into_iter()
            .map(|k| {
                (
                    Value::String(scalar_text(&k).unwrap_or_default()),
                    default(),
                )
            })
            .collect(),
        _ => Mapping::new(),
    }
}

type Indexer = fn(&Value, &str) -> Result<String, MergeError>;

fn indexer(path: &[String]) -> Option<Indexer> {
    const KEY_VALUE: [&str; 24] = [
        "networks.*.labels",
        "networks.*.ipam.options",
        "services.*.annotations",
        "services.*.build.args",
        "services.*.build.additional_contexts",
        "services.*.build.extra_hosts",
        "services.*.build.platform",
        "services.*.build.tags",
        "services.*.build.labels",
        "services.*.cap_add",
        "services.*.cap_drop",
        "services.*.deploy.labels",
        "services.*.dns",
        "services.*.dns_opt",
        "services.*.dns_search",
        "services.*.environment",
        "services.*.extra_hosts",
        "services.*.labels",
        "services.*.links",
        "services.*.networks.*.aliases",
        "services.*.networks.*.link_local_ips",
        "services.*.profiles",
        "services.*.sysctls",
        "services.*.tmpfs",
    ];
    if KEY_VALUE.iter().any(|p| matches(path, p)) {
        return Some(key_value);
    }
    let p = |pattern| matches(path, pattern);
    if p("services.*.configs") {
        Some(|v, at| mount(v, at, ""))
    } else if p("services.*.secrets") {
        Some(|v, at| mount(v, at, "/run/secrets"))
    } else if p("services.*.env_file") {
        Some(env_file)
    } else if p("services.*.expose") {
        Some(expose)
    } else if p("services.*.ports") {
        Some(port)
    } else if p("services.*.volumes") {
        Some(volume)
    } else {
        None
    }
}

fn key_value(v: &Value, at: &str) -> Result<String, MergeError> {
    match v {
        Value::String(s) => Ok(s.split_once('=').map_or(s.as_str(), |(k, _)| k).to_string()),
        _ => Err(MergeError::Invalid(format!("{at}: unexpected type"))),
    }
}

fn mount(v: &Value, at: &str, default: &str) -> Result<String, MergeError> {
    match v {
        Value::String(s) => Ok(format!("{default}/{s}")),
        Value::Mapping(m) => Ok(match m.get("target").and_then(scalar_text) {
            Some(t) => t,
            None => format!(
                "{default}/{}",
                m.get("source").and_then(scalar_text).unwrap_or_default()
            ),
        }),
        _ => Err(MergeError::Invalid(format!("{at}: unsupported value"))),
    }
}

fn env_file(v: &Value, _: &str) -> Result<String, MergeError> {
    Ok(match v {
        Value::Mapping(m) => m.get("path").and_then(scalar_text).unwrap_or_default(),
        other => scalar_text(other).unwrap_or_default(),
    })
}

fn expose(v: &Value, at: &str) -> Result<String, MergeError> {
    scalar_text(v).ok_or_else(|| MergeError::Invalid(format!("{at}: unsupported expose value")))
}

fn port(v: &Value, at: &str) -> Result<String, MergeError> {
    match v {
        Value::Mapping(m) => {
            let get = |k: &str, d: &str| m.get(k).and_then(scalar_text).unwrap_or_else(|| d.into());
            if !m.contains_key("target") {
                return Err(MergeError::Invalid(format!(
                    "service ports {at} is missing a target port"
                )));
            }
            Ok(format!(
                "{}:{}:{}/{}",
                get("host_ip", "0.0.0.0"),
                get("published", ""),
                get("target", ""),
                get("protocol", "tcp")
            ))
        }
        other => Ok(scalar_text(other).unwrap_or_default()),
    }
}

fn volume(v: &Value, at: &str) -> Result<String, MergeError> {
    match v {
        Value::Mapping(m) => m.get("target").and_then(scalar_text).ok_or_else(|| {
            MergeError::Invalid(format!("service volume {at} is missing a mount target"))
        }),
        Value::String(s) => super::canonical::parse_volume(s)
            .map(|m| m.get("target").and_then(scalar_text).unwrap_or_default())
            .map_err(MergeError::Invalid),
        _ => Ok(String::new()),
    }
}

/// Keeps one entry per key where entries must be unique: the last one's
/// value in the first one's place.
pub fn enforce_unicity(v: &mut Value, path: &mut Path) -> Result<(), MergeError> {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m.iter_mut() {
                path.push(scalar_text(k).unwrap_or_default());
                let r = enforce_unicity(child, path);
                path.pop();
                r?;
            }
        }
        Value::Sequence(s) => {
            if let Some(index) = indexer(path) {
                let mut out: Vec<Value> = Vec::new();
                let mut keys: Vec<String> = Vec::new();
                for (i, entry) in std::mem::take(s).into_iter().enumerate() {
                    let key = index(&entry, &format!("{}[{i}]", path.join(".")))?;
                    match keys.iter().position(|k| *k == key) {
                        Some(j) => out[j] = entry,
                        None => {
                            keys.push(key);
                            out.push(entry);
                        }
                    }
                }
                *s = out;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str) -> Value {
        yaml_serde::from_str(s).unwrap()
    }

    fn merged(a: &str, b: &str) -> Value {
        let mut v = merge(y(a), y(b), &mut Vec::new()).unwrap();
        enforce_unicity(&mut v, &mut Vec::new()).unwrap();
        v
    }

    #[test]
    fn services_merge_by_compose_rules() {
        let v = merged(
            "services: {s: {command: [a, b], environment: {A: '1', B: '2'}, ports: ['80:80'], dns: [x], depends_on: [db]}}",
            "services: {s: {command: c, environment: [A=3], ports: ['80:80', '81:81'], dns: [y], depends_on: {c: {condition: service_healthy}}}}",
        );
        let s = &v["services"]["s"];
        assert_eq!(s["command"], y("c"));
        assert_eq!(s["environment"], y("[A=3, B=2]"));
        assert_eq!(s["ports"], y("['80:80', '81:81']"));
        assert_eq!(s["dns"], y("[x, y]"));
        assert_eq!(s["depends_on"]["db"]["condition"], y("service_started"));
        assert_eq!(s["depends_on"]["c"]["condition"], y("service_healthy"));
    }

    #[test]
    fn a_scalar_over_a_mapping_is_refused_and_resets_clear() {
        assert!(merge(y("a: {b: 1}"), y("a: 2"), &mut Vec::new()).is_err());
        let mut v = y("services: {s: {ports: [1], image: x}}");
        apply_resets(
            &mut v,
            &[vec!["services".into(), "s".into(), "ports".into()]],
        );
        assert_eq!(v, y("services: {s: {image: x}}"));
    }
}
