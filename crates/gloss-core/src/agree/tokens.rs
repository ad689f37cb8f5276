//! The tokens κ is counted over: Unicode words (UAX #29 word boundaries, as the
//! `unicode-segmentation` crate finds them), keeping only the words that hold a letter or a
//! digit. Whitespace and punctuation are not tokens: a space between two quotes is not a
//! decision a person made, and counting it would make agreement look better than it is.
//!
//! Per label, each token is a yes/no decision: it is inside the label when any span of that
//! label covers at least one of its code points.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// The tokens of `text`, as code-point spans in text order.
pub fn tokens(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // `unicode_word_indices` gives byte offsets in increasing order; walk the characters once
    // alongside them to turn bytes into code points.
    let mut chars = text.char_indices().enumerate().peekable();
    let mut to_cp = |byte: usize| -> usize {
        while let Some(&(cp, (b, _))) = chars.peek() {
            if b >= byte {
                return cp;
            }
            chars.next();
        }
        text.chars().count()
    };
    for (byte, word) in text.unicode_word_indices() {
        let start = to_cp(byte);
        let end = start + word.chars().count();
        if let Some(span) = Span::new(start, end) {
            out.push(span);
        }
    }
    out
}

/// For each token, whether a span of `spans` covers any of its code points.
pub fn decisions(tokens: &[Span], spans: &[Span]) -> Vec<bool> {
    tokens
        .iter()
        .map(|t| spans.iter().any(|s| s.overlaps(*t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn words_only_in_code_points() {
        let cases: &[(&str, &str, Vec<Span>)] = &[
            ("empty", "", vec![]),
            ("punctuation only", " , . — ", vec![]),
            ("two words", "Hi there.", vec![sp(0, 2), sp(3, 8)]),
            (
                "accents count once",
                "é café x",
                vec![sp(0, 1), sp(2, 6), sp(7, 8)],
            ),
            ("emoji is no word", "a 😀 b", vec![sp(0, 1), sp(4, 5)]),
            ("apostrophe inside", "don't go", vec![sp(0, 5), sp(6, 8)]),
            (
                "decimal number",
                "3.5 per cent",
                vec![sp(0, 3), sp(4, 7), sp(8, 12)],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(&tokens(text), want, "{name}");
        }
    }

    #[test]
    fn a_token_is_inside_when_any_code_point_is() {
        let toks = vec![sp(0, 3), sp(4, 8), sp(9, 12)];
        let cases: &[(&str, Vec<Span>, Vec<bool>)] = &[
            ("nothing marked", vec![], vec![false, false, false]),
            ("exact word", vec![sp(4, 8)], vec![false, true, false]),
            ("part of a word", vec![sp(7, 10)], vec![false, true, true]),
            ("only the space", vec![sp(3, 4)], vec![false, false, false]),
        ];
        for (name, spans, want) in cases {
            assert_eq!(&decisions(&toks, spans), want, "{name}");
        }
    }
}
