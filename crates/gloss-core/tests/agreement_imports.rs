//! "Compare annotators" the way the browser does it, on whole articles: two people open the same
//! article file in their own browsers (two documents, two document ids), each marks it under
//! their name and exports Gloss JSON; a third browser, starting from an empty library, imports
//! Ana's file and then Ben's. The two files must make ONE article with two layers, "Ana" and
//! "Ben", whose agreement figures are the reference implementations'.
//!
//! The articles: the seed (`../shared/articles/seed-ceasefire.txt`, outside the repository;
//! skipped, saying so, when it is not there) and the project's own
//! `tests/fixtures/agreement/ceasefire-like.txt`. Their marks are in
//! `tests/fixtures/agreement/<name>.marks.json`, located by short phrases (the rules:
//! `tests/agreement/reference.py`'s header); the reference values in `<name>.expected.json`,
//! written by `target/agree-venv/bin/python tests/agreement/reference.py` (see
//! `docs/AGREEMENT.md`), which runs [`resolved_inputs`] first and checks that Gloss and the
//! script read the same text and resolve the phrases to the same offsets.
//!
//! Every value, observed and expected figure must match to 1e-9 (and so to the three decimals
//! the browser shows; that is checked too), the units exactly. The expected file also holds the
//! text's length and SHA-256, the tokens and the resolved offsets: a stale expected file fails
//! here rather than comparing figures of other marks.
//!
//! Written as a side effect, for the end-to-end test (`tests/e2e/agreement-files.mjs`):
//! `target/agreement/<name>.ana.gloss.json` and `<name>.ben.gloss.json`, the two exports.
#![cfg(not(target_arch = "wasm32"))]

mod agreement_common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;

use agreement_common::{article_path, check, dir, expected_key, key_of, read, resolve, root};
use gloss_core::agree::tokens::tokens;
use gloss_core::agree::{compare, layers_of, Article, Layer};
use gloss_core::formats::gloss::{export, import};
use gloss_core::model::text::{decode_text, prepare_article, PreparedArticle};
use gloss_core::model::{Annotation, AnnotationId, Document, DocumentId, Timestamp};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const TOLERANCE: f64 = 1e-9;
/// 2026-05-02T00:00:00Z.
const AT: i64 = 1_777_680_000_000;
const ARTICLES: [&str; 2] = ["seed", "ceasefire-like"];

fn out_dir() -> PathBuf {
    let dir = root().join("target/agreement");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
    dir
}

/// A marks file and its article, opened as "Open file" opens it (`decode_text`, then
/// `prepare_article` with the file's name); `None` when the article is not there.
fn open(name: &str) -> Option<(Value, PreparedArticle)> {
    let marks = read(&dir().join(format!("{name}.marks.json")));
    let path = article_path(marks["article"].as_str().expect("article"));
    let Ok(bytes) = std::fs::read(&path) else {
        println!(
            "{name}: skipped, the article is not at {path:?} (it lives outside the repository)"
        );
        return None;
    };
    let file_name = path.file_name().expect("a file").to_string_lossy();
    let text = decode_text(&bytes).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let prepared =
        prepare_article(&text, "", Some(&file_name)).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    Some((marks, prepared))
}

fn marks_json(layers: &[Layer]) -> Value {
    layers
        .iter()
        .map(|l| {
            json!({
                "annotator": l.annotator,
                "marks": l.marks.iter().map(|(label, span)| json!([label.slug(), span.start, span.end])).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// Writes `target/agreement/<name>.input.json` for each article that is there: the canonical
/// text and the marks located by Gloss, in the shape of the `*.input.json` fixtures. Run by
/// `tests/agreement/reference.py` before it computes the reference values.
#[test]
fn resolved_inputs() {
    for name in ARTICLES {
        let Some((marks, prepared)) = open(name) else {
            continue;
        };
        let chars: Vec<char> = prepared.text.chars().collect();
        let layers: Vec<Value> = resolve(&marks, &prepared.text)
            .iter()
            .map(|l| {
                json!({
                    "annotator": l.annotator,
                    "marks": l.marks.iter().map(|(label, span)| json!({
                        "label": label.slug(),
                        "start": span.start,
                        "end": span.end,
                        "text": chars[span.start..span.end].iter().collect::<String>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let input = json!({"title": prepared.title, "text": prepared.text, "layers": layers});
        let path = out_dir().join(format!("{name}.input.json"));
        let text = serde_json::to_string_pretty(&input).expect("JSON") + "\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    }
}

/// One annotator's browser: the article opened anew (its own document id), their marks signed
/// with their name, exported as Gloss JSON.
fn export_of(prepared: &PreparedArticle, layer: &Layer, at: Timestamp) -> (DocumentId, String) {
    let mut doc = prepared.clone().into_document(at);
    doc.annotations = layer
        .marks
        .iter()
        .map(|&(label, span)| {
            let mut a = Annotation::new(AnnotationId::random(), label, span, at);
            a.created_by = Some(layer.annotator.clone());
            a
        })
        .collect();
    (doc.id, export(&[&doc], at).expect("exports"))
}

fn two_annotators_imported(name: &str) {
    let Some((marks, prepared)) = open(name) else {
        return;
    };
    let expected = read(&dir().join(format!("{name}.expected.json")));
    let layers = resolve(&marks, &prepared.text);

    // The reference values were computed on this text and these offsets.
    let text = &prepared.text;
    assert_eq!(
        Some(text.chars().count() as u64),
        expected["length"].as_u64(),
        "{name}: length"
    );
    let sha = format!("{:x}", Sha256::digest(text.as_bytes()));
    assert_eq!(
        Some(sha.as_str()),
        expected["text_sha256"].as_str(),
        "{name}: text"
    );
    let want_tokens: Vec<(usize, usize)> = expected["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| {
            (
                t[0].as_u64().unwrap() as usize,
                t[1].as_u64().unwrap() as usize,
            )
        })
        .collect();
    let got_tokens: Vec<(usize, usize)> = tokens(text).iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(got_tokens, want_tokens, "{name}: tokens");
    assert_eq!(
        marks_json(&layers),
        expected["marks"],
        "{name}: the marks' offsets (is {name}.expected.json stale? run tests/agreement/reference.py)"
    );
    let names: Vec<&str> = layers.iter().map(|l| l.annotator.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben"], "{name}: the annotators");

    // Two browsers, two exports.
    let files: Vec<(&Layer, DocumentId, String)> = layers
        .iter()
        .zip(1..)
        .map(|(layer, i)| {
            let (id, json) = export_of(&prepared, layer, Timestamp(AT + i * 60_000));
            let path = out_dir().join(format!(
                "{name}.{}.gloss.json",
                layer.annotator.to_lowercase()
            ));
            std::fs::write(&path, &json).unwrap_or_else(|e| panic!("{path:?}: {e}"));
            (layer, id, json)
        })
        .collect();
    assert_ne!(files[0].1, files[1].1, "two browsers, two document ids");

    // A third browser: an empty library, Ana's file, then Ben's.
    let mut library: BTreeMap<DocumentId, Rc<Document>> = BTreeMap::new();
    for (i, (layer, _, json)) in files.iter().enumerate() {
        let imported = import(json, &library, Timestamp(AT + 3_600_000 + i as i64))
            .unwrap_or_else(|e| panic!("{name}: {}'s file: {e}", layer.annotator));
        assert!(
            imported.problems.is_empty() && imported.orphans.is_empty(),
            "{name}: {}'s file: {:?} {:?}",
            layer.annotator,
            imported.problems,
            imported.orphans
        );
        assert_eq!(
            imported.annotations_added,
            layer.marks.len(),
            "{name}: every mark of {}",
            layer.annotator
        );
        for d in imported.documents {
            library.insert(d.id, Rc::new(d));
        }
    }
    assert_eq!(library.len(), 1, "{name}: the two files are one article");
    let doc = library.values().next().expect("one");
    assert_eq!(
        doc.id, files[0].1,
        "{name}: Ben's file joined Ana's article"
    );
    assert_eq!(&*doc.text, text.as_str(), "{name}: the same text");

    let got = layers_of(doc, None);
    let who: Vec<&str> = got.iter().map(|l| l.annotator.as_str()).collect();
    assert_eq!(who, ["Ana", "Ben"], "{name}: two layers");
    for (g, want) in got.iter().zip(&layers) {
        let mut g = g.marks.clone();
        let mut w = want.marks.clone();
        g.sort();
        w.sort();
        assert_eq!(g, w, "{name}: {}'s marks came through", want.annotator);
    }

    let report = compare(&Article {
        title: &doc.title,
        text: &doc.text,
        layers: &got,
    });
    check(name, &report.figures, &expected, TOLERANCE);
    // As the browser shows them: three decimals.
    let want: BTreeMap<_, _> = expected["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|v| (expected_key(v), v))
        .collect();
    let three = |x: Option<f64>| x.map(|x| format!("{x:.3}"));
    for f in &report.figures {
        let w = want[&key_of(f)];
        for (what, g) in [
            ("value", f.value),
            ("observed", f.observed),
            ("expected", f.expected),
        ] {
            assert_eq!(
                three(g),
                three(w[what].as_f64()),
                "{name} {:?} {what}",
                key_of(f)
            );
        }
    }
    let overall: Vec<String> = report
        .figures
        .iter()
        .filter(|f| f.label.is_none())
        .map(|f| format!("{} {:?}", f.measure.slug(), f.value))
        .collect();
    println!("{name}: {}", overall.join(", "));
}

#[test]
fn seed_article_two_annotators_exports_imported_agree_as_the_reference() {
    two_annotators_imported("seed");
}

#[test]
fn ceasefire_like_article_two_annotators_exports_imported_agree_as_the_reference() {
    two_annotators_imported("ceasefire-like");
}
