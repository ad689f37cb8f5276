//! The small article every reducer case starts from, the actions the cases repeat, and the
//! runner of the tables of named cases.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use gloss_core::model::{AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use gloss_core::state::{Action, NoticeKind, Selection, State};
use gloss_core::storage::LoadedLibrary;
use uuid::Uuid;

pub const TEXT: &str =
    "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”\n\nCritics disagreed.";

/// The quote of [`TEXT`], marks and all.
pub const QUOTE: &str = "“The bridge carries 40,000 vehicles a day.”";

pub fn id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

/// The test article's id (fixed, so actions can name it before the state exists).
pub fn doc_id() -> DocumentId {
    DocumentId(Uuid::from_u128(0xD0C))
}

/// The test article open, storage not read yet (as the app starts).
pub fn start() -> Rc<State> {
    let mut doc = Document::new("Test".into(), None, TEXT.into(), Timestamp(0));
    doc.id = doc_id();
    Rc::new(State::with_document(doc))
}

/// Storage read (it held nothing): the open article is not written yet.
pub fn ready() -> Rc<State> {
    start().reduce(Action::LibraryLoaded(LoadedLibrary::default()))
}

/// Storage read and the open article written: everything saved.
pub fn saved() -> Rc<State> {
    ready().reduce(Action::Saved {
        id: doc_id(),
        revision: 0,
    })
}

/// The first visit: the built-in sample open, storage not read yet.
pub fn sample() -> Rc<State> {
    let mut doc = Document::new("Sample".into(), None, TEXT.into(), Timestamp(0));
    doc.id = doc_id();
    Rc::new(State::with_sample(doc))
}

/// Another article, with a fixed id, last changed at `updated`.
pub fn other(n: u128, title: &str, updated: i64) -> Document {
    let mut d = Document::new(
        title.into(),
        None,
        "Other text, with other words.".into(),
        Timestamp(updated),
    );
    d.id = DocumentId(Uuid::from_u128(n));
    d
}

/// The id [`other`] gives article `n`.
pub fn other_id(n: u128) -> DocumentId {
    DocumentId(Uuid::from_u128(n))
}

/// The span of the first occurrence of `needle` in [`TEXT`], in code points.
pub fn span_of(needle: &str) -> Span {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

/// Marks `needle` as `label`, creating annotation `n` at time `n`.
pub fn mark(label: Label, needle: &str, n: u128) -> Action {
    Action::ApplyLabel {
        label,
        selection: Selection::Span(span_of(needle)),
        new_id: id(n),
        at: Timestamp(n as i64),
    }
}

/// A label key pressed with no text selected.
pub fn key(label: Label) -> Action {
    Action::ApplyLabel {
        label,
        selection: Selection::None,
        new_id: id(1000),
        at: Timestamp(1000),
    }
}

pub fn note(n: u128, text: &str, at: i64) -> Action {
    Action::SetNote {
        document: doc_id(),
        id: id(n),
        note: text.into(),
        at: Timestamp(at),
    }
}

pub fn run(actions: Vec<Action>) -> Rc<State> {
    actions.into_iter().fold(start(), State::reduce)
}

/// What the open article holds, in text order: (label, text, note).
pub fn marks(state: &State) -> Vec<(Label, String, String)> {
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

pub fn m(label: Label, text: &str) -> (Label, String, String) {
    (label, text.to_owned(), String::new())
}

/// The id of the open article.
pub fn open(state: &State) -> Option<DocumentId> {
    state.article.as_ref().map(|a| a.doc.id)
}

/// A check of a case's effect: given the state before the last action and the one after.
pub type Check = Box<dyn Fn(&State, &State)>;

/// What a case expects of the last of its actions.
pub enum Expect {
    /// Nothing changes: the reducer hands back the very same `Rc`, so nothing renders again.
    Same,
    /// A new state; the check gets the state before the last action and the one after it.
    Changed(Check),
}

/// One named case: actions from a starting state, the last being the one under test.
pub struct Case {
    pub name: &'static str,
    pub from: fn() -> Rc<State>,
    pub actions: Vec<Action>,
    pub expect: Expect,
}

impl Case {
    /// The action the case is about: its last.
    pub fn tested(&self) -> &Action {
        self.actions.last().expect("a case has an action")
    }

    /// The same case from another starting state.
    pub fn from(self, from: fn() -> Rc<State>) -> Case {
        Case { from, ..self }
    }
}

/// A case whose last action changes the state as `check` says (from [`start`]).
pub fn effect(
    name: &'static str,
    actions: Vec<Action>,
    check: impl Fn(&State, &State) + 'static,
) -> Case {
    Case {
        name,
        from: start,
        actions,
        expect: Expect::Changed(Box::new(check)),
    }
}

/// A case whose last action changes nothing (from [`start`]).
pub fn no_op(name: &'static str, actions: Vec<Action>) -> Case {
    Case {
        name,
        from: start,
        actions,
        expect: Expect::Same,
    }
}

/// A check: the annotations after, in text order, and which one is selected.
pub fn shows(
    want: Vec<(Label, String, String)>,
    selected: Option<u128>,
) -> impl Fn(&State, &State) {
    move |_, after| {
        assert_eq!(marks(after), want, "annotations");
        assert_eq!(after.selected, selected.map(id), "selection");
    }
}

/// A check: a hint saying `text`, announced too, and the annotations as they were.
pub fn hint(text: &'static str) -> impl Fn(&State, &State) {
    move |before, after| {
        let notice = after.notice.as_ref().expect("a notice");
        assert_eq!(notice.kind, NoticeKind::Hint);
        assert_eq!(notice.text, text);
        assert_eq!(after.announcement.1, text, "announced");
        assert_ne!(
            after.announcement.0, before.announcement.0,
            "a new announcement, so the same words are spoken again"
        );
        assert_eq!(marks(after), marks(before), "annotations untouched");
        assert_eq!(after.selected, before.selected, "selection untouched");
        assert!(
            Rc::ptr_eq(&after.library, &before.library),
            "library untouched"
        );
    }
}

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "(no message)".to_owned())
}

/// Runs every case of a table and fails once, naming every case that failed and why.
pub fn run_table(concern: &str, cases: Vec<Case>) {
    let total = cases.len();
    let mut failed = Vec::new();
    for case in cases {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let (last, setup) = case.actions.split_last().expect("a case has an action");
            let before = setup.iter().cloned().fold((case.from)(), State::reduce);
            let after = Rc::clone(&before).reduce(last.clone());
            match &case.expect {
                Expect::Same => assert!(
                    Rc::ptr_eq(&before, &after),
                    "a no-op must hand back the same Rc (and the state is {}equal)",
                    if before == after { "" } else { "not even " }
                ),
                Expect::Changed(check) => {
                    assert!(!Rc::ptr_eq(&before, &after), "the action changed nothing");
                    check(&before, &after);
                }
            }
        }));
        if let Err(payload) = outcome {
            failed.push(format!("  {}: {}", case.name, message(payload)));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} {concern} cases failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
