//! A claim's fact-check (its verdict and source links) through a merge.
//!
//! The check is set aside with the annotation's links while it is placed ([`Check::take`]) and
//! put back on the annotation of the article it went to by the rule the note and links follow.
//! A newer version of the claim (a later `updated_at`) has already replaced ours, so the file's
//! check is the claim's, even where it has no verdict or fewer sources: the later change is
//! kept. Otherwise an import never takes a check away: a claim without a verdict gets the
//! file's, one with another verdict keeps the library's and the difference is reported; the
//! file's source links whose address the claim does not cite are added after its own, and one
//! it cites with another title or note keeps the library's, reported.

use super::super::parsed::Problem;
use super::links::describe;
use crate::model::{Annotation, AnnotationId, Document, Evidence, Label, Verdict};

/// A check taken off an incoming annotation while it is placed.
#[derive(Debug, Default)]
pub(super) struct Check {
    verdict: Option<Verdict>,
    evidence: Vec<Evidence>,
}

impl Check {
    /// Takes the check off `a` (it is put back by [`apply`]).
    pub fn take(a: &mut Annotation) -> Check {
        Check {
            verdict: a.verdict.take(),
            evidence: std::mem::take(&mut a.evidence),
        }
    }

    fn is_empty(&self) -> bool {
        self.verdict.is_none() && self.evidence.is_empty()
    }
}

/// Puts each check on the annotation `id` of `doc`; what is not kept is reported in `problems`
/// under `name`.
pub(super) fn apply(
    doc: &mut Document,
    checks: impl IntoIterator<Item = (AnnotationId, Check)>,
    name: &str,
    problems: &mut Vec<Problem>,
) {
    for (id, check) in checks {
        if check.is_empty() {
            continue;
        }
        let Some(a) = doc.annotation(id) else {
            continue;
        };
        let mut reasons = Vec::new();
        let checked = put(a, check, &mut reasons);
        let what = describe(doc, a);
        problems.extend(reasons.into_iter().map(|reason| Problem {
            document: name.to_owned(),
            annotation: Some(what.clone()),
            reason,
        }));
        if let Some(slot) = doc.annotations.iter_mut().find(|x| x.id == id) {
            *slot = checked;
        }
    }
}

/// `a` with the file's `check` put on it, and the reason for each part not kept.
fn put(a: &Annotation, check: Check, reasons: &mut Vec<String>) -> Annotation {
    let mut out = a.clone();
    if a.label != Label::Claim {
        reasons.push(format!(
            "the file checks it as a claim, the library has it as {} {}; only a claim has a verdict and sources, so the file's were dropped",
            if a.label == Label::Actor { "an" } else { "a" },
            a.label.slug()
        ));
        return out;
    }
    match (a.verdict, check.verdict) {
        (_, None) => {}
        (None, theirs) => out.verdict = theirs,
        (Some(ours), Some(theirs)) if ours == theirs => {}
        (Some(ours), Some(theirs)) => reasons.push(format!(
            "the file rates it “{theirs}”, the library “{ours}”; the library's verdict is kept"
        )),
    }
    for theirs in check.evidence {
        match out.evidence.iter().find(|e| e.url == theirs.url) {
            None => out.evidence.push(theirs),
            Some(ours) if *ours == theirs => {}
            Some(_) => reasons.push(format!(
                "the file gives its source “{}” another title or note; the library's is kept",
                super::super::gloss::shorten(&theirs.url)
            )),
        }
    }
    out
}
