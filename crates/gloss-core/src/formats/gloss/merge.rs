//! Merging a parsed file into the library: new articles as they are; articles the library has
//! get the file's annotations by id (a newer dated one replaces ours), re-anchored by their
//! quote where the text changed, and an annotation whose label and text another already has
//! is kept once.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::read::shorten;
use super::{Imported, Incoming, Parsed, ParsedDocument, Problem};
use crate::model::anchor::{reanchor, Anchor};
use crate::model::offsets::TextIndex;
use crate::model::{text_order, Document, DocumentId, Label, Timestamp};

/// Merges a parsed file into `library`: new articles as they are, articles the library has
/// by merging annotations (re-anchored where the text changed). Pure; the library is not
/// changed, the outcome lists the documents to put in it.
pub fn merge_into(
    parsed: Parsed,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    at: Timestamp,
) -> Imported {
    let mut out = Imported {
        problems: parsed.problems,
        ..Imported::default()
    };
    for parsed in parsed.documents {
        let ParsedDocument {
            id,
            title,
            date,
            text,
            extra,
            name,
            incoming,
        } = parsed;
        match library.get(&id) {
            None => {
                let mut doc = Document::new(title, date, text, at);
                doc.id = id;
                doc.extra = extra;
                for inc in incoming {
                    if doc
                        .annotations
                        .iter()
                        .any(|a| a.span == inc.annotation.span && a.label == inc.annotation.label)
                    {
                        out.problems.push(same_twice(&name, &inc));
                    } else {
                        doc.annotations.push(inc.annotation);
                        out.annotations_added += 1;
                    }
                }
                doc.annotations.sort_by(text_order);
                out.documents.push(doc);
            }
            Some(existing) => {
                if let Some(doc) = merge(existing, incoming, &text, &name, at, &mut out) {
                    out.documents.push(doc);
                } else {
                    out.unchanged += 1;
                }
            }
        }
    }
    out
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
    out: &mut Imported,
) -> Option<Document> {
    let same_text = *existing.text == *text;
    let index = TextIndex::new(Rc::clone(&existing.text));
    let mut doc = existing.clone();
    let mut changed = false;
    for mut inc in incoming {
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
        // Another annotation (other id) with this label on exactly this text: one is enough.
        let taken = doc.annotations.iter().any(|x| {
            x.id != inc.annotation.id
                && x.span == inc.annotation.span
                && x.label == inc.annotation.label
        });
        if taken {
            out.problems.push(same_twice(name, &inc));
            continue;
        }
        let (a, dated) = (inc.annotation, inc.dated);
        if let Some(slot) = doc.annotations.iter_mut().find(|x| x.id == a.id) {
            if dated && a.updated_at > slot.updated_at && *slot != a {
                *slot = a;
                out.annotations_updated += 1;
                changed = true;
            }
        } else {
            doc.annotations.push(a);
            out.annotations_added += 1;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    doc.annotations.sort_by(text_order);
    doc.updated_at = doc.updated_at.max(at);
    doc.revision += 1;
    Some(doc)
}
