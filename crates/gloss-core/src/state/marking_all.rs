//! "Mark all as …" from the find bar: every match marked with one label in one undoable step,
//! never doubling an annotation that already has that label and span. New actor mentions join
//! a person as a mention marked by hand would, once per name, so the matches of one name are
//! one person.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::entity::name_key;
use crate::model::{Annotation, AnnotationId, EntityId, Label, Span, Timestamp};

use super::{Edit, State};

impl State {
    /// Marks each of `spans` as `label`; the new annotations take their ids from `ids`, in
    /// order (one per span: the app makes them, as the reducer makes no random numbers).
    pub(super) fn mark_all(
        &self,
        label: Label,
        spans: &[Span],
        ids: &[AnnotationId],
        at: Timestamp,
    ) -> Option<State> {
        let article = self.article.as_ref()?;
        let len = article.index.len_cp();
        let mut taken: BTreeSet<Span> = article
            .visible()
            .filter(|a| a.label == label)
            .map(|a| a.span)
            .collect();
        let mut already = 0usize;
        let mut fresh: Vec<(Span, AnnotationId)> = Vec::new();
        for (&span, &id) in spans.iter().zip(ids) {
            if span.is_empty() || span.end > len {
                continue;
            }
            if taken.insert(span) {
                fresh.push((span, id));
            } else {
                already += 1;
            }
        }
        if fresh.is_empty() {
            return Some(self.hinted(&match already {
                0 => "Nothing to mark: find some text first.".to_owned(),
                1 => format!("Nothing to mark: the match is already marked as {label}."),
                n => format!("Nothing to mark: all {n} matches are already marked as {label}."),
            }));
        }
        let mut edits = Vec::with_capacity(fresh.len() + 1);
        let mut added = Vec::with_capacity(fresh.len());
        // Actors: one person per name, found (or made) once and shared by its matches.
        let mut people: BTreeMap<String, EntityId> = BTreeMap::new();
        for (span, id) in fresh {
            let mut annotation = Annotation::new(id, label, span, at);
            if label == Label::Actor {
                let mention = article.index.slice(span);
                let key = name_key(mention);
                let entity = match people.get(&key) {
                    Some(&entity) => entity,
                    None => {
                        let (entity, entity_edits) =
                            self.entity_for(&article.doc, mention, EntityId(id.0));
                        edits.extend(entity_edits);
                        people.insert(key, entity);
                        entity
                    }
                };
                annotation.entity = Some(entity);
            }
            added.push(Edit::Added(annotation));
        }
        let count = added.len();
        edits.extend(added);
        let what = format!("{count} marked as {label}");
        let mut text = format!("Marked {count} as {label}");
        if already > 0 {
            text.push_str(&format!(
                " ({already} {} already)",
                if already == 1 { "was" } else { "were" }
            ));
        }
        let mut next = self.commit(Edit::batch(&what, edits))?;
        next.announce(&self.announcement, text);
        Some(next)
    }
}
