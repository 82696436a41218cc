//! Bulk import, pure and tested on the host: reading the file, the engine for any kind of row
//! (steps, retries, pause and resume, saving), its pace in words, the results file, and the
//! rows that create groups. Adding members runs its rows through the same engine
//! (`members::add`).

mod csv_file;
mod group_rows;
mod job;
mod pace;
mod results;

pub use csv_file::{
    parse, read, role_of, sniff_delimiter, Column, CsvError, CsvFile, CsvRow, Role, KNOWN_COLUMNS, TEMPLATE_CSV,
};
pub use group_rows::{check_rows, found_group, invalid_count, plan_rows, GroupLabel, RowCheck};
pub use job::{
    backoff_ms, Done, Found, ImportJob, Outcome, Plan, PlanRow, Progress, RowLabel, RowRequest, RowState, RowStatus,
    Step, Words, BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_CONCURRENCY, MAX_ATTEMPTS, MAX_CONCURRENCY,
    RATE_LIMIT_DEFAULT_WAIT_MS, STATE_VERSION,
};
pub use pace::{progress_words, time_left_ms, time_left_words, Counts};
pub use results::{results_csv, results_header};
