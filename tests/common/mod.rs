//! Test harness: an isolated ccr (its own data root and docker config), real
//! `docker-registry` instances on free loopback ports with their own storage
//! (optionally with htpasswd auth), a cutting TCP proxy, and image makers.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub fn ccr_bin() -> &'static str {
    env!("CARGO_BIN_EXE_ccr")
}

pub fn require(tool: &str) {
    let ok = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "{tool} is not installed; run tests/setup.sh first");
}

/// The exit code of ccr's own failure in the command `args` runs, as
/// docker's CLI gives it: 125 for `run` (also as `container run`), 1 for
/// every other command, `create` and `exec` included.
pub fn failure_code(args: &[&str]) -> i32 {
    // Global flags before the command, and the values of those that take one.
    let mut words = args.iter();
    let mut command = None;
    while let Some(w) = words.next() {
        match *w {
            "--data-root" | "--initdata" | "--insecure-registry" | "--snapshotter" => {
                words.next();
            }
            w if w.starts_with('-') => {}
            "container" => {}
            w => {
                command = Some(w);
                break;
            }
        }
    }
    match command {
        Some("run") => 125,
        Some("cvm") if words.find(|w| !w.starts_with('-')) == Some(&"up") => 125,
        _ => 1,
    }
}

/// One isolated ccr installation.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Drop for Env {
    /// A test that failed half-way leaves containers behind: they are
    /// removed, so that no process, mount or network namespace outlives it.
    fn drop(&mut self) {
        let entries = std::fs::read_dir(self.data_root().join("containers"));
        for e in entries.into_iter().flatten().flatten() {
            let _ = self
                .cmd(&["rm", "-f", &e.file_name().to_string_lossy()])
                .output();
        }
        // Networks' bridges are the host's: none may outlive the test.
        if self.data_root().join("networks").exists() {
            let _ = self.cmd(&["network", "prune", "-f"]).output();
        }
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    pub fn data_root(&self) -> PathBuf {
        self.path("root")
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(ccr_bin());
        c.args(args)
            .env("CCR_DATA_ROOT", self.data_root())
            .env("DOCKER_CONFIG", self.path("docker"))
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs ccr, asserting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "ccr {args:?} failed ({:?}):\nstdout: {}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs ccr, asserting failure with the exit code docker's CLI gives
    /// for the command ([`failure_code`]); returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let code = failure_code(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "ccr {args:?} should fail with {code}:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    /// Names of local images (`ccr images --format '{{.Repository}}:{{.Tag}}'`).
    pub fn image_names(&self) -> Vec<String> {
        self.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Digests of all blobs in the local store.
    pub fn blobs(&self) -> Vec<String> {
        let dir = self.data_root().join("content/blobs/sha256");
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    pub fn blob(&self, hex: &str) -> Vec<u8> {
        std::fs::read(self.data_root().join("content/blobs/sha256").join(hex)).unwrap()
    }

    /// Makes the busybox base image with rootfs-tools/busybox-image.sh as `name`.
    pub fn busybox(&self, name: &str) {
        require("busybox");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("rootfs-tools/busybox-image.sh");
        sh(Command::new(script)
            .arg(name)
            .env("CCR", ccr_bin())
            .env("CCR_DATA_ROOT", self.data_root()));
    }

    /// Imports a one-layer image of `size` pseudo-random bytes made from `seed`.
    pub fn import_random(
        &self,
        name: &str,
        seed: u64,
        size: usize,
        platform: Option<&str>,
    ) -> String {
        let tarball = self.path(&format!("rootfs-{seed}.tar"));
        write_random_tar(&tarball, seed, size);
        let mut args = vec!["import"];
        if let Some(p) = platform {
            args.extend(["--platform", p]);
        }
        let t = tarball.to_str().unwrap().to_string();
        args.extend([t.as_str(), name]);
        self.ok(&args).trim().to_string()
    }
}

/// A cosign key pair made by `ccr key generate` under `env`, encrypted
/// with `password`: (private key path, public key path).
pub fn cosign_keys(env: &Env, prefix: &str, password: &str) -> (String, String) {
    let p = env.path(prefix);
    let p = p.to_str().unwrap();
    let out = env
        .cmd(&["key", "generate", "--output-key-prefix", p])
        .env("COSIGN_PASSWORD", password)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (format!("{p}.key"), format!("{p}.pub"))
}

/// A deterministic pseudo-random byte stream (xorshift), incompressible.
pub fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A tar with a directory, a text file and one random file.
pub fn write_random_tar(path: &Path, seed: u64, size: usize) {
    let f = std::fs::File::create(path).unwrap();
    let mut b = tar::Builder::new(f);
    let mut add = |name: &str, data: &[u8], mode: u32| {
        let mut h = tar::Header::new_ustar();
        h.set_size(data.len() as u64);
        h.set_mode(mode);
        h.set_mtime(0);
        h.set_cksum();
        b.append_data(&mut h, name, data).unwrap();
    };
    add("etc/hostname", format!("seed-{seed}\n").as_bytes(), 0o644);
    add("data/random.bin", &random_bytes(seed, size), 0o644);
    b.into_inner().unwrap().flush().unwrap();
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nothing listens on port {port}");
}

/// A real docker-registry (distribution 2.8) on a free loopback port.
pub struct Registry {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
    config: PathBuf,
}

impl Registry {
    pub fn start() -> Registry {
        Self::start_with(None)
    }

    /// With htpasswd basic auth for one user.
    pub fn start_with_auth(user: &str, password: &str) -> Registry {
        Self::start_with(Some((user, password)))
    }

    fn start_with(auth: Option<(&str, &str)>) -> Registry {
        require("docker-registry");
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut auth_yaml = String::new();
        if let Some((u, p)) = auth {
            require("htpasswd");
            let out = Command::new("htpasswd")
                .args(["-Bbn", u, p])
                .output()
                .unwrap();
            assert!(out.status.success());
            let file = dir.path().join("htpasswd");
            std::fs::write(&file, &out.stdout).unwrap();
            auth_yaml = format!(
                "auth:\n  htpasswd:\n    realm: ccr-test\n    path: {}\n",
                file.display()
            );
        }
        let config = dir.path().join("config.yml");
        std::fs::write(
            &config,
            format!(
                "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n{auth_yaml}",
                dir.path().join("data").display()
            ),
        )
        .unwrap();
        let mut r = Registry {
            dir,
            port,
            child: None,
            config,
        };
        r.restart();
        r
    }

    /// Starts (again) on the same port with the same storage.
    pub fn restart(&mut self) {
        self.stop();
        let log = std::fs::File::create(self.dir.path().join("registry.log")).unwrap();
        let child = Command::new("docker-registry")
            .arg("serve")
            .arg(&self.config)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        wait_port(self.port);
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The file in the registry's storage that holds a blob.
    pub fn blob_file(&self, hex: &str) -> PathBuf {
        self.dir
            .path()
            .join("data/docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A TCP proxy in front of a port that can cut every connection once a
/// number of response bytes has passed, and counts what it forwarded and
/// how often a client asked the registry's `GET /v2/` (what a client does
/// once per connection it sets up to a registry).
pub struct CuttingProxy {
    pub port: u16,
    pub forwarded: Arc<AtomicU64>,
    pub cut_after: Arc<AtomicU64>,
    pub v2_probes: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl CuttingProxy {
    pub fn start(upstream: u16, cut_after: u64) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let forwarded = Arc::new(AtomicU64::new(0));
        let cut = Arc::new(AtomicU64::new(cut_after));
        let stop = Arc::new(AtomicBool::new(false));
        let probes = Arc::new(AtomicU64::new(0));
        let (f, c, s, p) = (forwarded.clone(), cut.clone(), stop.clone(), probes.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let client = match listener.accept() {
                    Ok((c, _)) => c,
                    Err(_) => {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                };
                client.set_nonblocking(false).unwrap();
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                let (c1, s1) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let p = p.clone();
                std::thread::spawn(move || {
                    let (mut c1, mut s1) = (c1, s1);
                    let mut buf = [0u8; 16384];
                    // The tail of what came before, for a request line split
                    // between two reads.
                    let mut carry: Vec<u8> = Vec::new();
                    const PROBE: &[u8] = b"GET /v2/ HTTP/1.1\r\n";
                    loop {
                        let n = match c1.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        carry.extend_from_slice(&buf[..n]);
                        let found = carry.windows(PROBE.len()).filter(|w| *w == PROBE).count();
                        p.fetch_add(found as u64, Ordering::Relaxed);
                        let keep = carry.len().min(PROBE.len() - 1);
                        carry.drain(..carry.len() - keep);
                        if s1.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = s1.shutdown(Shutdown::Write);
                });
                let (f, c) = (f.clone(), c.clone());
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    let (mut server, mut client) = (server, client);
                    loop {
                        let n = match server.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        let total = f.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
                        if total > c.load(Ordering::Relaxed) {
                            break;
                        }
                        if client.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = client.shutdown(Shutdown::Both);
                    let _ = server.shutdown(Shutdown::Both);
                });
            }
        });
        CuttingProxy {
            port,
            forwarded,
            cut_after: cut,
            v2_probes: probes,
            stop,
        }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for CuttingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Runs a command, asserting success; returns stdout.
pub fn sh(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed:\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// A cosign binary fetched by tests/fetch-cosign.sh: "trixie" (2.5) or "sid" (3.1).
pub fn cosign(suite: &str) -> Command {
    let base = std::env::var("CCR_PEERS").unwrap_or_else(|_| "/opt/ccr-peers".into());
    let bin = std::path::Path::new(&base).join(format!("cosign-{suite}/usr/bin/cosign"));
    assert!(
        bin.exists(),
        "{} is missing; run tests/setup.sh first",
        bin.display()
    );
    let mut c = Command::new(bin);
    c.env("COSIGN_PASSWORD", "test-password")
        .env("TUF_ROOT", std::env::temp_dir().join("ccr-test-tuf"))
        .stdin(Stdio::null());
    c
}

/// The digest a registry tag resolves to (the registry's Docker-Content-Digest).
pub fn remote_digest(host: &str, repo: &str, tag: &str) -> String {
    let accept = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, \
                  application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";
    let out = sh(Command::new("curl").args([
        "-fsI",
        "-H",
        &format!("Accept: {accept}"),
        &format!("http://{host}/v2/{repo}/manifests/{tag}"),
    ]));
    out.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("docker-content-digest")
                .then(|| v.trim().to_string())
        })
        .unwrap_or_else(|| panic!("no digest for {host}/{repo}:{tag}: {out}"))
}

/// `data` compressed as `kind` (gzip, zstd, bzip2 or xz), as the usual
/// command-line tools would write it.
pub fn compress(kind: &str, data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    match kind {
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "zstd" => zstd::stream::encode_all(data, 3).unwrap(),
        "bzip2" => {
            let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "xz" => {
            let mut e = liblzma::write::XzEncoder::new(Vec::new(), 6);
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        other => panic!("no compressor {other}"),
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(data))
}

impl Env {
    /// Runs ccr with `input` on its standard input; its exit code and output.
    pub fn with_input(&self, args: &[&str], input: &[u8]) -> (Option<i32>, String) {
        use std::io::Write;
        let mut c = self.cmd(args);
        c.stdin(Stdio::piped()).stdout(Stdio::piped());
        let mut child = c.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    }
}

/// A tar archive holding one regular file, mode 0644.
pub fn one_file_tar(path: &str, content: &[u8]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(content.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    tar.append_data(&mut h, path, content).unwrap();
    tar.into_inner().unwrap()
}

/// A registry written for refusal tests: it serves one image's manifest
/// and blobs as given, and may send more of a blob than its descriptor
/// says. Plain HTTP on loopback (which ccr allows, as docker does).
pub struct HostileRegistry {
    pub port: u16,
    /// Bytes of manifest and blob bodies sent so far.
    pub sent: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
}

impl HostileRegistry {
    /// Serves `manifest` for any tag or digest of any repository, and each
    /// blob by its digest; `extra` bytes of zeros follow every blob.
    pub fn start(manifest: Vec<u8>, blobs: Vec<(String, Vec<u8>)>, extra: u64) -> HostileRegistry {
        Self::serve(manifest, blobs, extra, None)
    }

    /// As [`HostileRegistry::start`], and the manifest's replies name
    /// `digest` in `Docker-Content-Digest`, whatever the body is.
    pub fn announcing(
        manifest: Vec<u8>,
        blobs: Vec<(String, Vec<u8>)>,
        digest: &str,
    ) -> HostileRegistry {
        Self::serve(manifest, blobs, 0, Some(digest.to_string()))
    }

    fn serve(
        manifest: Vec<u8>,
        blobs: Vec<(String, Vec<u8>)>,
        extra: u64,
        announced: Option<String>,
    ) -> HostileRegistry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let sent = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (sent.clone(), stop.clone());
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            let manifest = Arc::new(manifest);
            let blobs = Arc::new(blobs);
            while !st.load(Ordering::Relaxed) {
                let Ok((mut conn, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let (manifest, blobs, sent) = (manifest.clone(), blobs.clone(), s.clone());
                let announced = announced.clone();
                std::thread::spawn(move || {
                    let _ = conn.set_nonblocking(false);
                    let mut head = Vec::new();
                    let mut b = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        if conn.read(&mut b).unwrap_or(0) == 0 {
                            return;
                        }
                        head.push(b[0]);
                    }
                    let text = String::from_utf8_lossy(&head).to_string();
                    let mut first = text.lines().next().unwrap_or("").split_whitespace();
                    let method = first.next().unwrap_or("").to_string();
                    let path = first.next().unwrap_or("").to_string();
                    let reply = |conn: &mut TcpStream,
                                 status: &str,
                                 ctype: &str,
                                 body: &[u8],
                                 len: u64| {
                        let _ = write!(
                            conn,
                            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
                        );
                        if method != "HEAD" {
                            let _ = conn.write_all(body);
                        }
                    };
                    if path == "/v2/" {
                        reply(&mut conn, "200 OK", "application/json", b"{}", 2);
                    } else if path.contains("/manifests/") {
                        let digest = announced
                            .as_ref()
                            .map(|d| format!("Docker-Content-Digest: {d}\r\n"))
                            .unwrap_or_default();
                        let _ = write!(
                            conn,
                            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\n{digest}Content-Length: {}\r\nConnection: close\r\n\r\n",
                            manifest.len()
                        );
                        if method != "HEAD" {
                            for chunk in manifest.chunks(1 << 16) {
                                if conn.write_all(chunk).is_err() {
                                    break;
                                }
                                sent.fetch_add(chunk.len() as u64, Ordering::Relaxed);
                            }
                        }
                    } else if let Some((_, data)) = blobs
                        .iter()
                        .find(|(d, _)| path.ends_with(&format!("/blobs/{d}")))
                    {
                        let total = data.len() as u64 + extra;
                        reply(&mut conn, "200 OK", "application/octet-stream", data, total);
                        sent.fetch_add(data.len() as u64, Ordering::Relaxed);
                        if method != "HEAD" {
                            let zeros = vec![0u8; 1 << 16];
                            let mut left = extra;
                            while left > 0 {
                                let n = left.min(zeros.len() as u64) as usize;
                                if conn.write_all(&zeros[..n]).is_err() {
                                    break;
                                }
                                sent.fetch_add(n as u64, Ordering::Relaxed);
                                left -= n as u64;
                            }
                        }
                    } else {
                        reply(&mut conn, "404 Not Found", "application/json", b"{}", 2);
                    }
                    let _ = conn.shutdown(Shutdown::Both);
                });
            }
        });
        HostileRegistry { port, sent, stop }
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for HostileRegistry {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Uploads `data` as a blob of `repo` in a plain-HTTP registry (the
/// distribution API's two-step monolithic upload).
pub fn upload_blob(host: &str, repo: &str, data: &[u8]) -> String {
    let digest = format!("sha256:{}", sha256_hex(data));
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), data).unwrap();
    let script = format!(
        "loc=$(curl -sS -o /dev/null -D - -X POST http://{host}/v2/{repo}/blobs/uploads/ | tr -d '\\r' | sed -n 's/^[Ll]ocation: //p'); \
         case $loc in http*) ;; *) loc=http://{host}$loc ;; esac; \
         case $loc in *\\?*) sep='&' ;; *) sep='?' ;; esac; \
         curl -sS -o /dev/null -w '%{{http_code}}' -X PUT -H 'Content-Type: application/octet-stream' \
           --data-binary @{} \"$loc${{sep}}digest={digest}\"",
        file.path().display()
    );
    let code = sh(Command::new("sh").args(["-c", &script]));
    assert_eq!(code.trim(), "201", "upload of {digest}: HTTP {code}");
    digest
}
