//! Chance-corrected agreement on yes/no decisions (is this token inside the label?).
//!
//! κ = (observed − expected) / (1 − expected), where *observed* is how often annotators agree
//! and *expected* how often they would agree by chance, given how often each says yes.
//!
//! - **Cohen's κ** (two annotators): expected = p_a·p_b + (1 − p_a)(1 − p_b), each annotator's
//!   own rate of "yes" (Cohen 1960).
//! - **Fleiss' κ** (any number m ≥ 2, every item judged by all of them): observed is the mean,
//!   over items, of the share of agreeing pairs of annotators; expected = Σ p_j² over the two
//!   answers, with p_j the share of all judgements that gave answer j (Fleiss 1971).
//!
//! κ is **undefined** (`None`) when expected agreement is 1: every judgement was the same
//! answer (typically a label nobody used, so every token is "no" for everyone). Then observed
//! is 1 too and κ would be 0/0; a number there (0, 1 or NaN) would claim something the data
//! cannot say.

/// A κ with what it rests on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kappa {
    /// `None` when expected agreement is 1 (see the module's documentation).
    pub value: Option<f64>,
    pub observed: f64,
    pub expected: f64,
    /// The number of items (tokens) judged.
    pub items: usize,
}

/// Cohen's κ of two annotators' decisions on the same items; `None` when there are no items or
/// the two lists differ in length.
pub fn cohen(a: &[bool], b: &[bool]) -> Option<Kappa> {
    let n = a.len();
    if n == 0 || b.len() != n {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let yes_a = a.iter().filter(|x| **x).count();
    let yes_b = b.iter().filter(|x| **x).count();
    // Chance agreement in whole counts: yes·yes + no·no out of n², so "is it 1?" is exact.
    let chance = (yes_a * yes_b + (n - yes_a) * (n - yes_b)) as u128;
    let all = (n as u128) * (n as u128);
    let nf = n as f64;
    let observed = agree as f64 / nf;
    let expected = chance as f64 / all as f64;
    let value = (chance != all).then(|| (observed - expected) / (1.0 - expected));
    Some(Kappa {
        value,
        observed,
        expected,
        items: n,
    })
}

/// Fleiss' κ of m ≥ 2 annotators, `raters[r][i]` the decision of annotator r on item i;
/// `None` with fewer than two annotators, no items, or lists of different lengths.
pub fn fleiss(raters: &[Vec<bool>]) -> Option<Kappa> {
    let m = raters.len();
    let n = raters.first()?.len();
    if m < 2 || n == 0 || raters.iter().any(|r| r.len() != n) {
        return None;
    }
    // yes[i]: how many annotators said yes on item i.
    let mut yes = vec![0usize; n];
    for r in raters {
        for (count, &d) in yes.iter_mut().zip(r) {
            *count += usize::from(d);
        }
    }
    let mf = m as f64;
    let pairs = mf * (mf - 1.0);
    let observed = yes
        .iter()
        .map(|&y| {
            let no = m - y;
            (y * y.saturating_sub(1) + no * no.saturating_sub(1)) as f64 / pairs
        })
        .sum::<f64>()
        / n as f64;
    let total_yes: usize = yes.iter().sum();
    let judgements = n * m;
    let p_yes = total_yes as f64 / judgements as f64;
    let expected = p_yes * p_yes + (1.0 - p_yes) * (1.0 - p_yes);
    let value = (total_yes != 0 && total_yes != judgements)
        .then(|| (observed - expected) / (1.0 - expected));
    Some(Kappa {
        value,
        observed,
        expected,
        items: n,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(s: &str) -> Vec<bool> {
        s.chars().map(|c| c == '1').collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn cohen_table() {
        /// (name, a, b, κ, observed, expected), worked by hand.
        type Case<'a> = (&'a str, &'a str, &'a str, Option<f64>, f64, f64);
        let cases: &[Case] = &[
            ("identical", "1100", "1100", Some(1.0), 1.0, 0.5),
            ("opposite", "1100", "0011", Some(-1.0), 0.0, 0.5),
            // p_o = 3/4, p_e = ½·¼ + ½·¾ = ½, κ = ½.
            ("one miss", "1100", "1000", Some(0.5), 0.75, 0.5),
            ("nobody said yes", "0000", "0000", None, 1.0, 1.0),
            ("everybody said yes", "111", "111", None, 1.0, 1.0),
            // One annotator marked nothing: p_e = p_o, κ = 0.
            ("one said nothing", "0110", "0000", Some(0.0), 0.5, 0.5),
        ];
        for (name, a, b, want, obs, exp) in cases {
            let k = cohen(&bits(a), &bits(b)).unwrap();
            assert_eq!(k.items, a.len(), "{name}");
            assert!(close(k.observed, *obs), "{name}: observed {}", k.observed);
            assert!(close(k.expected, *exp), "{name}: expected {}", k.expected);
            match (k.value, want) {
                (Some(v), Some(w)) => assert!(close(v, *w), "{name}: κ {v}"),
                (v, w) => assert_eq!(v, *w, "{name}"),
            }
        }
        assert_eq!(cohen(&[], &[]), None);
        assert_eq!(cohen(&bits("1"), &bits("10")), None);
    }

    #[test]
    fn fleiss_table() {
        // Three annotators, four items; yes counts 3, 2, 0, 1.
        // P_i = 1, ⅓, 1, ⅓ → observed ⅔; p_yes = 6/12 → expected ½; κ = ⅓.
        let k = fleiss(&[bits("1100"), bits("1101"), bits("1000")]).unwrap();
        assert!(close(k.observed, 2.0 / 3.0));
        assert!(close(k.expected, 0.5));
        assert!(close(k.value.unwrap(), 1.0 / 3.0));
        assert_eq!(k.items, 4);

        let same = fleiss(&[bits("1010"), bits("1010"), bits("1010")]).unwrap();
        assert!(close(same.value.unwrap(), 1.0));
        let nobody = fleiss(&[bits("000"), bits("000"), bits("000")]).unwrap();
        assert_eq!(nobody.value, None);
        assert_eq!(fleiss(&[bits("10")]), None, "one annotator");
        assert_eq!(fleiss(&[bits("10"), bits("1")]), None, "ragged");
    }
}
