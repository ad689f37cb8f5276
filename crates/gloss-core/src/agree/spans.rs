//! Span-level agreement between two annotators, for one label: how many of their spans match.
//!
//! - **Exact**: a span matches when the other annotator marked the same start and end.
//! - **Overlap**: a span matches when it shares at least one code point with a span of the
//!   other annotator, and each span is matched **at most once** (one-to-one): the matches are a
//!   maximum matching between the two sets of spans. Without this, one long span over three
//!   short ones would count as three matches and F1 could pass 1.
//!
//! F1 between two annotators is symmetric: `2 · matches / (n_a + n_b)`, which equals the F1 of
//! either annotator scored against the other as if it were the gold.

use crate::model::Span;

/// Spans marked exactly the same by both (each list holds every span once).
pub fn exact(a: &[Span], b: &[Span]) -> usize {
    a.iter().filter(|s| b.contains(s)).count()
}

/// The largest number of one-to-one pairs of overlapping spans (augmenting paths, Kuhn's
/// algorithm: fine for the tens or hundreds of spans an article has).
pub fn overlap(a: &[Span], b: &[Span]) -> usize {
    // partner[j]: the span of `a` that `b[j]` is matched to.
    let mut partner: Vec<Option<usize>> = vec![None; b.len()];
    let mut matched = 0;
    for i in 0..a.len() {
        let mut seen = vec![false; b.len()];
        if augment(i, a, b, &mut partner, &mut seen) {
            matched += 1;
        }
    }
    matched
}

/// Tries to match `a[i]`, moving earlier matches along when that frees a partner.
fn augment(
    i: usize,
    a: &[Span],
    b: &[Span],
    partner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    let Some(&span) = a.get(i) else { return false };
    for (j, other) in b.iter().enumerate() {
        if !span.overlaps(*other) {
            continue;
        }
        match seen.get_mut(j) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        let current = partner.get(j).copied().flatten();
        let free = match current {
            None => true,
            Some(k) => augment(k, a, b, partner, seen),
        };
        if free {
            if let Some(p) = partner.get_mut(j) {
                *p = Some(i);
            }
            return true;
        }
    }
    false
}

/// `2 · matches / total`, where `total` is both annotators' spans together; `None` when
/// neither marked anything (there is nothing to agree or disagree on).
pub fn f1(matches: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| 2.0 * matches as f64 / total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn matches_table() {
        /// (name, a, b, exact matches, overlap matches)
        type Case<'a> = (&'a str, Vec<Span>, Vec<Span>, usize, usize);
        let cases: &[Case] = &[
            ("both empty", vec![], vec![], 0, 0),
            ("one empty", vec![sp(0, 4)], vec![], 0, 0),
            (
                "same",
                vec![sp(0, 4), sp(6, 9)],
                vec![sp(0, 4), sp(6, 9)],
                2,
                2,
            ),
            ("shifted", vec![sp(0, 4)], vec![sp(1, 5)], 0, 1),
            (
                "touching is no overlap",
                vec![sp(0, 4)],
                vec![sp(4, 8)],
                0,
                0,
            ),
            (
                "one long over two short",
                vec![sp(0, 10)],
                vec![sp(0, 3), sp(5, 8)],
                0,
                1,
            ),
            // Greedy would give a[0]–b[0] and leave a[1] alone; the maximum is 2.
            (
                "matching must reassign",
                vec![sp(0, 10), sp(8, 9)],
                vec![sp(8, 12), sp(0, 2)],
                0,
                2,
            ),
        ];
        for (name, a, b, want_exact, want_overlap) in cases {
            assert_eq!(exact(a, b), *want_exact, "{name}: exact");
            assert_eq!(overlap(a, b), *want_overlap, "{name}: overlap");
            assert_eq!(overlap(b, a), *want_overlap, "{name}: overlap, swapped");
        }
    }

    #[test]
    fn f1_table() {
        assert_eq!(f1(0, 0), None);
        assert_eq!(f1(0, 3), Some(0.0));
        assert_eq!(f1(2, 4), Some(1.0));
        assert_eq!(f1(1, 3), Some(2.0 / 3.0));
    }
}
