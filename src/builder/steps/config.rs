//! Instructions that change the image configuration (ENV, ARG, LABEL,
//! EXPOSE, VOLUME, USER, STOPSIGNAL, CMD, ENTRYPOINT, SHELL, MAINTAINER,
//! ONBUILD, HEALTHCHECK), and WORKDIR.

use std::fs;

use serde_json::json;

use super::{absolute, components};
use crate::builder::dockerfile::Instruction;
use crate::builder::{BuildError, Builder, Result, State, command, shell};
use crate::image::ConfigChange;
use crate::time::duration_ns;

impl Builder<'_> {
    pub(in crate::builder) fn config_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
    ) -> Result<()> {
        // What the step changed, for its cache key: the key before it
        // stands for everything else (hashing the whole configuration at
        // each step made a long Dockerfile quadratic).
        let effect = match ins.keyword.as_str() {
            "ARG" => return self.arg_step(state, ins),
            "SHELL" => {
                shell_step(state, ins)?;
                state
                    .config()
                    .get("Shell")
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            }
            "MAINTAINER" => {
                ins.allow_flags(&[])?;
                let author = shell::word(&ins.args, &state.vars(), self.escape)
                    .map_err(|e| BuildError::at(ins, e))?;
                state.image.author = Some(author.clone());
                author
            }
            "ONBUILD" => {
                onbuild_step(state, ins)?;
                state
                    .config()
                    .get("OnBuild")
                    .and_then(|l| l.as_array()?.last().map(|t| t.to_string()))
                    .unwrap_or_default()
            }
            "HEALTHCHECK" => {
                let hc = healthcheck(ins)?;
                let text = hc.to_string();
                state.config().insert("Healthcheck".into(), hc);
                text
            }
            _ => {
                let change = config_change(state, ins, self.escape)?;
                let text = format!("{change:?}");
                match &change {
                    ConfigChange::Env(pairs) => set_env(state, pairs),
                    _ => change.apply(state.config()),
                }
                state.advance(&[&ins.keyword, &ins.args, &text]);
                state.history(history_text(&change), None);
                return Ok(());
            }
        };
        self.config_done(state, ins, &effect)
    }

    /// ARG: each declared name takes its value from `--build-arg`, else its
    /// default, else the global ARG of that name.
    fn arg_step(&mut self, state: &mut State, ins: &Instruction) -> Result<()> {
        let declared = self.parse_arg(ins, &state.vars())?;
        // History names the defaults the Dockerfile gives, as BuildKit's.
        let shown: Vec<String> = declared
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect();
        for (k, default) in declared {
            let global = self
                .global_args
                .iter()
                .find(|(n, _)| *n == k)
                .and_then(|(_, v)| v.clone());
            let v = self.arg_value(&k, default.or(global));
            state.set_arg(k, v);
        }
        let args = serde_json::to_string(&state.args).expect("strings serialise");
        state.advance(&["ARG", &args]);
        state.history(format!("ARG {}", shown.join(" ")), None);
        Ok(())
    }

    fn config_done(&mut self, state: &mut State, ins: &Instruction, effect: &str) -> Result<()> {
        state.advance(&[&ins.keyword, &ins.args, effect]);
        state.history(ins.text(), None);
        Ok(())
    }

    pub(in crate::builder) fn workdir_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
        title: &str,
    ) -> Result<()> {
        ins.allow_flags(&[])?;
        let w = shell::word(&ins.args, &state.vars(), self.escape)
            .map_err(|e| BuildError::at(ins, e))?;
        if w.is_empty() {
            return Err(BuildError::at(ins, "WORKDIR requires a path"));
        }
        let path = absolute(&w, &state.workdir());
        ConfigChange::WorkingDir(path.clone()).apply(state.config());
        state.advance(&["WORKDIR", &path]);
        let created_by = format!("WORKDIR {path}");
        let Some(step) = self.begin(state, title, &created_by)? else {
            return Ok(());
        };
        let work = self.mount(&state.layers, true)?;
        let rootfs = work.rootfs();
        let target = crate::unpack::resolve_in_root(&rootfs, &components(&path))
            .map_err(|e| BuildError::at(ins, e))?;
        fs::create_dir_all(&target)
            .map_err(|e| BuildError::at(ins, format!("create {path}: {e}")))?;
        self.commit_work(work, state, created_by, &step)
    }
}

/// The configuration change of ENV, LABEL, EXPOSE, VOLUME, USER,
/// STOPSIGNAL, CMD and ENTRYPOINT.
fn config_change(state: &mut State, ins: &Instruction, esc: char) -> Result<ConfigChange> {
    ins.allow_flags(&[])?;
    let vars = state.vars();
    let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
    let word = |s: &str| shell::word(s, &vars, esc).map_err(|e| at(&e));
    Ok(match ins.keyword.as_str() {
        "ENV" => ConfigChange::Env(shell::pairs(&ins.args, &vars, esc).map_err(|e| at(&e))?),
        "LABEL" => ConfigChange::Labels(shell::pairs(&ins.args, &vars, esc).map_err(|e| at(&e))?),
        "EXPOSE" => {
            let ports = shell::words(&ins.args, &vars, esc).map_err(|e| at(&e))?;
            if ports.is_empty() {
                return Err(at(&"EXPOSE requires at least one port"));
            }
            ConfigChange::Expose(
                ports
                    .into_iter()
                    .map(|p| {
                        if p.contains('/') {
                            p
                        } else {
                            format!("{p}/tcp")
                        }
                    })
                    .collect(),
            )
        }
        "VOLUME" => {
            let vols = match serde_json::from_str::<Vec<String>>(ins.args.trim()) {
                Ok(v) => v.iter().map(|s| word(s)).collect::<Result<Vec<_>>>()?,
                Err(_) => shell::words(&ins.args, &vars, esc).map_err(|e| at(&e))?,
            };
            if vols.iter().any(|v| v.is_empty()) || vols.is_empty() {
                return Err(at(&"VOLUME specified can not be an empty string"));
            }
            ConfigChange::Volumes(vols)
        }
        "USER" => {
            let u = word(&ins.args)?;
            if u.is_empty() {
                return Err(at(&"USER requires a user name or id"));
            }
            ConfigChange::User(u)
        }
        "STOPSIGNAL" => {
            let s = word(&ins.args)?;
            crate::runtime::parse_signal(&s).map_err(|e| at(&e))?;
            ConfigChange::StopSignal(s)
        }
        "CMD" => {
            state.cmd_set = true;
            ConfigChange::Cmd(command(&ins.args, &state.shell).0)
        }
        "ENTRYPOINT" => {
            if !state.cmd_set {
                // A new entrypoint drops the base image's CMD, as docker does.
                state.config().remove("Cmd");
            }
            ConfigChange::Entrypoint(command(&ins.args, &state.shell).0)
        }
        other => return Err(at(&format!("{other} is not handled here"))),
    })
}

/// SHELL: the JSON form only, at least one word.
fn shell_step(state: &mut State, ins: &Instruction) -> Result<()> {
    ins.allow_flags(&[])?;
    let sh: Vec<String> = serde_json::from_str(ins.args.trim())
        .map_err(|_| BuildError::at(ins, "SHELL requires the arguments to be in JSON form"))?;
    if sh.is_empty() {
        return Err(BuildError::at(ins, "SHELL requires at least one argument"));
    }
    state.shell = sh.clone();
    state.config().insert("Shell".into(), json!(sh));
    Ok(())
}

/// ONBUILD: the trigger, recorded for images built on this one.
fn onbuild_step(state: &mut State, ins: &Instruction) -> Result<()> {
    ins.allow_flags(&[])?;
    let kw = ins
        .args
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    if matches!(kw.as_str(), "ONBUILD" | "FROM" | "MAINTAINER" | "") {
        return Err(BuildError::at(
            ins,
            format!("{kw} isn't allowed as an ONBUILD trigger"),
        ));
    }
    let cfg = state.config();
    let list = cfg.entry("OnBuild").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    list.as_array_mut()
        .expect("a list")
        .push(json!(ins.args.clone()));
    Ok(())
}

/// HEALTHCHECK NONE, or CMD with its timing flags, in docker's shape.
fn healthcheck(ins: &Instruction) -> Result<serde_json::Value> {
    ins.allow_flags(&[
        "interval",
        "timeout",
        "start-period",
        "start-interval",
        "retries",
    ])?;
    let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
    let args = ins.args.trim();
    if args.eq_ignore_ascii_case("NONE") {
        return Ok(json!({"Test": ["NONE"]}));
    }
    let (kw, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if !kw.eq_ignore_ascii_case("CMD") || rest.trim().is_empty() {
        return Err(at(&"HEALTHCHECK takes NONE or CMD followed by a command"));
    }
    let (cmd, exec) = command(rest.trim(), &[]);
    let test: Vec<String> = if exec {
        std::iter::once("CMD".to_string()).chain(cmd).collect()
    } else {
        vec!["CMD-SHELL".into(), rest.trim().to_string()]
    };
    let mut hc = json!({"Test": test});
    for (flag, key) in [
        ("interval", "Interval"),
        ("timeout", "Timeout"),
        ("start-period", "StartPeriod"),
        ("start-interval", "StartInterval"),
    ] {
        if let Some(v) = ins.flag(flag) {
            let ns =
                duration_ns(v).ok_or_else(|| at(&format!("--{flag}: invalid duration {v:?}")))?;
            hc[key] = json!(ns);
        }
    }
    if let Some(r) = ins.flag("retries") {
        let n: u32 = r
            .parse()
            .map_err(|_| at(&format!("--retries: invalid number {r:?}")))?;
        hc["Retries"] = json!(n);
    }
    Ok(hc)
}

/// ENV: each variable set in its place (a new one last), as docker sets
/// it; the variables and the index of `Env` are updated, not made again
/// from the whole environment (a long run of ENV lines was quadratic).
fn set_env(state: &mut State, pairs: &[(String, String)]) {
    let vars = state.vars.take();
    let index = state.env_index.take();
    let cfg = state.config();
    let env = cfg.entry("Env").or_insert_with(|| json!([]));
    if !env.is_array() {
        *env = json!([]);
    }
    let list = env.as_array_mut().expect("an array");
    // The first entry of a name is the one docker replaces.
    let mut index = index.unwrap_or_else(|| {
        let mut m = std::collections::HashMap::new();
        for (i, e) in list.iter().enumerate() {
            if let Some(k) = e.as_str().and_then(crate::image::env_key) {
                m.entry(k.to_string()).or_insert(i);
            }
        }
        m
    });
    for (k, v) in pairs {
        let entry = json!(format!("{k}={v}"));
        match index.get(k) {
            Some(&i) => list[i] = entry,
            None => {
                index.insert(k.clone(), list.len());
                list.push(entry);
            }
        }
    }
    state.env_index = Some(index);
    if let Some(mut v) = vars {
        let m = std::rc::Rc::make_mut(&mut v);
        for (k, val) in pairs {
            m.insert(k.clone(), val.clone());
        }
        *state.vars.get_mut() = Some(v);
    }
}

/// A configuration step's history line, with its words expanded, as
/// BuildKit writes it (`docker history` shows these): `ENV K=V ...`,
/// `LABEL K=V ...`, `EXPOSE map[80/tcp:{}]`, `CMD ["a" "b"]`,
/// `VOLUME [/data]`.
fn history_text(change: &ConfigChange) -> String {
    let pairs = |kw: &str, p: &[(String, String)]| {
        let words: Vec<String> = p.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{kw} {}", words.join(" "))
    };
    // Go's %q of a string slice: each element quoted, spaces between.
    let quoted = |kw: &str, v: &[String]| {
        let words: Vec<String> = v
            .iter()
            .map(|w| serde_json::to_string(w).expect("strings serialise"))
            .collect();
        format!("{kw} [{}]", words.join(" "))
    };
    match change {
        ConfigChange::Env(p) => pairs("ENV", p),
        ConfigChange::Labels(p) => pairs("LABEL", p),
        ConfigChange::Cmd(v) => quoted("CMD", v),
        ConfigChange::Entrypoint(v) => quoted("ENTRYPOINT", v),
        ConfigChange::User(u) => format!("USER {u}"),
        ConfigChange::StopSignal(s) => format!("STOPSIGNAL {s}"),
        ConfigChange::WorkingDir(w) => format!("WORKDIR {w}"),
        ConfigChange::Volumes(v) => format!("VOLUME [{}]", v.join(" ")),
        ConfigChange::Expose(ports) => {
            let mut keys: Vec<String> = ports
                .iter()
                .map(|p| {
                    if p.contains('/') {
                        p.clone()
                    } else {
                        format!("{p}/tcp")
                    }
                })
                .collect();
            keys.sort();
            keys.dedup();
            let keys: Vec<String> = keys.iter().map(|k| format!("{k}:{{}}")).collect();
            format!("EXPOSE map[{}]", keys.join(" "))
        }
    }
}
