//! Property: a tag put around any part of any text (accents, emoji, CJK, line breaks) gives
//! back that text untagged and a span, in code points, over exactly that part.
#![cfg(not(target_arch = "wasm32"))]

use gloss_quality::markup::{parse, TagKind};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // No tag characters; otherwise anything, astral and combining characters included.
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just(' '),
            Just('\n'),
            Just('é'),
            Just('\u{301}'),
            Just('🇳'),
            Just('📈'),
            Just('東'),
            Just('“'),
            Just('«'),
            any::<char>().prop_filter("not a tag character", |c| !"[]{}|~".contains(*c)),
        ],
        1..60,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn a_tag_marks_exactly_what_it_wraps(t in text(), a in 0usize..60, b in 0usize..60, quote in any::<bool>()) {
        let chars: Vec<char> = t.chars().collect();
        let (mut start, mut end) = (a.min(chars.len()), b.min(chars.len()));
        if start > end { std::mem::swap(&mut start, &mut end); }
        prop_assume!(start < end);
        let (open, close) = if quote { ("{", "|x}") } else { ("[", "]") };
        let before: String = chars[..start].iter().collect();
        let inner: String = chars[start..end].iter().collect();
        let after: String = chars[end..].iter().collect();
        let marked = parse(&format!("{before}{open}{inner}{close}{after}")).expect("parses");
        prop_assert_eq!(&marked.text, &t);
        prop_assert_eq!(marked.tags.len(), 1);
        let tag = &marked.tags[0];
        prop_assert_eq!((tag.start, tag.end), (start, end));
        let kind = if quote { TagKind::DirectQuote } else { TagKind::Actor };
        prop_assert_eq!(tag.kind, kind);
        let slice: String = marked.text.chars().skip(tag.start).take(tag.end - tag.start).collect();
        prop_assert_eq!(slice, inner);
    }
}
