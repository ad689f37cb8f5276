//! An article of news text with who said what marked, shared by the Gloss JSON link tests.
#![allow(dead_code)]

use gloss_core::model::{
    Annotation, AnnotationId, Document, DocumentId, Entity, EntityId, Label, Span, Timestamp,
};
use uuid::Uuid;

pub fn id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

pub fn entity(n: u128, name: &str) -> Entity {
    Entity {
        id: EntityId(Uuid::from_u128(n)),
        name: name.into(),
    }
}

pub const TEXT: &str = "Kremlin spokesman Dmitry Peskov said “no talks are planned”. Peskov added that “the door is open”. The White House said it was hopeful.";

pub fn span_of(text: &str, needle: &str) -> Span {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

/// An article with two mentions of one person, a quote attributed to each, an organisation
/// and a claim attributed to it. Annotation ids are `doc_id * 100 + 1..=6` (actor, quote,
/// actor, quote, actor, claim); the entities are `entity_id` (Peskov) and `entity_id + 1`.
pub fn linked(doc_id: u128, entity_id: u128) -> Document {
    let mut d = Document::new("Talks".into(), None, TEXT.into(), Timestamp(1));
    d.id = DocumentId(Uuid::from_u128(doc_id));
    let peskov = entity(entity_id, "Dmitry Peskov");
    let white_house = entity(entity_id + 1, "White House");
    let ann = |n: u128, label, needle| {
        Annotation::new(
            id(doc_id * 100 + n),
            label,
            span_of(TEXT, needle),
            Timestamp(2),
        )
    };
    let mut a1 = ann(1, Label::Actor, "Kremlin spokesman Dmitry Peskov");
    a1.entity = Some(peskov.id);
    let mut q1 = ann(2, Label::Quote, "no talks are planned");
    q1.source = Some(a1.id);
    let mut a2 = ann(3, Label::Actor, "Peskov added");
    a2.span = span_of(TEXT, "Peskov added");
    a2.span.end -= " added".len();
    a2.entity = Some(peskov.id);
    let mut q2 = ann(4, Label::Quote, "the door is open");
    q2.source = Some(a2.id);
    let mut a3 = ann(5, Label::Actor, "The White House");
    a3.entity = Some(white_house.id);
    let mut c = ann(6, Label::Claim, "it was hopeful");
    c.source = Some(a3.id);
    d.annotations = vec![a1, q1, a2, q2, a3, c];
    d.annotations.sort_by(gloss_core::model::text_order);
    d.entities = vec![peskov, white_house];
    d
}
