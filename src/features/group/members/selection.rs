//! The members an action is for, and which action's dialog is open: shared by the Members tab
//! and its dialogs.

use std::collections::BTreeMap;

use gc_core::members::wire::GroupMember;
use leptos::prelude::*;

/// Members chosen for an action, by customer id, kept across pages.
pub type Selection = RwSignal<BTreeMap<u64, GroupMember>>;

/// What a dialog is open for.
#[derive(Clone, PartialEq)]
pub enum MemberAction {
    Remove(GroupMember),
    Move(Vec<GroupMember>),
    Permissions(Vec<GroupMember>),
}

/// A member action's dialog: what it is open for (when `pick` recognises the action), whether
/// it is open, and closing it.
pub fn dialog_for<T: Clone + PartialEq + Send + Sync + 'static>(
    action: RwSignal<Option<MemberAction>>,
    pick: fn(&MemberAction) -> Option<T>,
) -> (Memo<Option<T>>, Signal<bool>, Callback<()>) {
    let target = Memo::new(move |_| action.with(|a| a.as_ref().and_then(pick)));
    let open = Signal::derive(move || target.with(Option::is_some));
    let close = Callback::new(move |_| {
        if action.with_untracked(|a| a.as_ref().and_then(pick).is_some()) {
            action.set(None)
        }
    });
    (target, open, close)
}
