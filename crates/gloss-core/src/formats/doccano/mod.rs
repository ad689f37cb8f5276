//! doccano JSONL: one JSON object per article and line, `{"id", "text", "label", "date",
//! "title"}`, its spans `[start, end, "LABEL"]` in code points (Python string indices, doccano's
//! unit) over the text as written. An article several people marked is a line per layer, the
//! line's metadata saying whose ([`layer`]).
//!
//! Export writes the `label` shape of doccano's sequence-labelling projects, or, when a quote or
//! claim of the export has a source, the `entities`/`relations` shape of projects with
//! relations ("JSONL (relation)"), each source a relation of type `SOURCE`; the entities actors
//! stand for go in the line's metadata ([`links`]). Import also reads the older `labels` key, a
//! single JSON object, or a JSON array of such objects (doccano's "JSON" export); relations of
//! other types are counted and skipped. doccano has no per-span note, so notes are not written;
//! a claim's verdict and sources go in the line's metadata ([`checks`]).
//!
//! The readers of doccano and Label Studio share their first steps (size, encoding, depth,
//! syntax): [`json_text`] and [`syntax_error`].

use std::collections::BTreeMap;

use serde::Serialize;

use super::gloss::too_deep;
use super::parsed::{ExportError, FileError, MAX_FILE_BYTES};
use super::whose::{layers_of, Whose};
use crate::model::{Document, Label};

mod checks;
mod layer;
mod links;
mod read;
mod shape;

pub use read::import;

/// How messages name the format.
pub const NAME: &str = "doccano JSONL";

/// doccano's name for a label: upper case, as its own examples write label names.
pub fn label_name(label: Label) -> &'static str {
    match label {
        Label::Claim => "CLAIM",
        Label::Quote => "QUOTE",
        Label::Actor => "ACTOR",
    }
}

/// One line of the export, its keys in this order: the spans in the `label` shape, or, when
/// the export has a source to write, in the `entities` shape with `relations` (doccano's
/// "JSONL (relation)"); the entities actors stand for as metadata (`gloss_entities`), and the
/// claims' checks (`gloss_checks`, see [`checks`]).
#[derive(Serialize)]
struct Line<'a> {
    id: String,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<Vec<(usize, usize, &'static str)>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<SpanOut>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relations: Option<Vec<RelationOut>>,
    date: Option<String>,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    gloss_entities: Vec<EntityOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    gloss_checks: Vec<serde_json::Value>,
    /// Whose layer the line's spans are in ([`layer`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    gloss_created_by: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    gloss_curated: bool,
}

#[derive(Serialize)]
struct SpanOut {
    id: usize,
    label: &'static str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct RelationOut {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// An entity and the spans (`[start, end]`) of the actors that stand for it.
#[derive(Serialize)]
struct EntityOut<'a> {
    id: String,
    name: &'a str,
    mentions: Vec<(usize, usize)>,
}

/// The relation type of a source: from a quote or claim to the actor who said it.
pub const SOURCE: &str = "SOURCE";

/// Writes one JSON object per article and layer, each on its own line ending with `\n`: an
/// article whose annotations are in one layer (or none) is one line, as in doccano's own
/// files; one with several people's layers a line for each, the same text with that layer's
/// spans ([`layer`]). Span and relation ids count up over the whole file, as doccano's own do.
pub fn export(documents: &[&Document]) -> Result<String, ExportError> {
    let relations = documents
        .iter()
        .any(|d| d.annotations.iter().any(|a| a.source.is_some()));
    let mut out = String::new();
    let mut ids = Ids::default();
    for doc in documents {
        let layers = layers_of(doc);
        if layers.is_empty() {
            write_line(&mut out, doc, &Whose::default(), relations, &mut ids)?;
        }
        for (whose, annotations) in layers {
            let part = doc.with_annotations(annotations.into_iter().cloned().collect());
            write_line(&mut out, &part, &whose, relations, &mut ids)?;
        }
    }
    Ok(out)
}

/// The last span and relation ids given in the file.
#[derive(Default)]
struct Ids {
    span: usize,
    relation: usize,
}

/// One line: `doc`'s annotations (all in the layer `whose`), in the relation shape when the
/// export has a source to write.
fn write_line(
    out: &mut String,
    doc: &Document,
    whose: &Whose,
    relations: bool,
    next: &mut Ids,
) -> Result<(), ExportError> {
    let mut line = Line {
        id: doc.id.to_string(),
        text: &doc.text,
        label: None,
        entities: None,
        relations: None,
        date: doc.date.map(|d| d.to_string()),
        title: &doc.title,
        gloss_entities: entities_of(doc),
        gloss_checks: checks::checks_of(doc),
        gloss_created_by: whose.created_by.as_deref(),
        gloss_curated: whose.curated,
    };
    if relations {
        let mut ids = BTreeMap::new();
        let spans = doc
            .annotations
            .iter()
            .map(|a| {
                next.span += 1;
                ids.insert(a.id, next.span);
                SpanOut {
                    id: next.span,
                    label: label_name(a.label),
                    start_offset: a.span.start,
                    end_offset: a.span.end,
                }
            })
            .collect();
        let links = doc
            .annotations
            .iter()
            .filter_map(|a| Some((*ids.get(&a.id)?, *ids.get(&a.source?)?)))
            .map(|(from_id, to_id)| {
                next.relation += 1;
                RelationOut {
                    id: next.relation,
                    from_id,
                    to_id,
                    kind: SOURCE,
                }
            })
            .collect();
        line.entities = Some(spans);
        line.relations = Some(links);
    } else {
        line.label = Some(
            doc.annotations
                .iter()
                .map(|a| (a.span.start, a.span.end, label_name(a.label)))
                .collect(),
        );
    }
    let json = serde_json::to_string(&line).map_err(|e| ExportError(e.to_string()))?;
    push_ascii(out, &json);
    out.push('\n');
    Ok(())
}

/// The entities `doc`'s actors stand for, in the order of their first mention.
fn entities_of(doc: &Document) -> Vec<EntityOut<'_>> {
    let mut out: Vec<EntityOut> = Vec::new();
    for a in &doc.annotations {
        let Some(entity) = a.entity.and_then(|e| doc.entity(e)) else {
            continue;
        };
        let mention = (a.span.start, a.span.end);
        match out.iter_mut().find(|e| e.id == entity.id.to_string()) {
            Some(e) => e.mentions.push(mention),
            None => out.push(EntityOut {
                id: entity.id.to_string(),
                name: &entity.name,
                mentions: vec![mention],
            }),
        }
    }
    out
}

/// Appends `json` with every character beyond ASCII written as a `\u` escape. doccano guesses
/// a file's encoding (chardet) and can take UTF-8 with few accented letters for Latin-1; an
/// ASCII file reads the same under any guess, and the escapes decode to the same code points,
/// so the offsets hold. (Outside strings JSON is ASCII, so every such character is in a string.)
fn push_ascii(out: &mut String, json: &str) {
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
}

/// The text of a JSON file another tool wrote: within the size limit, UTF-8 (a byte-order mark
/// skipped), not nested deeper than any format Gloss reads.
pub(super) fn json_text(bytes: &[u8]) -> Result<&str, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size: bytes.len() });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|_| FileError::NotUtf8)?;
    if too_deep(text) {
        return Err(FileError::TooDeep);
    }
    Ok(text)
}

/// A whole file that is not JSON: cut off, or not JSON at all.
pub(super) fn syntax_error(e: &serde_json::Error) -> FileError {
    if e.classify() == serde_json::error::Category::Eof {
        FileError::Truncated { line: e.line() }
    } else {
        FileError::NotJson(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_is_escaped_as_utf16() {
        let mut out = String::new();
        push_ascii(&mut out, "\"é😀\"");
        assert_eq!(out, "\"\\u00e9\\ud83d\\ude00\"");
        let back: String = serde_json::from_str(&out).expect("json");
        assert_eq!(back, "é😀");
    }
}
