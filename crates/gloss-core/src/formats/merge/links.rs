//! Links through a merge, whatever the format: a quote's or claim's `source` (an actor of the
//! same article) and an actor's `entity` (the person or organisation it stands for).
//!
//! While annotations are placed their links are set aside ([`Wanted`]); once the article is
//! whole they are put back, following the ids the merge mapped (an incoming actor that is
//! already in the article under another id). A link never replaces one the library has: an
//! annotation without a link gets the file's, a different one is reported and the library's is
//! kept. Then [`Document::repair_links`] drops, with a reason, every link that does not hold.
//! Entities take the library's id when the library has them, by id first, then by name.

use std::collections::{BTreeMap, BTreeSet};

use super::super::gloss::shorten;
use super::super::parsed::Problem;
use crate::model::entity::{display_name, name_key};
use crate::model::{Annotation, AnnotationId, Document, Entity, EntityId, Label};

/// The library's entities and those an import brings, and what each incoming id became.
#[derive(Default)]
pub(super) struct Entities {
    by_id: BTreeMap<EntityId, Entity>,
    by_key: BTreeMap<String, EntityId>,
    /// Incoming id → the entity it is in the library (its own, or one with its id or name).
    mapped: BTreeMap<EntityId, Entity>,
    /// The order entities were admitted in (the file's order): new entities of an article
    /// are listed in it.
    order: BTreeMap<EntityId, usize>,
}

impl Entities {
    /// The entities of `library`; for an id or a name used twice, the first wins.
    pub fn new<'a>(library: impl IntoIterator<Item = &'a Document>) -> Entities {
        let mut out = Entities::default();
        for e in library.into_iter().flat_map(|d| &d.entities) {
            out.learn(e);
        }
        out
    }

    fn learn(&mut self, e: &Entity) {
        self.by_id.entry(e.id).or_insert_with(|| e.clone());
        let key = name_key(&e.name);
        if !key.is_empty() {
            self.by_key.entry(key).or_insert(e.id);
        }
    }

    /// The entity `incoming` is: the one with its id, else the one with its name, else itself
    /// (known from now on, so a later one with its name joins it).
    pub fn admit(&mut self, incoming: &Entity) -> Entity {
        if let Some(e) = self.mapped.get(&incoming.id) {
            return e.clone();
        }
        let key = name_key(&incoming.name);
        let known = self
            .by_id
            .get(&incoming.id)
            .or_else(|| {
                self.by_key
                    .get(&key)
                    .filter(|_| !key.is_empty())
                    .and_then(|id| self.by_id.get(id))
            })
            .cloned();
        let e = known.unwrap_or_else(|| {
            self.learn(incoming);
            incoming.clone()
        });
        let next = self.order.len();
        self.order.entry(e.id).or_insert(next);
        self.mapped.insert(incoming.id, e.clone());
        e
    }

    /// The entity an actor's `entity` id is: as admitted, or (an id the file does not list)
    /// one named after the mention.
    fn resolve(&mut self, id: EntityId, mention: &str) -> Entity {
        match self.mapped.get(&id) {
            Some(e) => e.clone(),
            None => self.admit(&Entity {
                id,
                name: display_name(mention),
            }),
        }
    }

    fn rank(&self, id: EntityId) -> usize {
        self.order.get(&id).copied().unwrap_or(usize::MAX)
    }
}

/// The links an incoming annotation brought, set aside while it is placed. `id` is the
/// annotation of the article they go on (another id when the article already had it).
pub(super) struct Wanted {
    pub id: AnnotationId,
    pub source: Option<AnnotationId>,
    pub entity: Option<EntityId>,
}

impl Wanted {
    /// Takes the links off `a` (they are put back by [`apply`]).
    pub fn take(a: &mut Annotation) -> Wanted {
        Wanted {
            id: a.id,
            source: a.source.take(),
            entity: a.entity.take(),
        }
    }
}

/// What the merge did with incoming ids.
#[derive(Default)]
pub(super) struct Ids {
    /// An incoming annotation the article already had under another id → that id.
    pub same: BTreeMap<AnnotationId, AnnotationId>,
    /// Incoming annotations that could not be placed on the article's text.
    pub lost: BTreeSet<AnnotationId>,
}

/// How reports name an annotation: its label and text.
pub(super) fn describe(doc: &Document, a: &Annotation) -> String {
    format!("{} “{}”", a.label, shorten(doc.quote(a.span)))
}

/// Puts the wanted links on `doc`, then drops every link that does not hold; each link not
/// kept is reported in `problems` under `name`.
pub(super) fn apply(
    doc: &mut Document,
    wanted: Vec<Wanted>,
    ids: &Ids,
    entities: &mut Entities,
    name: &str,
    problems: &mut Vec<Problem>,
) {
    let mut report = |doc: &Document, a: &Annotation, reason: String| {
        problems.push(Problem {
            document: name.to_owned(),
            annotation: Some(describe(doc, a)),
            reason,
        })
    };
    let mut new_entities: Vec<Entity> = Vec::new();
    // Where each annotation is, found once: looking each one up by id made an import of
    // thousands of annotations quadratic. Slots are replaced in place below, never moved.
    let at: BTreeMap<AnnotationId, usize> = doc
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    for w in wanted {
        if w.source.is_none() && w.entity.is_none() {
            continue;
        }
        let Some(slot) = at.get(&w.id).copied() else {
            continue;
        };
        let Some(a) = doc.annotations.get(slot).cloned() else {
            continue;
        };
        let mut linked = a.clone();
        if let Some(source) = w.source {
            let source = ids.same.get(&source).copied().unwrap_or(source);
            match a.source {
                _ if ids.lost.contains(&source) => report(
                    doc,
                    &a,
                    "its source could not be placed on the article's text, so the link was dropped (the annotation itself was imported)".into(),
                ),
                None => linked.source = Some(source),
                Some(ours) if ours == source => {}
                Some(ours) => {
                    let who = |id| {
                        doc.annotation(id)
                            .map_or_else(|| id.to_string(), |s| shorten(doc.quote(s.span)))
                    };
                    report(
                        doc,
                        &a,
                        format!(
                            "the file gives it the source “{}”, the library “{}”; the library's is kept",
                            who(source),
                            who(ours)
                        ),
                    );
                }
            }
        }
        if let Some(entity) = w.entity {
            if a.label != Label::Actor {
                report(
                    doc,
                    &a,
                    "only an actor stands for a person or organisation, so its entity was dropped"
                        .into(),
                );
            } else {
                let e = entities.resolve(entity, doc.quote(a.span));
                match a.entity {
                    None => {
                        linked.entity = Some(e.id);
                        if doc.entity(e.id).is_none() && !new_entities.iter().any(|n| n.id == e.id)
                        {
                            new_entities.push(e);
                        }
                    }
                    Some(ours) if ours == e.id => {}
                    Some(ours) => {
                        let ours = doc
                            .entity(ours)
                            .map_or_else(|| ours.to_string(), |o| o.name.clone());
                        report(
                            doc,
                            &a,
                            format!(
                                "the file counts it as “{}”, the library as “{}”; the library's is kept",
                                shorten(&e.name),
                                shorten(&ours)
                            ),
                        );
                    }
                }
            }
        }
        if linked != a {
            if let Some(slot) = doc.annotations.get_mut(slot) {
                *slot = linked;
            }
        }
    }
    new_entities.sort_by_key(|e| entities.rank(e.id));
    doc.entities.extend(new_entities);
    for dropped in doc.repair_links() {
        if let Some(a) = doc.annotation(dropped.annotation) {
            report(
                doc,
                a,
                format!(
                    "{}, so the link was dropped (the annotation itself was imported)",
                    dropped.reason
                ),
            );
        }
    }
}
