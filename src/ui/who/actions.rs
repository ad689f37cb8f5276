//! What the view asks for: a quote picked (its article opens, the quote selected and brought
//! into view, the focus on its entry in the list) and "Export who said what" (the CSV the core
//! writes, offered as a download; a failure said, never an empty file offered).

use gloo::timers::callback::Timeout;
use gloss_core::who::{self, Scope};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::super::store::{Dispatcher, Latest};
use crate::dom;
use crate::model::{AnnotationId, DocumentId};
use crate::state::{Action, Notice};

/// Closes the view, opens the article (when another is open) and selects the quote, which
/// `Select` asks to be revealed; then the focus goes to its entry in the annotation list, so
/// the keys that move between annotations go on from there.
#[hook]
pub fn use_who_pick(dispatcher: Dispatcher) -> Callback<(DocumentId, AnnotationId)> {
    use_callback((), move |(document, annotation), _| {
        dispatcher.dispatch(Action::CloseDialog);
        dispatcher.dispatch(Action::OpenStored(document));
        dispatcher.dispatch(Action::Select(Some(annotation)));
        // After the render that closes the dialog (and hands the focus back to its opener).
        Timeout::new(0, || {
            let entry = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("aside .ann.is-selected .ann-button").ok())
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let Some(entry) = entry {
                let _ = entry.focus();
            }
        })
        .forget();
    })
}

/// The rows the view shows (its scope, its filter) as CSV.
#[hook]
pub fn use_who_export(latest: Latest) -> Callback<(Scope, String)> {
    use_callback((), move |(scope, filter): (Scope, String), _| {
        let state = latest.borrow().clone();
        let rows = who::filter(&who::table(&state.library, scope), &filter);
        let title = match scope {
            Scope::Article(id) => state
                .library
                .get(&id)
                .map(|d| d.title.clone())
                .unwrap_or_default(),
            Scope::Library => String::new(),
        };
        let offered = who::csv::file(&rows, scope, &title, dom::now())
            .map_err(|e| format!("“Who said what” could not be exported: {e}."))
            .and_then(|file| dom::download::offer_bytes(&file.name, file.mime, &file.bytes));
        if let Err(reason) = offered {
            state.dispatch(Action::Notify(Notice::error(reason)));
        }
    })
}
