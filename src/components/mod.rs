//! Reusable pieces of the pages, named for what the user sees.

pub mod capacity_meter;
pub mod error_alert;
pub mod expiry_chart;
pub mod expiry_schedules;
pub mod extended_fields;
pub mod group_header;
pub mod group_history;
pub mod import_tables;
pub mod members_table;
pub mod pager;
pub mod points_card;
pub mod reward_group_facts;
pub mod reward_group_fields;
pub mod segmented;
pub mod text_field;
pub mod timestamp;
pub mod warnings;

pub use capacity_meter::CapacityMeter;
pub use error_alert::ErrorAlert;
pub use expiry_chart::ExpiryChart;
pub use expiry_schedules::ExpirySchedules;
pub use extended_fields::{ExtendedFieldRow, ExtendedFieldsEditor};
pub use group_header::GroupHeader;
pub use group_history::GroupHistory;
pub use members_table::MembersTable;
pub use pager::Pager;
pub use points_card::{PointsCard, RenewStrategies};
pub use reward_group_facts::RewardGroupFacts;
pub use reward_group_fields::RewardGroupFields;
pub use segmented::Segmented;
pub use text_field::{TextField, TextValue};
pub use timestamp::Timestamp;
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
