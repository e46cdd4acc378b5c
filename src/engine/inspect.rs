//! `inspect`: docker's JSON views of containers and images; a name is
//! looked up as a container first, then as an image, as docker does.

use serde_json::{Value, json};

use super::Context;
use crate::error::Error;
use crate::runtime::{ContainerState, Runtime, RuntimeError};

/// Go's zero time, which docker shows for what has not happened.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// JSON `null` for an empty list, as Go marshals a nil slice.
fn list_or_null<T: serde::Serialize>(v: &[T]) -> Value {
    if v.is_empty() { Value::Null } else { json!(v) }
}

/// docker's container-inspect shape, for the fields ccr has.
pub fn container_view(rt: &Runtime, c: &ContainerState, image: Option<&Value>) -> Value {
    let o = &c.options;
    // What the container's process was given: its runtime spec.
    let spec: Value = std::fs::read(rt.container_dir(&c.id).join("config.json"))
        .ok()
        .and_then(|d| serde_json::from_slice(&d).ok())
        .unwrap_or_default();
    json!({
        "Id": c.id,
        "Name": format!("/{}", c.name),
        "Created": c.created,
        "Path": c.command.first().cloned().unwrap_or_default(),
        "Args": c.command.iter().skip(1).collect::<Vec<_>>(),
        "State": state_view(c),
        "Image": c.image_digest,
        "RestartCount": c.restart_count,
        "Config": config_view(c, &spec, image),
        "NetworkSettings": network_settings(c),
        "HostConfig": host_config(o),
        "Mounts": o.volumes.iter().map(|v| match &v.name {
            Some(n) => json!({"Type": "volume", "Name": n, "Source": v.source,
                "Destination": v.target, "Driver": "local", "Mode": "z",
                "RW": !v.read_only, "Propagation": ""}),
            None => json!({"Type": "bind", "Source": v.source,
                "Destination": v.target, "Mode": "", "RW": !v.read_only,
                "Propagation": "rprivate"}),
        }).collect::<Vec<_>>(),
        "LogPath": rt.log_path(&c.id),
        "Platform": "linux",
        "Driver": if c.overlay { "overlayfs" } else { "native" },
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `State`, with the health check's findings.
fn state_view(c: &ContainerState) -> Value {
    let mut state = json!({
        "Status": c.state_name(),
        "Running": c.status.is_running(),
        "Paused": c.paused,
        "Restarting": c.status == crate::runtime::ContainerStatus::Restarting,
        "OOMKilled": false,
        "Dead": c.status == crate::runtime::ContainerStatus::Dead,
        "Pid": c.pid.unwrap_or(0),
        "ExitCode": c.exit_code.unwrap_or(0),
        "Error": "",
        // Go's zero time where there is none, as docker shows it.
        "StartedAt": c.started.clone().unwrap_or_else(|| ZERO_TIME.into()),
        "FinishedAt": c.finished.clone().unwrap_or_else(|| ZERO_TIME.into()),
    });
    if let Some(h) = &c.health {
        state["Health"] = json!({
            "Status": h.status,
            "FailingStreak": h.failing_streak,
            "Log": h.log.iter().map(|p| json!({
                "Start": p.start, "End": p.end, "ExitCode": p.exit_code, "Output": p.output,
            })).collect::<Vec<_>>(),
        });
    }
    state
}

/// `Config`: the process as it was given (`spec`), the image's entrypoint
/// and command where the container has none of its own.
fn config_view(c: &ContainerState, spec: &Value, image: Option<&Value>) -> Value {
    let o = &c.options;
    let image_cfg = image.cloned().unwrap_or_default();
    let (entrypoint, cmd) = match (&o.entrypoint_args, &o.entrypoint) {
        (Some(e), _) => (e.clone(), o.command.clone()),
        (None, Some(e)) if e.is_empty() => (Vec::new(), o.command.clone()),
        (None, Some(e)) => (vec![e.clone()], o.command.clone()),
        (None, None) => (
            strings(&image_cfg["Entrypoint"]),
            if o.command.is_empty() {
                strings(&image_cfg["Cmd"])
            } else {
                o.command.clone()
            },
        ),
    };
    let healthcheck = o.healthcheck.as_ref().map(|h| json!({
        "Test": h.test, "Interval": h.interval_ns, "Timeout": h.timeout_ns,
        "StartPeriod": h.start_period_ns, "StartInterval": h.start_interval_ns, "Retries": h.retries,
    }));
    json!({
        "Hostname": spec["hostname"].as_str().unwrap_or_default(),
        "Image": c.image,
        "Env": config_env(o, &image_cfg),
        "Cmd": cmd,
        "Entrypoint": entrypoint,
        "WorkingDir": o.workdir.clone().unwrap_or_default(),
        "User": o.user.clone().unwrap_or_default(),
        "StopSignal": o.stop_signal.clone().unwrap_or_default(),
        "Tty": o.tty,
        "OpenStdin": o.interactive,
        "Labels": o.labels,
        "Healthcheck": healthcheck,
    })
}

/// `Config.Env` as docker keeps it: what was given (`-e`, `--env-file`),
/// then the image's variables not given again; not what the runtime adds
/// to the process (HOSTNAME, HOME).
fn config_env(o: &crate::runtime::ContainerConfig, image_cfg: &Value) -> Vec<String> {
    let key = |kv: &str| kv.split_once('=').map_or(kv, |(k, _)| k).to_string();
    let mut out: Vec<String> = o.env.clone();
    for e in strings(&image_cfg["Env"]) {
        if !out.iter().any(|g| key(g) == key(&e)) {
            out.push(e);
        }
    }
    out
}

/// `NetworkSettings`: the first network's address, published ports, and
/// each attachment.
fn network_settings(c: &ContainerState) -> Value {
    let networks: serde_json::Map<String, Value> = c
        .attachments()
        .iter()
        .map(|a| {
            let rec = a
                .record
                .clone()
                .unwrap_or_else(crate::runtime::network::NetworkRecord::default_bridge);
            let prefix: u32 = rec
                .subnet
                .split('/')
                .nth(1)
                .and_then(|p| p.parse().ok())
                .unwrap_or(16);
            (
                a.network_name().to_string(),
                json!({
                    "Aliases": a.aliases,
                    "NetworkID": rec.id,
                    "Gateway": rec.gateway,
                    "IPAddress": a.address.clone().unwrap_or_default(),
                    "IPPrefixLen": prefix,
                    "MacAddress": "",
                }),
            )
        })
        .collect();
    let ports: serde_json::Map<String, Value> = c
        .options
        .ports
        .iter()
        .map(|p| {
            (
                format!("{}/{}", p.container_port, p.protocol),
                json!([{"HostIp": p.host_ip.clone().unwrap_or_else(|| "0.0.0.0".into()), "HostPort": p.host_port.to_string()}]),
            )
        })
        .collect();
    let first = c.attachment.as_ref();
    let first_net = networks.values().next();
    json!({
        "IPAddress": first.and_then(|a| a.address.clone()).unwrap_or_default(),
        "Gateway": first_net.and_then(|n| n["Gateway"].as_str()).unwrap_or_default(),
        "IPPrefixLen": first_net.map(|n| n["IPPrefixLen"].clone()).unwrap_or(json!(0)),
        "MacAddress": "",
        "SandboxKey": first.map(|a| a.netns.display().to_string()).unwrap_or_default(),
        "Ports": ports,
        "Networks": networks,
    })
}

/// `HostConfig`: binds, port bindings, network mode, restart policy,
/// limits and privileges.
fn host_config(o: &crate::runtime::ContainerConfig) -> Value {
    let binds: Vec<String> = o
        .volumes
        .iter()
        .map(|v| {
            let src = v
                .name
                .clone()
                .unwrap_or_else(|| v.source.display().to_string());
            format!("{src}:{}{}", v.target, if v.read_only { ":ro" } else { "" })
        })
        .collect();
    json!({
        "Binds": binds,
        "PortBindings": o.ports.iter().fold(serde_json::Map::new(), |mut m, p| {
            let key = format!("{}/{}", p.container_port, p.protocol);
            let entry = m.entry(key).or_insert_with(|| json!([]));
            if let Some(list) = entry.as_array_mut() {
                list.push(json!({"HostIp": p.host_ip.clone().unwrap_or_default(), "HostPort": p.host_port.to_string()}));
            }
            m
        }),
        "NetworkMode": match o.network {
            crate::runtime::Network::Bridge => o.networks.first().map(|n| n.name.clone()).unwrap_or_else(|| "bridge".into()),
            crate::runtime::Network::Container => format!("container:{}", o.network_container.clone().unwrap_or_default()),
            crate::runtime::Network::None => "none".into(),
            crate::runtime::Network::Host => "host".into(),
        },
        "RestartPolicy": {"Name": o.restart.docker_name(), "MaximumRetryCount": o.restart.max_retries},
        "LogConfig": {"Type": "json-file", "Config": if o.log.max_size == 0 {
            serde_json::json!({})
        } else {
            serde_json::json!({"max-size": o.log.max_size.to_string(), "max-file": o.log.max_file.to_string()})
        }},
        // docker's default /dev/shm is 64 MiB.
        "ShmSize": if o.resources.shm_size > 0 { o.resources.shm_size } else { 64 << 20 },
        "Memory": o.resources.memory,
        "NanoCpus": (o.resources.cpus * 1e9) as i64,
        "PidsLimit": o.resources.pids_limit,
        "CapAdd": list_or_null(&o.cap_add),
        "GroupAdd": list_or_null(&o.group_add),
        "CapDrop": list_or_null(&o.cap_drop),
        "Privileged": o.privileged,
        "ExtraHosts": o.extra_hosts.iter().map(|(h, ip)| format!("{h}:{ip}")).collect::<Vec<_>>(),
        "Dns": o.dns,
        "ReadonlyRootfs": o.read_only,
        "AutoRemove": o.remove,
        "Tmpfs": o.tmpfs.iter()
            .map(|t| (t.target.clone(), t.options.join(",")))
            .collect::<std::collections::BTreeMap<_, _>>(),
    })
}

/// What `inspect --type` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A container first, then an image (docker's default).
    Any,
    Container,
    Image,
}

/// Containers first, then images (or only the kind asked for): each
/// name's view, or why there is none (docker shows the ones it found and
/// fails for the rest).
pub fn inspect(
    ctx: &Context,
    names: &[String],
    kind: Kind,
    size: bool,
) -> Vec<Result<Value, Error>> {
    let rt = Runtime::new(&ctx.layout);
    names
        .iter()
        .map(|n| {
            if kind == Kind::Image {
                return image_view(ctx, n);
            }
            match rt.find(n) {
                Ok(c) => {
                    let image = ctx
                        .images
                        .lookup_one(&c.image)
                        .ok()
                        .and_then(|rec| ctx.images.resolve_platform(&rec, None).ok())
                        .and_then(|img| img.config.config.clone());
                    let mut view = container_view(&rt, &c, image.as_ref());
                    if size {
                        // `-s`: the writable layer, and it with the image.
                        let rw = rt.writable_size(&c.id);
                        let image_size = image_view(ctx, &c.image)
                            .ok()
                            .and_then(|v| v["Size"].as_u64())
                            .unwrap_or(0);
                        view["SizeRw"] = rw.into();
                        view["SizeRootFs"] = (rw + image_size).into();
                    }
                    Ok(view)
                }
                Err(RuntimeError::NoSuchContainer(_)) if kind == Kind::Any => image_view(ctx, n),
                Err(RuntimeError::NoSuchContainer(n)) => Err(Error::NoSuchObject(n)),
                Err(e) => Err(e.into()),
            }
        })
        .collect()
}

/// docker's image-inspect shape; a name that is neither is no such object.
fn image_view(ctx: &Context, name: &str) -> Result<Value, Error> {
    ctx.images.inspect(name, None).map_err(|e| match e {
        crate::image::ImageError::NoSuchImage(_) => Error::NoSuchObject(name.to_string()),
        other => other.into(),
    })
}
