//! The rules every typed value goes through before anything is sent: text limited in length
//! and required or not, and whole numbers, each with the words shown next to its field.
//!
//! Text limits count UTF-16 code units, as JavaScript's `String.length` does: the server is
//! Java, and this count is never lower than the count of code points, so whatever passes
//! here passes there. Values are trimmed first; what is counted is what is sent.

use std::fmt;

use crate::platform::format::group_digits;

/// externalId and groupName: "The maximum number of allowed characters is 50."
/// The largest whole number the platform takes where it keeps a Java int (a rank, points):
/// 2^31 - 1. A larger one comes back as a bare 400.
pub const MAX_INT: u32 = i32::MAX as u32;

pub const MAX_TEXT_UNITS: usize = 50;

/// Length as JavaScript counts it.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// What is wrong with one field, in the words shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// Required and empty; the text says what to enter ("an external ID").
    Required(&'static str),
    /// Over the limit: (label, length, limit).
    TooLong(&'static str, usize, usize),
    NotANumber(NumberKind),
    Decimal(NumberKind),
    BelowOne(NumberKind),
    AboveLimit(u32),
    BelowActive(u64),
    /// A rank above [`MAX_RANK`].
    RankTooLarge,
    NameHasSpace,
    DuplicateName,
}

/// Which number a message is about: its words differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    GroupSize,
    Rank,
}

impl FieldError {
    pub fn is_too_long(&self) -> bool {
        matches!(self, FieldError::TooLong(..))
    }

    pub fn is_below_active(&self) -> bool {
        matches!(self, FieldError::BelowActive(_))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use NumberKind::*;
        match self {
            FieldError::Required(what) => write!(f, "Enter {what}."),
            FieldError::TooLong(label, n, max) => write!(f, "{label} is {n} characters; the limit is {max}."),
            FieldError::NotANumber(GroupSize) => f.write_str("Enter a whole number, like 6."),
            FieldError::NotANumber(Rank) => f.write_str("Enter a whole number, like 1, or leave it empty."),
            FieldError::Decimal(GroupSize) => f.write_str("The group size must be a whole number, not a decimal."),
            FieldError::Decimal(Rank) => f.write_str("The rank must be a whole number, not a decimal."),
            FieldError::BelowOne(GroupSize) => f.write_str("The group size must be at least 1."),
            FieldError::BelowOne(Rank) => f.write_str("The rank must be at least 1."),
            FieldError::AboveLimit(limit) => {
                write!(f, "The group size can be at most {} (the org's limit).", group_digits(*limit as u64))
            }
            FieldError::BelowActive(n) => {
                write!(f, "The group has {n} active members, so the size cannot be below {n}.")
            }
            FieldError::RankTooLarge => write!(f, "The rank can be at most {}.", group_digits(MAX_INT as u64)),
            FieldError::NameHasSpace => f.write_str("Field names cannot contain spaces."),
            FieldError::DuplicateName => f.write_str("This field name is already used."),
        }
    }
}

/// A limited text field: trimmed, required or not.
pub fn text(
    raw: &str,
    label: &'static str,
    what: &'static str,
    required: bool,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return if required { Err(FieldError::Required(what)) } else { Ok(None) };
    }
    let n = utf16_len(v);
    if n > max {
        return Err(FieldError::TooLong(label, n, max));
    }
    Ok(Some(v.to_string()))
}

/// A positive whole number typed by a user. Digits only (after trimming, an optional
/// leading minus so "-3" can be called "below 1"): "30,000", "+5" and "1e3" are not numbers,
/// "6.0" is a decimal because a fraction was typed.
pub fn whole_number(raw: &str, kind: NumberKind) -> Result<u64, FieldError> {
    let v = raw.trim();
    let (negative, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((int, frac)) = digits.split_once('.') {
        if (is_digits(int) || int.is_empty()) && is_digits(frac) {
            return Err(FieldError::Decimal(kind));
        }
        return Err(FieldError::NotANumber(kind));
    }
    if !is_digits(digits) {
        return Err(FieldError::NotANumber(kind));
    }
    if negative {
        return Err(FieldError::BelowOne(kind));
    }
    // Longer than u64: certainly above any limit.
    let n = digits.trim_start_matches('0').parse::<u64>().unwrap_or(if digits.bytes().all(|b| b == b'0') {
        0
    } else {
        u64::MAX
    });
    if n < 1 {
        return Err(FieldError::BelowOne(kind));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_like_javascript() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("😀"), 2);
        assert_eq!(utf16_len("e\u{301}"), 2);
        assert_eq!(utf16_len("é"), 1);
    }
}
