//! The filter form the transactions and the points ledger share: a kind of row (or all) and a
//! range of days, applied as soon as one changes. What the user typed stays in the fields until
//! it can be applied (days that cannot go together are refused next to the field to change,
//! and nothing is sent); otherwise the fields show the address, so back and forward update them.

use gc_core::history::ledger::LedgerEntryType;
use gc_core::history::tab::DateRangeErrors;
use gc_core::history::wire::TransactionType;
use leptos::prelude::*;

use crate::ui::segmented::Segmented;
use crate::ui::text_field::{TextField, TextValue};

/// A kind of row the form offers, by its label.
pub trait RowKind: Copy + PartialEq + Send + Sync + 'static {
    fn label(self) -> &'static str;
}

impl RowKind for TransactionType {
    fn label(self) -> &'static str {
        self.words()
    }
}

impl RowKind for LedgerEntryType {
    fn label(self) -> &'static str {
        self.words()
    }
}

/// What a form says, how its fields' ids start, and its radios' name (which starts theirs).
pub struct FilterWords {
    pub id: &'static str,
    pub radios: &'static str,
    pub legend: &'static str,
    pub from_label: &'static str,
    pub from_hint: &'static str,
    pub to_label: &'static str,
    pub to_hint: &'static str,
}

/// A filter as the form reads and writes it: the kind (`None`: all) and the days.
#[derive(Debug, Clone, PartialEq)]
pub struct DaysAndKind<K> {
    pub kind: Option<K>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl<K> DaysAndKind<K> {
    fn is_filtered(&self) -> bool {
        self.kind.is_some() || self.from.is_some() || self.to.is_some()
    }
}

/// The days, read and checked: each day or none, or what is wrong next to each field.
pub type CheckDays = fn(&str, &str) -> Result<(Option<String>, Option<String>), DateRangeErrors>;

#[component]
pub fn DaysFilter<K: RowKind>(
    words: &'static FilterWords,
    kinds: &'static [K],
    /// The filter in the address.
    #[prop(into)]
    shown: Signal<DaysAndKind<K>>,
    check: CheckDays,
    /// Shows a filter (its first page).
    apply: Callback<DaysAndKind<K>>,
) -> impl IntoView {
    let (from, from_typed) = TextValue::draft(move || shown.get().from.unwrap_or_default());
    let (to, to_typed) = TextValue::draft(move || shown.get().to.unwrap_or_default());
    let kind_chosen = RwSignal::new(None::<Option<K>>);
    let kind = move || kind_chosen.get().unwrap_or_else(|| shown.get().kind);
    let errors = Memo::new(move |_| check(&from.get(), &to.get()).err().unwrap_or_default());
    let forget_typed = move || {
        from_typed.set(None);
        to_typed.set(None);
        kind_chosen.set(None);
    };
    // Back and forward show the address's filter: refused input belongs to the page left.
    let back_or_forward = window_event_listener(leptos::ev::popstate, move |_| forget_typed());
    on_cleanup(move || back_or_forward.remove());
    let submit = move || {
        if let Ok((from, to)) = check(&from.get_untracked(), &to.get_untracked()) {
            let kind = kind_chosen.get_untracked().unwrap_or_else(|| shown.get_untracked().kind);
            apply.run(DaysAndKind { kind, from, to });
            forget_typed();
        }
    };
    let clear = move |_| {
        apply.run(DaysAndKind { kind: None, from: None, to: None });
        forget_typed();
    };
    let choices = std::iter::once((None, "All")).chain(kinds.iter().map(|k| (Some(*k), k.label()))).collect();
    // `change` bubbles from the radios and the date fields: each change applies the filter.
    view! {
        <form class="history__filters" novalidate
            on:change=move |_| submit()
            on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <Segmented legend=words.legend name=words.radios choices selected=Signal::derive(kind)
                on_choose=Callback::new(move |k| kind_chosen.set(Some(k))) />
            <TextField id=format!("{}-from", words.id) label=words.from_label value=from input_type="date"
                hint=words.from_hint error=Signal::derive(move || errors.get().from.map(String::from)) />
            <TextField id=format!("{}-to", words.id) label=words.to_label value=to input_type="date"
                hint=words.to_hint error=Signal::derive(move || errors.get().to.map(String::from)) />
            <Show when=move || shown.get().is_filtered() || from_typed.get().is_some() || to_typed.get().is_some()>
                <button type="button" class="button history__clear" on:click=clear>"Clear filters"</button>
            </Show>
        </form>
    }
}
