//! The import engine in the browser, for any kind of row (groups from a file, members added to
//! a group): the runner that sends, saves and resumes, its progress panel and its tables.

pub mod run;
pub mod runner;
pub mod tables;
