//! Who said what: a quote or claim's source (an actor of the same article), picking it, and
//! actors as people (entities): the one a new mention joins, renaming, merging and moving a
//! mention. Every change is one undoable step.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::entity::{display_name, group, Group};
use crate::model::{Annotation, AnnotationId, Document, Entity, EntityId, Label, Timestamp};

use super::history::DocumentLinks;
use super::{Edit, State};

/// An entry of the source picker: a person (an entity, or an actor mention without one) and
/// the mention a pick links to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The mention the quote or claim is linked to when this entry is picked: the one
    /// nearest before it, or else the nearest after.
    pub actor: AnnotationId,
    pub entity: Option<EntityId>,
    pub name: String,
    /// How often the article mentions this person.
    pub mentions: usize,
}

/// "1 quote", "2 quotes and 1 claim": what lost its source, in words.
fn counted(quotes: usize, claims: usize) -> String {
    let one = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (quotes, claims) {
        (q, 0) => one(q, "quote"),
        (0, c) => one(c, "claim"),
        (q, c) => format!("{} and {}", one(q, "quote"), one(c, "claim")),
    }
}

impl State {
    /// Every entity of the library but the open document's, for grouping new mentions.
    fn other_entities(&self) -> impl Iterator<Item = &Entity> {
        let open = self.open_id();
        self.library
            .values()
            .filter(move |d| Some(d.id) != open)
            .flat_map(|d| d.entities.iter())
    }

    /// The name of an entity anywhere in the library (the open document's first).
    pub fn entity_name(&self, id: EntityId) -> Option<String> {
        let open = self.article.as_ref().and_then(|a| a.doc.entity(id));
        open.or_else(|| self.library.values().find_map(|d| d.entity(id)))
            .map(|e| e.name.clone())
    }

    /// The entity a new actor mention reading `mention` joins in the open document `doc`, and
    /// the edits that first add it to the document (none when the document has it already).
    /// `new_entity` is the id of a new entity, when none fits.
    pub(super) fn entity_for(
        &self,
        doc: &Document,
        mention: &str,
        new_entity: EntityId,
    ) -> (EntityId, Vec<Edit>) {
        match group(mention, doc, self.other_entities()) {
            Group::Joined { id, rename: None } => (id, Vec::new()),
            Group::Joined {
                id,
                rename: Some(name),
            } => {
                let edits = doc.entity(id).map_or_else(Vec::new, |old| {
                    vec![
                        Edit::EntityRemoved(old.clone()),
                        Edit::EntityAdded(Entity { id, name }),
                    ]
                });
                (id, edits)
            }
            Group::Library(e) => (e.id, vec![Edit::EntityAdded(e)]),
            Group::New(name) => (
                new_entity,
                vec![Edit::EntityAdded(Entity {
                    id: new_entity,
                    name,
                })],
            ),
        }
    }

    /// The edits that take `actor` out of the open document's people: the quotes and claims
    /// it is the source of are unlinked, and its entity leaves the document when this was its
    /// last mention. Returns them with how many quotes and claims lost their source.
    pub(super) fn actor_leaving(
        &self,
        doc: &Document,
        actor: &Annotation,
        at: Timestamp,
    ) -> (Vec<Edit>, (usize, usize)) {
        let mut edits = Vec::new();
        let mut lost = (0, 0);
        for a in doc.attributed_to(actor.id) {
            match a.label {
                Label::Claim => lost.1 += 1,
                _ => lost.0 += 1,
            }
            edits.push(Edit::Changed {
                before: a.clone(),
                after: Annotation {
                    source: None,
                    updated_at: at,
                    ..a.clone()
                },
            });
        }
        if let Some(entity) = actor.entity {
            let last = doc.mentions_of(entity).all(|m| m.id == actor.id);
            if let (true, Some(e)) = (last, doc.entity(entity)) {
                edits.push(Edit::EntityRemoved(e.clone()));
            }
        }
        (edits, lost)
    }

    /// "; 2 quotes lost their source", or nothing.
    pub(super) fn lost_sources(lost: (usize, usize)) -> String {
        if lost == (0, 0) {
            String::new()
        } else {
            let whose = if lost.0 + lost.1 == 1 { "its" } else { "their" };
            format!("; {} lost {whose} source", counted(lost.0, lost.1))
        }
    }

    /// Deleting an annotation; an actor takes its links with it, in the same step.
    pub(super) fn delete(&self, id: AnnotationId) -> Option<State> {
        let article = self.article.as_ref()?;
        let a = article.annotation(id)?.clone();
        let mut text = format!("{} deleted: “{}”", a.label, self.excerpt(a.span));
        let edit = if a.label == Label::Actor {
            let (mut edits, lost) = self.actor_leaving(&article.doc, &a, a.updated_at);
            text.push_str(&Self::lost_sources(lost));
            if edits.is_empty() {
                Edit::Removed(a)
            } else {
                edits.insert(0, Edit::Removed(a));
                Edit::Batch {
                    what: "Actor deleted".to_owned(),
                    edits,
                }
            }
        } else {
            Edit::Removed(a)
        };
        let mut next = self.commit(edit)?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// The picker's entries for the selected quote or claim: one per person, the most
    /// mentioned first, then by name.
    pub fn source_candidates(&self) -> Vec<Candidate> {
        let Some(article) = self.article.as_ref() else {
            return Vec::new();
        };
        let at = self.selected_annotation().map_or(0, |a| a.span.start);
        // Per person: (mentions, nearest mention before, nearest after, name).
        let mut people: BTreeMap<String, (usize, Option<&Annotation>, Option<&Annotation>)> =
            BTreeMap::new();
        let mut entity_of: BTreeMap<String, Option<EntityId>> = BTreeMap::new();
        for actor in article.visible().filter(|a| a.label == Label::Actor) {
            let key = actor
                .entity
                .map_or_else(|| format!("mention {}", actor.id), |e| e.to_string());
            entity_of.insert(key.clone(), actor.entity);
            let entry = people.entry(key).or_insert((0, None, None));
            entry.0 += 1;
            if actor.span.start <= at {
                entry.1 = Some(actor);
            } else if entry.2.is_none() {
                entry.2 = Some(actor);
            }
        }
        let mut out: Vec<Candidate> = people
            .into_iter()
            .filter_map(|(key, (mentions, before, after))| {
                let actor = before.or(after)?;
                Some(Candidate {
                    actor: actor.id,
                    entity: entity_of.get(&key).copied().flatten(),
                    name: article.doc.actor_name(actor),
                    mentions,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        out
    }

    /// Opens the source picker for the selected quote or claim.
    pub(super) fn pick_source(&self) -> Option<State> {
        let Some(a) = self.selected_annotation() else {
            return Some(
                self.hinted("Select a quote or claim first, then press S to pick who said it."),
            );
        };
        if !a.can_have_source() {
            return Some(
                self.hinted("An actor has no source: select a quote or claim to say who said it."),
            );
        }
        if self.source_candidates().is_empty() {
            return Some(self.hinted(
                "Mark who said it as an Actor first (select the name, press 3), then press S.",
            ));
        }
        let mut next = self.clone();
        next.picking = Some(a.id);
        next.notice = None;
        let text = format!(
            "Pick who said this {}: type to filter, Enter picks, Escape cancels; or click an actor in the article.",
            a.label.name().to_lowercase()
        );
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// A click while the picker is open: on an actor, picks the innermost one there;
    /// anywhere else, closes the picker and is an ordinary click.
    pub(super) fn pick_at(&self, point: usize, at: Timestamp) -> Option<State> {
        let Some(id) = self.picking else {
            return self.click_at_suggesting(point);
        };
        let article = self.article.as_ref()?;
        let actor = article
            .at_point(point)
            .into_iter()
            .find(|a| a.label == Label::Actor)
            .map(|a| a.id);
        match actor {
            Some(actor) => self.set_source(id, Some(actor), at),
            None => self.cancel_picking()?.click_at(point),
        }
    }

    pub(super) fn cancel_picking(&self) -> Option<State> {
        self.picking.map(|_| State {
            picking: None,
            ..self.clone()
        })
    }

    /// Links (or with `None` unlinks) a quote or claim to an actor of the open article.
    pub(super) fn set_source(
        &self,
        id: AnnotationId,
        source: Option<AnnotationId>,
        at: Timestamp,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        let before = article.annotation(id)?.clone();
        let mut closed = self.clone();
        closed.picking = None;
        if !before.can_have_source() {
            return Some(closed.hinted("An actor has no source: only quotes and claims do."));
        }
        let actor = match source {
            Some(s) => match article.annotation(s) {
                Some(actor) if actor.label == Label::Actor => Some(actor),
                _ => return Some(closed.hinted("Only an actor of this article can be a source.")),
            },
            None => None,
        };
        if before.source == source {
            return (self.picking.is_some()).then_some(closed);
        }
        let after = Annotation {
            source,
            updated_at: at,
            ..before.clone()
        };
        let text = match actor {
            Some(actor) => format!(
                "{} now attributed to {}",
                before.label,
                article.doc.actor_name(actor)
            ),
            None => format!("Source removed from {}", before.label),
        };
        let mut next = closed.commit(Edit::Changed { before, after })?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// Every document's links with entity `from` replaced by `into` (and `into` named `name`),
    /// as a library-wide edit; `None` when no document changes.
    fn relinked(
        &self,
        what: String,
        change: impl Fn(&Document) -> Option<DocumentLinks>,
    ) -> Option<Edit> {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for doc in self.library.values() {
            if let Some(changed) = change(doc) {
                before.push(DocumentLinks {
                    id: doc.id,
                    annotations: doc.annotations.clone(),
                    entities: doc.entities.clone(),
                });
                after.push(changed);
            }
        }
        (!after.is_empty()).then_some(Edit::Library {
            what,
            before,
            after,
        })
    }

    /// Gives an entity another name, in every article that mentions it.
    pub(super) fn rename_entity(&self, id: EntityId, name: &str) -> Option<State> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Some(self.hinted("A person needs a name: type one, or press Escape."));
        }
        let old = self.entity_name(id)?;
        if old == name {
            return None;
        }
        let edit = self.relinked(format!("{old} renamed {name}"), |doc| {
            doc.entity(id)?;
            let entities = doc
                .entities
                .iter()
                .map(|e| Entity {
                    id: e.id,
                    name: if e.id == id {
                        name.clone()
                    } else {
                        e.name.clone()
                    },
                })
                .collect();
            Some(DocumentLinks {
                id: doc.id,
                annotations: doc.annotations.clone(),
                entities,
            })
        })?;
        let mut next = self.commit(edit)?;
        next.announce(&self.announcement, format!("Renamed {old} to {name}"));
        Some(next)
    }

    /// Makes `from` and `into` one person, in every article: `from`'s mentions become
    /// `into`'s, and `from` is gone.
    pub(super) fn merge_entities(
        &self,
        from: EntityId,
        into: EntityId,
        at: Timestamp,
    ) -> Option<State> {
        if from == into {
            return None;
        }
        let from_name = self.entity_name(from)?;
        let into_name = self.entity_name(into)?;
        let target = Entity {
            id: into,
            name: into_name.clone(),
        };
        let edit = self.relinked(format!("{from_name} merged into {into_name}"), |doc| {
            doc.entity(from)?;
            let annotations = doc
                .annotations
                .iter()
                .map(|a| match a.entity {
                    Some(e) if e == from => Annotation {
                        entity: Some(into),
                        updated_at: at,
                        ..a.clone()
                    },
                    _ => a.clone(),
                })
                .collect();
            let mut entities: Vec<Entity> = doc
                .entities
                .iter()
                .filter(|e| e.id != from)
                .cloned()
                .collect();
            if !entities.iter().any(|e| e.id == into) {
                entities.push(target.clone());
            }
            Some(DocumentLinks {
                id: doc.id,
                annotations,
                entities,
            })
        })?;
        let mut next = self.commit(edit)?;
        next.announce(
            &self.announcement,
            format!("{from_name} and {into_name} are now one person: {into_name}"),
        );
        Some(next)
    }

    /// Moves an actor mention of the open article to another entity (`to`), or to a new one
    /// named after the mention (`to: None`, with the id `new_entity`).
    pub(super) fn move_mention(
        &self,
        id: AnnotationId,
        to: Option<EntityId>,
        new_entity: EntityId,
        at: Timestamp,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        let doc = &article.doc;
        let before = article.annotation(id)?.clone();
        if before.label != Label::Actor {
            return Some(self.hinted("Only an actor belongs to a person."));
        }
        if to.is_some() && to == before.entity {
            return None;
        }
        let mut edits = Vec::new();
        let target = match to {
            Some(e) => {
                if doc.entity(e).is_none() {
                    let name = self.entity_name(e)?;
                    edits.push(Edit::EntityAdded(Entity { id: e, name }));
                }
                e
            }
            None => {
                let name = display_name(doc.quote(before.span));
                edits.push(Edit::EntityAdded(Entity {
                    id: new_entity,
                    name,
                }));
                new_entity
            }
        };
        let after = Annotation {
            entity: Some(target),
            updated_at: at,
            ..before.clone()
        };
        edits.push(Edit::Changed {
            before: before.clone(),
            after,
        });
        if let Some(old) = before.entity {
            if doc.mentions_of(old).all(|m| m.id == id) {
                if let Some(e) = doc.entity(old) {
                    edits.push(Edit::EntityRemoved(e.clone()));
                }
            }
        }
        let name = self
            .entity_name(target)
            .unwrap_or_else(|| display_name(doc.quote(before.span)));
        let text = format!("“{}” is now {name}", self.excerpt(before.span));
        let mut next = self.commit(Edit::Batch {
            what: format!("Mention moved to {name}"),
            edits,
        })?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// What the selection outlines besides itself: for a quote or claim, its source; for an
    /// actor, the other mentions of its person and every quote and claim attributed to them.
    pub fn related(&self) -> BTreeSet<AnnotationId> {
        let mut out = BTreeSet::new();
        let (Some(article), Some(selected)) = (self.article.as_ref(), self.selected_annotation())
        else {
            return out;
        };
        let doc = &article.doc;
        if let Some(source) = selected.source {
            out.insert(source);
        }
        if selected.label == Label::Actor {
            let mentions: Vec<AnnotationId> = match selected.entity {
                Some(e) => doc.mentions_of(e).map(|m| m.id).collect(),
                None => vec![selected.id],
            };
            for m in &mentions {
                out.insert(*m);
                out.extend(doc.attributed_to(*m).map(|a| a.id));
            }
        }
        out.remove(&selected.id);
        out
    }

    /// [`State::related`] with where each is, in text order.
    pub fn related_spans(&self) -> std::rc::Rc<[(AnnotationId, crate::model::Span)]> {
        let related = self.related();
        self.article.as_ref().map_or_else(
            || std::rc::Rc::from(Vec::new()),
            |article| {
                article
                    .visible()
                    .filter(|a| related.contains(&a.id))
                    .map(|a| (a.id, a.span))
                    .collect()
            },
        )
    }

    /// Who an annotation is, for what a screen reader hears on selecting it: a quote's or
    /// claim's source (", said by Dmitry Peskov"), an actor's person when the mention reads
    /// otherwise (", Vladimir Putin"); or nothing.
    pub fn who(&self, a: &Annotation) -> String {
        if let Some(name) = self.source_name(a) {
            return format!(", said by {name}");
        }
        let Some(article) = self.article.as_ref() else {
            return String::new();
        };
        match a.entity.and_then(|e| article.doc.entity(e)) {
            Some(e) if e.name != article.doc.quote(a.span).trim() => format!(", {}", e.name),
            _ => String::new(),
        }
    }

    /// The source of an annotation in words, for the list and for screen readers.
    pub fn source_name(&self, a: &Annotation) -> Option<String> {
        let article = self.article.as_ref()?;
        let actor = article.annotation(a.source?)?;
        Some(article.doc.actor_name(actor))
    }
}
