//! How the article is laid out on screen: one block per line of text, and within each block
//! the segments over which the set of covering annotations stays the same. Overlapping and
//! nested annotations become segments carrying every annotation that covers them.

use std::borrow::Borrow;
use std::rc::Rc;

use super::{Annotation, AnnotationId, Label, Span, Verdict};

/// One line of the article: its text `[start, content_end)` and the line breaks after it
/// `[content_end, end)`. Blocks tile the whole text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub content_end: usize,
    pub end: usize,
}

/// Splits text into blocks at line breaks (code point offsets).
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut content_end = None;
    let mut cp = 0;
    for c in text.chars() {
        if c == '\n' {
            content_end.get_or_insert(cp);
        } else if let Some(ce) = content_end.take() {
            out.push(Block {
                start,
                content_end: ce,
                end: cp,
            });
            start = cp;
        }
        cp += 1;
    }
    if cp > start || out.is_empty() {
        out.push(Block {
            start,
            content_end: content_end.unwrap_or(cp),
            end: cp,
        });
    }
    out
}

/// A piece of a block covered by the same annotations throughout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub span: Span,
    /// Covering annotations, outermost (longest) first.
    pub marks: Rc<[(AnnotationId, Label)]>,
    /// The verdict of the innermost rated claim ending with this segment: the article draws
    /// its badge after it.
    pub verdict: Option<Verdict>,
    /// The suggestions shown over it (see [`super::suggested`]), each with its whole span;
    /// `None` almost always, so a long article's segments cost nothing more.
    pub suggested: Option<Rc<[(crate::suggest::Kind, Span)]>>,
}

/// Segments for every block's text, in one sweep: O((n + m) log m) for n blocks and m
/// annotations. `annotations` may be in any order. Line breaks are left out of segments.
pub fn segments<A: Borrow<Annotation>>(blocks: &[Block], annotations: &[A]) -> Vec<Vec<Segment>> {
    // Boundaries where the covering set changes, sorted by position.
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(annotations.len() * 2);
    for (i, a) in annotations.iter().map(Borrow::borrow).enumerate() {
        if !a.span.is_empty() {
            events.push((a.span.start, true, i));
            events.push((a.span.end, false, i));
        }
    }
    events.sort_unstable_by_key(|&(pos, _, _)| pos);

    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let mut segs = Vec::new();
        let mut pos = block.start;
        loop {
            // Apply every event at or before `pos`.
            while let Some(&(at, open, i)) = events.get(next) {
                if at > pos {
                    break;
                }
                if open {
                    active.push(i);
                } else if let Some(k) = active.iter().position(|&x| x == i) {
                    active.swap_remove(k);
                }
                next += 1;
            }
            if pos >= block.content_end {
                break;
            }
            let until = events
                .get(next)
                .map_or(block.content_end, |&(at, _, _)| at.min(block.content_end));
            let mut covering: Vec<&Annotation> = active
                .iter()
                .filter_map(|&i| annotations.get(i).map(Borrow::borrow))
                .collect();
            covering.sort_by(|a, b| super::text_order(a, b));
            segs.push(Segment {
                span: Span {
                    start: pos,
                    end: until,
                },
                marks: covering.iter().map(|a| (a.id, a.label)).collect(),
                verdict: covering
                    .iter()
                    .rev()
                    .filter(|a| a.label == Label::Claim && ends_at(a.span, until, block))
                    .find_map(|a| a.verdict),
                suggested: None,
            });
            pos = until;
        }
        out.push(segs);
    }
    out
}

/// Whether `span` ends at `until` in `block` (or in the line breaks right after it).
fn ends_at(span: Span, until: usize, block: &Block) -> bool {
    span.end == until || (until == block.content_end && until < span.end && span.end <= block.end)
}

/// The blocks `[first, last)` that `span` reaches (at least the block where it starts).
pub(crate) fn blocks_reached(blocks: &[Block], span: Span) -> (usize, usize) {
    let first = blocks
        .partition_point(|b| b.end <= span.start)
        .min(blocks.len().saturating_sub(1));
    let last = blocks
        .partition_point(|b| b.start < span.end)
        .max(first + 1);
    (first, last.min(blocks.len()))
}

/// The segments after an edit, computed again only for the blocks the `touched` spans reach
/// (the annotations added, removed or changed, before and after); every other block keeps its
/// `Rc`, and so does a recomputed block that came out the same. `old` are the segments of
/// `blocks` before the edit, `annotations` all annotations after it.
pub fn resegment<A: Borrow<Annotation>>(
    blocks: &[Block],
    old: &[Rc<[Segment]>],
    annotations: &[A],
    touched: &[Span],
) -> Vec<Rc<[Segment]>> {
    let mut out: Vec<Rc<[Segment]>> = old.to_vec();
    if out.len() != blocks.len() {
        return segments(blocks, annotations)
            .into_iter()
            .map(Rc::from)
            .collect();
    }
    let mut ranges: Vec<(usize, usize)> = touched
        .iter()
        .map(|&span| blocks_reached(blocks, span))
        .filter(|(first, last)| first < last)
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (first, last) in ranges {
        match merged.last_mut() {
            Some(prev) if first <= prev.1 => prev.1 = prev.1.max(last),
            _ => merged.push((first, last)),
        }
    }
    for (first, last) in merged {
        let (Some(region_blocks), Some(slots)) =
            (blocks.get(first..last), out.get_mut(first..last))
        else {
            continue;
        };
        let (Some(head), Some(tail)) = (region_blocks.first(), region_blocks.last()) else {
            continue;
        };
        let local: Vec<&Annotation> = annotations
            .iter()
            .map(Borrow::borrow)
            .filter(|a| a.span.start < tail.end && a.span.end > head.start)
            .collect();
        for (slot, fresh) in slots.iter_mut().zip(segments(region_blocks, &local)) {
            if **slot != *fresh {
                *slot = Rc::from(fresh);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timestamp;
    use uuid::Uuid;

    fn ann(n: u128, label: Label, start: usize, end: usize) -> Annotation {
        Annotation::new(
            AnnotationId(Uuid::from_u128(n)),
            label,
            Span { start, end },
            Timestamp(0),
        )
    }

    #[test]
    fn block_cases() {
        let b = |start, content_end, end| Block {
            start,
            content_end,
            end,
        };
        let cases: &[(&str, &str, Vec<Block>)] = &[
            ("one line", "abc", vec![b(0, 3, 3)]),
            ("paragraphs", "ab\n\ncd", vec![b(0, 2, 4), b(4, 6, 6)]),
            ("trailing newline", "ab\n", vec![b(0, 2, 3)]),
            ("leading newline", "\nab", vec![b(0, 0, 1), b(1, 3, 3)]),
            ("empty", "", vec![b(0, 0, 0)]),
            ("emoji counts one", "😀\nx", vec![b(0, 1, 2), b(2, 3, 3)]),
        ];
        for (name, text, want) in cases {
            assert_eq!(&blocks(text), want, "case {name}");
        }
    }

    #[test]
    fn nested_and_crossing_segments() {
        // "say “hello world” now": quote 4..17, actor 5..10 nested, claim 11..21 crossing.
        let text = "say “hello world” now";
        let anns = vec![
            ann(1, Label::Quote, 4, 17),
            ann(2, Label::Actor, 5, 10),
            ann(3, Label::Claim, 11, 21),
        ];
        let segs = segments(&blocks(text), &anns);
        let got: Vec<(usize, usize, Vec<Label>)> = segs[0]
            .iter()
            .map(|s| {
                (
                    s.span.start,
                    s.span.end,
                    s.marks.iter().map(|m| m.1).collect(),
                )
            })
            .collect();
        use Label::*;
        assert_eq!(
            got,
            vec![
                (0, 4, vec![]),
                (4, 5, vec![Quote]),
                (5, 10, vec![Quote, Actor]),
                (10, 11, vec![Quote]),
                (11, 17, vec![Quote, Claim]),
                (17, 21, vec![Claim]),
            ]
        );
    }

    #[test]
    fn annotation_across_paragraphs_splits_per_block() {
        let text = "ab\n\ncd";
        let anns = vec![ann(1, Label::Claim, 1, 5)];
        let segs = segments(&blocks(text), &anns);
        assert_eq!(segs.len(), 2);
        assert_eq!(
            segs[0]
                .iter()
                .map(|s| (s.span.start, s.span.end, s.marks.len()))
                .collect::<Vec<_>>(),
            vec![(0, 1, 0), (1, 2, 1)]
        );
        assert_eq!(
            segs[1]
                .iter()
                .map(|s| (s.span.start, s.span.end, s.marks.len()))
                .collect::<Vec<_>>(),
            vec![(4, 5, 1), (5, 6, 0)]
        );
    }

    #[test]
    fn segments_tile_each_block() {
        let text = "one two three\nfour five\n\nsix";
        let anns = vec![
            ann(1, Label::Claim, 0, 27),
            ann(2, Label::Actor, 4, 7),
            ann(3, Label::Quote, 4, 7),
        ];
        let bl = blocks(text);
        for (block, segs) in bl.iter().zip(segments(&bl, &anns)) {
            let mut at = block.start;
            for s in &segs {
                assert_eq!(s.span.start, at);
                at = s.span.end;
            }
            assert_eq!(at, block.content_end);
        }
    }
    #[test]
    fn a_rated_claims_verdict_is_on_its_last_segment() {
        let rated = |n, start, end, v| Annotation {
            verdict: Some(v),
            ..ann(n, Label::Claim, start, end)
        };
        // "ab cd ef\ngh ij": the segments ending each rated claim carry its verdict.
        let text = "ab cd ef\ngh ij";
        type Ends = Vec<(usize, Option<Verdict>)>;
        let cases: Vec<(&str, Vec<Annotation>, Ends)> = vec![
            ("unrated", vec![ann(1, Label::Claim, 0, 5)], vec![]),
            (
                "one rated",
                vec![rated(1, 0, 5, Verdict::False)],
                vec![(5, Some(Verdict::False))],
            ),
            (
                "nested: each its own end, the inner one wins a shared end",
                vec![
                    rated(1, 0, 8, Verdict::True),
                    rated(2, 3, 8, Verdict::Misleading),
                    rated(3, 0, 2, Verdict::HalfTrue),
                ],
                vec![(2, Some(Verdict::HalfTrue)), (8, Some(Verdict::Misleading))],
            ),
            (
                "across lines: on the last line only",
                vec![rated(1, 3, 11, Verdict::Unverifiable)],
                vec![(11, Some(Verdict::Unverifiable))],
            ),
            (
                "ending in the line break: the line's last segment",
                vec![rated(1, 6, 9, Verdict::False)],
                vec![(8, Some(Verdict::False))],
            ),
            (
                "a quote has none",
                vec![Annotation {
                    verdict: Some(Verdict::True),
                    ..ann(1, Label::Quote, 0, 5)
                }],
                vec![],
            ),
        ];
        for (name, anns, want) in cases {
            let got: Ends = segments(&blocks(text), &anns)
                .iter()
                .flatten()
                .filter(|s| s.verdict.is_some())
                .map(|s| (s.span.end, s.verdict))
                .collect();
            assert_eq!(got, want, "case {name}");
        }
    }
}
