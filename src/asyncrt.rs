//! The async runtime ccr makes for a command's network work (registry,
//! KBS): made once per command by the engine's network context
//! (`engine::Net`), which drops it before any container process is made:
//! libcontainer must run outside it.

/// Two worker threads: downloads run two at a time on this kind of machine.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
}
