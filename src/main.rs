use clap::Parser;

fn main() {
    // A container's monitor is this executable again, with an argv of its
    // own; it never goes through the command line interface.
    if let Some((layout, id)) = ccr::runtime::monitor::invoked(std::env::args_os()) {
        std::process::exit(ccr::runtime::monitor::main(&layout, &id));
    }
    // So is a health probe, which the monitor starts.
    if let Some((layout, id)) = ccr::runtime::health::invoked(std::env::args_os()) {
        std::process::exit(ccr::runtime::health::probe_main(&layout, &id));
    }
    // The shell asking what completes (`COMPLETE=bash ccr -- ccr rm ...`).
    clap_complete::CompleteEnv::with_factory(ccr::cli::command)
        .bin("ccr")
        .completer("ccr")
        .complete();
    let cli = match ccr::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                ccr::EXIT_CCR_FAILURE
            } else {
                0
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    std::process::exit(ccr::cli::run(cli));
}
