//! Reading Label Studio's tasks: people's annotation sets (or the predictions), `labels`
//! results with their per-region notes, Source relations between them, and the entity an
//! actor's region names in its `meta`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::value::RawValue;
use serde_json::Value;

use super::results::{count_results, labels_result};
use super::{checks, layer, links, NAME};
use crate::formats::doccano::{json_text, syntax_error};
use crate::formats::foreign::{ForeignDocument, Mark, Skipped};
use crate::formats::gloss::shorten;
use crate::formats::links::entity_id;
use crate::formats::parsed::{FileError, Parsed, Problem, MAX_ANNOTATIONS, MAX_DOCUMENTS};
use crate::formats::time::from_rfc3339;
use crate::formats::whose::Whose;
use crate::model::{AnnotationId, Label, Span, Timestamp};

/// Reads Label Studio JSON: a list of tasks, or one task. `Err` refuses the whole file.
pub fn import(bytes: &[u8], at: Timestamp) -> Result<Parsed, FileError> {
    let text = json_text(bytes)?;
    let whole: &RawValue = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    let tasks: Vec<&RawValue> = if whole.get().trim_start().starts_with('[') {
        serde_json::from_str(whole.get()).map_err(|e| syntax_error(&e))?
    } else if whole.get().trim_start().starts_with('{') {
        vec![whole]
    } else {
        return Err(FileError::invalid(
            NAME,
            "it is neither a list of tasks nor a task",
        ));
    };
    if tasks.len() > MAX_DOCUMENTS {
        return Err(FileError::TooManyDocuments(tasks.len()));
    }
    let results: usize = tasks.iter().map(|t| count_results(t.get())).sum();
    if results > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(results));
    }
    let mut out = Parsed::default();
    let mut reader = Reader {
        skipped: Skipped::default(),
        other: BTreeMap::new(),
        ids: BTreeSet::new(),
        at,
    };
    for (i, raw) in tasks.into_iter().enumerate() {
        let position = format!("Task {}", i + 1);
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(value) => reader.task(value, position, &mut out),
            Err(e) => return Err(FileError::NotJson(e.to_string())),
        }
    }
    let Reader { skipped, other, .. } = reader;
    skipped.report(&mut out);
    for (kind, count) in other {
        let s = if count == 1 { "" } else { "s" };
        let reason = match kind.as_str() {
            "relation" => format!(
                "{count} relation{s} between regions skipped (Gloss reads relations labelled Source, from a quote or claim to the actor who said it)"
            ),
            "textarea" => format!(
                "{count} text answer{s} not tied to a labelled region skipped (Gloss keeps a note per annotation)"
            ),
            _ => format!(
                "{count} result{s} of type “{}” skipped (Gloss reads labelled spans of the text)",
                shorten(&kind)
            ),
        };
        out.problems.push(Problem {
            document: "Results".to_owned(),
            annotation: None,
            reason,
        });
    }
    Ok(out)
}

/// Fields of `data` Gloss reads, and names Gloss JSON gives its own article fields: other
/// fields of `data` are kept with the article, these would be hidden or are read.
const NOT_KEPT: [&str; 6] = ["text", "title", "date", "id", "text_sha256", "annotations"];

struct Reader {
    skipped: Skipped,
    /// Results of other types than `labels`, by type.
    other: BTreeMap<String, usize>,
    /// Region ids already given to an annotation: a region another annotator copied keeps
    /// its id in Label Studio, and an id names one annotation in Gloss.
    ids: BTreeSet<String>,
    at: Timestamp,
}

impl Reader {
    fn task(&mut self, value: Value, position: String, out: &mut Parsed) {
        let problem = |document: String, reason: String| Problem {
            document,
            annotation: None,
            reason,
        };
        let Value::Object(task) = value else {
            out.problems
                .push(problem(position, "it is not a JSON object".into()));
            return;
        };
        let Some(Value::Object(data)) = task.get("data") else {
            out.problems.push(problem(
                position,
                "it has no “data” object (Label Studio keeps the task's text there)".into(),
            ));
            return;
        };
        let title = data
            .get("title")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let name = match title {
            Some(t) => format!("{position} (“{}”)", shorten(t)),
            None => position,
        };
        let text = match data.get("text") {
            Some(Value::String(t)) => t,
            Some(_) => {
                out.problems
                    .push(problem(name, "its data.text is not text".into()));
                return;
            }
            None => {
                let fields: Vec<String> =
                    data.keys().map(|k| format!("“{}”", shorten(k))).collect();
                out.problems.push(problem(
                    name,
                    if fields.is_empty() {
                        "it has no data.text (Gloss reads the article's text from the field “text”)".into()
                    } else {
                        format!(
                            "it has no data.text (Gloss reads the article's text from the field “text”; this task has {})",
                            fields.join(", ")
                        )
                    },
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
        if let Some(t) = title {
            doc.set_title(t);
        }
        match data.get("date") {
            None | Some(Value::Null) => {}
            Some(Value::String(d)) => doc.set_date(d),
            Some(_) => doc.problem(
                None,
                "its data.date is not text; imported without a date".into(),
            ),
        }
        let sets = |key: &str| -> &[Value] {
            task.get(key)
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice)
        };
        // People's annotations; `completions` is what Label Studio before 1.0 called them.
        let people: Vec<&Value> = sets("annotations")
            .iter()
            .chain(sets("completions"))
            .collect();
        let predictions = sets("predictions");
        let chosen: Vec<&Value> = if people.is_empty() {
            predictions.iter().collect()
        } else {
            let unused: usize = predictions
                .iter()
                .map(|p| {
                    p.get("result")
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len)
                })
                .sum();
            if unused > 0 {
                doc.problem(
                    None,
                    format!(
                        "{unused} predicted region{} not imported: the task has annotations by people, and Gloss imports those instead",
                        if unused == 1 { "" } else { "s" }
                    ),
                );
            }
            people
        };
        let mut seen = BTreeMap::new();
        for (k, set) in chosen.into_iter().enumerate() {
            self.set(&mut doc, set, k, &mut seen);
        }
        for (key, value) in data {
            if !NOT_KEPT.contains(&key.as_str()) {
                doc.keep(key, value.clone());
            }
        }
        doc.finish(out);
    }

    /// One annotation set (one annotator's, or one prediction): its `labels` results, with the
    /// per-region text answers of the same id as their notes, the entity an actor's `meta`
    /// names, and its Source relations.
    fn set(
        &mut self,
        doc: &mut ForeignDocument,
        set: &Value,
        k: usize,
        seen: &mut BTreeMap<(Span, Label, Whose), AnnotationId>,
    ) {
        let Some(results) = set.get("result").and_then(Value::as_array) else {
            if !set.is_object() || set.get("result").is_some_and(|r| !r.is_null()) {
                doc.problem(
                    Some(format!("set {}", k + 1)),
                    "its “result” is not a list; nothing read from it".into(),
                );
            }
            return;
        };
        // Label Studio dates the annotation set, not each region: the set's creation is each
        // annotation's, and no region counts as changed later than ours (see the docs).
        let created_at = set
            .get("created_at")
            .and_then(Value::as_str)
            .and_then(from_rfc3339);
        let mut notes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut regions = Vec::new();
        let mut textareas = Vec::new();
        let mut relations = Vec::new();
        let mut choices = Vec::new();
        for (j, result) in results.iter().enumerate() {
            let id = result.get("id").and_then(Value::as_str);
            let name = id.map_or_else(
                || format!("result {}", j + 1),
                |id| format!("result {}", shorten(id)),
            );
            match result.get("type").and_then(Value::as_str) {
                Some("labels") => match labels_result(result, id, name) {
                    Ok(r) => regions.push(r),
                    Err((name, reason)) => doc.problem(Some(name), reason),
                },
                Some("textarea") => {
                    let texts: Vec<&str> = match result.get("value").and_then(|v| v.get("text")) {
                        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
                        Some(Value::String(s)) => vec![s.as_str()],
                        _ => Vec::new(),
                    };
                    textareas.push((id, texts));
                }
                Some("relation") => relations.push((name, result)),
                Some("choices") => choices.push(result),
                Some(kind) => *self.other.entry(kind.to_owned()).or_insert(0) += 1,
                None => doc.problem(Some(name), "it has no “type”; skipped".into()),
            }
        }
        for (id, texts) in textareas {
            match id.filter(|id| regions.iter().any(|r| r.id == Some(*id))) {
                Some(id) => notes.entry(id).or_default().extend(texts),
                None => *self.other.entry("textarea".to_owned()).or_insert(0) += 1,
            }
        }
        // Whose each region is: its meta's layer, else the one its set's regions agree on.
        let said: Vec<Option<Whose>> = regions
            .iter()
            .map(|r| {
                let (whose, unread) = layer::read(r.result);
                for reason in unread {
                    doc.problem(Some(r.name.clone()), reason);
                }
                whose
            })
            .collect();
        let of_set = layer::of_set(said.iter().flatten());
        // The annotation each region was added as (its first label's).
        let mut region_of: BTreeMap<&str, AnnotationId> = BTreeMap::new();
        for (r, whose) in regions.into_iter().zip(said) {
            let whose = whose.unwrap_or_else(|| of_set.clone());
            let note =
                r.id.and_then(|id| notes.get(id))
                    .map(|texts| texts.join("\n"))
                    .unwrap_or_default();
            let span = match doc.span_of(r.start, r.end, r.quote) {
                Ok(span) => span,
                Err(reason) => {
                    doc.problem(Some(r.name), reason);
                    continue;
                }
            };
            for label in &r.labels {
                let Some(label) = self.skipped.label(label) else {
                    continue;
                };
                let key = (span, label, whose.clone());
                if let Some(&added) = seen.get(&key) {
                    // Marked the same way in the same layer by another set (of a file without
                    // layers: by another annotator): kept once.
                    if let Some(region) = r.id {
                        region_of.entry(region).or_insert(added);
                    }
                    continue;
                }
                // Several labels on one region make one annotation each: the region's id goes
                // to the first of them, the others get ids of their own.
                let id = r.id.filter(|id| self.ids.insert((*id).to_owned()));
                let added = doc.add_span(
                    label,
                    span,
                    Mark {
                        id,
                        name: r.name.clone(),
                        start: r.start,
                        end: r.end,
                        quote: r.quote,
                        note: note.clone(),
                        created_at,
                        updated_at: None,
                        whose: whose.clone(),
                    },
                );
                seen.insert(key, added);
                if let Some(region) = r.id {
                    region_of.entry(region).or_insert(added);
                }
                if let (Label::Actor, Some((entity, name))) = (label, r.entity) {
                    doc.set_entity(added, entity_id(entity), name);
                }
                checks::sources(doc, added, r.result);
            }
        }
        let other = checks::verdicts(doc, &choices, &region_of);
        if other > 0 {
            *self.other.entry("choices".to_owned()).or_insert(0) += other;
        }
        for (name, relation) in relations {
            if !links::is_source(relation) {
                *self.other.entry("relation".to_owned()).or_insert(0) += 1;
                continue;
            }
            let end = |key: &str| {
                relation
                    .get(key)
                    .and_then(Value::as_str)
                    .and_then(|id| region_of.get(id))
            };
            match (end("from_id"), end("to_id")) {
                (Some(from), Some(to)) => doc.link_source(*from, *to),
                _ => doc.problem(
                    Some(name),
                    "its from_id or to_id is not a region Gloss imported; the source is left out"
                        .into(),
                ),
            }
        }
    }
}
