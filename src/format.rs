//! `--format` for listings and inspect: `table` (the default), `json`
//! (one object per line, as nerdctl prints), or a Go text/template (the
//! `gtmpl` crate: fields, `range`, `if`/`else`, `eq`/`ne`/`lt`..., `index`,
//! `printf`, `len`, pipes, `{{-`/`-}}`) with docker's helpers `json`,
//! `join`, `split`, `lower`, `upper`, `title`, `truncate`, `pad`.
//! `table TEMPLATE` prints a header from the fields' names and aligns the
//! columns, as docker does.

use std::collections::HashMap;

use gtmpl_value::{FuncError, Value as T};
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum Format {
    Table,
    Json,
    Template { text: String, table: bool },
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
                let (text, table) = match t.strip_prefix("table ") {
                    Some(rest) => (rest, true),
                    None => (t, false),
                };
                // Text without an action is a template too: docker prints
                // it once per item.
                let text = text.replace("\\t", "\t").replace("\\n", "\n");
                // Parsed once here: a malformed template fails before any work.
                template(&text).map_err(|why| FormatError {
                    input: t.into(),
                    why,
                })?;
                Ok(Format::Template { text, table })
            }
        }
    }

    /// Renders one item (for `json` and templates).
    pub fn render<S: Serialize>(&self, item: &S) -> Result<String, FormatError> {
        let v = serde_json::to_value(item).expect("serialisable");
        match self {
            Format::Table => Ok(String::new()),
            Format::Json => Ok(v.to_string()),
            Format::Template { text, .. } => render_template(text, &v),
        }
    }

    /// Every item's line; for `table TEMPLATE` a header first and the
    /// columns (separated by tabs in the template) aligned.
    pub fn lines<S: Serialize>(&self, items: &[S]) -> Result<Vec<String>, FormatError> {
        self.lines_named(items, &[])
    }

    /// [`Format::lines`] with the listing's own header for some fields
    /// (docker's `ps` calls `.ID` `CONTAINER ID`).
    pub fn lines_named<S: Serialize>(
        &self,
        items: &[S],
        names: &[(&str, &str)],
    ) -> Result<Vec<String>, FormatError> {
        let rendered = items
            .iter()
            .map(|i| self.render(i))
            .collect::<Result<Vec<_>, _>>()?;
        let Format::Template { text, table: true } = self else {
            return Ok(rendered);
        };
        let mut rows: Vec<Vec<String>> = vec![header(text, names)];
        rows.extend(
            rendered
                .iter()
                .map(|r| r.split('\t').map(str::to_string).collect()),
        );
        Ok(align(&rows))
    }
}

/// The header docker prints for a `table` template: each field's name in
/// capitals, words apart (`{{.CreatedAt}}` is `CREATED AT`), the text
/// between fields kept.
fn header(text: &str, names: &[(&str, &str)]) -> Vec<String> {
    text.split('\t')
        .map(|cell| {
            let mut out = String::new();
            let mut rest = cell;
            while let Some(start) = rest.find("{{") {
                let Some(end) = rest[start..].find("}}") else {
                    break;
                };
                let expr = rest[start + 2..start + end].trim().trim_matches('-').trim();
                let field = expr
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix('.'))
                    .unwrap_or(expr);
                let last = field.rsplit('.').next().unwrap_or(field);
                match names.iter().find(|(f, _)| *f == last) {
                    Some((_, h)) => out.push_str(h),
                    None => out.push_str(&words(last)),
                }
                rest = &rest[start + end + 2..];
            }
            out
        })
        .collect()
}

/// `CreatedAt` as `CREATED AT`; `ID` stays `ID`.
fn words(field: &str) -> String {
    let known = [
        ("ID", "ID"),
        ("Names", "NAMES"),
        ("RunningFor", "CREATED"),
        ("Repository", "REPOSITORY"),
    ];
    if let Some((_, h)) = known.iter().find(|(k, _)| *k == field) {
        return h.to_string();
    }
    let mut out = String::new();
    let chars: Vec<char> = field.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary {
            out.push(' ');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// Columns padded to their widest cell, three spaces apart (docker's tabwriter).
fn align(rows: &[Vec<String>]) -> Vec<String> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            let mut line = String::new();
            for (c, cell) in r.iter().enumerate() {
                line.push_str(cell);
                if c + 1 < r.len() {
                    line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 3));
                }
            }
            line
        })
        .collect()
}

fn to_tmpl(v: &Value) -> T {
    match v {
        Value::Null => T::NoValue,
        Value::Bool(b) => T::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => T::from(i),
            None => T::from(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => T::String(s.clone()),
        Value::Array(a) => T::Array(a.iter().map(to_tmpl).collect()),
        Value::Object(m) => T::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), to_tmpl(v)))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

fn from_tmpl(v: &T) -> Value {
    match v {
        T::NoValue | T::Nil => Value::Null,
        T::Bool(b) => Value::Bool(*b),
        T::String(s) => Value::String(s.clone()),
        T::Number(n) => n
            .as_i64()
            .map(Value::from)
            .or_else(|| n.as_f64().map(Value::from))
            .unwrap_or(Value::Null),
        T::Array(a) => Value::Array(a.iter().map(from_tmpl).collect()),
        T::Object(m) | T::Map(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), from_tmpl(v))).collect())
        }
        T::Function(_) => Value::Null,
    }
}

fn text(v: &T) -> String {
    match v {
        T::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn arg<'a>(args: &'a [T], i: usize, name: &str) -> Result<&'a T, FuncError> {
    args.get(i)
        .ok_or_else(|| FuncError::Generic(format!("{name}: missing argument {}", i + 1)))
}

fn json(args: &[T]) -> Result<T, FuncError> {
    Ok(T::String(from_tmpl(arg(args, 0, "json")?).to_string()))
}

fn join(args: &[T]) -> Result<T, FuncError> {
    let sep = text(arg(args, 1, "join")?);
    match arg(args, 0, "join")? {
        T::Array(a) => Ok(T::String(a.iter().map(text).collect::<Vec<_>>().join(&sep))),
        other => Ok(T::String(text(other))),
    }
}

fn split(args: &[T]) -> Result<T, FuncError> {
    let s = text(arg(args, 0, "split")?);
    let sep = text(arg(args, 1, "split")?);
    Ok(T::Array(
        s.split(sep.as_str()).map(|p| T::String(p.into())).collect(),
    ))
}

fn lower(args: &[T]) -> Result<T, FuncError> {
    Ok(T::String(text(arg(args, 0, "lower")?).to_lowercase()))
}

fn upper(args: &[T]) -> Result<T, FuncError> {
    Ok(T::String(text(arg(args, 0, "upper")?).to_uppercase()))
}

fn title(args: &[T]) -> Result<T, FuncError> {
    let s = text(arg(args, 0, "title")?);
    let mut out = String::new();
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c.is_whitespace();
    }
    Ok(T::String(out))
}

fn truncate(args: &[T]) -> Result<T, FuncError> {
    let s = text(arg(args, 0, "truncate")?);
    let n: usize = text(arg(args, 1, "truncate")?)
        .parse()
        .map_err(|_| FuncError::Generic("truncate: the length must be a number".into()))?;
    Ok(T::String(s.chars().take(n).collect()))
}

fn pad(args: &[T]) -> Result<T, FuncError> {
    let s = text(arg(args, 0, "pad")?);
    let n = |i: usize| -> Result<usize, FuncError> {
        text(arg(args, i, "pad")?)
            .parse()
            .map_err(|_| FuncError::Generic("pad: counts must be numbers".into()))
    };
    Ok(T::String(format!(
        "{}{s}{}",
        " ".repeat(n(1)?),
        " ".repeat(n(2)?)
    )))
}

/// `label ROW KEY`: docker's `{{.Label "KEY"}}` of a listing row, whose
/// `Labels` is docker's `k=v,k2=v2` text.
fn label(args: &[T]) -> Result<T, FuncError> {
    let row = from_tmpl(arg(args, 0, "label")?);
    let key = text(arg(args, 1, "label")?);
    let labels = row["Labels"].as_str().unwrap_or_default().to_string();
    Ok(T::String(
        labels
            .split(',')
            .find_map(|kv| {
                kv.split_once('=')
                    .filter(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            })
            .unwrap_or_default(),
    ))
}

/// docker's method calls on a row, which the template engine has no form
/// for, as calls of functions: `.Label "k"` is `label . "k"`.
fn methods_as_functions(text: &str) -> String {
    use std::sync::OnceLock;
    static LABEL: OnceLock<regex::Regex> = OnceLock::new();
    let re = LABEL.get_or_init(|| regex::Regex::new(r#"\.Label\s+("(?:[^"\\]|\\.)*")"#).unwrap());
    re.replace_all(text, "label . $1").into_owned()
}

fn template(text: &str) -> Result<gtmpl::Template, String> {
    let text = &methods_as_functions(text);
    let mut t = gtmpl::Template::default();
    t.add_func("label", label);
    t.add_func("json", json);
    t.add_func("join", join);
    t.add_func("split", split);
    t.add_func("lower", lower);
    t.add_func("upper", upper);
    t.add_func("title", title);
    t.add_func("truncate", truncate);
    t.add_func("pad", pad);
    t.parse(text).map_err(|e| e.to_string())?;
    Ok(t)
}

fn render_template(text: &str, v: &Value) -> Result<String, FormatError> {
    let t = template(text).map_err(|why| FormatError {
        input: text.into(),
        why,
    })?;
    t.render(&gtmpl::Context::from(to_tmpl(v)))
        .map_err(|e| FormatError {
            input: text.into(),
            why: render_error(&e.to_string()),
        })
}

/// A rendering error as Go's templates word it: the missing key, not the
/// whole object it was looked up in; anything else cut to one line.
fn render_error(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("no field ")
        && let Some((key, _)) = rest.split_once(" for ")
    {
        return format!("map has no entry for key {key:?}");
    }
    let line = msg.lines().next().unwrap_or_default();
    match line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
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
mod template_tests {
    use super::*;

    #[test]
    fn templates_have_gos_constructs_and_dockers_helpers() {
        let v = serde_json::json!({"Names": "web", "Labels": {"a.b": "c"}, "Ports": ["80/tcp", "443/tcp"], "N": 3, "Cmd": "echo hello world"});
        let f = Format::parse(Some(
            "{{.Names}} {{index .Labels \"a.b\"}} {{len .Ports}} {{range .Ports}}<{{.}}>{{end}} {{if eq .N 3}}three{{else}}no{{end}} {{join .Ports \",\"}} {{.Names | upper}} {{title .Cmd}} {{truncate .Cmd 4}} {{json .Labels}}{{- \" end\" -}}",
        ))
        .unwrap();
        assert_eq!(
            f.render(&v).unwrap(),
            "web c 2 <80/tcp><443/tcp> three 80/tcp,443/tcp WEB Echo Hello World echo {\"a.b\":\"c\"} end"
        );
        assert!(
            Format::parse(Some("{{.Names")).is_err(),
            "an unclosed action parses"
        );
        // Text without an action is printed as it is, as Go's templates do.
        assert_eq!(
            Format::parse(Some("plain")).unwrap().render(&v).unwrap(),
            "plain"
        );
        assert!(
            f.render(&serde_json::json!({})).is_err(),
            "a missing field renders"
        );
    }

    #[test]
    fn table_templates_get_a_header_and_aligned_columns() {
        let f = Format::parse(Some("table {{.ID}}\\t{{.CreatedAt}}\\t{{.Names}}")).unwrap();
        let rows = [
            serde_json::json!({"ID": "abc", "CreatedAt": "now", "Names": "a-long-name"}),
            serde_json::json!({"ID": "abcdef", "CreatedAt": "then", "Names": "b"}),
        ];
        let lines = f.lines_named(&rows, &[("ID", "CONTAINER ID")]).unwrap();
        assert_eq!(lines[0], "CONTAINER ID   CREATED AT   NAMES");
        assert_eq!(lines[1], "abc            now          a-long-name");
        assert_eq!(lines[2], "abcdef         then         b");
        // Without `table`: one rendered line each, no header.
        let plain = Format::parse(Some("{{.ID}}")).unwrap();
        assert_eq!(plain.lines(&rows).unwrap(), ["abc", "abcdef"]);
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
        assert_eq!(
            Format::parse(Some("wide")).unwrap().render(&v).unwrap(),
            "wide"
        );
        assert_eq!(Format::parse(Some("json")).unwrap(), Format::Json);
    }
}
