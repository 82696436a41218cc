//! The deployment's optional `config.json` beside index.html (presets for the non-secret
//! settings). Missing or invalid means "no presets": the console works without it.

use std::cell::RefCell;

use gc_core::console::settings::{RuntimeConfig, Settings};

use crate::state::settings::SettingsStore;

enum State {
    /// Nothing asked for it (a component mounted on its own, in a test).
    NotAsked,
    /// config.json is on its way; these run once it is read.
    Loading(Vec<Box<dyn FnOnce()>>),
    /// Read, or found missing (the default: no presets, credentials in the browser).
    Known(RuntimeConfig),
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::NotAsked) };
}

pub fn load_runtime_config(store: SettingsStore) {
    STATE.with(|s| *s.borrow_mut() = State::Loading(Vec::new()));
    leptos::task::spawn_local(async move {
        let config = fetch_config().await;
        if let Some(config) = &config {
            store.apply_config(config.clone());
        }
        let known = State::Known(config.unwrap_or_default());
        if let State::Loading(waiting) = STATE.with(|s| std::mem::replace(&mut *s.borrow_mut(), known)) {
            for f in waiting {
                f();
            }
        }
    });
}

/// The browser's plain `fetch` and core's small JSON reader: this runs in the shell, which
/// carries neither gloo-net's request code nor serde_json's reader (platform::small_json).
async fn fetch_config() -> Option<RuntimeConfig> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let headers = web_sys::Headers::new().ok()?;
    headers.append("Accept", "application/json").ok()?;
    let init = web_sys::RequestInit::new();
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init("/config.json", &init).ok()?;
    let res: web_sys::Response =
        JsFuture::from(web_sys::window()?.fetch_with_request(&request)).await.ok()?.dyn_into().ok()?;
    if !res.ok() {
        return None;
    }
    let text = JsFuture::from(res.text().ok()?).await.ok()?.as_string()?;
    RuntimeConfig::read(&text)
}

/// Runs `f` once the deployment's config is known: it decides where requests go and whether
/// the server holds the credentials, so a request started earlier could go wrong.
pub fn after_config(f: impl FnOnce() + 'static) {
    let f: Box<dyn FnOnce()> = Box::new(f);
    let now = STATE.with(|s| match &mut *s.borrow_mut() {
        State::Loading(waiting) => {
            waiting.push(f);
            None
        }
        _ => Some(f),
    });
    if let Some(f) = now {
        f();
    }
}

/// `settings` as the deployment's config has them, once it is known. A page can be built (and
/// take its settings) before config.json arrives; when the server holds the credentials, the
/// ones a browser kept from before must not go out.
pub async fn settled(settings: &Settings) -> Settings {
    let (tx, rx) = futures_channel::oneshot::channel::<()>();
    after_config(move || {
        let _ = tx.send(());
    });
    let _ = rx.await;
    STATE.with(|s| match &*s.borrow() {
        State::Known(config) => settings.effective(config),
        _ => settings.clone(),
    })
}
