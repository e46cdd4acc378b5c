//! Registry credentials in docker's `config.json` (`$DOCKER_CONFIG`, else
//! `~/.docker`), including `credsStore` / `credHelpers` helper programs, so
//! that `docker login`, `nerdctl login` and `ccr login` share credentials.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Map, Value, json};

#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, ***)", self.username)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("credentials file {path}: {why}")]
    File { path: PathBuf, why: String },
    #[error("credentials file {path}: {source}")]
    FileIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("credentials file {path}: invalid JSON: {source}")]
    FileJson {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "credential helper docker-credential-{helper} failed for {server}: {why}; check that it is installed and on PATH"
    )]
    Helper {
        helper: String,
        server: String,
        why: String,
    },
    #[error(
        "credential helper docker-credential-{helper} failed for {server}: {source}; check that it is installed and on PATH"
    )]
    HelperIo {
        helper: String,
        server: String,
        #[source]
        source: std::io::Error,
    },
}

/// An `auth` entry: base64 of `user:password`.
fn decode_auth(auth: &str, key: &str) -> Result<Credentials, String> {
    let decoded = B64
        .decode(auth.trim())
        .map_err(|_| format!("the auth entry for {key} is not base64"))?;
    let decoded =
        String::from_utf8(decoded).map_err(|_| format!("the auth entry for {key} is not UTF-8"))?;
    let (u, p) = decoded
        .split_once(':')
        .ok_or_else(|| format!("the auth entry for {key} has no ':'"))?;
    Ok(Credentials {
        username: u.to_string(),
        password: p.to_string(),
    })
}

/// docker's key for Docker Hub in `auths`.
const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

/// The key under which docker records credentials for a registry host.
pub fn server_key(registry: &str) -> String {
    match registry {
        "docker.io" | "index.docker.io" | "registry-1.docker.io" => DOCKER_HUB_KEY.to_string(),
        other => other.to_string(),
    }
}

/// Strips scheme and path, the way docker normalises `auths` keys on lookup.
fn host_of(key: &str) -> &str {
    let k = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"))
        .unwrap_or(key);
    k.split('/').next().unwrap_or(k)
}

pub struct CredentialStore {
    path: PathBuf,
    /// In confidential-VM mode: the KBS's credential resource (a docker
    /// config.json `auths` subset), filled after attestation; the guest's
    /// disk is never read.
    released: Option<std::sync::Arc<std::sync::OnceLock<Map<String, Value>>>>,
}

/// The credential resource's name in errors.
const RELEASED: &str = "the KBS's registry credentials";

impl CredentialStore {
    /// `$DOCKER_CONFIG/config.json`, else `$HOME/.docker/config.json`.
    pub fn default_location() -> Self {
        let dir = std::env::var_os("DOCKER_CONFIG")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
                Path::new(&home).join(".docker")
            });
        CredentialStore {
            path: dir.join("config.json"),
            released: None,
        }
    }

    pub fn at(path: PathBuf) -> Self {
        CredentialStore {
            path,
            released: None,
        }
    }

    /// Credentials that only the KBS provides ([`CredentialStore::release`]);
    /// until then, none.
    pub fn from_kbs() -> Self {
        CredentialStore {
            path: PathBuf::from(RELEASED),
            released: Some(Default::default()),
        }
    }

    /// Whether these are the KBS's credentials (and not yet released).
    pub fn awaits_release(&self) -> bool {
        self.released.as_ref().is_some_and(|r| r.get().is_none())
    }

    /// Takes the KBS's credential resource: `{"auths": {KEY: {"auth":
    /// base64(user:password)}}}`, KEY a registry or a repository path in it
    /// (Confidential Containers' shape; `auth` is required in each entry).
    pub fn release(&self, doc: &[u8]) -> Result<(), AuthError> {
        let Some(slot) = &self.released else {
            return Err(self.file_err("credentials on disk are not replaced by a KBS resource"));
        };
        let v: Value = serde_json::from_slice(doc)
            .map_err(|e| self.file_err(&format!("invalid JSON: {e}")))?;
        let auths = v
            .get("auths")
            .and_then(|a| a.as_object())
            .ok_or_else(|| self.file_err("no \"auths\" object"))?;
        for (k, e) in auths {
            if e.get("auth").and_then(|a| a.as_str()).is_none() {
                return Err(self.file_err(&format!("the entry for {k} has no \"auth\"")));
            }
        }
        let _ = slot.set(auths.clone());
        Ok(())
    }

    /// Credentials for the repository `repository` of `registry`: in the
    /// KBS's resource the longest matching key wins (`reg/ns/repo`, then
    /// `reg/ns`, then `reg`), as in Confidential Containers; on disk, the
    /// registry's.
    pub fn get_for(
        &self,
        registry: &str,
        repository: &str,
    ) -> Result<Option<Credentials>, AuthError> {
        let Some(slot) = &self.released else {
            return self.get(registry);
        };
        let Some(auths) = slot.get() else {
            return Ok(None);
        };
        let hub = |r: &str| match r {
            "docker.io" | "registry-1.docker.io" | "index.docker.io" => {
                "index.docker.io".to_string()
            }
            other => other.to_string(),
        };
        let parts: Vec<&str> = repository.split('/').collect();
        for n in (0..=parts.len()).rev() {
            let want = std::iter::once(hub(registry))
                .chain(parts[..n].iter().map(|p| p.to_string()))
                .collect::<Vec<_>>()
                .join("/");
            let found = auths.iter().find(|(k, _)| {
                let k = k
                    .trim_start_matches("https://")
                    .trim_start_matches("http://");
                let (host, path) = k.split_once('/').unwrap_or((k, ""));
                let key = if path.is_empty() {
                    hub(host)
                } else {
                    format!("{}/{}", hub(host), path.trim_end_matches('/'))
                };
                key == want
            });
            if let Some((k, e)) = found {
                return decode_auth(e["auth"].as_str().unwrap_or_default(), k)
                    .map(Some)
                    .map_err(|why| self.file_err(&why));
            }
        }
        Ok(None)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn load(&self) -> Result<Map<String, Value>, AuthError> {
        match crate::bounded::read(&self.path, crate::bounded::CONFIG_FILE) {
            Ok(data) => match serde_json::from_slice::<Value>(&data) {
                Ok(Value::Object(m)) => Ok(m),
                Ok(_) => Err(self.file_err("not a JSON object")),
                Err(source) => Err(AuthError::FileJson {
                    path: self.path.clone(),
                    source,
                }),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Map::new()),
            Err(e) => Err(self.io_err(e)),
        }
    }

    fn io_err(&self, source: std::io::Error) -> AuthError {
        AuthError::FileIo {
            path: self.path.clone(),
            source,
        }
    }

    fn file_err(&self, why: &str) -> AuthError {
        AuthError::File {
            path: self.path.clone(),
            why: why.to_string(),
        }
    }

    fn save(&self, cfg: &Map<String, Value>) -> Result<(), AuthError> {
        use crate::private_file::{Existing, write};
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| self.io_err(e))?;
        let data = serde_json::to_vec_pretty(&Value::Object(cfg.clone())).unwrap();
        write(&self.path, &data, 0o600, Existing::Replace).map_err(|e| self.io_err(e))
    }

    fn helper_for(cfg: &Map<String, Value>, registry: &str) -> Option<String> {
        cfg.get("credHelpers")
            .and_then(|h| h.as_object())
            .and_then(|h| {
                h.iter()
                    .find(|(k, _)| host_of(k) == host_of(&server_key(registry)))
                    .and_then(|(_, v)| v.as_str())
            })
            .or_else(|| cfg.get("credsStore").and_then(|v| v.as_str()))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }

    /// Credentials for a registry host, if any are recorded.
    pub fn get(&self, registry: &str) -> Result<Option<Credentials>, AuthError> {
        let cfg = self.load()?;
        let key = server_key(registry);
        if let Some(helper) = Self::helper_for(&cfg, registry) {
            return run_helper(&helper, "get", &key, &key).map(|out| {
                let v: Value = serde_json::from_str(&out).ok()?;
                Some(Credentials {
                    username: v.get("Username")?.as_str()?.to_string(),
                    password: v.get("Secret")?.as_str()?.to_string(),
                })
            });
        }
        let Some(auths) = cfg.get("auths").and_then(|a| a.as_object()) else {
            return Ok(None);
        };
        let entry = auths
            .get(&key)
            .or_else(|| {
                auths
                    .iter()
                    .find(|(k, _)| host_of(k) == host_of(&key))
                    .map(|(_, v)| v)
            })
            .and_then(|v| v.as_object());
        let Some(entry) = entry else { return Ok(None) };
        if let Some(auth) = entry.get("auth").and_then(|a| a.as_str()) {
            return decode_auth(auth, &key)
                .map(Some)
                .map_err(|why| self.file_err(&why));
        }
        match (
            entry.get("username").and_then(|v| v.as_str()),
            entry.get("password").and_then(|v| v.as_str()),
        ) {
            (Some(u), Some(p)) => Ok(Some(Credentials {
                username: u.into(),
                password: p.into(),
            })),
            _ => Ok(None),
        }
    }

    /// Records credentials (through the helper when one is configured).
    pub fn store(&self, registry: &str, creds: &Credentials) -> Result<(), AuthError> {
        if self.released.is_some() {
            return Err(
                self.file_err("they come from the KBS; nothing is recorded on the guest's disk")
            );
        }
        let mut cfg = self.load()?;
        let key = server_key(registry);
        if let Some(helper) = Self::helper_for(&cfg, registry) {
            let input =
                json!({"ServerURL": key, "Username": creds.username, "Secret": creds.password});
            run_helper(&helper, "store", &input.to_string(), &key)?;
            return Ok(());
        }
        let auths = cfg
            .entry("auths")
            .or_insert_with(|| Value::Object(Map::new()));
        if !auths.is_object() {
            *auths = Value::Object(Map::new());
        }
        let auths = auths.as_object_mut().unwrap();
        auths.retain(|k, _| host_of(k) != host_of(&key));
        let token = B64.encode(format!("{}:{}", creds.username, creds.password));
        auths.insert(key, json!({ "auth": token }));
        self.save(&cfg)
    }

    /// Forgets credentials; returns whether any were recorded.
    pub fn erase(&self, registry: &str) -> Result<bool, AuthError> {
        let mut cfg = self.load()?;
        let key = server_key(registry);
        if let Some(helper) = Self::helper_for(&cfg, registry) {
            run_helper(&helper, "erase", &key, &key)?;
            return Ok(true);
        }
        let Some(auths) = cfg.get_mut("auths").and_then(|a| a.as_object_mut()) else {
            return Ok(false);
        };
        let before = auths.len();
        auths.retain(|k, _| host_of(k) != host_of(&key));
        let removed = auths.len() != before;
        if removed {
            self.save(&cfg)?;
        }
        Ok(removed)
    }
}

fn run_helper(helper: &str, verb: &str, input: &str, server: &str) -> Result<String, AuthError> {
    let err = |why: String| AuthError::Helper {
        helper: helper.to_string(),
        server: server.to_string(),
        why,
    };
    let io = |source: std::io::Error| AuthError::HelperIo {
        helper: helper.to_string(),
        server: server.to_string(),
        source,
    };
    let mut child = Command::new(format!("docker-credential-{helper}"))
        .arg(verb)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(io)?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .map_err(io)?;
    let out = child.wait_with_output().map_err(io)?;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        // "credentials not found in native keychain" is not an error for get.
        if verb == "get" && stdout.contains("not found") {
            return Ok(String::new());
        }
        return Err(err(format!(
            "{}{}",
            stdout.trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    #[test]
    fn released_credentials_match_the_longest_repository_prefix_and_nothing_on_disk() {
        let b = |s: &str| B64.encode(s);
        let doc = serde_json::json!({"auths": {
            "reg.example:5000/org/app": {"auth": b("app:1")},
            "reg.example:5000/org": {"auth": b("org:2")},
            "reg.example:5000": {"auth": b("reg:3")},
            "docker.io": {"auth": b("hub:4")},
        }});
        let store = CredentialStore::from_kbs();
        assert!(store.awaits_release());
        assert_eq!(store.get_for("reg.example:5000", "org/app").unwrap(), None);
        store.release(doc.to_string().as_bytes()).unwrap();
        let user = |reg: &str, repo: &str| {
            store
                .get_for(reg, repo)
                .unwrap()
                .map(|c| c.username)
                .unwrap_or_default()
        };
        assert_eq!(user("reg.example:5000", "org/app"), "app");
        assert_eq!(user("reg.example:5000", "org/app2"), "org");
        assert_eq!(user("reg.example:5000", "other/x"), "reg");
        assert_eq!(user("docker.io", "library/busybox"), "hub");
        assert_eq!(user("quay.io", "a/b"), "");
        assert!(
            store
                .store(
                    "reg.example:5000",
                    &Credentials {
                        username: "u".into(),
                        password: "p".into()
                    }
                )
                .is_err()
        );
        let bad = CredentialStore::from_kbs();
        let e = bad
            .release(br#"{"auths": {"reg": {"username": "u", "password": "p"}}}"#)
            .unwrap_err();
        assert!(e.to_string().contains("no \"auth\""), "{e}");
    }

    use super::*;

    #[test]
    fn store_get_erase_roundtrip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, r#"{"auths":{},"psFormat":"table"}"#).unwrap();
        let cs = CredentialStore::at(path.clone());
        let c = Credentials {
            username: "u".into(),
            password: "p:w".into(),
        };
        cs.store("127.0.0.1:5000", &c).unwrap();
        cs.store("docker.io", &c).unwrap();
        assert_eq!(cs.get("127.0.0.1:5000").unwrap(), Some(c.clone()));
        assert_eq!(cs.get("index.docker.io").unwrap(), Some(c.clone()));
        let raw: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(raw["psFormat"], "table", "unknown keys are kept");
        assert!(raw["auths"][DOCKER_HUB_KEY]["auth"].is_string());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(cs.erase("127.0.0.1:5000").unwrap());
        assert!(!cs.erase("127.0.0.1:5000").unwrap());
        assert_eq!(cs.get("127.0.0.1:5000").unwrap(), None);
    }

    #[test]
    fn reads_scheme_prefixed_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        let auth = B64.encode("a:b");
        std::fs::write(
            &path,
            format!(r#"{{"auths":{{"https://reg.example:443/v2/":{{"auth":"{auth}"}}}}}}"#),
        )
        .unwrap();
        let cs = CredentialStore::at(path);
        assert_eq!(cs.get("reg.example:443").unwrap().unwrap().username, "a");
    }
}
