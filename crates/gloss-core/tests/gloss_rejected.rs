//! Gloss JSON version 4: the suggestions a person rejected travel with each article
//! (`"rejected_suggestions"`), read back exactly, merged as a union on import, every entry that
//! is not valid left out with its reason; version 3 files import with none.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{export, import};
use gloss_core::model::{Document, DocumentId, Label, Rejection, Span, Timestamp};
use serde_json::{json, Value};

use common::{assert_valid, fixture};

fn none() -> BTreeMap<DocumentId, Rc<Document>> {
    BTreeMap::new()
}

fn rejected(label: Label, start: usize, end: usize) -> Rejection {
    Rejection {
        label,
        span: Span { start, end },
    }
}

#[test]
fn the_version_4_fixture_imports_its_rejections_and_round_trips() {
    let json = fixture("gloss-v4.json");
    assert_valid(&serde_json::from_str(&json).expect("JSON"));
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let d = &imported.documents[0];
    assert_eq!(
        d.rejected,
        [
            rejected(Label::Quote, 171, 241),
            rejected(Label::Actor, 83, 89)
        ]
    );
    assert_eq!(d.quote(Span { start: 83, end: 89 }), "Monday");
    let again = export(&[d], Timestamp(4)).expect("exports");
    let mut want: Value = serde_json::from_str(&json).expect("JSON");
    let mut got: Value = serde_json::from_str(&again).expect("JSON");
    want["exported_at"] = Value::Null;
    got["exported_at"] = Value::Null;
    // Written as the current version, everything else as it was read.
    want["version"] = gloss_core::formats::gloss::VERSION.into();
    assert_eq!(got, want);
}

#[test]
fn a_version_3_file_imports_with_none_and_writes_none() {
    let imported = import(&fixture("gloss-v3.json"), &none(), Timestamp(4)).expect("imports");
    let d = &imported.documents[0];
    assert!(d.rejected.is_empty());
    let out = export(&[d], Timestamp(5)).expect("exports");
    assert!(!out.contains("rejected_suggestions"));
    let value: Value = serde_json::from_str(&out).expect("JSON");
    assert_valid(&value);
    assert_eq!(value["version"], 5);
}

/// The version 4 fixture with its document's `rejected_suggestions` set to `list`.
fn with_rejections(list: Value) -> String {
    let mut value: Value = serde_json::from_str(&fixture("gloss-v4.json")).expect("JSON");
    value["documents"][0]["rejected_suggestions"] = list;
    value.to_string()
}

#[test]
fn entries_that_are_not_valid_are_left_out_with_their_reason() {
    let cases: &[(&str, Value, &[Rejection], &str)] = &[
        (
            "not a list",
            json!({"label": "quote"}),
            &[],
            "is not a list",
        ),
        (
            "an unknown label",
            json!([{"label": "speaker", "start": 1, "end": 2}]),
            &[],
            "label “speaker” is not claim, quote or actor",
        ),
        (
            "no end",
            json!([{"label": "quote", "start": 1}]),
            &[],
            "start or end is missing",
        ),
        (
            "reversed",
            json!([{"label": "quote", "start": 9, "end": 2}]),
            &[],
            "ends before it starts",
        ),
        (
            "past the text",
            json!([{"label": "actor", "start": 1, "end": 9999}]),
            &[],
            "past the text's end",
        ),
        (
            "the same twice: once, no problem",
            json!([{"label": "actor", "start": 1, "end": 4}, {"label": "actor", "start": 1, "end": 4}]),
            &[Rejection {
                label: Label::Actor,
                span: Span { start: 1, end: 4 },
            }],
            "",
        ),
        ("null: none", Value::Null, &[], ""),
    ];
    for (name, list, want, reason) in cases {
        let imported = import(&with_rejections(list.clone()), &none(), Timestamp(4)).expect(name);
        assert_eq!(imported.documents[0].rejected, *want, "case {name}");
        let problems: Vec<String> = imported.problems.iter().map(|p| p.reason.clone()).collect();
        if reason.is_empty() {
            assert!(problems.is_empty(), "case {name}: {problems:?}");
        } else {
            assert!(
                problems.len() == 1 && problems[0].contains(reason),
                "case {name}: {problems:?}"
            );
        }
    }
}

#[test]
fn importing_into_an_article_takes_the_union() {
    let first = import(&fixture("gloss-v4.json"), &none(), Timestamp(4)).expect("imports");
    let mut doc = first.documents[0].clone();
    doc.rejected = vec![rejected(Label::Claim, 0, 7), rejected(Label::Actor, 83, 89)];
    let mut library = BTreeMap::new();
    library.insert(doc.id, Rc::new(doc.clone()));
    let merged = import(&fixture("gloss-v4.json"), &library, Timestamp(9)).expect("imports");
    let after = &merged.documents[0];
    assert_eq!(
        after.rejected,
        [
            rejected(Label::Claim, 0, 7),
            rejected(Label::Quote, 171, 241),
            rejected(Label::Actor, 83, 89)
        ]
    );
    assert!(
        after.revision > doc.revision,
        "a new revision, so it is saved"
    );
    // Nothing new: the article is unchanged.
    library.insert(after.id, Rc::new(after.clone()));
    let again = import(&fixture("gloss-v4.json"), &library, Timestamp(10)).expect("imports");
    assert!(again.documents.is_empty());
    assert_eq!(again.unchanged, 1);
}
