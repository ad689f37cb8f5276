//! Undo and redo: each change is an [`Edit`] that knows its inverse, kept on a persistent
//! stack ([`History`]) so copying the state never copies the history.

use std::rc::Rc;

use crate::model::Annotation;

/// One undoable change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Added(Annotation),
    Removed(Annotation),
    Changed {
        before: Annotation,
        after: Annotation,
    },
}

impl Edit {
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Added(a) => Edit::Removed(a.clone()),
            Edit::Removed(a) => Edit::Added(a.clone()),
            Edit::Changed { before, after } => Edit::Changed {
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
