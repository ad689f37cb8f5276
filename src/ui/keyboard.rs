//! Keys anywhere on the page: one listener for the page's life. What a key means and does is
//! the core's (`keys::intent`, `keys::respond`, tested natively); this only reads the event
//! and carries the response out.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use super::store::Latest;
use crate::dom;
use crate::keys::{self, KeyCommand, KeyTarget, Modifiers};
use crate::model::Label;
use crate::state::Action;

#[hook]
pub fn use_keyboard(latest: Latest, mark: Callback<Label>, article: NodeRef, find: Callback<()>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .and_then(|w| w.document())
            .map(|document| {
                EventListener::new_with_options(
                    &document,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                            on_key(&latest, &mark, &article, &find, event);
                        }
                    },
                )
            });
        move || drop(listener)
    });
}

fn on_key(
    latest: &Latest,
    mark: &Callback<Label>,
    article: &NodeRef,
    find: &Callback<()>,
    event: &KeyboardEvent,
) {
    if event.is_composing() || event.default_prevented() {
        return;
    }
    let modifiers = Modifiers {
        ctrl: event.ctrl_key(),
        shift: event.shift_key(),
        alt: event.alt_key(),
        meta: event.meta_key(),
    };
    let Some(intent) = keys::intent(&event.key(), modifiers) else {
        return;
    };
    let state = latest.borrow().clone();
    let response = keys::respond(&state, intent, target_of(event.target()), dom::now());
    if response.prevent_default {
        event.prevent_default();
    }
    match response.command {
        KeyCommand::MarkSelection(label) => mark.emit(label),
        KeyCommand::SelectAtCaret => {
            let caret = article
                .cast::<Element>()
                .zip(state.article.as_ref())
                .and_then(|(element, open)| dom::selection::caret(&element, &open.index));
            if let Some(point) = caret {
                state.dispatch(Action::SelectAt(point));
            }
        }
        KeyCommand::OpenFind => find.emit(()),
        KeyCommand::FocusVerdict => {
            super::checking::focus_verdict();
        }
        // As the button does: the focus goes into the text, where `Enter` accepts.
        KeyCommand::Suggest => {
            super::suggesting::start(latest);
            super::suggesting::focus_article(article);
        }
        KeyCommand::AcceptSuggestion => state.dispatch(super::suggesting::accept_action()),
        KeyCommand::Dispatch(actions) => actions.into_iter().for_each(|a| state.dispatch(a)),
    }
}

/// Where the key was typed: a form field (where keys are text), the article's text, or
/// elsewhere. A checkbox, a button-like input or a file input is not a text field ("Open file"
/// keeps the focus after a file is chosen: `?` and the label keys work there).
fn target_of(target: Option<web_sys::EventTarget>) -> KeyTarget {
    let Some(element) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return KeyTarget::Other;
    };
    let text_field = match element.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            element
                .get_attribute("type")
                .unwrap_or_default()
                .to_ascii_lowercase()
                .as_str(),
            "button"
                | "checkbox"
                | "color"
                | "file"
                | "image"
                | "radio"
                | "range"
                | "reset"
                | "submit"
        ),
        _ => false,
    };
    // A dialog the page opened on its own (Add source): its keys are its own, as in a field.
    let in_own_dialog = || {
        element
            .closest("[aria-modal=\"true\"]")
            .ok()
            .flatten()
            .is_some()
    };
    if text_field || in_own_dialog() {
        KeyTarget::TextField
    } else if element.closest(".doc-text").ok().flatten().is_some() {
        KeyTarget::Article
    } else {
        KeyTarget::Other
    }
}
