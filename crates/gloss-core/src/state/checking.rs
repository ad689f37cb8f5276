//! Fact-checking a claim: its verdict and the source links it was checked against. Each change
//! is one undoable edit of the claim; only claims carry a check.

use crate::model::verdict::{check_source, Evidence, Verdict, NOT_CHECKED};
use crate::model::{Annotation, AnnotationId, Label, Timestamp};

use super::{Edit, State};

/// What the list of annotations shows of claims by their check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckFilter {
    /// Claims with no verdict yet.
    NotChecked,
    /// Claims with this verdict.
    Is(Verdict),
}

impl CheckFilter {
    /// Whether the list shows `a` under this filter (never anything but a claim).
    pub fn admits(self, a: &Annotation) -> bool {
        a.label == Label::Claim
            && match self {
                CheckFilter::NotChecked => a.verdict.is_none(),
                CheckFilter::Is(v) => a.verdict == Some(v),
            }
    }

    /// Its words: "Not checked yet", "Mostly true".
    pub fn name(self) -> &'static str {
        match self {
            CheckFilter::NotChecked => NOT_CHECKED,
            CheckFilter::Is(v) => v.name(),
        }
    }

    /// The value the filter's menu uses: `unchecked` or a verdict's slug.
    pub fn slug(self) -> &'static str {
        match self {
            CheckFilter::NotChecked => "unchecked",
            CheckFilter::Is(v) => v.slug(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<CheckFilter> {
        match slug {
            "unchecked" => Some(CheckFilter::NotChecked),
            other => Verdict::from_slug(other).map(CheckFilter::Is),
        }
    }
}

/// Whether the list shows `a`: of the label filter's label, and of the check filter's verdict
/// when one is chosen. The sidebar and the keys that move through the list both ask this.
pub fn listed(filter: Option<Label>, check: Option<CheckFilter>, a: &Annotation) -> bool {
    filter.is_none_or(|f| a.label == f) && check.is_none_or(|c| c.admits(a))
}

/// What changes a claim's source links.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceChange {
    /// Add a link at the end of the list.
    Add(Evidence),
    /// Replace the link at this place in the list.
    Replace(usize, Evidence),
    /// Remove the link at this place in the list.
    Remove(usize),
}

impl State {
    /// The selected annotation when it is a claim of the open article, or why not, in words.
    fn claim(&self, id: AnnotationId) -> Result<&Annotation, &'static str> {
        let a = self
            .article
            .as_ref()
            .and_then(|article| article.annotation(id))
            .ok_or("That claim is no longer in the article.")?;
        if a.label == Label::Claim {
            Ok(a)
        } else {
            Err("Only a claim has a verdict and sources: mark it as a Claim first.")
        }
    }

    pub(super) fn set_verdict(
        &self,
        id: AnnotationId,
        verdict: Option<Verdict>,
        at: Timestamp,
    ) -> Option<State> {
        let before = match self.claim(id) {
            Ok(a) => a.clone(),
            Err(why) => return Some(self.hinted(why)),
        };
        if before.verdict == verdict {
            return None;
        }
        let after = Annotation {
            verdict,
            updated_at: at,
            ..before.clone()
        };
        let text = format!(
            "Verdict on “{}”: {}",
            self.excerpt(before.span),
            verdict.map_or(NOT_CHECKED, Verdict::name)
        );
        let mut next = self.commit(Edit::Changed { before, after })?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    pub(super) fn change_evidence(
        &self,
        id: AnnotationId,
        change: EvidenceChange,
        at: Timestamp,
    ) -> Option<State> {
        let before = match self.claim(id) {
            Ok(a) => a.clone(),
            Err(why) => return Some(self.hinted(why)),
        };
        // The dialog checks a link before it asks; one that slips past is refused here too.
        let mut evidence = before.evidence.clone();
        let others = |except: Option<usize>| {
            before
                .evidence
                .iter()
                .enumerate()
                .filter(move |(j, _)| Some(*j) != except)
                .map(|(_, e)| e)
        };
        let checked =
            |except, e: &Evidence| check_source(others(except), &e.url, &e.title, &e.note);
        let text = match change {
            EvidenceChange::Add(e) => match checked(None, &e) {
                Err(why) => return Some(self.hinted(&why.to_string())),
                Ok(e) => {
                    let text = format!("Source added: {}", e.label());
                    evidence.push(e);
                    text
                }
            },
            EvidenceChange::Replace(i, e) => match checked(Some(i), &e) {
                Err(why) => return Some(self.hinted(&why.to_string())),
                Ok(e) => {
                    let slot = evidence.get_mut(i)?;
                    if *slot == e {
                        return None;
                    }
                    let text = format!("Source changed: {}", e.label());
                    *slot = e;
                    text
                }
            },
            EvidenceChange::Remove(i) => {
                if i >= evidence.len() {
                    return None;
                }
                let gone = evidence.remove(i);
                format!("Source removed: {}", gone.label())
            }
        };
        let after = Annotation {
            evidence,
            updated_at: at,
            ..before.clone()
        };
        let mut next = self.commit(Edit::Changed { before, after })?;
        next.announce(&self.announcement, text);
        Some(next)
    }

    /// Whether the list shows `a` ([`listed`] with this state's filters).
    pub fn is_listed(&self, a: &Annotation) -> bool {
        listed(self.filter, self.check_filter, a)
    }

    pub(super) fn set_check_filter(&self, filter: Option<CheckFilter>) -> Option<State> {
        let label = if filter.is_some() {
            Some(Label::Claim)
        } else {
            self.filter
        };
        (self.check_filter != filter || self.filter != label).then(|| State {
            check_filter: filter,
            filter: label,
            ..self.clone()
        })
    }

    pub(super) fn set_filter(&self, filter: Option<Label>) -> Option<State> {
        // The check filter chooses among claims: another label (or all) ends it.
        let check = self.check_filter.filter(|_| filter == Some(Label::Claim));
        (self.filter != filter || self.check_filter != check).then(|| State {
            filter,
            check_filter: check,
            ..self.clone()
        })
    }
}

/// "; its verdict and 2 sources were removed", for a claim relabelled to something else.
pub(super) fn lost_check(before: &Annotation) -> String {
    let sources = match before.evidence.len() {
        0 => None,
        1 => Some("1 source".to_owned()),
        n => Some(format!("{n} sources")),
    };
    match (before.verdict.is_some(), sources) {
        (false, None) => String::new(),
        (true, None) => "; its verdict was removed".to_owned(),
        (false, Some(s)) => {
            let were = if before.evidence.len() == 1 {
                "was"
            } else {
                "were"
            };
            format!("; its {s} {were} removed")
        }
        (true, Some(s)) => format!("; its verdict and {s} were removed"),
    }
}
