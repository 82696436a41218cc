//! A folder per feature, each owning its pages (named in the route table,
//! `gc_core::route_table!`) and their pieces. Two features share only through `ui/` and
//! `gc_core`.

pub mod find;
pub mod group;
pub mod import;
pub mod not_found;
pub mod rewards;
pub mod settings;

/// Declares, inside a feature's folder, the page files the route table names for that
/// feature, so that adding a page touches only the table and the page's own file. It defines
/// a macro that takes the table's lines and keeps this feature's (the feature's name is a
/// literal word in that macro's pattern); `$d` stands for `$`, which a macro cannot write for
/// the macro it defines.
macro_rules! pages_of {
    ($feature:ident) => {
        macro_rules! with_dollar {
            ($d:tt) => {
                macro_rules! feature_pages {
                    () => {};
                    ($d page:ident $d path:literal $feature $d file:ident $d nav:literal $d view:ident; $d ($d rest:tt)*) => {
                        pub mod $d file;
                        feature_pages!($d ($d rest)*);
                    };
                    ($d page:ident $d path:literal $d other:ident $d file:ident $d nav:literal $d view:ident; $d ($d rest:tt)*) => {
                        feature_pages!($d ($d rest)*);
                    };
                }
            };
        }
        with_dollar!($);
        gc_core::route_table!(feature_pages);
    };
}
pub(crate) use pages_of;
