//! The Library's rows: what each says of its article, and that each is worked out once per
//! version of the article (typing in the filter or opening the Library again walks no
//! annotation).
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::rc::Rc;

use gloss_core::model::summary::{Summaries, Summary};
use gloss_core::model::{
    Annotation, AnnotationId, ArticleDate, Document, Label, Span, Timestamp, Verdict,
};

fn doc(marks: &[(Label, Option<&str>, bool)]) -> Document {
    let mut doc = Document::new(
        "Harbour bridge reopens".into(),
        ArticleDate::new(2026, 5, 19),
        "Some text of the article.".into(),
        Timestamp(1_000),
    );
    doc.annotations = marks
        .iter()
        .enumerate()
        .map(|(n, (label, by, rated))| {
            let mut a = Annotation::new(
                AnnotationId::random(),
                *label,
                Span::new(n, n + 1).expect("a span"),
                Timestamp(1),
            );
            a.created_by = by.map(str::to_owned);
            if *rated {
                a.verdict = Some(Verdict::True);
            }
            a
        })
        .collect();
    doc
}

#[test]
fn summary_cases() {
    use Label::{Actor, Claim, Quote};
    // (case, annotations (label, by, rated), me, counts, by annotator, checked)
    type Case<'a> = (
        &'a str,
        Vec<(Label, Option<&'a str>, bool)>,
        Option<&'a str>,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
    );
    let cases: Vec<Case> = vec![
        (
            "nothing marked",
            vec![],
            None,
            "0 claims · 0 quotes · 0 actors",
            None,
            None,
        ),
        (
            "one of each: singular words",
            vec![
                (Claim, None, false),
                (Quote, None, false),
                (Actor, None, false),
            ],
            None,
            "1 claim · 1 quote · 1 actor",
            None,
            Some("0 of 1 claim checked"),
        ),
        (
            "claims, one rated",
            vec![
                (Claim, None, true),
                (Claim, None, false),
                (Actor, None, false),
            ],
            None,
            "2 claims · 0 quotes · 1 actor",
            None,
            Some("1 of 2 claims checked"),
        ),
        (
            "one annotator only: no counts per annotator",
            vec![(Quote, Some("Ana"), false), (Quote, Some("Ana"), false)],
            Some("Ana"),
            "0 claims · 2 quotes · 0 actors",
            None,
            None,
        ),
        (
            "two annotators, one of them me",
            vec![
                (Quote, Some("Ana"), false),
                (Actor, Some("Ben"), false),
                (Actor, Some("Ben"), false),
            ],
            Some("Ana"),
            "0 claims · 1 quote · 2 actors",
            Some("Ana 1 · Ben 2"),
            None,
        ),
        (
            "unsigned annotations are mine, called You without a name",
            vec![(Quote, None, false), (Actor, Some("Ben"), false)],
            None,
            "0 claims · 1 quote · 1 actor",
            Some("You 1 · Ben 1"),
            None,
        ),
    ];
    for (case, marks, me, counts, layers, checked) in cases {
        let d = doc(&marks);
        let s = Summary::of(&d, me);
        assert_eq!(s.id, d.id, "{case}: id");
        assert_eq!(s.title, "Harbour bridge reopens", "{case}: title");
        assert_eq!(s.date.as_deref(), Some("2026-05-19"), "{case}: date");
        assert_eq!(s.counts, counts, "{case}: counts");
        assert_eq!(s.layers.as_deref(), layers, "{case}: by annotator");
        assert_eq!(s.checked.as_deref(), checked, "{case}: checked");
        assert_eq!(s.updated_at, d.updated_at, "{case}: last change");
    }
}

#[test]
fn a_row_is_made_once_per_version_of_its_document() {
    let made = Cell::new(0);
    let make = |d: &Document, me: Option<&str>| {
        made.set(made.get() + 1);
        Summary::of(d, me)
    };
    let mut rows = Summaries::default();
    let first = Rc::new(doc(&[(Label::Claim, None, false)]));
    let second = Rc::new(doc(&[]));

    // (case, document, me, rows made so far)
    let steps: Vec<(&str, Rc<Document>, Option<&str>, usize)> = vec![
        ("first time: made", Rc::clone(&first), None, 1),
        ("the same document again: kept", Rc::clone(&first), None, 1),
        ("another document: made", Rc::clone(&second), None, 2),
        ("the first again: still kept", Rc::clone(&first), None, 2),
        (
            "equal contents, same revision, another version: made again",
            Rc::new((*first).clone()),
            None,
            3,
        ),
        (
            "a name given: every row made again",
            Rc::clone(&second),
            Some("Ana"),
            4,
        ),
    ];
    for (case, d, me, want) in steps {
        let row = rows.get(&d, me, make);
        assert_eq!(row.id, d.id, "{case}: the row of that document");
        assert_eq!(made.get(), want, "{case}: rows made");
    }

    let kept = first.id;
    rows.get(&first, Some("Ana"), make);
    assert_eq!(rows.len(), 2);
    rows.forget_others(|id| *id == kept);
    assert_eq!(rows.len(), 1, "a deleted document's row is dropped");
}
