//! Settings: where the API is, how to sign in, and the org's group size limit.

use gc_core::auth::md5_hex;
use gc_core::settings::{AuthMode, Secrets, Settings};
use leptos::prelude::*;

use crate::state::use_settings;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let store = use_settings();
    let current = store.settings.get_untracked();

    let api_base = RwSignal::new(current.public.api_base_url.clone());
    let reward_base = RwSignal::new(current.public.reward_api_base_url.clone());
    let auth_mode = RwSignal::new(current.public.auth_mode);
    let username = RwSignal::new(current.public.username.clone());
    let password = RwSignal::new(String::new());
    let oauth_token = RwSignal::new(String::new());
    let client_key = RwSignal::new(current.public.client_key.clone());
    let client_secret = RwSignal::new(String::new());
    let remember = RwSignal::new(current.public.remember);
    let limit = RwSignal::new(current.public.max_group_size_limit.to_string());
    let saved = RwSignal::new(false);

    // config.json may arrive after this page mounted: refresh the fields the user has not touched.
    Effect::watch(
        move || store.settings.get(),
        move |s, _, _| {
            api_base.set(s.public.api_base_url.clone());
            reward_base.set(s.public.reward_api_base_url.clone());
            limit.set(s.public.max_group_size_limit.to_string());
        },
        false,
    );

    let limit_error = move || match limit.get().trim().parse::<u32>() {
        Ok(n) if n >= 1 => None,
        _ => Some("Enter a whole number of at least 1 (the org's CONF_MAX_FLEET_GROUP_SIZE).".to_string()),
    };
    let has_saved = move |f: fn(&Secrets) -> &String| !f(&store.settings.read().secrets).is_empty();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        if limit_error().is_some() {
            focus("settings-limit");
            return;
        }
        let old = store.settings.get_untracked();
        let mut public = old.public.clone();
        public.api_base_url = api_base.get_untracked().trim().to_string();
        public.reward_api_base_url = reward_base.get_untracked().trim().to_string();
        public.auth_mode = auth_mode.get_untracked();
        public.username = username.get_untracked().trim().to_string();
        public.client_key = client_key.get_untracked().trim().to_string();
        public.remember = remember.get_untracked();
        public.max_group_size_limit = limit.get_untracked().trim().parse().unwrap_or(public.max_group_size_limit);
        // An empty secret field keeps what is saved; typing replaces it.
        let mut secrets = old.secrets.clone();
        let pw = password.get_untracked();
        if !pw.is_empty() {
            secrets.password_md5 = md5_hex(&pw);
        }
        let token = oauth_token.get_untracked();
        if !token.trim().is_empty() {
            secrets.oauth_token = token.trim().to_string();
        }
        let secret = client_secret.get_untracked();
        if !secret.trim().is_empty() {
            secrets.client_secret = secret.trim().to_string();
        }
        store.save(Settings { public, secrets });
        password.set(String::new());
        oauth_token.set(String::new());
        client_secret.set(String::new());
        saved.set(true);
    };

    let forget = move |_| {
        let mut s = store.settings.get_untracked();
        s.secrets = Secrets::default();
        store.save(s);
        saved.set(false);
    };

    view! {
        <h1>"Settings"</h1>
        <form class="form settings-form" on:submit=on_submit novalidate>
            <fieldset>
                <legend>"Platform"</legend>
                <div class="field">
                    <label for="settings-api-base">"API base URL"</label>
                    <input id="settings-api-base" type="url" aria-describedby="settings-api-base-hint"
                        bind:value=api_base placeholder="https://eu.api.capillarytech.com" />
                    <p id="settings-api-base-hint" class="field__hint">
                        "Empty: this console's own address (the emulator, or a CDN with the API forwarded)."
                    </p>
                </div>
                <div class="field">
                    <label for="settings-reward-base">"Reward API base URL"</label>
                    <input id="settings-reward-base" type="url" aria-describedby="settings-reward-base-hint"
                        bind:value=reward_base placeholder="https://eucrm.cc.capillarytech.com" />
                    <p id="settings-reward-base-hint" class="field__hint">"Empty: the same as the API base URL."</p>
                </div>
                <div class="field">
                    <label for="settings-limit">"Max group size limit"</label>
                    <input id="settings-limit" type="text" inputmode="numeric" bind:value=limit
                        aria-invalid=move || limit_error().is_some().to_string()
                        aria-describedby="settings-limit-msg" />
                    <p id="settings-limit-msg" class=move || if limit_error().is_some() { "field__error" } else { "field__hint" }>
                        {move || limit_error().unwrap_or_else(|| "The org's CONF_MAX_FLEET_GROUP_SIZE; 30,000 when unset.".into())}
                    </p>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Sign-in"</legend>
                <div class="field">
                    <label for="settings-auth">"Authentication"</label>
                    <select id="settings-auth"
                        on:change=move |ev| auth_mode.set(parse_mode(&event_target_value(&ev)))
                        prop:value=move || mode_value(auth_mode.get())>
                        <option value="basic">"Basic (username and password)"</option>
                        <option value="oauth_token">"OAuth token"</option>
                        <option value="oauth_client">"OAuth client key and secret"</option>
                    </select>
                </div>
                <Show when=move || auth_mode.get() == AuthMode::Basic>
                    <div class="field">
                        <label for="settings-username">"Username"</label>
                        <input id="settings-username" type="text" autocomplete="username" bind:value=username />
                    </div>
                    <div class="field">
                        <label for="settings-password">"Password"</label>
                        <input id="settings-password" type="password" autocomplete="current-password"
                            aria-describedby="settings-password-hint" bind:value=password />
                        <p id="settings-password-hint" class="field__hint">
                            {move || if has_saved(|s| &s.password_md5) {
                                "A password is saved. Leave this empty to keep it."
                            } else {
                                "Sent as its MD5 hash, as the platform expects; the plain text is never stored."
                            }}
                        </p>
                    </div>
                </Show>
                <Show when=move || auth_mode.get() == AuthMode::OauthToken>
                    <div class="field">
                        <label for="settings-token">"OAuth token"</label>
                        <input id="settings-token" type="password" autocomplete="off"
                            aria-describedby="settings-token-hint" bind:value=oauth_token />
                        <p id="settings-token-hint" class="field__hint">
                            {move || if has_saved(|s| &s.oauth_token) {
                                "A token is saved. Leave this empty to keep it."
                            } else {
                                "Sent in the X-CAP-API-OAUTH-TOKEN header."
                            }}
                        </p>
                    </div>
                </Show>
                <Show when=move || auth_mode.get() == AuthMode::OauthClient>
                    <div class="field">
                        <label for="settings-client-key">"Client key"</label>
                        <input id="settings-client-key" type="text" autocomplete="off" bind:value=client_key />
                    </div>
                    <div class="field">
                        <label for="settings-client-secret">"Client secret"</label>
                        <input id="settings-client-secret" type="password" autocomplete="off"
                            aria-describedby="settings-client-secret-hint" bind:value=client_secret />
                        <p id="settings-client-secret-hint" class="field__hint field__hint--warning">
                            "Anyone who can open this page can read a secret kept in the browser. "
                            "Use it only on your own machine; for a shared deployment let the server hold it."
                            {move || if has_saved(|s| &s.client_secret) { " A secret is saved; leave this empty to keep it." } else { "" }}
                        </p>
                    </div>
                </Show>
                <div class="field field--checkbox">
                    <input id="settings-remember" type="checkbox" bind:checked=remember />
                    <label for="settings-remember">"Remember on this device"</label>
                    <p class="field__hint">"Off: credentials are forgotten when this tab closes."</p>
                </div>
            </fieldset>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save"</button>
                <button type="button" class="button" on:click=forget>"Forget saved credentials"</button>
            </div>
            <p role="status" class="form__status">{move || saved.get().then_some("Settings saved.")}</p>
        </form>
    }
}

fn mode_value(mode: AuthMode) -> &'static str {
    match mode {
        AuthMode::Basic => "basic",
        AuthMode::OauthToken => "oauth_token",
        AuthMode::OauthClient => "oauth_client",
        AuthMode::Server => "server",
    }
}

fn parse_mode(v: &str) -> AuthMode {
    match v {
        "oauth_token" => AuthMode::OauthToken,
        "oauth_client" => AuthMode::OauthClient,
        "server" => AuthMode::Server,
        _ => AuthMode::Basic,
    }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}
