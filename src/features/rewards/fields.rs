//! Name and Rank of the reward-group forms (create and edit), by the same rules
//! (`gc_core::rewards::checks::validate_reward`): messages after the first attempt (a name past
//! 255 characters at once), and the platform's verdict on the name (12012, "Group name must
//! not be null") while the field still holds the name that was sent.

use gc_core::platform::error::Field;
use gc_core::rewards::checks::{RewardErrors, MAX_REWARD_NAME_UNITS};
use gc_core::rewards::wire::RewardGroupRequest;
use leptos::prelude::*;

use crate::ui::form::Form;
use crate::ui::text_field::TextField;

pub const NAME_INPUT: &str = "reward-name";
pub const RANK_INPUT: &str = "reward-rank";

/// Where a platform code on a reward-group form is shown.
pub const REWARD_FIELDS: &[(Field, &str)] = &[(Field::RewardName, NAME_INPUT)];

/// The input to focus when the fields do not pass.
pub fn first_invalid(e: RewardErrors) -> String {
    if e.name.is_some() { NAME_INPUT } else { RANK_INPUT }.to_string()
}

#[component]
pub fn RewardGroupFields<Req, Res>(
    form: Form<Req, Res>,
    name: RwSignal<String>,
    rank: RwSignal<String>,
    checked: Memo<Result<RewardGroupRequest, RewardErrors>>,
    /// The name a request carried.
    sent_name: fn(&Req) -> String,
    #[prop(into)] name_hint: Signal<String>,
    #[prop(into)] rank_hint: Signal<String>,
) -> impl IntoView
where
    Req: Clone + Send + Sync + 'static,
    Res: Clone + Send + Sync + 'static,
{
    let name_error = Signal::derive(move || {
        let local = checked.get().err().and_then(|e| e.name);
        let live = local.as_ref().is_some_and(|e| e.is_too_long());
        form.shown(local.map(|e| e.to_string()), live)
            .or_else(|| form.server_message(Field::RewardName, |r| sent_name(r) == name.read().trim()))
    });
    let rank_error =
        Signal::derive(move || form.shown(checked.get().err().and_then(|e| e.rank).map(|e| e.to_string()), false));
    view! {
        <TextField id=NAME_INPUT label="Name" value=name error=name_error required=true
            max_units=MAX_REWARD_NAME_UNITS hint=name_hint />
        <TextField id=RANK_INPUT label="Rank" value=rank error=rank_error inputmode="numeric" hint=rank_hint />
    }
}
