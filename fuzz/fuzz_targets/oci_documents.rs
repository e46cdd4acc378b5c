//! Manifests, indexes and image configurations as a registry sends them:
//! never a panic, whatever the declared media type.
#![no_main]
use ccr::oci::{Document, ImageConfig};
use libfuzzer_sys::fuzz_target;

const TYPES: [Option<&str>; 5] = [
    None,
    Some("application/vnd.oci.image.index.v1+json"),
    Some("application/vnd.oci.image.manifest.v1+json"),
    Some("application/vnd.docker.distribution.manifest.list.v2+json"),
    Some("application/vnd.docker.distribution.manifest.v2+json"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    if let Ok((_, doc)) = Document::parse(TYPES[pick as usize % TYPES.len()], data) {
        for d in doc.children() {
            let _ = (ccr::crypt::is_encrypted(d), d.digest.to_string());
        }
        if let Document::Index(i) = &doc {
            for m in &i.manifests {
                let _ = format!("{:?}", m.platform);
            }
        }
    }
    if let Ok(cfg) = serde_json::from_slice::<ImageConfig>(data) {
        let _ = cfg.platform();
        let _ = serde_json::to_vec(&cfg).expect("a parsed config serializes");
    }
});
