//! Find: named cases for matching (case, whole words, Unicode whose lowercase is longer,
//! overlaps, the limit) and the count the find bar shows. Properties in `find_props.rs`.
#![cfg(not(target_arch = "wasm32"))]

use gloss_core::model::find::{count_text, find, FindOptions, Found, Haystack, MAX_MATCHES};
use gloss_core::model::Span;

const ANY: FindOptions = FindOptions {
    match_case: false,
    whole_words: false,
};
const CASE: FindOptions = FindOptions {
    match_case: true,
    whole_words: false,
};
const WORDS: FindOptions = FindOptions {
    match_case: false,
    whole_words: true,
};

fn spans(list: &[(usize, usize)]) -> Vec<Span> {
    list.iter()
        .map(|&(start, end)| Span { start, end })
        .collect()
}

/// A named case: text, query, options, and the matches as (start, end) code points.
type FindCase = (
    &'static str,
    &'static str,
    &'static str,
    FindOptions,
    &'static [(usize, usize)],
);

#[test]
fn find_cases() {
    let cases: &[FindCase] = &[
        ("empty query finds nothing", "Putin said", "", ANY, &[]),
        ("empty text", "", "a", ANY, &[]),
        ("one match", "Putin said", "said", ANY, &[(6, 10)]),
        (
            "case ignored",
            "Putin met putin",
            "PUTIN",
            ANY,
            &[(0, 5), (10, 15)],
        ),
        ("case matched", "Putin met putin", "Putin", CASE, &[(0, 5)]),
        (
            "never overlapping, left to right",
            "aaaa",
            "aa",
            ANY,
            &[(0, 2), (2, 4)],
        ),
        ("overlap leaves the rest", "aaa", "aa", ANY, &[(0, 2)]),
        (
            "inside words without whole words",
            "Peskov's Peskovian",
            "peskov",
            ANY,
            &[(0, 6), (9, 15)],
        ),
        (
            "whole words only",
            "Peskov's Peskovian",
            "peskov",
            WORDS,
            &[(0, 6)],
        ),
        (
            "not before another word's ending",
            "Peskov'sy",
            "peskov",
            WORDS,
            &[],
        ),
        (
            "the possessive is found whole too",
            "Peskov's",
            "peskov's",
            WORDS,
            &[(0, 8)],
        ),
        (
            "a possessive's apostrophe parts the word",
            "Putin’s aide",
            "Putin",
            WORDS,
            &[(0, 5)],
        ),
        (
            "a rejected match does not hide the next",
            "aa aa",
            "a a",
            WORDS,
            &[],
        ),
        (
            "whole words after a rejected one",
            "aaa aa",
            "aa",
            WORDS,
            &[(4, 6)],
        ),
        (
            "a number inside a number",
            "40,000 and 000",
            "000",
            WORDS,
            &[(11, 14)],
        ),
        (
            "code points after emoji",
            "😀 Putin 👨\u{200D}👩 Putin",
            "putin",
            ANY,
            &[(2, 7), (12, 17)],
        ),
        (
            "dotted capital I folds to i, one for one",
            "İstanbul istanbul",
            "istanbul",
            ANY,
            &[(0, 8), (9, 17)],
        ),
        (
            "the query's İ folds too",
            "istanbul",
            "İSTANBUL",
            ANY,
            &[(0, 8)],
        ),
        (
            "offsets after a longer lowercase",
            "İİ x",
            "x",
            ANY,
            &[(3, 4)],
        ),
        (
            "whole words after a longer lowercase",
            "İİ xy x",
            "x",
            WORDS,
            &[(6, 7)],
        ),
        (
            "final sigma as sigma",
            "ΟΔΥΣΣΕΥΣ οδυσσευς",
            "οδυσσευσ",
            ANY,
            &[(0, 8), (9, 17)],
        ),
        (
            "Cyrillic whole words",
            "Песков и Пескова",
            "песков",
            WORDS,
            &[(0, 6)],
        ),
        (
            "accented letters join words",
            "café cafés",
            "caf",
            WORDS,
            &[],
        ),
        (
            "CJK: every ideograph a word",
            "漢字漢",
            "字",
            WORDS,
            &[(1, 2)],
        ),
        (
            "a combining mark stays with its letter",
            "e\u{301}te",
            "e",
            WORDS,
            &[],
        ),
        (
            "punctuation in the query",
            "said: “We will”",
            "“we",
            WORDS,
            &[(6, 9)],
        ),
        ("white space", "a  b", " ", ANY, &[(1, 2), (2, 3)]),
        ("across a line break, never", "a\nb", "a b", ANY, &[]),
    ];
    for (name, text, query, options, want) in cases {
        assert_eq!(
            find(text, query, *options),
            spans(want),
            "case {name}: {query:?} in {text:?}"
        );
    }
}

#[test]
fn the_limit_stops_the_search_and_says_so() {
    let text = "e ".repeat(MAX_MATCHES + 5);
    let found = Haystack::new(&text).find("e", ANY, MAX_MATCHES);
    assert_eq!(found.spans.len(), MAX_MATCHES);
    assert!(found.more);
    let exact = Haystack::new(&text).find("e", ANY, MAX_MATCHES + 5);
    assert!(!exact.more, "exactly the limit is not more");
}

#[test]
fn count_cases() {
    let some = |n: usize, more: bool| Found {
        spans: (0..n)
            .map(|i| Span {
                start: i,
                end: i + 1,
            })
            .collect(),
        more,
    };
    let cases: &[(&str, Found, Option<usize>, &str)] = &[
        ("none", some(0, false), None, "No matches"),
        ("one", some(1, false), None, "1 match"),
        ("several", some(12, false), None, "12 matches"),
        ("stepped to the third", some(12, false), Some(2), "3 of 12"),
        (
            "at the limit",
            some(MAX_MATCHES, true),
            None,
            "10,000+ matches",
        ),
        (
            "stepping past the limit",
            some(MAX_MATCHES, true),
            Some(0),
            "1 of 10,000+",
        ),
        (
            "a current past the end",
            some(2, false),
            Some(5),
            "2 matches",
        ),
    ];
    for (name, found, current, want) in cases {
        assert_eq!(count_text(found, *current), *want, "case {name}");
    }
}

/// Not a check (no timed assertions): how long finding takes in a 1,000,000-character article,
/// printed for the record (`cargo test --release --test find -- --nocapture speed`).
#[test]
fn speed_on_a_million_characters_is_printed() {
    let paragraph = "The Kremlin spokesman Dmitry Peskov said on Tuesday that “both parties \
recognise the need for a ceasefire”, while İstanbul talks resume — 40,000 troops remain. ";
    let text: String = paragraph.repeat(1_000_000 / paragraph.chars().count() + 1);
    let started = std::time::Instant::now();
    let hay = Haystack::new(&text);
    let prepared = started.elapsed();
    for (query, options) in [
        ("e", ANY),
        ("Peskov", WORDS),
        ("ceasefire", CASE),
        ("zzz", ANY),
    ] {
        let started = std::time::Instant::now();
        let found = hay.find(query, options, MAX_MATCHES);
        println!(
            "find {query:?} ({options:?}) in {} characters: {} matches{} in {:?} (prepared in {prepared:?})",
            text.chars().count(),
            found.spans.len(),
            if found.more { "+" } else { "" },
            started.elapsed()
        );
    }
}
