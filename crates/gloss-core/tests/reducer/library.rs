//! The library and what comes into it: articles opened, renamed and deleted, files imported,
//! and changes and deletions from other tabs (storage read at start: `startup.rs`).

use std::rc::Rc;

use gloss_core::formats::gloss::export;
use gloss_core::model::{Annotation, Document, Label, Timestamp};
use gloss_core::state::{Action, NoticeKind, SaveStatus, State};
use gloss_core::storage::journal::JournalEntry;
use gloss_core::storage::LoadedLibrary;

use crate::fixtures::*;

pub(crate) fn with_revision(mut d: Document, revision: u64) -> Document {
    d.revision = revision;
    d
}

/// The test article as another tab (or a file) has it: same id and text.
pub(crate) fn test_article(title: &str, revision: u64, annotations: Vec<Annotation>) -> Document {
    let mut d = Document::new(title.into(), None, TEXT.into(), Timestamp(0));
    d.id = doc_id();
    d.revision = revision;
    d.annotations = annotations;
    d
}

/// The last open article (the test text, stored at revision 6), as read ahead of the library.
pub(crate) fn ahead() -> Document {
    test_article("Last open", 6, vec![]).with_id(other_id(2))
}

trait WithId {
    fn with_id(self, id: gloss_core::model::DocumentId) -> Self;
}

impl WithId for Document {
    fn with_id(mut self, id: gloss_core::model::DocumentId) -> Self {
        self.id = id;
        self
    }
}

pub(crate) fn annotation(n: u128, label: Label, needle: &str, at: i64) -> Annotation {
    Annotation::new(id(n), label, span_of(needle), Timestamp(at))
}

pub(crate) fn loaded(documents: Vec<Document>) -> Action {
    Action::LibraryLoaded(LoadedLibrary {
        documents,
        ..LoadedLibrary::default()
    })
}

fn import(documents: &[&Document]) -> Action {
    let file = export(documents, Timestamp(0)).expect("exports");
    Action::import_file("a.gloss.json".into(), Ok(file), Timestamp(77))
}

fn rename(title: &str) -> Action {
    Action::Rename {
        id: doc_id(),
        title: title.into(),
        at: Timestamp(50),
    }
}

fn notice_text(state: &State) -> &str {
    state.notice.as_ref().map_or("", |n| n.text.as_str())
}

pub fn cases() -> Vec<Case> {
    vec![
        // OpenDocument.
        effect(
            "a new article joins the library and opens; history and selection cleared",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::OpenDialog(gloss_core::state::Dialog::NewArticle),
                Action::OpenDocument(other(7, "Other", 5)),
            ],
            |before, after| {
                assert_eq!(open(after), Some(other_id(7)));
                assert_eq!(after.library[&doc_id()], before.library[&doc_id()]);
                let article = after.article.as_ref().unwrap();
                assert!(Rc::ptr_eq(&article.doc, &after.library[&other_id(7)]));
                assert!(after.undo.is_empty() && after.redo.is_empty());
                assert_eq!(after.selected, None);
                assert_eq!(after.dialog, None);
                assert_eq!(after.announcement.1, "Opened “Other”");
            },
        ),
        // OpenStored.
        effect(
            "open a stored article",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::OpenDocument(other(7, "Other", 5)),
                Action::OpenStored(doc_id()),
            ],
            |_, after| {
                assert_eq!(open(after), Some(doc_id()));
                assert_eq!(marks(after), vec![m(Label::Actor, "Critics")]);
                let article = after.article.as_ref().unwrap();
                assert!(Rc::ptr_eq(&article.doc, &after.library[&doc_id()]));
                assert!(after.undo.is_empty(), "another article's history is gone");
                assert_eq!(after.announcement.1, "Opened “Test”");
            },
        ),
        no_op(
            "open stored: the article already open",
            vec![Action::OpenStored(doc_id())],
        ),
        effect(
            "open stored from the Library: the article already open closes the dialog, and only that",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::OpenDialog(gloss_core::state::Dialog::Library),
                Action::OpenStored(doc_id()),
            ],
            |before, after| {
                assert_eq!(before.dialog, Some(gloss_core::state::Dialog::Library));
                assert_eq!(after.dialog, None);
                assert!(Rc::ptr_eq(&after.library, &before.library));
                assert_eq!(marks(after), vec![m(Label::Actor, "Critics")]);
                assert_eq!(after.undo.len(), before.undo.len(), "its history stays");
            },
        ),
        no_op(
            "open stored: an article the library does not have",
            vec![Action::OpenStored(other_id(99))],
        ),
        // Rename.
        effect(
            "rename the open article: trimmed, a new revision, its time",
            vec![mark(Label::Actor, "Critics", 1), rename("  New title \n")],
            |before, after| {
                let (was, now) = (&before.library[&doc_id()], &after.library[&doc_id()]);
                assert_eq!(now.title, "New title");
                assert_eq!(now.revision, was.revision + 1);
                assert_eq!(now.updated_at, Timestamp(50));
                assert_eq!(now.annotations, was.annotations);
                let article = after.article.as_ref().unwrap();
                assert!(Rc::ptr_eq(&article.doc, now), "one copy of the open article");
                assert_eq!(after.announcement.1, "Renamed to “New title”");
            },
        ),
        effect(
            "rename an article that is not open",
            vec![Action::OpenDocument(other(7, "Other", 5)), rename("Renamed")],
            |before, after| {
                assert_eq!(after.library[&doc_id()].title, "Renamed");
                assert_eq!(after.article, before.article);
            },
        ),
        no_op("rename: the same title", vec![rename(" Test ")]),
        no_op("rename: a blank title", vec![rename(" \n ")]),
        no_op(
            "rename: an article the library does not have",
            vec![Action::Rename {
                id: other_id(99),
                title: "New".into(),
                at: Timestamp(50),
            }],
        ),
        // DeleteDocument.
        effect(
            "delete the open article: the most recently changed other one opens",
            vec![
                Action::OpenDocument(other(1, "Older", 10)),
                Action::OpenDocument(other(2, "Newer", 20)),
                Action::OpenStored(doc_id()),
                Action::DeleteDocument(doc_id()),
            ],
            |_, after| {
                assert!(!after.library.contains_key(&doc_id()));
                assert!(after.removing.contains(&doc_id()), "its removal is written");
                assert_eq!(open(after), Some(other_id(2)));
                assert_eq!(after.announcement.1, "Deleted “Test”");
            },
        ),
        effect(
            "delete the last article: nothing open",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::DeleteDocument(doc_id()),
            ],
            |_, after| {
                assert!(after.library.is_empty());
                assert_eq!(after.article, None);
                assert_eq!(after.selected, None);
                assert!(after.undo.is_empty());
                assert!(after.removing.contains(&doc_id()));
            },
        ),
        effect(
            "delete an article that is not open: the open one stays",
            vec![
                Action::OpenDocument(other(7, "Other", 5)),
                Action::DeleteDocument(doc_id()),
            ],
            |before, after| {
                assert!(!after.library.contains_key(&doc_id()));
                assert_eq!(after.article, before.article);
            },
        ),
        effect(
            "delete an article another tab changed: no longer stale",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::WriteConflict(doc_id()),
                Action::DeleteDocument(doc_id()),
            ],
            |before, after| {
                assert!(before.stale.contains(&doc_id()));
                assert!(!after.stale.contains(&doc_id()));
            },
        )
        .from(ready),
        no_op(
            "delete: an article the library does not have",
            vec![Action::DeleteDocument(other_id(99))],
        ),
        // SetLibraryFilter.
        effect(
            "filter the library by title, in any case",
            vec![
                Action::OpenDocument(other(7, "Budget talks", 5)),
                Action::SetLibraryFilter("BUDGET".into()),
            ],
            |_, after| {
                assert_eq!(after.library_filter, "BUDGET");
                let titles: Vec<_> = after.library_list().iter().map(|d| d.title.clone()).collect();
                assert_eq!(titles, vec!["Budget talks"]);
                assert_eq!(after.library.len(), 2, "only the list is filtered");
            },
        ),
        no_op(
            "library filter: the same again",
            vec![
                Action::SetLibraryFilter("bud".into()),
                Action::SetLibraryFilter("bud".into()),
            ],
        ),
        // Import.
        effect(
            "a refused file changes nothing and says why",
            vec![Action::Import {
                name: "bad.json".into(),
                file: Err("the file is not JSON: x".into()),
                at: Timestamp(77),
            }],
            |before, after| {
                assert!(Rc::ptr_eq(&after.library, &before.library));
                let notice = after.notice.as_ref().expect("a notice");
                assert_eq!(notice.kind, NoticeKind::Error);
                for part in ["“bad.json”", "the file is not JSON: x", "Nothing in the library changed."] {
                    assert!(notice.text.contains(part), "{part}: {}", notice.text);
                }
            },
        )
        .from(ready),
        effect(
            "a file read while storage is read waits for it",
            vec![import(&[&other(7, "Theirs", 5)])],
            |before, after| {
                assert!(Rc::ptr_eq(&after.library, &before.library));
                assert_eq!(after.queued_imports.len(), 1);
                assert!(!after.all_saved(), "closing now would lose the file");
            },
        ),
        effect(
            "an imported article is added, opened and written",
            vec![import(&[&other(7, "Theirs", 5)])],
            |_, after| {
                assert_eq!(open(after), Some(other_id(7)));
                assert!(after.pending_writes().iter().any(|d| d.id == other_id(7)));
                let notice = after.notice.as_ref().expect("a report");
                assert_eq!(notice.kind, NoticeKind::Hint);
                assert!(notice.text.contains("Imported 1 article"), "{}", notice.text);
            },
        )
        .from(ready),
        effect(
            "a file the library already holds changes nothing, and says so",
            vec![import(&[&test_article("Test", 0, vec![])])],
            |before, after| {
                assert!(Rc::ptr_eq(&after.library, &before.library));
                assert!(notice_text(after).contains("Already in your library"));
            },
        )
        .from(ready),
        effect(
            "an import merges into the open article and keeps the selection",
            vec![
                mark(Label::Actor, "Critics", 1),
                import(&[&test_article(
                    "Test",
                    0,
                    vec![annotation(50, Label::Claim, "Irene", 3)],
                )]),
            ],
            |before, after| {
                let (was, now) = (&before.library[&doc_id()], &after.library[&doc_id()]);
                assert_eq!(now.annotations.len(), 2);
                assert_eq!(now.revision, was.revision + 1);
                assert_eq!(after.selected, Some(id(1)));
                assert_eq!(open(after), Some(doc_id()));
            },
        )
        .from(ready),
        effect(
            "parts not imported are listed in an alert",
            vec![Action::import_file(
                "mixed.json".into(),
                Ok(serde_json::json!({"format": "gloss", "version": 1, "documents": [{
                    "id": other_id(7).to_string(), "title": "Mixed", "text": "one two",
                    "annotations": [{"id": id(70).to_string(), "label": "person", "start": 0, "end": 3}]
                }]})
                .to_string()),
                Timestamp(77),
            )],
            |_, after| {
                assert!(after.library.contains_key(&other_id(7)), "the rest is imported");
                let notice = after.notice.as_ref().expect("a report");
                assert_eq!(notice.kind, NoticeKind::Error);
                assert!(notice.text.contains("Not imported — "), "{}", notice.text);
            },
        )
        .from(ready),
        // ExternalChange.
        effect(
            "another tab's newer revision replaces a stored article and reopens it",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::Saved {
                    id: doc_id(),
                    revision: 1,
                },
                Action::ExternalChange(test_article(
                    "Theirs",
                    2,
                    vec![annotation(1, Label::Claim, "Critics", 9)],
                )),
            ],
            |_, after| {
                let theirs = &after.library[&doc_id()];
                assert_eq!(theirs.title, "Theirs");
                assert_eq!(theirs.revision, 2);
                assert_eq!(after.saved.get(&doc_id()), Some(&2), "nothing to write back");
                assert!(Rc::ptr_eq(&after.article.as_ref().unwrap().doc, theirs));
                assert_eq!(marks(after), vec![m(Label::Claim, "Critics")]);
                assert_eq!(after.selected, Some(id(1)), "still there, still selected");
                assert!(after.stale.is_empty());
                assert_eq!(after.announcement.1, "Updated with changes from another tab");
            },
        )
        .from(ready),
        effect(
            "another tab's change drops a selection that is gone",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::Saved {
                    id: doc_id(),
                    revision: 1,
                },
                Action::ExternalChange(test_article("Theirs", 2, vec![])),
            ],
            |_, after| {
                assert!(marks(after).is_empty());
                assert_eq!(after.selected, None);
            },
        )
        .from(ready),
        effect(
            "another tab's change to unsaved work here: ours stays, no longer written",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::ExternalChange(test_article("Theirs", 5, vec![])),
            ],
            |before, after| {
                assert!(Rc::ptr_eq(&after.library, &before.library), "ours stays");
                assert!(after.stale.contains(&doc_id()));
                assert!(after.pending_writes().is_empty(), "never written over theirs");
                assert!(matches!(after.save_status(), SaveStatus::NotSaved(_)));
            },
        )
        .from(ready),
        effect(
            "another tab's new article joins the library",
            vec![Action::ExternalChange(with_revision(other(7, "Theirs", 5), 1))],
            |before, after| {
                assert!(after.library.contains_key(&other_id(7)));
                assert_eq!(after.saved.get(&other_id(7)), Some(&1));
                assert_eq!(after.article, before.article);
            },
        )
        .from(ready),
        no_op(
            "another tab's change: not newer than ours",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::Saved {
                    id: doc_id(),
                    revision: 1,
                },
                Action::ExternalChange(test_article("Theirs", 1, vec![])),
            ],
        )
        .from(ready),
        // ExternalDelete.
        effect(
            "deleted in another tab: a stored article goes with nothing to write",
            vec![
                Action::OpenDocument(other(7, "Other", 5)),
                Action::Saved {
                    id: doc_id(),
                    revision: 0,
                },
                Action::ExternalDelete(doc_id()),
            ],
            |_, after| {
                assert!(!after.library.contains_key(&doc_id()));
                assert!(!after.removing.contains(&doc_id()), "already gone from storage");
                assert!(!after.saved.contains_key(&doc_id()));
                assert_eq!(open(after), Some(other_id(7)));
            },
        )
        .from(ready),
        effect(
            "deleted in another tab with unsaved work here: kept, no longer written, said",
            vec![
                mark(Label::Actor, "Critics", 1),
                Action::ExternalDelete(doc_id()),
            ],
            |_, after| {
                assert!(after.library.contains_key(&doc_id()), "kept");
                assert!(after.stale.contains(&doc_id()), "no longer written");
                assert!(matches!(after.save_status(), SaveStatus::NotSaved(_)));
                assert!(notice_text(after).contains("deleted in another tab"));
            },
        )
        .from(ready),
        no_op(
            "deleted in another tab: an article this tab does not have",
            vec![Action::ExternalDelete(other_id(99))],
        )
        .from(ready),
    ]
}

#[test]
fn only_the_untouched_sample_gives_way_to_stored_work() {
    let kept = with_revision(other(1, "Kept", 5), 4);
    // The sample, untouched: replaced by the stored article.
    let next = sample().reduce(loaded(vec![kept.clone()]));
    assert_eq!(next.library.len(), 1);
    assert_eq!(next.article.as_ref().unwrap().doc.title, "Kept");
    // A new article opened before storage answered: kept, open, and written.
    let mine = Document::new("Mine".into(), None, "My text.".into(), Timestamp(1));
    let state = sample().reduce(Action::OpenDocument(mine.clone()));
    let next = state.reduce(loaded(vec![kept]));
    assert_eq!(next.article.as_ref().unwrap().doc.title, "Mine");
    assert!(next.pending_writes().iter().any(|d| d.id == mine.id));
}

#[test]
fn an_import_chosen_while_storage_is_read_waits_and_is_applied_once_read() {
    let theirs = other(7, "Theirs", 0);
    let state = start().reduce(import(&[&theirs]));
    assert_eq!(
        state.library.len(),
        1,
        "nothing merged before the library is read"
    );
    assert_eq!(state.queued_imports.len(), 1);
    assert!(
        !state.all_saved(),
        "closing now would lose the import: ask first"
    );
    let notice = state.notice.as_ref().unwrap();
    assert!(
        notice
            .text
            .contains("as soon as Gloss has read your library"),
        "{}",
        notice.text
    );
    let state = state.reduce(Action::LibraryLoaded(LoadedLibrary::default()));
    assert!(state.queued_imports.is_empty());
    assert!(state.library.contains_key(&theirs.id), "applied once read");
    assert_eq!(state.article.as_ref().unwrap().doc.title, "Theirs");
    assert!(state.pending_writes().iter().any(|d| d.id == theirs.id));
}

#[test]
fn a_refused_file_is_refused_at_once_even_while_storage_is_read() {
    let state = start().reduce(Action::import_file(
        "a.json".into(),
        Ok::<_, String>("{}"),
        Timestamp(1),
    ));
    assert!(state.queued_imports.is_empty());
    let notice = state.notice.as_ref().unwrap();
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(
        notice.text.contains("not a Gloss JSON file"),
        "{}",
        notice.text
    );
}

/// An annotation on `needle` of the test article, with a fixed id and time.
fn ann(n: u128, label: Label, needle: &str, at: i64) -> Annotation {
    Annotation::new(id(n), label, span_of(needle), Timestamp(at))
}

fn entry(doc: Document, base: Option<u64>) -> JournalEntry {
    JournalEntry { doc, base }
}

/// Replaying the unload journal against what storage holds when the next tab starts.
#[test]
fn the_unload_journal_is_replayed_against_what_storage_holds() {
    let mine = ann(1, Label::Actor, "Critics", 10);
    let theirs = ann(2, Label::Claim, "40,000 vehicles a day", 20);
    let base = test_article("Kept", 4, vec![]);
    let journalled = test_article("Kept", 5, vec![mine.clone()]);
    let new_doc = with_revision(other(7, "Pasted, never stored", 3), 0);
    // (name, stored, journal entry, the library's copy of the article afterwards, written?, told?)
    type Case = (
        &'static str,
        Vec<Document>,
        JournalEntry,
        Option<Vec<Annotation>>,
        bool,
        bool,
    );
    let cases: Vec<Case> = vec![
        (
            "storage still holds the base: replayed as it is",
            vec![base.clone()],
            entry(journalled.clone(), Some(4)),
            Some(vec![mine.clone()]),
            true,
            false,
        ),
        (
            "its write landed after all: nothing to do",
            vec![journalled.clone()],
            entry(journalled.clone(), Some(4)),
            Some(vec![mine.clone()]),
            false,
            false,
        ),
        (
            "another tab wrote since: both kept, the person told",
            vec![test_article("Kept", 5, vec![theirs.clone()])],
            entry(journalled.clone(), Some(4)),
            Some(vec![theirs.clone(), mine.clone()]),
            true,
            true,
        ),
        (
            "another tab wrote since, with all of it: nothing to do",
            vec![test_article("Kept", 6, vec![theirs.clone(), mine.clone()])],
            entry(journalled.clone(), Some(4)),
            Some(vec![theirs.clone(), mine.clone()]),
            false,
            false,
        ),
        (
            "deleted in another tab: back, the person told",
            vec![],
            entry(journalled.clone(), Some(4)),
            Some(vec![mine.clone()]),
            true,
            true,
        ),
    ];
    for (name, stored, journal_entry, want, written, told) in cases {
        let state = start().reduce(Action::LibraryLoaded(LoadedLibrary {
            documents: stored,
            journal: vec![journal_entry],
            ..LoadedLibrary::default()
        }));
        let got = state.library.get(&doc_id()).map(|d| d.annotations.clone());
        assert_eq!(got, want, "case {name}");
        let pending = state.pending_writes().iter().any(|d| d.id == doc_id());
        assert_eq!(pending, written, "case {name}: written");
        assert_eq!(
            state.notice.is_some(),
            told,
            "case {name}: told ({:?})",
            state.notice
        );
    }
    // A new article, never stored, journalled with its text: it comes back and is written.
    let state = start().reduce(Action::LibraryLoaded(LoadedLibrary {
        journal: vec![entry(new_doc.clone(), None)],
        ..LoadedLibrary::default()
    }));
    assert!(
        state.library.contains_key(&new_doc.id),
        "a pasted article is kept"
    );
    assert!(state.pending_writes().iter().any(|d| d.id == new_doc.id));
    // Replaying the same journal after its write landed changes nothing (never twice).
    let mut landed = journalled.clone();
    landed.revision = 5;
    let again = start().reduce(Action::LibraryLoaded(LoadedLibrary {
        documents: vec![landed],
        journal: vec![entry(journalled, Some(4))],
        ..LoadedLibrary::default()
    }));
    assert!(!again.pending_writes().iter().any(|d| d.id == doc_id()));
}

#[test]
fn a_closing_tab_that_could_not_journal_is_reported_by_title() {
    let state = start().reduce(Action::LibraryLoaded(LoadedLibrary {
        journal_failed: vec!["“Harbour dredging”".into()],
        ..LoadedLibrary::default()
    }));
    let notice = state.notice.as_ref().expect("told");
    assert!(
        notice.text.contains("“Harbour dredging”"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("could not be kept"), "{}", notice.text);
}

#[test]
fn an_import_waiting_for_storage_is_merged_when_storage_turns_out_unavailable() {
    let theirs = other(9, "Theirs", 0);
    let file = export(&[&theirs], Timestamp(0)).unwrap();
    let state = start().reduce(Action::import_file("a.json".into(), Ok(file), Timestamp(1)));
    assert_eq!(state.queued_imports.len(), 1);
    let state = state.reduce(Action::StorageUnavailable(
        gloss_core::storage::StorageError::Unavailable("private mode".into()),
    ));
    assert!(state.queued_imports.is_empty());
    assert!(
        state.library.contains_key(&theirs.id),
        "merged in memory as promised"
    );
}

/// The library as it arrives after another tab saved the article read ahead (revision 7, with
/// an annotation of its own).
pub(crate) fn saved_by_another_tab() -> Action {
    Action::LibraryLoaded(LoadedLibrary {
        documents: vec![test_article(
            "Last open",
            7,
            vec![annotation(9, Label::Claim, "Critics", 5)],
        )
        .with_id(other_id(2))],
        last_open: Some(other_id(2)),
        ..LoadedLibrary::default()
    })
}
