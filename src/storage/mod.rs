//! Keeping work in the browser. `record` is the pure, versioned layout of what is written;
//! `idb` is the one place that talks to IndexedDB; `sync` tells other tabs what was written.
//!
//! Why IndexedDB: measured here, `localStorage` loses writes made a second before a crash and
//! holds at most 5 MiB; an IndexedDB transaction with strict durability survives the crash, and
//! "Saved" is shown only once that transaction has completed.

pub mod idb;
pub mod record;
pub mod sync;

use thiserror::Error;

/// Why storage did not do what was asked, in words for the person.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("browser storage is unavailable ({0}). Your work stays on this page until you close it; Export keeps a copy.")]
    Unavailable(String),
    #[error("the browser's storage is full. Everything stays on screen and Gloss saves again once space is free (delete articles or other sites' data); Export keeps a copy now.")]
    QuotaExceeded,
    #[error(
        "the browser could not save ({0}). Gloss tries again shortly; Export keeps a copy now."
    )]
    Failed(String),
}
