//! Bulk import: a file's rows become requests sent a few at a time, resumable after a reload, with a results file.
//!
//! All of it is plain data and pure functions (the page reads files, sends requests, keeps
//! time and saves strings to localStorage), so it is tested on the host.
//!
//! - `csv_file`: [`parse`] (UTF-8 with or without BOM, `,` or `;` sniffed from the header
//!   line, quoted fields with embedded separators, quotes and newlines, blank lines skipped,
//!   row numbers as a spreadsheet shows them), the columns and their roles, [`TEMPLATE_CSV`].
//! - `group_rows`: creating groups — [`check_rows`] judges each row by the create form's
//!   rules plus the file's own problems, [`plan_rows`] turns checked rows into the import's
//!   plan, [`found`] reads a look-up of an earlier attempt.
//! - `job`: [`ImportJob`], the engine for any kind of row ([`RowRequest`]): steps of one or
//!   more rows ([`ImportJob::start_due`]), their answers ([`ImportJob::answered`],
//!   [`ImportJob::failed`], [`ImportJob::looked_up`]), retries ([`backoff_ms`]), 429 waits,
//!   pause/resume/cancel and the two strings saved in the browser. Each row's attempts follow
//!   `send_once::Delivery`.
//! - `pace`: the progress and the time left in words.
//! - `results`: [`results_csv`], the file the user downloads.

mod csv_file;
mod group_rows;
mod job;
mod pace;
mod results;

pub use csv_file::{
    parse, role_of, sniff_delimiter, Column, CsvError, CsvFile, CsvRow, Role, KNOWN_COLUMNS, TEMPLATE_CSV,
};
pub use group_rows::{check_rows, found, invalid_count, plan_rows, GroupLabel, RowCheck};
pub use job::{
    backoff_ms, Counts, Done, Found, ImportJob, Outcome, Plan, PlanRow, Progress, RowLabel, RowRequest, RowState,
    RowStatus, Step, Words, BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_CONCURRENCY, MAX_ATTEMPTS, MAX_CONCURRENCY,
    RATE_LIMIT_DEFAULT_WAIT_MS, STATE_VERSION,
};
pub use pace::{progress_words, time_left_ms, time_left_words};
pub use results::{results_csv, results_header};
