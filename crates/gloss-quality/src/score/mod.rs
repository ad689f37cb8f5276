//! The scorer, pure: predictions against gold, one-to-one greedy matching (exact matches
//! first), precision, recall and F1 from true positives, false positives and false negatives.
//!
//! Zero cases are fixed here once: no predictions gives precision 1 (nothing wrong was said),
//! no gold gives recall 1 (nothing was missed), and F1 is 0 when precision and recall are.

use gloss_core::model::Span;
use gloss_core::suggest::{Kind, Suggestion};

/// True positives, false positives, false negatives of one measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// From `matched` pairs out of `predicted` predictions and `gold` gold items.
    pub fn of(matched: usize, predicted: usize, gold: usize) -> Counts {
        Counts {
            tp: matched,
            fp: predicted.saturating_sub(matched),
            fn_: gold.saturating_sub(matched),
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// How two spans must agree to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Same start and end.
    Exact,
    /// Their intersection is at least half of the longer span.
    Overlap,
}

/// Whether `a` and `b` match in `mode`.
pub fn matches(a: Span, b: Span, mode: Mode) -> bool {
    match mode {
        Mode::Exact => a == b,
        Mode::Overlap => 2 * intersection(a, b) >= a.len().max(b.len()) && a.overlaps(b),
    }
}

fn intersection(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// One-to-one greedy matching: exact pairs first (in text order), then, in overlap mode, the
/// remaining pairs that match, largest intersection first. Returns (prediction, gold) indexes.
pub fn pair(predicted: &[Span], gold: &[Span], mode: Mode) -> Vec<(usize, usize)> {
    let mut used_p = vec![false; predicted.len()];
    let mut used_g = vec![false; gold.len()];
    let mut pairs = Vec::new();
    let mut take = |candidates: Vec<(usize, usize)>, pairs: &mut Vec<(usize, usize)>| {
        for (p, g) in candidates {
            if !used_p[p] && !used_g[g] {
                used_p[p] = true;
                used_g[g] = true;
                pairs.push((p, g));
            }
        }
    };
    let all = || {
        predicted
            .iter()
            .enumerate()
            .flat_map(|(p, ps)| gold.iter().enumerate().map(move |(g, gs)| (p, *ps, g, *gs)))
    };
    let exact: Vec<_> = all()
        .filter(|(_, a, _, b)| a == b)
        .map(|(p, _, g, _)| (p, g))
        .collect();
    take(exact, &mut pairs);
    if mode == Mode::Overlap {
        let mut near: Vec<_> = all()
            .filter(|(_, a, _, b)| matches(*a, *b, Mode::Overlap))
            .map(|(p, a, g, b)| (std::cmp::Reverse(intersection(a, b)), p, g))
            .collect();
        near.sort();
        take(
            near.into_iter().map(|(_, p, g)| (p, g)).collect(),
            &mut pairs,
        );
    }
    pairs
}

/// Span counts in `mode`.
pub fn spans(predicted: &[Span], gold: &[Span], mode: Mode) -> Counts {
    Counts::of(
        pair(predicted, gold, mode).len(),
        predicted.len(),
        gold.len(),
    )
}

/// A gold quote: its span, and the entity (any key) of its speaker when the text names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldQuote {
    pub span: Span,
    pub indirect: bool,
    pub speaker: Option<usize>,
}

/// A gold actor mention and its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldActor {
    pub span: Span,
    pub entity: usize,
}

/// An article's gold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Truth {
    pub quotes: Vec<GoldQuote>,
    pub actors: Vec<GoldActor>,
}

/// Every measure of one article (or a sum of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub direct_exact: Counts,
    pub direct_overlap: Counts,
    pub indirect_exact: Counts,
    pub indirect_overlap: Counts,
    pub quote_speaker: Counts,
    pub actor_exact: Counts,
    pub actor_overlap: Counts,
}

impl std::ops::AddAssign for Scores {
    fn add_assign(&mut self, o: Scores) {
        self.direct_exact += o.direct_exact;
        self.direct_overlap += o.direct_overlap;
        self.indirect_exact += o.indirect_exact;
        self.indirect_overlap += o.indirect_overlap;
        self.quote_speaker += o.quote_speaker;
        self.actor_exact += o.actor_exact;
        self.actor_overlap += o.actor_overlap;
    }
}

fn of_kind(predicted: &[Suggestion], kind: Kind) -> Vec<Span> {
    predicted
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.span)
        .collect()
}

/// Scores `predicted` against `truth`.
pub fn score(predicted: &[Suggestion], truth: &Truth) -> Scores {
    let gold_of = |indirect: bool| -> Vec<Span> {
        truth
            .quotes
            .iter()
            .filter(|q| q.indirect == indirect)
            .map(|q| q.span)
            .collect()
    };
    let (direct, indirect) = (gold_of(false), gold_of(true));
    let p_direct = of_kind(predicted, Kind::DirectQuote);
    let p_indirect = of_kind(predicted, Kind::IndirectQuote);
    let gold_actors: Vec<Span> = truth.actors.iter().map(|a| a.span).collect();
    let p_actors = of_kind(predicted, Kind::Actor);
    Scores {
        direct_exact: spans(&p_direct, &direct, Mode::Exact),
        direct_overlap: spans(&p_direct, &direct, Mode::Overlap),
        indirect_exact: spans(&p_indirect, &indirect, Mode::Exact),
        indirect_overlap: spans(&p_indirect, &indirect, Mode::Overlap),
        quote_speaker: quote_speaker(predicted, truth),
        actor_exact: spans(&p_actors, &gold_actors, Mode::Exact),
        actor_overlap: spans(&p_actors, &gold_actors, Mode::Overlap),
    }
}

/// Quote + speaker end to end: a predicted quote (either kind) matched by overlap to a gold
/// quote (either kind) whose predicted speaker overlaps a gold mention of the gold speaker's
/// entity. Precision over the predicted quotes, recall over the gold quotes with a speaker.
/// A predicted quote without a speaker matched to a gold quote without one (the text names
/// nobody, and nobody was guessed) counts neither way, so the gold scores 1 against itself.
pub fn quote_speaker(predicted: &[Suggestion], truth: &Truth) -> Counts {
    let p_quotes: Vec<&Suggestion> = predicted.iter().filter(|s| s.kind != Kind::Actor).collect();
    let p_spans: Vec<Span> = p_quotes.iter().map(|s| s.span).collect();
    let g_spans: Vec<Span> = truth.quotes.iter().map(|q| q.span).collect();
    let (mut right, mut silent) = (0, 0);
    for (p, g) in pair(&p_spans, &g_spans, Mode::Overlap) {
        let said = p_quotes.get(p).and_then(|s| s.speaker);
        let who = truth.quotes.get(g).and_then(|q| q.speaker);
        match (said, who) {
            (Some(said), Some(who)) => {
                right += usize::from(
                    truth
                        .actors
                        .iter()
                        .any(|a| a.entity == who && a.span.overlaps(said)),
                );
            }
            (None, None) => silent += 1,
            _ => {}
        }
    }
    let with_speaker = truth.quotes.iter().filter(|q| q.speaker.is_some()).count();
    Counts::of(right, p_quotes.len() - silent, with_speaker)
}

#[cfg(test)]
mod tests;
