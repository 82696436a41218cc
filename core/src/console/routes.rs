//! The console's pages, in one table: each page's path, its feature and file (the Rust module
//! `src/features/<feature>/<file>.rs` and the wasm chunk of the release build), its label in
//! the main navigation, and its view. The router, the navigation, fetching a page's code ahead
//! of a click, the links between pages and the build's preload step all come from this table;
//! `routes.json` beside this crate is its copy for the JavaScript build step and tests (a test
//! below keeps it current). The group page's tabs come from a table of their own
//! ([`group_tabs!`]) the same way.
//!
//! Adding a page: a line in [`route_table!`] (and a link builder in [`link`]), and the page's
//! own file `src/features/<feature>/<file>.rs`. Nothing else.

use serde::Serialize;

/// The table. Each line: the page's name, its path (`:name` is a parameter, `:name?` an
/// optional last one), its feature and file, its navigation label ("" for none), and its view
/// component (in `src/features/<feature>/<file>.rs`). Order matters: the first path that
/// matches wins, so a specific path comes before a parameter that would also match it. Files
/// are unique across features: a file's name is also its wasm chunk's.
///
/// Called with the name of a macro that receives the lines; this crate builds [`Page`] and
/// [`ROUTES`] from them, the console its router and page modules.
#[macro_export]
macro_rules! route_table {
    ($then:ident) => {
        $then! {
            Home            "/"                   find     home              "Find a group"   Home;
            GroupNew        "/groups/new"         group    group_new         "New group"      GroupNew;
            GroupImport     "/groups/import"      import   group_import      "Import groups"  GroupImport;
            GroupEdit       "/groups/:id/edit"    group    group_edit        ""               GroupEdit;
            GroupView       "/groups/:id/:tab?"   group    group_view        ""               GroupView;
            RewardGroups    "/reward-groups"      rewards  reward_groups     "Reward groups"  RewardGroups;
            RewardGroupNew  "/reward-groups/new"  rewards  reward_group_new  ""               RewardGroupNew;
            RewardGroupView "/reward-groups/:id"  rewards  reward_group_view ""               RewardGroupView;
            Settings        "/settings"           settings settings_page     "Settings"       SettingsPage;
        }
    };
}

/// One line of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Route {
    pub page: Page,
    pub path: &'static str,
    /// Its feature: the folder `src/features/<feature>/` its file is in.
    pub feature: &'static str,
    /// The page's file in its feature's folder, and the name of its wasm chunk.
    pub file: &'static str,
    /// Its label in the main navigation; empty when it has none.
    pub nav: &'static str,
}

macro_rules! define_pages {
    ($($page:ident $path:literal $feature:ident $file:ident $nav:literal $view:ident;)*) => {
        /// A page of the console.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum Page {
            $($page,)*
        }

        /// The table, in matching order.
        pub const ROUTES: &[Route] = &[$(Route { page: Page::$page, path: $path, feature: stringify!($feature), file: stringify!($file), nav: $nav },)*];
    };
}

route_table!(define_pages);

impl Page {
    pub fn route(self) -> &'static Route {
        ROUTES.iter().find(|r| r.page == self).expect("every page is in the table")
    }
}

/// Links to each page, typed: `/groups/{id}` is written here and nowhere else.
pub mod link {
    pub fn home() -> String {
        "/".into()
    }

    pub fn group_new() -> String {
        "/groups/new".into()
    }

    pub fn group_import() -> String {
        "/groups/import".into()
    }

    pub fn group(id: u64) -> String {
        format!("/groups/{id}")
    }

    /// A tab of the group page (Overview is the group's own address).
    pub fn group_tab(id: u64, tab: super::GroupTab) -> String {
        match tab {
            super::GroupTab::Overview => group(id),
            tab => format!("/groups/{id}/{}", tab.slug()),
        }
    }

    pub fn group_edit(id: u64) -> String {
        format!("/groups/{id}/edit")
    }

    /// The catalogue's first page; `reward_catalogue::CatalogueView::href` adds its query.
    pub fn reward_groups() -> String {
        "/reward-groups".into()
    }

    pub fn reward_group_new() -> String {
        "/reward-groups/new".into()
    }

    pub fn reward_group(id: u64) -> String {
        format!("/reward-groups/{id}")
    }

    pub fn settings() -> String {
        "/settings".into()
    }
}

/// The group page's tabs, in one table as the pages are. Each line: the tab's name, its last
/// path segment ("" for the Overview, the group's own address), its label, the part its code
/// travels in, its view (`tab` in the folder `src/features/group/<tab>/`), and what its part
/// runs as soon as it arrives (`none`, or a function that draws the tab's tables off the page
/// so their code is compiled before the answers come). A part is a wasm chunk of its own,
/// fetched when the tab is opened, or its link is pointed at or focused, or a deep link names
/// it; `page` means the tab comes with the group page's own chunk.
///
/// Called with the name of a macro that receives the lines; this crate builds [`GroupTab`]
/// from them, the console the tab list, each part and the panel.
#[macro_export]
macro_rules! group_tabs {
    ($then:ident) => {
        $then! {
            Overview  ""         "Overview"  page           overview::tab  none;
            Members   "members"  "Members"   group_members  members::tab   none;
            Points    "points"   "Points"    group_points   points::tab    none;
            History   "history"  "History"   group_history  history::tab   history::warm;
        }
    };
}

macro_rules! define_tabs {
    ($($tab:ident $slug:literal $label:literal $part:ident $($view:ident)::+ $($warm:ident)::+;)*) => {
        /// The tabs of the group page, each with its own address so a deep link and the back
        /// button work.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum GroupTab {
            $($tab,)*
        }

        impl GroupTab {
            pub const ALL: &'static [GroupTab] = &[$(GroupTab::$tab,)*];

            /// The tab's last path segment ("" for the Overview).
            pub fn slug(self) -> &'static str {
                match self {
                    $(GroupTab::$tab => $slug,)*
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $(GroupTab::$tab => $label,)*
                }
            }

            /// The chunk of the build that carries the tab's code, when not the group page's
            /// own.
            pub fn part(self) -> Option<&'static str> {
                match self {
                    $(GroupTab::$tab => Some(stringify!($part)).filter(|p| *p != "page"),)*
                }
            }
        }
    };
}

group_tabs!(define_tabs);

impl GroupTab {
    /// The tab a path segment names; `None` for one that is no tab.
    pub fn from_slug(slug: Option<&str>) -> Option<GroupTab> {
        match slug.unwrap_or("") {
            "" | "overview" => Some(GroupTab::Overview),
            s => GroupTab::ALL.iter().copied().find(|t| t.slug() == s),
        }
    }
}

/// The parameters of `path` if it matches `pattern` (a path of the table), else `None`.
/// A trailing slash is ignored; parameters are never empty.
pub fn match_path(pattern: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let trim = |p: &str| p.strip_suffix('/').filter(|p| !p.is_empty()).map(str::to_string);
    let path = trim(path).unwrap_or_else(|| path.to_string());
    let mut want = pattern.split('/').skip(1).filter(|s| !s.is_empty()).peekable();
    let mut got = path.split('/').skip(1).filter(|s| !s.is_empty());
    if !path.starts_with('/') {
        return None;
    }
    let mut params = Vec::new();
    while let Some(seg) = want.next() {
        match (seg.strip_prefix(':'), got.next()) {
            (Some(name), Some(value)) => params.push((name.trim_end_matches('?'), value.to_string())),
            (Some(name), None) if name.ends_with('?') && want.peek().is_none() => {}
            (None, Some(value)) if value == seg => {}
            _ => return None,
        }
    }
    got.next().is_none().then_some(params)
}

/// The page a link opens: a path on this site, with or without a query or fragment.
/// Absolute URLs and relative paths are not ours.
pub fn page_for_href(href: &str) -> Option<Page> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") || path.contains("//") {
        return None;
    }
    ROUTES.iter().find(|r| match_path(r.path, path).is_some()).map(|r| r.page)
}

/// The group tab a link opens, if it opens a group page.
pub fn group_tab_for_href(href: &str) -> Option<GroupTab> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let route = ROUTES.iter().find(|r| r.page == Page::GroupView)?;
    (page_for_href(href)? == Page::GroupView).then_some(())?;
    let params = match_path(route.path, path)?;
    GroupTab::from_slug(params.iter().find(|(k, _)| *k == "tab").map(|(_, v)| v.as_str()))
}

/// Parts of a tab's part: a dialog whose code is fetched only when its button is pointed at,
/// focused or pressed, as few who open the tab open it. Each line: the part (named by
/// `page_part!` in the dialog's own file) and the tab's part it opens from.
pub const DIALOG_PARTS: &[(&str, &str)] = &[
    ("points_move", "group_points"),
    ("points_goodwill", "group_points"),
    ("points_decide", "group_points"),
    ("points_issue", "group_points"),
];

/// The Find page's part (`src/features/find/home.rs`): its searches, look-ups and results,
/// fetched when the user reaches a form, or with the page for an address that holds a search.
pub const FIND_PART: &str = "find";

/// The table as JSON, for the build's JavaScript steps and the end-to-end tests; `parts` are
/// the chunks a page's parts travel in (the group page's tabs, with the path that opens each;
/// the Find page's searches, opened by its path with a query, `query`; the tabs' dialogs,
/// `within` the tab's part and opened by no path).
pub fn routes_json() -> String {
    let group = ROUTES.iter().find(|r| r.page == Page::GroupView).map(|r| r.file).unwrap_or_default();
    let tabs = GroupTab::ALL.iter().filter_map(|t| {
        t.part()
            .map(|name| serde_json::json!({ "name": name, "page": group, "path": format!("/groups/:id/{}", t.slug()) }))
    });
    let dialogs =
        DIALOG_PARTS.iter().map(|(name, within)| serde_json::json!({ "name": name, "page": group, "within": within }));
    let home = Page::Home.route();
    let find = serde_json::json!({ "name": FIND_PART, "page": home.file, "path": home.path, "query": true });
    let parts: Vec<_> = tabs.chain([find]).chain(dialogs).collect();
    let mut json =
        serde_json::to_string_pretty(&serde_json::json!({ "routes": ROUTES, "parts": parts })).unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_link_opens_its_page_and_each_page_has_a_link() {
        let example = |page: Page| match page {
            Page::Home => link::home(),
            Page::GroupNew => link::group_new(),
            Page::GroupImport => link::group_import(),
            Page::GroupEdit => link::group_edit(3918893),
            Page::GroupView => link::group(3918893),
            Page::RewardGroups => link::reward_groups(),
            Page::RewardGroupNew => link::reward_group_new(),
            Page::RewardGroupView => link::reward_group(2401),
            Page::Settings => link::settings(),
        };
        for r in ROUTES {
            assert_eq!(page_for_href(&example(r.page)), Some(r.page), "{:?}", r.page);
        }
        assert_eq!(link::group(42), "/groups/42");
        for &tab in GroupTab::ALL {
            let href = link::group_tab(42, tab);
            assert_eq!(page_for_href(&href), Some(Page::GroupView), "{href}");
            let params = match_path(Page::GroupView.route().path, &href).unwrap();
            let slug = params.iter().find(|(k, _)| *k == "tab").map(|(_, v)| v.as_str());
            assert_eq!(GroupTab::from_slug(slug), Some(tab));
        }
        assert_eq!(GroupTab::from_slug(Some("nothing")), None);
        assert_eq!(group_tab_for_href("/groups/7/points?x=1"), Some(GroupTab::Points));
        assert_eq!(group_tab_for_href("/groups/7"), Some(GroupTab::Overview));
        assert_eq!(group_tab_for_href("/groups/7/edit"), None);
        assert_eq!(group_tab_for_href("/groups/7/nothing"), None);
        assert_eq!(group_tab_for_href("/reward-groups/7"), None);
        // Every tab but the Overview has a chunk of its own, each named once.
        let parts: Vec<_> = GroupTab::ALL.iter().copied().filter_map(GroupTab::part).collect();
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| parts.iter().filter(|q| *q == p).count() == 1));
        // A dialog's part opens from a tab's part, and is named once too.
        for (name, within) in DIALOG_PARTS {
            assert!(parts.contains(within), "{name} within {within}");
            assert!(!parts.contains(name) && DIALOG_PARTS.iter().filter(|(n, _)| n == name).count() == 1, "{name}");
        }
        assert_eq!(link::group_edit(42), "/groups/42/edit");
        assert_eq!(link::reward_group(2401), "/reward-groups/2401");
    }

    #[test]
    fn query_fragment_and_trailing_slash_do_not_change_the_page() {
        assert_eq!(page_for_href("/groups/3918893?tab=members#points"), Some(Page::GroupView));
        assert_eq!(page_for_href("/settings/"), Some(Page::Settings));
        assert_eq!(page_for_href("/?q=1"), Some(Page::Home));
    }

    #[test]
    fn specific_paths_win_over_parameters() {
        assert_eq!(page_for_href("/groups/new"), Some(Page::GroupNew));
        assert_eq!(page_for_href("/groups/import"), Some(Page::GroupImport));
        assert_eq!(page_for_href("/groups/7/edit"), Some(Page::GroupEdit));
        assert_eq!(page_for_href("/reward-groups/new"), Some(Page::RewardGroupNew));
        assert_eq!(page_for_href("/reward-groups/2401"), Some(Page::RewardGroupView));
        assert_eq!(page_for_href("/reward-groups?page=2&sort=name"), Some(Page::RewardGroups));
    }

    #[test]
    fn other_paths_and_other_sites_open_no_page() {
        for href in [
            "",
            "#main",
            "groups/1",
            "https://eu.api.capillarytech.com/groups/1",
            "//example.com/settings",
            "/groups",
            "/groups//edit",
            "/groups/1/edit/more",
            "/groups/1/members/more",
            "/reward-groups/2401/edit",
            "/nothing",
        ] {
            assert_eq!(page_for_href(href), None, "{href}");
        }
    }

    #[test]
    fn parameters_are_read_by_name() {
        assert_eq!(match_path("/groups/:id/edit", "/groups/12/edit"), Some(vec![("id", "12".to_string())]));
        assert_eq!(match_path("/groups/:id/:tab?", "/groups/12"), Some(vec![("id", "12".to_string())]));
        assert_eq!(
            match_path("/groups/:id/:tab?", "/groups/12/members/"),
            Some(vec![("id", "12".to_string()), ("tab", "members".to_string())])
        );
        assert_eq!(match_path("/groups/:id", "/groups/12/members"), None);
        assert_eq!(match_path("/", "/"), Some(vec![]));
        assert_eq!(match_path("/", "/x"), None);
    }

    #[test]
    fn names_and_files_are_unique() {
        for (i, a) in ROUTES.iter().enumerate() {
            for b in &ROUTES[i + 1..] {
                assert_ne!(a.file, b.file);
                assert_ne!(a.path, b.path);
                assert!(a.nav.is_empty() || a.nav != b.nav);
            }
        }
    }

    /// routes.json is what the build's split step, `make bench` and the end-to-end tests read.
    #[test]
    fn routes_json_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/routes.json");
        let want = routes_json();
        if std::env::var_os("GC_WRITE_ROUTES").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(have == want, "core/routes.json is out of date: run GC_WRITE_ROUTES=1 cargo test -p gc-core routes");
    }
}
