//! The page's life: hidden, going away, asked to stay. And the unload journal's home in
//! `localStorage`, the one storage a page can write synchronously while it unloads (an
//! IndexedDB write started then is not guaranteed to complete; see `gloss_core::storage::journal`).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{BeforeUnloadEvent, PageTransitionEvent, VisibilityState};

/// Each tab journals each document under a key of its own (`gloss-journal-<tab>-<document>`),
/// so two tabs closing at once do not overwrite each other's entries.
const JOURNAL_PREFIX: &str = "gloss-journal-";
/// A note that a tab could not journal some changes (storage full), for the next start.
const FAILED_PREFIX: &str = "gloss-journal-failed-";

/// What the page is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageEvent {
    /// The page is no longer visible (another tab, minimised, about to close on mobile).
    Hidden,
    /// The page is going away (closed, reloaded, navigated, or put in the back/forward cache).
    Leaving,
    /// The page came back from the back/forward cache: it was not closed after all.
    Restored,
}

/// The listeners; dropping them stops them.
pub struct Lifecycle {
    _listeners: Vec<EventListener>,
}

/// Listens for the page's life. `on_event` gets each event as it happens; `should_ask` is
/// asked when the page is about to unload: `true` makes the browser ask the person first.
pub fn listen(
    on_event: impl Fn(PageEvent) + 'static,
    should_ask: impl Fn() -> bool + 'static,
) -> Option<Lifecycle> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let on_event = std::rc::Rc::new(on_event);
    let visibility = {
        let on_event = std::rc::Rc::clone(&on_event);
        let doc = document.clone();
        EventListener::new(&document, "visibilitychange", move |_| {
            if doc.visibility_state() == VisibilityState::Hidden {
                on_event(PageEvent::Hidden);
            }
        })
    };
    let pagehide = {
        let on_event = std::rc::Rc::clone(&on_event);
        EventListener::new(&window, "pagehide", move |_| on_event(PageEvent::Leaving))
    };
    let pageshow = EventListener::new(&window, "pageshow", move |event| {
        let persisted = event
            .dyn_ref::<PageTransitionEvent>()
            .is_some_and(PageTransitionEvent::persisted);
        if persisted {
            on_event(PageEvent::Restored);
        }
    });
    let beforeunload = EventListener::new_with_options(
        &window,
        "beforeunload",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            if should_ask() {
                event.prevent_default();
                if let Some(event) = event.dyn_ref::<BeforeUnloadEvent>() {
                    // Older browsers ask only when a return value is set.
                    event.set_return_value("Some changes are not saved yet.");
                }
            }
        },
    );
    Some(Lifecycle {
        _listeners: vec![visibility, pagehide, pageshow, beforeunload],
    })
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Writes one document's journal entry for this tab; `Err` says why it could not (storage
/// full or turned off). One key a document, so one that does not fit leaves the others kept.
pub fn write_journal(tab: &str, document: &str, journal: &str) -> Result<(), String> {
    let storage = local_storage().ok_or("localStorage is unavailable")?;
    storage
        .set_item(&journal_key(tab, document), journal)
        .map_err(|_| "the browser's storage is full or refused it".to_owned())
}

/// Notes, for the next start, which articles' changes could not be journalled.
pub fn write_journal_failure(tab: &str, titles: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&format!("{FAILED_PREFIX}{tab}"), titles);
    }
}

/// Removes journal entries (and failure notes) by key.
pub fn remove_journals(keys: &[String]) {
    if let Some(storage) = local_storage() {
        for key in keys {
            let _ = storage.remove_item(key);
        }
    }
}

/// The key of one document's journal entry from this tab.
pub fn journal_key(tab: &str, document: &str) -> String {
    format!("{JOURNAL_PREFIX}{tab}-{document}")
}

/// This tab's journal keys among `keys`.
pub fn own_keys(tab: &str, keys: &[String]) -> Vec<String> {
    let own = format!("{JOURNAL_PREFIX}{tab}-");
    keys.iter()
        .filter(|k| k.starts_with(&own))
        .cloned()
        .collect()
}

/// Stored pairs of `(key, value)`.
pub type Pairs = Vec<(String, String)>;

/// Whether a tab that went away left a journal entry or a failure note (read without their
/// values).
pub fn journals_waiting() -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .any(|k| k.starts_with(JOURNAL_PREFIX) || k.starts_with(FAILED_PREFIX))
}

/// What tabs that went away left: journal entries `(key, entry)` and failure notes
/// `(key, titles)`.
pub fn read_journals() -> (Pairs, Pairs) {
    let Some(storage) = local_storage() else {
        return (Vec::new(), Vec::new());
    };
    let count = storage.length().unwrap_or(0);
    let all: Vec<(String, String)> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let value = storage.get_item(&key).ok().flatten()?;
            Some((key, value))
        })
        .collect();
    let (failed, rest): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|(k, _)| k.starts_with(FAILED_PREFIX));
    let entries = rest
        .into_iter()
        .filter(|(k, _)| k.starts_with(JOURNAL_PREFIX))
        .collect();
    (entries, failed)
}
