//! Query strings and paging shared by the group-management calls: one writer and one reader,
//! so every query type percent-encodes and parses its parameters the same way.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::platform::read::{lenient_i64, lenient_string};

/// The `source` every call that asks for one sends (the console acts as the store's back
/// office, not a channel such as WeChat).
pub const DEFAULT_SOURCE: &str = "INSTORE";

/// An enum of the platform's words (`REGULAR`, `mobile`, `allow_points_transfer`, …), with
/// `ALL`, `as_str`, `parse` (any case, blanks around ignored) and `Display`: written once for
/// every such enum.
macro_rules! platform_words {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($word),+].len()] = [$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use platform_words;

/// Builds a URL-encoded query string (without the leading `?`), as form_urlencoded's
/// serializer writes one (a host test holds the two together). By hand: a deep link's early
/// request builds its query in the shell (src/api, `prefetch`), where that serializer and its
/// table were some 1.2 KB of compressed wasm.
#[derive(Default)]
pub struct QueryWriter(String);

/// `application/x-www-form-urlencoded`: ASCII letters, digits and `*-._` as they are, a space
/// as `+`, every other byte as `%XX`.
fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            b => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
}

impl QueryWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn pair(&mut self, name: &str, value: impl fmt::Display) -> &mut Self {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        encode_into(&mut self.0, name);
        self.0.push('=');
        encode_into(&mut self.0, &value.to_string());
        self
    }

    /// The pair only when there is a value.
    pub fn opt(&mut self, name: &str, value: Option<impl fmt::Display>) -> &mut Self {
        if let Some(v) = value {
            self.pair(name, v);
        }
        self
    }

    /// `name=true` only when on: the platform's switches default to false.
    pub fn flag(&mut self, name: &str, on: bool) -> &mut Self {
        if on {
            self.pair(name, "true");
        }
        self
    }

    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.0)
    }
}

/// A query string's pairs, decoded, in order.
pub fn pairs(qs: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(qs.trim_start_matches('?').as_bytes()).into_owned().collect()
}

/// A query parameter that is missing or cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    Missing(&'static str),
    Invalid { name: &'static str, value: String },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Missing(name) => write!(f, "the query parameter {name} is required"),
            QueryError::Invalid { name, value } => write!(f, "the query parameter {name} cannot be {value:?}"),
        }
    }
}

impl std::error::Error for QueryError {}

/// A decoded query string. The first occurrence of a name counts; blank values count as
/// absent.
pub struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    pub fn parse(qs: &str) -> Self {
        QueryParams(form_urlencoded::parse(qs.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
    }

    /// The trimmed value, when present and not blank.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn required(&self, name: &'static str) -> Result<&str, QueryError> {
        self.text(name).ok_or(QueryError::Missing(name))
    }

    /// `true` (any case) is on; anything else, or nothing, is off.
    pub fn flag(&self, name: &str) -> bool {
        self.text(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// `Some(true/false)` when given as `true` or `false`.
    pub fn bool(&self, name: &'static str) -> Result<Option<bool>, QueryError> {
        self.parsed(name, |v| match v.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }

    /// A number of type `T` (`u64` for ids, `i64` where a negative is tolerated).
    pub fn number<T: FromStr>(&self, name: &'static str) -> Result<Option<T>, QueryError> {
        self.parsed(name, |v| v.parse().ok())
    }

    /// One of a fixed set of words, read by `read`.
    pub fn parsed<T>(&self, name: &'static str, read: impl Fn(&str) -> Option<T>) -> Result<Option<T>, QueryError> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => read(v).map(Some).ok_or_else(|| QueryError::Invalid { name, value: v.to_string() }),
        }
    }
}

/// A page size: the default when absent or not positive, at most `max`.
pub fn page_size(asked: Option<i64>, default: u32, max: u32) -> u32 {
    match asked {
        Some(n) if n > 0 => n.min(max as i64) as u32,
        _ => default,
    }
}

/// A start index: 0 when absent or negative.
pub fn start_index(asked: Option<i64>) -> u32 {
    asked.unwrap_or(0).clamp(0, u32::MAX as i64) as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    Asc,
    #[default]
    Desc,
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "ASC",
            SortOrder::Desc => "DESC",
        }
    }

    /// `ASC` or `DESC`, any case (the transactions page also misspells `ACS`).
    pub fn parse(s: &str) -> Option<SortOrder> {
        match s.trim().to_ascii_uppercase().as_str() {
            "ASC" | "ACS" => Some(SortOrder::Asc),
            "DESC" => Some(SortOrder::Desc),
            _ => None,
        }
    }
}

impl fmt::Display for SortOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `pagination` of search, members, a customer's groups (`ug2Pagination`) and tier history.
/// `sortBy`/`sortOrder` appear only in the members answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Pagination {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub sort_by: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub sort_order: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

impl Pagination {
    pub fn new(offset: u32, limit: u32, total: u64) -> Pagination {
        Pagination {
            limit: Some(limit as i64),
            offset: Some(offset as i64),
            total: Some(total as i64),
            ..Pagination::default()
        }
    }

    /// More results after this page, by the answer's own numbers.
    pub fn has_more(&self) -> bool {
        match (self.offset, self.limit, self.total) {
            (Some(o), Some(l), Some(t)) => o + l < t,
            _ => false,
        }
    }
}

/// Where a page sits in a paged list, for "Showing 11–20 of 25" and Previous/Next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageSpan {
    /// Zero-based.
    pub page: u32,
    pub size: u32,
    /// Items in the whole list.
    pub total: u64,
}

impl PageSpan {
    fn start(self) -> u64 {
        self.page as u64 * self.size.max(1) as u64
    }

    /// The first and last item shown, counted from 1; `None` when the page shows nothing.
    pub fn shown(self) -> Option<(u64, u64)> {
        let start = self.start();
        (start < self.total).then(|| (start + 1, (start + self.size.max(1) as u64).min(self.total)))
    }

    /// Pages in the list (0 for an empty list).
    pub fn pages(self) -> u64 {
        self.total.div_ceil(self.size.max(1) as u64)
    }

    pub fn has_previous(self) -> bool {
        self.page > 0
    }

    pub fn has_next(self) -> bool {
        (self.page as u64) + 1 < self.pages()
    }

    /// A page beyond the last one (an old link to a list that has since shrunk).
    pub fn is_past_end(self) -> bool {
        self.total > 0 && self.start() >= self.total
    }
}

/// Where a page of results sits, for "Showing 11–20 of 34" and Previous/Next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageView {
    /// 1-based numbers of the first and last item shown (`first > last` when none).
    pub first: u64,
    pub last: u64,
    pub total: Option<u64>,
    pub previous: Option<u32>,
    pub next: Option<u32>,
}

/// The page of `shown` items that started at `offset`, as the answer's `pagination` tells it
/// (a total the page contradicts is ignored). Without a total, a full page means there may
/// be more.
pub fn page_view(offset: u32, shown: usize, limit: u32, pagination: Option<&Pagination>) -> PageView {
    let shown = shown as u64;
    let limit = pagination.and_then(|p| p.limit).filter(|l| *l > 0).map(|l| l as u32).unwrap_or(limit).max(1);
    let last = offset as u64 + shown;
    let total = pagination.and_then(|p| p.total).map(|t| t.max(0) as u64).filter(|t| *t >= last);
    let more = match total {
        Some(t) => last < t,
        None => shown >= limit as u64,
    };
    PageView {
        first: offset as u64 + 1,
        last,
        total,
        previous: (offset > 0).then(|| offset.saturating_sub(limit)),
        next: (more && shown > 0).then_some(last as u32),
    }
}

/// The `offset..offset+limit` slice of `items`, clamped (the emulator pages every list so).
pub fn page_of<T>(items: &[T], offset: u32, limit: u32) -> &[T] {
    let start = (offset as usize).min(items.len());
    let end = start.saturating_add(limit as usize).min(items.len());
    &items[start..end]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The writer by hand writes what form_urlencoded's serializer writes.
        #[test]
        fn the_writer_writes_as_form_urlencoded(pairs in prop::collection::vec(("\\PC{0,8}", "\\PC{0,12}|[ -~]{0,12}"), 0..5)) {
            let mut ours = QueryWriter::new();
            let mut theirs = form_urlencoded::Serializer::new(String::new());
            for (name, value) in &pairs {
                ours.pair(name, value);
                theirs.append_pair(name, value);
            }
            prop_assert_eq!(ours.finish(), theirs.finish());
        }
    }

    #[test]
    fn writer_encodes_and_skips_absent_and_off() {
        let s = QueryWriter::new()
            .pair("q", "a&b c/é")
            .opt("offset", Some(0))
            .opt("limit", None::<u32>)
            .flag("x", false)
            .flag("y", true)
            .pair("externalId", "e=1")
            .finish();
        assert_eq!(s, "q=a%26b+c%2F%C3%A9&offset=0&y=true&externalId=e%3D1");
    }

    #[test]
    fn params_read_first_occurrence_trimmed_and_blank_is_absent() {
        let p = QueryParams::parse("a=+1+&a=2&b=&c=TRUE&n=-3&bad=x");
        assert_eq!(p.text("a"), Some("1"));
        assert_eq!(p.text("b"), None);
        assert!(p.flag("c") && !p.flag("a"));
        assert_eq!(p.number::<i64>("n"), Ok(Some(-3)));
        assert_eq!(p.number::<u64>("n"), Err(QueryError::Invalid { name: "n", value: "-3".into() }));
        assert_eq!(p.number::<u32>("missing"), Ok(None));
        assert_eq!(p.required("b"), Err(QueryError::Missing("b")));
        assert_eq!(p.bool("c"), Ok(Some(true)));
        assert!(p.bool("bad").is_err());
    }

    #[test]
    fn page_size_and_start_index_at_their_edges() {
        assert_eq!(page_size(None, 20, 100), 20);
        assert_eq!(page_size(Some(0), 20, 100), 20);
        assert_eq!(page_size(Some(-5), 20, 100), 20);
        assert_eq!(page_size(Some(1), 20, 100), 1);
        assert_eq!(page_size(Some(100), 20, 100), 100);
        assert_eq!(page_size(Some(101), 20, 100), 100);
        assert_eq!(start_index(Some(-1)), 0);
        assert_eq!(start_index(None), 0);
        assert_eq!(start_index(Some(7)), 7);
        let items = [1, 2, 3, 4, 5];
        assert_eq!(page_of(&items, 3, 10), &[4, 5]);
        assert_eq!(page_of(&items, 9, 10), &[] as &[i32]);
        assert_eq!(page_of(&items, 1, 2), &[2, 3]);
    }

    #[test]
    fn sort_order_words() {
        assert_eq!(SortOrder::parse("asc"), Some(SortOrder::Asc));
        assert_eq!(SortOrder::parse("ACS"), Some(SortOrder::Asc));
        assert_eq!(SortOrder::parse(" DESC "), Some(SortOrder::Desc));
        assert_eq!(SortOrder::parse("up"), None);
        assert_eq!(SortOrder::default(), SortOrder::Desc);
    }

    #[test]
    fn pagination_says_when_there_is_more() {
        assert!(Pagination::new(0, 10, 11).has_more());
        assert!(!Pagination::new(0, 10, 10).has_more());
        assert!(!Pagination::default().has_more());
    }

    #[test]
    fn pairs_are_decoded_in_order() {
        let qs = QueryWriter::new().pair("q", "a b&c").pair("id", 7).pair("q", "é").finish();
        assert_eq!(pairs(&qs), [("q", "a b&c"), ("id", "7"), ("q", "é")].map(|(k, v)| (k.to_string(), v.to_string())));
        assert!(pairs("").is_empty());
    }

    #[test]
    fn page_span_at_the_edges() {
        let span = |page, total| PageSpan { page, size: 10, total };
        assert_eq!(span(0, 25).shown(), Some((1, 10)));
        assert_eq!(span(2, 25).shown(), Some((21, 25)));
        assert_eq!((span(0, 25).has_previous(), span(0, 25).has_next()), (false, true));
        assert_eq!((span(2, 25).has_previous(), span(2, 25).has_next()), (true, false));
        assert_eq!(span(0, 0).shown(), None);
        assert_eq!((span(0, 0).pages(), span(0, 0).has_next(), span(0, 0).is_past_end()), (0, false, false));
        assert_eq!((span(0, 10).pages(), span(0, 10).has_next()), (1, false));
        assert_eq!((span(3, 25).shown(), span(3, 25).is_past_end(), span(3, 25).has_next()), (None, true, false));
        assert!(!span(2, 25).is_past_end());
        assert_eq!(PageSpan { page: 0, size: 0, total: 3 }.shown(), Some((1, 1)), "a size of 0 is read as 1");
    }

    #[test]
    fn a_page_view_says_where_it_is_and_where_to_go() {
        let p = |o, l, t| Pagination::new(o, l, t);
        let v = page_view(10, 10, 10, Some(&p(10, 10, 34)));
        assert_eq!((v.first, v.last, v.total, v.previous, v.next), (11, 20, Some(34), Some(0), Some(20)));
        let v = page_view(30, 4, 10, Some(&p(30, 10, 34)));
        assert_eq!((v.previous, v.next), (Some(20), None));
        // No pagination object: a full page may have more behind it.
        assert_eq!(page_view(0, 20, 20, None).next, Some(20));
        assert_eq!(page_view(20, 7, 20, None).next, None);
        // A total smaller than what is shown is not believed.
        assert_eq!(page_view(0, 5, 10, Some(&p(0, 10, 2))).total, None);
        let none = page_view(0, 0, 10, Some(&p(0, 10, 0)));
        assert!(none.first > none.last && none.next.is_none() && none.previous.is_none());
    }
}
