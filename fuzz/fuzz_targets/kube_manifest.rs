//! The Kubernetes manifest reader and its mapping to a compose model
//! (`kube play`): never a panic, a hang or a stack overflow, on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = ccr::kube::parse(text, "fuzz.yaml") {
        let _ = ccr::kube::play::to_compose(&parsed.objects, "fuzz");
    }
});
