//! What every domain builds on: each endpoint's path written once and the table of the calls the
//! console makes, lenient reading of answers, one error type with the words a marketer reads,
//! query strings and paging, a small JSON reader for what the console keeps, authentication, the field rules, dates and numbers, "nothing is
//! sent twice", and the one CSV writer every export goes through.

pub mod auth;
pub mod csv_writer;
pub mod endpoints;
pub mod error;
pub mod fields;
pub mod format;
pub mod query;
pub mod read;
pub mod send_once;
pub mod small_json;
