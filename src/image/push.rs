//! `push`: upload the blobs a registry does not have yet, then the platform
//! manifests by digest, then the named manifest or index under the tag.

use std::collections::BTreeSet;

use super::{ImageError, Images, PlatformImage, Result};
use crate::digest::Digest;
use crate::oci::{self, Descriptor, Document, Index};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::registry::Remote;
use crate::store::ImageRecord;

#[derive(Clone, Debug, Default)]
pub struct PushOptions {
    pub platforms: Vec<Platform>,
    pub all_platforms: bool,
    /// Push this (e.g. an encrypted variant) instead of what the name points at.
    pub target: Option<Descriptor>,
}

#[derive(Debug)]
pub struct PushResult {
    pub reference: ImageRef,
    /// What the name now points at in the registry.
    pub target: Descriptor,
}

/// What to upload: platform manifests plus, for an index, the index.
struct Plan {
    platforms: Vec<PlatformImage>,
    top: Descriptor,
    top_bytes: Vec<u8>,
}

impl Images {
    pub async fn push(
        &self,
        r: &ImageRef,
        opts: &PushOptions,
        progress: &Progress,
    ) -> Result<PushResult> {
        let rec = self.lookup_one(&r.to_string())?;
        let target = opts.target.as_ref().unwrap_or(&rec.target);
        let plan = self.plan_push(&rec.name, target, opts)?;
        let remote = self.remote(r).await?;
        progress.line(format!("The push refers to repository [{}]", r.name()));
        remote.authorize_push(r).await?;
        let mut done = BTreeSet::new();
        for img in &plan.platforms {
            for desc in img.manifest.layers.iter().chain([&img.manifest.config]) {
                if !done.insert(desc.digest.clone()) {
                    continue;
                }
                self.push_blob(&remote, r, desc, progress).await?;
            }
            if img.manifest_desc.digest != plan.top.digest {
                let data = self.store.read_blob(&img.manifest_desc.digest)?;
                remote
                    .push_manifest(
                        &r.at_digest(&img.manifest_desc.digest),
                        &img.manifest_desc.media_type,
                        data,
                    )
                    .await?;
            }
        }
        if !self.store.has_blob(&plan.top.digest, None) {
            self.store.put_blob(&plan.top_bytes)?;
        }
        let dest = match (r.tag(), r.digest()) {
            (Some(_), _) => r.clone(),
            (None, Some(_)) => r.at_digest(&plan.top.digest),
            (None, None) => r.at_tag("latest"),
        };
        remote
            .push_manifest(&dest, &plan.top.media_type, plan.top_bytes.clone())
            .await?;
        progress.line(format!(
            "{}: digest: {} size: {}",
            dest.tag().unwrap_or("latest"),
            plan.top.digest,
            plan.top.size
        ));
        // The repository now holds the image by digest (docker's
        // RepoDigests); not so for a variant pushed in its place.
        if plan.top.digest == rec.target.digest && !rec.in_repository {
            self.store.set_images(&[ImageRecord {
                in_repository: true,
                ..rec
            }])?;
        }
        Ok(PushResult {
            reference: dest,
            target: plan.top,
        })
    }

    async fn push_blob(
        &self,
        remote: &Remote,
        r: &ImageRef,
        desc: &Descriptor,
        progress: &Progress,
    ) -> Result<()> {
        let id = desc.digest.short().to_string();
        if !self.store.has_blob(&desc.digest, Some(desc.size)) {
            return Err(ImageError::Incomplete {
                reference: r.to_string(),
                what: format!("blob {}", desc.digest),
            });
        }
        let shown = super::blob_progress(progress, desc);
        if remote.blob_exists(r, &desc.digest).await? {
            shown.task(&id, None, "").finish("Layer already exists");
            return Ok(());
        }
        let task = shown.task(&id, Some(desc.size), "Pushing");
        let t = task.clone();
        let res = remote
            .push_blob(r, desc, &self.store.blob_path(&desc.digest), move |n| {
                t.inc(n)
            })
            .await;
        match res {
            Ok(()) => {
                task.finish("Pushed");
                Ok(())
            }
            Err(e) => {
                task.fail("failed");
                Err(e.into())
            }
        }
    }

    /// Decides what to push for `target`: a manifest as it is; an index as it
    /// is when all its platforms are present; otherwise the platform images
    /// asked for (the host's by default).
    fn plan_push(&self, name: &str, target: &Descriptor, opts: &PushOptions) -> Result<Plan> {
        let as_is = |platforms| -> Result<Plan> {
            Ok(Plan {
                platforms,
                top: target.clone(),
                top_bytes: self.store.read_blob(&target.digest)?,
            })
        };
        if oci::is_manifest(&target.media_type) {
            let img = self.platform_image(target)?;
            if let Some(want) = opts.platforms.first()
                && !want.matches(&img.platform())
            {
                return Err(ImageError::NoMatchingPlatform {
                    reference: name.into(),
                    wanted: want.to_string(),
                    available: img.platform().to_string(),
                });
            }
            return as_is(vec![img]);
        }
        let (_, doc) = self.store.read_document(target)?;
        let Document::Index(index) = doc else {
            unreachable!("media type says index")
        };
        let present = self.platform_images(target)?;
        let wanted_children: Vec<&Descriptor> = index
            .manifests
            .iter()
            .filter(|c| oci::is_manifest(&c.media_type) && !super::is_attestation(c))
            .collect();
        let all_present = wanted_children
            .iter()
            .all(|c| present.iter().any(|p| p.manifest_desc.digest == c.digest));
        if opts.all_platforms || (opts.platforms.is_empty() && all_present) {
            if !all_present {
                let missing: Vec<String> = wanted_children
                    .iter()
                    .filter(|c| !present.iter().any(|p| p.manifest_desc.digest == c.digest))
                    .map(|c| {
                        c.platform
                            .as_ref()
                            .map(|p| Platform::from(p).to_string())
                            .unwrap_or_else(|| c.digest.to_string())
                    })
                    .collect();
                return Err(ImageError::Incomplete {
                    reference: name.into(),
                    what: missing.join(", "),
                });
            }
            return as_is(present);
        }
        let mut chosen = choose(name, &present, opts)?;
        if chosen.len() == 1 {
            let img = chosen.remove(0);
            return Ok(Plan {
                top: img.manifest_desc.clone(),
                top_bytes: self.store.read_blob(&img.manifest_desc.digest)?,
                platforms: vec![img],
            });
        }
        Ok(sub_index(&index, chosen))
    }
}

/// The present platform images `opts` asks for (the host's by default),
/// each once.
fn choose(name: &str, present: &[PlatformImage], opts: &PushOptions) -> Result<Vec<PlatformImage>> {
    let wanted = if opts.platforms.is_empty() {
        vec![Platform::host()]
    } else {
        opts.platforms.clone()
    };
    let mut chosen: Vec<PlatformImage> = Vec::new();
    for want in &wanted {
        let Some(img) = present.iter().find(|p| want.matches(&p.platform())) else {
            return Err(ImageError::Incomplete {
                reference: name.into(),
                what: want.to_string(),
            });
        };
        if !chosen
            .iter()
            .any(|c| c.manifest_desc.digest == img.manifest_desc.digest)
        {
            chosen.push(img.clone());
        }
    }
    Ok(chosen)
}

/// Several platforms out of a larger index: a new index of just those,
/// their entries (platforms, annotations) as the original has them.
fn sub_index(index: &Index, chosen: Vec<PlatformImage>) -> Plan {
    let children = chosen
        .iter()
        .map(|img| {
            index
                .manifests
                .iter()
                .find(|c| c.digest == img.manifest_desc.digest)
                .cloned()
                .unwrap_or_else(|| img.manifest_desc.clone())
        })
        .collect();
    let media_type = index
        .media_type
        .clone()
        .unwrap_or_else(|| oci::OCI_INDEX.into());
    let new_index = Index::new(&media_type, children);
    let bytes = serde_json::to_vec(&new_index).expect("index serialises");
    Plan {
        top: Descriptor::new(&media_type, Digest::of(&bytes), bytes.len() as u64),
        top_bytes: bytes,
        platforms: chosen,
    }
}
