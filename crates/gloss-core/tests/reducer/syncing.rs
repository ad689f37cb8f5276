//! Sync with a CouchDB database as the reducer sees it: the stored sync state read, connecting,
//! the link's changes, a page of the changes feed taken in, a batch recorded as sent, and the
//! choice between two devices' versions of one annotation. The documents exchanged here are the
//! ones another browser's state really sends ([`State::sync_batch`]), read back as the changes
//! feed would carry them.

use gloss_core::model::{Label, Timestamp};
use gloss_core::state::{Action, Keep, State};
use gloss_core::sync::wire::Refused;
use gloss_core::sync::{Change, Conflict, Link, Rev, SyncError};
use serde_json::{json, Value};

use crate::fixtures::*;

const DB: &str = "/db/team";

/// Storage read and "Your name" given as `name`, connected to [`DB`].
fn connected(name: &str) -> Vec<Action> {
    vec![
        Action::LibraryLoaded(Default::default()),
        Action::SetYourName(name.into()),
        Action::SyncLoaded(None),
        Action::SyncConnect {
            database: DB.into(),
        },
    ]
}

/// What Ana's browser sends once she has marked the quote (annotation 7): the article and her
/// annotation, as the changes feed hands them to a colleague.
fn from_ana() -> Vec<Change> {
    let ana = connected("Ana")
        .into_iter()
        .chain([mark(Label::Quote, QUOTE, 7)])
        .fold(start(), State::reduce);
    feed(&ana.sync_batch().docs)
}

/// Documents of a `_bulk_docs` batch as the changes feed (with `include_docs`) carries them.
fn feed(docs: &[Value]) -> Vec<Change> {
    docs.iter()
        .map(|doc| Change {
            id: doc["_id"].as_str().expect("an id").to_owned(),
            rev: Rev::parse(doc["_rev"].as_str().expect("a rev")).expect("a revision"),
            deleted: doc["_deleted"].as_bool().unwrap_or(false),
            doc: Some(doc.clone()),
            conflicts: Vec::new(),
        })
        .collect()
}

fn pulled(changes: Vec<Change>, seq: u64) -> Action {
    Action::SyncPulled {
        changes,
        last_seq: json!(seq),
        pending: 0,
    }
}

/// Ana's own quote (annotation 7), with a conflict: her other device wrote a note to it.
fn in_conflict() -> Vec<Action> {
    let mut replica = gloss_core::sync::Replica::new(DB);
    let mut other =
        gloss_core::model::Annotation::new(id(7), Label::Quote, span_of(QUOTE), Timestamp(7));
    other.note = "From the laptop".into();
    other.created_by = Some("Ana".into());
    replica.conflicts.insert(
        id(7),
        Conflict {
            article: doc_id(),
            other,
            winner: Rev::next(None, "winner"),
            losers: vec![Rev::next(None, "loser")],
            chosen: false,
        },
    );
    vec![
        Action::LibraryLoaded(Default::default()),
        Action::SetYourName("Ana".into()),
        mark(Label::Quote, QUOTE, 7),
        Action::SyncLoaded(Some(replica)),
    ]
}

fn then(mut actions: Vec<Action>, more: impl IntoIterator<Item = Action>) -> Vec<Action> {
    actions.extend(more);
    actions
}

pub fn cases() -> Vec<Case> {
    vec![
        // SyncLoaded.
        effect(
            "the stored sync state is read: what was known of the database comes back",
            vec![Action::SyncLoaded(Some({
                let mut r = gloss_core::sync::Replica::new(DB);
                r.since = Some(json!("12-abc"));
                r
            }))],
            |before, after| {
                assert!(!before.sync.loaded);
                assert!(after.sync.loaded);
                assert_eq!(after.sync.replica.database, DB);
                assert_eq!(after.sync.replica.since, Some(json!("12-abc")));
                assert_eq!(after.sync.link, Link::Off, "reading is not connecting");
            },
        ),
        effect(
            "nothing stored of sync: ready, knowing nothing",
            vec![Action::SyncLoaded(None)],
            |_, after| {
                assert!(after.sync.loaded);
                assert!(after.sync.replica.database.is_empty());
                assert_eq!(after.sync_words(0), None, "sync stays off");
            },
        ),
        // SyncConnect.
        effect(
            "connect: the header says Connecting…",
            connected("Ana"),
            |_, after| {
                assert_eq!(after.sync.link, Link::Connecting);
                assert_eq!(after.sync.replica.database, DB);
                assert_eq!(after.sync_words(0).as_deref(), Some("Connecting…"));
            },
        ),
        effect(
            "connect to another database: what was known of the first is forgotten",
            then(
                connected("Ana"),
                [
                    pulled(Vec::new(), 40),
                    Action::SyncConnect {
                        database: "/db/other".into(),
                    },
                ],
            ),
            |before, after| {
                assert_eq!(before.sync.replica.since, Some(json!(40)));
                assert_eq!(after.sync.replica.database, "/db/other");
                assert_eq!(after.sync.replica.since, None, "read from the start");
            },
        ),
        effect(
            "connect again to the same database: its checkpoint is kept",
            then(
                connected("Ana"),
                [
                    pulled(Vec::new(), 40),
                    Action::SyncConnect {
                        database: DB.into(),
                    },
                ],
            ),
            |_, after| {
                assert_eq!(after.sync.replica.since, Some(json!(40)));
                assert_eq!(after.sync.link, Link::Connecting);
            },
        ),
        // SyncLink.
        effect(
            "the server cannot be reached: Offline, with the changes that wait",
            then(
                connected("Ana"),
                [
                    mark(Label::Quote, QUOTE, 7),
                    Action::SyncLink(Link::Offline),
                ],
            ),
            |_, after| {
                let waiting = after.sync_waiting();
                assert_eq!(waiting, 2, "the article and the quote wait");
                assert_eq!(
                    after.sync_words(waiting).as_deref(),
                    Some("Offline — 2 changes wait")
                );
            },
        ),
        effect(
            "a wrong password: Sync failed, in words",
            then(
                connected("Ana"),
                [Action::SyncLink(Link::Failed(SyncError::WrongPassword))],
            ),
            |_, after| {
                assert_eq!(
                    after.sync_words(0).as_deref(),
                    Some("Sync failed: the database did not accept this user name and password")
                );
            },
        ),
        no_op(
            "link: the same again",
            then(connected("Ana"), [Action::SyncLink(Link::Connecting)]),
        ),
        // SyncPulled.
        effect(
            "a colleague's quote arrives: their layer, announced, the checkpoint moved",
            then(connected("Ben"), [pulled(from_ana(), 3)]),
            |before, after| {
                let doc = &after.article.as_ref().expect("open").doc;
                let quote = doc.annotation(id(7)).expect("Ana's quote arrived");
                assert_eq!(quote.created_by.as_deref(), Some("Ana"));
                assert_eq!(quote.label, Label::Quote);
                assert_eq!(quote.span, span_of(QUOTE));
                assert_eq!(after.sync.replica.since, Some(json!(3)));
                assert_eq!(after.sync.link, Link::Online { pending: 0 });
                assert_eq!(after.announcement.1, "Synced: 1 annotation from Ana");
                assert_eq!(before.sync_waiting(), 1, "Ben's copy of the article");
                assert_eq!(after.sync_waiting(), 0, "nothing of Ana's is sent back");
                assert_eq!(after.sync_words(0).as_deref(), Some("Synced"));
            },
        ),
        effect(
            "a page read after a server error: the failure is over",
            then(
                connected("Ben"),
                [
                    Action::SyncLink(Link::Failed(SyncError::Server {
                        status: 500,
                        reason: "boom".into(),
                    })),
                    pulled(from_ana(), 3),
                ],
            ),
            |before, after| {
                assert!(before
                    .sync_words(0)
                    .is_some_and(|w| w.starts_with("Sync failed")));
                assert_eq!(after.sync_words(0).as_deref(), Some("Synced"));
            },
        ),
        effect(
            "a page read after a refusal: the refusal stays until the person acts",
            then(
                connected("Ben"),
                [
                    Action::SyncLink(Link::Failed(SyncError::Forbidden("read only".into()))),
                    pulled(from_ana(), 3),
                ],
            ),
            |_, after| {
                assert!(matches!(
                    after.sync.link,
                    Link::Failed(SyncError::Forbidden(_))
                ));
                assert_eq!(
                    after.sync.replica.since,
                    Some(json!(3)),
                    "the page is taken"
                );
            },
        ),
        effect(
            "the same page twice: nothing is doubled",
            then(
                connected("Ben"),
                [pulled(from_ana(), 3), pulled(from_ana(), 3)],
            ),
            |_, after| {
                let doc = &after.article.as_ref().expect("open").doc;
                assert_eq!(doc.annotations.len(), 1);
            },
        ),
        effect(
            "a document Gloss cannot read is reported; the rest is taken",
            then(
                connected("Ben"),
                [pulled(
                    {
                        let mut changes = from_ana();
                        let bad = format!("annotation:{}", id(8).0);
                        changes.push(Change {
                            id: bad.clone(),
                            rev: Rev::next(None, "bad"),
                            deleted: false,
                            doc: Some(json!({ "_id": bad, "type": "annotation", "gloss": 1 })),
                            conflicts: Vec::new(),
                        });
                        changes
                    },
                    4,
                )],
            ),
            |_, after| {
                let notice = after.notice.as_ref().expect("a notice");
                assert!(
                    notice
                        .text
                        .starts_with("Some of the database's documents were not taken"),
                    "{}",
                    notice.text
                );
                let doc = &after.article.as_ref().expect("open").doc;
                assert!(doc.annotation(id(7)).is_some(), "the readable one is taken");
                assert!(doc.annotation(id(8)).is_none());
            },
        ),
        no_op(
            "changes before the stored sync state is read: not taken yet",
            vec![
                Action::LibraryLoaded(Default::default()),
                Action::SetYourName("Ben".into()),
                pulled(from_ana(), 3),
            ],
        ),
        no_op(
            "changes with no name given: not taken",
            vec![
                Action::LibraryLoaded(Default::default()),
                Action::SyncLoaded(None),
                pulled(from_ana(), 3),
            ],
        ),
        // SyncPushed.
        effect(
            "a batch stored by the database: nothing waits any more",
            {
                let ana = then(connected("Ana"), [mark(Label::Quote, QUOTE, 7)]);
                let state = ana.iter().cloned().fold(start(), State::reduce);
                let sent = state.sync_batch().sent;
                then(
                    ana,
                    [Action::SyncPushed {
                        sent,
                        refused: Vec::new(),
                    }],
                )
            },
            |before, after| {
                assert_eq!(before.sync_waiting(), 2);
                assert_eq!(after.sync_waiting(), 0);
                assert!(after.sync_batch().is_empty(), "nothing is sent twice");
            },
        ),
        effect(
            "a refused write: Sync failed says who may write",
            {
                let ana = then(connected("Ana"), [mark(Label::Quote, QUOTE, 7)]);
                let state = ana.iter().cloned().fold(start(), State::reduce);
                let batch = state.sync_batch();
                let refused = batch
                    .sent
                    .iter()
                    .map(|s| Refused {
                        id: s.id.clone(),
                        error: "forbidden".into(),
                        reason: "read only".into(),
                    })
                    .collect();
                then(
                    ana,
                    [Action::SyncPushed {
                        sent: batch.sent,
                        refused,
                    }],
                )
            },
            |_, after| {
                assert!(
                    matches!(after.sync.link, Link::Failed(SyncError::Forbidden(_))),
                    "{:?}",
                    after.sync.link
                );
                assert_eq!(after.sync_waiting(), 2, "what was refused still waits");
            },
        ),
        // ResolveConflict.
        effect(
            "keep the other device's version: it replaces this one, in one undo step",
            then(
                in_conflict(),
                [Action::ResolveConflict {
                    id: id(7),
                    keep: Keep::Other,
                    at: Timestamp(50),
                }],
            ),
            |before, after| {
                assert!(before.sync_conflict(id(7)).is_some());
                assert!(after.sync_conflict(id(7)).is_none(), "chosen");
                let doc = &after.article.as_ref().expect("open").doc;
                let kept = doc.annotation(id(7)).expect("kept");
                assert_eq!(kept.note, "From the laptop");
                assert_eq!(kept.updated_at, Timestamp(50));
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert_eq!(after.announcement.1, "Kept the other device's version.");
            },
        ),
        effect(
            "keep this one: it stays, written again over the other",
            then(
                in_conflict(),
                [Action::ResolveConflict {
                    id: id(7),
                    keep: Keep::This,
                    at: Timestamp(50),
                }],
            ),
            |_, after| {
                assert!(after.sync_conflict(id(7)).is_none());
                let doc = &after.article.as_ref().expect("open").doc;
                let kept = doc.annotation(id(7)).expect("kept");
                assert_eq!(kept.note, "");
                assert_eq!(kept.updated_at, Timestamp(50), "a new version to send");
            },
        ),
        no_op(
            "resolve: an annotation in no conflict",
            then(
                in_conflict(),
                [Action::ResolveConflict {
                    id: id(8),
                    keep: Keep::Other,
                    at: Timestamp(50),
                }],
            ),
        ),
    ]
}
