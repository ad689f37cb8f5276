//! "Who said what": the table per entity (scope, identity across the library, the fallback
//! for actors without an entity, order, filter), the chart's layout and the CSV, read back
//! with the `csv` crate's reader.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::rc::Rc;

use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, DocumentId, Entity, EntityId, Label, Span,
    Timestamp,
};
use gloss_core::who::{self, chart, Row, RowKey, Scope};
use uuid::Uuid;

/// One mark: its id, label, the text it covers (its first occurrence after `after` chars),
/// its source (a mark's id) and entity (an entity's id).
struct Mark {
    id: u128,
    label: Label,
    text: &'static str,
    source: Option<u128>,
    entity: Option<u128>,
}

fn actor(id: u128, text: &'static str, entity: Option<u128>) -> Mark {
    Mark {
        id,
        label: Label::Actor,
        text,
        source: None,
        entity,
    }
}

fn said(id: u128, label: Label, text: &'static str, source: Option<u128>) -> Mark {
    Mark {
        id,
        label,
        text,
        source,
        entity: None,
    }
}

fn ann_id(n: u128) -> AnnotationId {
    AnnotationId(Uuid::from_u128(n))
}

fn entity_id(n: u128) -> EntityId {
    EntityId(Uuid::from_u128(0xE000 + n))
}

fn doc_id(n: u128) -> DocumentId {
    DocumentId(Uuid::from_u128(0xD000 + n))
}

/// A document numbered `n`, updated at `updated`, with `marks` over `text` and `entities`.
fn doc(
    n: u128,
    title: &str,
    date: Option<&str>,
    updated: i64,
    text: &str,
    marks: &[Mark],
    entities: &[(u128, &str)],
) -> Document {
    let mut d = Document::new(
        title.to_owned(),
        date.and_then(ArticleDate::parse),
        Rc::from(text),
        Timestamp(0),
    );
    d.id = doc_id(n);
    d.updated_at = Timestamp(updated);
    for m in marks {
        let byte = text
            .find(m.text)
            .unwrap_or_else(|| panic!("{:?} in text", m.text));
        let start = text[..byte].chars().count();
        let span = Span::new(start, start + m.text.chars().count()).expect("a span");
        let mut a = Annotation::new(ann_id(m.id), m.label, span, Timestamp(0));
        a.source = m.source.map(ann_id);
        a.entity = m.entity.map(entity_id);
        d.annotations.push(a);
    }
    d.annotations.sort_by(gloss_core::model::text_order);
    d.entities = entities
        .iter()
        .map(|&(id, name)| Entity {
            id: entity_id(id),
            name: name.to_owned(),
        })
        .collect();
    d
}

fn library(docs: Vec<Document>) -> BTreeMap<DocumentId, Rc<Document>> {
    docs.into_iter().map(|d| (d.id, Rc::new(d))).collect()
}

const KREMLIN: &str =
    "Kremlin spokesman Dmitry Peskov said: “We are ready.” Peskov added: “Not yet.” \
The White House said talks went well. Putin said nothing. Mr Peskov claimed the talks had stalled.";

/// The Kremlin article: Peskov (2 quotes, 1 claim, 3 mentions), the White House (1 claim),
/// Putin (mentioned, nothing attributed), and a quote without a source.
fn kremlin(n: u128, updated: i64, peskov_name: &str) -> Document {
    doc(
        n,
        "Kremlin talks",
        Some("2025-03-14"),
        updated,
        KREMLIN,
        &[
            actor(1, "Kremlin spokesman Dmitry Peskov", Some(1)),
            actor(2, "Peskov added", Some(1)),
            actor(3, "Mr Peskov", Some(1)),
            actor(4, "The White House", Some(2)),
            actor(5, "Putin", Some(3)),
            said(10, Label::Quote, "“We are ready.”", Some(1)),
            said(11, Label::Quote, "“Not yet.”", Some(2)),
            said(12, Label::Claim, "talks went well", Some(4)),
            said(13, Label::Claim, "the talks had stalled", Some(3)),
            said(14, Label::Quote, "nothing", None),
        ],
        &[(1, peskov_name), (2, "White House"), (3, "Putin")],
    )
}

const SUMMIT: &str = "Dmitry Peskov told reporters “the summit is off”. Ana Lima said it was not.";

/// A second article: Peskov again (same entity id), Ana Lima with a claim.
fn summit(n: u128, updated: i64, date: Option<&str>, peskov_name: &str) -> Document {
    doc(
        n,
        "Summit off",
        date,
        updated,
        SUMMIT,
        &[
            actor(21, "Dmitry Peskov", Some(1)),
            actor(22, "Ana Lima", Some(4)),
            said(30, Label::Quote, "“the summit is off”", Some(21)),
            said(31, Label::Claim, "it was not", Some(22)),
        ],
        &[(1, peskov_name), (4, "Ana Lima")],
    )
}

/// A row as the tables below check it: name, quotes, claims, mentions.
type Summary = (String, usize, usize, usize);

/// Each row's summary, in order.
fn summary(rows: &[Row]) -> Vec<Summary> {
    rows.iter()
        .map(|r| (r.name.clone(), r.quotes, r.claims, r.mentions))
        .collect()
}

fn s(name: &str, quotes: usize, claims: usize, mentions: usize) -> Summary {
    (name.to_owned(), quotes, claims, mentions)
}

#[test]
fn tables_per_scope() {
    let cases: Vec<(&str, Vec<Document>, Scope, Vec<Summary>)> = vec![
        (
            "one article: sorted by total, the mentioned-only entity last with zero",
            vec![kremlin(1, 10, "Dmitry Peskov")],
            Scope::Article(doc_id(1)),
            vec![
                s("Dmitry Peskov", 2, 1, 3),
                s("White House", 0, 1, 1),
                s("Putin", 0, 0, 1),
            ],
        ),
        (
            "the article scope leaves the other articles out",
            vec![
                kremlin(1, 10, "Dmitry Peskov"),
                summit(2, 20, None, "Dmitry Peskov"),
            ],
            Scope::Article(doc_id(2)),
            vec![s("Ana Lima", 0, 1, 1), s("Dmitry Peskov", 1, 0, 1)],
        ),
        (
            "the same entity id in two articles is one row, named by the latest updated",
            vec![
                kremlin(1, 10, "Dmitry Peskov"),
                summit(2, 20, None, "D. S. Peskov"),
            ],
            Scope::Library,
            vec![
                s("D. S. Peskov", 3, 1, 4),
                s("Ana Lima", 0, 1, 1),
                s("White House", 0, 1, 1),
                s("Putin", 0, 0, 1),
            ],
        ),
        (
            "the name comes from the latest updated, whatever the map's order",
            vec![
                kremlin(9, 30, "Peskov (Kremlin)"),
                summit(2, 20, None, "D. S. Peskov"),
            ],
            Scope::Library,
            vec![
                s("Peskov (Kremlin)", 3, 1, 4),
                s("Ana Lima", 0, 1, 1),
                s("White House", 0, 1, 1),
                s("Putin", 0, 0, 1),
            ],
        ),
        (
            "an article the library does not have: no rows",
            vec![kremlin(1, 10, "Dmitry Peskov")],
            Scope::Article(doc_id(7)),
            vec![],
        ),
        ("an empty library: no rows", vec![], Scope::Library, vec![]),
    ];
    for (name, docs, scope, want) in cases {
        let lib = library(docs);
        assert_eq!(summary(&who::table(&lib, scope)), want, "{name}");
    }
}

const OLD: &str = "Mr Peskov said “no”. Peskov's aide said “maybe”. The Kremlin claimed victory.";

/// An article marked before entities existed: no actor has an entity.
fn old_article(n: u128) -> Document {
    doc(
        n,
        "Old",
        Some("2024-01-02"),
        5,
        OLD,
        &[
            actor(41, "Mr Peskov", None),
            actor(42, "Peskov's", None),
            actor(43, "The Kremlin", None),
            said(50, Label::Quote, "“no”", Some(41)),
            said(51, Label::Quote, "“maybe”", Some(42)),
            said(52, Label::Claim, "victory", Some(43)),
        ],
        &[],
    )
}

#[test]
fn actors_without_an_entity_group_by_name() {
    let cases: Vec<(&str, Vec<Document>, Vec<Summary>)> = vec![
        (
            "mentions group by name key: titles, case and possessives ignored",
            vec![old_article(1)],
            vec![s("Peskov", 2, 0, 2), s("Kremlin", 0, 1, 1)],
        ),
        (
            "a group joins the one entity with the same name key",
            vec![
                old_article(1),
                doc(
                    2,
                    "New",
                    None,
                    9,
                    "Peskov spoke.",
                    &[actor(60, "Peskov", Some(7))],
                    &[(7, "Peskov")],
                ),
            ],
            vec![s("Peskov", 2, 0, 3), s("Kremlin", 0, 1, 1)],
        ),
        (
            "two entities with that name: the group stays its own row",
            vec![
                old_article(1),
                doc(
                    2,
                    "Two Peskovs",
                    None,
                    9,
                    "Peskov met Peskov junior.",
                    &[
                        actor(60, "Peskov met", Some(7)),
                        actor(61, "Peskov junior", Some(8)),
                    ],
                    &[(7, "Peskov"), (8, "Peskov")],
                ),
            ],
            vec![
                s("Peskov", 2, 0, 2),
                s("Kremlin", 0, 1, 1),
                s("Peskov", 0, 0, 1),
                s("Peskov", 0, 0, 1),
            ],
        ),
    ];
    for (name, docs, want) in cases {
        let lib = library(docs);
        let rows = who::table(&lib, Scope::Library);
        assert_eq!(summary(&rows), want, "{name}");
    }
    let lib = library(vec![old_article(1)]);
    let rows = who::table(&lib, Scope::Library);
    assert_eq!(rows[0].key, RowKey::Name("peskov".to_owned()));
    assert_eq!(rows[0].key.slug(), "name-peskov");
}

#[test]
fn items_say_where_and_who() {
    let lib = library(vec![
        summit(2, 20, None, "Dmitry Peskov"),
        kremlin(1, 10, "Dmitry Peskov"),
        summit(3, 5, Some("2024-12-31"), "Dmitry Peskov"),
    ]);
    let rows = who::table(&lib, Scope::Library);
    let peskov = &rows[0];
    assert_eq!(peskov.key, RowKey::Entity(entity_id(1)));
    let items: Vec<(DocumentId, &str, &str, Label)> = peskov
        .items
        .iter()
        .map(|i| (i.document, i.text.as_str(), i.mention.as_str(), i.label))
        .collect();
    assert_eq!(
        items,
        vec![
            // By date (undated last), then text order.
            (
                doc_id(3),
                "“the summit is off”",
                "Dmitry Peskov",
                Label::Quote
            ),
            (
                doc_id(1),
                "“We are ready.”",
                "Kremlin spokesman Dmitry Peskov",
                Label::Quote
            ),
            (doc_id(1), "“Not yet.”", "Peskov added", Label::Quote),
            (
                doc_id(1),
                "the talks had stalled",
                "Mr Peskov",
                Label::Claim
            ),
            (
                doc_id(2),
                "“the summit is off”",
                "Dmitry Peskov",
                Label::Quote
            ),
        ]
    );
    let first = &peskov.items[1];
    assert_eq!(first.title, "Kremlin talks");
    assert_eq!(
        first.date.map(|d| d.to_string()).as_deref(),
        Some("2025-03-14")
    );
    assert_eq!(first.annotation, ann_id(10));
    assert_eq!(peskov.total(), 5);
    assert_eq!(peskov.count(Label::Actor), 0);
}

#[test]
fn broken_links_count_for_nobody() {
    let text = "Ana said “yes”. Bo said “no”. Cy said “maybe”.";
    let d = doc(
        1,
        "Broken",
        None,
        1,
        text,
        &[
            actor(1, "Ana", Some(1)),
            said(2, Label::Quote, "“yes”", Some(1)),
            // Its source is a quote, not an actor.
            said(3, Label::Quote, "“no”", Some(2)),
            // Its source is not in the document.
            said(4, Label::Quote, "“maybe”", Some(99)),
            said(5, Label::Claim, "Bo", None),
        ],
        &[(1, "Ana")],
    );
    let lib = library(vec![d]);
    assert_eq!(
        summary(&who::table(&lib, Scope::Library)),
        vec![s("Ana", 1, 0, 1)]
    );
    assert_eq!(who::unattributed(&lib, Scope::Library), 3);
    let lib = library(vec![kremlin(1, 1, "Dmitry Peskov")]);
    assert_eq!(who::unattributed(&lib, Scope::Article(doc_id(1))), 1);
}

#[test]
fn ties_sort_by_name_ignoring_case() {
    let text = "zed said a. Amy said b. bob said c.";
    let d = doc(
        1,
        "Ties",
        None,
        1,
        text,
        &[
            actor(1, "zed", Some(1)),
            actor(2, "Amy", Some(2)),
            actor(3, "bob", Some(3)),
            said(4, Label::Claim, "a.", Some(1)),
            said(5, Label::Claim, "b.", Some(2)),
            said(6, Label::Quote, "c.", Some(3)),
        ],
        &[(1, "zed"), (2, "Amy"), (3, "bob")],
    );
    let rows = who::table(&library(vec![d]), Scope::Library);
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Amy", "bob", "zed"]);
}

#[test]
fn the_filter_matches_names() {
    let lib = library(vec![
        kremlin(1, 10, "Dmitry Peskov"),
        summit(2, 20, None, "Dmitry Peskov"),
    ]);
    let rows = who::table(&lib, Scope::Library);
    for (needle, want) in [
        (
            "",
            vec!["Dmitry Peskov", "Ana Lima", "White House", "Putin"],
        ),
        (
            "  ",
            vec!["Dmitry Peskov", "Ana Lima", "White House", "Putin"],
        ),
        ("pes", vec!["Dmitry Peskov"]),
        ("PESKOV ", vec!["Dmitry Peskov"]),
        (
            "i",
            vec!["Dmitry Peskov", "Ana Lima", "White House", "Putin"],
        ),
        ("house", vec!["White House"]),
        ("nobody", vec![]),
    ] {
        let names: Vec<String> = who::filter(&rows, needle)
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(names, want, "{needle:?}");
    }
}

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
