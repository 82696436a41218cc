//! A group's points: the wire types of the GET's points summaries, where a program's tier
//! stands, and the expiry chart's numbers.

pub mod expiry_chart;
pub mod summary;
pub mod wire;
