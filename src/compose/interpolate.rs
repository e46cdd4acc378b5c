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
    let mut out = Interpolated::default();
    let chars: Vec<char> = input.chars().collect();
    let end = expand(
        &chars,
        0,
        None,
        input,
        lookup,
        &mut out.value,
        &mut out.unset,
    )?;
    debug_assert_eq!(end, chars.len());
    Ok(out)
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

/// Expands `chars[i..]` into `out` until the end, or (inside `${...}`)
/// until the `}` that closes it; returns the index after what was read.
fn expand(
    chars: &[char],
    mut i: usize,
    closing: Option<char>,
    whole: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
    unset: &mut Vec<String>,
) -> Result<usize, InterpolationError> {
    let invalid = |why: &str| InterpolationError::Invalid {
        value: whole.to_string(),
        why: why.to_string(),
    };
    while i < chars.len() {
        let c = chars[i];
        if Some(c) == closing {
            return Ok(i);
        }
        if c != '$' {
            out.push(c);
            i += 1;
            continue;
        }
        match chars.get(i + 1) {
            Some('$') => {
                out.push('$');
                i += 2;
            }
            Some('{') => {
                i = braced(chars, i + 2, whole, lookup, out, unset)?;
            }
            Some(&n) if is_name_start(n) => {
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && is_name_char(chars[j]) {
                    j += 1;
                }
                let name: String = chars[start..j].iter().collect();
                match lookup(&name) {
                    Some(v) => out.push_str(&v),
                    None => note_unset(unset, &name),
                }
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
        return Err(invalid("a ${ is not closed"));
    }
    Ok(i)
}

fn note_unset(unset: &mut Vec<String>, name: &str) {
    if !unset.iter().any(|u| u == name) {
        unset.push(name.to_string());
    }
}

/// `${...}` from just after the `{`; returns the index after its `}`.
fn braced(
    chars: &[char],
    start: usize,
    whole: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut String,
    unset: &mut Vec<String>,
) -> Result<usize, InterpolationError> {
    let invalid = |why: &str| InterpolationError::Invalid {
        value: whole.to_string(),
        why: why.to_string(),
    };
    let mut j = start;
    if !chars.get(j).copied().is_some_and(is_name_start) {
        return Err(invalid("a variable name must start with a letter or _"));
    }
    while j < chars.len() && is_name_char(chars[j]) {
        j += 1;
    }
    let name: String = chars[start..j].iter().collect();
    let value = lookup(&name);
    match chars.get(j) {
        Some('}') => {
            match value {
                Some(v) => out.push_str(&v),
                None => note_unset(unset, &name),
            }
            return Ok(j + 1);
        }
        None => return Err(invalid("a ${ is not closed")),
        _ => {}
    }
    // An operator: `:-` `-` `:?` `?` `:+` `+`.
    let colon = chars[j] == ':';
    let op_at = if colon { j + 1 } else { j };
    let op = match chars.get(op_at) {
        Some(&c @ ('-' | '?' | '+')) => c,
        _ => {
            return Err(invalid(&format!(
                "unsupported form after ${{{name}: only :- - :? ? :+ + are"
            )));
        }
    };
    // The word after the operator, itself interpolated, up to the `}`.
    let mut word = String::new();
    let mut word_unset = Vec::new();
    let close = expand(
        chars,
        op_at + 1,
        Some('}'),
        whole,
        lookup,
        &mut word,
        &mut word_unset,
    )?;
    // `:` treats empty like unset.
    let present = match &value {
        Some(v) => !(colon && v.is_empty()),
        None => false,
    };
    match op {
        '-' => {
            if present {
                out.push_str(value.as_deref().unwrap_or_default());
            } else {
                out.push_str(&word);
                for u in word_unset {
                    note_unset(unset, &u);
                }
            }
        }
        '+' => {
            if present {
                out.push_str(&word);
                for u in word_unset {
                    note_unset(unset, &u);
                }
            }
        }
        _ => {
            if present {
                out.push_str(value.as_deref().unwrap_or_default());
            } else {
                return Err(InterpolationError::Required {
                    name,
                    message: word,
                });
            }
        }
    }
    Ok(close + 1)
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
