//! The whole behaviour of the editor: one [`Action`] enum named after what the person means,
//! one reducer, and the undo history. Pure: the UI turns events into actions, this module
//! decides what they do.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::layout::{self, Block, Segment};
use super::offsets::{resize_by_word, Edge, Resize, TextIndex};
use super::{text_order, Annotation, AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use crate::formats::gloss;

/// The open article with what the screen needs precomputed: an offset index and the layout.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// The same `Rc` as the library's entry: one copy of the open document.
    pub doc: Rc<Document>,
    pub index: Rc<TextIndex>,
    pub blocks: Rc<[Block]>,
    /// Per block, the segments to paint; a block whose segments did not change keeps its `Rc`,
    /// so its paragraph is not rendered again.
    pub segments: Rc<[Rc<[Segment]>]>,
}

impl Article {
    /// The article for `doc`, its annotations in text order (sorted here only when they are
    /// not already, so a stored document already in order is shared, not copied).
    pub fn new(mut doc: Rc<Document>) -> Article {
        if !doc
            .annotations
            .is_sorted_by(|a, b| text_order(a, b).is_le())
        {
            Rc::make_mut(&mut doc).annotations.sort_by(text_order);
        }
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

    /// This article with other annotations (in text order), reusing the text, its index and
    /// the segments of every line the `touched` spans do not reach.
    fn with_annotations(&self, doc: Document, touched: &[Span]) -> Article {
        let segments =
            layout::resegment(&self.blocks, &self.segments, &doc.annotations, touched).into();
        Article {
            doc: Rc::new(doc),
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
        super::text::excerpt(self.index.slice(span), max)
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

/// The undo (or redo) stack. Persistent: pushing and popping share the rest of the stack, so
/// copying the state, which every action does, never copies the history.
#[derive(Clone, Debug, Default)]
pub struct History {
    top: Option<Rc<(Edit, History)>>,
    len: usize,
}

impl History {
    pub fn push(&mut self, edit: Edit) {
        let rest = std::mem::take(self);
        let len = rest.len + 1;
        *self = History {
            top: Some(Rc::new((edit, rest))),
            len,
        };
    }

    pub fn last(&self) -> Option<&Edit> {
        self.top.as_deref().map(|(edit, _)| edit)
    }

    /// Drops the last edit.
    pub fn pop(&mut self) {
        let rest = self.top.as_deref().map(|(_, rest)| rest.clone());
        *self = rest.unwrap_or_default();
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.top.is_none()
    }
}

/// Two histories are equal when they are the same stack (not compared edit by edit).
impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        match (&self.top, &other.top) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Dropped one node at a time: a long history would otherwise be dropped recursively.
impl Drop for History {
    fn drop(&mut self) {
        let mut next = self.top.take();
        while let Some(node) = next {
            next = match Rc::try_unwrap(node) {
                Ok((_, mut rest)) => rest.top.take(),
                Err(_) => None,
            };
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

impl Notice {
    pub fn hint(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Hint,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }
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
    Library,
}

/// Where the browser storage stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Storage {
    /// Not read yet.
    Loading,
    /// Read; writes go through.
    Ready,
    /// Cannot be used at all (private mode, disabled): the app works in memory.
    Unavailable(String),
    /// The last write failed (for example a full disk); the next change tries again.
    Failed(String),
}

/// What the header says about saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Saving,
    NotSaved(String),
}

/// What storage held when the app started.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedLibrary {
    pub documents: Vec<Document>,
    /// Records that could not be read; they are left untouched in storage.
    pub unreadable: Vec<String>,
    /// The article open when the app was last used.
    pub last_open: Option<DocumentId>,
}

/// Everything an action can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Storage was read: the library, and the article to reopen.
    LibraryLoaded(LoadedLibrary),
    /// Add a new document to the library and open it. Clears the history.
    OpenDocument(Document),
    /// Open a document already in the library.
    OpenStored(DocumentId),
    /// Give a document another title.
    Rename {
        id: DocumentId,
        title: String,
        at: Timestamp,
    },
    /// Remove a document from the library (the UI asks first).
    DeleteDocument(DocumentId),
    /// Filter the library list by title.
    SetLibraryFilter(String),
    /// A Gloss JSON file was read (or could not be): import what is valid, merge articles the
    /// library has, report every problem. A refused file changes nothing.
    ImportFile {
        name: String,
        contents: Result<String, String>,
        at: Timestamp,
    },
    /// A document reached storage at this revision.
    Saved {
        id: DocumentId,
        revision: u64,
    },
    /// A document's removal reached storage.
    Removed(DocumentId),
    /// A write failed; the reason is shown until a later write succeeds.
    StorageFailed(String),
    /// Storage cannot be used at all.
    StorageUnavailable(String),
    /// Another tab saved a newer revision of a document.
    ExternalChange(Document),
    /// A write found that another tab had saved this document since this tab last read it.
    WriteConflict(DocumentId),
    /// Try failed writes again (a timer asks, a while after a failure).
    RetryStorage,
    /// The connection to storage was lost and has been opened again: write what is pending.
    StorageReopened,
    /// Another tab deleted a document.
    ExternalDelete(DocumentId),
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
    /// Set an annotation's note. The document is named: a note typed just before another
    /// article opened is saved after it, into the library's copy of its own document.
    SetNote {
        document: DocumentId,
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

/// The editor's state. What is stored is `library` (every document, the open one included, at
/// its latest revision); the rest belongs to this session.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub library: Rc<BTreeMap<DocumentId, Rc<Document>>>,
    /// The revision of each document known to be in storage.
    pub saved: Rc<BTreeMap<DocumentId, u64>>,
    /// Documents deleted here whose removal has not reached storage yet.
    pub removing: Rc<BTreeSet<DocumentId>>,
    /// Documents another tab changed while this tab had unsaved changes to them: this tab no
    /// longer writes them, so neither tab's work is overwritten silently.
    pub stale: Rc<BTreeSet<DocumentId>>,
    pub storage: Storage,
    /// Counts reconnections to storage, so the write effect runs again after one.
    pub storage_epoch: u64,
    pub library_filter: String,
    /// The built-in sample shown on a first visit: the only document that gives way, untouched,
    /// to stored work when storage answers.
    pub sample: Option<DocumentId>,
    pub article: Option<Article>,
    pub selected: Option<AnnotationId>,
    /// Where the last click landed, for cycling through the annotations there.
    pub cycle_point: Option<usize>,
    /// Whether the view should scroll the selected annotation into view (chosen in the list,
    /// undone, redone, cycled to), rather than leave it where the person just acted on it.
    pub reveal: bool,
    pub undo: History,
    pub redo: History,
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
            library: Rc::default(),
            saved: Rc::default(),
            removing: Rc::default(),
            stale: Rc::default(),
            storage: Storage::Loading,
            storage_epoch: 0,
            library_filter: String::new(),
            sample: None,
            article: None,
            selected: None,
            cycle_point: None,
            reveal: false,
            undo: History::default(),
            redo: History::default(),
            filter: None,
            whole_words: true,
            dialog: None,
            notice: None,
            announcement: (0, String::new()),
        }
    }
}

/// Note changes this close together are one undoable edit.
const NOTE_TYPING_MS: i64 = 2_000;

/// How long excerpts in announcements may be.
const EXCERPT: usize = 60;

impl State {
    pub fn with_document(doc: Document) -> State {
        let article = Article::new(Rc::new(doc));
        let mut library = BTreeMap::new();
        library.insert(article.doc.id, Rc::clone(&article.doc));
        State {
            library: Rc::new(library),
            article: Some(article),
            ..State::default()
        }
    }

    /// The first-visit state: the sample open, marked as the sample.
    pub fn with_sample(doc: Document) -> State {
        State {
            sample: Some(doc.id),
            ..State::with_document(doc)
        }
    }

    /// What the header says about saving.
    pub fn save_status(&self) -> SaveStatus {
        match &self.storage {
            Storage::Unavailable(reason) => return SaveStatus::NotSaved(reason.clone()),
            // Nothing is confirmed until storage has answered.
            Storage::Loading => return SaveStatus::Saving,
            _ => {}
        }
        if !self.stale.is_empty() {
            return SaveStatus::NotSaved(
                "an article was changed in another tab. Reload this tab to see the latest version; export keeps what is on screen.".to_owned(),
            );
        }
        if self.pending_writes().is_empty() && self.removing.is_empty() {
            return SaveStatus::Saved;
        }
        match &self.storage {
            Storage::Failed(reason) => SaveStatus::NotSaved(reason.clone()),
            _ => SaveStatus::Saving,
        }
    }

    /// Documents whose latest revision is not in storage yet (stale ones are never written).
    pub fn pending_writes(&self) -> Vec<Rc<Document>> {
        if matches!(self.storage, Storage::Loading | Storage::Unavailable(_)) {
            return Vec::new();
        }
        self.library
            .values()
            .filter(|d| self.saved.get(&d.id) != Some(&d.revision) && !self.stale.contains(&d.id))
            .cloned()
            .collect()
    }

    /// Library entries, most recently changed first, filtered by title.
    pub fn library_list(&self) -> Vec<Rc<Document>> {
        let needle = self.library_filter.trim().to_lowercase();
        let mut docs: Vec<Rc<Document>> = self
            .library
            .values()
            .filter(|d| needle.is_empty() || d.title.to_lowercase().contains(&needle))
            .cloned()
            .collect();
        docs.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.title.cmp(&b.title)));
        docs
    }

    fn open_id(&self) -> Option<DocumentId> {
        self.article.as_ref().map(|a| a.doc.id)
    }

    /// Opens `doc` (already in the library), resetting what belongs to the previous article.
    fn opened(&self, doc: Rc<Document>) -> State {
        let title = doc.title.clone();
        let article = Article::new(doc);
        let library = self.with_library_doc(Rc::clone(&article.doc));
        let mut next = State {
            library,
            article: Some(article),
            selected: None,
            cycle_point: None,
            undo: History::default(),
            redo: History::default(),
            notice: None,
            dialog: None,
            ..self.clone()
        };
        next.announce(&self.announcement, format!("Opened “{title}”"));
        next
    }

    fn with_library_doc(&self, doc: Rc<Document>) -> Rc<BTreeMap<DocumentId, Rc<Document>>> {
        let mut library = (*self.library).clone();
        library.insert(doc.id, doc);
        Rc::new(library)
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
            Action::LibraryLoaded(loaded) => Some(self.library_loaded(loaded)),
            Action::OpenDocument(doc) => Some(self.opened(Rc::new(doc))),
            Action::OpenStored(id) => {
                if self.open_id() == Some(id) {
                    return None;
                }
                let doc = self.library.get(&id)?;
                Some(self.opened(Rc::clone(doc)))
            }
            Action::Rename { id, title, at } => {
                let title = title.trim().to_owned();
                let doc = self.library.get(&id)?;
                if title.is_empty() || doc.title == title {
                    return None;
                }
                let renamed = Rc::new(Document {
                    title,
                    updated_at: at,
                    revision: doc.revision + 1,
                    ..(**doc).clone()
                });
                let mut next = self.clone();
                if let Some(article) = next.article.as_mut().filter(|a| a.doc.id == id) {
                    // Same text and annotations: only the document is swapped.
                    article.doc = Rc::clone(&renamed);
                }
                next.announce(
                    &self.announcement,
                    format!("Renamed to “{}”", renamed.title),
                );
                next.library = self.with_library_doc(renamed);
                Some(next)
            }
            Action::DeleteDocument(id) => {
                let doc = self.library.get(&id)?;
                let title = doc.title.clone();
                let mut library = (*self.library).clone();
                library.remove(&id);
                let mut removing = (*self.removing).clone();
                removing.insert(id);
                let mut stale = (*self.stale).clone();
                stale.remove(&id);
                let mut next = self.clone();
                next.library = Rc::new(library);
                next.removing = Rc::new(removing);
                next.stale = Rc::new(stale);
                if self.open_id() == Some(id) {
                    let most_recent = next.library_list_unfiltered().into_iter().next();
                    next = match most_recent {
                        Some(doc) => next.opened(doc),
                        None => State {
                            article: None,
                            selected: None,
                            undo: History::default(),
                            redo: History::default(),
                            ..next
                        },
                    };
                }
                next.announce(&self.announcement, format!("Deleted “{title}”"));
                Some(next)
            }
            Action::ImportFile { name, contents, at } => {
                if self.storage == Storage::Loading {
                    return Some(self.with_notice(
                        NoticeKind::Error,
                        format!("“{name}” was not imported yet: Gloss is still reading your library. Import it again in a moment."),
                    ));
                }
                let result = contents.and_then(|json| {
                    gloss::import(&json, &self.library, at).map_err(|e| e.to_string())
                });
                match result {
                    Err(reason) => Some(self.with_notice(
                        NoticeKind::Error,
                        format!(
                            "“{name}” was not imported: {reason}. Nothing in the library changed."
                        ),
                    )),
                    Ok(imported) => Some(self.imported(&name, imported)),
                }
            }
            Action::SetLibraryFilter(filter) => (self.library_filter != filter).then(|| State {
                library_filter: filter,
                ..self.clone()
            }),
            Action::Saved { id, revision } => {
                if self.saved.get(&id) == Some(&revision) && self.storage == Storage::Ready {
                    return None;
                }
                let mut saved = (*self.saved).clone();
                saved.insert(id, revision);
                Some(State {
                    saved: Rc::new(saved),
                    storage: Storage::Ready,
                    ..self.clone()
                })
            }
            Action::Removed(id) => {
                let mut removing = (*self.removing).clone();
                let mut saved = (*self.saved).clone();
                (removing.remove(&id) | saved.remove(&id).is_some()).then(|| State {
                    removing: Rc::new(removing),
                    saved: Rc::new(saved),
                    ..self.clone()
                })
            }
            Action::StorageFailed(reason) => {
                let storage = Storage::Failed(reason);
                (self.storage != storage).then(|| State {
                    storage,
                    ..self.clone()
                })
            }
            Action::StorageUnavailable(reason) => {
                let storage = Storage::Unavailable(reason);
                (self.storage != storage).then(|| State {
                    storage,
                    ..self.clone()
                })
            }
            Action::ExternalChange(doc) => self.external_change(doc),
            Action::WriteConflict(id) => {
                if self.stale.contains(&id) {
                    return None;
                }
                let mut stale = (*self.stale).clone();
                stale.insert(id);
                Some(State {
                    stale: Rc::new(stale),
                    ..self.clone()
                })
            }
            Action::RetryStorage => matches!(self.storage, Storage::Failed(_)).then(|| State {
                storage: Storage::Ready,
                ..self.clone()
            }),
            Action::StorageReopened => Some(State {
                storage: Storage::Ready,
                storage_epoch: self.storage_epoch.wrapping_add(1),
                ..self.clone()
            }),
            Action::ExternalDelete(id) => {
                let doc = self.library.get(&id)?;
                if self.saved.get(&id) != Some(&doc.revision) {
                    // Changed here and not yet written: keep it on screen, stop writing it, say so.
                    let mut stale = (*self.stale).clone();
                    stale.insert(id);
                    let mut next = State {
                        stale: Rc::new(stale),
                        ..self.clone()
                    };
                    next.notice = Some(Notice::error(format!("“{}” was deleted in another tab while it had changes here. They stay on screen; export the article to keep them.", doc.title)));
                    return Some(next);
                }
                let mut next = self.next(Action::DeleteDocument(id))?;
                let mut removing = (*next.removing).clone();
                removing.remove(&id);
                next.removing = Rc::new(removing);
                let mut saved = (*next.saved).clone();
                saved.remove(&id);
                next.saved = Rc::new(saved);
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
                next.reveal = true;
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
                next.reveal = false;
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
                next.reveal = true;
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
            Action::SetNote {
                document,
                id,
                note,
                at,
            } => {
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
            Action::Undo => {
                let Some(edit) = self.undo.last() else {
                    return Some(self.hinted("Nothing to undo."));
                };
                let mut next = self.clone();
                next.undo.pop();
                next.apply_edit(&edit.inverse())?;
                next.redo.push(edit.clone());
                next.reveal = true;
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
                next.reveal = true;
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
        let selection = super::offsets::normalize_selection(&article.index, start, end, true)
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

    fn library_list_unfiltered(&self) -> Vec<Rc<Document>> {
        State {
            library_filter: String::new(),
            ..self.clone()
        }
        .library_list()
    }

    fn library_loaded(&self, loaded: LoadedLibrary) -> State {
        let mut library = (*self.library).clone();
        let mut saved = (*self.saved).clone();
        let stored: BTreeSet<DocumentId> = loaded.documents.iter().map(|d| d.id).collect();
        // The sample, if still untouched, gives way to stored work; anything else opened or
        // changed before storage answered is kept and written.
        let pristine_sample = self
            .sample
            .and_then(|id| self.library.get(&id))
            .is_some_and(|d| {
                d.annotations.is_empty() && d.revision == 0 && !stored.contains(&d.id)
            });
        let sample_open = pristine_sample && self.open_id() == self.sample;
        if pristine_sample && !stored.is_empty() {
            if let Some(id) = self.sample {
                library.remove(&id);
            }
        }
        for doc in loaded.documents {
            saved.insert(doc.id, doc.revision);
            // A local copy changed meanwhile (imports wait for storage, so this is rare) wins
            // and is written on top of the stored revision.
            match library.get(&doc.id) {
                Some(local) if local.revision > 0 => {
                    let mut local = (**local).clone();
                    local.revision = local.revision.max(doc.revision) + 1;
                    library.insert(doc.id, Rc::new(local));
                }
                _ => {
                    library.insert(doc.id, Rc::new(doc));
                }
            }
        }
        let mut next = State {
            library: Rc::new(library),
            saved: Rc::new(saved),
            storage: Storage::Ready,
            ..self.clone()
        };
        if sample_open && !stored.is_empty() {
            let reopen = loaded
                .last_open
                .and_then(|id| next.library.get(&id).cloned())
                .or_else(|| next.library_list_unfiltered().into_iter().next());
            if let Some(doc) = reopen {
                next = next.opened(doc);
            }
        }
        if !loaded.unreadable.is_empty() {
            next.notice = Some(Notice::error(format!(
                "{} stored record(s) could not be read and were kept aside untouched; everything else loaded. ({})",
                loaded.unreadable.len(),
                loaded.unreadable.join("; ")
            )));
        }
        next
    }

    fn external_change(&self, doc: Document) -> Option<State> {
        let id = doc.id;
        let ours = self.library.get(&id);
        if ours.is_some_and(|d| d.revision >= doc.revision) {
            return None;
        }
        let unsaved = ours.is_some_and(|d| self.saved.get(&id) != Some(&d.revision));
        if unsaved {
            // Both tabs changed it: keep ours on screen, stop writing it, say so.
            let mut stale = (*self.stale).clone();
            stale.insert(id);
            return Some(State {
                stale: Rc::new(stale),
                ..self.clone()
            });
        }
        let mut next = self.clone();
        let mut saved = (*self.saved).clone();
        saved.insert(id, doc.revision);
        next.saved = Rc::new(saved);
        let doc = Rc::new(doc);
        next.library = self.with_library_doc(Rc::clone(&doc));
        if self.open_id() == Some(id) {
            let selected = self
                .selected
                .filter(|s| doc.annotations.iter().any(|a| a.id == *s));
            let mut reopened = next.opened(doc);
            reopened.selected = selected;
            reopened.announce(
                &self.announcement,
                "Updated with changes from another tab".to_owned(),
            );
            return Some(reopened);
        }
        Some(next)
    }

    fn with_notice(&self, kind: NoticeKind, text: String) -> State {
        let mut next = self.clone();
        next.announce(&self.announcement, text.clone());
        next.notice = Some(Notice { kind, text });
        next
    }

    /// Puts imported documents into the library and opens the first; reports what happened.
    fn imported(&self, name: &str, imported: gloss::Imported) -> State {
        let mut lines = vec![format!("“{name}”: {}", imported.summary())];
        lines.extend(
            imported
                .problems
                .iter()
                .map(|p| format!("Not imported — {p}")),
        );
        lines.extend(imported.orphans.iter().map(|p| format!("Not placed — {p}")));
        let kind = if imported.problems.is_empty() && imported.orphans.is_empty() {
            NoticeKind::Hint
        } else {
            NoticeKind::Error
        };
        let documents: Vec<Rc<Document>> = imported.documents.into_iter().map(Rc::new).collect();
        let mut library = (*self.library).clone();
        for doc in &documents {
            library.insert(doc.id, Rc::clone(doc));
        }
        let mut next = State {
            library: Rc::new(library),
            dialog: None,
            ..self.clone()
        };
        if let Some(first) = documents.first() {
            let keep = self.selected;
            next = next.opened(Rc::clone(first));
            next.selected = keep.filter(|id| first.annotations.iter().any(|a| a.id == *id));
        }
        next.with_notice(kind, lines.join("\n"))
    }

    fn hinted(&self, text: &str) -> State {
        let mut next = self.clone();
        next.notice = Some(Notice::hint(text));
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
