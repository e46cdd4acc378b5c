//! Initdata: the TOML document a confidential guest is booted with
//! (trustee's and Confidential Containers' format). Its digest, the
//! `algorithm` of its raw bytes (never of a re-serialised form), is bound
//! into the TEE at launch: TDX `MRCONFIGID` (48 bytes), SNP `HOSTDATA`
//! (32 bytes), shorter digests zero-padded and longer ones truncated. It
//! names the KBS, the image security policy and the registry credentials.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::Digest as _;

use super::CvmError;

/// Where a Confidential Containers guest finds the initdata it booted with.
pub const GUEST_INITDATA: &str = "/run/confidential-containers/initdata/initdata.toml";

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    fn parse(s: &str) -> Option<Algorithm> {
        match s {
            "sha256" => Some(Algorithm::Sha256),
            "sha384" => Some(Algorithm::Sha384),
            "sha512" => Some(Algorithm::Sha512),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Algorithm::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Algorithm::Sha384 => sha2::Sha384::digest(data).to_vec(),
            Algorithm::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
}

/// Which TEE field carries the initdata digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingField {
    /// TDX `MRCONFIGID`, 48 bytes.
    MrConfigId,
    /// SNP `HOSTDATA`, 32 bytes.
    HostData,
}

impl BindingField {
    pub fn len(self) -> usize {
        match self {
            BindingField::MrConfigId => 48,
            BindingField::HostData => 32,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BindingField::MrConfigId => "MRCONFIGID",
            BindingField::HostData => "HOSTDATA",
        }
    }
}

/// A parsed initdata document, with the bytes it was parsed from.
#[derive(Clone, Debug)]
pub struct Initdata {
    raw: String,
    pub source: PathBuf,
    pub version: String,
    pub algorithm: Algorithm,
    /// The files it carries (`aa.toml`, `cdh.toml`, `policy.rego`, ...).
    pub data: BTreeMap<String, String>,
}

/// What the initdata says ccr's mode needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuestSettings {
    /// `cdh.toml` `[kbc] url`, else `aa.toml` `[token_configs.kbs] url`.
    pub kbs_url: Option<String>,
    /// `cdh.toml` `[image] image_security_policy_uri`.
    pub image_security_policy_uri: Option<String>,
    /// `cdh.toml` `[image] image_security_policy` (inline JSON).
    pub image_security_policy: Option<String>,
    /// `cdh.toml` `[image] authenticated_registry_credentials_uri`.
    pub registry_credentials_uri: Option<String>,
}

#[derive(serde::Deserialize)]
struct Document {
    version: String,
    algorithm: String,
    #[serde(default)]
    data: BTreeMap<String, String>,
}

impl Initdata {
    /// Reads and parses the initdata at `path`.
    pub fn load(path: &Path) -> Result<Initdata, CvmError> {
        let raw = crate::bounded::read(path, crate::bounded::CONFIG_FILE).map_err(|source| {
            CvmError::InitdataRead {
                path: path.to_path_buf(),
                source,
            }
        })?;
        Initdata::parse(raw, path)
    }

    /// Parses initdata bytes; `source` names them in errors.
    pub fn parse(raw: Vec<u8>, source: &Path) -> Result<Initdata, CvmError> {
        let bad = |why: String| CvmError::Initdata {
            path: source.to_path_buf(),
            why,
        };
        let raw = String::from_utf8(raw).map_err(|_| bad("not UTF-8 text".into()))?;
        let doc: Document = toml::from_str(&raw).map_err(|e| bad(e.to_string()))?;
        let algorithm = Algorithm::parse(&doc.algorithm).ok_or_else(|| {
            bad(format!(
                "algorithm {:?}: use sha256, sha384 or sha512",
                doc.algorithm
            ))
        })?;
        if doc.version.split('.').count() != 3 {
            return Err(bad(format!(
                "version {:?} is not MAJOR.MINOR.PATCH",
                doc.version
            )));
        }
        Ok(Initdata {
            raw,
            source: source.to_path_buf(),
            version: doc.version,
            algorithm,
            data: doc.data,
        })
    }

    /// The document as booted with, byte for byte (what the KBS is sent).
    pub fn text(&self) -> &str {
        &self.raw
    }

    /// `algorithm` over the raw bytes.
    pub fn digest(&self) -> Vec<u8> {
        self.algorithm.digest(self.raw.as_bytes())
    }

    /// The value the TEE's `field` must hold: the digest zero-padded or
    /// truncated to the field's length.
    pub fn binding(&self, field: BindingField) -> Vec<u8> {
        let mut d = self.digest();
        d.resize(field.len(), 0);
        d
    }

    /// Compares the TEE's `field` value with this initdata's binding.
    pub fn check_binding(&self, field: BindingField, reported: &[u8]) -> Result<(), CvmError> {
        let expected = self.binding(field);
        if reported != expected.as_slice() {
            return Err(CvmError::InitdataMismatch {
                path: self.source.clone(),
                field: field.name(),
                expected: hex::encode(expected),
                reported: hex::encode(reported),
            });
        }
        Ok(())
    }

    /// What its `cdh.toml` and `aa.toml` say.
    pub fn settings(&self) -> Result<GuestSettings, CvmError> {
        let table = |name: &str| -> Result<Option<toml::Table>, CvmError> {
            self.data
                .get(name)
                .map(|text| {
                    toml::from_str::<toml::Table>(text).map_err(|e| CvmError::Initdata {
                        path: self.source.clone(),
                        why: format!("{name}: {e}"),
                    })
                })
                .transpose()
        };
        let get = |t: &Option<toml::Table>, section: &[&str], key: &str| -> Option<String> {
            let mut cur = t.as_ref()?;
            for s in section {
                cur = cur.get(*s)?.as_table()?;
            }
            cur.get(key)?.as_str().map(str::to_string)
        };
        let cdh = table("cdh.toml")?;
        let aa = table("aa.toml")?;
        Ok(GuestSettings {
            kbs_url: get(&cdh, &["kbc"], "url")
                .or_else(|| get(&aa, &["token_configs", "kbs"], "url")),
            image_security_policy_uri: get(&cdh, &["image"], "image_security_policy_uri"),
            image_security_policy: get(&cdh, &["image"], "image_security_policy"),
            registry_credentials_uri: get(
                &cdh,
                &["image"],
                "authenticated_registry_credentials_uri",
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"version = "0.1.0"
algorithm = "sha384"
[data]
"aa.toml" = '''
[token_configs.kbs]
url = "http://aa:8080"
'''
"cdh.toml" = '''
[kbc]
name = "cc_kbc"
url = "http://kbs:8080"
[image]
image_security_policy_uri = "kbs:///default/security-policy/test"
authenticated_registry_credentials_uri = "kbs:///default/credential/test"
'''
"#;

    fn parse(text: &str) -> Result<Initdata, CvmError> {
        Initdata::parse(text.as_bytes().to_vec(), Path::new("initdata.toml"))
    }

    #[test]
    fn the_digest_is_of_the_raw_bytes_and_the_binding_fits_the_field() {
        let d = parse(DOC).unwrap();
        assert_eq!(d.digest(), sha2::Sha384::digest(DOC.as_bytes()).to_vec());
        // The same document with other spacing is another digest.
        let spaced = DOC.replace("algorithm = ", "algorithm =  ");
        assert_ne!(parse(&spaced).unwrap().digest(), d.digest());
        assert_eq!(d.binding(BindingField::MrConfigId), d.digest());
        assert_eq!(d.binding(BindingField::HostData), d.digest()[..32].to_vec());
        let short = parse(&DOC.replace("sha384", "sha256")).unwrap();
        let padded = short.binding(BindingField::MrConfigId);
        assert_eq!(&padded[..32], short.digest().as_slice());
        assert_eq!(&padded[32..], &[0u8; 16]);
        assert!(
            d.check_binding(BindingField::MrConfigId, &d.digest())
                .is_ok()
        );
        let err = d
            .check_binding(BindingField::MrConfigId, &[0u8; 48])
            .unwrap_err();
        assert!(err.to_string().contains("MRCONFIGID"), "{err}");
    }

    #[test]
    fn settings_come_from_cdh_then_aa() {
        let s = parse(DOC).unwrap().settings().unwrap();
        assert_eq!(s.kbs_url.as_deref(), Some("http://kbs:8080"));
        assert_eq!(
            s.image_security_policy_uri.as_deref(),
            Some("kbs:///default/security-policy/test")
        );
        assert_eq!(
            s.registry_credentials_uri.as_deref(),
            Some("kbs:///default/credential/test")
        );
        let aa_only = DOC.replace("url = \"http://kbs:8080\"", "");
        assert_eq!(
            parse(&aa_only)
                .unwrap()
                .settings()
                .unwrap()
                .kbs_url
                .as_deref(),
            Some("http://aa:8080")
        );
    }

    #[test]
    fn malformed_documents_are_refused_with_why() {
        for (doc, why) in [
            ("version = \"0.1.0\"\n", "algorithm"),
            ("version = \"0.1.0\"\nalgorithm = \"md5\"\n", "md5"),
            (
                "version = \"1\"\nalgorithm = \"sha256\"\n",
                "MAJOR.MINOR.PATCH",
            ),
            (
                "version = \"0.1.0\"\nalgorithm = \"sha256\"\n[data]\n\"cdh.toml\" = \"[kbc\"\n",
                "cdh.toml",
            ),
        ] {
            let err = parse(doc)
                .and_then(|d| d.settings().map(|_| d))
                .unwrap_err();
            assert!(err.to_string().contains(why), "{doc}: {err}");
        }
    }
}
