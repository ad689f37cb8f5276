//! The library: every article kept in this browser, with its date, counts per label and last
//! change; open, rename, delete, filter by title.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::modal::Modal;
use crate::model::{Document, DocumentId, Label};

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub documents: Vec<Rc<Document>>,
    pub open: Option<DocumentId>,
    pub filter: AttrValue,
    pub total: usize,
    pub on_filter: Callback<String>,
    pub on_open: Callback<DocumentId>,
    pub on_rename: Callback<(DocumentId, String)>,
    pub on_delete: Callback<DocumentId>,
    pub on_close: Callback<MouseEvent>,
    /// "Your name", which names one's own layer in the counts per annotator.
    #[prop_or_default]
    pub me: Option<AttrValue>,
}

/// A time as the browser shows local dates and times.
fn local_time(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

fn counts_text(doc: &Document) -> String {
    let counts = doc.counts();
    Label::ALL
        .iter()
        .zip(counts)
        .map(|(label, n)| format!("{n} {}{}", label.slug(), if n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "Ana 26 · Ben 24 · Curated 30": annotations per layer, for an article several people marked.
fn layers_text(doc: &Document, me: Option<&str>) -> Option<String> {
    let layers = crate::model::layers::layers(doc, me);
    let marked: Vec<String> = layers
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(layer, n)| format!("{} {n}", layer.name(me)))
        .collect();
    (marked.len() > 1).then(|| marked.join(" · "))
}

/// "1 of 3 claims checked", for an article with claims.
fn checked_text(doc: &Document) -> Option<String> {
    let (checked, claims) = crate::model::verdict::checked_claims(&doc.annotations);
    let noun = if claims == 1 { "claim" } else { "claims" };
    (claims > 0).then(|| format!("{checked} of {claims} {noun} checked"))
}

#[component]
pub fn LibraryDialog(props: &LibraryProps) -> Html {
    let renaming = use_state(|| None::<DocumentId>);
    let list_ref = use_node_ref();
    use_rename_focus(*renaming, list_ref.clone());
    let on_filter = props
        .on_filter
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let rows = props.documents.iter().map(|doc| {
        let id = doc.id;
        let is_open = props.open == Some(id);
        let on_open = props.on_open.reform(move |_: MouseEvent| id);
        let on_delete = props.on_delete.reform(move |_: MouseEvent| id);
        let start_rename = {
            let renaming = renaming.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some(id)))
        };
        let title_cell = if *renaming == Some(id) {
            let on_rename = props.on_rename.clone();
            let renaming_done = renaming.clone();
            let onsubmit = Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let input = e
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
                    .and_then(|f| f.elements().named_item("title"))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el).ok());
                if let Some(input) = input {
                    on_rename.emit((id, input.value()));
                }
                renaming_done.set(None);
            });
            let cancel = {
                let renaming = renaming.clone();
                Callback::from(move |_: MouseEvent| renaming.set(None))
            };
            html! {
                <form class="rename" {onsubmit}>
                    <input name="title" aria-label="New title" value={doc.title.clone()} />
                    <button type="submit" class="small primary">{ "Save title" }</button>
                    <button type="button" class="small" onclick={cancel}>{ "Cancel" }</button>
                </form>
            }
        } else {
            html! {
                <button type="button" class="link lib-title" onclick={on_open} aria-current={is_open.then_some("true")}>
                    { doc.title.clone() }
                </button>
            }
        };
        html! {
            <li key={id.to_string()} class={classes!("lib-row", is_open.then_some("is-open"))}>
                <div class="lib-main">
                    { title_cell }
                    <p class="lib-meta">
                        if let Some(date) = doc.date {
                            <span>{ date.to_string() }</span>
                        }
                        <span>{ counts_text(doc) }</span>
                        if let Some(layers) = layers_text(doc, props.me.as_deref()) {
                            <span class="lib-layers">{ format!("by annotator: {layers}") }</span>
                        }
                        if let Some(checked) = checked_text(doc) {
                            <span class="lib-checked">{ checked }</span>
                        }
                        <span>{ format!("changed {}", local_time(doc.updated_at.0)) }</span>
                    </p>
                </div>
                <div class="lib-actions">
                    <button type="button" class="small" onclick={start_rename} data-rename={id.to_string()} aria-label={format!("Rename “{}”", doc.title)}>{ "Rename" }</button>
                    <button type="button" class="small danger" onclick={on_delete} aria-label={format!("Delete “{}”", doc.title)}>{ "Delete" }</button>
                </div>
            </li>
        }
    });
    html! {
        <Modal labelled_by="library-title" wide=true>
            <h2 id="library-title">{ format!("Library ({})", props.total) }</h2>
            <input
                type="search"
                class="lib-filter"
                aria-label="Filter by title"
                placeholder="Filter by title"
                value={props.filter.clone()}
                oninput={on_filter}
            />
            if props.documents.is_empty() {
                <p class="side-empty">{ if props.total == 0 { "No articles yet." } else { "No title matches the filter." } }</p>
            }
            <ul class="lib-list" aria-label="Articles" ref={list_ref}>{ for rows }</ul>
            <div class="dialog-actions">
                <button type="button" class="primary" onclick={props.on_close.clone()}>{ "Close" }</button>
            </div>
        </Modal>
    }
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
