//! The library and what comes into it: storage read at start, files imported, changes and
//! deletions from other tabs, renames and deletions here. Every merge keeps what the person
//! has: a document changed here and not yet stored is never replaced silently.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::formats::gloss::{self, Parsed};
use crate::model::marks::Marks;
use crate::model::{text_order, Annotation, Document, DocumentId, Timestamp};
use crate::storage::journal::JournalEntry;
use crate::storage::LoadedLibrary;

use super::{History, Notice, NoticeKind, State, Storage};

/// What a journal entry does to the library, given what storage holds of its document now:
/// the document to put in (to be written), and what to tell the person.
///
/// - storage holds exactly the entry: its write landed after all; nothing to do;
/// - storage holds the revision the changes were made on (or never had it, and the entry was
///   never stored): the entry goes in as it is;
/// - storage moved on since (another tab wrote): the entry's annotations are merged into the
///   stored document by id, the newer of each kept, so neither side's work is lost;
/// - storage no longer has it (deleted in another tab): it comes back, and the person is told.
fn replay(held: Option<&Document>, entry: &JournalEntry) -> (Option<Document>, Option<String>) {
    let doc = &entry.doc;
    match (held, entry.base) {
        // The same revision can hold other changes (another tab's), so contents are compared.
        (Some(held), _) if held == doc => (None, None),
        (Some(held), Some(base)) if held.revision == base => (Some(doc.clone()), None),
        (None, None) => (Some(doc.clone()), None),
        (Some(held), _) => match merge_newer(held, doc) {
            Some(merged) => (
                Some(merged),
                Some(format!(
                    "“{}” had changes from a tab that closed before saving them, and was changed in another tab since: both are kept (for each annotation, the later change).",
                    held.title
                )),
            ),
            None => (None, None),
        },
        (None, Some(_)) => (
            Some(doc.clone()),
            Some(format!(
                "“{}” was deleted in another tab while a closing tab still had unsaved changes to it: it is back in your library.",
                doc.title
            )),
        ),
    }
}

/// `held` with what `theirs` adds: annotations it does not have (unless the same label is
/// already on the same text), and newer versions of ones it has. `None` when it adds nothing.
fn merge_newer(held: &Document, theirs: &Document) -> Option<Document> {
    let mut annotations = held.annotations.clone();
    let mut marks = Marks::new(&annotations);
    let mut changed = false;
    for a in &theirs.annotations {
        let taken = |marks: &Marks, list: &[Annotation]| {
            marks.first_same(list, a, |x| x.id == a.id).is_some()
        };
        match marks.position(a.id) {
            Some(i) => {
                let newer = annotations
                    .get(i)
                    .is_some_and(|x| a.updated_at > x.updated_at && x != a);
                if newer && !taken(&marks, &annotations) {
                    if let Some(slot) = annotations.get_mut(i) {
                        marks.replaced(i, slot, a);
                        *slot = a.clone();
                        changed = true;
                    }
                }
            }
            None if !taken(&marks, &annotations) => {
                marks.pushed(annotations.len(), a);
                annotations.push(a.clone());
                changed = true;
            }
            None => {}
        }
    }
    if !changed {
        return None;
    }
    annotations.sort_by(text_order);
    let mut merged = held.with_annotations(annotations);
    merged.revision = held.revision + 1;
    merged.updated_at = held.updated_at.max(theirs.updated_at);
    Some(merged)
}

/// A file chosen for import before storage was read, waiting to be merged.
#[derive(Clone, Debug, PartialEq)]
pub struct QueuedImport {
    pub name: String,
    pub file: Parsed,
    pub at: Timestamp,
}

impl State {
    pub(super) fn open_stored(&self, id: DocumentId) -> Option<State> {
        // The article already open, chosen in the Library: nothing to open, but the dialog
        // closes as it does for any other (the person asked to see that article).
        if self.open_id() == Some(id) {
            return self.dialog.is_some().then(|| State {
                dialog: None,
                ..self.clone()
            });
        }
        let doc = self.library.get(&id)?;
        Some(self.opened(Rc::clone(doc)))
    }

    pub(super) fn rename(&self, id: DocumentId, title: &str, at: Timestamp) -> Option<State> {
        let title = title.trim().to_owned();
        let doc = self.library.get(&id)?;
        if title.is_empty() || doc.title == title {
            return None;
        }
        let renamed = Rc::new(Document {
            title,
            updated_at: at,
            revision: doc.revision + 1,
            ..(**doc).clone()
        });
        let mut next = self.clone();
        if let Some(article) = next.article.as_mut().filter(|a| a.doc.id == id) {
            // Same text and annotations: only the document is swapped (and its shown copy).
            if Rc::ptr_eq(&article.shown, &article.doc) {
                article.shown = Rc::clone(&renamed);
            } else {
                Rc::make_mut(&mut article.shown).title = renamed.title.clone();
            }
            article.doc = Rc::clone(&renamed);
        }
        next.announce(
            &self.announcement,
            format!("Renamed to “{}”", renamed.title),
        );
        next.library = self.with_library_doc(renamed);
        Some(next)
    }

    pub(super) fn delete_document(&self, id: DocumentId) -> Option<State> {
        let doc = self.library.get(&id)?;
        let title = doc.title.clone();
        let mut library = (*self.library).clone();
        library.remove(&id);
        let mut removing = (*self.removing).clone();
        removing.insert(id);
        let mut stale = (*self.stale).clone();
        stale.remove(&id);
        let mut next = self.clone();
        next.library = Rc::new(library);
        next.removing = Rc::new(removing);
        next.stale = Rc::new(stale);
        if self.open_id() == Some(id) {
            let most_recent = next.library_list_unfiltered().into_iter().next();
            next = match most_recent {
                Some(doc) => next.opened(doc),
                None => State {
                    article: None,
                    selected: None,
                    undo: History::default(),
                    redo: History::default(),
                    ..next
                },
            };
        }
        next.announce(&self.announcement, format!("Deleted “{title}”"));
        Some(next)
    }

    /// A file read for import: refused with its reason, queued while storage is being read,
    /// merged otherwise.
    pub(super) fn import(
        &self,
        name: String,
        file: Result<Parsed, String>,
        at: Timestamp,
    ) -> State {
        match file {
            Err(reason) => self.with_notice(
                NoticeKind::Error,
                format!("“{name}” was not imported: {reason}. Nothing in the library changed."),
            ),
            Ok(file) if self.storage == Storage::Loading => {
                let mut queued = (*self.queued_imports).clone();
                queued.push(QueuedImport {
                    name: name.clone(),
                    file,
                    at,
                });
                let mut next = self.with_notice(
                    NoticeKind::Hint,
                    format!(
                        "“{name}” is read; it is imported as soon as Gloss has read your library."
                    ),
                );
                next.queued_imports = Rc::new(queued);
                next
            }
            Ok(file) => self.merge_import(&name, file, at),
        }
    }

    pub(super) fn merge_import(&self, name: &str, file: Parsed, at: Timestamp) -> State {
        let imported = gloss::merge_into(file, &self.library, self.open_id(), at);
        self.imported(name, imported)
    }

    pub(super) fn external_delete(&self, id: DocumentId) -> Option<State> {
        let doc = self.library.get(&id)?;
        if self.saved.get(&id) != Some(&doc.revision) {
            // Changed here and not yet written: keep it on screen, stop writing it, say so.
            let mut stale = (*self.stale).clone();
            stale.insert(id);
            let mut next = State {
                stale: Rc::new(stale),
                ..self.clone()
            };
            next.notice = Some(Notice::error(format!("“{}” was deleted in another tab while it had changes here. They stay on screen; export the article to keep them.", doc.title)));
            return Some(next);
        }
        let mut next = self.delete_document(id)?;
        let mut removing = (*next.removing).clone();
        removing.remove(&id);
        next.removing = Rc::new(removing);
        let mut saved = (*next.saved).clone();
        saved.remove(&id);
        next.saved = Rc::new(saved);
        Some(next)
    }

    /// Library entries, most recently changed first, filtered by title.
    pub fn library_list(&self) -> Vec<Rc<Document>> {
        let needle = self.library_filter.trim().to_lowercase();
        let mut docs: Vec<Rc<Document>> = self
            .library
            .values()
            .filter(|d| needle.is_empty() || d.title.to_lowercase().contains(&needle))
            .cloned()
            .collect();
        docs.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.title.cmp(&b.title)));
        docs
    }

    pub(super) fn library_list_unfiltered(&self) -> Vec<Rc<Document>> {
        State {
            library_filter: String::new(),
            ..self.clone()
        }
        .library_list()
    }

    /// Whether the sample article is still as it came (never marked, never stored).
    fn pristine_sample(&self, stored: &BTreeSet<DocumentId>) -> bool {
        self.sample
            .and_then(|id| self.library.get(&id))
            .is_some_and(|d| d.annotations.is_empty() && d.revision == 0 && !stored.contains(&d.id))
    }

    /// The last open article, read ahead of the library: it takes the untouched sample's place
    /// on screen, counted as saved at its stored revision.
    pub(super) fn last_open_loaded(&self, doc: Document) -> Option<State> {
        let stored = BTreeSet::from([doc.id]);
        let sample_open = self.sample.is_some() && self.open_id() == self.sample;
        if self.storage != Storage::Loading || !sample_open || !self.pristine_sample(&stored) {
            return None;
        }
        let mut library = (*self.library).clone();
        if let Some(id) = self.sample {
            library.remove(&id);
        }
        let mut saved = (*self.saved).clone();
        saved.insert(doc.id, doc.revision);
        let doc = Rc::new(doc);
        library.insert(doc.id, Rc::clone(&doc));
        let next = State {
            library: Rc::new(library),
            saved: Rc::new(saved),
            ..self.clone()
        };
        Some(next.opened(doc))
    }

    pub(super) fn library_loaded(&self, loaded: LoadedLibrary) -> State {
        let mut library = (*self.library).clone();
        let mut saved = (*self.saved).clone();
        let stored: BTreeSet<DocumentId> = loaded.documents.iter().map(|d| d.id).collect();
        // The sample, if still untouched, gives way to stored work; anything else opened or
        // changed before storage answered is kept and written.
        let pristine_sample = self.pristine_sample(&stored);
        let sample_open = pristine_sample && self.open_id() == self.sample;
        let has_work = !stored.is_empty() || !loaded.journal.is_empty();
        if pristine_sample && has_work {
            if let Some(id) = self.sample {
                library.remove(&id);
            }
        }
        // The last open article read ahead (`LastOpenLoaded`) that another tab saved since:
        // taken as any change from another tab is, once the library is in place.
        let mut saved_elsewhere = Vec::new();
        for doc in loaded.documents.iter().cloned() {
            let read_ahead = self.saved.get(&doc.id).copied();
            if read_ahead.is_some_and(|r| r != doc.revision) {
                saved_elsewhere.push(doc);
                continue;
            }
            saved.insert(doc.id, doc.revision);
            // A local copy changed meanwhile (imports wait for storage, so this is rare) wins
            // and is written on top of the stored revision. The last open article, read ahead
            // and unchanged since, stays as it is (the open article shares it).
            match library.get(&doc.id) {
                Some(local) if **local == doc => {}
                Some(local) if local.revision > 0 => {
                    let mut local = (**local).clone();
                    local.revision = local.revision.max(doc.revision) + 1;
                    library.insert(doc.id, Rc::new(local));
                }
                _ => {
                    library.insert(doc.id, Rc::new(doc));
                }
            }
        }
        // Changes that had not reached storage when a page went away.
        let stored_docs: BTreeMap<DocumentId, &Document> =
            loaded.documents.iter().map(|d| (d.id, d)).collect();
        let mut replayed = Vec::new();
        for entry in &loaded.journal {
            let doc = &entry.doc;
            let held = stored_docs.get(&doc.id).copied();
            let (put, said) = replay(held, entry);
            if let Some(put) = put {
                library.insert(put.id, Rc::new(put));
            }
            replayed.extend(said);
        }
        let mut next = State {
            library: Rc::new(library),
            saved: Rc::new(saved),
            storage: Storage::Ready,
            ..self.clone()
        };
        if sample_open && has_work {
            // The article worked on last: one with changes from a tab that closed before
            // saving them (the most recent), else the one open last time, else the newest.
            let journalled = loaded
                .journal
                .iter()
                .max_by_key(|e| e.doc.updated_at)
                .map(|e| e.doc.id);
            let reopen = journalled
                .or(loaded.last_open)
                .and_then(|id| next.library.get(&id).cloned())
                .or_else(|| next.library_list_unfiltered().into_iter().next());
            if let Some(doc) = reopen {
                next = next.opened(doc);
            }
        }
        let mut lines = replayed;
        if !loaded.journal_failed.is_empty() {
            lines.push(format!(
                "The last changes to {} could not be kept when a tab closed (the browser's storage was full); what was saved before is here.",
                loaded.journal_failed.join(", ")
            ));
        }
        if !loaded.unreadable.is_empty() {
            lines.push(format!(
                "{} stored record(s) could not be read and were kept aside untouched; everything else loaded. ({})",
                loaded.unreadable.len(),
                loaded.unreadable.join("; ")
            ));
        }
        if !lines.is_empty() {
            next.notice = Some(Notice::error(lines.join("\n")));
        }
        for doc in saved_elsewhere {
            if let Some(changed) = next.external_change(doc) {
                next = changed;
            }
        }
        // Files chosen while storage was being read are merged now, in the order chosen.
        let queued = std::mem::take(&mut next.queued_imports);
        for q in queued.iter() {
            next = next.merge_import(&q.name, q.file.clone(), q.at);
        }
        next
    }

    pub(super) fn external_change(&self, doc: Document) -> Option<State> {
        let id = doc.id;
        let ours = self.library.get(&id);
        if ours.is_some_and(|d| d.revision >= doc.revision) {
            return None;
        }
        let unsaved = ours.is_some_and(|d| self.saved.get(&id) != Some(&d.revision));
        if unsaved {
            // Both tabs changed it: keep ours on screen, stop writing it, say so.
            let mut stale = (*self.stale).clone();
            stale.insert(id);
            return Some(State {
                stale: Rc::new(stale),
                ..self.clone()
            });
        }
        let mut next = self.clone();
        let mut saved = (*self.saved).clone();
        saved.insert(id, doc.revision);
        next.saved = Rc::new(saved);
        let doc = Rc::new(doc);
        next.library = self.with_library_doc(Rc::clone(&doc));
        if self.open_id() == Some(id) {
            let selected = self
                .selected
                .filter(|s| doc.annotations.iter().any(|a| a.id == *s));
            let mut reopened = next.opened(doc);
            reopened.selected = selected;
            reopened.announce(
                &self.announcement,
                "Updated with changes from another tab".to_owned(),
            );
            return Some(reopened);
        }
        Some(next)
    }

    /// Puts imported documents into the library and opens the first; reports what happened.
    fn imported(&self, name: &str, imported: gloss::Imported) -> State {
        if imported.documents.is_empty()
            && imported.problems.is_empty()
            && imported.orphans.is_empty()
            && imported.unchanged > 0
        {
            return self.with_notice(
                NoticeKind::Hint,
                format!("Already in your library: nothing new in “{name}”."),
            );
        }
        let mut lines = vec![format!("“{name}”: {}", imported.summary())];
        lines.extend(
            imported
                .problems
                .iter()
                .map(|p| format!("Not imported — {p}")),
        );
        lines.extend(imported.orphans.iter().map(|p| format!("Not placed — {p}")));
        let kind = if imported.problems.is_empty() && imported.orphans.is_empty() {
            NoticeKind::Hint
        } else {
            NoticeKind::Error
        };
        let documents: Vec<Rc<Document>> = imported.documents.into_iter().map(Rc::new).collect();
        let mut library = (*self.library).clone();
        for doc in &documents {
            library.insert(doc.id, Rc::clone(doc));
        }
        let mut next = State {
            library: Rc::new(library),
            dialog: None,
            ..self.clone()
        };
        if let Some(first) = documents.first() {
            let keep = self.selected;
            next = next.opened(Rc::clone(first));
            next.selected = keep.filter(|id| first.annotations.iter().any(|a| a.id == *id));
        }
        next.with_notice(kind, lines.join("\n"))
    }
}
