//! Where storage stands and what the header says: writes confirmed, removals confirmed,
//! failures, conflicts with other tabs, retries and reconnections.

use gloss_core::model::Label;
use gloss_core::state::{Action, SaveStatus, Storage};
use gloss_core::storage::{LoadedLibrary, StorageError};

use crate::fixtures::*;

fn saved_at(revision: u64) -> Action {
    Action::Saved {
        id: doc_id(),
        revision,
    }
}

fn full() -> StorageError {
    StorageError::QuotaExceeded
}

fn pending(state: &gloss_core::state::State) -> Vec<gloss_core::model::DocumentId> {
    state.pending_writes().iter().map(|d| d.id).collect()
}

pub fn cases() -> Vec<Case> {
    vec![
        // Saved.
        effect(
            "a write reached storage: Saved",
            vec![saved_at(0)],
            |before, after| {
                assert_eq!(before.save_status(), SaveStatus::Saving);
                assert_eq!(after.saved.get(&doc_id()), Some(&0));
                assert_eq!(after.save_status(), SaveStatus::Saved);
                assert!(after.all_saved());
            },
        )
        .from(ready),
        effect(
            "an older revision stored is not the latest: still saving",
            vec![mark(Label::Actor, "Critics", 1), saved_at(0)],
            |_, after| {
                assert_eq!(pending(after), vec![doc_id()]);
                assert_eq!(after.save_status(), SaveStatus::Saving);
            },
        )
        .from(ready),
        effect(
            "a write succeeding after a failure makes storage ready again",
            vec![Action::StorageFailed(full()), saved_at(0)],
            |_, after| {
                assert_eq!(after.storage, Storage::Ready);
                assert_eq!(after.save_status(), SaveStatus::Saved);
            },
        )
        .from(ready),
        effect(
            "a revision already stored, confirmed after a failure, makes storage ready",
            vec![Action::StorageFailed(full()), saved_at(0)],
            |before, after| {
                assert_eq!(before.saved.get(&doc_id()), Some(&0));
                assert_eq!(after.storage, Storage::Ready);
            },
        )
        .from(saved),
        no_op("Saved: the same revision again", vec![saved_at(0)]).from(saved),
        // Removed.
        effect(
            "a removal reached storage",
            vec![
                Action::OpenDocument(other(7, "Other", 5)),
                Action::Saved {
                    id: other_id(7),
                    revision: 0,
                },
                Action::DeleteDocument(doc_id()),
                Action::Removed(doc_id()),
            ],
            |before, after| {
                assert_eq!(before.save_status(), SaveStatus::Saving, "a removal pending");
                assert!(after.removing.is_empty());
                assert!(!after.saved.contains_key(&doc_id()));
                assert_eq!(after.save_status(), SaveStatus::Saved);
            },
        )
        .from(saved),
        no_op(
            "Removed: an article storage never had",
            vec![Action::Removed(other_id(99))],
        )
        .from(saved),
        // StorageFailed.
        effect(
            "a failed write: the header says why, the write stays pending",
            vec![Action::StorageFailed(full())],
            |_, after| {
                assert_eq!(after.storage, Storage::Failed(full()));
                assert_eq!(
                    after.save_status(),
                    SaveStatus::NotSaved(full().to_string())
                );
                assert_eq!(pending(after), vec![doc_id()], "tried again later");
                assert!(!after.all_saved());
            },
        )
        .from(ready),
        no_op(
            "StorageFailed: the same failure again",
            vec![
                Action::StorageFailed(full()),
                Action::StorageFailed(full()),
            ],
        )
        .from(ready),
        // StorageUnavailable.
        effect(
            "storage unavailable: work stays in memory and the header says so",
            vec![Action::StorageUnavailable(StorageError::Blocked)],
            |_, after| {
                assert_eq!(after.storage, Storage::Unavailable(StorageError::Blocked));
                assert_eq!(
                    after.save_status(),
                    SaveStatus::NotSaved(StorageError::Blocked.to_string())
                );
                assert!(after.pending_writes().is_empty(), "nothing is tried");
                assert!(!after.all_saved());
            },
        )
        .from(saved),
        no_op(
            "StorageUnavailable: the same reason again",
            vec![
                Action::StorageUnavailable(StorageError::Blocked),
                Action::StorageUnavailable(StorageError::Blocked),
            ],
        ),
        // WriteConflict.
        effect(
            "a write conflict: the article is no longer written",
            vec![mark(Label::Actor, "Critics", 1), Action::WriteConflict(doc_id())],
            |before, after| {
                assert!(after.stale.contains(&doc_id()));
                assert!(after.pending_writes().is_empty());
                assert!(matches!(after.save_status(), SaveStatus::NotSaved(t) if t.contains("another tab")));
                assert_eq!(after.library, before.library, "what is on screen stays");
            },
        )
        .from(ready),
        no_op(
            "WriteConflict: an article already stale",
            vec![
                Action::WriteConflict(doc_id()),
                Action::WriteConflict(doc_id()),
            ],
        )
        .from(ready),
        // RetryStorage.
        effect(
            "a retry after a failure: storage ready, the write still pending",
            vec![Action::StorageFailed(full()), Action::RetryStorage],
            |_, after| {
                assert_eq!(after.storage, Storage::Ready);
                assert_eq!(pending(after), vec![doc_id()]);
                assert_eq!(after.save_status(), SaveStatus::Saving);
            },
        )
        .from(ready),
        no_op("RetryStorage: nothing failed", vec![Action::RetryStorage]).from(ready),
        no_op(
            "RetryStorage: storage not read yet",
            vec![Action::RetryStorage],
        ),
        // StorageReopened.
        effect(
            "storage reopened: ready, and the writes go again",
            vec![
                Action::StorageUnavailable(StorageError::Unavailable("closed".into())),
                Action::StorageReopened,
            ],
            |before, after| {
                assert_eq!(after.storage, Storage::Ready);
                assert_eq!(after.storage_epoch, before.storage_epoch.wrapping_add(1));
                assert_eq!(pending(after), vec![doc_id()]);
            },
        )
        .from(ready),
    ]
}

#[test]
fn nothing_is_called_saved_before_storage_answers() {
    let state = start();
    assert_eq!(state.storage, Storage::Loading);
    assert_eq!(state.save_status(), SaveStatus::Saving);
    let state = state.reduce(Action::LibraryLoaded(LoadedLibrary::default()));
    assert_eq!(
        state.save_status(),
        SaveStatus::Saving,
        "the open article is not written yet"
    );
    let doc = state.article.as_ref().unwrap().doc.clone();
    let state = state.reduce(Action::Saved {
        id: doc.id,
        revision: doc.revision,
    });
    assert_eq!(state.save_status(), SaveStatus::Saved);
}

/// Closing the tab asks first exactly when something the person did would be lost.
#[test]
fn closing_asks_only_when_work_would_be_lost() {
    let stored = run(vec![
        Action::LibraryLoaded(LoadedLibrary::default()),
        mark(Label::Actor, "Critics", 1),
    ]);
    let revision = stored.article.as_ref().unwrap().doc.revision;
    let cases: Vec<(&str, std::rc::Rc<gloss_core::state::State>, bool)> = vec![
        (
            "the untouched sample while storage is read",
            sample(),
            false,
        ),
        (
            "a change before storage answered",
            run(vec![mark(Label::Actor, "Critics", 1)]),
            true,
        ),
        ("a change not yet stored", std::rc::Rc::clone(&stored), true),
        (
            "everything stored",
            std::rc::Rc::clone(&stored).reduce(Action::Saved {
                id: doc_id(),
                revision,
            }),
            false,
        ),
        (
            "a write failed",
            std::rc::Rc::clone(&stored).reduce(Action::StorageFailed(full())),
            true,
        ),
        (
            "storage unavailable, with a change",
            run(vec![
                Action::StorageUnavailable(StorageError::Blocked),
                mark(Label::Actor, "Critics", 1),
            ]),
            true,
        ),
        (
            "stale: another tab changed it too",
            std::rc::Rc::clone(&stored)
                .reduce(Action::Saved {
                    id: doc_id(),
                    revision,
                })
                .reduce(Action::WriteConflict(doc_id())),
            true,
        ),
    ];
    for (name, state, want) in cases {
        assert_eq!(state.has_unsaved_work(), want, "case {name}");
    }
}
