//! CSV for spreadsheets: one row per annotation, [`HEADER`] first. UTF-8 with a byte-order
//! mark (without one, spreadsheets take the file for their local 8-bit encoding and garble
//! every accent), RFC 4180 quoting by the `csv` crate, CRLF row ends. Gloss writes CSV but does
//! not read it back ([`looks_like`] recognises its own file, so that importing it says so).
//!
//! A cell a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return) gets a single quote in front, as OWASP's "CSV Injection" page
//! recommends; every cell that is not a number is quoted, so numbers stay numbers.

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use super::parsed::{ExportError, CONTEXT};
use super::time::to_rfc3339;
use crate::model::anchor::context;
use crate::model::offsets::TextIndex;
use crate::model::{Document, Evidence, Verdict};

/// The columns, in order: a promise to people's spreadsheets (keep it; new columns go at the
/// end). Who said what: `source_id` and `source_text` are a quote's or claim's source (the
/// actor annotation's id and its words); `entity_id` and `entity_name` the person or
/// organisation: an actor's own, a quote's or claim's that of its source. A claim's check:
/// `verdict` in words ("Mostly true"), `verdict_rating` its number (True 6 … False 1,
/// Unverifiable 0; empty when not checked yet) and `sources` the addresses it was checked
/// against, joined by a space (an address never contains one). Whose layer it is in:
/// `created_by` the name of who made it (empty when nobody is named: the exporting person's
/// own, made before a name was given) and `curated` `true` or `false` (in the curated layer,
/// `created_by` is then who curated it).
pub const HEADER: [&str; 22] = [
    "article_id",
    "title",
    "date",
    "label",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "note",
    "created_at",
    "updated_at",
    "annotation_id",
    "source_id",
    "source_text",
    "entity_id",
    "entity_name",
    "verdict",
    "verdict_rating",
    "sources",
    "created_by",
    "curated",
];

/// How many columns the files Gloss wrote before had: before it linked quotes to their sources
/// (12), before it carried a claim's check (17), and before it said whose layer each
/// annotation is in (20). Their first line is still recognised.
const EARLIER_COLUMNS: [usize; 3] = [12, 17, 20];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// First characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as a spreadsheet shows it without running it: a single quote before a cell that
/// would start a formula.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A writer every Gloss CSV goes through (the annotations here, "who said what"): the
/// byte-order mark and `header` already in, every text cell quoted, CRLF row ends.
pub(crate) fn writer(header: &[&str]) -> ::csv::Writer<Vec<u8>> {
    let mut out = BOM.to_vec();
    // The header's names need no quotes; written as they are, they read as plain names in any
    // tool (the writer below would quote them, as it quotes every text cell).
    out.extend_from_slice(header.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::NonNumeric)
        .from_writer(out)
}

/// The bytes a [`writer`] wrote.
pub(crate) fn finish(writer: ::csv::Writer<Vec<u8>>) -> Result<Vec<u8>, ExportError> {
    writer
        .into_inner()
        .map_err(|e| ExportError(e.error().to_string()))
}

/// Writes one row per annotation, articles in the order given, annotations in text order.
/// Articles without annotations have no row.
pub fn export(documents: &[&Document]) -> Result<Vec<u8>, ExportError> {
    let mut writer = writer(&HEADER);
    let failed = |e: ::csv::Error| ExportError(e.to_string());
    for doc in documents {
        let index = TextIndex::new(std::rc::Rc::clone(&doc.text));
        let date = doc.date.map(|d| d.to_string()).unwrap_or_default();
        for a in &doc.annotations {
            let (prefix, suffix) = context(&index, a.span, CONTEXT);
            let source = a.source.and_then(|s| doc.annotation(s));
            let entity = source
                .map_or(a.entity, |s| s.entity)
                .and_then(|e| doc.entity(e));
            let row = [
                doc.id.to_string(),
                neutralise(&doc.title),
                date.clone(),
                a.label.name().to_owned(),
                a.span.start.to_string(),
                a.span.end.to_string(),
                neutralise(index.slice(a.span)),
                neutralise(&prefix),
                neutralise(&suffix),
                neutralise(&a.note),
                to_rfc3339(a.created_at),
                to_rfc3339(a.updated_at),
                a.id.to_string(),
                source.map(|s| s.id.to_string()).unwrap_or_default(),
                neutralise(source.map_or("", |s| index.slice(s.span))),
                entity.map(|e| e.id.to_string()).unwrap_or_default(),
                neutralise(entity.map_or("", |e| e.name.as_str())),
                neutralise(a.verdict.map_or("", Verdict::name)),
                a.verdict
                    .map(|v| v.number().to_string())
                    .unwrap_or_default(),
                neutralise(&sources(&a.evidence)),
                neutralise(a.created_by.as_deref().unwrap_or("")),
                a.curated.to_string(),
            ];
            writer.write_record(&row).map_err(failed)?;
        }
    }
    finish(writer)
}

/// The addresses of a claim's sources, joined by a space.
fn sources(evidence: &[Evidence]) -> String {
    evidence
        .iter()
        .map(|e| e.url.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` is a CSV file Gloss wrote: its first line is [`HEADER`], or its first
/// columns as Gloss wrote them before ([`EARLIER_COLUMNS`]; quoted or not, any case). Other CSV files are not told
/// apart from other text.
pub fn looks_like(text: &str) -> bool {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first = text.split('\n').next().unwrap_or("");
    let first = first.strip_suffix('\r').unwrap_or(first);
    let names: Vec<&str> = first
        .split(',')
        .map(|name| {
            let name = name.trim();
            name.strip_prefix('"')
                .and_then(|n| n.strip_suffix('"'))
                .unwrap_or(name)
        })
        .collect();
    (names.len() == HEADER.len() || EARLIER_COLUMNS.contains(&names.len()))
        && names
            .iter()
            .zip(HEADER)
            .all(|(name, want)| name.eq_ignore_ascii_case(want))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+49 30", "'+49 30"),
            ("-5%", "'-5%"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=b", "a=b"),
            ("'=x", "'=x"),
            ("", ""),
            ("5", "5"),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn header_is_recognised() {
        let plain = HEADER.join(",");
        let quoted = HEADER.map(|h| format!("\"{h}\"")).join(",");
        for (text, want) in [
            (format!("{plain}\r\n1,2"), true),
            (format!("\u{FEFF}{plain}\n"), true),
            (quoted, true),
            (plain.to_uppercase(), true),
            ("article_id,title\r\n".to_owned(), false),
            (format!("{plain},extra"), false),
            (HEADER[..12].join(","), true),
            (HEADER[..13].join(","), false),
            (HEADER[..17].join(","), true),
            (HEADER[..18].join(","), false),
            (HEADER[..20].join(","), true),
            (HEADER[..21].join(","), false),
            ("name,age\n".to_owned(), false),
            (String::new(), false),
        ] {
            assert_eq!(looks_like(&text), want, "{text:?}");
        }
    }
}
