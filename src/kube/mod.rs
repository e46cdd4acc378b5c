//! Kubernetes manifests: a compose project converted to them (`convert`),
//! and the supported subset of them turned back into a compose project to
//! run on this machine (`play`). The objects are `k8s-openapi`'s typed
//! ones, for Kubernetes 1.37; YAML is written and read through serde.

pub mod convert;
pub mod play;

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{
    ConfigMap, PersistentVolumeClaim, Pod, Secret, Service, ServiceAccount,
};
use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

pub use convert::{ConvertOptions, Converted, convert};

/// Why manifests cannot be made or read.
#[derive(Debug, thiserror::Error)]
pub enum KubeError {
    #[error("services.{service}: {why}")]
    Service { service: String, why: String },
    #[error("{what}: {why}")]
    Manifest { what: String, why: String },
    #[error("{what}: {source}")]
    Yaml {
        what: String,
        #[source]
        source: yaml_serde::Error,
    },
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl KubeError {
    pub fn hint(&self) -> Option<String> {
        match self {
            KubeError::Manifest { .. } | KubeError::Yaml { .. } => Some(
                "kube play runs Pods, Deployments, Jobs, Services, ConfigMaps, Secrets and PersistentVolumeClaims (apiVersion v1, apps/v1, batch/v1)".into(),
            ),
            _ => None,
        }
    }
}

/// One object of a manifest (a manifest has few: their sizes do not matter).
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Object {
    ServiceAccount(ServiceAccount),
    Role(Role),
    RoleBinding(RoleBinding),
    ConfigMap(ConfigMap),
    Secret(Secret),
    PersistentVolumeClaim(PersistentVolumeClaim),
    Service(Service),
    Deployment(Deployment),
    Job(Job),
    Pod(Pod),
}

impl Object {
    pub fn kind(&self) -> &'static str {
        match self {
            Object::ServiceAccount(_) => "ServiceAccount",
            Object::Role(_) => "Role",
            Object::RoleBinding(_) => "RoleBinding",
            Object::ConfigMap(_) => "ConfigMap",
            Object::Secret(_) => "Secret",
            Object::PersistentVolumeClaim(_) => "PersistentVolumeClaim",
            Object::Service(_) => "Service",
            Object::Deployment(_) => "Deployment",
            Object::Job(_) => "Job",
            Object::Pod(_) => "Pod",
        }
    }

    pub fn metadata(&self) -> &ObjectMeta {
        match self {
            Object::ServiceAccount(o) => &o.metadata,
            Object::Role(o) => &o.metadata,
            Object::RoleBinding(o) => &o.metadata,
            Object::ConfigMap(o) => &o.metadata,
            Object::Secret(o) => &o.metadata,
            Object::PersistentVolumeClaim(o) => &o.metadata,
            Object::Service(o) => &o.metadata,
            Object::Deployment(o) => &o.metadata,
            Object::Job(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
        }
    }

    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or("")
    }

    /// The object as one YAML document.
    pub fn to_yaml(&self) -> String {
        let r = match self {
            Object::ServiceAccount(o) => crate::compose::yaml::to_string(o),
            Object::Role(o) => crate::compose::yaml::to_string(o),
            Object::RoleBinding(o) => crate::compose::yaml::to_string(o),
            Object::ConfigMap(o) => crate::compose::yaml::to_string(o),
            Object::Secret(o) => crate::compose::yaml::to_string(o),
            Object::PersistentVolumeClaim(o) => crate::compose::yaml::to_string(o),
            Object::Service(o) => crate::compose::yaml::to_string(o),
            Object::Deployment(o) => crate::compose::yaml::to_string(o),
            Object::Job(o) => crate::compose::yaml::to_string(o),
            Object::Pod(o) => crate::compose::yaml::to_string(o),
        };
        r.expect("Kubernetes objects serialise")
    }

    /// A file name for the object (kompose's: `NAME-KIND.yaml`).
    pub fn file_name(&self) -> String {
        format!("{}-{}.yaml", self.name(), self.kind().to_ascii_lowercase())
    }
}

/// Objects as one multi-document YAML stream.
pub fn to_yaml(objects: &[Object]) -> String {
    objects
        .iter()
        .map(Object::to_yaml)
        .collect::<Vec<_>>()
        .join("---\n")
}

/// What a manifest holds: the objects it runs, and the kinds it has that
/// `play` leaves out (named once each).
#[derive(Debug, Default)]
pub struct Parsed {
    pub objects: Vec<Object>,
    pub skipped: Vec<String>,
}

/// Reads a multi-document YAML manifest (`what` names it in errors).
pub fn parse(text: &str, what: &str) -> Result<Parsed, KubeError> {
    crate::compose::yaml::check_nesting(text).map_err(|e| KubeError::Manifest {
        what: what.to_string(),
        why: e.to_string(),
    })?;
    let mut out = Parsed::default();
    for (i, doc) in yaml_serde::Deserializer::from_str(text).enumerate() {
        let at = format!("{what}: document {}", i + 1);
        let value = serde::Deserialize::deserialize(doc).map_err(|source| KubeError::Yaml {
            what: at.clone(),
            source,
        })?;
        let value: yaml_serde::Value = value;
        if value.is_null() {
            continue;
        }
        let kind = value
            .get("kind")
            .and_then(yaml_serde::Value::as_str)
            .unwrap_or("")
            .to_string();
        let api = value
            .get("apiVersion")
            .and_then(yaml_serde::Value::as_str)
            .unwrap_or("")
            .to_string();
        if kind == "List" {
            return Err(KubeError::Manifest {
                what: at,
                why: "a List: give its items as documents of their own".into(),
            });
        }
        fn typed<T: serde::de::DeserializeOwned>(
            v: yaml_serde::Value,
            at: &str,
        ) -> Result<T, KubeError> {
            yaml_serde::from_value(v).map_err(|source| KubeError::Yaml {
                what: at.to_string(),
                source,
            })
        }
        let object = match (api.as_str(), kind.as_str()) {
            ("v1", "Pod") => Object::Pod(typed(value, &at)?),
            ("apps/v1", "Deployment") => Object::Deployment(typed(value, &at)?),
            ("batch/v1", "Job") => Object::Job(typed(value, &at)?),
            ("v1", "Service") => Object::Service(typed(value, &at)?),
            ("v1", "ConfigMap") => Object::ConfigMap(typed(value, &at)?),
            ("v1", "Secret") => Object::Secret(typed(value, &at)?),
            ("v1", "PersistentVolumeClaim") => Object::PersistentVolumeClaim(typed(value, &at)?),
            ("v1", "ServiceAccount") => Object::ServiceAccount(typed(value, &at)?),
            ("rbac.authorization.k8s.io/v1", "Role") => Object::Role(typed(value, &at)?),
            ("rbac.authorization.k8s.io/v1", "RoleBinding") => {
                Object::RoleBinding(typed(value, &at)?)
            }
            ("", _) | (_, "") => {
                return Err(KubeError::Manifest {
                    what: at,
                    why: "not a Kubernetes object (no apiVersion or kind)".into(),
                });
            }
            _ => {
                let k = format!("{api} {kind}");
                if !out.skipped.contains(&k) {
                    out.skipped.push(k);
                }
                continue;
            }
        };
        out.objects.push(object);
    }
    Ok(out)
}

/// A name Kubernetes takes for an object (RFC 1123 label: lower-case
/// letters, digits and `-`, at most 63 characters, a letter or digit at
/// either end): compose names with `_` or `.` have them as `-`.
pub fn object_name(name: &str) -> String {
    let mut s: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.truncate(63);
    s.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_kubernetes_names() {
        assert_eq!(object_name("web"), "web");
        assert_eq!(object_name("My_App.v2"), "my-app-v2");
        assert_eq!(object_name("_x_"), "x");
        assert_eq!(object_name(&"a".repeat(80)).len(), 63);
    }

    #[test]
    fn manifests_parse_by_kind_and_say_what_they_leave_out() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\n---\n";
        let p = parse(text, "f.yaml").unwrap();
        assert_eq!(p.objects.len(), 1);
        assert_eq!(p.objects[0].kind(), "Pod");
        assert_eq!(p.objects[0].name(), "p");
        assert_eq!(p.skipped, ["apps/v1 StatefulSet"]);
        assert!(parse("kind: Pod\n", "f").is_err(), "no apiVersion");
        let e = parse("apiVersion: v1\nkind: Pod\nspec: 3\n", "f").unwrap_err();
        assert!(e.to_string().contains("document 1"), "{e}");
        // What is written reads back as the same objects.
        let again = parse(&to_yaml(&p.objects), "again").unwrap();
        assert_eq!(again.objects, p.objects);
    }
}
