//! Holds a ClaimReview export against an independent reference: the schema.org terms as
//! published (`tests/fixtures/schemaorg/terms.jsonld`) and Google's required fields
//! (`tests/fixtures/schemaorg/google-claimreview.json`). Every node of the file is walked:
//! its `@type` must be a schema.org type; each property must be defined and have the node's
//! type (or a supertype) in its domain; each value must fit its range (a nested node by its
//! type, a literal by the data type's lexical form); Google's required properties must be
//! there (except `url`, the publisher's); a rating's value must lie within its own range.

use std::collections::{BTreeMap, BTreeSet};

use gloss_core::model::verdict::check_url;
use gloss_core::model::ArticleDate;
use serde_json::Value;

const TERMS: &str = include_str!("../../../../tests/fixtures/schemaorg/terms.jsonld");
const GOOGLE: &str = include_str!("../../../../tests/fixtures/schemaorg/google-claimreview.json");

/// Left to the publisher: the fact check's own page, which only they know.
pub const PUBLISHERS: &[&str] = &["url"];

/// The schema.org terms, by label.
pub struct Vocabulary {
    /// Each class and its direct superclasses.
    classes: BTreeMap<String, Vec<String>>,
    /// The data types (`Text`, `URL`, …): literals, not nodes.
    data_types: BTreeSet<String>,
    /// Each property: the types it is defined on, and the types of its values.
    properties: BTreeMap<String, (Vec<String>, Vec<String>)>,
    /// Google's required and recommended properties per type.
    required: BTreeMap<String, Vec<String>>,
    recommended: BTreeMap<String, Vec<String>>,
}

/// What is wrong with a file, one sentence each (with where: `[0].itemReviewed.author`).
pub type Problems = Vec<String>;

fn labels(value: Option<&Value>) -> Vec<String> {
    let items = match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|item| item.get("@id").and_then(Value::as_str))
        .map(|id| id.trim_start_matches("schema:").to_owned())
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

impl Vocabulary {
    pub fn load() -> Vocabulary {
        let terms: Value = serde_json::from_str(TERMS).expect("terms.jsonld is JSON");
        let mut vocabulary = Vocabulary {
            classes: BTreeMap::new(),
            data_types: BTreeSet::new(),
            properties: BTreeMap::new(),
            required: BTreeMap::new(),
            recommended: BTreeMap::new(),
        };
        for node in terms["@graph"].as_array().expect("a @graph") {
            let label = node["rdfs:label"].as_str().expect("a label").to_owned();
            let types = match &node["@type"] {
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                one => vec![one.as_str().expect("a type")],
            };
            if types.contains(&"rdf:Property") {
                let domain = labels(node.get("schema:domainIncludes"));
                let range = labels(node.get("schema:rangeIncludes"));
                vocabulary.properties.insert(label, (domain, range));
            } else {
                let supers = labels(node.get("rdfs:subClassOf"));
                vocabulary.classes.insert(label.clone(), supers);
                if types.contains(&"schema:DataType") {
                    vocabulary.data_types.insert(label);
                }
            }
        }
        // A data type's subclasses (URL is a Text) are data types too.
        let names: Vec<String> = vocabulary.classes.keys().cloned().collect();
        for name in names {
            if vocabulary
                .data_types
                .iter()
                .any(|d| vocabulary.is_a(&name, d))
            {
                vocabulary.data_types.insert(name);
            }
        }
        let google: Value = serde_json::from_str(GOOGLE).expect("google-claimreview.json is JSON");
        for (kind, fields) in google["types"].as_object().expect("types") {
            vocabulary
                .required
                .insert(kind.clone(), strings(&fields["required"]));
            vocabulary
                .recommended
                .insert(kind.clone(), strings(&fields["recommended"]));
        }
        vocabulary
    }

    /// Whether `kind` is `of` or one of its subtypes.
    pub fn is_a(&self, kind: &str, of: &str) -> bool {
        let mut queue = vec![kind.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(next) = queue.pop() {
            if next == of {
                return true;
            }
            if seen.insert(next.clone()) {
                queue.extend(self.classes.get(&next).cloned().unwrap_or_default());
            }
        }
        false
    }

    /// Every problem with an exported file: a JSON array of ClaimReview nodes.
    pub fn check(&self, file: &Value) -> Problems {
        let mut problems = Vec::new();
        let Some(reviews) = file.as_array() else {
            return vec!["the file is not a JSON array of ClaimReviews".to_owned()];
        };
        if reviews.is_empty() {
            problems.push("the file has no ClaimReview".to_owned());
        }
        for (i, review) in reviews.iter().enumerate() {
            let at = format!("[{i}]");
            if review.get("@context") != Some(&Value::from("https://schema.org")) {
                problems.push(format!("{at}: @context is not \"https://schema.org\""));
            }
            if review.get("@type") != Some(&Value::from("ClaimReview")) {
                problems.push(format!("{at}: the top node is not a ClaimReview"));
            }
            self.node(review, &at, &mut problems);
        }
        problems
    }

    /// The Google recommended properties missing anywhere in `file`, as `Type.property`.
    pub fn missing_recommended(&self, file: &Value) -> BTreeSet<String> {
        let mut missing = BTreeSet::new();
        visit(file, &mut |node, kind| {
            for field in self.recommended.get(kind).into_iter().flatten() {
                if node.get(field).is_none() {
                    missing.insert(format!("{kind}.{field}"));
                }
            }
        });
        missing
    }

    fn node(&self, node: &Value, at: &str, problems: &mut Problems) {
        let Some(object) = node.as_object() else {
            return problems.push(format!("{at}: not a node"));
        };
        let Some(kind) = object.get("@type").and_then(Value::as_str) else {
            return problems.push(format!("{at}: a node without @type"));
        };
        if !self.classes.contains_key(kind) || self.data_types.contains(kind) {
            return problems.push(format!("{at}: “{kind}” is not a schema.org type"));
        }
        for field in self.required.get(kind).into_iter().flatten() {
            if !object.contains_key(field) && !PUBLISHERS.contains(&field.as_str()) {
                problems.push(format!("{at}: Google requires {kind}.{field}"));
            }
        }
        for (name, value) in object {
            if name.starts_with('@') {
                continue;
            }
            let here = format!("{at}.{name}");
            let Some((domain, range)) = self.properties.get(name) else {
                problems.push(format!("{here}: “{name}” is not a schema.org property"));
                continue;
            };
            if !domain.iter().any(|d| self.is_a(kind, d)) {
                problems.push(format!(
                    "{here}: {name} is not defined on {kind} (only on {})",
                    domain.join(", ")
                ));
            }
            match value {
                Value::Array(list) => {
                    for (j, one) in list.iter().enumerate() {
                        self.value(one, range, &format!("{here}[{j}]"), problems);
                    }
                }
                one => self.value(one, range, &here, problems),
            }
        }
        if kind == "Rating" {
            rating_in_range(object, at, problems);
        }
    }

    fn value(&self, value: &Value, range: &[String], at: &str, problems: &mut Problems) {
        if value.is_object() {
            let kind = value.get("@type").and_then(Value::as_str).unwrap_or("");
            let fits = range
                .iter()
                .any(|r| !self.data_types.contains(r) && self.is_a(kind, r));
            if !fits {
                problems.push(format!(
                    "{at}: a {kind} where schema.org expects {}",
                    range.join(" or ")
                ));
            }
            return self.node(value, at, problems);
        }
        let fits = range.iter().any(|r| literal_fits(value, r));
        if !fits {
            problems.push(format!("{at}: {value} is not a {}", range.join(" or ")));
        }
    }
}

/// Whether a literal has the lexical form of data type `kind`.
fn literal_fits(value: &Value, kind: &str) -> bool {
    match (kind, value) {
        ("Text", Value::String(_)) => true,
        ("URL", Value::String(s)) => check_url(s).is_ok(),
        ("Number", Value::Number(_)) => true,
        ("Date", Value::String(s)) => ArticleDate::parse(s).is_some(),
        ("DateTime", Value::String(s)) => gloss_core::formats::time::from_rfc3339(s).is_some(),
        _ => false,
    }
}

/// A rating's value lies within its own worstRating..=bestRating.
fn rating_in_range(rating: &serde_json::Map<String, Value>, at: &str, problems: &mut Problems) {
    let number = |name: &str| rating.get(name).and_then(Value::as_f64);
    match (
        number("ratingValue"),
        number("worstRating"),
        number("bestRating"),
    ) {
        (Some(value), Some(worst), Some(best)) if worst <= value && value <= best => {}
        (value, worst, best) => problems.push(format!(
            "{at}: ratingValue {value:?} is not within worstRating {worst:?} to bestRating {best:?}"
        )),
    }
}

/// Calls `f` with every node of `value` and its type.
fn visit(value: &Value, f: &mut dyn FnMut(&serde_json::Map<String, Value>, &str)) {
    match value {
        Value::Array(list) => list.iter().for_each(|v| visit(v, f)),
        Value::Object(object) => {
            if let Some(kind) = object.get("@type").and_then(Value::as_str) {
                f(object, kind);
            }
            object.values().for_each(|v| visit(v, f));
        }
        _ => {}
    }
}
