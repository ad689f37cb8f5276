//! What Gloss keeps in the browser, without the browser: the versioned records of a document
//! ([`record`]), what a save writes ([`changes`]), why storage failed ([`StorageError`]), what
//! storage held at start ([`LoadedLibrary`]) and which writes to start next ([`plan`]). The app's `storage` module
//! is the IndexedDB edge that carries these out.

pub mod changes;
pub mod journal;
pub mod plan;
pub mod record;

use thiserror::Error;

use crate::model::{Document, DocumentId};

/// Why storage did not do what was asked, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("browser storage is unavailable ({0}). Your work stays on this page until you close it; Export keeps a copy.")]
    Unavailable(String),
    #[error("another Gloss tab is still using an older version of its storage. Close other Gloss tabs (or reload them) so this one can save; until then your work stays on this page and Export keeps a copy.")]
    Blocked,
    #[error("the browser's storage is full. Everything stays on screen and Gloss saves again once space is free (delete articles or other sites' data); Export keeps a copy now.")]
    QuotaExceeded,
    #[error(
        "the browser could not save ({0}). Gloss tries again shortly; Export keeps a copy now."
    )]
    Failed(String),
    #[error("Gloss could not write this article's record ({0}). Nothing stored was overwritten; Export keeps a copy.")]
    Encode(String),
}

impl StorageError {
    /// Whether the connection to storage is gone and must be opened again before a retry.
    pub fn connection_lost(&self) -> bool {
        matches!(self, StorageError::Unavailable(_))
    }
}

/// What storage held when the app started.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedLibrary {
    pub documents: Vec<Document>,
    /// Records that could not be read; they are left untouched in storage.
    pub unreadable: Vec<String>,
    /// The article open when the app was last used.
    pub last_open: Option<DocumentId>,
    /// Changes that had not reached storage when a page went away (see [`journal`]),
    /// replayed by the reducer against what storage holds now.
    pub journal: Vec<journal::JournalEntry>,
    /// Articles whose changes a closing tab could not journal (the browser's storage was
    /// full): the person is told, by title.
    pub journal_failed: Vec<String>,
}
