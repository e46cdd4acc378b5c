//! Talking to OCI distribution registries (through `oci-client`): resolving
//! tags to digests, fetching manifests and blobs into the store, pushing, and
//! checking credentials for `login`.

pub mod auth;

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use futures_util::StreamExt;
use oci_client::client::{ClientConfig, ClientProtocol};
use oci_client::errors::{OciDistributionError, OciErrorCode};
use oci_client::manifest::OciDescriptor;
use oci_client::secrets::RegistryAuth;
use oci_client::{Client, RegistryOperation};

use crate::digest::Digest;
use crate::oci::{self, Descriptor};
use crate::reference::ImageRef;
use crate::store::{Ingest, StoreError};
use auth::{CredentialStore, Credentials};

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("cannot reach registry {registry}: {why}")]
    Unreachable {
        registry: String,
        #[source]
        why: Cause,
        /// Neither HTTPS nor (not allowed for it) plain HTTP answered.
        plain_http_refused: bool,
    },
    #[error("registry {registry} denied access{user}: {why}")]
    Unauthorized {
        registry: String,
        user: String,
        #[source]
        why: Cause,
    },
    #[error("{reference}: not found ({why})")]
    NotFound {
        reference: String,
        #[source]
        why: Cause,
    },
    #[error(
        "registry {registry} sent {what} with digest {actual} where {expected} was asked for; refusing it"
    )]
    DigestMismatch {
        registry: String,
        what: String,
        expected: Digest,
        actual: Digest,
    },
    #[error(
        "registry {registry} sent more than the {size} bytes {what} has; refusing it (nothing past that was stored)"
    )]
    Oversized {
        registry: String,
        what: String,
        size: u64,
    },
    #[error(
        "registry {registry} sent a manifest for {reference} of more than the {} bytes a manifest may have{}; refusing it (ccr stopped reading at the limit)",
        MAX_MANIFEST,
        announced.map(|n| format!(" ({n} bytes announced)")).unwrap_or_default()
    )]
    ManifestTooLarge {
        registry: String,
        reference: String,
        /// The length the reply announced, if it did.
        announced: Option<u64>,
    },
    #[error("registry {registry}: {op} failed: {why}")]
    Failed {
        registry: String,
        op: String,
        #[source]
        why: Cause,
    },
    #[error("{reference}: {why}")]
    Unsupported {
        reference: String,
        #[source]
        why: Cause,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Auth(#[from] auth::AuthError),
}

/// Why a registry step failed: the error underneath (kept as the source,
/// so `--debug` prints its chain), or what the registry said.
#[derive(Debug, thiserror::Error)]
pub enum Cause {
    #[error("{}", error_chain(.0.as_ref()))]
    Error(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("{0}")]
    Said(String),
}

impl Cause {
    fn of(e: impl std::error::Error + Send + Sync + 'static) -> Cause {
        Cause::Error(Box::new(e))
    }
}

impl From<String> for Cause {
    fn from(s: String) -> Cause {
        Cause::Said(s)
    }
}

impl From<&str> for Cause {
    fn from(s: &str) -> Cause {
        Cause::Said(s.to_string())
    }
}

impl RegistryError {
    /// What to do next.
    pub fn hint(&self) -> Option<String> {
        match self {
            RegistryError::Unreachable {
                plain_http_refused, ..
            } => Some(if *plain_http_refused {
                "check the address and that the registry is running; a plain-HTTP registry must be allowed as insecure".into()
            } else {
                "check the address and that the registry is running".into()
            }),
            RegistryError::Unauthorized { registry, .. } => Some(format!(
                "log in to {registry} with a valid username and password"
            )),
            RegistryError::NotFound { .. } => Some("check the repository name and tag".into()),
            RegistryError::Failed { op, .. }
                if op.starts_with("download of") || op.starts_with("fetch blob") =>
            {
                Some(
                    "what arrived is kept: pulling again resumes it (an image prune drops it)"
                        .into(),
                )
            }
            _ => None,
        }
    }
}

/// The largest manifest or index accepted (containerd's limit).
pub const MAX_MANIFEST: u64 = 4 << 20;

/// Which registries may be reached over plain HTTP or with unverified TLS.
/// Loopback registries always may, as with docker and nerdctl.
#[derive(Clone, Debug, Default)]
pub struct Insecure {
    pub all: bool,
    pub hosts: Vec<String>,
}

impl Insecure {
    pub fn allows(&self, host: &str) -> bool {
        if self.all || self.hosts.iter().any(|h| h == host) {
            return true;
        }
        let bare = host_without_port(host);
        self.hosts.iter().any(|h| h == bare)
            || bare == "localhost"
            || bare
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

fn host_without_port(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match host.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    }
}

pub struct RegistryConfig {
    pub insecure: Insecure,
    pub credentials: CredentialStore,
}

/// A connection to one registry host.
pub struct Remote {
    client: Client,
    registry: String,
    user: Option<String>,
    auth: RegistryAuth,
    /// Manifests are fetched here rather than through `client`, which reads
    /// a reply whole before anyone can look at its size.
    http: reqwest::Client,
    base: String,
    needs_auth: bool,
    /// The pull token for manifests, kept for the command's later steps;
    /// fetched again when the registry stops accepting it (it expired).
    pull_token: tokio::sync::Mutex<Option<Option<String>>>,
}

fn probe_client(insecure: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .danger_accept_invalid_certs(insecure)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("TLS backend initialises")
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let cs = c.to_string();
        if !s.contains(&cs) {
            s.push_str(": ");
            s.push_str(&cs);
        }
        cur = c.source();
    }
    s
}

/// Finds the scheme a registry speaks: HTTPS; or, for registries allowed to
/// be insecure, plain HTTP when that is what they answer. Those are asked
/// over plain HTTP first (a TLS-only server cannot answer that with a
/// registry response), which spares a doomed TLS handshake on every command
/// against a local plain-HTTP registry.
/// Also says whether the registry asks for authentication at all.
async fn probe_scheme(host: &str, insecure: bool) -> Result<(&'static str, bool), RegistryError> {
    let client = probe_client(insecure);
    let challenged = |r: &reqwest::Response| r.status() == reqwest::StatusCode::UNAUTHORIZED;
    if insecure && let Ok(resp) = client.get(format!("http://{host}/v2/")).send().await {
        let status = resp.status();
        let auth = challenged(&resp);
        let body = resp.text().await.unwrap_or_default();
        // TLS servers answer plain HTTP with a 400 that says so.
        let tls_only = status == reqwest::StatusCode::BAD_REQUEST
            && body.to_ascii_lowercase().contains("https");
        if !tls_only {
            return Ok(("http", auth));
        }
    }
    match client.get(format!("https://{host}/v2/")).send().await {
        Ok(resp) => Ok(("https", challenged(&resp))),
        Err(e) => Err(RegistryError::Unreachable {
            registry: host.to_string(),
            why: Cause::of(e),
            plain_http_refused: !insecure,
        }),
    }
}

fn oci_desc(desc: &Descriptor) -> OciDescriptor {
    OciDescriptor {
        media_type: desc.media_type.clone(),
        digest: desc.digest.to_string(),
        size: desc.size as i64,
        urls: desc.urls.clone(),
        annotations: None,
        artifact_type: None,
    }
}

impl Remote {
    /// Connects to the registry of `r`, with the credentials recorded for it.
    pub async fn connect(cfg: &RegistryConfig, r: &ImageRef) -> Result<Remote, RegistryError> {
        let host = r.resolved_registry().to_string();
        let insecure = cfg.insecure.allows(r.registry()) || cfg.insecure.allows(&host);
        let (scheme, needs_auth) = probe_scheme(&host, insecure).await?;
        let client = Client::new(ClientConfig {
            protocol: if scheme == "http" {
                ClientProtocol::Http
            } else {
                ClientProtocol::Https
            },
            accept_invalid_certificates: insecure,
            use_monolithic_push: true,
            connect_timeout: Some(Duration::from_secs(15)),
            read_timeout: Some(Duration::from_secs(120)),
            max_concurrent_download: 2,
            max_concurrent_upload: 2,
            ..Default::default()
        });
        let creds = cfg.credentials.get_for(r.registry(), r.repository())?;
        let user = creds.as_ref().map(|c| c.username.clone());
        let auth = match creds {
            Some(c) => RegistryAuth::Basic(c.username, c.password),
            None => RegistryAuth::Anonymous,
        };
        // With any other credentials oci-client asks /v2/ for a challenge
        // before every request, which doubles the round trips to a registry
        // that (as the probe just saw) asks for none. An empty bearer token
        // is its way to say "nothing to negotiate"; such a registry ignores
        // the header.
        let stored = if needs_auth {
            auth.clone()
        } else {
            RegistryAuth::Bearer(String::new())
        };
        client.store_auth_if_needed(&host, &stored).await;
        let http = reqwest::Client::builder()
            .danger_accept_invalid_certs(insecure)
            .connect_timeout(Duration::from_secs(15))
            .read_timeout(Duration::from_secs(120))
            .build()
            .expect("TLS backend initialises");
        Ok(Remote {
            client,
            registry: r.registry().to_string(),
            user,
            auth,
            http,
            base: format!("{scheme}://{host}"),
            needs_auth,
            pull_token: tokio::sync::Mutex::new(None),
        })
    }

    fn classify(&self, e: OciDistributionError, reference: &ImageRef, op: &str) -> RegistryError {
        enum Kind {
            Unreachable,
            Unauthorized,
            NotFound,
            Failed,
        }
        let unauthorized = |why: Cause| self.unauthorized(why);
        let not_found = |why: Cause| RegistryError::NotFound {
            reference: reference.to_string(),
            why,
        };
        let kind = match &e {
            OciDistributionError::RequestError(re) if re.is_connect() || re.is_timeout() => {
                Kind::Unreachable
            }
            OciDistributionError::RequestError(re)
                if re
                    .status()
                    .is_some_and(|s| s.as_u16() == 401 || s.as_u16() == 403) =>
            {
                Kind::Unauthorized
            }
            OciDistributionError::RequestError(re)
                if re.status().is_some_and(|s| s.as_u16() == 404) =>
            {
                Kind::NotFound
            }
            OciDistributionError::UnauthorizedError { .. }
            | OciDistributionError::AuthenticationFailure(_) => Kind::Unauthorized,
            OciDistributionError::ServerError {
                code: 401 | 403, ..
            } => Kind::Unauthorized,
            OciDistributionError::ImageManifestNotFoundError(_)
            | OciDistributionError::ServerError { code: 404, .. } => Kind::NotFound,
            OciDistributionError::RegistryError { envelope, .. } => {
                let codes: Vec<&OciErrorCode> = envelope.errors.iter().map(|e| &e.code).collect();
                if codes
                    .iter()
                    .any(|c| matches!(c, OciErrorCode::Unauthorized | OciErrorCode::Denied))
                {
                    Kind::Unauthorized
                } else if codes.iter().any(|c| {
                    matches!(
                        c,
                        OciErrorCode::ManifestUnknown
                            | OciErrorCode::NameUnknown
                            | OciErrorCode::BlobUnknown
                            | OciErrorCode::NotFound
                    )
                }) {
                    Kind::NotFound
                } else {
                    Kind::Failed
                }
            }
            _ => Kind::Failed,
        };
        let why = Cause::of(e);
        match kind {
            Kind::Unreachable => RegistryError::Unreachable {
                registry: self.registry.clone(),
                why,
                plain_http_refused: false,
            },
            Kind::Unauthorized => unauthorized(why),
            Kind::NotFound => not_found(why),
            Kind::Failed => self.failed(op, why),
        }
    }

    fn unauthorized(&self, why: Cause) -> RegistryError {
        RegistryError::Unauthorized {
            registry: self.registry.clone(),
            user: self
                .user
                .as_ref()
                .map(|u| format!(" to {u}"))
                .unwrap_or_else(|| " (no credentials recorded)".into()),
            why,
        }
    }

    fn failed(&self, op: &str, why: Cause) -> RegistryError {
        RegistryError::Failed {
            registry: self.registry.clone(),
            op: op.to_string(),
            why,
        }
    }

    /// Fetches the manifest or index `r` names (by tag or digest) and checks
    /// that its bytes hash to the digest in `r` and to the one the registry
    /// names in `Docker-Content-Digest` (by tag too, as docker and
    /// containerd check it).
    pub async fn fetch_manifest(
        &self,
        r: &ImageRef,
    ) -> Result<(Descriptor, bytes::Bytes), RegistryError> {
        let (data, announced) = self.get_manifest(r).await?;
        let actual = Digest::of(&data);
        let mismatch = |expected: Digest, whose: &str| RegistryError::DigestMismatch {
            registry: self.registry.clone(),
            what: format!("the manifest of {r}{whose}"),
            expected,
            actual: actual.clone(),
        };
        if let Some(expected) = r.digest()
            && expected != actual
        {
            return Err(mismatch(expected, ""));
        }
        if let Some(expected) = announced
            && expected != actual
        {
            return Err(mismatch(
                expected,
                " (the registry's Docker-Content-Digest)",
            ));
        }
        let (media_type, _) =
            oci::Document::parse(None, &data).map_err(|e| RegistryError::Unsupported {
                reference: r.to_string(),
                why: Cause::of(e),
            })?;
        if !oci::MANIFEST_TYPES.contains(&media_type.as_str()) {
            return Err(RegistryError::Unsupported {
                reference: r.to_string(),
                why: format!("unsupported manifest type {media_type}").into(),
            });
        }
        Ok((
            Descriptor::new(&media_type, actual, data.len() as u64),
            data,
        ))
    }

    /// The pull token for `r`'s repository: the kept one, or (first, or
    /// with `refresh`) a new one from the registry's token service.
    async fn manifest_token(
        &self,
        r: &ImageRef,
        refresh: bool,
    ) -> Result<Option<String>, RegistryError> {
        let mut kept = self.pull_token.lock().await;
        if refresh || kept.is_none() {
            let token = self
                .client
                .auth(r.as_oci(), &self.auth, RegistryOperation::Pull)
                .await
                .map_err(|e| self.classify(e, r, "authenticate"))?;
            *kept = Some(token);
        }
        Ok(kept.clone().flatten())
    }

    /// GETs a manifest, reading at most `MAX_MANIFEST` bytes of it
    /// (containerd's limit): a longer one is refused once it passes that,
    /// or at once when its announced length does.
    /// With the body, the sha256 digest the registry names for it.
    async fn get_manifest(
        &self,
        r: &ImageRef,
    ) -> Result<(bytes::Bytes, Option<Digest>), RegistryError> {
        let reference = match r.digest() {
            Some(d) => d.to_string(),
            None => r.tag().unwrap_or("latest").to_string(),
        };
        let url = format!("{}/v2/{}/manifests/{reference}", self.base, r.repository());
        let resp = self
            .authed_get(r, &url, &oci::MANIFEST_TYPES.join(", "), "fetch manifest")
            .await?;
        self.manifest_body(r, resp).await
    }

    /// A GET with the command's pull token (fetched again once when the
    /// registry no longer takes it).
    async fn authed_get(
        &self,
        r: &ImageRef,
        url: &str,
        accept: &str,
        op: &str,
    ) -> Result<reqwest::Response, RegistryError> {
        let mut refresh = false;
        let resp = loop {
            let mut req = self.http.get(url).header(reqwest::header::ACCEPT, accept);
            if self.needs_auth {
                let token = self.manifest_token(r, refresh).await?;
                req = match (token, &self.auth) {
                    (Some(t), _) => req.bearer_auth(t),
                    (None, RegistryAuth::Basic(u, p)) => req.basic_auth(u, Some(p)),
                    (None, _) => req,
                };
            }
            let resp = req.send().await.map_err(|e| {
                if e.is_connect() || e.is_timeout() {
                    RegistryError::Unreachable {
                        registry: self.registry.clone(),
                        why: Cause::of(e),
                        plain_http_refused: false,
                    }
                } else {
                    self.failed(op, Cause::of(e))
                }
            })?;
            // A kept token that has expired since an earlier step: once
            // more with a fresh one.
            if resp.status() == reqwest::StatusCode::UNAUTHORIZED && self.needs_auth && !refresh {
                refresh = true;
                continue;
            }
            break resp;
        };
        Ok(resp)
    }

    /// A manifest reply's body (bounded) and announced digest, or the error
    /// it stands for.
    async fn manifest_body(
        &self,
        r: &ImageRef,
        resp: reqwest::Response,
    ) -> Result<(bytes::Bytes, Option<Digest>), RegistryError> {
        let status = resp.status();
        let header_digest = resp
            .headers()
            .get("docker-content-digest")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<Digest>().ok());
        let announced = resp.content_length();
        let too_large = || RegistryError::ManifestTooLarge {
            registry: self.registry.clone(),
            reference: r.to_string(),
            announced,
        };
        let body = match crate::bounded::body(resp, MAX_MANIFEST).await {
            Ok(b) => b,
            Err(crate::bounded::BodyError::TooLong(_)) if status.is_success() => {
                return Err(too_large());
            }
            Err(crate::bounded::BodyError::TooLong(_)) => Vec::new(),
            Err(crate::bounded::BodyError::Http(e)) => {
                return Err(self.failed("fetch manifest", Cause::of(e)));
            }
        };
        if status.is_success() {
            return Ok((body.into(), header_digest));
        }
        let why = format!(
            "HTTP {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(512)]).trim()
        );
        let unknown = |code: &str| {
            serde_json::from_slice::<serde_json::Value>(&body).is_ok_and(|v| {
                v["errors"]
                    .as_array()
                    .is_some_and(|es| es.iter().any(|e| e["code"] == code))
            })
        };
        Err(match status.as_u16() {
            401 | 403 => self.unauthorized(why.into()),
            _ if status.as_u16() == 404
                || unknown("MANIFEST_UNKNOWN")
                || unknown("NAME_UNKNOWN") =>
            {
                RegistryError::NotFound {
                    reference: r.to_string(),
                    why: why.into(),
                }
            }
            _ => self.failed("fetch manifest", why.into()),
        })
    }

    /// Streams a blob into `w`, continuing from `w.offset()` when an earlier
    /// attempt was interrupted. The store checks the digest at commit.
    pub async fn fetch_blob(
        &self,
        r: &ImageRef,
        desc: &Descriptor,
        w: &mut Ingest,
        mut on_bytes: impl FnMut(u64),
    ) -> Result<(), RegistryError> {
        let oref = r.as_oci();
        let od = oci_desc(desc);
        let offset = w.offset();
        if offset > 0 {
            on_bytes(offset);
        }
        let resp = self
            .client
            .pull_blob_stream_partial(oref, &od, offset, None)
            .await
            .map_err(|e| self.classify(e, r, &format!("fetch blob {}", desc.digest)))?;
        let mut stream = match resp {
            oci_client::client::BlobResponse::Partial(s) => s.stream,
            oci_client::client::BlobResponse::Full(s) => {
                if offset > 0 {
                    w.restart()?;
                }
                s.stream
            }
        };
        while let Some(chunk) = stream.next().await {
            let chunk = chunk
                .map_err(|e| self.failed(&format!("download of {}", desc.digest), Cause::of(e)))?;
            if let Err(e) = w.write_all(&chunk) {
                if crate::store::TooLong::of(&e).is_some() {
                    // Hostile or broken: what it sent is not kept to resume from.
                    w.restart()?;
                    return Err(RegistryError::Oversized {
                        registry: self.registry.clone(),
                        what: format!("blob {}", desc.digest),
                        size: desc.size,
                    });
                }
                let path = w.path().to_path_buf();
                return Err(crate::store::StoreWrite::take(e)
                    .unwrap_or_else(|source| StoreError::Io {
                        path,
                        op: "write",
                        source,
                    })
                    .into());
            }
            on_bytes(chunk.len() as u64);
        }
        Ok(())
    }

    /// Like `fetch_manifest`, but `None` when the registry has no such tag.
    pub async fn fetch_manifest_opt(
        &self,
        r: &ImageRef,
    ) -> Result<Option<(Descriptor, bytes::Bytes)>, RegistryError> {
        match self.fetch_manifest(r).await {
            Ok(found) => Ok(Some(found)),
            Err(RegistryError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Fetches a small blob (signature payloads, bundles) into memory and
    /// checks its digest. Refuses blobs over `max` bytes.
    pub async fn fetch_small_blob(
        &self,
        r: &ImageRef,
        desc: &Descriptor,
        max: u64,
    ) -> Result<Vec<u8>, RegistryError> {
        if desc.size > max {
            return Err(self.failed(
                &format!("fetch blob {}", desc.digest),
                format!("{} bytes is more than the {max} allowed here", desc.size).into(),
            ));
        }
        let mut stream = self
            .client
            .pull_blob_stream(r.as_oci(), &oci_desc(desc))
            .await
            .map_err(|e| self.classify(e, r, &format!("fetch blob {}", desc.digest)))?;
        let mut data = Vec::with_capacity(desc.size as usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk
                .map_err(|e| self.failed(&format!("download of {}", desc.digest), Cause::of(e)))?;
            data.extend_from_slice(&chunk);
            if data.len() as u64 > max {
                return Err(self.failed(
                    &format!("fetch blob {}", desc.digest),
                    "larger than announced".into(),
                ));
            }
        }
        let actual = Digest::of(&data);
        if actual != desc.digest {
            return Err(RegistryError::DigestMismatch {
                registry: self.registry.clone(),
                what: "a blob".into(),
                expected: desc.digest.clone(),
                actual,
            });
        }
        Ok(data)
    }

    /// Uploads a small blob held in memory. Asking first whether the
    /// registry has it would cost as much as sending it.
    pub async fn push_bytes(&self, r: &ImageRef, data: Vec<u8>) -> Result<Digest, RegistryError> {
        let digest = Digest::of(&data);
        self.client
            .push_blob(r.as_oci(), data, &digest.to_string())
            .await
            .map_err(|e| self.classify(e, r, &format!("upload of {digest}")))?;
        Ok(digest)
    }

    /// The referrers API's answer for `r` (a digest reference): `None` when
    /// the registry has no such API, else the descriptors it lists. The reply is
    /// read within the manifest bound.
    pub async fn referrers_api(
        &self,
        r: &ImageRef,
    ) -> Result<Option<Vec<Descriptor>>, RegistryError> {
        let Some(digest) = r.digest() else {
            return Ok(None);
        };
        let url = format!("{}/v2/{}/referrers/{digest}", self.base, r.repository());
        let resp = self
            .authed_get(r, &url, oci::OCI_INDEX, "list referrers")
            .await?;
        // 404 is the specification's "no such API"; registries that predate
        // it also answer 400 (an unknown route), 405 or 501.
        if matches!(resp.status().as_u16(), 400 | 404 | 405 | 501) {
            return Ok(None);
        }
        let (body, _) = self.manifest_body(r, resp).await?;
        let index: oci::Index = serde_json::from_slice(&body).map_err(|e| {
            self.failed("list referrers", format!("not an image index: {e}").into())
        })?;
        Ok(Some(index.manifests))
    }

    pub async fn blob_exists(&self, r: &ImageRef, d: &Digest) -> Result<bool, RegistryError> {
        self.client
            .blob_exists(r.as_oci(), &d.to_string())
            .await
            .map_err(|e| self.classify(e, r, "check blob"))
    }

    /// Makes sure pushing is authorised before the first upload.
    pub async fn authorize_push(&self, r: &ImageRef) -> Result<(), RegistryError> {
        self.client
            .auth(r.as_oci(), &self.auth, RegistryOperation::Push)
            .await
            .map_err(|e| self.classify(e, r, "authorize push"))?;
        Ok(())
    }

    /// Uploads a blob from a file, streaming.
    pub async fn push_blob(
        &self,
        r: &ImageRef,
        desc: &Descriptor,
        path: &Path,
        on_bytes: impl FnMut(u64) + Send + 'static,
    ) -> Result<(), RegistryError> {
        let file = std::fs::File::open(path).map_err(|e| StoreError::Io {
            path: path.to_path_buf(),
            op: "open blob",
            source: e,
        })?;
        let stream = file_stream(file, on_bytes);
        self.client
            .push_blob_stream(
                r.as_oci(),
                stream,
                &desc.digest.to_string(),
                Some(desc.size),
            )
            .await
            .map_err(|e| self.classify(e, r, &format!("upload of {}", desc.digest)))?;
        Ok(())
    }

    /// Uploads a manifest under `r`'s tag (or digest).
    pub async fn push_manifest(
        &self,
        r: &ImageRef,
        media_type: &str,
        data: Vec<u8>,
    ) -> Result<(), RegistryError> {
        let ct = reqwest::header::HeaderValue::from_str(media_type).map_err(|_| {
            RegistryError::Unsupported {
                reference: r.to_string(),
                why: format!("media type {media_type:?} is not a valid header").into(),
            }
        })?;
        self.client
            .push_manifest_raw(r.as_oci(), data, ct)
            .await
            .map_err(|e| self.classify(e, r, "upload manifest"))?;
        Ok(())
    }
}

fn file_stream(
    file: std::fs::File,
    mut on_bytes: impl FnMut(u64) + Send + 'static,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, OciDistributionError>> + Send + 'static {
    const CHUNK: usize = 1 << 20;
    futures_util::stream::unfold(Some(file), move |state| {
        let out = state.and_then(|mut f| {
            let mut buf = vec![0u8; CHUNK];
            let mut filled = 0;
            while filled < CHUNK {
                match f.read(&mut buf[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) => return Some((Err(OciDistributionError::IoError(e)), None)),
                }
            }
            if filled == 0 {
                return None;
            }
            buf.truncate(filled);
            on_bytes(filled as u64);
            Some((Ok(bytes::Bytes::from(buf)), Some(f)))
        });
        std::future::ready(out)
    })
}

/// Checks credentials against a registry the way `docker login` does: the
/// `/v2/` endpoint, and the token service when it points at one.
pub async fn check_login(
    insecure: &Insecure,
    registry: &str,
    creds: &Credentials,
) -> Result<(), RegistryError> {
    let host = match registry {
        "docker.io" => "index.docker.io",
        h => h,
    };
    let insecure = insecure.allows(host);
    let (scheme, _) = probe_scheme(host, insecure).await?;
    let client = probe_client(insecure);
    let unreachable = |e: reqwest::Error| RegistryError::Unreachable {
        registry: registry.to_string(),
        why: Cause::of(e),
        plain_http_refused: false,
    };
    let denied = |why: String| RegistryError::Unauthorized {
        why: why.into(),
        registry: registry.to_string(),
        user: format!(" to {}", creds.username),
    };
    let url = format!("{scheme}://{host}/v2/");
    let resp = client.get(&url).send().await.map_err(unreachable)?;
    if resp.status().is_success() {
        return Ok(());
    }
    let challenge = resp
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let check_url = if challenge.to_ascii_lowercase().starts_with("bearer") {
        let params = parse_challenge(&challenge);
        let realm = params
            .iter()
            .find(|(k, _)| k == "realm")
            .map(|(_, v)| v.clone())
            .ok_or_else(|| denied("the registry's token challenge has no realm".into()))?;
        let mut url = reqwest::Url::parse(&realm)
            .map_err(|e| denied(format!("the token realm {realm:?} is not a URL: {e}")))?;
        {
            let mut q = url.query_pairs_mut();
            if let Some((_, s)) = params.iter().find(|(k, _)| k == "service") {
                q.append_pair("service", s);
            }
            q.append_pair("account", &creds.username);
        }
        url.to_string()
    } else {
        url
    };
    let resp = client
        .get(&check_url)
        .basic_auth(&creds.username, Some(&creds.password))
        .send()
        .await
        .map_err(unreachable)?;
    if resp.status().is_success() {
        Ok(())
    } else {
        Err(denied(format!(
            "{} (incorrect username or password)",
            resp.status()
        )))
    }
}

/// Parses `Bearer realm="...",service="..."` into key/value pairs.
fn parse_challenge(h: &str) -> Vec<(String, String)> {
    let rest = h.split_once(' ').map(|(_, r)| r).unwrap_or("");
    let mut out = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            break;
        }
        let mut val = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => val.extend(chars.next()),
                    '"' => break,
                    c => val.push(c),
                }
            }
        } else {
            while let Some(c) = chars.peek() {
                if *c == ',' {
                    break;
                }
                val.push(*c);
                chars.next();
            }
        }
        out.push((key.trim().to_ascii_lowercase(), val));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_parsing() {
        let p = parse_challenge(
            r#"Bearer realm="https://auth.example/token",service="registry.example",scope="a:b:pull""#,
        );
        assert_eq!(p[0], ("realm".into(), "https://auth.example/token".into()));
        assert_eq!(p[1], ("service".into(), "registry.example".into()));
        assert_eq!(p.len(), 3);
    }

    #[test]
    fn loopback_is_insecure_by_default() {
        let i = Insecure::default();
        assert!(i.allows("localhost:5000"));
        assert!(i.allows("127.0.0.1:40000"));
        assert!(i.allows("[::1]:5000"));
        assert!(!i.allows("registry.example:5000"));
        let i = Insecure {
            all: false,
            hosts: vec!["registry.example".into()],
        };
        assert!(i.allows("registry.example:5000"));
    }
}
