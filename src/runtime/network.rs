//! Bridge networking through the standard CNI plugins (Debian's
//! `containernetworking-plugins`): a network namespace per container,
//! attached to one or more networks, each its own Linux bridge and subnet
//! (`bridge` with `host-local` addresses and masquerading), `portmap` for
//! `-p HOST:CONTAINER` on the first, and `loopback`. Torn down, and the
//! addresses released, when the container is removed.
//!
//! The default network is docker's `bridge` (`ccr0`, 10.89.0.0/16);
//! `ccr network create` makes others (`networks/<name>.json`), each a /24
//! of 10.90.0.0/16 unless a subnet is given.
//!
//! Bridges and routes are the host's, whichever data root made them: a
//! subnet is chosen under a host-wide lock and its bridge made at once
//! (as docker does), so that another data root choosing at the same time
//! sees it routed; the default bridge, shared by every data root, keeps
//! its address book host-wide too ([`HOST_STATE`]).

use crate::layout::Layout;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::RuntimeError;

pub const CNI_PATH: &str = "/usr/lib/cni";
/// docker's name for the default network.
pub const DEFAULT: &str = "bridge";
const BRIDGE: &str = "ccr0";
const SUBNET: &str = "10.89.0.0/16";
/// Where user networks' subnets are taken from, a /24 each.
const POOL: [u8; 2] = [10, 90];
/// What every data root on this host shares about networks: the lock
/// under which subnets are chosen, and the default bridge's addresses.
const HOST_STATE: &str = "/run/ccr-net";

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

    /// `-p`'s forms: `[IP:]HOST:CONTAINER[/PROTO]`, or the container port
    /// alone (`CONTAINER`, `IP::CONTAINER`) for a free host port (0 here,
    /// chosen when the container is made).
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
        // A container port alone (`80`, `IP::80`): a free host port.
        let (ip, host, ctr) = match parts.as_slice() {
            [c] => (None, "", *c),
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
            host_ip: ip.filter(|i| !i.is_empty()),
            host_port: if host.is_empty() { 0 } else { port(host)? },
            container_port: port(ctr)?,
            protocol: protocol.to_string(),
        })
    }
}

/// A network: docker's `bridge` (the default) or one `ccr network create`
/// made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRecord {
    pub name: String,
    pub id: String,
    pub created: String,
    pub driver: String,
    pub subnet: String,
    pub gateway: String,
    /// The Linux bridge.
    pub bridge: String,
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

impl NetworkRecord {
    /// docker's default network.
    pub fn default_bridge() -> NetworkRecord {
        NetworkRecord {
            name: DEFAULT.into(),
            id: crate::digest::Digest::of(b"ccr default bridge network")
                .hex()
                .to_string(),
            created: String::new(),
            driver: "bridge".into(),
            subnet: SUBNET.into(),
            gateway: "10.89.0.1".into(),
            bridge: BRIDGE.into(),
            internal: false,
            labels: BTreeMap::new(),
        }
    }

    /// `host` and `none`, which docker lists beside the bridges: a
    /// container joins them with `--network host|none`, and nothing else
    /// can be done with them.
    pub fn builtin() -> [NetworkRecord; 2] {
        let record = |name: &str, driver: &str| NetworkRecord {
            name: name.into(),
            id: crate::digest::Digest::of(format!("ccr {name} network").as_bytes())
                .hex()
                .to_string(),
            created: String::new(),
            driver: driver.into(),
            subnet: String::new(),
            gateway: String::new(),
            bridge: String::new(),
            internal: false,
            labels: BTreeMap::new(),
        };
        [record("host", "host"), record("none", "null")]
    }

    /// The CNI network name (also the `host-local` allocation directory).
    fn cni_name(&self) -> &str {
        if self.name == DEFAULT {
            "ccr"
        } else {
            &self.name
        }
    }
}

/// Network names as docker allows them.
pub fn valid_name(n: &str) -> bool {
    super::is_docker_name(n, 1, 128)
}

/// `a.b.c.d/len` as its network address and prefix length.
pub fn parse_cidr(s: &str) -> Option<(Ipv4Addr, u8)> {
    let (ip, len) = s.split_once('/')?;
    let ip: Ipv4Addr = ip.parse().ok()?;
    let len: u8 = len.parse().ok().filter(|l| (8..=30).contains(l))?;
    let mask = u32::MAX << (32 - len);
    Some((Ipv4Addr::from(u32::from(ip) & mask), len))
}

fn contains(subnet: &str, ip: Ipv4Addr) -> bool {
    parse_cidr(subnet).is_some_and(|(net, len)| {
        let mask = u32::MAX << (32 - len);
        u32::from(ip) & mask == u32::from(net)
    })
}

/// The host's routed IPv4 subnets (`/proc/net/route`, less the default
/// route): a new network must not take one that another bridge or
/// interface already serves, whoever made it.
fn host_routes() -> Vec<String> {
    let text = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dest = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(f.get(7)?, 16).ok()?;
            if mask == 0 {
                return None;
            }
            // The kernel prints the address's bytes as a little-endian word.
            let dest = Ipv4Addr::from(dest.to_le_bytes());
            let len = mask.count_ones();
            Some(format!("{dest}/{len}"))
        })
        .collect()
}

fn overlaps(a: &str, b: &str) -> bool {
    match (parse_cidr(a), parse_cidr(b)) {
        (Some((x, lx)), Some((y, ly))) => {
            let len = lx.min(ly);
            let mask = u32::MAX << (32 - len);
            u32::from(x) & mask == u32::from(y) & mask
        }
        _ => false,
    }
}

/// What `ccr network create` asks for.
#[derive(Clone, Debug, Default)]
pub struct NetworkSpec {
    pub name: String,
    pub subnet: Option<String>,
    pub gateway: Option<String>,
    pub internal: bool,
    pub labels: BTreeMap<String, String>,
}

/// The user networks, one file each under `networks/`.
pub struct Networks<'a> {
    layout: &'a Layout,
}

impl<'a> Networks<'a> {
    pub fn new(layout: &'a Layout) -> Networks<'a> {
        Networks { layout }
    }

    fn dir(&self) -> PathBuf {
        self.layout.root().join("networks")
    }

    /// The host-wide lock under which networks are made and removed:
    /// data roots share the host's subnets and bridges.
    fn lock(&self) -> Result<std::fs::File, RuntimeError> {
        host_lock()
    }

    /// Every network: the default first, then the user networks by name.
    pub fn list(&self) -> Vec<NetworkRecord> {
        let mut out: Vec<NetworkRecord> = std::fs::read_dir(self.dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| {
                let data = crate::bounded::read(&e.path(), crate::bounded::CONFIG_FILE).ok()?;
                serde_json::from_slice(&data).ok()
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out.insert(0, NetworkRecord::default_bridge());
        out
    }

    /// The network named (or whose id starts with) `key`.
    pub fn get(&self, key: &str) -> Result<NetworkRecord, RuntimeError> {
        let all = self.list();
        if let Some(n) = all.iter().find(|n| n.name == key) {
            return Ok(n.clone());
        }
        let by_id: Vec<&NetworkRecord> = all
            .iter()
            .filter(|n| key.len() >= 3 && n.id.starts_with(key))
            .collect();
        match by_id.as_slice() {
            [one] => Ok((*one).clone()),
            _ => Err(RuntimeError::NoSuchNetwork(key.to_string())),
        }
    }

    /// Makes a network: its own bridge and subnet.
    pub fn create(&self, spec: &NetworkSpec) -> Result<NetworkRecord, RuntimeError> {
        if !valid_name(&spec.name) || ["host", "none"].contains(&spec.name.as_str()) {
            return Err(RuntimeError::Config(format!(
                "invalid network name {:?}: use [a-zA-Z0-9][a-zA-Z0-9_.-]* (host, none and bridge are taken)",
                spec.name
            )));
        }
        let _lock = self.lock()?;
        let all = self.list();
        // The default bridge's route is this project's own.
        let routes: Vec<String> = host_routes()
            .into_iter()
            .filter(|r| !overlaps(r, SUBNET))
            .collect();
        if all.iter().any(|n| n.name == spec.name) {
            return Err(RuntimeError::Config(format!(
                "network with name {} already exists",
                spec.name
            )));
        }
        let subnet = match &spec.subnet {
            Some(s) => {
                let (net, len) = parse_cidr(s).ok_or_else(|| {
                    RuntimeError::Config(format!(
                        "invalid subnet {s:?}: use an IPv4 CIDR from /8 to /30, e.g. 172.30.0.0/24"
                    ))
                })?;
                let s = format!("{net}/{len}");
                if let Some(n) = all.iter().find(|n| overlaps(&n.subnet, &s)) {
                    return Err(RuntimeError::Config(format!(
                        "subnet {s} overlaps network {}'s {}",
                        n.name, n.subnet
                    )));
                }
                if let Some(r) = routes.iter().find(|r| overlaps(r, &s)) {
                    return Err(RuntimeError::Config(format!(
                        "subnet {s} overlaps {r}, which this host already routes"
                    )));
                }
                s
            }
            None => (0..=255u8)
                .map(|n| format!("{}.{}.{n}.0/24", POOL[0], POOL[1]))
                .find(|c| {
                    !all.iter().any(|n| overlaps(&n.subnet, c))
                        && !routes.iter().any(|r| overlaps(r, c))
                })
                .ok_or_else(|| {
                    RuntimeError::Config(
                        "no free subnet is left: remove unused networks (ccr network prune)".into(),
                    )
                })?,
        };
        let (net, _) = parse_cidr(&subnet).expect("checked");
        let gateway = match &spec.gateway {
            Some(g) => {
                let ip: Ipv4Addr = g.parse().map_err(|_| {
                    RuntimeError::Config(format!("invalid gateway {g:?}: use an IPv4 address"))
                })?;
                if !contains(&subnet, ip) {
                    return Err(RuntimeError::Config(format!(
                        "gateway {g} is not in subnet {subnet}"
                    )));
                }
                ip.to_string()
            }
            None => Ipv4Addr::from(u32::from(net) + 1).to_string(),
        };
        let id = super::random_id()?;
        let rec = NetworkRecord {
            name: spec.name.clone(),
            bridge: format!("ccr-{}", &id[..8]),
            id,
            created: chrono::Utc::now().to_rfc3339(),
            driver: "bridge".into(),
            subnet,
            gateway,
            internal: spec.internal,
            labels: spec.labels.clone(),
        };
        make_bridge(&rec)?;
        let path = self.dir().join(format!("{}.json", rec.name));
        std::fs::create_dir_all(self.dir())
            .map_err(super::io_err(&self.dir(), "create directory"))?;
        if let Err(source) = crate::store::write_replace(
            &path,
            &serde_json::to_vec_pretty(&rec).expect("serialises"),
            false,
        ) {
            delete_bridge(&rec.bridge);
            return Err(RuntimeError::State {
                id: rec.name.clone(),
                source,
            });
        }
        super::events::record(
            self.layout,
            "network",
            "create",
            &rec.id,
            &[("name", &rec.name), ("type", "bridge")],
        );
        Ok(rec)
    }

    /// Removes a user network no container is attached to (`in_use`
    /// names those that are); its bridge and allocations go with it.
    pub fn remove(&self, key: &str, in_use: &[String]) -> Result<NetworkRecord, RuntimeError> {
        let rec = self.get(key)?;
        if rec.name == DEFAULT {
            return Err(RuntimeError::Config(
                "bridge is a pre-defined network and cannot be removed".into(),
            ));
        }
        if !in_use.is_empty() {
            return Err(RuntimeError::Config(format!(
                "network {} has active endpoints (containers {})",
                rec.name,
                in_use.join(", ")
            )));
        }
        let _lock = self.lock()?;
        let path = self.dir().join(format!("{}.json", rec.name));
        std::fs::remove_file(&path).map_err(super::io_err(&path, "remove"))?;
        delete_bridge(&rec.bridge);
        let _ = iptables("-D", &masquerade_rule(&rec));
        let _ = std::fs::remove_dir_all(self.layout.cni_ipam().join(rec.cni_name()));
        super::events::record(
            self.layout,
            "network",
            "destroy",
            &rec.id,
            &[("name", &rec.name), ("type", "bridge")],
        );
        Ok(rec)
    }
}

/// The host-wide lock of [`HOST_STATE`].
fn host_lock() -> Result<std::fs::File, RuntimeError> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = Path::new(HOST_STATE);
    // Root's alone, as the data root is: it names containers' addresses.
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(super::io_err(dir, "create directory"))?;
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    let path = dir.join("lock");
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(super::io_err(&path, "open"))?;
    rustix::fs::flock(&f, rustix::fs::FlockOperation::LockExclusive)
        .map_err(|e| super::io_err(&path, "lock")(e.into()))?;
    Ok(f)
}

/// The one masquerading rule of a network (as docker's, per network, not
/// per container): what leaves its subnet through another interface
/// goes out with the host's address.
fn masquerade_rule(net: &NetworkRecord) -> [String; 10] {
    [
        "-t",
        "nat",
        "POSTROUTING",
        "-s",
        &net.subnet,
        "!",
        "-o",
        &net.bridge,
        "-j",
        "MASQUERADE",
    ]
    .map(str::to_string)
}

fn iptables(op: &str, rule: &[String]) -> std::io::Result<bool> {
    // `-t nat OP POSTROUTING ...`
    let mut args: Vec<&str> = vec!["-w", &rule[0], &rule[1], op];
    args.extend(rule[2..].iter().map(String::as_str));
    Ok(Command::new("iptables")
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?
        .success())
}

/// Makes sure the network's masquerading rule is there (an internal
/// network has none).
fn ensure_masquerade(net: &NetworkRecord) -> Result<(), RuntimeError> {
    if net.internal {
        return Ok(());
    }
    let rule = masquerade_rule(net);
    let failed =
        |why: String| RuntimeError::Config(format!("network {}: masquerading: {why}", net.name));
    if iptables("-C", &rule).map_err(|e| failed(format!("cannot run iptables: {e}")))? {
        return Ok(());
    }
    let _lock = host_lock()?;
    if !iptables("-C", &rule).map_err(|e| failed(e.to_string()))?
        && !iptables("-A", &rule).map_err(|e| failed(e.to_string()))?
    {
        return Err(failed("iptables refused the rule".into()));
    }
    Ok(())
}

/// A user network's bridge with its gateway address, up: its subnet is
/// routed from now on, so no other data root takes it.
fn make_bridge(rec: &NetworkRecord) -> Result<(), RuntimeError> {
    let len = parse_cidr(&rec.subnet).expect("checked").1;
    let address = format!("{}/{len}", rec.gateway);
    let steps: [&[&str]; 3] = [
        &["link", "add", "name", &rec.bridge, "type", "bridge"],
        &["addr", "add", &address, "dev", &rec.bridge],
        &["link", "set", &rec.bridge, "up"],
    ];
    for args in steps {
        let out = Command::new("ip")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| RuntimeError::Config(format!("cannot run ip (iproute2): {e}")))?;
        if !out.status.success() {
            delete_bridge(&rec.bridge);
            return Err(RuntimeError::Config(format!(
                "cannot make bridge {} for network {}: ip {}: {}",
                rec.bridge,
                rec.name,
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
    }
    Ok(())
}

fn delete_bridge(name: &str) {
    let _ = Command::new("ip")
        .args(["link", "del", name])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// One network a container asks to be on, with the names it answers to
/// there (beside its name and host name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkAttach {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A container's attachment to one network: its namespace, interface,
/// address and what the plugins returned.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Attachment {
    pub netns: PathBuf,
    pub address: Option<String>,
    pub result: Option<Value>,
    /// The network (empty in states older than user networks: the default).
    #[serde(default)]
    pub network: String,
    #[serde(default)]
    pub ifname: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The network as it was when attached (what detaching needs).
    #[serde(default)]
    pub record: Option<NetworkRecord>,
    /// Masqueraded by the network's one rule (not by the bridge plugin's
    /// per-container chain, as attachments of older states are).
    #[serde(default)]
    pub network_nat: bool,
}

impl Attachment {
    pub fn network_name(&self) -> &str {
        if self.network.is_empty() {
            DEFAULT
        } else {
            &self.network
        }
    }

    pub fn interface(&self) -> &str {
        if self.ifname.is_empty() {
            "eth0"
        } else {
            &self.ifname
        }
    }

    fn net(&self) -> NetworkRecord {
        self.record
            .clone()
            .unwrap_or_else(NetworkRecord::default_bridge)
    }
}

/// Where `host-local` keeps a network's addresses: the default bridge is
/// every data root's, so its address book is the host's.
fn ipam_dir(layout: &Layout, net: &NetworkRecord) -> PathBuf {
    if net.name == DEFAULT {
        Path::new(HOST_STATE).join("ipam")
    } else {
        layout.cni_ipam()
    }
}

/// The plugin chain for `net`; `first` carries the default route, and
/// `publish` (the first network of a container that publishes ports)
/// adds `portmap` (without ports it would do nothing, at the cost of a
/// plugin run on each attach and detach).
/// `masq`: the bridge plugin's own per-container masquerading, which only
/// attachments made before ccr kept one rule per network still have.
fn plugins(
    layout: &Layout,
    net: &NetworkRecord,
    first: bool,
    publish: bool,
    masq: bool,
) -> Vec<Value> {
    let mut bridge = json!({
        "type": "bridge",
        "bridge": net.bridge,
        "isGateway": true,
        "ipMasq": masq && !net.internal,
        "hairpinMode": true,
        "ipam": {
            "type": "host-local",
            "ranges": [[{"subnet": net.subnet, "gateway": net.gateway}]],
            "dataDir": ipam_dir(layout, net),
        },
    });
    // The first network carries the default route; others only their subnet.
    if first && !net.internal {
        bridge["ipam"]["routes"] = json!([{"dst": "0.0.0.0/0"}]);
    } else {
        bridge["isDefaultGateway"] = json!(false);
    }
    let mut out = vec![bridge];
    if first && publish {
        out.push(json!({"type": "portmap", "capabilities": {"portMappings": true}, "snat": true}));
    }
    out
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

fn conf(net: &NetworkRecord, plugin: &Value, prev: Option<&Value>, ports: &[PortMapping]) -> Value {
    let mut c = plugin.clone();
    c["cniVersion"] = json!("1.0.0");
    c["name"] = json!(net.cni_name());
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

/// Creates the container's namespace and attaches it to `networks` (the
/// first gets the default route and the published ports); on failure
/// nothing stays attached.
pub fn attach(
    layout: &Layout,
    id: &str,
    networks: &[(NetworkRecord, Vec<String>)],
    ports: &[PortMapping],
) -> Result<Vec<Attachment>, RuntimeError> {
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
    let lo = json!({"type": "loopback"});
    let mut done: Vec<Attachment> = Vec::new();
    let result = (|| -> Result<(), RuntimeError> {
        invoke(
            "ADD",
            &lo,
            id,
            &netns,
            "lo",
            &conf(&NetworkRecord::default_bridge(), &lo, None, ports),
        )?;
        for (i, (net, aliases)) in networks.iter().enumerate() {
            let ifname = format!("eth{i}");
            let mut prev: Option<Value> = None;
            ensure_masquerade(net)?;
            let mut att = Attachment {
                netns: netns.clone(),
                network: net.name.clone(),
                ifname: ifname.clone(),
                aliases: aliases.clone(),
                record: Some(net.clone()),
                network_nat: true,
                ..Default::default()
            };
            for p in plugins(layout, net, i == 0, !ports.is_empty(), false) {
                let r = invoke(
                    "ADD",
                    &p,
                    id,
                    &netns,
                    &ifname,
                    &conf(net, &p, prev.as_ref(), ports),
                );
                match r {
                    Ok(r) if !r.is_null() => prev = Some(r),
                    Ok(_) => {}
                    Err(e) => {
                        att.result = prev;
                        done.push(att);
                        return Err(e);
                    }
                }
            }
            let result = prev.unwrap_or_default();
            att.address = result["ips"][0]["address"]
                .as_str()
                .map(|a| a.split('/').next().unwrap_or(a).to_string());
            att.result = Some(result);
            done.push(att);
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(done),
        Err(e) => {
            detach(layout, id, &done, ports);
            Err(e)
        }
    }
}

/// Attaches an existing namespace to one more network, as interface
/// `ifname` (`network connect`): its subnet only, no default route.
pub fn attach_more(
    layout: &Layout,
    id: &str,
    netns: &Path,
    net: &NetworkRecord,
    aliases: Vec<String>,
    ifname: &str,
) -> Result<Attachment, RuntimeError> {
    let mut prev: Option<Value> = None;
    ensure_masquerade(net)?;
    let mut att = Attachment {
        netns: netns.to_path_buf(),
        network: net.name.clone(),
        ifname: ifname.to_string(),
        aliases,
        record: Some(net.clone()),
        network_nat: true,
        ..Default::default()
    };
    for p in plugins(layout, net, false, false, false) {
        let r = invoke(
            "ADD",
            &p,
            id,
            netns,
            ifname,
            &conf(net, &p, prev.as_ref(), &[]),
        )?;
        if !r.is_null() {
            prev = Some(r);
        }
    }
    let result = prev.unwrap_or_default();
    att.address = result["ips"][0]["address"]
        .as_str()
        .map(|a| a.split('/').next().unwrap_or(a).to_string());
    att.result = Some(result);
    Ok(att)
}

/// Detaches one non-first attachment (`network disconnect`).
pub fn detach_one(layout: &Layout, id: &str, att: &Attachment) {
    let net = att.net();
    for p in plugins(layout, &net, false, false, !att.network_nat)
        .iter()
        .rev()
    {
        let _ = invoke(
            "DEL",
            p,
            id,
            &att.netns,
            att.interface(),
            &conf(&net, p, att.result.as_ref(), &[]),
        );
    }
}

/// Detaches from every network (releasing the addresses) and removes the
/// namespace.
pub fn detach(layout: &Layout, id: &str, atts: &[Attachment], ports: &[PortMapping]) {
    for (i, att) in atts.iter().enumerate().rev() {
        let net = att.net();
        for p in plugins(layout, &net, i == 0, !ports.is_empty(), !att.network_nat)
            .iter()
            .rev()
        {
            let _ = invoke(
                "DEL",
                p,
                id,
                &att.netns,
                att.interface(),
                &conf(&net, p, att.result.as_ref(), ports),
            );
        }
    }
    if let Some(name) = atts.first().and_then(|a| a.netns.file_name()) {
        let _ = Command::new("ip")
            .arg("netns")
            .arg("del")
            .arg(name)
            .output();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subnets_are_checked_for_overlap() {
        assert_eq!(
            parse_cidr("10.90.3.7/24"),
            Some(("10.90.3.0".parse().unwrap(), 24))
        );
        assert!(parse_cidr("10.0.0.0/33").is_none());
        assert!(parse_cidr("nonsense").is_none());
        assert!(overlaps("10.89.0.0/16", "10.89.4.0/24"));
        assert!(!overlaps("10.89.0.0/16", "10.90.0.0/24"));
        assert!(contains("10.90.1.0/24", "10.90.1.1".parse().unwrap()));
        assert!(!contains("10.90.1.0/24", "10.90.2.1".parse().unwrap()));
        assert!(valid_name("proj_default") && !valid_name("-x") && !valid_name("a b"));
    }

    #[test]
    fn host_routes_are_read() {
        // Whatever this machine routes parses as subnets.
        for r in host_routes() {
            assert!(
                parse_cidr(&r).is_some() || r.ends_with("/32") || r.ends_with("/31"),
                "{r}"
            );
        }
    }

    #[test]
    fn networks_get_their_own_subnet_and_refuse_overlaps() {
        let t = tempfile::tempdir().unwrap();
        let layout = Layout::new(t.path());
        let nets = Networks::new(&layout);
        let a = nets
            .create(&NetworkSpec {
                name: "a".into(),
                ..Default::default()
            })
            .unwrap();
        let b = nets
            .create(&NetworkSpec {
                name: "b".into(),
                ..Default::default()
            })
            .unwrap();
        // A free /24 of the pool each (others may be routed on this host).
        assert!(
            a.subnet.starts_with("10.90.") && a.subnet.ends_with(".0/24"),
            "{}",
            a.subnet
        );
        assert_eq!(a.gateway, a.subnet.replace(".0/24", ".1"));
        assert!(b.subnet.starts_with("10.90.") && b.subnet != a.subnet);
        assert_ne!(a.bridge, b.bridge);
        assert!(
            nets.create(&NetworkSpec {
                name: "a".into(),
                ..Default::default()
            })
            .is_err()
        );
        let clash = NetworkSpec {
            name: "c".into(),
            subnet: Some("10.89.7.0/24".into()),
            ..Default::default()
        };
        assert!(
            nets.create(&clash)
                .unwrap_err()
                .to_string()
                .contains("overlaps network bridge")
        );
        let off = NetworkSpec {
            name: "d".into(),
            subnet: Some("172.30.0.0/24".into()),
            gateway: Some("172.31.0.1".into()),
            ..Default::default()
        };
        assert!(nets.create(&off).is_err());
        assert_eq!(nets.get("b").unwrap(), b);
        assert!(nets.remove("b", &["x".into()]).is_err());
        nets.remove("b", &[]).unwrap();
        assert!(nets.get("b").is_err());
        assert_eq!(
            nets.list()
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>(),
            ["bridge", "a"]
        );
        assert!(nets.remove("bridge", &[]).is_err());
    }
}
