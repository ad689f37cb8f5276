//! Accepting and rejecting suggestions: one (`Enter`, `Delete`) or all of a label ("Accept
//! all"), each in one undoable step. A quote brings its speaker (marked when it is not yet, and
//! made the quote's source); an actor joins a person as a mention marked by hand does.

use std::collections::BTreeMap;

use crate::model::{Annotation, AnnotationId, Document, Entity, EntityId, Label, Span, Timestamp};
use crate::suggest::Suggestion;

use super::suggesting::{order_key, plural, rejection};
use super::{Edit, State};

impl State {
    /// After an accept or reject (`done`, said first): the next shown suggestion after where
    /// `was` stood becomes the selected one, or none is left.
    fn moved_on(mut self, was: &Suggestion, done: String) -> State {
        let key = order_key(was);
        let shown = self.shown_suggestions();
        let next = shown
            .iter()
            .enumerate()
            .find(|(_, s)| order_key(s) > key)
            .or_else(|| shown.iter().enumerate().next())
            .map(|(i, s)| (i, s.clone()));
        match next {
            Some((position, pick)) => {
                let before = self.clone();
                before.with_suggestion_selected(pick, position, format!("{done}. Next: "))
            }
            None => {
                let previous = self.announcement.clone();
                self.selected = None;
                self.selected_suggestion = None;
                self.announce(&previous, format!("{done}. No suggestions left."));
                self
            }
        }
    }

    /// `Enter` / "Accept": the selected suggestion becomes an annotation, a quote with its
    /// speaker marked too (when not yet) as its source: one undo step. `ids` are new ids for
    /// the annotations (two are enough).
    pub(super) fn accept_suggestion(&self, ids: &[AnnotationId], at: Timestamp) -> Option<State> {
        let pick = self.selected_suggestion.clone()?;
        let mut plan = Plan::new(self)?;
        let mut ids = ids.iter().copied();
        plan.accept(self, &pick, &mut ids, at)?;
        let what = format!("Accepted {}", pick.kind.words());
        let mut next = self.commit(Edit::batch(&what, plan.edits))?;
        let said = match pick.speaker {
            Some(sp) => format!(", said by {}", next.speaker_name(sp)),
            None => String::new(),
        };
        let done = format!(
            "Accepted {} “{}”{said}",
            pick.kind.words(),
            self.excerpt(pick.span)
        );
        next.selected = None;
        next.settle_suggestions(self);
        Some(next.moved_on(&pick, done))
    }

    /// `Delete` / "Reject": the selected suggestion is turned down for this article (stored with
    /// it, undoable) and the next one selected.
    pub(super) fn reject_suggestion(&self) -> Option<State> {
        let pick = self.selected_suggestion.clone()?;
        let mut next = self.commit(Edit::Rejected(rejection(&pick)))?;
        next.selected = None;
        next.settle_suggestions(self);
        let done = format!(
            "Rejected {} “{}”",
            pick.kind.words(),
            self.excerpt(pick.span)
        );
        Some(next.moved_on(&pick, done))
    }

    /// "Accept all quotes (N)" / "Accept all actors (N)": every shown suggestion of `label`
    /// accepted in one undo step, quotes with their speakers. `ids`: enough new ids (two per
    /// suggestion).
    pub(super) fn accept_all(
        &self,
        label: Label,
        ids: &[AnnotationId],
        at: Timestamp,
    ) -> Option<State> {
        self.article.as_ref()?;
        let picks: Vec<Suggestion> = self
            .shown_suggestions()
            .iter()
            .filter(|s| s.kind.label() == label)
            .cloned()
            .collect();
        if picks.is_empty() {
            return Some(self.hinted(&format!("No suggested {} to accept.", label.slug())));
        }
        let mut plan = Plan::new(self)?;
        let mut ids = ids.iter().copied();
        let mut count = 0usize;
        for pick in &picks {
            if plan.accept(self, pick, &mut ids, at).is_some() {
                count += 1;
            }
        }
        let speakers = plan.speakers_added;
        let noun = |n: usize, l: Label| plural(n, l.slug());
        let what = format!("Accepted {}", noun(count, label));
        let mut text = format!("Accepted {}", noun(count, label));
        if speakers > 0 && label != Label::Actor {
            text.push_str(&format!(
                " and {} who said them",
                noun(speakers, Label::Actor)
            ));
        }
        let mut next = self.commit(Edit::batch(&what, plan.edits))?;
        next.selected = None;
        next.selected_suggestion = None;
        next.settle_suggestions(self);
        next.announce(&self.announcement, text);
        Some(next)
    }
}

/// The edits of one accept (or of "Accept all"), over a scratch copy of the document so a
/// person marked earlier in the same step is found again (as marking by hand would).
struct Plan {
    scratch: Document,
    /// Actor annotations by span, marked before or in this step.
    actors: BTreeMap<Span, AnnotationId>,
    edits: Vec<Edit>,
    speakers_added: usize,
}

impl Plan {
    fn new(state: &State) -> Option<Plan> {
        // Planned over the layer being edited: what another layer has marked is no reason to
        // skip a suggestion, nor a speaker to link to.
        let article = state.article.as_ref()?;
        let doc = article
            .doc
            .with_annotations(article.visible().cloned().collect());
        let actors = doc
            .annotations
            .iter()
            .filter(|a| a.label == Label::Actor)
            .map(|a| (a.span, a.id))
            .collect();
        Some(Plan {
            scratch: doc,
            actors,
            edits: Vec::new(),
            speakers_added: 0,
        })
    }

    /// The edits accepting `s`; `None` when it cannot be (no ids left, already marked).
    fn accept(
        &mut self,
        state: &State,
        s: &Suggestion,
        ids: &mut impl Iterator<Item = AnnotationId>,
        at: Timestamp,
    ) -> Option<()> {
        let label = s.kind.label();
        if self
            .scratch
            .annotations
            .iter()
            .any(|a| a.label == label && a.span == s.span)
        {
            return None;
        }
        if label == Label::Actor {
            let id = ids.next()?;
            self.mark_actor(state, s.span, id, at);
            return Some(());
        }
        let source = match s.speaker {
            Some(sp) => match self.actors.get(&sp) {
                Some(&actor) => Some(actor),
                None => {
                    let id = ids.next()?;
                    self.mark_actor(state, sp, id, at);
                    self.speakers_added += 1;
                    Some(id)
                }
            },
            None => None,
        };
        let id = ids.next()?;
        let quote = Annotation {
            source,
            ..Annotation::new(id, label, s.span, at)
        };
        self.scratch.annotations.push(quote.clone());
        self.edits.push(Edit::Added(quote));
        Some(())
    }

    /// Marks an actor at `span` joining a person as a hand-marked mention does (the new
    /// person's id comes from the annotation's).
    fn mark_actor(&mut self, state: &State, span: Span, id: AnnotationId, at: Timestamp) {
        let mention = self.scratch.quote(span).to_owned();
        let (entity, entity_edits) = state.entity_for(&self.scratch, &mention, EntityId(id.0));
        for edit in &entity_edits {
            match edit {
                Edit::EntityAdded(e) => push_entity(&mut self.scratch.entities, e),
                Edit::EntityRemoved(e) => self.scratch.entities.retain(|x| x.id != e.id),
                _ => {}
            }
        }
        self.edits.extend(entity_edits);
        let actor = Annotation {
            entity: Some(entity),
            ..Annotation::new(id, Label::Actor, span, at)
        };
        self.actors.insert(span, id);
        self.scratch.annotations.push(actor.clone());
        self.edits.push(Edit::Added(actor));
    }
}

fn push_entity(entities: &mut Vec<Entity>, e: &Entity) {
    if !entities.iter().any(|x| x.id == e.id) {
        entities.push(e.clone());
    }
}
