//! An article from its `.txt` and `.ann`: the text made canonical with the offsets carried
//! over ([`ForeignDocument`]), each `T` line checked against the text it repeats, notes put on
//! their annotations, and everything else counted and reported.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::ann::is_line_break;
use super::lines::{self, Entry, Other};
use super::NAME;
use crate::formats::foreign::{ForeignDocument, Mark, Skipped};
use crate::formats::parsed::{FileError, Parsed, Problem, MAX_ANNOTATIONS, MAX_FILE_BYTES};
use crate::formats::whose::Whose;
use crate::model::offsets::TextIndex;
use crate::model::text::excerpt;
use crate::model::{AnnotationId, Label, Span, Timestamp};

/// Reads a `.txt` and its `.ann` chosen or dropped together as one article titled `stem`.
/// `Err` refuses both: too large, not UTF-8, too many annotations, or no text.
pub fn import_pair(txt: &[u8], ann: &[u8], stem: &str, at: Timestamp) -> Result<Parsed, FileError> {
    let size = txt.len().saturating_add(ann.len());
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size });
    }
    let (txt, ann) = (decode_txt(txt), decode_ann(ann));
    let (txt, ann) = match (txt, ann) {
        (Ok(txt), Ok(ann)) => (txt, ann),
        (Err(reason), _) | (_, Err(reason)) => return Err(FileError::invalid(NAME, reason)),
    };
    let count = text_lines(ann);
    if count > MAX_ANNOTATIONS {
        return Err(FileError::TooManyAnnotations(count));
    }
    let mut out = Parsed::default();
    let mut reader = Reader::new(at);
    if let Err(problem) = reader.article(stem.to_owned(), stem, txt, ann, &mut out) {
        return Err(FileError::invalid(NAME, problem.reason));
    }
    reader.finish(&mut out);
    Ok(out)
}

/// A `.txt` as brat reads it: UTF-8, a byte-order mark kept (brat counts it as a character;
/// the canonical text drops it and the offsets move with it).
pub(super) fn decode_txt(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes)
        .map_err(|_| "its .txt is not UTF-8 text (brat reads and writes UTF-8)".to_owned())
}

/// A `.ann`: UTF-8, a byte-order mark skipped.
pub(super) fn decode_ann(bytes: &[u8]) -> Result<&str, String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body)
        .map_err(|_| "its .ann is not UTF-8 text (brat reads and writes UTF-8)".to_owned())
}

/// How many `T` lines a `.ann` has, counted before reading it (to refuse a file over the
/// limit).
pub(super) fn text_lines(ann: &str) -> usize {
    ann.split('\n').filter(|l| l.starts_with('T')).count()
}

/// What an import reads over all its articles: the labels and lines it skips are reported
/// once for the whole file.
pub(super) struct Reader {
    skipped: Skipped,
    other: BTreeMap<Other, usize>,
    /// Notes on no imported annotation (on a relation, a skipped label, a missing id), and
    /// comments of other types than `AnnotatorNotes`.
    notes: usize,
    at: Timestamp,
}

/// An annotation found, before it is added (the same span and label twice is one).
struct Found<'a> {
    label: Label,
    span: Span,
    name: String,
    notes: Vec<&'a str>,
    whose: Whose,
}

impl Reader {
    pub(super) fn new(at: Timestamp) -> Reader {
        Reader {
            skipped: Skipped::default(),
            other: BTreeMap::new(),
            notes: 0,
            at,
        }
    }

    /// One article into `out`, named `name` in reports and titled `title`; `Err` when it
    /// cannot be one (its text is empty or too large).
    pub(super) fn article(
        &mut self,
        name: String,
        title: &str,
        txt: &str,
        ann: &str,
        out: &mut Parsed,
    ) -> Result<(), Problem> {
        let mut doc = ForeignDocument::new(name, txt, self.at)?;
        doc.set_title(title);
        let index = TextIndex::new(Rc::from(doc.text()));
        let entries = lines::parse(ann);
        // Whose each annotation is, from its Annotator and Curated attributes.
        let layers = super::layer::read(&entries, &mut doc);
        let text_ids: BTreeSet<&str> = entries
            .iter()
            .filter_map(|(_, e)| match e {
                Entry::Text { id, .. } => Some(*id),
                _ => None,
            })
            .collect();
        super::layer::check_targets(&entries, |target| text_ids.contains(target), &mut doc);
        let mut notes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (_, entry) in &entries {
            match entry {
                Entry::Note {
                    kind: "AnnotatorNotes",
                    target,
                    text,
                } => notes.entry(target).or_default().push(text),
                Entry::Note { .. } => self.notes += 1,
                _ => {}
            }
        }
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        // Each T line's annotation (its place in `found`), and the lines that link them.
        let mut found_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut linking = Vec::new();
        let mut verdicts = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let mut by_span: BTreeMap<(Span, Label, Whose), usize> = BTreeMap::new();
        for (n, entry) in entries {
            match entry {
                Entry::Text {
                    id,
                    kind,
                    fragments,
                    text,
                } => {
                    let name = format!("{id} (line {n})");
                    if let Some(first) = ids.get(id) {
                        doc.problem(
                            Some(name),
                            format!("line {first} has the id {id} already (a brat id names one annotation); skipped"),
                        );
                        continue;
                    }
                    ids.insert(id, n);
                    let Some(label) = self.skipped.label(kind) else {
                        continue;
                    };
                    let span = match place(&doc, &index, &fragments, text) {
                        Ok(span) => span,
                        Err(reason) => {
                            doc.problem(Some(name), reason);
                            continue;
                        }
                    };
                    let note = notes.remove(id).unwrap_or_default();
                    let whose = layers.get(id).cloned().unwrap_or_default();
                    let key = (span, label, whose.clone());
                    let i = by_span.get(&key).copied();
                    found_of.insert(id, i.unwrap_or(found.len()));
                    match i.and_then(|i| found.get_mut(i)) {
                        // The same words marked twice with one label in one layer: one
                        // annotation.
                        Some(first) => first.notes.extend(note),
                        None => {
                            by_span.insert(key, found.len());
                            found.push(Found {
                                label,
                                span,
                                name,
                                notes: note,
                                whose,
                            });
                        }
                    }
                }
                Entry::Note { .. } | Entry::Annotator { .. } | Entry::Curated { .. } => {}
                Entry::Relation { .. } | Entry::Normalization { .. } => linking.push((n, entry)),
                Entry::Verdict { .. } => verdicts.push((n, entry)),
                Entry::Other(kind) => *self.other.entry(kind).or_insert(0) += 1,
                Entry::Malformed(reason) => doc.problem(
                    None,
                    format!("line {n} is not read: {reason}; the other lines were read"),
                ),
            }
        }
        self.notes += notes.values().map(Vec::len).sum::<usize>();
        let mut added = Vec::with_capacity(found.len());
        for f in found {
            added.push(doc.add_span(
                f.label,
                f.span,
                Mark {
                    name: f.name,
                    start: f.span.start as u64,
                    end: f.span.end as u64,
                    note: f.notes.join("\n"),
                    whose: f.whose,
                    ..Mark::default()
                },
            ));
        }
        let annotation_of: BTreeMap<&str, AnnotationId> = found_of
            .into_iter()
            .filter_map(|(t, i)| Some((t, *added.get(i)?)))
            .collect();
        let relations = super::links::read(linking, &annotation_of, &mut doc);
        super::checks::read(verdicts, &annotation_of, &mut doc);
        if relations > 0 {
            *self.other.entry(Other::Relation).or_insert(0) += relations;
        }
        doc.finish(out);
        Ok(())
    }

    /// What was skipped over the whole file, into its problems.
    pub(super) fn finish(self, out: &mut Parsed) {
        self.skipped.report(out);
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        for (kind, n) in self.other {
            let s = plural(n);
            let (document, reason) = match kind {
                Other::Relation => (
                    "Relations",
                    format!("{n} relation{s} between annotations skipped (Gloss reads one kind of relation: Source, from a quote or claim to the actor who said it)"),
                ),
                Other::Event => ("Events", format!("{n} event{s} skipped (events are not imported yet)")),
                Other::Attribute => (
                    "Attributes",
                    format!("{n} attribute{s} skipped (attributes are not imported yet)"),
                ),
                Other::Equivalence => (
                    "Equivalences",
                    format!("{n} equivalence{s} (“*” lines) skipped (not imported yet)"),
                ),
            };
            out.problems.push(Problem {
                document: document.to_owned(),
                annotation: None,
                reason,
            });
        }
        if self.notes > 0 {
            out.problems.push(Problem {
                document: "Notes".to_owned(),
                annotation: None,
                reason: format!(
                    "{} note{} skipped: not on an imported text annotation (Gloss keeps a note per annotation)",
                    self.notes,
                    plural(self.notes)
                ),
            });
        }
    }
}

/// The one span of the canonical text a `T` line marks: each fragment checked against its
/// part of the line's text, then the fragments joined from the first start to the last end.
fn place(
    doc: &ForeignDocument,
    index: &TextIndex,
    fragments: &[(u64, u64)],
    text: Option<&str>,
) -> Result<Span, String> {
    let spans = fragment_spans(doc, fragments, text)?;
    join(index, spans)
}

/// Each fragment's span. brat's text is the fragments' texts joined by one space: cut by the
/// fragments' lengths in code points, each piece is the quote its fragment must give; when
/// that fails, cut by UTF-16 units (brat run by a Python that counted those). A text longer
/// than the fragments is fine when a space follows them, as brat allows.
fn fragment_spans(
    doc: &ForeignDocument,
    fragments: &[(u64, u64)],
    text: Option<&str>,
) -> Result<Vec<Span>, String> {
    let Some(text) = text else {
        return fragments
            .iter()
            .map(|&(start, end)| doc.span_of(start, end, None))
            .collect();
    };
    let mut first_error = None;
    for utf16 in [false, true] {
        let Some(pieces) = cut(text, fragments, utf16) else {
            continue;
        };
        let spans: Result<Vec<Span>, String> = fragments
            .iter()
            .zip(pieces)
            .map(|(&(start, end), piece)| doc.span_of(start, end, Some(piece)))
            .collect();
        match spans {
            Ok(spans) => return Ok(spans),
            Err(reason) => {
                first_error.get_or_insert(reason);
            }
        }
    }
    if let Some(reason) = first_error {
        return Err(reason);
    }
    match fragments {
        // Its message says what the offsets give instead.
        &[(start, end)] => doc.span_of(start, end, Some(text)).and(Err(mismatch(text))),
        _ => Err(mismatch(text)),
    }
}

fn mismatch(text: &str) -> String {
    format!(
        "its text “{}” is not as long as its offsets say (brat repeats the marked text there)",
        excerpt(text, 40)
    )
}

/// `text` cut into one piece per fragment, by the fragments' lengths (code points, or UTF-16
/// units), the pieces separated by one space; `None` when it does not cut that way.
fn cut<'a>(text: &'a str, fragments: &[(u64, u64)], utf16: bool) -> Option<Vec<&'a str>> {
    let mut pieces = Vec::with_capacity(fragments.len());
    let mut rest = text;
    for (i, &(start, end)) in fragments.iter().enumerate() {
        if i > 0 {
            rest = rest.strip_prefix(' ')?;
        }
        let len = usize::try_from(end.checked_sub(start)?).ok()?;
        let (piece, after) = rest.split_at_checked(byte_after(rest, len, utf16)?)?;
        pieces.push(piece);
        rest = after;
    }
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(pieces)
}

/// The byte offset `len` code points (or UTF-16 units) into `s`.
fn byte_after(s: &str, len: usize, utf16: bool) -> Option<usize> {
    let mut units = 0;
    for (byte, c) in s.char_indices() {
        if units == len {
            return Some(byte);
        }
        units += if utf16 { c.len_utf16() } else { 1 };
    }
    (units == len).then_some(s.len())
}

/// One span from the first fragment's start to the last one's end, when only white space and
/// line breaks lie between the fragments (as when Gloss or brat cut a span at line breaks).
fn join(index: &TextIndex, mut spans: Vec<Span>) -> Result<Span, String> {
    spans.sort();
    let Some(first) = spans.first().copied() else {
        return Err("it marks no text".into());
    };
    let mut end = first.end;
    for span in spans.iter().skip(1) {
        if span.start > end {
            let gap = index.slice(Span {
                start: end,
                end: span.start,
            });
            if !gap.chars().all(|c| c.is_whitespace() || is_line_break(c)) {
                let words: Vec<&str> = gap.split_whitespace().collect();
                return Err(format!(
                    "its {} fragments have “{}” between them, unmarked; Gloss marks one stretch of text, so it is not imported",
                    spans.len(),
                    excerpt(&words.join(" "), 40)
                ));
            }
        }
        end = end.max(span.end);
    }
    Ok(Span {
        start: first.start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_by_fragment_lengths() {
        assert_eq!(
            cut("ab cd", &[(0, 2), (3, 5)], false),
            Some(vec!["ab", "cd"])
        );
        assert_eq!(
            cut("a b cd", &[(0, 3), (4, 6)], false),
            Some(vec!["a b", "cd"])
        );
        assert_eq!(cut("Rain  tail", &[(0, 4)], false), Some(vec!["Rain"]));
        assert_eq!(cut("Rainy", &[(0, 4)], false), None);
        assert_eq!(cut("ab", &[(0, 3)], false), None);
        // "😀x" is 2 code points, 3 UTF-16 units.
        assert_eq!(cut("😀x", &[(0, 3)], false), None);
        assert_eq!(cut("😀x", &[(0, 3)], true), Some(vec!["😀x"]));
        assert_eq!(cut("😀x", &[(0, 1)], true), None, "half an emoji");
        assert_eq!(cut("x", &[(5, 2)], false), None, "backwards");
    }
}
