//! The open article's disagreements, to settle into the curated layer: how many places the
//! annotators' marks meet and how many are settled, "Accept all agreed (N)", the steps between
//! disagreements, and one [`Disagreement`] per place where they differ.

use std::rc::Rc;

use yew::prelude::*;

use super::disagreements::Disagreement;
use gloss_core::agree::disagree::{self, Choice};
use gloss_core::model::offsets::TextIndex;
use gloss_core::model::{Document, Label, Span};
use gloss_core::state::curating::{self, Comparison, Settled};

#[derive(Properties, PartialEq)]
pub struct CurationProps {
    pub doc: Rc<Document>,
    pub index: Rc<TextIndex>,
    pub compared: Rc<Comparison>,
    /// The disagreements: indices into `compared.items`, in text order.
    pub list: Rc<[usize]>,
    /// The selected disagreement (an index into `compared.items`).
    pub selected: Option<usize>,
    /// A disagreement chosen (its index into `compared.items`).
    pub on_select: Callback<usize>,
    /// "Next disagreement" (`true`) or "Previous disagreement".
    pub on_step: Callback<bool>,
    pub on_curate: Callback<(Label, Span, Choice, usize)>,
    pub on_accept_agreed: Callback<usize>,
    pub on_show_curated: Callback<()>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[component]
pub fn Curation(props: &CurationProps) -> Html {
    let doc = &props.doc;
    let c = &props.compared;
    let names: Rc<[String]> = c.names.clone().into();
    // What the curated layer holds at each place, once per render.
    let status: Vec<Settled> = c.items.iter().map(|i| curating::settled(doc, i)).collect();
    let agreed: Vec<_> = c
        .items
        .iter()
        .zip(&status)
        .filter(|(i, s)| i.agreed && **s == Settled::Open)
        .map(|(i, _)| i)
        .collect();
    let agreed_marks: usize = agreed.iter().map(|i| disagree::agreed_marks(i).len()).sum();
    let settled = props
        .list
        .iter()
        .filter_map(|&i| status.get(i))
        .filter(|s| **s != Settled::Open)
        .count();
    let on_accept = props
        .on_accept_agreed
        .reform(move |_: MouseEvent| agreed_marks);
    let count = props.list.len();
    let rows = props.list.iter().enumerate().filter_map(|(n, &i)| {
        let item = c.items.get(i)?;
        let marks: usize = item.versions.iter().map(Vec::len).sum();
        let (label, span) = (item.label, item.span);
        let on_choose = props
            .on_curate
            .reform(move |choice| (label, span, choice, marks));
        let on_select = props.on_select.reform(move |()| i);
        Some(html! {
            <Disagreement
                key={format!("{}-{}-{}", label.slug(), span.start, span.end)}
                doc={Rc::clone(doc)}
                index={Rc::clone(&props.index)}
                names={Rc::clone(&names)}
                item={Rc::new(item.clone())}
                settled={status.get(i).cloned().unwrap_or(Settled::Open)}
                number={n + 1}
                of={count}
                selected={props.selected == Some(i)}
                {on_choose}
                {on_select}
            />
        })
    });
    let prev = props.on_step.reform(|_: MouseEvent| false);
    let next = props.on_step.reform(|_: MouseEvent| true);
    let show_curated = props.on_show_curated.reform(|_: MouseEvent| ());
    html! {
        <section class="curation" aria-labelledby="curation-title">
            <h3 id="curation-title">{ "Disagreements" }</h3>
            <p class="curation-summary" role="status">
                { format!(
                    "{} where marks meet: {} agreed, {} ({} settled). Settled marks go into the curated layer.",
                    plural(c.items.len(), "place", "places"),
                    c.items.len() - count,
                    plural(count, "disagreement", "disagreements"),
                    settled
                ) }
            </p>
            <div class="curation-actions">
                <button type="button" class="primary" onclick={on_accept} disabled={agreed.is_empty()}>
                    { format!("Accept all agreed ({})", agreed.len()) }
                </button>
                <button type="button" onclick={prev} disabled={count == 0} aria-keyshortcuts="P">{ "Previous disagreement" }</button>
                <button type="button" onclick={next} disabled={count == 0} aria-keyshortcuts="N">{ "Next disagreement" }</button>
                <button type="button" onclick={show_curated}>{ "Show the curated layer" }</button>
            </div>
            <div class="disagreements">{ for rows }</div>
        </section>
    }
}
