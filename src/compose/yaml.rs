//! One compose file's YAML as compose-go reads it: every document of the
//! file, anchors and aliases resolved, `<<` merge keys applied, keys made
//! strings, and the `!reset` / `!override` tags taken off the values and
//! recorded by path (they act when the file is merged over the ones before
//! it, see `merge::apply_resets`).

use serde::Deserialize;
use yaml_serde::{Mapping, Value};

/// A dotted path into the model (`services.web.ports`). Sequence items
/// are `[]` in patterns.
pub type Path = Vec<String>;

/// Whether `path` matches `pattern` (`*` matches one segment).
pub fn matches(path: &[String], pattern: &str) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() == path.len()
        && parts
            .iter()
            .zip(path)
            .all(|(p, s)| *p == "*" || *p == s.as_str())
}

pub fn dotted(path: &[String]) -> String {
    path.join(".")
}

/// How a file's YAML is unusable.
#[derive(Debug, thiserror::Error)]
pub enum YamlError {
    #[error("{0}")]
    Syntax(#[source] yaml_serde::Error),
    #[error("Top-level object must be a mapping")]
    NotAMapping,
    #[error("{path}: non-string key {key}")]
    Key { path: String, key: String },
    #[error("{0}")]
    Merge(#[source] yaml_serde::Error),
    #[error("line {line}: nesting deeper than {MAX_FLOW_DEPTH} levels")]
    TooDeep { line: usize },
}

/// The deepest flow nesting (`[` and `{`) a document may have; the YAML
/// parser's own limit is 128, but it finds out only after scanning, in
/// time that grows with the square of the depth.
pub const MAX_FLOW_DEPTH: usize = 128;

/// Refuses text whose flow collections nest deeper than [`MAX_FLOW_DEPTH`],
/// in one pass before any parsing. Quoted scalars and comments are
/// skipped as YAML reads them: a quote opens a scalar only where a token
/// starts.
pub fn check_nesting(text: &str) -> Result<(), YamlError> {
    let (mut depth, mut line) = (0usize, 1usize);
    let mut prev = b'\n';
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let token_start = matches!(
            prev,
            b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':' | b'-'
        );
        match c {
            b'\n' => line += 1,
            b'#' if matches!(prev, b' ' | b'\t' | b'\n') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' if token_start => {
                // To the closing quote ('' and \" do not close).
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\n' => line += 1,
                        b'\\' if c == b'"' => i += 1,
                        b'\'' if c == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
                        q if q == c => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(YamlError::TooDeep { line });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = bytes.get(i).copied().unwrap_or(b' ');
        i += 1;
    }
    Ok(())
}

/// One document of a file: its mapping and the paths tagged `!reset`
/// (dropped here) or `!override` (kept here).
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub model: Mapping,
    pub resets: Vec<Path>,
}

/// Every document of `text`.
pub fn documents(text: &str) -> Result<Vec<Document>, YamlError> {
    check_nesting(text)?;
    let mut out = Vec::new();
    for de in yaml_serde::Deserializer::from_str(text) {
        let mut v = Value::deserialize(de).map_err(YamlError::Syntax)?;
        if v.is_null() && out.is_empty() && text.trim().is_empty() {
            continue;
        }
        let mut resets = Vec::new();
        v = untag(v, &mut Vec::new(), &mut resets).unwrap_or(Value::Null);
        v.apply_merge().map_err(YamlError::Merge)?;
        let v = string_keys(v, &mut Vec::new())?;
        match v {
            Value::Mapping(model) => out.push(Document { model, resets }),
            Value::Null => out.push(Document::default()),
            _ => return Err(YamlError::NotAMapping),
        }
    }
    Ok(out)
}

/// Takes the tags off: `!reset` values are dropped (None), `!override`
/// values kept; both paths recorded. Other tags are kept as compose keeps
/// them (they fail validation later if they matter).
fn untag(v: Value, path: &mut Path, resets: &mut Vec<Path>) -> Option<Value> {
    match v {
        Value::Tagged(t) if t.tag == "reset" => {
            resets.push(path.clone());
            None
        }
        Value::Tagged(t) if t.tag == "override" => {
            resets.push(path.clone());
            untag(t.value, path, resets)
        }
        Value::Tagged(t) => untag(t.value, path, resets),
        Value::Mapping(m) => {
            let mut out = Mapping::new();
            for (k, v) in m {
                path.push(scalar_text(&k).unwrap_or_default());
                if let Some(v) = untag(v, path, resets) {
                    out.insert(k, v);
                }
                path.pop();
            }
            Some(Value::Mapping(out))
        }
        Value::Sequence(s) => {
            let mut out = Vec::new();
            for (i, v) in s.into_iter().enumerate() {
                path.push(i.to_string());
                if let Some(v) = untag(v, path, resets) {
                    out.push(v);
                }
                path.pop();
            }
            Some(Value::Sequence(out))
        }
        other => Some(other),
    }
}

/// A scalar as the text it was written with (numbers and booleans as
/// YAML prints them).
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn string_keys(v: Value, path: &mut Path) -> Result<Value, YamlError> {
    Ok(match v {
        Value::Mapping(m) => {
            let mut out = Mapping::new();
            for (k, v) in m {
                let key = match &k {
                    Value::Null => "null".to_string(),
                    other => scalar_text(other).ok_or_else(|| YamlError::Key {
                        path: dotted(path),
                        key: yaml_serde::to_string(other)
                            .unwrap_or_default()
                            .trim()
                            .into(),
                    })?,
                };
                path.push(key.clone());
                let v = string_keys(v, path)?;
                path.pop();
                out.insert(Value::String(key), v);
            }
            Value::Mapping(out)
        }
        Value::Sequence(s) => Value::Sequence(
            s.into_iter()
                .map(|v| string_keys(v, path))
                .collect::<Result<_, _>>()?,
        ),
        other => other,
    })
}

/// A key=value mapping as compose's sequence form (`K=V`, or `K` for a
/// null value), sorted; a sequence as it is; a string as one entry.
pub fn to_sequence(v: Value) -> Vec<Value> {
    match v {
        Value::Mapping(m) => {
            let mut seq: Vec<String> = m
                .into_iter()
                .map(|(k, v)| {
                    let k = scalar_text(&k).unwrap_or_default();
                    match v {
                        Value::Null => k,
                        v => format!("{k}={}", scalar_text(&v).unwrap_or_default()),
                    }
                })
                .collect();
            seq.sort();
            seq.into_iter().map(Value::String).collect()
        }
        Value::Sequence(s) => s,
        Value::String(s) => vec![Value::String(s)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_recorded_and_merge_keys_applied() {
        let docs = documents(
            "x: &a {k: 1, j: 2}\ns:\n  <<: *a\n  j: 3\n  r: !reset [1]\n  o: !override {z: 1}\n",
        )
        .unwrap();
        let m = &docs[0].model;
        let s = &m["s"];
        assert_eq!(s["k"], Value::from(1));
        assert_eq!(s["j"], Value::from(3));
        assert!(s.get("r").is_none());
        assert_eq!(s["o"]["z"], Value::from(1));
        assert_eq!(
            docs[0].resets,
            [
                vec!["s".to_string(), "r".into()],
                vec!["s".into(), "o".into()]
            ]
        );
        assert!(matches(&docs[0].resets[0], "s.*"));
        assert!(!matches(&docs[0].resets[0], "s"));
    }

    #[test]
    fn a_scalar_document_is_refused() {
        assert!(matches!(documents("- a\n"), Err(YamlError::NotAMapping)));
        assert!(documents("a: [\n").is_err());
        let n = documents("1: x\ntrue: y\n").unwrap();
        assert!(n[0].model.contains_key("1") && n[0].model.contains_key("true"));
    }
}
