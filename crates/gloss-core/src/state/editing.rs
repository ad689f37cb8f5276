//! Changing the open article's annotations: marking a selection, relabelling, resizing by a
//! word, notes, deleting, and undo/redo. Every change is an [`Edit`] committed to the undo
//! history; only the lines it reaches are laid out again.

use std::rc::Rc;

use crate::model::offsets::{resize_by_word, Edge, Resize};
use crate::model::{text_order, Annotation, AnnotationId, DocumentId, Label, Timestamp};

use super::{Action, Edit, History, Selection, State};

/// Note changes this close together are one undoable edit.
const NOTE_TYPING_MS: i64 = 2_000;

impl State {
    pub(super) fn delete(&self, id: AnnotationId) -> Option<State> {
        let a = self.article.as_ref()?.annotation(id)?.clone();
        let text = format!("{} deleted: “{}”", a.label, self.excerpt(a.span));
        let mut next = self.commit(Edit::Removed(a))?;
        next.announce(&self.announcement, text);
        Some(next)
    }

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
            .doc
            .annotations
            .iter()
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
            .doc
            .annotations
            .iter()
            .find(|a| a.span == span && a.label == label)
        {
            let mut next = self.clone();
            next.selected = Some(existing.id);
            next.notice = None;
            let text = format!("Already marked as {label}: “{}”", self.excerpt(span));
            next.announce(&self.announcement, text);
            return Some(next);
        }
        let annotation = Annotation::new(new_id, label, span, at);
        let text = format!("{label} added: “{}”", self.excerpt(span));
        let mut next = self.commit(Edit::Added(annotation))?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    fn relabel(&self, before: Annotation, label: Label, at: Timestamp) -> Option<State> {
        if before.label == label {
            return None;
        }
        let article = self.article.as_ref()?;
        if article
            .doc
            .annotations
            .iter()
            .any(|a| a.span == before.span && a.label == label)
        {
            return Some(self.hinted(&format!("This text is already marked as {label}.")));
        }
        let after = Annotation {
            label,
            updated_at: at,
            ..before.clone()
        };
        let text = format!("Changed to {label}: “{}”", self.excerpt(before.span));
        let mut next = self.commit(Edit::Changed { before, after })?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// Applies a new edit, records it for undo and forgets the redo stack.
    fn commit(&self, edit: Edit) -> Option<State> {
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
    fn apply_edit(&mut self, edit: &Edit) -> Option<()> {
        let article = self.article.as_ref()?;
        let mut annotations = article.doc.annotations.clone();
        let insert = |list: &mut Vec<Annotation>, a: &Annotation| {
            let at = list.partition_point(|x| text_order(x, a).is_lt());
            list.insert(at, a.clone());
        };
        let mut touched = Vec::with_capacity(2);
        match edit {
            Edit::Added(a) => {
                insert(&mut annotations, a);
                touched.push(a.span);
                self.selected = Some(a.id);
            }
            Edit::Removed(a) => {
                let at = annotations.iter().position(|x| x.id == a.id)?;
                let gone = annotations.remove(at);
                touched.push(gone.span);
                if self.selected == Some(a.id) {
                    self.selected = None;
                }
            }
            Edit::Changed { after, .. } => {
                let at = annotations.iter().position(|x| x.id == after.id)?;
                let was = annotations.remove(at);
                insert(&mut annotations, after);
                if was.span != after.span || was.label != after.label {
                    touched.extend([was.span, after.span]);
                }
                self.selected = Some(after.id);
            }
        }
        let mut doc = article.doc.with_annotations(annotations);
        doc.revision += 1;
        if let Edit::Added(a) | Edit::Changed { after: a, .. } = edit {
            doc.updated_at = doc.updated_at.max(a.updated_at);
        }
        let changed = article.with_annotations(doc, &touched);
        self.library = self.with_library_doc(Rc::clone(&changed.doc));
        self.article = Some(changed);
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
