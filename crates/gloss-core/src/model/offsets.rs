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

pub use super::snapping::{
    normalize_selection, resize_by_word, snap_to_graphemes, snap_to_words, trim_blank, Edge, Resize,
};

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
    pub(super) fn words_around(&self, from: usize, to: usize) -> Vec<(Span, bool)> {
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
pub(super) fn is_blank(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_whitespace)
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
}
