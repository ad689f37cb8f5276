//! Which articles the library's figures pool: every article two annotators or more marked,
//! each with a box to leave it out (all in at first).

use std::collections::BTreeSet;

use yew::prelude::*;

use gloss_core::model::DocumentId;

/// An article that can be compared: its id, title and how many annotators marked it.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparable {
    pub id: DocumentId,
    pub title: AttrValue,
    pub annotators: usize,
}

#[derive(Properties, PartialEq)]
pub struct ArticlesProps {
    pub articles: Vec<Comparable>,
    /// The articles left out.
    pub left_out: BTreeSet<DocumentId>,
    /// An article's box changed: its id and whether it is in.
    pub on_toggle: Callback<(DocumentId, bool)>,
}

#[component]
pub fn ArticlePicker(props: &ArticlesProps) -> Html {
    if props.articles.is_empty() {
        return html! {};
    }
    let boxes = props.articles.iter().map(|a| {
        let id = a.id;
        let onchange = props.on_toggle.reform(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            (id, input.checked())
        });
        html! {
            <label class="compare-article">
                <input type="checkbox" checked={!props.left_out.contains(&a.id)} {onchange} />
                { format!("{} ({} annotators)", a.title, a.annotators) }
            </label>
        }
    });
    let chosen = props
        .articles
        .iter()
        .filter(|a| !props.left_out.contains(&a.id))
        .count();
    html! {
        <fieldset class="compare-articles">
            <legend>{ format!("Articles compared: {chosen} of {}", props.articles.len()) }</legend>
            { for boxes }
        </fieldset>
    }
}
