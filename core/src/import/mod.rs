//! Bulk import, pure and tested on the host: reading the file, group rows, member rows, the engine, its pace in words, results.

mod csv_file;
mod group_rows;
mod job;
mod join_rows;
mod pace;
mod results;

pub use csv_file::{
    parse, read, role_of, sniff_delimiter, Column, CsvError, CsvFile, CsvRow, Role, KNOWN_COLUMNS, TEMPLATE_CSV,
};
pub use group_rows::{check_rows, found_group, invalid_count, plan_rows, GroupLabel, RowCheck};
pub use job::{
    backoff_ms, Counts, Done, Found, ImportJob, Outcome, Plan, PlanRow, Progress, RowLabel, RowRequest, RowState,
    RowStatus, Step, Words, BACKOFF_BASE_MS, BACKOFF_CAP_MS, DEFAULT_CONCURRENCY, MAX_ATTEMPTS, MAX_CONCURRENCY,
    RATE_LIMIT_DEFAULT_WAIT_MS, STATE_VERSION,
};
pub use join_rows::{
    activity_words, check_members, entries_from_text, found_members, group_words, join_outcomes, join_summary,
    leave_out_offer, left_out, left_out_heading, may_words, plan_members, preview_words, read_member_file, ready_items,
    refused_count, refused_words, JoinOptions, MemberCheck, MemberEntry, MemberFile, MemberLabel, MEMBERS_TEMPLATE_CSV,
};
pub use pace::{progress_words, time_left_ms, time_left_words};
pub use results::{results_csv, results_header};
