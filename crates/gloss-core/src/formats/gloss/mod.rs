//! Gloss JSON: the person's own file of their work (see docs/FORMAT.md and
//! docs/gloss.schema.json). Export writes it; import reads it with a reason for every problem,
//! imports what is valid, and merges articles already in the library (re-anchoring annotations
//! by their quote where the text changed). Nothing here can panic on any input.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::time::to_rfc3339;
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::{ArticleDate, Document, DocumentId, Extra, Timestamp};

pub const FORMAT: &str = "gloss";
pub const VERSION: u64 = 1;
/// Code points of context written before and after each annotation.
pub const CONTEXT: usize = 32;

/// What an import accepts at most. Larger files are refused with a message, never parsed.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_DEPTH: usize = 32;
pub const MAX_DOCUMENTS: usize = 1_000;
pub const MAX_ANNOTATIONS: usize = 200_000;

/// Why a whole file was refused. Nothing in the library changes then.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FileError {
    #[error("the file is too large ({size} bytes; Gloss imports files up to {} MB)", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge { size: usize },
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file ends too early (line {line}): it looks cut off")]
    Truncated { line: usize },
    #[error("the file nests deeper than {MAX_DEPTH} levels; Gloss JSON never does")]
    TooDeep,
    #[error("this is not a Gloss JSON file ({0})")]
    NotGloss(String),
    #[error("the file is Gloss JSON version {0}; this Gloss reads version {VERSION}")]
    UnsupportedVersion(String),
    #[error("the file has {0} articles; Gloss imports at most {MAX_DOCUMENTS} at once")]
    TooManyDocuments(usize),
    #[error("the file has {0} annotations; Gloss imports at most {MAX_ANNOTATIONS} at once")]
    TooManyAnnotations(usize),
}

/// Why an export could not be written. No file is offered then.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the export could not be written ({0}); nothing was downloaded")]
pub struct ExportError(pub String);

/// One thing in the file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Which article (title, or position when it has none).
    pub document: String,
    /// Which annotation (id, or position), when the problem is one annotation's.
    pub annotation: Option<String>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.annotation {
            Some(a) => write!(f, "{}, annotation {a}: {}", self.document, self.reason),
            None => write!(f, "{}: {}", self.document, self.reason),
        }
    }
}

/// A file read and checked, not yet merged with the library.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub documents: Vec<ParsedDocument>,
    /// Parts of the file that were not valid, each with its reason.
    pub problems: Vec<Problem>,
}

/// One valid article of a file, with its valid annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDocument {
    pub id: DocumentId,
    pub title: String,
    pub date: Option<ArticleDate>,
    pub text: Rc<str>,
    pub extra: Extra,
    /// How reports name it: its position, and its title where it has one.
    pub name: String,
    pub incoming: Vec<Incoming>,
}

/// The outcome of an import that was not refused as a whole.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// New or changed documents, ready to replace library entries with the same id.
    pub documents: Vec<Document>,
    /// Parts not imported.
    pub problems: Vec<Problem>,
    /// Annotations whose article text changed and which could not be placed unambiguously.
    pub orphans: Vec<Problem>,
    pub annotations_added: usize,
    pub annotations_updated: usize,
    /// Articles the library already had with everything the file holds.
    pub unchanged: usize,
}

impl Imported {
    /// One line for the person.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "Imported {} article{} ({} annotation{} added, {} updated).",
            self.documents.len(),
            if self.documents.len() == 1 { "" } else { "s" },
            self.annotations_added,
            if self.annotations_added == 1 { "" } else { "s" },
            self.annotations_updated
        );
        if !self.problems.is_empty() {
            s.push_str(&format!(" {} part(s) not imported.", self.problems.len()));
        }
        if !self.orphans.is_empty() {
            s.push_str(&format!(
                " {} annotation(s) could not be placed on the changed text.",
                self.orphans.len()
            ));
        }
        s
    }
}

fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

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

/// A file name for an export: the title with characters file systems refuse replaced.
pub fn file_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let short: String = cleaned.chars().take(80).collect();
    let stem = if short.is_empty() {
        "article".to_owned()
    } else {
        short
    };
    format!("{stem}.gloss.json")
}

/// Reads Gloss JSON and merges it with `library`: [`parse`], then [`merge_into`]. `Err`
/// refuses the whole file.
pub fn import(
    json: &str,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    at: Timestamp,
) -> Result<Imported, FileError> {
    parse(json, at).map(|parsed| merge_into(parsed, library, at))
}

mod merge;
mod read;

pub use merge::merge_into;
pub use read::{parse, Incoming};
