//! W3C Web Annotation (JSON-LD): the standard other annotation tools read (see
//! docs/formats/w3c.md).
//!
//! Export writes one `AnnotationCollection` whose embedded first `AnnotationPage` holds every
//! annotation of the articles exported. The file carries no article text: each annotation's
//! target names its article by the SHA-256 of the canonical text (`urn:sha256:…`) and selects
//! its words twice, by quote with context and by position in code points, so a tool that has
//! the same text can find them. Whose layer an annotation is in is its `creator` and, for the
//! curated layer, `schema:creativeWorkStatus` ([`layer`]).
//!
//! Import ([`import`]) reads what Gloss writes and what Hypothesis and Recogito write: a
//! collection, a page, one annotation, or a list of annotations. Those come without their
//! text, so they become [`LooseGroup`](super::parsed::LooseGroup)s, placed when merged.

use std::rc::Rc;

use serde_json::{json, Value};
use uuid::Uuid;

use super::foreign::derived_uuid;
use super::parsed::{ExportError, CONTEXT};
use super::sha256_hex;
use super::time::to_rfc3339;
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::text::excerpt;
use crate::model::{Annotation, Document, Timestamp};

mod checks;
mod envelope;
mod iri;
mod layer;
mod links;
mod read;
mod target;

pub use read::import;

/// The JSON-LD context every Web Annotation document names.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The format's name in messages (the menu's name for it).
pub(crate) const NAME: &str = "W3C Web Annotation";

/// How many article titles the collection's label names before it says "and N more".
const TITLES_IN_LABEL: usize = 20;

/// `urn:uuid:<uuid>`: an IRI, as the model wants every `id` to be.
fn urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

/// The IRI naming an article's text: the SHA-256 of its canonical text. The same text gives
/// the same name in every library, which is what lets an import find the article again.
pub fn source_of(text: &str) -> String {
    format!("urn:sha256:{}", sha256_hex(text))
}

/// Writes the annotations of `documents` as one `AnnotationCollection`. The collection's and
/// page's ids are derived from the documents' ids, so exporting the same articles twice gives
/// the same file but for the export time (`created`).
pub fn export(documents: &[&Document], at: Timestamp) -> Result<String, ExportError> {
    let ids: Vec<String> = documents.iter().map(|d| d.id.to_string()).collect();
    let mut seed: Vec<&str> = vec!["gloss w3c collection"];
    seed.extend(ids.iter().map(String::as_str));
    let collection = urn(derived_uuid(&seed));
    let page = urn(derived_uuid(&["gloss w3c page", &collection, "0"]));
    let mut items = Vec::new();
    for doc in documents {
        let index = TextIndex::new(Rc::clone(&doc.text));
        let source = source_of(&doc.text);
        items.extend(
            doc.annotations
                .iter()
                .map(|a| annotation(doc, &index, &source, a)),
        );
    }
    let total = items.len();
    let file = json!({
        "@context": ANNO_CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": label(documents, total),
        "created": to_rfc3339(at),
        "total": total,
        "first": {
            "id": page,
            "type": "AnnotationPage",
            // An object, as in the model's example: the suite's page MUSTs read a page's
            // `partOf` as the collection's description (a plain IRI fails them).
            "partOf": { "id": collection, "total": total },
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&file).map_err(|e| ExportError(e.to_string()))
}

/// One annotation. It repeats the `@context` (the same one, so JSON-LD reads it the same) so
/// that each item is a complete Web Annotation on its own, as a tool that takes annotations
/// one by one out of the page expects.
fn annotation(doc: &Document, index: &TextIndex, source: &str, a: &Annotation) -> Value {
    let (prefix, suffix) = context(index, a.span, CONTEXT);
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "tagging",
        "value": a.label.slug(),
    })];
    if !a.note.is_empty() {
        body.push(json!({
            "type": "TextualBody",
            "purpose": "commenting",
            "value": a.note,
            "format": "text/plain",
        }));
    }
    body.extend(links::bodies(doc, a));
    body.extend(checks::bodies(a));
    let mut out = json!({
        "@context": ANNO_CONTEXT,
        "id": urn(a.id.0),
        "type": "Annotation",
        "motivation": if a.note.is_empty() { "tagging" } else { "commenting" },
        "created": to_rfc3339(a.created_at),
        "modified": to_rfc3339(a.updated_at),
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": index.slice(a.span),
                    "prefix": prefix,
                    "suffix": suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": a.span.start,
                    "end": a.span.end,
                },
            ],
        },
    });
    if let Value::Object(o) = &mut out {
        layer::write(a, o);
    }
    out
}

/// The collection's label: what it holds, the articles' titles and dates (the model has no
/// other place for them that every reader leaves alone), and the unit of the positions, which
/// the model leaves to the writer.
fn label(documents: &[&Document], total: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let titles: Vec<String> = documents
        .iter()
        .take(TITLES_IN_LABEL)
        .map(|d| match d.date {
            Some(date) => format!("“{}” ({date})", excerpt(&d.title, 80)),
            None => format!("“{}”", excerpt(&d.title, 80)),
        })
        .collect();
    let mut named = titles.join(", ");
    if documents.len() > TITLES_IN_LABEL {
        named.push_str(&format!(" and {} more", documents.len() - TITLES_IN_LABEL));
    }
    let what = match documents.len() {
        0 => "Gloss annotations: none".to_owned(),
        1 => format!(
            "Gloss annotations: {} of {named}",
            plural(total, "annotation", "annotations")
        ),
        n => format!(
            "Gloss annotations: {} of {} articles: {named}",
            plural(total, "annotation", "annotations"),
            n
        ),
    };
    format!(
        "{what}. Each target's source is urn:sha256: and the SHA-256 of the article's text \
         (UTF-8, LF line ends); TextPositionSelector start and end count Unicode code points \
         of that text."
    )
}
