//! Merging other tools' files: articles found by their text (CRLF, a byte-order mark or white
//! space at the ends do not make them different), their annotations added once however often
//! the file is imported, and annotations without their text placed by their selectors.

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::foreign::{ForeignDocument, Mark};
use gloss_core::formats::parsed::{Loose, LooseGroup, Parsed};
use gloss_core::formats::{merge_into, Imported};
use gloss_core::model::{Annotation, AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use sha2::{Digest, Sha256};

const AT: Timestamp = Timestamp(1_700_000_000_000);
const TEXT: &str = "Mayor Irene Valdés said the bridge 🌉 reopened.\nIrene Valdés cut the ribbon.";

fn library(docs: &[Document]) -> BTreeMap<DocumentId, Rc<Document>> {
    docs.iter().map(|d| (d.id, Rc::new(d.clone()))).collect()
}

fn article(text: &str) -> Document {
    Document::new("Bridge".into(), None, Rc::from(text), Timestamp(1))
}

/// Code points of the `n`-th occurrence of `needle` in `text`.
fn span_of(text: &str, needle: &str, n: usize) -> Span {
    let byte = text
        .match_indices(needle)
        .nth(n)
        .map(|(b, _)| b)
        .expect("needle in text");
    let start = text[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

/// A parsed file of one article of `raw` text with `marks` (label, start, end, quote).
fn foreign(raw: &str, marks: &[(Label, u64, u64, &str)]) -> Parsed {
    let mut doc = ForeignDocument::new("Article 1".into(), raw, AT).expect("an article");
    for (i, (label, start, end, quote)) in marks.iter().enumerate() {
        doc.add(
            *label,
            Mark {
                name: format!("{}", i + 1),
                start: *start,
                end: *end,
                quote: Some(quote),
                ..Mark::default()
            },
        );
    }
    let mut parsed = Parsed::default();
    doc.finish(&mut parsed);
    parsed
}

fn spans(doc: &Document) -> Vec<(Label, String)> {
    doc.annotations
        .iter()
        .map(|a| (a.label, doc.quote(a.span).to_owned()))
        .collect()
}

fn cp(text: &str, needle: &str, n: usize) -> (u64, u64) {
    let s = span_of(text, needle, n);
    (s.start as u64, s.end as u64)
}

#[test]
fn an_article_with_the_same_text_gets_the_annotations() {
    let existing = article(TEXT);
    let (s, e) = cp(TEXT, "Irene Valdés", 1);
    let out = merge_into(
        foreign(TEXT, &[(Label::Actor, s, e, "Irene Valdés")]),
        &library(std::slice::from_ref(&existing)),
        None,
        AT,
    );
    assert_eq!(out.documents.len(), 1);
    assert_eq!(
        out.documents[0].id, existing.id,
        "merged, not a second article"
    );
    assert_eq!(
        spans(&out.documents[0]),
        [(Label::Actor, "Irene Valdés".into())]
    );
    assert_eq!(
        out.documents[0].annotations[0].span,
        span_of(TEXT, "Irene Valdés", 1)
    );
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn crlf_and_a_byte_order_mark_do_not_make_another_article() {
    let existing = article(TEXT);
    let raw = format!("\u{FEFF}{}", TEXT.replace('\n', "\r\n"));
    // The tool counted over its own text: the BOM and the CR are code points there.
    let (s, e) = cp(&raw, "Irene Valdés", 1);
    let out = merge_into(
        foreign(&raw, &[(Label::Actor, s, e, "Irene Valdés")]),
        &library(std::slice::from_ref(&existing)),
        None,
        AT,
    );
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].id, existing.id);
    assert_eq!(
        out.documents[0].annotations[0].span,
        span_of(TEXT, "Irene Valdés", 1)
    );
}

#[test]
fn white_space_at_the_ends_moves_the_offsets() {
    let existing = article(TEXT);
    let raw = format!("\n\n  {TEXT}\n");
    let (s, e) = cp(&raw, "bridge", 0);
    let out = merge_into(
        foreign(&raw, &[(Label::Claim, s, e, "bridge")]),
        &library(std::slice::from_ref(&existing)),
        None,
        AT,
    );
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].id, existing.id);
    assert_eq!(
        out.documents[0].annotations[0].span,
        span_of(TEXT, "bridge", 0)
    );
}

#[test]
fn the_same_file_twice_adds_nothing_the_second_time() {
    let (s, e) = cp(TEXT, "bridge", 0);
    let file = || foreign(TEXT, &[(Label::Claim, s, e, "bridge")]);
    let first = merge_into(file(), &BTreeMap::new(), None, AT);
    assert_eq!((first.documents.len(), first.annotations_added), (1, 1));
    let again = merge_into(file(), &library(&first.documents), None, AT);
    assert!(again.documents.is_empty(), "{:?}", again.documents);
    assert_eq!(again.unchanged, 1);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
}

#[test]
fn what_the_article_already_has_marked_is_simply_there() {
    let mut existing = article(TEXT);
    let span = span_of(TEXT, "bridge", 0);
    existing.annotations.push(Annotation::new(
        AnnotationId::random(),
        Label::Claim,
        span,
        Timestamp(1),
    ));
    let out = merge_into(
        foreign(
            TEXT,
            &[(Label::Claim, span.start as u64, span.end as u64, "bridge")],
        ),
        &library(std::slice::from_ref(&existing)),
        None,
        AT,
    );
    assert!(out.documents.is_empty());
    assert!(out.problems.is_empty(), "not a problem: {:?}", out.problems);
}

#[test]
fn offsets_that_do_not_give_the_quote_are_reported() {
    let out = merge_into(
        foreign(TEXT, &[(Label::Claim, 0, 5, "bridge")]),
        &BTreeMap::new(),
        None,
        AT,
    );
    assert_eq!(out.documents[0].annotations.len(), 0);
    assert_eq!(out.problems.len(), 1);
    assert!(
        out.problems[0].reason.contains("is not what its offsets"),
        "{:?}",
        out.problems
    );
}

fn sha(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn loose(label: Label, quote: &str, position: Option<(u64, u64)>) -> Loose {
    Loose {
        annotation: Annotation::new(AnnotationId::random(), label, Span { start: 0, end: 0 }, AT),
        dated: false,
        identified: true,
        quote: Some(quote.into()),
        prefix: String::new(),
        suffix: String::new(),
        position,
    }
}

fn loose_file(text_sha256: Option<String>, annotations: Vec<Loose>) -> Parsed {
    Parsed {
        loose: vec![LooseGroup {
            text_sha256,
            name: "urn:x".into(),
            annotations,
        }],
        ..Parsed::default()
    }
}

#[test]
fn annotations_without_their_text_go_to_the_article_their_hash_names() {
    let ours = article(TEXT);
    let other = article("Another article entirely, about ferries.");
    let (s, e) = cp(TEXT, "bridge", 0);
    let out = merge_into(
        loose_file(
            Some(sha(TEXT)),
            vec![loose(Label::Claim, "bridge", Some((s, e)))],
        ),
        &library(&[ours.clone(), other.clone()]),
        Some(other.id),
        AT,
    );
    assert_eq!(out.documents.len(), 1);
    assert_eq!(
        out.documents[0].id, ours.id,
        "by hash, not the open article"
    );
    assert_eq!(spans(&out.documents[0]), [(Label::Claim, "bridge".into())]);
}

#[test]
fn without_a_known_hash_they_are_placed_on_the_open_article() {
    let open = article(TEXT);
    // Positions in UTF-16 units, as Hypothesis and Recogito count: the emoji is two units.
    let text16: Vec<u16> = TEXT.encode_utf16().collect();
    let find16 = |needle: &str| {
        let n: Vec<u16> = needle.encode_utf16().collect();
        let at = text16
            .windows(n.len())
            .position(|w| w == n.as_slice())
            .expect("in text");
        (at as u64, (at + n.len()) as u64)
    };
    let annotations = vec![
        loose(Label::Claim, "reopened", Some(find16("reopened"))),
        loose(Label::Actor, "Irene Valdés", None),
        loose(Label::Quote, "not in the text", Some((0, 5))),
    ];
    let out = merge_into(
        loose_file(Some(sha("some other text")), annotations),
        &library(std::slice::from_ref(&open)),
        Some(open.id),
        AT,
    );
    assert_eq!(out.documents.len(), 1);
    assert_eq!(
        spans(&out.documents[0]),
        [(Label::Claim, "reopened".into())]
    );
    assert_eq!(
        out.documents[0].annotations[0].span,
        span_of(TEXT, "reopened", 0),
        "UTF-16 positions were recognised"
    );
    // "Irene Valdés" occurs twice and nothing tells which: not placed, and said.
    assert_eq!(out.orphans.len(), 2, "{:?}", out.orphans);
    assert!(out
        .orphans
        .iter()
        .any(|o| o.reason.contains("several times")));
    assert!(out
        .orphans
        .iter()
        .any(|o| o.reason.contains("not in the article")));
}

#[test]
fn with_no_article_to_place_them_on_nothing_is_lost_silently() {
    let out: Imported = merge_into(
        loose_file(None, vec![loose(Label::Claim, "bridge", Some((0, 6)))]),
        &BTreeMap::new(),
        None,
        AT,
    );
    assert!(out.documents.is_empty());
    assert_eq!(out.problems.len(), 1);
    assert!(
        out.problems[0].reason.contains("open the article"),
        "{:?}",
        out.problems
    );
}
