//! Progress reporting: indicatif bars on a terminal, one plain line per step
//! otherwise, nothing when quiet.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Bars,
    Plain,
    Quiet,
}

#[derive(Clone)]
pub struct Progress {
    mode: Mode,
    multi: MultiProgress,
    /// Written to standard error (a container's run, whose standard
    /// output is the container's), else to standard output.
    stderr: bool,
}

impl Progress {
    /// Bars when stdout is a terminal, plain lines when it is not, nothing
    /// with `quiet`.
    pub fn new(quiet: bool) -> Self {
        Self::with_mode(Self::mode_for(quiet, std::io::stdout().is_terminal()))
    }

    /// Nothing when quiet, bars on a terminal, plain lines otherwise.
    fn mode_for(quiet: bool, terminal: bool) -> Mode {
        match (quiet, terminal) {
            (true, _) => Mode::Quiet,
            (false, true) => Mode::Bars,
            (false, false) => Mode::Plain,
        }
    }

    /// As [`Progress::new`], on standard error: what `run` and `create`
    /// print while pulling, as docker does, so that standard output
    /// carries only the container's.
    pub fn on_stderr(quiet: bool) -> Self {
        let mode = Self::mode_for(quiet, std::io::stderr().is_terminal());
        let mut p = Self::with_mode(mode);
        if mode == Mode::Bars {
            p.multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        }
        p.stderr = true;
        p
    }

    pub fn with_mode(mode: Mode) -> Self {
        let target = if mode == Mode::Bars {
            ProgressDrawTarget::stdout()
        } else {
            ProgressDrawTarget::hidden()
        };
        Progress {
            mode,
            multi: MultiProgress::with_draw_target(target),
            stderr: false,
        }
    }

    /// Prints a plain line on this progress's stream.
    fn print(stderr: bool, msg: &str) {
        if stderr {
            eprintln!("{msg}");
        } else {
            println!("{msg}");
        }
    }

    /// A line said even when quiet (docker's "Unable to find image").
    pub fn notice(&self, msg: impl AsRef<str>) {
        match self.mode {
            Mode::Bars => {
                let _ = self.multi.println(msg.as_ref());
            }
            _ => Self::print(self.stderr, msg.as_ref()),
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// A line of status output (suppressed when quiet).
    pub fn line(&self, msg: impl AsRef<str>) {
        match self.mode {
            Mode::Quiet => {}
            Mode::Plain => Self::print(self.stderr, msg.as_ref()),
            Mode::Bars => {
                let _ = self.multi.println(msg.as_ref());
            }
        }
    }

    /// A unit of work shown as one bar (or one line when it ends).
    pub fn task(&self, id: &str, total: Option<u64>, msg: &str) -> Task {
        let bar = match self.mode {
            Mode::Bars => {
                let bar = self.multi.add(ProgressBar::new(total.unwrap_or(0)));
                let style = if total.is_some() {
                    ProgressStyle::with_template(
                        "{prefix}: {msg:<12} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                } else {
                    ProgressStyle::with_template("{prefix}: {msg:<12} {bytes} {spinner}")
                };
                bar.set_style(style.expect("valid template").progress_chars("=> "));
                bar.set_prefix(id.to_string());
                bar.set_message(msg.to_string());
                bar.enable_steady_tick(Duration::from_millis(120));
                Some(bar)
            }
            _ => None,
        };
        Task {
            id: id.to_string(),
            bar,
            mode: self.mode,
            multi: self.multi.clone(),
            stderr: self.stderr,
        }
    }
}

#[derive(Clone)]
pub struct Task {
    id: String,
    bar: Option<ProgressBar>,
    mode: Mode,
    multi: MultiProgress,
    stderr: bool,
}

impl Task {
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    pub fn set_message(&self, msg: &str) {
        if let Some(b) = &self.bar {
            b.set_message(msg.to_string());
        }
    }

    /// Ends the task with a final status (`Pull complete`, `Pushed`, ...).
    /// On a terminal the bar gives way to that line, printed above the bars
    /// still running, so the finished lines read as a log.
    pub fn finish(&self, msg: &str) {
        match (&self.bar, self.mode) {
            (Some(b), _) => {
                b.finish_and_clear();
                let _ = self.multi.println(format!("{}: {}", self.id, msg));
            }
            (None, Mode::Plain) => Progress::print(self.stderr, &format!("{}: {}", self.id, msg)),
            _ => {}
        }
    }

    /// Ends the task with a failure.
    pub fn fail(&self, msg: &str) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
            let _ = self.multi.println(format!("{}: {}", self.id, msg));
        }
    }
}
