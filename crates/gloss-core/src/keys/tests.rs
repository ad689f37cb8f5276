//! The key map and every rule of [`super::respond`], state by state.

use super::*;

const NONE: Modifiers = Modifiers {
    ctrl: false,
    shift: false,
    alt: false,
    meta: false,
};
const CTRL: Modifiers = Modifiers { ctrl: true, ..NONE };
const CTRL_SHIFT: Modifiers = Modifiers {
    ctrl: true,
    shift: true,
    ..NONE
};
const SHIFT: Modifiers = Modifiers {
    shift: true,
    ..NONE
};
const ALT: Modifiers = Modifiers { alt: true, ..NONE };
const ALT_SHIFT: Modifiers = Modifiers {
    alt: true,
    shift: true,
    ..NONE
};
const META: Modifiers = Modifiers { meta: true, ..NONE };

#[test]
fn key_table() {
    let cases: &[(&str, &str, Modifiers, Option<KeyIntent>)] = &[
        ("digit 1", "1", NONE, Some(KeyIntent::Label(Label::Claim))),
        ("digit 2", "2", NONE, Some(KeyIntent::Label(Label::Quote))),
        ("digit 3", "3", NONE, Some(KeyIntent::Label(Label::Actor))),
        ("letter c", "c", NONE, Some(KeyIntent::Label(Label::Claim))),
        (
            "capital Q",
            "Q",
            SHIFT,
            Some(KeyIntent::Label(Label::Quote)),
        ),
        ("letter a", "a", NONE, Some(KeyIntent::Label(Label::Actor))),
        ("ctrl+a is select all, not actor", "a", CTRL, None),
        ("ctrl+c is copy, not claim", "c", CTRL, None),
        ("undo", "z", CTRL, Some(KeyIntent::Undo)),
        ("undo on mac", "z", META, Some(KeyIntent::Undo)),
        ("redo shift", "Z", CTRL_SHIFT, Some(KeyIntent::Redo)),
        ("redo y", "y", CTRL, Some(KeyIntent::Redo)),
        ("delete", "Delete", NONE, Some(KeyIntent::Delete)),
        ("backspace", "Backspace", NONE, Some(KeyIntent::Delete)),
        ("tab", "Tab", NONE, Some(KeyIntent::Cycle)),
        ("shift tab moves focus", "Tab", SHIFT, None),
        ("escape", "Escape", NONE, Some(KeyIntent::Deselect)),
        ("help", "?", SHIFT, Some(KeyIntent::Shortcuts)),
        ("source", "s", NONE, Some(KeyIntent::Source)),
        ("source, capital", "S", SHIFT, Some(KeyIntent::Source)),
        ("ctrl+s is the browser's, not source", "s", CTRL, None),
        (
            "grow end",
            "ArrowRight",
            ALT,
            Some(KeyIntent::Resize(Edge::End, Resize::Grow)),
        ),
        (
            "shrink end",
            "ArrowLeft",
            ALT,
            Some(KeyIntent::Resize(Edge::End, Resize::Shrink)),
        ),
        (
            "grow start",
            "ArrowLeft",
            ALT_SHIFT,
            Some(KeyIntent::Resize(Edge::Start, Resize::Grow)),
        ),
        (
            "shrink start",
            "ArrowRight",
            ALT_SHIFT,
            Some(KeyIntent::Resize(Edge::Start, Resize::Shrink)),
        ),
        ("plain arrow selects text", "ArrowRight", SHIFT, None),
        ("next", "j", NONE, Some(KeyIntent::Next)),
        ("next, capital", "J", SHIFT, Some(KeyIntent::Next)),
        ("previous", "k", NONE, Some(KeyIntent::Previous)),
        ("previous, capital", "K", SHIFT, Some(KeyIntent::Previous)),
        ("ctrl+k is the browser's", "k", CTRL, None),
        ("enter", "Enter", NONE, Some(KeyIntent::AtCaret)),
        ("shift+enter is not", "Enter", SHIFT, None),
        ("ctrl+enter is not", "Enter", CTRL, None),
        ("find", "/", NONE, Some(KeyIntent::Find)),
        (
            "find, where / takes Shift",
            "/",
            SHIFT,
            Some(KeyIntent::Find),
        ),
        ("ctrl+/ is not", "/", CTRL, None),
        ("verdict", "v", NONE, Some(KeyIntent::Verdict)),
        ("verdict, caps lock", "V", NONE, Some(KeyIntent::Verdict)),
        ("shift+v is not", "V", SHIFT, None),
        ("ctrl+v is paste, not verdict", "v", CTRL, None),
        ("alt+v is not", "v", ALT, None),
        ("suggest", "g", NONE, Some(KeyIntent::Suggest)),
        ("suggest, capital", "G", SHIFT, Some(KeyIntent::Suggest)),
        ("ctrl+g is the browser's", "g", CTRL, None),
        (
            "next suggestion",
            "n",
            NONE,
            Some(KeyIntent::NextSuggestion),
        ),
        (
            "next suggestion, capital",
            "N",
            SHIFT,
            Some(KeyIntent::NextSuggestion),
        ),
        ("ctrl+n is the browser's", "n", CTRL, None),
        (
            "previous suggestion",
            "p",
            NONE,
            Some(KeyIntent::PreviousSuggestion),
        ),
        ("ctrl+p is print", "p", CTRL, None),
        ("other letter", "x", NONE, None),
    ];
    for (name, key, m, want) in cases {
        assert_eq!(intent(key, *m), *want, "case {name}");
    }
}

fn state_with(spans: &[(usize, usize)], select: Option<usize>) -> State {
    state_of(Label::Actor, spans, select)
}

fn state_of(label: Label, spans: &[(usize, usize)], select: Option<usize>) -> State {
    use crate::model::{Annotation, AnnotationId, Document, Span};
    use std::rc::Rc;
    let mut doc = Document::new(
        "T".into(),
        None,
        Rc::from("Minister Ana Ruiz said the port reopens."),
        Timestamp(0),
    );
    for (i, &(start, end)) in spans.iter().enumerate() {
        doc.annotations.push(Annotation::new(
            AnnotationId(uuid::Uuid::from_u128(i as u128 + 1)),
            label,
            Span { start, end },
            Timestamp(0),
        ));
    }
    let mut state = State::with_document(doc);
    state.selected = select.map(|i| AnnotationId(uuid::Uuid::from_u128(i as u128 + 1)));
    state
}

#[test]
fn response_table() {
    let none = state_with(&[], None);
    let selected = state_with(&[(0, 17)], Some(0));
    let nested = state_with(&[(0, 17), (9, 17)], Some(1));
    let mut dialog = selected.clone();
    dialog.dialog = Some(Dialog::Library);
    let mut picking = selected.clone();
    picking.picking = picking.selected;
    let now = Timestamp(9);
    let empty = State::default();
    let claim = state_of(Label::Claim, &[(18, 39)], Some(0));
    let mut claim_dialog = claim.clone();
    claim_dialog.dialog = Some(Dialog::Shortcuts);
    let take = |actions: Vec<Action>| KeyResponse::take(actions);
    let hint = |text: &str| KeyResponse::take(vec![Action::Notify(Notice::hint(text))]);
    const OTHER: KeyTarget = KeyTarget::Other;
    const FIELD: KeyTarget = KeyTarget::TextField;
    const ARTICLE: KeyTarget = KeyTarget::Article;
    let cases: Vec<(&str, &State, KeyIntent, KeyTarget, KeyResponse)> = vec![
        (
            "a label key marks the selection",
            &none,
            KeyIntent::Label(Label::Quote),
            OTHER,
            KeyResponse {
                prevent_default: true,
                command: KeyCommand::MarkSelection(Label::Quote),
            },
        ),
        (
            "a label key typed in a note is text",
            &selected,
            KeyIntent::Label(Label::Quote),
            FIELD,
            KeyResponse::pass(),
        ),
        (
            "S asks for the source picker",
            &selected,
            KeyIntent::Source,
            OTHER,
            take(vec![Action::PickSource]),
        ),
        (
            "S typed in a note is text",
            &selected,
            KeyIntent::Source,
            FIELD,
            KeyResponse::pass(),
        ),
        (
            "S with no article is the browser's",
            &empty,
            KeyIntent::Source,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "Escape closes the source picker and keeps the selection",
            &picking,
            KeyIntent::Deselect,
            OTHER,
            take(vec![Action::CancelPicking]),
        ),
        (
            "delete with a selection",
            &selected,
            KeyIntent::Delete,
            OTHER,
            take(vec![Action::DeleteSelected]),
        ),
        (
            "delete with nothing selected never edits the text",
            &none,
            KeyIntent::Delete,
            OTHER,
            take(vec![]),
        ),
        (
            "undo",
            &none,
            KeyIntent::Undo,
            OTHER,
            take(vec![Action::Undo]),
        ),
        (
            "redo",
            &none,
            KeyIntent::Redo,
            OTHER,
            take(vec![Action::Redo]),
        ),
        (
            "tab cycles where annotations nest",
            &nested,
            KeyIntent::Cycle,
            OTHER,
            take(vec![Action::CycleSelection]),
        ),
        (
            "tab moves focus where one annotation is",
            &selected,
            KeyIntent::Cycle,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "tab moves focus with nothing selected",
            &none,
            KeyIntent::Cycle,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "escape deselects and dismisses, keeping the browser's meaning",
            &selected,
            KeyIntent::Deselect,
            OTHER,
            KeyResponse {
                prevent_default: false,
                command: KeyCommand::Dispatch(vec![
                    Action::Select(None),
                    Action::DismissNotice,
                ]),
            },
        ),
        (
            "resize the selected annotation",
            &selected,
            KeyIntent::Resize(Edge::End, Resize::Grow),
            OTHER,
            take(vec![Action::ResizeSelected {
                edge: Edge::End,
                how: Resize::Grow,
                at: now,
            }]),
        ),
        (
            "alt+arrow with nothing selected is the browser's",
            &none,
            KeyIntent::Resize(Edge::End, Resize::Grow),
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "? opens the shortcuts",
            &none,
            KeyIntent::Shortcuts,
            OTHER,
            take(vec![Action::OpenDialog(Dialog::Shortcuts)]),
        ),
        (
            "escape closes a dialog",
            &dialog,
            KeyIntent::Deselect,
            OTHER,
            take(vec![Action::CloseDialog]),
        ),
        (
            "other keys do nothing in a dialog",
            &dialog,
            KeyIntent::Delete,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "j selects the next annotation",
            &selected,
            KeyIntent::Next,
            ARTICLE,
            take(vec![Action::SelectNext]),
        ),
        (
            "k selects the previous one, from a button too",
            &none,
            KeyIntent::Previous,
            OTHER,
            take(vec![Action::SelectPrevious]),
        ),
        (
            "j typed in a note is text",
            &selected,
            KeyIntent::Next,
            FIELD,
            KeyResponse::pass(),
        ),
        (
            "j with no article open is nothing",
            &empty,
            KeyIntent::Next,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "enter in the article selects at the caret, never a new line",
            &none,
            KeyIntent::AtCaret,
            ARTICLE,
            KeyResponse {
                prevent_default: true,
                command: KeyCommand::SelectAtCaret,
            },
        ),
        (
            "enter on a button presses it",
            &selected,
            KeyIntent::AtCaret,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "enter in a note is a new line",
            &selected,
            KeyIntent::AtCaret,
            FIELD,
            KeyResponse::pass(),
        ),
        (
            "j in a dialog is the dialog's",
            &dialog,
            KeyIntent::Next,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "/ opens the find bar",
            &none,
            KeyIntent::Find,
            ARTICLE,
            KeyResponse {
                prevent_default: true,
                command: KeyCommand::OpenFind,
            },
        ),
        (
            "/ typed in a field is text",
            &none,
            KeyIntent::Find,
            FIELD,
            KeyResponse::pass(),
        ),
        (
            "/ with no article open is the browser's",
            &empty,
            KeyIntent::Find,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "/ in a dialog is the dialog's",
            &dialog,
            KeyIntent::Find,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "V goes to the selected claim's verdict",
            &claim,
            KeyIntent::Verdict,
            ARTICLE,
            KeyResponse {
                prevent_default: true,
                command: KeyCommand::FocusVerdict,
            },
        ),
        (
            "V typed in a note is text",
            &claim,
            KeyIntent::Verdict,
            FIELD,
            KeyResponse::pass(),
        ),
        (
            "V with an actor selected says only a claim has one",
            &selected,
            KeyIntent::Verdict,
            OTHER,
            hint("Only a claim has a verdict, and this is an actor: press 1 or C to make it a claim."),
        ),
        (
            "V with nothing selected says to select a claim",
            &none,
            KeyIntent::Verdict,
            ARTICLE,
            hint("Select a claim first (J and K move between annotations), then press V to set its verdict."),
        ),
        (
            "V with no article is the browser's",
            &empty,
            KeyIntent::Verdict,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "V in a dialog is the dialog's",
            &claim_dialog,
            KeyIntent::Verdict,
            OTHER,
            KeyResponse::pass(),
        ),
        (
            "even label keys",
            &dialog,
            KeyIntent::Label(Label::Claim),
            OTHER,
            KeyResponse::pass(),
        ),
    ];
    for (name, state, intent, target, want) in cases {
        assert_eq!(respond(state, intent, target, now), want, "case {name}");
    }
}
