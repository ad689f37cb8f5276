//! What a segment of the article looks like: its classes (labels, selection, related,
//! verdict, suggestions) and, when the pointer rests on it, the names of what covers it. The
//! style sheet draws everything from the classes; no text is ever added inside the article.

use crate::model::layout::Segment;
use crate::model::{AnnotationId, Label, Span};
use crate::suggest::Kind;

/// The class-name part for a suggestion's kind.
pub fn kind_slug(kind: Kind) -> &'static str {
    match kind {
        Kind::DirectQuote => "direct",
        Kind::IndirectQuote => "indirect",
        Kind::Actor => "actor",
    }
}

const KINDS: [Kind; 3] = [Kind::DirectQuote, Kind::IndirectQuote, Kind::Actor];

/// The class list of a segment: `seg`, and for a highlighted one `mk`, one `m-<label>` per
/// label on it, `m-overlap f-<label>` when several annotations cover it (the innermost one's
/// label, whose colour alone fills it), `sel` when the selected one does, `rel` when one the
/// selection outlines does (its source, its person's mentions and what they said).
/// Suggested: `sg`, `s-<label>` per label suggested there (the dashed outline's colour, the
/// innermost one's as `si-<label>`), `sk-<kind>` per kind, `sgs`/`sge` where a suggestion
/// starts/ends, `sgs-<kind>` where one of that kind starts (what a screen reader is told, from
/// the style sheet), `ssel` when the selected suggestion covers it.
pub fn segment_class(
    segment: &Segment,
    selected: Option<AnnotationId>,
    related: &[AnnotationId],
    suggestion: Option<Span>,
) -> String {
    let mut class = String::from("seg");
    if let Some(suggested) = segment.suggested.as_deref() {
        class.push_str(" sg");
        for label in Label::ALL {
            if suggested.iter().any(|(k, _)| k.label() == label) {
                class.push_str(" s-");
                class.push_str(label.slug());
            }
        }
        let start = segment.span.start;
        let end = segment.span.end;
        if suggested.iter().any(|(_, s)| s.start == start) {
            class.push_str(" sgs");
        }
        if suggested.iter().any(|(_, s)| s.end == end) {
            class.push_str(" sge");
        }
        if let Some((inner, _)) = suggested.last() {
            class.push_str(" si-");
            class.push_str(inner.label().slug());
        }
        for kind in KINDS {
            if suggested.iter().any(|(k, _)| *k == kind) {
                class.push_str(" sk-");
                class.push_str(kind_slug(kind));
            }
            if suggested
                .iter()
                .any(|(k, s)| *k == kind && s.start == segment.span.start)
            {
                class.push_str(" sgs-");
                class.push_str(kind_slug(kind));
            }
        }
        if suggestion.is_some_and(|sel| suggested.iter().any(|(_, s)| *s == sel)) {
            class.push_str(" ssel");
        }
    }
    if segment.marks.is_empty() {
        return class;
    }
    class.push_str(" mk");
    for label in Label::ALL {
        if segment.marks.iter().any(|(_, l)| *l == label) {
            class.push_str(" m-");
            class.push_str(label.slug());
        }
    }
    if segment.marks.len() > 1 {
        class.push_str(" m-overlap");
        if let Some((_, innermost)) = segment.marks.last() {
            class.push_str(" f-");
            class.push_str(innermost.slug());
        }
    }
    if selected.is_some_and(|id| segment.marks.iter().any(|(m, _)| *m == id)) {
        class.push_str(" sel");
    }
    if segment.marks.iter().any(|(m, _)| related.contains(m)) {
        class.push_str(" rel");
    }
    // The last segment of a rated claim: its badge (drawn by the style sheet) follows it.
    if let Some(verdict) = segment.verdict {
        class.push_str(" v-");
        class.push_str(verdict.slug());
    }
    class
}

/// What the pointer resting on a segment shows: the labels on it (the innermost, the one
/// filling it, first), a rated claim's verdict, and the suggestions over it:
/// "Quote, Claim (verdict: False)", "suggested quote".
pub fn title_of(class: &str) -> String {
    let has = |c: &str| class.split_whitespace().any(|x| x == c);
    let suggested: Vec<&str> = KINDS
        .into_iter()
        .filter(|&k| has(&format!("sk-{}", kind_slug(k))))
        .map(Kind::words)
        .collect();
    let labels = if has("mk") {
        label_names(class)
    } else {
        String::new()
    };
    [labels, suggested.join(", ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The names of the labels a segment's classes carry, the innermost (the one filling it)
/// first, and the verdict of a rated claim ending there: "Quote, Claim (verdict: False)".
pub fn label_names(class: &str) -> String {
    let verdict = class
        .split_whitespace()
        .find_map(|c| c.strip_prefix("v-"))
        .and_then(crate::model::Verdict::from_slug);
    let labels = names_of_labels(class);
    match verdict {
        Some(v) => format!("{labels} (verdict: {})", v.name()),
        None => labels,
    }
}

fn names_of_labels(class: &str) -> String {
    let has = |prefix: &str, label: Label| {
        class
            .split_whitespace()
            .any(|c| c.strip_prefix(prefix) == Some(label.slug()))
    };
    let labels = Label::ALL;
    let first = labels.into_iter().filter(|&l| has("f-", l));
    let rest = labels
        .into_iter()
        .filter(|&l| has("m-", l) && !has("f-", l));
    first
        .chain(rest)
        .map(Label::name)
        .collect::<Vec<_>>()
        .join(", ")
}
