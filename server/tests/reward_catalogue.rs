//! The reward-group catalogue against the emulator: list (paging, filters, sorting), get by
//! id and update, on both path prefixes.

mod common;

use common::{start, Api};
use serde_json::{json, Value};

const PREFIXES: [&str; 2] = ["/api_gateway/core/v1", "/api_gateway/rewards/core/v1"];
const LIST: &str = "/api_gateway/rewards/core/v1/group";

fn list_of(body: &Value) -> &Vec<Value> {
    body["groupRoList"].as_array().unwrap()
}

fn ids(body: &Value) -> Vec<i64> {
    list_of(body).iter().map(|g| g["id"].as_i64().unwrap()).collect()
}

fn rejected(body: &Value) -> (i64, &str) {
    (body["status"]["code"].as_i64().unwrap(), body["status"]["message"].as_str().unwrap())
}

#[tokio::test]
async fn the_list_pages_from_zero() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, first) = api.get(&format!("{LIST}?page=0&size=10")).await;
    assert_eq!(status, 200);
    assert_eq!(
        first["status"],
        json!({"success": true, "code": 12013, "message": "Get all groups fetched successfully"})
    );
    assert_eq!(list_of(&first).len(), 10);
    assert_eq!(
        first["pagingDto"],
        json!({"last": false, "totalElements": 25, "totalPages": 3, "numberOfElements": 10, "first": true, "size": 10, "number": 0})
    );
    let (_, last) = api.get(&format!("{LIST}?page=2&size=10")).await;
    assert_eq!(list_of(&last).len(), 5);
    assert_eq!((last["pagingDto"]["last"].as_bool(), last["pagingDto"]["first"].as_bool()), (Some(true), Some(false)));
    let (_, beyond) = api.get(&format!("{LIST}?page=3")).await;
    assert!(list_of(&beyond).is_empty());
    let (_, default) = api.get(LIST).await;
    assert_eq!((list_of(&default).len(), &default["pagingDto"]["size"]), (10, &json!(10)));
    // No group appears on two pages.
    let (_, middle) = api.get(&format!("{LIST}?page=1&size=10")).await;
    let mut all = [ids(&first), ids(&middle), ids(&last)].concat();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 25);
}

#[tokio::test]
async fn the_list_filters_on_state_and_part_of_the_name() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, inactive) = api.get(&format!("{LIST}?active=false&size=100")).await;
    assert_eq!(list_of(&inactive).len(), 5);
    assert!(list_of(&inactive).iter().all(|g| g["isActive"] == false));
    let (_, active) = api.get(&format!("{LIST}?active=true&size=100")).await;
    assert_eq!(active["pagingDto"]["totalElements"], 20);
    let (_, named) = api.get(&format!("{LIST}?name=CLUB")).await;
    assert_eq!(list_of(&named).iter().map(|g| g["name"].as_str().unwrap()).collect::<Vec<_>>(), ["Coffee Club"]);
    let (_, none) = api.get(&format!("{LIST}?name=nothing-like-this")).await;
    assert_eq!((list_of(&none).len(), &none["pagingDto"]["totalElements"]), (0, &json!(0)));
}

#[tokio::test]
async fn the_list_sorts_on_rank_with_missing_ranks_last_and_desc_reverses() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let ranks = |body: &Value| list_of(body).iter().map(|g| g["rank"].as_i64()).collect::<Vec<_>>();
    let (_, asc) = api.get(&format!("{LIST}?size=100")).await;
    let r = ranks(&asc);
    let ranked: Vec<i64> = r.iter().map_while(|x| *x).collect();
    assert!(ranked.windows(2).all(|w| w[0] <= w[1]), "{r:?}");
    assert!(r[ranked.len()..].iter().all(Option::is_none), "missing ranks last: {r:?}");
    assert!(r.iter().any(Option::is_none));
    let (_, desc) = api.get(&format!("{LIST}?size=100&sortOn=RANK&orderBy=DESC")).await;
    let mut reversed = ids(&asc);
    reversed.reverse();
    assert_eq!(ids(&desc), reversed);
}

#[tokio::test]
async fn the_list_sorts_on_last_update() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, asc) = api.get(&format!("{LIST}?size=100&sortOn=LAST_UPDATED_ON")).await;
    let when: Vec<i64> = list_of(&asc).iter().map(|g| g["lastUpdatedOn"].as_i64().unwrap()).collect();
    assert!(when.windows(2).all(|w| w[0] <= w[1]), "{when:?}");
    assert_ne!(
        ids(&asc),
        {
            let mut s = ids(&asc);
            s.sort();
            s
        },
        "not simply by id"
    );
    let (_, desc) = api.get(&format!("{LIST}?size=100&sortOn=LAST_UPDATED_ON&orderBy=DESC")).await;
    assert_eq!(list_of(&desc)[0]["lastUpdatedOn"].as_i64(), when.iter().max().copied());
}

#[tokio::test]
async fn both_prefixes_serve_the_same_catalogue() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, a) = api.get(&format!("{}/group?size=100", PREFIXES[0])).await;
    let (_, b) = api.get(&format!("{}/group?size=100", PREFIXES[1])).await;
    assert_eq!(a, b);
    let (status, _) = api.get(&format!("{LIST}?active=perhaps")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn get_by_id_is_the_bare_object_and_an_unknown_id_404() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for prefix in PREFIXES {
        let (status, g) = api.get(&format!("{prefix}/group/2401")).await;
        assert_eq!(status, 200);
        assert_eq!(
            (g["id"].as_i64(), g["name"].as_str(), g["rank"].as_i64()),
            (Some(2401), Some("Weekend Treats"), Some(1))
        );
        assert!(g.get("status").is_none(), "no wrapper");
        for id in ["9999", "abc"] {
            let (status, b) = api.get(&format!("{prefix}/group/{id}")).await;
            assert_eq!(
                (status, &b),
                (404, &json!({"status": {"success": false, "code": 404, "message": "Group not found"}}))
            );
        }
    }
}

#[tokio::test]
async fn update_changes_the_rank_and_keeps_the_name() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (_, before) = api.get(&format!("{LIST}/2402")).await;
    let (status, g) = api.put(&format!("{}/group/2402", PREFIXES[0]), json!({"name": "Travel Perks", "rank": 7})).await;
    assert_eq!(status, 200, "{g}");
    assert_eq!(
        (g["name"].as_str(), g["rank"].as_i64(), g["isActive"].as_bool()),
        (Some("Travel Perks"), Some(7), Some(true))
    );
    assert!(g["lastUpdatedOn"].as_i64() > before["lastUpdatedOn"].as_i64());
    assert_eq!(g["createdOn"], before["createdOn"]);
    let (_, read) = api.get(&format!("{LIST}/2402")).await;
    assert_eq!(read, g);
    // Omitted rank and state stay; isActive false disables.
    let (_, g) = api.put(&format!("{LIST}/2402"), json!({"name": " Travel Perks ", "isActive": false})).await;
    assert_eq!((g["rank"].as_i64(), g["isActive"].as_bool()), (Some(7), Some(false)));
    let (_, control) = Api::control(&s.url()).get("/__emulator/reward-groups").await;
    let entry = control.as_array().unwrap().iter().find(|g| g["id"] == 2402).unwrap();
    assert_eq!(entry["unlinkedByRename"], 0, "the same name is no rename");
}

#[tokio::test]
async fn a_rename_is_recorded_as_unlinking_the_rewards() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    let (status, g) = api.put(&format!("{LIST}/2403"), json!({"name": "Birthday Bonanza"})).await;
    assert_eq!((status, g["name"].as_str(), &g["rank"]), (200, Some("Birthday Bonanza"), &Value::Null));
    let (_, control) = Api::control(&s.url()).get("/__emulator/reward-groups").await;
    let entry = control.as_array().unwrap().iter().find(|g| g["id"] == 2403).unwrap();
    assert_eq!((entry["name"].as_str(), entry["unlinkedByRename"].as_i64()), (Some("Birthday Bonanza"), Some(1)));
    let (_, found) = api.get(&format!("{LIST}?name=bonanza")).await;
    assert_eq!(ids(&found), [2403]);
}

#[tokio::test]
async fn update_refusals_in_the_rewards_envelope() {
    let s = start(&[]).await;
    let api = Api::basic(&s);
    for prefix in PREFIXES {
        for body in [json!({"rank": 3}), json!({"name": null}), json!({"name": "  "})] {
            let (status, b) = api.put(&format!("{prefix}/group/2401"), body.clone()).await;
            assert_eq!((status, rejected(&b)), (400, (400, "Group name must not be null")), "{body}");
        }
        let (status, b) = api.put(&format!("{prefix}/group/2401"), json!({"name": "travel PERKS"})).await;
        assert_eq!((status, rejected(&b)), (400, (12012, "Group name must be unique")));
        let (status, b) = api.put(&format!("{prefix}/group/9999"), json!({"name": "Anything"})).await;
        assert_eq!((status, rejected(&b)), (404, (404, "Group not found")));
        let (status, _) = api.put(&format!("{prefix}/group/2401"), json!({"name": "Weekend Treats", "rank": 0})).await;
        assert_eq!(status, 400);
    }
    let (_, g) = api.get(&format!("{LIST}/2401")).await;
    assert_eq!((g["name"].as_str(), g["rank"].as_i64()), (Some("Weekend Treats"), Some(1)), "nothing changed");
}
