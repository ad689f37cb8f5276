//! What the W3C Web Annotation tests share: an article with every kind of text Gloss must
//! count right (a flag, a combining accent, a ZWJ family, a line break inside a span), and a
//! fresh profile that has opened an article's text.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use gloss_core::formats::w3c::{export, import};
use gloss_core::formats::{merge_into, Imported, Parsed};
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Label, Span, Timestamp,
};
use serde_json::Value;
use uuid::Uuid;

pub const AT: Timestamp = Timestamp(1_800_000_000_000);

pub const TEXT: &str = "Ukraine 🇺🇦: Minister Olena Kovalenko said\n“prices rose 5% in March” on Tuesday.\n\nCafe\u{301} owners disagreed. 👨\u{200D}👩\u{200D}👧 families too.";

pub type Library = BTreeMap<DocumentId, Rc<Document>>;

pub fn span_of(text: &str, needle: &str) -> Span {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

pub fn annotation(n: u128, label: Label, span: Span, note: &str) -> Annotation {
    let mut a = Annotation::new(
        AnnotationId(Uuid::from_u128(n)),
        label,
        span,
        Timestamp(1_700_000_000_000 + n as i64),
    );
    a.updated_at = Timestamp(1_750_000_000_000 + n as i64);
    a.note = note.to_owned();
    a
}

pub fn document(n: u128, title: &str, text: &str, annotations: Vec<Annotation>) -> Document {
    let mut d = Document::new(
        title.into(),
        ArticleDate::parse("2025-03-14"),
        Rc::from(text),
        Timestamp(1_600_000_000_000),
    );
    d.id = DocumentId(Uuid::from_u128(n));
    d.annotations = annotations;
    d.annotations.sort_by(gloss_core::model::text_order);
    d
}

pub fn rich() -> Document {
    document(
        1,
        "Prices “rise”",
        TEXT,
        vec![
            annotation(
                10,
                Label::Actor,
                span_of(TEXT, "Minister Olena Kovalenko"),
                "check the title 😀\nsecond line",
            ),
            annotation(
                11,
                Label::Quote,
                span_of(TEXT, "said\n“prices rose 5% in March”"),
                "",
            ),
            annotation(
                12,
                Label::Claim,
                span_of(TEXT, "Cafe\u{301} owners"),
                "a note",
            ),
            annotation(
                13,
                Label::Claim,
                span_of(TEXT, "👨\u{200D}👩\u{200D}👧 families"),
                "",
            ),
            annotation(14, Label::Quote, span_of(TEXT, "Ukraine 🇺🇦"), ""),
        ],
    )
}

pub fn exported(docs: &[&Document]) -> Value {
    serde_json::from_str(&export(docs, AT).expect("exports")).expect("the export is JSON")
}

pub fn items(file: &Value) -> &Vec<Value> {
    file["first"]["items"].as_array().expect("items")
}

/// A profile that has the article's text but none of its annotations, under another id.
pub fn fresh(text: &str) -> (Library, DocumentId) {
    let mut d = Document::new("Opened".into(), None, Rc::from(text), Timestamp(1));
    d.id = DocumentId(Uuid::from_u128(999));
    let id = d.id;
    (BTreeMap::from([(id, Rc::new(d))]), id)
}

/// (span, label, note) of each annotation, for comparing.
pub fn marks(annotations: &[Annotation]) -> BTreeSet<(usize, usize, Label, String)> {
    annotations
        .iter()
        .map(|a| (a.span.start, a.span.end, a.label, a.note.clone()))
        .collect()
}

pub fn parse(json: &Value) -> Parsed {
    import(json.to_string().as_bytes(), AT).expect("imports")
}

pub fn merged(parsed: Parsed, text: &str) -> Imported {
    let (library, open) = fresh(text);
    merge_into(parsed, &library, Some(open), AT)
}
