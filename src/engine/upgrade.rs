//! `upgrade`: a running container replaced by one of a new image with the
//! same run configuration. The new image is pulled and verified under the
//! same policy (in confidential-VM mode, the KBS's); the new container
//! starts beside the old one and must stay up for a while; only then does
//! the old one stop, hand its name over and get wiped. A new container
//! that fails is wiped, and the old one keeps running.

use std::time::{Duration, Instant};

use super::Context;
use super::container::{CreateRequest, Started};
use super::destroy::{Destroyed, area, finish, stage};
use crate::error::Error;
use crate::image::PullPolicy;
use crate::progress::Progress;
use crate::runtime::{RunOptions, Runtime, RuntimeError};

/// What to upgrade to.
#[derive(Clone)]
pub struct UpgradeRequest {
    pub container: String,
    pub image: String,
    /// A new command; empty keeps the old one's (or the new image's).
    pub command: Vec<String>,
    /// How long the new container must keep running to count as up.
    pub ready_after: Duration,
    pub pull: PullPolicy,
    pub platform: Option<crate::platform::Platform>,
    pub trust: Option<std::sync::Arc<crate::trust::TrustPolicy>>,
    pub keys: super::keys::KeyRequest,
}

/// An upgrade done.
#[derive(Debug)]
pub struct Upgraded {
    pub name: String,
    pub old: String,
    pub new: String,
    pub wiped: Destroyed,
}

pub fn upgrade(
    ctx: &Context,
    req: &UpgradeRequest,
    progress: &Progress,
) -> Result<Upgraded, Error> {
    let runtime = Runtime::new(&ctx.layout);
    let old = runtime.find(&req.container)?;
    if !old.status.is_running() {
        return Err(RuntimeError::Config(format!(
            "container {} is not running; upgrade replaces a running container (use run)",
            old.name
        ))
        .into());
    }
    let mut config = old.options.clone();
    if !req.command.is_empty() {
        config.command = req.command.clone();
    }
    config.remove = false;
    config.interactive = false;
    let next = format!("{}-upgrading", old.name);
    let create = CreateRequest {
        image: req.image.clone(),
        platform: req.platform.clone(),
        pull: req.pull,
        trust: req.trust.clone(),
        keys: req.keys.clone(),
        sbom: Default::default(),
        run: RunOptions {
            name: Some(next),
            config,
        },
    };
    let area = area(ctx)?;
    let detached = &crate::runtime::Launch::Detached;
    let new = match super::container::run(ctx, &create, detached, progress)? {
        Started::Detached(id) | Started::DetachedByKeys(id) => id,
        Started::Exited(_) => unreachable!("a detached run returns its id"),
    };
    // Healthy (by the image's HEALTHCHECK, when it has one) or up for
    // `ready_after`; else it goes, wiped, and the old one stays as it was.
    let health = healthcheck(ctx, &runtime.find(&new)?);
    let mut ready = Readiness::new(health, req.ready_after);
    loop {
        let st = runtime.find(&new)?;
        let verdict = if st.status.is_running() {
            ready.probe(&runtime, &new)
        } else {
            Verdict::Failed(format!(
                "exited{}",
                st.exit_code
                    .map(|c| format!(" with code {c}"))
                    .unwrap_or_default()
            ))
        };
        match verdict {
            Verdict::Ready => break,
            Verdict::Waiting => std::thread::sleep(ready.pause()),
            Verdict::Failed(how) => {
                let logs = tail_of_log(&runtime, &new);
                let mut wiped = Destroyed::default();
                stage(&runtime, &area, &new)?;
                finish(ctx, &runtime, &area, false, &mut wiped)?;
                return Err(RuntimeError::Config(format!(
                    "the new container of {} {how} before it was {}; {} keeps running{}",
                    req.image,
                    ready.goal(),
                    old.name,
                    if logs.is_empty() {
                        String::new()
                    } else {
                        format!(". Its last output:\n{logs}")
                    }
                ))
                .into());
            }
        }
    }
    // The old one stops as `stop` stops it, then hands its name over and
    // is wiped; listings see one container of that name throughout.
    runtime.stop(&old.id, Duration::from_secs(10), None)?;
    let mut wiped = Destroyed::default();
    runtime.names_locked(|| -> Result<(), Error> {
        stage(&runtime, &area, &old.id)?;
        runtime.take_name(&new, &old.name)?;
        Ok(())
    })?;
    finish(ctx, &runtime, &area, false, &mut wiped)?;
    Ok(Upgraded {
        name: old.name,
        old: old.id,
        new,
        wiped,
    })
}

/// The last lines a container printed, for a failure message.
fn tail_of_log(runtime: &Runtime, id: &str) -> String {
    let opts = crate::runtime::LogOptions {
        tail: Some(10),
        ..Default::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let _ = runtime.logs(id, &opts, &mut out, &mut err);
    out.extend(err);
    String::from_utf8_lossy(&out).trim_end().to_string()
}

/// An image's HEALTHCHECK, in docker's terms.
#[derive(Clone, Debug)]
struct Health {
    argv: Vec<String>,
    interval: Duration,
    start_period: Duration,
    retries: u32,
}

/// The HEALTHCHECK of the image `st` runs, if it has one (and not NONE).
fn healthcheck(ctx: &Context, st: &crate::runtime::ContainerState) -> Option<Health> {
    let rec = ctx.images.lookup_one(&st.image).ok()?;
    let img = ctx.images.resolve_platform(&rec, None).ok()?;
    let hc = img.config.config.as_ref()?.get("Healthcheck")?;
    let test: Vec<String> = hc["Test"]
        .as_array()?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let argv = match test.split_first()? {
        (kind, rest) if kind == "CMD" && !rest.is_empty() => rest.to_vec(),
        (kind, [line]) if kind == "CMD-SHELL" => {
            vec!["/bin/sh".into(), "-c".into(), line.clone()]
        }
        _ => return None,
    };
    let ns = |k: &str, default: Duration| {
        hc[k]
            .as_u64()
            .filter(|n| *n > 0)
            .map(Duration::from_nanos)
            .unwrap_or(default)
    };
    Some(Health {
        argv,
        // docker's defaults; a start interval, when set, is how often it
        // is probed while starting.
        interval: ns("StartInterval", ns("Interval", Duration::from_secs(30))),
        start_period: ns("StartPeriod", Duration::ZERO),
        retries: hc["Retries"].as_u64().filter(|n| *n > 0).unwrap_or(3) as u32,
    })
}

enum Verdict {
    Waiting,
    Ready,
    Failed(String),
}

/// When a new container counts as up: healthy, or running long enough.
struct Readiness {
    health: Option<Health>,
    since: Instant,
    ready_after: Duration,
    failures: u32,
    last_probe: Option<Instant>,
}

impl Readiness {
    fn new(health: Option<Health>, ready_after: Duration) -> Readiness {
        Readiness {
            health,
            since: Instant::now(),
            ready_after,
            failures: 0,
            last_probe: None,
        }
    }

    fn goal(&self) -> String {
        match &self.health {
            Some(_) => "healthy".into(),
            None => format!("up for {:?}", self.ready_after),
        }
    }

    fn pause(&self) -> Duration {
        match &self.health {
            Some(h) => h.interval.min(Duration::from_millis(200)),
            None => Duration::from_millis(100),
        }
    }

    /// One look at a running container.
    fn probe(&mut self, runtime: &Runtime, id: &str) -> Verdict {
        let Some(h) = self.health.clone() else {
            return if self.since.elapsed() >= self.ready_after {
                Verdict::Ready
            } else {
                Verdict::Waiting
            };
        };
        if self.last_probe.is_some_and(|t| t.elapsed() < h.interval) {
            return Verdict::Waiting;
        }
        self.last_probe = Some(Instant::now());
        let opts = crate::runtime::ExecOptions {
            args: h.argv.clone(),
            quiet: true,
            ..Default::default()
        };
        match runtime.exec(id, &opts) {
            Ok(0) => Verdict::Ready,
            _ if self.since.elapsed() < h.start_period => Verdict::Waiting,
            _ => {
                self.failures += 1;
                if self.failures >= h.retries {
                    Verdict::Failed(format!(
                        "failed its health check ({}) {} times",
                        h.argv.join(" "),
                        self.failures
                    ))
                } else {
                    Verdict::Waiting
                }
            }
        }
    }
}
