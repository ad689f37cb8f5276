//! The library: every article kept in this browser, with its date, counts per label and last
//! change; open, rename, delete, filter by title.
//!
//! A library of 1,000 articles must open and filter within 100 ms, so the list is cheap:
//! - only the first rows are put in the page, and more as the list is scrolled (or tabbed)
//!   near its last one; a padding below stands for the rest, so the scroll bar tells how long
//!   the list is. Rows differ in height (their words wrap in a narrow window), so the list
//!   grows from the top rather than sliding a window of rows of one height. The filter finds
//!   any article by its title;
//! - each row's words are worked out once per version of its article ([`Summaries`], kept
//!   between openings of the dialog), its time formatted with one formatter made once;
//! - each row is a component that renders again only when its own article, its "open" mark or
//!   its renaming changed: a key typed in the filter touches only the rows that come or go.
//!
//! (Every row in the page with `content-visibility: auto` was measured too: opening 1,001 rows
//! took longer than without it, 1.3 s of it layout.)

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::modal::Modal;
use crate::dom::time::local_time;
use crate::model::summary::{Summaries, Summary};
use crate::model::{Document, DocumentId};

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// The articles listed: filtered by title, most recently changed first.
    pub documents: Vec<Rc<Document>>,
    /// Every article kept (the count in the heading; rows of deleted ones are let go).
    pub library: Rc<BTreeMap<DocumentId, Rc<Document>>>,
    pub open: Option<DocumentId>,
    pub filter: AttrValue,
    pub on_filter: Callback<String>,
    pub on_open: Callback<DocumentId>,
    pub on_rename: Callback<(DocumentId, String)>,
    pub on_delete: Callback<DocumentId>,
    pub on_close: Callback<MouseEvent>,
    /// "Your name", which names one's own layer in the counts per annotator.
    #[prop_or_default]
    pub me: Option<AttrValue>,
}

/// What a row shows: the article's summary and the time of its last change in words.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    summary: Summary,
    changed: AttrValue,
}

impl Row {
    fn of(doc: &Document, me: Option<&str>) -> Row {
        Row {
            summary: Summary::of(doc, me),
            changed: format!("changed {}", local_time(doc.updated_at.0)).into(),
        }
    }
}

thread_local! {
    /// The rows made so far, kept while the page lives so that opening the Library again
    /// makes only the rows of articles changed since.
    static ROWS: RefCell<Summaries<Row>> = RefCell::new(Summaries::default());
}

/// The rows of `documents`, made only for articles that changed since they were last listed.
fn rows(
    documents: &[Rc<Document>],
    library: &BTreeMap<DocumentId, Rc<Document>>,
    me: Option<&str>,
) -> Vec<Rc<Row>> {
    ROWS.with(|rows| {
        let mut rows = rows.borrow_mut();
        rows.forget_others(|id| library.contains_key(id));
        documents
            .iter()
            .map(|doc| rows.get(doc, me, Row::of))
            .collect()
    })
}

/// Rows put in the page when the Library opens: more than the tallest window shows.
const FIRST_ROWS: usize = 40;
/// Rows added at least each time the list is scrolled or tabbed near its last row in the page.
const MORE_ROWS: usize = 40;
/// How tall a row not yet in the page is taken to be, in `rem` (one line of meta, wide window).
const ROW_GUESS_REM: usize = 4;

/// How many rows of the list may be in the page; it only grows while the dialog is open.
#[derive(PartialEq)]
struct Shown(usize);

/// The list had `rendered` rows in the page and needs `wanted`.
struct Grow {
    rendered: usize,
    wanted: usize,
}

impl Reducible for Shown {
    type Action = Grow;

    fn reduce(self: Rc<Self>, grow: Grow) -> Rc<Self> {
        // Only when every row allowed is in the page: a list the filter shortened has room.
        if grow.rendered < self.0 {
            return self;
        }
        Rc::new(Shown(grow.wanted.max(grow.rendered + MORE_ROWS)))
    }
}

/// When the list's last row in the page is in view or within one more view below it: how
/// many rows the list needs (a screenful more, at the height of the rows in the page).
fn rows_wanted(list: &web_sys::Element) -> Option<Grow> {
    let scroller = list.closest(".dialog").ok().flatten()?;
    let last = list.last_element_child()?;
    let rendered = usize::try_from(list.child_element_count()).ok()?;
    let view = scroller.get_bounding_client_rect();
    let reach = view.bottom() + view.height();
    let last_bottom = last.get_bounding_client_rect().bottom();
    if last_bottom > reach {
        return None;
    }
    let top = list.get_bounding_client_rect().top();
    let row = ((last_bottom - top) / rendered.max(1) as f64).max(1.0);
    let more = ((reach - last_bottom) / row).ceil().max(0.0) as usize;
    Some(Grow {
        rendered,
        wanted: rendered + more,
    })
}

/// What a row asks of the dialog.
#[derive(Clone, Debug, PartialEq)]
enum RowEvent {
    Open(DocumentId),
    StartRename(DocumentId),
    Rename(DocumentId, String),
    CancelRename,
    Delete(DocumentId),
}

#[component]
pub fn LibraryDialog(props: &LibraryProps) -> Html {
    let renaming = use_state(|| None::<DocumentId>);
    let list_ref = use_node_ref();
    use_rename_focus(*renaming, list_ref.clone());
    let shown = use_reducer_eq(|| Shown(FIRST_ROWS));
    use_grow_on_scroll(list_ref.clone(), shown.dispatcher());
    // Tabbing into the last row in the page brings the next ones, so Tab goes on through them.
    let on_focus_in = {
        let list_ref = list_ref.clone();
        let grow = shown.dispatcher();
        Callback::from(move |e: FocusEvent| {
            let Some(list) = list_ref.cast::<web_sys::Element>() else {
                return;
            };
            let target = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
            let in_last = list
                .last_element_child()
                .is_some_and(|last| last.contains(target.as_ref()));
            if in_last {
                let rendered = usize::try_from(list.child_element_count()).unwrap_or(0);
                grow.dispatch(Grow {
                    rendered,
                    wanted: rendered + MORE_ROWS,
                });
            }
        })
    };
    let on_filter = props
        .on_filter
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    // One callback for every row, made once: the rows' props stay equal between renders, so
    // a row renders again only when what it shows changed. It reaches the latest callbacks
    // of the props through `latest`.
    let latest = use_mut_ref(|| None::<Callbacks>);
    *latest.borrow_mut() = Some(Callbacks {
        open: props.on_open.clone(),
        rename: props.on_rename.clone(),
        delete: props.on_delete.clone(),
    });
    let on_event = {
        let latest = Rc::clone(&latest);
        let renaming = renaming.setter();
        use_callback((), move |event: RowEvent, _| {
            let Some(callbacks) = latest.borrow().clone() else {
                return;
            };
            match event {
                RowEvent::Open(id) => callbacks.open.emit(id),
                RowEvent::StartRename(id) => renaming.set(Some(id)),
                RowEvent::Rename(id, title) => {
                    callbacks.rename.emit((id, title));
                    renaming.set(None);
                }
                RowEvent::CancelRename => renaming.set(None),
                RowEvent::Delete(id) => callbacks.delete.emit(id),
            }
        })
    };
    let me = props.me.as_deref();
    let listed = props.documents.len();
    let in_page = listed.min(shown.0);
    let below = listed - in_page;
    let rows = rows(&props.documents[..in_page], &props.library, me)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let id = row.summary.id;
            html! {
                <LibraryRow
                    key={id.to_string()}
                    {row}
                    position={i + 1}
                    of={listed}
                    is_open={props.open == Some(id)}
                    renaming={*renaming == Some(id)}
                    on_event={on_event.clone()}
                />
            }
        });
    let total = props.library.len();
    html! {
        <Modal labelled_by="library-title" wide=true>
            <h2 id="library-title">{ format!("Library ({total})") }</h2>
            <input
                type="search"
                class="lib-filter"
                aria-label="Filter by title"
                placeholder="Filter by title"
                value={props.filter.clone()}
                oninput={on_filter}
            />
            if props.documents.is_empty() {
                <p class="side-empty">{ if total == 0 { "No articles yet." } else { "No title matches the filter." } }</p>
            }
            <ul
                class="lib-list"
                aria-label="Articles"
                data-listed={listed.to_string()}
                style={(below > 0).then(|| format!("padding-bottom: calc({ROW_GUESS_REM}rem * {below})"))}
                onfocusin={on_focus_in}
                ref={list_ref}
            >
                { for rows }
            </ul>
            <div class="dialog-actions">
                <button type="button" class="primary" onclick={props.on_close.clone()}>{ "Close" }</button>
            </div>
        </Modal>
    }
}

/// The dialog's callbacks as of its last render.
#[derive(Clone)]
struct Callbacks {
    open: Callback<DocumentId>,
    rename: Callback<(DocumentId, String)>,
    delete: Callback<DocumentId>,
}

#[derive(Properties, PartialEq)]
struct RowProps {
    row: Rc<Row>,
    /// Where the row is among the articles listed, and how many are (only the rows near the
    /// view are in the page: a screen reader still hears "3 of 1,000").
    position: usize,
    of: usize,
    is_open: bool,
    renaming: bool,
    on_event: Callback<RowEvent>,
}

/// One article: its title (a button that opens it, or the rename form), what it holds, and
/// its Rename and Delete buttons.
#[component]
fn LibraryRow(props: &RowProps) -> Html {
    let summary = &props.row.summary;
    let id = summary.id;
    let title_cell = if props.renaming {
        let on_event = props.on_event.clone();
        let onsubmit = Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
                .and_then(|f| f.elements().named_item("title"))
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el).ok());
            match input {
                Some(input) => on_event.emit(RowEvent::Rename(id, input.value())),
                None => on_event.emit(RowEvent::CancelRename),
            }
        });
        let cancel = props
            .on_event
            .reform(|_: MouseEvent| RowEvent::CancelRename);
        html! {
            <form class="rename" {onsubmit}>
                <input name="title" aria-label="New title" value={summary.title.clone()} />
                <button type="submit" class="small primary">{ "Save title" }</button>
                <button type="button" class="small" onclick={cancel}>{ "Cancel" }</button>
            </form>
        }
    } else {
        let on_open = props
            .on_event
            .reform(move |_: MouseEvent| RowEvent::Open(id));
        html! {
            <button type="button" class="link lib-title" onclick={on_open} aria-current={props.is_open.then_some("true")}>
                { summary.title.clone() }
            </button>
        }
    };
    let start_rename = props
        .on_event
        .reform(move |_: MouseEvent| RowEvent::StartRename(id));
    let on_delete = props
        .on_event
        .reform(move |_: MouseEvent| RowEvent::Delete(id));
    html! {
        <li
            class={classes!("lib-row", props.is_open.then_some("is-open"))}
            aria-posinset={props.position.to_string()}
            aria-setsize={props.of.to_string()}
        >
            <div class="lib-main">
                { title_cell }
                <p class="lib-meta">
                    if let Some(date) = &summary.date {
                        <span>{ date.clone() }</span>
                    }
                    <span>{ summary.counts.clone() }</span>
                    if let Some(layers) = &summary.layers {
                        <span class="lib-layers">{ format!("by annotator: {layers}") }</span>
                    }
                    if let Some(checked) = &summary.checked {
                        <span class="lib-checked">{ checked.clone() }</span>
                    }
                    <span>{ props.row.changed.clone() }</span>
                </p>
            </div>
            <div class="lib-actions">
                <button type="button" class="small" onclick={start_rename} data-rename={id.to_string()} aria-label={format!("Rename “{}”", summary.title)}>{ "Rename" }</button>
                <button type="button" class="small danger" onclick={on_delete} aria-label={format!("Delete “{}”", summary.title)}>{ "Delete" }</button>
            </div>
        </li>
    }
}

/// Scrolling the dialog near the list's last row in the page brings the next ones; so does a
/// window made taller.
#[hook]
fn use_grow_on_scroll(list_ref: NodeRef, grow: UseReducerDispatcher<Shown>) {
    use_effect_with((), move |_| {
        let scroller = list_ref
            .cast::<web_sys::Element>()
            .and_then(|list| list.closest(".dialog").ok().flatten());
        let check = Rc::new(move || {
            if let Some(wanted) = list_ref
                .cast::<web_sys::Element>()
                .as_ref()
                .and_then(rows_wanted)
            {
                grow.dispatch(wanted);
            }
        });
        let on_scroll = scroller.map(|scroller| {
            let check = Rc::clone(&check);
            gloo::events::EventListener::new(&scroller, "scroll", move |_| check())
        });
        let on_resize = web_sys::window().map(|w| {
            let check = Rc::clone(&check);
            gloo::events::EventListener::new(&w, "resize", move |_| check())
        });
        move || drop((on_scroll, on_resize))
    });
}

/// Renaming moves the focus to the title field (its text selected, to type over), and saving
/// or cancelling moves it back to that row's Rename button, so it never drops out of the list.
#[hook]
fn use_rename_focus(renaming: Option<DocumentId>, list_ref: NodeRef) {
    let previous = use_mut_ref(|| None::<DocumentId>);
    use_effect_with(renaming, move |renaming| {
        let list = list_ref.cast::<web_sys::Element>();
        let last = previous.replace(*renaming);
        let selector = match (renaming, last) {
            (Some(_), _) => Some("input[name=\"title\"]".to_owned()),
            (None, Some(id)) => Some(format!("[data-rename=\"{id}\"]")),
            (None, None) => None,
        };
        let target = list
            .zip(selector)
            .and_then(|(list, selector)| list.query_selector(&selector).ok().flatten())
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
        if let Some(target) = target {
            let _ = target.focus();
            if let Some(input) = wasm_bindgen::JsCast::dyn_ref::<HtmlInputElement>(&target) {
                input.select();
            }
        }
    });
}
