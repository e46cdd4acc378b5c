//! Attaching input to a detached `-i` container: what the user types goes
//! into the container's input FIFO until the detach keys (docker's
//! `ctrl-p,ctrl-q` by default, `--detach-keys` otherwise) end the attach
//! and leave the container running. Bytes that start the sequence are
//! held back until it is clear whether it is one.

use std::io::{self, Read, Write};

use super::RuntimeError;

pub const DEFAULT_DETACH_KEYS: &str = "ctrl-p,ctrl-q";

/// docker's `--detach-keys` form: comma-separated `ctrl-<c>` (a letter,
/// or one of `@[\]^_`) and single characters.
pub fn parse_detach_keys(s: &str) -> Result<Vec<u8>, RuntimeError> {
    let bad = || {
        RuntimeError::Config(format!(
            "invalid detach keys {s:?}: use a comma-separated list of ctrl-<letter> and characters, such as ctrl-p,ctrl-q"
        ))
    };
    let mut out = Vec::new();
    for k in s.split(',') {
        let k = k.trim();
        if let Some(c) = k.strip_prefix("ctrl-") {
            let c = c.as_bytes();
            if c.len() != 1 {
                return Err(bad());
            }
            let b = c[0].to_ascii_lowercase();
            match b {
                b'a'..=b'z' => out.push(b - b'a' + 1),
                b'@' => out.push(0),
                b'[' => out.push(27),
                b'\\' => out.push(28),
                b']' => out.push(29),
                b'^' => out.push(30),
                b'_' => out.push(31),
                _ => return Err(bad()),
            }
        } else if k.len() == 1 {
            out.push(k.as_bytes()[0]);
        } else {
            return Err(bad());
        }
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}

/// How copying the input ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The detach keys were typed.
    Detached,
    /// The input ended.
    Eof,
}

/// Copies `input` to `out` until it ends or `keys` is typed (not passed on).
pub fn copy_input(mut input: impl Read, mut out: impl Write, keys: &[u8]) -> io::Result<Ended> {
    let mut matched = 0usize;
    let mut buf = [0u8; 4096];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => {
                if matched > 0 {
                    out.write_all(&keys[..matched])?;
                    out.flush()?;
                }
                return Ok(Ended::Eof);
            }
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut pass = Vec::with_capacity(n);
        for &b in &buf[..n] {
            if b == keys[matched] {
                matched += 1;
                if matched == keys.len() {
                    out.write_all(&pass)?;
                    out.flush()?;
                    return Ok(Ended::Detached);
                }
                continue;
            }
            // Not the sequence after all: what was held back goes on.
            pass.extend_from_slice(&keys[..matched]);
            matched = 0;
            if b == keys[0] {
                matched = 1;
            } else {
                pass.push(b);
            }
        }
        out.write_all(&pass)?;
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_docker_writes_them() {
        assert_eq!(
            parse_detach_keys(DEFAULT_DETACH_KEYS).unwrap(),
            [0x10, 0x11]
        );
        assert_eq!(parse_detach_keys("ctrl-x,a").unwrap(), [0x18, b'a']);
        assert!(parse_detach_keys("ctrl-").is_err());
        assert!(parse_detach_keys("alt-x").is_err());
    }

    #[test]
    fn the_sequence_detaches_and_is_not_passed_on() {
        let keys = [0x10, 0x11];
        let mut out = Vec::new();
        let end = copy_input(&b"ab\x10c\x10\x11zz"[..], &mut out, &keys).unwrap();
        assert_eq!(end, Ended::Detached);
        assert_eq!(out, b"ab\x10c");
        let mut out = Vec::new();
        assert_eq!(
            copy_input(&b"x\x10"[..], &mut out, &keys).unwrap(),
            Ended::Eof
        );
        assert_eq!(out, b"x\x10", "a started sequence at the end is input");
        // A repeated first key: the sequence still matches.
        let mut out = Vec::new();
        assert_eq!(
            copy_input(&b"\x10\x10\x11"[..], &mut out, &keys).unwrap(),
            Ended::Detached
        );
        assert_eq!(out, b"\x10");
    }
}
