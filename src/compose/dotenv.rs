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

/// compose-go's white space inside a line (a line break ends a statement).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

/// The variables of `text`, in order (a later definition wins on lookup),
/// read as compose-go reads them: a UTF-8 byte order mark skipped; a
/// statement is `[export ]KEY=VALUE` or `KEY: VALUE` (or `KEY` alone, its
/// value from the environment); names of letters, digits, `_ . - [ ]`;
/// values unquoted (cut at ` #`, trimmed), single-quoted (literal but for
/// `\'`) or double-quoted (escapes, then interpolation), quoted ones over
/// several lines.
pub fn parse(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, DotenvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut line = 1usize;
    let mut rest = text;
    loop {
        // The next statement: past white space, line breaks and comments.
        loop {
            let trimmed = rest.trim_start_matches(|c: char| is_space(c) || c == '\n');
            line += rest[..rest.len() - trimmed.len()].matches('\n').count();
            rest = trimmed;
            if let Some(comment) = rest.strip_prefix('#') {
                rest = comment.find('\n').map_or("", |i| &comment[i..]);
                continue;
            }
            break;
        }
        if rest.is_empty() {
            break;
        }
        let syntax = |line: usize, why: String| DotenvError::Syntax { line, why };
        if let Some(after) = rest.strip_prefix("export")
            && after.starts_with(|c: char| c.is_whitespace())
        {
            rest = after.trim_start_matches(is_space);
        }
        // The name, up to `=`, `:` or the end of the line.
        let mut end = None;
        for (i, c) in rest.char_indices() {
            if is_space(c) {
                continue;
            }
            match c {
                '=' | ':' | '\n' => {
                    end = Some((i, c));
                    break;
                }
                '_' | '.' | '-' | '[' | ']' => {}
                c if c.is_alphanumeric() => {}
                c => {
                    return Err(syntax(
                        line,
                        format!(
                            "unexpected character {:?} in variable name {:?}",
                            c.to_string(),
                            rest.lines().next().unwrap_or_default()
                        ),
                    ));
                }
            }
        }
        let (end, sep) = end.unwrap_or((rest.len(), '\n'));
        let key = rest[..end]
            .trim_end_matches(char::is_whitespace)
            .to_string();
        if key.contains(' ') {
            return Err(syntax(line, "key cannot contain a space".into()));
        }
        rest = rest.get(end + sep.len_utf8()..).unwrap_or("");
        if sep == '\n' {
            // `KEY` alone: its value from the environment, if there.
            if let Some(v) = lookup(&key) {
                vars.push((key, v));
            }
            line += 1;
            continue;
        }
        rest = rest.trim_start_matches(is_space);
        let seen = vars.clone();
        let look = |k: &str| {
            seen.iter()
                .rev()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .or_else(|| lookup(k))
        };
        let at = line;
        let interp = |s: &str| {
            interpolate(s, &look)
                .map(|r| r.value)
                .map_err(|source| DotenvError::Interpolation { line: at, source })
        };
        let value = match rest.chars().next() {
            Some(quote @ ('\'' | '"')) => {
                let mut chars = String::new();
                let mut escaped = false;
                let mut close = None;
                for (i, c) in rest.char_indices().skip(1) {
                    if c == '\n' {
                        line += 1;
                    }
                    if c != quote {
                        if !escaped && c == '\\' {
                            escaped = true;
                            continue;
                        }
                        if escaped {
                            escaped = false;
                            chars.push('\\');
                        }
                        chars.push(c);
                        continue;
                    }
                    if escaped {
                        escaped = false;
                        chars.push(c);
                        continue;
                    }
                    close = Some(i);
                    break;
                }
                let Some(close) = close else {
                    return Err(syntax(
                        at,
                        format!(
                            "unterminated quoted value {}",
                            rest.lines().next().unwrap_or_default()
                        ),
                    ));
                };
                rest = &rest[close + 1..];
                if quote == '"' {
                    interp(&expand_escapes(&chars))?
                } else {
                    chars
                }
            }
            _ => {
                let (value, after) = rest.split_once('\n').unwrap_or((rest, ""));
                rest = after;
                line += 1;
                let value = value.split_once(" #").map_or(value, |(v, _)| v);
                interp(value.trim_end())?
            }
        };
        vars.push((key, value));
    }
    Ok(vars)
}

/// A double-quoted value's escapes, as compose-go takes them: `\n`, `\t`,
/// `\r`, `\a`, `\b`, `\f`, `\v`, `\"`, `\\`, `\0NNN` (octal), and `\$`
/// kept as a literal dollar (`$$` for interpolation).
fn expand_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('$') => out.push_str("$$"),
            Some('0') => {
                let mut n = 0u32;
                let mut digits = 0;
                while digits < 3
                    && let Some(d) = chars.peek().and_then(|d| d.to_digit(8))
                {
                    n = n * 8 + d;
                    chars.next();
                    digits += 1;
                }
                out.push(char::from_u32(n).unwrap_or('\u{fffd}'));
            }
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
            ("A=1\nB C=2\n", 2),
            ("A=1\n\n# c\nB!=2\n", 4),
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
