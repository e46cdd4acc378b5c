//! Multi-platform images made locally: `ccr manifest create LIST IMAGE...`
//! joins single-platform images into one OCI image index.

use super::{ImageError, Images, Result};
use crate::oci::{self, Descriptor, Index, OciPlatform};
use crate::reference::ImageRef;
use crate::store::ImageRecord;

impl Images {
    /// Creates (or with `amend`, extends) an index named `list` from local
    /// images. Each platform appears once; a later image replaces an
    /// earlier one of the same platform.
    pub fn create_index(
        &self,
        list: &ImageRef,
        sources: &[String],
        amend: bool,
    ) -> Result<Descriptor> {
        let mut children: Vec<Descriptor> = Vec::new();
        if amend && let Ok(existing) = self.lookup_one(&list.to_string()) {
            let (_, doc) = self.store.read_document(&existing.target)?;
            match doc {
                oci::Document::Index(i) => children = i.manifests,
                oci::Document::Manifest(_) => children.push(existing.target),
            }
        }
        for src in sources {
            let rec = self.lookup_one(src)?;
            for img in self.platform_images(&rec.target)? {
                let mut desc = img.manifest_desc.clone();
                desc.annotations.clear();
                desc.platform = Some(OciPlatform::from(&img.platform()));
                children.retain(|c| {
                    c.platform.as_ref().map(crate::platform::Platform::from) != Some(img.platform())
                });
                children.push(desc);
            }
        }
        if children.is_empty() {
            return Err(ImageError::Invalid {
                what: list.to_string(),
                why: "no images to put in the list".into(),
            });
        }
        let target = self
            .store
            .put_json(oci::OCI_INDEX, &Index::new(oci::OCI_INDEX, children))?;
        self.store.set_images(&[ImageRecord {
            name: list.store_name(),
            target: target.clone(),
            in_repository: false,
        }])?;
        Ok(target)
    }
}
