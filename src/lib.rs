//! Gloss: annotate news articles in the browser.
//!
//! - [`model`]: the data and the editor's behaviour, free of any browser API (native tests).
//! - [`dom`]: the thin browser edge (selection → offsets, files in).
//! - [`ui`]: Yew components, laid out like the screen: toolbar, article, sidebar, dialogs.

pub mod dom;
pub mod formats;
pub mod model;
pub mod storage;
pub mod ui;

pub use ui::app::App;
