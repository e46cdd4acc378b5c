//! `RUN --mount=…` as BuildKit reads it: what a step sees besides its root
//! file system. `bind` (the build context, a stage or an image; read-only
//! unless `rw`, and then writes are thrown away), `cache` (a directory kept
//! between builds, keyed by `id`), `tmpfs`, and `secret` (a value given to
//! `ccr build --secret`, mounted from memory, never part of the cache key
//! or of a layer). `ssh` is refused.

use std::fs;
use std::io::Read;
use std::path::PathBuf;

use zeroize::Zeroizing;

/// `sharing=` of a cache mount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sharing {
    /// Any number of steps use it at once (the default).
    Shared,
    /// One step at a time; the others wait. `private` is treated the same.
    Locked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Bind {
        /// A stage or an image; the build context when `None`.
        from: Option<String>,
        source: String,
        rw: bool,
    },
    Cache {
        id: String,
        sharing: Sharing,
        mode: u32,
        uid: u32,
        gid: u32,
        ro: bool,
    },
    Tmpfs {
        size: Option<String>,
    },
    Secret {
        id: String,
        required: bool,
        mode: u32,
        uid: u32,
        gid: u32,
    },
}

/// One `--mount` of a RUN step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunMount {
    pub kind: Kind,
    /// Absolute path in the container.
    pub target: String,
}

fn flag(v: Option<&str>, key: &str) -> Result<bool, String> {
    match v {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(o) => Err(format!("{key}={o}: use true or false")),
    }
}

fn number(v: &str, key: &str, radix: u32) -> Result<u32, String> {
    u32::from_str_radix(v, radix).map_err(|_| format!("invalid {key}={v}"))
}

fn absolute(target: &str, workdir: &str) -> String {
    let p = if target.starts_with('/') {
        PathBuf::from(target)
    } else {
        PathBuf::from(workdir).join(target)
    };
    // Lexically clean; the runtime resolves the path inside the root.
    let mut out = PathBuf::from("/");
    for c in p.components() {
        match c {
            std::path::Component::Normal(n) => out.push(n),
            std::path::Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out.to_string_lossy().into_owned()
}

impl RunMount {
    /// Parses the value of one `--mount` flag (variables already expanded);
    /// relative targets are taken from `workdir`.
    pub fn parse(spec: &str, workdir: &str) -> Result<RunMount, String> {
        let f = Fields::parse(spec);
        let ty = f.get(&["type"]).unwrap_or_else(|| "bind".into());
        f.check(&ty)?;
        let target = f
            .get(&["target", "dst", "destination"])
            .filter(|t| !t.is_empty());
        let (kind, target) = match ty.as_str() {
            "bind" => (f.bind()?, target.ok_or("a bind mount needs target=")?),
            "cache" => {
                let target = target.ok_or("a cache mount needs target=")?;
                (f.cache(&absolute(&target, workdir))?, target)
            }
            "tmpfs" => (f.tmpfs()?, target.ok_or("a tmpfs mount needs target=")?),
            _ => f.secret(target)?,
        };
        let target = absolute(&target, workdir);
        if target == "/" {
            return Err("a mount cannot replace the root directory".into());
        }
        Ok(RunMount { kind, target })
    }

    /// What the mount adds to its step's cache key: never a secret's value
    /// or a cache directory's content.
    pub fn key(&self) -> String {
        format!("{:?} at {}", self.kind, self.target)
    }
}

/// `ccr build --secret id=ID[,src=FILE|,env=VAR]`, read when the build starts.
#[derive(Clone)]
pub struct Secret {
    pub id: String,
    pub value: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({}, {} bytes)", self.id, self.value.len())
    }
}

impl Secret {
    /// As buildx: `src=`/`source=` names a file, `env=` a variable; with
    /// neither, the variable named like the id.
    pub fn parse(spec: &str) -> Result<Secret, String> {
        let mut id = None;
        let mut src = None;
        let mut env = None;
        for part in spec.split(',') {
            match part.split_once('=') {
                Some(("id", v)) => id = Some(v.to_string()),
                Some(("src" | "source", v)) => src = Some(v.to_string()),
                Some(("env", v)) => env = Some(v.to_string()),
                Some(("type", "file" | "env")) => {}
                _ => {
                    return Err(format!(
                        "invalid secret {spec:?}: use id=ID[,src=FILE] or id=ID,env=VARIABLE"
                    ));
                }
            }
        }
        let id = id
            .filter(|i| !i.is_empty())
            .ok_or_else(|| format!("invalid secret {spec:?}: id= is required"))?;
        let value = match (src, env) {
            (Some(path), _) => {
                let mut v = Zeroizing::new(Vec::new());
                fs::File::open(&path)
                    .and_then(|mut f| f.read_to_end(&mut v))
                    .map_err(|e| format!("secret {id}: {path}: {e}"))?;
                v
            }
            (None, Some(var)) => Zeroizing::new(
                std::env::var_os(&var)
                    .ok_or_else(|| format!("secret {id}: the variable {var} is not set"))?
                    .into_encoded_bytes(),
            ),
            (None, None) => Zeroizing::new(
                std::env::var_os(&id)
                    .ok_or_else(|| {
                        format!(
                            "secret {id}: give src=FILE or env=VARIABLE (no variable {id} is set)"
                        )
                    })?
                    .into_encoded_bytes(),
            ),
        };
        Ok(Secret { id, value })
    }
}

/// A mount spec's `key[=value]` fields; the last of a name wins.
struct Fields(Vec<(String, Option<String>)>);

impl Fields {
    fn parse(spec: &str) -> Fields {
        Fields(
            spec.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|part| match part.split_once('=') {
                    Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
                    None => (part.to_ascii_lowercase(), None),
                })
                .collect(),
        )
    }

    fn find(&self, names: &[&str]) -> Option<&(String, Option<String>)> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| names.contains(&k.as_str()))
    }

    fn get(&self, names: &[&str]) -> Option<String> {
        self.find(names).map(|(_, v)| v.clone().unwrap_or_default())
    }

    fn bool_of(&self, names: &[&str]) -> Result<bool, String> {
        match self.find(names) {
            None => Ok(false),
            Some((k, v)) => flag(v.as_deref(), k),
        }
    }

    fn mode_of(&self, default: u32) -> Result<u32, String> {
        self.get(&["mode"])
            .map_or(Ok(default), |m| number(&m, "mode", 8))
    }

    fn ids(&self) -> Result<(u32, u32), String> {
        let uid = self
            .get(&["uid"])
            .map_or(Ok(0), |v| number(&v, "uid", 10))?;
        let gid = self
            .get(&["gid"])
            .map_or(Ok(0), |v| number(&v, "gid", 10))?;
        Ok((uid, gid))
    }

    /// Refuses an unknown type, and options the type does not take.
    fn check(&self, ty: &str) -> Result<(), String> {
        let allowed: &[&str] = match ty {
            "bind" => &["from", "source", "src", "rw", "readwrite", "ro", "readonly"],
            "cache" => &[
                "id",
                "sharing",
                "mode",
                "uid",
                "gid",
                "ro",
                "readonly",
                "rw",
                "readwrite",
            ],
            "tmpfs" => &["size"],
            "secret" => &["id", "required", "mode", "uid", "gid"],
            "ssh" => {
                return Err(
                    "type=ssh is not supported: ccr build forwards no SSH agent; use a secret"
                        .into(),
                );
            }
            other => {
                return Err(format!(
                    "unknown mount type {other:?}: use bind, cache, tmpfs or secret"
                ));
            }
        };
        for (k, _) in &self.0 {
            let common = ["type", "target", "dst", "destination"];
            if !common.contains(&k.as_str()) && !allowed.contains(&k.as_str()) {
                let hint = if ty == "secret" && k == "env" {
                    ": ccr mounts secrets as files only"
                } else {
                    ""
                };
                return Err(format!("unknown option {k:?} for a {ty} mount{hint}"));
            }
        }
        Ok(())
    }

    fn bind(&self) -> Result<Kind, String> {
        Ok(Kind::Bind {
            from: self.get(&["from"]).filter(|f| !f.is_empty()),
            source: self.get(&["source", "src"]).unwrap_or_default(),
            rw: self.bool_of(&["rw", "readwrite"])?,
        })
    }

    /// A cache mount; its id defaults to the absolute target.
    fn cache(&self, target: &str) -> Result<Kind, String> {
        let sharing = match self.get(&["sharing"]).as_deref() {
            None | Some("shared") => Sharing::Shared,
            Some("locked") | Some("private") => Sharing::Locked,
            Some(o) => {
                return Err(format!(
                    "invalid sharing={o}: use shared, private or locked"
                ));
            }
        };
        let ro = self.bool_of(&["ro", "readonly"])? && !self.bool_of(&["rw", "readwrite"])?;
        let (uid, gid) = self.ids()?;
        Ok(Kind::Cache {
            id: self
                .get(&["id"])
                .filter(|i| !i.is_empty())
                .unwrap_or_else(|| target.to_string()),
            sharing,
            mode: self.mode_of(0o755)?,
            uid,
            gid,
            ro,
        })
    }

    fn tmpfs(&self) -> Result<Kind, String> {
        let size = self.get(&["size"]);
        if let Some(s) = &size
            && !(s.chars().next().is_some_and(|c| c.is_ascii_digit())
                && s.trim_end_matches(['k', 'K', 'm', 'M', 'g', 'G', '%'])
                    .chars()
                    .all(|c| c.is_ascii_digit()))
        {
            return Err(format!("invalid size={s}: use bytes or a k, m or g suffix"));
        }
        Ok(Kind::Tmpfs { size })
    }

    /// A secret mount and its target (default `/run/secrets/ID`); the id
    /// defaults to the target's last component.
    fn secret(&self, target: Option<String>) -> Result<(Kind, String), String> {
        let id = match (self.get(&["id"]).filter(|i| !i.is_empty()), &target) {
            (Some(id), _) => id,
            (None, Some(t)) => t.rsplit('/').next().unwrap_or(t).to_string(),
            (None, None) => return Err("a secret mount needs id= or target=".into()),
        };
        let target = target.unwrap_or_else(|| format!("/run/secrets/{id}"));
        let (uid, gid) = self.ids()?;
        let kind = Kind::Secret {
            required: self.bool_of(&["required"])?,
            mode: self.mode_of(0o400)?,
            uid,
            gid,
            id,
        };
        Ok((kind, target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mount_specs_parse_as_buildkit_reads_them() {
        let m = RunMount::parse("type=cache,target=.cache/pip,sharing=locked", "/app").unwrap();
        assert_eq!(m.target, "/app/.cache/pip");
        assert_eq!(
            m.kind,
            Kind::Cache {
                id: "/app/.cache/pip".into(),
                sharing: Sharing::Locked,
                mode: 0o755,
                uid: 0,
                gid: 0,
                ro: false
            }
        );
        let m = RunMount::parse("target=/src,source=sub,from=build,rw", "/").unwrap();
        assert_eq!(
            m.kind,
            Kind::Bind {
                from: Some("build".into()),
                source: "sub".into(),
                rw: true
            }
        );
        let m = RunMount::parse("type=secret,id=tok,mode=0440,uid=5", "/").unwrap();
        assert_eq!(m.target, "/run/secrets/tok");
        assert!(matches!(
            m.kind,
            Kind::Secret {
                mode: 0o440,
                uid: 5,
                required: false,
                ..
            }
        ));
        let m = RunMount::parse("type=secret,target=/etc/key,required", "/").unwrap();
        assert!(matches!(&m.kind, Kind::Secret { id, required: true, .. } if id == "key"));
        for (bad, why) in [
            ("type=ssh", "not supported"),
            ("type=volume,target=/x", "unknown mount type"),
            ("type=cache", "needs target="),
            (
                "type=bind,target=/x,colour=red",
                "unknown option \"colour\"",
            ),
            ("type=secret,id=x,env=X", "as files only"),
            ("type=tmpfs,target=/t,size=lots", "invalid size"),
            ("type=cache,target=/c,mode=9", "invalid mode"),
            ("type=bind,target=/", "root directory"),
        ] {
            let e = RunMount::parse(bad, "/").unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn secrets_come_from_files_or_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s");
        fs::write(&f, "file-value").unwrap();
        let s = Secret::parse(&format!("id=a,src={}", f.display())).unwrap();
        assert_eq!((s.id.as_str(), &s.value[..]), ("a", &b"file-value"[..]));
        assert!(!format!("{s:?}").contains("file-value"));
        assert!(
            Secret::parse("src=/x")
                .unwrap_err()
                .contains("id= is required")
        );
        assert!(
            Secret::parse("id=a,src=/no/such/file")
                .unwrap_err()
                .contains("/no/such/file")
        );
        assert!(
            Secret::parse("id=CCR_TEST_SURELY_UNSET_VARIABLE")
                .unwrap_err()
                .contains("src=FILE or env=VARIABLE")
        );
    }
}
