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
