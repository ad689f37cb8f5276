//! The server's answers as CouchDB 3.x writes them (shapes from its API reference), read by
//! `sync::wire`, and the addresses Gloss asks: tables of named cases.

use gloss_core::sync::wire::{self, Address, Refused};
use gloss_core::sync::{Rev, SyncError};
use serde_json::json;

#[test]
fn database_urls() {
    let ok = [
        ("/db/team", "/db/", "/db/team"),
        ("/db/team/", "/db/", "/db/team"),
        ("  /db/team  ", "/db/", "/db/team"),
        (
            "https://couch.example.org/study_2026",
            "https://couch.example.org/",
            "https://couch.example.org/study_2026",
        ),
        (
            "http://127.0.0.1:5984/a$b(c)+d-e",
            "http://127.0.0.1:5984/",
            "http://127.0.0.1:5984/a$b(c)+d-e",
        ),
    ];
    for (url, root, database) in ok {
        let address = Address::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(address.root, root, "{url}");
        assert_eq!(address.database, database, "{url}");
    }
    let refused = [
        ("", "empty"),
        ("team", "not a path nor an address"),
        ("/db/Team", "upper case"),
        ("/db/9team", "digit first"),
        ("/db/team?x=1", "a query"),
        ("/db/te am", "a space"),
        ("https://", "no host"),
        ("ftp://host/team", "another scheme"),
        ("/", "no name"),
    ];
    for (url, why) in refused {
        assert_eq!(
            Address::parse(url),
            Err(SyncError::BadUrl),
            "{why}: {url:?}"
        );
    }
}

#[test]
fn addresses_asked() {
    let a = Address::parse("/db/team").expect("an address");
    assert_eq!(a.session(), "/db/_session");
    assert_eq!(a.bulk_docs(), "/db/team/_bulk_docs");
    assert_eq!(
        a.changes(None, 200, None),
        "/db/team/_changes?style=all_docs&include_docs=true&conflicts=true&limit=200"
    );
    assert_eq!(
        a.changes(Some(&json!("12-g1AAAA/x")), 5, Some(25_000)),
        "/db/team/_changes?style=all_docs&include_docs=true&conflicts=true&limit=5\
         &since=12-g1AAAA%2Fx&feed=longpoll&timeout=25000"
    );
    assert!(a.changes(Some(&json!(7)), 5, None).ends_with("&since=7"));
    let revs = [
        Rev::parse("2-aa").expect("rev"),
        Rev::parse("2-bb").expect("rev"),
    ];
    assert_eq!(
        a.open_revs("annotation:1", &revs),
        "/db/team/annotation%3A1?open_revs=%5B%222-aa%22%2C%222-bb%22%5D"
    );
}

#[test]
fn a_page_of_the_changes_feed() {
    let text = json!({
        "results": [
            { "seq": "1-a", "id": "article:1", "changes": [{ "rev": "1-aa" }],
              "doc": { "_id": "article:1", "_rev": "1-aa", "type": "article" } },
            { "seq": "2-b", "id": "annotation:2", "changes": [{ "rev": "3-cc" }, { "rev": "3-bb" }],
              "doc": { "_id": "annotation:2", "_rev": "3-cc", "_conflicts": ["3-bb"] } },
            { "seq": "3-c", "id": "annotation:3", "deleted": true, "changes": [{ "rev": "2-dd" }],
              "doc": { "_id": "annotation:3", "_rev": "2-dd", "_deleted": true } },
            { "seq": "4-d", "id": "odd", "changes": [{ "rev": "not a rev" }] }
        ],
        "last_seq": "4-d",
        "pending": 12
    })
    .to_string();
    let page = wire::changes(&text).expect("a page");
    assert_eq!(page.last_seq, json!("4-d"));
    assert_eq!(page.pending, 12);
    let ids: Vec<&str> = page.changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["article:1", "annotation:2", "annotation:3"],
        "a change with no readable revision is passed over"
    );
    assert_eq!(
        page.changes[1].rev.to_string(),
        "3-cc",
        "the document's own revision wins"
    );
    assert!(page.changes[2].deleted);
    assert_eq!(
        page.conflicted,
        vec![(
            "annotation:2".to_owned(),
            vec![Rev::parse("3-bb").expect("rev")]
        )]
    );
    // Without `pending` (CouchDB 1.x, some servers) nothing is said to be left.
    let page = wire::changes(r#"{"results":[],"last_seq":0}"#).expect("a page");
    assert_eq!(page.pending, 0);
    assert!(matches!(
        wire::changes("<html>"),
        Err(SyncError::Unreadable(_))
    ));
}

#[test]
fn other_leaves_and_refusals() {
    let text = json!([
        { "ok": { "_id": "a", "_rev": "3-bb", "note": "x" } },
        { "ok": { "_id": "a", "_rev": "3-ee", "_deleted": true } },
        { "missing": "3-ff" }
    ])
    .to_string();
    let bodies = wire::open_revs(&text).expect("leaves");
    assert_eq!(bodies.len(), 1, "deleted and missing leaves are not bodies");
    assert_eq!(bodies[0].0.to_string(), "3-bb");

    // With new_edits: false CouchDB lists only what it refused.
    assert_eq!(wire::bulk_docs("[]"), Ok(Vec::new()));
    let refused = wire::bulk_docs(
        &json!([{ "id": "annotation:1", "error": "forbidden", "reason": "Read only" },
                { "id": "annotation:2", "rev": "1-aa" }])
        .to_string(),
    )
    .expect("an answer");
    let first = Refused {
        id: "annotation:1".into(),
        error: "forbidden".into(),
        reason: "Read only".into(),
    };
    assert_eq!(refused, vec![first.clone()]);
    assert_eq!(
        wire::refusal(&refused),
        Some(SyncError::Forbidden("Read only".into()))
    );
    let unauthorized = Refused {
        error: "unauthorized".into(),
        ..first
    };
    assert!(matches!(
        wire::refusal(&[unauthorized]),
        Some(SyncError::Forbidden(_))
    ));
    assert_eq!(wire::refusal(&[]), None);
}

#[test]
fn what_a_status_means() {
    let couch = |error: &str, reason: &str| json!({ "error": error, "reason": reason }).to_string();
    let cases = [
        (
            "wrong password at sign-in",
            401,
            couch("unauthorized", "Name or password is incorrect."),
            true,
            SyncError::WrongPassword,
        ),
        (
            "session gone later",
            401,
            couch("unauthorized", "You are not authorized"),
            false,
            SyncError::SignedOut,
        ),
        (
            "not allowed",
            403,
            couch("forbidden", "Read only"),
            false,
            SyncError::Forbidden("Read only".into()),
        ),
        (
            "a reason's own full stop is dropped",
            403,
            couch("forbidden", "Read only. "),
            false,
            SyncError::Forbidden("Read only".into()),
        ),
        (
            "no database",
            404,
            couch("not_found", "Database does not exist."),
            false,
            SyncError::NoDatabase,
        ),
        (
            "a server error with CouchDB's words",
            500,
            couch("internal", "boom"),
            false,
            SyncError::Server {
                status: 500,
                reason: "boom".into(),
            },
        ),
    ];
    for (name, status, body, signing_in, want) in cases {
        assert_eq!(wire::failure(status, &body, signing_in), want, "{name}");
    }
    // Unreachable: a gateway's answer, or a server error that is not CouchDB's JSON.
    let reachable = [
        (500, couch("internal", "boom")),
        (401, String::new()),
        (404, "<html>".into()),
    ];
    for (status, body) in reachable {
        assert!(!wire::unreachable(status, &body), "{status} {body}");
    }
    let gone = [
        (502, couch("x", "y")),
        (503, String::new()),
        (504, "<html>".into()),
        (500, "<html>".into()),
        (599, String::new()),
    ];
    for (status, body) in gone {
        assert!(wire::unreachable(status, &body), "{status} {body}");
    }
}

#[test]
fn a_401_told_apart_by_the_session() {
    let signed_in = json!({ "ok": true, "userCtx": { "name": "bob", "roles": [] } }).to_string();
    let nobody = json!({ "ok": true, "userCtx": { "name": null, "roles": [] } }).to_string();
    assert_eq!(
        wire::unauthorized(Some(&signed_in)),
        SyncError::NotMember("bob".into())
    );
    assert_eq!(wire::unauthorized(Some(&nobody)), SyncError::SignedOut);
    assert_eq!(wire::unauthorized(Some("not json")), SyncError::SignedOut);
    assert_eq!(wire::unauthorized(None), SyncError::SignedOut);
    assert!(SyncError::NotMember("bob".into())
        .to_string()
        .starts_with("you are signed in as bob, who is not a member of this database"));
}

#[test]
fn the_session_form() {
    assert_eq!(
        wire::session_form("ana maría", "p&ss=wörd"),
        "name=ana%20mar%C3%ADa&password=p%26ss%3Dw%C3%B6rd"
    );
}
