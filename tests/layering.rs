//! The layering README.md states is the layering the code has.
//!
//! Every file of `src/` is read whole: comments, strings and character
//! literals are blanked first, then every `#[cfg(test)]` item (a unit-test
//! module, inline or in a file of its own, and any other test-only item)
//! is left out, precisely, by its braces. What remains is searched for
//! every path into the crate: `use` trees of any shape (nested groups,
//! `self`, renames, globs), `crate::`/`super::`/`self::` paths in code, a
//! module's own child modules, and names of the crate root (`crate::Error`
//! is the `error` module's; `crate::Exit` is the root's own, `lib`). Each
//! path is resolved to the file that defines it.
//!
//! Three rules are checked on that graph:
//! - between top-level modules, only the imports README's table allows;
//! - no cycle between files anywhere (re-exports, `pub use`, are a
//!   module's face, not its code's needs, and do not count);
//! - inside `engine/`, no file imports one on a higher floor of README's
//!   engine table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

/// The first ```text block after `heading` in README: its lines, as words.
fn readme_block(heading: &str) -> Vec<Vec<String>> {
    let text = readme();
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("README states {heading:?}"));
    let block = &text[start..];
    let open = block.find("```text").expect("a text block") + "```text".len();
    let close = open + block[open..].find("```").expect("the block ends");
    block[open..close]
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The file whose re-exports are the engine's vocabulary (`cli` names
/// domain values only through it).
const ENGINE_FACE: &str = "engine/types.rs";

/// Module → the modules it may import.
fn allowed() -> BTreeMap<String, BTreeSet<String>> {
    readme_block("The allowed imports, checked by `tests/layering.rs`")
        .into_iter()
        .map(|mut w| {
            let m = w.remove(0);
            (m, w.into_iter().collect())
        })
        .collect()
}

/// engine file (as `engine/NAME`) → its floor (0 lowest).
fn engine_floors() -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for words in readme_block("The engine's floors, checked by `tests/layering.rs`") {
        let floor: usize = words[0]
            .trim_end_matches(':')
            .parse()
            .expect("a floor number first");
        for f in &words[1..] {
            out.insert(format!("engine/{f}"), floor);
        }
    }
    out
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

/// `text` with comments, string and character literals blanked (their
/// newlines kept, so line numbers stay).
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || c == 'b')
            && !b[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && raw_string_at(&b, i).is_some()
        {
            let end = raw_string_at(&b, i).unwrap();
            out.push('"');
            for &ch in &b[i + 1..end - 1] {
                out.push(blank(ch));
            }
            out.push('"');
            i = end;
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(blank(b[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), else a lifetime.
            let end = if next == Some('\\') {
                (i + 2..b.len()).find(|&j| b[j] == '\'').map(|j| j + 1)
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.push_str(&" ".repeat(e - i));
                    i = e;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where the raw string (`r"…"`, `r#"…"#`, `br#"…"#`) starting at `i` ends.
fn raw_string_at(b: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    if b[j] == 'b' {
        j += 1;
    }
    if b.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|c| **c == '#').count();
    j += hashes;
    if b.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < b.len() {
        if b[j] == '"'
            && b[j + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == '#')
                .count()
                == hashes
        {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    None
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    Path, // ::
}

fn tokens(code: &str) -> Vec<Tok> {
    let b: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_alphabetic() || c == '_' {
            let s = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                i += 1;
            }
            let word: String = b[s..i].iter().collect();
            // Raw identifiers: r#name.
            if word == "r" && b.get(i) == Some(&'#') {
                i += 1;
                continue;
            }
            out.push(Tok::Ident(word));
        } else if c == ':' && b.get(i + 1) == Some(&':') {
            out.push(Tok::Path);
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

/// The tokens with every `#[cfg(test)]` item taken out.
fn without_test_items(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let is = |t: Option<&Tok>, c: char| t == Some(&Tok::Punct(c));
    while i < toks.len() {
        let cfg_test = is(toks.get(i), '#')
            && is(toks.get(i + 1), '[')
            && toks.get(i + 2) == Some(&Tok::Ident("cfg".into()))
            && is(toks.get(i + 3), '(')
            && toks.get(i + 4) == Some(&Tok::Ident("test".into()))
            && is(toks.get(i + 5), ')')
            && is(toks.get(i + 6), ']');
        if !cfg_test {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        // The item: up to its `;` or through its braces, whichever first.
        let mut j = i + 7;
        let mut depth = 0;
        while j < toks.len() {
            match &toks[j] {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Tok::Punct(';') if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        i = j + 1;
    }
    out
}

/// One path the code names: its segments, and whether it is re-exported.
#[derive(Debug, PartialEq)]
struct Named {
    segments: Vec<String>,
    reexport: bool,
}

/// Expands the `use` tree starting at `toks[*i]` into full paths.
fn use_tree(toks: &[Tok], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(w)) if w == "as" => {
                *i += 2;
                out.push(path);
                return;
            }
            Some(Tok::Ident(w)) => {
                // `{self, ..}` names the group's prefix itself.
                if !(w == "self" && !prefix.is_empty() && path.len() == prefix.len()) {
                    path.push(w.clone());
                }
                *i += 1;
            }
            Some(Tok::Path) => *i += 1,
            Some(Tok::Punct('*')) => {
                *i += 1;
                out.push(path);
                return;
            }
            Some(Tok::Punct('{')) => {
                *i += 1;
                loop {
                    match toks.get(*i) {
                        Some(Tok::Punct('}')) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Punct(',')) => *i += 1,
                        None => return,
                        _ => use_tree(toks, i, &path, out),
                    }
                }
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// Every path into the crate a file's code names.
fn named(code: &str) -> Vec<Named> {
    let toks = without_test_items(tokens(code));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Tok::Ident("use".into()) {
            // `pub use`, `pub(crate) use`: a re-export.
            let reexport = (i >= 1 && toks[i - 1] == Tok::Ident("pub".into()))
                || (i >= 4
                    && toks[i - 1] == Tok::Punct(')')
                    && toks[i - 4] == Tok::Ident("pub".into()));
            i += 1;
            if toks.get(i) == Some(&Tok::Path) {
                i += 1;
            }
            let mut paths = Vec::new();
            use_tree(&toks, &mut i, &[], &mut paths);
            for segments in paths {
                out.push(Named { segments, reexport });
            }
            continue;
        }
        let starts = matches!(&toks[i], Tok::Ident(w) if w == "crate" || w == "super" || w == "self")
            && toks.get(i + 1) == Some(&Tok::Path)
            && !(i >= 1 && toks[i - 1] == Tok::Path);
        if starts {
            let mut segments = Vec::new();
            while let Some(Tok::Ident(w)) = toks.get(i) {
                segments.push(w.clone());
                if toks.get(i + 1) != Some(&Tok::Path) {
                    break;
                }
                i += 2;
            }
            out.push(Named {
                segments,
                reexport: false,
            });
        }
        i += 1;
    }
    out
}

/// The crate's files by module path (`engine::compose::up`), and back.
struct Crate {
    src: PathBuf,
    /// Module path → file, relative to `src/`.
    files: BTreeMap<Vec<String>, String>,
    /// What each file re-exports (`pub use`): name → absolute path.
    reexports: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

impl Crate {
    fn load() -> Crate {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut all = Vec::new();
        rust_files(&src, &mut all);
        let mut files = BTreeMap::new();
        for f in all {
            let rel = f.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
            if rel == "main.rs" {
                continue;
            }
            let mut module: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_string)
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            files.insert(module, rel);
        }
        let mut krate = Crate {
            src,
            files,
            reexports: BTreeMap::new(),
        };
        let mut reexports = BTreeMap::new();
        for (module, file) in &krate.files {
            let mut names = BTreeMap::new();
            for n in krate.named_in(file) {
                if !n.reexport {
                    continue;
                }
                if let (Some(last), Some(abs)) =
                    (n.segments.last(), krate.absolute(module, &n.segments))
                {
                    names.insert(last.clone(), abs);
                }
            }
            // The engine's vocabulary is the engine's face: a path through
            // it ends there (what it may name is checked on its own).
            if file == ENGINE_FACE {
                names.clear();
            }
            reexports.insert(file.clone(), names);
        }
        krate.reexports = reexports;
        krate
    }

    fn named_in(&self, file: &str) -> Vec<Named> {
        named(&code_only(
            &std::fs::read_to_string(self.src.join(file)).unwrap(),
        ))
    }

    /// A path named in module `here`, made absolute (from the crate root);
    /// `None` for a path outside the crate.
    fn absolute(&self, here: &[String], segments: &[String]) -> Option<Vec<String>> {
        let mut rest = segments;
        let mut base: Vec<String> = Vec::new();
        match rest.first().map(String::as_str) {
            Some("crate") => rest = &rest[1..],
            // Relative to the module of the file (a file that is not a
            // directory's mod.rs is itself a module).
            Some("self") | Some("super") => {
                base = here.to_vec();
                while let Some(s) = rest.first() {
                    match s.as_str() {
                        "self" => rest = &rest[1..],
                        "super" => {
                            base.pop();
                            rest = &rest[1..];
                        }
                        _ => break,
                    }
                }
            }
            // A child module of this one (`use pull::X` in a mod.rs),
            // else another crate.
            Some(first) => {
                let mut child = here.to_vec();
                child.push(first.to_string());
                if !self.files.contains_key(&child) {
                    return None;
                }
                base = here.to_vec();
            }
            None => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file that defines what the absolute path `full` names: the
    /// longest prefix that is a module with a file, followed through what
    /// that file re-exports.
    fn file_of(&self, full: &[String], depth: usize) -> Option<String> {
        for k in (0..=full.len()).rev() {
            let Some(f) = self.files.get(&full[..k]) else {
                continue;
            };
            if depth < 8
                && let Some(name) = full.get(k)
                && let Some(target) = self.reexports.get(f).and_then(|r| r.get(name))
                && target.as_slice() != &full[..=k]
            {
                let mut next = target.clone();
                next.extend(full[k + 1..].iter().cloned());
                return self.file_of(&next, depth + 1);
            }
            return Some(f.clone());
        }
        None
    }

    /// The file a path named in module `here` resolves to.
    fn resolve(&self, here: &[String], segments: &[String]) -> Option<String> {
        self.file_of(&self.absolute(here, segments)?, 0)
    }

    /// Each file's imports (file → files), re-exports left out when
    /// `with_reexports` is false.
    fn graph(&self, with_reexports: bool) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for (module, file) in &self.files {
            let mut to = BTreeSet::new();
            if !self.is_test_file(module) {
                for n in self.named_in(file) {
                    if n.reexport && !with_reexports {
                        continue;
                    }
                    if let Some(f) = self.resolve(module, &n.segments)
                        && &f != file
                    {
                        to.insert(f);
                    }
                }
            }
            out.insert(file.clone(), to);
        }
        out
    }

    /// Whether `module` is declared only for tests (`#[cfg(test)] mod x;`).
    fn is_test_file(&self, module: &[String]) -> bool {
        let Some((name, parent)) = module.split_last() else {
            return false;
        };
        let Some(pfile) = self.files.get(parent) else {
            return false;
        };
        let text = code_only(&std::fs::read_to_string(self.src.join(pfile)).unwrap());
        let all = tokens(&text);
        let kept = without_test_items(all.clone());
        let declares = |toks: &[Tok]| {
            toks.windows(3).any(|w| {
                w[0] == Tok::Ident("mod".into())
                    && w[1] == Tok::Ident(name.clone())
                    && w[2] == Tok::Punct(';')
            })
        };
        declares(&all) && !declares(&kept)
    }
}

fn top(file: &str) -> String {
    let first = file.split('/').next().unwrap();
    first.trim_end_matches(".rs").to_string()
}

#[test]
fn imports_follow_the_layers_readme_states() {
    let table = allowed();
    let krate = Crate::load();
    let mut broken = Vec::new();
    let mut seen = BTreeSet::new();
    seen.insert("lib".to_string());
    for (file, to) in krate.graph(true) {
        // The crate root declares every module and re-exports some names:
        // its face, not a layer's needs.
        if file == "lib.rs" {
            continue;
        }
        let module = top(&file);
        seen.insert(module.clone());
        let Some(may) = table.get(&module) else {
            broken.push(format!("src/{module} is not in README's layer table"));
            continue;
        };
        for t in to {
            let m = top(&t);
            if m != module && !may.contains(&m) {
                broken.push(format!(
                    "src/{file} imports src/{t}: {module} may not import {m}"
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

/// The engine's vocabulary names values only: none of the services README
/// says only the engine holds, and nothing the vocabulary's own text does
/// not `pub use` (no code of its own).
#[test]
fn the_engine_vocabulary_names_no_service() {
    let services: BTreeSet<String> = readme_block("The services only the engine holds")
        .into_iter()
        .flatten()
        .collect();
    assert!(services.contains("Runtime") && services.contains("Images"));
    let krate = Crate::load();
    let named = krate.named_in(ENGINE_FACE);
    assert!(
        !named.is_empty(),
        "src/{ENGINE_FACE} re-exports the vocabulary"
    );
    let mut broken = Vec::new();
    for n in &named {
        if !n.reexport {
            broken.push(format!(
                "{} is used, not re-exported",
                n.segments.join("::")
            ));
        }
        let last = n.segments.last().unwrap();
        if services.contains(last) {
            broken.push(format!("{} is a service", n.segments.join("::")));
        }
    }
    // Each re-export names an item, never a whole module (a module would
    // hand its services along).
    for n in &named {
        if let Some(abs) = krate.absolute(&["engine".into(), "types".into()], &n.segments)
            && krate.files.contains_key(&abs)
        {
            broken.push(format!("{} is a module", n.segments.join("::")));
        }
    }
    assert!(
        broken.is_empty(),
        "the engine's vocabulary:\n{}",
        broken.join("\n")
    );
}

/// The strongly connected groups of more than one file.
fn cycles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iteration-free enough for a few hundred files.
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for w in t.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let l = t.low[v].min(t.low[w]);
                t.low.insert(v, l);
            } else if t.on.contains(w) {
                let l = t.low[v].min(t.index[w]);
                t.low.insert(v, l);
            }
        }
        if t.low[v] == t.index[v] {
            let mut group = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                group.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                t.out.push(group);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_file_imports_itself_through_others() {
    let krate = Crate::load();
    let found = cycles(&krate.graph(false));
    assert!(
        found.is_empty(),
        "files that import each other (through others):\n{}",
        found
            .iter()
            .map(|g| g.join(" <-> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn engine_files_import_only_lower_floors() {
    let floors = engine_floors();
    let krate = Crate::load();
    let mut broken = Vec::new();
    let engine: Vec<String> = krate
        .files
        .values()
        .filter(|f| f.starts_with("engine/"))
        .cloned()
        .collect();
    // A folder of the engine (compose/) is one place on the table.
    let place = |f: &str| -> String {
        let rest = f.trim_start_matches("engine/");
        match rest.split_once('/') {
            Some((dir, _)) => format!("engine/{dir}"),
            None => format!("engine/{}", rest.trim_end_matches(".rs")),
        }
    };
    for f in &engine {
        let p = place(f);
        if p == "engine/mod" {
            continue;
        }
        if !floors.contains_key(&p) {
            broken.push(format!("{p} is not on README's engine floors"));
        }
    }
    for (file, to) in krate.graph(false) {
        if file == "engine/mod.rs" {
            // It declares the engine's files and re-exports; nothing more.
            if !to.is_empty() {
                broken.push(format!("src/engine/mod.rs has code that imports {to:?}"));
            }
            continue;
        }
        if !file.starts_with("engine/") {
            continue;
        }
        let from = place(&file);
        for t in to
            .iter()
            .filter(|t| t.starts_with("engine/") && **t != "engine/mod.rs")
        {
            let dest = place(t);
            if dest == from {
                continue;
            }
            if let (Some(a), Some(b)) = (floors.get(&from), floors.get(&dest))
                && b >= a
            {
                broken.push(format!(
                    "src/{file} (floor {a}) imports src/{t} (floor {b}): not lower"
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "engine floors broken:\n{}",
        broken.join("\n")
    );
}

/// Network work runs in the engine's network context only: outside
/// `engine/` nothing blocks on async work, only the context (`engine/net.rs`)
/// asks `asyncrt` for a runtime, and only `asyncrt` builds one.
#[test]
fn network_work_runs_in_the_engines_context_only() {
    let krate = Crate::load();
    let mut broken = Vec::new();
    for (module, file) in &krate.files {
        if krate.is_test_file(module) {
            continue;
        }
        let text = std::fs::read_to_string(krate.src.join(file)).unwrap();
        let toks = without_test_items(tokens(&code_only(&text)));
        let ident = |w: &str| Tok::Ident(w.into());
        if !file.starts_with("engine/") && toks.contains(&ident("block_on")) {
            broken.push(format!(
                "src/{file} blocks on async work outside the engine"
            ));
        }
        let asks = toks
            .windows(3)
            .any(|w| w[0] == ident("asyncrt") && w[1] == Tok::Path && w[2] == ident("runtime"));
        if asks && file != "engine/net.rs" {
            broken.push(format!("src/{file} makes an async runtime of its own"));
        }
        let builds = ["new_multi_thread", "new_current_thread"]
            .iter()
            .any(|w| toks.contains(&ident(w)));
        if builds && file != "asyncrt.rs" {
            broken.push(format!("src/{file} builds an async runtime"));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
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
    let code = code_only(
        r##"use crate::store::Store;
use crate::{image::{self, Images}, runtime::{network::{Net as N}}};
pub use crate::oci::*;
let x = crate::format::human_size(1);
// crate::cli in a comment
let s = "crate::kbs in a string";
let r = r#"crate::kube"#;
let c = crate::EXIT_CCR_FAILURE;
let l: &'static str = 'x'.to_string();
#[cfg(test)]
mod tests { use crate::engine; }
#[cfg(test)]
fn helper() { crate::sbom::x(); }
let y = super::keys::keyring();
"##,
    );
    let got: Vec<(String, bool)> = named(&code)
        .into_iter()
        .map(|n| (n.segments.join("::"), n.reexport))
        .collect();
    let want: Vec<(String, bool)> = [
        ("crate::store::Store", false),
        ("crate::image", false),
        ("crate::image::Images", false),
        ("crate::runtime::network::Net", false),
        ("crate::oci", true),
        ("crate::format::human_size", false),
        ("crate::EXIT_CCR_FAILURE", false),
        ("super::keys::keyring", false),
    ]
    .iter()
    .map(|(s, r)| (s.to_string(), *r))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn paths_resolve_to_the_files_that_define_them() {
    let krate = Crate::load();
    let m = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    let r = |here: &str, path: &str| krate.resolve(&m(here), &m(path));
    assert_eq!(
        r("engine::pull", "super::keys::keyring").as_deref(),
        Some("engine/keys.rs")
    );
    assert_eq!(
        r(
            "engine::compose::up",
            "super::super::container::create_from"
        )
        .as_deref(),
        Some("engine/container.rs")
    );
    assert_eq!(
        r("engine", "crate::Error").as_deref(),
        Some("error.rs"),
        "a crate-root re-export is its module's"
    );
    assert_eq!(
        r("runtime", "crate::Exit").as_deref(),
        Some("lib.rs"),
        "a crate-root item is the root's"
    );
    assert_eq!(
        r("image", "pull::PullOptions").as_deref(),
        Some("image/pull.rs"),
        "a child module by its name"
    );
    assert_eq!(
        r("engine::pull", "super::Context").as_deref(),
        Some("engine/context.rs"),
        "a re-export is followed to its definition"
    );
    assert_eq!(r("image", "tokio::sync::Semaphore"), None);
}

#[test]
fn cycles_are_found_through_several_files() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(str::to_string).collect()))
    .collect();
    assert_eq!(cycles(&g), vec![vec!["a", "b", "c"]]);
}
