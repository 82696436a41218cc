//! Performance marks that `make bench` reads (performance.getEntriesByName). Cheap: one
//! call each, at moments that matter to a user.

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Marks `name` in the next animation frame: the frame in which what was just rendered is
/// painted.
pub fn mark_next_frame(name: &'static str) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let cb = Closure::once_into_js(move || mark(name));
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}
