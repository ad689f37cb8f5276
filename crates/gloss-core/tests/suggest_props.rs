//! Properties of the suggestion rules on any input: spans inside the text and non-empty,
//! quotes never include their marks, a speaker is always an actor suggested or marked, the
//! output is sorted, and nothing panics.
#![cfg(not(target_arch = "wasm32"))]

use gloss_core::model::{Annotation, AnnotationId, Label, Span, Timestamp};
use gloss_core::suggest::{suggest, Kind};
use proptest::prelude::*;

const MARKS: &str = "“”\"‘’'«»„‚「」『』";

/// News-like text: capitalised words, cue words, quotation marks of every style, breaks.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Ana Lima".to_owned()),
        Just("said".to_owned()),
        Just("told reporters".to_owned()),
        Just("the Kremlin".to_owned()),
        Just("she".to_owned()),
        Just("that".to_owned()),
        Just("according to".to_owned()),
        Just("in Moscow".to_owned()),
        Just("President".to_owned()),
        Just(", ".to_owned()),
        Just(". ".to_owned()),
        Just(": ".to_owned()),
        Just("\n\n".to_owned()),
        Just("—".to_owned()),
        "[a-zA-Z’']{1,8}",
        proptest::sample::select(MARKS.chars().collect::<Vec<_>>()).prop_map(String::from),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|p| p.join(" "))
}

fn check(text: &str, marked: &[Annotation]) {
    let n = text.chars().count();
    let chars: Vec<char> = text.chars().collect();
    let found = suggest(text, marked);
    let actors: Vec<Span> = found
        .iter()
        .filter(|s| s.kind == Kind::Actor)
        .map(|s| s.span)
        .chain(
            marked
                .iter()
                .filter(|a| a.label == Label::Actor)
                .map(|a| a.span),
        )
        .collect();
    for s in &found {
        assert!(
            s.span.start < s.span.end && s.span.end <= n,
            "{s:?} outside {n}"
        );
        if s.kind == Kind::DirectQuote {
            let before = chars[..s.span.start]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace());
            let after = chars[s.span.end..].iter().find(|c| !c.is_whitespace());
            assert!(
                before.is_some_and(|c| MARKS.contains(*c)),
                "{s:?} opens without a mark"
            );
            assert!(
                after.is_some_and(|c| MARKS.contains(*c)),
                "{s:?} closes without a mark"
            );
            assert!(!chars[s.span.start].is_whitespace() && !chars[s.span.end - 1].is_whitespace());
        }
        if let Some(speaker) = s.speaker {
            assert!(actors.contains(&speaker), "speaker {speaker:?} is no actor");
        }
        if s.kind == Kind::Actor {
            assert!(s.speaker.is_none());
        }
    }
    let keys: Vec<_> = found
        .iter()
        .map(|s| (s.span.start, std::cmp::Reverse(s.span.end)))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "not sorted");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_unicode_never_panics(text in any::<String>()) {
        check(&text, &[]);
    }

    #[test]
    fn newsish_text_keeps_the_invariants(text in newsish(), a in 0usize..200, len in 1usize..12) {
        let n = text.chars().count();
        let marked: Vec<Annotation> = Span::new(a.min(n), (a + len).min(n))
            .map(|span| Annotation::new(AnnotationId::random(), Label::Actor, span, Timestamp(0)))
            .into_iter()
            .collect();
        check(&text, &[]);
        check(&text, &marked);
    }
}
