//! The Find page's ways to a group: the search box and the extended-field filter (whose state
//! lives in the page's address), the exact look-up by ID, external ID or primary member
//! (`GET /v2/userGroup2?id= | externalId= | primaryUserId=`), and a customer's groups.

use crate::find::wire::{search_term, CustomerGroupsQuery, CustomerIdentifier, SearchError};
use crate::group::wire::GroupKey;
use crate::platform::query::{QueryParams, QueryWriter};

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

/// What the Find page is searching for, as its address says (`/?q=sharma&offset=10`,
/// `/?field=platinum&value=40`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Nothing,
    Text { q: String, offset: u32 },
    Field { name: String, value: String, offset: u32 },
}

impl Finding {
    /// Reads the page's query string (without `?`). Text that the platform would refuse is
    /// kept as typed: the page says what is wrong with it.
    pub fn from_query(qs: &str) -> Finding {
        let p = QueryParams::parse(qs);
        let offset = p.text("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
        let text = |k| p.text(k).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        match (text("q"), text("field"), text("value")) {
            (_, Some(name), Some(value)) => Finding::Field { name, value, offset },
            (Some(q), _, _) => Finding::Text { q, offset },
            _ => Finding::Nothing,
        }
    }

    /// The Find page's address for this finding.
    pub fn href(&self) -> String {
        let mut w = QueryWriter::new();
        let offset = match self {
            Finding::Nothing => return "/".into(),
            Finding::Text { q, offset } => {
                w.pair("q", q);
                offset
            }
            Finding::Field { name, value, offset } => {
                w.pair("field", name).pair("value", value);
                offset
            }
        };
        if *offset > 0 {
            w.pair("offset", offset);
        }
        format!("/?{}", w.finish())
    }

    /// The same finding from another item on.
    pub fn at(&self, offset: u32) -> Finding {
        match self.clone() {
            Finding::Nothing => Finding::Nothing,
            Finding::Text { q, .. } => Finding::Text { q, offset },
            Finding::Field { name, value, .. } => Finding::Field { name, value, offset },
        }
    }

    /// A search for what the user typed, if the platform would take it.
    pub fn text(raw: &str) -> Result<Finding, SearchError> {
        Ok(Finding::Text { q: search_term(raw)?, offset: 0 })
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

    /// The field's label (the choice's own label names the radio).
    pub fn field_label(self) -> &'static str {
        match self {
            CustomerBy::CustomerId => "The customer's ID",
            CustomerBy::Mobile => "The customer's mobile",
            CustomerBy::Email => "The customer's e-mail",
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

    #[test]
    fn a_finding_round_trips_through_the_address() {
        for f in [
            Finding::Nothing,
            Finding::Text { q: "Sharma & sons".into(), offset: 0 },
            Finding::Text { q: "919876500001".into(), offset: 20 },
            Finding::Field { name: "platinum".into(), value: "40".into(), offset: 10 },
        ] {
            let href = f.href();
            let qs = href.strip_prefix("/?").unwrap_or("");
            assert_eq!(Finding::from_query(qs), f, "{href}");
        }
        assert_eq!(Finding::Text { q: "a b".into(), offset: 0 }.href(), "/?q=a+b");
        assert_eq!(Finding::from_query("q=%20%20"), Finding::Nothing);
        assert_eq!(Finding::from_query("q=x&offset=abc"), Finding::Text { q: "x".into(), offset: 0 });
        assert_eq!(Finding::Text { q: "x".into(), offset: 0 }.at(30), Finding::Text { q: "x".into(), offset: 30 });
    }

    #[test]
    fn a_typed_search_is_checked_as_the_platform_would() {
        assert_eq!(Finding::text(" sharma "), Ok(Finding::Text { q: "sharma".into(), offset: 0 }));
        assert_eq!(Finding::text("  "), Err(SearchError::Missing));
        assert!(matches!(Finding::text(&"x".repeat(51)), Err(SearchError::TooLong { units: 51 })));
    }
}
