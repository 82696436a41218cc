//! A group's value in the emulator (issue 25): each new endpoint's shapes and codes, balances
//! that move once and agree with the ledger, goodwill's maker-checker, the manual issue's 207,
//! a lost transfer answer applied once, members' tiers, and the rewards of a reward group. The
//! requests are built and the answers read with the console's own types (gc_core).

mod common;

use common::{code, start, Api};
use gc_core::history::ledger::LedgerAnswer;
use gc_core::members::tiers::{match_plan, MemberLoyalty, TierAdjustQuery, TierAdjusted, TierAdjustment};
use gc_core::platform::read::Id;
use gc_core::points::goodwill::{Decided, DecisionAnswer, DecisionRequest, GoodwillInput, GoodwillRequest};
use gc_core::points::issue::{AllocateAnswer, AllocateItem, IssueEvent, IssueInput};
use gc_core::points::transfer::{Party, PointsTransfer, TransferAnswer, TransferCheckAnswer};
use gc_core::rewards::wire::{rewards_of, RewardsAnswer};
use gc_server::Running;
use serde_json::{json, Value};

const CHECK: &str = "/v2/points/userGroup2/isTransferrable";
const TRANSFER: &str = "/v2/points/userGroup2/transfer";
const SHARMA: u64 = 3_920_001;
const OKAFOR: u64 = 3_920_002;
const PRIYA: u64 = 700_100_001;
const ARJUN: u64 = 700_100_002;
const KAVYA: u64 = 700_100_003;

async fn points(s: &Running, group: u64) -> Value {
    let (status, b) = Api::control(&s.url()).get(&format!("/__emulator/points?group={group}")).await;
    assert_eq!(status, 200, "{b}");
    b
}

/// The group GET with its programs and expiry schedules, as the Points tab asks it.
async fn group_get(s: &Running, group: u64) -> (u16, Value) {
    Api::basic(s).get(&format!("/v2/userGroup2?id={group}&programDetails=true&expirySchedules=true")).await
}

/// The group's wallet in program 973, as its GET answers it: (loyalty, total available, lifetime).
async fn wallet(s: &Running, group: u64) -> (f64, f64, f64) {
    let (status, g) = group_get(s, group).await;
    assert_eq!(status, 200, "{g}");
    let p = g["pointsSummaries"].as_array().unwrap().iter().find(|p| p["programId"] == 973).unwrap().clone();
    (
        p["loyaltyPoints"].as_f64().unwrap(),
        p["totalAvailablePoints"].as_f64().unwrap(),
        p["lifetimePoints"].as_f64().unwrap(),
    )
}

/// A customer's program 973 as their customer GET with `embed=mlp` answers it.
async fn member(s: &Running, customer: u64) -> (f64, String, i64) {
    let (status, b) = Api::basic(s).get(&format!("/v2/customers/{customer}?source=INSTORE&embed=mlp")).await;
    assert_eq!(status, 200, "{b}");
    let m: MemberLoyalty = serde_json::from_value(b).unwrap();
    let p = m.program(973).expect("in the default program");
    (p.loyalty_points.unwrap(), p.current_slab.clone(), p.slab_s_no.unwrap())
}

/// Every group's ledger adds up to its wallet in each program.
fn assert_ledger_agrees(p: &Value) {
    for w in p["wallets"].as_array().unwrap() {
        let program = w["programId"].to_string();
        let sum = p["ledgerSums"][&program].as_f64().unwrap_or(0.0);
        assert!((sum - w["loyaltyPoints"].as_f64().unwrap()).abs() < 1e-6, "program {program}: ledger {sum} vs {w}");
    }
}

fn body<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

#[tokio::test]
async fn seeded_ledgers_add_up_to_the_seeded_wallets() {
    let s = start(&[]).await;
    for group in
        [3_918_893, SHARMA, OKAFOR, 3_920_004, 3_920_005, 3_920_006, 3_920_010, 3_930_001, 5_000_000, 6_666_666]
    {
        let p = points(&s, group).await;
        assert_ledger_agrees(&p);
        assert!(p["ledgerEntries"].as_u64().unwrap() > 0, "{group}");
    }
    let sharma = points(&s, SHARMA).await;
    assert!(sharma["ledgerEntries"].as_u64().unwrap() >= 25, "enough to page");
    assert!(points(&s, 5_000_000).await["ledgerEntries"].as_u64().unwrap() >= 1500, "a long ledger for the bench");
    // The docs' group keeps the docs' GET exactly (its summaries are not touched).
    let (_, g) = group_get(&s, 3_918_893).await;
    assert_eq!(g["pointsSummaries"][0]["lifetimePoints"], 54500.0);
    // The Sharma Family's summary agrees with its ledger: promised points are available, not redeemable.
    let (loyalty, total, _) = wallet(&s, SHARMA).await;
    assert_eq!((loyalty, total), (750.0, 900.0));
    // Secondaries on other tiers than their primary.
    assert_eq!(member(&s, PRIYA).await.1, "Gold");
    assert_eq!(member(&s, ARJUN).await.1, "Silver");
    assert_eq!(member(&s, KAVYA).await.1, "Platinum");
    let arjun = sharma["members"].as_array().unwrap().iter().find(|m| m["userId"] == ARJUN).unwrap();
    assert_eq!(arjun["pointsContributed"], 120.0);
}

#[tokio::test]
async fn a_member_gives_to_the_group_once_and_every_view_agrees() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let req =
        PointsTransfer::new(Party::Member(ARJUN), Party::Group(SHARMA), ARJUN, 973, 100, Some("Joined the wallet"));
    let before = points(&s, SHARMA).await;
    let (arjun_before, _, _) = member(&s, ARJUN).await;

    let (status, b) = api.post(CHECK, body(&req)).await;
    assert_eq!(status, 200, "{b}");
    let check: TransferCheckAnswer = serde_json::from_value(b).unwrap();
    assert!(check.agrees());
    assert_eq!(check.words(100), "The platform agrees: 100 points can move.");
    assert_eq!(points(&s, SHARMA).await, before, "the pre-check changes nothing");

    let (status, b) = api.post(TRANSFER, body(&req)).await;
    assert_eq!(status, 200, "{b}");
    let answer: TransferAnswer = serde_json::from_value(b).unwrap();
    let r = answer.record().unwrap();
    assert_eq!(
        (r.from_entity_type.as_str(), r.to_entity_type.as_str(), r.transfer_type.as_str()),
        ("CUSTOMER", "USERGROUP2", "DEDUCTION")
    );
    assert_eq!(
        (r.from_entity_id, r.to_entity_id, r.points_transferred),
        (Some(Id(ARJUN)), Some(Id(SHARMA)), Some(100.0))
    );
    assert!(r.transfer_id.is_some() && r.points_transfer_date.len() == 19, "{r:?}");
    assert_eq!(r.transferred_from.as_ref().unwrap().name(), "Arjun Sharma");
    assert_eq!(r.transferred_to_user_group2.as_ref().unwrap().group_name, "The Sharma Family");
    assert_eq!(r.points_transfer_breakup_by_earning_programs[0].program_current_points, Some(arjun_before - 100.0));
    assert_eq!(r.program_name, "DocDemoDefaultProgram");

    assert_eq!(wallet(&s, SHARMA).await.0, 850.0);
    assert_eq!(wallet(&s, SHARMA).await.1, 1000.0, "totalAvailablePoints moves too");
    assert_eq!(member(&s, ARJUN).await.0, arjun_before - 100.0);
    let after = points(&s, SHARMA).await;
    assert_eq!(after["ledgerEntries"], before["ledgerEntries"].as_u64().unwrap() + 1);
    assert_ledger_agrees(&after);
    // The ledger's newest entry names the member; the members list counts the contribution.
    let (_, l) = api.get("/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=3920001&source=INSTORE&limit=1").await;
    let l: LedgerAnswer = serde_json::from_value(l).unwrap();
    let e = &l.ledger_entries[0];
    assert_eq!((e.event(), e.net_points(), e.member(|_| None).as_str()), ("Transfer", Some(100.0), "Arjun Sharma"));
    assert_eq!(e.customer_id, Some(ARJUN as i64));
    let (_, m) = api.get("/v2/userGroup2/members?identifierName=id&identifierValue=3920001").await;
    let arjun = m["data"].as_array().unwrap().iter().find(|m| m["fleetUserId"] == ARJUN).unwrap();
    assert_eq!(arjun["pointsContributed"], 220.0);
}

#[tokio::test]
async fn a_group_gives_to_a_member_and_to_another_group_through_its_primary() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (arjun_before, _, _) = member(&s, ARJUN).await;
    let req = PointsTransfer::new(Party::Group(SHARMA), Party::Member(ARJUN), PRIYA, 973, 50, None);
    let (status, b) = api.post(TRANSFER, body(&req)).await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(wallet(&s, SHARMA).await.0, 700.0);
    assert_eq!(member(&s, ARJUN).await.0, arjun_before + 50.0);
    let p = points(&s, SHARMA).await;
    let arjun = p["members"].as_array().unwrap().iter().find(|m| m["userId"] == ARJUN).unwrap();
    assert_eq!(arjun["pointsContributed"], 70.0, "a member given points has contributed less");

    let okafor_before = wallet(&s, OKAFOR).await.0;
    let okafor_entries = points(&s, OKAFOR).await["ledgerEntries"].as_u64().unwrap();
    let req = PointsTransfer::new(Party::Group(SHARMA), Party::Group(OKAFOR), PRIYA, 973, 30, Some("Holiday"));
    let (status, b) = api.post(TRANSFER, body(&req)).await;
    assert_eq!(status, 200, "{b}");
    let r: TransferAnswer = serde_json::from_value(b).unwrap();
    let r = r.record().unwrap();
    assert!(
        r.transferred_from_user_group2.is_some() && r.transferred_to_user_group2.is_some(),
        "both groups described"
    );
    assert_eq!(wallet(&s, SHARMA).await.0, 670.0);
    assert_eq!(wallet(&s, OKAFOR).await.0, okafor_before + 30.0);
    let (sharma, okafor) = (points(&s, SHARMA).await, points(&s, OKAFOR).await);
    assert_ledger_agrees(&sharma);
    assert_ledger_agrees(&okafor);
    assert_eq!(okafor["ledgerEntries"], okafor_entries + 1);
    let newest = &sharma["newestLedgerEntries"][0];
    assert_eq!(
        (newest["event"].as_str(), newest["points"].as_f64(), newest["party"].as_i64()),
        (Some("PointsTransfer"), Some(-30.0), Some(-(OKAFOR as i64)))
    );
}

#[tokio::test]
async fn every_refusal_has_its_code_and_moves_nothing() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let before = (points(&s, SHARMA).await, points(&s, OKAFOR).await);
    let good = body(&PointsTransfer::new(Party::Group(SHARMA), Party::Group(OKAFOR), PRIYA, 973, 10, None));
    let with = |path: &str, v: Value| {
        let mut b = good.clone();
        let mut at = &mut b;
        let parts: Vec<&str> = path.split('.').collect();
        for p in &parts[..parts.len() - 1] {
            at = &mut at[*p];
        }
        at[parts[parts.len() - 1]] = v;
        b
    };
    let cases = [
        (with("fromEntity.type", json!("FAMILY")), 1208),
        (with("toEntity.type", json!(null)), 1208),
        (with("fromEntity.identifierValue", json!("")), 1206),
        (with("toEntity.identifierValue", json!(" ")), 1207),
        (with("fromEntity.identifierType", json!("nickname")), 434),
        (with("pointsTobeTransferred", json!(0)), 422),
        (with("pointsTobeTransferred", json!("many")), 422),
        (with("transferredBy.identifierValue", json!("priya")), 434),
        (with("transferredBy.identifierValue", json!("799999999")), 8015),
        (with("toEntity.identifierValue", json!("3999999")), 1645),
        (with("programId", json!(12345)), 885),
        (with("toEntity.identifierValue", json!("3920005")), 889),
        (with("transferredBy.identifierValue", json!(KAVYA.to_string())), 830),
        (with("transferredBy.identifierValue", json!(ARJUN.to_string())), 830),
        (with("pointsTobeTransferred", json!(10.5)), 807),
        (with("pointsTobeTransferred", json!(751)), 889),
    ];
    for (req, want) in &cases {
        let (status, b) = api.post(TRANSFER, req.clone()).await;
        assert_eq!((status, code(&b)), (400, *want), "{req}: {b}");
    }
    assert_eq!(code(&api.post(TRANSFER, with("fromEntity.identifierType", json!("nickname"))).await.1), 434);
    let (_, b) = api.post(TRANSFER, with("fromEntity.identifierType", json!("nickname"))).await;
    assert_eq!(b["errors"][0]["message"], "Invalid fromEntity.identifierType set in the request payload");
    // A member gives only for themself.
    let other = body(&PointsTransfer::new(Party::Member(ARJUN), Party::Group(SHARMA), PRIYA, 973, 10, None));
    assert_eq!(code(&api.post(TRANSFER, other).await.1), 830);
    // From or to an inactive group.
    let from_inactive =
        body(&PointsTransfer::new(Party::Group(3_920_005), Party::Group(SHARMA), 700_600_002, 973, 1, None));
    assert_eq!(code(&api.post(TRANSFER, from_inactive).await.1), 889);
    // Not enough points: the pre-check says so without an error, the transfer refuses.
    let (status, b) = api.post(CHECK, with("pointsTobeTransferred", json!(751))).await;
    assert_eq!(status, 200, "{b}");
    let check: TransferCheckAnswer = serde_json::from_value(b).unwrap();
    assert!(!check.agrees());
    // The pre-check refuses as the transfer does.
    assert_eq!(code(&api.post(CHECK, with("programId", json!(12345))).await.1), 885);
    assert_eq!((points(&s, SHARMA).await, points(&s, OKAFOR).await), before, "nothing moved");
}

#[tokio::test]
async fn a_lost_transfer_answer_moves_the_points_once() {
    let s = start(&["--hang-secs", "1"]).await;
    // Priya holds 500: enough for the three attempts below.
    let req = body(&PointsTransfer::new(Party::Member(PRIYA), Party::Group(SHARMA), PRIYA, 973, 100, None));
    for (n, kind) in ["reset", "hang"].into_iter().enumerate() {
        let fault = json!({"kind": kind, "afterHandler": true, "method": "POST", "path": TRANSFER});
        let (status, b) = Api::control(&s.url()).post("/__emulator/faults", fault).await;
        assert_eq!(status, 200, "{b}");
        let entries = points(&s, SHARMA).await["ledgerEntries"].as_u64().unwrap();
        let lost = reqwest::Client::new()
            .post(format!("{}{TRANSFER}", s.url()))
            .header("Authorization", common::demo_basic())
            .header("Content-Type", "application/json")
            .body(req.to_string())
            .timeout(std::time::Duration::from_secs(30))
            .send()
            .await;
        assert!(lost.is_err(), "{kind}: no answer");
        let p = points(&s, SHARMA).await;
        assert_eq!(wallet(&s, SHARMA).await.0, 750.0 + 100.0 * (n + 1) as f64, "{kind}: moved once");
        assert_eq!(p["ledgerEntries"], entries + 1, "{kind}: one ledger entry");
        assert_ledger_agrees(&p);
    }
    // A cut answer: moved once too.
    let (status, _) =
        Api::control(&s.url()).post("/__emulator/faults", json!({"kind": "truncated", "path": TRANSFER})).await;
    assert_eq!(status, 200);
    let (status, cut) = Api::basic(&s).post(TRANSFER, req).await;
    assert!(status == 200 && cut.as_str().is_some_and(|c| c.starts_with("{\"data\"")), "{cut}");
    assert_eq!(wallet(&s, SHARMA).await.0, 1050.0);
    assert_eq!(member(&s, PRIYA).await.0, 200.0, "taken from Priya once per attempt");
    // afterHandler goes with reset or hang only.
    let (status, _) =
        Api::control(&s.url()).post("/__emulator/faults", json!({"kind": "html500", "afterHandler": true})).await;
    assert_eq!(status, 400);
}

async fn oauth(s: &Running) -> Api {
    let (status, t) =
        Api::at(&s.url()).post("/v3/oauth/token/generate", json!({"key": "demo-key", "secret": "demo-secret"})).await;
    assert_eq!(status, 200, "{t}");
    Api::with_header(s, "X-CAP-API-OAUTH-TOKEN", t["data"]["accessToken"].as_str().unwrap())
}

async fn decide(api: &Api, path: &str, id: u64, points: u32) -> (Decided, Value) {
    let (status, b) = api.post(path, body(&DecisionRequest::goodwill(Id(id), points, "Checked"))).await;
    assert_eq!(status, 200, "{b}");
    let a: DecisionAnswer = serde_json::from_value(b.clone()).unwrap();
    (a.outcome(Id(id)), b)
}

#[tokio::test]
async fn goodwill_is_asked_then_approved_by_another_user_and_credits_the_group_once() {
    let s = start(&[]).await;
    let basic = Api::basic(&s);
    let input = GoodwillInput { program_id: 973, points: 500, reason: "Late delivery".into(), comments: None };
    let (status, b) = basic.post("/v2/requests", body(&GoodwillRequest::new(SHARMA, &input, "7F3A19C2"))).await;
    assert_eq!(status, 200, "{b}");
    let id = b["createdId"].as_u64().unwrap();
    assert!(id > 13_044_652, "after the seeded requests: {id}");
    let (loyalty, total, lifetime) = wallet(&s, SHARMA).await;
    assert_eq!(loyalty, 750.0, "a request credits nothing");

    // The maker may not approve.
    let (out, _) = decide(&basic, "/v1.1/request/approve", id, 500).await;
    assert_eq!(
        out,
        Decided::Refused { code: Some(9056), message: "The same user cannot add and approve a request".into() }
    );
    assert_eq!(wallet(&s, SHARMA).await.0, 750.0);

    let checker = oauth(&s).await;
    let (out, b) = decide(&checker, "/v1.1/request/approve", id, 500).await;
    assert_eq!(out, Decided::Done { status: "APPROVED".into(), approved: Some(500.0) }, "{b}");
    assert_eq!(b["response"]["status"]["success"], "true", "booleans as text");
    assert_eq!(wallet(&s, SHARMA).await, (loyalty + 500.0, total + 500.0, lifetime + 500.0));
    let p = points(&s, SHARMA).await;
    assert_ledger_agrees(&p);
    let newest = &p["newestLedgerEntries"][0];
    assert_eq!(
        (newest["event"].as_str(), newest["points"].as_f64(), newest["reason"].as_str()),
        (Some("AllocateGoodwillPoints"), Some(500.0), Some("Late delivery"))
    );
    let (_, l) = basic.get("/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=3920001&source=INSTORE&limit=1").await;
    assert_eq!(l["ledgerEntries"][0]["eventDetails"]["reason"], "Late delivery");

    // Decided once.
    let (out, b) = decide(&checker, "/v1.1/request/approve", id, 500).await;
    assert!(out.decided_elsewhere(), "{b}");
    assert_eq!(b["response"]["status"]["code"], 201);
    assert_eq!(wallet(&s, SHARMA).await.0, loyalty + 500.0);

    // The seeded requests were made by another user: the demo's own Basic decides them.
    let seeded = p["goodwill"].as_array().unwrap();
    assert_eq!(seeded.iter().filter(|g| g["status"] == "PENDING" && g["maker"] == "basic:member.care").count(), 2);
    let (out, _) = decide(&basic, "/v1.1/request/approve", 13_044_649, 500).await;
    assert_eq!(out, Decided::Done { status: "APPROVED".into(), approved: Some(500.0) });
    let (out, _) = decide(&basic, "/v1.1/request/reject", 13_044_650, 250).await;
    assert_eq!(out.words(), "Rejected.");
    assert_eq!(wallet(&s, SHARMA).await.0, loyalty + 1000.0, "a rejection credits nothing");
    assert_eq!(
        decide(&basic, "/v1.1/request/approve", 13_044_651, 100).await.0.words(),
        "This request was already approved or rejected."
    );
    let (out, _) = decide(&basic, "/v1.1/request/approve", 99, 1).await;
    assert_eq!(out.words(), "The platform has no such request.");
}

#[tokio::test]
async fn goodwill_refusals_have_their_codes() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let input = GoodwillInput { program_id: 973, points: 5, reason: "r".into(), comments: None };
    let good = body(&GoodwillRequest::new(SHARMA, &input, "00000001"));
    let with = |k: &str, v: Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    for (req, want) in [
        (with("type", json!("COUPON")), 9006),
        (with("baseType", json!("TIER")), 9008),
        (with("earningEntityType", json!("CUSTOMER")), 93026),
        (with("userGroup2IdentificationInfo", json!({"identifierType": "id", "identifierValue": 3920005})), 93026),
        (with("userGroup2IdentificationInfo", json!({})), 400),
        (with("programId", json!(983)), 1101),
        (with("goodwillRequest", json!({"points": 0, "reason": "r"})), 400),
    ] {
        let (status, b) = api.post("/v2/requests", req.clone()).await;
        assert_eq!((status, code(&b)), (400, want), "{req}: {b}");
    }
}

async fn first_bill(api: &Api, group: u64) -> (String, f64) {
    let (_, t) = api.get(&format!("/v2/userGroup2/transactions?id={group}&limit=1")).await;
    let t = &t["data"][0];
    (t["id"].to_string(), t["billDetails"]["amount"].as_f64().unwrap())
}

#[tokio::test]
async fn a_manual_issue_credits_the_group_and_a_repeat_is_refused_item_by_item() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (bill, amount) = first_bill(&api, SHARMA).await;
    let input = IssueInput {
        org_id: 100_737,
        program_id: 973,
        award_strategy_id: 111_523,
        expiry_strategy_id: 111_581,
        event: IssueEvent::Bill { transaction_id: bill.clone(), bill_number: String::new() },
        source_value: amount,
    };
    let item = AllocateItem::for_group(SHARMA, &input, "gc-3920001-0001");
    let issued = (amount / 10.0).floor();
    let (loyalty, _, lifetime) = wallet(&s, SHARMA).await;
    let (status, b) = api.post("/v2/customers/bulk/manualCurrencyAllocate", json!([item])).await;
    assert_eq!(status, 200, "{b}");
    let a: AllocateAnswer = serde_json::from_value(b).unwrap();
    assert_eq!((a.total, a.success, a.failures), (Some(1), Some(1), Some(0)));
    assert_eq!(a.data[0].points(), issued);
    assert_eq!(a.data[0].side_effects[0].entity_type, "USERGROUP2");
    assert_eq!(wallet(&s, SHARMA).await, (loyalty + issued, 900.0 + issued, lifetime + issued));
    let (_, l) = api.get("/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=3920001&source=INSTORE&limit=1").await;
    let l: LedgerAnswer = serde_json::from_value(l).unwrap();
    let e = &l.ledger_entries[0];
    assert_eq!((e.event(), e.net_points()), ("Manual issue", Some(issued)));
    assert_eq!(e.transaction_details.transaction_id.map(|i| i.to_string()), Some(bill.clone()));
    assert_eq!(Some(e.event_log_id.unwrap()), a.data[0].event_log_id);

    // The same uniqueId again, with a bill the group does not have: 207, one by one.
    let unknown = AllocateItem { event_source_id: "42".into(), unique_id: "gc-3920001-0002".into(), ..item.clone() };
    let (status, b) = api.post("/v2/customers/bulk/manualCurrencyAllocate", json!([item, unknown])).await;
    assert_eq!(status, 207, "{b}");
    let a: AllocateAnswer = serde_json::from_value(b).unwrap();
    assert_eq!((a.success, a.failures), (Some(0), Some(2)));
    assert!(a.data[0].already_issued() && a.data[0].http_status == Some(409));
    assert_eq!(a.data[1].errors[0].code, Some(8139));
    assert_eq!(wallet(&s, SHARMA).await.0, loyalty + issued, "nothing more issued");

    // A target with the fixed award, and the strategies' and events' refusals.
    let target = IssueInput {
        award_strategy_id: 111_524,
        event: IssueEvent::Target { achieved_id: "77".into() },
        source_value: -1.0,
        ..input
    };
    let t = AllocateItem::for_group(SHARMA, &target, "gc-3920001-0003");
    let odd = |f: fn(&mut AllocateItem)| {
        let mut i = AllocateItem { unique_id: String::new(), ..t.clone() };
        f(&mut i);
        i
    };
    let (status, b) = api
        .post(
            "/v2/customers/bulk/manualCurrencyAllocate",
            json!([
                t,
                odd(|i| i.award_strategy_id = Some(1)),
                odd(|i| i.expiry_strategy_id = Some(1)),
                odd(|i| i.event_name = "Birthday".into()),
                odd(|i| i.program_id = Some(12345)),
                odd(|i| i.lookup_params.group_id = Some(Id(3_920_005)))
            ]),
        )
        .await;
    assert_eq!(status, 207, "{b}");
    let a: AllocateAnswer = serde_json::from_value(b).unwrap();
    assert_eq!(a.data[0].points(), 500.0);
    let words: Vec<String> = a.data[1..].iter().map(|r| r.words("x")).collect();
    assert_eq!(
        words,
        [
            "Not issued: The platform has no such award strategy.",
            "Not issued: The platform has no such expiry strategy.",
            "Not issued: This event cannot carry a manual issue.",
            "Not issued: The platform does not know this program.",
            "Not issued: Something named in the request was not found: User group not found for the given groupId",
        ]
    );
    assert_eq!(wallet(&s, SHARMA).await.0, loyalty + issued + 500.0);
    assert_ledger_agrees(&points(&s, SHARMA).await);
    for bad in [json!({}), json!([]), json!(vec![json!({}); 11])] {
        let (status, b) = api.post("/v2/customers/bulk/manualCurrencyAllocate", bad).await;
        assert_eq!((status, code(&b)), (400, 400), "{b}");
    }
}

const LEDGER: &str =
    "/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=3920001&source=INSTORE";

#[tokio::test]
async fn the_ledger_pages_filters_and_refuses_with_its_codes() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.get(&format!("{LEDGER}&offset=0&limit=10")).await;
    assert_eq!(status, 200, "{b}");
    assert_eq!(
        b["ledgerEntries"][0]["entryDetails"][0]["points"].as_str().map(|p| p.ends_with(".000")),
        Some(true),
        "points as text"
    );
    let first: LedgerAnswer = serde_json::from_value(b).unwrap();
    let total = first.total();
    assert_eq!(first.ledger_entries.len(), 10);
    assert_eq!(total, points(&s, SHARMA).await["ledgerEntries"].as_u64().unwrap());
    let details = first.ledger_details.as_ref().unwrap();
    assert_eq!((details.page_number, details.page_count), (Some(0), Some(total.div_ceil(10) as i64)));
    let dates: Vec<&str> = first.ledger_entries.iter().map(|e| e.date()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    // The last page, then past it.
    let last = total.div_ceil(10) - 1;
    let (_, b) = api.get(&format!("{LEDGER}&offset={last}&limit=10")).await;
    let l: LedgerAnswer = serde_json::from_value(b).unwrap();
    assert_eq!(l.ledger_entries.len() as u64, total - last * 10);
    assert_eq!(l.ledger_entries.last().unwrap().event(), "Group created", "the oldest is the opening balance");
    assert_eq!(code(&api.get(&format!("{LEDGER}&offset={}&limit=10", last + 1)).await.1), 11003);
    let (_, b) = api.get(&format!("{LEDGER}&order=ASC&limit=1")).await;
    assert_eq!(b["ledgerEntries"][0]["eventName"], "UserGroup2Create");
    // Filters: type, and dates within 60 days.
    let (_, b) = api.get(&format!("{LEDGER}&limit=100&ledgerEntryType=DEBIT")).await;
    let debits: LedgerAnswer = serde_json::from_value(b).unwrap();
    assert!(!debits.ledger_entries.is_empty() && debits.ledger_entries.iter().all(|e| e.kinds() == ["DEBIT"]));
    let q = "&limit=100&isFilterBasedOnDate=true&startDate=2026-10-01T00:00:00&endDate=2026-11-29T23:59:59";
    let (_, b) = api.get(&format!("{LEDGER}{q}")).await;
    let window: LedgerAnswer = serde_json::from_value(b).unwrap();
    assert!(!window.ledger_entries.is_empty());
    assert!(window.ledger_entries.iter().all(|e| ("2026-10-01".."2026-11-30").contains(&&e.date()[..10])));
    for (q, want) in [
        ("&isFilterBasedOnDate=true&startDate=2026-01-01T00:00:00&endDate=2026-03-03T23:59:59", 11010),
        ("&limit=101", 11029),
        ("&ledgerEntryType=EVERYTHING", 11007),
    ] {
        assert_eq!(code(&api.get(&format!("{LEDGER}{q}")).await.1), want, "{q}");
    }
    let (_, b) = api
        .get("/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=3920001")
        .await;
    assert_eq!(code(&b), 11013);
    let (_, b) = api.get("/v2/pointsLedger/getCustomerLedgerInfo?type=USERGROUP2&identifierName=id&identifierValue=3999999&source=INSTORE").await;
    assert_eq!(code(&b), 8013);
}

#[tokio::test]
async fn trackers_promised_points_and_the_expiry_schedule() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api
        .get(
            "/v2/customers/userEntityTrackers?type=USERGROUP2&identifierType=id&identifierValue=3920001&source=INSTORE",
        )
        .await;
    assert_eq!(status, 200, "{b}");
    let t: gc_core::points::schedules::TrackersAnswer = serde_json::from_value(b).unwrap();
    let kinds: Vec<&str> = t.data.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, ["BILL_AMOUNT", "BILL_TOTAL_QTY", "CUSTOMER_VISITS"]);
    assert!(t.data.iter().all(|t| t.value.unwrap() > 0.0));
    let (_, b) =
        api.get("/v2/customers/userEntityTrackers?type=FLEETS&identifierType=id&identifierValue=3920001").await;
    assert_eq!(code(&b), 1647);
    let (_, b) =
        api.get("/v2/customers/userEntityTrackers?type=USERGROUP2&identifierType=id&identifierValue=3999999").await;
    assert_eq!(code(&b), 1645);
    // A created group has none.
    let (_, g) =
        api.post("/v2/userGroup2", json!({"groupName": "Fresh", "externalId": "fresh_one", "maxGroupSize": 3})).await;
    let fresh = g["entity"].as_u64().unwrap();
    let (_, b) = api
        .get(&format!("/v2/customers/userEntityTrackers?type=USERGROUP2&identifierType=id&identifierValue={fresh}"))
        .await;
    assert_eq!(b["data"], json!([]));

    let (status, b) = api.get("/v2/userGroup2/promisedPointsSchedule?primaryUserId=700100001&getDataForAllPrograms=true&startDate=2026-12-06&endDate=2027-12-06").await;
    assert_eq!(status, 200, "{b}");
    let p: gc_core::points::schedules::PromisedPoints = serde_json::from_value(b).unwrap();
    assert_eq!((p.entity_id, p.entity_type.as_str()), (Some(-(SHARMA as i64)), "USERGROUP2"));
    assert_eq!(p.promised_points_schedule_list[0].points, Some(150.0));
    assert_eq!(p.trigger_based_points_list.len(), 1);
    let res =
        api.raw(reqwest::Method::GET, "/v2/userGroup2/promisedPointsSchedule?primaryUserId=790000001", None).await;
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(res.text().await.unwrap(), "{}", "the page's only documented error");

    let (status, b) =
        api.get("/v2/userGroup2/pointsExpirySchedule?externalId=family_sharma&getDataForAllPrograms=true").await;
    assert_eq!(status, 200, "{b}");
    let e: gc_core::points::schedules::ExpiryScheduleAnswer = serde_json::from_value(b).unwrap();
    let (_, g) = group_get(&s, SHARMA).await;
    let first = &g["expirySchedules"][0];
    let extra = e.extra_for(first["programId"].as_i64(), first["expiryDateISO"].as_str().unwrap());
    assert_eq!(extra, Some(("REGULAR", "EXPIRY_STRATEGY")));
    assert_eq!(code(&api.get("/v2/userGroup2/pointsExpirySchedule?externalId=nobody").await.1), 1632);
}

#[tokio::test]
async fn members_tiers_are_read_and_matched_to_the_primary_one_member_at_a_time() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let read = |customer: u64| {
        let api = &api;
        async move {
            let (_, b) = api.get(&format!("/v2/customers/{customer}?source=INSTORE&embed=mlp")).await;
            let m: MemberLoyalty = serde_json::from_value(b).unwrap();
            m.program(973).unwrap().clone()
        }
    };
    let (priya, arjun, kavya) = (read(PRIYA).await, read(ARJUN).await, read(KAVYA).await);
    let plan = match_plan(&priya, &[(ARJUN, "Arjun Sharma", Some(&arjun)), (KAVYA, "Kavya Sharma", Some(&kavya))]);
    for line in &plan {
        let req = TierAdjustment::match_primary(973, line).unwrap();
        let path =
            format!("/v2/slab/manualSlabAdjustment?{}", TierAdjustQuery::customer(line.member).to_query_string());
        let (status, b) = api.post(&path, body(&req)).await;
        assert_eq!(status, 200, "{b}");
        let done: TierAdjusted = serde_json::from_value(b).unwrap();
        assert!(
            done.words(&line.name).starts_with(&format!("{}: {} → Gold (until ", line.name, line.from)),
            "{}",
            done.words(&line.name)
        );
        assert_eq!(read(line.member).await.current_slab, "Gold");
    }
    // Again: nothing goes up (8925), in either direction.
    let path = format!("/v2/slab/manualSlabAdjustment?{}", TierAdjustQuery::customer(ARJUN).to_query_string());
    let up = json!({"programId": 973, "slabAction": "UPGRADE", "toSlabName": "Gold", "manualSlabActionValidity": "AS_PER_TIER_STRATEGY"});
    assert_eq!(code(&api.post(&path, up.clone()).await.1), 8925);
    let with = |k: &str, v: Value| {
        let mut b = up.clone();
        b[k] = v;
        b
    };
    for (req, want) in [
        (with("slabAction", json!("DOWNGRADE")), 8925),
        (with("toSlabName", json!("Emerald")), 8923),
        (with("slabAction", json!("")), 8917),
        (with("manualSlabActionValidity", json!("")), 8920),
        (
            json!({"programId": 973, "slabAction": "RENEWAL", "manualSlabActionValidity": "FIXED_DURATION", "manualSlabActionValidityUpto": "soon"}),
            8921,
        ),
        (with("programId", json!(5)), 1101),
    ] {
        assert_eq!(code(&api.post(&path, req.clone()).await.1), want, "{req}");
    }
    let (_, b) = api
        .post(
            "/v2/slab/manualSlabAdjustment?source=INSTORE&identifierName=id&identifierValue=3920001&type=USERGROUP2",
            up.clone(),
        )
        .await;
    assert_eq!(
        (code(&b), b["errors"][0]["message"].as_str()),
        (400, Some("Manual tier adjustments aren't available for user groups"))
    );
    let (_, b) = api
        .post(
            "/v2/slab/manualSlabAdjustment?source=INSTORE&identifierName=id&identifierValue=abc&type=CUSTOMER",
            up.clone(),
        )
        .await;
    assert_eq!(code(&b), 11030);
    let (_, b) = api
        .post(
            "/v2/slab/manualSlabAdjustment?source=INSTORE&identifierName=id&identifierValue=799999999&type=CUSTOMER",
            up,
        )
        .await;
    assert_eq!(code(&b), 8015);
    // The customer GET without embed=mlp has no programs.
    let (_, b) = api.get(&format!("/v2/customers/{ARJUN}?source=INSTORE")).await;
    assert!(b.get("loyaltyProgramDetails").is_none());
}

#[tokio::test]
async fn a_reward_groups_rewards_are_listed_by_rank_and_a_rename_unlinks_them() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for prefix in ["/api_gateway/rewards/core/v1", "/api_gateway/core/v1"] {
        let (status, b) =
            api.get(&format!("{prefix}/reward/list/brand/25?groupName=Family%20Movie%20Night&page=0&size=100")).await;
        assert_eq!(status, 200, "{b}");
        let a: RewardsAnswer = serde_json::from_value(b).unwrap();
        assert_eq!(a.status.as_ref().unwrap().code, Some(6101));
        let names: Vec<String> = rewards_of("Family Movie Night", a.reward_list).iter().map(|r| r.title()).collect();
        assert_eq!(names, ["Free Movie Ticket", "Popcorn Combo", "Streaming Month", "Drive-in Pass"]);
    }
    let (status, b) =
        api.get("/api_gateway/rewards/core/v1/reward/list/brand/1?groupName=Family%20Movie%20Night").await;
    assert_eq!((status, b["status"]["code"].as_i64()), (400, Some(3004)));

    // Renaming "Family Movie Night" (2389) unlinks its four rewards; the one also in "Kids Corner" stays there.
    let (status, b) = api.put("/api_gateway/rewards/core/v1/group/2389", json!({"name": "Family Film Night"})).await;
    assert_eq!(status, 200, "{b}");
    for name in ["Family%20Movie%20Night", "Family%20Film%20Night"] {
        let (_, b) = api.get(&format!("/api_gateway/rewards/core/v1/reward/list/brand/25?groupName={name}")).await;
        assert_eq!(b["rewardList"], json!([]), "{name}");
    }
    let (_, b) = api.get("/api_gateway/rewards/core/v1/reward/list/brand/25?groupName=Kids%20Corner").await;
    let kids: RewardsAnswer = serde_json::from_value(b).unwrap();
    assert!(kids.reward_list.iter().any(|r| r.name == "Free Movie Ticket"));
}

#[tokio::test]
async fn gaming_zone_holds_a_full_page_of_rewards_for_the_bench() {
    let s = start(&[]).await;
    let (status, b) =
        Api::basic(&s).get("/api_gateway/core/v1/reward/list/brand/25?groupName=Gaming%20Zone&page=0&size=100").await;
    assert_eq!(status, 200, "{b}");
    let a: RewardsAnswer = serde_json::from_value(b).unwrap();
    assert_eq!((a.reward_list.len(), a.paging_dto.as_ref().map(|p| p.last)), (100, Some(true)), "one full page");
    let ordered = rewards_of("Gaming Zone", a.reward_list);
    let ranks: Vec<Option<i64>> = ordered.iter().map(|r| r.rank_in("Gaming Zone")).collect();
    assert_eq!(ranks.iter().filter(|r| r.is_none()).count(), 10, "every tenth unranked");
    assert!(ranks[..90].windows(2).all(|w| w[0] < w[1]), "ranked first, by rank: {ranks:?}");
    assert!(ordered.iter().any(|r| r.is_in("Music Fans")), "some also in another group");
}

#[tokio::test]
async fn the_points_control_route_needs_its_header_and_a_known_group() {
    let s = start(&[]).await;
    let (status, _) = Api::at(&s.url()).get("/__emulator/points?group=3920001").await;
    assert_eq!(status, 403);
    let control = Api::control(&s.url());
    assert_eq!(control.get("/__emulator/points").await.0, 400);
    assert_eq!(control.get("/__emulator/points?group=3999999").await.0, 404);
    let p = points(&s, SHARMA).await;
    assert_eq!(
        (p["groupName"].as_str(), p["wallets"][0]["loyaltyPoints"].as_f64()),
        (Some("The Sharma Family"), Some(750.0))
    );
    assert_eq!(p["members"].as_array().unwrap().len(), 4);
    assert_eq!(p["goodwill"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn points_survive_a_restart_with_the_data_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let path = path.to_str().unwrap();
    let s = start(&["--data", path]).await;
    let req = PointsTransfer::new(Party::Member(ARJUN), Party::Group(SHARMA), ARJUN, 973, 100, None);
    assert_eq!(Api::basic(&s).post(TRANSFER, body(&req)).await.0, 200);
    let (arjun, _, _) = member(&s, ARJUN).await;
    let entries = points(&s, SHARMA).await["ledgerEntries"].clone();
    s.stop().await;
    let s = start(&["--data", path]).await;
    assert_eq!(wallet(&s, SHARMA).await.0, 850.0);
    assert_eq!(member(&s, ARJUN).await.0, arjun);
    assert_eq!(points(&s, SHARMA).await["ledgerEntries"], entries);
    // Ids go on from where they were.
    assert_eq!(Api::basic(&s).post(TRANSFER, body(&req)).await.0, 200);
    assert_eq!(points(&s, SHARMA).await["ledgerEntries"], entries.as_u64().unwrap() + 1);
}
