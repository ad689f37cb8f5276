//! The find bar (`/` or "Find"): a search field over the article whose matches are highlighted
//! as the person types, with their count ("3 of 12"), "Match case" and "Whole words", Enter /
//! Shift + Enter to step through them, and "Mark all as …" for each label. Finding is the
//! core's (`model::find`); the highlights are drawn without rendering the article again
//! ([`highlight`]). Escape closes it and gives the focus back.

mod highlight;

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::model::find::{count_text, FindOptions, Found, Haystack, MAX_MATCHES};
use crate::model::layout::Block;
use crate::model::offsets::TextIndex;
use crate::model::{Label, Span};

/// How long typing pauses before the article is searched: each key in a long article then
/// costs one search, not one per character typed quickly.
const TYPING_PAUSE_MS: u32 = 80;

/// The id of the find field, for giving it the focus.
pub const FIELD_ID: &str = "find-field";

#[derive(Properties, PartialEq)]
pub struct FindBarProps {
    pub index: Rc<TextIndex>,
    pub blocks: Rc<[Block]>,
    /// The article's revision: its lines may have been drawn again, so the ranges are built
    /// again.
    pub revision: u64,
    pub article: NodeRef,
    /// "Mark all as …": the label and every match.
    pub on_mark: Callback<(Label, Vec<Span>)>,
    pub on_close: Callback<()>,
}

/// Puts the focus in the find field and selects what it holds, when the bar is open.
/// Returns whether it was.
pub fn focus_field() -> bool {
    let field = gloo::utils::document()
        .get_element_by_id(FIELD_ID)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
    match field {
        Some(field) => {
            let _ = field.focus();
            field.select();
            true
        }
        None => false,
    }
}

#[component]
pub fn FindBar(props: &FindBarProps) -> Html {
    let query = use_state(String::new);
    let options = use_state(|| FindOptions {
        match_case: false,
        whole_words: false,
    });
    let found = use_state(|| Rc::new(Found::default()));
    let current = use_state(|| None::<usize>);
    let timer = use_mut_ref(|| None::<Timeout>);
    // What draws the matches shown.
    let painter = use_mut_ref(|| None::<Rc<highlight::Painter>>);
    // The text folded once per article (the component is keyed by it).
    let haystack = {
        let index = Rc::clone(&props.index);
        use_memo((), move |_| Haystack::new(index.text()))
    };

    let bar = use_node_ref();
    // Opening takes the focus into the field; closing gives it back to where it was.
    {
        let article = props.article.clone();
        let bar = bar.clone();
        use_effect_with((), move |_| {
            place_under_header(&bar);
            let before = gloo::utils::document().active_element();
            focus_field();
            move || {
                highlight::clear(highlight::ALL);
                highlight::clear(highlight::CURRENT);
                let back = before
                    .filter(|e| e.is_connected() && e.id() != FIELD_ID)
                    .or_else(|| article.cast::<Element>());
                if let Some(back) = back.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    let _ = back.focus();
                }
            }
        });
    }

    let search = {
        let haystack = Rc::clone(&haystack);
        let found = found.clone();
        let current = current.clone();
        move |query: &str, options: FindOptions| {
            let next = haystack.find(query, options, MAX_MATCHES);
            current.set((!next.spans.is_empty()).then_some(0));
            // The same matches keep their `Rc`: what draws them is matched to it.
            if **found != next {
                found.set(Rc::new(next));
            }
        }
    };

    // All matches highlighted, drawn again when the matches change or the lines were drawn
    // again (an edit replaces a line's text nodes, and ranges in them would collapse).
    {
        let painter = painter.clone();
        let (index, blocks, article) = (
            Rc::clone(&props.index),
            Rc::clone(&props.blocks),
            props.article.clone(),
        );
        let current = current.clone();
        use_effect_with((Rc::clone(&*found), props.revision), move |(found, _)| {
            let found = Rc::clone(found);
            // After this render's paragraphs have drawn their lines.
            let timer = Timeout::new(0, move || {
                let Some(article) = article.cast::<Element>() else {
                    return;
                };
                let layout = highlight::Layout {
                    article,
                    index,
                    blocks,
                };
                // New matches bring the current one into view; the same ones drawn again
                // (after an edit) leave the page where it is.
                let new = painter
                    .borrow()
                    .as_ref()
                    .is_none_or(|p| !Rc::ptr_eq(p.found(), &found));
                if let Some(old) = painter.borrow_mut().take() {
                    old.stop();
                }
                let next = highlight::Painter::start(layout, found);
                show_current(&next, *current, new);
                *painter.borrow_mut() = Some(next);
            });
            move || drop(timer)
        });
    }
    // The current match, styled apart and brought into view.
    {
        let painter = painter.clone();
        let found = Rc::clone(&*found);
        use_effect_with(*current, move |current| {
            // A painter of an older search waits for the new one (started a moment later).
            if let Some(p) = painter
                .borrow()
                .as_ref()
                .filter(|p| Rc::ptr_eq(p.found(), &found))
            {
                show_current(p, *current, true);
            }
        });
    }
    {
        let painter = painter.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(p) = painter.borrow_mut().take() {
                    p.stop();
                }
            }
        });
    }

    let oninput = {
        let query = query.clone();
        let timer = timer.clone();
        let options = *options;
        let search = search.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let text = input.value();
            query.set(text.clone());
            let search = search.clone();
            *timer.borrow_mut() = Some(Timeout::new(TYPING_PAUSE_MS, move || {
                search(&text, options)
            }));
        })
    };
    let toggle = |set: fn(&mut FindOptions, bool)| {
        let options = options.clone();
        let query = query.clone();
        let search = search.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let mut next = *options;
            set(&mut next, input.checked());
            options.set(next);
            search(&query, next);
        })
    };
    let step = {
        let current = current.clone();
        let total = found.spans.len();
        move |forward: bool| {
            if total == 0 {
                return;
            }
            let next = match (*current, forward) {
                (None, true) => 0,
                (None, false) => total - 1,
                (Some(i), true) => (i + 1) % total,
                (Some(i), false) => (i + total - 1) % total,
            };
            current.set(Some(next));
        }
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        let step = step.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                on_close.emit(());
            }
            "Enter" if is_field(&event) => {
                event.prevent_default();
                step(!event.shift_key());
            }
            _ => {}
        })
    };
    let on_previous = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step(false))
    };
    let on_next = Callback::from(move |_: MouseEvent| step(true));
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let none = found.spans.is_empty();
    let mark_buttons = Label::ALL.into_iter().map(|label| {
        let spans = found.spans.clone();
        let onclick = props.on_mark.reform(move |_: MouseEvent| (label, spans.clone()));
        html! {
            <button type="button" class={classes!("find-mark", format!("label-{}", label.slug()))} disabled={none} {onclick}>
                { format!("Mark all as {label}") }
            </button>
        }
    });
    let count = if query.is_empty() {
        String::new()
    } else {
        count_text(&found, *current)
    };

    html! {
        <div ref={bar} class="find-bar" role="search" aria-label="Find in the article" {onkeydown}>
            <div class="find-row">
                <label class="find-label" for={FIELD_ID}>{ "Find" }</label>
                <input
                    id={FIELD_ID}
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    value={(*query).clone()}
                    aria-describedby="find-count"
                    aria-keyshortcuts="/"
                    {oninput}
                />
                <span id="find-count" class="find-count" role="status" aria-live="polite">{ count }</span>
                <button type="button" class="find-step" aria-label="Previous match" title="Previous match (Shift + Enter)" disabled={none} onclick={on_previous}>{ "↑" }</button>
                <button type="button" class="find-step" aria-label="Next match" title="Next match (Enter)" disabled={none} onclick={on_next}>{ "↓" }</button>
                <button type="button" class="find-close" aria-label="Close find" title="Close (Escape)" onclick={on_close}>{ "×" }</button>
            </div>
            <div class="find-row">
                <label class="toggle">
                    <input type="checkbox" checked={options.match_case} onchange={toggle(|o, on| o.match_case = on)} />
                    { "Match case" }
                </label>
                <label class="toggle">
                    <input type="checkbox" checked={options.whole_words} onchange={toggle(|o, on| o.whole_words = on)} />
                    { "Whole words" }
                </label>
                <span class="find-marks">{ for mark_buttons }</span>
            </div>
        </div>
    }
}

/// Puts the bar just under the page's header, whose height depends on how its toolbar wraps.
fn place_under_header(bar: &NodeRef) {
    let header = gloo::utils::document()
        .query_selector(".app-header")
        .ok()
        .flatten();
    if let (Some(bar), Some(header)) = (bar.cast::<HtmlElement>(), header) {
        let top = header.get_bounding_client_rect().height() + 8.0;
        let _ = bar.style().set_property("top", &format!("{top}px"));
    }
}

/// Whether a key was typed in the find field itself (Enter on a button presses it).
fn is_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|e| e.id() == FIELD_ID)
}

/// Shows the match `current` apart from the rest, scrolled into view when asked.
fn show_current(painter: &highlight::Painter, current: Option<usize>, reveal: bool) {
    match current.and_then(|i| painter.range(i)) {
        Some(range) => {
            highlight::show_current(&range);
            if reveal {
                highlight::reveal(&range);
            }
        }
        None => highlight::clear(highlight::CURRENT),
    }
}
