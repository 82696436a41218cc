//! What any import reads and shows (creating groups, adding members): the chosen file, the
//! progress bar with its counts and time left, why it waits, and Pause / Resume / Cancel — or
//! Resume and Discard for one restored after a reload. The view around it says what is imported.

use gc_core::import::{progress_words, Counts, ImportJob};
use leptos::prelude::*;

use crate::ui::import::runner::{ImportKind, Runner};

/// Larger files are refused before reading (the browser would hold them in memory twice).
const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads a chosen or dropped file: its name and bytes, or why not in words.
async fn read_file(file: web_sys::File) -> Result<(String, Vec<u8>), String> {
    if file.size() > MAX_FILE_BYTES {
        return Err("The file is larger than 20 MB. Split it into smaller files.".into());
    }
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "The file could not be read. Choose it again.".to_string())?;
    Ok((file.name(), js_sys::Uint8Array::new(&buf).to_vec()))
}

/// The file picked in a file input, which is then cleared: the same file, edited, can be
/// chosen again.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let f = input.files().and_then(|l| l.get(0));
    input.set_value("");
    f
}

/// Reads a file in the background into `file` (its name and what `parse` made of it) and
/// runs `then`, or puts why not into `error`.
pub fn load_file<T: Send + Sync + 'static>(
    f: web_sys::File,
    parse: fn(&[u8]) -> Result<T, String>,
    file: RwSignal<Option<(String, T)>>,
    error: RwSignal<Option<String>>,
    then: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        match read_file(f).await.and_then(|(name, bytes)| parse(&bytes).map(|parsed| (name, parsed))) {
            Ok(loaded) => {
                error.set(None);
                file.set(Some(loaded));
                then();
            }
            Err(message) => {
                file.set(None);
                error.set(Some(message));
            }
        }
    });
}

/// Whether the import is finished, paused or cancelled, its notice and its 429 wait.
type Flags = (bool, bool, bool, Option<String>, f64);

/// The import shown, with what its views follow.
pub struct RunView<K: ImportKind> {
    pub runner: Runner<K>,
    counts: Memo<Counts>,
    flags: Memo<Option<Flags>>,
}

impl<K: ImportKind> Clone for RunView<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: ImportKind> Copy for RunView<K> {}

impl<K: ImportKind> RunView<K> {
    pub fn new(runner: Runner<K>) -> Self {
        let counts = Memo::new(move |_| runner.with_job(ImportJob::counts).unwrap_or_default());
        let flags = Memo::new(move |_| {
            runner.with_job(|j| {
                let p = &j.progress;
                (j.is_finished(), p.paused, p.cancelled, p.notice.clone(), p.wait_until)
            })
        });
        RunView { runner, counts, flags }
    }

    pub fn counts(self) -> Counts {
        self.counts.get()
    }

    pub fn finished(self) -> bool {
        self.flags.with(|f| f.as_ref().is_some_and(|f| f.0))
    }

    pub fn paused(self) -> bool {
        self.flags.with(|f| f.as_ref().is_some_and(|f| f.1))
    }

    pub fn cancelled(self) -> bool {
        self.flags.with(|f| f.as_ref().is_some_and(|f| f.2))
    }

    /// Paused by the import itself (refused credentials), not by the user.
    pub fn paused_with_notice(self) -> bool {
        self.flags.with(|f| f.as_ref().is_some_and(|f| f.1 && f.3.is_some()))
    }

    /// Why it waits, with the 429 countdown.
    fn notice(self) -> Option<String> {
        let (notice, wait_until) = self.flags.with(|f| f.as_ref().map(|f| (f.3.clone(), f.4)).unwrap_or_default());
        let t = self.runner.now();
        if wait_until > t && !self.finished() {
            let secs = ((wait_until - t) / 1000.0).ceil();
            Some(format!("{} Waiting: sending resumes in {secs} s.", notice.unwrap_or_default()))
        } else {
            notice.filter(|_| !self.finished())
        }
    }

    /// The results file, downloaded as `name`.
    pub fn download(self, name: &str) {
        if let Some(csv) = self.runner.peek(gc_core::import::results_csv) {
            crate::ui::download::text_file(name, "text/csv", &csv);
        }
    }
}

/// The progress bar, its counts and time left, and why the import waits.
#[component]
pub fn RunProgress<K: ImportKind>(run: RunView<K>, label: &'static str) -> impl IntoView {
    let runner = run.runner;
    let progress_text = move || {
        let c = run.counts();
        let t = runner.now();
        let left = runner.peek(|j| j.time_left(t)).flatten();
        let mut s = progress_words(&c, if run.finished() || run.paused() { None } else { left });
        if c.skipped > 0 {
            s.push_str(&format!(" · {} skipped", c.skipped));
        }
        s
    };
    view! {
        <progress class="import-progress" max=move || run.counts().total.max(1).to_string()
            value=move || { let c = run.counts(); (c.done + c.failed).to_string() }
            aria-label=label></progress>
        <p class="import-progress__text">{progress_text}</p>
        {move || run.notice().map(|n| view! { <p class="import-notice" role="status">{n}</p> })}
        {move || (!runner.saved_ok()).then(|| view! {
            <p class="import-notice import-notice--warning" role="alert">
                "The browser did not let the console save the progress (storage full or disabled): do not reload this page until it is finished."
            </p>
        })}
    }
}

/// The buttons of an import that is not finished: Pause or Resume, and Cancel; for one
/// restored after a reload, `resume_label` and Discard.
#[component]
pub fn RunControls<K: ImportKind>(run: RunView<K>, resume_label: &'static str) -> impl IntoView {
    let runner = run.runner;
    let cancelled = move || run.cancelled();
    move || {
        if runner.restored() {
            view! {
                <button type="button" class="button button--primary"
                    on:click=move |_| runner.resume_restored()>{resume_label}</button>
                <button type="button" class="button" on:click=move |_| runner.discard()>"Discard"</button>
            }
            .into_any()
        } else {
            view! {
                {if run.paused() {
                    view! { <button type="button" class="button button--primary" on:click=move |_| runner.act(ImportJob::resume)>"Resume"</button> }.into_any()
                } else {
                    view! { <button type="button" class="button" disabled=cancelled on:click=move |_| runner.act(ImportJob::pause)>"Pause"</button> }.into_any()
                }}
                <button type="button" class="button" disabled=cancelled on:click=move |_| runner.act(ImportJob::cancel)>"Cancel"</button>
            }
            .into_any()
        }
    }
}
