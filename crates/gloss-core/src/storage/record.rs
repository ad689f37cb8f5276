//! How a document is written into browser storage, and read back. Pure, so every case —
//! current version, older versions, newer versions, corrupt records — is tested natively.
//!
//! Since schema 6 a stored document is three kinds of record: its *head* (a versioned JSON
//! record of everything but the annotations and the text: title, revision, entities…), one
//! JSON record per annotation, and the text (written once). A change then writes the head and
//! the annotations that changed ([`super::changes`]), not every annotation again. The *whole
//! record* (the head with the annotations inline) is what Gloss wrote before schema 6, and what
//! the unload journal still writes; both read the same.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Entity, EntityId, Evidence, Extra,
    Label, Rejection, Span, Timestamp, Verdict,
};

/// The record layout this build writes.
/// 2 added sources (`source` on quotes and claims), entities (`entity` on actors) and the
/// document's `entities`; a schema-1 record is a schema-2 record without them.
/// 3 added a claim's fact-check (`verdict`, `sources`); a schema-2 record is one without them.
/// 4 added the suggestions rejected for the document (`rejected_suggestions`); a schema-3
/// record is one without any.
/// 5 added who made and changed each annotation (`created_by`, `updated_by`) and whether it is
/// in the curated layer (`curated`), and the document's places settled with nothing kept
/// (`curation_left_out`); a schema-4 record is one made by nobody named, with nothing curated.
/// 6 moved the annotations out of the stored record into records of their own (the record is
/// then a *head*, see the module's documentation); a record with its annotations inline (schema
/// 5 and older, or the unload journal's) reads as before.
/// The number still goes up for optional fields: an older Gloss left open in another tab then
/// refuses the record instead of writing it back without them.
pub const SCHEMA: u32 = 6;

/// Why a stored record could not be read. It is then left untouched in storage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordError {
    #[error("record {key}: not valid JSON ({detail})")]
    NotJson { key: String, detail: String },
    #[error("record {key}: written by a newer version of Gloss (schema {found}; this one reads up to {SCHEMA})")]
    TooNew { key: String, found: u64 },
    #[error("record {key}: no schema version")]
    NoSchema { key: String },
    #[error("record {key}: {detail}")]
    Invalid { key: String, detail: String },
    #[error("record {key}: its text is missing")]
    NoText { key: String },
    #[error("record {key} could not be written ({detail})")]
    Encode { key: String, detail: String },
}

#[derive(Serialize, Deserialize)]
struct StoredAnnotation {
    id: AnnotationId,
    label: Label,
    start: usize,
    end: usize,
    #[serde(default)]
    note: String,
    created_at: i64,
    updated_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<AnnotationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entity: Option<EntityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated_by: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    curated: bool,
    /// Fields from an imported file that Gloss does not know; kept for the next export.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    extra: Extra,
}

#[derive(Serialize, Deserialize)]
struct StoredDocument {
    schema: u32,
    id: DocumentId,
    title: String,
    date: Option<ArticleDate>,
    created_at: i64,
    updated_at: i64,
    revision: u64,
    /// Inline in a whole record; absent from a head (its annotations are records of their own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<StoredAnnotation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rejected_suggestions: Vec<Rejection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    curation_left_out: Vec<Rejection>,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    extra: Extra,
}

/// The whole JSON record of a document: its head with every annotation inline (everything
/// but the text). The unload journal keeps documents so.
/// Fails only if serde cannot write the record (a map key that is not a string, for example);
/// a failure is reported and nothing is written, never an empty record over a good one.
pub fn encode(doc: &Document) -> Result<String, RecordError> {
    let mut record = stored_head(doc);
    record.annotations = doc.annotations.iter().map(stored_annotation).collect();
    to_json(doc, &record)
}

/// The head of a document: its record without the annotations (stored one by one, see
/// [`encode_annotation`]) and without the text.
pub fn encode_head(doc: &Document) -> Result<String, RecordError> {
    to_json(doc, &stored_head(doc))
}

/// The record of one annotation of `doc`, as it is stored beside the document's head.
pub fn encode_annotation(doc: &Document, a: &Annotation) -> Result<String, RecordError> {
    to_json(doc, &stored_annotation(a))
}

fn to_json(doc: &Document, value: &impl Serialize) -> Result<String, RecordError> {
    serde_json::to_string(value).map_err(|e| RecordError::Encode {
        key: doc.id.to_string(),
        detail: e.to_string(),
    })
}

fn stored_head(doc: &Document) -> StoredDocument {
    StoredDocument {
        schema: SCHEMA,
        id: doc.id,
        title: doc.title.clone(),
        date: doc.date,
        created_at: doc.created_at.0,
        updated_at: doc.updated_at.0,
        revision: doc.revision,
        annotations: Vec::new(),
        entities: doc.entities.clone(),
        rejected_suggestions: doc.rejected.clone(),
        curation_left_out: doc.left_out.clone(),
        extra: doc.extra.clone(),
    }
}

fn stored_annotation(a: &Annotation) -> StoredAnnotation {
    StoredAnnotation {
        id: a.id,
        label: a.label,
        start: a.span.start,
        end: a.span.end,
        note: a.note.clone(),
        created_at: a.created_at.0,
        updated_at: a.updated_at.0,
        source: a.source,
        entity: a.entity,
        verdict: a.verdict,
        sources: a.evidence.clone(),
        created_by: a.created_by.clone(),
        updated_by: a.updated_by.clone(),
        curated: a.curated,
        extra: a.extra.clone(),
    }
}

/// Brings a record of any older schema up to [`SCHEMA`], one step at a time; each older layout
/// has a fixture under `tests/fixtures/`.
fn migrate(key: &str, mut value: serde_json::Value) -> Result<serde_json::Value, RecordError> {
    loop {
        let Some(schema) = value.get("schema").and_then(serde_json::Value::as_u64) else {
            return Err(RecordError::NoSchema {
                key: key.to_owned(),
            });
        };
        match schema {
            // Schemas 2 to 5 only added optional fields: an older record is one without them.
            // Schema 6 only moved the annotations out of the stored record; a record with them
            // inline reads the same.
            1..=5 => {
                if let Some(object) = value.as_object_mut() {
                    object.insert("schema".to_owned(), (schema + 1).into());
                }
            }
            _ => return migrated(key, value, schema),
        }
    }
}

fn migrated(
    key: &str,
    value: serde_json::Value,
    schema: u64,
) -> Result<serde_json::Value, RecordError> {
    match schema {
        6 => Ok(value),
        found if found > u64::from(SCHEMA) => Err(RecordError::TooNew {
            key: key.to_owned(),
            found,
        }),
        other => Err(RecordError::Invalid {
            key: key.to_owned(),
            detail: format!("unknown schema {other}"),
        }),
    }
}

/// Reads a document from its whole record (or a head without annotations) and its text,
/// checking every annotation against the text.
pub fn decode(key: &str, record: &str, text: Option<&str>) -> Result<Document, RecordError> {
    from_stored(key, parse(key, record)?, text)
}

/// Reads a stored document: its head (or, stored before schema 6, its whole record), the
/// records of its annotations, and its text. An annotation both inline and in a record of its
/// own (which Gloss never writes) is read from its own record.
pub fn decode_stored<'a>(
    key: &str,
    head: &str,
    annotations: impl IntoIterator<Item = &'a str>,
    text: Option<&str>,
) -> Result<Document, RecordError> {
    let mut stored = parse(key, head)?;
    let mut own = Vec::new();
    for record in annotations {
        let a: StoredAnnotation =
            serde_json::from_str(record).map_err(|e| RecordError::Invalid {
                key: key.to_owned(),
                detail: format!("an annotation's record is not readable ({e})"),
            })?;
        own.push(a);
    }
    if !own.is_empty() {
        let ids: std::collections::HashSet<AnnotationId> = own.iter().map(|a| a.id).collect();
        stored.annotations.retain(|a| !ids.contains(&a.id));
        stored.annotations.append(&mut own);
    }
    from_stored(key, stored, text)
}

/// A record of any schema this Gloss reads, brought up to the current one.
fn parse(key: &str, record: &str) -> Result<StoredDocument, RecordError> {
    // A record of the current schema is read straight into its type: going through a
    // `serde_json::Value` first would hold the whole record as a tree (several times its size,
    // and the wasm memory never shrinks back). Anything else (older, newer, broken) takes the
    // general road, which migrates or says what is wrong.
    if let Ok(stored) = serde_json::from_str::<StoredDocument>(record) {
        if stored.schema == SCHEMA {
            return Ok(stored);
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(record).map_err(|e| RecordError::NotJson {
            key: key.to_owned(),
            detail: e.to_string(),
        })?;
    let value = migrate(key, value)?;
    serde_json::from_value(value).map_err(|e| RecordError::Invalid {
        key: key.to_owned(),
        detail: e.to_string(),
    })
}

/// The document a stored record describes, every annotation checked against the text.
fn from_stored(
    key: &str,
    stored: StoredDocument,
    text: Option<&str>,
) -> Result<Document, RecordError> {
    let text = text.ok_or_else(|| RecordError::NoText {
        key: key.to_owned(),
    })?;
    let len = text.chars().count();
    let mut annotations = Vec::with_capacity(stored.annotations.len());
    for a in stored.annotations {
        let span = Span::new(a.start, a.end)
            .filter(|s| s.end <= len)
            .ok_or_else(|| RecordError::Invalid {
                key: key.to_owned(),
                detail: format!(
                    "annotation {} has offsets {}–{} outside the text ({len} characters)",
                    a.id, a.start, a.end
                ),
            })?;
        annotations.push(Annotation {
            id: a.id,
            label: a.label,
            span,
            note: a.note,
            created_at: Timestamp(a.created_at),
            updated_at: Timestamp(a.updated_at),
            source: a.source,
            entity: a.entity,
            verdict: a.verdict,
            evidence: a.sources,
            created_by: a.created_by,
            updated_by: a.updated_by,
            curated: a.curated,
            extra: a.extra,
        });
    }
    let mut doc = Document::new(
        stored.title,
        stored.date,
        text.into(),
        Timestamp(stored.created_at),
    );
    doc.id = stored.id;
    doc.updated_at = Timestamp(stored.updated_at);
    doc.revision = stored.revision;
    doc.annotations = annotations;
    doc.entities = stored.entities;
    // Rejections past the text's end cannot be of this text: dropped (they only hide a
    // suggestion).
    doc.rejected = stored.rejected_suggestions;
    doc.rejected
        .retain(|r| !r.span.is_empty() && r.span.end <= len);
    doc.rejected.sort_unstable();
    doc.rejected.dedup();
    doc.left_out = stored.curation_left_out;
    doc.left_out
        .retain(|r| !r.span.is_empty() && r.span.end <= len);
    doc.left_out.sort_unstable();
    doc.left_out.dedup();
    doc.extra = stored.extra;
    doc.annotations.sort_by(crate::model::text_order);
    // A record is written by Gloss, so its links hold; checked anyway, as an import is.
    doc.repair_links();
    Ok(doc)
}

/// Only the revision of a record, for the check before a write (`None` when unreadable).
pub fn revision_of(record: &str) -> Option<u64> {
    /// Only the field wanted: the rest of the record is skipped without being built.
    #[derive(Deserialize)]
    struct Revision {
        revision: u64,
    }
    serde_json::from_str::<Revision>(record)
        .ok()
        .map(|r| r.revision)
}

/// The id a record names (its storage key), read without building the rest.
pub fn key_of(record: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Id {
        id: DocumentId,
    }
    serde_json::from_str::<Id>(record)
        .ok()
        .map(|r| r.id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let mut doc = Document::new(
            "Bridge".into(),
            ArticleDate::parse("2026-10-08"),
            "Mayor Irene Valdés spoke.".into(),
            Timestamp(10),
        );
        doc.revision = 3;
        doc.updated_at = Timestamp(20);
        let mut a = Annotation::new(
            AnnotationId::random(),
            Label::Actor,
            Span { start: 6, end: 18 },
            Timestamp(11),
        );
        a.note = "mayor".into();
        a.updated_at = Timestamp(12);
        a.extra.insert(
            "origin".into(),
            serde_json::json!({"tool": "other", "score": 0.9}),
        );
        let person = crate::model::Entity {
            id: EntityId(uuid::Uuid::from_u128(7)),
            name: "Irene Valdés".into(),
        };
        a.entity = Some(person.id);
        let mut said = Annotation::new(
            AnnotationId::random(),
            Label::Quote,
            Span { start: 19, end: 25 },
            Timestamp(13),
        );
        said.source = Some(a.id);
        let mut checked = Annotation::new(
            AnnotationId::random(),
            Label::Claim,
            Span { start: 0, end: 25 },
            Timestamp(14),
        );
        checked.verdict = Some(Verdict::Unverifiable);
        checked.evidence = vec![Evidence::new("https://a.example/b", "B", "").expect("url")];
        doc.annotations.push(checked);
        doc.annotations.push(a);
        doc.annotations.push(said);
        doc.entities.push(person);
        doc.extra
            .insert("url".into(), serde_json::json!("https://example.org/a"));
        doc
    }

    #[test]
    fn a_schema_3_record_migrates_with_its_fact_check() {
        let record = include_str!("../../../../tests/fixtures/storage-v3.record.json");
        let text = include_str!("../../../../tests/fixtures/storage-v1.text.txt");
        let d = decode("fixture", record, Some(text)).expect("v3 fixture decodes");
        assert!(d.rejected.is_empty());
        assert_eq!(d.revision, 11);
        let (actor, claim) = (&d.annotations[0], &d.annotations[1]);
        assert_eq!(claim.source, Some(actor.id));
        assert_eq!(claim.verdict, Some(Verdict::MostlyFalse));
        let urls: Vec<&str> = claim.evidence.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://transport.example.org/counts/2026",
                "http://archive.example.net/bridge"
            ]
        );
        assert_eq!(claim.evidence[0].note, "31,800 a day on average");
        assert_eq!(d.actor_name(actor), "Irene Valdés");
        assert_eq!(d.entities.len(), 1);
        // Written back as it was read, as the current schema.
        let mut again: serde_json::Value =
            serde_json::from_str(&encode(&d).expect("encodes")).expect("json");
        let fixture: serde_json::Value = serde_json::from_str(record).expect("json");
        assert_eq!(again["schema"], SCHEMA);
        again["schema"] = 3.into();
        assert_eq!(again, fixture);
    }

    #[test]
    fn a_schema_2_record_migrates_without_a_fact_check() {
        let record = include_str!("../../../../tests/fixtures/storage-v2.record.json");
        let text = include_str!("../../../../tests/fixtures/storage-v1.text.txt");
        let d = decode("fixture", record, Some(text)).expect("v2 fixture decodes");
        assert_eq!(d.revision, 9);
        let (actor, claim) = (&d.annotations[0], &d.annotations[1]);
        assert_eq!(claim.source, Some(actor.id));
        assert!(d.annotations.iter().all(|a| !a.is_checked()));
        let again = encode(&d).expect("encodes");
        assert!(again.starts_with(r#"{"schema":6,"#), "{again}");
        // Everything else is written back as it was read.
        let mut again: serde_json::Value = serde_json::from_str(&again).expect("json");
        let fixture: serde_json::Value = serde_json::from_str(record).expect("json");
        again["schema"] = 2.into();
        assert_eq!(again, fixture);
    }

    #[test]
    fn a_schema_1_record_migrates_and_is_written_back_as_the_current_schema() {
        let record = include_str!("../../../../tests/fixtures/storage-v1.record.json");
        let text = include_str!("../../../../tests/fixtures/storage-v1.text.txt");
        let d = decode("fixture", record, Some(text)).expect("v1 fixture decodes");
        assert!(d.entities.is_empty());
        assert!(d
            .annotations
            .iter()
            .all(|a| a.source.is_none() && a.entity.is_none()));
        let again = encode(&d).expect("encodes");
        assert!(again.starts_with(r#"{"schema":6,"#), "{again}");
        assert_eq!(decode("fixture", &again, Some(text)).expect("decodes"), d);
    }

    #[test]
    fn a_stored_link_that_does_not_hold_is_dropped_on_reading() {
        let mut d = doc();
        let quote = d
            .annotations
            .iter()
            .position(|a| a.label == Label::Quote)
            .expect("quote");
        d.annotations[quote].source = Some(AnnotationId::random());
        let back = decode("k", &encode(&d).expect("encodes"), Some(&d.text)).expect("decodes");
        assert_eq!(back.annotations[quote].source, None);
        assert_eq!(back.entities.len(), 1, "the actor's person is kept");
    }

    #[test]
    fn round_trip() {
        let d = doc();
        let back = decode("k", &encode(&d).expect("encodes"), Some(&d.text)).expect("decodes");
        assert_eq!(back, d);
    }

    #[test]
    fn fixture_of_schema_1_reads() {
        let record = include_str!("../../../../tests/fixtures/storage-v1.record.json");
        let text = include_str!("../../../../tests/fixtures/storage-v1.text.txt");
        let d = decode("fixture", record, Some(text)).expect("v1 fixture decodes");
        assert_eq!(d.title, "Harbour bridge reopens");
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2026-10-08"));
        assert_eq!(d.revision, 7);
        assert_eq!(d.annotations.len(), 2);
        assert_eq!(d.quote(d.annotations[0].span), "Mayor Irene Valdés");
        assert_eq!(d.annotations[0].note, "check the title");
    }

    #[test]
    fn unreadable_records_say_why() {
        let text = Some("abc");
        let cases: &[(&str, &str, &str)] = &[
            ("not json", "{oops", "not valid JSON"),
            ("no schema", r#"{"id":"x"}"#, "no schema version"),
            ("newer", r#"{"schema":9}"#, "newer version of Gloss"),
            ("zero schema", r#"{"schema":0}"#, "unknown schema 0"),
            (
                "missing fields",
                r#"{"schema":1,"title":"t"}"#,
                "missing field",
            ),
        ];
        for (name, record, want) in cases {
            let err = decode("k", record, text).expect_err(name).to_string();
            assert!(err.contains(want), "case {name}: {err}");
        }
        let d = doc();
        let err = decode("k", &encode(&d).expect("encodes"), Some("short"))
            .expect_err("offsets")
            .to_string();
        assert!(err.contains("outside the text"), "{err}");
        let err = decode("k", &encode(&d).expect("encodes"), None)
            .expect_err("no text")
            .to_string();
        assert!(err.contains("text is missing"), "{err}");
    }

    #[test]
    fn a_head_and_its_annotation_records_read_as_the_whole_record() {
        let d = doc();
        let head = encode_head(&d).expect("encodes");
        assert!(!head.contains("\"annotations\""), "{head}");
        assert_eq!(revision_of(&head), Some(3));
        let records: Vec<String> = d
            .annotations
            .iter()
            .map(|a| encode_annotation(&d, a).expect("encodes"))
            .collect();
        // In any order: storage returns them by id.
        let back = decode_stored(
            "k",
            &head,
            records.iter().rev().map(String::as_str),
            Some(&d.text),
        )
        .expect("decodes");
        assert_eq!(back, d);
        assert_eq!(
            decode("k", &encode(&d).expect("encodes"), Some(&d.text)),
            Ok(d)
        );
    }

    #[test]
    fn stored_records_of_every_older_schema_read_with_no_annotation_records() {
        let text = include_str!("../../../../tests/fixtures/storage-v1.text.txt");
        // (name, record stored before schema 6, annotations, revision)
        let cases: &[(&str, &str, usize, u64)] = &[
            (
                "schema 1",
                include_str!("../../../../tests/fixtures/storage-v1.record.json"),
                2,
                7,
            ),
            (
                "schema 2",
                include_str!("../../../../tests/fixtures/storage-v2.record.json"),
                2,
                9,
            ),
            (
                "schema 3",
                include_str!("../../../../tests/fixtures/storage-v3.record.json"),
                2,
                11,
            ),
            (
                "schema 4",
                include_str!("../../../../tests/fixtures/storage-v4.record.json"),
                2,
                11,
            ),
        ];
        for (name, record, annotations, revision) in cases {
            let d = decode_stored("fixture", record, [], Some(text)).expect(name);
            assert_eq!(d.annotations.len(), *annotations, "case {name}");
            assert_eq!(d.revision, *revision, "case {name}");
            assert_eq!(
                Ok(&d),
                decode("fixture", record, Some(text)).as_ref(),
                "case {name}"
            );
        }
    }

    #[test]
    fn a_schema_5_record_is_written_as_the_schema_6_head_and_annotation_records() {
        let text = include_str!("../../../../tests/fixtures/storage-v1.text.txt");
        let v5 = include_str!("../../../../tests/fixtures/storage-v5.record.json");
        let head = include_str!("../../../../tests/fixtures/storage-v6.head.json");
        let records: Vec<String> = serde_json::from_str(include_str!(
            "../../../../tests/fixtures/storage-v6.annotations.json"
        ))
        .expect("a list of records");
        let d = decode_stored("fixture", v5, [], Some(text)).expect("v5 fixture decodes");
        assert_eq!(d.revision, 12);
        assert_eq!(d.annotations[1].updated_by.as_deref(), Some("Ben"));
        assert!(d.annotations[1].curated);
        assert_eq!(d.left_out.len(), 1);
        // The layout of schema 6, byte for byte.
        assert_eq!(encode_head(&d).expect("encodes"), head);
        let written: Vec<String> = d
            .annotations
            .iter()
            .map(|a| encode_annotation(&d, a).expect("encodes"))
            .collect();
        assert_eq!(written, records);
        // And read back as the same document.
        let back = decode_stored(
            "fixture",
            head,
            records.iter().map(String::as_str),
            Some(text),
        )
        .expect("v6 fixture decodes");
        assert_eq!(back, d);
    }

    #[test]
    fn an_annotation_inline_and_in_its_own_record_is_read_once_from_its_own() {
        let d = doc();
        let mut changed = d.clone();
        changed.annotations[1].note = "from its own record".into();
        let own = encode_annotation(&changed, &changed.annotations[1]).expect("encodes");
        let back = decode_stored(
            "k",
            &encode(&d).expect("encodes"),
            [own.as_str()],
            Some(&d.text),
        )
        .expect("decodes");
        assert_eq!(back, changed);
    }

    #[test]
    fn an_unreadable_annotation_record_says_so() {
        let d = doc();
        let head = encode_head(&d).expect("encodes");
        let err = decode_stored("k", &head, ["{oops"], Some(&d.text))
            .expect_err("unreadable")
            .to_string();
        assert!(
            err.contains("an annotation's record is not readable"),
            "{err}"
        );
    }

    #[test]
    fn revision_is_read_alone() {
        assert_eq!(revision_of(&encode(&doc()).expect("encodes")), Some(3));
        assert_eq!(revision_of("{bad"), None);
    }
}
