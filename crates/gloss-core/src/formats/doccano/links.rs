//! Who said what in doccano's terms: a source is a relation of type `SOURCE` from the quote's
//! or claim's span to the actor's (doccano's "JSONL (relation)" shape, spans by `id`); the
//! entities actors stand for are the line's metadata `gloss_entities`, each with the spans
//! (`[start, end]`) of its mentions, since doccano has no place of its own for them.

use std::collections::BTreeMap;

use serde_json::Value;

use super::read::Seen;
use super::SOURCE;
use crate::formats::foreign::ForeignDocument;
use crate::formats::gloss::shorten;
use crate::formats::links::entity_id;
use crate::model::{AnnotationId, Label};

/// The metadata key Gloss writes its entities under.
pub const ENTITIES: &str = "gloss_entities";

/// Links the spans of each `SOURCE` relation (`ids`: the annotation each span id of the line
/// was added as) and returns how many relations of other types were skipped.
pub(super) fn relations(
    doc: &mut ForeignDocument,
    list: &[Value],
    ids: &BTreeMap<String, AnnotationId>,
) -> usize {
    let mut other = 0;
    for (j, relation) in list.iter().enumerate() {
        let name = match relation.get("id") {
            Some(id @ (Value::Number(_) | Value::String(_))) => {
                format!("relation {}", shorten(&id.to_string()))
            }
            _ => format!("relation {}", j + 1),
        };
        let kind = relation.get("type").and_then(Value::as_str).unwrap_or("");
        if !kind.eq_ignore_ascii_case(SOURCE) {
            other += 1;
            continue;
        }
        let end = |key: &str| {
            relation
                .get(key)
                .map(Value::to_string)
                .and_then(|id| ids.get(&id))
        };
        match (end("from_id"), end("to_id")) {
            (Some(from), Some(to)) => doc.link_source(*from, *to),
            _ => doc.problem(
                Some(name),
                "its from_id or to_id is not a span Gloss imported; the source is left out".into(),
            ),
        }
    }
    other
}

/// Reads `gloss_entities`: `[{"id", "name", "mentions": [[start, end], …]}]`, each mention an
/// actor span of the line (`seen`).
pub(super) fn entities(doc: &mut ForeignDocument, list: &Value, seen: &Seen) {
    let Value::Array(list) = list else {
        doc.problem(None, format!("its “{ENTITIES}” is not a list; skipped"));
        return;
    };
    for (j, entity) in list.iter().enumerate() {
        let name = entity.get("name").and_then(Value::as_str);
        let id = match entity.get("id") {
            Some(Value::String(id)) => entity_id(id),
            Some(id @ Value::Number(_)) => entity_id(&id.to_string()),
            _ => match name {
                Some(name) => entity_id(name),
                None => continue,
            },
        };
        let mentions = entity
            .get("mentions")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for mention in mentions {
            let offsets = mention
                .as_array()
                .and_then(|m| Some((m.first()?.as_u64()?, m.get(1)?.as_u64()?)));
            let actor = offsets
                .and_then(|(start, end)| doc.span_of(start, end, None).ok())
                .and_then(|span| seen.get(&(span, Label::Actor)));
            match actor {
                Some(actor) => doc.set_entity(*actor, id, name),
                None => doc.problem(
                    Some(format!("entity {}", j + 1)),
                    format!(
                        "its mention {} is not an actor span of the line; left out",
                        shorten(&mention.to_string())
                    ),
                ),
            }
        }
    }
}
