//! Direct quotations: the text between a pair of quotation marks (see `marks`), marks left
//! out, that reports someone's words. Left out as well:
//! - marks in the headline (a short first line without a final full stop);
//! - scare quotes, terms and titles: one to three words with no speech cue beside them
//!   (‘peace’, “path to peace”), and longer ones with no cue in their sentence at all (“hail
//!   of the century”).
//!
//! A speech cue beside a quotation is punctuation that ends an utterance inside the marks
//! (“Yes,” / “No.”), a colon or a governing verb just before it (said: “…”, called the talks
//! “…”, spoke of „…“), or a cue within a few words after it (“…” she said).

use super::cues;
use super::marks::Pair;
use super::scan::{is_opening_punct, Scan};

/// A direct quotation: its marks and the span between them (white space at its edges left out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Direct {
    pub open: usize,
    pub close: usize,
    pub start: usize,
    pub end: usize,
}

/// The quotations among `pairs` that report speech.
pub(super) fn direct(scan: &Scan, pairs: &[Pair], headline_end: usize) -> Vec<Direct> {
    pairs
        .iter()
        .filter(|p| p.open >= headline_end)
        .filter_map(|p| {
            let mut start = p.open + 1;
            let mut end = p.close;
            while start < end && scan.char_at(start).is_some_and(char::is_whitespace) {
                start += 1;
            }
            while end > start && scan.char_at(end - 1).is_some_and(char::is_whitespace) {
                end -= 1;
            }
            (start < end).then_some(Direct {
                open: p.open,
                close: p.close,
                start,
                end,
            })
        })
        .filter(|q| reports_speech(scan, q))
        .collect()
}

fn reports_speech(scan: &Scan, q: &Direct) -> bool {
    let first = scan.token_at(q.start);
    let last = scan.token_at(q.end);
    let words = (first..last)
        .filter(|&i| scan.token(i).is_some_and(|t| t.word))
        .count();
    if words == 0 {
        return false;
    }
    if utterance_punctuation(scan, q) || cue_before(scan, q) || cue_after(scan, q) {
        return true;
    }
    if words <= 3 {
        return false;
    }
    // A longer quotation inside a reported clause: "said the overrun came from “…”".
    cue_earlier_in_sentence(scan, q)
}

/// A cue anywhere before the opening mark in its sentence.
fn cue_earlier_in_sentence(scan: &Scan, q: &Direct) -> bool {
    let open = scan.token_at(q.open);
    let Some(sentence) = scan.sentence(open) else {
        return false;
    };
    (sentence.first.max(open.saturating_sub(60))..open).any(|k| cues::cue(&scan.lower(k)).is_some())
}

/// The quotation ends as an utterance does: “Yes,” “No.” “Why?”
fn utterance_punctuation(scan: &Scan, q: &Direct) -> bool {
    scan.char_at(q.end - 1)
        .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '…'))
}

/// A colon right before the opening mark, or a verb that governs it a few words before
/// (said: “…”, said “…”, called the talks “…”, spoke of „…“).
fn cue_before(scan: &Scan, q: &Direct) -> bool {
    let open = scan.token_at(q.open);
    if scan.token(open).is_some_and(|t| t.para_start) {
        return false;
    }
    let Some(p) = open.checked_sub(1) else {
        return false;
    };
    if scan.punct(p) == Some(':') {
        return true;
    }
    let mut k = open;
    for _ in 0..4 {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        k = p;
        match scan.punct(k) {
            Some(',') => continue,
            Some(_) => return false,
            None if cues::governs(&scan.lower(k)) => return true,
            None => {}
        }
    }
    false
}

/// A cue within five words after the closing mark, in the same sentence (“…” she said).
fn cue_after(scan: &Scan, q: &Direct) -> bool {
    let close = scan.token_at(q.close);
    let mut k = close + 1;
    let mut seen = 0;
    while seen < 6 {
        let Some(t) = scan.token(k) else { return false };
        if t.para_start {
            return false;
        }
        if let Some(c) = scan.punct(k) {
            if c != ',' || is_opening_punct(c) {
                return false;
            }
        } else if cues::cue(&scan.lower(k)).is_some() {
            return true;
        }
        seen += 1;
        k += 1;
    }
    false
}
