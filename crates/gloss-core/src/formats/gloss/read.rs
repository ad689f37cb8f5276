//! Reading a Gloss JSON file: the envelope (size, depth, syntax, format, version, counts),
//! then each article and annotation, each with a reason when it is not valid. Nothing here
//! looks at the library.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::super::time::from_rfc3339;
use super::{
    sha256_hex, FileError, Incoming, Parsed, ParsedDocument, Problem, CONTEXT, FORMAT,
    MAX_ANNOTATIONS, MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES, VERSION,
};
use crate::formats::parsed::Matching;
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::text::{canonicalize, first_words, MAX_ARTICLE_BYTES};
use crate::model::{
    Annotation, AnnotationId, ArticleDate, DocumentId, Extra, Label, Span, Timestamp,
};

/// Nesting depth of JSON text, counted without parsing (so a 100,000-deep file is refused in
/// one pass instead of exhausting the parser).
pub(crate) fn too_deep(json: &str) -> bool {
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

pub(crate) fn shorten(s: &str) -> String {
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
    // Gloss never makes a span that cuts a character (a flag, an accented letter) in two, and a
    // file that does was changed by hand or by a tool that counts differently.
    if !index.is_grapheme_boundary_cp(start) || !index.is_grapheme_boundary_cp(end) {
        return Err(format!(
            "its offsets {start}–{end} cut a character in two (an emoji, a flag or an accented letter); were they counted in code points?"
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
        source: None,
        entity: None,
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
        identified: true,
        quote,
        prefix: string("prefix").unwrap_or(default_prefix),
        suffix: string("suffix").unwrap_or(default_suffix),
    })
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
            matching: Matching::Id,
            title: title.map_or_else(|| first_words(text, 8, 60), str::to_owned),
            date,
            text: Rc::from(text),
            extra: extras(o, &DOC_FIELDS),
            name,
            incoming,
            entities: Vec::new(),
        });
    }
    Ok(out)
}
