//! The other compose commands, over the project's containers (found by
//! their labels): logs with service prefixes, a one-off `run`, `exec` in a
//! service's container, `push` with `x-nerdctl-sign`, `ls` of projects.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex};

use super::up::{UpOptions, ensure_images};
use super::{Report, container_name, containers, is_oneoff, label, service_labels, service_of};
use crate::compose::{ComposeError, ProjectModel};
use crate::engine::Context;
use crate::engine::container::create_from;
use crate::engine::containers::Containers;
use crate::error::Error;
use crate::image::PullPolicy;
use crate::progress::Progress;
use crate::runtime::{ContainerState, LogOptions};

/// The project's containers of `services` (all when empty); one-off
/// containers only with `oneoff`.
pub fn service_containers(
    ctrs: &Containers,
    model: &ProjectModel,
    services: &[String],
    oneoff: bool,
) -> Result<Vec<ContainerState>, Error> {
    let rt = ctrs.runtime();
    for s in services {
        if model.service(s).is_none() {
            return Err(ComposeError::NoSuchService(s.clone()).into());
        }
    }
    Ok(containers(rt, &model.name)?
        .into_iter()
        .filter(|c| oneoff || !is_oneoff(c))
        .filter(|c| services.is_empty() || services.iter().any(|s| s == service_of(c)))
        .collect())
}

/// A writer that prefixes every line (`name  | `).
struct Prefixed {
    prefix: String,
    out: Arc<Mutex<Box<dyn Write + Send>>>,
    partial: Vec<u8>,
}

impl Write for Prefixed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.partial.extend_from_slice(buf);
        while let Some(i) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            let mut out = self.out.lock().expect("not poisoned");
            out.write_all(self.prefix.as_bytes())?;
            out.write_all(&line)?;
            out.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.partial.is_empty() {
            let mut out = self.out.lock().expect("not poisoned");
            out.write_all(self.prefix.as_bytes())?;
            out.write_all(&self.partial)?;
            out.write_all(b"\n")?;
            self.partial.clear();
        }
        Ok(())
    }
}

/// The logs of `list`, each line after its container's name (unless
/// `no_prefix`), interleaved as they come when following.
pub fn logs(
    ctrs: &Containers,
    list: &[ContainerState],
    opts: &LogOptions,
    no_prefix: bool,
    out: Box<dyn Write + Send>,
) -> Result<(), Error> {
    let rt = ctrs.runtime();
    let width = list.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let out = Arc::new(Mutex::new(out));
    super::parallel(list, |c| -> Result<(), Error> {
        let prefix = if no_prefix {
            String::new()
        } else {
            format!("{:width$}  | ", c.name)
        };
        let writer = |prefix: String| Prefixed {
            prefix,
            out: out.clone(),
            partial: Vec::new(),
        };
        let (mut w, mut e) = (writer(prefix.clone()), writer(prefix));
        rt.logs(&c.id, opts, &mut w, &mut e)?;
        let _ = w.flush();
        let _ = e.flush();
        Ok(())
    })?;
    Ok(())
}

/// What `compose run` is asked for.
#[derive(Clone, Debug, Default)]
pub struct RunRequest {
    pub service: String,
    pub command: Vec<String>,
    pub name: Option<String>,
    pub detach: bool,
    pub remove: bool,
    pub env: Vec<String>,
    pub volumes: Vec<crate::runtime::Volume>,
    pub publish: Vec<crate::runtime::network::PortMapping>,
    /// `--service-ports`: the service's own ports.
    pub service_ports: bool,
    pub entrypoint: Option<String>,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub no_deps: bool,
    pub tty: bool,
    pub interactive: bool,
    pub keys: crate::engine::keys::KeyRequest,
}

/// `compose run`: a one-off container of a service (its dependencies up
/// first unless `--no-deps`); its exit code, or its id when detached.
pub fn run(
    ctx: &Context,
    model: &ProjectModel,
    req: &RunRequest,
    progress: &Progress,
    report: &dyn Report,
) -> Result<crate::engine::container::Started, Error> {
    let svc = model
        .service(&req.service)
        .ok_or_else(|| ComposeError::NoSuchService(req.service.clone()))?;
    if !req.no_deps && !svc.depends_on.is_empty() {
        let deps: Vec<String> = svc
            .depends_on
            .keys()
            .filter(|d| model.service(d).is_some())
            .cloned()
            .collect();
        let up = UpOptions {
            services: deps,
            keys: req.keys.clone(),
            ..Default::default()
        };
        super::up::up(ctx, model, &up, progress, report)?;
    }
    let opts = UpOptions {
        keys: req.keys.clone(),
        ..Default::default()
    };
    let images = ensure_images(ctx, model, &[svc], &opts, progress, report)?;
    super::up::ensure_resources(ctx, model, &[svc], report)?;
    let got = &images[&svc.name];
    let mut id = [0u8; 6];
    rustix::rand::getrandom(&mut id, rustix::rand::GetRandomFlags::empty())
        .map_err(|e| ComposeError::Invalid(format!("no randomness: {e}")))?;
    let name = req
        .name
        .clone()
        .unwrap_or_else(|| format!("{}-{}-run-{}", model.name, svc.name, hex::encode(id)));
    let labels = service_labels(model, svc, 1, &got.rec.target.digest.to_string(), true);
    let scratch = ctx.layout.plaintext().join("compose").join(&model.name);
    let first = |other: &str| {
        model
            .service(other)
            .map(|o| container_name(&model.name, o, 1))
    };
    let mut run = super::run_options(model, svc, name, labels, &scratch, &first)?;
    let c = &mut run.config;
    if !req.service_ports {
        c.ports.clear();
    }
    c.ports.extend(req.publish.iter().cloned());
    if !req.command.is_empty() {
        c.command = req.command.clone();
    }
    if let Some(e) = &req.entrypoint {
        c.entrypoint_args = Some(
            shell_words::split(e)
                .map_err(|e| ComposeError::Invalid(format!("--entrypoint: {e}")))?,
        );
    }
    c.env.extend(req.env.iter().cloned());
    c.volumes.extend(req.volumes.iter().cloned());
    if req.user.is_some() {
        c.user = req.user.clone();
    }
    if req.workdir.is_some() {
        c.workdir = req.workdir.clone();
    }
    c.remove = req.remove;
    c.tty = req.tty;
    c.interactive = req.interactive;
    // A one-off container is not restarted.
    c.restart = Default::default();
    let (rt, st) = create_from(ctx, got, &run)?;
    let how = match req.detach {
        true => crate::runtime::Launch::Detached,
        false => crate::runtime::Launch::foreground(),
    };
    let launched = rt.launch(&st.id, &how)?;
    Ok(crate::engine::container::Started::of(launched, st.id))
}

/// The container `index` (1 first) of `service`, running.
pub fn container_of(
    ctrs: &Containers,
    model: &ProjectModel,
    service: &str,
    index: u32,
) -> Result<ContainerState, Error> {
    let list = service_containers(ctrs, model, &[service.to_string()], false)?;
    list.into_iter()
        .find(|c| super::number_of(c) == index)
        .ok_or_else(|| {
            ComposeError::Invalid(format!(
                "service {service:?} has no container with index {index}: run ccr compose up first"
            ))
            .into()
        })
}

/// `compose push`: each service's image; with `x-nerdctl-sign: cosign`
/// signed after it is pushed (the key unlocked first, with `password`).
pub fn push(
    ctx: &Context,
    model: &ProjectModel,
    services: &[String],
    password: &dyn Fn() -> Result<zeroize::Zeroizing<String>, Error>,
    progress: &Progress,
    report: &dyn Report,
) -> Result<(), Error> {
    for svc in super::selected(model, services)? {
        let Some(image) = svc.service.image.clone() else {
            continue;
        };
        // Unlocked before anything is pushed: a wrong password leaves the
        // registry untouched.
        let signer = match &svc.sign {
            Some(key) => Some(crate::trust::keys::load_signer(
                key,
                password()?.as_bytes(),
            )?),
            None => None,
        };
        report.event("Image", &image, "Pushing");
        let pushed = crate::engine::push::push(
            ctx,
            crate::engine::push::PushRequest {
                image: image.clone(),
                signer,
                signature_format: ctx.opts.config.signature_format(None)?,
                ..Default::default()
            },
            progress,
        )?;
        report.event("Image", &image, "Pushed");
        for s in pushed.signed {
            report.event(
                "Image",
                &format!("{}@{}", s.reference, s.digest),
                &format!("Signed ({})", s.whereabouts()),
            );
        }
    }
    Ok(())
}

/// `compose pull`: each service's image that is not built, verified as
/// the service asks.
pub fn pull(
    ctx: &Context,
    model: &ProjectModel,
    services: &[String],
    keys: &crate::engine::keys::KeyRequest,
    progress: &Progress,
    report: &dyn Report,
) -> Result<(), Error> {
    // Services with an image (built ones too: their images are pulled).
    let list: Vec<_> = super::selected(model, services)?
        .into_iter()
        .filter(|s| s.service.image.is_some())
        .collect();
    let opts = UpOptions {
        pull: Some(PullPolicy::Always),
        build: super::up::BuildWhen::Never,
        keys: keys.clone(),
        ..Default::default()
    };
    for (name, got) in ensure_images(ctx, model, &list, &opts, progress, report)? {
        report.event("Image", &got.rec.name, &format!("Pulled ({name})"));
    }
    Ok(())
}

/// `compose build`: each service with a `build:` section.
pub fn build(
    ctx: &Context,
    model: &ProjectModel,
    services: &[String],
    progress: &Progress,
    report: &dyn Report,
) -> Result<(), Error> {
    let list: Vec<_> = super::selected(model, services)?
        .into_iter()
        .filter(|s| s.build.is_some())
        .collect();
    let opts = UpOptions {
        build: super::up::BuildWhen::Always,
        ..Default::default()
    };
    ensure_images(ctx, model, &list, &opts, progress, report)?;
    Ok(())
}

/// One project as `compose ls` shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ProjectSummary {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "ConfigFiles")]
    pub config_files: String,
}

/// Every project that has containers: `running(2), exited(1)`.
pub fn projects(ctrs: &Containers, all: bool) -> Result<Vec<ProjectSummary>, Error> {
    let rt = ctrs.runtime();
    let mut by: BTreeMap<String, (BTreeMap<String, usize>, String)> = BTreeMap::new();
    for c in rt.list()? {
        let Some(p) = c.options.labels.get(label::PROJECT).cloned() else {
            continue;
        };
        let c = rt.refresh(c);
        let e = by.entry(p.clone()).or_default();
        *e.0.entry(c.status.to_string()).or_default() += 1;
        if let Some(f) = c.options.labels.get(label::CONFIG_FILES) {
            e.1 = f.clone();
        }
    }
    Ok(by
        .into_iter()
        .filter(|(_, (states, _))| all || states.contains_key("running"))
        .map(|(name, (states, files))| ProjectSummary {
            name,
            status: states
                .iter()
                .map(|(s, n)| format!("{s}({n})"))
                .collect::<Vec<_>>()
                .join(", "),
            config_files: files,
        })
        .collect())
}

/// How an attached `up` follows the project.
#[derive(Clone, Debug, Default)]
pub struct Attach {
    /// `--abort-on-container-exit`: the first exit stops the project.
    pub abort_on_exit: bool,
    /// `--no-log-prefix`.
    pub no_log_prefix: bool,
}

/// `up` without `-d`: the containers' logs until they all exit, or (with
/// `--abort-on-container-exit`) one does, or Ctrl-C; then the rest are
/// stopped.
pub fn attach(
    ctrs: &Containers,
    m: &ProjectModel,
    started: Vec<ContainerState>,
    how: &Attach,
    interrupted: &std::sync::atomic::AtomicBool,
    out: Box<dyn std::io::Write + Send>,
    report: &dyn Report,
) -> Result<i32, Error> {
    let rt = ctrs.runtime();
    let (abort, no_prefix) = (how.abort_on_exit, how.no_log_prefix);
    let follow = crate::runtime::LogOptions {
        follow: true,
        ..Default::default()
    };
    let code = std::thread::scope(|s| -> Result<i32, Error> {
        let logs = s.spawn(|| logs(ctrs, &started, &follow, no_prefix, out));
        let code = loop {
            if interrupted.load(std::sync::atomic::Ordering::SeqCst) {
                report.line("Gracefully stopping... (press Ctrl+C again to force)");
                break 130;
            }
            let states: Vec<_> = started.iter().filter_map(|c| rt.find(&c.id).ok()).collect();
            let exited: Vec<_> = states
                .iter()
                .filter(|c| {
                    !c.status.is_running()
                        && c.status != crate::runtime::ContainerStatus::Restarting
                })
                .collect();
            if abort && let Some(first) = exited.first() {
                report.line(&format!(
                    "{} exited with code {}",
                    first.name,
                    first.exit_code.unwrap_or(0)
                ));
                report.line("Aborting on container exit...");
                break first.exit_code.unwrap_or(0);
            }
            if exited.len() == states.len() {
                for c in &exited {
                    report.line(&format!(
                        "{} exited with code {}",
                        c.name,
                        c.exit_code.unwrap_or(0)
                    ));
                }
                break 0;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        };
        super::down::stop_and_remove(ctrs, m, started.clone(), None, false, report)?;
        let _ = logs.join();
        Ok(code)
    })?;
    Ok(code)
}
