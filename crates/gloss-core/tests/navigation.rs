//! Moving between annotations without the mouse: the next and previous one in text order
//! (`SelectNext`, `SelectPrevious`) and the one at the caret (`SelectAt`), as named cases over
//! a small article with nested and repeated marks.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::{AnnotationId, Document, Label, Span, Timestamp};
use gloss_core::state::{Action, NoticeKind, Selection, State};
use uuid::Uuid;

use Label::{Actor, Claim, Quote};

const TEXT: &str = "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”\n\nCritics disagreed. Valdés’s office replied.";

fn id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

/// The span of the `nth` (from 0) occurrence of `needle`, in code points.
fn span_of(needle: &str, nth: usize) -> Span {
    let (byte, _) = TEXT.match_indices(needle).nth(nth).expect("needle in text");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

fn mark(label: Label, needle: &str, nth: usize, n: u128) -> Action {
    Action::ApplyLabel {
        label,
        selection: Selection::Span(span_of(needle, nth)),
        new_id: id(n),
        at: Timestamp(n as i64),
    }
}

fn blank() -> Rc<State> {
    let doc = Document::new("Test".into(), None, TEXT.into(), Timestamp(0));
    Rc::new(State::with_document(doc))
}

/// The article marked (not in text order, as a person marks), then nothing selected. In text
/// order: Valdés (actor), the quote, the claim inside it, Critics (actor), the second Valdés.
fn marked() -> Rc<State> {
    [
        mark(Actor, "Critics", 0, 4),
        mark(Quote, "“The bridge carries 40,000 vehicles a day.”", 0, 2),
        mark(Claim, "40,000 vehicles a day", 0, 3),
        mark(Actor, "Irene Valdés", 0, 1),
        mark(Actor, "Valdés", 1, 5),
        Action::Select(None),
    ]
    .into_iter()
    .fold(blank(), State::reduce)
}

/// A code point inside the `nth` `needle`, `into` code points from its start.
fn caret(needle: &str, nth: usize, into: usize) -> usize {
    span_of(needle, nth).start + into
}

/// What the selected annotation is: its label and text.
fn selected(state: &State) -> Option<(Label, String)> {
    let a = state.selected_annotation()?;
    let article = state.article.as_ref()?;
    Some((a.label, article.index.slice(a.span).to_owned()))
}

fn hint(state: &State) -> Option<&str> {
    state
        .notice
        .as_ref()
        .filter(|n| n.kind == NoticeKind::Hint)
        .map(|n| n.text.as_str())
}

struct Case {
    name: &'static str,
    from: Rc<State>,
    actions: Vec<Action>,
    /// The selected annotation afterwards.
    want: Option<(Label, &'static str)>,
    /// The hint shown afterwards, if any.
    hint: Option<&'static str>,
}

fn case(
    name: &'static str,
    from: Rc<State>,
    actions: Vec<Action>,
    want: Option<(Label, &'static str)>,
    hint: Option<&'static str>,
) -> Case {
    Case {
        name,
        from,
        actions,
        want,
        hint,
    }
}

const QUOTE: &str = "“The bridge carries 40,000 vehicles a day.”";

#[test]
fn next_and_previous() {
    use Action::{SelectNext as J, SelectPrevious as K};
    let actors_only = marked().reduce(Action::SetFilter(Some(Actor)));
    let claims_only = blank()
        .reduce(mark(Actor, "Critics", 0, 4))
        .reduce(Action::SetFilter(Some(Claim)));
    let cases = vec![
        case(
            "J with nothing selected: the first",
            marked(),
            vec![J],
            Some((Actor, "Irene Valdés")),
            None,
        ),
        case(
            "K with nothing selected: the last",
            marked(),
            vec![K],
            Some((Actor, "Valdés")),
            None,
        ),
        case(
            "J twice: the quote after the name",
            marked(),
            vec![J, J],
            Some((Quote, QUOTE)),
            None,
        ),
        case(
            "J into a nested claim: text order, the outer quote first",
            marked(),
            vec![J, J, J],
            Some((Claim, "40,000 vehicles a day")),
            None,
        ),
        case(
            "J out of the nested claim: the next one after the quote",
            marked(),
            vec![J, J, J, J],
            Some((Actor, "Critics")),
            None,
        ),
        case(
            "K back out of the claim: the quote",
            marked(),
            vec![J, J, J, K],
            Some((Quote, QUOTE)),
            None,
        ),
        case(
            "J from the just-marked annotation: the one after it",
            marked().reduce(mark(Actor, "Critics", 0, 4)),
            vec![J],
            Some((Actor, "Valdés")),
            None,
        ),
        case(
            "J at the last stays and says so",
            marked(),
            vec![K, J],
            Some((Actor, "Valdés")),
            Some("That is the last annotation."),
        ),
        case(
            "K at the first stays and says so",
            marked(),
            vec![J, K],
            Some((Actor, "Irene Valdés")),
            Some("That is the first annotation."),
        ),
        case(
            "a later J clears the hint",
            marked(),
            vec![J, K, J],
            Some((Quote, QUOTE)),
            None,
        ),
        case(
            "filtered to actors: J skips the quote and the claim",
            Rc::clone(&actors_only),
            vec![J, J],
            Some((Actor, "Critics")),
            None,
        ),
        case(
            "filtered: from a clicked quote, J goes to the next actor",
            actors_only.reduce(Action::ClickAt(caret(QUOTE, 0, 2))),
            vec![J],
            Some((Actor, "Critics")),
            None,
        ),
        case(
            "nothing marked: a hint",
            blank(),
            vec![J],
            None,
            Some("Nothing marked yet: select some text, then press 1, 2 or 3."),
        ),
        case(
            "nothing of the filter's label: a hint, the selection kept",
            claims_only,
            vec![K],
            Some((Actor, "Critics")),
            Some("Nothing is marked as Claim yet."),
        ),
    ];
    run(cases);
}

#[test]
fn at_the_caret() {
    use Action::SelectAt;
    let claim = caret("40,000", 0, 1);
    let cases = vec![
        case(
            "inside a name",
            marked(),
            vec![SelectAt(caret("Valdés", 0, 2))],
            Some((Actor, "Irene Valdés")),
            None,
        ),
        case(
            "at a name's first character",
            marked(),
            vec![SelectAt(caret("Irene", 0, 0))],
            Some((Actor, "Irene Valdés")),
            None,
        ),
        case(
            "just after a name (where the caret is after marking it)",
            marked(),
            vec![SelectAt(span_of("Critics", 0).end)],
            Some((Actor, "Critics")),
            None,
        ),
        case(
            "just after a name, before its possessive",
            marked(),
            vec![SelectAt(span_of("Valdés", 1).end)],
            Some((Actor, "Valdés")),
            None,
        ),
        case(
            "nested: the innermost first",
            marked(),
            vec![SelectAt(claim)],
            Some((Claim, "40,000 vehicles a day")),
            None,
        ),
        case(
            "nested, again: the one around it",
            marked(),
            vec![SelectAt(claim), SelectAt(claim)],
            Some((Quote, QUOTE)),
            None,
        ),
        case(
            "nested, a third time: back to the innermost",
            marked(),
            vec![SelectAt(claim), SelectAt(claim), SelectAt(claim)],
            Some((Claim, "40,000 vehicles a day")),
            None,
        ),
        case(
            "plain text: a hint, the selection kept",
            marked(),
            vec![Action::SelectNext, SelectAt(caret("disagreed", 0, 3))],
            Some((Actor, "Irene Valdés")),
            Some("No annotation at the caret: move it into a highlight."),
        ),
        case(
            "the very start, nothing there",
            blank(),
            vec![SelectAt(0)],
            None,
            Some("No annotation at the caret: move it into a highlight."),
        ),
        case(
            "past the end: nothing there, no panic",
            marked(),
            vec![SelectAt(usize::MAX)],
            None,
            Some("No annotation at the caret: move it into a highlight."),
        ),
        case(
            "then Tab cycles at the caret's place",
            marked(),
            vec![SelectAt(claim), Action::CycleSelection],
            Some((Quote, QUOTE)),
            None,
        ),
    ];
    run(cases);
}

fn run(cases: Vec<Case>) {
    for c in cases {
        let state = c.actions.into_iter().fold(c.from, State::reduce);
        let want = c.want.map(|(l, t)| (l, t.to_owned()));
        assert_eq!(selected(&state), want, "case {}: selected", c.name);
        assert_eq!(hint(&state), c.hint, "case {}: hint", c.name);
    }
}

#[test]
fn moving_is_not_an_edit_and_reveals() {
    let before = marked();
    let after = Rc::clone(&before).reduce(Action::SelectNext);
    assert!(after.reveal, "the highlight is brought into view");
    assert_eq!(after.undo, before.undo, "nothing to undo");
    assert!(
        Rc::ptr_eq(&after.library, &before.library),
        "nothing to store"
    );
    assert_eq!(
        after.announcement.1, "Selected Actor: “Irene Valdés” (1 of 5)",
        "a screen reader hears where it is"
    );
    let at = Rc::clone(&before).reduce(Action::SelectAt(caret("Critics", 0, 1)));
    assert!(!at.reveal, "at the caret it is in view already");
    assert_eq!(at.cycle_point, Some(caret("Critics", 0, 1)));
}

#[test]
fn without_an_article_nothing_changes() {
    let empty = Rc::new(State::default());
    for action in [
        Action::SelectNext,
        Action::SelectPrevious,
        Action::SelectAt(3),
    ] {
        let next = Rc::clone(&empty).reduce(action.clone());
        assert!(Rc::ptr_eq(&next, &empty), "{action:?} is a no-op");
    }
}
