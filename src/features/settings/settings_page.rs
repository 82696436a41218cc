//! Settings: where the platform is, how to sign in, and the org's group size limit.
//!
//! Every field shows the stored setting until the user types in it: a deployment's presets
//! (config.json) that arrive after the page opened fill the untouched fields and never replace
//! what the user typed.

use gc_core::console::browser_data::removed_words;
use gc_core::console::settings::{
    check_platform_id, check_size_limit, check_timeout, cluster, cluster_bases, cluster_of, AuthMode, PublicSettings,
    Secrets, Settings, CLUSTERS, CUSTOM,
};
use gc_core::platform::auth::md5_hex;
use gc_core::platform::endpoints::REWARD_PREFIXES;
use leptos::prelude::*;

use crate::state::settings::{use_settings, SettingsStore};
use crate::ui::form::{Form, SubmitButton};
use crate::ui::text_field::{TextField, TextValue};

/// A setting as shown: what the user chose, else what is stored (which a late preset may
/// still change).
fn draft<T: Clone + Send + Sync + 'static>(
    store: SettingsStore,
    stored: fn(&PublicSettings) -> T,
) -> (Signal<T>, RwSignal<Option<T>>) {
    let chosen = RwSignal::new(None::<T>);
    let shown = Signal::derive(move || chosen.get().unwrap_or_else(|| store.settings.with(|s| stored(&s.public))));
    (shown, chosen)
}

fn text_draft(store: SettingsStore, stored: fn(&PublicSettings) -> String) -> TextValue {
    TextValue::draft(move || store.settings.with(|s| stored(&s.public))).0
}

/// The sign-in fields. The secrets start empty: empty keeps what is saved, typing replaces it.
#[derive(Clone, Copy)]
struct SignIn {
    mode: (Signal<AuthMode>, RwSignal<Option<AuthMode>>),
    username: TextValue,
    password: RwSignal<String>,
    oauth_token: RwSignal<String>,
    client_key: TextValue,
    client_secret: RwSignal<String>,
    remember: (Signal<bool>, RwSignal<Option<bool>>),
    store: SettingsStore,
}

impl SignIn {
    fn new(store: SettingsStore) -> Self {
        SignIn {
            mode: draft(store, |p| p.auth_mode),
            username: text_draft(store, |p| p.username.clone()),
            password: RwSignal::new(String::new()),
            oauth_token: RwSignal::new(String::new()),
            client_key: text_draft(store, |p| p.client_key.clone()),
            client_secret: RwSignal::new(String::new()),
            remember: draft(store, |p| p.remember),
            store,
        }
    }

    fn has_saved(self, secret: fn(&Secrets) -> &String) -> bool {
        !secret(&self.store.settings.read().secrets).is_empty()
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let store = use_settings();
    let api_base = text_draft(store, |p| p.api_base_url.clone());
    let reward_base = text_draft(store, |p| p.reward_api_base_url.clone());
    let (reward_prefix, prefix_choice) = draft(store, |p| p.reward_path_prefix.clone());
    let limit = text_draft(store, |p| p.max_group_size_limit.to_string());
    let timeout = text_draft(store, |p| p.timeout_secs.to_string());
    let org_id = text_draft(store, |p| p.org_id.map(|n| n.to_string()).unwrap_or_default());
    let brand_id = text_draft(store, |p| p.brand_id.map(|n| n.to_string()).unwrap_or_default());
    let sign_in = SignIn::new(store);
    let server_auth = move || store.config.with(|c| c.auth_provided_by_server);

    // The cluster follows the hosts; "Custom" is kept once chosen, so the user can type.
    let custom = RwSignal::new(false);
    let cluster_id = Signal::derive(move || {
        if custom.get() {
            CUSTOM.to_string()
        } else {
            cluster_of(&api_base.get(), &reward_base.get(), &reward_prefix.get()).to_string()
        }
    });
    let fill_hosts = move |id: &str| {
        if let Some(c) = cluster(id) {
            let (api, reward) = cluster_bases(c, &reward_prefix.get_untracked());
            api_base.set(api);
            reward_base.set(reward);
        }
    };
    let choose_cluster = move |id: String| {
        custom.set(id == CUSTOM);
        if id != CUSTOM {
            fill_hosts(&id);
        }
    };
    let choose_prefix = move |prefix: String| {
        let current = cluster_id.get_untracked();
        prefix_choice.set(Some(prefix));
        if current != CUSTOM {
            fill_hosts(&current);
        }
    };

    let limit_error = Signal::derive(move || check_size_limit(&limit.get()).err().map(String::from));
    let timeout_error = Signal::derive(move || check_timeout(&timeout.get()).err().map(String::from));
    let org_error = Signal::derive(move || check_platform_id(&org_id.get()).err().map(String::from));
    let brand_error = Signal::derive(move || check_platform_id(&brand_id.get()).err().map(String::from));

    let form = Form::local(move |new: Settings| {
        store.save(new);
        sign_in.password.set(String::new());
        sign_in.oauth_token.set(String::new());
        sign_in.client_secret.set(String::new());
        async { Ok(()) }
    });

    let submit = move || {
        let checked = (|| {
            let max_group_size_limit = check_size_limit(&limit.get_untracked()).map_err(|_| "settings-limit")?;
            let timeout_secs = check_timeout(&timeout.get_untracked()).map_err(|_| "settings-timeout")?;
            let org_id = check_platform_id(&org_id.get_untracked()).map_err(|_| "settings-org-id")?;
            let brand_id = check_platform_id(&brand_id.get_untracked()).map_err(|_| "settings-brand-id")?;
            let old = store.settings.get_untracked();
            let public = PublicSettings {
                api_base_url: api_base.get_untracked().trim().to_string(),
                reward_api_base_url: reward_base.get_untracked().trim().to_string(),
                reward_path_prefix: reward_prefix.get_untracked(),
                auth_mode: sign_in.mode.0.get_untracked(),
                username: sign_in.username.get_untracked().trim().to_string(),
                client_key: sign_in.client_key.get_untracked().trim().to_string(),
                remember: sign_in.remember.0.get_untracked(),
                max_group_size_limit,
                timeout_secs,
                org_id,
                brand_id,
            };
            let mut secrets = old.secrets.clone();
            let pw = sign_in.password.get_untracked();
            if !pw.is_empty() {
                secrets.password_md5 = md5_hex(&pw);
            }
            let token = sign_in.oauth_token.get_untracked();
            if !token.trim().is_empty() {
                secrets.oauth_token = token.trim().to_string();
            }
            let secret = sign_in.client_secret.get_untracked();
            if !secret.trim().is_empty() {
                secrets.client_secret = secret.trim().to_string();
            }
            if public.client_key != old.public.client_key || secrets.client_secret != old.secrets.client_secret {
                crate::api::credentials::forget_token();
            }
            Ok(Settings { public, secrets })
        })();
        form.submit(checked.map_err(|input: &str| input.to_string()));
    };

    // Storage is empty now: the form shows the deployment's presets and holds no secret typed.
    let forgotten = Callback::new(move |_| {
        store.reload();
        crate::api::credentials::forget_token();
        sign_in.password.set(String::new());
        sign_in.oauth_token.set(String::new());
        sign_in.client_secret.set(String::new());
        form.reset();
    });

    view! {
        <h1>"Settings"</h1>
        <form class="form settings-form" on:submit=move |ev| { ev.prevent_default(); submit(); } novalidate>
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
                <TextField id="settings-api-base" label="API base URL" value=api_base input_type="url"
                    placeholder="https://eu.api.capillarytech.com"
                    hint="Empty: this console's own address (the emulator, or a CDN with the API forwarded)." />
                <TextField id="settings-reward-base" label="Reward API base URL" value=reward_base input_type="url"
                    placeholder="https://eucrm.cc.capillarytech.com" hint="Empty: the same as the API base URL." />
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
                <TextField id="settings-limit" label="Max group size limit" value=limit inputmode="numeric"
                    error=limit_error hint="The org's CONF_MAX_FLEET_GROUP_SIZE; 30,000 when unset." />
                <TextField id="settings-timeout" label="Request timeout (seconds)" value=timeout inputmode="numeric"
                    error=timeout_error hint="How long to wait for the platform before giving up; 15 by default." />
                <TextField id="settings-org-id" label="Org ID" value=org_id inputmode="numeric" error=org_error
                    hint="The org's ID on the platform, which a manual issue of points names (a reward group's page shows it as Org)." />
                <TextField id="settings-brand-id" label="Brand ID" value=brand_id inputmode="numeric" error=brand_error
                    hint="The rewards catalogue's brand: a reward group's page lists its rewards by it." />
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
                <SignInFields sign_in />
            </Show>
            <div class="form__actions">
                <SubmitButton pending=form.pending() label="Save" busy="Saving…" />
            </div>
            <p role="status" class="form__status">{move || form.done().map(|_| "Settings saved.")}</p>
        </form>
        <BrowserData on_forgotten=forgotten />
    }
}

/// What this browser keeps for the console and where, and the one button that forgets all of
/// it (credentials included: a narrower "forget credentials" left the searches and logs behind).
#[component]
fn BrowserData(on_forgotten: Callback<()>) -> impl IntoView {
    let store = use_settings();
    let removed = RwSignal::new(None::<String>);
    // Read again when settings are saved (they are kept too) and after forgetting.
    let kept = Memo::new(move |_| {
        store.settings.track();
        removed.track();
        crate::state::browser_data::kept()
    });
    let forget = move |_| {
        let was = crate::state::browser_data::forget();
        on_forgotten.run(());
        removed.set(Some(removed_words(&was)));
    };
    let rows = move || {
        kept.get()
            .into_iter()
            .map(|(what, storage)| {
                view! { <tr><td>{what.words()}</td><td>{format!("{} ({})", storage.name(), storage.lasts())}</td></tr> }
            })
            .collect_view()
    };
    view! {
        <section class="browser-data" aria-labelledby="browser-data-title">
            <h2 id="browser-data-title">"This browser's data"</h2>
            <Show when=move || kept.with(|k| !k.is_empty())
                fallback=|| view! { <p>"This browser keeps nothing for the console."</p> }>
                <table class="results-table">
                    <caption>"What this browser keeps"</caption>
                    <thead><tr><th scope="col">"What"</th><th scope="col">"Where"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </Show>
            <p id="browser-data-hint" class="field__hint">
                "Forgetting removes all of it from this browser at once: the saved credentials (sign in again), the "
                "settings, recent searches and groups, the activity log, and any saved import or adding of members "
                "(an unfinished one can no longer be resumed). Nothing on the platform changes."
            </p>
            <button type="button" class="button" aria-describedby="browser-data-hint" on:click=forget>
                "Forget this browser's data"
            </button>
            <p role="status" class="form__status">{move || removed.get()}</p>
        </section>
    }
}

#[component]
fn SignInFields(sign_in: SignIn) -> impl IntoView {
    let (mode, choose_mode) = sign_in.mode;
    let (remember, choose_remember) = sign_in.remember;
    let saved_hint = move |secret: fn(&Secrets) -> &String, saved: &'static str, fresh: &'static str| {
        Signal::derive(move || if sign_in.has_saved(secret) { saved } else { fresh }.to_string())
    };
    view! {
        <fieldset>
            <legend>"Sign-in"</legend>
            <div class="field">
                <label for="settings-auth">"Authentication"</label>
                <select id="settings-auth"
                    on:change=move |ev| choose_mode.set(Some(parse_mode(&event_target_value(&ev))))
                    prop:value=move || mode_value(mode.get())>
                    <option value="basic">"Basic (username and password)"</option>
                    <option value="oauth_token">"OAuth token"</option>
                    <option value="oauth_client">"OAuth client key and secret"</option>
                </select>
            </div>
            <Show when=move || mode.get() == AuthMode::Basic>
                <TextField id="settings-username" label="Username" value=sign_in.username autocomplete="username" />
                <TextField id="settings-password" label="Password" value=sign_in.password input_type="password"
                    autocomplete="current-password"
                    hint=saved_hint(
                        |s| &s.password_md5,
                        "A password is saved. Leave this empty to keep it.",
                        "Sent as its MD5 hash, as the platform expects; the plain text is never stored.",
                    ) />
            </Show>
            <Show when=move || mode.get() == AuthMode::OauthToken>
                <TextField id="settings-token" label="OAuth token" value=sign_in.oauth_token input_type="password"
                    hint=saved_hint(
                        |s| &s.oauth_token,
                        "A token is saved. Leave this empty to keep it.",
                        "Sent in the X-CAP-API-OAUTH-TOKEN header.",
                    ) />
            </Show>
            <Show when=move || mode.get() == AuthMode::OauthClient>
                <TextField id="settings-client-key" label="Client key" value=sign_in.client_key />
                <TextField id="settings-client-secret" label="Client secret" value=sign_in.client_secret
                    input_type="password" hint_warning=true
                    hint=saved_hint(
                        |s| &s.client_secret,
                        "Warning: anyone who can open this page can read a secret kept in the browser. Use it only on your own machine; for a shared deployment let the server hold it (see README). A secret is saved; leave this empty to keep it.",
                        "Warning: anyone who can open this page can read a secret kept in the browser. Use it only on your own machine; for a shared deployment let the server hold it (see README).",
                    ) />
            </Show>
            <div class="field field--checkbox">
                <input id="settings-remember" type="checkbox" aria-describedby="settings-remember-hint"
                    prop:checked=move || remember.get()
                    on:change=move |ev| choose_remember.set(Some(event_target_checked(&ev))) />
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
