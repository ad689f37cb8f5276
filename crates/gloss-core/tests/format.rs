//! Gloss JSON: round trips, the schema, every import error, merging and re-anchoring.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{
    export as try_export, file_name, import, FileError, MAX_ANNOTATIONS, MAX_DOCUMENTS,
    MAX_FILE_BYTES,
};
use gloss_core::model::offsets::{snap_to_graphemes, TextIndex};
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Label, Span, Timestamp,
};
use gloss_core::state::{Action, NoticeKind, State, Storage};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// An export that must succeed (these documents hold nothing serde cannot write).
fn export(documents: &[&Document], at: Timestamp) -> String {
    try_export(documents, at).expect("exports")
}

const TEXT: &str = "Ukraine 🇺🇦: Minister Olena Kovalenko said “prices rose 5% in March” on Tuesday.\n\nCafe\u{301} owners disagreed. 👨\u{200D}👩\u{200D}👧 families too.";

fn span_of(text: &str, needle: &str) -> Span {
    let byte = text.find(needle).expect("needle");
    let start = text[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

fn doc() -> Document {
    let mut d = Document::new(
        "Prices “rise”".into(),
        ArticleDate::parse("2025-03-14"),
        TEXT.into(),
        Timestamp(1_700_000_000_000),
    );
    d.id = DocumentId(Uuid::from_u128(1));
    let mut actor = Annotation::new(
        AnnotationId(Uuid::from_u128(10)),
        Label::Actor,
        span_of(TEXT, "Minister Olena Kovalenko"),
        Timestamp(1_700_000_001_000),
    );
    actor.note = "check the title".into();
    actor.extra.insert("confidence".into(), json!(0.8));
    let quote = Annotation::new(
        AnnotationId(Uuid::from_u128(11)),
        Label::Quote,
        span_of(TEXT, "prices rose 5% in March"),
        Timestamp(1_700_000_002_000),
    );
    let claim = Annotation::new(
        AnnotationId(Uuid::from_u128(12)),
        Label::Claim,
        span_of(TEXT, "👨\u{200D}👩\u{200D}👧 families"),
        Timestamp(1_700_000_003_000),
    );
    d.annotations = vec![actor, quote, claim];
    d.annotations.sort_by(gloss_core::model::text_order);
    d.extra
        .insert("url".into(), json!("https://example.org/article"));
    d.extra
        .insert("__proto__".into(), json!({"polluted": true}));
    d
}

fn empty() -> BTreeMap<DocumentId, Rc<Document>> {
    BTreeMap::new()
}

fn library(docs: &[Document]) -> BTreeMap<DocumentId, Rc<Document>> {
    docs.iter().map(|d| (d.id, Rc::new(d.clone()))).collect()
}

fn validator() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/gloss.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
        .expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

#[test]
fn export_matches_the_schema_and_the_text() {
    let d = doc();
    let json = export(&[&d], Timestamp(1_700_000_009_000));
    let value: Value = serde_json::from_str(&json).expect("export is JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:?}");
    assert_eq!(value["format"], "gloss");
    assert_eq!(value["version"], 5);
    assert_eq!(
        value["entities"],
        json!([]),
        "no actor stands for an entity"
    );
    assert_eq!(value["exported_at"], "2023-11-14T22:13:29Z");
    let exported = &value["documents"][0];
    assert_eq!(exported["date"], "2025-03-14");
    assert_eq!(
        exported["url"], "https://example.org/article",
        "unknown field kept"
    );
    let actor = &exported["annotations"][0];
    assert_eq!(actor["label"], "actor");
    assert_eq!(actor["start"], 12);
    assert_eq!(actor["end"], 36);
    assert_eq!(actor["text"], "Minister Olena Kovalenko");
    assert_eq!(actor["prefix"], "Ukraine 🇺🇦: ");
    assert_eq!(
        actor["suffix"].as_str().map(|s| s.chars().count()),
        Some(32)
    );
    assert_eq!(actor["confidence"], 0.8);
    // The seed's expectation: text_sha256 of the text.
    assert_eq!(exported["text_sha256"].as_str().map(str::len), Some(64));
}

#[test]
fn round_trip_into_an_empty_library() {
    let d = doc();
    let json = export(&[&d], Timestamp(5));
    let imported = import(&json, &empty(), Timestamp(6)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(imported.documents.len(), 1);
    let back = &imported.documents[0];
    assert_eq!(back.id, d.id);
    assert_eq!(back.title, d.title);
    assert_eq!(back.date, d.date);
    assert_eq!(back.text, d.text);
    assert_eq!(back.annotations, d.annotations);
    assert_eq!(back.extra, d.extra);
    // And out again: byte for byte the same file.
    assert_eq!(export(&[back], Timestamp(5)), json);
}

#[test]
fn file_level_errors() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let many_docs =
        json!({"format": "gloss", "version": 1, "documents": vec![json!({}); MAX_DOCUMENTS + 1]})
            .to_string();
    let many_anns = json!({"format": "gloss", "version": 1, "documents": [{"annotations": vec![json!({}); MAX_ANNOTATIONS + 1]}]}).to_string();
    let huge = format!(
        "{{\"format\":\"gloss\",\"pad\":\"{}\"}}",
        "x".repeat(MAX_FILE_BYTES)
    );
    let cases: Vec<(&str, String, &str)> = vec![
        ("not JSON", "hello".into(), "not JSON"),
        (
            "truncated",
            export(&[&doc()], Timestamp(0)).chars().take(200).collect(),
            "ends too early",
        ),
        ("100,000 deep", deep, "nests deeper than"),
        ("an array", "[]".into(), "not a JSON object"),
        (
            "other format",
            r#"{"format":"w3c","version":1,"documents":[]}"#.into(),
            "no \"format\": \"gloss\"",
        ),
        (
            "newer version",
            r#"{"format":"gloss","version":6,"documents":[]}"#.into(),
            "version 6; this Gloss reads versions 1 to 5",
        ),
        (
            "no documents",
            r#"{"format":"gloss","version":1}"#.into(),
            "\"documents\" is missing",
        ),
        (
            "too many articles",
            many_docs,
            "articles; Gloss imports at most",
        ),
        (
            "a million annotations",
            many_anns,
            "annotations; Gloss imports at most",
        ),
        ("too large", huge, "too large"),
        (
            "null version",
            r#"{"format":"gloss","version":null,"documents":[]}"#.into(),
            "version null",
        ),
        (
            "a key twice (the last one counts)",
            r#"{"format":"w3c","format":"gloss","version":1,"documents":[],"documents":7}"#.into(),
            "\"documents\" is missing or not a list",
        ),
    ];
    for (name, json, want) in cases {
        let err = import(&json, &empty(), Timestamp(0))
            .expect_err(name)
            .to_string();
        assert!(err.contains(want), "case {name}: {err}");
    }
    assert_eq!(
        import("{", &empty(), Timestamp(0)),
        Err(FileError::Truncated { line: 1 })
    );
}

fn file_with(annotation: Value) -> String {
    json!({"format": "gloss", "version": 1, "exported_at": "2025-01-01T00:00:00Z", "documents": [{
        "id": Uuid::from_u128(7).to_string(), "title": "T", "date": null, "text": "one two three", "annotations": [
            {"id": Uuid::from_u128(70).to_string(), "label": "claim", "start": 4, "end": 7},
            annotation,
        ]
    }]})
    .to_string()
}

#[test]
fn annotation_errors_skip_only_that_annotation() {
    let id = |n: u128| Uuid::from_u128(n).to_string();
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "offsets outside",
            json!({"id": id(71), "label": "claim", "start": 8, "end": 99}),
            "outside the text (13 characters)",
        ),
        (
            "10^15 offsets",
            json!({"id": id(71), "label": "claim", "start": 1_000_000_000_000_000u64, "end": 1_000_000_000_000_001u64}),
            "outside the text",
        ),
        (
            "end before start",
            json!({"id": id(71), "label": "claim", "start": 7, "end": 4}),
            "end (4) is before start (7)",
        ),
        (
            "empty",
            json!({"id": id(71), "label": "claim", "start": 4, "end": 4}),
            "it is empty",
        ),
        (
            "negative",
            json!({"id": id(71), "label": "claim", "start": -1, "end": 4}),
            "“start” is missing or not a whole number",
        ),
        (
            "text mismatch",
            json!({"id": id(71), "label": "quote", "start": 0, "end": 3, "text": "two"}),
            "does not match the offsets (the article has “one” there)",
        ),
        (
            "unknown label",
            json!({"id": id(71), "label": "person", "start": 0, "end": 3}),
            "unknown label “person”",
        ),
        (
            "no label",
            json!({"id": id(71), "start": 0, "end": 3}),
            "label is missing",
        ),
        (
            "duplicate id",
            json!({"id": id(70), "label": "actor", "start": 0, "end": 3}),
            "used twice in the file",
        ),
        (
            "not a uuid",
            json!({"id": "7", "label": "actor", "start": 0, "end": 3}),
            "not a UUID",
        ),
        ("not an object", json!("claim 0 3"), "not a JSON object"),
    ];
    for (name, annotation, want) in cases {
        let imported = import(&file_with(annotation), &empty(), Timestamp(0)).expect(name);
        assert_eq!(
            imported.problems.len(),
            1,
            "case {name}: {:?}",
            imported.problems
        );
        let problem = imported.problems[0].to_string();
        assert!(problem.contains(want), "case {name}: {problem}");
        assert!(
            problem.starts_with("Article 1 (“T”), annotation 2"),
            "case {name} names where: {problem}"
        );
        assert_eq!(
            imported.documents[0].annotations.len(),
            1,
            "case {name}: the valid annotation is imported"
        );
    }
}

#[test]
fn document_errors() {
    let base = |extra: Value| {
        let mut d = json!({"id": Uuid::from_u128(8).to_string(), "title": "Doc", "text": "some text", "annotations": []});
        if let (Value::Object(d), Value::Object(e)) = (&mut d, extra) {
            d.extend(e);
        }
        json!({"format": "gloss", "version": 1, "documents": [d]}).to_string()
    };
    let cases: Vec<(&str, Value, &str, usize)> = vec![
        (
            "hash mismatch",
            json!({"text_sha256": "0".repeat(64)}),
            "does not match its text_sha256",
            0,
        ),
        (
            "carriage return",
            json!({"text": "a\r\nb"}),
            "carriage returns",
            0,
        ),
        ("no text", json!({"text": null}), "text is missing", 0),
        ("blank text", json!({"text": "  \n "}), "text is empty", 0),
        (
            "bad id",
            json!({"id": "x"}),
            "id is missing or not a UUID",
            0,
        ),
        (
            "bad date",
            json!({"date": "2025-02-30"}),
            "not a calendar date",
            1,
        ),
        (
            "annotations not a list",
            json!({"annotations": {}}),
            "is not a list",
            1,
        ),
    ];
    for (name, change, want, imported_docs) in cases {
        let imported = import(&base(change), &empty(), Timestamp(0)).expect(name);
        assert_eq!(imported.documents.len(), imported_docs, "case {name}");
        assert!(
            imported
                .problems
                .iter()
                .any(|p| p.to_string().contains(want)),
            "case {name}: {:?}",
            imported.problems
        );
    }
    let twice = json!({"format": "gloss", "version": 1, "documents": [
        {"id": Uuid::from_u128(9).to_string(), "title": "A", "text": "a"},
        {"id": Uuid::from_u128(9).to_string(), "title": "B", "text": "b"},
    ]})
    .to_string();
    let imported = import(&twice, &empty(), Timestamp(0)).expect("duplicate documents");
    assert_eq!(imported.documents.len(), 1);
    assert!(imported.problems[0].to_string().contains("appears twice"));
}

#[test]
fn merging_by_id_on_the_same_text() {
    let mut ours = doc();
    ours.annotations.truncate(1); // the actor only
    ours.annotations[0].note = "old note".into();
    ours.annotations[0].updated_at = Timestamp(1);
    let theirs = doc(); // the actor with a newer note, plus quote and claim
    let imported = import(
        &export(&[&theirs], Timestamp(0)),
        &library(&[ours.clone()]),
        Timestamp(9),
    )
    .expect("merge");
    assert_eq!(imported.annotations_added, 2);
    assert_eq!(imported.annotations_updated, 1);
    let merged = &imported.documents[0];
    assert_eq!(merged.annotations.len(), 3);
    assert_eq!(merged.annotations[0].note, "check the title");
    assert_eq!(merged.revision, ours.revision + 1);
    // Importing the same file again changes nothing.
    let again = import(
        &export(&[merged], Timestamp(0)),
        &library(std::slice::from_ref(merged)),
        Timestamp(10),
    )
    .expect("again");
    assert!(again.documents.is_empty());
}

#[test]
fn merging_onto_changed_text_reanchors_or_lists_orphans() {
    let theirs = doc();
    let file = export(&[&theirs], Timestamp(0));
    let cases: Vec<(&str, String, Vec<&str>, usize)> = vec![
        (
            "moved text",
            format!("A new first paragraph.\n\n{TEXT}"),
            vec![
                "Minister Olena Kovalenko",
                "prices rose 5% in March",
                "👨\u{200D}👩\u{200D}👧 families",
            ],
            0,
        ),
        (
            "edited quote",
            TEXT.replace("prices rose 5%", "prices rose 6%"),
            vec![
                "Minister Olena Kovalenko",
                "👨\u{200D}👩\u{200D}👧 families",
            ],
            1,
        ),
        (
            "deleted text",
            TEXT.replace("Minister Olena Kovalenko said ", ""),
            vec!["prices rose 5% in March", "👨\u{200D}👩\u{200D}👧 families"],
            1,
        ),
        (
            "same quote twice, context tells",
            format!("Minister Olena Kovalenko spoke.\n\n{TEXT}"),
            vec![
                "Minister Olena Kovalenko",
                "prices rose 5% in March",
                "👨\u{200D}👩\u{200D}👧 families",
            ],
            0,
        ),
    ];
    for (name, text, placed, orphans) in cases {
        let mut ours = Document::new("Ours".into(), None, text.as_str().into(), Timestamp(0));
        ours.id = theirs.id;
        let imported = import(&file, &library(&[ours.clone()]), Timestamp(1)).expect(name);
        assert_eq!(
            imported.orphans.len(),
            orphans,
            "case {name}: {:?}",
            imported.orphans
        );
        let merged = &imported.documents[0];
        assert_eq!(*merged.text, *text, "case {name}: our text stays");
        let got: Vec<String> = merged
            .annotations
            .iter()
            .map(|a| merged.quote(a.span).to_owned())
            .collect();
        assert_eq!(got, placed, "case {name}");
    }
    // The whole text twice, shifted so no old position holds its quote: every annotation's
    // context matches both copies equally, so none can be placed, and each says so.
    let twice = format!("Intro.\n\n{TEXT}\n\n{TEXT}");
    let mut ours = Document::new("Ours".into(), None, twice.as_str().into(), Timestamp(0));
    ours.id = theirs.id;
    let imported = import(&file, &library(&[ours]), Timestamp(1)).expect("ambiguous");
    assert_eq!(imported.orphans.len(), 3);
    assert!(
        imported.orphans[0].to_string().contains("several times"),
        "{}",
        imported.orphans[0]
    );
}

#[test]
fn a_refused_file_leaves_the_library_unchanged() {
    let state = Rc::new(State {
        storage: Storage::Ready,
        ..State::with_document(doc())
    });
    let next = Rc::clone(&state).reduce(Action::import_file(
        "bad.json".into(),
        Ok::<_, String>("{\"format\":"),
        Timestamp(1),
    ));
    assert_eq!(next.library, state.library);
    let notice = next.notice.as_ref().expect("a message");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(
        notice
            .text
            .starts_with("“bad.json” was not imported: the file ends too early"),
        "{}",
        notice.text
    );
    assert!(notice.text.ends_with("Nothing in the library changed."));
}

#[test]
fn an_import_opens_the_article_and_reports() {
    let state = Rc::new(State {
        storage: Storage::Ready,
        ..State::default()
    });
    let file = export(&[&doc()], Timestamp(0));
    let next = state.reduce(Action::import_file(
        "mine.gloss.json".into(),
        Ok(file),
        Timestamp(1),
    ));
    assert_eq!(next.library.len(), 1);
    assert_eq!(
        next.article.as_ref().map(|a| a.doc.title.as_str()),
        Some("Prices “rise”")
    );
    assert_eq!(
        next.notice.as_ref().map(|n| n.text.as_str()),
        Some("“mine.gloss.json”: Imported 1 article (3 annotations added, 0 updated).")
    );
}

#[test]
fn file_names() {
    let cases = [
        ("Ceasefire talks", "Ceasefire talks.gloss.json"),
        ("a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j.gloss.json"),
        ("  ", "article.gloss.json"),
        ("..", "article.gloss.json"),
        ("Café 🇺🇦", "Café 🇺🇦.gloss.json"),
    ];
    for (title, want) in cases {
        assert_eq!(file_name(title), want, "{title:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Any document Gloss can hold exports to a schema-valid file that imports back the same.
    #[test]
    fn any_export_is_valid_and_round_trips(
        text in "[a-zé😀🇺🇦“” \n]{1,80}",
        spans in prop::collection::vec((0usize..80, 1usize..20, 0usize..3, "[a-z<>&\"]{0,8}"), 0..8),
        title in "[A-Za-z <script>&]{0,20}",
    ) {
        let text = text.replace('\r', "");
        // Found by `make fuzz`: a blank text cannot be imported (and Gloss never holds one;
        // see the "blank text" case in `document_errors`).
        prop_assume!(!text.trim().is_empty());
        let len = text.chars().count();
        let mut d = Document::new(title, None, text.as_str().into(), Timestamp(3));
        let index = TextIndex::new(Rc::clone(&d.text));
        for (i, (s, l, label, note)) in spans.into_iter().enumerate() {
            // Gloss holds only spans of whole characters (a flag, é, an emoji is never cut).
            let Some(span) = Span::new(s.min(len), (s + l).min(len))
                .map(|s| snap_to_graphemes(&index, s)) else { continue };
            if d.annotations.iter().any(|a| a.span == span && a.label == Label::ALL[label]) { continue; }
            let mut a = Annotation::new(AnnotationId(Uuid::from_u128(100 + i as u128)), Label::ALL[label], span, Timestamp(4));
            a.note = note;
            d.annotations.push(a);
        }
        d.annotations.sort_by(gloss_core::model::text_order);
        let json = export(&[&d], Timestamp(5));
        let value: Value = serde_json::from_str(&json).unwrap();
        prop_assert!(validator().is_valid(&value));
        let imported = import(&json, &empty(), Timestamp(6)).unwrap();
        prop_assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        prop_assert_eq!(&imported.documents[0].annotations, &d.annotations);
    }

    /// Arbitrary bytes never make import panic.
    #[test]
    fn import_never_panics(input in ".{0,400}") {
        let _ = import(&input, &empty(), Timestamp(0));
    }
}

#[test]
fn the_same_label_on_the_same_text_is_kept_once_and_reported() {
    let ann = |n: u128| json!({"id": Uuid::from_u128(n).to_string(), "label": "actor", "start": 0, "end": 3});
    let file = json!({"format": "gloss", "version": 1, "documents": [{
        "id": Uuid::from_u128(5).to_string(), "title": "Twice", "text": "one two", "annotations": [ann(50), ann(51)]
    }]})
    .to_string();
    let imported = import(&file, &empty(), Timestamp(0)).expect("imports");
    assert_eq!(imported.documents[0].annotations.len(), 1);
    assert_eq!(imported.problems.len(), 1);
    assert!(
        imported.problems[0]
            .to_string()
            .contains("already has an actor on exactly “one”; kept once"),
        "{}",
        imported.problems[0]
    );
    // Merging: an annotation with another id on the same label and text is not added twice.
    let merged = import(
        &file.replace(
            &Uuid::from_u128(50).to_string(),
            &Uuid::from_u128(52).to_string(),
        ),
        &library(&imported.documents),
        Timestamp(1),
    )
    .expect("merge");
    assert!(merged.documents.is_empty(), "nothing changed");
    assert_eq!(merged.problems.len(), 2);
}

/// Values JSON can spell but Gloss cannot hold (a lone UTF-16 surrogate, a number out of range)
/// refuse the whole file wherever they are, as a file that is not JSON: never a field read as
/// missing or an annotation skipped for the wrong reason.
#[test]
fn unrepresentable_values_refuse_the_file() {
    const DOC: &str =
        r#"{"id":"00000000-0000-0000-0000-000000000001","title":"T","text":"hello world""#;
    let places = [
        r#","source":1e400"#,
        r#","title":"T\udc00""#,
        r#","text_sha256":"\ud83d""#,
        r#","annotations":[{"note":"\ud83d"}]"#,
        r#","annotations":[{"start":1e400}]"#,
        r#","annotations":{"x":1e400}"#,
    ];
    for bad in places {
        let file = format!(r#"{{"format":"gloss","version":1,"documents":[{DOC}{bad}}}]}}"#);
        let got = import(&file, &BTreeMap::new(), Timestamp(0));
        assert!(matches!(got, Err(FileError::NotJson(_))), "{bad}: {got:?}");
    }
    let top = r#"{"format":"gloss","version":1,"pad":1e400,"documents":[]}"#;
    assert!(matches!(
        import(top, &BTreeMap::new(), Timestamp(0)),
        Err(FileError::NotJson(_))
    ));
}
