//! Label Studio JSON: a list of tasks, one per article, `{"data": {"text", "title", "date"},
//! "annotations": [{"result": [...]}]}`, an annotation set per layer (the curated one the gold
//! set), each region's `meta` saying whose it is ([`layer`]). Each annotation is a `labels`
//! result on the text with Gloss's annotation id, `value.start`/`value.end` in code points;
//! its note is a per-region `textarea` result with the same id (Label Studio ties per-region
//! answers to their region by id). A source is a `relation` result labelled Source from the quote's region to the actor's;
//! an actor's entity is in its region's `meta` ([`links`]); a claim's verdict is a per-region
//! `choices` result and its sources are in its region's `meta` ([`checks`]). [`config`] is the labelling config
//! that shows these: Gloss's labels in its colours, the Source relation and a per-region note
//! box.
//!
//! Import reads the tasks Label Studio exports: people's annotations (every annotator's; the
//! model's predictions only when a task has none), each region in the layer its `meta` says
//! (else the importing person's own), `labels` results on the text with their
//! per-region notes, offsets checked against `value.text` in code points and then in UTF-16
//! units (some versions of Label Studio's front end counted those), Source relations and the
//! entities in actors' `meta`. Other relations and result types are counted and skipped.

use serde::Serialize;
use serde_json::{json, Value};

use super::colour;
use super::parsed::ExportError;
use super::time::to_rfc3339;
use super::whose::{layers_of, Whose};
use crate::model::{Annotation, Document, Label};

mod checks;
mod layer;
mod links;
mod read;
mod results;

pub use read::import;

/// How messages name the format.
pub const NAME: &str = "Label Studio JSON";

/// Names the config gives its tags; the results name them.
const LABELS: &str = "label";
const TEXT: &str = "text";
const NOTE: &str = "note";

/// The relation label of a source.
pub const SOURCE: &str = "Source";

/// The labelling config for Gloss's exports: the title, the text with its white space kept
/// (Label Studio's documentation: otherwise spaces are trimmed where offsets are counted), the
/// three labels in Gloss's colours, the Source relation (from a quote or claim to the actor who
/// said it), a claim's verdict and a note box for the selected region.
pub fn config() -> String {
    let mut labels = String::new();
    for label in Label::ALL {
        labels.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            label.name(),
            colour(label)
        ));
    }
    format!(
        r#"<View>
  <Style>.htx-text {{ white-space: pre-wrap; }}</Style>
  <Header value="$title"/>
  <Labels name="{LABELS}" toName="{TEXT}">
{labels}  </Labels>
  <Relations>
    <Relation value="{SOURCE}"/>
  </Relations>
  <Text name="{TEXT}" value="$text"/>
{verdict}  <View visibleWhen="region-selected">
    <Header value="Note"/>
    <TextArea name="{NOTE}" toName="{TEXT}" perRegion="true" editable="true" rows="3" placeholder="Note on the selected annotation"/>
  </View>
</View>
"#,
        verdict = checks::config(TEXT)
    )
}

#[derive(Serialize)]
struct Task<'a> {
    data: TaskData<'a>,
    annotations: Vec<AnnotationSet>,
}

#[derive(Serialize)]
struct TaskData<'a> {
    text: &'a str,
    title: &'a str,
    date: Option<String>,
}

#[derive(Serialize)]
struct AnnotationSet {
    result: Vec<Item>,
    created_at: String,
    updated_at: String,
    /// Whether the set is the task's gold annotation: Gloss's curated layer. Written for
    /// every set, since Label Studio takes a set imported without it for the gold one.
    ground_truth: bool,
}

/// One result: a region of the text, or a relation between two regions.
#[derive(Serialize)]
#[serde(untagged)]
enum Item {
    Region(Region),
    Relation(Relation),
}

#[derive(Serialize)]
struct Region {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: Value,
    /// An actor's entity: its name in `text` (what Label Studio shows as the region's meta
    /// text) and its id in `entity`.
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<Value>,
}

/// A relation result, as Label Studio writes one drawn from `from_id` to `to_id`.
#[derive(Serialize)]
struct Relation {
    from_id: String,
    to_id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    direction: &'static str,
    labels: [&'static str; 1],
}

/// Writes a JSON list of tasks, one per article. An article's annotations are one annotation
/// set per layer (each annotator's, then the curated one, its `ground_truth`), dated by its
/// first creation and last change, each region's `meta` saying whose it is ([`layer`]); an
/// article without annotations has none. Each source is a relation result after the regions
/// of its set.
pub fn export(documents: &[&Document]) -> Result<String, ExportError> {
    let tasks: Vec<Task> = documents
        .iter()
        .map(|doc| Task {
            data: TaskData {
                text: &doc.text,
                title: &doc.title,
                date: doc.date.map(|d| d.to_string()),
            },
            annotations: layers_of(doc)
                .into_iter()
                .filter_map(|(whose, annotations)| set(doc, &whose, &annotations))
                .collect(),
        })
        .collect();
    serde_json::to_string_pretty(&tasks).map_err(|e| ExportError(e.to_string()))
}

/// One layer's annotation set: a `labels` region per annotation with its note's `textarea`
/// and its verdict's `choices`, then a relation per source in the same layer (Label Studio
/// relates regions of one set). `None` when the layer is empty.
fn set(doc: &Document, whose: &Whose, annotations: &[&Annotation]) -> Option<AnnotationSet> {
    let mut result = Vec::new();
    for a in annotations {
        let (start, end) = (a.span.start, a.span.end);
        let meta = a
            .entity
            .and_then(|e| doc.entity(e))
            .map(|e| json!({ "text": [e.name], "entity": e.id.to_string() }))
            .or_else(|| checks::meta(a));
        result.push(Item::Region(Region {
            id: a.id.to_string(),
            from_name: LABELS,
            to_name: TEXT,
            kind: "labels",
            value: json!({
                "start": start,
                "end": end,
                "text": doc.quote(a.span),
                "labels": [a.label.name()],
            }),
            meta: layer::meta(whose, meta),
        }));
        if !a.note.is_empty() {
            result.push(Item::Region(Region {
                id: a.id.to_string(),
                from_name: NOTE,
                to_name: TEXT,
                kind: "textarea",
                value: json!({ "start": start, "end": end, "text": [a.note] }),
                meta: None,
            }));
        }
        if let Some(value) = checks::choice(a) {
            result.push(Item::Region(Region {
                id: a.id.to_string(),
                from_name: checks::VERDICT,
                to_name: TEXT,
                kind: "choices",
                value,
                meta: None,
            }));
        }
    }
    for a in annotations {
        let Some(source) = a.source.filter(|s| annotations.iter().any(|x| x.id == *s)) else {
            continue;
        };
        result.push(Item::Relation(Relation {
            from_id: a.id.to_string(),
            to_id: source.to_string(),
            kind: "relation",
            direction: "right",
            labels: [SOURCE],
        }));
    }
    let created = annotations.iter().map(|a| a.created_at).min()?;
    let updated = annotations.iter().map(|a| a.updated_at).max()?;
    Some(AnnotationSet {
        result,
        created_at: to_rfc3339(created),
        updated_at: to_rfc3339(updated),
        ground_truth: whose.curated,
    })
}
