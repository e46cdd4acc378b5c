//! The images of the local store, as `images`, `tag`, `history`, `image
//! inspect`, `save`, `load`, `import`, `image convert`, `image decrypt`
//! and `manifest` see them. Pulling, pushing and building are
//! [`acquire`](super::acquire)'s, [`push`](super::push)'s and
//! [`build`](super::build)'s; encryption with its recipients is
//! [`keys`](super::keys)'s.

use std::io::{Read, Write};

use super::Context;
use crate::error::Error;
use crate::image::convert::LayerFormat;
use crate::image::{
    CryptOptions, HistoryRow, ImageError, ImageFilter, ImageSummary, ImportOptions, LoadedImage,
};
use crate::oci::Descriptor;
use crate::platform::Platform;
use crate::reference::ImageRef;

/// `tag`: `target` names what `source` names.
pub fn tag(ctx: &Context, source: &str, target: &str) -> Result<(), Error> {
    ctx.images.tag(source, target)?;
    Ok(())
}

/// `images`: the stored images (of `repository` when given) `filter`
/// lets through.
pub fn list(
    ctx: &Context,
    repository: Option<&str>,
    filter: &ImageFilter,
) -> Result<Vec<ImageSummary>, Error> {
    Ok(filter.apply(ctx.images.list(repository)?)?)
}

/// `history`: how the image's layers were made, newest first.
pub fn history(
    ctx: &Context,
    image: &str,
    platform: Option<&Platform>,
) -> Result<Vec<HistoryRow>, Error> {
    Ok(ctx.images.history(image, platform)?)
}

/// `image inspect`: docker's document of each image.
pub fn inspect(
    ctx: &Context,
    images: &[String],
    platform: Option<&Platform>,
) -> Result<Vec<serde_json::Value>, Error> {
    Ok(images
        .iter()
        .map(|i| ctx.images.inspect(i, platform))
        .collect::<Result<Vec<_>, _>>()?)
}

/// `save`: the images as one archive docker and ccr load.
pub fn save(ctx: &Context, images: &[String], out: impl Write) -> Result<(), Error> {
    Ok(ctx.images.save(images, out)?)
}

/// `load`: the images an archive holds, stored.
pub fn load(ctx: &Context, input: impl Read) -> Result<Vec<LoadedImage>, Error> {
    Ok(ctx.images.load(input)?)
}

/// `import`: a file system tarball as a one-layer image named `r`.
pub fn import(
    ctx: &Context,
    input: impl Read + Send,
    source: &str,
    r: &ImageRef,
    opts: &ImportOptions,
) -> Result<Descriptor, Error> {
    Ok(ctx.images.import(input, source, r, opts)?)
}

/// `image convert`: the image with its layers in another compression.
pub fn convert(
    ctx: &Context,
    source: &str,
    dst: &ImageRef,
    to: LayerFormat,
    oci_manifests: bool,
    opts: &CryptOptions,
) -> Result<Descriptor, Error> {
    Ok(ctx
        .images
        .convert_image(source, dst, to, oci_manifests, opts)?)
}

/// `image encrypt`: the image with its layers encrypted to `recipients`
/// (made by [`keys::recipients`](super::keys::recipients)), named `dst`.
/// The SBOM `build --sbom` recorded describes the plaintext, so it holds
/// for the encrypted image too. On failure the KEK written to `kek_out`
/// is removed: it opens nothing.
pub fn encrypt(
    ctx: &Context,
    source: &str,
    dst: &ImageRef,
    recipients: &[crate::crypt::Recipient],
    opts: &CryptOptions,
    kek_out: Option<&std::path::Path>,
) -> Result<Descriptor, Error> {
    match ctx
        .images
        .encrypt_image(source, Some(dst), recipients, opts)
    {
        Ok(d) => {
            super::sbom::carry_over(ctx, source, &dst.to_string())?;
            Ok(d)
        }
        Err(e) => {
            if let Some(p) = kek_out {
                let _ = std::fs::remove_file(p);
            }
            Err(e.into())
        }
    }
}

/// `image decrypt`: the image with its layers decrypted by the keys
/// `keys` names (files, or kbs:// ids through the command's KBS session).
pub fn decrypt(
    ctx: &Context,
    source: &str,
    dst: &ImageRef,
    keys: &super::keys::KeyRequest,
    opts: &CryptOptions,
) -> Result<Descriptor, Error> {
    let ring = super::keys::keyring(ctx, keys)?;
    Ok(ctx.images.decrypt_image(source, dst, &ring, opts)?)
}

/// `manifest create`: an index of `sources` named `list`.
pub fn create_index(
    ctx: &Context,
    list: &ImageRef,
    sources: &[String],
    amend: bool,
) -> Result<Descriptor, Error> {
    Ok(ctx.images.create_index(list, sources, amend)?)
}

/// `manifest inspect`: the stored manifest or index `image` names.
pub fn manifest(ctx: &Context, image: &str) -> Result<serde_json::Value, Error> {
    let rec = ctx.images.lookup_one(image)?;
    let data = ctx.images.store.read_blob(&rec.target.digest)?;
    Ok(
        serde_json::from_slice(&data).map_err(|source| ImageError::Json {
            what: format!("manifest of {image}"),
            source,
        })?,
    )
}

/// `builder prune`: the build cache emptied; its entries and bytes.
pub fn prune_build_cache(ctx: &Context) -> Result<(usize, u64), Error> {
    Ok(crate::builder::prune_cache(&ctx.images.store, &ctx.layout)?)
}
