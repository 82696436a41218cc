//! Bulk import: groups from a CSV file.

crate::features::pages_of!(import);
