//! The articles the "who said what" tests build: marks found by their text, links by short
//! numeric ids, and a row's summary to compare tables by.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Entity, EntityId, Label, Span,
    Timestamp,
};
use gloss_core::who::Row;
use uuid::Uuid;

/// One mark: its id, label, the text it covers (its first occurrence after `after` chars),
/// its source (a mark's id) and entity (an entity's id).
pub struct Mark {
    pub id: u128,
    pub label: Label,
    pub text: &'static str,
    pub source: Option<u128>,
    pub entity: Option<u128>,
}

pub fn actor(id: u128, text: &'static str, entity: Option<u128>) -> Mark {
    Mark {
        id,
        label: Label::Actor,
        text,
        source: None,
        entity,
    }
}

pub fn said(id: u128, label: Label, text: &'static str, source: Option<u128>) -> Mark {
    Mark {
        id,
        label,
        text,
        source,
        entity: None,
    }
}

pub fn ann_id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

pub fn entity_id(n: u128) -> EntityId {
    EntityId(Uuid::from_u128(0xE000 + n))
}

pub fn doc_id(n: u128) -> DocumentId {
    DocumentId(Uuid::from_u128(0xD000 + n))
}

/// A document numbered `n`, updated at `updated`, with `marks` over `text` and `entities`.
pub fn doc(
    n: u128,
    title: &str,
    date: Option<&str>,
    updated: i64,
    text: &str,
    marks: &[Mark],
    entities: &[(u128, &str)],
) -> Document {
    let mut d = Document::new(
        title.to_owned(),
        date.and_then(ArticleDate::parse),
        Rc::from(text),
        Timestamp(0),
    );
    d.id = doc_id(n);
    d.updated_at = Timestamp(updated);
    for m in marks {
        let byte = text
            .find(m.text)
            .unwrap_or_else(|| panic!("{:?} in text", m.text));
        let start = text[..byte].chars().count();
        let span = Span::new(start, start + m.text.chars().count()).expect("a span");
        let mut a = Annotation::new(ann_id(m.id), m.label, span, Timestamp(0));
        a.source = m.source.map(ann_id);
        a.entity = m.entity.map(entity_id);
        d.annotations.push(a);
    }
    d.annotations.sort_by(gloss_core::model::text_order);
    d.entities = entities
        .iter()
        .map(|&(id, name)| Entity {
            id: entity_id(id),
            name: name.to_owned(),
        })
        .collect();
    d
}

pub fn library(docs: Vec<Document>) -> BTreeMap<DocumentId, Rc<Document>> {
    docs.into_iter().map(|d| (d.id, Rc::new(d))).collect()
}

pub const KREMLIN: &str =
    "Kremlin spokesman Dmitry Peskov said: “We are ready.” Peskov added: “Not yet.” \
The White House said talks went well. Putin said nothing. Mr Peskov claimed the talks had stalled.";

/// The Kremlin article: Peskov (2 quotes, 1 claim, 3 mentions), the White House (1 claim),
/// Putin (mentioned, nothing attributed), and a quote without a source.
pub fn kremlin(n: u128, updated: i64, peskov_name: &str) -> Document {
    doc(
        n,
        "Kremlin talks",
        Some("2025-03-14"),
        updated,
        KREMLIN,
        &[
            actor(1, "Kremlin spokesman Dmitry Peskov", Some(1)),
            actor(2, "Peskov added", Some(1)),
            actor(3, "Mr Peskov", Some(1)),
            actor(4, "The White House", Some(2)),
            actor(5, "Putin", Some(3)),
            said(10, Label::Quote, "“We are ready.”", Some(1)),
            said(11, Label::Quote, "“Not yet.”", Some(2)),
            said(12, Label::Claim, "talks went well", Some(4)),
            said(13, Label::Claim, "the talks had stalled", Some(3)),
            said(14, Label::Quote, "nothing", None),
        ],
        &[(1, peskov_name), (2, "White House"), (3, "Putin")],
    )
}

pub const SUMMIT: &str =
    "Dmitry Peskov told reporters “the summit is off”. Ana Lima said it was not.";

/// A second article: Peskov again (same entity id), Ana Lima with a claim.
pub fn summit(n: u128, updated: i64, date: Option<&str>, peskov_name: &str) -> Document {
    doc(
        n,
        "Summit off",
        date,
        updated,
        SUMMIT,
        &[
            actor(21, "Dmitry Peskov", Some(1)),
            actor(22, "Ana Lima", Some(4)),
            said(30, Label::Quote, "“the summit is off”", Some(21)),
            said(31, Label::Claim, "it was not", Some(22)),
        ],
        &[(1, peskov_name), (4, "Ana Lima")],
    )
}

/// A row as the tables below check it: name, quotes, claims, mentions.
pub type Summary = (String, usize, usize, usize);

/// Each row's summary, in order.
pub fn summary(rows: &[Row]) -> Vec<Summary> {
    rows.iter()
        .map(|r| (r.name.clone(), r.quotes, r.claims, r.mentions))
        .collect()
}

pub fn s(name: &str, quotes: usize, claims: usize, mentions: usize) -> Summary {
    (name.to_owned(), quotes, claims, mentions)
}

pub const OLD: &str =
    "Mr Peskov said “no”. Peskov's aide said “maybe”. The Kremlin claimed victory.";

/// An article marked before entities existed: no actor has an entity.
pub fn old_article(n: u128) -> Document {
    doc(
        n,
        "Old",
        Some("2024-01-02"),
        5,
        OLD,
        &[
            actor(41, "Mr Peskov", None),
            actor(42, "Peskov's", None),
            actor(43, "The Kremlin", None),
            said(50, Label::Quote, "“no”", Some(41)),
            said(51, Label::Quote, "“maybe”", Some(42)),
            said(52, Label::Claim, "victory", Some(43)),
        ],
        &[],
    )
}
