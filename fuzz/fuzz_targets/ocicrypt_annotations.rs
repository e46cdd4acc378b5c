//! The annotations of an encrypted layer (public options, keys wrapped for
//! the jwe and the attestation-agent provider schemes), read with a keyring
//! that holds a private key and a KEK: never a panic, and what opens gives
//! a 32-byte key and a 16-byte nonce.
#![no_main]
use arbitrary::Arbitrary;
use ccr::crypt::{
    ANNOTATION_JWE, ANNOTATION_PROVIDER_AA, ANNOTATION_PUBOPTS, Keyring, PrivateKey, public_options,
};
use ccr::oci::Descriptor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[derive(Arbitrary, Debug)]
struct Annotations {
    pubopts: Option<String>,
    jwe: Option<String>,
    provider: Option<String>,
    other_scheme: Option<String>,
}

fn keyring() -> &'static Keyring {
    static K: OnceLock<Keyring> = OnceLock::new();
    K.get_or_init(|| Keyring {
        private: vec![PrivateKey::generate_p256().unwrap()],
        keks: vec![(
            "kbs:///default/image-kek/fuzz".to_string(),
            zeroize::Zeroizing::new(vec![7u8; 32]),
        )],
    })
}

fuzz_target!(|a: Annotations| {
    let digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
        .parse()
        .unwrap();
    let mut d = Descriptor::new(
        "application/vnd.oci.image.layer.v1.tar+gzip+encrypted",
        digest,
        1,
    );
    for (k, v) in [
        (ANNOTATION_PUBOPTS, a.pubopts),
        (ANNOTATION_JWE, a.jwe),
        (ANNOTATION_PROVIDER_AA, a.provider),
        ("org.opencontainers.image.enc.keys.pkcs7", a.other_scheme),
    ] {
        if let Some(v) = v {
            d.annotations.insert(k.to_string(), v);
        }
    }
    let _ = public_options(&d);
    if let Ok(p) = keyring().open(&d) {
        assert_eq!(p.symkey.len(), 32);
        assert_eq!(p.nonce().map(<[u8]>::len), Some(16));
    }
});
