//! Which files make a project, its directory and its name, by compose-go's
//! rules: `-f` files in order, else `COMPOSE_FILE`, else the first of the
//! standard names in the working directory or its nearest parent that has
//! one (with its override file); the directory is `--project-directory`,
//! else the first file's; the name is `-p`, else `COMPOSE_PROJECT_NAME`,
//! else the files' `name:`, else the directory's base name, normalised.

use std::path::{Path, PathBuf};

const NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];
const OVERRIDES: [&str; 4] = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProjectError {
    #[error(
        "no configuration file provided: not found (looked for {} in {} and its parents)",
        NAMES.join(", "),
        .0.display()
    )]
    NotFound(PathBuf),
    #[error(
        "invalid project name {0:?}: must consist only of lowercase alphanumeric characters, hyphens, and underscores as well as start with a letter or number"
    )]
    InvalidName(String),
}

/// The compose files, in order, and whether they were found by searching
/// (only then is the override file added, and several candidates warned of).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Files {
    pub files: Vec<PathBuf>,
    /// Other standard names present beside the one chosen (compose warns).
    pub ignored: Vec<PathBuf>,
}

/// The files of a project: `explicit` (`-f`, in order; `-` is standard
/// input), else `compose_file` (`COMPOSE_FILE`, split on `separator`), else
/// found from `cwd` upwards.
pub fn files(
    cwd: &Path,
    explicit: &[PathBuf],
    compose_file: Option<&str>,
    separator: Option<&str>,
) -> Result<Files, ProjectError> {
    let absolute = |p: &Path| {
        if p == Path::new("-") || p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        }
    };
    if !explicit.is_empty() {
        return Ok(Files {
            files: explicit.iter().map(|p| absolute(p)).collect(),
            ignored: Vec::new(),
        });
    }
    if let Some(list) = compose_file.filter(|l| !l.is_empty()) {
        let sep = separator.filter(|s| !s.is_empty()).unwrap_or(":");
        return Ok(Files {
            files: list
                .split(sep)
                .filter(|p| !p.is_empty())
                .map(|p| absolute(Path::new(p)))
                .collect(),
            ignored: Vec::new(),
        });
    }
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        let present: Vec<PathBuf> = NAMES
            .iter()
            .map(|n| d.join(n))
            .filter(|p| p.is_file())
            .collect();
        if let Some((first, rest)) = present.split_first() {
            let mut files = vec![first.clone()];
            if let Some(o) = OVERRIDES.iter().map(|n| d.join(n)).find(|p| p.is_file()) {
                files.push(o);
            }
            return Ok(Files {
                files,
                ignored: rest.to_vec(),
            });
        }
        dir = d.parent();
    }
    Err(ProjectError::NotFound(cwd.to_path_buf()))
}

/// The project directory: the one asked for, else the first file's
/// (the working directory for standard input).
pub fn directory(asked: Option<&Path>, files: &[PathBuf], cwd: &Path) -> PathBuf {
    if let Some(d) = asked {
        return if d.is_absolute() {
            d.to_path_buf()
        } else {
            cwd.join(d)
        };
    }
    files
        .first()
        .filter(|f| f.as_path() != Path::new("-"))
        .and_then(|f| f.parent())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.to_path_buf())
}

/// compose's normalisation of a name: lowercase, only `[a-z0-9_-]` kept,
/// leading `_` and `-` dropped.
pub fn normalize(name: &str) -> String {
    let kept: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_string()
}

/// The project name: `flag` (`-p`), else `env` (`COMPOSE_PROJECT_NAME`,
/// from the environment or `.env`), both of which must be normalised
/// already; else `from_files` (the last `name:`) or the directory's base
/// name, which are normalised.
pub fn name(
    flag: Option<&str>,
    env: Option<&str>,
    from_files: Option<&str>,
    dir: &Path,
) -> Result<String, ProjectError> {
    if let Some(p) = flag.or(env.filter(|e| !e.is_empty())) {
        if p.is_empty() || normalize(p) != p {
            return Err(ProjectError::InvalidName(p.to_string()));
        }
        return Ok(p.to_string());
    }
    if let Some(given) = from_files.filter(|n| !n.is_empty()) {
        let n = normalize(given);
        if n.is_empty() {
            return Err(ProjectError::InvalidName(given.to_string()));
        }
        return Ok(n);
    }
    let base = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = normalize(&base);
    if n.is_empty() {
        return Err(ProjectError::InvalidName(base));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised_and_a_flag_must_already_be() {
        assert_eq!(normalize("My.App_1"), "myapp_1");
        assert_eq!(normalize("__-x"), "x");
        let dir = Path::new("/srv/Web.Site");
        assert_eq!(name(None, None, None, dir).unwrap(), "website");
        assert_eq!(
            name(None, Some("from-env"), Some("file"), dir).unwrap(),
            "from-env"
        );
        assert!(name(None, Some("From-Env"), None, dir).is_err());
        assert_eq!(name(None, None, Some("My.File"), dir).unwrap(), "myfile");
        assert_eq!(name(Some("ok-1"), Some("env"), None, dir).unwrap(), "ok-1");
        assert!(name(Some("Bad"), None, None, dir).is_err());
        assert!(name(Some("-x"), None, None, dir).is_err());
    }

    #[test]
    fn files_are_found_upwards_with_their_override() {
        let t = tempfile::tempdir().unwrap();
        let top = t.path();
        std::fs::write(top.join("compose.yaml"), "").unwrap();
        std::fs::write(top.join("docker-compose.yml"), "").unwrap();
        std::fs::write(top.join("compose.override.yaml"), "").unwrap();
        let sub = top.join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        let f = files(&sub, &[], None, None).unwrap();
        assert_eq!(
            f.files,
            [top.join("compose.yaml"), top.join("compose.override.yaml")]
        );
        assert_eq!(f.ignored, [top.join("docker-compose.yml")]);
        assert_eq!(directory(None, &f.files, &sub), top);
        let listed = files(&sub, &[], Some("x.yml;y.yml"), Some(";")).unwrap();
        assert_eq!(listed.files, [sub.join("x.yml"), sub.join("y.yml")]);
        let given = files(&sub, &[PathBuf::from("-")], Some("x.yml"), None).unwrap();
        assert_eq!(given.files, [PathBuf::from("-")]);
        assert_eq!(directory(None, &given.files, &sub), sub);
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(
            files(empty.path(), &[], None, None),
            Err(ProjectError::NotFound(_))
        ));
    }
}
