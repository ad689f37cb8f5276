//! "Who said what": the table per entity (scope, identity across the library, the fallback
//! for actors without an entity, order, filter); in [`export`] the chart's layout, the CSV
//! and the view as a dialog.
#![cfg(not(target_arch = "wasm32"))]

// A test file is a crate root: its modules are named by path.
#[path = "who/export.rs"]
mod export;
#[path = "who/fixtures.rs"]
mod fixtures;

use gloss_core::model::{Document, DocumentId, Label};
use gloss_core::who::{self, RowKey, Scope};

use fixtures::*;

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
