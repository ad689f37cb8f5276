//! How other tools' names become Gloss's: their label names matched to Gloss's labels (and
//! the ones Gloss does not have counted for the report), and their ids turned into Gloss's
//! (a UUID kept, anything else a stable id derived from what the annotation is).

use std::collections::BTreeMap;

use uuid::Uuid;

use super::parsed::{Parsed, Problem};
use super::sha256_hex;
use crate::model::text::excerpt;
use crate::model::Label;

/// Gloss's label for a label name of another tool, matched without regard to case.
pub fn label_of(name: &str) -> Option<Label> {
    let name = name.trim();
    Label::ALL
        .into_iter()
        .find(|l| l.slug().eq_ignore_ascii_case(name))
}

/// A stable id made from `parts`: the same annotation read twice gets the same id, so a file
/// imported again adds nothing twice.
pub fn derived_uuid(parts: &[&str]) -> Uuid {
    let mut seed = String::new();
    for p in parts {
        seed.push_str(p);
        seed.push('\u{1F}');
    }
    let hash = sha256_hex(&seed);
    let mut bytes = [0u8; 16];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = hash
            .get(i * 2..i * 2 + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0);
    }
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// A UUID the file gives as an id (`urn:uuid:` or bare), if it is one.
pub fn uuid_of(id: &str) -> Option<Uuid> {
    let id = id.trim();
    let bare = id
        .strip_prefix("urn:uuid:")
        .or_else(|| id.strip_prefix("URN:UUID:"))
        .unwrap_or(id);
    Uuid::parse_str(bare).ok()
}

/// Labels of a file that Gloss does not have, by name (without regard to case, as the first
/// annotation spelled it), with how many annotations had each.
#[derive(Debug, Default)]
pub struct Skipped(BTreeMap<String, (String, usize)>);

impl Skipped {
    /// Gloss's label for `name`, or `None` after counting it as skipped.
    pub fn label(&mut self, name: &str) -> Option<Label> {
        let label = label_of(name);
        if label.is_none() {
            let shown = excerpt(name.trim(), 40);
            let entry = self
                .0
                .entry(shown.to_lowercase())
                .or_insert_with(|| (shown, 0));
            entry.1 += 1;
        }
        label
    }

    /// One line per skipped label, into the file's problems.
    pub fn report(self, parsed: &mut Parsed) {
        for (name, count) in self.0.into_values() {
            parsed.problems.push(Problem {
                document: format!("Label “{name}”"),
                annotation: None,
                reason: format!(
                    "{count} annotation{} skipped (Gloss marks Claim, Quote and Actor)",
                    if count == 1 { "" } else { "s" }
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_without_case() {
        for (name, label) in [
            ("claim", Some(Label::Claim)),
            ("CLAIM", Some(Label::Claim)),
            (" Quote ", Some(Label::Quote)),
            ("actor", Some(Label::Actor)),
            ("PERSON", None),
            ("", None),
        ] {
            assert_eq!(label_of(name), label, "{name:?}");
        }
    }

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        assert_eq!(derived_uuid(&["a", "b"]), derived_uuid(&["a", "b"]));
        assert_ne!(derived_uuid(&["a", "b"]), derived_uuid(&["ab", ""]));
        assert_eq!(
            uuid_of("urn:uuid:6f1c1bde-3b8a-4d5e-9a63-0c8f1f7e2b11"),
            uuid_of("6f1c1bde-3b8a-4d5e-9a63-0c8f1f7e2b11")
        );
        assert_eq!(uuid_of("T1"), None);
    }
}
