//! The reward-group list page (`/reward-groups`): its state as the address holds it
//! (`?page=2&active=true&q=vip&sort=name`, so back, forward and a shared link show the same
//! list), what it asks the platform, and the rows it shows.
//!
//! The platform sorts only by rank or last update (`sortOn`), never by name. A marketer who
//! sorts by name expects the whole catalogue in name order, not one page of ten shuffled, so
//! the name sort reads every page of the matching groups (100 at a time: a catalogue is small)
//! and sorts them here; the page says so. Our reading, docs/platform-api.md.

use crate::console::routes::link;
use crate::platform::query::{page_of, PageSpan, QueryParams, QueryWriter};
use crate::rewards::wire::RewardGroup;
use crate::rewards::wire::{RewardListQuery, RewardListResponse, RewardSortOn, MAX_REWARD_PAGE_SIZE};

/// Rows on one page of the list (the platform's own default page size).
pub const CATALOGUE_PAGE_SIZE: u32 = 10;

/// The name sort reads at most this many pages of [`MAX_REWARD_PAGE_SIZE`] (1,000 groups);
/// a larger catalogue is sorted as far as it was read, and the page says so.
pub const NAME_SORT_MAX_PAGES: u32 = 10;

/// The filter on the platform's `isActive`, with the words the page shows.
pub const ACTIVE_FILTERS: [(Option<bool>, &str); 3] =
    [(None, "All"), (Some(true), "Active"), (Some(false), "Inactive")];

/// The list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CatalogueSort {
    /// The platform's `sortOn=RANK`: lowest rank first, groups without a rank last.
    #[default]
    Rank,
    /// By name, A to Z, any case: sorted in the console.
    Name,
}

impl CatalogueSort {
    pub const ALL: [CatalogueSort; 2] = [CatalogueSort::Rank, CatalogueSort::Name];

    pub fn label(self) -> &'static str {
        match self {
            CatalogueSort::Rank => "Rank",
            CatalogueSort::Name => "Name",
        }
    }

    /// The word in the address.
    fn slug(self) -> &'static str {
        match self {
            CatalogueSort::Rank => "rank",
            CatalogueSort::Name => "name",
        }
    }
}

/// What the list shows: a page (zero-based here, counted from 1 in the address as people
/// count pages), the active filter, part of the name, and the order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogueView {
    pub page: u32,
    pub active: Option<bool>,
    /// Part of the name, any case; blank is no search.
    pub name: String,
    pub sort: CatalogueSort,
}

impl CatalogueView {
    /// Reads the address's query. A link is typed or pasted by people: whatever cannot be
    /// read shows the default rather than an error page.
    pub fn from_query(qs: &str) -> Self {
        let p = QueryParams::parse(qs.strip_prefix('?').unwrap_or(qs));
        let page = p.number::<u32>("page").ok().flatten().unwrap_or(1).max(1) - 1;
        let sort = match p.text("sort") {
            Some(s) => CatalogueSort::ALL.into_iter().find(|c| c.slug().eq_ignore_ascii_case(s)).unwrap_or_default(),
            None => CatalogueSort::default(),
        };
        CatalogueView {
            page,
            active: p.bool("active").ok().flatten(),
            name: p.text("q").unwrap_or_default().to_string(),
            sort,
        }
    }

    /// The query for the address: only what differs from the first page of everything by
    /// rank, always in the same order.
    pub fn to_query(&self) -> String {
        let name = self.name.trim();
        QueryWriter::new()
            .opt("page", (self.page > 0).then_some(self.page as u64 + 1))
            .opt("active", self.active)
            .opt("q", (!name.is_empty()).then_some(name))
            .opt("sort", (self.sort != CatalogueSort::default()).then_some(self.sort.slug()))
            .finish()
    }

    /// The list's address for this view.
    pub fn href(&self) -> String {
        let qs = self.to_query();
        if qs.is_empty() {
            link::reward_groups()
        } else {
            format!("{}?{qs}", link::reward_groups())
        }
    }

    pub fn with_page(&self, page: u32) -> Self {
        CatalogueView { page, ..self.clone() }
    }

    /// A new filter, search or order starts again at the first page.
    pub fn with_active(&self, active: Option<bool>) -> Self {
        CatalogueView { page: 0, active, ..self.clone() }
    }

    pub fn with_name(&self, name: &str) -> Self {
        CatalogueView { page: 0, name: name.trim().to_string(), ..self.clone() }
    }

    pub fn with_sort(&self, sort: CatalogueSort) -> Self {
        CatalogueView { page: 0, sort, ..self.clone() }
    }

    /// A search or a filter narrows the list (an empty answer then says so, not "no groups").
    pub fn is_narrowed(&self) -> bool {
        self.active.is_some() || !self.name.trim().is_empty()
    }

    /// The request for the rank order: the platform pages and sorts.
    pub fn rank_query(&self) -> RewardListQuery {
        RewardListQuery {
            page: self.page,
            size: CATALOGUE_PAGE_SIZE,
            sort_on: Some(RewardSortOn::Rank),
            ..self.filters()
        }
    }

    /// Page `page` of every matching group, for the name sort.
    pub fn all_query(&self, page: u32) -> RewardListQuery {
        RewardListQuery { page, size: MAX_REWARD_PAGE_SIZE, sort_on: Some(RewardSortOn::Rank), ..self.filters() }
    }

    fn filters(&self) -> RewardListQuery {
        let name = self.name.trim();
        RewardListQuery {
            active: self.active,
            name: (!name.is_empty()).then(|| name.to_string()),
            ..RewardListQuery::default()
        }
    }
}

/// The page after `read` for the name sort, while the platform has more and the limit is
/// not reached.
pub fn next_page_to_read(answer: &RewardListResponse, read: u32) -> Option<u32> {
    let more = match &answer.paging_dto {
        Some(p) => !p.last && p.total_pages.is_none_or(|t| (read as i64) + 1 < t),
        // No paging: a full page may have a next one.
        None => answer.group_ro_list.len() as u32 >= MAX_REWARD_PAGE_SIZE,
    };
    (more && !answer.group_ro_list.is_empty() && read + 1 < NAME_SORT_MAX_PAGES).then_some(read + 1)
}

/// One page of the list as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct CataloguePage {
    pub rows: Vec<RewardGroup>,
    pub span: PageSpan,
    /// Sorted by name in the console: how many groups were read and how many match.
    pub sorted_here: Option<SortedHere>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortedHere {
    pub read: u64,
    pub matching: u64,
}

impl SortedHere {
    /// Every matching group was read, so the name order covers the whole list.
    pub fn complete(self) -> bool {
        self.read >= self.matching
    }
}

impl CataloguePage {
    /// The platform's page, in its order (rank).
    pub fn from_platform(view: &CatalogueView, answer: RewardListResponse) -> Self {
        let paging = answer.paging_dto.unwrap_or_default();
        let shown_before = view.page as u64 * CATALOGUE_PAGE_SIZE as u64;
        // Without a total, what is known: the pages before and this one.
        let total = paging
            .total_elements
            .and_then(|t| u64::try_from(t).ok())
            .unwrap_or(shown_before + answer.group_ro_list.len() as u64);
        CataloguePage {
            rows: answer.group_ro_list,
            span: PageSpan { page: view.page, size: CATALOGUE_PAGE_SIZE, total },
            sorted_here: None,
        }
    }

    /// Every group read for the name sort, sorted, and the view's page of them. `matching`
    /// is the platform's count of matching groups (more than read when the limit cut it).
    pub fn sorted_by_name(view: &CatalogueView, mut all: Vec<RewardGroup>, matching: Option<i64>) -> Self {
        sort_by_name(&mut all);
        let read = all.len() as u64;
        let matching = matching.and_then(|t| u64::try_from(t).ok()).unwrap_or(read).max(read);
        let rows = page_of(&all, view.page.saturating_mul(CATALOGUE_PAGE_SIZE), CATALOGUE_PAGE_SIZE).to_vec();
        CataloguePage {
            rows,
            span: PageSpan { page: view.page, size: CATALOGUE_PAGE_SIZE, total: read },
            sorted_here: Some(SortedHere { read, matching }),
        }
    }
}

/// A to Z as people read names: any case, blanks around ignored; equal names by id.
pub fn sort_by_name(groups: &mut [RewardGroup]) {
    groups.sort_by_cached_key(|g| (g.name.trim().to_lowercase(), g.name.clone(), g.id.0));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::read::Id;
    use crate::rewards::wire::PagingDto;

    fn group(id: u64, name: &str) -> RewardGroup {
        RewardGroup { id: Id(id), name: name.into(), ..RewardGroup::default() }
    }

    #[test]
    fn the_address_holds_the_view_and_reads_back_the_same() {
        let view = CatalogueView { page: 1, active: Some(true), name: "vip".into(), sort: CatalogueSort::Name };
        assert_eq!(view.to_query(), "page=2&active=true&q=vip&sort=name");
        assert_eq!(view.href(), "/reward-groups?page=2&active=true&q=vip&sort=name");
        assert_eq!(CatalogueView::from_query("page=2&active=true&q=vip&sort=name"), view);
        assert_eq!(CatalogueView::from_query("?page=2&active=true&q=vip&sort=name"), view);
        let odd = CatalogueView { name: "Home & Garden".into(), active: Some(false), ..CatalogueView::default() };
        assert_eq!(odd.to_query(), "active=false&q=Home+%26+Garden");
        assert_eq!(CatalogueView::from_query(&odd.to_query()), odd);
    }

    #[test]
    fn the_first_page_of_everything_by_rank_is_the_bare_address() {
        assert_eq!(CatalogueView::default().to_query(), "");
        assert_eq!(CatalogueView::default().href(), "/reward-groups");
        let blank = CatalogueView { name: "   ".into(), ..CatalogueView::default() };
        assert_eq!(blank.href(), "/reward-groups");
    }

    #[test]
    fn an_address_typed_by_hand_reads_leniently() {
        for qs in ["page=0", "page=-3", "page=abc", "active=maybe", "sort=size", "q=", "", "page=1"] {
            assert_eq!(CatalogueView::from_query(qs), CatalogueView::default(), "{qs}");
        }
        assert_eq!(CatalogueView::from_query("sort=NAME").sort, CatalogueSort::Name);
        assert_eq!(CatalogueView::from_query("q=%20coffee%20").name, "coffee");
        assert_eq!(CatalogueView::from_query("page=4294967295").page, u32::MAX - 1);
    }

    #[test]
    fn a_new_filter_search_or_order_starts_at_the_first_page() {
        let on_page_3 = CatalogueView { page: 2, ..CatalogueView::default() };
        assert_eq!(on_page_3.with_active(Some(false)).page, 0);
        assert_eq!(on_page_3.with_name(" tea ").name, "tea");
        assert_eq!(on_page_3.with_name("tea").page, 0);
        assert_eq!(on_page_3.with_sort(CatalogueSort::Name).page, 0);
        assert_eq!(on_page_3.with_page(3).page, 3);
        assert!(!on_page_3.is_narrowed());
        assert!(on_page_3.with_name("x").is_narrowed());
        assert!(on_page_3.with_active(Some(true)).is_narrowed());
    }

    #[test]
    fn rank_order_asks_for_the_page_and_name_order_for_everything() {
        let view = CatalogueView { page: 1, active: Some(false), name: " vip ".into(), sort: CatalogueSort::Rank };
        assert_eq!(view.rank_query().to_query_string(), "page=1&size=10&active=false&name=vip&sortOn=RANK");
        assert_eq!(view.all_query(0).to_query_string(), "page=0&size=100&active=false&name=vip&sortOn=RANK");
        assert_eq!(CatalogueView::default().rank_query().to_query_string(), "page=0&size=10&sortOn=RANK");
    }

    fn answer(n: usize, paging: Option<PagingDto>) -> RewardListResponse {
        RewardListResponse {
            group_ro_list: (0..n as u64).map(|i| group(i, "g")).collect(),
            paging_dto: paging,
            ..RewardListResponse::default()
        }
    }

    #[test]
    fn the_name_sort_reads_until_the_last_page_or_the_limit() {
        assert_eq!(next_page_to_read(&answer(100, Some(PagingDto::new(0, 100, 250))), 0), Some(1));
        assert_eq!(next_page_to_read(&answer(50, Some(PagingDto::new(2, 100, 250))), 2), None);
        assert_eq!(next_page_to_read(&answer(25, Some(PagingDto::new(0, 100, 25))), 0), None);
        assert_eq!(next_page_to_read(&answer(0, Some(PagingDto::new(0, 100, 0))), 0), None);
        let huge = answer(100, Some(PagingDto::new(NAME_SORT_MAX_PAGES - 1, 100, 5000)));
        assert_eq!(next_page_to_read(&huge, NAME_SORT_MAX_PAGES - 1), None, "at most the limit");
        assert_eq!(next_page_to_read(&answer(100, None), 0), Some(1), "a full page without paging may go on");
        assert_eq!(next_page_to_read(&answer(99, None), 0), None);
        let mut no_total = PagingDto::new(0, 100, 250);
        no_total.total_pages = None;
        assert_eq!(next_page_to_read(&answer(100, Some(no_total)), 0), Some(1), "`last` alone decides");
    }

    #[test]
    fn names_sort_a_to_z_in_any_case_and_equal_names_by_id() {
        let mut gs = vec![
            group(5, "coffee Club"),
            group(1, "Airport"),
            group(3, "Coffee Club"),
            group(2, " beach"),
            group(4, "Coffee Club"),
        ];
        sort_by_name(&mut gs);
        let ids: Vec<u64> = gs.iter().map(|g| g.id.0).collect();
        assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_name_sorted_page_is_a_slice_of_everything_read() {
        let all: Vec<RewardGroup> = (0..25).map(|i| group(100 + i, &format!("n{:02}", 24 - i))).collect();
        let view = CatalogueView { page: 2, sort: CatalogueSort::Name, ..CatalogueView::default() };
        let page = CataloguePage::sorted_by_name(&view, all.clone(), Some(25));
        assert_eq!(page.rows.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["n20", "n21", "n22", "n23", "n24"]);
        assert_eq!(page.span, PageSpan { page: 2, size: 10, total: 25 });
        assert_eq!(page.sorted_here, Some(SortedHere { read: 25, matching: 25 }));
        assert!(page.sorted_here.unwrap().complete());
        let cut = CataloguePage::sorted_by_name(&view, all.clone(), Some(4000));
        assert!(!cut.sorted_here.unwrap().complete());
        let past = CataloguePage::sorted_by_name(&view.with_page(9), all, None);
        assert!(past.rows.is_empty());
        assert!(past.span.is_past_end());
    }

    #[test]
    fn a_platform_page_keeps_its_order_and_total() {
        let view = CatalogueView { page: 1, ..CatalogueView::default() };
        let page = CataloguePage::from_platform(&view, answer(10, Some(PagingDto::new(1, 10, 25))));
        assert_eq!(page.span, PageSpan { page: 1, size: 10, total: 25 });
        assert_eq!(page.rows.len(), 10);
        assert_eq!(page.sorted_here, None);
        let bare = CataloguePage::from_platform(&view, answer(4, None));
        assert_eq!(bare.span.total, 14, "without a total: the pages before and this one");
    }
}
