//! A browser as the app's sync engine (`src/sync/engine.rs`) drives it: the state reduced with
//! real actions; the sending loop takes `sync_batch()`, posts its body, reads the answer with
//! `wire::bulk_docs` and dispatches `SyncPushed`; the feed loop asks `_changes` from the
//! replica's checkpoint, reads it with `wire::changes`, fetches the other leaves of conflicted
//! documents with `open_revs` and dispatches `SyncPulled`. The HTTP calls go to the fake.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use gloss_core::model::{AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use gloss_core::state::{Action, Keep, Selection, State};
use gloss_core::storage::LoadedLibrary;
use gloss_core::sync::wire::{self, Address};
use gloss_core::sync::{Batch, Replica};
use uuid::Uuid;

use super::couch::{Couch, DB};

/// A small page, so the feed is read over several pages.
pub const PAGE: usize = 3;

pub const TEXT: &str =
    "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”\n\nCritics disagreed.";

pub fn article(n: u128) -> Document {
    let mut doc = Document::new(format!("Article {n}"), None, TEXT.into(), Timestamp(1));
    doc.id = doc_id(n);
    doc
}

pub fn doc_id(n: u128) -> DocumentId {
    DocumentId(Uuid::from_u128(0xD0C0 + n))
}

pub fn id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

/// An annotation as compared across browsers: (id, label, span, note, created_by).
pub type Mark = (AnnotationId, Label, Span, String, Option<String>);

pub struct Browser {
    pub state: Rc<State>,
    pub address: Address,
    /// The clock of this browser's actions (each action a later time).
    pub clock: i64,
}

impl Browser {
    /// Storage read (empty), "Your name" given, the stored replica read (none) and connected.
    pub fn new(me: &str) -> Browser {
        let address = Address::parse(DB).expect("a database URL");
        let state = Rc::new(State::default())
            .reduce(Action::LibraryLoaded(LoadedLibrary::default()))
            .reduce(Action::SetYourName(me.to_owned()))
            .reduce(Action::SyncLoaded(None))
            .reduce(Action::SyncConnect {
                database: address.database.clone(),
            });
        Browser {
            state,
            address,
            clock: 10,
        }
    }

    /// The first visit: the built-in sample open, then storage read and connected.
    pub fn with_sample(me: &str, sample: Document) -> Browser {
        let mut b = Browser::new(me);
        let state = Rc::new(State::with_sample(sample))
            .reduce(Action::LibraryLoaded(LoadedLibrary::default()))
            .reduce(Action::SetYourName(me.to_owned()))
            .reduce(Action::SyncLoaded(None))
            .reduce(Action::SyncConnect {
                database: b.address.database.clone(),
            });
        b.state = state;
        b
    }

    pub fn act(&mut self, action: Action) {
        self.state = Rc::clone(&self.state).reduce(action);
    }

    pub fn now(&mut self) -> Timestamp {
        self.clock += 1;
        Timestamp(self.clock)
    }

    pub fn open(&mut self, doc: Document) {
        self.act(Action::OpenDocument(doc));
    }

    pub fn open_stored(&mut self, doc: DocumentId) {
        if self.state.open_id() != Some(doc) {
            self.act(Action::OpenStored(doc));
        }
    }

    /// Marks `span` of the open article as `label`, as annotation `n`.
    pub fn mark(&mut self, label: Label, span: Span, n: u128) {
        let at = self.now();
        self.act(Action::ApplyLabel {
            label,
            selection: Selection::Span(span),
            new_id: id(n),
            at,
        });
    }

    /// Selects annotation `n` and presses another label's key.
    pub fn relabel(&mut self, n: u128, label: Label) {
        let at = self.now();
        self.act(Action::Select(Some(id(n))));
        self.act(Action::ApplyLabel {
            label,
            selection: Selection::None,
            new_id: id(u128::MAX),
            at,
        });
    }

    pub fn note(&mut self, doc: DocumentId, n: u128, note: &str) {
        let at = self.now();
        self.act(Action::SetNote {
            document: doc,
            id: id(n),
            note: note.to_owned(),
            at,
        });
    }

    pub fn delete(&mut self, n: u128) {
        self.act(Action::Delete(id(n)));
    }

    pub fn resolve(&mut self, n: u128, keep: Keep) {
        let at = self.now();
        self.act(Action::ResolveConflict {
            id: id(n),
            keep,
            at,
        });
    }

    /// The batch the sending loop would send now.
    pub fn batch(&self) -> Batch {
        self.state.sync_batch()
    }

    /// Posts a batch; the refused documents, as the app reads them.
    pub fn post(&self, couch: &mut Couch, batch: &Batch) -> Vec<wire::Refused> {
        let answer = couch.post(&self.address.bulk_docs(), &batch.body().to_string());
        wire::bulk_docs(&answer).expect("the _bulk_docs answer reads")
    }

    /// The answer reached the browser.
    pub fn pushed(&mut self, batch: Batch, refused: Vec<wire::Refused>) {
        self.act(Action::SyncPushed {
            sent: batch.sent,
            refused,
        });
    }

    /// The sending loop: batches until nothing waits or something is refused; the number of
    /// batches sent.
    pub fn push(&mut self, couch: &mut Couch) -> usize {
        for round in 0..50 {
            let batch = self.batch();
            if batch.is_empty() {
                return round;
            }
            let refused = self.post(couch, &batch);
            let stop = !refused.is_empty();
            self.pushed(batch, refused);
            if stop {
                return round + 1;
            }
        }
        panic!("the sending loop does not settle: {:?}", self.batch().sent);
    }

    /// One page of the feed, read and fetched as the app does, not yet dispatched.
    pub fn fetch_page(&self, couch: &Couch) -> Action {
        let since = self.state.sync.replica.since.clone();
        let url = self.address.changes(since.as_ref(), PAGE, None);
        let mut page = wire::changes(&couch.get(&url)).expect("the _changes answer reads");
        for (id, revs) in page.conflicted.clone() {
            let text = couch.get(&self.address.open_revs(&id, &revs));
            let bodies = wire::open_revs(&text).expect("the open_revs answer reads");
            page.with_conflicts(&id, bodies);
        }
        Action::SyncPulled {
            changes: page.changes,
            last_seq: page.last_seq,
            pending: page.pending,
        }
    }

    /// The feed loop until caught up; the number of pages read.
    pub fn pull(&mut self, couch: &Couch) -> usize {
        for round in 1..200 {
            let action = self.fetch_page(couch);
            let Action::SyncPulled { pending, .. } = &action else {
                unreachable!()
            };
            let pending = *pending;
            self.act(action);
            if pending == 0 {
                return round;
            }
        }
        panic!("the feed does not end");
    }

    pub fn sync(&mut self, couch: &mut Couch) {
        self.push(couch);
        self.pull(couch);
    }

    pub fn replica(&self) -> &Replica {
        &self.state.sync.replica
    }

    /// The annotations of an article in the library.
    pub fn marks(&self, doc: DocumentId) -> BTreeSet<Mark> {
        self.state
            .library
            .get(&doc)
            .map(|d| {
                d.annotations
                    .iter()
                    .map(|a| (a.id, a.label, a.span, a.note.clone(), a.created_by.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every article's annotations.
    pub fn all_marks(&self) -> BTreeMap<DocumentId, BTreeSet<Mark>> {
        self.state
            .library
            .keys()
            .map(|id| (*id, self.marks(*id)))
            .collect()
    }
}

/// Everyone pushes and pulls, `rounds` times.
pub fn exchange(browsers: &mut [&mut Browser], couch: &mut Couch, rounds: usize) {
    for _ in 0..rounds {
        for b in browsers.iter_mut() {
            b.sync(couch);
        }
    }
}

/// The span of the first `needle` in [`TEXT`], in code points.
pub fn span_of(needle: &str) -> Span {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}
