//! Reading the CSV file: encoding, separator, the columns and their roles, rows numbered as a spreadsheet does.

use std::fmt;

/// The columns the import knows, in the template's order.
pub const KNOWN_COLUMNS: [&str; 3] = ["externalId", "groupName", "maxGroupSize"];

/// The file behind "Download template".
pub const TEMPLATE_CSV: &str = "externalId,groupName,maxGroupSize,ug_status\r\n\
family_smith_01,The Smiths,6,Active\r\n\
fleet_north_02,\"North fleet, vans\",25,\r\n";

/// What a column of the file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    ExternalId,
    GroupName,
    MaxGroupSize,
    /// Any other column: an extended field named by its header.
    Extended,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header as written (trimmed).
    pub name: String,
    pub role: Role,
    /// Extended columns can be unticked: their values are then not sent. The three known
    /// columns are always included.
    pub included: bool,
}

impl Column {
    /// What the column list shows: the header, or its position when it has none.
    pub fn label(&self, index: usize) -> String {
        if self.name.is_empty() {
            format!("Column {} (no name)", index + 1)
        } else {
            self.name.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// The row number a spreadsheet shows (the header is row 1; blank lines count).
    pub row: u64,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub delimiter: u8,
    pub columns: Vec<Column>,
    pub rows: Vec<CsvRow>,
}

/// Why a file cannot be imported at all (a row's problems are reported per row instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// Nothing but blank lines.
    Empty,
    /// A header and no rows.
    NoRows,
    /// Not UTF-8 (Excel's plain "CSV" is Windows-1252): the first bad row.
    NotUtf8 { row: u64 },
    /// The header lacks a column the platform requires.
    MissingColumn(&'static str),
    /// Two columns with the same name.
    DuplicateColumn(String),
    /// The reader gave up (cannot happen with the reader's settings, but not a panic).
    Unreadable(String),
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => f.write_str("The file is empty."),
            CsvError::NoRows => f.write_str("The file has a header line but no rows of groups."),
            CsvError::NotUtf8 { row } => write!(
                f,
                "The file is not UTF-8 text (first seen on row {row}). In Excel, save it as “CSV UTF-8”, then choose it again."
            ),
            CsvError::MissingColumn(name) => write!(
                f,
                "The file has no {name} column. The first line must name the columns: externalId, groupName, maxGroupSize (see the template)."
            ),
            CsvError::DuplicateColumn(name) => {
                write!(f, "Two columns are named {name}. Rename or delete one of them, then choose the file again.")
            }
            CsvError::Unreadable(detail) => write!(f, "The file could not be read as CSV: {detail}"),
        }
    }
}

impl std::error::Error for CsvError {}

/// `External ID`, `external_id`, ` ExternalId ` all name the externalId column.
pub fn role_of(header: &str) -> Role {
    let key: String = header.chars().filter(|c| !matches!(c, ' ' | '_' | '-')).flat_map(char::to_lowercase).collect();
    match key.as_str() {
        "externalid" => Role::ExternalId,
        "groupname" => Role::GroupName,
        "maxgroupsize" => Role::MaxGroupSize,
        _ => Role::Extended,
    }
}

/// `;` when the header line (outside quotes) has more semicolons than commas, else `,`.
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted, mut seen_text) = (0usize, 0usize, false, false);
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted && seen_text => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            seen_text = true;
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Line breaks as a spreadsheet counts them: LF, CRLF or a lone CR.
fn line_breaks(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// Reads a CSV file of groups: the header, then every non-blank row.
pub fn parse(bytes: &[u8]) -> Result<CsvFile, CsvError> {
    let (delimiter, header, rows) = read(bytes)?;
    let columns = columns_of(&header)?;
    if rows.is_empty() {
        return Err(CsvError::NoRows);
    }
    Ok(CsvFile { delimiter, columns, rows })
}

/// Reads any CSV file: its separator, the header line (trimmed names), then every non-blank
/// row numbered as a spreadsheet numbers it. A file of nothing but blank lines is `Empty`.
pub fn read(bytes: &[u8]) -> Result<(u8, Vec<String>, Vec<CsvRow>), CsvError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimiter = sniff_delimiter(bytes);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    // Row numbers as a spreadsheet shows them: line breaks before the record, less those
    // inside quoted fields of earlier records. (The reader's own record positions lag
    // behind after CRLF and skipped blank lines, so they are not used.)
    let mut end = 0usize;
    let (mut counted_to, mut breaks, mut embedded) = (0usize, 0u64, 0u64);
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(CsvError::Unreadable(e.to_string())),
        }
        let start = end + bytes[end.min(bytes.len())..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        end = (reader.position().byte() as usize).min(bytes.len());
        breaks += line_breaks(&bytes[counted_to.min(start)..start]);
        counted_to = start;
        let row = 1 + breaks - embedded;
        embedded += record.iter().map(line_breaks).sum::<u64>();
        let mut values = Vec::with_capacity(record.len());
        for field in record.iter() {
            match std::str::from_utf8(field) {
                Ok(s) => values.push(s.to_string()),
                Err(_) => return Err(CsvError::NotUtf8 { row }),
            }
        }
        if values.iter().all(|v| v.trim().is_empty()) {
            continue; // a blank line, or one of only separators
        }
        if header.is_none() {
            header = Some(values);
        } else {
            rows.push(CsvRow { row, values });
        }
    }
    let header = header.ok_or(CsvError::Empty)?;
    Ok((delimiter, header.iter().map(|h| h.trim().to_string()).collect(), rows))
}

fn columns_of(header: &[String]) -> Result<Vec<Column>, CsvError> {
    let mut columns: Vec<Column> = Vec::with_capacity(header.len());
    for name in header {
        let name = name.trim().to_string();
        let role = role_of(&name);
        let clash = columns.iter().any(|c| match role {
            Role::Extended => c.role == Role::Extended && !name.is_empty() && c.name == name,
            known => c.role == known,
        });
        if clash {
            return Err(CsvError::DuplicateColumn(name));
        }
        // A column without a name (often a trailing separator) is not sent unless ticked.
        let included = !name.is_empty();
        columns.push(Column { name, role, included });
    }
    for (role, name) in [(Role::ExternalId, "externalId"), (Role::MaxGroupSize, "maxGroupSize")] {
        if !columns.iter().any(|c| c.role == role) {
            return Err(CsvError::MissingColumn(name));
        }
    }
    Ok(columns)
}

impl CsvFile {
    /// The row's value in the column of that role ("" when the file has no such column or
    /// the row is short).
    pub fn value<'a>(&self, row: &'a CsvRow, role: Role) -> &'a str {
        self.columns
            .iter()
            .position(|c| c.role == role)
            .and_then(|i| row.values.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Ticks or unticks an extended column (the known ones always stay).
    pub fn set_included(&mut self, column: usize, included: bool) {
        if let Some(c) = self.columns.get_mut(column).filter(|c| c.role == Role::Extended) {
            c.included = included;
        }
    }
}

/// A file the test knows to be readable.
#[cfg(test)]
pub(crate) fn parsed(text: &str) -> CsvFile {
    parse(text.as_bytes()).expect("parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(f: &CsvFile) -> Vec<Vec<&str>> {
        f.rows.iter().map(|r| r.values.iter().map(String::as_str).collect()).collect()
    }

    fn row_numbers(f: &CsvFile) -> Vec<u64> {
        f.rows.iter().map(|r| r.row).collect()
    }

    #[test]
    fn a_plain_file_with_the_three_columns() {
        let f = parsed("externalId,groupName,maxGroupSize\nfam_1,The Smiths,6\nfam_2,,4\n");
        assert_eq!(f.delimiter, b',');
        assert_eq!(
            f.columns.iter().map(|c| c.role).collect::<Vec<_>>(),
            [Role::ExternalId, Role::GroupName, Role::MaxGroupSize]
        );
        assert_eq!(values(&f), [vec!["fam_1", "The Smiths", "6"], vec!["fam_2", "", "4"]]);
        assert_eq!(row_numbers(&f), [2, 3]);
    }

    #[test]
    fn quoted_fields_keep_separators_quotes_and_newlines() {
        let f = parsed("externalId,groupName,maxGroupSize\r\n\"a,1\",\"The \"\"Best\"\" family\",6\r\n\"b\",\"two\r\nlines\",7\r\nc,x,8\r\n");
        assert_eq!(
            values(&f),
            [vec!["a,1", "The \"Best\" family", "6"], vec!["b", "two\r\nlines", "7"], vec!["c", "x", "8"]]
        );
        // Rows as a spreadsheet numbers them: the embedded newline does not start a row.
        assert_eq!(row_numbers(&f), [2, 3, 4]);
    }

    #[test]
    fn a_bom_is_not_part_of_the_first_header() {
        let f = parsed("\u{feff}externalId,maxGroupSize\nx,1\n");
        assert_eq!(f.columns[0].role, Role::ExternalId);
        assert_eq!(f.columns[0].name, "externalId");
    }

    #[test]
    fn semicolons_are_sniffed_from_the_header_line() {
        let f = parsed("externalId;groupName;maxGroupSize\nfam_1;Smith, John;6\n");
        assert_eq!(f.delimiter, b';');
        assert_eq!(values(&f), [vec!["fam_1", "Smith, John", "6"]]);
        // Commas in the header win ties and majorities; quoted separators do not count.
        assert_eq!(sniff_delimiter(b"\"a;b;c\",x,y\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter(b"\n\n a;b,c;d\n"), b';');
        assert_eq!(sniff_delimiter(b"externalId\n1"), b',');
    }

    #[test]
    fn blank_lines_and_lines_of_separators_are_skipped_but_counted_as_rows() {
        let f = parsed("\n\nexternalId,groupName,maxGroupSize\n\na,,1\n,,\n   \nb,,2\n\n");
        assert_eq!(values(&f), [vec!["a", "", "1"], vec!["b", "", "2"]]);
        assert_eq!(row_numbers(&f), [5, 8]);
    }

    #[test]
    fn headers_are_matched_loosely_and_other_columns_are_extended_fields() {
        let f = parsed(" External ID ;GROUP_NAME;max group size;ug_status;\nx;y;1;Active;\n");
        assert_eq!(
            f.columns.iter().map(|c| (c.name.as_str(), c.role, c.included)).collect::<Vec<_>>(),
            [
                ("External ID", Role::ExternalId, true),
                ("GROUP_NAME", Role::GroupName, true),
                ("max group size", Role::MaxGroupSize, true),
                ("ug_status", Role::Extended, true),
                ("", Role::Extended, false),
            ]
        );
        assert_eq!(f.columns[4].label(4), "Column 5 (no name)");
    }

    #[test]
    fn files_that_cannot_be_imported_say_why() {
        assert_eq!(parse(b""), Err(CsvError::Empty));
        assert_eq!(parse(b"\xEF\xBB\xBF\n\n ,\n"), Err(CsvError::Empty));
        assert_eq!(parse(b"externalId,maxGroupSize\n"), Err(CsvError::NoRows));
        assert_eq!(parse(b"groupName,maxGroupSize\nx,1\n"), Err(CsvError::MissingColumn("externalId")));
        assert_eq!(parse(b"externalId,groupName\nx,y\n"), Err(CsvError::MissingColumn("maxGroupSize")));
        assert_eq!(
            parse(b"externalId,external_id,maxGroupSize\nx,y,1\n"),
            Err(CsvError::DuplicateColumn("external_id".into()))
        );
        assert_eq!(parse(b"externalId,maxGroupSize,a,a\nx,1,2,3\n"), Err(CsvError::DuplicateColumn("a".into())));
        // Windows-1252 "é" on the second data row.
        assert_eq!(parse(b"externalId,maxGroupSize\nx,1\n\ncaf\xe9,2\n"), Err(CsvError::NotUtf8 { row: 4 }));
        assert!(CsvError::NotUtf8 { row: 4 }.to_string().contains("CSV UTF-8"));
        assert!(CsvError::MissingColumn("externalId").to_string().contains("no externalId column"));
    }
}
