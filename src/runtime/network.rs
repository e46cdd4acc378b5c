//! Bridge networking through the standard CNI plugins (Debian's
//! `containernetworking-plugins`): a network namespace per container,
//! `bridge` with `host-local` addresses and masquerading, `portmap` for
//! `-p HOST:CONTAINER`, and `loopback`. Torn down, and the address
//! released, when the container is removed.

use crate::layout::Layout;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::RuntimeError;

pub const CNI_PATH: &str = "/usr/lib/cni";
const BRIDGE: &str = "ccr0";
const SUBNET: &str = "10.89.0.0/16";

/// `-p [IP:]HOST:CONTAINER[/PROTO]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    pub host_ip: Option<String>,
    pub host_port: u16,
    pub container_port: u16,
    pub protocol: String,
}

impl PortMapping {
    /// The host side, as docker prints it: `0.0.0.0:8080`.
    pub fn host_address(&self) -> String {
        format!(
            "{}:{}",
            self.host_ip.as_deref().unwrap_or("0.0.0.0"),
            self.host_port
        )
    }

    pub fn parse(s: &str) -> Result<PortMapping, RuntimeError> {
        let bad = |why: &str| {
            RuntimeError::Config(format!(
                "invalid port mapping {s:?}: {why}; use [IP:]HOST_PORT:CONTAINER_PORT[/tcp|udp]"
            ))
        };
        let (spec, protocol) = match s.rsplit_once('/') {
            Some((p, proto @ ("tcp" | "udp"))) => (p, proto),
            Some(_) => return Err(bad("the protocol must be tcp or udp")),
            None => (s, "tcp"),
        };
        let parts: Vec<&str> = spec.split(':').collect();
        let (ip, host, ctr) = match parts.as_slice() {
            [h, c] => (None, *h, *c),
            [ip, h, c] => (Some(ip.to_string()), *h, *c),
            _ => return Err(bad("expected HOST_PORT:CONTAINER_PORT")),
        };
        let port = |p: &str| {
            p.parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| bad("ports are numbers from 1 to 65535"))
        };
        Ok(PortMapping {
            host_ip: ip,
            host_port: port(host)?,
            container_port: port(ctr)?,
            protocol: protocol.to_string(),
        })
    }
}

/// A container's attachment: its namespace and what the plugins returned.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Attachment {
    pub netns: PathBuf,
    pub address: Option<String>,
    pub result: Option<Value>,
}

fn plugins(layout: &Layout) -> Vec<Value> {
    vec![
        json!({
            "type": "bridge",
            "bridge": BRIDGE,
            "isGateway": true,
            "ipMasq": true,
            "hairpinMode": true,
            "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": SUBNET}]],
                "routes": [{"dst": "0.0.0.0/0"}],
                "dataDir": layout.cni_ipam(),
            },
        }),
        json!({"type": "portmap", "capabilities": {"portMappings": true}, "snat": true}),
    ]
}

fn invoke(
    command: &str,
    plugin: &Value,
    id: &str,
    netns: &Path,
    ifname: &str,
    stdin: &Value,
) -> Result<Value, RuntimeError> {
    let kind = plugin["type"].as_str().unwrap_or_default();
    let fail = |why: String| RuntimeError::Container {
        id: id.to_string(),
        why: format!("network ({kind} {command}): {why}"),
    };
    let mut child = Command::new(Path::new(CNI_PATH).join(kind))
        .env("CNI_COMMAND", command)
        .env("CNI_CONTAINERID", id)
        .env("CNI_NETNS", netns)
        .env("CNI_IFNAME", ifname)
        .env("CNI_PATH", CNI_PATH)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            fail(format!(
                "cannot run {CNI_PATH}/{kind}: {e}; install containernetworking-plugins"
            ))
        })?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin.to_string().as_bytes())
        .map_err(|e| fail(e.to_string()))?;
    let out = child.wait_with_output().map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let msg = v["msg"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| String::from_utf8_lossy(&out.stderr).trim().to_string());
        let details = v["details"].as_str().unwrap_or_default();
        return Err(fail(format!("{msg} {details}").trim().to_string()));
    }
    if out.stdout.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&out.stdout).map_err(|e| fail(format!("unreadable result: {e}")))
}

fn conf(plugin: &Value, prev: Option<&Value>, ports: &[PortMapping]) -> Value {
    let mut c = plugin.clone();
    c["cniVersion"] = json!("1.0.0");
    c["name"] = json!("ccr");
    if let Some(p) = prev.filter(|p| !p.is_null()) {
        c["prevResult"] = p.clone();
    }
    if c["type"] == "portmap" {
        c["runtimeConfig"] = json!({"portMappings": ports.iter().map(|p| {
            let mut m = json!({"hostPort": p.host_port, "containerPort": p.container_port, "protocol": p.protocol});
            if let Some(ip) = &p.host_ip { m["hostIP"] = json!(ip); }
            m
        }).collect::<Vec<_>>()});
    }
    c
}

fn netns_path(id: &str) -> PathBuf {
    PathBuf::from("/run/netns").join(format!("ccr-{}", &id[..12]))
}

/// Creates the container's namespace and attaches it to the bridge.
pub fn attach(
    layout: &Layout,
    id: &str,
    ports: &[PortMapping],
) -> Result<Attachment, RuntimeError> {
    let netns = netns_path(id);
    let name = netns
        .file_name()
        .expect("named")
        .to_string_lossy()
        .to_string();
    let out = Command::new("ip")
        .args(["netns", "add", &name])
        .output()
        .map_err(|e| RuntimeError::Container {
            id: id.to_string(),
            why: format!("network namespace: cannot run ip: {e}"),
        })?;
    if !out.status.success() {
        return Err(RuntimeError::Container {
            id: id.to_string(),
            why: format!(
                "network namespace: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        });
    }
    let mut att = Attachment {
        netns: netns.clone(),
        ..Default::default()
    };
    let run = || -> Result<Value, RuntimeError> {
        invoke(
            "ADD",
            &json!({"type": "loopback"}),
            id,
            &netns,
            "lo",
            &conf(&json!({"type": "loopback"}), None, ports),
        )?;
        let mut prev: Option<Value> = None;
        for p in plugins(layout) {
            let r = invoke(
                "ADD",
                &p,
                id,
                &netns,
                "eth0",
                &conf(&p, prev.as_ref(), ports),
            )?;
            if !r.is_null() {
                prev = Some(r);
            }
        }
        Ok(prev.unwrap_or_default())
    };
    match run() {
        Ok(result) => {
            att.address = result["ips"][0]["address"]
                .as_str()
                .map(|a| a.split('/').next().unwrap_or(a).to_string());
            att.result = Some(result);
            Ok(att)
        }
        Err(e) => {
            detach(layout, id, &att, ports);
            Err(e)
        }
    }
}

/// Detaches from the bridge (releasing the address) and removes the namespace.
pub fn detach(layout: &Layout, id: &str, att: &Attachment, ports: &[PortMapping]) {
    for p in plugins(layout).iter().rev() {
        let _ = invoke(
            "DEL",
            p,
            id,
            &att.netns,
            "eth0",
            &conf(p, att.result.as_ref(), ports),
        );
    }
    if let Some(name) = att.netns.file_name() {
        let _ = Command::new("ip")
            .arg("netns")
            .arg("del")
            .arg(name)
            .output();
    }
}
