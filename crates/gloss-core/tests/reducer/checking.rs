//! Fact-checking: a claim's verdict and source links set, changed and removed, each one
//! undoable step; only claims carry them; the list filtered by verdict.

use gloss_core::model::{Annotation, Evidence, Label, Timestamp, Verdict};
use gloss_core::state::{Action, CheckFilter, EvidenceChange, State};

use crate::fixtures::*;

const CLAIM: &str = "The bridge carries 40,000 vehicles a day.";

fn verdict(n: u128, v: Option<Verdict>) -> Action {
    Action::SetVerdict {
        id: id(n),
        verdict: v,
        at: Timestamp(500),
    }
}

fn evidence(url: &str, title: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        note: String::new(),
    }
}

fn add(n: u128, url: &str, title: &str) -> Action {
    Action::ChangeEvidence {
        id: id(n),
        change: EvidenceChange::Add(evidence(url, title)),
        at: Timestamp(600),
    }
}

fn change(n: u128, change: EvidenceChange) -> Action {
    Action::ChangeEvidence {
        id: id(n),
        change,
        at: Timestamp(700),
    }
}

fn get(state: &State, n: u128) -> Annotation {
    state
        .article
        .as_ref()
        .and_then(|a| a.annotation(id(n)))
        .cloned()
        .expect("annotation")
}

fn said(state: &State) -> &str {
    &state.announcement.1
}

fn notice(state: &State) -> String {
    state
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

fn segments(state: &State) -> Vec<std::rc::Rc<[gloss_core::model::layout::Segment]>> {
    state.article.as_ref().expect("open").segments.to_vec()
}

/// The line (block) where `needle` starts.
fn line_of(state: &State, needle: &str) -> usize {
    let at = span_of(needle).start;
    let article = state.article.as_ref().expect("open");
    article
        .blocks
        .iter()
        .position(|b| b.start <= at && at < b.end)
        .expect("a line")
}

fn urls(a: &Annotation) -> Vec<&str> {
    a.evidence.iter().map(|e| e.url.as_str()).collect()
}

pub fn cases() -> Vec<Case> {
    vec![
        effect(
            "rate a claim, undoably",
            vec![
                mark(Label::Claim, CLAIM, 1),
                verdict(1, Some(Verdict::Unverifiable)),
            ],
            |before, after| {
                let a = get(after, 1);
                assert_eq!(a.verdict, Some(Verdict::Unverifiable));
                assert_eq!(a.updated_at, Timestamp(500));
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert!(said(after).ends_with(": Unverifiable"), "{}", said(after));
                let undone = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(get(&undone, 1).verdict, None);
                assert_eq!(said(&undone), "Undone: Verdict set to Unverifiable");
                let redone = undone.reduce(Action::Redo);
                assert_eq!(get(&redone, 1).verdict, Some(Verdict::Unverifiable));
                let doc = after.library.get(&doc_id()).expect("in the library");
                assert!(
                    doc.revision > before.library[&doc_id()].revision,
                    "to be stored"
                );
            },
        ),
        effect(
            "set a claim back to not checked yet",
            vec![
                mark(Label::Claim, CLAIM, 1),
                verdict(1, Some(Verdict::False)),
                verdict(1, None),
            ],
            |_, after| {
                assert_eq!(get(after, 1).verdict, None);
                assert!(
                    said(after).ends_with(": Not checked yet"),
                    "{}",
                    said(after)
                );
            },
        ),
        effect(
            "a verdict on a quote is refused, in words",
            vec![
                mark(Label::Quote, QUOTE, 1),
                verdict(1, Some(Verdict::True)),
            ],
            |_, after| {
                assert_eq!(get(after, 1).verdict, None);
                assert!(notice(after).contains("Only a claim"), "{}", notice(after));
            },
        ),
        no_op(
            "verdict: the same verdict again",
            vec![
                mark(Label::Claim, CLAIM, 1),
                verdict(1, Some(Verdict::True)),
                verdict(1, Some(Verdict::True)),
            ],
        ),
        effect(
            "add source links to a claim, each undoable",
            vec![
                mark(Label::Claim, CLAIM, 1),
                add(1, "https://counts.example.org/2026", "Traffic counts"),
                add(1, "  http://archive.example.net/x ", ""),
            ],
            |before, after| {
                let a = get(after, 1);
                assert_eq!(
                    urls(&a),
                    [
                        "https://counts.example.org/2026",
                        "http://archive.example.net/x"
                    ]
                );
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert_eq!(said(after), "Source added: http://archive.example.net/x");
                let undone = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(urls(&get(&undone, 1)), ["https://counts.example.org/2026"]);
            },
        ),
        effect(
            "a javascript: source is refused and nothing changes",
            vec![
                mark(Label::Claim, CLAIM, 1),
                add(1, "javascript:alert(1)", "x"),
            ],
            |before, after| {
                assert!(get(after, 1).evidence.is_empty());
                assert_eq!(after.undo.len(), before.undo.len());
                assert!(
                    notice(after).contains("http:// or https://"),
                    "{}",
                    notice(after)
                );
            },
        ),
        effect(
            "the same address twice is refused",
            vec![
                mark(Label::Claim, CLAIM, 1),
                add(1, "https://a.example/", "A"),
                add(1, "https://a.example/", "Again"),
            ],
            |_, after| {
                assert_eq!(get(after, 1).evidence.len(), 1);
                assert!(notice(after).contains("already has"), "{}", notice(after));
            },
        ),
        effect(
            "change and remove a source link",
            vec![
                mark(Label::Claim, CLAIM, 1),
                add(1, "https://a.example/", "A"),
                add(1, "https://b.example/", "B"),
                change(
                    1,
                    EvidenceChange::Replace(0, evidence("https://c.example/", "C")),
                ),
                change(1, EvidenceChange::Remove(1)),
            ],
            |_, after| {
                let a = get(after, 1);
                assert_eq!(urls(&a), ["https://c.example/"]);
                assert_eq!(said(after), "Source removed: B");
                let undone = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                assert_eq!(
                    urls(&get(&undone, 1)),
                    ["https://c.example/", "https://b.example/"]
                );
            },
        ),
        no_op(
            "source: remove a link the claim does not have",
            vec![
                mark(Label::Claim, CLAIM, 1),
                change(1, EvidenceChange::Remove(0)),
            ],
        ),
        effect(
            "relabelling a checked claim drops its check, and undo brings it back",
            vec![
                mark(Label::Claim, CLAIM, 1),
                verdict(1, Some(Verdict::MostlyFalse)),
                add(1, "https://a.example/", "A"),
                key(Label::Quote),
            ],
            |_, after| {
                let a = get(after, 1);
                assert_eq!(a.label, Label::Quote);
                assert!(!a.is_checked());
                assert!(
                    said(after).ends_with("; its verdict and 1 source were removed"),
                    "{}",
                    said(after)
                );
                let undone = std::rc::Rc::new(after.clone()).reduce(Action::Undo);
                let back = get(&undone, 1);
                assert_eq!(back.verdict, Some(Verdict::MostlyFalse));
                assert_eq!(back.evidence.len(), 1);
            },
        ),
        effect(
            "filter the list to claims of one verdict",
            vec![
                mark(Label::Claim, CLAIM, 1),
                mark(Label::Claim, "Critics disagreed.", 2),
                mark(Label::Quote, QUOTE, 3),
                verdict(2, Some(Verdict::False)),
                Action::Select(None),
                Action::SetCheckFilter(Some(CheckFilter::Is(Verdict::False))),
            ],
            |_, after| {
                assert_eq!(after.filter, Some(Label::Claim));
                let listed: Vec<_> = after
                    .article
                    .as_ref()
                    .expect("article")
                    .doc
                    .annotations
                    .iter()
                    .filter(|a| after.is_listed(a))
                    .map(|a| a.id)
                    .collect();
                assert_eq!(listed, [id(2)]);
                let next = std::rc::Rc::new(after.clone()).reduce(Action::SelectNext);
                assert_eq!(next.selected, Some(id(2)));
                // Another label ends the verdict filter.
                let quotes = next.reduce(Action::SetFilter(Some(Label::Quote)));
                assert_eq!(quotes.check_filter, None);
            },
        ),
        effect(
            "filter claims not checked yet",
            vec![
                mark(Label::Claim, CLAIM, 1),
                mark(Label::Claim, "Critics disagreed.", 2),
                verdict(2, Some(Verdict::True)),
                Action::Select(None),
                Action::SetCheckFilter(Some(CheckFilter::NotChecked)),
            ],
            |_, after| {
                let a = get(after, 1);
                let b = get(after, 2);
                assert!(after.is_listed(&a));
                assert!(!after.is_listed(&b));
            },
        ),
        effect(
            "a verdict redraws the claim's line and no other; a source link none",
            vec![
                mark(Label::Claim, CLAIM, 1),
                verdict(1, Some(Verdict::False)),
            ],
            |before, after| {
                let (old, new) = (segments(before), segments(after));
                let line = line_of(after, CLAIM);
                for (i, (a, b)) in old.iter().zip(new.iter()).enumerate() {
                    let kept = std::rc::Rc::ptr_eq(a, b);
                    assert_eq!(kept, i != line, "line {i} (the claim's is {line})");
                }
                let sourced = std::rc::Rc::new(after.clone()).reduce(add(
                    1,
                    "https://counts.example.org/",
                    "Counts",
                ));
                let newer = segments(&sourced);
                assert!(new
                    .iter()
                    .zip(newer.iter())
                    .all(|(a, b)| std::rc::Rc::ptr_eq(a, b)));
            },
        ),
        no_op(
            "check filter: the same again",
            vec![
                Action::SetCheckFilter(Some(CheckFilter::NotChecked)),
                Action::SetCheckFilter(Some(CheckFilter::NotChecked)),
            ],
        ),
    ]
}
