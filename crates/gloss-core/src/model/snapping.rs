//! From what a person selected to what is marked, and resizing by a word: snapping to whole
//! graphemes and words, trimming white space and loose punctuation, leaving a possessive out.
//! Pure; every rule has a named case below and the property test in `tests/offsets_props.rs`.

use unicode_segmentation::UnicodeSegmentation;

use super::offsets::{is_blank, TextIndex};
use super::Span;

/// Moves `span` outward to grapheme cluster boundaries.
pub fn snap_to_graphemes(index: &TextIndex, span: Span) -> Span {
    Span {
        start: index.grapheme_floor(span.start),
        end: index.grapheme_ceil(span.end),
    }
}

/// Drops whole white-space graphemes from both ends; `None` when nothing is left.
pub fn trim_blank(index: &TextIndex, span: Span) -> Option<Span> {
    let text = index.slice(span);
    let mut start = span.start;
    let mut end = span.end;
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    let lead = graphemes.iter().take_while(|g| is_blank(g)).count();
    if lead == graphemes.len() {
        return None;
    }
    let trail = graphemes.iter().rev().take_while(|g| is_blank(g)).count();
    for g in graphemes.iter().take(lead) {
        start += g.chars().count();
    }
    for g in graphemes.iter().rev().take(trail) {
        end -= g.chars().count();
    }
    Span::new(start, end)
}

/// Moves each end of `span` that lies inside a word out to that word's edge.
pub fn snap_to_words(index: &TextIndex, span: Span) -> Span {
    let mut out = span;
    for (seg, wordy) in index.words_around(span.start, span.end) {
        if !wordy {
            continue;
        }
        if seg.start < span.start && span.start < seg.end {
            out.start = seg.start;
        }
        if seg.start < span.end && span.end < seg.end {
            out.end = seg.end;
        }
    }
    out
}

/// Turns two selection points (code points, either order) into the span a person meant:
/// whole graphemes, no white space at either end, whole words when `whole_words` is set.
/// `None` when the selection holds nothing but white space.
pub fn normalize_selection(
    index: &TextIndex,
    a: usize,
    b: usize,
    whole_words: bool,
) -> Option<Span> {
    let (lo, hi) = (a.min(b).min(index.len_cp()), a.max(b).min(index.len_cp()));
    let raw = Span::new(lo, hi)?;
    let mut span = trim_blank(index, snap_to_graphemes(index, raw))?;
    if whole_words {
        let selected_from = span.start;
        span = snap_to_graphemes(index, snap_to_words(index, span));
        span = trim_blank(index, span)?;
        span = without_loose_punctuation(index, span);
        span = without_possessive(index, span, selected_from);
    }
    Some(span)
}

/// `span` without punctuation that stands apart at either end: a keyboard selection from the
/// end of one sentence (Shift + Ctrl + →) starts with “. ” or “, ” before the words meant, and
/// a person means the words. Punctuation touching the words (an opening “, a closing ”) stays.
fn without_loose_punctuation(index: &TextIndex, span: Span) -> Span {
    let text = index.slice(span);
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    // The first and last graphemes that are neither punctuation nor blank (a word, a number,
    // an emoji): what lies beyond them may be dropped.
    let kept = |g: &&str| !is_blank(g) && !is_punctuation(g);
    let (Some(first), Some(last)) = (
        graphemes.iter().position(kept),
        graphemes.iter().rposition(kept),
    ) else {
        return span;
    };
    let cp = |gs: &[&str]| gs.iter().map(|g| g.chars().count()).sum::<usize>();
    let lead = graphemes.get(..first).unwrap_or(&[]);
    let start = match lead.iter().rposition(|g| is_blank(g)) {
        Some(space) => span.start + cp(lead.get(..=space).unwrap_or(&[])),
        None => span.start,
    };
    let trail = graphemes.get(last + 1..).unwrap_or(&[]);
    let end = match trail.iter().position(|g| is_blank(g)) {
        Some(space) => span.end - cp(trail.get(space..).unwrap_or(&[])),
        None => span.end,
    };
    Span::new(start, end).unwrap_or(span)
}

/// Whether a grapheme is punctuation (sentence and quotation marks, dashes, brackets), as
/// news text uses it; an emoji or a symbol is not.
fn is_punctuation(g: &str) -> bool {
    g.chars().all(|c| {
        c.is_ascii_punctuation()
            || matches!(
                c,
                '“' | '”'
                    | '‘'
                    | '’'
                    | '„'
                    | '‚'
                    | '«'
                    | '»'
                    | '‹'
                    | '›'
                    | '—'
                    | '–'
                    | '‐'
                    | '…'
                    | '·'
                    | '¿'
                    | '¡'
                    | '。'
                    | '、'
                    | '，'
                    | '：'
                    | '；'
                    | '！'
                    | '？'
                    | '「'
                    | '」'
                    | '『'
                    | '』'
                    | '（'
                    | '）'
                    | '《'
                    | '》'
                    | '【'
                    | '】'
            )
    })
}

/// `span` without a trailing possessive `’s` / `'s`: word snapping takes “Trump’s” whole
/// (UAX #29 keeps an apostrophe between letters inside the word), but a person dragging over
/// “Trump” means the name. Kept when the selection began inside the possessive itself
/// (`selected_from` at or after the apostrophe), so the span still covers what was selected.
fn without_possessive(index: &TextIndex, span: Span, selected_from: usize) -> Span {
    if span.len() < 3 {
        return span;
    }
    let apostrophe = span.end - 2;
    let tail: Vec<char> = index
        .slice(Span {
            start: apostrophe - 1,
            end: span.end,
        })
        .chars()
        .collect();
    let possessive = matches!(
        tail.as_slice(),
        [stem, '’' | '\'', 's' | 'S'] if stem.is_alphanumeric()
    );
    if possessive
        && selected_from < apostrophe
        && span.start < apostrophe
        && index.is_grapheme_boundary_cp(apostrophe)
    {
        Span {
            start: span.start,
            end: apostrophe,
        }
    } else {
        span
    }
}

/// Which end of a span a resize moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    Start,
    End,
}

/// Whether a resize takes in one more word or gives one back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resize {
    Grow,
    Shrink,
}

/// `span` with one edge moved by a word; `None` when it cannot move (text edge, or the span
/// would become empty).
pub fn resize_by_word(index: &TextIndex, span: Span, edge: Edge, how: Resize) -> Option<Span> {
    let words: Vec<Span> = index
        .words_around(span.start, span.end)
        .into_iter()
        .filter_map(|(seg, wordy)| wordy.then_some(seg))
        .collect();
    let moved = match (edge, how) {
        (Edge::End, Resize::Grow) => {
            let end = words.iter().find(|w| w.end > span.end)?.end;
            Span::new(span.start, end)
        }
        (Edge::End, Resize::Shrink) => {
            let end = words.iter().rev().find(|w| w.end < span.end)?.end;
            Span::new(span.start, end)
        }
        (Edge::Start, Resize::Grow) => {
            let start = words.iter().rev().find(|w| w.start < span.start)?.start;
            Span::new(start, span.end)
        }
        (Edge::Start, Resize::Shrink) => {
            let start = words.iter().find(|w| w.start > span.start)?.start;
            Span::new(start, span.end)
        }
    }?;
    (moved != span).then_some(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn index(s: &str) -> TextIndex {
        TextIndex::new(Rc::from(s))
    }

    #[test]
    fn selection_cases() {
        /// (name, text, selection start and end in code points, whole words, expected text)
        type Case<'a> = (&'a str, &'a str, usize, usize, bool, Option<&'a str>);
        let flag = "Ukraine 🇺🇦: x";
        let cases: &[Case] = &[
            ("exact word", "say hello world", 4, 9, true, Some("hello")),
            (
                "inside word grows",
                "say hello world",
                5,
                7,
                true,
                Some("hello"),
            ),
            (
                "exact chars kept",
                "say hello world",
                5,
                7,
                false,
                Some("el"),
            ),
            (
                "trims spaces",
                "say  hello  world",
                3,
                12,
                true,
                Some("hello"),
            ),
            ("whitespace only", "a   b", 1, 4, true, None),
            ("empty", "abc", 1, 1, true, None),
            ("reversed", "say hello world", 9, 4, true, Some("hello")),
            ("half a flag", flag, 8, 9, false, Some("🇺🇦")),
            (
                "combining accent",
                "Cafe\u{301} owners",
                3,
                4,
                false,
                Some("e\u{301}"),
            ),
            (
                "accent word",
                "Cafe\u{301} owners",
                1,
                2,
                true,
                Some("Cafe\u{301}"),
            ),
            (
                "zwj family",
                "a 👨\u{200D}👩\u{200D}👧 b",
                3,
                4,
                false,
                Some("👨\u{200D}👩\u{200D}👧"),
            ),
            (
                "across paragraphs",
                "one two\n\nthree four",
                4,
                14,
                true,
                Some("two\n\nthree"),
            ),
            (
                "punctuation kept",
                "he said “yes”.",
                8,
                13,
                true,
                Some("“yes”"),
            ),
            ("past end clamps", "abc", 1, 99, true, Some("abc")),
            ("at very end", "abc def", 5, 7, true, Some("def")),
            (
                "possessive left out",
                "Trump’s plan",
                0,
                5,
                true,
                Some("Trump"),
            ),
            (
                "straight apostrophe possessive left out",
                "Trump's plan",
                0,
                5,
                true,
                Some("Trump"),
            ),
            (
                "possessive selected too, still left out",
                "Trump’s plan",
                0,
                7,
                true,
                Some("Trump"),
            ),
            (
                "possessive after a drag that stopped inside it",
                "Trump’s plan",
                1,
                6,
                true,
                Some("Trump"),
            ),
            (
                "capital possessive",
                "TRUMP’S PLAN",
                0,
                5,
                true,
                Some("TRUMP"),
            ),
            (
                "exact chars keep the possessive",
                "Trump’s plan",
                0,
                7,
                false,
                Some("Trump’s"),
            ),
            (
                "only the possessive selected keeps the word",
                "Trump’s plan",
                6,
                7,
                true,
                Some("Trump’s"),
            ),
            (
                "possessive inside a span stays",
                "Trump’s plan failed",
                2,
                10,
                true,
                Some("Trump’s plan"),
            ),
            (
                "plural possessive: the apostrophe is not in the word",
                "the workers’ union",
                4,
                11,
                true,
                Some("workers"),
            ),
            (
                "not a possessive: apostrophe then another letter",
                "O’Brien said",
                0,
                3,
                true,
                Some("O’Brien"),
            ),
            (
                "possessive of a name with an accent",
                "Valde\u{301}s’s plan",
                0,
                3,
                true,
                Some("Valde\u{301}s"),
            ),
            (
                "keyboard selection from a sentence's end: the full stop and break left out",
                "in June.\n\nFisheries Minister",
                7,
                27,
                true,
                Some("Fisheries Minister"),
            ),
            (
                "a comma and space before the words left out",
                "union, 74 of them",
                5,
                17,
                true,
                Some("74 of them"),
            ),
            (
                "an opening quote touching the words stays",
                "said. “The boats",
                4,
                16,
                true,
                Some("“The boats"),
            ),
            (
                "punctuation apart at the end left out",
                "the boats ; then",
                4,
                11,
                true,
                Some("boats"),
            ),
            (
                "exact characters keep it all",
                "in June.\n\nFisheries",
                7,
                19,
                false,
                Some(".\n\nFisheries"),
            ),
            (
                "an emoji before the words is not punctuation",
                "x 👩\u{200D}🔬 teams",
                2,
                11,
                true,
                Some("👩\u{200D}🔬 teams"),
            ),
            (
                "only punctuation selected stays",
                "a . b",
                2,
                3,
                true,
                Some("."),
            ),
        ];
        for (name, text, a, b, words, want) in cases {
            let idx = index(text);
            let got = normalize_selection(&idx, *a, *b, *words).map(|s| idx.slice(s).to_owned());
            assert_eq!(got.as_deref(), *want, "case {name}");
        }
    }

    #[test]
    fn resize_cases() {
        let text = "one two three four";
        let idx = index(text);
        let two = Span { start: 4, end: 7 };
        let cases = [
            ("grow end", Edge::End, Resize::Grow, Some("two three")),
            ("grow start", Edge::Start, Resize::Grow, Some("one two")),
            ("shrink end of one word", Edge::End, Resize::Shrink, None),
            (
                "shrink start of one word",
                Edge::Start,
                Resize::Shrink,
                None,
            ),
        ];
        for (name, edge, how, want) in cases {
            let got = resize_by_word(&idx, two, edge, how).map(|s| idx.slice(s).to_owned());
            assert_eq!(got.as_deref(), want, "case {name}");
        }
        let three_words = Span { start: 4, end: 18 };
        let shrunk =
            resize_by_word(&idx, three_words, Edge::End, Resize::Shrink).map(|s| idx.slice(s));
        assert_eq!(shrunk, Some("two three"));
        let shrunk =
            resize_by_word(&idx, three_words, Edge::Start, Resize::Shrink).map(|s| idx.slice(s));
        assert_eq!(shrunk, Some("three four"));
        let all = Span { start: 0, end: 18 };
        assert_eq!(
            resize_by_word(&idx, all, Edge::End, Resize::Grow),
            None,
            "text edge"
        );
    }
}
