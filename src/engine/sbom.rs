//! SBOMs of images in the store (from their extracted layers, opened with
//! the image's keys, or streamed from the blobs), of a directory, or of an
//! OCI image layout on disk (its layers applied into a scratch directory
//! first); `--verify-sbom`'s check of pulled content against its signed
//! SBOM; the SBOMs a build records for `push --attest-sbom`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Context;
use crate::crypt::Keyring;
use crate::error::Error;
use crate::oci::PlatformImage;
use crate::platform::Platform;
use crate::reference::ImageRef;
use crate::sbom::document::{Sbom, Source, SourceKind};
use crate::sbom::tree::{Layer, Tree};
use crate::sbom::{self, SbomError};
use crate::unpack::snapshot::Snapshots;

/// `--verify-sbom`: whether to check the pulled content against its signed
/// SBOM, and the keys that signed it (outside CVM mode).
#[derive(Clone, Debug, Default)]
pub struct SbomCheck {
    pub enabled: bool,
    pub keys: Vec<std::path::PathBuf>,
}

/// The SBOM of one platform image in the store: from its extracted
/// layers when all are (a pulled image with keys, one a container ran
/// from), else read straight from the layer blobs, extracting nothing.
pub fn of_image(
    ctx: &Context,
    name: &str,
    img: &PlatformImage,
    keys: Arc<Keyring>,
) -> Result<Sbom, Error> {
    let snapshots = Snapshots::open(&ctx.layout)?
        .with_keys(keys)
        .with_expansion(ctx.opts.config.expansion()?);
    let diff_ids: Vec<String> = img
        .config
        .rootfs
        .diff_ids
        .iter()
        .map(|d| d.to_string())
        .collect();
    let layers = &img.manifest.layers;
    let extracted = img
        .config
        .rootfs
        .diff_ids
        .iter()
        .all(|d| snapshots.layer_dir(d).is_dir());
    let tree = if extracted || layers.len() != diff_ids.len() {
        let dirs = snapshots.prepare(&ctx.images.store, img)?;
        // The stack may start above an opaque root: the top layers match.
        let skip = diff_ids.len().saturating_sub(dirs.len());
        let layers: Vec<Layer> = dirs
            .into_iter()
            .zip(diff_ids.iter().skip(skip))
            .map(|(dir, id)| Layer {
                dir,
                id: Some(id.clone()),
            })
            .collect();
        Tree::from_layers(layers).map_err(|source| SbomError::Read {
            path: name.to_string(),
            source,
        })?
    } else {
        // Only a key holder may read an encrypted layer.
        for desc in layers {
            if crate::crypt::is_encrypted(desc) {
                snapshots.keys().open(desc)?;
            }
        }
        let store = &ctx.images.store;
        let open = |i: usize| -> std::io::Result<Box<dyn sbom::stream::LayerReader>> {
            let s = snapshots
                .stream(store, &layers[i], &img.config.rootfs.diff_ids[i])
                .map_err(std::io::Error::other)?;
            Ok(Box::new(Checked(s)))
        };
        let ids: Vec<Option<String>> = diff_ids.iter().cloned().map(Some).collect();
        sbom::stream::read(&ids, &open, &sbom::all_globs()).map_err(|e| stream_error(name, e))?
    };
    let platform = img.platform();
    let source = Source {
        kind: SourceKind::Image,
        name: name.to_string(),
        digest: img.manifest_desc.digest.to_string(),
        image_id: img.manifest.config.digest.to_string(),
        arch: platform.architecture.clone(),
        os: platform.os.clone(),
        tags: vec![name.to_string()],
        layers: diff_ids,
    };
    Ok(Sbom {
        source,
        catalog: sbom::catalog(&tree),
    })
}

/// A layer stream whose end checks its diff id (and HMAC).
struct Checked(crate::unpack::snapshot::LayerStream);

impl std::io::Read for Checked {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl sbom::stream::LayerReader for Checked {
    fn finish(self: Box<Self>) -> std::io::Result<()> {
        self.0.finish().map_err(std::io::Error::other)
    }
}

/// A snapshot error carried through the stream reader comes back as itself.
fn stream_error(name: &str, e: std::io::Error) -> Error {
    if e.get_ref()
        .is_some_and(|i| i.is::<crate::unpack::snapshot::SnapshotError>())
    {
        let inner = e.into_inner().expect("checked");
        return Error::Snapshot(*inner.downcast().expect("checked"));
    }
    SbomError::Read {
        path: name.to_string(),
        source: e,
    }
    .into()
}

pub fn of_directory(path: &Path) -> Result<Sbom, Error> {
    let tree = Tree::from_dir(path).map_err(|source| SbomError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(Sbom {
        source: Source::directory(&path.display().to_string()),
        catalog: sbom::catalog(&tree),
    })
}

/// An OCI image layout: its (platform's) manifest's layers applied, in
/// order, into a scratch directory under the data root, catalogued, and
/// the scratch removed.
pub(super) fn of_layout(
    ctx: &Context,
    dir: &Path,
    platform: Option<&Platform>,
) -> Result<Sbom, Error> {
    let index_path = dir.join("index.json");
    let index: serde_json::Value = serde_json::from_slice(
        &crate::bounded::read(&index_path, crate::bounded::CONFIG_FILE)
            .map_err(layout_io(&index_path))?,
    )
    .map_err(|e| Error::Usage(format!("{}: {e}", index_path.display())))?;
    let (manifest_digest, manifest) = layout_manifest(dir, &index, platform)?;
    let config_digest: crate::digest::Digest = manifest["config"]["digest"]
        .as_str()
        .unwrap_or("")
        .parse()
        .map_err(|_| Error::Usage(format!("{}: the manifest names no config", dir.display())))?;
    let config = layout_json(dir, &config_digest)?;
    let root = extract_layout_layers(ctx, dir, &manifest)?;
    let tree = Tree::from_dir(root.path()).map_err(|source| SbomError::Read {
        path: dir.display().to_string(),
        source,
    })?;
    let catalog = sbom::catalog(&tree);
    let name = index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| dir.display().to_string());
    Ok(Sbom {
        source: Source {
            kind: SourceKind::Image,
            name: name.clone(),
            digest: manifest_digest.to_string(),
            image_id: config_digest.to_string(),
            arch: config["architecture"].as_str().unwrap_or("").to_string(),
            os: config["os"].as_str().unwrap_or("").to_string(),
            tags: vec![name],
            layers: config["rootfs"]["diff_ids"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
        },
        catalog,
    })
}

fn layout_io(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { path, source }
}

/// A JSON blob of the layout at `dir`, checked against its digest.
fn layout_json(dir: &Path, d: &crate::digest::Digest) -> Result<serde_json::Value, Error> {
    let p = dir.join("blobs").join("sha256").join(d.hex());
    let bytes = crate::bounded::read(&p, crate::bounded::CONFIG_FILE).map_err(layout_io(&p))?;
    if crate::digest::Digest::of(&bytes) != *d {
        return Err(Error::Usage(format!(
            "{}: blob {d} does not match its digest",
            dir.display()
        )));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::Usage(format!("{}: blob {d}: {e}", dir.display())))
}

/// The manifest for `platform` (else this machine's), following the index
/// and nested indexes (at most 64 descriptors).
fn layout_manifest(
    dir: &Path,
    index: &serde_json::Value,
    platform: Option<&Platform>,
) -> Result<(crate::digest::Digest, serde_json::Value), Error> {
    let read_json = |d: &crate::digest::Digest| layout_json(dir, d);
    let want = platform.cloned().unwrap_or_else(Platform::host);
    // Follow the index (and nested indexes) to a manifest for the platform.
    let mut candidates: Vec<serde_json::Value> =
        index["manifests"].as_array().cloned().unwrap_or_default();
    let mut chosen = None;
    let mut hops = 0;
    while let Some(desc) = candidates.first().cloned() {
        hops += 1;
        if hops > 64 {
            break;
        }
        candidates.remove(0);
        let mt = desc["mediaType"].as_str().unwrap_or("");
        let d: crate::digest::Digest =
            desc["digest"].as_str().unwrap_or("").parse().map_err(|_| {
                Error::Usage(format!("{}: a descriptor without a digest", dir.display()))
            })?;
        if crate::oci::is_index(mt) {
            let nested = read_json(&d)?;
            candidates.extend(nested["manifests"].as_array().cloned().unwrap_or_default());
            continue;
        }
        let fits = match desc.get("platform") {
            Some(p) => {
                p["os"].as_str() == Some(want.os.as_str())
                    && p["architecture"].as_str() == Some(want.architecture.as_str())
            }
            None => true,
        };
        if fits {
            let m = read_json(&d)?;
            chosen = Some((d, m));
            break;
        }
    }
    let (manifest_digest, manifest) = chosen.ok_or_else(|| {
        Error::Usage(format!(
            "{}: no image for {want} in this layout",
            dir.display()
        ))
    })?;
    Ok((manifest_digest, manifest))
}

/// The manifest's layers applied, in order, into a scratch root (refused
/// when encrypted: a layout's keys are not at hand).
fn extract_layout_layers(
    ctx: &Context,
    dir: &Path,
    manifest: &serde_json::Value,
) -> Result<tempfile::TempDir, Error> {
    let io = layout_io;
    let scratch = ctx.layout.root().join("tmp");
    std::fs::create_dir_all(&scratch).map_err(io(&scratch))?;
    let root = tempfile::Builder::new()
        .prefix("sbom-")
        .tempdir_in(&scratch)
        .map_err(io(&scratch))?;
    let expansion = ctx.opts.config.expansion()?;
    for layer in manifest["layers"].as_array().into_iter().flatten() {
        let d: crate::digest::Digest = layer["digest"]
            .as_str()
            .unwrap_or("")
            .parse()
            .map_err(|_| Error::Usage(format!("{}: a layer without a digest", dir.display())))?;
        let mt = layer["mediaType"].as_str().unwrap_or("");
        if mt.contains("+encrypted") {
            return Err(Error::Usage(format!(
                "{}: layer {d} is encrypted; load the layout and give its keys",
                dir.display()
            )));
        }
        let p = dir.join("blobs").join("sha256").join(d.hex());
        let f = std::fs::File::open(&p).map_err(io(&p))?;
        let size = f.metadata().map(|m| m.len()).unwrap_or(0);
        let stream = crate::unpack::decompressed(f, mt)
            .map_err(crate::unpack::snapshot::SnapshotError::from_unpack(&d))?;
        crate::unpack::apply_layer(
            stream,
            root.path(),
            crate::unpack::Whiteouts::Apply,
            expansion.for_layer(size),
        )
        .map_err(crate::unpack::snapshot::SnapshotError::from_unpack(&d))?;
    }
    Ok(root)
}

/// The keys `--verify-sbom` checks SBOM attestations with: in CVM mode the
/// cosign keys of the KBS's image security policy for `r` (as for
/// signatures); otherwise the ones given.
pub fn sbom_keys(
    ctx: &Context,
    r: &ImageRef,
    given: &[std::path::PathBuf],
    policy: Option<&crate::trust::TrustPolicy>,
) -> Result<Vec<sigstore::crypto::CosignVerificationKey>, Error> {
    if ctx.cvm.is_some() {
        let keys = policy.map(|p| p.cosign_keys_for(r)).unwrap_or_default();
        if keys.is_empty() {
            return Err(crate::trust::TrustError::Invalid(format!(
                "SBOM verification: the image security policy from the KBS names no cosign key for {r}"
            ))
            .into());
        }
        return Ok(keys);
    }
    if given.is_empty() {
        return Err(Error::Usage(
            "--verify-sbom needs --cosign-key PUB (the key that signed the SBOM attestation)"
                .into(),
        ));
    }
    Ok(given
        .iter()
        .map(|p| crate::trust::keys::load_public(p))
        .collect::<Result<_, _>>()?)
}

const SBOM_PREDICATES: [&str; 2] = ["https://spdx.dev/Document", "https://cyclonedx.org/bom"];

/// `--verify-sbom`: the SBOM attestation of the image `rec` holds (on its
/// platform manifest, else on its index), verified with `keys`, must list
/// exactly the packages catalogued now from the pulled content (decrypted
/// with `layer_keys`). Licenses are each tool's reading and are not
/// compared; types, names, versions and PURLs are. Returns how many
/// packages matched.
pub fn verify_pulled(
    ctx: &Context,
    r: &ImageRef,
    rec: &crate::store::ImageRecord,
    platform: Option<&Platform>,
    keys: &[sigstore::crypto::CosignVerificationKey],
    layer_keys: Arc<Keyring>,
) -> Result<usize, Error> {
    use crate::trust::attest;
    let img = ctx.images.resolve_platform(rec, platform)?;
    let platform_digest = img.manifest_desc.digest.clone();
    let top = rec.target.digest.clone();
    let remote = ctx.block_on(ctx.images.remote(r))??;
    let mut rejected = Vec::new();
    let mut attested = Vec::new();
    for digest in [&platform_digest, &top] {
        let found = ctx.block_on(attest::verify(&remote, r, digest, keys, None))??;
        rejected.extend(found.rejected);
        attested.extend(
            found
                .verified
                .into_iter()
                .filter(|a| SBOM_PREDICATES.contains(&a.predicate_type.as_str())),
        );
        if !attested.is_empty() || digest == &top {
            break;
        }
    }
    if attested.is_empty() {
        return Err(crate::trust::TrustError::NoValidAttestation {
            reference: r.name(),
            digest: platform_digest,
            predicate_type: Some("spdx or cyclonedx".into()),
            why: if rejected.is_empty() {
                "none found".into()
            } else {
                rejected.join("; ")
            },
        }
        .into());
    }
    let now = of_image(ctx, &rec.name, &img, layer_keys)?;
    let regenerated = sbom::diff::entries(&sbom::spdx::write(&now), "the pulled image")?;
    let mut best: Option<sbom::diff::Report> = None;
    for a in &attested {
        let entries = match a.predicate() {
            serde_json::Value::String(_) => {
                return Err(SbomError::Unreadable {
                    what: format!("the SBOM attestation of {}", r.name()),
                    why: "an SPDX tag-value document; attest it as spdxjson to have it compared"
                        .into(),
                }
                .into());
            }
            v => sbom::diff::entries(v, "the attested SBOM")?,
        };
        let report = sbom::diff::compare(&entries, &regenerated, false);
        if report.is_empty() {
            return Ok(regenerated.len());
        }
        let size = |r: &sbom::diff::Report| r.added.len() + r.removed.len() + r.changed.len();
        if best.as_ref().is_none_or(|b| size(&report) < size(b)) {
            best = Some(report);
        }
    }
    let report = best.expect("at least one attestation was compared");
    Err(SbomError::Mismatch {
        image: r.name(),
        digest: platform_digest.to_string(),
        differences: sbom::diff::render(&report).trim_end().replace('\n', "; "),
    }
    .into())
}

/// Records the SBOM of a built image (`build --sbom`) for a later `push
/// --attest-sbom`, as SPDX JSON under the image's manifest digest.
pub fn record(
    ctx: &Context,
    manifest: &crate::digest::Digest,
    sbom: &Sbom,
) -> Result<PathBuf, Error> {
    let dir = ctx.layout.sboms();
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    let path = dir.join(format!("{}.spdx.json", manifest.hex()));
    let text = serde_json::to_vec_pretty(&sbom::spdx::write(sbom)).expect("serialises");
    crate::private_file::write(&path, &text, 0o600, crate::private_file::Existing::Replace)
        .map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    Ok(path)
}

/// The SBOM `build --sbom` recorded for this manifest, if any.
pub fn recorded(
    ctx: &Context,
    manifest: &crate::digest::Digest,
) -> Result<Option<serde_json::Value>, Error> {
    let path = ctx
        .layout
        .sboms()
        .join(format!("{}.spdx.json", manifest.hex()));
    match crate::bounded::read(&path, crate::trust::attest::MAX_ATTESTATION) {
        Ok(bytes) => Ok(Some(serde_json::from_slice(&bytes).map_err(|e| {
            SbomError::Unreadable {
                what: path.display().to_string(),
                why: e.to_string(),
            }
        })?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io { path, source }),
    }
}

/// After `image encrypt SRC DST`: each platform of `dst` gets the SBOM
/// recorded for the same platform of `src` (the content is the same, once
/// decrypted).
pub fn carry_over(ctx: &Context, src: &str, dst: &str) -> Result<(), Error> {
    let (Ok(s), Ok(d)) = (ctx.images.lookup_one(src), ctx.images.lookup_one(dst)) else {
        return Ok(());
    };
    let from = ctx.images.platform_images(&s.target)?;
    for img in ctx.images.platform_images(&d.target)? {
        let Some(orig) = from.iter().find(|o| o.platform() == img.platform()) else {
            continue;
        };
        let path = ctx
            .layout
            .sboms()
            .join(format!("{}.spdx.json", orig.manifest_desc.digest.hex()));
        if !path.exists() {
            continue;
        }
        let to = ctx
            .layout
            .sboms()
            .join(format!("{}.spdx.json", img.manifest_desc.digest.hex()));
        std::fs::copy(&path, &to).map_err(|source| Error::Io { path: to, source })?;
    }
    Ok(())
}
