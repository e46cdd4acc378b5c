//! ccr's helper processes (the monitor, a health probe) are this
//! executable started again with an argv of their own.

use crate::layout::Layout;

/// This executable as one of ccr's helper processes (the monitor, a
/// health probe): `ccr ARG DATA_ROOT PLAINTEXT ID`. Only this function
/// writes that argv and only [`helper_invoked`] reads it; helpers never
/// go through the command line interface.
pub(super) fn helper_command(arg: &str, layout: &Layout, id: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new("/proc/self/exe");
    cmd.arg(arg)
        .arg(layout.root())
        .arg(layout.plaintext())
        .arg(id);
    cmd
}

/// The layout and container id when this process is the helper `arg`.
pub(super) fn helper_invoked(
    arg: &str,
    mut args: impl Iterator<Item = std::ffi::OsString>,
) -> Option<(Layout, String)> {
    args.next()?;
    if args.next()? != arg {
        return None;
    }
    let root = std::path::PathBuf::from(args.next()?);
    let plaintext = std::path::PathBuf::from(args.next()?);
    let id = args.next()?.into_string().ok()?;
    let layout = Layout::new(&root).with_plaintext(&plaintext);
    args.next().is_none().then_some((layout, id))
}
