//! The canonical shape of a merged model, as compose-go makes it before
//! it types a project (and as `docker compose config` prints it): every
//! short syntax turned into its long form (ports expanded, volumes parsed,
//! `depends_on` and `networks` as mappings, `environment` and `labels` as
//! mappings, commands split as a shell would), relative paths made
//! absolute, variables named without a value taken from the environment,
//! the implicit `default` network, and resources named
//! `<project>_<key>`. Sizes and durations are printed as compose prints
//! them, and fields holding their zero value are left out.

use std::path::Path as FsPath;

use yaml_serde::{Mapping, Number, Value};

use super::yaml::{scalar_text, to_sequence};
use crate::units;

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {why}")]
pub struct ShapeError {
    pub path: String,
    pub why: String,
}

fn bad(path: &str, why: impl Into<String>) -> ShapeError {
    ShapeError {
        path: path.to_string(),
        why: why.into(),
    }
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn map(pairs: &[(&str, Value)]) -> Mapping {
    pairs.iter().map(|(k, v)| (s(k), v.clone())).collect()
}

/// Short syntax to long form, over the merged model (compose-go's
/// `transform.Canonical` and `SetDefaultValues`).
pub fn long_forms(model: &mut Mapping) -> Result<(), ShapeError> {
    if let Some(Value::Mapping(services)) = model.get_mut("services") {
        for (name, service) in services.iter_mut() {
            let name = scalar_text(name).unwrap_or_default();
            if service.is_null() {
                *service = Value::Mapping(Mapping::new());
            }
            let Value::Mapping(svc) = service else {
                return Err(bad(&format!("services.{name}"), "must be a mapping"));
            };
            service_long_forms(&name, svc)?;
        }
    }
    for kind in ["volumes", "networks", "secrets", "configs"] {
        if let Some(Value::Mapping(resources)) = model.get_mut(kind) {
            for (key, r) in resources.iter_mut() {
                let key = scalar_text(key).unwrap_or_default();
                external(&format!("{kind}.{key}"), r)?;
            }
        }
    }
    Ok(())
}

fn service_long_forms(name: &str, svc: &mut Mapping) -> Result<(), ShapeError> {
    let at = |k: &str| format!("services.{name}.{k}");
    if let Some(b) = svc.get_mut("build") {
        match b {
            Value::String(c) => *b = Value::Mapping(map(&[("context", s(c))])),
            Value::Mapping(m) => {
                if !m.contains_key("context") {
                    m.insert(s("context"), s("."));
                }
                // `labels` and `additional_contexts` as mappings, build
                // secrets in their long form.
                for key in ["labels", "additional_contexts"] {
                    if let Some(Value::Sequence(list)) = m.get(key) {
                        let map: Mapping = list
                            .iter()
                            .filter_map(scalar_text)
                            .map(|e| match e.split_once('=') {
                                Some((k, v)) => (s(k), s(v)),
                                None => (s(&e), s("")),
                            })
                            .collect();
                        m.insert(s(key), Value::Mapping(map));
                    }
                }
                if let Some(Value::Sequence(secrets)) = m.get_mut("secrets") {
                    for e in secrets.iter_mut() {
                        if let Value::String(src) = e {
                            *e = Value::Mapping(map(&[("source", s(src))]));
                        }
                    }
                }
                // `ssh` as a mapping of ids to key files (`default` alone
                // has none).
                if let Some(Value::Sequence(keys)) = m.get("ssh") {
                    let keys: Mapping = keys
                        .iter()
                        .filter_map(scalar_text)
                        .map(|k| match k.split_once('=') {
                            Some((id, path)) => (s(id), s(path)),
                            None => (s(&k), Value::Null),
                        })
                        .collect();
                    m.insert(s("ssh"), Value::Mapping(keys));
                }
            }
            _ => return Err(bad(&at("build"), "invalid type for build")),
        }
    }
    long_depends_on(svc, &at)?;
    // `devices` in their long form: SOURCE[:TARGET[:PERMISSIONS]].
    if let Some(Value::Sequence(devices)) = svc.get_mut("devices") {
        for d in devices.iter_mut() {
            if let Value::String(spec) = d {
                let mut parts = spec.splitn(3, ':');
                let source = parts.next().unwrap_or_default().to_string();
                let target = parts
                    .next()
                    .filter(|t| !t.is_empty())
                    .unwrap_or(&source)
                    .to_string();
                let permissions = parts.next().unwrap_or("rwm").to_string();
                *d = Value::Mapping(map(&[
                    ("source", s(&source)),
                    ("target", s(&target)),
                    ("permissions", s(&permissions)),
                ]));
            }
        }
    }
    long_env_file(svc, &at)?;
    if let Some(n) = svc.get_mut("networks")
        && let Value::Sequence(list) = n
    {
        *n = Value::Mapping(
            list.iter()
                .map(|k| (s(&scalar_text(k).unwrap_or_default()), Value::Null))
                .collect(),
        );
    }
    if let Some(Value::Sequence(vols)) = svc.get_mut("volumes") {
        for v in vols.iter_mut() {
            if let Value::String(spec) = v {
                *v = Value::Mapping(parse_volume(spec).map_err(|w| bad(&at("volumes"), w))?);
            }
        }
    }
    for kind in ["secrets", "configs"] {
        if let Some(Value::Sequence(list)) = svc.get_mut(kind) {
            for v in list.iter_mut() {
                if let Value::String(src) = v {
                    *v = Value::Mapping(map(&[("source", s(src))]));
                }
                if kind == "secrets"
                    && let Value::Mapping(m) = v
                    && !m.contains_key("target")
                {
                    let src = m.get("source").and_then(scalar_text).unwrap_or_default();
                    m.insert(s("target"), s(&format!("/run/secrets/{src}")));
                }
            }
        }
    }
    long_ports(svc, &at)?;
    if let Some(e) = svc.get_mut("extends")
        && let Value::String(service) = e
    {
        *e = Value::Mapping(map(&[("service", s(service))]));
    }
    Ok(())
}

/// `depends_on` as a map of conditions (a list means `service_started`).
fn long_depends_on(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(d) = svc.get_mut("depends_on") {
        let mut out = Mapping::new();
        match std::mem::take(d) {
            Value::Sequence(names) => {
                for n in names {
                    out.insert(n, Value::Mapping(started(None)));
                }
            }
            Value::Mapping(m) => {
                for (k, v) in m {
                    let Value::Mapping(mut e) = v else {
                        return Err(bad(&at("depends_on"), "unsupported value"));
                    };
                    if !e.contains_key("condition") {
                        e.insert(s("condition"), s("service_started"));
                    }
                    if !e.contains_key("required") {
                        e.insert(s("required"), Value::Bool(true));
                    }
                    out.insert(k, Value::Mapping(e));
                }
            }
            _ => return Err(bad(&at("depends_on"), "invalid type for depends_on")),
        }
        *d = Value::Mapping(out);
    }
    Ok(())
}

/// `env_file` as a list of `{path, required}`.
fn long_env_file(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(e) = svc.get_mut("env_file") {
        let entries = match std::mem::take(e) {
            Value::Sequence(v) => v,
            Value::String(p) => vec![Value::String(p)],
            _ => return Err(bad(&at("env_file"), "invalid type for env_file")),
        };
        let mut out = Vec::new();
        for entry in entries {
            out.push(Value::Mapping(match entry {
                Value::String(p) => map(&[("path", s(&p)), ("required", Value::Bool(true))]),
                Value::Mapping(mut m) => {
                    if !m.contains_key("required") {
                        m.insert(s("required"), Value::Bool(true));
                    }
                    m
                }
                _ => return Err(bad(&at("env_file"), "invalid entry")),
            }));
        }
        *e = Value::Sequence(out);
    }
    Ok(())
}

/// `ports` in the long form, a short spec possibly standing for several.
fn long_ports(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(p) = svc.get_mut("ports") {
        let Value::Sequence(entries) = std::mem::take(p) else {
            return Err(bad(&at("ports"), "invalid type for ports"));
        };
        let mut out = Vec::new();
        for e in entries {
            match e {
                Value::Mapping(m) => out.push(Value::Mapping(m)),
                other => {
                    let spec = scalar_text(&other)
                        .ok_or_else(|| bad(&at("ports"), "invalid type for port"))?;
                    out.extend(
                        parse_ports(&spec)
                            .map_err(|w| bad(&at("ports"), w))?
                            .into_iter()
                            .map(Value::Mapping),
                    );
                }
            }
        }
        *p = Value::Sequence(out);
    }
    Ok(())
}

fn started(restart: Option<bool>) -> Mapping {
    let mut m = map(&[
        ("condition", s("service_started")),
        ("required", Value::Bool(true)),
    ]);
    if let Some(r) = restart {
        m.insert(s("restart"), Value::Bool(r));
    }
    m
}

fn external(at: &str, r: &mut Value) -> Result<(), ShapeError> {
    let Value::Mapping(m) = r else {
        return Ok(());
    };
    if let Some(Value::Mapping(ext)) = m.get("external").cloned() {
        m.insert(s("external"), Value::Bool(true));
        if let Some(extname) = ext.get("name") {
            match m.get("name") {
                Some(n) if n != extname => {
                    return Err(bad(at, "name and external.name conflict; only use name"));
                }
                Some(_) => {}
                None => {
                    m.insert(s("name"), extname.clone());
                }
            }
        }
    }
    Ok(())
}

/// A volume's short syntax, `[SOURCE:]TARGET[:OPTIONS]`, in long form.
pub fn parse_volume(spec: &str) -> Result<Mapping, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (source, target, options) = match parts.as_slice() {
        [t] => (None, *t, None),
        [src, t] => (Some(*src), *t, None),
        [src, t, o] => (Some(*src), *t, Some(*o)),
        _ => return Err(format!("invalid spec: {spec}: too many colons")),
    };
    if target.is_empty() {
        return Err(format!(
            "invalid spec: {spec}: empty section between colons"
        ));
    }
    let bind = source
        .is_some_and(|src| src.starts_with('.') || src.starts_with('/') || src.starts_with('~'));
    let mut m = Mapping::new();
    m.insert(s("type"), s(if bind { "bind" } else { "volume" }));
    if let Some(src) = source.filter(|x| !x.is_empty()) {
        m.insert(s("source"), s(src));
    }
    m.insert(s("target"), s(&clean(target)));
    let mut read_only = false;
    let mut bind_opts = Mapping::new();
    let mut volume_opts = Mapping::new();
    for o in options
        .unwrap_or_default()
        .split(',')
        .filter(|o| !o.is_empty())
    {
        match o {
            "ro" => read_only = true,
            "rw" => read_only = false,
            "nocopy" => {
                volume_opts.insert(s("nocopy"), Value::Bool(true));
            }
            "z" | "Z" => {
                bind_opts.insert(s("selinux"), s(o));
            }
            "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate" => {
                bind_opts.insert(s("propagation"), s(o));
            }
            "consistent" | "cached" | "delegated" => {
                m.insert(s("consistency"), s(o));
            }
            other => return Err(format!("invalid spec: {spec}: unknown option {other:?}")),
        }
    }
    if read_only {
        m.insert(s("read_only"), Value::Bool(true));
    }
    if bind {
        bind_opts.insert(s("create_host_path"), Value::Bool(true));
        m.insert(s("bind"), Value::Mapping(bind_opts));
    } else {
        m.insert(s("volume"), Value::Mapping(volume_opts));
    }
    Ok(m)
}

/// `path.Clean` for a container path.
fn clean(p: &str) -> String {
    let abs = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !abs {
                    parts.push("..");
                }
            }
            c => parts.push(c),
        }
    }
    let joined = parts.join("/");
    match (abs, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

fn port_range(s: &str) -> Result<(u32, u32), String> {
    let one = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|n| *n <= 65535)
            .ok_or_else(|| format!("invalid port {p:?}"))
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            if b < a {
                return Err(format!("invalid port range {s:?}"));
            }
            Ok((a, b))
        }
        None => {
            let p = one(s)?;
            Ok((p, p))
        }
    }
}

/// A port's short syntax, `[[IP:]PUBLISHED:]TARGET[/PROTOCOL]` with
/// ranges, as the long-form entries it stands for.
pub fn parse_ports(spec: &str) -> Result<Vec<Mapping>, String> {
    let (rest, protocol) = match spec.rsplit_once('/') {
        Some((r, p)) => (r, p),
        None => (spec, "tcp"),
    };
    let (ip, rest) = if let Some(after) = rest.strip_prefix('[') {
        let (ip, r) = after
            .split_once(']')
            .ok_or_else(|| format!("invalid IP address in {spec:?}"))?;
        (Some(ip.to_string()), r.strip_prefix(':').unwrap_or(r))
    } else {
        (None, rest)
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let (ip, published, target) = match (ip, parts.as_slice()) {
        (None, [t]) => (None, "", *t),
        (None, [p, t]) => (None, *p, *t),
        (None, [i, p, t]) => (Some(i.to_string()), *p, *t),
        (Some(i), [p, t]) => (Some(i), *p, *t),
        _ => return Err(format!("invalid port specification {spec:?}")),
    };
    let (t0, t1) = port_range(target)?;
    let host = if published.is_empty() {
        None
    } else {
        Some(port_range(published)?)
    };
    let entry = |t: u32, p: Option<String>| {
        let mut m = Mapping::new();
        m.insert(s("mode"), s("ingress"));
        if let Some(i) = ip.as_ref().filter(|i| !i.is_empty()) {
            m.insert(s("host_ip"), s(i));
        }
        m.insert(s("target"), Value::Number(t.into()));
        if let Some(p) = p {
            m.insert(s("published"), s(&p));
        }
        m.insert(s("protocol"), s(&protocol.to_lowercase()));
        m
    };
    let mut out = Vec::new();
    match host {
        None => {
            for t in t0..=t1 {
                out.push(entry(t, None));
            }
        }
        Some((h0, h1)) if t0 == t1 && h0 != h1 => {
            out.push(entry(t0, Some(format!("{h0}-{h1}"))));
        }
        Some((h0, h1)) => {
            if h1 - h0 != t1 - t0 {
                return Err(format!(
                    "invalid ranges specified for container and host ports: {spec:?}"
                ));
            }
            for (i, t) in (t0..=t1).enumerate() {
                out.push(entry(t, Some((h0 + i as u32).to_string())));
            }
        }
    }
    Ok(out)
}

/// Makes the model's relative paths absolute against `dir` (`~` against
/// `home`): build contexts, env files, bind sources, config and secret
/// files, an `extends` file, local volume binds.
pub fn resolve_paths(model: &mut Mapping, dir: &FsPath, home: Option<&str>) {
    let abs = |p: &str| -> String {
        let p = match (p.strip_prefix('~'), home) {
            (Some(rest), Some(h)) if rest.is_empty() || rest.starts_with('/') => {
                format!("{h}{rest}")
            }
            _ => p.to_string(),
        };
        if p.is_empty() || p.starts_with('/') || is_windows_absolute(&p) {
            p
        } else {
            join(dir, &p)
        }
    };
    if let Some(Value::Mapping(services)) = model.get_mut("services") {
        for (_, svc) in services.iter_mut() {
            let Value::Mapping(svc) = svc else { continue };
            if let Some(Value::Mapping(b)) = svc.get_mut("build") {
                if let Some(Value::String(c)) = b.get_mut("context")
                    && !is_remote_context(c)
                {
                    *c = abs(c);
                }
                // `ssh`'s key files, relative to the project (compose-go).
                if let Some(Value::Mapping(keys)) = b.get_mut("ssh") {
                    for (_, p) in keys.iter_mut() {
                        if let Value::String(p) = p {
                            *p = abs(p);
                        }
                    }
                }
                if let Some(Value::Mapping(ac)) = b.get_mut("additional_contexts") {
                    for (_, c) in ac.iter_mut() {
                        if let Value::String(c) = c
                            && !is_remote_context(c)
                        {
                            *c = abs(c);
                        }
                    }
                }
            }
            if let Some(Value::Sequence(files)) = svc.get_mut("env_file") {
                for f in files {
                    if let Some(Value::String(p)) = f.get_mut("path") {
                        *p = abs(p);
                    }
                }
            }
            if let Some(Value::Sequence(watch)) =
                svc.get_mut("develop").and_then(|d| d.get_mut("watch"))
            {
                for w in watch {
                    if let Some(Value::String(p)) = w.get_mut("path") {
                        *p = abs(p);
                    }
                }
            }
            if let Some(Value::Mapping(e)) = svc.get_mut("extends")
                && let Some(Value::String(f)) = e.get_mut("file")
            {
                *f = abs(f);
            }
            if let Some(Value::Sequence(vols)) = svc.get_mut("volumes") {
                for v in vols {
                    if v.get("type").and_then(Value::as_str) == Some("bind")
                        && let Some(Value::String(src)) = v.get_mut("source")
                    {
                        *src = abs(src);
                    }
                }
            }
        }
    }
    for kind in ["configs", "secrets"] {
        if let Some(Value::Mapping(rs)) = model.get_mut(kind) {
            for (_, r) in rs.iter_mut() {
                if let Some(Value::String(f)) = r.get_mut("file") {
                    *f = abs(f);
                }
            }
        }
    }
    if let Some(Value::Mapping(vols)) = model.get_mut("volumes") {
        for (_, v) in vols.iter_mut() {
            let local = v.get("driver").and_then(Value::as_str) == Some("local");
            if let (true, Some(Value::Mapping(o))) = (local, v.get_mut("driver_opts"))
                && o.get("o").and_then(Value::as_str) == Some("bind")
                && let Some(Value::String(d)) = o.get_mut("device")
            {
                *d = abs(d);
            }
        }
    }
}

/// `C:\dir`, `z:/`, `\\host\share`: absolute for Windows, kept as they
/// are (compose-go does not join them to the project directory).
fn is_windows_absolute(p: &str) -> bool {
    let b = p.as_bytes();
    (b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/'))
        || p.starts_with("\\\\")
}

fn is_remote_context(c: &str) -> bool {
    c.contains("://")
        || [
            "https://",
            "http://",
            "git://",
            "ssh://",
            "github.com/",
            "git@",
        ]
        .iter()
        .any(|p| c.starts_with(p))
}

/// `filepath.Join`: joined and cleaned.
pub fn join(dir: &FsPath, rel: &str) -> String {
    clean(&format!("{}/{rel}", dir.display()))
}

/// compose-go's `Normalize`: the implicit default network (and each
/// service attached to it when it names none), build defaults, values of
/// `environment` and `build.args` taken from `env` when named without one,
/// dependencies implied by `links`, `network_mode: service:` (and ipc,
/// pid, ...) and `volumes_from`, and resources named after their key.
pub fn normalize(model: &mut Mapping, project: &str, env: &dyn Fn(&str) -> Option<String>) {
    let networks = model
        .entry(s("networks"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if networks.is_null() {
        *networks = Value::Mapping(Mapping::new());
    }
    if let Value::Mapping(n) = networks
        && !n.contains_key("default")
    {
        n.insert(s("default"), Value::Null);
    }
    if let Some(Value::Mapping(services)) = model.get_mut("services") {
        for (_, svc) in services.iter_mut() {
            let Value::Mapping(svc) = svc else { continue };
            if !svc.contains_key("networks") && !svc.contains_key("network_mode") {
                svc.insert(
                    s("networks"),
                    Value::Mapping(map(&[("default", Value::Null)])),
                );
            }
            if svc.get("pull_policy").and_then(Value::as_str) == Some("if_not_present") {
                svc.insert(s("pull_policy"), s("missing"));
            }
            if let Some(Value::Mapping(b)) = svc.get_mut("build") {
                if b.get("context").is_none_or(Value::is_null) {
                    b.insert(s("context"), s("."));
                }
                if b.get("dockerfile").is_none_or(Value::is_null)
                    && b.get("dockerfile_inline").is_none_or(Value::is_null)
                {
                    b.insert(s("dockerfile"), s("Dockerfile"));
                }
                if let Some(a) = b.get_mut("args") {
                    // An argument named without a value, and not in the
                    // environment, is left out (compose-go).
                    let mut args = key_values(a, env, true);
                    args.retain(|_, v| !v.is_null());
                    *a = Value::Mapping(args);
                }
                if b.get("args")
                    .and_then(Value::as_mapping)
                    .is_some_and(Mapping::is_empty)
                {
                    b.remove("args");
                }
            }
            if let Some(e) = svc.get_mut("environment") {
                *e = Value::Mapping(key_values(e, env, true));
            }
            implied_dependencies(svc);
        }
    }
    for kind in ["networks", "volumes", "configs", "secrets"] {
        if let Some(Value::Mapping(rs)) = model.get_mut(kind) {
            for (key, r) in rs.iter_mut() {
                let key = scalar_text(key).unwrap_or_default();
                if !r.is_mapping() {
                    *r = Value::Mapping(Mapping::new());
                }
                let Value::Mapping(r) = r else { continue };
                if r.get("name").is_none_or(Value::is_null) {
                    let external = r.get("external").is_some_and(truthy);
                    let name = if external {
                        key
                    } else {
                        format!("{project}_{key}")
                    };
                    r.insert(s("name"), s(&name));
                }
            }
        }
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::String(t) => matches!(t.as_str(), "true" | "True" | "TRUE" | "1" | "t" | "T"),
        _ => false,
    }
}

fn implied_dependencies(svc: &mut Mapping) {
    let mut implied: Vec<(String, bool)> = Vec::new();
    if let Some(Value::Sequence(links)) = svc.get("links") {
        for l in links.iter().filter_map(Value::as_str) {
            let name = l.split(':').next().unwrap_or(l);
            implied.push((name.to_string(), true));
        }
    }
    for ns in ["network_mode", "ipc", "pid", "uts", "cgroup"] {
        if let Some(shared) = svc
            .get(ns)
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("service:"))
        {
            implied.push((shared.to_string(), true));
        }
    }
    if let Some(Value::Sequence(from)) = svc.get("volumes_from") {
        for v in from.iter().filter_map(Value::as_str) {
            if !v.starts_with("container:") {
                implied.push((v.split(':').next().unwrap_or(v).to_string(), false));
            }
        }
    }
    if implied.is_empty() {
        return;
    }
    let deps = svc
        .entry(s("depends_on"))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if let Value::Mapping(d) = deps {
        for (name, restart) in implied {
            if !d.contains_key(name.as_str()) {
                d.insert(s(&name), Value::Mapping(started(Some(restart))));
            }
        }
    }
}

/// A key=value list or mapping as a mapping of strings. Entries given
/// without a value are looked up with `env` when `resolve`, and stay
/// null when it has none.
pub fn key_values(v: &Value, env: &dyn Fn(&str) -> Option<String>, resolve: bool) -> Mapping {
    let lookup = |k: &str| {
        if resolve {
            env(k).map(Value::String).unwrap_or(Value::Null)
        } else {
            Value::Null
        }
    };
    let mut out = Mapping::new();
    match v {
        Value::Mapping(m) => {
            for (k, v) in m {
                let k = scalar_text(k).unwrap_or_default();
                let value = match v {
                    Value::Null => lookup(&k),
                    v => Value::String(scalar_text(v).unwrap_or_default()),
                };
                out.insert(s(&k), value);
            }
        }
        Value::Sequence(list) => {
            for e in list {
                let e = scalar_text(e).unwrap_or_default();
                match e.split_once('=') {
                    Some((k, v)) => out.insert(s(k), s(v)),
                    None => out.insert(s(&e), lookup(&e)),
                };
            }
        }
        _ => {}
    }
    out
}

/// The typed fields of each service in the form compose prints them
/// (compose-go's types marshalled back): see the module comment.
pub fn typed(model: &mut Mapping) -> Result<(), ShapeError> {
    if let Some(Value::Mapping(services)) = model.get_mut("services") {
        for (name, svc) in services.iter_mut() {
            let name = scalar_text(name).unwrap_or_default();
            if let Value::Mapping(svc) = svc {
                typed_service(&name, svc)?;
            }
        }
    }
    for kind in ["networks", "volumes", "configs", "secrets"] {
        if let Some(Value::Mapping(rs)) = model.get_mut(kind) {
            for (_, r) in rs.iter_mut() {
                let Value::Mapping(r) = r else { continue };
                if let Some(l) = r.get("labels").cloned() {
                    r.insert(
                        s("labels"),
                        Value::Mapping(key_values(&l, &|_| None, false)),
                    );
                }
                if r.get("external").is_some_and(|e| !truthy(e)) {
                    r.remove("external");
                } else if r.contains_key("external") {
                    r.insert(s("external"), Value::Bool(true));
                }
                if let Some(Value::Mapping(o)) = r.get_mut("driver_opts") {
                    stringify_values(o);
                }
                for flag in ["internal", "attachable", "enable_ipv6"] {
                    bool_field(r, flag, &format!("{kind}.{flag}"))?;
                }
            }
        }
    }
    Ok(())
}

fn stringify_values(m: &mut Mapping) {
    for (_, v) in m.iter_mut() {
        if let Some(t) = scalar_text(v) {
            *v = Value::String(t);
        }
    }
}

const BOOLS: [&str; 6] = [
    "privileged",
    "read_only",
    "init",
    "stdin_open",
    "tty",
    "oom_kill_disable",
];
const INTS: [&str; 8] = [
    "cpu_shares",
    "pids_limit",
    "scale",
    "cpu_count",
    "cpu_percent",
    "oom_score_adj",
    "cpu_period",
    "cpu_quota",
];
const BYTES: [&str; 4] = ["mem_limit", "memswap_limit", "mem_reservation", "shm_size"];

fn bool_field(m: &mut Mapping, key: &str, at: &str) -> Result<(), ShapeError> {
    let Some(v) = m.get(key) else { return Ok(()) };
    let b = match v {
        Value::Bool(b) => *b,
        Value::String(t) => match t.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "on" | "1" => true,
            "false" | "no" | "n" | "off" | "0" | "" => false,
            _ => return Err(bad(at, format!("{t:?} is not a boolean"))),
        },
        Value::Null => false,
        _ => return Err(bad(at, "must be a boolean")),
    };
    if b {
        m.insert(s(key), Value::Bool(true));
    } else if key == "init" {
        // compose-go keeps an `init: false` given (a pointer there).
        m.insert(s(key), Value::Bool(false));
    } else {
        m.remove(key);
    }
    Ok(())
}

fn int_value(v: &Value, at: &str) -> Result<i64, ShapeError> {
    match v {
        Value::Number(n) if n.as_i64().is_some() => Ok(n.as_i64().unwrap_or_default()),
        Value::String(t) => t
            .trim()
            .parse()
            .map_err(|_| bad(at, format!("{t:?} is not an integer"))),
        _ => Err(bad(at, "must be an integer")),
    }
}

fn int_field(m: &mut Mapping, key: &str, at: &str, drop_zero: bool) -> Result<(), ShapeError> {
    if let Some(v) = m.get(key) {
        let n = int_value(v, at)?;
        if n == 0 && drop_zero {
            m.remove(key);
        } else {
            m.insert(s(key), Value::Number(n.into()));
        }
    }
    Ok(())
}

fn float_field(m: &mut Mapping, key: &str, at: &str) -> Result<(), ShapeError> {
    if let Some(v) = m.get(key) {
        let f = match v {
            Value::Number(n) => n.as_f64().unwrap_or_default(),
            Value::String(t) => t
                .trim()
                .parse::<f64>()
                .map_err(|_| bad(at, format!("{t:?} is not a number")))?,
            _ => return Err(bad(at, "must be a number")),
        };
        if f == 0.0 {
            m.remove(key);
        } else {
            m.insert(s(key), Value::Number(Number::from(f)));
        }
    }
    Ok(())
}

fn bytes_field(m: &mut Mapping, key: &str, at: &str) -> Result<(), ShapeError> {
    if let Some(v) = m.get(key) {
        let n = match v {
            Value::Number(n) => n.as_i64().ok_or_else(|| bad(at, "must be a size"))?,
            Value::String(t) => {
                units::parse_bytes(t).ok_or_else(|| bad(at, format!("invalid size: {t:?}")))?
            }
            _ => return Err(bad(at, "must be a size")),
        };
        if n == 0 {
            m.remove(key);
        } else {
            m.insert(s(key), s(&n.to_string()));
        }
    }
    Ok(())
}

fn duration_field(m: &mut Mapping, key: &str, at: &str) -> Result<(), ShapeError> {
    if let Some(v) = m.get(key) {
        let d = match v {
            Value::String(t) => units::parse_duration(t)
                .ok_or_else(|| bad(at, format!("invalid duration {t:?}")))?,
            Value::Number(n) if n.as_u64().is_some() => {
                std::time::Duration::from_nanos(n.as_u64().unwrap_or_default())
            }
            _ => return Err(bad(at, "must be a duration")),
        };
        m.insert(s(key), s(&units::format_duration(d)));
    }
    Ok(())
}

fn string_list(m: &mut Mapping, key: &str) {
    if let Some(v) = m.get_mut(key) {
        match v {
            Value::Sequence(l) => {
                for e in l.iter_mut() {
                    if let Some(t) = scalar_text(e) {
                        *e = Value::String(t);
                    }
                }
                if l.is_empty() {
                    m.remove(key);
                }
            }
            Value::Null => {
                m.remove(key);
            }
            other => {
                let t = scalar_text(other).unwrap_or_default();
                *other = Value::Sequence(vec![Value::String(t)]);
            }
        }
    }
}

fn command(m: &mut Mapping, key: &str, at: &str) -> Result<(), ShapeError> {
    match m.get(key) {
        Some(Value::String(c)) => {
            let words =
                shell_words::split(c).map_err(|e| bad(at, format!("invalid command: {e}")))?;
            m.insert(
                s(key),
                Value::Sequence(words.into_iter().map(Value::String).collect()),
            );
        }
        Some(Value::Null) => {
            m.remove(key);
        }
        Some(_) => string_list(m, key),
        None => {}
    }
    Ok(())
}

fn typed_service(name: &str, svc: &mut Mapping) -> Result<(), ShapeError> {
    let at = |k: &str| format!("services.{name}.{k}");
    typed_scalars(svc, &at)?;
    key_value_maps(svc);
    extra_hosts(svc, &at)?;
    plain_strings(svc);
    typed_healthcheck(svc, &at)?;
    typed_ports(svc, &at)?;
    typed_mounts(svc, &at)?;
    typed_deploy(svc, &at)?;
    if let Some(Value::Mapping(b)) = svc.get_mut("build") {
        bytes_field(b, "shm_size", &at("build.shm_size"))?;
        // `ssh` written as the list docker compose writes (`default`,
        // `id=path`), which every version reads back.
        if let Some(Value::Mapping(keys)) = b.get("ssh") {
            let list = keys
                .iter()
                .map(|(id, path)| {
                    let id = scalar_text(id).unwrap_or_default();
                    match scalar_text(path) {
                        Some(p) => s(&format!("{id}={p}")),
                        None => s(&id),
                    }
                })
                .collect();
            b.insert(s("ssh"), Value::Sequence(list));
        }
    }
    if let Some(Value::Mapping(deps)) = svc.get_mut("depends_on") {
        for (_, d) in deps.iter_mut() {
            if let Value::Mapping(d) = d
                && d.get("restart") == Some(&Value::Bool(false))
            {
                d.remove("restart");
            }
        }
    }
    // Empty lists are left out, as compose-go's omitempty lists are (an
    // empty command or entrypoint means something: it stays).
    svc.retain(|k, v| {
        !(v.as_sequence().is_some_and(Vec::is_empty)
            && !matches!(k.as_str(), Some("command" | "entrypoint")))
    });
    if let Some(Value::Mapping(l)) = svc.get_mut("logging")
        && let Some(Value::Mapping(o)) = l.get_mut("options")
    {
        stringify_values(o);
    }
    for key in ["environment", "env_file"] {
        if svc
            .get(key)
            .is_some_and(|v| v.as_mapping().is_some_and(Mapping::is_empty))
        {
            svc.remove(key);
        }
    }
    Ok(())
}

/// Booleans, integers, sizes, durations, commands and string lists.
fn typed_scalars(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    for b in BOOLS {
        bool_field(svc, b, &at(b))?;
    }
    for i in INTS {
        int_field(svc, i, &at(i), true)?;
    }
    for b in BYTES {
        bytes_field(svc, b, &at(b))?;
    }
    float_field(svc, "cpus", &at("cpus"))?;
    duration_field(svc, "stop_grace_period", &at("stop_grace_period"))?;
    command(svc, "command", &at("command"))?;
    command(svc, "entrypoint", &at("entrypoint"))?;
    for l in [
        "dns",
        "dns_search",
        "dns_opt",
        "tmpfs",
        "cap_add",
        "cap_drop",
        "security_opt",
        "expose",
        "links",
        "profiles",
        "group_add",
        "volumes_from",
    ] {
        string_list(svc, l);
    }
    Ok(())
}

/// `labels`, `annotations` and `sysctls` as maps (empty values "").
fn key_value_maps(svc: &mut Mapping) {
    for kv in ["labels", "annotations", "sysctls"] {
        if let Some(v) = svc.get(kv).cloned() {
            let mut m = key_values(&v, &|_| None, false);
            for (_, v) in m.iter_mut() {
                if v.is_null() {
                    *v = s("");
                }
            }
            svc.insert(s(kv), Value::Mapping(m));
        }
    }
}

/// `extra_hosts` as sorted `HOST=IP` entries.
fn extra_hosts(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(h) = svc.get("extra_hosts").cloned() {
        let hosts: Vec<String> = match h {
            Value::Mapping(m) => m
                .iter()
                .flat_map(|(k, v)| {
                    let host = scalar_text(k).unwrap_or_default();
                    let addresses: Vec<String> = match v {
                        Value::Sequence(l) => l.iter().filter_map(scalar_text).collect(),
                        other => vec![scalar_text(other).unwrap_or_default()],
                    };
                    addresses.into_iter().map(move |a| format!("{host}={a}"))
                })
                .collect(),
            other => to_sequence(other)
                .iter()
                .filter_map(scalar_text)
                .map(|e| {
                    if e.contains('=') {
                        e
                    } else {
                        e.replacen(':', "=", 1)
                    }
                })
                .collect(),
        };
        // `host=a,b`: one entry per address, as compose-go.
        if hosts
            .iter()
            .any(|e| e.split('=').next().is_none_or(str::is_empty))
        {
            return Err(bad(&at("extra_hosts"), "bad host name ''"));
        }
        let mut hosts: Vec<String> = hosts
            .into_iter()
            .flat_map(|e| match e.split_once('=') {
                Some((host, addrs)) if addrs.contains(',') => addrs
                    .split(',')
                    .map(|a| format!("{host}={}", a.trim()))
                    .collect::<Vec<_>>(),
                _ => vec![e],
            })
            .collect();
        hosts.sort();
        svc.insert(
            s("extra_hosts"),
            Value::Sequence(hosts.into_iter().map(Value::String).collect()),
        );
    }
    Ok(())
}

/// Keys that are plain strings; an empty one is left out.
fn plain_strings(svc: &mut Mapping) {
    for key in [
        "user",
        "working_dir",
        "hostname",
        "domainname",
        "platform",
        "restart",
        "container_name",
        "cgroup",
        "cgroup_parent",
        "cpuset",
        "ipc",
        "isolation",
        "mac_address",
        "runtime",
        "stop_signal",
        "userns_mode",
        "uts",
        "pull_policy",
    ] {
        if let Some(v) = svc.get(key) {
            match scalar_text(v) {
                Some(t) if !t.is_empty() => {
                    svc.insert(s(key), s(&t));
                }
                _ => {
                    svc.remove(key);
                }
            }
        }
    }
}

/// `healthcheck`: a string test is `CMD-SHELL`; durations and counts typed.
fn typed_healthcheck(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(Value::Mapping(h)) = svc.get_mut("healthcheck") {
        let here = at("healthcheck");
        if let Some(Value::String(t)) = h.get("test").cloned() {
            h.insert(s("test"), Value::Sequence(vec![s("CMD-SHELL"), s(&t)]));
        }
        for d in ["interval", "timeout", "start_period", "start_interval"] {
            duration_field(h, d, &format!("{here}.{d}"))?;
        }
        int_field(h, "retries", &format!("{here}.retries"), false)?;
        bool_field(h, "disable", &format!("{here}.disable"))?;
    }
    Ok(())
}

/// Long-form ports with compose's defaults (ingress, tcp).
fn typed_ports(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(Value::Sequence(ports)) = svc.get_mut("ports") {
        for p in ports.iter_mut() {
            let Value::Mapping(p) = p else { continue };
            if !p.contains_key("mode") {
                p.insert(s("mode"), s("ingress"));
            }
            if !p.contains_key("protocol") {
                p.insert(s("protocol"), s("tcp"));
            }
            int_field(p, "target", &at("ports.target"), false)?;
            if let Some(v) = p.get("published").and_then(scalar_text) {
                p.insert(s("published"), s(&v));
            }
        }
    }
    Ok(())
}

/// Volumes' flags and tmpfs options; secrets' and configs' modes and ids.
fn typed_mounts(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(Value::Sequence(vols)) = svc.get_mut("volumes") {
        for v in vols.iter_mut() {
            let Value::Mapping(v) = v else { continue };
            bool_field(v, "read_only", &at("volumes.read_only"))?;
            if let Some(Value::Mapping(t)) = v.get_mut("tmpfs") {
                bytes_field(t, "size", &at("volumes.tmpfs.size"))?;
                if let Some(m) = t.get("mode").cloned() {
                    t.insert(
                        s("mode"),
                        Value::Number(file_mode(&m, &at("volumes.tmpfs.mode"))?.into()),
                    );
                }
            }
        }
    }
    for kind in ["secrets", "configs"] {
        if let Some(Value::Sequence(list)) = svc.get_mut(kind) {
            for e in list.iter_mut() {
                let Value::Mapping(e) = e else { continue };
                if let Some(m) = e.get("mode").cloned() {
                    e.insert(s("mode"), Value::Number(file_mode(&m, &at(kind))?.into()));
                }
                for id in ["uid", "gid"] {
                    if let Some(v) = e.get(id).and_then(scalar_text) {
                        e.insert(s(id), s(&v));
                    }
                }
            }
        }
    }
    Ok(())
}

/// `deploy`: replicas, resources, restart, update and rollback settings.
/// Device requests' counts (`deploy...devices`, `gpus`): a number, `all`
/// being -1, as is a request that names neither a count nor ids.
fn device_counts(devices: &mut Value) {
    let Value::Sequence(devices) = devices else {
        return;
    };
    for d in devices.iter_mut().filter_map(Value::as_mapping_mut) {
        let count = match d.get("count") {
            Some(Value::String(c)) if c.eq_ignore_ascii_case("all") => Some(-1),
            Some(Value::String(c)) => c.parse::<i64>().ok(),
            Some(Value::Number(n)) => n.as_i64(),
            _ if !d.contains_key("device_ids") => Some(-1),
            _ => None,
        };
        if let Some(c) = count {
            d.insert(s("count"), Value::Number(c.into()));
        }
    }
}

fn typed_deploy(svc: &mut Mapping, at: &dyn Fn(&str) -> String) -> Result<(), ShapeError> {
    if let Some(gpus) = svc.get_mut("gpus") {
        device_counts(gpus);
    }
    if let Some(Value::Mapping(d)) = svc.get_mut("deploy") {
        int_field(d, "replicas", &at("deploy.replicas"), false)?;
        if let Some(Value::Mapping(r)) = d.get_mut("resources") {
            for part in ["limits", "reservations"] {
                if let Some(Value::Mapping(l)) = r.get_mut(part) {
                    float_field(l, "cpus", &at("deploy.resources.cpus"))?;
                    bytes_field(l, "memory", &at("deploy.resources.memory"))?;
                    int_field(l, "pids", &at("deploy.resources.pids"), true)?;
                    if let Some(devices) = l.get_mut("devices") {
                        device_counts(devices);
                    }
                }
            }
        }
        if let Some(Value::Mapping(r)) = d.get_mut("restart_policy") {
            duration_field(r, "delay", &at("deploy.restart_policy.delay"))?;
            duration_field(r, "window", &at("deploy.restart_policy.window"))?;
            int_field(
                r,
                "max_attempts",
                &at("deploy.restart_policy.max_attempts"),
                false,
            )?;
        }
        for u in ["update_config", "rollback_config"] {
            if let Some(Value::Mapping(c)) = d.get_mut(u) {
                for k in ["delay", "monitor"] {
                    duration_field(c, k, &at(&format!("deploy.{u}.{k}")))?;
                }
            }
        }
    }
    Ok(())
}

/// A file mode: a number, or a string in octal (`"0440"`).
fn file_mode(v: &Value, at: &str) -> Result<i64, ShapeError> {
    match v {
        Value::Number(n) => n.as_i64().ok_or_else(|| bad(at, "invalid mode")),
        Value::String(t) => {
            let digits = t.trim_start_matches("0o");
            i64::from_str_radix(digits, 8).map_err(|_| bad(at, format!("invalid mode {t:?}")))
        }
        _ => Err(bad(at, "invalid mode")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ports_expand_like_compose() {
        let p = parse_ports("9090-9091:8080-8081").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1]["published"], s("9091"));
        assert_eq!(p[1]["target"], Value::from(8081));
        let v6 = parse_ports("[::1]:6061:6061/udp").unwrap();
        assert_eq!(v6[0]["host_ip"], s("::1"));
        assert_eq!(v6[0]["protocol"], s("udp"));
        assert_eq!(
            parse_ports("127.0.0.1::5000").unwrap()[0].get("published"),
            None
        );
        assert!(parse_ports("1-2:3-5").is_err());
        assert!(parse_ports("a:b:c:d").is_err());
    }

    #[test]
    fn short_volumes_are_bind_or_named() {
        let b = parse_volume("./a:/b/../c:ro,z").unwrap();
        assert_eq!(b["type"], s("bind"));
        assert_eq!(b["target"], s("/c"));
        assert_eq!(b["read_only"], Value::Bool(true));
        assert_eq!(b["bind"]["selinux"], s("z"));
        let n = parse_volume("data:/d:nocopy").unwrap();
        assert_eq!(n["type"], s("volume"));
        assert_eq!(n["volume"]["nocopy"], Value::Bool(true));
        let anon = parse_volume("/anon").unwrap();
        assert_eq!(anon.get("source"), None);
        assert!(parse_volume("a:b:c:d").is_err());
        assert!(parse_volume("a:/b:bogus").is_err());
    }
}
