//! The keyboard map: which key means what. Pure, so the whole map is tested natively and the
//! shortcuts dialog lists the same table the handler uses.

use crate::model::offsets::{Edge, Resize};
use crate::model::Label;

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
        _ => Label::from_key(key).map(KeyIntent::Label),
    }
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
    ("Escape", "Deselect, or close a dialog"),
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
            ("other letter", "x", NONE, None),
        ];
        for (name, key, m, want) in cases {
            assert_eq!(intent(key, *m), *want, "case {name}");
        }
    }
}
