//! Data that follows a key the user changes quickly (a search as they type, a filter, a
//! page): each new key aborts the request still out for the previous one, and only the answer
//! for the newest key is ever shown.
//!
//! Leptos's resources run one fetch after another (a new key waits for the previous answer),
//! so a slow answer to an old search would delay the new one; here the old one is aborted.

use std::future::Future;

use leptos::prelude::*;

/// The latest answer and whether a newer one is on its way.
pub struct Latest<K: 'static, T: 'static> {
    value: RwSignal<Option<(K, T)>>,
    loading: RwSignal<bool>,
    /// Bumped by Retry: the same key again.
    retries: RwSignal<u32>,
}

impl<K, T> Clone for Latest<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, T> Copy for Latest<K, T> {}

impl<K, T> Latest<K, T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    /// Fetches `fetch(key)` now and whenever `key` changes. `None` from `fetch` means "nothing
    /// to show for this key".
    pub fn follow<F, Fut>(key: Memo<K>, fetch: F) -> Self
    where
        F: Fn(K) -> Fut + 'static,
        Fut: Future<Output = Option<T>> + 'static,
    {
        let value = RwSignal::new(None::<(K, T)>);
        let loading = RwSignal::new(false);
        let running = StoredValue::new(None::<Owner>);
        let start = move |k: K| {
            // Cleaning up the previous owner aborts its task and, through the request
            // helper's on_cleanup, its request.
            if let Some(previous) = running.get_value() {
                previous.cleanup();
            }
            let owner = Owner::new();
            running.set_value(Some(owner.clone()));
            loading.set(true);
            let fut = fetch(k.clone());
            owner.with(|| {
                leptos::task::spawn_local_scoped_with_cancellation(async move {
                    let answer = fut.await;
                    value.set(answer.map(|t| (k, t)));
                    loading.set(false);
                })
            });
        };
        let retries = RwSignal::new(0u32);
        // Starting a request on a change of key is the side effect this exists for.
        Effect::watch(
            move || {
                retries.track();
                key.get()
            },
            move |k, _, _| start(k.clone()),
            true,
        );
        on_cleanup(move || {
            if let Some(owner) = running.try_get_value().flatten() {
                owner.cleanup();
            }
        });
        Latest { value, loading, retries }
    }

    /// The answer for the newest key, once it has arrived (the previous one until then).
    pub fn get(self) -> Option<(K, T)> {
        self.value.get()
    }

    /// The same, outside a reactive context (an event handler).
    pub fn get_untracked(self) -> Option<(K, T)> {
        self.value.get_untracked()
    }

    /// An answer for an older key is still shown while the newest one loads.
    pub fn loading(self) -> bool {
        self.loading.get()
    }

    /// Fetches the current key again (Retry).
    pub fn refetch(self) {
        self.retries.update(|n| *n += 1);
    }
}
