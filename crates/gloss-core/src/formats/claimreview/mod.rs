//! ClaimReview: the open article's rated claims as schema.org JSON-LD, the form search engines
//! and fact-check databases read. Export only, one article at a time: a ClaimReview names one
//! claim, one rating and the article it appeared in, and has no room for the rest of Gloss's
//! annotations (nothing is ever imported from it).
//!
//! The file is a JSON array with one complete `ClaimReview` object per rated claim, each with its
//! own `"@context": "https://schema.org"`. JSON-LD allows a top-level array of node objects, and
//! schema.org's validator and Google's Rich Results Test read it; an array (rather than one
//! `@graph`) because Google shows a fact check only for a page with a single ClaimReview: a
//! publisher takes each object as it stands and puts it on the page of that fact check.
//!
//! What each property means, and what is left out, is in `docs/FORMATS.md` ("ClaimReview");
//! the terms are checked against schema.org's published definitions by
//! `crates/gloss-core/tests/claimreview_schema.rs`.

mod nodes;

use thiserror::Error;

use super::{file_stem, time, ExportFile};
use crate::model::verdict::checked_claims;
use crate::model::{Document, Label, Timestamp};

/// What follows the title in the download's name.
pub const EXTENSION: &str = ".claimreview.json";
/// JSON-LD's media type.
pub const MIME: &str = "application/ld+json";
/// schema.org's context, as Google asks for it.
pub const CONTEXT: &str = "https://schema.org";

/// Why there is nothing to export, in words a person understands.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClaimReviewError {
    #[error("No claim in this article has a verdict yet: mark a claim, then choose its Verdict in the details.")]
    NoClaims,
    #[error("No claim in this article has a verdict yet: choose a Verdict for {} in the details.", its_claims(*claims))]
    NoVerdict { claims: usize },
    #[error("The ClaimReview file could not be written ({0}).")]
    Encode(String),
}

fn its_claims(claims: usize) -> String {
    if claims == 1 {
        "its claim".to_owned()
    } else {
        format!("one of its {claims} claims")
    }
}

/// How many claims an export takes and leaves out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    /// Claims with a verdict: each becomes a ClaimReview.
    pub rated: usize,
    /// Claims without one: left out.
    pub unrated: usize,
}

/// The file, and how many claims it holds and left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimReviews {
    pub file: ExportFile,
    pub tally: Tally,
}

/// The rated and unrated claims of `doc`.
pub fn tally(doc: &Document) -> Tally {
    let (rated, claims) = checked_claims(&doc.annotations);
    Tally {
        rated,
        unrated: claims - rated,
    }
}

impl Tally {
    /// Why nothing can be exported, if nothing can.
    pub fn refusal(self) -> Option<ClaimReviewError> {
        match (self.rated, self.unrated) {
            (0, 0) => Some(ClaimReviewError::NoClaims),
            (0, claims) => Some(ClaimReviewError::NoVerdict { claims }),
            _ => None,
        }
    }

    /// What the dialog says before exporting: "2 claims will be exported; 1 without a verdict
    /// is left out."
    pub fn preview(self) -> String {
        let head = format!("{} will be exported", count(self.rated, "claim", "claims"));
        match self.unrated {
            0 => format!("{head}."),
            n => format!(
                "{head}; {n} without a verdict {} left out.",
                if n == 1 { "is" } else { "are" }
            ),
        }
    }

    /// What the notice says after exporting: "Exported 2 claims as ClaimReview; 1 without a
    /// verdict left out."
    pub fn done(self) -> String {
        let head = format!(
            "Exported {} as ClaimReview",
            count(self.rated, "claim", "claims")
        );
        match self.unrated {
            0 => format!("{head}."),
            n => format!("{head}; {n} without a verdict left out."),
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The download's name: `<title>.claimreview.json`.
pub fn file_name(title: &str) -> String {
    format!("{}{EXTENSION}", file_stem(title))
}

/// The ClaimReview file for `doc`: one `ClaimReview` per claim with a verdict, in text order.
/// `reviewer` is the fact-checker's name (the review's `author`; left out when blank); `at` is
/// the export's time (the review's `datePublished`, as a date).
pub fn export(
    doc: &Document,
    reviewer: &str,
    at: Timestamp,
) -> Result<ClaimReviews, ClaimReviewError> {
    let tally = tally(doc);
    if let Some(refusal) = tally.refusal() {
        return Err(refusal);
    }
    let stamp = time::to_rfc3339(at);
    let today = stamp.get(..10).unwrap_or("1970-01-01");
    let article = nodes::Article::of(doc);
    let reviews: Vec<serde_json::Value> = doc
        .annotations
        .iter()
        .filter(|a| a.label == Label::Claim)
        .filter_map(|claim| {
            let verdict = claim.verdict?;
            Some(nodes::claim_review(
                doc,
                &article,
                claim,
                verdict,
                reviewer.trim(),
                today,
            ))
        })
        .collect();
    // Never an empty file in place of the reviews: a failure is said.
    let mut text = serde_json::to_string_pretty(&reviews)
        .map_err(|e| ClaimReviewError::Encode(e.to_string()))?;
    text.push('\n');
    Ok(ClaimReviews {
        file: ExportFile {
            name: file_name(&doc.title),
            mime: MIME,
            bytes: text.into_bytes(),
        },
        tally,
    })
}
