//! A small RFC 4180 reader for batch files: a few dozen lines, so no dependency.
//!
//! Records end at `\n` or `\r\n` (the last one may have no line end); fields are separated by `,`;
//! a field that starts with `"` is quoted and may hold commas, line breaks and `""` (one quote).
//! Lenient where spreadsheets are sloppy and the meaning is plain: a `"` inside an unquoted field
//! is kept as is, a UTF-8 byte-order mark at the start is dropped, blank lines are skipped (a line
//! holding `""` is a record of one empty field). Strict where a guess could send the wrong input:
//! text after a closing quote and an unterminated quote are errors naming the line.

/// One record and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line of the file where the record starts.
    pub line: usize,
    /// Its fields in column order, unquoted (`""` already one quote).
    pub fields: Vec<String>,
}

/// A malformed file: the line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    /// The line the message names (1-based); an unclosed quote names the line it opened on.
    pub line: usize,
    /// What is wrong there and how to write it instead, for the message.
    pub problem: String,
}

/// Reads every record of `text`.
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        chars: text.chars().peekable(),
        line: 1,
    };
    let mut records = Vec::new();
    while let Some(&next) = reader.chars.peek() {
        if matches!(next, '\n' | '\r') {
            // A blank line: no record at all (`""` alone is a record with one empty field).
            reader.chars.next();
            if next == '\r' {
                reader.chars.next_if_eq(&'\n');
            }
            reader.line += 1;
            continue;
        }
        let line = reader.line;
        let fields = reader.record()?;
        records.push(Record { line, fields });
    }
    Ok(records)
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
}

impl Reader<'_> {
    /// Reads one record, through its line end.
    fn record(&mut self) -> Result<Vec<String>, CsvError> {
        let mut fields = Vec::new();
        loop {
            let field = if self.chars.peek() == Some(&'"') {
                self.chars.next();
                self.quoted()?
            } else {
                self.unquoted()
            };
            fields.push(field);
            match self.chars.next() {
                Some(',') => continue,
                Some('\r') => {
                    self.chars.next_if_eq(&'\n');
                    self.line += 1;
                    return Ok(fields);
                }
                Some('\n') => {
                    self.line += 1;
                    return Ok(fields);
                }
                None => return Ok(fields),
                Some(other) => {
                    return Err(CsvError {
                        line: self.line,
                        problem: format!(
                            "`{other}` after a closing quote (a quoted field must end at `,` or the line end; write `\"\"` for a quote)"
                        ),
                    });
                }
            }
        }
    }

    /// An unquoted field, up to (not including) a separator or line end.
    fn unquoted(&mut self) -> String {
        let mut field = String::new();
        while let Some(c) = self.chars.next_if(|c| !matches!(c, ',' | '\n' | '\r')) {
            field.push(c);
        }
        field
    }

    /// A quoted field after its opening quote, through its closing quote.
    fn quoted(&mut self) -> Result<String, CsvError> {
        let start = self.line;
        let mut field = String::new();
        while let Some(c) = self.chars.next() {
            match c {
                '"' if self.chars.next_if_eq(&'"').is_some() => field.push('"'),
                '"' => return Ok(field),
                '\n' => {
                    self.line += 1;
                    field.push(c);
                }
                '\r' => {
                    // A CRLF inside a field counts as one line break, like outside.
                    if self.chars.peek() != Some(&'\n') {
                        self.line += 1;
                    }
                    field.push(c);
                }
                _ => field.push(c),
            }
        }
        Err(CsvError {
            line: start,
            problem: "a quoted field is never closed (a `\"` is missing)".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        parse(text).unwrap().into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn plain_and_quoted_fields_follow_rfc_4180() {
        let text = "prompt,count\r\n\"a, b\",1\r\n\"say \"\"hi\"\"\",\r\nplain,\"multi\nline\"\n";
        assert_eq!(
            fields(text),
            vec![
                vec!["prompt", "count"],
                vec!["a, b", "1"],
                vec!["say \"hi\"", ""],
                vec!["plain", "multi\nline"],
            ]
        );
    }

    #[test]
    fn records_know_the_line_they_start_on() {
        let records = parse("h\n\"two\nlines\"\n\nlast").unwrap();
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 5]);
    }

    #[test]
    fn a_byte_order_mark_blank_lines_and_a_missing_final_newline_are_fine() {
        assert_eq!(
            fields("\u{feff}a,b\n\n1,2"),
            vec![vec!["a", "b"], vec!["1", "2"]]
        );
        assert_eq!(fields(""), Vec::<Vec<String>>::new());
        assert_eq!(fields("a,\"\"\n"), vec![vec!["a", ""]]);
        assert_eq!(fields("a\n\"\"\n"), vec![vec!["a"], vec![""]]);
    }

    #[test]
    fn stray_quotes_in_unquoted_fields_are_kept() {
        assert_eq!(fields("5\" screen,x\n"), vec![vec!["5\" screen", "x"]]);
    }

    #[test]
    fn text_after_a_closing_quote_and_open_quotes_are_errors_with_lines() {
        let err = parse("a\n\"b\"c,d\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.problem.contains("closing quote"));
        let err = parse("a\nb\n\"never\nclosed\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.problem.contains("never closed"));
    }

    fn write(records: &[Vec<String>], crlf: bool) -> String {
        let end = if crlf { "\r\n" } else { "\n" };
        records
            .iter()
            .map(|record| {
                record
                    .iter()
                    .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(",")
                    + end
            })
            .collect()
    }

    proptest! {
        #[test]
        fn quoted_records_round_trip(
            records in proptest::collection::vec(proptest::collection::vec("[^\r]{0,12}", 1..5), 1..6),
            crlf in any::<bool>(),
        ) {
            prop_assert_eq!(fields(&write(&records, crlf)), records);
        }

        #[test]
        fn parsing_never_panics(text in any::<String>()) {
            let _ = parse(&text);
        }
    }
}
