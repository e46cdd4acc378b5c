//! `inspect`: docker's JSON views of containers and images; a name is
//! looked up as a container first, then as an image, as docker does.

use serde_json::{Value, json};

use super::Context;
use crate::error::Error;
use crate::runtime::{ContainerState, Runtime, RuntimeError};

/// docker's container-inspect shape, for the fields ccr has.
pub fn container_view(rt: &Runtime, c: &ContainerState) -> Value {
    let o = &c.options;
    json!({
        "Id": c.id,
        "Name": format!("/{}", c.name),
        "Created": c.created,
        "Path": c.command.first().cloned().unwrap_or_default(),
        "Args": c.command.iter().skip(1).collect::<Vec<_>>(),
        "State": {
            "Status": c.status,
            "Running": c.status.is_running(),
            "Pid": c.pid.unwrap_or(0),
            "ExitCode": c.exit_code.unwrap_or(0),
            "StartedAt": c.started.clone().unwrap_or_default(),
            "FinishedAt": c.finished.clone().unwrap_or_default(),
        },
        "Image": c.image_digest,
        "Config": {
            "Image": c.image,
            "Env": o.env,
            "WorkingDir": o.workdir,
            "User": o.user,
            "StopSignal": o.stop_signal,
        },
        "HostConfig": {
            "NetworkMode": o.network,
            "ReadonlyRootfs": o.read_only,
            "AutoRemove": o.remove,
            "Tmpfs": o.tmpfs.iter()
                .map(|t| (t.target.clone(), t.options.join(",")))
                .collect::<std::collections::BTreeMap<_, _>>(),
        },
        "Mounts": o.volumes.iter().map(|v| match &v.name {
            Some(n) => json!({"Type": "volume", "Name": n, "Source": v.source,
                "Destination": v.target, "Driver": "local", "RW": !v.read_only}),
            None => json!({"Type": "bind", "Source": v.source,
                "Destination": v.target, "RW": !v.read_only}),
        }).collect::<Vec<_>>(),
        "LogPath": rt.log_path(&c.id),
    })
}

/// Containers first, then images.
pub fn inspect(ctx: &Context, names: &[String]) -> Result<Vec<Value>, Error> {
    let rt = Runtime::new(&ctx.layout);
    names
        .iter()
        .map(|n| match rt.find(n) {
            Ok(c) => Ok(container_view(&rt, &c)),
            Err(RuntimeError::NoSuchContainer(_)) => image_view(ctx, n),
            Err(e) => Err(e.into()),
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
