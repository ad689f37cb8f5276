//! Merging a parsed file into the library, whatever its format: new articles as they are;
//! articles the library has (by id for Gloss JSON, by text for other tools' files) get the
//! file's annotations by id (a newer dated one replaces ours), re-anchored by their quote where
//! the text changed; annotations that came without their text (W3C Web Annotation) are placed by
//! their selectors. An annotation whose label and text another already has is kept once.
//! Links (sources, entities) follow the annotations they point at; see [`links`].

use std::collections::BTreeMap;
use std::rc::Rc;

use links::{Entities, Ids, Wanted};

use super::gloss::shorten;
use super::parsed::{
    Imported, Incoming, Loose, LooseGroup, Matching, Parsed, ParsedDocument, Problem,
};
use super::sha256_hex;
use crate::model::anchor::{reanchor, Anchor, Orphan};
use crate::model::offsets::TextIndex;
use crate::model::{text_order, Document, DocumentId, Label, Span, Timestamp};

mod links;

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
    } = parsed;
    let target = match matching {
        Matching::Id => working.get(id).map(|_| (id, 0)),
        Matching::Text => working.by_text(&text),
    };
    let Some((target, shift)) = target else {
        let mut doc = Document::new(title, date, text, at);
        doc.id = id;
        doc.extra = extra;
        let (mut ids, mut wanted) = (Ids::default(), Vec::new());
        for mut inc in incoming {
            let links = Wanted::take(&mut inc.annotation);
            let kept = doc
                .annotations
                .iter()
                .find(|a| a.span == inc.annotation.span && a.label == inc.annotation.label);
            if let Some(kept) = kept {
                ids.same.insert(inc.annotation.id, kept.id);
                wanted.push(Wanted {
                    id: kept.id,
                    ..links
                });
                out.problems.push(same_twice(&name, &inc));
            } else {
                wanted.push(links);
                doc.annotations.push(inc.annotation);
                out.annotations_added += 1;
            }
        }
        doc.annotations.sort_by(text_order);
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
    match merge(&existing, incoming, &text, &name, at, working, out) {
        Some(doc) => working.put(doc),
        None if !working.changed.contains_key(&target) => out.unchanged += 1,
        None => {}
    }
}

fn merge_loose(
    group: LooseGroup,
    working: &mut Working,
    open: Option<DocumentId>,
    at: Timestamp,
    out: &mut Imported,
) {
    let LooseGroup {
        text_sha256,
        name,
        annotations,
    } = group;
    let target = text_sha256
        .as_deref()
        .and_then(|sha| working.by_sha256(sha))
        .or(open);
    let Some(existing) = target.and_then(|id| working.get(id)).cloned() else {
        out.problems.push(Problem {
            document: name,
            annotation: None,
            reason: format!(
                "{} annotation{} of an article that is not in your library, and no article is open to place them on: open the article they belong to, then import the file again",
                annotations.len(),
                if annotations.len() == 1 { "" } else { "s" }
            ),
        });
        return;
    };
    let index = TextIndex::new(Rc::clone(&existing.text));
    let document = format!("“{}”", shorten(&existing.title));
    let mut incoming = Vec::new();
    for loose in annotations {
        match place(&index, &loose) {
            Ok(span) => {
                let mut annotation = loose.annotation;
                annotation.span = span;
                incoming.push(Incoming {
                    annotation,
                    dated: loose.dated,
                    identified: loose.identified,
                    quote: index.slice(span).to_owned(),
                    prefix: loose.prefix,
                    suffix: loose.suffix,
                });
            }
            Err(reason) => out.orphans.push(Problem {
                document: document.clone(),
                annotation: Some(format!(
                    "{} “{}”",
                    loose.annotation.label,
                    shorten(loose.quote.as_deref().unwrap_or(""))
                )),
                reason,
            }),
        }
    }
    let text = Rc::clone(&existing.text);
    let id = existing.id;
    match merge(&existing, incoming, &text, &document, at, working, out) {
        Some(doc) => working.put(doc),
        None if !working.changed.contains_key(&id) => out.unchanged += 1,
        None => {}
    }
}

/// Where an annotation without its article's text goes: its position where that gives its
/// quote (as code points, then as UTF-16 units as Hypothesis and Recogito count), else its quote
/// found by its prefix and suffix; `Err` when no place is certain.
pub fn place(index: &TextIndex, loose: &Loose) -> Result<Span, String> {
    let quote = loose.quote.as_deref().filter(|q| !q.is_empty());
    if let Some((start, end)) = loose.position {
        if let (Ok(s), Ok(e)) = (usize::try_from(start), usize::try_from(end)) {
            let on_text = |span: Span| {
                !span.is_empty()
                    && span.end <= index.len_cp()
                    && index.is_grapheme_boundary_cp(span.start)
                    && index.is_grapheme_boundary_cp(span.end)
                    && quote.is_none_or(|q| index.slice(span) == q)
            };
            let as_cp = Span { start: s, end: e };
            if on_text(as_cp) {
                return Ok(as_cp);
            }
            if quote.is_some() && e <= index.len_utf16() {
                let as_utf16 = Span {
                    start: index.cp_of_utf16(s),
                    end: index.cp_of_utf16(e),
                };
                if index.utf16_of_cp(as_utf16.start) == s
                    && index.utf16_of_cp(as_utf16.end) == e
                    && on_text(as_utf16)
                {
                    return Ok(as_utf16);
                }
            }
        }
    }
    let Some(quote) = quote else {
        return Err(match loose.position {
            Some((s, e)) => format!(
                "its position {s}–{e} is not on the article's text, and it gives no quote to look for"
            ),
            None => "it gives neither a position nor a quote".into(),
        });
    };
    match reanchor(index, quote, &loose.prefix, &loose.suffix, usize::MAX) {
        Anchor::Placed(span) => Ok(span),
        Anchor::Orphan(Orphan::NotFound) => Err("its text is not in the article".into()),
        Anchor::Orphan(why) => Err(why.to_string()),
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
    let (mut ids, mut wanted) = (Ids::default(), Vec::new());
    for mut inc in incoming {
        let links = Wanted::take(&mut inc.annotation);
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
        // Another annotation (other id) with this label on exactly this text: one is enough,
        // and the file's links go on it.
        let taken = doc.annotations.iter().find(|x| {
            x.id != inc.annotation.id
                && x.span == inc.annotation.span
                && x.label == inc.annotation.label
        });
        if let Some(taken) = taken {
            ids.same.insert(inc.annotation.id, taken.id);
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
        let (mut a, dated) = (inc.annotation, inc.dated);
        if let Some(slot) = doc.annotations.iter_mut().find(|x| x.id == a.id) {
            // A newer version replaces ours, but never takes its links away.
            a.source = slot.source;
            a.entity = slot.entity;
            if dated && a.updated_at > slot.updated_at {
                *slot = a;
            }
        } else {
            doc.annotations.push(a);
        }
    }
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
