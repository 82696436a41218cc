//! Every error shape the console can meet, read by `error_from_response` (non-2xx) and
//! `parse_success` (2xx): the platform's envelopes, gateway pages, broken bodies, our proxy's
//! answers, and which form field each platform code belongs to.

use gc_core::group::wire::*;
use gc_core::platform::auth::TokenResponse;
use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::{envelope, error_from_response, parse_success, ApiError, Field};
use gc_core::platform::read::*;
use gc_core::rewards::wire::*;
use serde::de::DeserializeOwned;
use serde_json::json;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn api(status: u16, code: Option<i64>, message: &str) -> ApiError {
    ApiError::Api { status, code, message: message.into() }
}

// ------------------------------------------------------------------ envelopes

#[test]
fn v2_errors_array() {
    let e = error_from_response(400, r#"{"errors":[{"code":1633,"message":"Group ID exists","status":false}]}"#, None);
    assert_eq!(e, api(400, Some(1633), "Group ID exists"));
    assert_eq!(e.headline(), "A group with this external ID already exists.");
    assert_eq!(e.technical(), "HTTP 400 · code 1633 · Group ID exists");
    assert!(!e.is_transient() && !e.is_auth());
}

#[test]
fn v2_errors_array_the_first_error_speaks() {
    let body = r#"{"warnings": [], "errors": [{"code": "1639", "message": "too big"}, {"code": 1640, "message": "x"}], "success": false}"#;
    assert_eq!(error_from_response(400, body, None), api(400, Some(1639), "too big"));
    // Bare strings in the list are messages without a code.
    assert_eq!(
        error_from_response(400, r#"{"errors": ["Group name is invalid"]}"#, None),
        api(400, None, "Group name is invalid")
    );
}

#[test]
fn an_empty_errors_list_falls_back_to_the_other_fields() {
    let body = r#"{"warnings": [], "errors": [], "success": false, "message": "Invalid request"}"#;
    assert_eq!(error_from_response(400, body, None), api(400, None, "Invalid request"));
}

#[test]
fn message_only() {
    let e = error_from_response(400, r#"{"message": "Invalid input"}"#, None);
    assert_eq!(e, api(400, None, "Invalid input"));
    assert_eq!(e.headline(), "The platform refused the request: Invalid input");
    assert_eq!(e.api_message(), Some("Invalid input"));
}

#[test]
fn rewards_status_envelope() {
    let e = error_from_response(
        400,
        r#"{"status": {"success": false, "code": 12012, "message": "Group name must be unique"}}"#,
        None,
    );
    assert_eq!(e, api(400, Some(12012), "Group name must be unique"));
    assert_eq!(e.headline(), "A reward group with this name already exists.");
    assert_eq!(e.field(CallId::CreateRewardGroup), Some(Field::RewardName));
}

#[test]
fn empty_object_with_400_lets_the_status_speak() {
    let body = fixture("reward-create-response-400.json");
    let e = error_from_response(400, &body, None);
    assert_eq!(e, api(400, None, ""));
    assert_eq!(e.headline(), "The platform refused the request.");
    assert_eq!(e.technical(), "HTTP 400");
    assert_eq!(e.api_message(), None);
    assert_eq!(e.field(CallId::CreateRewardGroup), None, "names no field: an alert, not a message under Name");
}

#[test]
fn success_false_without_words() {
    assert_eq!(error_from_response(400, r#"{"success": false}"#, None), api(400, None, ""));
    let e = error_from_response(500, r#"{"success": false}"#, None);
    assert_eq!(e, api(500, None, ""));
    assert_eq!(e.headline(), "The platform had a problem and could not finish the request.");
    assert!(e.is_transient());
}

#[test]
fn json_that_is_not_an_object() {
    // A bare JSON string is the message; other scalars and lists carry no words.
    assert_eq!(
        error_from_response(400, r#""Group name must not be null""#, None),
        api(400, None, "Group name must not be null")
    );
    assert_eq!(error_from_response(400, "[1, 2]", None), api(400, None, ""));
    assert_eq!(error_from_response(500, "null", None), api(500, None, ""));
    assert_eq!(error_from_response(400, "42", None), api(400, None, ""));
}

#[test]
fn an_errors_object_instead_of_a_list_is_read_too() {
    assert_eq!(
        error_from_response(400, r#"{"errors": {"code": 1634, "message": "externalId null"}}"#, None),
        api(400, Some(1634), "externalId null")
    );
}

#[test]
fn codes_as_text_or_whole_floats() {
    assert_eq!(envelope(&json!({"errors": [{"code": " 1633 ", "message": "m"}]})), (Some(1633), "m".to_string()));
    assert_eq!(envelope(&json!({"errors": [{"code": 1633.0, "message": "m"}]})), (Some(1633), "m".to_string()));
    assert_eq!(envelope(&json!({"errors": [{"code": "abc", "message": 5}]})), (None, String::new()));
    assert_eq!(
        envelope(&json!({"code": 8015, "message": "customer not found"})),
        (Some(8015), "customer not found".to_string())
    );
}

// ------------------------------------------------------------------ bodies that are not JSON

#[test]
fn plain_text_is_not_json() {
    let e = error_from_response(500, "Internal Server Error", None);
    assert_eq!(e, ApiError::NotJson { status: 500, snippet: "Internal Server Error".into() });
    assert_eq!(e.headline(), "The server answered with a page instead of data (HTTP 500).");
    assert!(e.is_transient());
    assert_eq!(e.technical(), "HTTP 500 · body: Internal Server Error");
}

#[test]
fn an_html_error_page_is_not_json() {
    let page = "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body><h1>Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>\n";
    match error_from_response(500, page, None) {
        ApiError::NotJson { status: 500, snippet } => {
            assert_eq!(
                snippet,
                "500 Internal Server Error Internal Server Error The server encountered an internal error."
            )
        }
        other => panic!("{other:?}"),
    }
    // A 4xx page is not worth retrying; a 5xx one is.
    assert!(!error_from_response(404, "<html><body>Not Found</body></html>", None).is_transient());
    // Long pages are cut for the technical line.
    match error_from_response(502, &format!("<p>{}</p>", "word ".repeat(100)), None) {
        ApiError::NotJson { snippet, .. } => {
            assert!(snippet.ends_with('…') && snippet.chars().count() == 121, "{snippet}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_html_page_with_a_2xx_is_not_json_either() {
    assert!(matches!(
        parse_success::<GroupDetails>(200, "<html><body>Login</body></html>"),
        Err(ApiError::NotJson { status: 200, .. })
    ));
}

#[test]
fn an_empty_body() {
    // Non-2xx: no words, the status speaks.
    assert_eq!(error_from_response(500, "", None), api(500, None, ""));
    assert_eq!(error_from_response(400, " \n", None), api(400, None, ""));
    assert_eq!(error_from_response(404, "", None).headline(), "The platform has no such group or address (404).");
    // 2xx: nothing to read where an answer was due.
    let e = parse_success::<CreateGroupResponse>(200, "").unwrap_err();
    assert_eq!(e, ApiError::NotJson { status: 200, snippet: String::new() });
    assert_eq!(e.headline(), "The server answered with an empty body instead of data (HTTP 200).");
}

// ------------------------------------------------------------------ truncated

#[test]
fn half_a_valid_answer_is_truncated() {
    let body = fixture("get-response-3918893.json");
    let half = &body[..body.len() / 2];
    assert_eq!(parse_success::<GroupDetails>(200, half), Err(ApiError::Truncated { status: 200 }));
    assert_eq!(error_from_response(500, half, None), ApiError::Truncated { status: 500 });
    let e = ApiError::Truncated { status: 200 };
    assert!(e.headline().contains("broke off") && e.is_transient());
}

/// Cut at every character: whatever the cut, a prefix of a valid answer is "truncated",
/// never "not JSON" or "unreadable field".
fn every_cut_is_truncated<T: DeserializeOwned + std::fmt::Debug + 'static>(name: &str) {
    let body = fixture(name);
    let end = body.trim_end().len();
    for (cut, _) in body.char_indices().filter(|(i, _)| *i < end) {
        let part = &body[..cut];
        if part.trim().is_empty() {
            continue;
        }
        assert_eq!(
            parse_success::<T>(200, part).unwrap_err(),
            ApiError::Truncated { status: 200 },
            "{name} cut at {cut}: {part:?}"
        );
        assert_eq!(error_from_response(400, part, None), ApiError::Truncated { status: 400 }, "{name} cut at {cut}");
    }
}

#[test]
fn every_fixture_cut_anywhere_is_truncated() {
    every_cut_is_truncated::<GroupDetails>("get-response-3918893.json");
    every_cut_is_truncated::<UpdatedGroup>("update-response-3918893.json");
    every_cut_is_truncated::<UpdatedGroup>("update-response-3962909.json");
    every_cut_is_truncated::<CreateGroupResponse>("create-response-2361.json");
    every_cut_is_truncated::<RewardGroup>("reward-create-response.json");
    every_cut_is_truncated::<TokenResponse>("oauth-token-response.json");
}

#[test]
fn numbers_cut_after_a_sign_or_a_point_are_truncated() {
    for part in
        [r#"{"nextSlabSerialNumber": -"#, r#"{"loyaltyPoints": 54500."#, r#"{"loyaltyPoints": 5e"#, r#"{"active": tr"#]
    {
        assert_eq!(parse_success::<GroupDetails>(200, part), Err(ApiError::Truncated { status: 200 }), "{part}");
        assert_eq!(error_from_response(502, part, None), ApiError::Truncated { status: 502 }, "{part}");
    }
}

// ------------------------------------------------------------------ status-decided errors

#[test]
fn unauthorized_and_forbidden_are_auth() {
    let e = error_from_response(401, r#"{"errors":[{"code":401,"message":"Unauthorized"}]}"#, None);
    assert_eq!(e, ApiError::Auth { status: 401, code: Some(401), message: "Unauthorized".into() });
    assert!(e.is_auth() && !e.is_transient());
    assert_eq!(e.headline(), "The platform did not accept the credentials. Check them in Settings.");
    let e = error_from_response(403, "", None);
    assert_eq!(e, ApiError::Auth { status: 403, code: None, message: String::new() });
    assert!(e.headline().contains("User Group resource"));
    // A gateway's HTML page or a broken body: the status alone says it is about credentials.
    assert_eq!(
        error_from_response(401, "<html>Unauthorized</html>", None),
        ApiError::Auth { status: 401, code: None, message: String::new() }
    );
    assert_eq!(
        error_from_response(403, r#"{"message": "Forb"#, None),
        ApiError::Auth { status: 403, code: None, message: String::new() }
    );
    // Auth errors never land on a form field.
    assert_eq!(error_from_response(401, "{}", None).field(CallId::CreateRewardGroup), None);
}

#[test]
fn rate_limited_with_and_without_retry_after() {
    assert_eq!(error_from_response(429, "", Some("7")), ApiError::RateLimited { retry_after: Some(7) });
    assert_eq!(
        error_from_response(429, r#"{"message":"slow down"}"#, Some(" 30 ")),
        ApiError::RateLimited { retry_after: Some(30) }
    );
    assert_eq!(error_from_response(429, "", None), ApiError::RateLimited { retry_after: None });
    // An HTTP-date is not a number of seconds: said as "in a minute".
    let e = error_from_response(429, "", Some("Wed, 21 Oct 2015 07:28:00 GMT"));
    assert_eq!(e, ApiError::RateLimited { retry_after: None });
    assert!(e.headline().ends_with("Try again in a minute."));
    assert!(error_from_response(429, "", Some("7")).headline().ends_with("Try again in 7 s."));
    assert!(e.is_transient());
    assert_eq!(e.status(), Some(429));
}

#[test]
fn our_proxy_unreachable_and_timeout() {
    let e = error_from_response(502, r#"{"proxyError":"unreachable","message":"connect refused"}"#, None);
    assert_eq!(e, ApiError::ProxyUnreachable { status: 502, timeout: false });
    assert_eq!(e.headline(), "The platform could not be reached through the proxy.");
    assert!(e.is_transient());
    let e = error_from_response(504, r#"{"proxyError":"timeout","message":"no answer in 30 s"}"#, None);
    assert_eq!(e, ApiError::ProxyUnreachable { status: 504, timeout: true });
    assert_eq!(e.headline(), "The platform could not be reached through the proxy: it did not answer in time.");
    assert_eq!(e.technical(), "HTTP 504");
}

// ------------------------------------------------------------------ 2xx that is not a success

#[test]
fn a_2xx_that_does_not_fit_names_the_path() {
    let body = r#"{"id": 1, "pointsSummaries": [{"loyaltyPoints": "lots"}]}"#;
    let e = parse_success::<GroupDetails>(200, body).unwrap_err();
    match &e {
        ApiError::Unreadable { status: 200, path, reason } => {
            assert_eq!(path, "pointsSummaries[0].loyaltyPoints");
            assert!(reason.contains("lots"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        e.headline(),
        "The platform's answer could not be read: the field pointsSummaries[0].loyaltyPoints is not what the API documents."
    );
    // Deeper, and in a member list.
    let body = r#"{"id": 1, "fleetGroupUsers": [{"userId": 1}, {"userId": 2}, {"userId": [3]}]}"#;
    assert!(
        matches!(parse_success::<GroupDetails>(200, body), Err(ApiError::Unreadable { path, .. }) if path == "fleetGroupUsers[2].userId")
    );
    let body = r#"{"id": 2412, "rank": 1.5}"#;
    assert!(
        matches!(parse_success::<RewardGroup>(200, body), Err(ApiError::Unreadable { path, .. }) if path == "rank")
    );
    // A missing required field inside a list entry names the entry.
    let body = r#"{"id": 1, "fleetGroupUsers": [{"userId": 1}, {"active": true}]}"#;
    assert!(
        matches!(parse_success::<GroupDetails>(200, body), Err(ApiError::Unreadable { path, .. }) if path == "fleetGroupUsers[1]")
    );
    // The wrong kind of answer altogether.
    assert!(
        matches!(parse_success::<GroupDetails>(200, "[]"), Err(ApiError::Unreadable { path, .. }) if path == "(the whole answer)")
    );
}

#[test]
fn a_2xx_with_errors_is_the_platforms_error() {
    // Does not read as the type.
    let e = parse_success::<CreateGroupResponse>(200, r#"{"errors":[{"code":1633,"message":"Group ID exists"}]}"#)
        .unwrap_err();
    assert_eq!(e, api(200, Some(1633), "Group ID exists"));
    assert_eq!(e.field(CallId::CreateGroup), Some(Field::ExternalId));
    // Would read as the type (every field of the GET answer is optional): still an error.
    let body =
        r#"{"errors":[{"code":1632,"message":"Group ID, externalId or primary userId is not valid","status":false}]}"#;
    assert_eq!(parse_success::<GroupDetails>(200, body).unwrap_err().code(), Some(1632));
    assert_eq!(
        parse_success::<UpdatedGroup>(200, r#"{"id": 0, "errors": [{"code": 1643}]}"#).unwrap_err().code(),
        Some(1643)
    );
    assert_eq!(
        parse_success::<RewardGroup>(
            200,
            r#"{"status": {"success": false, "code": 12012, "message": "m"}, "errors": ["m"]}"#
        )
        .unwrap_err()
        .code(),
        None
    );
    assert_eq!(
        parse_success::<TokenResponse>(200, r#"{"data": null, "errors": [{"code": 401, "message": "bad key"}]}"#)
            .unwrap_err()
            .code(),
        Some(401)
    );
    // The rewards envelope with a 2xx would read as an empty reward group: it is an error.
    let body = r#"{"status": {"success": false, "code": 12012, "message": "Group name must be unique"}}"#;
    assert_eq!(
        parse_success::<RewardGroup>(200, body).unwrap_err(),
        api(200, Some(12012), "Group name must be unique")
    );
    // `success: false` with a 2xx is an error too.
    assert_eq!(
        parse_success::<GroupDetails>(200, r#"{"warnings": [], "errors": [], "success": false}"#).unwrap_err(),
        api(200, None, "")
    );
}

#[test]
fn a_2xx_with_empty_or_null_errors_is_a_success() {
    let g: GroupDetails = parse_success(200, r#"{"id": 5, "errors": [], "warnings": []}"#).unwrap();
    assert_eq!(g.id, Id(5));
    let t: TokenResponse = parse_success(200, &fixture("oauth-token-response.json")).unwrap();
    assert!(t.data.is_some());
    let r: CreateGroupResponse = parse_success(200, r#"{"entity": 9, "errors": null, "success": true}"#).unwrap();
    assert_eq!(r.entity, Id(9));
    let body = r#"{"id": 2412, "name": "g", "status": {"success": true, "code": 200, "message": "ok"}}"#;
    assert_eq!(parse_success::<RewardGroup>(200, body).unwrap().id, Id(2412));
    // "errors" inside the data (an extended field's name) is not the envelope's.
    let g: GroupDetails = parse_success(200, r#"{"id": 5, "extendedFields": {"errors": "none"}}"#).unwrap();
    assert_eq!(g.extended_fields["errors"], "none");
}

// ------------------------------------------------------------------ fields

#[test]
fn codes_land_on_their_form_fields() {
    for endpoint in [CallId::CreateGroup, CallId::UpdateGroup] {
        for code in [1633, 1634] {
            assert_eq!(api(400, Some(code), "").field(endpoint), Some(Field::ExternalId), "{code} {endpoint:?}");
        }
        for code in [1639, 1640] {
            assert_eq!(api(400, Some(code), "").field(endpoint), Some(Field::MaxGroupSize), "{code} {endpoint:?}");
        }
        for code in [1632, 1635, 1638, 1643, 12012, 8015] {
            assert_eq!(api(400, Some(code), "").field(endpoint), None, "{code} {endpoint:?}");
        }
        assert_eq!(api(400, None, "").field(endpoint), None);
    }
    let reward = CallId::CreateRewardGroup;
    assert_eq!(api(400, Some(12012), "Group name must be unique").field(reward), Some(Field::RewardName));
    assert_eq!(api(400, Some(400), "Group name must not be null").field(reward), Some(Field::RewardName));
    assert_eq!(api(400, None, "Group name must not be null").field(reward), Some(Field::RewardName));
    // `400 {}` names no field: an alert with the status and Retry, not a message under Name.
    assert_eq!(api(400, None, "").field(reward), None);
    assert_eq!(api(400, Some(400), "").field(reward), None);
    assert_eq!(api(400, None, "Rank must be positive").field(reward), None);
    assert_eq!(api(500, None, "").field(reward), None);
    for code in [1633, 1639] {
        assert_eq!(api(400, Some(code), "").field(reward), None);
        assert_eq!(api(400, Some(code), "").field(CallId::GetGroup), None);
    }
    // A look-up that finds nothing is about the value typed; any other failure is an alert.
    assert_eq!(api(400, Some(1632), "").field(CallId::GetGroup), Some(Field::LookupValue));
    assert_eq!(api(404, None, "").field(CallId::GetGroup), Some(Field::LookupValue));
    assert_eq!(api(500, None, "").field(CallId::GetGroup), None);
    // The search box's own refusals, and an unknown customer, are about what was typed.
    assert_eq!(api(400, Some(91015), "").field(CallId::SearchGroups), Some(Field::SearchText));
    assert_eq!(api(400, Some(91052), "").field(CallId::SearchGroups), Some(Field::SearchText));
    assert_eq!(api(500, None, "").field(CallId::SearchGroups), None);
    assert_eq!(api(400, Some(8015), "").field(CallId::Customer), Some(Field::CustomerValue));
    assert_eq!(api(400, Some(8015), "").field(CallId::JoinMembers), None);
    // Only the platform's refusals have a field: not a 401, a page, a 429.
    assert_eq!(
        ApiError::Auth { status: 401, code: Some(1633), message: String::new() }.field(CallId::CreateGroup),
        None
    );
    assert_eq!(ApiError::RateLimited { retry_after: None }.field(CallId::CreateGroup), None);
}

#[test]
fn the_headline_of_each_documented_code() {
    let h = |code| api(400, Some(code), "raw words").headline();
    assert_eq!(h(1632), "The platform does not know this group.");
    assert_eq!(h(1633), "A group with this external ID already exists.");
    assert_eq!(h(1634), "The external ID is missing.");
    assert_eq!(h(1638), "The group is full: it is at its maximum size.");
    assert_eq!(h(1639), "The maximum group size is above the org's limit.");
    assert_eq!(h(1640), "The maximum group size must be at least 1.");
    assert_eq!(h(1643), "There is nothing to update: no field changed.");
    assert_eq!(h(12012), "A reward group with this name already exists.");
    assert_eq!(h(8015), "The platform has no customer with these details.");
    // A code without words of its own shows the platform's.
    assert_eq!(h(1099), "The platform refused the request: raw words");
}

#[test]
fn not_found_is_1632_or_a_404() {
    assert!(api(400, Some(1632), "not valid").is_not_found());
    assert!(api(404, None, "").is_not_found());
    assert!(!api(400, Some(1633), "").is_not_found());
    assert!(!api(500, None, "").is_not_found());
    assert!(!ApiError::Timeout { secs: 3 }.is_not_found());
    assert!(!ApiError::Auth { status: 403, code: None, message: String::new() }.is_not_found());
}

#[test]
fn network_and_timeout_have_no_status() {
    let e = ApiError::Network { detail: "TypeError: Failed to fetch".into() };
    assert_eq!((e.status(), e.code()), (None, None));
    assert!(e.headline().contains("CORS") && e.is_transient());
    assert_eq!(e.technical(), "TypeError: Failed to fetch");
    let e = ApiError::Timeout { secs: 30 };
    assert_eq!(e.headline(), "The platform did not answer within 30 seconds.");
    assert_eq!(e.to_string(), e.headline());
}

// ------------------------------------------------------------------ group management

#[test]
fn the_headline_of_each_group_management_code() {
    let h = |code| api(400, Some(code), "raw words").headline();
    for (code, words) in [
        (403, "A required value is missing from the request."),
        (1619, "The platform does not know one of these groups, or it is not active."),
        (1620, "This customer is not a member of the group."),
        (1622, "These customers do not belong to the same company."),
        (1623, "This customer is already a member of the other group."),
        (1624, "The primary member cannot be moved to another group."),
        (1636, "This customer is already a member of the group."),
        (1637, "The group already has a primary member, and it cannot be replaced."),
        (1641, "One of the permissions is not one the platform knows."),
        (1642, "This customer is the primary member of another group."),
        (1645, "The group details sent are not valid."),
        (1661, "Choose at least one extended field to search by."),
        (8015, "The platform has no customer with these details."),
        (8069, "This customer was merged into another one: use the other customer's ID."),
        (91015, "The search text is too long: at most 50 characters."),
        (91052, "Type something to search for."),
    ] {
        assert_eq!(h(code), words, "{code}");
    }
}

#[test]
fn search_refusals_in_the_v2_envelope() {
    let body = r#"{"errors": [{"code": 91015, "message": "The field length is too long. The maximum allowed number of characters for a group name search is 50.", "status": false}], "warnings": []}"#;
    let e = error_from_response(400, body, None);
    assert_eq!(e.code(), Some(91015));
    assert_eq!(e.headline(), "The search text is too long: at most 50 characters.");
    assert!(e.technical().contains("maximum allowed number of characters"));
    let e = error_from_response(
        400,
        r#"{"errors": [{"code": "91052", "message": "Invalid or missing search parameters."}]}"#,
        None,
    );
    assert_eq!((e.code(), e.headline().as_str()), (Some(91052), "Type something to search for."));
    assert_eq!(
        e.field(CallId::SearchGroups),
        Some(Field::SearchText),
        "the platform's refusal of the search text goes under the box"
    );
}

#[test]
fn transfer_missing_fields_is_code_403_not_a_credentials_problem() {
    let e = error_from_response(
        400,
        r#"{"errors": [{"code": 403, "message": "leaveGroupId and joinGroupId is mandatory."}]}"#,
        None,
    );
    assert!(!e.is_auth());
    assert_eq!(e, api(400, Some(403), "leaveGroupId and joinGroupId is mandatory."));
    assert_eq!(e.headline(), "A required value is missing from the request.");
}

#[test]
fn reward_group_not_found_and_update_refusals_in_the_rewards_envelope() {
    let e =
        error_from_response(404, r#"{"status": {"success": false, "code": 404, "message": "Group not found"}}"#, None);
    assert_eq!(e, api(404, Some(404), "Group not found"));
    assert_eq!(e.headline(), "The platform has no reward group with this ID.");
    // Another 404 keeps the general words.
    let e = error_from_response(404, r#"{"errors": [{"code": 404, "message": "No such API endpoint"}]}"#, None);
    assert_eq!(e.headline(), "The platform has no such group or address (404).");
    let update = CallId::UpdateRewardGroup;
    let e = error_from_response(
        400,
        r#"{"status": {"success": false, "code": 12012, "message": "Group name must be unique"}}"#,
        None,
    );
    assert_eq!((e.code(), e.field(update)), (Some(12012), Some(Field::RewardName)));
    let e = error_from_response(
        400,
        r#"{"status": {"success": false, "code": 400, "message": "Group name must not be null"}}"#,
        None,
    );
    assert_eq!(e.field(update), Some(Field::RewardName));
    assert_eq!(e.field(CallId::ListRewardGroups), None);
    // A list's success status is not an error.
    let ok: gc_core::rewards::wire::RewardListResponse = parse_success(
        200,
        r#"{"status": {"success": true, "code": 12013, "message": "Get all groups fetched successfully"}, "groupRoList": []}"#,
    )
    .unwrap();
    assert_eq!(ok.status.unwrap().code, Some(12013));
    // A refusal inside a 200 is one.
    let e = parse_success::<gc_core::rewards::wire::RewardListResponse>(
        200,
        r#"{"status": {"success": false, "code": 8004, "message": "fail"}}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), Some(8004));
}

#[test]
fn a_join_whose_items_failed_is_still_a_success_but_a_whole_request_refusal_is_not() {
    let partial = r#"{"response": [{"entityId": {"userId": 1}, "result": null, "warnings": [], "errors": [{"code": 8015, "message": "Customer not found for the given identifiers.", "status": false}]}], "totalCount": 1, "failureCount": 1}"#;
    let r: gc_core::members::wire::BatchResponse = parse_success(200, partial).unwrap();
    assert_eq!(r.response[0].error().unwrap().headline(), "The platform has no customer with these details.");
    let whole = r#"{"errors": [{"code": 1632, "message": "Group id/externalId/primary userId 9 passed is not valid.", "status": false}], "warnings": []}"#;
    let e = error_from_response(400, whole, None);
    assert_eq!((e.code(), e.headline().as_str()), (Some(1632), "The platform does not know this group."));
    // The write envelope with errors and a 200 is an error too.
    let e = parse_success::<gc_core::members::wire::WriteResponse>(
        200,
        r#"{"warnings": [], "errors": [{"code": 1620, "message": "User 5 does not belong to group 9."}], "success": false}"#,
    )
    .unwrap_err();
    assert_eq!(e.headline(), "This customer is not a member of the group.");
}
