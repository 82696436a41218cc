//! The exact look-up on the Find page: a group by its ID, its external ID, or its primary
//! member's customer ID (`GET /v2/userGroup2?id= | externalId= | primaryUserId=`).

use crate::search::{CustomerGroupsQuery, CustomerIdentifier};
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

/// How "Groups of a customer" names the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerBy {
    CustomerId,
    Mobile,
    Email,
}

impl CustomerBy {
    pub const ALL: [CustomerBy; 3] = [CustomerBy::CustomerId, CustomerBy::Mobile, CustomerBy::Email];

    pub fn label(self) -> &'static str {
        match self {
            CustomerBy::CustomerId => "Customer ID",
            CustomerBy::Mobile => "Mobile",
            CustomerBy::Email => "E-mail",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            CustomerBy::CustomerId => "The platform's customer ID, e.g. 700100001.",
            CustomerBy::Mobile => "With the country code, e.g. 919876500001.",
            CustomerBy::Email => "e.g. priya.sharma@example.com",
        }
    }

    pub fn not_found(self) -> &'static str {
        match self {
            CustomerBy::CustomerId => "The platform has no customer with this ID.",
            CustomerBy::Mobile => "No customer has this mobile number. Check the country code.",
            CustomerBy::Email => "No customer has this e-mail address.",
        }
    }
}

/// The request for a customer's groups, or the words to show next to the field. A mobile is
/// sent as its digits (spaces, dashes and a leading + are how people write it, not part of it).
pub fn customer_query(by: CustomerBy, value: &str) -> Result<CustomerGroupsQuery, &'static str> {
    let v = value.trim();
    match by {
        CustomerBy::CustomerId => match v.parse::<u64>() {
            Ok(n) if n > 0 => Ok(CustomerGroupsQuery::by_id(n)),
            _ if v.is_empty() => Err("Enter the customer's ID."),
            _ => Err("A customer ID is a whole number, like 700100001."),
        },
        CustomerBy::Mobile => {
            let digits: String = v.chars().filter(|c| !matches!(c, ' ' | '-' | '+' | '(' | ')')).collect();
            if digits.is_empty() {
                Err("Enter the customer's mobile number.")
            } else if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() < 6 {
                Err("A mobile number is digits, with the country code, like 919876500001.")
            } else {
                Ok(CustomerGroupsQuery::lookup(CustomerIdentifier::Mobile, &digits))
            }
        }
        CustomerBy::Email => match v.split_once('@') {
            _ if v.is_empty() => Err("Enter the customer's e-mail address."),
            Some((user, domain)) if !user.is_empty() && domain.contains('.') && !v.contains(' ') => {
                Ok(CustomerGroupsQuery::lookup(CustomerIdentifier::Email, v))
            }
            _ => Err("An e-mail address looks like name@example.com."),
        },
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

    #[test]
    fn a_customer_is_named_by_id_mobile_or_email() {
        assert_eq!(customer_query(CustomerBy::CustomerId, " 700100001 "), Ok(CustomerGroupsQuery::by_id(700100001)));
        assert_eq!(
            customer_query(CustomerBy::Mobile, "+91 98765-00001"),
            Ok(CustomerGroupsQuery::lookup(CustomerIdentifier::Mobile, "919876500001"))
        );
        assert_eq!(
            customer_query(CustomerBy::Email, "priya.sharma@example.com"),
            Ok(CustomerGroupsQuery::lookup(CustomerIdentifier::Email, "priya.sharma@example.com"))
        );
    }

    #[test]
    fn a_malformed_customer_is_refused_with_words() {
        assert_eq!(customer_query(CustomerBy::CustomerId, ""), Err("Enter the customer's ID."));
        assert!(customer_query(CustomerBy::CustomerId, "abc").is_err());
        assert!(customer_query(CustomerBy::Mobile, "12345").is_err());
        assert!(customer_query(CustomerBy::Mobile, "98765abc01").is_err());
        assert!(customer_query(CustomerBy::Email, "priya").is_err());
        assert!(customer_query(CustomerBy::Email, "@example.com").is_err());
        assert!(customer_query(CustomerBy::Email, "a b@example.com").is_err());
    }
}
