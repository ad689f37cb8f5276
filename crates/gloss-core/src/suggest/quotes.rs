//! Direct quotations: the text between a pair of quotation marks (see `marks`), marks left
//! out, that reports someone's words. Left out as well:
//! - marks in the headline (a short first line without a final full stop);
//! - scare quotes, terms and titles: one to three words with no speech cue beside them
//!   (‘peace’, “path to peace”), and longer runs of capitalised words with no cue (a title);
//!
//! A speech cue beside a quotation is punctuation that ends an utterance inside the marks
//! (“Yes,” / “No.”), a colon or cue word right before it (said: “…”), or a cue within a few
//! words after it (“…” she said).

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
    let cued = utterance_punctuation(scan, q) || cue_before(scan, q) || cue_after(scan, q);
    if cued {
        return true;
    }
    if words <= 3 {
        return false;
    }
    // A title: every longer word capitalised, no punctuation to end it.
    let title = (first..last)
        .filter(|&i| scan.token(i).is_some_and(|t| t.word))
        .all(|i| scan.is_capitalised(i) || scan.tok_text(i).chars().count() <= 3);
    !title
}

/// The quotation ends as an utterance does: “Yes,” “No.” “Why?”
fn utterance_punctuation(scan: &Scan, q: &Direct) -> bool {
    scan.char_at(q.end - 1)
        .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '…'))
}

/// A colon, or a cue word, right before the opening mark (said: “…”, said “…”).
fn cue_before(scan: &Scan, q: &Direct) -> bool {
    let open = scan.token_at(q.open);
    let Some(p) = open.checked_sub(1) else {
        return false;
    };
    if scan.token(p).is_some_and(|t| t.para_start) && scan.token(open).is_some_and(|t| !t.para_start) {
        return false;
    }
    match scan.punct(p) {
        Some(':') => true,
        Some(',') => p
            .checked_sub(1)
            .is_some_and(|w| cues::cue(&scan.lower(w)).is_some()),
        Some(_) => false,
        None => cues::cue(&scan.lower(p)).is_some(),
    }
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
