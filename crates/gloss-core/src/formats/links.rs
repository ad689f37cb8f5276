//! Who said what, as other tools' files give it: a quote's or claim's source (a relation to an
//! actor annotation) and an actor's entity (a person or organisation, by an id of the file's
//! own). The readers collect them by annotation id while they read; [`Links::apply`] puts them
//! on the annotations and checks them as Gloss JSON's are checked
//! ([`Document::repair_links`]): a link that cannot hold is dropped with its reason.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::foreign::{derived_uuid, uuid_of};
use crate::model::text::excerpt;
use crate::model::{Annotation, AnnotationId, Document, DocumentId, Entity, EntityId, Label};

/// How Gloss names an entity outside its own JSON: `urn:gloss:entity:<uuid>` (W3C bodies) and
/// the `Gloss` normalization database with the bare UUID (brat).
pub const ENTITY_URN: &str = "urn:gloss:entity:";

/// The IRI of an entity in W3C Web Annotation and wherever a file wants one.
pub fn entity_iri(id: EntityId) -> String {
    format!("{ENTITY_URN}{id}")
}

/// The entity a file's id for it names: a UUID (bare, `urn:uuid:` or `urn:gloss:entity:`) is
/// Gloss's own id and kept; any other id (a Wikidata IRI, a database key) gives a stable id of
/// its own, so the same id read twice is the same entity.
pub fn entity_id(id: &str) -> EntityId {
    let id = id.trim();
    let bare = id.strip_prefix(ENTITY_URN).unwrap_or(id);
    EntityId(uuid_of(bare).unwrap_or_else(|| derived_uuid(&["entity", id])))
}

/// The links of one article, by the ids its annotations were given.
#[derive(Debug, Default)]
pub struct Links {
    /// (quote or claim, actor), in the file's order.
    sources: Vec<(AnnotationId, AnnotationId)>,
    /// (actor, entity, the name the file gives it).
    entities: Vec<(AnnotationId, EntityId, Option<String>)>,
}

impl Links {
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.entities.is_empty()
    }

    /// `from` was said by `to`. Given the other way round (an actor's relation to a quote), it
    /// is read the right way round.
    pub fn source(&mut self, from: AnnotationId, to: AnnotationId) {
        self.sources.push((from, to));
    }

    /// The actor `actor` stands for the entity `id`, called `name` when the file says.
    pub fn entity(&mut self, actor: AnnotationId, id: EntityId, name: Option<&str>) {
        let name = name
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|n| !n.is_empty());
        self.entities.push((actor, id, name));
    }

    /// Puts the links on `annotations` (of an article of `text`) and returns the entities its
    /// actors use, with a reason for each link left out, by annotation.
    pub fn apply(
        self,
        text: &Rc<str>,
        annotations: &mut [Annotation],
    ) -> (Vec<Entity>, Vec<(AnnotationId, String)>) {
        let mut problems = Vec::new();
        let label: BTreeMap<AnnotationId, Label> =
            annotations.iter().map(|a| (a.id, a.label)).collect();
        let mut source: BTreeMap<AnnotationId, AnnotationId> = BTreeMap::new();
        for (from, to) in self.sources {
            let (from, to) = match (label.get(&from), label.get(&to)) {
                (Some(Label::Actor), Some(l)) if *l != Label::Actor => (to, from),
                _ => (from, to),
            };
            match source.get(&from) {
                Some(first) if *first != to => problems.push((
                    from,
                    "it has a second source; the first one is kept".to_owned(),
                )),
                _ => {
                    source.insert(from, to);
                }
            }
        }
        let mut entity: BTreeMap<AnnotationId, EntityId> = BTreeMap::new();
        let mut names: BTreeMap<EntityId, String> = BTreeMap::new();
        for (actor, id, name) in self.entities {
            match entity.get(&actor) {
                Some(first) if *first != id => problems.push((
                    actor,
                    "it stands for a second entity; the first one is kept".to_owned(),
                )),
                _ => {
                    entity.insert(actor, id);
                }
            }
            if let Some(name) = name {
                names.entry(id).or_insert(name);
            }
        }
        let mut doc = Document::new(String::new(), None, Rc::clone(text), Default::default());
        doc.id = DocumentId(derived_uuid(&["links"]));
        doc.annotations = annotations
            .iter()
            .map(|a| Annotation {
                source: source.get(&a.id).copied(),
                entity: entity.get(&a.id).copied(),
                ..a.clone()
            })
            .collect();
        for (a, linked) in annotations.iter().zip(&doc.annotations) {
            if a.label != Label::Actor && linked.entity.is_some() {
                problems.push((
                    a.id,
                    format!(
                        "it is a {} and only actors stand for an entity; its entity is left out",
                        a.label.slug()
                    ),
                ));
            }
        }
        let mut listed: Vec<Entity> = Vec::new();
        for id in doc.annotations.iter().filter_map(|a| a.entity) {
            if let Some(name) = names.remove(&id) {
                listed.push(Entity { id, name });
            }
        }
        doc.entities = listed;
        for dropped in doc.repair_links() {
            let to = source
                .get(&dropped.annotation)
                .and_then(|to| doc.annotation(*to))
                .map(|actor| format!(" (“{}”)", excerpt(doc.quote(actor.span), 40)))
                .unwrap_or_default();
            problems.push((
                dropped.annotation,
                format!("its source{to} is left out: {}", dropped.reason),
            ));
        }
        for (a, linked) in annotations.iter_mut().zip(&doc.annotations) {
            a.source = linked.source;
            a.entity = linked.entity;
        }
        (doc.entities, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Span, Timestamp};

    fn ann(label: Label, start: usize, end: usize) -> Annotation {
        Annotation::new(
            AnnotationId::random(),
            label,
            Span { start, end },
            Timestamp(0),
        )
    }

    #[test]
    fn entity_ids_keep_uuids_and_derive_the_rest() {
        let id = EntityId::random();
        assert_eq!(entity_id(&entity_iri(id)), id);
        assert_eq!(entity_id(&id.to_string()), id);
        assert_eq!(entity_id(&format!("urn:uuid:{id}")), id);
        assert_eq!(entity_id("Q7747"), entity_id(" Q7747 "));
        assert_ne!(entity_id("Q7747"), entity_id("Q1"));
    }

    #[test]
    fn links_are_put_on_and_checked() {
        let text: Rc<str> = Rc::from("Peskov said rain. Tass said sun.");
        let mut anns = vec![
            ann(Label::Actor, 0, 6),
            ann(Label::Quote, 12, 16),
            ann(Label::Actor, 18, 22),
            ann(Label::Claim, 28, 31),
        ];
        let [peskov, rain, tass, sun] = [0, 1, 2, 3].map(|i| anns[i].id);
        let person = EntityId::random();
        let mut links = Links::default();
        links.source(rain, peskov);
        links.source(tass, sun); // the other way round
        links.source(peskov, tass); // an actor's source
        links.source(rain, tass); // a second source
        links.entity(peskov, person, Some("  Dmitry   Peskov "));
        links.entity(tass, entity_id("tass"), None);
        links.entity(rain, person, None); // not an actor
        let (entities, problems) = links.apply(&text, &mut anns);
        assert_eq!(anns[1].source, Some(peskov));
        assert_eq!(anns[3].source, Some(tass));
        assert_eq!(anns[0].source, None);
        assert_eq!(anns[0].entity, Some(person));
        assert_eq!(anns[1].entity, None);
        assert_eq!(
            entities,
            [
                Entity {
                    id: person,
                    name: "Dmitry Peskov".into()
                },
                Entity {
                    id: entity_id("tass"),
                    name: "Tass".into()
                }
            ]
        );
        let about: Vec<AnnotationId> = problems.iter().map(|(id, _)| *id).collect();
        assert_eq!(about, [rain, rain, peskov], "{problems:?}");
    }
}
