//! Stored records, schema 4 (and later): the suggestions rejected for an article are kept with it,
//! read back exactly; records of schemas 1 to 3 read with none.
#![cfg(not(target_arch = "wasm32"))]

use gloss_core::model::{Label, Rejection, Span};
use gloss_core::storage::record::{decode, encode, SCHEMA};

const TEXT: &str = include_str!("../../../tests/fixtures/storage-v1.text.txt");

#[test]
fn the_schema_4_fixture_reads_its_rejections_and_writes_them_back() {
    let record = include_str!("../../../tests/fixtures/storage-v4.record.json");
    let d = decode("fixture", record, Some(TEXT)).expect("v4 fixture decodes");
    let r = |label, start, end| Rejection {
        label,
        span: Span { start, end },
    };
    assert_eq!(
        d.rejected,
        [r(Label::Quote, 24, 65), r(Label::Actor, 28, 34)]
    );
    assert_eq!(d.quote(d.rejected[1].span), "bridge");
    assert_eq!(d.revision, 11);
    let again: serde_json::Value =
        serde_json::from_str(&encode(&d).expect("encodes")).expect("json");
    let mut fixture: serde_json::Value = serde_json::from_str(record).expect("json");
    // Written back as the current schema, everything else as it was read.
    fixture["schema"] = SCHEMA.into();
    assert_eq!(again, fixture);
}

#[test]
fn older_records_read_with_none_and_are_written_as_the_current_schema() {
    let cases: &[(&str, &str)] = &[
        (
            "schema 1",
            include_str!("../../../tests/fixtures/storage-v1.record.json"),
        ),
        (
            "schema 2",
            include_str!("../../../tests/fixtures/storage-v2.record.json"),
        ),
        (
            "schema 3",
            include_str!("../../../tests/fixtures/storage-v3.record.json"),
        ),
    ];
    for (name, record) in cases {
        let d = decode("fixture", record, Some(TEXT)).expect(name);
        assert!(d.rejected.is_empty(), "case {name}");
        let again = encode(&d).expect("encodes");
        assert!(
            again.starts_with(&format!(r#"{{"schema":{SCHEMA},"#)),
            "case {name}"
        );
        assert!(!again.contains("rejected_suggestions"), "case {name}");
    }
}

#[test]
fn a_rejection_past_the_text_is_dropped_on_reading() {
    let record = include_str!("../../../tests/fixtures/storage-v4.record.json")
        .replace(r#""start":28,"end":34"#, r#""start":28,"end":999"#);
    let d = decode("fixture", &record, Some(TEXT)).expect("decodes");
    assert_eq!(d.rejected.len(), 1);
}
