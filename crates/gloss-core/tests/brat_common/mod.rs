//! What the brat tests share: merging into an empty library, an article's marks, annotations
//! made by number, and a zip's entries.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use gloss_core::formats::{merge_into, Imported, Parsed};
use gloss_core::model::{Annotation, AnnotationId, Document, Label, Span, Timestamp};
use uuid::Uuid;
use zip::ZipArchive;

pub const AT: Timestamp = Timestamp(1_700_000_000_000);

pub const HARBOUR_TXT: &[u8] = include_bytes!("../fixtures/brat/harbour.txt");
pub const HARBOUR_ANN: &[u8] = include_bytes!("../fixtures/brat/harbour.ann");
pub const STRIKE_TXT: &[u8] = include_bytes!("../fixtures/brat/strike.txt");
pub const STRIKE_ANN: &[u8] = include_bytes!("../fixtures/brat/strike.ann");
pub const CAFE_TXT: &[u8] = include_bytes!("../fixtures/brat/cafe.txt");
pub const CAFE_ANN: &[u8] = include_bytes!("../fixtures/brat/cafe.ann");

pub fn merged(parsed: Parsed) -> Imported {
    merge_into(parsed, &BTreeMap::new(), None, Timestamp(9))
}

/// (label, quote, note) of a document's annotations, in text order.
pub fn marks(doc: &Document) -> Vec<(Label, String, String)> {
    doc.annotations
        .iter()
        .map(|a| (a.label, doc.quote(a.span).to_owned(), a.note.clone()))
        .collect()
}

pub fn mark(label: Label, quote: &str, note: &str) -> (Label, String, String) {
    (label, quote.to_owned(), note.to_owned())
}

pub fn reasons(parsed: &Parsed) -> Vec<String> {
    parsed.problems.iter().map(ToString::to_string).collect()
}

pub fn has(reasons: &[String], parts: &[&str]) -> bool {
    reasons.iter().any(|r| parts.iter().all(|p| r.contains(p)))
}

pub fn annotation(n: u128, label: Label, start: usize, end: usize) -> Annotation {
    Annotation::new(
        AnnotationId(Uuid::from_u128(n)),
        label,
        Span { start, end },
        Timestamp(1),
    )
}

pub fn noted(mut a: Annotation, note: &str) -> Annotation {
    a.note = note.to_owned();
    a
}

/// A zip's entries, in order, with their bytes.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).expect("an entry");
            let mut out = Vec::new();
            file.read_to_end(&mut out).expect("unpacks");
            (file.name().to_owned(), out)
        })
        .collect()
}

pub fn entry(entries: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(bytes.clone()).expect("UTF-8")
}

/// What brat checks of every `T` line when it opens a document (server/src/annotation.py):
/// the fragments are inside the text, in order without touching, and the line's text is
/// their texts (code points) joined by one space.
pub fn brat_accepts(txt: &str, ann: &str) -> Result<(), String> {
    let chars: Vec<char> = txt.chars().collect();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let parts: Vec<&str> = line.splitn(3, '\t').collect();
        let [_, data, text] = parts[..] else {
            return Err(format!("not three fields: {line:?}"));
        };
        let (_, spans) = data.split_once(' ').ok_or(line)?;
        let mut pieces = Vec::new();
        let mut last_end = None;
        for fragment in spans.split(';') {
            let (s, e) = fragment.split_once(' ').ok_or(line)?;
            let (s, e): (usize, usize) =
                (s.parse().map_err(|_| line)?, e.parse().map_err(|_| line)?);
            if s >= e || e > chars.len() || last_end.is_some_and(|l| s <= l) {
                return Err(format!("bad fragment {s} {e}: {line:?}"));
            }
            last_end = Some(e);
            pieces.push(chars[s..e].iter().collect::<String>());
        }
        if pieces.join(" ") != text {
            return Err(format!("text does not match: {line:?}"));
        }
        if text
            .chars()
            .any(|c| "\n\r\u{0B}\u{0C}\u{1C}\u{1D}\u{1E}\u{85}\u{2028}\u{2029}".contains(c))
        {
            return Err(format!("a line break in the text: {line:?}"));
        }
    }
    Ok(())
}
