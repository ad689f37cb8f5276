//! The keyboard: which key means what ([`intent`]), and what it does in a given state
//! ([`respond`]). Pure, so the whole map and every rule are tested natively, and the shortcuts
//! dialog lists the same table the handler uses ([`SHORTCUTS`], in `shortcuts`).

mod shortcuts;
#[cfg(test)]
mod tests;

pub use shortcuts::SHORTCUTS;

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
