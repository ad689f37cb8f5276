//! One annotation of a Gloss JSON file: its span checked against the article's text, its
//! label, note and times, its links (`source`, `entity`) read as ids, and a claim's check
//! (`verdict`, `sources`: see `checks`). Whether a link holds
//! is checked later, once the whole article is known (see `formats::merge`).

use serde_json::{Map, Value};

use super::super::time::from_rfc3339;
use super::checks::read_check;
use super::{Incoming, CONTEXT};
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::{Annotation, AnnotationId, EntityId, Extra, Label, Span, Timestamp};

/// The fields of an annotation Gloss reads; any other is kept as an extra.
pub(super) const ANN_FIELDS: [&str; 17] = [
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
    "source",
    "entity",
    "verdict",
    "sources",
    "created_by",
    "updated_by",
    "curated",
];

pub(super) fn extras(object: &Map<String, Value>, known: &[&str]) -> Extra {
    object
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

pub(crate) fn shorten(s: &str) -> String {
    crate::model::text::excerpt(s, 40)
}

/// An id a link names (`"source"`, `"entity"`): `Ok(None)` when there is none, `Err` with the
/// reason the link is dropped when it is not a UUID.
fn link(o: &Map<String, Value>, name: &str, what: &str) -> Result<Option<uuid::Uuid>, String> {
    match o.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => uuid::Uuid::parse_str(s).map(Some).map_err(|_| {
            format!(
                "its {name} “{}” is not the id of {what} (a UUID); it was imported without a {name}",
                shorten(s)
            )
        }),
        Some(_) => Err(format!(
            "its {name} is not text; it was imported without a {name}"
        )),
    }
}

/// A person's name (`created_by`, `updated_by`): trimmed; `None` when there is none, or with
/// the reason it is dropped when it is not text.
fn person(o: &Map<String, Value>, name: &str, dropped: &mut Vec<String>) -> Option<String> {
    match o.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned),
        Some(_) => {
            dropped.push(format!(
                "its “{name}” is not a name (text); it was left out"
            ));
            None
        }
    }
}

/// One annotation read: what it is, and the links that were dropped from it, each with its
/// reason (the annotation itself is kept).
pub(super) struct Read {
    pub incoming: Incoming,
    pub dropped: Vec<String>,
}

/// Reads one annotation; `Err` is the reason it is skipped.
pub(super) fn read_annotation(
    value: &Value,
    index: &TextIndex,
    at: Timestamp,
) -> Result<Read, String> {
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
    let mut dropped = Vec::new();
    let source = link(o, "source", "an annotation")
        .unwrap_or_else(|reason| {
            dropped.push(reason);
            None
        })
        .map(AnnotationId);
    let entity = link(o, "entity", "an entity")
        .unwrap_or_else(|reason| {
            dropped.push(reason);
            None
        })
        .map(EntityId);
    let check = read_check(o, label);
    dropped.extend(check.dropped);
    let created_by = person(o, "created_by", &mut dropped);
    let updated_by = person(o, "updated_by", &mut dropped);
    let curated = match o.get("curated") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            dropped
                .push("its “curated” is not true or false; it was imported as not curated".into());
            false
        }
    };
    let annotation = Annotation {
        id,
        label,
        span,
        note: string("note").unwrap_or_default(),
        created_at: time("created_at"),
        updated_at: time("updated_at"),
        source,
        entity,
        verdict: check.verdict,
        evidence: check.evidence,
        created_by,
        updated_by,
        curated,
        extra: extras(o, &ANN_FIELDS),
    };
    let dated = o
        .get("updated_at")
        .and_then(Value::as_str)
        .and_then(from_rfc3339)
        .is_some();
    Ok(Read {
        incoming: Incoming {
            annotation,
            dated,
            identified: true,
            quote,
            prefix: string("prefix").unwrap_or(default_prefix),
            suffix: string("suffix").unwrap_or(default_suffix),
        },
        dropped,
    })
}
