//! Keys anywhere on the page: one listener for the page's life. What a key means and does is
//! the core's (`keys::intent`, `keys::respond`, tested natively); this only reads the event
//! and carries the response out.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use super::store::Latest;
use crate::dom;
use crate::keys::{self, KeyCommand, Modifiers};
use crate::model::Label;

#[hook]
pub fn use_keyboard(latest: Latest, mark: Callback<Label>) {
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
                            on_key(&latest, &mark, event);
                        }
                    },
                )
            });
        move || drop(listener)
    });
}

fn on_key(latest: &Latest, mark: &Callback<Label>, event: &KeyboardEvent) {
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
    let response = keys::respond(&state, intent, is_text_field(event.target()), dom::now());
    if response.prevent_default {
        event.prevent_default();
    }
    match response.command {
        KeyCommand::MarkSelection(label) => mark.emit(label),
        KeyCommand::Dispatch(actions) => actions.into_iter().for_each(|a| state.dispatch(a)),
    }
}

/// Whether keys typed into `target` are text. Not in a checkbox, a button-like input or a file
/// input ("Open file" keeps the focus after a file is chosen: `?` and the label keys work there).
fn is_text_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    match element.tag_name().as_str() {
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
    }
}
