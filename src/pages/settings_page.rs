//! Settings: where the platform is, how to sign in, and the org's group size limit.

use gc_core::auth::md5_hex;
use gc_core::settings::{
    cluster, cluster_bases, cluster_of, AuthMode, Secrets, Settings, CLUSTERS, CUSTOM, REWARD_PREFIXES,
};
use leptos::prelude::*;

use crate::components::focus_by_id;
use crate::settings_store::use_settings;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let store = use_settings();
    let current = store.settings.get_untracked();
    let p = &current.public;

    let api_base = RwSignal::new(p.api_base_url.clone());
    let reward_base = RwSignal::new(p.reward_api_base_url.clone());
    let reward_prefix = RwSignal::new(p.reward_path_prefix.clone());
    let cluster_id =
        RwSignal::new(cluster_of(&p.api_base_url, &p.reward_api_base_url, &p.reward_path_prefix).to_string());
    let auth_mode = RwSignal::new(p.auth_mode);
    let username = RwSignal::new(p.username.clone());
    let password = RwSignal::new(String::new());
    let oauth_token = RwSignal::new(String::new());
    let client_key = RwSignal::new(p.client_key.clone());
    let client_secret = RwSignal::new(String::new());
    let remember = RwSignal::new(p.remember);
    let limit = RwSignal::new(p.max_group_size_limit.to_string());
    let timeout = RwSignal::new(p.timeout_secs.to_string());
    let saved = RwSignal::new(false);
    let server_auth = move || store.config.with(|c| c.auth_provided_by_server);

    // config.json may arrive after this page mounted: show its presets.
    Effect::watch(
        move || store.settings.get(),
        move |s, _, _| {
            api_base.set(s.public.api_base_url.clone());
            reward_base.set(s.public.reward_api_base_url.clone());
            reward_prefix.set(s.public.reward_path_prefix.clone());
            cluster_id.set(
                cluster_of(&s.public.api_base_url, &s.public.reward_api_base_url, &s.public.reward_path_prefix).into(),
            );
            limit.set(s.public.max_group_size_limit.to_string());
            timeout.set(s.public.timeout_secs.to_string());
        },
        false,
    );

    // A cluster fills both hosts; typing a host makes it Custom.
    let choose_cluster = move |id: String| {
        if let Some(c) = cluster(&id).filter(|c| c.id != CUSTOM) {
            let (api, reward) = cluster_bases(c, &reward_prefix.get_untracked());
            api_base.set(api);
            reward_base.set(reward);
        }
        cluster_id.set(id);
    };
    let choose_prefix = move |prefix: String| {
        reward_prefix.set(prefix);
        choose_cluster(cluster_id.get_untracked());
    };
    let typed_host = move || {
        cluster_id.set(
            cluster_of(&api_base.get_untracked(), &reward_base.get_untracked(), &reward_prefix.get_untracked()).into(),
        )
    };

    let number_error = |v: &str, min: u32, max: u32, words: &'static str| match v.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => None,
        _ => Some(words.to_string()),
    };
    let limit_error = move || {
        number_error(
            &limit.get(),
            1,
            u32::MAX,
            "Enter a whole number of at least 1 (the org's CONF_MAX_FLEET_GROUP_SIZE).",
        )
    };
    let timeout_error = move || number_error(&timeout.get(), 1, 300, "Enter a whole number of seconds from 1 to 300.");
    let has_saved = move |f: fn(&Secrets) -> &String| !f(&store.settings.read().secrets).is_empty();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        if limit_error().is_some() {
            return focus_by_id("settings-limit");
        }
        if timeout_error().is_some() {
            return focus_by_id("settings-timeout");
        }
        let old = store.settings.get_untracked();
        let mut public = old.public.clone();
        public.api_base_url = api_base.get_untracked().trim().to_string();
        public.reward_api_base_url = reward_base.get_untracked().trim().to_string();
        public.reward_path_prefix = reward_prefix.get_untracked();
        public.auth_mode = auth_mode.get_untracked();
        public.username = username.get_untracked().trim().to_string();
        public.client_key = client_key.get_untracked().trim().to_string();
        public.remember = remember.get_untracked();
        public.max_group_size_limit = limit.get_untracked().trim().parse().unwrap_or(public.max_group_size_limit);
        public.timeout_secs = timeout.get_untracked().trim().parse().unwrap_or(public.timeout_secs);
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
        if public.client_key != old.public.client_key || secrets.client_secret != old.secrets.client_secret {
            crate::api::forget_token();
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
        crate::api::forget_token();
        saved.set(false);
    };

    view! {
        <h1>"Settings"</h1>
        <form class="form settings-form" on:submit=on_submit novalidate>
            <fieldset>
                <legend>"Platform"</legend>
                <div class="field">
                    <label for="settings-cluster">"Cluster"</label>
                    <select id="settings-cluster" aria-describedby="settings-cluster-hint"
                        on:change=move |ev| choose_cluster(event_target_value(&ev))
                        prop:value=move || cluster_id.get()>
                        {CLUSTERS.iter().map(|c| view! { <option value=c.id>{c.label}</option> }).collect_view()}
                    </select>
                    <p id="settings-cluster-hint" class="field__hint">
                        "The platform does not answer calls from other web sites (CORS): a console on a CDN reaches it through "
                        "a proxy on its own address, which is “Same origin”. Pick a cluster only when its API allows this address."
                    </p>
                </div>
                <div class="field">
                    <label for="settings-api-base">"API base URL"</label>
                    <input id="settings-api-base" type="url" aria-describedby="settings-api-base-hint"
                        bind:value=api_base on:change=move |_| typed_host() placeholder="https://eu.api.capillarytech.com" />
                    <p id="settings-api-base-hint" class="field__hint">
                        "Empty: this console's own address (the emulator, or a CDN with the API forwarded)."
                    </p>
                </div>
                <div class="field">
                    <label for="settings-reward-base">"Reward API base URL"</label>
                    <input id="settings-reward-base" type="url" aria-describedby="settings-reward-base-hint"
                        bind:value=reward_base on:change=move |_| typed_host() placeholder="https://eucrm.cc.capillarytech.com" />
                    <p id="settings-reward-base-hint" class="field__hint">"Empty: the same as the API base URL."</p>
                </div>
                <div class="field">
                    <label for="settings-reward-prefix">"Reward API path"</label>
                    <select id="settings-reward-prefix" aria-describedby="settings-reward-prefix-hint"
                        on:change=move |ev| choose_prefix(event_target_value(&ev))
                        prop:value=move || reward_prefix.get()>
                        {REWARD_PREFIXES.iter().map(|p| view! { <option value=*p>{*p}</option> }).collect_view()}
                    </select>
                    <p id="settings-reward-prefix-hint" class="field__hint">
                        "Both forms are published: the older pages use /api_gateway/core/v1 on the .cc host, the newer ones /api_gateway/rewards/core/v1 on the API host."
                    </p>
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
                <div class="field">
                    <label for="settings-timeout">"Request timeout (seconds)"</label>
                    <input id="settings-timeout" type="text" inputmode="numeric" bind:value=timeout
                        aria-invalid=move || timeout_error().is_some().to_string()
                        aria-describedby="settings-timeout-msg" />
                    <p id="settings-timeout-msg" class=move || if timeout_error().is_some() { "field__error" } else { "field__hint" }>
                        {move || timeout_error().unwrap_or_else(|| "How long to wait for the platform before giving up; 15 by default.".into())}
                    </p>
                </div>
            </fieldset>
            <Show when=move || !server_auth() fallback=|| view! {
                <fieldset>
                    <legend>"Sign-in"</legend>
                    <p class="notice" role="note">
                        <strong>"Authentication: provided by the server."</strong>
                        " The server in front of this console adds the platform credentials; this browser holds none."
                    </p>
                </fieldset>
            }>
                <SignInFields auth_mode username password oauth_token client_key client_secret remember has_saved />
            </Show>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save"</button>
                <Show when=move || !server_auth()>
                    <button type="button" class="button" on:click=forget>"Forget saved credentials"</button>
                </Show>
            </div>
            <p role="status" class="form__status">{move || saved.get().then_some("Settings saved.")}</p>
        </form>
    }
}

#[component]
#[allow(clippy::too_many_arguments)]
fn SignInFields(
    auth_mode: RwSignal<AuthMode>,
    username: RwSignal<String>,
    password: RwSignal<String>,
    oauth_token: RwSignal<String>,
    client_key: RwSignal<String>,
    client_secret: RwSignal<String>,
    remember: RwSignal<bool>,
    has_saved: impl Fn(fn(&Secrets) -> &String) -> bool + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
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
                        "Warning: anyone who can open this page can read a secret kept in the browser. "
                        "Use it only on your own machine; for a shared deployment let the server hold it (see README)."
                        {move || if has_saved(|s| &s.client_secret) { " A secret is saved; leave this empty to keep it." } else { "" }}
                    </p>
                </div>
            </Show>
            <div class="field field--checkbox">
                <input id="settings-remember" type="checkbox" bind:checked=remember aria-describedby="settings-remember-hint" />
                <label for="settings-remember">"Remember on this device"</label>
                <p id="settings-remember-hint" class="field__hint">"Off: credentials are forgotten when this tab closes."</p>
            </div>
        </fieldset>
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
        _ => AuthMode::Basic,
    }
}
