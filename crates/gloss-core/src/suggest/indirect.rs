//! Indirect quotations: the content clause of a cue in the same sentence, and who said it.
//!
//! - Forward: "X said [that] CLAUSE." The clause starts after "that" when it follows the cue
//!   (or its object: "told reporters on Monday that"), else right after a say-cue, else (other
//!   cues) only when what follows reads as a clause. It ends at the sentence's end (final
//!   stop excluded), at a semicolon or colon, or before "and" + another cue.
//! - Reverse: "CLAUSE, X said." and "CLAUSE, according to X." (from the sentence's start to
//!   the comma), and "According to X, CLAUSE."
//! - None where the cue attributes a direct quotation ("“…,” she said"), in a passive ("is
//!   said to"), or where the clause would take in a direct quotation's words.

use super::cues::{self, Cue};
use super::scan::{is_closing_punct, Scan, Sentence};
use super::speakers::{Speakers, Subject};

/// An indirect quotation: its span and who the text says said it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Indirect {
    pub start: usize,
    pub end: usize,
    pub subject: Option<Subject>,
    /// Where the attribution is: pronouns and roles resolve to mentions before it.
    pub at: usize,
}

const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "during", "after", "before", "to", "by", "with", "for", "about", "of",
    "last", "this", "yesterday", "today", "earlier", "later", "publicly", "privately",
    "repeatedly", "again", "through", "via", "from", "when", "while", "as", "into", "so",
];

/// Every indirect quotation, in text order.
pub(super) fn indirect(sp: &Speakers) -> Vec<Indirect> {
    let scan = sp.scan;
    let mut out: Vec<Indirect> = Vec::new();
    for sentence in &scan.sentences {
        for c in sentence.first..sentence.last {
            let Some(cue) = sp.cue_at(c) else { continue };
            let at = scan.token(c).map_or(0, |t| t.start);
            if sp.inside_quote(at) || passive(scan, c) || after_direct_quote(scan, c) {
                continue;
            }
            if let Some(q) = one(sp, sentence, c, cue) {
                let clashes = out.iter().any(|o| o.start < q.end && q.start < o.end)
                    || sp.quoted.iter().any(|&(s, e)| s < q.end && q.start < e);
                if !clashes {
                    out.push(q);
                }
            }
        }
    }
    out
}

fn passive(scan: &Scan, c: usize) -> bool {
    let before = c.checked_sub(1).map(|p| scan.lower(p)).unwrap_or_default();
    matches!(
        before.as_str(),
        "is" | "was" | "were" | "are" | "be" | "been" | "being"
    )
}

/// The cue attributes a direct quotation right before it: “…,” she said.
fn after_direct_quote(scan: &Scan, c: usize) -> bool {
    let mut k = c;
    for _ in 0..4 {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        k = p;
        if scan.sentence_of.get(k) != scan.sentence_of.get(c) {
            return false;
        }
        if let Some(ch) = scan.punct(k) {
            if is_closing_punct(ch) {
                return true;
            }
            if ch != ',' {
                return false;
            }
        }
    }
    false
}

fn one(sp: &Speakers, sentence: &Sentence, c: usize, cue: Cue) -> Option<Indirect> {
    let scan = sp.scan;
    let at = scan.token(c).map_or(0, |t| t.start);
    if scan.lower(c) == "according" {
        return according(sp, sentence, c, at);
    }
    if let Some(start) = clause_start(scan, sentence, c, cue) {
        let end = clause_end(scan, sentence, start);
        if scan.punct(end) == Some(':') && opens_quote(sp, end + 1) {
            // "told Russian press that Witkoff: “…”": the quotation is what was said.
            return None;
        }
        let words = (start..end).filter(|&k| scan.token(k).is_some_and(|t| t.word));
        if words.count() >= 2 {
            return span(scan, start, end).map(|(s, e)| Indirect {
                start: s,
                end: e,
                subject: sp.subject(c, sentence.first),
                at,
            });
        }
    }
    reverse(sp, sentence, c, at)
}

fn span(scan: &Scan, first: usize, end: usize) -> Option<(usize, usize)> {
    let start = scan.token(first)?.start;
    let stop = scan.token(end.checked_sub(1)?)?.end;
    (start < stop).then_some((start, stop))
}

/// The first token of the clause a forward cue introduces.
fn clause_start(scan: &Scan, sentence: &Sentence, c: usize, cue: Cue) -> Option<usize> {
    let next = c + 1;
    if next >= sentence.last {
        return None;
    }
    let w = scan.lower(next);
    if w == "that" {
        return Some(next + 1);
    }
    if scan.punct(next).is_some() {
        return None;
    }
    let that_soon = || {
        (next..(next + 8).min(sentence.last))
            .take_while(|&k| scan.punct(k).is_none())
            .find(|&k| scan.lower(k) == "that")
            .map(|k| k + 1)
    };
    if cue == Cue::Tell || PREPOSITIONS.contains(&w.as_str()) {
        return that_soon();
    }
    if cue == Cue::Say {
        return Some(next);
    }
    // Other cues: "insisted the work had finished" reads as a clause, "announced the
    // release" does not.
    let clause_like = (next + 1..(next + 7).min(sentence.last))
        .take_while(|&k| scan.punct(k).is_none())
        .any(|k| {
            let w = scan.lower(k);
            cues::AUXILIARIES.contains(&w.as_str()) || (w.ends_with("ed") && w.len() > 4)
        });
    if clause_like {
        Some(next)
    } else {
        that_soon()
    }
}

/// Where the clause from `start` ends (exclusive token): the sentence's end without its final
/// punctuation, a semicolon or colon, or "and" before another cue.
fn clause_end(scan: &Scan, sentence: &Sentence, start: usize) -> usize {
    let mut k = start;
    while k < sentence.last {
        match scan.punct(k) {
            Some(';' | ':') => break,
            Some(_) => {}
            None => {
                let w = scan.lower(k);
                if matches!(w.as_str(), "and" | "but")
                    && cues::cue(&scan.lower(k + 1)).is_some()
                {
                    break;
                }
            }
        }
        k += 1;
    }
    while k > start && scan.punct(k - 1).is_some_and(|c| matches!(c, '.' | ',' | ';' | ':' | '—' | '–' | '-')) {
        k -= 1;
    }
    k
}

/// "CLAUSE, X said." / "CLAUSE, said X.": the cue ends its sentence (a few words of time or
/// place may follow) and a comma sets off the speaker.
fn reverse(sp: &Speakers, sentence: &Sentence, c: usize, at: usize) -> Option<Indirect> {
    let scan = sp.scan;
    let tail = (c + 1..sentence.last).filter(|&k| scan.punct(k).is_none()).count();
    if tail > 5 || (c + 1..sentence.last).any(|k| scan.lower(k) == "that") {
        return None;
    }
    let comma = (sentence.first..c)
        .rev()
        .take(8)
        .find(|&k| scan.punct(k) == Some(','))?;
    let subject = if comma + 1 == c {
        sp.subject(c, c)
    } else {
        sp.subject(c, comma + 1)
    };
    let end = clause_end(scan, sentence, sentence.first).min(comma);
    let words = (sentence.first..end).filter(|&k| scan.token(k).is_some_and(|t| t.word));
    if words.count() < 3 {
        return None;
    }
    let (start, stop) = span(scan, sentence.first, end)?;
    Some(Indirect {
        start,
        end: stop,
        subject,
        at,
    })
}

/// "According to X, CLAUSE." and "CLAUSE, according to X."
fn according(sp: &Speakers, sentence: &Sentence, c: usize, at: usize) -> Option<Indirect> {
    let scan = sp.scan;
    let subject = sp.subject(c, c);
    if c == sentence.first {
        let comma = (c..sentence.last).find(|&k| scan.punct(k) == Some(','))?;
        let end = clause_end(scan, sentence, comma + 1);
        let (start, stop) = span(scan, comma + 1, end)?;
        return Some(Indirect {
            start,
            end: stop,
            subject,
            at,
        });
    }
    let comma = c.checked_sub(1).filter(|&p| scan.punct(p) == Some(','))?;
    let (start, stop) = span(scan, sentence.first, comma)?;
    Some(Indirect {
        start,
        end: stop,
        subject,
        at,
    })
}

/// A direct quotation's opening mark is token `k`.
fn opens_quote(sp: &Speakers, k: usize) -> bool {
    sp.scan
        .token(k)
        .is_some_and(|t| sp.quoted.iter().any(|&(s, _)| s > t.start && s <= t.start + 2))
}
