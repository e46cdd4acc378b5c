//! `compose up` (and `create`): every image first (built, or verified
//! then pulled: a service that fails verification starts nothing of the
//! project), then the project's networks and volumes, then each service's
//! containers once its dependencies meet their conditions (started,
//! healthy, completed successfully), independent services in parallel. A
//! container whose configuration is unchanged is left as it is.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::{
    Report, container_name, containers, label, number_of, selected, service_labels, service_of,
};
use crate::compose::{ComposeError, ProjectModel, ServiceModel};
use crate::engine::Context;
use crate::engine::acquire::{Acquire, Acquired, Rollback, acquire};
use crate::engine::container::create_from;
use crate::engine::containers::Containers;
use crate::error::Error;
use crate::image::PullPolicy;
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::runtime::{ContainerState, ContainerStatus, Runtime};
use crate::trust::{Keyless, TrustOptions, TrustPolicy, VerifyMode};

/// When to build a service that has a `build:` section.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BuildWhen {
    /// When its image is not present.
    #[default]
    Missing,
    /// Always (`--build`).
    Always,
    /// Never (`--no-build`): its image must be present.
    Never,
}

/// What `compose up` / `create` are asked for.
#[derive(Clone, Debug, Default)]
pub struct UpOptions {
    pub services: Vec<String>,
    pub build: BuildWhen,
    /// `--pull`: overrides each service's `pull_policy`.
    pub pull: Option<PullPolicy>,
    pub force_recreate: bool,
    pub no_recreate: bool,
    pub remove_orphans: bool,
    /// `--scale SERVICE=N`.
    pub scale: BTreeMap<String, u32>,
    /// `create`: make the containers, start nothing.
    pub no_start: bool,
    /// `--no-deps`: not the services the named ones depend on.
    pub no_deps: bool,
    pub quiet_pull: bool,
    /// Keys for encrypted layers, and the KBS of CVM mode.
    pub keys: crate::engine::keys::KeyRequest,
}

/// The trust policy of `x-nerdctl-verify`, the service's own (the
/// acquisition adds confidential-VM mode's, the KBS's, always).
pub fn service_trust(svc: &ServiceModel) -> Result<Option<Arc<TrustPolicy>>, Error> {
    let Some(v) = &svc.verify else {
        return Ok(None);
    };
    let opts = TrustOptions {
        verify: VerifyMode::Cosign,
        cosign_keys: v.public_key.iter().cloned().collect(),
        keyless: Keyless {
            identity: v.certificate_identity.clone(),
            identity_regexp: v.certificate_identity_regexp.clone(),
            oidc_issuer: v.oidc_issuer.clone(),
            oidc_issuer_regexp: v.oidc_issuer_regexp.clone(),
        },
        policy: None,
    };
    // Its error says which service; the CLI words it in the service's keys.
    let t = TrustPolicy::try_from(&opts).map_err(|e| Error::Service {
        service: svc.name.clone(),
        source: Box::new(e.into()),
    })?;
    Ok((!t.is_empty()).then(|| Arc::new(t)))
}

/// The services to bring up: those asked for and, unless `no_deps`, what
/// they depend on.
fn closure<'a>(
    model: &'a ProjectModel,
    opts: &UpOptions,
) -> Result<Vec<&'a ServiceModel>, ComposeError> {
    let asked = selected(model, &opts.services)?;
    if opts.no_deps {
        return Ok(asked);
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<&ServiceModel> = asked;
    while let Some(s) = todo.pop() {
        if names.insert(s.name.clone()) {
            todo.extend(s.depends_on.keys().filter_map(|d| model.service(d)));
        }
    }
    Ok(model
        .start_order()
        .into_iter()
        .filter(|s| names.contains(&s.name))
        .collect())
}

/// Builds the image of `svc` (its base images verified under its keys).
fn build_service(
    ctx: &Context,
    model: &ProjectModel,
    svc: &ServiceModel,
    trust: Option<Arc<TrustPolicy>>,
    keys: &crate::engine::keys::KeyRequest,
    report: &dyn Report,
) -> Result<(), Error> {
    let b = svc.build.clone().unwrap_or_default();
    let image = svc.image(&model.name);
    report.event("Image", &image, "Building");
    let scratch = ctx.layout.plaintext().join("compose").join(&model.name);
    let dockerfile = match &b.dockerfile_inline {
        Some(text) => {
            std::fs::create_dir_all(&scratch).map_err(|source| Error::Io {
                path: scratch.clone(),
                source,
            })?;
            let p = scratch.join(format!("{}.Dockerfile", svc.name));
            std::fs::write(&p, text).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            Some(p)
        }
        None => b.dockerfile.as_ref().map(|d| {
            let d = std::path::PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                std::path::Path::new(&b.context).join(d)
            }
        }),
    };
    let opts = crate::builder::BuildOptions {
        context: b.context.clone().into(),
        dockerfile,
        tags: vec![ImageRef::parse(&image)?],
        build_args: b
            .args
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect(),
        target: b.target.clone(),
        platform: svc.platform.as_deref().map(str::parse).transpose()?,
        no_cache: false,
        pull: false,
        labels: Vec::new(),
        quiet: true,
        network: crate::runtime::Network::Host,
        keys: crate::engine::keys::keyring(ctx, keys)?,
        secrets: Vec::new(),
    };
    crate::engine::build::build(ctx, &opts, trust, keys)?;
    report.event("Image", &image, "Built");
    Ok(())
}

/// Every service's image, present and (where a service asks) verified:
/// built, or pulled as its pull policy says. Nothing is created before
/// all of them are.
pub fn ensure_images(
    ctx: &Context,
    model: &ProjectModel,
    services: &[&ServiceModel],
    opts: &UpOptions,
    progress: &Progress,
    report: &dyn Report,
) -> Result<BTreeMap<String, Acquired>, Error> {
    let mut out = BTreeMap::new();
    let quiet = Progress::new(true);
    let shown = if opts.quiet_pull { &quiet } else { progress };
    // A service that fails leaves nothing this command pulled for the others.
    let mut rollback = Rollback::new(ctx);
    // One image after another: images of one project often share layers,
    // and two pulls of one blob in one process would wait on each other's
    // ingest lock. Each pull fetches its own blobs in parallel.
    for svc in services {
        let image = svc.image(&model.name);
        if svc.build.is_none() && svc.service.image.is_none() {
            return Err(ComposeError::NoImage {
                service: svc.name.clone(),
            }
            .into());
        }
        let r = ImageRef::parse(&image)?;
        let platform: Option<crate::platform::Platform> =
            svc.platform.as_deref().map(str::parse).transpose()?;
        let trust = service_trust(svc)?;
        if svc.build.is_some() {
            // Built now (its base images verified under its keys), the
            // result is used as made. Not built, it is an image like any
            // other: verified (the registry consulted) when the service asks.
            let present = ctx.images.store.image(&r.store_name())?.is_some();
            let build = match opts.build {
                BuildWhen::Always => true,
                BuildWhen::Missing => !present,
                BuildWhen::Never => false,
            };
            if build {
                build_service(ctx, model, svc, trust, &opts.keys, report)?;
                let rec = ctx.images.store.image(&r.store_name())?.ok_or_else(|| {
                    ComposeError::Invalid(format!(
                        "service {}: the build made no image {image}",
                        svc.name
                    ))
                })?;
                let made = crate::engine::acquire::made(ctx, rec, platform.as_ref(), &opts.keys)?;
                out.insert(svc.name.clone(), made);
                continue;
            }
        }
        let policy = opts.pull.unwrap_or(match svc.service.pull_policy {
            Some(docker_compose_types::PullPolicy::Always) => PullPolicy::Always,
            Some(docker_compose_types::PullPolicy::Never) => PullPolicy::Never,
            _ => PullPolicy::Missing,
        });
        let req = Acquire {
            image,
            by_id: false,
            pull: Some(policy),
            platforms: platform.into_iter().collect(),
            all_platforms: false,
            trust,
            keys: opts.keys.clone(),
            sbom: Default::default(),
            container: true,
            extract: Default::default(),
        };
        out.insert(svc.name.clone(), acquire(ctx, &req, &mut rollback, shown)?);
    }
    rollback.keep();
    // Every image is here with its keys: no network work is left before
    // the containers are made.
    ctx.close_net();
    Ok(out)
}

/// The project's networks and volumes the services use: made when
/// missing (labelled as compose labels them); external ones must exist.
pub fn ensure_resources(
    ctx: &Context,
    model: &ProjectModel,
    services: &[&ServiceModel],
    report: &dyn Report,
) -> Result<(), Error> {
    let rt = Runtime::new(&ctx.layout);
    let used_networks: BTreeSet<&String> =
        services.iter().flat_map(|s| s.networks.keys()).collect();
    for key in used_networks {
        let Some(n) = model.networks.get(key) else {
            continue;
        };
        if rt.networks().get(&n.name).is_ok() {
            continue;
        }
        if n.external {
            return Err(ComposeError::External {
                kind: "network",
                name: n.name.clone(),
            }
            .into());
        }
        let mut labels = n.labels.clone();
        labels.insert(label::PROJECT.into(), model.name.clone());
        labels.insert(label::NETWORK.into(), key.clone());
        labels.insert(label::VERSION.into(), super::VERSION.into());
        rt.networks()
            .create(&crate::runtime::network::NetworkSpec {
                name: n.name.clone(),
                subnet: n.subnet.clone(),
                gateway: None,
                internal: n.internal,
                labels,
            })?;
        report.event("Network", &n.name, "Created");
    }
    let used_volumes: BTreeSet<&String> = services
        .iter()
        .flat_map(|s| s.volumes.iter())
        .filter(|m| m.kind == "volume")
        .filter_map(|m| m.source.as_ref())
        .collect();
    for key in used_volumes {
        let Some(v) = model.volumes.get(key) else {
            continue;
        };
        if rt.volume(&v.name).is_ok() {
            continue;
        }
        if v.external {
            return Err(ComposeError::External {
                kind: "volume",
                name: v.name.clone(),
            }
            .into());
        }
        let mut labels = v.labels.clone();
        labels.insert(label::PROJECT.into(), model.name.clone());
        labels.insert(label::VOLUME.into(), key.clone());
        labels.insert(label::VERSION.into(), super::VERSION.into());
        rt.volume_create(Some(&v.name), labels)?;
        report.event("Volume", &format!("{:?}", v.name), "Created");
    }
    Ok(())
}

/// A service's progress while the project comes up.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Pending,
    Up,
    Failed(String),
}

struct Board {
    state: Mutex<BTreeMap<String, Outcome>>,
    changed: Condvar,
}

impl Board {
    fn set(&self, name: &str, o: Outcome) {
        self.state
            .lock()
            .expect("not poisoned")
            .insert(name.to_string(), o);
        self.changed.notify_all();
    }

    /// Waits until `name` is up or failed.
    fn wait(&self, name: &str) -> Outcome {
        let mut st = self.state.lock().expect("not poisoned");
        loop {
            match st.get(name) {
                Some(Outcome::Pending) => st = self.changed.wait(st).expect("not poisoned"),
                Some(o) => return o.clone(),
                None => return Outcome::Up,
            }
        }
    }
}

/// Waits until every container of `dep` meets `condition`.
fn wait_condition(
    rt: &Runtime,
    model: &ProjectModel,
    dep: &str,
    condition: &str,
    report: &dyn Report,
) -> Result<(), Error> {
    let unmet = |why: String| -> Error { ComposeError::Dependency(why).into() };
    if condition == "service_started" {
        return Ok(());
    }
    let members: Vec<ContainerState> = containers(rt, &model.name)?
        .into_iter()
        .filter(|c| service_of(c) == dep && !super::is_oneoff(c))
        .collect();
    for c in members {
        report.event("Container", &c.name, "Waiting");
        loop {
            let st = rt.find(&c.id)?;
            match condition {
                "service_healthy" => {
                    if st
                        .options
                        .healthcheck
                        .as_ref()
                        .and_then(|h| h.argv())
                        .is_none()
                    {
                        return Err(unmet(format!(
                            "container {} has no healthcheck configured",
                            st.name
                        )));
                    }
                    match (st.status, st.health.as_ref().map(|h| h.status.as_str())) {
                        (ContainerStatus::Running, Some("healthy")) => {
                            report.event("Container", &st.name, "Healthy");
                            break;
                        }
                        (ContainerStatus::Running, Some("unhealthy")) => {
                            return Err(unmet(format!("container {} is unhealthy", st.name)));
                        }
                        (ContainerStatus::Running | ContainerStatus::Restarting, _) => {}
                        (s, _) => return Err(unmet(format!("container {} is {s}", st.name))),
                    }
                }
                "service_completed_successfully" => match st.status {
                    ContainerStatus::Exited | ContainerStatus::Dead | ContainerStatus::Failed => {
                        let code = st.exit_code.unwrap_or(0);
                        if code != 0 {
                            return Err(unmet(format!(
                                "service {dep:?} didn't complete successfully: exit {code}"
                            )));
                        }
                        report.event("Container", &st.name, "Exited");
                        break;
                    }
                    _ => {}
                },
                other => return Err(unmet(format!("unknown depends_on condition {other:?}"))),
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(())
}

/// Brings the project (or the services asked for) up; the containers of
/// the services brought up, created or started.
pub fn up(
    ctx: &Context,
    model: &ProjectModel,
    opts: &UpOptions,
    progress: &Progress,
    report: &dyn Report,
) -> Result<Vec<ContainerState>, Error> {
    let services = closure(model, opts)?;
    for svc in &services {
        replicas(svc, opts)?;
    }
    let images = ensure_images(ctx, model, &services, opts, progress, report)?;
    ensure_resources(ctx, model, &services, report)?;
    let ctrs = Containers::new(ctx);
    let rt = ctrs.runtime();
    orphans(rt, model, opts.remove_orphans, report)?;
    let board = Board {
        state: Mutex::new(
            services
                .iter()
                .map(|s| (s.name.clone(), Outcome::Pending))
                .collect(),
        ),
        changed: Condvar::new(),
    };
    let started: Mutex<Vec<ContainerState>> = Mutex::new(Vec::new());
    // A service's own failure, kept whole (its cause, exit code and hint).
    let failures: Mutex<BTreeMap<String, Error>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for svc in &services {
            let (board, started, images, ctrs, failures) =
                (&board, &started, &images, &ctrs, &failures);
            let rt = ctrs.runtime();
            scope.spawn(move || {
                let outcome = (|| -> Result<Vec<ContainerState>, Error> {
                    for (dep, cond) in &svc.depends_on {
                        match board.wait(dep) {
                            Outcome::Failed(why) if cond.required => {
                                return Err(ComposeError::Dependency(format!(
                                    "service {dep:?}: {why}"
                                ))
                                .into());
                            }
                            Outcome::Failed(_) => continue,
                            _ => {}
                        }
                        if model.service(dep).is_none() || opts.no_start {
                            continue;
                        }
                        if let Err(e) = wait_condition(rt, model, dep, &cond.condition, report)
                            && cond.required
                        {
                            return Err(e);
                        }
                    }
                    converge(ctx, ctrs, model, svc, &images[&svc.name], opts, report)
                })();
                match outcome {
                    Ok(cs) => {
                        started.lock().expect("not poisoned").extend(cs);
                        board.set(&svc.name, Outcome::Up);
                    }
                    Err(e) => {
                        board.set(&svc.name, Outcome::Failed(e.to_string()));
                        failures
                            .lock()
                            .expect("not poisoned")
                            .insert(svc.name.clone(), e);
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("not poisoned");
    // The first failure in start order is the one reported.
    for svc in &services {
        if let Some(e) = failures.remove(&svc.name) {
            return Err(match e {
                // Waiting on a dependency that failed: that is the story.
                e @ Error::Compose(ComposeError::Dependency(_)) => e,
                e => Error::Service {
                    service: svc.name.clone(),
                    source: Box::new(e),
                },
            });
        }
    }
    Ok(started.into_inner().expect("not poisoned"))
}

/// Containers of the project whose service is gone: removed with
/// `--remove-orphans`, else named in a warning.
fn orphans(
    rt: &Runtime,
    model: &ProjectModel,
    remove: bool,
    report: &dyn Report,
) -> Result<(), Error> {
    let gone: Vec<ContainerState> = containers(rt, &model.name)?
        .into_iter()
        .filter(|c| !super::is_oneoff(c) && model.service(service_of(c)).is_none())
        .collect();
    if gone.is_empty() {
        return Ok(());
    }
    if remove {
        for c in gone {
            rt.remove(&c.id, true)?;
            report.event("Container", &c.name, "Removed");
        }
    } else {
        let names: Vec<&str> = gone.iter().map(|c| c.name.as_str()).collect();
        eprintln!(
            "WARN[0000] Found orphan containers ([{}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.",
            names.join(" ")
        );
    }
    Ok(())
}

/// The most containers of one service (`deploy.replicas`, `scale`,
/// `--scale`, a Deployment's replicas): far more than one machine runs,
/// far less than a count that would exhaust memory before anything starts.
pub const MAX_REPLICAS: u32 = 1000;

/// How many containers `svc` runs (`--scale`, else its model's), refused
/// past [`MAX_REPLICAS`] before anything is made or allocated.
fn replicas(svc: &ServiceModel, opts: &UpOptions) -> Result<u32, ComposeError> {
    let n = opts
        .scale
        .get(&svc.name)
        .copied()
        .unwrap_or_else(|| svc.replicas());
    if n > MAX_REPLICAS {
        return Err(ComposeError::Invalid(format!(
            "services.{}: {n} replicas: ccr runs at most {MAX_REPLICAS} containers of one service",
            svc.name
        )));
    }
    Ok(n)
}

/// Makes `svc`'s containers what the model says: created (or recreated
/// when their configuration or image changed), started, and as many as
/// its scale.
fn converge(
    ctx: &Context,
    ctrs: &Containers,
    model: &ProjectModel,
    svc: &ServiceModel,
    got: &Acquired,
    opts: &UpOptions,
    report: &dyn Report,
) -> Result<Vec<ContainerState>, Error> {
    let rt = ctrs.runtime();
    let rec = &got.rec;
    let replicas = replicas(svc, opts)?;
    if svc.service.container_name.is_some() && replicas > 1 {
        return Err(ComposeError::Invalid(format!(
            "services.{}: container_name cannot be used with more than one replica",
            svc.name
        ))
        .into());
    }
    let existing: Vec<ContainerState> = containers(rt, &model.name)?
        .into_iter()
        .filter(|c| service_of(c) == svc.name && !super::is_oneoff(c))
        .collect();
    let digest = rec.target.digest.to_string();
    let numbers: Vec<u32> = (1..=replicas).collect();
    let results = super::parallel(&numbers, |&n| -> Result<ContainerState, Error> {
        let current = existing.iter().find(|c| number_of(c) == n).cloned();
        let name = container_name(&model.name, svc, n);
        if let Some(c) = current {
            let same = c.options.labels.get(label::CONFIG_HASH) == Some(&svc.config_hash)
                && c.options.labels.get(label::IMAGE) == Some(&digest);
            if (same || opts.no_recreate) && !opts.force_recreate {
                if c.status.is_running() || opts.no_start {
                    report.event("Container", &c.name, "Running");
                    return Ok(c);
                }
                report.event("Container", &c.name, "Starting");
                let st = rt.start(&c.id)?;
                report.event("Container", &c.name, "Started");
                return Ok(st);
            }
            report.event("Container", &c.name, "Recreate");
            rt.stop(&c.id, super::grace(Some(svc)), None)?;
            rt.remove(&c.id, true)?;
        }
        let st = create(ctx, model, svc, got, n, &name, &digest, report)?;
        if opts.no_start {
            return Ok(st);
        }
        report.event("Container", &name, "Starting");
        rt.launch(&st.id, &crate::runtime::Launch::Detached)?;
        report.event("Container", &name, "Started");
        Ok(rt.load(&st.id)?)
    });
    // Scaled down: the highest numbers go, together.
    let extra: Vec<ContainerState> = existing
        .iter()
        .filter(|c| number_of(c) > replicas)
        .cloned()
        .collect();
    super::down::stop_and_remove(ctrs, model, extra, None, true, report)?;
    results
}

#[allow(clippy::too_many_arguments)]
fn create(
    ctx: &Context,
    model: &ProjectModel,
    svc: &ServiceModel,
    got: &Acquired,
    n: u32,
    name: &str,
    digest: &str,
    report: &dyn Report,
) -> Result<ContainerState, Error> {
    report.event("Container", name, "Creating");
    let labels = service_labels(model, svc, n, digest, false);
    let scratch = ctx.layout.plaintext().join("compose").join(&model.name);
    let first = |other: &str| {
        model
            .service(other)
            .map(|o| container_name(&model.name, o, 1))
    };
    let run = super::run_options(model, svc, name.to_string(), labels, &scratch, &first)?;
    let (_, st) = create_from(ctx, got, &run)?;
    report.event("Container", name, "Created");
    Ok(st)
}

/// `up --wait`: until every container is running and, where it has a
/// health check, healthy; an exited or unhealthy one is an error.
pub fn wait_ready(
    ctrs: &Containers,
    started: &[ContainerState],
    timeout: Option<Duration>,
) -> Result<(), Error> {
    let rt = ctrs.runtime();
    let end = timeout.map(|t| Instant::now() + t);
    for c in started {
        loop {
            let st = rt.find(&c.id)?;
            let checked = st
                .options
                .healthcheck
                .as_ref()
                .and_then(|h| h.argv())
                .is_some();
            match (st.status, st.health.as_ref().map(|h| h.status.as_str())) {
                (ContainerStatus::Running, _) if !checked => break,
                (ContainerStatus::Running, Some("healthy")) => break,
                (ContainerStatus::Running, Some("unhealthy")) => {
                    return Err(ComposeError::Dependency(format!(
                        "container {} is unhealthy",
                        st.name
                    ))
                    .into());
                }
                (ContainerStatus::Exited, _) if st.exit_code == Some(0) && !checked => break,
                (
                    ContainerStatus::Running
                    | ContainerStatus::Restarting
                    | ContainerStatus::Created,
                    _,
                ) => {}
                (s, _) => {
                    return Err(
                        ComposeError::Dependency(format!("container {} is {s}", st.name)).into(),
                    );
                }
            }
            if end.is_some_and(|e| Instant::now() >= e) {
                return Err(ComposeError::Dependency(format!(
                    "container {} is not ready in time",
                    st.name
                ))
                .into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(())
}
