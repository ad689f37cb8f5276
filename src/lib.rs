//! Gloss: annotate news articles in the browser. This crate is the browser edge; the domain
//! (documents, offsets, the reducer, formats, stored records, the key map) is `gloss-core`,
//! which depends on no browser crate and is re-exported here under its own module names.
//!
//! - [`dom`]: the thin browser edge (selection → offsets, files in, downloads out, page life).
//! - [`storage`]: IndexedDB and the channel to other tabs.
//! - [`sync`]: sync with a CouchDB database (the requests and the loops; the rules are the
//!   core's).
//! - [`ui`]: Yew components and hooks, laid out like the screen: toolbar, article, sidebar,
//!   dialogs; `app` composes them.

pub use gloss_core::{formats, keys, model, state, suggest};

pub mod dom;
pub mod storage;
pub mod sync;
pub mod ui;

pub use ui::app::App;
