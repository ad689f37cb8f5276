//! Gloss JSON version 3: a claim's verdict and sources written, read back exactly, and every
//! part an import cannot keep dropped with its reason (the annotation itself kept); the
//! version 2 and 3 fixtures of docs/FORMAT.md.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{export, import};
use gloss_core::model::{
    Annotation, AnnotationId, Document, DocumentId, Evidence, Label, Span, Timestamp, Verdict,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use common::{assert_valid, fixture, gloss_schema as schema};

fn none() -> BTreeMap<DocumentId, Rc<Document>> {
    BTreeMap::new()
}

fn source(url: &str, title: &str, note: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        note: note.into(),
    }
}

const TEXT: &str = "Ana Lima said “exports doubled”. Exports rose 5% in March, she said.";

/// An article with an actor (1), a quote (2) and a claim (3) whose check is `verdict` and
/// `evidence`.
fn checked(verdict: Option<Verdict>, evidence: Vec<Evidence>) -> Document {
    let mut d = Document::new("Exports".into(), None, TEXT.into(), Timestamp(1));
    d.id = DocumentId(Uuid::from_u128(1));
    let ann = |n: u128, label, start, end| {
        Annotation::new(
            AnnotationId(Uuid::from_u128(n)),
            label,
            Span { start, end },
            Timestamp(2),
        )
    };
    let mut claim = ann(3, Label::Claim, 33, 57);
    claim.verdict = verdict;
    claim.evidence = evidence;
    d.annotations = vec![
        ann(1, Label::Actor, 0, 8),
        ann(2, Label::Quote, 15, 30),
        claim,
    ];
    d
}

#[test]
fn a_check_is_written_on_the_claim_and_read_back() {
    let d = checked(
        Some(Verdict::MostlyFalse),
        vec![
            source(
                "https://stats.example/exports?m=3#t",
                "Exports, March",
                "+3.1%",
            ),
            source("http://archive.example/a", "", ""),
        ],
    );
    let json = export(&[&d], Timestamp(3)).expect("exports");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    assert_valid(&value);
    assert_eq!(value["version"], 5);
    let anns = &value["documents"][0]["annotations"];
    assert_eq!(anns[2]["verdict"], "mostly-false");
    assert_eq!(
        anns[2]["sources"],
        json!([
            {"url": "https://stats.example/exports?m=3#t", "title": "Exports, March", "note": "+3.1%"},
            {"url": "http://archive.example/a", "title": "", "note": ""},
        ])
    );
    for a in [&anns[0], &anns[1]] {
        assert!(
            a.get("verdict").is_none() && a.get("sources").is_none(),
            "{a}"
        );
    }
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(imported.documents[0].annotations, d.annotations);
    // Not checked yet and no sources: neither field is written.
    let json = export(&[&checked(None, Vec::new())], Timestamp(3)).expect("exports");
    assert!(!json.contains("\"verdict\"") && !json.contains("\"sources\""));
}

#[test]
fn the_version_3_fixture_imports_with_its_checks_and_round_trips() {
    let json = fixture("gloss-v3.json");
    assert_valid(&serde_json::from_str(&json).expect("JSON"));
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let d = &imported.documents[0];
    let by_text = |t: &str| {
        d.annotations
            .iter()
            .find(|a| d.quote(a.span) == t)
            .expect(t)
    };
    let cost = by_text("the repairs cost €36 million");
    assert_eq!(cost.verdict, Some(Verdict::MostlyTrue));
    assert_eq!(
        cost.evidence,
        [
            source(
                "https://example.invalid/port-authority/annual-report-2026.pdf",
                "Port authority annual report 2026",
                "p. 14: repairs €35.8 million"
            ),
            source("https://example.invalid/council/minutes-2026-09", "", ""),
        ]
    );
    let vessels = by_text("212 vessels passed in the first week");
    assert_eq!(vessels.verdict, Some(Verdict::Unverifiable));
    assert!(vessels.evidence.is_empty());
    assert!(vessels.extra.contains_key("reviewer"));
    // Written again, the file is the same but for the time of the export and the version (5).
    let again = export(&[d], Timestamp(4)).expect("exports");
    let mut want: Value = serde_json::from_str(&json).expect("JSON");
    let mut got: Value = serde_json::from_str(&again).expect("JSON");
    want["exported_at"] = Value::Null;
    want["version"] = 5.into();
    got["exported_at"] = Value::Null;
    assert_eq!(got, want);
}

#[test]
fn a_version_2_file_imports_with_no_checks() {
    for name in ["gloss-v1.json", "gloss-v2.json"] {
        let imported = import(&fixture(name), &none(), Timestamp(4)).expect(name);
        assert!(
            imported.problems.is_empty(),
            "{name}: {:?}",
            imported.problems
        );
        let d = &imported.documents[0];
        assert!(
            d.annotations
                .iter()
                .all(|a| a.verdict.is_none() && a.evidence.is_empty()),
            "{name}"
        );
        // Exported again, it is version 5 and still valid.
        let value: Value =
            serde_json::from_str(&export(&[d], Timestamp(5)).expect("exports")).expect("JSON");
        assert_valid(&value);
        assert_eq!(value["version"], 5);
    }
}

/// The test article as a file, the claim's (or another annotation's) fields changed by `edit`.
fn file_with(n: usize, fields: Value) -> String {
    let json = export(&[&checked(None, Vec::new())], Timestamp(3)).expect("exports");
    let mut value: Value = serde_json::from_str(&json).expect("JSON");
    let a = value["documents"][0]["annotations"][n]
        .as_object_mut()
        .expect("an annotation");
    for (k, v) in fields.as_object().expect("fields") {
        a.insert(k.clone(), v.clone());
    }
    value.to_string()
}

#[test]
fn what_cannot_be_kept_is_dropped_with_its_reason() {
    const CLAIM: usize = 2;
    const A: &str = "https://a.example/x";
    // (case, annotation, fields, verdict kept, sources kept, reason reported or "")
    type Case = (
        &'static str,
        usize,
        Value,
        Option<Verdict>,
        Vec<Evidence>,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "a slug",
            CLAIM,
            json!({"verdict": "half-true"}),
            Some(Verdict::HalfTrue),
            vec![],
            "",
        ),
        (
            "a verdict's words, any case",
            CLAIM,
            json!({"verdict": "  MOSTLY true "}),
            Some(Verdict::MostlyTrue),
            vec![],
            "",
        ),
        ("a null verdict", CLAIM, json!({"verdict": null}), None, vec![], ""),
        ("an empty list", CLAIM, json!({"sources": []}), None, vec![], ""),
        (
            "an unknown word",
            CLAIM,
            json!({"verdict": "pants on fire", "sources": [{"url": A}]}),
            None,
            vec![source(A, "", "")],
            "its verdict “pants on fire” is not one Gloss knows (true, mostly-true, half-true, misleading, mostly-false, false, unverifiable); it was imported without a verdict",
        ),
        (
            "not checked yet is no verdict word",
            CLAIM,
            json!({"verdict": "Not checked yet"}),
            None,
            vec![],
            "is not one Gloss knows",
        ),
        (
            "a number",
            CLAIM,
            json!({"verdict": 6}),
            None,
            vec![],
            "its verdict is not text; it was imported without a verdict",
        ),
        (
            "sources not a list",
            CLAIM,
            json!({"verdict": "false", "sources": {"url": A}}),
            Some(Verdict::False),
            vec![],
            "its “sources” is not a list; it was imported without sources",
        ),
        (
            "a source that is not an object",
            CLAIM,
            json!({"sources": [A, {"url": A, "title": "T", "note": "N"}]}),
            None,
            vec![source(A, "T", "N")],
            "its source link 1 is not an object with a “url”; it was left out",
        ),
        (
            "a javascript: URL",
            CLAIM,
            json!({"sources": [{"url": "javascript:alert(1)", "title": "x"}, {"url": A}]}),
            None,
            vec![source(A, "", "")],
            "its source link 1 was left out: Only web addresses starting with http:// or https:// can be a source; “javascript:alert(1)” is not one.",
        ),
        (
            "a data: URL",
            CLAIM,
            json!({"sources": [{"url": "data:text/html,<b>x</b>"}]}),
            None,
            vec![],
            "its source link 1 was left out: Only web addresses",
        ),
        (
            "a relative URL",
            CLAIM,
            json!({"sources": [{"url": A}, {"url": "/reports/3"}]}),
            None,
            vec![source(A, "", "")],
            "its source link 2 was left out: Only web addresses starting with http:// or https:// can be a source; “/reports/3” is not one.",
        ),
        (
            "no host",
            CLAIM,
            json!({"sources": [{"url": "https://"}]}),
            None,
            vec![],
            "its source link 1 was left out: “https://” has no site name after the //.",
        ),
        (
            "a space in the URL",
            CLAIM,
            json!({"sources": [{"url": "https://a.example/x y"}]}),
            None,
            vec![],
            "its source link 1 was left out: A web address cannot contain spaces or control characters.",
        ),
        (
            "no url",
            CLAIM,
            json!({"sources": [{"title": "T"}]}),
            None,
            vec![],
            "its source link 1 has no “url”; it was left out",
        ),
        (
            "a url that is not text",
            CLAIM,
            json!({"sources": [{"url": 7}]}),
            None,
            vec![],
            "the URL of its source link 1 is not text; the link was left out",
        ),
        (
            "a title that is not text",
            CLAIM,
            json!({"sources": [{"url": A, "title": ["T"], "note": "N"}]}),
            None,
            vec![source(A, "", "N")],
            "the title of its source link 1 is not text; the link was kept without it",
        ),
        (
            "the same address twice",
            CLAIM,
            json!({"sources": [{"url": A, "title": "one"}, {"url": A, "title": "two"}]}),
            None,
            vec![source(A, "one", "")],
            "its source link 2 repeats the address “https://a.example/x”; the second was left out",
        ),
        (
            "a verdict on a quote",
            1,
            json!({"verdict": "true"}),
            None,
            vec![],
            "only a claim has a verdict and sources, so its verdict was dropped (the quote itself was imported)",
        ),
        (
            "sources on an actor",
            0,
            json!({"sources": [{"url": A}]}),
            None,
            vec![],
            "only a claim has a verdict and sources, so its sources were dropped (the actor itself was imported)",
        ),
        (
            "both on an actor",
            0,
            json!({"verdict": "bogus", "sources": 3}),
            None,
            vec![],
            "so its verdict and sources were dropped",
        ),
    ];
    for (name, n, fields, verdict, evidence, reason) in cases {
        let imported = import(&file_with(n, fields), &none(), Timestamp(4)).expect(name);
        let d = &imported.documents[0];
        assert_eq!(d.annotations.len(), 3, "case {name}: nothing else is lost");
        let a = &d.annotations[n];
        assert_eq!(a.verdict, verdict, "case {name}");
        assert_eq!(a.evidence, evidence, "case {name}");
        let others = d.annotations.iter().filter(|x| x.id != a.id);
        assert!(others.into_iter().all(|x| !x.is_checked()), "case {name}");
        if reason.is_empty() {
            assert!(
                imported.problems.is_empty(),
                "case {name}: {:?}",
                imported.problems
            );
        } else {
            assert_eq!(
                imported.problems.len(),
                1,
                "case {name}: {:?}",
                imported.problems
            );
            let problem = imported.problems[0].to_string();
            assert!(problem.contains(reason), "case {name}: {problem}");
            let which = format!("annotation {} (", n + 1);
            assert!(problem.contains(&which), "case {name}: {problem}");
        }
    }
}

#[test]
fn a_verdict_word_no_schema_allows_is_read_but_the_export_writes_slugs() {
    // The schema lists slugs; a file written by hand with words still imports, and the next
    // export is valid.
    let json = file_with(2, json!({"verdict": "Half true"}));
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    let value: Value =
        serde_json::from_str(&export(&[&imported.documents[0]], Timestamp(5)).expect("exports"))
            .expect("JSON");
    assert_valid(&value);
    assert_eq!(
        value["documents"][0]["annotations"][2]["verdict"],
        "half-true"
    );
}

#[test]
fn the_schema_refuses_what_the_import_drops() {
    let cases = [
        ("unknown verdict", 2, json!({"verdict": "pants on fire"})),
        (
            "javascript: source",
            2,
            json!({"sources": [{"url": "javascript:alert(1)", "title": "", "note": ""}]}),
        ),
        (
            "relative source",
            2,
            json!({"sources": [{"url": "/a", "title": "", "note": ""}]}),
        ),
        (
            "no host",
            2,
            json!({"sources": [{"url": "https://", "title": "", "note": ""}]}),
        ),
        (
            "source not an object",
            2,
            json!({"sources": ["https://a.example"]}),
        ),
        ("verdict on a quote", 1, json!({"verdict": "true"})),
        ("sources on an actor", 0, json!({"sources": []})),
    ];
    for (name, n, fields) in cases {
        let value: Value = serde_json::from_str(&file_with(n, fields)).expect("JSON");
        assert!(!schema().is_valid(&value), "case {name}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Random verdicts and sources on random claims survive a Gloss JSON round trip, and every
    /// export is valid against the schema.
    #[test]
    fn random_checks_survive_a_round_trip(
        labels in prop::collection::vec(0usize..3, 1..8),
        checks in prop::collection::vec(common::random_check(), 8),
    ) {
        let mut d = Document::new("Checks".into(), None, TEXT.into(), Timestamp(1));
        for (i, label) in labels.into_iter().enumerate() {
            let span = Span { start: i * 8, end: i * 8 + 4 };
            d.annotations.push(Annotation::new(
                AnnotationId(Uuid::from_u128(10 + i as u128)),
                Label::ALL[label],
                span,
                Timestamp(2),
            ));
        }
        common::add_random_checks(&mut d, &checks);
        let json = export(&[&d], Timestamp(3)).expect("exports");
        let value: Value = serde_json::from_str(&json).expect("JSON");
        let errors: Vec<String> = schema().iter_errors(&value).map(|e| e.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let imported = import(&json, &none(), Timestamp(4)).expect("imports");
        prop_assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        prop_assert_eq!(&imported.documents[0].annotations, &d.annotations);
    }
}
