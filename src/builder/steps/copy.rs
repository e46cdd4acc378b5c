//! COPY and ADD: sources from the context, a stage, an image or heredocs,
//! resolved inside their root; ADD also extracts local tar archives.

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::{absolute, components};
use crate::builder::context::{CopyOptions, Ignore, Source, SourceRoot};
use crate::builder::dockerfile::{Instruction, heredoc_marker};
use crate::builder::layer::Mount;
use crate::builder::shell::Vars;
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

/// Heredoc sources, in a scratch directory that lives as long as they do.
struct Heredocs {
    _dir: tempfile::TempDir,
    root: SourceRoot,
    sources: Vec<Source>,
}

/// The sources (all but the destination, `None` for a heredoc marker) and
/// the destination of COPY/ADD, with variables expanded.
fn copy_words(ins: &Instruction, vars: &Vars, esc: char) -> Result<(Vec<String>, String)> {
    let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
    let mut words: Vec<Option<String>> = match serde_json::from_str::<Vec<String>>(ins.args.trim())
    {
        Ok(v) if ins.args.trim_start().starts_with('[') => v
            .iter()
            .map(|s| shell::word(s, vars, esc).map(Some).map_err(|e| at(&e)))
            .collect::<Result<Vec<_>>>()?,
        _ if ins.heredocs.is_empty() => shell::words(&ins.args, vars, esc)
            .map_err(|e| at(&e))?
            .into_iter()
            .map(Some)
            .collect(),
        _ => shell::raw_words(&ins.args, esc)
            .iter()
            .map(|w| match heredoc_marker(w) {
                Some(_) => Ok(None),
                None => shell::word(w, vars, esc).map(Some).map_err(|e| at(&e)),
            })
            .collect::<Result<Vec<_>>>()?,
    };
    if words.len() < 2 {
        return Err(at(&format!(
            "{} requires at least two arguments: SOURCE... DEST",
            ins.keyword
        )));
    }
    let dest = words
        .pop()
        .flatten()
        .ok_or_else(|| at(&"the destination cannot be a heredoc"))?;
    let srcs: Vec<String> = words.into_iter().flatten().collect();
    if ins.keyword == "ADD"
        && let Some(u) = srcs
            .iter()
            .find(|s| s.contains("://") || s.starts_with("git@"))
    {
        return Err(at(&format!(
            "ADD of a URL ({u}) is not supported: download it into the build context and ADD or COPY the file"
        )));
    }
    Ok((srcs, dest))
}

/// `--chown` (expanded) and `--chmod` (octal).
fn copy_flags(ins: &Instruction, vars: &Vars, esc: char) -> Result<(Option<String>, Option<u32>)> {
    let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
    let chown = ins
        .flag("chown")
        .map(|c| shell::word(c, vars, esc).map_err(|e| at(&e)))
        .transpose()?;
    let chmod = match ins.flag("chmod") {
        Some(m) => Some(
            u32::from_str_radix(m, 8)
                .ok()
                .filter(|m| *m <= 0o7777)
                .ok_or_else(|| at(&format!("--chmod: invalid mode {m:?} (octal, e.g. 0755)")))?,
        ),
        None => None,
    };
    Ok((chown, chmod))
}

/// The destination of a copy inside the step's root file system.
struct Target<'a> {
    rootfs: &'a Path,
    comps: Vec<PathBuf>,
    resolved: PathBuf,
    is_dir: bool,
}

impl<'a> Target<'a> {
    fn resolve(rootfs: &'a Path, dest: &str, dest_slash: bool) -> std::io::Result<Target<'a>> {
        let comps = components(dest);
        let resolved = crate::unpack::resolve_in_root(rootfs, &comps)?;
        let is_dir = dest_slash || fs::metadata(&resolved).is_ok_and(|m| m.is_dir());
        Ok(Target {
            rootfs,
            comps,
            resolved,
            is_dir,
        })
    }

    /// Copies `src` here; with `extract`, a tar archive is unpacked instead.
    fn place(
        &self,
        src: &Source,
        root: &SourceRoot,
        extract: bool,
        opts: &CopyOptions,
    ) -> std::result::Result<(), String> {
        let meta = fs::metadata(&src.path).map_err(|e| format!("{}: {e}", src.rel))?;
        if extract
            && meta.is_file()
            && let Some(reader) = archive(&src.path)?
        {
            fs::create_dir_all(&self.resolved).map_err(|e| e.to_string())?;
            crate::unpack::apply_layer(
                reader,
                &self.resolved,
                crate::unpack::Whiteouts::Apply,
                crate::unpack::ExpansionLimits::default()
                    .for_layer(fs::metadata(&src.path).map(|m| m.len()).unwrap_or(0)),
            )
            .map_err(|e| format!("extract {}: {e}", src.rel))?;
            return Ok(());
        }
        let target = if meta.is_dir() {
            self.resolved.clone()
        } else if self.is_dir {
            let name = src.rel.rsplit('/').next().unwrap_or(&src.rel);
            self.resolved.join(name)
        } else {
            // The last component is replaced, never followed.
            let (last, parent) = self
                .comps
                .split_last()
                .ok_or("cannot copy a file over the root directory")?;
            crate::unpack::resolve_in_root(self.rootfs, parent)
                .map_err(|e| e.to_string())?
                .join(last)
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        root.copy(src, &target, opts).map_err(|e| e.to_string())
    }
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
        let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
        let (srcs, dest_word) = copy_words(ins, &vars, self.escape)?;
        let (chown, chmod) = copy_flags(ins, &vars, self.escape)?;
        // Where the sources come from; a stage's or image's view stays
        // mounted until the copy is done.
        let (root, from_key, _view) = self.copy_root(ins, &vars, me)?;
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
        let here = self.heredoc_sources(ins, &vars, &mut h)?;
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
        // Each source with its root, and whether it is a heredoc (which ADD
        // never extracts).
        let all: Vec<(&Source, &SourceRoot, bool)> = sources
            .iter()
            .map(|s| (s, &root, false))
            .chain(
                here.iter()
                    .flat_map(|h| h.sources.iter().map(|s| (s, &h.root, true))),
            )
            .collect();
        let target = Target::resolve(&rootfs, &dest, dest_slash).map_err(|e| at(&e))?;
        if all.len() > 1 && !target.is_dir {
            return Err(at(&format!(
                "when using {} with more than one source file, the destination must be a directory and end with a /",
                ins.keyword
            )));
        }
        let opts = CopyOptions { owner, chmod };
        for (src, root, heredoc) in all {
            target
                .place(src, root, add && !heredoc, &opts)
                .map_err(|e| at(&e))?;
        }
        self.commit_work(work, state, created_by, &step)
    }

    /// The root COPY/ADD reads from: the context, or with `--from` a stage
    /// or image (mounted read-only; the mount is returned to be held) and
    /// that one's cache key.
    fn copy_root(
        &mut self,
        ins: &Instruction,
        vars: &Vars,
        me: usize,
    ) -> Result<(SourceRoot, Option<String>, Option<Mount>)> {
        let Some(f) = ins.flag("from") else {
            return Ok((self.context_root()?, None, None));
        };
        let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
        let f = shell::word(f, vars, self.escape).map_err(|e| at(&e))?;
        let (layers, key, what) = self.stage_or_image(&f, me).map_err(|e| at(&e))?;
        let view = self.mount(&layers, false)?;
        let root = SourceRoot {
            root: view.rootfs(),
            ignore: Ignore::default(),
            keep_owner: true,
            what,
        };
        Ok((root, Some(key), Some(view)))
    }

    /// Heredoc sources (`COPY <<EOF /path`): files written to a scratch
    /// directory of their own, their content added to the cache key.
    fn heredoc_sources(
        &self,
        ins: &Instruction,
        vars: &Vars,
        h: &mut Hasher,
    ) -> Result<Option<Heredocs>> {
        if ins.heredocs.is_empty() {
            return Ok(None);
        }
        let at = |e: &dyn std::fmt::Display| BuildError::at(ins, e);
        let dir = self.scratch_dir()?;
        let root = SourceRoot {
            root: dir.path().to_path_buf(),
            ignore: Ignore::default(),
            keep_owner: false,
            what: "heredocs".into(),
        };
        let mut sources = Vec::new();
        for doc in &ins.heredocs {
            let data = if doc.expand {
                shell::heredoc_text(&doc.data, vars, self.escape).map_err(|e| at(&e))?
            } else {
                doc.data.clone()
            };
            write_heredoc_file(dir.path(), &doc.name, &data).map_err(|e| at(&e))?;
            sources.extend(root.resolve(&doc.name).map_err(|e| at(&e))?);
        }
        root.hash(&sources, h).map_err(|e| at(&e))?;
        Ok(Some(Heredocs {
            _dir: dir,
            root,
            sources,
        }))
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
