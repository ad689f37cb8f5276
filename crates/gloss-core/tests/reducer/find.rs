//! Find and mark all: every match marked in one undoable step, never twice, actors joining
//! one person per name.

use gloss_core::model::find::{find, FindOptions};
use gloss_core::model::{AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use gloss_core::state::{Action, NoticeKind, Selection, State};
use uuid::Uuid;

use crate::fixtures::*;

/// An article naming two people several times.
const TALKS: &str = "Peskov said the talks go on. Dmitry Peskov added: “Talks take time.” \
PESKOV smiled. Peskovian rhetoric, critics said.\n\nThe talks resume on Monday.";

fn talks() -> Action {
    let mut doc = Document::new("Talks".into(), None, TALKS.into(), Timestamp(0));
    doc.id = DocumentId(Uuid::from_u128(0x7A1));
    Action::OpenDocument(doc)
}

const WORDS: FindOptions = FindOptions {
    match_case: false,
    whole_words: true,
};

fn matches(query: &str) -> Vec<Span> {
    find(TALKS, query, WORDS)
}

/// Ids 1000, 1001, … for the new annotations.
fn ids(n: usize) -> Vec<AnnotationId> {
    (0..n).map(|i| id(1000 + i as u128)).collect()
}

fn mark_all(label: Label, query: &str) -> Action {
    let spans = matches(query);
    let ids = ids(spans.len());
    Action::MarkAll {
        label,
        spans,
        ids,
        at: Timestamp(7),
    }
}

fn texts(state: &State, label: Label) -> Vec<String> {
    let article = state.article.as_ref().expect("an article");
    article
        .doc
        .annotations
        .iter()
        .filter(|a| a.label == label)
        .map(|a| article.index.slice(a.span).to_owned())
        .collect()
}

fn announced(state: &State) -> &str {
    &state.announcement.1
}

pub fn cases() -> Vec<Case> {
    use Label::*;
    vec![
        effect(
            "mark all as quote: every match once, in one undo step",
            vec![talks(), mark_all(Quote, "talks")],
            |before, after| {
                assert_eq!(texts(after, Quote), ["talks", "Talks", "talks"]);
                assert_eq!(after.undo.len(), before.undo.len() + 1, "one step");
                assert_eq!(announced(after), "Marked 3 as Quote");
                assert!(after.redo.is_empty());
            },
        ),
        effect(
            "mark all skips what is already marked with that label, and says so",
            vec![
                talks(),
                Action::ApplyLabel {
                    label: Claim,
                    selection: Selection::Span(matches("talks")[1]),
                    new_id: id(1),
                    at: Timestamp(1),
                },
                Action::ApplyLabel {
                    label: Quote,
                    selection: Selection::Span(matches("talks")[0]),
                    new_id: id(2),
                    at: Timestamp(2),
                },
                mark_all(Quote, "talks"),
            ],
            |_, after| {
                assert_eq!(texts(after, Quote), ["talks", "Talks", "talks"]);
                assert_eq!(texts(after, Claim), ["Talks"], "another label is no double");
                assert_eq!(announced(after), "Marked 2 as Quote (1 was already)");
            },
        ),
        effect(
            "mark all again: nothing to mark, all already are",
            vec![talks(), mark_all(Claim, "talks"), mark_all(Claim, "talks")],
            hint("Nothing to mark: all 3 matches are already marked as Claim."),
        ),
        effect(
            "mark all with no matches: a hint",
            vec![talks(), mark_all(Claim, "ceasefire")],
            hint("Nothing to mark: find some text first."),
        ),
        effect(
            "mark all as actor: the matches are one person, joining a mention's",
            vec![
                talks(),
                Action::ApplyLabel {
                    label: Actor,
                    selection: Selection::Span(find(TALKS, "Dmitry Peskov", WORDS)[0]),
                    new_id: id(1),
                    at: Timestamp(1),
                },
                mark_all(Actor, "peskov"),
            ],
            |_, after| {
                let doc = &after.article.as_ref().expect("an article").doc;
                let people: Vec<_> = doc.annotations.iter().filter_map(|a| a.entity).collect();
                assert_eq!(people.len(), 4, "Dmitry Peskov and three matches");
                assert!(people.iter().all(|&e| e == people[0]), "one person");
                let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
                assert_eq!(names, ["Dmitry Peskov"]);
                assert_eq!(announced(after), "Marked 3 as Actor");
            },
        ),
        effect(
            "mark all as actor in a fresh article: one new person for the name",
            vec![talks(), mark_all(Actor, "peskov")],
            |_, after| {
                let doc = &after.article.as_ref().expect("an article").doc;
                assert_eq!(doc.entities.len(), 1);
                assert!(doc
                    .annotations
                    .iter()
                    .all(|a| a.entity == Some(doc.entities[0].id)));
            },
        ),
        effect(
            "undo takes back every mark of mark all at once",
            vec![talks(), mark_all(Actor, "peskov"), Action::Undo],
            |_, after| {
                let doc = &after.article.as_ref().expect("an article").doc;
                assert!(doc.annotations.is_empty());
                assert!(doc.entities.is_empty(), "the new person goes too");
                assert_eq!(announced(after), "Undone: 3 marked as Actor");
            },
        ),
        effect(
            "redo puts every mark back",
            vec![
                talks(),
                mark_all(Actor, "peskov"),
                Action::Undo,
                Action::Redo,
            ],
            |_, after| {
                assert_eq!(texts(after, Actor), ["Peskov", "Peskov", "PESKOV"]);
                let doc = &after.article.as_ref().expect("an article").doc;
                assert_eq!(doc.entities.len(), 1);
            },
        ),
        effect(
            "spans outside the article or empty are passed over",
            vec![
                talks(),
                Action::MarkAll {
                    label: Claim,
                    spans: vec![
                        Span { start: 0, end: 6 },
                        Span { start: 4, end: 4 },
                        Span {
                            start: 9_000,
                            end: 9_005,
                        },
                    ],
                    ids: ids(3),
                    at: Timestamp(7),
                },
            ],
            |_, after| {
                assert_eq!(texts(after, Claim), ["Peskov"]);
                assert!(after
                    .notice
                    .as_ref()
                    .is_none_or(|n| n.kind != NoticeKind::Hint));
            },
        ),
        no_op(
            "mark all: no article open",
            vec![Action::DeleteDocument(doc_id()), mark_all(Quote, "talks")],
        ),
    ]
}
