//! Finding a group without its ID: the Find page (search, extended-field filter, look-ups, a
//! customer's groups, recent work) and its results table.

crate::features::pages_of!(find);

pub mod results;
