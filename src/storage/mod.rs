//! Keeping work in the browser: `idb` is the one place that talks to IndexedDB; `tabs` tells
//! other tabs what was written. What a record looks like, why storage fails and which writes
//! to start are the core's (`gloss_core::storage`), re-exported here.
//!
//! Why IndexedDB: measured here, `localStorage` loses writes made a second before a crash and
//! holds at most 5 MiB; an IndexedDB transaction with strict durability survives the crash, and
//! "Saved" is shown only once that transaction has completed.

pub mod idb;
pub mod tabs;
pub mod timing;

pub use gloss_core::storage::{changes, journal, plan, record, LoadedLibrary, StorageError};
