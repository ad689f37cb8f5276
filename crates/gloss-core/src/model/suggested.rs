//! Suggestions drawn over the article: the segments of the lines they reach, split again where
//! a suggestion starts or ends and carrying the suggestions over each piece. Every other line
//! keeps its segments (the same `Rc`), so showing suggestions costs only the lines they reach,
//! however many annotations the article has.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::layout::{blocks_reached, Block, Segment};
use super::Span;
use crate::suggest::Kind;

/// The segments of every line with `shown` drawn over them. `segments` are the annotations'
/// segments, one list per block; `shown` the suggestions, in any order.
pub fn overlay(
    blocks: &[Block],
    segments: &[Rc<[Segment]>],
    shown: &[(Kind, Span)],
) -> Vec<Rc<[Segment]>> {
    overlay_lines(blocks, segments, shown, 0..blocks.len(), &[])
}

/// As [`overlay`], over the first `upto` lines only (the others keep `segments`' own lists).
/// Lines before `from` are taken from `previous` as they are (it must hold them drawn over the
/// same suggestions and annotations); a line from `from` on whose new segments equal its entry
/// in `previous` keeps that very `Rc`, so what renders again is only what changed.
pub fn overlay_lines(
    blocks: &[Block],
    segments: &[Rc<[Segment]>],
    shown: &[(Kind, Span)],
    lines: std::ops::Range<usize>,
    previous: &[Rc<[Segment]>],
) -> Vec<Rc<[Segment]>> {
    let (from, upto) = (lines.start, lines.end);
    let mut out: Vec<Rc<[Segment]>> = segments.to_vec();
    for (slot, before) in out.iter_mut().zip(previous).take(from) {
        *slot = Rc::clone(before);
    }
    // The suggestions that may reach the lines drawn now: those ending after `from` starts.
    let from_cp = blocks.get(from).map_or(usize::MAX, |b| b.start);
    let mut per_block: BTreeMap<usize, Vec<(Kind, Span)>> = BTreeMap::new();
    for &(kind, span) in shown.iter().filter(|(_, s)| s.end > from_cp) {
        let (first, last) = blocks_reached(blocks, span);
        for block in first.max(from)..last.min(upto) {
            per_block.entry(block).or_default().push((kind, span));
        }
    }
    for (i, over) in per_block {
        let (Some(block), Some(slot)) = (blocks.get(i), out.get_mut(i)) else {
            continue;
        };
        let drawn = split(block, slot, &over);
        *slot = match previous.get(i) {
            Some(before) if **before == *drawn => Rc::clone(before),
            _ => drawn.into(),
        };
    }
    out
}

/// One line's segments split at the edges of `over` (the suggestions reaching it), each piece
/// carrying the suggestions covering it, longest first.
fn split(block: &Block, segments: &[Segment], over: &[(Kind, Span)]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = over
        .iter()
        .flat_map(|(_, s)| [s.start, s.end])
        .filter(|&p| block.start < p && p < block.content_end)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(segments.len() + cuts.len());
    for segment in segments {
        let inside = cuts
            .iter()
            .copied()
            .filter(|&p| segment.span.start < p && p < segment.span.end);
        let mut edges: Vec<usize> = std::iter::once(segment.span.start)
            .chain(inside)
            .chain(std::iter::once(segment.span.end))
            .collect();
        edges.dedup();
        let pieces = edges.len().saturating_sub(1);
        for (k, pair) in edges.windows(2).enumerate() {
            let (Some(&start), Some(&end)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let mut covering: Vec<(Kind, Span)> = over
                .iter()
                .copied()
                .filter(|(_, s)| s.start <= start && end <= s.end)
                .collect();
            covering.sort_by_key(|(kind, s)| (std::cmp::Reverse(s.len()), s.start, *kind));
            out.push(Segment {
                span: Span { start, end },
                marks: Rc::clone(&segment.marks),
                // The badge follows the claim's last word: the last piece keeps it.
                verdict: segment.verdict.filter(|_| k + 1 == pieces),
                suggested: (!covering.is_empty()).then(|| covering.into()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::layout::{blocks, segments};
    use crate::model::{Annotation, AnnotationId, Label, Timestamp};
    use uuid::Uuid;

    type Piece = (usize, usize, usize, Vec<Kind>);

    fn pieces(segs: &[Rc<[Segment]>]) -> Vec<Piece> {
        segs.iter()
            .flat_map(|b| b.iter())
            .map(|s| {
                (
                    s.span.start,
                    s.span.end,
                    s.marks.len(),
                    s.suggested
                        .as_deref()
                        .unwrap_or_default()
                        .iter()
                        .map(|(k, _)| *k)
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn suggestions_split_only_the_lines_they_reach() {
        use Kind::*;
        // "ab cd ef\ngh ij": an actor annotation on "cd" (3..5).
        let text = "ab cd ef\ngh ij";
        let bl = blocks(text);
        let marked = vec![Annotation::new(
            AnnotationId(Uuid::from_u128(1)),
            Label::Actor,
            Span { start: 3, end: 5 },
            Timestamp(0),
        )];
        let base: Vec<Rc<[Segment]>> = segments(&bl, &marked).into_iter().map(Rc::from).collect();
        type Case = (&'static str, Vec<(Kind, Span)>, Vec<Piece>);
        let sp = |start, end| Span { start, end };
        let cases: Vec<Case> = vec![
            (
                "none: the same segments",
                vec![],
                vec![
                    (0, 3, 0, vec![]),
                    (3, 5, 1, vec![]),
                    (5, 8, 0, vec![]),
                    (9, 14, 0, vec![]),
                ],
            ),
            (
                "a quote across an annotation's edge",
                vec![(DirectQuote, sp(1, 4))],
                vec![
                    (0, 1, 0, vec![]),
                    (1, 3, 0, vec![DirectQuote]),
                    (3, 4, 1, vec![DirectQuote]),
                    (4, 5, 1, vec![]),
                    (5, 8, 0, vec![]),
                    (9, 14, 0, vec![]),
                ],
            ),
            (
                "nested: the longer first",
                vec![(Actor, sp(9, 11)), (IndirectQuote, sp(9, 14))],
                vec![
                    (0, 3, 0, vec![]),
                    (3, 5, 1, vec![]),
                    (5, 8, 0, vec![]),
                    (9, 11, 0, vec![IndirectQuote, Actor]),
                    (11, 14, 0, vec![IndirectQuote]),
                ],
            ),
            (
                "across lines: each line its part",
                vec![(DirectQuote, sp(6, 11))],
                vec![
                    (0, 3, 0, vec![]),
                    (3, 5, 1, vec![]),
                    (5, 6, 0, vec![]),
                    (6, 8, 0, vec![DirectQuote]),
                    (9, 11, 0, vec![DirectQuote]),
                    (11, 14, 0, vec![]),
                ],
            ),
        ];
        for (name, shown, want) in cases {
            let got = overlay(&bl, &base, &shown);
            assert_eq!(pieces(&got), want, "case {name}");
            // A line no suggestion reaches keeps its very segments.
            for (i, (old, new)) in base.iter().zip(&got).enumerate() {
                let reached = shown.iter().any(|(_, s)| {
                    let (a, b) = blocks_reached(&bl, *s);
                    (a..b).contains(&i)
                });
                assert_eq!(Rc::ptr_eq(old, new), !reached, "case {name}, line {i}");
            }
        }
    }

    #[test]
    fn overlay_lines_draws_the_first_lines_and_keeps_what_did_not_change() {
        // Three lines: "aaa\n", "bbb\n", "ccc".
        let text = "aaa\nbbb\nccc";
        let bl = blocks(text);
        let none: [Annotation; 0] = [];
        let base: Vec<Rc<[Segment]>> = segments(&bl, &none).into_iter().map(Rc::from).collect();
        let sp = |start, end| Span { start, end };
        let shown = [(Kind::Actor, sp(0, 3)), (Kind::Actor, sp(8, 11))];
        let first = overlay_lines(&bl, &base, &shown, 0..1, &[]);
        assert!(!Rc::ptr_eq(&first[0], &base[0]), "line 0 is drawn");
        assert!(Rc::ptr_eq(&first[2], &base[2]), "line 2 waits");
        let all = overlay_lines(&bl, &base, &shown, 1..bl.len(), &first);
        assert!(
            Rc::ptr_eq(&all[0], &first[0]),
            "line 0 unchanged: the same Rc"
        );
        assert!(!Rc::ptr_eq(&all[2], &base[2]), "line 2 drawn now");
        assert_eq!(all, overlay(&bl, &base, &shown));
    }
}
