//! Reward groups on the wire: create, list, get by id and update (docs/platform-api.md,
//! "Reward-group list", "… by id", "… update"), and the rewards linked to a group by its name
//! ("Rewards in a reward group"). Paths are relative to the reward prefix Settings chooses
//! (`/api_gateway/core/v1` or `/api_gateway/rewards/core/v1`).

use serde::{Deserialize, Serialize};

use crate::platform::endpoints;
use crate::platform::error::ApiError;
use crate::platform::query::platform_words;
use crate::platform::query::{page_size, start_index, QueryError, QueryParams, QueryWriter, SortOrder};
use crate::platform::read::{lenient_bool, lenient_i64, lenient_id, lenient_opt_bool, lenient_string, or_default, Id};

pub const DEFAULT_REWARD_PAGE_SIZE: u32 = 10;
pub const MAX_REWARD_PAGE_SIZE: u32 = 100;

/// `{prefix}/group/{id}`'s part after the prefix.
pub fn reward_group_path(id: u64) -> String {
    endpoints::fill(endpoints::REWARD_GROUP, &[&id.to_string()])
}

platform_words! {
    #[derive(Default)]
    pub enum RewardSortOn {
        #[default]
        Rank => "RANK",
        LastUpdatedOn => "LAST_UPDATED_ON",
    }
}

/// `GET {prefix}/group?page=…&size=…&active=…&name=…&orderBy=…&sortOn=…`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardListQuery {
    /// Zero-based page index.
    pub page: u32,
    pub size: u32,
    pub active: Option<bool>,
    /// Part of the name, any case.
    pub name: Option<String>,
    /// `ASC` when absent.
    pub order_by: Option<SortOrder>,
    /// `RANK` when absent.
    pub sort_on: Option<RewardSortOn>,
}

impl Default for RewardListQuery {
    fn default() -> Self {
        RewardListQuery {
            page: 0,
            size: DEFAULT_REWARD_PAGE_SIZE,
            active: None,
            name: None,
            order_by: None,
            sort_on: None,
        }
    }
}

impl RewardListQuery {
    pub fn to_query_string(&self) -> String {
        let name = self.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        QueryWriter::new()
            .pair("page", self.page)
            .pair("size", self.size)
            .opt("active", self.active)
            .opt("name", name)
            .opt("orderBy", self.order_by)
            .opt("sortOn", self.sort_on)
            .finish()
    }

    /// Reads the list's query (also `sortBy`, the older page's name for `sortOn`).
    pub fn from_query_string(qs: &str) -> Result<Self, QueryError> {
        let p = QueryParams::parse(qs);
        let sort_on = match p.parsed("sortOn", RewardSortOn::parse)? {
            Some(s) => Some(s),
            None => p.parsed("sortBy", RewardSortOn::parse)?,
        };
        Ok(RewardListQuery {
            page: start_index(p.number("page")?),
            size: page_size(p.number("size")?, DEFAULT_REWARD_PAGE_SIZE, MAX_REWARD_PAGE_SIZE),
            active: p.bool("active")?,
            name: p.text("name").map(String::from),
            order_by: p.parsed("orderBy", SortOrder::parse)?,
            sort_on,
        })
    }
}

/// The rewards family's `status`: `{success, code, message}` (12013 for a list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardStatus {
    #[serde(deserialize_with = "lenient_bool")]
    pub success: bool,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub message: String,
}

/// `pagingDto` of the list: `number` is the zero-based page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct PagingDto {
    #[serde(deserialize_with = "lenient_bool")]
    pub last: bool,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_elements: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub number_of_elements: Option<i64>,
    #[serde(deserialize_with = "lenient_bool")]
    pub first: bool,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
}

impl PagingDto {
    /// The paging of page `number` (zero-based) of `size` over `total` elements.
    pub fn new(number: u32, size: u32, total: u64) -> PagingDto {
        let size64 = size.max(1) as u64;
        let pages = total.div_ceil(size64);
        let shown = total.saturating_sub(number as u64 * size64).min(size64);
        PagingDto {
            last: (number as u64) + 1 >= pages,
            total_elements: Some(total as i64),
            total_pages: Some(pages as i64),
            number_of_elements: Some(shown as i64),
            first: number == 0,
            size: Some(size as i64),
            number: Some(number as i64),
        }
    }
}

/// `GET {prefix}/group` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardListResponse {
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub status: Option<RewardStatus>,
    #[serde(deserialize_with = "or_default")]
    pub group_ro_list: Vec<RewardGroup>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub paging_dto: Option<PagingDto>,
}

/// `PUT {prefix}/group/{id}` body: `name` always (the platform requires it even when only
/// the rank or the state changes), `rank` and `isActive` only when set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardGroupUpdate {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
}

impl RewardGroupUpdate {
    /// From the reward form's checked values (`validate::validate_reward`, the create form's
    /// rules) and the active switch.
    pub fn new(checked: RewardGroupRequest, is_active: Option<bool>) -> Self {
        RewardGroupUpdate { name: checked.name, rank: checked.rank, is_active }
    }
}

impl RewardGroup {
    /// What names the group on screen: its name, or its id when the name is blank (a link or
    /// a heading is never empty).
    pub fn title(&self) -> String {
        match self.name.trim() {
            "" => format!("Reward group {}", self.id.0),
            name => name.to_string(),
        }
    }
}

/// Whether saving `new_name` renames the group, which unlinks every reward tied to its name:
/// the console asks before it sends one. Blanks around either name do not count.
pub fn renames(current: &RewardGroup, new_name: &str) -> bool {
    current.name.trim() != new_name.trim()
}

/// `POST {reward prefix}/group/create`. An empty rank is omitted, never sent as 0 or "".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardGroupRequest {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardGroup {
    pub id: Id,
    #[serde(deserialize_with = "lenient_id")]
    pub org_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
    #[serde(deserialize_with = "lenient_i64")]
    pub rank: Option<i64>,
    #[serde(deserialize_with = "lenient_bool")]
    pub is_active: bool,
    #[serde(deserialize_with = "lenient_id")]
    pub created_by: Option<Id>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "lenient_i64")]
    pub created_on: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub created_on_date_time: String,
    #[serde(deserialize_with = "lenient_id")]
    pub last_updated_by: Option<Id>,
    #[serde(deserialize_with = "lenient_i64")]
    pub last_updated_on: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub last_updated_on_date_time: String,
}

// ------------------------------------------------------------------ the rewards of a group

/// Rewards are listed `size` at a time; a group's are read page by page up to this many pages.
pub const REWARDS_PAGE_SIZE: u32 = 100;
pub const MAX_REWARD_PAGES: u32 = 10;
/// The rename warning names this many rewards, then says how many more.
pub const NAMED_IN_WARNING: usize = 5;

/// `GET {prefix}/reward/list/brand/{brandId}?groupName=…&page=…&size=…`: one name only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardsOfGroupQuery {
    pub brand_id: u64,
    /// The reward group's exact name.
    pub group_name: String,
    /// Zero-based.
    pub page: u32,
    pub size: u32,
}

impl RewardsOfGroupQuery {
    pub fn new(brand_id: u64, group_name: &str) -> RewardsOfGroupQuery {
        RewardsOfGroupQuery { brand_id, group_name: group_name.to_string(), page: 0, size: REWARDS_PAGE_SIZE }
    }

    pub fn at(&self, page: u32) -> RewardsOfGroupQuery {
        RewardsOfGroupQuery { page, ..self.clone() }
    }

    /// The path's value: the brand.
    pub fn brand(&self) -> String {
        self.brand_id.to_string()
    }

    pub fn to_query_string(&self) -> String {
        QueryWriter::new().pair("groupName", &self.group_name).pair("page", self.page).pair("size", self.size).finish()
    }

    /// As the emulator reads it (`brand_id` from the path); no `groupName` lists every reward.
    pub fn from_query_string(brand_id: u64, qs: &str) -> Result<RewardsOfGroupQuery, QueryError> {
        let p = QueryParams::parse(qs);
        Ok(RewardsOfGroupQuery {
            brand_id,
            group_name: p.text("groupName").unwrap_or("").to_string(),
            page: start_index(p.number("page")?),
            size: page_size(p.number("size")?, REWARDS_PAGE_SIZE, MAX_REWARD_PAGE_SIZE),
        })
    }
}

/// A reward's link to a reward group, by the group's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardLink {
    #[serde(deserialize_with = "lenient_string")]
    pub group_name: String,
    /// The reward's rank inside that group (the guide's reading); may be null.
    #[serde(deserialize_with = "lenient_i64")]
    pub group_rank: Option<i64>,
}

/// One reward of the brand's list (the parts the console shows; the rest is ignored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Reward {
    #[serde(skip_serializing_if = "is_no_id")]
    pub id: Id,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(deserialize_with = "lenient_opt_bool", skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `LIVE`, `UPCOMING`, `ENDED`.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub status: String,
    #[serde(deserialize_with = "or_default")]
    pub groups: Vec<RewardLink>,
    /// The reward's own rank across groups.
    #[serde(deserialize_with = "lenient_i64")]
    pub reward_rank: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub start_time: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub end_time: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub start_date_time: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub end_date_time: String,
    #[serde(rename = "type", deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub redemption_type: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
}

fn is_no_id(id: &Id) -> bool {
    id.0 == 0
}

impl Reward {
    /// Its rank in group `name` (exact name), if it is linked there with one.
    pub fn rank_in(&self, name: &str) -> Option<i64> {
        self.groups.iter().find(|g| g.group_name == name).and_then(|g| g.group_rank)
    }

    pub fn is_in(&self, name: &str) -> bool {
        self.groups.iter().any(|g| g.group_name == name)
    }

    /// What names the reward on screen: its name, or its id.
    pub fn title(&self) -> String {
        match self.name.trim() {
            "" => format!("Reward {}", self.id.0),
            name => name.to_string(),
        }
    }
}

/// The answer: `status` (6101), `rewardList`, `pagingDto`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardsAnswer {
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub status: Option<RewardStatus>,
    #[serde(deserialize_with = "or_default")]
    pub reward_list: Vec<Reward>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub paging_dto: Option<PagingDto>,
}

impl RewardsAnswer {
    /// Another page to read: not the last, and under [`MAX_REWARD_PAGES`].
    pub fn next_page(&self, q: &RewardsOfGroupQuery) -> Option<u32> {
        let last = self.paging_dto.as_ref().map(|p| p.last).unwrap_or(true);
        let next = q.page + 1;
        (!last && !self.reward_list.is_empty() && next < MAX_REWARD_PAGES).then_some(next)
    }
}

/// The console's order for a group's rewards: rank in this group ascending, unranked after,
/// then by name. Rewards the platform sent that are not linked to the group are dropped.
pub fn rewards_of(group_name: &str, rewards: Vec<Reward>) -> Vec<Reward> {
    let mut linked: Vec<Reward> = rewards.into_iter().filter(|r| r.is_in(group_name)).collect();
    linked.sort_by(|a, b| {
        let (ra, rb) = (a.rank_in(group_name), b.rank_in(group_name));
        (ra.is_none(), ra)
            .cmp(&(rb.is_none(), rb))
            .then_with(|| a.title().to_lowercase().cmp(&b.title().to_lowercase()))
    });
    linked
}

/// The rename warning: "Renaming unlinks 4 rewards: Popcorn Combo, Free Ticket, …" (the first
/// five, then how many more); `None` when none is linked.
pub fn rename_warning(rewards: &[Reward]) -> Option<String> {
    let n = rewards.len();
    if n == 0 {
        return None;
    }
    let names: Vec<String> = rewards.iter().take(NAMED_IN_WARNING).map(Reward::title).collect();
    let more = match n.saturating_sub(NAMED_IN_WARNING) {
        0 => String::new(),
        m => format!(" (and {m} more)"),
    };
    let noun = if n == 1 { "reward" } else { "rewards" };
    Some(format!("Renaming unlinks {n} {noun}: {}{more}.", names.join(", ")))
}

pub const NO_BRAND: &str = "Set the brand ID in Settings to list this group's rewards.";
pub const NO_REWARDS: &str = "No reward is linked to this group.";

/// The words for an error of the rewards list; else [`ApiError::headline`].
pub fn rewards_words(e: &ApiError, brand_id: u64) -> String {
    match e {
        ApiError::Api { code: Some(3004), .. } => {
            format!("The platform has no brand {brand_id}: check the brand ID in Settings.")
        }
        _ => e.headline(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::read::Id;

    #[test]
    fn list_query_round_trips_and_reads_defaults() {
        let q = RewardListQuery {
            page: 2,
            size: 25,
            active: Some(false),
            name: Some("VIP & co".into()),
            order_by: Some(SortOrder::Desc),
            sort_on: Some(RewardSortOn::LastUpdatedOn),
        };
        let s = q.to_query_string();
        assert_eq!(s, "page=2&size=25&active=false&name=VIP+%26+co&orderBy=DESC&sortOn=LAST_UPDATED_ON");
        assert_eq!(RewardListQuery::from_query_string(&s), Ok(q));
        assert_eq!(RewardListQuery::default().to_query_string(), "page=0&size=10");
        assert_eq!(RewardListQuery::from_query_string(""), Ok(RewardListQuery::default()));
        assert_eq!(RewardListQuery::from_query_string("size=1000").unwrap().size, 100);
        assert_eq!(RewardListQuery::from_query_string("sortBy=RANK").unwrap().sort_on, Some(RewardSortOn::Rank));
        assert!(RewardListQuery::from_query_string("active=maybe").is_err());
        assert!(RewardListQuery::from_query_string("sortOn=NAME").is_err());
    }

    #[test]
    fn paging_of_pages_at_the_edges() {
        let p = PagingDto::new(0, 10, 25);
        assert_eq!((p.first, p.last, p.total_pages, p.number_of_elements), (true, false, Some(3), Some(10)));
        let p = PagingDto::new(2, 10, 25);
        assert_eq!((p.first, p.last, p.number_of_elements), (false, true, Some(5)));
        let p = PagingDto::new(0, 10, 0);
        assert_eq!((p.first, p.last, p.total_pages, p.number_of_elements), (true, true, Some(0), Some(0)));
        let p = PagingDto::new(5, 10, 25);
        assert_eq!((p.last, p.number_of_elements), (true, Some(0)));
    }

    #[test]
    fn update_sends_name_always_and_rank_and_state_only_when_set() {
        let u = RewardGroupUpdate::new(RewardGroupRequest { name: "VIP".into(), rank: None }, None);
        assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"name":"VIP"}"#);
        let u = RewardGroupUpdate::new(RewardGroupRequest { name: "VIP".into(), rank: Some(3) }, Some(false));
        assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"name":"VIP","rank":3,"isActive":false}"#);
        assert_eq!(reward_group_path(10417), "/group/10417");
    }

    #[test]
    fn a_rename_is_a_change_of_the_trimmed_name() {
        let g = RewardGroup { id: Id(1), name: "Travel Perks".into(), ..RewardGroup::default() };
        assert!(!renames(&g, "Travel Perks"));
        assert!(!renames(&g, "  Travel Perks "));
        assert!(renames(&g, "Travel perks"), "a change of case is a new name");
        assert!(renames(&g, "Travel Perks 2"));
    }

    #[test]
    fn a_group_is_titled_by_its_name_or_else_its_id() {
        let g = RewardGroup { id: Id(7), name: " Travel Perks ".into(), ..RewardGroup::default() };
        assert_eq!(g.title(), "Travel Perks");
        assert_eq!(RewardGroup { name: "  ".into(), ..g }.title(), "Reward group 7");
    }

    fn reward(id: u64, name: &str, links: &[(&str, Option<i64>)]) -> Reward {
        Reward {
            id: Id(id),
            name: name.into(),
            groups: links.iter().map(|(g, r)| RewardLink { group_name: g.to_string(), group_rank: *r }).collect(),
            ..Reward::default()
        }
    }

    #[test]
    fn a_groups_rewards_are_asked_by_name_and_ordered_by_their_rank_in_it() {
        let q = RewardsOfGroupQuery::new(25, "Family Movie Night");
        assert_eq!(q.to_query_string(), "groupName=Family+Movie+Night&page=0&size=100");
        assert_eq!(RewardsOfGroupQuery::from_query_string(25, &q.to_query_string()), Ok(q.clone()));
        assert_eq!(RewardsOfGroupQuery::from_query_string(25, "").unwrap().group_name, "");
        let list = vec![
            reward(1, "Popcorn Combo", &[("Family Movie Night", Some(2))]),
            reward(2, "zebra pass", &[("Family Movie Night", None)]),
            reward(3, "Free Ticket", &[("Kids Corner", Some(1)), ("Family Movie Night", Some(1))]),
            reward(4, "Arcade Tokens", &[("Family Movie Night", None)]),
            reward(5, "Elsewhere", &[("Kids Corner", Some(1))]),
        ];
        let ordered = rewards_of("Family Movie Night", list);
        let names: Vec<&str> = ordered.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Free Ticket", "Popcorn Combo", "Arcade Tokens", "zebra pass"]);
        assert_eq!(ordered[0].rank_in("Kids Corner"), Some(1));
        assert_eq!(
            rename_warning(&ordered).unwrap(),
            "Renaming unlinks 4 rewards: Free Ticket, Popcorn Combo, Arcade Tokens, zebra pass."
        );
        let many: Vec<Reward> = (1..=7).map(|i| reward(i, &format!("R{i}"), &[])).collect();
        assert_eq!(rename_warning(&many).unwrap(), "Renaming unlinks 7 rewards: R1, R2, R3, R4, R5 (and 2 more).");
        assert_eq!(rename_warning(&many[..1]).unwrap(), "Renaming unlinks 1 reward: R1.");
        assert_eq!(rename_warning(&[]), None);
    }

    #[test]
    fn pages_are_read_until_the_last_and_at_most_ten() {
        let q = RewardsOfGroupQuery::new(25, "G");
        let page = |last| RewardsAnswer {
            reward_list: vec![Reward::default()],
            paging_dto: Some(PagingDto { last, ..PagingDto::default() }),
            ..RewardsAnswer::default()
        };
        assert_eq!(page(false).next_page(&q), Some(1));
        assert_eq!(page(true).next_page(&q), None);
        assert_eq!(page(false).next_page(&q.at(9)), None);
        assert_eq!(RewardsAnswer::default().next_page(&q), None);
        let e = ApiError::Api { status: 400, code: Some(3004), message: String::new() };
        assert_eq!(rewards_words(&e, 1), "The platform has no brand 1: check the brand ID in Settings.");
        let other = ApiError::Timeout { secs: 15 };
        assert_eq!(rewards_words(&other, 1), other.headline());
    }
}
