//! What a segment of the article looks like: its classes (labels, selection, related,
//! verdict, suggestions) and, when the pointer rests on it, the names of what covers it. The
//! style sheet draws everything from the classes; no text is ever added inside the article.
//! Painted as CSS highlights (`dom::paint`), the labels, the selection and what it points at
//! become ranges instead (`painted`), and only the rest stays classes.

use crate::dom::lines::{Painted, Shown};
use crate::model::layout::Segment;
use crate::model::{AnnotationId, Label, Span};
use crate::suggest::Kind;

/// The class-name part for a suggestion's kind.
pub fn kind_slug(kind: Kind) -> &'static str {
    match kind {
        Kind::DirectQuote => "direct",
        Kind::IndirectQuote => "indirect",
        Kind::Actor => "actor",
    }
}

const KINDS: [Kind; 3] = [Kind::DirectQuote, Kind::IndirectQuote, Kind::Actor];

/// The class list of a segment: `seg`, and for a highlighted one `mk`, one `m-<label>` per
/// label on it, `m-overlap f-<label>` when several annotations cover it (the innermost one's
/// label, whose colour alone fills it), `sel` when the selected one does, `rel` when one the
/// selection outlines does (its source, its person's mentions and what they said).
/// Suggested: `sg`, `s-<label>` per label suggested there (the dashed outline's colour, the
/// innermost one's as `si-<label>`), `sk-<kind>` per kind, `sgs`/`sge` where a suggestion
/// starts/ends, `sgs-<kind>` where one of that kind starts (what a screen reader is told, from
/// the style sheet), `ssel` when the selected suggestion covers it.
pub fn segment_class(
    segment: &Segment,
    selected: Option<AnnotationId>,
    related: &[AnnotationId],
    suggestion: Option<Span>,
) -> String {
    let mut class = String::from("seg");
    if let Some(suggested) = segment.suggested.as_deref() {
        class.push_str(" sg");
        for label in Label::ALL {
            if suggested.iter().any(|(k, _)| k.label() == label) {
                class.push_str(" s-");
                class.push_str(label.slug());
            }
        }
        let start = segment.span.start;
        let end = segment.span.end;
        if suggested.iter().any(|(_, s)| s.start == start) {
            class.push_str(" sgs");
        }
        if suggested.iter().any(|(_, s)| s.end == end) {
            class.push_str(" sge");
        }
        if let Some((inner, _)) = suggested.last() {
            class.push_str(" si-");
            class.push_str(inner.label().slug());
        }
        for kind in KINDS {
            if suggested.iter().any(|(k, _)| *k == kind) {
                class.push_str(" sk-");
                class.push_str(kind_slug(kind));
            }
            if suggested
                .iter()
                .any(|(k, s)| *k == kind && s.start == segment.span.start)
            {
                class.push_str(" sgs-");
                class.push_str(kind_slug(kind));
            }
        }
        if suggestion.is_some_and(|sel| suggested.iter().any(|(_, s)| *s == sel)) {
            class.push_str(" ssel");
        }
    }
    if segment.marks.is_empty() {
        return class;
    }
    class.push_str(" mk");
    for label in Label::ALL {
        if segment.marks.iter().any(|(_, l)| *l == label) {
            class.push_str(" m-");
            class.push_str(label.slug());
        }
    }
    if segment.marks.len() > 1 {
        class.push_str(" m-overlap");
        if let Some((_, innermost)) = segment.marks.last() {
            class.push_str(" f-");
            class.push_str(innermost.slug());
        }
    }
    if selected.is_some_and(|id| segment.marks.iter().any(|(m, _)| *m == id)) {
        class.push_str(" sel");
    }
    if segment.marks.iter().any(|(m, _)| related.contains(m)) {
        class.push_str(" rel");
    }
    // The last segment of a rated claim: its badge (drawn by the style sheet) follows it.
    if let Some(verdict) = segment.verdict {
        class.push_str(" v-");
        class.push_str(verdict.slug());
    }
    class
}

/// What the pointer resting on a segment shows: the labels on it (the innermost, the one
/// filling it, first), a rated claim's verdict, and the suggestions over it:
/// "Quote, Claim (verdict: False)", "suggested quote".
pub fn title_of(class: &str) -> String {
    let has = |c: &str| class.split_whitespace().any(|x| x == c);
    let suggested: Vec<&str> = KINDS
        .into_iter()
        .filter(|&k| has(&format!("sk-{}", kind_slug(k))))
        .map(Kind::words)
        .collect();
    let labels = if has("mk") {
        label_names(class)
    } else {
        String::new()
    };
    [labels, suggested.join(", ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The names of the labels a segment's classes carry, the innermost (the one filling it)
/// first, and the verdict of a rated claim ending there: "Quote, Claim (verdict: False)".
pub fn label_names(class: &str) -> String {
    let verdict = class
        .split_whitespace()
        .find_map(|c| c.strip_prefix("v-"))
        .and_then(crate::model::Verdict::from_slug);
    let labels = names_of_labels(class);
    match verdict {
        Some(v) => format!("{labels} (verdict: {})", v.name()),
        None => labels,
    }
}

fn names_of_labels(class: &str) -> String {
    let has = |prefix: &str, label: Label| {
        class
            .split_whitespace()
            .any(|c| c.strip_prefix(prefix) == Some(label.slug()))
    };
    let labels = Label::ALL;
    let first = labels.into_iter().filter(|&l| has("f-", l));
    let rest = labels
        .into_iter()
        .filter(|&l| has("m-", l) && !has("f-", l));
    first
        .chain(rest)
        .map(Label::name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A line as the page paints it when annotations are highlights (see `dom::paint`): the spans
/// it is written as, each with the classes only an element can show (suggestions and a
/// verdict's badge; adjacent segments with the same classes share one span), and the ranges
/// painted over the text, each with the mark highlights that cover it (`mark_bits`).
pub fn painted(
    segments: &[Segment],
    selected: Option<AnnotationId>,
    related: &[AnnotationId],
    suggestion: Option<Span>,
) -> (Vec<Shown>, Vec<Painted>) {
    let mut spans: Vec<Shown> = Vec::new();
    let mut marks: Vec<Painted> = Vec::new();
    for segment in segments {
        let class = element_class(&segment_class(segment, selected, related, suggestion));
        // A class that marks an edge (a verdict's badge after it, a suggestion's dashed start
        // or end) keeps its own span even beside an equal one.
        let edge = |c: &str| {
            c.split_whitespace()
                .any(|t| t.starts_with("v-") || t == "sgs" || t == "sge")
        };
        match spans.last_mut() {
            Some((span, last))
                if *last == class && span.end == segment.span.start && !edge(&class) =>
            {
                span.end = segment.span.end;
            }
            _ => spans.push((segment.span, class)),
        }
        let bits = mark_bits(segment, selected, related);
        if bits == 0 {
            continue;
        }
        match marks.last_mut() {
            Some((span, last)) if *last == bits && span.end == segment.span.start => {
                span.end = segment.span.end;
            }
            _ => marks.push((segment.span, bits)),
        }
    }
    (spans, marks)
}

/// A segment's classes without those the mark highlights paint (labels, overlap, selection,
/// related); `mk` stays only beside a verdict, whose badge the style sheet draws after it.
fn element_class(class: &str) -> String {
    let verdict = class.split_whitespace().any(|c| c.starts_with("v-"));
    class
        .split_whitespace()
        .filter(|c| {
            let painted = matches!(*c, "sel" | "rel")
                || (*c == "mk" && !verdict)
                || c.starts_with("m-")
                || c.starts_with("f-");
            !painted
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which of `dom::paint::MARK_NAMES` cover a segment, as bits: the fill of its innermost
/// label, the line of every label on it, selected (or else related).
pub fn mark_bits(
    segment: &Segment,
    selected: Option<AnnotationId>,
    related: &[AnnotationId],
) -> u16 {
    let slot = |label: Label| match label {
        Label::Claim => 0,
        Label::Quote => 1,
        Label::Actor => 2,
    };
    let Some((_, innermost)) = segment.marks.last() else {
        return 0;
    };
    let mut bits = 1 << slot(*innermost);
    for (_, label) in segment.marks.iter() {
        bits |= 1 << (3 + slot(*label));
    }
    if selected.is_some_and(|id| segment.marks.iter().any(|(m, _)| *m == id)) {
        bits |= 1 << 7;
    } else if segment.marks.iter().any(|(m, _)| related.contains(m)) {
        bits |= 1 << 6;
    }
    bits
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::model::Verdict;

    fn id(n: u128) -> AnnotationId {
        AnnotationId(uuid::Uuid::from_u128(n))
    }

    fn seg(start: usize, end: usize, marks: &[(u128, Label)]) -> Segment {
        Segment {
            span: Span { start, end },
            marks: marks.iter().map(|&(n, l)| (id(n), l)).collect(),
            verdict: None,
            suggested: None,
        }
    }

    const FILL_CLAIM: u16 = 1;
    const FILL_QUOTE: u16 = 1 << 1;
    const FILL_ACTOR: u16 = 1 << 2;
    const CLAIM: u16 = 1 << 3;
    const QUOTE: u16 = 1 << 4;
    const ACTOR: u16 = 1 << 5;
    const RELATED: u16 = 1 << 6;
    const SELECTED: u16 = 1 << 7;

    #[test]
    fn the_bits_follow_the_names() {
        let names = crate::dom::paint::MARK_NAMES;
        let bit = |name: &str| 1u16 << names.iter().position(|n| *n == name).unwrap();
        assert_eq!(bit("gloss-fill-claim"), FILL_CLAIM);
        assert_eq!(bit("gloss-fill-quote"), FILL_QUOTE);
        assert_eq!(bit("gloss-fill-actor"), FILL_ACTOR);
        assert_eq!(bit("gloss-claim"), CLAIM);
        assert_eq!(bit("gloss-quote"), QUOTE);
        assert_eq!(bit("gloss-actor"), ACTOR);
        assert_eq!(bit("gloss-related"), RELATED);
        assert_eq!(bit("gloss-selected"), SELECTED);
    }

    #[test]
    fn a_line_of_annotations_is_one_span_and_ranges_painted_over_it() {
        // "plain [claim [quote inside] claim] plain"
        let segments = [
            seg(0, 6, &[]),
            seg(6, 12, &[(1, Label::Claim)]),
            seg(12, 20, &[(1, Label::Claim), (2, Label::Quote)]),
            seg(20, 26, &[(1, Label::Claim)]),
            seg(26, 32, &[]),
        ];
        let (spans, marks) = painted(&segments, None, &[], None);
        assert_eq!(spans, vec![(Span { start: 0, end: 32 }, "seg".to_owned())]);
        assert_eq!(
            marks,
            vec![
                (Span { start: 6, end: 12 }, FILL_CLAIM | CLAIM),
                // Overlapping: the innermost label fills, both keep their line.
                (Span { start: 12, end: 20 }, FILL_QUOTE | CLAIM | QUOTE),
                (Span { start: 20, end: 26 }, FILL_CLAIM | CLAIM),
            ]
        );
    }

    #[test]
    fn marking_plain_text_changes_the_ranges_only() {
        let before = [seg(0, 30, &[])];
        let after = [
            seg(0, 10, &[]),
            seg(10, 20, &[(1, Label::Actor)]),
            seg(20, 30, &[]),
        ];
        let (spans_before, marks_before) = painted(&before, None, &[], None);
        let (spans_after, marks_after) = painted(&after, None, &[], None);
        assert_eq!(spans_before, spans_after, "no text node is written again");
        assert!(marks_before.is_empty());
        assert_eq!(
            marks_after,
            vec![(Span { start: 10, end: 20 }, FILL_ACTOR | ACTOR)]
        );
    }

    #[test]
    fn the_selection_wins_over_related_and_adjacent_equal_ranges_join() {
        let segments = [
            seg(0, 5, &[(1, Label::Quote)]),
            seg(5, 9, &[(1, Label::Quote), (2, Label::Actor)]),
            seg(9, 12, &[(3, Label::Actor)]),
            seg(12, 14, &[(4, Label::Actor)]),
        ];
        let (_, marks) = painted(&segments, Some(id(1)), &[id(2), id(3), id(4)], None);
        assert_eq!(
            marks,
            vec![
                (Span { start: 0, end: 5 }, FILL_QUOTE | QUOTE | SELECTED),
                (
                    Span { start: 5, end: 9 },
                    FILL_ACTOR | QUOTE | ACTOR | SELECTED
                ),
                // Two annotations side by side painted alike: one range.
                (Span { start: 9, end: 14 }, FILL_ACTOR | ACTOR | RELATED),
            ]
        );
    }

    #[test]
    fn equal_edges_side_by_side_stay_apart() {
        // Two rated claims with the same verdict, one right after the other: two badges.
        let mut first = seg(0, 4, &[(1, Label::Claim)]);
        first.verdict = Some(Verdict::False);
        let mut second = seg(4, 8, &[(2, Label::Claim)]);
        second.verdict = Some(Verdict::False);
        // Two suggestions of one kind side by side: each keeps its dashed start and end.
        let suggested = |start, end| {
            let mut s = seg(start, end, &[]);
            s.suggested = Some(Rc::from(vec![(
                crate::suggest::Kind::Actor,
                Span { start, end },
            )]));
            s
        };
        let segments = [first, second, suggested(8, 12), suggested(12, 16)];
        let (spans, _) = painted(&segments, None, &[], None);
        let starts: Vec<usize> = spans.iter().map(|(s, _)| s.start).collect();
        assert_eq!(starts, vec![0, 4, 8, 12]);
    }

    #[test]
    fn a_verdict_and_suggestions_keep_their_own_spans() {
        let mut rated = seg(4, 10, &[(1, Label::Claim)]);
        rated.verdict = Some(Verdict::False);
        let mut suggested = seg(10, 16, &[]);
        suggested.suggested = Some(Rc::from(vec![(
            crate::suggest::Kind::Actor,
            Span { start: 10, end: 16 },
        )]));
        let segments = [
            seg(0, 4, &[(1, Label::Claim)]),
            rated,
            suggested,
            seg(16, 20, &[]),
        ];
        let (spans, marks) = painted(&segments, None, &[], None);
        let classes: Vec<&str> = spans.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(spans.len(), 4);
        assert_eq!(classes[0], "seg");
        assert_eq!(classes[1], "seg mk v-false", "the badge needs its element");
        assert!(
            classes[2].starts_with("seg sg s-actor sgs sge"),
            "{}",
            classes[2]
        );
        assert_eq!(classes[3], "seg");
        assert_eq!(
            marks,
            vec![(Span { start: 0, end: 10 }, FILL_CLAIM | CLAIM)]
        );
    }
}
