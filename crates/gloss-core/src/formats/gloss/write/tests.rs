//! The pieces of a [`Writer`] against the file Gloss wrote before it wrote a piece at a time (a
//! tree of `serde_json::Value`s, pretty-printed; kept here as the reference): the same fields,
//! names and values, whitespace aside; and the pieces joined read back as the same articles.

use std::collections::BTreeMap;
use std::rc::Rc;

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::super::checks::write_check;
use super::super::rejected::Places;
use super::*;
use crate::model::{AnnotationId, ArticleDate, DocumentId, EntityId, Evidence, Span, Verdict};

// ---- the reference: the tree writer as it was ----

fn put_extras(object: &mut Map<String, Value>, extra: &Extra, known: &[&str]) {
    for (k, v) in extra {
        if !known.contains(&k.as_str()) {
            object.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
}
fn annotation(index: &TextIndex, a: &Annotation) -> Value {
    let (prefix, suffix) = context(index, a.span, CONTEXT);
    let mut o = match json!({
        "id": a.id.to_string(),
        "label": a.label.slug(),
        "start": a.span.start,
        "end": a.span.end,
        "text": index.slice(a.span),
        "prefix": prefix,
        "suffix": suffix,
        "note": a.note,
        "created_at": to_rfc3339(a.created_at),
        "updated_at": to_rfc3339(a.updated_at),
    }) {
        Value::Object(o) => o,
        _ => Map::new(),
    };
    // Only what the import keeps: a source on a quote or claim, an entity on an actor.
    if let Some(source) = a.source.filter(|_| a.can_have_source()) {
        o.insert("source".into(), json!(source.to_string()));
    }
    if let Some(entity) = a.entity.filter(|_| a.label == Label::Actor) {
        o.insert("entity".into(), json!(entity.to_string()));
    }
    write_check(&mut o, a);
    if let Some(by) = &a.created_by {
        o.insert("created_by".into(), json!(by));
    }
    if let Some(by) = &a.updated_by {
        o.insert("updated_by".into(), json!(by));
    }
    if a.curated {
        o.insert("curated".into(), json!(true));
    }
    put_extras(&mut o, &a.extra, &KNOWN);
    Value::Object(o)
}

fn rejected_value(rejected: &[Rejection]) -> Value {
    Value::Array(
        rejected
            .iter()
            .map(|r| json!({"label": r.label.slug(), "start": r.span.start, "end": r.span.end}))
            .collect(),
    )
}

fn tree_export(documents: &[&Document], at: Timestamp) -> Result<String, ExportError> {
    let docs: Vec<Value> = documents
        .iter()
        .map(|doc| {
            let index = TextIndex::new(Rc::clone(&doc.text));
            let annotations: Vec<Value> = doc
                .annotations
                .iter()
                .map(|a| annotation(&index, a))
                .collect();
            let mut o = match json!({
                "id": doc.id.to_string(),
                "title": doc.title,
                "date": doc.date.map(|d| d.to_string()),
                "text": &*doc.text,
                "text_sha256": sha256_hex(&doc.text),
                "annotations": annotations,
            }) {
                Value::Object(o) => o,
                _ => Map::new(),
            };
            for (places, list) in [
                (Places::Rejected, &doc.rejected),
                (Places::LeftOut, &doc.left_out),
            ] {
                if !list.is_empty() {
                    o.insert(places.key().into(), rejected_value(list));
                }
            }
            put_extras(&mut o, &doc.extra, &[]);
            Value::Object(o)
        })
        .collect();
    let entities: Vec<Value> = used_entities(documents)
        .into_iter()
        .map(|e| json!({"id": e.id.to_string(), "name": e.name}))
        .collect();
    let file = json!({
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_rfc3339(at),
        "entities": entities,
        "documents": docs,
    });
    serde_json::to_string_pretty(&file).map_err(|e| ExportError(e.to_string()))
}

// ---- the cases ----

fn pieces(documents: &[&Document], at: Timestamp) -> Vec<Vec<u8>> {
    let (mut writer, first) = Writer::start(documents, at).expect("start");
    let mut out = vec![first];
    for doc in documents {
        out.push(writer.document(doc).expect("document"));
    }
    out.push(writer.end());
    out
}

fn joined(documents: &[&Document], at: Timestamp) -> String {
    String::from_utf8(pieces(documents, at).concat()).expect("UTF-8")
}

/// The streamed file and the reference hold the same JSON, whitespace aside; and the streamed
/// file is compact, its top-level fields in the order of docs/FORMAT.md.
fn assert_same(name: &str, documents: &[&Document]) {
    let at = Timestamp(1_764_400_000_123);
    let streamed = joined(documents, at);
    let reference = tree_export(documents, at).expect("reference");
    let a: Value = serde_json::from_str(&streamed).expect("streamed JSON");
    let b: Value = serde_json::from_str(&reference).expect("reference JSON");
    assert_eq!(a, b, "{name}");
    assert_eq!(export(documents, at).expect("export"), streamed, "{name}");
    assert!(!streamed.contains("\n  "), "{name}: not compact");
    let order = [
        "\"format\"",
        "\"version\"",
        "\"exported_at\"",
        "\"entities\"",
        "\"documents\"",
    ];
    let at_of: Vec<usize> = order.iter().filter_map(|k| streamed.find(k)).collect();
    assert!(
        at_of.len() == 5 && at_of.windows(2).all(|w| w[0] < w[1]),
        "{name}: {streamed}"
    );
}

const TEXT: &str =
    "Mayor Irene Valdés said “the bridge 🇺🇦 is safer” on Monday.\nCafe\u{301} owners disagreed.";

fn span_of(needle: &str) -> Span {
    let byte = TEXT.find(needle).unwrap_or(0);
    let start = TEXT[..byte].chars().count();
    Span {
        start,
        end: start + needle.chars().count(),
    }
}

fn ann(n: u128, label: Label, needle: &str) -> Annotation {
    Annotation::new(
        AnnotationId(uuid::Uuid::from_u128(n)),
        label,
        span_of(needle),
        Timestamp(7),
    )
}

fn article(n: u128, title: &str) -> Document {
    let mut d = Document::new(title.to_owned(), None, TEXT.into(), Timestamp(3));
    d.id = DocumentId(uuid::Uuid::from_u128(n));
    d
}

fn rich() -> Document {
    let mut d = article(1, "Harbour <bridge> & “quotes”");
    d.date = ArticleDate::parse("2026-10-08");
    let entity = EntityId(uuid::Uuid::from_u128(900));
    d.entities.push(Entity {
        id: entity,
        name: "Irene Valdés".into(),
    });
    let mut actor = ann(10, Label::Actor, "Irene Valdés");
    actor.entity = Some(entity);
    actor.source = Some(AnnotationId(uuid::Uuid::from_u128(11)));
    let mut quote = ann(11, Label::Quote, "the bridge 🇺🇦 is safer");
    quote.source = Some(actor.id);
    quote.entity = Some(entity);
    quote.verdict = Some(Verdict::True);
    quote.note = "checked \"twice\"\n\tand \\ again".into();
    let mut claim = ann(12, Label::Claim, "the bridge 🇺🇦 is safer");
    claim.source = Some(actor.id);
    claim.verdict = Some(Verdict::MostlyTrue);
    claim.evidence = vec![Evidence {
        url: "https://example.invalid/report".into(),
        title: "Report".into(),
        note: "p. 14".into(),
    }];
    claim.created_by = Some("Ana".into());
    claim.updated_by = Some("Bo".into());
    claim.curated = true;
    claim
        .extra
        .insert("x-tool".into(), json!({"kept": [1, 2.5, null]}));
    // Extras named like Gloss's own fields are never written over them.
    claim.extra.insert("label".into(), json!("nonsense"));
    actor.extra.insert("verdict".into(), json!("true"));
    d.annotations = vec![actor, quote, claim];
    d.annotations.sort_by(crate::model::text_order);
    d.rejected = vec![Rejection {
        label: Label::Quote,
        span: span_of("Monday"),
    }];
    d.extra.insert("x-doc".into(), json!("kept"));
    d.extra.insert("title".into(), json!("not this"));
    d
}

/// A kept extra named like a list of places Gloss leaves out (it is empty) is written.
fn extra_places() -> Document {
    let mut d = article(2, "Places");
    d.extra.insert(Places::LeftOut.key().into(), json!("kept"));
    d.left_out = Vec::new();
    d.rejected = vec![Rejection {
        label: Label::Claim,
        span: span_of("Cafe\u{301}"),
    }];
    d.extra
        .insert(Places::Rejected.key().into(), json!("not this"));
    d
}

/// An actor whose entity its article does not list: named after the mention.
fn unlisted_entity() -> Document {
    let mut d = article(3, "Unlisted");
    let mut a = ann(30, Label::Actor, "Irene Valdés");
    a.entity = Some(EntityId(uuid::Uuid::from_u128(901)));
    d.annotations.push(a);
    d
}

#[test]
fn the_pieces_hold_what_the_tree_writer_wrote() {
    let (r, p, u, e) = (rich(), extra_places(), unlisted_entity(), article(4, ""));
    let cases: [(&str, Vec<&Document>); 6] = [
        ("no articles", vec![]),
        ("an article without annotations", vec![&e]),
        ("links, checks, layers, extras, places", vec![&r]),
        ("extras named like places", vec![&p]),
        ("an entity no article lists", vec![&u]),
        ("a library", vec![&r, &p, &u, &e]),
    ];
    for (name, docs) in cases {
        assert_same(name, &docs);
    }
}

#[test]
fn each_piece_after_the_first_holds_one_article() {
    let (r, p) = (rich(), extra_places());
    let parts = pieces(&[&r, &p], Timestamp(0));
    assert_eq!(parts.len(), 4);
    assert!(parts[0].ends_with(b"\"documents\":["));
    assert!(parts[1].starts_with(b"{\"id\":"));
    assert!(parts[2].starts_with(b",{\"id\":"));
    assert_eq!(parts[3], b"]}");
}

prop_compose! {
    fn random_annotation(len: usize)(
        n in 0u128..1_000_000,
        label in 0usize..3,
        start in 0usize..200,
        width in 1usize..20,
        note in "[a-z\"\\\\\n é😀]{0,8}",
        linked in any::<bool>(),
        entity in 0u128..4,
        verdict in prop::option::of(0usize..7),
        by in prop::option::of("[A-Za-z ]{1,6}"),
        curated in any::<bool>(),
        extra in prop::option::of(("[a-z_]{1,8}", "[a-z]{0,4}")),
    ) -> Annotation {
        let start = start % len;
        let end = (start + width).min(len).max(start + 1);
        let mut a = Annotation::new(
            AnnotationId(uuid::Uuid::from_u128(n)),
            Label::ALL[label],
            Span { start, end },
            Timestamp(n as i64),
        );
        a.note = note;
        if linked {
            a.source = Some(AnnotationId(uuid::Uuid::from_u128(n + 1)));
            a.entity = Some(EntityId(uuid::Uuid::from_u128(500 + entity)));
        }
        a.verdict = verdict.map(|v| Verdict::ALL[v]);
        a.created_by = by.clone();
        a.updated_by = by;
        a.curated = curated;
        if let Some((k, v)) = extra {
            a.extra.insert(k, json!(v));
        }
        a
    }
}

fn random_document() -> impl Strategy<Value = Document> {
    ("[a-zé😀“” \n]{1,120}", 0u128..1_000, "[A-Za-z <&]{0,12}")
        .prop_flat_map(|(text, id, title)| {
            let len = text.chars().count();
            (
                Just((text, id, title)),
                prop::collection::vec(random_annotation(len), 0..6),
                prop::collection::vec((0usize..3, 0usize..120), 0..3),
                prop::collection::vec(0u128..4, 0..3),
            )
        })
        .prop_map(|((text, id, title), annotations, places, entities)| {
            let len = text.chars().count();
            let mut d = Document::new(title, None, text.as_str().into(), Timestamp(1));
            d.id = DocumentId(uuid::Uuid::from_u128(id));
            d.annotations = annotations;
            for (label, start) in places {
                let start = start % len;
                d.rejected.push(Rejection {
                    label: Label::ALL[label],
                    span: Span {
                        start,
                        end: (start + 1).min(len).max(start),
                    },
                });
            }
            for e in entities {
                let id = EntityId(uuid::Uuid::from_u128(500 + e));
                if d.entity(id).is_none() {
                    d.entities.push(Entity {
                        id,
                        name: format!("Person {e}"),
                    });
                }
            }
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// For any library, the pieces joined are the file the tree writer wrote (whitespace
    /// aside), and read back as the same articles it did.
    #[test]
    fn any_library_streams_to_the_same_file(docs in prop::collection::vec(random_document(), 0..5)) {
        let refs: Vec<&Document> = docs.iter().collect();
        let at = Timestamp(42);
        let streamed = joined(&refs, at);
        let reference = tree_export(&refs, at).expect("reference");
        let a: Value = serde_json::from_str(&streamed).expect("streamed JSON");
        let b: Value = serde_json::from_str(&reference).expect("reference JSON");
        prop_assert_eq!(&a, &b);
        let empty = BTreeMap::new();
        let x = super::super::parse(&streamed, Timestamp(9)).map(|p| super::super::merge_into(p, &empty, None, Timestamp(9)));
        let y = super::super::parse(&reference, Timestamp(9)).map(|p| super::super::merge_into(p, &empty, None, Timestamp(9)));
        match (x, y) {
            (Ok(x), Ok(y)) => {
                prop_assert_eq!(x.documents, y.documents);
                prop_assert_eq!(x.problems, y.problems);
            }
            (x, y) => prop_assert_eq!(x.err(), y.err()),
        }
    }
}
