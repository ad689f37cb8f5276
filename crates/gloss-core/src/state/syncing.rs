//! Sync with a CouchDB database, as the reducer sees it: what the app's HTTP layer reports
//! (the link, a page of changes, a stored batch) and the person's choice in a conflict. The
//! rules themselves are in [`crate::sync`]; this module puts their results into the state.

use std::rc::Rc;

use serde_json::Value;

use super::history::Edit;
use super::State;
use crate::model::{AnnotationId, DocumentId, Timestamp};
use crate::sync::outgoing::{self, Batch, Sent, BATCH_DOCS};
use crate::sync::wire::Refused;
use crate::sync::{incoming, wire, Change, Conflict, Link, Replica, SyncError};

/// The first line of the notice listing the database's documents that were not taken.
const NOT_TAKEN: &str = "Some of the database's documents were not taken:";

/// Sync as the editor holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sync {
    /// What this browser knows of the database (stored beside the library).
    pub replica: Rc<Replica>,
    /// Whether the stored replica has been read (nothing is exchanged before).
    pub loaded: bool,
    pub link: Link,
}

/// Which version of an annotation written on two devices to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The one shown (the newer).
    This,
    /// The other device's.
    Other,
}

impl State {
    fn with_sync(&self, sync: Sync) -> State {
        State {
            sync: Rc::new(sync),
            ..self.clone()
        }
    }

    pub(super) fn sync_loaded(&self, replica: Option<Replica>) -> Option<State> {
        let mut sync = (*self.sync).clone();
        if let Some(replica) = replica {
            sync.replica = Rc::new(replica);
        }
        sync.loaded = true;
        Some(self.with_sync(sync))
    }

    /// Connecting to `database`: what is known of another database does not apply to it.
    pub(super) fn sync_connect(&self, database: &str) -> Option<State> {
        let mut sync = (*self.sync).clone();
        if sync.replica.database != database {
            sync.replica = Rc::new(Replica::new(database));
        }
        sync.link = Link::Connecting;
        Some(self.with_sync(sync))
    }

    pub(super) fn sync_link(&self, link: Link) -> Option<State> {
        (self.sync.link != link).then(|| {
            let mut sync = (*self.sync).clone();
            sync.link = link;
            self.with_sync(sync)
        })
    }

    /// A page of the changes feed: taken into the library, the checkpoint moved past it.
    pub(super) fn sync_pulled(
        &self,
        changes: Vec<Change>,
        last_seq: Value,
        pending: u64,
    ) -> Option<State> {
        let me = self.me.clone()?;
        if !self.sync.loaded || matches!(self.storage, super::Storage::Loading) {
            return None;
        }
        let applied = incoming::apply(&self.library, &self.sync.replica, &me, changes);
        let mut library = (*self.library).clone();
        let touched_ids: Vec<DocumentId> = applied.documents.keys().copied().collect();
        for (id, doc) in applied.documents {
            library.insert(id, Rc::new(doc));
        }
        let mut replica = applied.replica;
        replica.since = Some(last_seq);
        let replica = outgoing::settle(&replica, &library, &me, touched_ids.iter().copied());
        let mut next = self.clone();
        next.library = Rc::new(library);
        let mut sync = (*self.sync).clone();
        sync.replica = Rc::new(replica);
        // A page read is the link working again, after any failure that could pass.
        let passing = match &sync.link {
            Link::Online { .. } | Link::Connecting | Link::Offline => true,
            Link::Failed(error) => error.retry_helps() || *error == SyncError::NoName,
            Link::Off => false,
        };
        if passing {
            sync.link = Link::Online { pending };
        }
        next.sync = Rc::new(sync);
        if let Some(open) = self.open_id().filter(|id| touched_ids.contains(id)) {
            next.refresh_open(open, applied.touched.get(&open).map(Vec::as_slice));
            if applied.own_changed.contains(&open) {
                next.undo = super::History::default();
                next.redo = super::History::default();
            }
        }
        if self.article.is_none() {
            if let Some(first) = applied.created.iter().next() {
                if let Some(doc) = next.library.get(first).cloned() {
                    next = next.opened(doc);
                }
            }
        }
        let arrived: Vec<String> = applied
            .arrived
            .iter()
            .map(|(who, n)| {
                let what = if *n == 1 { "annotation" } else { "annotations" };
                format!("{n} {what} from {who}")
            })
            .collect();
        if !arrived.is_empty() {
            next.announce(
                &self.announcement,
                format!("Synced: {}", arrived.join(", ")),
            );
        }
        if !applied.problems.is_empty() {
            // The feed comes in pages: the problems of an earlier page still shown stay, and
            // this page's are added below them.
            let mut text = match &self.notice {
                Some(n) if n.kind == super::NoticeKind::Error && n.text.starts_with(NOT_TAKEN) => {
                    n.text.clone()
                }
                _ => NOT_TAKEN.to_owned(),
            };
            for problem in &applied.problems {
                text.push('\n');
                text.push_str(problem);
            }
            next.notice = Some(super::Notice {
                kind: super::NoticeKind::Error,
                text,
            });
        }
        Some(next)
    }

    /// The open article again, after documents under it changed: the same view, the same
    /// selection when it is still there, only the touched lines laid out again.
    fn refresh_open(&mut self, id: DocumentId, touched: Option<&[crate::model::Span]>) {
        let Some(doc) = self.library.get(&id).cloned() else {
            return;
        };
        let Some(article) = self.article.as_ref() else {
            return;
        };
        let same_text = article.doc.text == doc.text;
        let refreshed = match touched {
            Some(spans) if same_text => article.with_annotations((*doc).clone(), spans),
            _ => super::Article::viewed(doc, article.view.clone()),
        };
        self.selected = self
            .selected
            .filter(|s| refreshed.doc.annotations.iter().any(|a| a.id == *s));
        self.article = Some(refreshed);
    }

    /// A batch reached the database (or some of it was refused).
    pub(super) fn sync_pushed(&self, sent: Vec<Sent>, refused: Vec<Refused>) -> Option<State> {
        let me = self.me.clone()?;
        let refused_ids: Vec<String> = refused.iter().map(|r| r.id.clone()).collect();
        let replica = outgoing::recorded(&self.sync.replica, &sent, &refused_ids);
        let ids: std::collections::BTreeSet<DocumentId> = sent.iter().map(|s| s.article).collect();
        let replica = outgoing::settle(&replica, &self.library, &me, ids);
        let mut sync = (*self.sync).clone();
        sync.replica = Rc::new(replica);
        if let Some(error) = wire::refusal(&refused) {
            sync.link = Link::Failed(error);
        }
        Some(self.with_sync(sync))
    }

    /// Deleting an article here leaves the team's copy in the database: changes to it are not
    /// taken again.
    pub(super) fn sync_dropped(&mut self, id: DocumentId) {
        if self.library.contains_key(&id) || self.sync.replica.database.is_empty() {
            return;
        }
        let mut sync = (*self.sync).clone();
        let replica = Rc::make_mut(&mut sync.replica);
        replica.articles.remove(&id);
        replica.waiting.retain(|w| w.article != id);
        replica.conflicts.retain(|_, c| c.article != id);
        replica.dropped.insert(id);
        self.sync = Rc::new(sync);
    }

    /// "Keep this one" / "Keep the other" for an annotation written on two devices.
    pub(super) fn resolve_conflict(
        &self,
        id: AnnotationId,
        keep: Keep,
        at: Timestamp,
    ) -> Option<State> {
        let conflict = self.sync.replica.conflicts.get(&id)?.clone();
        let before = self.article.as_ref()?.doc.annotation(id)?.clone();
        let mut after = match keep {
            Keep::This => before.clone(),
            Keep::Other => conflict.other.clone(),
        };
        after.updated_at = at;
        let mut next = self.commit(Edit::Changed { before, after })?;
        let mut sync = (*next.sync).clone();
        let replica = Rc::make_mut(&mut sync.replica);
        if let Some(c) = replica.conflicts.get_mut(&id) {
            c.chosen = true;
        }
        next.sync = Rc::new(sync);
        let words = match keep {
            Keep::This => "Kept this version; the other device's is discarded.",
            Keep::Other => "Kept the other device's version.",
        };
        next.announce(&self.announcement, words.to_owned());
        Some(next)
    }

    /// The next batch to send (empty when everything is exchanged or no name is given).
    pub fn sync_batch(&self) -> Batch {
        match self.me.as_deref() {
            Some(me) if self.sync.loaded => outgoing::outgoing(
                &self.library,
                &self.sync.replica,
                me,
                self.sample,
                BATCH_DOCS,
            ),
            _ => Batch::default(),
        }
    }

    /// How many documents wait to be sent.
    pub fn sync_waiting(&self) -> usize {
        match self.me.as_deref() {
            Some(me) if self.sync.loaded => {
                outgoing::waiting(&self.library, &self.sync.replica, me, self.sample)
            }
            _ => 0,
        }
    }

    /// The conflict an annotation is in, when it was written on two devices.
    pub fn sync_conflict(&self, id: AnnotationId) -> Option<&Conflict> {
        self.sync.replica.conflicts.get(&id).filter(|c| !c.chosen)
    }

    /// What the header says of sync (`None`: sync is off), given how many changes wait here.
    pub fn sync_words(&self, waiting: usize) -> Option<String> {
        Some(match &self.sync.link {
            Link::Off => return None,
            Link::Connecting => "Connecting…".to_owned(),
            Link::Online { pending } => {
                let left = waiting as u64 + pending;
                if left == 0 {
                    "Synced".to_owned()
                } else {
                    format!("Syncing… ({left} left)")
                }
            }
            Link::Offline => format!(
                "Offline — {waiting} {} wait",
                if waiting == 1 { "change" } else { "changes" }
            ),
            Link::Failed(error) => format!("Sync failed: {error}"),
        })
    }
}
