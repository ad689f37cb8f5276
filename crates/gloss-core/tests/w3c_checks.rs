//! W3C Web Annotation: a claim's verdict (`assessing` body) and sources (`linking` bodies to
//! web pages, their notes `describing` bodies) written, told apart from the actor link, read
//! back exactly, and what cannot be kept left out with its reason.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod w3c_fixtures;

use std::rc::Rc;

use gloss_core::formats::{self, Parsed};
use gloss_core::model::offsets::TextIndex;
use gloss_core::model::snapping::snap_to_graphemes;
use gloss_core::model::{Annotation, Evidence, Label, Span, Verdict};
use proptest::prelude::*;
use serde_json::{json, Value};
use w3c_fixtures::*;

fn source(url: &str, title: &str, note: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        note: note.into(),
    }
}

/// The rich article with its quote said by its actor, and its first claim (“Café owners”) said
/// by the actor too and checked as given.
fn checked(verdict: Option<Verdict>, evidence: Vec<Evidence>) -> gloss_core::model::Document {
    let mut doc = rich();
    let actor = doc
        .annotations
        .iter()
        .find(|a| a.label == Label::Actor)
        .map(|a| a.id);
    let mut first = true;
    for a in &mut doc.annotations {
        if a.label == Label::Quote {
            a.source = actor;
        }
        if a.label == Label::Claim && first {
            first = false;
            a.source = actor;
            a.verdict = verdict;
            a.evidence = evidence.clone();
        }
    }
    doc
}

fn claim_item(file: &Value) -> &Value {
    items(file)
        .iter()
        .find(|i| i["target"]["selector"][0]["exact"] == "Cafe\u{301} owners")
        .expect("the claim")
}

/// Imports `file` onto the article's text in a fresh profile: the annotations and the problems.
fn round(file: &Value) -> (Vec<Annotation>, Vec<String>, Parsed) {
    let parsed = formats::import(file.to_string().as_bytes(), AT).expect("reads");
    let problems = parsed.problems.iter().map(ToString::to_string).collect();
    let out = merged(parsed.clone(), TEXT);
    assert!(out.orphans.is_empty(), "{:?}", out.orphans);
    (out.documents[0].annotations.clone(), problems, parsed)
}

#[test]
fn a_verdict_and_sources_are_bodies_of_the_claim() {
    let doc = checked(
        Some(Verdict::MostlyFalse),
        vec![
            source(
                "https://stats.example/march",
                "Statistics office, March",
                "+3.1%, not 5%",
            ),
            source("http://archive.example/a", "", ""),
        ],
    );
    let file = exported(&[&doc]);
    let body = claim_item(&file)["body"]
        .as_array()
        .expect("bodies")
        .clone();
    let actor_link = body
        .iter()
        .find(|b| b["purpose"] == "linking" && b["source"].is_string())
        .expect("the actor link");
    assert!(actor_link["source"]
        .as_str()
        .is_some_and(|s| s.starts_with("urn:uuid:")));
    let verdict = body
        .iter()
        .find(|b| b["purpose"] == "assessing")
        .expect("the verdict");
    assert_eq!(
        verdict,
        &json!({
            "type": "TextualBody",
            "purpose": "assessing",
            "value": "Mostly false",
            "format": "text/plain",
        })
    );
    let links: Vec<&Value> = body
        .iter()
        .filter(|b| b["purpose"] == "linking" && b["source"].is_object())
        .collect();
    assert_eq!(links.len(), 2);
    assert_eq!(
        links[0]["source"],
        json!({"id": "https://stats.example/march", "label": "Statistics office, March"})
    );
    assert_eq!(
        links[1]["source"],
        json!({"id": "http://archive.example/a"})
    );
    // The note is the body right after its source's, and the bare link has none.
    let at = body
        .iter()
        .position(|b| b == links[0])
        .expect("the first link");
    assert_eq!(
        body[at + 1],
        json!({"type": "TextualBody", "purpose": "describing", "value": "+3.1%, not 5%", "format": "text/plain"})
    );
    assert_eq!(
        body.iter().filter(|b| b["purpose"] == "describing").count(),
        1
    );
    // Quotes, actors and unchecked claims carry none of it.
    for item in items(&file) {
        if item == claim_item(&file) {
            continue;
        }
        let body = item["body"].as_array().expect("bodies");
        assert!(
            body.iter()
                .all(|b| b["purpose"] != "assessing" && b["purpose"] != "describing"),
            "{item}"
        );
    }
    // Read back: the same check, and the actor link is still the actor.
    let (back, problems, _) = round(&file);
    assert!(problems.is_empty(), "{problems:?}");
    let claim = back
        .iter()
        .find(|a| a.verdict.is_some())
        .expect("the checked claim");
    let want = doc
        .annotations
        .iter()
        .find(|a| a.verdict.is_some())
        .expect("checked");
    assert_eq!(
        (claim.verdict, &claim.evidence),
        (want.verdict, &want.evidence)
    );
    assert_eq!(claim.source.is_some(), want.source.is_some());
    let actor = back.iter().find(|a| a.label == Label::Actor).map(|a| a.id);
    assert_eq!(claim.source, actor);
}

#[test]
fn every_verdict_reads_back_by_its_words_in_any_case() {
    for v in Verdict::ALL {
        let file = exported(&[&checked(Some(v), vec![])]);
        let (back, problems, _) = round(&file);
        assert!(problems.is_empty(), "{v}: {problems:?}");
        assert!(back.iter().any(|a| a.verdict == Some(v)), "{v}");
        // Another tool's assessment: the words in capitals, or the slug.
        for words in [v.name().to_uppercase(), v.slug().to_owned()] {
            let mut file = file.clone();
            for item in file["first"]["items"].as_array_mut().expect("items") {
                for b in item["body"].as_array_mut().expect("bodies") {
                    if b["purpose"] == "assessing" {
                        *b = json!({"type": "TextualBody", "purpose": "assessing", "value": words});
                    }
                }
            }
            let (back, _, _) = round(&file);
            assert!(back.iter().any(|a| a.verdict == Some(v)), "{v} as {words}");
        }
    }
}

/// The words of the annotation a case edits: the first claim, or a quote.
fn exact_of(which: Label) -> &'static str {
    if which == Label::Claim {
        "Cafe\u{301} owners"
    } else {
        "Ukraine 🇺🇦"
    }
}

/// The exported checked article with the claim's bodies after `edit`, or a quote's.
fn with_bodies(which: Label, edit: impl Fn(&mut Vec<Value>)) -> Value {
    let mut file = exported(&[&checked(None, vec![])]);
    let exact = exact_of(which);
    for item in file["first"]["items"].as_array_mut().expect("items") {
        if item["target"]["selector"][0]["exact"] == exact {
            edit(item["body"].as_array_mut().expect("bodies"));
        }
    }
    file
}

#[test]
fn what_cannot_be_kept_is_left_out_with_its_reason() {
    let link = |iri: &str| json!({"type": "SpecificResource", "purpose": "linking", "source": iri});
    let assess =
        |words: &str| json!({"type": "TextualBody", "purpose": "assessing", "value": words});
    type Case = (
        &'static str,
        Label,
        Vec<Value>,
        Option<Verdict>,
        Vec<Evidence>,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "a source given as a plain IRI",
            Label::Claim,
            vec![link("https://a.example/x")],
            None,
            vec![source("https://a.example/x", "", "")],
            "",
        ),
        (
            "a javascript: link",
            Label::Claim,
            vec![link("javascript:alert(1)"), link("https://a.example/x")],
            None,
            vec![source("https://a.example/x", "", "")],
            "its source link 1 was left out: Only web addresses starting with http:// or https:// can be a source; “javascript:alert(1)” is not one.",
        ),
        (
            "a data: link",
            Label::Claim,
            vec![link("DATA:text/html,<b>x</b>")],
            None,
            vec![],
            "its source link 1 was left out: Only web addresses",
        ),
        (
            "no site name",
            Label::Claim,
            vec![link("https://")],
            None,
            vec![],
            "its source link 1 was left out: “https://” has no site name after the //.",
        ),
        (
            "the same address twice",
            Label::Claim,
            vec![link("https://a.example/x"), link("https://a.example/x")],
            None,
            vec![source("https://a.example/x", "", "")],
            "its source link 2 repeats the address “https://a.example/x”; the second was left out",
        ),
        (
            "an assessment that is no verdict",
            Label::Claim,
            vec![assess("Looks dubious to me")],
            None,
            vec![],
            "its assessment “Looks dubious to me” is not a verdict Gloss knows (True, Mostly true, Half true, Misleading, Mostly false, False, Unverifiable); it was imported without a verdict",
        ),
        (
            "a verdict on a quote",
            Label::Quote,
            vec![assess("True")],
            None,
            vec![],
            "only a claim has a verdict and sources, so its verdict was dropped (the quote itself was imported)",
        ),
        (
            "a source on a quote",
            Label::Quote,
            vec![link("https://a.example/x")],
            None,
            vec![],
            "only a claim has a verdict and sources, so its sources were dropped (the quote itself was imported)",
        ),
    ];
    for (name, which, extra, verdict, evidence, reason) in cases {
        let file = with_bodies(which, |bodies| bodies.extend(extra.iter().cloned()));
        let (back, problems, _) = round(&file);
        assert_eq!(back.len(), 5, "case {name}: every annotation is imported");
        let target = back
            .iter()
            .find(|x| x.label == which && x.span == span_of(TEXT, exact_of(which)))
            .expect("the edited annotation");
        assert_eq!(target.verdict, verdict, "case {name}");
        assert_eq!(target.evidence, evidence, "case {name}");
        // The actor link of the quote is untouched by web links beside it.
        let actor = back.iter().find(|x| x.label == Label::Actor).map(|x| x.id);
        let quote = back
            .iter()
            .find(|x| x.label == Label::Quote && x.span.start > 0)
            .expect("the attributed quote");
        assert_eq!(quote.source, actor, "case {name}");
        if reason.is_empty() {
            assert!(problems.is_empty(), "case {name}: {problems:?}");
        } else {
            assert_eq!(problems.len(), 1, "case {name}: {problems:?}");
            assert!(problems[0].contains(reason), "case {name}: {}", problems[0]);
        }
    }
}

#[test]
fn a_note_without_its_source_is_not_a_source() {
    let file = with_bodies(Label::Claim, |bodies| {
        bodies.insert(
            0,
            json!({"type": "TextualBody", "purpose": "describing", "value": "orphan note"}),
        );
    });
    let (back, problems, _) = round(&file);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(back.iter().all(|a| !a.is_checked()));
    // …and never becomes the claim's note.
    assert!(back.iter().all(|a| !a.note.contains("orphan")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Random verdicts and sources on random claims survive a W3C round trip onto the article
    /// in a fresh profile.
    #[test]
    fn random_checks_survive_a_round_trip(
        text in common::article_text(),
        spans in prop::collection::vec((any::<prop::sample::Index>(), 1usize..12, 0usize..3), 1..8),
        checks in prop::collection::vec(common::random_check(), 8),
    ) {
        let len = common::len_cp(&text);
        let mut doc = document(1, "t", &text, vec![]);
        let index = TextIndex::new(Rc::clone(&doc.text));
        for (i, (at, width, label)) in spans.into_iter().enumerate() {
            let start = at.index(len);
            let Some(span) = Span::new(start, (start + width).min(len)).map(|s| snap_to_graphemes(&index, s)) else { continue };
            let label = Label::ALL[label];
            if doc.annotations.iter().any(|a| a.span == span && a.label == label) { continue; }
            doc.annotations.push(annotation(100 + i as u128, label, span, ""));
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        common::add_random_checks(&mut doc, &checks);
        let json = gloss_core::formats::w3c::export(&[&doc], AT).unwrap();
        let parsed = formats::import(json.as_bytes(), AT).unwrap();
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let out = merged(parsed, &text);
        prop_assert!(out.problems.is_empty() && out.orphans.is_empty(), "{:?}", out);
        let back = &out.documents[0].annotations;
        let check = |a: &Annotation| (a.span, a.label, a.verdict, a.evidence.clone());
        let want: Vec<_> = doc.annotations.iter().map(check).collect();
        let got: Vec<_> = back.iter().map(check).collect();
        prop_assert_eq!(got, want);
    }
}
