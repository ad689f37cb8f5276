//! What the screen shows beside the article that belongs to this session only: messages and
//! which dialog is open. Never stored.

use super::State;

/// A message for the person: a hint (polite status) or an error (an alert).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn hint(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Hint,
            text: text.into(),
        }
    }

    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Hint,
    Error,
}

/// Which dialog is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    NewArticle,
    Shortcuts,
    Library,
    /// "Who said what": quotes and claims per person (its scope and filter are the view's).
    WhoSaidWhat,
    /// "Export" → "ClaimReview": the reviewer's name and what the file will hold.
    ClaimReview,
    /// "Your name": who annotates in this browser.
    YourName,
    /// "Compare": the annotators' agreement, their disagreements side by side, curation.
    Compare,
    /// "Sync": the database this library syncs with.
    Sync,
}

impl State {
    /// Opens `dialog` (`None`: it is open already). The Library opens with no filter: one left
    /// from last time would hide articles without saying so.
    pub(super) fn open_dialog(&self, dialog: Dialog) -> Option<State> {
        (self.dialog != Some(dialog)).then(|| State {
            dialog: Some(dialog),
            library_filter: if dialog == Dialog::Library {
                String::new()
            } else {
                self.library_filter.clone()
            },
            ..self.clone()
        })
    }
}
