//! A claim's check through the other tools' formats, where they have room for it: Label Studio
//! (verdict as a per-region choice, sources in the region's meta), doccano (the line's
//! `gloss_checks`) and brat (the Verdict attribute; its sources do not travel). Round trips,
//! random checks, and what an import cannot keep, with its reason.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use gloss_core::formats::{self, merge_into, Format, Scope};
use gloss_core::model::{
    Annotation, AnnotationId, Document, DocumentId, Evidence, Label, Span, Timestamp, Verdict,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

const AT: Timestamp = Timestamp(1_800_000_000_000);
const TEXT: &str =
    "Ana Lima said “exports doubled”. Exports rose 5% in March, she said. Café prices fell.";

fn link(url: &str, title: &str, note: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        note: note.into(),
    }
}

fn span_of(needle: &str) -> Span {
    let byte = TEXT.find(needle).expect("needle");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

/// An actor, a quote, a claim rated with two sources, a claim rated without any, and one not
/// checked.
fn article() -> Document {
    let mut d = Document::new("Exports".into(), None, TEXT.into(), Timestamp(1));
    d.id = DocumentId(Uuid::from_u128(1));
    let ann = |n: u128, label, needle: &str| {
        Annotation::new(AnnotationId(Uuid::from_u128(n)), label, span_of(needle), AT)
    };
    let mut rated = ann(3, Label::Claim, "Exports rose 5% in March");
    rated.verdict = Some(Verdict::MostlyFalse);
    rated.evidence = vec![
        link(
            "https://stats.example/exports?m=3",
            "Exports, March",
            "+3.1% — “not 5%”",
        ),
        link("http://archive.example/", "", ""),
    ];
    let mut bare = ann(4, Label::Claim, "Café prices fell");
    bare.verdict = Some(Verdict::Unverifiable);
    d.annotations = vec![
        ann(1, Label::Actor, "Ana Lima"),
        ann(2, Label::Quote, "exports doubled"),
        rated,
        bare,
        ann(5, Label::Claim, "she said"),
    ];
    d.annotations.sort_by(gloss_core::model::text_order);
    d
}

fn exported(format: Format, doc: &Document) -> Vec<u8> {
    formats::export(format, &[doc], Scope::Article, "Exports", AT)
        .expect("exports")
        .bytes
}

/// Imports `bytes` into an empty library: each annotation's (label, words, verdict, sources),
/// and the problems.
type Check = (Label, String, Option<Verdict>, Vec<Evidence>);

fn imported(bytes: &[u8]) -> (Vec<Check>, Vec<String>) {
    let parsed = formats::import(bytes, AT).expect("reads");
    let out = merge_into(parsed, &BTreeMap::new(), None, AT);
    let problems = out.problems.iter().map(ToString::to_string).collect();
    let doc = &out.documents[0];
    (checks(doc), problems)
}

fn checks(doc: &Document) -> Vec<Check> {
    doc.annotations
        .iter()
        .map(|a| {
            (
                a.label,
                doc.quote(a.span).to_owned(),
                a.verdict,
                a.evidence.clone(),
            )
        })
        .collect()
}

/// What `format` carries of `doc`'s checks: all of them, or (brat) the verdicts.
fn carried(format: Format, doc: &Document) -> Vec<Check> {
    let mut want = checks(doc);
    if format == Format::Brat {
        for c in &mut want {
            c.3.clear();
        }
    }
    want
}

const CARRY: [Format; 3] = [Format::LabelStudio, Format::Doccano, Format::Brat];

#[test]
fn checks_travel_where_the_format_has_room() {
    let doc = article();
    for format in CARRY {
        let (got, problems) = imported(&exported(format, &doc));
        assert!(problems.is_empty(), "{format:?}: {problems:?}");
        assert_eq!(got, carried(format, &doc), "{format:?}");
    }
}

#[test]
fn each_format_writes_the_check_where_documented() {
    let doc = article();
    // Label Studio: a choices result tied to the claim's region, the sources in its meta; the
    // config offers the verdicts for a selected claim.
    let tasks: Value = serde_json::from_slice(&exported(Format::LabelStudio, &doc)).expect("JSON");
    let result = tasks[0]["annotations"][0]["result"]
        .as_array()
        .expect("results");
    let claim_id = Uuid::from_u128(3).to_string();
    let choice = result
        .iter()
        .find(|r| r["type"] == "choices" && r["id"] == claim_id.as_str())
        .expect("the verdict");
    assert_eq!(choice["from_name"], "verdict");
    assert_eq!(choice["value"]["choices"], json!(["Mostly false"]));
    let region = result
        .iter()
        .find(|r| r["type"] == "labels" && r["id"] == claim_id.as_str())
        .expect("the region");
    assert_eq!(
        region["meta"]["sources"][0],
        json!({"url": "https://stats.example/exports?m=3", "title": "Exports, March", "note": "+3.1% — “not 5%”"})
    );
    let config = formats::labelstudio::config();
    assert!(config.contains(r#"<Choices name="verdict" toName="text" perRegion="true""#));
    assert!(config.contains(r#"whenLabelValue="Claim""#));
    assert!(config.contains(r#"<Choice value="Mostly true"/>"#));
    // doccano: the line's gloss_checks, by span.
    let line: Value = serde_json::from_slice(&exported(Format::Doccano, &doc)).expect("JSON");
    let rated = span_of("Exports rose 5% in March");
    assert_eq!(line["gloss_checks"][0]["start"], rated.start);
    assert_eq!(line["gloss_checks"][0]["verdict"], "mostly-false");
    assert_eq!(line["gloss_checks"][1]["verdict"], "unverifiable");
    assert!(line["gloss_checks"][1].get("sources").is_none());
    assert_eq!(line["gloss_checks"].as_array().map(Vec::len), Some(2));
    // brat: A lines on the claims' T lines, the attribute declared in annotation.conf.
    let ann = unzip(&exported(Format::Brat, &doc), "Exports.ann");
    let verdicts: Vec<&str> = ann.lines().filter(|l| l.starts_with('A')).collect();
    assert_eq!(
        verdicts,
        ["A1\tVerdict T3 mostly-false", "A2\tVerdict T5 unverifiable"],
        "{ann}"
    );
    assert!(ann.contains("T3\tClaim ") && ann.contains("\tExports rose 5% in March\n"));
    assert!(formats::brat::annotation_conf()
        .contains("Verdict\tArg:Claim, Value:true|mostly-true|half-true|"));
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = String::new();
    zip.by_name(name)
        .expect("the entry")
        .read_to_string(&mut out)
        .expect("UTF-8");
    out
}

/// A zip of one article's `.txt` and `.ann`.
fn zipped(txt: &str, ann: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in [("a.txt", txt), ("a.ann", ann)] {
        zip.start_file(name, options).expect("entry");
        zip.write_all(body.as_bytes()).expect("written");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn what_cannot_be_kept_is_left_out_with_its_reason() {
    let claim = span_of("Exports rose 5% in March");
    let quote = span_of("exports doubled");
    let ls = |result: Value| {
        json!([{"data": {"text": TEXT}, "annotations": [{"result": result}]}])
            .to_string()
            .into_bytes()
    };
    let region = |id: &str, label: &str, span: Span, meta: Value| {
        json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels", "meta": meta,
               "value": {"start": span.start, "end": span.end, "labels": [label]}})
    };
    let choice = |id: &str, words: &[&str]| {
        json!({"id": id, "from_name": "verdict", "to_name": "text", "type": "choices",
               "value": {"start": claim.start, "end": claim.end, "choices": words}})
    };
    let doccano = |checks: Value| {
        json!({"text": TEXT, "label": [[claim.start, claim.end, "CLAIM"], [quote.start, quote.end, "QUOTE"]], "gloss_checks": checks})
            .to_string()
            .into_bytes()
    };
    let t = format!(
        "T1\tClaim {} {}\tExports rose 5% in March\nT2\tQuote {} {}\texports doubled\n",
        claim.start, claim.end, quote.start, quote.end
    );
    let brat = |more: &str| zipped(TEXT, &format!("{t}{more}"));
    // (case, file, the claim's verdict and sources, a reason reported or "")
    type Case = (
        &'static str,
        Vec<u8>,
        Option<Verdict>,
        Vec<Evidence>,
        &'static str,
    );
    let a = link("https://a.example/", "", "");
    let cases: Vec<Case> = vec![
        (
            "Label Studio: a verdict by its words",
            ls(json!([region("c", "Claim", claim, json!({})), choice("c", &["half true"])])),
            Some(Verdict::HalfTrue),
            vec![],
            "",
        ),
        (
            "Label Studio: an unknown verdict",
            ls(json!([region("c", "Claim", claim, json!({})), choice("c", &["Pants on fire"])])),
            None,
            vec![],
            "its verdict “Pants on fire” is not one Gloss knows",
        ),
        (
            "Label Studio: two verdicts",
            ls(json!([region("c", "Claim", claim, json!({})), choice("c", &["True", "False"])])),
            Some(Verdict::True),
            vec![],
            "it has 2 verdicts; the first was kept",
        ),
        (
            "Label Studio: a javascript: source",
            ls(json!([region("c", "Claim", claim, json!({"sources": [{"url": "javascript:alert(1)"}, {"url": "https://a.example/"}]}))])),
            None,
            vec![a.clone()],
            "its source link 1 was left out: Only web addresses starting with http:// or https://",
        ),
        (
            "Label Studio: sources on a quote",
            ls(json!([region("c", "Claim", claim, json!({})), region("q", "Quote", quote, json!({"sources": [{"url": "https://a.example/"}]}))])),
            None,
            vec![],
            "only a claim has a verdict and sources, so its sources were dropped (the quote itself was imported)",
        ),
        (
            "Label Studio: a verdict of no region",
            ls(json!([region("c", "Claim", claim, json!({})), choice("elsewhere", &["True"])])),
            None,
            vec![],
            "1 result of type “choices” skipped",
        ),
        (
            "doccano: a check",
            doccano(json!([{"start": claim.start, "end": claim.end, "verdict": "false", "sources": [{"url": "https://a.example/"}]}])),
            Some(Verdict::False),
            vec![a.clone()],
            "",
        ),
        (
            "doccano: a relative source",
            doccano(json!([{"start": claim.start, "end": claim.end, "sources": [{"url": "/a"}]}])),
            None,
            vec![],
            "its source link 1 was left out: Only web addresses",
        ),
        (
            "doccano: a check on the quote's span",
            doccano(json!([{"start": quote.start, "end": quote.end, "verdict": "true"}])),
            None,
            vec![],
            "its start and end are not a claim span of the line; left out",
        ),
        (
            "doccano: an unknown verdict",
            doccano(json!([{"start": claim.start, "end": claim.end, "verdict": "maybe"}])),
            None,
            vec![],
            "its verdict “maybe” is not one Gloss knows",
        ),
        (
            "doccano: not a list",
            doccano(json!({"verdict": "true"})),
            None,
            vec![],
            "its “gloss_checks” is not a list; skipped",
        ),
        (
            "brat: a verdict written with an underscore",
            brat("A1\tVerdict T1 Mostly_true\n"),
            Some(Verdict::MostlyTrue),
            vec![],
            "",
        ),
        (
            "brat: an unknown verdict",
            brat("A1\tVerdict T1 dubious\n"),
            None,
            vec![],
            "its verdict “dubious” is not one Gloss knows",
        ),
        (
            "brat: a verdict without a value",
            brat("A1\tVerdict T1\n"),
            None,
            vec![],
            "its verdict “” is not one Gloss knows",
        ),
        (
            "brat: a verdict on a quote",
            brat("A1\tVerdict T2 true\n"),
            None,
            vec![],
            "only a claim has a verdict and sources, so its verdict was dropped (the quote itself was imported)",
        ),
        (
            "brat: a verdict on no annotation",
            brat("A1\tVerdict T9 true\n"),
            None,
            vec![],
            "its target T9 is not an annotation Gloss imported; the verdict is left out",
        ),
        (
            "brat: other attributes are still skipped",
            brat("A1\tNegated T1\n"),
            None,
            vec![],
            "1 attribute skipped",
        ),
    ];
    for (name, bytes, verdict, evidence, reason) in cases {
        let (got, problems) = imported(&bytes);
        let c = got
            .iter()
            .find(|c| c.0 == Label::Claim)
            .unwrap_or_else(|| panic!("{name}: the claim"));
        assert_eq!((c.2, &c.3), (verdict, &evidence), "case {name}");
        assert!(
            got.iter()
                .any(|c| c.0 == Label::Quote && c.2.is_none() && c.3.is_empty())
                || !name.contains("quote"),
            "case {name}: the quote has no check"
        );
        if reason.is_empty() {
            assert!(problems.is_empty(), "case {name}: {problems:?}");
        } else {
            assert_eq!(problems.len(), 1, "case {name}: {problems:?}");
            assert!(problems[0].contains(reason), "case {name}: {}", problems[0]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)
    ))]

    /// Random verdicts and sources on random claims survive Label Studio and doccano, and
    /// their verdicts brat.
    #[test]
    fn random_checks_survive(
        spans in prop::collection::vec((0usize..80, 1usize..8, 0usize..3), 1..8),
        checks in prop::collection::vec(common::random_check(), 8),
    ) {
        let len = TEXT.chars().count();
        let bounds = common::boundaries(TEXT);
        let mut doc = Document::new("Exports".into(), None, TEXT.into(), Timestamp(1));
        for (i, (at, width, label)) in spans.into_iter().enumerate() {
            let (start, end) = common::snap_out(&bounds, at.min(len - 1), (at + width).min(len));
            let span = Span { start, end };
            let label = Label::ALL[label];
            let words = common::slice(TEXT, start, end);
            // brat cannot show a span of nothing but white space; Gloss never makes one.
            if span.is_empty() || words.trim().is_empty() || doc.annotations.iter().any(|a| a.span == span && a.label == label) {
                continue;
            }
            doc.annotations.push(Annotation::new(AnnotationId(Uuid::from_u128(10 + i as u128)), label, span, AT));
        }
        prop_assume!(!doc.annotations.is_empty());
        doc.annotations.sort_by(gloss_core::model::text_order);
        common::add_random_checks(&mut doc, &checks);
        for format in CARRY {
            let (got, problems) = imported(&exported(format, &doc));
            prop_assert!(problems.is_empty(), "{:?}: {:?}", format, problems);
            prop_assert_eq!(got, carried(format, &doc), "{:?}", format);
        }
    }
}
