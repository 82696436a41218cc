//! A group's tier history and transactions against the emulator: paging, filters, order,
//! and the 30,000-member group's 90,000 transactions answered a page at a time.

mod common;

use std::time::Instant;

use common::{code, start, Api};
use serde_json::{json, Value};

const SLABS: &str = "/v2/userGroup2/slabHistory";
const TXNS: &str = "/v2/userGroup2/transactions";

fn data(body: &Value) -> &Vec<Value> {
    body["data"].as_array().unwrap()
}

fn field<'a>(body: &'a Value, name: &str) -> Vec<&'a Value> {
    data(body).iter().map(|e| &e[name]).collect()
}

#[tokio::test]
async fn tier_history_pages_newest_first() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, first) = api.get(&format!("{SLABS}?fleetGroupId=5000000")).await;
    assert_eq!(status, 200);
    assert_eq!(first["pagination"], json!({"limit": 20, "offset": 0, "total": 32}));
    assert_eq!(data(&first).len(), 20);
    let when: Vec<&str> = field(&first, "changedOn").iter().map(|v| v.as_str().unwrap()).collect();
    assert!(when.windows(2).all(|w| w[0] > w[1]), "newest first: {when:?}");
    let e = &data(&first)[0];
    for key in ["fromSlabNumber", "toSlabNumber", "from", "to", "notes", "tillId", "store", "type", "programId"] {
        assert!(e.get(key).is_some(), "{key} missing in {e}");
    }
    assert_eq!(e["to"], "Diamond", "the newest entry ends in the GET's current tier");
    let (_, rest) = api.get(&format!("{SLABS}?fleetGroupId=5000000&pageSize=10&offset=30")).await;
    assert_eq!(data(&rest).len(), 2);
    assert_eq!(rest["pagination"], json!({"limit": 10, "offset": 30, "total": 32}));
    // Each entry starts where the older one ended.
    let (_, all) = api.get(&format!("{SLABS}?fleetGroupId=5000000&pageSize=100")).await;
    let list = data(&all);
    assert!(list.windows(2).all(|w| w[0]["fromSlabNumber"] == w[1]["toSlabNumber"]));
}

#[tokio::test]
async fn tier_history_dates_start_inclusive_end_exclusive() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, all) = api.get(&format!("{SLABS}?fleetGroupId=3920001&pageSize=100")).await;
    let days: Vec<String> = field(&all, "changedOn").iter().map(|v| v.as_str().unwrap()[..10].to_string()).collect();
    assert_eq!(days.len(), 10);
    // From the third newest day to the newest day: the newest is excluded, the third included.
    let (_, some) = api.get(&format!("{SLABS}?fleetGroupId=3920001&startDate={}&endDate={}", days[2], days[0])).await;
    assert_eq!(field(&some, "changedOn").len(), 2);
    assert_eq!(some["pagination"]["total"], 2);
    assert_eq!(&some["data"][0]["changedOn"].as_str().unwrap()[..10], days[1]);
    let (status, _) = api.get(&format!("{SLABS}?fleetGroupId=3920001&startDate=soon")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn tier_history_of_an_unknown_group_is_1632() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.get(&format!("{SLABS}?fleetGroupId=999")).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.get(SLABS).await;
    assert_eq!((status, code(&b)), (400, 1635));
    // A created group has no history yet.
    let (_, created) = api.post("/v2/userGroup2", json!({"externalId": "fresh", "maxGroupSize": 3})).await;
    let (status, b) = api.get(&format!("{SLABS}?fleetGroupId={}", created["entity"])).await;
    assert_eq!((status, &b["data"], &b["pagination"]["total"]), (200, &json!([]), &json!(0)));
}

#[tokio::test]
async fn transactions_page_by_offset_and_limit_newest_first() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, page) = api.get(&format!("{TXNS}?id=3920001")).await;
    assert_eq!(status, 200);
    assert_eq!(data(&page).len(), 20, "limit defaults to 20");
    assert!(page.get("pagination").is_none(), "no pagination object, as the platform");
    let t = &data(&page)[0];
    assert_eq!(t["userGroup2"]["id"], 3920001);
    for key in ["id", "type", "customerId", "billDetails", "pointSummary", "autoUpdateTime"] {
        assert!(t.get(key).is_some(), "{key} missing in {t}");
    }
    assert!(t["billDetails"]["amount"].is_number() && t["pointSummary"]["issuedPoints"].is_number());
    let times = |b: &Value| -> Vec<String> {
        data(b).iter().map(|t| t["billDetails"]["billingTime"].as_str().unwrap().to_string()).collect()
    };
    assert!(times(&page).windows(2).all(|w| w[0] > w[1]));
    // The last page is the first short one: 40 transactions.
    let (_, last) = api.get(&format!("{TXNS}?id=3920001&offset=20&limit=20")).await;
    let (_, after) = api.get(&format!("{TXNS}?externalId=family_sharma&offset=40&limit=20")).await;
    assert_eq!((data(&last).len(), data(&after).len()), (20, 0));
    let (_, asc) = api.get(&format!("{TXNS}?id=3920001&order=ASC&limit=100")).await;
    let (_, desc) = api.get(&format!("{TXNS}?id=3920001&limit=100")).await;
    let mut reversed = times(&desc);
    reversed.reverse();
    assert_eq!(times(&asc), reversed);
    // limit ≤ 0 is 20, more than 100 is 100.
    let (_, zero) = api.get(&format!("{TXNS}?id=3920010&limit=0")).await;
    let (_, many) = api.get(&format!("{TXNS}?id=3920010&limit=500")).await;
    assert_eq!((data(&zero).len(), data(&many).len()), (20, 100));
}

#[tokio::test]
async fn transactions_filter_on_type_member_and_dates() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, returns) = api.get(&format!("{TXNS}?id=3920010&type=RETURN&limit=100")).await;
    assert_eq!(data(&returns).len(), 15, "one in ten of 150");
    assert!(field(&returns, "type").iter().all(|t| **t == "RETURN"));
    let (_, regular) = api.get(&format!("{TXNS}?id=3920010&type=REGULAR&limit=100&offset=100")).await;
    assert_eq!(data(&regular).len(), 35);
    let (_, mine) = api.get(&format!("{TXNS}?id=3920010&customerId=700900002&limit=100")).await;
    assert!(!data(&mine).is_empty() && field(&mine, "customerId").iter().all(|c| **c == 700900002));
    let (_, all) = api.get(&format!("{TXNS}?id=3920010&limit=100")).await;
    let days: Vec<String> =
        data(&all).iter().map(|t| t["billDetails"]["billingTime"].as_str().unwrap()[..10].to_string()).collect();
    let (start_day, end_day) = (&days[30], &days[10]);
    let (_, range) = api.get(&format!("{TXNS}?id=3920010&startDate={start_day}&endDate={end_day}&limit=100")).await;
    let got: Vec<String> =
        data(&range).iter().map(|t| t["billDetails"]["billingTime"].as_str().unwrap()[..10].to_string()).collect();
    assert!(!got.is_empty());
    assert!(got.iter().all(|d| d >= start_day && d < end_day), "{got:?}");
    assert!(got.contains(start_day) && !got.contains(end_day));
}

#[tokio::test]
async fn the_30000_member_groups_transactions_come_a_page_at_a_time() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let started = Instant::now();
    let res = api.raw(reqwest::Method::GET, &format!("{TXNS}?id=5000000&offset=45000&limit=20"), None).await;
    let text = res.text().await.unwrap();
    let elapsed = started.elapsed();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data(&body).len(), 20);
    assert!(text.len() < 40_000, "a page is small: {} bytes", text.len());
    assert!(elapsed.as_millis() < 2_000, "and fast: {elapsed:?}");
    // The 90,000th is the last.
    let (_, end) = api.get(&format!("{TXNS}?id=5000000&offset=89990&limit=20")).await;
    assert_eq!(data(&end).len(), 10);
    let (_, filtered) = api.get(&format!("{TXNS}?id=5000000&type=RETURN&offset=8990&limit=20")).await;
    assert_eq!(data(&filtered).len(), 10, "9,000 returns");
}

#[tokio::test]
async fn transactions_of_an_unknown_group_or_none_named() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, b) = api.get(&format!("{TXNS}?id=999")).await;
    assert_eq!((status, code(&b)), (400, 1632));
    let (status, b) = api.get(&format!("{TXNS}?type=REGULAR")).await;
    assert_eq!((status, code(&b)), (400, 1635));
    let (status, _) = api.get(&format!("{TXNS}?id=3920001&type=GIFT")).await;
    assert_eq!(status, 400);
}
