//! The chart's layout, the CSV (read back with the `csv` crate's reader) and its file name,
//! and the view as a dialog that Escape closes.

use std::rc::Rc;

use gloss_core::model::{Label, Timestamp};
use gloss_core::who::{self, chart, Row, RowKey, Scope};

use super::fixtures::*;

fn row(n: u128, quotes: usize, claims: usize) -> Row {
    Row {
        key: RowKey::Entity(entity_id(n)),
        name: format!("Person {n}"),
        claims,
        quotes,
        mentions: 1,
        items: Vec::new(),
    }
}

#[test]
fn the_chart_shows_the_top_ten_stacked() {
    let mut rows: Vec<Row> = (1..=12).map(|n| row(n, 13 - n as usize, 1)).collect();
    rows.push(row(20, 0, 0));
    let chart = chart::layout(&rows, chart::TOP);
    assert_eq!(chart.bars.len(), 10);
    assert_eq!(chart.bars[0].name, "Person 1");
    assert_eq!(chart.bars[0].total, 13);
    // 13 rounds up to 15 (steps of 5).
    assert_eq!(chart.max, 15);
    assert_eq!(
        chart.ticks.iter().map(|t| t.0).collect::<Vec<_>>(),
        [0, 5, 10, 15]
    );
    let first = &chart.bars[0].segments;
    assert_eq!(first.len(), 2);
    assert_eq!((first[0].label, first[0].count), (Label::Quote, 12));
    assert_eq!((first[1].label, first[1].count), (Label::Claim, 1));
    assert!((first[0].width - 12.0 / 15.0).abs() < 1e-9);
    assert!((first[1].x - first[0].width).abs() < 1e-9);
    assert!(chart
        .bars
        .iter()
        .all(|b| b.segments.iter().all(|s| s.x + s.width <= 1.0 + 1e-9)));

    // Only rows with something attributed; a label with no count has no segment.
    let chart = chart::layout(&[row(1, 0, 2), row(2, 0, 0)], chart::TOP);
    assert_eq!(chart.bars.len(), 1);
    assert_eq!(chart.bars[0].segments.len(), 1);
    assert_eq!(chart.max, 2);
    let empty = chart::layout(&[row(2, 0, 0)], chart::TOP);
    assert!(empty.bars.is_empty());
    assert_eq!(empty.max, 1);
}

/// The rows after the header, read by the csv crate's reader.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_csv_has_one_row_per_quote_or_claim() {
    let text = "=Evil said “+cmd|' /C calc'!A0”. Ana said “fine, \"really\"”.";
    let d = doc(
        1,
        "@Title",
        Some("2025-01-31"),
        1,
        text,
        &[
            actor(1, "=Evil", Some(1)),
            actor(2, "Ana", Some(2)),
            said(3, Label::Quote, "“+cmd|' /C calc'!A0”", Some(1)),
            said(4, Label::Claim, "“fine, \"really\"”", Some(2)),
        ],
        &[(1, "=Evil"), (2, "Ana")],
    );
    let lib = library(vec![d, kremlin(2, 2, "Dmitry Peskov")]);
    let rows = who::table(&lib, Scope::Article(doc_id(1)));
    let bytes = who::csv::export(&rows).expect("written");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(text.starts_with("\u{FEFF}entity,mention,label,text,article,date\r\n"));
    assert!(text.ends_with("\r\n"));
    let read = csv_rows(&bytes);
    assert_eq!(
        read,
        vec![
            vec!["entity", "mention", "label", "text", "article", "date"],
            vec![
                "'=Evil",
                "'=Evil",
                "Quote",
                "“+cmd|' /C calc'!A0”",
                "'@Title",
                "2025-01-31"
            ],
            vec![
                "Ana",
                "Ana",
                "Claim",
                "“fine, \"really\"”",
                "'@Title",
                "2025-01-31"
            ],
        ]
    );
    // Rows with nothing attributed write nothing; an empty table writes the header only.
    let empty = who::csv::export(&[]).expect("written");
    assert_eq!(csv_rows(&empty).len(), 1);
}

#[test]
fn the_csv_file_is_named_by_scope() {
    let at = Timestamp(1_790_000_000_123);
    let article =
        who::csv::file(&[], Scope::Article(doc_id(1)), "Talks: day 2", at).expect("a file");
    assert_eq!(article.name, "who-said-what-Talks- day 2.csv");
    assert_eq!(article.mime, "text/csv");
    let lib = who::csv::file(&[], Scope::Library, "", at).expect("a file");
    assert_eq!(lib.name, "who-said-what-library-2026-09-21.csv");
}

#[test]
fn the_view_opens_as_a_dialog_and_escape_closes_it() {
    use gloss_core::keys::{self, KeyCommand, KeyTarget, Modifiers};
    use gloss_core::state::{Action, Dialog, State};

    let state = Rc::new(State::with_document(kremlin(1, 1, "Dmitry Peskov")));
    let open = Rc::clone(&state).reduce(Action::OpenDialog(Dialog::WhoSaidWhat));
    assert_eq!(open.dialog, Some(Dialog::WhoSaidWhat));
    let again = Rc::clone(&open).reduce(Action::OpenDialog(Dialog::WhoSaidWhat));
    assert!(
        Rc::ptr_eq(&open, &again),
        "opening it again changes nothing"
    );
    for (key, target, want) in [
        ("Escape", KeyTarget::TextField, vec![Action::CloseDialog]),
        ("Escape", KeyTarget::Other, vec![Action::CloseDialog]),
        // Typed in the filter field, a label key is a letter.
        ("q", KeyTarget::TextField, vec![]),
        ("2", KeyTarget::TextField, vec![]),
    ] {
        let intent = keys::intent(key, Modifiers::default()).expect("a key Gloss knows");
        let response = keys::respond(&open, intent, target, Timestamp(0));
        assert_eq!(response.command, KeyCommand::Dispatch(want), "{key}");
    }
    let closed = Rc::clone(&open).reduce(Action::CloseDialog);
    assert_eq!(closed.dialog, None);
}
