//! Undo and redo: each change is an [`Edit`] that knows its inverse, kept on a persistent
//! stack ([`History`]) so copying the state never copies the history.

use std::rc::Rc;

use crate::model::{Annotation, DocumentId, Entity, Rejection};

/// One undoable change.
// A change holds an annotation before and after, the most common edit: boxing it would add an
// allocation to every key press to save a few hundred bytes per history entry.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Added(Annotation),
    Removed(Annotation),
    Changed {
        before: Annotation,
        after: Annotation,
    },
    /// An entity joins the open document's list (its first mention is being marked).
    EntityAdded(Entity),
    /// An entity leaves the open document's list (its last mention there is gone).
    EntityRemoved(Entity),
    /// A suggestion turned down: remembered with the open document.
    Rejected(Rejection),
    /// A turned-down suggestion forgotten again (undoing the rejection).
    Unrejected(Rejection),
    /// A disagreement settled with nothing kept ("Keep neither"): remembered with the document.
    LeftOut(Rejection),
    /// That decision taken back (another choice made there, or undone).
    NotLeftOut(Rejection),
    /// Several edits of the open document as one step, `what` saying it in words.
    Batch {
        what: String,
        edits: Vec<Edit>,
    },
    /// Changes to any documents of the library (renaming or merging entities reaches every
    /// article that mentions them): each document's annotations and entities before and after.
    Library {
        what: String,
        before: Vec<DocumentLinks>,
        after: Vec<DocumentLinks>,
    },
}

/// A document's annotations and entities, as a library-wide edit replaces them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLinks {
    pub id: DocumentId,
    pub annotations: Vec<Annotation>,
    pub entities: Vec<Entity>,
}

impl Edit {
    /// This edit signed by the person making it (`who`, "Your name" when given): a new
    /// annotation is theirs (`created_by`, unless it names its maker already) and goes into the
    /// curated layer when `curating`; a changed one records who changed it (`updated_by`).
    pub fn signed(self, who: Option<&str>, curating: bool) -> Edit {
        match self {
            Edit::Added(mut a) => {
                if a.created_by.is_none() {
                    a.created_by = who.map(str::to_owned);
                }
                a.curated = a.curated || curating;
                Edit::Added(a)
            }
            Edit::Changed { before, mut after } => {
                if let Some(who) = who {
                    if after != before {
                        after.updated_by = Some(who.to_owned());
                    }
                }
                Edit::Changed { before, after }
            }
            Edit::Batch { what, edits } => Edit::Batch {
                what,
                edits: edits.into_iter().map(|e| e.signed(who, curating)).collect(),
            },
            other => other,
        }
    }

    /// One edit as itself, several as a batch described by `what`.
    pub fn batch(what: &str, mut edits: Vec<Edit>) -> Edit {
        match (edits.pop(), edits.is_empty()) {
            (Some(only), true) => only,
            (Some(last), false) => {
                edits.push(last);
                Edit::Batch {
                    what: what.to_owned(),
                    edits,
                }
            }
            (None, _) => Edit::Batch {
                what: what.to_owned(),
                edits,
            },
        }
    }

    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Added(a) => Edit::Removed(a.clone()),
            Edit::Removed(a) => Edit::Added(a.clone()),
            Edit::Changed { before, after } => Edit::Changed {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::EntityAdded(e) => Edit::EntityRemoved(e.clone()),
            Edit::EntityRemoved(e) => Edit::EntityAdded(e.clone()),
            Edit::Rejected(r) => Edit::Unrejected(*r),
            Edit::Unrejected(r) => Edit::Rejected(*r),
            Edit::LeftOut(r) => Edit::NotLeftOut(*r),
            Edit::NotLeftOut(r) => Edit::LeftOut(*r),
            Edit::Batch { what, edits } => Edit::Batch {
                what: what.clone(),
                edits: edits.iter().rev().map(Edit::inverse).collect(),
            },
            Edit::Library {
                what,
                before,
                after,
            } => Edit::Library {
                what: what.clone(),
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// What undoing or redoing it did, in words.
    pub fn describe(&self) -> String {
        match self {
            Edit::Added(a) => format!("{} added", a.label),
            Edit::Removed(a) => format!("{} deleted", a.label),
            Edit::EntityAdded(e) => format!("{} added", e.name),
            Edit::EntityRemoved(e) => format!("{} removed", e.name),
            Edit::Rejected(r) => format!("Suggested {} rejected", r.label.slug()),
            Edit::Unrejected(r) => format!("Suggested {} restored", r.label.slug()),
            Edit::LeftOut(r) => format!("Kept neither {}", r.label.slug()),
            Edit::NotLeftOut(r) => format!("{} no longer left out", r.label.name()),
            Edit::Batch { what, .. } | Edit::Library { what, .. } => what.clone(),
            Edit::Changed { before, after } if before.source != after.source => {
                match after.source {
                    Some(_) => format!("Source of {} set", after.label),
                    None => format!("Source of {} removed", after.label),
                }
            }
            Edit::Changed { before, after } if before.verdict != after.verdict => {
                match after.verdict {
                    Some(v) => format!("Verdict set to {v}"),
                    None => "Verdict removed".to_owned(),
                }
            }
            Edit::Changed { before, after } if before.evidence.len() < after.evidence.len() => {
                "Source link added".to_owned()
            }
            Edit::Changed { before, after } if before.evidence.len() > after.evidence.len() => {
                "Source link removed".to_owned()
            }
            Edit::Changed { before, after } if before.evidence != after.evidence => {
                "Source link changed".to_owned()
            }
            Edit::Changed { before, after } if before.entity != after.entity => {
                "Actor moved to another person".to_owned()
            }
            Edit::Changed { before, after } if before.label != after.label => {
                format!("{} changed to {}", before.label, after.label)
            }
            Edit::Changed { before, after } if before.span != after.span => {
                format!("{} resized", after.label)
            }
            Edit::Changed { after, .. } => format!("Note on {} changed", after.label),
        }
    }
}

/// The undo (or redo) stack. Persistent: pushing and popping share the rest of the stack, so
/// copying the state, which every action does, never copies the history.
#[derive(Clone, Debug, Default)]
pub struct History {
    top: Option<Rc<(Edit, History)>>,
    len: usize,
}

impl History {
    pub fn push(&mut self, edit: Edit) {
        let rest = std::mem::take(self);
        let len = rest.len + 1;
        *self = History {
            top: Some(Rc::new((edit, rest))),
            len,
        };
    }

    pub fn last(&self) -> Option<&Edit> {
        self.top.as_deref().map(|(edit, _)| edit)
    }

    /// Drops the last edit.
    pub fn pop(&mut self) {
        let rest = self.top.as_deref().map(|(_, rest)| rest.clone());
        *self = rest.unwrap_or_default();
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.top.is_none()
    }
}

/// Two histories are equal when they are the same stack (not compared edit by edit).
impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        match (&self.top, &other.top) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Dropped one node at a time: a long history would otherwise be dropped recursively.
impl Drop for History {
    fn drop(&mut self) {
        let mut next = self.top.take();
        while let Some(node) = next {
            next = match Rc::try_unwrap(node) {
                Ok((_, mut rest)) => rest.top.take(),
                Err(_) => None,
            };
        }
    }
}
