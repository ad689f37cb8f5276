//! What a save writes: the document's head and only the annotations that changed since the
//! version storage holds, or, when that version is not known for sure, everything. Pure, so
//! the rules are tested natively (a table, and a property: applying the changes to what was
//! stored always gives the current document).
//!
//! A save is one read-write transaction. It reads the stored head first, and only then knows
//! which write is right ([`decide`]): the changes when storage holds exactly the version they
//! were computed from, nothing when it already holds this very version, a conflict when another
//! tab wrote meanwhile, or the whole document when storage holds an older version than
//! expected (or none). The whole document is the old way, kept for these rare cases; a change
//! made in the normal course costs the head and the changed annotations.

use std::collections::{HashMap, HashSet};

use super::record::{self, RecordError};
use crate::model::{Annotation, AnnotationId, Document};

/// The annotations to put and to delete to turn one version of a document into another.
#[derive(Debug, Default, PartialEq)]
pub struct Changes<'a> {
    /// New or changed, in the current document's order.
    pub put: Vec<&'a Annotation>,
    /// In the stored version and no longer in the current one.
    pub delete: Vec<AnnotationId>,
}

impl Changes<'_> {
    pub fn is_empty(&self) -> bool {
        self.put.is_empty() && self.delete.is_empty()
    }
}

/// The changes from `stored` to `current` (annotations are unique by id in each).
///
/// Both lists are in text order and a change touches few annotations, so the equal run at the
/// start and the equal run at the end are skipped by walking them (no allocation); only what
/// lies between is matched by id. Adding one annotation to 10,000 compares each once.
pub fn between<'a>(stored: &[Annotation], current: &'a [Annotation]) -> Changes<'a> {
    let prefix = stored
        .iter()
        .zip(current)
        .take_while(|(a, b)| a == b)
        .count();
    let (stored, current) = (
        stored.get(prefix..).unwrap_or_default(),
        current.get(prefix..).unwrap_or_default(),
    );
    let suffix = stored
        .iter()
        .rev()
        .zip(current.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let old = stored
        .get(..stored.len().saturating_sub(suffix))
        .unwrap_or_default();
    let new = current
        .get(..current.len().saturating_sub(suffix))
        .unwrap_or_default();
    let old_by_id: HashMap<AnnotationId, &Annotation> = old.iter().map(|a| (a.id, a)).collect();
    let new_ids: HashSet<AnnotationId> = new.iter().map(|a| a.id).collect();
    Changes {
        put: new
            .iter()
            .filter(|a| old_by_id.get(&a.id) != Some(a))
            .collect(),
        delete: old
            .iter()
            .map(|a| a.id)
            .filter(|id| !new_ids.contains(id))
            .collect(),
    }
}

/// A save, encoded before the transaction starts: the new head, and the changes from the
/// version this tab believes storage holds (`from`, with that version's head), when it has one.
#[derive(Debug, PartialEq)]
pub struct Save {
    pub head: String,
    pub changes: Option<Encoded>,
}

/// Changes encoded as records, and the head of the version they start from.
#[derive(Debug, PartialEq)]
pub struct Encoded {
    pub from_head: String,
    pub put: Vec<(AnnotationId, String)>,
    pub delete: Vec<AnnotationId>,
}

/// Encodes the save of `current`, as changes from `from` when given (the version storage is
/// believed to hold). Nothing is written if anything fails to encode.
pub fn save(from: Option<&Document>, current: &Document) -> Result<Save, RecordError> {
    let head = record::encode_head(current)?;
    let changes = match from.filter(|f| f.id == current.id) {
        Some(from) => {
            let changes = between(&from.annotations, &current.annotations);
            Some(Encoded {
                from_head: record::encode_head(from)?,
                put: changes
                    .put
                    .iter()
                    .map(|a| Ok((a.id, record::encode_annotation(current, a)?)))
                    .collect::<Result<_, RecordError>>()?,
                delete: changes.delete,
            })
        }
        None => None,
    };
    Ok(Save { head, changes })
}

/// Every annotation record of `doc`: what a whole write puts (after removing the document's
/// stored annotations).
pub fn all_annotations(doc: &Document) -> Result<Vec<(AnnotationId, String)>, RecordError> {
    doc.annotations
        .iter()
        .map(|a| Ok((a.id, record::encode_annotation(doc, a)?)))
        .collect()
}

/// Which write a save makes, once the stored head is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// Storage holds exactly the version the changes start from: write the head and changes.
    Changes,
    /// Storage already holds this very version (two tabs replayed the same journal entry).
    AlreadyStored,
    /// Another tab wrote a newer version than the one this tab's changes are based on.
    Conflict,
    /// Storage holds no version, or an older one than this tab's changes are based on (an
    /// earlier write failed), or one it does not know: write the whole document over it.
    Whole,
}

/// The write to make, given the stored head (`None`: storage has no such document), the save
/// and the revision storage is expected to hold (`base`: `None` for a document it never had).
pub fn decide(stored_head: Option<&str>, save: &Save, base: Option<u64>) -> Write {
    let Some(stored_head) = stored_head else {
        return Write::Whole;
    };
    if stored_head == save.head {
        return Write::AlreadyStored;
    }
    if save
        .changes
        .as_ref()
        .is_some_and(|c| c.from_head == stored_head)
    {
        return Write::Changes;
    }
    match (record::revision_of(stored_head), base) {
        // A record this Gloss cannot read the revision of is not overwritten.
        (None, _) => Write::Conflict,
        (Some(_), None) => Write::Conflict,
        (Some(stored), Some(base)) if stored > base => Write::Conflict,
        (Some(_), Some(_)) => Write::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Label, Span, Timestamp};
    use std::collections::BTreeMap;
    use std::rc::Rc;
    use uuid::Uuid;

    fn ann(n: u128, start: usize) -> Annotation {
        Annotation::new(
            AnnotationId(Uuid::from_u128(n)),
            Label::Claim,
            Span {
                start,
                end: start + 3,
            },
            Timestamp(1),
        )
    }

    fn doc(annotations: Vec<Annotation>, revision: u64) -> Document {
        let mut d = Document::new(
            "Harbour".into(),
            None,
            Rc::from("a".repeat(200).as_str()),
            Timestamp(1),
        );
        d.id = crate::model::DocumentId(Uuid::from_u128(99));
        d.annotations = annotations;
        d.annotations.sort_by(crate::model::text_order);
        d.revision = revision;
        d
    }

    /// What storage holds after `changes` are applied to `stored`.
    fn apply(stored: &[Annotation], changes: &Changes<'_>) -> BTreeMap<AnnotationId, Annotation> {
        let mut out: BTreeMap<_, _> = stored.iter().map(|a| (a.id, a.clone())).collect();
        for id in &changes.delete {
            out.remove(id);
        }
        for a in &changes.put {
            out.insert(a.id, (*a).clone());
        }
        out
    }

    fn by_id(list: &[Annotation]) -> BTreeMap<AnnotationId, Annotation> {
        list.iter().map(|a| (a.id, a.clone())).collect()
    }

    fn ids(list: &[&Annotation]) -> Vec<u128> {
        list.iter().map(|a| a.id.0.as_u128()).collect()
    }

    #[test]
    fn change_table() {
        let base: Vec<Annotation> = (1..=5).map(|n| ann(n, n as usize * 10)).collect();
        let noted = |n: u128| {
            let mut a = ann(n, n as usize * 10);
            a.note = "checked".into();
            a
        };
        let moved = |n: u128, start| ann(n, start);
        // (name, stored, current, expected puts, expected deletions)
        type Case = (
            &'static str,
            Vec<Annotation>,
            Vec<Annotation>,
            Vec<u128>,
            Vec<u128>,
        );
        let cases: Vec<Case> = vec![
            (
                "nothing changed",
                base.clone(),
                base.clone(),
                vec![],
                vec![],
            ),
            (
                "one added in the middle",
                base.clone(),
                [base.clone(), vec![ann(9, 25)]].concat(),
                vec![9],
                vec![],
            ),
            (
                "one added at the very start",
                base.clone(),
                [vec![ann(9, 0)], base.clone()].concat(),
                vec![9],
                vec![],
            ),
            (
                "one added at the very end",
                base.clone(),
                [base.clone(), vec![ann(9, 190)]].concat(),
                vec![9],
                vec![],
            ),
            (
                "one deleted",
                base.clone(),
                base.iter()
                    .filter(|a| a.id.0.as_u128() != 3)
                    .cloned()
                    .collect(),
                vec![],
                vec![3],
            ),
            (
                "a note changed",
                base.clone(),
                base.iter()
                    .map(|a| {
                        if a.id.0.as_u128() == 2 {
                            noted(2)
                        } else {
                            a.clone()
                        }
                    })
                    .collect(),
                vec![2],
                vec![],
            ),
            (
                "one moved past others (resized)",
                base.clone(),
                base.iter()
                    .map(|a| {
                        if a.id.0.as_u128() == 1 {
                            moved(1, 45)
                        } else {
                            a.clone()
                        }
                    })
                    .collect(),
                vec![1],
                vec![],
            ),
            (
                "all deleted",
                base.clone(),
                vec![],
                vec![],
                vec![1, 2, 3, 4, 5],
            ),
            (
                "a first annotation",
                vec![],
                vec![ann(1, 10)],
                vec![1],
                vec![],
            ),
            (
                "one deleted and another added in its place",
                base.clone(),
                base.iter()
                    .map(|a| {
                        if a.id.0.as_u128() == 3 {
                            ann(7, 30)
                        } else {
                            a.clone()
                        }
                    })
                    .collect(),
                vec![7],
                vec![3],
            ),
        ];
        for (name, stored, current, put, delete) in cases {
            let (stored, current) = (doc(stored, 1), doc(current, 2));
            let changes = between(&stored.annotations, &current.annotations);
            assert_eq!(ids(&changes.put), put, "case {name}: puts");
            let deleted: Vec<u128> = changes.delete.iter().map(|id| id.0.as_u128()).collect();
            assert_eq!(deleted, delete, "case {name}: deletions");
            assert_eq!(
                apply(&stored.annotations, &changes),
                by_id(&current.annotations),
                "case {name}: applied"
            );
        }
    }

    fn save_of(from: &Document, current: &Document) -> Save {
        save(Some(from), current).expect("encodes")
    }

    #[test]
    fn decision_table() {
        let v3 = doc(vec![ann(1, 10)], 3);
        let v4 = doc(vec![ann(1, 10), ann(2, 20)], 4);
        let v5 = doc(vec![ann(2, 20)], 5);
        let head = |d: &Document| record::encode_head(d).expect("encodes");
        let mut other4 = v4.clone();
        other4.title = "Renamed in another tab".into();
        let from_v3 = save_of(&v3, &v4);
        let whole = save(None, &v4).expect("encodes");
        let from_v4 = save_of(&v4, &v5);
        // (name, stored head, save, base, expected)
        type Case<'a> = (&'static str, Option<String>, &'a Save, Option<u64>, Write);
        let cases: Vec<Case<'_>> = vec![
            (
                "storage holds the version the changes start from",
                Some(head(&v3)),
                &from_v3,
                Some(3),
                Write::Changes,
            ),
            (
                "storage holds nothing: the whole document",
                None,
                &from_v3,
                Some(3),
                Write::Whole,
            ),
            ("a new document", None, &whole, None, Write::Whole),
            (
                "this very version is stored already",
                Some(head(&v4)),
                &from_v3,
                Some(3),
                Write::AlreadyStored,
            ),
            (
                "another tab wrote a newer version",
                Some(head(&other4)),
                &from_v3,
                Some(3),
                Write::Conflict,
            ),
            (
                "another tab made the document this tab thinks is new",
                Some(head(&v3)),
                &whole,
                None,
                Write::Conflict,
            ),
            (
                "storage holds an older version than expected (a write failed)",
                Some(head(&doc(vec![], 2))),
                &from_v3,
                Some(3),
                Write::Whole,
            ),
            (
                "no known version to change from, storage at the base",
                Some(head(&v3)),
                &whole,
                Some(3),
                Write::Whole,
            ),
            (
                "the same revision with other content: not changes, the whole document",
                Some(head(&other4)),
                &from_v4,
                Some(4),
                Write::Whole,
            ),
            (
                "an unreadable stored head is never overwritten",
                Some("{oops".into()),
                &from_v3,
                Some(3),
                Write::Conflict,
            ),
        ];
        for (name, stored, save, base, want) in cases {
            assert_eq!(decide(stored.as_deref(), save, base), want, "case {name}");
        }
    }

    #[test]
    fn a_save_encodes_only_what_changed() {
        let v3 = doc((1..=50).map(|n| ann(n, n as usize * 3)).collect(), 3);
        let mut v4 = v3.clone();
        v4.revision = 4;
        v4.annotations[7].note = "new note".into();
        v4.annotations.remove(20);
        let saved = save_of(&v3, &v4);
        let changes = saved.changes.expect("changes");
        assert_eq!(changes.put.len(), 1);
        assert_eq!(changes.delete, vec![v3.annotations[20].id]);
        assert!(changes.put[0].1.contains("new note"));
        assert!(!saved.head.contains("annotations"), "{}", saved.head);
        // What storage then holds reads back as the current document.
        let mut stored: BTreeMap<AnnotationId, String> =
            all_annotations(&v3).expect("encodes").into_iter().collect();
        for id in &changes.delete {
            stored.remove(id);
        }
        stored.extend(changes.put);
        let back = record::decode_stored(
            "k",
            &saved.head,
            stored.values().map(String::as_str),
            Some(&v4.text),
        )
        .expect("decodes");
        assert_eq!(back, v4);
    }

    #[test]
    fn a_save_from_another_document_is_whole() {
        let a = doc(vec![ann(1, 10)], 1);
        let mut b = a.clone();
        b.id = crate::model::DocumentId(Uuid::from_u128(5));
        assert_eq!(save(Some(&a), &b).expect("encodes").changes, None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// An edit a person (or an import, a sync) makes to the list of annotations.
        #[derive(Clone, Debug)]
        enum Edit {
            Add { start: usize, len: usize },
            Delete(usize),
            Note(usize, String),
            Move(usize, usize),
            Relabel(usize),
        }

        fn edit() -> impl Strategy<Value = Edit> {
            prop_oneof![
                (0usize..190, 1usize..10).prop_map(|(start, len)| Edit::Add { start, len }),
                any::<usize>().prop_map(Edit::Delete),
                (any::<usize>(), "[a-z ]{0,6}").prop_map(|(i, n)| Edit::Note(i, n)),
                (any::<usize>(), 0usize..190).prop_map(|(i, s)| Edit::Move(i, s)),
                any::<usize>().prop_map(Edit::Relabel),
            ]
        }

        fn edited(stored: &Document, edits: &[Edit], next_id: &mut u128) -> Document {
            let mut d = stored.clone();
            d.revision += 1;
            for e in edits {
                let n = d.annotations.len();
                match e {
                    Edit::Add { start, len } => {
                        *next_id += 1;
                        let mut a = ann(*next_id, *start);
                        a.span.end = start + len;
                        d.annotations.push(a);
                    }
                    Edit::Delete(i) if n > 0 => {
                        d.annotations.remove(i % n);
                    }
                    Edit::Note(i, note) if n > 0 => d.annotations[i % n].note = note.clone(),
                    Edit::Move(i, start) if n > 0 => {
                        let a = &mut d.annotations[i % n];
                        let len = a.span.len();
                        a.span = Span {
                            start: *start,
                            end: start + len,
                        };
                    }
                    Edit::Relabel(i) if n > 0 => d.annotations[i % n].label = Label::Quote,
                    _ => {}
                }
            }
            d.annotations.sort_by(crate::model::text_order);
            d
        }

        proptest! {
            /// Applying the computed writes to what was stored always gives the current
            /// document, through several saves in a row (each from the one before).
            #[test]
            fn applying_the_changes_gives_the_current_document(
                first in proptest::collection::vec((0usize..190, 1usize..10), 0..40),
                rounds in proptest::collection::vec(proptest::collection::vec(edit(), 0..8), 1..5),
            ) {
                let mut next_id = 0u128;
                let annotations = first.iter().map(|&(start, len)| {
                    next_id += 1;
                    let mut a = ann(next_id, start);
                    a.span.end = start + len;
                    a
                }).collect();
                let mut stored_doc = doc(annotations, 1);
                let mut storage: BTreeMap<AnnotationId, String> =
                    all_annotations(&stored_doc).expect("encodes").into_iter().collect();
                let mut head = record::encode_head(&stored_doc).expect("encodes");
                for edits in &rounds {
                    let current = edited(&stored_doc, edits, &mut next_id);
                    let changes = between(&stored_doc.annotations, &current.annotations);
                    prop_assert_eq!(apply(&stored_doc.annotations, &changes), by_id(&current.annotations));
                    let saved = save(Some(&stored_doc), &current).expect("encodes");
                    prop_assert_eq!(decide(Some(&head), &saved, Some(stored_doc.revision)), Write::Changes);
                    let encoded = saved.changes.expect("changes");
                    for id in &encoded.delete {
                        storage.remove(id);
                    }
                    storage.extend(encoded.put);
                    head = saved.head;
                    let back = record::decode_stored(
                        "k",
                        &head,
                        storage.values().map(String::as_str),
                        Some(&current.text),
                    ).expect("decodes");
                    prop_assert_eq!(&back, &current);
                    stored_doc = current;
                }
            }
        }
    }
}
