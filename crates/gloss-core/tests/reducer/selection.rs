//! Which annotation is selected: chosen in the list, clicked in the text, cycled to with Tab.

use gloss_core::model::Label;
use gloss_core::state::Action;

use crate::fixtures::*;

/// Three annotations over "bridge": the quote, the claim inside it and "The bridge" inside
/// that; nothing selected.
fn nested() -> Vec<Action> {
    vec![
        mark(Label::Quote, QUOTE, 1),
        mark(Label::Claim, "The bridge carries 40,000 vehicles a day.", 2),
        mark(Label::Actor, "The bridge", 3),
        Action::Select(None),
    ]
}

fn bridge() -> usize {
    span_of("bridge").start
}

fn then(mut actions: Vec<Action>, more: impl IntoIterator<Item = Action>) -> Vec<Action> {
    actions.extend(more);
    actions
}

pub fn cases() -> Vec<Case> {
    use Label::*;
    vec![
        // Select.
        effect(
            "select from the list: revealed and announced",
            vec![
                mark(Actor, "Irene Valdés", 1),
                mark(Claim, "Critics", 2),
                Action::Select(Some(id(1))),
            ],
            |before, after| {
                assert_eq!(after.selected, Some(id(1)));
                assert!(after.reveal, "scrolled into view");
                assert_eq!(after.cycle_point, None);
                assert_eq!(after.announcement.1, "Selected Actor: “Irene Valdés”");
                assert_eq!(marks(after), marks(before));
            },
        ),
        effect(
            "select none",
            vec![mark(Actor, "Critics", 1), Action::Select(None)],
            shows(vec![m(Actor, "Critics")], None),
        ),
        no_op(
            "select: the one already selected",
            vec![mark(Actor, "Critics", 1), Action::Select(Some(id(1)))],
        ),
        no_op("select: none when none is", vec![Action::Select(None)]),
        // ClickAt.
        effect(
            "click selects the innermost annotation",
            then(nested(), [Action::ClickAt(bridge())]),
            |_, after| {
                assert_eq!(after.selected, Some(id(3)));
                assert_eq!(after.cycle_point, Some(bridge()));
                assert!(!after.reveal, "already where the person clicked");
                assert!(
                    after
                        .announcement
                        .1
                        .ends_with("(1 of 3 here; click again or press Tab for the next)"),
                    "{}",
                    after.announcement.1
                );
            },
        ),
        effect(
            "a second click selects the next one outward",
            then(
                nested(),
                [Action::ClickAt(bridge()), Action::ClickAt(bridge())],
            ),
            |_, after| assert_eq!(after.selected, Some(id(2))),
        ),
        effect(
            "a click on plain text deselects",
            vec![
                mark(Actor, "Critics", 1),
                Action::ClickAt(span_of("Mayor").start),
            ],
            |_, after| {
                assert_eq!(after.selected, None);
                assert_eq!(after.cycle_point, None);
            },
        ),
        effect(
            "a click dismisses the hint",
            vec![key(Label::Claim), Action::ClickAt(span_of("Mayor").start)],
            |before, after| {
                assert!(before.notice.is_some());
                assert_eq!(after.notice, None);
            },
        ),
        no_op(
            "click on plain text with nothing selected",
            vec![Action::ClickAt(span_of("Mayor").start)],
        ),
        no_op(
            "click with no article open",
            vec![Action::DeleteDocument(doc_id()), Action::ClickAt(0)],
        ),
        // SelectNext, SelectPrevious (J / K), SelectAt (Enter at the caret).
        effect(
            "J with nothing selected: the first in text order",
            vec![
                mark(Actor, "Critics", 1),
                mark(Actor, "Irene Valdés", 2),
                Action::Select(None),
                Action::SelectNext,
            ],
            |_, after| {
                assert_eq!(after.selected, Some(id(2)), "Irene Valdés comes first");
                assert!(after.reveal, "brought into view");
            },
        ),
        effect(
            "J at the last annotation: says so",
            vec![mark(Actor, "Critics", 1), Action::SelectNext],
            |_, after| {
                assert_eq!(after.selected, Some(id(1)), "the selection stays");
                let notice = after.notice.as_ref().map(|n| n.text.as_str());
                assert_eq!(notice, Some("That is the last annotation."));
            },
        ),
        no_op(
            "J: no article open",
            vec![Action::DeleteDocument(doc_id()), Action::SelectNext],
        ),
        effect(
            "K: the one before in text order",
            vec![
                mark(Actor, "Irene Valdés", 1),
                mark(Actor, "Critics", 2),
                Action::SelectPrevious,
            ],
            |_, after| assert_eq!(after.selected, Some(id(1))),
        ),
        no_op(
            "K: no article open",
            vec![Action::DeleteDocument(doc_id()), Action::SelectPrevious],
        ),
        effect(
            "Enter: the annotation at the caret",
            vec![
                mark(Actor, "Critics", 1),
                Action::Select(None),
                Action::SelectAt(span_of("Critics").start + 2),
            ],
            |_, after| assert_eq!(after.selected, Some(id(1))),
        ),
        effect(
            "Enter just after a name: that name",
            vec![
                mark(Actor, "Critics", 1),
                Action::Select(None),
                Action::SelectAt(span_of("Critics").end),
            ],
            |_, after| assert_eq!(after.selected, Some(id(1))),
        ),
        effect(
            "Enter in plain text: says so",
            vec![
                mark(Actor, "Critics", 1),
                Action::SelectAt(span_of("Mayor").start),
            ],
            |_, after| {
                assert_eq!(after.selected, Some(id(1)), "the selection stays");
                assert!(after.notice.is_some(), "told why nothing happened");
            },
        ),
        no_op(
            "Enter: no article open",
            vec![Action::DeleteDocument(doc_id()), Action::SelectAt(0)],
        ),
        // CycleSelection.
        effect(
            "Tab selects the next annotation where the click was",
            then(
                nested(),
                [Action::ClickAt(bridge()), Action::CycleSelection],
            ),
            |_, after| {
                assert_eq!(after.selected, Some(id(2)));
                assert_eq!(after.cycle_point, Some(bridge()));
                assert!(after.reveal);
                assert!(
                    after.announcement.1.ends_with("(2 of 3 here)"),
                    "{}",
                    after.announcement.1
                );
            },
        ),
        effect(
            "Tab wraps around",
            then(
                nested(),
                [
                    Action::ClickAt(bridge()),
                    Action::CycleSelection,
                    Action::CycleSelection,
                    Action::CycleSelection,
                ],
            ),
            |_, after| assert_eq!(after.selected, Some(id(3))),
        ),
        effect(
            "Tab without a click cycles at the selected one's start",
            then(
                nested(),
                [Action::Select(Some(id(2))), Action::CycleSelection],
            ),
            // At the claim's start: "The bridge" (shortest), the claim, the quote.
            |_, after| assert_eq!(after.selected, Some(id(1))),
        ),
        no_op("Tab with nothing selected", vec![Action::CycleSelection]),
        no_op(
            "Tab where only one annotation is",
            vec![mark(Actor, "Critics", 1), Action::CycleSelection],
        ),
    ]
}

#[test]
fn click_selects_innermost_then_cycles() {
    let state = run(nested());
    let point = bridge();
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

/// Every other way of selecting keeps the selection to annotations the article has (an
/// article changed in another tab, an import); `Select` from the list takes any id.
#[test]
fn selecting_an_annotation_the_article_does_not_have_changes_nothing() {
    let before = run(vec![mark(Label::Actor, "Critics", 1)]);
    let after = std::rc::Rc::clone(&before).reduce(Action::Select(Some(id(42))));
    assert_eq!(after.selected, before.selected);
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
