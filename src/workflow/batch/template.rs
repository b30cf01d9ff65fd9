//! `--name-template`: where a row's files go under `-o`.
//!
//! Placeholders: `{row}` (the row number), `{run_id}`, `{name}` (the file's name without its
//! extension) and `{ext}` (its extension, without the dot; when it is empty, a `.` just before
//! `{ext}` goes too). `{{` and `}}` stand for braces. `/` separates folders. The default is
//! `{row}/{name}.{ext}`.
//!
//! A rendered path never leaves `-o`: values cannot add folders (their `/` and `\` become
//! `_`), every component goes through the download sanitizer ([`safe_name`]), and a component
//! it refuses (`..`, nothing left) becomes `_`. A template must name `{row}` or `{run_id}`, so
//! that two rows never write the same file.

use std::path::PathBuf;

use crate::error::UsageError;
use crate::transfer::names::safe_name;

/// The template without `--name-template`: one folder per row, so rows whose results share a
/// name never meet.
pub const DEFAULT: &str = "{row}/{name}.{ext}";

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Row,
    RunId,
    Name,
    Ext,
}

/// A template checked up front (it names `{row}` or `{run_id}`), so rendering cannot fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// What a template is filled with.
#[derive(Debug, Clone, Copy)]
pub struct Fill<'a> {
    /// `{row}`: the row's number in the file, the same in every shard.
    pub row: usize,
    /// `{run_id}`: the row's run, as the server names it (made safe before use).
    pub run_id: &'a str,
    /// `{name}`: the file name without its extension.
    pub name: &'a str,
    /// `{ext}`: the extension, without the dot (may be empty).
    pub ext: &'a str,
}

impl Template {
    /// Parses `--name-template`.
    pub fn parse(text: &str) -> Result<Self, UsageError> {
        let bad = |problem: String| {
            UsageError::new(
                format!("`--name-template {text}`: {problem}"),
                "use `{row}`, `{run_id}`, `{name}`, `{ext}` and `/`, e.g. `--name-template '{row}-{name}.{ext}'`",
            )
        };
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.next_if_eq(&'{').is_some() => literal.push('{'),
                '}' => {
                    chars.next_if_eq(&'}');
                    literal.push('}');
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => return Err(bad(format!("`{{{inner}` is never closed"))),
                        }
                    }
                    let piece = match inner.as_str() {
                        "row" => Piece::Row,
                        "run_id" => Piece::RunId,
                        "name" => Piece::Name,
                        "ext" => Piece::Ext,
                        other => return Err(bad(format!("unknown placeholder `{{{other}}}`"))),
                    };
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(piece);
                }
                _ => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        if !pieces
            .iter()
            .any(|p| matches!(p, Piece::Row | Piece::RunId))
        {
            return Err(bad(
                "it names neither `{row}` nor `{run_id}`, so rows would overwrite each other"
                    .into(),
            ));
        }
        let template = Self { pieces };
        if template
            .literal_text()
            .split(['/', '\\'])
            .any(|c| c == "..")
        {
            return Err(bad("`..` would leave the output folder".into()));
        }
        Ok(template)
    }

    fn literal_text(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(text) => text.as_str(),
                _ => "x",
            })
            .collect()
    }

    /// The path of one file, relative to `-o`: never absolute, never with `.` or `..`, never
    /// empty.
    pub fn render(&self, fill: Fill<'_>) -> PathBuf {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(literal) => text.push_str(literal),
                Piece::Row => text.push_str(&fill.row.to_string()),
                Piece::RunId => text.push_str(&flat(fill.run_id)),
                Piece::Name => text.push_str(&flat(fill.name)),
                Piece::Ext if fill.ext.is_empty() => {
                    if text.ends_with('.') {
                        text.pop();
                    }
                }
                Piece::Ext => text.push_str(&flat(fill.ext)),
            }
        }
        let mut path = PathBuf::new();
        for component in text.split(['/', '\\']) {
            if component.is_empty() || component == "." {
                continue;
            }
            path.push(safe_name(component).unwrap_or_else(|| "_".into()));
        }
        if path.as_os_str().is_empty() {
            path.push("_");
        }
        path
    }
}

/// A value that cannot add folders.
fn flat(value: &str) -> String {
    value.replace(['/', '\\'], "_")
}

/// Splits a file name into its name and extension (`a.tar.gz` → `a.tar`, `gz`).
pub fn split_name(file_name: &str) -> (&str, &str) {
    match file_name.rfind('.') {
        Some(dot) if dot > 0 && dot + 1 < file_name.len() => {
            (&file_name[..dot], &file_name[dot + 1..])
        }
        _ => (file_name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Component, Path};

    fn fill<'a>(name: &'a str, ext: &'a str) -> Fill<'a> {
        Fill {
            row: 7,
            run_id: "r-1",
            name,
            ext,
        }
    }

    fn render(template: &str, name: &str, ext: &str) -> String {
        Template::parse(template)
            .unwrap()
            .render(fill(name, ext))
            .display()
            .to_string()
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(render(DEFAULT, "hero", "png"), "7/hero.png");
        assert_eq!(
            render("{run_id}/{row}-{name}.{ext}", "a", "jpg"),
            "r-1/7-a.jpg"
        );
        assert_eq!(render("{{{row}}}.txt", "a", ""), "{7}.txt");
    }

    #[test]
    fn an_empty_extension_takes_its_dot_along() {
        assert_eq!(render(DEFAULT, "README", ""), "7/README");
    }

    #[test]
    fn values_cannot_add_folders_or_climb() {
        assert_eq!(
            render(DEFAULT, "../../etc/passwd", "png"),
            "7/_.._etc_passwd.png"
        );
        assert_eq!(render("/{row}//{name}", "..", ""), "7/_");
        assert_eq!(render("./{row}/{name}", "x", ""), "7/x");
    }

    #[test]
    fn bad_templates_are_usage_errors() {
        for bad in [
            "{name}.{ext}",
            "{row}/{nope}",
            "../{row}",
            "{row}/../x",
            "{row}/{name",
        ] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_split_at_the_last_dot() {
        assert_eq!(split_name("a.tar.gz"), ("a.tar", "gz"));
        assert_eq!(split_name("README"), ("README", ""));
        assert_eq!(split_name("trailing."), ("trailing.", ""));
    }

    proptest! {
        #[test]
        fn rendered_paths_never_leave_the_output_folder(
            template in "[a-z./\\\\{}]{0,6}\\{row\\}[a-z./\\\\{}]{0,6}(\\{name\\}|\\{ext\\}|\\{run_id\\}|\\.\\.|/)*",
            run_id in any::<String>(),
            name in any::<String>(),
            ext in any::<String>(),
        ) {
            let Ok(template) = Template::parse(&template) else { return Ok(()); };
            let path = template.render(Fill { row: 3, run_id: &run_id, name: &name, ext: &ext });
            prop_assert!(path.components().count() > 0);
            for component in path.components() {
                prop_assert!(matches!(component, Component::Normal(_)), "{path:?}");
            }
            let out = Path::new("/out");
            prop_assert!(out.join(&path).starts_with(out));
        }
    }
}
