//! Tables: comfy-table with borders on a terminal, plain aligned columns when piped (easy to
//! `cut`, `awk` or `column`). Every cell is cleaned of control characters first.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table as Comfy};

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

    /// The rendered table, ending with a newline.
    pub fn render(&self, terminal: bool) -> String {
        if terminal {
            self.render_boxed()
        } else {
            self.render_plain()
        }
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

    fn render_plain(&self) -> String {
        let columns = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        let lines = std::iter::once(&self.headers).chain(self.rows.iter());
        for row in lines {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate().take(columns) {
                if i + 1 < columns {
                    let pad = widths[i] - cell.chars().count();
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
    fn piped_tables_are_aligned_columns_without_borders() {
        let mut table = Table::new(["ID", "NAME"]);
        table.row(["a1", "Text to Image"]);
        table.row(["b22", "Echo\x1b[2J"]);
        assert_eq!(
            table.render(false),
            "ID   NAME\na1   Text to Image\nb22  Echo\n"
        );
    }

    #[test]
    fn terminal_tables_have_borders() {
        let mut table = Table::new(["ID"]);
        table.row(["a1"]);
        assert!(table.render(true).contains('│'));
    }
}
