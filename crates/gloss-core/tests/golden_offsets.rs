//! Golden offsets: spans whose code point, UTF-16 and UTF-8 offsets were computed by an
//! independent tool (tests/fixtures/make_offsets.py, Python's own string model), checked
//! against `TextIndex`. The project's own fixture always; the shared one where `../shared`
//! is beside the project.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use gloss_core::model::offsets::TextIndex;
use gloss_core::model::Span;
use serde_json::Value;

fn check(name: &str, golden: &str, raw: &str) {
    let golden: Value = serde_json::from_str(golden).expect("golden JSON");
    assert_eq!(
        golden["text"].as_str(),
        Some(raw),
        "{name}: the JSON holds the file's text"
    );
    let index = TextIndex::new(Rc::from(raw));
    let n = |v: &Value, k: &str| v[k].as_u64().expect(k) as usize;
    assert_eq!(index.len_cp(), n(&golden, "len_codepoints"), "{name}");
    assert_eq!(
        index.utf16_of_cp(index.len_cp()),
        n(&golden, "len_utf16"),
        "{name}"
    );
    assert_eq!(
        index.byte_of_cp(index.len_cp()),
        n(&golden, "len_utf8"),
        "{name}"
    );
    let spans = golden["spans"].as_array().expect("spans");
    assert!(!spans.is_empty());
    for s in spans {
        let case = format!("{name} span {} “{}”", s["id"], s["exact"]);
        let (cs, ce) = (n(s, "cp_start"), n(s, "cp_end"));
        assert_eq!(index.utf16_of_cp(cs), n(s, "utf16_start"), "{case}");
        assert_eq!(index.utf16_of_cp(ce), n(s, "utf16_end"), "{case}");
        assert_eq!(index.cp_of_utf16(n(s, "utf16_start")), cs, "{case}");
        assert_eq!(index.cp_of_utf16(n(s, "utf16_end")), ce, "{case}");
        assert_eq!(index.byte_of_cp(cs), n(s, "utf8_start"), "{case}");
        assert_eq!(index.byte_of_cp(ce), n(s, "utf8_end"), "{case}");
        assert_eq!(index.cp_of_byte(n(s, "utf8_start")), cs, "{case}");
        let span = Span { start: cs, end: ce };
        assert_eq!(
            index.slice(span),
            s["exact"].as_str().expect("exact"),
            "{case}"
        );
    }
}

#[test]
fn the_projects_unicode_fixture() {
    check(
        "unicode-mix",
        include_str!("../../../tests/fixtures/unicode-mix.offsets.json"),
        include_str!("../../../tests/fixtures/unicode-mix.txt"),
    );
}

#[test]
fn the_shared_unicode_golden_file_where_present() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/articles/");
    let (Ok(golden), Ok(raw)) = (
        std::fs::read_to_string(format!("{dir}unicode-golden.offsets.json")),
        std::fs::read_to_string(format!("{dir}unicode-golden.txt")),
    ) else {
        println!("skipped: ../shared/articles/unicode-golden.* is not beside the project");
        return;
    };
    check("shared unicode-golden", &golden, &raw);
}
