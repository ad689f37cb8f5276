//! Krippendorff's α for unitizing (α_u), one label at a time, over the continuum of code points
//! (Krippendorff 1995, "On the reliability of unitizing contiguous data"; 2004, "Measuring the
//! reliability of qualitative text analysis data" and *Content Analysis*, 2nd ed., pp. 251–256).
//!
//! Each annotator cuts the continuum of length L into **sections**: the units they marked with
//! the label, and the **gaps** between them (gaps count as sections too). Two annotators'
//! sections disagree by δ²:
//!
//! - two overlapping units: (start difference)² + (end difference)²;
//! - a unit lying wholly inside the other's gap: its length²;
//! - anything else: 0.
//!
//! Observed disagreement D_o = Σ δ² over every ordered pair of different annotators and all
//! their sections, divided by m(m−1)L². Expected disagreement (what the same units would give if
//! placed at random) is
//!
//! D_e = (2/L) · Σ_units [ (N−1)/3 · l(l−1)(2l−1) + l² · Σ_gaps max(0, g − l + 1) ]
//!       / [ mL(mL−1) − Σ_units l(l−1) ]
//!
//! with N the number of units of all annotators, l a unit's length and g a gap's length. Then
//! α_u = 1 − D_o/D_e. It reproduces Krippendorff's (2004, p. 254) worked example
//! (D_o = 0.0144, D_e = 0.0532, α_u = 0.7286 for c; 1 for k), checked in the tests below.
//!
//! α_u is undefined (`None`) when D_e = 0, which happens when nobody marked a unit of the label.
//! Overlapping units of one annotator and label are merged first (the measure assumes one
//! annotator's units of a label do not overlap); units that only touch stay two units.

use crate::model::Span;

/// One piece of an annotator's cut of the continuum: a unit of the label, or a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub start: usize,
    pub len: usize,
    pub unit: bool,
}

impl Section {
    fn end(self) -> usize {
        self.start + self.len
    }
}

/// α_u with what it rests on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlphaU {
    /// `None` when expected disagreement is 0 (nobody marked this label).
    pub value: Option<f64>,
    /// Observed disagreement D_o.
    pub observed: f64,
    /// Expected disagreement D_e.
    pub expected: f64,
    /// The continuum's length L in code points.
    pub length: usize,
}

/// The sections of `[offset, offset + length)` given an annotator's units in it (relative to
/// `offset`; clipped to the continuum; overlapping units merged).
pub fn sections(units: &[Span], offset: usize, length: usize) -> Vec<Section> {
    let mut sorted: Vec<Span> = units
        .iter()
        .filter_map(|s| Span::new(s.start.min(length), s.end.min(length)))
        .collect();
    sorted.sort();
    let mut merged: Vec<Span> = Vec::new();
    for s in sorted {
        match merged.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for s in merged {
        if s.start > at {
            out.push(Section {
                start: offset + at,
                len: s.start - at,
                unit: false,
            });
        }
        out.push(Section {
            start: offset + s.start,
            len: s.len(),
            unit: true,
        });
        at = s.end;
    }
    if length > at {
        out.push(Section {
            start: offset + at,
            len: length - at,
            unit: false,
        });
    }
    out
}

/// δ² between a section of one annotator and a section of another.
pub fn distance(a: Section, b: Section) -> u128 {
    let sq = |x: usize, y: usize| {
        let d = x.abs_diff(y) as u128;
        d * d
    };
    let overlap = a.start < b.end() && b.start < a.end();
    match (a.unit, b.unit) {
        (true, true) if overlap => sq(a.start, b.start) + sq(a.end(), b.end()),
        (true, false) if b.start <= a.start && a.end() <= b.end() => sq(a.len, 0),
        (false, true) if a.start <= b.start && b.end() <= a.end() => sq(b.len, 0),
        _ => 0,
    }
}

/// α_u of m ≥ 2 annotators' sections of one continuum of `length` code points (pooled articles
/// are one continuum whose sections never cross an article's edge). Each annotator's sections
/// are in order and do not overlap, as [`sections`] gives them. `None` with fewer than two
/// annotators or an empty continuum.
pub fn alpha_u(coders: &[Vec<Section>], length: usize) -> Option<AlphaU> {
    let m = coders.len();
    if m < 2 || length == 0 {
        return None;
    }
    // Every sum is a whole number: kept exact in u128, divided once at the end.
    let mut observed_sum: u128 = 0;
    for (i, a) in coders.iter().enumerate() {
        for b in coders.iter().skip(i + 1) {
            observed_sum += pair_distance(a, b);
        }
    }
    observed_sum *= 2; // each unordered pair of annotators stands for two ordered pairs

    let units = || {
        coders
            .iter()
            .flatten()
            .filter(|s| s.unit)
            .map(|s| s.len as u128)
    };
    let gaps = Gaps::new(coders);
    let n = units().count() as u128;
    let mut spread: u128 = 0;
    for l in units() {
        // l(l−1)(2l−1) is six times a sum of squares, so (N−1)/3 of it is whole.
        let within =
            n.saturating_sub(1) * l * (l.saturating_sub(1)) * (2 * l).saturating_sub(1) / 3;
        let fits = gaps.fits(l);
        spread += within + l * l * fits;
    }
    let (mf, lf) = (m as u128, length as u128);
    let pairs = mf * lf * (mf * lf - 1) - units().map(|l| l * l.saturating_sub(1)).sum::<u128>();

    let lf = length as f64;
    let observed = observed_sum as f64 / ((m * (m - 1)) as f64 * lf * lf);
    let expected = if pairs == 0 {
        0.0
    } else {
        2.0 * spread as f64 / (lf * pairs as f64)
    };
    let value = (expected > 0.0).then(|| 1.0 - observed / expected);
    Some(AlphaU {
        value,
        observed,
        expected,
        length,
    })
}

/// Σ δ² between two annotators' sections. δ² is 0 unless two sections overlap, so one sweep
/// over both ordered lists visits only the pairs that can count.
fn pair_distance(a: &[Section], b: &[Section]) -> u128 {
    let mut sum = 0;
    let mut from = 0;
    for &x in a {
        while b.get(from).is_some_and(|y| y.end() <= x.start) {
            from += 1;
        }
        for &y in b.iter().skip(from) {
            if y.start >= x.end() {
                break;
            }
            sum += distance(x, y);
        }
    }
    sum
}

/// Every annotator's gap lengths, sorted, with suffix sums, so that the room a unit of length
/// l finds in the gaps, Σ max(0, g − l + 1), is a binary search away.
struct Gaps {
    sorted: Vec<u128>,
    /// `suffix[i]`: the sum of `sorted[i..]`.
    suffix: Vec<u128>,
}

impl Gaps {
    fn new(coders: &[Vec<Section>]) -> Gaps {
        let mut sorted: Vec<u128> = coders
            .iter()
            .flatten()
            .filter(|s| !s.unit)
            .map(|s| s.len as u128)
            .collect();
        sorted.sort_unstable();
        let mut suffix = vec![0; sorted.len() + 1];
        let mut total = 0;
        for (slot, g) in suffix.iter_mut().zip(&sorted).rev() {
            total += g;
            *slot = total;
        }
        Gaps { sorted, suffix }
    }

    fn fits(&self, l: u128) -> u128 {
        let first = self.sorted.partition_point(|&g| g < l);
        let count = (self.sorted.len() - first) as u128;
        let sum = self.suffix.get(first).copied().unwrap_or(0);
        sum - count * l.saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    fn unit(start: usize, len: usize) -> Section {
        Section {
            start,
            len,
            unit: true,
        }
    }

    fn gap(start: usize, len: usize) -> Section {
        Section {
            start,
            len,
            unit: false,
        }
    }

    #[test]
    fn sections_table() {
        let cases: &[(&str, Vec<Span>, Vec<Section>)] = &[
            ("nothing marked", vec![], vec![gap(10, 20)]),
            ("whole", vec![sp(0, 20)], vec![unit(10, 20)]),
            (
                "middle",
                vec![sp(5, 8)],
                vec![gap(10, 5), unit(15, 3), gap(18, 12)],
            ),
            (
                "touching stay two",
                vec![sp(0, 2), sp(2, 4)],
                vec![unit(10, 2), unit(12, 2), gap(14, 16)],
            ),
            (
                "overlapping merge",
                vec![sp(3, 9), sp(0, 5)],
                vec![unit(10, 9), gap(19, 11)],
            ),
            ("clipped", vec![sp(15, 40)], vec![gap(10, 15), unit(25, 5)]),
        ];
        for (name, spans, want) in cases {
            assert_eq!(&sections(spans, 10, 20), want, "{name}");
        }
    }

    /// Krippendorff (2004), *Content Analysis*, p. 254, as DKPro Agreement's tests restate it.
    #[test]
    fn distances_of_the_worked_example() {
        assert_eq!(distance(unit(225, 70), unit(220, 80)), 50);
        assert_eq!(distance(unit(370, 30), unit(355, 20)), 850);
        assert_eq!(distance(gap(400, 50), unit(400, 20)), 400);
        assert_eq!(distance(unit(5, 6), unit(4, 2)), 26);
        assert_eq!(distance(unit(5, 6), unit(5, 6)), 0);
        assert_eq!(distance(unit(5, 6), gap(4, 7)), 36);
        assert_eq!(distance(unit(5, 6), gap(4, 6)), 0, "not wholly inside");
    }

    #[test]
    fn the_worked_example() {
        let c = [
            sections(&[sp(75, 145), sp(220, 250)], 150, 300),
            sections(&[sp(70, 150), sp(205, 225), sp(250, 270)], 150, 300),
        ];
        let k = [
            sections(&[sp(30, 90), sp(150, 200)], 150, 300),
            sections(&[sp(30, 90), sp(150, 200)], 150, 300),
        ];
        let c = alpha_u(&c, 300).unwrap();
        let k = alpha_u(&k, 300).unwrap();
        let near = |x: f64, y: f64| (x - y).abs() < 5e-5;
        assert!(near(c.observed, 0.0144), "{c:?}");
        assert!(near(c.expected, 0.0532), "{c:?}");
        assert!(near(c.value.unwrap(), 0.7286), "{c:?}");
        assert!(near(k.observed, 0.0), "{k:?}");
        assert!(near(k.expected, 0.0490), "{k:?}");
        assert!(near(k.value.unwrap(), 1.0), "{k:?}");
        let overall = 1.0 - (c.observed + k.observed) / (c.expected + k.expected);
        assert!((overall - 0.8591).abs() < 5e-4, "{overall}");
    }

    #[test]
    fn edge_cases() {
        let none = vec![gap(0, 10)];
        let both_empty = alpha_u(&[none.clone(), none.clone()], 10).unwrap();
        assert_eq!(both_empty.value, None, "nobody marked the label");
        let one = sections(&[sp(2, 5)], 0, 10);
        let one_empty = alpha_u(&[one.clone(), none.clone()], 10).unwrap();
        assert!(one_empty.value.unwrap() < 0.0 + 1e-12, "{one_empty:?}");
        let same = alpha_u(&[one.clone(), one.clone()], 10).unwrap();
        assert_eq!(same.value, Some(1.0));
        assert_eq!(alpha_u(&[one], 10), None, "a single annotator");
        assert_eq!(alpha_u(&[], 0), None);
    }
}
