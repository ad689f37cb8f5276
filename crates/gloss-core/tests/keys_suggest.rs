//! The suggestion keys in a given state: `G`, `N`, `P` with an article open; with a suggestion
//! selected `Enter` (in the article) accepts, `Delete`/`Backspace` rejects, `Tab` goes on,
//! `Escape` deselects; without one every key keeps its meaning.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::keys::{intent, respond, KeyCommand, KeyIntent, KeyTarget, Modifiers};
use gloss_core::model::{Document, Span, Timestamp};
use gloss_core::state::{Action, State};
use gloss_core::suggest::{Kind, Suggestion};

fn states() -> (State, State) {
    let doc = Document::new(
        "T".into(),
        None,
        Rc::from("Ana Ruiz said no."),
        Timestamp(0),
    );
    let id = doc.id;
    let plain = State::with_document(doc);
    let s = Suggestion {
        kind: Kind::Actor,
        span: Span { start: 0, end: 8 },
        speaker: None,
    };
    let chosen = Rc::new(plain.clone())
        .reduce(Action::ShowSuggestions {
            document: id,
            suggestions: vec![s.clone()],
        })
        .reduce(Action::SelectSuggestion(Some(s)));
    assert!(chosen.selected_suggestion.is_some());
    (plain, (*chosen).clone())
}

#[test]
fn suggestion_keys() {
    let (plain, chosen) = states();
    let none = Modifiers::default();
    let key = |k: &str| intent(k, none).expect(k);
    let dispatch = |a: Vec<Action>| KeyCommand::Dispatch(a);
    let cases: Vec<(&str, &State, KeyIntent, KeyTarget, KeyCommand)> = vec![
        (
            "G suggests",
            &plain,
            key("g"),
            KeyTarget::Other,
            KeyCommand::Suggest,
        ),
        (
            "N: next",
            &plain,
            key("n"),
            KeyTarget::Article,
            dispatch(vec![Action::NextSuggestion]),
        ),
        (
            "P: previous",
            &plain,
            key("P"),
            KeyTarget::Other,
            dispatch(vec![Action::PreviousSuggestion]),
        ),
        (
            "Enter accepts in the article",
            &chosen,
            key("Enter"),
            KeyTarget::Article,
            KeyCommand::AcceptSuggestion,
        ),
        (
            "Enter on a button presses it",
            &chosen,
            key("Enter"),
            KeyTarget::Other,
            dispatch(vec![]),
        ),
        (
            "Enter without one selects at the caret",
            &plain,
            key("Enter"),
            KeyTarget::Article,
            KeyCommand::SelectAtCaret,
        ),
        (
            "Delete rejects",
            &chosen,
            key("Delete"),
            KeyTarget::Article,
            dispatch(vec![Action::RejectSuggestion]),
        ),
        (
            "Backspace rejects",
            &chosen,
            key("Backspace"),
            KeyTarget::Other,
            dispatch(vec![Action::RejectSuggestion]),
        ),
        (
            "Delete without one deletes nothing",
            &plain,
            key("Delete"),
            KeyTarget::Article,
            dispatch(vec![]),
        ),
        (
            "Tab: the next suggestion",
            &chosen,
            key("Tab"),
            KeyTarget::Article,
            dispatch(vec![Action::NextSuggestion]),
        ),
        (
            "Escape deselects it",
            &chosen,
            key("Escape"),
            KeyTarget::Article,
            dispatch(vec![Action::SelectSuggestion(None)]),
        ),
        (
            "G in a text field is typing",
            &plain,
            key("g"),
            KeyTarget::TextField,
            dispatch(vec![]),
        ),
    ];
    for (name, state, intent, target, want) in cases {
        assert_eq!(
            respond(state, intent, target, Timestamp(1)).command,
            want,
            "case {name}"
        );
    }
    assert!(
        !respond(&State::default(), key("n"), KeyTarget::Other, Timestamp(1)).prevent_default,
        "no article: N is left alone"
    );
}
