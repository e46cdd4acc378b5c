//! The names a shell completes: this machine's containers, images,
//! networks and volumes, read straight from the data root's state files
//! (`CCR_DATA_ROOT`, or the default), without a command's context:
//! nothing is mounted, attested, created or written.

use crate::layout::Layout;
use crate::runtime::Runtime;

fn layout() -> Layout {
    let root = std::env::var_os("CCR_DATA_ROOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| super::GlobalOptions::default().data_root());
    Layout::new(&root)
}

/// Containers' names, each with its image.
pub fn containers() -> Vec<(String, String)> {
    Runtime::new(&layout())
        .list()
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.name, c.image))
        .collect()
}

/// Image names as docker shows them (Docker Hub's without their
/// registry), from the store's index as it is (opening the store would
/// create it).
pub fn images() -> Vec<String> {
    let index = layout().content().join("index.json");
    let Ok(bytes) = crate::bounded::read(&index, crate::bounded::CONFIG_FILE) else {
        return Vec::new();
    };
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    v["manifests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["annotations"][crate::oci::ANNOTATION_IMAGE_NAME].as_str())
        .filter(|n| !n.starts_with(crate::image::DANGLING_PREFIX))
        .map(|n| {
            n.strip_prefix("docker.io/library/")
                .or_else(|| n.strip_prefix("docker.io/"))
                .unwrap_or(n)
                .to_string()
        })
        .collect()
}

pub fn networks() -> Vec<String> {
    Runtime::new(&layout())
        .networks()
        .list()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

pub fn volumes() -> Vec<String> {
    Runtime::new(&layout())
        .volume_list()
        .unwrap_or_default()
        .into_iter()
        .map(|v| v.name)
        .collect()
}
