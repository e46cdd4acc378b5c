//! A container from an image: the image made present as the pull policy
//! says (verified when a policy asks, which always consults the registry),
//! its platform chosen, its keys gathered, then the bundle made. Pulling is
//! async and running is not: the async runtime is gone before any
//! container process exists.

use std::sync::Arc;

use super::Context;
use super::block_on;
use super::keys::{KeyRequest, keyring};
use crate::error::Error;
use crate::image::{PullOptions, PullPolicy};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;
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
    let r = ImageRef::parse(&req.image)?;
    if ctx.cvm.is_some() {
        refuse_disk_binds(&req.run.config.volumes)?;
    }
    // In confidential-VM mode the policy is the KBS's, every time.
    let trust = super::cvm::pull_policy(ctx, req.trust.clone(), &req.keys.kbs)?;
    let pull = PullOptions {
        platforms: req.platform.iter().cloned().collect(),
        all_platforms: false,
        concurrency: 2,
        trust,
    };
    // An image id names local content; verification needs a registry name.
    let by_id = pull
        .trust
        .is_none()
        .then(|| ctx.images.lookup_id(&req.image))
        .flatten();
    let existed = ctx.images.store.image(&r.store_name())?.is_some();
    let rec = match by_id {
        Some(rec) => rec,
        None => block_on(ctx.images.ensure(&r, req.pull, &pull, progress))??,
    };
    let img = ctx.images.resolve_platform(&rec, req.platform.as_ref())?;
    let sbom_keys = if req.sbom.enabled {
        Some(super::sbom::sbom_keys(
            ctx,
            &r,
            &req.sbom.keys,
            pull.trust.as_deref(),
        )?)
    } else {
        None
    };
    let keys = match image_keys(ctx, &img, &req.keys) {
        Ok(k) => k,
        Err(e) => {
            // In confidential-VM mode keys the KBS does not release leave
            // nothing this command pulled.
            if ctx.cvm.is_some() && !existed {
                ctx.images
                    .store
                    .remove_images(std::slice::from_ref(&rec.name))?;
                ctx.images.collect_garbage()?;
            }
            return Err(e);
        }
    };
    if let Some(sbom_keys) = sbom_keys {
        // The container needs the layers extracted anyway: the check reads
        // them there, not the blobs a second time.
        crate::unpack::snapshot::Snapshots::open(&ctx.layout)?
            .with_keys(keys.clone())
            .with_expansion(ctx.opts.config.expansion()?)
            .prepare(&ctx.images.store, &img)?;
        match super::sbom::verify_pulled(
            ctx,
            &r,
            &rec,
            req.platform.as_ref(),
            &sbom_keys,
            keys.clone(),
        ) {
            Ok(n) => progress.line(format!(
                "Verified SBOM attestation on {}: its {n} packages are the content's",
                rec.target.digest
            )),
            Err(e) => {
                // A refused image leaves nothing this command pulled.
                if !existed {
                    super::pull::forget(ctx, &rec.name)?;
                }
                return Err(e);
            }
        }
    }
    make(ctx, &rec, &img, keys, &req.run)
}

/// Makes a container of the image `rec` already holds (pulled and verified
/// by its caller, e.g. compose before it starts anything): its platform
/// chosen, its keys gathered, the bundle made.
pub fn create_from(
    ctx: &Context,
    rec: &crate::store::ImageRecord,
    req: &CreateRequest,
) -> Result<(Runtime, ContainerState), Error> {
    if ctx.cvm.is_some() {
        refuse_disk_binds(&req.run.config.volumes)?;
    }
    let img = ctx.images.resolve_platform(rec, req.platform.as_ref())?;
    let keys = image_keys(ctx, &img, &req.keys)?;
    make(ctx, rec, &img, keys, &req.run)
}

/// The keys for `img`'s encrypted layers; in confidential-VM mode the
/// layers' own key ids, from the KBS after attestation.
pub(super) fn image_keys(
    ctx: &Context,
    img: &crate::oci::PlatformImage,
    req: &KeyRequest,
) -> Result<Arc<crate::crypt::Keyring>, Error> {
    let keys = keyring(ctx, req)?;
    if ctx.cvm.is_some() {
        return super::cvm::layer_keys(ctx, std::slice::from_ref(img), &keys, &req.kbs);
    }
    Ok(keys)
}

fn make(
    ctx: &Context,
    rec: &crate::store::ImageRecord,
    img: &crate::oci::PlatformImage,
    keys: Arc<crate::crypt::Keyring>,
    run: &RunOptions,
) -> Result<(Runtime, ContainerState), Error> {
    let runtime = Runtime::new(&ctx.layout)
        .with_keys(keys)
        .with_expansion(ctx.opts.config.expansion()?);
    let st = runtime.create(&ctx.images.store, rec, img, run)?;
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
