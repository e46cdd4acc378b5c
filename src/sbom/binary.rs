//! Well-known binaries recognised by their bytes: each classifier names the
//! files it looks at (a glob) and how the version shows in them. The
//! patterns are the facts syft's binary classifier uses, so both tools find
//! the same binaries with the same versions; a subset of syft's list (the
//! runtimes, shells, servers and tools most images carry; see `CLASSIFIERS`).
//!
//! Patterns run over raw bytes with ASCII classes (`(?-u)`), as Go's regexp
//! runs over a binary read as a string. The first match with a non-empty
//! named group decides; the same package found twice (a symlink and its
//! target, two classifiers) is one package with both locations.

use std::collections::HashMap;

use regex::bytes::Regex;
use serde_json::json;

use super::tree::{Kind, Tree};
use super::{Finder, Location, Package, PkgType};

pub const CATALOGER: &str = "binary-classifier-cataloger";
/// Binaries are read whole to be matched; none larger is looked at.
const BINARY_LIMIT: u64 = 1 << 30;

enum Matcher {
    /// A pattern with a `version` group (or `major`, `minor`, `patch`).
    Contents(&'static str),
    /// The first of these that matches.
    First(Vec<Matcher>),
    /// `inner`, unless any of the patterns is in the file.
    Excluding(Box<Matcher>, &'static [&'static str]),
    /// A version taken from the file's (resolved) name, then looked for in
    /// its content: `template`'s `{{ .version }}` replaced by it.
    NameTemplate {
        name: &'static str,
        template: &'static str,
    },
    /// The shared libraries the ELF file needs whose names match, each
    /// found anywhere in the tree and matched with `then`.
    SharedLib {
        name: &'static str,
        then: Box<Matcher>,
    },
}

struct Classifier {
    class: &'static str,
    glob: &'static str,
    package: &'static str,
    /// PURL type and namespace/name, the version appended.
    purl: &'static str,
    cpes: &'static [&'static str],
    matcher: Matcher,
}

use Matcher::*;

const PYTHON_TEMPLATE: &str = r"(?m)\x00(?P<version>{{ .version }}[-._a-zA-Z0-9]*)\x00";
const LIBPYTHON_NAME: &str = r"(?:.*/|^)libpython(?P<version>[0-9]+(?:\.[0-9]+)+)[a-z]?\.so.*$";
const RUBY: &str = r"(?m)ruby (?P<version>[0-9]+\.[0-9]+\.[0-9]+((p|preview|rc|dev)[0-9]*)?) ";

fn libpython() -> Matcher {
    NameTemplate {
        name: LIBPYTHON_NAME,
        template: PYTHON_TEMPLATE,
    }
}

fn classifiers() -> Vec<Classifier> {
    vec![
        Classifier {
            class: "python-binary",
            glob: "**/python*",
            package: "python",
            purl: "pkg:generic/python",
            cpes: &[
                "cpe:2.3:a:python_software_foundation:python",
                "cpe:2.3:a:python:python",
            ],
            matcher: First(vec![
                SharedLib {
                    name: r"^libpython[0-9]+(?:\.[0-9]+)+[a-z]?\.so.*$",
                    then: Box::new(libpython()),
                },
                NameTemplate {
                    name: r"(?:.*/|^)python(?P<version>[0-9]+(?:\.[0-9]+)+)$",
                    template: PYTHON_TEMPLATE,
                },
            ]),
        },
        Classifier {
            class: "python-binary-lib",
            glob: "**/libpython*.so*",
            package: "python",
            purl: "pkg:generic/python",
            cpes: &[
                "cpe:2.3:a:python_software_foundation:python",
                "cpe:2.3:a:python:python",
            ],
            matcher: libpython(),
        },
        Classifier {
            class: "go-binary",
            glob: "**/go",
            package: "go",
            purl: "pkg:generic/go",
            cpes: &["cpe:2.3:a:golang:go"],
            matcher: Contents(
                r"(?m)go(?P<version>[0-9]+\.[0-9]+(\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?)\x00",
            ),
        },
        Classifier {
            class: "helm",
            glob: "**/helm",
            package: "helm",
            purl: "pkg:golang/helm.sh/helm",
            cpes: &["cpe:2.3:a:helm:helm"],
            matcher: Contents(r"(?m)\x00v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)\x00"),
        },
        Classifier {
            class: "redis-binary",
            glob: "**/redis-server",
            package: "redis",
            purl: "pkg:generic/redis",
            cpes: &["cpe:2.3:a:redislabs:redis", "cpe:2.3:a:redis:redis"],
            matcher: First(vec![
                Contents(r"(?s)payload %5.*?(?P<version>\d.\d\.\d\d*)[a-z0-9]{12,15}-[0-9]{19}"),
                Contents(
                    r"(?s)\x00(?P<version>\d.\d\.\d\d*)[a-z0-9]{12,15}-[0-9]{19}\x00.*?payload %5",
                ),
            ]),
        },
        Classifier {
            class: "java-binary-openjdk",
            glob: "**/java",
            package: "java/jre",
            purl: "pkg:generic/java/jre",
            cpes: &["cpe:2.3:a:oracle:openjdk"],
            matcher: Excluding(
                Box::new(First(vec![
                    Contents(
                        r"(?m)\x00openjdk\x00java\x00(?P<release>[0-9]+[.0-9]*)\x00(?P<version>[0-9]+[^\x00]+)\x00",
                    ),
                    Contents(
                        r"(?m)\x00(?P<release>[0-9]+[.0-9]*)\x00+(?P<version>[0-9]+[^\x00]+)\x00+openjdk\x00java",
                    ),
                ])),
                &["-jvmci-"],
            ),
        },
        Classifier {
            class: "nodejs-binary",
            glob: "**/node",
            package: "node",
            purl: "pkg:generic/node",
            cpes: &["cpe:2.3:a:nodejs:node.js"],
            matcher: First(vec![
                Contents(r"(?m)\x00(node )?v(?P<version>(0|4|5|6)\.[0-9]+\.[0-9]+)\x00"),
                Contents(r"(?m)node\.js/v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
            ]),
        },
        Classifier {
            class: "go-binary-hint",
            glob: "**/VERSION",
            package: "go",
            purl: "pkg:generic/go",
            cpes: &["cpe:2.3:a:golang:go"],
            matcher: Contents(
                r"(?m)go(?P<version>[0-9]+\.[0-9]+(\.[0-9]+|beta[0-9]+|alpha[0-9]+|rc[0-9]+)?)",
            ),
        },
        Classifier {
            class: "busybox-binary",
            glob: "**/busybox",
            package: "busybox",
            purl: "pkg:generic/busybox",
            cpes: &["cpe:2.3:a:busybox:busybox"],
            matcher: Contents(r"(?m)BusyBox\s+v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
        },
        Classifier {
            class: "util-linux-binary",
            glob: "**/getopt",
            package: "util-linux",
            purl: "pkg:generic/util-linux",
            cpes: &["cpe:2.3:a:kernel:util-linux"],
            matcher: Contents(r"\x00util-linux\s(?P<version>[0-9]+\.[0-9]+\.[0-9]+)\x00"),
        },
        Classifier {
            class: "haproxy-binary",
            glob: "**/haproxy",
            package: "haproxy",
            purl: "pkg:generic/haproxy",
            cpes: &["cpe:2.3:a:haproxy:haproxy"],
            matcher: First(vec![
                Contents(
                    r"(?m)version (?P<version>[0-9]+\.[0-9]+(\.|-dev|-rc)[0-9]+)(-[a-z0-9]{7})?, released 20",
                ),
                Contents(r"(?m)HA-Proxy version (?P<version>[0-9]+\.[0-9]+(\.|-dev)[0-9]+)"),
                Contents(
                    r"(?m)(?P<version>[0-9]+\.[0-9]+(\.|-dev)[0-9]+)-[0-9a-zA-Z]{7}.+HAProxy version",
                ),
            ]),
        },
        Classifier {
            class: "perl-binary",
            glob: "**/perl",
            package: "perl",
            purl: "pkg:generic/perl",
            cpes: &["cpe:2.3:a:perl:perl"],
            matcher: Contents(r"(?m)/usr/local/lib/perl\d/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
        },
        Classifier {
            class: "httpd-binary",
            glob: "**/httpd",
            package: "httpd",
            purl: "pkg:generic/httpd",
            cpes: &["cpe:2.3:a:apache:http_server"],
            matcher: Contents(r"(?m)Apache/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
        },
        Classifier {
            class: "memcached-binary",
            glob: "**/memcached",
            package: "memcached",
            purl: "pkg:generic/memcached",
            cpes: &["cpe:2.3:a:memcached:memcached"],
            matcher: Contents(r"(?m)memcached\s(?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
        },
        Classifier {
            class: "traefik-binary",
            glob: "**/traefik",
            package: "traefik",
            purl: "pkg:generic/traefik",
            cpes: &["cpe:2.3:a:traefik:traefik"],
            matcher: Contents(
                r"(?m)(\x00)?v?(?P<version>[0-9]+\.[0-9]+\.[0-9]+(-alpha[0-9]|-beta[0-9]|-rc[0-9])?)\x00",
            ),
        },
        Classifier {
            class: "postgresql-binary",
            glob: "**/postgres",
            package: "postgresql",
            purl: "pkg:generic/postgresql",
            cpes: &["cpe:2.3:a:postgresql:postgresql"],
            matcher: Contents(
                r"(?m)(\x00|\?)PostgreSQL (?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)?(alpha[0-9]|beta[0-9]|rc[0-9])?)",
            ),
        },
        Classifier {
            class: "rust-standard-library-linux",
            glob: "**/libstd-????????????????.so",
            package: "rust",
            purl: "pkg:generic/rust",
            cpes: &["cpe:2.3:a:rust-lang:rust"],
            matcher: Contents(
                r"(?m)(\x00)clang LLVM \(rustc version (?P<version>[0-9]+(\.[0-9]+)?(\.[0-9]+)) \(\w+ \d{4}\-\d{2}\-\d{2}\)",
            ),
        },
        Classifier {
            class: "ruby-binary",
            glob: "**/ruby",
            package: "ruby",
            purl: "pkg:generic/ruby",
            cpes: &["cpe:2.3:a:ruby-lang:ruby"],
            matcher: First(vec![
                Contents(RUBY),
                SharedLib {
                    name: r"^libruby\.so.*$",
                    then: Box::new(Contents(RUBY)),
                },
            ]),
        },
        Classifier {
            class: "consul-binary",
            glob: "**/consul",
            package: "consul",
            purl: "pkg:golang/github.com/hashicorp/consul",
            cpes: &["cpe:2.3:a:hashicorp:consul"],
            matcher: Contents(r"CONSUL_VERSION: (?P<version>\d+\.\d+\.\d+)"),
        },
        Classifier {
            class: "nginx-binary",
            glob: "**/nginx",
            package: "nginx",
            purl: "pkg:generic/nginx",
            cpes: &["cpe:2.3:a:f5:nginx", "cpe:2.3:a:nginx:nginx"],
            matcher: Contents(
                r"(?m)(\x00|\?)nginx version: [^/]+/(?P<version>[0-9]+\.[0-9]+\.[0-9]+(?:\+\d+)?(?:-\d+)?)",
            ),
        },
        Classifier {
            class: "bash-binary",
            glob: "**/bash",
            package: "bash",
            purl: "pkg:generic/bash",
            cpes: &["cpe:2.3:a:gnu:bash"],
            matcher: Contents(
                r"(?m)@\(#\)Bash version (?P<version>[0-9]+\.[0-9]+\.[0-9]+)\([0-9]\) [a-z0-9]+ GNU",
            ),
        },
        Classifier {
            class: "openssl-binary",
            glob: "**/openssl",
            package: "openssl",
            purl: "pkg:generic/openssl",
            cpes: &["cpe:2.3:a:openssl:openssl"],
            matcher: Contents(
                r"\x00OpenSSL (?P<version>[0-9]+\.[0-9]+\.[0-9]+([a-z]|-alpha[0-9]|-beta[0-9]|-rc[0-9])?)",
            ),
        },
        Classifier {
            class: "gcc-binary",
            glob: "**/gcc",
            package: "gcc",
            purl: "pkg:generic/gcc",
            cpes: &["cpe:2.3:a:gnu:gcc"],
            matcher: Contents(r"GCC: \(GNU\) (?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
        },
        Classifier {
            class: "curl-binary",
            glob: "**/curl",
            package: "curl",
            purl: "pkg:generic/curl",
            cpes: &["cpe:2.3:a:haxx:curl"],
            matcher: Contents(r"curl/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)"),
        },
        Classifier {
            class: "lighttpd-binary",
            glob: "**/lighttpd",
            package: "lighttpd",
            purl: "pkg:generic/lighttpd",
            cpes: &["cpe:2.3:a:lighttpd:lighttpd"],
            matcher: Contents(r"\x00lighttpd/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)\x00"),
        },
        Classifier {
            class: "zstd-binary",
            glob: "**/zstd",
            package: "zstd",
            purl: "pkg:generic/zstd",
            cpes: &["cpe:2.3:a:facebook:zstandard"],
            matcher: Contents(r"\x00v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)\x00"),
        },
        Classifier {
            class: "xz-binary",
            glob: "**/xz",
            package: "xz",
            purl: "pkg:generic/xz",
            cpes: &["cpe:2.3:a:tukaani:xz"],
            matcher: Contents(r"\x00xz \(XZ Utils\) (?P<version>[0-9]+\.[0-9]+\.[0-9]+)\x00"),
        },
        Classifier {
            class: "gzip-binary",
            glob: "**/gzip",
            package: "gzip",
            purl: "pkg:generic/gzip",
            cpes: &["cpe:2.3:a:gnu:gzip"],
            matcher: Contents(r"\x00(?P<version>[0-9]+\.[0-9]+)\x00"),
        },
        Classifier {
            class: "jq-binary",
            glob: "**/jq",
            package: "jq",
            purl: "pkg:generic/jq",
            cpes: &["cpe:2.3:a:jqlang:jq"],
            matcher: Contents(r"\x00(?P<version>[0-9]{1,3}\.[0-9]{1,3}(\.[0-9]+)?)\x00"),
        },
    ]
}

pub fn globs() -> Vec<&'static str> {
    classifiers().iter().map(|c| c.glob).collect()
}

/// Compiled patterns, each once per run.
#[derive(Default)]
struct Patterns(std::sync::Mutex<HashMap<String, Option<Regex>>>);

impl Patterns {
    fn get(&self, pattern: &str) -> Option<Regex> {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.entry(pattern.to_string())
            .or_insert_with(|| Regex::new(&format!("(?-u){pattern}")).ok())
            .clone()
    }
}

struct Ctx<'a> {
    tree: &'a Tree,
    patterns: Patterns,
    /// Every file by its name, for shared library lookups.
    by_name: HashMap<&'a str, Vec<&'a str>>,
}

/// A classifier's hit: its version and the files that showed it.
struct Hit {
    version: String,
    update: String,
    locations: Vec<Location>,
}

pub fn catalog(tree: &Tree, found: &Finder) -> Vec<Package> {
    let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for (path, node) in tree.paths() {
        if matches!(node.kind, Kind::File | Kind::Symlink(_)) {
            let name = path.rsplit('/').next().unwrap_or(path);
            by_name.entry(name).or_default().push(path);
        }
    }
    let cx = Ctx {
        tree,
        patterns: Patterns::default(),
        by_name,
    };
    let mut out: Vec<Package> = Vec::new();
    for c in classifiers() {
        for loc in found.matches(c.glob) {
            let Some(hit) = run(&cx, &c.matcher, loc) else {
                continue;
            };
            let p = package(&c, hit);
            match out
                .iter_mut()
                .find(|q| q.name == p.name && q.version == p.version)
            {
                Some(q) => {
                    for l in p.locations {
                        if !q.locations.contains(&l) {
                            q.locations.push(l);
                        }
                    }
                }
                None => out.push(p),
            }
        }
    }
    out
}

fn package(c: &Classifier, hit: Hit) -> Package {
    let purl = if hit.version.is_empty() {
        c.purl.to_string()
    } else {
        format!("{}@{}", c.purl, super::purl::escape(&hit.version))
    };
    let cpes = c
        .cpes
        .iter()
        .map(|base| {
            let update = if hit.update.is_empty() {
                "*"
            } else {
                &hit.update
            };
            format!("{base}:{}:{update}:*:*:*:*:*:*", hit.version)
        })
        .collect();
    Package {
        name: c.package.to_string(),
        version: hit.version,
        kind: PkgType::Binary,
        found_by: CATALOGER,
        locations: hit.locations,
        licenses: Vec::new(),
        language: "",
        cpes,
        purl,
        owned: Vec::new(),
        metadata_type: "binary-signature",
        metadata: json!({"matches": [{"classifier": c.class}]}),
    }
}

fn run(cx: &Ctx, m: &Matcher, loc: &Location) -> Option<Hit> {
    match m {
        Contents(pattern) => {
            let re = cx.patterns.get(pattern)?;
            let data = cx.tree.read(&loc.path, BINARY_LIMIT).ok()?;
            let groups = named_groups(&re, &data)?;
            let version = match groups.get("version") {
                Some(v) => v.clone(),
                None => {
                    let n = |k: &str| groups.get(k)?.parse::<u64>().ok();
                    format!("{}.{}.{}", n("major")?, n("minor")?, n("patch")?)
                }
            };
            Some(Hit {
                version,
                update: groups.get("update").cloned().unwrap_or_default(),
                locations: vec![loc.clone()],
            })
        }
        First(ms) => ms.iter().find_map(|m| run(cx, m, loc)),
        Excluding(inner, patterns) => {
            let data = cx.tree.read(&loc.path, BINARY_LIMIT).ok()?;
            for p in *patterns {
                if cx.patterns.get(p)?.is_match(&data) {
                    return None;
                }
            }
            run(cx, inner, loc)
        }
        NameTemplate { name, template } => {
            let name_re = regex::Regex::new(name).ok()?;
            let caps = name_re.captures(&loc.path)?;
            let version = caps.name("version").map_or("", |m| m.as_str());
            let pattern = template.replace("{{ .version }}", &version.replace('.', "\\."));
            let re = cx.patterns.get(&pattern)?;
            let data = cx.tree.read(&loc.path, BINARY_LIMIT).ok()?;
            let groups = named_groups(&re, &data).unwrap_or_default();
            Some(Hit {
                version: groups.get("version")?.clone(),
                update: String::new(),
                locations: vec![loc.clone()],
            })
        }
        SharedLib { name, then } => {
            let re = regex::Regex::new(name).ok()?;
            let head = cx.tree.read(&loc.path, BINARY_LIMIT).ok()?;
            for lib in super::elf::needed_libraries(&head) {
                if !re.is_match(&lib) {
                    continue;
                }
                for path in cx.by_name.get(lib.as_str()).into_iter().flatten() {
                    let Some(lib_loc) = Location::at(cx.tree, path) else {
                        continue;
                    };
                    if let Some(mut hit) = run(cx, then, &lib_loc) {
                        hit.locations.insert(0, loc.clone());
                        return Some(hit);
                    }
                }
            }
            None
        }
    }
}

/// The named groups of the first match in which any is non-empty (as
/// syft reads matches); groups that did not take part are absent.
fn named_groups(re: &Regex, data: &[u8]) -> Option<HashMap<String, String>> {
    for caps in re.captures_iter(data) {
        let mut m = HashMap::new();
        for name in re.capture_names().flatten() {
            let v = caps
                .name(name)
                .map(|g| String::from_utf8_lossy(g.as_bytes()).into_owned())
                .unwrap_or_default();
            m.insert(name.to_string(), v);
        }
        if m.values().any(|v| !v.is_empty()) {
            return Some(m);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let p = Patterns::default();
        fn walk(p: &Patterns, m: &Matcher) {
            match m {
                Contents(s) => assert!(p.get(s).is_some(), "{s}"),
                First(v) => v.iter().for_each(|m| walk(p, m)),
                Excluding(m, ex) => {
                    walk(p, m);
                    ex.iter().for_each(|s| assert!(p.get(s).is_some()));
                }
                NameTemplate { name, template } => {
                    assert!(regex::Regex::new(name).is_ok());
                    assert!(
                        p.get(&template.replace("{{ .version }}", "3\\.11"))
                            .is_some()
                    );
                }
                SharedLib { name, then } => {
                    assert!(regex::Regex::new(name).is_ok());
                    walk(p, then);
                }
            }
        }
        for c in classifiers() {
            walk(&p, &c.matcher);
            assert!(globset::Glob::new(c.glob).is_ok());
        }
    }

    #[test]
    fn first_match_with_a_value_decides() {
        let re = Regex::new(r"(?-u)\x00(?P<version>[0-9]+\.[0-9]+)\x00").unwrap();
        let g = named_groups(&re, b"xx\x001.0\x00yy\x002.0\x00").unwrap();
        assert_eq!(g["version"], "1.0");
        let busybox =
            Regex::new(r"(?-u)(?m)BusyBox\s+v(?P<version>[0-9]+\.[0-9]+\.[0-9]+)").unwrap();
        let g = named_groups(&busybox, b"\xff\xfeBusyBox v1.35.0 (Debian)").unwrap();
        assert_eq!(g["version"], "1.35.0");
    }
}
