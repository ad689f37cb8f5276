//! doccano JSONL: the export's shape, reading files shaped as doccano writes them (hand-written
//! fixtures in tests/fixtures/doccano), and the round trip through `formats::import`.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod layers_common;

use std::collections::{BTreeMap, BTreeSet};

use gloss_core::formats::{
    self, detect, doccano, merge_into, Detected, FileError, Format, Imported, Parsed,
};
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Label, Span, Timestamp,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

const SEQUENCE: &str = include_str!("fixtures/doccano/sequence_labeling.jsonl");
const RELATIONS: &str = include_str!("fixtures/doccano/relations.jsonl");

/// A named file and the (label, quote) pairs it gives.
type Case = (&'static str, &'static str, &'static [(Label, &'static str)]);

fn merged(parsed: Parsed) -> Imported {
    merge_into(parsed, &BTreeMap::new(), None, Timestamp(9))
}

/// (label, quote) of a document's annotations, in text order.
fn marks(doc: &Document) -> Vec<(Label, String)> {
    doc.annotations
        .iter()
        .map(|a| (a.label, doc.quote(a.span).to_owned()))
        .collect()
}

fn reasons(parsed: &Parsed) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

fn has(reasons: &[String], parts: &[&str]) -> bool {
    reasons.iter().any(|r| parts.iter().all(|p| r.contains(p)))
}

fn annotation(n: u128, label: Label, start: usize, end: usize) -> Annotation {
    Annotation::new(
        AnnotationId(Uuid::from_u128(n)),
        label,
        Span { start, end },
        Timestamp(1),
    )
}

#[test]
fn export_writes_one_line_per_article_in_the_label_shape() {
    // "Valdés" is 6 code points and 7 UTF-8 bytes; the emoji 1 code point, 2 UTF-16 units.
    let text = "😀 Valdés said: “rain”.\nNext line";
    let mut a = Document::new(
        "Rain".into(),
        ArticleDate::parse("2025-03-14"),
        text.into(),
        Timestamp(1),
    );
    a.id = DocumentId(Uuid::from_u128(7));
    a.annotations = vec![
        annotation(1, Label::Actor, 2, 8),
        annotation(2, Label::Quote, 16, 22),
    ];
    let mut b = Document::new("No date".into(), None, "Plain.".into(), Timestamp(1));
    b.id = DocumentId(Uuid::from_u128(8));
    b.annotations = vec![{
        let mut c = annotation(3, Label::Claim, 0, 5);
        c.note = "a note doccano cannot hold".into();
        c
    }];
    let out = doccano::export(&[&a, &b]).expect("exports");
    assert!(out.ends_with('\n'));
    assert!(out.is_ascii(), "non-ASCII characters are escaped");
    let lines: Vec<&str> = out.split_terminator('\n').collect();
    assert_eq!(lines.len(), 2);
    let first: Value = serde_json::from_str(lines[0]).expect("a JSON line");
    assert_eq!(
        first,
        json!({
            "id": "00000000-0000-0000-0000-000000000007",
            "text": text,
            "label": [[2, 8, "ACTOR"], [16, 22, "QUOTE"]],
            "date": "2025-03-14",
            "title": "Rain",
        })
    );
    assert!(lines[0].starts_with("{\"id\":"), "id first: {}", lines[0]);
    let second: Value = serde_json::from_str(lines[1]).expect("a JSON line");
    assert_eq!(second["date"], Value::Null);
    assert_eq!(second["label"], json!([[0, 5, "CLAIM"]]));
    assert!(!lines[1].contains("note"), "doccano has no notes");
    assert_eq!(doccano::export(&[]).expect("exports"), "");
}

/// A layer is a line of its own (the article's text with that layer's spans), whose metadata
/// `gloss_created_by` and `gloss_curated` say whose; all comes back into one article, two
/// people's marks on the same words stay two, and importing the file again adds nothing.
#[test]
fn layers_travel_as_lines_with_metadata() {
    use layers_common::{article, cases, import, layered, library, the_article};
    for (case, marks) in cases() {
        let doc = article(&marks);
        let jsonl = doccano::export(&[&doc]).expect("exports");
        let lines: Vec<Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        let mut layers: Vec<(Option<String>, bool)> = doc
            .annotations
            .iter()
            .map(|a| (a.created_by.clone(), a.curated))
            .collect();
        layers.sort_by_key(|(by, curated)| (*curated, by.clone()));
        layers.dedup();
        assert_eq!(lines.len(), layers.len(), "{case}: a line per layer");
        for (line, (by, curated)) in lines.iter().zip(&layers) {
            assert_eq!(line["text"], json!(layers_common::TEXT), "{case}");
            assert_eq!(
                line.get("gloss_created_by"),
                by.as_ref().map(|b| json!(b)).as_ref(),
                "{case}"
            );
            assert_eq!(
                line.get("gloss_curated"),
                curated.then(|| json!(true)).as_ref(),
                "{case}"
            );
            let mut spans: Vec<(u64, u64)> = line["label"]
                .as_array()
                .expect("the label shape")
                .iter()
                .map(|s| (s[0].as_u64().unwrap_or(0), s[1].as_u64().unwrap_or(0)))
                .collect();
            spans.sort();
            let mut want: Vec<(u64, u64)> = doc
                .annotations
                .iter()
                .filter(|a| (&a.created_by, a.curated) == (by, *curated))
                .map(|a| (a.span.start as u64, a.span.end as u64))
                .collect();
            want.sort();
            assert_eq!(spans, want, "{case}: the line holds its layer's spans");
        }
        let imported = import(jsonl.as_bytes(), &library(&[]), case);
        let back = the_article(&imported, case);
        assert_eq!(layered(&back), layered(&doc), "{case}");
        let again = import(jsonl.as_bytes(), &library(&[&back]), case);
        assert_eq!(again.annotations_added, 0, "{case}: nothing twice");
    }
}

/// Sources and entities stay in their layer's line: each person's quote keeps its source.
#[test]
fn each_layers_links_stay_on_its_line() {
    use gloss_core::model::{Entity, EntityId};
    use layers_common::{article, import, library, the_article};
    let mut doc = article(&[
        (Label::Actor, "Irene Valdés", Some("Ana"), false),
        (
            Label::Quote,
            "“The bridge carries 40,000 vehicles a day.”",
            Some("Ana"),
            false,
        ),
        (Label::Actor, "Irene Valdés", Some("Ben"), false),
        (
            Label::Quote,
            "“The bridge carries 40,000 vehicles a day.”",
            Some("Ben"),
            false,
        ),
    ]);
    let entity = EntityId(Uuid::from_u128(0xE));
    doc.entities = vec![Entity {
        id: entity,
        name: "Irene Valdés".into(),
    }];
    let actor_of = |who: &str, doc: &Document| {
        doc.annotations
            .iter()
            .find(|a| a.label == Label::Actor && a.created_by.as_deref() == Some(who))
            .map(|a| a.id)
    };
    for who in ["Ana", "Ben"] {
        let actor = actor_of(who, &doc);
        for a in &mut doc.annotations {
            if a.created_by.as_deref() == Some(who) {
                match a.label {
                    Label::Quote => a.source = actor,
                    _ => a.entity = Some(entity),
                }
            }
        }
    }
    let jsonl = doccano::export(&[&doc]).expect("exports");
    for line in jsonl.lines() {
        let line: Value = serde_json::from_str(line).expect("JSON");
        assert_eq!(
            line["relations"].as_array().map(Vec::len),
            Some(1),
            "{line}"
        );
        assert_eq!(
            line["gloss_entities"][0]["mentions"]
                .as_array()
                .map(Vec::len),
            Some(1)
        );
    }
    let back = the_article(&import(jsonl.as_bytes(), &library(&[]), "links"), "links");
    for who in ["Ana", "Ben"] {
        let actor = actor_of(who, &back).expect("the actor");
        let quote = back
            .annotations
            .iter()
            .find(|a| a.label == Label::Quote && a.created_by.as_deref() == Some(who))
            .expect("the quote");
        assert_eq!(
            quote.source,
            Some(actor),
            "{who}'s quote, said by {who}'s actor"
        );
        assert!(back.annotation(actor).is_some_and(|a| a.entity.is_some()));
    }
}

/// A file that says no layer (doccano's own) comes in as the importing person's own, as before;
/// a layer said wrongly is reported and left out.
#[test]
fn layers_of_files_doccano_wrote() {
    for (name, file) in [("sequence labelling", SEQUENCE), ("relations", RELATIONS)] {
        let imported = merged(formats::import(file.as_bytes(), Timestamp(5)).expect("reads"));
        for doc in &imported.documents {
            if !doc.annotations.is_empty() {
                layers_common::all_mine(doc, name);
            }
        }
    }
    // (case, the line's layer keys, created_by, curated, a problem reported)
    let cases: [(&str, Value, Option<&str>, bool, bool); 5] = [
        ("neither", json!({}), None, false, false),
        (
            "a name, trimmed",
            json!({"gloss_created_by": " Ana "}),
            Some("Ana"),
            false,
            false,
        ),
        (
            "curated",
            json!({"gloss_created_by": "Cleo", "gloss_curated": true}),
            Some("Cleo"),
            true,
            false,
        ),
        (
            "a blank name",
            json!({"gloss_created_by": " "}),
            None,
            false,
            false,
        ),
        (
            "no text, no yes or no",
            json!({"gloss_created_by": 7, "gloss_curated": "yes"}),
            None,
            false,
            true,
        ),
    ];
    for (case, keys, want_by, want_curated, problem) in cases {
        let mut line = json!({"text": "Ana said no.", "label": [[0, 3, "ACTOR"]]});
        for (k, v) in keys.as_object().expect("keys") {
            line[k] = v.clone();
        }
        let parsed = doccano::import(line.to_string().as_bytes(), Timestamp(5)).expect(case);
        assert_eq!(
            !parsed.problems.is_empty(),
            problem,
            "{case}: {:?}",
            reasons(&parsed)
        );
        let doc = &merged(parsed).documents[0];
        let a = &doc.annotations[0];
        assert_eq!(
            (a.created_by.as_deref(), a.curated),
            (want_by, want_curated),
            "{case}"
        );
        assert!(
            !doc.extra.contains_key("gloss_created_by"),
            "{case}: read, not kept as extra"
        );
    }
}

#[test]
fn sequence_labeling_file() {
    let parsed = doccano::import(SEQUENCE.as_bytes(), Timestamp(5)).expect("reads");
    let problems = reasons(&parsed);
    let imported = merged(parsed.clone());
    assert_eq!(imported.documents.len(), 3, "{problems:#?}");

    // Line 1: CRLF text; offsets count the CRs (Python indices over the text as written).
    let first = &imported.documents[0];
    assert_eq!(
        &*first.text,
        "Minister Olena Kovalenko said:\n“Prices rose 5% in March.”\nThe bridge 🇺🇦 stays open."
    );
    assert_eq!(
        marks(first),
        [
            (Label::Actor, "Minister Olena Kovalenko".to_owned()),
            (Label::Quote, "Prices rose 5% in March.".to_owned()),
            (Label::Claim, "The bridge 🇺🇦 stays open.".to_owned()),
        ]
    );
    assert_eq!(
        first.title,
        "Minister Olena Kovalenko said: “Prices rose 5% in…"
    );
    assert_eq!(first.extra.get("doccano_id"), Some(&json!(1)));
    assert_eq!(first.extra.get("source"), Some(&json!("wire")));
    assert_eq!(
        first.extra.get("Comments"),
        Some(&json!(["check the date"]))
    );
    assert!(has(&problems, &["Label “PERSON”", "1 annotation skipped"]));
    assert!(has(&problems, &["Line 1", "span 5", "cut a character"]));

    // Line 2 is cut off; the lines after it are read.
    assert!(has(&problems, &["Line 2", "not valid JSON", "other lines"]));

    // Line 4: labels in any case; bad spans each reported; the date is no calendar date.
    let second = &imported.documents[1];
    assert_eq!(second.title, "Second");
    assert_eq!(second.date, None);
    assert_eq!(
        marks(second),
        [
            (Label::Claim, "naïve".to_owned()),
            (Label::Actor, "Valdés".to_owned()),
            (Label::Quote, "said".to_owned()),
        ]
    );
    for parts in [
        &["Line 4 (“Second”)", "2025-02-30"][..],
        &["Line 4 (“Second”)", "span 4", "outside the text"],
        &["Line 4 (“Second”)", "span 5", "empty"],
        &["Line 4 (“Second”)", "span 6", "“positive”", "whole text"],
        &["Line 5", "text is empty"],
        &["Line 6", "not a JSON object"],
    ] {
        assert!(has(&problems, parts), "{parts:?} in {problems:#?}");
    }

    // Line 7: the same span twice with one label is one annotation and no problem.
    let third = &imported.documents[2];
    assert_eq!(third.title, "Leap");
    assert_eq!(third.date, ArticleDate::parse("2024-02-29"));
    assert_eq!(marks(third), [(Label::Claim, "Same".to_owned())]);
    assert!(
        !problems.iter().any(|p| p.contains("Line 7")),
        "{problems:#?}"
    );
    assert_eq!(problems.len(), 9, "{problems:#?}");
    assert_eq!(
        imported.problems, parsed.problems,
        "the merge adds no problem"
    );
}

#[test]
fn relations_shape() {
    assert_eq!(
        detect(RELATIONS.as_bytes()),
        Detected::Format(Format::Doccano)
    );
    let parsed = formats::import(RELATIONS.as_bytes(), Timestamp(5)).expect("reads");
    let problems = reasons(&parsed);
    assert!(has(&problems, &["Label “ORG”", "1 annotation skipped"]));
    assert!(has(&problems, &["2 relations", "skipped"]));
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let imported = merged(parsed);
    assert_eq!(
        marks(&imported.documents[0]),
        [
            (
                Label::Claim,
                "Google was founded on September 4, 1998, by Larry Page and Sergey Brin".to_owned()
            ),
            (Label::Actor, "Larry Page".to_owned()),
            (Label::Actor, "Sergey Brin".to_owned()),
        ]
    );
    assert_eq!(
        imported.documents[0].extra.get("Comments"),
        Some(&json!([]))
    );
}

#[test]
fn other_shapes_and_line_ends() {
    let cases: &[Case] = &[
        (
            "a JSON array with the older \"labels\" key",
            r#"[{"text": "Ana said no.", "labels": [[0, 3, "ACTOR"]]}, {"text": "Yes.", "labels": []}]"#,
            &[(Label::Actor, "Ana")],
        ),
        (
            "one pretty-printed object",
            "{\n  \"text\": \"Ana said no.\",\n  \"label\": [\n    [4, 8, \"CLAIM\"]\n  ]\n}\n",
            &[(Label::Claim, "said")],
        ),
        (
            "CRLF line ends and a byte-order mark",
            "\u{FEFF}{\"text\": \"Ana said no.\", \"label\": [[9, 11, \"QUOTE\"]]}\r\n\r\n{\"text\": \"Other.\", \"label\": []}\r\n",
            &[(Label::Quote, "no")],
        ),
        (
            "offsets over a text beginning with a byte-order mark",
            "{\"text\": \"\u{FEFF}Ana said no.\", \"label\": [[1, 4, \"ACTOR\"]]}",
            &[(Label::Actor, "Ana")],
        ),
    ];
    for (name, file, want) in cases {
        assert_eq!(
            detect(file.as_bytes()),
            Detected::Format(Format::Doccano),
            "{name}"
        );
        let parsed = formats::import(file.as_bytes(), Timestamp(1)).expect(name);
        assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
        let imported = merged(parsed);
        let got = marks(&imported.documents[0]);
        let want: Vec<(Label, String)> = want.iter().map(|(l, q)| (*l, q.to_string())).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn refused_files() {
    let too_many_lines = "{\"text\": \"a\", \"label\": []}\n".repeat(1_001);
    let many_spans: String = format!(
        "{{\"text\": \"a\", \"label\": [{}]}}",
        vec!["[0, 1, \"CLAIM\"]"; 200_001].join(",")
    );
    let cases: Vec<(&str, Vec<u8>, FileError)> = vec![
        (
            "more articles than Gloss imports at once",
            too_many_lines.into_bytes(),
            FileError::TooManyDocuments(1_001),
        ),
        (
            "more spans than Gloss imports at once",
            many_spans.into_bytes(),
            FileError::TooManyAnnotations(200_001),
        ),
        (
            "a cut-off array",
            b"[{\"text\": \"a\", \"label\": []}".to_vec(),
            FileError::Truncated { line: 1 },
        ),
        (
            "not UTF-8",
            b"{\"text\": \"\xff\"}".to_vec(),
            FileError::NotUtf8,
        ),
        (
            "too deep",
            format!("{}{}", "[".repeat(40), "]".repeat(40)).into_bytes(),
            FileError::TooDeep,
        ),
        (
            "too large",
            vec![b' '; formats::MAX_FILE_BYTES + 1],
            FileError::TooLarge {
                size: formats::MAX_FILE_BYTES + 1,
            },
        ),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(doccano::import(&bytes, Timestamp(1)), Err(want), "{name}");
    }
    // No line is an object: the file as a whole is refused, saying why.
    match doccano::import(b"{\"text\": \n{oops}\n", Timestamp(1)) {
        Err(FileError::Invalid { format, reason }) => {
            assert_eq!(format, "doccano JSONL");
            assert!(reason.contains("Line 1"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn import_never_panics_on_odd_values() {
    for file in [
        r#"{"text": 5, "label": []}"#,
        r#"{"text": "abc", "label": "CLAIM"}"#,
        r#"{"text": "abc", "label": [[0, 1]]}"#,
        r#"{"text": "abc", "label": [[-1, 2, "CLAIM"]]}"#,
        r#"{"text": "abc", "label": [[0, 18446744073709551615, "CLAIM"]]}"#,
        r#"{"text": "abc", "label": [[0, 1.5, "CLAIM"]]}"#,
        r#"{"text": "abc", "entities": [{"start_offset": 0}], "relations": 3}"#,
        r#"{"text": "abc", "entities": 3, "date": 20250101}"#,
        r#"{"text": "a\ud800", "label": []}"#,
        r#"{"text": "abc", "label": [[2, 1, "CLAIM"]]}"#,
    ] {
        let parsed = doccano::import(file.as_bytes(), Timestamp(1));
        if let Ok(parsed) = parsed {
            assert!(!parsed.problems.is_empty(), "{file}: some problem reported");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Any article exports to doccano JSONL that imports back (detected by content) into an
    /// empty library with the same text and the same labelled spans.
    #[test]
    fn round_trip(
        text in common::article_text(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 1usize..6, 0usize..3), 0..8),
        title in "[A-Za-z “”é]{0,12}",
    ) {
        let bounds = common::boundaries(&text);
        let mut doc = Document::new(title, None, text.as_str().into(), Timestamp(3));
        let mut want = BTreeSet::new();
        for (n, (at, len, label)) in picks.into_iter().enumerate() {
            let i = at.index(bounds.len() - 1);
            let j = (i + len).min(bounds.len() - 1);
            let span = Span { start: bounds[i], end: bounds[j] };
            if !want.insert((span, Label::ALL[label])) { continue; }
            doc.annotations.push(annotation(100 + n as u128, Label::ALL[label], span.start, span.end));
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        let file = doccano::export(&[&doc]).unwrap();
        let parsed = formats::import(file.as_bytes(), Timestamp(4)).unwrap();
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let imported = merged(parsed);
        prop_assert_eq!(imported.documents.len(), 1);
        let back = &imported.documents[0];
        prop_assert_eq!(&*back.text, text.as_str());
        let got: BTreeSet<(Span, Label)> = back.annotations.iter().map(|a| (a.span, a.label)).collect();
        prop_assert_eq!(got, want);
    }

    /// Arbitrary text, and text made of JSON's punctuation, never makes the reader panic.
    #[test]
    fn import_never_panics(
        any_text in ".{0,300}",
        jsonish in "[\\[\\]{}\":,0-9a-z \n\\\\]{0,300}",
    ) {
        let _ = doccano::import(any_text.as_bytes(), Timestamp(0));
        let _ = doccano::import(jsonish.as_bytes(), Timestamp(0));
    }
}
