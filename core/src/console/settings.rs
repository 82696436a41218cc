//! The console's settings: where the API is, how to authenticate, and the org's limits.
//!
//! Non-secret settings always live in localStorage; secrets (password hash, tokens, client
//! secret) live in sessionStorage unless the user ticks "Remember on this device". The
//! split is decided here so the browser code only moves strings around.

use serde::{Deserialize, Serialize};

use crate::platform::endpoints::REWARD_PREFIXES;
use crate::platform::small_json::{self, fields, Json, Repeated};

/// The platform's default for CONF_MAX_FLEET_GROUP_SIZE when the org has not set it.
pub const DEFAULT_MAX_GROUP_SIZE: u32 = 30_000;
/// Default time before a request is aborted.
pub const DEFAULT_TIMEOUT_SECS: u32 = 15;
/// The seed page's reward-group prefix; the newer pages use `/api_gateway/rewards/core/v1`.
pub const DEFAULT_REWARD_PREFIX: &str = REWARD_PREFIXES[0];

/// Where the platform is: a published cluster, this console's own origin (a proxy forwards
/// the API), or hosts the user types. Hosts: docs/platform-api.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cluster {
    pub id: &'static str,
    pub label: &'static str,
    /// `/v2/…` and `/v3/oauth/…`.
    pub api: &'static str,
    /// The `.cc` host of the older reward-group pages (`/api_gateway/core/v1`); empty when
    /// the cluster has none.
    pub cc: &'static str,
}

pub const SAME_ORIGIN: &str = "same-origin";
pub const CUSTOM: &str = "custom";

pub const CLUSTERS: [Cluster; 7] = [
    Cluster { id: SAME_ORIGIN, label: "Same origin (behind a proxy)", api: "", cc: "" },
    Cluster {
        id: "india",
        label: "India",
        api: "https://apac.api.capillarytech.com",
        cc: "https://incrm.cc.capillarytech.com",
    },
    Cluster {
        id: "apac2",
        label: "APAC2 (Singapore)",
        api: "https://apac2.api.capillarytech.com",
        cc: "https://sgcrm.cc.capillarytech.com",
    },
    Cluster {
        id: "eu",
        label: "EU",
        api: "https://eu.api.capillarytech.com",
        cc: "https://eucrm.cc.capillarytech.com",
    },
    Cluster {
        id: "us",
        label: "US",
        api: "https://us.api.capillarytech.com",
        cc: "https://uscrm.cc.capillarytech.com",
    },
    Cluster { id: "china", label: "China", api: "https://api.capillarytech.cn.com", cc: "" },
    Cluster { id: CUSTOM, label: "Custom / proxy", api: "", cc: "" },
];

pub fn cluster(id: &str) -> Option<&'static Cluster> {
    CLUSTERS.iter().find(|c| c.id == id)
}

/// The two base URLs a cluster stands for. The reward host depends on the path form: the
/// older `/api_gateway/core/v1` lives on the `.cc` host, the newer
/// `/api_gateway/rewards/core/v1` on the API host (as the platform's current page posts).
pub fn cluster_bases(c: &Cluster, reward_prefix: &str) -> (String, String) {
    let reward =
        if reward_prefix.trim_end_matches('/') == REWARD_PREFIXES[1] || c.cc.is_empty() { c.api } else { c.cc };
    (c.api.to_string(), reward.to_string())
}

/// The cluster whose hosts these are, or Custom.
pub fn cluster_of(api_base: &str, reward_base: &str, reward_prefix: &str) -> &'static str {
    CLUSTERS
        .iter()
        .filter(|c| c.id != CUSTOM)
        .find(|c| {
            let (a, r) = cluster_bases(c, reward_prefix);
            a == api_base.trim().trim_end_matches('/')
                && (reward_base.trim().is_empty() || r == reward_base.trim().trim_end_matches('/'))
        })
        .map(|c| c.id)
        .unwrap_or(CUSTOM)
}

/// Settings' "Max group size limit": the org's CONF_MAX_FLEET_GROUP_SIZE, a whole number ≥ 1.
pub fn check_size_limit(v: &str) -> Result<u32, &'static str> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or("Enter a whole number of at least 1 (the org's CONF_MAX_FLEET_GROUP_SIZE).")
}

/// Settings' "Org ID" and "Brand ID": empty (not set), or the platform's whole-number ID.
pub fn check_platform_id(v: &str) -> Result<Option<u64>, &'static str> {
    match v.trim() {
        "" => Ok(None),
        s => s
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= 1)
            .map(Some)
            .ok_or("Enter the platform's ID: a whole number, or leave it empty."),
    }
}

/// Settings' "Request timeout": whole seconds from 1 to 300.
pub fn check_timeout(v: &str) -> Result<u32, &'static str> {
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=300).contains(n))
        .ok_or("Enter a whole number of seconds from 1 to 300.")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AuthMode {
    /// `Authorization: Basic base64(username:md5hex(password))`.
    #[default]
    Basic,
    /// A pasted access token, sent as `X-CAP-API-OAUTH-TOKEN`.
    OauthToken,
    /// Client key and secret; the console generates (and renews) the token.
    OauthClient,
    /// The same-origin proxy adds credentials; the browser holds none.
    Server,
}

impl AuthMode {
    /// Its stored name (`basic`, `oauth_token`, …, as serde writes it).
    fn read(v: &Json) -> Option<AuthMode> {
        match v.as_str()? {
            "basic" => Some(AuthMode::Basic),
            "oauth_token" => Some(AuthMode::OauthToken),
            "oauth_client" => Some(AuthMode::OauthClient),
            "server" => Some(AuthMode::Server),
            _ => None,
        }
    }
}

// Reading the stored settings and config.json the way serde's derives did: a member of the
// wrong type refuses the whole text, unknown members are skipped, missing ones keep their
// default. (serde_json's reader stays out of the shell: see platform::small_json.)

/// Sets `slot` from a member that is there; `None` if its value is of the wrong type.
fn put<T>(slot: &mut T, value: Option<&Json>, read: impl Fn(&Json) -> Option<T>) -> Option<()> {
    if let Some(v) = value {
        *slot = read(v)?;
    }
    Some(())
}

/// A whole number that fits a u32.
fn as_whole(v: &Json) -> Option<u32> {
    v.as_u64().and_then(|n| u32::try_from(n).ok())
}

/// `null` as `None`, as serde reads an `Option`.
fn or_null<T>(v: &Json, read: fn(&Json) -> Option<T>) -> Option<Option<T>> {
    match v {
        Json::Null => Some(None),
        v => read(v).map(Some),
    }
}

/// Everything that may be stored in localStorage at any time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PublicSettings {
    /// Empty means the console's own origin (emulator, CDN + proxy).
    pub api_base_url: String,
    /// Empty means the same as `api_base_url`.
    pub reward_api_base_url: String,
    pub reward_path_prefix: String,
    pub auth_mode: AuthMode,
    pub username: String,
    pub client_key: String,
    pub remember: bool,
    pub max_group_size_limit: u32,
    pub timeout_secs: u32,
    /// The org's ID on the platform: a manual issue names it (the reward group pages show it as
    /// "Org"); not set until a marketer or the deployment's config.json says.
    pub org_id: Option<u64>,
    /// The rewards catalogue's brand: a reward group's rewards are listed by it.
    pub brand_id: Option<u64>,
}

impl Default for PublicSettings {
    fn default() -> Self {
        Self {
            api_base_url: String::new(),
            reward_api_base_url: String::new(),
            reward_path_prefix: DEFAULT_REWARD_PREFIX.to_string(),
            auth_mode: AuthMode::Basic,
            username: String::new(),
            client_key: String::new(),
            remember: false,
            max_group_size_limit: DEFAULT_MAX_GROUP_SIZE,
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            org_id: None,
            brand_id: None,
        }
    }
}

/// Secrets: kept in sessionStorage unless `remember` is on. The password is stored only as
/// its MD5 hex, which is what Basic authentication sends anyway; the plain text never leaves
/// the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Secrets {
    pub password_md5: String,
    pub oauth_token: String,
    pub client_secret: String,
}

impl Secrets {
    /// The secrets as stored (`None` if the text is not their JSON object). Read with
    /// [`small_json`], as [`PublicSettings::load`].
    pub fn read(text: &str) -> Option<Secrets> {
        let json = small_json::parse(text)?;
        let [md5, token, secret] = fields(&json, ["passwordMd5", "oauthToken", "clientSecret"], Repeated::Refused)?;
        let mut s = Secrets::default();
        put(&mut s.password_md5, md5, small_json::string)?;
        put(&mut s.oauth_token, token, small_json::string)?;
        put(&mut s.client_secret, secret, small_json::string)?;
        Some(s)
    }

    pub fn is_empty(&self) -> bool {
        self.password_md5.is_empty() && self.oauth_token.is_empty() && self.client_secret.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    pub public: PublicSettings,
    pub secrets: Secrets,
}

/// The optional `config.json` beside index.html: a deployment's presets for the
/// non-secret settings. Every field is optional; user-saved values win over presets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct RuntimeConfig {
    pub api_base_url: Option<String>,
    pub reward_api_base_url: Option<String>,
    pub reward_path_prefix: Option<String>,
    pub max_group_size_limit: Option<u32>,
    pub timeout_secs: Option<u32>,
    pub org_id: Option<u64>,
    pub brand_id: Option<u64>,
    /// The server in front of the console adds credentials itself (`gc-server` with
    /// --basic-user or --oauth-key writes this): the browser holds and sends none.
    pub auth_provided_by_server: bool,
}

impl RuntimeConfig {
    /// `config.json` as the deployment wrote it; `None` if it is not this object (then the
    /// console runs without presets). Read with [`small_json`], as [`PublicSettings::load`].
    pub fn read(text: &str) -> Option<RuntimeConfig> {
        let json = small_json::parse(text)?;
        let [api, reward_api, prefix, limit, timeout, org, brand, by_server] = fields(
            &json,
            [
                "apiBaseUrl",
                "rewardApiBaseUrl",
                "rewardPathPrefix",
                "maxGroupSizeLimit",
                "timeoutSecs",
                "orgId",
                "brandId",
                "authProvidedByServer",
            ],
            Repeated::Refused,
        )?;
        let mut c = RuntimeConfig::default();
        put(&mut c.api_base_url, api, |v| or_null(v, small_json::string))?;
        put(&mut c.reward_api_base_url, reward_api, |v| or_null(v, small_json::string))?;
        put(&mut c.reward_path_prefix, prefix, |v| or_null(v, small_json::string))?;
        put(&mut c.max_group_size_limit, limit, |v| or_null(v, as_whole))?;
        put(&mut c.timeout_secs, timeout, |v| or_null(v, as_whole))?;
        put(&mut c.org_id, org, |v| or_null(v, Json::as_u64))?;
        put(&mut c.brand_id, brand, |v| or_null(v, Json::as_u64))?;
        put(&mut c.auth_provided_by_server, by_server, Json::as_bool)?;
        Some(c)
    }

    /// The defaults a user starts from on this deployment.
    pub fn defaults(&self) -> PublicSettings {
        let mut s = PublicSettings::default();
        if let Some(v) = &self.api_base_url {
            s.api_base_url = v.clone();
        }
        if let Some(v) = &self.reward_api_base_url {
            s.reward_api_base_url = v.clone();
        }
        if let Some(v) = &self.reward_path_prefix {
            s.reward_path_prefix = v.clone();
        }
        if let Some(v) = self.max_group_size_limit {
            s.max_group_size_limit = v;
        }
        if let Some(v) = self.timeout_secs {
            s.timeout_secs = v;
        }
        s.org_id = self.org_id.or(s.org_id);
        s.brand_id = self.brand_id.or(s.brand_id);
        s
    }
}

impl Settings {
    /// The settings requests are made with: a server that holds the credentials wins over
    /// whatever the browser has stored.
    pub fn effective(&self, config: &RuntimeConfig) -> Settings {
        let mut s = self.clone();
        if config.auth_provided_by_server {
            s.public.auth_mode = AuthMode::Server;
            s.secrets = Secrets::default();
        }
        s
    }
}

impl PublicSettings {
    /// Reads stored settings over the deployment's defaults. A stored blob that no longer
    /// parses (an older version, a hand edit) falls back to the defaults instead of failing;
    /// so does one with a value of the wrong type. Read with [`small_json`]: this runs as the
    /// console starts, before any page's code.
    pub fn load(stored: Option<&str>, defaults: PublicSettings) -> PublicSettings {
        stored.and_then(small_json::parse).and_then(|json| defaults.clone().overlaid(&json)).unwrap_or(defaults)
    }

    /// `self` with the stored members over it (a repeated name: the last one, as the map the
    /// settings were once merged through kept it); `None` if one has the wrong type. A text
    /// that holds no object leaves `self` as it is.
    fn overlaid(mut self, json: &Json) -> Option<PublicSettings> {
        if json.members().is_none() {
            return Some(self);
        }
        let [api, reward_api, prefix, auth, user, key, remember, limit, timeout, org, brand] = fields(
            json,
            [
                "apiBaseUrl",
                "rewardApiBaseUrl",
                "rewardPathPrefix",
                "authMode",
                "username",
                "clientKey",
                "remember",
                "maxGroupSizeLimit",
                "timeoutSecs",
                "orgId",
                "brandId",
            ],
            Repeated::LastWins,
        )?;
        put(&mut self.api_base_url, api, small_json::string)?;
        put(&mut self.reward_api_base_url, reward_api, small_json::string)?;
        put(&mut self.reward_path_prefix, prefix, small_json::string)?;
        put(&mut self.auth_mode, auth, AuthMode::read)?;
        put(&mut self.username, user, small_json::string)?;
        put(&mut self.client_key, key, small_json::string)?;
        put(&mut self.remember, remember, Json::as_bool)?;
        put(&mut self.max_group_size_limit, limit, as_whole)?;
        put(&mut self.timeout_secs, timeout, as_whole)?;
        put(&mut self.org_id, org, |v| or_null(v, Json::as_u64))?;
        put(&mut self.brand_id, brand, |v| or_null(v, Json::as_u64))?;
        Some(self)
    }

    /// Base URL for `/v2/…` and `/v3/oauth/…`, without a trailing slash ("" = same origin).
    pub fn api_base(&self) -> &str {
        self.api_base_url.trim().trim_end_matches('/')
    }

    /// Base URL for the reward-group host, falling back to the API base.
    pub fn reward_base(&self) -> &str {
        let r = self.reward_api_base_url.trim().trim_end_matches('/');
        if r.is_empty() {
            self.api_base()
        } else {
            r
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn org_and_brand_ids_are_empty_or_whole_numbers_and_config_presets_them() {
        assert_eq!(check_platform_id(""), Ok(None));
        assert_eq!(check_platform_id(" 100737 "), Ok(Some(100737)));
        for bad in ["0", "-1", "1.5", "abc", "12 34"] {
            assert!(check_platform_id(bad).is_err(), "{bad}");
        }
        let config = RuntimeConfig::read(r#"{"orgId": 100737, "brandId": 25}"#).unwrap();
        let d = config.defaults();
        assert_eq!((d.org_id, d.brand_id), (Some(100737), Some(25)));
        let stored = PublicSettings::load(Some(r#"{"brandId": 7}"#), d);
        assert_eq!((stored.org_id, stored.brand_id), (Some(100737), Some(7)), "what a user saved wins");
        assert_eq!(PublicSettings::default().org_id, None);
    }

    #[test]
    fn clusters_fill_both_hosts_by_path_form() {
        let eu = cluster("eu").unwrap();
        assert_eq!(
            cluster_bases(eu, "/api_gateway/core/v1"),
            ("https://eu.api.capillarytech.com".into(), "https://eucrm.cc.capillarytech.com".into())
        );
        assert_eq!(
            cluster_bases(eu, "/api_gateway/rewards/core/v1"),
            ("https://eu.api.capillarytech.com".into(), "https://eu.api.capillarytech.com".into())
        );
        // China has no .cc host: rewards go to its API host.
        assert_eq!(
            cluster_bases(cluster("china").unwrap(), DEFAULT_REWARD_PREFIX).1,
            "https://api.capillarytech.cn.com"
        );
        assert_eq!(cluster_bases(cluster(SAME_ORIGIN).unwrap(), DEFAULT_REWARD_PREFIX), (String::new(), String::new()));
    }

    #[test]
    fn hosts_are_recognised_as_their_cluster() {
        assert_eq!(cluster_of("", "", DEFAULT_REWARD_PREFIX), SAME_ORIGIN);
        assert_eq!(
            cluster_of(
                "https://us.api.capillarytech.com/",
                "https://uscrm.cc.capillarytech.com",
                DEFAULT_REWARD_PREFIX
            ),
            "us"
        );
        assert_eq!(cluster_of("https://us.api.capillarytech.com", "", DEFAULT_REWARD_PREFIX), "us");
        assert_eq!(cluster_of("https://proxy.example.com", "", DEFAULT_REWARD_PREFIX), CUSTOM);
    }

    #[test]
    fn server_held_credentials_override_the_browsers() {
        let mut s = Settings::default();
        s.public.auth_mode = AuthMode::Basic;
        s.secrets.password_md5 = "abc".into();
        let cfg = RuntimeConfig { auth_provided_by_server: true, ..Default::default() };
        let e = s.effective(&cfg);
        assert_eq!(e.public.auth_mode, AuthMode::Server);
        assert!(e.secrets.is_empty());
        assert_eq!(s.effective(&RuntimeConfig::default()), s);
    }

    #[test]
    fn stored_values_override_presets_and_missing_ones_keep_them() {
        let cfg = RuntimeConfig {
            api_base_url: Some("https://eu.api.capillarytech.com".into()),
            max_group_size_limit: Some(500),
            ..Default::default()
        };
        let loaded = PublicSettings::load(Some(r#"{"maxGroupSizeLimit": 200}"#), cfg.defaults());
        assert_eq!(loaded.max_group_size_limit, 200);
        assert_eq!(loaded.api_base_url, "https://eu.api.capillarytech.com");
    }

    #[test]
    fn corrupt_storage_falls_back_to_defaults() {
        let d = PublicSettings::default();
        assert_eq!(PublicSettings::load(Some("{not json"), d.clone()), d);
        assert_eq!(PublicSettings::load(Some(r#"{"maxGroupSizeLimit": "x"}"#), d.clone()), d);
    }

    // ------------------------------------------------------------- the small reader

    /// How settings were read before small_json: serde_json's Value merged over the defaults.
    /// The reference the small reader must agree with.
    fn load_with_serde(stored: Option<&str>, defaults: PublicSettings) -> PublicSettings {
        stored
            .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
            .and_then(|stored| {
                let mut merged = serde_json::to_value(&defaults).ok()?;
                if let (Some(m), Some(s)) = (merged.as_object_mut(), stored.as_object()) {
                    for (k, v) in s {
                        m.insert(k.clone(), v.clone());
                    }
                }
                serde_json::from_value(merged).ok()
            })
            .unwrap_or(defaults)
    }

    /// Every name the three readers know, and a few they do not.
    const NAMES: &[&str] = &[
        "apiBaseUrl",
        "rewardApiBaseUrl",
        "rewardPathPrefix",
        "authMode",
        "username",
        "clientKey",
        "remember",
        "maxGroupSizeLimit",
        "timeoutSecs",
        "orgId",
        "brandId",
        "passwordMd5",
        "oauthToken",
        "clientSecret",
        "authProvidedByServer",
        "other",
        "api_base_url",
        "org_id",
        "",
    ];
    const WORDS: &[&str] = &["basic", "oauth_token", "oauth_client", "server", "Basic"];

    /// Mostly the object a store or config.json holds.
    fn settings_text() -> impl Strategy<Value = String> {
        small_json::arbitrary::text(NAMES, WORDS, small_json::arbitrary::Shape::Object)
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2048),
            ..ProptestConfig::default()
        })]

        /// The small reader reads stored settings, secrets and config.json as serde_json did.
        #[test]
        fn the_small_reader_reads_as_serde_did(text in settings_text()) {
            // A number beyond f64's range: serde_json's map refuses the text (the known difference).
            if !small_json::arbitrary::far_number(&text) {
                let json = serde_json::from_str::<serde_json::Value>(&text).is_ok();
                prop_assert_eq!(small_json::parse(&text).is_some(), json, "JSON or not");
                // Presets for the org (a stored null clears it) and none for the brand.
                let presets = PublicSettings {
                    api_base_url: "https://preset.example".into(),
                    org_id: Some(100737),
                    ..Default::default()
                };
                prop_assert_eq!(PublicSettings::load(Some(&text), presets.clone()), load_with_serde(Some(&text), presets));
            }
            prop_assert_eq!(Secrets::read(&text), serde_json::from_str::<Secrets>(&text).ok());
            prop_assert_eq!(RuntimeConfig::read(&text), serde_json::from_str::<RuntimeConfig>(&text).ok());
        }
    }

    #[test]
    fn what_the_console_writes_reads_back() {
        let public = PublicSettings {
            api_base_url: "https://eu.api.capillarytech.com".into(),
            auth_mode: AuthMode::OauthClient,
            username: "marketer \"ü\" \u{1F600}".into(),
            remember: true,
            max_group_size_limit: 4_000_000_000,
            timeout_secs: 300,
            org_id: Some(100737),
            brand_id: Some(u64::MAX),
            ..Default::default()
        };
        let stored = serde_json::to_string(&public).unwrap();
        assert_eq!(PublicSettings::load(Some(&stored), PublicSettings::default()), public);
        let secrets =
            Secrets { password_md5: "5f4dcc3b".into(), oauth_token: "t\\n".into(), client_secret: "s".into() };
        assert_eq!(Secrets::read(&serde_json::to_string(&secrets).unwrap()), Some(secrets));
        let config = RuntimeConfig {
            timeout_secs: Some(30),
            org_id: Some(100737),
            brand_id: Some(25),
            auth_provided_by_server: true,
            ..Default::default()
        };
        assert_eq!(RuntimeConfig::read(&serde_json::to_string(&config).unwrap()), Some(config));
        assert_eq!(
            RuntimeConfig::read("{}"),
            Some(RuntimeConfig::default()),
            "gc-server's config.json without presets"
        );
    }

    /// Where the small reader and serde_json part ways, on texts the console never writes:
    /// serde's derives also take a struct written as an array and the enum as `{"basic":
    /// null}`; serde_json's map of the stored settings refused a number beyond f64's range
    /// even in a member no one reads, where the small reader checks only its syntax (as
    /// serde's derives skip one).
    #[test]
    fn the_small_reader_takes_only_objects_and_reads_unused_numbers_as_syntax() {
        assert_eq!(Secrets::read(r#"["a", "b", "c"]"#), None);
        assert!(serde_json::from_str::<Secrets>(r#"["a", "b", "c"]"#).is_ok());
        let d = PublicSettings::default();
        let as_object = r#"{"authMode": {"oauth_token": null}}"#;
        assert_eq!(PublicSettings::load(Some(as_object), d.clone()), d);
        assert_eq!(load_with_serde(Some(as_object), d.clone()).auth_mode, AuthMode::OauthToken);
        let far = r#"{"timeoutSecs": 20, "unused": 1e400}"#;
        assert_eq!(PublicSettings::load(Some(far), d.clone()).timeout_secs, 20);
        assert_eq!(load_with_serde(Some(far), d.clone()), d);
        assert_eq!(RuntimeConfig::read(far), serde_json::from_str::<RuntimeConfig>(far).ok());
    }

    #[test]
    fn wrong_types_repeats_and_nulls_as_serde_read_them() {
        let d = PublicSettings { org_id: Some(100737), ..Default::default() };
        for refused in [
            r#"{"remember": "true"}"#,
            r#"{"timeoutSecs": 1.0}"#,
            r#"{"timeoutSecs": -1}"#,
            r#"{"timeoutSecs": 4294967296}"#,
            r#"{"authMode": "Basic"}"#,
            r#"{"username": null}"#,
            r#"{"orgId": "100737"}"#,
            r#"{"brandId": -0}"#,
            r#"{"brandId": 18446744073709551616}"#,
        ] {
            assert_eq!(PublicSettings::load(Some(refused), d.clone()), d, "{refused}");
        }
        // A stored null clears the deployment's org, as serde read it over the presets.
        assert_eq!(PublicSettings::load(Some(r#"{"orgId": null}"#), d.clone()).org_id, None);
        // The stored settings went through a map: the last of a repeated name wins.
        assert_eq!(PublicSettings::load(Some(r#"{"timeoutSecs": 1, "timeoutSecs": 2}"#), d.clone()).timeout_secs, 2);
        // serde's derive refuses a repeated field, null or not.
        assert_eq!(Secrets::read(r#"{"oauthToken": "a", "oauthToken": "b"}"#), None);
        assert_eq!(RuntimeConfig::read(r#"{"apiBaseUrl": null, "apiBaseUrl": null}"#), None);
        assert_eq!(RuntimeConfig::read(r#"{"brandId": 1, "brandId": 2}"#), None);
        assert_eq!(RuntimeConfig::read(r#"{"apiBaseUrl": null, "x": 1, "x": 2}"#), Some(RuntimeConfig::default()));
        assert_eq!(RuntimeConfig::read(r#"{"authProvidedByServer": null}"#), None);
    }

    #[test]
    fn reward_base_falls_back_to_api_base_and_drops_trailing_slash() {
        let mut s = PublicSettings { api_base_url: "https://a.example/".into(), ..Default::default() };
        assert_eq!(s.reward_base(), "https://a.example");
        s.reward_api_base_url = " https://r.example/ ".into();
        assert_eq!(s.reward_base(), "https://r.example");
    }

    #[test]
    fn number_settings_are_whole_numbers_in_range() {
        assert_eq!(check_size_limit(" 30000 "), Ok(30000));
        assert_eq!(check_size_limit("1"), Ok(1));
        for bad in ["0", "", "-1", "2.5", "abc", "4294967296"] {
            assert!(check_size_limit(bad).is_err(), "{bad}");
        }
        assert_eq!(check_timeout("1"), Ok(1));
        assert_eq!(check_timeout("300"), Ok(300));
        for bad in ["0", "301", "", "1.5"] {
            assert!(check_timeout(bad).is_err(), "{bad}");
        }
    }
}
