//! The speaker of each direct quotation: the pattern after it (“…,” she said), else the one
//! before it in its sentence (X said: “…”), else the paragraph's previous speaker, else the
//! nearest person named before it.

use super::quotes::Direct;
use super::scan::is_opening_punct;
use super::speakers::{Speakers, Subject};

/// The mention that said each quotation (`None` when the text names nobody).
pub(super) fn direct_speakers(sp: &Speakers, quotes: &[Direct]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = Vec::with_capacity(quotes.len());
    let mut previous: Option<(usize, Option<usize>)> = None;
    for q in quotes {
        let paragraph = paragraph_of(sp, q.open);
        let found = after(sp, q)
            .or_else(|| before(sp, q))
            .map(|subject| sp.resolve(&subject, q.start));
        let speaker = match found {
            Some(m) => m,
            None => match previous {
                Some((p, m)) if p == paragraph && m.is_some() => m,
                _ => sp.resolve(&Subject::Pronoun(super::cues::Referent::Person), q.start),
            },
        };
        previous = Some((paragraph, speaker));
        out.push(speaker);
    }
    out
}

/// The code point where the paragraph holding `point` starts.
fn paragraph_of(sp: &Speakers, point: usize) -> usize {
    let mut k = sp.scan.token_at(point);
    while k > 0 && !sp.scan.token(k).is_some_and(|t| t.para_start) {
        k -= 1;
    }
    sp.scan.token(k).map_or(0, |t| t.start)
}

/// “…,” X said / said X: a cue within six words after the closing mark.
fn after(sp: &Speakers, q: &Direct) -> Option<Subject> {
    let scan = sp.scan;
    let close = scan.token_at(q.close);
    let floor = close + 1;
    let mut k = floor;
    for _ in 0..7 {
        let t = scan.token(k)?;
        if t.para_start {
            return None;
        }
        match scan.punct(k) {
            Some(',') => {}
            Some(_) => return None,
            None => {
                if sp.cue_at(k).is_some() {
                    return sp.subject(k, floor);
                }
            }
        }
        k += 1;
    }
    None
}

/// X said: “…”: the last cue before the opening mark in its sentence, outside quotations.
fn before(sp: &Speakers, q: &Direct) -> Option<Subject> {
    let scan = sp.scan;
    let open = scan.token_at(q.open);
    let sentence = scan.sentence(open)?;
    let mut k = open;
    while k > sentence.first {
        k -= 1;
        let start = scan.token(k).map_or(0, |t| t.start);
        if sp.inside_quote(start) || scan.punct(k).is_some_and(is_opening_punct) {
            // Another quotation's words: its cues are not this one's.
            continue;
        }
        if sp.cue_at(k).is_some() {
            return sp.subject(k, sentence.first);
        }
    }
    None
}
