//! Property tests for who said what: names of people group the same whatever title, case or
//! possessive a mention carries, and no sequence of edits (marking, linking, relabelling,
//! deleting, merging, moving, undo and redo) leaves a link that does not hold.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::entity::{display_name, name_key};
use gloss_core::model::{AnnotationId, Document, EntityId, Label, Span, Timestamp};
use gloss_core::state::{Action, Selection, State};
use proptest::prelude::*;
use uuid::Uuid;

fn name_word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Vladimir"),
        Just("Putin"),
        Just("Dmitry"),
        Just("Peskov"),
        Just("Ana"),
        Just("Lima"),
        Just("O'Neill"),
        Just("Jean-Luc"),
        Just("Zoë"),
        Just("Łukasz"),
    ]
    .prop_map(str::to_owned)
}

fn title() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("President"),
        Just("Mr"),
        Just("Mr."),
        Just("Dr"),
        Just("Kremlin spokesman"),
        Just("Russian President"),
        Just("Prime Minister"),
        Just("Ms"),
    ]
}

proptest! {
    #[test]
    fn a_title_a_possessive_or_spacing_never_changes_who(
        words in prop::collection::vec(name_word(), 1..4),
        title in title(),
        possessive in prop_oneof![Just(""), Just("'s"), Just("’s")],
    ) {
        let name = words.join(" ");
        let mention = format!("{title}  {name}{possessive}");
        prop_assert_eq!(name_key(&mention), name_key(&name));
        prop_assert_eq!(display_name(&mention), name.clone());
        prop_assert_eq!(name_key(&name.to_ascii_uppercase()), name_key(&name.to_ascii_lowercase()));
    }

    #[test]
    fn names_never_panic_and_keys_are_stable(text in "\\PC{0,40}") {
        let name = display_name(&text);
        prop_assert_eq!(name_key(&name), name_key(&text));
        if !text.trim().is_empty() {
            prop_assert!(!name.is_empty());
        }
    }
}

const TEXT: &str = "President Vladimir Putin said: “We will decide.” Putin smiled. \
Kremlin spokesman Dmitry Peskov added: “Both parties agree.” Mr Peskov left. Critics disagreed.";

/// Word spans of [`TEXT`], for marks.
fn words() -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in TEXT.chars().enumerate() {
        match (
            c.is_alphanumeric() || c == '“' || c == '”' || c == '.',
            start,
        ) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(Span { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    spans
}

fn id(n: u8) -> AnnotationId {
    AnnotationId(Uuid::from_u128(u128::from(n) + 1))
}

#[derive(Clone, Debug)]
enum Step {
    /// A label on some words; the new annotation's id is the step's number (ids never repeat).
    Mark(Label, usize, usize),
    Select(u8),
    Link(u8, Option<u8>),
    PickAt(usize),
    Pick,
    Delete(u8),
    Relabel(Label),
    Merge(u8, u8),
    Move(u8, Option<u8>, u8),
    Rename(u8),
    Undo,
    Redo,
}

fn label() -> impl Strategy<Value = Label> {
    prop_oneof![Just(Label::Claim), Just(Label::Quote), Just(Label::Actor)]
}

fn step() -> impl Strategy<Value = Step> {
    let n = 0u8..40;
    prop_oneof![
        4 => (label(), 0usize..40, 1usize..4).prop_map(|(l, w, len)| Step::Mark(l, w, len)),
        2 => n.clone().prop_map(Step::Select),
        3 => (n.clone(), prop::option::of(n.clone())).prop_map(|(a, b)| Step::Link(a, b)),
        1 => (0usize..160).prop_map(Step::PickAt),
        1 => Just(Step::Pick),
        1 => n.clone().prop_map(Step::Delete),
        1 => label().prop_map(Step::Relabel),
        1 => (n.clone(), n.clone()).prop_map(|(a, b)| Step::Merge(a, b)),
        1 => (n.clone(), prop::option::of(n.clone()), n.clone()).prop_map(|(a, b, c)| Step::Move(a, b, c)),
        1 => n.clone().prop_map(Step::Rename),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// The entity of annotation `n` (or a made-up one), as the steps name entities.
fn entity(state: &State, n: u8) -> EntityId {
    state
        .article
        .as_ref()
        .and_then(|a| a.annotation(id(n)))
        .and_then(|a| a.entity)
        .unwrap_or(EntityId(Uuid::from_u128(0xBAD)))
}

fn action(state: &State, step: &Step, i: u8) -> Action {
    let at = Timestamp(i64::from(i) + 1);
    let spans = words();
    match step.clone() {
        Step::Mark(label, w, len) => {
            let first = spans
                .get(w % spans.len())
                .copied()
                .unwrap_or(Span { start: 0, end: 1 });
            let last = spans
                .get((w + len - 1) % spans.len())
                .copied()
                .unwrap_or(first);
            let span = Span {
                start: first.start,
                end: last.end.max(first.end),
            };
            Action::ApplyLabel {
                label,
                selection: Selection::Span(span),
                new_id: id(i),
                at,
            }
        }
        Step::Select(n) => Action::Select(Some(id(n))),
        Step::Link(a, b) => Action::SetSource {
            id: id(a),
            source: b.map(id),
            at,
        },
        Step::PickAt(point) => Action::PickAt { point, at },
        Step::Pick => Action::PickSource,
        Step::Delete(n) => Action::Delete(id(n)),
        Step::Relabel(label) => Action::ApplyLabel {
            label,
            selection: Selection::None,
            new_id: id(200),
            at,
        },
        Step::Merge(a, b) => Action::MergeEntities {
            from: entity(state, a),
            into: entity(state, b),
            at,
        },
        Step::Move(a, to, fresh) => Action::MoveMention {
            id: id(a),
            to: to.map(|t| entity(state, t)),
            new_entity: EntityId(Uuid::from_u128(0xE000 + u128::from(fresh))),
            at,
        },
        Step::Rename(n) => Action::RenameEntity {
            id: entity(state, n),
            name: format!("Person {n}"),
        },
        Step::Undo => Action::Undo,
        Step::Redo => Action::Redo,
    }
}

/// What must hold of every document after any edit.
fn links_hold(doc: &Document) -> Result<(), String> {
    let mut repaired = doc.clone();
    let dropped = repaired.repair_links();
    if !dropped.is_empty() {
        return Err(format!("links that do not hold: {dropped:?}"));
    }
    let mut listed: Vec<_> = doc.entities.iter().map(|e| e.id).collect();
    listed.sort();
    let mut kept: Vec<_> = repaired.entities.iter().map(|e| e.id).collect();
    kept.sort();
    if listed != kept {
        return Err(format!("entities listed {listed:?}, used {kept:?}"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_edit_leaves_a_broken_link(steps in prop::collection::vec(step(), 1..40)) {
        let doc = Document::new("People".into(), None, TEXT.into(), Timestamp(0));
        let mut state = Rc::new(State::with_document(doc));
        for (i, step) in steps.iter().enumerate() {
            let next = action(&state, step, i as u8);
            state = state.reduce(next);
            for doc in state.library.values() {
                if let Err(why) = links_hold(doc) {
                    return Err(TestCaseError::fail(format!("after {step:?}: {why}")));
                }
            }
            prop_assert!(state.picking.is_none() || state.picking == state.selected);
        }
        // Undoing everything gives the article back without annotations or people.
        let mut undone = Rc::clone(&state);
        for _ in 0..=state.undo.len() {
            undone = undone.reduce(Action::Undo);
        }
        let article = undone.article.as_ref().expect("the article");
        prop_assert!(article.doc.annotations.is_empty(), "{:?}", article.doc.annotations);
        prop_assert!(article.doc.entities.is_empty(), "{:?}", article.doc.entities);
    }
}
