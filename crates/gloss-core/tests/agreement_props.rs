//! Properties of the agreement figures on any marks: an annotator agrees perfectly with an
//! identical copy of themselves (κ and α_u are 1 whenever defined, F1 is 1), pairwise figures
//! do not depend on who is first, every value lies in its range, and nothing panics (marks may
//! reach past the text, overlap, or repeat).
#![cfg(not(target_arch = "wasm32"))]

use gloss_core::agree::{compare, Annotators, Article, Layer, Measure};
use gloss_core::model::{Label, Span};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Ana".to_owned()),
        Just("said".to_owned()),
        Just("café".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just(", ".to_owned()),
        Just(". ".to_owned()),
        Just("😀".to_owned()),
        "[a-z]{1,7}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|p| p.join(" "))
}

fn marks() -> impl Strategy<Value = Vec<(Label, Span)>> {
    let label = proptest::sample::select(Label::ALL.to_vec());
    let mark = (label, 0usize..120, 1usize..40).prop_map(|(l, start, len)| {
        (
            l,
            Span {
                start,
                end: start + len,
            },
        )
    });
    proptest::collection::vec(mark, 0..8)
}

fn layers() -> impl Strategy<Value = Vec<Layer>> {
    proptest::collection::vec(marks(), 1..4).prop_map(|all| {
        all.into_iter()
            .enumerate()
            .map(|(i, marks)| Layer {
                annotator: format!("P{i}"),
                marks,
            })
            .collect()
    })
}

fn within(x: f64, low: f64, high: f64) -> bool {
    x.is_finite() && low - 1e-12 <= x && x <= high + 1e-12
}

proptest! {
    #[test]
    fn an_identical_copy_agrees_perfectly(text in text(), marks in marks()) {
        let layers = [
            Layer { annotator: "A".into(), marks: marks.clone() },
            Layer { annotator: "B".into(), marks },
        ];
        let report = compare(&Article { title: "t", text: &text, layers: &layers });
        for f in &report.figures {
            if let Some(v) = f.value {
                prop_assert!((v - 1.0).abs() < 1e-12, "{f:?}");
            }
            if matches!(f.measure, Measure::AlphaU) {
                prop_assert_eq!(f.observed, Some(0.0), "{:?}", f);
            }
        }
    }

    #[test]
    fn pairs_are_symmetric(text in text(), a in marks(), b in marks()) {
        let ab = [
            Layer { annotator: "A".into(), marks: a.clone() },
            Layer { annotator: "B".into(), marks: b.clone() },
        ];
        let ba = [
            Layer { annotator: "B".into(), marks: b },
            Layer { annotator: "A".into(), marks: a },
        ];
        let one = compare(&Article { title: "t", text: &text, layers: &ab });
        let two = compare(&Article { title: "t", text: &text, layers: &ba });
        prop_assert_eq!(one.figures.len(), two.figures.len());
        for (x, y) in one.figures.iter().zip(&two.figures) {
            prop_assert_eq!((x.label, x.measure, x.units), (y.label, y.measure, y.units));
            let close = |p: Option<f64>, q: Option<f64>| match (p, q) {
                (Some(p), Some(q)) => (p - q).abs() < 1e-12,
                (p, q) => p == q,
            };
            prop_assert!(close(x.value, y.value), "{x:?} / {y:?}");
            prop_assert!(close(x.observed, y.observed), "{x:?} / {y:?}");
            prop_assert!(close(x.expected, y.expected), "{x:?} / {y:?}");
        }
    }

    #[test]
    fn values_lie_in_their_ranges(text in text(), layers in layers()) {
        let report = compare(&Article { title: "t", text: &text, layers: &layers });
        let n = layers.len();
        let pairs = report.figures.iter().filter(|f| matches!(f.annotators, Annotators::Pair(..)));
        // Per pair and label (three and "all"): two F1s, κ when there is a word, α_u when there
        // is a code point.
        let tokens = gloss_core::agree::tokens::tokens(&text).len();
        let per_label = 2 + usize::from(tokens > 0) + usize::from(!text.is_empty());
        prop_assert_eq!(pairs.count(), n * (n - 1) / 2 * 4 * per_label);
        let everyone = report.figures.iter().filter(|f| f.annotators == Annotators::All);
        prop_assert_eq!(everyone.count(), if n >= 3 { 4 * per_label } else { 0 });
        for f in &report.figures {
            match f.measure {
                Measure::ExactF1 | Measure::OverlapF1 => {
                    prop_assert!(f.value.is_none_or(|v| within(v, 0.0, 1.0)), "{f:?}");
                    prop_assert_eq!(f.value.is_none(), f.units == 0);
                }
                Measure::CohenKappa | Measure::FleissKappa => {
                    prop_assert!(f.value.is_none_or(|v| within(v, -1.0, 1.0)), "{f:?}");
                    prop_assert!(f.observed.is_some_and(|o| within(o, 0.0, 1.0)), "{f:?}");
                    prop_assert!(f.expected.is_some_and(|e| within(e, 0.0, 1.0)), "{f:?}");
                    prop_assert!(f.units > 0);
                }
                Measure::AlphaU => {
                    prop_assert!(f.value.is_none_or(|v| v.is_finite() && v <= 1.0 + 1e-12), "{f:?}");
                    prop_assert!(f.observed.is_some_and(|o| o.is_finite() && o >= 0.0), "{f:?}");
                    prop_assert!(f.expected.is_some_and(|e| e.is_finite() && e >= 0.0), "{f:?}");
                    prop_assert_eq!(f.units, text.chars().count());
                }
            }
        }
    }
}
