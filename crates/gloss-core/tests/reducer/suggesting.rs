//! Suggestions: shown (not rejected, not already marked with their label), selected (a
//! selection of their own), stepped through in text order, accepted (a quote with its speaker,
//! in one undo step) and rejected (remembered with the article, undoable), one or all.

use gloss_core::model::{Label, Rejection, Timestamp};
use gloss_core::state::{Action, State};
use gloss_core::suggest::{Kind, Suggestion};

use std::rc::Rc;

use gloss_core::model::layout::Segment;
use gloss_core::model::{Document, Span};

use crate::fixtures::*;

/// Lines of the long article: several parts' worth of suggestions, one a line.
const LINES: usize = 3 * gloss_core::state::suggesting::DRAW_STEP;
const LINE: &str = "Critics disagreed.\n";

/// A long article open: [`LINES`] lines of [`LINE`].
fn long() -> Rc<State> {
    let mut doc = Document::new("Long".into(), None, LINE.repeat(LINES).into(), Timestamp(0));
    doc.id = doc_id();
    Rc::new(State::with_document(doc))
}

/// "Suggest" on the long article: "Critics" on every line.
fn long_suggest() -> Action {
    let len = LINE.chars().count();
    Action::ShowSuggestions {
        document: doc_id(),
        suggestions: (0..LINES)
            .map(|i| Suggestion {
                kind: Kind::Actor,
                span: Span {
                    start: i * len,
                    end: i * len + "Critics".len(),
                },
                speaker: None,
            })
            .collect(),
    }
}

fn drawn_lines(state: &State) -> usize {
    state.suggestions.as_ref().map_or(0, |s| s.drawn)
}

fn segments(state: &State) -> Rc<[Rc<[Segment]>]> {
    Rc::clone(&state.suggestions.as_ref().expect("shown").segments)
}

fn line_drawn(line: &[Segment]) -> bool {
    line.iter().any(|s| s.suggested.is_some())
}

const MAYOR: &str = "Mayor Irene Valdés";
const SAID: &str = "The bridge carries 40,000 vehicles a day.";

fn actor(needle: &str) -> Suggestion {
    Suggestion {
        kind: Kind::Actor,
        span: span_of(needle),
        speaker: None,
    }
}

fn quote() -> Suggestion {
    Suggestion {
        kind: Kind::DirectQuote,
        span: span_of(SAID),
        speaker: Some(span_of(MAYOR)),
    }
}

/// "Suggest" on the test article: the mayor, her quote, and "Critics" (given out of order).
fn suggest() -> Action {
    Action::ShowSuggestions {
        document: doc_id(),
        suggestions: vec![actor("Critics"), quote(), actor(MAYOR)],
    }
}

fn accept(first: u128) -> Action {
    Action::AcceptSuggestion {
        ids: vec![id(first), id(first + 1)],
        at: Timestamp(50),
    }
}

fn accept_all(label: Label) -> Action {
    Action::AcceptAllSuggestions {
        label,
        ids: (0..6).map(|i| id(500 + i)).collect(),
        at: Timestamp(60),
    }
}

fn select(s: Suggestion) -> Action {
    Action::SelectSuggestion(Some(s))
}

/// What is shown, as (kind, text).
fn shown(state: &State) -> Vec<(Kind, String)> {
    let article = state.article.as_ref().expect("an article");
    state
        .shown_suggestions()
        .iter()
        .map(|s| (s.kind, article.index.slice(s.span).to_owned()))
        .collect()
}

fn selected_text(state: &State) -> Option<String> {
    let article = state.article.as_ref()?;
    let s = state.selected_suggestion.as_ref()?;
    Some(article.index.slice(s.span).to_owned())
}

fn all_three() -> Vec<(Kind, String)> {
    vec![
        (Kind::Actor, MAYOR.to_owned()),
        (Kind::DirectQuote, SAID.to_owned()),
        (Kind::Actor, "Critics".to_owned()),
    ]
}

fn no_article() -> Action {
    Action::DeleteDocument(doc_id())
}

pub fn cases() -> Vec<Case> {
    use Label::*;
    vec![
        effect(
            "suggest: shown in text order and counted",
            vec![suggest()],
            |_, after| {
                assert_eq!(shown(after), all_three());
                assert_eq!(after.suggestion_counts(), [0, 1, 2]);
                assert_eq!(
                    after.announcement.1,
                    "3 suggestions shown: 1 quote, 2 actors. Press N for the first."
                );
                // Drawn into the text by the next action (`DrawSuggestions`), not this one.
                assert!(after.drawing_suggestions());
                assert_eq!(drawn_lines(after), 0);
            },
        ),
        effect(
            "suggest on a long article: all counted at once, none drawn yet",
            vec![long_suggest()],
            |_, after| {
                assert_eq!(after.suggestion_counts(), [0, 0, LINES]);
                assert!(after.drawing_suggestions());
                assert_eq!(drawn_lines(after), 0);
            },
        )
        .from(long),
        effect(
            "draw suggestions: a short article at once",
            vec![suggest(), Action::DrawSuggestions],
            |_, after| {
                assert!(!after.drawing_suggestions());
                let segments = &after.suggestions.as_ref().expect("shown").segments;
                assert!(segments
                    .iter()
                    .flat_map(|b| b.iter())
                    .any(|s| s.suggested.is_some()));
            },
        ),
        effect(
            "draw suggestions: the next part of a long article, the lines before kept as they were",
            vec![
                long_suggest(),
                Action::DrawSuggestions,
                Action::DrawSuggestions,
            ],
            |before, after| {
                let (was, now) = (drawn_lines(before), drawn_lines(after));
                assert!(0 < was && was < now && now < LINES, "{was} then {now}");
                let len = LINE.chars().count();
                assert!(after.suggestion_drawn_at((now - 1) * len));
                assert!(!after.suggestion_drawn_at(now * len));
                let (old, new) = (segments(before), segments(after));
                for line in 0..LINES {
                    let drawn = line_drawn(&new[line]);
                    assert_eq!(drawn, line < now, "line {line} drawn");
                    if line < was {
                        assert!(Rc::ptr_eq(&old[line], &new[line]), "line {line} kept");
                    }
                }
            },
        )
        .from(long),
        no_op(
            "draw suggestions: every line drawn",
            vec![suggest(), Action::DrawSuggestions, Action::DrawSuggestions],
        ),
        no_op(
            "draw suggestions: none shown",
            vec![Action::DrawSuggestions],
        ),
        effect(
            "suggest: one overlapping an annotation of its label is not shown, of another it is",
            vec![
                mark(Actor, "Irene", 1),
                mark(Claim, "Critics", 2),
                suggest(),
            ],
            |_, after| {
                assert_eq!(
                    shown(after),
                    vec![
                        (Kind::DirectQuote, SAID.to_owned()),
                        (Kind::Actor, "Critics".to_owned())
                    ]
                );
            },
        ),
        effect(
            "suggest: a rejected one stays hidden when asked again",
            vec![
                suggest(),
                select(actor("Critics")),
                Action::RejectSuggestion,
                suggest(),
            ],
            |_, after| {
                assert_eq!(shown(after), all_three()[..2].to_vec());
            },
        ),
        no_op(
            "suggest: for an article that is not open",
            vec![Action::ShowSuggestions {
                document: other_id(9),
                suggestions: vec![quote()],
            }],
        ),
        effect(
            "hide suggestions",
            vec![suggest(), Action::NextSuggestion, Action::HideSuggestions],
            |_, after| {
                assert!(after.suggestions.is_none());
                assert!(after.selected_suggestion.is_none());
                assert!(after.shown_suggestions().is_empty());
            },
        ),
        no_op(
            "hide suggestions: none shown",
            vec![Action::HideSuggestions],
        ),
        effect(
            "select a suggestion: the selected annotation is deselected",
            vec![
                mark(Claim, "Critics disagreed", 1),
                suggest(),
                select(quote()),
            ],
            |_, after| {
                assert_eq!(after.selected, None);
                assert_eq!(selected_text(after).as_deref(), Some(SAID));
                assert_eq!(
                    after.announcement.1,
                    "Suggested quote “The bridge carries 40,000 vehicles a day.”, said by \
                     Mayor Irene Valdés (suggestion 2 of 3). Enter accepts, Delete rejects."
                );
            },
        ),
        effect(
            "selecting an annotation deselects the suggestion",
            vec![
                mark(Claim, "Critics disagreed", 1),
                suggest(),
                select(quote()),
                Action::Select(Some(id(1))),
            ],
            |_, after| {
                assert_eq!(after.selected, Some(id(1)));
                assert_eq!(after.selected_suggestion, None);
            },
        ),
        effect(
            "a click on a suggestion selects it; on plain text deselects it",
            vec![suggest(), Action::ClickAt(span_of("bridge").start)],
            |_, after| assert_eq!(selected_text(after).as_deref(), Some(SAID)),
        ),
        effect(
            "a click on plain text deselects the suggestion",
            vec![
                suggest(),
                select(quote()),
                Action::ClickAt(span_of("said").start),
            ],
            |_, after| assert_eq!(after.selected_suggestion, None),
        ),
        no_op(
            "select suggestion: one that is not shown",
            vec![suggest(), select(actor("bridge"))],
        ),
        effect(
            "N with none selected: the first",
            vec![suggest(), Action::NextSuggestion],
            |_, after| assert_eq!(selected_text(after).as_deref(), Some(MAYOR)),
        ),
        effect(
            "N goes on in text order, and says so at the last",
            vec![
                suggest(),
                Action::NextSuggestion,
                Action::NextSuggestion,
                Action::NextSuggestion,
                Action::NextSuggestion,
            ],
            |_, after| {
                assert_eq!(selected_text(after).as_deref(), Some("Critics"));
                assert_eq!(after.announcement.1, "That is the last suggestion.");
            },
        ),
        effect(
            "N before Suggest says so",
            vec![Action::NextSuggestion],
            hint("No suggestions yet: press G (Suggest) first."),
        ),
        no_op(
            "N: no article open",
            vec![no_article(), Action::NextSuggestion],
        ),
        effect(
            "P with none selected: the last; then the one before",
            vec![
                suggest(),
                Action::PreviousSuggestion,
                Action::PreviousSuggestion,
            ],
            |_, after| assert_eq!(selected_text(after).as_deref(), Some(SAID)),
        ),
        no_op(
            "P: no article open",
            vec![no_article(), Action::PreviousSuggestion],
        ),
        effect(
            "accept a quote: its speaker marked and linked, one undo step, the next selected",
            vec![suggest(), select(quote()), accept(10)],
            |before, after| {
                assert_eq!(marks(after), vec![m(Actor, MAYOR), m(Quote, SAID)]);
                let doc = &after.article.as_ref().expect("open").doc;
                let q = doc.annotation(id(11)).expect("the quote");
                assert_eq!(q.source, Some(id(10)), "linked to its speaker");
                let speaker = doc.annotation(id(10)).expect("the speaker");
                let entity = speaker.entity.expect("a person");
                assert_eq!(
                    entity.0,
                    id(10).0,
                    "the new person's id comes from the mention's"
                );
                assert!(doc.entity(entity).is_some());
                assert_eq!(after.undo.len(), before.undo.len() + 1, "one step");
                assert_eq!(shown(after), vec![(Kind::Actor, "Critics".to_owned())]);
                assert_eq!(selected_text(after).as_deref(), Some("Critics"));
                assert_eq!(after.selected, None);
                assert!(after.announcement.1.starts_with(
                    "Accepted suggested quote “The bridge carries 40,000 vehicles a day.”, said by Irene Valdés. Next: Suggested actor “Critics”"
                ), "{}", after.announcement.1);
            },
        ),
        effect(
            "accept a quote whose speaker is marked: linked to that mention",
            vec![
                mark(Actor, MAYOR, 1),
                suggest(),
                select(quote()),
                accept(10),
            ],
            |_, after| {
                assert_eq!(marks(after), vec![m(Actor, MAYOR), m(Quote, SAID)]);
                let doc = &after.article.as_ref().expect("open").doc;
                assert_eq!(doc.annotation(id(10)).and_then(|q| q.source), Some(id(1)));
                assert!(doc.annotation(id(11)).is_none(), "one id used");
            },
        ),
        effect(
            "accept a quote without a speaker: no source",
            vec![
                Action::ShowSuggestions {
                    document: doc_id(),
                    suggestions: vec![Suggestion {
                        speaker: None,
                        ..quote()
                    }],
                },
                Action::NextSuggestion,
                accept(10),
            ],
            |_, after| {
                assert_eq!(marks(after), vec![m(Quote, SAID)]);
                assert_eq!(after.selected_suggestion, None);
                assert!(after.announcement.1.ends_with("No suggestions left."));
            },
        ),
        no_op("accept: nothing selected", vec![suggest(), accept(10)]),
        effect(
            "reject: remembered with the article, undoable, the next selected",
            vec![suggest(), select(actor(MAYOR)), Action::RejectSuggestion],
            |before, after| {
                let doc = &after.article.as_ref().expect("open").doc;
                assert_eq!(
                    doc.rejected,
                    vec![Rejection {
                        label: Actor,
                        span: span_of(MAYOR)
                    }]
                );
                assert!(after
                    .library
                    .get(&doc_id())
                    .is_some_and(|d| d.rejected.len() == 1));
                assert!(doc.revision > before.article.as_ref().expect("open").doc.revision);
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert!(marks(after).is_empty(), "nothing marked");
                assert_eq!(selected_text(after).as_deref(), Some(SAID));
            },
        ),
        no_op(
            "reject: nothing selected",
            vec![suggest(), Action::RejectSuggestion],
        ),
        effect(
            "undo a rejection shows it again; redo hides it",
            vec![
                suggest(),
                select(actor(MAYOR)),
                Action::RejectSuggestion,
                Action::Undo,
            ],
            |_, after| {
                assert!(after
                    .article
                    .as_ref()
                    .expect("open")
                    .doc
                    .rejected
                    .is_empty());
                assert_eq!(shown(after), all_three());
                assert_eq!(after.announcement.1, "Undone: Suggested actor rejected");
            },
        ),
        effect(
            "undo an accept shows the suggestion and its speaker again",
            vec![suggest(), select(quote()), accept(10), Action::Undo],
            |_, after| {
                assert!(marks(after).is_empty());
                assert_eq!(shown(after), all_three());
            },
        ),
        effect(
            "redo an accept hides them again",
            vec![
                suggest(),
                select(quote()),
                accept(10),
                Action::Undo,
                Action::Redo,
            ],
            |_, after| {
                assert_eq!(marks(after), vec![m(Actor, MAYOR), m(Quote, SAID)]);
                assert_eq!(shown(after), vec![(Kind::Actor, "Critics".to_owned())]);
            },
        ),
        effect(
            "accept all quotes: with their speakers, one undo step",
            vec![suggest(), accept_all(Quote)],
            |before, after| {
                assert_eq!(marks(after), vec![m(Actor, MAYOR), m(Quote, SAID)]);
                assert_eq!(after.undo.len(), before.undo.len() + 1);
                assert_eq!(
                    after.announcement.1,
                    "Accepted 1 quote and 1 actor who said them"
                );
                assert_eq!(shown(after), vec![(Kind::Actor, "Critics".to_owned())]);
            },
        ),
        effect(
            "accept all actors, then all quotes: the quote links the accepted mention",
            vec![suggest(), accept_all(Actor), accept_all(Quote)],
            |_, after| {
                let doc = &after.article.as_ref().expect("open").doc;
                let mayor = doc
                    .annotations
                    .iter()
                    .find(|a| a.label == Actor && a.span == span_of(MAYOR))
                    .expect("mayor");
                let q = doc
                    .annotations
                    .iter()
                    .find(|a| a.label == Quote)
                    .expect("quote");
                assert_eq!(q.source, Some(mayor.id));
                assert_eq!(doc.entities.len(), 2, "two people");
                assert!(after.shown_suggestions().is_empty());
            },
        ),
        effect(
            "accept all with none of the label: a hint",
            vec![suggest(), accept_all(Claim)],
            hint("No suggested claim to accept."),
        ),
        no_op(
            "accept all: no article open",
            vec![no_article(), accept_all(Quote)],
        ),
    ]
}

#[test]
fn drawing_a_long_article_ends_with_every_line_drawn_and_an_accept_redraws_one_line() {
    let mut state = long().reduce(long_suggest());
    let mut parts = 0;
    while state.drawing_suggestions() {
        state = state.reduce(Action::DrawSuggestions);
        parts += 1;
        assert!(parts <= LINES, "drawing ends");
    }
    let per_part = gloss_core::state::suggesting::DRAW_STEP;
    assert_eq!(
        parts,
        LINES.div_ceil(per_part),
        "about DRAW_STEP suggestions a part"
    );
    let before = segments(&state);
    assert!(before.iter().take(LINES).all(|line| line_drawn(line)));
    // Accepting the tenth line's suggestion changes that line only.
    let tenth = state.shown_suggestions()[9].clone();
    let state = state
        .reduce(Action::SelectSuggestion(Some(tenth)))
        .reduce(accept(900));
    let after = segments(&state);
    for line in 0..LINES {
        assert_eq!(
            Rc::ptr_eq(&before[line], &after[line]),
            line != 9,
            "line {line}"
        );
    }
}

/// What is drawn is right: lines before `drawn` are exactly the full overlay of what is shown,
/// the others the article's own segments (the very same `Rc`).
fn assert_drawn_right(state: &State, step: &str) {
    let article = state.article.as_ref().expect("an article");
    let Some(s) = state.suggestions.as_ref() else {
        return;
    };
    let over: Vec<(Kind, Span)> = s.shown.iter().map(|x| (x.kind, x.span)).collect();
    let full = gloss_core::model::suggested::overlay(&article.blocks, &article.segments, &over);
    assert_eq!(s.segments.len(), full.len());
    let lines = s.segments.iter().zip(&full).zip(article.segments.iter());
    for (line, ((now, all), own)) in lines.enumerate() {
        if line < s.drawn {
            assert_eq!(now, all, "{step}: line {line} drawn as shown");
        } else {
            assert!(Rc::ptr_eq(now, own), "{step}: line {line} not drawn yet");
        }
    }
}

#[test]
fn drawing_stays_right_through_accept_undo_reject_and_suggest_again() {
    // 300 short lines, then one line of more words than a part draws, then 300 more; a quote
    // over three lines every 40 lines, and one from line 299 over the long line to line 301:
    // the parts end before and after the long line, so that quote crosses both boundaries.
    let short = "Critics disagreed.\n";
    let words = gloss_core::state::suggesting::DRAW_STEP + 100;
    let long_line = format!("{}\n", "Ab ".repeat(words).trim_end());
    let text = format!("{}{}{}", short.repeat(300), long_line, short.repeat(300));
    let mut doc = Document::new("Mixed".into(), None, text.as_str().into(), Timestamp(0));
    doc.id = doc_id();
    let cp = |byte: usize| text[..byte].chars().count();
    let line_start = |n: usize| {
        let byte = text
            .match_indices('\n')
            .nth(n.wrapping_sub(1))
            .map_or(0, |(i, _)| i + 1);
        cp(byte)
    };
    let mut found = Vec::new();
    for n in 0..601 {
        let start = line_start(n);
        if n == 300 {
            for w in 0..words {
                let at = start + w * 3;
                found.push(Suggestion {
                    kind: Kind::Actor,
                    span: Span {
                        start: at,
                        end: at + 2,
                    },
                    speaker: None,
                });
            }
            continue;
        }
        found.push(Suggestion {
            kind: Kind::Actor,
            span: Span {
                start,
                end: start + "Critics".len(),
            },
            speaker: None,
        });
        if (n % 40 == 5 && n + 3 < 601) || n == 299 {
            found.push(Suggestion {
                kind: Kind::DirectQuote,
                span: Span {
                    start: start + 8,
                    end: line_start(n + 2) + 7,
                },
                speaker: None,
            });
        }
    }
    let show = || Action::ShowSuggestions {
        document: doc_id(),
        suggestions: found.clone(),
    };
    let mut state = Rc::new(State::with_document(doc)).reduce(show());
    assert_drawn_right(&state, "shown");
    type Step<'a> = (&'a str, Box<dyn Fn(&State) -> Vec<Action> + 'a>);
    let steps: Vec<Step> = vec![
        ("draw", Box::new(|_| vec![Action::DrawSuggestions])),
        ("draw", Box::new(|_| vec![Action::DrawSuggestions])),
        (
            "accept the first",
            Box::new(|st: &State| {
                vec![
                    Action::SelectSuggestion(st.shown_suggestions().first().cloned()),
                    accept(700),
                ]
            }),
        ),
        ("draw", Box::new(|_| vec![Action::DrawSuggestions])),
        ("undo", Box::new(|_| vec![Action::Undo])),
        (
            "reject the fifth",
            Box::new(|st: &State| {
                vec![
                    Action::SelectSuggestion(st.shown_suggestions().get(4).cloned()),
                    Action::RejectSuggestion,
                ]
            }),
        ),
        ("suggest again", Box::new(move |_| vec![show()])),
    ];
    for (name, actions) in &steps {
        for action in actions(&state) {
            state = state.reduce(action);
        }
        assert_drawn_right(&state, name);
    }
    let mut parts = 0;
    while state.drawing_suggestions() {
        state = state.reduce(Action::DrawSuggestions);
        assert_drawn_right(&state, "drawing to the end");
        parts += 1;
        assert!(parts < 100, "drawing ends");
    }
    let lines = state.article.as_ref().map_or(0, |a| a.blocks.len());
    assert_eq!(lines, 601);
    assert_eq!(drawn_lines(&state), lines, "every line drawn");
}
