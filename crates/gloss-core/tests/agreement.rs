//! Gloss's agreement figures against reference values from established implementations.
//!
//! Each `tests/fixtures/agreement/<name>.input.json` (an article: title, text, annotators'
//! layers; or a library: article fixtures to pool) has a `<name>.expected.json` written by
//! `tests/agreement/reference.py` with Python 3.11.7 and the versions pinned in
//! `tests/agreement/requirements.txt`:
//!
//! - Cohen's κ: scikit-learn 1.9.1 `sklearn.metrics.cohen_kappa_score`;
//! - Fleiss' κ: statsmodels 0.15.0 `statsmodels.stats.inter_rater.fleiss_kappa`;
//! - overlap F1's one-to-one matching: scipy 1.17.1 `maximum_bipartite_matching`;
//! - tokens: the `regex` module 2024.11.6, Unicode word boundaries (`(?w)\b`);
//! - Krippendorff's α_u: the published formula (Krippendorff 2004) written out in the script
//!   and checked there on Krippendorff's worked example, because the PyPI package
//!   `krippendorff-unitized-alpha` 0.1.0 does not reproduce that example (0.5441 for 0.7286);
//! - κ's observed and expected agreement: the script's own arithmetic.
//!
//! Every expected file names its producers under `produced_by`. To regenerate (from the
//! repository root):
//!
//! ```text
//! python3 -m venv target/agree-venv
//! target/agree-venv/bin/pip install -r tests/agreement/requirements.txt
//! target/agree-venv/bin/python tests/agreement/reference.py
//! ```
//!
//! Values must match to 1e-9; the token spans (code points) must be the same, so both sides
//! count κ over the same words.
#![cfg(not(target_arch = "wasm32"))]

mod agreement_common;

use std::path::PathBuf;

use agreement_common::{check, dir, label, read};
use gloss_core::agree::tokens::tokens;
use gloss_core::agree::{compare, compare_many, Article, Layer};
use gloss_core::model::Span;
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

struct Input {
    title: String,
    text: String,
    layers: Vec<Layer>,
}

fn input(v: &Value) -> Input {
    let layers = v["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| Layer {
            annotator: l["annotator"].as_str().unwrap().to_owned(),
            marks: l["marks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let at = |k: &str| m[k].as_u64().unwrap() as usize;
                    (
                        label(m["label"].as_str().unwrap()),
                        Span {
                            start: at("start"),
                            end: at("end"),
                        },
                    )
                })
                .collect(),
        })
        .collect();
    Input {
        title: v["title"].as_str().unwrap().to_owned(),
        text: v["text"].as_str().unwrap().to_owned(),
        layers,
    }
}

#[test]
fn figures_match_the_reference_implementations() {
    let mut checked = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".input.json"))
        .collect();
    paths.sort();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let name = file.trim_end_matches(".input.json").to_owned();
        let data = read(&path);
        let expected = read(&dir().join(format!("{name}.expected.json")));
        if let Some(list) = data["articles"].as_array() {
            let inputs: Vec<Input> = list
                .iter()
                .map(|n| {
                    input(&read(
                        &dir().join(format!("{}.input.json", n.as_str().unwrap())),
                    ))
                })
                .collect();
            let articles: Vec<Article> = inputs
                .iter()
                .map(|i| Article {
                    title: &i.title,
                    text: &i.text,
                    layers: &i.layers,
                })
                .collect();
            check(
                &name,
                &compare_many(&articles).figures,
                &expected,
                TOLERANCE,
            );
        } else {
            let i = input(&data);
            let want_tokens: Vec<Span> = expected["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| Span {
                    start: t[0].as_u64().unwrap() as usize,
                    end: t[1].as_u64().unwrap() as usize,
                })
                .collect();
            assert_eq!(tokens(&i.text), want_tokens, "{name}: tokens");
            let report = compare(&Article {
                title: &i.title,
                text: &i.text,
                layers: &i.layers,
            });
            check(&name, &report.figures, &expected, TOLERANCE);
        }
        checked.push(name);
    }
    for needed in [
        "two_annotators",
        "three_annotators",
        "perfect",
        "one_marked_nothing",
        "single_annotator",
        "nobody_marked",
        "library",
    ] {
        assert!(
            checked.iter().any(|c| c == needed),
            "fixture {needed} missing"
        );
    }
}
