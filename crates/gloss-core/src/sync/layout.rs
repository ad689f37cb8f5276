//! How a library is laid out in a CouchDB database, so that two people annotating one article
//! at the same time never write the same database document:
//!
//! - `article:<document id>`: the article's text, title and date, written by whoever brought
//!   the article in (the text never changes; a new title is a new revision);
//! - `annotation:<annotation id>`: one annotation, written only by the person who made it (the
//!   curated layer's by the curator), with its article's id; an actor carries the name of the
//!   person it stands for (`entity`, `entity_name`), so people travel with their mentions;
//! - `extras:<document id>:<name>`: the suggestions that person turned down for the article
//!   and the curation places they settled with nothing kept.
//!
//! Only the same person on two devices can write one document twice: that is a CouchDB
//! conflict, found and settled as [`super::incoming`] describes. Bodies are built from typed
//! structs, so the same content always serialises to the same text (its hash tells whether it
//! changed).

use serde::{Deserialize, Serialize};

use crate::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Entity, EntityId, Evidence, Extra,
    Label, Rejection, Span, Timestamp, Verdict,
};

/// The layout's version, written in every body; a body of a newer layout is left alone.
pub const LAYOUT: u32 = 1;

/// The database id of an article's text.
pub fn article_id(doc: DocumentId) -> String {
    format!("article:{doc}")
}

/// The database id of an annotation.
pub fn annotation_id(id: AnnotationId) -> String {
    format!("annotation:{id}")
}

/// The database id of one person's turned-down suggestions and curation places for an article.
pub fn extras_id(doc: DocumentId, name: &str) -> String {
    format!("extras:{doc}:{name}")
}

/// An article as the database holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleBody {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<ArticleDate>,
    pub text: String,
    pub created_at: i64,
}

/// An annotation as the database holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotationBody {
    pub article: DocumentId,
    pub label: Label,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub note: String,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<AnnotationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Evidence>,
    pub created_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub curated: bool,
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

/// One person's places for an article: suggestions turned down, curation places left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtrasBody {
    pub article: DocumentId,
    pub by: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_suggestions: Vec<Rejection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub curation_left_out: Vec<Rejection>,
}

/// Any body Gloss writes, told apart by `type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Body {
    Article(ArticleBody),
    Annotation(AnnotationBody),
    Extras(ExtrasBody),
}

/// The stored form with the layout version; `content` is what revisions and hashes are made of.
#[derive(Serialize, Deserialize)]
struct Versioned {
    gloss: u32,
    #[serde(flatten)]
    body: Body,
}

/// Why a database document was not taken into the library, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("{id}: not a Gloss document")]
    NotGloss { id: String },
    #[error("{id}: written by a newer version of Gloss (layout {found}; this one reads {LAYOUT})")]
    TooNew { id: String, found: u64 },
    #[error("{id}: {detail}")]
    Invalid { id: String, detail: String },
}

impl Body {
    /// The body's text without `_id` and `_rev`: revisions and hashes are made of it.
    pub fn content(&self) -> String {
        // Typed structs with string keys: serialising cannot fail; an empty text would only
        // make a change look like another, never lose one.
        serde_json::to_string(&Versioned {
            gloss: LAYOUT,
            body: self.clone(),
        })
        .unwrap_or_default()
    }

    /// The database document: the content with `_id` (and `_rev`, `_revisions` added by the
    /// caller).
    pub fn to_value(&self, id: &str) -> serde_json::Value {
        let mut value = serde_json::to_value(Versioned {
            gloss: LAYOUT,
            body: self.clone(),
        })
        .unwrap_or(serde_json::Value::Null);
        if let Some(map) = value.as_object_mut() {
            map.insert("_id".to_owned(), serde_json::Value::String(id.to_owned()));
        }
        value
    }

    /// Reads a database document (fields starting with `_` are CouchDB's and ignored).
    pub fn from_value(id: &str, value: &serde_json::Value) -> Result<Body, BodyError> {
        let Some(map) = value.as_object() else {
            return Err(BodyError::NotGloss { id: id.to_owned() });
        };
        let Some(version) = map.get("gloss").and_then(serde_json::Value::as_u64) else {
            return Err(BodyError::NotGloss { id: id.to_owned() });
        };
        if version > u64::from(LAYOUT) {
            return Err(BodyError::TooNew {
                id: id.to_owned(),
                found: version,
            });
        }
        let own: serde_json::Map<String, serde_json::Value> = map
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let versioned: Versioned =
            serde_json::from_value(serde_json::Value::Object(own)).map_err(|e| {
                BodyError::Invalid {
                    id: id.to_owned(),
                    detail: e.to_string(),
                }
            })?;
        let body = versioned.body;
        // The id must say what the body is: a body under another id is not taken.
        let expected = match &body {
            Body::Article(_) => id.starts_with("article:"),
            Body::Annotation(_) => id.starts_with("annotation:"),
            Body::Extras(e) => id == extras_id(e.article, &e.by),
        };
        if !expected {
            return Err(BodyError::Invalid {
                id: id.to_owned(),
                detail: "its id does not match what it holds".to_owned(),
            });
        }
        Ok(body)
    }
}

/// An article's body.
pub fn article_body(doc: &Document) -> ArticleBody {
    ArticleBody {
        title: doc.title.clone(),
        date: doc.date,
        text: doc.text.to_string(),
        created_at: doc.created_at.0,
    }
}

/// An annotation's body, signed by `me` when it was made before a name was given.
pub fn annotation_body(doc: &Document, a: &Annotation, me: &str) -> AnnotationBody {
    AnnotationBody {
        article: doc.id,
        label: a.label,
        start: a.span.start,
        end: a.span.end,
        note: a.note.clone(),
        created_at: a.created_at.0,
        updated_at: a.updated_at.0,
        source: a.source,
        entity: a.entity,
        entity_name: a.entity.and_then(|e| doc.entity(e)).map(|e| e.name.clone()),
        verdict: a.verdict,
        sources: a.evidence.clone(),
        created_by: a.created_by.clone().unwrap_or_else(|| me.to_owned()),
        updated_by: a.updated_by.clone(),
        curated: a.curated,
        extra: a.extra.clone(),
    }
}

impl AnnotationBody {
    /// The annotation (with the id the database document names) and the person it stands for.
    pub fn annotation(&self, id: AnnotationId) -> Option<(Annotation, Option<Entity>)> {
        let span = Span::new(self.start, self.end)?;
        let entity = self.entity.map(|id| Entity {
            id,
            name: self.entity_name.clone().unwrap_or_default(),
        });
        Some((
            Annotation {
                id,
                label: self.label,
                span,
                note: self.note.clone(),
                created_at: Timestamp(self.created_at),
                updated_at: Timestamp(self.updated_at),
                source: self.source,
                entity: self.entity,
                verdict: self.verdict,
                evidence: self.sources.clone(),
                created_by: Some(self.created_by.clone()),
                updated_by: self.updated_by.clone(),
                curated: self.curated,
                extra: self.extra.clone(),
            },
            entity,
        ))
    }
}

/// The annotation id a database id names (`annotation:<uuid>`).
pub fn parse_annotation_id(id: &str) -> Option<AnnotationId> {
    let uuid = id.strip_prefix("annotation:")?;
    uuid::Uuid::parse_str(uuid).ok().map(AnnotationId)
}

/// The document id a database id names (`article:<uuid>`).
pub fn parse_article_id(id: &str) -> Option<DocumentId> {
    let uuid = id.strip_prefix("article:")?;
    uuid::Uuid::parse_str(uuid).ok().map(DocumentId)
}
