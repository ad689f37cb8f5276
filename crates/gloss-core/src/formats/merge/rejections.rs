//! Turned-down suggestions (and places of the curated layer left out) on import: the union of
//! the article's and the file's, so a suggestion rejected in either place stays rejected.

use crate::model::{Document, Rejection, Span, Timestamp};

/// The file's rejections moved by `shift` code points (the same text but for white space at
/// its ends); one that would fall before the start is left out.
pub fn shifted(rejected: Vec<Rejection>, shift: isize) -> Vec<Rejection> {
    if shift == 0 {
        return rejected;
    }
    rejected
        .into_iter()
        .filter_map(|r| {
            let start = r.span.start.checked_add_signed(shift)?;
            let end = r.span.end.checked_add_signed(shift)?;
            Some(Rejection {
                span: Span::new(start, end)?,
                ..r
            })
        })
        .collect()
}

/// Adds `more` to `rejected` (kept sorted, each once); whether anything was new.
pub fn union(rejected: &mut Vec<Rejection>, more: &[Rejection]) -> bool {
    let mut added = false;
    for r in more {
        if let Err(at) = rejected.binary_search(r) {
            rejected.insert(at, *r);
            added = true;
        }
    }
    added
}

/// `existing` with `more` rejections and `left_out` places, as a new revision; `None` when it
/// had them all.
pub fn added(
    existing: &Document,
    more: &[Rejection],
    left_out: &[Rejection],
    at: Timestamp,
) -> Option<Document> {
    let mut doc = existing.clone();
    let rejected = union(&mut doc.rejected, more);
    let settled = union(&mut doc.left_out, left_out);
    if !(rejected || settled) {
        return None;
    }
    doc.updated_at = doc.updated_at.max(at);
    doc.revision += 1;
    Some(doc)
}
