use clap::Parser;

fn main() {
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
