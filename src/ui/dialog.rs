//! A modal dialog: the browser's own `<dialog>` opened with `showModal()`, so focus stays in
//! it, Escape closes it and the page behind is inert. Its content exists only while it is
//! open (a dialog opened again starts afresh).

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Dialog(
    /// Whether the dialog is open; closing it (Escape, a Close button) calls `on_close`.
    open: Signal<bool>,
    on_close: Callback<()>,
    #[prop(into)] title: String,
    /// Names the dialog's heading and its element ids.
    id: &'static str,
    /// A dialog that asks to confirm something that cannot be undone.
    #[prop(optional)]
    alert: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    // Opening and closing a <dialog> is a DOM call, not something a view can state.
    Effect::new(move |_| {
        if let Some(d) = node.get() {
            match (open.get(), d.open()) {
                (true, false) => {
                    let _ = d.show_modal();
                }
                (false, true) => d.close(),
                _ => {}
            }
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=node class="dialog" id=id role=alert.then_some("alertdialog") aria-labelledby=labelled_by
            on:close=move |_| on_close.run(())>
            <div class="dialog__head">
                <h2 id=title_id>{title}</h2>
                <button type="button" class="button dialog__close" on:click=move |_| on_close.run(())>"Close"</button>
            </div>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
