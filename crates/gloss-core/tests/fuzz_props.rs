//! Property tests over every parser and converter, with arbitrary and mutated input. `make test`
//! runs a modest number of cases; `make fuzz` runs many more (PROPTEST_CASES) for a bounded time.
//!
//! Besides the tests here: `fuzz_props/merge.rs` merges exports changed the ways a copy of the
//! work changes elsewhere, and `fuzz_props/import_defects.rs` imports valid files given exactly
//! one defect each.
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "fuzz_props/import_defects.rs"]
mod import_defects;
#[path = "fuzz_props/merge.rs"]
mod merge;

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::formats::gloss::{export as try_export, import};
use gloss_core::model::offsets::TextIndex;
use gloss_core::model::text::{canonicalize, decode_text, prepare_article, split_date_marker};
use gloss_core::model::{Annotation, AnnotationId, Document, Label, Span, Timestamp};
use gloss_core::storage::record;
use proptest::prelude::*;

/// An export that must succeed (these documents hold nothing serde cannot write).
fn export(documents: &[&Document], at: Timestamp) -> String {
    try_export(documents, at).expect("exports")
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn sample_doc(text: &str, spans: &[(usize, usize, usize)]) -> Document {
    let len = text.chars().count();
    let mut d = Document::new("Fuzz".into(), None, text.into(), Timestamp(1));
    for (i, &(s, l, label)) in spans.iter().enumerate() {
        let Some(span) = Span::new(s.min(len), (s + l).min(len)) else {
            continue;
        };
        let label = Label::ALL[label % 3];
        if d.annotations
            .iter()
            .any(|a| a.span == span && a.label == label)
        {
            continue;
        }
        d.annotations.push(Annotation::new(
            AnnotationId(uuid::Uuid::from_u128(i as u128 + 1)),
            label,
            span,
            Timestamp(2),
        ));
    }
    d.annotations.sort_by(gloss_core::model::text_order);
    d
}

/// A mutation of a JSON text: cut, duplicate, replace a byte range, or swap numbers for absurd ones.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, String),
    BigNumbers,
    Negate,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0usize..20).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (
            any::<usize>(),
            prop_oneof![
                Just("{".to_owned()),
                Just("]".to_owned()),
                Just("\"".to_owned()),
                Just("\\u0000".to_owned()),
                Just("1e400".to_owned()),
                Just("\"__proto__\":{},".to_owned()),
                ".{0,6}"
            ]
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
        Just(Mutation::BigNumbers),
        Just(Mutation::Negate),
    ]
}

fn apply(json: &str, m: &Mutation) -> String {
    let at = |n: usize| {
        let mut i = n % (json.len() + 1);
        while !json.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::Truncate(n) => json[..at(*n)].to_owned(),
        Mutation::Delete(n, len) => {
            let a = at(*n);
            let b = at(a + len);
            format!("{}{}", &json[..a], &json[b.max(a)..])
        }
        Mutation::Insert(n, s) => {
            let a = at(*n);
            format!("{}{s}{}", &json[..a], &json[a..])
        }
        Mutation::BigNumbers => json
            .replace("\"start\":", "\"start\":1000000000000000")
            .replace("\"end\":", "\"end\":99999999999999999999"),
        Mutation::Negate => json.replace("\"end\":", "\"end\":-"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn canonical_text_is_stable(raw in any::<String>()) {
        let once = canonicalize(&raw);
        prop_assert!(!once.contains('\r'));
        let bom = '\u{FEFF}';
        prop_assert!(!once.starts_with(bom), "BOM kept");
        prop_assert_eq!(canonicalize(&once), once.clone());
        let (_, body) = split_date_marker(&once);
        prop_assert!(once.ends_with(body));
        let _ = prepare_article(&raw, "", Some("f.txt"));
    }

    #[test]
    fn canonical_text_turns_every_line_break_into_one_lf(raw in "[ab\r\n\u{FEFF}é]{0,40}") {
        let expected = raw.trim_start_matches('\u{FEFF}').replace("\r\n", "\n").replace('\r', "\n");
        prop_assert_eq!(canonicalize(&raw), expected);
    }

    #[test]
    fn decoding_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(text) = decode_text(&bytes) {
            prop_assert!(!text.contains('\0'));
        }
    }

    #[test]
    fn stored_records_never_panic(record_text in any::<String>(), text in any::<Option<String>>()) {
        let _ = record::decode("k", &record_text, text.as_deref());
        let _ = record::revision_of(&record_text);
    }

    #[test]
    fn mutated_exports_never_panic_and_import_only_valid_spans(
        text in "[a-zé😀🇺🇦“”\n ]{1,60}",
        spans in prop::collection::vec((0usize..60, 1usize..15, 0usize..3), 0..6),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let d = sample_doc(&text, &spans);
        let mut json = export(&[&d], Timestamp(3));
        for m in &mutations {
            json = apply(&json, m);
        }
        if let Ok(imported) = import(&json, &BTreeMap::new(), Timestamp(4)) {
            for doc in &imported.documents {
                let index = TextIndex::new(Rc::clone(&doc.text));
                for a in &doc.annotations {
                    prop_assert!(a.span.start < a.span.end && a.span.end <= index.len_cp());
                }
            }
        }
    }

    #[test]
    fn merging_mutated_exports_never_panics(
        text in "[a-z😀 \n]{1,40}",
        other in "[a-z😀 \n]{1,40}",
        spans in prop::collection::vec((0usize..40, 1usize..10, 0usize..3), 0..5),
    ) {
        let theirs = sample_doc(&text, &spans);
        let mut ours = sample_doc(&other, &[]);
        ours.id = theirs.id;
        let library: BTreeMap<_, _> = [(ours.id, Rc::new(ours.clone()))].into_iter().collect();
        let imported = import(&export(&[&theirs], Timestamp(3)), &library, Timestamp(4)).unwrap();
        for doc in &imported.documents {
            prop_assert_eq!(&doc.text, &ours.text);
            for a in &doc.annotations {
                prop_assert!(a.span.end <= ours.text.chars().count());
            }
        }
    }
}
