//! How what the changes feed brings joins the library.
//!
//! For an annotation of one's own (made by "Your name": another device of the same person may
//! have changed it), compared with what was last exchanged (`known`):
//! - the same content here and there: only the revision is recorded;
//! - unchanged here since: the database's version is taken (added, changed or deleted);
//! - changed here too: the version here is kept and sent as a child of `known`, so the
//!   database holds both as a conflict, which comes back through the feed and is settled as
//!   below — never one overwriting the other unseen.
//!
//! A colleague's annotation is always taken as the database has it: only they change it.
//!
//! A conflict (the feed's document has other leaf revisions): the newer version (`updated_at`,
//! then CouchDB's winner) is shown; for one's own annotation the other is kept in the replica
//! until the person chooses. An article's text never changes; two titles written at once are
//! settled by CouchDB's winner. An annotation whose article has not arrived waits for it.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::layout::{self, AnnotationBody, Body};
use super::replica::{Conflict, Known, KnownAnnotation, Replica, Waiting, DELETED};
use super::rev::{content_hash, couch_winner, Rev};
use super::Change;
use crate::model::{
    text, text_order, Annotation, AnnotationId, Document, DocumentId, Entity, Span, Timestamp,
};

/// What a page of changes did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Documents changed or added, at their new revision.
    pub documents: BTreeMap<DocumentId, Document>,
    /// Of those, the ones that are new to the library.
    pub created: BTreeSet<DocumentId>,
    /// Of those, the ones where one's own annotations changed (another device of the same
    /// person): the open one's undo history no longer describes it.
    pub own_changed: BTreeSet<DocumentId>,
    /// The spans that changed in each document (to lay out only those lines again).
    pub touched: BTreeMap<DocumentId, Vec<Span>>,
    /// Annotations received, by who made them.
    pub arrived: BTreeMap<String, usize>,
    /// Documents that could not be taken, in words.
    pub problems: Vec<String>,
    pub replica: Replica,
}

struct Work<'a> {
    library: &'a BTreeMap<DocumentId, Rc<Document>>,
    me: &'a str,
    out: Applied,
}

impl Work<'_> {
    fn doc(&self, id: DocumentId) -> Option<&Document> {
        self.out
            .documents
            .get(&id)
            .or_else(|| self.library.get(&id).map(|d| &**d))
    }

    /// The document to change (copied from the library on first change).
    fn doc_mut(&mut self, id: DocumentId) -> Option<&mut Document> {
        if !self.out.documents.contains_key(&id) {
            let doc = self.library.get(&id)?;
            let mut copy = (**doc).clone();
            copy.revision = doc.revision + 1;
            self.out.documents.insert(id, copy);
        }
        self.out.documents.get_mut(&id)
    }

    fn part(&mut self, id: DocumentId) -> &mut super::KnownArticle {
        Rc::make_mut(self.out.replica.articles.entry(id).or_default())
    }
}

/// Takes a page of changes into the library (and the changes that waited for their article).
pub fn apply(
    library: &BTreeMap<DocumentId, Rc<Document>>,
    replica: &Replica,
    me: &str,
    changes: Vec<Change>,
) -> Applied {
    let mut work = Work {
        library,
        me,
        out: Applied {
            replica: replica.clone(),
            ..Applied::default()
        },
    };
    for change in changes {
        take(&mut work, change);
    }
    // Changes that waited for an article that has now arrived.
    loop {
        let waiting = std::mem::take(&mut work.out.replica.waiting);
        let (ready, still): (Vec<Waiting>, Vec<Waiting>) = waiting
            .into_iter()
            .partition(|w| work.doc(w.article).is_some());
        work.out.replica.waiting = still;
        if ready.is_empty() {
            break;
        }
        for w in ready {
            take(&mut work, w.change);
        }
    }
    let mut out = work.out;
    for (id, doc) in out.documents.iter_mut() {
        doc.annotations.sort_by(text_order);
        let used: BTreeSet<_> = doc.annotations.iter().filter_map(|a| a.entity).collect();
        doc.entities.retain(|e| used.contains(&e.id));
        doc.rejected.sort();
        doc.rejected.dedup();
        doc.left_out.sort();
        doc.left_out.dedup();
        if let Some(held) = library.get(id) {
            doc.updated_at = doc.updated_at.max(held.updated_at);
        }
    }
    out
}

fn take(work: &mut Work, change: Change) {
    if change.id.starts_with("article:") {
        article(work, change);
    } else if change.id.starts_with("annotation:") {
        annotation(work, change);
    } else if change.id.starts_with("extras:") {
        extras(work, change);
    }
    // Anything else (design documents, other applications' documents) is not Gloss's.
}

fn wait(work: &mut Work, article: DocumentId, change: Change) {
    if work.out.replica.dropped.contains(&article) {
        return;
    }
    let waiting = &mut work.out.replica.waiting;
    waiting.retain(|w| w.change.id != change.id);
    waiting.push(Waiting { article, change });
}

fn body_of(work: &mut Work, id: &str, value: &serde_json::Value) -> Option<Body> {
    match Body::from_value(id, value) {
        Ok(body) => Some(body),
        Err(e) => {
            work.out.problems.push(e.to_string());
            None
        }
    }
}

fn article(work: &mut Work, change: Change) {
    let Some(id) = layout::parse_article_id(&change.id) else {
        return;
    };
    let Some(value) = change.doc.as_ref().filter(|_| !change.deleted) else {
        return;
    };
    let Some(Body::Article(remote)) = body_of(work, &change.id, value) else {
        return;
    };
    let hash = content_hash(&Body::Article(remote.clone()).content());
    let conflicted = !change.conflicts.is_empty();
    for (rev, _) in &change.conflicts {
        let entry = (change.id.clone(), rev.clone());
        if !work.out.replica.prune.contains(&entry) {
            work.out.replica.prune.push(entry);
        }
    }
    let known = Known {
        rev: change.rev.clone(),
        hash: hash.clone(),
    };
    let Some(local) = work.doc(id) else {
        if work.out.replica.dropped.contains(&id) {
            return;
        }
        if text::canonicalize(&remote.text) != remote.text {
            work.out.problems.push(format!(
                "“{}” was not taken: its text is not in the form Gloss writes.",
                remote.title
            ));
            return;
        }
        let created = Timestamp(remote.created_at);
        let mut doc = Document::new(remote.title, remote.date, Rc::from(remote.text), created);
        doc.id = id;
        work.out.documents.insert(id, doc);
        work.out.created.insert(id);
        work.part(id).article = Some(known);
        return;
    };
    let local_hash = content_hash(&Body::Article(layout::article_body(local)).content());
    let base = work.out.replica.article(id).article.clone();
    let unchanged_here = base.as_ref().is_none_or(|b| b.hash == local_hash);
    if local_hash == hash {
        work.part(id).article = Some(known);
    } else if unchanged_here || conflicted {
        if *local.text != *remote.text {
            work.out.problems.push(format!(
                "“{}”: the database holds another text under the same id; the text here is kept.",
                local.title
            ));
            return;
        }
        if let Some(doc) = work.doc_mut(id) {
            doc.title = remote.title;
            doc.date = remote.date;
        }
        work.part(id).article = Some(known);
    }
    // Otherwise the title changed here too: it is sent as a child of `base`, and CouchDB's
    // winner settles it when it comes back.
}

/// The annotation a body stands for, or why it is not valid for the article's text.
fn annotation_of(
    doc: &Document,
    id: AnnotationId,
    body: &AnnotationBody,
) -> Result<(Annotation, Option<Entity>), String> {
    match body.annotation(id) {
        Some(found) if found.0.span.end <= doc.text.chars().count() => Ok(found),
        _ => Err(format!(
            "An annotation of “{}” was not taken: it lies outside the article's text.",
            doc.title
        )),
    }
}

fn annotation(work: &mut Work, change: Change) {
    let Some(id) = layout::parse_annotation_id(&change.id) else {
        return;
    };
    // The leaves: the winner (unless deleted) and the conflicts, as bodies.
    let mut leaves: Vec<(Rev, AnnotationBody)> = Vec::new();
    let mut article_id = None;
    let mut candidates = Vec::new();
    if !change.deleted {
        if let Some(doc) = &change.doc {
            candidates.push((change.rev.clone(), doc.clone()));
        }
    }
    candidates.extend(change.conflicts.iter().cloned());
    for (rev, value) in candidates {
        if let Some(Body::Annotation(body)) = body_of(work, &change.id, &value) {
            article_id = Some(body.article);
            leaves.push((rev, body));
        }
    }
    let article_id = article_id
        .or_else(|| {
            change
                .doc
                .as_ref()
                .and_then(|d| d.get("article"))
                .and_then(|a| serde_json::from_value(a.clone()).ok())
        })
        .or_else(|| work.out.replica.article_of(id));
    let Some(article_id) = article_id else {
        return;
    };
    if work.doc(article_id).is_none() {
        // A deletion waits too: it takes the place of a version that waited before it.
        wait(work, article_id, change);
        return;
    }
    let me = work.me.to_owned();
    // One's own annotation, never recorded here (the answer to its first batch was lost),
    // that the database holds at a later revision (changed on another device): whether the
    // version here is the one it started from cannot be told, so both are kept and the
    // person chooses, as in a conflict.
    let known = work
        .out
        .replica
        .article(article_id)
        .annotations
        .get(&id)
        .cloned();
    let held_here = work
        .doc(article_id)
        .is_some_and(|d| d.annotation(id).is_some());
    let unknown_base = known.is_none()
        && held_here
        && change.rev.generation >= 2
        && leaves.first().is_some_and(|(_, b)| b.created_by == me);
    if leaves.len() >= 2 || unknown_base {
        conflict(work, article_id, id, &change.rev, leaves);
        return;
    }
    work.out.replica.conflicts.remove(&id);
    let remote = leaves.pop();
    let Some(doc) = work.doc(article_id) else {
        return;
    };
    let local = doc.annotation(id);
    let local_hash = local.map_or_else(
        || DELETED.to_owned(),
        |a| content_hash(&Body::Annotation(layout::annotation_body(doc, a, &me)).content()),
    );
    let remote_hash = remote.as_ref().map_or_else(
        || DELETED.to_owned(),
        |(_, b)| content_hash(&Body::Annotation(b.clone()).content()),
    );
    let by = remote
        .as_ref()
        .map(|(_, b)| b.created_by.clone())
        .or_else(|| local.and_then(|a| a.created_by.clone()))
        .or_else(|| known.as_ref().map(|k| k.by.clone()))
        .unwrap_or_else(|| me.clone());
    let record = |work: &mut Work, hash: String| {
        work.part(article_id).annotations.insert(
            id,
            KnownAnnotation {
                known: Known {
                    rev: change.rev.clone(),
                    hash,
                },
                by: by.clone(),
            },
        );
    };
    let ours = by == me;
    // One's own annotation, unchanged here since its last batch was stored, in a page read
    // before that: the live revision known here is newer (a live leaf of a higher generation
    // is what CouchDB shows while it is there); that page is passed over, a later one brings
    // the present.
    let stale = ours
        && change.conflicts.is_empty()
        && known.as_ref().is_some_and(|k| {
            k.known.hash != DELETED
                && k.known.hash == local_hash
                && k.known.rev.generation > change.rev.generation
        });
    if stale {
        return;
    }
    if local_hash == remote_hash {
        record(work, remote_hash);
        return;
    }
    let changed_here = match &known {
        Some(k) => k.known.hash != local_hash,
        None => local.is_some(),
    };
    // Deleted here while another version of one's own was stored (from another device, or a
    // batch whose answer was lost): the deletion sent from here would be a deleted sibling,
    // which CouchDB passes over. A live version wins over a deletion, as in CouchDB: it is
    // taken back here too.
    let deleted_here = local.is_none()
        && remote.is_some()
        && known.as_ref().is_some_and(|k| k.known.rev != change.rev);
    if ours && changed_here && !deleted_here {
        // Kept here; sent as a child of `known`, which stays the parent. Unless nothing was
        // known: the database then holds the first revision sent from here, whose answer was
        // lost; the change here follows it (a later revision may be another device's, and
        // stays apart, as a conflict).
        if known.is_none() && change.rev.generation == 1 && remote.is_some() {
            record(work, remote_hash);
        }
        return;
    }
    let remote_annotation = match &remote {
        Some((_, body)) => match annotation_of(doc, id, body) {
            Ok(found) => Some(found),
            Err(problem) => {
                work.out.problems.push(problem);
                return;
            }
        },
        None => None,
    };
    put(work, article_id, id, remote_annotation, ours);
    record(work, remote_hash);
}

/// Puts the database's version of an annotation into its document (or takes it out).
fn put(
    work: &mut Work,
    article: DocumentId,
    id: AnnotationId,
    found: Option<(Annotation, Option<Entity>)>,
    ours: bool,
) {
    let Some(doc) = work.doc_mut(article) else {
        return;
    };
    let mut spans = Vec::new();
    if let Some(old) = doc.annotations.iter().find(|a| a.id == id) {
        spans.push(old.span);
    }
    doc.annotations.retain(|a| a.id != id);
    let mut who = None;
    if let Some((a, entity)) = found {
        spans.push(a.span);
        who = a.created_by.clone();
        if let Some(entity) = entity {
            match doc.entities.iter_mut().find(|e| e.id == entity.id) {
                Some(held) if !entity.name.is_empty() => held.name = entity.name,
                Some(_) => {}
                None => doc.entities.push(entity),
            }
        }
        doc.annotations.push(a);
    }
    work.out.touched.entry(article).or_default().extend(spans);
    if ours {
        work.out.own_changed.insert(article);
    } else if let Some(who) = who {
        *work.out.arrived.entry(who).or_default() += 1;
    }
}

fn conflict(
    work: &mut Work,
    article: DocumentId,
    id: AnnotationId,
    winner: &Rev,
    leaves: Vec<(Rev, AnnotationBody)>,
) {
    let me = work.me.to_owned();
    let Some(doc) = work.doc(article).cloned() else {
        return;
    };
    let Some(server) = leaves.iter().find(|(r, _)| r == winner).or(leaves.first()) else {
        return;
    };
    let server_rev = server.0.clone();
    let server_hash = content_hash(&Body::Annotation(server.1.clone()).content());
    let by = server.1.created_by.clone();
    let ours = by == me;
    // The candidates: the database's leaves, and the version here when it was changed since
    // it was last exchanged (not yet sent: it is kept like any other).
    let mut versions: Vec<(Option<Rev>, Annotation, Option<Entity>)> = Vec::new();
    for (rev, body) in &leaves {
        match annotation_of(&doc, id, body) {
            Ok((a, e)) => versions.push((Some(rev.clone()), a, e)),
            Err(problem) => work.out.problems.push(problem),
        }
    }
    if ours {
        let known = work
            .out
            .replica
            .article(article)
            .annotations
            .get(&id)
            .cloned();
        if let Some(local) = doc.annotation(id) {
            let local_hash = content_hash(
                &Body::Annotation(layout::annotation_body(&doc, local, &me)).content(),
            );
            let sent = known.is_some_and(|k| k.known.hash == local_hash)
                || leaves.iter().any(|(_, b)| {
                    content_hash(&Body::Annotation(b.clone()).content()) == local_hash
                });
            if !sent {
                let mut local = local.clone();
                local.created_by.get_or_insert_with(|| me.clone());
                let entity = local.entity.and_then(|e| doc.entity(e)).cloned();
                versions.push((None, local, entity));
            }
        }
    }
    let revs: Vec<Rev> = leaves.iter().map(|(r, _)| r.clone()).collect();
    let couch_first = couch_winner(&revs).cloned();
    versions.sort_by(|a, b| {
        b.1.updated_at
            .cmp(&a.1.updated_at)
            .then_with(|| (b.0 == couch_first).cmp(&(a.0 == couch_first)))
            .then_with(|| b.0.cmp(&a.0))
    });
    let mut versions = versions.into_iter();
    let Some((shown_rev, shown, entity)) = versions.next() else {
        return;
    };
    // What is known to be exchanged: the leaf holding the version shown, so that once the
    // conflict is settled on another device, the version here is recognised as one the
    // database has and the settled one is taken (not sent again as a change made here). A
    // version made here and not sent yet stays a change from the database's winner.
    let exchanged = leaves
        .iter()
        .find(|(rev, _)| Some(rev) == shown_rev.as_ref())
        .map_or(
            Known {
                rev: server_rev.clone(),
                hash: server_hash,
            },
            |(rev, body)| Known {
                rev: rev.clone(),
                hash: content_hash(&Body::Annotation(body.clone()).content()),
            },
        );
    let other = versions.find(|(_, a, _)| *a != shown).map(|(_, a, _)| a);
    let unchanged = doc.annotation(id) == Some(&shown);
    // Every version the same: nothing to ask; the other leaves are deleted all the same.
    let (other, chosen) = match other {
        Some(other) => (other, false),
        None => (shown.clone(), true),
    };
    if !unchanged {
        put(work, article, id, Some((shown, entity)), ours);
    }
    work.part(article).annotations.insert(
        id,
        KnownAnnotation {
            known: exchanged,
            by,
        },
    );
    if !ours {
        // A colleague's two devices: shown as the newer; theirs to settle.
        return;
    }
    let losers = revs.into_iter().filter(|r| *r != server_rev).collect();
    let conflict = Conflict {
        article,
        other,
        winner: server_rev,
        losers,
        chosen,
    };
    work.out.replica.conflicts.insert(id, conflict);
}

fn extras(work: &mut Work, change: Change) {
    let Some(value) = change.doc.as_ref().filter(|_| !change.deleted) else {
        return;
    };
    let Some(Body::Extras(remote)) = body_of(work, &change.id, value) else {
        return;
    };
    let article = remote.article;
    if work.doc(article).is_none() {
        wait(work, article, change);
        return;
    }
    let hash = content_hash(&Body::Extras(remote.clone()).content());
    let adds = work.doc(article).is_some_and(|doc| {
        remote
            .rejected_suggestions
            .iter()
            .any(|r| !doc.rejected.contains(r))
            || remote
                .curation_left_out
                .iter()
                .any(|r| !doc.left_out.contains(r))
    });
    if adds {
        if let Some(doc) = work.doc_mut(article) {
            doc.rejected
                .extend(remote.rejected_suggestions.iter().copied());
            doc.left_out
                .extend(remote.curation_left_out.iter().copied());
        }
    }
    work.part(article).extras.insert(
        remote.by.clone(),
        Known {
            rev: change.rev,
            hash,
        },
    );
}
