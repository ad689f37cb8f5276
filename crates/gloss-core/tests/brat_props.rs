//! brat standoff round trip over random articles: exporting and importing the zip into an
//! empty library gives back the same text, spans, labels and notes (notes on one line, as
//! brat keeps them), sources and entities (random links), and brat's own check of every `T` line passes. Spans cross line breaks,
//! emoji, flags and combining accents; like the spans a person selects, they neither begin nor
//! end with a line break (brat cannot show one: see docs/formats/brat.md).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use gloss_core::formats::{self, brat, merge_into};
use gloss_core::model::{Annotation, AnnotationId, Document, EntityId, Label, Span, Timestamp};
use proptest::prelude::*;
use uuid::Uuid;
use zip::ZipArchive;

/// Each annotation (by span and label): its source's span and label, and its entity.
type Links = BTreeMap<(Span, Label), (Option<(Span, Label)>, Option<EntityId>)>;

/// What brat's reader ends a line at.
const LINE_BREAKS: &str = "\n\r\u{0B}\u{0C}\u{1C}\u{1D}\u{1E}\u{85}\u{2028}\u{2029}";

/// A note as brat keeps it: on one line.
fn one_line(note: &str) -> String {
    note.chars()
        .map(|c| {
            if c == '\t' || LINE_BREAKS.contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The `.ann` of the zip's only article.
fn ann_of(zip: &[u8]) -> String {
    let mut zip = ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let name = zip
        .file_names()
        .find(|n| n.ends_with(".ann"))
        .expect("a .ann")
        .to_owned();
    let mut out = String::new();
    zip.by_name(&name)
        .expect("the .ann")
        .read_to_string(&mut out)
        .expect("UTF-8");
    out
}

/// brat's check of a `T` line: fragments in order inside the text, its text their code
/// points joined by one space, no line break in it.
fn brat_accepts(text: &str, line: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let fields: Vec<&str> = line.splitn(3, '\t').collect();
    let [_, data, quote] = fields[..] else {
        return false;
    };
    let Some((_, spans)) = data.split_once(' ') else {
        return false;
    };
    let mut pieces = Vec::new();
    let mut last = None;
    for fragment in spans.split(';') {
        let Some((s, e)) = fragment.split_once(' ') else {
            return false;
        };
        let (Ok(s), Ok(e)) = (s.parse::<usize>(), e.parse::<usize>()) else {
            return false;
        };
        if s >= e || e > chars.len() || last.is_some_and(|l| s <= l) {
            return false;
        }
        last = Some(e);
        pieces.push(chars[s..e].iter().collect::<String>());
    }
    pieces.join(" ") == quote && !quote.chars().any(|c| LINE_BREAKS.contains(c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn round_trip(
        text in common::article_text(),
        picks in prop::collection::vec(
            (any::<prop::sample::Index>(), 1usize..12, 0usize..3, "[a-zé😀\n\t ]{0,12}"),
            0..10,
        ),
        title in "[A-Za-z “”é/]{0,12}",
        links in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3), 10),
        names in prop::collection::vec("[A-Za-zé]{1,8}( [A-Za-z]{1,8})?", 2),
    ) {
        let bounds = common::boundaries(&text);
        let mut doc = Document::new(title, None, text.as_str().into(), Timestamp(3));
        let mut want = BTreeMap::new();
        for (n, (at, len, label, note)) in picks.into_iter().enumerate() {
            let i = at.index(bounds.len() - 1);
            let j = (i + len).min(bounds.len() - 1);
            let span = Span { start: bounds[i], end: bounds[j] };
            let quote = common::slice(&text, span.start, span.end);
            if quote.starts_with('\n') || quote.ends_with('\n') {
                continue;
            }
            let label = Label::ALL[label];
            if want.contains_key(&(span, label)) {
                // One annotation per span and label, as Gloss keeps them.
                continue;
            }
            want.insert((span, label), one_line(&note));
            let mut a = Annotation::new(
                AnnotationId(Uuid::from_u128(100 + n as u128)),
                label,
                span,
                Timestamp(3),
            );
            a.note = note;
            doc.annotations.push(a);
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        common::add_random_links(&mut doc, &names, &links);
        let key = |id: AnnotationId| {
            doc.annotation(id).map(|a| (a.span, a.label))
        };
        let want_links: Links = doc
            .annotations
            .iter()
            .map(|a| ((a.span, a.label), (a.source.and_then(key), a.entity)))
            .collect();

        let zip = brat::export(&[&doc]).unwrap();
        let ann = ann_of(&zip);
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            prop_assert!(brat_accepts(&text, line), "brat refuses {:?}", line);
        }

        let parsed = formats::import(&zip, Timestamp(4)).unwrap();
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let mut got_entities = parsed.documents[0].entities.clone();
        got_entities.sort();
        let mut sent_entities = doc.entities.clone();
        sent_entities.sort();
        prop_assert_eq!(got_entities, sent_entities);
        let imported = merge_into(parsed, &BTreeMap::new(), None, Timestamp(9));
        prop_assert_eq!(imported.documents.len(), 1);
        let back = &imported.documents[0];
        prop_assert_eq!(&*back.text, text.as_str());
        let got: BTreeMap<(Span, Label), String> = back
            .annotations
            .iter()
            .map(|a| ((a.span, a.label), a.note.clone()))
            .collect();
        prop_assert_eq!(got, want);
        let key = |id: AnnotationId| back.annotation(id).map(|a| (a.span, a.label));
        let got_links: Links = back
            .annotations
            .iter()
            .map(|a| ((a.span, a.label), (a.source.and_then(key), a.entity)))
            .collect();
        prop_assert_eq!(got_links, want_links);
    }

    /// A library of articles, some with the same title, comes back as as many articles.
    #[test]
    fn library_round_trip(texts in prop::collection::vec(common::article_text(), 1..5)) {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document::new("Same".into(), None, t.as_str().into(), Timestamp(1)))
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let parsed = brat::import_zip(&brat::export(&refs).unwrap(), Timestamp(2)).unwrap();
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let back: Vec<&str> = parsed.documents.iter().map(|d| &*d.text).collect();
        let sent: Vec<&str> = texts.iter().map(String::as_str).collect();
        prop_assert_eq!(back, sent);
        let titles: BTreeSet<&str> = parsed.documents.iter().map(|d| d.title.as_str()).collect();
        prop_assert_eq!(titles.len(), texts.len(), "unique stems");
    }

    /// Arbitrary `.ann` text, and arbitrary bytes as a zip, never make the readers panic.
    #[test]
    fn import_never_panics(
        text in ".{1,120}",
        ann in "([TRENAM#*]?[0-9]{0,2}\t?[A-Za-z]{0,6} ?[0-9]{0,3} ?[0-9]{0,3};?[0-9 ]{0,4}\t?.{0,8}\r?\n){0,8}",
        bytes in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let _ = brat::import_pair(text.as_bytes(), ann.as_bytes(), "t", Timestamp(0));
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        let _ = brat::import_zip(&zip, Timestamp(0));
        let _ = brat::looks_like_ann(&ann);
    }
}
