//! Every reducer action, with undo and redo, as named cases over a small article.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::offsets::{Edge, Resize};
use gloss_core::model::{AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use gloss_core::state::{Action, Dialog, NoticeKind, Selection, State};
use uuid::Uuid;

const TEXT: &str =
    "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”\n\nCritics disagreed.";

fn id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

/// The test article's id (fixed, so actions can name it before the state exists).
fn doc_id() -> DocumentId {
    DocumentId(Uuid::from_u128(0xD0C))
}

fn start() -> Rc<State> {
    let mut doc = Document::new("Test".into(), None, TEXT.into(), Timestamp(0));
    doc.id = doc_id();
    Rc::new(State::with_document(doc))
}

/// The span of the `n`-th occurrence of `needle`, in code points.
fn span_of(needle: &str) -> Span {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

fn mark(label: Label, needle: &str, n: u128) -> Action {
    Action::ApplyLabel {
        label,
        selection: Selection::Span(span_of(needle)),
        new_id: id(n),
        at: Timestamp(n as i64),
    }
}

fn key(label: Label) -> Action {
    Action::ApplyLabel {
        label,
        selection: Selection::None,
        new_id: id(1000),
        at: Timestamp(1000),
    }
}

fn run(actions: Vec<Action>) -> Rc<State> {
    actions.into_iter().fold(start(), State::reduce)
}

/// What the state holds, in text order: (label, text, note).
fn marks(state: &State) -> Vec<(Label, String, String)> {
    let article = state.article.as_ref().expect("an article");
    article
        .doc
        .annotations
        .iter()
        .map(|a| {
            (
                a.label,
                article.index.slice(a.span).to_owned(),
                a.note.clone(),
            )
        })
        .collect()
}

fn m(label: Label, text: &str) -> (Label, String, String) {
    (label, text.to_owned(), String::new())
}

#[test]
fn action_table() {
    use Label::*;
    let quote = "“The bridge carries 40,000 vehicles a day.”";
    /// (name, actions, annotations after, selected after)
    type Case = (
        &'static str,
        Vec<Action>,
        Vec<(Label, String, String)>,
        Option<u128>,
    );
    let cases: Vec<Case> = vec![
        (
            "mark one",
            vec![mark(Actor, "Irene Valdés", 1)],
            vec![m(Actor, "Irene Valdés")],
            Some(1),
        ),
        (
            "overlapping marks in text order",
            vec![
                mark(Quote, quote, 1),
                mark(Claim, "The bridge carries 40,000 vehicles a day.", 2),
                mark(Actor, "Mayor Irene Valdés", 3),
            ],
            vec![
                m(Actor, "Mayor Irene Valdés"),
                m(Quote, quote),
                m(Claim, "The bridge carries 40,000 vehicles a day."),
            ],
            Some(3),
        ),
        (
            "same span and label twice is one",
            vec![
                mark(Actor, "Irene Valdés", 1),
                mark(Actor, "Irene Valdés", 2),
            ],
            vec![m(Actor, "Irene Valdés")],
            Some(1),
        ),
        (
            "same span, other label is two",
            vec![mark(Actor, "Critics", 1), mark(Claim, "Critics", 2)],
            vec![m(Claim, "Critics"), m(Actor, "Critics")],
            Some(2),
        ),
        (
            "key relabels the selected one",
            vec![mark(Actor, "Critics", 1), key(Quote)],
            vec![m(Quote, "Critics")],
            Some(1),
        ),
        (
            "relabel onto an existing pair is refused",
            vec![
                mark(Actor, "Critics", 1),
                mark(Claim, "Critics", 2),
                key(Actor),
            ],
            vec![m(Claim, "Critics"), m(Actor, "Critics")],
            Some(2),
        ),
        (
            "delete selected",
            vec![mark(Actor, "Critics", 1), Action::DeleteSelected],
            vec![],
            None,
        ),
        (
            "delete by id",
            vec![
                mark(Actor, "Critics", 1),
                mark(Claim, "Irene", 2),
                Action::Delete(id(1)),
            ],
            vec![m(Claim, "Irene")],
            Some(2),
        ),
        (
            "undo create",
            vec![mark(Actor, "Critics", 1), Action::Undo],
            vec![],
            None,
        ),
        (
            "redo create",
            vec![mark(Actor, "Critics", 1), Action::Undo, Action::Redo],
            vec![m(Actor, "Critics")],
            Some(1),
        ),
        (
            "undo delete",
            vec![
                mark(Actor, "Critics", 1),
                Action::DeleteSelected,
                Action::Undo,
            ],
            vec![m(Actor, "Critics")],
            Some(1),
        ),
        (
            "redo delete",
            vec![
                mark(Actor, "Critics", 1),
                Action::DeleteSelected,
                Action::Undo,
                Action::Redo,
            ],
            vec![],
            None,
        ),
        (
            "undo relabel",
            vec![mark(Actor, "Critics", 1), key(Claim), Action::Undo],
            vec![m(Actor, "Critics")],
            Some(1),
        ),
        (
            "redo relabel with ctrl+y",
            vec![
                mark(Actor, "Critics", 1),
                key(Claim),
                Action::Undo,
                Action::Redo,
            ],
            vec![m(Claim, "Critics")],
            Some(1),
        ),
        (
            "resize end by a word",
            vec![
                mark(Actor, "Irene", 1),
                Action::ResizeSelected {
                    edge: Edge::End,
                    how: Resize::Grow,
                    at: Timestamp(5),
                },
            ],
            vec![m(Actor, "Irene Valdés")],
            Some(1),
        ),
        (
            "resize start by a word",
            vec![
                mark(Actor, "Irene Valdés", 1),
                Action::ResizeSelected {
                    edge: Edge::Start,
                    how: Resize::Grow,
                    at: Timestamp(5),
                },
            ],
            vec![m(Actor, "Mayor Irene Valdés")],
            Some(1),
        ),
        (
            "undo resize",
            vec![
                mark(Actor, "Irene", 1),
                Action::ResizeSelected {
                    edge: Edge::End,
                    how: Resize::Grow,
                    at: Timestamp(5),
                },
                Action::Undo,
            ],
            vec![m(Actor, "Irene")],
            Some(1),
        ),
        (
            "note and undo note",
            vec![
                mark(Actor, "Irene", 1),
                Action::SetNote {
                    document: doc_id(),
                    id: id(1),
                    note: "mayor since 2022".into(),
                    at: Timestamp(6),
                },
                Action::Undo,
            ],
            vec![m(Actor, "Irene")],
            Some(1),
        ),
        (
            "note kept",
            vec![
                mark(Actor, "Irene", 1),
                Action::SetNote {
                    document: doc_id(),
                    id: id(1),
                    note: "check".into(),
                    at: Timestamp(6),
                },
            ],
            vec![(Actor, "Irene".into(), "check".into())],
            Some(1),
        ),
        (
            "new edit clears redo",
            vec![
                mark(Actor, "Irene", 1),
                Action::Undo,
                mark(Claim, "Critics", 2),
                Action::Redo,
            ],
            vec![m(Claim, "Critics")],
            Some(2),
        ),
        (
            "across paragraphs",
            vec![mark(Claim, "day.”\n\nCritics", 1)],
            vec![m(Claim, "day.”\n\nCritics")],
            Some(1),
        ),
        (
            "blank selection marks nothing",
            vec![Action::ApplyLabel {
                label: Claim,
                selection: Selection::Blank,
                new_id: id(1),
                at: Timestamp(1),
            }],
            vec![],
            None,
        ),
        (
            "outside selection marks nothing",
            vec![Action::ApplyLabel {
                label: Claim,
                selection: Selection::Outside,
                new_id: id(1),
                at: Timestamp(1),
            }],
            vec![],
            None,
        ),
        (
            "no selection and nothing selected",
            vec![key(Claim)],
            vec![],
            None,
        ),
        (
            "span past the text is refused",
            vec![Action::ApplyLabel {
                label: Claim,
                selection: Selection::Span(Span {
                    start: 5,
                    end: 10_000,
                }),
                new_id: id(1),
                at: Timestamp(1),
            }],
            vec![],
            None,
        ),
    ];
    for (name, actions, want, selected) in cases {
        let state = run(actions);
        assert_eq!(marks(&state), want, "case {name}: annotations");
        assert_eq!(state.selected, selected.map(id), "case {name}: selection");
    }
}

#[test]
fn hints_say_what_to_do() {
    let cases: Vec<(&str, Action, &str)> = vec![
        (
            "no selection",
            key(Label::Claim),
            "Select some text in the article first, then press 1 or C for Claim.",
        ),
        (
            "blank",
            Action::ApplyLabel {
                label: Label::Quote,
                selection: Selection::Blank,
                new_id: id(1),
                at: Timestamp(1),
            },
            "The selection is only white space: select some words first.",
        ),
        (
            "outside",
            Action::ApplyLabel {
                label: Label::Quote,
                selection: Selection::Outside,
                new_id: id(1),
                at: Timestamp(1),
            },
            "Select text inside the article to mark it.",
        ),
        ("nothing to undo", Action::Undo, "Nothing to undo."),
        ("nothing to redo", Action::Redo, "Nothing to redo."),
    ];
    for (name, action, want) in cases {
        let state = start().reduce(action);
        let notice = state
            .notice
            .as_ref()
            .unwrap_or_else(|| panic!("case {name}: a notice"));
        assert_eq!(notice.kind, NoticeKind::Hint, "case {name}");
        assert_eq!(notice.text, want, "case {name}");
        assert_eq!(state.announcement.1, want, "case {name}: announced");
    }
}

#[test]
fn announcements_name_the_label_and_text() {
    let state = run(vec![mark(Label::Quote, "Critics disagreed.", 1)]);
    assert_eq!(state.announcement.1, "Quote added: “Critics disagreed.”");
    let state = state.reduce(key(Label::Claim));
    assert_eq!(
        state.announcement.1,
        "Changed to Claim: “Critics disagreed.”"
    );
    let state = state.reduce(Action::DeleteSelected);
    assert_eq!(state.announcement.1, "Claim deleted: “Critics disagreed.”");
    let state = state.reduce(Action::Undo);
    assert_eq!(state.announcement.1, "Undone: Claim deleted");
}

#[test]
fn click_selects_innermost_then_cycles() {
    let quote = "“The bridge carries 40,000 vehicles a day.”";
    let state = run(vec![
        mark(Label::Quote, quote, 1),
        mark(Label::Claim, "The bridge carries 40,000 vehicles a day.", 2),
        mark(Label::Actor, "The bridge", 3),
        Action::Select(None),
    ]);
    let point = span_of("bridge").start;
    let state = state.reduce(Action::ClickAt(point));
    assert_eq!(state.selected, Some(id(3)), "innermost first");
    let state = state.reduce(Action::ClickAt(point));
    assert_eq!(state.selected, Some(id(2)), "second click: next outward");
    let state = state.reduce(Action::CycleSelection);
    assert_eq!(state.selected, Some(id(1)), "Tab: next");
    let state = state.reduce(Action::CycleSelection);
    assert_eq!(state.selected, Some(id(3)), "wraps around");
    let state = state.reduce(Action::ClickAt(span_of("Critics").start));
    assert_eq!(state.selected, None, "a click on plain text deselects");
}

#[test]
fn no_op_actions_keep_the_same_state() {
    let state = start();
    let same = |action: Action| {
        let next = Rc::clone(&state).reduce(action);
        assert!(Rc::ptr_eq(&state, &next));
    };
    same(Action::Select(None));
    same(Action::CloseDialog);
    same(Action::DismissNotice);
    same(Action::SetFilter(None));
    same(Action::SetWholeWords(true));
    same(Action::Delete(id(42)));
    same(Action::CycleSelection);
}

#[test]
fn filter_dialog_and_options() {
    let state = start().reduce(Action::SetFilter(Some(Label::Actor)));
    assert_eq!(state.filter, Some(Label::Actor));
    let state = state.reduce(Action::OpenDialog(Dialog::Shortcuts));
    assert_eq!(state.dialog, Some(Dialog::Shortcuts));
    let state = state
        .reduce(Action::CloseDialog)
        .reduce(Action::SetWholeWords(false));
    assert_eq!(state.dialog, None);
    assert!(!state.whole_words);
}

#[test]
fn opening_another_document_clears_history_and_selection() {
    let state = run(vec![mark(Label::Actor, "Critics", 1)]);
    let state = state.reduce(Action::OpenDocument(Document::new(
        "Other".into(),
        None,
        "Other text".into(),
        Timestamp(0),
    )));
    assert!(state.undo.is_empty() && state.redo.is_empty());
    assert_eq!(state.selected, None);
    assert_eq!(state.announcement.1, "Opened “Other”");
}

#[test]
fn unchanged_paragraphs_keep_their_segments() {
    let state = start();
    let before = Rc::clone(&state.article.as_ref().unwrap().segments);
    let state = state.reduce(mark(Label::Actor, "Critics", 1));
    let after = &state.article.as_ref().unwrap().segments;
    assert!(
        Rc::ptr_eq(&before[0], &after[0]),
        "first paragraph untouched"
    );
    assert!(
        !Rc::ptr_eq(&before[1], &after[1]),
        "second paragraph changed"
    );
}

mod storage_states {
    use super::*;
    use gloss_core::state::{SaveStatus, Storage};
    use gloss_core::storage::LoadedLibrary;

    fn stored(title: &str, revision: u64) -> Document {
        let mut d = Document::new(title.into(), None, "Stored text here.".into(), Timestamp(5));
        d.revision = revision;
        d
    }

    #[test]
    fn nothing_is_called_saved_before_storage_answers() {
        let state = start();
        assert_eq!(state.storage, Storage::Loading);
        assert_eq!(state.save_status(), SaveStatus::Saving);
        let state = state.reduce(Action::LibraryLoaded(LoadedLibrary::default()));
        assert_eq!(
            state.save_status(),
            SaveStatus::Saving,
            "the open article is not written yet"
        );
        let doc = state.article.as_ref().unwrap().doc.clone();
        let state = state.reduce(Action::Saved {
            id: doc.id,
            revision: doc.revision,
        });
        assert_eq!(state.save_status(), SaveStatus::Saved);
    }

    #[test]
    fn only_the_untouched_sample_gives_way_to_stored_work() {
        let sample = Document::new("Sample".into(), None, TEXT.into(), Timestamp(0));
        let kept = stored("Kept", 4);
        // The sample, untouched: replaced by the stored article.
        let state = Rc::new(State::with_sample(sample.clone()));
        let next = Rc::clone(&state).reduce(Action::LibraryLoaded(LoadedLibrary {
            documents: vec![kept.clone()],
            ..LoadedLibrary::default()
        }));
        assert_eq!(next.library.len(), 1);
        assert_eq!(next.article.as_ref().unwrap().doc.title, "Kept");
        // A new article opened before storage answered: kept, open, and written.
        let mine = Document::new("Mine".into(), None, "My text.".into(), Timestamp(1));
        let state = state.reduce(Action::OpenDocument(mine.clone()));
        let next = state.reduce(Action::LibraryLoaded(LoadedLibrary {
            documents: vec![kept],
            ..LoadedLibrary::default()
        }));
        assert_eq!(next.article.as_ref().unwrap().doc.title, "Mine");
        assert!(next.pending_writes().iter().any(|d| d.id == mine.id));
    }

    #[test]
    fn an_import_chosen_while_storage_is_read_waits_and_is_applied_once_read() {
        let theirs = stored("Theirs", 0);
        let file = gloss_core::formats::gloss::export(&[&theirs], Timestamp(0)).unwrap();
        let state = start().reduce(Action::import_file("a.json".into(), Ok(file), Timestamp(1)));
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
            Ok("{}".into()),
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

    #[test]
    fn the_unload_journal_is_replayed_once() {
        let mut on_disk = stored("Kept", 4);
        on_disk.id = doc_id();
        let mut newer = on_disk.clone();
        newer.title = "Kept, renamed before the tab closed".into();
        newer.revision = 5;
        let older = stored("Old", 2);
        let loaded = LoadedLibrary {
            documents: vec![on_disk.clone()],
            journal: vec![newer.clone()],
            ..LoadedLibrary::default()
        };
        let state = start().reduce(Action::LibraryLoaded(loaded.clone()));
        assert_eq!(
            state.library[&doc_id()].title,
            newer.title,
            "newer than storage: replayed"
        );
        assert!(state
            .pending_writes()
            .iter()
            .any(|d| d.id == doc_id() && d.revision == 5));
        // Once written, reading the same journal again changes nothing.
        let written = state.reduce(Action::Saved {
            id: doc_id(),
            revision: 5,
        });
        let mut on_disk_now = newer.clone();
        on_disk_now.revision = 5;
        let again = start().reduce(Action::LibraryLoaded(LoadedLibrary {
            documents: vec![on_disk_now],
            journal: vec![newer, older.clone()],
            ..LoadedLibrary::default()
        }));
        assert!(written.pending_writes().is_empty());
        assert!(
            !again.pending_writes().iter().any(|d| d.id == doc_id()),
            "already stored"
        );
        assert!(
            again.library.contains_key(&older.id),
            "a document storage never had is written"
        );
    }

    #[test]
    fn a_delete_elsewhere_never_drops_unsaved_work() {
        let state = run(vec![
            Action::LibraryLoaded(LoadedLibrary::default()),
            mark(Label::Actor, "Critics", 1),
        ]);
        let id = state.article.as_ref().unwrap().doc.id;
        let state = state.reduce(Action::ExternalDelete(id));
        assert!(state.library.contains_key(&id), "kept");
        assert!(state.stale.contains(&id), "no longer written");
        assert!(matches!(state.save_status(), SaveStatus::NotSaved(_)));
        assert!(state
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("deleted in another tab"));
    }

    #[test]
    fn typing_a_note_is_one_undoable_edit() {
        let state = run(vec![
            mark(Label::Actor, "Critics", 1),
            Action::SetNote {
                document: doc_id(),
                id: id(1),
                note: "c".into(),
                at: Timestamp(100),
            },
            Action::SetNote {
                document: doc_id(),
                id: id(1),
                note: "ch".into(),
                at: Timestamp(500),
            },
            Action::SetNote {
                document: doc_id(),
                id: id(1),
                note: "check".into(),
                at: Timestamp(900),
            },
        ]);
        assert_eq!(state.undo.len(), 2, "mark + one note edit");
        let state = state.reduce(Action::Undo);
        assert_eq!(marks(&state), vec![m(Label::Actor, "Critics")]);
        // A pause longer than the typing window starts a new edit.
        let state = state.reduce(Action::Redo).reduce(Action::SetNote {
            document: doc_id(),
            id: id(1),
            note: "check it".into(),
            at: Timestamp(10_000),
        });
        assert_eq!(state.undo.len(), 3);
    }
}

/// A note typed just before another article opened arrives after it: it goes into the library's
/// copy of its own document (stored with the next write), never into the article now open.
#[test]
fn a_note_saved_after_its_article_closed_is_kept() {
    let state = run(vec![mark(Label::Actor, "Irene", 1)]);
    let other = Document::new("Other".into(), None, "Irene again".into(), Timestamp(5));
    let other_id = other.id;
    let state = state.reduce(Action::OpenDocument(other));
    let state = state.reduce(Action::SetNote {
        document: doc_id(),
        id: id(1),
        note: "typed".into(),
        at: Timestamp(9),
    });
    let first = &state.library[&doc_id()];
    assert_eq!(first.annotations[0].note, "typed");
    assert_eq!(
        first.revision, 2,
        "one revision for the mark, one for the note"
    );
    assert!(state.library[&other_id].annotations.is_empty());
    assert_eq!(state.article.as_ref().map(|a| a.doc.id), Some(other_id));
    assert_ne!(
        state.saved.get(&doc_id()),
        Some(&first.revision),
        "the noted revision is not stored yet, so it will be written"
    );
}

#[test]
fn here_says_which_of_the_annotations_at_a_point_is_selected() {
    let quote = "“The bridge carries 40,000 vehicles a day.”";
    let state = run(vec![
        mark(Label::Quote, quote, 1),
        mark(Label::Actor, "The bridge", 2),
        mark(Label::Claim, "Critics disagreed.", 3),
        Action::Select(None),
    ]);
    assert_eq!(state.here(), None, "nothing selected");
    let point = span_of("bridge").start;
    let state = state.reduce(Action::ClickAt(point));
    assert_eq!(state.here(), Some((1, 2)), "the actor, innermost of two");
    let state = state.reduce(Action::CycleSelection);
    assert_eq!(state.here(), Some((2, 2)), "Tab: the quote");
    let state = state.reduce(Action::ClickAt(span_of("Critics").start));
    assert_eq!(state.here(), None, "alone at its point");
}
