//! What the agreement tests share: reading fixtures, holding Gloss's figures against a
//! reference file's, and locating marks by phrase (`tests/fixtures/agreement/*.marks.json`,
//! the rules in `tests/agreement/reference.py`'s header).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gloss_core::agree::{Annotators, Figure, Layer};
use gloss_core::model::{Label, Span};
use serde_json::Value;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `tests/fixtures/agreement`.
pub fn dir() -> PathBuf {
    root().join("tests/fixtures/agreement")
}

pub fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

pub fn label(slug: &str) -> Label {
    match slug {
        "claim" => Label::Claim,
        "quote" => Label::Quote,
        "actor" => Label::Actor,
        other => panic!("unknown label {other}"),
    }
}

/// A figure's key: label (or `all`), annotators (`A | B` or `all`), measure.
pub type Key = (String, String, String);

pub fn key_of(f: &Figure) -> Key {
    let who = match &f.annotators {
        Annotators::Pair(a, b) => format!("{a} | {b}"),
        Annotators::All => "all".to_owned(),
    };
    (
        f.label.map_or("all", |l| l.slug()).to_owned(),
        who,
        f.measure.slug().to_owned(),
    )
}

pub fn expected_key(v: &Value) -> Key {
    let who = match &v["annotators"] {
        Value::Array(pair) => format!(
            "{} | {}",
            pair[0].as_str().unwrap(),
            pair[1].as_str().unwrap()
        ),
        other => other.as_str().unwrap().to_owned(),
    };
    (
        v["label"].as_str().unwrap().to_owned(),
        who,
        v["measure"].as_str().unwrap().to_owned(),
    )
}

/// Both undefined, or both defined and at most `tolerance` apart.
pub fn same(name: &str, key: &Key, what: &str, got: Option<f64>, want: &Value, tolerance: f64) {
    match (got, want.as_f64()) {
        (Some(g), Some(w)) => assert!(
            (g - w).abs() <= tolerance,
            "{name} {key:?} {what}: Gloss {g}, reference {w}"
        ),
        (None, None) => {}
        (g, _) => panic!("{name} {key:?} {what}: Gloss {g:?}, reference {want}"),
    }
}

/// Gloss's figures are exactly the expected file's (each once), every value, observed and
/// expected within `tolerance`, the units equal.
pub fn check(name: &str, figures: &[Figure], expected: &Value, tolerance: f64) {
    let want: BTreeMap<Key, &Value> = expected["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (expected_key(v), v))
        .collect();
    let got: BTreeMap<Key, &Figure> = figures.iter().map(|f| (key_of(f), f)).collect();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{name}: the same figures"
    );
    assert_eq!(got.len(), figures.len(), "{name}: each figure once");
    for (key, f) in &got {
        let w = want[key];
        same(name, key, "value", f.value, &w["value"], tolerance);
        same(name, key, "observed", f.observed, &w["observed"], tolerance);
        same(name, key, "expected", f.expected, &w["expected"], tolerance);
        assert_eq!(
            f.units as u64,
            w["units"].as_u64().unwrap(),
            "{name} {key:?}: units"
        );
    }
}

/// Where the article of a marks file is: its `article`, a path from the repository root;
/// `GLOSS_SHARED` (as for the end-to-end tests) stands for `../shared` when set.
pub fn article_path(article: &str) -> PathBuf {
    match (
        std::env::var_os("GLOSS_SHARED").filter(|s| !s.is_empty()),
        article.strip_prefix("../shared/"),
    ) {
        (Some(shared), Some(rest)) => PathBuf::from(shared).join(rest),
        _ => root().join(article),
    }
}

/// The code-point starts of `needle` in `text[lo..hi]` (overlapping ones too).
fn occurrences(text: &[char], needle: &[char], lo: usize, hi: usize) -> Vec<usize> {
    if needle.is_empty() || hi < needle.len() {
        return Vec::new();
    }
    (lo..=hi - needle.len())
        .filter(|&i| text[i..i + needle.len()] == *needle)
        .collect()
}

/// A mark's span, in code points of `text`, from its phrases: `find` (once in the text, unless
/// `within` or `occurrence` says which), `within` (once in the text; `find`'s first occurrence
/// inside it), `occurrence` (1-based), `to` (the mark ends with its first occurrence after
/// `find`). Anything else in the mark is refused.
pub fn locate(text: &[char], mark: &Value) -> Result<Span, String> {
    let fields = mark.as_object().ok_or(format!("not a mark: {mark}"))?;
    if let Some(k) = fields
        .keys()
        .find(|k| !["label", "find", "within", "occurrence", "to"].contains(&k.as_str()))
    {
        return Err(format!("unknown field {k} in {mark}"));
    }
    let phrase = |k: &str| -> Option<Vec<char>> { mark[k].as_str().map(|s| s.chars().collect()) };
    let find = phrase("find")
        .filter(|f| !f.is_empty())
        .ok_or(format!("no `find`: {mark}"))?;
    let (lo, hi) = match phrase("within") {
        Some(around) => match occurrences(text, &around, 0, text.len())[..] {
            [at] => (at, at + around.len()),
            ref all => return Err(format!("`within` occurs {} times: {mark}", all.len())),
        },
        None => (0, text.len()),
    };
    let found = occurrences(text, &find, lo, hi);
    let start = match mark.get("occurrence") {
        Some(n) => {
            let n = n
                .as_u64()
                .ok_or(format!("`occurrence` not a number: {mark}"))? as usize;
            *found
                .get(n.wrapping_sub(1))
                .ok_or(format!("no occurrence {n}: {mark}"))?
        }
        None if mark.get("within").is_some() && !found.is_empty() => found[0],
        None if found.len() == 1 => found[0],
        None => return Err(format!("`find` occurs {} times: {mark}", found.len())),
    };
    let mut end = start + find.len();
    if let Some(to) = phrase("to") {
        let after = occurrences(text, &to, end, text.len());
        end = after
            .first()
            .ok_or(format!("`to` not found after `find`: {mark}"))?
            + to.len();
    }
    Ok(Span { start, end })
}

/// A marks file's layers, each mark located on `text` (canonical, as Gloss stores it).
pub fn resolve(marks: &Value, text: &str) -> Vec<Layer> {
    let chars: Vec<char> = text.chars().collect();
    marks["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .map(|l| Layer {
            annotator: l["annotator"].as_str().expect("annotator").to_owned(),
            marks: l["marks"]
                .as_array()
                .expect("marks")
                .iter()
                .map(|m| {
                    let span = locate(&chars, m).unwrap_or_else(|e| panic!("{e}"));
                    (label(m["label"].as_str().expect("label")), span)
                })
                .collect(),
        })
        .collect()
}
