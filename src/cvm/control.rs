//! The control channel between `ccr cvm` on the host and the agent in the
//! guest: one JSON message per line over a virtio-serial port, each line
//! bounded. The host can ask for exactly these things: start a workload,
//! list it, read its output (when the initdata allows), upgrade it, destroy
//! everything. There is no request for a key, a file or memory: the host is
//! not trusted with them, so the channel cannot carry them.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

/// The longest line either side reads; longer ones end the exchange.
pub const MAX_LINE: usize = 1 << 20;
/// The longest compose file a request carries.
pub const MAX_COMPOSE: usize = 512 << 10;

/// What the guest should attest with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tee {
    /// The TEE the guest finds (TDX, SNP).
    Auto,
    /// No TEE: sample evidence, which a KBS's policy may refuse.
    None,
}

/// A request from the host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// Set up once after boot: the attester, and host loopback ports the
    /// guest reaches at its own loopback (a registry or KBS on the host).
    Start { tee: Tee, host_ports: Vec<u16> },
    /// Pull, verify, decrypt and run one image, detached.
    Run {
        name: String,
        image: String,
        command: Vec<String>,
    },
    /// Bring a compose project up, detached.
    Compose { project: String, file: String },
    /// The containers and their state.
    List,
    /// A container's output, followed until it exits.
    Logs { name: String, follow: bool },
    /// Replace a container's image.
    Upgrade { name: String, image: String },
    /// Wipe everything decrypted, then power off.
    Destroy,
}

/// One container as the guest reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub digest: String,
    pub status: String,
}

/// A message from the guest; the last one of an answer is `Done` or `Failed`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// The agent is up (the first line after boot and after each `Start`).
    Ready {
        version: String,
        initdata_digest: Option<String>,
        /// Whether the guest lets the host read container output.
        output_readable: bool,
    },
    /// A line of progress (pulls, verification) for standard error.
    Progress {
        line: String,
    },
    /// Container output, base64 (output is bytes, not always UTF-8).
    Output {
        stream: Stream,
        data: String,
    },
    Containers {
        containers: Vec<Container>,
    },
    /// The request is done; `code` is an exit code where one applies.
    Done {
        code: i32,
        message: String,
    },
    /// The request failed: the guest's error and hint as its ccr words them.
    Failed {
        message: String,
        hint: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// A message with the id of the request it answers: a host that went away
/// mid-answer leaves lines behind that the next one must not take as its own.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub id: u64,
    #[serde(flatten)]
    pub body: T,
}

/// Writes one message as a line.
pub fn send<T: Serialize>(w: &mut impl Write, id: u64, body: &T) -> io::Result<()> {
    let mut line = serde_json::to_vec(&Envelope { id, body }).expect("serialises");
    if line.len() > MAX_LINE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "message longer than the channel's bound",
        ));
    }
    line.push(b'\n');
    w.write_all(&line)?;
    w.flush()
}

/// Reads one line of at most `MAX_LINE` bytes; `None` at end of input.
pub fn read_line(r: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok((!line.is_empty()).then_some(line));
        }
        let (chunk, found) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if line.len() + chunk.len() > MAX_LINE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a message longer than {MAX_LINE} bytes"),
            ));
        }
        line.extend_from_slice(chunk);
        let used = found.unwrap_or(buf.len());
        r.consume(used);
        if found.is_some() {
            return Ok(Some(line));
        }
    }
}

/// Parses a line as a message.
pub fn parse<T: for<'de> Deserialize<'de>>(line: &[u8]) -> io::Result<Envelope<T>> {
    serde_json::from_slice(line)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("not a message: {e}")))
}

/// Whether a container or VM name is one ccr accepts (docker's rule).
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() <= 128
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_unknown_requests_are_refused() {
        let mut out = Vec::new();
        let req = Request::Run {
            name: "app".into(),
            image: "r/app:1".into(),
            command: vec!["echo".into(), "hi".into()],
        };
        send(&mut out, 7, &req).unwrap();
        let line = read_line(&mut &out[..]).unwrap().unwrap();
        let back: Envelope<Request> = parse(&line).unwrap();
        assert_eq!((back.id, back.body), (7, req));
        // The host cannot ask for anything else.
        for bad in [
            r#"{"id":1,"op":"read_file","path":"/run/keys"}"#,
            r#"{"id":1,"op":"run","image":"x"}"#,
            r#"{"op":"list"}"#,
        ] {
            assert!(parse::<Request>(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn lines_are_bounded() {
        let long = vec![b'a'; MAX_LINE + 10];
        let mut r = std::io::BufReader::with_capacity(4096, &long[..]);
        assert!(read_line(&mut r).is_err());
        let two = b"one\ntwo";
        let mut r = &two[..];
        assert_eq!(read_line(&mut r).unwrap().unwrap(), b"one");
        assert_eq!(read_line(&mut r).unwrap().unwrap(), b"two");
        assert_eq!(read_line(&mut r).unwrap(), None);
    }

    #[test]
    fn names_follow_dockers_rule() {
        assert!(valid_name("web-1.a_b"));
        for bad in ["", "-x", "a/b", "a b", "../x"] {
            assert!(!valid_name(bad), "{bad}");
        }
    }
}
