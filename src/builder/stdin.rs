//! `build -`: the build context from standard input, as docker takes it:
//! a tar archive (plain, gzip, zstd, bzip2 or xz) that is the context, or
//! else a Dockerfile with an empty context.

use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::BuildError;
use crate::unpack::compression::Compression;
use crate::unpack::{ExpansionLimits, Whiteouts, apply_layer};

/// A context made from standard input; removed when dropped.
pub struct StdinContext {
    /// Holds both; removed (with them) when this goes.
    _dir: tempfile::TempDir,
    /// The context directory (empty when standard input was a Dockerfile).
    pub context: PathBuf,
    /// The Dockerfile, when standard input was one.
    pub dockerfile: Option<PathBuf>,
}

fn is_tar(head: &[u8]) -> bool {
    head.len() >= 262 && &head[257..262] == b"ustar"
}

/// Reads `input` into a new directory under `scratch`: unpacked if it is
/// an archive (held to `limits`, nothing outside the directory), else kept
/// as the Dockerfile (at most `max_dockerfile` bytes).
pub fn context(
    input: impl Read + Send + 'static,
    scratch: &Path,
    limits: ExpansionLimits,
    max_dockerfile: u64,
) -> Result<StdinContext, BuildError> {
    let io = |what: &str| {
        let what = what.to_string();
        move |e: io::Error| BuildError::Usage(format!("{what}: {e}"))
    };
    std::fs::create_dir_all(scratch).map_err(io("build scratch"))?;
    let dir = tempfile::Builder::new()
        .prefix("stdin-context-")
        .tempdir_in(scratch)
        .map_err(io("build scratch"))?;
    let context = dir.path().join("context");
    std::fs::create_dir(&context).map_err(io("build scratch"))?;
    let mut r = BufReader::with_capacity(1 << 20, input);
    let head = r.fill_buf().map_err(io("standard input"))?.to_vec();
    let compression = Compression::sniff(&head);
    if compression != Compression::None || is_tar(&head) {
        let stream = compression
            .decoder(r)
            .map_err(io("the context on standard input"))?;
        let limited = crate::unpack::Expansion::new(stream, limits, None, Default::default());
        apply_layer(limited, &context, Whiteouts::Apply, limits.for_layer(0)).map_err(|e| {
            BuildError::Usage(format!("the context archive on standard input: {e}"))
        })?;
        return Ok(StdinContext {
            _dir: dir,
            context,
            dockerfile: None,
        });
    }
    let text = crate::bounded::read_all(r, max_dockerfile, "the Dockerfile on standard input")
        .map_err(io("standard input"))?;
    // Beside the (empty) context, not in it.
    let path = dir.path().join("Dockerfile");
    std::fs::write(&path, text).map_err(io("build scratch"))?;
    Ok(StdinContext {
        dockerfile: Some(path),
        context,
        _dir: dir,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_is_the_context_anything_else_the_dockerfile() {
        let scratch = tempfile::tempdir().unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(5);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, "Dockerfile", &b"FROM x"[..5])
            .unwrap();
        let tar = b.into_inner().unwrap();
        let c = context(
            io::Cursor::new(tar),
            scratch.path(),
            Default::default(),
            1 << 20,
        )
        .unwrap();
        assert!(c.dockerfile.is_none());
        assert!(c.context.join("Dockerfile").is_file());
        let c = context(
            io::Cursor::new(b"FROM scratch\n".to_vec()),
            scratch.path(),
            Default::default(),
            1 << 20,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(c.dockerfile.as_ref().unwrap()).unwrap(),
            "FROM scratch\n"
        );
        assert_eq!(
            std::fs::read_dir(&c.context).unwrap().count(),
            0,
            "an empty context"
        );
        let big = vec![b'#'; 100];
        assert!(context(io::Cursor::new(big), scratch.path(), Default::default(), 10).is_err());
    }
}
