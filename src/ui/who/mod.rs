//! "Who said what": a dialog with the quotes and claims per person, for the open article or
//! the whole library, filtered by name; the chart of who is quoted most ([`chart`]); the rows,
//! each opening onto its quotes and claims ([`table`]); the CSV download. The table itself is
//! the core's (`who::table`); the scope and the filter belong to this view only.

mod actions;
pub mod chart;
pub mod table;

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

pub use actions::{use_who_export, use_who_pick};

use super::modal::Modal;
use crate::model::{AnnotationId, Document, DocumentId};
use gloss_core::who::{self, Scope};

#[derive(Properties, PartialEq)]
pub struct WhoProps {
    pub library: Rc<BTreeMap<DocumentId, Rc<Document>>>,
    /// The open article, when there is one: the first scope offered.
    pub open: Option<DocumentId>,
    /// A quote or claim chosen: its article opens with it selected.
    pub on_pick: Callback<(DocumentId, AnnotationId)>,
    /// "Export who said what": the scope and the name filter shown.
    pub on_export: Callback<(Scope, String)>,
    pub on_close: Callback<MouseEvent>,
}

/// Which scope the switch shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Showing {
    Article,
    Library,
}

#[component]
pub fn WhoDialog(props: &WhoProps) -> Html {
    let showing = use_state(|| {
        if props.open.is_some() {
            Showing::Article
        } else {
            Showing::Library
        }
    });
    let filter = use_state(String::new);
    let scope = match (*showing, props.open) {
        (Showing::Article, Some(id)) => Scope::Article(id),
        _ => Scope::Library,
    };
    let rows = use_memo((Rc::clone(&props.library), scope), |(library, scope)| {
        who::table(library, *scope)
    });
    let unattributed = use_memo((Rc::clone(&props.library), scope), |(library, scope)| {
        who::unattributed(library, *scope)
    });
    let shown = Rc::new(who::filter(&rows, &filter));
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let effective = match scope {
        Scope::Article(_) => Showing::Article,
        Scope::Library => Showing::Library,
    };
    let switch = |to: Showing, name: &'static str, disabled: bool| {
        let showing = showing.clone();
        let onchange = Callback::from(move |_: Event| showing.set(to));
        html! {
            <label class={classes!("who-scope-option", disabled.then_some("is-disabled"))}>
                <input type="radio" name="who-scope" checked={effective == to} {disabled} {onchange} />
                { name }
            </label>
        }
    };
    let on_export = {
        let on_export = props.on_export.clone();
        let filter = (*filter).clone();
        Callback::from(move |_: MouseEvent| on_export.emit((scope, filter.clone())))
    };
    let any = shown.iter().any(|r| r.total() > 0);
    html! {
        <Modal labelled_by="who-title" wide=true>
            <h2 id="who-title">{ "Who said what" }</h2>
            <div class="who-controls">
                <fieldset class="who-scope">
                    <legend class="sr-only">{ "Show" }</legend>
                    { switch(Showing::Article, "This article", props.open.is_none()) }
                    { switch(Showing::Library, "Library", false) }
                </fieldset>
                <input
                    type="search"
                    class="who-filter"
                    aria-label="Filter by name"
                    placeholder="Filter by name"
                    value={(*filter).clone()}
                    oninput={on_filter}
                    data-autofocus="true"
                />
            </div>
            <p class="who-summary" role="status">{ summary(&shown, rows.len(), *unattributed) }</p>
            if any {
                <chart::WhoChart rows={Rc::clone(&shown)} />
            }
            <table::WhoTable rows={shown} on_pick={props.on_pick.clone()} />
            <div class="dialog-actions">
                <button type="button" onclick={on_export} disabled={!any}>{ "Export who said what" }</button>
                <button type="button" class="primary" onclick={props.on_close.clone()}>{ "Close" }</button>
            </div>
        </Modal>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the rows add up to, and what is not in them.
fn summary(shown: &[who::Row], all: usize, unattributed: usize) -> String {
    let said: usize = shown.iter().map(who::Row::total).sum();
    let mut text = if all == 0 {
        "No actors are marked here yet: mark who speaks as Actor, then give quotes and claims their source.".to_owned()
    } else if shown.is_empty() {
        "No name matches the filter.".to_owned()
    } else {
        format!(
            "{}, {} attributed.",
            plural(
                shown.len(),
                "person or organisation",
                "people and organisations"
            ),
            plural(said, "quote or claim", "quotes and claims")
        )
    };
    if unattributed > 0 {
        text.push(' ');
        text.push_str(&format!(
            "{} without a source {} not counted.",
            plural(unattributed, "quote or claim", "quotes and claims"),
            if unattributed == 1 { "is" } else { "are" }
        ));
    }
    text
}
