//! `use_persistence`: the one effect that keeps the library in IndexedDB and in step with
//! other tabs. It reads storage once at start (with the unload journal of tabs that went
//! away), writes every document whose revision is not stored yet (which writes, on which
//! base, is the core's `WritePlan`; a write carries only what changed since the version
//! storage holds, which this effect remembers), deletes what was deleted, turns what other
//! tabs say into actions, and makes sure the page's going away loses nothing:
//!
//! - hidden (another tab, a minimised window): everything pending is written at once;
//! - leaving (closed, reloaded): the same, and what is still not stored goes into the unload
//!   journal synchronously, replayed on the next start;
//! - while anything is not stored, the browser asks before the page closes.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::crash;
use super::store::{Dispatcher, EditorHandle, Latest};
use crate::dom::lifecycle::{self, PageEvent};
use crate::model::{Document, DocumentId};
use crate::state::{Action, State, Storage};
use crate::storage::idb::{Db, SaveOutcome};
use crate::storage::journal;
use crate::storage::plan::WritePlan;
use crate::storage::tabs::{Channel, Message};
use crate::storage::{LoadedLibrary, StorageError};

/// How long after a change its write starts (after the frame that shows the change).
const WRITE_DELAY_MS: u32 = 30;

/// How long after the last key of a note its write starts: typing is written in pauses, not
/// key by key (hiding or leaving the page writes at once).
const NOTE_WRITE_DELAY_MS: u32 = 400;

/// How long after a failed write Gloss tries again.
const RETRY_MS: u32 = 4_000;

#[derive(Default)]
struct Shared {
    db: Option<Rc<Db>>,
    channel: Option<Channel>,
    plan: WritePlan,
    /// The version of each document storage is known to hold (read from it, or written by
    /// this tab): a save writes only what changed since (storage checks it still holds it).
    stored: HashMap<DocumentId, Rc<Document>>,
    retry: Option<Timeout>,
    /// The next batch of writes, waiting for the frame to be painted.
    writer: Option<Timeout>,
    /// The connection broke (the browser closed it, or site data was cleared): open it again.
    lost: bool,
    reopening: bool,
    /// When the connection was last opened again (ms since the epoch): a write that fails right
    /// after waits for the retry instead of reopening at once, again and again.
    reopened_at: Option<f64>,
    /// This tab's name for its unload journal.
    tab: String,
    /// Journals replayed at start (and this tab's own, once written): removed once everything
    /// is stored.
    journals: Vec<String>,
}

#[hook]
pub fn use_persistence(state: &EditorHandle, latest: Latest) {
    let shared = use_mut_ref(|| Shared {
        tab: uuid::Uuid::new_v4().to_string(),
        ..Shared::default()
    });

    // Open the database and read the library (and any unload journal); listen to other tabs
    // and to the page's life.
    {
        let shared = shared.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            shared.borrow_mut().channel = Channel::open(on_message(&shared, &dispatcher));
            let life = listen_to_page(&shared, &dispatcher, latest);
            spawn_local(start(Rc::clone(&shared), dispatcher));
            move || drop(life)
        });
    }

    // Write what changed; delete what was deleted.
    {
        let pending = state.pending_writes();
        let key: Vec<(DocumentId, u64)> = pending.iter().map(|d| (d.id, d.revision)).collect();
        let removing = Rc::clone(&state.removing);
        let saved = Rc::clone(&state.saved);
        let library = Rc::clone(&state.library);
        let storage = state.storage.clone();
        let delay = if state.typing_note() {
            NOTE_WRITE_DELAY_MS
        } else {
            WRITE_DELAY_MS
        };
        let shared = shared.clone();
        let dispatcher = state.dispatcher();
        use_effect_with(
            (
                key,
                Rc::clone(&removing),
                storage.clone(),
                state.storage_epoch,
                // A document waits while its write is under way: the answer (a new saved
                // revision) starts the next one.
                Rc::clone(&saved),
            ),
            move |_| {
                remember_stored(&shared, &library, &saved);
                reopen_if_lost(&shared, &dispatcher);
                // Written a moment later, after this frame is painted: serialising a long
                // article must not delay the highlight the person is waiting for, and a burst
                // of changes becomes one write. Hiding or leaving the page writes at once.
                let writer = {
                    let (shared, dispatcher) = (Rc::clone(&shared), dispatcher.clone());
                    Timeout::new(delay, move || {
                        shared.borrow_mut().writer = None;
                        write_pending(&shared, &dispatcher, &pending, &saved);
                        remove_pending(&shared, &dispatcher, &removing);
                    })
                };
                shared.borrow_mut().writer = Some(writer);
                if matches!(storage, Storage::Failed(_)) {
                    let dispatcher = dispatcher.clone();
                    shared.borrow_mut().retry = Some(Timeout::new(RETRY_MS, move || {
                        dispatcher.dispatch(Action::RetryStorage);
                    }));
                }
            },
        );
    }

    // Once everything is stored: journals are no longer needed. The panic notice is told
    // whether the work is saved.
    {
        let shared = shared.clone();
        let all_saved = state.all_saved();
        crash::remember(state.shared());
        use_effect_with(all_saved, move |all_saved| {
            if *all_saved {
                let keys = std::mem::take(&mut shared.borrow_mut().journals);
                lifecycle::remove_journals(&keys);
            }
        });
    }

    // Remember the open article for the next visit.
    {
        let open = state.open_id();
        let ready = state.storage == Storage::Ready;
        use_effect_with((open, ready), move |(open, ready)| {
            let db = shared.borrow().db.clone();
            if let (Some(id), true, Some(db)) = (*open, *ready, db) {
                spawn_local(async move {
                    let _ = db.set_last_open(id).await;
                });
            }
        });
    }
}

/// Opens the database, reads the library and the journals of tabs that went away.
async fn start(shared: Rc<RefCell<Shared>>, dispatcher: Dispatcher) {
    let blocked = {
        let dispatcher = dispatcher.clone();
        move || dispatcher.dispatch(Action::StorageUnavailable(StorageError::Blocked))
    };
    let db = match Db::open(blocked).await {
        Ok(db) => Rc::new(db),
        Err(e) => return dispatcher.dispatch(Action::StorageUnavailable(e)),
    };
    shared.borrow_mut().db = Some(Rc::clone(&db));
    // The article open last time first, on its own, so it is on screen before the whole
    // library is read (a large library takes seconds). Not when closed tabs left journals:
    // the article to reopen may then be another, and the library decides.
    if !lifecycle::journals_waiting() {
        if let Ok(Some(id)) = db.last_open().await {
            if let Ok(Some(doc)) = db.load_one(id).await {
                dispatcher.dispatch(Action::LastOpenLoaded(doc));
            }
        }
    }
    match db.load_all().await {
        Ok(mut library) => {
            let keys = replay_journals(&mut library);
            shared.borrow_mut().journals = keys;
            dispatcher.dispatch(Action::LibraryLoaded(library));
        }
        Err(e) => dispatcher.dispatch(Action::StorageUnavailable(e)),
    }
}

/// Adds what the journals of closed tabs hold to `library` (the reducer decides, against what
/// storage holds, how each is replayed); returns their keys, removed once everything is
/// stored.
fn replay_journals(library: &mut LoadedLibrary) -> Vec<String> {
    let (entries, failed) = lifecycle::read_journals();
    for (key, text) in &entries {
        let stored_text = |id: &str| {
            library
                .documents
                .iter()
                .find(|d| d.id.to_string() == id)
                .map(|d| Rc::clone(&d.text))
        };
        match journal::decode(text, stored_text) {
            Ok((found, problems)) => {
                library.journal.extend(found);
                library
                    .unreadable
                    .extend(problems.iter().map(|p| format!("{key}: {p}")));
            }
            Err(e) => library.unreadable.push(format!("{key}: {e}")),
        }
    }
    library
        .journal_failed
        .extend(failed.iter().map(|(_, titles)| titles.clone()));
    entries
        .into_iter()
        .chain(failed)
        .map(|(key, _)| key)
        .collect()
}

/// What other tabs say, as actions.
fn on_message(shared: &Rc<RefCell<Shared>>, dispatcher: &Dispatcher) -> impl Fn(Message) {
    let (shared, dispatcher) = (Rc::clone(shared), dispatcher.clone());
    move |message| match message {
        Message::Saved { id, .. } => {
            let Some(db) = shared.borrow().db.clone() else {
                return;
            };
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                if let Ok(Some(doc)) = db.load_one(id).await {
                    dispatcher.dispatch(Action::ExternalChange(doc));
                }
            });
        }
        Message::Deleted { id } => dispatcher.dispatch(Action::ExternalDelete(id)),
    }
}

/// Hidden or leaving: write at once. Leaving with anything still not stored: journal it.
fn listen_to_page(
    shared: &Rc<RefCell<Shared>>,
    dispatcher: &Dispatcher,
    latest: Latest,
) -> Option<lifecycle::Lifecycle> {
    let (shared, dispatcher) = (Rc::clone(shared), dispatcher.clone());
    let asking = Rc::clone(&latest);
    lifecycle::listen(
        move |event| {
            let state = latest.borrow().clone();
            match event {
                PageEvent::Hidden => flush(&shared, &dispatcher, &state),
                PageEvent::Leaving => {
                    flush(&shared, &dispatcher, &state);
                    journal_unsaved(&shared, &state);
                }
                PageEvent::Restored => {
                    // Not closed after all: this tab's own entries are void (it writes on).
                    let mut s = shared.borrow_mut();
                    let own = lifecycle::own_keys(&s.tab, &s.journals);
                    s.journals.retain(|k| !own.contains(k));
                    drop(s);
                    lifecycle::remove_journals(&own);
                }
            }
        },
        move || asking.borrow().has_unsaved_work(),
    )
}

/// Starts every pending write and deletion now instead of after the delay.
fn flush(shared: &Rc<RefCell<Shared>>, dispatcher: &Dispatcher, state: &State) {
    shared.borrow_mut().writer = None;
    write_pending(shared, dispatcher, &state.pending_writes(), &state.saved);
    remove_pending(shared, dispatcher, &state.removing);
}

/// Writes what this tab has not stored into its unload journal (synchronously), one entry a
/// document; what does not fit is noted for the next start.
fn journal_unsaved(shared: &Rc<RefCell<Shared>>, state: &State) {
    let tab = shared.borrow().tab.clone();
    let mut failed = Vec::new();
    for doc in state.unsaved_documents() {
        if state.stale.contains(&doc.id) {
            continue;
        }
        let pending = journal::Pending {
            doc: &doc,
            base: state.saved.get(&doc.id).copied(),
        };
        let id = doc.id.to_string();
        let written = journal::encode(&[pending])
            .map_err(|e| e.to_string())
            .and_then(|json| lifecycle::write_journal(&tab, &id, &json));
        match written {
            Ok(()) => shared
                .borrow_mut()
                .journals
                .push(lifecycle::journal_key(&tab, &id)),
            Err(_) => failed.push(format!("“{}”", doc.title)),
        }
    }
    if !failed.is_empty() {
        lifecycle::write_journal_failure(&tab, &failed.join(", "));
    }
}

/// Remembers, as the version storage holds, every document whose revision storage confirmed
/// (read at start, from another tab, or written here), unless that version is known already.
fn remember_stored(
    shared: &Rc<RefCell<Shared>>,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    saved: &BTreeMap<DocumentId, u64>,
) {
    let mut s = shared.borrow_mut();
    // Deleted here or in another tab: nothing to remember.
    s.stored.retain(|id, _| library.contains_key(id));
    for (id, revision) in saved {
        let Some(doc) = library.get(id).filter(|d| d.revision == *revision) else {
            continue;
        };
        if s.stored.get(id).map(|d| d.revision) != Some(*revision) {
            s.stored.insert(*id, Rc::clone(doc));
        }
    }
}

/// Opens the database again after the connection broke; the writes follow once it is back.
fn reopen_if_lost(shared: &Rc<RefCell<Shared>>, dispatcher: &Dispatcher) {
    {
        let mut s = shared.borrow_mut();
        let now = js_sys::Date::now();
        let recently = s
            .reopened_at
            .is_some_and(|at| now - at < f64::from(RETRY_MS));
        if !s.lost || s.reopening || recently {
            return;
        }
        s.reopening = true;
        s.reopened_at = Some(now);
    }
    let (shared, dispatcher) = (Rc::clone(shared), dispatcher.clone());
    spawn_local(async move {
        let blocked = {
            let dispatcher = dispatcher.clone();
            move || dispatcher.dispatch(Action::StorageFailed(StorageError::Blocked))
        };
        let opened = Db::open(blocked).await;
        let mut s = shared.borrow_mut();
        s.reopening = false;
        match opened {
            Ok(db) => {
                s.db = Some(Rc::new(db));
                s.lost = false;
                drop(s);
                dispatcher.dispatch(Action::StorageReopened);
            }
            Err(e) => {
                drop(s);
                dispatcher.dispatch(Action::StorageFailed(e));
            }
        }
    });
}

fn write_pending(
    shared: &Rc<RefCell<Shared>>,
    dispatcher: &Dispatcher,
    pending: &[Rc<Document>],
    saved: &BTreeMap<DocumentId, u64>,
) {
    let Some(db) = shared.borrow().db.clone() else {
        return;
    };
    let wanted: Vec<(DocumentId, u64)> = pending.iter().map(|d| (d.id, d.revision)).collect();
    let writes = shared.borrow_mut().plan.writes(&wanted, saved);
    for write in writes {
        let Some(doc) = pending.iter().find(|d| d.id == write.id).cloned() else {
            shared.borrow_mut().plan.write_answered(write.id);
            continue;
        };
        // The changes start from the version storage confirmed, when this tab knows it.
        let from = shared
            .borrow()
            .stored
            .get(&write.id)
            .filter(|d| Some(d.revision) == write.base)
            .cloned();
        let (db, shared, dispatcher) = (Rc::clone(&db), Rc::clone(shared), dispatcher.clone());
        spawn_local(async move {
            let (id, revision) = (write.id, write.revision);
            let with_text = write.base.is_none();
            let saved = db.save(&doc, from.as_deref(), write.base, with_text).await;
            shared.borrow_mut().plan.write_answered(id);
            match saved {
                Ok(SaveOutcome::Saved) => {
                    shared.borrow_mut().stored.insert(id, doc);
                    dispatcher.dispatch(Action::Saved { id, revision });
                    if let Some(channel) = shared.borrow().channel.as_ref() {
                        channel.send(&Message::Saved { id, revision });
                    }
                }
                Ok(SaveOutcome::Conflict) => dispatcher.dispatch(Action::WriteConflict(id)),
                Err(e) => {
                    let mut s = shared.borrow_mut();
                    if e.connection_lost() {
                        s.db = None;
                        s.lost = true;
                    }
                    drop(s);
                    dispatcher.dispatch(Action::StorageFailed(e));
                }
            }
        });
    }
}

fn remove_pending(
    shared: &Rc<RefCell<Shared>>,
    dispatcher: &Dispatcher,
    removing: &BTreeSet<DocumentId>,
) {
    let Some(db) = shared.borrow().db.clone() else {
        return;
    };
    let deletions = shared.borrow_mut().plan.deletions(removing);
    for id in deletions {
        let (db, shared, dispatcher) = (Rc::clone(&db), Rc::clone(shared), dispatcher.clone());
        spawn_local(async move {
            let result = db.delete(id).await;
            shared.borrow_mut().plan.deletion_answered(id);
            match result {
                Ok(()) => {
                    shared.borrow_mut().stored.remove(&id);
                    dispatcher.dispatch(Action::Removed(id));
                    if let Some(channel) = shared.borrow().channel.as_ref() {
                        channel.send(&Message::Deleted { id });
                    }
                }
                Err(e) => dispatcher.dispatch(Action::StorageFailed(e)),
            }
        });
    }
}
