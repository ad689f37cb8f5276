//! What to send: every database document whose content here differs from what was last
//! exchanged, as the next revision of what was exchanged. Only one's own work is sent (made by
//! "Your name", or before any name was given; the curated layer one curated): a colleague's
//! layer, received or imported, is theirs to send.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Value};

use super::layout::{self, Body, ExtrasBody};
use super::replica::{KnownArticle, Replica, DELETED};
use super::rev::{content_hash, Rev};
use crate::model::{AnnotationId, Document, DocumentId};

/// What one sent document was, so its answer can be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sending {
    Article,
    Annotation {
        id: AnnotationId,
        by: String,
    },
    /// A deletion of one's own annotation.
    Deleted {
        id: AnnotationId,
        by: String,
    },
    Extras(String),
    /// A deletion of a conflict's other leaf: the conflict is settled once all are sent.
    Loser(AnnotationId),
    /// A deletion of an article's losing leaf.
    Pruned,
}

/// One document of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub article: DocumentId,
    pub id: String,
    pub what: Sending,
    pub rev: Rev,
    pub hash: String,
}

/// The documents for one `_bulk_docs` call (`new_edits: false`) and what each is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    pub docs: Vec<Value>,
    pub sent: Vec<Sent>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The request body.
    pub fn body(&self) -> Value {
        json!({ "new_edits": false, "docs": self.docs })
    }

    fn push(&mut self, sent: Sent, mut doc: Value, parent: Option<&Rev>) {
        if let Some(map) = doc.as_object_mut() {
            map.insert("_id".to_owned(), Value::String(sent.id.clone()));
            map.insert("_rev".to_owned(), Value::String(sent.rev.to_string()));
            map.insert("_revisions".to_owned(), sent.rev.revisions(parent));
        }
        self.docs.push(doc);
        self.sent.push(sent);
    }

    fn tombstone(&mut self, article: DocumentId, id: String, what: Sending, parent: &Rev) {
        let rev = Rev::next(Some(parent), DELETED);
        let doc = json!({ "_deleted": true, "gloss": layout::LAYOUT, "article": article });
        self.push(
            Sent {
                article,
                id,
                what,
                rev,
                hash: DELETED.to_owned(),
            },
            doc,
            Some(parent),
        );
    }
}

/// How much one batch may hold: documents, and characters of content (a long article's text
/// is sent alone rather than with a hundred others).
pub const BATCH_DOCS: usize = 200;
pub const BATCH_CHARS: usize = 2_000_000;

/// The next batch: up to `limit` documents (at least one, whatever its size). `skip` is an
/// article that is not sent (the built-in sample, untouched).
pub fn outgoing(
    library: &BTreeMap<DocumentId, Rc<Document>>,
    replica: &Replica,
    me: &str,
    skip: Option<DocumentId>,
    limit: usize,
) -> Batch {
    let mut batch = Batch::default();
    let mut chars = 0;
    for (prune_id, rev) in &replica.prune {
        if let Some(article) = layout::parse_article_id(prune_id) {
            batch.tombstone(article, prune_id.clone(), Sending::Pruned, rev);
        }
    }
    for doc in library.values() {
        if Some(doc.id) == skip {
            continue;
        }
        let part = replica.article(doc.id);
        if part.settled_at == Some(doc.revision) && !has_chosen(replica, doc.id) {
            continue;
        }
        for (sent, value, parent) in for_document(doc, &part, replica, me) {
            if batch.docs.len() >= limit || (!batch.docs.is_empty() && chars >= BATCH_CHARS) {
                return batch;
            }
            chars += value.to_string().len();
            if matches!(
                sent.what,
                Sending::Loser(_) | Sending::Pruned | Sending::Deleted { .. }
            ) {
                if let Some(parent) = parent {
                    batch.tombstone(sent.article, sent.id, sent.what, &parent);
                }
            } else {
                batch.push(sent, value, parent.as_ref());
            }
        }
    }
    batch
}

/// How many documents wait to be sent.
pub fn waiting(
    library: &BTreeMap<DocumentId, Rc<Document>>,
    replica: &Replica,
    me: &str,
    skip: Option<DocumentId>,
) -> usize {
    outgoing(library, replica, me, skip, usize::MAX).docs.len()
}

fn has_chosen(replica: &Replica, doc: DocumentId) -> bool {
    replica
        .conflicts
        .values()
        .any(|c| c.chosen && c.article == doc)
}

/// Whether one's own: made by `me`, or before any name was given.
fn mine(by: Option<&str>, me: &str) -> bool {
    by.is_none_or(|by| by == me)
}

/// Everything of one article that differs from what was exchanged: (what, body, parent).
fn for_document(
    doc: &Document,
    part: &KnownArticle,
    replica: &Replica,
    me: &str,
) -> Vec<(Sent, Value, Option<Rev>)> {
    let mut out = Vec::new();
    let entry = |id: String, what: Sending, body: &Body, parent: Option<&Rev>| {
        let content = body.content();
        let hash = content_hash(&content);
        let rev = Rev::next(parent, &content);
        (
            Sent {
                article: doc.id,
                id: id.clone(),
                what,
                rev,
                hash,
            },
            body.to_value(&id),
            parent.cloned(),
        )
    };
    let article = Body::Article(layout::article_body(doc));
    if part
        .article
        .as_ref()
        .is_none_or(|k| k.hash != content_hash(&article.content()))
    {
        let parent = part.article.as_ref().map(|k| &k.rev);
        out.push(entry(
            layout::article_id(doc.id),
            Sending::Article,
            &article,
            parent,
        ));
    }
    for a in &doc.annotations {
        if !mine(a.created_by.as_deref(), me) {
            continue;
        }
        let conflict = replica.conflicts.get(&a.id);
        if conflict.is_some_and(|c| !c.chosen) {
            continue;
        }
        let body = Body::Annotation(layout::annotation_body(doc, a, me));
        let known = part.annotations.get(&a.id);
        let unchanged = known.is_some_and(|k| k.known.hash == content_hash(&body.content()));
        if unchanged && conflict.is_none() {
            continue;
        }
        let by = a.created_by.clone().unwrap_or_else(|| me.to_owned());
        let parent = match conflict {
            Some(c) => Some(&c.winner),
            None => known.map(|k| &k.known.rev),
        };
        out.push(entry(
            layout::annotation_id(a.id),
            Sending::Annotation { id: a.id, by },
            &body,
            parent,
        ));
        for loser in conflict.map(|c| c.losers.as_slice()).unwrap_or_default() {
            out.push((
                Sent {
                    article: doc.id,
                    id: layout::annotation_id(a.id),
                    what: Sending::Loser(a.id),
                    rev: loser.clone(),
                    hash: DELETED.to_owned(),
                },
                Value::Null,
                Some(loser.clone()),
            ));
        }
    }
    for (id, known) in &part.annotations {
        if known.by == me && known.known.hash != DELETED && doc.annotation(*id).is_none() {
            out.push((
                Sent {
                    article: doc.id,
                    id: layout::annotation_id(*id),
                    what: Sending::Deleted {
                        id: *id,
                        by: known.by.clone(),
                    },
                    rev: known.known.rev.clone(),
                    hash: DELETED.to_owned(),
                },
                Value::Null,
                Some(known.known.rev.clone()),
            ));
            // Deleted while in a conflict: every other leaf is deleted too, or the other
            // version would stand in the database and come back.
            let leaves = replica
                .conflicts
                .get(id)
                .map(|c| std::iter::once(&c.winner).chain(&c.losers));
            for leaf in leaves.into_iter().flatten() {
                if *leaf != known.known.rev {
                    out.push((
                        Sent {
                            article: doc.id,
                            id: layout::annotation_id(*id),
                            what: Sending::Loser(*id),
                            rev: leaf.clone(),
                            hash: DELETED.to_owned(),
                        },
                        Value::Null,
                        Some(leaf.clone()),
                    ));
                }
            }
        }
    }
    let known_extras = part.extras.get(me);
    if known_extras.is_some() || !doc.rejected.is_empty() || !doc.left_out.is_empty() {
        let body = Body::Extras(ExtrasBody {
            article: doc.id,
            by: me.to_owned(),
            rejected_suggestions: doc.rejected.clone(),
            curation_left_out: doc.left_out.clone(),
        });
        if known_extras.is_none_or(|k| k.hash != content_hash(&body.content())) {
            out.push(entry(
                layout::extras_id(doc.id, me),
                Sending::Extras(me.to_owned()),
                &body,
                known_extras.map(|k| &k.rev),
            ));
        }
    }
    out
}

/// The replica once a batch was stored: every document not refused (by id) is known at the
/// revision sent; a conflict is settled once all its documents are stored.
pub fn recorded(replica: &Replica, sent: &[Sent], refused: &[String]) -> Replica {
    use super::replica::{Known, KnownAnnotation};
    let mut next = replica.clone();
    let ok = |s: &Sent| !refused.contains(&s.id);
    for s in sent {
        let known = Known {
            rev: s.rev.clone(),
            hash: s.hash.clone(),
        };
        if !ok(s) {
            continue;
        }
        let part = Rc::make_mut(next.articles.entry(s.article).or_default());
        match &s.what {
            Sending::Article => part.article = Some(known),
            Sending::Annotation { id, by } | Sending::Deleted { id, by } => {
                part.annotations.insert(
                    *id,
                    KnownAnnotation {
                        known,
                        by: by.clone(),
                    },
                );
            }
            Sending::Extras(by) => {
                part.extras.insert(by.clone(), known);
            }
            Sending::Loser(_) => {}
            Sending::Pruned => next.prune.retain(|(id, _)| *id != s.id),
        }
    }
    for s in sent {
        let all_ok = || sent.iter().filter(|o| o.id == s.id).all(&ok);
        match &s.what {
            Sending::Loser(id) | Sending::Annotation { id, .. }
                if next.conflicts.get(id).is_some_and(|c| c.chosen) && all_ok() =>
            {
                next.conflicts.remove(id);
            }
            // Deleted, with every leaf: nothing is left to choose from.
            Sending::Deleted { id, .. } if all_ok() => {
                next.conflicts.remove(id);
            }
            _ => {}
        }
    }
    next
}

/// Marks the articles with nothing left to send as settled at their present revision, so they
/// are not compared again until they change.
pub fn settle(
    replica: &Replica,
    library: &BTreeMap<DocumentId, Rc<Document>>,
    me: &str,
    ids: impl IntoIterator<Item = DocumentId>,
) -> Replica {
    let mut next = replica.clone();
    for id in ids {
        let Some(doc) = library.get(&id) else {
            continue;
        };
        let part = next.article(id);
        if part.settled_at == Some(doc.revision) {
            continue;
        }
        let nothing = for_document(doc, &part, &next, me).is_empty();
        let part = Rc::make_mut(next.articles.entry(id).or_default());
        part.settled_at = nothing.then_some(doc.revision);
    }
    next
}
