//! Helpers shared by the property tests: article text made of the words real articles have
//! (graphemes of several code points among them), grapheme boundaries computed here with
//! `unicode-segmentation` rather than by gloss-core, and what a Gloss JSON writer puts beside
//! the text (SHA-256, RFC 3339 times, context).
#![allow(dead_code)]

use proptest::prelude::*;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};
use unicode_segmentation::UnicodeSegmentation;

/// Words of news text, some of them several code points to one grapheme, some repeated (so a
/// quote can occur more than once).
pub const WORDS: &[&str] = &[
    "Minister",
    "Olena",
    "Kovalenko",
    "said",
    "prices",
    "rose",
    "“5%”",
    "in",
    "March",
    "the",
    "the",
    "a",
    "bridge",
    "naïve",
    "Valdés",
    "😀",
];

/// Graphemes of more than one code point: a flag (two regional indicators), a letter with a
/// combining accent, a ZWJ family.
pub const COMPLEX: &[&str] = &[
    "🇺🇦",
    "Cafe\u{301}",
    "👨\u{200D}👩\u{200D}👧",
    "e\u{301}",
    "🇺🇦🇵🇱",
];

pub const SEPARATORS: &[&str] = &[" ", " ", " ", ", ", "\n", "\n\n", ": "];

/// A canonical article text (LF only, no BOM, not blank) of 4 to 25 words, with at least one
/// grapheme of several code points.
pub fn article_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((0..WORDS.len() + COMPLEX.len(), 0..SEPARATORS.len()), 3..24),
        0..COMPLEX.len(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(words, complex, at)| {
            let mut parts: Vec<&str> = words
                .iter()
                .map(|&(w, _)| {
                    WORDS
                        .get(w)
                        .copied()
                        .unwrap_or_else(|| COMPLEX[w - WORDS.len()])
                })
                .collect();
            parts.insert(at.index(parts.len() + 1), COMPLEX[complex]);
            let mut text = String::new();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    text.push_str(SEPARATORS[words.get(i).map_or(0, |&(_, s)| s)]);
                }
                text.push_str(part);
            }
            text
        })
}

pub fn len_cp(text: &str) -> usize {
    text.chars().count()
}

/// Code point offsets of every grapheme cluster boundary, 0 and the end included.
pub fn boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut cp = 0;
    for g in text.graphemes(true) {
        cp += g.chars().count();
        out.push(cp);
    }
    out
}

pub fn is_boundary(bounds: &[usize], cp: usize) -> bool {
    bounds.binary_search(&cp).is_ok()
}

/// `[start, end)` moved outward to grapheme boundaries.
pub fn snap_out(bounds: &[usize], start: usize, end: usize) -> (usize, usize) {
    let start = bounds
        .iter()
        .rev()
        .find(|&&b| b <= start)
        .copied()
        .unwrap_or(0);
    let end = bounds
        .iter()
        .find(|&&b| b >= end)
        .copied()
        .unwrap_or_else(|| bounds.last().copied().unwrap_or(0));
    (start, end)
}

/// The text of `[start, end)`, in code points, clamped.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Up to 32 code points before and after `[start, end)`: what an export writes as context.
pub fn context(text: &str, start: usize, end: usize) -> (String, String) {
    (
        slice(text, start.saturating_sub(32), start),
        slice(text, end, end + 32),
    )
}

pub fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// `ms` since the epoch as RFC 3339, at a UTC offset of `offset_minutes`.
pub fn rfc3339(ms: i64, offset_minutes: i16) -> String {
    let offset = UtcOffset::from_whole_seconds(i32::from(offset_minutes) * 60).expect("offset");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .expect("a time in range")
        .to_offset(offset)
        .format(&Rfc3339)
        .expect("formats")
}

/// Gives `doc` random links, one `(pick, kind)` per annotation in text order: an actor stands
/// for entity `kind` of those named `names` (ids 900, 901…; none past the end), a quote or claim
/// with `kind > 0` is said by the actor `pick` chooses. Then the links are repaired (entities no
/// actor uses are dropped), as any read would.
pub fn add_random_links(
    doc: &mut gloss_core::model::Document,
    names: &[String],
    links: &[(prop::sample::Index, usize)],
) {
    use gloss_core::model::{AnnotationId, Entity, EntityId, Label};
    let entities: Vec<Entity> = names
        .iter()
        .enumerate()
        .map(|(i, name)| Entity {
            id: EntityId(uuid::Uuid::from_u128(900 + i as u128)),
            name: name.clone(),
        })
        .collect();
    let actors: Vec<AnnotationId> = doc
        .annotations
        .iter()
        .filter(|a| a.label == Label::Actor)
        .map(|a| a.id)
        .collect();
    for (a, (pick, kind)) in doc.annotations.iter_mut().zip(links) {
        if a.label == Label::Actor {
            a.entity = entities.get(*kind).map(|e| e.id);
        } else if *kind > 0 && !actors.is_empty() {
            a.source = Some(actors[pick.index(actors.len())]);
        }
    }
    doc.entities = entities;
    doc.repair_links();
}

/// One random fact-check: a verdict (`None`: not checked yet) and up to three source links,
/// each `(url, title, note)` with an address Gloss accepts (accents, emoji and characters a URI
/// cannot hold among them, but no `%`: an escape like `%C3%A9` reads back from W3C as `é`);
/// titles and notes may be empty and hold quotes, markup, accents and emoji.
pub type RandomCheck = (Option<prop::sample::Index>, Vec<(String, String, String)>);

pub fn random_check() -> impl Strategy<Value = RandomCheck> {
    let source = (
        "(http|https|HTTPS)://[a-z0-9-]{1,10}(\\.[a-z]{2,5})?(:[0-9]{2,4})?(/[A-Za-z0-9_~é😀{}|.-]{0,8}){0,3}(\\?[a-z]=[A-Za-z0-9]{0,4})?(#[a-z]{0,4})?",
        "[A-Za-z é😀“”<>&\"'=+-]{0,12}",
        "[A-Za-z é😀“”<>&\"'=+\n-]{0,16}",
    );
    (
        prop::option::of(any::<prop::sample::Index>()),
        prop::collection::vec(source, 0..4),
    )
}

/// Gives the claims of `doc` random checks, one per annotation in text order (quotes and actors
/// get none, as Gloss never gives them one); a second source with the same address is left
/// out, as Gloss keeps each address once per claim.
pub fn add_random_checks(doc: &mut gloss_core::model::Document, checks: &[RandomCheck]) {
    use gloss_core::model::{Evidence, Label, Verdict};
    for (a, (verdict, sources)) in doc.annotations.iter_mut().zip(checks) {
        if a.label != Label::Claim {
            continue;
        }
        a.verdict = verdict
            .as_ref()
            .map(|pick| Verdict::ALL[pick.index(Verdict::ALL.len())]);
        a.evidence.clear();
        for (url, title, note) in sources {
            if a.evidence.iter().any(|e| e.url == *url) {
                continue;
            }
            a.evidence.push(Evidence {
                url: url.clone(),
                title: title.clone(),
                note: note.clone(),
            });
        }
    }
}

/// The Gloss JSON schema of `docs/`, compiled (formats checked too).
pub fn gloss_schema() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/gloss.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
            .expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Fails with every error when `value` is not valid Gloss JSON by the schema.
pub fn assert_valid(value: &serde_json::Value) {
    let errors: Vec<String> = gloss_schema()
        .iter_errors(value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:?}");
}

/// A file of `tests/fixtures/`, as text.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}
