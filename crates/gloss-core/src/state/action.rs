//! Everything a person (or storage, or another tab) can ask of the editor: one enum, named
//! after what is meant. The reducer in [`super`] hands each to the module that owns it.

use crate::formats::gloss::Parsed;
use crate::model::offsets::{Edge, Resize};
use crate::model::{AnnotationId, Document, DocumentId, EntityId, Label, Span, Timestamp, Verdict};
use crate::storage::{LoadedLibrary, StorageError};
use crate::suggest::Suggestion;

use super::{CheckFilter, Dialog, EvidenceChange, Notice, Selection};

/// Everything an action can ask for. Every variant has a named case in the reducer tests.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Storage was read: the library, and the article to reopen.
    LibraryLoaded(LoadedLibrary),
    /// The article open last time, read ahead of the rest of the library so it is on screen
    /// sooner: opened in place of the untouched sample (otherwise nothing happens).
    /// `LibraryLoaded` follows with everything, this article again among them.
    LastOpenLoaded(Document),
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
    /// A Gloss JSON file was read and parsed (or could not be: the reason, in words): merge
    /// what is valid into the library and report every problem. A refused file changes
    /// nothing. While storage is still being read, the file waits and is merged once it is.
    Import {
        name: String,
        file: Result<Parsed, String>,
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
    StorageFailed(StorageError),
    /// Storage cannot be used at all.
    StorageUnavailable(StorageError),
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
    /// What was stored of the last sync was read (`None`: nothing was stored).
    SyncLoaded(Option<crate::sync::Replica>),
    /// Signing in to a database ("Connect"): what is known of another database is forgotten.
    SyncConnect {
        database: String,
    },
    /// How the connection to the database is now.
    SyncLink(crate::sync::Link),
    /// A page of the database's changes feed arrived (conflicting leaves fetched).
    SyncPulled {
        changes: Vec<crate::sync::Change>,
        last_seq: serde_json::Value,
        pending: u64,
    },
    /// A batch from [`super::State::sync_batch`] was sent; `refused` lists what the database
    /// did not take.
    SyncPushed {
        sent: Vec<crate::sync::Sent>,
        refused: Vec<crate::sync::wire::Refused>,
    },
    /// The person chose which version of an annotation written on two devices to keep.
    ResolveConflict {
        id: AnnotationId,
        keep: super::Keep,
        at: Timestamp,
    },
    /// A label key or button: marks the selection, or relabels the selected annotation.
    ApplyLabel {
        label: Label,
        selection: Selection,
        new_id: AnnotationId,
        at: Timestamp,
    },
    /// "Mark all as …" in the find bar: every span (the matches) marked as `label` in one
    /// undoable step, skipping those already marked so. `ids` are the new annotations' ids,
    /// one per span, in order (made by the app: the reducer makes no random numbers).
    MarkAll {
        label: Label,
        spans: Vec<Span>,
        ids: Vec<AnnotationId>,
        at: Timestamp,
    },
    /// Select an annotation (or none).
    Select(Option<AnnotationId>),
    /// A click at a code point: selects the innermost annotation there, or the next one when
    /// the click repeats on an annotation already selected.
    ClickAt(usize),
    /// Tab: the next annotation at the last clicked point (or at the selected one's start).
    CycleSelection,
    /// The next annotation in text order (of the label the list shows, when filtered): after
    /// the selected one, or the first.
    SelectNext,
    /// The previous annotation in text order: before the selected one, or the last.
    SelectPrevious,
    /// The annotation at the caret (a code point): the innermost there, or one ending right
    /// before it; pressed again at the same place, the next one there.
    SelectAt(usize),
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
    /// Open the source picker for the selected quote or claim (`S`, "Source").
    PickSource,
    /// A click in the article while the picker is open: an actor there is picked; anywhere
    /// else it is an ordinary click (and the picker closes).
    PickAt {
        point: usize,
        at: Timestamp,
    },
    /// Close the source picker without picking.
    CancelPicking,
    /// Link a quote or claim to the actor who said it (`None`: "Remove source").
    SetSource {
        id: AnnotationId,
        source: Option<AnnotationId>,
        at: Timestamp,
    },
    /// Give a person (entity) another name, in every article.
    RenameEntity {
        id: EntityId,
        name: String,
    },
    /// Make two people one, in every article: `from`'s mentions become `into`'s.
    MergeEntities {
        from: EntityId,
        into: EntityId,
        at: Timestamp,
    },
    /// Move an actor mention to another person (`to`), or to a new one (`new_entity`).
    MoveMention {
        id: AnnotationId,
        to: Option<EntityId>,
        new_entity: EntityId,
        at: Timestamp,
    },
    /// Rate a claim ("Verdict"; `None`: not checked yet).
    SetVerdict {
        id: AnnotationId,
        verdict: Option<Verdict>,
        at: Timestamp,
    },
    /// Add, change or remove one of a claim's source links ("Add source"). A link that is not
    /// an `http(s)://` address is refused with the reason.
    ChangeEvidence {
        id: AnnotationId,
        change: EvidenceChange,
        at: Timestamp,
    },
    /// "Suggest": the app computed these suggestions for `document` (the open article).
    ShowSuggestions {
        document: DocumentId,
        suggestions: Vec<Suggestion>,
    },
    /// Draw the next part of the shown suggestions into the text (a long article gets them a
    /// part at a time: `State::drawing_suggestions` says whether any wait).
    DrawSuggestions,
    /// Stop showing suggestions.
    HideSuggestions,
    /// Select a shown suggestion (deselecting any annotation), or none.
    SelectSuggestion(Option<Suggestion>),
    /// `N`: the next shown suggestion in text order (the first when none is selected).
    NextSuggestion,
    /// `P`: the previous shown suggestion (the last when none is selected).
    PreviousSuggestion,
    /// `Enter` / "Accept": the selected suggestion becomes an annotation, a quote's speaker
    /// marked too when not yet: one undo step. `ids`: new annotation ids (two are enough).
    AcceptSuggestion {
        ids: Vec<AnnotationId>,
        at: Timestamp,
    },
    /// `Delete` / "Reject": the selected suggestion is turned down, remembered with the article.
    RejectSuggestion,
    /// "Accept all quotes (N)" / "Accept all actors (N)": one undo step. `ids`: two per
    /// suggestion of the label.
    AcceptAllSuggestions {
        label: Label,
        ids: Vec<AnnotationId>,
        at: Timestamp,
    },
    /// "Your name" was given or changed (blank: none): it signs what is made and changed.
    SetYourName(String),
    /// "Showing: <name> ▾": show another layer of the open article, or everyone's at once.
    Show(crate::model::layers::Showing),
    /// "Compare" → a disagreement of the open article (the item of `label` at `span`) settled:
    /// one annotator's version, both or neither go into the curated layer, replacing what it
    /// had there; one undo step. `ids`: new annotation ids (two per mark of the item).
    Curate {
        label: Label,
        span: Span,
        choice: crate::agree::disagree::Choice,
        ids: Vec<AnnotationId>,
        at: Timestamp,
    },
    /// "Accept all agreed": every agreement not yet curated goes into the curated layer, in one
    /// undo step. `ids`: new annotation ids (two per agreed mark).
    AcceptAgreed {
        ids: Vec<AnnotationId>,
        at: Timestamp,
    },
    Undo,
    Redo,
    /// Show only one label in the list (or all). Any label but Claim ends a check filter.
    SetFilter(Option<Label>),
    /// Show only claims of one verdict, or not checked yet (or end the filter).
    SetCheckFilter(Option<CheckFilter>),
    /// Snap selections to whole words (or keep exact characters).
    SetWholeWords(bool),
    OpenDialog(Dialog),
    CloseDialog,
    Notify(Notice),
    DismissNotice,
}

impl Action {
    /// The action for a file picked or dropped for import: its contents (or why they could not
    /// be read) parsed here, before anything is dispatched, so the reducer only merges.
    /// The format is told from the contents, never from the name.
    pub fn import_file(
        name: String,
        contents: Result<impl AsRef<[u8]>, String>,
        at: Timestamp,
    ) -> Action {
        let file = contents.and_then(|bytes| {
            crate::formats::import(bytes.as_ref(), at).map_err(|e| e.to_string())
        });
        Action::Import { name, file, at }
    }
}
