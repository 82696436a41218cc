//! A group's points ledger (docs/platform-api.md, "Points ledger"): the query (one page,
//! filtered by dates and entry type), its place in the page's address, the answer and its
//! entries in words, the CSV export, and the words for its codes. The ledger sits under the
//! History tab.

use std::fmt;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::platform::csv_writer::{Cell, CsvWriter};
use crate::platform::error::ApiError;
use crate::platform::format::{days_from_civil, group_digits, parse_date, DateValue};
use crate::platform::query::platform_words;
use crate::platform::query::{QueryError, QueryParams, QueryWriter, SortOrder, DEFAULT_SOURCE};
use crate::platform::read::{
    full_name, lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, ApiWarning, Id,
};

/// Entries on one screen page: a limit every documented bound allows.
pub const LEDGER_PAGE: u32 = 10;
/// Entries per page of the export (falls back to [`LEDGER_PAGE`] after an 11006).
pub const LEDGER_EXPORT_PAGE: u32 = 100;
/// The platform's bound (11029).
pub const MAX_LEDGER_LIMIT: u32 = 100;
/// The most days between the two dates of a filter (11010; the stricter of the two limits).
pub const MAX_FILTER_DAYS: i64 = 60;
/// The most entries an export reads.
pub const MAX_EXPORT_ENTRIES: usize = 1000;

platform_words! {
    /// `ledgerEntryType`.
    pub enum LedgerEntryType {
        Credit => "CREDIT",
        Debit => "DEBIT",
        OpeningBalance => "OPENING_BALANCE",
    }
}

impl LedgerEntryType {
    /// "Credit", "Debit", "Opening balance".
    pub fn words(self) -> &'static str {
        match self {
            LedgerEntryType::Credit => "Credit",
            LedgerEntryType::Debit => "Debit",
            LedgerEntryType::OpeningBalance => "Opening balance",
        }
    }
}

// ------------------------------------------------------------------ the query

/// `GET /v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=…&source=INSTORE&offset=…&limit=…&order=…`
/// with the customer ledger's filters (our reading: none is documented for groups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerQuery {
    pub group_id: u64,
    /// Zero-based page (`offset` counts pages: our reading).
    pub page: u32,
    pub limit: u32,
    pub order: SortOrder,
    /// `YYYY-MM-DD`, from and to, both inclusive.
    pub dates: Option<(String, String)>,
    pub entry_type: Option<LedgerEntryType>,
}

impl LedgerQuery {
    pub fn new(group_id: u64) -> LedgerQuery {
        LedgerQuery { group_id, page: 0, limit: LEDGER_PAGE, order: SortOrder::Desc, dates: None, entry_type: None }
    }

    pub fn at(&self, page: u32) -> LedgerQuery {
        LedgerQuery { page, ..self.clone() }
    }

    pub fn to_query_string(&self) -> String {
        let mut w = QueryWriter::new();
        w.pair("type", crate::points::transfer::USERGROUP2)
            .pair("identifierName", "id")
            .pair("identifierValue", self.group_id)
            .pair("source", DEFAULT_SOURCE)
            .pair("offset", self.page)
            .pair("limit", self.limit)
            .pair("order", self.order);
        if let Some((from, to)) = &self.dates {
            w.flag("isFilterBasedOnDate", true)
                .pair("startDate", format!("{from}T00:00:00"))
                .pair("endDate", format!("{to}T23:59:59"));
        }
        w.opt("ledgerEntryType", self.entry_type).finish()
    }

    /// Reads a request as the emulator answers it, with the platform's code for each refusal:
    /// `identifierName` may be `id` or `groupId`, `order` also `sortOrder`; the limit defaults
    /// to 10.
    pub fn from_query_string(qs: &str) -> Result<LedgerQuery, LedgerQueryError> {
        let p = QueryParams::parse(qs);
        let (Some(name), Some(value), Some(_)) =
            (p.text("identifierName"), p.text("identifierValue"), p.text("source"))
        else {
            return Err(LedgerQueryError::Missing);
        };
        let kind = p.text("type").unwrap_or("");
        let group_kind = kind.eq_ignore_ascii_case("USERGROUP2") || kind.eq_ignore_ascii_case("FLEET");
        if !group_kind || !(name == "id" || name == "groupId") {
            return Err(LedgerQueryError::Identifier);
        }
        let group_id = value.parse::<u64>().map_err(|_| LedgerQueryError::Identifier)?;
        let number = |name: &'static str| p.number::<i64>(name).map_err(LedgerQueryError::Parameter);
        let limit = match number("limit")? {
            None => LEDGER_PAGE,
            Some(n) if n > MAX_LEDGER_LIMIT as i64 => return Err(LedgerQueryError::LimitTooLarge),
            Some(n) if n < 1 => LEDGER_PAGE,
            Some(n) => n as u32,
        };
        let page = number("offset")?.unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
        let order = match p.text("order").or(p.text("sortOrder")) {
            None => SortOrder::Desc,
            Some(o) => SortOrder::parse(o)
                .ok_or(LedgerQueryError::Parameter(QueryError::Invalid { name: "order", value: o.to_string() }))?,
        };
        let entry_type = match p.text("ledgerEntryType") {
            None => None,
            Some(t) => Some(LedgerEntryType::parse(t).ok_or(LedgerQueryError::EntryType)?),
        };
        let dates = if p.flag("isFilterBasedOnDate") {
            let day = |name: &'static str| -> Result<String, LedgerQueryError> {
                let v = p.text(name).ok_or(LedgerQueryError::Parameter(QueryError::Missing(name)))?;
                let d = v.get(..10).unwrap_or(v);
                match parse_date(d) {
                    Some(DateValue::Day { .. }) => Ok(d.to_string()),
                    _ => Err(LedgerQueryError::Parameter(QueryError::Invalid { name, value: v.into() })),
                }
            };
            let (from, to) = (day("startDate")?, day("endDate")?);
            match days_apart(&from, &to) {
                Some(n) if n > MAX_FILTER_DAYS => return Err(LedgerQueryError::TooManyDays),
                _ => Some((from, to)),
            }
        } else {
            None
        };
        Ok(LedgerQuery { group_id, page, limit, order, dates, entry_type })
    }
}

/// Why the platform (and the emulator) refuses a ledger request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerQueryError {
    /// 11013: `identifierName`, `identifierValue` and `source` may not be empty.
    Missing,
    /// 8013: the identifier is invalid.
    Identifier,
    /// 11029: the limit is above 100.
    LimitTooLarge,
    /// 11007: `ledgerEntryType` is invalid.
    EntryType,
    /// 11010: more than 60 days between the dates.
    TooManyDays,
    /// Another parameter that cannot be read (a bare 400).
    Parameter(QueryError),
}

impl LedgerQueryError {
    pub fn code(&self) -> i64 {
        match self {
            LedgerQueryError::Missing => 11013,
            LedgerQueryError::Identifier => 8013,
            LedgerQueryError::LimitTooLarge => 11029,
            LedgerQueryError::EntryType => 11007,
            LedgerQueryError::TooManyDays => 11010,
            LedgerQueryError::Parameter(_) => 400,
        }
    }
}

impl fmt::Display for LedgerQueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerQueryError::Missing => f.write_str("identifierName, identifierValue and source cannot be empty"),
            LedgerQueryError::Identifier => f.write_str("Invalid identifier passed"),
            LedgerQueryError::LimitTooLarge => f.write_str("Limit should not be greater than 100"),
            LedgerQueryError::EntryType => f.write_str("Invalid ledger entry type"),
            LedgerQueryError::TooManyDays => f.write_str("Date range should not be more than 60 days"),
            LedgerQueryError::Parameter(e) => e.fmt(f),
        }
    }
}

/// Days from `from` to `to` (`YYYY-MM-DD`), negative when `to` is earlier.
pub fn days_apart(from: &str, to: &str) -> Option<i64> {
    let day = |s: &str| match parse_date(s)? {
        DateValue::Day { year, month, day } => Some(days_from_civil(year, month, day)),
        DateValue::Instant { .. } => None,
    };
    Some(day(to)? - day(from)?)
}

// ------------------------------------------------------------------ the answer

/// Points as the ledger writes them: text with three decimals (`"20.000"`, `"-20.000"`).
fn write_points<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(n) => s.serialize_str(&format!("{n:.3}")),
        None => s.serialize_none(),
    }
}

/// `ledgerDetails`: may be absent (the entries then count themselves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LedgerDetails {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub page_number: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub total_entries: Option<i64>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub page_count: Option<i64>,
}

/// `customerDetails.identifier`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct LedgerIdentifier {
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string")]
    pub value: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub role: String,
}

/// The member behind a group's entry, or null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LedgerCustomer {
    #[serde(deserialize_with = "lenient_string")]
    pub first_name: String,
    #[serde(deserialize_with = "lenient_string")]
    pub last_name: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Id>,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub identifier: Option<LedgerIdentifier>,
}

/// One credit, debit or opening balance of an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct EntryDetail {
    #[serde(deserialize_with = "lenient_string")]
    pub ledger_entry_type: String,
    #[serde(deserialize_with = "lenient_f64", serialize_with = "write_points")]
    pub points: Option<f64>,
    /// `Main` (redeemable), `DelayedAccrualPointCategory` (promised), …
    #[serde(deserialize_with = "lenient_string")]
    pub points_category: String,
    #[serde(deserialize_with = "lenient_string")]
    pub program_name: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub alternate_currency_name: String,
}

/// `transactionDetails`: `{}` when the event has no bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LedgerTransaction {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<Id>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub transaction_number: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub gross_bill_amount: Option<f64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One event of the wallet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LedgerEntry {
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub event_log_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub event_name: String,
    /// Not a customer on a group's rows (the negative group id, another party's, a program
    /// id): never shown.
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub ledger_created_date: String,
    #[serde(rename = "ledgerCreatedDateISO", deserialize_with = "lenient_string")]
    pub ledger_created_date_iso: String,
    #[serde(deserialize_with = "or_default")]
    pub customer_details: Option<LedgerCustomer>,
    #[serde(deserialize_with = "or_default")]
    pub entry_details: Vec<EntryDetail>,
    #[serde(deserialize_with = "lenient_f64", serialize_with = "write_points")]
    pub net_points_on_event: Option<f64>,
    #[serde(skip_serializing_if = "Value::is_null")]
    pub net_alternate_currencies_on_event: Value,
    #[serde(deserialize_with = "or_default")]
    pub transaction_details: LedgerTransaction,
    #[serde(deserialize_with = "lenient_string")]
    pub store: String,
    #[serde(deserialize_with = "lenient_string")]
    pub store_code: String,
    #[serde(deserialize_with = "lenient_string")]
    pub till_code: String,
    /// The event's date, promotion fields, a goodwill `reason`: kept as it came.
    #[serde(skip_serializing_if = "Value::is_null")]
    pub event_details: Value,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub source_program_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub source_program_name: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub org_id: Option<Id>,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub concept_id: Option<i64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub concept_name: String,
}

/// An event's name in words; an unknown one as it came.
pub fn event_words(name: &str) -> &str {
    match name {
        "PointsTransfer" => "Transfer",
        "AllocateGoodwillPoints" => "Goodwill",
        "BulkAllocatePoints" => "Manual issue",
        "UserGroup2Create" => "Group created",
        "PointsExpiry" => "Expired",
        "TransactionAdd" => "Purchase",
        "ReturnBill" => "Return",
        "PointsRedemption" => "Redeemed",
        "PointsRedemptionReversal" => "Redemption reversed",
        "ManualPointsAdjustment" => "Adjustment",
        other => other,
    }
}

impl LedgerEntry {
    /// The ISO date when given, else the other.
    pub fn date(&self) -> &str {
        if self.ledger_created_date_iso.is_empty() {
            &self.ledger_created_date
        } else {
            &self.ledger_created_date_iso
        }
    }

    pub fn event(&self) -> &str {
        event_words(&self.event_name)
    }

    /// The entry's kinds: `CREDIT`, `DEBIT`, `OPENING_BALANCE` (one per detail, in order,
    /// without repeats).
    pub fn kinds(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![];
        for d in &self.entry_details {
            if !out.contains(&d.ledger_entry_type.as_str()) {
                out.push(&d.ledger_entry_type);
            }
        }
        out
    }

    /// The net change: `netPointsOnEvent`, else credits minus debits.
    pub fn net_points(&self) -> Option<f64> {
        self.net_points_on_event.or_else(|| {
            let signed = |d: &EntryDetail| match LedgerEntryType::parse(&d.ledger_entry_type) {
                Some(LedgerEntryType::Debit) => d.points.map(|p| -p),
                _ => d.points,
            };
            self.entry_details.iter().map(signed).sum()
        })
    }

    /// The programs of the entry, by name, once each.
    pub fn programs(&self) -> String {
        let mut names: Vec<&str> = vec![];
        for d in &self.entry_details {
            let name = d.program_name.trim();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(", ")
    }

    /// The customer ID of the member behind the entry: its details' `userId`; on a transfer
    /// without details, a positive `customerId` (a member's; a group's is negative).
    pub fn member_id(&self) -> Option<u64> {
        let own = self.customer_details.as_ref().and_then(|c| c.user_id).map(|id| id.0);
        let transfer = (self.event_name == "PointsTransfer").then_some(self.customer_id).flatten();
        own.or(transfer.filter(|c| *c > 0).map(|c| c as u64))
    }

    /// The member behind the entry by name: its own details' name, else the members list's
    /// (`names`) for [`member_id`](Self::member_id).
    pub fn member_name(&self, names: impl Fn(u64) -> Option<String>) -> Option<String> {
        let details = self.customer_details.as_ref();
        let own = details.map(|c| full_name(&c.first_name, &c.last_name)).filter(|n| !n.is_empty());
        own.or_else(|| self.member_id().and_then(names).filter(|n| !n.trim().is_empty()))
    }

    /// [`member_name`](Self::member_name), else a dash.
    pub fn member(&self, names: impl Fn(u64) -> Option<String>) -> String {
        self.member_name(names).unwrap_or_else(|| "—".into())
    }

    /// "Credit", "Debit", "Opening balance" (an unknown kind as it came).
    pub fn kind_words(&self) -> String {
        let kinds: Vec<&str> = self
            .kinds()
            .into_iter()
            .map(|k| LedgerEntryType::parse(k).map(LedgerEntryType::words).unwrap_or(k))
            .collect();
        if kinds.is_empty() {
            "—".into()
        } else {
            kinds.join(", ")
        }
    }

    /// Why the points moved, when the entry says: a goodwill's `reason` (and, in the emulator,
    /// a transfer's notes) in `eventDetails`.
    pub fn notes(&self) -> &str {
        ["reason", "notes"]
            .iter()
            .find_map(|k| self.event_details.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()))
            .unwrap_or("")
    }

    /// Whether the entry fits the query's filters: its day within the dates, one of its kinds
    /// the type asked for.
    pub fn fits(&self, q: &LedgerQuery) -> bool {
        let in_dates = match &q.dates {
            None => true,
            Some((from, to)) => {
                let day = self.date().get(..10).unwrap_or("");
                day.is_empty() || (day >= from.as_str() && day <= to.as_str())
            }
        };
        let of_type = q.entry_type.is_none_or(|t| self.kinds().iter().any(|k| k.eq_ignore_ascii_case(t.as_str())));
        in_dates && of_type
    }
}

/// The ledger's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LedgerAnswer {
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub ledger_details: Option<LedgerDetails>,
    #[serde(deserialize_with = "or_default")]
    pub ledger_entries: Vec<LedgerEntry>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

impl LedgerAnswer {
    /// Entries in the whole ledger (as filtered): the details' count, else this page's.
    pub fn total(&self) -> u64 {
        self.ledger_details
            .as_ref()
            .and_then(|d| d.total_entries)
            .map(|t| t.max(0) as u64)
            .unwrap_or(self.ledger_entries.len() as u64)
    }

    /// 11002 as a warning: the platform is still processing events.
    pub fn still_processing(&self) -> bool {
        self.warnings.iter().any(|w| w.code == Some(11002))
    }

    /// The page holds entries outside the filters: the platform ignored them (the group ledger
    /// documents none), and the page says so.
    pub fn ignored_filter(&self, q: &LedgerQuery) -> bool {
        self.ledger_entries.iter().any(|e| !e.fits(q))
    }

    /// The answer is another page than the one asked for (`offset` read as an index).
    pub fn other_page(&self, q: &LedgerQuery) -> bool {
        self.ledger_details.as_ref().and_then(|d| d.page_number).is_some_and(|n| n != q.page as i64)
    }
}

pub const NO_ENTRIES: &str = "No entries match.";
/// Next to the dates of a filter, and for 11010.
pub const AT_MOST_60_DAYS: &str = "Choose at most 60 days.";
pub const STILL_PROCESSING: &str = "The platform is still processing some events: the ledger may be incomplete.";
pub const FILTER_IGNORED: &str = "The platform ignored the filter; these are unfiltered entries.";

/// 11003: no entries match (also past the last page): an empty page, not an error.
pub fn is_empty_page(e: &ApiError) -> bool {
    !e.is_auth() && e.code() == Some(11003)
}

/// 11006 (a limit above 10): the export asks again 10 at a time.
pub fn wants_smaller_pages(e: &ApiError) -> bool {
    !e.is_auth() && e.code() == Some(11006)
}

/// The words for an error of the ledger call; else [`ApiError::headline`].
pub fn words(e: &ApiError) -> String {
    if e.is_auth() {
        return e.headline();
    }
    match e.code() {
        Some(11003) => NO_ENTRIES.into(),
        Some(11010) => AT_MOST_60_DAYS.into(),
        Some(11002) => STILL_PROCESSING.into(),
        Some(9003) => "The ledger has no entries of this points type.".into(),
        Some(c @ (11006 | 11029)) => format!("The platform takes fewer entries a page (code {c}): please report it."),
        Some(c @ (8013 | 11013 | 11007 | 11008 | 11012 | 11028)) => {
            format!(
                "The console asked for the ledger in a way the platform did not accept (code {c}): please report it."
            )
        }
        _ => e.headline(),
    }
}

pub const LEDGER_CSV_HEADER: [&str; 10] =
    ["date", "event", "member", "memberId", "program", "type", "points", "notes", "store", "eventLogId"];

/// The entries as CSV, members named as on screen (`names`: the members list's). Points and
/// IDs are numbers; every text cell goes through the CSV writer (a name or a note that a
/// spreadsheet would run is made text).
pub fn ledger_to_csv(entries: &[LedgerEntry], names: impl Fn(u64) -> Option<String>) -> String {
    let mut w = CsvWriter::new(LEDGER_CSV_HEADER);
    for e in entries {
        let member = e.member_name(&names).unwrap_or_default();
        let programs = e.programs();
        let kinds = e.kinds().join(" ");
        w.row([
            Cell::Text(e.date()),
            Cell::Text(e.event()),
            Cell::Text(&member),
            e.member_id().into(),
            Cell::Text(&programs),
            Cell::Text(&kinds),
            e.net_points().into(),
            Cell::Text(e.notes()),
            Cell::Text(&e.store),
            e.event_log_id.into(),
        ]);
    }
    w.finish()
}

// ------------------------------------------------------------------ the export

/// Reading the ledger for its CSV: the filtered ledger from its first page, 100 entries a page
/// one request after another (10 a page after an 11006), until a short page, the total, an
/// 11003 or [`MAX_EXPORT_ENTRIES`].
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerExport {
    /// The next page to ask for.
    query: LedgerQuery,
    pub entries: Vec<LedgerEntry>,
    /// The ledger's entries (as filtered), when the platform says.
    pub total: Option<u64>,
    /// A page held entries outside the filter.
    pub ignored_filter: bool,
    /// A page warned 11002.
    pub still_processing: bool,
    done: bool,
}

impl LedgerExport {
    /// The export of what `shown` (the screen's query) filters.
    pub fn new(shown: &LedgerQuery) -> LedgerExport {
        LedgerExport {
            query: LedgerQuery { page: 0, limit: LEDGER_EXPORT_PAGE, ..shown.clone() },
            entries: vec![],
            total: None,
            ignored_filter: false,
            still_processing: false,
            done: false,
        }
    }

    /// The request to send next; `None` once everything to keep is read.
    pub fn next(&self) -> Option<&LedgerQuery> {
        (!self.done).then_some(&self.query)
    }

    /// Takes a page's answer.
    pub fn read(&mut self, answer: LedgerAnswer) {
        self.ignored_filter |= answer.ignored_filter(&self.query);
        self.still_processing |= answer.still_processing();
        if let Some(t) = answer.ledger_details.as_ref().and_then(|d| d.total_entries) {
            self.total = Some(t.max(0) as u64);
        }
        let received = answer.ledger_entries.len();
        let room = MAX_EXPORT_ENTRIES.saturating_sub(self.entries.len());
        self.entries.extend(answer.ledger_entries.into_iter().take(room));
        self.query.page = self.query.page.saturating_add(1);
        let all_read = self.total.is_some_and(|t| self.entries.len() as u64 >= t);
        self.done = received < self.query.limit as usize || all_read || self.entries.len() >= MAX_EXPORT_ENTRIES;
    }

    /// An 11003: nothing more to read.
    pub fn end(&mut self) {
        self.done = true;
    }

    /// An 11006: go on 10 entries a page, from where the export is. `false` when it already
    /// asks 10 (the error is then a real one).
    pub fn smaller_pages(&mut self) -> bool {
        if self.query.limit <= LEDGER_PAGE {
            return false;
        }
        self.query.limit = LEDGER_PAGE;
        self.query.page = (self.entries.len() / LEDGER_PAGE as usize) as u32;
        true
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// What the file holds, in words, once done.
    pub fn outcome(&self) -> String {
        let kept = self.entries.len();
        let noun = |n: usize| if n == 1 { "entry" } else { "entries" };
        let mut words = match self.total {
            Some(t) if t > kept as u64 => format!(
                "Saved the newest {} of {} entries: an export holds at most {}.",
                group_digits(kept as u64),
                group_digits(t),
                group_digits(MAX_EXPORT_ENTRIES as u64)
            ),
            _ => format!("Saved {} {}.", group_digits(kept as u64), noun(kept)),
        };
        for (on, note) in [(self.ignored_filter, FILTER_IGNORED), (self.still_processing, STILL_PROCESSING)] {
            if on {
                words.push(' ');
                words.push_str(note);
            }
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_asks_a_page_with_the_customer_ledgers_filters() {
        let q = LedgerQuery::new(3920001);
        assert_eq!(
            q.to_query_string(),
            "type=USERGROUP2&identifierName=id&identifierValue=3920001&source=INSTORE&offset=0&limit=10&order=DESC"
        );
        assert_eq!(LedgerQuery::from_query_string(&q.to_query_string()), Ok(q.clone()));
        let f = LedgerQuery {
            page: 2,
            dates: Some(("2026-10-01".into(), "2026-11-29".into())),
            entry_type: Some(LedgerEntryType::Credit),
            ..q
        };
        let s = f.to_query_string();
        assert!(
            s.ends_with("&offset=2&limit=10&order=DESC&isFilterBasedOnDate=true&startDate=2026-10-01T00%3A00%3A00&endDate=2026-11-29T23%3A59%3A59&ledgerEntryType=CREDIT"),
            "{s}"
        );
        assert_eq!(LedgerQuery::from_query_string(&s), Ok(f));
    }

    #[test]
    fn the_emulator_reads_each_refusal_with_its_code() {
        let base = "type=USERGROUP2&identifierName=id&identifierValue=3920001&source=INSTORE";
        let code = |qs: &str| LedgerQuery::from_query_string(qs).unwrap_err().code();
        assert_eq!(code("type=USERGROUP2&identifierName=id&identifierValue=1"), 11013);
        assert_eq!(code("type=USERGROUP2&identifierName=mobile&identifierValue=1&source=INSTORE"), 8013);
        assert_eq!(code("type=USERGROUP2&identifierName=id&identifierValue=x&source=INSTORE"), 8013);
        assert_eq!(code(&format!("{base}&limit=101")), 11029);
        assert_eq!(code(&format!("{base}&ledgerEntryType=BOTH")), 11007);
        let long = format!("{base}&isFilterBasedOnDate=true&startDate=2026-01-01T00:00:00&endDate=2026-03-03T23:59:59");
        assert_eq!(code(&long), 11010);
        assert_eq!(code(&format!("{base}&isFilterBasedOnDate=true&startDate=2026-01-01")), 400);
        let q =
            LedgerQuery::from_query_string(&format!("{base}&identifierName=groupId&sortOrder=ASC&limit=100")).unwrap();
        assert_eq!((q.order, q.limit), (SortOrder::Asc, 100));
        // Dates without the flag are not a filter (the customer ledger's rule).
        assert_eq!(LedgerQuery::from_query_string(&format!("{base}&startDate=2026-01-01")).unwrap().dates, None);
    }

    fn entry(name: &str, kind: &str, points: f64, day: &str) -> LedgerEntry {
        LedgerEntry {
            event_name: name.into(),
            ledger_created_date_iso: format!("{day}T10:00:00Z"),
            entry_details: vec![EntryDetail {
                ledger_entry_type: kind.into(),
                points: Some(points),
                program_name: "DocDemoDefaultProgram".into(),
                ..EntryDetail::default()
            }],
            ..LedgerEntry::default()
        }
    }

    #[test]
    fn entries_in_words() {
        let mut e = entry("PointsTransfer", "DEBIT", 300.0, "2026-11-02");
        assert_eq!(
            (e.event(), e.net_points(), e.programs().as_str()),
            ("Transfer", Some(-300.0), "DocDemoDefaultProgram")
        );
        assert_eq!(event_words("SomethingNew"), "SomethingNew");
        assert_eq!(e.member(|_| None), "—");
        e.customer_details = Some(LedgerCustomer { user_id: Some(Id(700100002)), ..LedgerCustomer::default() });
        assert_eq!(e.member(|id| (id == 700100002).then(|| "Arjun Sharma".to_string())), "Arjun Sharma");
        e.customer_details.as_mut().unwrap().first_name = "Arjun".into();
        assert_eq!(e.member(|_| Some("Other".into())), "Arjun", "the entry's own name first");
        e.net_points_on_event = Some(-299.5);
        assert_eq!(e.net_points(), Some(-299.5));
        // Points are written as the platform writes them.
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            (v["netPointsOnEvent"].as_str(), v["entryDetails"][0]["points"].as_str()),
            (Some("-299.500"), Some("300.000"))
        );
    }

    #[test]
    fn an_ignored_filter_is_noticed() {
        let q = LedgerQuery {
            dates: Some(("2026-10-01".into(), "2026-10-31".into())),
            entry_type: Some(LedgerEntryType::Credit),
            ..LedgerQuery::new(1)
        };
        let inside = entry("TransactionAdd", "CREDIT", 20.0, "2026-10-31");
        let answer = |entries| LedgerAnswer { ledger_entries: entries, ..LedgerAnswer::default() };
        assert!(!answer(vec![inside.clone()]).ignored_filter(&q));
        assert!(answer(vec![inside.clone(), entry("TransactionAdd", "CREDIT", 20.0, "2026-11-01")]).ignored_filter(&q));
        assert!(answer(vec![entry("PointsExpiry", "DEBIT", 20.0, "2026-10-15")]).ignored_filter(&q));
        assert!(!answer(vec![entry("PointsExpiry", "DEBIT", 20.0, "2026-10-15")]).ignored_filter(&LedgerQuery::new(1)));
        let a = LedgerAnswer {
            ledger_details: Some(LedgerDetails {
                page_number: Some(0),
                total_entries: Some(27),
                ..LedgerDetails::default()
            }),
            warnings: vec![ApiWarning { code: Some(11002), ..ApiWarning::default() }],
            ..answer(vec![inside])
        };
        assert_eq!(a.total(), 27);
        assert!(a.still_processing());
        assert!(!a.other_page(&q) && a.other_page(&q.at(1)));
    }

    #[test]
    fn every_documented_code_has_its_words() {
        let e = |code| ApiError::Api { status: 400, code: Some(code), message: String::new() };
        assert!(is_empty_page(&e(11003)) && !is_empty_page(&e(11002)));
        assert!(wants_smaller_pages(&e(11006)));
        assert_eq!(words(&e(11003)), "No entries match.");
        assert_eq!(words(&e(11010)), "Choose at most 60 days.");
        assert_eq!(words(&e(11002)), STILL_PROCESSING);
        assert_eq!(words(&e(9003)), "The ledger has no entries of this points type.");
        for c in [11006, 11029, 8013, 11013, 11007, 11008, 11012, 11028] {
            assert!(words(&e(c)).contains(&format!("code {c}")), "{c}");
        }
        assert_eq!(words(&e(11025)), e(11025).headline());
    }

    #[test]
    fn the_member_is_named_by_the_entry_then_the_members_list() {
        let mut t = entry("PointsTransfer", "CREDIT", 120.0, "2026-11-02");
        t.customer_id = Some(700100002);
        assert_eq!(t.member_id(), Some(700100002), "a transfer's positive customerId is the member");
        assert_eq!(t.member(|id| (id == 700100002).then(|| "Arjun Sharma".into())), "Arjun Sharma");
        t.customer_id = Some(-3920002);
        assert_eq!((t.member_id(), t.member(|_| Some("x".into())).as_str()), (None, "—"), "another group is no member");
        let mut expiry = entry("PointsExpiry", "DEBIT", 20.0, "2026-04-05");
        expiry.customer_id = Some(973);
        assert_eq!(expiry.member_id(), None, "an expiry's customerId is its program");
        expiry.customer_details = Some(LedgerCustomer { user_id: Some(Id(5)), ..LedgerCustomer::default() });
        assert_eq!(expiry.member_id(), Some(5));
    }

    #[test]
    fn kinds_and_notes_in_words() {
        let mut e = entry("AllocateGoodwillPoints", "CREDIT", 500.0, "2026-11-02");
        assert_eq!(e.kind_words(), "Credit");
        e.entry_details.push(EntryDetail { ledger_entry_type: "OPENING_BALANCE".into(), ..EntryDetail::default() });
        e.entry_details.push(EntryDetail { ledger_entry_type: "SOMETHING".into(), ..EntryDetail::default() });
        assert_eq!(e.kind_words(), "Credit, Opening balance, SOMETHING");
        assert_eq!(LedgerEntry::default().kind_words(), "—");
        assert_eq!(e.notes(), "");
        e.event_details = serde_json::json!({"eventDate": "2026-11-02 10:00:00.0", "reason": "  Late delivery "});
        assert_eq!(e.notes(), "Late delivery");
        e.event_details = serde_json::json!({"notes": "Joined the family wallet", "reason": ""});
        assert_eq!(e.notes(), "Joined the family wallet");
        // The docs' example: an expiry, a transfer, an opening balance.
        let a: LedgerAnswer =
            serde_json::from_str(include_str!("../../fixtures/points/ledger-response-group.json")).unwrap();
        let words: Vec<(&str, String)> = a.ledger_entries.iter().map(|e| (e.event(), e.kind_words())).collect();
        assert_eq!(words[0], ("Expired", "Debit".to_string()));
        assert_eq!(words[1], ("Transfer", "Credit".to_string()));
        assert_eq!(words[2].1, "Opening balance");
        assert_eq!(a.ledger_entries[1].member_id(), None, "the docs' transfer names another group");
    }

    #[test]
    fn the_export_names_members_and_neutralises_hostile_text() {
        let mut e = entry("AllocateGoodwillPoints", "CREDIT", 500.0, "2026-11-02");
        e.event_log_id = Some(7);
        e.store = "=HYPERLINK(\"x\")".into();
        e.event_details = serde_json::json!({"reason": "@SUM(A1)"});
        e.customer_details = Some(LedgerCustomer { user_id: Some(Id(1)), ..LedgerCustomer::default() });
        let mut debit = entry("PointsExpiry", "DEBIT", 20.5, "2026-04-05");
        debit.net_points_on_event = Some(-20.5);
        let csv = ledger_to_csv(&[e, debit], |_| Some("-Priya Sharma".into()));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "\u{feff}date,event,member,memberId,program,type,points,notes,store,eventLogId");
        assert_eq!(
            lines[1],
            "2026-11-02T10:00:00Z,Goodwill,'-Priya Sharma,1,DocDemoDefaultProgram,CREDIT,500,'@SUM(A1),\"'=HYPERLINK(\"\"x\"\")\",7"
        );
        assert_eq!(
            lines[2], "2026-04-05T10:00:00Z,Expired,,,DocDemoDefaultProgram,DEBIT,-20.5,,,",
            "a debit stays a number"
        );
        assert_eq!(lines[3], "");
    }

    fn page(entries: usize, total: Option<i64>) -> LedgerAnswer {
        LedgerAnswer {
            ledger_details: total.map(|t| LedgerDetails { total_entries: Some(t), ..LedgerDetails::default() }),
            ledger_entries: vec![entry("TransactionAdd", "CREDIT", 1.0, "2026-11-02"); entries],
            warnings: vec![],
        }
    }

    #[test]
    fn the_export_reads_a_hundred_a_page_until_the_end() {
        let shown = LedgerQuery { page: 3, entry_type: Some(LedgerEntryType::Credit), ..LedgerQuery::new(3920001) };
        let mut x = LedgerExport::new(&shown);
        assert_eq!(x.next(), Some(&LedgerQuery { page: 0, limit: 100, ..shown.clone() }), "from the first page");
        x.read(page(100, Some(250)));
        assert_eq!(x.next().map(|q| (q.page, q.limit)), Some((1, 100)));
        x.read(page(100, Some(250)));
        x.read(page(50, Some(250)));
        assert!(x.is_done() && x.next().is_none());
        assert_eq!(x.entries.len(), 250);
        assert_eq!(x.outcome(), "Saved 250 entries.");

        // Without a total, a short page is the last; an 11003 ends it too.
        let mut x = LedgerExport::new(&shown);
        x.read(page(100, None));
        assert!(!x.is_done());
        x.end();
        assert!(x.is_done());
        assert_eq!(x.outcome(), "Saved 100 entries.");
        let mut one = LedgerExport::new(&shown);
        one.read(page(1, None));
        assert_eq!(one.outcome(), "Saved 1 entry.");
    }

    #[test]
    fn the_export_stops_at_a_thousand_and_says_so() {
        let mut x = LedgerExport::new(&LedgerQuery::new(5000000));
        let mut asked = 0;
        while x.next().is_some() {
            x.read(page(100, Some(1503)));
            asked += 1;
        }
        assert_eq!((asked, x.entries.len()), (10, 1000));
        assert_eq!(x.outcome(), "Saved the newest 1,000 of 1,503 entries: an export holds at most 1,000.");
    }

    #[test]
    fn the_export_falls_back_to_ten_a_page_after_11006() {
        let mut x = LedgerExport::new(&LedgerQuery::new(1));
        assert!(x.smaller_pages());
        assert_eq!(x.next().map(|q| (q.page, q.limit)), Some((0, 10)));
        x.read(page(10, Some(25)));
        x.read(page(10, Some(25)));
        assert_eq!(x.next().map(|q| q.page), Some(2));
        assert!(!x.smaller_pages(), "already 10: the error is a real one");
        x.read(page(5, Some(25)));
        assert!(x.is_done());
        // Falling back after pages of 100 goes on where the export is.
        let mut y = LedgerExport::new(&LedgerQuery::new(1));
        y.read(page(100, Some(500)));
        assert!(y.smaller_pages());
        assert_eq!(y.next().map(|q| (q.page, q.limit)), Some((10, 10)));
    }

    #[test]
    fn the_export_says_when_the_filter_was_ignored_or_events_are_pending() {
        let shown = LedgerQuery { entry_type: Some(LedgerEntryType::Debit), ..LedgerQuery::new(1) };
        let mut x = LedgerExport::new(&shown);
        let mut a = page(3, Some(3));
        a.warnings = vec![ApiWarning { code: Some(11002), ..ApiWarning::default() }];
        x.read(a);
        assert!(x.is_done() && x.ignored_filter && x.still_processing);
        assert_eq!(x.outcome(), format!("Saved 3 entries. {FILTER_IGNORED} {STILL_PROCESSING}"));
    }
}
