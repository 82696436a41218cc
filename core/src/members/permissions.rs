//! What a member may do with the group's points (redeem, transfer), as the platform writes
//! it (`allow_points_redemption`, …) and as a marketer reads it.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::platform::query::platform_words;

platform_words! {
    pub enum Permission {
        AllowPointsRedemption => "allow_points_redemption",
        AllowPointsTransfer => "allow_points_transfer",
        BlockPointsRedemption => "block_points_redemption",
        BlockPointsTransfer => "block_points_transfer",
    }
}

/// What a permission is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionKind {
    Redemption,
    Transfer,
}

impl PermissionKind {
    pub fn label(self) -> &'static str {
        match self {
            PermissionKind::Redemption => "redeeming points",
            PermissionKind::Transfer => "transferring points",
        }
    }
}

impl Permission {
    pub fn kind(self) -> PermissionKind {
        match self {
            Permission::AllowPointsRedemption | Permission::BlockPointsRedemption => PermissionKind::Redemption,
            Permission::AllowPointsTransfer | Permission::BlockPointsTransfer => PermissionKind::Transfer,
        }
    }

    pub fn allows(self) -> bool {
        matches!(self, Permission::AllowPointsRedemption | Permission::AllowPointsTransfer)
    }

    /// The words shown for it.
    pub fn label(self) -> &'static str {
        match self {
            Permission::AllowPointsRedemption => "May redeem group points",
            Permission::AllowPointsTransfer => "May transfer group points",
            Permission::BlockPointsRedemption => "May not redeem group points",
            Permission::BlockPointsTransfer => "May not transfer group points",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PermissionError {
    /// A value the platform does not know (its 1641).
    Unknown(String),
    /// Both allow and block of one kind.
    Conflict(PermissionKind),
}

impl fmt::Display for PermissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PermissionError::Unknown(v) => write!(f, "“{v}” is not a permission the platform knows."),
            PermissionError::Conflict(kind) => {
                write!(f, "Choose either allow or block for {}, not both.", kind.label())
            }
        }
    }
}

impl std::error::Error for PermissionError {}

/// A member's permissions as a set: at most one of each, in a fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PermissionSet(u8);

impl PermissionSet {
    pub fn new() -> Self {
        PermissionSet(0)
    }

    pub fn with(mut self, p: Permission) -> Self {
        self.insert(p);
        self
    }

    pub fn insert(&mut self, p: Permission) {
        self.0 |= p.bit();
    }

    pub fn remove(&mut self, p: Permission) {
        self.0 &= !p.bit();
    }

    pub fn contains(self, p: Permission) -> bool {
        self.0 & p.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL.into_iter().filter(move |p| self.contains(*p))
    }

    /// Reads the platform's words; the first unknown one is the error.
    pub fn from_values<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Self, PermissionError> {
        let mut set = PermissionSet::new();
        for v in values {
            set.insert(Permission::parse(v).ok_or_else(|| PermissionError::Unknown(v.trim().to_string()))?);
        }
        Ok(set)
    }

    /// Refuses a set that both allows and blocks the same thing: the platform does not say
    /// which would win.
    pub fn check(self) -> Result<Self, PermissionError> {
        for kind in [PermissionKind::Redemption, PermissionKind::Transfer] {
            if self.iter().filter(|p| p.kind() == kind).count() > 1 {
                return Err(PermissionError::Conflict(kind));
            }
        }
        Ok(self)
    }

    /// Our reading where both were sent anyway: the block wins.
    pub fn block_wins(mut self) -> Self {
        if self.contains(Permission::BlockPointsRedemption) {
            self.remove(Permission::AllowPointsRedemption);
        }
        if self.contains(Permission::BlockPointsTransfer) {
            self.remove(Permission::AllowPointsTransfer);
        }
        self
    }

    /// As a list, the form requests send.
    pub fn to_list(self) -> PermissionList {
        PermissionList { values: self.iter().map(|p| p.as_str().to_string()).collect(), as_text: false }
    }

    /// As a comma-separated string, the form the members list answers.
    pub fn to_text(self) -> PermissionList {
        PermissionList { as_text: true, ..self.to_list() }
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        iter.into_iter().fold(PermissionSet::new(), PermissionSet::with)
    }
}

/// `permissions` as it travels: a list in join, transfer and permission requests and
/// answers, a comma-separated string in the members list (and in one copy of the
/// permissions example). Read from either, written back in the form it came in; values the
/// console does not know are kept as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PermissionList {
    pub values: Vec<String>,
    /// Written as one comma-separated string rather than a list.
    pub as_text: bool,
}

impl PermissionList {
    /// The known permissions, or the first unknown value.
    pub fn set(&self) -> Result<PermissionSet, PermissionError> {
        PermissionSet::from_values(self.values.iter().map(String::as_str))
    }

    /// The known permissions, unknown values skipped (for display).
    pub fn known(&self) -> PermissionSet {
        self.values.iter().filter_map(|v| Permission::parse(v)).collect()
    }
}

impl From<PermissionSet> for PermissionList {
    fn from(set: PermissionSet) -> Self {
        set.to_list()
    }
}

impl Serialize for PermissionList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.as_text {
            s.serialize_str(&self.values.join(","))
        } else {
            self.values.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for PermissionList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let split = |s: &str| s.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
        Ok(match Value::deserialize(d)? {
            Value::String(s) => PermissionList { values: split(&s), as_text: true },
            Value::Array(items) => PermissionList {
                values: items
                    .iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s.trim().to_string()),
                        Value::Null => None,
                        other => Some(other.to_string()),
                    })
                    .collect(),
                as_text: false,
            },
            _ => PermissionList::default(),
        })
    }
}

/// A member's permissions in words, e.g. "Redeem: allowed · Transfer: blocked".
pub fn permission_words(set: PermissionSet) -> String {
    let kind = |allow: Permission, block: Permission, label: &str| {
        let state = match (set.contains(allow), set.contains(block)) {
            (_, true) => "blocked",
            (true, false) => "allowed",
            (false, false) => "not set",
        };
        format!("{label}: {state}")
    };
    format!(
        "{} · {}",
        kind(Permission::AllowPointsRedemption, Permission::BlockPointsRedemption, "Redeem"),
        kind(Permission::AllowPointsTransfer, Permission::BlockPointsTransfer, "Transfer")
    )
}

/// What "Permissions" does to one kind of permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionChoice {
    Allow,
    Block,
    /// Each member keeps what they have (when changing several at once).
    Keep,
}

impl PermissionChoice {
    pub fn label(self) -> &'static str {
        match self {
            PermissionChoice::Allow => "Allow",
            PermissionChoice::Block => "Block",
            PermissionChoice::Keep => "Keep each member's",
        }
    }
}

/// A member's permissions after the change. The platform replaces the whole list, so a kind
/// left as it is must be sent again; a member whose current list both allows and blocks one
/// kind cannot keep it (the platform does not say which wins) and is refused before sending.
pub fn new_permissions(
    current: PermissionSet,
    redemption: PermissionChoice,
    transfer: PermissionChoice,
) -> Result<PermissionSet, PermissionError> {
    let mut out = PermissionSet::new();
    for (choice, allow, block) in [
        (redemption, Permission::AllowPointsRedemption, Permission::BlockPointsRedemption),
        (transfer, Permission::AllowPointsTransfer, Permission::BlockPointsTransfer),
    ] {
        match choice {
            PermissionChoice::Allow => out.insert(allow),
            PermissionChoice::Block => out.insert(block),
            PermissionChoice::Keep => {
                for p in [allow, block] {
                    if current.contains(p) {
                        out.insert(p);
                    }
                }
            }
        }
    }
    out.check()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_in_words() {
        let set = PermissionSet::new().with(Permission::AllowPointsRedemption).with(Permission::BlockPointsTransfer);
        assert_eq!(permission_words(set), "Redeem: allowed · Transfer: blocked");
        assert_eq!(permission_words(PermissionSet::new()), "Redeem: not set · Transfer: not set");
    }
    #[test]
    fn a_permission_change_replaces_each_kind_or_keeps_it() {
        use PermissionChoice::*;
        let current =
            PermissionSet::new().with(Permission::AllowPointsRedemption).with(Permission::BlockPointsTransfer);
        assert_eq!(
            new_permissions(current, Block, Keep),
            Ok(PermissionSet::new().with(Permission::BlockPointsRedemption).with(Permission::BlockPointsTransfer))
        );
        assert_eq!(
            new_permissions(current, Keep, Allow),
            Ok(PermissionSet::new().with(Permission::AllowPointsRedemption).with(Permission::AllowPointsTransfer))
        );
        assert_eq!(new_permissions(PermissionSet::new(), Keep, Keep), Ok(PermissionSet::new()));
        // A member whose list already contradicts itself cannot keep it.
        let both = PermissionSet::new().with(Permission::AllowPointsTransfer).with(Permission::BlockPointsTransfer);
        assert!(new_permissions(both, Allow, Keep).is_err());
        assert!(new_permissions(both, Allow, Block).is_ok());
    }
}
