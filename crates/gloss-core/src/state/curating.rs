//! Curating: settling the annotators' layers of the open article into one gold layer, the
//! **curated** layer ("Compare" → disagreements). Each disagreement is settled by keeping one
//! annotator's version, both, or neither; "Accept all agreed" takes every agreement in one
//! step. What is kept is copied into the curated layer (new annotations, `curated: true`,
//! signed by the curator), a quote's or claim's speaker with it: the curated copy links to the
//! curated copy of its actor, made when the curated layer has none on those words.
//!
//! Every step is one undoable edit; the curated layer is then edited like one's own.

use std::collections::BTreeSet;

use crate::agree::disagree::{self, Choice, Item, Mark};
use crate::model::layers::Layer;
use crate::model::{Annotation, AnnotationId, Document, Label, Rejection, Span, Timestamp};

use super::{Edit, State};

/// The open article as the curator sees it: the annotators (by name, in layer order) and the
/// places where their marks meet.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub names: Vec<String>,
    pub items: Vec<Item<AnnotationId>>,
}

/// What the curated layer holds at an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Nothing curated here yet.
    Open,
    /// Curated marks of the item's label overlap it (their ids).
    Kept(Vec<AnnotationId>),
    /// Settled as "keep neither" (remembered with the document).
    LeftOut,
}

/// The name a quote's or claim's speaker compares by: its person's name (or the mention's
/// words), in lower case, spaces folded.
fn speaker_name(doc: &Document, a: &Annotation) -> Option<String> {
    let actor = doc.annotation(a.source?)?;
    let name = doc.actor_name(actor);
    Some(
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// The annotators' layers of `doc` (not the curated one; one's own only when it has marks)
/// and where their marks meet.
pub fn comparison(doc: &Document, me: Option<&str>) -> Comparison {
    let layers: Vec<Layer> = crate::model::layers::layers(doc, me)
        .into_iter()
        .filter(|(layer, n)| *layer != Layer::Curated && *n > 0)
        .map(|(layer, _)| layer)
        .collect();
    let marks: Vec<Vec<Mark<AnnotationId>>> = layers
        .iter()
        .map(|layer| {
            doc.annotations
                .iter()
                .filter(|a| layer.holds(a, me))
                .map(|a| Mark {
                    key: a.id,
                    label: a.label,
                    span: a.span,
                    speaker: speaker_name(doc, a),
                })
                .collect()
        })
        .collect();
    Comparison {
        names: layers.iter().map(|l| l.name(me)).collect(),
        items: disagree::items(&marks),
    }
}

/// What the curated layer of `doc` holds at `item`.
pub fn settled(doc: &Document, item: &Item<AnnotationId>) -> Settled {
    let kept: Vec<AnnotationId> = curated_at(doc, item.label, item.span)
        .map(|a| a.id)
        .collect();
    if !kept.is_empty() {
        Settled::Kept(kept)
    } else if doc.left_out.contains(&place(item.label, item.span)) {
        Settled::LeftOut
    } else {
        Settled::Open
    }
}

fn place(label: Label, span: Span) -> Rejection {
    Rejection { label, span }
}

/// The curated annotations of `label` overlapping `span`.
fn curated_at(doc: &Document, label: Label, span: Span) -> impl Iterator<Item = &Annotation> {
    doc.annotations
        .iter()
        .filter(move |a| a.curated && a.label == label && a.span.overlaps(span))
}

/// Copies being added to the curated layer in one step.
struct Copies<'a> {
    doc: &'a Document,
    ids: std::slice::Iter<'a, AnnotationId>,
    at: Timestamp,
    /// Curated actors by span: there before, or copied in this step.
    actors: Vec<(Span, AnnotationId)>,
    /// Curated annotations this step takes away (to be replaced).
    removed: BTreeSet<AnnotationId>,
    edits: Vec<Edit>,
}

impl<'a> Copies<'a> {
    fn new(doc: &'a Document, ids: &'a [AnnotationId], at: Timestamp) -> Copies<'a> {
        Copies {
            doc,
            ids: ids.iter(),
            at,
            actors: doc
                .annotations
                .iter()
                .filter(|a| a.curated && a.label == Label::Actor)
                .map(|a| (a.span, a.id))
                .collect(),
            removed: BTreeSet::new(),
            edits: Vec::new(),
        }
    }

    /// Takes the curated marks of `label` over `span` away (what is chosen replaces them; see
    /// [`Copies::finish`] for the quotes and claims that named a removed actor).
    fn clear(&mut self, label: Label, span: Span) {
        for a in curated_at(self.doc, label, span) {
            if self.removed.insert(a.id) {
                self.actors.retain(|(_, id)| *id != a.id);
                self.edits.push(Edit::Removed(a.clone()));
            }
        }
    }

    /// Ends the step: a curated quote or claim elsewhere whose speaker was taken away is linked
    /// to the curated actor now on the same words (the chosen version's), or loses its source
    /// when there is none.
    fn finish(mut self) -> Vec<Edit> {
        let orphans: Vec<(Annotation, Option<AnnotationId>)> = self
            .doc
            .annotations
            .iter()
            .filter(|a| a.curated && !self.removed.contains(&a.id))
            .filter_map(|a| {
                let gone = a.source.filter(|s| self.removed.contains(s))?;
                let span = self.doc.annotation(gone)?.span;
                let now = self
                    .actors
                    .iter()
                    .find(|(s, _)| *s == span)
                    .map(|(_, id)| *id);
                Some((a.clone(), now))
            })
            .collect();
        for (a, source) in orphans {
            self.edits.push(Edit::Changed {
                after: Annotation {
                    source,
                    updated_at: self.at,
                    ..a.clone()
                },
                before: a,
            });
        }
        self.edits
    }

    /// A copy of `original` into the curated layer (its speaker copied too); `None` when the
    /// ids ran out or the original is gone.
    fn copy(&mut self, original: AnnotationId) -> Option<AnnotationId> {
        let a = self.doc.annotation(original)?;
        if a.label == Label::Actor {
            return self.actor(a);
        }
        let source = match a.source.and_then(|s| self.doc.annotation(s)) {
            Some(actor) => Some(self.actor(actor)?),
            None => None,
        };
        let id = *self.ids.next()?;
        self.edits.push(Edit::Added(self.curated(a, id, source)));
        Some(id)
    }

    /// The curated actor on `actor`'s words: the one there, or a copy made now.
    fn actor(&mut self, actor: &Annotation) -> Option<AnnotationId> {
        if let Some((_, id)) = self.actors.iter().find(|(s, _)| *s == actor.span) {
            return Some(*id);
        }
        let id = *self.ids.next()?;
        self.actors.push((actor.span, id));
        self.edits.push(Edit::Added(self.curated(actor, id, None)));
        Some(id)
    }

    fn curated(
        &self,
        a: &Annotation,
        id: AnnotationId,
        source: Option<AnnotationId>,
    ) -> Annotation {
        Annotation {
            id,
            source,
            created_at: self.at,
            updated_at: self.at,
            // Signed by the curator when committed.
            created_by: None,
            updated_by: None,
            curated: true,
            ..a.clone()
        }
    }
}

impl State {
    /// One disagreement (the item of `label` at `span` in the open article) settled by
    /// `choice`: the curated marks there are replaced by the chosen ones, in one undo step.
    /// `ids`: new annotation ids (two per mark of the item are enough).
    pub(super) fn curate(
        &self,
        label: Label,
        span: Span,
        choice: Choice,
        ids: &[AnnotationId],
        at: Timestamp,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        let doc = &article.doc;
        let found = comparison(doc, self.me.as_deref());
        let item = found
            .items
            .iter()
            .find(|i| i.label == label && i.span == span)?;
        let mut copies = Copies::new(doc, ids, at);
        copies.clear(label, span);
        let chosen = disagree::chosen(item, choice);
        for mark in &chosen {
            copies.copy(mark.key)?;
        }
        let names: Vec<&str> = found.names.iter().map(String::as_str).collect();
        let what = match choice {
            Choice::Keep(i) => format!(
                "Kept {}'s version",
                names.get(i).copied().unwrap_or("their")
            ),
            Choice::Both => "Kept both versions".to_owned(),
            Choice::Neither => "Kept neither version".to_owned(),
        };
        // "Keep neither" is remembered with the document; any other choice takes it back.
        let left = doc.left_out.contains(&place(label, span));
        match (choice, left) {
            (Choice::Neither, false) => copies.edits.push(Edit::LeftOut(place(label, span))),
            (Choice::Keep(_) | Choice::Both, true) => {
                copies.edits.push(Edit::NotLeftOut(place(label, span)))
            }
            _ => {}
        }
        let excerpt = self.excerpt(span);
        let edits = copies.finish();
        if edits.is_empty() {
            return None;
        }
        let mut next = self.commit(Edit::batch(&what, edits))?;
        next.keep_selection_shown();
        next.announce(
            &self.announcement,
            format!("{what} of {} “{excerpt}”", label.name().to_lowercase()),
        );
        Some(next)
    }

    /// "Accept all agreed": every agreed item that the curated layer has nothing of yet is
    /// copied into it, in one undo step.
    pub(super) fn accept_agreed(&self, ids: &[AnnotationId], at: Timestamp) -> Option<State> {
        let article = self.article.as_ref()?;
        let doc = &article.doc;
        let found = comparison(doc, self.me.as_deref());
        if found.names.len() < 2 {
            return Some(self.hinted(
                "Compare needs two annotators' layers on this article: import a colleague's Gloss JSON export of it first.",
            ));
        }
        let mut copies = Copies::new(doc, ids, at);
        let mut taken = 0usize;
        for item in found.items.iter().filter(|i| i.agreed) {
            if settled(doc, item) != Settled::Open {
                continue;
            }
            for mark in disagree::agreed_marks(item) {
                // An actor copied as a speaker earlier in this step is there already.
                if mark.label == Label::Actor && copies.actors.iter().any(|(s, _)| *s == mark.span)
                {
                    continue;
                }
                copies.copy(mark.key)?;
            }
            taken += 1;
        }
        if taken == 0 {
            return Some(self.hinted("Every agreement is in the curated layer already."));
        }
        let what = format!(
            "Accepted {taken} agreement{}",
            if taken == 1 { "" } else { "s" }
        );
        let mut next = self.commit(Edit::batch(&what, copies.finish()))?;
        next.keep_selection_shown();
        next.announce(&self.announcement, format!("{what} into the curated layer"));
        Some(next)
    }
}
