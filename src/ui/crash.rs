//! When Rust panics, the WebAssembly app cannot go on. This hook logs the panic and puts a plain
//! DOM notice over the page (Yew may no longer be able to render) with a reload button. It
//! says "your work is saved" only when the last state it saw had everything stored; otherwise
//! it names what is not saved and offers to export it (built from that last state: plain data,
//! no Yew) before reloading.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::formats::gloss;
use crate::model::Document;
use crate::state::State;

/// The words the person reads when everything is stored.
pub const MESSAGE: &str = "Something went wrong — your work is saved";
/// The words the person reads when something is not.
pub const MESSAGE_UNSAVED: &str = "Something went wrong — some work is not saved";

thread_local! {
    /// The state as of the last render: cheap to keep (its parts are `Rc`s).
    static LAST: RefCell<Option<Rc<State>>> = const { RefCell::new(None) };
}

/// Keeps the latest state for the notice. Called on every render of the app.
pub fn remember(state: Rc<State>) {
    LAST.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some(state);
        }
    });
}

/// Installs the panic hook. Call once, before rendering.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Gloss stopped: {info}").into());
        show(&info.to_string());
    }));
}

/// What was not stored as of the last state: `None` when nothing of the person's would be
/// lost; else the documents with unsaved changes (empty when what waits is a deletion or an
/// import).
fn unsaved() -> Option<Vec<Rc<Document>>> {
    LAST.with(|last| {
        let last = last.try_borrow().ok()?;
        let state = last.as_ref()?;
        state.has_unsaved_work().then(|| state.unsaved_documents())
    })
}

/// Puts the crash notice on the page (once).
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("gloss-crash").is_some() {
        return;
    }
    let Some(body) = document.body() else { return };
    let unsaved = unsaved();
    let build = || -> Result<(), JsValue> {
        let overlay = document.create_element("div")?;
        overlay.set_id("gloss-crash");
        overlay.set_attribute("role", "alertdialog")?;
        overlay.set_attribute("aria-modal", "true")?;
        overlay.set_attribute("aria-labelledby", "gloss-crash-title")?;
        overlay.set_class_name("crash");
        let title = document.create_element("h2")?;
        title.set_id("gloss-crash-title");
        let text = document.create_element("p")?;
        if let Some(docs) = unsaved.as_ref().filter(|d| !d.is_empty()) {
            title.set_text_content(Some(MESSAGE_UNSAVED));
            let titles: Vec<String> = docs.iter().map(|d| format!("“{}”", d.title)).collect();
            text.set_text_content(Some(&format!(
                "Gloss hit an error it cannot recover from. The latest changes to {} were not stored yet: export them before you reload, then import the file.",
                titles.join(", ")
            )));
        } else if unsaved.is_some() {
            title.set_text_content(Some(MESSAGE_UNSAVED));
            text.set_text_content(Some(
                "Gloss hit an error it cannot recover from. A deletion or an import was not finished; everything else is kept in this browser. Reload to go on, and check the Library.",
            ));
        } else {
            title.set_text_content(Some(MESSAGE));
            text.set_text_content(Some(
                "Gloss hit an error it cannot recover from. Everything you marked is kept in this browser. Reload to go on.",
            ));
        }
        let details = document.create_element("details")?;
        let summary = document.create_element("summary")?;
        summary.set_text_content(Some("Technical details"));
        let pre = document.create_element("pre")?;
        pre.set_text_content(Some(detail));
        details.append_child(&summary)?;
        details.append_child(&pre)?;
        for child in [&title, &text, &details] {
            overlay.append_child(child)?;
        }
        if let Some(unsaved) = unsaved.filter(|d| !d.is_empty()) {
            let export = button(&document, "Export", move || {
                let docs: Vec<&Document> = unsaved.iter().map(|d| &**d).collect();
                if let Ok(json) = gloss::export(&docs, dom::now()) {
                    let _ =
                        dom::download::offer("gloss-unsaved.gloss.json", "application/json", &json);
                }
            })?;
            overlay.append_child(&export)?;
        }
        let reload = button(&document, "Reload", || {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        })?;
        overlay.append_child(&reload)?;
        // The page behind can no longer be used: out of reach of Tab and of screen readers,
        // so the focus stays in the notice like in every other dialog.
        let behind = body.children();
        for child in (0..behind.length()).filter_map(|i| behind.item(i)) {
            child.set_attribute("inert", "")?;
        }
        body.append_child(&overlay)?;
        reload.focus()
    };
    let _ = build();
}

fn button(
    document: &web_sys::Document,
    name: &str,
    on_click: impl Fn() + 'static,
) -> Result<web_sys::HtmlElement, JsValue> {
    let button: web_sys::HtmlElement = document.create_element("button")?.dyn_into()?;
    button.set_text_content(Some(name));
    button.set_attribute("type", "button")?;
    let closure = Closure::<dyn Fn()>::new(on_click);
    button.set_onclick(Some(closure.as_ref().unchecked_ref()));
    closure.forget();
    Ok(button)
}
