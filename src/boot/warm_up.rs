//! Work done ahead of time so that it is not paid when the user waits: the browser's locale
//! formatters (the first of each kind costs 15–30 ms while Chromium loads the locale's data)
//! and the group answer's reading code (V8 compiles wasm a function at a time, on its first
//! call: about 5 ms for the first group answer). One task each, so none is a long one.

use std::sync::atomic::{AtomicBool, Ordering};

use gc_core::group::wire::GroupDetails;
use wasm_bindgen::JsCast;

use crate::ui::intl;

/// Makes the formatters while the browser is idle after the console starts (a page's code and
/// data are usually still on their way).
pub fn formatters_when_idle() {
    for make in intl::FORMATTERS {
        schedule(make, true);
    }
}

/// Makes the formatters in the next tasks, for a page known to format at once (a group page,
/// whose GET is on its way): a trace of the group page found the idle warm-up not yet run when
/// the answer arrived, so it was paid inside the first render.
pub fn formatters_soon() {
    for make in intl::FORMATTERS {
        schedule(make, false);
    }
}

/// Once: the group answer's reader compiled while the first answer is on its way.
pub fn group_reading() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if !DONE.swap(true, Ordering::Relaxed) {
        schedule(GroupDetails::warm_up, false);
    }
}

/// Runs `f` in a task of its own, soon (a part's warm-up: one task per table drawn).
pub fn soon(f: impl FnOnce() + 'static) {
    schedule(f, false);
}

fn schedule(f: impl FnOnce() + 'static, when_idle: bool) {
    let Some(w) = web_sys::window() else { return };
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    // Safari has no requestIdleCallback.
    if !when_idle || w.request_idle_callback(cb.unchecked_ref()).is_err() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0);
    }
}
