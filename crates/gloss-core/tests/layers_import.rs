//! Annotators' layers through Gloss JSON (version 5): a colleague's export of the same article
//! comes in as their layer (by `created_by`), marks equal to one's own included; `created_by`,
//! `updated_by` and `curated` survive a round trip; a file without them still imports.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{export, import};
use gloss_core::model::layers::{layers, signed, Layer};
use gloss_core::model::{Annotation, AnnotationId, Document, DocumentId, Label, Span, Timestamp};
use serde_json::Value;

use common::assert_valid;

const TEXT: &str = "Mayor Irene Valdés said: “The bridge carries 40,000 vehicles a day.”";

fn span(needle: &str) -> Span {
    let byte = TEXT.find(needle).expect("in text");
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

fn mark(label: Label, needle: &str, who: Option<&str>) -> Annotation {
    let mut a = Annotation::new(AnnotationId::random(), label, span(needle), Timestamp(1));
    a.created_by = who.map(str::to_owned);
    a
}

/// My article: two marks made before I gave a name.
fn mine() -> Document {
    let mut d = Document::new("Bridge".into(), None, TEXT.into(), Timestamp(0));
    d.annotations = vec![
        mark(Label::Actor, "Irene Valdés", None),
        mark(
            Label::Quote,
            "“The bridge carries 40,000 vehicles a day.”",
            None,
        ),
    ];
    d
}

fn library(doc: &Document) -> BTreeMap<DocumentId, Rc<Document>> {
    BTreeMap::from([(doc.id, Rc::new(doc.clone()))])
}

/// Ben's export of the same article: his own ids, one mark equal to mine, one different.
fn bens_file(of: &Document) -> String {
    let mut his = of.with_annotations(vec![
        mark(Label::Actor, "Irene Valdés", Some("Ben")),
        mark(
            Label::Quote,
            "The bridge carries 40,000 vehicles a day.",
            Some("Ben"),
        ),
    ]);
    his.title = "Bridge (Ben)".into();
    export(&[&his], Timestamp(5)).expect("exports")
}

#[test]
fn a_colleagues_export_comes_in_as_their_layer_equal_marks_included() {
    let doc = mine();
    let imported = import(&bens_file(&doc), &library(&doc), Timestamp(9)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(imported.annotations_added, 2);
    let merged = &imported.documents[0];
    assert_eq!(merged.id, doc.id, "the same article, not a copy");
    assert_eq!(
        layers(merged, Some("Ana")),
        vec![(Layer::Mine, 2), (Layer::Annotator("Ben".into()), 2)]
    );
    let mut actors: Vec<_> = merged
        .annotations
        .iter()
        .filter(|a| a.label == Label::Actor)
        .map(|a| (a.span, a.created_by.clone()))
        .collect();
    actors.sort();
    assert_eq!(
        actors,
        vec![
            (span("Irene Valdés"), None),
            (span("Irene Valdés"), Some("Ben".to_owned()))
        ],
        "the same words marked by two people: both kept"
    );
    // Ben's marks again, under other ids: in his layer already, so kept once.
    let again = import(
        &bens_file(merged).replace("Bridge (Ben)", "Bridge"),
        &library(merged),
        Timestamp(10),
    )
    .expect("imports");
    assert_eq!(
        again.annotations_added, 0,
        "the same marks in the same layer"
    );
    assert!(again
        .problems
        .iter()
        .all(|p| p.reason.contains("kept once")));
    // Our own export imported again changes nothing.
    let twice = import(
        &export(&[merged], Timestamp(6)).expect("exports"),
        &library(merged),
        Timestamp(11),
    )
    .expect("imports");
    assert_eq!(twice.annotations_added, 0);
    assert_eq!(twice.unchanged, 1);
}

#[test]
fn created_by_updated_by_and_curated_round_trip_and_are_valid() {
    let mut doc = mine();
    doc.annotations[0].created_by = Some("Ana".into());
    doc.annotations[0].updated_by = Some("Cleo".into());
    doc.annotations[1].created_by = Some("Cleo".into());
    doc.annotations[1].curated = true;
    let json = export(&[&doc], Timestamp(5)).expect("exports");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    assert_valid(&value);
    assert_eq!(value["version"], 5);
    let anns = value["documents"][0]["annotations"]
        .as_array()
        .expect("list");
    assert_eq!(anns[0]["created_by"], "Ana");
    assert_eq!(anns[0]["updated_by"], "Cleo");
    assert!(anns[0].get("curated").is_none(), "false is not written");
    assert_eq!(anns[1]["curated"], true);
    let back = import(&json, &BTreeMap::new(), Timestamp(9)).expect("imports");
    assert_eq!(back.documents[0].annotations, doc.annotations);
}

#[test]
fn signing_an_export_names_every_annotation_and_changes_nothing_else() {
    let mut doc = mine();
    doc.annotations
        .push(mark(Label::Claim, "40,000 vehicles a day", Some("Ben")));
    let out = signed(&doc, Some("Ana")).expect("something to sign");
    let by: Vec<_> = out
        .annotations
        .iter()
        .map(|a| a.created_by.as_deref())
        .collect();
    assert_eq!(by, vec![Some("Ana"), Some("Ana"), Some("Ben")]);
    assert_eq!(out.with_annotations(doc.annotations.clone()), doc);
    assert!(
        signed(&doc, None).is_none(),
        "no name: nothing to sign with"
    );
    assert!(signed(&out, Some("Ana")).is_none(), "all signed already");
}

#[test]
fn bad_names_are_left_out_with_a_reason_and_the_annotation_kept() {
    let doc = mine();
    let json = export(&[&doc], Timestamp(5)).expect("exports").replacen(
        "\"label\":\"actor\"",
        "\"label\":\"actor\",\"created_by\":7,\"curated\":\"yes\"",
        1,
    );
    let imported = import(&json, &BTreeMap::new(), Timestamp(9)).expect("imports");
    let d = &imported.documents[0];
    assert_eq!(d.annotations.len(), 2);
    let reasons: Vec<_> = imported
        .problems
        .iter()
        .map(|p| p.reason.as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("“created_by” is not a name")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("“curated” is not true or false")),
        "{reasons:?}"
    );
}

#[test]
fn a_colleagues_export_of_the_same_text_under_another_id_joins_the_article() {
    let doc = mine();
    // Ben opened the same article in his own browser: another document id.
    let mut his = Document::new("Bridge".into(), None, TEXT.into(), Timestamp(3));
    his.annotations = vec![mark(Label::Actor, "Irene Valdés", Some("Ben"))];
    let json = export(&[&his], Timestamp(5)).expect("exports");
    let imported = import(&json, &library(&doc), Timestamp(9)).expect("imports");
    assert_eq!(imported.documents.len(), 1);
    let merged = &imported.documents[0];
    assert_eq!(merged.id, doc.id, "joined, not a second copy");
    assert_eq!(
        layers(merged, None),
        vec![(Layer::Mine, 2), (Layer::Annotator("Ben".into()), 1)]
    );
    // Unsigned, it could not be told from one's own: an article of its own, as before layers.
    let mut unsigned = his.clone();
    unsigned.annotations[0].created_by = None;
    let json = export(&[&unsigned], Timestamp(5)).expect("exports");
    let imported = import(&json, &library(&doc), Timestamp(9)).expect("imports");
    assert_eq!(imported.documents[0].id, his.id, "a new article");
    // Signed and unsigned together: it joins, and what it does not sign is not one's own
    // either: a layer of its own, named after the file.
    let mut mixed = his.clone();
    mixed
        .annotations
        .push(mark(Label::Claim, "40,000 vehicles a day", None));
    let json = export(&[&mixed], Timestamp(5)).expect("exports");
    let imported = import(&json, &library(&doc), Timestamp(9)).expect("imports");
    let merged = &imported.documents[0];
    assert_eq!(merged.id, doc.id);
    let names: Vec<String> = layers(merged, None)
        .into_iter()
        .map(|(l, _)| l.name(None))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("Unnamed (")),
        "{names:?}"
    );
    assert_eq!(
        layers(merged, None)[0],
        (Layer::Mine, 2),
        "one's own untouched"
    );
    // Two articles of one file with the same text stay two.
    let mut twin = his.clone();
    twin.id = DocumentId::random();
    let both = export(&[&his, &twin], Timestamp(5)).expect("exports");
    let imported = import(&both, &BTreeMap::new(), Timestamp(9)).expect("imports");
    assert_eq!(imported.documents.len(), 2);
}

#[test]
fn places_left_out_of_the_curated_layer_round_trip_through_the_file_and_storage() {
    use gloss_core::model::Rejection;
    use gloss_core::storage::record::{decode, encode};
    let mut doc = mine();
    let place = |needle: &str| Rejection {
        label: Label::Quote,
        span: span(needle),
    };
    doc.left_out = vec![place("Irene Valdés"), place("40,000 vehicles")];
    doc.left_out.sort();
    let json = export(&[&doc], Timestamp(5)).expect("exports");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    assert_valid(&value);
    assert_eq!(
        value["documents"][0]["curation_left_out"][0]["label"],
        "quote"
    );
    let back = import(&json, &BTreeMap::new(), Timestamp(9)).expect("imports");
    assert_eq!(back.documents[0].left_out, doc.left_out);
    // Imported into the article with other places: the union.
    let mut ours = doc.clone();
    ours.left_out = vec![place("bridge carries")];
    let merged = import(&json, &library(&ours), Timestamp(9)).expect("imports");
    assert_eq!(merged.documents[0].left_out.len(), 3);
    // A bad entry is left out with its reason.
    let bad = json.replacen(
        "\"curation_left_out\":[",
        "\"curation_left_out\":[{\"label\": \"quote\", \"start\": 3, \"end\": 1},",
        1,
    );
    let read = import(&bad, &BTreeMap::new(), Timestamp(9)).expect("imports");
    assert!(
        read.problems.iter().any(|p| p
            .reason
            .contains("place left out of the curated layer 1 was left out")),
        "{:?}",
        read.problems
    );
    // Storage keeps them.
    let record = encode(&doc).expect("encodes");
    assert_eq!(
        decode("k", &record, Some(TEXT)).expect("decodes").left_out,
        doc.left_out
    );
}
