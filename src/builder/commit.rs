//! `ccr commit`: a new image from a container's changes: its writable
//! layer as one more layer over its image's, the image's config with the
//! container's command, entrypoint and environment, and a history entry.

use crate::digest::Digest;
use crate::image::Images;
use crate::oci::{self, Manifest};
use crate::reference::ImageRef;
use crate::runtime::Runtime;
use crate::store::ImageRecord;

use super::{BuildError, Result};

/// What `commit` is asked for.
#[derive(Clone, Debug, Default)]
pub struct CommitOptions {
    pub container: String,
    /// The new image's name; none: only its id.
    pub tag: Option<ImageRef>,
    pub message: Option<String>,
    pub author: Option<String>,
    /// Freeze the container while its layer is read (docker's default).
    pub pause: bool,
    /// Dockerfile instructions applied to the new image's config
    /// (`--change 'CMD ["sh"]'`), after the container's own settings.
    pub changes: Vec<crate::image::ConfigChange>,
}

/// Commits the container; the new image's manifest digest.
pub fn commit(images: &Images, runtime: &Runtime, opts: &CommitOptions) -> Result<Digest> {
    let st = runtime.find(&opts.container)?;
    if !st.overlay {
        return Err(BuildError::Usage(format!(
            "container {}: commit needs the overlayfs snapshotter (its root is a private copy)",
            st.name
        )));
    }
    let rec = images.lookup_one(&st.image)?;
    let img = images.resolve_platform(&rec, None)?;
    let paused =
        opts.pause && st.status.is_running() && !st.paused && runtime.pause(&st.id).is_ok();
    let upper = runtime.container_dir(&st.id).join("upper");
    let layer = super::layer::commit(&images.store, &upper, None);
    if paused {
        let _ = runtime.unpause(&st.id);
    }
    let layer = layer?;
    let mut config = img.config.clone();
    let when = crate::image::creation_time();
    if let Some(c) = config.config.as_mut().and_then(|c| c.as_object_mut()) {
        let o = &st.options;
        if !o.command.is_empty() {
            c.insert("Cmd".into(), serde_json::json!(o.command));
        }
        match (&o.entrypoint_args, &o.entrypoint) {
            (Some(e), _) => {
                c.insert("Entrypoint".into(), serde_json::json!(e));
            }
            (None, Some(e)) => {
                c.insert("Entrypoint".into(), serde_json::json!([e]));
            }
            _ => {}
        }
        if !o.env.is_empty() {
            let mut env: Vec<String> = c
                .get("Env")
                .and_then(|e| e.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            for kv in &o.env {
                let k = kv.split_once('=').map_or(kv.as_str(), |(k, _)| k);
                env.retain(|e| e.split_once('=').map_or(e.as_str(), |(ek, _)| ek) != k);
                env.push(kv.clone());
            }
            c.insert("Env".into(), serde_json::json!(env));
        }
    }
    if !opts.changes.is_empty() {
        let c = config.config.get_or_insert_with(|| serde_json::json!({}));
        if let Some(map) = c.as_object_mut() {
            for change in &opts.changes {
                change.apply(map);
            }
        }
    }
    let mut history = serde_json::json!({
        "created": when,
        "created_by": format!("ccr commit {}", st.name),
        "comment": opts.message.clone().unwrap_or_default(),
    });
    if let Some(a) = &opts.author {
        history["author"] = serde_json::json!(a);
    }
    if layer.is_none() {
        history["empty_layer"] = serde_json::json!(true);
    }
    config.history.push(history);
    config.created = Some(when);
    let mut layers = img.manifest.layers.clone();
    if let Some(l) = &layer {
        config.rootfs.diff_ids.push(l.diff_id.clone());
        layers.push(l.desc.clone());
    }
    let store = &images.store;
    let config_desc = store.put_json(oci::OCI_CONFIG, &config)?;
    let target = store.put_json(oci::OCI_MANIFEST, &Manifest::new(config_desc, layers))?;
    let name = match &opts.tag {
        Some(t) => t.store_name(),
        None => format!("{}{}", crate::image::DANGLING_PREFIX, target.digest),
    };
    store.set_images(&[ImageRecord {
        name,
        target: target.clone(),
        in_repository: false,
    }])?;
    Ok(target.digest)
}
