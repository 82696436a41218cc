//! App-wide state provided at the root: the settings (with their storage rules) and the
//! deployment's runtime config. Pages read it with `use_settings()`.

use gc_core::console::browser_data::{SECRETS as SECRETS_KEY, SETTINGS as SETTINGS_KEY};
use gc_core::console::settings::{PublicSettings, RuntimeConfig, Secrets, Settings};
use leptos::prelude::*;

use crate::state::storage::{self, Store};

#[derive(Clone, Copy)]
pub struct SettingsStore {
    pub settings: RwSignal<Settings>,
    pub config: RwSignal<RuntimeConfig>,
}

impl SettingsStore {
    fn load(config: &RuntimeConfig) -> Settings {
        let public = PublicSettings::load(storage::get(Store::Local, SETTINGS_KEY).as_deref(), config.defaults());
        let store = if public.remember { Store::Local } else { Store::Session };
        let secrets = storage::get(store, SECRETS_KEY).and_then(|s| Secrets::read(&s)).unwrap_or_default();
        Settings { public, secrets }
    }

    /// Saves settings: non-secret ones to localStorage, secrets to the store "Remember"
    /// selects, and removes them from the other so a secret never lingers where the user
    /// did not ask for it.
    pub fn save(&self, new: Settings) {
        if let Ok(json) = serde_json::to_string(&new.public) {
            storage::set(Store::Local, SETTINGS_KEY, &json);
        }
        let (keep, drop) =
            if new.public.remember { (Store::Local, Store::Session) } else { (Store::Session, Store::Local) };
        storage::remove(drop, SECRETS_KEY);
        if new.secrets.is_empty() {
            storage::remove(keep, SECRETS_KEY);
        } else if let Ok(json) = serde_json::to_string(&new.secrets) {
            storage::set(keep, SECRETS_KEY, &json);
        }
        self.settings.set(new);
    }

    /// The settings to make a request with (the server's credentials win when it holds them).
    pub fn for_request(&self) -> Settings {
        self.settings.get_untracked().effective(&self.config.get_untracked())
    }

    /// Storage was emptied ("Forget this browser's data"): back to the deployment's presets.
    pub fn reload(&self) {
        self.settings.set(Self::load(&self.config.get_untracked()));
    }

    /// The deployment's config.json arrived: re-read settings over its presets.
    pub fn apply_config(&self, config: RuntimeConfig) {
        self.settings.set(Self::load(&config));
        self.config.set(config);
    }
}

pub fn provide_settings() -> SettingsStore {
    let config = RuntimeConfig::default();
    let store = SettingsStore { settings: RwSignal::new(SettingsStore::load(&config)), config: RwSignal::new(config) };
    provide_context(store);
    store
}

pub fn use_settings() -> SettingsStore {
    expect_context::<SettingsStore>()
}
