//! Where storage stands, what is not stored yet, and what the header says about it. Storage
//! itself is the app's; it reports back with [`Action::Saved`](super::Action),
//! `Removed`, `StorageFailed`, `WriteConflict` and the rest, handled here.

use std::rc::Rc;

use crate::model::{Document, DocumentId};
use crate::storage::StorageError;

use super::State;

/// Where the browser storage stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Storage {
    /// Not read yet.
    Loading,
    /// Read; writes go through.
    Ready,
    /// Cannot be used at all (private mode, disabled, blocked): the app works in memory.
    Unavailable(StorageError),
    /// The last write failed (for example a full disk); the next change tries again.
    Failed(StorageError),
}

/// What the header says about saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Saving,
    NotSaved(String),
}

impl State {
    /// What the header says about saving.
    pub fn save_status(&self) -> SaveStatus {
        match &self.storage {
            Storage::Unavailable(error) => return SaveStatus::NotSaved(error.to_string()),
            // Nothing is confirmed until storage has answered.
            Storage::Loading => return SaveStatus::Saving,
            _ => {}
        }
        if !self.stale.is_empty() {
            return SaveStatus::NotSaved(
                "an article was changed in another tab. Reload this tab to see the latest version; export keeps what is on screen.".to_owned(),
            );
        }
        if self.pending_writes().is_empty() && self.removing.is_empty() {
            return SaveStatus::Saved;
        }
        match &self.storage {
            Storage::Failed(error) => SaveStatus::NotSaved(error.to_string()),
            _ => SaveStatus::Saving,
        }
    }

    /// Whether everything on screen is in storage (the header says "Saved" and no import is
    /// waiting).
    pub fn all_saved(&self) -> bool {
        self.save_status() == SaveStatus::Saved && self.queued_imports.is_empty()
    }

    /// Whether closing the tab now would lose something the person did: a change not stored,
    /// a deletion not done, an import waiting, an article stale here. Closing then asks first.
    /// The untouched sample, before storage has answered, is nothing to lose.
    pub fn has_unsaved_work(&self) -> bool {
        !self.queued_imports.is_empty()
            || !self.removing.is_empty()
            || !self.stale.is_empty()
            || !self.unsaved_documents().is_empty()
    }

    /// Documents whose latest revision is not in storage yet (stale ones are never written).
    pub fn pending_writes(&self) -> Vec<Rc<Document>> {
        if matches!(self.storage, Storage::Loading | Storage::Unavailable(_)) {
            return Vec::new();
        }
        self.library
            .values()
            .filter(|d| self.saved.get(&d.id) != Some(&d.revision) && !self.stale.contains(&d.id))
            .cloned()
            .collect()
    }

    /// Documents changed here and not in storage, whatever storage's state: what a person
    /// would lose if the tab closed now.
    pub fn unsaved_documents(&self) -> Vec<Rc<Document>> {
        self.library
            .values()
            .filter(|d| self.saved.get(&d.id) != Some(&d.revision))
            .filter(|d| self.sample != Some(d.id) || d.revision > 0)
            .cloned()
            .collect()
    }

    pub(super) fn saved(&self, id: DocumentId, revision: u64) -> Option<State> {
        if self.saved.get(&id) == Some(&revision) && self.storage == Storage::Ready {
            return None;
        }
        let mut saved = (*self.saved).clone();
        saved.insert(id, revision);
        Some(State {
            saved: Rc::new(saved),
            storage: Storage::Ready,
            ..self.clone()
        })
    }

    pub(super) fn removed(&self, id: DocumentId) -> Option<State> {
        let mut removing = (*self.removing).clone();
        let mut saved = (*self.saved).clone();
        (removing.remove(&id) | saved.remove(&id).is_some()).then(|| State {
            removing: Rc::new(removing),
            saved: Rc::new(saved),
            ..self.clone()
        })
    }

    pub(super) fn storage_is(&self, storage: Storage) -> Option<State> {
        (self.storage != storage).then(|| State {
            storage,
            ..self.clone()
        })
    }

    pub(super) fn write_conflict(&self, id: DocumentId) -> Option<State> {
        if self.stale.contains(&id) {
            return None;
        }
        let mut stale = (*self.stale).clone();
        stale.insert(id);
        Some(State {
            stale: Rc::new(stale),
            ..self.clone()
        })
    }

    /// Storage cannot be used: the app goes on in memory. Imports waiting for the library are
    /// merged now (into what is on screen), as they were promised.
    pub(super) fn storage_unavailable(&self, error: StorageError) -> Option<State> {
        let mut next = self.storage_is(Storage::Unavailable(error))?;
        let queued = std::mem::take(&mut next.queued_imports);
        for q in queued.iter() {
            next = next.merge_import(&q.name, q.file.clone(), q.at);
        }
        Some(next)
    }

    /// Whether the last change was typing a note (so its write may wait for a pause).
    pub fn typing_note(&self) -> bool {
        matches!(
            self.undo.last(),
            Some(super::Edit::Changed { before, after })
                if before.label == after.label && before.span == after.span
        ) && self.redo.is_empty()
    }

    pub(super) fn retry_storage(&self) -> Option<State> {
        // A blocked database waits for the other tab to let go (its open is still pending):
        // a retry could do nothing, and would hide why nothing is saved.
        let retry = matches!(&self.storage, Storage::Failed(e) if *e != StorageError::Blocked);
        retry.then(|| State {
            storage: Storage::Ready,
            ..self.clone()
        })
    }
}
