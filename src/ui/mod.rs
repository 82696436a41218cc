//! Reusable view pieces, named for what the user sees: text fields, dialogs, pagers, alerts,
//! segmented controls, scrolling table boxes, timestamps, warnings, the form helper, numbers
//! and dates in the browser's locale, downloads, data that follows a key, and the import's
//! run panel.

pub mod alerts;
pub mod dialog;
pub mod download;
pub mod form;
pub mod import;
pub mod intl;
pub mod latest;
pub mod pager;
pub mod scroll_box;
pub mod segmented;
pub mod show;
pub mod status_badge;
pub mod text_field;
pub mod timestamp;
pub mod warnings;

/// Moves keyboard focus to the element with this id (the first invalid field on submit).
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = leptos::prelude::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
