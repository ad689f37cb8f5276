//! Whose work the article shows and who makes it: "Your name" signs what is marked and changed,
//! "Showing" picks one layer (another person's read only), the curated layer is edited like
//! one's own.

use std::rc::Rc;

use gloss_core::model::layers::{Layer, Showing};
use gloss_core::model::{Annotation, Document, Label, Timestamp};
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
    ]
}
