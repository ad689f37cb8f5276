//! What the screen shows beside the article that belongs to this session only: messages and
//! which dialog is open. Never stored.

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
}
