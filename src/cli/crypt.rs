//! `image encrypt`, `image decrypt`, and the `--decryption-key` /
//! `--encrypt` flags of pull, run and push.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::context::Context;
use crate::crypt::{Keyring, Recipient};
use crate::error::Error;
use crate::image::CryptOptions;
use crate::platform::Platform;
use crate::reference::ImageRef;

/// `--decryption-key`, as nerdctl (imgcrypt) spells it.
#[derive(Args, Debug, Default)]
pub struct DecryptionKeyArgs {
    /// Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), or kbs:///R/T/TAG=KEK-FILE (repeatable)
    #[arg(long = "decryption-key", value_name = "KEY")]
    pub decryption_key: Vec<String>,
}

impl DecryptionKeyArgs {
    pub fn keyring(&self) -> Result<Arc<Keyring>, Error> {
        let mut ring = Keyring::default();
        for k in &self.decryption_key {
            ring.add_spec(k)?;
        }
        Ok(Arc::new(ring))
    }
}

#[derive(Args, Debug)]
pub struct EncryptArgs {
    /// Who can decrypt: jwe:PUB.pem (RSA or EC, PEM or JWK), or a KBS key id
    /// provider:attestation-agent:keyid=kbs:///R/T/TAG (short: kbs:///R/T/TAG) (repeatable)
    #[arg(long = "recipient", required = true, value_name = "RECIPIENT")]
    pub recipient: Vec<String>,
    /// Platform to encrypt (default: the host's; repeatable)
    #[arg(long)]
    pub platform: Vec<String>,
    /// Encrypt every platform present
    #[arg(long)]
    pub all_platforms: bool,
    /// Layer to encrypt, counting from 0; negative counts from the last (repeatable; default: all)
    #[arg(long = "layer", allow_hyphen_values = true, value_name = "N")]
    pub layer: Vec<i64>,
    /// Write the generated key-encryption key of a KBS key id to this file (mode 0600) for offline provisioning
    #[arg(long, value_name = "FILE")]
    pub kek_out: Option<PathBuf>,
    pub source: String,
    pub target: String,
}

#[derive(Args, Debug)]
pub struct DecryptArgs {
    /// Private key: PRIV.pem[:PASSWORD] (PEM or JWK), or kbs:///R/T/TAG=KEK-FILE (repeatable)
    #[arg(long = "key", required = true, value_name = "KEY")]
    pub key: Vec<String>,
    /// Platform to decrypt (default: the host's; repeatable)
    #[arg(long)]
    pub platform: Vec<String>,
    /// Decrypt every platform present
    #[arg(long)]
    pub all_platforms: bool,
    pub source: String,
    pub target: String,
}

fn platforms(list: &[String]) -> Result<Vec<Platform>, Error> {
    list.iter()
        .map(|p| p.parse::<Platform>().map_err(Error::from))
        .collect()
}

/// Writes a key-encryption key where only its owner can read it; never
/// over an existing file.
fn write_kek(path: &PathBuf, kek: &[u8]) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: path.clone(),
        why: e.to_string(),
    };
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io)?;
    f.write_all(kek).and_then(|()| f.sync_all()).map_err(io)
}

/// Parses recipients; a KBS key id's KEK goes to `kek_out` first, so that
/// an image is never encrypted under a key nobody keeps.
pub fn recipients(specs: &[String], kek_out: Option<&PathBuf>) -> Result<Vec<Recipient>, Error> {
    let list = specs
        .iter()
        .map(|s| Recipient::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    for r in &list {
        if let Recipient::Kbs { kid, kek } = r {
            match kek_out {
                Some(path) => write_kek(path, kek)?,
                None => {
                    return Err(Error::Usage(format!(
                        "{kid}: the generated key-encryption key must go somewhere: give --kek-out FILE"
                    )));
                }
            }
        }
    }
    Ok(list)
}

pub fn encrypt(ctx: &Context, a: EncryptArgs) -> Result<i32, Error> {
    let dst = ImageRef::parse(&a.target)?;
    let recipients = recipients(&a.recipient, a.kek_out.as_ref())?;
    let opts = CryptOptions {
        platforms: platforms(&a.platform)?,
        all_platforms: a.all_platforms,
        layers: a.layer.clone(),
    };
    match ctx
        .images
        .encrypt_image(&a.source, Some(&dst), &recipients, &opts)
    {
        Ok(d) => {
            println!("{}", d.digest);
            Ok(0)
        }
        Err(e) => {
            if let Some(p) = &a.kek_out {
                let _ = std::fs::remove_file(p);
            }
            Err(e.into())
        }
    }
}

pub fn decrypt(ctx: &Context, a: DecryptArgs) -> Result<i32, Error> {
    let dst = ImageRef::parse(&a.target)?;
    let mut ring = Keyring::default();
    for k in &a.key {
        ring.add_spec(k)?;
    }
    let opts = CryptOptions {
        platforms: platforms(&a.platform)?,
        all_platforms: a.all_platforms,
        layers: Vec::new(),
    };
    let d = ctx.images.decrypt_image(&a.source, &dst, &ring, &opts)?;
    println!("{}", d.digest);
    Ok(0)
}
