//! "Suggest" and accepting suggestions, on the app's side: the one place the rules run
//! ([`compute`]), and the actions that need new ids (the reducer makes no random numbers).

use super::store::Latest;
use super::suggestions::{Chosen, SuggestionsPanel};
use crate::model::{AnnotationId, Document, Label};
use crate::state::{Action, State};
use crate::suggest::Suggestion;

/// Every suggestion for `doc`. The one call to the rules: the place to measure them, or to
/// split the work into steps.
pub fn compute(doc: &Document) -> Vec<Suggestion> {
    crate::suggest::suggest(&doc.text, &doc.annotations)
}

/// "Suggest" (`G`): the suggestions for the open article, as the action that shows them.
pub fn suggest_action(state: &State) -> Option<Action> {
    let doc = &state.article.as_ref()?.doc;
    Some(Action::ShowSuggestions {
        document: doc.id,
        suggestions: compute(doc),
    })
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
            let state = latest.borrow().clone();
            if let Some(action) = suggest_action(&state) {
                state.dispatch(action);
                focus_article(&article);
            }
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
    let reveal = state.reveal;
    yew::use_effect_with(start, move |start| {
        if let (Some(start), true, Some(element)) =
            (start, reveal, article.cast::<web_sys::Element>())
        {
            crate::dom::scroll::reveal(&element, *start);
        }
    });
}
