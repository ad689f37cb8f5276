//! Merging a parsed file into the library, whatever its format: new articles as they are;
//! articles the library has (by id for Gloss JSON, then by text, as a colleague's export of
//! the same article has another id; by text for other tools' files) get the
//! file's annotations by id (a newer dated one replaces ours), re-anchored by their quote where
//! the text changed; annotations that came without their text (W3C Web Annotation) are placed by
//! their selectors. An annotation whose label and text another of the same layer (the same
//! `created_by`, both curated or not) already has is kept once; another person's is theirs.
//! Links (sources, entities) follow the annotations they point at; see [`links`]. A claim's
//! verdict and source links follow by the same rule; see [`checks`]. Annotations without their
//! text: [`loose`].

use std::collections::BTreeMap;
use std::rc::Rc;

use checks::Check;
use links::{Entities, Ids, Wanted};
use loose::merge_loose;
pub use loose::place;

use super::gloss::shorten;
use super::parsed::{Imported, Incoming, Matching, Parsed, ParsedDocument, Problem};
use super::sha256_hex;
use crate::model::anchor::{reanchor, Anchor};
use crate::model::marks::Marks;
use crate::model::offsets::TextIndex;
use crate::model::{text_order, Document, DocumentId, Label, Span, Timestamp};

mod checks;
mod links;
mod loose;
mod rejections;

/// The library as the import changes it: documents already changed win over the library's.
struct Working<'a> {
    library: &'a BTreeMap<DocumentId, Rc<Document>>,
    /// The library's entities and the file's, each incoming one given its library id.
    entities: Entities,
    changed: BTreeMap<DocumentId, Document>,
    /// Changed documents in the order the file gave them (the first is opened).
    order: Vec<DocumentId>,
}

impl Working<'_> {
    fn get(&self, id: DocumentId) -> Option<&Document> {
        self.changed
            .get(&id)
            .or_else(|| self.library.get(&id).map(|d| &**d))
    }

    fn put(&mut self, doc: Document) {
        if !self.order.contains(&doc.id) {
            self.order.push(doc.id);
        }
        self.changed.insert(doc.id, doc);
    }

    fn all(&self) -> impl Iterator<Item = &Document> {
        self.changed.values().chain(
            self.library
                .values()
                .filter(|d| !self.changed.contains_key(&d.id))
                .map(|d| &**d),
        )
    }

    /// The article whose text is `text`, or the same but for white space at both ends; with
    /// the code points to add to the file's offsets.
    fn by_text(&self, text: &str) -> Option<(DocumentId, isize)> {
        if let Some(doc) = self.all().find(|d| *d.text == *text) {
            return Some((doc.id, 0));
        }
        let trimmed = text.trim();
        let lead = |t: &str| (t.chars().count() - t.trim_start().chars().count()) as isize;
        self.all()
            .find(|d| d.text.trim() == trimmed)
            .map(|d| (d.id, lead(&d.text) - lead(text)))
    }

    fn by_sha256(&self, sha: &str) -> Option<DocumentId> {
        self.all()
            .find(|d| sha256_hex(&d.text).eq_ignore_ascii_case(sha))
            .map(|d| d.id)
    }
}

/// Merges a parsed file into `library`: new articles as they are, articles the library has
/// by merging annotations (re-anchored where the text changed); annotations without their
/// text go on the article their text hash names, else on `open`. Pure; the library is not
/// changed, the outcome lists the documents to put in it.
pub fn merge_into(
    parsed: Parsed,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    open: Option<DocumentId>,
    at: Timestamp,
) -> Imported {
    let mut out = Imported {
        problems: parsed.problems,
        ..Imported::default()
    };
    let mut entities = Entities::new(library.values().map(|d| &**d));
    // The file's people: named file-wide (Gloss JSON, W3C) or per article (brat, doccano,
    // Label Studio), admitted in the file's order.
    for e in parsed
        .entities
        .iter()
        .chain(parsed.documents.iter().flat_map(|d| &d.entities))
    {
        entities.admit(e);
    }
    let mut working = Working {
        library,
        entities,
        changed: BTreeMap::new(),
        order: Vec::new(),
    };
    for parsed in parsed.documents {
        merge_document(parsed, &mut working, at, &mut out);
    }
    for group in parsed.loose {
        merge_loose(group, &mut working, open, at, &mut out);
    }
    let Working {
        mut changed, order, ..
    } = working;
    out.documents = order.iter().filter_map(|id| changed.remove(id)).collect();
    out
}

fn merge_document(
    parsed: ParsedDocument,
    working: &mut Working,
    at: Timestamp,
    out: &mut Imported,
) {
    let ParsedDocument {
        id,
        matching,
        title,
        date,
        text,
        extra,
        name,
        mut incoming,
        entities: _,
        rejected,
        left_out,
    } = parsed;
    let target = match matching {
        // An article of the library with another id but the same text, coming with annotations
        // signed by someone (`created_by`), is the same article exported from another browser
        // (a colleague's): their annotations join it as their layer. Unsigned annotations could
        // not be told apart from one's own, so such an article stays an article of its own, as
        // before layers; two articles of one file are never merged with each other either.
        Matching::Id => working.get(id).map(|_| (id, 0)).or_else(|| {
            incoming
                .iter()
                .any(|inc| inc.annotation.created_by.is_some())
                .then(|| working.by_text(&text))
                .flatten()
                .filter(|(d, _)| working.library.contains_key(d))
        }),
        Matching::Text => working.by_text(&text),
    };
    let Some((target, shift)) = target else {
        let mut doc = Document::new(title, date, text, at);
        doc.id = id;
        doc.extra = extra;
        doc.rejected = rejected;
        doc.left_out = left_out;
        let (mut ids, mut wanted, mut checked) = (Ids::default(), Vec::new(), Vec::new());
        let mut marks = Marks::default();
        for mut inc in incoming {
            let links = Wanted::take(&mut inc.annotation);
            let check = Check::take(&mut inc.annotation);
            let kept = marks
                .first_same(&doc.annotations, &inc.annotation, |_| false)
                .and_then(|at| doc.annotations.get(at));
            if let Some(kept) = kept {
                ids.same.insert(inc.annotation.id, kept.id);
                checked.push((kept.id, check));
                wanted.push(Wanted {
                    id: kept.id,
                    ..links
                });
                out.problems.push(same_twice(&name, &inc));
            } else {
                checked.push((inc.annotation.id, check));
                wanted.push(links);
                marks.pushed(doc.annotations.len(), &inc.annotation);
                doc.annotations.push(inc.annotation);
                out.annotations_added += 1;
            }
        }
        doc.annotations.sort_by(text_order);
        checks::apply(&mut doc, checked, &name, &mut out.problems);
        links::apply(
            &mut doc,
            wanted,
            &ids,
            &mut working.entities,
            &name,
            &mut out.problems,
        );
        working.put(doc);
        return;
    };
    let Some(existing) = working.get(target).cloned() else {
        return;
    };
    // Joined by its text (another browser's export): what it does not sign is not the
    // importing person's work either, so it gets a layer of its own, named after the file.
    if matching == Matching::Id && target != id {
        let layer = format!("Unnamed ({name})");
        for inc in incoming
            .iter_mut()
            .filter(|i| i.annotation.created_by.is_none())
        {
            inc.annotation.created_by = Some(layer.clone());
        }
    }
    let text = if shift == 0 {
        text
    } else {
        // Same text but for white space at the ends: the offsets move, the text is ours.
        for inc in &mut incoming {
            let moved = |p: usize| p.saturating_add_signed(shift);
            inc.annotation.span = Span {
                start: moved(inc.annotation.span.start),
                end: moved(inc.annotation.span.end),
            };
        }
        Rc::clone(&existing.text)
    };
    // Rejections and places left out travel only onto the same text (they are offsets, with
    // no quote to find).
    let (rejected, left_out) = if *existing.text == *text {
        (
            rejections::shifted(rejected, shift),
            rejections::shifted(left_out, shift),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    match merge(&existing, incoming, &text, &name, at, working, out) {
        Some(mut doc) => {
            rejections::union(&mut doc.rejected, &rejected);
            rejections::union(&mut doc.left_out, &left_out);
            working.put(doc);
        }
        None => match rejections::added(&existing, &rejected, &left_out, at) {
            Some(doc) => working.put(doc),
            None if !working.changed.contains_key(&target) => out.unchanged += 1,
            None => {}
        },
    }
}

/// The report line for an annotation whose label and text another annotation already has.
fn same_twice(document: &str, inc: &Incoming) -> Problem {
    Problem {
        document: document.to_owned(),
        annotation: Some(inc.annotation.id.to_string()),
        reason: format!(
            "the article already has {} {} on exactly “{}”; kept once",
            if inc.annotation.label == Label::Actor {
                "an"
            } else {
                "a"
            },
            inc.annotation.label.slug(),
            shorten(&inc.quote)
        ),
    }
}

/// Merges annotations into a library document; `None` when nothing changed.
fn merge(
    existing: &Document,
    incoming: Vec<Incoming>,
    text: &str,
    name: &str,
    at: Timestamp,
    working: &mut Working,
    out: &mut Imported,
) -> Option<Document> {
    let same_text = *existing.text == *text;
    let index = TextIndex::new(Rc::clone(&existing.text));
    let mut doc = existing.clone();
    let (mut ids, mut wanted, mut checked) = (Ids::default(), Vec::new(), Vec::new());
    let mut marks = Marks::new(&doc.annotations);
    for mut inc in incoming {
        let links = Wanted::take(&mut inc.annotation);
        let check = Check::take(&mut inc.annotation);
        if !same_text {
            match reanchor(
                &index,
                &inc.quote,
                &inc.prefix,
                &inc.suffix,
                inc.annotation.span.start,
            ) {
                Anchor::Placed(span) => inc.annotation.span = span,
                Anchor::Orphan(why) => {
                    ids.lost.insert(inc.annotation.id);
                    out.orphans.push(Problem {
                        document: name.to_owned(),
                        annotation: Some(format!(
                            "{} “{}”",
                            inc.annotation.label,
                            shorten(&inc.quote)
                        )),
                        reason: why.to_string(),
                    });
                    continue;
                }
            }
        }
        // Another annotation (other id) with this label on exactly this text in the same layer:
        // one is enough, and the file's links go on it. In another person's layer it is theirs:
        // two people marking the same words agree, and both marks are kept.
        let taken = marks
            .first_same(&doc.annotations, &inc.annotation, |x| {
                x.id == inc.annotation.id
            })
            .and_then(|at| doc.annotations.get(at));
        if let Some(taken) = taken {
            ids.same.insert(inc.annotation.id, taken.id);
            checked.push((taken.id, check));
            wanted.push(Wanted {
                id: taken.id,
                ..links
            });
            // A file without ids of its own (brat, doccano…) marking what the article already
            // has marked is no problem: it is there already.
            if inc.identified {
                out.problems.push(same_twice(name, &inc));
            }
            continue;
        }
        wanted.push(links);
        checked.push((inc.annotation.id, check));
        let (mut a, dated) = (inc.annotation, inc.dated);
        let at = marks.position(a.id);
        if let Some((at, slot)) = at.and_then(|at| Some(at).zip(doc.annotations.get_mut(at))) {
            // A newer version replaces ours, but never takes its links away; its check (set
            // aside above) is put back as the claim's by `checks::apply`.
            a.source = slot.source;
            a.entity = slot.entity;
            if dated && a.updated_at > slot.updated_at {
                marks.replaced(at, slot, &a);
                *slot = a;
            }
        } else {
            marks.pushed(doc.annotations.len(), &a);
            doc.annotations.push(a);
        }
    }
    checks::apply(&mut doc, checked, name, &mut out.problems);
    links::apply(
        &mut doc,
        wanted,
        &ids,
        &mut working.entities,
        name,
        &mut out.problems,
    );
    let before: BTreeMap<_, _> = existing.annotations.iter().map(|a| (a.id, a)).collect();
    let mut changed = doc.entities != existing.entities;
    for a in &doc.annotations {
        match before.get(&a.id) {
            None => out.annotations_added += 1,
            Some(ours) if *ours != a => out.annotations_updated += 1,
            Some(_) => continue,
        }
        changed = true;
    }
    if !changed {
        return None;
    }
    doc.annotations.sort_by(text_order);
    doc.updated_at = doc.updated_at.max(at);
    doc.revision += 1;
    Some(doc)
}
