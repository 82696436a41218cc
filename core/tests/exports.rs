//! Every CSV export fed hostile cells: text that a spreadsheet would run as a formula comes out
//! with a leading `'`, while points, amounts, counts, codes and IDs stay plain numbers.

use gc_core::console::activity::ActivityEntry;

use gc_core::console::activity;
use gc_core::group::member_list::Member;
use gc_core::group::wire::CreateGroupRequest;
use gc_core::history::wire::{transactions_to_csv, Transaction};
use gc_core::import::{results_csv, Done, GroupLabel, ImportJob, PlanRow};
use gc_core::members::add::MemberLabel;
use gc_core::members::wire::{GroupMember, JoinItem};
use gc_core::platform::error::ApiError;
use gc_core::platform::read::{ApiWarning, Id};

const HOSTILE: [&str; 6] = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"];

/// The file's rows under its header, each a list of cells as a spreadsheet would read them.
fn rows(csv: &str) -> Vec<Vec<String>> {
    assert!(csv.starts_with('\u{feff}'), "a BOM, so spreadsheets read UTF-8");
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF line ends");
    let mut r = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    r.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

fn inert(h: &str) -> String {
    format!("'{h}")
}

#[test]
fn members_export() {
    let members: Vec<GroupMember> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, h)| {
            serde_json::from_value(serde_json::json!({
                "fleetUserId": 700 + i, "firstName": h, "mobile": h, "email": h, "joinedOn": h,
                "pointsContributed": -500, "identifiers": [{"type": "cardnumber", "value": h}]
            }))
            .unwrap()
        })
        .collect();
    for (i, (row, h)) in rows(&gc_core::members::list::to_csv(&members)).iter().zip(HOSTILE).enumerate() {
        assert_eq!(row[0], (700 + i).to_string(), "customerId stays a number");
        // The name is trimmed ("\tx" is "x"), what is left neutralised.
        let name = if h.trim() == h { inert(h) } else { h.trim().to_string() };
        assert_eq!(row[1], name);
        for col in [2, 3, 4, 6] {
            assert_eq!(row[col], inert(h), "column {col} of {row:?}");
        }
        assert_eq!(row[8], "-500", "points stay a number");
    }
}

#[test]
fn transactions_export() {
    let transactions: Vec<Transaction> = HOSTILE
        .iter()
        .map(|h| {
            serde_json::from_value(serde_json::json!({
                "type": h, "customerId": 42, "autoUpdateTime": h,
                "billDetails": {"amount": -500.0, "billNumber": h}, "pointSummary": {"issuedPoints": -2.5}
            }))
            .unwrap()
        })
        .collect();
    let out = rows(&transactions_to_csv(&transactions));
    assert_eq!(out.len(), HOSTILE.len());
    for (row, h) in out.iter().zip(HOSTILE) {
        assert_eq!([&row[0], &row[1], &row[3]], [&inert(h); 3], "date, type and bill number: {row:?}");
        assert_eq!(row[2..], ["42", &row[3], "-500", "-2.5"][..]);
    }
}

#[test]
fn activity_log_export() {
    let log: Vec<ActivityEntry> = HOSTILE
        .iter()
        .map(|h| ActivityEntry {
            at: 0.0,
            action: "Added members".into(),
            what: h.to_string(),
            outcome: h.to_string(),
            ok: false,
        })
        .collect();
    for (i, row) in rows(&activity::to_csv(&log, |_| HOSTILE[0].to_string())).iter().enumerate() {
        assert_eq!(
            row[..],
            [inert(HOSTILE[0]), "Added members".into(), inert(HOSTILE[i]), inert(HOSTILE[i]), "no".into()]
        );
    }
}

#[test]
fn group_import_results() {
    let plan: Vec<PlanRow<CreateGroupRequest>> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, h)| PlanRow {
            row: i as u64 + 2,
            label: GroupLabel { external_id: h.to_string(), group_name: h.to_string() },
            request: Some(CreateGroupRequest {
                external_id: h.to_string(),
                group_name: Some(h.to_string()),
                max_group_size: 3,
                extended_fields: Default::default(),
            }),
            problems: Vec::new(),
        })
        .collect();
    let mut job = ImportJob::new(1.0, "hostile.csv", plan, 1);
    for (i, h) in HOSTILE.iter().enumerate() {
        job.start_due(0.0);
        let warning = ApiWarning { status: None, code: None, message: h.to_string() };
        if i % 2 == 0 {
            job.answered(&[i], vec![Ok(Done { id: Some(9000 + i as u64), warnings: vec![warning] })], 0.0);
        } else {
            job.failed(&[i], &ApiError::Api { status: 400, code: Some(-1645), message: h.to_string() }, 0.0);
        }
    }
    let out = rows(&results_csv(&job));
    assert_eq!(out.len(), HOSTILE.len());
    for (i, (row, h)) in out.iter().zip(HOSTILE).enumerate() {
        assert_eq!(row[0], (i + 2).to_string(), "the row number stays a number");
        assert_eq!([&row[1], &row[2]], [&inert(h); 2], "the file's own cells: {row:?}");
        if i % 2 == 0 {
            assert_eq!([&row[3], &row[4], &row[5]], ["created", &(9000 + i).to_string(), ""]);
            assert_eq!(row[7], inert(h), "the platform's warning");
        } else {
            assert_eq!([&row[3], &row[4], &row[5]], ["failed", "", "-1645"], "a code stays a number, sign and all");
        }
    }
}

#[test]
fn add_members_results() {
    let plan: Vec<PlanRow<JoinItem>> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, h)| PlanRow {
            row: i as u64 + 1,
            label: MemberLabel { customer_id: h.to_string() },
            request: None,
            problems: vec!["Customer ID: not a number.".into()],
        })
        .collect();
    let job = ImportJob::new(1.0, "members.csv", plan, 1);
    for (i, (row, h)) in rows(&results_csv(&job)).iter().zip(HOSTILE).enumerate() {
        assert_eq!(row[..3], [(i + 1).to_string(), inert(h), "skipped".into()]);
    }
}

#[test]
fn members_table_export() {
    let members = vec![
        Member { user_id: Id(564662499), group_id: None, default_group: false, primary_member: false, active: false },
        Member { user_id: Id(u64::MAX), group_id: None, default_group: true, primary_member: true, active: true },
    ];
    let out = rows(&gc_core::members::record::to_csv(&members, &[0, 1]));
    assert_eq!(
        out,
        [["564662499", "Member", "No", "Exited"], [&u64::MAX.to_string(), "Primary member", "Yes", "Active"]]
    );
}
