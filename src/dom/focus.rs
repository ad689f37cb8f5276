//! Keyboard focus: what can take it inside an element, where it is, and giving it back. Used by
//! the modal dialogs (focus in, kept inside, given back) and the menu button.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

/// What Tab stops on, in document order (the app sets no positive `tabindex`).
const TABBABLE: &str = "button:not([disabled]), input:not([disabled]):not([type=\"hidden\"]), \
    textarea:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex=\"-1\"])";

/// The elements inside `container` that Tab stops on and that are shown.
pub fn tabbable(container: &Element) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all(TABBABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        // Not rendered (`display: none`, or inside `hidden`): no box, no offset parent.
        .filter(|el| el.offset_parent().is_some())
        .collect()
}

/// The focused element (`None`: nothing, or the page itself).
pub fn active() -> Option<HtmlElement> {
    let document = web_sys::window()?.document()?;
    let active = document.active_element()?;
    if document.body().is_some_and(|body| *body == active) {
        return None;
    }
    active.dyn_into::<HtmlElement>().ok()
}

/// Whether `node` is `container` or inside it.
pub fn within(container: &Element, node: Option<&Node>) -> bool {
    node.is_some_and(|node| container.contains(Some(node)))
}

/// Focuses `element` if it is still in the page (it may have gone while a dialog was open).
pub fn give_back(element: &HtmlElement) {
    if element.is_connected() {
        let _ = element.focus();
    }
}
