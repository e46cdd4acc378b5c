//! `.env` and `env_file` files as compose reads them: `KEY=VALUE` lines,
//! an optional `export ` prefix, `#` comments (whole lines, and after an
//! unquoted value), single-quoted values taken literally, double-quoted
//! values with `\n`, `\t`, `\"` and `\\` escapes, spanning lines, and
//! interpolated, unquoted values trimmed and interpolated. Interpolation
//! sees the variables defined above in the same file, then `lookup`.

use super::interpolate::{InterpolationError, interpolate};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DotenvError {
    #[error("line {line}: {why}")]
    Syntax { line: usize, why: String },
    #[error("line {line}: {source}")]
    Interpolation {
        line: usize,
        #[source]
        source: InterpolationError,
    },
}

/// The variables of `text`, in order (a later definition wins on lookup).
pub fn parse(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, DotenvError> {
    let mut vars: Vec<(String, String)> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut n = 0;
    while n < lines.len() {
        let line_no = n + 1;
        let raw = lines[n].trim_start();
        n += 1;
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let raw = raw
            .strip_prefix("export ")
            .map(str::trim_start)
            .unwrap_or(raw);
        let syntax = |why: &str| DotenvError::Syntax {
            line: line_no,
            why: why.to_string(),
        };
        let (key, rest) = match raw.split_once('=') {
            Some((k, r)) => (k.trim_end(), r),
            // `KEY` alone: its value from the environment, if there.
            None => {
                let k = raw.trim();
                if let Some(v) = lookup(k) {
                    vars.push((k.to_string(), v));
                }
                continue;
            }
        };
        if key.is_empty()
            || !key
                .chars()
                .next()
                .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            || !key
                .chars()
                .all(|c| c == '_' || c == '.' || c == '-' || c.is_ascii_alphanumeric())
        {
            return Err(syntax(&format!("{key:?} is not a variable name")));
        }
        let seen = vars.clone();
        let look = |k: &str| {
            seen.iter()
                .rev()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .or_else(|| lookup(k))
        };
        let interp = |s: &str| {
            interpolate(s, &look)
                .map(|r| r.value)
                .map_err(|source| DotenvError::Interpolation {
                    line: line_no,
                    source,
                })
        };
        let value = if let Some(body) = rest.strip_prefix('\'') {
            let end = body
                .find('\'')
                .ok_or_else(|| syntax("a single quote is not closed"))?;
            body[..end].to_string()
        } else if rest.starts_with('"') {
            // Possibly over several lines, up to the unescaped closing quote.
            let mut text = rest[1..].to_string();
            let close = loop {
                if let Some(i) = closing_quote(&text) {
                    break i;
                }
                if n >= lines.len() {
                    return Err(syntax("a double quote is not closed"));
                }
                text.push('\n');
                text.push_str(lines[n]);
                n += 1;
            };
            interp(&unescape(&text[..close]))?
        } else {
            let v = match rest.find(" #") {
                Some(i) => &rest[..i],
                None => rest,
            };
            interp(v.trim())?
        };
        vars.push((key.to_string(), value));
    }
    Ok(vars)
}

/// The index of the first `"` not escaped by a backslash.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(text: &str) -> Vec<(String, String)> {
        let env = |k: &str| (k == "HOME").then(|| "/root".to_string());
        parse(text, &env).unwrap()
    }

    #[test]
    fn every_line_form() {
        let text = r#"
# a comment
A=1
export B = two words  # trailing comment
C='literal $A \n'
D="quoted $A\tand \"escaped\""
E=${A}-$HOME
F="multi
line"
HOME
G=
H=#not a comment
"#;
        let got = vars(text);
        let want: Vec<(String, String)> = [
            ("A", "1"),
            ("B", "two words"),
            ("C", "literal $A \\n"),
            ("D", "quoted 1\tand \"escaped\""),
            ("E", "1-/root"),
            ("F", "multi\nline"),
            ("HOME", "/root"),
            ("G", ""),
            ("H", "#not a comment"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn malformed_lines_say_where() {
        let env = |_: &str| None;
        for (text, line) in [
            ("A=1\n1B=2\n", 2),
            ("X='open\n", 1),
            ("Y=\"open\nmore\n", 1),
        ] {
            match parse(text, &env) {
                Err(DotenvError::Syntax { line: l, .. }) => assert_eq!(l, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        assert!(matches!(
            parse("Z=${NEED:?missing}\n", &env),
            Err(DotenvError::Interpolation { line: 1, .. })
        ));
    }
}
