//! The one CSV writer every export uses: a BOM (spreadsheets then read UTF-8), CRLF, quoting
//! by the `csv` crate, and text that a spreadsheet would run as a formula made inert.
//!
//! A member can name themselves `=HYPERLINK(…)`, and a file or the platform can carry any text:
//! a text cell that starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, which
//! spreadsheets read as "this is text". Numbers are written by the writer itself from numeric
//! types, so they cannot carry a formula and stay numbers: -500 points is `-500`. That is why a
//! row is made of [`Cell`]s that say which they are.

use std::borrow::Cow;

/// One cell of a row: text (neutralised) or a number (written as it is).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Words from a person, a file or the platform.
    Text(&'a str),
    /// A whole number: an ID, a count, a code, a row number.
    Int(i128),
    /// A measured number: points, an amount. Written exactly (Rust's shortest form that reads
    /// back the same; `200.0` is `200`); not finite is blank.
    Number(f64),
    /// Nothing known.
    Blank,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(s)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(s: &'a String) -> Self {
        Cell::Text(s)
    }
}

impl From<f64> for Cell<'_> {
    fn from(n: f64) -> Self {
        Cell::Number(n)
    }
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Cell<'_> {
            fn from(n: $t) -> Self {
                Cell::Int(n as i128)
            }
        }
    )*};
}
whole_numbers!(u32, u64, usize, i32, i64);

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Blank, Into::into)
    }
}

/// Text a spreadsheet would read as a formula (or as the start of one after a tab or a line
/// break), made text with a leading `'`; anything else as it is.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

impl Cell<'_> {
    fn written(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => neutralise(s),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Number(n) if n.is_finite() => Cow::Owned(n.to_string()),
            Cell::Number(_) | Cell::Blank => Cow::Borrowed(""),
        }
    }
}

/// A CSV file being written: a header, then rows, then [`CsvWriter::finish`].
pub struct CsvWriter {
    out: csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    pub fn new<'h>(header: impl IntoIterator<Item = &'h str>) -> CsvWriter {
        let mut w =
            CsvWriter { out: csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new()) };
        w.row(header.into_iter().map(Cell::Text));
        w
    }

    pub fn row<'c>(&mut self, cells: impl IntoIterator<Item = Cell<'c>>) {
        let cells: Vec<Cell> = cells.into_iter().collect();
        // Writing into memory cannot fail; a row of the wrong length is our bug, caught by tests.
        let _ = self.out.write_record(cells.iter().map(|c| c.written().into_owned()));
    }

    /// The file's text, with its BOM.
    pub fn finish(self) -> String {
        let bytes = self.out.into_inner().unwrap_or_default();
        format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_starts_a_formula_gets_a_quote_and_numbers_stay_numbers() {
        let mut w = CsvWriter::new(["text", "int", "number", "blank"]);
        for hostile in ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            w.row([Cell::Text(hostile), Cell::Int(-500), Cell::Number(-12.5), Cell::Blank]);
        }
        w.row([Cell::Text("plain, with a comma"), 7u64.into(), 200.0.into(), None::<f64>.into()]);
        w.row([Cell::Text("a-b = c"), Cell::Int(0), Cell::Number(f64::NAN), Cell::Text("")]);
        let csv = w.finish();
        assert!(csv.starts_with('\u{feff}'));
        let mut r = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<Vec<String>> = r.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let texts: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            texts,
            [
                "'=HYPERLINK(\"http://x\",\"y\")",
                "'+1",
                "'-2+3",
                "'@SUM(A1)",
                "'\tx",
                "'\rx",
                "plain, with a comma",
                "a-b = c"
            ]
        );
        assert!(rows[..6].iter().all(|r| r[1] == "-500" && r[2] == "-12.5" && r[3].is_empty()));
        assert_eq!(rows[6][1..], ["7", "200", ""]);
        assert_eq!(rows[7][1..], ["0", "", ""]);
        assert!(csv.contains("\r\n") && !csv.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn the_header_is_the_first_row() {
        let csv = CsvWriter::new(["a", "b"]).finish();
        assert_eq!(csv, "\u{feff}a,b\r\n");
    }
}
