//! The unload journal: what was not yet in IndexedDB when the page went away, written
//! synchronously (the app keeps it in `localStorage` on `pagehide`) and replayed into the
//! library on the next start. An IndexedDB write started while a page unloads is not
//! guaranteed to complete; a synchronous write is.
//!
//! Replaying is idempotent: an entry whose revision storage already holds (or passed) is
//! skipped, so a journal read twice, or read after its writes landed, changes nothing.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::record::{self, RecordError};
use crate::model::Document;

/// The journal's layout version.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Journal {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The document as [`record::encode`] writes it.
    record: String,
    /// The text, only for a document storage has never held (otherwise storage has it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// The revision storage held when these changes began (`None`: it never held the
    /// document). Replaying compares it with what storage holds by then.
    #[serde(default)]
    base: Option<u64>,
}

/// A document from the journal, and the stored revision its changes were made on.
#[derive(Clone, Debug, PartialEq)]
pub struct JournalEntry {
    pub doc: Document,
    pub base: Option<u64>,
}

/// Why a journal could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum JournalError {
    #[error("the unsaved-changes journal is not readable ({0})")]
    Unreadable(String),
    #[error(transparent)]
    Record(#[from] RecordError),
}

/// A document to journal, and the revision storage holds of it (`None`: storage never had it,
/// so the journal keeps its text too).
pub struct Pending<'a> {
    pub doc: &'a Document,
    pub base: Option<u64>,
}

/// Writes the journal for `pending`.
pub fn encode(pending: &[Pending<'_>]) -> Result<String, JournalError> {
    let entries = pending
        .iter()
        .map(|p| {
            Ok(Entry {
                record: record::encode(p.doc)?,
                text: p.base.is_none().then(|| p.doc.text.to_string()),
                base: p.base,
            })
        })
        .collect::<Result<Vec<Entry>, RecordError>>()?;
    serde_json::to_string(&Journal {
        version: VERSION,
        entries,
    })
    .map_err(|e| JournalError::Unreadable(e.to_string()))
}

/// Reads a journal. `stored_text` gives the text storage holds for a document id (entries
/// without a text of their own need it). Entries that cannot be read are reported, the rest
/// kept.
pub fn decode(
    journal: &str,
    stored_text: impl Fn(&str) -> Option<std::rc::Rc<str>>,
) -> Result<(Vec<JournalEntry>, Vec<JournalError>), JournalError> {
    let journal: Journal =
        serde_json::from_str(journal).map_err(|e| JournalError::Unreadable(e.to_string()))?;
    if journal.version != VERSION {
        return Err(JournalError::Unreadable(format!(
            "layout {} is not one this Gloss reads",
            journal.version
        )));
    }
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for entry in journal.entries {
        let key = record::key_of(&entry.record).unwrap_or_default();
        let text = match entry.text {
            Some(text) => Some(std::rc::Rc::<str>::from(text)),
            None => stored_text(&key),
        };
        match record::decode(&key, &entry.record, text.as_deref()) {
            Ok(doc) => documents.push(JournalEntry {
                doc,
                base: entry.base,
            }),
            Err(e) => problems.push(e.into()),
        }
    }
    Ok((documents, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, AnnotationId, Label, Span, Timestamp};
    use std::rc::Rc;

    fn doc(revision: u64) -> Document {
        let mut d = Document::new(
            "Harbour".into(),
            None,
            Rc::from("The port reopened."),
            Timestamp(1),
        );
        d.annotations.push(Annotation::new(
            AnnotationId::random(),
            Label::Claim,
            Span { start: 4, end: 8 },
            Timestamp(2),
        ));
        d.revision = revision;
        d
    }

    #[test]
    fn round_trip_with_and_without_text() {
        let (new, old) = (doc(1), doc(5));
        let json = encode(&[
            Pending {
                doc: &new,
                base: None,
            },
            Pending {
                doc: &old,
                base: Some(4),
            },
        ])
        .expect("encodes");
        let old_key = old.id.to_string();
        let (docs, problems) =
            decode(&json, |key| (key == old_key).then(|| Rc::clone(&old.text))).expect("decodes");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            docs,
            vec![
                JournalEntry {
                    doc: new,
                    base: None
                },
                JournalEntry {
                    doc: old,
                    base: Some(4)
                }
            ]
        );
    }

    #[test]
    fn an_entry_without_its_text_is_reported_and_the_rest_kept() {
        let (a, b) = (doc(1), doc(2));
        let json = encode(&[
            Pending {
                doc: &a,
                base: Some(0),
            },
            Pending {
                doc: &b,
                base: None,
            },
        ])
        .expect("encodes");
        let (docs, problems) = decode(&json, |_| None).expect("decodes");
        assert_eq!(docs.into_iter().map(|e| e.doc).collect::<Vec<_>>(), vec![b]);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn broken_journals_are_refused_with_a_reason() {
        for (name, text) in [
            ("not json", "{"),
            ("wrong shape", "[1,2]"),
            ("newer layout", r#"{"version":9,"entries":[]}"#),
        ] {
            assert!(
                matches!(decode(text, |_| None), Err(JournalError::Unreadable(_))),
                "case {name}"
            );
        }
    }
}
