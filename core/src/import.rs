//! Bulk import: a CSV file of groups becomes one create request per row, sent a few at a
//! time, resumable after a reload, with a results file at the end. Everything here is plain
//! data and pure functions (the page only reads files, sends requests, keeps time and saves
//! strings to localStorage), so all of it is tested on the host.
//!
//! - [`parse`]: UTF-8 with or without BOM, `,` or `;` (sniffed from the header line), quoted
//!   fields with embedded separators, quotes and newlines (the `csv` crate), blank lines
//!   skipped, row numbers as a spreadsheet shows them (the header is row 1).
//! - [`check_rows`]: each row judged by the create form's own rules
//!   ([`validate_create`]), plus rows of the wrong width and external IDs repeated in the file.
//! - [`ImportJob`]: the import as a state machine over the rows (Pending → Sending → Created /
//!   Failed / Skipped), the retry policy ([`backoff_ms`]), which rows to send next
//!   ([`ImportJob::due`]), the estimate of time left, and the two strings saved in the browser
//!   ([`ImportJob::plan_json`] once, [`ImportJob::progress_json`] after every change).
//! - [`results_csv`] and [`TEMPLATE_CSV`]: the files the user downloads.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::types::{ApiWarning, CreateGroupRequest, GroupDetails};
use crate::validate::{validate_create, CreateGroupErrors, CreateGroupInput};

/// Sends at most this many rows at once, whatever the user asks for.
pub const MAX_CONCURRENCY: u32 = 8;
pub const DEFAULT_CONCURRENCY: u32 = 2;
/// A row that keeps failing for a transient reason is given up after this many attempts.
pub const MAX_ATTEMPTS: u32 = 5;
/// First retry after 1 s, then 2 s, 4 s, 8 s… never more than 30 s.
pub const BACKOFF_BASE_MS: f64 = 1_000.0;
pub const BACKOFF_CAP_MS: f64 = 30_000.0;
/// A 429 without Retry-After: wait a minute (the platform's limits are per minute).
pub const RATE_LIMIT_DEFAULT_WAIT_MS: f64 = 60_000.0;
/// Bumped when the saved shape changes: an older save is then discarded, not misread.
pub const STATE_VERSION: u32 = 1;

/// The columns the import knows, in the template's order.
pub const KNOWN_COLUMNS: [&str; 3] = ["externalId", "groupName", "maxGroupSize"];

/// The file behind "Download template".
pub const TEMPLATE_CSV: &str = "externalId,groupName,maxGroupSize,ug_status\r\n\
family_smith_01,The Smiths,6,Active\r\n\
fleet_north_02,\"North fleet, vans\",25,\r\n";

// ------------------------------------------------------------------ parsing

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

/// Reads a CSV file: the header, then every non-blank row.
pub fn parse(bytes: &[u8]) -> Result<CsvFile, CsvError> {
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
    let columns = columns_of(&header)?;
    if rows.is_empty() {
        return Err(CsvError::NoRows);
    }
    Ok(CsvFile { delimiter, columns, rows })
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

// ------------------------------------------------------------------ checking rows

/// A row's verdict: the request to send, or every reason it cannot be sent.
pub type RowCheck = Result<CreateGroupRequest, Vec<String>>;

impl CsvFile {
    fn value<'a>(&self, row: &'a CsvRow, role: Role) -> &'a str {
        self.columns
            .iter()
            .position(|c| c.role == role)
            .and_then(|i| row.values.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The row as the create form would hold it: ticked extended columns with a value.
    pub fn input(&self, row: &CsvRow) -> (CreateGroupInput, Vec<usize>) {
        let mut fields = Vec::new();
        let mut field_columns = Vec::new();
        for (i, c) in self.columns.iter().enumerate() {
            let value = row.values.get(i).map(String::as_str).unwrap_or("");
            // An empty cell means "not set for this group", not an error.
            if c.role == Role::Extended && c.included && !value.trim().is_empty() {
                fields.push((c.name.clone(), value.to_string()));
                field_columns.push(i);
            }
        }
        let input = CreateGroupInput {
            external_id: self.value(row, Role::ExternalId).to_string(),
            group_name: self.value(row, Role::GroupName).to_string(),
            max_group_size: self.value(row, Role::MaxGroupSize).to_string(),
            extended_fields: fields,
        };
        (input, field_columns)
    }

    pub fn external_id<'a>(&self, row: &'a CsvRow) -> &'a str {
        self.value(row, Role::ExternalId).trim()
    }

    pub fn group_name<'a>(&self, row: &'a CsvRow) -> &'a str {
        self.value(row, Role::GroupName).trim()
    }

    pub fn max_group_size<'a>(&self, row: &'a CsvRow) -> &'a str {
        self.value(row, Role::MaxGroupSize).trim()
    }

    /// Ticks or unticks an extended column (the known ones always stay).
    pub fn set_included(&mut self, column: usize, included: bool) {
        if let Some(c) = self.columns.get_mut(column).filter(|c| c.role == Role::Extended) {
            c.included = included;
        }
    }
}

/// The create form's messages for a row, with extended fields named by their column.
fn messages(errors: CreateGroupErrors, file: &CsvFile, field_columns: &[usize]) -> Vec<String> {
    let per_field = errors.extended_fields.clone();
    let mut out = CreateGroupErrors { extended_fields: Vec::new(), ..errors }.messages();
    for (i, (name_err, value_err)) in per_field.into_iter().enumerate() {
        let column = field_columns.get(i).map(|&c| file.columns[c].label(c)).unwrap_or_default();
        for e in [name_err, value_err].into_iter().flatten() {
            out.push(format!("Column {column}: {e}"));
        }
    }
    out
}

/// Every row judged by the create form's rules, plus the file's own problems: a row with
/// more or fewer values than the header, and an external ID already used higher up.
pub fn check_rows(file: &CsvFile, limit: u32) -> Vec<RowCheck> {
    let width = file.columns.len();
    let mut first_seen: HashMap<&str, u64> = HashMap::new();
    file.rows
        .iter()
        .map(|row| {
            let mut problems = Vec::new();
            if row.values.len() != width {
                problems.push(format!(
                    "This row has {} values but the header has {} columns: check for a missing or extra {}.",
                    row.values.len(),
                    width,
                    if file.delimiter == b';' { "semicolon" } else { "comma" }
                ));
            }
            let (input, field_columns) = file.input(row);
            let verdict = validate_create(&input, limit);
            let ext = file.external_id(row);
            if !ext.is_empty() {
                match first_seen.get(ext) {
                    Some(first) => problems.push(format!(
                        "External ID: {ext} is also on row {first}; each group needs its own external ID."
                    )),
                    None => {
                        first_seen.insert(ext, row.row);
                    }
                }
            }
            match verdict {
                Ok(req) if problems.is_empty() => Ok(req),
                Ok(_) => Err(problems),
                Err(errors) => {
                    let mut all = messages(errors, file, &field_columns);
                    all.extend(problems);
                    Err(all)
                }
            }
        })
        .collect()
}

/// How many rows are invalid.
pub fn invalid_count(checks: &[RowCheck]) -> usize {
    checks.iter().filter(|c| c.is_err()).count()
}

// ------------------------------------------------------------------ the import

/// One row of the import as planned when it starts (saved once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRow {
    pub row: u64,
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub group_name: String,
    /// What is sent; `None` for a skipped (invalid) row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<CreateGroupRequest>,
    /// Why a skipped row was skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub version: u32,
    /// Identifies the import (its start, epoch ms): the saved progress must name the same.
    pub id: f64,
    pub file_name: String,
    pub rows: Vec<PlanRow>,
}

/// Where a row is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "s", rename_all = "camelCase")]
pub enum RowStatus {
    Pending,
    /// A request is out (or was, when the page went away: then the outcome is unknown).
    Sending,
    Created {
        id: u64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        warnings: Vec<ApiWarning>,
        /// Set when the row was found on the platform instead of being created by our answer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// `transient` failures are tried again until [`MAX_ATTEMPTS`].
    Failed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
        message: String,
        transient: bool,
    },
    /// Invalid in the file and skipped by the user.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowState {
    #[serde(flatten)]
    pub status: RowStatus,
    /// Requests that ended in a failure (a 429 does not count).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub attempts: u32,
    /// Not before this time (epoch ms): the backoff after a transient failure.
    #[serde(default, skip_serializing_if = "is_zero_f")]
    pub not_before: f64,
    /// An earlier request may have reached the platform without us seeing the answer
    /// (timeout, dropped connection, page closed): look the group up before sending again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verify: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_zero_f(n: &f64) -> bool {
    *n == 0.0
}

impl RowState {
    fn new(status: RowStatus) -> RowState {
        RowState { status, attempts: 0, not_before: 0.0, verify: false }
    }

    /// Nothing more will happen to this row.
    pub fn is_final(&self) -> bool {
        match &self.status {
            RowStatus::Created { .. } | RowStatus::Skipped => true,
            RowStatus::Failed { transient, .. } => !transient || self.attempts >= MAX_ATTEMPTS,
            RowStatus::Pending | RowStatus::Sending => false,
        }
    }

    /// Failed for good.
    pub fn is_failed(&self) -> bool {
        matches!(self.status, RowStatus::Failed { .. }) && self.is_final()
    }

    /// Waiting for its retry.
    pub fn is_retrying(&self) -> bool {
        matches!(self.status, RowStatus::Failed { .. }) && !self.is_final()
    }

    /// In one word: created, failed, skipped, retrying, sending, pending, or "not sent"
    /// once the import was cancelled.
    pub fn outcome(&self, cancelled: bool) -> &'static str {
        match &self.status {
            RowStatus::Created { .. } => "created",
            RowStatus::Skipped => "skipped",
            RowStatus::Failed { .. } if self.is_final() => "failed",
            RowStatus::Sending => "sending",
            // Its request's answer never arrived, and the import stopped before looking.
            _ if cancelled && self.verify => "unknown",
            _ if cancelled => "not sent",
            RowStatus::Failed { .. } => "retrying",
            RowStatus::Pending => "pending",
        }
    }
}

/// The changing half of the import (saved after every change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub version: u32,
    pub id: f64,
    pub concurrency: u32,
    #[serde(default)]
    pub paused: bool,
    #[serde(default)]
    pub cancelled: bool,
    /// No request before this time (epoch ms): the platform said 429.
    #[serde(default)]
    pub wait_until: f64,
    /// Why the import is paused or waiting, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub rows: Vec<RowState>,
}

/// The counts shown above the progress bar. `done` are created; `failed` failed for good;
/// `remaining` is everything else that will be sent (or would have been, after Cancel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub remaining: usize,
    pub skipped: usize,
    pub sending: usize,
    pub retrying: usize,
}

/// What the page does with a row it may start now.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// POST this request.
    Send(CreateGroupRequest),
    /// GET the group by this external ID first: an earlier request's outcome is unknown.
    LookUp(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportJob {
    pub plan: Plan,
    pub progress: Progress,
}

/// The delay before attempt `attempts + 1`, after `attempts` failures: 1 s, 2 s, 4 s… ≤ 30 s.
pub fn backoff_ms(attempts: u32) -> f64 {
    let exp = attempts.saturating_sub(1).min(16);
    (BACKOFF_BASE_MS * f64::from(1u32 << exp)).min(BACKOFF_CAP_MS)
}

impl ImportJob {
    /// A new import of the checked rows. Invalid rows are skipped (the page starts an
    /// import with invalid rows only when the user chose to skip them).
    pub fn new(id: f64, file_name: &str, file: &CsvFile, checks: &[RowCheck], concurrency: u32) -> ImportJob {
        let mut rows = Vec::with_capacity(file.rows.len());
        let mut states = Vec::with_capacity(file.rows.len());
        for (row, check) in file.rows.iter().zip(checks) {
            let (request, problems, status) = match check {
                Ok(req) => (Some(req.clone()), Vec::new(), RowStatus::Pending),
                Err(problems) => (None, problems.clone(), RowStatus::Skipped),
            };
            rows.push(PlanRow {
                row: row.row,
                external_id: file.external_id(row).to_string(),
                group_name: file.group_name(row).to_string(),
                request,
                problems,
            });
            states.push(RowState::new(status));
        }
        ImportJob {
            plan: Plan { version: STATE_VERSION, id, file_name: file_name.to_string(), rows },
            progress: Progress {
                version: STATE_VERSION,
                id,
                concurrency: concurrency.clamp(1, MAX_CONCURRENCY),
                paused: false,
                cancelled: false,
                wait_until: 0.0,
                notice: None,
                rows: states,
            },
        }
    }

    pub fn plan_json(&self) -> String {
        serde_json::to_string(&self.plan).unwrap_or_default()
    }

    pub fn progress_json(&self) -> String {
        serde_json::to_string(&self.progress).unwrap_or_default()
    }

    /// The import saved by an earlier page, if both halves read and belong together. It
    /// comes back paused; a row that was being sent has an unknown outcome and is looked up
    /// before it is sent again.
    pub fn restore(plan_json: &str, progress_json: &str) -> Option<ImportJob> {
        let plan: Plan = serde_json::from_str(plan_json).ok()?;
        let mut progress: Progress = serde_json::from_str(progress_json).ok()?;
        if plan.version != STATE_VERSION
            || progress.version != STATE_VERSION
            || plan.id != progress.id
            || plan.rows.len() != progress.rows.len()
        {
            return None;
        }
        for (state, row) in progress.rows.iter_mut().zip(&plan.rows) {
            if row.request.is_none() {
                state.status = RowStatus::Skipped;
            } else if state.status == RowStatus::Sending {
                state.status = RowStatus::Pending;
                state.verify = true;
            }
        }
        if !progress.cancelled {
            progress.paused = true;
            progress.notice = None;
        }
        progress.concurrency = progress.concurrency.clamp(1, MAX_CONCURRENCY);
        Some(ImportJob { plan, progress })
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for s in &self.progress.rows {
            match &s.status {
                RowStatus::Skipped => c.skipped += 1,
                RowStatus::Created { .. } => c.done += 1,
                RowStatus::Sending => c.sending += 1,
                _ if s.is_failed() => c.failed += 1,
                _ if s.is_retrying() => c.retrying += 1,
                _ => {}
            }
        }
        c.total = self.progress.rows.len() - c.skipped;
        c.remaining = c.total - c.done - c.failed;
        c
    }

    /// Nothing is out and nothing more will be sent.
    pub fn is_finished(&self) -> bool {
        let rows = &self.progress.rows;
        !rows.iter().any(|s| s.status == RowStatus::Sending)
            && (self.progress.cancelled || rows.iter().all(RowState::is_final))
    }

    /// The rows to start now, in file order: as many as the concurrency leaves room for,
    /// none while paused, cancelled or told to wait by a 429.
    pub fn due(&self, now: f64) -> Vec<usize> {
        let p = &self.progress;
        if p.paused || p.cancelled || now < p.wait_until {
            return Vec::new();
        }
        let out = p.rows.iter().filter(|s| s.status == RowStatus::Sending).count();
        let room = (p.concurrency as usize).saturating_sub(out);
        p.rows
            .iter()
            .enumerate()
            .filter(|(_, s)| match s.status {
                RowStatus::Pending => s.not_before <= now,
                RowStatus::Failed { .. } => s.is_retrying() && s.not_before <= now,
                _ => false,
            })
            .map(|(i, _)| i)
            .take(room)
            .collect()
    }

    /// When something will next be due (epoch ms), for a timer; `None` if nothing waits.
    pub fn next_due_at(&self) -> Option<f64> {
        let p = &self.progress;
        if p.paused || p.cancelled {
            return None;
        }
        p.rows
            .iter()
            .filter(|s| s.status == RowStatus::Pending || s.is_retrying())
            .map(|s| s.not_before.max(p.wait_until))
            .min_by(f64::total_cmp)
    }

    /// Marks the row as being sent (save before the request leaves) and says what to do.
    pub fn start(&mut self, i: usize) -> Option<Step> {
        let req = self.plan.rows.get(i)?.request.clone()?;
        let state = &mut self.progress.rows[i];
        state.status = RowStatus::Sending;
        Some(if state.verify { Step::LookUp(req.external_id) } else { Step::Send(req) })
    }

    pub fn created(&mut self, i: usize, id: u64, warnings: Vec<ApiWarning>) {
        self.set(i, RowStatus::Created { id, warnings, note: None });
        self.progress.rows[i].verify = false;
    }

    /// A request for row `i` failed. A 429 puts the row back and makes every row wait
    /// (Retry-After, else a minute) without counting an attempt; refused credentials pause
    /// the whole import (every row would fail the same way); a transient failure is retried
    /// after [`backoff_ms`]; anything else fails the row for good.
    pub fn failed(&mut self, i: usize, e: &ApiError, now: f64) {
        let p = &mut self.progress;
        let Some(state) = p.rows.get_mut(i) else { return };
        match e {
            ApiError::RateLimited { retry_after } => {
                let wait = retry_after.map(|s| s as f64 * 1000.0).unwrap_or(RATE_LIMIT_DEFAULT_WAIT_MS);
                state.status = RowStatus::Pending;
                p.wait_until = p.wait_until.max(now + wait);
                p.notice = Some(e.headline());
            }
            ApiError::Auth { .. } => {
                state.status = RowStatus::Pending;
                p.paused = true;
                p.notice = Some(e.headline());
            }
            // 1633 on a retry: the earlier attempt may have created it after all (an answer
            // lost in a way that did not look lost). Look it up before calling it a duplicate.
            ApiError::Api { code: Some(1633), .. } if state.attempts > 0 && state.attempts < MAX_ATTEMPTS => {
                state.attempts += 1;
                state.verify = true;
                state.not_before = now;
                state.status = RowStatus::Failed {
                    code: Some(1633),
                    status: e.status(),
                    message: "The external ID exists now: checking whether an earlier attempt for this row created it."
                        .into(),
                    transient: true,
                };
            }
            _ => {
                state.attempts += 1;
                // The answer was lost: the group may exist. Look it up before sending again.
                state.verify = state.verify || e.outcome_unknown();
                let transient = e.is_transient();
                state.not_before = if transient { now + backoff_ms(state.attempts) } else { 0.0 };
                let mut message = e.headline();
                let technical = e.technical();
                if !technical.is_empty() {
                    message = format!("{message} ({technical})");
                }
                state.status = RowStatus::Failed { code: e.code(), status: e.status(), message, transient };
            }
        }
    }

    /// The answer to a look-up started by [`Step::LookUp`]: `Some(group)` when the external
    /// ID exists. Returns the request to send now when it does not. A group that exists with
    /// the row's name and size is the row's own earlier request: it is marked created, not
    /// sent again. One with other values was there before: the row fails as the create
    /// would (1633).
    pub fn looked_up(&mut self, i: usize, found: Option<&GroupDetails>) -> Option<CreateGroupRequest> {
        let req = self.plan.rows.get(i)?.request.clone()?;
        match found {
            None => {
                self.progress.rows[i].verify = false;
                Some(req)
            }
            Some(g) => {
                let same = g.group_name == req.group_name.clone().unwrap_or_default()
                    && g.max_group_size == Some(i64::from(req.max_group_size));
                if same {
                    self.set(i, RowStatus::Created {
                        id: g.id.0,
                        warnings: Vec::new(),
                        note: Some(
                            "Already on the platform: an earlier request for this row went through without its answer arriving. Not sent again."
                                .into(),
                        ),
                    });
                } else {
                    self.set(
                        i,
                        RowStatus::Failed {
                            code: Some(1633),
                            status: None,
                            message:
                                "A group with this external ID already exists, with another name or size. Not sent."
                                    .into(),
                            transient: false,
                        },
                    );
                }
                self.progress.rows[i].verify = false;
                None
            }
        }
    }

    fn set(&mut self, i: usize, status: RowStatus) {
        if let Some(s) = self.progress.rows.get_mut(i) {
            s.status = status;
        }
    }

    pub fn pause(&mut self) {
        self.progress.paused = true;
    }

    /// Resumes; a 429's wait still applies.
    pub fn resume(&mut self) {
        self.progress.paused = false;
        if self.progress.wait_until == 0.0 {
            self.progress.notice = None;
        } else {
            self.progress.notice = self.progress.notice.take().filter(|_| self.progress.wait_until > 0.0);
        }
    }

    /// Sends nothing more; requests already out finish and are recorded.
    pub fn cancel(&mut self) {
        self.progress.cancelled = true;
        self.progress.paused = false;
        self.progress.notice = None;
    }

    /// The 429 wait is over: clear its notice.
    pub fn clear_wait(&mut self, now: f64) {
        if self.progress.wait_until != 0.0 && now >= self.progress.wait_until {
            self.progress.wait_until = 0.0;
            if !self.progress.paused {
                self.progress.notice = None;
            }
        }
    }

    /// Rows that failed for a transient reason and gave up get another round of attempts.
    pub fn retry_failed(&mut self) -> usize {
        let mut n = 0;
        for s in &mut self.progress.rows {
            if matches!(s.status, RowStatus::Failed { transient: true, .. }) && s.is_final() {
                s.attempts = 0;
                s.not_before = 0.0;
                n += 1;
            }
        }
        if n > 0 {
            self.progress.cancelled = false;
        }
        n
    }

    /// The row's outcome in words, for the table and the results file.
    pub fn outcome(&self, i: usize) -> &'static str {
        self.progress.rows[i].outcome(self.progress.cancelled)
    }
}

// ------------------------------------------------------------------ time left

/// Milliseconds left at the pace of the latest completions (epoch ms, oldest first; the last
/// 20 or so are enough), plus any 429 wait. `None` until two completions give a pace.
pub fn time_left_ms(completions: &[f64], remaining: usize, now: f64, wait_until: f64) -> Option<f64> {
    if remaining == 0 {
        return Some(0.0);
    }
    let recent = &completions[completions.len().saturating_sub(20)..];
    let (first, last) = (recent.first()?, recent.last()?);
    if recent.len() < 2 || last <= first {
        return None;
    }
    let per_row = (last - first) / (recent.len() - 1) as f64;
    Some(per_row * remaining as f64 + (wait_until - now).max(0.0))
}

/// "about 20 s left", "about 3 min left".
pub fn time_left_words(ms: f64) -> String {
    let s = (ms / 1000.0).ceil().max(1.0) as u64;
    if s < 60 {
        format!("about {s} s left")
    } else {
        format!("about {} min left", (s + 30) / 60)
    }
}

/// "12 of 47 done · 1 failed · 34 remaining · about 20 s left".
pub fn progress_words(c: &Counts, time_left: Option<f64>) -> String {
    let mut s = format!("{} of {} done · {} failed · {} remaining", c.done, c.total, c.failed, c.remaining);
    if c.remaining > 0 {
        if let Some(ms) = time_left {
            s.push_str(" · ");
            s.push_str(&time_left_words(ms));
        }
    }
    s
}

// ------------------------------------------------------------------ results file

pub const RESULTS_HEADER: [&str; 8] =
    ["row", "externalId", "groupName", "outcome", "groupId", "code", "message", "warnings"];

fn warning_text(w: &ApiWarning) -> String {
    match w.code {
        Some(c) if w.message.is_empty() => format!("{c}"),
        Some(c) => format!("{c}: {}", w.message),
        None => w.message.clone(),
    }
}

/// Every row of the file with its outcome, as CSV (CRLF, with a BOM so spreadsheets read
/// it as UTF-8).
pub fn results_csv(job: &ImportJob) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record(RESULTS_HEADER);
    for (i, (plan, state)) in job.plan.rows.iter().zip(&job.progress.rows).enumerate() {
        let (id, code, message, warnings) = match &state.status {
            RowStatus::Created { id, warnings, note } => (
                id.to_string(),
                String::new(),
                note.clone().unwrap_or_default(),
                warnings.iter().map(warning_text).collect::<Vec<_>>().join(" | "),
            ),
            RowStatus::Failed { code, status, message, .. } => (
                String::new(),
                code.map(|c| c.to_string()).or(status.map(|s| format!("HTTP {s}"))).unwrap_or_default(),
                message.clone(),
                String::new(),
            ),
            RowStatus::Skipped => (String::new(), String::new(), plan.problems.join(" "), String::new()),
            _ if job.progress.cancelled && state.verify => (
                String::new(),
                String::new(),
                "A request was sent but its answer never arrived, and the import was cancelled before checking: look the group up before sending it again.".into(),
                String::new(),
            ),
            _ if job.progress.cancelled => (String::new(), String::new(), "Not sent: the import was cancelled.".into(), String::new()),
            _ => (String::new(), String::new(), "Not sent yet.".into(), String::new()),
        };
        let _ = w.write_record([
            plan.row.to_string().as_str(),
            &plan.external_id,
            &plan.group_name,
            job.outcome(i),
            &id,
            &code,
            &message,
            &warnings,
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Id;

    fn parsed(text: &str) -> CsvFile {
        parse(text.as_bytes()).expect("parses")
    }

    fn values(f: &CsvFile) -> Vec<Vec<&str>> {
        f.rows.iter().map(|r| r.values.iter().map(String::as_str).collect()).collect()
    }

    // ---- parsing

    #[test]
    fn a_plain_file_with_the_three_columns() {
        let f = parsed("externalId,groupName,maxGroupSize\nfam_1,The Smiths,6\nfam_2,,4\n");
        assert_eq!(f.delimiter, b',');
        assert_eq!(
            f.columns.iter().map(|c| c.role).collect::<Vec<_>>(),
            [Role::ExternalId, Role::GroupName, Role::MaxGroupSize]
        );
        assert_eq!(values(&f), [vec!["fam_1", "The Smiths", "6"], vec!["fam_2", "", "4"]]);
        assert_eq!(f.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn quoted_fields_keep_separators_quotes_and_newlines() {
        let f = parsed("externalId,groupName,maxGroupSize\r\n\"a,1\",\"The \"\"Best\"\" family\",6\r\n\"b\",\"two\r\nlines\",7\r\nc,x,8\r\n");
        assert_eq!(
            values(&f),
            [vec!["a,1", "The \"Best\" family", "6"], vec!["b", "two\r\nlines", "7"], vec!["c", "x", "8"]]
        );
        // Rows as a spreadsheet numbers them: the embedded newline does not start a row.
        assert_eq!(f.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3, 4]);
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
        assert_eq!(f.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [5, 8]);
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

    #[test]
    fn a_very_long_field_is_read_whole_and_judged_by_the_rules() {
        let long = "x".repeat(100_000);
        let f = parsed(&format!("externalId,groupName,maxGroupSize\nok,\"{long}\",6\n"));
        assert_eq!(f.rows[0].values[1].len(), 100_000);
        let checks = check_rows(&f, 30_000);
        assert_eq!(checks[0], Err(vec!["Group name: Group name is 100000 characters; the limit is 50.".to_string()]));
    }

    #[test]
    fn unbalanced_quotes_read_to_the_end_instead_of_failing() {
        // The reader is lenient; the row is then judged (and usually fails) by the rules.
        let f = parsed("externalId,groupName,maxGroupSize\na,\"open,1\nb,c,2\n");
        assert_eq!(f.rows.len(), 1);
        assert!(check_rows(&f, 30_000)[0].is_err());
    }

    // ---- checking rows

    #[test]
    fn rows_are_judged_by_the_create_forms_rules() {
        let f = parsed(&format!(
            "externalId,groupName,maxGroupSize,ug_status\n\
             ok_1, Family ,6,Active\n\
             ,x,0,\n\
             {},{},30001,\n\
             emoji,{},abc,\n\
             ok_2,,30000,\n",
            "e".repeat(51),
            "n".repeat(50),
            "😀".repeat(26)
        ));
        let checks = check_rows(&f, 30_000);
        let req = checks[0].as_ref().unwrap();
        assert_eq!(
            serde_json::to_value(req).unwrap(),
            serde_json::json!({"externalId": "ok_1", "groupName": "Family", "maxGroupSize": 6, "extendedFields": {"ug_status": "Active"}})
        );
        assert_eq!(
            checks[1],
            Err(vec![
                "External ID: Enter an external ID.".to_string(),
                "Max group size: The group size must be at least 1.".to_string(),
            ])
        );
        assert_eq!(
            checks[2],
            Err(vec![
                "External ID: External ID is 51 characters; the limit is 50.".to_string(),
                "Max group size: The group size can be at most 30,000 (the org's limit).".to_string(),
            ])
        );
        assert_eq!(
            checks[3],
            Err(vec![
                "Group name: Group name is 52 characters; the limit is 50.".to_string(),
                "Max group size: Enter a whole number, like 6.".to_string(),
            ])
        );
        // An empty extended cell is "not set", not an error, and is not sent.
        assert_eq!(
            serde_json::to_value(checks[4].as_ref().unwrap()).unwrap(),
            serde_json::json!({"externalId": "ok_2", "maxGroupSize": 30000})
        );
        assert_eq!(invalid_count(&checks), 3);
        // The org's limit from Settings applies.
        assert!(check_rows(&f, 500)[4].is_err());
    }

    #[test]
    fn duplicate_external_ids_are_reported_on_the_later_rows() {
        let f = parsed("externalId,maxGroupSize\nsame,1\nother,2\n same ,3\nsame,x\n");
        let checks = check_rows(&f, 30_000);
        assert!(checks[0].is_ok() && checks[1].is_ok());
        assert_eq!(
            checks[2],
            Err(vec!["External ID: same is also on row 2; each group needs its own external ID.".to_string()])
        );
        assert_eq!(checks[3].as_ref().unwrap_err().len(), 2);
    }

    #[test]
    fn ragged_rows_are_reported_per_row() {
        let f = parsed("externalId,groupName,maxGroupSize\na,b,1\nc,d,2,extra\ne,3\n");
        let checks = check_rows(&f, 30_000);
        assert!(checks[0].is_ok());
        assert_eq!(
            checks[1],
            Err(vec![
                "This row has 4 values but the header has 3 columns: check for a missing or extra comma.".to_string()
            ])
        );
        let e = checks[2].as_ref().unwrap_err();
        assert!(e.iter().any(|m| m.starts_with("This row has 2 values")), "{e:?}");
    }

    #[test]
    fn unticked_columns_are_not_sent_and_bad_field_names_are_named_by_column() {
        let mut f = parsed("externalId,maxGroupSize,ug_status,bad name\na,1,Active,x\nb,2,,\n");
        let checks = check_rows(&f, 30_000);
        assert_eq!(checks[0], Err(vec!["Column bad name: Field names cannot contain spaces.".to_string()]));
        assert!(checks[1].is_ok(), "empty cells are not sent, so the bad name does not matter");
        f.set_included(3, false);
        let req = check_rows(&f, 30_000)[0].clone().unwrap();
        assert_eq!(serde_json::to_value(&req).unwrap()["extendedFields"], serde_json::json!({"ug_status": "Active"}));
        f.set_included(2, false);
        assert!(check_rows(&f, 30_000)[0].as_ref().unwrap().extended_fields.is_empty());
        // The known columns cannot be unticked.
        f.set_included(0, false);
        assert!(f.columns[0].included);
    }

    // ---- the import

    fn job_of(text: &str, concurrency: u32) -> ImportJob {
        let f = parsed(text);
        let checks = check_rows(&f, 30_000);
        ImportJob::new(1000.0, "groups.csv", &f, &checks, concurrency)
    }

    fn five() -> ImportJob {
        job_of("externalId,groupName,maxGroupSize\na,A,1\nb,B,2\n,bad,0\nc,C,3\nd,D,4\n", 2)
    }

    fn server_error() -> ApiError {
        ApiError::NotJson { status: 500, snippet: "Internal Server Error".into() }
    }

    #[test]
    fn invalid_rows_are_skipped_and_rows_go_out_a_few_at_a_time_in_order() {
        let mut job = five();
        assert_eq!(job.counts(), Counts { total: 4, remaining: 4, skipped: 1, ..Default::default() });
        assert_eq!(job.due(0.0), [0, 1]);
        assert_eq!(job.start(0), Some(Step::Send(job.plan.rows[0].request.clone().unwrap())));
        assert_eq!(job.due(0.0), [1]);
        job.start(1);
        assert!(job.due(0.0).is_empty(), "concurrency 2: two out");
        job.created(0, 11, vec![]);
        assert_eq!(job.due(0.0), [3], "the skipped row is never sent");
        assert_eq!(job.start(2), None);
        let c = job.counts();
        assert_eq!((c.done, c.sending, c.remaining), (1, 1, 3));
    }

    #[test]
    fn transient_failures_back_off_and_give_up_after_max_attempts() {
        assert_eq!([1, 2, 3, 4, 5, 6, 7].map(backoff_ms), [1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 30000.0, 30000.0]);
        let mut job = five();
        job.start(0);
        job.failed(0, &server_error(), 10_000.0);
        let s = &job.progress.rows[0];
        // A 500 page is an answer: the group was not created, so no look-up is needed.
        assert_eq!((s.attempts, s.not_before, s.verify), (1, 11_000.0, false));
        assert!(s.is_retrying());
        assert_eq!(job.outcome(0), "retrying");
        assert_eq!(job.due(10_500.0), [1, 3], "not before its backoff");
        assert_eq!(job.due(11_000.0), [0, 1]);
        for n in 2..=MAX_ATTEMPTS {
            job.start(0);
            job.failed(0, &ApiError::Timeout { secs: 15 }, 20_000.0);
            assert_eq!(job.progress.rows[0].attempts, n);
        }
        assert!(job.progress.rows[0].is_failed());
        assert_eq!(job.counts().failed, 1);
        assert!(!job.due(1e12).contains(&0));
        assert_eq!(job.outcome(0), "failed");
        // Given another round by the user.
        assert_eq!(job.retry_failed(), 1);
        assert_eq!(job.due(20_000.0)[0], 0);
    }

    #[test]
    fn an_unknown_outcome_is_looked_up_before_sending_again() {
        let mut job = five();
        job.start(0);
        job.failed(0, &ApiError::Timeout { secs: 2 }, 0.0);
        assert_eq!(job.start(0), Some(Step::LookUp("a".into())));
        // Not there: send it.
        let req = job.looked_up(0, None).unwrap();
        assert_eq!(req.external_id, "a");
        assert!(!job.progress.rows[0].verify);
        // There, with the row's values: it was ours.
        job.start(1);
        job.failed(1, &ApiError::Network { detail: "reset".into() }, 0.0);
        job.start(1);
        let g = GroupDetails {
            id: Id(77),
            external_id: "b".into(),
            group_name: "B".into(),
            max_group_size: Some(2),
            ..Default::default()
        };
        assert_eq!(job.looked_up(1, Some(&g)), None);
        assert!(matches!(&job.progress.rows[1].status, RowStatus::Created { id: 77, note: Some(_), .. }));
        // There with other values: someone else's group.
        job.start(3);
        job.failed(3, &ApiError::Truncated { status: 200 }, 0.0);
        job.start(3);
        let other = GroupDetails {
            id: Id(78),
            external_id: "c".into(),
            group_name: "Other".into(),
            max_group_size: Some(3),
            ..Default::default()
        };
        assert_eq!(job.looked_up(3, Some(&other)), None);
        assert!(matches!(&job.progress.rows[3].status, RowStatus::Failed { code: Some(1633), transient: false, .. }));
        // A 5xx with a JSON error or a refused connection through the proxy: no look-up needed.
        job.start(4);
        job.failed(4, &ApiError::ProxyUnreachable { status: 502, timeout: false }, 0.0);
        assert!(!job.progress.rows[4].verify);
    }

    #[test]
    fn exists_on_a_retry_is_looked_up_before_it_counts_as_a_duplicate() {
        let mut job = five();
        job.start(0);
        job.failed(0, &server_error(), 0.0);
        job.start(0);
        job.failed(0, &ApiError::Api { status: 400, code: Some(1633), message: "Group ID exists".into() }, 1_000.0);
        assert!(job.progress.rows[0].is_retrying());
        assert_eq!(job.due(1_000.0), [0, 1]);
        assert_eq!(job.start(0), Some(Step::LookUp("a".into())));
        let g = GroupDetails {
            id: Id(9),
            external_id: "a".into(),
            group_name: "A".into(),
            max_group_size: Some(1),
            ..Default::default()
        };
        job.looked_up(0, Some(&g));
        assert_eq!(job.outcome(0), "created");
    }

    #[test]
    fn exists_and_other_refusals_are_final_and_not_retried() {
        let mut job = five();
        job.start(0);
        job.failed(0, &ApiError::Api { status: 400, code: Some(1633), message: "Group ID exists".into() }, 0.0);
        let s = &job.progress.rows[0];
        assert!(s.is_failed() && !s.verify);
        assert!(
            matches!(&s.status, RowStatus::Failed { code: Some(1633), status: Some(400), transient: false, message } if message.contains("already exists") && message.contains("Group ID exists"))
        );
        assert!(!job.due(1e12).contains(&0));
    }

    #[test]
    fn a_429_makes_every_row_wait_without_counting_an_attempt() {
        let mut job = five();
        job.start(0);
        job.start(1);
        job.failed(0, &ApiError::RateLimited { retry_after: Some(3) }, 5_000.0);
        let s = &job.progress.rows[0];
        assert_eq!((s.attempts, &s.status), (0, &RowStatus::Pending));
        assert_eq!(job.progress.wait_until, 8_000.0);
        assert!(job.progress.notice.as_deref().unwrap().contains("Rate limited"));
        assert!(job.due(7_999.0).is_empty(), "nothing is sent during the wait");
        assert_eq!(job.next_due_at(), Some(8_000.0));
        assert_eq!(job.due(8_000.0), [0]);
        job.clear_wait(8_000.0);
        assert_eq!((job.progress.wait_until, job.progress.notice.clone()), (0.0, None));
        // Without Retry-After: a minute.
        job.failed(1, &ApiError::RateLimited { retry_after: None }, 0.0);
        assert_eq!(job.progress.wait_until, 60_000.0);
    }

    #[test]
    fn refused_credentials_pause_the_import() {
        let mut job = five();
        job.start(0);
        job.failed(0, &ApiError::Auth { status: 401, code: None, message: String::new() }, 0.0);
        assert!(job.progress.paused);
        assert_eq!(job.progress.rows[0].status, RowStatus::Pending);
        assert!(job.due(0.0).is_empty());
        job.resume();
        assert_eq!(job.due(0.0), [0, 1]);
        assert_eq!(job.progress.notice, None);
    }

    #[test]
    fn pause_resume_and_cancel() {
        let mut job = five();
        job.start(0);
        job.pause();
        assert!(job.due(0.0).is_empty() && job.next_due_at().is_none());
        job.resume();
        assert_eq!(job.due(0.0), [1]);
        job.cancel();
        assert!(job.due(0.0).is_empty());
        assert!(!job.is_finished(), "a request is still out");
        job.created(0, 5, vec![]);
        assert!(job.is_finished());
        assert_eq!((job.outcome(0), job.outcome(1), job.outcome(2)), ("created", "not sent", "skipped"));
        // Cancelled with a row whose answer was lost: neither created nor "not sent".
        let mut job = five();
        job.start(0);
        job.failed(0, &ApiError::Timeout { secs: 2 }, 0.0);
        job.cancel();
        assert_eq!(job.outcome(0), "unknown");
        assert!(results_csv(&job).contains(",unknown,,,The platform did not answer within 2 seconds."));
    }

    #[test]
    fn the_saved_state_round_trips_and_a_row_being_sent_is_looked_up_after_a_reload() {
        let mut job = five();
        job.start(0);
        job.created(0, 42, vec![ApiWarning { status: Some(false), code: Some(91016), message: "bad field".into() }]);
        job.start(1);
        job.start(3);
        job.failed(3, &server_error(), 1.0);
        let (plan, progress) = (job.plan_json(), job.progress_json());
        let back = ImportJob::restore(&plan, &progress).expect("restores");
        assert!(back.progress.paused, "comes back paused: the user resumes it");
        assert_eq!(back.progress.rows[0], job.progress.rows[0]);
        assert_eq!(back.progress.rows[1].status, RowStatus::Pending);
        assert!(back.progress.rows[1].verify);
        assert_eq!(back.progress.rows[3], job.progress.rows[3]);
        assert_eq!(back.plan, job.plan);
        let mut back = back;
        back.resume();
        assert_eq!(back.start(1), Some(Step::LookUp("b".into())));
        // Compact: what is saved after every row stays small for 1,000 rows.
        assert!(progress.len() < 600, "{progress}");
        // Mismatched or unreadable halves are no import.
        let other = job_of("externalId,maxGroupSize\nz,1\n", 2);
        assert!(ImportJob::restore(&other.plan_json(), &progress).is_none());
        assert!(ImportJob::restore(&plan, "{").is_none());
        assert!(ImportJob::restore(&plan.replace("\"version\":1", "\"version\":0"), &progress).is_none());
    }

    #[test]
    fn concurrency_is_kept_within_bounds() {
        assert_eq!(job_of("externalId,maxGroupSize\na,1\n", 0).progress.concurrency, 1);
        assert_eq!(job_of("externalId,maxGroupSize\na,1\n", 100).progress.concurrency, MAX_CONCURRENCY);
    }

    #[test]
    fn a_thousand_rows_save_in_a_few_dozen_kilobytes() {
        let mut text = String::from("externalId,groupName,maxGroupSize\n");
        for i in 0..1000 {
            text.push_str(&format!("bench_{i:04},Bench group {i},6\n"));
        }
        let mut job = job_of(&text, 2);
        for i in 0..1000 {
            job.start(i);
            job.created(i, 4_000_000 + i as u64, vec![]);
        }
        assert!(job.is_finished());
        assert!(job.progress_json().len() < 40_000, "{}", job.progress_json().len());
    }

    // ---- time left and words

    #[test]
    fn time_left_comes_from_the_recent_pace() {
        assert_eq!(time_left_ms(&[], 10, 0.0, 0.0), None);
        assert_eq!(time_left_ms(&[1000.0], 10, 0.0, 0.0), None);
        assert_eq!(time_left_ms(&[1000.0, 1500.0, 2000.0], 10, 2000.0, 0.0), Some(5000.0));
        assert_eq!(time_left_ms(&[1000.0, 1500.0], 0, 0.0, 0.0), Some(0.0));
        // A 429 wait adds to it.
        assert_eq!(time_left_ms(&[1000.0, 1500.0], 2, 2000.0, 12_000.0), Some(11_000.0));
        // Only the latest completions count: an early slow start is forgotten.
        let mut t = vec![0.0];
        t.extend((0..20).map(|i| 100_000.0 + i as f64 * 100.0));
        assert_eq!(time_left_ms(&t, 10, 0.0, 0.0), Some(1000.0));
        assert_eq!(time_left_words(400.0), "about 1 s left");
        assert_eq!(time_left_words(20_000.0), "about 20 s left");
        assert_eq!(time_left_words(185_000.0), "about 3 min left");
    }

    #[test]
    fn progress_in_words() {
        let c = Counts { total: 47, done: 12, failed: 1, remaining: 34, ..Default::default() };
        assert_eq!(progress_words(&c, Some(20_000.0)), "12 of 47 done · 1 failed · 34 remaining · about 20 s left");
        assert_eq!(progress_words(&c, None), "12 of 47 done · 1 failed · 34 remaining");
        let end = Counts { total: 47, done: 46, failed: 1, remaining: 0, ..Default::default() };
        assert_eq!(progress_words(&end, Some(0.0)), "46 of 47 done · 1 failed · 0 remaining");
    }

    // ---- files

    #[test]
    fn the_results_file_lists_every_row_with_its_outcome() {
        let mut job = job_of("externalId,groupName,maxGroupSize\na,\"Smith, \"\"J\"\"\",1\nb,B,2\n,bad,0\nc,C,3\n", 2);
        job.start(0);
        job.created(
            0,
            101,
            vec![ApiWarning {
                status: Some(false),
                code: Some(91016),
                message: "Extended field name is incorrect: x".into(),
            }],
        );
        job.start(1);
        job.failed(1, &ApiError::Api { status: 400, code: Some(1633), message: "Group ID exists".into() }, 0.0);
        job.cancel();
        let csv = results_csv(&job);
        assert!(csv.starts_with('\u{feff}'));
        let mut r = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), RESULTS_HEADER);
        let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let rows: Vec<Vec<&str>> = records.iter().map(|r| r.iter().collect()).collect();
        assert_eq!(rows.len(), 4, "every row of the file");
        assert_eq!(rows[0][..6], ["2", "a", "Smith, \"J\"", "created", "101", ""]);
        assert_eq!(rows[0][7], "91016: Extended field name is incorrect: x");
        assert_eq!(rows[1][..6], ["3", "b", "B", "failed", "", "1633"]);
        assert!(rows[1][6].contains("already exists"));
        assert_eq!(rows[2][..4], ["4", "", "bad", "skipped"]);
        assert!(rows[2][6].contains("Enter an external ID."), "{}", rows[2][6]);
        assert_eq!(rows[3][3], "not sent");
        assert!(csv.contains("\r\n"));
    }

    #[test]
    fn the_template_imports_cleanly() {
        let f = parse(TEMPLATE_CSV.as_bytes()).unwrap();
        assert_eq!(f.columns.iter().map(|c| c.name.as_str()).take(3).collect::<Vec<_>>(), KNOWN_COLUMNS);
        let checks = check_rows(&f, 30_000);
        assert_eq!(invalid_count(&checks), 0);
        assert_eq!(checks[1].as_ref().unwrap().group_name.as_deref(), Some("North fleet, vans"));
    }
}
