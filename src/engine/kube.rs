//! Kubernetes: a compose project converted with its images pinned (each
//! tag resolved once, and verified where the service asks), a manifest
//! played on this machine as the compose project it stands for, and
//! running containers generated back into manifests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use yaml_serde::{Mapping, Value};

use super::Context;
use super::compose::Report;
use crate::compose::{Project, ProjectModel, ServiceModel};
use crate::error::Error;
use crate::kube::{ConvertOptions, Converted, Object};
use crate::reference::ImageRef;
use crate::runtime::{ContainerState, Runtime};

type Wanted = BTreeMap<String, (ImageRef, Vec<std::sync::Arc<crate::trust::TrustPolicy>>)>;

/// Each service's image by digest: every distinct image resolved once,
/// all at the same time; a service with `x-nerdctl-verify` has its
/// signature checked on exactly that digest first. A reference that is
/// already a digest is kept as it is.
pub fn pin_images(ctx: &Context, model: &ProjectModel) -> Result<BTreeMap<String, String>, Error> {
    let all: Vec<&ServiceModel> = model.services.iter().collect();
    pin_services(ctx, model, &all)
}

/// [`pin_images`] for some of the project's services.
pub fn pin_services(
    ctx: &Context,
    model: &ProjectModel,
    services: &[&ServiceModel],
) -> Result<BTreeMap<String, String>, Error> {
    let wanted = wanted(ctx, model, services)?;
    let by_image = resolve_all(ctx, &wanted).map_err(|(_, e)| e)?;
    Ok(by_service(model, services, &by_image))
}

fn wanted(
    ctx: &Context,
    model: &ProjectModel,
    services: &[&ServiceModel],
) -> Result<Wanted, Error> {
    let kbs = super::kbs::KbsSettings::default();
    let mut wanted = Wanted::new();
    for svc in services {
        let image = svc.image(&model.name);
        let r = ImageRef::parse(&image)?;
        let entry = wanted.entry(image).or_insert_with(|| (r, Vec::new()));
        let own = super::compose::up::service_trust(svc)?;
        if let Some(t) = super::cvm::pull_policy(ctx, own, &kbs)? {
            entry.1.push(t);
        }
    }
    Ok(wanted)
}

fn by_service(
    model: &ProjectModel,
    services: &[&ServiceModel],
    by_image: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    services
        .iter()
        .map(|s| (s.name.clone(), by_image[&s.image(&model.name)].clone()))
        .collect()
}

/// Every image of `wanted` at its digest (checked against its trust
/// policies first), all resolved at the same time: image → pinned.
/// Each image pinned by digest; on failure, the image that failed too.
fn resolve_all(
    ctx: &Context,
    wanted: &Wanted,
) -> Result<BTreeMap<String, String>, (String, Error)> {
    let images = &ctx.images;
    let resolved = ctx
        .block_on(futures_util::future::join_all(wanted.iter().map(
            |(image, (r, trust))| async move {
                let pin = async {
                    let remote = images.remote(r).await?;
                    let (top, _) = remote.fetch_manifest(r).await?;
                    for t in trust {
                        t.check(&remote, r, &top.digest).await?;
                    }
                    Ok::<_, Error>(match r.digest() {
                        Some(_) => r.to_string(),
                        None => format!("{r}@{}", top.digest),
                    })
                };
                pin.await
                    .map(|pinned| (image.clone(), pinned))
                    .map_err(|e| (image.clone(), e))
            },
        )))
        .map_err(|e| (String::new(), e))?;
    resolved.into_iter().collect()
}

/// `compose convert --kubernetes`: the project's objects, every image
/// pinned: the services', and the init containers' that wait for a
/// dependency (resolved with them, when the project has such waits).
pub fn convert(
    ctx: &Context,
    model: &ProjectModel,
    opts: &ConvertOptions,
) -> Result<Converted, Error> {
    let services: Vec<&ServiceModel> = model.services.iter().collect();
    let mut wanted = wanted(ctx, model, &services)?;
    if !opts.pin {
        // Unpinned, nothing is resolved: nor is anything verified, so a
        // service that asks for verification (or CVM mode) refuses it.
        if let Some((image, _)) = wanted.iter().find(|(_, (_, trust))| !trust.is_empty()) {
            return Err(Error::Usage(format!(
                "{image} is to be verified, which needs its digest: leave --resolve-image-digests on"
            )));
        }
        let as_written: BTreeMap<String, String> =
            wanted.keys().map(|i| (i.clone(), i.clone())).collect();
        let pins = by_service(model, &services, &as_written);
        return Ok(crate::kube::convert(model, &pins, opts)?);
    }
    let waits = |condition: &str| {
        model.services.iter().any(|s| {
            s.depends_on
                .iter()
                .any(|(d, c)| c.condition == condition && model.service(d).is_some())
        })
    };
    let mut helpers = Vec::new();
    if waits("service_healthy") {
        helpers.push(opts.wait_image.clone());
    }
    if waits("service_completed_successfully") {
        helpers.push(opts.kubectl_image.clone());
    }
    for h in &helpers {
        let r = ImageRef::parse(h)?;
        wanted.entry(h.clone()).or_insert_with(|| (r, Vec::new()));
    }
    // A helper that cannot be resolved fails the conversion like a
    // service's image (its error names it): give --wait-image and
    // --kubectl-image images the registry has.
    let by_image = resolve_all(ctx, &wanted).map_err(|(image, e)| {
        // The init containers' images are ccr's choice, not the file's:
        // say which it is and the flag that replaces it.
        let helper = if image == opts.wait_image {
            Some(crate::error::HelperImage::Wait)
        } else if image == opts.kubectl_image {
            Some(crate::error::HelperImage::Kubectl)
        } else {
            None
        };
        match helper {
            Some(helper) => Error::HelperImage {
                image,
                helper,
                source: Box::new(e),
            },
            None => e,
        }
    })?;
    let pins = by_service(model, &services, &by_image);
    let mut opts = opts.clone();
    if let Some(p) = by_image.get(&opts.wait_image) {
        opts.wait_image = p.clone();
    }
    if let Some(p) = by_image.get(&opts.kubectl_image) {
        opts.kubectl_image = p.clone();
    }
    Ok(crate::kube::convert(model, &pins, &opts)?)
}

/// An initdata TOML for confidential pods, byte for byte, checked to be
/// one (refused here, not by the guest that would fail to boot with it).
pub fn read_initdata(path: &Path) -> Result<Vec<u8>, Error> {
    let text =
        crate::bounded::read(path, crate::bounded::CONFIG_FILE).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    crate::cvm::Initdata::parse(text.clone(), path)?;
    Ok(text)
}

/// A manifest read from `file` (`-`: standard input), bounded.
pub fn read_manifest(file: &Path) -> Result<String, Error> {
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin(), crate::bounded::CONFIG_FILE),
            &mut buf,
        )
        .map_err(|source| Error::Io {
            path: file.to_path_buf(),
            source,
        })?;
        buf
    } else {
        crate::bounded::read(file, crate::bounded::CONFIG_FILE).map_err(|source| Error::Io {
            path: file.to_path_buf(),
            source,
        })?
    };
    String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("{}: a manifest is UTF-8 text", file.display())))
}

/// The project a manifest is played as: `name`, else the file's stem.
pub fn project_name(file: &Path, name: Option<&str>) -> String {
    let stem = match name {
        Some(n) => n.to_string(),
        None if file.as_os_str() == "-" => "kube".into(),
        None => file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "kube".into()),
    };
    crate::compose::project::normalize(&stem)
}

/// The compose project a manifest stands for, and what it leaves out.
pub fn played(
    text: &str,
    file: &Path,
    project: &str,
) -> Result<(ProjectModel, Vec<String>), Error> {
    let parsed = crate::kube::parse(text, &file.display().to_string())?;
    let play = crate::kube::play::to_compose(&parsed.objects, project)?;
    let mut warnings: Vec<String> = parsed
        .skipped
        .iter()
        .map(|k| format!("{k}: not run by kube play (left out)"))
        .collect();
    warnings.extend(play.warnings);
    let directory = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let p = Project {
        name: project.to_string(),
        directory,
        files: vec![file.to_path_buf()],
        model: play.model,
        environment: BTreeMap::new(),
        warnings: Vec::new(),
    };
    let model = crate::compose::typed_project(&p).map_err(crate::compose::ComposeError::from)?;
    Ok((model, warnings))
}

/// `kube play`: the manifest's project up, as `compose up -d` brings one up.
pub fn play(
    ctx: &Context,
    model: &ProjectModel,
    progress: &crate::progress::Progress,
    report: &dyn Report,
) -> Result<Vec<ContainerState>, Error> {
    let opts = super::compose::up::UpOptions {
        quiet_pull: true,
        ..Default::default()
    };
    super::compose::up::up(ctx, model, &opts, progress, report)
}

/// `kube play --down`: its containers, networks, volumes and files gone.
pub fn down(ctx: &Context, model: &ProjectModel, report: &dyn Report) -> Result<(), Error> {
    let opts = super::compose::down::DownOptions {
        volumes: true,
        remove_orphans: true,
        timeout: None,
    };
    super::compose::down::down(ctx, model, &opts, report)
}

fn s(x: impl Into<String>) -> Value {
    Value::String(x.into())
}

fn seq(l: &[String]) -> Value {
    Value::Sequence(l.iter().cloned().map(s).collect())
}

/// A container's published ports as compose's long form.
fn ports(o: &crate::runtime::ContainerConfig) -> Vec<Value> {
    o.ports
        .iter()
        .map(|p| {
            let mut pm = Mapping::new();
            pm.insert(s("target"), Value::from(p.container_port));
            pm.insert(s("published"), s(p.host_port.to_string()));
            pm.insert(s("protocol"), s(p.protocol.clone()));
            Value::Mapping(pm)
        })
        .collect()
}

/// A container's mounts as compose's long form, and the named volumes.
fn volumes(o: &crate::runtime::ContainerConfig) -> (Vec<Value>, Mapping) {
    let mut volumes = Vec::new();
    let mut named = Mapping::new();
    for v in &o.volumes {
        let mut vm = Mapping::new();
        match &v.name {
            Some(n) if !v.anonymous => {
                vm.insert(s("type"), s("volume"));
                vm.insert(s("source"), s(n.clone()));
                let mut def = Mapping::new();
                def.insert(s("name"), s(n.clone()));
                named.insert(s(n.clone()), Value::Mapping(def));
            }
            Some(_) => {
                vm.insert(s("type"), s("volume"));
            }
            None => {
                vm.insert(s("type"), s("bind"));
                vm.insert(s("source"), s(v.source.to_string_lossy()));
            }
        }
        vm.insert(s("target"), s(v.target.clone()));
        vm.insert(s("read_only"), Value::Bool(v.read_only));
        volumes.push(Value::Mapping(vm));
    }
    for t in &o.tmpfs {
        let mut vm = Mapping::new();
        vm.insert(s("type"), s("tmpfs"));
        vm.insert(s("target"), s(t.target.clone()));
        if let Some(size) = t.options.iter().find_map(|x| x.strip_prefix("size=")) {
            let mut tm = Mapping::new();
            tm.insert(s("size"), s(size));
            vm.insert(s("tmpfs"), Value::Mapping(tm));
        }
        volumes.push(Value::Mapping(vm));
    }
    (volumes, named)
}

/// docker's recorded health check as compose's.
fn healthcheck(h: &crate::runtime::HealthConfig) -> Value {
    let mut hm = Mapping::new();
    hm.insert(s("test"), seq(&h.test));
    let d = |ns: u64| s(format!("{}ms", ns / 1_000_000));
    if h.interval_ns > 0 {
        hm.insert(s("interval"), d(h.interval_ns));
    }
    if h.timeout_ns > 0 {
        hm.insert(s("timeout"), d(h.timeout_ns));
    }
    if h.start_period_ns > 0 {
        hm.insert(s("start_period"), d(h.start_period_ns));
    }
    if h.retries > 0 {
        hm.insert(s("retries"), Value::from(h.retries));
    }
    Value::Mapping(hm)
}

/// A container as the compose service that would make it (canonical
/// form), and the named volumes it uses.
fn as_service(c: &ContainerState) -> (Mapping, Mapping) {
    let o = &c.options;
    let mut m = Mapping::new();
    m.insert(s("image"), s(c.image.clone()));
    if let Some(e) = &o.entrypoint_args {
        m.insert(s("entrypoint"), seq(e));
    } else if let Some(e) = &o.entrypoint {
        m.insert(s("entrypoint"), seq(std::slice::from_ref(e)));
    }
    if !o.command.is_empty() {
        m.insert(s("command"), seq(&o.command));
    }
    let env: Mapping = o
        .env
        .iter()
        .filter_map(|e| e.split_once('='))
        .map(|(k, x)| (s(k), s(x)))
        .collect();
    if !env.is_empty() {
        m.insert(s("environment"), Value::Mapping(env));
    }
    let ports = ports(o);
    if !ports.is_empty() {
        m.insert(s("ports"), Value::Sequence(ports));
    }
    let (volumes, named) = volumes(o);
    if !volumes.is_empty() {
        m.insert(s("volumes"), Value::Sequence(volumes));
    }
    if let Some(h) = &o.healthcheck {
        m.insert(s("healthcheck"), healthcheck(h));
    }
    let restart = match o.restart.name.as_str() {
        "" | "no" => "no".to_string(),
        "on-failure" if o.restart.max_retries > 0 => {
            format!("on-failure:{}", o.restart.max_retries)
        }
        other => other.to_string(),
    };
    m.insert(s("restart"), s(restart));
    if o.resources.cpus > 0.0 {
        m.insert(s("cpus"), Value::from(o.resources.cpus));
    }
    if o.resources.memory > 0 {
        m.insert(s("mem_limit"), s(o.resources.memory.to_string()));
    }
    for (key, val) in [
        ("user", &o.user),
        ("working_dir", &o.workdir),
        ("hostname", &o.hostname),
    ] {
        if let Some(x) = val {
            m.insert(s(key), s(x.clone()));
        }
    }
    for (key, on) in [
        ("read_only", o.read_only),
        ("privileged", o.privileged),
        ("tty", o.tty),
        ("stdin_open", o.interactive),
    ] {
        if on {
            m.insert(s(key), Value::Bool(true));
        }
    }
    if !o.cap_add.is_empty() {
        m.insert(s("cap_add"), seq(&o.cap_add));
    }
    if !o.cap_drop.is_empty() {
        m.insert(s("cap_drop"), seq(&o.cap_drop));
    }
    let labels: Mapping = o
        .labels
        .iter()
        .filter(|(k, _)| !k.starts_with("com.docker.compose."))
        .map(|(k, x)| (s(k.clone()), s(x.clone())))
        .collect();
    if !labels.is_empty() {
        m.insert(s("labels"), Value::Mapping(labels));
    }
    (m, named)
}

/// `kube generate`: the containers as Kubernetes objects (each a bare
/// Pod, or what its restart policy makes it, with a Service for its
/// ports), converted as a compose service of the same settings would be.
pub fn generate(
    ctx: &Context,
    containers: &[String],
    opts: &ConvertOptions,
) -> Result<Converted, Error> {
    let rt = Runtime::new(&ctx.layout);
    let mut services = Mapping::new();
    let mut volumes = Mapping::new();
    let mut pins = BTreeMap::new();
    for key in containers {
        let c = rt.find(key)?;
        let name = crate::kube::object_name(&c.name);
        let (service, named) = as_service(&c);
        volumes.extend(named);
        services.insert(s(name.clone()), Value::Mapping(service));
        let image = ImageRef::parse(&c.image)?;
        let pinned = match image.digest() {
            Some(_) => image.to_string(),
            None => format!("{image}@{}", c.image_digest),
        };
        pins.insert(name, pinned);
    }
    let mut model = Mapping::new();
    model.insert(s("name"), s("ccr"));
    model.insert(s("services"), Value::Mapping(services));
    if !volumes.is_empty() {
        model.insert(s("volumes"), Value::Mapping(volumes));
    }
    let p = Project {
        name: "ccr".into(),
        directory: std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")),
        files: Vec::new(),
        model,
        environment: BTreeMap::new(),
        warnings: Vec::new(),
    };
    let typed = crate::compose::typed_project(&p).map_err(crate::compose::ComposeError::from)?;
    Ok(crate::kube::convert(&typed, &pins, opts)?)
}

/// Writes `objects` to `out`: standard output (`-`), one file (`.yaml`,
/// `.yml`), or a directory with a file per object; the paths written.
pub fn write(objects: &[Object], out: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    if out.as_os_str() == "-" {
        use std::io::Write;
        std::io::stdout()
            .write_all(crate::kube::to_yaml(objects).as_bytes())
            .map_err(io(out))?;
        return Ok(Vec::new());
    }
    // One file for a .yaml name, or a device or FIFO (-o /dev/stdout).
    let single = out.extension().is_some_and(|e| e == "yaml" || e == "yml")
        || crate::outfile::is_special(out);
    if single {
        crate::outfile::write(out, crate::kube::to_yaml(objects).as_bytes()).map_err(io(out))?;
        return Ok(vec![out.to_path_buf()]);
    }
    std::fs::create_dir_all(out).map_err(io(out))?;
    let mut written = Vec::new();
    for o in objects {
        let path = out.join(o.file_name());
        crate::outfile::write(&path, o.to_yaml().as_bytes()).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}
