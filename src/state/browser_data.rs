//! What this browser keeps for the console, read from both storages, and forgetting it (keys,
//! rules and words in gc_core::browser_data).

use gc_core::console::browser_data::{inventory, is_console_key, Kept, Storage};

use crate::state::storage::{self, Store};

fn stores() -> [(Store, Storage); 2] {
    [(Store::Local, Storage::Local), (Store::Session, Storage::Session)]
}

/// What is kept now, localStorage first.
pub fn kept() -> Vec<(Kept, Storage)> {
    stores().into_iter().flat_map(|(store, kind)| inventory(kind, &storage::entries(store))).collect()
}

/// Removes every key of the console from both storages (and nothing else of the origin's);
/// returns what they held.
pub fn forget() -> Vec<(Kept, Storage)> {
    let was = kept();
    for (store, _) in stores() {
        for (key, _) in storage::entries(store).into_iter().filter(|(k, _)| is_console_key(k)) {
            storage::remove(store, &key);
        }
    }
    was
}
