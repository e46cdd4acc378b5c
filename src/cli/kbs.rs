//! `ccr kbs`: attest to a Key Broker Service, fetch resources, provision
//! it (set-resource, set-resource-policy), and explain what it says (doctor).

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use crate::context::GlobalOptions;
use crate::error::Error;
use crate::kbs::admin::{Admin, AdminClaims, admin_token};
use crate::kbs::{
    ClientOptions, KbsClient, KbsError, Refusal, ResourceUri, TeeChoice, resolve_url,
};

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
    #[arg(long, value_name = "DIR", default_value = crate::kbs::attester::TSM_REPORT_DIR)]
    pub tsm_report_dir: PathBuf,
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
    /// Replace the KBS resource policy (Rego) (tenant side)
    SetResourcePolicy {
        #[command(flatten)]
        kbs: KbsArgs,
        #[command(flatten)]
        admin: AdminArgs,
        file: PathBuf,
    },
    /// Probe a KBS and explain what it says
    Doctor {
        #[command(flatten)]
        kbs: KbsArgs,
        /// Also check whether this resource is released
        #[arg(long, value_name = "URI")]
        resource: Option<String>,
    },
}

pub fn url(opts: &GlobalOptions, k: &KbsArgs) -> Result<String, Error> {
    let cmdline = std::fs::read_to_string("/proc/cmdline").ok();
    Ok(resolve_url(
        k.kbs_url.as_deref(),
        opts.config.kbs_url.as_deref(),
        cmdline.as_deref(),
    )?)
}

pub fn client_options(k: &KbsArgs) -> ClientOptions {
    ClientOptions {
        tee: match k.tee {
            TeeFlag::Auto => TeeChoice::Auto,
            TeeFlag::Sample => TeeChoice::Sample,
            TeeFlag::Tdx => TeeChoice::Tdx,
            TeeFlag::Snp => TeeChoice::Snp,
        },
        rsa_key: matches!(k.tee_key, TeeKeyFlag::Rsa),
        ca_cert: k.kbs_cert.clone(),
        tsm_root: k.tsm_report_dir.clone(),
        attempts: 3,
    }
}

fn read(path: &PathBuf) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::Io {
        path: path.clone(),
        why: e.to_string(),
    })
}

pub fn admin(u: &str, k: &KbsArgs, a: &AdminArgs) -> Result<Admin, Error> {
    let token = match (&a.admin_token, &a.admin_key) {
        (Some(t), _) => String::from_utf8_lossy(&read(t)?).trim().to_string(),
        (None, Some(key)) => {
            let pem = zeroize::Zeroizing::new(String::from_utf8_lossy(&read(key)?).into_owned());
            admin_token(
                &pem,
                &AdminClaims {
                    issuer: a.admin_issuer.clone(),
                    audience: a.admin_audience.clone(),
                    role: a.admin_role.clone(),
                    lifetime: Duration::from_secs(300),
                },
            )?
        }
        (None, None) => return Err(Error::Usage("give --admin-key or --admin-token".into())),
    };
    Ok(Admin::new(u, token, k.kbs_cert.as_deref())?)
}

pub fn rt() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("async runtime: {e}")))
}

fn when(secs: Option<u64>) -> String {
    secs.and_then(|s| chrono::DateTime::from_timestamp(s as i64, 0))
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| "unknown".into())
}

/// Writes a secret where only its owner can read it.
fn write_secret(path: &PathBuf, data: &[u8]) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: path.clone(),
        why: e.to_string(),
    };
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(io)?;
    f.write_all(data).and_then(|()| f.sync_all()).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

pub fn run(opts: &GlobalOptions, c: KbsCommand) -> Result<i32, Error> {
    match c {
        KbsCommand::Attest { kbs, format } => {
            let u = url(opts, &kbs)?;
            let mut client = KbsClient::new(&u, &client_options(&kbs))?;
            let claims = rt()?.block_on(client.attest())?;
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
                    when(claims.expires)
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
            let u = url(opts, &kbs)?;
            let mut client = KbsClient::new(&u, &client_options(&kbs))?;
            let rt = rt()?;
            for r in &uris {
                let data = rt.block_on(client.get_resource(r))?;
                match &output {
                    Some(p) => write_secret(p, &data)?,
                    None => {
                        let mut out = std::io::stdout().lock();
                        out.write_all(&data)
                            .map_err(|e| Error::Usage(e.to_string()))?;
                    }
                }
            }
            Ok(0)
        }
        KbsCommand::SetResource {
            kbs,
            admin: a,
            path,
            file,
        } => {
            let r: ResourceUri = path.parse()?;
            let data = zeroize::Zeroizing::new(read(&file)?);
            let u = url(opts, &kbs)?;
            rt()?.block_on(admin(&u, &kbs, &a)?.set_resource(&r.path, &data))?;
            eprintln!("Stored kbs:///{} ({} bytes)", r.path, data.len());
            Ok(0)
        }
        KbsCommand::SetResourcePolicy {
            kbs,
            admin: a,
            file,
        } => {
            let text = String::from_utf8(read(&file)?)
                .map_err(|_| Error::Usage(format!("{}: not UTF-8 text", file.display())))?;
            let u = url(opts, &kbs)?;
            rt()?.block_on(admin(&u, &kbs, &a)?.set_resource_policy(&text))?;
            eprintln!("Resource policy set");
            Ok(0)
        }
        KbsCommand::Doctor { kbs, resource } => doctor(opts, &kbs, resource.as_deref()),
    }
}

/// Explains, step by step, what a KBS makes of this guest.
fn doctor(opts: &GlobalOptions, k: &KbsArgs, resource: Option<&str>) -> Result<i32, Error> {
    let ok = |m: &str| println!("[ok]   {m}");
    let bad = |m: &str| println!("[FAIL] {m}");
    let u = match url(opts, k) {
        Ok(u) => u,
        Err(e) => {
            bad(&e.to_string());
            return Ok(1);
        }
    };
    ok(&format!("KBS address: {u}"));
    let mut client = match KbsClient::new(&u, &client_options(k)) {
        Ok(c) => c,
        Err(e) => {
            bad(&e.to_string());
            return Ok(1);
        }
    };
    ok(&format!("evidence from the {:?} attester", client.tee()).to_lowercase());
    if client.tee() == kbs_types::Tee::Sample {
        println!(
            "       note: sample evidence proves nothing; trustee's default resource policy refuses it"
        );
    }
    let rt = rt()?;
    let claims = match rt.block_on(client.attest()) {
        Ok(c) => c,
        Err(KbsError::Unreachable { why, .. }) => {
            bad(&format!("the KBS is not reachable: {why}"));
            return Ok(1);
        }
        Err(KbsError::Refused {
            kind: Refusal::ProtocolVersion,
            detail,
            ..
        }) => {
            ok("the KBS is reachable");
            bad(&format!(
                "it does not speak protocol {} (it said: {detail})",
                crate::kbs::PROTOCOL_VERSION
            ));
            return Ok(1);
        }
        Err(KbsError::Refused {
            kind: Refusal::AttestationError,
            detail,
            ..
        }) => {
            ok("the KBS is reachable and speaks protocol 0.4.0");
            bad(&format!(
                "it does not accept this guest's evidence: {detail}"
            ));
            return Ok(1);
        }
        Err(e) => {
            bad(&e.to_string());
            return Ok(1);
        }
    };
    ok("the KBS is reachable and speaks protocol 0.4.0");
    ok(&format!(
        "evidence accepted: token status {}, TEE {}, expires {}",
        claims.status,
        claims.tee,
        when(claims.expires)
    ));
    if let Some(r) = resource {
        let uri: ResourceUri = r.parse()?;
        match rt.block_on(client.get_resource(&uri)) {
            Ok(data) => ok(&format!(
                "kbs:///{} is released to this guest ({} bytes)",
                uri.path,
                data.len()
            )),
            Err(KbsError::Refused {
                kind: Refusal::PolicyDeny,
                ..
            }) => {
                bad(&format!(
                    "kbs:///{} is denied by the KBS resource policy{}",
                    uri.path,
                    if client.tee() == kbs_types::Tee::Sample {
                        " (trustee's default policy denies sample evidence; a development KBS needs a policy that allows it)"
                    } else {
                        ""
                    }
                ));
                return Ok(1);
            }
            Err(e) => {
                bad(&format!("kbs:///{}: {e}", uri.path));
                return Ok(1);
            }
        }
    }
    Ok(0)
}
