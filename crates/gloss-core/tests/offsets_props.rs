//! Property tests: no input can make offset conversion or snapping panic, and every span that
//! comes out is valid and grapheme-aligned.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::layout::{blocks, segments};
use gloss_core::model::offsets::{normalize_selection, resize_by_word, Edge, Resize, TextIndex};
use gloss_core::model::text::{canonicalize, split_date_marker};
use gloss_core::model::{Annotation, AnnotationId, Label, Span, Timestamp};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces of real-world text that stress offsets: emoji (ZWJ sequences, flags, skin tones),
/// combining marks, CJK, right-to-left scripts, typographic quotes, white space and line breaks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("word".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\t".to_owned()),
        Just("é".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("\u{301}".to_owned()),
        Just("😀".to_owned()),
        Just("👨\u{200D}👩\u{200D}👧".to_owned()),
        Just("👍🏽".to_owned()),
        Just("🇺🇦".to_owned()),
        Just("🇺".to_owned()),
        Just("\u{200D}".to_owned()),
        Just("漢字".to_owned()),
        Just("שלום".to_owned()),
        Just("مرحبا".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("’".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("\r\n".to_owned()),
        Just("5%".to_owned()),
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut cp = 0;
    for g in text.graphemes(true) {
        cp += g.chars().count();
        out.push(cp);
    }
    out
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn utf16_points_become_valid_grapheme_aligned_spans(
        text in text(),
        a in 0usize..200,
        b in 0usize..200,
        words in any::<bool>(),
    ) {
        let canonical = canonicalize(&text);
        let index = TextIndex::new(Rc::from(canonical.as_str()));
        let ca = index.cp_of_utf16(a);
        let cb = index.cp_of_utf16(b);
        prop_assert!(ca <= index.len_cp() && cb <= index.len_cp());
        let bounds = grapheme_boundaries(&canonical);
        if let Some(span) = normalize_selection(&index, ca, cb, words) {
            prop_assert!(span.start < span.end, "non-empty: {span:?}");
            prop_assert!(span.end <= index.len_cp());
            prop_assert!(bounds.contains(&span.start), "start {} on a grapheme boundary in {canonical:?}", span.start);
            prop_assert!(bounds.contains(&span.end), "end {} on a grapheme boundary in {canonical:?}", span.end);
            let selected = index.slice(span);
            prop_assert!(!selected.starts_with(char::is_whitespace) || !selected.graphemes(true).next().is_some_and(|g| g.chars().all(char::is_whitespace)));
            prop_assert!(!selected.graphemes(true).next_back().is_some_and(|g| g.chars().all(char::is_whitespace)));
            // The span covers at least what was selected, once snapped to graphemes.
            let lo = ca.min(cb);
            let hi = ca.max(cb);
            let covered = index.slice(Span { start: lo, end: hi });
            prop_assert!(covered.trim().is_empty() || span.start <= hi && lo <= span.end);
        } else {
            // Nothing markable: the selection was empty or white space only.
            let lo = index.byte_of_cp(ca.min(cb));
            let hi = index.byte_of_cp(ca.max(cb));
            let snapped: String = canonical.get(lo..hi).unwrap_or("").to_owned();
            prop_assert!(snapped.chars().all(char::is_whitespace) || snapped.is_empty() || lo == hi,
                "{snapped:?} was selected but nothing marked");
        }
    }

    #[test]
    fn conversions_round_trip(text in text()) {
        let index = TextIndex::new(Rc::from(text.as_str()));
        let mut u16 = 0;
        let mut byte = 0;
        for (cp, c) in text.chars().enumerate() {
            prop_assert_eq!(index.utf16_of_cp(cp), u16);
            prop_assert_eq!(index.byte_of_cp(cp), byte);
            prop_assert_eq!(index.cp_of_utf16(u16), cp);
            prop_assert_eq!(index.cp_of_byte(byte), cp);
            u16 += c.len_utf16();
            byte += c.len_utf8();
        }
        prop_assert_eq!(index.len_utf16(), u16);
        prop_assert_eq!(index.cp_of_utf16(u16 + 5), index.len_cp());
    }

    #[test]
    fn resizing_never_breaks_a_span(text in text(), a in 0usize..120, b in 0usize..120, edge in any::<bool>(), grow in any::<bool>()) {
        let index = TextIndex::new(Rc::from(text.as_str()));
        let Some(span) = normalize_selection(&index, a, b, true) else { return Ok(()); };
        let edge = if edge { Edge::Start } else { Edge::End };
        let how = if grow { Resize::Grow } else { Resize::Shrink };
        if let Some(moved) = resize_by_word(&index, span, edge, how) {
            prop_assert!(moved.start < moved.end && moved.end <= index.len_cp());
            prop_assert!(index.is_grapheme_boundary_cp(moved.start) && index.is_grapheme_boundary_cp(moved.end));
        }
    }

    #[test]
    fn date_marker_never_panics(text in text(), y in 0u32..10000, m in 0u32..14, d in 0u32..33) {
        let input = format!(" date {y:04}-{m:02}-{d:02} {text}");
        let (date, body) = split_date_marker(&input);
        prop_assert!(input.ends_with(body));
        if let Some(date) = date {
            prop_assert_eq!(date.to_string(), format!("{y:04}-{m:02}-{d:02}"));
        }
        let (_, body) = split_date_marker(&text);
        prop_assert!(text.ends_with(body));
    }

    #[test]
    fn segments_tile_every_line(text in text(), spans in prop::collection::vec((0usize..80, 1usize..40, 0usize..3), 0..12)) {
        let len = text.chars().count();
        let annotations: Vec<Annotation> = spans
            .into_iter()
            .filter_map(|(s, l, label)| {
                let span = Span::new(s.min(len), (s + l).min(len))?;
                Some(Annotation::new(AnnotationId::random(), Label::ALL[label], span, Timestamp(0)))
            })
            .collect();
        let lines = blocks(&text);
        let segs = segments(&lines, &annotations);
        prop_assert_eq!(lines.len(), segs.len());
        for (line, segs) in lines.iter().zip(&segs) {
            let mut at = line.start;
            for s in segs {
                prop_assert_eq!(s.span.start, at);
                prop_assert!(s.span.end > s.span.start);
                for (id, _) in s.marks.iter() {
                    let a = annotations.iter().find(|a| a.id == *id).unwrap();
                    prop_assert!(a.span.start <= s.span.start && s.span.end <= a.span.end);
                }
                let covering = annotations.iter().filter(|a| a.span.start <= s.span.start && s.span.end <= a.span.end).count();
                prop_assert_eq!(covering, s.marks.len());
                at = s.span.end;
            }
            prop_assert_eq!(at, line.content_end);
        }
    }
}
