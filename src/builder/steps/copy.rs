//! COPY and ADD: sources from the context, a stage, an image or heredocs,
//! resolved inside their root; ADD also extracts local tar archives.

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::{absolute, components};
use crate::builder::context::{CopyOptions, Ignore, Source, SourceRoot};
use crate::builder::dockerfile::{Instruction, heredoc_marker};
use crate::builder::layer::Mount;
use crate::builder::{BuildError, Builder, Result, State, shell};
use crate::digest::Hasher;
use crate::unpack::compression::Compression;
use crate::unpack::compression::read_full;

/// A `COPY <<NAME` source: the file NAME (mode 0644, modified at the Unix
/// epoch so that the same content always gives the same layer).
fn write_heredoc_file(dir: &Path, name: &str, data: &str) -> std::io::Result<()> {
    let path = dir.join(name);
    if path.exists() {
        return Err(std::io::Error::other(format!(
            "two heredocs are named {name:?}"
        )));
    }
    let file = fs::File::create(&path)?;
    (&file).write_all(data.as_bytes())?;
    file.set_permissions(fs::Permissions::from_mode(0o644))?;
    file.set_modified(std::time::SystemTime::UNIX_EPOCH)?;
    Ok(())
}

impl Builder<'_> {
    pub(in crate::builder) fn copy_step(
        &mut self,
        state: &mut State,
        ins: &Instruction,
        title: &str,
        me: usize,
    ) -> Result<()> {
        let add = ins.keyword == "ADD";
        if add {
            ins.allow_flags(&["chown", "chmod", "link"])?;
        } else {
            ins.allow_flags(&["from", "chown", "chmod", "link"])?;
        }
        let vars = state.vars();
        let esc = self.escape;
        let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
        // Each word, or `None` for a heredoc marker.
        let mut words: Vec<Option<String>> =
            match serde_json::from_str::<Vec<String>>(ins.args.trim()) {
                Ok(v) if ins.args.trim_start().starts_with('[') => v
                    .iter()
                    .map(|s| shell::word(s, &vars, esc).map(Some).map_err(|e| at(&e)))
                    .collect::<Result<Vec<_>>>()?,
                _ if ins.heredocs.is_empty() => shell::words(&ins.args, &vars, esc)
                    .map_err(|e| at(&e))?
                    .into_iter()
                    .map(Some)
                    .collect(),
                _ => shell::raw_words(&ins.args, esc)
                    .iter()
                    .map(|w| match heredoc_marker(w) {
                        Some(_) => Ok(None),
                        None => shell::word(w, &vars, esc).map(Some).map_err(|e| at(&e)),
                    })
                    .collect::<Result<Vec<_>>>()?,
            };
        if words.len() < 2 {
            return Err(at(&format!(
                "{} requires at least two arguments: SOURCE... DEST",
                ins.keyword
            )));
        }
        let dest_word = words
            .pop()
            .flatten()
            .ok_or_else(|| at(&"the destination cannot be a heredoc"))?;
        let srcs: Vec<&String> = words.iter().flatten().collect();
        if add
            && let Some(u) = srcs
                .iter()
                .find(|s| s.contains("://") || s.starts_with("git@"))
        {
            return Err(at(&format!(
                "ADD of a URL ({u}) is not supported: download it into the build context and ADD or COPY the file"
            )));
        }
        let chown = ins
            .flag("chown")
            .map(|c| shell::word(c, &vars, esc).map_err(|e| at(&e)))
            .transpose()?;
        let chmod = match ins.flag("chmod") {
            Some(m) => Some(
                u32::from_str_radix(m, 8)
                    .ok()
                    .filter(|m| *m <= 0o7777)
                    .ok_or_else(|| {
                        at(&format!("--chmod: invalid mode {m:?} (octal, e.g. 0755)"))
                    })?,
            ),
            None => None,
        };
        // Where the sources come from.
        let mut _view: Option<Mount> = None;
        let (root, from_key) = match ins.flag("from") {
            None => (self.context_root()?, None),
            Some(f) => {
                let f = shell::word(f, &vars, esc).map_err(|e| at(&e))?;
                let (layers, key, what) = self.stage_or_image(&f, me).map_err(|e| at(&e))?;
                let view = self.mount(&layers, false)?;
                let root = SourceRoot {
                    root: view.rootfs(),
                    ignore: Ignore::default(),
                    keep_owner: true,
                    what,
                };
                _view = Some(view);
                (root, Some(key))
            }
        };
        let mut sources: Vec<Source> = Vec::new();
        for s in &srcs {
            sources.extend(root.resolve(s).map_err(|e| at(&e))?);
        }
        let mut h = Hasher::new();
        match &from_key {
            Some(k) => {
                h.update(k.as_bytes());
                for s in &sources {
                    h.update(format!("\0{}", s.rel).as_bytes());
                }
            }
            None => root.hash(&sources, &mut h).map_err(|e| at(&e))?,
        }
        // Heredoc sources: files written to a scratch directory of their own.
        let (_here_dir, here_root, here_sources) = if ins.heredocs.is_empty() {
            (None, None, Vec::new())
        } else {
            let dir = self.scratch_dir()?;
            let here_root = SourceRoot {
                root: dir.path().to_path_buf(),
                ignore: Ignore::default(),
                keep_owner: false,
                what: "heredocs".into(),
            };
            let mut here_sources = Vec::new();
            for doc in &ins.heredocs {
                let data = if doc.expand {
                    shell::heredoc_text(&doc.data, &vars, esc).map_err(|e| at(&e))?
                } else {
                    doc.data.clone()
                };
                write_heredoc_file(dir.path(), &doc.name, &data).map_err(|e| at(&e))?;
                here_sources.extend(here_root.resolve(&doc.name).map_err(|e| at(&e))?);
            }
            here_root.hash(&here_sources, &mut h).map_err(|e| at(&e))?;
            (Some(dir), Some(here_root), here_sources)
        };
        let content = h.finish().to_string();
        let dest = absolute(&dest_word, &state.workdir());
        let dest_slash = dest_word.ends_with('/') || dest_word.ends_with("/.");
        state.advance(&[
            &ins.keyword,
            &dest,
            &dest_slash.to_string(),
            chown.as_deref().unwrap_or(""),
            &format!("{chmod:?}"),
            &content,
        ]);
        let created_by = format!("{} {} # buildkit", ins.keyword, ins.args);
        let Some(step) = self.begin(state, title, &created_by)? else {
            return Ok(());
        };
        let work = self.mount(&state.layers, true)?;
        let rootfs = work.rootfs();
        let owner = match &chown {
            None => None,
            Some(spec) => {
                let u = crate::runtime::spec::resolve_user(&rootfs, spec).map_err(|e| at(&e))?;
                // docker: a user without a group uses the uid as the gid.
                Some((u.uid, if spec.contains(':') { u.gid } else { u.uid }))
            }
        };
        let opts = CopyOptions { owner, chmod };
        let dest_comps = components(&dest);
        let dest_resolved =
            crate::unpack::resolve_in_root(&rootfs, &dest_comps).map_err(|e| at(&e))?;
        let dest_is_dir = dest_slash || fs::metadata(&dest_resolved).is_ok_and(|m| m.is_dir());
        // Each source with its root, and whether it is a heredoc (which ADD
        // never extracts).
        let sources: Vec<(&Source, &SourceRoot, bool)> = sources
            .iter()
            .map(|s| (s, &root, false))
            .chain(
                here_sources
                    .iter()
                    .filter_map(|s| Some((s, here_root.as_ref()?, true))),
            )
            .collect();
        if sources.len() > 1 && !dest_is_dir {
            return Err(at(&format!(
                "when using {} with more than one source file, the destination must be a directory and end with a /",
                ins.keyword
            )));
        }
        for &(src, root, heredoc) in &sources {
            let meta = fs::metadata(&src.path).map_err(|e| at(&format!("{}: {e}", src.rel)))?;
            if add
                && !heredoc
                && meta.is_file()
                && let Some(reader) = archive(&src.path).map_err(|e| at(&e))?
            {
                fs::create_dir_all(&dest_resolved).map_err(|e| at(&e))?;
                crate::unpack::apply_layer(
                    reader,
                    &dest_resolved,
                    crate::unpack::Whiteouts::Apply,
                    crate::unpack::Limits::default(),
                )
                .map_err(|e| at(&format!("extract {}: {e}", src.rel)))?;
                continue;
            }
            let target = if meta.is_dir() {
                dest_resolved.clone()
            } else if dest_is_dir {
                let name = src.rel.rsplit('/').next().unwrap_or(&src.rel);
                dest_resolved.join(name)
            } else {
                // The last component is replaced, never followed.
                let (last, parent) = dest_comps
                    .split_last()
                    .ok_or_else(|| at(&"cannot copy a file over the root directory"))?;
                crate::unpack::resolve_in_root(&rootfs, parent)
                    .map_err(|e| at(&e))?
                    .join(last)
            };
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| at(&format!("{}: {e}", parent.display())))?;
            }
            root.copy(src, &target, &opts).map_err(|e| at(&e))?;
        }
        drop(_view);
        self.commit_work(work, state, created_by, &step)
    }
}

/// The decompressed tar stream when `path` is a tar archive (plain, or
/// compressed with gzip, bzip2, xz or zstd), which ADD extracts; `None` for
/// any other file.
fn archive(path: &Path) -> std::result::Result<Option<Box<dyn Read + Send>>, String> {
    let open = || {
        fs::File::open(path)
            .map(|f| std::io::BufReader::with_capacity(1 << 16, f))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut head = [0u8; 8];
    let n = read_full(&mut open()?, &mut head).unwrap_or(0);
    let kind = Compression::sniff(&head[..n]);
    let decoder = |r| {
        kind.decoder(r)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut tar_head = [0u8; 512];
    let m = read_full(&mut decoder(open()?)?, &mut tar_head).unwrap_or(0);
    if m < 262 || &tar_head[257..262] != b"ustar" {
        return Ok(None);
    }
    Ok(Some(decoder(open()?)?))
}
