//! The Dockerfile parser: never a panic, on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(df) = ccr::builder::dockerfile::parse(text) {
        for i in &df.instructions {
            let _ = i.text();
        }
    }
});
