//! `save` and `load`: image archives. `save` writes an OCI image layout as a
//! tar (with docker's `manifest.json` beside it, as containerd does); `load`
//! reads that, any OCI layout tar, or a classic `docker save` archive.
//! Blobs stream through the store's verified ingest; nothing is named until
//! everything an image needs is present.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_json::json;

use super::{ImageError, Images, Result};
use crate::digest::Digest;
use crate::oci::{self, Descriptor, Index};
use crate::reference::ImageRef;
use crate::store::{ImageRecord, IngestStart, StoreError};

#[derive(Debug)]
pub struct LoadedImage {
    pub name: String,
    pub target: Descriptor,
}

const METADATA_FILES: &[&str] = &["index.json", "manifest.json", "oci-layout", "repositories"];

fn archive_err(what: impl Into<String>, why: impl ToString) -> ImageError {
    ImageError::Invalid {
        what: what.into(),
        why: why.to_string(),
    }
}

fn tar_header(path: &str, size: u64, mode: u32) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_path(path).expect("short ASCII path");
    h.set_size(size);
    h.set_mode(mode);
    h.set_mtime(0);
    h.set_entry_type(if path.ends_with('/') {
        tar::EntryType::Directory
    } else {
        tar::EntryType::Regular
    });
    h.set_cksum();
    h
}

/// Normalises a tar entry path (`./a/b` → `a/b`), refusing escapes.
fn clean_path(p: &Path) -> Option<String> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            _ => return None,
        }
    }
    out.to_str().map(str::to_string)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerManifestEntry {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

/// What an archive held: blobs by path (now in the store), links by
/// path, and the layout's metadata files.
struct ArchiveContents {
    files: BTreeMap<String, (Digest, u64)>,
    links: BTreeMap<String, String>,
    meta: BTreeMap<String, Vec<u8>>,
}

impl ArchiveContents {
    /// The blob at `p`, following links (at most 8).
    fn resolve(&self, p: &str) -> Option<(Digest, u64)> {
        let mut p = clean_path(Path::new(p))?;
        for _ in 0..8 {
            if let Some(f) = self.files.get(&p) {
                return Some(f.clone());
            }
            p = self.links.get(&p)?.clone();
        }
        None
    }
}

impl Images {
    /// Writes the named images, with all their local content, as one tar.
    pub fn save(&self, inputs: &[String], out: impl Write) -> Result<()> {
        let mut records = Vec::new();
        for i in inputs {
            for rec in self.lookup(i)? {
                if !records.iter().any(|r: &ImageRecord| r.name == rec.name) {
                    records.push(rec);
                }
            }
        }
        let mut blobs = BTreeSet::new();
        let mut docker_manifest = Vec::new();
        for rec in &records {
            blobs.extend(self.store.reachable(std::slice::from_ref(&rec.target)));
            if let Ok(img) = self.resolve_platform(rec, None) {
                let (repo, tag) = super::list::split_name(&rec.name);
                docker_manifest.push(json!({
                    "Config": format!("blobs/sha256/{}", img.manifest.config.digest.hex()),
                    "RepoTags": if tag == "<none>" { vec![] } else { vec![format!("{repo}:{tag}")] },
                    "Layers": img.manifest.layers.iter()
                        .map(|l| format!("blobs/sha256/{}", l.digest.hex())).collect::<Vec<_>>(),
                }));
            }
        }
        let index = Index::new(
            oci::OCI_INDEX,
            records.iter().map(|r| r.target.clone()).collect(),
        );
        let mut tar = tar::Builder::new(out);
        let wr = |e: io::Error| archive_err("writing the archive", e);
        let add = |tar: &mut tar::Builder<_>, path: &str, data: &[u8]| {
            tar.append(&tar_header(path, data.len() as u64, 0o644), data)
                .map_err(wr)
        };
        add(&mut tar, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
        for dir in ["blobs/", "blobs/sha256/"] {
            tar.append(&tar_header(dir, 0, 0o755), io::empty())
                .map_err(wr)?;
        }
        for d in &blobs {
            let f = self.store.open_blob(d)?;
            let size = f.metadata().map_err(wr)?.len();
            let path = format!("blobs/sha256/{}", d.hex());
            tar.append(&tar_header(&path, size, 0o444), f).map_err(wr)?;
        }
        add(
            &mut tar,
            "index.json",
            &serde_json::to_vec(&index).expect("serialises"),
        )?;
        add(
            &mut tar,
            "manifest.json",
            &serde_json::to_vec(&docker_manifest).expect("serialises"),
        )?;
        tar.into_inner().map_err(wr)?.flush().map_err(wr)?;
        Ok(())
    }

    /// Reads an archive and names the images it carries.
    pub fn load(&self, input: impl Read) -> Result<Vec<LoadedImage>> {
        let lease = self.store.lease()?;
        let contents = self.read_archive(input)?;
        let loaded = if let Some(index) = contents.meta.get("index.json") {
            self.oci_images(index)?
        } else if let Some(m) = contents.meta.get("manifest.json") {
            self.docker_images(m, &contents)?
        } else {
            return Err(archive_err(
                "the archive",
                "it has neither index.json (OCI) nor manifest.json (docker save)",
            ));
        };
        let records: Vec<ImageRecord> = loaded
            .iter()
            .filter(|l| !l.name.is_empty())
            .map(|l| ImageRecord {
                name: l.name.clone(),
                target: l.target.clone(),
                in_repository: false,
            })
            .collect();
        self.store.set_images(&records)?;
        drop(lease);
        self.collect_garbage()?;
        Ok(loaded)
    }

    /// Every regular file of the archive into the store (checked against
    /// the digest its `blobs/sha256/` path names), its links, and the
    /// layout's metadata files.
    fn read_archive(&self, input: impl Read) -> Result<ArchiveContents> {
        let mut archive = tar::Archive::new(input);
        let mut files: BTreeMap<String, (Digest, u64)> = BTreeMap::new();
        let mut links: BTreeMap<String, String> = BTreeMap::new();
        let mut meta: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let entries = archive
            .entries()
            .map_err(|e| archive_err("the archive", e))?;
        for entry in entries {
            let mut entry = entry.map_err(|e| archive_err("the archive", e))?;
            let raw_path = entry
                .path()
                .map_err(|e| archive_err("an archive entry", e))?
                .into_owned();
            let path = clean_path(&raw_path).ok_or_else(|| {
                archive_err(
                    format!("archive entry {}", raw_path.display()),
                    "path escapes the archive",
                )
            })?;
            match entry.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {}
                tar::EntryType::Symlink | tar::EntryType::Link => {
                    if let Ok(Some(target)) = entry.link_name() {
                        let base = Path::new(&path).parent().unwrap_or(Path::new(""));
                        let joined = if entry.header().entry_type() == tar::EntryType::Link {
                            target.to_path_buf()
                        } else {
                            base.join(target)
                        };
                        if let Some(t) = normalize(&joined) {
                            links.insert(path, t);
                        }
                    }
                    continue;
                }
                _ => continue,
            }
            if METADATA_FILES.contains(&path.as_str()) {
                let mut data = Vec::new();
                entry
                    .by_ref()
                    .take(16 << 20)
                    .read_to_end(&mut data)
                    .map_err(|e| archive_err(format!("archive entry {path}"), e))?;
                meta.insert(path, data);
                continue;
            }
            let expected = path
                .strip_prefix("blobs/sha256/")
                .and_then(|h| format!("sha256:{h}").parse::<Digest>().ok());
            let size = entry.header().size().ok();
            let digest = match self.store.ingest(expected.as_ref(), size)? {
                IngestStart::Present => expected.clone().expect("present implies a digest"),
                IngestStart::Writer(mut w) => {
                    if w.offset() > 0 {
                        w.restart()?;
                    }
                    io::copy(&mut entry, &mut w)
                        .map_err(|e| archive_err(format!("archive entry {path}"), e))?;
                    w.commit()
                        .map_err(|e| match e {
                            StoreError::DigestMismatch { .. } => {
                                archive_err(format!("archive entry {path}"), format!("{e}"))
                            }
                            other => other.into(),
                        })?
                        .0
                }
            };
            let len = self.store.blob_size(&digest).unwrap_or(0);
            files.insert(path, (digest, len));
        }
        Ok(ArchiveContents { files, links, meta })
    }

    /// The images an OCI layout's index.json names.
    fn oci_images(&self, index: &[u8]) -> Result<Vec<LoadedImage>> {
        let mut loaded = Vec::new();
        let index: Index = serde_json::from_slice(index)
            .map_err(|e| archive_err("the archive's index.json", e))?;
        for desc in index.manifests {
            let name = desc
                .annotations
                .get(oci::ANNOTATION_IMAGE_NAME)
                .cloned()
                .or_else(|| {
                    desc.annotations
                        .get(oci::ANNOTATION_REF_NAME)
                        .filter(|n| n.contains('/') || n.contains(':'))
                        .cloned()
                });
            if !self.store.has_blob(&desc.digest, Some(desc.size)) {
                return Err(archive_err(
                    "the archive",
                    format!("its index names {} but does not contain it", desc.digest),
                ));
            }
            self.check_complete(&desc)?;
            let Some(name) = name else {
                loaded.push(LoadedImage {
                    name: String::new(),
                    target: desc,
                });
                continue;
            };
            let r = ImageRef::parse(&name)?;
            let mut target = desc.clone();
            target.annotations.clear();
            loaded.push(LoadedImage {
                name: r.store_name(),
                target,
            });
        }
        Ok(loaded)
    }

    /// The images of a classic `docker save` archive's manifest.json, each
    /// given an OCI manifest.
    fn docker_images(&self, m: &[u8], contents: &ArchiveContents) -> Result<Vec<LoadedImage>> {
        let mut loaded = Vec::new();
        let entries: Vec<DockerManifestEntry> =
            serde_json::from_slice(m).map_err(|e| archive_err("the archive's manifest.json", e))?;
        for e in entries {
            let missing = |p: &str| {
                archive_err(
                    "the archive",
                    format!("manifest.json names {p} but it is not in the archive"),
                )
            };
            let (cfg_digest, cfg_size) = contents
                .resolve(&e.config)
                .ok_or_else(|| missing(&e.config))?;
            let config = self.store.read_blob(&cfg_digest)?;
            let cfg: oci::ImageConfig = serde_json::from_slice(&config)
                .map_err(|err| archive_err(format!("image config {}", e.config), err))?;
            let mut layers = Vec::new();
            for l in &e.layers {
                let (d, size) = contents.resolve(l).ok_or_else(|| missing(l))?;
                let mut head = [0u8; 2];
                let mut f = self.store.open_blob(&d)?;
                let gz = f.read_exact(&mut head).is_ok() && head == [0x1f, 0x8b];
                let mt = if gz {
                    oci::OCI_LAYER_GZIP
                } else {
                    oci::OCI_LAYER_TAR
                };
                layers.push(Descriptor::new(mt, d, size));
            }
            if layers.len() != cfg.rootfs.diff_ids.len() {
                return Err(archive_err(
                    format!("image config {}", e.config),
                    "the number of layers does not match rootfs.diff_ids",
                ));
            }
            let config = Descriptor::new(oci::OCI_CONFIG, cfg_digest, cfg_size);
            let target = self
                .store
                .put_json(oci::OCI_MANIFEST, &oci::Manifest::new(config, layers))?;
            let tags = e.repo_tags.unwrap_or_default();
            if tags.is_empty() {
                loaded.push(LoadedImage {
                    name: String::new(),
                    target: target.clone(),
                });
            }
            for t in tags {
                let r = ImageRef::parse(&t)?;
                loaded.push(LoadedImage {
                    name: r.store_name(),
                    target: target.clone(),
                });
            }
        }
        Ok(loaded)
    }

    /// Checks that at least one platform of `desc` is complete in the store.
    fn check_complete(&self, desc: &Descriptor) -> Result<()> {
        let imgs = self.platform_images(desc)?;
        if imgs.is_empty() {
            return Err(archive_err(
                "the archive",
                format!(
                    "image {} is missing its manifests, config or layers",
                    desc.digest
                ),
            ));
        }
        Ok(())
    }
}

fn normalize(p: &Path) -> Option<String> {
    let mut out: Vec<&std::ffi::OsStr> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    let pb: PathBuf = out.iter().collect();
    pb.to_str().map(str::to_string)
}
