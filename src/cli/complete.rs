//! Completions that know the machine: container, image, network and
//! volume names come from the data root as the shell asks (clap_complete's
//! dynamic completion: the shell calls `COMPLETE=<shell> ccr -- <words>`).
//! Read straight from the state files, without starting a command's
//! context (nothing is mounted, nothing attested, nothing written).

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

fn layout() -> crate::layout::Layout {
    let root = std::env::var_os("CCR_DATA_ROOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| crate::engine::GlobalOptions::default().data_root());
    crate::layout::Layout::new(&root)
}

fn containers() -> Vec<CompletionCandidate> {
    let rt = crate::runtime::Runtime::new(&layout());
    rt.list()
        .unwrap_or_default()
        .into_iter()
        .map(|c| CompletionCandidate::new(c.name).help(Some(c.image.into())))
        .collect()
}

/// The names in the store's index (read as it is: opening the store
/// would create it).
fn images() -> Vec<CompletionCandidate> {
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
        // As docker shows them: Docker Hub's names without their registry.
        .map(|n| {
            let short = n
                .strip_prefix("docker.io/library/")
                .or_else(|| n.strip_prefix("docker.io/"))
                .unwrap_or(n);
            CompletionCandidate::new(short.to_string())
        })
        .collect()
}

fn networks() -> Vec<CompletionCandidate> {
    let rt = crate::runtime::Runtime::new(&layout());
    rt.networks()
        .list()
        .into_iter()
        .map(|n| CompletionCandidate::new(n.name))
        .collect()
}

fn volumes() -> Vec<CompletionCandidate> {
    let rt = crate::runtime::Runtime::new(&layout());
    rt.volume_list()
        .unwrap_or_default()
        .into_iter()
        .map(|v| CompletionCandidate::new(v.name))
        .collect()
}

pub fn container() -> ArgValueCandidates {
    ArgValueCandidates::new(containers)
}

pub fn image() -> ArgValueCandidates {
    ArgValueCandidates::new(images)
}

/// Containers and images (`inspect`).
pub fn object() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let mut all = containers();
        all.extend(images());
        all
    })
}

pub fn network() -> ArgValueCandidates {
    ArgValueCandidates::new(networks)
}

pub fn volume() -> ArgValueCandidates {
    ArgValueCandidates::new(volumes)
}
