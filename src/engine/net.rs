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

/// The runtime, made on first use; another is made only for network work
/// after a container was started (a build's next stage).
#[derive(Default)]
pub struct Net {
    rt: Mutex<Option<Arc<tokio::runtime::Runtime>>>,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_open(net: &Net) -> bool {
        net.rt.lock().unwrap().is_some()
    }

    #[test]
    fn one_runtime_serves_every_step_until_closed() {
        let net = Net::new();
        assert!(!is_open(&net));
        assert_eq!(net.block_on(async { 1 }).unwrap(), 1);
        let first = net.runtime().unwrap();
        assert_eq!(net.block_on(async { 2 }).unwrap(), 2);
        assert!(
            Arc::ptr_eq(&first, &net.runtime().unwrap()),
            "a second step made another runtime"
        );
        drop(first);
        net.close();
        assert!(!is_open(&net));
        net.block_on(async {}).unwrap();
        assert!(is_open(&net));
    }

    #[test]
    fn steps_on_several_threads_share_it() {
        let net = Net::new();
        let made: Vec<_> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..3)
                .map(|_| {
                    s.spawn(|| {
                        net.block_on(tokio::task::yield_now()).unwrap();
                        net.runtime().unwrap()
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(made.windows(2).all(|w| Arc::ptr_eq(&w[0], &w[1])));
    }
}
