//! Sync with a CouchDB database: `http` makes the requests, `engine` runs the loops, and
//! `use_sync` ties them to the editor: it reads what is stored of the last sync, starts again
//! when sync was on, sends changes as they are made, and stores what is known once the library
//! it describes is stored. Everything sync decides is the core's (`gloss_core::sync`).

pub mod engine;
pub mod http;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::dom::settings;
use crate::model::DocumentId;
use crate::state::{Action, Notice, NoticeKind, Storage};
use crate::storage::idb::Db;
use crate::ui::store::{EditorHandle, Latest};
use engine::Engine;
use gloss_core::sync::replica::{part_key, KnownArticle, HEAD_KEY};
use gloss_core::sync::wire::Address;
use gloss_core::sync::{Replica, SyncError};

/// What the sync settings can ask of the engine.
#[derive(Clone)]
pub struct SyncHandle {
    pub engine: Rc<Engine>,
}

impl PartialEq for SyncHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &other.engine)
    }
}

/// What was last written of the replica, to write only what changed.
#[derive(Default)]
struct Written {
    db: Option<Rc<Db>>,
    head: String,
    parts: BTreeMap<DocumentId, Rc<KnownArticle>>,
    writing: bool,
}

#[hook]
pub fn use_sync(state: &EditorHandle, latest: Latest) -> SyncHandle {
    let engine = use_memo((), {
        let latest = latest.clone();
        move |()| Engine::new(latest)
    });
    let written = use_mut_ref(Written::default);
    let library_read = !matches!(state.storage, Storage::Loading);

    // Once the library is read: read the stored replica, and start again when sync was on.
    {
        let engine = Rc::clone(&engine);
        let written = Rc::clone(&written);
        let latest = latest.clone();
        use_effect_with(library_read, move |read| {
            if *read {
                spawn_local(async move {
                    let (db, stored) = match Db::open(|| {}).await {
                        Ok(db) => {
                            let db = Rc::new(db);
                            let stored = db.load_sync().await.map_err(|e| e.to_string());
                            (Some(db), stored)
                        }
                        Err(e) => (None, Err(e.to_string())),
                    };
                    let (replica, unreadable) = match stored {
                        Ok(None) => (None, None),
                        Ok(Some((head, parts))) => {
                            let parts = parts.into_iter().filter_map(|(id, text)| {
                                let id = uuid::Uuid::parse_str(&id).ok()?;
                                Some((DocumentId(id), text))
                            });
                            match Replica::decode(&head, parts) {
                                Ok(replica) => (Some(replica), None),
                                Err(e) => (None, Some(e.to_string())),
                            }
                        }
                        Err(reason) => (None, Some(reason)),
                    };
                    {
                        let mut w = written.borrow_mut();
                        w.db = db;
                        if let Some(r) = &replica {
                            w.head = r.encode_head();
                            w.parts = r.articles.clone();
                        }
                    }
                    latest.borrow().dispatch(Action::SyncLoaded(replica));
                    if let Some(reason) = unreadable {
                        // Starting afresh would send everything again as new revisions: the
                        // person decides, with Connect.
                        latest.borrow().dispatch(Action::Notify(Notice {
                            kind: NoticeKind::Error,
                            text: format!("What this browser knew of the sync database could not be read ({reason}), so sync does not start by itself. Nothing here is lost: Connect in Sync reads the database again from the start."),
                        }));
                        return;
                    }
                    let settings = settings::sync_settings();
                    if settings.on {
                        if let Ok(address) = Address::parse(&settings.url) {
                            engine.start(address);
                        }
                    }
                });
            }
        });
    }

    // The browser says the network is back: try at once rather than at the end of a back-off.
    {
        let engine = Rc::clone(&engine);
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "online", move |_| engine.now())
            });
            move || drop(listener)
        });
    }

    // Sync stopped for want of a name: a name given anywhere starts it again.
    {
        let engine = Rc::clone(&engine);
        let waiting_for_name = state.me.is_some()
            && state.sync.link == gloss_core::sync::Link::Failed(SyncError::NoName);
        use_effect_with(waiting_for_name, move |waiting| {
            if *waiting {
                engine.now();
            }
        });
    }

    // Changes here are sent shortly after they are made.
    {
        let engine = Rc::clone(&engine);
        use_effect_with(
            (
                Rc::clone(&state.library),
                Rc::clone(&state.sync.replica),
                state.me.clone(),
            ),
            move |_| engine.push_soon(),
        );
    }

    // What is known of the database is stored once the library it describes is stored.
    {
        let replica = Rc::clone(&state.sync.replica);
        // Deletions too: an article dropped here must be gone from storage before the replica
        // says so, or a reload would bring it back with nothing known of it.
        let all_stored =
            state.pending_writes().is_empty() && state.removing.is_empty() && state.sync.loaded;
        let latest = latest.clone();
        use_effect_with((replica, all_stored), move |(replica, all_stored)| {
            if *all_stored {
                store(&written, replica, latest);
            }
        });
    }

    SyncHandle {
        engine: Rc::clone(&engine),
    }
}

/// Writes the head and the parts that changed since the last write.
fn store(written: &Rc<RefCell<Written>>, replica: &Rc<Replica>, latest: Latest) {
    let mut w = written.borrow_mut();
    if w.writing || replica.database.is_empty() {
        return;
    }
    let Some(db) = w.db.clone() else {
        return;
    };
    let head = replica.encode_head();
    let mut entries = Vec::new();
    if head != w.head {
        entries.push((HEAD_KEY.to_owned(), Some(head.clone())));
    }
    for (id, part) in &replica.articles {
        if w.parts.get(id).is_none_or(|p| !Rc::ptr_eq(p, part)) {
            entries.push((part_key(*id), Some(Replica::encode_article(part))));
        }
    }
    for id in w.parts.keys() {
        if !replica.articles.contains_key(id) {
            entries.push((part_key(*id), None));
        }
    }
    if entries.is_empty() {
        return;
    }
    w.writing = true;
    let written = Rc::clone(written);
    let replica = Rc::clone(replica);
    drop(w);
    spawn_local(async move {
        let saved = db.save_sync(&entries).await;
        written.borrow_mut().writing = false;
        if let Err(e) = saved {
            // Written again with the next change, over a connection opened anew (another
            // tab's upgrade closes this one). At worst the same changes are read again.
            latest.borrow().dispatch(Action::Notify(Notice {
                kind: NoticeKind::Error,
                text: format!("What this browser knows of the sync database could not be stored ({e}). Sync goes on; it is stored again with the next change."),
            }));
            let reopened = Db::open(|| {}).await.ok().map(Rc::new);
            written.borrow_mut().db = reopened.or(Some(db));
            return;
        }
        {
            let mut w = written.borrow_mut();
            w.head = head;
            w.parts = replica.articles.clone();
        }
        // What changed while this was written.
        let state = latest.borrow().shared();
        if state.pending_writes().is_empty()
            && state.removing.is_empty()
            && !Rc::ptr_eq(&state.sync.replica, &replica)
        {
            store(&written, &Rc::clone(&state.sync.replica), latest);
        }
    });
}
