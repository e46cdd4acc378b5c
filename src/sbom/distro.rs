//! Which Linux distribution a tree is, as syft identifies it: the first of
//! `/etc/os-release`, `/usr/lib/os-release`, `/etc/system-release-cpe`,
//! `/etc/redhat-release` and `/bin/busybox` that says. OS package PURLs
//! carry the answer (`distro=debian-12`).

use std::collections::HashMap;

use regex::Regex;
use serde::Serialize;

use super::tree::Tree;

/// What a release file said; empty strings where it said nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pretty_name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub id_like: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(rename = "versionID", skip_serializing_if = "String::is_empty")]
    pub version_id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version_codename: String,
    #[serde(rename = "buildID", skip_serializing_if = "String::is_empty")]
    pub build_id: String,
    #[serde(rename = "homeURL", skip_serializing_if = "String::is_empty")]
    pub home_url: String,
    #[serde(rename = "supportURL", skip_serializing_if = "String::is_empty")]
    pub support_url: String,
    #[serde(rename = "bugReportURL", skip_serializing_if = "String::is_empty")]
    pub bug_report_url: String,
    #[serde(rename = "cpeName", skip_serializing_if = "String::is_empty")]
    pub cpe_name: String,
}

impl Release {
    /// Whether this is `id` or a distribution like it.
    pub fn is_like(&self, id: &str) -> bool {
        self.id == id || self.id_like.iter().any(|l| l == id)
    }
}

const RELEASE_FILE_LIMIT: u64 = 1 << 20;
/// busybox binaries are a few MiB; the version string is in the first part.
const BUSYBOX_LIMIT: u64 = 64 << 20;

pub fn identify(tree: &Tree) -> Option<Release> {
    type Parse = fn(&str) -> Option<Release>;
    let files: [(&str, Parse, u64); 5] = [
        ("/etc/os-release", os_release, RELEASE_FILE_LIMIT),
        ("/usr/lib/os-release", os_release, RELEASE_FILE_LIMIT),
        (
            "/etc/system-release-cpe",
            system_release_cpe,
            RELEASE_FILE_LIMIT,
        ),
        ("/etc/redhat-release", redhat_release, RELEASE_FILE_LIMIT),
        ("/bin/busybox", busybox, BUSYBOX_LIMIT),
    ];
    files.iter().find_map(|(path, parse, limit)| {
        let (_, text) = tree.read_text(path, *limit)?;
        parse(&text)
    })
}

/// `KEY=value` lines, values optionally quoted (the os-release format).
fn os_release(text: &str) -> Option<Release> {
    let mut v: HashMap<&str, String> = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((k, val)) = line.split_once('=') else {
            continue;
        };
        let val = val.trim();
        let val = val
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| val.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(val);
        v.insert(k.trim(), val.replace("\\\"", "\"").replace("\\$", "$"));
    }
    let get = |k: &str| v.get(k).cloned().unwrap_or_default();
    let r = Release {
        pretty_name: get("PRETTY_NAME"),
        name: get("NAME"),
        id: get("ID"),
        id_like: get("ID_LIKE")
            .split(' ')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        version: get("VERSION"),
        version_id: get("VERSION_ID"),
        version_codename: get("VERSION_CODENAME"),
        build_id: get("BUILD_ID"),
        home_url: get("HOME_URL"),
        support_url: get("SUPPORT_URL"),
        bug_report_url: get("BUG_REPORT_URL"),
        cpe_name: get("CPE_NAME"),
    };
    (r != Release::default()).then_some(r)
}

fn simple(pretty: &str, id: &str, version: &str, cpe: &str) -> Release {
    Release {
        pretty_name: pretty.to_string(),
        name: id.to_string(),
        id: id.to_string(),
        id_like: vec![id.to_string()],
        version: version.to_string(),
        version_id: version.to_string(),
        cpe_name: cpe.to_string(),
        ..Release::default()
    }
}

fn busybox(text: &str) -> Option<Release> {
    let re = Regex::new(r"BusyBox v[0-9.]+").expect("valid");
    let m = re.find(text)?.as_str();
    let version = m.split(' ').nth(1)?.replace('v', "");
    Some(simple(m, "busybox", &version, ""))
}

fn system_release_cpe(text: &str) -> Option<Release> {
    let re = Regex::new(r"(?m)cpe:/o:(.*?):.*?:(.*?):.*?$").expect("valid");
    let c = re.captures(text)?;
    Some(simple(&c[1], &c[1].to_lowercase(), &c[2], &c[0]))
}

fn redhat_release(text: &str) -> Option<Release> {
    let re = Regex::new(r"(.*?)\srelease\s(\d\.\d+)").expect("valid");
    let c = re.captures(text)?;
    Some(simple(&c[1], &c[1].to_lowercase(), &c[2], ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_release_is_read_as_syft_reads_it() {
        let r = os_release(
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\nID_LIKE=\"rhel fedora\"\n",
        )
        .unwrap();
        assert_eq!(r.id, "debian");
        assert_eq!(r.version_id, "12");
        assert_eq!(r.id_like, ["rhel", "fedora"]);
        assert!(os_release("# nothing\n").is_none());
    }

    #[test]
    fn busybox_names_itself() {
        let r = busybox("\0BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.").unwrap();
        assert_eq!(
            (r.id.as_str(), r.version_id.as_str()),
            ("busybox", "1.35.0")
        );
        assert_eq!(r.pretty_name, "BusyBox v1.35.0");
    }
}
