//! Who said what in Label Studio's terms: a source is a relation result labelled `Source`
//! between the quote's or claim's region and the actor's (read whichever way it is drawn:
//! Gloss writes it from the quote, direction "right"); an actor's entity is in its region's
//! `meta`: `text` (the name, as Label Studio shows a region's meta text) and `entity` (its id).
//! A region's meta text without an `entity` is a person's own remark and not read as one.

use serde_json::Value;

use super::SOURCE;

/// Whether a relation result is labelled Source (in any case).
pub(super) fn is_source(relation: &Value) -> bool {
    relation
        .get("labels")
        .and_then(Value::as_array)
        .is_some_and(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .any(|l| l.trim().eq_ignore_ascii_case(SOURCE))
        })
}

/// The entity a region's `meta` names: its id (`meta.entity`) and name (`meta.text`, a list
/// of one or a string).
pub(super) fn entity(region: &Value) -> Option<(&str, Option<&str>)> {
    let meta = region.get("meta")?;
    let id = meta.get("entity")?.as_str()?;
    let name = match meta.get("text") {
        Some(Value::Array(list)) => list.first().and_then(Value::as_str),
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    Some((id, name))
}
