//! `image encrypt`, `image decrypt`, and the `--decryption-key` /
//! `--encrypt` flags of pull, run and push.

use std::path::PathBuf;

use clap::Args;

use super::flags::PlatformsArgs;
use super::kbs::{AdminArgs, KbsArgs};
use crate::engine::Context;
use crate::engine::keys::{KekDestination, KeyRequest, recipients};
use crate::engine::types::CryptOptions;
use crate::engine::types::ImageRef;
use crate::error::Error;

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
    /// The keys these flags ask for.
    pub fn request(&self) -> KeyRequest {
        KeyRequest {
            specs: self.decryption_key.clone(),
            kbs: self.kbs.settings(),
        }
    }
}

#[derive(Args, Debug)]
pub struct EncryptArgs {
    /// Who can decrypt: jwe:PUB.pem (RSA or EC, PEM or JWK), or a KBS key id
    /// provider:attestation-agent:keyid=kbs:///R/T/TAG (short: kbs:///R/T/TAG) (repeatable)
    #[arg(long = "recipient", required = true, value_name = "RECIPIENT")]
    pub recipient: Vec<String>,
    #[command(flatten)]
    pub platforms: PlatformsArgs,
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
    #[command(flatten)]
    pub platforms: PlatformsArgs,
    #[command(flatten)]
    pub kbs: KbsArgs,
    pub source: String,
    pub target: String,
}

pub fn encrypt(ctx: &Context, a: EncryptArgs) -> Result<i32, Error> {
    let dst = ImageRef::parse(&a.target)?;
    let dest = KekDestination {
        file: a.kek_out.clone(),
        kbs: a.admin.credentials().map(|c| (a.kbs.settings(), c)),
    };
    let made = recipients(ctx, &a.recipient, &dest)?;
    for n in &made.notices {
        eprintln!("{n}");
    }
    let recipients = made.list;
    let opts = CryptOptions {
        platforms: a.platforms.platform.clone(),
        all_platforms: a.platforms.all_platforms,
        layers: a.layer.clone(),
    };
    let d = crate::engine::images::encrypt(
        ctx,
        &a.source,
        &dst,
        &recipients,
        &opts,
        a.kek_out.as_deref(),
    )?;
    println!("{}", d.digest);
    Ok(0)
}

pub fn decrypt(ctx: &Context, a: DecryptArgs) -> Result<i32, Error> {
    let dst = ImageRef::parse(&a.target)?;
    let keys = KeyRequest {
        specs: a.key.clone(),
        kbs: a.kbs.settings(),
    };
    let opts = CryptOptions {
        platforms: a.platforms.platform.clone(),
        all_platforms: a.platforms.all_platforms,
        layers: Vec::new(),
    };
    let d = crate::engine::images::decrypt(ctx, &a.source, &dst, &keys, &opts)?;
    println!("{}", d.digest);
    Ok(0)
}
