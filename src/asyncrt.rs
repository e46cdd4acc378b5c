//! The one async runtime ccr makes, for a command's network work (registry,
//! KBS). It is a value the caller drops before any container process is
//! made: libcontainer must run outside it.

use std::future::Future;

/// Two worker threads: downloads run two at a time on this kind of machine.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}

/// Runs `f` to completion on a fresh runtime, which is gone when this returns.
pub fn block_on<F: Future>(f: F) -> std::io::Result<F::Output> {
    Ok(runtime()?.block_on(f))
}
