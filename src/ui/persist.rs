//! `use_persistence`: the one effect that keeps the library in IndexedDB and in step with
//! other tabs. It reads storage once at start, writes every document whose revision is not
//! stored yet, deletes what was deleted, and turns what other tabs say into actions.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::model::state::{Action, State, Storage};
use crate::model::DocumentId;
use crate::storage::idb::{Db, SaveOutcome};
use crate::storage::sync::{Channel, Message};
use crate::storage::StorageError;

/// How long after a change its write starts (after the frame that shows the change).
const WRITE_DELAY_MS: u32 = 30;

/// How long after a failed write Gloss tries again.
const RETRY_MS: u32 = 4_000;

#[derive(Default)]
struct Shared {
    db: Option<Rc<Db>>,
    channel: Option<Channel>,
    /// The newest revision of each document this tab has started writing.
    started: BTreeMap<DocumentId, u64>,
    /// Deletions sent and not yet confirmed (each is sent once).
    deleting: std::collections::BTreeSet<DocumentId>,
    retry: Option<Timeout>,
    /// The next batch of writes, waiting for the frame to be painted.
    writer: Option<Timeout>,
    /// The connection broke (the browser closed it, or site data was cleared): open it again.
    lost: bool,
    reopening: bool,
    /// When the connection was last opened again (ms since the epoch): a write that fails right
    /// after waits for the retry instead of reopening at once, again and again.
    reopened_at: Option<f64>,
}

#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>) {
    let shared = use_mut_ref(Shared::default);

    // Open the database and read the library; listen to other tabs.
    {
        let shared = shared.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let on_message = {
                let shared = shared.clone();
                let dispatcher = dispatcher.clone();
                move |message: Message| match message {
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
            };
            shared.borrow_mut().channel = Channel::open(on_message);
            spawn_local(async move {
                match Db::open().await {
                    Ok(db) => {
                        let db = Rc::new(db);
                        shared.borrow_mut().db = Some(Rc::clone(&db));
                        match db.load_all().await {
                            Ok(library) => dispatcher.dispatch(Action::LibraryLoaded(library)),
                            Err(e) => {
                                dispatcher.dispatch(Action::StorageUnavailable(e.to_string()))
                            }
                        }
                    }
                    Err(e) => dispatcher.dispatch(Action::StorageUnavailable(e.to_string())),
                }
            });
        });
    }

    // Write what changed; delete what was deleted.
    {
        let pending = state.pending_writes();
        let key: Vec<(DocumentId, u64)> = pending.iter().map(|d| (d.id, d.revision)).collect();
        let removing = Rc::clone(&state.removing);
        let saved = Rc::clone(&state.saved);
        let storage = state.storage.clone();
        let shared = shared.clone();
        let dispatcher = state.dispatcher();
        use_effect_with(
            (
                key,
                Rc::clone(&removing),
                storage.clone(),
                state.storage_epoch,
            ),
            move |_| {
                reopen_if_lost(&shared, &dispatcher);
                // Written a moment later, after this frame is painted: serialising a long
                // article must not delay the highlight the person is waiting for, and a burst
                // of changes becomes one write.
                let writer = {
                    let (shared, dispatcher) = (Rc::clone(&shared), dispatcher.clone());
                    Timeout::new(WRITE_DELAY_MS, move || {
                        write_pending(&shared, &dispatcher, pending, &saved);
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

    // Remember the open article for the next visit.
    {
        let open = state.article.as_ref().map(|a| a.doc.id);
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

/// Opens the database again after the connection broke; the writes follow once it is back.
fn reopen_if_lost(shared: &Rc<RefCell<Shared>>, dispatcher: &UseReducerDispatcher<State>) {
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
        let opened = Db::open().await;
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
                dispatcher.dispatch(Action::StorageFailed(e.to_string()));
            }
        }
    });
}

fn write_pending(
    shared: &Rc<RefCell<Shared>>,
    dispatcher: &UseReducerDispatcher<State>,
    pending: Vec<Rc<crate::model::Document>>,
    saved: &BTreeMap<DocumentId, u64>,
) {
    let Some(db) = shared.borrow().db.clone() else {
        return;
    };
    for doc in pending {
        let started = shared.borrow().started.get(&doc.id).copied();
        if started == Some(doc.revision) {
            continue;
        }
        // A write of an earlier revision may still be under way: it lands first (read-write
        // transactions run in order), so it is the base. A "started" revision above this one
        // belongs to a document deleted and brought back: only storage's answer counts then.
        let base = match started {
            Some(r) if r < doc.revision => saved.get(&doc.id).copied().max(Some(r)),
            _ => saved.get(&doc.id).copied(),
        };
        shared.borrow_mut().started.insert(doc.id, doc.revision);
        let (db, shared, dispatcher) = (Rc::clone(&db), Rc::clone(shared), dispatcher.clone());
        spawn_local(async move {
            let (id, revision) = (doc.id, doc.revision);
            match db.save(&doc, base, base.is_none()).await {
                Ok(SaveOutcome::Saved) => {
                    dispatcher.dispatch(Action::Saved { id, revision });
                    if let Some(channel) = shared.borrow().channel.as_ref() {
                        channel.send(&Message::Saved { id, revision });
                    }
                }
                Ok(SaveOutcome::Conflict) => dispatcher.dispatch(Action::WriteConflict(id)),
                Err(e) => {
                    // Forget the attempt: the retry bases itself on what storage confirmed.
                    let mut s = shared.borrow_mut();
                    s.started.remove(&id);
                    if matches!(e, StorageError::Unavailable(_)) {
                        s.db = None;
                        s.lost = true;
                    }
                    drop(s);
                    dispatcher.dispatch(Action::StorageFailed(e.to_string()));
                }
            }
        });
    }
}

fn remove_pending(
    shared: &Rc<RefCell<Shared>>,
    dispatcher: &UseReducerDispatcher<State>,
    removing: &std::collections::BTreeSet<DocumentId>,
) {
    let Some(db) = shared.borrow().db.clone() else {
        return;
    };
    for &id in removing {
        if !shared.borrow_mut().deleting.insert(id) {
            continue;
        }
        let (db, shared, dispatcher) = (Rc::clone(&db), Rc::clone(shared), dispatcher.clone());
        spawn_local(async move {
            let result = db.delete(id).await;
            {
                let mut shared = shared.borrow_mut();
                shared.deleting.remove(&id);
                shared.started.remove(&id);
            }
            match result {
                Ok(()) => {
                    dispatcher.dispatch(Action::Removed(id));
                    if let Some(channel) = shared.borrow().channel.as_ref() {
                        channel.send(&Message::Deleted { id });
                    }
                }
                Err(e) => dispatcher.dispatch(Action::StorageFailed(e.to_string())),
            }
        });
    }
}
