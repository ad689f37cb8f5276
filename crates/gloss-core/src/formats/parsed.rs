//! What every import produces, whatever its format: a file read and checked ([`Parsed`]), with a
//! reason for every part that was not valid, then merged with the library ([`Imported`]). The
//! limits every import obeys live here too.

use std::fmt;
use std::rc::Rc;

use thiserror::Error;

use crate::model::{Annotation, ArticleDate, DocumentId, Entity, Extra};

/// What an import accepts at most. Larger files are refused with a message, never parsed.
///
/// 128 MiB so that Gloss can import its own "Export library" again: a library at the other
/// limits (1,000 articles, 200,000 annotations) writes about 100 MiB of (compact) Gloss JSON,
/// since a library of 1,000 articles and 100,000 annotations (`bench/library.mjs`) writes about
/// 62 MiB. At 64 MiB, that backup was refused (issue 15).
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;
pub const MAX_DEPTH: usize = 32;
pub const MAX_DOCUMENTS: usize = 1_000;
pub const MAX_ANNOTATIONS: usize = 200_000;
/// Code points of context written before and after each annotation.
pub const CONTEXT: usize = 32;

/// Why a whole file was refused. Nothing in the library changes then.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FileError {
    #[error("the file is too large ({size} bytes; Gloss imports files up to {} MB)", MAX_FILE_BYTES / (1024 * 1024))]
    TooLarge { size: usize },
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file ends too early (line {line}): it looks cut off")]
    Truncated { line: usize },
    #[error("the file nests deeper than {MAX_DEPTH} levels; none of the formats Gloss reads does")]
    TooDeep,
    #[error("this is not a Gloss JSON file ({0})")]
    NotGloss(String),
    #[error("the file is Gloss JSON version {0}; this Gloss reads versions 1 to {version}", version = super::gloss::VERSION)]
    UnsupportedVersion(String),
    #[error("the file has {0} articles; Gloss imports at most {MAX_DOCUMENTS} at once")]
    TooManyDocuments(usize),
    #[error("the file has {0} annotations; Gloss imports at most {MAX_ANNOTATIONS} at once")]
    TooManyAnnotations(usize),
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// The file is in a format Gloss reads, but not a valid one.
    #[error("this is not a valid {format} file: {reason}")]
    Invalid {
        format: &'static str,
        reason: String,
    },
    #[error("Gloss cannot tell what this file is: it imports Gloss JSON, W3C Web Annotation, brat standoff (a zip, or a .txt and its .ann together), doccano JSONL and Label Studio JSON")]
    Unrecognised,
    #[error("this is a CSV file: Gloss writes CSV for spreadsheets but cannot read annotations back from it (import the Gloss JSON instead)")]
    Csv,
}

impl FileError {
    pub fn invalid(format: &'static str, reason: impl Into<String>) -> FileError {
        FileError::Invalid {
            format,
            reason: reason.into(),
        }
    }
}

/// Why an export could not be written. No file is offered then.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the export could not be written ({0}); nothing was downloaded")]
pub struct ExportError(pub String);

/// One thing in the file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Which article (title, or position when it has none).
    pub document: String,
    /// Which annotation (id, or position), when the problem is one annotation's.
    pub annotation: Option<String>,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.annotation {
            Some(a) => write!(f, "{}, annotation {a}: {}", self.document, self.reason),
            None => write!(f, "{}: {}", self.document, self.reason),
        }
    }
}

/// A file read and checked, not yet merged with the library.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub documents: Vec<ParsedDocument>,
    /// Annotations that came without their article's text (W3C Web Annotation): placed on a
    /// library article by the text's hash, or on the open article, when merged.
    pub loose: Vec<LooseGroup>,
    /// Parts of the file that were not valid, each with its reason.
    pub problems: Vec<Problem>,
    /// The people and organisations the file's actor annotations stand for (`entity` on an
    /// actor names one of these by id). Merging gives each the library's id when the library
    /// has it, by id or else by name, so the same person stays one across articles.
    pub entities: Vec<Entity>,
}

/// How an article of a file finds its counterpart in the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// By its id (Gloss JSON: the file carries Gloss's own ids).
    Id,
    /// By its text (formats without Gloss's ids): an article whose text is the same, or the same
    /// but for white space at its ends, gets the annotations; otherwise it is a new article.
    Text,
}

/// One valid article of a file, with its valid annotations.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedDocument {
    pub id: DocumentId,
    pub matching: Matching,
    pub title: String,
    pub date: Option<ArticleDate>,
    pub text: Rc<str>,
    pub extra: Extra,
    /// How reports name it: its position, and its title where it has one.
    pub name: String,
    pub incoming: Vec<Incoming>,
    /// The entities its actors stand for (each once, every one used).
    pub entities: Vec<Entity>,
    /// Suggestions turned down for it (Gloss JSON version 4; other formats carry none).
    pub rejected: Vec<crate::model::Rejection>,
    /// Places settled with nothing kept in the curated layer (Gloss JSON version 5).
    pub left_out: Vec<crate::model::Rejection>,
}

/// An annotation read from a file, before merging.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub annotation: Annotation,
    /// Whether the file said when it was last changed; without that it never replaces ours.
    pub dated: bool,
    /// Whether the id is the file's own (a UUID it carries). An annotation without one that
    /// the article already has (same label, same span) is simply there already.
    pub identified: bool,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
}

/// Annotations of one article whose text the file does not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct LooseGroup {
    /// The SHA-256 (lower-case hex) of the article's canonical text, when the file names it.
    pub text_sha256: Option<String>,
    /// How reports name the article (the file's name for it).
    pub name: String,
    pub annotations: Vec<Loose>,
}

/// An annotation to place by its selectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose {
    /// Its label, note, times and id; its span is filled in when it is placed.
    pub annotation: Annotation,
    pub dated: bool,
    pub identified: bool,
    /// The exact text it marks, when the file gives it.
    pub quote: Option<String>,
    pub prefix: String,
    pub suffix: String,
    /// Its position as the file gives it (code points, or UTF-16 units from some tools).
    pub position: Option<(u64, u64)>,
}

/// The outcome of an import that was not refused as a whole.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// New or changed documents, ready to replace library entries with the same id.
    pub documents: Vec<crate::model::Document>,
    /// Parts not imported.
    pub problems: Vec<Problem>,
    /// Annotations that could not be placed unambiguously on their article's text.
    pub orphans: Vec<Problem>,
    pub annotations_added: usize,
    pub annotations_updated: usize,
    /// Articles the library already had with everything the file holds.
    pub unchanged: usize,
}

impl Imported {
    /// One line for the person.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "Imported {} article{} ({} annotation{} added, {} updated).",
            self.documents.len(),
            if self.documents.len() == 1 { "" } else { "s" },
            self.annotations_added,
            if self.annotations_added == 1 { "" } else { "s" },
            self.annotations_updated
        );
        if !self.problems.is_empty() {
            s.push_str(&format!(" {} part(s) not imported.", self.problems.len()));
        }
        if !self.orphans.is_empty() {
            s.push_str(&format!(
                " {} annotation(s) could not be placed on the article's text.",
                self.orphans.len()
            ));
        }
        s
    }
}
