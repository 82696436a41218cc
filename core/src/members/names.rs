//! Members by name: the transactions, the points ledger and the transfers name a member by
//! customer ID only, and the members list knows their names. One request per group page
//! reads the list (as many as the group has active members, at most 1,000), and every view
//! then shows a name where it had an ID.

use std::collections::HashMap;

use super::wire::{GroupMember, MembersQuery, MAX_MEMBERS_LIMIT};
use crate::group::wire::GroupDetails;

/// Customer ID → name, from the members list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberNames(HashMap<u64, String>);

impl MemberNames {
    /// The one members-list request that names the group's members: `None` for a group
    /// without active members (there is nobody to name).
    pub fn query(group: &GroupDetails) -> Option<MembersQuery> {
        let members = group.active_members().min(MAX_MEMBERS_LIMIT as u64) as u32;
        (members > 0).then(|| MembersQuery {
            limit: members,
            pagination_details: false,
            ..MembersQuery::new(group.id.0)
        })
    }

    /// The names of the members listed; a member without one is left out (their ID stays).
    pub fn from_members(members: &[GroupMember]) -> MemberNames {
        MemberNames(
            members.iter().map(|m| (m.fleet_user_id.0, m.name())).filter(|(_, name)| !name.is_empty()).collect(),
        )
    }

    pub fn name(&self, customer_id: u64) -> Option<&str> {
        self.0.get(&customer_id).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::read::Id;

    #[test]
    fn one_request_for_as_many_members_as_the_group_has_at_most_a_thousand() {
        let group = |id: u64, active: i64| GroupDetails {
            id: Id(id),
            total_active_members: Some(active),
            ..GroupDetails::default()
        };
        let q = MemberNames::query(&group(3920001, 3)).unwrap();
        assert_eq!(q.to_query_string(), "source=INSTORE&identifierName=id&identifierValue=3920001&offset=0&limit=3");
        assert_eq!(MemberNames::query(&group(5000000, 30000)).unwrap().limit, 1000);
        assert_eq!(MemberNames::query(&group(1, 0)), None, "nobody to name");
    }

    #[test]
    fn names_by_customer_id_and_no_blank_names() {
        let member = |id: u64, first: &str, last: &str| GroupMember {
            fleet_user_id: Id(id),
            first_name: first.into(),
            last_name: last.into(),
            ..GroupMember::default()
        };
        let names = MemberNames::from_members(&[
            member(700100001, "Priya", "Sharma"),
            member(700100002, " Arjun ", ""),
            member(700100003, "", " "),
        ]);
        assert_eq!(names.name(700100001), Some("Priya Sharma"));
        assert_eq!(names.name(700100002), Some("Arjun"));
        assert_eq!(names.name(700100003), None, "no name: the ID stays");
        assert_eq!(names.name(1), None);
        assert_eq!(names.len(), 2);
        assert!(MemberNames::default().is_empty());
    }
}
