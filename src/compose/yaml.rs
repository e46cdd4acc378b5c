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
    #[error("Non-string key {path}: {key}")]
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
        let v = string_keys(v, &mut String::new())?;
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

/// Every mapping key a string, as compose-go requires: a number, a
/// boolean or a null as a key is refused with where it is
/// (`Non-string key in services.web.environment: 1`).
fn string_keys(v: Value, at: &mut String) -> Result<Value, YamlError> {
    Ok(match v {
        Value::Mapping(m) => {
            let mut out = Mapping::new();
            for (k, v) in m {
                let Value::String(key) = k else {
                    return Err(YamlError::Key {
                        path: if at.is_empty() {
                            "at top level".into()
                        } else {
                            format!("in {at}")
                        },
                        key: match &k {
                            Value::Null => "<nil>".into(),
                            other => scalar_text(other).unwrap_or_else(|| {
                                yaml_serde::to_string(other)
                                    .unwrap_or_default()
                                    .trim()
                                    .into()
                            }),
                        },
                    });
                };
                let len = at.len();
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(&key);
                let v = string_keys(v, at)?;
                at.truncate(len);
                out.insert(Value::String(key), v);
            }
            Value::Mapping(out)
        }
        Value::Sequence(s) => Value::Sequence(
            s.into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let len = at.len();
                    at.push_str(&format!("[{i}]"));
                    let v = string_keys(v, at);
                    at.truncate(len);
                    v
                })
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
        // As compose-go: a key that is not a string is refused, with where.
        let e = documents("services:\n  1: x\n").unwrap_err();
        assert_eq!(e.to_string(), "Non-string key in services: 1");
        let e = documents("a: [{b: {true: y}}]\n").unwrap_err();
        assert_eq!(e.to_string(), "Non-string key in a[0].b: true");
        let e = documents("~: x\n").unwrap_err();
        assert_eq!(e.to_string(), "Non-string key at top level: <nil>");
    }
}

/// Serialises `v` as block YAML that every reader takes the same way: a
/// string YAML 1.1 (PyYAML, Go's yaml.v2, kubectl) or 1.2 would read as a
/// boolean, null, number, timestamp or merge key (`no`, `on`, `y`, `~`,
/// `1_1`, `0x1F`, `1:20`, `2001-12-14`, `<<`) is quoted, as is anything
/// YAML could read otherwise. The emitter is ours: the serde YAML crates
/// quote for YAML 1.2 only.
pub fn to_string<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, yaml_serde::Error> {
    let value = yaml_serde::to_value(v)?;
    let mut out = String::new();
    match &value {
        Value::Mapping(m) if !m.is_empty() => mapping(&mut out, m, 0),
        Value::Sequence(s) if !s.is_empty() => sequence(&mut out, s, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    Ok(out)
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A value on the line it starts: a scalar, or an empty collection.
fn inline(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s),
        Value::Sequence(_) => "[]".into(),
        Value::Mapping(_) => "{}".into(),
        Value::Tagged(t) => format!("{} {}", t.tag, inline(&t.value)),
    }
}

fn is_block(v: &Value) -> bool {
    match v {
        Value::Mapping(m) => !m.is_empty(),
        Value::Sequence(s) => !s.is_empty(),
        _ => false,
    }
}

fn key(k: &Value) -> String {
    match k {
        Value::String(s) => scalar(s),
        other => inline(other),
    }
}

fn mapping(out: &mut String, m: &Mapping, indent: usize) {
    let mut first = true;
    for (k, v) in m {
        if !first {
            pad(out, indent);
        }
        first = false;
        out.push_str(&key(k));
        out.push(':');
        match v {
            Value::Mapping(inner) if !inner.is_empty() => {
                out.push('\n');
                pad(out, indent + 2);
                mapping(out, inner, indent + 2);
            }
            Value::Sequence(items) if !items.is_empty() => {
                // As the serde YAML emitters: items at the key's indent.
                out.push('\n');
                pad(out, indent);
                sequence(out, items, indent);
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// Items at `indent`; the caller has written the first item's indent.
fn sequence(out: &mut String, items: &[Value], indent: usize) {
    let mut first = true;
    for v in items {
        if !first {
            pad(out, indent);
        }
        first = false;
        out.push_str("- ");
        match v {
            Value::Mapping(m) if is_block(v) => mapping(out, m, indent + 2),
            Value::Sequence(s) if is_block(v) => sequence(out, s, indent + 2),
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// A string as a YAML scalar: plain where no reader can take it for
/// anything else, else single-quoted, or double-quoted with escapes where
/// it holds a line break or a control character.
pub fn scalar(s: &str) -> String {
    if s.chars()
        .any(|c| c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}')
    {
        return serde_json::to_string(s).expect("strings serialise");
    }
    if plain_is_safe(s) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().last().expect("not empty");
    // Indicators that start something else, and edges YAML trims.
    if "-?:,[]{}#&*!|>'\"%@`~=<+. ".contains(first)
        || first.is_ascii_digit()
        || last == ' '
        || last == ':'
    {
        // A leading digit, sign or dot is safe only where the word is
        // plainly not a number or a date (checked below).
        if !(first.is_ascii_digit() || ".+-".contains(first)) || looks_numeric(s) {
            return false;
        }
        if first == '-' && s.starts_with("- ") || s == "-" || last == ' ' || last == ':' {
            return false;
        }
    }
    if s.contains(": ") || s.contains(" #") || s.contains('\t') {
        return false;
    }
    // Characters that, inside a plain scalar, some reader treats apart.
    if s.chars().any(|c| "{}[],\"'`".contains(c)) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
    )
}

/// Whether YAML 1.1 or 1.2 could read `s` as a number, a sexagesimal, a
/// timestamp or a special float: a leading digit, sign or dot followed only
/// by characters numbers are written with.
fn looks_numeric(s: &str) -> bool {
    let body = s.trim_start_matches(['+', '-']);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    let bytes = s.as_bytes();
    // 2001-12-14, 2001-12-14t21:59:43.10-05:00 ...
    if bytes.len() >= 8
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[5].is_ascii_digit()
    {
        return true;
    }
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "xXoO_.:+-".contains(c))
}

#[cfg(test)]
mod emit_tests {
    use super::*;

    #[test]
    fn what_a_yaml_1_1_reader_would_retype_is_quoted() {
        for s in [
            "no",
            "No",
            "yes",
            "on",
            "OFF",
            "y",
            "n",
            "~",
            "null",
            "true",
            "1_1",
            "0x1F",
            "1:20",
            "017",
            "0o17",
            "1e3",
            "+1",
            ".inf",
            "-.5",
            "2001-12-14",
            "=",
            "<<",
            "",
            " a",
            "a:",
            "- a",
            "a: b",
            "a #b",
            "{x}",
            "'",
            "1.0",
            "12",
        ] {
            let out = scalar(s);
            assert!(
                out.starts_with('\'') || out.starts_with('"'),
                "{s:?} came out plain: {out}"
            );
            let back: Value = yaml_serde::from_str(&out).unwrap();
            assert_eq!(back, Value::String(s.into()), "{out}");
        }
        for s in [
            "busybox",
            "a b",
            "/srv/app",
            "k=v",
            "x-y_z",
            "3rd-party",
            "v1.2",
        ] {
            assert_eq!(scalar(s), s);
        }
        assert_eq!(scalar("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn documents_read_back_the_same() {
        let doc: Value = yaml_serde::from_str(
            "a: {b: [1, 'no', {c: ~, d: []}], e: {}}\nf: [[x, 'yes'], []]\n'on': 'O''Reilly'\n",
        )
        .unwrap();
        let text = to_string(&doc).unwrap();
        assert_eq!(yaml_serde::from_str::<Value>(&text).unwrap(), doc, "{text}");
        assert!(
            text.contains("'on': O''Reilly") || text.contains("'on': 'O''Reilly'"),
            "{text}"
        );
    }
}
