//! Gloss JSON: the person's own file of their work (see docs/FORMAT.md and
//! docs/gloss.schema.json). Export writes it; import reads it with a reason for every problem,
//! imports what is valid, and merges articles already in the library (re-anchoring annotations
//! by their quote where the text changed). Nothing here can panic on any input.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::rc::Rc;

use serde_json::value::RawValue;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::time::{from_rfc3339, to_rfc3339};
use crate::model::anchor::{context, reanchor, Anchor};
use crate::model::offsets::TextIndex;
use crate::model::text::{canonicalize, first_words, MAX_ARTICLE_BYTES};
use crate::model::{
    text_order, Annotation, AnnotationId, ArticleDate, Document, DocumentId, Extra, Label, Span,
    Timestamp,
};

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

/// Writes documents as Gloss JSON.
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

/// Nesting depth of JSON text, counted without parsing (so a 100,000-deep file is refused in
/// one pass instead of exhausting the parser).
fn too_deep(json: &str) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in json.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// One document of a file: its fields as JSON values, but its annotations still as raw JSON
/// text, each parsed only when its turn comes (a whole file parsed into a tree of values at
/// once takes several times its size, and the wasm memory never shrinks back).
enum RawDocument<'a> {
    NotObject,
    Object {
        fields: Map<String, Value>,
        annotations: RawAnnotations<'a>,
    },
}

enum RawAnnotations<'a> {
    Absent,
    NotList,
    List(Vec<&'a RawValue>),
}

impl RawAnnotations<'_> {
    fn len(&self) -> usize {
        match self {
            RawAnnotations::List(list) => list.len(),
            _ => 0,
        }
    }
}

/// A value of the file as a tree. The syntax of the whole file is checked first, but that
/// check skips over values: one it cannot represent (a lone UTF-16 surrogate escape, a number
/// out of range) only shows here, and refuses the file as before.
fn value_of(raw: &RawValue) -> Result<Value, FileError> {
    serde_json::from_str(raw.get()).map_err(|e| FileError::NotJson(e.to_string()))
}

/// The members of a JSON object, each still raw; `Ok(None)` when `raw` is not an object.
fn members_of(raw: &RawValue) -> Result<Option<BTreeMap<String, &RawValue>>, FileError> {
    match serde_json::from_str::<BTreeMap<String, &RawValue>>(raw.get()) {
        Ok(members) => Ok(Some(members)),
        // Not an object, or an object with a key that cannot be read: tell them apart.
        Err(_) => value_of(raw).map(|_| None),
    }
}

fn raw_document(raw: &RawValue) -> Result<RawDocument<'_>, FileError> {
    let Some(members) = members_of(raw)? else {
        return Ok(RawDocument::NotObject);
    };
    let mut fields = Map::new();
    let mut annotations = RawAnnotations::Absent;
    for (key, value) in members {
        if key == "annotations" {
            annotations = match serde_json::from_str::<Option<Vec<&RawValue>>>(value.get()) {
                Ok(Some(list)) => RawAnnotations::List(list),
                Ok(None) => RawAnnotations::Absent,
                Err(_) => {
                    value_of(value)?;
                    RawAnnotations::NotList
                }
            };
        } else {
            fields.insert(key, value_of(value)?);
        }
    }
    Ok(RawDocument::Object {
        fields,
        annotations,
    })
}

/// Parses and checks the envelope: size, depth, JSON, format, version, counts.
fn envelope(json: &str) -> Result<Vec<RawDocument<'_>>, FileError> {
    if json.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size: json.len() });
    }
    if too_deep(json) {
        return Err(FileError::TooDeep);
    }
    // Checks the whole file's syntax without building anything.
    let whole: &RawValue = serde_json::from_str(json).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            FileError::Truncated { line: e.line() }
        } else {
            FileError::NotJson(e.to_string())
        }
    })?;
    let Some(top) = members_of(whole)? else {
        return Err(FileError::NotGloss("it is not a JSON object".into()));
    };
    // Every member but the documents is read as a value (and so checked); the documents are
    // read one at a time below.
    let mut format = None;
    let mut version = None;
    for (key, raw) in &top {
        match key.as_str() {
            "documents" => {}
            "format" => format = Some(value_of(raw)?),
            "version" => version = Some(value_of(raw)?),
            _ => {
                value_of(raw)?;
            }
        }
    }
    if format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(FileError::NotGloss(
            "it has no \"format\": \"gloss\"".into(),
        ));
    }
    match version {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => return Err(FileError::UnsupportedVersion(v.to_string())),
        None => return Err(FileError::NotGloss("it has no \"version\"".into())),
    }
    let documents = match top.get("documents") {
        Some(raw) => match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(list) => list,
            Err(_) => {
                value_of(raw)?;
                return Err(FileError::NotGloss(
                    "\"documents\" is missing or not a list".into(),
                ));
            }
        },
        None => {
            return Err(FileError::NotGloss(
                "\"documents\" is missing or not a list".into(),
            ))
        }
    };
    if documents.len() > MAX_DOCUMENTS {
        return Err(FileError::TooManyDocuments(documents.len()));
    }
    let documents = documents
        .into_iter()
        .map(raw_document)
        .collect::<Result<Vec<RawDocument>, FileError>>()?;
    let annotations: usize = documents
        .iter()
        .map(|d| match d {
            RawDocument::Object { annotations, .. } => annotations.len(),
            RawDocument::NotObject => 0,
        })
        .sum();
    if annotations > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(annotations));
    }
    Ok(documents)
}

/// An annotation read from a file, before merging.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    annotation: Annotation,
    /// Whether the file said when it was last changed; without that it never replaces ours.
    dated: bool,
    quote: String,
    prefix: String,
    suffix: String,
}

const DOC_FIELDS: [&str; 6] = ["id", "title", "date", "text", "text_sha256", "annotations"];
const ANN_FIELDS: [&str; 10] = [
    "id",
    "label",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "note",
    "created_at",
    "updated_at",
];

fn extras(object: &Map<String, Value>, known: &[&str]) -> Extra {
    object
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn shorten(s: &str) -> String {
    crate::model::text::excerpt(s, 40)
}

/// Reads one annotation; `Err` is the reason it is skipped.
fn read_annotation(value: &Value, index: &TextIndex, at: Timestamp) -> Result<Incoming, String> {
    let Value::Object(o) = value else {
        return Err("it is not a JSON object".into());
    };
    let id = o
        .get("id")
        .and_then(Value::as_str)
        .and_then(|s| uuid::Uuid::parse_str(s).ok())
        .map(AnnotationId)
        .ok_or("its id is missing or not a UUID")?;
    let label = match o.get("label").and_then(Value::as_str) {
        Some("claim") => Label::Claim,
        Some("quote") => Label::Quote,
        Some("actor") => Label::Actor,
        Some(other) => {
            return Err(format!(
                "unknown label “{}” (Gloss knows claim, quote and actor)",
                shorten(other)
            ))
        }
        None => return Err("its label is missing".into()),
    };
    // Offsets stay u64 until checked against the text: a 10^15 offset must read as "outside
    // the text" on every target, including 32-bit wasm.
    let offset = |name: &str| -> Result<u64, String> {
        o.get(name)
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("“{name}” is missing or not a whole number ≥ 0"))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    if end < start {
        return Err(format!("end ({end}) is before start ({start})"));
    }
    if end == start {
        return Err(format!("it is empty (start and end are both {start})"));
    }
    let len = index.len_cp();
    let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
        return Err(format!(
            "its offsets {start}–{end} lie outside the text ({len} characters)"
        ));
    };
    if end > len {
        return Err(format!(
            "its offsets {start}–{end} lie outside the text ({len} characters)"
        ));
    }
    let span = Span { start, end };
    let actual = index.slice(span);
    let quote = match o.get("text") {
        None | Some(Value::Null) => actual.to_owned(),
        Some(Value::String(t)) if t == actual => t.clone(),
        Some(Value::String(t)) => {
            return Err(format!(
                "its text “{}” does not match the offsets (the article has “{}” there)",
                shorten(t),
                shorten(actual)
            ))
        }
        Some(_) => return Err("its “text” is not a string".into()),
    };
    let string = |name: &str| o.get(name).and_then(Value::as_str).map(str::to_owned);
    let (default_prefix, default_suffix) = context(index, span, CONTEXT);
    let time = |name: &str| {
        o.get(name)
            .and_then(Value::as_str)
            .and_then(from_rfc3339)
            .unwrap_or(at)
    };
    let annotation = Annotation {
        id,
        label,
        span,
        note: string("note").unwrap_or_default(),
        created_at: time("created_at"),
        updated_at: time("updated_at"),
        extra: extras(o, &ANN_FIELDS),
    };
    let dated = o
        .get("updated_at")
        .and_then(Value::as_str)
        .and_then(from_rfc3339)
        .is_some();
    Ok(Incoming {
        annotation,
        dated,
        quote,
        prefix: string("prefix").unwrap_or(default_prefix),
        suffix: string("suffix").unwrap_or(default_suffix),
    })
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

/// Reads and checks a Gloss JSON file without looking at the library: what is valid, and a
/// reason for every part that is not. `Err` refuses the whole file. The app parses a file
/// before it dispatches anything, so the reducer only merges.
pub fn parse(json: &str, at: Timestamp) -> Result<Parsed, FileError> {
    let documents = envelope(json)?;
    let mut out = Parsed::default();
    let mut seen_docs = BTreeSet::new();
    let mut seen_annotations = BTreeSet::new();
    for (i, raw) in documents.iter().enumerate() {
        let position = format!("Article {}", i + 1);
        let RawDocument::Object {
            fields: o,
            annotations: raw_annotations,
        } = raw
        else {
            out.problems.push(Problem {
                document: position,
                annotation: None,
                reason: "it is not a JSON object".into(),
            });
            continue;
        };
        let title = o
            .get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let name = title.map_or(position.clone(), |t| {
            format!("{position} (“{}”)", shorten(t))
        });
        let problem = |reason: String| Problem {
            document: name.clone(),
            annotation: None,
            reason,
        };
        let Some(id) = o
            .get("id")
            .and_then(Value::as_str)
            .and_then(|s| uuid::Uuid::parse_str(s).ok())
            .map(DocumentId)
        else {
            out.problems
                .push(problem("its id is missing or not a UUID".into()));
            continue;
        };
        if !seen_docs.insert(id) {
            out.problems.push(problem(format!(
                "its id {id} appears twice in the file; the second one was skipped"
            )));
            continue;
        }
        let Some(text) = o.get("text").and_then(Value::as_str) else {
            out.problems.push(problem("its text is missing".into()));
            continue;
        };
        if text.len() > MAX_ARTICLE_BYTES {
            out.problems.push(problem(format!(
                "its text is larger than {} MB",
                MAX_ARTICLE_BYTES / (1024 * 1024)
            )));
            continue;
        }
        if text.trim().is_empty() {
            out.problems.push(problem("its text is empty".into()));
            continue;
        }
        if canonicalize(text) != text {
            out.problems.push(problem("its text contains carriage returns or a byte-order mark, so its offsets cannot be trusted".into()));
            continue;
        }
        match o.get("text_sha256") {
            None | Some(Value::Null) => {}
            Some(Value::String(h)) if h.eq_ignore_ascii_case(&sha256_hex(text)) => {}
            Some(_) => {
                out.problems.push(problem(
                    "its text does not match its text_sha256 (the text was changed or damaged)"
                        .into(),
                ));
                continue;
            }
        }
        let date = match o.get("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(d)) => match ArticleDate::parse(d) {
                Some(date) => Some(date),
                None => {
                    out.problems.push(problem(format!("its date “{}” is not a calendar date (YYYY-MM-DD); imported without a date", shorten(d))));
                    None
                }
            },
            Some(_) => {
                out.problems.push(problem(
                    "its date is not text; imported without a date".into(),
                ));
                None
            }
        };
        let index = TextIndex::new(Rc::from(text));
        let mut incoming = Vec::new();
        let annotations = match raw_annotations {
            RawAnnotations::Absent => &[][..],
            RawAnnotations::List(list) => list.as_slice(),
            RawAnnotations::NotList => {
                out.problems
                    .push(problem("“annotations” is not a list".into()));
                &[][..]
            }
        };
        for (j, raw) in annotations.iter().enumerate() {
            let value = value_of(raw)?;
            let a = &value;
            let label = a
                .get("id")
                .and_then(Value::as_str)
                .map_or(format!("{}", j + 1), |s| {
                    format!("{} ({})", j + 1, shorten(s))
                });
            match read_annotation(a, &index, at) {
                Ok(inc) if !seen_annotations.insert(inc.annotation.id) => {
                    out.problems.push(Problem {
                        document: name.clone(),
                        annotation: Some(label),
                        reason: format!("its id {} is used twice in the file", inc.annotation.id),
                    })
                }
                Ok(inc) => incoming.push(inc),
                Err(reason) => out.problems.push(Problem {
                    document: name.clone(),
                    annotation: Some(label),
                    reason,
                }),
            }
        }
        out.documents.push(ParsedDocument {
            id,
            title: title.map_or_else(|| first_words(text, 8, 60), str::to_owned),
            date,
            text: Rc::from(text),
            extra: extras(o, &DOC_FIELDS),
            name,
            incoming,
        });
    }
    Ok(out)
}

/// Merges a parsed file into `library`: new articles as they are, articles the library has
/// by merging annotations (re-anchored where the text changed). Pure; the library is not
/// changed, the outcome lists the documents to put in it.
pub fn merge_into(
    parsed: Parsed,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    at: Timestamp,
) -> Imported {
    let mut out = Imported {
        problems: parsed.problems,
        ..Imported::default()
    };
    for parsed in parsed.documents {
        let ParsedDocument {
            id,
            title,
            date,
            text,
            extra,
            name,
            incoming,
        } = parsed;
        match library.get(&id) {
            None => {
                let mut doc = Document::new(title, date, text, at);
                doc.id = id;
                doc.extra = extra;
                for inc in incoming {
                    if doc
                        .annotations
                        .iter()
                        .any(|a| a.span == inc.annotation.span && a.label == inc.annotation.label)
                    {
                        out.problems.push(same_twice(&name, &inc));
                    } else {
                        doc.annotations.push(inc.annotation);
                        out.annotations_added += 1;
                    }
                }
                doc.annotations.sort_by(text_order);
                out.documents.push(doc);
            }
            Some(existing) => {
                if let Some(doc) = merge(existing, incoming, &text, &name, at, &mut out) {
                    out.documents.push(doc);
                } else {
                    out.unchanged += 1;
                }
            }
        }
    }
    out
}

/// The report line for an annotation whose label and text another annotation already has.
fn same_twice(document: &str, inc: &Incoming) -> Problem {
    Problem {
        document: document.to_owned(),
        annotation: Some(inc.annotation.id.to_string()),
        reason: format!(
            "the article already has {} {} on exactly “{}”; kept once",
            if inc.annotation.label == Label::Actor {
                "an"
            } else {
                "a"
            },
            inc.annotation.label.slug(),
            shorten(&inc.quote)
        ),
    }
}

/// Merges annotations into a library document; `None` when nothing changed.
fn merge(
    existing: &Document,
    incoming: Vec<Incoming>,
    text: &str,
    name: &str,
    at: Timestamp,
    out: &mut Imported,
) -> Option<Document> {
    let same_text = *existing.text == *text;
    let index = TextIndex::new(Rc::clone(&existing.text));
    let mut doc = existing.clone();
    let mut changed = false;
    for mut inc in incoming {
        if !same_text {
            match reanchor(
                &index,
                &inc.quote,
                &inc.prefix,
                &inc.suffix,
                inc.annotation.span.start,
            ) {
                Anchor::Placed(span) => inc.annotation.span = span,
                Anchor::Orphan(why) => {
                    out.orphans.push(Problem {
                        document: name.to_owned(),
                        annotation: Some(format!(
                            "{} “{}”",
                            inc.annotation.label,
                            shorten(&inc.quote)
                        )),
                        reason: why.to_string(),
                    });
                    continue;
                }
            }
        }
        // Another annotation (other id) with this label on exactly this text: one is enough.
        let taken = doc.annotations.iter().any(|x| {
            x.id != inc.annotation.id
                && x.span == inc.annotation.span
                && x.label == inc.annotation.label
        });
        if taken {
            out.problems.push(same_twice(name, &inc));
            continue;
        }
        let (a, dated) = (inc.annotation, inc.dated);
        if let Some(slot) = doc.annotations.iter_mut().find(|x| x.id == a.id) {
            if dated && a.updated_at > slot.updated_at && *slot != a {
                *slot = a;
                out.annotations_updated += 1;
                changed = true;
            }
        } else {
            doc.annotations.push(a);
            out.annotations_added += 1;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    doc.annotations.sort_by(text_order);
    doc.updated_at = doc.updated_at.max(at);
    doc.revision += 1;
    Some(doc)
}
