//! Whose layer an annotation is in, in Label Studio's terms. Label Studio's own model has
//! several annotation sets per task, one per annotator, one of them the gold one
//! (`ground_truth`): Gloss writes one set per layer, the curated one as the gold set.
//!
//! Who made each annotation cannot go in the set's `completed_by`: Label Studio reads that as
//! one of its own users (an id, or `{"email": …}` of a member) and refuses the whole import
//! when it names anyone else; and it keeps nothing else of a set but its results (and
//! `ground_truth`, `was_cancelled`, `lead_time`). So the layer is said where Label Studio keeps
//! it as it is given, and writes it back in its own exports: in each region's `meta`,
//! `"created_by": "<name>"` and, in the curated layer, `"curated": true`, beside the entity or
//! sources `meta` may already hold.
//!
//! Reading: each region's `meta` says its layer. A region that says none (drawn in Label
//! Studio, say) is in the layer the other regions of its set agree on, else in the importing
//! person's own. `ground_truth` alone does not make a set curated: Label Studio sets it on
//! every set imported without it.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::formats::whose::Whose;

/// The `meta` keys.
pub(super) const CREATED_BY: &str = "created_by";
pub(super) const CURATED: &str = "curated";

/// A region's `meta`: what it holds already (`meta`: an entity, a claim's sources) with the
/// layer added; `None` when there is nothing to say.
pub(super) fn meta(whose: &Whose, meta: Option<Value>) -> Option<Value> {
    if whose.is_unsaid() {
        return meta;
    }
    let mut o = match meta {
        Some(Value::Object(o)) => o,
        _ => Map::new(),
    };
    if let Some(name) = &whose.created_by {
        o.insert(CREATED_BY.into(), json!(name));
    }
    if whose.curated {
        o.insert(CURATED.into(), json!(true));
    }
    Some(Value::Object(o))
}

/// The layer a region's `meta` says (`None`: it says none), and why a part was not read.
pub(super) fn read(region: &Value) -> (Option<Whose>, Vec<String>) {
    let Some(meta) = region.get("meta").and_then(Value::as_object) else {
        return (None, Vec::new());
    };
    let mut unread = Vec::new();
    let name = match meta.get(CREATED_BY) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.as_str()),
        Some(_) => {
            unread.push(format!(
                "its meta.{CREATED_BY} is not a name (text); it was left out"
            ));
            None
        }
    };
    let curated = match meta.get(CURATED) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            unread.push(format!(
                "its meta.{CURATED} is not true or false; it was imported as not curated"
            ));
            false
        }
    };
    let says = meta.contains_key(CREATED_BY) || meta.contains_key(CURATED);
    (says.then(|| Whose::new(name, curated)), unread)
}

/// The layer of a set's regions that say none: the one the others agree on, else none said.
pub(super) fn of_set<'a>(said: impl Iterator<Item = &'a Whose>) -> Whose {
    let distinct: BTreeSet<&Whose> = said.collect();
    match distinct.into_iter().collect::<Vec<_>>().as_slice() {
        [one] => (*one).clone(),
        _ => Whose::default(),
    }
}
