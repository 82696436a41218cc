//! What every domain builds on: the platform's endpoints (each path written once, and the
//! table of calls the console makes) and the one CSV writer every export goes through.

pub mod csv_writer;
pub mod endpoints;
