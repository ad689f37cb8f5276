//! A claim's verdict and sources through an import into the library: a newer version of the
//! claim brings its check (the later change is kept), an older or undated one only fills in
//! what the library lacks, and a conflict keeps the library's and is reported.

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{export, import};
use gloss_core::model::{
    Annotation, AnnotationId, Document, DocumentId, Evidence, Label, Span, Timestamp, Verdict,
};
use uuid::Uuid;

const TEXT: &str = "The port said 212 vessels passed in the first week.";

fn library(docs: &[&Document]) -> BTreeMap<DocumentId, Rc<Document>> {
    docs.iter().map(|d| (d.id, Rc::new((*d).clone()))).collect()
}

fn link(url: &str, title: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        note: String::new(),
    }
}

/// The article with one annotation (id `n`, `label`) on the claim's words, checked as given and
/// last changed at `at`.
fn article(
    n: u128,
    label: Label,
    verdict: Option<Verdict>,
    evidence: &[Evidence],
    at: i64,
) -> Document {
    let mut d = Document::new("Port".into(), None, TEXT.into(), Timestamp(1));
    d.id = DocumentId(Uuid::from_u128(1));
    let mut a = Annotation::new(
        AnnotationId(Uuid::from_u128(n)),
        label,
        Span { start: 14, end: 50 },
        Timestamp(at),
    );
    if label == Label::Claim {
        a.verdict = verdict;
        a.evidence = evidence.to_vec();
    }
    d.annotations = vec![a];
    d
}

/// Imports `file`'s article as Gloss JSON over `ours`: the merged claim and the problems.
fn merged(ours: &Document, file: &Document) -> (Annotation, Vec<String>) {
    let json = export(&[file], Timestamp(9)).expect("exports");
    let imported = import(&json, &library(&[ours]), Timestamp(10)).expect("imports");
    let doc = imported
        .documents
        .first()
        .map_or_else(|| ours.clone(), Clone::clone);
    let problems = imported.problems.iter().map(ToString::to_string).collect();
    (doc.annotations[0].clone(), problems)
}

#[test]
fn checks_follow_the_rule_of_notes_and_links() {
    use Verdict::*;
    let (a, b, b2, c) = (
        link("https://a.example/", "A"),
        link("https://b.example/", "B"),
        link("https://b.example/", "B, renamed"),
        link("https://c.example/", ""),
    );
    type Side = (Option<Verdict>, Vec<Evidence>, i64);
    type Kept = (Option<Verdict>, Vec<Evidence>);
    // (case, ours, the file's, kept, problem or "")
    let cases: Vec<(&str, Side, Side, Kept, &str)> = vec![
        (
            "a newer file's verdict and sources replace ours",
            (Some(True), vec![a.clone()], 5),
            (Some(False), vec![c.clone()], 6),
            (Some(False), vec![c.clone()]),
            "",
        ),
        (
            "a newer file without a verdict: the later change (cleared) is kept",
            (Some(True), vec![a.clone()], 5),
            (None, vec![], 6),
            (None, vec![]),
            "",
        ),
        (
            "an older file fills in a verdict we lack",
            (None, vec![], 6),
            (Some(Misleading), vec![], 5),
            (Some(Misleading), vec![]),
            "",
        ),
        (
            "an older file never takes ours away",
            (Some(HalfTrue), vec![a.clone()], 6),
            (None, vec![], 5),
            (Some(HalfTrue), vec![a.clone()]),
            "",
        ),
        (
            "an older file's other verdict is a conflict",
            (Some(True), vec![], 6),
            (Some(False), vec![], 5),
            (Some(True), vec![]),
            "the file rates it “False”, the library “True”; the library's verdict is kept",
        ),
        (
            "the same time is not newer",
            (Some(Unverifiable), vec![], 6),
            (Some(MostlyTrue), vec![], 6),
            (Some(Unverifiable), vec![]),
            "the file rates it “Mostly true”, the library “Unverifiable”",
        ),
        (
            "an older file's new sources are added after ours",
            (None, vec![a.clone(), b.clone()], 6),
            (None, vec![c.clone(), a.clone()], 5),
            (None, vec![a.clone(), b.clone(), c.clone()]),
            "",
        ),
        (
            "an older file's other title for a source we cite",
            (None, vec![b.clone()], 6),
            (None, vec![b2.clone()], 5),
            (None, vec![b.clone()]),
            "the file gives its source “https://b.example/” another title or note; the library's is kept",
        ),
        (
            "the same check changes nothing",
            (Some(False), vec![a.clone()], 6),
            (Some(False), vec![a.clone()], 5),
            (Some(False), vec![a.clone()]),
            "",
        ),
    ];
    for (name, (ov, oe, oat), (fv, fe, fat), (kv, ke), problem) in cases {
        let ours = article(7, Label::Claim, ov, &oe, oat);
        let file = article(7, Label::Claim, fv, &fe, fat);
        let (got, problems) = merged(&ours, &file);
        assert_eq!(got.verdict, kv, "case {name}");
        assert_eq!(got.evidence, ke, "case {name}");
        if problem.is_empty() {
            assert!(problems.is_empty(), "case {name}: {problems:?}");
        } else {
            assert_eq!(problems.len(), 1, "case {name}: {problems:?}");
            assert!(
                problems[0].contains(problem),
                "case {name}: {}",
                problems[0]
            );
            assert!(
                problems[0].contains("Claim “212 vessels passed in the first"),
                "case {name}: {}",
                problems[0]
            );
        }
    }
}

#[test]
fn the_same_claim_under_another_id_gets_the_files_check() {
    let ours = article(7, Label::Claim, None, &[], 6);
    let file = article(
        8,
        Label::Claim,
        Some(Verdict::False),
        &[link("https://a.example/", "")],
        5,
    );
    let (got, problems) = merged(&ours, &file);
    assert!(
        problems.iter().any(|p| p.contains("kept once")),
        "{problems:?}"
    );
    assert_eq!(got.id, AnnotationId(Uuid::from_u128(7)));
    assert_eq!(got.verdict, Some(Verdict::False));
    assert_eq!(got.evidence.len(), 1);
}

#[test]
fn a_check_for_what_the_library_has_as_a_quote_is_dropped_and_reported() {
    let ours = article(7, Label::Quote, None, &[], 6);
    let file = article(7, Label::Claim, Some(Verdict::True), &[], 5);
    let (got, problems) = merged(&ours, &file);
    assert_eq!(got.label, Label::Quote);
    assert!(!got.is_checked());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("the library has it as a quote; only a claim has a verdict and sources, so the file's were dropped"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_new_article_keeps_its_checks_and_the_same_claim_twice_shares_them() {
    let mut file = article(7, Label::Claim, Some(Verdict::HalfTrue), &[], 5);
    let mut twin = file.annotations[0].clone();
    twin.id = AnnotationId(Uuid::from_u128(8));
    twin.verdict = None;
    twin.evidence = vec![link("https://a.example/", "A")];
    file.annotations.push(twin);
    let json = export(&[&file], Timestamp(9)).expect("exports");
    let imported = import(&json, &BTreeMap::new(), Timestamp(10)).expect("imports");
    let d = &imported.documents[0];
    assert_eq!(d.annotations.len(), 1);
    assert_eq!(d.annotations[0].verdict, Some(Verdict::HalfTrue));
    assert_eq!(d.annotations[0].evidence, [link("https://a.example/", "A")]);
}
