//! `image encrypt`, `image decrypt`, and the `--decryption-key` /
//! `--encrypt` flags of pull, run and push.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::kbs::{AdminArgs, KbsArgs};
use crate::context::{Context, GlobalOptions};
use crate::crypt::{Keyring, Recipient};
use crate::error::Error;
use crate::image::CryptOptions;
use crate::kbs::ResourceUri;
use crate::platform::Platform;
use crate::reference::ImageRef;

/// `--decryption-key`, as nerdctl (imgcrypt) spells it, and how to reach
/// a KBS for key ids.
#[derive(Args, Debug)]
pub struct DecryptionKeyArgs {
    /// Key for encrypted layers: PRIV.pem[:PASSWORD] (PEM or JWK), kbs:///R/T/TAG=KEK-FILE,
    /// or kbs:///R/T/TAG (fetched from the KBS after attestation) (repeatable)
    #[arg(long = "decryption-key", value_name = "KEY")]
    pub decryption_key: Vec<String>,
    #[command(flatten)]
    pub kbs: KbsArgs,
}

impl DecryptionKeyArgs {
    pub fn keyring(&self, opts: &GlobalOptions) -> Result<Arc<Keyring>, Error> {
        Ok(Arc::new(keyring(opts, &self.decryption_key, &self.kbs)?))
    }
}

/// Private keys and KEK files from their specs; key ids without a file
/// are fetched from the KBS (one attested session for all of them).
pub fn keyring(opts: &GlobalOptions, specs: &[String], k: &KbsArgs) -> Result<Keyring, Error> {
    let mut ring = Keyring::default();
    let mut kids = Vec::new();
    for s in specs {
        if s.starts_with("kbs://") && !s.contains('=') {
            kids.push(s.parse::<ResourceUri>()?);
        } else {
            ring.add_spec(s)?;
        }
    }
    if !kids.is_empty() {
        let url = super::kbs::url(opts, k)?;
        let keks = super::kbs::rt()?.block_on(crate::kbs::fetch_keks(
            &url,
            &super::kbs::client_options(k),
            &kids,
        ))?;
        ring.keks.extend(keks);
    }
    Ok(ring)
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
    #[command(flatten)]
    pub kbs: KbsArgs,
    #[command(flatten)]
    pub admin: AdminArgs,
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
    #[command(flatten)]
    pub kbs: KbsArgs,
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

/// Parses recipients. A KBS key id's fresh KEK goes to `--kek-out`, or is
/// registered in the KBS through its admin API, before anything is
/// encrypted: an image is never encrypted under a key nobody keeps, and a
/// failed registration is an error (the reference key provider ignores it).
pub fn recipients(
    opts: &GlobalOptions,
    specs: &[String],
    kek_out: Option<&PathBuf>,
    kbs: Option<(&KbsArgs, &AdminArgs)>,
) -> Result<Vec<Recipient>, Error> {
    let list = specs
        .iter()
        .map(|s| Recipient::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    for r in &list {
        let Recipient::Kbs { kid, kek } = r else {
            continue;
        };
        if let Some(path) = kek_out {
            write_kek(path, kek)?;
            continue;
        }
        let Some((k, a)) = kbs.filter(|(_, a)| a.admin_key.is_some() || a.admin_token.is_some())
        else {
            return Err(Error::Usage(format!(
                "{kid}: the generated key-encryption key must go somewhere: register it with --kbs-url and --admin-key (or --admin-token), or write it with --kek-out FILE"
            )));
        };
        let uri: ResourceUri = kid.parse()?;
        let url = super::kbs::url(opts, k)?;
        let admin = super::kbs::admin(&url, k, a)?;
        let checked = super::kbs::rt()?.block_on(crate::kbs::register_kek(
            &admin,
            &url,
            &super::kbs::client_options(k),
            &uri,
            kek,
        ))?;
        match checked {
            Ok(()) => eprintln!("Registered {kid} in {url} and read it back"),
            Err(why) => eprintln!("Registered {kid} in {url} (not read back: {why})"),
        }
    }
    Ok(list)
}

pub fn encrypt(ctx: &Context, a: EncryptArgs) -> Result<i32, Error> {
    let dst = ImageRef::parse(&a.target)?;
    let recipients = recipients(
        &ctx.opts,
        &a.recipient,
        a.kek_out.as_ref(),
        Some((&a.kbs, &a.admin)),
    )?;
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
    let ring = keyring(&ctx.opts, &a.key, &a.kbs)?;
    let opts = CryptOptions {
        platforms: platforms(&a.platform)?,
        all_platforms: a.all_platforms,
        layers: Vec::new(),
    };
    let d = ctx.images.decrypt_image(&a.source, &dst, &ring, &opts)?;
    println!("{}", d.digest);
    Ok(0)
}
