//! What a KBS sends back: challenges, attestation replies and their EAR
//! tokens, error replies: never a panic, and an error reply always maps to
//! a refusal or an HTTP error.
#![no_main]
use ccr::kbs::KbsError;
use ccr::kbs::client::{attest_token, refusal, reply, token_claims};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| {
    let (status, body) = input;
    let _ = reply::<kbs_types::Challenge>("auth", body);
    if let Ok(v) = reply::<serde_json::Value>("attest", body)
        && let Ok(t) = attest_token(&v)
    {
        let _ = token_claims(&t);
    }
    if let Ok(text) = std::str::from_utf8(body) {
        let _ = token_claims(text);
    }
    match refusal("resource default/key/1", status, body) {
        KbsError::Refused { .. } | KbsError::Http { .. } => {}
        other => panic!("an error reply became {other:?}"),
    }
});
