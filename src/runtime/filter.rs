//! docker's `--filter KEY=VALUE` over containers: values of one key are
//! alternatives, different keys must all hold. Keys: `status`, `name`
//! (a substring), `id` (a prefix), `label` (`KEY` or `KEY=VALUE`),
//! `ancestor` (the image's name, with or without tag, or id prefix),
//! `exited` (the exit code), `network`, `volume` (a name or a mount
//! destination), `health` (`starting`, `healthy`, `unhealthy`, `none`),
//! `until` (created before a time or a duration back, for prunes).

use std::collections::BTreeMap;

use super::{ContainerState, RuntimeError};

const KEYS: &[&str] = &[
    "status", "name", "id", "label", "ancestor", "exited", "network", "volume", "health", "until",
];

/// The states `status=` may name, as docker's.
const STATUSES: &[&str] = &[
    "created",
    "restarting",
    "running",
    "removing",
    "paused",
    "exited",
    "dead",
];

/// Parsed `--filter` flags.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    by: BTreeMap<String, Vec<String>>,
}

impl Filter {
    pub fn parse(given: &[String]) -> Result<Filter, RuntimeError> {
        let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in given {
            let (k, v) = f.split_once('=').ok_or_else(|| {
                RuntimeError::Config(format!("invalid filter {f:?}: use KEY=VALUE"))
            })?;
            if !KEYS.contains(&k) {
                return Err(RuntimeError::Config(format!(
                    "invalid filter {k:?}: use one of {}",
                    KEYS.join(", ")
                )));
            }
            if k == "status" && !STATUSES.contains(&v) {
                return Err(RuntimeError::Config(format!(
                    "invalid filter 'status={v}': use one of {}",
                    STATUSES.join(", ")
                )));
            }
            by.entry(k.to_string()).or_default().push(v.to_string());
        }
        Ok(Filter { by })
    }

    pub fn is_empty(&self) -> bool {
        self.by.is_empty()
    }

    /// Whether the filter names a status (then stopped containers count
    /// without `-a`, as in docker).
    pub fn names_status(&self) -> bool {
        self.by.contains_key("status") || self.by.contains_key("exited")
    }

    pub fn matches(&self, c: &ContainerState) -> bool {
        self.by
            .iter()
            .all(|(k, values)| values.iter().any(|v| one(k, v, c)))
    }
}

fn one(key: &str, v: &str, c: &ContainerState) -> bool {
    match key {
        "status" => c.status.as_str() == v,
        "name" => c.name.contains(v.trim_start_matches('/')),
        "id" => c.id.starts_with(v),
        "label" => {
            crate::filters::label_matches(|k| c.options.labels.get(k).map(String::as_str), v)
        }
        "ancestor" => {
            let (repo, tag) = split_name(&c.image);
            let id = c.image_digest.trim_start_matches("sha256:");
            c.image == v
                || format!("{repo}:{tag}") == v
                || (repo == v && !v.contains(':'))
                || repo.rsplit('/').next() == Some(v)
                || (v.len() >= 3 && id.starts_with(v.trim_start_matches("sha256:")))
        }
        "exited" => {
            c.status.as_str() == "exited"
                && c.exit_code.map(|e| e.to_string()).as_deref() == Some(v)
        }
        "network" => {
            let nets: Vec<String> = c
                .attachments()
                .iter()
                .map(|a| a.network_name().to_string())
                .collect();
            nets.iter().any(|n| n == v)
                || (c.options.network == super::Network::Host && v == "host")
                || (c.options.network == super::Network::None && v == "none")
        }
        "volume" => c
            .options
            .volumes
            .iter()
            .any(|m| m.name.as_deref() == Some(v) || m.target == v),
        "health" => match &c.health {
            Some(h) => h.status == v,
            None => v == "none",
        },
        // Created before a time (RFC 3339, Unix seconds, or a duration back).
        "until" => match (
            crate::time::point_in_time(v, chrono::Utc::now()),
            chrono::DateTime::parse_from_rfc3339(&c.created),
        ) {
            (Some(until), Ok(created)) => created.with_timezone(&chrono::Utc) < until,
            _ => false,
        },
        _ => false,
    }
}

/// `repo:tag` as its repository and tag (a digest-only name has no tag).
fn split_name(name: &str) -> (&str, &str) {
    let base = name.split('@').next().unwrap_or(name);
    match base.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo, tag),
        _ => (base, "latest"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_and_shapes_are_refused() {
        assert!(Filter::parse(&["color=red".into()]).is_err());
        assert!(Filter::parse(&["status".into()]).is_err());
        let f = Filter::parse(&[
            "status=running".into(),
            "status=exited".into(),
            "label=a".into(),
        ])
        .unwrap();
        assert!(f.names_status() && !f.is_empty());
        assert_eq!(
            split_name("localhost:5000/a/b:1"),
            ("localhost:5000/a/b", "1")
        );
        assert_eq!(
            split_name("localhost:5000/a/b"),
            ("localhost:5000/a/b", "latest")
        );
    }
}
