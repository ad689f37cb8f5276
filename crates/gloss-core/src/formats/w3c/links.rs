//! Who said what in Web Annotation terms. The model links resources through bodies with a
//! purpose (§3.3.5), so Gloss writes both links as `SpecificResource` bodies of the annotation
//! they belong to, which keeps each annotation whole on its own:
//!
//! - a quote's or claim's source: purpose `linking`, its `source` the IRI of the actor's
//!   annotation (`urn:uuid:<id>`) — "linking: to link to a resource related to the target";
//! - an actor's entity: purpose `identifying`, its `source` the entity (`urn:gloss:entity:<id>`,
//!   with the name as its `label`) — "identifying: to assign an identity to the target".
//!
//! A separate linking annotation (target: the quote's annotation, body: the actor's) would say
//! the same, but it would have no text selectors, and tools that show annotations on the text
//! (Hypothesis, Recogito) would list it as one they cannot place.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::checks::is_web_link;
use super::urn;
use crate::formats::foreign::{derived_uuid, uuid_of};
use crate::formats::links::{entity_id, entity_iri};
use crate::formats::parsed::{Parsed, Problem};
use crate::model::entity::display_name;
use crate::model::{Annotation, AnnotationId, Document, Entity, EntityId, Label};

/// The bodies that carry `a`'s links in `doc`.
pub(super) fn bodies(doc: &Document, a: &Annotation) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(source) = a.source.filter(|s| doc.annotation(*s).is_some()) {
        out.push(json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": urn(source.0),
        }));
    }
    if let Some(entity) = a.entity.and_then(|e| doc.entity(e)) {
        out.push(json!({
            "type": "SpecificResource",
            "purpose": "identifying",
            "source": { "id": entity_iri(entity.id), "label": entity.name },
        }));
    }
    out
}

/// The annotation id Gloss gives the annotation a file names `iri` (as the reader does: its
/// UUID, or one derived from its id).
pub(super) fn annotation_id(iri: &str) -> AnnotationId {
    AnnotationId(uuid_of(iri).unwrap_or_else(|| derived_uuid(&["w3c annotation", iri])))
}

/// The links an annotation's bodies give: the IRI of its source, and its entity with its name.
pub(super) fn read(
    bodies: &[&Map<String, Value>],
) -> (Option<String>, Option<(EntityId, Option<String>)>) {
    let (mut source, mut entity) = (None, None);
    for b in bodies {
        let purposes = super::read::strings(b.get("purpose"));
        let (iri, label) = match b.get("source") {
            Some(Value::String(iri)) => (Some(iri.as_str()), None),
            Some(Value::Object(o)) => (
                o.get("id").and_then(Value::as_str),
                o.get("label").and_then(Value::as_str),
            ),
            _ => (None, None),
        };
        // A link to a web page is a claim's source (see `checks`), not an actor.
        if purposes.contains(&"linking") && source.is_none() {
            source = iri.filter(|iri| !is_web_link(iri)).map(str::to_owned);
        }
        if purposes.contains(&"identifying") && entity.is_none() {
            if let Some(iri) = iri {
                entity = Some((entity_id(iri), label.map(str::to_owned)));
            }
        }
    }
    // A name given as an identifying textual body.
    if let Some((_, name @ None)) = &mut entity {
        *name = bodies
            .iter()
            .filter(|b| super::read::strings(b.get("purpose")).contains(&"identifying"))
            .find_map(|b| b.get("value").and_then(Value::as_str))
            .map(str::to_owned);
    }
    (source, entity)
}

/// Checks the links of the annotations read, group by group: a source must be an actor
/// annotation of the same article in the file, an entity must be on an actor. Links that do
/// not hold are dropped with a reason; a `linking` body to an IRI that names no annotation
/// (and is no web page: those are a claim's sources, see `checks`) is left alone. Lists the
/// entities used in
/// `parsed.entities`, named as the file names them or after their first mention.
pub(super) fn check(
    parsed: &mut Parsed,
    iris: &BTreeMap<AnnotationId, String>,
    names: &BTreeMap<EntityId, String>,
) {
    let everywhere: BTreeSet<AnnotationId> = parsed
        .loose
        .iter()
        .flat_map(|g| g.annotations.iter().map(|l| l.annotation.id))
        .collect();
    let mut problems = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    for group in &mut parsed.loose {
        let actors: BTreeSet<AnnotationId> = group
            .annotations
            .iter()
            .filter(|l| l.annotation.label == Label::Actor)
            .map(|l| l.annotation.id)
            .collect();
        for loose in &mut group.annotations {
            let a = &mut loose.annotation;
            let problem = |reason: String| Problem {
                document: group.name.clone(),
                annotation: Some(a.id.to_string()),
                reason,
            };
            if let Some(source) = a.source {
                let iri = iris.get(&a.id).map_or("", String::as_str);
                let reason = if a.label == Label::Actor {
                    Some("an actor cannot have a source")
                } else if actors.contains(&source) {
                    None
                } else if everywhere.contains(&source) || uuid_of(iri).is_some() {
                    Some("its source is not an actor of the same article")
                } else {
                    a.source = None;
                    None
                };
                if let Some(reason) = reason {
                    problems.push(problem(format!("its source ({iri}) is left out: {reason}")));
                    a.source = None;
                }
            }
            if let Some(entity) = a.entity {
                if a.label != Label::Actor {
                    problems.push(problem(format!(
                        "it is a {} and only actors stand for an entity; its entity is left out",
                        a.label.slug()
                    )));
                    a.entity = None;
                } else if !entities.iter().any(|e| e.id == entity) {
                    let name = names
                        .get(&entity)
                        .cloned()
                        .or_else(|| loose.quote.as_deref().map(display_name));
                    if let Some(name) = name {
                        entities.push(Entity { id: entity, name });
                    }
                }
            }
        }
    }
    parsed.problems.extend(problems);
    parsed.entities = entities;
}
