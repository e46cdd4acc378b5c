//! Compose interpolation, as compose-go does it: `$VAR`, `${VAR}`,
//! `${VAR:-default}` / `${VAR-default}`, `${VAR:?error}` / `${VAR?error}`,
//! `${VAR:+alternative}` / `${VAR+alternative}`, defaults and alternatives
//! that are themselves interpolated (`${A:-${B:-x}}`), and `$$` for a
//! literal `$`. Names are `[_a-zA-Z][_a-zA-Z0-9]*`. A variable that is unset
//! and has no default becomes the empty string, with a warning. Shell forms
//! beyond these (`${VAR/a/b}`, `${#VAR}`) are errors.

/// Why a value could not be interpolated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterpolationError {
    /// `${VAR:?message}` (or `?`) with VAR unset (or empty, for `:?`).
    #[error("required variable {name} is missing a value: {message}")]
    Required { name: String, message: String },
    #[error("invalid interpolation format for {value:?}: {why}")]
    Invalid { value: String, why: String },
}

/// The result of interpolating one value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Interpolated {
    pub value: String,
    /// Variables used unset with no default (compose warns, once each).
    pub unset: Vec<String>,
}

/// Interpolates `input` with variables from `lookup`.
pub fn interpolate(
    input: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Interpolated, InterpolationError> {
    let chars: Vec<char> = input.chars().collect();
    let mut x = Expander {
        chars: &chars,
        whole: input,
        lookup,
        unset: Vec::new(),
    };
    let mut value = String::new();
    let end = x.expand(0, None, &mut value)?;
    debug_assert_eq!(end, chars.len());
    Ok(Interpolated {
        value,
        unset: x.unset,
    })
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

/// One value being interpolated.
struct Expander<'a> {
    chars: &'a [char],
    whole: &'a str,
    lookup: &'a dyn Fn(&str) -> Option<String>,
    /// Variables used unset with no default, once each.
    unset: Vec<String>,
}

impl Expander<'_> {
    fn invalid(&self, why: &str) -> InterpolationError {
        InterpolationError::Invalid {
            value: self.whole.to_string(),
            why: why.to_string(),
        }
    }

    fn note_unset(&mut self, name: &str) {
        if !self.unset.iter().any(|u| u == name) {
            self.unset.push(name.to_string());
        }
    }

    /// The variable name at `i` (which starts one), and the index after it.
    fn name_at(&self, i: usize) -> (String, usize) {
        let mut j = i;
        while j < self.chars.len() && is_name_char(self.chars[j]) {
            j += 1;
        }
        (self.chars[i..j].iter().collect(), j)
    }

    /// `name`'s value into `out`; unset, it is noted and nothing is written.
    fn substitute(&mut self, name: &str, value: Option<String>, out: &mut String) {
        match value {
            Some(v) => out.push_str(&v),
            None => self.note_unset(name),
        }
    }

    /// Expands from `i` into `out` until the end, or (inside `${...}`)
    /// until the `}` that closes it; returns the index after what was read.
    fn expand(
        &mut self,
        mut i: usize,
        closing: Option<char>,
        out: &mut String,
    ) -> Result<usize, InterpolationError> {
        while i < self.chars.len() {
            let c = self.chars[i];
            if Some(c) == closing {
                return Ok(i);
            }
            if c != '$' {
                out.push(c);
                i += 1;
                continue;
            }
            match self.chars.get(i + 1) {
                Some('$') => {
                    out.push('$');
                    i += 2;
                }
                Some('{') => i = self.braced(i + 2, out)?,
                Some(&n) if is_name_start(n) => {
                    let (name, j) = self.name_at(i + 1);
                    let value = (self.lookup)(&name);
                    self.substitute(&name, value, out);
                    i = j;
                }
                // A lone `$` (before a space, a digit, the end) stays as it is.
                _ => {
                    out.push('$');
                    i += 1;
                }
            }
        }
        if closing.is_some() {
            return Err(self.invalid("a ${ is not closed"));
        }
        Ok(i)
    }

    /// `${...}` from just after the `{`; returns the index after its `}`.
    fn braced(&mut self, start: usize, out: &mut String) -> Result<usize, InterpolationError> {
        if !self.chars.get(start).copied().is_some_and(is_name_start) {
            return Err(self.invalid("a variable name must start with a letter or _"));
        }
        let (name, j) = self.name_at(start);
        let value = (self.lookup)(&name);
        match self.chars.get(j) {
            Some('}') => {
                self.substitute(&name, value, out);
                return Ok(j + 1);
            }
            None => return Err(self.invalid("a ${ is not closed")),
            _ => {}
        }
        // An operator: `:-` `-` `:?` `?` `:+` `+`; `:` treats empty as unset.
        let colon = self.chars[j] == ':';
        let op_at = if colon { j + 1 } else { j };
        let op = match self.chars.get(op_at) {
            Some(&c @ ('-' | '?' | '+')) => c,
            _ => {
                return Err(self.invalid(&format!(
                    "unsupported form after ${{{name}: only :- - :? ? :+ + are"
                )));
            }
        };
        // The word after the operator, itself interpolated, up to the `}`;
        // what it leaves unset counts only where the word is used.
        let outer = std::mem::take(&mut self.unset);
        let mut word = String::new();
        let close = self.expand(op_at + 1, Some('}'), &mut word)?;
        let word_unset = std::mem::replace(&mut self.unset, outer);
        let present = value.as_ref().is_some_and(|v| !(colon && v.is_empty()));
        let use_word = match op {
            '-' => !present,
            '+' => present,
            _ if present => false,
            _ => {
                return Err(InterpolationError::Required {
                    name,
                    message: word,
                });
            }
        };
        if use_word {
            out.push_str(&word);
            for u in &word_unset {
                self.note_unset(u);
            }
        } else if op != '+' {
            out.push_str(value.as_deref().unwrap_or_default());
        }
        Ok(close + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: std::collections::HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    fn i(s: &str, e: &dyn Fn(&str) -> Option<String>) -> String {
        interpolate(s, e).unwrap().value
    }

    #[test]
    fn every_operator_as_compose_go_reads_it() {
        let e = env(&[("SET", "v"), ("EMPTY", ""), ("B", "b")]);
        for (input, want) in [
            ("$SET", "v"),
            ("${SET}", "v"),
            ("x${SET}y", "xvy"),
            ("$SET-x", "v-x"),
            ("${UNSET:-d}", "d"),
            ("${EMPTY:-d}", "d"),
            ("${EMPTY-d}", ""),
            ("${UNSET-d}", "d"),
            ("${SET:-d}", "v"),
            ("${SET:+alt}", "alt"),
            ("${EMPTY:+alt}", ""),
            ("${EMPTY+alt}", "alt"),
            ("${UNSET+alt}", ""),
            ("${UNSET:-${B:-x}}", "b"),
            ("${UNSET:-${ALSO:-x}}", "x"),
            ("${UNSET:-a b}", "a b"),
            ("$$SET", "$SET"),
            ("$${SET}", "${SET}"),
            ("cost: 5$", "cost: 5$"),
            ("$1", "$1"),
            ("${UNSET:-}", ""),
        ] {
            assert_eq!(i(input, &e), want, "{input}");
        }
    }

    #[test]
    fn unset_variables_are_empty_and_reported_once() {
        let e = env(&[]);
        let r = interpolate("$A ${A} ${B:-$C}", &e).unwrap();
        assert_eq!(r.value, "  ");
        assert_eq!(r.unset, ["A", "C"]);
    }

    #[test]
    fn required_variables_and_bad_forms_are_errors() {
        let e = env(&[("EMPTY", "")]);
        assert_eq!(
            interpolate("${NEED:?set NEED first}", &e),
            Err(InterpolationError::Required {
                name: "NEED".into(),
                message: "set NEED first".into()
            })
        );
        assert!(interpolate("${EMPTY:?no}", &e).is_err());
        assert_eq!(i("${EMPTY?no}", &e), "");
        for bad in ["${", "${A", "${A:-x", "${1}", "${A/x/y}", "${#A}", "${A:x}"] {
            assert!(
                matches!(
                    interpolate(bad, &e),
                    Err(InterpolationError::Invalid { .. })
                ),
                "{bad}"
            );
        }
    }
}
