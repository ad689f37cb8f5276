//! "Suggest" and accepting suggestions, on the app's side: the one place the rules run
//! ([`start`]: a step a task, then the drawing a part a task, so the page keeps answering),
//! and the actions that need new ids (the reducer makes no random numbers).

use std::cell::Cell;

use super::store::Latest;
use super::suggestions::{Chosen, SuggestionsPanel};
use crate::model::{AnnotationId, DocumentId, Label};
use crate::state::{Action, State};
use crate::suggest::Run;

/// A step that took less than this (ms) leaves room for the next in the same task.
const SHORT_STEP_MS: f64 = 12.0;

thread_local! {
    /// The run under way, if any: its number and its article. "Suggest" pressed again for that
    /// article meanwhile starts nothing new; for another article it starts a new run, and the
    /// old one stops at its next step.
    static RUN: Cell<(u64, Option<DocumentId>)> = const { Cell::new((0, None)) };
}

/// "Suggest" (`G`): runs the rules over the open article one step a task (each well under a
/// frame's worth of main thread on a 200,000-character article) and shows what they found.
/// Nothing when no article is open or a run for it is already under way.
pub fn start(latest: &Latest) {
    let (last, running) = RUN.with(Cell::get);
    let (document, run) = {
        let state = latest.borrow();
        let Some(open) = state.article.as_ref() else {
            return;
        };
        if running == Some(open.doc.id) {
            return;
        }
        (
            open.doc.id,
            Run::new(&open.doc.text, &open.shown.annotations),
        )
    };
    let number = last.wrapping_add(1);
    RUN.with(|r| r.set((number, Some(document))));
    step(latest.clone(), number, document, run);
}

/// The next step of `run` in a task of its own; the suggestions shown once it is done (the
/// reducer ignores them if another article was opened meanwhile); the rest is drawn by
/// [`use_drawing`]. A run that is no longer the current one stops.
fn step(latest: Latest, number: u64, document: DocumentId, mut run: Run) {
    crate::dom::tasks::next_task(move || {
        if RUN.with(Cell::get).0 != number {
            return;
        }
        let began = js_sys::Date::now();
        loop {
            if let Some(suggestions) = run.step() {
                RUN.with(|r| r.set((number, None)));
                latest.borrow().dispatch(Action::ShowSuggestions {
                    document,
                    suggestions,
                });
                return;
            }
            // A short step leaves room for the next in the same task; a long one does not.
            if js_sys::Date::now() - began > SHORT_STEP_MS {
                return step(latest, number, document, run);
            }
        }
    });
}

/// While lines wait for their suggestions, the next part is drawn a task after each render
/// (so the browser paints between parts).
#[yew::hook]
pub fn use_drawing(state: &super::store::EditorHandle) {
    let drawn = state
        .drawing_suggestions()
        .then(|| state.suggestions.as_ref().map_or(0, |s| s.drawn));
    let dispatcher = state.dispatcher();
    yew::use_effect_with(drawn, move |drawn| {
        if drawn.is_some() {
            // A part already drawn that is no longer wanted draws nothing: the reducer ignores
            // `DrawSuggestions` once every line is drawn or the suggestions are gone.
            crate::dom::tasks::next_task(move || dispatcher.dispatch(Action::DrawSuggestions));
        }
    });
}

/// `Enter` / "Accept": the selected suggestion accepted (a quote and its speaker need two ids).
pub fn accept_action() -> Action {
    Action::AcceptSuggestion {
        ids: vec![AnnotationId::random(), AnnotationId::random()],
        at: crate::dom::now(),
    }
}

/// "Accept all …": two ids for each shown suggestion of `label` (a quote and its speaker).
pub fn accept_all_action(state: &State, label: Label) -> Action {
    let count = state
        .shown_suggestions()
        .iter()
        .filter(|s| s.kind.label() == label)
        .count();
    Action::AcceptAllSuggestions {
        label,
        ids: (0..count * 2).map(|_| AnnotationId::random()).collect(),
        at: crate::dom::now(),
    }
}

/// Puts the focus in the article's text (after "Suggest"), so `N`, `Enter` and `Delete` go
/// on from there (on the button, `Enter` would press it again).
pub fn focus_article(article: &yew::NodeRef) {
    if let Some(element) = article.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// What the app hands the toolbar and the sidebar for suggestions.
pub struct SuggestionHandlers {
    pub on_suggest: yew::Callback<yew::MouseEvent>,
    on_accept_all: yew::Callback<Label>,
    on_accept: yew::Callback<()>,
    on_reject: yew::Callback<()>,
    on_hide: yew::Callback<()>,
}

/// Stable callbacks for "Suggest", "Accept all …", "Accept", "Reject" and "Hide suggestions".
#[yew::hook]
pub fn use_suggestions(latest: Latest, article: yew::NodeRef) -> SuggestionHandlers {
    let on_suggest = {
        let latest = latest.clone();
        yew::use_callback((), move |_: yew::MouseEvent, _| {
            start(&latest);
            focus_article(&article);
        })
    };
    let on_accept_all = {
        let latest = latest.clone();
        yew::use_callback((), move |label: Label, _| {
            let state = latest.borrow().clone();
            state.dispatch(accept_all_action(&state, label));
        })
    };
    let on_accept = {
        let latest = latest.clone();
        yew::use_callback((), move |(), _| latest.borrow().dispatch(accept_action()))
    };
    let on_reject = {
        let latest = latest.clone();
        yew::use_callback((), move |(), _| {
            latest.borrow().dispatch(Action::RejectSuggestion)
        })
    };
    let on_hide = yew::use_callback((), move |(), _| {
        latest.borrow().dispatch(Action::HideSuggestions)
    });
    SuggestionHandlers {
        on_suggest,
        on_accept_all,
        on_accept,
        on_reject,
        on_hide,
    }
}

impl SuggestionHandlers {
    /// The sidebar's "Suggestions" section, while suggestions are shown (else nothing).
    pub fn panel(&self, state: &State) -> yew::Html {
        if state.suggestions.is_none() {
            return yew::Html::default();
        }
        let chosen = state.selected_suggestion.as_ref().map(|s| Chosen {
            kind: capitalised(s.kind.words()).into(),
            label: s.kind.label(),
            text: state
                .article
                .as_ref()
                .map(|a| a.excerpt(s.span, PANEL_EXCERPT))
                .unwrap_or_default()
                .into(),
            speaker: s.speaker.map(|sp| state.speaker_name(sp).into()),
        });
        yew::html! {
            <SuggestionsPanel
                counts={state.suggestion_counts()}
                {chosen}
                on_accept_all={self.on_accept_all.clone()}
                on_accept={self.on_accept.clone()}
                on_reject={self.on_reject.clone()}
                on_hide={self.on_hide.clone()}
            />
        }
    }
}

/// How much of the selected suggestion's text the sidebar shows.
const PANEL_EXCERPT: usize = 200;

/// "suggested quote" → "Suggested quote".
fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Scrolls the selected suggestion into view when the keys (or the list) chose it, as the
/// selected annotation is.
#[yew::hook]
pub fn use_reveal_suggestion(state: &crate::ui::store::EditorHandle, article: yew::NodeRef) {
    let start = state.selected_suggestion.as_ref().map(|s| s.span.start);
    // Whether its line is drawn yet (a long article is drawn a part at a time): the effect runs
    // again once it is, so a suggestion chosen before its line was drawn still comes into view.
    let drawn = start.is_some_and(|start| state.suggestion_drawn_at(start));
    let reveal = state.reveal;
    yew::use_effect_with((start, drawn), move |(start, drawn)| {
        if let (Some(start), true, true, Some(element)) =
            (start, *drawn, reveal, article.cast::<web_sys::Element>())
        {
            crate::dom::scroll::reveal(&element, *start);
        }
    });
}
