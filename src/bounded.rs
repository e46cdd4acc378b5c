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
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
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
    utf8(read(path, limit)?)
}

fn utf8(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.utf8_error()))
}

/// [`read_to_string`] of a regular file only: a FIFO, device or socket
/// that a file names (a compose file's `env_file`, say) is refused at
/// once, never waited on (opening a FIFO blocks until a writer comes).
pub fn read_regular_to_string(path: &Path, limit: u64) -> io::Result<String> {
    use std::os::unix::fs::OpenOptionsExt;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    if !f.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    utf8(read_all(f, limit, "the file")?)
}

/// Why a reply's body was not read.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error("the reply is longer than {}, the most ccr reads of it", size(*.0))]
    TooLong(u64),
    #[error("{0}")]
    Http(#[source] reqwest::Error),
}

/// Reads an HTTP reply's body, refusing it once it passes `limit` bytes
/// (at once when its announced length does), not after the stream ends.
pub async fn body(mut resp: reqwest::Response, limit: u64) -> Result<Vec<u8>, BodyError> {
    if resp.content_length().is_some_and(|n| n > limit) {
        return Err(BodyError::TooLong(limit));
    }
    let mut out = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Http)? {
        if out.len() as u64 + chunk.len() as u64 > limit {
            return Err(BodyError::TooLong(limit));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// Serves one reply: `head` (status line and headers), then `len` bytes
    /// of body; returns how many body bytes the peer took before it hung up.
    fn serve_once(head: &'static str, len: usize) -> (String, std::thread::JoinHandle<usize>) {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        let h = std::thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            // A refusing client may leave the socket open but unread.
            s.set_write_timeout(Some(std::time::Duration::from_secs(2)))
                .unwrap();
            let mut req = [0u8; 4096];
            let _ = s.read(&mut req);
            s.write_all(head.as_bytes()).unwrap();
            let chunk = vec![b'x'; 64 << 10];
            let mut sent = 0;
            while sent < len {
                match s.write(&chunk[..chunk.len().min(len - sent)]) {
                    Ok(n) => sent += n,
                    Err(_) => break,
                }
            }
            sent
        });
        (url, h)
    }

    async fn get(url: &str) -> reqwest::Response {
        reqwest::Client::new().get(url).send().await.unwrap()
    }

    #[test]
    fn replies_longer_than_their_limit_are_refused_while_streaming() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        // No length announced: the stream is cut once it passes the limit.
        let (url, server) = serve_once("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", 256 << 20);
        let err = rt
            .block_on(async { body(get(&url).await, 16 << 20).await })
            .unwrap_err();
        assert!(err.to_string().contains("longer than"), "{err}");
        let sent = server.join().unwrap();
        assert!(
            sent < 64 << 20,
            "the server wrote {sent} bytes before ccr hung up"
        );
        // A length over the limit is refused before the body is read.
        let (url, server) = serve_once(
            "HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n",
            8 << 20,
        );
        let err = rt
            .block_on(async { body(get(&url).await, 1 << 20).await })
            .unwrap_err();
        assert!(err.to_string().contains("longer than"), "{err}");
        drop(server);
        // Within the limit: read whole.
        let (url, server) = serve_once("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", 1000);
        let got = rt
            .block_on(async { body(get(&url).await, 1 << 20).await })
            .unwrap();
        assert_eq!(got.len(), 1000);
        server.join().unwrap();
    }

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
