//! Gloss JSON: the person's own file of their work (see docs/FORMAT.md and
//! docs/gloss.schema.json). Export writes it; import reads it with a reason for every problem,
//! imports what is valid, and merges articles already in the library (re-anchoring annotations
//! by their quote where the text changed). Nothing here can panic on any input.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::model::{Document, DocumentId, Timestamp};

pub use super::parsed::{
    ExportError, FileError, Imported, Incoming, Parsed, ParsedDocument, Problem, CONTEXT,
    MAX_ANNOTATIONS, MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES,
};
use super::sha256_hex;

pub const FORMAT: &str = "gloss";
/// The version this Gloss writes; it reads every version from 1 up to it.
pub const VERSION: u64 = 5;

/// A file name for an export of one article: `<title>.gloss.json`.
pub fn file_name(title: &str) -> String {
    format!("{}.gloss.json", super::file_stem(title))
}

/// Reads Gloss JSON and merges it with `library`: [`parse`], then [`merge_into`]. `Err`
/// refuses the whole file.
pub fn import(
    json: &str,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    at: Timestamp,
) -> Result<Imported, FileError> {
    parse(json, at).map(|parsed| merge_into(parsed, library, None, at))
}

mod annotation;
mod checks;
mod entities;
mod envelope;
mod read;
mod rejected;
mod write;

pub use super::merge_into;
pub(crate) use annotation::shorten;
pub(crate) use checks::{
    add_source, not_a_claim, read_sources, read_verdict, refused_source, sources_value, write_check,
};
pub(crate) use envelope::too_deep;
pub use envelope::{shape, Shape};
pub use read::parse;
pub use write::{export, Writer};
