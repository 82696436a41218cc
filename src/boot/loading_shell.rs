//! index.html's static shell, painted before the wasm arrives. On `/` it holds the home page's
//! search box as a plain form (typing works, Enter searches through the address), so a first
//! visit can be used from the first paint; the console takes over what was typed there.
//!
//! While the shell is in the page, CSS hides the console's elements after it (base.css). On `/`
//! it stays until the home page's code has arrived and its view is built, so the search box
//! never disappears under the user's fingers; anywhere else it goes when the console mounts.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

const SHELL: &str = "loading-shell";
const SEARCH_BOX: &str = "shell-search-text";

/// What the user did in the shell's search box before the console took over.
pub struct ShellSearch {
    pub text: String,
    pub focused: bool,
}

/// At mount: the shell goes now unless it is showing the home page's search box.
pub fn remove_unless_searching() {
    if shell_search_box().is_none() {
        remove();
    }
}

/// When the first page is built (or could not be): the console's page takes the shell's place.
pub fn remove() {
    if let Some(shell) = document().get_element_by_id(SHELL) {
        shell.remove();
    }
}

/// The shell's search box as the user left it, while the shell is still there.
pub fn typed_search() -> Option<ShellSearch> {
    let input = shell_search_box()?;
    let focused = document().active_element().is_some_and(|el| el.id() == SEARCH_BOX);
    Some(ShellSearch { text: input.value(), focused })
}

/// The shell's search box, if index.html's script showed it (on `/` only).
fn shell_search_box() -> Option<web_sys::HtmlInputElement> {
    let input = document().get_element_by_id(SEARCH_BOX)?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    // Hidden with its form everywhere but `/`.
    input.closest("[hidden]").ok().flatten().is_none().then_some(input)
}
