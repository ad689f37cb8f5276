//! The sidebar: every annotation in text order, counts and a filter per label, and the
//! selected annotation's details (note, resize, delete).

use std::rc::Rc;

use yew::prelude::*;

use super::checking::CheckCommand;
use super::details::{Details, LinkCommand, Links};

use crate::model::layers::Layer;
use crate::model::offsets::{Edge, Resize, TextIndex};
use crate::model::text::excerpt;
use crate::model::{Annotation, AnnotationId, Document, DocumentId, Label, Span, Verdict};
use crate::state::checking::listed;
use crate::state::CheckFilter;

#[derive(Properties)]
pub struct SidebarProps {
    /// The open document (the library's own copy: compared by pointer, never copied).
    pub doc: Rc<Document>,
    pub index: Rc<TextIndex>,
    pub filter: Option<Label>,
    /// Claims of one verdict only (or none yet), chosen with the Claim filter.
    pub check_filter: Option<CheckFilter>,
    pub selected: Option<AnnotationId>,
    /// The selected annotation's place among those at its point, when there are several.
    pub here: Option<(usize, usize)>,
    /// Whether the selected annotation was chosen away from its entry (J / K, Tab, undo): its
    /// entry is then scrolled into view.
    pub reveal: bool,
    pub on_select: Callback<AnnotationId>,
    pub on_filter: Callback<Option<Label>>,
    pub on_note: Callback<(DocumentId, AnnotationId, String)>,
    pub on_resize: Callback<(Edge, Resize)>,
    pub on_delete: Callback<AnnotationId>,
    /// The selected annotation's links, as the details show them.
    pub links: Links,
    pub on_link: Callback<LinkCommand>,
    pub on_check: Callback<(AnnotationId, CheckCommand)>,
    pub on_check_filter: Callback<Option<CheckFilter>>,
    /// The "Suggestions" section, while suggestions are shown.
    #[prop_or_default]
    pub suggestions: Html,
    /// Another person's layer (or everyone's) is shown: the details can be read, not changed.
    #[prop_or_default]
    pub read_only: bool,
    /// Everyone's layers are shown: each entry says whose it is (`me`: "Your name").
    #[prop_or_default]
    pub by_layer: bool,
    #[prop_or_default]
    pub me: Option<AttrValue>,
    /// "Edited on another device": the choice, when the selected annotation is in a conflict.
    #[prop_or_default]
    pub conflict: Html,
}

impl PartialEq for SidebarProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.index == other.index
            && self.filter == other.filter
            && self.check_filter == other.check_filter
            && self.selected == other.selected
            && self.here == other.here
            && self.reveal == other.reveal
            && self.on_select == other.on_select
            && self.on_filter == other.on_filter
            && self.on_note == other.on_note
            && self.on_resize == other.on_resize
            && self.on_delete == other.on_delete
            && self.links == other.links
            && self.on_link == other.on_link
            && self.on_check == other.on_check
            && self.on_check_filter == other.on_check_filter
            && self.suggestions == other.suggestions
            && self.read_only == other.read_only
            && self.by_layer == other.by_layer
            && self.me == other.me
            && self.conflict == other.conflict
    }
}

/// Rows rendered beyond each edge of what the list shows, so scrolling and Tab find them ready.
const OVERSCAN: usize = 4;

/// A row's height in pixels until one is measured (the CSS sets it: `--row`).
const ROW_GUESS: f64 = 44.0;

/// Rows rendered before the first measurement.
const FIRST_WINDOW: usize = 40;

/// How much of an annotation's text the list shows.
const LIST_EXCERPT: usize = 120;

/// How much of the selected annotation's text its details show.
const DETAILS_EXCERPT: usize = 200;

#[component]
pub fn Sidebar(props: &SidebarProps) -> Html {
    let annotations = &props.doc.annotations;
    let count = |label: Label| annotations.iter().filter(|a| a.label == label).count();
    let filter_button = |filter: Option<Label>, name: String| {
        let pressed = props.filter == filter;
        let onclick = props.on_filter.reform(move |_: MouseEvent| filter);
        let class = classes!("chip", filter.map(|l| format!("label-{}", l.slug())));
        html! {
            <button type="button" {class} aria-pressed={pressed.to_string()} {onclick}>{ name }</button>
        }
    };
    let visible: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| listed(props.filter, props.check_filter, a))
        .collect();
    // Thousands of entries would cost every edit a long list to lay out and paint: rows have
    // one height, the list is as tall as all of them, and only the rows in view (and a few
    // beyond) are in the page, after a padding as tall as the rows above them.
    let scroll_ref = use_node_ref();
    let list_ref = use_node_ref();
    let window = use_state_eq(|| (0usize, FIRST_WINDOW));
    let total = visible.len();
    let update = {
        let scroll_ref = scroll_ref.clone();
        let list_ref = list_ref.clone();
        let window = window.clone();
        move || {
            if let (Some(scroller), Some(list)) = (
                scroll_ref.cast::<web_sys::HtmlElement>(),
                list_ref.cast::<web_sys::HtmlElement>(),
            ) {
                window.set(rows_in_view(&scroller, &list));
            }
        }
    };
    {
        let scroll_ref = scroll_ref.clone();
        let update = update.clone();
        use_effect_with((), move |_| {
            let listeners = (
                scroll_ref.cast::<web_sys::HtmlElement>().map(|scroller| {
                    gloo::events::EventListener::new(&scroller, "scroll", {
                        let update = update.clone();
                        move |_| update()
                    })
                }),
                web_sys::window()
                    .map(|w| gloo::events::EventListener::new(&w, "resize", move |_| update())),
            );
            move || drop(listeners)
        });
    }
    // A list that got shorter (a filter, a delete) may have been scrolled back by the browser
    // without a scroll event: measure again then. Not when it grew (a mark added): measuring
    // forces a layout in the middle of the key press.
    let previous = use_mut_ref(|| total);
    use_effect_with(total, move |&total| {
        let shorter = total < *previous.borrow();
        *previous.borrow_mut() = total;
        if shorter {
            update();
        }
    });
    // Past the end (the list just got shorter): show its last rows.
    let (first, rows) = *window;
    let first = first.min(total.saturating_sub(rows));
    let end = first.saturating_add(rows).min(total);
    let items = visible
        .get(first..end)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let position = first + k;
            // Keyed by annotation, so focus and state stay with an entry when entries shift
            // (keying by row position measured the same).
            html! {
                <Item
                    key={a.id.to_string()}
                    {position}
                    {total}
                    id={a.id}
                    label={a.label}
                    span={a.span}
                    note={AttrValue::from(a.note.clone())}
                    source={a.source.and_then(|s| props.doc.annotation(s)).map(|actor| AttrValue::from(props.doc.actor_name(actor)))}
                    verdict={a.verdict.filter(|_| a.label == Label::Claim)}
                    by={props.by_layer.then(|| AttrValue::from(Layer::of(a, props.me.as_deref()).name(props.me.as_deref())))}
                    selected={props.selected == Some(a.id)}
                    index={Rc::clone(&props.index)}
                    on_select={props.on_select.clone()}
                />
            }
        });
    let selected = props
        .selected
        .and_then(|id| annotations.iter().find(|a| a.id == id))
        .cloned();
    let selected_text = selected
        .as_ref()
        .map(|a| AttrValue::from(excerpt(props.index.slice(a.span), DETAILS_EXCERPT)));
    // The selected annotation's entry is scrolled into the list's view when it was chosen away
    // from it (J / K, Tab, undo); the windowing then renders the rows there. Not after marking
    // or a click in the text: measuring would force a layout in the middle of the key press.
    {
        let row = props
            .selected
            .filter(|_| props.reveal)
            .and_then(|id| visible.iter().position(|a| a.id == id));
        let scroll_ref = scroll_ref.clone();
        let list_ref = list_ref.clone();
        use_effect_with(props.selected, move |_| {
            if let (Some(row), Some(scroller), Some(list)) = (
                row,
                scroll_ref.cast::<web_sys::HtmlElement>(),
                list_ref.cast::<web_sys::HtmlElement>(),
            ) {
                reveal_row(&scroller, &list, row);
            }
        });
    }

    html! {
        <aside class="sidebar" aria-label="Annotations">
            <h2 class="side-title">{ "Annotations" }</h2>
            // Beside the title, over nothing else: it comes and goes without moving the list.
            if let Some((at, of)) = props.here {
                <p class="here-hint">{ format!("{at} of {of} here: click again or press Tab for the next") }</p>
            }
            <div class="filters" role="group" aria-label="Show">
                { filter_button(None, format!("All {}", annotations.len())) }
                { for Label::ALL.into_iter().map(|l| filter_button(Some(l), format!("{} {}", l.name(), count(l)))) }
                if props.filter == Some(Label::Claim) {
                    <CheckFilterMenu filter={props.check_filter} listed={total} claims={count(Label::Claim)} on_filter={props.on_check_filter.clone()} />
                }
            </div>
            { props.suggestions.clone() }
            { props.conflict.clone() }
            // Always there (two short lines while nothing is selected): selecting fills it in
            // rather than building it.
            // Read only: every control of the details disabled at once (a disabled fieldset).
            <fieldset class="details-frame" disabled={props.read_only}>
                <legend class="sr-only">{ if props.read_only { "Selected annotation (read only)" } else { "Selected annotation" } }</legend>
                <Details document={props.doc.id} annotation={selected} text={selected_text} on_note={props.on_note.clone()} on_resize={props.on_resize.clone()} on_delete={props.on_delete.clone()} links={props.links.clone()} on_link={props.on_link.clone()} on_check={props.on_check.clone()} />
            </fieldset>
            if annotations.is_empty() {
                <p class="side-empty">{ "Nothing marked yet. Select text in the article, then press 1 (claim), 2 (quote) or 3 (actor)." }</p>
            } else if visible.is_empty() && props.check_filter.is_some() {
                <p class="side-empty">{ "No claims with this verdict." }</p>
            } else if visible.is_empty() {
                <p class="side-empty">{ "No annotations with this label." }</p>
            }
            // The list scrolls on its own: the details above stay in view.
            <div class="ann-scroll" ref={scroll_ref}>
                <ol class="ann-list" aria-label="Annotations in text order" ref={list_ref} style={format!("height: calc(var(--row) * {total}); padding-top: calc(var(--row) * {first})")}>
                    { for items }
                </ol>
            </div>
        </aside>
    }
}

/// Which rows of the list are in view, with some to spare: (first, how many).
fn rows_in_view(aside: &web_sys::HtmlElement, list: &web_sys::HtmlElement) -> (usize, usize) {
    let row = list
        .first_element_child()
        .map(|li| li.get_bounding_client_rect().height())
        .filter(|h| *h > 0.0)
        .unwrap_or(ROW_GUESS);
    let scrolled = f64::from(aside.scroll_top()) - f64::from(list.offset_top());
    let first = (scrolled / row).floor().max(0.0) as usize;
    let in_view = (f64::from(aside.client_height()) / row).ceil().max(1.0) as usize;
    (first.saturating_sub(OVERSCAN), in_view + 2 * OVERSCAN)
}

/// Scrolls the list so that row `row` (from 0) is in view, unless it is already.
fn reveal_row(scroller: &web_sys::HtmlElement, list: &web_sys::HtmlElement, row: usize) {
    let height = list
        .first_element_child()
        .map(|li| li.get_bounding_client_rect().height())
        .filter(|h| *h > 0.0)
        .unwrap_or(ROW_GUESS);
    let view = scroller.get_bounding_client_rect();
    let scrolled = f64::from(scroller.scroll_top());
    // Where the row is in the scrolled content, and what of that content is in view.
    let top = list.get_bounding_client_rect().top() - view.top() + scrolled + row as f64 * height;
    let visible = f64::from(scroller.client_height());
    let to = if top < scrolled {
        top
    } else if top + height > scrolled + visible {
        top + height - visible
    } else {
        return;
    };
    scroller.set_scroll_top(to.round() as i32);
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    /// Where the row is in the (filtered) list, from 0, and how long the list is.
    position: usize,
    total: usize,
    id: AnnotationId,
    label: Label,
    span: Span,
    note: AttrValue,
    /// Who said it (a quote's or claim's source), by name.
    source: Option<AttrValue>,
    /// A claim's verdict.
    verdict: Option<Verdict>,
    /// Whose layer it is in, when everyone's are shown.
    by: Option<AttrValue>,
    selected: bool,
    index: Rc<TextIndex>,
    on_select: Callback<AnnotationId>,
}

/// One entry of the list. Its props are small and compared cheaply, so after an edit only the
/// entries that changed render again (the list can hold thousands).
#[component]
fn Item(props: &ItemProps) -> Html {
    let id = props.id;
    let onclick = props.on_select.reform(move |_: MouseEvent| id);
    let text = excerpt(props.index.slice(props.span), LIST_EXCERPT);
    html! {
        <li
            class={classes!("ann", props.selected.then_some("is-selected"))}
            aria-posinset={(props.position + 1).to_string()}
            aria-setsize={props.total.to_string()}
        >
            <button type="button" class="ann-button" aria-current={props.selected.then_some("true")} {onclick}>
                <span class="ann-head">
                    <span class={classes!("tag", format!("label-{}", props.label.slug()))}>{ props.label.name() }</span>
                    if let Some(by) = props.by.clone() {
                        <span class="ann-by">{ by }</span>
                    }
                    if let Some(v) = props.verdict {
                        <span class={classes!("verdict-tag", format!("v-{}", v.slug()))}><span aria-hidden="true">{ v.symbol() }</span>{ format!(" {}", v.name()) }</span>
                    }
                    if let Some(source) = props.source.clone() {
                        <span class="ann-source">{ format!("— {source}") }</span>
                    }
                    if !props.note.is_empty() {
                        <span class="ann-note">{ excerpt(&props.note, 80) }</span>
                    }
                </span>
                <span class="ann-text">{ text }</span>
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct CheckFilterProps {
    filter: Option<CheckFilter>,
    /// How many claims the list shows, of how many there are.
    listed: usize,
    claims: usize,
    on_filter: Callback<Option<CheckFilter>>,
}

/// Beside the Claim filter: show all claims, those not checked yet, or those of one verdict.
#[component]
fn CheckFilterMenu(props: &CheckFilterProps) -> Html {
    let onchange = props.on_filter.reform(|event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        CheckFilter::from_slug(&select.value())
    });
    let option = |value: Option<CheckFilter>, name: &'static str| {
        let slug = value.map_or("", CheckFilter::slug);
        html! { <option value={slug} selected={props.filter == value}>{ name }</option> }
    };
    let verdicts = Verdict::ALL.into_iter().map(|v| {
        let f = Some(CheckFilter::Is(v));
        option(f, v.name())
    });
    html! {
        <span class="check-filter">
            <select aria-label="Show claims" {onchange}>
                { option(None, "All claims") }
                { option(Some(CheckFilter::NotChecked), crate::model::verdict::NOT_CHECKED) }
                { for verdicts }
            </select>
            if props.filter.is_some() {
                <span class="check-count">{ format!("{} of {}", props.listed, props.claims) }</span>
            }
        </span>
    }
}
