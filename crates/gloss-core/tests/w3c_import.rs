//! W3C Web Annotation import: every shape of file (collection, page, one annotation, a list),
//! files of Hypothesis and Recogito, placement through `merge_into`, labels, notes, times and
//! ids, limits and errors.
#![cfg(not(target_arch = "wasm32"))]

mod w3c_fixtures;

use gloss_core::formats::parsed::{MAX_ANNOTATIONS, MAX_FILE_BYTES};
use gloss_core::formats::time::from_rfc3339;
use gloss_core::formats::w3c::{import, ANNO_CONTEXT};
use gloss_core::formats::{self, FileError};
use gloss_core::model::Label;
use serde_json::{json, Value};
use w3c_fixtures::*;

// ---- import: shapes ----------------------------------------------------------------------

#[test]
fn every_shape_of_file_is_read() {
    let doc = rich();
    let file = exported(&[&doc]);
    let mut page = file["first"].clone();
    page["@context"] = json!(ANNO_CONTEXT);
    let list = file["first"]["items"].clone();
    let one = list[0].clone();
    // The same five annotations over two pages, the second embedded as `next`.
    let mut paged = file.clone();
    let all = list.as_array().unwrap().clone();
    paged["first"]["items"] = json!(all[..2]);
    paged["first"]["next"] = json!({"id": "urn:uuid:00000000-0000-0000-0000-000000000077", "type": "AnnotationPage", "items": all[2..]});
    for (name, value, count) in [
        ("a collection", file.clone(), 5),
        ("a page", page, 5),
        ("a list", list, 5),
        ("one annotation", one, 1),
        ("a collection of two pages", paged, 5),
    ] {
        let parsed = formats::import(value.to_string().as_bytes(), AT)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(parsed.problems.is_empty(), "{name}: {:?}", parsed.problems);
        let out = merged(parsed, TEXT);
        assert!(
            out.orphans.is_empty() && out.problems.is_empty(),
            "{name}: {out:?}"
        );
        assert_eq!(out.annotations_added, count, "{name}");
    }
}

#[test]
fn pages_that_are_only_linked_are_reported() {
    let file = json!({
        "@context": ANNO_CONTEXT, "id": "https://example.org/c", "type": "AnnotationCollection",
        "total": 40, "first": "https://example.org/c/page1"
    });
    match import(file.to_string().as_bytes(), AT) {
        Err(FileError::Invalid { format, reason }) => {
            assert_eq!(format, "W3C Web Annotation");
            assert!(
                reason.contains("only a link") && reason.contains("https://example.org/c/page1"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    let mut page = exported(&[&rich()])["first"].clone();
    page["next"] = json!("https://example.org/c/page2");
    let parsed = parse(&page);
    assert_eq!(parsed.loose[0].annotations.len(), 5);
    assert_eq!(parsed.problems.len(), 1);
    assert!(
        parsed.problems[0].reason.contains("further page")
            && parsed.problems[0].reason.contains("page2")
    );
}

#[test]
fn json_ld_that_is_not_annotations_is_refused_with_a_reason() {
    let cases = [
        (
            json!({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x"}),
            &["JSON-LD", "NewsArticle"][..],
        ),
        (
            json!({"@context": ANNO_CONTEXT, "type": "Person"}),
            &["JSON-LD", "Person"][..],
        ),
        (json!({"@context": ANNO_CONTEXT}), &["no “type”"][..]),
        (
            json!([{"@context": ANNO_CONTEXT, "name": "x"}]),
            &["none of its entries is an annotation"][..],
        ),
        (
            json!({"@context": ANNO_CONTEXT, "type": "AnnotationPage", "items": 3}),
            &["no “items” list"][..],
        ),
        (
            json!({"@context": ANNO_CONTEXT, "type": "AnnotationCollection", "total": 3}),
            &["3 annotations", "no page"][..],
        ),
    ];
    for (value, words) in cases {
        match formats::import(value.to_string().as_bytes(), AT) {
            Err(FileError::Invalid {
                format: "W3C Web Annotation",
                reason,
            }) => {
                for w in words {
                    assert!(reason.contains(w), "{value}: {reason:?} lacks {w:?}");
                }
            }
            other => panic!("{value}: {other:?}"),
        }
    }
}

#[test]
fn limits_refuse_the_file() {
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert_eq!(import(deep.as_bytes(), AT), Err(FileError::TooDeep));
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(
        import(&big, AT),
        Err(FileError::TooLarge {
            size: MAX_FILE_BYTES + 1
        })
    );
    let many = format!(
        "[{}]",
        vec![r#"{"target":"x"}"#; MAX_ANNOTATIONS + 1].join(",")
    );
    assert_eq!(
        import(many.as_bytes(), AT),
        Err(FileError::TooManyAnnotations(MAX_ANNOTATIONS + 1))
    );
    // Over two pages too.
    let half = vec![json!("urn:x"); MAX_ANNOTATIONS / 2 + 1];
    let paged = json!({"type": "AnnotationPage", "items": half, "next": {"type": "AnnotationPage", "items": half}});
    assert_eq!(
        import(paged.to_string().as_bytes(), AT),
        Err(FileError::TooManyAnnotations(MAX_ANNOTATIONS + 2))
    );
    assert!(matches!(
        import(b"[{\"target\":", AT),
        Err(FileError::Truncated { .. })
    ));
    assert!(matches!(
        import(b"{\"target\" 1}", AT),
        Err(FileError::NotJson(_))
    ));
    assert_eq!(import(b"\xff\xfe{}", AT), Err(FileError::NotUtf8));
}

// ---- import: other tools -----------------------------------------------------------------

/// "😀😀 said: rain, rain": code points 😀0 😀1 ␠2 s3 a4 i5 d6 :7 ␠8 r9…n12 ,13 ␠14 r15…n18.
/// In UTF-16 each 😀 is two units, so the first "rain" is 11..15 and the second 17..21.
const RAIN: &str = "😀😀 said: rain, rain";

fn hypothesis(start: u64, end: u64, prefix: &str) -> Value {
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": format!("https://hypothes.is/a/{start}"),
        "created": "2025-03-14T10:00:00.000000+00:00",
        "modified": "2025-03-14T11:00:00.000000+00:00",
        "body": [
            {"type": "TextualBody", "value": "Weather **again**", "format": "text/markdown"},
            {"type": "TextualBody", "purpose": "tagging", "value": "Claim"}
        ],
        "target": [{
            "source": "https://example.org/news/rain",
            "selector": [
                {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0, "endContainer": "/p[1]", "endOffset": 4},
                {"type": "TextPositionSelector", "start": start, "end": end},
                {"type": "TextQuoteSelector", "exact": "rain", "prefix": prefix, "suffix": ""}
            ]
        }]
    })
}

#[test]
fn hypothesis_utf16_positions_land_on_the_right_words() {
    let file = json!([hypothesis(11, 15, "said: "), hypothesis(17, 21, "rain, ")]);
    let parsed = formats::import(file.to_string().as_bytes(), AT).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.loose.len(), 1);
    assert_eq!(parsed.loose[0].text_sha256, None);
    assert_eq!(parsed.loose[0].name, "“https://example.org/news/rain”");
    let loose = &parsed.loose[0].annotations[0];
    assert_eq!(loose.position, Some((11, 15)));
    assert!(!loose.identified && loose.dated);
    let out = merged(parsed.clone(), RAIN);
    assert!(out.orphans.is_empty() && out.problems.is_empty(), "{out:?}");
    let got = &out.documents[0].annotations;
    assert_eq!(
        got.iter()
            .map(|a| (a.span.start, a.span.end))
            .collect::<Vec<_>>(),
        vec![(9, 13), (15, 19)]
    );
    for a in got {
        assert_eq!(a.label, Label::Claim);
        assert_eq!(a.note, "Weather **again**");
        assert_eq!(a.created_at, from_rfc3339("2025-03-14T10:00:00Z").unwrap());
        assert_eq!(a.updated_at, from_rfc3339("2025-03-14T11:00:00Z").unwrap());
    }
    // Their ids come from Hypothesis's: the same file twice gives the same ids.
    let again = formats::import(file.to_string().as_bytes(), AT).unwrap();
    assert_eq!(again, parsed);
    assert_ne!(got[0].id, got[1].id);
}

#[test]
fn recogito_quotes_are_placed_by_their_context_and_ambiguous_ones_are_listed() {
    let recogito = |id: &str, tag: &str, prefix: &str| {
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": id,
            "type": "Annotation",
            "body": [
                {"type": "TextualBody", "purpose": "tagging", "value": tag},
                {"type": "TextualBody", "purpose": "commenting", "value": "seen twice"}
            ],
            "target": {"source": "http://recogito.example/doc/1", "selector": {"type": "TextQuoteSelector", "exact": "rain", "prefix": prefix}}
        })
    };
    let file = json!({
        "@context": ANNO_CONTEXT, "type": "AnnotationPage",
        "items": [
            recogito("#a1", "ACTOR", "said: "),
            recogito("#a2", "quote", ", "),
            recogito("#a3", "Claim", ""),
        ]
    });
    let parsed = formats::import(file.to_string().as_bytes(), AT).unwrap();
    let out = merged(parsed, RAIN);
    let got: Vec<_> = out.documents[0]
        .annotations
        .iter()
        .map(|a| (a.span.start, a.span.end, a.label, a.note.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (9, 13, Label::Actor, "seen twice"),
            (15, 19, Label::Quote, "seen twice")
        ]
    );
    assert_eq!(out.orphans.len(), 1, "{out:?}");
    assert_eq!(out.orphans[0].annotation.as_deref(), Some("Claim “rain”"));
    assert!(
        out.orphans[0].reason.contains("appears several times"),
        "{}",
        out.orphans[0]
    );
    assert!(out
        .summary()
        .contains("1 annotation(s) could not be placed"));
}

#[test]
fn labels_are_matched_without_case_and_others_are_counted_by_name() {
    let ann = |body: Value| json!({"type": "Annotation", "body": body, "target": {"source": "urn:x", "selector": {"type": "TextQuoteSelector", "exact": "said"}}});
    let file = json!([
        ann(json!({"purpose": "tagging", "value": "PERSON"})),
        ann(
            json!([{"purpose": "tagging", "value": "PERSON"}, {"purpose": "commenting", "value": "n"}])
        ),
        ann(json!({"purpose": "classifying", "value": "Place"})),
        ann(json!({"type": "TextualBody", "value": "just a comment"})),
        ann(
            json!([{"purpose": "tagging", "value": "Place"}, {"purpose": "tagging", "value": "qUoTe"}])
        ),
        ann(json!("https://example.org/body")),
    ]);
    let parsed = parse(&file);
    let reasons: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        vec![
            "Label “PERSON”: 2 annotations skipped (Gloss marks Claim, Quote and Actor)".to_owned(),
            "Label “Place”: 1 annotation skipped (Gloss marks Claim, Quote and Actor)".to_owned(),
            "The file: 2 annotations skipped: they have no tag (Gloss reads the label, Claim, Quote or Actor, from a body with the purpose “tagging”)".to_owned(),
        ]
    );
    assert_eq!(parsed.loose.len(), 1);
    assert_eq!(parsed.loose[0].annotations.len(), 1);
    assert_eq!(
        parsed.loose[0].annotations[0].annotation.label,
        Label::Quote
    );
}

#[test]
fn notes_times_and_ids_are_read_as_the_model_gives_them() {
    let id = "urn:uuid:6f1c1bde-3b8a-4d5e-9a63-0c8f1f7e2b11";
    let target = json!({"source": "urn:x", "selector": [{"type": "TextPositionSelector", "start": 9, "end": 13}]});
    let file = json!([
        // bodyValue is a plain-text comment; no tag body, but a Hypothesis-style tag list.
        {"type": "Annotation", "id": id, "bodyValue": "plain", "tags": ["actor"], "target": target, "created": "2025-01-01T00:00:00Z"},
        // Several comments, a textual body that repeats the tag (not a note), bad times.
        {"id": "no-uuid", "target": target, "modified": "soon", "body": [
            {"purpose": "tagging", "value": "claim"},
            {"type": "TextualBody", "value": "Claim"},
            {"purpose": ["commenting"], "value": "one"},
            {"purpose": "commenting", "value": "two"},
            {"purpose": "describing", "value": "not a comment"}
        ]},
        // The same UUID again.
        {"type": "Annotation", "id": id, "body": {"purpose": "tagging", "value": "quote"}, "target": target},
        {"type": "Note", "target": target},
        {"body": {"purpose": "tagging", "value": "quote"}},
        "urn:uuid:00000000-0000-0000-0000-000000000001",
        7,
    ]);
    let parsed = parse(&file);
    let a = &parsed.loose[0].annotations;
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[0].annotation.id.to_string(),
        id.trim_start_matches("urn:uuid:")
    );
    assert!(a[0].identified && !a[0].dated);
    assert_eq!(a[0].annotation.label, Label::Actor);
    assert_eq!(a[0].annotation.note, "plain");
    assert_eq!(
        a[0].annotation.created_at,
        from_rfc3339("2025-01-01T00:00:00Z").unwrap()
    );
    assert_eq!(a[0].annotation.updated_at, a[0].annotation.created_at);
    assert_eq!(a[0].position, Some((9, 13)));
    assert_eq!(a[0].quote, None);
    assert!(!a[1].identified && !a[1].dated);
    assert_eq!(a[1].annotation.note, "one\n\ntwo");
    assert_eq!(
        (a[1].annotation.created_at, a[1].annotation.updated_at),
        (AT, AT)
    );
    let reasons: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(reasons.len(), 5, "{reasons:#?}");
    assert!(
        reasons[0].contains("annotation 3 (urn:uuid:6f1c1bde") && reasons[0].contains("used twice"),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[1].contains("annotation 4") && reasons[1].contains("“Note”, not an Annotation"),
        "{}",
        reasons[1]
    );
    assert!(
        reasons[2].contains("annotation 5") && reasons[2].contains("no target"),
        "{}",
        reasons[2]
    );
    assert!(
        reasons[3].contains("annotation 6") && reasons[3].contains("only a link"),
        "{}",
        reasons[3]
    );
    assert!(
        reasons[4].contains("annotation 7") && reasons[4].contains("not a JSON object"),
        "{}",
        reasons[4]
    );
    // Placed by position alone (no quote to check it against).
    let out = merged(parsed, RAIN);
    assert_eq!(out.annotations_added, 2, "{out:?}");
}

#[test]
fn a_target_without_selectors_cannot_be_placed_and_says_why() {
    let file = json!({"type": "Annotation", "body": {"purpose": "tagging", "value": "claim"}, "target": "https://example.org/page"});
    let out = merged(parse(&file), RAIN);
    assert_eq!(out.orphans.len(), 1);
    assert!(
        out.orphans[0]
            .reason
            .contains("neither a position nor a quote"),
        "{}",
        out.orphans[0]
    );
}
