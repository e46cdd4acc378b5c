//! Keys a command needs: the keyring for encrypted layers (files, KEK
//! files, and key ids fetched from the KBS in the command's one session)
//! and the recipients an image is encrypted for, with the rule that a
//! fresh key-encryption key is kept somewhere before anything is encrypted.

use std::path::PathBuf;
use std::sync::Arc;

use super::Context;
use super::kbs::{AdminCredentials, KbsSettings, admin, session, url, with_session};
use crate::crypt::{Keyring, Recipient};
use crate::error::Error;
use crate::kbs::ResourceUri;
use crate::private_file::{self, Existing};

/// The keys asked for: specs (`PRIV.pem[:PASSWORD]`, `kbs:///R/T/TAG=KEK-FILE`,
/// or a bare `kbs:///R/T/TAG` to fetch) and how to reach the KBS.
#[derive(Clone, Debug, Default)]
pub struct KeyRequest {
    pub specs: Vec<String>,
    pub kbs: KbsSettings,
}

/// The keyring for `req`; key ids without a file are fetched from the KBS
/// after attestation, all in one session.
pub fn keyring(ctx: &Context, req: &KeyRequest) -> Result<Arc<Keyring>, Error> {
    let key = (req.specs.clone(), req.kbs.clone());
    let made = ctx.keyrings.lock().expect("not poisoned");
    if let Some((_, ring)) = made.iter().find(|(k, _)| *k == key) {
        return Ok(ring.clone());
    }
    drop(made);
    let ring = make_keyring(ctx, req)?;
    ctx.keyrings
        .lock()
        .expect("not poisoned")
        .push((key, ring.clone()));
    Ok(ring)
}

fn make_keyring(ctx: &Context, req: &KeyRequest) -> Result<Arc<Keyring>, Error> {
    let mut ring = Keyring::default();
    let mut kids = Vec::new();
    for s in &req.specs {
        if s.starts_with("kbs://") && !s.contains('=') {
            kids.push(s.parse::<ResourceUri>()?);
        } else {
            ring.add_spec(s)?;
        }
    }
    if !kids.is_empty() {
        let fetched = with_session(ctx, &req.kbs, async |client| {
            let mut out = Vec::new();
            for kid in &kids {
                out.push((kid.clone(), client.get_resource(kid).await?));
            }
            Ok(out)
        })?;
        // A 32-byte resource is a key-encryption key (the provider
        // scheme); anything else must be a private key for the jwe scheme.
        for (kid, data) in fetched {
            let name = format!("kbs:///{}", kid.path);
            if data.len() == 32 {
                ring.keks.push((name, data));
            } else {
                ring.private
                    .push(crate::crypt::PrivateKey::parse(&data, None, &name)?);
            }
        }
    }
    Ok(Arc::new(ring))
}

/// Where the fresh key-encryption key of a KBS key id goes: a file, the
/// KBS, or both. Neither is refused (an image encrypted under a key nobody
/// keeps); both does both, never one silently.
#[derive(Clone, Debug, Default)]
pub struct KekDestination {
    /// A new file (mode 0600, never over an existing one), for offline provisioning.
    pub file: Option<PathBuf>,
    /// Registered in the KBS through its admin API.
    pub kbs: Option<(KbsSettings, AdminCredentials)>,
}

/// Recipients, and what was done with each key-encryption key.
pub struct Recipients {
    pub list: Vec<Recipient>,
    /// One line per key registered, for the user.
    pub notices: Vec<String>,
}

/// Parses recipients. A KBS key id's fresh KEK goes to `dest` before
/// anything is encrypted: an image is never encrypted under a key nobody
/// keeps, and a failed registration is an error (the reference key
/// provider ignores it). Where this machine can attest, the key is read
/// back through the command's session.
pub fn recipients(
    ctx: &Context,
    specs: &[String],
    dest: &KekDestination,
) -> Result<Recipients, Error> {
    let mut list = specs
        .iter()
        .map(|s| Recipient::parse(s))
        .collect::<Result<Vec<_>, _>>()?;
    let mut notices = Vec::new();
    for r in &mut list {
        let Recipient::Kbs { kid, kek } = r else {
            continue;
        };
        if dest.file.is_none() && dest.kbs.is_none() {
            return Err(Error::KekNotKept { kid: kid.clone() });
        }
        // The KBS first: a key it refuses is written nowhere.
        if let Some((settings, creds)) = &dest.kbs {
            let uri: ResourceUri = kid.parse()?;
            let u = url(&ctx.opts.config, settings)?;
            // A key id the KBS holds already keeps its key: replacing it
            // would leave every image encrypted for it unreadable.
            if let Ok(mut c) = session(ctx, settings) {
                match ctx.block_on(crate::kbs::fetch_kek(&mut c, &uri))? {
                    Ok(existing) => {
                        *kek = existing;
                        notices.push(format!(
                            "{kid} is in {u} already: its key is used (images encrypted for it before stay readable)"
                        ));
                        if let Some(path) = &dest.file {
                            private_file::write(path, kek, 0o600, Existing::Keep).map_err(
                                |source| Error::Io {
                                    path: path.clone(),
                                    source,
                                },
                            )?;
                        }
                        continue;
                    }
                    Err(crate::kbs::KbsError::Refused {
                        kind: crate::kbs::Refusal::ResourceMissing,
                        ..
                    }) => {}
                    Err(e) => {
                        notices.push(format!(
                            "could not tell whether {u} holds {kid} already ({e}); if it did, images encrypted for it before must be encrypted again"
                        ));
                    }
                }
            }
            let a = admin(&u, settings, creds)?;
            ctx.block_on(a.set_resource(&uri.path, kek))??;
            // Read back where this machine can attest (a TEE, or sample
            // evidence against a development KBS).
            notices.push(match session(ctx, settings) {
                Err(why) => format!("Registered {kid} in {u} (not read back: {why})"),
                Ok(mut c) => {
                    ctx.block_on(crate::kbs::check_kek(&mut c, &uri, kek))??;
                    format!("Registered {kid} in {u} and read it back")
                }
            });
        }
        if let Some(path) = &dest.file {
            private_file::write(path, kek, 0o600, Existing::Keep).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        }
    }
    Ok(Recipients { list, notices })
}
