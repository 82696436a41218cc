//! What the console keeps in this browser: the settings (non-secret ones in localStorage,
//! secrets in sessionStorage unless remembered), recent work, the activity log, the goodwill
//! requests this browser made, and the list of it all that Settings shows and forgets.

pub mod activity;
pub mod browser_data;
pub mod goodwill;
pub mod recent;
pub mod settings;
pub mod storage;
