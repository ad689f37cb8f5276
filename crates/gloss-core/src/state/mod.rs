//! The whole behaviour of the editor: one [`Action`] enum named after what the person means,
//! and one reducer ([`State::reduce`]) that hands each action to the module owning it:
//!
//! - [`library`]: the library and what comes into it (storage read at start, imports, other
//!   tabs, renames and deletions);
//! - [`saving`]: where storage stands, what is not stored yet, and what the header says;
//! - [`selection`]: which annotation is selected, by click, Tab, the list or the keys that
//!   move between annotations;
//! - [`editing`]: marking, relabelling, resizing, notes, deleting, undo and redo;
//! - [`checking`]: a claim's verdict and sources (fact-checking);
//! - [`marking_all`]: "Mark all as …" from the find bar, in one undoable step;
//! - [`suggesting`]: suggestions shown, selected, accepted and rejected;
//! - [`showing`]: whose layer the article shows, and "Your name";
//! - [`curating`]: settling the annotators' disagreements into the curated layer;
//! - [`article`]: the open article and its layout; [`history`]: the undo stack;
//! - [`notice`]: messages and dialogs.
//!
//! Nothing here reads a file or the DOM: the app parses first and dispatches the result.

mod accepting;
pub mod action;
pub mod article;
pub mod checking;
pub mod curating;
pub mod editing;
pub mod history;
pub mod library;
pub mod linking;
pub mod marking_all;
pub mod notice;
pub mod saving;
pub mod selection;
mod showing;
pub mod suggesting;
pub mod syncing;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

pub use action::Action;
pub use article::{Article, View};
pub use checking::{CheckFilter, EvidenceChange};
pub use history::{DocumentLinks, Edit, History};
pub use library::QueuedImport;
pub use linking::Candidate;
pub use notice::{Dialog, Notice, NoticeKind};
pub use saving::{SaveStatus, Storage};
pub use selection::Selection;
pub use suggesting::Suggestions;
pub use syncing::{Keep, Sync};

use crate::model::{Document, DocumentId, Label, Span};

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
    /// Files chosen for import while storage was still being read: applied, in order, once
    /// the library is read (merging needs the library).
    pub queued_imports: Rc<Vec<QueuedImport>>,
    pub library_filter: String,
    /// The built-in sample shown on a first visit: the only document that gives way, untouched,
    /// to stored work when storage answers.
    pub sample: Option<DocumentId>,
    pub article: Option<Article>,
    pub selected: Option<crate::model::AnnotationId>,
    /// The quote or claim whose source is being picked (the picker is open).
    pub picking: Option<crate::model::AnnotationId>,
    /// Where the last click landed, for cycling through the annotations there.
    pub cycle_point: Option<usize>,
    /// Whether the view should scroll the selected annotation into view (chosen in the list,
    /// undone, redone, cycled to), rather than leave it where the person just acted on it.
    pub reveal: bool,
    pub undo: History,
    pub redo: History,
    pub filter: Option<Label>,
    /// Show only claims with this verdict (or none yet); chosen with the Claim filter.
    pub check_filter: Option<CheckFilter>,
    pub whole_words: bool,
    pub dialog: Option<Dialog>,
    pub notice: Option<Notice>,
    /// What a screen reader hears next (the live region's text) and a counter that changes with
    /// every announcement, so the same words twice are still spoken.
    pub announcement: (u64, String),
    /// The suggestions computed for the open article ("Suggest"), when asked for.
    pub suggestions: Option<Suggestions>,
    /// The selected suggestion: a selection of its own (never with a selected annotation).
    pub selected_suggestion: Option<crate::suggest::Suggestion>,
    /// "Your name": signs every annotation made or changed here (`created_by`, `updated_by`).
    pub me: Option<Rc<str>>,
    /// Sync with a CouchDB database: what is known of it, and how the link is.
    pub sync: Rc<Sync>,
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
            queued_imports: Rc::default(),
            library_filter: String::new(),
            sample: None,
            article: None,
            selected: None,
            picking: None,
            cycle_point: None,
            reveal: false,
            undo: History::default(),
            redo: History::default(),
            filter: None,
            check_filter: None,
            whole_words: true,
            dialog: None,
            notice: None,
            announcement: (0, String::new()),
            suggestions: None,
            selected_suggestion: None,
            me: None,
            sync: Rc::default(),
        }
    }
}

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

    /// The next state after `action`. Returns the same `Rc` when nothing changes, so the view
    /// does not render again.
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.next(action) {
            Some(mut next) => {
                // The picker belongs to the selected quote or claim: it closes with any other
                // selection (a click elsewhere, an undo, another article).
                if next.picking.is_some() && next.picking != next.selected {
                    next.picking = None;
                }
                next.settle_suggestions(&self);
                Rc::new(next)
            }
            None => self,
        }
    }

    /// Hands `action` to the module that owns it; `None` when nothing changes.
    fn next(&self, action: Action) -> Option<State> {
        if let Some(refused) = self.refused_read_only(&action) {
            return Some(refused);
        }
        match action {
            // The library and what comes into it.
            Action::LibraryLoaded(loaded) => Some(self.library_loaded(loaded)),
            Action::LastOpenLoaded(doc) => self.last_open_loaded(doc),
            Action::OpenDocument(doc) => Some(self.opened(Rc::new(doc))),
            Action::OpenStored(id) => self.open_stored(id),
            Action::Rename { id, title, at } => self.rename(id, &title, at),
            Action::DeleteDocument(id) => self.delete_document(id).map(|mut next| {
                next.sync_dropped(id);
                next
            }),
            Action::SetLibraryFilter(filter) => (self.library_filter != filter).then(|| State {
                library_filter: filter,
                ..self.clone()
            }),
            Action::Import { name, file, at } => Some(self.import(name, file, at)),
            Action::ExternalChange(doc) => self.external_change(doc),
            Action::ExternalDelete(id) => self.external_delete(id),
            // Storage.
            Action::Saved { id, revision } => self.saved(id, revision),
            Action::Removed(id) => self.removed(id),
            Action::StorageFailed(error) => self.storage_is(Storage::Failed(error)),
            Action::StorageUnavailable(error) => self.storage_unavailable(error),
            Action::WriteConflict(id) => self.write_conflict(id),
            Action::RetryStorage => self.retry_storage(),
            Action::StorageReopened => Some(State {
                storage: Storage::Ready,
                storage_epoch: self.storage_epoch.wrapping_add(1),
                ..self.clone()
            }),
            // Selecting.
            Action::Select(id) => self.select(id),
            Action::ClickAt(point) => self.click_at_suggesting(point),
            Action::CycleSelection => self.cycle_selection(),
            Action::SelectNext => self.select_step(true),
            Action::SelectPrevious => self.select_step(false),
            Action::SelectAt(point) => self.select_at(point),
            // Editing.
            Action::ApplyLabel {
                label,
                selection,
                new_id,
                at,
            } => self.apply_label(label, selection, new_id, at),
            Action::MarkAll {
                label,
                spans,
                ids,
                at,
            } => self.mark_all(label, &spans, &ids, at),
            Action::DeleteSelected => self.delete(self.selected?),
            Action::Delete(id) => self.delete(id),
            Action::ResizeSelected { edge, how, at } => self.resize_selected(edge, how, at),
            Action::SetNote {
                document,
                id,
                note,
                at,
            } => self.set_note(document, id, note, at),
            // Who said what.
            Action::PickSource => self.pick_source(),
            Action::CancelPicking => self.cancel_picking(),
            Action::PickAt { point, at } => self.pick_at(point, at),
            Action::SetSource { id, source, at } => self.set_source(id, source, at),
            Action::RenameEntity { id, name } => self.rename_entity(id, &name),
            Action::MergeEntities { from, into, at } => self.merge_entities(from, into, at),
            Action::MoveMention {
                id,
                to,
                new_entity,
                at,
            } => self.move_mention(id, to, new_entity, at),
            // Fact-checking.
            Action::SetVerdict { id, verdict, at } => self.set_verdict(id, verdict, at),
            Action::ChangeEvidence { id, change, at } => self.change_evidence(id, change, at),
            // Suggestions.
            Action::ShowSuggestions {
                document,
                suggestions,
            } => self.show_suggestions(document, suggestions),
            Action::DrawSuggestions => self.draw_suggestions(),
            Action::HideSuggestions => self.hide_suggestions(),
            Action::SelectSuggestion(pick) => self.select_suggestion(pick),
            Action::NextSuggestion => self.suggestion_step(true),
            Action::PreviousSuggestion => self.suggestion_step(false),
            Action::AcceptSuggestion { ids, at } => self.accept_suggestion(&ids, at),
            Action::RejectSuggestion => self.reject_suggestion(),
            Action::AcceptAllSuggestions { label, ids, at } => self.accept_all(label, &ids, at),
            Action::SetYourName(name) => self.set_your_name(&name),
            Action::Curate {
                label,
                span,
                choice,
                ids,
                at,
            } => self.curate(label, span, choice, &ids, at),
            Action::AcceptAgreed { ids, at } => self.accept_agreed(&ids, at),
            Action::Show(showing) => self.show(showing),
            // Sync with a database.
            Action::SyncLoaded(replica) => self.sync_loaded(replica),
            Action::SyncConnect { database } => self.sync_connect(&database),
            Action::SyncLink(link) => self.sync_link(link),
            Action::SyncPulled {
                changes,
                last_seq,
                pending,
            } => self.sync_pulled(changes, last_seq, pending),
            Action::SyncPushed { sent, refused } => self.sync_pushed(sent, refused),
            Action::ResolveConflict { id, keep, at } => self.resolve_conflict(id, keep, at),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            // Settings, dialogs, messages.
            Action::SetFilter(filter) => self.set_filter(filter),
            Action::SetCheckFilter(filter) => self.set_check_filter(filter),
            Action::SetWholeWords(whole_words) => {
                (self.whole_words != whole_words).then(|| State {
                    whole_words,
                    ..self.clone()
                })
            }
            Action::OpenDialog(dialog) => self.open_dialog(dialog),
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

    /// The id of the open article.
    pub fn open_id(&self) -> Option<DocumentId> {
        self.article.as_ref().map(|a| a.doc.id)
    }

    pub fn selected_annotation(&self) -> Option<&crate::model::Annotation> {
        let id = self.selected?;
        self.article.as_ref()?.annotation(id)
    }

    /// Opens `doc` (already in the library), resetting what belongs to the previous article.
    fn opened(&self, doc: Rc<Document>) -> State {
        let title = doc.title.clone();
        // The same article opened again (another tab changed it, an import added to it) keeps
        // showing what it showed; another one shows the person's own layer.
        let showing = match &self.article {
            Some(open) if open.doc.id == doc.id => open.view.showing.clone(),
            _ => crate::model::layers::Showing::Mine,
        };
        let article = Article::viewed(
            doc,
            View {
                showing,
                me: self.me.clone(),
            },
        );
        let library = self.with_library_doc(Rc::clone(&article.doc));
        let mut next = State {
            library,
            article: Some(article),
            selected: None,
            picking: None,
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

    /// The library with `doc` put in (replacing the entry with its id).
    fn with_library_doc(&self, doc: Rc<Document>) -> Rc<BTreeMap<DocumentId, Rc<Document>>> {
        let mut library = (*self.library).clone();
        library.insert(doc.id, doc);
        Rc::new(library)
    }

    fn with_notice(&self, kind: NoticeKind, text: String) -> State {
        let mut next = self.clone();
        next.announce(&self.announcement, text.clone());
        next.notice = Some(Notice { kind, text });
        next
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
