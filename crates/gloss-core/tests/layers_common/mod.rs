//! What the layer tests of every format share (`tests/layers_*.rs`): an article, the cases of
//! annotators' and curated layers each format must carry, and what a round trip must keep:
//! each annotation's label, words, `created_by` and `curated`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::{self, merge_into, Imported};
use gloss_core::model::layers::Layer;
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Label, Span, Timestamp,
};
use uuid::Uuid;

pub const AT: Timestamp = Timestamp(1_800_000_000_000);

pub const TEXT: &str =
    "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”\nCritics disagree.";

pub fn span(needle: &str) -> Span {
    let byte = TEXT.find(needle).expect("in the text");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

/// One mark: (label, words, created_by, curated).
pub type Mark = (Label, &'static str, Option<&'static str>, bool);

/// The article with `marks`, each annotation with an id of its own.
pub fn article(marks: &[Mark]) -> Document {
    let mut doc = Document::new(
        "Bridge".into(),
        ArticleDate::parse("2026-10-08"),
        TEXT.into(),
        Timestamp(1_700_000_000_000),
    );
    doc.id = DocumentId(Uuid::from_u128(0xB));
    doc.annotations = marks
        .iter()
        .enumerate()
        .map(|(n, (label, words, by, curated))| {
            let mut a = Annotation::new(
                AnnotationId(Uuid::from_u128(0x100 + n as u128)),
                *label,
                span(words),
                Timestamp(1_700_000_000_000 + n as i64),
            );
            a.created_by = by.map(str::to_owned);
            a.curated = *curated;
            a
        })
        .collect();
    doc.annotations.sort_by(gloss_core::model::text_order);
    doc
}

const IRENE: &str = "Irene Valdés";
const QUOTE: &str = "“The bridge carries 40,000 vehicles a day.”";
const CLAIM: &str = "The bridge carries 40,000 vehicles a day.";

/// The layers every format must carry, by name.
pub fn cases() -> Vec<(&'static str, Vec<Mark>)> {
    vec![
        (
            "one person, nobody named (made before a name was given)",
            vec![
                (Label::Actor, IRENE, None, false),
                (Label::Quote, QUOTE, None, false),
            ],
        ),
        (
            "one annotator",
            vec![
                (Label::Actor, IRENE, Some("Ana"), false),
                (Label::Quote, QUOTE, Some("Ana"), false),
            ],
        ),
        (
            "two annotators marking the same words the same way",
            vec![
                (Label::Actor, IRENE, Some("Ana"), false),
                (Label::Actor, IRENE, Some("Ben"), false),
                (Label::Quote, QUOTE, Some("Ana"), false),
                (Label::Claim, CLAIM, Some("Ben"), false),
            ],
        ),
        (
            "two annotators and the curated layer, all on the same words",
            vec![
                (Label::Actor, IRENE, Some("Ana"), false),
                (Label::Actor, IRENE, Some("Ben"), false),
                (Label::Actor, IRENE, Some("Cleo"), true),
                (Label::Quote, QUOTE, Some("Cleo"), true),
            ],
        ),
        (
            "names with spaces, signs and letters beyond ASCII",
            vec![
                (Label::Actor, IRENE, Some("Ana Ruiz"), false),
                (Label::Actor, IRENE, Some("ana_r"), false),
                (Label::Actor, IRENE, Some("Zoë Ñúñez, 50% | B"), false),
                (Label::Quote, QUOTE, Some("Ana Ruiz"), true),
            ],
        ),
        (
            "curated, nobody named, beside one's own",
            vec![
                (Label::Claim, CLAIM, None, true),
                (Label::Claim, CLAIM, None, false),
            ],
        ),
    ]
}

/// What a round trip keeps of each annotation: (label, words, created_by, curated), sorted.
pub type Layered = (Label, String, Option<String>, bool);

pub fn layered(doc: &Document) -> Vec<Layered> {
    let mut out: Vec<Layered> = doc
        .annotations
        .iter()
        .map(|a| {
            (
                a.label,
                doc.quote(a.span).to_owned(),
                a.created_by.clone(),
                a.curated,
            )
        })
        .collect();
    out.sort();
    out
}

pub fn library(docs: &[&Document]) -> BTreeMap<DocumentId, Rc<Document>> {
    docs.iter().map(|d| (d.id, Rc::new((*d).clone()))).collect()
}

/// `bytes` imported as a person would, into `library` (the article open, for formats that do
/// not carry the text), with no problem reported.
pub fn import(bytes: &[u8], library: &BTreeMap<DocumentId, Rc<Document>>, case: &str) -> Imported {
    let parsed = formats::import(bytes, AT).unwrap_or_else(|e| panic!("{case}: {e}"));
    let open = library.keys().next().copied();
    let imported = merge_into(parsed, library, open, AT);
    let problems: Vec<String> = imported
        .problems
        .iter()
        .chain(&imported.orphans)
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems, Vec::<String>::new(), "{case}");
    imported
}

/// The one article an import gave.
pub fn the_article(imported: &Imported, case: &str) -> Document {
    assert_eq!(imported.documents.len(), 1, "{case}: one article");
    imported.documents[0].clone()
}

/// Every annotation of `doc` is in the importing person's own layer (the file says no layer).
pub fn all_mine(doc: &Document, what: &str) {
    assert!(!doc.annotations.is_empty(), "{what}: some annotations");
    for a in &doc.annotations {
        assert_eq!(
            (a.created_by.as_deref(), a.curated),
            (None, false),
            "{what}: {a:?}"
        );
        assert_eq!(Layer::of(a, Some("Zoe")), Layer::Mine, "{what}");
    }
}
