//! The page's life: hidden, going away, asked to stay. And the unload journal's home in
//! `localStorage`, the one storage a page can write synchronously while it unloads (an
//! IndexedDB write started then is not guaranteed to complete; see `gloss_core::storage::journal`).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{BeforeUnloadEvent, PageTransitionEvent, VisibilityState};

/// Each tab journals under a key of its own (`gloss-journal-<tab>`), so two tabs closing at
/// once do not overwrite each other's journal.
const JOURNAL_PREFIX: &str = "gloss-journal-";

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

/// Writes this tab's journal; `Err` says why it could not (storage full or turned off).
pub fn write_journal(tab: &str, journal: &str) -> Result<(), String> {
    let storage = local_storage().ok_or("localStorage is unavailable")?;
    storage
        .set_item(&format!("{JOURNAL_PREFIX}{tab}"), journal)
        .map_err(|_| "localStorage is full or refused the journal".to_owned())
}

/// Removes journals by key (this tab's, or ones replayed).
pub fn remove_journals(keys: &[String]) {
    if let Some(storage) = local_storage() {
        for key in keys {
            let _ = storage.remove_item(key);
        }
    }
}

/// The key of this tab's journal.
pub fn journal_key(tab: &str) -> String {
    format!("{JOURNAL_PREFIX}{tab}")
}

/// Every journal left by tabs that went away: `(key, journal)`.
pub fn read_journals() -> Vec<(String, String)> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(JOURNAL_PREFIX))
        .filter_map(|key| {
            let value = storage.get_item(&key).ok().flatten()?;
            Some((key, value))
        })
        .collect()
}
