//! Times as docker's flags take them: Go durations (`30s`, `1m30s`) and
//! points in time (`--since 2026-11-23T04:00:00Z`, `--since 10m`).

use chrono::{DateTime, Utc};

/// Go durations as HEALTHCHECK takes them (`30s`, `1m30s`, `500ms`), in ns.
pub fn duration_ns(s: &str) -> Option<i64> {
    let mut total: f64 = 0.0;
    let mut rest = s.trim();
    if rest == "0" {
        return Some(0);
    }
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let n: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..unit_end] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += n * mult;
        rest = &rest[unit_end..];
    }
    Some(total as i64)
}

/// A point in time as `logs --since/--until` take it: RFC 3339, Unix
/// seconds (`1732334400` or `1732334400.5`), or a Go duration before `now`.
pub fn point_in_time(s: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(secs) = s.parse::<f64>() {
        return DateTime::from_timestamp(secs.trunc() as i64, (secs.fract() * 1e9) as u32);
    }
    let ns = duration_ns(s)?;
    Some(now - chrono::Duration::nanoseconds(ns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_points_in_time() {
        assert_eq!(duration_ns("1m30s"), Some(90_000_000_000));
        assert_eq!(duration_ns("500ms"), Some(500_000_000));
        assert_eq!(duration_ns("10x"), None);
        let now = DateTime::parse_from_rfc3339("2026-11-23T04:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |s| point_in_time(s, now).map(|t| t.to_rfc3339());
        assert_eq!(at("10m").as_deref(), Some("2026-11-23T03:50:00+00:00"));
        assert_eq!(
            at("2026-11-23T01:02:03Z").as_deref(),
            Some("2026-11-23T01:02:03+00:00")
        );
        assert_eq!(at("0").as_deref(), Some("1970-01-01T00:00:00+00:00"));
        assert_eq!(at("yesterday"), None);
    }
}
