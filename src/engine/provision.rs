//! `cvm provision`: the tenant's side of confidential-VM mode in one step.
//! The cosign public keys, an image security policy that admits exactly the
//! given images (their repositories, or with `--compose` each service's
//! image at the digest it resolved to) signed with their key (and rejects
//! everything else), the images' key-encryption keys, registry
//! credentials, and a resource policy go to the KBS; the initdata the
//! guest must boot with is written, with its digest and the pod
//! annotation Confidential Containers reads it from.

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::kbs::{
    AdminCredentials, KbsSettings, PolicySource, set_resource, set_resource_policy, url,
};
use super::options::Config;
use crate::error::Error;
use crate::kbs::ResourceUri;
use crate::reference::ImageRef;

/// An image the guest may run, and the cosign public key (PEM) it is
/// signed with. A reference with a digest admits exactly that digest;
/// without, the repository.
#[derive(Clone, Debug)]
pub struct ProvisionImage {
    pub reference: String,
    pub cosign_key: PathBuf,
}

/// What to provision.
#[derive(Clone, Debug)]
pub struct ProvisionRequest {
    pub kbs: KbsSettings,
    pub admin: AdminCredentials,
    pub images: Vec<ProvisionImage>,
    /// Key-encryption keys to store (`image-kek` resources), from files.
    pub keks: Vec<(ResourceUri, PathBuf)>,
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

/// The resource policy, compiled and evaluated here as trustee will
/// before anything is uploaded: it must release the provisioned resources
/// to affirming TDX and SNP evidence only, and to sample evidence exactly
/// when asked for development.
fn resource_policy(allow_sample: bool, tag: &str) -> Result<PolicySource, Error> {
    use crate::kbs::policy::{Evidence, ResourcePolicy};
    let source = PolicySource {
        text: crate::kbs::policy::provisioned(allow_sample).into_bytes(),
        origin: "the provisioned resource policy".into(),
    };
    let mut compiled = ResourcePolicy::compile(&source.text, &source.origin)
        .map_err(crate::kbs::KbsError::from)?;
    let verdicts = compiled
        .verdicts(&format!("default/cosign-key/{tag}"))
        .map_err(crate::kbs::KbsError::from)?;
    for v in verdicts {
        let sample = v.evidence == Evidence::Sample;
        let expected = if sample {
            (allow_sample, allow_sample)
        } else {
            (true, false)
        };
        if (v.affirming, v.otherwise) != expected {
            return Err(Error::Usage(format!(
                "the provisioned resource policy would not do what it says ({v}); nothing was uploaded"
            )));
        }
    }
    Ok(source)
}

/// The image security policy for `images`: each one (its digest when it
/// has one, else its repository) signed with the key at its key URI;
/// everything else rejected.
fn security_policy(images: &[(ImageRef, String)]) -> Value {
    let mut docker = serde_json::Map::new();
    for (r, key_uri) in images {
        let scope = match r.digest() {
            Some(d) => format!("{}@{d}", r.name()),
            None => format!("{}/{}", r.registry(), r.repository()),
        };
        docker.insert(
            scope,
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

/// The images' cosign public keys, read and checked, each distinct key
/// once; and for each image the index of its key.
fn cosign_keys(images: &[ProvisionImage]) -> Result<(Vec<Vec<u8>>, Vec<usize>), Error> {
    let mut keys: Vec<Vec<u8>> = Vec::new();
    let mut key_of = Vec::new();
    for i in images {
        let key =
            crate::bounded::read(&i.cosign_key, crate::bounded::KEY_FILE).map_err(|source| {
                Error::Io {
                    path: i.cosign_key.clone(),
                    source,
                }
            })?;
        crate::trust::keys::public_from_pem(&key).map_err(|why| {
            Error::Usage(format!(
                "{}: not a cosign public key: {why}",
                i.cosign_key.display()
            ))
        })?;
        let n = match keys.iter().position(|k| *k == key) {
            Some(n) => n,
            None => {
                keys.push(key);
                keys.len() - 1
            }
        };
        key_of.push(n);
    }
    Ok((keys, key_of))
}

/// A key-encryption key to store, and its resource.
type Kek = (ResourceUri, zeroize::Zeroizing<Vec<u8>>);

/// Key-encryption keys from their files: 32 bytes each.
fn read_keks(keks: &[(ResourceUri, PathBuf)]) -> Result<Vec<Kek>, Error> {
    let mut out = Vec::new();
    for (uri, path) in keks {
        let kek =
            crate::bounded::read(path, crate::bounded::KEY_FILE).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        if kek.len() != 32 {
            return Err(Error::Usage(format!(
                "{}: a key-encryption key is 32 bytes, not {}",
                path.display(),
                kek.len()
            )));
        }
        out.push((uri.clone(), zeroize::Zeroizing::new(kek)));
    }
    Ok(out)
}

pub fn provision(config: &Config, req: &ProvisionRequest) -> Result<Provisioned, Error> {
    let images = req
        .images
        .iter()
        .map(|i| ImageRef::parse(&i.reference))
        .collect::<Result<Vec<_>, _>>()?;
    if images.is_empty() {
        return Err(Error::Usage("name at least one image".into()));
    }
    // Every key read and checked, and the resource policy compiled, before
    // anything is stored.
    let (keys, key_of) = cosign_keys(&req.images)?;
    let resource_policy = resource_policy(req.allow_sample, &req.tag)?;
    let keks = read_keks(&req.keks)?;
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
    let mut key_uris = Vec::new();
    for (n, key) in keys.iter().enumerate() {
        let r: ResourceUri = match n {
            0 => uri("cosign-key")?,
            n => format!("default/cosign-key/{}-{}", req.tag, n + 1).parse()?,
        };
        key_uris.push(put(r, key)?);
    }
    for (r, kek) in &keks {
        put(r.clone(), kek)?;
    }
    let scoped: Vec<(ImageRef, String)> = images
        .iter()
        .zip(&key_of)
        .map(|(r, n)| (r.clone(), key_uris[*n].clone()))
        .collect();
    let policy = security_policy(&scoped);
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
    set_resource_policy(config, &req.kbs, &req.admin, &resource_policy, false)?;
    let text = initdata(&kbs_url, &policy_uri, creds_uri.as_deref());
    let parsed = crate::cvm::Initdata::parse(text.clone().into_bytes(), "initdata.toml".as_ref())?;
    let annotation = crate::kube::convert::initdata_annotation(text.as_bytes());
    Ok(Provisioned {
        resources: written,
        digest: hex::encode(parsed.digest()),
        initdata: text,
        annotation,
    })
}

/// The services of `model` whose pods run in a TEE (`x-ccr-confidential`,
/// or a Confidential Containers runtime class of their own or `class`).
pub fn confidential_services<'a>(
    model: &'a crate::compose::ProjectModel,
    class: Option<&str>,
) -> Vec<&'a crate::compose::ServiceModel> {
    model
        .services
        .iter()
        .filter(|s| {
            s.confidential.unwrap_or_else(|| {
                s.runtime_class
                    .as_deref()
                    .or(class)
                    .is_some_and(crate::kube::convert::is_confidential_class)
            })
        })
        .collect()
}

fn doc_err(what: &str, source: crate::oci::FormatError) -> Error {
    crate::image::ImageError::Document {
        what: what.to_string(),
        source,
    }
    .into()
}

/// The KBS key ids (`kbs:///...`) the encrypted layers of the image at
/// `pinned` name, read from its manifests (every platform's).
fn key_ids(ctx: &super::Context, pinned: &str) -> Result<Vec<ResourceUri>, Error> {
    let r = ImageRef::parse(pinned)?;
    let docs = ctx.block_on(async {
        let remote = ctx.images.remote(&r).await?;
        let (top, bytes) = remote.fetch_manifest(&r).await?;
        let mut docs = vec![(top.media_type.clone(), bytes.to_vec())];
        if crate::oci::is_index(&top.media_type) {
            let (_, doc) = crate::oci::Document::parse(Some(&top.media_type), &bytes)
                .map_err(|source| doc_err(pinned, source))?;
            for c in doc.children() {
                if crate::oci::is_manifest(&c.media_type) {
                    let (d, b) = remote.fetch_manifest(&r.at_digest(&c.digest)).await?;
                    docs.push((d.media_type, b.to_vec()));
                }
            }
        }
        Ok::<_, Error>(docs)
    })??;
    let mut kids = Vec::new();
    for (mt, bytes) in docs {
        let (_, doc) = crate::oci::Document::parse(Some(&mt), &bytes)
            .map_err(|source| doc_err(pinned, source))?;
        let crate::oci::Document::Manifest(m) = doc else {
            continue;
        };
        for layer in &m.layers {
            if let Some(a) = layer.annotations.get(crate::crypt::ANNOTATION_PROVIDER_AA) {
                let kid: ResourceUri = crate::crypt::provider::packet(a)?.kid.parse()?;
                if !kids.contains(&kid) {
                    kids.push(kid);
                }
            }
        }
    }
    Ok(kids)
}

/// What `cvm provision --compose` provisions for a project.
pub struct ComposeProvision {
    pub request: ProvisionRequest,
    /// Each confidential service and its image, pinned.
    pub services: Vec<(String, String)>,
    /// Key ids the images' layers name with no key-encryption key given
    /// (registered when the image was encrypted, or still to be).
    pub keks_not_given: Vec<String>,
}

/// The request for the confidential services of `model`: each image
/// resolved once (and verified where its service asks) and admitted at
/// that digest only, with its service's `x-nerdctl-cosign-public-key`
/// (else `cosign_key`); the KEKs its encrypted layers name, from `keks`.
pub fn compose_request(
    ctx: &super::Context,
    model: &crate::compose::ProjectModel,
    class: Option<&str>,
    cosign_key: Option<&std::path::Path>,
    base: ProvisionRequest,
) -> Result<ComposeProvision, Error> {
    let services = confidential_services(model, class);
    if services.is_empty() {
        return Err(Error::Usage(format!(
            "project {}: no service is confidential (x-ccr-confidential: true, or a Confidential Containers runtime class: x-ccr-runtime-class or --runtime-class)",
            model.name
        )));
    }
    let pins = super::kube::pin_services(ctx, model, &services)?;
    let mut images = Vec::new();
    let mut pinned = Vec::new();
    for svc in &services {
        let key = svc
            .verify
            .as_ref()
            .and_then(|v| v.public_key.clone())
            .or_else(|| cosign_key.map(std::path::Path::to_path_buf))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "services.{}: no cosign public key: give it x-nerdctl-cosign-public-key, or give --cosign-key",
                    svc.name
                ))
            })?;
        let reference = pins[&svc.name].clone();
        pinned.push((svc.name.clone(), reference.clone()));
        images.push(ProvisionImage {
            reference,
            cosign_key: key,
        });
    }
    let mut keks_not_given = Vec::new();
    let mut keks = Vec::new();
    for (_, reference) in &pinned {
        for kid in key_ids(ctx, reference)? {
            match base.keks.iter().find(|(k, _)| *k == kid) {
                Some(given) if !keks.contains(given) => keks.push(given.clone()),
                Some(_) => {}
                None => {
                    let s = format!("kbs:///{}", kid.path);
                    if !keks_not_given.contains(&s) {
                        keks_not_given.push(s);
                    }
                }
            }
        }
    }
    Ok(ComposeProvision {
        request: ProvisionRequest {
            images,
            keks,
            ..base
        },
        services: pinned,
        keks_not_given,
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
        let key = "kbs:///default/cosign-key/ccr".to_string();
        let pinned = format!("reg:5000/team/pinned:1@sha256:{}", "a".repeat(64));
        let images = [
            (ImageRef::parse("reg:5000/team/app:1").unwrap(), key.clone()),
            (ImageRef::parse(&pinned).unwrap(), key),
        ];
        let p = security_policy(&images);
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
        assert_eq!(asked, ["kbs:///default/cosign-key/ccr"; 2]);
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        let parsed = parsed.unwrap();
        let (scope, _) = parsed.requirements_for(&ImageRef::parse("reg:5000/team/app:2").unwrap());
        assert_eq!(scope, "reg:5000/team/app");
        let (scope, reqs) =
            parsed.requirements_for(&ImageRef::parse("reg:5000/team/other").unwrap());
        assert_eq!(scope, "default");
        assert!(matches!(reqs, [crate::trust::Requirement::Reject]));
        // A pinned image admits exactly its digest, not its other tags.
        let (scope, _) = parsed.requirements_for(&ImageRef::parse(&pinned).unwrap());
        assert!(scope.ends_with(&"a".repeat(64)), "{scope}");
        let (scope, _) =
            parsed.requirements_for(&ImageRef::parse("reg:5000/team/pinned:1").unwrap());
        assert_eq!(scope, "default");
    }
}
