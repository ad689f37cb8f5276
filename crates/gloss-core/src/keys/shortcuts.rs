//! The `?` dialog's table: the same keys [`super::intent`] reads, in words.

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
