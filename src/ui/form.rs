//! The one shape of every form that sends something: checked before sending (messages after
//! the first attempt, the first invalid field focused), never sent twice while a request is
//! out, and its outcome read from the action's value — the answer, a platform code placed
//! next to its field (until that field changes), or an alert with what happened and Retry.
//! Nothing is copied from the action into other signals.

use std::future::Future;

use gc_core::platform::endpoints::CallId;
use gc_core::platform::error::{ApiError, Field};
use leptos::prelude::*;

use crate::ui::focus_by_id;

use crate::ui::alerts::ErrorAlert;

/// A form's request state. Copy: it is signals and an action.
pub struct Form<Req: 'static, Res: 'static> {
    /// The request sent and what came of it (the request is kept to tell whether a field still
    /// holds what was sent).
    action: Action<Req, (Req, Result<Res, ApiError>)>,
    attempted: RwSignal<bool>,
    /// The call behind the form, which decides what a platform code points to (none for a
    /// form that saves locally).
    endpoint: Option<CallId>,
    /// The fields of this form a platform code can point to, with their inputs.
    fields: &'static [(Field, &'static str)],
}

impl<Req, Res> Clone for Form<Req, Res> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Req, Res> Copy for Form<Req, Res> {}

impl<Req, Res> Form<Req, Res>
where
    Req: Clone + Send + Sync + 'static,
    Res: Clone + Send + Sync + 'static,
{
    /// `send` makes the request (and whatever must follow a success, such as the recent list).
    pub fn new<F, Fut>(endpoint: CallId, fields: &'static [(Field, &'static str)], send: F) -> Self
    where
        F: Fn(Req) -> Fut + 'static,
        Fut: Future<Output = Result<Res, ApiError>> + 'static,
    {
        Self::with(Some(endpoint), fields, send)
    }

    /// A form that saves without asking the platform (Settings).
    pub fn local<F, Fut>(save: F) -> Self
    where
        F: Fn(Req) -> Fut + 'static,
        Fut: Future<Output = Result<Res, ApiError>> + 'static,
    {
        Self::with(None, &[], save)
    }

    fn with<F, Fut>(endpoint: Option<CallId>, fields: &'static [(Field, &'static str)], send: F) -> Self
    where
        F: Fn(Req) -> Fut + 'static,
        Fut: Future<Output = Result<Res, ApiError>> + 'static,
    {
        let action = Action::new_local(move |req: &Req| {
            let req = req.clone();
            let answer = send(req.clone());
            async move {
                let answer = answer.await;
                // The platform's verdict on a field: the user goes straight to it.
                if let Err(e) = &answer {
                    if let Some(input) = place(endpoint, fields, e) {
                        focus_by_id(input);
                    }
                }
                (req, answer)
            }
        });
        Form { action, attempted: RwSignal::new(false), endpoint, fields }
    }

    /// Sends the checked request, or focuses the first invalid field (`Err` holds its id).
    /// Does nothing while a request is out: never twice.
    pub fn submit(self, checked: Result<Req, String>) {
        self.attempted.set(true);
        match checked {
            Err(input) => focus_by_id(&input),
            Ok(_) if self.action.pending().get_untracked() => {}
            Ok(req) => {
                self.action.dispatch(req);
            }
        }
    }

    /// The user has tried to submit: every message shows from now on.
    pub fn attempted(self) -> bool {
        self.attempted.get()
    }

    pub fn pending(self) -> Signal<bool> {
        self.action.pending().into()
    }

    /// The request that went through and its answer.
    pub fn done(self) -> Option<(Req, Res)> {
        self.action.value().with(|v| match v {
            Some((req, Ok(res))) => Some((req.clone(), res.clone())),
            _ => None,
        })
    }

    /// A failure that belongs to no field of this form: shown as an alert with Retry (and
    /// hidden while the retry is out).
    pub fn failure(self) -> Option<ApiError> {
        if self.action.pending().get() {
            return None;
        }
        self.action.value().with(|v| match v {
            Some((_, Err(e))) if place(self.endpoint, self.fields, e).is_none() => Some(e.clone()),
            _ => None,
        })
    }

    /// The platform's verdict on `field`, while `unchanged` says the field still holds what
    /// was sent (an edit clears it).
    pub fn server_error(self, field: Field, unchanged: impl Fn(&Req) -> bool) -> Option<ApiError> {
        self.action.value().with(|v| match v {
            Some((req, Err(e))) if self.endpoint.and_then(|ep| e.field(ep)) == Some(field) && unchanged(req) => {
                Some(e.clone())
            }
            _ => None,
        })
    }

    /// [`Self::server_error`] in the platform code's words.
    pub fn server_message(self, field: Field, unchanged: impl Fn(&Req) -> bool) -> Option<String> {
        self.server_error(field, unchanged).map(|e| e.headline())
    }

    /// A local check's message: after the first attempt, or at once when `live` (a counter
    /// past its limit says so as the user types).
    pub fn shown(self, message: Option<String>, live: bool) -> Option<String> {
        message.filter(|_| live || self.attempted())
    }

    /// Back to an empty form ("Create another").
    pub fn reset(self) {
        self.action.value().set(None);
        self.attempted.set(false);
    }
}

/// The input a platform error points to, when it is a field of this form.
fn place(endpoint: Option<CallId>, fields: &[(Field, &'static str)], e: &ApiError) -> Option<&'static str> {
    let field = e.field(endpoint?)?;
    fields.iter().find(|(f, _)| *f == field).map(|(_, input)| *input)
}

/// The alert for a failure that belongs to no field, with Retry.
#[component]
pub fn FormFailure<Req, Res>(form: Form<Req, Res>, on_retry: Callback<()>) -> impl IntoView
where
    Req: Clone + Send + Sync + 'static,
    Res: Clone + Send + Sync + 'static,
{
    move || form.failure().map(|error| view! { <ErrorAlert error on_retry /> })
}

/// A dialog form's last lines: what went wrong (with Retry), then its submit button and Cancel.
#[component]
pub fn SubmitOrCancel<Req, Res>(
    form: Form<Req, Res>,
    on_retry: Callback<()>,
    label: &'static str,
    busy: &'static str,
    close: Callback<()>,
) -> impl IntoView
where
    Req: Clone + Send + Sync + 'static,
    Res: Clone + Send + Sync + 'static,
{
    view! {
        <FormFailure form on_retry />
        <div class="form__actions">
            <SubmitButton pending=form.pending() label busy />
            <button type="button" class="button" on:click=move |_| close.run(())>"Cancel"</button>
        </div>
    }
}

/// The form's submit button: disabled, and saying so, while the request is out.
#[component]
pub fn SubmitButton(
    pending: Signal<bool>,
    label: &'static str,
    busy: &'static str,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button id=id type="submit" class="button button--primary" disabled=move || pending.get()>
            {move || if pending.get() { busy } else { label }}
        </button>
    }
}
