//! Every modal dialog, written once: the backdrop and the `role="dialog"` box, and the focus.
//! On opening, the focus goes into the dialog (an element marked `data-autofocus`, otherwise the
//! first field or button); Tab and Shift+Tab go round inside it while it is open; on closing,
//! it goes back to what had it before (the button that opened the dialog, or the article where
//! `?` was typed). Escape closing the dialog is the key map's (`keys::respond`).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::dom::focus;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The id of the element that names the dialog (its heading).
    pub labelled_by: AttrValue,
    /// A wider box (the Library's list).
    #[prop_or_default]
    pub wide: bool,
    pub children: Html,
}

#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog_ref = use_node_ref();
    use_modal_focus(dialog_ref.clone());
    // A press on the backdrop would leave the focus nowhere (on the page behind): keep it.
    let keep_focus = Callback::from(|event: MouseEvent| {
        if event.target() == event.current_target() {
            event.prevent_default();
        }
    });
    html! {
        <div class="backdrop" onmousedown={keep_focus}>
            <div
                ref={dialog_ref}
                class={classes!("dialog", props.wide.then_some("wide"))}
                role="dialog"
                aria-modal="true"
                aria-labelledby={props.labelled_by.clone()}
                tabindex="-1"
            >
                { props.children.clone() }
            </div>
        </div>
    }
}

/// Focus into the dialog at `dialog_ref` when it mounts, kept inside while it is there, given
/// back when it goes.
#[hook]
fn use_modal_focus(dialog_ref: NodeRef) {
    use_effect_with((), move |_| {
        // Still focused: the dialog has only just been put in the page.
        let opener = focus::active();
        let dialog = dialog_ref.cast::<HtmlElement>();
        if let Some(dialog) = &dialog {
            let first = dialog
                .query_selector("[data-autofocus]")
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                .or_else(|| focus::tabbable(dialog).into_iter().next());
            let _ = first.as_ref().unwrap_or(dialog).focus();
        }
        let listener = dialog.and_then(|dialog| {
            let document = web_sys::window()?.document()?;
            Some(EventListener::new_with_options(
                &document,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                        keep_tab_inside(&dialog, event);
                    }
                },
            ))
        });
        move || {
            drop(listener);
            if let Some(opener) = opener {
                focus::give_back(&opener);
            }
        }
    });
}

/// Tab from the last stop goes to the first, Shift+Tab from the first to the last; from
/// anywhere outside the dialog (the page was clicked), into it.
fn keep_tab_inside(dialog: &Element, event: &KeyboardEvent) {
    if event.key() != "Tab" || event.ctrl_key() || event.alt_key() || event.meta_key() {
        return;
    }
    let stops = focus::tabbable(dialog);
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        event.prevent_default();
        return;
    };
    let backwards = event.shift_key();
    let wrap_to = match focus::active().filter(|a| stops.contains(a)) {
        // Outside the dialog's stops (the page behind was clicked): into the dialog.
        None => Some(if backwards { last } else { first }),
        Some(a) if backwards && a == *first => Some(last),
        Some(a) if !backwards && a == *last => Some(first),
        Some(_) => None,
    };
    if let Some(target) = wrap_to {
        event.prevent_default();
        let _ = target.focus();
    }
}
