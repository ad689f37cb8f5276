//! What the rules got wrong in one article, span by span (`quality --misses`): every
//! suggestion no gold span matches (a false positive) and every gold span no suggestion
//! matches (a false negative), by overlap, for direct quotes, indirect quotes and actors.

use gloss_core::model::Span;
use gloss_core::suggest::{Kind, Suggestion};

use crate::score::{pair, Mode, Truth};

/// One miss: which measure, which way, and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    pub kind: Kind,
    /// True for a suggestion no gold span matches; false for a gold span nothing found.
    pub false_positive: bool,
    pub span: Span,
}

/// The misses of `predicted` against `truth`, kind by kind, in text order within each.
pub fn misses(predicted: &[Suggestion], truth: &Truth) -> Vec<Miss> {
    let mut out = Vec::new();
    for kind in [Kind::DirectQuote, Kind::IndirectQuote, Kind::Actor] {
        let found: Vec<Span> = predicted
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.span)
            .collect();
        let gold: Vec<Span> = match kind {
            Kind::Actor => truth.actors.iter().map(|a| a.span).collect(),
            _ => truth
                .quotes
                .iter()
                .filter(|q| q.indirect == (kind == Kind::IndirectQuote))
                .map(|q| q.span)
                .collect(),
        };
        let pairs = pair(&found, &gold, Mode::Overlap);
        let mut these: Vec<Miss> = Vec::new();
        for (i, &span) in found.iter().enumerate() {
            if !pairs.iter().any(|&(p, _)| p == i) {
                these.push(Miss {
                    kind,
                    false_positive: true,
                    span,
                });
            }
        }
        for (i, &span) in gold.iter().enumerate() {
            if !pairs.iter().any(|&(_, g)| g == i) {
                these.push(Miss {
                    kind,
                    false_positive: false,
                    span,
                });
            }
        }
        these.sort_by_key(|m| (m.span.start, m.span.end));
        out.extend(these);
    }
    out
}

/// The misses as markdown list items, each with its text (`text` is the article's).
pub fn list(text: &str, misses: &[Miss]) -> String {
    let chars: Vec<char> = text.chars().collect();
    misses
        .iter()
        .map(|m| {
            let said: String = chars
                .get(m.span.start..m.span.end)
                .unwrap_or_default()
                .iter()
                .collect();
            let what = match m.kind {
                Kind::DirectQuote => "direct quote",
                Kind::IndirectQuote => "indirect quote",
                Kind::Actor => "actor",
            };
            let way = if m.false_positive {
                "found, not in gold"
            } else {
                "in gold, not found"
            };
            format!(
                "- {what}, {way} ({}..{}): {said:?}\n",
                m.span.start, m.span.end
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{GoldActor, GoldQuote};

    fn sp(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn misses_are_what_overlap_matching_leaves_on_either_side() {
        let text = "Ann Lee said: \"We won.\" Bob Hay smiled.";
        let truth = Truth {
            quotes: vec![GoldQuote {
                span: sp(15, 22),
                indirect: false,
                speaker: Some(0),
            }],
            actors: vec![
                GoldActor {
                    span: sp(0, 7),
                    entity: 0,
                },
                GoldActor {
                    span: sp(24, 31),
                    entity: 1,
                },
            ],
        };
        let predicted = vec![
            // The quote, one character short: still matched by overlap.
            Suggestion {
                kind: Kind::DirectQuote,
                span: sp(15, 21),
                speaker: Some(sp(0, 7)),
            },
            Suggestion {
                kind: Kind::Actor,
                span: sp(0, 7),
                speaker: None,
            },
            // "said": no actor in the gold.
            Suggestion {
                kind: Kind::Actor,
                span: sp(8, 12),
                speaker: None,
            },
        ];
        let got = misses(&predicted, &truth);
        assert_eq!(
            got,
            vec![
                Miss {
                    kind: Kind::Actor,
                    false_positive: true,
                    span: sp(8, 12)
                },
                Miss {
                    kind: Kind::Actor,
                    false_positive: false,
                    span: sp(24, 31)
                },
            ]
        );
        assert_eq!(
            list(text, &got),
            "- actor, found, not in gold (8..12): \"said\"\n- actor, in gold, not found (24..31): \"Bob Hay\"\n"
        );
    }
}
