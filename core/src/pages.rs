//! Which page a console path opens, for fetching that page's code ahead of a click (the
//! release build keeps each page in its own wasm chunk). Mirrors the routes in src/app.rs;
//! a path no page matches (not found, another site) fetches nothing.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    GroupNew,
    GroupImport,
    GroupEdit,
    GroupView,
    RewardGroupNew,
    Settings,
}

/// The page behind `href` as it appears in a link: a path on this site, with or without a
/// query or fragment. Absolute URLs and relative paths without a leading `/` are not ours.
pub fn page_for_href(href: &str) -> Option<Page> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match segments.as_slice() {
        [""] => Some(Page::Home),
        ["groups", "new"] => Some(Page::GroupNew),
        ["groups", "import"] => Some(Page::GroupImport),
        ["groups", id, "edit"] if !id.is_empty() => Some(Page::GroupEdit),
        ["groups", id] if !id.is_empty() => Some(Page::GroupView),
        ["reward-groups", "new"] => Some(Page::RewardGroupNew),
        ["settings"] => Some(Page::Settings),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{page_for_href, Page};

    #[test]
    fn each_route_maps_to_its_page() {
        assert_eq!(page_for_href("/"), Some(Page::Home));
        assert_eq!(page_for_href("/groups/new"), Some(Page::GroupNew));
        assert_eq!(page_for_href("/groups/import"), Some(Page::GroupImport));
        assert_eq!(page_for_href("/groups/3918893/edit"), Some(Page::GroupEdit));
        assert_eq!(page_for_href("/groups/3918893"), Some(Page::GroupView));
        assert_eq!(page_for_href("/reward-groups/new"), Some(Page::RewardGroupNew));
        assert_eq!(page_for_href("/settings"), Some(Page::Settings));
    }

    #[test]
    fn query_fragment_and_trailing_slash_do_not_change_the_page() {
        assert_eq!(page_for_href("/groups/3918893?tab=members#points"), Some(Page::GroupView));
        assert_eq!(page_for_href("/settings/"), Some(Page::Settings));
        assert_eq!(page_for_href("/?q=1"), Some(Page::Home));
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
            "/reward-groups",
            "/nothing",
        ] {
            assert_eq!(page_for_href(href), None, "{href}");
        }
    }
}
