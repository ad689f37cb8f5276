//! Whose layer an annotation is in, in Web Annotation terms:
//!
//! - who made it is the annotation's `creator` (§3.3.1), an Agent (§3.3.2):
//!   `{"type": "Person", "name": "<created_by>"}`. Gloss knows people by the name they give,
//!   not by an IRI, so the agent has no `id` (the model's `id` of an agent is optional).
//! - the curated layer is `"schema:creativeWorkStatus": "curated"`. The model has no term for
//!   "settled from several annotators' work": `motivation` says why an annotation was made (it
//!   stays `tagging` or `commenting`), `audience` whom it is for. The vocabulary's Extensions
//!   section recommends a term of an ontology the context already names, written as a CURIE,
//!   over a context of one's own; `schema:` is one (anno.jsonld maps it to schema.org), and
//!   schema.org's `creativeWorkStatus` is "the status of a creative work in terms of its stage
//!   in a lifecycle". Every consumer must ignore a property it does not know (same section),
//!   and the test suite's schemas allow it.
//!
//! Reading: a `creator` object's `name` (or `nickname`), or the first of a list that has one;
//! a creator given only as an IRI (Hypothesis's `acct:…`) or typed `Software` names no
//! person's layer. A status `curated` in any case is the curated layer, whatever else the
//! status says.

use serde_json::{json, Map, Value};

use super::read::strings;
use crate::formats::whose::Whose;
use crate::model::Annotation;

/// The property saying the annotation is in the curated layer, as a CURIE of anno.jsonld's
/// `schema:` prefix, and the IRIs it expands to (read too).
pub(super) const STATUS: &str = "schema:creativeWorkStatus";
const STATUS_IRIS: [&str; 2] = [
    "http://schema.org/creativeWorkStatus",
    "https://schema.org/creativeWorkStatus",
];

/// The status value of the curated layer.
pub(super) const CURATED: &str = "curated";

/// Writes `a`'s layer on its annotation object.
pub(super) fn write(a: &Annotation, o: &mut Map<String, Value>) {
    if let Some(name) = &a.created_by {
        o.insert("creator".into(), json!({ "type": "Person", "name": name }));
    }
    if a.curated {
        o.insert(STATUS.into(), json!(CURATED));
    }
}

/// The layer an annotation object says, and why a part of it was not read.
pub(super) fn read(o: &Map<String, Value>) -> (Whose, Option<String>) {
    let (name, why) = match o.get("creator") {
        None | Some(Value::Null) | Some(Value::String(_)) => (None, None),
        Some(Value::Array(list)) => (list.iter().find_map(agent_name), None),
        Some(agent @ Value::Object(_)) => (agent_name(agent), None),
        Some(_) => (
            None,
            Some(
                "its “creator” is neither a person nor an address; it was imported into your own layer"
                    .to_owned(),
            ),
        ),
    };
    let curated = std::iter::once(STATUS)
        .chain(STATUS_IRIS)
        .filter_map(|key| o.get(key))
        .any(|status| {
            strings(Some(status))
                .iter()
                .any(|s| s.trim().eq_ignore_ascii_case(CURATED))
        });
    (Whose::new(name, curated), why)
}

/// The name of an agent object: its `name` (a string, or the first of a list), else its
/// `nickname`; none for software (a program has no layer).
fn agent_name(agent: &Value) -> Option<&str> {
    let agent = agent.as_object()?;
    if strings(agent.get("type").or_else(|| agent.get("@type"))).contains(&"Software") {
        return None;
    }
    ["name", "nickname"]
        .iter()
        .filter_map(|key| strings(agent.get(*key)).into_iter().next())
        .find(|name| !name.trim().is_empty())
}
