//! The envelope of a Gloss JSON file: size, depth, syntax, format, version and counts, checked
//! before any article is read; the articles stay raw JSON until their turn comes.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{
    FileError, FORMAT, MAX_ANNOTATIONS, MAX_DEPTH, MAX_DOCUMENTS, MAX_FILE_BYTES, VERSION,
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

/// What one pass over JSON text tells without parsing it: too deep to read, or one object
/// whose top-level keys include "format" and "documents" (a Gloss file, checked properly by
/// the reader), or neither. Telling a Gloss file this way spares the format detection a whole
/// parse of a large file before the reader parses it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    TooDeep,
    GlossObject,
    Other,
}

/// One pass over `json` (see [`Shape`]). A key is compared as written between its quotes, so
/// one spelled with escapes is not recognised here (the full detection still finds it).
pub fn shape(json: &str) -> Shape {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    // At depth 1, whether the next string is a key (after `{` or `,`), and where it began.
    let mut key_next = false;
    let mut key_start: Option<usize> = None;
    let (mut format, mut documents) = (false, false);
    let mut closed_at: Option<usize> = None;
    // Not a Gloss object: whether it is too deep, as `too_deep` says for the whole text.
    let other = || {
        if too_deep(json) {
            Shape::TooDeep
        } else {
            Shape::Other
        }
    };
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if first.and_then(|i| bytes.get(i)) != Some(&b'{') {
        return other();
    }
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if let Some(start) = key_start.take() {
                        match json.get(start..i) {
                            Some("format") => format = true,
                            Some("documents") => documents = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        if closed_at.is_some() {
            // Anything but white space after the object: not one JSON value.
            if !b.is_ascii_whitespace() {
                return other();
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                if depth == 1 && key_next {
                    key_start = Some(i + 1);
                    key_next = false;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Shape::TooDeep;
                }
                key_next = depth == 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    closed_at = Some(i);
                }
            }
            b',' if depth == 1 => key_next = true,
            _ => {}
        }
    }
    if closed_at.is_some() && !in_string && format && documents {
        Shape::GlossObject
    } else {
        other()
    }
}

/// One document of a file: its fields as JSON values, but its annotations still as raw JSON
/// text, each parsed only when its turn comes (a whole file parsed into a tree of values at
/// once takes several times its size, and the wasm memory never shrinks back).
pub(super) enum RawDocument<'a> {
    NotObject,
    Object {
        fields: Map<String, Value>,
        annotations: RawAnnotations<'a>,
    },
}

pub(super) enum RawAnnotations<'a> {
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
pub(super) fn value_of(raw: &RawValue) -> Result<Value, FileError> {
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

/// A file whose envelope is valid: its articles, still raw, and its list of entities.
pub(super) struct Envelope<'a> {
    pub documents: Vec<RawDocument<'a>>,
    /// The top-level `"entities"` (version 2), when the file has it.
    pub entities: Option<Value>,
}

/// Parses and checks the envelope: size, depth, JSON, format, version, counts.
pub(super) fn envelope(json: &str) -> Result<Envelope<'_>, FileError> {
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
    let mut entities = None;
    for (key, raw) in &top {
        match key.as_str() {
            "documents" => {}
            "format" => format = Some(value_of(raw)?),
            "version" => version = Some(value_of(raw)?),
            "entities" => entities = Some(value_of(raw)?),
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
        // Version 1 has no links, version 2 no checks; they are read by the same rules and simply
        // have none.
        Some(v) if v.as_u64().is_some_and(|v| (1..=VERSION).contains(&v)) => {}
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
    Ok(Envelope {
        documents,
        entities,
    })
}
