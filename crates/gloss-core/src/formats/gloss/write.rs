//! Writing Gloss JSON: every article with its annotations, their links (`source` on quotes and
//! claims, `entity` on actors) and, at the top, the entities the articles' actors stand for.
//! The same documents always give the same bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::super::time::to_rfc3339;
use super::checks::write_check;
use super::rejected::Places;
use super::{sha256_hex, ExportError, CONTEXT, FORMAT, VERSION};
use crate::model::anchor::context;
use crate::model::entity::display_name;
use crate::model::offsets::TextIndex;
use crate::model::{Annotation, Document, Entity, EntityId, Extra, Label, Timestamp};

/// Fields Gloss writes itself (those it reads): a kept extra of the same name is never written
/// over them, even where Gloss leaves the field out (an extra `"source"` must not read back as
/// a link).
use super::annotation::ANN_FIELDS as KNOWN;

/// Sets `key` unless the object already has it or it is one of `known`.
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

/// Writes `documents` as one Gloss JSON file. An error (serde could not write a value) is
/// reported to the person; an empty file is never offered in its place.
pub fn export(documents: &[&Document], at: Timestamp) -> Result<String, ExportError> {
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
                    o.insert(places.key().into(), super::rejected::write(list));
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
