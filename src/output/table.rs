//! Tables: comfy-table with borders on a terminal, one line per row with tab-separated cells
//! when piped (gh's convention: `cut -f2` takes a name with spaces), and columns aligned with
//! spaces inside text for people (a plan, a board). Every cell is cleaned of control characters
//! first, tabs included, so a cell never splits. Widths are display widths (a CJK character or
//! an emoji takes two columns).

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table as Comfy};
use unicode_width::UnicodeWidthStr;

/// A table of text cells.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new<I, S>(headers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| super::text::clean_line(&c.into()))
                .collect(),
        );
    }

    /// The table as stdout shows it, ending with a newline: boxed on a terminal, tab-separated
    /// on a pipe.
    pub fn render(&self, terminal: bool) -> String {
        if terminal {
            self.render_boxed()
        } else {
            self.render_tabs()
        }
    }

    fn render_tabs(&self) -> String {
        let mut out = String::new();
        for row in std::iter::once(&self.headers).chain(self.rows.iter()) {
            let cells: Vec<&str> = row
                .iter()
                .take(self.headers.len())
                .map(String::as_str)
                .collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }

    fn render_boxed(&self) -> String {
        let mut table = Comfy::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        table.set_header(self.headers.clone());
        for row in &self.rows {
            table.add_row(row.clone());
        }
        format!("{table}\n")
    }

    /// Columns aligned with spaces, by display width, ending with a newline: tables inside
    /// text for people (a dry-run plan, an agent's inputs, a live board).
    pub fn render_aligned(&self) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let mut out = String::new();
        let lines = std::iter::once(&self.headers).chain(self.rows.iter());
        for row in lines {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate().take(columns) {
                if i + 1 < columns {
                    let pad = widths[i] - cell.width();
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad + 2));
                } else {
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn piped_tables_are_tab_separated_lines() {
        let mut table = Table::new(["ID", "NAME"]);
        table.row(["a1", "Text to Image"]);
        table.row(["b22", "Echo\x1b[2J\tx"]);
        assert_eq!(
            table.render(false),
            "ID\tNAME\na1\tText to Image\nb22\tEcho x\n"
        );
    }

    #[test]
    fn aligned_tables_pad_by_display_width() {
        let mut table = Table::new(["NAME", "ID"]);
        table.row(["猫の写真", "a1"]);
        table.row(["cat 🐱", "b2"]);
        table.row(["plain", "c3"]);
        let text = table.render_aligned();
        let starts: Vec<usize> = text
            .lines()
            .map(|line| line[..line.rfind(' ').unwrap() + 1].width())
            .collect();
        assert_eq!(starts, vec![10, 10, 10, 10], "{text}");
    }

    #[test]
    fn terminal_tables_have_borders() {
        let mut table = Table::new(["ID"]);
        table.row(["a1"]);
        assert!(table.render(true).contains('│'));
    }
}
