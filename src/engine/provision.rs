//! `cvm provision`: the tenant's side of confidential-VM mode in one step.
//! The cosign public key, an image security policy that admits exactly the
//! given images' repositories signed with it (and rejects everything
//! else), registry credentials, and a resource policy go to the KBS; the
//! initdata the guest must boot with is written, with its digest and the
//! pod annotation Confidential Containers reads it from.

use std::io::Write;
use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::context::Config;
use super::kbs::{AdminCredentials, KbsSettings, set_resource, set_resource_policy, url};
use crate::error::Error;
use crate::kbs::ResourceUri;
use crate::reference::ImageRef;

/// What to provision.
#[derive(Clone, Debug)]
pub struct ProvisionRequest {
    pub kbs: KbsSettings,
    pub admin: AdminCredentials,
    pub images: Vec<String>,
    /// The cosign public key (PEM) the images are signed with.
    pub cosign_key: PathBuf,
    /// Also upload the tenant's credentials for the images' registries.
    pub registry_auth: bool,
    /// Let the resource policy release to sample evidence (development).
    pub allow_sample: bool,
    /// The tag of the resources made (`default/<type>/<tag>`).
    pub tag: String,
}

/// What was provisioned.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Provisioned {
    /// The resources written, as `kbs:///` URIs.
    pub resources: Vec<String>,
    /// The initdata TOML, byte for byte as the guest must boot with it.
    pub initdata: String,
    /// Its sha384 digest, hex (TDX MRCONFIGID; the first 32 bytes are SNP HOSTDATA).
    pub digest: String,
    /// `io.katacontainers.config.hypervisor.cc_init_data`: base64 of the gzip of the initdata.
    pub annotation: String,
}

/// The resource policy: released only to affirming evidence (trustee's
/// default), and to sample evidence when asked for development.
fn resource_policy(allow_sample: bool) -> String {
    let mut p = String::from(
        "package policy\ndefault allow = false\nallow { input[\"submods\"][\"cpu0\"][\"ear.status\"] == \"affirming\" }\n",
    );
    if allow_sample {
        p.push_str("allow { input.tee == \"sample\" }\n");
    }
    p
}

/// The image security policy for `images`: each one's repository, signed
/// with the key at `key_uri`; everything else rejected.
fn security_policy(images: &[ImageRef], key_uri: &str) -> Value {
    let mut docker = serde_json::Map::new();
    for r in images {
        docker.insert(
            format!("{}/{}", r.registry(), r.repository()),
            json!([{"type": "sigstoreSigned", "keyPath": key_uri}]),
        );
    }
    json!({"default": [{"type": "reject"}], "transports": {"docker": docker}})
}

/// The initdata naming the KBS, the policy and (when any) the credentials.
fn initdata(kbs: &str, policy_uri: &str, creds_uri: Option<&str>) -> String {
    let creds = creds_uri
        .map(|u| format!("authenticated_registry_credentials_uri = \"{u}\"\n"))
        .unwrap_or_default();
    format!(
        "version = \"0.1.0\"\nalgorithm = \"sha384\"\n\n[data]\n\"aa.toml\" = '''\n[token_configs.kbs]\nurl = \"{kbs}\"\n'''\n\n\"cdh.toml\" = '''\n[kbc]\nname = \"cc_kbc\"\nurl = \"{kbs}\"\n\n[image]\nimage_security_policy_uri = \"{policy_uri}\"\n{creds}'''\n"
    )
}

pub fn provision(config: &Config, req: &ProvisionRequest) -> Result<Provisioned, Error> {
    let images = req
        .images
        .iter()
        .map(|i| ImageRef::parse(i))
        .collect::<Result<Vec<_>, _>>()?;
    if images.is_empty() {
        return Err(Error::Usage("name at least one image".into()));
    }
    let key =
        crate::bounded::read(&req.cosign_key, crate::bounded::KEY_FILE).map_err(|source| {
            Error::Io {
                path: req.cosign_key.clone(),
                source,
            }
        })?;
    crate::trust::keys::public_from_pem(&key).map_err(|why| {
        Error::Usage(format!(
            "{}: not a cosign public key: {why}",
            req.cosign_key.display()
        ))
    })?;
    // Credentials first: a refusal leaves the KBS as it was.
    let creds_doc = if req.registry_auth {
        let store = crate::registry::auth::CredentialStore::default_location();
        let mut auths = serde_json::Map::new();
        for r in &images {
            let Some(c) = store.get(r.registry())? else {
                return Err(Error::Usage(format!(
                    "no credentials are recorded for {}: log in first (ccr login {})",
                    r.registry(),
                    r.registry()
                )));
            };
            auths.insert(
                r.registry().to_string(),
                json!({"auth": STANDARD.encode(format!("{}:{}", c.username, c.password))}),
            );
        }
        Some(json!({"auths": auths}).to_string())
    } else {
        None
    };
    let kbs_url = url(config, &req.kbs)?;
    let uri = |ty: &str| -> Result<ResourceUri, Error> {
        Ok(format!("default/{ty}/{}", req.tag).parse()?)
    };
    let mut written = Vec::new();
    let mut put = |r: ResourceUri, data: &[u8]| -> Result<String, Error> {
        set_resource(config, &req.kbs, &req.admin, &r, data)?;
        let s = format!("kbs:///{}", r.path);
        written.push(s.clone());
        Ok(s)
    };
    let key_uri = put(uri("cosign-key")?, &key)?;
    let policy = security_policy(&images, &key_uri);
    let policy_uri = put(
        uri("security-policy")?,
        serde_json::to_string_pretty(&policy)
            .expect("serialises")
            .as_bytes(),
    )?;
    let creds_uri = match creds_doc {
        Some(doc) => Some(put(uri("credential")?, doc.as_bytes())?),
        None => None,
    };
    set_resource_policy(
        config,
        &req.kbs,
        &req.admin,
        &resource_policy(req.allow_sample),
    )?;
    let text = initdata(&kbs_url, &policy_uri, creds_uri.as_deref());
    let parsed = crate::cvm::Initdata::parse(text.clone().into_bytes(), "initdata.toml".as_ref())?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes()).expect("in memory");
    let annotation = STANDARD.encode(gz.finish().expect("in memory"));
    Ok(Provisioned {
        resources: written,
        digest: hex::encode(parsed.digest()),
        initdata: text,
        annotation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_initdata_names_what_was_provisioned_and_parses_back() {
        let text = initdata(
            "http://kbs:8080",
            "kbs:///default/security-policy/ccr",
            Some("kbs:///default/credential/ccr"),
        );
        let d = crate::cvm::Initdata::parse(text.into_bytes(), "i.toml".as_ref()).unwrap();
        let s = d.settings().unwrap();
        assert_eq!(s.kbs_url.as_deref(), Some("http://kbs:8080"));
        assert_eq!(
            s.image_security_policy_uri.as_deref(),
            Some("kbs:///default/security-policy/ccr")
        );
        assert_eq!(
            s.registry_credentials_uri.as_deref(),
            Some("kbs:///default/credential/ccr")
        );
    }

    #[test]
    fn the_policy_admits_only_the_images_repositories() {
        let images = [ImageRef::parse("reg:5000/team/app:1").unwrap()];
        let p = security_policy(&images, "kbs:///default/cosign-key/ccr");
        let dir = tempfile::tempdir().unwrap();
        let prefix = dir.path().join("k");
        let (_, public) = crate::trust::keys::generate(prefix.to_str().unwrap(), b"pw").unwrap();
        let pem = std::fs::read(public).unwrap();
        let mut asked = Vec::new();
        let parsed = crate::trust::Policy::parse_with(
            p.to_string().as_bytes(),
            "p.json".as_ref(),
            &mut |path| {
                asked.push(path.to_string());
                Ok(("k".into(), pem.clone()))
            },
        );
        assert_eq!(asked, ["kbs:///default/cosign-key/ccr"]);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        let parsed = parsed.unwrap();
        let (scope, _) = parsed.requirements_for(&ImageRef::parse("reg:5000/team/app:2").unwrap());
        assert_eq!(scope, "reg:5000/team/app");
        let (scope, reqs) =
            parsed.requirements_for(&ImageRef::parse("reg:5000/team/other").unwrap());
        assert_eq!(scope, "default");
        assert!(matches!(reqs, [crate::trust::Requirement::Reject]));
    }
}
