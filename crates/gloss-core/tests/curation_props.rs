//! Properties of curation through the reducer, on any two annotators' layers of one article:
//! "Accept all agreed", then "Keep <first>'s" on every disagreement, gives a curated layer that
//! is exactly the first annotator's marks (each once); "Keep neither" everywhere leaves exactly
//! the agreements; every curated quote's or claim's source is a curated actor; and undoing every
//! step leaves no curated annotation. Nothing panics whatever the marks.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::rc::Rc;

use gloss_core::agree::disagree::{self, Choice};
use gloss_core::model::{Annotation, AnnotationId, Document, Label, Span, Timestamp};
use gloss_core::state::curating::comparison;
use gloss_core::state::{Action, State};
use proptest::prelude::*;

const TEXT: &str =
    "Mayor Ana Lima said the bridge is safe, and Rui Costa said it is not, the council said.";

fn len() -> usize {
    TEXT.chars().count()
}

/// One mark as generated: label, start, length, which of the layer's actors speaks.
type Drawn = (Label, usize, usize, Option<usize>);

/// One annotator's marks.
fn layer() -> impl Strategy<Value = Vec<Drawn>> {
    let label = proptest::sample::select(Label::ALL.to_vec());
    proptest::collection::vec(
        (
            label,
            0..len() - 1,
            1usize..12,
            proptest::option::of(0usize..6),
        ),
        0..7,
    )
}

fn build(layers: &[Vec<Drawn>]) -> Rc<State> {
    let mut doc = Document::new("T".into(), None, TEXT.into(), Timestamp(0));
    let mut n = 0u128;
    for (who, marks) in ["Ana", "Ben"].iter().zip(layers) {
        let mut made: Vec<Annotation> = Vec::new();
        for &(label, start, length, _) in marks {
            n += 1;
            let span = Span {
                start,
                end: (start + length).min(len()),
            };
            // The same mark twice in one layer is kept once, as an import would.
            if made.iter().any(|a| a.label == label && a.span == span) {
                continue;
            }
            let mut a = Annotation::new(
                AnnotationId(uuid::Uuid::from_u128(n)),
                label,
                span,
                Timestamp(0),
            );
            a.created_by = Some((*who).to_owned());
            made.push(a);
        }
        // Speakers: a quote or claim names one of this layer's actors.
        let actors: Vec<AnnotationId> = made
            .iter()
            .filter(|a| a.label == Label::Actor)
            .map(|a| a.id)
            .collect();
        for (a, &(_, _, _, speaker)) in made.iter_mut().zip(marks) {
            if a.label != Label::Actor {
                a.source = speaker.and_then(|i| actors.get(i % actors.len().max(1)).copied());
            }
        }
        doc.annotations.extend(made);
    }
    doc.annotations.sort_by(gloss_core::model::text_order);
    Rc::new(State::with_document(doc)).reduce(Action::SetYourName("Cleo".into()))
}

fn ids(k: u128) -> Vec<AnnotationId> {
    (0..64)
        .map(|i| AnnotationId(uuid::Uuid::from_u128(10_000 * (k + 1) + i)))
        .collect()
}

fn curated(state: &State) -> BTreeSet<(Label, Span)> {
    let doc = &state.article.as_ref().expect("article").doc;
    doc.annotations
        .iter()
        .filter(|a| a.curated)
        .map(|a| (a.label, a.span))
        .collect()
}

fn of(state: &State, who: &str) -> BTreeSet<(Label, Span)> {
    let doc = &state.article.as_ref().expect("article").doc;
    doc.annotations
        .iter()
        .filter(|a| !a.curated && a.created_by.as_deref() == Some(who))
        .map(|a| (a.label, a.span))
        .collect()
}

/// Accept all agreed, then `choice` on every disagreement (in text order).
fn settle(mut state: Rc<State>, choice: Choice) -> (Rc<State>, usize) {
    let mut steps = 0;
    let before = Rc::clone(&state);
    state = state.reduce(Action::AcceptAgreed {
        ids: ids(0),
        at: Timestamp(1),
    });
    if !Rc::ptr_eq(&before, &state) && state.notice.is_none() {
        steps += 1;
    }
    let doc = Rc::clone(&state.article.as_ref().expect("article").doc);
    let found = comparison(&doc, Some("Cleo"));
    let places: Vec<(Label, Span)> = disagree::disagreements(&found.items)
        .map(|(_, i)| (i.label, i.span))
        .collect();
    for (k, (label, span)) in places.into_iter().enumerate() {
        let undo_before = state.undo.len();
        state = state.reduce(Action::Curate {
            label,
            span,
            choice,
            ids: ids(k as u128 + 1),
            at: Timestamp(2),
        });
        if state.undo.len() > undo_before {
            steps += 1;
        }
    }
    (state, steps)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn keeping_the_first_everywhere_gives_exactly_the_first_layer(ana in layer(), ben in layer()) {
        let start = build(&[ana, ben]);
        let two = comparison(&start.article.as_ref().expect("article").doc, Some("Cleo")).names.len() == 2;
        let (state, steps) = settle(Rc::clone(&start), Choice::Keep(0));
        if two {
            prop_assert_eq!(curated(&state), of(&state, "Ana"));
        }
        // Every curated source is a curated actor, signed by the curator; a curated quote or
        // claim says who speaks as Ana's does (an actor on the same words).
        let doc = &state.article.as_ref().expect("article").doc;
        if two {
            let speaker = |a: &Annotation| a.source.and_then(|s| doc.annotation(s)).map(|s| s.span);
            for c in doc.annotations.iter().filter(|a| a.curated && a.label != Label::Actor) {
                let hers = doc.annotations.iter().find(|a| {
                    a.created_by.as_deref() == Some("Ana") && !a.curated && a.label == c.label && a.span == c.span
                });
                prop_assert_eq!(speaker(c), hers.and_then(speaker), "speaker of {:?}", c.span);
            }
        }
        for a in doc.annotations.iter().filter(|a| a.curated) {
            prop_assert_eq!(a.created_by.as_deref(), Some("Cleo"));
            if let Some(s) = a.source {
                let actor = doc.annotation(s).expect("the source is there");
                prop_assert!(actor.curated && actor.label == Label::Actor);
            }
        }
        // Undoing every step takes the curated layer away and leaves the layers as they were.
        let mut back = state;
        for _ in 0..steps {
            back = back.reduce(Action::Undo);
        }
        prop_assert!(curated(&back).is_empty());
        prop_assert_eq!(&back.article.as_ref().expect("article").doc.annotations, &start.article.as_ref().expect("article").doc.annotations);
    }

    #[test]
    fn keeping_neither_everywhere_leaves_exactly_the_agreements(ana in layer(), ben in layer()) {
        let start = build(&[ana, ben]);
        let found = comparison(&start.article.as_ref().expect("article").doc, Some("Cleo"));
        if found.names.len() == 2 {
            let agreed: BTreeSet<(Label, Span)> = found
                .items
                .iter()
                .filter(|i| i.agreed)
                .flat_map(|i| disagree::agreed_marks(i).into_iter().map(|m| (m.label, m.span)))
                .collect();
            let (state, _) = settle(start, Choice::Neither);
            // Agreements, and the actors their quotes and claims needed as speakers.
            let got = curated(&state);
            prop_assert!(agreed.is_subset(&got), "{agreed:?} ⊄ {got:?}");
            prop_assert!(got.difference(&agreed).all(|(l, _)| *l == Label::Actor));
        }
    }
}
