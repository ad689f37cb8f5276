//! A claim's fact-check from another tool's file (Label Studio's per-region choice and `meta`,
//! doccano's `gloss_checks`, brat's `Verdict` attribute): put on the annotation it belongs to
//! when that is a claim, left out with its reason otherwise.

use super::ForeignDocument;
use crate::formats::gloss::not_a_claim;
use crate::model::{AnnotationId, Evidence, Label, Verdict};

impl ForeignDocument {
    /// Gives the annotation `id` (added before) a verdict (when `verdict` is `Some`) and these
    /// sources (added after any it has, each address once); `dropped` are the reasons the
    /// reader left parts of the check out, reported under the annotation's name.
    pub fn set_check(
        &mut self,
        id: AnnotationId,
        verdict: Option<Verdict>,
        evidence: Vec<Evidence>,
        dropped: Vec<String>,
    ) {
        let name = self.names.get(&id).cloned();
        let mut reasons = dropped;
        if let Some(inc) = self.incoming.iter_mut().find(|i| i.annotation.id == id) {
            let a = &mut inc.annotation;
            if a.label != Label::Claim {
                reasons.extend(not_a_claim(
                    a.label,
                    verdict.is_some(),
                    !evidence.is_empty(),
                ));
            } else {
                if verdict.is_some() {
                    a.verdict = verdict;
                }
                for e in evidence {
                    if a.evidence.iter().any(|x| x.url == e.url) {
                        reasons.push(format!(
                            "it cites “{}” twice; the second was left out",
                            crate::formats::gloss::shorten(&e.url)
                        ));
                    } else {
                        a.evidence.push(e);
                    }
                }
            }
        }
        for reason in reasons {
            self.problem(name.clone(), reason);
        }
    }
}
