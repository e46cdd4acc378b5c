//! The compose loader (YAML, interpolation, merge, extends, canonical
//! forms, the typed model): never a panic, a hang or a stack overflow, on
//! any text given as the compose file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // An empty directory: files the text names are not there (a path it
    // names outside, /dev/zero say, must be refused, not read for ever).
    let dir = tempfile::tempdir().expect("a temporary directory");
    let opts = ccr::compose::LoadOptions {
        cwd: dir.path().to_path_buf(),
        files: vec!["-".into()],
        project_name: Some("fuzz".into()),
        stdin: Some(text.to_string()),
        ..Default::default()
    };
    if let Ok(project) = ccr::compose::load(&opts) {
        let _ = ccr::compose::to_yaml(&project.model);
        let _ = ccr::compose::typed_project(&project);
    }
});
