//! The deployment's optional `config.json` beside index.html (presets for the non-secret
//! settings). Missing or invalid means "no presets": the console works without it.

use gc_core::settings::RuntimeConfig;

use crate::settings_store::SettingsStore;

pub fn load_runtime_config(store: SettingsStore) {
    leptos::task::spawn_local(async move {
        let Ok(res) = gloo_net::http::Request::get("/config.json").header("Accept", "application/json").send().await
        else {
            return;
        };
        if !res.ok() {
            return;
        }
        if let Ok(config) = res.json::<RuntimeConfig>().await {
            store.apply_config(config);
        }
    });
}
