//! Suggestions: direct and indirect quotations, who said them, and the people and organisations
//! named, found by rules in the page (no model, no network). Nothing here is stored as an
//! annotation: a person accepts or rejects each suggestion (see `state::suggesting`).
//!
//! The rules are pure functions over an article's canonical text; spans are code points,
//! half-open, like every other span in Gloss. A quote's span never includes its marks.

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
    let _ = (text, marked);
    Vec::new()
}
