//! The Dockerfile grammar as BuildKit reads it: parser directives at the
//! top (`# syntax=`, `# escape=`), comments, line continuations with the
//! escape character (comment and blank lines inside a continuation are
//! dropped), one instruction per logical line with its leading `--flags`,
//! and here-documents (`<<EOF` … `EOF`) after `RUN`, `COPY` and `ADD`.

use super::error::BuildError;

/// Instructions the builder knows.
pub const KEYWORDS: &[&str] = &[
    "FROM",
    "RUN",
    "CMD",
    "LABEL",
    "MAINTAINER",
    "EXPOSE",
    "ENV",
    "ADD",
    "COPY",
    "ENTRYPOINT",
    "VOLUME",
    "USER",
    "WORKDIR",
    "ARG",
    "ONBUILD",
    "STOPSIGNAL",
    "HEALTHCHECK",
    "SHELL",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// First line of the instruction (1-based).
    pub line: usize,
    /// Last line (continuations included).
    pub end_line: usize,
    /// Upper-case keyword.
    pub keyword: String,
    /// `--name=value` (or bare `--name`) flags before the arguments.
    pub flags: Vec<(String, Option<String>)>,
    /// The arguments, continuations joined, untouched otherwise.
    pub args: String,
    /// The here-documents the arguments open, in order.
    pub heredocs: Vec<Heredoc>,
}

/// A here-document: `<<NAME` (or `<<-NAME`, `<<"NAME"`) in the arguments and
/// the lines after the instruction up to the line `NAME`.
#[derive(Clone, Debug, PartialEq)]
pub struct Heredoc {
    pub name: String,
    /// The content, each line ending in a newline (leading tabs removed for `<<-`).
    pub data: String,
    /// Variables are expanded in the content (the name was not quoted).
    pub expand: bool,
}

/// A heredoc marker among an instruction's words (as [`super::shell::raw_words`]
/// splits them): `<<NAME`, `<<-NAME`, `<<'NAME'`, `<<"NAME"`, optionally
/// after a file descriptor number. Gives the name, whether tabs are
/// stripped and whether the content is expanded.
pub fn heredoc_marker(word: &str) -> Option<(String, bool, bool)> {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix("<<")?;
    if rest.starts_with('<') {
        return None; // a here-string
    }
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let quoted = rest.len() >= 2
        && (rest.starts_with('"') && rest.ends_with('"')
            || rest.starts_with('\'') && rest.ends_with('\''));
    let name = if quoted {
        &rest[1..rest.len() - 1]
    } else {
        rest
    };
    if name.is_empty() || name.contains(['"', '\'', '<', '>', '/', '$']) {
        return None;
    }
    Some((name.to_string(), chomp, !quoted))
}

impl Instruction {
    /// The instruction as BuildKit prints it in its progress.
    pub fn text(&self) -> String {
        let mut s = self.keyword.clone();
        for (k, v) in &self.flags {
            s.push_str(" --");
            s.push_str(k);
            if let Some(v) = v {
                s.push('=');
                s.push_str(v);
            }
        }
        if !self.args.is_empty() {
            s.push(' ');
            s.push_str(&self.args);
        }
        s
    }

    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_deref().unwrap_or("true"))
    }

    /// Refuses flags this instruction does not take.
    pub fn allow_flags(&self, allowed: &[&str]) -> Result<(), BuildError> {
        for (k, _) in &self.flags {
            if !allowed.contains(&k.as_str()) {
                return Err(BuildError::at(
                    self,
                    format!("unknown flag: --{k} (this instruction takes: {})", {
                        if allowed.is_empty() {
                            "none".to_string()
                        } else {
                            allowed
                                .iter()
                                .map(|a| format!("--{a}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    }),
                ));
            }
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
pub struct Dockerfile {
    pub escape: char,
    /// The `# syntax=` directive, which ccr does not act on.
    pub syntax: Option<String>,
    pub instructions: Vec<Instruction>,
}

fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.trim().strip_prefix('#')?;
    let (k, v) = rest.split_once('=')?;
    let k = k.trim();
    if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((k.to_ascii_lowercase(), v.trim().to_string()))
}

/// Whether `s` ends with an unescaped escape character (a continuation).
fn continues(s: &str, escape: char) -> Option<&str> {
    let t = s.trim_end();
    let stripped = t.strip_suffix(escape)?;
    // `\\` at the end is an escaped backslash, not a continuation, only for
    // an even run of escape characters.
    let run = stripped.chars().rev().take_while(|c| *c == escape).count();
    (run % 2 == 0).then_some(stripped)
}

pub fn parse(text: &str) -> Result<Dockerfile, BuildError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let (escape, syntax, mut i) = directives(&lines)?;
    let mut instructions = Vec::new();
    while i < lines.len() {
        let t = lines[i].trim_start();
        if t.is_empty() || t.starts_with('#') {
            i += 1;
            continue;
        }
        let start = i;
        let (logical, end) = logical_line(&lines, &mut i, escape);
        let logical = logical.trim();
        let (kw, rest) = logical
            .split_once(char::is_whitespace)
            .unwrap_or((logical, ""));
        let keyword = kw.to_ascii_uppercase();
        if !KEYWORDS.contains(&keyword.as_str()) {
            return Err(BuildError::Parse {
                line: start + 1,
                why: format!("unknown instruction: {kw}"),
            });
        }
        let (flags, args) = split_flags(rest.trim_start());
        let mut end = end;
        let mut heredocs = Vec::new();
        if matches!(keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for word in super::shell::raw_words(args, escape) {
                let Some((name, chomp, expand)) = heredoc_marker(&word) else {
                    continue;
                };
                let data = heredoc_body(&lines, &mut i, &name, chomp, start)?;
                end = i - 1;
                heredocs.push(Heredoc { name, data, expand });
            }
        }
        instructions.push(Instruction {
            line: start + 1,
            end_line: end + 1,
            keyword,
            flags,
            args: args.trim().to_string(),
            heredocs,
        });
    }
    Ok(Dockerfile {
        escape,
        syntax,
        instructions,
    })
}

/// Parser directives (`# escape=`, `# syntax=`), only at the very top:
/// the escape character, the syntax named, and the first line after them.
fn directives(lines: &[&str]) -> Result<(char, Option<String>, usize), BuildError> {
    let mut escape = '\\';
    let mut syntax = None;
    let mut i = 0;
    while i < lines.len() {
        let Some((k, v)) = directive(lines[i]) else {
            break;
        };
        match k.as_str() {
            "escape" => {
                escape = match v.as_str() {
                    "\\" => '\\',
                    "`" => '`',
                    other => {
                        return Err(BuildError::Parse {
                            line: i + 1,
                            why: format!("invalid escape token {other:?}: it must be \\ or `"),
                        });
                    }
                }
            }
            "syntax" => syntax = Some(v),
            _ => {}
        }
        i += 1;
    }
    Ok((escape, syntax, i))
}

/// The logical line starting at `*i`, its continuations joined (comment
/// and blank lines inside a continuation are dropped); leaves `*i` after
/// it and returns its last physical line.
fn logical_line(lines: &[&str], i: &mut usize, escape: char) -> (String, usize) {
    let mut logical = String::new();
    let mut cur = lines[*i];
    loop {
        match continues(cur, escape) {
            Some(head) => {
                logical.push_str(head);
                *i += 1;
                while *i < lines.len() {
                    let n = lines[*i].trim_start();
                    if n.is_empty() || n.starts_with('#') {
                        *i += 1;
                    } else {
                        break;
                    }
                }
                if *i >= lines.len() {
                    break;
                }
                cur = lines[*i];
            }
            None => {
                logical.push_str(cur);
                break;
            }
        }
    }
    let end = (*i).min(lines.len() - 1);
    *i += 1;
    (logical, end)
}

/// A heredoc's lines from `*i` up to the line `name` (tabs stripped with
/// `<<-`); leaves `*i` after that line.
fn heredoc_body(
    lines: &[&str],
    i: &mut usize,
    name: &str,
    chomp: bool,
    start: usize,
) -> Result<String, BuildError> {
    let mut data = String::new();
    loop {
        let Some(l) = lines.get(*i) else {
            return Err(BuildError::Parse {
                line: start + 1,
                why: format!("unterminated heredoc: no line {name:?} ends it"),
            });
        };
        *i += 1;
        let l = l.strip_suffix('\r').unwrap_or(l);
        let l = if chomp { l.trim_start_matches('\t') } else { l };
        if l == name {
            return Ok(data);
        }
        data.push_str(l);
        data.push('\n');
    }
}

/// Leading `--name[=value]` words.
fn split_flags(mut rest: &str) -> (Vec<(String, Option<String>)>, &str) {
    let mut flags = Vec::new();
    while let Some(f) = rest.strip_prefix("--") {
        let end = f.find(char::is_whitespace).unwrap_or(f.len());
        let word = &f[..end];
        if word.is_empty() {
            break;
        }
        match word.split_once('=') {
            Some((k, v)) => flags.push((k.to_string(), Some(v.to_string()))),
            None => flags.push((word.to_string(), None)),
        }
        rest = f[end..].trim_start();
    }
    (flags, rest)
}

impl BuildError {
    /// An error in the instruction at its Dockerfile line.
    pub fn at(ins: &Instruction, why: impl std::fmt::Display) -> BuildError {
        BuildError::Parse {
            line: ins.line,
            why: format!("{}: {why}", ins.keyword),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_comments_and_flags() {
        let df = parse(
            "# syntax=docker/dockerfile:1\n\
             # escape=\\\n\
             \n\
             FROM busybox AS base\n\
             # a comment\n\
             RUN echo a \\\n\
             # dropped\n\
             \n\
               && echo b\n\
             copy --from=base --chown=1:2 /a /b\n",
        )
        .unwrap();
        assert_eq!(df.syntax.as_deref(), Some("docker/dockerfile:1"));
        let i = &df.instructions;
        assert_eq!(i.len(), 3);
        assert_eq!((i[0].keyword.as_str(), i[0].line), ("FROM", 4));
        assert_eq!(i[1].args, "echo a && echo b");
        assert_eq!((i[1].line, i[1].end_line), (6, 9));
        assert_eq!(i[2].keyword, "COPY");
        assert_eq!(i[2].flag("from"), Some("base"));
        assert_eq!(i[2].flag("chown"), Some("1:2"));
        assert_eq!(i[2].args, "/a /b");
    }

    #[test]
    fn escape_directive_and_unknown_instruction() {
        let df = parse("# escape=`\nFROM x\nRUN dir c:\\ `\n  /w\n").unwrap();
        assert_eq!(df.escape, '`');
        assert_eq!(df.instructions[1].args, "dir c:\\   /w");
        let e = parse("FROM x\n\nFOO bar\n").unwrap_err();
        assert!(matches!(e, BuildError::Parse { line: 3, .. }), "{e}");
        assert!(e.to_string().contains("unknown instruction: FOO"));
        // A directive after the first instruction is a comment.
        let df = parse("FROM x\n# escape=`\nRUN a \\\n b\n").unwrap();
        assert_eq!(df.escape, '\\');
        assert_eq!(df.instructions[1].args, "a  b");
    }

    #[test]
    fn heredocs_follow_their_instruction() {
        let df = parse(
            "FROM x\n\
             RUN <<EOF\n\
             echo one\n\
             \n\
             # not a comment here\n\
             EOF\n\
             COPY <<-\"A\" 3<<'B' /dst/\n\
             \t\tindented $X\n\
             \tA\n\
             b\n\
             B\n\
             RUN cat <<EOF > /f \\\n\
               && true\n\
             x\n\
             EOF\n\
             CMD [\"<<EOF\"]\n",
        )
        .unwrap();
        let i = &df.instructions;
        assert_eq!(i.len(), 5, "{i:?}");
        assert_eq!((i[1].line, i[1].end_line), (2, 6));
        assert_eq!(i[1].args, "<<EOF");
        let h = &i[1].heredocs[0];
        assert_eq!(
            (h.name.as_str(), h.data.as_str(), h.expand),
            ("EOF", "echo one\n\n# not a comment here\n", true)
        );
        assert_eq!(i[2].heredocs.len(), 2);
        assert_eq!(
            i[2].heredocs[0],
            Heredoc {
                name: "A".into(),
                data: "indented $X\n".into(),
                expand: false
            }
        );
        assert_eq!(
            i[2].heredocs[1],
            Heredoc {
                name: "B".into(),
                data: "b\n".into(),
                expand: false
            }
        );
        assert_eq!((i[3].line, i[3].end_line), (12, 15));
        assert_eq!(i[3].heredocs[0].data, "x\n");
        assert!(i[4].heredocs.is_empty(), "CMD takes no heredocs");
        let e = parse("FROM x\nRUN <<EOF\necho\n").unwrap_err();
        assert!(matches!(e, BuildError::Parse { line: 2, .. }), "{e}");
        assert!(e.to_string().contains("unterminated heredoc"), "{e}");
        assert_eq!(heredoc_marker("<<<word"), None);
        assert_eq!(heredoc_marker("2<<E"), Some(("E".into(), false, true)));
    }
}
