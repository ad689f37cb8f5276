//! W3C Web Annotation export: what it holds (the MUSTs that matter most, checked without the
//! test suite's files), and the round trip through a fresh profile. Import of other tools'
//! files: `w3c_import.rs`; the test suite's schemas: `w3c_schemas.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod layers_common;
mod w3c_fixtures;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use gloss_core::formats::time::from_rfc3339;
use gloss_core::formats::w3c::{export, import, ANNO_CONTEXT};
use gloss_core::formats::{self, merge_into};
use gloss_core::model::offsets::{snap_to_graphemes, TextIndex};
use gloss_core::model::{Document, Label, Span, Timestamp};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;
use w3c_fixtures::*;

// ---- export ------------------------------------------------------------------------------

#[test]
fn the_export_is_a_collection_with_one_embedded_page() {
    let doc = rich();
    let file = exported(&[&doc]);
    assert_eq!(file["@context"], ANNO_CONTEXT);
    assert_eq!(ANNO_CONTEXT, "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(file["type"], "AnnotationCollection");
    let id = file["id"].as_str().expect("an id");
    assert!(Uuid::parse_str(id.strip_prefix("urn:uuid:").expect("a urn:uuid: IRI")).is_ok());
    assert_eq!(file["total"], 5);
    assert_eq!(
        from_rfc3339(file["created"].as_str().expect("created")),
        Some(AT)
    );
    let label = file["label"].as_str().expect("a label");
    for part in [
        "5 annotations",
        "“Prices “rise””",
        "2025-03-14",
        "code points",
    ] {
        assert!(label.contains(part), "{label:?} lacks {part:?}");
    }
    let page = &file["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert_eq!(page["startIndex"], 0);
    assert_eq!(page["partOf"]["id"], file["id"]);
    let page_id = page["id"].as_str().expect("a page id");
    assert!(page_id.starts_with("urn:uuid:") && page_id != id);
    assert_eq!(items(&file).len(), 5);
}

#[test]
fn each_annotation_holds_its_label_note_times_and_both_selectors() {
    let doc = rich();
    let file = exported(&[&doc]);
    let source = format!("urn:sha256:{}", common::sha256_hex(TEXT));
    for (a, item) in doc.annotations.iter().zip(items(&file)) {
        let what = format!("{} {:?}", a.label, a.span);
        assert_eq!(item["@context"], ANNO_CONTEXT, "{what}");
        assert_eq!(item["type"], "Annotation", "{what}");
        assert_eq!(item["id"], format!("urn:uuid:{}", a.id), "{what}");
        let commented = !a.note.is_empty();
        assert_eq!(
            item["motivation"],
            if commented { "commenting" } else { "tagging" },
            "{what}"
        );
        assert_eq!(
            from_rfc3339(item["created"].as_str().unwrap()),
            Some(a.created_at)
        );
        assert_eq!(
            from_rfc3339(item["modified"].as_str().unwrap()),
            Some(a.updated_at)
        );
        let body = item["body"].as_array().expect("a body list");
        assert_eq!(
            body[0],
            json!({"type": "TextualBody", "purpose": "tagging", "value": a.label.slug()})
        );
        if commented {
            assert_eq!(
                body[1],
                json!({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"})
            );
        }
        assert_eq!(body.len(), if commented { 2 } else { 1 }, "{what}");
        let target = &item["target"];
        assert_eq!(target["source"], source, "{what}");
        let selectors = target["selector"].as_array().expect("a selector list");
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .expect("a TextQuoteSelector");
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .expect("a TextPositionSelector");
        let (prefix, suffix) = common::context(TEXT, a.span.start, a.span.end);
        assert_eq!(
            quote["exact"],
            common::slice(TEXT, a.span.start, a.span.end)
        );
        assert_eq!(quote["prefix"], prefix, "{what}");
        assert_eq!(quote["suffix"], suffix, "{what}");
        assert_eq!(position["start"], a.span.start, "{what}");
        assert_eq!(position["end"], a.span.end, "{what}");
    }
}

#[test]
fn positions_count_code_points_not_utf16_units() {
    // "Ukraine 🇺🇦" is 7 letters, a space and a flag of two code points (four UTF-16 units).
    let doc = rich();
    let file = exported(&[&doc]);
    let first = items(&file)
        .iter()
        .find(|i| i["target"]["selector"][0]["exact"] == "Ukraine 🇺🇦")
        .expect("the flag annotation");
    assert_eq!(first["target"]["selector"][1]["start"], 0);
    assert_eq!(first["target"]["selector"][1]["end"], 10);
    // After two emoji (four UTF-16 units), "rain" starts at code point 9, UTF-16 unit 11.
    let text = "😀😀 said: rain";
    let d = document(
        2,
        "t",
        text,
        vec![annotation(1, Label::Claim, Span { start: 9, end: 13 }, "")],
    );
    let file = exported(&[&d]);
    assert_eq!(items(&file)[0]["target"]["selector"][0]["exact"], "rain");
    assert_eq!(
        items(&file)[0]["target"]["selector"][1],
        json!({"type": "TextPositionSelector", "start": 9, "end": 13})
    );
}

#[test]
fn the_same_export_twice_differs_only_in_its_time() {
    let (a, b) = (rich(), document(2, "Other", "Other text.", vec![]));
    let once = export(&[&a, &b], Timestamp(1)).unwrap();
    let twice = export(&[&a, &b], Timestamp(2)).unwrap();
    assert_ne!(once, twice);
    let strip = |s: &str| {
        let mut v: Value = serde_json::from_str(s).unwrap();
        v.as_object_mut().unwrap().remove("created");
        v
    };
    assert_eq!(strip(&once), strip(&twice));
    // Other articles, another collection.
    let alone = exported(&[&a]);
    assert_ne!(alone["id"], strip(&once)["id"]);
}

#[test]
fn a_library_export_holds_every_article_and_an_empty_one_holds_nothing() {
    let other = document(
        2,
        "Other",
        "The bridge opened.",
        vec![annotation(20, Label::Actor, Span { start: 4, end: 10 }, "")],
    );
    let empty = document(3, "Empty", "Nothing.", vec![]);
    let file = exported(&[&rich(), &other, &empty]);
    assert_eq!(file["total"], 6);
    assert_eq!(items(&file).len(), 6);
    let label = file["label"].as_str().unwrap();
    assert!(
        label.contains("6 annotations of 3 articles") && label.contains("“Empty”"),
        "{label}"
    );
    let sources: BTreeSet<&str> = items(&file)
        .iter()
        .map(|i| i["target"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 2);
    let none = exported(&[&empty]);
    assert_eq!(none["total"], 0);
    assert_eq!(items(&none).len(), 0);
    // Imports to nothing, and says nothing is wrong.
    let parsed = parse(&none);
    assert!(parsed.loose.is_empty() && parsed.problems.is_empty() && parsed.documents.is_empty());
}

// ---- round trip --------------------------------------------------------------------------

#[test]
fn an_export_imports_back_onto_the_article_opened_in_a_fresh_profile() {
    let doc = rich();
    let json = export(&[&doc], AT).unwrap();
    let parsed = formats::import(json.as_bytes(), AT).expect("detected and read");
    assert_eq!(parsed.loose.len(), 1);
    assert_eq!(
        parsed.loose[0].text_sha256.as_deref(),
        Some(common::sha256_hex(TEXT).as_str())
    );
    // The article is found by its text's hash even with nothing open…
    let (library, open) = fresh(TEXT);
    let by_hash = merge_into(parsed.clone(), &library, None, AT);
    // …and the same when it is open.
    let out = merge_into(parsed, &library, Some(open), AT);
    assert_eq!(by_hash, out);
    assert!(out.problems.is_empty() && out.orphans.is_empty(), "{out:?}");
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].id, open);
    assert_eq!(
        marks(&out.documents[0].annotations),
        marks(&doc.annotations)
    );
    let ids = |d: &Document| {
        d.annotations
            .iter()
            .map(|a| (a.id, a.created_at, a.updated_at))
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(ids(&out.documents[0]), ids(&doc));
    assert_eq!(out.annotations_added, 5);
    // A second import changes nothing.
    let again = formats::import(json.as_bytes(), AT).unwrap();
    let library: Library = out
        .documents
        .iter()
        .map(|d| (d.id, Rc::new(d.clone())))
        .collect();
    let twice = merge_into(again, &library, Some(open), AT);
    assert!(
        twice.documents.is_empty() && twice.unchanged == 1,
        "{twice:?}"
    );
}

#[test]
fn without_the_article_everything_is_listed_as_not_placed() {
    let other = document(
        2,
        "Other",
        "The bridge opened.",
        vec![annotation(20, Label::Actor, Span { start: 4, end: 10 }, "")],
    );
    let json = export(&[&rich(), &other], AT).unwrap();
    let parsed = formats::import(json.as_bytes(), AT).unwrap();
    let out = merge_into(parsed, &BTreeMap::new(), None, AT);
    assert!(out.documents.is_empty());
    assert_eq!(out.annotations_added, 0);
    assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
    assert!(
        out.problems[0]
            .reason
            .starts_with("5 annotations of an article that is not in your library"),
        "{}",
        out.problems[0]
    );
    assert!(
        out.problems[1]
            .reason
            .starts_with("1 annotation of an article"),
        "{}",
        out.problems[1]
    );
    assert!(out
        .problems
        .iter()
        .all(|p| p.reason.contains("open the article")));
    assert!(out.summary().contains("2 part(s) not imported"));
}

// ---- properties --------------------------------------------------------------------------

fn note() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-z😀é \n]{1,12}"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Export, import (detected by content) and merge onto the article's text in a profile
    /// that has it gives back the same spans, labels and notes; with the article nowhere, every
    /// annotation is listed as not placed.
    #[test]
    fn round_trip_through_a_fresh_profile(
        text in common::article_text(),
        spans in prop::collection::vec((any::<prop::sample::Index>(), 1usize..12, 0usize..3, note()), 0..10),
    ) {
        let len = common::len_cp(&text);
        let bounds = common::boundaries(&text);
        let mut doc = document(1, "t", &text, vec![]);
        let index = TextIndex::new(Rc::clone(&doc.text));
        for (i, (at, width, label, note)) in spans.into_iter().enumerate() {
            let start = at.index(len);
            let Some(span) = Span::new(start, (start + width).min(len)).map(|s| snap_to_graphemes(&index, s)) else { continue };
            prop_assert!(common::is_boundary(&bounds, span.start) && common::is_boundary(&bounds, span.end));
            let label = Label::ALL[label];
            if doc.annotations.iter().any(|a| a.span == span && a.label == label) { continue; }
            doc.annotations.push(annotation(100 + i as u128, label, span, &note));
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        let json = export(&[&doc], AT).unwrap();
        let parsed = formats::import(json.as_bytes(), AT).unwrap();
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let nowhere = merge_into(parsed.clone(), &BTreeMap::new(), None, AT);
        let out = merged(parsed, &text);
        prop_assert!(out.problems.is_empty() && out.orphans.is_empty(), "{:?}", out);
        let n = doc.annotations.len();
        if n == 0 {
            prop_assert!(out.documents.is_empty());
            prop_assert!(nowhere.problems.is_empty());
        } else {
            prop_assert_eq!(&*out.documents[0].text, text.as_str());
            prop_assert_eq!(marks(&out.documents[0].annotations), marks(&doc.annotations));
            prop_assert_eq!(nowhere.problems.len(), 1);
            let count = format!("{n} annotation{} of an article that is not in your library", if n == 1 { "" } else { "s" });
            prop_assert!(nowhere.problems[0].reason.starts_with(&count), "{}", nowhere.problems[0]);
        }
        prop_assert!(nowhere.documents.is_empty() && nowhere.annotations_added == 0);
    }

    /// No file makes the import panic.
    #[test]
    fn any_bytes_are_read_or_refused(bytes in r#"[\[\]{}":,a-zA-Z0-9 \\@.\-]{0,200}"#) {
        let _ = import(bytes.as_bytes(), AT);
    }
}

// ---- layers -------------------------------------------------------------------------------

/// Who made each annotation is its `creator`, a Person with the name; the curated layer is
/// `schema:creativeWorkStatus` "curated"; both come back, two people's marks on the same words
/// stay two, and importing the file again adds nothing.
#[test]
fn layers_travel_as_creator_and_status() {
    use layers_common::{article, cases, import, layered, library};
    for (case, marks) in cases() {
        let doc = article(&marks);
        let file = exported(&[&doc]);
        let items = items(&file);
        assert_eq!(items.len(), doc.annotations.len(), "{case}");
        for item in items {
            let id = item["id"].as_str().expect("an id");
            let a = doc
                .annotations
                .iter()
                .find(|a| format!("urn:uuid:{}", a.id) == id)
                .expect("an annotation of the article");
            let creator = a
                .created_by
                .as_ref()
                .map(|name| json!({ "type": "Person", "name": name }));
            assert_eq!(item.get("creator"), creator.as_ref(), "{case}: {id}");
            let status = a.curated.then(|| json!("curated"));
            assert_eq!(
                item.get("schema:creativeWorkStatus"),
                status.as_ref(),
                "{case}: {id}"
            );
            assert_eq!(
                item["@context"], ANNO_CONTEXT,
                "{case}: the context stays one IRI"
            );
        }
        let empty = doc.with_annotations(Vec::new());
        let bytes = export(&[&doc], AT).expect("exports");
        let imported = import(bytes.as_bytes(), &library(&[&empty]), case);
        let back = layers_common::the_article(&imported, case);
        assert_eq!(layered(&back), layered(&doc), "{case}");
        let again = import(bytes.as_bytes(), &library(&[&back]), case);
        assert_eq!(again.annotations_added, 0, "{case}: nothing twice");
    }
}

/// What other tools write for who made an annotation, read or left alone; a file that says
/// nothing puts the annotation in the importing person's own layer, as before.
#[test]
fn creators_and_statuses_of_other_tools() {
    // (case, creator, status, created_by, curated, a problem reported)
    type Case = (
        &'static str,
        Option<Value>,
        Option<(&'static str, Value)>,
        Option<&'static str>,
        bool,
        bool,
    );
    let status = "schema:creativeWorkStatus";
    let cases: Vec<Case> = vec![
        ("neither: one's own layer", None, None, None, false, false),
        (
            "a person",
            Some(json!({"type": "Person", "name": " Ana "})),
            None,
            Some("Ana"),
            false,
            false,
        ),
        (
            "a person without a type",
            Some(json!({"name": "Ana"})),
            None,
            Some("Ana"),
            false,
            false,
        ),
        (
            "a nickname",
            Some(json!({"nickname": "ana"})),
            None,
            Some("ana"),
            false,
            false,
        ),
        (
            "names in a list",
            Some(json!({"name": ["Ana Ruiz", "A. Ruiz"]})),
            None,
            Some("Ana Ruiz"),
            false,
            false,
        ),
        (
            "a list of agents",
            Some(json!(["acct:x", {"name": "Ben"}])),
            None,
            Some("Ben"),
            false,
            false,
        ),
        (
            "an address only (Hypothesis)",
            Some(json!("acct:ana@hypothes.is")),
            None,
            None,
            false,
            false,
        ),
        (
            "software",
            Some(json!({"type": "Software", "name": "Tagger 2"})),
            None,
            None,
            false,
            false,
        ),
        (
            "a blank name",
            Some(json!({"name": "  "})),
            None,
            None,
            false,
            false,
        ),
        ("not an agent", Some(json!(7)), None, None, false, true),
        (
            "curated",
            Some(json!({"name": "Cleo"})),
            Some((status, json!("curated"))),
            Some("Cleo"),
            true,
            false,
        ),
        (
            "curated, any case, in a list",
            None,
            Some((status, json!(["Final", "CURATED"]))),
            None,
            true,
            false,
        ),
        (
            "curated, the full IRI",
            None,
            Some(("http://schema.org/creativeWorkStatus", json!("curated"))),
            None,
            true,
            false,
        ),
        (
            "another status",
            None,
            Some((status, json!("Draft"))),
            None,
            false,
            false,
        ),
    ];
    let doc = document(
        7,
        "t",
        TEXT,
        vec![annotation(70, Label::Actor, span_of(TEXT, "Olena"), "")],
    );
    let file = exported(&[&doc]);
    for (case, creator, status, want_by, want_curated, problem) in cases {
        let mut item = items(&file)[0].clone();
        if let Some(creator) = creator {
            item["creator"] = creator;
        }
        if let Some((key, value)) = status {
            item[key] = value;
        }
        let parsed = parse(&item);
        assert_eq!(
            !parsed.problems.is_empty(),
            problem,
            "{case}: {:?}",
            parsed.problems
        );
        let merged = merged(parsed, TEXT);
        let a = &merged.documents[0].annotations[0];
        assert_eq!(
            (a.created_by.as_deref(), a.curated),
            (want_by, want_curated),
            "{case}"
        );
    }
}
