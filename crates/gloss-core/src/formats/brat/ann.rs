//! The `.ann` line syntax, as brat writes and reads it (read in [`super::lines`]) (brat's `server/src/annotation.py`):
//!
//! ```text
//! T1<TAB>Claim 10 42<TAB>the marked text
//! T2<TAB>Quote 50 61;62 80<TAB>first line second line
//! #1<TAB>AnnotatorNotes T1<TAB>a note
//! ```
//!
//! An id is a letter naming the kind of line (`T` text, `R` relation, `E` event, `A`/`M`
//! attribute, `N` normalization, `#` note, `*` equivalence) and a number. A `T` line's spans
//! are `start end` pairs joined by `;`, and its text is the text of each fragment joined by one
//! space, which brat checks against the `.txt`.

use std::collections::BTreeMap;

use crate::model::{text_order, Document, Span};

/// What brat's reader (Python's `str.splitlines`) ends a line at: a fragment's text must hold
/// none of these, or brat would read the rest of it as another line.
pub(super) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0B}'
            | '\u{0C}'
            | '\u{1C}'
            | '\u{1D}'
            | '\u{1E}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The pieces of `span` between line breaks, in code points over `text`, empty pieces (a blank
/// line, a span that begins or ends at a line break) left out.
pub(super) fn fragments(text: &str, span: Span) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    // The piece being read: its first code point and byte.
    let mut piece: Option<(usize, usize)> = None;
    let mut end = (span.start, 0usize);
    let chars = text.char_indices().enumerate().skip(span.start);
    for (cp, (byte, c)) in chars.take(span.len()) {
        if is_line_break(c) {
            if let Some((start, from)) = piece.take() {
                out.push((Span { start, end: cp }, text.get(from..byte).unwrap_or("")));
            }
        } else if piece.is_none() {
            piece = Some((cp, byte));
        }
        end = (cp + 1, byte + c.len_utf8());
    }
    if let Some((start, from)) = piece {
        out.push((
            Span { start, end: end.0 },
            text.get(from..end.1).unwrap_or(""),
        ));
    }
    out
}

/// A note on one line: brat's notes end at the line's end, so line breaks and tabs become
/// spaces.
pub(super) fn one_line(note: &str) -> String {
    note.chars()
        .map(|c| {
            if c == '\t' || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The `.ann` of `doc`: a `T` line per annotation in text order, each followed by the `#` line
/// of its note when it has one, then the `R` lines of its sources and the `N` lines of its
/// entities ([`super::links`]), the `A` lines of its verdicts ([`super::checks`]) and of its
/// layers ([`super::layer`]), every line ending with `\n`. An annotation of nothing but line
/// breaks has no fragment brat can show and is left out, with its links.
pub(super) fn write(doc: &Document) -> String {
    let mut annotations: Vec<_> = doc.annotations.iter().collect();
    annotations.sort_by(|a, b| text_order(a, b));
    let mut out = String::new();
    let mut numbers = BTreeMap::new();
    let (mut t, mut notes) = (0usize, 0usize);
    for a in annotations {
        let pieces = fragments(&doc.text, a.span);
        if pieces.is_empty() {
            continue;
        }
        t += 1;
        numbers.insert(a.id, t);
        let offsets: Vec<String> = pieces
            .iter()
            .map(|(s, _)| format!("{} {}", s.start, s.end))
            .collect();
        let texts: Vec<&str> = pieces.iter().map(|(_, text)| *text).collect();
        out.push_str(&format!(
            "T{t}\t{} {}\t{}\n",
            a.label.name(),
            offsets.join(";"),
            texts.join(" ")
        ));
        if !a.note.is_empty() {
            notes += 1;
            out.push_str(&format!(
                "#{notes}\tAnnotatorNotes T{t}\t{}\n",
                one_line(&a.note)
            ));
        }
    }
    super::links::write(doc, &numbers, &mut out);
    let verdicts = super::checks::write(doc, &numbers, &mut out);
    super::layer::write(doc, &numbers, verdicts, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, start: usize, end: usize) -> Vec<(usize, usize, &str)> {
        fragments(text, Span { start, end })
            .into_iter()
            .map(|(s, t)| (s.start, s.end, t))
            .collect()
    }

    #[test]
    fn spans_are_cut_at_line_breaks() {
        let text = "ab\ncd\n\nef";
        assert_eq!(cut(text, 0, 2), [(0, 2, "ab")]);
        assert_eq!(cut(text, 1, 4), [(1, 2, "b"), (3, 4, "c")]);
        assert_eq!(cut(text, 0, 9), [(0, 2, "ab"), (3, 5, "cd"), (7, 9, "ef")]);
        assert_eq!(
            cut(text, 2, 4),
            [(3, 4, "c")],
            "a leading break is left out"
        );
        assert_eq!(cut(text, 5, 7), [], "only line breaks");
        assert_eq!(cut("😀 é\u{2028}x", 0, 5), [(0, 3, "😀 é"), (4, 5, "x")]);
    }

    #[test]
    fn notes_lose_line_breaks_and_tabs() {
        assert_eq!(one_line("a\nb\tc\r\nd\u{2028}e"), "a b c  d e");
    }
}
