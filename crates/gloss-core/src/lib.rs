//! Gloss's domain, with no browser in it: the crate depends on no `yew`, `web-sys`, `js-sys`,
//! `wasm-bindgen` or `gloo`, so nothing here can reach the browser, and all of it is tested by
//! plain `cargo test`.
//!
//! - [`model`]: documents, labels, ids; canonical text, offsets, layout, re-anchoring.
//! - [`state`]: the editor's state, the [`state::Action`]s a person can take, and the reducer.
//! - [`formats`]: how work leaves and enters Gloss (Gloss JSON).
//! - [`storage`]: the stored record and its migrations, storage errors, and the write plan.
//! - [`keys`]: which key means what, and what a key press does in a given state.
//! - [`who`]: "who said what": quotes and claims per person, its chart and CSV.
//! - [`suggest`]: quotations, speakers and actors found by rules, for a person to accept.
//! - [`sync`]: sync through CouchDB: the database layout, revisions, what to send and how what
//!   arrives joins the library.
//!
//! One offset unit everywhere: Unicode code points, half-open `[start, end)`, over a document's
//! canonical text. Conversions to UTF-16 (the DOM) and UTF-8 bytes live in [`model::offsets`].

// Everything here handles what a person or a file supplied: no unwrap, expect, panic or
// unchecked indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod agree;
pub mod formats;
pub mod keys;
pub mod model;
pub mod state;
pub mod storage;
pub mod suggest;
pub mod sync;
pub mod who;
