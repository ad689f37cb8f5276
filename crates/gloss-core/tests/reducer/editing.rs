//! Editing the open article: marking, relabelling, resizing, notes, deleting, undo and redo.

use std::rc::Rc;

use gloss_core::model::offsets::{Edge, Resize};
use gloss_core::model::{Label, Span, Timestamp};
use gloss_core::state::{Action, Selection};

use crate::fixtures::*;

fn resize(edge: Edge, how: Resize) -> Action {
    Action::ResizeSelected {
        edge,
        how,
        at: Timestamp(5),
    }
}

fn label_with(selection: Selection) -> Action {
    Action::ApplyLabel {
        label: Label::Quote,
        selection,
        new_id: id(1),
        at: Timestamp(1),
    }
}

pub fn cases() -> Vec<Case> {
    use Label::*;
    vec![
        // ApplyLabel.
        effect(
            "mark one",
            vec![mark(Actor, "Irene Valdés", 1)],
            shows(vec![m(Actor, "Irene Valdés")], Some(1)),
        ),
        effect(
            "overlapping marks in text order",
            vec![
                mark(Quote, QUOTE, 1),
                mark(Claim, "The bridge carries 40,000 vehicles a day.", 2),
                mark(Actor, "Mayor Irene Valdés", 3),
            ],
            shows(
                vec![
                    m(Actor, "Mayor Irene Valdés"),
                    m(Quote, QUOTE),
                    m(Claim, "The bridge carries 40,000 vehicles a day."),
                ],
                Some(3),
            ),
        ),
        effect(
            "same span and label twice is one",
            vec![
                mark(Actor, "Irene Valdés", 1),
                mark(Actor, "Irene Valdés", 2),
            ],
            shows(vec![m(Actor, "Irene Valdés")], Some(1)),
        ),
        effect(
            "marking what is already marked selects it and adds no undo step",
            vec![
                mark(Actor, "Irene Valdés", 1),
                mark(Claim, "Critics", 2),
                mark(Actor, "Irene Valdés", 3),
            ],
            |before, after| {
                assert_eq!(marks(after), marks(before));
                assert_eq!(after.selected, Some(id(1)), "the one already there");
                assert_eq!(after.undo.len(), before.undo.len());
                assert!(
                    after.announcement.1.starts_with("Already marked as Actor"),
                    "{}",
                    after.announcement.1
                );
            },
        ),
        effect(
            "same span, other label is two",
            vec![mark(Actor, "Critics", 1), mark(Claim, "Critics", 2)],
            shows(vec![m(Claim, "Critics"), m(Actor, "Critics")], Some(2)),
        ),
        effect(
            "a mark is one undo step, clears redo and a new revision",
            vec![
                mark(Actor, "Critics", 1),
                Action::Undo,
                mark(Claim, "Irene", 2),
            ],
            |before, after| {
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert!(!before.redo.is_empty() && after.redo.is_empty());
                let (was, now) = (&before.library[&doc_id()], &after.library[&doc_id()]);
                assert_eq!(now.revision, was.revision + 1);
                let article = after.article.as_ref().unwrap();
                assert!(
                    Rc::ptr_eq(&article.doc, now),
                    "one copy of the open article"
                );
                let claim = &now.annotations[0];
                assert_eq!(
                    (claim.created_at, claim.updated_at),
                    (Timestamp(2), Timestamp(2))
                );
            },
        ),
        effect(
            "key relabels the selected one",
            vec![mark(Actor, "Critics", 1), key(Quote)],
            shows(vec![m(Quote, "Critics")], Some(1)),
        ),
        effect(
            "relabel onto an existing pair is refused",
            vec![
                mark(Actor, "Critics", 1),
                mark(Claim, "Critics", 2),
                key(Actor),
            ],
            hint("This text is already marked as Actor."),
        ),
        no_op(
            "label key: the selected annotation has that label already",
            vec![mark(Actor, "Critics", 1), key(Actor)],
        ),
        no_op(
            "label: no article open",
            vec![Action::DeleteDocument(doc_id()), mark(Actor, "Critics", 1)],
        ),
        effect(
            "across paragraphs",
            vec![mark(Claim, "day.”\n\nCritics", 1)],
            shows(vec![m(Claim, "day.”\n\nCritics")], Some(1)),
        ),
        effect(
            "blank selection marks nothing",
            vec![label_with(Selection::Blank)],
            hint("The selection is only white space: select some words first."),
        ),
        effect(
            "outside selection marks nothing",
            vec![label_with(Selection::Outside)],
            hint("Select text inside the article to mark it."),
        ),
        effect(
            "no selection and nothing selected",
            vec![key(Claim)],
            hint("Select some text in the article first, then press 1 or C for Claim."),
        ),
        effect(
            "span past the text is refused",
            vec![label_with(Selection::Span(Span {
                start: 5,
                end: 10_000,
            }))],
            hint("Select text inside the article to mark it."),
        ),
        // DeleteSelected and Delete.
        effect(
            "delete selected",
            vec![mark(Actor, "Critics", 1), Action::DeleteSelected],
            shows(vec![], None),
        ),
        no_op(
            "delete selected: nothing selected",
            vec![
                mark(Actor, "Critics", 1),
                Action::Select(None),
                Action::DeleteSelected,
            ],
        ),
        effect(
            "delete by id",
            vec![
                mark(Actor, "Critics", 1),
                mark(Claim, "Irene", 2),
                Action::Delete(id(1)),
            ],
            shows(vec![m(Claim, "Irene")], Some(2)),
        ),
        no_op(
            "delete: an id the article does not have",
            vec![mark(Actor, "Critics", 1), Action::Delete(id(42))],
        ),
        no_op(
            "delete: no article open",
            vec![Action::DeleteDocument(doc_id()), Action::Delete(id(1))],
        ),
        // Undo and Redo.
        effect(
            "undo create",
            vec![mark(Actor, "Critics", 1), Action::Undo],
            shows(vec![], None),
        ),
        effect(
            "undo moves the edit to redo and is written",
            vec![mark(Actor, "Critics", 1), Action::Undo],
            |before, after| {
                assert_eq!(after.undo.len(), before.undo.len() - 1);
                assert_eq!(after.redo.len(), before.redo.len() + 1);
                assert!(after.reveal, "undo shows what it changed");
                assert_eq!(
                    after.library[&doc_id()].revision,
                    before.library[&doc_id()].revision + 1,
                    "an undo is a change to store"
                );
            },
        ),
        effect(
            "nothing to undo says so",
            vec![Action::Undo],
            hint("Nothing to undo."),
        ),
        effect(
            "redo create",
            vec![mark(Actor, "Critics", 1), Action::Undo, Action::Redo],
            shows(vec![m(Actor, "Critics")], Some(1)),
        ),
        effect(
            "redo moves the edit back to undo",
            vec![mark(Actor, "Critics", 1), Action::Undo, Action::Redo],
            |before, after| {
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert_eq!(after.redo.len(), before.redo.len() - 1);
                assert_eq!(after.announcement.1, "Redone: Actor added");
            },
        ),
        effect(
            "nothing to redo says so",
            vec![Action::Redo],
            hint("Nothing to redo."),
        ),
        effect(
            "undo delete",
            vec![
                mark(Actor, "Critics", 1),
                Action::DeleteSelected,
                Action::Undo,
            ],
            shows(vec![m(Actor, "Critics")], Some(1)),
        ),
        effect(
            "redo delete",
            vec![
                mark(Actor, "Critics", 1),
                Action::DeleteSelected,
                Action::Undo,
                Action::Redo,
            ],
            shows(vec![], None),
        ),
        effect(
            "undo relabel",
            vec![mark(Actor, "Critics", 1), key(Claim), Action::Undo],
            shows(vec![m(Actor, "Critics")], Some(1)),
        ),
        effect(
            "redo relabel with ctrl+y",
            vec![
                mark(Actor, "Critics", 1),
                key(Claim),
                Action::Undo,
                Action::Redo,
            ],
            shows(vec![m(Claim, "Critics")], Some(1)),
        ),
        effect(
            "new edit clears redo",
            vec![
                mark(Actor, "Irene", 1),
                Action::Undo,
                mark(Claim, "Critics", 2),
                Action::Redo,
            ],
            hint("Nothing to redo."),
        ),
        // ResizeSelected.
        effect(
            "resize end by a word",
            vec![mark(Actor, "Irene", 1), resize(Edge::End, Resize::Grow)],
            shows(vec![m(Actor, "Irene Valdés")], Some(1)),
        ),
        effect(
            "resize start by a word",
            vec![
                mark(Actor, "Irene Valdés", 1),
                resize(Edge::Start, Resize::Grow),
            ],
            shows(vec![m(Actor, "Mayor Irene Valdés")], Some(1)),
        ),
        effect(
            "shrink end by a word",
            vec![
                mark(Actor, "Irene Valdés", 1),
                resize(Edge::End, Resize::Shrink),
            ],
            shows(vec![m(Actor, "Irene")], Some(1)),
        ),
        effect(
            "shrink start by a word",
            vec![
                mark(Actor, "Mayor Irene", 1),
                resize(Edge::Start, Resize::Shrink),
            ],
            shows(vec![m(Actor, "Irene")], Some(1)),
        ),
        effect(
            "a resize keeps the note and creation time, takes the new time",
            vec![
                mark(Actor, "Irene", 1),
                note(1, "mayor", 3),
                resize(Edge::End, Resize::Grow),
            ],
            |before, after| {
                let was = &before.library[&doc_id()];
                let now = &after.library[&doc_id()];
                assert_eq!(now.revision, was.revision + 1);
                let a = &now.annotations[0];
                assert_eq!(a.note, "mayor");
                assert_eq!((a.created_at, a.updated_at), (Timestamp(1), Timestamp(5)));
                assert_eq!(after.undo.len(), before.undo.len() + 1);
            },
        ),
        effect(
            "one word cannot shrink, and says so",
            vec![mark(Actor, "Critics", 1), resize(Edge::End, Resize::Shrink)],
            hint("It is one word already: it cannot shrink further."),
        ),
        effect(
            "the first word cannot grow back, and says so",
            vec![mark(Actor, "Mayor", 1), resize(Edge::Start, Resize::Grow)],
            hint("It cannot grow further in that direction."),
        ),
        effect(
            "resizing onto the same label on the same text is refused",
            vec![
                mark(Actor, "Irene Valdés", 1),
                mark(Actor, "Irene", 2),
                resize(Edge::End, Resize::Grow),
            ],
            hint("Another annotation with that label already covers exactly that text."),
        ),
        no_op(
            "resize: nothing selected",
            vec![
                mark(Actor, "Irene", 1),
                Action::Select(None),
                resize(Edge::End, Resize::Grow),
            ],
        ),
        effect(
            "undo resize",
            vec![
                mark(Actor, "Irene", 1),
                resize(Edge::End, Resize::Grow),
                Action::Undo,
            ],
            shows(vec![m(Actor, "Irene")], Some(1)),
        ),
        // SetNote.
        effect(
            "note kept",
            vec![mark(Actor, "Irene", 1), note(1, "check", 6)],
            shows(vec![(Actor, "Irene".into(), "check".into())], Some(1)),
        ),
        effect(
            "note and undo note",
            vec![
                mark(Actor, "Irene", 1),
                note(1, "mayor since 2022", 6),
                Action::Undo,
            ],
            shows(vec![m(Actor, "Irene")], Some(1)),
        ),
        effect(
            "a note keeps the selection where it is, with its time",
            vec![
                mark(Actor, "Irene", 1),
                mark(Claim, "Critics", 2),
                note(1, "check", 50),
            ],
            |before, after| {
                assert_eq!(after.selected, Some(id(2)), "not taken back by the note");
                let now = &after.library[&doc_id()];
                assert_eq!(now.revision, before.library[&doc_id()].revision + 1);
                let a = now.annotations.iter().find(|a| a.id == id(1)).unwrap();
                assert_eq!((a.note.as_str(), a.updated_at), ("check", Timestamp(50)));
                assert_eq!(after.announcement.1, "Note saved");
            },
        ),
        effect(
            "a note saved after its article closed goes into the library's copy",
            vec![
                mark(Actor, "Irene", 1),
                Action::OpenDocument(other(7, "Other", 5)),
                note(1, "typed", 9),
            ],
            |before, after| {
                let was = &before.library[&doc_id()];
                let first = &after.library[&doc_id()];
                assert_eq!(first.annotations[0].note, "typed");
                assert_eq!(first.annotations[0].updated_at, Timestamp(9));
                assert_eq!(
                    first.revision,
                    was.revision + 1,
                    "a new revision, so it is written"
                );
                assert_ne!(after.saved.get(&doc_id()), Some(&first.revision));
                assert_eq!(
                    after.library[&other_id(7)],
                    before.library[&other_id(7)],
                    "never into the open article"
                );
                assert_eq!(open(after), Some(other_id(7)));
                assert_eq!(after.undo.len(), before.undo.len(), "its history is gone");
                assert_eq!(after.announcement.1, "Note saved in “Test”");
            },
        ),
        no_op(
            "note: the same note again",
            vec![
                mark(Actor, "Irene", 1),
                note(1, "check", 6),
                note(1, "check", 7),
            ],
        ),
        no_op(
            "note: the same note again on an article not open",
            vec![
                mark(Actor, "Irene", 1),
                note(1, "check", 6),
                Action::OpenDocument(other(7, "Other", 5)),
                note(1, "check", 9),
            ],
        ),
        no_op(
            "note: an annotation the article does not have",
            vec![mark(Actor, "Irene", 1), note(42, "check", 6)],
        ),
        no_op(
            "note: an article the library does not have",
            vec![
                mark(Actor, "Irene", 1),
                Action::SetNote {
                    document: other_id(99),
                    id: id(1),
                    note: "check".into(),
                    at: Timestamp(6),
                },
            ],
        ),
    ]
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
fn typing_a_note_is_one_undoable_edit() {
    let state = run(vec![
        mark(Label::Actor, "Critics", 1),
        note(1, "c", 100),
        note(1, "ch", 500),
        note(1, "check", 900),
    ]);
    assert_eq!(state.undo.len(), 2, "mark + one note edit");
    let state = state.reduce(Action::Undo);
    assert_eq!(marks(&state), vec![m(Label::Actor, "Critics")]);
    // A pause longer than the typing window starts a new edit.
    let state = state
        .reduce(Action::Redo)
        .reduce(note(1, "check it", 10_000));
    assert_eq!(state.undo.len(), 3);
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

/// A span past the text is refused with a hint ("span past the text is refused"); an empty or
/// reversed one is marked as it is, and the export then holds an annotation its own import
/// skips (`end` before `start`, or empty).
#[test]
fn an_empty_or_reversed_span_is_refused_like_one_past_the_text() {
    for span in [Span { start: 4, end: 4 }, Span { start: 9, end: 4 }] {
        let before = start();
        let after = Rc::clone(&before).reduce(label_with(Selection::Span(span)));
        assert_eq!(marks(&after), marks(&before), "{span:?} marked nothing");
        assert!(after.notice.is_some(), "{span:?}: the person is told why");
    }
}
