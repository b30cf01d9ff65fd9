//! A live board on stderr: a few lines redrawn in place (the `runs watch` view), each cut to
//! the terminal's width so that a wrapped line never leaves a stale copy behind. Only made where
//! progress is live (`Printer::board`): elsewhere callers print one line per change instead.

/// Lines drawn last time, so the next draw can take them back.
#[derive(Debug)]
pub struct LiveBoard {
    term: console::Term,
    drawn: usize,
}

impl LiveBoard {
    /// An empty board on stderr.
    pub fn new() -> Self {
        Self {
            term: console::Term::stderr(),
            drawn: 0,
        }
    }

    /// Replaces what the board showed with `lines`. Errors writing to stderr are ignored, as
    /// everywhere: there is nowhere left to report them.
    pub fn draw(&mut self, lines: &[String]) {
        let width = usize::from(self.term.size().1).max(20);
        let _ = self.term.clear_last_lines(self.drawn);
        for line in lines {
            let _ = self
                .term
                .write_line(&console::truncate_str(line, width - 1, "…"));
        }
        self.drawn = lines.len();
    }
}

impl Default for LiveBoard {
    fn default() -> Self {
        Self::new()
    }
}
