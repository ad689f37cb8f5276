//! When Rust panics, the WebAssembly app cannot go on. This hook logs the panic and puts a plain
//! DOM notice over the page (Yew may no longer be able to render) with a reload button. Work is
//! safe: every change was written whole to storage in its own transaction, and a panic cannot
//! write a half-finished record.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The words the person reads.
pub const MESSAGE: &str = "Something went wrong — your work is saved";

/// Installs the panic hook. Call once, before rendering.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Gloss stopped: {info}").into());
        show(&info.to_string());
    }));
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
    let build = || -> Result<(), JsValue> {
        let overlay = document.create_element("div")?;
        overlay.set_id("gloss-crash");
        overlay.set_attribute("role", "alertdialog")?;
        overlay.set_attribute("aria-modal", "true")?;
        overlay.set_attribute("aria-labelledby", "gloss-crash-title")?;
        overlay.set_class_name("crash");
        let title = document.create_element("h2")?;
        title.set_id("gloss-crash-title");
        title.set_text_content(Some(MESSAGE));
        let text = document.create_element("p")?;
        text.set_text_content(Some(
            "Gloss hit an error it cannot recover from. Everything you marked up to the last “Saved” is kept in this browser. Reload to go on.",
        ));
        let details = document.create_element("details")?;
        let summary = document.create_element("summary")?;
        summary.set_text_content(Some("Technical details"));
        let pre = document.create_element("pre")?;
        pre.set_text_content(Some(detail));
        details.append_child(&summary)?;
        details.append_child(&pre)?;
        let button: web_sys::HtmlElement = document.create_element("button")?.dyn_into()?;
        button.set_text_content(Some("Reload"));
        button.set_attribute("type", "button")?;
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        button.set_onclick(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        for child in [&title, &text, &details] {
            overlay.append_child(child)?;
        }
        overlay.append_child(&button)?;
        body.append_child(&overlay)?;
        button.focus()
    };
    let _ = build();
}
