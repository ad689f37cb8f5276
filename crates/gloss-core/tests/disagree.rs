//! "Compare annotators", place by place: named cases for how marks group into items and which
//! items are disagreements (and why), for the curator's choices and for N/P; then properties
//! on any marks: every mark lands in exactly one item, items of a label do not overlap, an
//! item spans its marks, identical layers agree everywhere, and "both" takes everything any
//! one annotator would.
#![cfg(not(target_arch = "wasm32"))]

use gloss_core::agree::disagree::{
    agreed_marks, chosen, disagreements, items, next_disagreement, previous_disagreement, Choice,
    Item, Kind, Mark,
};
use gloss_core::model::{Label, Span};
use proptest::prelude::*;

use Label::{Actor, Claim, Quote};

fn sp(start: usize, end: usize) -> Span {
    Span { start, end }
}

/// A mark keyed by a short name, so a test can say which mark went where.
fn m(key: &'static str, label: Label, start: usize, end: usize) -> Mark<&'static str> {
    Mark {
        key,
        label,
        span: sp(start, end),
        speaker: None,
    }
}

fn said(mut mark: Mark<&'static str>, who: &str) -> Mark<&'static str> {
    mark.speaker = Some(who.to_owned());
    mark
}

fn keys(marks: &[Mark<&'static str>]) -> Vec<&'static str> {
    marks.iter().map(|m| m.key).collect()
}

#[test]
fn items_table() {
    /// (name, layers, expected items as (label, span, kind))
    type Case = (
        &'static str,
        Vec<Vec<Mark<&'static str>>>,
        Vec<(Label, Span, Kind)>,
    );
    let cases: Vec<Case> = vec![
        ("empty input", vec![], vec![]),
        (
            "two annotators, nothing marked",
            vec![vec![], vec![]],
            vec![],
        ),
        (
            "one annotator: nothing to compare, all agreed",
            vec![vec![m("a1", Quote, 0, 5), m("a2", Quote, 3, 9)]],
            vec![(Quote, sp(0, 9), Kind::Agreed)],
        ),
        (
            "identical marks",
            vec![
                vec![m("a1", Quote, 0, 5), m("a2", Actor, 7, 9)],
                vec![m("b1", Quote, 0, 5), m("b2", Actor, 7, 9)],
            ],
            vec![
                (Quote, sp(0, 5), Kind::Agreed),
                (Actor, sp(7, 9), Kind::Agreed),
            ],
        ),
        (
            "one annotator marked nothing",
            vec![vec![m("a1", Claim, 0, 5), m("a2", Quote, 8, 12)], vec![]],
            vec![
                (Claim, sp(0, 5), Kind::Missing { marked: vec![0] }),
                (Quote, sp(8, 12), Kind::Missing { marked: vec![0] }),
            ],
        ),
        (
            "different extent",
            vec![vec![m("a1", Quote, 0, 5)], vec![m("b1", Quote, 1, 5)]],
            vec![(Quote, sp(0, 5), Kind::Extent)],
        ),
        (
            "one extra mark by A",
            vec![
                vec![m("a1", Quote, 0, 5), m("a2", Quote, 10, 15)],
                vec![m("b1", Quote, 0, 5)],
            ],
            vec![
                (Quote, sp(0, 5), Kind::Agreed),
                (Quote, sp(10, 15), Kind::Missing { marked: vec![0] }),
            ],
        ),
        (
            "touching marks are separate items",
            vec![vec![m("a1", Quote, 0, 5)], vec![m("b1", Quote, 5, 9)]],
            vec![
                (Quote, sp(0, 5), Kind::Missing { marked: vec![0] }),
                (Quote, sp(5, 9), Kind::Missing { marked: vec![1] }),
            ],
        ),
        (
            "overlapping chain A[0,5) B[4,10) A[9,12) is one item",
            vec![
                vec![m("a1", Quote, 0, 5), m("a2", Quote, 9, 12)],
                vec![m("b1", Quote, 4, 10)],
            ],
            vec![(Quote, sp(0, 12), Kind::Count { counts: vec![2, 1] })],
        ),
        (
            "one whole, the other in two pieces",
            vec![
                vec![m("a1", Claim, 0, 10)],
                vec![m("b1", Claim, 0, 4), m("b2", Claim, 5, 10)],
            ],
            vec![(Claim, sp(0, 10), Kind::Count { counts: vec![1, 2] })],
        ),
        (
            "same span, different labels: two items",
            vec![vec![m("a1", Quote, 0, 5)], vec![m("b1", Claim, 0, 5)]],
            vec![
                (Claim, sp(0, 5), Kind::Missing { marked: vec![1] }),
                (Quote, sp(0, 5), Kind::Missing { marked: vec![0] }),
            ],
        ),
        (
            "same quote, same speaker",
            vec![
                vec![said(m("a1", Quote, 0, 5), "Peskov")],
                vec![said(m("b1", Quote, 0, 5), "Peskov")],
            ],
            vec![(Quote, sp(0, 5), Kind::Agreed)],
        ),
        (
            "same quote, different speaker",
            vec![
                vec![said(m("a1", Quote, 0, 5), "Peskov")],
                vec![said(m("b1", Quote, 0, 5), "Putin")],
            ],
            vec![(
                Quote,
                sp(0, 5),
                Kind::Speaker {
                    span: sp(0, 5),
                    speakers: vec![vec![Some("Peskov".into())], vec![Some("Putin".into())]],
                },
            )],
        ),
        (
            "same claim, None vs Some speaker",
            vec![
                vec![m("a1", Claim, 0, 5)],
                vec![said(m("b1", Claim, 0, 5), "Putin")],
            ],
            vec![(
                Claim,
                sp(0, 5),
                Kind::Speaker {
                    span: sp(0, 5),
                    speakers: vec![vec![None], vec![Some("Putin".into())]],
                },
            )],
        ),
        (
            "an actor's speaker is not compared",
            vec![
                vec![said(m("a1", Actor, 0, 5), "Peskov")],
                vec![m("b1", Actor, 0, 5)],
            ],
            vec![(Actor, sp(0, 5), Kind::Agreed)],
        ),
        (
            "three annotators, two agree, one differs",
            vec![
                vec![m("a1", Quote, 0, 5)],
                vec![m("b1", Quote, 0, 5)],
                vec![m("c1", Quote, 0, 6)],
            ],
            vec![(Quote, sp(0, 6), Kind::Extent)],
        ),
        (
            "three annotators, one missing",
            vec![
                vec![m("a1", Quote, 0, 5)],
                vec![],
                vec![m("c1", Quote, 0, 5)],
            ],
            vec![(Quote, sp(0, 5), Kind::Missing { marked: vec![0, 2] })],
        ),
        (
            "the same overlapping marks by both agree",
            vec![
                vec![m("a1", Quote, 0, 5), m("a2", Quote, 3, 9)],
                vec![m("b1", Quote, 0, 5), m("b2", Quote, 3, 9)],
            ],
            vec![(Quote, sp(0, 9), Kind::Agreed)],
        ),
        (
            "a mark repeated by one annotator counts once",
            vec![
                vec![m("a1", Quote, 0, 5), m("a2", Quote, 0, 5)],
                vec![m("b1", Quote, 0, 5)],
            ],
            vec![(Quote, sp(0, 5), Kind::Agreed)],
        ),
        (
            "sorted by start, then end, then label",
            vec![
                vec![
                    m("a1", Actor, 20, 25),
                    m("a2", Quote, 0, 9),
                    m("a3", Claim, 0, 9),
                ],
                vec![m("b1", Quote, 0, 4), m("b2", Actor, 20, 25)],
            ],
            vec![
                (Claim, sp(0, 9), Kind::Missing { marked: vec![0] }),
                (Quote, sp(0, 9), Kind::Extent),
                (Actor, sp(20, 25), Kind::Agreed),
            ],
        ),
    ];
    for (name, layers, want) in cases {
        let got = items(&layers);
        let summary: Vec<(Label, Span, Kind)> = got
            .iter()
            .map(|i| (i.label, i.span, i.kind.clone()))
            .collect();
        assert_eq!(summary, want, "{name}");
        for item in &got {
            assert_eq!(item.agreed, item.kind == Kind::Agreed, "{name}: agreed");
            assert_eq!(item.versions.len(), layers.len(), "{name}: versions");
        }
    }
}

#[test]
fn versions_are_per_annotator_in_text_order() {
    let layers = vec![
        vec![m("a2", Quote, 9, 12), m("a1", Quote, 0, 5)],
        vec![m("b1", Quote, 4, 10)],
        vec![],
    ];
    let got = items(&layers);
    let versions: Vec<Vec<&str>> = got
        .first()
        .map(|i| i.versions.iter().map(|v| keys(v)).collect())
        .unwrap_or_default();
    assert_eq!(versions, vec![vec!["a1", "a2"], vec!["b1"], vec![]]);
}

#[test]
fn describe_table() {
    let names = ["Ana", "Ben", "Cleo"];
    let cases: &[(&str, Kind, &[&str], &str)] = &[
        ("agreed", Kind::Agreed, &names, "Agreed"),
        (
            "only one",
            Kind::Missing { marked: vec![0] },
            &names,
            "Only Ana marked it",
        ),
        (
            "only two of three",
            Kind::Missing { marked: vec![0, 2] },
            &names,
            "Only Ana and Cleo marked it",
        ),
        ("extent", Kind::Extent, &names, "Different extent"),
        (
            "count",
            Kind::Count { counts: vec![2, 1] },
            &names,
            "Different number of marks: Ana 2, Ben 1",
        ),
        (
            "speaker",
            Kind::Speaker {
                span: sp(0, 5),
                speakers: vec![vec![Some("Peskov".into())], vec![Some("Putin".into())]],
            },
            &names,
            "Different speaker: Ana says Peskov, Ben says Putin",
        ),
        (
            "no speaker, and two at once",
            Kind::Speaker {
                span: sp(0, 5),
                speakers: vec![
                    vec![None],
                    vec![Some("Peskov".into()), Some("Putin".into())],
                ],
            },
            &names,
            "Different speaker: Ana says no one, Ben says Peskov or Putin",
        ),
        (
            "names missing",
            Kind::Missing { marked: vec![1] },
            &[],
            "Only annotator 2 marked it",
        ),
    ];
    for (name, kind, names, want) in cases {
        assert_eq!(kind.describe(names), *want, "{name}");
    }
}

#[test]
fn choice_table() {
    let layers = vec![
        vec![m("a1", Quote, 0, 5), said(m("a2", Quote, 6, 10), "Ana")],
        vec![
            m("b1", Quote, 0, 5),
            said(m("b2", Quote, 6, 10), "Ben"),
            m("b3", Quote, 4, 7),
        ],
        vec![],
    ];
    let got = items(&layers);
    let item = got.first().expect("one item");
    let cases: &[(&str, Choice, &[&str])] = &[
        ("keep the first", Choice::Keep(0), &["a1", "a2"]),
        ("keep the second", Choice::Keep(1), &["b1", "b3", "b2"]),
        ("keep one who marked nothing", Choice::Keep(2), &[]),
        ("keep one who is not there", Choice::Keep(9), &[]),
        // b1 is a1 again: taken once, a1 wins. b2 differs from a2 by speaker: both taken.
        (
            "both dedups identical marks",
            Choice::Both,
            &["a1", "b3", "a2", "b2"],
        ),
        ("neither is empty", Choice::Neither, &[]),
    ];
    for (name, choice, want) in cases {
        assert_eq!(keys(&chosen(item, *choice)), *want, "{name}");
    }
}

#[test]
fn agreed_marks_are_the_first_annotators() {
    let layers = vec![
        vec![m("a1", Claim, 0, 5), m("a2", Claim, 0, 5)],
        vec![m("b1", Claim, 0, 5)],
    ];
    let got = items(&layers);
    let item = got.first().expect("one item");
    assert!(item.agreed);
    assert_eq!(keys(&agreed_marks(item)), ["a1"]);
}

/// Items whose agreement is given by a pattern: `true` agreed, `false` not.
fn pattern(agreed: &[bool]) -> Vec<Item<()>> {
    agreed
        .iter()
        .enumerate()
        .map(|(i, &agreed)| Item {
            label: Quote,
            span: sp(i * 10, i * 10 + 5),
            versions: vec![],
            agreed,
            kind: if agreed { Kind::Agreed } else { Kind::Extent },
        })
        .collect()
}

#[test]
fn navigation_table() {
    const T: bool = true;
    const F: bool = false;
    /// (name, pattern, from, next, previous)
    type Case = (
        &'static str,
        &'static [bool],
        Option<usize>,
        Option<usize>,
        Option<usize>,
    );
    let cases: &[Case] = &[
        ("no items", &[], None, None, None),
        ("all agreed", &[T, T, T], Some(1), None, None),
        ("from nowhere", &[T, F, T, F, T], None, Some(1), Some(3)),
        ("skips agreed", &[F, T, T, F, T], Some(0), Some(3), Some(3)),
        (
            "from an agreed item",
            &[F, T, F, T],
            Some(1),
            Some(2),
            Some(0),
        ),
        ("wraps forward", &[T, F, T, F, T], Some(3), Some(1), Some(1)),
        ("wraps backward", &[T, F, T, F], Some(1), Some(3), Some(3)),
        ("the only one stays", &[T, F, T], Some(1), Some(1), Some(1)),
        ("from past the end", &[F, T, F], Some(7), Some(0), Some(2)),
    ];
    for (name, agreed, from, next, previous) in cases {
        let items = pattern(agreed);
        assert_eq!(next_disagreement(&items, *from), *next, "{name}: next");
        assert_eq!(
            previous_disagreement(&items, *from),
            *previous,
            "{name}: previous"
        );
    }
    let items = pattern(&[T, F, T, F]);
    let listed: Vec<usize> = disagreements(&items).map(|(i, _)| i).collect();
    assert_eq!(listed, [1, 3]);
}

// Properties.

fn any_mark() -> impl Strategy<Value = Mark<usize>> {
    let label = proptest::sample::select(Label::ALL.to_vec());
    let speaker = proptest::option::of(proptest::sample::select(vec!["Ana", "Ben"]));
    (label, 0usize..60, 1usize..15, speaker).prop_map(|(label, start, len, speaker)| Mark {
        key: 0,
        label,
        span: sp(start, start + len),
        speaker: speaker.map(str::to_owned),
    })
}

/// Up to four layers of marks, keyed by (annotator, position) flattened to one number.
fn any_layers() -> impl Strategy<Value = Vec<Vec<Mark<usize>>>> {
    proptest::collection::vec(proptest::collection::vec(any_mark(), 0..8), 0..4).prop_map(
        |layers| {
            layers
                .into_iter()
                .enumerate()
                .map(|(who, marks)| {
                    marks
                        .into_iter()
                        .enumerate()
                        .map(|(at, mark)| Mark {
                            key: who * 100 + at,
                            ..mark
                        })
                        .collect()
                })
                .collect()
        },
    )
}

proptest! {
    #[test]
    fn every_mark_is_in_exactly_one_item(layers in any_layers()) {
        let got = items(&layers);
        for (who, layer) in layers.iter().enumerate() {
            for mark in layer {
                let homes = got
                    .iter()
                    .filter(|i| i.versions.get(who).is_some_and(|v| v.contains(mark)))
                    .count();
                prop_assert_eq!(homes, 1, "{:?}", mark);
            }
        }
        let listed: usize = got.iter().flat_map(|i| &i.versions).map(Vec::len).sum();
        let given: usize = layers.iter().map(Vec::len).sum();
        prop_assert_eq!(listed, given);
    }

    #[test]
    fn items_of_a_label_do_not_overlap(layers in any_layers()) {
        let got = items(&layers);
        for (i, a) in got.iter().enumerate() {
            for b in got.iter().skip(i + 1) {
                prop_assert!(a.label != b.label || !a.span.overlaps(b.span), "{:?} {:?}", a, b);
            }
        }
        let order: Vec<(usize, usize, Label)> =
            got.iter().map(|i| (i.span.start, i.span.end, i.label)).collect();
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(order, sorted);
    }

    #[test]
    fn an_item_spans_its_marks(layers in any_layers()) {
        for item in items(&layers) {
            let marks: Vec<&Mark<usize>> = item.versions.iter().flatten().collect();
            prop_assert!(!marks.is_empty());
            prop_assert!(marks.iter().all(|m| m.label == item.label));
            let start = marks.iter().map(|m| m.span.start).min();
            let end = marks.iter().map(|m| m.span.end).max();
            prop_assert_eq!(Some(item.span.start), start);
            prop_assert_eq!(Some(item.span.end), end);
            prop_assert_eq!(item.versions.len(), layers.len());
            for version in &item.versions {
                let spans: Vec<Span> = version.iter().map(|m| m.span).collect();
                let mut sorted = spans.clone();
                sorted.sort();
                prop_assert_eq!(spans, sorted);
            }
        }
    }

    #[test]
    fn identical_layers_agree_everywhere(
        layer in proptest::collection::vec(any_mark(), 0..10),
        people in 1usize..4,
    ) {
        let layers = vec![layer; people];
        let got = items(&layers);
        prop_assert!(got.iter().all(|i| i.agreed && i.kind == Kind::Agreed), "{:?}", got);
        prop_assert_eq!(disagreements(&got).count(), 0);
        prop_assert_eq!(next_disagreement(&got, None), None);
    }

    #[test]
    fn both_takes_whatever_keep_would(layers in any_layers()) {
        for item in items(&layers) {
            let both = chosen(&item, Choice::Both);
            for (a, m) in both.iter().enumerate() {
                for n in both.iter().skip(a + 1) {
                    prop_assert!(!m.same_as(n), "taken twice: {:?}", m);
                }
            }
            for who in 0..layers.len() {
                for kept in chosen(&item, Choice::Keep(who)) {
                    prop_assert!(both.iter().any(|m| m.same_as(&kept)), "{:?}", kept);
                }
            }
            prop_assert!(chosen(&item, Choice::Neither).is_empty());
        }
    }
}
