//! containers-policy.json: never a panic; a policy that loads answers for
//! any reference.
#![no_main]
use ccr::reference::ImageRef;
use ccr::trust::policy::{Policy, Requirement};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = std::path::Path::new("/nonexistent/policy.json");
    if let Ok(p) = Policy::parse(data, source) {
        for r in [
            "busybox",
            "localhost:5000/a/b:c",
            "quay.io/x/y@sha256:0000000000000000000000000000000000000000000000000000000000000000",
        ] {
            let r = ImageRef::parse(r).unwrap();
            let (_, reqs) = p.requirements_for(&r);
            assert!(
                !reqs.is_empty(),
                "a scope without requirements was accepted"
            );
            for q in reqs {
                if let Requirement::SigstoreSigned { identity, .. } = q {
                    let _ = identity.accepts(&r, Some("docker.io/library/busybox"));
                    let _ = identity.accepts(&r, None);
                }
            }
        }
    }
});
