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
        run: RunOptions {
            name: Some(next),
            config,
        },
    };
    let area = area(ctx)?;
    let new = match super::container::run(ctx, &create, true, progress)? {
        Started::Detached(id) => id,
        Started::Exited(_) => unreachable!("a detached run returns its id"),
    };
    // Up for `ready_after`, or it failed: then it goes, wiped, and the old
    // one stays as it was.
    let deadline = Instant::now() + req.ready_after;
    loop {
        let st = runtime.find(&new)?;
        if !st.status.is_running() {
            let logs = tail_of_log(&runtime, &new);
            let mut wiped = Destroyed::default();
            stage(&runtime, &area, &new)?;
            finish(ctx, &runtime, &area, false, &mut wiped)?;
            return Err(RuntimeError::Config(format!(
                "the new container of {} exited{} before it was up for {:?}; {} keeps running{}",
                req.image,
                st.exit_code
                    .map(|c| format!(" with code {c}"))
                    .unwrap_or_default(),
                req.ready_after,
                old.name,
                if logs.is_empty() {
                    String::new()
                } else {
                    format!(". Its last output:\n{logs}")
                }
            ))
            .into());
        }
        if Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
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
