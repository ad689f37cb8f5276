//! The annotations of a document being merged, found by id and by what they mark, so that
//! merging thousands of annotations does not compare each with every other.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Annotation, AnnotationId, Label, Span};

/// What an annotation marks, in which layer: two with the same key are the same mark.
type Key = (Span, Label, Option<String>, bool);

fn key(a: &Annotation) -> Key {
    (a.span, a.label, a.created_by.clone(), a.curated)
}

/// Positions in a document's annotation list (which only grows, or has entries replaced,
/// while it is merged into).
#[derive(Default)]
pub(crate) struct Marks {
    by_id: BTreeMap<AnnotationId, usize>,
    by_key: BTreeMap<Key, BTreeSet<usize>>,
}

impl Marks {
    pub fn new(annotations: &[Annotation]) -> Marks {
        let mut marks = Marks::default();
        for (at, a) in annotations.iter().enumerate() {
            marks.pushed(at, a);
        }
        marks
    }

    /// `a` was put at position `at`.
    pub fn pushed(&mut self, at: usize, a: &Annotation) {
        self.by_id.insert(a.id, at);
        self.by_key.entry(key(a)).or_default().insert(at);
    }

    /// The annotation at `at` was `old` and is now `new` (same id).
    pub fn replaced(&mut self, at: usize, old: &Annotation, new: &Annotation) {
        let old_key = key(old);
        if let Some(set) = self.by_key.get_mut(&old_key) {
            set.remove(&at);
            if set.is_empty() {
                self.by_key.remove(&old_key);
            }
        }
        self.pushed(at, new);
    }

    /// Where the annotation with this id is.
    pub fn position(&self, id: AnnotationId) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// The first annotation (in list order) marking what `a` marks in its layer, other than
    /// those for which `skip` holds.
    pub fn first_same(
        &self,
        annotations: &[Annotation],
        a: &Annotation,
        skip: impl Fn(&Annotation) -> bool,
    ) -> Option<usize> {
        self.by_key
            .get(&key(a))?
            .iter()
            .copied()
            .find(|&at| annotations.get(at).is_some_and(|x| !skip(x)))
    }
}
