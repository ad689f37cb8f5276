//! The data Gloss works on, free of any browser API so that all of it is tested natively.
//!
//! One offset unit everywhere: Unicode code points, half-open `[start, end)`, over the
//! canonical text of a document (see [`text::canonicalize`]). Conversions to UTF-16 (the DOM)
//! and UTF-8 bytes (Rust slicing) live in [`offsets`] and nowhere else.

pub mod anchor;
pub mod entity;
pub mod find;
pub mod layers;
pub mod layout;
pub(crate) mod marks;
pub mod offsets;
pub mod sample;
pub mod snapping;
pub mod suggested;
pub mod summary;
pub mod text;
pub mod verdict;

use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use verdict::{Evidence, Verdict};

/// What a span of text is marked as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Claim,
    Quote,
    Actor,
}

impl Label {
    pub const ALL: [Label; 3] = [Label::Claim, Label::Quote, Label::Actor];

    /// The name a person reads on buttons and in the list.
    pub fn name(self) -> &'static str {
        match self {
            Label::Claim => "Claim",
            Label::Quote => "Quote",
            Label::Actor => "Actor",
        }
    }

    /// The CSS class suffix and the stored name.
    pub fn slug(self) -> &'static str {
        match self {
            Label::Claim => "claim",
            Label::Quote => "quote",
            Label::Actor => "actor",
        }
    }

    /// The digit key that applies this label.
    pub fn digit(self) -> char {
        match self {
            Label::Claim => '1',
            Label::Quote => '2',
            Label::Actor => '3',
        }
    }

    /// The letter key that applies this label.
    pub fn letter(self) -> char {
        match self {
            Label::Claim => 'C',
            Label::Quote => 'Q',
            Label::Actor => 'A',
        }
    }

    /// The label a key press (`KeyboardEvent.key`) stands for: `1`/`2`/`3` or `c`/`q`/`a`.
    pub fn from_key(key: &str) -> Option<Label> {
        match key {
            "1" | "c" | "C" => Some(Label::Claim),
            "2" | "q" | "Q" => Some(Label::Quote),
            "3" | "a" | "A" => Some(Label::Actor),
            _ => None,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A half-open range of code points `[start, end)` over a document's canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A non-empty span, or `None` when `end <= start`.
    pub fn new(start: usize, end: usize) -> Option<Span> {
        (start < end).then_some(Span { start, end })
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Whether the code point at `point` lies inside the span.
    pub fn contains(self, point: usize) -> bool {
        self.start <= point && point < self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Milliseconds since the Unix epoch. The reducer never reads a clock: actions carry the time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

macro_rules! uuid_id {
    ($name:ident) => {
        /// A random, permanent identifier (a UUID), never an index.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(AnnotationId);
uuid_id!(DocumentId);
uuid_id!(EntityId);

/// A person or organisation that actor mentions stand for: one per person across the library,
/// whatever the mention says ("President Vladimir Putin", "Putin", "Mr Putin").
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    /// The name shown for it; the person can change it.
    pub name: String,
}

/// Fields Gloss does not know, kept from an imported file so a round trip loses nothing.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// One marked span, as it is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub label: Label,
    pub span: Span,
    pub note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// For a quote or claim: the actor annotation (in the same document) who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<AnnotationId>,
    /// For an actor: the entity (person or organisation) this mention stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    /// For a claim: how true it was found to be (`None`: not checked yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// For a claim: the links it was checked against, in the order they were added.
    #[serde(default, rename = "sources", skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Who made it ("Your name" at the time); `None`: made before a name was given, or in a
    /// file that does not say. Which layer it is in follows from this (see [`layers`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// Who changed it last, when someone has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    /// In the curated (gold) layer, settled from several annotators' layers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub curated: bool,
    #[serde(default)]
    pub extra: Extra,
}

impl Annotation {
    /// A new annotation without a note.
    pub fn new(id: AnnotationId, label: Label, span: Span, at: Timestamp) -> Annotation {
        Annotation {
            id,
            label,
            span,
            note: String::new(),
            created_at: at,
            updated_at: at,
            source: None,
            entity: None,
            verdict: None,
            evidence: Vec::new(),
            created_by: None,
            updated_by: None,
            curated: false,
            extra: Extra::new(),
        }
    }

    /// Whether this annotation can have a source (quotes and claims can; actors are sources).
    pub fn can_have_source(&self) -> bool {
        self.label != Label::Actor
    }

    /// Whether it carries a fact-check (a verdict or a source link): only claims can.
    pub fn is_checked(&self) -> bool {
        self.verdict.is_some() || !self.evidence.is_empty()
    }
}

/// A calendar date from an article's ` date YYYY-MM-DD ` marker; always a real day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleDate {
    year: u16,
    month: u8,
    day: u8,
}

impl ArticleDate {
    /// A date only if the day exists (2024-02-29 does, 2025-02-30 does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<ArticleDate> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days).contains(&day)).then_some(ArticleDate { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<ArticleDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let year = s.get(0..4)?;
        let month = s.get(5..7)?;
        let day = s.get(8..10)?;
        let digits = |p: &str| p.bytes().all(|c| c.is_ascii_digit());
        if !(digits(year) && digits(month) && digits(day)) {
            return None;
        }
        ArticleDate::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for ArticleDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ArticleDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ArticleDate::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a calendar date: {s:?}")))
    }
}

/// A suggestion the person turned down: never suggested again for that article. Stored with
/// the article (Gloss JSON writes `{"label": "quote", "start": 10, "end": 42}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Rejection {
    pub label: Label,
    #[serde(flatten)]
    pub span: Span,
}

/// An article: canonical text and its annotations, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: DocumentId,
    pub title: String,
    pub date: Option<ArticleDate>,
    pub text: Rc<str>,
    pub annotations: Vec<Annotation>,
    pub created_at: Timestamp,
    /// When the title or an annotation last changed.
    pub updated_at: Timestamp,
    /// Counts every change; storage compares it to notice what another tab wrote.
    pub revision: u64,
    /// The entities this document's actor annotations stand for (each entity once).
    pub entities: Vec<Entity>,
    /// Suggestions turned down for this article, sorted and each once.
    pub rejected: Vec<Rejection>,
    /// Places of the curated layer settled with nothing kept ("Compare" → "Keep neither"): the
    /// label and span of each disagreement so settled, sorted and each once.
    pub left_out: Vec<Rejection>,
    pub extra: Extra,
}

impl Document {
    /// This document with other annotations, every other field copied (the text is shared).
    pub fn with_annotations(&self, annotations: Vec<Annotation>) -> Document {
        Document {
            id: self.id,
            title: self.title.clone(),
            date: self.date,
            text: Rc::clone(&self.text),
            annotations,
            created_at: self.created_at,
            updated_at: self.updated_at,
            revision: self.revision,
            entities: self.entities.clone(),
            rejected: self.rejected.clone(),
            left_out: self.left_out.clone(),
            extra: self.extra.clone(),
        }
    }

    /// A new article without annotations.
    pub fn new(title: String, date: Option<ArticleDate>, text: Rc<str>, at: Timestamp) -> Document {
        Document {
            id: DocumentId::random(),
            title,
            date,
            text,
            annotations: Vec::new(),
            created_at: at,
            updated_at: at,
            revision: 0,
            entities: Vec::new(),
            rejected: Vec::new(),
            left_out: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The annotated text of `span`, or an empty string when the span lies outside the text.
    pub fn quote(&self, span: Span) -> &str {
        offsets::slice_cp(&self.text, span)
    }

    /// The entity with this id, when the document carries it.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The name of the entity an actor annotation stands for, or the mention's own text when
    /// it has none.
    pub fn actor_name(&self, actor: &Annotation) -> String {
        actor.entity.and_then(|e| self.entity(e)).map_or_else(
            || self.quote(actor.span).trim().to_owned(),
            |e| e.name.clone(),
        )
    }

    /// Annotations per label, in `Label::ALL` order.
    pub fn counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for a in &self.annotations {
            let slot = match a.label {
                Label::Claim => &mut counts[0],
                Label::Quote => &mut counts[1],
                Label::Actor => &mut counts[2],
            };
            *slot += 1;
        }
        counts
    }
}

/// Text order: by start, longer (outer) first, then label and id so the order is total.
pub fn text_order(a: &Annotation, b: &Annotation) -> std::cmp::Ordering {
    a.span
        .start
        .cmp(&b.span.start)
        .then(b.span.end.cmp(&a.span.end))
        .then(a.label.cmp(&b.label))
        .then(a.id.cmp(&b.id))
}
