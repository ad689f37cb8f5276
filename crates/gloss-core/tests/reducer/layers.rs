//! Whose work the article shows and who makes it: "Your name" signs what is marked and changed,
//! "Showing" picks one layer (another person's read only), the curated layer is edited like
//! one's own.

use std::rc::Rc;

use gloss_core::agree::disagree::Choice;
use gloss_core::model::layers::{Layer, Showing};
use gloss_core::model::{Annotation, Document, Label, Span, Timestamp};
use gloss_core::state::{Action, State};

use crate::fixtures::*;

/// The test article with Ben's quote and actor, and one curated quote, besides nothing of mine.
pub fn with_layers() -> Rc<State> {
    let mut doc = Document::new("Test".into(), None, TEXT.into(), Timestamp(0));
    doc.id = doc_id();
    let by = |n: u128, label: Label, needle: &str, who: &str, curated: bool| {
        let mut a = Annotation::new(id(n), label, span_of(needle), Timestamp(0));
        a.created_by = Some(who.into());
        a.curated = curated;
        a
    };
    doc.annotations = vec![
        by(901, Label::Actor, "Irene Valdés", "Ben", false),
        by(902, Label::Quote, QUOTE, "Ben", false),
        by(903, Label::Quote, QUOTE, "Ana", true),
    ];
    Rc::new(State::with_document(doc))
}

/// Ana and Ben marked the article, Cleo curates: both marked the mayor and her quote (each
/// linking the quote to their own mention), only Ana the critics' claim.
pub fn two_annotators() -> Rc<State> {
    let mut doc = Document::new("Test".into(), None, TEXT.into(), Timestamp(0));
    doc.id = doc_id();
    let by = |n: u128, label: Label, needle: &str, who: &str, source: Option<u128>| {
        let mut a = Annotation::new(id(n), label, span_of(needle), Timestamp(0));
        a.created_by = Some(who.into());
        a.source = source.map(id);
        a
    };
    doc.annotations = vec![
        by(801, Label::Actor, "Irene Valdés", "Ana", None),
        by(802, Label::Quote, QUOTE, "Ana", Some(801)),
        by(803, Label::Claim, "Critics disagreed.", "Ana", None),
        by(811, Label::Actor, "Irene Valdés", "Ben", None),
        by(812, Label::Quote, QUOTE, "Ben", Some(811)),
    ];
    doc.annotations.sort_by(gloss_core::model::text_order);
    Rc::new(State::with_document(doc)).reduce(Action::SetYourName("Cleo".into()))
}

fn curated_marks(state: &State) -> Vec<(Label, String, Option<String>, bool)> {
    let article = state.article.as_ref().expect("an article");
    let doc = &article.doc;
    doc.annotations
        .iter()
        .filter(|a| a.curated)
        .map(|a| {
            let source = a
                .source
                .and_then(|s| doc.annotation(s))
                .map(|s| article.index.slice(s.span).to_owned());
            let linked_to_curated = a
                .source
                .and_then(|s| doc.annotation(s))
                .is_none_or(|s| s.curated);
            assert_eq!(
                a.created_by.as_deref(),
                Some("Cleo"),
                "signed by the curator"
            );
            (
                a.label,
                article.index.slice(a.span).to_owned(),
                source,
                linked_to_curated,
            )
        })
        .collect()
}

fn ids() -> Vec<gloss_core::model::AnnotationId> {
    (700..720).map(id).collect()
}

fn accept_agreed() -> Action {
    Action::AcceptAgreed {
        ids: ids(),
        at: Timestamp(50),
    }
}

fn curate(label: Label, needle: &str, choice: Choice) -> Action {
    Action::Curate {
        label,
        span: span_of(needle),
        choice,
        ids: ids(),
        at: Timestamp(60),
    }
}

fn bens() -> Showing {
    Showing::Layer(Layer::Annotator("Ben".into()))
}

fn curated() -> Showing {
    Showing::Layer(Layer::Curated)
}

/// The texts of the annotations the open article shows (draws, lists, lets select).
fn shown(state: &State) -> Vec<String> {
    let article = state.article.as_ref().expect("an article");
    article
        .visible()
        .map(|a| article.index.slice(a.span).to_owned())
        .collect()
}

fn drawn(state: &State) -> usize {
    let article = state.article.as_ref().expect("an article");
    let mut ids: Vec<_> = article
        .segments
        .iter()
        .flat_map(|line| line.iter().flat_map(|s| s.marks.iter().map(|(id, _)| *id)))
        .collect();
    ids.sort();
    ids.dedup();
    ids.len()
}

fn annotation(state: &State, n: u128) -> Annotation {
    let doc = &state.article.as_ref().expect("an article").doc;
    doc.annotations
        .iter()
        .find(|a| a.id == id(n))
        .cloned()
        .expect("the annotation")
}

pub fn cases() -> Vec<Case> {
    vec![
        // SetYourName.
        effect(
            "your name signs what is marked",
            vec![
                Action::SetYourName("  Ana ".into()),
                mark(Label::Claim, "Critics disagreed.", 1),
            ],
            |_, after| {
                let a = annotation(after, 1);
                assert_eq!(a.created_by.as_deref(), Some("Ana"));
                assert!(!a.curated);
                assert_eq!(after.me.as_deref(), Some("Ana"), "trimmed");
            },
        ),
        effect(
            "a change is signed by who made it; the maker stays",
            vec![
                mark(Label::Claim, "Critics disagreed.", 1),
                Action::SetYourName("Ana".into()),
                note(1, "check", 5),
            ],
            |_, after| {
                let a = annotation(after, 1);
                assert_eq!(a.created_by, None, "made before a name was given");
                assert_eq!(a.updated_by.as_deref(), Some("Ana"));
            },
        ),
        effect(
            "your name equal to another's: their layer becomes yours",
            vec![Action::Show(bens()), Action::SetYourName("Ben".into())],
            |_, after| {
                let view = &after.article.as_ref().expect("article").view;
                assert_eq!(view.showing, Showing::Mine);
                assert_eq!(shown(after), vec!["Irene Valdés", QUOTE]);
            },
        )
        .from(with_layers),
        no_op(
            "your name: the same again",
            vec![
                Action::SetYourName("Ana".into()),
                Action::SetYourName("Ana ".into()),
            ],
        ),
        no_op("your name: blank when none", vec![Action::SetYourName("  ".into())]),
        // Show.
        effect(
            "by default one's own layer: another's marks are neither drawn nor listed",
            vec![Action::SetYourName("Ana".into())],
            |_, after| {
                assert_eq!(shown(after), Vec::<String>::new());
                assert_eq!(drawn(after), 0);
            },
        )
        .from(with_layers),
        effect(
            "show Ben's layer: his marks drawn and listed, read only",
            vec![Action::SetYourName("Ana".into()), Action::Show(bens())],
            |_, after| {
                assert_eq!(shown(after), vec!["Irene Valdés", QUOTE]);
                assert_eq!(drawn(after), 2);
                assert_eq!(after.announcement.1, "Showing: Ben (read only)");
            },
        )
        .from(with_layers),
        effect(
            "show everyone: every layer drawn",
            vec![Action::Show(Showing::Everyone)],
            |_, after| assert_eq!(drawn(after), 3),
        )
        .from(with_layers),
        effect(
            "showing another layer drops a selection it does not show",
            vec![
                mark(Label::Claim, "Critics disagreed.", 1),
                Action::Show(bens()),
            ],
            |before, after| {
                assert_eq!(before.selected, Some(id(1)));
                assert_eq!(after.selected, None);
            },
        )
        .from(with_layers),
        no_op("show: the layer already shown", vec![Action::Show(Showing::Mine)]),
        no_op(
            "show: one's own layer, by either name",
            vec![Action::Show(Showing::Layer(Layer::Mine))],
        ),
        // Read only, and the curated layer.
        effect(
            "marking in Ben's layer is refused, with how to edit",
            vec![
                Action::SetYourName("Ana".into()),
                Action::Show(bens()),
                mark(Label::Claim, "Critics disagreed.", 1),
            ],
            hint("This is Ben's layer: it can be read, not changed. Choose “Ana” in Showing to edit your own."),
        )
        .from(with_layers),
        effect(
            "deleting in everyone's view is refused",
            vec![Action::Show(Showing::Everyone), Action::Delete(id(902))],
            hint("Everyone's marks are shown together and cannot be changed here. Choose “You” in Showing to edit your own."),
        )
        .from(with_layers),
        effect(
            "marking what Ben marked, in one's own layer: both kept (agreement, not a duplicate)",
            vec![mark(Label::Quote, QUOTE, 1)],
            |_, after| {
                assert_eq!(annotation(after, 1).span, span_of(QUOTE));
                let quotes = after.article.as_ref().expect("article").doc.annotations.iter()
                    .filter(|a| a.label == Label::Quote).count();
                assert_eq!(quotes, 3, "Ben's, the curated one, and mine");
            },
        )
        .from(with_layers),
        effect(
            "marking in the curated layer: a curated annotation, signed",
            vec![
                Action::SetYourName("Cleo".into()),
                Action::Show(curated()),
                mark(Label::Actor, "Irene Valdés", 1),
            ],
            |_, after| {
                let a = annotation(after, 1);
                assert!(a.curated);
                assert_eq!(a.created_by.as_deref(), Some("Cleo"));
                assert_eq!(shown(after), vec!["Irene Valdés", QUOTE]);
            },
        )
        .from(with_layers),
        effect(
            "undo in the curated layer takes the curated mark away",
            vec![
                Action::Show(curated()),
                mark(Label::Actor, "Irene Valdés", 1),
                Action::Undo,
            ],
            |_, after| assert_eq!(shown(after), vec![QUOTE]),
        )
        .from(with_layers),
            // AcceptAgreed.
        effect(
            "accept all agreed: the agreements copied into the curated layer, speakers linked",
            vec![accept_agreed()],
            |before, after| {
                let mayor = "Irene Valdés".to_owned();
                assert_eq!(
                    curated_marks(after),
                    vec![
                        (Label::Actor, mayor.clone(), None, true),
                        (Label::Quote, QUOTE.to_owned(), Some(mayor), true),
                    ]
                );
                assert_eq!(after.undo.len(), before.undo.len() + 1, "one undo step");
                assert_eq!(
                    after.announcement.1,
                    "Accepted 2 agreements into the curated layer"
                );
            },
        )
        .from(two_annotators),
        effect(
            "accept all agreed, undone: the curated layer is empty again",
            vec![accept_agreed(), Action::Undo],
            |_, after| assert_eq!(curated_marks(after), vec![]),
        )
        .from(two_annotators),
        effect(
            "accept all agreed twice: says there is nothing left",
            vec![accept_agreed(), accept_agreed()],
            hint("Every agreement is in the curated layer already."),
        )
        .from(two_annotators),
        effect(
            "accept all agreed with one annotator: says what is needed",
            vec![mark(Label::Claim, "Critics disagreed.", 1), accept_agreed()],
            hint("Compare needs two annotators' layers on this article: import a colleague's Gloss JSON export of it first."),
        ),
        no_op("accept all agreed: no article open", vec![
            Action::DeleteDocument(doc_id()),
            accept_agreed(),
        ]),
        // Curate.
        effect(
            "keep Ana's version of a claim only she marked",
            vec![curate(Label::Claim, "Critics disagreed.", Choice::Keep(0))],
            |_, after| {
                assert_eq!(
                    curated_marks(after),
                    vec![(Label::Claim, "Critics disagreed.".to_owned(), None, true)]
                );
                assert_eq!(
                    after.announcement.1,
                    "Kept Ana's version of claim “Critics disagreed.”"
                );
            },
        )
        .from(two_annotators),
        effect(
            "keep neither: nothing curated there, the decision remembered with the article",
            vec![curate(Label::Claim, "Critics disagreed.", Choice::Neither)],
            |before, after| {
                assert_eq!(curated_marks(after), vec![]);
                let doc = &after.article.as_ref().expect("article").doc;
                let place = gloss_core::model::Rejection {
                    label: Label::Claim,
                    span: span_of("Critics disagreed."),
                };
                assert_eq!(doc.left_out, vec![place]);
                assert_eq!(after.library.get(&doc_id()).expect("stored").left_out, vec![place]);
                assert_eq!(after.undo.len(), before.undo.len() + 1, "one undo step");
            },
        )
        .from(two_annotators),
        effect(
            "keep neither, undone: the place is open again",
            vec![
                curate(Label::Claim, "Critics disagreed.", Choice::Neither),
                Action::Undo,
            ],
            |_, after| {
                assert!(after.article.as_ref().expect("article").doc.left_out.is_empty());
            },
        )
        .from(two_annotators),
        effect(
            "keep Ana's after keeping neither: kept, and no longer left out",
            vec![
                curate(Label::Claim, "Critics disagreed.", Choice::Neither),
                curate(Label::Claim, "Critics disagreed.", Choice::Keep(0)),
            ],
            |_, after| {
                assert!(after.article.as_ref().expect("article").doc.left_out.is_empty());
                assert_eq!(curated_marks(after).len(), 1);
            },
        )
        .from(two_annotators),
        effect(
            "keep neither after keeping: the curated mark is taken away",
            vec![
                curate(Label::Claim, "Critics disagreed.", Choice::Keep(0)),
                curate(Label::Claim, "Critics disagreed.", Choice::Neither),
            ],
            |_, after| assert_eq!(curated_marks(after), vec![]),
        )
        .from(two_annotators),
        effect(
            "keep Ben's quote after the agreed one: replaced, one curated quote, one curated actor",
            vec![accept_agreed(), curate(Label::Quote, QUOTE, Choice::Keep(1))],
            |_, after| {
                let mayor = "Irene Valdés".to_owned();
                assert_eq!(
                    curated_marks(after),
                    vec![
                        (Label::Actor, mayor.clone(), None, true),
                        (Label::Quote, QUOTE.to_owned(), Some(mayor), true),
                    ]
                );
            },
        )
        .from(two_annotators),
        no_op(
            "curate: no item there",
            vec![Action::Curate {
                label: Label::Claim,
                span: Span { start: 0, end: 3 },
                choice: Choice::Both,
                ids: ids(),
                at: Timestamp(1),
            }],
        )
        .from(two_annotators),
        no_op(
            "curate: keep neither twice",
            vec![
                curate(Label::Claim, "Critics disagreed.", Choice::Neither),
                curate(Label::Claim, "Critics disagreed.", Choice::Neither),
            ],
        )
        .from(two_annotators),
            // Your name changed, undo elsewhere, people in a read-only layer.
        effect(
            "a new name re-signs one's own work: it stays one's own layer",
            vec![
                Action::SetYourName("Ana".into()),
                mark(Label::Claim, "Critics disagreed.", 1),
                Action::SetYourName("Ana López".into()),
            ],
            |_, after| {
                let a = annotation(after, 1);
                assert_eq!(a.created_by.as_deref(), Some("Ana López"));
                assert_eq!(shown(after), vec!["Critics disagreed."]);
                assert!(after.undo.is_empty(), "the history held the old signature");
                assert_eq!(
                    after.announcement.1,
                    "Your name is now Ana López: 1 annotation signed with it"
                );
            },
        ),
        effect(
            "undo while another layer is shown: nothing invisible is selected",
            vec![
                mark(Label::Claim, "Critics disagreed.", 1),
                Action::Delete(id(1)),
                Action::Show(bens()),
                Action::Undo,
            ],
            |_, after| {
                assert_eq!(after.selected, None);
                assert!(after
                    .article
                    .as_ref()
                    .expect("article")
                    .doc
                    .annotations
                    .iter()
                    .any(|a| a.id == id(1)), "the claim is back, in one's own layer");
            },
        )
        .from(with_layers),
        effect(
            "renaming a person while Ben's layer is shown is refused",
            vec![
                Action::SetYourName("Ana".into()),
                Action::Show(bens()),
                Action::RenameEntity {
                    id: gloss_core::model::EntityId(uuid::Uuid::from_u128(5)),
                    name: "Somebody".into(),
                },
            ],
            hint("This is Ben's layer: it can be read, not changed. Choose “Ana” in Showing to edit your own."),
        )
        .from(with_layers),
    ]
}
