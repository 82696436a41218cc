//! A group's members: the wire types (members list, join, leave, transfer, permissions), what
//! a member may do (permissions), the checks before adding, adding through the import engine,
//! moving to another group, the Members tab's list, and the GET's membership record.

pub mod add;
pub mod checks;
pub mod list;
pub mod moving;
pub mod permissions;
pub mod record;
pub mod wire;
