//! The rows of "Who said what": one per person or organisation, its counts in the summary; open
//! it (a `details` element: Enter, Space or a click) for its quotes and claims, each a button
//! that opens its article with it selected.

use std::rc::Rc;

use gloss_core::who::{self, Item, COUNTED};
use yew::prelude::*;

use crate::model::{AnnotationId, DocumentId, Label};

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub rows: Rc<Vec<who::Row>>,
    pub on_pick: Callback<(DocumentId, AnnotationId)>,
}

fn counted(n: usize, label: Label) -> String {
    let name = label.slug();
    format!("{n} {name}{}", if n == 1 { "" } else { "s" })
}

/// How long a quote is shown in the list before it is cut.
const TEXT_CHARS: usize = 240;

fn cut(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= TEXT_CHARS {
        text
    } else {
        let cut: String = text.chars().take(TEXT_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn item(item: &Item, on_pick: &Callback<(DocumentId, AnnotationId)>) -> Html {
    let pick = (item.document, item.annotation);
    let onclick = on_pick.reform(move |_: MouseEvent| pick);
    let mut place = vec![item.title.clone()];
    place.extend(item.date.map(|d| d.to_string()));
    html! {
        <li key={item.annotation.to_string()} class="who-item">
            <span class={classes!("tag", format!("label-{}", item.label.slug()))}>{ item.label.name() }</span>
            <div class="who-item-main">
                <button type="button" class="link who-quote" {onclick} data-annotation={item.annotation.to_string()}>
                    { cut(&item.text) }
                </button>
                <p class="who-item-meta">
                    <span>{ format!("as “{}”", item.mention) }</span>
                    <span>{ place.join(" · ") }</span>
                </p>
            </div>
        </li>
    }
}

#[derive(Properties)]
struct RowProps {
    /// All rows (shared, never copied) and which one this is.
    rows: Rc<Vec<who::Row>>,
    at: usize,
    on_pick: Callback<(DocumentId, AnnotationId)>,
}

impl PartialEq for RowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rows, &other.rows) && self.at == other.at && self.on_pick == other.on_pick
    }
}

/// One row. Its quotes and claims are put in the page the first time it is opened (a click
/// on its summary, or Enter or Space there, which the browser turns into a click): a library's
/// rows hold tens of thousands of them, most never looked at.
#[component]
fn WhoRow(props: &RowProps) -> Html {
    let opened = use_state(|| false);
    let Some(row) = props.rows.get(props.at) else {
        return Html::default();
    };
    let counts: Vec<String> = COUNTED
        .iter()
        .map(|&label| counted(row.count(label), label))
        .collect();
    let mentions = format!(
        "{} mention{}",
        row.mentions,
        if row.mentions == 1 { "" } else { "s" }
    );
    let onclick = {
        let opened = opened.clone();
        Callback::from(move |_: MouseEvent| {
            if !*opened {
                opened.set(true);
            }
        })
    };
    html! {
        <details>
            <summary {onclick}>
                <span class="who-name-cell">{ row.name.clone() }</span>
                <span class="who-counts">
                    <span class="who-total-cell">{ row.total() }</span>
                    <span class="who-breakdown">{ format!("{} · {mentions}", counts.join(" · ")) }</span>
                </span>
            </summary>
            if row.items.is_empty() {
                <p class="who-none">{ "Mentioned, but no quote or claim is attributed." }</p>
            } else if *opened {
                <ul class="who-items">{ for row.items.iter().map(|i| item(i, &props.on_pick)) }</ul>
            }
        </details>
    }
}

#[component]
pub fn WhoTable(props: &TableProps) -> Html {
    let rows = props.rows.iter().enumerate().map(|(at, row)| {
        html! {
            <li key={row.key.slug()} class="who-row-entry" data-key={row.key.slug()}>
                <WhoRow rows={Rc::clone(&props.rows)} {at} on_pick={props.on_pick.clone()} />
            </li>
        }
    });
    html! {
        <ul class="who-list" aria-label="People and organisations">{ for rows }</ul>
    }
}
