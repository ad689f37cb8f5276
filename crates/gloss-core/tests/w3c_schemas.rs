//! W3C Web Annotation exports checked against every MUST of the W3C Web Annotation test suite
//! (`w3c/web-annotation-tests`: the schemas listed by `annotationMusts.test`,
//! `collectionMusts.test` and `pageMusts.test`), read from the shared folder
//! (`../shared/w3c` beside the workspace, or `$GLOSS_SHARED`). Without the folder, these tests
//! say so in one line and pass; `tests/w3c.rs` checks the most important MUSTs without it.
#![cfg(not(target_arch = "wasm32"))]

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gloss_core::formats::w3c::ANNO_CONTEXT;
use gloss_core::model::{Document, Entity, EntityId, Evidence, Label, Timestamp, Verdict};
use jsonschema::{Retrieve, Uri, Validator};
use serde_json::{json, Value};
use w3c_fixtures::{annotation, document, rich, span_of};

mod common;
mod w3c_fixtures;

/// The test suite's folder, if it is there.
fn suite_dir() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("GLOSS_SHARED") {
        Some(shared) => {
            let shared = PathBuf::from(shared);
            vec![shared.join("w3c"), shared]
        }
        None => vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/w3c")],
    };
    candidates
        .into_iter()
        .find(|dir| dir.join("annotations/annotationMusts.test").is_file())
}

/// Resolves the suite's `$ref`s (`annotations.json#/…`, `id.json#/…`) to its `definitions/`
/// folder: the schemas name each other by file name alone, and nothing is fetched.
struct Definitions(PathBuf);

impl Retrieve for Definitions {
    fn retrieve(&self, uri: &Uri<String>) -> Result<Value, Box<dyn Error + Send + Sync>> {
        let path = uri.path().as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        let file = self.0.join("definitions").join(name);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("{}: {e} (asked for {uri})", file.display()))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// The MUST schemas of one `.test` file, each with its name.
struct Musts(Vec<(String, Validator)>);

struct Suite {
    annotation: Musts,
    page: Musts,
    collection: Musts,
}

fn load(dir: &Path, test: &str) -> Musts {
    let list: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(test)).expect("the .test file is readable"),
    )
    .expect("the .test file is JSON");
    let assertions = list["assertions"].as_array().expect("a list of assertions");
    assert!(!assertions.is_empty(), "{test} lists no assertions");
    Musts(
        assertions
            .iter()
            .map(|a| {
                let path = a.as_str().expect("an assertion path");
                let schema: Value = serde_json::from_str(
                    &std::fs::read_to_string(dir.join(path)).expect("the schema is readable"),
                )
                .expect("the schema is JSON");
                assert_eq!(schema["assertionType"], "must", "{path}");
                assert_eq!(schema["expectedResult"], "valid", "{path}");
                let validator = jsonschema::options()
                    .with_retriever(Definitions(dir.to_owned()))
                    // `format: uri` and `date-time` are part of what the MUSTs say.
                    .should_validate_formats(true)
                    .build(&schema)
                    .unwrap_or_else(|e| panic!("{path} compiles: {e}"));
                (path.to_owned(), validator)
            })
            .collect(),
    )
}

/// The suite, or `None` (said once) when its folder is not there.
fn suite() -> Option<&'static Suite> {
    static SUITE: OnceLock<Option<Suite>> = OnceLock::new();
    SUITE
        .get_or_init(|| {
            let Some(dir) = suite_dir() else {
                println!("W3C Web Annotation test suite not found (../shared/w3c or $GLOSS_SHARED): schema checks skipped");
                return None;
            };
            Some(Suite {
                annotation: load(&dir, "annotations/annotationMusts.test"),
                page: load(&dir, "collections/pages/pageMusts.test"),
                collection: load(&dir, "collections/collectionMusts.test"),
            })
        })
        .as_ref()
}

impl Musts {
    /// The MUSTs `value` fails, each with its first error.
    fn failures(&self, value: &Value) -> Vec<String> {
        self.0
            .iter()
            .filter_map(|(name, v)| {
                v.validate(value)
                    .err()
                    .map(|e| format!("{name}: {e} at {}", e.instance_path()))
            })
            .collect()
    }

    fn assert_passes(&self, value: &Value, what: &str) {
        let failures = self.failures(value);
        assert!(
            failures.is_empty(),
            "{what} fails MUSTs:\n{}\n{}",
            failures.join("\n"),
            serde_json::to_string_pretty(value).unwrap_or_default()
        );
    }
}

// ---- what is exported --------------------------------------------------------------------

fn cases() -> Vec<(&'static str, Vec<Document>)> {
    let other = "Second article: the bridge opened.";
    let third = "😀😀 Third 🇺🇦 one, naïve.";
    vec![
        ("an article with all three labels", vec![rich()]),
        (
            "an article whose quote has a source and actor an entity",
            vec![linked()],
        ),
        (
            "an article whose claims carry a verdict, sources and a source's note",
            vec![checked()],
        ),
        (
            "an article without annotations",
            vec![document(2, "Empty", "Nothing marked here.", vec![])],
        ),
        (
            "a library of several",
            vec![
                rich(),
                document(
                    3,
                    "",
                    other,
                    vec![annotation(
                        30,
                        Label::Claim,
                        span_of(other, "the bridge opened"),
                        "",
                    )],
                ),
                document(
                    4,
                    "Third",
                    third,
                    vec![annotation(
                        40,
                        Label::Actor,
                        span_of(third, "Third 🇺🇦"),
                        "n",
                    )],
                ),
                document(5, "No annotations", "Plain text.", vec![]),
            ],
        ),
        ("nothing at all", vec![]),
        (
            "an article in several people's layers and the curated one",
            vec![layered()],
        ),
    ]
}

/// The rich article in layers: Ana's, Ben's (the same words as Ana's), Cleo's curated ones,
/// and one nobody signed.
fn layered() -> Document {
    let mut doc = linked();
    let first = doc.annotations[0].clone();
    let mut ben = first.clone();
    ben.id = gloss_core::model::AnnotationId(uuid::Uuid::from_u128(0xBE));
    doc.annotations.push(ben);
    let people = [
        (Some("Ana Ruiz"), false),
        (Some("Cleo"), true),
        (None, false),
        (Some("Zoë, 50% | B"), false),
        (None, true),
        (Some("Ben"), false),
    ];
    for (a, (who, curated)) in doc.annotations.iter_mut().zip(people.iter().cycle()) {
        a.created_by = who.map(str::to_owned);
        a.curated = *curated;
    }
    doc
}

/// The rich article with its quote said by its actor, who stands for an entity.
fn linked() -> Document {
    let mut doc = rich();
    let actor = doc
        .annotations
        .iter()
        .find(|a| a.label == Label::Actor)
        .map(|a| a.id);
    let entity = EntityId(uuid::Uuid::from_u128(0xE));
    for a in &mut doc.annotations {
        match a.label {
            Label::Actor => a.entity = Some(entity),
            Label::Quote => a.source = actor,
            Label::Claim => {}
        }
    }
    doc.entities = vec![Entity {
        id: entity,
        name: "Olena Kovalenko".into(),
    }];
    doc
}

/// The linked article with each claim checked: one rated with two sources (one with a title
/// and note), one rated Unverifiable without any.
fn checked() -> Document {
    let mut doc = linked();
    let mut claims = doc
        .annotations
        .iter_mut()
        .filter(|a| a.label == Label::Claim);
    if let Some(a) = claims.next() {
        a.verdict = Some(Verdict::Misleading);
        a.evidence = vec![
            Evidence {
                url: "https://stats.example/exports?month=3#table-2".into(),
                title: "Exports, March".into(),
                note: "+3.1%, not 5%".into(),
            },
            Evidence {
                url: "http://archive.example/".into(),
                title: String::new(),
                note: String::new(),
            },
        ];
    }
    if let Some(a) = claims.next() {
        a.verdict = Some(Verdict::Unverifiable);
    }
    doc
}

fn exported(docs: &[Document]) -> Value {
    let refs: Vec<&Document> = docs.iter().collect();
    w3c_fixtures::exported(&refs)
}

#[test]
fn every_export_passes_every_must() {
    let Some(suite) = suite() else { return };
    for (name, docs) in cases() {
        let file = exported(&docs);
        suite
            .collection
            .assert_passes(&file, &format!("{name}: the collection"));
        // The suite's page MUSTs take a collection with its page embedded…
        suite
            .page
            .assert_passes(&file, &format!("{name}: the collection's page"));
        // …and the page alone, as it would be served on its own (with the context).
        let mut page = file["first"].clone();
        page["@context"] = json!(ANNO_CONTEXT);
        suite
            .page
            .assert_passes(&page, &format!("{name}: the page alone"));
        let items = file["first"]["items"].as_array().expect("items");
        let expected: usize = docs.iter().map(|d| d.annotations.len()).sum();
        assert_eq!(items.len(), expected, "{name}");
        for (i, item) in items.iter().enumerate() {
            suite
                .annotation
                .assert_passes(item, &format!("{name}: annotation {}", i + 1));
        }
    }
}

/// Who made an annotation is what the suite's own tests of a creator look for: a creator
/// (§3.3.1), an agent with one name (§3.3.2) and a type the model recommends.
#[test]
fn the_creator_is_the_agent_the_suite_looks_for() {
    let Some(dir) = suite_dir() else {
        let _ = suite();
        return;
    };
    let file = exported(&[layered()]);
    let items = file["first"]["items"].as_array().expect("items");
    let with_creator: Vec<&Value> = items
        .iter()
        .filter(|i| i.get("creator").is_some())
        .collect();
    assert!(with_creator.len() >= 3);
    for test in [
        "annotations/3.3.1-annotationCreatorImplemented.json",
        "annotations/3.3.2-annotationCreatorAgentNameImplemented.json",
        "annotations/3.3.2-annotationCreatorAgentSingleNameImplemented.json",
        "annotations/3.3.2-annotationCreatorAgentTypeImplemented.json",
    ] {
        let validator = compiled(&dir, test);
        for item in &with_creator {
            let errors: Vec<String> = validator.iter_errors(item).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{test}: {errors:?}\n{item}");
        }
        // An annotation without a creator does not pass them: they do look.
        let without = items
            .iter()
            .find(|i| i.get("creator").is_none())
            .expect("one unsigned");
        assert!(!validator.is_valid(without), "{test}");
    }
}

/// One schema of the suite, whatever its assertion type.
fn compiled(dir: &Path, path: &str) -> Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(path)).expect("the schema is readable"),
    )
    .expect("the schema is JSON");
    jsonschema::options()
        .with_retriever(Definitions(dir.to_owned()))
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{path} compiles: {e}"))
}

/// A suite that let anything through would prove nothing: broken files must fail.
#[test]
fn the_schemas_bite() {
    let Some(suite) = suite() else { return };
    let file = exported(&[rich()]);
    let good = file["first"]["items"][0].clone();
    suite
        .annotation
        .assert_passes(&good, "the unbroken annotation");
    type Break = Box<dyn Fn(&mut Value)>;
    let remove = |a: &mut Value, key: &str| {
        if let Some(o) = a.as_object_mut() {
            o.remove(key);
        }
    };
    // Each break, and the MUST that must catch it.
    let broken: Vec<(&str, Break, &str)> = vec![
        (
            "no target",
            Box::new(move |a| remove(a, "target")),
            "3.1-targetKeyFound",
        ),
        (
            "a wrong @context",
            Box::new(|a| a["@context"] = json!("http://www.w3.org/ns/oa.jsonld")),
            "3.1-annotationContextValidated",
        ),
        (
            "no @context",
            Box::new(move |a| remove(a, "@context")),
            "3.1-annotationContextValidated",
        ),
        (
            "a wrong type",
            Box::new(|a| a["type"] = json!("Note")),
            "3.1-annotationTypeValidated",
        ),
        (
            "an id that is no IRI",
            Box::new(|a| a["id"] = json!("not an iri")),
            "3.1-annotationIdValidated",
        ),
        (
            "a time that is not RFC 3339",
            Box::new(|a| a["created"] = json!("yesterday")),
            "3.3.1-annotationCreatedValidated",
        ),
        (
            "a negative position",
            Box::new(|a| a["target"]["selector"][1]["start"] = json!(-1)),
            "4.2-selectorValidIfPresent",
        ),
        (
            "a quote selector without exact",
            Box::new(move |a| remove(&mut a["target"]["selector"][0], "exact")),
            "4.2-selectorValidIfPresent",
        ),
        (
            "body and bodyValue",
            Box::new(|a| a["bodyValue"] = json!("both")),
            "3.2.5-notBodyBodyValue",
        ),
    ];
    for (name, breaks, must) in broken {
        let mut a = good.clone();
        breaks(&mut a);
        let failures = suite.annotation.failures(&a);
        assert!(
            failures.iter().any(|f| f.contains(must)),
            "an annotation with {name} passes {must}: {failures:?}"
        );
    }
    let mut bad_collection = file.clone();
    bad_collection["type"] = json!("Collection");
    assert!(!suite.collection.failures(&bad_collection).is_empty());
    let mut bad_total = file.clone();
    bad_total["total"] = json!(-3);
    assert!(!suite.collection.failures(&bad_total).is_empty());
    let mut no_items = file.clone();
    no_items["first"].as_object_mut().map(|o| o.remove("items"));
    assert!(!suite.page.failures(&no_items).is_empty());
    let mut bad_part_of = file;
    bad_part_of["first"]["partOf"] = json!(["a", "b"]);
    assert!(!suite.page.failures(&bad_part_of).is_empty());
}

/// The suite's own sample files never make the import panic, and the correct ones that are
/// annotations of text come back as annotations or as reasons.
#[test]
fn the_suites_samples_import_without_panic() {
    let Some(dir) = suite_dir() else {
        let _ = suite();
        return;
    };
    for folder in ["samples/correct", "samples/incorrect"] {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let bytes = std::fs::read(entry.path()).expect("readable");
            let _ = gloss_core::formats::import(&bytes, Timestamp(0));
            let _ = gloss_core::formats::w3c::import(&bytes, Timestamp(0));
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32)
    ))]

    /// Any article Gloss can hold, with any annotations, notes and checks, exports to a file
    /// that passes every MUST.
    #[test]
    fn any_export_passes_every_must(
        text in common::article_text(),
        marks in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 1usize..12, 0usize..3, "[a-z😀\n\"<>]{0,6}"), 0..6),
        checks in proptest::collection::vec(common::random_check(), 6),
    ) {
        let Some(suite) = suite() else { return Ok(()) };
        let bounds = common::boundaries(&text);
        let annotations = marks
            .into_iter()
            .enumerate()
            .map(|(i, (at, width, label, note))| {
                let len = common::len_cp(&text);
                let s = at.index(len);
                // Whole characters only, as Gloss holds them.
                let (start, end) = common::snap_out(&bounds, s, (s + width).min(len));
                let span = gloss_core::model::Span { start, end };
                annotation(i as u128, Label::ALL[label], span, &note)
            })
            .filter(|a| !a.span.is_empty())
            .collect();
        let mut doc = document(1, "t", &text, annotations);
        common::add_random_checks(&mut doc, &checks);
        let file = exported(&[doc]);
        proptest::prop_assert!(suite.collection.failures(&file).is_empty());
        proptest::prop_assert!(suite.page.failures(&file).is_empty());
        for item in file["first"]["items"].as_array().into_iter().flatten() {
            let failures = suite.annotation.failures(item);
            proptest::prop_assert!(failures.is_empty(), "{:?}", failures);
        }
    }
}
