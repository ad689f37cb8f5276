//! The library and what comes into it: storage read at start, files imported, changes and
//! deletions from other tabs, renames and deletions here. Every merge keeps what the person
//! has: a document changed here and not yet stored is never replaced silently.

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::formats::gloss::{self, Parsed};
use crate::model::{Document, DocumentId, Timestamp};
use crate::storage::LoadedLibrary;

use super::{History, Notice, NoticeKind, State, Storage};

/// Whether a journal entry is the untouched sample (nothing to replay).
fn stored_or_sample_only(stored: &BTreeSet<DocumentId>, doc: &Document) -> bool {
    !stored.contains(&doc.id) && doc.revision == 0 && doc.annotations.is_empty()
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
        if self.open_id() == Some(id) {
            return None;
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
            // Same text and annotations: only the document is swapped.
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

    fn merge_import(&self, name: &str, file: Parsed, at: Timestamp) -> State {
        let imported = gloss::merge_into(file, &self.library, at);
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

    pub(super) fn library_loaded(&self, loaded: LoadedLibrary) -> State {
        let mut library = (*self.library).clone();
        let mut saved = (*self.saved).clone();
        let stored: BTreeSet<DocumentId> = loaded.documents.iter().map(|d| d.id).collect();
        // The sample, if still untouched, gives way to stored work; anything else opened or
        // changed before storage answered is kept and written.
        let pristine_sample = self
            .sample
            .and_then(|id| self.library.get(&id))
            .is_some_and(|d| {
                d.annotations.is_empty() && d.revision == 0 && !stored.contains(&d.id)
            });
        let sample_open = pristine_sample && self.open_id() == self.sample;
        if pristine_sample && !stored.is_empty() {
            if let Some(id) = self.sample {
                library.remove(&id);
            }
        }
        for doc in loaded.documents {
            saved.insert(doc.id, doc.revision);
            // A local copy changed meanwhile (imports wait for storage, so this is rare) wins
            // and is written on top of the stored revision.
            match library.get(&doc.id) {
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
        // Changes that had not reached storage when a page went away: newer than what storage
        // holds, so they go in and are written (once: after that storage holds them).
        for doc in loaded.journal {
            let newer = library
                .get(&doc.id)
                .is_none_or(|held| held.revision < doc.revision);
            if newer && !stored_or_sample_only(&stored, &doc) {
                library.insert(doc.id, Rc::new(doc));
            }
        }
        let mut next = State {
            library: Rc::new(library),
            saved: Rc::new(saved),
            storage: Storage::Ready,
            ..self.clone()
        };
        if sample_open && !stored.is_empty() {
            let reopen = loaded
                .last_open
                .and_then(|id| next.library.get(&id).cloned())
                .or_else(|| next.library_list_unfiltered().into_iter().next());
            if let Some(doc) = reopen {
                next = next.opened(doc);
            }
        }
        if !loaded.unreadable.is_empty() {
            next.notice = Some(Notice::error(format!(
                "{} stored record(s) could not be read and were kept aside untouched; everything else loaded. ({})",
                loaded.unreadable.len(),
                loaded.unreadable.join("; ")
            )));
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
