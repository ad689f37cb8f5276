//! Gloss JSON version 2: sources and entities written, read back, and every link an import
//! cannot keep dropped with its reason (the annotation itself kept); the version 1 and 2
//! fixtures of docs/FORMAT.md.
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[path = "gloss_links/article.rs"]
mod article;
use article::{entity, id, linked, span_of};

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{export, import, Imported};
use gloss_core::model::{
    Annotation, AnnotationId, Document, DocumentId, Entity, EntityId, Label, Span, Timestamp,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use common::{assert_valid, fixture, gloss_schema as schema};

fn none() -> BTreeMap<DocumentId, Rc<Document>> {
    BTreeMap::new()
}

#[test]
fn export_writes_links_and_the_entities_the_actors_use() {
    let mut d = linked(1, 50);
    d.entities.push(entity(99, "Nobody's mentions"));
    let json = export(&[&d], Timestamp(3)).expect("exports");
    let value: Value = serde_json::from_str(&json).expect("JSON");
    assert_valid(&value);
    assert_eq!(value["version"], 5);
    assert_eq!(
        value["entities"],
        json!([
            {"id": Uuid::from_u128(50).to_string(), "name": "Dmitry Peskov"},
            {"id": Uuid::from_u128(51).to_string(), "name": "White House"},
        ]),
        "only the entities an actor uses, in the document's order"
    );
    let anns = value["documents"][0]["annotations"]
        .as_array()
        .expect("annotations");
    let by_text = |t: &str| anns.iter().find(|a| a["text"] == t).expect(t);
    assert_eq!(
        by_text("no talks are planned")["source"],
        id(101).to_string()
    );
    assert_eq!(
        by_text("Kremlin spokesman Dmitry Peskov")["entity"],
        Uuid::from_u128(50).to_string()
    );
    assert!(by_text("Kremlin spokesman Dmitry Peskov")
        .get("source")
        .is_none());
    assert!(by_text("it was hopeful").get("entity").is_none());
    // Byte-stable: the same documents give the same bytes.
    assert_eq!(export(&[&d], Timestamp(3)).expect("again"), json);
}

#[test]
fn a_library_export_lists_each_entity_once() {
    let (a, b) = (linked(1, 50), linked(2, 50));
    let value: Value =
        serde_json::from_str(&export(&[&a, &b], Timestamp(3)).expect("exports")).expect("JSON");
    assert_valid(&value);
    assert_eq!(value["entities"].as_array().map(Vec::len), Some(2));
}

#[test]
fn round_trip_into_an_empty_library_keeps_links_and_entities() {
    let d = linked(1, 50);
    let json = export(&[&d], Timestamp(3)).expect("exports");
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let back = &imported.documents[0];
    assert_eq!(back.annotations, d.annotations);
    assert_eq!(back.entities, d.entities);
    assert_eq!(export(&[back], Timestamp(3)).expect("again"), json);
}

#[test]
fn links_are_known_fields_and_unknown_fields_survive() {
    let json = fixture("gloss-v2.json");
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    let d = &imported.documents[0];
    for a in &d.annotations {
        assert!(!a.extra.contains_key("source") && !a.extra.contains_key("entity"));
    }
    assert!(d
        .annotations
        .iter()
        .any(|a| a.extra.contains_key("reviewer")));
    assert!(d.extra.contains_key("url"));
    // A kept extra named like a link is never written as one.
    let mut d = d.clone();
    let claim = d
        .annotations
        .iter_mut()
        .find(|a| a.source.is_none() && a.label == Label::Claim);
    let claim = claim.expect("an unlinked claim");
    claim
        .extra
        .insert("source".into(), json!(id(1).to_string()));
    let value: Value =
        serde_json::from_str(&export(&[&d], Timestamp(3)).expect("exports")).expect("JSON");
    let anns = value["documents"][0]["annotations"]
        .as_array()
        .expect("list");
    assert_eq!(anns.iter().filter(|a| a.get("source").is_some()).count(), 2);
}

#[test]
fn the_version_1_fixture_imports_as_before() {
    let json = fixture("gloss-v1.json");
    assert_valid(&serde_json::from_str(&json).expect("JSON"));
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let d = &imported.documents[0];
    assert_eq!(d.title, "Harbour bridge reopens after two-year repair");
    assert_eq!(d.annotations.len(), 6);
    assert!(d.entities.is_empty());
    assert!(d
        .annotations
        .iter()
        .all(|a| a.source.is_none() && a.entity.is_none()));
    assert_eq!(d.extra["url"], "https://example.invalid/harbour");
}

#[test]
fn the_version_2_fixture_imports_with_its_links() {
    let json = fixture("gloss-v2.json");
    assert_valid(&serde_json::from_str(&json).expect("JSON"));
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let d = &imported.documents[0];
    let by_text = |t: &str| {
        d.annotations
            .iter()
            .find(|a| d.quote(a.span) == t)
            .expect(t)
    };
    let valdes = by_text("Valdés");
    assert_eq!(
        by_text("The bridge is safer than ever,").source,
        Some(valdes.id)
    );
    assert_eq!(d.actor_name(valdes), "Irene Valdés");
    assert_eq!(by_text("Mayor Irene Valdés").entity, valdes.entity);
    assert_eq!(d.entities.len(), 2);
}

/// A file of two articles: the first has actors 1 and 2, quote 3 and claim 4; the second has
/// actor 5. `edit` changes the first article's annotations (by position) or the file.
fn file(edit: impl FnOnce(&mut Value)) -> String {
    let text = "Ana Lima said “yes”. Rui Costa denied it.";
    let ann = |n: u128, label: &str, needle: &str| {
        let s = span_of(text, needle);
        json!({"id": id(n).to_string(), "label": label, "start": s.start, "end": s.end})
    };
    let mut v = json!({"format": "gloss", "version": 2,
    "entities": [{"id": Uuid::from_u128(70).to_string(), "name": "Ana Lima"}],
    "documents": [
        {"id": Uuid::from_u128(1).to_string(), "title": "One", "text": text, "annotations": [
            ann(1, "actor", "Ana Lima"), ann(2, "actor", "Rui Costa"),
            ann(3, "quote", "yes"), ann(4, "claim", "denied it"),
        ]},
        {"id": Uuid::from_u128(2).to_string(), "title": "Two", "text": text,
         "annotations": [ann(5, "actor", "Ana Lima")]},
    ]});
    edit(&mut v);
    v.to_string()
}

fn add_entity(v: &mut Value, entity: Value) {
    if let Some(list) = v["entities"].as_array_mut() {
        list.push(entity);
    }
}

fn first(v: &mut Value, i: usize) -> &mut Value {
    &mut v["documents"][0]["annotations"][i]
}

/// Every link an import cannot keep: dropped with its reason, the annotation itself kept.
#[test]
fn links_that_do_not_hold_are_dropped_with_a_reason() {
    type Edit = Box<dyn Fn(&mut Value)>;
    let u = |n: u128| json!(id(n).to_string());
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "source missing",
            Box::new(move |v| first(v, 2)["source"] = u(99)),
            "its source is not an actor of the same article",
        ),
        (
            "source a claim",
            Box::new(move |v| first(v, 2)["source"] = u(4)),
            "its source is not an actor of the same article",
        ),
        (
            "source an actor of another article",
            Box::new(move |v| first(v, 2)["source"] = u(5)),
            "its source is not an actor of the same article",
        ),
        (
            "source on an actor",
            Box::new(move |v| first(v, 1)["source"] = u(1)),
            "an actor cannot have a source",
        ),
        (
            "self-link",
            Box::new(move |v| first(v, 2)["source"] = u(3)),
            "its source is itself",
        ),
        (
            "cycle",
            Box::new(move |v| {
                first(v, 3)["source"] = u(1);
                first(v, 0)["source"] = u(4);
            }),
            "an actor cannot have a source",
        ),
        (
            "source not a UUID",
            Box::new(|v| first(v, 2)["source"] = json!("Ana")),
            "its source “Ana” is not the id of an annotation",
        ),
        (
            "source a number",
            Box::new(|v| first(v, 2)["source"] = json!(1)),
            "its source is not text",
        ),
        (
            "entity on a quote",
            Box::new(|v| first(v, 2)["entity"] = json!(Uuid::from_u128(70).to_string())),
            "only an actor stands for a person or organisation",
        ),
        (
            "entity not listed",
            Box::new(|v| first(v, 1)["entity"] = json!(Uuid::from_u128(71).to_string())),
            "is not in the file's list of entities",
        ),
        (
            "entity not a UUID",
            Box::new(|v| first(v, 0)["entity"] = json!("Ana Lima")),
            "its entity “Ana Lima” is not the id of an entity",
        ),
        (
            "entities not a list",
            Box::new(|v| v["entities"] = json!({})),
            "“entities” is not a list",
        ),
        (
            "an entity without an id",
            Box::new(|v| add_entity(v, json!({"name": "X"}))),
            "its id is missing or not a UUID",
        ),
        (
            "an entity twice",
            Box::new(|v| add_entity(v, v["entities"][0].clone())),
            "appears twice in the list",
        ),
        (
            "an entity without a name",
            Box::new(|v| v["entities"][0]["name"] = json!("  ")),
            "its name is missing or empty",
        ),
    ];
    for (name, edit, want) in cases {
        let json = file(|v| edit(v));
        let imported = import(&json, &none(), Timestamp(4)).expect(name);
        let reasons: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
        assert!(
            reasons.iter().any(|r| r.contains(want)),
            "case {name}: {reasons:?}"
        );
        assert_eq!(reasons.len(), 1, "case {name}: one report, {reasons:?}");
        let counts: Vec<usize> = imported
            .documents
            .iter()
            .map(|d| d.annotations.len())
            .collect();
        assert_eq!(counts, [4, 1], "case {name}: every annotation kept");
        for d in &imported.documents {
            let mut repaired = d.clone();
            assert!(
                repaired.repair_links().is_empty(),
                "case {name}: links hold"
            );
            assert_eq!(&repaired, d, "case {name}");
        }
    }
}

#[test]
fn an_unlisted_entity_is_named_after_its_mention() {
    let json = file(|v| first(v, 1)["entity"] = json!(Uuid::from_u128(71).to_string()));
    let d = &import(&json, &none(), Timestamp(4))
        .expect("imports")
        .documents[0];
    assert_eq!(d.entities, [entity(71, "Rui Costa")]);
}

#[test]
fn entities_of_the_same_name_in_one_file_are_one() {
    let json = file(|v| {
        add_entity(
            v,
            json!({"id": Uuid::from_u128(72).to_string(), "name": "Ms Ana Lima"}),
        );
        first(v, 0)["entity"] = json!(Uuid::from_u128(70).to_string());
        v["documents"][1]["annotations"][0]["entity"] = json!(Uuid::from_u128(72).to_string());
    });
    let imported = import(&json, &none(), Timestamp(4)).expect("imports");
    let ids: Vec<Option<EntityId>> = imported
        .documents
        .iter()
        .map(|d| d.annotations[0].entity)
        .collect();
    assert_eq!(ids, [Some(EntityId(Uuid::from_u128(70))); 2]);
    assert_eq!(imported.documents[1].entities, [entity(70, "Ana Lima")]);
}

/// What a library holds after `imported` went into it.
pub fn put(library: &mut BTreeMap<DocumentId, Rc<Document>>, imported: Imported) {
    for d in imported.documents {
        library.insert(d.id, Rc::new(d));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Random articles with random valid links (each quote or claim maybe attributed to an
    /// actor of its article, each actor maybe standing for one of a pool of entities shared
    /// by the articles) export to a schema-valid file that imports back exactly.
    #[test]
    fn random_links_round_trip_exactly(
        docs in prop::collection::vec(
            (common::article_text(), prop::collection::vec((0usize..3, any::<(prop::sample::Index, prop::sample::Index)>(), any::<prop::sample::Index>(), 0usize..5), 1..10)),
            1..4,
        ),
    ) {
        let pool: Vec<Entity> = (0..4).map(|n| entity(500 + n, ["Ana Lima", "Rui Costa", "White House", "Olena Kovalenko"][n as usize])).collect();
        let mut documents = Vec::new();
        let mut next = 1000u128;
        for (d, (text, marks)) in docs.into_iter().enumerate() {
            let mut doc = Document::new(format!("Article {d}"), None, text.as_str().into(), Timestamp(1));
            doc.id = DocumentId(Uuid::from_u128(d as u128 + 1));
            let bounds = common::boundaries(&text);
            for (label, (from, to), link, who) in marks {
                let (s, e) = (bounds[from.index(bounds.len())], bounds[to.index(bounds.len())]);
                let Some(span) = Span::new(s.min(e), s.max(e)) else { continue };
                let label = Label::ALL[label];
                if doc.annotations.iter().any(|a| a.span == span && a.label == label) { continue; }
                next += 1;
                let mut a = Annotation::new(id(next), label, span, Timestamp(2));
                let actors: Vec<AnnotationId> = doc.annotations.iter().filter(|a| a.label == Label::Actor).map(|a| a.id).collect();
                if label == Label::Actor {
                    a.entity = pool.get(who).map(|e| e.id);
                } else if !actors.is_empty() && who > 0 {
                    a.source = Some(actors[link.index(actors.len())]);
                }
                doc.annotations.push(a);
            }
            doc.annotations.sort_by(gloss_core::model::text_order);
            // The entities its actors use, in the pool's order (as a library export lists them).
            doc.entities = pool.iter().filter(|e| doc.annotations.iter().any(|a| a.entity == Some(e.id))).cloned().collect();
            documents.push(doc);
        }
        let refs: Vec<&Document> = documents.iter().collect();
        let json = export(&refs, Timestamp(3)).unwrap();
        let value: Value = serde_json::from_str(&json).unwrap();
        prop_assert!(schema().is_valid(&value));
        let imported = import(&json, &none(), Timestamp(4)).unwrap();
        prop_assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        prop_assert_eq!(imported.documents.len(), documents.len());
        for (back, d) in imported.documents.iter().zip(&documents) {
            prop_assert_eq!(&back.annotations, &d.annotations);
            prop_assert_eq!(&back.entities, &d.entities);
        }
    }
}
