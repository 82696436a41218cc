//! A group's members: the wire types (members list, join, leave, transfer, permissions), what
//! a member may do (permissions), the checks before adding, adding through the import engine,
//! moving to another group, the Members tab's list, the GET's membership record, and the
//! members' own tiers (read, and matched to the primary's), and their names by customer ID.

pub mod add;
pub mod checks;
pub mod list;
pub mod moving;
pub mod names;
pub mod permissions;
pub mod record;
pub mod tiers;
pub mod wire;
