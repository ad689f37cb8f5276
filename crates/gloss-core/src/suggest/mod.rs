//! Suggestions: direct and indirect quotations, who said them, and the people and organisations
//! named, found by rules in the page (no model, no network). Nothing here is stored as an
//! annotation: a person accepts or rejects each suggestion (see `state::suggesting`).
//!
//! The rules are pure functions over an article's canonical text; spans are code points,
//! half-open, like every other span in Gloss. A quote's span never includes its marks.
//!
//! How the text is read, one module a concern:
//! - [`scan`]: code points, word and punctuation tokens, sentences and paragraphs;
//! - `marks`: pairs of quotation marks of every style, a quotation over several paragraphs;
//! - `quotes`: which pairs are quotations (not scare quotes, titles or a headline);
//! - `cues`: the words the rules key on. A **cue** is a verb of speech or cognition (said,
//!   told, added, insisted, believes …) or "according to";
//! - `names`, `places`, `actors`: capitalised names with titles dropped, organisations, places
//!   (actors only where they speak), and which mentions are one actor;
//! - `speakers`, `attribute`: a **speaker pattern** is a cue and its subject in the quotation's
//!   sentence ("X said", "said X", "X, <descriptor>, said", "according to X", "X told
//!   reporters", "Kremlin spokesman Dmitry Peskov said"); a pronoun, a role ("the spokesman")
//!   or nobody named resolves to the nearest fitting earlier mention;
//! - `indirect`: the content clause after a cue ("Peskov said [that] …"), or before it
//!   ("…, the Kremlin said").
//!
//! Claims are not suggested: whether a sentence is a checkable claim is not a matter of
//! punctuation and cue words.

mod actors;
mod attribute;
mod cues;
mod indirect;
mod marks;
mod names;
mod places;
mod quotes;
pub mod scan;
mod speakers;

use crate::model::{Annotation, Label, Span};

/// What a suggestion proposes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Text between paired quotation marks, the marks left out.
    DirectQuote,
    /// The content clause after a speech or cognition cue ("Peskov said that …").
    IndirectQuote,
    /// A mention of a person or organisation.
    Actor,
}

impl Kind {
    /// The label an accepted suggestion of this kind gets.
    pub fn label(self) -> Label {
        match self {
            Kind::DirectQuote | Kind::IndirectQuote => Label::Quote,
            Kind::Actor => Label::Actor,
        }
    }

    /// What a screen reader hears for it.
    pub fn words(self) -> &'static str {
        match self {
            Kind::DirectQuote => "suggested quote",
            Kind::IndirectQuote => "suggested indirect quote",
            Kind::Actor => "suggested actor",
        }
    }
}

/// One suggested span.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Suggestion {
    pub kind: Kind,
    pub span: Span,
    /// For a quote: the actor mention that said it. Always the span of an `Actor` suggestion in
    /// the same list, or of an actor annotation already marked (`marked`).
    pub speaker: Option<Span>,
}

/// Every suggestion for an article's canonical `text`, in text order (by start, longer first).
/// `marked` are the annotations the person already has: their actors count as known mentions
/// (a later mention of the same name is suggested, a pronoun can resolve to them).
/// Suggestions that overlap a marked annotation of the same label are still returned: hiding
/// them is the state's job, so undoing an accept shows them again.
pub fn suggest(text: &str, marked: &[Annotation]) -> Vec<Suggestion> {
    let scan = scan::Scan::new(text);
    let headline_end = crate::model::text::headline(text)
        .and_then(|_| text.split('\n').next())
        .map_or(0, |line| line.chars().count());
    let pairs = marks::pairs(&scan.chars);
    let direct = quotes::direct(&scan, &pairs, headline_end);
    let quoted: Vec<(usize, usize)> = direct.iter().map(|q| (q.start, q.end)).collect();
    let names = names::Finder::new(&scan, headline_end).names();
    let known = actors::Marked {
        spans: marked
            .iter()
            .filter(|a| a.label == Label::Actor && a.span.end <= scan.chars.len())
            .map(|a| (a.span.start, a.span.end))
            .collect(),
    };
    let actors = actors::build(&scan, names, &known);
    let sp = speakers::Speakers {
        scan: &scan,
        actors: &actors,
        quoted: &quoted,
    };
    let direct_speakers = attribute::direct_speakers(&sp, &direct);
    let indirect = indirect::indirect(&sp);

    let mut speaking = Vec::new();
    let mut out = Vec::new();
    let speaker_span = |m: Option<usize>, speaking: &mut Vec<usize>| {
        let m = m?;
        let mention = actors.get(m)?;
        speaking.push(m);
        Span::new(mention.start, mention.end)
    };
    for (q, m) in direct.iter().zip(direct_speakers) {
        if let Some(span) = Span::new(q.start, q.end) {
            out.push(Suggestion {
                kind: Kind::DirectQuote,
                span,
                speaker: speaker_span(m, &mut speaking),
            });
        }
    }
    for q in &indirect {
        let m = q.subject.as_ref().and_then(|s| sp.resolve(s, q.at));
        if let Some(span) = Span::new(q.start, q.end) {
            out.push(Suggestion {
                kind: Kind::IndirectQuote,
                span,
                speaker: speaker_span(m, &mut speaking),
            });
        }
    }
    for (i, m) in actors.mentions.iter().enumerate() {
        let place = m.kind == actors::ActorKind::Place;
        if place && !speaking.contains(&i) {
            continue;
        }
        if let Some(span) = Span::new(m.start, m.end) {
            out.push(Suggestion {
                kind: Kind::Actor,
                span,
                speaker: None,
            });
        }
    }
    out.sort_by_key(|s| (s.span.start, std::cmp::Reverse(s.span.end), s.kind));
    out.dedup();
    out
}
