//! Property test over the reducer's incremental work: after any sequence of marks, relabels,
//! resizes, deletes, verdicts, source links, undos and redos, the open article must look exactly as if it had been laid
//! out from scratch (only the lines an edit reaches are recomputed), its annotations must stay in
//! text order, and the library must hold the very same document (one copy, not two).
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::offsets::{Edge, Resize};
use gloss_core::model::{
    text_order, AnnotationId, Document, Evidence, Label, Span, Timestamp, Verdict,
};
use gloss_core::state::{Action, Article, EvidenceChange, Selection, State};
use proptest::prelude::*;

const TEXT: &str =
    "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”\n\nCritics \
disagreed 🇺🇦 loudly.\nA third line, short.\n\n\nAnd a last paragraph with more words in it.";

#[derive(Clone, Debug)]
enum Step {
    Mark(usize, usize, usize),
    Click(usize),
    Relabel(usize),
    Resize(bool, bool),
    Delete,
    /// A verdict (by its place in `Verdict::ALL`, or none past its end) on the selected one.
    Verdict(usize),
    /// A source link added to the selected one (`true`) or its first removed.
    Source(bool),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let len = TEXT.chars().count();
    prop_oneof![
        4 => (0..len, 1usize..60, 0usize..3).prop_map(|(s, l, k)| Step::Mark(s, l, k)),
        2 => (0..len).prop_map(Step::Click),
        1 => (0usize..3).prop_map(Step::Relabel),
        1 => (any::<bool>(), any::<bool>()).prop_map(|(e, g)| Step::Resize(e, g)),
        1 => Just(Step::Delete),
        1 => (0usize..8).prop_map(Step::Verdict),
        1 => any::<bool>().prop_map(Step::Source),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// The action a step stands for (none: it needs a selection and nothing is selected).
fn action(step: &Step, n: usize, selected: Option<AnnotationId>) -> Option<Action> {
    let at = Timestamp(n as i64 * 10_000);
    Some(match *step {
        Step::Mark(start, len, label) => {
            let end = (start + len).min(TEXT.chars().count());
            Action::ApplyLabel {
                label: Label::ALL[label],
                selection: Span::new(start, end).map_or(Selection::None, Selection::Span),
                new_id: AnnotationId(uuid::Uuid::from_u128(n as u128 + 1)),
                at,
            }
        }
        Step::Click(point) => Action::ClickAt(point),
        Step::Relabel(label) => Action::ApplyLabel {
            label: Label::ALL[label],
            selection: Selection::None,
            new_id: AnnotationId(uuid::Uuid::from_u128(n as u128 + 1)),
            at,
        },
        Step::Resize(start, grow) => Action::ResizeSelected {
            edge: if start { Edge::Start } else { Edge::End },
            how: if grow { Resize::Grow } else { Resize::Shrink },
            at,
        },
        Step::Delete => Action::DeleteSelected,
        Step::Verdict(k) => Action::SetVerdict {
            id: selected?,
            verdict: Verdict::ALL.get(k).copied(),
            at,
        },
        Step::Source(add) => Action::ChangeEvidence {
            id: selected?,
            change: if add {
                EvidenceChange::Add(Evidence {
                    url: format!("https://example.org/{n}"),
                    title: String::new(),
                    note: String::new(),
                })
            } else {
                EvidenceChange::Remove(0)
            },
            at,
        },
        Step::Undo => Action::Undo,
        Step::Redo => Action::Redo,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn edits_keep_the_layout_equal_to_a_fresh_one(steps in prop::collection::vec(step(), 1..40)) {
        let doc = Document::new("Props".into(), None, TEXT.into(), Timestamp(0));
        let mut state = Rc::new(State::with_document(doc));
        for (n, s) in steps.iter().enumerate() {
            let Some(action) = action(s, n, state.selected) else {
                continue;
            };
            state = state.reduce(action);
            let article = state.article.as_ref().expect("the article stays open");
            let fresh = Article::new(Rc::new((*article.doc).clone()));
            prop_assert_eq!(&article.segments, &fresh.segments, "after step {} ({:?})", n, s);
            prop_assert!(article.doc.annotations.is_sorted_by(|a, b| text_order(a, b).is_le()));
            let stored = state.library.get(&article.doc.id).expect("in the library");
            prop_assert!(Rc::ptr_eq(stored, &article.doc), "library and article share one copy");
            prop_assert!(
                article.doc.annotations.iter().all(|a| a.label == Label::Claim || !a.is_checked()),
                "only claims carry a verdict or sources, after step {} ({:?})", n, s
            );
        }
    }
}
