//! The keyboard: which key means what ([`intent`]), and what it does in a given state
//! ([`respond`]). Pure, so the whole map and every rule are tested natively, and the shortcuts
//! dialog lists the same table the handler uses.

use crate::model::offsets::{Edge, Resize};
use crate::model::{Label, Timestamp};
use crate::state::{Action, Dialog, Notice, State};

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyIntent {
    Label(Label),
    Delete,
    Undo,
    Redo,
    Cycle,
    Deselect,
    Resize(Edge, Resize),
    Shortcuts,
    /// The next annotation in text order.
    Next,
    /// The previous annotation in text order.
    Previous,
    /// The annotation at the caret.
    AtCaret,
    /// Pick the source of the selected quote or claim.
    Source,
    /// Open the find bar (`/`).
    Find,
    /// Go to the selected claim's Verdict menu (`V`).
    Verdict,
    /// Compute suggestions for the open article (`G`).
    Suggest,
    /// The next suggestion in text order (`N`).
    NextSuggestion,
    /// The previous suggestion in text order (`P`).
    PreviousSuggestion,
}

/// Where a key was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyTarget {
    /// The article's text (its caret).
    Article,
    /// A form field (a note, a title), where keys keep their ordinary meaning.
    TextField,
    /// Anywhere else: a button, the page.
    Other,
}

/// The modifier keys held with a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Modifiers {
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    pub meta: bool,
}

/// Maps `KeyboardEvent.key` and modifiers to an intent.
pub fn intent(key: &str, m: Modifiers) -> Option<KeyIntent> {
    let command = m.ctrl || m.meta;
    if command && !m.alt {
        return match (key, m.shift) {
            ("z" | "Z", false) => Some(KeyIntent::Undo),
            ("z" | "Z", true) | ("y" | "Y", false) => Some(KeyIntent::Redo),
            _ => None,
        };
    }
    if command {
        return None;
    }
    if m.alt {
        return match (key, m.shift) {
            ("ArrowRight", false) => Some(KeyIntent::Resize(Edge::End, Resize::Grow)),
            ("ArrowLeft", false) => Some(KeyIntent::Resize(Edge::End, Resize::Shrink)),
            ("ArrowLeft", true) => Some(KeyIntent::Resize(Edge::Start, Resize::Grow)),
            ("ArrowRight", true) => Some(KeyIntent::Resize(Edge::Start, Resize::Shrink)),
            _ => None,
        };
    }
    match key {
        "Delete" | "Backspace" => Some(KeyIntent::Delete),
        "Tab" if !m.shift => Some(KeyIntent::Cycle),
        "Escape" => Some(KeyIntent::Deselect),
        "?" => Some(KeyIntent::Shortcuts),
        "/" => Some(KeyIntent::Find),
        "j" | "J" => Some(KeyIntent::Next),
        "k" | "K" => Some(KeyIntent::Previous),
        "Enter" if !m.shift => Some(KeyIntent::AtCaret),
        "s" | "S" => Some(KeyIntent::Source),
        // Plain V only (Caps Lock gives "V" without Shift): Shift + V is left alone.
        "v" | "V" if !m.shift => Some(KeyIntent::Verdict),
        "g" | "G" => Some(KeyIntent::Suggest),
        "n" | "N" => Some(KeyIntent::NextSuggestion),
        "p" | "P" => Some(KeyIntent::PreviousSuggestion),
        _ => Label::from_key(key).map(KeyIntent::Label),
    }
}

/// What the app does with a key press.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyResponse {
    /// Whether the browser's own meaning of the key is cancelled.
    pub prevent_default: bool,
    pub command: KeyCommand,
}

/// The part of a key press's effect that is not the browser's.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyCommand {
    /// Mark the text selection with this label: the app reads the selection from the page,
    /// then dispatches [`Action::ApplyLabel`].
    MarkSelection(Label),
    /// Select the annotation at the caret: the app reads the caret from the page, then
    /// dispatches [`Action::SelectAt`].
    SelectAtCaret,
    /// Open the find bar and put the focus in its field.
    OpenFind,
    /// Put the focus on the selected claim's Verdict menu.
    FocusVerdict,
    /// Compute suggestions for the open article, then dispatch [`Action::ShowSuggestions`].
    Suggest,
    /// Accept the selected suggestion: the app makes new ids, then dispatches
    /// [`Action::AcceptSuggestion`].
    AcceptSuggestion,
    /// Dispatch these actions, in order (none: the key is left to the browser).
    Dispatch(Vec<Action>),
}

impl KeyResponse {
    fn pass() -> KeyResponse {
        KeyResponse {
            prevent_default: false,
            command: KeyCommand::Dispatch(Vec::new()),
        }
    }

    fn take(actions: Vec<Action>) -> KeyResponse {
        KeyResponse {
            prevent_default: true,
            command: KeyCommand::Dispatch(actions),
        }
    }
}

/// What a key press with `intent`, typed at `target`, does in `state`.
pub fn respond(state: &State, intent: KeyIntent, target: KeyTarget, now: Timestamp) -> KeyResponse {
    if state.dialog.is_some() {
        // Inside a dialog only Escape means something to Gloss: it closes the dialog.
        return if intent == KeyIntent::Deselect {
            KeyResponse::take(vec![Action::CloseDialog])
        } else {
            KeyResponse::pass()
        };
    }
    if target == KeyTarget::TextField {
        return KeyResponse::pass();
    }
    if let Some(response) = suggestion_key(state, intent, target) {
        return response;
    }
    match intent {
        KeyIntent::Label(label) => KeyResponse {
            prevent_default: true,
            command: KeyCommand::MarkSelection(label),
        },
        // Inside the article, Backspace and Delete never edit the text.
        KeyIntent::Delete if state.selected.is_some() => {
            KeyResponse::take(vec![Action::DeleteSelected])
        }
        KeyIntent::Delete => KeyResponse::take(Vec::new()),
        KeyIntent::Undo => KeyResponse::take(vec![Action::Undo]),
        KeyIntent::Redo => KeyResponse::take(vec![Action::Redo]),
        // Tab moves the focus as usual unless there is another annotation to cycle to.
        KeyIntent::Cycle if state.can_cycle() => KeyResponse::take(vec![Action::CycleSelection]),
        KeyIntent::Cycle => KeyResponse::pass(),
        // Escape closes the source picker first, and keeps the quote selected.
        KeyIntent::Deselect if state.picking.is_some() => {
            KeyResponse::take(vec![Action::CancelPicking])
        }
        // Escape also ends the browser's own text selection: not cancelled.
        KeyIntent::Deselect => KeyResponse {
            prevent_default: false,
            command: KeyCommand::Dispatch(vec![Action::Select(None), Action::DismissNotice]),
        },
        KeyIntent::Resize(edge, how) if state.selected.is_some() => {
            KeyResponse::take(vec![Action::ResizeSelected { edge, how, at: now }])
        }
        KeyIntent::Resize(..) => KeyResponse::pass(),
        KeyIntent::Shortcuts => KeyResponse::take(vec![Action::OpenDialog(Dialog::Shortcuts)]),
        KeyIntent::Next if state.article.is_some() => KeyResponse::take(vec![Action::SelectNext]),
        KeyIntent::Previous if state.article.is_some() => {
            KeyResponse::take(vec![Action::SelectPrevious])
        }
        KeyIntent::Next | KeyIntent::Previous => KeyResponse::pass(),
        // Enter in the text (where it would start a new line) selects; on a button it presses it.
        KeyIntent::AtCaret if target == KeyTarget::Article => KeyResponse {
            prevent_default: true,
            command: KeyCommand::SelectAtCaret,
        },
        KeyIntent::AtCaret => KeyResponse::pass(),
        KeyIntent::Source if state.article.is_some() => KeyResponse::take(vec![Action::PickSource]),
        KeyIntent::Source => KeyResponse::pass(),
        KeyIntent::Find if state.article.is_some() => KeyResponse {
            prevent_default: true,
            command: KeyCommand::OpenFind,
        },
        KeyIntent::Find => KeyResponse::pass(),
        KeyIntent::Verdict => verdict_key(state),
        KeyIntent::Suggest | KeyIntent::NextSuggestion | KeyIntent::PreviousSuggestion => {
            KeyResponse::pass()
        }
    }
}

/// The suggestion keys: `G`, `N` and `P` with an article open; and while a suggestion is
/// selected `Enter` (in the article) accepts it, `Delete`/`Backspace` rejects it, `Tab` moves to
/// the next one and `Escape` deselects it. `None`: the key means what it always did.
fn suggestion_key(state: &State, intent: KeyIntent, target: KeyTarget) -> Option<KeyResponse> {
    state.article.as_ref()?;
    let selected = state.selected_suggestion.is_some();
    Some(match intent {
        KeyIntent::Suggest => KeyResponse {
            prevent_default: true,
            command: KeyCommand::Suggest,
        },
        KeyIntent::NextSuggestion => KeyResponse::take(vec![Action::NextSuggestion]),
        KeyIntent::PreviousSuggestion => KeyResponse::take(vec![Action::PreviousSuggestion]),
        KeyIntent::AtCaret if selected && target == KeyTarget::Article => KeyResponse {
            prevent_default: true,
            command: KeyCommand::AcceptSuggestion,
        },
        KeyIntent::Delete if selected => KeyResponse::take(vec![Action::RejectSuggestion]),
        KeyIntent::Cycle if selected => KeyResponse::take(vec![Action::NextSuggestion]),
        KeyIntent::Deselect if selected && state.picking.is_none() => KeyResponse {
            prevent_default: false,
            command: KeyCommand::Dispatch(vec![Action::SelectSuggestion(None)]),
        },
        _ => return None,
    })
}

/// `V`: the selected claim's Verdict menu, or a hint in words saying what to select first.
fn verdict_key(state: &State) -> KeyResponse {
    if state.article.is_none() {
        return KeyResponse::pass();
    }
    let hint = match state.selected_annotation().map(|a| a.label) {
        Some(Label::Claim) => {
            return KeyResponse {
                prevent_default: true,
                command: KeyCommand::FocusVerdict,
            }
        }
        Some(Label::Quote) => "Only a claim has a verdict, and this is a quote: press 1 or C to make it a claim.",
        Some(Label::Actor) => "Only a claim has a verdict, and this is an actor: press 1 or C to make it a claim.",
        None => "Select a claim first (J and K move between annotations), then press V to set its verdict.",
    };
    KeyResponse::take(vec![Action::Notify(Notice::hint(hint))])
}

/// The shortcuts as shown in the `?` dialog: keys, then what they do.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "1 or C",
        "Mark the selection as a claim, or make the selected annotation one",
    ),
    (
        "2 or Q",
        "Mark the selection as a quote, or make the selected annotation one",
    ),
    (
        "3 or A",
        "Mark the selection as an actor, or make the selected annotation one",
    ),
    (
        "Shift + arrows",
        "Select text with the keyboard (click or tab into the article first)",
    ),
    (
        "Tab",
        "Next annotation at the same place (when one is selected)",
    ),
    (
        "J  /  K",
        "Select the next / previous annotation in the text",
    ),
    (
        "Enter",
        "Select the annotation at the caret (in the article; again for the next one there)",
    ),
    (
        "S",
        "Say who said the selected quote or claim: pick its source among the actors",
    ),
    ("V", "Set the verdict of the selected claim"),
    ("Delete or Backspace", "Delete the selected annotation"),
    (
        "Alt + →  /  Alt + ←",
        "Extend / shrink the selected annotation's end by a word",
    ),
    (
        "Alt + Shift + ←  /  Alt + Shift + →",
        "Extend / shrink its start by a word",
    ),
    ("Ctrl + Z", "Undo"),
    ("Ctrl + Shift + Z or Ctrl + Y", "Redo"),
    ("Escape", "Deselect, or close a dialog or the source picker"),
    (
        "/",
        "Find in the article (Enter / Shift + Enter: next / previous match)",
    ),
    ("G", "Suggest quotes, speakers and actors in the article"),
    (
        "N  /  P",
        "Select the next / previous suggestion (the first / last when none is)",
    ),
    (
        "Enter",
        "Accept the selected suggestion (in the article), with its speaker",
    ),
    (
        "Delete or Backspace",
        "Reject the selected suggestion: it is not suggested again for this article",
    ),
    ("Tab", "Next suggestion (when one is selected)"),
    ("?", "Show these shortcuts"),
];

#[cfg(test)]
mod tests {
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
}
