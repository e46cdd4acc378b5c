//! `pull`: resolve the reference to a digest once, fetch exactly that
//! content (manifests by digest, blobs hashed as they stream into the store),
//! and name the image only when everything it needs is present.

use std::collections::BTreeSet;
use std::sync::Arc;

use tokio::sync::Semaphore;

use super::{ImageError, Images, Result, is_attestation, platforms_text};
use crate::oci::{self, Descriptor, Document};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::registry::{RegistryError, Remote};
use crate::store::{ImageRecord, IngestStart, Store};
use crate::trust::TrustPolicy;

#[derive(Clone, Default)]
pub struct PullOptions {
    /// Signature requirements checked on the resolved digest before any
    /// content is fetched.
    pub trust: Option<Arc<TrustPolicy>>,
    /// Platforms to fetch from an index (empty: the host's).
    pub platforms: Vec<Platform>,
    pub all_platforms: bool,
    /// Downloads at once. Two saturate this kind of machine.
    pub concurrency: usize,
}

#[derive(Debug)]
pub struct PullResult {
    pub name: String,
    pub reference: ImageRef,
    pub target: Descriptor,
    /// Whether anything new was stored.
    pub downloaded: bool,
    /// Whether the name now points at other content than before.
    pub newer: bool,
}

impl PullResult {
    /// docker's closing lines (`Digest:`, `Status:`). The pull does not
    /// print them itself: its caller does, once every check it adds
    /// (decryption, unpacking) has passed.
    pub fn announce(&self, progress: &Progress) {
        progress.line(format!("Digest: {}", self.target.digest));
        let status = if self.newer {
            "Downloaded newer image for"
        } else {
            "Image is up to date for"
        };
        progress.line(format!(
            "Status: {status} {}",
            display_name(&self.reference)
        ));
    }
}

impl Images {
    pub async fn pull(
        &self,
        r: &ImageRef,
        opts: &PullOptions,
        progress: &Progress,
    ) -> Result<PullResult> {
        let _lease = self.store.lease()?;
        let remote = self.remote(r).await?;
        progress.line(format!(
            "{}: Pulling from {}",
            r.tag()
                .map(str::to_string)
                .or_else(|| r.digest().map(|d| d.to_string()))
                .unwrap_or_default(),
            r.familiar_name()
        ));
        // The one tag → digest resolution; everything after is by digest.
        let (top, top_bytes) = remote.fetch_manifest(r).await?;
        if let Some(trust) = opts.trust.as_ref().filter(|t| !t.is_empty()) {
            verify(trust, &remote, r, &top.digest, progress).await?;
        }
        let pinned = r.at_digest(&top.digest);
        let (docs, manifests) = self
            .fetch_manifests(&remote, r, &pinned, (top.clone(), top_bytes), opts)
            .await?;
        // Configs and layers, each once.
        let mut seen = BTreeSet::new();
        let blobs: Vec<Descriptor> = manifests
            .iter()
            .flat_map(|m| std::iter::once(&m.config).chain(m.layers.iter()))
            .filter(|d| seen.insert(d.digest.clone()))
            .cloned()
            .collect();
        // A config is read whole later: it is held to a manifest's limit.
        if let Some(big) = manifests
            .iter()
            .map(|m| &m.config)
            .find(|c| c.size > crate::registry::MAX_MANIFEST)
        {
            return Err(ImageError::Invalid {
                what: format!("{r}: image config {}", big.digest),
                why: format!(
                    "its descriptor says {} bytes, over the {} a config may have",
                    big.size,
                    crate::registry::MAX_MANIFEST
                ),
            });
        }
        // A platform asked for explicitly must be what a plain manifest is:
        // its config is fetched (quietly) and checked before any layer.
        let mut config_fetched = false;
        if let (Some(want), false) = (opts.platforms.first(), opts.all_platforms)
            && oci::is_manifest(&top.media_type)
        {
            let config = vec![manifests[0].config.clone()];
            config_fetched = self
                .fetch_blobs(&remote, &pinned, config, 1, &Progress::new(true))
                .await?;
            let img = self.platform_image_from(&manifests[0])?;
            if !want.matches(&img) {
                return Err(ImageError::NoMatchingPlatform {
                    reference: r.to_string(),
                    wanted: want.to_string(),
                    available: img.to_string(),
                });
            }
        }
        let downloaded = self
            .fetch_blobs(&remote, &pinned, blobs, opts.concurrency.max(1), progress)
            .await?
            || config_fetched;
        // Manifests last, children before parents, so that anything a name
        // reaches is whole.
        let new_docs = self.store_documents(&docs)?;
        let name = r.store_name();
        let previous = self.store.image(&name)?;
        let changed = previous.as_ref().map(|p| &p.target.digest) != Some(&top.digest);
        self.store.set_images(&[ImageRecord {
            name: name.clone(),
            target: top.clone(),
            in_repository: true,
        }])?;
        Ok(PullResult {
            name,
            reference: r.clone(),
            target: top,
            downloaded: downloaded || new_docs,
            newer: downloaded || new_docs || changed,
        })
    }

    /// The manifests the pull stores: the top document (as resolved), and
    /// for an index the selected children, each fetched by digest; the
    /// image manifests among them.
    async fn fetch_manifests(
        &self,
        remote: &Remote,
        r: &ImageRef,
        pinned: &ImageRef,
        top: (Descriptor, bytes::Bytes),
        opts: &PullOptions,
    ) -> Result<(Vec<(Descriptor, bytes::Bytes)>, Vec<oci::Manifest>)> {
        let (_, top_doc) = Document::parse(Some(&top.0.media_type), &top.1).map_err(|source| {
            ImageError::Document {
                what: r.to_string(),
                source,
            }
        })?;
        let mut docs = vec![top];
        let mut manifests = Vec::new();
        match top_doc {
            Document::Manifest(m) => manifests.push(m),
            Document::Index(idx) => {
                for child in self.select_children(r, &idx.manifests, opts)? {
                    let (desc, bytes) = remote
                        .fetch_manifest(&pinned.at_digest(&child.digest))
                        .await?;
                    match Document::parse(Some(&desc.media_type), &bytes) {
                        Ok((_, Document::Manifest(m))) => manifests.push(m),
                        Ok((_, Document::Index(_))) => {
                            return Err(ImageError::Invalid {
                                what: format!("{r} child {}", child.digest),
                                why: "nested indexes are not supported".into(),
                            });
                        }
                        Err(source) => {
                            return Err(ImageError::Document {
                                what: format!("{r} child {}", child.digest),
                                source,
                            });
                        }
                    }
                    docs.push((child.clone(), bytes));
                }
            }
        }
        Ok((docs, manifests))
    }

    /// Stores the documents, children before parents; whether any was new.
    fn store_documents(&self, docs: &[(Descriptor, bytes::Bytes)]) -> Result<bool> {
        let mut new_docs = false;
        for (desc, bytes) in docs.iter().rev() {
            if !self.store.has_blob(&desc.digest, Some(desc.size)) {
                new_docs = true;
            }
            let stored = self.store.put_blob(bytes)?;
            debug_assert_eq!(stored, desc.digest);
        }
        Ok(new_docs)
    }

    fn platform_image_from(&self, m: &oci::Manifest) -> Result<Platform> {
        let data = self.store.read_blob(&m.config.digest)?;
        let cfg: oci::ImageConfig =
            serde_json::from_slice(&data).map_err(|source| ImageError::Json {
                what: format!("image config {}", m.config.digest),
                source,
            })?;
        Ok(cfg.platform())
    }

    fn select_children<'a>(
        &self,
        r: &ImageRef,
        children: &'a [Descriptor],
        opts: &PullOptions,
    ) -> Result<Vec<&'a Descriptor>> {
        let images: Vec<&Descriptor> = children
            .iter()
            .filter(|c| !is_attestation(c))
            .filter(|c| oci::is_manifest(&c.media_type) || oci::is_index(&c.media_type))
            .collect();
        if opts.all_platforms {
            return Ok(images);
        }
        let wanted = if opts.platforms.is_empty() {
            vec![Platform::host()]
        } else {
            opts.platforms.clone()
        };
        let mut out = Vec::new();
        for want in &wanted {
            let found = images.iter().find(|c| {
                c.platform
                    .as_ref()
                    .is_some_and(|p| want.matches(&Platform::from(p)))
            });
            match found {
                Some(c) if !out.iter().any(|o: &&Descriptor| o.digest == c.digest) => out.push(*c),
                Some(_) => {}
                None => {
                    return Err(ImageError::NoMatchingPlatform {
                        reference: r.to_string(),
                        wanted: want.to_string(),
                        available: platforms_text(
                            images
                                .iter()
                                .filter_map(|c| c.platform.as_ref().map(Platform::from)),
                        ),
                    });
                }
            }
        }
        Ok(out)
    }

    /// Downloads the blobs not yet present, `concurrency` at a time. Returns
    /// whether anything was downloaded.
    async fn fetch_blobs(
        &self,
        remote: &Arc<Remote>,
        pinned: &ImageRef,
        blobs: Vec<Descriptor>,
        concurrency: usize,
        progress: &Progress,
    ) -> Result<bool> {
        let sem = Arc::new(Semaphore::new(concurrency));
        let mut tasks = tokio::task::JoinSet::new();
        let mut any = false;
        for desc in blobs {
            let id = desc.digest.short().to_string();
            let shown = super::blob_progress(progress, &desc);
            if self.store.has_blob(&desc.digest, Some(desc.size)) {
                shown.task(&id, None, "").finish("Already exists");
                continue;
            }
            any = true;
            let store: Arc<Store> = self.store.clone();
            let remote = remote.clone();
            let pinned = pinned.clone();
            let sem = sem.clone();
            let task = shown.task(&id, Some(desc.size), "Waiting");
            tasks.spawn(async move {
                let _permit = sem.acquire_owned().await.expect("semaphore open");
                let res = fetch_one(&store, &remote, &pinned, &desc, &task).await;
                match &res {
                    Ok(()) => task.finish("Pull complete"),
                    Err(e) => task.fail(&format!("failed: {e}")),
                }
                res
            });
        }
        let mut first_err = None;
        while let Some(joined) = tasks.join_next().await {
            let res = joined.unwrap_or_else(|e| Err(ImageError::Task(e)));
            if let Err(e) = res
                && first_err.is_none()
            {
                first_err = Some(e);
                // Stop the others: the pull has failed; what finished stays
                // for a retry, partial files resume.
                tasks.abort_all();
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(any),
        }
    }
}

async fn fetch_one(
    store: &Store,
    remote: &Remote,
    pinned: &ImageRef,
    desc: &Descriptor,
    task: &crate::progress::Task,
) -> Result<()> {
    let mut w = match store.ingest(Some(&desc.digest), Some(desc.size))? {
        IngestStart::Present => return Ok(()),
        IngestStart::Writer(w) => w,
    };
    task.set_message("Downloading");
    let t = task.clone();
    remote
        .fetch_blob(pinned, desc, &mut w, move |n| t.inc(n))
        .await?;
    task.set_message("Verifying");
    w.commit().map_err(RegistryError::from)?;
    Ok(())
}

fn display_name(r: &ImageRef) -> String {
    let name = r.familiar_name();
    match (r.tag(), r.digest()) {
        (Some(t), _) => format!("{name}:{t}"),
        (None, Some(d)) => format!("{name}@{d}"),
        _ => name,
    }
}

/// Checks the trust policy on exactly the resolved digest, before any
/// content is fetched, and says which signatures held.
async fn verify(
    trust: &TrustPolicy,
    remote: &Remote,
    r: &ImageRef,
    digest: &crate::digest::Digest,
    progress: &Progress,
) -> Result<()> {
    let verdict = trust.check(remote, r, digest).await?;
    for s in &verdict.signatures {
        progress.line(format!(
            "Verified signature ({}) on {digest}",
            match s.format {
                crate::trust::SignatureFormat::SimpleSigning => "cosign",
                crate::trust::SignatureFormat::Bundle => "sigstore bundle",
            },
        ));
    }
    Ok(())
}

/// `--pull` for run: when to contact the registry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PullPolicy {
    #[default]
    Missing,
    Always,
    Never,
}

impl PullPolicy {
    /// Whether `r` must be fetched now: verification (`verify`) always
    /// consults the registry, `Always` always fetches, `Missing` fetches
    /// what is not `present`. An error where the policy forbids what is
    /// needed.
    pub fn must_pull(self, r: &ImageRef, verify: bool, present: bool) -> Result<bool> {
        let needed = verify || self == PullPolicy::Always || !present;
        if needed && self == PullPolicy::Never {
            if verify {
                return Err(ImageError::NeverVerified(r.to_string()));
            }
            return Err(ImageError::NeverPulled(r.to_string()));
        }
        Ok(needed)
    }
}
