//! Who said what in brat's terms: a quote's or claim's source is a relation
//! `R1<TAB>Source Arg1:T3 Arg2:T1` (Arg1 the quote or claim, Arg2 the actor who said it, as
//! `annotation.conf` declares), and an actor's entity is a normalization
//! `N1<TAB>Reference T1 Gloss:<entity uuid><TAB><name>`: brat's way of saying what a span
//! stands for in an outside database, here Gloss's entities, with the name as its text.

use std::collections::BTreeMap;

use super::ann::one_line;
use super::lines::Entry;
use crate::formats::foreign::ForeignDocument;
use crate::formats::links::entity_id;
use crate::model::{text_order, AnnotationId, Document};

/// The relation type of a source, as `annotation.conf` declares it.
pub const SOURCE: &str = "Source";

/// The normalization database naming Gloss's entities.
pub const DATABASE: &str = "Gloss";

/// The `R` lines of `doc`'s sources, then the `N` lines of its actors' entities, both in the
/// text order of the annotation they belong to. `numbers` gives each annotation written its
/// `T` number: a link to or from an annotation not written is left out.
pub(super) fn write(doc: &Document, numbers: &BTreeMap<AnnotationId, usize>, out: &mut String) {
    let mut annotations: Vec<_> = doc.annotations.iter().collect();
    annotations.sort_by(|a, b| text_order(a, b));
    let mut r = 0usize;
    for a in &annotations {
        let (Some(from), Some(to)) = (numbers.get(&a.id), a.source.and_then(|s| numbers.get(&s)))
        else {
            continue;
        };
        r += 1;
        out.push_str(&format!("R{r}\t{SOURCE} Arg1:T{from} Arg2:T{to}\n"));
    }
    let mut n = 0usize;
    for a in &annotations {
        let (Some(t), Some(entity)) = (numbers.get(&a.id), a.entity) else {
            continue;
        };
        n += 1;
        let name = doc
            .entity(entity)
            .map(|e| one_line(&e.name))
            .unwrap_or_default();
        out.push_str(&format!(
            "N{n}\tReference T{t} {DATABASE}:{entity}\t{name}\n"
        ));
    }
}

/// A relation line's data, `Type Arg1:T3 Arg2:T1`: its type and its two arguments' ids, or
/// why it is not one.
pub(super) fn relation(data: &str) -> Result<(&str, &str, &str), String> {
    let mut words = data.split_whitespace();
    let kind = words.next().unwrap_or("");
    let mut args = BTreeMap::new();
    for word in words {
        if let Some((role, id)) = word.split_once(':') {
            args.insert(role, id);
        }
    }
    match (args.get("Arg1"), args.get("Arg2")) {
        (Some(a), Some(b)) if !kind.is_empty() => Ok((kind, a, b)),
        _ => Err("a relation line should read “R1<TAB>Source Arg1:T3 Arg2:T1”".into()),
    }
}

/// A normalization line's data, `Reference T1 Gloss:<id>`: its target and its reference
/// (database and id), or why it is not one.
pub(super) fn normalization(data: &str) -> Result<(&str, &str, &str), String> {
    let words: Vec<&str> = data.split_whitespace().collect();
    match words.as_slice() {
        [_, target, reference] => match reference.split_once(':') {
            Some((db, id)) if !db.is_empty() && !id.is_empty() => Ok((target, db, id)),
            _ => Err(normalization_form()),
        },
        _ => Err(normalization_form()),
    }
}

fn normalization_form() -> String {
    "a normalization line should read “N1<TAB>Reference T1 Gloss:<id><TAB>name”".into()
}

/// Reads the `R` and `N` lines of an article (`entries`, by line number) onto the annotations
/// added for its `T` lines (`ids`). Relations of other types than Source are counted and
/// skipped; the count is returned. A link to a line that gave no annotation is reported.
pub(super) fn read(
    entries: Vec<(usize, Entry<'_>)>,
    ids: &BTreeMap<&str, AnnotationId>,
    doc: &mut ForeignDocument,
) -> usize {
    let mut other = 0usize;
    let missing = |role: &str, id: &str| {
        format!("its {role} {id} is not an annotation Gloss imported; the link is left out")
    };
    for (n, entry) in entries {
        match entry {
            Entry::Relation {
                id,
                kind,
                arg1,
                arg2,
            } => {
                if !kind.eq_ignore_ascii_case(SOURCE) {
                    other += 1;
                    continue;
                }
                match (ids.get(arg1), ids.get(arg2)) {
                    (Some(quote), Some(actor)) => doc.link_source(*quote, *actor),
                    (None, _) => {
                        doc.problem(Some(format!("{id} (line {n})")), missing("Arg1", arg1))
                    }
                    (_, None) => {
                        doc.problem(Some(format!("{id} (line {n})")), missing("Arg2", arg2))
                    }
                }
            }
            Entry::Normalization {
                id,
                target,
                db,
                key,
                text,
            } => {
                let Some(actor) = ids.get(target) else {
                    doc.problem(Some(format!("{id} (line {n})")), missing("target", target));
                    continue;
                };
                let entity = if db.eq_ignore_ascii_case(DATABASE) {
                    entity_id(key)
                } else {
                    entity_id(&format!("{db}:{key}"))
                };
                doc.set_entity(*actor, entity, Some(text));
            }
            _ => {}
        }
    }
    other
}
