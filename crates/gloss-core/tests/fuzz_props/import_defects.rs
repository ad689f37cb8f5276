//! Import of structured, mostly valid files: a valid Gloss JSON file is built here as a
//! `serde_json::Value` (not by Gloss's export), checked against the schema, then given exactly
//! one defect from a named list. The outcome must be exactly right for that defect: the file
//! refused with the matching `FileError`; or the one article or annotation the defect is in
//! reported (where, and why) and everything else imported as from the file without the defect;
//! or, for what the format allows (unknown fields, an upper-case hash, a null date), nothing
//! reported and everything kept, through a second export and import too.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use gloss_core::formats::gloss::{export, import, FileError, Imported, MAX_DEPTH};
use gloss_core::model::text::first_words;
use gloss_core::model::{AnnotationId, Document, Label, Timestamp};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::Union;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::common::{
    article_text, boundaries, context, is_boundary, len_cp, rfc3339, sha256_hex, slice,
};

/// When the file is imported.
const AT: Timestamp = Timestamp(1_800_000_000_000);
const T0: i64 = 1_600_000_000_000;

// ---------------------------------------------------------------------------------------
// The valid file.

#[derive(Clone, Debug)]
struct AnnotationModel {
    id: Uuid,
    label: Label,
    start: usize,
    end: usize,
    note: String,
    created: (i64, i16),
    updated: (i64, i16),
}

#[derive(Clone, Debug)]
struct DocumentModel {
    id: Uuid,
    title: String,
    date: Option<String>,
    text: String,
    annotations: Vec<AnnotationModel>,
}

#[derive(Clone, Debug)]
struct FileModel {
    exported_at: String,
    documents: Vec<DocumentModel>,
}

const OFFSETS: &[i16] = &[0, 60, -300, 330, 0];

/// An article's text, title, date (year, month, day) and annotations, before ids are given.
type DocSeed = (String, String, Option<(u16, u8, u8)>, Vec<AnnSeed>);

fn document_model() -> impl Strategy<Value = DocSeed> {
    (
        article_text(),
        "[A-Za-zé“” ]{0,16}[A-Za-z]",
        prop::option::of((1900u16..2100, 1u8..=12, 1u8..=28)),
        prop::collection::vec(ann_seed(), 0..5),
    )
}

/// Two grapheme boundaries, a label, a note, when made, how long after changed, and the UTC
/// offsets the two times are written at.
type AnnSeed = (Index, Index, usize, String, i64, i64, usize, usize);

fn ann_seed() -> impl Strategy<Value = AnnSeed> {
    (
        any::<Index>(),
        any::<Index>(),
        0..3usize,
        "[a-z “”é?]{0,12}",
        0i64..1_000_000_000,
        0i64..1_000_000_000,
        0..OFFSETS.len(),
        0..OFFSETS.len(),
    )
}

fn file_model() -> impl Strategy<Value = FileModel> {
    (
        any::<u128>(),
        prop::collection::vec(document_model(), 1..4),
        0..OFFSETS.len(),
    )
        .prop_map(|(base, docs, offset)| {
            let mut n = 0u128;
            let mut next_id = || {
                n += 1;
                Uuid::from_u128(base.wrapping_add(n))
            };
            let documents = docs
                .into_iter()
                .map(|(text, title, date, seeds)| {
                    let bounds = boundaries(&text);
                    let mut annotations: Vec<AnnotationModel> = Vec::new();
                    for (a, b, label, note, created, age, co, uo) in seeds {
                        let (a, b) = (a.index(bounds.len()), b.index(bounds.len()));
                        let (start, end) = (bounds[a.min(b)], bounds[a.max(b)]);
                        let label = Label::ALL[label];
                        if start == end
                            || annotations
                                .iter()
                                .any(|x| (x.start, x.end, x.label) == (start, end, label))
                        {
                            continue;
                        }
                        annotations.push(AnnotationModel {
                            id: next_id(),
                            label,
                            start,
                            end,
                            note,
                            created: (T0 + created, OFFSETS[co]),
                            updated: (T0 + created + age, OFFSETS[uo]),
                        });
                    }
                    DocumentModel {
                        id: next_id(),
                        title,
                        date: date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
                        text,
                        annotations,
                    }
                })
                .collect();
            FileModel {
                exported_at: rfc3339(T0 + 5, OFFSETS[offset]),
                documents,
            }
        })
        .prop_filter("two annotations at least", |f| f.positions().len() >= 2)
}

impl FileModel {
    fn value(&self) -> Value {
        let documents: Vec<Value> = self
            .documents
            .iter()
            .map(|d| {
                let annotations: Vec<Value> = d
                    .annotations
                    .iter()
                    .map(|a| {
                        let (prefix, suffix) = context(&d.text, a.start, a.end);
                        json!({
                            "id": a.id.to_string(),
                            "label": a.label.slug(),
                            "start": a.start,
                            "end": a.end,
                            "text": slice(&d.text, a.start, a.end),
                            "prefix": prefix,
                            "suffix": suffix,
                            "note": a.note,
                            "created_at": rfc3339(a.created.0, a.created.1),
                            "updated_at": rfc3339(a.updated.0, a.updated.1),
                        })
                    })
                    .collect();
                json!({
                    "id": d.id.to_string(),
                    "title": d.title,
                    "date": d.date,
                    "text": d.text,
                    "text_sha256": sha256_hex(&d.text),
                    "annotations": annotations,
                })
            })
            .collect();
        json!({
            "format": "gloss",
            "version": 1,
            "exported_at": self.exported_at,
            "documents": documents,
        })
    }

    /// (document, annotation) of every annotation, in file order.
    fn positions(&self) -> Vec<(usize, usize)> {
        self.documents
            .iter()
            .enumerate()
            .flat_map(|(k, d)| (0..d.annotations.len()).map(move |j| (k, j)))
            .collect()
    }

    fn doc(&self, which: Index) -> usize {
        which.index(self.documents.len())
    }

    fn ann(&self, which: Index) -> (usize, usize) {
        let positions = self.positions();
        positions[which.index(positions.len())]
    }

    fn ann_id(&self, (k, j): (usize, usize)) -> AnnotationId {
        AnnotationId(self.documents[k].annotations[j].id)
    }
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/gloss.schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("schema"))
            .expect("schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

// ---------------------------------------------------------------------------------------
// The defects.

/// What happens to one field.
#[derive(Clone, Debug)]
enum Change {
    Remove,
    Null,
    /// A value of another JSON type than the field's.
    WrongType(Index),
}

/// Where an extra (unknown) member goes.
#[derive(Clone, Debug)]
enum Level {
    Envelope,
    Document(Index),
    Annotation(Index),
}

/// Where a string with a lone UTF-16 surrogate escape goes.
#[derive(Clone, Debug)]
enum StringPlace {
    ExportedAt,
    Title(Index),
    Text(Index),
    Note(Index),
    ExtraKey(Level),
}

/// Where a number JSON can spell but not hold (1e400) goes.
#[derive(Clone, Debug)]
enum NumberPlace {
    Version,
    Extra(Level),
    Offset(Index, bool),
}

#[derive(Clone, Debug)]
enum Defect {
    // The file as a whole.
    Truncated(Index),
    EnvelopeField(&'static str, Change),
    OtherFormat(&'static str),
    WrongVersion(Value),
    LoneSurrogate(StringPlace, bool),
    OutOfRangeNumber(NumberPlace),
    Nested(Level, usize),
    /// Valid: fields Gloss does not know are kept.
    Extra(Level, String, Value),
    // One article.
    DocumentField(Index, &'static str, Change),
    DocumentNotObject(Index, Value),
    DocumentBadUuid(Index, &'static str),
    DocumentIdTwice(Index, Index),
    BadDate(Index, &'static str),
    HashMismatch(Index),
    /// Valid: the hash is compared without regard to case.
    HashUpperCase(Index),
    CarriageReturn(Index, Index),
    ByteOrderMark(Index),
    BlankText(Index, &'static str),
    // One annotation.
    AnnotationField(Index, &'static str, Change),
    AnnotationNotObject(Index, Value),
    AnnotationBadUuid(Index, &'static str),
    AnnotationIdTwice(Index, Index),
    UnknownLabel(Index, &'static str),
    OutsideTheText(Index, usize),
    Reversed(Index),
    EmptySpan(Index),
    Negative(Index, bool, u32),
    HugeOffset(Index, bool),
    BeyondU64(Index, bool),
    QuoteMismatch(Index, &'static str),
    OffGrapheme(Index, Index, bool),
    BadTime(Index, &'static str, &'static str),
}

const ENVELOPE_FIELDS: &[&str] = &["format", "version", "documents", "exported_at"];
const DOCUMENT_FIELDS: &[&str] = &["id", "title", "date", "text", "text_sha256", "annotations"];
const ANNOTATION_FIELDS: &[&str] = &[
    "id",
    "label",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "note",
    "created_at",
    "updated_at",
];

/// A value of another type than `field` has.
fn wrong_value(field: &str, which: &Index) -> Value {
    let choices = match field {
        "version" | "start" | "end" => {
            vec![json!("1"), json!(true), json!([]), json!({}), json!(1.5)]
        }
        "documents" | "annotations" => vec![json!(5), json!(true), json!({}), json!("x")],
        _ => vec![json!(5), json!(true), json!([]), json!({}), json!(-1.5)],
    };
    choices[which.index(choices.len())].clone()
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        Just(Change::Remove),
        Just(Change::Null),
        any::<Index>().prop_map(Change::WrongType),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![
        Just(Level::Envelope),
        any::<Index>().prop_map(Level::Document),
        any::<Index>().prop_map(Level::Annotation),
    ]
}

/// A JSON value of a few levels, with numbers that survive a round trip exactly.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        (-100_000i32..100_000).prop_map(|n| Value::from(f64::from(n) / 4.0)),
        Just(Value::from(1e22)),
        "[a-z é“\"\\\\<>\u{0}\u{2028}😀]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,5}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn defect() -> impl Strategy<Value = Defect> {
    use Defect::*;
    let i = || any::<Index>();
    let mut defects = vec![
        i().prop_map(Truncated).boxed(),
        (prop::sample::select(ENVELOPE_FIELDS), change())
            .prop_map(|(f, c)| EnvelopeField(f, c))
            .boxed(),
        prop::sample::select(&["w3c", "Gloss", "", "gloss "][..])
            .prop_map(OtherFormat)
            .boxed(),
        prop::sample::select(vec![
            json!(0),
            json!(gloss_core::formats::gloss::VERSION + 1),
            json!(-1),
            json!(u64::MAX),
            json!(1.5),
        ])
        .prop_map(WrongVersion)
        .boxed(),
        (
            prop_oneof![
                Just(StringPlace::ExportedAt),
                i().prop_map(StringPlace::Title),
                i().prop_map(StringPlace::Text),
                i().prop_map(StringPlace::Note),
                level().prop_map(StringPlace::ExtraKey),
            ],
            any::<bool>(),
        )
            .prop_map(|(p, high)| LoneSurrogate(p, high))
            .boxed(),
        prop_oneof![
            Just(NumberPlace::Version),
            level().prop_map(NumberPlace::Extra),
            (i(), any::<bool>()).prop_map(|(a, s)| NumberPlace::Offset(a, s)),
        ]
        .prop_map(OutOfRangeNumber)
        .boxed(),
        (level(), 24usize..36)
            .prop_map(|(l, d)| Nested(l, d))
            .boxed(),
        (level(), "x_[a-z]{1,6}", json_value())
            .prop_map(|(l, k, v)| Extra(l, k, v))
            .boxed(),
        (i(), prop::sample::select(DOCUMENT_FIELDS), change())
            .prop_map(|(d, f, c)| DocumentField(d, f, c))
            .boxed(),
        (
            i(),
            prop::sample::select(vec![json!("article"), json!(5), json!([]), Value::Null]),
        )
            .prop_map(|(d, v)| DocumentNotObject(d, v))
            .boxed(),
        (i(), prop::sample::select(BAD_UUIDS))
            .prop_map(|(d, u)| DocumentBadUuid(d, u))
            .boxed(),
        (i(), i()).prop_map(|(a, b)| DocumentIdTwice(a, b)).boxed(),
        (i(), prop::sample::select(BAD_DATES))
            .prop_map(|(d, s)| BadDate(d, s))
            .boxed(),
        i().prop_map(HashMismatch).boxed(),
        i().prop_map(HashUpperCase).boxed(),
        (i(), i()).prop_map(|(d, at)| CarriageReturn(d, at)).boxed(),
        i().prop_map(ByteOrderMark).boxed(),
        (i(), prop::sample::select(&["", " ", "\n\n", " \t \n"][..]))
            .prop_map(|(d, t)| BlankText(d, t))
            .boxed(),
        (i(), prop::sample::select(ANNOTATION_FIELDS), change())
            .prop_map(|(a, f, c)| AnnotationField(a, f, c))
            .boxed(),
        (
            i(),
            prop::sample::select(vec![
                json!("claim 0 3"),
                json!(5),
                json!([0, 3]),
                Value::Null,
            ]),
        )
            .prop_map(|(a, v)| AnnotationNotObject(a, v))
            .boxed(),
        (i(), prop::sample::select(BAD_UUIDS))
            .prop_map(|(a, u)| AnnotationBadUuid(a, u))
            .boxed(),
        (i(), i())
            .prop_map(|(a, b)| AnnotationIdTwice(a, b))
            .boxed(),
        (
            i(),
            prop::sample::select(&["person", "Claim", "", "claims", "QUOTE"][..]),
        )
            .prop_map(|(a, l)| UnknownLabel(a, l))
            .boxed(),
        (i(), 1usize..1000)
            .prop_map(|(a, past)| OutsideTheText(a, past))
            .boxed(),
        i().prop_map(Reversed).boxed(),
        i().prop_map(EmptySpan).boxed(),
        (i(), any::<bool>(), 1u32..1000)
            .prop_map(|(a, s, n)| Negative(a, s, n))
            .boxed(),
        (i(), any::<bool>())
            .prop_map(|(a, s)| HugeOffset(a, s))
            .boxed(),
        (i(), any::<bool>())
            .prop_map(|(a, s)| BeyondU64(a, s))
            .boxed(),
        (i(), prop::sample::select(&["", "x", "\u{301}"][..]))
            .prop_map(|(a, s)| QuoteMismatch(a, s))
            .boxed(),
        (
            i(),
            prop::sample::select(&["created_at", "updated_at"][..]),
            prop::sample::select(BAD_TIMES),
        )
            .prop_map(|(a, f, t)| BadTime(a, f, t))
            .boxed(),
    ];
    defects.push(
        (i(), i(), any::<bool>())
            .prop_map(|(a, p, e)| OffGrapheme(a, p, e))
            .boxed(),
    );
    Union::new(defects)
}

const BAD_UUIDS: &[&str] = &[
    "",
    "7",
    "not-a-uuid",
    "7d4f2c1e-8a3b-4c5d-9e6f-0a1b2c3d4e5",
    "zd4f2c1e-8a3b-4c5d-9e6f-0a1b2c3d4e5f",
    "7d4f2c1e-8a3b-4c5d-9e6f-0a1b2c3d4e5f0",
];
const BAD_DATES: &[&str] = &[
    "2025-02-30",
    "2025-3-4",
    "14/03/2025",
    "",
    "0000-01-01",
    "2025-13-01",
];
const BAD_TIMES: &[&str] = &[
    "yesterday",
    "",
    "2025-01-01",
    "2025-01-01T00:00:00",
    "2025-01-01T25:00:00Z",
    "2025-02-30T00:00:00Z",
];

// ---------------------------------------------------------------------------------------
// What each defect must do.

#[derive(Clone, Copy, Debug, PartialEq)]
enum Refusal {
    NotJson,
    Truncated,
    TooDeep,
    NotGloss,
    UnsupportedVersion,
}

impl Refusal {
    fn matches(self, e: &FileError) -> bool {
        matches!(
            (self, e),
            (Refusal::NotJson, FileError::NotJson(_))
                | (Refusal::Truncated, FileError::Truncated { .. })
                | (Refusal::TooDeep, FileError::TooDeep)
                | (Refusal::NotGloss, FileError::NotGloss(_))
                | (
                    Refusal::UnsupportedVersion,
                    FileError::UnsupportedVersion(_)
                )
        )
    }
}

/// The one problem a defect must cause: which article (0-based, in file order), which of its
/// annotations (0-based), and words one of which its reason says (none: any reason).
#[derive(Clone, Debug)]
struct Reported {
    document: usize,
    annotation: Option<usize>,
    reason: &'static [&'static str],
}

#[derive(Clone, Debug)]
enum Expect {
    Refused(Refusal),
    Imported {
        documents: Vec<Document>,
        reported: Option<Reported>,
    },
}

/// The file with one defect, and what importing it must do, from the file without the defect
/// (`base`: what that file imports as, one document per article, in file order).
fn damage(model: &FileModel, base: &[Document], defect: &Defect) -> (String, Expect) {
    use Defect::*;
    let mut v = model.value();
    let imported = |documents: Vec<Document>| Expect::Imported {
        documents,
        reported: None,
    };
    let reported = |documents: Vec<Document>, r: Reported| Expect::Imported {
        documents,
        reported: Some(r),
    };
    let without_doc = |k: usize| {
        let mut d = base.to_vec();
        d.remove(k);
        d
    };
    let with_doc = |k: usize, edit: &dyn Fn(&mut Document)| {
        let mut d = base.to_vec();
        edit(&mut d[k]);
        d
    };
    let with_ann = |(k, j): (usize, usize), edit: &dyn Fn(&mut gloss_core::model::Annotation)| {
        let id = model.ann_id((k, j));
        with_doc(k, &|d| {
            edit(
                d.annotations
                    .iter_mut()
                    .find(|a| a.id == id)
                    .expect("in base"),
            )
        })
    };
    let without_ann = |(k, j): (usize, usize)| {
        let id = model.ann_id((k, j));
        with_doc(k, &|d| d.annotations.retain(|a| a.id != id))
    };
    let skip_doc = |k: usize, reason| reported(without_doc(k), doc_problem(k, reason));
    let skip_ann = |(k, j): (usize, usize), reason| {
        reported(
            without_ann((k, j)),
            Reported {
                document: k,
                annotation: Some(j),
                reason,
            },
        )
    };
    let expect = match defect {
        Truncated(at) => {
            let json = v.to_string();
            let mut cut = at.index(json.len());
            while !json.is_char_boundary(cut) {
                cut -= 1;
            }
            return (json[..cut].to_owned(), Expect::Refused(Refusal::Truncated));
        }
        EnvelopeField(field, c) => {
            set(v.as_object_mut().unwrap(), field, c);
            match (*field, c) {
                ("exported_at", _) => imported(base.to_vec()),
                ("version", Change::Null | Change::WrongType(_)) => {
                    Expect::Refused(Refusal::UnsupportedVersion)
                }
                _ => Expect::Refused(Refusal::NotGloss),
            }
        }
        OtherFormat(f) => {
            v["format"] = json!(f);
            Expect::Refused(Refusal::NotGloss)
        }
        WrongVersion(n) => {
            v["version"] = n.clone();
            Expect::Refused(Refusal::UnsupportedVersion)
        }
        LoneSurrogate(place, high) => {
            let marker = "@@LONE@@";
            match place {
                StringPlace::ExportedAt => v["exported_at"] = json!(marker),
                StringPlace::Title(d) => v["documents"][model.doc(*d)]["title"] = json!(marker),
                StringPlace::Text(d) => {
                    let k = model.doc(*d);
                    let text = format!("{}{marker}", model.documents[k].text);
                    v["documents"][k]["text"] = json!(text);
                }
                StringPlace::Note(a) => {
                    let (k, j) = model.ann(*a);
                    v["documents"][k]["annotations"][j]["note"] = json!(format!("a{marker}b"));
                }
                StringPlace::ExtraKey(level) => {
                    object_at(&mut v, model, level).insert(format!("x_{marker}"), json!(1));
                }
            }
            let escape = if *high { "\\ud83d" } else { "\\udc00" };
            let json = v.to_string().replace(marker, escape);
            return (json, Expect::Refused(Refusal::NotJson));
        }
        OutOfRangeNumber(place) => {
            let marker = json!("@@RAW@@");
            match place {
                NumberPlace::Version => v["version"] = marker,
                NumberPlace::Extra(level) => {
                    object_at(&mut v, model, level).insert("x_big".into(), marker);
                }
                NumberPlace::Offset(a, start) => {
                    let (k, j) = model.ann(*a);
                    v["documents"][k]["annotations"][j][if *start { "start" } else { "end" }] =
                        marker;
                }
            }
            let json = v.to_string().replace("\"@@RAW@@\"", "1e400");
            return (json, Expect::Refused(Refusal::NotJson));
        }
        Nested(level, depth) => {
            let mut nested = json!([]);
            for _ in 1..*depth {
                nested = json!([nested]);
            }
            let base_depth = match level {
                Level::Envelope => 1,
                Level::Document(_) => 3,
                Level::Annotation(_) => 5,
            };
            if base_depth + depth > MAX_DEPTH {
                object_at(&mut v, model, level).insert("x_deep".into(), nested);
                Expect::Refused(Refusal::TooDeep)
            } else {
                return extra(&mut v, model, base, level, "x_deep", nested);
            }
        }
        Extra(level, key, value) => return extra(&mut v, model, base, level, key, value.clone()),
        DocumentField(d, field, c) => {
            let k = model.doc(*d);
            set(v["documents"][k].as_object_mut().unwrap(), field, c);
            let wrong = matches!(c, Change::WrongType(_));
            match *field {
                "id" => skip_doc(k, &["UUID"]),
                "text" => skip_doc(k, &["text is missing"]),
                "text_sha256" if wrong => skip_doc(k, &["text_sha256"]),
                "text_sha256" => imported(base.to_vec()),
                "title" => imported(with_doc(k, &|doc| {
                    doc.title = first_words(&model.documents[k].text, 8, 60);
                })),
                "date" if wrong => reported(
                    with_doc(k, &|doc| doc.date = None),
                    doc_problem(k, &["date is not text"]),
                ),
                "date" => imported(with_doc(k, &|doc| doc.date = None)),
                "annotations" if wrong => reported(
                    with_doc(k, &|doc| doc.annotations.clear()),
                    doc_problem(k, &["not a list"]),
                ),
                "annotations" => imported(with_doc(k, &|doc| doc.annotations.clear())),
                other => unreachable!("{other}"),
            }
        }
        DocumentNotObject(d, replacement) => {
            let k = model.doc(*d);
            v["documents"][k] = replacement.clone();
            skip_doc(k, &["not a JSON object"])
        }
        DocumentBadUuid(d, bad) => {
            let k = model.doc(*d);
            v["documents"][k]["id"] = json!(bad);
            skip_doc(k, &["UUID"])
        }
        DocumentIdTwice(a, b) => {
            let n = model.documents.len();
            if n == 1 {
                // The same article twice.
                let copy = v["documents"][0].clone();
                v["documents"].as_array_mut().unwrap().push(copy);
                reported(base.to_vec(), doc_problem(1, &["appears twice"]))
            } else {
                let (first, second) = two(a.index(n), b.index(n), n);
                v["documents"][second]["id"] = v["documents"][first]["id"].clone();
                skip_doc(second, &["appears twice"])
            }
        }
        BadDate(d, date) => {
            let k = model.doc(*d);
            v["documents"][k]["date"] = json!(date);
            reported(
                with_doc(k, &|doc| doc.date = None),
                doc_problem(k, &["not a calendar date"]),
            )
        }
        HashMismatch(d) => {
            let k = model.doc(*d);
            v["documents"][k]["text_sha256"] =
                json!(sha256_hex(&format!("{} ", model.documents[k].text)));
            skip_doc(k, &["text_sha256"])
        }
        HashUpperCase(d) => {
            let k = model.doc(*d);
            v["documents"][k]["text_sha256"] =
                json!(sha256_hex(&model.documents[k].text).to_uppercase());
            imported(base.to_vec())
        }
        CarriageReturn(d, at) => {
            let k = model.doc(*d);
            let mut chars: Vec<char> = model.documents[k].text.chars().collect();
            chars.insert(at.index(chars.len() + 1), '\r');
            retext(&mut v, k, chars.into_iter().collect());
            skip_doc(k, &["carriage returns"])
        }
        ByteOrderMark(d) => {
            let k = model.doc(*d);
            retext(&mut v, k, format!("\u{FEFF}{}", model.documents[k].text));
            skip_doc(k, &["byte-order mark"])
        }
        BlankText(d, blank) => {
            let k = model.doc(*d);
            retext(&mut v, k, (*blank).to_owned());
            skip_doc(k, &["text is empty"])
        }
        AnnotationField(a, field, c) => {
            let (k, j) = model.ann(*a);
            set(ann_object(&mut v, (k, j)), field, c);
            let wrong = matches!(c, Change::WrongType(_));
            match *field {
                "id" => skip_ann((k, j), &["UUID"]),
                "label" => skip_ann((k, j), &["label is missing"]),
                "start" | "end" => skip_ann((k, j), &["whole number"]),
                "text" if wrong => skip_ann((k, j), &["not a string"]),
                "text" | "prefix" | "suffix" => imported(base.to_vec()),
                "note" => imported(with_ann((k, j), &|a| a.note.clear())),
                "created_at" => imported(with_ann((k, j), &|a| a.created_at = AT)),
                "updated_at" => imported(with_ann((k, j), &|a| a.updated_at = AT)),
                other => unreachable!("{other}"),
            }
        }
        AnnotationNotObject(a, replacement) => {
            let (k, j) = model.ann(*a);
            v["documents"][k]["annotations"][j] = replacement.clone();
            skip_ann((k, j), &["not a JSON object"])
        }
        AnnotationBadUuid(a, bad) => {
            let (k, j) = model.ann(*a);
            ann_object(&mut v, (k, j)).insert("id".into(), json!(bad));
            skip_ann((k, j), &["UUID"])
        }
        AnnotationIdTwice(a, b) => {
            let positions = model.positions();
            let n = positions.len();
            let (first, second) = two(a.index(n), b.index(n), n);
            let id = json!(model.ann_id(positions[first]).to_string());
            ann_object(&mut v, positions[second]).insert("id".into(), id);
            skip_ann(positions[second], &["used twice"])
        }
        UnknownLabel(a, label) => {
            let (k, j) = model.ann(*a);
            ann_object(&mut v, (k, j)).insert("label".into(), json!(label));
            skip_ann((k, j), &["unknown label"])
        }
        OutsideTheText(a, past) => {
            let (k, j) = model.ann(*a);
            let end = len_cp(&model.documents[k].text) + past;
            ann_object(&mut v, (k, j)).insert("end".into(), json!(end));
            skip_ann((k, j), &["outside the text"])
        }
        Reversed(a) => {
            let (k, j) = model.ann(*a);
            let m = &model.documents[k].annotations[j];
            let o = ann_object(&mut v, (k, j));
            o.insert("start".into(), json!(m.end));
            o.insert("end".into(), json!(m.start));
            skip_ann((k, j), &["before start"])
        }
        EmptySpan(a) => {
            let (k, j) = model.ann(*a);
            let m = &model.documents[k].annotations[j];
            let o = ann_object(&mut v, (k, j));
            o.insert("end".into(), json!(m.start));
            o.insert("text".into(), json!(""));
            skip_ann((k, j), &["empty"])
        }
        Negative(a, start, n) => {
            let (k, j) = model.ann(*a);
            let field = if *start { "start" } else { "end" };
            ann_object(&mut v, (k, j)).insert(field.into(), json!(-i64::from(*n)));
            skip_ann((k, j), &["whole number"])
        }
        HugeOffset(a, both) => {
            let (k, j) = model.ann(*a);
            let o = ann_object(&mut v, (k, j));
            o.insert("end".into(), json!(1_000_000_000_000_005u64));
            if *both {
                o.insert("start".into(), json!(1_000_000_000_000_000u64));
            }
            skip_ann((k, j), &["outside the text"])
        }
        BeyondU64(a, start) => {
            let (k, j) = model.ann(*a);
            let field = if *start { "start" } else { "end" };
            ann_object(&mut v, (k, j)).insert(field.into(), json!("@@RAW@@"));
            let json = v.to_string().replace("\"@@RAW@@\"", "18446744073709551616");
            let expect = skip_ann((k, j), &["whole number", "outside the text"]);
            return (json, expect);
        }
        QuoteMismatch(a, more) => {
            let (k, j) = model.ann(*a);
            let m = &model.documents[k].annotations[j];
            let actual = slice(&model.documents[k].text, m.start, m.end);
            // Only the case changed, or something more.
            let quote = match *more {
                "" if actual.to_uppercase() != actual => actual.to_uppercase(),
                "" => format!("{actual}!"),
                more => format!("{actual}{more}"),
            };
            ann_object(&mut v, (k, j)).insert("text".into(), json!(quote));
            skip_ann((k, j), &["does not match the offsets"])
        }
        OffGrapheme(a, at, off_end) => {
            let (k, j) = model.ann(*a);
            let text = &model.documents[k].text;
            let (start, end) = off_grapheme(text, at, *off_end);
            let (prefix, suffix) = context(text, start, end);
            let o = ann_object(&mut v, (k, j));
            o.insert("start".into(), json!(start));
            o.insert("end".into(), json!(end));
            o.insert("text".into(), json!(slice(text, start, end)));
            o.insert("prefix".into(), json!(prefix));
            o.insert("suffix".into(), json!(suffix));
            skip_ann((k, j), &[])
        }
        BadTime(a, field, time) => {
            let (k, j) = model.ann(*a);
            ann_object(&mut v, (k, j)).insert((*field).into(), json!(time));
            // Kept, with the import's time: an undated annotation never replaces a dated one.
            imported(with_ann((k, j), &|a| match *field {
                "created_at" => a.created_at = AT,
                _ => a.updated_at = AT,
            }))
        }
    };
    (v.to_string(), expect)
}

fn doc_problem(k: usize, reason: &'static [&'static str]) -> Reported {
    Reported {
        document: k,
        annotation: None,
        reason,
    }
}

/// Two different positions below `n`, in order.
fn two(a: usize, b: usize, n: usize) -> (usize, usize) {
    let b = if a == b { (a + 1) % n } else { b };
    (a.min(b), a.max(b))
}

fn set(o: &mut Map<String, Value>, field: &str, change: &Change) {
    match change {
        Change::Remove => {
            o.remove(field);
        }
        Change::Null => {
            o.insert(field.into(), Value::Null);
        }
        Change::WrongType(which) => {
            o.insert(field.into(), wrong_value(field, which));
        }
    }
}

fn ann_object(v: &mut Value, (k, j): (usize, usize)) -> &mut Map<String, Value> {
    v["documents"][k]["annotations"][j]
        .as_object_mut()
        .expect("an object")
}

fn object_at<'a>(v: &'a mut Value, model: &FileModel, level: &Level) -> &'a mut Map<String, Value> {
    match level {
        Level::Envelope => v.as_object_mut().expect("an object"),
        Level::Document(d) => v["documents"][model.doc(*d)]
            .as_object_mut()
            .expect("an object"),
        Level::Annotation(a) => ann_object(v, model.ann(*a)),
    }
}

/// Gives article `k` another text, with its hash, so the text is the only defect.
fn retext(v: &mut Value, k: usize, text: String) {
    v["documents"][k]["text_sha256"] = json!(sha256_hex(&text));
    v["documents"][k]["text"] = json!(text);
}

/// An unknown member: valid, kept on the article or annotation (the envelope's are not kept).
fn extra(
    v: &mut Value,
    model: &FileModel,
    base: &[Document],
    level: &Level,
    key: &str,
    value: Value,
) -> (String, Expect) {
    object_at(v, model, level).insert(key.into(), value.clone());
    let mut documents = base.to_vec();
    match level {
        Level::Envelope => {}
        Level::Document(d) => {
            documents[model.doc(*d)].extra.insert(key.into(), value);
        }
        Level::Annotation(a) => {
            let (k, j) = model.ann(*a);
            let id = model.ann_id((k, j));
            let ann = documents[k]
                .annotations
                .iter_mut()
                .find(|a| a.id == id)
                .expect("in base");
            ann.extra.insert(key.into(), value);
        }
    }
    (
        v.to_string(),
        Expect::Imported {
            documents,
            reported: None,
        },
    )
}

/// A span with one end inside a grapheme of `text` (which has one of several code points).
fn off_grapheme(text: &str, at: &Index, off_end: bool) -> (usize, usize) {
    let bounds = boundaries(text);
    let inside: Vec<usize> = (1..len_cp(text))
        .filter(|&p| !is_boundary(&bounds, p))
        .collect();
    let p = inside[at.index(inside.len())];
    if off_end {
        let before = bounds.iter().rev().find(|&&b| b < p).copied().unwrap_or(0);
        (before, p)
    } else {
        let after = bounds.iter().find(|&&b| b > p).copied().unwrap_or(p + 1);
        (p, after)
    }
}

// ---------------------------------------------------------------------------------------
// Checking the outcome.

fn check(json: &str, expect: &Expect) -> Result<(), TestCaseError> {
    let outcome = import(json, &BTreeMap::new(), AT);
    let (documents, reported) = match expect {
        Expect::Refused(refusal) => {
            return match outcome {
                Err(e) if refusal.matches(&e) => Ok(()),
                other => Err(TestCaseError::fail(format!(
                    "want {refusal:?}, got {other:?}"
                ))),
            }
        }
        Expect::Imported {
            documents,
            reported,
        } => (documents, reported),
    };
    let imported = outcome.map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
    match reported {
        None => prop_assert!(imported.problems.is_empty(), "{:?}", imported.problems),
        Some(r) => {
            prop_assert_eq!(
                imported.problems.len(),
                1,
                "exactly one problem: {:?}",
                imported.problems
            );
            let p = &imported.problems[0];
            let article = format!("Article {}", r.document + 1);
            prop_assert!(
                p.document == article || p.document.starts_with(&format!("{article} (")),
                "{} names {}",
                p,
                article
            );
            match r.annotation {
                None => prop_assert_eq!(&p.annotation, &None),
                Some(j) => {
                    let position = (j + 1).to_string();
                    prop_assert!(
                        p.annotation.as_deref().is_some_and(|s| {
                            s == position || s.starts_with(&format!("{position} ("))
                        }),
                        "{} names annotation {}",
                        p,
                        position
                    );
                }
            }
            prop_assert!(
                r.reason.is_empty() || r.reason.iter().any(|w| p.reason.contains(w)),
                "{} says one of {:?}",
                p,
                r.reason
            );
        }
    }
    prop_assert!(imported.orphans.is_empty());
    prop_assert_eq!(
        &imported.documents,
        documents,
        "everything else imported as it was"
    );
    let annotations: usize = documents.iter().map(|d| d.annotations.len()).sum();
    prop_assert_eq!(imported.annotations_added, annotations);
    round_trip(&imported)
}

/// What was imported exports and imports again as it is, unknown fields included.
fn round_trip(imported: &Imported) -> Result<(), TestCaseError> {
    let docs: Vec<&Document> = imported.documents.iter().collect();
    let again = import(&export(&docs, AT).unwrap(), &BTreeMap::new(), AT).unwrap();
    prop_assert!(again.problems.is_empty(), "{:?}", again.problems);
    prop_assert_eq!(&again.documents, &imported.documents);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::cases(512)))]

    #[test]
    fn one_defect_has_exactly_its_outcome(model in file_model(), defect in defect()) {
        let valid = model.value();
        prop_assert!(validator().is_valid(&valid), "{:?}", validator().iter_errors(&valid).map(|e| e.to_string()).collect::<Vec<_>>());
        let base = import(&valid.to_string(), &BTreeMap::new(), AT).expect("a valid file");
        prop_assert!(base.problems.is_empty(), "a valid file: {:?}", base.problems);
        prop_assert_eq!(base.documents.len(), model.documents.len());
        for (doc, m) in base.documents.iter().zip(&model.documents) {
            prop_assert_eq!(doc.annotations.len(), m.annotations.len());
        }
        let (json, expect) = damage(&model, &base.documents, &defect);
        check(&json, &expect)?;
    }
}

/// An annotation one of whose ends lies inside a grapheme (half a flag, a letter without its
/// accent) is imported as it is, though Gloss never makes one (selections snap to graphemes)
/// and re-anchoring never places one: it should be reported like other offsets that cannot
/// be, or moved out to whole graphemes.
#[test]
fn offsets_inside_a_grapheme_are_not_imported_as_they_are() {
    let text = "Flag 🇺🇦 here, Cafe\u{301} too";
    let bounds = boundaries(text);
    for (start, end) in [(5, 6), (6, 7), (14, 18)] {
        let file = json!({"format": "gloss", "version": 1, "documents": [{
            "id": Uuid::from_u128(1).to_string(), "title": "T", "text": text,
            "annotations": [{"id": Uuid::from_u128(2).to_string(), "label": "claim", "start": start, "end": end}],
        }]})
        .to_string();
        let imported = import(&file, &BTreeMap::new(), AT).unwrap();
        for a in &imported.documents[0].annotations {
            assert!(
                is_boundary(&bounds, a.span.start) && is_boundary(&bounds, a.span.end),
                "{start}–{end} imported as {:?}",
                a.span
            );
        }
        if imported.documents[0].annotations.is_empty() {
            assert_eq!(imported.problems.len(), 1, "{start}–{end} reported");
        }
    }
}
