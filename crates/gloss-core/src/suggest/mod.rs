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
mod around;
mod attribute;
mod cues;
mod indirect;
mod marks;
mod names;
mod places;
mod quotes;
mod run;
pub mod scan;
mod speakers;

use crate::model::{Annotation, Label, Span};

pub use run::Run;

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
///
/// All at once; [`Run`] does the same work in steps, for a page that must stay responsive.
pub fn suggest(text: &str, marked: &[Annotation]) -> Vec<Suggestion> {
    let mut run = Run::new(text, marked);
    loop {
        if let Some(found) = run.step() {
            return found;
        }
    }
}
