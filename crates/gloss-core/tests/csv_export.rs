//! CSV export: bytes checked by hand against RFC 4180 and OWASP's CSV injection advice, then
//! read back with the `csv` crate's reader (another code path than the writer's).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use gloss_core::formats::{self, csv as gloss_csv, detect, Detected, FileError, Format};
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Label, Span, Timestamp,
};
use proptest::prelude::*;
use uuid::Uuid;

const HEADER: &str = "article_id,title,date,label,start,end,text,prefix,suffix,note,created_at,updated_at,annotation_id,source_id,source_text,entity_id,entity_name,verdict,verdict_rating,sources,created_by,curated";

fn annotation(n: u128, label: Label, start: usize, end: usize) -> Annotation {
    Annotation::new(
        AnnotationId(Uuid::from_u128(n)),
        label,
        Span { start, end },
        Timestamp(0),
    )
}

/// The rows after the header, read by the csv crate's reader.
fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.join(","), HEADER);
    reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

/// What OWASP asks for, written here apart from the exporter: a quote before a cell that
/// would start a formula.
fn neutralised(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

#[test]
fn bytes_as_rfc_4180_and_owasp_say() {
    // "He said "no",⏎then left." : the quote is code points 8..12.
    let text = "He said \"no\",\nthen left.";
    let mut doc = Document::new(
        "Prices “rise”".into(),
        ArticleDate::parse("2025-03-14"),
        text.into(),
        Timestamp(0),
    );
    doc.id = DocumentId(Uuid::from_u128(1));
    doc.annotations = vec![annotation(2, Label::Quote, 8, 12)];
    let bytes = gloss_csv::export(&[&doc]).expect("exports");
    let want = concat!(
        "\u{FEFF}",
        "article_id,title,date,label,start,end,text,prefix,suffix,note,created_at,updated_at,",
        "annotation_id,source_id,source_text,entity_id,entity_name,verdict,verdict_rating,sources,",
        "created_by,curated\r\n",
        "\"00000000-0000-0000-0000-000000000001\",\"Prices “rise”\",\"2025-03-14\",\"Quote\",8,12,",
        "\"\"\"no\"\"\",\"He said \",\",\nthen left.\",\"\",",
        "\"1970-01-01T00:00:00Z\",\"1970-01-01T00:00:00Z\",",
        "\"00000000-0000-0000-0000-000000000002\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"false\"\r\n",
    );
    assert_eq!(String::from_utf8(bytes).expect("UTF-8"), want);
}

#[test]
fn formulas_quotes_and_line_breaks_read_back() {
    let text = "=HYPERLINK(\"http://x\",\"y\") says: \"two\nlines\", -5% @once";
    let len = text.chars().count();
    let mut doc = Document::new(
        "@title".into(),
        None,
        text.into(),
        Timestamp(1_790_000_000_123),
    );
    doc.id = DocumentId(Uuid::from_u128(3));
    let mut claim = annotation(4, Label::Claim, 0, 26);
    claim.note = "=HYPERLINK(\"http://x\",\"y\")".into();
    claim.created_at = Timestamp(1_790_000_000_123);
    claim.updated_at = Timestamp(1_790_000_000_123);
    let mut quote = annotation(5, Label::Quote, 33, 44);
    quote.note = "line one\r\nline \"two\"".into();
    let actor = annotation(6, Label::Actor, 46, len);
    doc.annotations = vec![claim, quote, actor];
    let empty = Document::new("none".into(), None, "No marks.".into(), Timestamp(0));
    let bytes = gloss_csv::export(&[&doc, &empty]).expect("exports");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.ends_with(b"\r\n"));
    let rows = rows(&bytes);
    assert_eq!(
        rows.len(),
        3,
        "one row per annotation, none for the empty article"
    );
    let want: [[&str; 22]; 3] = [
        [
            "00000000-0000-0000-0000-000000000003",
            "'@title",
            "",
            "Claim",
            "0",
            "26",
            "'=HYPERLINK(\"http://x\",\"y\")",
            "",
            " says: \"two\nlines\", -5% @once",
            "'=HYPERLINK(\"http://x\",\"y\")",
            "2026-09-21T14:13:20.123Z",
            "2026-09-21T14:13:20.123Z",
            "00000000-0000-0000-0000-000000000004",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "false",
        ],
        [
            "00000000-0000-0000-0000-000000000003",
            "'@title",
            "",
            "Quote",
            "33",
            "44",
            "\"two\nlines\"",
            "HYPERLINK(\"http://x\",\"y\") says: ",
            ", -5% @once",
            "line one\r\nline \"two\"",
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "00000000-0000-0000-0000-000000000005",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "false",
        ],
        [
            "00000000-0000-0000-0000-000000000003",
            "'@title",
            "",
            "Actor",
            "46",
            "55",
            "'-5% @once",
            "tp://x\",\"y\") says: \"two\nlines\", ",
            "",
            "",
            "1970-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "00000000-0000-0000-0000-000000000006",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "false",
        ],
    ];
    for (row, want) in rows.iter().zip(want) {
        assert_eq!(row, &want);
    }
    // Every text cell is quoted, the numbers are not: a spreadsheet keeps them numbers.
    let raw = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(raw.contains(",\"Claim\",0,26,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","));
    assert!(raw.contains("\"line one\r\nline \"\"two\"\"\""));
}

#[test]
fn a_claims_check_is_in_columns_18_to_20() {
    use gloss_core::model::{Evidence, Verdict};
    let text = "Exports rose 5% in March. Exports fell in April. Ana Lima said so.";
    let mut doc = Document::new("Exports".into(), None, text.into(), Timestamp(0));
    doc.id = DocumentId(Uuid::from_u128(1));
    let link = |url: &str| Evidence {
        url: url.into(),
        title: "=A title that is not written".into(),
        note: "a note".into(),
    };
    // (case, label, verdict, sources, verdict cell, rating cell, sources cell)
    type Cells = (&'static str, &'static str, &'static str);
    type Case = (&'static str, Label, Option<Verdict>, Vec<Evidence>, Cells);
    let cases: [Case; 6] = [
        ("not checked yet", Label::Claim, None, vec![], ("", "", "")),
        (
            "rated with two sources",
            Label::Claim,
            Some(Verdict::MostlyTrue),
            vec![link("https://a.example/x?y=1"), link("http://b.example/")],
            (
                "Mostly true",
                "5",
                "https://a.example/x?y=1 http://b.example/",
            ),
        ),
        (
            "false is 1",
            Label::Claim,
            Some(Verdict::False),
            vec![],
            ("False", "1", ""),
        ),
        (
            "true is 6",
            Label::Claim,
            Some(Verdict::True),
            vec![],
            ("True", "6", ""),
        ),
        (
            "unverifiable is 0, off the scale",
            Label::Claim,
            Some(Verdict::Unverifiable),
            vec![link("https://c.example/")],
            ("Unverifiable", "0", "https://c.example/"),
        ),
        ("a quote has none", Label::Quote, None, vec![], ("", "", "")),
    ];
    for (name, label, verdict, evidence, (want_verdict, want_rating, want_sources)) in cases {
        let mut a = annotation(2, label, 0, 24);
        a.verdict = verdict;
        a.evidence = evidence;
        doc.annotations = vec![a];
        let bytes = gloss_csv::export(&[&doc]).expect("exports");
        let rows = rows(&bytes);
        let row = &rows[0];
        assert_eq!(row.len(), 22, "case {name}");
        assert_eq!(
            (row[17].as_str(), row[18].as_str(), row[19].as_str()),
            (want_verdict, want_rating, want_sources),
            "case {name}"
        );
        // The columns before stay where they were.
        assert_eq!(row[3], label.name(), "case {name}");
        assert_eq!(
            row[12], "00000000-0000-0000-0000-000000000002",
            "case {name}"
        );
        // The rating is a number to a spreadsheet (not quoted); the words and links are text.
        let raw = String::from_utf8(bytes).expect("UTF-8");
        if !want_rating.is_empty() {
            let cells =
                format!("\"{want_verdict}\",{want_rating},\"{want_sources}\",\"\",\"false\"\r\n");
            assert!(raw.ends_with(&cells), "case {name}: {raw}");
        }
    }
}

#[test]
fn whose_layer_is_in_the_last_two_columns() {
    let text = "Ana Lima said exports rose.";
    let mut doc = Document::new("Exports".into(), None, text.into(), Timestamp(0));
    doc.id = DocumentId(Uuid::from_u128(1));
    // (case, created_by, curated, created_by cell, curated cell)
    type Case = (
        &'static str,
        Option<&'static str>,
        bool,
        &'static str,
        &'static str,
    );
    let cases: [Case; 5] = [
        (
            "nobody named: the exporting person's own",
            None,
            false,
            "",
            "false",
        ),
        (
            "an annotator's",
            Some("Ana Ruiz"),
            false,
            "Ana Ruiz",
            "false",
        ),
        ("curated by Cleo", Some("Cleo"), true, "Cleo", "true"),
        ("curated, nobody named", None, true, "", "true"),
        (
            "a name a spreadsheet would run",
            Some("=Ben"),
            false,
            "'=Ben",
            "false",
        ),
    ];
    for (name, by, curated, want_by, want_curated) in cases {
        let mut a = annotation(2, Label::Actor, 0, 8);
        a.created_by = by.map(str::to_owned);
        a.curated = curated;
        doc.annotations = vec![a];
        let rows = rows(&gloss_csv::export(&[&doc]).expect("exports"));
        let row = &rows[0];
        assert_eq!(row.len(), 22, "case {name}");
        assert_eq!(
            (row[20].as_str(), row[21].as_str()),
            (want_by, want_curated),
            "case {name}"
        );
        assert_eq!(
            row[3], "Actor",
            "case {name}: the columns before stay where they were"
        );
    }
    // Two people's marks on the same words: a row each, told apart by the last columns.
    let mut ana = annotation(3, Label::Actor, 0, 8);
    ana.created_by = Some("Ana".into());
    let mut ben = annotation(4, Label::Actor, 0, 8);
    ben.created_by = Some("Ben".into());
    doc.annotations = vec![ana, ben];
    let rows = rows(&gloss_csv::export(&[&doc]).expect("exports"));
    let whose: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[6].as_str(), r[20].as_str(), r[21].as_str()))
        .collect();
    assert_eq!(
        whose,
        [("Ana Lima", "Ana", "false"), ("Ana Lima", "Ben", "false")]
    );
}

#[test]
fn a_source_address_that_would_start_a_formula_is_neutralised() {
    // No address Gloss accepts starts with a formula character; the guard is there anyway, as
    // on every text cell.
    assert_eq!(
        gloss_csv::neutralise("https://a.example/"),
        "https://a.example/"
    );
    assert_eq!(gloss_csv::neutralise("=HYPERLINK(1)"), "'=HYPERLINK(1)");
}

#[test]
fn gloss_csv_is_recognised_and_refused_on_import() {
    let doc = {
        let mut d = Document::new("t".into(), None, "Some text.".into(), Timestamp(0));
        d.annotations = vec![annotation(1, Label::Claim, 0, 4)];
        d
    };
    let bytes = gloss_csv::export(&[&doc]).expect("exports");
    assert_eq!(detect(&bytes), Detected::Format(Format::Csv));
    assert_eq!(formats::import(&bytes, Timestamp(0)), Err(FileError::Csv));
    // Another tool's CSV is not taken for Gloss's.
    assert_eq!(detect(b"name,text\r\nAna,hello\r\n"), Detected::Unknown);
    // The export's name and type.
    let file = formats::export(
        Format::Csv,
        &[&doc],
        formats::Scope::Article,
        "Prices",
        Timestamp(0),
    )
    .expect("exports");
    assert_eq!((file.name.as_str(), file.mime), ("Prices.csv", "text/csv"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Every row's start and end give its text cell (once neutralised), its context and note.
    #[test]
    fn rows_give_their_text(
        text in common::article_text(),
        lead in prop::sample::select(vec!["", "=", "+", "-", "@", "\t", "'=", " ="]),
        picks in prop::collection::vec(
            (any::<prop::sample::Index>(), 1usize..6, 0usize..3, "[-=+@a-z\"\n\r\t, ]{0,8}"),
            1..8,
        ),
    ) {
        let text = format!("{lead}{text}");
        let bounds = common::boundaries(&text);
        let mut doc = Document::new("t".into(), None, text.as_str().into(), Timestamp(3));
        for (n, (at, len, label, note)) in picks.into_iter().enumerate() {
            let i = at.index(bounds.len() - 1);
            let j = (i + len).min(bounds.len() - 1);
            let mut a = annotation(n as u128, Label::ALL[label], bounds[i], bounds[j]);
            a.note = note;
            doc.annotations.push(a);
        }
        doc.annotations.sort_by(gloss_core::model::text_order);
        let bytes = gloss_csv::export(&[&doc]).unwrap();
        let rows = rows(&bytes);
        prop_assert_eq!(rows.len(), doc.annotations.len());
        for (row, a) in rows.iter().zip(&doc.annotations) {
            let start: usize = row[4].parse().unwrap();
            let end: usize = row[5].parse().unwrap();
            prop_assert_eq!((start, end), (a.span.start, a.span.end));
            prop_assert_eq!(&row[3], a.label.name());
            let quote = common::slice(&text, start, end);
            prop_assert_eq!(&row[6], &neutralised(&quote));
            let (prefix, suffix) = common::context(&text, start, end);
            prop_assert_eq!(&row[7], &neutralised(&prefix));
            prop_assert_eq!(&row[8], &neutralised(&suffix));
            prop_assert_eq!(&row[9], &neutralised(&a.note));
        }
    }
}
