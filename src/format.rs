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
#[error("invalid --format {input:?}: {why}; use table, json, or a template such as '{{{{.ID}}}}'")]
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
