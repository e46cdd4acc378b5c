//! Word processing for Dockerfile arguments, as BuildKit's shell lexer does
//! it: quotes ('…' literal, "…" with escapes and expansion), the escape
//! character, and variable expansion (`$V`, `${V}`, `${V:-word}`,
//! `${V-word}`, `${V:+word}`, `${V+word}`, `${V:?msg}`).

use std::collections::HashMap;

pub type Vars = HashMap<String, String>;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ShellError {
    #[error("unterminated quote in {0:?}")]
    Quote(String),
    #[error("unterminated ${{...}} in {0:?}")]
    Brace(String),
    #[error("{name}: {msg}")]
    Required { name: String, msg: String },
    #[error("unsupported variable modifier in {0:?}")]
    Modifier(String),
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    escape: char,
    vars: &'a Vars,
    src: &'a str,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, vars: &'a Vars, escape: char) -> Lexer<'a> {
        Lexer {
            chars: src.chars().collect(),
            pos: 0,
            escape,
            vars,
            src,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.pos += 1;
        c
    }

    /// Reads words; with `split` false the whole input is one word
    /// (whitespace kept).
    fn words(&mut self, split: bool) -> Result<Vec<String>, ShellError> {
        let mut words = Vec::new();
        let mut cur = String::new();
        let mut in_word = false;
        while let Some(c) = self.next() {
            if split && c.is_whitespace() {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
                continue;
            }
            in_word = true;
            if c == self.escape {
                match self.next() {
                    Some(n) => cur.push(n),
                    None => cur.push(c),
                }
            } else if c == '\'' {
                loop {
                    match self.next() {
                        Some('\'') => break,
                        Some(n) => cur.push(n),
                        None => return Err(ShellError::Quote(self.src.to_string())),
                    }
                }
            } else if c == '"' {
                loop {
                    match self.next() {
                        Some('"') => break,
                        Some(n) if n == self.escape => match self.next() {
                            Some(m) if m == '"' || m == '$' || m == self.escape => cur.push(m),
                            Some(m) => {
                                cur.push(n);
                                cur.push(m);
                            }
                            None => return Err(ShellError::Quote(self.src.to_string())),
                        },
                        Some('$') => cur.push_str(&self.dollar()?),
                        Some(n) => cur.push(n),
                        None => return Err(ShellError::Quote(self.src.to_string())),
                    }
                }
            } else if c == '$' {
                cur.push_str(&self.dollar()?);
            } else {
                cur.push(c);
            }
        }
        if in_word {
            words.push(cur);
        }
        Ok(words)
    }

    /// After a `$`.
    fn dollar(&mut self) -> Result<String, ShellError> {
        match self.peek() {
            Some('{') => {
                self.pos += 1;
                let name = self.name();
                if name.is_empty() {
                    return Err(ShellError::Brace(self.src.to_string()));
                }
                let value = self.vars.get(&name).cloned();
                match self.next() {
                    Some('}') => Ok(value.unwrap_or_default()),
                    Some(m) => {
                        let colon = m == ':';
                        let op = if colon {
                            self.next()
                                .ok_or_else(|| ShellError::Brace(self.src.to_string()))?
                        } else {
                            m
                        };
                        let word = self.brace_word()?;
                        let set = match &value {
                            Some(v) => !(colon && v.is_empty()),
                            None => false,
                        };
                        match op {
                            '-' => Ok(if set { value.unwrap() } else { word }),
                            '+' => Ok(if set { word } else { String::new() }),
                            '?' => {
                                if set {
                                    Ok(value.unwrap())
                                } else {
                                    Err(ShellError::Required {
                                        name,
                                        msg: if word.is_empty() {
                                            "parameter not set or null".into()
                                        } else {
                                            word
                                        },
                                    })
                                }
                            }
                            _ => Err(ShellError::Modifier(self.src.to_string())),
                        }
                    }
                    None => Err(ShellError::Brace(self.src.to_string())),
                }
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let name = self.name();
                Ok(self.vars.get(&name).cloned().unwrap_or_default())
            }
            _ => Ok("$".into()),
        }
    }

    fn name(&mut self) -> String {
        let mut n = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                n.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        n
    }

    /// The word of `${V:-word}` up to the matching `}`, itself expanded.
    fn brace_word(&mut self) -> Result<String, ShellError> {
        let mut depth = 0;
        let mut raw = String::new();
        loop {
            match self.next() {
                None => return Err(ShellError::Brace(self.src.to_string())),
                Some('}') if depth == 0 => break,
                Some(c) => {
                    if c == '{' {
                        depth += 1;
                    } else if c == '}' {
                        depth -= 1;
                    }
                    raw.push(c);
                }
            }
        }
        word(&raw, self.vars, self.escape)
    }
}

/// One word: quotes removed, escapes and variables processed, whitespace kept.
pub fn word(s: &str, vars: &Vars, escape: char) -> Result<String, ShellError> {
    let mut lx = Lexer::new(s, vars, escape);
    Ok(lx.words(false)?.pop().unwrap_or_default())
}

/// The content of a here-document whose delimiter was not quoted, as a
/// POSIX shell reads it: variables are expanded; quotes are ordinary
/// characters; the escape character only escapes `$`, itself and a newline.
pub fn heredoc_text(s: &str, vars: &Vars, escape: char) -> Result<String, ShellError> {
    let mut lx = Lexer::new(s, vars, escape);
    let mut out = String::new();
    while let Some(c) = lx.next() {
        if c == escape {
            match lx.peek() {
                Some('$') => {
                    out.push('$');
                    lx.pos += 1;
                }
                Some(n) if n == escape => {
                    out.push(n);
                    lx.pos += 1;
                }
                Some('\n') => lx.pos += 1,
                _ => out.push(c),
            }
        } else if c == '$' {
            out.push_str(&lx.dollar()?);
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Whitespace-separated words, each processed like [`word`].
pub fn words(s: &str, vars: &Vars, escape: char) -> Result<Vec<String>, ShellError> {
    let mut lx = Lexer::new(s, vars, escape);
    lx.words(true)
}

/// Splits on whitespace outside quotes, keeping quotes and escapes (the
/// first pass of `ENV`/`LABEL`/`ARG` parsing).
pub fn raw_words(s: &str, escape: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match quote {
            None if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ => {}
        }
        cur.push(c);
        if c == escape
            && quote != Some('\'')
            && let Some(n) = chars.next()
        {
            cur.push(n);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `K=V K2="v 2"` pairs (or the legacy `K V…` form), values expanded.
pub fn pairs(s: &str, vars: &Vars, escape: char) -> Result<Vec<(String, String)>, String> {
    let raw = raw_words(s, escape);
    let Some(first) = raw.first() else {
        return Err("missing arguments".into());
    };
    if !first.contains('=') {
        let rest = s.trim_start()[first.len()..].trim();
        if rest.is_empty() {
            return Err(format!("{first} needs a value: use {first}=VALUE"));
        }
        let k = word(first, vars, escape).map_err(|e| e.to_string())?;
        let v = word(rest, vars, escape).map_err(|e| e.to_string())?;
        return Ok(vec![(k, v)]);
    }
    raw.iter()
        .map(|w| {
            let (k, v) = w
                .split_once('=')
                .ok_or_else(|| format!("{w:?} is not KEY=VALUE"))?;
            let k = word(k, vars, escape).map_err(|e| e.to_string())?;
            if k.is_empty() {
                return Err(format!("{w:?} has an empty key"));
            }
            Ok((k, word(v, vars, escape).map_err(|e| e.to_string())?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        [("A", "1"), ("E", ""), ("P", "/usr/bin")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn expansion_and_quotes() {
        let v = vars();
        assert_eq!(word("$A-${A}x", &v, '\\').unwrap(), "1-1x");
        assert_eq!(word("'$A' \"$A\" \\$A", &v, '\\').unwrap(), "$A 1 $A");
        assert_eq!(word("${E:-d} ${E-d} ${U-d}", &v, '\\').unwrap(), "d  d");
        assert_eq!(word("${A:+set} ${U:+set}.", &v, '\\').unwrap(), "set .");
        assert_eq!(word("${U:-${P}/x}", &v, '\\').unwrap(), "/usr/bin/x");
        assert_eq!(word("a $ b", &v, '\\').unwrap(), "a $ b");
        assert!(word("${U:?must be set}", &v, '\\').is_err());
        assert!(word("\"open", &v, '\\').is_err());
        assert_eq!(
            words("a \"b c\" $A", &v, '\\').unwrap(),
            vec!["a", "b c", "1"]
        );
        assert_eq!(word("c:\\dir `$A", &v, '`').unwrap(), "c:\\dir $A");
    }

    #[test]
    fn env_pairs() {
        let v = vars();
        assert_eq!(
            pairs("X=$A Y=\"two words\" Z='$A'", &v, '\\').unwrap(),
            vec![
                ("X".into(), "1".into()),
                ("Y".into(), "two words".into()),
                ("Z".into(), "$A".into())
            ]
        );
        assert_eq!(
            pairs("PATH $P:/x y", &v, '\\').unwrap(),
            vec![("PATH".into(), "/usr/bin:/x y".into())]
        );
        assert_eq!(
            pairs("\"com.example.v\"=\"A B\"", &v, '\\').unwrap(),
            vec![("com.example.v".into(), "A B".into())]
        );
        assert!(pairs("=x", &v, '\\').is_err());
    }

    #[test]
    fn heredoc_text_expands_like_a_shell_heredoc() {
        let v = vars();
        assert_eq!(
            heredoc_text("a=$A '$A' \"${P}\" \\$A \\\\ \\x\n", &v, '\\').unwrap(),
            "a=1 '1' \"/usr/bin\" $A \\ \\x\n"
        );
        assert_eq!(heredoc_text("don't $E.\n", &v, '\\').unwrap(), "don't .\n");
        assert!(heredoc_text("${A", &v, '\\').is_err());
    }
}
