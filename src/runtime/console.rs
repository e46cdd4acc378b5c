//! A terminal for a container (`-t`). The runtime makes the pseudo-terminal
//! inside the container and sends its master end over a unix socket (the
//! OCI console-socket protocol); ccr copies between that master and its own
//! standard streams, with its own terminal (when it has one) in raw mode and
//! the container's window sized like it, also after a resize.

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use rustix::net::{RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags};
use rustix::termios;

use super::logfile::{Stream, drain, pump};

/// The socket the runtime sends the terminal's master end to.
pub struct ConsoleSocket {
    listener: UnixListener,
    path: PathBuf,
}

impl ConsoleSocket {
    pub fn bind(path: PathBuf) -> io::Result<ConsoleSocket> {
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path)?;
        Ok(ConsoleSocket { listener, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The master end, once the runtime has sent it (it does while the
    /// container is created).
    pub fn receive(&self) -> io::Result<OwnedFd> {
        self.listener.set_nonblocking(true)?;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let (stream, _) = loop {
            match self.listener.accept() {
                Ok(c) => break c,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if std::time::Instant::now() > deadline {
                        return Err(io::Error::other("the runtime sent no terminal"));
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(e),
            }
        };
        stream.set_nonblocking(false)?;
        let mut name = [0u8; 64];
        let mut space = [std::mem::MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
        let mut control = RecvAncillaryBuffer::new(&mut space);
        rustix::net::recvmsg(
            &stream,
            &mut [io::IoSliceMut::new(&mut name)],
            &mut control,
            RecvFlags::CMSG_CLOEXEC,
        )?;
        for msg in control.drain() {
            if let RecvAncillaryMessage::ScmRights(mut fds) = msg
                && let Some(fd) = fds.next()
            {
                return Ok(fd);
            }
        }
        Err(io::Error::other(
            "the runtime's message carried no terminal",
        ))
    }
}

impl Drop for ConsoleSocket {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// This process's terminal in raw mode, restored when dropped.
pub(super) struct RawMode {
    saved: termios::Termios,
}

impl RawMode {
    pub(super) fn enter() -> Option<RawMode> {
        let stdin = io::stdin();
        if !termios::isatty(stdin.as_fd()) {
            return None;
        }
        let saved = termios::tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        raw.make_raw();
        termios::tcsetattr(stdin.as_fd(), termios::OptionalActions::Now, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(
            io::stdin().as_fd(),
            termios::OptionalActions::Now,
            &self.saved,
        );
    }
}

/// Copies between the master end and this process's standard streams
/// while the container runs.
pub struct Attached {
    output: JoinHandle<()>,
    /// Stops the window-size follower.
    done: Arc<AtomicBool>,
    _raw: Option<RawMode>,
}

impl Attached {
    /// Starts copying the terminal's output to standard output, and with
    /// `input` standard input to the terminal (`exec -t`; a container's
    /// own terminal is its monitor's, see `relay`).
    pub fn start(master: OwnedFd, input: bool) -> io::Result<Attached> {
        let done = Arc::new(AtomicBool::new(false));
        if let Ok(size) = termios::tcgetwinsize(io::stdout().as_fd()) {
            let _ = termios::tcsetwinsize(&master, size);
            // The container's window follows this terminal's: checked a few
            // times a second (cheaper than a SIGWINCH handler, and enough).
            let master = master.try_clone()?;
            let done = done.clone();
            std::thread::spawn(move || {
                let mut last = size;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(200));
                    match termios::tcgetwinsize(io::stdout().as_fd()) {
                        Ok(now) if (now.ws_row, now.ws_col) != (last.ws_row, last.ws_col) => {
                            let _ = termios::tcsetwinsize(&master, now);
                            last = now;
                        }
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
            });
        }
        let raw = if input { RawMode::enter() } else { None };
        let reader = File::from(master.try_clone()?);
        if input {
            let mut writer = File::from(master.try_clone()?);
            // Ends with this process: a read of standard input cannot be
            // interrupted portably, and nothing waits for it.
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let mut stdin = io::stdin();
                while let Ok(n) = stdin.read(&mut buf) {
                    if n == 0 || writer.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                // End of input: the terminal's end-of-file character.
                let _ = writer.write_all(&[4]);
            });
        }
        drop(master);
        let output = pump(reader, Some(Box::new(io::stdout())), None, Stream::Stdout);
        Ok(Attached {
            output,
            done,
            _raw: raw,
        })
    }

    /// Waits (briefly: a background process may keep the terminal open)
    /// for the container's last output, then restores this terminal.
    pub fn finish(self) {
        self.done.store(true, Ordering::Relaxed);
        drain(vec![self.output]);
    }
}
