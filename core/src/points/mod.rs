//! A group's points: the wire types of the GET's points summaries, where a program's tier
//! stands, and the expiry chart's numbers; what acts on them (issue 25): moving points
//! (transfer), goodwill requests (and goodwill_list, those this browser made), the manual
//! issue, the checks they share, and the trackers, promised points and expiry schedule
//! (schedules).

pub mod checks;
pub mod expiry_chart;
pub mod goodwill;
pub mod goodwill_list;
pub mod issue;
pub mod move_points;
pub mod schedules;
pub mod summary;
pub mod transfer;
pub mod wire;
