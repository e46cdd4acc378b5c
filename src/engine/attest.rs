//! Attestations of images in their registry: `image attest` (a predicate
//! from a file, or an SBOM generated on the spot from exactly the attested
//! content), `image verify-attestation`, `image download attestation|sbom`.
//!
//! The reference is resolved to a digest once; everything after works on
//! that digest. With `recursive`, an index's platform manifests are
//! attested (each with its own SBOM) and so is the index (with all of
//! them); verification checks every platform too.

use std::path::PathBuf;
use std::sync::Arc;

use sigstore::crypto::CosignVerificationKey;
use sigstore::crypto::signing_key::SigStoreSigner;

use super::Context;
use super::keys::KeyRequest;
use crate::digest::Digest;
use crate::error::Error;
use crate::oci::{self, Document};
use crate::platform::Platform;
use crate::progress::Progress;
use crate::reference::ImageRef;
use crate::registry::Remote;
use crate::sbom::document::Sbom;
use crate::trust::TrustError;
use crate::trust::attest::{self, Attached, Attestation};

/// What a generated SBOM predicate is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SbomFormat {
    Spdx,
    CycloneDx,
}

#[derive(Clone, Debug)]
pub enum Predicate {
    /// `--predicate FILE`, as cosign reads it.
    File(PathBuf),
    /// `--sbom`: generated from the image's content.
    Sbom(SbomFormat),
}

pub struct AttestRequest {
    pub image: String,
    /// cosign's `--type`.
    pub kind: String,
    pub predicate: Predicate,
    pub recursive: bool,
    pub replace: bool,
    /// Keys for encrypted layers (an SBOM of an encrypted image).
    pub keys: KeyRequest,
    /// Legacy `.att` tag, bundle referrer, or both.
    pub format: crate::trust::bundle::WriteFormat,
}

#[derive(Debug, serde::Serialize)]
pub struct Attested {
    pub digest: Digest,
    /// The platform whose content the predicate describes (an SBOM).
    pub platform: Option<String>,
    pub predicate_type: String,
    /// In cosign 2's `.att` tag, when written.
    #[serde(flatten)]
    pub attached: Option<Attached>,
    /// As a bundle referrer, when written.
    pub bundle: Option<crate::trust::bundle::Attached>,
}

impl Attested {
    /// False when the attestation was already there in every format asked for.
    pub fn added(&self) -> bool {
        self.attached.as_ref().is_some_and(|a| a.added)
            || self.bundle.as_ref().is_some_and(|b| b.added)
    }

    /// Where it went, as `image attest` and `push --attest-sbom` say it.
    pub fn whereabouts(&self) -> String {
        let mut parts = Vec::new();
        if let Some(a) = &self.attached {
            parts.push(a.tag.clone());
        }
        if let Some(b) = &self.bundle {
            parts.push(format!("bundle referrer {}", b.referrer));
        }
        parts.join(" and ")
    }
}

/// Attaches a signed statement's envelope to `digest` in the formats asked
/// for: cosign 2's `.att` tag, a bundle referrer, or both.
#[allow(clippy::too_many_arguments)]
fn attach_in(
    ctx: &Context,
    remote: &crate::registry::Remote,
    repo: &ImageRef,
    digest: &Digest,
    envelope: Vec<u8>,
    predicate_type: &str,
    replace: bool,
    format: crate::trust::bundle::WriteFormat,
    signer: &SigStoreSigner,
) -> Result<(Option<Attached>, Option<crate::trust::bundle::Attached>), Error> {
    use crate::trust::bundle;
    let referrer = if format.bundle() {
        let env: serde_json::Value =
            serde_json::from_slice(&envelope).expect("an envelope is JSON");
        let statement = base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            env["payload"].as_str().unwrap_or_default(),
        )
        .unwrap_or_default();
        let b = bundle::bundle(env, &bundle::key_hint(signer)?);
        let key = signer
            .to_verification_key()
            .map_err(|e| crate::trust::TrustError::Invalid(format!("signing key: {e}")))?;
        Some(ctx.block_on(async {
            let (subject, _) = remote.fetch_manifest(&repo.at_digest(digest)).await?;
            let what = bundle::ToAttach {
                bundle: b,
                statement: &statement,
                key: &key,
                predicate_type,
            };
            bundle::attach(remote, repo, &subject, what, replace).await
        })??)
    } else {
        None
    };
    let legacy = if format.legacy() {
        Some(ctx.block_on(attest::attach(
            remote,
            repo,
            digest,
            envelope,
            predicate_type,
            replace,
        ))??)
    } else {
        None
    };
    Ok((legacy, referrer))
}

/// A resolved image: its digest, and for an index its platform manifests.
pub struct Resolved {
    pub reference: ImageRef,
    pub digest: Digest,
    pub platforms: Vec<(Digest, Option<Platform>)>,
}

impl Resolved {
    pub fn is_index(&self) -> bool {
        !self.platforms.is_empty()
    }
}

/// Resolves `r` once: its digest and, for an index, its platform manifests
/// (attestation manifests that buildkit adds are not platforms).
pub async fn resolve(remote: &Remote, r: &ImageRef) -> Result<Resolved, Error> {
    let (top, bytes) = remote.fetch_manifest(r).await?;
    let mut platforms = Vec::new();
    if oci::is_index(&top.media_type) {
        let (_, doc) = Document::parse(Some(&top.media_type), &bytes).map_err(|source| {
            crate::image::ImageError::Document {
                what: r.to_string(),
                source,
            }
        })?;
        for c in doc.children() {
            if oci::is_manifest(&c.media_type) && !crate::image::is_attestation(c) {
                platforms.push((c.digest.clone(), c.platform.as_ref().map(Platform::from)));
            }
        }
    }
    Ok(Resolved {
        reference: r.clone(),
        digest: top.digest,
        platforms,
    })
}

/// SBOMs of the resolved image's content, by platform manifest digest:
/// the image is pulled by digest (never by its tag again) and each
/// platform catalogued.
fn sboms(
    ctx: &Context,
    resolved: &Resolved,
    keys: &KeyRequest,
    progress: &Progress,
) -> Result<Vec<(Digest, Sbom)>, Error> {
    let by_digest = resolved.reference.at_digest(&resolved.digest);
    let mut rollback = super::acquire::Rollback::new(ctx);
    let got = super::acquire::acquire(
        ctx,
        &super::acquire::Acquire {
            image: by_digest.to_string(),
            all_platforms: resolved.is_index(),
            keys: keys.clone(),
            ..Default::default()
        },
        &mut rollback,
        progress,
    )?;
    rollback.keep();
    let name = resolved.reference.to_string();
    got.images
        .iter()
        .map(|img| {
            let sbom = super::sbom::of_image(ctx, &name, img, got.keys.clone())?;
            Ok((img.manifest_desc.digest.clone(), sbom))
        })
        .collect()
}

/// The command's connection to `r`'s repository, and `r` resolved through
/// it: one network step.
fn connect_resolved(ctx: &Context, r: &ImageRef) -> Result<(Arc<Remote>, Resolved), Error> {
    ctx.block_on(async {
        let remote = ctx.images.remote(r).await?;
        let resolved = resolve(&remote, r).await?;
        Ok::<_, Error>((remote, resolved))
    })?
}

fn render(sbom: &Sbom, format: SbomFormat) -> serde_json::Value {
    match format {
        SbomFormat::Spdx => crate::sbom::spdx::write(sbom),
        SbomFormat::CycloneDx => {
            crate::sbom::cyclonedx::write(sbom, crate::sbom::cyclonedx::DEFAULT_VERSION)
        }
    }
}

/// Attests the image `req` names with `signer`.
pub fn attest(
    ctx: &Context,
    req: &AttestRequest,
    signer: &SigStoreSigner,
    progress: &Progress,
) -> Result<Vec<Attested>, Error> {
    let r = ImageRef::parse(&req.image)?;
    let predicate_type = attest::predicate_type(&req.kind)?;
    let (remote, resolved) = connect_resolved(ctx, &r)?;
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    // (subject digest, platform described, predicate)
    let mut targets: Vec<(Digest, Option<String>, serde_json::Value)> = Vec::new();
    match &req.predicate {
        Predicate::File(path) => {
            let bytes = crate::bounded::read(path, attest::MAX_ATTESTATION).map_err(|source| {
                Error::Io {
                    path: path.clone(),
                    source,
                }
            })?;
            let p = attest::predicate(&req.kind, &bytes, &now)?;
            targets.push((resolved.digest.clone(), None, p.clone()));
            if req.recursive {
                for (d, _) in &resolved.platforms {
                    targets.push((d.clone(), None, p.clone()));
                }
            }
        }
        Predicate::Sbom(format) => {
            if !matches!(req.kind.as_str(), "spdx" | "spdxjson" | "cyclonedx") {
                return Err(Error::Usage(format!(
                    "--sbom makes an SBOM predicate: use --type spdxjson or cyclonedx, not {}",
                    req.kind
                )));
            }
            if resolved.is_index() && !req.recursive {
                return Err(Error::Usage(format!(
                    "{r} is an index of {} platforms: --recursive attests each platform with its own SBOM (and the index with all of them)",
                    resolved.platforms.len()
                )));
            }
            for (digest, sbom) in sboms(ctx, &resolved, &req.keys, progress)? {
                let platform = Some(format!("{}/{}", sbom.source.os, sbom.source.arch));
                let p = render(&sbom, *format);
                if resolved.is_index() {
                    targets.push((resolved.digest.clone(), platform.clone(), p.clone()));
                }
                targets.push((digest, platform, p));
            }
        }
    }
    let mut out = Vec::new();
    for (digest, platform, predicate) in targets {
        let statement = attest::statement(&r, &digest, &predicate_type, predicate);
        let envelope = attest::envelope(&statement, signer)?;
        let (attached, bundle) = attach_in(
            ctx,
            &remote,
            &r,
            &digest,
            envelope,
            &predicate_type,
            req.replace,
            req.format,
            signer,
        )?;
        out.push(Attested {
            digest,
            platform,
            predicate_type: predicate_type.clone(),
            attached,
            bundle,
        });
    }
    Ok(out)
}

pub struct VerifyRequest {
    pub image: String,
    pub keys: Vec<PathBuf>,
    /// cosign's `--type` (default `custom`, as cosign's).
    pub kind: String,
    pub recursive: bool,
    pub platform: Option<Platform>,
}

#[derive(Debug)]
pub struct VerifiedDigest {
    pub digest: Digest,
    pub attestations: Vec<Attestation>,
}

fn load_keys(paths: &[PathBuf]) -> Result<Vec<CosignVerificationKey>, Error> {
    if paths.is_empty() {
        return Err(TrustError::KeylessUnavailable {
            what: "attestation verification",
        }
        .into());
    }
    Ok(paths
        .iter()
        .map(|p| crate::trust::keys::load_public(p))
        .collect::<Result<_, _>>()?)
}

/// The digests a verification or download looks at: the image, every
/// platform too with `recursive`, or only the named platform's manifest.
fn subjects(
    resolved: &Resolved,
    recursive: bool,
    platform: Option<&Platform>,
) -> Result<Vec<Digest>, Error> {
    if let Some(want) = platform
        && resolved.is_index()
    {
        let found = resolved
            .platforms
            .iter()
            .find(|(_, p)| p.as_ref().is_some_and(|p| p.matches(want)))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{}: no manifest for {want} in the index",
                    resolved.reference
                ))
            })?;
        return Ok(vec![found.0.clone()]);
    }
    let mut out = vec![resolved.digest.clone()];
    if recursive {
        out.extend(resolved.platforms.iter().map(|(d, _)| d.clone()));
    }
    Ok(out)
}

/// Verifies the attestations of the image `req` names: each digest looked
/// at must carry at least one of `req.kind`, signed by one of the keys,
/// about exactly that digest.
pub fn verify(ctx: &Context, req: &VerifyRequest) -> Result<Vec<VerifiedDigest>, Error> {
    let r = ImageRef::parse(&req.image)?;
    let keys = load_keys(&req.keys)?;
    let predicate_type = attest::predicate_type(&req.kind)?;
    let (remote, resolved) = connect_resolved(ctx, &r)?;
    let mut out = Vec::new();
    for digest in subjects(&resolved, req.recursive, req.platform.as_ref())? {
        let found = ctx.block_on(attest::verify(
            &remote,
            &r,
            &digest,
            &keys,
            Some(&predicate_type),
        ))??;
        if found.verified.is_empty() {
            let why = if found.rejected.is_empty() {
                "none found".to_string()
            } else {
                found.rejected.join("; ")
            };
            return Err(TrustError::NoValidAttestation {
                reference: r.name(),
                digest,
                predicate_type: Some(predicate_type),
                why,
            }
            .into());
        }
        out.push(VerifiedDigest {
            digest,
            attestations: found.verified,
        });
    }
    Ok(out)
}

/// Every attestation stored for the image, unverified, of `predicate_type`
/// when given.
pub fn download(
    ctx: &Context,
    image: &str,
    predicate_kind: Option<&str>,
    platform: Option<&Platform>,
) -> Result<Vec<Attestation>, Error> {
    let r = ImageRef::parse(image)?;
    let want = predicate_kind.map(attest::predicate_type).transpose()?;
    let (remote, resolved) = connect_resolved(ctx, &r)?;
    let digests = subjects(&resolved, false, platform)?;
    let mut out = Vec::new();
    ctx.block_on(async {
        for digest in &digests {
            let (found, _) = attest::download(&remote, &r, digest).await?;
            for a in found {
                // One statement stored in both formats is listed once.
                if want.as_deref().is_none_or(|w| a.predicate_type == w)
                    && !out.iter().any(|o: &Attestation| o.statement == a.statement)
                {
                    out.push(a);
                }
            }
        }
        Ok::<_, Error>(())
    })??;
    Ok(out)
}

/// Where an SBOM came from.
pub enum SbomSource {
    /// The predicate of an SBOM attestation a key verified.
    Attestation { predicate_type: String },
    /// The deprecated `.sbom` attachment: nobody vouches for it.
    Attachment { media_type: String },
}

/// The image's SBOM: with keys, the predicate of a verified SPDX or
/// CycloneDX attestation; without, the unsigned `.sbom` attachment.
pub fn download_sbom(
    ctx: &Context,
    image: &str,
    keys: &[PathBuf],
    platform: Option<&Platform>,
) -> Result<(SbomSource, Vec<u8>), Error> {
    let r = ImageRef::parse(image)?;
    let (remote, resolved) = connect_resolved(ctx, &r)?;
    let digest = subjects(&resolved, false, platform)?.remove(0);
    if keys.is_empty() {
        return match ctx.block_on(attest::sbom_attachment(&remote, &r, &digest))?? {
            Some((media_type, bytes)) => Ok((SbomSource::Attachment { media_type }, bytes)),
            None => Err(Error::Usage(format!(
                "{}@{digest}: no SBOM attachment; give --key to read a signed SBOM attestation instead",
                r.name()
            ))),
        };
    }
    let keys = load_keys(keys)?;
    let found = ctx.block_on(attest::verify(&remote, &r, &digest, &keys, None))??;
    let sbom_types = ["https://spdx.dev/Document", "https://cyclonedx.org/bom"];
    let a = found
        .verified
        .into_iter()
        .find(|a| sbom_types.contains(&a.predicate_type.as_str()))
        .ok_or_else(|| TrustError::NoValidAttestation {
            reference: r.name(),
            digest: digest.clone(),
            predicate_type: Some("spdx or cyclonedx".into()),
            why: if found.rejected.is_empty() {
                "none found".into()
            } else {
                found.rejected.join("; ")
            },
        })?;
    let bytes = match a.predicate() {
        serde_json::Value::String(s) => s.clone().into_bytes(),
        v => serde_json::to_vec_pretty(v).expect("serialises"),
    };
    Ok((
        SbomSource::Attestation {
            predicate_type: a.predicate_type,
        },
        bytes,
    ))
}

/// `push --sign --attest-sbom`: the pushed image (`pushed`, at its digest)
/// attested with the SBOM of each local platform image of `local` (the one
/// `build --sbom` recorded, else one made now); for an index, each platform
/// manifest and the index.
pub fn attest_pushed_sboms(
    ctx: &Context,
    pushed: &ImageRef,
    local: &crate::store::ImageRecord,
    signer: &SigStoreSigner,
    keys: &KeyRequest,
    format: crate::trust::bundle::WriteFormat,
) -> Result<Vec<Attested>, Error> {
    let predicate_type = attest::predicate_type("spdxjson")?;
    let (remote, resolved) = connect_resolved(ctx, pushed)?;
    let images = ctx.images.platform_images(&local.target)?;
    let mut targets = Vec::new();
    for img in &images {
        let digest = &img.manifest_desc.digest;
        let predicate = match super::sbom::recorded(ctx, digest)? {
            Some(p) => p,
            None => {
                let k = super::acquire::keys_for(ctx, std::slice::from_ref(img), keys)?;
                render(
                    &super::sbom::of_image(ctx, &local.name, img, k)?,
                    SbomFormat::Spdx,
                )
            }
        };
        // The pushed manifest of this platform (the same digest unless the
        // push encrypted it: then the one the index lists for its platform).
        let subject = if resolved.is_index() {
            resolved
                .platforms
                .iter()
                .find(|(d, p)| {
                    d == digest || p.as_ref().is_some_and(|p| p.matches(&img.platform()))
                })
                .map(|(d, _)| d.clone())
        } else {
            Some(resolved.digest.clone())
        };
        if let Some(d) = subject {
            targets.push((d, predicate.clone()));
        }
        if resolved.is_index() {
            targets.push((resolved.digest.clone(), predicate));
        }
    }
    let mut out = Vec::new();
    for (digest, predicate) in targets {
        let statement = attest::statement(pushed, &digest, &predicate_type, predicate);
        let envelope = attest::envelope(&statement, signer)?;
        let (attached, bundle) = attach_in(
            ctx,
            &remote,
            pushed,
            &digest,
            envelope,
            &predicate_type,
            true,
            format,
            signer,
        )?;
        out.push(Attested {
            digest,
            platform: None,
            predicate_type: predicate_type.clone(),
            attached,
            bundle,
        });
    }
    Ok(out)
}
