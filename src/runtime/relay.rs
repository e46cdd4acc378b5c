//! A `-t` container's terminal, shared. The monitor holds the master end
//! for the container's whole run and serves it on a unix socket; every
//! `ccr` that shows the terminal (a foreground `run -it`, `start -a`,
//! `attach`) is a client of that socket. So a client can go away (the
//! detach keys) and another come later, while the container runs on.
//!
//! What a client sends is framed: a kind byte, a big-endian `u32` length
//! and that many bytes (at most [`MAX_FRAME`]). A client's first frame is
//! its window size ([`RESIZE`], rows and columns as big-endian `u16`, both
//! 0 when it has no terminal), read before the client counts as attached,
//! so a container started for it starts with its size. The monitor sends
//! the terminal's output as it comes, unframed, and closes the connection
//! when the container has exited.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rustix::termios;

use super::attach::{Ended, copy_input};
use super::console::RawMode;
use super::logfile::{LogWriter, Stream, drain, pump};

/// Input for the terminal.
const DATA: u8 = 0;
/// The client's window size.
const RESIZE: u8 = 1;
/// The largest frame a client may send.
pub const MAX_FRAME: usize = 64 * 1024;
/// How long the monitor waits for a client that stopped reading before
/// it drops it (the container's output would stall meanwhile).
const STALLED: Duration = Duration::from_secs(10);

/// The monitor's side: the master end, served.
pub struct Relay {
    path: PathBuf,
    clients: Arc<Mutex<Vec<UnixStream>>>,
    output: JoinHandle<()>,
    accept: JoinHandle<()>,
    done: Arc<AtomicBool>,
    attached: Receiver<()>,
}

impl Relay {
    /// Serves `master` at `path`: its output goes into `log` and to every
    /// client, every client's input into it.
    pub fn serve(master: OwnedFd, path: PathBuf, log: Arc<LogWriter>) -> io::Result<Relay> {
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path)?;
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        let clients: Arc<Mutex<Vec<UnixStream>>> = Arc::default();
        let done = Arc::new(AtomicBool::new(false));
        let (tell, attached) = channel();
        let accept = {
            let (master, clients, done) = (master.try_clone()?, clients.clone(), done.clone());
            std::thread::spawn(move || accept_loop(listener, master, clients, done, tell))
        };
        let fan_out = FanOut(clients.clone());
        let output = pump(
            File::from(master),
            Some(Box::new(fan_out)),
            Some(log),
            Stream::Stdout,
        );
        Ok(Relay {
            path,
            clients,
            output,
            accept,
            done,
            attached,
        })
    }

    /// Waits until a client has attached (at most `limit`): a foreground
    /// run's terminal sees the container's output from its first byte.
    pub fn wait_for_client(&self, limit: Duration) -> bool {
        self.attached.recv_timeout(limit).is_ok()
    }

    /// After the container exited: its last output (waited for briefly: a
    /// process that escaped it may keep the terminal open) goes out, then
    /// every client is let go.
    pub fn finish(self) {
        self.done.store(true, Ordering::Relaxed);
        drain(vec![self.output]);
        for c in self
            .clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .drain(..)
        {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
        // The accept loop is woken to see that it is done.
        let _ = UnixStream::connect(&self.path);
        let _ = self.accept.join();
        let _ = std::fs::remove_file(&self.path);
    }
}

fn accept_loop(
    listener: UnixListener,
    master: OwnedFd,
    clients: Arc<Mutex<Vec<UnixStream>>>,
    done: Arc<AtomicBool>,
    tell: Sender<()>,
) {
    for conn in listener.incoming() {
        if done.load(Ordering::Relaxed) {
            return;
        }
        let Ok(mut conn) = conn else { continue };
        // The first frame (the window size) must come at once.
        let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
        let Ok((RESIZE, size)) = read_frame(&mut conn) else {
            continue;
        };
        resize(&master, &size);
        let _ = conn.set_read_timeout(None);
        let _ = conn.set_write_timeout(Some(STALLED));
        let (Ok(output), Ok(master)) = (conn.try_clone(), master.try_clone()) else {
            continue;
        };
        clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(output);
        let _ = tell.send(());
        std::thread::spawn(move || client_input(conn, master));
    }
}

/// One client's frames, until it goes: input into the terminal, sizes
/// onto it.
fn client_input(mut conn: UnixStream, master: OwnedFd) {
    let Ok(dup) = master.try_clone() else { return };
    let mut terminal = File::from(dup);
    while let Ok((kind, payload)) = read_frame(&mut conn) {
        match kind {
            DATA => {
                if terminal.write_all(&payload).is_err() {
                    return;
                }
            }
            RESIZE => resize(&master, &payload),
            _ => return,
        }
    }
}

fn resize(master: &OwnedFd, size: &[u8]) {
    if let [r0, r1, c0, c1] = *size {
        let (rows, cols) = (u16::from_be_bytes([r0, r1]), u16::from_be_bytes([c0, c1]));
        if rows > 0 && cols > 0 {
            let ws = termios::Winsize {
                ws_row: rows,
                ws_col: cols,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            let _ = termios::tcsetwinsize(master, ws);
        }
    }
}

fn read_frame(r: &mut impl Read) -> io::Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 5];
    r.read_exact(&mut head)?;
    let len = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes (at most {MAX_FRAME})"),
        ));
    }
    let mut payload = vec![0u8; len];
    r.read_exact(&mut payload)?;
    Ok((head[0], payload))
}

fn write_frame(w: &mut impl Write, kind: u8, payload: &[u8]) -> io::Result<()> {
    for part in payload.chunks(MAX_FRAME) {
        let mut frame = Vec::with_capacity(5 + part.len());
        frame.push(kind);
        frame.extend_from_slice(&(part.len() as u32).to_be_bytes());
        frame.extend_from_slice(part);
        w.write_all(&frame)?;
    }
    Ok(())
}

/// The terminal's output to every client; one that fails is dropped.
struct FanOut(Arc<Mutex<Vec<UnixStream>>>);

impl Write for FanOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut clients = self.0.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain_mut(|c| c.write_all(buf).is_ok());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A client's frames go out whole, one writer at a time (its input and
/// its window size come from two threads).
#[derive(Clone)]
struct Frames(Arc<Mutex<UnixStream>>);

impl Frames {
    fn send(&self, kind: u8, payload: &[u8]) -> io::Result<()> {
        let mut s = self.0.lock().unwrap_or_else(|e| e.into_inner());
        write_frame(&mut *s, kind, payload)
    }
}

impl Write for Frames {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.send(DATA, buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn window() -> [u8; 4] {
    match termios::tcgetwinsize(io::stdout().as_fd()) {
        Ok(w) => {
            let (r, c) = (w.ws_row.to_be_bytes(), w.ws_col.to_be_bytes());
            [r[0], r[1], c[0], c[1]]
        }
        Err(_) => [0; 4],
    }
}

/// The client's side: connects to the terminal served at `path` and shows
/// it on this process's standard streams until the container exits
/// ([`Ended::Eof`]) or, with `input`, the `keys` are typed
/// ([`Ended::Detached`]). With `input` and a terminal of its own, that
/// terminal is in raw mode meanwhile, and restored after.
pub fn attach(path: &Path, input: bool, keys: &[u8]) -> io::Result<Ended> {
    let conn = UnixStream::connect(path)?;
    show(conn, input, keys)
}

/// Like [`attach`], connecting as soon as the socket is there, while
/// `alive` says the monitor may still make it.
pub fn attach_when_ready(
    path: &Path,
    input: bool,
    keys: &[u8],
    mut alive: impl FnMut() -> bool,
) -> io::Result<Option<Ended>> {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let conn = loop {
        match UnixStream::connect(path) {
            Ok(c) => break c,
            Err(e) if std::time::Instant::now() > deadline => return Err(e),
            Err(_) if !alive() => return Ok(None),
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    show(conn, input, keys).map(Some)
}

fn show(conn: UnixStream, input: bool, keys: &[u8]) -> io::Result<Ended> {
    let frames = Frames(Arc::new(Mutex::new(conn.try_clone()?)));
    let mut size = window();
    frames.send(RESIZE, &size)?;
    let done = Arc::new(AtomicBool::new(false));
    if size != [0; 4] {
        // The container's window follows this terminal's: checked a few
        // times a second (cheaper than a SIGWINCH handler, and enough).
        let (frames, done) = (frames.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let now = window();
                if now != size {
                    if frames.send(RESIZE, &now).is_err() {
                        break;
                    }
                    size = now;
                }
            }
        });
    }
    let raw = if input { RawMode::enter() } else { None };
    let detached = Arc::new(AtomicBool::new(false));
    if input {
        let (mut frames, detached) = (frames.clone(), detached.clone());
        let keys = keys.to_vec();
        let conn = conn.try_clone()?;
        // Ends with this process: a read of standard input cannot be
        // interrupted portably, and nothing waits for it.
        std::thread::spawn(move || {
            match copy_input(io::stdin().lock(), &mut frames, &keys) {
                Ok(Ended::Detached) => {
                    detached.store(true, Ordering::SeqCst);
                    let _ = conn.shutdown(std::net::Shutdown::Both);
                }
                // End of input: the terminal's end-of-file character.
                Ok(Ended::Eof) => {
                    let _ = frames.send(DATA, &[4]);
                }
                Err(_) => {}
            }
        });
    }
    let mut conn = conn;
    let mut out = io::stdout().lock();
    let mut buf = [0u8; 16384];
    loop {
        match conn.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if out.write_all(&buf[..n]).and_then(|_| out.flush()).is_err() {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    done.store(true, Ordering::Relaxed);
    drop(raw);
    Ok(match detached.load(Ordering::SeqCst) {
        true => Ended::Detached,
        false => Ended::Eof,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_big_ones_are_refused() {
        let mut wire = Vec::new();
        write_frame(&mut wire, DATA, b"ls\n").unwrap();
        write_frame(&mut wire, RESIZE, &[0, 24, 0, 80]).unwrap();
        let mut r = &wire[..];
        assert_eq!(read_frame(&mut r).unwrap(), (DATA, b"ls\n".to_vec()));
        assert_eq!(read_frame(&mut r).unwrap(), (RESIZE, vec![0, 24, 0, 80]));
        assert!(read_frame(&mut r).is_err(), "the end");
        // A length beyond the bound is refused before anything is allocated.
        let mut huge = vec![DATA];
        huge.extend_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(
            read_frame(&mut &huge[..]).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
        // Input larger than a frame goes out in several.
        let mut wire = Vec::new();
        write_frame(&mut wire, DATA, &vec![7u8; MAX_FRAME + 1]).unwrap();
        let mut r = &wire[..];
        assert_eq!(read_frame(&mut r).unwrap().1.len(), MAX_FRAME);
        assert_eq!(read_frame(&mut r).unwrap().1, vec![7u8]);
    }
}
