//! Label Studio JSON: the export's tasks and labelling config, reading files shaped as Label
//! Studio exports them (a hand-written fixture in tests/fixtures/labelstudio), and the round
//! trip through `formats::import`.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod layers_common;

use std::collections::{BTreeMap, BTreeSet};

use gloss_core::formats::{
    self, detect, labelstudio, merge_into, Detected, FileError, Format, Imported, Parsed,
};
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Label, Span, Timestamp,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

const EXPORT: &str = include_str!("fixtures/labelstudio/export.json");

/// A named file and the (label, quote) pairs it gives.
type Case = (&'static str, &'static str, &'static [(Label, &'static str)]);

fn merged(parsed: Parsed) -> Imported {
    merge_into(parsed, &BTreeMap::new(), None, Timestamp(9))
}

/// (label, quote, note) of a document's annotations, in text order.
fn marks(doc: &Document) -> Vec<(Label, String, String)> {
    doc.annotations
        .iter()
        .map(|a| (a.label, doc.quote(a.span).to_owned(), a.note.clone()))
        .collect()
}

fn mark(label: Label, quote: &str, note: &str) -> (Label, String, String) {
    (label, quote.to_owned(), note.to_owned())
}

fn reasons(parsed: &Parsed) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

fn has(reasons: &[String], parts: &[&str]) -> bool {
    reasons.iter().any(|r| parts.iter().all(|p| r.contains(p)))
}

fn annotation(n: u128, label: Label, start: usize, end: usize, at: i64) -> Annotation {
    Annotation::new(
        AnnotationId(Uuid::from_u128(n)),
        label,
        Span { start, end },
        Timestamp(at),
    )
}

#[test]
fn export_writes_tasks_with_regions_and_per_region_notes() {
    let text = "😀 Olena said: rain";
    let mut doc = Document::new(
        "Weather".into(),
        ArticleDate::parse("2025-03-14"),
        text.into(),
        Timestamp(1),
    );
    doc.id = DocumentId(Uuid::from_u128(5));
    let mut actor = annotation(1, Label::Actor, 2, 7, 1_700_000_000_000);
    actor.note = "check \"the\" name".into();
    actor.updated_at = Timestamp(1_700_000_005_000);
    let claim = annotation(2, Label::Claim, 14, 18, 1_700_000_001_000);
    doc.annotations = vec![actor, claim];
    let empty = Document::new("Empty".into(), None, "Nothing marked.".into(), Timestamp(1));
    let out = labelstudio::export(&[&doc, &empty]).expect("exports");
    let value: Value = serde_json::from_str(&out).expect("JSON");
    let id1 = "00000000-0000-0000-0000-000000000001";
    let id2 = "00000000-0000-0000-0000-000000000002";
    assert_eq!(
        value,
        json!([
            {
                "data": {"text": text, "title": "Weather", "date": "2025-03-14"},
                "annotations": [{
                    "result": [
                        {"id": id1, "from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"start": 2, "end": 7, "text": "Olena", "labels": ["Actor"]}},
                        {"id": id1, "from_name": "note", "to_name": "text", "type": "textarea",
                         "value": {"start": 2, "end": 7, "text": ["check \"the\" name"]}},
                        {"id": id2, "from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"start": 14, "end": 18, "text": "rain", "labels": ["Claim"]}},
                    ],
                    "created_at": "2023-11-14T22:13:20Z",
                    "updated_at": "2023-11-14T22:13:25Z",
                    "ground_truth": false,
                }],
            },
            {
                "data": {"text": "Nothing marked.", "title": "Empty", "date": null},
                "annotations": [],
            },
        ])
    );
    assert_eq!(
        detect(out.as_bytes()),
        Detected::Format(Format::LabelStudio)
    );
}

#[test]
fn config_names_what_the_export_uses() {
    let config = labelstudio::config();
    for part in [
        "<View>",
        r#"<Labels name="label" toName="text">"#,
        r##"<Label value="Claim" background="#e69f00"/>"##,
        r##"<Label value="Quote" background="#0072b2"/>"##,
        r##"<Label value="Actor" background="#009e73"/>"##,
        r#"<Text name="text" value="$text"/>"#,
        r#"name="note" toName="text" perRegion="true""#,
        "</View>",
    ] {
        assert!(config.contains(part), "{part} in\n{config}");
    }
    // Balanced tags: every opened element is closed (a rough check without an XML parser).
    let opened = config.matches("<View").count() + config.matches("<Labels").count();
    let closed = config.matches("</View>").count() + config.matches("</Labels>").count();
    assert_eq!(opened, closed, "{config}");
    let file = formats::label_studio_config();
    assert_eq!(file.mime, "application/xml");
    assert_eq!(file.bytes, config.into_bytes());
}

#[test]
fn reads_an_export_of_label_studio() {
    assert_eq!(
        detect(EXPORT.as_bytes()),
        Detected::Format(Format::LabelStudio)
    );
    let parsed = formats::import(EXPORT.as_bytes(), Timestamp(5)).expect("reads");
    let problems = reasons(&parsed);
    let imported = merged(parsed.clone());
    assert_eq!(
        imported.problems, parsed.problems,
        "the second annotator's copy is no problem"
    );
    assert_eq!(imported.documents.len(), 3, "{problems:#?}");

    // Task 1: emoji and CRLF text; code point offsets, UTF-16 offsets (reg-b), several labels
    // on one region (reg-c), a per-region note, a second annotator.
    let first = &imported.documents[0];
    assert_eq!(&*first.text, "😀 Olena said: rain\nis coming");
    assert_eq!(first.title, "Weather");
    assert_eq!(first.date, ArticleDate::parse("2025-03-14"));
    assert_eq!(
        first.extra.get("url"),
        Some(&json!("https://example.org/weather"))
    );
    assert_eq!(
        marks(first),
        [
            mark(Label::Actor, "Olena", "Check the name\nand the title"),
            mark(Label::Claim, "rain\nis coming", ""),
            mark(Label::Quote, "rain\nis coming", ""),
            mark(Label::Claim, "rain", ""),
            mark(Label::Claim, "is", ""),
        ]
    );
    let actor = &first.annotations[0];
    assert_eq!(actor.created_at.0, 1_742_029_200_123, "the set's creation");
    let is = &first.annotations[4];
    assert_eq!(
        is.created_at.0, 1_742_119_200_000,
        "the second set's creation"
    );
    for parts in [
        &["Label “PER”", "1 annotation skipped"][..],
        &[
            "Task 1 (“Weather”)",
            "reg-e",
            "“Olena”",
            "not what its offsets 0–5 give",
        ],
        &["Task 1 (“Weather”)", "1 predicted region not imported"],
        &["Results", "1 relation between regions skipped"],
        &["Results", "1 result of type “choices” skipped"],
        &["Results", "1 text answer not tied to a labelled region"],
        &["Results", "1 result of type “hypertextlabels” skipped"],
        &["Task 3", "no data.text", "“content”"],
    ] {
        assert!(has(&problems, parts), "{parts:?} in {problems:#?}");
    }
    assert_eq!(problems.len(), 8, "{problems:#?}");

    // Task 2: no annotations by people, so the model's predictions are read.
    let second = &imported.documents[1];
    assert_eq!(marks(second), [mark(Label::Claim, "bridge", "")]);
    assert_eq!(second.title, "The bridge stays open.");
    assert_eq!(second.date, None);

    // Task 4: only a region of HTML, which Gloss does not read.
    assert_eq!(&*imported.documents[2].text, "Hypertext task");
    assert!(imported.documents[2].annotations.is_empty());
}

/// A layer is an annotation set (the curated one the gold set, `ground_truth`); each region's
/// `meta` says whose it is, as Label Studio keeps a region's meta; all comes back, two
/// people's marks on the same words stay two, and importing the file again adds nothing.
#[test]
fn layers_travel_as_annotation_sets_and_region_meta() {
    use layers_common::{article, cases, import, layered, library, the_article};
    use std::collections::BTreeMap as Map;
    for (case, marks) in cases() {
        let doc = article(&marks);
        let json = labelstudio::export(&[&doc]).expect("exports");
        let tasks: Value = serde_json::from_str(&json).expect("JSON");
        let sets = tasks[0]["annotations"].as_array().expect("sets");
        // Each set holds one layer; the sets are the article's layers, each once.
        let mut layers: Vec<(Option<String>, bool)> = doc
            .annotations
            .iter()
            .map(|a| (a.created_by.clone(), a.curated))
            .collect();
        layers.sort_by_key(|(by, curated)| (*curated, by.clone()));
        layers.dedup();
        assert_eq!(sets.len(), layers.len(), "{case}");
        let by_id: Map<String, &Annotation> = doc
            .annotations
            .iter()
            .map(|a| (a.id.to_string(), a))
            .collect();
        for (set, (by, curated)) in sets.iter().zip(&layers) {
            assert_eq!(set["ground_truth"], json!(curated), "{case}");
            assert!(
                set.get("completed_by").is_none(),
                "{case}: Label Studio's users only"
            );
            for region in set["result"].as_array().expect("results") {
                if region["type"] != "labels" {
                    continue;
                }
                let a = by_id[region["id"].as_str().expect("an id")];
                assert_eq!((&a.created_by, a.curated), (by, *curated), "{case}");
                let meta = region.get("meta");
                let said = |key: &str| meta.and_then(|m| m.get(key)).cloned();
                assert_eq!(said("created_by"), by.as_ref().map(|b| json!(b)), "{case}");
                assert_eq!(said("curated"), curated.then(|| json!(true)), "{case}");
            }
        }
        let imported = import(json.as_bytes(), &library(&[]), case);
        let back = the_article(&imported, case);
        assert_eq!(layered(&back), layered(&doc), "{case}");
        let again = import(json.as_bytes(), &library(&[&back]), case);
        assert_eq!(again.annotations_added, 0, "{case}: nothing twice");
    }
}

/// Label Studio's own users (`completed_by`) and its gold flag do not make layers: a file
/// without Gloss's region meta comes in as the importing person's own, several annotators'
/// same marks kept once, as before. A region without meta goes where its set's others are.
#[test]
fn layers_of_files_label_studio_wrote() {
    let imported = merged(formats::import(EXPORT.as_bytes(), Timestamp(5)).expect("reads"));
    for doc in &imported.documents {
        if !doc.annotations.is_empty() {
            layers_common::all_mine(doc, &doc.title);
        }
    }
    let region = |id: &str, start: u64, end: u64, label: &str, meta: Value| {
        json!({"id": id, "type": "labels", "from_name": "label", "to_name": "text",
               "value": {"start": start, "end": end, "labels": [label]}, "meta": meta})
    };
    let task = |sets: Value| json!([{"data": {"text": "Ana said no."}, "annotations": sets}]);
    // (case, file, (label, words, created_by, curated) wanted, a problem reported)
    type Want = (Label, &'static str, Option<&'static str>, bool);
    let cases: Vec<(&str, Value, Vec<Want>, bool)> = vec![
        (
            "gold and completed_by say nothing of Gloss's layers",
            task(json!([
                {"completed_by": 3, "ground_truth": true, "result": [region("a", 0, 3, "Actor", json!({}))]},
                {"completed_by": {"email": "b@x.org"}, "result": [region("b", 0, 3, "Actor", json!(null))]},
            ])),
            vec![(Label::Actor, "Ana", None, false)],
            false,
        ),
        (
            "a region drawn in Label Studio joins its set's layer",
            task(json!([
                {"result": [
                    region("a", 0, 3, "Actor", json!({"created_by": "Ana"})),
                    region("b", 9, 11, "Claim", json!({"text": ["a remark"]})),
                ]},
            ])),
            vec![
                (Label::Actor, "Ana", Some("Ana"), false),
                (Label::Claim, "no", Some("Ana"), false),
            ],
            false,
        ),
        (
            "a set whose regions disagree: a region that says nothing is one's own",
            task(json!([
                {"result": [
                    region("a", 0, 3, "Actor", json!({"created_by": "Ana"})),
                    region("b", 0, 3, "Actor", json!({"created_by": "Cleo", "curated": true})),
                    region("c", 9, 11, "Claim", json!(null)),
                ]},
            ])),
            vec![
                (Label::Actor, "Ana", Some("Ana"), false),
                (Label::Actor, "Ana", Some("Cleo"), true),
                (Label::Claim, "no", None, false),
            ],
            false,
        ),
        (
            "the same words in two sets of one layer: kept once",
            task(json!([
                {"result": [region("a", 0, 3, "Actor", json!({"created_by": "Ana"}))]},
                {"result": [region("b", 0, 3, "Actor", json!({"created_by": " Ana "}))]},
            ])),
            vec![(Label::Actor, "Ana", Some("Ana"), false)],
            false,
        ),
        (
            "a name that is no text, curated that is no yes or no",
            task(json!([
                {"result": [region("a", 0, 3, "Actor", json!({"created_by": 7, "curated": "yes"}))]},
            ])),
            vec![(Label::Actor, "Ana", None, false)],
            true,
        ),
    ];
    for (case, file, want, problem) in cases {
        let parsed = formats::import(file.to_string().as_bytes(), Timestamp(5)).expect(case);
        assert_eq!(
            !parsed.problems.is_empty(),
            problem,
            "{case}: {:?}",
            reasons(&parsed)
        );
        let imported = merged(parsed);
        let doc = &imported.documents[0];
        let mut got: Vec<(Label, String, Option<String>, bool)> = layers_common::layered(doc);
        got.sort();
        let mut want: Vec<(Label, String, Option<String>, bool)> = want
            .into_iter()
            .map(|(l, w, by, c)| (l, w.to_owned(), by.map(str::to_owned), c))
            .collect();
        want.sort();
        assert_eq!(got, want, "{case}");
    }
}

#[test]
fn one_task_and_older_shapes() {
    let cases: &[Case] = &[
        (
            "a single task object",
            r#"{"data": {"text": "Ana said no."}, "annotations": [{"result": [{"id": "a", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 0, "end": 3, "labels": ["Actor"]}}]}]}"#,
            &[(Label::Actor, "Ana")],
        ),
        (
            "Label Studio before 1.0: completions",
            r#"[{"id": 1, "data": {"text": "Ana said no."}, "completions": [{"result": [{"id": "a", "type": "labels", "from_name": "label", "to_name": "text", "value": {"start": 4, "end": 8, "text": "said", "labels": ["QUOTE"]}}]}]}]"#,
            &[(Label::Quote, "said")],
        ),
        (
            "a region's id is kept when it is a UUID",
            r#"[{"data": {"text": "Ana said no."}, "annotations": [{"result": [{"id": "00000000-0000-0000-0000-00000000002a", "type": "labels", "value": {"start": 9, "end": 11, "text": "no", "labels": ["Claim"]}}]}]}]"#,
            &[(Label::Claim, "no")],
        ),
    ];
    for (name, file, want) in cases {
        assert_eq!(
            detect(file.as_bytes()),
            Detected::Format(Format::LabelStudio),
            "{name}"
        );
        let parsed = formats::import(file.as_bytes(), Timestamp(1)).expect(name);
        assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
        let imported = merged(parsed);
        let doc = &imported.documents[0];
        let got: Vec<(Label, String)> = doc
            .annotations
            .iter()
            .map(|a| (a.label, doc.quote(a.span).to_owned()))
            .collect();
        let want: Vec<(Label, String)> = want.iter().map(|(l, q)| (*l, q.to_string())).collect();
        assert_eq!(got, want, "{name}");
    }
    let parsed = labelstudio::import(cases[2].1.as_bytes(), Timestamp(1)).expect("reads");
    assert_eq!(
        parsed.documents[0].incoming[0].annotation.id,
        AnnotationId(Uuid::from_u128(42))
    );
}

#[test]
fn one_id_names_one_annotation() {
    // Two labels on one region, and a second annotator's region that kept the first's id.
    let id = "00000000-0000-0000-0000-000000000007";
    let file = format!(
        r#"[{{"data": {{"text": "Ana said no."}}, "annotations": [
            {{"result": [{{"id": "{id}", "type": "labels", "value": {{"start": 0, "end": 3, "labels": ["Actor", "Claim"]}}}}]}},
            {{"result": [{{"id": "{id}", "type": "labels", "value": {{"start": 4, "end": 8, "labels": ["Claim"]}}}}]}}
        ]}}]"#
    );
    let parsed = labelstudio::import(file.as_bytes(), Timestamp(1)).expect("reads");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let imported = merged(parsed);
    let doc = &imported.documents[0];
    let ids: BTreeSet<AnnotationId> = doc.annotations.iter().map(|a| a.id).collect();
    assert_eq!(ids.len(), 3, "{:?}", doc.annotations);
    let own: Vec<(Label, &str)> = doc
        .annotations
        .iter()
        .filter(|a| a.id == AnnotationId(Uuid::from_u128(7)))
        .map(|a| (a.label, doc.quote(a.span)))
        .collect();
    assert_eq!(own, [(Label::Actor, "Ana")]);
}

#[test]
fn refused_files() {
    let many: String = format!("[{}]", vec![r#"{"data": {"text": "a"}}"#; 1_001].join(","));
    let region = r#"{"type": "labels", "value": {"start": 0, "end": 1, "labels": ["Claim"]}}"#;
    let regions = format!(
        r#"[{{"data": {{"text": "a"}}, "annotations": [{{"result": [{}]}}]}}]"#,
        vec![region; 200_001].join(",")
    );
    let cases: Vec<(&str, Vec<u8>, FileError)> = vec![
        (
            "more tasks than Gloss imports at once",
            many.into_bytes(),
            FileError::TooManyDocuments(1_001),
        ),
        (
            "more results than Gloss imports at once",
            regions.into_bytes(),
            FileError::TooManyAnnotations(200_001),
        ),
        (
            "cut off",
            br#"[{"data": {"text": "a"}"#.to_vec(),
            FileError::Truncated { line: 1 },
        ),
        (
            "not UTF-8",
            b"[{\"data\": \"\xff\"}]".to_vec(),
            FileError::NotUtf8,
        ),
        (
            "neither a list nor a task",
            b"\"text\"".to_vec(),
            FileError::invalid(
                "Label Studio JSON",
                "it is neither a list of tasks nor a task",
            ),
        ),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(
            labelstudio::import(&bytes, Timestamp(1)),
            Err(want),
            "{name}"
        );
    }
}

#[test]
fn import_never_panics_on_odd_values() {
    for file in [
        r#"[1, "a", null]"#,
        r#"[{"data": 5}]"#,
        r#"[{"data": {"text": 5}}]"#,
        r#"[{"data": {"text": "abc", "date": 3}, "annotations": 3}]"#,
        r#"[{"data": {"text": "abc"}, "annotations": [3, {"result": 4}]}]"#,
        r#"[{"data": {"text": "abc"}, "annotations": [{"result": [3, {"type": 4}, {"type": "labels"}]}]}]"#,
        r#"[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": {"start": -1, "end": 2, "labels": ["Claim"]}}]}]}]"#,
        r#"[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 2, "labels": []}}]}]}]"#,
        r#"[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 99999999999999999999, "labels": ["Claim"]}}]}]}]"#,
    ] {
        if let Ok(parsed) = labelstudio::import(file.as_bytes(), Timestamp(1)) {
            assert!(!parsed.problems.is_empty(), "{file}: some problem reported");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Any article exports to Label Studio JSON that imports back (detected by content) into
    /// an empty library with the same text, labelled spans and notes.
    #[test]
    fn round_trip(
        text in common::article_text(),
        picks in prop::collection::vec(
            (any::<prop::sample::Index>(), 1usize..6, 0usize..3, "[a-z<>&\"=\n ]{0,8}"),
            0..8,
        ),
        title in "[A-Za-z “”é]{0,12}",
    ) {
        let bounds = common::boundaries(&text);
        let mut doc = Document::new(title, None, text.as_str().into(), Timestamp(3));
        let mut want = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for (n, (at, len, label, note)) in picks.into_iter().enumerate() {
            let i = at.index(bounds.len() - 1);
            let j = (i + len).min(bounds.len() - 1);
            let span = Span { start: bounds[i], end: bounds[j] };
            if !seen.insert((span, Label::ALL[label])) { continue; }
            want.insert((span, Label::ALL[label], note.clone()));
            let mut a = annotation(100 + n as u128, Label::ALL[label], span.start, span.end, 4);
            a.note = note;
            doc.annotations.push(a);
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        let file = labelstudio::export(&[&doc]).unwrap();
        let parsed = formats::import(file.as_bytes(), Timestamp(4)).unwrap();
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let imported = merged(parsed);
        prop_assert_eq!(imported.documents.len(), 1);
        let back = &imported.documents[0];
        prop_assert_eq!(&*back.text, text.as_str());
        let got: BTreeSet<(Span, Label, String)> =
            back.annotations.iter().map(|a| (a.span, a.label, a.note.clone())).collect();
        prop_assert_eq!(got, want);
        // Gloss's ids travel as the regions' ids.
        let ids: BTreeSet<AnnotationId> = back.annotations.iter().map(|a| a.id).collect();
        let sent: BTreeSet<AnnotationId> = doc.annotations.iter().map(|a| a.id).collect();
        prop_assert_eq!(ids, sent);
    }

    /// Arbitrary text, and text made of JSON's punctuation, never makes the reader panic.
    #[test]
    fn import_never_panics(
        any_text in ".{0,300}",
        jsonish in "[\\[\\]{}\":,0-9a-z \n\\\\]{0,300}",
    ) {
        let _ = labelstudio::import(any_text.as_bytes(), Timestamp(0));
        let _ = labelstudio::import(jsonish.as_bytes(), Timestamp(0));
    }
}
