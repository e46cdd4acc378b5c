//! Image references: never a panic; what parses prints back to a reference
//! that parses to the same thing.
#![no_main]
use ccr::reference::ImageRef;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let Ok(r) = ImageRef::parse(input) else {
        return;
    };
    let printed = r.to_string();
    let again = ImageRef::parse(&printed).expect("a printed reference parses");
    assert_eq!(again.to_string(), printed);
    assert_eq!(again.registry(), r.registry());
    assert_eq!(again.repository(), r.repository());
    assert_eq!(again.tag(), r.tag());
    assert_eq!(again.digest(), r.digest());
    let _ = (r.familiar_name(), r.store_name(), r.name());
});
