//! Files made by the other tools' own code (spaCy, brat, Label Studio, doccano) and shaped as
//! Hypothesis writes them, from tests/fixtures/interop (see its README: which tool and version
//! made which file). Each is imported through `formats::import` or `formats::import_files` as a
//! person would, and every span must land on the characters `expected.json` gives, with its
//! label and (where the file carries it) its note. `files.json` says which spans each file holds.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use gloss_core::formats::{self, merge_into, Arrival, Imported, Parsed};
use gloss_core::model::{Document, DocumentId, Label, Timestamp};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/interop")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One expected span: (label, start, end, quote, note).
type Expected = (Label, usize, usize, String, String);

fn expected() -> (String, Vec<Expected>) {
    let e = json("expected.json");
    let text = e["text"].as_str().expect("text").to_owned();
    let spans = e["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .map(|s| {
            let label = Label::ALL
                .into_iter()
                .find(|l| l.slug() == s["label"].as_str().unwrap_or(""))
                .expect("label");
            let start = s["start"].as_u64().expect("start") as usize;
            let end = s["end"].as_u64().expect("end") as usize;
            (
                label,
                start,
                end,
                s["quote"].as_str().unwrap_or("").to_owned(),
                s["note"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (text, spans)
}

/// Which spans (indexes into expected) and which notes a file holds.
fn holds(file: &str) -> (Vec<usize>, Vec<usize>) {
    let f = &json("files.json")[file];
    let ids = |key: &str| -> Vec<usize> {
        f[key]
            .as_array()
            .unwrap_or_else(|| panic!("files.json: {file}.{key}"))
            .iter()
            .filter_map(Value::as_u64)
            .map(|n| n as usize)
            .collect()
    };
    (ids("spans"), ids("notes"))
}

fn merged(parsed: Parsed, library: &BTreeMap<DocumentId, Rc<Document>>) -> Imported {
    let open = library.keys().next().copied();
    merge_into(parsed, library, open, Timestamp(9))
}

/// The article's annotations as (label, start, end, quote, note), in text order.
fn found(doc: &Document) -> Vec<Expected> {
    let mut out: Vec<Expected> = doc
        .annotations
        .iter()
        .map(|a| {
            (
                a.label,
                a.span.start,
                a.span.end,
                doc.quote(a.span).to_owned(),
                a.note.clone(),
            )
        })
        .collect();
    out.sort_by_key(|x| (x.1, x.2, x.0.slug()));
    out
}

/// Checks one imported file against expected.json as files.json says.
fn check(file: &str, imported: &Imported) {
    let (text, all) = expected();
    let (spans, notes) = holds(file);
    assert_eq!(imported.documents.len(), 1, "{file}: one article");
    assert!(
        imported.orphans.is_empty(),
        "{file}: {:?}",
        imported.orphans
    );
    let doc = &imported.documents[0];
    assert_eq!(&*doc.text, text, "{file}: the canonical text");
    let mut want: Vec<Expected> = spans
        .iter()
        .map(|&i| {
            let (label, start, end, quote, note) = all[i].clone();
            assert_eq!(
                text.chars()
                    .skip(start)
                    .take(end - start)
                    .collect::<String>(),
                quote
            );
            // brat's note line cannot hold a line break: it is written as a space (files.json).
            let note = match notes.contains(&i) {
                true if file.starts_with("brat/") => note.replace('\n', " "),
                true => note,
                false => String::new(),
            };
            (label, start, end, quote, note)
        })
        .collect();
    want.sort_by_key(|x| (x.1, x.2, x.0.slug()));
    let mut got = found(doc);
    if notes.is_empty() {
        for g in &mut got {
            g.4.clear();
        }
    }
    assert_eq!(got, want, "{file}: every span on the expected characters");
}

fn import_one(file: &str) -> Imported {
    let parsed = formats::import(&read(file), Timestamp(1))
        .unwrap_or_else(|e| panic!("{file}: refused: {e}"));
    merged(parsed, &BTreeMap::new())
}

#[test]
fn spacy_spans_written_from_char_span_open_as_the_article() {
    let imported = import_one("spacy/spans.jsonl");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    check("spacy/spans.jsonl", &imported);
}

#[test]
fn doccano_exports_lf_and_crlf_land_on_the_same_characters() {
    for file in ["doccano/export.jsonl", "doccano/export-crlf.jsonl"] {
        let imported = import_one(file);
        check(file, &imported);
        // doccano's export holds a label Gloss has not: skipped by name and count.
        let reasons: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("place") && r.contains("2 annotations")),
            "{file}: {reasons:?}"
        );
    }
}

#[test]
fn label_studio_tasks_with_their_notes() {
    let imported = import_one("labelstudio/tasks.json");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    check("labelstudio/tasks.json", &imported);
}

#[test]
fn brat_pairs_lf_and_crlf_chosen_together() {
    for folder in ["brat/lf", "brat/crlf"] {
        let files: Vec<(String, Vec<u8>)> = ["tidal-mill.txt", "tidal-mill.ann"]
            .iter()
            .map(|n| (n.to_string(), read(&format!("{folder}/{n}"))))
            .collect();
        let arrivals = formats::import_files(files, false, Timestamp(1));
        let [Arrival::Import { file, .. }] = arrivals.as_slice() else {
            panic!("{folder}: one import, got {arrivals:?}");
        };
        let parsed = file
            .clone()
            .unwrap_or_else(|e| panic!("{folder}: refused: {e}"));
        let imported = merged(parsed, &BTreeMap::new());
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        check(folder, &imported);
    }
}

/// The library holding the article, open: where W3C annotations from a web page go.
fn library_with_article() -> BTreeMap<DocumentId, Rc<Document>> {
    let (text, _) = expected();
    let doc = Document::new("Tidal mill".into(), None, text.into(), Timestamp(1));
    BTreeMap::from([(doc.id, Rc::new(doc))])
}

#[test]
fn hypothesis_utf16_positions_are_placed_on_the_open_article() {
    let parsed = formats::import(&read("w3c/hypothesis.json"), Timestamp(1)).expect("read");
    let imported = merged(parsed, &library_with_article());
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    check("w3c/hypothesis.json", &imported);
}

#[test]
fn a_paragraph_relative_position_is_not_taken_for_the_article_s() {
    let parsed = formats::import(&read("w3c/paragraph-relative.json"), Timestamp(1)).expect("read");
    let imported = merged(parsed, &library_with_article());
    check("w3c/paragraph-relative.json", &imported);
}

#[test]
fn shapes_gloss_does_not_read_are_refused_with_a_reason() {
    // spaCy's Doc.to_json() is not an interchange format Gloss reads: it says what it expected.
    let refused = formats::import(&read("spacy/doc.json"), Timestamp(1));
    let reason = refused.expect_err("spaCy Doc.to_json").to_string();
    assert!(reason.contains("not a Gloss JSON file"), "{reason}");
}

#[test]
fn label_studio_json_min_export_is_read_for_its_spans() {
    // JSON-MIN keeps the regions with their text but loses which note was whose: spans only.
    let imported = import_one("labelstudio/json-min.json");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert!(imported.documents[0]
        .annotations
        .iter()
        .all(|a| a.note.is_empty()));
    let (spans, _) = holds("labelstudio/json-min.json");
    let (_, all) = expected();
    let got = found(&imported.documents[0]);
    let mut want: Vec<Expected> = spans
        .iter()
        .map(|&i| {
            let (l, s, e, q, _) = all[i].clone();
            (l, s, e, q, String::new())
        })
        .collect();
    want.sort_by_key(|x| (x.1, x.2, x.0.slug()));
    assert_eq!(got, want);
}
