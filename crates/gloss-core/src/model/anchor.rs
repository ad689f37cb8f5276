//! Re-anchoring an annotation on a text that may have changed since it was made.
//!
//! An exported annotation carries its exact text (the quote), a little context on either side
//! and its old start offset. Placing it on a new text follows the idea of hypothesis/client's
//! anchoring: try the old position first, then search for the quote, and never trust a position
//! whose text differs from the quote. When the quote occurs several times, the context decides;
//! when the context cannot decide either, the annotation is left out rather than attached to
//! text a person did not mark.
//!
//! Offsets are code points, half-open. Every input is untrusted (it comes from imported files):
//! nothing here panics, whatever the quote, context or hint.

use std::fmt;
use std::ops::ControlFlow;

use super::offsets::TextIndex;
use super::Span;

/// At most this many code points of the given prefix and suffix are compared, so that a huge
/// context in an imported file cannot make the search quadratic.
const MAX_CONTEXT: usize = 256;

/// Why an annotation could not be placed on the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orphan {
    /// The quote occurs nowhere in the text (on whole characters).
    NotFound,
    /// The quote occurs several times and the context fits more than one equally well.
    Ambiguous,
    /// The annotation has no text to look for.
    Empty,
}

impl fmt::Display for Orphan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Orphan::NotFound => "its text is no longer in the article",
            Orphan::Ambiguous => {
                "its text appears several times and the surrounding words do not tell which"
            }
            Orphan::Empty => "it has no text",
        })
    }
}

/// Where an annotation goes on the new text, or why it goes nowhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Placed(Span),
    Orphan(Orphan),
}

/// Places an annotation whose exact text is `quote` (with up to 32 code points of `prefix`
/// before it and `suffix` after it in the old text, and `hint` = its old start offset) on the
/// text indexed by `index`.
///
/// The occurrence at `hint` wins when its context fits at least as well as any other
/// occurrence's; otherwise the occurrence whose context fits best wins, and a tie for best is
/// [`Orphan::Ambiguous`]. Occurrences that start or end inside a grapheme cluster do not count.
pub fn reanchor(index: &TextIndex, quote: &str, prefix: &str, suffix: &str, hint: usize) -> Anchor {
    if quote.is_empty() {
        return Anchor::Orphan(Orphan::Empty);
    }
    let quote_cp = quote.chars().count();
    let ctx = Context::new(index.text(), quote.len(), prefix, suffix);
    let placed = |start: usize| {
        Anchor::Placed(Span {
            start,
            end: start + quote_cp,
        })
    };

    // The old position first: it counts only where the text there is still the quote.
    let hint_byte = hint_occurrence(index, quote, quote_cp, hint);
    let hint_score = hint_byte.map(|at| ctx.score(at));
    if hint_score == Some(ctx.max_score()) {
        // Nothing can fit better, and the position breaks any tie.
        return placed(hint);
    }

    // Then every other occurrence. With a valid hint, an occurrence must fit strictly better
    // than the hint to matter; the hint wins all ties.
    let mut best: Option<Best> = None;
    for_each_occurrence(index.text(), quote, |at| {
        if Some(at) == hint_byte {
            return ControlFlow::Continue(());
        }
        let score = ctx.score(at);
        if hint_score.is_some_and(|h| score <= h) || best.is_some_and(|b| score < b.score) {
            return ControlFlow::Continue(());
        }
        let start = index.cp_of_byte(at);
        if !on_graphemes(index, start, start + quote_cp) {
            return ControlFlow::Continue(());
        }
        best = Some(match best {
            Some(b) if b.score == score => Best {
                count: b.count + 1,
                ..b
            },
            _ => Best {
                score,
                start,
                count: 1,
            },
        });
        match best {
            // Two perfect fits: nothing later can break the tie.
            Some(b) if b.score == ctx.max_score() && b.count > 1 => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        }
    });

    match best {
        Some(b) if b.count == 1 => placed(b.start),
        Some(_) => Anchor::Orphan(Orphan::Ambiguous),
        None if hint_byte.is_some() => placed(hint),
        None => Anchor::Orphan(Orphan::NotFound),
    }
}

/// Up to `width` code points before and after `span`, clamped at the text's edges: the context
/// an export writes next to each annotation's quote.
pub fn context(index: &TextIndex, span: Span, width: usize) -> (String, String) {
    let start = span.start.min(index.len_cp());
    let end = span.end.min(index.len_cp()).max(start);
    let before = Span {
        start: start.saturating_sub(width),
        end: start,
    };
    let after = Span {
        start: end,
        end: end.saturating_add(width),
    };
    (
        index.slice(before).to_owned(),
        index.slice(after).to_owned(),
    )
}

/// The best-fitting occurrences seen so far.
#[derive(Clone, Copy)]
struct Best {
    score: usize,
    /// Code point where the first of them starts.
    start: usize,
    /// How many share that score.
    count: usize,
}

/// The context an annotation was exported with, trimmed to [`MAX_CONTEXT`].
struct Context<'a> {
    text: &'a str,
    quote_len: usize,
    prefix: &'a str,
    suffix: &'a str,
    max_score: usize,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, quote_len: usize, prefix: &'a str, suffix: &'a str) -> Context<'a> {
        let prefix = match prefix.char_indices().rev().nth(MAX_CONTEXT - 1) {
            Some((at, _)) => prefix.get(at..).unwrap_or(prefix),
            None => prefix,
        };
        let suffix = match suffix.char_indices().nth(MAX_CONTEXT) {
            Some((at, _)) => suffix.get(..at).unwrap_or(suffix),
            None => suffix,
        };
        Context {
            text,
            quote_len,
            prefix,
            suffix,
            max_score: prefix.chars().count() + suffix.chars().count(),
        }
    }

    /// The score a perfect fit gets.
    fn max_score(&self) -> usize {
        self.max_score
    }

    /// How well the text around the occurrence at byte `at` fits the context: code points of
    /// the prefix that end right before it plus code points of the suffix that start right
    /// after it.
    fn score(&self, at: usize) -> usize {
        let before = self.text.get(..at).unwrap_or("");
        let after = at
            .checked_add(self.quote_len)
            .and_then(|end| self.text.get(end..))
            .unwrap_or("");
        common(self.prefix.chars().rev(), before.chars().rev())
            + common(self.suffix.chars(), after.chars())
    }
}

/// Length of the common start of two character sequences.
fn common(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b).take_while(|(x, y)| x == y).count()
}

/// Whether both ends of `[start, end)` lie on grapheme cluster boundaries.
fn on_graphemes(index: &TextIndex, start: usize, end: usize) -> bool {
    index.is_grapheme_boundary_cp(start) && index.is_grapheme_boundary_cp(end)
}

/// The byte where the quote starts at code point `hint`, if the text there is the quote on
/// whole graphemes.
fn hint_occurrence(index: &TextIndex, quote: &str, quote_cp: usize, hint: usize) -> Option<usize> {
    if hint > index.len_cp() {
        return None;
    }
    let at = index.byte_of_cp(hint);
    let end = at.checked_add(quote.len())?;
    (index.text().get(at..end) == Some(quote) && on_graphemes(index, hint, hint + quote_cp))
        .then_some(at)
}

/// The smallest `p > 0` such that `s[i] == s[i + p]` wherever both exist (`s.len()` when the
/// string never overlaps itself), from the Knuth–Morris–Pratt failure function.
fn smallest_period(s: &[u8]) -> usize {
    let mut fail = vec![0usize; s.len()];
    let mut k = 0;
    for (i, &c) in s.iter().enumerate().skip(1) {
        while k > 0 && s.get(k) != Some(&c) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if s.get(k) == Some(&c) {
            k += 1;
        }
        if let Some(f) = fail.get_mut(i) {
            *f = k;
        }
    }
    s.len() - fail.last().copied().unwrap_or(0)
}

/// Calls `visit` with the byte offset of every occurrence of the non-empty `needle` in
/// `haystack`, in order, overlapping ones included ("aa" occurs three times in "aaaa"), until
/// it breaks.
///
/// Linear in practice even for periodic needles: after a match at `at`, the next one cannot
/// start before `at + period`, and whether it starts exactly there only depends on the
/// `period` bytes after the match.
fn for_each_occurrence(
    haystack: &str,
    needle: &str,
    mut visit: impl FnMut(usize) -> ControlFlow<()>,
) {
    let bytes = haystack.as_bytes();
    let pat = needle.as_bytes();
    if pat.is_empty() {
        return;
    }
    let period = smallest_period(pat);
    let tail = pat.get(pat.len() - period..).unwrap_or(pat);
    let mut from = 0;
    // `from` is always a character boundary: a match starts on one, and so does `period` bytes
    // into the needle (its bytes there repeat the needle's first, a leading byte).
    while let Some(found) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
        let mut at = from + found;
        loop {
            if visit(at).is_break() {
                return;
            }
            let end = at + pat.len();
            if bytes.get(end..end + period) == Some(tail) {
                at += period;
            } else {
                break;
            }
        }
        from = at + period;
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    fn index(s: &str) -> TextIndex {
        TextIndex::new(Rc::from(s))
    }

    fn at(start: usize, end: usize) -> Anchor {
        Anchor::Placed(Span { start, end })
    }

    const NOT_FOUND: Anchor = Anchor::Orphan(Orphan::NotFound);
    const AMBIGUOUS: Anchor = Anchor::Orphan(Orphan::Ambiguous);

    /// An annotation made on `old` (the `nth` occurrence of `quote`, 0-based), exported with 32
    /// code points of context, then placed on `new`.
    #[test]
    fn old_text_to_new_text() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let old_emoji = format!("🇺🇦 {family} prices rose");
        let new_emoji = format!("Update 🇺🇦: {family} — prices rose");
        let cases: &[(&str, &str, &str, usize, &str, Anchor)] = &[
            (
                "unchanged text",
                "The minister said prices rose in March.",
                "prices rose",
                0,
                "The minister said prices rose in March.",
                at(18, 29),
            ),
            (
                "paragraph inserted before",
                "The minister said prices rose in March.",
                "prices rose",
                0,
                "Breaking news.\n\nThe minister said prices rose in March.",
                at(34, 45),
            ),
            (
                "quote edited: one word changed",
                "The minister said prices rose in March.",
                "prices rose in March",
                0,
                "The minister said prices fell in March.",
                NOT_FOUND,
            ),
            (
                "quote deleted",
                "The minister said prices rose in March. Then she left.",
                "prices rose",
                0,
                "The minister said nothing. Then she left.",
                NOT_FOUND,
            ),
            (
                "second of two, text moved",
                "Alice said yes. Bob said no. Carol said yes.",
                "said yes",
                1,
                "Intro. Alice said yes. Bob said no. Carol said yes.",
                at(42, 50),
            ),
            (
                "first of two, text moved",
                "Alice said yes. Bob said no. Carol said yes.",
                "said yes",
                0,
                "Intro. Alice said yes. Bob said no. Carol said yes.",
                at(13, 21),
            ),
            (
                "emoji, zwj and flag before the quote",
                &old_emoji,
                "prices rose",
                0,
                &new_emoji,
                // "Update " 7 + flag 2 + ": " 2 + family 5 + " — " 3 = 19.
                at(19, 30),
            ),
        ];
        for (name, old, quote, nth, new, want) in cases {
            let old_idx = index(old);
            let byte = old
                .match_indices(quote)
                .nth(*nth)
                .map(|(b, _)| b)
                .unwrap_or_else(|| panic!("case {name}: quote not in old text"));
            let start = old_idx.cp_of_byte(byte);
            let span = Span {
                start,
                end: start + quote.chars().count(),
            };
            assert_eq!(old_idx.slice(span), *quote, "case {name}");
            let (prefix, suffix) = context(&old_idx, span, 32);
            let new_idx = index(new);
            let got = reanchor(&new_idx, quote, &prefix, &suffix, span.start);
            assert_eq!(got, *want, "case {name}");
            if let Anchor::Placed(s) = got {
                assert_eq!(new_idx.slice(s), *quote, "case {name}");
            }
        }
    }

    /// Direct calls: text, quote, prefix, suffix, hint, expected anchor.
    #[test]
    fn reanchor_cases() {
        let cases: &[(&str, &str, &str, &str, &str, usize, Anchor)] = &[
            (
                "same quote twice, prefix decides",
                "red apple, green apple",
                "apple",
                "green ",
                "",
                0,
                at(17, 22),
            ),
            (
                "same quote twice, suffix decides",
                "apple pie and apple tart",
                "apple",
                "",
                " tart",
                999,
                at(14, 19),
            ),
            (
                "identical contexts",
                "x apple y x apple y",
                "apple",
                "x ",
                " y",
                0,
                AMBIGUOUS,
            ),
            (
                "identical contexts, hint breaks the tie",
                "x apple y x apple y",
                "apple",
                "x ",
                " y",
                12,
                at(12, 17),
            ),
            (
                "hint ties on a partial fit",
                "x apple y x apple y",
                "apple",
                "q ",
                " y",
                2,
                at(2, 7),
            ),
            (
                "hint does not beat a better context",
                "x apple y z apple w",
                "apple",
                "z ",
                " w",
                2,
                at(12, 17),
            ),
            (
                "hint on changed text is not trusted",
                "the cat sat",
                "dog",
                "the ",
                " sat",
                4,
                NOT_FOUND,
            ),
            (
                "single occurrence, context irrelevant",
                "one two three",
                "two",
                "zzz",
                "zzz",
                0,
                at(4, 7),
            ),
            (
                "offsets in code points after emoji",
                "🇺🇦 👨\u{200D}👩\u{200D}👧 said hi",
                "said",
                "",
                "",
                0,
                at(9, 13),
            ),
            (
                "quote inside a grapheme is skipped",
                "Cafe\u{301} bar",
                "e",
                "",
                "",
                3,
                NOT_FOUND,
            ),
            (
                "quote inside a grapheme skipped, whole one found",
                "Cafe\u{301} e bar",
                "e",
                "Caf",
                "",
                3,
                at(6, 7),
            ),
            (
                "half of two flags is no flag",
                "🇺🇦🇺🇦",
                "🇦🇺",
                "",
                "",
                1,
                NOT_FOUND,
            ),
            (
                "empty quote",
                "anything",
                "",
                "",
                "",
                0,
                Anchor::Orphan(Orphan::Empty),
            ),
            (
                "hint far out of range",
                "abc abc",
                "abc",
                "",
                " ",
                usize::MAX / 2,
                at(0, 3),
            ),
            (
                "hint at usize max",
                "abc",
                "abc",
                "",
                "",
                usize::MAX,
                at(0, 3),
            ),
            (
                "overlapping, no context",
                "aaaa",
                "aa",
                "",
                "",
                99,
                AMBIGUOUS,
            ),
            (
                "overlapping, middle by context",
                "aaaa",
                "aa",
                "a",
                "a",
                99,
                at(1, 3),
            ),
            (
                "overlapping, last by context",
                "aaaa",
                "aa",
                "aa",
                "",
                99,
                at(2, 4),
            ),
            (
                "periodic quote, overlapping",
                "xabababy",
                "abab",
                "",
                "y",
                0,
                at(3, 7),
            ),
            ("empty text", "", "a", "", "", 0, NOT_FOUND),
            ("quote longer than text", "ab", "abc", "", "", 0, NOT_FOUND),
        ];
        for (name, text, quote, prefix, suffix, hint, want) in cases {
            let idx = index(text);
            let got = reanchor(&idx, quote, prefix, suffix, *hint);
            assert_eq!(got, *want, "case {name}");
        }
    }

    #[test]
    fn context_cases() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let emoji_text = format!("🇺🇦{family}word{family}🇺🇦");
        let cases: &[(&str, &str, usize, usize, usize, &str, &str)] = &[
            ("middle", "abcdefghij", 4, 6, 2, "cd", "gh"),
            ("at start", "abcdefghij", 0, 3, 5, "", "defgh"),
            ("at end", "abcdefghij", 7, 10, 5, "cdefg", ""),
            ("wider than the text", "abc", 1, 2, 100, "a", "c"),
            ("width 0", "abcdefghij", 4, 6, 0, "", ""),
            ("emoji context", &emoji_text, 7, 11, 5, family, family),
            (
                "emoji context cut by code point",
                &emoji_text,
                7,
                11,
                2,
                "\u{200D}👧",
                "👨\u{200D}",
            ),
            ("span past the end", "abc", 5, 9, 2, "bc", ""),
            ("reversed span", "abcdef", 4, 2, 1, "d", "e"),
        ];
        for (name, text, start, end, width, before, after) in cases {
            let idx = index(text);
            let got = context(
                &idx,
                Span {
                    start: *start,
                    end: *end,
                },
                *width,
            );
            assert_eq!(got, (before.to_string(), after.to_string()), "case {name}");
        }
    }

    #[test]
    fn orphan_messages() {
        assert_eq!(
            Orphan::NotFound.to_string(),
            "its text is no longer in the article"
        );
        assert!(Orphan::Ambiguous.to_string().contains("several times"));
        assert_eq!(Orphan::Empty.to_string(), "it has no text");
    }

    #[test]
    fn smallest_period_cases() {
        let cases: &[(&str, usize)] = &[
            ("a", 1),
            ("aaaa", 1),
            ("abab", 2),
            ("ababa", 2),
            ("abcab", 3),
            ("abc", 3),
            ("aabaa", 3),
        ];
        for (s, want) in cases {
            assert_eq!(smallest_period(s.as_bytes()), *want, "{s}");
        }
    }

    /// A long text and many annotations: the old position is checked first, and a search scans
    /// the text once per annotation.
    #[test]
    fn large_text_many_annotations() {
        let para = "Prices rose 5% in March, the minister said — 🇺🇦 news.\n";
        let body: String = (0..20_000).map(|i| format!("#{i}: {para}")).collect();
        let idx = index(&body);
        assert!(idx.len_cp() > 1_000_000);
        let moved = index(&format!("Intro.\n{body}"));
        let para_cp = para.chars().count();
        let mut line_start = 0;
        for i in 0..20_000 {
            let start = line_start;
            line_start += format!("#{i}: ").len() + para_cp;
            if i % 10 != 0 {
                continue;
            }
            let quote = format!("#{i}: Prices");
            let span = Span {
                start,
                end: start + quote.chars().count(),
            };
            let (prefix, suffix) = context(&idx, span, 32);
            assert_eq!(
                reanchor(&idx, &quote, &prefix, &suffix, start),
                at(span.start, span.end)
            );
            if i % 100 == 0 {
                assert_eq!(
                    reanchor(&moved, &quote, &prefix, &suffix, start),
                    at(span.start + 7, span.end + 7),
                    "moved {i}"
                );
            }
        }
        // A one-letter quote found a million times over: no pathological slowness.
        let a = index(&"a".repeat(1_000_000));
        assert_eq!(reanchor(&a, "a", "", "", usize::MAX), AMBIGUOUS);
        assert_eq!(reanchor(&a, &"a".repeat(1000), "b", "", 7), at(7, 1007));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use std::rc::Rc;

    use proptest::prelude::*;

    use super::*;

    /// Texts full of the cases that go wrong: combining marks, ZWJ sequences, flags, repeats.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = vec![
            "a", "b", "ab", " ", "\n", "e\u{301}", "\u{301}", "\u{200D}", "👨", "👩", "🇺", "🇦",
            "😀", "é", "—",
        ];
        prop::collection::vec(prop::sample::select(pieces), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn same_text_places_the_span_itself(text in tricky_text(), a in any::<usize>(), b in any::<usize>()) {
            let idx = TextIndex::new(Rc::from(text.as_str()));
            let n = idx.len_cp() + 1;
            let (lo, hi) = ((a % n).min(b % n), (a % n).max(b % n));
            if let Some(span) = Span::new(lo, hi) {
                if idx.is_grapheme_boundary_cp(lo) && idx.is_grapheme_boundary_cp(hi) {
                    let quote = idx.slice(span);
                    let (prefix, suffix) = context(&idx, span, 32);
                    prop_assert_eq!(reanchor(&idx, quote, &prefix, &suffix, span.start), Anchor::Placed(span));
                }
            }
        }

        #[test]
        fn placed_spans_hold_the_quote(
            text in tricky_text(),
            quote in prop_oneof![tricky_text(), any::<String>()],
            prefix in prop_oneof![tricky_text(), any::<String>()],
            suffix in prop_oneof![tricky_text(), any::<String>()],
            hint in any::<usize>(),
        ) {
            let idx = TextIndex::new(Rc::from(text.as_str()));
            if let Anchor::Placed(span) = reanchor(&idx, &quote, &prefix, &suffix, hint) {
                prop_assert_eq!(idx.slice(span), quote.as_str());
                prop_assert!(idx.is_grapheme_boundary_cp(span.start));
                prop_assert!(idx.is_grapheme_boundary_cp(span.end));
            }
        }

        #[test]
        fn moved_text_places_a_unique_quote(
            text in tricky_text(),
            intro in tricky_text(),
            a in any::<usize>(),
            b in any::<usize>(),
        ) {
            let old = TextIndex::new(Rc::from(text.as_str()));
            let n = old.len_cp() + 1;
            let (lo, hi) = ((a % n).min(b % n), (a % n).max(b % n));
            let new_text = format!("{intro}\n\n{text}");
            let new = TextIndex::new(Rc::from(new_text.as_str()));
            let shift = intro.chars().count() + 2;
            if let Some(span) = Span::new(lo, hi) {
                let quote = old.slice(span);
                let moved = Span { start: lo + shift, end: hi + shift };
                let on_graphemes = new.is_grapheme_boundary_cp(moved.start)
                    && new.is_grapheme_boundary_cp(moved.end);
                let occurrences = (0..new_text.len())
                    .filter(|&i| new_text.get(i..).is_some_and(|t| t.starts_with(quote)))
                    .count();
                if on_graphemes && occurrences == 1 {
                    let (prefix, suffix) = context(&old, span, 32);
                    prop_assert_eq!(reanchor(&new, quote, &prefix, &suffix, lo), Anchor::Placed(moved));
                }
            }
        }

        #[test]
        fn occurrences_match_a_naive_search(
            text in "[ab]{0,30}",
            needle in "[ab]{1,5}",
        ) {
            let mut got = Vec::new();
            for_each_occurrence(&text, &needle, |at| {
                got.push(at);
                ControlFlow::Continue(())
            });
            let want: Vec<usize> = (0..text.len())
                .filter(|&i| text.get(i..).is_some_and(|t| t.starts_with(needle.as_str())))
                .collect();
            prop_assert_eq!(got, want);
        }
    }
}
