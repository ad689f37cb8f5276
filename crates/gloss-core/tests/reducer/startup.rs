//! Start-up: the library read from storage (`LibraryLoaded`), and the last open article read
//! ahead of it (`LastOpenLoaded`), with what other tabs and this one did meanwhile.

use std::rc::Rc;

use gloss_core::model::Label;
use gloss_core::state::{Action, NoticeKind};
use gloss_core::storage::LoadedLibrary;

use crate::fixtures::*;
use crate::library::{ahead, loaded, saved_by_another_tab, test_article, with_revision};

pub fn cases() -> Vec<Case> {
    vec![
        // LibraryLoaded.
        effect(
            "stored articles join the library and count as saved",
            vec![loaded(vec![with_revision(other(1, "Kept", 10), 4)])],
            |before, after| {
                assert_eq!(before.storage, gloss_core::state::Storage::Loading);
                assert_eq!(after.storage, gloss_core::state::Storage::Ready);
                assert!(after.library.contains_key(&other_id(1)));
                assert!(after.library.contains_key(&doc_id()), "ours stays");
                assert_eq!(after.saved.get(&other_id(1)), Some(&4));
                assert_eq!(open(after), Some(doc_id()), "not the sample: it stays open");
                let pending: Vec<_> = after.pending_writes().iter().map(|d| d.id).collect();
                assert_eq!(pending, vec![doc_id()], "only what storage lacks is written");
            },
        ),
        effect(
            "the untouched sample gives way to the last open article",
            vec![Action::LibraryLoaded(LoadedLibrary {
                documents: vec![other(1, "Newer", 20), other(2, "Last open", 10)],
                last_open: Some(other_id(2)),
                ..LoadedLibrary::default()
            })],
            |_, after| {
                assert!(!after.library.contains_key(&doc_id()), "the sample is gone");
                assert_eq!(after.library.len(), 2);
                assert_eq!(open(after), Some(other_id(2)));
                assert!(after.pending_writes().is_empty(), "the sample is never written");
            },
        )
        .from(sample),
        // LastOpenLoaded.
        effect(
            "the last open article, read ahead, takes the untouched sample's place as saved",
            vec![Action::LastOpenLoaded(with_revision(other(2, "Last open", 10), 6))],
            |before, after| {
                assert_eq!(after.storage, gloss_core::state::Storage::Loading);
                assert!(!after.library.contains_key(&doc_id()), "the sample is gone");
                assert_eq!(open(after), Some(other_id(2)));
                assert_eq!(after.saved.get(&other_id(2)), Some(&6));
                assert!(after.pending_writes().is_empty(), "nothing to write");
                assert_ne!(open(before), open(after));
            },
        )
        .from(sample),
        effect(
            "then the library loads around it: it stays open, the same, and nothing is written",
            vec![
                Action::LastOpenLoaded(with_revision(other(2, "Last open", 10), 6)),
                Action::LibraryLoaded(LoadedLibrary {
                    documents: vec![other(1, "Newer", 20), with_revision(other(2, "Last open", 10), 6)],
                    last_open: Some(other_id(2)),
                    ..LoadedLibrary::default()
                }),
            ],
            |_, after| {
                assert_eq!(after.library.len(), 2);
                assert_eq!(open(after), Some(other_id(2)));
                assert!(Rc::ptr_eq(&after.library[&other_id(2)], after.article.as_ref().map(|a| &a.doc).expect("open")), "the open article shares the library's copy");
                assert!(after.pending_writes().is_empty());
            },
        )
        .from(sample),
        effect(
            "marked before the library loaded, the article read ahead is written over the stored one",
            vec![
                Action::LastOpenLoaded(ahead()),
                mark(Label::Actor, "Critics", 1),
                Action::LibraryLoaded(LoadedLibrary {
                    documents: vec![ahead()],
                    last_open: Some(other_id(2)),
                    ..LoadedLibrary::default()
                }),
            ],
            |_, after| {
                let ours = &after.library[&other_id(2)];
                assert_eq!(ours.annotations.len(), 1, "the mark is kept");
                assert_eq!(open(after), Some(other_id(2)));
                assert!(ours.revision > 6);
                assert!(after.pending_writes().iter().any(|d| d.id == other_id(2)));
            },
        )
        .from(sample),
        effect(
            "read ahead, then saved by another tab before the library loaded: the newer one shows",
            vec![
                Action::LastOpenLoaded(ahead()),
                saved_by_another_tab(),
            ],
            |_, after| {
                let shown = after.article.as_ref().map(|a| Rc::clone(&a.doc)).expect("open");
                assert_eq!(shown.id, other_id(2));
                assert_eq!(shown.revision, 7, "the other tab's revision");
                assert_eq!(shown.annotations.len(), 1, "its annotation is there");
                assert_eq!(after.saved.get(&other_id(2)), Some(&7));
                assert!(after.pending_writes().is_empty(), "nothing written over it");
            },
        )
        .from(sample),
        effect(
            "read ahead and marked while another tab saved it: ours stays, its write based on what was read",
            vec![
                Action::LastOpenLoaded(ahead()),
                mark(Label::Actor, "Critics", 1),
                saved_by_another_tab(),
            ],
            |_, after| {
                let shown = after.article.as_ref().map(|a| Rc::clone(&a.doc)).expect("open");
                assert!(shown.annotations.iter().any(|a| a.label == Label::Actor), "ours stays");
                // Its write goes out on the revision read ahead, which storage no longer
                // holds: storage's check refuses it as a conflict (WriteConflict), never over.
                assert_eq!(after.saved.get(&other_id(2)), Some(&6));
            },
        )
        .from(sample),
        no_op(
            "read ahead once the library is loaded, it changes nothing",
            vec![Action::LastOpenLoaded(other(2, "Last open", 10))],
        ),
        effect(
            "without a last open article the most recently changed opens",
            vec![loaded(vec![other(1, "Older", 10), other(2, "Newer", 20)])],
            |_, after| assert_eq!(open(after), Some(other_id(2))),
        )
        .from(sample),
        effect(
            "a sample with marks stays and is written",
            vec![
                mark(Label::Actor, "Critics", 1),
                loaded(vec![other(1, "Stored", 10)]),
            ],
            |_, after| {
                assert_eq!(open(after), Some(doc_id()));
                assert_eq!(after.library.len(), 2);
                assert!(after.pending_writes().iter().any(|d| d.id == doc_id()));
            },
        )
        .from(sample),
        effect(
            "unreadable records are reported and the rest loads",
            vec![Action::LibraryLoaded(LoadedLibrary {
                documents: vec![other(1, "Fine", 10)],
                unreadable: vec!["record x: not valid JSON (eof)".into()],
                ..LoadedLibrary::default()
            })],
            |_, after| {
                assert!(after.library.contains_key(&other_id(1)));
                let notice = after.notice.as_ref().expect("a notice");
                assert_eq!(notice.kind, NoticeKind::Error);
                assert!(notice.text.contains("1 stored record(s)"), "{}", notice.text);
                assert!(notice.text.contains("record x: not valid JSON (eof)"));
            },
        ),
        effect(
            "an article changed before storage answered is written over the stored one",
            vec![
                mark(Label::Actor, "Critics", 1),
                loaded(vec![test_article("Stored", 3, vec![])]),
            ],
            |before, after| {
                let ours = &after.library[&doc_id()];
                assert_eq!(ours.annotations, before.library[&doc_id()].annotations);
                assert!(ours.revision > 3, "on top of the stored revision");
                assert_eq!(after.saved.get(&doc_id()), Some(&3));
                assert!(after.pending_writes().iter().any(|d| d.id == doc_id()));
            },
        ),
    ]
}
