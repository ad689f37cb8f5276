//! What the ClaimReview tests share: the spokesman article with its claims rated, and the
//! checker that holds an export against schema.org's published terms and Google's fields
//! ([`checker`]).
#![allow(dead_code)]

pub mod checker;

use gloss_core::model::text::prepare_article;
use gloss_core::model::{
    Annotation, AnnotationId, Document, Entity, EntityId, Evidence, Label, Span, Timestamp, Verdict,
};

/// 2026-12-05T12:00:00Z, the export's time in these tests.
pub const AT: Timestamp = Timestamp(1_796_472_000_000);
pub const TODAY: &str = "2026-12-05";

pub const SPOKESMAN: &str = include_str!("../../../../tests/fixtures/article-spokesman.txt");

/// The code point span of the first `needle` in `doc`'s text.
pub fn span_of(doc: &Document, needle: &str) -> Span {
    let byte = doc.text.find(needle).expect("the fixture has this text");
    let start = doc.text[..byte].chars().count();
    Span::new(start, start + needle.chars().count()).expect("not empty")
}

/// An annotation of `needle` with `label`.
pub fn mark(doc: &Document, label: Label, needle: &str) -> Annotation {
    Annotation::new(AnnotationId::random(), label, span_of(doc, needle), AT)
}

/// The spokesman article (dated 2026-03-02) with: Piet Haverkamp marked as an actor (his
/// entity named "Piet Haverkamp"); the claim "the talks had gone well" attributed to him, rated
/// Unverifiable with one source; "the documents were signed before dawn" rated False with no
/// source; and "The exact date of the meeting has not been fixed" not rated.
pub fn spokesman() -> Document {
    let prepared = prepare_article(SPOKESMAN, "Ferry truce talks", None).expect("fixture loads");
    let mut doc = prepared.into_document(AT);
    let entity = Entity {
        id: EntityId::random(),
        name: "Piet Haverkamp".to_owned(),
    };
    let mut actor = mark(&doc, Label::Actor, "spokesman Piet Haverkamp");
    actor.entity = Some(entity.id);
    let mut talks = mark(&doc, Label::Claim, "the talks had gone well");
    talks.source = Some(actor.id);
    talks.verdict = Some(Verdict::Unverifiable);
    talks.evidence = vec![Evidence::new(
        "https://radio.example/interview",
        "Local radio interview",
        "",
    )
    .expect("a web address")];
    let mut signed = mark(&doc, Label::Claim, "the documents were signed before dawn");
    signed.verdict = Some(Verdict::False);
    let open = mark(
        &doc,
        Label::Claim,
        "The exact date of the meeting has not been fixed",
    );
    let mut annotations = vec![actor, talks, signed, open];
    annotations.sort_by(gloss_core::model::text_order);
    doc.annotations = annotations;
    doc.entities = vec![entity];
    doc
}

/// The export of `doc` as JSON.
pub fn exported(doc: &Document, reviewer: &str) -> serde_json::Value {
    let reviews = gloss_core::formats::claimreview::export(doc, reviewer, AT).expect("rated");
    serde_json::from_slice(&reviews.file.bytes).expect("the export is JSON")
}
