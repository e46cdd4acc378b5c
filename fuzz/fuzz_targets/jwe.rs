//! JWE (the jwe scheme's wrapped keys and the KBS's resource replies) and
//! the key files users give: never a panic; what ccr encrypts, it decrypts.
#![no_main]
use ccr::crypt::jwe;
use ccr::crypt::{PrivateKey, PublicKey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static [PrivateKey] {
    static K: OnceLock<Vec<PrivateKey>> = OnceLock::new();
    K.get_or_init(|| vec![PrivateKey::generate_p256().unwrap()])
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 => {
            let _ = jwe::decrypt(rest, keys());
        }
        1 => {
            let public = keys()[0].public();
            let sealed = jwe::encrypt(rest, std::slice::from_ref(&public)).unwrap();
            assert_eq!(&jwe::decrypt(&sealed, keys()).unwrap()[..], rest);
        }
        2 => {
            let _ = PublicKey::parse(rest, "fuzz");
        }
        _ => {
            let _ = PrivateKey::parse(rest, None, "fuzz");
        }
    }
});
