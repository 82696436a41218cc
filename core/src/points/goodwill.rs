//! Goodwill points for a group (docs/platform-api.md, "Goodwill request", "Approve or reject a
//! request"): the request that asks for them (`POST /v2/requests`), its `createdId`; the v1.1
//! approve and reject bodies and their answer, whose items succeed or fail one by one; the
//! checks before asking; and the words for their codes.

use serde::{Deserialize, Deserializer, Serialize};

use crate::group::wire::GroupDetails;
use crate::platform::error::ApiError;
use crate::platform::fields::FieldError;
use crate::platform::query::DEFAULT_SOURCE;
use crate::platform::read::{
    lenient_bool, lenient_f64, lenient_i64, lenient_id, lenient_string, or_default, write_number, ApiWarning, Id,
};
use crate::points::checks::{self, points_text, PointsProblem};

pub const GOODWILL: &str = "GOODWILL";
pub const POINTS: &str = "POINTS";

/// What the approve and reject buttons say next to them, always: the platform's maker-checker
/// rule in words.
pub const MAKER_CHECKER: &str = "The platform does not let the person who asked for goodwill approve it. If \
     these credentials made the request, approval will be refused (code 9056): ask a colleague to approve with \
     their own credentials.";

/// Said once above the console's list of requests.
pub const OWN_LIST_ONLY: &str = "The platform cannot list a group's requests: these are the ones this browser made.";

// ------------------------------------------------------------------ asking

/// `goodwillRequest`: the points asked for and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GoodwillDetails {
    #[serde(deserialize_with = "lenient_f64", serialize_with = "write_number")]
    pub points: Option<f64>,
    #[serde(deserialize_with = "lenient_string")]
    pub reason: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub comments: String,
}

/// `userGroup2IdentificationInfo`: the group by id (a number, as the examples send it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GroupIdentification {
    #[serde(deserialize_with = "lenient_string")]
    pub identifier_type: String,
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub identifier_value: Option<Id>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Never sent by the console.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub account_id: String,
}

/// `POST /v2/requests`: a request for goodwill points, which someone approves later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GoodwillRequest {
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string")]
    pub base_type: String,
    pub goodwill_request: GoodwillDetails,
    #[serde(deserialize_with = "lenient_string")]
    pub earning_entity_type: String,
    #[serde(rename = "userGroup2IdentificationInfo", deserialize_with = "or_default")]
    pub group: GroupIdentification,
    /// The request's own comments: the console's reference, so a person can find it.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub comments: String,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub program_id: Option<i64>,
}

/// The checked values of the goodwill dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoodwillInput {
    pub program_id: i64,
    pub points: u32,
    pub reason: String,
    pub comments: Option<String>,
}

impl GoodwillRequest {
    /// For group `group_id`, with the console's reference (see [`reference`]).
    pub fn new(group_id: u64, input: &GoodwillInput, reference: &str) -> GoodwillRequest {
        GoodwillRequest {
            kind: GOODWILL.into(),
            base_type: POINTS.into(),
            goodwill_request: GoodwillDetails {
                points: Some(input.points as f64),
                reason: input.reason.clone(),
                comments: input.comments.clone().unwrap_or_default(),
            },
            earning_entity_type: crate::points::transfer::USERGROUP2.into(),
            group: GroupIdentification {
                identifier_type: "id".into(),
                identifier_value: Some(Id(group_id)),
                source: DEFAULT_SOURCE.into(),
                account_id: String::new(),
            },
            comments: reference_comment(reference),
            program_id: Some(input.program_id),
        }
    }
}

/// The console's reference for a request: 8 hex digits of a random number, made when the
/// dialog is confirmed and kept before sending (the only handle on a request whose answer was
/// lost).
pub fn reference(random: u32) -> String {
    format!("{random:08X}")
}

/// The request-level comments that carry the reference.
pub fn reference_comment(reference: &str) -> String {
    format!("Group Console ref {reference}")
}

/// `{"createdId": 13044649, "warnings": []}`; the field table calls it `id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct GoodwillCreated {
    #[serde(alias = "id", deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub created_id: Option<Id>,
    #[serde(deserialize_with = "or_default")]
    pub warnings: Vec<ApiWarning>,
}

/// What the goodwill dialog holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoodwillForm<'a> {
    pub program_id: i64,
    pub points: &'a str,
    pub reason: &'a str,
    pub comments: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoodwillField {
    Program,
    Points,
    Reason,
    Comments,
    Whole,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GoodwillProblem {
    GroupCannotAct(&'static str),
    NotInProgram { program: i64 },
    Points(PointsProblem),
    Reason(FieldError),
    Comments(FieldError),
}

impl GoodwillProblem {
    pub fn field(&self) -> GoodwillField {
        match self {
            GoodwillProblem::GroupCannotAct(_) => GoodwillField::Whole,
            GoodwillProblem::NotInProgram { .. } => GoodwillField::Program,
            GoodwillProblem::Points(_) => GoodwillField::Points,
            GoodwillProblem::Reason(_) => GoodwillField::Reason,
            GoodwillProblem::Comments(_) => GoodwillField::Comments,
        }
    }
}

impl std::fmt::Display for GoodwillProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GoodwillProblem::GroupCannotAct(why) => f.write_str(why),
            GoodwillProblem::NotInProgram { program } => {
                write!(f, "This group is not in program {program}: choose one of its programs.")
            }
            GoodwillProblem::Points(p) => p.fmt(f),
            GoodwillProblem::Reason(e) | GoodwillProblem::Comments(e) => e.fmt(f),
        }
    }
}

/// The goodwill dialog's checks: an active group, one of its programs, whole points above 0,
/// a reason (at most 255), comments at most 255.
pub fn check_goodwill(group: &GroupDetails, form: &GoodwillForm) -> Result<GoodwillInput, Vec<GoodwillProblem>> {
    let mut problems = vec![];
    if let Some(why) = checks::no_actions_reason(group.group_status) {
        problems.push(GoodwillProblem::GroupCannotAct(why));
    }
    if checks::program(&group.points_summaries, form.program_id).is_none() {
        problems.push(GoodwillProblem::NotInProgram { program: form.program_id });
    }
    let points = checks::whole_points(form.points).map_err(GoodwillProblem::Points);
    let reason = checks::note(form.reason, "The reason", "a reason", true).map_err(GoodwillProblem::Reason);
    let comments = checks::note(form.comments, "The comments", "comments", false).map_err(GoodwillProblem::Comments);
    match (points, reason, comments) {
        (Ok(points), Ok(Some(reason)), Ok(comments)) if problems.is_empty() => {
            Ok(GoodwillInput { program_id: form.program_id, points, reason, comments })
        }
        (points, reason, comments) => {
            problems.extend([points.err(), reason.err(), comments.err()].into_iter().flatten());
            Err(problems)
        }
    }
}

/// The confirmation before asking: "Ask for 500 goodwill points of DocDemoDefaultProgram for
/// The Sharma Family? This creates a request: the points arrive only when someone approves it."
pub fn confirmation(points: u32, program: &str, group: &str) -> String {
    format!(
        "Ask for {} goodwill points of {program} for {group}? This creates a request: the points arrive only \
         when someone approves it.",
        points_text(points as f64)
    )
}

/// The words for an error of `POST /v2/requests`; else [`ApiError::headline`].
pub fn words(e: &ApiError) -> String {
    let ApiError::Api { code: Some(code), .. } = e else { return e.headline() };
    match code {
        400 => "The platform found the request incomplete or invalid.".into(),
        93026 => {
            "The platform does not accept goodwill for this group (its details are invalid or not supported).".into()
        }
        1101 => "This program is not one the platform knows.".into(),
        9006 | 9008 => format!(
            "The platform does not accept this kind of request (code {code}). The console sent something wrong: please report it."
        ),
        _ => e.headline(),
    }
}

// ------------------------------------------------------------------ deciding

/// One request to decide (`root.request[]`); numbers are text, as the example sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionItem {
    #[serde(deserialize_with = "lenient_string")]
    pub id: String,
    #[serde(rename = "type", deserialize_with = "lenient_string")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string")]
    pub base_type: String,
    /// The points granted; the console resends those asked for.
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub points: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub updated_comments: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionList {
    #[serde(deserialize_with = "one_or_many")]
    pub request: Vec<DecisionItem>,
}

/// `POST /v1.1/request/approve` and `…/reject`: the same body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionRequest {
    pub root: DecisionList,
}

impl DecisionRequest {
    /// Decides the goodwill request `id` for the `points` it asked (the approver cannot
    /// change them), with optional comments.
    pub fn goodwill(id: Id, points: u32, comments: &str) -> DecisionRequest {
        DecisionRequest {
            root: DecisionList {
                request: vec![DecisionItem {
                    id: id.to_string(),
                    kind: GOODWILL.into(),
                    base_type: POINTS.into(),
                    points: points.to_string(),
                    updated_comments: comments.trim().to_string(),
                }],
            },
        }
    }
}

/// A list, or a single object where the v1.1 family sometimes puts one.
fn one_or_many<'de, D: Deserializer<'de>, T: serde::de::DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(vec![]),
        Some(v @ serde_json::Value::Array(_)) => serde_json::from_value(v).map_err(serde::de::Error::custom),
        Some(v) => serde_json::from_value(v).map(|one| vec![one]).map_err(serde::de::Error::custom),
    }
}

/// The v1.1 family's `status`: `{success: "true", code: 200 | "9000", message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct V11Status {
    #[serde(deserialize_with = "lenient_bool")]
    pub success: bool,
    #[serde(deserialize_with = "lenient_i64", skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    #[serde(deserialize_with = "lenient_string")]
    pub message: String,
}

/// The code of an item decided: 9000.
pub const DECIDED: i64 = 9000;

/// One request as the answer says it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionResult {
    #[serde(deserialize_with = "lenient_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    #[serde(rename = "type", deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub base_type: String,
    /// `APPROVED`, `REJECTED`, `PENDING`.
    #[serde(deserialize_with = "lenient_string")]
    pub status: String,
    #[serde(deserialize_with = "lenient_f64", skip_serializing_if = "Option::is_none")]
    pub approved_value: Option<f64>,
    #[serde(deserialize_with = "lenient_string", skip_serializing_if = "String::is_empty")]
    pub assoc_id: String,
    #[serde(deserialize_with = "lenient_string")]
    pub reason: String,
    #[serde(deserialize_with = "lenient_string")]
    pub updated_comments: String,
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub item_status: Option<V11Status>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionResults {
    #[serde(deserialize_with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub request: Vec<DecisionResult>,
    /// The page's older example: one `goodwill` object instead of the list.
    #[serde(deserialize_with = "or_default", skip_serializing_if = "Option::is_none")]
    pub goodwill: Option<DecisionResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionResponse {
    #[serde(deserialize_with = "or_default")]
    pub status: V11Status,
    #[serde(deserialize_with = "or_default")]
    pub requests: DecisionResults,
}

/// The answer of approve and reject (HTTP 200 even when items fail).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DecisionAnswer {
    pub response: DecisionResponse,
}

/// How the decision of one request went.
#[derive(Debug, Clone, PartialEq)]
pub enum Decided {
    /// Approved or rejected: the request's new status (`APPROVED`) and the points approved.
    Done { status: String, approved: Option<f64> },
    /// Refused, with the item's (or the whole answer's) code and message.
    Refused { code: Option<i64>, message: String },
}

impl DecisionAnswer {
    /// The outcome for request `id` (the only one the console sends): its item's status when
    /// the answer has one (an item's failure is not the whole answer's), else the whole
    /// answer's.
    pub fn outcome(&self, id: Id) -> Decided {
        let r = &self.response;
        let item = r.requests.request.iter().find(|i| i.id == Some(id)).or(r.requests.request.first());
        let item = item.or(r.requests.goodwill.as_ref());
        let done = |i: &DecisionResult| Decided::Done { status: i.status.clone(), approved: i.approved_value };
        match item {
            Some(i) => match &i.item_status {
                Some(s) if s.success || s.code == Some(DECIDED) => done(i),
                Some(s) => Decided::Refused { code: s.code, message: s.message.clone() },
                None if r.status.success => done(i),
                None => Decided::Refused { code: r.status.code, message: r.status.message.clone() },
            },
            None if r.status.success => Decided::Done { status: String::new(), approved: None },
            None => Decided::Refused { code: r.status.code, message: r.status.message.clone() },
        }
    }
}

/// The words for a decision's code, of an item or of the whole answer.
pub fn decision_code_words(code: Option<i64>, message: &str) -> String {
    match code {
        Some(9056 | 9051) => {
            "The same user cannot ask for and approve goodwill: approve with other credentials.".into()
        }
        Some(9013 | 9050) => "The platform has no such request.".into(),
        Some(9052) => "This request was already approved or rejected.".into(),
        Some(9055) => "The platform queued this request earlier; wait and look again.".into(),
        Some(201) => "Some requests failed.".into(),
        Some(c) if message.trim().is_empty() => format!("The platform refused the decision (code {c})."),
        Some(c) => format!("The platform refused the decision (code {c}): {}", message.trim()),
        None if message.trim().is_empty() => "The platform refused the decision.".into(),
        None => format!("The platform refused the decision: {}", message.trim()),
    }
}

/// The words for an error of approve or reject as a whole; else [`ApiError::headline`].
pub fn decision_words(e: &ApiError) -> String {
    match e {
        ApiError::Api { code: Some(c @ (201 | 9013 | 9050 | 9051 | 9052 | 9055 | 9056)), message, .. } => {
            decision_code_words(Some(*c), message)
        }
        _ => e.headline(),
    }
}

impl Decided {
    /// 9052: decided outside the console (or approved automatically): the console marks it so
    /// and reads the balance again.
    pub fn decided_elsewhere(&self) -> bool {
        matches!(self, Decided::Refused { code: Some(9052), .. })
    }

    pub fn words(&self) -> String {
        match self {
            Decided::Done { status, .. } if status.eq_ignore_ascii_case("REJECTED") => "Rejected.".into(),
            Decided::Done { approved: Some(p), .. } => format!("Approved: {} points.", points_text(*p)),
            Decided::Done { .. } => "Approved.".into(),
            Decided::Refused { code, message } => decision_code_words(*code, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::wire::GroupStatus;
    use crate::points::wire::PointsSummary;

    fn sharma(status: GroupStatus) -> GroupDetails {
        GroupDetails {
            id: Id(3920001),
            group_status: status,
            points_summaries: vec![PointsSummary { program_id: Some(973), ..PointsSummary::default() }],
            ..GroupDetails::default()
        }
    }

    #[test]
    fn the_request_names_the_group_by_id_and_carries_the_reference() {
        let input = GoodwillInput {
            program_id: 973,
            points: 500,
            reason: "Late delivery complaint".into(),
            comments: Some("Agreed on the phone".into()),
        };
        assert_eq!(reference(0x7F3A19C2), "7F3A19C2");
        assert_eq!(reference(5), "00000005");
        let req = GoodwillRequest::new(3920001, &input, "7F3A19C2");
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({
                "type": "GOODWILL",
                "baseType": "POINTS",
                "goodwillRequest": {"points": 500, "reason": "Late delivery complaint", "comments": "Agreed on the phone"},
                "earningEntityType": "USERGROUP2",
                "userGroup2IdentificationInfo": {"identifierType": "id", "identifierValue": 3920001, "source": "INSTORE"},
                "comments": "Group Console ref 7F3A19C2",
                "programId": 973
            })
        );
        let created: GoodwillCreated = serde_json::from_str(r#"{"id": "13044650"}"#).unwrap();
        assert_eq!(created.created_id, Some(Id(13044650)), "the table's name for it");
    }

    #[test]
    fn the_dialog_checks_points_reason_comments_program_and_the_group() {
        let form = GoodwillForm { program_id: 973, points: "500", reason: " Late delivery ", comments: "" };
        let ok = check_goodwill(&sharma(GroupStatus::Active), &form).unwrap();
        assert_eq!((ok.points, ok.reason.as_str(), ok.comments), (500, "Late delivery", None));
        let problems = check_goodwill(
            &sharma(GroupStatus::Inactive),
            &GoodwillForm { program_id: 983, points: "12.5", reason: " ", comments: &"c".repeat(256) },
        )
        .unwrap_err();
        let fields: Vec<GoodwillField> = problems.iter().map(GoodwillProblem::field).collect();
        assert_eq!(
            fields,
            [
                GoodwillField::Whole,
                GoodwillField::Program,
                GoodwillField::Points,
                GoodwillField::Reason,
                GoodwillField::Comments
            ]
        );
        assert_eq!(problems[2].to_string(), "Whole points only: no decimals.");
        assert_eq!(problems[3].to_string(), "Enter a reason.");
        assert!(problems[0].to_string().starts_with("This group is inactive"));
        let zero = check_goodwill(&sharma(GroupStatus::Active), &GoodwillForm { points: "0", ..form }).unwrap_err();
        assert_eq!(zero, vec![GoodwillProblem::Points(PointsProblem::BelowOne)]);
        assert_eq!(
            confirmation(500, "DocDemoDefaultProgram", "The Sharma Family"),
            "Ask for 500 goodwill points of DocDemoDefaultProgram for The Sharma Family? This creates a request: \
             the points arrive only when someone approves it."
        );
    }

    #[test]
    fn every_documented_create_code_has_its_words() {
        let e = |code| ApiError::Api { status: 400, code: Some(code), message: "…".into() };
        assert_eq!(words(&e(400)), "The platform found the request incomplete or invalid.");
        assert!(words(&e(93026)).starts_with("The platform does not accept goodwill for this group"));
        assert_eq!(words(&e(1101)), "This program is not one the platform knows.");
        assert!(words(&e(9006)).contains("code 9006"));
        assert!(words(&e(9008)).contains("code 9008"));
        assert_eq!(words(&e(1)), e(1).headline());
    }

    #[test]
    fn approve_sends_the_requested_points_as_text() {
        let body = DecisionRequest::goodwill(Id(13044649), 500, " Approved in Group Console ");
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"root": {"request": [{"id": "13044649", "type": "GOODWILL", "base_type": "POINTS",
                "points": "500", "updated_comments": "Approved in Group Console"}]}})
        );
        let one: DecisionRequest =
            serde_json::from_str(r#"{"root": {"request": {"id": 5, "type": "GOODWILL", "base_type": "POINTS"}}}"#)
                .unwrap();
        assert_eq!(one.root.request[0].id, "5", "a single object reads as a list of one");
    }

    #[test]
    fn an_item_fails_on_its_own_and_the_whole_answer_speaks_only_without_items() {
        let answer = |text: &str| -> DecisionAnswer { serde_json::from_str(text).unwrap() };
        let refused = answer(
            r#"{"response": {"status": {"success": "false", "code": 201, "message": "Some requests failed"},
                "requests": {"request": [{"id": "13044649", "status": "PENDING",
                "item_status": {"success": "false", "code": "9056", "message": "same user"}}]}}}"#,
        );
        let out = refused.outcome(Id(13044649));
        assert_eq!(out, Decided::Refused { code: Some(9056), message: "same user".into() });
        assert_eq!(out.words(), "The same user cannot ask for and approve goodwill: approve with other credentials.");
        let twice = answer(
            r#"{"response": {"status": {"success": true, "code": 200},
                "requests": {"request": [{"id": 1, "item_status": {"success": false, "code": 9052}}]}}}"#,
        );
        assert!(twice.outcome(Id(1)).decided_elsewhere());
        assert_eq!(twice.outcome(Id(1)).words(), "This request was already approved or rejected.");
        // 9000 is a success even without the flag.
        let done = answer(
            r#"{"response": {"status": {"code": 200}, "requests": {"request": [{"id": 1, "status": "APPROVED",
                "approved_value": "500", "item_status": {"code": 9000}}]}}}"#,
        );
        assert_eq!(done.outcome(Id(1)), Decided::Done { status: "APPROVED".into(), approved: Some(500.0) });
        assert_eq!(done.outcome(Id(1)).words(), "Approved: 500 points.");
        // The older shape: one goodwill object.
        let older = answer(
            r#"{"response": {"status": {"success": "true", "code": 200}, "requests": {"goodwill": {"status": "REJECTED"}}}}"#,
        );
        assert_eq!(older.outcome(Id(1)).words(), "Rejected.");
        let whole = answer(r#"{"response": {"status": {"success": "false", "code": 9055, "message": "queued"}}}"#);
        assert_eq!(whole.outcome(Id(1)).words(), "The platform queued this request earlier; wait and look again.");
    }

    #[test]
    fn every_documented_decision_code_has_its_words() {
        let w = |c| decision_code_words(Some(c), "m");
        assert_eq!(w(9051), w(9056));
        assert_eq!(w(9013), "The platform has no such request.");
        assert_eq!(w(9050), "The platform has no such request.");
        assert_eq!(w(9052), "This request was already approved or rejected.");
        assert_eq!(w(9055), "The platform queued this request earlier; wait and look again.");
        assert_eq!(w(201), "Some requests failed.");
        assert_eq!(w(9017), "The platform refused the decision (code 9017): m");
        let e = ApiError::Api { status: 400, code: Some(9056), message: String::new() };
        assert_eq!(decision_words(&e), w(9056));
        let other = ApiError::Api { status: 400, code: Some(400), message: String::new() };
        assert_eq!(decision_words(&other), other.headline());
    }
}
