//! The two unit formats of docker flags and compose files: durations as
//! Go writes them (`1m30s`, `500ms`; compose prints them back in Go's
//! canonical form) and byte sizes as docker's `go-units` reads them (`64m`,
//! `1g`, `50M`: binary multiples, case-insensitive, optional `b`).

use std::time::Duration;

/// A Go duration: a sequence of decimal numbers with units `ns`, `us`
/// (`µs`), `ms`, `s`, `m`, `h`, e.g. `1h2m3.5s`. A bare `0` is zero.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let t = s.trim();
    if t == "0" {
        return Some(Duration::ZERO);
    }
    let mut rest = t;
    let mut total: f64 = 0.0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..n].parse().ok()?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let nanos = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[u..];
        total += number * nanos;
    }
    Some(Duration::from_nanos(total.round() as u64))
}

/// `d` as Go's `Duration.String` writes it: `1m30s`, `1h0m0s`, `500ms`,
/// `1.5s`, `0s`.
pub fn format_duration(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns == 0 {
        return "0s".into();
    }
    let frac = |value: u128, unit: u128, suffix: &str| {
        let whole = value / unit;
        let part = value % unit;
        if part == 0 {
            format!("{whole}{suffix}")
        } else {
            let digits = unit.to_string().len() - 1;
            let f = format!("{part:0digits$}");
            format!("{whole}.{}{suffix}", f.trim_end_matches('0'))
        }
    };
    if ns < 1_000 {
        return format!("{ns}ns");
    }
    if ns < 1_000_000 {
        return frac(ns, 1_000, "µs");
    }
    if ns < 1_000_000_000 {
        return frac(ns, 1_000_000, "ms");
    }
    let hours = ns / 3_600_000_000_000;
    let minutes = (ns / 60_000_000_000) % 60;
    let seconds = frac(ns % 60_000_000_000, 1_000_000_000, "s");
    if hours > 0 {
        format!("{hours}h{minutes}m{seconds}")
    } else if minutes > 0 {
        format!("{minutes}m{seconds}")
    } else {
        seconds
    }
}

/// A byte size: a number (fractions allowed) and an optional unit
/// `b`, `k`, `m`, `g`, `t`, `p` (with an optional trailing `b`), in
/// multiples of 1024.
pub fn parse_bytes(s: &str) -> Option<i64> {
    let t = s.trim();
    let n = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let number: f64 = t[..n].parse().ok()?;
    let unit = t[n..].trim().to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let shift = match unit {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        "p" => 50,
        _ => return None,
    };
    let bytes = number * (1u64 << shift) as f64;
    // What does not fit a signed 64-bit count is refused, not saturated.
    (bytes.is_finite() && bytes < i64::MAX as f64).then_some(bytes as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_and_print_as_go_does() {
        for (input, printed) in [
            ("90s", "1m30s"),
            ("1m", "1m0s"),
            ("1h", "1h0m0s"),
            ("500ms", "500ms"),
            ("1.5s", "1.5s"),
            ("1m30s", "1m30s"),
            ("2h45m", "2h45m0s"),
            ("10us", "10µs"),
            ("0", "0s"),
        ] {
            assert_eq!(
                format_duration(parse_duration(input).unwrap()),
                printed,
                "{input}"
            );
        }
        assert!(parse_duration("10").is_none());
        assert!(parse_duration("1x").is_none());
        assert!(parse_duration("").is_none());
    }

    #[test]
    fn sizes_are_binary_multiples() {
        assert_eq!(parse_bytes("64m"), Some(64 << 20));
        assert_eq!(parse_bytes("1g"), Some(1 << 30));
        assert_eq!(parse_bytes("50M"), Some(50 << 20));
        assert_eq!(parse_bytes("1000000"), Some(1_000_000));
        assert_eq!(parse_bytes("2kb"), Some(2048));
        assert_eq!(parse_bytes("1.5k"), Some(1536));
        assert_eq!(parse_bytes("12q"), None);
    }
}
