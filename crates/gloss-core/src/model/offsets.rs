//! The one place where offsets change unit.
//!
//! Gloss stores Unicode code points, half-open. The DOM speaks UTF-16 code units and Rust slices
//! UTF-8 bytes; [`TextIndex`] converts between the three, and the snapping functions turn a raw
//! selection into a span a person meant: trimmed of white space, never cutting a grapheme
//! cluster (an emoji, a flag, a letter with a combining accent), optionally whole words.
//! Every function here accepts any input (out-of-range offsets, points inside surrogate pairs)
//! and clamps instead of panicking.

use std::rc::Rc;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::Span;

/// Code points between two checkpoints of the index.
const STRIDE: usize = 64;

/// How far (in code points) word snapping and word-wise resizing look around a position.
const WORD_WINDOW: usize = 256;

/// Converts between code points, UTF-16 code units and UTF-8 bytes over one text, in
/// O(log n + STRIDE) per conversion and about n/8 bytes of memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextIndex {
    text: Rc<str>,
    len_cp: usize,
    len_utf16: usize,
    /// `marks[i]` is `(byte, utf16)` of code point `i * STRIDE`. Empty for ASCII-only text,
    /// where all three units agree.
    marks: Vec<(usize, usize)>,
}

impl TextIndex {
    pub fn new(text: Rc<str>) -> TextIndex {
        let mut marks = Vec::new();
        let mut len_cp = 0;
        let mut len_utf16 = 0;
        let ascii = text.is_ascii();
        for (byte, c) in text.char_indices() {
            if !ascii && len_cp % STRIDE == 0 {
                marks.push((byte, len_utf16));
            }
            len_cp += 1;
            len_utf16 += c.len_utf16();
        }
        TextIndex {
            text,
            len_cp,
            len_utf16,
            marks,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn len_cp(&self) -> usize {
        self.len_cp
    }

    pub fn len_utf16(&self) -> usize {
        self.len_utf16
    }

    fn ascii(&self) -> bool {
        self.marks.is_empty()
    }

    /// The checkpoint at or before code point `cp`, as `(cp, byte, utf16)`.
    fn mark_for_cp(&self, cp: usize) -> (usize, usize, usize) {
        let i = cp / STRIDE;
        match self.marks.get(i).or_else(|| self.marks.last()) {
            Some(&(byte, u16)) => (i.min(self.marks.len() - 1) * STRIDE, byte, u16),
            None => (0, 0, 0),
        }
    }

    /// Byte offset of code point `cp` (clamped to the text's end).
    pub fn byte_of_cp(&self, cp: usize) -> usize {
        let cp = cp.min(self.len_cp);
        if self.ascii() {
            return cp;
        }
        let (mut at, mut byte, _) = self.mark_for_cp(cp);
        let rest = self.text.get(byte..).unwrap_or("");
        for c in rest.chars() {
            if at == cp {
                break;
            }
            at += 1;
            byte += c.len_utf8();
        }
        byte
    }

    /// UTF-16 offset of code point `cp` (clamped to the text's end).
    pub fn utf16_of_cp(&self, cp: usize) -> usize {
        let cp = cp.min(self.len_cp);
        if self.ascii() {
            return cp;
        }
        let (mut at, byte, mut u16) = self.mark_for_cp(cp);
        let rest = self.text.get(byte..).unwrap_or("");
        for c in rest.chars() {
            if at == cp {
                break;
            }
            at += 1;
            u16 += c.len_utf16();
        }
        u16
    }

    /// The code point at UTF-16 offset `u16`. A point inside a surrogate pair maps to the start
    /// of its character; past the end maps to the end.
    pub fn cp_of_utf16(&self, u16: usize) -> usize {
        if u16 >= self.len_utf16 {
            return self.len_cp;
        }
        if self.ascii() {
            return u16;
        }
        let i = self
            .marks
            .partition_point(|&(_, m)| m <= u16)
            .saturating_sub(1);
        let (byte, mut at_u16) = self.marks.get(i).copied().unwrap_or((0, 0));
        let mut cp = i * STRIDE;
        for c in self.text.get(byte..).unwrap_or("").chars() {
            let next = at_u16 + c.len_utf16();
            if next > u16 {
                break;
            }
            at_u16 = next;
            cp += 1;
        }
        cp
    }

    /// The code point at byte `byte`; a byte inside a character maps to that character's start.
    pub fn cp_of_byte(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.len_cp;
        }
        if self.ascii() {
            return byte;
        }
        let i = self
            .marks
            .partition_point(|&(b, _)| b <= byte)
            .saturating_sub(1);
        let (mut at, _) = self.marks.get(i).copied().unwrap_or((0, 0));
        let mut cp = i * STRIDE;
        for c in self.text.get(at..).unwrap_or("").chars() {
            let next = at + c.len_utf8();
            if next > byte {
                break;
            }
            at = next;
            cp += 1;
        }
        cp
    }

    /// The text of `span`, clamped to the text.
    pub fn slice(&self, span: Span) -> &str {
        let start = self.byte_of_cp(span.start);
        let end = self.byte_of_cp(span.end).max(start);
        self.text.get(start..end).unwrap_or("")
    }

    /// Code point `cp` moved by `delta_utf16` code units: how a DOM point inside a piece of text
    /// that starts at `cp` becomes a code point.
    pub fn cp_after_utf16(&self, cp: usize, delta_utf16: usize) -> usize {
        self.cp_of_utf16(self.utf16_of_cp(cp).saturating_add(delta_utf16))
    }

    fn is_grapheme_boundary(&self, byte: usize) -> bool {
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        cursor.is_boundary(&self.text, 0).unwrap_or(true)
    }

    /// The grapheme boundary at or before `cp`.
    pub fn grapheme_floor(&self, cp: usize) -> usize {
        let byte = self.byte_of_cp(cp);
        if self.is_grapheme_boundary(byte) {
            return self.cp_of_byte(byte);
        }
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        match cursor.prev_boundary(&self.text, 0) {
            Ok(Some(b)) => self.cp_of_byte(b),
            _ => 0,
        }
    }

    /// The grapheme boundary at or after `cp`.
    pub fn grapheme_ceil(&self, cp: usize) -> usize {
        let byte = self.byte_of_cp(cp);
        if self.is_grapheme_boundary(byte) {
            return self.cp_of_byte(byte);
        }
        let mut cursor = GraphemeCursor::new(byte, self.text.len(), true);
        match cursor.next_boundary(&self.text, 0) {
            Ok(Some(b)) => self.cp_of_byte(b),
            _ => self.len_cp,
        }
    }

    /// Whether `cp` lies on a grapheme cluster boundary.
    pub fn is_grapheme_boundary_cp(&self, cp: usize) -> bool {
        cp <= self.len_cp && self.is_grapheme_boundary(self.byte_of_cp(cp))
    }

    /// Word segments (UAX #29) within a window around `[from, to)`, as code point spans, with
    /// whether each is word-like (contains a letter or digit).
    fn words_around(&self, from: usize, to: usize) -> Vec<(Span, bool)> {
        let lo_cp = self.grapheme_floor(from.saturating_sub(WORD_WINDOW));
        let hi_cp = self.grapheme_ceil(to.saturating_add(WORD_WINDOW).min(self.len_cp));
        let lo = self.byte_of_cp(lo_cp);
        let hi = self.byte_of_cp(hi_cp);
        let Some(window) = self.text.get(lo..hi) else {
            return Vec::new();
        };
        let mut cp = lo_cp;
        window
            .split_word_bounds()
            .map(|seg| {
                let len = seg.chars().count();
                let span = Span {
                    start: cp,
                    end: cp + len,
                };
                cp += len;
                (span, seg.chars().any(char::is_alphanumeric))
            })
            .collect()
    }
}

/// The text of `span` in `text`, by code points, clamped. O(n); prefer [`TextIndex::slice`].
pub fn slice_cp(text: &str, span: Span) -> &str {
    let mut indices = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let start = indices.nth(span.start);
    let end = match (start, span.end.checked_sub(span.start + 1)) {
        (Some(_), Some(n)) => indices.nth(n),
        _ => start,
    };
    match (start, end) {
        (Some(s), Some(e)) => text.get(s..e).unwrap_or(""),
        (Some(s), None) => text.get(s..).unwrap_or(""),
        _ => "",
    }
}

/// Whether the grapheme in `text` is white space throughout.
fn is_blank(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_whitespace)
}

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

    fn index(s: &str) -> TextIndex {
        TextIndex::new(Rc::from(s))
    }

    #[test]
    fn conversions_on_golden_text() {
        // The CRLF of the shared golden file is canonicalised to LF here, so offsets after the
        // line break are one smaller than in the file's own table.
        let text = "Ukraine 🇺🇦: Minister Olena Kovalenko said \"prices rose 5% in March\" on Tuesday.\nCafe\u{301} owners";
        let idx = index(text);
        let cases = [
            ("actor", 12, 36, 14, 38, 18, 42),
            ("quote", 43, 66, 45, 68, 49, 72),
        ];
        for (name, cs, ce, us, ue, bs, be) in cases {
            assert_eq!(idx.utf16_of_cp(cs), us, "{name}");
            assert_eq!(idx.utf16_of_cp(ce), ue, "{name}");
            assert_eq!(idx.cp_of_utf16(us), cs, "{name}");
            assert_eq!(idx.cp_of_utf16(ue), ce, "{name}");
            assert_eq!(idx.byte_of_cp(cs), bs, "{name}");
            assert_eq!(idx.byte_of_cp(ce), be, "{name}");
            assert_eq!(idx.cp_of_byte(bs), cs, "{name}");
        }
        assert_eq!(
            idx.slice(Span { start: 12, end: 36 }),
            "Minister Olena Kovalenko"
        );
    }

    #[test]
    fn surrogate_midpoint_maps_to_char_start() {
        let idx = index("a😀b");
        assert_eq!(idx.len_utf16(), 4);
        assert_eq!(idx.cp_of_utf16(1), 1);
        assert_eq!(idx.cp_of_utf16(2), 1, "inside the surrogate pair");
        assert_eq!(idx.cp_of_utf16(3), 2);
        assert_eq!(idx.cp_of_utf16(99), 3);
    }

    #[test]
    fn long_text_crosses_checkpoints() {
        let text: String = "é😀a".repeat(500);
        let idx = index(&text);
        for cp in [0, 63, 64, 65, 777, 1499, 1500] {
            let byte: usize = text.chars().take(cp).map(char::len_utf8).sum();
            let u16: usize = text.chars().take(cp).map(char::len_utf16).sum();
            assert_eq!(idx.byte_of_cp(cp), byte, "byte of {cp}");
            assert_eq!(idx.utf16_of_cp(cp), u16, "utf16 of {cp}");
            assert_eq!(idx.cp_of_utf16(u16), cp, "cp of utf16 {u16}");
            assert_eq!(idx.cp_of_byte(byte), cp, "cp of byte {byte}");
        }
    }

    #[test]
    fn slice_cp_cases() {
        let cases: &[(&str, usize, usize, &str)] = &[
            ("abc", 0, 3, "abc"),
            ("abc", 1, 2, "b"),
            ("abc", 2, 9, "c"),
            ("abc", 5, 9, ""),
            ("é😀a", 1, 2, "😀"),
            ("", 0, 1, ""),
        ];
        for (text, s, e, want) in cases {
            assert_eq!(
                slice_cp(text, Span { start: *s, end: *e }),
                *want,
                "{text:?} {s}..{e}"
            );
        }
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
