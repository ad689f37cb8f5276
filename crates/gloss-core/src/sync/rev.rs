//! CouchDB revisions: `"<generation>-<hash>"`. Gloss writes with `new_edits: false`, the way a
//! replicator does, so it makes each revision itself: the hash is computed from the parent
//! revision and the body, so sending the same change twice sends the same revision (the server
//! stores it once), and two devices that change one document from the same parent make two
//! revisions the server keeps side by side as a conflict.

use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A revision of a database document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rev {
    pub generation: u64,
    pub hash: String,
}

impl Rev {
    /// Parses `"3-abc…"`: a generation of at least 1, a dash, and a non-empty hash.
    pub fn parse(s: &str) -> Option<Rev> {
        let (generation, hash) = s.split_once('-')?;
        let generation: u64 = generation.parse().ok()?;
        (generation >= 1 && !hash.is_empty() && !hash.contains('-')).then(|| Rev {
            generation,
            hash: hash.to_owned(),
        })
    }

    /// The revision that follows `parent` (or the first one) with this content.
    pub fn next(parent: Option<&Rev>, content: &str) -> Rev {
        let mut hasher = Sha256::new();
        if let Some(p) = parent {
            hasher.update(p.to_string().as_bytes());
        }
        hasher.update([0]);
        hasher.update(content.as_bytes());
        Rev {
            generation: parent.map_or(1, |p| p.generation + 1),
            hash: hex32(&hasher.finalize()),
        }
    }

    /// The `_revisions` field that places this revision under its parent in the server's tree.
    pub fn revisions(&self, parent: Option<&Rev>) -> serde_json::Value {
        let mut ids = vec![self.hash.clone()];
        if let Some(p) = parent {
            ids.push(p.hash.clone());
        }
        serde_json::json!({ "start": self.generation, "ids": ids })
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

impl TryFrom<String> for Rev {
    type Error = String;
    fn try_from(s: String) -> Result<Rev, String> {
        Rev::parse(&s).ok_or_else(|| format!("not a revision: {s:?}"))
    }
}

impl From<Rev> for String {
    fn from(rev: Rev) -> String {
        rev.to_string()
    }
}

/// The winner CouchDB picks among leaf revisions: the highest generation, then the highest
/// hash (as a string). Every replica picks the same one.
pub fn couch_winner<'a>(revs: impl IntoIterator<Item = &'a Rev>) -> Option<&'a Rev> {
    revs.into_iter().max_by(|a, b| {
        a.generation
            .cmp(&b.generation)
            .then_with(|| a.hash.cmp(&b.hash))
    })
}

/// The first 16 bytes of a digest as 32 lower-case hex digits (the length of CouchDB's own
/// revision hashes).
fn hex32(digest: &[u8]) -> String {
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The hash of a body: tells whether a document changed since it was last exchanged.
pub fn content_hash(content: &str) -> String {
    hex32(&Sha256::digest(content.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hashes_are_sha256_cut_to_32_digits() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.
        assert_eq!(content_hash("abc"), "ba7816bf8f01cfea414140de5dae2223");
        assert_ne!(content_hash("abc"), content_hash("abd"));
    }

    #[test]
    fn revisions_parse_and_print() {
        for (text, ok) in [
            ("1-abc", true),
            ("12-0f", true),
            ("0-abc", false),
            ("1-", false),
            ("-abc", false),
            ("x-abc", false),
            ("1-a-b", false),
            ("", false),
        ] {
            let parsed = Rev::parse(text);
            assert_eq!(parsed.is_some(), ok, "{text}");
            if let Some(rev) = parsed {
                assert_eq!(rev.to_string(), text);
            }
        }
    }

    #[test]
    fn the_same_change_makes_the_same_revision_and_another_makes_another() {
        let first = Rev::next(None, "{\"a\":1}");
        assert_eq!(first.generation, 1);
        assert_eq!(first, Rev::next(None, "{\"a\":1}"));
        let second = Rev::next(Some(&first), "{\"a\":2}");
        assert_eq!(second.generation, 2);
        assert_ne!(second, Rev::next(Some(&first), "{\"a\":3}"));
        // The same content under another parent is another revision.
        assert_ne!(
            Rev::next(Some(&second), "{\"a\":1}").hash,
            Rev::next(None, "{\"a\":1}").hash
        );
        assert_eq!(
            second.revisions(Some(&first)),
            serde_json::json!({"start": 2, "ids": [second.hash, first.hash]})
        );
    }

    #[test]
    fn couch_picks_the_longest_then_the_highest_hash() {
        let a = Rev::parse("2-aaa").unwrap();
        let b = Rev::parse("2-bbb").unwrap();
        let c = Rev::parse("1-zzz").unwrap();
        assert_eq!(couch_winner([&a, &b, &c]), Some(&b));
        assert_eq!(couch_winner([&c]), Some(&c));
    }
}
