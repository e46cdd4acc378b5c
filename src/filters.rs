//! The `--filter` keys docker's listings and prunes share: `label=KEY`,
//! `label=KEY=VALUE`, their negation `label!=…` (prunes), and `until=`
//! (created before a time: RFC 3339, Unix seconds, or a duration back).

use chrono::{DateTime, Utc};

/// Whether the labels `get` reads satisfy `KEY` or `KEY=VALUE`.
pub fn label_matches<'a>(get: impl Fn(&str) -> Option<&'a str>, spec: &str) -> bool {
    match spec.split_once('=') {
        Some((k, v)) => get(k) == Some(v),
        None => get(spec).is_some(),
    }
}

/// A prune's filters: every one given must hold for a thing to go.
#[derive(Clone, Debug, Default)]
pub struct PruneFilter {
    until: Vec<DateTime<Utc>>,
    label: Vec<String>,
    not_label: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid filter {given:?}: {why}")]
pub struct FilterError {
    pub given: String,
    pub why: String,
}

impl PruneFilter {
    pub fn parse(given: &[String]) -> Result<PruneFilter, FilterError> {
        let mut f = PruneFilter::default();
        for g in given {
            let bad = |why: &str| FilterError {
                given: g.clone(),
                why: why.to_string(),
            };
            if let Some(v) = g.strip_prefix("label!=") {
                f.not_label.push(v.to_string());
                continue;
            }
            let (k, v) = g.split_once('=').ok_or_else(|| bad("use KEY=VALUE"))?;
            match k {
                "label" => f.label.push(v.to_string()),
                "until" => f
                    .until
                    .push(crate::time::point_in_time(v, Utc::now()).ok_or_else(|| {
                        bad("until takes a time (RFC 3339, Unix seconds) or a duration such as 24h")
                    })?),
                _ => return Err(bad("use until, label or label!")),
            }
        }
        Ok(f)
    }

    /// Whether a thing created at `created` (RFC 3339) with these labels
    /// may go.
    pub fn allows<'a>(
        &self,
        created: Option<&str>,
        get: impl Fn(&str) -> Option<&'a str> + Copy,
    ) -> bool {
        let created = created
            .and_then(|c| DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.with_timezone(&Utc));
        self.until.iter().all(|u| created.is_some_and(|c| c < *u))
            && self.label.iter().all(|l| label_matches(get, l))
            && !self.not_label.iter().any(|l| label_matches(get, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn every_filter_must_hold() {
        let labels: BTreeMap<String, String> = [("env".to_string(), "dev".to_string())].into();
        let get = |k: &str| labels.get(k).map(String::as_str);
        let f = PruneFilter::parse(&["label=env".into(), "until=1h".into()]).unwrap();
        assert!(f.allows(Some("2000-01-01T00:00:00Z"), get));
        assert!(!f.allows(Some(&Utc::now().to_rfc3339()), get), "too new");
        assert!(!f.allows(None, get), "no creation time: kept");
        let f = PruneFilter::parse(&["label!=env=dev".into()]).unwrap();
        assert!(!f.allows(None, get));
        assert!(PruneFilter::parse(&["dangling=true".into()]).is_err());
        assert!(PruneFilter::parse(&["until=soon".into()]).is_err());
    }
}
