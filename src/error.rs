//! The error every command returns: one variant per module, each saying what
//! failed and why. Causes are kept as sources (`--debug` prints the chain);
//! what to do next is a separate [`Error::hint`], which the CLI prints and
//! words in its own flags.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Image(#[from] crate::image::ImageError),
    #[error(transparent)]
    Registry(#[from] crate::registry::RegistryError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Reference(#[from] crate::reference::ReferenceError),
    #[error(transparent)]
    Platform(#[from] crate::platform::PlatformError),
    #[error(transparent)]
    Format(#[from] crate::format::FormatError),
    #[error(transparent)]
    Auth(#[from] crate::registry::auth::AuthError),
    #[error(transparent)]
    Trust(#[from] crate::trust::TrustError),
    #[error(transparent)]
    Runtime(#[from] crate::runtime::RuntimeError),
    #[error(transparent)]
    Snapshot(#[from] crate::unpack::snapshot::SnapshotError),
    #[error(transparent)]
    Build(#[from] crate::builder::BuildError),
    #[error(transparent)]
    Crypt(#[from] crate::crypt::CryptError),
    #[error(transparent)]
    Kbs(#[from] crate::kbs::KbsError),
    #[error(transparent)]
    Cvm(#[from] crate::cvm::CvmError),
    #[error(transparent)]
    Compose(#[from] crate::compose::ComposeError),
    #[error(transparent)]
    Sbom(#[from] crate::sbom::SbomError),
    #[error(transparent)]
    Kube(#[from] crate::kube::KubeError),
    #[error(transparent)]
    Filter(#[from] crate::filters::FilterError),
    /// A fresh key-encryption key with nowhere to go: encrypting under it
    /// would make an image nobody can open.
    #[error("{kid}: the generated key-encryption key must be kept somewhere")]
    KekNotKept { kid: String },
    #[error("{}: invalid configuration: {source}", path.display())]
    Config {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error("cannot start the async runtime: {0}")]
    AsyncRuntime(#[source] std::io::Error),
    #[error("no such object: {0}")]
    NoSuchObject(String),
    /// A compose service that failed, with its own error (its exit code
    /// and hint are the service's).
    #[error("service {service:?}: {source}")]
    Service {
        service: String,
        #[source]
        source: Box<Error>,
    },
    #[error("{0}")]
    Usage(String),
    /// An image of the init containers conversion adds could not be
    /// pinned.
    #[error("cannot pin {image}, the image of the init containers that {}: {source}", .helper.role())]
    HelperImage {
        image: String,
        helper: HelperImage,
        #[source]
        source: Box<Error>,
    },
    #[error(transparent)]
    ComposeLoad(#[from] crate::compose::LoadError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

type Dyn = dyn std::error::Error + 'static;

/// The error a transparent wrapper holds (`#[error(transparent)]` hides it
/// from `source()`, which goes straight to the wrapped error's own cause).
fn wrapped(e: &Dyn) -> Option<&Dyn> {
    use crate::builder::BuildError;
    use crate::image::ImageError;
    use crate::runtime::RuntimeError;
    use crate::unpack::snapshot::SnapshotError;
    if let Some(e) = e.downcast_ref::<Error>() {
        return Some(match e {
            Error::Image(i) => i,
            Error::Registry(i) => i,
            Error::Store(i) => i,
            Error::Reference(i) => i,
            Error::Platform(i) => i,
            Error::Format(i) => i,
            Error::Auth(i) => i,
            Error::Trust(i) => i,
            Error::Runtime(i) => i,
            Error::Snapshot(i) => i,
            Error::Build(i) => i,
            Error::Crypt(i) => i,
            Error::Kbs(i) => i,
            Error::Cvm(i) => i,
            Error::Compose(i) => i,
            Error::ComposeLoad(i) => i,
            Error::Sbom(i) => i,
            Error::Kube(i) => i,
            // Boxed, its source would be the box, not the error it holds.
            Error::Service { source, .. } => source.as_ref(),
            _ => return None,
        });
    }
    if let Some(e) = e.downcast_ref::<ImageError>() {
        return Some(match e {
            ImageError::Reference(i) => i,
            ImageError::Platform(i) => i,
            ImageError::Registry(i) => i,
            ImageError::Store(i) => i,
            ImageError::Trust(i) => i,
            ImageError::Crypt(i) => i,
            _ => return None,
        });
    }
    if let Some(e) = e.downcast_ref::<SnapshotError>() {
        return match e {
            SnapshotError::Store(i) => Some(i),
            SnapshotError::Crypt(i) => Some(i),
            _ => None,
        };
    }
    if let Some(e) = e.downcast_ref::<RuntimeError>() {
        return match e {
            RuntimeError::Snapshot(i) => Some(i),
            _ => None,
        };
    }
    if let Some(e) = e.downcast_ref::<BuildError>() {
        return Some(match e {
            BuildError::Image(i) => i,
            BuildError::Store(i) => i,
            BuildError::Runtime(i) => i,
            BuildError::Snapshot(i) => i,
            _ => return None,
        });
    }
    if let Some(crate::trust::TrustError::Registry(i)) = e.downcast_ref() {
        return Some(i);
    }
    if let Some(crate::kbs::KbsError::Crypt(i)) = e.downcast_ref() {
        return Some(i);
    }
    if let Some(crate::compose::ComposeError::Load(i)) = e.downcast_ref() {
        return Some(i);
    }
    None
}

impl Error {
    /// The first error of type `T` this one is made of: itself, what a
    /// wrapper holds, or a cause.
    pub fn find<T: std::error::Error + 'static>(&self) -> Option<&T> {
        let mut cur: Option<&Dyn> = Some(self);
        while let Some(e) = cur {
            if let Some(t) = e.downcast_ref::<T>() {
                return Some(t);
            }
            cur = wrapped(e).or_else(|| e.source());
        }
        None
    }

    /// The exit status this error ends the process with.
    pub fn exit(&self) -> crate::Exit {
        self.find::<crate::runtime::RuntimeError>()
            .map_or(crate::Exit::Failure, |e| e.exit())
    }

    /// What to change, where a setting the user gave (or can give) is the
    /// way out: a front end words it in its own terms (a flag, a compose
    /// key). Found wherever it sits in the error.
    pub fn remedy(&self) -> Option<Remedy> {
        use crate::crypt::CryptError;
        use crate::image::ImageError;
        use crate::kbs::KbsError;
        use crate::registry::RegistryError;
        use crate::store::StoreError;
        use crate::trust::TrustError;
        if let Error::HelperImage { helper, .. } = self {
            return Some(Remedy::HelperImage(*helper));
        }
        let registry = match self.find::<RegistryError>() {
            Some(RegistryError::Unreachable {
                registry,
                plain_http_refused: true,
                ..
            }) => Some(Remedy::PlainHttp {
                registry: registry.clone(),
            }),
            Some(RegistryError::Unauthorized { registry, .. }) => Some(Remedy::Login {
                registry: registry.clone(),
            }),
            _ => None,
        };
        registry
            .or_else(|| match self.find::<KbsError>()? {
                KbsError::Unreachable { .. } => Some(Remedy::KbsUnreachable),
                KbsError::NoTee(_) => Some(Remedy::ChooseTee),
                KbsError::NoAddress => Some(Remedy::KbsAddress),
                KbsError::Policy(crate::kbs::policy::PolicyError::DeniesAll { .. }) => {
                    Some(Remedy::DenyAllOnPurpose)
                }
                _ => None,
            })
            .or_else(|| match self.find::<CryptError>()? {
                CryptError::NoKey { .. } => Some(Remedy::MatchingKey),
                CryptError::KeyMissing { .. } => Some(Remedy::DecryptionKey),
                _ => None,
            })
            .or_else(|| match self.find::<ImageError>()? {
                ImageError::NoMatchingPlatform { .. } => Some(Remedy::ChoosePlatform),
                ImageError::Incomplete { .. } => Some(Remedy::AllPlatforms),
                ImageError::NeverPulled(_) => Some(Remedy::NeverPulled),
                ImageError::NeverVerified(_) => Some(Remedy::NeverVerified),
                _ => None,
            })
            .or_else(|| match self.find::<TrustError>()? {
                TrustError::KeylessBoth { field } => Some(Remedy::KeylessBoth {
                    field: field.name(),
                }),
                TrustError::KeylessMissing { field } => Some(Remedy::KeylessMissing {
                    field: field.name(),
                }),
                TrustError::KeylessRegexp { field, .. } => Some(Remedy::KeylessRegexp {
                    field: field.name(),
                }),
                TrustError::VerifyNotAsked => Some(Remedy::VerifyNotAsked),
                TrustError::NotSigned { .. } => Some(Remedy::NotSigned),
                TrustError::KeylessUnavailable { .. } => Some(Remedy::KeylessUnavailable),
                _ => None,
            })
            .or_else(|| match self.find::<StoreError>()? {
                StoreError::Io { source, .. } if crate::store::is_full(source) => {
                    Some(Remedy::DiskFull)
                }
                StoreError::Io { .. } => Some(Remedy::DataRootWritable),
                _ => None,
            })
            .or_else(|| match self {
                Error::KekNotKept { .. } => Some(Remedy::KeepKek),
                _ => None,
            })
    }

    /// docker compose's exit code for a project it could not load: 14
    /// for a file that is not there (the compose file, an env file), 1 for
    /// a project name given badly, 15 for any other refusal of the project
    /// as written (its files, their interpolation, its model).
    pub fn compose_exit(&self) -> Option<i32> {
        use crate::compose::{LoadError, project::ProjectError};
        match self.find::<LoadError>() {
            Some(LoadError::EnvFileMissing(_) | LoadError::Project(ProjectError::NotFound(_))) => {
                Some(14)
            }
            Some(LoadError::Project(ProjectError::InvalidName(_))) => Some(1),
            Some(_) => Some(15),
            None => self.find::<crate::compose::ModelError>().map(|_| 15),
        }
    }

    /// Whether it says no container has the name or id given.
    pub fn is_no_such_container(&self) -> bool {
        matches!(
            self.find::<crate::runtime::RuntimeError>(),
            Some(crate::runtime::RuntimeError::NoSuchContainer(_))
        )
    }

    /// Whether the error is a compose service's (its settings are compose
    /// keys, not flags).
    pub fn is_service(&self) -> bool {
        matches!(self, Error::Service { .. })
    }

    /// What to do next, where the error knows.
    pub fn hint(&self) -> Option<String> {
        if let Some(e) = self.find::<crate::kbs::KbsError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::registry::RegistryError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::crypt::CryptError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::trust::TrustError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::image::ImageError>()
            && let Some(h) = e.hint()
        {
            return Some(h);
        }
        if let Some(e) = self.find::<crate::store::StoreError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::unpack::UnpackError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::cvm::CvmError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::compose::ComposeError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::sbom::SbomError>() {
            return e.hint();
        }
        if let Some(e) = self.find::<crate::compose::LoadError>() {
            return Some(e.hint().into());
        }
        if let Some(e) = self.find::<crate::kube::KubeError>() {
            return e.hint();
        }
        match self {
            Error::KekNotKept { .. } => Some(
                "register it in the KBS with its admin credentials, or write it to a file for provisioning"
                    .into(),
            ),
            Error::NoSuchObject(_) => Some("no container and no image has this name or id".into()),
            _ => None,
        }
    }
}

/// Which of the init containers' images `compose convert --kubernetes`
/// adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelperImage {
    /// Waits for a Service to answer (`service_healthy`).
    Wait,
    /// Waits for a Job to complete (`service_completed_successfully`).
    Kubectl,
}

impl HelperImage {
    fn role(self) -> &'static str {
        match self {
            HelperImage::Wait => "wait for a healthy dependency",
            HelperImage::Kubectl => "wait for a dependency to complete",
        }
    }
}

/// A way out of an error through something the user sets, named without
/// any front end's words: [`Error::remedy`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// The registry answered in plain HTTP: allow that for it.
    PlainHttp { registry: String },
    /// The registry wants credentials: log in.
    Login { registry: String },
    /// The KBS did not answer at the address given.
    KbsUnreachable,
    /// No TEE was detected: name one (sample, for development).
    ChooseTee,
    /// No KBS address anywhere.
    KbsAddress,
    /// The keys given open none of the layer's wrapped keys.
    MatchingKey,
    /// An encrypted layer and no key.
    DecryptionKey,
    /// The image has no manifest for this platform.
    ChoosePlatform,
    /// The image is stored for some platforms only.
    AllPlatforms,
    /// The pull policy forbids pulling what is missing.
    NeverPulled,
    /// The pull policy forbids the registry a verification needs.
    NeverVerified,
    /// A certificate field given both exactly and as a regular expression.
    KeylessBoth { field: &'static str },
    /// A certificate field not given either way.
    KeylessMissing { field: &'static str },
    /// A certificate field's regular expression does not compile.
    KeylessRegexp { field: &'static str },
    /// Verification keys given without asking for verification.
    VerifyNotAsked,
    /// No signature where one was required.
    NotSigned,
    /// Keyless signing or verification is not available: use a key pair.
    KeylessUnavailable,
    /// The data root's file system is full.
    DiskFull,
    /// The data root is not writable.
    DataRootWritable,
    /// A new key-encryption key would be kept nowhere.
    KeepKek,
    /// A resource policy that grants nothing: allow something, or say the
    /// lock-down is meant.
    DenyAllOnPurpose,
    /// An init container image that could not be pinned: name another.
    HelperImage(HelperImage),
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::crypt::CryptError;
    use crate::runtime::RuntimeError;
    use crate::unpack::snapshot::SnapshotError;

    pub(crate) fn missing_key() -> Error {
        let layer = crate::digest::Digest::of(b"layer");
        Error::Runtime(RuntimeError::Snapshot(SnapshotError::Crypt(
            CryptError::KeyMissing { layer },
        )))
    }

    #[test]
    fn a_compose_service_keeps_its_error_exit_code_and_hint() {
        let own = || {
            Error::Runtime(RuntimeError::CommandNotFound {
                id: "c".into(),
                why: "/x not found".into(),
            })
        };
        let e = Error::Service {
            service: "web".into(),
            source: Box::new(own()),
        };
        assert_eq!(e.exit(), crate::Exit::NotFound);
        assert_eq!(e.hint(), own().hint());
        assert!(e.find::<RuntimeError>().is_some());
        assert_eq!(e.to_string(), format!("service \"web\": {}", own()));
        let keyed = Error::Service {
            service: "db".into(),
            source: Box::new(missing_key()),
        };
        assert!(keyed.hint().is_some());
        assert_eq!(keyed.hint(), missing_key().hint());
    }

    #[test]
    fn a_cause_is_found_through_transparent_wrappers() {
        let e = missing_key();
        assert!(matches!(
            e.find::<CryptError>(),
            Some(CryptError::KeyMissing { .. })
        ));
        assert!(e.find::<crate::kbs::KbsError>().is_none());
        assert_eq!(e.hint().as_deref(), Some("give a key that opens the layer"));
        assert_eq!(e.exit(), crate::Exit::Failure);
    }

    #[test]
    fn exit_codes_come_from_the_runtime_error_wherever_it_sits() {
        let e = Error::Build(crate::builder::BuildError::Runtime(
            RuntimeError::CommandNotFound {
                id: "x".into(),
                why: "nope".into(),
            },
        ));
        assert_eq!(e.exit(), crate::Exit::NotFound);
        assert_eq!(e.exit().code(), 127);
    }

    #[test]
    fn a_registry_failure_keeps_what_lay_underneath_and_its_remedy() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused by peer");
        let e = Error::from(crate::registry::RegistryError::Unauthorized {
            registry: "r.example".into(),
            user: String::new(),
            why: crate::registry::Cause::Error(Box::new(io)),
        });
        // The cause is a source, two levels down, not only words.
        let mut chain = Vec::new();
        let mut cur = std::error::Error::source(&e);
        while let Some(c) = cur {
            chain.push(c.to_string());
            cur = c.source();
        }
        assert!(chain.iter().any(|c| c == "refused by peer"), "{chain:?}");
        assert_eq!(
            e.remedy(),
            Some(Remedy::Login {
                registry: "r.example".into()
            })
        );
        // Inside a compose service the same remedy is found, and the
        // service is known to be one (its words are compose keys).
        let s = Error::Service {
            service: "web".into(),
            source: Box::new(e),
        };
        assert!(s.is_service());
        assert!(matches!(s.remedy(), Some(Remedy::Login { .. })));
    }
}
