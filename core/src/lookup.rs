//! The exact look-up on the Find page: a group by its ID, its external ID, or its primary
//! member's customer ID (`GET /v2/userGroup2?id= | externalId= | primaryUserId=`).

use crate::types::GroupKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupBy {
    GroupId,
    ExternalId,
    PrimaryMemberId,
}

impl LookupBy {
    pub const ALL: [LookupBy; 3] = [LookupBy::GroupId, LookupBy::ExternalId, LookupBy::PrimaryMemberId];

    /// The choice's label, which is also the field's.
    pub fn label(self) -> &'static str {
        match self {
            LookupBy::GroupId => "Group ID",
            LookupBy::ExternalId => "External ID",
            LookupBy::PrimaryMemberId => "Primary member ID",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            LookupBy::GroupId => "The platform's numeric ID, e.g. 3918893.",
            LookupBy::ExternalId => "Your own code for the group, e.g. uat_ug_10_txn.",
            LookupBy::PrimaryMemberId => "The customer ID of the group's primary member, e.g. 566998132.",
        }
    }

    /// What to say when the platform knows no such group.
    pub fn not_found(self) -> &'static str {
        match self {
            LookupBy::GroupId => "The platform has no group with this ID.",
            LookupBy::ExternalId => "No group has this external ID.",
            LookupBy::PrimaryMemberId => "No group has this customer as its primary member.",
        }
    }
}

/// The key to look up, or the words to show next to the field. An external ID that looks
/// like a number stays an external ID: the user chose.
pub fn lookup_key(by: LookupBy, value: &str) -> Result<GroupKey, &'static str> {
    let v = value.trim();
    let number = |empty, bad| match v.parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ if v.is_empty() => Err(empty),
        _ => Err(bad),
    };
    match by {
        LookupBy::GroupId => number(
            "Enter a group ID.",
            "A group ID is a whole number, like 3918893. To search by your own code, choose External ID.",
        )
        .map(GroupKey::Id),
        LookupBy::ExternalId if v.is_empty() => Err("Enter an external ID."),
        LookupBy::ExternalId => Ok(GroupKey::ExternalId(v.to_string())),
        LookupBy::PrimaryMemberId => {
            number("Enter the primary member's customer ID.", "A customer ID is a whole number, like 566998132.")
                .map(GroupKey::PrimaryUserId)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_choice_reads_its_key() {
        assert_eq!(lookup_key(LookupBy::GroupId, " 3918893 "), Ok(GroupKey::Id(3918893)));
        assert_eq!(lookup_key(LookupBy::ExternalId, " 12345 "), Ok(GroupKey::ExternalId("12345".into())));
        assert_eq!(lookup_key(LookupBy::PrimaryMemberId, "566998132"), Ok(GroupKey::PrimaryUserId(566998132)));
    }

    #[test]
    fn empty_and_malformed_values_say_what_to_enter() {
        assert_eq!(lookup_key(LookupBy::GroupId, "  "), Err("Enter a group ID."));
        assert!(lookup_key(LookupBy::GroupId, "fam_1").unwrap_err().contains("choose External ID"));
        assert!(lookup_key(LookupBy::GroupId, "0").is_err());
        assert_eq!(lookup_key(LookupBy::ExternalId, ""), Err("Enter an external ID."));
        assert!(lookup_key(LookupBy::PrimaryMemberId, "-5").unwrap_err().contains("whole number"));
        assert_eq!(lookup_key(LookupBy::PrimaryMemberId, ""), Err("Enter the primary member's customer ID."));
    }
}
