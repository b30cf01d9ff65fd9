//! Every relative link in the repository's Markdown files leads somewhere: the file or folder
//! exists, and an `#anchor` names a heading of the Markdown file it points at. Links with a
//! scheme (`https:`, `mailto:`) are not followed; code blocks and code spans are not links.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files of the repository.
fn markdown_files() -> Vec<PathBuf> {
    repository_files("*.md")
}

/// The files matching `pattern` (`*` or `*.EXT`) that git tracks or would track (new files
/// count before `git add`), or, outside a git checkout, every one outside `target/` and hidden
/// folders.
fn repository_files(pattern: &str) -> Vec<PathBuf> {
    let suffix = pattern.trim_start_matches('*');
    let tracked = std::process::Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            pattern,
        ])
        .current_dir(root())
        .output()
        .ok()
        .filter(|out| out.status.success() && root().join(".git").exists());
    let names: Vec<String> = match tracked {
        Some(out) => String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect(),
        None => crate::harness::tree(root())
            .into_iter()
            .filter(|name| {
                name.ends_with(suffix)
                    && !name.starts_with("target")
                    && !name.split(['/', '\\']).any(|part| part.starts_with('.'))
            })
            .collect(),
    };
    names
        .into_iter()
        .map(|name| root().join(name))
        // A file deleted in the work tree but still in the index is not a page.
        .filter(|path| path.exists())
        .collect()
}

/// `text` without fenced code blocks and code spans, line by line (so line numbers hold).
fn prose(text: &str) -> Vec<String> {
    let mut fence: Option<&str> = None;
    let mut lines = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                lines.push(String::new());
            }
            (Some(open), Some(m)) if open == m => {
                fence = None;
                lines.push(String::new());
            }
            (Some(_), _) => lines.push(String::new()),
            (None, None) => lines.push(without_code_spans(line)),
        }
    }
    lines
}

fn without_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let ticks = rest[start..].chars().take_while(|&c| c == '`').count();
        let after = &rest[start + ticks..];
        match after.find(&"`".repeat(ticks)) {
            Some(end) => rest = &after[end + ticks..],
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The targets of the inline links (`[text](target)`, `![alt](target)`) and link definitions
/// (`[name]: target`) of one line of prose.
fn link_targets(line: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        let target = after[..end].split_whitespace().next().unwrap_or("");
        targets.push(target.trim_matches(['<', '>']).to_string());
        rest = &after[end..];
    }
    let trimmed = line.trim_start();
    if trimmed.starts_with('[')
        && let Some(at) = trimmed.find("]: ")
        && let Some(target) = trimmed[at + 3..].split_whitespace().next()
    {
        targets.push(target.to_string());
    }
    targets
}

/// GitHub's anchor of a heading: lower case, punctuation other than `-` and `_` dropped,
/// spaces turned into `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings, with GitHub's `-1`, `-2` for repeats.
fn anchors(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut found = BTreeSet::new();
    let mut fence = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if fence || hashes == 0 || hashes > 6 || !line[hashes..].starts_with(' ') {
            continue;
        }
        // The rendered text: code spans keep their content, link syntax its text.
        let rendered = line[hashes..].replace('`', "");
        let base = slug(&rendered);
        let mut anchor = base.clone();
        let mut n = 0;
        while !found.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
    }
    found
}

/// The problems with `target`, a link written in `file`.
fn check(file: &Path, target: &str) -> Option<String> {
    if target.is_empty() {
        return Some("an empty link".into());
    }
    let scheme = target
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if scheme || target.starts_with("//") {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let dest = if path.is_empty() {
        file.to_path_buf()
    } else if let Some(from_root) = path.strip_prefix('/') {
        root().join(from_root)
    } else {
        file.parent().unwrap().join(path)
    };
    if !dest.exists() {
        return Some(format!("`{target}`: {} does not exist", dest.display()));
    }
    let is_markdown = dest.extension().is_some_and(|e| e == "md");
    match anchor {
        Some(anchor) if is_markdown && !anchors(&dest).contains(anchor) => Some(format!(
            "`{target}`: no heading of {} has the anchor `#{anchor}`",
            dest.display()
        )),
        _ => None,
    }
}

#[test]
fn every_relative_link_in_the_markdown_files_resolves() {
    let files = markdown_files();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    for expected in ["README.md", "docs/running.md", "ARCHITECTURE.md"] {
        assert!(
            names.iter().any(|n| n.replace('\\', "/") == expected),
            "{expected} is not among the checked files: {names:?}"
        );
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in prose(&text).iter().enumerate() {
            for target in link_targets(line) {
                checked += 1;
                if let Some(problem) = check(file, &target) {
                    let name = file.strip_prefix(root()).unwrap().display();
                    broken.push(format!("{name}:{}: {problem}", number + 1));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} links found: is the parser blind?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_checker_sees_what_github_renders() {
    assert_eq!(
        slug(" Waiting, results and dry runs"),
        "waiting-results-and-dry-runs"
    );
    assert_eq!(slug(" pletor doctor"), "pletor-doctor");
    assert_eq!(
        link_targets("see [a](docs/a.md#x \"t\") and ![b](<img.png>)"),
        ["docs/a.md#x", "img.png"]
    );
    assert_eq!(
        link_targets("[ref]: ../sim/README.md"),
        ["../sim/README.md"]
    );
    assert_eq!(without_code_spans("a `[x](y)` b ``c`d`` e"), "a  b  e");
    let missing = check(&root().join("README.md"), "docs/nowhere.md");
    assert!(missing.is_some_and(|p| p.contains("does not exist")));
    let no_anchor = check(&root().join("README.md"), "docs/running.md#nowhere");
    assert!(no_anchor.is_some_and(|p| p.contains("#nowhere")));
    assert_eq!(
        check(&root().join("README.md"), "https://example.com/x"),
        None
    );
}

#[test]
fn nothing_in_the_repository_points_at_documents_outside_it() {
    // Spelled in pieces, so this file does not match itself.
    let outside = [
        ["PRODUCT", ".md"],
        ["pletor-api", ".md"],
        ["STYLE", ".md"],
        ["../", "shared/"],
    ]
    .map(|parts| parts.concat());
    let mut found = Vec::new();
    let mut read = 0;
    for file in repository_files("*") {
        // Binary files and pointers to large files are not text.
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        read += 1;
        for (number, line) in text.lines().enumerate() {
            for name in outside.iter().filter(|name| line.contains(name.as_str())) {
                let path = file.strip_prefix(root()).unwrap().display();
                found.push(format!("{path}:{}: {name}", number + 1));
            }
        }
    }
    assert!(read > 100, "only {read} files read");
    assert!(
        found.is_empty(),
        "the repository stands alone; say it in its own words (docs/api-contract.md):\n{}",
        found.join("\n")
    );
}
