//! The instructions, one family a file: configuration changes and WORKDIR
//! (`config`), RUN with its mounts (`run`), COPY and ADD (`copy`); here,
//! what they share (mounting layers, scratch directories, the cache, the
//! begin/commit of a step, the sources of `--from`) and the export of the
//! final image.

mod config;
mod copy;
mod run;

use std::fs;
use std::path::{Path, PathBuf};

use crate::builder::cache::Cache;
use crate::builder::context::{Ignore, SourceRoot};
use crate::builder::layer::{self, Layer, Mount};
use crate::builder::{BuildError, BuildResult, Builder, Result, State};
use crate::image::ConfigChange;
use crate::oci::{self, Descriptor, Manifest};
use crate::store::ImageRecord;
use crate::unpack::snapshot::Snapshots;

fn components(path: &str) -> Vec<PathBuf> {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(n) => Some(PathBuf::from(n)),
            _ => None,
        })
        .collect()
}

/// `/a/b/../c` → `/a/c`, relative paths joined to `base`.
fn absolute(path: &str, base: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{path}", base.trim_end_matches('/'))
    };
    let mut out: Vec<&str> = Vec::new();
    for c in joined.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    format!("/{}", out.join("/"))
}

impl Builder<'_> {
    fn layer_dirs(&self, layers: &[Layer]) -> Result<Vec<PathBuf>> {
        let snaps = Snapshots::open(&self.layout)?.with_keys(self.opts.keys.clone());
        Ok(snaps.prepare_layers(
            &self.images.store,
            layers.iter().map(|l| (&l.desc, &l.diff_id)),
        )?)
    }

    fn mount(&self, layers: &[Layer], writable: bool) -> Result<Mount> {
        let dirs = self.layer_dirs(layers)?;
        let n = super::next_mount_id();
        let dir = self
            .layout
            .build_scratch()
            .join(format!("{}-{n}", std::process::id()));
        Mount::new(dir, &dirs, writable)
    }

    /// A private directory under the build area, removed when dropped.
    fn scratch_dir(&self) -> Result<tempfile::TempDir> {
        let parent = self.layout.build_scratch();
        let err = |e: std::io::Error| BuildError::Io {
            what: parent.display().to_string(),
            source: e,
        };
        fs::create_dir_all(&parent).map_err(err)?;
        tempfile::Builder::new()
            .prefix(&format!("{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(err)
    }

    fn cache(&self) -> Result<Cache> {
        Cache::open(&self.layout)
    }

    /// Starts the step at `state.key`. When the cache holds its result
    /// (and not `--no-cache`), records it in the history and returns `None`:
    /// the step is done.
    fn begin(
        &mut self,
        state: &mut State,
        title: &str,
        created_by: &str,
    ) -> Result<Option<super::Step>> {
        let step = self.printer.step(title);
        if self.opts.no_cache {
            return Ok(Some(step));
        }
        match self.cache()?.get(&self.images.store, &state.key) {
            None => Ok(Some(step)),
            Some(hit) => {
                step.cached();
                self.cached_steps += 1;
                state.history(created_by.to_string(), hit);
                Ok(None)
            }
        }
    }

    /// Turns what a step changed in its overlay into a layer, caches it
    /// under the step's key and records the step in the history.
    fn commit_work(
        &mut self,
        mut work: Mount,
        state: &mut State,
        created_by: String,
        step: &super::Step,
    ) -> Result<()> {
        work.unmount();
        let layer = layer::commit(
            &self.images.store,
            &work.upper(),
            layer::source_date_epoch(),
        )?;
        drop(work);
        self.cache()?
            .put(&self.images.store, &state.key, layer.as_ref())?;
        state.history(created_by, layer);
        step.done();
        Ok(())
    }

    /// What `--from=NAME` names: an earlier stage, else an image (pulled
    /// and verified like a base). Its layers, cache key and description.
    fn stage_or_image(&mut self, name: &str, me: usize) -> Result<(Vec<Layer>, String, String)> {
        match self.stage_index(name, me) {
            Some(j) => {
                let s = self.done[j]
                    .as_ref()
                    .ok_or_else(|| BuildError::Usage(format!("stage {name} was not built")))?;
                Ok((s.layers.clone(), s.key.to_string(), format!("stage {name}")))
            }
            None => {
                let platform = self.platform.clone();
                let (_, img) = self.base_image(name, &platform)?;
                Ok((
                    Layer::of_image(&img),
                    img.manifest_desc.digest.to_string(),
                    format!("image {name}"),
                ))
            }
        }
    }

    fn context_root(&mut self) -> Result<SourceRoot> {
        let dir = &self.opts.context;
        let ignore = match crate::bounded::read_to_string(
            &dir.join(".dockerignore"),
            crate::bounded::CONFIG_FILE,
        ) {
            Ok(t) => Ignore::parse(&t).map_err(BuildError::Usage)?,
            Err(_) => Ignore::default(),
        };
        Ok(SourceRoot {
            root: dir.canonicalize().map_err(|e| BuildError::Io {
                what: format!("build context {}", dir.display()),
                source: e,
            })?,
            ignore,
            keep_owner: false,
            what: "build context".into(),
        })
    }

    /// Writes the final image and names it.
    pub(in crate::builder) fn export(&mut self, mut state: State) -> Result<BuildResult> {
        if !self.opts.labels.is_empty() {
            ConfigChange::Labels(self.opts.labels.clone()).apply(state.config());
        }
        let step = self.printer.step("exporting to image");
        let store = &self.images.store;
        let mut image = state.image.clone();
        // One time for the image and the steps this build recorded: the
        // first export's of these same steps and inputs.
        let labels = serde_json::to_vec(&self.opts.labels).unwrap_or_default();
        let final_key = crate::digest::Digest::of(&[state.key.hex().as_bytes(), &labels].concat());
        let when = self.cache()?.created(&final_key);
        for h in image.history.iter_mut() {
            if h["created"] == super::PENDING {
                h["created"] = serde_json::json!(when);
            }
        }
        image.created = Some(when);
        let layers: Vec<Descriptor> = state
            .layers
            .iter()
            .map(|l| {
                let mut d = l.desc.clone();
                // The same bytes under the OCI name, as BuildKit exports them.
                if d.media_type == oci::DOCKER_LAYER_GZIP {
                    d.media_type = oci::OCI_LAYER_GZIP.into();
                }
                d
            })
            .collect();
        let config_desc = store.put_json(oci::OCI_CONFIG, &image)?;
        let manifest = Manifest::new(config_desc, layers);
        let target = store.put_json(oci::OCI_MANIFEST, &manifest)?;
        step.line(&format!("writing image {} done", target.digest));
        let names: Vec<String> = if self.opts.tags.is_empty() {
            vec![format!(
                "{}{}",
                crate::image::DANGLING_PREFIX,
                target.digest
            )]
        } else {
            self.opts.tags.iter().map(|t| t.store_name()).collect()
        };
        let records: Vec<ImageRecord> = names
            .iter()
            .map(|n| ImageRecord {
                name: n.clone(),
                target: target.clone(),
                in_repository: false,
            })
            .collect();
        store.set_images(&records)?;
        for t in &self.opts.tags {
            step.line(&format!("naming to {} done", t.store_name()));
        }
        step.done();
        Ok(BuildResult {
            target,
            names,
            runs_executed: self.runs_executed,
            cached_steps: self.cached_steps,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_against_the_workdir() {
        assert_eq!(absolute("app", "/"), "/app");
        assert_eq!(absolute("b/../c", "/a"), "/a/c");
        assert_eq!(absolute("/x/./y/", "/a"), "/x/y");
        assert_eq!(absolute("../../..", "/a"), "/");
    }
}
