//! The emulated org's customers: named ones (the seeded groups' members and twenty free ones
//! for "add members" tests) and generated ones computed from their id (the benchmark groups'
//! members and a free range), with the identifiers that join, leave, search and the
//! customer lookup go by. Customers never change through the API, so none is stored.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use gc_core::members::wire::IdentifierKind;

/// Every id here is a customer with a generated name, in no group at first.
pub const FREE_GENERATED: RangeInclusive<u64> = 820_000_000..=820_099_999;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: u64,
    pub first_name: String,
    pub last_name: String,
    /// With the country code (91).
    pub mobile: String,
    pub email: String,
    pub external_id: String,
}

impl Customer {
    /// One digital card each.
    pub fn card_number(&self) -> String {
        format!("GC{:010}", self.id)
    }

    pub fn card_external_id(&self) -> String {
        format!("card-{}", self.id)
    }

    pub fn identifier(&self, kind: IdentifierKind) -> String {
        match kind {
            IdentifierKind::Mobile => self.mobile.clone(),
            IdentifierKind::Email => self.email.clone(),
            IdentifierKind::ExternalId => self.external_id.clone(),
            IdentifierKind::CardNumber => self.card_number(),
            IdentifierKind::CardExternalId => self.card_external_id(),
        }
    }

    /// Whether `value` names this customer: a mobile with or without the country code (at
    /// least 10 digits), e-mail and card number in any case, the rest exactly.
    pub fn answers_to(&self, kind: IdentifierKind, value: &str) -> bool {
        let value = value.trim();
        match kind {
            IdentifierKind::Mobile => mobile_matches(&self.mobile, value, 10),
            IdentifierKind::Email | IdentifierKind::CardNumber => self.identifier(kind).eq_ignore_ascii_case(value),
            IdentifierKind::ExternalId | IdentifierKind::CardExternalId => self.identifier(kind) == value,
        }
    }
}

/// A typed mobile matches a stored one (with country code) when it is made of digits (blanks,
/// `+`, `-` and brackets aside), has at least `min_digits` of them, and the stored number ends
/// with them: the country code may be typed or not.
pub fn mobile_matches(stored: &str, typed: &str, min_digits: usize) -> bool {
    if !typed.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')')) {
        return false;
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    digits.len() >= min_digits && stored.ends_with(&digits)
}

/// (id, first name, last name, e-mail when `first.last@example.com` will not do). The
/// mobile is `9198765` and the entry's place, from 00001: Priya Sharma's is 919876500001.
const NAMED: &[(u64, &str, &str, Option<&str>)] = &[
    // family_sharma 3920001
    (700_100_001, "Priya", "Sharma", None),
    (700_100_002, "Arjun", "Sharma", None),
    (700_100_003, "Kavya", "Sharma", None),
    (700_100_004, "Dev", "Sharma", None),
    // family_okafor 3920002
    (700_200_001, "Chinedu", "Okafor", None),
    (700_200_002, "Ngozi", "Okafor", None),
    (700_200_003, "Emeka", "Okafor", None),
    // family_lindqvist 3920003 (no primary)
    (700_300_001, "Astrid", "Lindqvist", None),
    (700_300_002, "Erik", "Lindqvist", None),
    // family_nguyen 3920004
    (700_400_001, "Linh", "Nguyen", None),
    (700_400_002, "Minh", "Nguyen", None),
    (700_400_003, "Thao", "Nguyen", None),
    (700_400_004, "An", "Nguyen", None),
    (700_400_005, "Bao", "Nguyen", None),
    // family_mensah 3920005 (inactive: the primary left)
    (700_600_001, "Kwame", "Mensah", None),
    (700_600_002, "Ama", "Mensah", None),
    (700_600_003, "Kofi", "Mensah", None),
    // family_kowalski 3920006 (deleted)
    (700_700_001, "Anna", "Kowalski", None),
    (700_700_002, "Piotr", "Kowalski", None),
    // team_open 3920007 (room to add)
    (700_800_001, "Grace", "Liu", None),
    (700_800_002, "Henry", "Adams", None),
    // fleet_northwind 3920010
    (700_900_001, "Margaret", "Hughes", None),
    (700_900_002, "Tom", "Baker", None),
    (700_900_003, "Sara", "Kim", None),
    (700_900_004, "Luis", "Ortega", None),
    (700_900_005, "Hannah", "Weber", None),
    (700_900_006, "Omar", "Haddad", None),
    // atlas_travel_club 3930001
    (700_500_001, "Elena", "Costa", None),
    (700_500_002, "Marco", "Costa", None),
    (700_500_003, "Giulia", "Costa", None),
    (700_500_004, "Paolo", "Rossi", None),
    // the docs' group 3918893 (its GET stays the docs' example, which has no names)
    (566_998_132, "Maya", "Fernandes", None),
    (567_219_877, "Rohan", "Fernandes", None),
    (567_219_954, "Anika", "Fernandes", None),
    (564_662_499, "Vikram", "Rao", None),
    // hostile_html 6666666: markup in names, shown as text
    (766_600_001, "<script>alert('first')</script>", "<img src=x onerror=alert(9)>", Some("hostile.one@example.com")),
    (766_600_002, "<b>Bold</b>", "<i>Italic</i>\"'", Some("hostile.two@example.com")),
    // free customers 790000001–790000020
    (790_000_001, "Aisha", "Khan", None),
    (790_000_002, "Ben", "Carter", None),
    (790_000_003, "Chloe", "Martin", None),
    (790_000_004, "Daniel", "Silva", None),
    (790_000_005, "Eva", "Novak", None),
    (790_000_006, "Farah", "Aziz", None),
    (790_000_007, "George", "Lee", None),
    (790_000_008, "Hiro", "Tanaka", None),
    (790_000_009, "Isla", "Brown", None),
    (790_000_010, "Jonas", "Berg", None),
    (790_000_011, "Keira", "Walsh", None),
    (790_000_012, "Leo", "Moretti", None),
    (790_000_013, "Mei", "Chen", None),
    (790_000_014, "Nikhil", "Rao", None),
    (790_000_015, "Olivia", "Green", None),
    (790_000_016, "Pedro", "Alves", None),
    (790_000_017, "Quinn", "Murphy", None),
    (790_000_018, "Ravi", "Menon", None),
    (790_000_019, "Sofia", "Ivanova", None),
    (790_000_020, "Tariq", "Aziz", None),
];

const FIRST: &[&str] = &[
    "Aarav", "Abebe", "Ana", "Bianca", "Carlos", "Chen", "Dara", "Diego", "Elif", "Emma", "Fatima", "Felix", "Hana",
    "Ibrahim", "Ines", "Jae", "Jamal", "Julia", "Kenji", "Lara", "Lucas", "Mariam", "Mateo", "Nadia", "Noah", "Oren",
    "Priyanka", "Rafael", "Sana", "Sven", "Tomas", "Yara",
];
const LAST: &[&str] = &[
    "Ahmed",
    "Andersen",
    "Banerjee",
    "Bauer",
    "Cohen",
    "Dubois",
    "Eze",
    "Fischer",
    "Garcia",
    "Gupta",
    "Ivanov",
    "Jensen",
    "Kato",
    "Kowalczyk",
    "Lopez",
    "Mbeki",
    "Mehta",
    "Nakamura",
    "Novak",
    "Okoro",
    "Park",
    "Petrov",
    "Quispe",
    "Reyes",
    "Santos",
    "Schmidt",
    "Singh",
    "Tan",
    "Usman",
    "Varga",
    "Wong",
    "Yilmaz",
];

/// A customer generated from its id: the same name and identifiers on every start.
pub fn generated(id: u64) -> Customer {
    // splitmix64: neighbouring ids get unrelated names.
    let mut h = id.wrapping_add(0x9E37_79B9_7F4A_7C15);
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    let first = FIRST[(h % FIRST.len() as u64) as usize];
    let last = LAST[((h / FIRST.len() as u64) % LAST.len() as u64) as usize];
    Customer {
        id,
        first_name: first.into(),
        last_name: last.into(),
        // 918 and the nine-digit id: a ten-digit Indian mobile, and the id can be read back.
        mobile: format!("918{:09}", id % 1_000_000_000),
        email: format!("{}.{}.{id}@example.net", first.to_lowercase(), last.to_lowercase()),
        external_id: format!("cust-{id}"),
    }
}

/// The id a generated customer's identifier was made from, if it has that form.
fn generated_id(kind: IdentifierKind, value: &str) -> Option<u64> {
    let v = value.trim();
    let digits = match kind {
        IdentifierKind::Mobile => {
            let d: String = v.chars().filter(char::is_ascii_digit).collect();
            d.get(d.len().checked_sub(9)?..).map(str::to_string)?
        }
        IdentifierKind::Email => v.split('@').next()?.rsplit('.').next()?.to_string(),
        IdentifierKind::ExternalId => v.strip_prefix("cust-")?.to_string(),
        IdentifierKind::CardNumber => v.get(2..)?.to_string(),
        IdentifierKind::CardExternalId => v.strip_prefix("card-")?.to_string(),
    };
    digits.parse().ok()
}

pub struct Customers {
    named: BTreeMap<u64, Customer>,
}

impl Default for Customers {
    fn default() -> Self {
        Customers::seeded()
    }
}

impl Customers {
    pub fn seeded() -> Customers {
        let named = NAMED
            .iter()
            .enumerate()
            .map(|(i, &(id, first, last, email))| {
                let email = email
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{}.{}@example.com", first.to_lowercase(), last.to_lowercase()));
                let c = Customer {
                    id,
                    first_name: first.into(),
                    last_name: last.into(),
                    mobile: format!("9198765{:05}", i + 1),
                    email,
                    external_id: format!("cust-{id}"),
                };
                (id, c)
            })
            .collect();
        Customers { named }
    }

    /// The customer with this id. Generated ids exist when `is_member` says so (the
    /// benchmark groups' members) or in [`FREE_GENERATED`]; anything else is unknown (8015).
    pub fn get(&self, id: u64, is_member: impl Fn(u64) -> bool) -> Option<Customer> {
        if let Some(c) = self.named.get(&id) {
            return Some(c.clone());
        }
        (FREE_GENERATED.contains(&id) || is_member(id)).then(|| generated(id))
    }

    /// The customer an identifier names, if any.
    pub fn find(&self, kind: IdentifierKind, value: &str, is_member: impl Fn(u64) -> bool) -> Option<Customer> {
        if let Some(c) = self.named.values().find(|c| c.answers_to(kind, value)) {
            return Some(c.clone());
        }
        let id = generated_id(kind, value)?;
        self.get(id, is_member).filter(|c| !self.named.contains_key(&c.id) && c.answers_to(kind, value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sharma_primary_has_the_documented_identity() {
        let c = Customers::seeded().get(700_100_001, |_| false).unwrap();
        assert_eq!((c.first_name.as_str(), c.last_name.as_str()), ("Priya", "Sharma"));
        assert_eq!((c.mobile.as_str(), c.email.as_str()), ("919876500001", "priya.sharma@example.com"));
    }

    #[test]
    fn named_identities_are_distinct() {
        let all: Vec<Customer> = Customers::seeded().named.into_values().collect();
        for kind in IdentifierKind::ALL {
            let mut values: Vec<String> = all.iter().map(|c| c.identifier(kind)).collect();
            values.sort();
            values.dedup();
            assert_eq!(values.len(), all.len(), "{kind:?}");
        }
    }

    #[test]
    fn generated_customers_exist_only_where_they_should_and_read_back_from_any_identifier() {
        let customers = Customers::seeded();
        assert!(customers.get(820_000_000, |_| false).is_some());
        assert!(customers.get(820_099_999, |_| false).is_some());
        assert!(customers.get(820_100_000, |_| false).is_none());
        assert!(customers.get(800_000_000, |_| false).is_none());
        assert!(customers.get(800_000_000, |id| id == 800_000_000).is_some());
        let c = generated(820_000_123);
        assert_eq!(generated(820_000_123), c, "the same every time");
        for kind in IdentifierKind::ALL {
            let found = customers.find(kind, &c.identifier(kind), |_| false);
            assert_eq!(found.as_ref().map(|f| f.id), Some(c.id), "{kind:?}");
        }
        assert_eq!(customers.find(IdentifierKind::Mobile, "8820000123", |_| false).map(|f| f.id), Some(c.id));
        assert_eq!(customers.find(IdentifierKind::Email, &c.email.to_uppercase(), |_| false).map(|f| f.id), Some(c.id));
        assert!(customers.find(IdentifierKind::Mobile, "0000123", |_| false).is_none(), "too few digits");
        assert!(customers.find(IdentifierKind::Email, "nobody.820000123@example.org", |_| false).is_none());
        assert!(customers.find(IdentifierKind::ExternalId, "cust-999", |_| false).is_none());
    }

    #[test]
    fn mobiles_match_with_or_without_the_country_code() {
        assert!(mobile_matches("919876500001", "919876500001", 6));
        assert!(mobile_matches("919876500001", "9876500001", 6));
        assert!(mobile_matches("919876500001", "+91 98765-00001", 6));
        assert!(mobile_matches("919876500001", "500001", 6));
        assert!(!mobile_matches("919876500001", "00001", 6), "fewer than six digits");
        assert!(!mobile_matches("919876500001", "9876500001x", 6));
        assert!(!mobile_matches("919876500001", "500001", 10));
        assert!(!mobile_matches("919876500001", "19876500001", 12));
    }
}
