//! The whole behaviour of the editor: one [`Action`] enum named after what the person means,
//! one reducer, and the undo history. Pure: the UI turns events into actions, this module
//! decides what they do.

use std::rc::Rc;

use super::layout::{self, Block, Segment};
use super::offsets::{resize_by_word, Edge, Resize, TextIndex};
use super::{text_order, Annotation, AnnotationId, Document, Label, Span, Timestamp};

/// The open article with what the screen needs precomputed: an offset index and the layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub doc: Document,
    pub index: Rc<TextIndex>,
    pub blocks: Rc<[Block]>,
    /// Per block, the segments to paint; a block whose segments did not change keeps its `Rc`,
    /// so its paragraph is not rendered again.
    pub segments: Rc<[Rc<[Segment]>]>,
}

impl Article {
    pub fn new(mut doc: Document) -> Article {
        doc.annotations.sort_by(text_order);
        let index = Rc::new(TextIndex::new(Rc::clone(&doc.text)));
        let blocks: Rc<[Block]> = layout::blocks(&doc.text).into();
        let segments = layout::segments(&blocks, &doc.annotations)
            .into_iter()
            .map(Rc::from)
            .collect();
        Article {
            doc,
            index,
            blocks,
            segments,
        }
    }

    /// This article with other annotations, reusing the text, its index and unchanged blocks.
    fn with_annotations(&self, mut annotations: Vec<Annotation>) -> Article {
        annotations.sort_by(text_order);
        let fresh = layout::segments(&self.blocks, &annotations);
        let segments = fresh
            .into_iter()
            .zip(self.segments.iter())
            .map(|(new, old)| {
                if **old == *new {
                    Rc::clone(old)
                } else {
                    Rc::from(new)
                }
            })
            .collect();
        Article {
            doc: Document {
                annotations,
                ..self.doc.clone()
            },
            index: Rc::clone(&self.index),
            blocks: Rc::clone(&self.blocks),
            segments,
        }
    }

    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.doc.annotations.iter().find(|a| a.id == id)
    }

    /// The annotated text, cut to `max` characters with an ellipsis, for messages.
    pub fn excerpt(&self, span: Span, max: usize) -> String {
        let text = self.index.slice(span);
        if text.chars().count() <= max {
            return text.to_owned();
        }
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }

    /// Annotations covering code point `point`, innermost (shortest) first.
    pub fn at_point(&self, point: usize) -> Vec<&Annotation> {
        let mut hits: Vec<&Annotation> = self
            .doc
            .annotations
            .iter()
            .filter(|a| a.span.contains(point))
            .collect();
        hits.sort_by(|a, b| a.span.len().cmp(&b.span.len()).then(text_order(a, b)));
        hits
    }
}

/// One undoable change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Added(Annotation),
    Removed(Annotation),
    Changed {
        before: Annotation,
        after: Annotation,
    },
}

impl Edit {
    fn inverse(&self) -> Edit {
        match self {
            Edit::Added(a) => Edit::Removed(a.clone()),
            Edit::Removed(a) => Edit::Added(a.clone()),
            Edit::Changed { before, after } => Edit::Changed {
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    fn describe(&self) -> String {
        match self {
            Edit::Added(a) => format!("{} added", a.label),
            Edit::Removed(a) => format!("{} deleted", a.label),
            Edit::Changed { before, after } if before.label != after.label => {
                format!("{} changed to {}", before.label, after.label)
            }
            Edit::Changed { before, after } if before.span != after.span => {
                format!("{} resized", after.label)
            }
            Edit::Changed { after, .. } => format!("Note on {} changed", after.label),
        }
    }
}

/// What the text selection was when a label was asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Nothing selected.
    None,
    /// A selection outside the article.
    Outside,
    /// Only white space selected.
    Blank,
    /// A span of the article, already trimmed and snapped.
    Span(Span),
}

/// A message for the person: a hint (polite status) or an error (an alert).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Hint,
    Error,
}

/// Which dialog is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    NewArticle,
    Shortcuts,
}

/// Everything an action can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a document (new or loaded), replacing the open one. Clears the history.
    OpenDocument(Document),
    /// A label key or button: marks the selection, or relabels the selected annotation.
    ApplyLabel {
        label: Label,
        selection: Selection,
        new_id: AnnotationId,
        at: Timestamp,
    },
    /// Select an annotation (or none).
    Select(Option<AnnotationId>),
    /// A click at a code point: selects the innermost annotation there, or the next one when
    /// the click repeats on an annotation already selected.
    ClickAt(usize),
    /// Tab: the next annotation at the last clicked point (or at the selected one's start).
    CycleSelection,
    /// Delete the selected annotation.
    DeleteSelected,
    /// Delete one annotation.
    Delete(AnnotationId),
    /// Move one edge of the selected annotation by a word.
    ResizeSelected {
        edge: Edge,
        how: Resize,
        at: Timestamp,
    },
    /// Set an annotation's note.
    SetNote {
        id: AnnotationId,
        note: String,
        at: Timestamp,
    },
    Undo,
    Redo,
    /// Show only one label in the list (or all).
    SetFilter(Option<Label>),
    /// Snap selections to whole words (or keep exact characters).
    SetWholeWords(bool),
    OpenDialog(Dialog),
    CloseDialog,
    Notify(Notice),
    DismissNotice,
}

/// The editor's state. The stored part is `article.doc`; the rest is the session's.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub article: Option<Article>,
    pub selected: Option<AnnotationId>,
    /// Where the last click landed, for cycling through the annotations there.
    pub cycle_point: Option<usize>,
    pub undo: Vec<Edit>,
    pub redo: Vec<Edit>,
    pub filter: Option<Label>,
    pub whole_words: bool,
    pub dialog: Option<Dialog>,
    pub notice: Option<Notice>,
    /// What a screen reader hears next (the live region's text) and a counter that changes with
    /// every announcement, so the same words twice are still spoken.
    pub announcement: (u64, String),
}

impl Default for State {
    fn default() -> Self {
        State {
            article: None,
            selected: None,
            cycle_point: None,
            undo: Vec::new(),
            redo: Vec::new(),
            filter: None,
            whole_words: true,
            dialog: None,
            notice: None,
            announcement: (0, String::new()),
        }
    }
}

/// How long excerpts in announcements may be.
const EXCERPT: usize = 60;

impl State {
    pub fn with_document(doc: Document) -> State {
        State {
            article: Some(Article::new(doc)),
            ..State::default()
        }
    }

    pub fn selected_annotation(&self) -> Option<&Annotation> {
        let id = self.selected?;
        self.article.as_ref()?.annotation(id)
    }

    /// The next state after `action`. Returns the same `Rc` when nothing changes, so the view
    /// does not render again.
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.next(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }

    fn next(&self, action: Action) -> Option<State> {
        match action {
            Action::OpenDocument(doc) => {
                let title = doc.title.clone();
                let mut next = State {
                    filter: self.filter,
                    whole_words: self.whole_words,
                    ..State::with_document(doc)
                };
                next.announce(&self.announcement, format!("Opened “{title}”"));
                Some(next)
            }
            Action::ApplyLabel {
                label,
                selection,
                new_id,
                at,
            } => self.apply_label(label, selection, new_id, at),
            Action::Select(id) => {
                if self.selected == id {
                    return None;
                }
                let mut next = self.clone();
                next.selected = id;
                next.cycle_point = None;
                if let Some(a) = next.selected_annotation() {
                    let text = format!("Selected {}: “{}”", a.label, next.excerpt(a.span));
                    next.announce(&self.announcement, text);
                }
                Some(next)
            }
            Action::ClickAt(point) => {
                let article = self.article.as_ref()?;
                let hits = article.at_point(point);
                let repeat = self.cycle_point == Some(point)
                    || self
                        .selected
                        .is_some_and(|s| hits.iter().any(|a| a.id == s));
                let pick = if repeat {
                    let current = hits.iter().position(|a| Some(a.id) == self.selected);
                    current.map_or(hits.first(), |i| hits.get((i + 1) % hits.len()))
                } else {
                    hits.first()
                };
                let id = pick.map(|a| a.id);
                let mut next = self.clone();
                next.selected = id;
                next.cycle_point = id.map(|_| point);
                next.notice = None;
                if let Some(a) = pick {
                    let more = if hits.len() > 1 {
                        format!(
                            " ({} of {} here; click again or press Tab for the next)",
                            position_of(&hits, a.id),
                            hits.len()
                        )
                    } else {
                        String::new()
                    };
                    let text = format!("Selected {}: “{}”{more}", a.label, next.excerpt(a.span));
                    next.announce(&self.announcement, text);
                }
                (next != *self).then_some(next)
            }
            Action::CycleSelection => {
                let article = self.article.as_ref()?;
                let selected = self.selected_annotation()?;
                let point = self
                    .cycle_point
                    .filter(|&p| selected.span.contains(p))
                    .unwrap_or(selected.span.start);
                let hits = article.at_point(point);
                if hits.len() < 2 {
                    return None;
                }
                let i = hits.iter().position(|a| a.id == selected.id).unwrap_or(0);
                let pick = hits.get((i + 1) % hits.len())?;
                let mut next = self.clone();
                next.selected = Some(pick.id);
                next.cycle_point = Some(point);
                let text = format!(
                    "Selected {}: “{}” ({} of {} here)",
                    pick.label,
                    next.excerpt(pick.span),
                    position_of(&hits, pick.id),
                    hits.len()
                );
                next.announce(&self.announcement, text);
                Some(next)
            }
            Action::DeleteSelected => {
                let id = self.selected?;
                self.next(Action::Delete(id))
            }
            Action::Delete(id) => {
                let a = self.article.as_ref()?.annotation(id)?.clone();
                let text = format!("{} deleted: “{}”", a.label, self.excerpt(a.span));
                let mut next = self.commit(Edit::Removed(a))?;
                next.announce(&self.announcement, text);
                Some(next)
            }
            Action::ResizeSelected { edge, how, at } => {
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
                    return Some(self.hinted(
                        "Another annotation with that label already covers exactly that text.",
                    ));
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
            Action::SetNote { id, note, at } => {
                let before = self.article.as_ref()?.annotation(id)?.clone();
                if before.note == note {
                    return None;
                }
                let after = Annotation {
                    note,
                    updated_at: at,
                    ..before.clone()
                };
                let mut next = self.commit(Edit::Changed { before, after })?;
                next.announce(&self.announcement, "Note saved".to_owned());
                Some(next)
            }
            Action::Undo => {
                let Some(edit) = self.undo.last() else {
                    return Some(self.hinted("Nothing to undo."));
                };
                let mut next = self.clone();
                next.undo.pop();
                next.apply_edit(&edit.inverse())?;
                next.redo.push(edit.clone());
                next.announce(&self.announcement, format!("Undone: {}", edit.describe()));
                Some(next)
            }
            Action::Redo => {
                let Some(edit) = self.redo.last() else {
                    return Some(self.hinted("Nothing to redo."));
                };
                let mut next = self.clone();
                next.redo.pop();
                next.apply_edit(edit)?;
                next.undo.push(edit.clone());
                next.announce(&self.announcement, format!("Redone: {}", edit.describe()));
                Some(next)
            }
            Action::SetFilter(filter) => (self.filter != filter).then(|| State {
                filter,
                ..self.clone()
            }),
            Action::SetWholeWords(whole_words) => {
                (self.whole_words != whole_words).then(|| State {
                    whole_words,
                    ..self.clone()
                })
            }
            Action::OpenDialog(dialog) => (self.dialog != Some(dialog)).then(|| State {
                dialog: Some(dialog),
                ..self.clone()
            }),
            Action::CloseDialog => self.dialog.is_some().then(|| State {
                dialog: None,
                ..self.clone()
            }),
            Action::Notify(notice) => (self.notice.as_ref() != Some(&notice)).then(|| State {
                notice: Some(notice),
                ..self.clone()
            }),
            Action::DismissNotice => self.notice.is_some().then(|| State {
                notice: None,
                ..self.clone()
            }),
        }
    }

    fn apply_label(
        &self,
        label: Label,
        selection: Selection,
        new_id: AnnotationId,
        at: Timestamp,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        let span = match selection {
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
        let annotation = Annotation {
            id: new_id,
            label,
            span,
            note: String::new(),
            created_at: at,
            updated_at: at,
        };
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
        next.redo.clear();
        next.notice = None;
        Some(next)
    }

    /// Changes the annotations as `edit` says and selects what it touched.
    fn apply_edit(&mut self, edit: &Edit) -> Option<()> {
        let article = self.article.as_ref()?;
        let mut annotations = article.doc.annotations.clone();
        match edit {
            Edit::Added(a) => {
                annotations.push(a.clone());
                self.selected = Some(a.id);
            }
            Edit::Removed(a) => {
                annotations.retain(|x| x.id != a.id);
                if self.selected == Some(a.id) {
                    self.selected = None;
                }
            }
            Edit::Changed { after, .. } => {
                let slot = annotations.iter_mut().find(|x| x.id == after.id)?;
                *slot = after.clone();
                self.selected = Some(after.id);
            }
        }
        self.article = Some(article.with_annotations(annotations));
        self.cycle_point = None;
        Some(())
    }

    fn hinted(&self, text: &str) -> State {
        let mut next = self.clone();
        next.notice = Some(Notice {
            kind: NoticeKind::Hint,
            text: text.to_owned(),
        });
        next.announce(&self.announcement, text.to_owned());
        next
    }

    fn announce(&mut self, previous: &(u64, String), text: String) {
        self.announcement = (previous.0.wrapping_add(1), text);
    }

    fn excerpt(&self, span: Span) -> String {
        self.article
            .as_ref()
            .map(|a| a.excerpt(span, EXCERPT))
            .unwrap_or_default()
    }
}

fn position_of(hits: &[&Annotation], id: AnnotationId) -> usize {
    hits.iter().position(|a| a.id == id).map_or(0, |i| i + 1)
}
