//! Merging an export that was changed the ways a copy of the work changes elsewhere: the
//! article's text edited before, inside and after annotated spans, labels changed, spans moved,
//! notes changed (newer, as old, older, undated), annotations deleted, added, and added again
//! under a new id on a label and span already taken. Whatever the file, the merge keeps the
//! library's work, and its report says exactly what it did.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use gloss_core::formats::gloss::{export, import, parse};
use gloss_core::formats::time::{from_rfc3339, to_rfc3339};
use gloss_core::model::{
    text_order, Annotation, AnnotationId, Document, DocumentId, Label, Span, Timestamp,
};
use gloss_core::state::{Action, State, Storage};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::common::{
    article_text, boundaries, context, is_boundary, len_cp, sha256_hex, slice, snap_out,
};

/// When the file is imported: later than any time in the library or the file.
const AT: Timestamp = Timestamp(1_900_000_000_000);
const T0: i64 = 1_700_000_000_000;

const NOTES: &[&str] = &["", "check", "source?", "mayor since 2022 — “verify”"];
const INSERTS: &[&str] = &[
    "x",
    " new words ",
    "\u{301}",
    "🇺🇦",
    "\u{200D}",
    "😀",
    "Minister ",
    "\n\n",
    "the",
];

/// The library's article: its annotations on grapheme boundaries, no label twice on a span;
/// those marked `later` were made after the export, so the file never mentions them.
#[derive(Clone, Debug)]
struct Library {
    doc: Document,
    later: BTreeSet<AnnotationId>,
}

fn library() -> impl Strategy<Value = Library> {
    (
        article_text(),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                1usize..14,
                0..3usize,
                0..NOTES.len(),
                0i64..4,
                prop::bool::weighted(0.2),
            ),
            0..9,
        ),
        0u64..5,
    )
        .prop_map(|(text, spans, revision)| {
            let bounds = boundaries(&text);
            let len = len_cp(&text);
            let mut doc = Document::new("Ours".into(), None, text.as_str().into(), Timestamp(T0));
            doc.id = DocumentId(Uuid::from_u128(0xD0C));
            doc.revision = revision;
            let mut later = BTreeSet::new();
            for (i, (at, width, label, note, age, is_later)) in spans.into_iter().enumerate() {
                let s = at.index(len);
                let (start, end) = snap_out(&bounds, s, (s + width).min(len));
                let Some(span) = Span::new(start, end) else {
                    continue;
                };
                let label = Label::ALL[label];
                if doc
                    .annotations
                    .iter()
                    .any(|a| a.span == span && a.label == label)
                {
                    continue;
                }
                let created = T0 + 1_000 * i as i64;
                let mut a = Annotation::new(
                    AnnotationId(Uuid::from_u128(0xA000 + i as u128)),
                    label,
                    span,
                    Timestamp(created),
                );
                a.note = NOTES[note].into();
                a.updated_at = Timestamp(created + age * 60_000);
                if is_later {
                    later.insert(a.id);
                }
                doc.annotations.push(a);
            }
            doc.annotations.sort_by(text_order);
            doc.updated_at = doc
                .annotations
                .iter()
                .map(|a| a.updated_at)
                .max()
                .unwrap_or(doc.updated_at);
            Library { doc, later }
        })
}

/// When a changed annotation says it was changed, against when it was before.
#[derive(Clone, Copy, Debug)]
enum When {
    Newer(i64),
    Same,
    Older(i64),
    /// No `updated_at` at all.
    Undated,
}

/// Where in the text an edit goes, against one of the file's annotations.
#[derive(Clone, Copy, Debug)]
enum Where {
    Before(prop::sample::Index, usize),
    Inside(prop::sample::Index, prop::sample::Index),
    After(prop::sample::Index, usize),
    Anywhere(prop::sample::Index),
}

#[derive(Clone, Debug)]
enum Mutation {
    EditText {
        at: Where,
        delete: usize,
        insert: &'static str,
    },
    Relabel {
        which: prop::sample::Index,
        label: usize,
        when: When,
    },
    Move {
        which: prop::sample::Index,
        start: i8,
        end: i8,
        when: When,
    },
    Note {
        which: prop::sample::Index,
        note: &'static str,
        when: When,
    },
    Delete(prop::sample::Index),
    /// The same label and span again, under a new id.
    Duplicate(prop::sample::Index),
    Add {
        at: prop::sample::Index,
        width: usize,
        label: usize,
    },
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        3 => (1i64..100_000).prop_map(When::Newer),
        1 => Just(When::Same),
        2 => (1i64..100_000).prop_map(When::Older),
        1 => Just(When::Undated),
    ]
}

fn place() -> impl Strategy<Value = Where> {
    use prop::sample::Index;
    prop_oneof![
        (any::<Index>(), 0usize..3).prop_map(|(i, gap)| Where::Before(i, gap)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, at)| Where::Inside(i, at)),
        (any::<Index>(), 0usize..3).prop_map(|(i, gap)| Where::After(i, gap)),
        any::<Index>().prop_map(Where::Anywhere),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    use prop::sample::Index;
    prop_oneof![
        3 => (place(), 0usize..6, prop::sample::select(INSERTS))
            .prop_map(|(at, delete, insert)| Mutation::EditText { at, delete, insert }),
        2 => (any::<Index>(), 0..3usize, when())
            .prop_map(|(which, label, when)| Mutation::Relabel { which, label, when }),
        2 => (any::<Index>(), -6i8..6, -6i8..6, when())
            .prop_map(|(which, start, end, when)| Mutation::Move { which, start, end, when }),
        3 => (any::<Index>(), prop::sample::select(NOTES), when())
            .prop_map(|(which, note, when)| Mutation::Note { which, note, when }),
        1 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Duplicate),
        2 => (any::<Index>(), 1usize..12, 0..3usize)
            .prop_map(|(at, width, label)| Mutation::Add { at, width, label }),
    ]
}

/// One annotation of the file, as the file says it.
#[derive(Clone, Debug, PartialEq)]
struct FileAnnotation {
    id: AnnotationId,
    label: Label,
    start: usize,
    end: usize,
    note: String,
    created: Timestamp,
    updated: Option<Timestamp>,
}

/// The file's article: its text and annotations, read from the export and changed.
#[derive(Clone, Debug)]
struct FileDoc {
    text: String,
    annotations: Vec<FileAnnotation>,
    /// For ids of annotations the file adds.
    next_id: u128,
}

impl FileDoc {
    fn read(doc: &Value) -> FileDoc {
        let annotations = doc["annotations"]
            .as_array()
            .expect("annotations")
            .iter()
            .map(|a| FileAnnotation {
                id: AnnotationId(Uuid::parse_str(a["id"].as_str().unwrap()).unwrap()),
                label: serde_json::from_value(a["label"].clone()).unwrap(),
                start: a["start"].as_u64().unwrap() as usize,
                end: a["end"].as_u64().unwrap() as usize,
                note: a["note"].as_str().unwrap().to_owned(),
                created: from_rfc3339(a["created_at"].as_str().unwrap()).unwrap(),
                updated: a["updated_at"].as_str().and_then(from_rfc3339),
            })
            .collect();
        FileDoc {
            text: doc["text"].as_str().expect("text").to_owned(),
            annotations,
            next_id: 0xB000,
        }
    }

    /// The document back as JSON: text, hash, and each annotation's quote and context taken
    /// from the text, as an exporter of this copy writes them. Other fields are kept.
    fn write(&self, doc: &mut Value) {
        doc["text"] = json!(self.text);
        doc["text_sha256"] = json!(sha256_hex(&self.text));
        let annotations: Vec<Value> = self
            .annotations
            .iter()
            .map(|a| {
                let (prefix, suffix) = context(&self.text, a.start, a.end);
                let mut o = Map::new();
                o.insert("id".into(), json!(a.id.to_string()));
                o.insert("label".into(), json!(a.label.slug()));
                o.insert("start".into(), json!(a.start));
                o.insert("end".into(), json!(a.end));
                o.insert("text".into(), json!(self.quote(a)));
                o.insert("prefix".into(), json!(prefix));
                o.insert("suffix".into(), json!(suffix));
                o.insert("note".into(), json!(a.note));
                o.insert("created_at".into(), json!(to_rfc3339(a.created)));
                if let Some(updated) = a.updated {
                    o.insert("updated_at".into(), json!(to_rfc3339(updated)));
                }
                Value::Object(o)
            })
            .collect();
        doc["annotations"] = Value::Array(annotations);
    }

    fn quote(&self, a: &FileAnnotation) -> String {
        slice(&self.text, a.start, a.end)
    }

    fn pick(&self, which: prop::sample::Index) -> Option<usize> {
        (!self.annotations.is_empty()).then(|| which.index(self.annotations.len()))
    }

    fn new_id(&mut self) -> AnnotationId {
        self.next_id += 1;
        AnnotationId(Uuid::from_u128(self.next_id))
    }

    /// `[start, end)` on whole graphemes of the file's text, if not empty.
    fn snapped(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let (start, end) = snap_out(&boundaries(&self.text), start, end);
        (start < end).then_some((start, end))
    }

    fn apply(&mut self, m: &Mutation) {
        match *m {
            Mutation::EditText { at, delete, insert } => self.edit_text(at, delete, insert),
            Mutation::Relabel { which, label, when } => {
                if let Some(i) = self.pick(which) {
                    self.annotations[i].label = Label::ALL[label];
                    self.changed(i, when);
                }
            }
            Mutation::Move {
                which,
                start,
                end,
                when,
            } => {
                if let Some(i) = self.pick(which) {
                    let a = &self.annotations[i];
                    let len = len_cp(&self.text);
                    let s = a.start.saturating_add_signed(start.into()).min(len);
                    let e = a.end.saturating_add_signed(end.into()).min(len);
                    if let Some((s, e)) = self.snapped(s, e) {
                        (self.annotations[i].start, self.annotations[i].end) = (s, e);
                        self.changed(i, when);
                    }
                }
            }
            Mutation::Note { which, note, when } => {
                if let Some(i) = self.pick(which) {
                    self.annotations[i].note = note.into();
                    self.changed(i, when);
                }
            }
            Mutation::Delete(which) => {
                if let Some(i) = self.pick(which) {
                    self.annotations.remove(i);
                }
            }
            Mutation::Duplicate(which) => {
                if let Some(i) = self.pick(which) {
                    let mut copy = self.annotations[i].clone();
                    copy.id = self.new_id();
                    self.annotations.push(copy);
                }
            }
            Mutation::Add { at, width, label } => {
                let len = len_cp(&self.text);
                let s = at.index(len);
                if let Some((start, end)) = self.snapped(s, (s + width).min(len)) {
                    let id = self.new_id();
                    let t = Timestamp(T0 + 500_000);
                    self.annotations.push(FileAnnotation {
                        id,
                        label: Label::ALL[label],
                        start,
                        end,
                        note: "added elsewhere".into(),
                        created: t,
                        updated: Some(t),
                    });
                }
            }
        }
    }

    fn changed(&mut self, i: usize, when: When) {
        let a = &mut self.annotations[i];
        let was = a.updated.unwrap_or(a.created).0;
        a.updated = match when {
            When::Newer(d) => Some(Timestamp(was + d)),
            When::Same => Some(Timestamp(was)),
            When::Older(d) => Some(Timestamp(was - d)),
            When::Undated => None,
        };
    }

    /// Deletes `delete` code points at a place and inserts `insert` there; each annotation
    /// follows the text it was on (as in the copy the file was exported from) and goes when its
    /// text is all deleted.
    fn edit_text(&mut self, at: Where, delete: usize, insert: &str) {
        let len = len_cp(&self.text);
        let around = |which: prop::sample::Index| self.pick(which).map(|i| &self.annotations[i]);
        let p = match at {
            Where::Before(which, gap) => around(which).map(|a| a.start.saturating_sub(gap)),
            Where::Inside(which, inside) => {
                around(which).map(|a| a.start + inside.index(a.end - a.start))
            }
            Where::After(which, gap) => around(which).map(|a| (a.end + gap).min(len)),
            Where::Anywhere(at) => Some(at.index(len + 1)),
        };
        let Some(p) = p else { return };
        let delete = delete.min(len - p);
        let ins = len_cp(insert);
        let chars: Vec<char> = self.text.chars().collect();
        let text: String = chars[..p]
            .iter()
            .chain(insert.chars().collect::<Vec<_>>().iter())
            .chain(chars[p + delete..].iter())
            .collect();
        if text.trim().is_empty() {
            return;
        }
        let start_of = |x: usize| match x {
            x if x < p => x,
            x if x >= p + delete => x - delete + ins,
            _ => p + ins,
        };
        let end_of = |x: usize| match x {
            x if x <= p => x,
            x if x >= p + delete => x - delete + ins,
            _ => p,
        };
        self.text = text;
        let bounds = boundaries(&self.text);
        self.annotations.retain_mut(|a| {
            let (s, e) = snap_out(&bounds, start_of(a.start), end_of(a.end));
            (a.start, a.end) = (s, e);
            s < e
        });
    }
}

fn quote(doc: &Document, a: &Annotation) -> String {
    slice(&doc.text, a.span.start, a.span.end)
}

fn by_id(annotations: &[Annotation]) -> BTreeMap<AnnotationId, &Annotation> {
    annotations.iter().map(|a| (a.id, a)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::cases(128)))]

    #[test]
    fn merging_a_changed_export_keeps_the_library_s_work_and_reports_it(
        lib in library(),
        mutations in prop::collection::vec(mutation(), 0..7),
    ) {
        let ours = &lib.doc;
        // The file: exported before the `later` annotations were made, then changed elsewhere.
        let exported = ours.with_annotations(
            ours.annotations.iter().filter(|a| !lib.later.contains(&a.id)).cloned().collect(),
        );
        let mut value: Value = serde_json::from_str(&export(&[&exported], Timestamp(T0)).unwrap()).unwrap();
        let mut file = FileDoc::read(&value["documents"][0]);
        for m in &mutations {
            file.apply(m);
        }
        file.write(&mut value["documents"][0]);
        let json = value.to_string();

        let parsed = parse(&json, AT).expect("the file is valid Gloss JSON");
        prop_assert!(parsed.problems.is_empty(), "a valid file: {:?}", parsed.problems);
        let library: BTreeMap<_, _> = [(ours.id, Rc::new(ours.clone()))].into_iter().collect();
        let imported = import(&json, &library, AT).expect("never refused");

        // The outcome: one changed document, or none and the article counted unchanged.
        let merged = match imported.documents.as_slice() {
            [] => {
                prop_assert_eq!(imported.unchanged, 1);
                prop_assert_eq!((imported.annotations_added, imported.annotations_updated), (0, 0));
                ours.clone()
            }
            [merged] => {
                prop_assert_eq!(imported.unchanged, 0);
                prop_assert_eq!(merged.id, ours.id);
                prop_assert_eq!(&merged.text, &ours.text, "the library's text stays");
                prop_assert_eq!(&merged.title, &ours.title);
                prop_assert_eq!(merged.revision, ours.revision + 1, "a new revision, so it is written");
                prop_assert!(merged.updated_at >= ours.updated_at);
                merged.clone()
            }
            more => return Err(TestCaseError::fail(format!("{} documents from one", more.len()))),
        };

        // Every annotation on the text, on whole graphemes, in text order, each label once on
        // a span, each id once.
        let bounds = boundaries(&merged.text);
        let len = len_cp(&merged.text);
        for a in &merged.annotations {
            prop_assert!(a.span.start < a.span.end && a.span.end <= len, "{:?} in {} code points", a.span, len);
            prop_assert!(
                is_boundary(&bounds, a.span.start) && is_boundary(&bounds, a.span.end),
                "{:?} cuts a grapheme of {:?}", a.span, merged.text
            );
        }
        prop_assert!(merged.annotations.is_sorted_by(|a, b| text_order(a, b).is_le()));
        let pairs: BTreeSet<_> = merged.annotations.iter().map(|a| (a.label, a.span)).collect();
        prop_assert_eq!(pairs.len(), merged.annotations.len(), "a label twice on one span");
        let after = by_id(&merged.annotations);
        prop_assert_eq!(after.len(), merged.annotations.len(), "an id twice");

        let before = by_id(&ours.annotations);
        let in_file: BTreeMap<AnnotationId, &FileAnnotation> =
            file.annotations.iter().map(|f| (f.id, f)).collect();
        let same_text = *file.text == *ours.text;

        // Ours are all kept: as they were, or replaced by a strictly newer, dated version.
        let mut replaced = 0;
        for (id, o) in &before {
            let Some(now) = after.get(id) else {
                return Err(TestCaseError::fail(format!("{id} was lost")));
            };
            if now == o {
                continue;
            }
            replaced += 1;
            let Some(f) = in_file.get(id) else {
                return Err(TestCaseError::fail(format!("{id} changed, not in the file")));
            };
            prop_assert!(
                f.updated.is_some_and(|u| u > o.updated_at),
                "{} replaced by a version not newer: ours {:?}, the file's {:?}", id, o.updated_at, f.updated
            );
            prop_assert_eq!(Some(now.updated_at), f.updated);
            prop_assert_eq!((now.label, &now.note, now.created_at), (f.label, &f.note, f.created));
            prop_assert_eq!(quote(&merged, now), file.quote(f), "placed on the same words");
        }
        // The new ones are the file's.
        let mut added = 0;
        for (id, now) in &after {
            if before.contains_key(id) {
                continue;
            }
            added += 1;
            let Some(f) = in_file.get(id) else {
                return Err(TestCaseError::fail(format!("{id} came from nowhere")));
            };
            prop_assert_eq!((now.label, &now.note, now.created_at), (f.label, &f.note, f.created));
            prop_assert_eq!(now.updated_at, f.updated.unwrap_or(AT), "undated: the import's time");
            prop_assert_eq!(quote(&merged, now), file.quote(f), "placed on the same words");
        }
        prop_assert_eq!(imported.annotations_added, added, "added, as counted");
        prop_assert_eq!(imported.annotations_updated, replaced, "updated, as counted");

        // What the file has that did not get in is reported, and only what it has.
        if same_text {
            prop_assert!(imported.orphans.is_empty(), "nothing to re-anchor: {:?}", imported.orphans);
        }
        for p in &imported.problems {
            let id = p.annotation.as_deref().and_then(|s| Uuid::parse_str(s).ok()).map(AnnotationId);
            let Some(f) = id.and_then(|id| in_file.get(&id)) else {
                return Err(TestCaseError::fail(format!("a problem about no annotation of the file: {p}")));
            };
            prop_assert!(
                after.get(&f.id).is_none_or(|now| Some(*now) == before.get(&f.id).copied()),
                "{} is reported and imported too", f.id
            );
        }
        let missing = file
            .annotations
            .iter()
            .filter(|f| match (before.get(&f.id), after.get(&f.id)) {
                (None, now) => now.is_none(),
                (Some(o), Some(now)) => f.updated.is_some_and(|u| u > o.updated_at) && now == o,
                (Some(_), None) => false,
            })
            .count();
        let reported = imported.orphans.len() + imported.problems.len();
        prop_assert!(
            missing <= reported,
            "{} of the file's annotations did not get in, {} reported: {:?} {:?}",
            missing, reported, imported.orphans, imported.problems
        );
        prop_assert!(
            reported + added + replaced <= file.annotations.len(),
            "more reported than the file holds"
        );

        // Importing the result's own export changes nothing.
        let again_library: BTreeMap<_, _> = [(merged.id, Rc::new(merged.clone()))].into_iter().collect();
        let again = import(&export(&[&merged], AT).unwrap(), &again_library, Timestamp(AT.0 + 1)).unwrap();
        prop_assert!(again.documents.is_empty(), "a second import changed {:?}", again.documents);
        prop_assert_eq!(again.unchanged, 1);
        prop_assert!(again.problems.is_empty() && again.orphans.is_empty());

        // And the reducer puts exactly that in the library.
        let state = Rc::new(State { storage: Storage::Ready, ..State::with_document(ours.clone()) });
        let next = Rc::clone(&state).reduce(Action::import_file("f.json".into(), Ok(json), AT));
        prop_assert_eq!(next.library.len(), 1);
        prop_assert_eq!(&*next.library[&ours.id], &merged);
    }
}
