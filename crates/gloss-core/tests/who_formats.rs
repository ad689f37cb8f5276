//! Who said what in every format but Gloss JSON: one article with two quotes said by one actor,
//! a second mention of the same person (one entity) and a claim without a source, written byte
//! for byte as each format carries the links (brat relations and normalizations, doccano
//! relations and metadata, Label Studio relations and meta, W3C bodies, CSV columns), and
//! read back: export → import keeps every source and entity each format can carry, and links
//! that cannot hold are left out with a reason.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use gloss_core::formats::parsed::ParsedDocument;
use gloss_core::formats::{self, Parsed};
use gloss_core::model::{
    Annotation, AnnotationId, Document, Entity, EntityId, Label, Span, Timestamp,
};
use proptest::prelude::*;
use uuid::Uuid;
use zip::ZipArchive;

const AT: Timestamp = Timestamp(1_700_000_000_000);

const TEXT: &str = "Kremlin spokesman Dmitry Peskov said: “No talks.” Later Peskov added: “Not now.” Kyiv says the ceasefire holds.";

const PESKOV: EntityId = EntityId(Uuid::from_u128(0xE));

fn id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

/// The article: actor 1 said quotes 2 and 4; actor 3 is Peskov again; claim 5 has no source.
fn article() -> Document {
    let mut doc = Document::new("Talks".into(), None, TEXT.into(), AT);
    doc.id = gloss_core::model::DocumentId(Uuid::from_u128(0xD));
    let a = |n, label, start, end| Annotation::new(id(n), label, Span { start, end }, Timestamp(1));
    let mut q1 = a(2, Label::Quote, 38, 49);
    q1.source = Some(id(1));
    let mut q2 = a(4, Label::Quote, 70, 80);
    q2.source = Some(id(1));
    let mut a1 = a(1, Label::Actor, 0, 31);
    a1.entity = Some(PESKOV);
    let mut a2 = a(3, Label::Actor, 56, 62);
    a2.entity = Some(PESKOV);
    doc.annotations = vec![a1, q1, a2, q2, a(5, Label::Claim, 91, 110)];
    doc.entities = vec![Entity {
        id: PESKOV,
        name: "Dmitry Peskov".into(),
    }];
    doc
}

/// (label, quote, its source's quote, its entity's name) of each annotation, in text order.
type Linked = (Label, String, Option<String>, Option<String>);

fn linked(doc: &ParsedDocument) -> Vec<Linked> {
    let quote = |a: &Annotation| gloss_core::model::offsets::slice_cp(&doc.text, a.span).to_owned();
    doc.incoming
        .iter()
        .map(|inc| {
            let a = &inc.annotation;
            let source = a.source.and_then(|s| {
                doc.incoming
                    .iter()
                    .find(|i| i.annotation.id == s)
                    .map(|i| quote(&i.annotation))
            });
            let entity = a
                .entity
                .and_then(|e| doc.entities.iter().find(|x| x.id == e))
                .map(|e| e.name.clone());
            (a.label, quote(a), source, entity)
        })
        .collect()
}

fn want_links() -> Vec<Linked> {
    let s = |t: &str| Some(t.to_owned());
    vec![
        (
            Label::Actor,
            "Kremlin spokesman Dmitry Peskov".into(),
            None,
            s("Dmitry Peskov"),
        ),
        (
            Label::Quote,
            "“No talks.”".into(),
            s("Kremlin spokesman Dmitry Peskov"),
            None,
        ),
        (Label::Actor, "Peskov".into(), None, s("Dmitry Peskov")),
        (
            Label::Quote,
            "“Not now.”".into(),
            s("Kremlin spokesman Dmitry Peskov"),
            None,
        ),
        (Label::Claim, "the ceasefire holds".into(), None, None),
    ]
}

fn reasons(parsed: &Parsed) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

/// One article read back, with no problem and its links.
fn read_back(bytes: &[u8]) -> ParsedDocument {
    let parsed = formats::import(bytes, AT).expect("reads");
    assert_eq!(reasons(&parsed), Vec::<String>::new());
    assert_eq!(parsed.documents.len(), 1);
    parsed.documents.into_iter().next().expect("one article")
}

// ---- brat -----------------------------------------------------------------------------------

fn ann_of(zip: &[u8]) -> String {
    let mut zip = ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let mut out = String::new();
    zip.by_name("Talks.ann")
        .expect("the .ann")
        .read_to_string(&mut out)
        .expect("UTF-8");
    out
}

#[test]
fn brat_writes_sources_as_relations_and_entities_as_normalizations() {
    let doc = article();
    let zip = formats::brat::export(&[&doc]).expect("exports");
    assert_eq!(
        ann_of(&zip),
        "T1\tActor 0 31\tKremlin spokesman Dmitry Peskov\n\
         T2\tQuote 38 49\t“No talks.”\n\
         T3\tActor 56 62\tPeskov\n\
         T4\tQuote 70 80\t“Not now.”\n\
         T5\tClaim 91 110\tthe ceasefire holds\n\
         R1\tSource Arg1:T2 Arg2:T1\n\
         R2\tSource Arg1:T4 Arg2:T1\n\
         N1\tReference T1 Gloss:00000000-0000-0000-0000-00000000000e\tDmitry Peskov\n\
         N2\tReference T3 Gloss:00000000-0000-0000-0000-00000000000e\tDmitry Peskov\n"
    );
    let back = read_back(&zip);
    assert_eq!(linked(&back), want_links());
    assert_eq!(back.entities.first().map(|e| e.id), Some(PESKOV));
}

#[test]
fn brat_links_that_cannot_hold_are_left_out_with_a_reason() {
    let txt = "Ana said rain. Bo said sun.";
    let ann = "T1\tActor 0 3\tAna\n\
               T2\tQuote 9 13\train\n\
               T3\tActor 15 17\tBo\n\
               T4\tPERSON 15 17\tBo\n\
               R1\tsource Arg1:T2 Arg2:T1\n\
               R2\tSource Arg1:T3 Arg2:T1\n\
               R3\tSource Arg1:T2 Arg2:T9\n\
               R4\tSource Arg1:T2 Arg2:T4\n\
               R5\tSource Arg1:T2\n\
               N1\tReference T3 Wikidata:Q1\tBo Bo\n\
               N2\tReference T2 Gloss:x\train\n";
    let parsed =
        formats::brat::import_pair(txt.as_bytes(), ann.as_bytes(), "t", AT).expect("reads");
    let doc = &parsed.documents[0];
    let got = linked(doc);
    assert_eq!(got[1].2.as_deref(), Some("Ana"), "lower-case type read");
    assert_eq!(got[2].3.as_deref(), Some("Bo Bo"), "any database");
    let problems = reasons(&parsed);
    for parts in [
        &[
            "T3 (line 3)",
            "its source (“Ana”) is left out",
            "an actor cannot have a source",
        ][..],
        &["R3 (line 7)", "Arg2 T9 is not an annotation Gloss imported"],
        &["R4 (line 8)", "Arg2 T4"],
        &["line 9 is not read", "R1<TAB>Source Arg1:T3 Arg2:T1"],
        &["T2 (line 2)", "only actors stand for an entity"],
    ] {
        assert!(
            problems.iter().any(|r| parts.iter().all(|p| r.contains(p))),
            "{parts:?} in {problems:#?}"
        );
    }
}

// ---- doccano --------------------------------------------------------------------------------

#[test]
fn doccano_writes_relations_and_entities_as_metadata() {
    let doc = article();
    let jsonl = formats::doccano::export(&[&doc]).expect("exports");
    let line: serde_json::Value = serde_json::from_str(jsonl.trim_end()).expect("one line");
    let want = serde_json::json!({
        "id": "00000000-0000-0000-0000-00000000000d",
        "text": TEXT,
        "entities": [
            {"id": 1, "label": "ACTOR", "start_offset": 0, "end_offset": 31},
            {"id": 2, "label": "QUOTE", "start_offset": 38, "end_offset": 49},
            {"id": 3, "label": "ACTOR", "start_offset": 56, "end_offset": 62},
            {"id": 4, "label": "QUOTE", "start_offset": 70, "end_offset": 80},
            {"id": 5, "label": "CLAIM", "start_offset": 91, "end_offset": 110},
        ],
        "relations": [
            {"id": 1, "from_id": 2, "to_id": 1, "type": "SOURCE"},
            {"id": 2, "from_id": 4, "to_id": 1, "type": "SOURCE"},
        ],
        "date": null,
        "title": "Talks",
        "gloss_entities": [
            {"id": "00000000-0000-0000-0000-00000000000e", "name": "Dmitry Peskov", "mentions": [[0, 31], [56, 62]]},
        ],
    });
    assert_eq!(line, want);
    assert!(jsonl.starts_with("{\"id\":\"00000000-0000-0000-0000-00000000000d\",\"text\":\"Kremlin spokesman Dmitry Peskov said: \\u201cNo talks.\\u201d"));
    let back = read_back(jsonl.as_bytes());
    assert_eq!(linked(&back), want_links());
    assert!(
        !back.extra.contains_key("gloss_entities"),
        "read, not kept: {:?}",
        back.extra
    );
}

#[test]
fn doccano_without_sources_keeps_the_label_shape() {
    let mut doc = article();
    for a in &mut doc.annotations {
        a.source = None;
    }
    let jsonl = formats::doccano::export(&[&doc]).expect("exports");
    assert!(jsonl.contains("\"label\":[[0,31,\"ACTOR\"],"), "{jsonl}");
    assert!(!jsonl.contains("\"relations\""), "{jsonl}");
    let back = read_back(jsonl.as_bytes());
    let entities: Vec<_> = linked(&back).into_iter().map(|l| l.3).collect();
    assert_eq!(
        entities,
        [
            Some("Dmitry Peskov".to_owned()),
            None,
            Some("Dmitry Peskov".to_owned()),
            None,
            None
        ]
    );
}

#[test]
fn doccano_relations_that_cannot_hold_are_left_out() {
    let line = r#"{"text": "Ana said rain.", "entities": [{"id": 7, "label": "ACTOR", "start_offset": 0, "end_offset": 3}, {"id": 8, "label": "QUOTE", "start_offset": 9, "end_offset": 13}, {"id": 9, "label": "ORG", "start_offset": 0, "end_offset": 3}], "relations": [{"id": 1, "from_id": 1, "to_id": 7, "type": "Source"}, {"id": 2, "from_id": 8, "to_id": 9, "type": "source"}, {"id": 3, "from_id": 7, "to_id": 8, "type": "source"}, {"id": 4, "from_id": 8, "to_id": 7, "type": "said"}], "gloss_entities": [{"id": "Q1", "name": "Ana", "mentions": [[0, 3], [9, 13]]}]}"#;
    let parsed = formats::import(line.as_bytes(), AT).expect("reads");
    let doc = &parsed.documents[0];
    let got = linked(doc);
    assert_eq!(
        got[1].2.as_deref(),
        Some("Ana"),
        "given the other way round: {got:?}"
    );
    assert_eq!(got[0].3.as_deref(), Some("Ana"));
    let problems = reasons(&parsed);
    for parts in [
        &["relation 1", "not a span Gloss imported"][..],
        &["relation 2", "not a span Gloss imported"],
        &["entity 1", "mention [9,13] is not an actor span"],
        &["Relations", "1 relation between annotations skipped"],
    ] {
        assert!(
            problems.iter().any(|r| parts.iter().all(|p| r.contains(p))),
            "{parts:?} in {problems:#?}"
        );
    }
}

// ---- Label Studio ---------------------------------------------------------------------------

#[test]
fn label_studio_writes_relations_and_entities_in_meta() {
    let doc = article();
    let json = formats::labelstudio::export(&[&doc]).expect("exports");
    let tasks: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let result = &tasks[0]["annotations"][0]["result"];
    let a1 = "00000000-0000-0000-0000-000000000001";
    assert_eq!(
        result[0],
        serde_json::json!({
            "id": a1,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": 31, "text": "Kremlin spokesman Dmitry Peskov", "labels": ["Actor"]},
            "meta": {"text": ["Dmitry Peskov"], "entity": "00000000-0000-0000-0000-00000000000e"},
        })
    );
    assert!(
        result[1].get("meta").is_none(),
        "only actors have an entity"
    );
    let relations: Vec<&serde_json::Value> = result
        .as_array()
        .expect("a list")
        .iter()
        .filter(|r| r["type"] == "relation")
        .collect();
    assert_eq!(
        relations,
        [
            &serde_json::json!({"from_id": "00000000-0000-0000-0000-000000000002", "to_id": a1, "type": "relation", "direction": "right", "labels": ["Source"]}),
            &serde_json::json!({"from_id": "00000000-0000-0000-0000-000000000004", "to_id": a1, "type": "relation", "direction": "right", "labels": ["Source"]}),
        ]
    );
    assert!(json.contains(
        "          {\n            \"from_id\": \"00000000-0000-0000-0000-000000000002\",\n            \"to_id\": \"00000000-0000-0000-0000-000000000001\",\n            \"type\": \"relation\",\n            \"direction\": \"right\",\n            \"labels\": [\n              \"Source\"\n            ]\n          }"
    ), "{json}");
    let back = read_back(json.as_bytes());
    assert_eq!(linked(&back), want_links());
    // Label Studio keeps Gloss's ids: the links come back by them.
    assert_eq!(back.incoming[1].annotation.source, Some(id(1)));
    assert_eq!(back.entities.first().map(|e| e.id), Some(PESKOV));
}

#[test]
fn label_studio_config_declares_the_source_relation() {
    let config = formats::labelstudio::config();
    assert!(
        config.contains("  </Labels>\n  <Relations>\n    <Relation value=\"Source\"/>\n  </Relations>\n  <Text name=\"text\""),
        "{config}"
    );
}

#[test]
fn label_studio_relations_that_cannot_hold_are_left_out() {
    let task = r#"[{"data": {"text": "Ana said rain."}, "annotations": [{"result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["Actor"]}, "meta": {"text": ["Ana Lima"], "entity": "Q5"}},
        {"id": "q", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 9, "end": 13, "text": "rain", "labels": ["Quote"]}, "meta": {"text": ["just a remark"]}},
        {"from_id": "a", "to_id": "q", "type": "relation", "direction": "left", "labels": ["source"]},
        {"from_id": "q", "to_id": "zz", "type": "relation", "direction": "right", "labels": ["Source"]},
        {"from_id": "q", "to_id": "a", "type": "relation", "direction": "right", "labels": []}
    ]}]}]"#;
    let parsed = formats::import(task.as_bytes(), AT).expect("reads");
    let got = linked(&parsed.documents[0]);
    assert_eq!(got[0].3.as_deref(), Some("Ana Lima"));
    assert_eq!(
        got[1].2.as_deref(),
        Some("Ana"),
        "drawn from the actor: {got:?}"
    );
    assert_eq!(got[1].3, None, "a remark is not an entity");
    let problems = reasons(&parsed);
    for parts in [
        &["not a region Gloss imported"][..],
        &["Results", "1 relation between regions skipped"],
    ] {
        assert!(
            problems.iter().any(|r| parts.iter().all(|p| r.contains(p))),
            "{parts:?} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

// ---- W3C Web Annotation ---------------------------------------------------------------------

#[test]
fn w3c_writes_links_as_specific_resource_bodies() {
    let doc = article();
    let json = formats::w3c::export(&[&doc], AT).expect("exports");
    let file: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let items = file["first"]["items"].as_array().expect("items");
    assert_eq!(
        items[0]["body"],
        serde_json::json!([
            {"type": "TextualBody", "purpose": "tagging", "value": "actor"},
            {"type": "SpecificResource", "purpose": "identifying", "source": {
                "id": "urn:gloss:entity:00000000-0000-0000-0000-00000000000e",
                "label": "Dmitry Peskov",
            }},
        ])
    );
    assert_eq!(
        items[1]["body"],
        serde_json::json!([
            {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
            {"type": "SpecificResource", "purpose": "linking", "source": "urn:uuid:00000000-0000-0000-0000-000000000001"},
        ])
    );
    assert_eq!(
        items[4]["body"].as_array().map(Vec::len),
        Some(1),
        "the claim has no link"
    );

    let parsed = formats::import(json.as_bytes(), AT).expect("reads");
    assert_eq!(reasons(&parsed), Vec::<String>::new());
    let loose = &parsed.loose[0].annotations;
    let link = |n: usize| (loose[n].annotation.source, loose[n].annotation.entity);
    assert_eq!(
        (0..5).map(link).collect::<Vec<_>>(),
        [
            (None, Some(PESKOV)),
            (Some(id(1)), None),
            (None, Some(PESKOV)),
            (Some(id(1)), None),
            (None, None),
        ]
    );
    assert_eq!(parsed.entities, doc.entities);
}

#[test]
fn w3c_links_that_cannot_hold_are_left_out() {
    let annotation = |id: &str, tag: &str, exact: &str, extra: serde_json::Value| {
        let mut body =
            vec![serde_json::json!({"type": "TextualBody", "purpose": "tagging", "value": tag})];
        body.extend(extra.as_array().cloned().unwrap_or_default());
        serde_json::json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": id, "type": "Annotation", "body": body,
            "target": {"source": "https://example.org/a", "selector": {"type": "TextQuoteSelector", "exact": exact}},
        })
    };
    let file = serde_json::json!([
        annotation(
            "urn:uuid:00000000-0000-0000-0000-000000000001",
            "actor",
            "Ana",
            serde_json::json!([
                {"type": "SpecificResource", "purpose": "identifying", "source": "http://www.wikidata.org/entity/Q1"},
                {"type": "TextualBody", "purpose": "identifying", "value": "Ana Lima"},
            ])
        ),
        annotation(
            "urn:uuid:00000000-0000-0000-0000-000000000002",
            "quote",
            "rain",
            serde_json::json!([
                {"type": "SpecificResource", "purpose": "linking", "source": "urn:uuid:00000000-0000-0000-0000-000000000003"},
            ])
        ),
        annotation(
            "urn:uuid:00000000-0000-0000-0000-000000000003",
            "claim",
            "sun",
            serde_json::json!([
                {"type": "SpecificResource", "purpose": "linking", "source": "https://example.org/background"},
                {"type": "SpecificResource", "purpose": "identifying", "source": "urn:gloss:entity:x"},
            ])
        ),
    ]);
    let parsed = formats::import(file.to_string().as_bytes(), AT).expect("reads");
    let loose = &parsed.loose[0].annotations;
    assert_eq!(
        loose[0].annotation.entity,
        Some(gloss_core::formats::links::entity_id(
            "http://www.wikidata.org/entity/Q1"
        ))
    );
    assert_eq!(
        parsed
            .entities
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        ["Ana Lima"]
    );
    assert_eq!(loose[1].annotation.source, None);
    assert_eq!(
        (loose[2].annotation.source, loose[2].annotation.entity),
        (None, None)
    );
    let problems = reasons(&parsed);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("its source (urn:uuid:00000000-0000-0000-0000-000000000003) is left out: its source is not an actor of the same article"), "{problems:#?}");
    assert!(
        problems[1].contains("it is a claim and only actors stand for an entity"),
        "{problems:#?}"
    );
}

// ---- CSV ------------------------------------------------------------------------------------

#[test]
fn csv_has_source_and_entity_columns() {
    let mut doc = article();
    doc.entities[0].name = "=Peskov".into();
    let bytes = formats::csv::export(&[&doc]).expect("exports");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let mut reader =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    // Columns 12 to 16 are who said what (a claim's check follows them).
    assert_eq!(
        header.get(12..17),
        Some(
            &[
                "annotation_id",
                "source_id",
                "source_text",
                "entity_id",
                "entity_name"
            ]
            .map(str::to_owned)[..]
        )
    );
    let tail: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.expect("a row")
                .iter()
                .skip(12)
                .take(5)
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let (a1, e) = (
        "00000000-0000-0000-0000-000000000001",
        "00000000-0000-0000-0000-00000000000e",
    );
    let row = |cells: [&str; 5]| cells.map(str::to_owned).to_vec();
    assert_eq!(
        tail,
        [
            row([a1, "", "", e, "'=Peskov"]),
            row([
                "00000000-0000-0000-0000-000000000002",
                a1,
                "Kremlin spokesman Dmitry Peskov",
                e,
                "'=Peskov"
            ]),
            row([
                "00000000-0000-0000-0000-000000000003",
                "",
                "",
                e,
                "'=Peskov"
            ]),
            row([
                "00000000-0000-0000-0000-000000000004",
                a1,
                "Kremlin spokesman Dmitry Peskov",
                e,
                "'=Peskov"
            ]),
            row(["00000000-0000-0000-0000-000000000005", "", "", "", ""]),
        ]
    );
    assert!(
        text.contains(",\"00000000-0000-0000-0000-000000000005\",\"\",\"\",\"\",\"\","),
        "{text}"
    );
}

// ---- every format, random links -------------------------------------------------------------

/// Each annotation (by span and label): its source's span and label, and its entity.
type ByPlace = BTreeMap<(Span, Label), (Option<(Span, Label)>, Option<EntityId>)>;

fn by_place<'a>(annotations: impl Iterator<Item = &'a Annotation> + Clone) -> ByPlace {
    let place = |id: AnnotationId| {
        annotations
            .clone()
            .find(|a| a.id == id)
            .map(|a| (a.span, a.label))
    };
    annotations
        .clone()
        .map(|a| ((a.span, a.label), (a.source.and_then(place), a.entity)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
    ))]

    /// Random quotes and claims said by random actors, actors standing for one of two
    /// entities: brat, doccano and Label Studio give every link back; W3C Web Annotation gives
    /// them back on the annotations it cannot yet place.
    #[test]
    fn random_links_survive_every_format(
        text in common::article_text(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 1usize..8, 0usize..3), 1..10),
        links in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3), 10),
        names in prop::collection::vec("[A-Za-z]{1,8}( [A-Za-z]{1,8})?", 2),
    ) {
        let bounds = common::boundaries(&text);
        let mut doc = Document::new("Random".into(), None, text.as_str().into(), AT);
        for (n, (at, len, label)) in picks.into_iter().enumerate() {
            let i = at.index(bounds.len() - 1);
            let j = (i + len).min(bounds.len() - 1);
            let span = Span { start: bounds[i], end: bounds[j] };
            let quote = common::slice(&text, span.start, span.end);
            // brat cannot show a span that begins or ends with a line break.
            if quote.starts_with('\n') || quote.ends_with('\n') {
                continue;
            }
            let label = Label::ALL[label];
            if doc.annotations.iter().any(|a| a.span == span && a.label == label) {
                continue;
            }
            doc.annotations.push(Annotation::new(id(100 + n as u128), label, span, Timestamp(1)));
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        common::add_random_links(&mut doc, &names, &links);
        let want = by_place(doc.annotations.iter());
        let mut want_entities = doc.entities.clone();
        want_entities.sort();

        for format in [formats::Format::Brat, formats::Format::Doccano, formats::Format::LabelStudio] {
            let file = formats::export(format, &[&doc], formats::Scope::Article, "Random", AT).unwrap();
            let parsed = formats::import(&file.bytes, AT).unwrap();
            prop_assert!(parsed.problems.is_empty(), "{:?}: {:?}", format, parsed.problems);
            let back = &parsed.documents[0];
            prop_assert_eq!(by_place(back.incoming.iter().map(|i| &i.annotation)), want.clone(), "{:?}", format);
            let mut got_entities = back.entities.clone();
            got_entities.sort();
            prop_assert_eq!(&got_entities, &want_entities, "{:?}", format);
        }

        let w3c = formats::w3c::export(&[&doc], AT).unwrap();
        let parsed = formats::import(w3c.as_bytes(), AT).unwrap();
        prop_assert!(parsed.problems.is_empty(), "W3C: {:?}", parsed.problems);
        let got: BTreeMap<AnnotationId, (Option<AnnotationId>, Option<EntityId>)> = parsed
            .loose
            .iter()
            .flat_map(|g| g.annotations.iter().map(|l| (l.annotation.id, (l.annotation.source, l.annotation.entity))))
            .collect();
        let sent: BTreeMap<AnnotationId, (Option<AnnotationId>, Option<EntityId>)> = doc
            .annotations
            .iter()
            .map(|a| (a.id, (a.source, a.entity)))
            .collect();
        prop_assert_eq!(got, sent);
        let mut got_entities = parsed.entities.clone();
        got_entities.sort();
        prop_assert_eq!(got_entities, want_entities);
    }
}
