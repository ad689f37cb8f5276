//! The speaker of each direct quotation: the pattern after it (“…,” she said), else the one
//! before it in its sentence (X said: “…”), else the paragraph's previous speaker, else the
//! nearest person named before it.

use super::quotes::Direct;
use super::scan::is_opening_punct;
use super::speakers::{Speakers, Subject};

/// How many tokens before a quotation its cue may be (keeps the rules linear).
const LOOK_BACK: usize = 60;

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

/// The paragraph holding `point`.
fn paragraph_of(sp: &Speakers, point: usize) -> usize {
    let k = sp.scan.token_at(point);
    sp.scan.paragraph_of.get(k).copied().unwrap_or(usize::MAX)
}

/// “…,” X said / said X: a cue within six words after the closing mark.
fn after(sp: &Speakers, q: &Direct) -> Option<Subject> {
    let scan = sp.scan;
    let close = scan.token_at(q.close);
    let floor = close + 1;
    // «…» Élodie Roux, 41, who farms …: the name the next words give.
    if let Some(m) = sp.actors.starting_at(floor) {
        let after = sp.actors.get(m).map_or(floor, |m| m.last);
        let same_paragraph = !scan.token(floor).is_some_and(|t| t.para_start);
        if same_paragraph && scan.punct(after) == Some(',') {
            return Some(Subject::Named(m));
        }
    }
    for k in floor..floor + 7 {
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
    }
    None
}

/// X said: “…”: the last cue before the opening mark in its sentence, outside quotations.
fn before(sp: &Speakers, q: &Direct) -> Option<Subject> {
    let scan = sp.scan;
    let open = scan.token_at(q.open);
    let sentence = scan.sentence(open)?;
    let mut k = open;
    let floor = sentence.first.max(open.saturating_sub(LOOK_BACK));
    while k > floor {
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
    // "His neighbour … sees it differently: „…“": whoever the sentence names before the
    // colon, or nobody.
    if open.checked_sub(1).and_then(|p| scan.punct(p)) == Some(':') {
        let named = (sentence.first..open).rev().find_map(|k| {
            let m = sp.actors.ending_at(k + 1)?;
            let start = sp.actors.get(m)?.start;
            (!sp.inside_quote(start)).then_some(m)
        });
        return Some(named.map_or(Subject::Unnamed, Subject::Named));
    }
    None
}
