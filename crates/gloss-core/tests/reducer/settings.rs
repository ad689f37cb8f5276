//! What belongs to the session only: the list's label filter, whole-word snapping, dialogs and
//! messages.

use gloss_core::model::Label;
use gloss_core::state::{Action, Dialog, Notice, NoticeKind};

use crate::fixtures::*;

pub fn cases() -> Vec<Case> {
    vec![
        // SetFilter.
        effect(
            "filter the list by a label",
            vec![Action::SetFilter(Some(Label::Actor))],
            |before, after| {
                assert_eq!(after.filter, Some(Label::Actor));
                assert_eq!(after.library, before.library);
            },
        ),
        effect(
            "show every label again",
            vec![
                Action::SetFilter(Some(Label::Actor)),
                Action::SetFilter(None),
            ],
            |_, after| assert_eq!(after.filter, None),
        ),
        no_op(
            "filter: the same label again",
            vec![
                Action::SetFilter(Some(Label::Quote)),
                Action::SetFilter(Some(Label::Quote)),
            ],
        ),
        no_op(
            "filter: every label when every label shows",
            vec![Action::SetFilter(None)],
        ),
        // SetWholeWords.
        effect(
            "exact characters instead of whole words",
            vec![Action::SetWholeWords(false)],
            |before, after| {
                assert!(before.whole_words, "whole words by default");
                assert!(!after.whole_words);
            },
        ),
        no_op(
            "whole words when already",
            vec![Action::SetWholeWords(true)],
        ),
        // OpenDialog and CloseDialog.
        effect(
            "open a dialog",
            vec![Action::OpenDialog(Dialog::Shortcuts)],
            |_, after| assert_eq!(after.dialog, Some(Dialog::Shortcuts)),
        ),
        effect(
            "another dialog takes the place of the open one",
            vec![
                Action::OpenDialog(Dialog::Shortcuts),
                Action::OpenDialog(Dialog::Library),
            ],
            |_, after| assert_eq!(after.dialog, Some(Dialog::Library)),
        ),
        no_op(
            "open dialog: the one already open",
            vec![
                Action::OpenDialog(Dialog::NewArticle),
                Action::OpenDialog(Dialog::NewArticle),
            ],
        ),
        effect(
            "close the dialog",
            vec![Action::OpenDialog(Dialog::Library), Action::CloseDialog],
            |_, after| assert_eq!(after.dialog, None),
        ),
        no_op("close dialog: none open", vec![Action::CloseDialog]),
        // Notify and DismissNotice.
        effect(
            "show a message",
            vec![Action::Notify(Notice::error("Could not read the file."))],
            |_, after| {
                let notice = after.notice.as_ref().expect("a notice");
                assert_eq!(notice.kind, NoticeKind::Error);
                assert_eq!(notice.text, "Could not read the file.");
            },
        ),
        effect(
            "another message takes the place of the one shown",
            vec![
                Action::Notify(Notice::error("Could not read the file.")),
                Action::Notify(Notice::hint("Copied.")),
            ],
            |_, after| assert_eq!(after.notice, Some(Notice::hint("Copied."))),
        ),
        no_op(
            "notify: the same message again",
            vec![
                Action::Notify(Notice::hint("Copied.")),
                Action::Notify(Notice::hint("Copied.")),
            ],
        ),
        effect(
            "dismiss the message",
            vec![key(Label::Claim), Action::DismissNotice],
            |before, after| {
                assert!(before.notice.is_some());
                assert_eq!(after.notice, None);
            },
        ),
        no_op("dismiss: no message shown", vec![Action::DismissNotice]),
    ]
}
