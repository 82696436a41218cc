//! The rewards linked to one reward group, as its page shows them: every page of the brand's
//! list for the group's name (at most [`MAX_REWARD_PAGES`]), ordered by their rank in this
//! group, and the words around them (the summary, a reward's state and other groups, the
//! rename warning that names them).

use crate::platform::format::group_digits;
use crate::rewards::wire::{
    rename_warning, rewards_of, Reward, RewardsAnswer, RewardsOfGroupQuery, MAX_REWARD_PAGES, REWARDS_PAGE_SIZE,
};

/// Reads a group's rewards page by page: ask [`LinkedRewardsReader::query`], hand the answer
/// to [`LinkedRewardsReader::take`], again while it says so, then [`LinkedRewardsReader::finish`].
#[derive(Debug, Clone)]
pub struct LinkedRewardsReader {
    query: RewardsOfGroupQuery,
    read: Vec<Reward>,
    complete: bool,
}

impl LinkedRewardsReader {
    pub fn new(brand_id: u64, group_name: &str) -> LinkedRewardsReader {
        LinkedRewardsReader { query: RewardsOfGroupQuery::new(brand_id, group_name), read: Vec::new(), complete: true }
    }

    /// The page to ask for next.
    pub fn query(&self) -> &RewardsOfGroupQuery {
        &self.query
    }

    /// Keeps one page's rewards; true when another page is to be read (then `query()` asks
    /// for it). A list that goes on past the last page read is marked incomplete.
    pub fn take(&mut self, answer: RewardsAnswer) -> bool {
        let next = answer.next_page(&self.query);
        let last = answer.paging_dto.as_ref().map(|p| p.last).unwrap_or(true);
        let more_there = !last && !answer.reward_list.is_empty();
        for r in answer.reward_list {
            // A reward seen on an earlier page (the list moved while it was read) is kept once.
            if r.id.0 == 0 || !self.read.iter().any(|seen| seen.id == r.id) {
                self.read.push(r);
            }
        }
        match next {
            Some(page) => {
                self.query = self.query.at(page);
                true
            }
            None => {
                self.complete = !more_there;
                false
            }
        }
    }

    pub fn finish(self) -> LinkedRewards {
        let name = self.query.group_name.clone();
        LinkedRewards {
            brand_id: self.query.brand_id,
            rewards: rewards_of(&name, self.read),
            group_name: name,
            complete: self.complete,
        }
    }
}

/// The rewards linked to `group_name` in brand `brand_id`, in the console's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkedRewards {
    pub brand_id: u64,
    pub group_name: String,
    pub rewards: Vec<Reward>,
    /// False when the platform had more pages than the console reads.
    pub complete: bool,
}

impl LinkedRewards {
    pub fn is_empty(&self) -> bool {
        self.rewards.is_empty()
    }

    /// The sentence above the table (or instead of it).
    pub fn summary(&self) -> String {
        let (brand, name, n) = (self.brand_id, self.group_name.as_str(), self.rewards.len());
        let order = "listed by their rank in this group; rewards without a rank come last.";
        match (n, self.complete) {
            (0, _) => format!("No reward of brand {brand} is linked to “{name}”."),
            (1, true) => format!("1 reward of brand {brand} is linked to “{name}”."),
            (_, true) => format!("{} rewards of brand {brand} are linked to “{name}”, {order}", group_digits(n as u64)),
            (_, false) => format!(
                "The first {} rewards of brand {brand} linked to “{name}” (the console reads at most {} pages of {}), {order}",
                group_digits(n as u64),
                MAX_REWARD_PAGES,
                REWARDS_PAGE_SIZE
            ),
        }
    }

    /// "Renaming unlinks 4 rewards: Free Movie Ticket, Popcorn Combo, … (and 1 more)." —
    /// "at least" when the list was cut short; `None` when none is linked.
    pub fn rename_warning(&self) -> Option<String> {
        let words = rename_warning(&self.rewards)?;
        Some(if self.complete { words } else { words.replacen("Renaming unlinks ", "Renaming unlinks at least ", 1) })
    }
}

/// What the rename warning can say about the rewards a new name unlinks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameUnlinks {
    /// The list is still being read: the rename waits for it.
    Looking,
    /// "Renaming unlinks 4 rewards: …" (from [`LinkedRewards::rename_warning`]).
    Named(String),
    /// The list was read: no reward of this brand is linked.
    Nothing { brand_id: u64 },
    /// Settings has no brand ID, so nobody asked.
    NoBrand,
    /// The list could not be read.
    Unread,
}

impl RenameUnlinks {
    pub fn of(list: &LinkedRewards) -> RenameUnlinks {
        match list.rename_warning() {
            Some(words) => RenameUnlinks::Named(words),
            None => RenameUnlinks::Nothing { brand_id: list.brand_id },
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            RenameUnlinks::Nothing { .. } => "Rename this reward group?",
            _ => "Renaming unlinks rewards",
        }
    }

    pub fn confirm_label(&self) -> &'static str {
        match self {
            RenameUnlinks::Nothing { .. } => "Rename",
            _ => "Rename and unlink rewards",
        }
    }

    /// The rename is confirmed only once the list is known (read, failed, or not asked).
    pub fn can_confirm(&self) -> bool {
        *self != RenameUnlinks::Looking
    }

    /// The warning's words for renaming `from` to `to`.
    pub fn detail(&self, from: &str, to: &str) -> String {
        let unsent = "Nothing has been sent yet.";
        let generic = format!(
            "The platform attaches rewards to a reward group by its name. Renaming “{from}” to “{to}” unlinks every reward attached to this group. {unsent}"
        );
        match self {
            RenameUnlinks::Named(named) => format!(
                "{named} The platform attaches rewards to a reward group by its name, so renaming “{from}” to “{to}” unlinks them from this group. {unsent}"
            ),
            RenameUnlinks::Nothing { brand_id } => format!(
                "No reward of brand {brand_id} is linked to “{from}”, so renaming it to “{to}” unlinks none of that brand's rewards. {unsent}"
            ),
            RenameUnlinks::Looking => format!("{generic} Looking up which rewards are linked…"),
            RenameUnlinks::NoBrand => format!("{generic} Set the brand ID in Settings to see which."),
            RenameUnlinks::Unread => {
                format!("{generic} The console could not read which ones (see “Rewards in this group”).")
            }
        }
    }
}

/// A reward's state in words: "Live", "Upcoming", "Ended" (else as sent, "—" for none), and
/// "(disabled)" when the platform says it is not enabled.
pub fn state_words(r: &Reward) -> String {
    let status = match r.status.trim().to_ascii_uppercase().as_str() {
        "LIVE" => "Live".to_string(),
        "UPCOMING" => "Upcoming".to_string(),
        "ENDED" => "Ended".to_string(),
        "" => "—".to_string(),
        _ => r.status.trim().to_string(),
    };
    if r.enabled == Some(false) {
        format!("{status} (disabled)")
    } else {
        status
    }
}

/// The other reward groups a reward is linked to, with its rank there: "Kids Corner (rank 3),
/// Spa Escapes"; "—" for none. A rename of this group leaves these links alone.
pub fn other_groups(r: &Reward, group_name: &str) -> String {
    let others: Vec<String> = r
        .groups
        .iter()
        .filter(|g| g.group_name != group_name && !g.group_name.trim().is_empty())
        .map(|g| match g.group_rank {
            Some(rank) => format!("{} (rank {rank})", g.group_name.trim()),
            None => g.group_name.trim().to_string(),
        })
        .collect();
    if others.is_empty() {
        "—".into()
    } else {
        others.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::read::Id;
    use crate::rewards::wire::{PagingDto, RewardLink};

    fn reward(id: u64, name: &str, links: &[(&str, Option<i64>)]) -> Reward {
        Reward {
            id: Id(id),
            name: name.into(),
            groups: links.iter().map(|(g, r)| RewardLink { group_name: g.to_string(), group_rank: *r }).collect(),
            ..Reward::default()
        }
    }

    fn page(rewards: Vec<Reward>, last: Option<bool>) -> RewardsAnswer {
        RewardsAnswer {
            reward_list: rewards,
            paging_dto: last.map(|last| PagingDto { last, ..PagingDto::default() }),
            ..RewardsAnswer::default()
        }
    }

    const FMN: &str = "Family Movie Night";

    #[test]
    fn every_page_is_read_then_ordered_by_rank_in_the_group_once_each() {
        let mut reader = LinkedRewardsReader::new(25, FMN);
        assert_eq!(reader.query().to_query_string(), "groupName=Family+Movie+Night&page=0&size=100");
        let more = reader.take(page(
            vec![reward(5004, "Drive-in Pass", &[(FMN, None)]), reward(5001, "Popcorn Combo", &[(FMN, Some(2))])],
            Some(false),
        ));
        assert!(more);
        assert_eq!(reader.query().page, 1, "the next page is asked");
        let more = reader.take(page(
            vec![
                // Seen on page 0 already: the list moved while it was read.
                reward(5001, "Popcorn Combo", &[(FMN, Some(2))]),
                reward(5002, "Free Movie Ticket", &[("Kids Corner", Some(3)), (FMN, Some(1))]),
                // Not linked to this exact name: the platform's filter is not trusted.
                reward(5003, "Kids Snack Pack", &[("Kids Corner", Some(1)), ("family movie night", Some(1))]),
            ],
            Some(true),
        ));
        assert!(!more);
        let linked = reader.finish();
        let names: Vec<&str> = linked.rewards.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Free Movie Ticket", "Popcorn Combo", "Drive-in Pass"]);
        assert!(linked.complete);
        assert_eq!(
            linked.summary(),
            "3 rewards of brand 25 are linked to “Family Movie Night”, listed by their rank in this group; rewards without a rank come last."
        );
        assert_eq!(
            linked.rename_warning().unwrap(),
            "Renaming unlinks 3 rewards: Free Movie Ticket, Popcorn Combo, Drive-in Pass."
        );
    }

    #[test]
    fn an_answer_without_paging_is_the_only_page() {
        let mut reader = LinkedRewardsReader::new(25, FMN);
        assert!(!reader.take(page(vec![reward(1, "A", &[(FMN, Some(1))])], None)));
        let linked = reader.finish();
        assert!(linked.complete);
        assert_eq!(linked.summary(), "1 reward of brand 25 is linked to “Family Movie Night”.");
        assert_eq!(linked.rename_warning().unwrap(), "Renaming unlinks 1 reward: A.");
    }

    #[test]
    fn a_list_past_ten_pages_is_cut_short_and_says_so() {
        let mut reader = LinkedRewardsReader::new(7, "Big");
        let mut asked = 0;
        loop {
            asked += 1;
            let p = reader.query().page as u64;
            let rewards = (0..100).map(|i| reward(p * 100 + i + 1, &format!("R{}", p * 100 + i + 1), &[("Big", None)]));
            if !reader.take(page(rewards.collect(), Some(false))) {
                break;
            }
        }
        assert_eq!(asked, 10, "at most ten pages are asked");
        let linked = reader.finish();
        assert!(!linked.complete);
        assert_eq!(linked.rewards.len(), 1000);
        assert_eq!(
            linked.summary(),
            "The first 1,000 rewards of brand 7 linked to “Big” (the console reads at most 10 pages of 100), listed by their rank in this group; rewards without a rank come last."
        );
        assert!(linked.rename_warning().unwrap().starts_with("Renaming unlinks at least 1000 rewards: R1, R10, R100,"));
        assert!(linked.rename_warning().unwrap().ends_with("(and 995 more)."));
    }

    #[test]
    fn no_reward_linked_is_said_and_asks_no_warning() {
        let mut reader = LinkedRewardsReader::new(25, "Family Film Night");
        assert!(!reader.take(page(vec![], Some(false))), "an empty page ends the list even if not marked last");
        let linked = reader.finish();
        assert!(linked.is_empty() && linked.complete);
        assert_eq!(linked.summary(), "No reward of brand 25 is linked to “Family Film Night”.");
        assert_eq!(linked.rename_warning(), None);
    }

    #[test]
    fn the_rename_warning_names_the_rewards_once_known() {
        let mut reader = LinkedRewardsReader::new(25, FMN);
        reader.take(page(
            vec![reward(5001, "Popcorn Combo", &[(FMN, Some(2))]), reward(5004, "Drive-in Pass", &[(FMN, None)])],
            Some(true),
        ));
        let named = RenameUnlinks::of(&reader.finish());
        assert_eq!(named.title(), "Renaming unlinks rewards");
        assert_eq!(named.confirm_label(), "Rename and unlink rewards");
        assert_eq!(
            named.detail(FMN, "Family Film Night"),
            "Renaming unlinks 2 rewards: Popcorn Combo, Drive-in Pass. The platform attaches rewards to a reward group by its name, so renaming “Family Movie Night” to “Family Film Night” unlinks them from this group. Nothing has been sent yet."
        );
        let none = RenameUnlinks::of(&LinkedRewardsReader::new(25, "Spa").finish());
        assert_eq!(none, RenameUnlinks::Nothing { brand_id: 25 });
        assert_eq!((none.title(), none.confirm_label()), ("Rename this reward group?", "Rename"));
        assert_eq!(
            none.detail("Spa", "Spa Days"),
            "No reward of brand 25 is linked to “Spa”, so renaming it to “Spa Days” unlinks none of that brand's rewards. Nothing has been sent yet."
        );
        let generic = "The platform attaches rewards to a reward group by its name. Renaming “A” to “B” unlinks every reward attached to this group. Nothing has been sent yet.";
        assert_eq!(
            RenameUnlinks::Unread.detail("A", "B"),
            format!("{generic} The console could not read which ones (see “Rewards in this group”).")
        );
        assert_eq!(
            RenameUnlinks::NoBrand.detail("A", "B"),
            format!("{generic} Set the brand ID in Settings to see which.")
        );
        assert!(RenameUnlinks::Looking.detail("A", "B").starts_with(generic));
        assert!(!RenameUnlinks::Looking.can_confirm(), "not before the list is known");
        assert!(RenameUnlinks::Unread.can_confirm() && RenameUnlinks::NoBrand.can_confirm() && named.can_confirm());
    }

    #[test]
    fn a_rewards_state_and_other_groups_in_words() {
        let mut r = reward(
            5002,
            "Free Movie Ticket",
            &[(FMN, Some(1)), ("Kids Corner", Some(3)), ("Spa Escapes", None), (" ", None)],
        );
        for (status, enabled, words) in [
            ("LIVE", Some(true), "Live"),
            ("upcoming", None, "Upcoming"),
            ("ENDED", Some(false), "Ended (disabled)"),
            ("PAUSED", None, "PAUSED"),
            ("", None, "—"),
        ] {
            r.status = status.into();
            r.enabled = enabled;
            assert_eq!(state_words(&r), words, "{status}");
        }
        assert_eq!(other_groups(&r, FMN), "Kids Corner (rank 3), Spa Escapes");
        assert_eq!(other_groups(&reward(1, "A", &[(FMN, None)]), FMN), "—");
    }
}
