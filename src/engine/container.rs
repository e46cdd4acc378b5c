//! A container from an image: the image made present as the pull policy
//! says (verified when a policy asks, which always consults the registry),
//! its platform chosen, its keys gathered, then the bundle made. Pulling is
//! async and running is not: the async runtime is gone before any
//! container process exists.

use std::sync::Arc;

use super::Context;
use super::acquire::{Acquire, Acquired, Extract, Rollback, acquire};
use super::keys::KeyRequest;
use crate::error::Error;
use crate::image::PullPolicy;
use crate::platform::Platform;
use crate::progress::Progress;
use crate::runtime::{ContainerState, RunOptions, Runtime};
use crate::trust::TrustPolicy;

/// What `run` and `create` are asked for.
#[derive(Clone, Default)]
pub struct CreateRequest {
    /// A reference, or the id (prefix) of a local image.
    pub image: String,
    pub platform: Option<Platform>,
    pub pull: PullPolicy,
    /// Signature requirements; with any, the registry is always consulted.
    pub trust: Option<Arc<TrustPolicy>>,
    /// Keys for encrypted layers.
    pub keys: KeyRequest,
    /// `--verify-sbom`: the content must be what its signed SBOM lists.
    pub sbom: super::sbom::SbomCheck,
    pub run: RunOptions,
}

/// How a run ended: the container's exit code, or detached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Started {
    Exited(i32),
    Detached(String),
    /// A foreground `-t` run left running with the detach keys.
    DetachedByKeys(String),
}

impl Started {
    pub(crate) fn of(launched: crate::runtime::Launched, id: String) -> Started {
        match launched {
            crate::runtime::Launched::Exited(code) => Started::Exited(code),
            crate::runtime::Launched::Running => Started::Detached(id),
            crate::runtime::Launched::DetachedByKeys => Started::DetachedByKeys(id),
        }
    }
}

/// Makes the container of `req` (pulling and verifying as needed); nothing runs yet.
pub fn create(
    ctx: &Context,
    req: &CreateRequest,
    progress: &Progress,
) -> Result<(Runtime, ContainerState), Error> {
    // Refused before anything is pulled.
    crate::runtime::require_root()?;
    if ctx.cvm.is_some() {
        refuse_disk_binds(&req.run.config.volumes)?;
    }
    let mut rollback = Rollback::new(ctx);
    let got = acquire(ctx, &req.acquire(), &mut rollback, progress)?;
    // The image stays whatever becomes of the container (as docker's).
    rollback.keep();
    create_from(ctx, &got, &req.run)
}

impl CreateRequest {
    /// What the container's image is acquired with.
    pub fn acquire(&self) -> Acquire {
        Acquire {
            image: self.image.clone(),
            by_id: true,
            pull: Some(self.pull),
            platforms: self.platform.iter().cloned().collect(),
            all_platforms: false,
            trust: self.trust.clone(),
            keys: self.keys.clone(),
            sbom: self.sbom.clone(),
            container: true,
            // The SBOM check reads the layers where the container will.
            extract: if self.sbom.enabled {
                Extract::Always
            } else {
                Extract::No
            },
        }
    }
}

/// Makes a container of an image acquired before (by its caller, e.g.
/// compose before it starts anything): the network work is over, and the
/// command's network context is closed before the container is made.
pub fn create_from(
    ctx: &Context,
    got: &Acquired,
    run: &RunOptions,
) -> Result<(Runtime, ContainerState), Error> {
    if ctx.cvm.is_some() {
        refuse_disk_binds(&run.config.volumes)?;
    }
    ctx.close_net();
    let runtime = Runtime::new(&ctx.layout)
        .with_keys(got.keys.clone())
        .with_expansion(ctx.opts.config.expansion()?);
    let st = runtime.create(&ctx.images.store, &got.rec, got.image(), run)?;
    if ctx.cvm.is_some() {
        let recorded = super::cvm::record(
            ctx,
            &got.kbs,
            &crate::cvm::eventlog::Event::create_container(
                &st.name,
                &got.rec.name,
                &got.rec.target.digest.to_string(),
            ),
        );
        if let Err(e) = recorded {
            let _ = runtime.remove(&st.id, true);
            return Err(e);
        }
    }
    Ok((runtime, st))
}

/// Makes and starts the container of `req`: in the foreground until it
/// exits (or the detach keys), or detached.
pub fn run(
    ctx: &Context,
    req: &CreateRequest,
    how: &crate::runtime::Launch,
    progress: &Progress,
) -> Result<Started, Error> {
    let (runtime, st) = create(ctx, req, progress)?;
    Ok(Started::of(runtime.launch(&st.id, how)?, st.id))
}

/// In confidential-VM mode a container's data is plaintext: a writable bind
/// mount of a host directory on persistent storage would put it on disk.
/// Named volumes live in the mode's memory-backed storage; read-only binds
/// cannot be written.
fn refuse_disk_binds(volumes: &[crate::runtime::Volume]) -> Result<(), Error> {
    for v in volumes {
        if v.name.is_some() || v.read_only {
            continue;
        }
        if !crate::cvm::storage::is_memory_backed(&v.source) {
            return Err(crate::cvm::CvmError::NotInMode {
                what: format!(
                    "a writable bind mount of {} (persistent storage)",
                    v.source.display()
                ),
                instead: "a container's data may only go to memory-backed storage: mount it read-only (:ro), use a named volume, or a tmpfs".into(),
            }
            .into());
        }
    }
    Ok(())
}

/// A container's log rotation from docker's `--log-driver` and `--log-opt`
/// (compose's `logging`): json-file, the one driver ccr writes, with its
/// `max-size` (docker's sizes: `10m`, `1g`; -1 for no limit) and `max-file`.
pub fn log_config(
    driver: Option<&str>,
    opts: &[(String, String)],
) -> Result<crate::runtime::LogConfig, String> {
    // `local` is docker's rotated driver: ccr writes json-file, rotated.
    if let Some(d) = driver
        && !matches!(d, "json-file" | "local")
    {
        return Err(format!(
            "log driver {d:?}: ccr writes docker's json-file logs only"
        ));
    }
    let mut parsed = Vec::new();
    for (k, v) in opts {
        let n = match k.as_str() {
            "max-size" if v.trim() == "-1" => -1,
            "max-size" => crate::units::parse_bytes(v)
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("max-size {v:?}: not a size (10m, 1g, or -1)"))?,
            "max-file" => v
                .trim()
                .parse::<i64>()
                .map_err(|_| format!("max-file {v:?}: not a number"))?,
            // json-file's options about records' attributes and
            // compression: accepted, and without effect here.
            "labels" | "labels-regex" | "env" | "env-regex" | "compress" | "tag" => continue,
            _ => 0,
        };
        parsed.push((k.clone(), n));
    }
    crate::runtime::LogConfig::from_opts(&parsed)
}
