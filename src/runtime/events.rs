//! `events`: what happened to containers, networks and volumes, as ccr's
//! own operations record it (`events.log` under the data root, one JSON
//! object a line, the older half kept once it grows past 8 MiB).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::layout::Layout;

const MAX_LOG: u64 = 8 << 20;

/// One event, in docker's terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// RFC 3339 with nanoseconds.
    pub time: String,
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(rename = "Action")]
    pub action: String,
    #[serde(rename = "ID")]
    pub id: String,
    #[serde(rename = "Attributes")]
    pub attributes: BTreeMap<String, String>,
}

impl Event {
    /// docker's JSON of an event (`--format json`): `Type`, `Action`,
    /// `Actor.ID`, `Actor.Attributes`, `scope`, `time` in Unix seconds,
    /// `timeNano`; and for containers and images the older `status`, `id`
    /// and `from`.
    pub fn docker_json(&self) -> serde_json::Value {
        let v = self.docker_fields();
        let mut out = serde_json::json!({
            "Type": v["Type"], "Action": v["Action"], "Actor": v["Actor"],
            "scope": v["Scope"], "time": v["Time"], "timeNano": v["TimeNano"],
        });
        if self.kind == "container" || self.kind == "image" {
            out["status"] = v["Status"].clone();
            out["id"] = v["ID"].clone();
            if !v["From"].is_null() {
                out["from"] = v["From"].clone();
            }
        }
        out
    }

    /// The same event by the names a `--format` template reads (the
    /// fields of docker's `events.Message`: `.Status`, `.ID`, `.From`,
    /// `.Type`, `.Action`, `.Actor`, `.Scope`, `.Time`, `.TimeNano`).
    pub fn docker_fields(&self) -> serde_json::Value {
        let t = chrono::DateTime::parse_from_rfc3339(&self.time).ok();
        let legacy = self.kind == "container" || self.kind == "image";
        serde_json::json!({
            "Status": if legacy { self.action.as_str() } else { "" },
            "ID": if legacy { self.id.as_str() } else { "" },
            "From": if legacy { self.attributes.get("image").cloned() } else { None },
            "Type": self.kind,
            "Action": self.action,
            "Actor": {"ID": self.id, "Attributes": self.attributes},
            "Scope": "local",
            "Time": t.map(|t| t.timestamp()).unwrap_or(0),
            "TimeNano": t.and_then(|t| t.timestamp_nanos_opt()).unwrap_or(0),
        })
    }

    /// docker's line: `TIME TYPE ACTION ID (k=v, ...)`.
    pub fn line(&self) -> String {
        let attrs: Vec<String> = self
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!(
            "{} {} {} {} ({})",
            self.time,
            self.kind,
            self.action,
            self.id,
            attrs.join(", ")
        )
    }
}

pub fn log_path(layout: &Layout) -> PathBuf {
    layout.root().join("events.log")
}

/// Records an event; failing to is not an error of the operation.
pub fn record(layout: &Layout, kind: &str, action: &str, id: &str, attributes: &[(&str, &str)]) {
    let e = Event {
        time: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        kind: kind.into(),
        action: action.into(),
        id: id.into(),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    let path = log_path(layout);
    if fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOG) {
        let _ = fs::rename(&path, path.with_extension("log.1"));
    }
    let Ok(mut line) = serde_json::to_vec(&e) else {
        return;
    };
    line.push(b'\n');
    if let Ok(mut f) = fs::OpenOptions::new().create(true).append(true).open(&path) {
        // One write of the whole line: appends from several processes do
        // not interleave.
        let _ = f.write_all(&line);
    }
}

/// The events recorded so far (the older file first), and how far the
/// current file was read.
pub fn read_all(layout: &Layout) -> (Vec<Event>, u64) {
    let path = log_path(layout);
    let mut out = Vec::new();
    for p in [path.with_extension("log.1"), path.clone()] {
        let text = crate::bounded::read_to_string(&p, 2 * MAX_LOG).unwrap_or_default();
        out.extend(text.lines().filter_map(|l| serde_json::from_str(l).ok()));
    }
    let len = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    (out, len)
}

/// The events appended after `offset` of the current file; the new offset.
pub fn read_from(layout: &Layout, offset: u64) -> (Vec<Event>, u64) {
    use std::io::{Read, Seek, SeekFrom};
    let path = log_path(layout);
    let Ok(mut f) = fs::File::open(&path) else {
        return (Vec::new(), 0);
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    // Rotated meanwhile: from the start of the new file.
    let from = if len < offset { 0 } else { offset };
    let _ = f.seek(SeekFrom::Start(from));
    let mut buf = Vec::new();
    let _ = f.take(MAX_LOG).read_to_end(&mut buf);
    // Only whole lines; a line being written is read next time.
    let end = buf.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let events = String::from_utf8_lossy(&buf[..end])
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    (events, from + end as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_appended_and_read_back_in_order() {
        let t = tempfile::tempdir().unwrap();
        let layout = Layout::new(t.path());
        record(&layout, "container", "create", "abc", &[("name", "web")]);
        let (all, offset) = read_all(&layout);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].attributes["name"], "web");
        assert!(all[0].line().contains(" container create abc (name=web)"));
        record(&layout, "container", "start", "abc", &[]);
        let (new, _) = read_from(&layout, offset);
        assert_eq!(
            new.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["start"]
        );
    }
}
