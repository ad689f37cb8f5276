//! Reading doccano's files: JSONL, a JSON object or an array of them, in the `label`, `labels`
//! and `entities`/`relations` shapes; sources from relations of type SOURCE, entities from the
//! `gloss_entities` metadata Gloss writes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::shape::{count_spans, items, line_error};
use super::{checks, json_text, layer, links, NAME};
use crate::formats::foreign::{ForeignDocument, Mark, Skipped};
use crate::formats::gloss::shorten;
use crate::formats::parsed::{FileError, Parsed, Problem, MAX_ANNOTATIONS, MAX_DOCUMENTS};
use crate::formats::whose::Whose;
use crate::model::{AnnotationId, Label, Span, Timestamp};

/// Reads doccano JSONL (or a JSON object, or an array of them). `Err` refuses the whole file;
/// otherwise every line that is not valid is a problem and the rest is read.
pub fn import(bytes: &[u8], at: Timestamp) -> Result<Parsed, FileError> {
    let text = json_text(bytes)?;
    let items = items(text)?;
    if items.len() > MAX_DOCUMENTS {
        return Err(FileError::TooManyDocuments(items.len()));
    }
    let spans: usize = items.iter().map(|(_, raw)| count_spans(raw)).sum();
    if spans > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(spans));
    }
    let mut out = Parsed::default();
    let mut reader = Reader {
        skipped: Skipped::default(),
        relations: 0,
        at,
        whose: Whose::default(),
    };
    let mut first_error = None;
    let mut valid = 0usize;
    for (name, raw) in items {
        match serde_json::from_str::<Value>(raw) {
            Ok(value) => {
                valid += 1;
                reader.item(value, name, &mut out);
            }
            Err(e) => {
                let reason = line_error(&e);
                first_error.get_or_insert_with(|| format!("{name}: {reason}"));
                out.problems.push(Problem {
                    document: name,
                    annotation: None,
                    reason: format!("{reason}; the other lines were read"),
                });
            }
        }
    }
    if valid == 0 {
        return Err(FileError::invalid(
            NAME,
            first_error.map_or_else(
                || "it holds no article".to_owned(),
                |e| format!("no line of it is a JSON object ({e})"),
            ),
        ));
    }
    let Reader {
        skipped, relations, ..
    } = reader;
    skipped.report(&mut out);
    if relations > 0 {
        out.problems.push(Problem {
            document: "Relations".to_owned(),
            annotation: None,
            reason: format!(
                "{relations} relation{} between annotations skipped (Gloss reads one kind of relation: SOURCE, from a quote or claim to the actor who said it)",
                if relations == 1 { "" } else { "s" }
            ),
        });
    }
    Ok(out)
}

/// Keys of a line Gloss reads; every other key is kept with the article (doccano keeps them
/// as the example's metadata, Gloss as fields it carries on in its own JSON).
const READ: [&str; 11] = [
    links::ENTITIES,
    checks::CHECKS,
    layer::CREATED_BY,
    layer::CURATED,
    "text",
    "title",
    "date",
    "label",
    "labels",
    "entities",
    "relations",
];

/// Names Gloss JSON gives its own article fields: a kept key with one of these names would be
/// hidden by Gloss's own field, so it is kept under `doccano_<name>`.
const GLOSS_FIELDS: [&str; 3] = ["id", "text_sha256", "annotations"];

/// The annotation added for each label and span (a file may mark the same words twice).
pub(super) type Seen = BTreeMap<(Span, Label), AnnotationId>;

struct Reader {
    skipped: Skipped,
    relations: usize,
    at: Timestamp,
    /// The layer of the line being read.
    whose: Whose,
}

impl Reader {
    fn item(&mut self, value: Value, position: String, out: &mut Parsed) {
        let problem = |document: String, reason: &str| Problem {
            document,
            annotation: None,
            reason: reason.to_owned(),
        };
        let Value::Object(o) = value else {
            out.problems
                .push(problem(position, "it is not a JSON object"));
            return;
        };
        let title = o
            .get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let name = match &title {
            Some(t) => format!("{position} (“{}”)", shorten(t)),
            None => position,
        };
        let text = match o.get("text") {
            Some(Value::String(t)) => t.as_str(),
            Some(_) => {
                out.problems
                    .push(problem(name, "its “text” is not a string"));
                return;
            }
            None => {
                out.problems.push(problem(
                    name,
                    "it has no “text” (doccano writes the article's text there)",
                ));
                return;
            }
        };
        let mut doc = match ForeignDocument::new(name, text, self.at) {
            Ok(doc) => doc,
            Err(p) => {
                out.problems.push(p);
                return;
            }
        };
        if let Some(t) = &title {
            doc.set_title(t);
        }
        match o.get("date") {
            None | Some(Value::Null) => {}
            Some(Value::String(d)) => doc.set_date(d),
            Some(_) => doc.problem(None, "its date is not text; imported without a date".into()),
        }
        self.whose = layer::read(&mut doc, &o);
        let mut seen = Seen::new();
        for key in ["label", "labels"] {
            if let Some(list) = o.get(key) {
                self.tuples(&mut doc, key, list, &mut seen);
            }
        }
        let ids = match o.get("entities") {
            Some(list) => self.entities(&mut doc, list, &mut seen),
            None => BTreeMap::new(),
        };
        match o.get("relations") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => self.relations += links::relations(&mut doc, list, &ids),
            Some(_) => doc.problem(None, "its “relations” is not a list; skipped".into()),
        }
        if let Some(list) = o.get(links::ENTITIES) {
            links::entities(&mut doc, list, &seen);
        }
        if let Some(list) = o.get(checks::CHECKS) {
            checks::read(&mut doc, list, &seen);
        }
        keep_rest(&mut doc, o);
        doc.finish(out);
    }

    /// `[[start, end, "LABEL"], …]`, doccano's sequence-labelling shape.
    fn tuples(&mut self, doc: &mut ForeignDocument, key: &str, list: &Value, seen: &mut Seen) {
        let Value::Array(list) = list else {
            if !list.is_null() {
                doc.problem(
                    None,
                    format!("its “{key}” is not a list of [start, end, \"LABEL\"]; no annotations read from it"),
                );
            }
            return;
        };
        for (j, item) in list.iter().enumerate() {
            let name = format!("span {}", j + 1);
            let triple = match item {
                Value::Array(parts) => match parts.as_slice() {
                    [s, e, Value::String(l)] => s.as_u64().zip(e.as_u64()).map(|(s, e)| (s, e, l)),
                    _ => None,
                },
                // Label Studio's JSON-MIN export: `{"start", "end", "text", "labels": […]}`.
                Value::Object(region) => {
                    self.region(doc, region, name, seen);
                    continue;
                }
                Value::String(category) => {
                    doc.problem(
                        Some(name),
                        format!(
                            "“{}” labels the whole text, not a span (a doccano text classification label); skipped",
                            shorten(category)
                        ),
                    );
                    continue;
                }
                _ => None,
            };
            let Some((start, end, label)) = triple else {
                doc.problem(
                    Some(name),
                    "it is not [start, end, \"LABEL\"] with whole numbers ≥ 0".into(),
                );
                continue;
            };
            if let Some(label) = self.skipped.label(label) {
                add(doc, label, (start, end, None), (name, &self.whose), seen);
            }
        }
    }

    /// A region of Label Studio's JSON-MIN export, `{"start", "end", "text", "labels": […]}`
    /// (one span per label; `text`, when given, checks the offsets).
    fn region(
        &mut self,
        doc: &mut ForeignDocument,
        region: &Map<String, Value>,
        name: String,
        seen: &mut Seen,
    ) {
        let offset = |key: &str| region.get(key).and_then(Value::as_u64);
        let labels: Vec<&str> = match region.get("labels") {
            Some(Value::Array(l)) => l.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let (Some(start), Some(end), false) = (offset("start"), offset("end"), labels.is_empty())
        else {
            doc.problem(
                Some(name),
                "it is neither [start, end, \"LABEL\"] nor {\"start\", \"end\", \"labels\"} with whole numbers ≥ 0".into(),
            );
            return;
        };
        let quote = region.get("text").and_then(Value::as_str);
        for label in labels {
            if let Some(label) = self.skipped.label(label) {
                add(
                    doc,
                    label,
                    (start, end, quote),
                    (name.clone(), &self.whose),
                    seen,
                );
            }
        }
    }

    /// `[{"id", "label", "start_offset", "end_offset"}, …]`, the shape of projects with
    /// relations.
    /// Returns the annotation each entity id of the file was added as (the id as JSON text).
    fn entities(
        &mut self,
        doc: &mut ForeignDocument,
        list: &Value,
        seen: &mut Seen,
    ) -> BTreeMap<String, AnnotationId> {
        let mut ids = BTreeMap::new();
        let Value::Array(list) = list else {
            if !list.is_null() {
                doc.problem(
                    None,
                    "its “entities” is not a list; no annotations read from it".into(),
                );
            }
            return ids;
        };
        for (j, item) in list.iter().enumerate() {
            let name = match item.get("id") {
                Some(Value::Number(n)) => format!("entity {n}"),
                Some(Value::String(s)) => format!("entity {}", shorten(s)),
                _ => format!("entity {}", j + 1),
            };
            let offset = |key: &str| item.get(key).and_then(Value::as_u64);
            let (Some(start), Some(end)) = (offset("start_offset"), offset("end_offset")) else {
                doc.problem(
                    Some(name),
                    "its “start_offset” or “end_offset” is missing or not a whole number ≥ 0"
                        .into(),
                );
                continue;
            };
            let Some(label) = item.get("label").and_then(Value::as_str) else {
                doc.problem(Some(name), "its “label” is missing or not text".into());
                continue;
            };
            if let Some(label) = self.skipped.label(label) {
                let added = add(doc, label, (start, end, None), (name, &self.whose), seen);
                if let (Some(id), Some(added)) = (item.get("id"), added) {
                    ids.insert(id.to_string(), added);
                }
            }
        }
        ids
    }
}

/// Adds a span in the file's code points, in the line's layer, once per label and span (a file
/// that marks the same words twice with one label is no problem).
fn add(
    doc: &mut ForeignDocument,
    label: Label,
    (start, end, quote): (u64, u64, Option<&str>),
    (name, whose): (String, &Whose),
    seen: &mut Seen,
) -> Option<AnnotationId> {
    match doc.span_of(start, end, quote) {
        Ok(span) => Some(*seen.entry((span, label)).or_insert_with(|| {
            doc.add_span(
                label,
                span,
                Mark {
                    name,
                    start,
                    end,
                    whose: whose.clone(),
                    ..Mark::default()
                },
            )
        })),
        Err(reason) => {
            doc.problem(Some(name), reason);
            None
        }
    }
}

/// Keeps the keys Gloss does not read with the article.
fn keep_rest(doc: &mut ForeignDocument, o: Map<String, Value>) {
    for (key, value) in o {
        if READ.contains(&key.as_str()) {
            continue;
        }
        if GLOSS_FIELDS.contains(&key.as_str()) {
            doc.keep(&format!("doccano_{key}"), value);
        } else {
            doc.keep(&key, value);
        }
    }
}
