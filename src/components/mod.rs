//! Reusable pieces of the pages, named for what the user sees.

pub mod activity_log;
pub mod add_members;
pub mod capacity_meter;
pub mod delete_group;
pub mod dialog;
pub mod error_alert;
pub mod expiry_chart;
pub mod expiry_schedules;
pub mod extended_fields;
pub mod group_header;
pub mod group_history;
pub mod group_search_results;
pub mod import_run;
pub mod import_tables;
pub mod member_permissions;
pub mod members_tab;
pub mod members_table;
pub mod move_members;
pub mod pager;
pub mod points_card;
pub mod remove_member;
pub mod reward_group_facts;
pub mod reward_group_fields;
pub mod segmented;
pub mod text_field;
pub mod tier_changes;
pub mod timestamp;
pub mod transactions;
pub mod warnings;

pub use activity_log::ActivityLog;
pub use add_members::AddMembers;
pub use capacity_meter::CapacityMeter;
pub use delete_group::DeleteGroup;
pub use dialog::Dialog;
pub use error_alert::ErrorAlert;
pub use expiry_chart::ExpiryChart;
pub use expiry_schedules::ExpirySchedules;
pub use extended_fields::{ExtendedFieldRow, ExtendedFieldsEditor};
pub use group_header::GroupHeader;
pub use group_history::GroupHistory;
pub use group_search_results::GroupSearchResults;
pub use member_permissions::PermissionsPanel;
pub use members_tab::{GroupRefresh, MembersTab};
pub use members_table::MembersTable;
pub use move_members::MovePanel;
pub use pager::Pager;
pub use points_card::{PointsCard, RenewStrategies};
pub use remove_member::RemovePanel;
pub use reward_group_facts::RewardGroupFacts;
pub use reward_group_fields::RewardGroupFields;
pub use segmented::Segmented;
pub use text_field::{TextField, TextValue};
pub use tier_changes::TierChanges;
pub use timestamp::Timestamp;
pub use transactions::Transactions;
pub use warnings::WarningList;

/// Moves keyboard focus to the element with this id (the first invalid field on submit).
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = leptos::prelude::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
