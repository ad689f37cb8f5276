//! Changing the open article's annotations: marking a selection, relabelling, resizing by a
//! word, notes, deleting, and undo/redo. Every change is an [`Edit`] committed to the undo
//! history; only the lines it reaches are laid out again.

use std::rc::Rc;

use crate::model::offsets::{resize_by_word, Edge, Resize};
use crate::model::{
    text_order, Annotation, AnnotationId, DocumentId, Entity, EntityId, Label, Timestamp,
};

use super::history::DocumentLinks;
use super::{Action, Edit, History, Selection, State};

/// Note changes this close together are one undoable edit.
const NOTE_TYPING_MS: i64 = 2_000;

impl State {
    pub(super) fn resize_selected(&self, edge: Edge, how: Resize, at: Timestamp) -> Option<State> {
        let article = self.article.as_ref()?;
        let before = self.selected_annotation()?.clone();
        let Some(span) = resize_by_word(&article.index, before.span, edge, how) else {
            return Some(self.hinted(match how {
                Resize::Grow => "It cannot grow further in that direction.",
                Resize::Shrink => "It is one word already: it cannot shrink further.",
            }));
        };
        if article
            .visible()
            .any(|a| a.id != before.id && a.label == before.label && a.span == span)
        {
            return Some(
                self.hinted("Another annotation with that label already covers exactly that text."),
            );
        }
        let after = Annotation {
            span,
            updated_at: at,
            ..before.clone()
        };
        let text = format!("{} now: “{}”", after.label, self.excerpt(span));
        let mut next = self.commit(Edit::Changed { before, after })?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    pub(super) fn set_note(
        &self,
        document: DocumentId,
        id: AnnotationId,
        note: String,
        at: Timestamp,
    ) -> Option<State> {
        if self.open_id() != Some(document) {
            return self.note_elsewhere(document, id, note, at);
        }
        let before = self.article.as_ref()?.annotation(id)?.clone();
        if before.note == note {
            return None;
        }
        let after = Annotation {
            note,
            updated_at: at,
            ..before.clone()
        };
        // Typing a note is one edit: while the last edit is this note, extend it.
        let coalesce = match self.undo.last() {
            Some(Edit::Changed {
                before: first,
                after: last,
            }) => {
                last.id == id
                    && first.label == last.label
                    && first.span == last.span
                    && last == &before
                    && at.0.saturating_sub(last.updated_at.0) < NOTE_TYPING_MS
            }
            _ => false,
        };
        let mut next = if coalesce {
            let first = match self.undo.last() {
                Some(Edit::Changed { before: first, .. }) => first.clone(),
                _ => before.clone(),
            };
            let mut next = self.clone();
            next.undo.pop();
            next.commit(Edit::Changed {
                before: first,
                after,
            })?
        } else {
            self.commit(Edit::Changed { before, after })?
        };
        // A note saved a moment after typing may arrive once another annotation is
        // selected: it must not take the selection back.
        next.selected = self.selected;
        next.announce(&self.announcement, "Note saved".to_owned());
        Some(next)
    }

    pub(super) fn undo(&self) -> Option<State> {
        self.step_history(true)
    }

    pub(super) fn redo(&self) -> Option<State> {
        self.step_history(false)
    }

    /// Undo (`back`) or redo: applies the top edit of one stack (its inverse when undoing)
    /// and moves it to the other.
    fn step_history(&self, back: bool) -> Option<State> {
        let (from, word, done) = if back {
            (&self.undo, "undo", "Undone")
        } else {
            (&self.redo, "redo", "Redone")
        };
        let Some(edit) = from.last() else {
            return Some(self.hinted(&format!("Nothing to {word}.")));
        };
        let mut next = self.clone();
        let applied = if back { edit.inverse() } else { edit.clone() };
        next.apply_edit(&applied)?;
        // An edit of a layer not shown (made before another was chosen) selects nothing.
        next.keep_selection_shown();
        let (from, to) = if back {
            (&mut next.undo, &mut next.redo)
        } else {
            (&mut next.redo, &mut next.undo)
        };
        from.pop();
        to.push(edit.clone());
        next.reveal = true;
        next.announce(&self.announcement, format!("{done}: {}", edit.describe()));
        Some(next)
    }

    pub(super) fn apply_label(
        &self,
        label: Label,
        selection: Selection,
        new_id: AnnotationId,
        at: Timestamp,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        let span = match selection {
            // An empty or reversed span cannot come from a selection; refused like white space.
            Selection::Span(span) if span.start >= span.end => {
                return Some(
                    self.hinted("The selection is only white space: select some words first."),
                )
            }
            Selection::Span(span) => span,
            Selection::Blank => {
                return Some(
                    self.hinted("The selection is only white space: select some words first."),
                )
            }
            Selection::Outside => {
                return Some(self.hinted("Select text inside the article to mark it."))
            }
            Selection::None => {
                let Some(before) = self.selected_annotation().cloned() else {
                    return Some(self.hinted(&format!(
                        "Select some text in the article first, then press {} or {} for {label}.",
                        label.digit(),
                        label.letter()
                    )));
                };
                return self.relabel(before, label, at);
            }
        };
        if span.end > article.index.len_cp() {
            return Some(self.hinted("Select text inside the article to mark it."));
        }
        if let Some(existing) = article
            .visible()
            .find(|a| a.span == span && a.label == label)
        {
            let mut next = self.clone();
            next.selected = Some(existing.id);
            next.notice = None;
            let text = format!("Already marked as {label}: “{}”", self.excerpt(span));
            next.announce(&self.announcement, text);
            return Some(next);
        }
        let mut annotation = Annotation::new(new_id, label, span, at);
        let text = format!("{label} added: “{}”", self.excerpt(span));
        let edit = if label == Label::Actor {
            let (entity, mut edits) =
                self.entity_for(&article.doc, article.index.slice(span), EntityId(new_id.0));
            annotation.entity = Some(entity);
            edits.push(Edit::Added(annotation));
            Edit::batch("Actor added", edits)
        } else {
            Edit::Added(annotation)
        };
        let mut next = self.commit(edit)?;
        // An actor says which person it joined when its words name them otherwise.
        let who = next
            .selected_annotation()
            .map(|a| next.who(a))
            .unwrap_or_default();
        next.announce(&self.announcement, format!("{text}{who}"));
        Some(next)
    }

    fn relabel(&self, before: Annotation, label: Label, at: Timestamp) -> Option<State> {
        if before.label == label {
            return None;
        }
        let article = self.article.as_ref()?;
        if article
            .visible()
            .any(|a| a.span == before.span && a.label == label)
        {
            return Some(self.hinted(&format!("This text is already marked as {label}.")));
        }
        let mut after = Annotation {
            label,
            updated_at: at,
            ..before.clone()
        };
        let mut text = format!("Changed to {label}: “{}”", self.excerpt(before.span));
        // Only a claim is fact-checked: its verdict and sources go with the label (undo brings
        // them back).
        if before.label == Label::Claim {
            after.verdict = None;
            after.evidence = Vec::new();
            text.push_str(&super::checking::lost_check(&before));
        }
        let mut edits = Vec::new();
        if label == Label::Actor {
            // An actor is a source, not attributed: it joins a person instead.
            after.source = None;
            let (entity, entity_edits) = self.entity_for(
                &article.doc,
                article.index.slice(before.span),
                EntityId(before.id.0),
            );
            after.entity = Some(entity);
            edits.extend(entity_edits);
            edits.push(Edit::Changed {
                before: before.clone(),
                after,
            });
        } else {
            after.entity = None;
            edits.push(Edit::Changed {
                before: before.clone(),
                after,
            });
            if before.label == Label::Actor {
                let (leaving, lost) = self.actor_leaving(&article.doc, &before, at);
                edits.extend(leaving);
                text.push_str(&Self::lost_sources(lost));
            }
        }
        let what = format!("{} changed to {label}", before.label);
        let mut next = self.commit(Edit::batch(&what, edits))?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// Applies a new edit, records it for undo and forgets the redo stack.
    pub(super) fn commit(&self, edit: Edit) -> Option<State> {
        let curating = self
            .article
            .as_ref()
            .is_some_and(|a| a.view.showing.curating());
        let edit = edit.signed(self.me.as_deref(), curating);
        let mut next = self.clone();
        next.apply_edit(&edit)?;
        next.undo.push(edit);
        next.redo = History::default();
        next.notice = None;
        next.reveal = false;
        Some(next)
    }

    /// Changes the annotations as `edit` says and selects what it touched. The list stays in
    /// text order (an entry goes where it belongs rather than the list being sorted again) and
    /// only the lines the edit reaches get new segments.
    pub(super) fn apply_edit(&mut self, edit: &Edit) -> Option<()> {
        if let Edit::Library { after, .. } = edit {
            return self.apply_library(after);
        }
        let article = self.article.as_ref()?;
        let mut work = Working {
            annotations: article.doc.annotations.clone(),
            entities: article.doc.entities.clone(),
            rejected: article.doc.rejected.clone(),
            left_out: article.doc.left_out.clone(),
            touched: Vec::with_capacity(2),
            selected: self.selected,
            settled: 0,
            updated_at: article.doc.updated_at,
        };
        work.apply(edit)?;
        let mut doc = article.doc.with_annotations(work.annotations);
        doc.entities = work.entities;
        doc.rejected = work.rejected;
        doc.left_out = work.left_out;
        doc.revision += 1;
        doc.updated_at = work.updated_at;
        let changed = article.with_annotations(doc, &work.touched);
        self.library = self.with_library_doc(Rc::clone(&changed.doc));
        self.article = Some(changed);
        self.selected = work.selected;
        self.cycle_point = None;
        Some(())
    }

    /// Puts each document's annotations and entities as `docs` says (a document no longer in
    /// the library is passed over). The open one is laid out again.
    fn apply_library(&mut self, docs: &[DocumentLinks]) -> Option<()> {
        let mut library = (*self.library).clone();
        for part in docs {
            let Some(doc) = library.get(&part.id) else {
                continue;
            };
            let mut annotations = part.annotations.clone();
            annotations.sort_by(text_order);
            let mut changed = doc.with_annotations(annotations);
            changed.entities = part.entities.clone();
            changed.revision += 1;
            let changed = Rc::new(changed);
            if self.open_id() == Some(part.id) {
                let view = self
                    .article
                    .as_ref()
                    .map(|a| a.view.clone())
                    .unwrap_or_default();
                self.article = Some(super::Article::viewed(Rc::clone(&changed), view));
                if let Some(id) = self.selected {
                    if changed.annotation(id).is_none() {
                        self.selected = None;
                    }
                }
            }
            library.insert(part.id, changed);
        }
        self.library = Rc::new(library);
        self.cycle_point = None;
        Some(())
    }

    /// Marks a few words and undoes it on a throwaway copy of this state, keeping nothing.
    /// Browsers compile WebAssembly function by function on first use: run while the page is
    /// idle, this spares the person's first key press that work.
    pub fn rehearse(&self) {
        let Some(article) = self.article.as_ref() else {
            return;
        };
        let Some(block) = article.blocks.iter().find(|b| b.content_end > b.start + 16) else {
            return;
        };
        // From inside a word to inside another, as a hand-made selection usually is (the
        // grapheme and word rules then run in full).
        let (start, end) = (block.start + 3, block.start + 15);
        let selection =
            crate::model::offsets::normalize_selection(&article.index, start, end, true)
                .map_or(Selection::Blank, Selection::Span);
        let copy = Rc::new(self.clone());
        let marked = copy.reduce(Action::ApplyLabel {
            label: Label::Claim,
            selection,
            new_id: AnnotationId(uuid::Uuid::nil()),
            at: Timestamp(0),
        });
        drop(marked.reduce(Action::Undo));
    }

    /// A note for an annotation of a document that is not open: written into the library's
    /// copy (and so stored); it has no undo, as that document's history is gone.
    fn note_elsewhere(
        &self,
        document: DocumentId,
        id: AnnotationId,
        note: String,
        at: Timestamp,
    ) -> Option<State> {
        let doc = self.library.get(&document)?;
        let mut annotations = doc.annotations.clone();
        let annotation = annotations.iter_mut().find(|a| a.id == id)?;
        if annotation.note == note {
            return None;
        }
        annotation.note = note;
        annotation.updated_at = at;
        let mut changed = doc.with_annotations(annotations);
        changed.revision += 1;
        changed.updated_at = changed.updated_at.max(at);
        let title = changed.title.clone();
        let mut next = self.clone();
        next.library = self.with_library_doc(Rc::new(changed));
        next.announce(&self.announcement, format!("Note saved in “{title}”"));
        Some(next)
    }
}

/// An edit being applied to a copy of the open document's annotations and entities.
struct Working {
    annotations: Vec<Annotation>,
    entities: Vec<Entity>,
    /// The document's turned-down suggestions, sorted.
    rejected: Vec<crate::model::Rejection>,
    /// The document's places settled with nothing kept, sorted.
    left_out: Vec<crate::model::Rejection>,
    touched: Vec<crate::model::Span>,
    selected: Option<AnnotationId>,
    /// How firmly the selection is set within one edit: an added or removed annotation (2)
    /// decides over a changed one (1), and the first decides over later ones of its kind.
    settled: u8,
    updated_at: Timestamp,
}

impl Working {
    fn insert(&mut self, a: &Annotation) {
        let at = self
            .annotations
            .partition_point(|x| text_order(x, a).is_lt());
        self.annotations.insert(at, a.clone());
    }

    fn apply(&mut self, edit: &Edit) -> Option<()> {
        match edit {
            Edit::Added(a) => {
                self.insert(a);
                self.touched.push(a.span);
                if self.settled < 2 {
                    self.selected = Some(a.id);
                    self.settled = 2;
                }
                self.updated_at = self.updated_at.max(a.updated_at);
            }
            Edit::Removed(a) => {
                let at = self.annotations.iter().position(|x| x.id == a.id)?;
                let gone = self.annotations.remove(at);
                self.touched.push(gone.span);
                if self.selected == Some(a.id) {
                    self.selected = None;
                }
                self.settled = 2;
            }
            Edit::Changed { after, .. } => {
                let at = self.annotations.iter().position(|x| x.id == after.id)?;
                let was = self.annotations.remove(at);
                self.insert(after);
                // A verdict shows on the claim's highlight: its lines are drawn again too.
                if was.span != after.span
                    || was.label != after.label
                    || was.verdict != after.verdict
                {
                    self.touched.extend([was.span, after.span]);
                }
                if self.settled < 1 {
                    self.selected = Some(after.id);
                    self.settled = 1;
                }
                self.updated_at = self.updated_at.max(after.updated_at);
            }
            Edit::EntityAdded(e) => {
                if !self.entities.iter().any(|x| x.id == e.id) {
                    self.entities.push(e.clone());
                }
            }
            Edit::EntityRemoved(e) => self.entities.retain(|x| x.id != e.id),
            Edit::Rejected(r) => {
                if let Err(at) = self.rejected.binary_search(r) {
                    self.rejected.insert(at, *r);
                }
            }
            Edit::Unrejected(r) => self.rejected.retain(|x| x != r),
            Edit::LeftOut(r) => {
                if let Err(at) = self.left_out.binary_search(r) {
                    self.left_out.insert(at, *r);
                }
            }
            Edit::NotLeftOut(r) => self.left_out.retain(|x| x != r),
            Edit::Batch { edits, .. } => {
                for edit in edits {
                    self.apply(edit)?;
                }
            }
            // Applied to the library as a whole, never inside a batch.
            Edit::Library { .. } => return None,
        }
        Some(())
    }
}
