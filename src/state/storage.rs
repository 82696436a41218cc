//! localStorage / sessionStorage by name. Storage can be missing or throw (private modes,
//! quota): every call degrades to "nothing stored" rather than failing the page.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// Survives the browser being closed: "Remember on this device".
    Local,
    /// Gone when the tab closes: the default for secrets.
    Session,
}

fn storage(store: Store) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match store {
        Store::Local => window.local_storage().ok().flatten(),
        Store::Session => window.session_storage().ok().flatten(),
    }
}

pub fn get(store: Store, key: &str) -> Option<String> {
    storage(store)?.get_item(key).ok().flatten()
}

/// Whether it was stored: a caller whose data must survive a reload says so when it was not.
pub fn set(store: Store, key: &str, value: &str) -> bool {
    storage(store).is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(store: Store, key: &str) {
    if let Some(s) = storage(store) {
        let _ = s.remove_item(key);
    }
}

/// Every `(key, value)` the store holds.
pub fn entries(store: Store) -> Vec<(String, String)> {
    let Some(s) = storage(store) else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}
