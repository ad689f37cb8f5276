//! Property tests for find: every match reads as the query (modulo case), matches come in text
//! order without overlapping, whole-word matches sit on word edges, and everything agrees with
//! a naive reference that tries every position and runs the word rules over the whole text.
#![cfg(not(target_arch = "wasm32"))]

use gloss_core::model::find::{find, fold, FindOptions, Haystack};
use gloss_core::model::offsets::slice_cp;
use gloss_core::model::Span;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text pieces that stress matching: letters whose lowercase is longer or differs in length
/// ('İ', 'ẞ', 'Ω'), punctuation that joins words ('.', '’', ','), digits, marks, emoji, CJK.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a"),
        Just("A"),
        Just("ab"),
        Just("b"),
        Just(" "),
        Just("\n"),
        Just("."),
        Just(","),
        Just("'"),
        Just("’"),
        Just("_"),
        Just("'s"),
        Just("’S"),
        Just("s"),
        Just("-"),
        Just("1"),
        Just("İ"),
        Just("i"),
        Just("ẞ"),
        Just("ß"),
        Just("Ω"),
        Just("ω"),
        Just("σ"),
        Just("ς"),
        Just("Ж"),
        Just("ж"),
        Just("é"),
        Just("É"),
        Just("\u{301}"),
        Just("😀"),
        Just("🇺🇦"),
        Just("漢"),
        Just("ש"),
        Just("²"),
    ]
    .prop_map(str::to_owned)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|p| p.concat())
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..3).prop_map(|p| p.concat())
}

fn options() -> impl Strategy<Value = FindOptions> {
    (any::<bool>(), any::<bool>()).prop_map(|(match_case, whole_words)| FindOptions {
        match_case,
        whole_words,
    })
}

/// The code points where a wordy UAX #29 segment of the whole text starts or ends, and those
/// strictly inside one.
fn inside_words(text: &str) -> Vec<bool> {
    let mut inside = vec![false; text.chars().count() + 1];
    let mut cp = 0;
    for seg in text.split_word_bounds() {
        let len = seg.chars().count();
        if seg.chars().any(char::is_alphanumeric) {
            for slot in inside.iter_mut().take(cp + len).skip(cp + 1) {
                *slot = true;
            }
        }
        cp += len;
    }
    inside
}

/// Whether a whole-word match may end at code point `at`: not inside a word, or before a
/// possessive ('s) that ends the word.
fn ends_word(chars: &[char], inside: &[bool], at: usize) -> bool {
    let possessive = at > 0
        && chars[at - 1].is_alphanumeric()
        && matches!(chars.get(at..at + 2), Some(['\'' | '’', 's' | 'S']))
        && !inside[at + 2];
    !inside[at] || possessive
}

/// Tries every position in turn; a match moves on past itself.
fn naive(text: &str, query: &str, options: FindOptions) -> Vec<Span> {
    let eq = |a: char, b: char| {
        if options.match_case {
            a == b
        } else {
            fold(a) == fold(b)
        }
    };
    let chars: Vec<char> = text.chars().collect();
    let q: Vec<char> = query.chars().collect();
    let inside = inside_words(text);
    let mut out = Vec::new();
    let mut i = 0;
    if q.is_empty() {
        return out;
    }
    while i + q.len() <= chars.len() {
        let matches = chars[i..i + q.len()]
            .iter()
            .zip(&q)
            .all(|(&a, &b)| eq(a, b));
        let whole = !options.whole_words || (!inside[i] && ends_word(&chars, &inside, i + q.len()));
        if matches && whole {
            out.push(Span {
                start: i,
                end: i + q.len(),
            });
            i += q.len();
        } else {
            i += 1;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn agrees_with_the_naive_reference(text in text(), query in query(), options in options()) {
        prop_assert_eq!(find(&text, &query, options), naive(&text, &query, options));
    }

    #[test]
    fn matches_read_as_the_query_in_order(text in text(), query in query(), options in options()) {
        let found = find(&text, &query, options);
        let inside = inside_words(&text);
        let folded = |s: &str| s.chars().map(fold).collect::<String>();
        let mut last_end = 0;
        for span in &found {
            prop_assert!(span.start >= last_end, "in order, no overlap");
            last_end = span.end;
            let got = slice_cp(&text, *span);
            if options.match_case {
                prop_assert_eq!(got, query.as_str());
            } else {
                prop_assert_eq!(folded(got), folded(&query));
            }
            if options.whole_words {
                let chars: Vec<char> = text.chars().collect();
                prop_assert!(!inside[span.start] && ends_word(&chars, &inside, span.end), "on word edges");
            }
        }
    }

    #[test]
    fn the_limit_keeps_the_first(text in text(), query in query(), limit in 0usize..4) {
        let all = find(&text, &query, FindOptions::default());
        let some = Haystack::new(&text).find(&query, FindOptions::default(), limit);
        prop_assert_eq!(&some.spans[..], &all[..all.len().min(limit)]);
        prop_assert_eq!(some.more, all.len() > limit);
    }
}
