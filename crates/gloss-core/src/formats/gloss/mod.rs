//! Gloss JSON: the person's own file of their work (see docs/FORMAT.md and
//! docs/gloss.schema.json). Export writes it; import reads it with a reason for every problem,
//! imports what is valid, and merges articles already in the library (re-anchoring annotations
//! by their quote where the text changed). Nothing here can panic on any input.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::time::to_rfc3339;
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::{Document, DocumentId, Extra, Timestamp};

pub use super::parsed::{
    ExportError, FileError, Imported, Incoming, Parsed, ParsedDocument, Problem, CONTEXT,
    MAX_ANNOTATIONS, MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES,
};
use super::sha256_hex;

pub const FORMAT: &str = "gloss";
pub const VERSION: u64 = 1;

/// Sets `key` unless the object already has it (known fields win over extras).
fn put_extras(object: &mut Map<String, Value>, extra: &Extra) {
    for (k, v) in extra {
        object.entry(k.clone()).or_insert_with(|| v.clone());
    }
}

/// Writes `documents` as one Gloss JSON file. An error (serde could not write a value) is
/// reported to the person; an empty file is never offered in its place.
pub fn export(documents: &[&Document], at: Timestamp) -> Result<String, ExportError> {
    let docs: Vec<Value> = documents
        .iter()
        .map(|doc| {
            let index = TextIndex::new(Rc::clone(&doc.text));
            let annotations: Vec<Value> = doc
                .annotations
                .iter()
                .map(|a| {
                    let (prefix, suffix) = context(&index, a.span, CONTEXT);
                    let mut o = match json!({
                        "id": a.id.to_string(),
                        "label": a.label.slug(),
                        "start": a.span.start,
                        "end": a.span.end,
                        "text": index.slice(a.span),
                        "prefix": prefix,
                        "suffix": suffix,
                        "note": a.note,
                        "created_at": to_rfc3339(a.created_at),
                        "updated_at": to_rfc3339(a.updated_at),
                    }) {
                        Value::Object(o) => o,
                        _ => Map::new(),
                    };
                    put_extras(&mut o, &a.extra);
                    Value::Object(o)
                })
                .collect();
            let mut o = match json!({
                "id": doc.id.to_string(),
                "title": doc.title,
                "date": doc.date.map(|d| d.to_string()),
                "text": &*doc.text,
                "text_sha256": sha256_hex(&doc.text),
                "annotations": annotations,
            }) {
                Value::Object(o) => o,
                _ => Map::new(),
            };
            put_extras(&mut o, &doc.extra);
            Value::Object(o)
        })
        .collect();
    let file = json!({
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_rfc3339(at),
        "documents": docs,
    });
    serde_json::to_string_pretty(&file).map_err(|e| ExportError(e.to_string()))
}

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

mod read;

pub use super::merge_into;
pub use read::parse;
pub(crate) use read::{shorten, too_deep};
