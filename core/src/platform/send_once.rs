//! "Nothing is created twice": the rule every request that creates something follows (the
//! create form, the bulk import, adding members) when an earlier attempt's answer may have
//! been lost.
//!
//! - An answer that never arrived or broke off (timeout, dropped connection, cut-off JSON, a
//!   page closed mid-request) may hide a request the platform carried out: look the thing up
//!   before sending it again.
//! - "It exists already" (1633 for a group's external ID, 1636 for a member) on a retry may be
//!   our own earlier attempt whose loss did not look like one: look it up before calling it a
//!   duplicate.

use serde::{Deserialize, Serialize};

use crate::platform::error::ApiError;

/// What to do before the next attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Send,
    /// Look the thing up first: an earlier attempt may have been carried out.
    LookUp,
}

/// The attempts of one request so far. Saved with an import's rows, so its JSON field names
/// (`attempts`, `verify`) are part of the stored format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// Requests that ended in a failure (a 429 does not count: it was not carried out).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub attempts: u32,
    /// An earlier request may have reached the platform without us seeing the answer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verify: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// How a failed attempt counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The failure stands (it may still be worth retrying: see `ApiError::is_transient`).
    Stands,
    /// "It exists already" on a retry: look it up before it counts as a duplicate.
    LookUpFirst,
}

impl Delivery {
    pub fn next(&self) -> Next {
        if self.verify {
            Next::LookUp
        } else {
            Next::Send
        }
    }

    /// Records a failed attempt. `exists_code` is the code the platform answers when what the
    /// request creates is there already.
    pub fn failed(&mut self, e: &ApiError, exists_code: i64) -> Failure {
        let is_retry = self.attempts > 0 || self.verify;
        self.attempts += 1;
        if is_retry && e.code() == Some(exists_code) {
            self.verify = true;
            return Failure::LookUpFirst;
        }
        self.verify |= e.outcome_unknown();
        Failure::Stands
    }

    /// The look-up answered: nothing hides behind the earlier attempts any more.
    pub fn looked_up(&mut self) {
        self.verify = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: i64) -> ApiError {
        ApiError::Api { status: 400, code: Some(code), message: String::new() }
    }

    #[test]
    fn a_first_attempt_sends() {
        assert_eq!(Delivery::default().next(), Next::Send);
    }

    #[test]
    fn a_lost_answer_is_looked_up_before_the_next_send() {
        for lost in [
            ApiError::Timeout { secs: 15 },
            ApiError::Truncated { status: 200 },
            ApiError::Network { detail: "reset".into() },
        ] {
            let mut d = Delivery::default();
            assert_eq!(d.failed(&lost, 1633), Failure::Stands);
            assert_eq!(d.next(), Next::LookUp, "{lost:?}");
            d.looked_up();
            assert_eq!(d.next(), Next::Send);
        }
    }

    #[test]
    fn a_refusal_is_not_looked_up() {
        let mut d = Delivery::default();
        d.failed(&ApiError::Api { status: 500, code: None, message: String::new() }, 1633);
        assert_eq!(d.next(), Next::Send);
        assert_eq!(d.attempts, 1);
    }

    #[test]
    fn exists_on_the_first_attempt_is_a_duplicate_but_on_a_retry_is_looked_up() {
        let mut first = Delivery::default();
        assert_eq!(first.failed(&api(1633), 1633), Failure::Stands);
        assert_eq!(first.next(), Next::Send);

        let mut retry = Delivery { attempts: 1, verify: false };
        assert_eq!(retry.failed(&api(1633), 1633), Failure::LookUpFirst);
        assert_eq!(retry.next(), Next::LookUp);
        // Another kind's "exists" code means nothing here.
        let mut other = Delivery { attempts: 1, verify: false };
        assert_eq!(other.failed(&api(1636), 1633), Failure::Stands);
    }

    #[test]
    fn the_stored_format_keeps_its_field_names() {
        let d = Delivery { attempts: 2, verify: true };
        assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"attempts":2,"verify":true}"#);
        assert_eq!(serde_json::to_string(&Delivery::default()).unwrap(), "{}");
    }
}
