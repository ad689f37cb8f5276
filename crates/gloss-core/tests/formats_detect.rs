//! Which reader a file gets, told from its content (never its name), and what files chosen or
//! dropped together become.

use gloss_core::formats::{detect, import_files, Arrival, Detected, FileError, Format};
use gloss_core::model::Timestamp;

const AT: Timestamp = Timestamp(1_700_000_000_000);

#[test]
fn the_format_is_told_from_the_content() {
    let cases: &[(&str, &[u8], Detected)] = &[
        (
            "Gloss JSON",
            br#"{"format":"gloss","version":1,"documents":[]}"#,
            Detected::Format(Format::Gloss),
        ),
        (
            "W3C collection",
            br#"{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"items":[]}}"#,
            Detected::Format(Format::W3c),
        ),
        (
            "W3C annotations as a list (Hypothesis, Recogito)",
            br#"[{"id":"x","target":{"source":"urn:x"},"body":[]}]"#,
            Detected::Format(Format::W3c),
        ),
        (
            "Label Studio tasks",
            br#"[{"id":1,"data":{"text":"a b"},"annotations":[]}]"#,
            Detected::Format(Format::LabelStudio),
        ),
        (
            "one Label Studio task",
            br#"{"data":{"text":"a b"},"annotations":[]}"#,
            Detected::Format(Format::LabelStudio),
        ),
        (
            "doccano JSONL",
            b"{\"text\":\"a b\",\"label\":[[0,1,\"CLAIM\"]]}\n{\"text\":\"c d\",\"label\":[]}\n",
            Detected::Format(Format::Doccano),
        ),
        (
            "doccano JSONL of one line",
            b"{\"text\":\"a b\",\"label\":[[0,1,\"CLAIM\"]]}\n",
            Detected::Format(Format::Doccano),
        ),
        (
            "doccano relations shape",
            b"{\"text\":\"a b\",\"entities\":[],\"relations\":[]}\n{\"text\":\"c\",\"entities\":[],\"relations\":[]}",
            Detected::Format(Format::Doccano),
        ),
        (
            "a zip (brat standoff)",
            b"PK\x03\x04\x14\x00rest",
            Detected::Format(Format::Brat),
        ),
        (
            "JSON of no known shape goes to the Gloss reader (its messages say why)",
            br#"{"format":"w3c","items":[]}"#,
            Detected::Format(Format::Gloss),
        ),
        (
            "broken JSON goes to the Gloss reader",
            br#"{"format":"gloss","#,
            Detected::Format(Format::Gloss),
        ),
        (
            "an article",
            "The minister said prices rose.\nThe bridge reopened. 😀".as_bytes(),
            Detected::Unknown,
        ),
        ("binary", b"\x00\x01\x02\xff\xfe", Detected::Unknown),
    ];
    for (name, bytes, want) in cases {
        assert_eq!(detect(bytes), *want, "{name}");
    }
}

#[test]
fn a_byte_order_mark_or_leading_space_does_not_hide_json() {
    let mut bytes = b"\xEF\xBB\xBF \n ".to_vec();
    bytes.extend_from_slice(br#"{"format":"gloss","version":1,"documents":[]}"#);
    assert_eq!(detect(&bytes), Detected::Format(Format::Gloss));
}

fn arrivals(files: &[(&str, &[u8])], dropped: bool) -> Vec<Arrival> {
    import_files(
        files
            .iter()
            .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
            .collect(),
        dropped,
        AT,
    )
}

#[test]
fn a_dropped_article_opens_and_a_chosen_one_is_refused() {
    let text: &[u8] = b"[Updated] The council said the bridge reopened.";
    let dropped = arrivals(&[("news.txt", text)], true);
    assert!(
        matches!(&dropped[..], [Arrival::Article { name, .. }] if name == "news.txt"),
        "{dropped:?}"
    );
    let chosen = arrivals(&[("news.txt", b"The council said so.")], false);
    assert!(
        matches!(
            &chosen[..],
            [Arrival::Import {
                file: Err(FileError::Unrecognised),
                ..
            }]
        ),
        "{chosen:?}"
    );
}

#[test]
fn a_file_named_json_that_is_not_says_it_is_not_json() {
    for dropped in [false, true] {
        let got = arrivals(&[("notes.json", b"this is not json")], dropped);
        assert!(
            matches!(
                &got[..],
                [Arrival::Import {
                    file: Err(FileError::NotJson(_)),
                    ..
                }]
            ),
            "dropped {dropped}: {got:?}"
        );
    }
}

#[test]
fn a_csv_export_is_refused_with_a_reason() {
    let got = arrivals(&[("x.csv", b"\xEF\xBB\xBFarticle_id,title,date,label,start,end,text,prefix,suffix,note,created_at,updated_at\r\n")], false);
    assert!(
        matches!(
            &got[..],
            [Arrival::Import {
                file: Err(FileError::Csv),
                ..
            }]
        ),
        "{got:?}"
    );
}

#[test]
fn several_files_keep_their_order() {
    let gloss: &[u8] = br#"{"format":"gloss","version":1,"documents":[]}"#;
    let got = arrivals(
        &[
            ("a.gloss.json", gloss),
            ("b.txt", b"An article."),
            ("c.gloss.json", gloss),
        ],
        true,
    );
    let names: Vec<&str> = got
        .iter()
        .map(|a| match a {
            Arrival::Import { name, .. } | Arrival::Article { name, .. } => name.as_str(),
        })
        .collect();
    assert_eq!(names, ["a.gloss.json", "b.txt", "c.gloss.json"]);
}

#[test]
fn w3c_pages_without_context_and_hypothesis_search_results_are_w3c() {
    for (name, bytes) in [
        ("a page", &br#"{"type":"AnnotationPage","items":[]}"#[..]),
        (
            "Hypothesis's search API",
            br#"{"total":1,"rows":[{"id":"abc","target":[{"source":"https://example.org/a"}]}]}"#,
        ),
    ] {
        assert_eq!(detect(bytes), Detected::Format(Format::W3c), "{name}");
    }
}

#[test]
fn skipped_labels_are_counted_without_regard_to_case() {
    use gloss_core::formats::foreign::Skipped;
    use gloss_core::formats::Parsed;
    let mut skipped = Skipped::default();
    for name in ["PERSON", "person", "Person", "ORG", "claim"] {
        skipped.label(name);
    }
    let mut parsed = Parsed::default();
    skipped.report(&mut parsed);
    let lines: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "Label “ORG”: 1 annotation skipped (Gloss marks Claim, Quote and Actor)",
            "Label “PERSON”: 3 annotations skipped (Gloss marks Claim, Quote and Actor)"
        ]
    );
}

#[test]
fn doccano_jsonl_with_a_broken_first_line_or_no_labels_is_still_doccano() {
    for (name, bytes) in [
        (
            "a broken first line",
            &b"{\"text\": broken\n{\"text\":\"a b\",\"label\":[]}\n"[..],
        ),
        (
            "lines of text without labels",
            b"{\"text\":\"a b\"}\n{\"text\":\"c d\"}\n",
        ),
    ] {
        assert_eq!(detect(bytes), Detected::Format(Format::Doccano), "{name}");
    }
}

/// The one-pass shape check that spares a large Gloss file a second parse: table cases, and
/// against serde_json's own reading of random objects (proptest: native only).
#[cfg(not(target_arch = "wasm32"))]
mod shape {
    use gloss_core::formats::gloss::{shape, Shape};
    use proptest::prelude::*;

    #[test]
    fn cases() {
        let deep = format!("{{\"format\":{}1{}}}", "[".repeat(40), "]".repeat(40));
        let cases: &[(&str, &str, Shape)] = &[
            (
                "a Gloss file",
                r#"{"format":"gloss","version":1,"documents":[]}"#,
                Shape::GlossObject,
            ),
            (
                "keys in any order, white space around",
                " \n{ \"documents\" : [ ] , \"format\" : \"gloss\" }\n ",
                Shape::GlossObject,
            ),
            (
                "the keys only nested",
                r#"{"a":{"format":1,"documents":2}}"#,
                Shape::Other,
            ),
            (
                "one of the two keys",
                r#"{"format":"gloss","docs":[]}"#,
                Shape::Other,
            ),
            (
                "a key name inside a value",
                r#"{"x":"\"format\": \"documents\"","y":1}"#,
                Shape::Other,
            ),
            (
                "braces and quotes inside strings",
                r#"{"t":"}{\"","format":"gloss","documents":[{"text":"]]}"}]}"#,
                Shape::GlossObject,
            ),
            (
                "a value that is the key's name",
                r#"{"a":"format","b":"documents"}"#,
                Shape::Other,
            ),
            (
                "something after the object",
                r#"{"format":1,"documents":[]} {}"#,
                Shape::Other,
            ),
            ("not closed", r#"{"format":1,"documents":["#, Shape::Other),
            ("a list", r#"[{"format":1,"documents":[]}]"#, Shape::Other),
            ("too deep", &deep, Shape::TooDeep),
            ("a list too deep", &"[".repeat(100), Shape::TooDeep),
            ("empty", "", Shape::Other),
        ];
        for (what, json, want) in cases {
            assert_eq!(shape(json), *want, "{what}: {json}");
        }
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<i32>().prop_map(serde_json::Value::from),
            "[\"{}\\[\\]\\\\a-z,: ]{0,8}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map(key(), inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("format".to_owned()),
            Just("documents".to_owned()),
            Just("form\"at".to_owned()),
            "[a-z{}\\[\\],:]{0,6}",
        ]
    }

    proptest! {
        #[test]
        fn agrees_with_serde(members in prop::collection::btree_map(key(), value(), 0..5), pretty in any::<bool>()) {
            let object = serde_json::Value::Object(members.clone().into_iter().collect());
            let json = if pretty {
                serde_json::to_string_pretty(&object).unwrap()
            } else {
                serde_json::to_string(&object).unwrap()
            };
            let gloss = members.contains_key("format") && members.contains_key("documents");
            let want = if gloss { Shape::GlossObject } else { Shape::Other };
            prop_assert_eq!(shape(&json), want, "{}", json);
        }
    }
}
