//! Writing Gloss JSON: every article with its annotations, their links (`source` on quotes and
//! claims, `entity` on actors) and, at the top, the entities the articles' actors stand for.
//! The same documents always give the same bytes.
//!
//! The file is written a piece at a time ([`Writer`]): the envelope and the entities, then one
//! article after another, then the closing brackets. Each piece is serialised straight from the
//! model (borrowed structs, no tree of `serde_json::Value`s), so a library of any size is never
//! held in memory twice over, and the app can hand each piece to the browser in a task of its
//! own. The pieces joined are one compact JSON file ([`export`] joins them).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::super::time::to_rfc3339;
use super::rejected::Places;
use super::{sha256_hex, ExportError, CONTEXT, FORMAT, VERSION};
use crate::model::anchor::context;
use crate::model::entity::display_name;
use crate::model::offsets::TextIndex;
use crate::model::{Annotation, Document, Entity, EntityId, Extra, Label, Rejection, Timestamp};

/// Fields Gloss writes itself (those it reads): a kept extra of the same name is never written
/// over them, even where Gloss leaves the field out (an extra `"source"` must not read back as
/// a link).
use super::annotation::ANN_FIELDS as KNOWN;

/// The fields of an article Gloss always writes: a kept extra of the same name is not written.
const DOC_FIELDS: [&str; 6] = ["id", "title", "date", "text", "text_sha256", "annotations"];

/// A document's or an annotation's kept extras, but those named in `skip` (written by Gloss).
struct Extras<'a> {
    extra: &'a Extra,
    skip: &'a [&'a str],
}

impl Serialize for Extras<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (k, v) in self.extra {
            if !self.skip.contains(&k.as_str()) {
                map.serialize_entry(k, v)?;
            }
        }
        map.end()
    }
}

/// A claim's source link as written: `{"url", "title", "note"}`.
#[derive(Serialize)]
struct SourceOut<'a> {
    url: &'a str,
    title: &'a str,
    note: &'a str,
}

/// One annotation as written, in the order of docs/FORMAT.md.
#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: String,
    label: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    prefix: String,
    suffix: String,
    note: &'a str,
    created_at: String,
    updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_by: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    curated: bool,
    #[serde(flatten)]
    extra: Extras<'a>,
}

fn annotation<'a>(index: &'a TextIndex, a: &'a Annotation) -> AnnotationOut<'a> {
    let (prefix, suffix) = context(index, a.span, CONTEXT);
    let claim = a.label == Label::Claim;
    AnnotationOut {
        id: a.id.to_string(),
        label: a.label.slug(),
        start: a.span.start,
        end: a.span.end,
        text: index.slice(a.span),
        prefix,
        suffix,
        note: &a.note,
        created_at: to_rfc3339(a.created_at),
        updated_at: to_rfc3339(a.updated_at),
        // Only what the import keeps: a source on a quote or claim, an entity on an actor, a
        // check on a claim.
        source: a
            .source
            .filter(|_| a.can_have_source())
            .map(|s| s.to_string()),
        entity: a
            .entity
            .filter(|_| a.label == Label::Actor)
            .map(|e| e.to_string()),
        verdict: a.verdict.filter(|_| claim).map(|v| v.slug()),
        sources: if claim {
            a.evidence
                .iter()
                .map(|e| SourceOut {
                    url: &e.url,
                    title: &e.title,
                    note: &e.note,
                })
                .collect()
        } else {
            Vec::new()
        },
        created_by: a.created_by.as_deref(),
        updated_by: a.updated_by.as_deref(),
        curated: a.curated,
        extra: Extras {
            extra: &a.extra,
            skip: &KNOWN,
        },
    }
}

/// One entry of a list of places (`rejected_suggestions`, `curation_left_out`).
#[derive(Serialize)]
struct PlaceOut {
    label: &'static str,
    start: usize,
    end: usize,
}

fn places(list: &[Rejection]) -> Vec<PlaceOut> {
    list.iter()
        .map(|r| PlaceOut {
            label: r.label.slug(),
            start: r.span.start,
            end: r.span.end,
        })
        .collect()
}

/// One article as written, in the order of docs/FORMAT.md; its kept extras last.
#[derive(Serialize)]
struct DocumentOut<'a> {
    id: String,
    title: &'a str,
    date: Option<String>,
    text: &'a str,
    text_sha256: String,
    annotations: Vec<AnnotationOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rejected_suggestions: Vec<PlaceOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    curation_left_out: Vec<PlaceOut>,
    #[serde(flatten)]
    extra: Extras<'a>,
}

/// One entity of the top-level list.
#[derive(Serialize)]
struct EntityOut<'a> {
    id: String,
    name: &'a str,
}

/// The entities the documents' actors stand for, each once: every document's own list (those
/// its actors use), then any entity an actor uses that its document does not list, named after
/// the mention. Listed so that each document's order is kept wherever the documents agree
/// (an import lists a new document's entities in the file's order): [`agreed_order`].
fn used_entities(documents: &[&Document]) -> Vec<Entity> {
    let mut all: Vec<Entity> = Vec::new();
    let mut index: BTreeMap<EntityId, usize> = BTreeMap::new();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for doc in documents {
        let actors = || doc.annotations.iter().filter(|a| a.label == Label::Actor);
        let used: BTreeSet<_> = actors().filter_map(|a| a.entity).collect();
        let listed = doc
            .entities
            .iter()
            .filter(|e| used.contains(&e.id))
            .cloned();
        let unlisted = actors().filter_map(|a| {
            let id = a.entity?;
            doc.entity(id).is_none().then(|| Entity {
                id,
                name: display_name(doc.quote(a.span)),
            })
        });
        let mut list = Vec::new();
        for e in listed.chain(unlisted) {
            let i = *index.entry(e.id).or_insert_with(|| {
                all.push(e);
                all.len() - 1
            });
            if !list.contains(&i) {
                list.push(i);
            }
        }
        lists.push(list);
    }
    let mut all: Vec<Option<Entity>> = all.into_iter().map(Some).collect();
    agreed_order(all.len(), &lists)
        .into_iter()
        .filter_map(|i| all.get_mut(i).and_then(Option::take))
        .collect()
}

/// `0..n` ordered so that every list keeps its order where the lists agree (a topological
/// order of "comes right before in some list"); ties, and any disagreement, go by first
/// appearance.
fn agreed_order(n: usize, lists: &[Vec<usize>]) -> Vec<usize> {
    let mut after: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut waiting = vec![0usize; n];
    for list in lists {
        for pair in list.windows(2) {
            if let [a, b] = *pair {
                if after.get_mut(a).is_some_and(|s| s.insert(b)) {
                    if let Some(w) = waiting.get_mut(b) {
                        *w += 1;
                    }
                }
            }
        }
    }
    let mut ready: BTreeSet<usize> = (0..n).filter(|&i| waiting.get(i) == Some(&0)).collect();
    let mut left: BTreeSet<usize> = (0..n).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(next) = ready.pop_first().or_else(|| left.first().copied()) {
        left.remove(&next);
        ready.remove(&next);
        out.push(next);
        for &b in after.get(next).into_iter().flatten() {
            if let Some(w) = waiting.get_mut(b) {
                *w = w.saturating_sub(1);
                if *w == 0 && left.contains(&b) {
                    ready.insert(b);
                }
            }
        }
    }
    out
}

/// Writes a Gloss JSON file a piece at a time: [`Writer::start`] gives the envelope and the
/// entities, [`Writer::document`] one article (call it for every article given to `start`, in
/// the same order), [`Writer::end`] the closing brackets. The pieces joined, in that order, are
/// the file. No piece holds more than one article, so an app can hand each to the browser and
/// drop it before the next is written.
#[derive(Debug)]
pub struct Writer {
    /// Articles written so far (a comma goes before every one but the first).
    written: usize,
}

fn json_error(e: serde_json::Error) -> ExportError {
    ExportError(e.to_string())
}

impl Writer {
    /// Starts a file of `documents` exported `at`: the first piece, up to the opening bracket of
    /// `"documents"`. The entities listed at the top are those all of `documents` use, so every
    /// article that will be written must be given here.
    pub fn start(documents: &[&Document], at: Timestamp) -> Result<(Writer, Vec<u8>), ExportError> {
        let entities = used_entities(documents);
        let entities: Vec<EntityOut> = entities
            .iter()
            .map(|e| EntityOut {
                id: e.id.to_string(),
                name: &e.name,
            })
            .collect();
        let mut out = Vec::with_capacity(128 + 64 * entities.len());
        out.extend_from_slice(b"{\"format\":");
        serde_json::to_writer(&mut out, FORMAT).map_err(json_error)?;
        out.extend_from_slice(b",\"version\":");
        serde_json::to_writer(&mut out, &VERSION).map_err(json_error)?;
        out.extend_from_slice(b",\"exported_at\":");
        serde_json::to_writer(&mut out, &to_rfc3339(at)).map_err(json_error)?;
        out.extend_from_slice(b",\"entities\":");
        serde_json::to_writer(&mut out, &entities).map_err(json_error)?;
        out.extend_from_slice(b",\"documents\":[");
        Ok((Writer { written: 0 }, out))
    }

    /// The next article, as the next piece of the file.
    pub fn document(&mut self, doc: &Document) -> Result<Vec<u8>, ExportError> {
        let index = TextIndex::new(Rc::clone(&doc.text));
        let mut skip: Vec<&str> = DOC_FIELDS.to_vec();
        for (key, list) in [
            (Places::Rejected.key(), &doc.rejected),
            (Places::LeftOut.key(), &doc.left_out),
        ] {
            // A kept extra of the same name is written only where Gloss leaves its own out.
            if !list.is_empty() {
                skip.push(key);
            }
        }
        let out = DocumentOut {
            id: doc.id.to_string(),
            title: &doc.title,
            date: doc.date.map(|d| d.to_string()),
            text: &doc.text,
            text_sha256: sha256_hex(&doc.text),
            annotations: doc
                .annotations
                .iter()
                .map(|a| annotation(&index, a))
                .collect(),
            rejected_suggestions: places(&doc.rejected),
            curation_left_out: places(&doc.left_out),
            extra: Extras {
                extra: &doc.extra,
                skip: &skip,
            },
        };
        // The text, once, and a few hundred bytes per annotation.
        let mut bytes = Vec::with_capacity(doc.text.len() + 256 * (doc.annotations.len() + 1));
        if self.written > 0 {
            bytes.push(b',');
        }
        serde_json::to_writer(&mut bytes, &out).map_err(json_error)?;
        self.written += 1;
        Ok(bytes)
    }

    /// The last piece: the closing brackets.
    pub fn end(self) -> Vec<u8> {
        b"]}".to_vec()
    }
}

/// Writes `documents` as one Gloss JSON file (compact: the pieces of a [`Writer`] joined). An
/// error (serde could not write a value) is reported to the person; an empty file is never
/// offered in its place.
pub fn export(documents: &[&Document], at: Timestamp) -> Result<String, ExportError> {
    let (mut writer, mut file) = Writer::start(documents, at)?;
    for doc in documents {
        file.extend(writer.document(doc)?);
    }
    file.extend(writer.end());
    // Serde writes UTF-8 only; this never fails.
    String::from_utf8(file).map_err(|e| ExportError(e.to_string()))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
