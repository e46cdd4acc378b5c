//! `login` / `logout`.

use std::io::IsTerminal;

use clap::Args;

use crate::engine::GlobalOptions;
use crate::engine::types::Credentials;
use crate::error::Error;

#[derive(Args, Debug)]
pub struct LoginArgs {
    /// Username
    #[arg(short, long)]
    pub username: Option<String>,
    /// Password (prefer --password-stdin)
    #[arg(short, long)]
    pub password: Option<String>,
    /// Take the password from standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// Registry host[:port] (default: Docker Hub)
    pub server: Option<String>,
}

#[derive(Args, Debug)]
pub struct LogoutArgs {
    /// Registry host[:port] (default: Docker Hub)
    pub server: Option<String>,
}

fn server_host(s: Option<String>) -> String {
    let s = s.unwrap_or_else(|| "docker.io".into());
    let s = s
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = s.split('/').next().unwrap_or(s);
    match host {
        "index.docker.io" | "registry-1.docker.io" => "docker.io".into(),
        h => h.to_string(),
    }
}

fn prompt(label: &str) -> Result<String, Error> {
    eprint!("{label}: ");
    let mut s = String::new();
    std::io::stdin()
        .read_line(&mut s)
        .map_err(|e| Error::Usage(e.to_string()))?;
    Ok(s.trim_end_matches(['\r', '\n']).to_string())
}

pub fn login(opts: &GlobalOptions, a: LoginArgs) -> Result<i32, Error> {
    let server = server_host(a.server);
    if a.password.is_some() && a.password_stdin {
        return Err(Error::Usage(
            "--password and --password-stdin are mutually exclusive".into(),
        ));
    }
    if a.password_stdin && a.username.is_none() {
        return Err(Error::Usage(
            "must provide --username with --password-stdin".into(),
        ));
    }
    let interactive = std::io::stdin().is_terminal();
    let username = match a.username {
        Some(u) => u,
        None if interactive => prompt("Username")?,
        None => {
            return Err(Error::Usage(
                "no username given and standard input is not a terminal; pass --username".into(),
            ));
        }
    };
    let password = if let Some(p) = a.password {
        eprintln!("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        p
    } else if a.password_stdin {
        let data = crate::bounded::read_all(
            std::io::stdin(),
            crate::bounded::KEY_FILE,
            "the password on standard input",
        )
        .map_err(|e| Error::Usage(e.to_string()))?;
        let s = String::from_utf8(data)
            .map_err(|_| Error::Usage("the password is not UTF-8".into()))?;
        s.trim_end_matches(['\r', '\n']).to_string()
    } else if interactive {
        rpassword::prompt_password("Password: ").map_err(|e| Error::Usage(e.to_string()))?
    } else {
        return Err(Error::Usage(
            "no password given and standard input is not a terminal; use --password-stdin".into(),
        ));
    };
    if username.is_empty() || password.is_empty() {
        return Err(Error::Usage(
            "username and password must not be empty".into(),
        ));
    }
    let creds = Credentials { username, password };
    crate::engine::system::login(opts, &server, &creds)?;
    println!("Login Succeeded");
    Ok(0)
}

pub fn logout(_opts: &GlobalOptions, a: LogoutArgs) -> Result<i32, Error> {
    let server = server_host(a.server);
    if crate::engine::system::logout(&server)? {
        println!("Removing login credentials for {server}");
    } else {
        println!("Not logged in to {server}");
    }
    Ok(0)
}
