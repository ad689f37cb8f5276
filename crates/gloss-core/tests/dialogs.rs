//! Dialogs in the reducer: which dialog is open, and the Library's filter, which starts empty
//! every time the Library opens (a filter left from last time would hide articles silently).
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::{Document, DocumentId, Timestamp};
use gloss_core::state::{Action, Dialog, State};
use uuid::Uuid;

/// A library of three articles, the first open.
fn library() -> Rc<State> {
    let titles = [
        "Harbour bridge reopens",
        "Budget vote delayed",
        "Bridge tolls rise",
    ];
    let mut docs = titles.iter().enumerate().map(|(n, title)| {
        let mut doc = Document::new(
            (*title).into(),
            None,
            "Some text.".into(),
            Timestamp(n as i64),
        );
        doc.id = DocumentId(Uuid::from_u128(n as u128 + 1));
        doc
    });
    let mut state = State::with_document(docs.next().expect("three titles"));
    for doc in docs {
        state = (*Rc::new(state).reduce(Action::OpenDocument(doc))).clone();
    }
    Rc::new(state)
}

fn run(state: Rc<State>, actions: &[Action]) -> Rc<State> {
    actions
        .iter()
        .cloned()
        .fold(state, |state, action| state.reduce(action))
}

fn titles(state: &State) -> Vec<String> {
    let mut titles: Vec<String> = state
        .library_list()
        .iter()
        .map(|d| d.title.clone())
        .collect();
    titles.sort();
    titles
}

#[test]
fn library_filter_cases() {
    use Action::{CloseDialog, OpenDialog, SetLibraryFilter};
    let filter = |s: &str| SetLibraryFilter(s.to_owned());
    // (case, actions from a closed Library, the filter after them, how many articles listed)
    let cases: Vec<(&str, Vec<Action>, &str, usize)> = vec![
        (
            "a new session lists everything",
            vec![OpenDialog(Dialog::Library)],
            "",
            3,
        ),
        (
            "typing filters by title, ignoring case",
            vec![OpenDialog(Dialog::Library), filter("bridge")],
            "bridge",
            2,
        ),
        (
            "the filter is kept while the Library stays open",
            vec![
                OpenDialog(Dialog::Library),
                filter("budget"),
                OpenDialog(Dialog::Library),
            ],
            "budget",
            1,
        ),
        (
            "closing and opening again starts with no filter",
            vec![
                OpenDialog(Dialog::Library),
                filter("budget"),
                CloseDialog,
                OpenDialog(Dialog::Library),
            ],
            "",
            3,
        ),
        (
            "opening after another dialog starts with no filter",
            vec![
                OpenDialog(Dialog::Library),
                filter("nothing matches"),
                OpenDialog(Dialog::Shortcuts),
                OpenDialog(Dialog::Library),
            ],
            "",
            3,
        ),
        (
            "a filter that matches nothing lists nothing",
            vec![OpenDialog(Dialog::Library), filter("nothing matches")],
            "nothing matches",
            0,
        ),
    ];
    for (case, actions, want_filter, want_listed) in cases {
        let state = run(library(), &actions);
        assert_eq!(state.library_filter, want_filter, "case {case}: filter");
        assert_eq!(
            state.library_list().len(),
            want_listed,
            "case {case}: listed"
        );
        assert_eq!(
            state.dialog,
            Some(Dialog::Library),
            "case {case}: the Library is open"
        );
    }
}

#[test]
fn opening_the_library_again_while_open_changes_nothing() {
    let open = run(
        library(),
        &[
            Action::OpenDialog(Dialog::Library),
            Action::SetLibraryFilter("bridge".into()),
        ],
    );
    let again = Rc::clone(&open).reduce(Action::OpenDialog(Dialog::Library));
    assert!(Rc::ptr_eq(&open, &again), "a no-op returns the same state");
    assert_eq!(
        titles(&again),
        ["Bridge tolls rise", "Harbour bridge reopens"]
    );
}

#[test]
fn other_dialogs_leave_the_library_filter_alone() {
    let state = run(
        library(),
        &[
            Action::SetLibraryFilter("bridge".into()),
            Action::OpenDialog(Dialog::NewArticle),
        ],
    );
    assert_eq!(state.dialog, Some(Dialog::NewArticle));
    assert_eq!(state.library_filter, "bridge");
}

#[test]
fn each_dialog_opens_and_closes() {
    for dialog in [Dialog::NewArticle, Dialog::Shortcuts, Dialog::Library] {
        let open = run(library(), &[Action::OpenDialog(dialog)]);
        assert_eq!(open.dialog, Some(dialog), "{dialog:?} opens");
        let closed = Rc::clone(&open).reduce(Action::CloseDialog);
        assert_eq!(closed.dialog, None, "{dialog:?} closes");
        let again = Rc::clone(&closed).reduce(Action::CloseDialog);
        assert!(Rc::ptr_eq(&closed, &again), "closing nothing is a no-op");
    }
}
