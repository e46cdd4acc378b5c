//! The layering README.md states (the table in its Development section) is
//! the layering the code has: every `crate::MODULE` a module of `src/` names
//! must be one the table allows it, and every module must be in the table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The table: module → the modules it may import.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let start = readme
        .find("The allowed imports, checked by `tests/layering.rs`")
        .expect("README states the allowed imports");
    let block = &readme[start..];
    let open = block.find("```text").expect("a text block") + "```text".len();
    let close = open + block[open..].find("```").expect("the block ends");
    block[open..close]
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let m = words.next()?;
            Some((m.to_string(), words.map(str::to_string).collect()))
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules a file names as `crate::name` (in `use` lines and
/// paths alike), leaving out its unit tests and comments.
fn named_modules(text: &str) -> BTreeSet<String> {
    let tests = text.match_indices("#[cfg(test)]\n").find(|(i, m)| {
        let next = text[i + m.len()..].lines().next().unwrap_or("");
        next.trim_start_matches("pub(crate) ")
            .starts_with("mod tests")
    });
    let code = match tests {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // use crate::{a::X, b};
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                for part in inner.split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    out.insert(name);
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    // Items of the crate root (constants, re-exported types) are not modules.
    out.retain(|n| n.starts_with(|c: char| c.is_ascii_lowercase()));
    out
}

#[test]
fn imports_follow_the_layers_readme_states() {
    let table = allowed();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut broken = Vec::new();
    let mut seen = BTreeSet::new();
    for f in files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        // Unit tests in a file of their own (`mod tests;`) may use anything.
        if f.file_name().is_some_and(|n| n == "tests.rs") {
            seen.insert(module.clone());
            continue;
        }
        seen.insert(module.clone());
        let Some(may) = table.get(&module) else {
            broken.push(format!("src/{module} is not in README's layer table"));
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        for m in named_modules(&text) {
            if m != module && !may.contains(&m) {
                broken.push(format!(
                    "{} imports crate::{m}, which {module} may not",
                    rel.display()
                ));
            }
        }
    }
    for m in table.keys() {
        assert!(
            seen.contains(m),
            "README's layer table names {m}, which src/ does not have"
        );
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn the_table_itself_has_no_cycle() {
    // A module may not (through others) import itself: then "down" means something.
    let table = allowed();
    fn reaches(
        t: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        to: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        t.get(from)
            .into_iter()
            .flatten()
            .any(|n| n == to || (seen.insert(n.clone()) && reaches(t, n, to, seen)))
    }
    for m in table.keys() {
        assert!(
            !reaches(&table, m, m, &mut BTreeSet::new()),
            "{m} can reach itself"
        );
    }
}

#[test]
fn the_checker_sees_every_form_of_import() {
    let names = named_modules(
        "use crate::store::Store;\nuse crate::{image::Images, runtime};\nlet x = crate::format::human_size(1);\n// crate::cli in a comment\nlet c = crate::EXIT_CCR_FAILURE;\n#[cfg(test)]\nmod tests { use crate::engine; }\n",
    );
    let want: BTreeSet<String> = ["store", "image", "runtime", "format"]
        .map(String::from)
        .into();
    assert_eq!(names, want);
}
