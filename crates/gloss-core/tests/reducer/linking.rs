//! Who said what: sources picked and removed, actors grouped as people, people renamed,
//! merged and mentions moved; every step undoable.

use gloss_core::model::{Document, DocumentId, EntityId, Label, Span, Timestamp};
use gloss_core::state::{Action, Selection, State};
use uuid::Uuid;

use crate::fixtures::*;

/// An article with several mentions of two people and what they said.
pub const PEOPLE: &str = "President Vladimir Putin met the envoy. Putin said: “We will decide.” \
Mr Putin's aide, Kremlin spokesman Dmitry Peskov, added: “Both parties recognize it.” Peskov smiled.";

fn people_id() -> DocumentId {
    DocumentId(Uuid::from_u128(0x9E0))
}

fn people() -> Action {
    let mut doc = Document::new("People".into(), None, PEOPLE.into(), Timestamp(0));
    doc.id = people_id();
    Action::OpenDocument(doc)
}

/// The span of the `nth` (from 0) occurrence of `needle` in [`PEOPLE`].
fn at(needle: &str, nth: usize) -> Span {
    let (byte, _) = PEOPLE
        .match_indices(needle)
        .nth(nth)
        .expect("needle in text");
    let start = PEOPLE[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

fn mark_at(label: Label, needle: &str, nth: usize, n: u128) -> Action {
    Action::ApplyLabel {
        label,
        selection: Selection::Span(at(needle, nth)),
        new_id: id(n),
        at: Timestamp(n as i64),
    }
}

fn select(n: u128) -> Action {
    Action::Select(Some(id(n)))
}

fn link(quote: u128, actor: Option<u128>) -> Action {
    Action::SetSource {
        id: id(quote),
        source: actor.map(id),
        at: Timestamp(50),
    }
}

fn annotation(state: &State, n: u128) -> gloss_core::model::Annotation {
    state
        .article
        .as_ref()
        .and_then(|a| a.annotation(id(n)))
        .cloned()
        .expect("the annotation")
}

fn entity_of(state: &State, n: u128) -> EntityId {
    annotation(state, n).entity.expect("an entity")
}

fn names(state: &State) -> Vec<String> {
    let mut names: Vec<String> = state
        .article
        .as_ref()
        .expect("an article")
        .doc
        .entities
        .iter()
        .map(|e| e.name.clone())
        .collect();
    names.sort();
    names
}

/// Putin (1) and Peskov (3) marked, the two quotes (2: Putin's, 4: Peskov's) marked.
fn marked() -> Vec<Action> {
    vec![
        people(),
        mark_at(Label::Actor, "President Vladimir Putin", 0, 1),
        mark_at(Label::Quote, "“We will decide.”", 0, 2),
        mark_at(Label::Actor, "Dmitry Peskov", 0, 3),
        mark_at(Label::Quote, "“Both parties recognize it.”", 0, 4),
    ]
}

fn with(mut actions: Vec<Action>, more: Vec<Action>) -> Vec<Action> {
    actions.extend(more);
    actions
}

pub fn cases() -> Vec<Case> {
    use Label::*;
    vec![
        // Grouping mentions into people.
        effect(
            "a new actor is a new person, named without the title",
            vec![people(), mark_at(Actor, "President Vladimir Putin", 0, 1)],
            |_, after| {
                assert_eq!(names(after), ["Vladimir Putin"]);
                assert!(annotation(after, 1).entity.is_some());
            },
        ),
        effect(
            "a one-word mention joins the longer name it ends",
            vec![
                people(),
                mark_at(Actor, "President Vladimir Putin", 0, 1),
                mark_at(Actor, "Putin", 1, 2),
            ],
            |_, after| {
                assert_eq!(entity_of(after, 2), entity_of(after, 1));
                assert_eq!(names(after), ["Vladimir Putin"]);
                assert_eq!(after.announcement.1, "Actor added: “Putin”, Vladimir Putin");
            },
        ),
        effect(
            "honorifics and possessives are ignored",
            vec![
                people(),
                mark_at(Actor, "Putin", 1, 1),
                mark_at(Actor, "Mr Putin's", 0, 2),
            ],
            |_, after| assert_eq!(entity_of(after, 2), entity_of(after, 1)),
        ),
        effect(
            "a longer name gives a one-word person its full name",
            vec![
                people(),
                mark_at(Actor, "Putin", 1, 1),
                mark_at(Actor, "Vladimir Putin", 0, 2),
            ],
            |_, after| {
                assert_eq!(entity_of(after, 2), entity_of(after, 1));
                assert_eq!(names(after), ["Vladimir Putin"]);
            },
        ),
        effect(
            "different people stay apart",
            vec![
                people(),
                mark_at(Actor, "President Vladimir Putin", 0, 1),
                mark_at(Actor, "Kremlin spokesman Dmitry Peskov", 0, 2),
                mark_at(Actor, "Peskov", 1, 3),
            ],
            |_, after| {
                assert_ne!(entity_of(after, 2), entity_of(after, 1));
                assert_eq!(entity_of(after, 3), entity_of(after, 2));
                assert_eq!(names(after), ["Dmitry Peskov", "Vladimir Putin"]);
            },
        ),
        effect(
            "the same name in another article is the same person",
            vec![
                people(),
                mark_at(Actor, "Vladimir Putin", 0, 1),
                Action::OpenDocument({
                    let mut d = Document::new(
                        "Second".into(),
                        None,
                        "Vladimir Putin spoke again.".into(),
                        Timestamp(0),
                    );
                    d.id = DocumentId(Uuid::from_u128(0x5EC));
                    d
                }),
                Action::ApplyLabel {
                    label: Actor,
                    selection: Selection::Span(Span { start: 0, end: 14 }),
                    new_id: id(4),
                    at: Timestamp(4),
                },
            ],
            |before, after| {
                let first = before.library.get(&people_id()).expect("people");
                let putin = first.annotation(id(1)).and_then(|a| a.entity);
                assert_eq!(annotation(after, 4).entity, putin);
                assert_eq!(names(after), ["Vladimir Putin"]);
            },
        ),
        // PickSource.
        effect(
            "S on a quote opens the picker",
            with(marked(), vec![select(2), Action::PickSource]),
            |_, after| {
                assert_eq!(after.picking, Some(id(2)));
                let names: Vec<String> = after
                    .source_candidates()
                    .into_iter()
                    .map(|c| c.name)
                    .collect();
                assert_eq!(names, ["Dmitry Peskov", "Vladimir Putin"]);
            },
        ),
        effect(
            "the picker lists the most mentioned first and links the nearest mention",
            with(
                marked(),
                vec![
                    mark_at(Actor, "Peskov", 1, 5),
                    select(2),
                    Action::PickSource,
                ],
            ),
            |_, after| {
                let c = after.source_candidates();
                assert_eq!(c[0].name, "Dmitry Peskov");
                assert_eq!(c[0].mentions, 2);
                // Peskov's mentions both come after Putin's quote: the nearest is the first.
                assert_eq!(c[0].actor, id(3));
                assert_eq!(c[1].actor, id(1));
            },
        ),
        effect(
            "S with nothing selected says so",
            with(marked(), vec![Action::Select(None), Action::PickSource]),
            hint("Select a quote or claim first, then press S to pick who said it."),
        ),
        effect(
            "S on an actor says an actor has no source",
            with(marked(), vec![select(1), Action::PickSource]),
            hint("An actor has no source: select a quote or claim to say who said it."),
        ),
        effect(
            "S with no actor in the article says to mark one",
            vec![
                people(),
                mark_at(Quote, "“We will decide.”", 0, 2),
                Action::PickSource,
            ],
            hint("Mark who said it as an Actor first (select the name, press 3), then press S."),
        ),
        // PickAt.
        effect(
            "a click on an actor while picking links it",
            with(
                marked(),
                vec![
                    select(4),
                    Action::PickSource,
                    Action::PickAt {
                        point: at("Peskov", 0).start + 2,
                        at: Timestamp(60),
                    },
                ],
            ),
            |_, after| {
                assert_eq!(annotation(after, 4).source, Some(id(3)));
                assert_eq!(annotation(after, 4).updated_at, Timestamp(60));
                assert_eq!(after.picking, None);
                assert_eq!(after.selected, Some(id(4)));
                assert_eq!(
                    after.announcement.1,
                    "Quote now attributed to Dmitry Peskov"
                );
            },
        ),
        effect(
            "a click on plain text while picking closes the picker",
            with(
                marked(),
                vec![
                    select(4),
                    Action::PickSource,
                    Action::PickAt {
                        point: at("smiled", 0).start,
                        at: Timestamp(60),
                    },
                ],
            ),
            |_, after| {
                assert_eq!(after.picking, None);
                assert_eq!(annotation(after, 4).source, None);
            },
        ),
        no_op(
            "pick at: no article open",
            vec![
                Action::DeleteDocument(doc_id()),
                Action::PickAt {
                    point: 1,
                    at: Timestamp(1),
                },
            ],
        ),
        // CancelPicking.
        effect(
            "Escape closes the picker",
            with(
                marked(),
                vec![select(2), Action::PickSource, Action::CancelPicking],
            ),
            |_, after| assert_eq!(after.picking, None),
        ),
        no_op(
            "Escape: no picker open",
            with(marked(), vec![Action::CancelPicking]),
        ),
        effect(
            "another selection closes the picker",
            with(marked(), vec![select(2), Action::PickSource, select(4)]),
            |_, after| assert_eq!(after.picking, None),
        ),
        // SetSource.
        effect(
            "link a quote to its actor, undoably",
            with(marked(), vec![link(2, Some(1))]),
            |before, after| {
                assert_eq!(annotation(after, 2).source, Some(id(1)));
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert_eq!(
                    after.source_name(&annotation(after, 2)).as_deref(),
                    Some("Vladimir Putin")
                );
                let back = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(annotation(&back, 2).source, None);
                assert_eq!(back.announcement.1, "Undone: Source of Quote set");
                let again = back.reduce(Action::Redo);
                assert_eq!(annotation(&again, 2).source, Some(id(1)));
            },
        ),
        effect(
            "relink a quote to another actor",
            with(marked(), vec![link(2, Some(1)), link(2, Some(3))]),
            |_, after| assert_eq!(annotation(after, 2).source, Some(id(3))),
        ),
        effect(
            "remove source",
            with(marked(), vec![link(2, Some(1)), link(2, None)]),
            |_, after| {
                assert_eq!(annotation(after, 2).source, None);
                assert_eq!(after.announcement.1, "Source removed from Quote");
            },
        ),
        effect(
            "only an actor can be a source",
            with(marked(), vec![link(2, Some(4))]),
            hint("Only an actor of this article can be a source."),
        ),
        no_op(
            "link: the same source again",
            with(marked(), vec![link(2, Some(1)), link(2, Some(1))]),
        ),
        no_op(
            "link: an annotation the article does not have",
            with(marked(), vec![link(99, Some(1))]),
        ),
        // Deleting and relabelling sources.
        effect(
            "deleting a source unlinks what it said, in one step",
            with(
                marked(),
                vec![
                    mark_at(Claim, "Both parties recognize it.", 0, 5),
                    link(4, Some(3)),
                    link(5, Some(3)),
                    Action::Delete(id(3)),
                ],
            ),
            |before, after| {
                assert_eq!(annotation(after, 4).source, None);
                assert_eq!(annotation(after, 5).source, None);
                assert_eq!(
                    names(after),
                    ["Vladimir Putin"],
                    "Peskov had no other mention"
                );
                assert!(
                    after
                        .announcement
                        .1
                        .ends_with("1 quote and 1 claim lost their source"),
                    "{}",
                    after.announcement.1
                );
                assert_eq!(after.undo.len(), before.undo.len() + 1, "one step");
                let back = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(annotation(&back, 4).source, Some(id(3)));
                assert_eq!(annotation(&back, 5).source, Some(id(3)));
                assert_eq!(names(&back), ["Dmitry Peskov", "Vladimir Putin"]);
                assert_eq!(back.selected, Some(id(3)), "the actor is back and selected");
            },
        ),
        effect(
            "an actor relabelled as a quote unlinks what it said",
            with(marked(), vec![link(4, Some(3)), select(3), key(Quote)]),
            |_, after| {
                assert_eq!(annotation(after, 4).source, None);
                assert_eq!(annotation(after, 3).entity, None);
                assert!(after.announcement.1.ends_with("1 quote lost its source"));
            },
        ),
        effect(
            "a quote relabelled as an actor loses its source and joins a person",
            with(marked(), vec![link(2, Some(1)), select(2), key(Actor)]),
            |_, after| {
                let a = annotation(after, 2);
                assert_eq!(a.source, None);
                assert!(a.entity.is_some());
            },
        ),
        // RenameEntity.
        effect(
            "rename a person in every article",
            with(
                marked(),
                vec![Action::RenameEntity {
                    id: EntityId(id(1).0),
                    name: "  Vladimir   Vladimirovich Putin ".into(),
                }],
            ),
            |_, after| {
                assert_eq!(
                    names(after),
                    ["Dmitry Peskov", "Vladimir Vladimirovich Putin"]
                );
                let back = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(names(&back), ["Dmitry Peskov", "Vladimir Putin"]);
            },
        ),
        effect(
            "rename: an empty name says so",
            with(
                marked(),
                vec![Action::RenameEntity {
                    id: EntityId(id(1).0),
                    name: "  ".into(),
                }],
            ),
            hint("A person needs a name: type one, or press Escape."),
        ),
        no_op(
            "rename: the same name",
            with(
                marked(),
                vec![Action::RenameEntity {
                    id: EntityId(id(1).0),
                    name: "Vladimir Putin".into(),
                }],
            ),
        ),
        // MergeEntities.
        effect(
            "merge two people",
            with(
                marked(),
                vec![
                    link(4, Some(3)),
                    Action::MergeEntities {
                        from: EntityId(id(3).0),
                        into: EntityId(id(1).0),
                        at: Timestamp(70),
                    },
                ],
            ),
            |_, after| {
                assert_eq!(names(after), ["Vladimir Putin"]);
                assert_eq!(entity_of(after, 3), entity_of(after, 1));
                assert_eq!(annotation(after, 4).source, Some(id(3)), "links kept");
                let back = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(names(&back), ["Dmitry Peskov", "Vladimir Putin"]);
                assert_ne!(entity_of(&back, 3), entity_of(&back, 1));
            },
        ),
        no_op(
            "merge: a person into itself",
            with(
                marked(),
                vec![Action::MergeEntities {
                    from: EntityId(id(1).0),
                    into: EntityId(id(1).0),
                    at: Timestamp(70),
                }],
            ),
        ),
        // MoveMention.
        effect(
            "move a mention to a new person",
            with(
                marked(),
                vec![
                    mark_at(Actor, "Putin", 1, 5),
                    Action::MoveMention {
                        id: id(5),
                        to: None,
                        new_entity: EntityId(Uuid::from_u128(0xE)),
                        at: Timestamp(80),
                    },
                ],
            ),
            |_, after| {
                assert_eq!(entity_of(after, 5), EntityId(Uuid::from_u128(0xE)));
                assert_eq!(names(after), ["Dmitry Peskov", "Putin", "Vladimir Putin"]);
            },
        ),
        effect(
            "move a mention to another person; an emptied person leaves",
            with(
                marked(),
                vec![Action::MoveMention {
                    id: id(3),
                    to: Some(EntityId(id(1).0)),
                    new_entity: EntityId(Uuid::from_u128(0xE)),
                    at: Timestamp(80),
                }],
            ),
            |_, after| {
                assert_eq!(entity_of(after, 3), entity_of(after, 1));
                assert_eq!(names(after), ["Vladimir Putin"]);
                let back = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(names(&back), ["Dmitry Peskov", "Vladimir Putin"]);
            },
        ),
        no_op(
            "move: to the person it is already",
            with(
                marked(),
                vec![Action::MoveMention {
                    id: id(1),
                    to: Some(EntityId(id(1).0)),
                    new_entity: EntityId(Uuid::from_u128(0xE)),
                    at: Timestamp(80),
                }],
            ),
        ),
        effect(
            "selecting a quote says who said it",
            with(marked(), vec![link(2, Some(1)), select(4), select(2)]),
            |_, after| {
                assert_eq!(
                    after.announcement.1,
                    "Selected Quote: ““We will decide.””, said by Vladimir Putin"
                );
            },
        ),
        // What a selection outlines.
        effect(
            "selecting a quote outlines its source; an actor its mentions and quotes",
            with(
                marked(),
                vec![
                    mark_at(Actor, "Peskov", 1, 5),
                    link(4, Some(3)),
                    select(4),
                    select(5),
                ],
            ),
            |before, after| {
                assert_eq!(before.related(), [id(3)].into());
                assert_eq!(after.related(), [id(3), id(4)].into());
            },
        ),
    ]
}
