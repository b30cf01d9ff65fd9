//! The shape of the source, checked so that it stays true: no two module files of the CLI, the
//! simulator or the HTTP crate import each other, directly or around a loop, and no source file
//! outside the tests grows past the size a newcomer can read in one sitting.
//!
//! An import is any path in a module file's code (not its comments, strings or `#[cfg(test)]`
//! items) that starts with `crate::`, `super::`, `self::` or the name of a child module, `use`
//! lists expanded; it points at the deepest module file the path names. When the rest of the
//! path names something that file only brings into scope with a `use` (a re-export such as the
//! crate root's `pub use client::Client`), the import is followed to where that `use` leads, so
//! `use super::Client` in `assets.rs` imports `client/`, not the root. A path that ends at the
//! crate root counts only when it names an item defined there, and one that leads out of the
//! crate (`crate::api`, an alias of the HTTP crate, is not a file of this one) not at all.
//! Declaring a child (`mod x;`) is not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file outside the tests may be, in lines.
const MAX_LINES: usize = 800;

/// A module's path below its crate root (`["transfer", "download", "fetch"]`); empty for the root.
type ModPath = Vec<String>;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// Every module file of the crate whose sources are in `dir` with its root file `root`, by module
/// path. Other crate roots in `dir` (a binary beside a library) are left out: they reach the
/// library only by its crate name.
fn module_files(dir: &Path, root: &str) -> BTreeMap<ModPath, PathBuf> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let mut modules = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(dir).unwrap().with_extension("");
        let mut path: ModPath = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if path.len() == 1 && (path[0] == "main" || path[0] == "lib") {
            if path[0] != root {
                continue;
            }
            path.clear();
        } else if path.last().is_some_and(|last| last == "mod") {
            path.pop();
        }
        modules.insert(path, file);
    }
    modules
}

/// The code of a file without comments, the contents of string and character literals, and
/// `#[cfg(test)]` items.
fn code_of(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1b}') or a lifetime ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    without_test_items(&out)
}

/// Drops every item marked `#[cfg(test)]`: a `mod tests { … }` block, or an item up to its `;`.
fn without_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let brace = after.find('{');
        let semi = after.find(';');
        let end = match (brace, semi) {
            (Some(b), Some(s)) if s < b => s + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = after.len();
                for (k, ch) in after[b..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, Some(s)) => s + 1,
            (None, None) => after.len(),
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e` (whitespace already removed).
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .flat_map(|part| expand(&format!("{prefix}{part}")))
        .collect()
}

/// A `use` item, expanded: the name it brings into scope and the path it names
/// (`use a::{b as c, d::{self}}` gives `("c", a::b)` and `("d", a::d)`; a glob's name is `*`).
type UseItem = (String, Vec<String>);

/// Every `use` item of the code, its trees expanded.
fn use_items(code: &str) -> Vec<UseItem> {
    let mut items = Vec::new();
    let mut search = 0;
    while let Some(found) = code[search..].find("use ") {
        let at = search + found;
        search = at + 4;
        let before = code[..at].chars().next_back();
        if before.is_some_and(is_ident) {
            continue;
        }
        let Some(end) = code[at..].find(';') else {
            break;
        };
        // `x as y`: the alias is no part of the path, so it is marked before spaces go.
        let tree: String = code[at + 4..at + end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" as ", "@")
            .replace(' ', "");
        for path in expand(&tree) {
            let (path, alias) = match path.split_once('@') {
                Some((path, alias)) => (path.to_string(), Some(alias.to_string())),
                None => (path, None),
            };
            let mut segments: Vec<String> = path.split("::").map(str::to_string).collect();
            if segments.len() > 1 && segments.last().is_some_and(|last| last == "self") {
                segments.pop();
            }
            let name = alias.unwrap_or_else(|| segments.last().cloned().unwrap_or_default());
            items.push((name, segments));
        }
    }
    items
}

/// Every path the code names: the expanded trees of its `use` items and the paths written inline.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut paths: Vec<Vec<String>> = use_items(code).into_iter().map(|(_, path)| path).collect();
    let text = code;
    // Inline paths: `crate::x::y`, `super::x`, `self::x`.
    for start_word in ["crate::", "super::", "self::"] {
        let mut search = 0;
        while let Some(found) = text[search..].find(start_word) {
            let at = search + found;
            search = at + start_word.len();
            if text[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let end = text[at..]
                .find(|c: char| !(is_ident(c) || c == ':'))
                .map_or(text.len(), |k| at + k);
            paths.push(
                text[at..end]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    paths
}

/// Whether the crate root defines an item named `name` (not an alias of another crate).
fn root_defines(root_code: &str, name: &str) -> bool {
    [
        "struct", "enum", "fn", "const", "static", "type", "trait", "union",
    ]
    .iter()
    .any(|keyword| {
        let needle = format!("{keyword} {name}");
        root_code.match_indices(&needle).any(|(at, _)| {
            let after = root_code[at + needle.len()..].chars().next();
            let before = root_code[..at].chars().next_back();
            !after.is_some_and(is_ident) && !before.is_some_and(is_ident)
        })
    })
}

/// How far a path is followed through `use` items (a re-export of a re-export …) before the
/// file it reached counts as the one it names.
const MAX_USE_HOPS: usize = 8;

/// A crate's module files with what the resolver needs of each.
struct Crate<'a> {
    modules: &'a BTreeMap<ModPath, PathBuf>,
    root_code: String,
    uses: BTreeMap<ModPath, Vec<UseItem>>,
}

impl Crate<'_> {
    /// The module file that `segments`, written in `module`, names: the deepest module file on
    /// the path, or, when the rest of the path names something that file only imports (a
    /// re-export such as `pub use config::Secret`, or a plain `use`, which its child modules see
    /// too), the file that the `use` leads to. `None` when the path leads out of the crate (to
    /// another crate, or to the root's alias of one).
    fn resolve(&self, module: &ModPath, segments: &[String], hops: usize) -> Option<ModPath> {
        let (first, rest) = segments.split_first()?;
        let mut base: ModPath = match first.as_str() {
            "crate" => rest.to_vec(),
            "super" | "self" => {
                let mut base = module.clone();
                let mut rest = segments;
                while let Some((first, tail)) = rest.split_first() {
                    match first.as_str() {
                        "super" => {
                            base.pop();
                        }
                        "self" => {}
                        _ => break,
                    }
                    rest = tail;
                }
                base.extend(rest.iter().cloned());
                base
            }
            name => {
                let mut child = module.clone();
                child.push(name.to_string());
                if self.modules.contains_key(&child) {
                    child.extend(rest.iter().cloned());
                    child
                } else {
                    // A name the module brought into scope (`use api::Client` after `use
                    // crate::api`), else another crate.
                    let path = self.used(module, name)?;
                    if hops >= MAX_USE_HOPS {
                        return Some(module.clone());
                    }
                    let mut followed = path.clone();
                    followed.extend(rest.iter().cloned());
                    return self.resolve(module, &followed, hops + 1);
                }
            }
        };
        let target = (0..=base.len())
            .rev()
            .map(|n| base[..n].to_vec())
            .find(|prefix| self.modules.contains_key(prefix))?;
        let rest = base.split_off(target.len());
        let Some(name) = rest.first() else {
            // `crate` alone names no file.
            return (!target.is_empty()).then_some(target);
        };
        if let Some(path) = self.used(&target, name)
            && hops < MAX_USE_HOPS
        {
            let mut followed = path.clone();
            followed.extend(rest[1..].iter().cloned());
            return self.resolve(&target, &followed, hops + 1);
        }
        if target.is_empty() && !root_defines(&self.root_code, name) {
            return None;
        }
        Some(target)
    }

    /// The path `module` brings `name` into scope from with a `use` item (globs aside).
    fn used(&self, module: &ModPath, name: &str) -> Option<&Vec<String>> {
        if name == "*" {
            return None;
        }
        self.uses
            .get(module)?
            .iter()
            .find(|(used, _)| used == name)
            .map(|(_, path)| path)
    }
}

/// Which module files each module file imports.
fn imports(modules: &BTreeMap<ModPath, PathBuf>) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
    let codes: BTreeMap<&ModPath, String> = modules
        .iter()
        .map(|(module, file)| (module, code_of(&std::fs::read_to_string(file).unwrap())))
        .collect();
    let krate = Crate {
        modules,
        root_code: codes.get(&Vec::new()).cloned().unwrap_or_default(),
        uses: codes
            .iter()
            .map(|(module, code)| ((*module).clone(), use_items(code)))
            .collect(),
    };
    let mut graph = BTreeMap::new();
    for (module, code) in &codes {
        let targets: BTreeSet<ModPath> = paths_in(code)
            .iter()
            .filter_map(|segments| krate.resolve(module, segments, 0))
            .filter(|target| target != *module)
            .collect();
        graph.insert((*module).clone(), targets);
    }
    graph
}

/// The groups of two or more module files that import each other around a loop (the strongly
/// connected components of the import graph), each with the imports inside it.
fn cycles(graph: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<String>> {
    let reach = |from: &ModPath| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(node) = todo.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&ModPath, BTreeSet<ModPath>> =
        graph.keys().map(|node| (node, reach(node))).collect();
    let name = |m: &ModPath| {
        if m.is_empty() {
            "(crate root)".to_string()
        } else {
            m.join("::")
        }
    };
    let mut done = BTreeSet::new();
    let mut groups = Vec::new();
    for node in graph.keys() {
        if done.contains(node) || !reaches[node].contains(node) {
            continue;
        }
        let group: Vec<&ModPath> = graph
            .keys()
            .filter(|other| reaches[node].contains(*other) && reaches[*other].contains(node))
            .collect();
        let mut lines = Vec::new();
        for member in &group {
            done.insert((*member).clone());
            let inside: Vec<String> = graph[*member]
                .iter()
                .filter(|t| group.contains(t))
                .map(name)
                .collect();
            lines.push(format!("{} imports {}", name(member), inside.join(", ")));
        }
        groups.push(lines);
    }
    groups
}

fn assert_no_cycles(dir: &str, root: &str) {
    let modules = module_files(&repo().join(dir), root);
    assert!(modules.len() > 5, "{dir}: found only {modules:?}");
    let graph = imports(&modules);
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "module files of {dir}/ import each other around a loop; move what both need into a file \
         of its own:\n{}",
        found
            .iter()
            .map(|group| format!("  - {}", group.join("\n    ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn no_module_file_of_the_cli_imports_another_that_imports_it_back() {
    assert_no_cycles("src", "main");
}

#[test]
fn no_module_file_of_the_simulator_imports_another_that_imports_it_back() {
    assert_no_cycles("sim/src", "lib");
}

#[test]
fn no_module_file_of_the_http_crate_imports_another_that_imports_it_back() {
    assert_no_cycles("crates/pletor-api/src", "lib");
}

#[test]
fn the_cycle_check_sees_imports_through_use_lists_parents_and_inline_paths() {
    let modules: BTreeMap<ModPath, PathBuf> = [
        (vec![], "main.rs"),
        (vec!["a".to_string()], "a/mod.rs"),
        (vec!["a".to_string(), "b".to_string()], "a/b.rs"),
        (vec!["c".to_string()], "c.rs"),
    ]
    .into_iter()
    .map(|(path, file)| (path, PathBuf::from(file)))
    .collect();
    let dir = tempfile::tempdir().unwrap();
    let write = |file: &str, text: &str| {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    };
    write(
        "main.rs",
        "mod a;\nmod c;\nuse pletor_api as api;\npub use c::g as renamed_but_a_use;\n",
    );
    write(
        "a/mod.rs",
        "mod b;\npub use b::Thing; // crate::c::Nope in a comment\n",
    );
    write(
        "a/b.rs",
        "use crate::{api::Client, c::{self, Other}};\nfn f() { let s = \"super::x\"; }\n",
    );
    write(
        "c.rs",
        "pub fn g() { super::a::Thing::new(); }\n#[cfg(test)]\nmod tests { use crate::a::b; }\n",
    );
    let on_disk: BTreeMap<ModPath, PathBuf> = modules
        .into_iter()
        .map(|(path, file)| (path, dir.path().join(file)))
        .collect();
    let graph = imports(&on_disk);
    let path = |s: &str| -> ModPath { s.split("::").map(str::to_string).collect() };
    assert_eq!(graph[&path("a")], BTreeSet::from([path("a::b")]));
    assert_eq!(graph[&path("a::b")], BTreeSet::from([path("c")]));
    assert_eq!(
        graph[&path("c")],
        BTreeSet::from([path("a::b")]),
        "`a::Thing` is `a`'s re-export of `b::Thing`"
    );
    assert_eq!(
        graph[&Vec::new()],
        BTreeSet::from([path("c")]),
        "declaring is not importing; a re-export is"
    );
    let found = cycles(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].len(), 2, "{found:?}");
}

/// A loop shaped like the one the HTTP crate had: `send` reaches `assets` by `crate::`, and
/// `assets` reaches the client back only through the crate root's re-export of `Client`.
#[test]
fn the_cycle_check_follows_re_exports_of_the_crate_root_and_of_module_files() {
    let files = [
        (
            "lib.rs",
            "mod assets;\nmod client;\nmod kind;\npub use client::Client;\nuse std::fmt;\n",
        ),
        (
            "client/mod.rs",
            "mod send;\nuse reqwest::Url;\npub(crate) use send::Sent as Reply;\npub struct Client;\n",
        ),
        (
            "client/send.rs",
            "pub struct Sent;\nimpl super::Client { fn f() { crate::assets::Changed::new(); } }\n",
        ),
        ("assets.rs", "use super::Client;\npub struct Changed;\n"),
        (
            "kind.rs",
            "pub fn k(_: super::client::Url, _: &dyn crate::fmt::Debug) {}\n",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let modules = module_files(dir.path(), "lib");
    let graph = imports(&modules);
    let path = |s: &str| -> ModPath { s.split("::").map(str::to_string).collect() };
    assert_eq!(graph[&Vec::new()], BTreeSet::from([path("client")]));
    assert_eq!(
        graph[&path("client")],
        BTreeSet::from([path("client::send")])
    );
    assert_eq!(
        graph[&path("client::send")],
        BTreeSet::from([path("assets"), path("client")])
    );
    assert_eq!(
        graph[&path("assets")],
        BTreeSet::from([path("client")]),
        "`super::Client` from a child of the root is the root's re-export of `client::Client`"
    );
    assert_eq!(
        graph[&path("kind")],
        BTreeSet::new(),
        "what a module file only imports from another crate is no file of this one"
    );
    let found = cycles(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0],
        [
            "assets imports client",
            "client imports client::send",
            "client::send imports assets, client",
        ],
        "{found:?}"
    );
}

#[test]
fn no_source_file_outside_the_tests_is_longer_than_800_lines() {
    let mut files = Vec::new();
    for dir in ["src", "sim/src", "crates/pletor-api/src"] {
        rust_files(&repo().join(dir), &mut files);
    }
    assert!(files.len() > 50, "found only {} files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(file).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "longer than {MAX_LINES} lines; split by what they hold:\n{}",
        long.join("\n")
    );
}
