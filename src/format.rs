//! `--format` for listings: `table` (the default), `json` (one object per
//! line, as nerdctl prints), or a Go-template-like string such as
//! `{{.Repository}}:{{.Tag}}` (fields by name, `{{json .}}`, `\t`, `\n`).

use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum Format {
    Table,
    Json,
    Template(String),
}

#[derive(Debug, thiserror::Error)]
#[error(
    "invalid output format {input:?}: {why}; use table, json, or a template such as '{{{{.ID}}}}'"
)]
pub struct FormatError {
    pub input: String,
    pub why: String,
}

impl Format {
    pub fn parse(s: Option<&str>) -> Result<Format, FormatError> {
        match s {
            None | Some("") | Some("table") => Ok(Format::Table),
            Some("json") | Some("{{json .}}") => Ok(Format::Json),
            Some(t) => {
                let t = t.strip_prefix("table ").unwrap_or(t);
                if !t.contains("{{") {
                    return Err(FormatError {
                        input: s.unwrap_or_default().into(),
                        why: "not a template".into(),
                    });
                }
                Ok(Format::Template(t.to_string()))
            }
        }
    }

    /// Renders one item (for `json` and templates).
    pub fn render<T: Serialize>(&self, item: &T) -> Result<String, FormatError> {
        let v = serde_json::to_value(item).expect("serialisable");
        match self {
            Format::Table => Ok(String::new()),
            Format::Json => Ok(v.to_string()),
            Format::Template(t) => render_template(t, &v),
        }
    }
}

fn render_template(t: &str, v: &Value) -> Result<String, FormatError> {
    let t = t.replace("\\t", "\t").replace("\\n", "\n");
    let mut out = String::new();
    let mut rest = t.as_str();
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").ok_or_else(|| FormatError {
            input: t.clone(),
            why: "unclosed {{".into(),
        })?;
        let expr = after[..end].trim();
        let (json, path) = match expr.strip_prefix("json ") {
            Some(p) => (true, p.trim()),
            None => (false, expr),
        };
        let mut cur = v;
        if path != "." {
            let path = path.strip_prefix('.').ok_or_else(|| FormatError {
                input: t.clone(),
                why: format!("unsupported expression {expr:?}"),
            })?;
            for field in path.split('.') {
                cur = cur.get(field).ok_or_else(|| FormatError {
                    input: t.clone(),
                    why: format!("no field {field:?}"),
                })?;
            }
        }
        match (json, cur) {
            (false, Value::String(s)) => out.push_str(s),
            (false, Value::Null) => out.push_str("<no value>"),
            (_, other) => out.push_str(&other.to_string()),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Human size as docker prints it (`1.23MB`, base 1000, 3 significant digits).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1000.0 && i < UNITS.len() - 1 {
        size /= 1000.0;
        i += 1;
    }
    let digits = if size >= 100.0 {
        0
    } else if size >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{size:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    format!("{s}{}", UNITS[i])
}

/// Time since, as docker prints it (`About a minute ago`, `3 hours ago`).
pub fn human_since(created: Option<&str>) -> String {
    let Some(t) = created.and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok()) else {
        return "N/A".into();
    };
    let secs = (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_seconds();
    let d = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match secs {
        s if s < 1 => "Less than a second ago".into(),
        s if s < 60 => d(s, "second"),
        s if s < 120 => "About a minute ago".into(),
        s if s < 3600 => d(s / 60, "minute"),
        s if s < 7200 => "About an hour ago".into(),
        s if s < 2 * 86400 => d(s / 3600, "hour"),
        s if s < 7 * 86400 * 2 => d(s / 86400, "day"),
        s if s < 30 * 86400 * 3 => d(s / (7 * 86400), "week"),
        s if s < 365 * 86400 * 2 => d(s / (30 * 86400), "month"),
        s => d(s / (365 * 86400), "year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes_like_docker() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(1_234_567), "1.23MB");
        assert_eq!(human_size(12_345_678), "12.3MB");
        assert_eq!(human_size(1_073_741_824), "1.07GB");
    }

    #[test]
    fn templates() {
        let f = Format::parse(Some("{{.Repository}}:{{.Tag}}\\t{{json .Size}}")).unwrap();
        let v = json!({"Repository": "busybox", "Tag": "1", "Size": 3});
        assert_eq!(f.render(&v).unwrap(), "busybox:1\t3");
        assert!(
            Format::parse(Some("{{.Nope}}"))
                .unwrap()
                .render(&v)
                .is_err()
        );
        assert!(Format::parse(Some("wide")).is_err());
        assert_eq!(Format::parse(Some("json")).unwrap(), Format::Json);
    }
}
