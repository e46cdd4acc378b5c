//! A service's keys as the run options of one of its containers: what
//! `docker run` flag each compose key stands for.

use std::path::PathBuf;

use crate::compose::model::Healthcheck;
use crate::compose::{ComposeError, ProjectModel, ServiceModel};
use crate::runtime::network::{NetworkAttach, PortMapping};
use crate::runtime::{
    ContainerConfig, HealthConfig, Network, Resources, RestartPolicy, RunOptions, Tmpfs, Volume,
};

fn invalid(svc: &ServiceModel, why: String) -> ComposeError {
    ComposeError::Invalid(format!("service {}: {why}", svc.name))
}

/// A setting of `svc` refused by what runs it; its error kept as the cause.
fn refused(
    svc: &ServiceModel,
    what: &'static str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> ComposeError {
    ComposeError::Setting {
        service: svc.name.clone(),
        what,
        source: Box::new(e),
    }
}

/// `logging:` (driver and options), as `--log-driver`/`--log-opt`.
fn logging(svc: &ServiceModel) -> Result<crate::runtime::LogConfig, ComposeError> {
    let Some(l) = &svc.service.logging else {
        return Ok(crate::runtime::LogConfig::default());
    };
    let opts: Vec<(String, String)> = l
        .options
        .iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.to_string()))
        .collect();
    super::super::container::log_config(l.driver.as_deref(), &opts)
        .map_err(|e| invalid(svc, format!("logging: {e}")))
}

fn ns(svc: &ServiceModel, v: &Option<String>) -> Result<u64, ComposeError> {
    match v {
        None => Ok(0),
        Some(t) => crate::units::parse_duration(t)
            .map(|d| d.as_nanos() as u64)
            .ok_or_else(|| invalid(svc, format!("invalid duration {t:?}"))),
    }
}

fn health(svc: &ServiceModel, h: &Healthcheck) -> Result<HealthConfig, ComposeError> {
    if h.disable {
        return Ok(HealthConfig {
            test: vec!["NONE".into()],
            ..Default::default()
        });
    }
    Ok(HealthConfig {
        test: h.test.clone(),
        interval_ns: ns(svc, &h.interval)?,
        timeout_ns: ns(svc, &h.timeout)?,
        start_period_ns: ns(svc, &h.start_period)?,
        start_interval_ns: ns(svc, &h.start_interval)?,
        retries: h.retries.unwrap_or(0),
    })
}

fn restart(svc: &ServiceModel) -> Result<RestartPolicy, ComposeError> {
    if let Some(r) = &svc.service.restart {
        return RestartPolicy::parse(r).map_err(|e| refused(svc, "", e));
    }
    Ok(match &svc.deploy.restart_policy {
        Some(p) => match p.condition.as_deref().unwrap_or("any") {
            "none" => RestartPolicy::default(),
            "on-failure" => RestartPolicy {
                name: "on-failure".into(),
                max_retries: p.max_attempts.unwrap_or(0),
            },
            _ => RestartPolicy {
                name: "always".into(),
                max_retries: 0,
            },
        },
        None => RestartPolicy::default(),
    })
}

fn bytes(svc: &ServiceModel, v: Option<&str>) -> Result<i64, ComposeError> {
    match v {
        None => Ok(0),
        Some(t) => {
            crate::units::parse_bytes(t).ok_or_else(|| invalid(svc, format!("invalid size {t:?}")))
        }
    }
}

fn resources(svc: &ServiceModel) -> Result<Resources, ComposeError> {
    let limits = svc
        .deploy
        .resources
        .as_ref()
        .and_then(|r| r.limits.clone())
        .unwrap_or_default();
    Ok(Resources {
        memory: match svc.service.mem_limit.as_deref() {
            Some(m) => bytes(svc, Some(m))?,
            None => bytes(svc, limits.memory.as_deref())?,
        },
        cpus: svc.cpus.or(limits.cpus).unwrap_or(0.0),
        pids_limit: svc.pids_limit.or(limits.pids).unwrap_or(0),
        shm_size: bytes(svc, svc.service.shm_size.as_deref())?,
    })
}

fn ports(svc: &ServiceModel) -> Result<Vec<PortMapping>, ComposeError> {
    let mut out = Vec::new();
    for p in &svc.ports {
        let published = match p.published.as_deref() {
            // No published side: the runtime gives it a free host port,
            // as docker does.
            None | Some("") => vec![0],
            Some(range) => match range.split_once('-') {
                Some((a, b)) => {
                    // A range for one target: the first free port of it.
                    let (a, b): (u16, u16) = (
                        a.parse()
                            .map_err(|_| invalid(svc, format!("invalid port {range}")))?,
                        b.parse()
                            .map_err(|_| invalid(svc, format!("invalid port {range}")))?,
                    );
                    let free = (a..=b)
                        .find(|port| std::net::TcpListener::bind(("0.0.0.0", *port)).is_ok());
                    vec![free.ok_or_else(|| invalid(svc, format!("no free port in {range}")))?]
                }
                None => vec![
                    range
                        .parse()
                        .map_err(|_| invalid(svc, format!("invalid port {range}")))?,
                ],
            },
        };
        for host_port in published {
            out.push(PortMapping {
                host_ip: p.host_ip.clone(),
                host_port,
                container_port: p.target,
                protocol: p.protocol.clone(),
            });
        }
    }
    Ok(out)
}

/// Mounts: binds, the project's named volumes, anonymous volumes, tmpfs.
fn mounts(
    model: &ProjectModel,
    svc: &ServiceModel,
) -> Result<(Vec<Volume>, Vec<Tmpfs>), ComposeError> {
    let mut volumes = Vec::new();
    let mut tmpfs = Vec::new();
    for m in &svc.volumes {
        match m.kind.as_str() {
            "bind" => volumes.push(Volume::bind(
                PathBuf::from(m.source.clone().unwrap_or_default()),
                &m.target,
                m.read_only,
            )),
            "volume" => {
                let name = match &m.source {
                    Some(key) => model
                        .volumes
                        .get(key)
                        .map(|v| v.name.clone())
                        .ok_or_else(|| invalid(svc, format!("undefined volume {key}")))?,
                    // Anonymous: a volume of its own, named as docker names them.
                    None => {
                        let mut b = [0u8; 32];
                        rustix::rand::getrandom(&mut b, rustix::rand::GetRandomFlags::empty())
                            .map_err(|e| ComposeError::Invalid(format!("no randomness: {e}")))?;
                        hex::encode(b)
                    }
                };
                volumes.push(Volume {
                    source: PathBuf::new(),
                    target: m.target.clone(),
                    read_only: m.read_only,
                    anonymous: m.source.is_none(),
                    name: Some(name),
                });
            }
            "tmpfs" => {
                let mut spec = m.target.clone();
                let mut opts = Vec::new();
                if let Some(size) = m.tmpfs.as_ref().and_then(|t| t.size.clone()) {
                    opts.push(format!("size={size}"));
                }
                if let Some(mode) = m.tmpfs.as_ref().and_then(|t| t.mode) {
                    opts.push(format!("mode={mode:o}"));
                }
                if !opts.is_empty() {
                    spec = format!("{spec}:{}", opts.join(","));
                }
                tmpfs.push(Tmpfs::parse(&spec).map_err(|e| refused(svc, "", e))?);
            }
            other => {
                return Err(invalid(
                    svc,
                    format!("volume type {other} is not supported"),
                ));
            }
        }
    }
    for t in match &svc.service.tmpfs {
        Some(docker_compose_types::Tmpfs::Simple(s)) => vec![s.clone()],
        Some(docker_compose_types::Tmpfs::List(l)) => l.clone(),
        None => Vec::new(),
    } {
        tmpfs.push(Tmpfs::parse(&t).map_err(|e| refused(svc, "", e))?);
    }
    Ok((volumes, tmpfs))
}

/// Secrets and configs: their files, mounted read-only where the service
/// asks (secrets under /run/secrets by default, configs at /<name>).
/// Inline and environment-sourced ones are written under `scratch`.
fn file_mounts(
    model: &ProjectModel,
    svc: &ServiceModel,
    scratch: &std::path::Path,
) -> Result<Vec<Volume>, ComposeError> {
    let mut out = Vec::new();
    for (kind, list, defined) in [
        ("secret", &svc.secrets, &model.secrets),
        ("config", &svc.configs, &model.configs),
    ] {
        for m in list {
            let r = defined
                .get(&m.source)
                .ok_or_else(|| invalid(svc, format!("undefined {kind} {}", m.source)))?;
            let target = m.target_path(kind == "secret");
            let source = match &r.file {
                Some(f) => f.clone(),
                None => {
                    let text = r.inline_text().ok_or_else(|| {
                        invalid(
                            svc,
                            format!("{kind} {} has no file, content or environment", m.source),
                        )
                    })?;
                    let path = scratch.join(format!("{kind}-{}", m.source));
                    std::fs::create_dir_all(scratch)
                        .and_then(|()| {
                            crate::private_file::write(
                                &path,
                                text.as_bytes(),
                                m.mode.unwrap_or(0o444),
                                crate::private_file::Existing::Replace,
                            )
                        })
                        .map_err(|source| ComposeError::Host {
                            what: path.display().to_string(),
                            source,
                        })?;
                    path
                }
            };
            out.push(Volume::bind(source, &target, true));
        }
    }
    Ok(out)
}

/// The networks of `svc`'s containers, or its network mode.
fn networking(
    model: &ProjectModel,
    svc: &ServiceModel,
    container_of: &dyn Fn(&str) -> Option<String>,
) -> Result<(Network, Vec<NetworkAttach>, Option<String>), ComposeError> {
    match svc.service.network_mode.as_deref() {
        Some("host") => return Ok((Network::Host, Vec::new(), None)),
        Some("none") => return Ok((Network::None, Vec::new(), None)),
        Some(m) if m.starts_with("service:") => {
            let other = &m["service:".len()..];
            let c = container_of(other).ok_or_else(|| {
                invalid(
                    svc,
                    format!("network_mode {m}: service {other} has no container"),
                )
            })?;
            return Ok((Network::Container, Vec::new(), Some(c)));
        }
        Some(m) if m.starts_with("container:") => {
            return Ok((
                Network::Container,
                Vec::new(),
                Some(m["container:".len()..].to_string()),
            ));
        }
        Some("bridge") | Some("default") | None => {}
        Some(other) => {
            return Err(invalid(
                svc,
                format!("network_mode {other} is not supported"),
            ));
        }
    }
    let mut attach = Vec::new();
    for (key, n) in &svc.networks {
        let net = model
            .networks
            .get(key)
            .ok_or_else(|| invalid(svc, format!("undefined network {key}")))?;
        let mut aliases = vec![svc.name.clone()];
        aliases.extend(n.aliases.iter().cloned());
        attach.push(NetworkAttach {
            name: net.name.clone(),
            aliases,
        });
    }
    Ok((Network::Bridge, attach, None))
}

/// The run options of replica `n` of `svc`, with `labels`.
pub fn run_options(
    model: &ProjectModel,
    svc: &ServiceModel,
    name: String,
    labels: std::collections::BTreeMap<String, String>,
    scratch: &std::path::Path,
    container_of: &dyn Fn(&str) -> Option<String>,
) -> Result<RunOptions, ComposeError> {
    let s = &svc.service;
    let env: Vec<String> = match &s.environment {
        docker_compose_types::Environment::KvPair(m) => m
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
            .collect(),
        docker_compose_types::Environment::List(l) => {
            l.iter().filter(|e| e.contains('=')).cloned().collect()
        }
    };
    let command = match &s.command {
        Some(docker_compose_types::Command::Args(a)) => a.clone(),
        Some(docker_compose_types::Command::Simple(c)) => {
            shell_words::split(c).map_err(|e| invalid(svc, format!("command: {e}")))?
        }
        None => Vec::new(),
    };
    let entrypoint_args = match &s.entrypoint {
        Some(docker_compose_types::Entrypoint::List(a)) => Some(a.clone()),
        Some(docker_compose_types::Entrypoint::Simple(c)) => {
            Some(shell_words::split(c).map_err(|e| invalid(svc, format!("entrypoint: {e}")))?)
        }
        None => None,
    };
    let (mut volumes, tmpfs) = mounts(model, svc)?;
    volumes.extend(file_mounts(model, svc, scratch)?);
    let (network, networks, network_container) = networking(model, svc, container_of)?;
    let extra_hosts = s
        .extra_hosts
        .iter()
        .map(|h| {
            h.split_once('=')
                .or_else(|| h.split_once(':'))
                .map(|(n, ip)| (n.to_string(), ip.to_string()))
                .ok_or_else(|| invalid(svc, format!("invalid extra_hosts entry {h:?}")))
        })
        .collect::<Result<_, _>>()?;
    let config = ContainerConfig {
        env,
        volumes,
        workdir: s.working_dir.clone(),
        user: s.user.clone(),
        entrypoint: None,
        entrypoint_args,
        hostname: s.hostname.clone(),
        read_only: s.read_only,
        network,
        networks,
        network_container,
        command,
        remove: false,
        ports: ports(svc)?,
        stop_signal: s.stop_signal.clone(),
        tmpfs,
        interactive: s.stdin_open,
        tty: s.tty,
        labels,
        healthcheck: svc
            .healthcheck
            .as_ref()
            .map(|h| health(svc, h))
            .transpose()?,
        restart: restart(svc)?,
        resources: resources(svc)?,
        extra_hosts,
        dns: s.dns.clone(),
        dns_search: svc.dns_search.clone(),
        cap_add: s.cap_add.clone(),
        group_add: s
            .group_add
            .iter()
            .map(|g| match g {
                docker_compose_types::Group::Named(n) => n.clone(),
                docker_compose_types::Group::Gid(n) => n.to_string(),
            })
            .collect(),
        cap_drop: s.cap_drop.clone(),
        privileged: s.privileged,
        init: s.init,
        log: logging(svc)?,
        ..Default::default()
    };
    Ok(RunOptions {
        name: Some(name),
        config,
    })
}
