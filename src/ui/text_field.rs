//! A labelled text input with its hint or error underneath and, for limited fields, a live
//! "12/50" counter that turns into an error past the limit. No `maxlength`: the user sees
//! the excess and fixes it; nothing is cut off silently.

use gc_core::platform::fields::utf16_len;
use leptos::prelude::*;

/// What a text field shows and where typing goes: a plain signal, or a draft over a stored
/// value that shows the stored value until the user types (Settings: a preset that arrives
/// late fills only the fields the user has not touched).
#[derive(Clone, Copy)]
pub struct TextValue {
    get: Signal<String>,
    set: SignalSetter<String>,
}

impl From<RwSignal<String>> for TextValue {
    fn from(s: RwSignal<String>) -> Self {
        TextValue { get: s.into(), set: s.into() }
    }
}

impl TextValue {
    /// A field that shows `get` and hands what the user types to `set` (a search that waits
    /// for typing to pause before it changes the address).
    pub fn new(get: Signal<String>, set: SignalSetter<String>) -> Self {
        TextValue { get, set }
    }

    /// A draft: what the user typed, else `stored()`. The returned signal is `None` while the
    /// field is untouched.
    pub fn draft(stored: impl Fn() -> String + Send + Sync + 'static) -> (TextValue, RwSignal<Option<String>>) {
        let typed = RwSignal::new(None::<String>);
        let get = Signal::derive(move || typed.get().unwrap_or_else(&stored));
        (TextValue { get, set: SignalSetter::map(move |v| typed.set(Some(v))) }, typed)
    }

    pub fn get(&self) -> String {
        self.get.get()
    }

    pub fn get_untracked(&self) -> String {
        self.get.get_untracked()
    }

    pub fn set(&self, v: String) {
        self.set.set(v)
    }
}

#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: TextValue,
    /// The message to show next to the field, when invalid.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// Limit in UTF-16 code units (as the platform counts); shows the counter.
    #[prop(optional)]
    max_units: Option<usize>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    /// The hint is a warning (a secret kept in the browser).
    #[prop(optional)]
    hint_warning: bool,
    #[prop(optional)] required: bool,
    /// "numeric" for whole numbers: a text input, so "2.5" or "abc" reach our validation
    /// and get a precise message instead of the browser's silent rejection.
    #[prop(optional, into)]
    inputmode: MaybeProp<&'static str>,
    /// "password" for secrets; "text" otherwise.
    #[prop(default = "text")]
    input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] placeholder: Option<&'static str>,
    /// Called with the value after each keystroke (searching as the user types).
    #[prop(optional)]
    on_input: Option<Callback<String>>,
    /// "search" for a search box (the browser offers to clear it).
    #[prop(optional)]
    input_role: Option<&'static str>,
    /// Several lines (a list pasted one per line): a `<textarea>` this many rows high.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let msg_id = format!("{id}-msg");
    let count_id = format!("{id}-count");
    let described = if max_units.is_some() { format!("{msg_id} {count_id}") } else { msg_id.clone() };
    let count = move || utf16_len(value.get.read().trim());
    let over = move || max_units.is_some_and(|m| count() > m);
    let hint_class = if hint_warning { "field__hint field__hint--warning" } else { "field__hint" };
    let invalid = move || if error.read().is_some() { "true" } else { "false" };
    let typed = move |ev: leptos::ev::Event| {
        if let Some(cb) = on_input {
            cb.run(event_target_value(&ev));
        }
    };
    let control = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() rows=rows autocomplete=autocomplete placeholder=placeholder
                aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described.clone()
                bind:value=(value.get, value.set) on:input=typed></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id.clone()
                type=input_type
                inputmode=move || inputmode.get()
                autocomplete=autocomplete
                placeholder=placeholder
                aria-required=required.then_some("true")
                aria-invalid=invalid
                aria-describedby=described
                bind:value=(value.get, value.set)
                role=input_role
                on:input=typed
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:field--invalid=move || error.read().is_some()>
            <label for=id>{label}</label>
            {control}
            <div class="field__below">
                <p id=msg_id class=move || if error.read().is_some() { "field__error" } else { hint_class }>
                    {move || error.get().or_else(|| hint.get())}
                </p>
                {max_units.map(|max| view! {
                    <span id=count_id class="field__counter" class:field__counter--over=over>
                        {move || format!("{}/{max}", count())}
                    </span>
                })}
            </div>
        </div>
    }
}
