//! The reward-group form's rules: a name of at most 255 characters (the platform's own UI), and
//! an optional rank, a whole number the platform keeps as a Java int.

use super::wire::RewardGroupRequest;
use crate::platform::fields::{text, whole_number, FieldError, NumberKind, MAX_INT};

/// Reward-group names: the platform's own UI allows 255.
pub const MAX_REWARD_NAME_UNITS: usize = 255;

/// Reward-group rank: an "Integer" on the platform (Java), so at most 2^31 - 1. A larger
/// number would come back as a bare 400, which the console would pin on the name field.
pub const MAX_RANK: u32 = MAX_INT;

/// Reward-group rank: empty means no rank (omitted, never 0 or "").
pub fn rank(raw: &str) -> Result<Option<u32>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let n = whole_number(raw, NumberKind::Rank)?;
    if n > MAX_RANK as u64 {
        return Err(FieldError::RankTooLarge);
    }
    Ok(Some(n as u32))
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RewardErrors {
    pub name: Option<FieldError>,
    pub rank: Option<FieldError>,
}

pub fn validate_reward(name: &str, rank_text: &str) -> Result<RewardGroupRequest, RewardErrors> {
    let n = text(name, "Name", "a name", true, MAX_REWARD_NAME_UNITS);
    let r = rank(rank_text);
    match (n, r) {
        (Ok(Some(name)), Ok(rank)) => Ok(RewardGroupRequest { name, rank }),
        (n, r) => Err(RewardErrors { name: n.err(), rank: r.err() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::fields::utf16_len;

    #[test]
    fn reward_group_rules() {
        assert_eq!(validate_reward(" Gold ", ""), Ok(RewardGroupRequest { name: "Gold".into(), rank: None }));
        assert_eq!(validate_reward("Gold", " 99 "), Ok(RewardGroupRequest { name: "Gold".into(), rank: Some(99) }));
        let e = validate_reward("  ", "0").unwrap_err();
        assert_eq!(e.name.unwrap().to_string(), "Enter a name.");
        assert_eq!(e.rank.unwrap().to_string(), "The rank must be at least 1.");
        assert_eq!(
            validate_reward("a", "1.5").unwrap_err().rank.unwrap().to_string(),
            "The rank must be a whole number, not a decimal."
        );
        assert_eq!(
            validate_reward("a", "x").unwrap_err().rank.unwrap().to_string(),
            "Enter a whole number, like 1, or leave it empty."
        );
        assert!(validate_reward(&"n".repeat(255), "").is_ok());
        assert_eq!(
            validate_reward(&"n".repeat(256), "").unwrap_err().name.unwrap().to_string(),
            "Name is 256 characters; the limit is 255."
        );
        // Empty rank is omitted from the body, never 0 or "".
        assert_eq!(serde_json::to_string(&validate_reward("a", "").unwrap()).unwrap(), r#"{"name":"a"}"#);
    }

    #[test]
    fn reward_name_and_rank_boundaries() {
        assert_eq!(validate_reward(&"n".repeat(255), "").map(|r| r.name.len()), Ok(255));
        assert_eq!(validate_reward(&"😀".repeat(127), "").map(|r| utf16_len(&r.name)), Ok(254));
        assert_eq!(
            validate_reward(&"😀".repeat(128), "").unwrap_err().name.unwrap().to_string(),
            "Name is 256 characters; the limit is 255."
        );
        assert_eq!(validate_reward(&format!("  {}  ", "n".repeat(255)), "").map(|r| r.name.len()), Ok(255));
        let rank_of = |s: &str| validate_reward("g", s).map(|r| r.rank).map_err(|e| e.rank.unwrap().to_string());
        assert_eq!(rank_of(""), Ok(None));
        assert_eq!(rank_of("   "), Ok(None));
        assert_eq!(rank_of("1"), Ok(Some(1)));
        assert_eq!(rank_of(" 7 "), Ok(Some(7)));
        assert_eq!(rank_of("2147483647"), Ok(Some(2_147_483_647)));
        assert_eq!(rank_of("2147483648").unwrap_err(), "The rank can be at most 2,147,483,647.");
        assert_eq!(rank_of("99999999999999999999999").unwrap_err(), "The rank can be at most 2,147,483,647.");
        assert_eq!(rank_of("0").unwrap_err(), "The rank must be at least 1.");
        assert_eq!(rank_of("-1").unwrap_err(), "The rank must be at least 1.");
        assert_eq!(rank_of("1.0").unwrap_err(), "The rank must be a whole number, not a decimal.");
        for s in ["+1", "1e3", "one", "1,000", "-"] {
            assert_eq!(rank_of(s).unwrap_err(), "Enter a whole number, like 1, or leave it empty.", "{s}");
        }
        // Both fields are judged at once.
        let e = validate_reward("", "x").unwrap_err();
        assert!(e.name.is_some() && e.rank.is_some());
        assert_eq!(
            serde_json::to_value(validate_reward(" Gold ", "3").unwrap()).unwrap(),
            serde_json::json!({"name": "Gold", "rank": 3})
        );
    }
}
