//! The History tab's state and words: tier changes and transaction types in words, the
//! paging of each record, and the filters as the tab's address holds them: the transactions'
//! (`?type=RETURN&from=2026-01-01&page=3`) and the points ledger's
//! (`?ledgerPage=2&ledgerFrom=2026-10-01&ledgerTo=2026-11-29&ledgerType=credit`).

use super::ledger::{days_apart, LedgerAnswer, LedgerEntryType, LedgerQuery, AT_MOST_60_DAYS, MAX_FILTER_DAYS};
use super::wire::{SlabChange, SlabHistoryQuery, SlabHistoryResponse, Transaction, TransactionType, TransactionsQuery};
use crate::group::wire::GroupKey;
use crate::platform::format::{parse_date, DateValue};
use crate::platform::query::{platform_words, QueryParams, QueryWriter};

platform_words! {
    /// What a tier change was (`type` of a tier-history entry).
    pub enum TierChangeKind {
        Upgrade => "UPGRADE",
        Downgrade => "DOWNGRADE",
        Renew => "RENEW",
    }
}

impl TierChangeKind {
    pub fn words(self) -> &'static str {
        match self {
            TierChangeKind::Upgrade => "Upgrade",
            TierChangeKind::Downgrade => "Downgrade",
            TierChangeKind::Renew => "Renewal",
        }
    }
}

impl TransactionType {
    pub fn words(self) -> &'static str {
        match self {
            TransactionType::Regular => "Regular",
            TransactionType::Return => "Return",
        }
    }
}

/// A platform word in the console's words when it is one we know, else as sent ("—" when
/// absent): a new word on the platform still shows.
fn known_words<T: Copy>(sent: &str, parse: fn(&str) -> Option<T>, words: fn(T) -> &'static str) -> String {
    match parse(sent) {
        Some(k) => words(k).to_string(),
        None if sent.trim().is_empty() => "—".into(),
        None => sent.trim().to_string(),
    }
}

impl SlabChange {
    pub fn kind(&self) -> Option<TierChangeKind> {
        TierChangeKind::parse(&self.kind)
    }

    /// "Upgrade", "Downgrade", "Renewal".
    pub fn kind_words(&self) -> String {
        known_words(&self.kind, TierChangeKind::parse, TierChangeKind::words)
    }

    /// "Gold → Platinum"; a tier without a name is named by its number.
    pub fn change_words(&self) -> String {
        let tier = |name: &str, number: Option<i64>| match (name.trim(), number) {
            ("", Some(n)) => format!("Tier {n}"),
            ("", None) => "—".into(),
            (name, _) => name.to_string(),
        };
        format!("{} → {}", tier(&self.from, self.from_slab_number), tier(&self.to, self.to_slab_number))
    }

    /// Where the change was recorded: the store's name, else its code, else the till.
    pub fn store_words(&self) -> String {
        let store = self.store.as_ref();
        [store.map(|s| s.name.trim()), store.map(|s| s.code.trim())]
            .into_iter()
            .flatten()
            .find(|s| !s.is_empty())
            .map(String::from)
            .or_else(|| self.till_id.map(|t| format!("Till {}", t.0)))
            .unwrap_or_else(|| "—".into())
    }
}

impl Transaction {
    /// "Regular", "Return".
    pub fn kind_words(&self) -> String {
        known_words(&self.kind, TransactionType::parse, TransactionType::words)
    }
}

/// Which items a page shows, numbered from 1 ("Showing 21–40 of 90"), and where paging can go.
/// An empty page has `last` below `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemsShown {
    pub first: u64,
    pub last: u64,
    pub total: Option<u64>,
    pub has_previous: bool,
    pub has_next: bool,
}

impl ItemsShown {
    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }
}

impl SlabHistoryResponse {
    /// The span of this page of `asked`. The answer's own offset counts when it has one (the
    /// offset parameter is our reading); without a total, a short page is the last.
    pub fn shown(&self, asked: &SlabHistoryQuery) -> ItemsShown {
        let p = self.pagination.as_ref();
        let offset = p.and_then(|p| p.offset).map_or(asked.offset as u64, |o| o.max(0) as u64);
        let total = p.and_then(|p| p.total).map(|t| t.max(0) as u64);
        let last = offset + self.data.len() as u64;
        ItemsShown {
            first: offset + 1,
            last,
            total,
            has_previous: offset > 0,
            has_next: match total {
                Some(t) => last < t && !self.data.is_empty(),
                None => self.data.len() >= asked.page_size as usize,
            },
        }
    }

    /// The offset of the page before this one.
    pub fn previous_offset(&self, asked: &SlabHistoryQuery) -> u32 {
        let offset = self.shown(asked).first - 1;
        offset.min(u32::MAX as u64).saturating_sub(asked.page_size as u64) as u32
    }
}

impl TransactionsQuery {
    /// The span of a page of `received` transactions: no total, a short page is the last.
    pub fn shown(&self, received: usize) -> ItemsShown {
        let offset = self.offset as u64;
        ItemsShown {
            first: offset + 1,
            last: offset + received as u64,
            total: None,
            has_previous: offset > 0,
            has_next: !self.is_last_page(received),
        }
    }
}

/// What the History tab shows, as its address keeps it
/// (`/groups/5000000/history?type=RETURN&from=2026-01-01&to=2026-01-31&page=3&tiers=20`): the
/// transactions' filter and page, and where the tier changes start, survive back/forward and
/// a shared link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionsFilter {
    pub kind: Option<TransactionType>,
    /// The first day shown, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// The last day shown (included), `YYYY-MM-DD`.
    pub to: Option<String>,
    /// From 1.
    pub page: u32,
    /// The offset of the first tier change shown (its own pages, apart from the transactions').
    pub tier_offset: u32,
    /// The points ledger's filter and page (its own, apart from the transactions').
    pub ledger: LedgerFilter,
}

impl Default for TransactionsFilter {
    fn default() -> Self {
        TransactionsFilter {
            kind: None,
            from: None,
            to: None,
            page: 1,
            tier_offset: 0,
            ledger: LedgerFilter::default(),
        }
    }
}

/// Messages next to the From and To fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRangeErrors {
    pub from: Option<&'static str>,
    pub to: Option<&'static str>,
}

pub const NOT_A_DAY: &str = "Enter a day, like 2026-01-31.";
pub const FROM_AFTER_TO: &str = "From must be on or before To.";

fn is_day(s: &str) -> bool {
    matches!(parse_date(s), Some(DateValue::Day { .. }))
}

/// Reads the From and To fields (`YYYY-MM-DD`, blank for none): both days, or what is wrong
/// with each.
pub fn check_date_range(from: &str, to: &str) -> Result<(Option<String>, Option<String>), DateRangeErrors> {
    let read = |s: &str| match s.trim() {
        "" => Ok(None),
        s if is_day(s) => Ok(Some(s.to_string())),
        _ => Err(NOT_A_DAY),
    };
    match (read(from), read(to)) {
        // Days in YYYY-MM-DD order as text.
        (Ok(Some(f)), Ok(Some(t))) if f > t => Err(DateRangeErrors { from: Some(FROM_AFTER_TO), to: None }),
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => Err(DateRangeErrors { from: f.err(), to: t.err() }),
    }
}

/// The day after a `YYYY-MM-DD` day.
pub fn day_after(day: &str) -> Option<String> {
    let Some(DateValue::Day { year, month, day }) = parse_date(day) else { return None };
    // The next day of the month, else the first of the next month, else of the next year.
    [(year, month, day + 1), (year, month + 1, 1), (year + 1, 1, 1)]
        .into_iter()
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .find(|s| is_day(s))
}

impl TransactionsFilter {
    /// From the History tab's query string (with or without its `?`). Anything unreadable
    /// is left out, so an edited or old link still opens; a From after To is kept, for the
    /// form to show what is wrong.
    pub fn from_url_query(qs: &str) -> Self {
        let p = QueryParams::parse(qs.trim_start_matches('?'));
        let day = |name| p.text(name).filter(|d| is_day(d)).map(String::from);
        TransactionsFilter {
            kind: p.text("type").and_then(TransactionType::parse),
            from: day("from"),
            to: day("to"),
            page: p.number::<u32>("page").ok().flatten().filter(|n| *n > 0).unwrap_or(1),
            tier_offset: p.number::<u32>("tiers").ok().flatten().unwrap_or(0),
            ledger: LedgerFilter::read(&p),
        }
    }

    /// The query string (without `?`), empty for everything on the first page.
    pub fn to_url_query(&self) -> String {
        let mut w = QueryWriter::new();
        w.opt("type", self.kind)
            .opt("from", self.from.as_deref())
            .opt("to", self.to.as_deref())
            .opt("page", (self.page > 1).then_some(self.page))
            .opt("tiers", (self.tier_offset > 0).then_some(self.tier_offset));
        self.ledger.write(&mut w);
        w.finish()
    }

    /// The History tab's address showing this.
    pub fn href(&self, group_id: u64) -> String {
        let path = crate::console::routes::link::group_tab(group_id, crate::console::routes::GroupTab::History);
        match self.to_url_query() {
            q if q.is_empty() => path,
            q => format!("{path}?{q}"),
        }
    }

    pub fn is_filtered(&self) -> bool {
        self.kind.is_some() || self.from.is_some() || self.to.is_some()
    }

    pub fn at_page(&self, page: u32) -> Self {
        TransactionsFilter { page: page.max(1), ..self.clone() }
    }

    /// The same transactions, with the tier changes from this offset.
    pub fn at_tier_offset(&self, tier_offset: u32) -> Self {
        TransactionsFilter { tier_offset, ..self.clone() }
    }

    /// Another filter of the transactions, from their first page; the tier changes and the
    /// ledger stay.
    pub fn filtered(&self, kind: Option<TransactionType>, from: Option<String>, to: Option<String>) -> Self {
        TransactionsFilter { kind, from, to, page: 1, ..self.clone() }
    }

    /// The same tab with the ledger showing `ledger`.
    pub fn with_ledger(&self, ledger: LedgerFilter) -> Self {
        TransactionsFilter { ledger, ..self.clone() }
    }

    /// Only what the transactions' request depends on: paging the tier changes or the ledger
    /// leaves it equal, so the transactions are not fetched again.
    pub fn transactions_only(&self) -> Self {
        TransactionsFilter { tier_offset: 0, ledger: LedgerFilter::default(), ..self.clone() }
    }

    /// The request for this page; `None` while the range is refused (nothing is sent).
    /// To is included: the platform's `endDate` is the day after, excluded.
    pub fn request(&self, group: GroupKey) -> Option<TransactionsQuery> {
        let (from, to) = check_date_range(self.from.as_deref().unwrap_or(""), self.to.as_deref().unwrap_or("")).ok()?;
        let mut q = TransactionsQuery::new(group);
        q.kind = self.kind;
        q.start_date = from;
        q.end_date = match to {
            Some(t) => Some(day_after(&t)?),
            None => None,
        };
        q.offset = (self.page.max(1) - 1).saturating_mul(q.limit);
        Some(q)
    }
}

// ------------------------------------------------------------------ the points ledger

/// The points ledger's filter and page, as the History tab's address keeps them beside the
/// transactions' (`ledgerPage=2&ledgerFrom=2026-10-01&ledgerTo=2026-11-29&ledgerType=credit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFilter {
    /// From 1 (the platform's `offset` is this minus 1).
    pub page: u32,
    /// The first day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// The last day, included.
    pub to: Option<String>,
    pub entry_type: Option<LedgerEntryType>,
}

impl Default for LedgerFilter {
    fn default() -> Self {
        LedgerFilter { page: 1, from: None, to: None, entry_type: None }
    }
}

pub const BOTH_DAYS: &str = "Choose both days, or neither.";

/// Reads the ledger's From and To fields: both days or neither, in order, at most 60 days
/// apart (the platform refuses more, 11010); else what is wrong, next to the field to change.
pub fn check_ledger_dates(from: &str, to: &str) -> Result<Option<(String, String)>, DateRangeErrors> {
    let (from, to) = check_date_range(from, to)?;
    match (from, to) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(DateRangeErrors { from: None, to: Some(BOTH_DAYS) }),
        (None, Some(_)) => Err(DateRangeErrors { from: Some(BOTH_DAYS), to: None }),
        (Some(f), Some(t)) => match days_apart(&f, &t) {
            Some(n) if n > MAX_FILTER_DAYS => Err(DateRangeErrors { from: None, to: Some(AT_MOST_60_DAYS) }),
            _ => Ok(Some((f, t))),
        },
    }
}

impl LedgerFilter {
    /// From the tab's query; what cannot be read is left out, dates that cannot go together
    /// are kept for the form to say why.
    fn read(p: &QueryParams) -> LedgerFilter {
        let day = |name| p.text(name).filter(|d| is_day(d)).map(String::from);
        LedgerFilter {
            page: p.number::<u32>("ledgerPage").ok().flatten().filter(|n| *n > 0).unwrap_or(1),
            from: day("ledgerFrom"),
            to: day("ledgerTo"),
            entry_type: p.text("ledgerType").and_then(LedgerEntryType::parse),
        }
    }

    fn write(&self, w: &mut QueryWriter) {
        w.opt("ledgerPage", (self.page > 1).then_some(self.page))
            .opt("ledgerFrom", self.from.as_deref())
            .opt("ledgerTo", self.to.as_deref())
            .opt("ledgerType", self.entry_type.map(|t| t.as_str().to_ascii_lowercase()));
    }

    pub fn is_filtered(&self) -> bool {
        self.entry_type.is_some() || self.from.is_some() || self.to.is_some()
    }

    pub fn at_page(&self, page: u32) -> Self {
        LedgerFilter { page: page.max(1), ..self.clone() }
    }

    /// Another filter, from the first page.
    pub fn filtered(entry_type: Option<LedgerEntryType>, from: Option<String>, to: Option<String>) -> Self {
        LedgerFilter { page: 1, from, to, entry_type }
    }

    /// The request for this page, `limit` entries a page; `None` while the dates are refused
    /// (nothing is sent).
    pub fn query(&self, group_id: u64, limit: u32) -> Option<LedgerQuery> {
        let dates = check_ledger_dates(self.from.as_deref().unwrap_or(""), self.to.as_deref().unwrap_or("")).ok()?;
        Some(LedgerQuery {
            page: self.page.max(1) - 1,
            limit,
            dates,
            entry_type: self.entry_type,
            ..LedgerQuery::new(group_id)
        })
    }
}

impl LedgerAnswer {
    /// The span of this page of `asked` ("Showing 11–20 of 48 entries"). The platform's total
    /// counts when given; without it, a full page may have more after it.
    pub fn shown(&self, asked: &LedgerQuery) -> ItemsShown {
        let offset = asked.page as u64 * asked.limit as u64;
        let received = self.ledger_entries.len() as u64;
        let total = self.ledger_details.as_ref().and_then(|d| d.total_entries).map(|t| t.max(0) as u64);
        let last = offset + received;
        ItemsShown {
            first: offset + 1,
            last,
            total,
            has_previous: asked.page > 0,
            has_next: received > 0 && total.map_or(received >= asked.limit as u64, |t| last < t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::query::Pagination;
    use crate::platform::read::Id;

    #[test]
    fn tier_changes_read_in_words() {
        let r: SlabHistoryResponse =
            serde_json::from_str(include_str!("../../fixtures/slab-history-response.json")).unwrap();
        let words: Vec<String> = r.data.iter().map(SlabChange::kind_words).collect();
        assert_eq!(words, ["Renewal", "Upgrade", "Downgrade"]);
        assert_eq!(r.data[1].change_words(), "PlatinumPlus → Signature");
        assert_eq!(r.data[0].store_words(), "prodbpclsmartfleet");
        let bare = SlabChange {
            kind: "FREEZE".into(),
            to: "Gold".into(),
            from_slab_number: Some(2),
            till_id: Some(Id(7)),
            ..SlabChange::default()
        };
        assert_eq!((bare.kind_words(), bare.kind()), ("FREEZE".to_string(), None));
        assert_eq!(bare.change_words(), "Tier 2 → Gold");
        assert_eq!(bare.store_words(), "Till 7");
        assert_eq!(SlabChange::default().change_words(), "— → —");
        assert_eq!(SlabChange::default().store_words(), "—");
        assert_eq!(SlabChange::default().kind_words(), "—");
        let t = Transaction { kind: "return".into(), ..Transaction::default() };
        assert_eq!(t.kind_words(), "Return");
    }

    #[test]
    fn tier_history_pages_by_the_answer_or_by_a_short_page() {
        let q = SlabHistoryQuery::new(1);
        let page = |n: usize, p: Option<Pagination>| SlabHistoryResponse {
            data: vec![SlabChange::default(); n],
            pagination: p,
            warnings: vec![],
        };
        let first = page(20, Some(Pagination::new(0, 20, 32))).shown(&q);
        assert_eq!(first, ItemsShown { first: 1, last: 20, total: Some(32), has_previous: false, has_next: true });
        let second = page(12, Some(Pagination::new(20, 20, 32))).shown(&q.at(20));
        assert_eq!(second, ItemsShown { first: 21, last: 32, total: Some(32), has_previous: true, has_next: false });
        assert_eq!(page(12, None).previous_offset(&q.at(20)), 0);
        assert_eq!(page(0, None).previous_offset(&q.at(5)), 0);
        // Without a pagination object, a full page may have more after it.
        assert!(page(20, None).shown(&q).has_next);
        assert!(!page(19, None).shown(&q).has_next);
        let none = page(0, Some(Pagination::new(0, 20, 0))).shown(&q);
        assert!(none.is_empty() && !none.has_next && !none.has_previous);
    }

    #[test]
    fn transactions_page_until_a_short_page() {
        let q = TransactionsQuery::new(GroupKey::Id(5000000)).at(20);
        assert_eq!(q.shown(20), ItemsShown { first: 21, last: 40, total: None, has_previous: true, has_next: true });
        assert_eq!(q.shown(3), ItemsShown { first: 21, last: 23, total: None, has_previous: true, has_next: false });
        assert!(q.shown(0).is_empty());
        assert!(!TransactionsQuery::new(GroupKey::Id(1)).shown(20).has_previous);
    }

    #[test]
    fn the_filter_reads_and_writes_the_tabs_address() {
        let f = TransactionsFilter::from_url_query("?type=RETURN&from=2026-01-01&page=3");
        assert_eq!(
            f,
            TransactionsFilter {
                kind: Some(TransactionType::Return),
                from: Some("2026-01-01".into()),
                to: None,
                page: 3,
                tier_offset: 0,
                ledger: LedgerFilter::default(),
            }
        );
        assert_eq!(f.to_url_query(), "type=RETURN&from=2026-01-01&page=3");
        assert_eq!(f.href(5000000), "/groups/5000000/history?type=RETURN&from=2026-01-01&page=3");
        assert_eq!(TransactionsFilter::from_url_query(&f.to_url_query()), f);
        assert_eq!(TransactionsFilter::default().href(7), "/groups/7/history");
        assert_eq!(f.at_page(1).to_url_query(), "type=RETURN&from=2026-01-01");
        assert_eq!(f.at_page(0).page, 1);
        // An edited link still opens: what cannot be read is left out.
        let odd = TransactionsFilter::from_url_query("type=GIFT&from=2026-02-30&to=soon&page=-2&x=1");
        assert_eq!(odd, TransactionsFilter::default());
        assert!(!odd.is_filtered());
        assert_eq!(TransactionsFilter::from_url_query("type=regular&page=0").kind, Some(TransactionType::Regular));
        assert_eq!(TransactionsFilter::from_url_query("page=0").page, 1);
        let to = TransactionsFilter { to: Some("2026-12-31".into()), ..TransactionsFilter::default() };
        assert_eq!(to.to_url_query(), "to=2026-12-31");
        assert!(to.is_filtered());
        // The tier changes page on their own, and keep their place when the transactions change.
        let both = TransactionsFilter::from_url_query("type=RETURN&page=2&tiers=40");
        assert_eq!(both.tier_offset, 40);
        assert_eq!(both.at_page(3).href(9), "/groups/9/history?type=RETURN&page=3&tiers=40");
        assert_eq!(both.at_tier_offset(0).href(9), "/groups/9/history?type=RETURN&page=2");
        let refiltered = both.filtered(None, Some("2026-01-01".into()), None);
        assert_eq!(refiltered.to_url_query(), "from=2026-01-01&tiers=40");
        assert_eq!(refiltered.page, 1);
    }

    #[test]
    fn the_filter_sends_to_as_the_day_after_and_pages_by_twenty() {
        let f = TransactionsFilter {
            kind: Some(TransactionType::Regular),
            from: Some("2026-01-01".into()),
            to: Some("2026-01-31".into()),
            page: 3,
            tier_offset: 0,
            ledger: LedgerFilter::default(),
        };
        let q = f.request(GroupKey::Id(5000000)).unwrap();
        assert_eq!(
            q.to_query_string(),
            "id=5000000&type=REGULAR&startDate=2026-01-01&endDate=2026-02-01&offset=40&limit=20"
        );
        let plain = TransactionsFilter::default().request(GroupKey::Id(1)).unwrap();
        assert_eq!(plain.to_query_string(), "id=1&offset=0&limit=20");
        let huge = TransactionsFilter { page: u32::MAX, ..TransactionsFilter::default() };
        assert_eq!(huge.request(GroupKey::Id(1)).unwrap().offset, u32::MAX);
        // A From after To (an edited link) sends nothing.
        let backwards =
            TransactionsFilter { from: Some("2026-02-01".into()), to: Some("2026-01-31".into()), ..f.clone() };
        assert_eq!(backwards.request(GroupKey::Id(1)), None);
        let same_day = TransactionsFilter { from: Some("2026-01-31".into()), ..f };
        assert_eq!(same_day.request(GroupKey::Id(1)).unwrap().end_date.as_deref(), Some("2026-02-01"));
    }

    #[test]
    fn the_day_after_crosses_months_years_and_leap_days() {
        assert_eq!(day_after("2026-01-31").as_deref(), Some("2026-02-01"));
        assert_eq!(day_after("2026-12-31").as_deref(), Some("2027-01-01"));
        assert_eq!(day_after("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(day_after("2026-02-28").as_deref(), Some("2026-03-01"));
        assert_eq!(day_after("2026-06-09").as_deref(), Some("2026-06-10"));
        assert_eq!(day_after("2026-02-30"), None);
        assert_eq!(day_after("2026-01-31T10:00:00Z"), None);
    }

    #[test]
    fn a_from_after_to_is_refused_next_to_from() {
        assert_eq!(check_date_range("", ""), Ok((None, None)));
        assert_eq!(check_date_range(" 2026-01-01 ", ""), Ok((Some("2026-01-01".into()), None)));
        assert_eq!(
            check_date_range("2026-01-01", "2026-01-01"),
            Ok((Some("2026-01-01".into()), Some("2026-01-01".into())))
        );
        assert_eq!(
            check_date_range("2026-01-02", "2026-01-01"),
            Err(DateRangeErrors { from: Some(FROM_AFTER_TO), to: None })
        );
        assert_eq!(
            check_date_range("1/2/2026", "2026-13-01"),
            Err(DateRangeErrors { from: Some(NOT_A_DAY), to: Some(NOT_A_DAY) })
        );
        assert_eq!(check_date_range("2026-01-01", "x"), Err(DateRangeErrors { from: None, to: Some(NOT_A_DAY) }));
    }
    #[test]
    fn the_ledger_keeps_its_place_in_the_tabs_address() {
        let qs = "type=RETURN&page=2&tiers=20&ledgerPage=3&ledgerFrom=2026-10-01&ledgerTo=2026-11-29&ledgerType=credit";
        let f = TransactionsFilter::from_url_query(qs);
        assert_eq!(
            f.ledger,
            LedgerFilter {
                page: 3,
                from: Some("2026-10-01".into()),
                to: Some("2026-11-29".into()),
                entry_type: Some(LedgerEntryType::Credit),
            }
        );
        assert_eq!(f.to_url_query(), qs, "a round trip");
        assert_eq!(TransactionsFilter::from_url_query(&f.to_url_query()), f);
        // Paging or filtering the transactions keeps the ledger, and the other way round.
        assert_eq!(f.at_page(3).ledger, f.ledger);
        assert_eq!(f.filtered(None, None, None).ledger, f.ledger);
        assert_eq!(f.at_tier_offset(0).ledger, f.ledger);
        let next = f.with_ledger(f.ledger.at_page(4));
        assert_eq!((next.page, next.tier_offset, next.kind), (2, 20, Some(TransactionType::Return)));
        assert_eq!(
            next.href(3920001),
            "/groups/3920001/history?type=RETURN&page=2&tiers=20&ledgerPage=4&ledgerFrom=2026-10-01&ledgerTo=2026-11-29&ledgerType=credit"
        );
        let refiltered = f.with_ledger(LedgerFilter::filtered(Some(LedgerEntryType::Debit), None, None));
        assert_eq!(refiltered.href(1), "/groups/1/history?type=RETURN&page=2&tiers=20&ledgerType=debit");
        assert_eq!(f.with_ledger(LedgerFilter::default()).to_url_query(), "type=RETURN&page=2&tiers=20");
        // What the transactions' request depends on does not see the ledger or the tier changes.
        assert_eq!(f.transactions_only(), next.transactions_only());
        assert_eq!(f.transactions_only().request(GroupKey::Id(1)), f.request(GroupKey::Id(1)));
        assert_ne!(f.transactions_only(), f.at_page(3).transactions_only());
        // An edited link still opens.
        let odd = TransactionsFilter::from_url_query("ledgerPage=0&ledgerType=BOTH&ledgerFrom=2026-02-30&ledgerTo=x");
        assert_eq!(odd.ledger, LedgerFilter::default());
        assert!(!odd.ledger.is_filtered());
        assert_eq!(
            TransactionsFilter::from_url_query("ledgerType=OPENING_BALANCE").ledger.entry_type,
            Some(LedgerEntryType::OpeningBalance)
        );
    }

    #[test]
    fn the_ledgers_days_go_together_within_sixty_days() {
        assert_eq!(check_ledger_dates("", ""), Ok(None));
        assert_eq!(
            check_ledger_dates("2026-01-01", "2026-03-02"),
            Ok(Some(("2026-01-01".into(), "2026-03-02".into()))),
            "60 days apart"
        );
        assert_eq!(
            check_ledger_dates("2026-01-01", "2026-03-03"),
            Err(DateRangeErrors { from: None, to: Some(AT_MOST_60_DAYS) })
        );
        assert_eq!(check_ledger_dates("2026-10-01", ""), Err(DateRangeErrors { from: None, to: Some(BOTH_DAYS) }));
        assert_eq!(check_ledger_dates("", "2026-10-01"), Err(DateRangeErrors { from: Some(BOTH_DAYS), to: None }));
        assert_eq!(
            check_ledger_dates("2026-10-02", "2026-10-01"),
            Err(DateRangeErrors { from: Some(FROM_AFTER_TO), to: None })
        );
        assert_eq!(
            check_ledger_dates("2026-13-01", "soon"),
            Err(DateRangeErrors { from: Some(NOT_A_DAY), to: Some(NOT_A_DAY) })
        );
        assert_eq!(AT_MOST_60_DAYS, "Choose at most 60 days.");
        // The request: the page from 0, the days as the customer ledger takes them; refused days send nothing.
        let f = LedgerFilter {
            page: 2,
            from: Some("2026-10-01".into()),
            to: Some("2026-11-29".into()),
            entry_type: Some(LedgerEntryType::Credit),
        };
        let q = f.query(3920001, 10).unwrap();
        assert!(q.to_query_string().ends_with(
            "&offset=1&limit=10&order=DESC&isFilterBasedOnDate=true&startDate=2026-10-01T00%3A00%3A00&endDate=2026-11-29T23%3A59%3A59&ledgerEntryType=CREDIT"
        ), "{}", q.to_query_string());
        assert_eq!(LedgerFilter { to: Some("2027-01-01".into()), ..f.clone() }.query(1, 10), None);
        assert_eq!(LedgerFilter { to: None, ..f.clone() }.query(1, 10), None);
        assert_eq!(LedgerFilter::default().query(1, 10), Some(LedgerQuery::new(1)));
        assert_eq!(f.at_page(0).page, 1);
        assert!(f.is_filtered());
    }

    #[test]
    fn ledger_pages_count_by_the_total_or_by_a_full_page() {
        use crate::history::ledger::{LedgerDetails, LedgerEntry};
        let answer = |n: usize, total: Option<i64>| LedgerAnswer {
            ledger_details: total.map(|t| LedgerDetails { total_entries: Some(t), ..LedgerDetails::default() }),
            ledger_entries: vec![LedgerEntry::default(); n],
            warnings: vec![],
        };
        let q = LedgerQuery::new(1);
        assert_eq!(
            answer(10, Some(48)).shown(&q),
            ItemsShown { first: 1, last: 10, total: Some(48), has_previous: false, has_next: true }
        );
        assert_eq!(
            answer(8, Some(48)).shown(&q.at(4)),
            ItemsShown { first: 41, last: 48, total: Some(48), has_previous: true, has_next: false }
        );
        assert!(answer(10, None).shown(&q).has_next, "a full page without a total may have more");
        assert!(!answer(9, None).shown(&q).has_next);
        assert!(!answer(10, Some(10)).shown(&q).has_next);
        let past = answer(0, Some(48)).shown(&q.at(9));
        assert!(past.is_empty() && past.has_previous && !past.has_next);
    }
}
