//! Dockerfile-style configuration changes (`import --change 'CMD ["sh"]'`),
//! applied to an image config's `config` object with docker's key names.

use serde_json::{Map, Value, json};

use super::{ImageError, Result};

#[derive(Clone, Debug, PartialEq)]
pub enum ConfigChange {
    Cmd(Vec<String>),
    Entrypoint(Vec<String>),
    Env(Vec<(String, String)>),
    WorkingDir(String),
    User(String),
    Labels(Vec<(String, String)>),
    Expose(Vec<String>),
    StopSignal(String),
    Volumes(Vec<String>),
}

/// The name of an `Env` entry (`K=V`, or a bare `K`).
pub fn env_key(entry: &str) -> Option<&str> {
    Some(entry.split_once('=').map_or(entry, |(k, _)| k))
}

fn invalid(line: &str, why: &str) -> ImageError {
    ImageError::Invalid {
        what: format!("config change {line:?}"),
        why: why.to_string(),
    }
}

/// Exec form (`["a","b"]`) or shell form (`a b` → `/bin/sh -c "a b"`).
fn command(args: &str) -> Vec<String> {
    if args.trim_start().starts_with('[')
        && let Ok(v) = serde_json::from_str::<Vec<String>>(args.trim())
    {
        return v;
    }
    vec!["/bin/sh".into(), "-c".into(), args.trim().into()]
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2
        && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')))
    {
        s[1..s.len() - 1].to_string()
    } else {
        s.to_string()
    }
}

/// `K=V K2="v 2"` pairs, or the legacy `K V` form.
fn pairs(line: &str, args: &str) -> Result<Vec<(String, String)>> {
    let args = args.trim();
    if !args.contains('=') {
        let (k, v) = args
            .split_once(char::is_whitespace)
            .ok_or_else(|| invalid(line, "expected KEY=VALUE"))?;
        return Ok(vec![(k.to_string(), unquote(v))]);
    }
    let mut out = Vec::new();
    let mut rest = args;
    while !rest.is_empty() {
        let (k, after) = rest
            .split_once('=')
            .ok_or_else(|| invalid(line, "expected KEY=VALUE"))?;
        let (v, next) = if let Some(q) = after.strip_prefix('"') {
            let end = q
                .find('"')
                .ok_or_else(|| invalid(line, "unterminated quote"))?;
            (&q[..end], &q[end + 1..])
        } else {
            after.split_once(char::is_whitespace).unwrap_or((after, ""))
        };
        if k.is_empty() {
            return Err(invalid(line, "empty key"));
        }
        out.push((k.trim().to_string(), v.to_string()));
        rest = next.trim_start();
    }
    Ok(out)
}

impl ConfigChange {
    pub fn parse(line: &str) -> Result<ConfigChange> {
        let line_t = line.trim();
        let (instr, args) = line_t
            .split_once(char::is_whitespace)
            .unwrap_or((line_t, ""));
        if args.trim().is_empty() {
            return Err(invalid(line, "missing arguments"));
        }
        Ok(match instr.to_ascii_uppercase().as_str() {
            "CMD" => ConfigChange::Cmd(command(args)),
            "ENTRYPOINT" => ConfigChange::Entrypoint(command(args)),
            "ENV" => ConfigChange::Env(pairs(line, args)?),
            "LABEL" => ConfigChange::Labels(
                pairs(line, args)?
                    .into_iter()
                    .map(|(k, v)| (unquote(&k), v))
                    .collect(),
            ),
            "WORKDIR" => ConfigChange::WorkingDir(args.trim().to_string()),
            "USER" => ConfigChange::User(args.trim().to_string()),
            "EXPOSE" => ConfigChange::Expose(
                args.split_whitespace()
                    .map(|p| {
                        if p.contains('/') {
                            p.to_string()
                        } else {
                            format!("{p}/tcp")
                        }
                    })
                    .collect(),
            ),
            "STOPSIGNAL" => ConfigChange::StopSignal(args.trim().to_string()),
            "VOLUME" => ConfigChange::Volumes(
                serde_json::from_str::<Vec<String>>(args.trim())
                    .unwrap_or_else(|_| args.split_whitespace().map(str::to_string).collect()),
            ),
            other => {
                return Err(invalid(
                    line,
                    &format!(
                        "{other} cannot be applied here; supported: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR"
                    ),
                ));
            }
        })
    }

    /// Applies the change to the `config` object of an image config.
    pub fn apply(&self, cfg: &mut Map<String, Value>) {
        match self {
            ConfigChange::Cmd(c) => {
                cfg.insert("Cmd".into(), json!(c));
            }
            ConfigChange::Entrypoint(e) => {
                cfg.insert("Entrypoint".into(), json!(e));
            }
            ConfigChange::Env(kvs) => {
                let env = cfg.entry("Env").or_insert_with(|| json!([]));
                let list = env.as_array_mut().expect("Env is a list");
                // As docker: a variable set again keeps its place.
                for (k, v) in kvs {
                    let entry = json!(format!("{k}={v}"));
                    match list
                        .iter()
                        .position(|e| e.as_str().and_then(env_key) == Some(k))
                    {
                        Some(i) => list[i] = entry,
                        None => list.push(entry),
                    }
                }
            }
            ConfigChange::WorkingDir(w) => {
                cfg.insert("WorkingDir".into(), json!(w));
            }
            ConfigChange::User(u) => {
                cfg.insert("User".into(), json!(u));
            }
            ConfigChange::Labels(kvs) => {
                let labels = cfg.entry("Labels").or_insert_with(|| json!({}));
                for (k, v) in kvs {
                    labels[k] = json!(v);
                }
            }
            ConfigChange::Expose(ports) => {
                let e = cfg.entry("ExposedPorts").or_insert_with(|| json!({}));
                for p in ports {
                    e[p] = json!({});
                }
            }
            ConfigChange::StopSignal(s) => {
                cfg.insert("StopSignal".into(), json!(s));
            }
            ConfigChange::Volumes(vs) => {
                let e = cfg.entry("Volumes").or_insert_with(|| json!({}));
                for v in vs {
                    e[v] = json!({});
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_docker_forms() {
        assert_eq!(
            ConfigChange::parse(r#"CMD ["sh", "-c", "echo hi"]"#).unwrap(),
            ConfigChange::Cmd(vec!["sh".into(), "-c".into(), "echo hi".into()])
        );
        assert_eq!(
            ConfigChange::parse("cmd echo hi").unwrap(),
            ConfigChange::Cmd(vec!["/bin/sh".into(), "-c".into(), "echo hi".into()])
        );
        assert_eq!(
            ConfigChange::parse(r#"ENV A=1 B="two words""#).unwrap(),
            ConfigChange::Env(vec![
                ("A".into(), "1".into()),
                ("B".into(), "two words".into())
            ])
        );
        assert_eq!(
            ConfigChange::parse("ENV PATH /bin:/sbin").unwrap(),
            ConfigChange::Env(vec![("PATH".into(), "/bin:/sbin".into())])
        );
        assert!(ConfigChange::parse("RUN make").is_err());
        assert!(ConfigChange::parse("CMD").is_err());
        let mut cfg = Map::new();
        ConfigChange::parse("ENV A=1").unwrap().apply(&mut cfg);
        ConfigChange::parse("ENV A=2").unwrap().apply(&mut cfg);
        ConfigChange::parse("EXPOSE 80").unwrap().apply(&mut cfg);
        assert_eq!(cfg["Env"], json!(["A=2"]));
        assert_eq!(cfg["ExposedPorts"], json!({"80/tcp": {}}));
    }
}
