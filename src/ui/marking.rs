//! The article's side of marking: reading the page's text selection when a label is asked
//! for (and leaving the caret at the end of what was marked), rehearsing marking once after an article opens, and bringing a selected annotation
//! into view when it was chosen away from the text.

use gloo::timers::callback::Timeout;
use web_sys::Element;
use yew::prelude::*;

use super::store::{EditorHandle, Latest};
use crate::dom;
use crate::model::{AnnotationId, Label};
use crate::state::{Action, Selection};

/// How long after an article opens the marking code is rehearsed (see `State::rehearse`).
const REHEARSAL_DELAY_MS: u32 = 100;

/// A label key or button: the page's selection (trimmed and snapped) becomes the action.
#[hook]
pub fn use_mark_selection(latest: Latest, article: NodeRef) -> Callback<Label> {
    use_callback((), move |label: Label, _| {
        // A selection reaching lines not written yet (just after opening) reads them whole.
        dom::lines::flush();
        let state = latest.borrow().clone();
        let selection = match (article.cast::<Element>(), state.article.as_ref()) {
            (Some(element), Some(open)) => {
                dom::selection::read(&element, &open.index, state.whole_words)
            }
            _ => Selection::None,
        };
        // The caret goes to the end of what is marked, so the next Shift + arrow (or Shift +
        // Ctrl + arrow) goes on from there rather than from wherever the browser would put it
        // (marked from a toolbar button, the selection is only cleared: the focus stays there).
        if let (Selection::Span(span), Some(element), Some(open)) =
            (selection, article.cast::<Element>(), state.article.as_ref())
        {
            let line = open.blocks.partition_point(|b| b.start < span.end);
            if let Some(block) = open.blocks.get(line.saturating_sub(1)) {
                dom::selection::place_caret(&element, &open.index, block.start, span.end);
            }
        }
        state.dispatch(Action::ApplyLabel {
            label,
            selection,
            new_id: AnnotationId::random(),
            at: dom::now(),
        });
    })
}

/// A moment after an article opens, rehearse marking once (nothing is kept) so the first
/// real key press does not pay for compiling the code behind it.
#[hook]
pub fn use_rehearsal(state: &EditorHandle, latest: Latest, article: NodeRef) {
    use_effect_with(state.open_id(), move |open| {
        let timer = open.map(|_| {
            Timeout::new(REHEARSAL_DELAY_MS, move || {
                let state = latest.borrow().clone();
                if let (Some(open), Some(element)) =
                    (state.article.as_ref(), article.cast::<Element>())
                {
                    dom::selection::rehearse(&element, &open.index);
                }
                state.rehearse();
            })
        });
        move || drop(timer)
    });
}

/// Brings the selected annotation into view when it was chosen away from the text (the list,
/// undo, redo, Tab); not after marking or clicking, where it is already under the pointer.
#[hook]
pub fn use_reveal(state: &EditorHandle, article: NodeRef) {
    let start = state.selected_annotation().map(|a| a.span.start);
    let reveal = state.reveal;
    use_effect_with(start, move |start| {
        if let (Some(start), true, Some(element)) = (start, reveal, article.cast::<Element>()) {
            dom::scroll::reveal(&element, *start);
        }
    });
}
