//! Signing and verification flags and commands: `key generate`,
//! `image sign`, `image verify`, and the `--verify` / `--sign` flags of
//! pull, push and run.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use zeroize::Zeroizing;

use crate::engine::Context;
use crate::engine::sign::{generate_key_pair, load_signer};
use crate::engine::types::ImageRef;
use crate::engine::types::{Keyless, TrustError, TrustOptions, TrustPolicy, VerifyMode};
use crate::error::Error;
use crate::format::Format;

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum VerifyFlag {
    #[default]
    None,
    Cosign,
}

/// `--verify` and friends, as nerdctl spells them.
#[derive(Args, Debug, Default)]
pub struct VerifyArgs {
    /// Verify the image before using it
    #[arg(long, value_enum, default_value_t = VerifyFlag::None)]
    pub verify: VerifyFlag,
    /// Public key to verify cosign signatures with (repeatable: any one may have signed)
    #[arg(long, value_name = "PUB")]
    pub cosign_key: Vec<PathBuf>,
    /// Keyless: the signer's certificate identity
    #[arg(long)]
    pub cosign_certificate_identity: Option<String>,
    /// Keyless: a regular expression for the signer's certificate identity
    #[arg(long)]
    pub cosign_certificate_identity_regexp: Option<String>,
    /// Keyless: the OIDC issuer of the signer's certificate
    #[arg(long)]
    pub cosign_certificate_oidc_issuer: Option<String>,
    /// Keyless: a regular expression for the OIDC issuer
    #[arg(long)]
    pub cosign_certificate_oidc_issuer_regexp: Option<String>,
    /// Trust policy (containers-policy.json format); default from ccr.toml
    #[arg(long, value_name = "FILE")]
    pub signature_policy: Option<PathBuf>,
    /// Refuse the image unless its signed SBOM attestation (--cosign-key) lists exactly the packages in its content
    #[arg(long)]
    pub verify_sbom: bool,
}

impl VerifyArgs {
    /// The `--verify-sbom` check these flags ask for.
    pub fn sbom(&self) -> crate::engine::sbom::SbomCheck {
        crate::engine::sbom::SbomCheck {
            enabled: self.verify_sbom,
            keys: self.cosign_key.clone(),
        }
    }

    /// The trust policy these flags (and the configuration) ask for.
    pub fn policy(&self, ctx: &Context) -> Result<Option<Arc<TrustPolicy>>, Error> {
        let opts = TrustOptions {
            verify: match self.verify {
                VerifyFlag::None => VerifyMode::None,
                VerifyFlag::Cosign => VerifyMode::Cosign,
            },
            // With only --verify-sbom, the keys are the SBOM attestation's.
            cosign_keys: if self.verify_sbom && matches!(self.verify, VerifyFlag::None) {
                Vec::new()
            } else {
                self.cosign_key.clone()
            },
            keyless: Keyless {
                identity: self.cosign_certificate_identity.clone(),
                identity_regexp: self.cosign_certificate_identity_regexp.clone(),
                oidc_issuer: self.cosign_certificate_oidc_issuer.clone(),
                oidc_issuer_regexp: self.cosign_certificate_oidc_issuer_regexp.clone(),
            },
            policy: self
                .signature_policy
                .clone()
                .or_else(|| ctx.opts.config.signature_policy.clone()),
        };
        let t = TrustPolicy::try_from(&opts)?;
        Ok((!t.is_empty()).then(|| Arc::new(t)))
    }
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum SignFlag {
    #[default]
    None,
    Cosign,
}

/// `push --sign` flags.
#[derive(Args, Debug, Default)]
pub struct SignArgs {
    /// Sign the pushed image
    #[arg(long, value_enum, default_value_t = SignFlag::None)]
    pub sign: SignFlag,
    /// Private key to sign with (cosign format; password from COSIGN_PASSWORD)
    #[arg(long, value_name = "KEY")]
    pub cosign_key: Option<PathBuf>,
    /// Also attest the pushed image with its SBOM (recorded by build --sbom, else made now), signed with the same key
    #[arg(long)]
    pub attest_sbom: bool,
    #[command(flatten)]
    pub format: SignatureFormatArg,
}

/// `--signature-format`.
#[derive(Args, Debug, Default, Clone)]
pub struct SignatureFormatArg {
    /// How the signature is written: legacy (cosign 2's .sig/.att tags, what image-rs reads), bundle (a Sigstore bundle referrer, cosign 3's default) or both (default; also signature_format in ccr.toml)
    #[arg(long, value_name = "FORMAT", value_parser = ["legacy", "bundle", "both"])]
    pub signature_format: Option<String>,
}

impl SignatureFormatArg {
    pub fn resolve(&self, ctx: &Context) -> Result<crate::engine::types::WriteFormat, Error> {
        ctx.opts
            .config
            .signature_format(self.signature_format.as_deref())
    }
}

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Generate a cosign key pair (PREFIX.key, encrypted, and PREFIX.pub)
    Generate {
        /// Name of the key files, without .key/.pub
        #[arg(long, default_value = "cosign")]
        output_key_prefix: String,
    },
}

#[derive(Args, Debug)]
pub struct ImageSignArgs {
    /// Private key (cosign format; password from COSIGN_PASSWORD)
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// For an index, sign every platform manifest too
    #[arg(long)]
    pub recursive: bool,
    /// Print only the signed digests
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub format: SignatureFormatArg,
    #[arg(add = super::complete::image())]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct ImageVerifyArgs {
    /// Public key (repeatable)
    #[arg(long)]
    pub key: Vec<PathBuf>,
    /// For an index, verify every platform manifest too
    #[arg(long)]
    pub recursive: bool,
    /// Trust policy (containers-policy.json format) to check as well
    #[arg(long, value_name = "FILE")]
    pub signature_policy: Option<PathBuf>,
    /// Output format: table (default) or json
    #[arg(long)]
    pub format: Option<String>,
    #[arg(add = super::complete::image())]
    pub image: String,
}

/// The signing key's password: `COSIGN_PASSWORD`, else a prompt on a
/// terminal, else an error.
pub(crate) fn password(confirm: bool) -> Result<Zeroizing<String>, Error> {
    if let Ok(p) = std::env::var("COSIGN_PASSWORD") {
        return Ok(Zeroizing::new(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "no key password: set COSIGN_PASSWORD (standard input is not a terminal to ask on)"
                .into(),
        ));
    }
    let p = Zeroizing::new(
        rpassword::prompt_password("Enter password for private key: ")
            .map_err(|e| Error::Usage(e.to_string()))?,
    );
    if confirm {
        let again = Zeroizing::new(
            rpassword::prompt_password("Enter password for private key again: ")
                .map_err(|e| Error::Usage(e.to_string()))?,
        );
        if *again != *p {
            return Err(Error::Usage("passwords do not match".into()));
        }
    }
    Ok(p)
}

pub fn key(cmd: KeyCommand) -> Result<i32, Error> {
    match cmd {
        KeyCommand::Generate { output_key_prefix } => {
            let pw = password(true)?;
            let (k, p) = generate_key_pair(&output_key_prefix, pw.as_bytes())?;
            eprintln!("Private key written to {}", k.display());
            eprintln!("Public key written to {}", p.display());
            Ok(0)
        }
    }
}

type Signer = sigstore::crypto::signing_key::SigStoreSigner;

/// Loads the signing key for `push --sign=cosign` (twice with
/// `--attest-sbom`: once to sign, once to attest), before anything is pushed.
pub fn signer_for_push(a: &SignArgs) -> Result<Option<(Signer, Option<Signer>)>, Error> {
    match (a.sign, &a.cosign_key) {
        (SignFlag::None, _) if a.attest_sbom => Err(Error::Usage(
            "--attest-sbom needs --sign=cosign and --cosign-key".into(),
        )),
        (SignFlag::None, None) => Ok(None),
        (SignFlag::None, Some(_)) => Err(Error::Usage("--cosign-key needs --sign=cosign".into())),
        (SignFlag::Cosign, None) => Err(TrustError::KeylessUnavailable { what: "signing" }.into()),
        (SignFlag::Cosign, Some(k)) => {
            let pw = password(false)?;
            let signer = load_signer(k, pw.as_bytes())?;
            let attester = if a.attest_sbom {
                Some(load_signer(k, pw.as_bytes())?)
            } else {
                None
            };
            Ok(Some((signer, attester)))
        }
    }
}

pub fn image_sign(ctx: &Context, a: ImageSignArgs) -> Result<i32, Error> {
    let Some(key) = &a.key else {
        return Err(TrustError::KeylessUnavailable { what: "signing" }.into());
    };
    let pw = password(false)?;
    let key = key.clone();
    let unlock = move || load_signer(&key, pw.as_bytes());
    let format = a.format.resolve(ctx)?;
    let signed = crate::engine::sign::sign(ctx, &a.image, unlock, a.recursive, format)?;
    for s in signed {
        if a.quiet {
            println!("{}", s.digest);
        } else if s.added {
            println!("Signed {}@{}: {}", s.reference, s.digest, s.whereabouts());
        } else {
            println!(
                "Signed {}@{}: already signed with this key",
                s.reference, s.digest
            );
        }
    }
    Ok(0)
}

pub fn image_verify(ctx: &Context, a: ImageVerifyArgs) -> Result<i32, Error> {
    let format = Format::parse(a.format.as_deref())?;
    let opts = TrustOptions {
        verify: if a.key.is_empty() {
            VerifyMode::None
        } else {
            VerifyMode::Cosign
        },
        cosign_keys: a.key.clone(),
        keyless: Keyless::default(),
        policy: a.signature_policy.clone(),
    };
    if a.key.is_empty() && a.signature_policy.is_none() {
        return Err(Error::Usage(
            "give --key PUB (or --signature-policy FILE) to verify against".into(),
        ));
    }
    let trust = TrustPolicy::try_from(&opts)?;
    let verified = crate::engine::sign::verify(ctx, &a.image, &trust, a.recursive)?;
    if format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&verified).expect("serialises")
        );
        return Ok(0);
    }
    for v in verified {
        let kinds: Vec<String> = v
            .signatures
            .iter()
            .map(|s| match (&s.format, &s.identity) {
                (crate::engine::types::SignatureFormat::SimpleSigning, Some(id)) => {
                    format!("cosign signature for {id}")
                }
                (crate::engine::types::SignatureFormat::SimpleSigning, None) => {
                    "cosign signature".into()
                }
                (crate::engine::types::SignatureFormat::Bundle, _) => "sigstore bundle".into(),
            })
            .collect();
        println!(
            "Verified {}@{} ({})",
            v.reference,
            v.digest,
            kinds.join(", ")
        );
    }
    Ok(0)
}

#[derive(Args, Debug)]
pub struct AttestArgs {
    /// Private key (cosign format; password from COSIGN_PASSWORD)
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// The predicate: a file, as cosign attest reads it
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "sbom",
        required_unless_present = "sbom"
    )]
    pub predicate: Option<PathBuf>,
    /// Generate the SBOM predicate from the image's content (SPDX for --type spdx/spdxjson, CycloneDX for cyclonedx)
    #[arg(long)]
    pub sbom: bool,
    /// Predicate type: spdx, spdxjson, cyclonedx, slsaprovenance, slsaprovenance1, link, vuln, openvex, custom, or a URI
    #[arg(long = "type", default_value = "custom")]
    pub kind: String,
    /// For an index, attest every platform manifest too (with --sbom, each with its own SBOM)
    #[arg(long)]
    pub recursive: bool,
    /// Replace the attestations of the same predicate type
    #[arg(long)]
    pub replace: bool,
    /// Print only the attested digests
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub format: SignatureFormatArg,
    #[command(flatten)]
    pub decrypt: super::crypt::DecryptionKeyArgs,
    #[arg(add = super::complete::image())]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct VerifyAttestationArgs {
    /// Public key (repeatable)
    #[arg(long)]
    pub key: Vec<PathBuf>,
    /// Predicate type to require (as for attest)
    #[arg(long = "type", default_value = "custom")]
    pub kind: String,
    /// For an index, verify every platform manifest's attestations too
    #[arg(long)]
    pub recursive: bool,
    /// For an index, verify only this platform's manifest
    #[command(flatten)]
    pub platform: super::flags::PlatformArg,
    /// Format the output: the envelopes as cosign prints them (default), or json (each attestation's digest, predicate type, statement and where it was found)
    #[arg(long)]
    pub format: Option<String>,
    #[arg(add = super::complete::image())]
    pub image: String,
}

#[derive(clap::Subcommand, Debug)]
pub enum DownloadCommand {
    /// Print an image's attestations (unverified), one JSON per line
    Attestation {
        /// Only attestations of this predicate type (as --type names them)
        #[arg(long)]
        predicate_type: Option<String>,
        #[command(flatten)]
        platform: super::flags::PlatformArg,
        image: String,
    },
    /// Print an image's SBOM: with --key, the predicate of a verified SBOM attestation; without, the unsigned attachment
    Sbom {
        /// Public key that must have signed the SBOM attestation (repeatable)
        #[arg(long)]
        key: Vec<PathBuf>,
        #[command(flatten)]
        platform: super::flags::PlatformArg,
        image: String,
    },
}

pub fn image_attest(ctx: &Context, a: AttestArgs) -> Result<i32, Error> {
    use crate::engine::attest::{AttestRequest, Predicate, SbomFormat};
    let Some(key) = &a.key else {
        return Err(TrustError::KeylessUnavailable { what: "attesting" }.into());
    };
    // The key is unlocked before anything is generated or pushed.
    let pw = password(false)?;
    let signer = load_signer(key, pw.as_bytes())?;
    let predicate = match &a.predicate {
        Some(p) => Predicate::File(p.clone()),
        None => Predicate::Sbom(if a.kind == "cyclonedx" {
            SbomFormat::CycloneDx
        } else {
            SbomFormat::Spdx
        }),
    };
    let req = AttestRequest {
        image: a.image.clone(),
        kind: a.kind.clone(),
        predicate,
        recursive: a.recursive,
        replace: a.replace,
        keys: a.decrypt.request(),
        format: a.format.resolve(ctx)?,
    };
    let progress = crate::progress::Progress::new(a.quiet);
    for done in crate::engine::attest::attest(ctx, &req, &signer, &progress)? {
        let r = ImageRef::parse(&a.image)?;
        let about = done
            .platform
            .as_ref()
            .map(|p| format!(" (SBOM of {p})"))
            .unwrap_or_default();
        if a.quiet {
            println!("{}", done.digest);
        } else if done.added() {
            println!(
                "Attested {}@{}{about}: pushed {} attestation to {}",
                r.name(),
                done.digest,
                done.predicate_type,
                done.whereabouts()
            );
        } else {
            println!(
                "Attested {}@{}{about}: this attestation was already there",
                r.name(),
                done.digest
            );
        }
    }
    Ok(0)
}

pub fn image_verify_attestation(ctx: &Context, a: VerifyAttestationArgs) -> Result<i32, Error> {
    let json = match a.format.as_deref() {
        None => false,
        Some("json") => true,
        Some(other) => {
            return Err(Error::Usage(format!(
                "--format {other:?}: use json (or no --format for cosign's output)"
            )));
        }
    };
    let req = crate::engine::attest::VerifyRequest {
        image: a.image.clone(),
        keys: a.key.clone(),
        kind: a.kind.clone(),
        recursive: a.recursive,
        platform: a.platform.platform.clone(),
    };
    let verified = crate::engine::attest::verify(ctx, &req)?;
    let r = ImageRef::parse(&a.image)?;
    if json {
        let out: Vec<serde_json::Value> = verified
            .iter()
            .flat_map(|v| {
                v.attestations.iter().map(|att| {
                    serde_json::json!({
                        "reference": r.name(),
                        "digest": v.digest,
                        "predicateType": att.predicate_type,
                        "layout": att.layout,
                        "found": att.found,
                        "statement": att.statement,
                    })
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("serialises")
        );
        return Ok(0);
    }
    for v in &verified {
        eprintln!("\nVerification for {}@{} --", r.name(), v.digest);
        eprintln!("The following checks were performed on each of these signatures:");
        eprintln!("  - The cosign claims were validated");
        eprintln!("  - The signatures were verified against the specified public key");
        eprintln!("  - The statement's subject is exactly this digest");
        for att in &v.attestations {
            println!("{}", att.envelope_line());
        }
    }
    Ok(0)
}

pub fn image_download(ctx: &Context, cmd: DownloadCommand) -> Result<i32, Error> {
    use crate::engine::attest::SbomSource;
    match cmd {
        DownloadCommand::Attestation {
            predicate_type,
            platform,
            image,
        } => {
            let found = crate::engine::attest::download(
                ctx,
                &image,
                predicate_type.as_deref(),
                platform.platform.as_ref(),
            )?;
            for a in found {
                println!("{}", String::from_utf8_lossy(&a.raw).trim_end());
            }
            Ok(0)
        }
        DownloadCommand::Sbom {
            key,
            platform,
            image,
        } => {
            let (source, bytes) = crate::engine::attest::download_sbom(
                ctx,
                &image,
                &key,
                platform.platform.as_ref(),
            )?;
            match source {
                SbomSource::Attestation { predicate_type } => eprintln!(
                    "Found an SBOM attestation ({predicate_type}) signed with the given key"
                ),
                SbomSource::Attachment { media_type } => eprintln!(
                    "Found SBOM attachment ({media_type}). It is unsigned: anyone who can push to the repository can replace it; attestations (--key) are signed"
                ),
            }
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(&bytes);
            if !bytes.ends_with(b"\n") {
                let _ = out.write_all(b"\n");
            }
            Ok(0)
        }
    }
}
