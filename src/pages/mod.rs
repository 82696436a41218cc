//! One file per page, named in the route table (gc_core::route_table!), plus the fallback.

macro_rules! page_modules {
    ($($page:ident $path:literal $file:ident $nav:literal $view:ident;)*) => {
        $(pub mod $file;)*
    };
}

gc_core::route_table!(page_modules);

pub mod not_found;
