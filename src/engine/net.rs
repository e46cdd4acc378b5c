//! A command's network context: one async runtime, made on the first
//! network step and shared by every later one, so the registry connections
//! the image service keeps ([`Images::remote`](crate::image::Images::remote))
//! and the KBS session's connection stay open across steps. It is closed
//! (the runtime dropped, the connections with it) before a container
//! process is made: libcontainer forks, and must not do so beside a
//! runtime's worker threads.

use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::error::Error;

#[derive(Default)]
pub struct Net {
    rt: Mutex<Option<Arc<tokio::runtime::Runtime>>>,
    /// How many runtimes this context made: one, unless network work came
    /// after a container was started (a build's next stage).
    made: std::sync::atomic::AtomicUsize,
}

impl Net {
    pub fn new() -> Net {
        Net::default()
    }

    fn runtime(&self) -> Result<Arc<tokio::runtime::Runtime>, Error> {
        let mut rt = self.rt.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(rt) = rt.as_ref() {
            return Ok(rt.clone());
        }
        let made = Arc::new(crate::asyncrt::runtime().map_err(Error::AsyncRuntime)?);
        self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        *rt = Some(made.clone());
        Ok(made)
    }

    /// Runs network work to completion on the context's runtime. Several
    /// threads may run work at once; it must not be called from inside
    /// async work.
    pub fn block_on<F: Future>(&self, f: F) -> Result<F::Output, Error> {
        let rt = self.runtime()?;
        Ok(rt.block_on(f))
    }

    /// Drops the runtime (once no thread is running work on it): its
    /// worker threads are gone before a container process is made.
    pub fn close(&self) {
        let rt = self.rt.lock().unwrap_or_else(|p| p.into_inner()).take();
        drop(rt);
    }

    /// Whether a runtime is open now.
    pub fn is_open(&self) -> bool {
        self.rt.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// How many runtimes this context has made so far.
    pub fn runtimes_made(&self) -> usize {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_runtime_serves_every_step_until_closed() {
        let net = Net::new();
        assert!(!net.is_open());
        assert_eq!(net.block_on(async { 1 }).unwrap(), 1);
        assert_eq!(net.block_on(async { 2 }).unwrap(), 2);
        assert_eq!(net.runtimes_made(), 1, "a second step made another runtime");
        net.close();
        assert!(!net.is_open());
        net.block_on(async {}).unwrap();
        assert_eq!(net.runtimes_made(), 2);
    }

    #[test]
    fn steps_on_several_threads_share_it() {
        let net = Net::new();
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| net.block_on(tokio::task::yield_now()).unwrap());
            }
        });
        assert_eq!(net.runtimes_made(), 1);
    }
}
