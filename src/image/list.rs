//! Listing, inspecting, tagging, removing and pruning local images.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

use super::{ImageError, Images, PlatformImage, Result, platforms_text};
use crate::digest::Digest;
use crate::format::{human_since, human_size};
use crate::oci::Descriptor;
use crate::platform::Platform;
use crate::reference::{ImageRef, familiar};
use crate::store::ImageRecord;

/// One row of `ccr images`; serialised as nerdctl's `--format json` lines.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageSummary {
    pub repository: String,
    pub tag: String,
    /// The repository's digest of the image (docker's `.Digest`), or
    /// `<none>` where the repository has never held it.
    pub digest: String,
    #[serde(rename = "ID")]
    pub id: String,
    /// The whole id, `sha256:...` (`--no-trunc`).
    #[serde(skip)]
    pub full_id: String,
    pub created_at: String,
    pub created_since: String,
    pub platform: String,
    pub size: String,
    pub blob_size: String,
    #[serde(skip)]
    pub name: String,
    /// The image config's labels (for `--filter label=`).
    #[serde(skip)]
    pub labels: std::collections::BTreeMap<String, String>,
}

/// `images --filter`: `dangling=true|false`, `reference=PATTERN` (a glob
/// over `repo:tag` and `repo`), `label=KEY[=VALUE]`, `before=IMAGE`,
/// `since=IMAGE`. Values of one key are alternatives; keys must all hold.
#[derive(Clone, Debug, Default)]
pub struct ImageFilter {
    by: std::collections::BTreeMap<String, Vec<String>>,
}

impl ImageFilter {
    pub fn parse(given: &[String]) -> Result<ImageFilter> {
        let mut by: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for f in given {
            let bad = |why: &str| ImageError::Invalid {
                what: format!("filter {f:?}"),
                why: why.into(),
            };
            let (k, v) = f.split_once('=').ok_or_else(|| bad("use KEY=VALUE"))?;
            match k {
                "dangling" if !["true", "false"].contains(&v) => {
                    return Err(bad("dangling is true or false"));
                }
                "reference" if glob::Pattern::new(v).is_err() => return Err(bad("not a pattern")),
                "dangling" | "reference" | "label" | "before" | "since" => {}
                _ => return Err(bad("use dangling, reference, label, before or since")),
            }
            by.entry(k.to_string()).or_default().push(v.to_string());
        }
        Ok(ImageFilter { by })
    }

    /// Keeps the rows that match, newest first; `before`/`since` name
    /// images among `rows`.
    pub fn apply(&self, mut rows: Vec<ImageSummary>) -> Result<Vec<ImageSummary>> {
        let created = |name: &str| -> Result<String> {
            rows.iter()
                .find(|r| {
                    format!("{}:{}", r.repository, r.tag) == name
                        || r.repository == name
                        || r.id == name
                        || r.full_id == name
                })
                .map(|r| r.created_at.clone())
                .ok_or_else(|| ImageError::NoSuchImage(name.to_string()))
        };
        let mut bounds = Vec::new();
        for (k, values) in &self.by {
            if k == "before" || k == "since" {
                for v in values {
                    bounds.push((k.clone(), created(v)?));
                }
            }
        }
        let keep = |r: &ImageSummary| {
            self.by.iter().all(|(k, values)| {
                values.iter().any(|v| match k.as_str() {
                    "dangling" => r.name.starts_with(DANGLING_PREFIX) == (v == "true"),
                    "reference" => glob::Pattern::new(v).is_ok_and(|p| {
                        p.matches(&format!("{}:{}", r.repository, r.tag))
                            || p.matches(&r.repository)
                    }),
                    "label" => {
                        crate::filters::label_matches(|k| r.labels.get(k).map(String::as_str), v)
                    }
                    _ => true,
                })
            }) && bounds.iter().all(|(k, t)| match k.as_str() {
                "before" => r.created_at < *t,
                _ => r.created_at > *t,
            })
        };
        rows.retain(|r| keep(r));
        rows.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        Ok(rows)
    }
}

/// One row of `ccr history`, newest first; serialised with docker's
/// `--format` field names.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HistoryRow {
    /// The image id on the newest row, `<missing>` on the others (as docker
    /// shows an image whose intermediate images are not local).
    #[serde(rename = "ID")]
    pub id: String,
    pub created_at: String,
    pub created_since: String,
    pub created_by: String,
    /// The layer's size as stored (compressed), `0B` for a step without one.
    pub size: String,
    pub comment: String,
    #[serde(skip)]
    pub size_bytes: u64,
}

#[derive(Debug, Default)]
pub struct RemoveReport {
    pub untagged: Vec<String>,
    pub deleted: Vec<Digest>,
}

#[derive(Debug, Default)]
pub struct PruneReport {
    pub untagged: Vec<String>,
    pub reclaimed_bytes: u64,
}

/// The name an untagged image (a build without `-t`) is kept under:
/// `<none>@sha256:…`, shown as `<none>  <none>`.
pub const DANGLING_PREFIX: &str = "<none>@";

/// Splits a store name into docker's REPOSITORY and TAG columns.
pub fn split_name(name: &str) -> (String, String) {
    if let Some((repo, _)) = name.split_once('@') {
        return (familiar(repo), "<none>".into());
    }
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[slash..].rfind(':') {
        Some(i) => (
            familiar(&name[..slash + i]),
            name[slash + i + 1..].to_string(),
        ),
        None => (familiar(name), "latest".into()),
    }
}

impl Images {
    fn blob_total(&self, target: &Descriptor) -> u64 {
        self.store
            .reachable(std::slice::from_ref(target))
            .iter()
            .filter_map(|d| self.store.blob_size(d))
            .sum()
    }

    /// `ccr images [REPOSITORY[:TAG]]`.
    pub fn list(&self, filter: Option<&str>) -> Result<Vec<ImageSummary>> {
        let filter = match filter {
            Some(f) => {
                let r = ImageRef::parse(f)?;
                let last = f.rsplit('/').next().unwrap_or(f);
                let explicit_tag = last.contains(':') || f.contains('@');
                Some((r, explicit_tag))
            }
            None => None,
        };
        let mut out = Vec::new();
        let all = self.store.images()?;
        for rec in &all {
            if let Some((r, explicit_tag)) = &filter {
                let repo_matches = rec.name.starts_with(&format!("{}:", r.name()))
                    || rec.name.starts_with(&format!("{}@", r.name()));
                if !repo_matches || (*explicit_tag && rec.name != r.store_name()) {
                    continue;
                }
            }
            // docker: a repository's digest shows on each of its tags.
            let held = all.iter().any(|o| {
                o.in_repository
                    && o.target.digest == rec.target.digest
                    && split_name(&o.name).0 == split_name(&rec.name).0
            });
            out.push(self.summary(rec, held)?);
        }
        Ok(out)
    }

    fn summary(&self, rec: &ImageRecord, held: bool) -> Result<ImageSummary> {
        let (repository, tag) = split_name(&rec.name);
        let imgs = self.platform_images(&rec.target).unwrap_or_default();
        let host = Platform::host();
        let main = imgs
            .iter()
            .find(|i| host.matches(&i.platform()))
            .or(imgs.first());
        let created = main.and_then(|i| i.config.created.clone());
        let size: u64 = imgs.iter().map(content_size).sum();
        Ok(ImageSummary {
            repository,
            tag,
            digest: if held {
                rec.target.digest.to_string()
            } else {
                "<none>".into()
            },
            id: rec.target.digest.short().to_string(),
            full_id: rec.target.digest.to_string(),
            created_at: created.clone().unwrap_or_default(),
            created_since: human_since(created.as_deref()),
            platform: platforms_text(imgs.iter().map(|i| i.platform())),
            size: human_size(size),
            blob_size: human_size(self.blob_total(&rec.target)),
            name: rec.name.clone(),
            labels: main
                .and_then(|i| i.config.config.as_ref())
                .and_then(|c| c.get("Labels"))
                .and_then(|l| l.as_object())
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    /// `ccr history`: the image's build steps, newest first, each with the
    /// layer it added. Without history in the config, one row per layer.
    pub fn history(&self, input: &str, platform: Option<&Platform>) -> Result<Vec<HistoryRow>> {
        let rec = self.lookup_one(input)?;
        let img = self.resolve_platform(&rec, platform)?;
        let mut layers = img.manifest.layers.iter();
        let mut rows = Vec::new();
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        if img.config.history.is_empty() {
            for l in layers.by_ref() {
                rows.push((String::new(), String::new(), String::new(), l.size));
            }
        }
        for h in &img.config.history {
            let size = match h["empty_layer"].as_bool() {
                Some(true) => 0,
                _ => layers.next().map_or(0, |l| l.size),
            };
            rows.push((
                text(&h["created"]),
                text(&h["created_by"]),
                text(&h["comment"]),
                size,
            ));
        }
        Ok(rows
            .into_iter()
            .rev()
            .enumerate()
            .map(|(i, (created, by, comment, size))| HistoryRow {
                id: if i == 0 {
                    rec.target.digest.short().to_string()
                } else {
                    "<missing>".into()
                },
                created_since: if created.is_empty() {
                    "N/A".into()
                } else {
                    human_since(Some(&created))
                },
                created_at: created,
                created_by: by,
                size: human_size(size),
                comment,
                size_bytes: size,
            })
            .collect())
    }

    /// `ccr image inspect`: docker's shape, one object per image.
    pub fn inspect(&self, input: &str, platform: Option<&Platform>) -> Result<Value> {
        let rec = self.lookup_one(input)?;
        let img = self.resolve_platform(&rec, platform)?;
        let all = self.store.images()?;
        let same: Vec<&ImageRecord> = all
            .iter()
            .filter(|r| r.target.digest == rec.target.digest)
            .collect();
        let repo_tags: Vec<String> = same
            .iter()
            .filter(|r| !r.name.contains('@'))
            .map(|r| {
                let (repo, tag) = split_name(&r.name);
                format!("{repo}:{tag}")
            })
            .collect();
        let repo_digests: BTreeSet<String> = same
            .iter()
            .filter(|r| r.in_repository)
            .map(|r| format!("{}@{}", split_name(&r.name).0, rec.target.digest))
            .collect();
        let c = &img.config;
        let plain = |d: &Descriptor| {
            let mut d = d.clone();
            d.annotations.remove(crate::oci::ANNOTATION_IMAGE_NAME);
            d.annotations.remove(crate::oci::ANNOTATION_REF_NAME);
            d
        };
        let mut v = json!({
            "Id": rec.target.digest.to_string(),
            "RepoTags": repo_tags,
            "RepoDigests": repo_digests,
            "Comment": "",
            "Created": c.created.clone().unwrap_or_default(),
            "Author": c.author.clone().unwrap_or_default(),
            "Config": c.config.clone().unwrap_or(json!({})),
            "Architecture": c.architecture,
            "Os": c.os,
            "Size": content_size(&img),
            "RootFS": {
                "Type": c.rootfs.kind,
                "Layers": c.rootfs.diff_ids.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            },
            "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"},
            "Descriptor": plain(&rec.target),
            "Manifest": plain(&img.manifest_desc),
            "ConfigDigest": img.manifest.config.digest.to_string(),
        });
        if let Some(variant) = &c.variant {
            v["Variant"] = json!(variant);
        }
        if let Some(comment) = c.history.last().and_then(|h| h.get("comment")) {
            v["Comment"] = comment.clone();
        }
        Ok(v)
    }

    /// `ccr tag SOURCE TARGET`.
    pub fn tag(&self, source: &str, target: &str) -> Result<String> {
        let rec = self.lookup_one(source)?;
        let dst = ImageRef::parse(target)?;
        if dst.digest().is_some() {
            return Err(ImageError::Invalid {
                what: target.into(),
                why: "a tag target cannot contain a digest".into(),
            });
        }
        let name = dst.store_name();
        // The repository's digest goes with a new tag in the same
        // repository, not into another one.
        let in_repository = rec.in_repository && split_name(&name).0 == split_name(&rec.name).0;
        self.store.set_images(&[ImageRecord {
            name: name.clone(),
            target: rec.target,
            in_repository,
        }])?;
        Ok(name)
    }

    /// `ccr rmi NAME|ID`: removes the name (or every name of an id with
    /// `force`), reporting what was untagged and which images are gone.
    /// `in_use` names the images that containers were created from: those
    /// need `force`, as with docker.
    pub fn remove(
        &self,
        input: &str,
        force: bool,
        in_use: &BTreeSet<String>,
    ) -> Result<RemoveReport> {
        let by_name = ImageRef::parse(input)
            .ok()
            .map(|r| r.store_name())
            .filter(|n| self.store.image(n).ok().flatten().is_some());
        let names: Vec<String> = match by_name {
            Some(n) => vec![n],
            None => {
                let recs = self.lookup(input)?;
                if recs.len() > 1 && !force {
                    return Err(ImageError::Invalid {
                        what: format!("unable to delete {input} (must be forced)"),
                        why: format!(
                            "image is referenced in multiple repositories ({})",
                            recs.iter()
                                .map(|r| r.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
                recs.into_iter().map(|r| r.name).collect()
            }
        };
        if !force && let Some(used) = names.iter().find(|n| in_use.contains(*n)) {
            let (repo, tag) = split_name(used);
            return Err(ImageError::Invalid {
                what: format!("unable to remove repository reference {repo}:{tag} (must force)"),
                why: "a container is using its referenced image; remove the container first, or use -f".into(),
            });
        }
        let removed = self.store.remove_images(&names)?;
        let remaining: BTreeSet<Digest> = self
            .store
            .images()?
            .into_iter()
            .map(|r| r.target.digest)
            .collect();
        let mut report = RemoveReport::default();
        for rec in removed {
            let (repo, tag) = split_name(&rec.name);
            report.untagged.push(if tag == "<none>" {
                format!("{repo}@{}", rec.target.digest)
            } else {
                format!("{repo}:{tag}")
            });
            if !remaining.contains(&rec.target.digest)
                && !report.deleted.contains(&rec.target.digest)
            {
                report.deleted.push(rec.target.digest);
            }
        }
        Ok(report)
    }

    /// Frees blobs no image needs any more. Skipped (returns false) while
    /// another ccr is pulling or loading; `image prune` waits instead.
    pub fn collect_garbage(&self) -> Result<bool> {
        Ok(self.store.gc(false, &[])?.is_some())
    }

    /// `ccr image prune [-a]`. Without `all`, dangling images (untagged
    /// builds), unreferenced content and abandoned downloads go; with it
    /// every image no container uses does.
    /// `filter` (`until`, `label`, `label!`) narrows what goes.
    pub fn prune(
        &self,
        all: bool,
        in_use: &BTreeSet<String>,
        filter: &crate::filters::PruneFilter,
    ) -> Result<PruneReport> {
        let mut report = PruneReport::default();
        {
            let names: Vec<String> = self
                .store
                .images()?
                .into_iter()
                .filter(|r| all || r.name.starts_with(DANGLING_PREFIX))
                .filter(|r| !in_use.contains(&r.name))
                .filter(|r| {
                    // Judged by the image's (first platform's) config.
                    let img = self
                        .platform_images(&r.target)
                        .ok()
                        .and_then(|i| i.into_iter().next());
                    let created = img.as_ref().and_then(|i| i.config.created.clone());
                    let labels = img
                        .as_ref()
                        .and_then(|i| i.config.config.as_ref())
                        .map(|c| c["Labels"].clone())
                        .unwrap_or_default();
                    filter.allows(created.as_deref(), |k| {
                        labels.get(k).and_then(|v| v.as_str())
                    })
                })
                .map(|r| r.name)
                .collect();
            for rec in self.store.remove_images(&names)? {
                let (repo, tag) = split_name(&rec.name);
                report.untagged.push(if tag == "<none>" {
                    format!("{repo}@{}", rec.target.digest)
                } else {
                    format!("{repo}:{tag}")
                });
            }
        }
        if let Some(gc) = self.store.gc(true, &[])? {
            report.reclaimed_bytes = gc.reclaimed_bytes;
        }
        Ok(report)
    }
}

fn content_size(img: &PlatformImage) -> u64 {
    img.manifest.config.size + img.manifest.layers.iter().map(|l| l.size).sum::<u64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_names() {
        assert_eq!(
            split_name("docker.io/library/busybox:latest"),
            ("busybox".into(), "latest".into())
        );
        assert_eq!(
            split_name("localhost:5000/a/b:v1"),
            ("localhost:5000/a/b".into(), "v1".into())
        );
        let d = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert_eq!(
            split_name(&format!("localhost:5000/a@{d}")),
            ("localhost:5000/a".into(), "<none>".into())
        );
    }
}
