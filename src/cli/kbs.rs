//! `ccr kbs`: attest to a Key Broker Service, fetch resources, provision
//! it (set-resource, set-resource-policy), and explain what it says (doctor).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::engine::GlobalOptions;
use crate::engine::kbs::{self as engine, AdminCredentials, Finding, KbsSettings};
use crate::engine::types::{ClientOptions, ResourceUri, TeeChoice};
use crate::error::Error;
use crate::private_file::{self, Existing};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TeeFlag {
    /// The guest's TEE (TDX or SNP via configfs-tsm); fails when there is none
    Auto,
    /// Development only: evidence that proves nothing
    Sample,
    Tdx,
    Snp,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TeeKeyFlag {
    Ec,
    Rsa,
}

#[derive(Args, Debug, Clone)]
pub struct KbsArgs {
    /// The KBS (http[s]://HOST:PORT); default from CCR_KBS_URL, kbs_url in ccr.toml, or agent.aa_kbc_params on the kernel command line
    #[arg(long, value_name = "URL")]
    pub kbs_url: Option<String>,
    /// CA certificate (PEM) for an HTTPS KBS
    #[arg(long, value_name = "FILE")]
    pub kbs_cert: Option<PathBuf>,
    /// The TEE whose evidence is sent
    #[arg(long, value_enum, default_value_t = TeeFlag::Auto)]
    pub tee: TeeFlag,
    /// The kind of the session's ephemeral key
    #[arg(long, value_enum, default_value_t = TeeKeyFlag::Ec)]
    pub tee_key: TeeKeyFlag,
    /// Where configfs-tsm reports are made
    #[arg(long, value_name = "DIR", default_value = crate::engine::types::TSM_REPORT_DIR)]
    pub tsm_report_dir: PathBuf,
    /// Where a TDX guest's kernel exposes its runtime measurement registers (the event log extends RTMR3)
    #[arg(long, value_name = "DIR", default_value = crate::engine::types::TDX_MEASUREMENTS_DIR)]
    pub tdx_measurements_dir: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct AdminArgs {
    /// The tenant's ed25519 private key (PEM) to sign an admin token with
    #[arg(long, value_name = "KEY.pem")]
    pub admin_key: Option<PathBuf>,
    /// A ready-made admin token (a file holding the JWT)
    #[arg(long, value_name = "FILE", conflicts_with = "admin_key")]
    pub admin_token: Option<PathBuf>,
    /// The token's issuer claim
    #[arg(long, default_value = "ccr")]
    pub admin_issuer: String,
    /// The token's audience claim (repeatable)
    #[arg(long, default_value = "KBS")]
    pub admin_audience: Vec<String>,
    /// The token's role claim
    #[arg(long, default_value = "admin")]
    pub admin_role: String,
}

#[derive(Subcommand, Debug)]
pub enum KbsCommand {
    /// Attest to the KBS and print the token's claims
    Attest {
        #[command(flatten)]
        kbs: KbsArgs,
        /// Output format: table or json
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Attest, then fetch resources (kbs:///REPO/TYPE/TAG) in one session
    GetResource {
        #[command(flatten)]
        kbs: KbsArgs,
        /// Write the resource to this file (mode 0600) instead of stdout; one resource only
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(required = true)]
        uri: Vec<String>,
    },
    /// Store a resource in the KBS (tenant side)
    SetResource {
        #[command(flatten)]
        kbs: KbsArgs,
        #[command(flatten)]
        admin: AdminArgs,
        /// REPO/TYPE/TAG (or kbs:///REPO/TYPE/TAG)
        path: String,
        file: PathBuf,
    },
    /// Replace the KBS resource policy (Rego v1, compiled first) (tenant side)
    SetResourcePolicy {
        #[command(flatten)]
        kbs: KbsArgs,
        #[command(flatten)]
        admin: AdminArgs,
        /// Store a policy that releases nothing (a lock-down); without it, such a policy is refused
        #[arg(long)]
        deny_all: bool,
        file: PathBuf,
    },
    /// Probe a KBS and explain what it says
    Doctor {
        #[command(flatten)]
        kbs: KbsArgs,
        /// Also check whether this resource is released
        #[arg(long, value_name = "URI")]
        resource: Option<String>,
        /// Compile this resource policy (Rego) as trustee will and say which evidence it releases to
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
    },
}

impl KbsArgs {
    /// The engine's settings for these flags.
    pub fn settings(&self) -> KbsSettings {
        KbsSettings {
            url: self.kbs_url.clone(),
            client: ClientOptions {
                tee: match self.tee {
                    TeeFlag::Auto => TeeChoice::Auto,
                    TeeFlag::Sample => TeeChoice::Sample,
                    TeeFlag::Tdx => TeeChoice::Tdx,
                    TeeFlag::Snp => TeeChoice::Snp,
                },
                rsa_key: matches!(self.tee_key, TeeKeyFlag::Rsa),
                ca_cert: self.kbs_cert.clone(),
                tsm_root: self.tsm_report_dir.clone(),
                attempts: 3,
                // The engine adds the guest's initdata and event log in CVM mode.
                init_data: None,
                eventlog: None,
                measurements: self.tdx_measurements_dir.clone(),
            },
        }
    }
}

impl AdminArgs {
    /// The admin credentials given, if any.
    pub fn credentials(&self) -> Option<AdminCredentials> {
        match (&self.admin_token, &self.admin_key) {
            (Some(t), _) => Some(AdminCredentials::Token(t.clone())),
            (None, Some(key)) => Some(AdminCredentials::Key {
                key: key.clone(),
                issuer: self.admin_issuer.clone(),
                audience: self.admin_audience.clone(),
                role: self.admin_role.clone(),
            }),
            (None, None) => None,
        }
    }

    fn required(&self) -> Result<AdminCredentials, Error> {
        self.credentials()
            .ok_or_else(|| Error::Usage("give --admin-key or --admin-token".into()))
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>, Error> {
    crate::bounded::read(path, crate::bounded::CONFIG_FILE).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })
}

/// A policy file's text, named by its path in messages.
fn policy_source(file: &PathBuf) -> Result<engine::PolicySource, Error> {
    Ok(engine::PolicySource {
        text: read(file)?,
        origin: file.display().to_string(),
    })
}

pub fn run(opts: &GlobalOptions, c: KbsCommand) -> Result<i32, Error> {
    let config = &opts.config;
    match c {
        KbsCommand::Attest { kbs, format } => {
            let claims = engine::attest(config, &engine::for_command(opts, kbs.settings())?)?;
            if format == "json" {
                println!(
                    "{}",
                    serde_json::to_string(&claims).expect("claims serialise")
                );
            } else {
                println!("STATUS\tTEE\tEXPIRES");
                println!(
                    "{}\t{}\t{}",
                    claims.status,
                    claims.tee,
                    engine::expiry(claims.expires)
                );
            }
            Ok(0)
        }
        KbsCommand::GetResource { kbs, output, uri } => {
            if output.is_some() && uri.len() > 1 {
                return Err(Error::Usage("-o takes one resource".into()));
            }
            let uris = uri
                .iter()
                .map(|u| u.parse::<ResourceUri>())
                .collect::<Result<Vec<_>, _>>()?;
            let settings = engine::for_command(opts, kbs.settings())?;
            for data in engine::get_resources(config, &settings, &uris)? {
                match &output {
                    Some(p) => private_file::write(p, &data, 0o600, Existing::Replace).map_err(
                        |source| Error::Io {
                            path: p.clone(),
                            source,
                        },
                    )?,
                    None => std::io::stdout()
                        .lock()
                        .write_all(&data)
                        .map_err(|source| Error::Io {
                            path: "standard output".into(),
                            source,
                        })?,
                }
            }
            Ok(0)
        }
        KbsCommand::SetResource {
            kbs,
            admin,
            path,
            file,
        } => {
            let r: ResourceUri = path.parse()?;
            let data = zeroize::Zeroizing::new(read(&file)?);
            engine::set_resource(config, &kbs.settings(), &admin.required()?, &r, &data)?;
            eprintln!("Stored kbs:///{} ({} bytes)", r.path, data.len());
            Ok(0)
        }
        KbsCommand::SetResourcePolicy {
            kbs,
            admin,
            deny_all,
            file,
        } => {
            let policy = policy_source(&file)?;
            engine::set_resource_policy(
                config,
                &kbs.settings(),
                &admin.required()?,
                &policy,
                deny_all,
            )?;
            eprintln!("Resource policy set from {}", file.display());
            Ok(0)
        }
        KbsCommand::Doctor {
            kbs,
            resource,
            policy,
        } => {
            let uri = resource
                .as_deref()
                .map(str::parse::<ResourceUri>)
                .transpose()?;
            let policy = policy.as_ref().map(policy_source).transpose()?;
            let mut failed = false;
            for f in engine::doctor(config, &kbs.settings(), uri.as_ref(), policy.as_ref())? {
                match f {
                    Finding::Ok(m) => println!("[ok]   {m}"),
                    Finding::Fail(m) => {
                        println!("[FAIL] {m}");
                        failed = true;
                    }
                    Finding::Note(m) => println!("       note: {m}"),
                }
            }
            Ok(if failed { 1 } else { 0 })
        }
    }
}
