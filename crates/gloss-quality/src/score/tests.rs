//! The scorer's tables: zero cases, matching, quote + speaker.

use super::*;

fn s(start: usize, end: usize) -> Span {
    Span { start, end }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn precision_recall_and_f1_with_their_zero_cases() {
    // (name, counts, P, R, F1)
    let cases: &[(&str, Counts, f64, f64, f64)] = &[
        ("nothing at all", Counts::of(0, 0, 0), 1.0, 1.0, 1.0),
        ("no predictions", Counts::of(0, 0, 4), 1.0, 0.0, 0.0),
        ("no gold", Counts::of(0, 3, 0), 0.0, 1.0, 0.0),
        ("perfect", Counts::of(5, 5, 5), 1.0, 1.0, 1.0),
        ("disjoint", Counts::of(0, 2, 2), 0.0, 0.0, 0.0),
        ("half right", Counts::of(1, 2, 4), 0.5, 0.25, 1.0 / 3.0),
    ];
    for (name, c, p, r, f) in cases {
        assert!(close(c.precision(), *p), "{name}: P {}", c.precision());
        assert!(close(c.recall(), *r), "{name}: R {}", c.recall());
        assert!(close(c.f1(), *f), "{name}: F1 {}", c.f1());
    }
}

#[test]
fn spans_match_exactly_or_by_half_of_the_longer() {
    // (name, predicted, gold, exact TP, overlap TP)
    type Case = (&'static str, Vec<Span>, Vec<Span>, usize, usize);
    let cases: &[Case] = &[
        ("empty", vec![], vec![], 0, 0),
        ("same", vec![s(0, 10)], vec![s(0, 10)], 1, 1),
        ("off by one", vec![s(0, 11)], vec![s(0, 10)], 0, 1),
        (
            "exactly half of the longer",
            vec![s(0, 5)],
            vec![s(0, 10)],
            0,
            1,
        ),
        ("under half", vec![s(0, 4)], vec![s(0, 10)], 0, 0),
        (
            "touching, not overlapping",
            vec![s(10, 20)],
            vec![s(0, 10)],
            0,
            0,
        ),
        ("disjoint", vec![s(30, 40)], vec![s(0, 10)], 0, 0),
        (
            "one gold, two near: one match",
            vec![s(0, 9), s(1, 10)],
            vec![s(0, 10)],
            0,
            1,
        ),
        (
            "exact first: the exact pair wins over a greedy overlap",
            vec![s(0, 10), s(2, 12)],
            vec![s(2, 12), s(0, 10)],
            2,
            2,
        ),
        (
            "largest intersection first",
            vec![s(0, 10), s(4, 12)],
            vec![s(3, 12)],
            0,
            1,
        ),
    ];
    for (name, p, g, exact, overlap) in cases {
        assert_eq!(spans(p, g, Mode::Exact).tp, *exact, "{name}: exact");
        let c = spans(p, g, Mode::Overlap);
        assert_eq!(c.tp, *overlap, "{name}: overlap");
        assert_eq!(
            c.tp + c.fp,
            p.len(),
            "{name}: every prediction counted once"
        );
        assert_eq!(
            c.tp + c.fn_,
            g.len(),
            "{name}: every gold span counted once"
        );
    }
    // Largest intersection first: the gold goes to the prediction that covers more of it.
    assert_eq!(
        pair(&[s(0, 10), s(4, 12)], &[s(3, 12)], Mode::Overlap),
        vec![(1, 0)]
    );
}

fn quote(kind: Kind, span: Span, speaker: Option<Span>) -> Suggestion {
    Suggestion {
        kind,
        span,
        speaker,
    }
}

#[test]
fn quote_and_speaker_end_to_end() {
    // Gold: Ana (entity 0) at 0..3 and 50..53, Bo (entity 1) at 20..22; a quote by Ana at
    // 30..45, an indirect quote by Bo at 60..80, a quote nobody is named for at 90..99.
    let truth = Truth {
        quotes: vec![
            GoldQuote {
                span: s(30, 45),
                indirect: false,
                speaker: Some(0),
            },
            GoldQuote {
                span: s(60, 80),
                indirect: true,
                speaker: Some(1),
            },
            GoldQuote {
                span: s(90, 99),
                indirect: false,
                speaker: None,
            },
        ],
        actors: vec![
            GoldActor {
                span: s(0, 3),
                entity: 0,
            },
            GoldActor {
                span: s(20, 22),
                entity: 1,
            },
            GoldActor {
                span: s(50, 53),
                entity: 0,
            },
        ],
    };
    use Kind::{DirectQuote as D, IndirectQuote as I};
    // (name, predictions, TP, FP, FN)
    let cases: &[(&str, Vec<Suggestion>, usize, usize, usize)] = &[
        ("no predictions", vec![], 0, 0, 2),
        (
            "both right, any mention of the entity, either kind",
            vec![
                quote(D, s(30, 45), Some(s(50, 53))),
                quote(D, s(61, 80), Some(s(20, 22))),
            ],
            2,
            0,
            0,
        ),
        (
            "a speaker span that only overlaps the mention",
            vec![quote(D, s(30, 45), Some(s(0, 10)))],
            1,
            0,
            1,
        ),
        (
            "wrong speaker",
            vec![quote(D, s(30, 45), Some(s(20, 22)))],
            0,
            1,
            2,
        ),
        (
            "no speaker where the gold has one",
            vec![quote(I, s(60, 80), None)],
            0,
            1,
            2,
        ),
        (
            "nobody named, nobody guessed: not counted",
            vec![quote(D, s(90, 99), None)],
            0,
            0,
            2,
        ),
        (
            "nobody named, somebody guessed",
            vec![quote(D, s(90, 99), Some(s(0, 3)))],
            0,
            1,
            2,
        ),
        (
            "a quote that is not one",
            vec![quote(D, s(100, 120), Some(s(0, 3)))],
            0,
            1,
            2,
        ),
        (
            "span too far off",
            vec![quote(D, s(30, 36), Some(s(0, 3)))],
            0,
            1,
            2,
        ),
    ];
    for (name, predicted, tp, fp, fn_) in cases {
        let c = quote_speaker(predicted, &truth);
        assert_eq!((c.tp, c.fp, c.fn_), (*tp, *fp, *fn_), "{name}");
    }
}

#[test]
fn score_keeps_kinds_apart() {
    let truth = Truth {
        quotes: vec![
            GoldQuote {
                span: s(10, 20),
                indirect: false,
                speaker: None,
            },
            GoldQuote {
                span: s(30, 40),
                indirect: true,
                speaker: None,
            },
        ],
        actors: vec![GoldActor {
            span: s(0, 3),
            entity: 0,
        }],
    };
    let predicted = vec![
        quote(Kind::IndirectQuote, s(10, 20), None),
        quote(Kind::DirectQuote, s(30, 40), None),
        quote(Kind::Actor, s(0, 3), None),
    ];
    let got = score(&predicted, &truth);
    assert_eq!(
        got.direct_exact,
        Counts {
            tp: 0,
            fp: 1,
            fn_: 1
        }
    );
    assert_eq!(
        got.indirect_overlap,
        Counts {
            tp: 0,
            fp: 1,
            fn_: 1
        }
    );
    assert_eq!(
        got.actor_exact,
        Counts {
            tp: 1,
            fp: 0,
            fn_: 0
        }
    );
    assert_eq!(
        got.quote_speaker,
        Counts {
            tp: 0,
            fp: 0,
            fn_: 0
        }
    );
}
