//! The extended-fields editor: rows of "Field name" and "Value"; "Add extended field" adds a
//! row, each row can be removed. Errors come from the form's validation, by row.

use gc_core::group::checks::{CreateField, RowErrors};
use leptos::prelude::*;

use crate::ui::text_field::TextField;

/// A row's messages: (name, value).
type MessagePair = (Option<String>, Option<String>);

#[derive(Clone, Copy)]
pub struct ExtendedFieldRow {
    /// Stable across removals, so ids and focus stay with their row.
    pub key: u32,
    pub name: RwSignal<String>,
    pub value: RwSignal<String>,
    /// Rows that came from the group (edit form) cannot be removed: the API has no way to
    /// delete an extended field.
    pub existing: bool,
}

impl ExtendedFieldRow {
    pub fn new(key: u32, name: &str, value: &str, existing: bool) -> Self {
        ExtendedFieldRow { key, name: RwSignal::new(name.into()), value: RwSignal::new(value.into()), existing }
    }
}

pub fn row_name_id(key: u32) -> String {
    format!("ext-{key}-name")
}

pub fn row_value_id(key: u32) -> String {
    format!("ext-{key}-value")
}

/// The rows' validation messages as the editor shows them.
pub fn row_messages(errors: Vec<RowErrors>) -> Vec<MessagePair> {
    errors.into_iter().map(|(n, v)| (n.map(|e| e.to_string()), v.map(|e| e.to_string()))).collect()
}

/// The id of the input that takes the focus for a form's first invalid field: `fixed` are the
/// ids of External ID, Group name and Max group size; extended fields are found by position.
pub fn invalid_input_id(field: CreateField, fixed: [&str; 3], rows: RwSignal<Vec<ExtendedFieldRow>>) -> String {
    let [external_id, group_name, max_size] = fixed;
    let row_key = |i: usize| rows.with_untracked(|r| r.get(i).map(|r| r.key));
    match field {
        CreateField::ExternalId => external_id.to_string(),
        CreateField::GroupName => group_name.to_string(),
        CreateField::MaxGroupSize => max_size.to_string(),
        CreateField::ExtendedFieldName(i) => row_key(i).map(row_name_id).unwrap_or_default(),
        CreateField::ExtendedFieldValue(i) => row_key(i).map(row_value_id).unwrap_or_default(),
    }
}

#[component]
pub fn ExtendedFieldsEditor(
    rows: RwSignal<Vec<ExtendedFieldRow>>,
    /// (name error, value error) per row, in row order.
    #[prop(into)]
    errors: Signal<Vec<MessagePair>>,
) -> impl IntoView {
    let next_key = StoredValue::new(rows.with_untracked(|r| r.iter().map(|r| r.key + 1).max().unwrap_or(0)));
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| r.push(ExtendedFieldRow::new(key, "", "", false)));
        crate::ui::focus_by_id(&row_name_id(key));
    };
    let error_at = move |key: u32, pick: fn(&MessagePair) -> Option<String>| {
        Signal::derive(move || {
            let idx = rows.with(|r| r.iter().position(|r| r.key == key))?;
            errors.with(|e| e.get(idx).and_then(pick))
        })
    };
    view! {
        <fieldset class="extended-fields">
            <legend>"Extended fields"</legend>
            <p class="field__hint">"Fields your org defined for user groups, such as ug_status."</p>
            <For each=move || rows.get() key=|r| r.key let:row>
                <div class="extended-fields__row">
                    <TextField id=row_name_id(row.key) label="Field name" value=row.name
                        error=error_at(row.key, |e| e.0.clone()) />
                    <TextField id=row_value_id(row.key) label="Value" value=row.value
                        error=error_at(row.key, |e| e.1.clone()) />
                    {(!row.existing).then(|| view! {
                        <button type="button" class="button extended-fields__remove"
                            aria-label=move || format!("Remove extended field {}", display_name(&row.name.get()))
                            on:click=move |_| rows.update(|r| r.retain(|x| x.key != row.key))>
                            "Remove"
                        </button>
                    })}
                </div>
            </For>
            <button type="button" class="button" on:click=add>"Add extended field"</button>
        </fieldset>
    }
}

fn display_name(name: &str) -> String {
    if name.trim().is_empty() {
        "(unnamed)".into()
    } else {
        name.trim().to_string()
    }
}
