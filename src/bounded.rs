//! Bounded reads of what users and peers hand ccr (keys, certificates,
//! policies, Dockerfiles, env files, replies): a file or stream larger than
//! its kind can sensibly be is refused after reading one byte past the limit,
//! never read whole. `/dev/zero` given as a key file fails at once.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Keys, certificates, passwords, tokens.
pub const KEY_FILE: u64 = 1 << 20;
/// Policies, credentials, configuration, env files, initdata.
pub const CONFIG_FILE: u64 = 16 << 20;
/// Dockerfiles.
pub const DOCKERFILE: u64 = 16 << 20;

/// The error of an input over its limit.
pub fn too_large(what: &str, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "{what} is larger than {}, the most ccr reads of it",
            size(limit)
        ),
    )
}

fn size(n: u64) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

/// Reads at most `limit` bytes of `r`; more is an error.
pub fn read_all(r: impl Read, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut data)?;
    if data.len() as u64 > limit {
        return Err(too_large(what, limit));
    }
    Ok(data)
}

/// Reads the file at `path`, refusing one larger than `limit`.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let f = File::open(path)?;
    read_all(f, limit, "the file")
}

/// [`read`] as UTF-8 text.
pub fn read_to_string(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read(path, limit)?)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_refuses_more_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, vec![7u8; 100]).unwrap();
        assert_eq!(read(&p, 100).unwrap().len(), 100);
        let e = read(&p, 99).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert!(e.to_string().contains("99 bytes"), "{e}");
        // An endless file: refused after limit + 1 bytes.
        let e = read(Path::new("/dev/zero"), KEY_FILE).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
        assert!(
            read_to_string(Path::new("/dev/null"), 1)
                .unwrap()
                .is_empty()
        );
    }
}
