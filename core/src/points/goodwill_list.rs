//! The goodwill requests this browser made for a group. The platform cannot list a group's
//! requests (docs/platform-api.md, "Listing requests"), so the console keeps the ones it made:
//! each request's state, from "sending" to waiting, approved, rejected, decided elsewhere or
//! "answer lost"; the words the Points tab shows for it; and what the balance says after an
//! approval whose answer was lost.

use serde::{Deserialize, Serialize};

use crate::points::checks::points_text;
use crate::points::goodwill::{reference_comment, Decided, GoodwillInput};

/// Kept per group; past it, the oldest decided request goes first.
pub const MAX_KEPT: usize = 200;

/// Said when this browser has asked for nothing on the group.
pub const NONE_YET: &str = "This browser has not asked for goodwill points for this group.";

/// Where a request stands, as far as this browser knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RequestState {
    /// Kept before the request goes out, so that a page closed mid-request leaves a trace.
    Sending,
    /// The answer never arrived or broke off: the request may exist.
    Lost,
    /// Made, waiting for someone's approval.
    Pending,
    Approved,
    Rejected,
    /// The platform said it was already approved or rejected (9052).
    DecidedElsewhere,
}

impl RequestState {
    fn decided(self) -> bool {
        matches!(self, RequestState::Approved | RequestState::Rejected | RequestState::DecidedElsewhere)
    }
}

/// One request as this browser keeps it (localStorage, JSON: the field names are the stored
/// format).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeptRequest {
    /// The console's reference, sent in the request's comments ("Group Console ref 7F3A19C2").
    #[serde(rename = "ref")]
    pub reference: String,
    /// The platform's id (`createdId`), which approve and reject name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    pub program_id: i64,
    /// The program's title when it was asked, for the words.
    #[serde(default)]
    pub program: String,
    pub points: u32,
    #[serde(default)]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comments: String,
    /// When it was asked: epoch milliseconds.
    pub at: f64,
    pub state: RequestState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_points: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<f64>,
    /// What the console last learnt about it, in words (a refused approval, what the balance
    /// said after a lost answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A lost request asked again: the new request's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_again_as: Option<String>,
}

impl KeptRequest {
    /// The request about to be sent.
    pub fn sending(input: &GoodwillInput, program: &str, reference: &str, at: f64) -> KeptRequest {
        KeptRequest {
            reference: reference.to_string(),
            id: None,
            program_id: input.program_id,
            program: program.to_string(),
            points: input.points,
            reason: input.reason.clone(),
            comments: input.comments.clone().unwrap_or_default(),
            at,
            state: RequestState::Sending,
            approved_points: None,
            decided_at: None,
            note: None,
            asked_again_as: None,
        }
    }

    /// What a user reads to see it again in a form: the values it asked with.
    pub fn input(&self) -> GoodwillInput {
        GoodwillInput {
            program_id: self.program_id,
            points: self.points,
            reason: self.reason.clone(),
            comments: (!self.comments.is_empty()).then(|| self.comments.clone()),
        }
    }

    /// Approve and reject are offered: it waits, and the platform gave its id.
    pub fn can_decide(&self) -> bool {
        self.state == RequestState::Pending && self.id.is_some()
    }

    /// "Ask again anyway" is offered: the answer was lost and it was not asked again yet.
    pub fn can_ask_again(&self) -> bool {
        self.state == RequestState::Lost && self.asked_again_as.is_none()
    }

    /// "500 points of DocDemoDefaultProgram"
    pub fn what(&self) -> String {
        let program =
            if self.program.trim().is_empty() { format!("program {}", self.program_id) } else { self.program.clone() };
        format!("{} points of {program}", points_text(self.points as f64))
    }

    /// How the request is named: "request 13044653", or by its reference until it has an id.
    pub fn name(&self) -> String {
        match self.id {
            Some(id) => format!("request {id}"),
            None => format!("ref {}", self.reference),
        }
    }

    /// Its state in words, as the list shows it.
    pub fn words(&self) -> String {
        match self.state {
            RequestState::Sending => "Sending…".into(),
            RequestState::Lost => match &self.asked_again_as {
                None => format!("Answer lost — check the platform for ref {}", self.reference),
                Some(again) => {
                    format!("Answer lost — check the platform for ref {} (asked again as ref {again})", self.reference)
                }
            },
            RequestState::Pending if self.id.is_some() => "Waiting for approval".into(),
            RequestState::Pending => {
                "Waiting for approval (the platform gave no request number: decide it in the platform's screens)".into()
            }
            RequestState::Approved => match self.approved_points {
                Some(p) => format!("Approved: {} points", points_text(p)),
                None => "Approved".into(),
            },
            RequestState::Rejected => "Rejected".into(),
            RequestState::DecidedElsewhere => "Decided outside the console".into(),
        }
    }

    /// The comments the platform shows with the request: where its reference is.
    pub fn reference_comment(&self) -> String {
        reference_comment(&self.reference)
    }
}

/// Reads the stored list, newest first; an unreadable list is empty and an unreadable entry is
/// left out (a later version's entry does not hide the others).
pub fn parse(stored: Option<&str>) -> Vec<KeptRequest> {
    let items: Vec<serde_json::Value> = stored.and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
    items.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect()
}

/// Keeps a request about to be sent, on top. Past [`MAX_KEPT`] the oldest decided request
/// goes; one still waiting or lost goes only when nothing else can.
pub fn begin(list: &mut Vec<KeptRequest>, request: KeptRequest) {
    list.insert(0, request);
    while list.len() > MAX_KEPT {
        let i = list.iter().rposition(|r| r.state.decided()).unwrap_or(list.len() - 1);
        list.remove(i);
    }
}

fn by_ref<'a>(list: &'a mut [KeptRequest], reference: &str) -> Option<&'a mut KeptRequest> {
    list.iter_mut().find(|r| r.reference == reference)
}

/// The platform made it: it waits for approval, under its id (none if the answer gave none).
pub fn created(list: &mut [KeptRequest], reference: &str, id: Option<u64>) {
    if let Some(r) = by_ref(list, reference) {
        r.id = id;
        r.state = RequestState::Pending;
        r.note = None;
    }
}

/// The answer was lost: the request may exist.
pub fn lost(list: &mut [KeptRequest], reference: &str) {
    if let Some(r) = by_ref(list, reference) {
        r.state = RequestState::Lost;
    }
}

/// The platform refused it clearly: nothing was made, so nothing is kept (the dialog says why).
pub fn refused(list: &mut Vec<KeptRequest>, reference: &str) {
    list.retain(|r| r.reference != reference);
}

/// A lost request was asked again, as `new_reference`.
pub fn asked_again(list: &mut [KeptRequest], reference: &str, new_reference: &str) {
    if let Some(r) = by_ref(list, reference) {
        r.asked_again_as = Some(new_reference.to_string());
    }
}

/// Requests still "sending" long after any answer could come (the page was closed or reloaded
/// while one was out): their answer was lost. `timeout_secs` is the transport's timeout.
/// Whether anything changed.
pub fn interrupted(list: &mut [KeptRequest], now: f64, timeout_secs: u32) -> bool {
    let limit = (timeout_secs as f64 + 30.0) * 1000.0;
    let mut changed = false;
    for r in list.iter_mut().filter(|r| r.state == RequestState::Sending && now - r.at > limit) {
        r.state = RequestState::Lost;
        changed = true;
    }
    changed
}

/// How an approve or a reject of request `id` went: approved (with the points), rejected,
/// decided elsewhere (9052); any other refusal leaves it waiting with the refusal as its note.
pub fn decided(list: &mut [KeptRequest], id: u64, approving: bool, outcome: &Decided, at: f64) {
    let Some(r) = list.iter_mut().find(|r| r.id == Some(id)) else { return };
    match outcome {
        Decided::Done { status, approved } => {
            let rejected =
                status.eq_ignore_ascii_case("REJECTED") || (!approving && !status.eq_ignore_ascii_case("APPROVED"));
            if rejected {
                r.state = RequestState::Rejected;
            } else {
                r.state = RequestState::Approved;
                r.approved_points = Some(approved.unwrap_or(r.points as f64));
            }
            r.decided_at = Some(at);
            r.note = None;
        }
        refused if refused.decided_elsewhere() => {
            r.state = RequestState::DecidedElsewhere;
            r.decided_at = Some(at);
            r.note = None;
        }
        refused => r.note = Some(refusal_note(approving, refused)),
    }
}

/// The balance showed an approval whose answer was lost.
pub fn approved_after_lost_answer(list: &mut [KeptRequest], id: u64, rose: f64, at: f64) {
    if let Some(r) = list.iter_mut().find(|r| r.id == Some(id)) {
        r.state = RequestState::Approved;
        r.approved_points = Some(rose);
        r.decided_at = Some(at);
        r.note = Some("The answer was lost; the balance showed the approval.".into());
    }
}

/// Keeps what was said about request `id` (a lost answer's re-read).
pub fn noted(list: &mut [KeptRequest], id: u64, note: &str) {
    if let Some(r) = list.iter_mut().find(|r| r.id == Some(id)) {
        r.note = Some(note.to_string());
    }
}

fn refusal_note(approving: bool, refused: &Decided) -> String {
    let what = if approving { "Approval" } else { "Rejection" };
    match refused {
        Decided::Refused { code: Some(c), .. } => format!("{what} refused (code {c}): {}", refused.words()),
        _ => format!("{what} refused: {}", refused.words()),
    }
}

// ------------------------------------------------------------------ words of the dialogs

/// After the platform made the request.
pub fn asked_words(request: &KeptRequest, group: &str) -> String {
    let what = format!("{} goodwill points of {} for {group}", points_text(request.points as f64), program_of(request));
    match request.id {
        Some(id) => format!(
            "Request {id} was made: {what}. It waits for someone's approval; it is listed under Goodwill requests."
        ),
        None => format!(
            "The request was made: {what}. It waits for someone's approval. The platform gave no request number, \
             so it can be approved only in the platform's screens (ref {}).",
            request.reference
        ),
    }
}

fn program_of(r: &KeptRequest) -> String {
    if r.program.trim().is_empty() {
        format!("program {}", r.program_id)
    } else {
        r.program.clone()
    }
}

/// After a request whose answer was lost: it cannot be looked up.
pub fn lost_words(reference: &str) -> String {
    format!(
        "The answer was lost; the request may exist. The platform cannot list a group's requests: look for ref \
         {reference} in the platform's screens before asking again."
    )
}

/// Said in the dialog when a lost request is asked again.
pub fn asking_again_words(lost: &KeptRequest) -> String {
    format!(
        "Asking again: the answer to ref {} was lost, and that request may exist. If both are approved, the group \
         gets the points twice.",
        lost.reference
    )
}

/// The confirmation before deciding: "Approve request 13044649: 500 goodwill points of
/// DocDemoDefaultProgram for The Sharma Family?"
pub fn decision_confirmation(approving: bool, request: &KeptRequest, group: &str) -> String {
    let verb = if approving { "Approve" } else { "Reject" };
    let consequence = if approving {
        format!("The group's {} balance rises by {} points.", program_of(request), points_text(request.points as f64))
    } else {
        "The group gets no points from it.".to_string()
    };
    format!(
        "{verb} {}: {} goodwill points of {} for {group} (reason: {})? {consequence}",
        request.name(),
        points_text(request.points as f64),
        program_of(request),
        if request.reason.trim().is_empty() { "none given" } else { request.reason.trim() },
    )
}

/// What the decision dialog says once the platform answered for the request.
pub fn decided_words(approving: bool, request: &KeptRequest, outcome: &Decided, group: &str) -> String {
    match outcome {
        Decided::Done { status, .. }
            if status.eq_ignore_ascii_case("REJECTED") || (!approving && !status.eq_ignore_ascii_case("APPROVED")) =>
        {
            format!("Rejected: {group} gets no points from {}.", request.name())
        }
        Decided::Done { approved, .. } => format!(
            "Approved: {} goodwill points of {} for {group}. Close this to see the new balance on the cards.",
            points_text(approved.unwrap_or(request.points as f64)),
            program_of(request)
        ),
        refused if refused.decided_elsewhere() => "This request was already approved or rejected outside the console \
             (code 9052). Close this to see the group's balance as it is now."
            .into(),
        refused => refused.words(),
    }
}

/// What the balance said after an approval whose answer was lost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LostApproval {
    /// It rose by the points asked: approved.
    Approved { rose: f64 },
    /// It did not move: not approved (or not yet).
    Unchanged,
    /// It moved by another amount: someone else changed it too.
    Unclear { change: f64 },
    /// It could not be read (before or after).
    Unread,
}

/// Compares the program's balance before the approval was sent and after its answer was lost.
pub fn after_lost_approval(points: u32, before: Option<f64>, after: Option<f64>) -> LostApproval {
    let (Some(before), Some(after)) = (before, after) else { return LostApproval::Unread };
    let change = after - before;
    if (change - points as f64).abs() < 0.0005 {
        LostApproval::Approved { rose: change }
    } else if change.abs() < 0.0005 {
        LostApproval::Unchanged
    } else {
        LostApproval::Unclear { change }
    }
}

impl LostApproval {
    pub fn approved(&self) -> bool {
        matches!(self, LostApproval::Approved { .. })
    }

    /// What the dialog says; every case but an approval offers "Approve again" beside it.
    pub fn words(&self, points: u32) -> String {
        match self {
            LostApproval::Approved { rose } => {
                format!("It was approved: the balance rose by {} points. Nothing more was sent.", points_text(*rose))
            }
            LostApproval::Unchanged => "The answer was lost, and the balance is unchanged: the approval did not go \
                 through, or not yet. Approve again? If it was approved meanwhile, the platform answers that it \
                 was already decided."
                .into(),
            LostApproval::Unclear { change } => format!(
                "Not sure: the answer was lost, and the balance changed by {}{} points, not +{}. Look at the ledger \
                 under History before approving again.",
                if *change > 0.0 { "+" } else { "" },
                points_text(*change),
                points_text(points as f64)
            ),
            LostApproval::Unread => "The answer was lost, and the balance could not be read again. Look at the \
                 group's balance before approving again."
                .into(),
        }
    }
}

/// After a rejection whose answer was lost: nothing shows a rejection, and rejecting twice is
/// harmless (the platform answers 9052).
pub const LOST_REJECTION: &str = "The answer was lost: the request may have been rejected. Rejecting again is safe: \
     if it was rejected, the platform answers that it was already decided.";

#[cfg(test)]
mod tests {
    use super::*;

    fn input(points: u32) -> GoodwillInput {
        GoodwillInput { program_id: 973, points, reason: "Late delivery complaint".into(), comments: None }
    }

    fn sending(reference: &str) -> KeptRequest {
        KeptRequest::sending(&input(500), "DocDemoDefaultProgram", reference, 1_000.0)
    }

    #[test]
    fn a_request_goes_from_sending_to_waiting_with_its_id_and_is_stored_as_json() {
        let mut list = vec![];
        begin(&mut list, sending("7F3A19C2"));
        assert_eq!(list[0].words(), "Sending…");
        assert!(!list[0].can_decide());
        created(&mut list, "7F3A19C2", Some(13044653));
        assert_eq!((list[0].state, list[0].id), (RequestState::Pending, Some(13044653)));
        assert_eq!(list[0].words(), "Waiting for approval");
        assert!(list[0].can_decide());
        assert_eq!(list[0].name(), "request 13044653");
        assert_eq!(list[0].what(), "500 points of DocDemoDefaultProgram");
        assert_eq!(list[0].reference_comment(), "Group Console ref 7F3A19C2");
        let json = serde_json::to_string(&list).unwrap();
        assert!(json.contains(r#""ref":"7F3A19C2""#) && json.contains(r#""state":"pending""#), "{json}");
        assert_eq!(parse(Some(&json)), list);
        // Made, but the answer named no id: it waits, and only the platform's screens decide it.
        created(&mut list, "7F3A19C2", None);
        assert!(!list[0].can_decide());
        assert!(list[0].words().contains("gave no request number"));
    }

    #[test]
    fn unreadable_storage_is_an_empty_list_and_a_bad_entry_is_left_out() {
        assert!(parse(None).is_empty());
        assert!(parse(Some("{")).is_empty());
        let mixed = r#"[{"ref":"A","programId":973,"points":5,"at":1,"state":"pending","id":7},
                        {"ref":"B","state":"somethingNew"}]"#;
        let list = parse(Some(mixed));
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].reference.as_str(), list[0].id), ("A", Some(7)));
    }

    #[test]
    fn a_lost_answer_is_kept_with_its_reference_and_a_clear_refusal_is_dropped() {
        let mut list = vec![];
        begin(&mut list, sending("00000001"));
        begin(&mut list, sending("00000002"));
        lost(&mut list, "00000001");
        refused(&mut list, "00000002");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].words(), "Answer lost — check the platform for ref 00000001");
        assert!(list[0].can_ask_again() && !list[0].can_decide());
        asked_again(&mut list, "00000001", "00000003");
        assert!(!list[0].can_ask_again(), "asked again once, by choice");
        assert_eq!(list[0].words(), "Answer lost — check the platform for ref 00000001 (asked again as ref 00000003)");
        assert_eq!(list[0].input(), input(500), "asking again starts from what was asked");
        assert!(lost_words("00000001").contains("look for ref 00000001 in the platform's screens"));
        assert!(asking_again_words(&list[0]).contains("the group gets the points twice"));
    }

    #[test]
    fn a_request_left_sending_by_a_closed_page_is_lost_once_no_answer_can_come() {
        let mut list = vec![sending("A")];
        assert!(!interrupted(&mut list, 1_000.0 + 44_000.0, 15), "still within the timeout");
        assert_eq!(list[0].state, RequestState::Sending);
        assert!(interrupted(&mut list, 1_000.0 + 46_000.0, 15));
        assert_eq!(list[0].state, RequestState::Lost);
        assert!(!interrupted(&mut list, 1e12, 15), "nothing more to change");
    }

    #[test]
    fn decisions_set_the_state_in_words() {
        let waiting = |id| {
            let mut r = sending(&format!("{id:08X}"));
            r.id = Some(id);
            r.state = RequestState::Pending;
            r
        };
        let mut list = vec![waiting(1), waiting(2), waiting(3), waiting(4), waiting(5)];
        let done = |status: &str, approved| Decided::Done { status: status.into(), approved };
        decided(&mut list, 1, true, &done("APPROVED", Some(500.0)), 9.0);
        decided(&mut list, 2, false, &done("REJECTED", None), 9.0);
        decided(&mut list, 3, true, &Decided::Refused { code: Some(9052), message: "state".into() }, 9.0);
        decided(&mut list, 4, true, &Decided::Refused { code: Some(9056), message: "same user".into() }, 9.0);
        // The older answer shape has no status: the button pressed says what happened.
        decided(&mut list, 5, false, &done("", None), 9.0);
        let words: Vec<String> = list.iter().map(KeptRequest::words).collect();
        assert_eq!(
            words,
            ["Approved: 500 points", "Rejected", "Decided outside the console", "Waiting for approval", "Rejected"]
        );
        assert_eq!(list[0].decided_at, Some(9.0));
        assert!(list[3].can_decide(), "a refused approval leaves it waiting");
        assert_eq!(
            list[3].note.as_deref(),
            Some(
                "Approval refused (code 9056): The same user cannot ask for and approve goodwill: approve with other \
                 credentials."
            )
        );
        // Approved without a value in the answer: the points asked.
        let mut one = vec![waiting(6)];
        decided(&mut one, 6, true, &done("APPROVED", None), 1.0);
        assert_eq!(one[0].words(), "Approved: 500 points");
        decided(&mut one, 99, true, &done("REJECTED", None), 1.0);
        assert_eq!(one[0].state, RequestState::Approved, "another id changes nothing");
    }

    #[test]
    fn the_list_keeps_200_and_drops_decided_requests_first() {
        let mut list = vec![];
        let mut first = sending("FIRST");
        first.state = RequestState::Lost;
        begin(&mut list, first);
        let mut decided_one = sending("DECIDED");
        decided_one.state = RequestState::Rejected;
        begin(&mut list, decided_one);
        for i in 0..(MAX_KEPT - 2) {
            begin(&mut list, sending(&format!("{i:08X}")));
        }
        assert_eq!(list.len(), MAX_KEPT);
        begin(&mut list, sending("NEWEST"));
        assert_eq!(list.len(), MAX_KEPT);
        assert_eq!(list[0].reference, "NEWEST");
        assert!(list.iter().any(|r| r.reference == "FIRST"), "a lost request outlives a decided one");
        assert!(!list.iter().any(|r| r.reference == "DECIDED"));
        begin(&mut list, sending("NEWER"));
        assert!(!list.iter().any(|r| r.reference == "FIRST"), "then the oldest goes");
    }

    #[test]
    fn a_lost_approval_is_told_by_the_balance() {
        let a = after_lost_approval(500, Some(750.0), Some(1250.0));
        assert_eq!(a, LostApproval::Approved { rose: 500.0 });
        assert!(a.approved());
        assert_eq!(a.words(500), "It was approved: the balance rose by 500 points. Nothing more was sent.");
        let same = after_lost_approval(500, Some(750.0), Some(750.0));
        assert_eq!(same, LostApproval::Unchanged);
        assert!(same.words(500).contains("Approve again?"));
        let other = after_lost_approval(500, Some(750.0), Some(950.0));
        assert_eq!(other, LostApproval::Unclear { change: 200.0 });
        assert_eq!(
            other.words(500),
            "Not sure: the answer was lost, and the balance changed by +200 points, not +500. Look at the ledger under \
             History before approving again."
        );
        assert!(after_lost_approval(500, Some(750.0), Some(700.0)).words(500).contains("changed by −50 points"));
        assert_eq!(after_lost_approval(500, None, Some(1.0)), LostApproval::Unread);
        assert!(!LostApproval::Unread.approved());

        let mut list = vec![sending("A")];
        list[0].id = Some(7);
        list[0].state = RequestState::Pending;
        approved_after_lost_answer(&mut list, 7, 500.0, 2.0);
        assert_eq!(list[0].words(), "Approved: 500 points");
        noted(&mut list, 7, "x");
        assert_eq!(list[0].note.as_deref(), Some("x"));
    }

    #[test]
    fn the_dialogs_say_what_was_made_and_what_a_decision_does() {
        let mut r = sending("7F3A19C2");
        r.id = Some(13044653);
        assert_eq!(
            asked_words(&r, "The Sharma Family"),
            "Request 13044653 was made: 500 goodwill points of DocDemoDefaultProgram for The Sharma Family. It waits \
             for someone's approval; it is listed under Goodwill requests."
        );
        assert_eq!(
            decision_confirmation(true, &r, "The Sharma Family"),
            "Approve request 13044653: 500 goodwill points of DocDemoDefaultProgram for The Sharma Family (reason: \
             Late delivery complaint)? The group's DocDemoDefaultProgram balance rises by 500 points."
        );
        assert!(decision_confirmation(false, &r, "The Sharma Family").starts_with("Reject request 13044653"));
        let done = |status: &str, approved| Decided::Done { status: status.into(), approved };
        assert_eq!(
            decided_words(true, &r, &done("APPROVED", Some(500.0)), "The Sharma Family"),
            "Approved: 500 goodwill points of DocDemoDefaultProgram for The Sharma Family. Close this to see the new \
             balance on the cards."
        );
        assert_eq!(
            decided_words(false, &r, &done("", None), "The Sharma Family"),
            "Rejected: The Sharma Family gets no points from request 13044653."
        );
        let elsewhere = Decided::Refused { code: Some(9052), message: String::new() };
        assert!(decided_words(true, &r, &elsewhere, "X").contains("outside the console (code 9052)"));
        r.id = None;
        assert!(asked_words(&r, "X").contains("ref 7F3A19C2"));
    }
}
